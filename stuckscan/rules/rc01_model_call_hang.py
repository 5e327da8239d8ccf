"""RC01: the session's active work is a model call that never returned."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from stuckscan.events import (
    AGENT_END_WAIT_FIELD,
    FIRST_TOKENS_CHARS,
    RUN_TIMEOUT_ECHO,
    SILENT_STREAK_FIELD,
    TIMED_OUT_RUN_FIELD,
    Event,
    busy_until_cap,
    cli_turn_failed_over_after_wait,
    codex_startup_never_finished,
    connection_cut_after_wait,
    cron_timed_out_on_model,
    echoes_busy_run_cap,
    event_order,
    failover_echoes_run_timeout,
    hung_model_fetch,
    hung_transcript_turn,
    lane_held_until_model_timeout,
    model_call_timed_out,
    model_timeout_failed_fast,
    overdue_channel_turn,
    returned_on_short_timeout,
    slow_answered_turn,
    timeout_failover_failed_fast,
    timeout_failover_was_no_hang,
    tool_timeout_seconds,
    transcript_wait_ms,
    waited_the_threshold,
)
from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import (
    Candidate,
    abort_at_the_floor,
    after_idle_timeout,
    cite,
    codex_items_done,
    end_in_stop_wait,
    every_candidate_timed_out,
    failed_on_lock_before,
    field_text,
    healthy_abort_signs,
    is_terminal_progress,
    lone_run_timeout,
    mentions_lock,
    progress_phrase,
    progress_predates_stall,
    quiet_cli_backend_turn,
    reports_completion_idle,
    run_held_after,
    stale_progress,
    terminal_worker_outcome,
    unnamed_abort_of_held_run,
)
from stuckscan.rules._rule import WEDGED_POLICY, Fix, FixContext, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import IncidentView


def _old_recovery(context: FixContext) -> bool:
    return context.build.rank < 5


def _codex_never_started(context: FixContext) -> bool:
    return bool(context.fact("codex_never_started"))


RULE = Rule(
    "RC01", "model-call-hang", "Model call hang / no first token",
    "The session's active work is a model call that never returned a first token or completed.",
    WEDGED_POLICY, Severity.WARNING, "session",
    ("`stalled session:` or `long-running session:` with `activeWorkKind=model_call` or "
     "`lastProgress=model_call:started` (or `embedded_run:started` with no later progress)",
     "`embedded run failover decision ... reason=timeout` or `rawError=Request was aborted` (not the failover of a run "
     "whose agent end carries the provider's answer or a connection that failed at once: it adds nothing)",
     "`embedded run agent end ... isError=true error=LLM request timed out.` with no raw error or a raw timeout; its "
     "raw error decides: a provider's answer (overloaded, 429, a 4xx/5xx body, billing, auth, an unknown model, a "
     "context overflow, a stream parse error) or a connection that failed at once (`fetch failed`, `Connection "
     "error`, `ECONNREFUSED`) is no fault, even under `failoverReason=timeout` (labelling policy \"embedded run agent "
     "end with an error\")",
     "`embedded run agent end ... isError=true error=terminated` (the request's connection cut) after its run had "
     "waited 10 s or more, from the run's start or, for a retry, from the same run's previous agent end; a bare "
     "`terminated` with no wait visible is no fault",
     "the CLI backend's `FailoverError: CLI failed.` (its child exited with nothing on stdout or stderr) on the line "
     "right below `typing TTL reached (2m)` (the reply pending that long): read as the CLI's no-output watchdog; "
     "alone, the child may have died at once, and it is no fault",
     "a CLI backend's turn that the CLI failed over after waiting 10 s or more (`claude live session turn failed: "
     "... durationMs=153625 error=FailoverError`, or `error=timeout` on newer builds): the CLI gave the turn up with "
     "no answer; an `error=AbortError` turn is an abort's doing and no such evidence (labelling policy \"watchdog "
     "abort of a run at the abort point\")",
     "`LLM idle timeout (Ns)`", "`model fallback decision: decision=candidate_failed ... reason=timeout` (not when its "
     "error names no timeout and the lane tasks that failed with it held their lanes under 30 s: the provider refused "
     "the request at once, a failure the user was told of; nor when its detail is the Codex auth refresh's own "
     "`auth refresh request timed out after Ns`, with or without a next candidate)",
     "the idle timeout as the user is told it (`The model did not produce a response before the model idle "
     "timeout`), a stream's first-event timeout (`HTTP stream opened but did not deliver a first SSE event within "
     "Nms`), an auth profile's `Profile <id> timed out. Trying next account...`",
     "an `activeWorkKind=embedded_run` stall with no `lastProgress` at all (or a Codex app-server notification "
     "from mid-turn, `codex_app_server:notification:thread/tokenUsage/updated`) and no tool seen: low confidence",
     "`[model-fetch] error ... elapsedMs=N` with N at or past the warn threshold (a request that hung, then was "
     "aborted)",
     "a channel worker aborting a turn past its own long budget (`discord inbound worker timed out after 1800 "
     "seconds`) with no tool seen: low confidence",
     "a lane task that held its lane the warn threshold or more and ended on the model's timeout (`lane task error: "
     "lane=cron durationMs=180004 error=\"FailoverError: LLM request timed out.\"`), whatever the lane took next, or "
     "held it at least the whole budget of the run timeout it ended a moment after (the task may start before its run, "
     "so a longer hold counts too); "
     "not the run's own lane task, nor an auth profile's `Profile <id> timed out`, just after a run timeout whose run's "
     "tool lines went on until shortly before the cap (a tool call open under the warn threshold, or a tool's end under "
     "10 s before it or no longer before it than the run's slowest model turn that answered): they name the cap, no "
     "model wait is shown (labelling policy \"model-timeout lane task: judge the wait, not the lane total\")",
     "a cron job out of its own timeout with its model call under way (`cron: job execution timed out (last phase: "
     "model-call-started)`, as a log line, the job's last error or its run record); another phase is the job's own "
     "work outlasting its budget",
     "a fallback summary in which every candidate timed out (`All models failed (4): a/m: This operation was "
     "aborted (timeout) | ...`), or at least half of them (two or more) with the rest refused at once (a rejected key, "
     "a rate limit, an unknown model), or one when the record says the run took the warn threshold or more (a cron "
     "run's `durationMs`: refusals take no time); not after a run's own timeout, whose failover only echoes it, and not "
     "when the lane tasks that failed with it held their lanes under 30 s; nor is an attempt's `LLM request timed out.` "
     "inside a lane task that failed on it within 30 s (a local proxy's quick timeout: the chain failed at once), or a "
     "cron run record's `LLM request timed out.` whose every run's own `durationMs` is under 10 s (a quick refusal; "
     "the run's duration is the wait: labelling policy \"cron run record with a model-timeout error\"), or an "
     "`LLM request timed out.` (bare, a lane task's or a run's error) after a Codex `turn idle timed out waiting for "
     "completion` (that attempt's failover error: a ghost run's, labelling policy \"Codex completion-idle timeout\"; "
     "within 60 s of it, or a lane task already under way at it, of the same run when both name one)",
     "in a session transcript, two or more failed turns inside one turn (no user message and no model output between) "
     "that ended on their request's own timeout (`Request timed out.`) or their connection cut (`terminated`) with "
     "nothing produced, their waits adding up to 120 s or more; timeouts that each close their own turn, or that the "
     "run gets past, are no fault (labelling policies \"short model request timeout\", \"failed turn in a session "
     "transcript\")",
     "in a session transcript, a turn that answered with only a few tokens after waiting on its model request for the "
     "warn threshold or more (it answered, but sat silent before its first token)",
     "in a session transcript, an assistant turn that failed (`stopReason` error or aborted) after waiting on its "
     "model request for the warn threshold or more, with nothing or only its first few characters produced, or far "
     "less than a working stream yields in that time, and no refusal (429, overloaded, quota, a rejected key); or a "
     "run's prompt failure that long after the entry before it with no tool call pending and no turn written with it",
     "a run whose cleanup says it timed out (`run cleanup: ... timedOut=true`), with the run's start in the log and no "
     "tool call in it: low confidence",
     "`[timeout-compaction] LLM timed out with high prompt token usage (N%); attempting compaction before retry`: "
     "logged only for an attempt that timed out outside a compaction and a tool call (not after a Codex `turn idle timed "
     "out waiting for completion` within 60 s: that attempt's timeout reported again, a ghost run's)",
     "the Codex harness's watchdogs: no progress (`... waiting for progress`), or no terminal event for 30 minutes "
     "after anything but a completed item (`turn.terminal_idle_timeout` after a tool result)",
     "a run that used its whole time budget and ended with no answer, no tool or compaction seen (a tool call that "
     "ended, `embedded run tool end:` with every call started ended, or returned on its own deadline under the warn "
     "threshold, `[tools] image failed: ... timed out after 60000ms` or `Command timed out after 30 seconds`, is a "
     "completed call: seen only when it came shortly before the cap, the run still working; labelling policy \"tool "
     "call open at the run cap\"): its timeout reply "
     "(`Request timed out before a response was generated. ...`, as a channel's reply, a cron run's error), or its run "
     "timeout closed by its own failed end (`[agent] run <id> ended with stopReason=error`) or by its lane task lasting the "
     "whole budget (`lane task done: lane=subagent durationMs=300093` after `timeoutMs=300000`) or failing at it with "
     "the run's own `FailoverError` (`lane task error: \"FailoverError: ...\"`, no lane or duration, within 2 s), or a session's "
     "channel turns lasting the run budget (`agents.defaults.timeoutSeconds`, 600 s by default) twice or more "
     "(`feishu[<acct>]: dispatching to agent (session=<key>)` ... `dispatch complete (...)` that long later): low "
     "confidence",
     "a lone run timeout (`embedded run timeout: ... timeoutMs=N` the excerpt's only fault line, alone or followed by "
     "the run's end or its own `failover decision ... reason=timeout`, labelling policy \"run timeout with a timeout "
     "failover decision\"; in a paste without times, also followed by lines that open no fault of their own, such as "
     "`lane enqueue` or another task's `lane task error`, which untimed cannot show a minute with no run end) with "
     "nothing after it showing the run or its lane still held: the run spent its whole budget with "
     "no progress shown (labelling policy \"lone embedded run timeout\"): low confidence",
     "a lane task that held its lane the warn threshold or more waiting on a Codex app-server that never finished "
     "starting (`lane task error: lane=main durationMs=1785599 error=\"Error: codex app-server startup aborted\"`)",
     "a bare `stuck session recovery: ... action=abort_embedded_run` at the abort threshold's age (within a minute of "
     "it) as the only detection: no stall warning before it, no work named but the embedded run, nothing failing, no "
     "CLI backend named for the turn and no progress line inside the span its `age` counts (labelling policy "
     "\"watchdog abort of a run at the abort point\"); so is such an abort whose lines give no `age` "
     "(`action=abort_embedded_run aborted=true drained=false released=0`, an outcome with `forceCleared=true`) when "
     "no queueDepth above 0 shows work left waiting: released=0 is also what an abort prints with nothing queued "
     "(labelling policy \"recovery abort with released=0\"): low confidence",
     "a run held active past the abort threshold (360 s by default) with no progress, tool or end line, ended by an "
     "abort that names no source: `run active check: ... active=true` from its first such line to `aborting run:` that "
     "long later, or a `message processed: ... duration=<N>ms reason=reply_operation_aborted` of that long; not a run "
     "aborted before the abort point, an abort whose source a line names (a user's stop, `reason=fast_abort`), a CLI "
     "backend's turn, or lines beside it that show the run progressing, ending, warned of or recovered (labelling "
     "policy \"a long run ended by an abort that names no source\"): low confidence"),
    ("`lastProgressAge` close to `age`: no progress since the call started", "no tool events during the stall",
     "a `[model-fetch] start ... timeoutMs=` with no `[model-fetch] response` (or `error`) after it"),
    (Fix("Set `agents.defaults.llm.idleTimeoutSeconds` or `models.providers.<id>.timeoutSeconds`, keeping them "
         "below `diagnostics.stuckSessionAbortMs` (#121018)."),
     Fix("Configure fallback models so a hung provider fails over."),
     Fix("Upgrade to a build with phase-safe recovery (#93655) so fallback is tried.", _old_recovery,
         "the log's build predates mid-2026"),
     Fix("Check the provider's status page."),
     Fix("Check that the Codex app-server starts on this host (the `codex` command and, after an upgrade, the "
         "plugin's runtime dependencies), and give its startup a bound of its own.", _codex_never_started,
         "the run waited on a Codex app-server that never finished starting")),
    ("#121018", "#93655"),
    notes=("The Codex harness's `auth refresh request timed out after Ns` (bare, as `FailoverError: ...`, as a run's "
           "or lane task's error, or as a fallback decision's detail) is the Codex app-server's deadline on refreshing "
           "its OAuth tokens, a credential step before any model request: no model call waited, so it is no RC01 "
           "evidence and, alone, no fault (labelling policy \"Codex auth refresh timeout\"). A model call's own "
           "timeout (`LLM request timed out`, `This operation was aborted (timeout)`, `LLM idle timeout`) still is.",),
    confirm="A longer log would show whether a `[model-fetch] response` or a later progress value ever arrived "
            "for this run, and whether the stall warnings went on.",
)


def _stuck_for(view: IncidentView) -> float:
    """How long the run went without progress: the warnings' age, or (when a paste cut it) the
    age of their last progress, or how long a lane task held its lane until the model timed out."""
    progress = [w.seconds.get("lastProgressAge", 0.0) for w in view.warnings]
    # (a lane task that ended on the model's timeout states how long it held its lane)
    held = [e.seconds.get("durationMs", 0.0) for e in view.events("lane.task_error")
            if lane_held_until_model_timeout(e, view.thresholds.warn_seconds)]
    return max([view.record.max_age, *progress, *held])


def past_the_model_call(warning: Event) -> bool:
    return is_terminal_progress(field_text(warning, "lastProgress")) or warning.fields.get("terminalProgressStale") is True


def _lane_moved_on(error: Event, dequeues: list[Event]) -> bool:
    """Whether the lane took another task after ``error`` ended one: the stall is that next task's."""
    return error.kind == "lane.task_error" and any(
        d.fields.get("lane") == error.fields.get("lane") and (d.source, d.line) > (error.source, error.line)
        for d in dequeues)


def mid_turn_or_unknown(progress: str) -> bool:
    """No progress value, or a Codex app-server notification from the middle of a turn (a token-usage update):
    the run last heard from its model, and no tool or ending followed."""
    return not progress or (progress.startswith("codex_app_server:notification:") and not is_terminal_progress(progress))


def _returned_before_cap(view: IncidentView, caps: list[Event]) -> list[Event]:
    """The tool lines of calls that completed before every one of ``caps`` (the lines that end a run on its whole time
    budget), when the times show the run no longer busy at each cap (:func:`busy_until_cap`): calls that returned on
    their own deadline under the warn threshold (:func:`returned_on_short_timeout`, such a call counting as a tool's
    end), and the run's tool starts and ends when every call started has ended (`embedded run tool end:`). A completed
    tool call, the wait after it the model's (labelling policy "tool call open at the run cap": a completed tool, then
    nothing for a long time). An untimed line, a call still open, or a tool's end shortly before a cap (the run still
    working) counts as a tool seen, as before."""
    warn = view.thresholds.warn_seconds
    short = [e for e in view.events("tools.timeout") if returned_on_short_timeout(e, warn)]
    ended = _completed_tool_lines(view)
    if not (short or ended) or not caps or any(e.time is None for e in (*short, *ended, *caps)):
        return []
    lines = view.events("embedded.run_start", "embedded.agent_start", "embedded.prompt_start", "embedded.tool_start",
                        "embedded.tool_end", "tools.timeout")
    if any(busy_until_cap(lines, cap, warn) is not None for cap in caps):
        return []
    return [e for e in sorted((*short, *ended), key=event_order)
            if all(e.time <= cap.time for cap in caps)]  # type: ignore[operator]


def _completed_tool_lines(view: IncidentView) -> list[Event]:
    """The incident's `embedded run tool start:` and `embedded run tool end:` lines when every start has its end after
    it (the same run and toolCallId, or tool where no id is given), else none: a call still open is a tool seen."""
    starts, ends = view.events("embedded.tool_start"), view.events("embedded.tool_end")
    if not ends:
        return []
    unmatched = list(ends)
    for start in starts:
        key = _tool_call_key(start)
        match = next((e for e in unmatched if _tool_call_key(e) == key and (e.source, e.line) > (start.source, start.line)),
                     None)
        if match is None:
            return []
        unmatched.remove(match)
    return [*starts, *ends]


def _tool_call_key(event: Event) -> tuple[str, str]:
    return field_text(event, "runId"), field_text(event, "toolCallId") or field_text(event, "tool")


def _no_tool_open(returned: list[Event], caps: list[Event]) -> str:
    """"with no tool seen", or, when tool calls completed (or returned on their own short deadline) well before the
    cap, which and when."""
    if not returned:
        return "with no tool seen"
    last = returned[-1]
    tool = field_text(last, "tool") or "tool"
    before = min(cap.time for cap in caps if cap.time is not None) - last.time  # type: ignore[operator]
    if last.kind != "tools.timeout":
        return (f"with no tool call open at the end (the `{tool}` call ended {before.total_seconds():.0f} s "
                "before)")
    return (f"with no tool call open at the end (the `{tool}` call returned on its own {tool_timeout_seconds(last):g} s "
            f"timeout {before.total_seconds():.0f} s before)")


def detect(view: IncidentView) -> Candidate | None:
    compaction = view.events("embedded.compaction", "compaction.overflow", "compaction.overflow_diag", "compaction.timeout")
    # (a turn queued behind other active work while a compaction runs waits on the compaction, not its model call)
    strong = view.warnings_where(lambda w: stale_progress(w, view.thresholds.warn_seconds) and (
        field_text(w, "activeWorkKind") == "model_call"
        or field_text(w, "lastProgress") == "model_call:started"
        or field_text(w, "reason") in ("active_model_call_without_progress", "repeated_model_requests_without_progress"))
        and not (compaction and field_text(w, "reason") == "queued_behind_active_work")
        # (a model call whose last progress says its output completed, "...:item/completed", did answer: the wait
        # after it is the run's, RC02's ghost run)
        and not past_the_model_call(w))
    started_only = [] if compaction or quiet_cli_backend_turn(view) else view.warnings_where(
        lambda w: stale_progress(w, view.thresholds.warn_seconds) and field_text(w, "lastProgress") == "embedded_run:started"
        and field_text(w, "activeWorkKind") != "tool_call" and not progress_predates_stall(w, view.thresholds.warn_seconds))
    # An embedded run stalled with no progress value at all (a build or a paste without lastProgress) and no tool
    # seen: the run's wait is its model call as far as the lines go (low confidence).
    tools_seen = view.events("embedded.tool_start", "embedded.tool_end", "tools.timeout", "tools.browser_failed",
                             "tools.browser_unreachable", "tools.approval_timeout", "mcp.request_timeout")
    unreported = [] if compaction or tools_seen or quiet_cli_backend_turn(view) else view.warnings_where(
        lambda w: field_text(w, "activeWorkKind") == "embedded_run" and mid_turn_or_unknown(field_text(w, "lastProgress"))
        and not field_text(w, "activeTool") and stale_progress(w, view.thresholds.warn_seconds)
        and field_text(w, "reason") in ("", "active_work_without_progress"))
    # (a stall warning the stuck-session recovery then answered with "status=failed action=fail_worker_turn
    # reason=terminal_worker" was of a turn whose session placement worker had already failed or been torn down: the
    # recovery checks that first, whatever the activity says (src/logging/diagnostic-stuck-session-recovery.runtime.ts,
    # recoverTerminalSessionPlacementTurn), and fails the turn with the worker's own error. A dead worker process is
    # no model call left hanging, so the warnings up to that outcome are no sign of one)
    dead_worker = [e for e in view.events("recovery.outcome") if terminal_worker_outcome(e)]
    if dead_worker:
        last_dead = max(event_order(e) for e in dead_worker)
        strong = [w for w in strong if event_order(w) > last_dead]
        started_only = [w for w in started_only if event_order(w) > last_dead]
        unreported = [w for w in unreported if event_order(w) > last_dead]
    # A channel worker aborting a turn that ran past its own long budget, no tool seen: the same guess. So is a run
    # that used its whole time budget and ended with no answer (its failed end, or its lane task lasting the budget,
    # closing its run timeout).
    caps = [e for e in view.events("embedded.run_end", "lane.task_done", "run.cleanup", "channel.dispatch_completed",
                                   "lane.task_error") if TIMED_OUT_RUN_FIELD in e.seconds]
    # (... or its timeout reply, "Request timed out before a response was generated": no payload when its time ran out)
    caps += view.events("run.timed_out_no_reply")
    # (a tool call that ended, or returned on its own short deadline, well before the cap is a completed call, not one
    # open at it: the run's time after it was its model's; labelling policy "tool call open at the run cap")
    returned = _returned_before_cap(view, caps)
    spent = [] if compaction or [e for e in tools_seen if e not in returned] else caps
    # (... or a run timeout with nothing after it showing the run or its lane still held: the run's overall timer
    # fired with no progress shown, and aborted it; a timeout left holding its lane is RC15's)
    lone = [e for e in view.events("embedded.timeout") if not run_held_after(view, e)] if lone_run_timeout(view) else []
    if not (compaction or tools_seen):
        unreported += [e for e in view.events("channel.handler_timeout")
                       if overdue_channel_turn(e, view.thresholds.warn_seconds)]
        unreported += lone
    unreported += spent
    idle = view.events("llm.idle_timeout", "model_fetch.start", "cli.watchdog_timeout", "model.profile_timeout")
    idle += [e for e in view.events("model_fetch.end") if hung_model_fetch(e, view.thresholds.warn_seconds)]
    # (a CLI backend's turn that the CLI itself failed over after a wait: its model call gave no answer in that time)
    cli_failovers = [e for e in view.events("cli.turn_failed") if cli_turn_failed_over_after_wait(e)]
    idle += cli_failovers
    empty_turns = [e for e in view.events("transcript.turn_failed") if hung_transcript_turn(e, view.thresholds.warn_seconds)]
    # (or that timed out with nothing produced, again inside one turn, no user message or model output between, the
    # turn held that long in all: requests that each close their own turn, or that the run gets past, held nothing)
    timeouts = [e for e in view.events("transcript.turn_failed")
                if waited_the_threshold(e.seconds.get(SILENT_STREAK_FIELD, 0.0), view.thresholds.warn_seconds)]
    empty_turns += [e for e in timeouts if e not in empty_turns]
    # (a run's prompt failure long after the entry before it with no turn written: the model request produced nothing)
    empty_turns += view.events("transcript.silent_prompt_failure")
    # (... or a turn that answered at last, with a few tokens after minutes of silence)
    answered = [e for e in view.events("transcript.turn_ended") if slow_answered_turn(e, view.thresholds.warn_seconds)]
    empty_turns += answered
    idle += empty_turns
    dequeues = view.events("lane.dequeue")
    lane_errors = view.events("lane.task_error")
    # (a task that held its lane the warn threshold or more before its model timed out hung that long itself,
    # whatever the lane took next, unless the finding is the lane's stall behind that next task)
    held_own = view.record.opened_by != "lane_stall"
    idle += [e for e in view.events("embedded.agent_end", "lane.task_error", "model.request_timeout",
                                    "compaction.timeout_recovery")
             if model_call_timed_out(e) and not model_timeout_failed_fast(e, lane_errors)
             and (not _lane_moved_on(e, dequeues) or held_own
                                             and lane_held_until_model_timeout(e, view.thresholds.warn_seconds))]
    idle += [e for e in view.events("lock.takeover", "lane.task_error") if after_idle_timeout(e) and e not in idle]
    # (a cron job out of its own timeout in the model-call phase: the model never answered within the job's budget)
    cron_timeouts = [e for e in view.events("cron.job_timeout") if cron_timed_out_on_model(e)]
    idle += cron_timeouts
    # (a task that held its lane that long waiting on a Codex app-server that never finished starting: the model
    # backend never answered)
    backend = [e for e in view.events("lane.task_error") if codex_startup_never_finished(e)
               and lane_held_until_model_timeout(e, view.thresholds.warn_seconds)]
    idle += [e for e in backend if e not in idle]
    # the Codex harness's watchdogs: no progress notification within the attempt's idle budget, or no terminal event
    # for its 30 minutes after anything but a completed item (the app-server went silent mid-turn)
    idle += [e for e in view.events("codex.turn_idle_timeout") if field_text(e, "waitingFor") == "progress"
             or (field_text(e, "waitingFor") == "terminal event" and not codex_items_done(e))]
    failover = [e for e in view.events("embedded.failover", "model.fallback_decision")
                if not mentions_lock(e) and not failed_on_lock_before(e, lane_errors) and not timeout_failover_was_no_hang(e)
                and not timeout_failover_failed_fast(e, lane_errors)
                and (field_text(e, "reason") == "timeout" or "Request was aborted" in e.message
                     or "Request was aborted" in field_text(e, "rawError"))]
    failover += [e for e in view.events("model.all_failed") if every_candidate_timed_out(e, view.thresholds.warn_seconds)]
    # (a run's own timeout fails the run over with reason=timeout: that decision says no more than the timeout did)
    run_timeouts = view.events("embedded.timeout")
    failover = [e for e in failover if not failover_echoes_run_timeout(e, run_timeouts)]
    # (a turn that failed before its reply on its model request's abort, "Embedded|Followup agent failed before reply:
    # Request was aborted", reads as the failover's rawError does, unless a run timeout came within its echo before it:
    # that abort was the timeout's own)
    failover += [e for e in view.events("run.request_aborted")
                 if not any(t.time is not None and e.time is not None
                            and timedelta(0) <= e.time - t.time <= RUN_TIMEOUT_ECHO for t in run_timeouts)]
    # (after a Codex turn timed out waiting for its completion, its attempt's timeout reports are that ghost run's)
    completion_idle = [e for e in view.events("codex.turn_idle_timeout") if codex_items_done(e)]
    idle = [e for e in idle if not reports_completion_idle(e, completion_idle)]
    # (a run timeout's failover lines, when the run's tools went on until shortly before its cap, name the cap only)
    idle = [e for e in idle if not echoes_busy_run_cap(e)]
    failover = [e for e in failover if not reports_completion_idle(e, completion_idle)]
    # (the watchdog's abort at the abort point as the only detection, with no CLI backend named and no progress
    # shown: the run went that long without progress as far as the lines go; labelling policy "watchdog abort of a run
    # at the abort point")
    floor_abort = abort_at_the_floor(view)
    bare_abort = [floor_abort] if floor_abort is not None and not healthy_abort_signs(view, floor_abort) else []
    # (a run held active past the abort point with no progress, tool or end line, ended by an abort that names no
    # source: it made no visible progress that long; labelling policy "a long run ended by an abort that names no
    # source")
    unnamed = unnamed_abort_of_held_run(view)
    held_abort = [unnamed[0]] if unnamed is not None and not quiet_cli_backend_turn(view) else []
    bare_abort += held_abort
    if not (strong or started_only or idle or failover or unreported or bare_abort):
        return None
    if not (strong or started_only or idle) and view.warnings_where(past_the_model_call):
        return None  # the warnings put the run past its model call: a timeout failover came after the turn ended
    confidence = Confidence.HIGH if strong else Confidence.MEDIUM if (started_only or idle) else Confidence.LOW
    basis = strong or started_only or (unreported if not failover else []) or bare_abort
    stuck = _stuck_for(view)
    outcome = "; no first token or completion arrived"
    if strong:
        detail = "the active work is a model call"
    elif started_only:
        detail = "the run never progressed past its start"
    elif backend and len(backend) == len(idle) and not failover:
        detail = "the Codex app-server the run waited on never finished starting"
    elif cron_timeouts and len(cron_timeouts) == len(idle) and not failover:
        detail = (f"{'a cron job' if len(cron_timeouts) == 1 else f'{len(cron_timeouts)} cron job runs'} ran out "
                  "the job's timeout with the model call under way (`last phase: model-call-started`)")
    elif answered and len(answered) == len(idle) and not failover:
        longest = max(transcript_wait_ms(e) for e in answered) / 1000
        detail = (f"{'a model request' if len(answered) == 1 else f'{len(answered)} model requests'} sat silent for up to "
                  f"{longest:.0f} s and then answered with only a few tokens (the session transcript's records)")
        outcome = "; the answer came only after the stall"
    elif empty_turns and len(empty_turns) == len(idle) and not failover:
        longest = max(transcript_wait_ms(e) for e in empty_turns) / 1000
        midway = any(int(e.fields.get("contentChars", 0)) > FIRST_TOKENS_CHARS for e in empty_turns)
        detail = (f"{'a model request' if len(empty_turns) == 1 else f'{len(empty_turns)} model requests'} waited up to "
                  f"{longest:.0f} s {'with little or no output, stalled mid-stream,' if midway else 'with no output'} "
                  "before failing (the session transcript's records)")
    elif cli_failovers and len(cli_failovers) == len(idle) and not failover:
        longest = max(e.seconds.get("durationMs", 0.0) for e in cli_failovers)
        detail = (f"the CLI backend failed {'a turn' if len(cli_failovers) == 1 else f'{len(cli_failovers)} turns'} over "
                  f"after waiting up to {longest:.0f} s with no answer (`claude live session turn failed`)")
    elif idle and not failover and all(e.fields.get("typingTtl") for e in idle):
        silent = max(e.seconds.get("noOutputSeconds", 0.0) for e in idle)
        detail = (f"the CLI backend's child exited printing nothing (`CLI failed.`) after the reply had been pending "
                  f"{silent:.0f} s (the typing indicator ran out its TTL on the line before)")
    elif idle and not failover and all(connection_cut_after_wait(e) for e in idle):
        longest = max(e.seconds.get(AGENT_END_WAIT_FIELD, 0.0) for e in idle)
        detail = (f"the model request's connection was cut (`terminated`) after the run had waited {longest:.0f} s "
                  "on it")
    elif idle or failover:
        detail = "the model call timed out"
    elif spent and len(spent) == len(unreported) and all(e.kind == "channel.dispatch_completed" for e in spent):
        budget = max(e.seconds[TIMED_OUT_RUN_FIELD] for e in spent)
        detail = (f"the session's channel turns ended at the {budget:.0f} s run budget again and again (each dispatch "
                  "to the agent lasted the budget), with no tool seen, so its runs were most likely waiting on the "
                  "model call")
        outcome = ""  # (the channel answered each turn: with the run's timeout error, most likely)
    elif spent and len(spent) == len(unreported):
        budget = max((e.seconds[TIMED_OUT_RUN_FIELD] for e in spent if TIMED_OUT_RUN_FIELD in e.seconds), default=0.0)
        detail = (f"the run used its whole {f'{budget:.0f} s ' if budget else ''}time budget and ended with no answer, "
                  f"{_no_tool_open(returned, spent)}, so it was most likely waiting on its model call")
    elif lone and len(spent) + len(lone) == len(unreported):
        budget = max((e.seconds.get("timeoutMs", 0.0) for e in lone), default=0.0)
        detail = (f"the run used its whole {f'{budget:.0f} s ' if budget else ''}time budget with no progress shown and "
                  "no tool seen, so it was most likely waiting on its model call (nothing after its timeout shows the "
                  "run or its lane still held)")
    elif held_abort and unnamed is not None and not unreported:
        what = "message" if held_abort[0].kind == "message.processed" else "run"
        detail = (f"the {what} was held {unnamed[1]:.0f} s, past the {view.thresholds.abort_seconds:.0f} s abort point, "
                  "with no progress, tool or end line, until an abort that names no source ended it, so it was most "
                  "likely waiting on its model call")
    elif bare_abort and not unreported:
        age = bare_abort[0].seconds.get("age")
        detail = (f"the stall detector aborted the run at {f'{age:.0f} s, ' if age is not None else ''}its abort point"
                  f"{'' if age is not None else ' (the line gives no age; nothing after it shows the session stalled again or queued work left waiting)'}, "
                  "with no CLI backend named and no progress shown, so it was most likely waiting on its model call")
    elif view.events("channel.handler_timeout"):
        detail = ("the channel's worker aborted a turn that outlived its budget with no tool seen, so it was most likely "
                  "waiting on its model call")
    else:
        detail = "the embedded run reported no progress and no tool was active, so it was most likely waiting on its model call"
    ended, after, stopped = end_in_stop_wait(view)
    if ended is not None and outcome.startswith("; no first token"):
        # (a signal's restart marker closed the incident, and the run went on in the stop's or restart's wait after it)
        outcome = (f"; the run {'ended normally' if ended.kind != 'embedded.tool_end' else 'moved on (a tool ended)'} "
                   f"{after:.0f} s after the gateway {stopped}, while the gateway waited for the work in flight")
    return Candidate(
        "RC01", confidence,
        (f"No progress for {stuck:.0f} s and {detail}" if stuck else detail[0].upper() + detail[1:])
        + f"{progress_phrase(view.record.progress_values)}{outcome}.",
        cite(basis[:2], basis[-1:], idle, failover), onset=view.record.last_progress or view.stall_start,
        # a guess from what the warnings lack is a fallback: it stands only when no rule reads anything else
        fallback=not (strong or started_only or idle or failover or bare_abort),
        facts={"codex_never_started": bool(backend)},
    )
