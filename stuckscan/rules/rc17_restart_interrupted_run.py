"""RC17: a gateway restart or config reload cut an active run short and left the session wedged."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from stuckscan.events import (
    CLI_RUN_START_KIND,
    DRAIN_STUCK_AFTER,
    IN_FLIGHT_KINDS,
    RESTART_WAIT_KINDS,
    STARTED_KINDS,
    STOPPED_RUN,
    event_order,
    refused_for_restart,
    work_start_refusal,
)
from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import Candidate, cite, field_text, first_time
from stuckscan.rules._rule import WEDGED_POLICY, Fix, FixContext, Rule

if TYPE_CHECKING:
    from collections.abc import Mapping

    from stuckscan.classifier import IncidentView
    from stuckscan.events import Event

RESTART_BEFORE_STALL = timedelta(minutes=5)
# The stop itself, as evidence: the correlator files it only when it cut such a wait (Correlator._restart_wait_cut_by).
STOP_KINDS = ("gateway.stop_killed", "gateway.process_killed", "gateway.process_exited", "gateway.signal",
              "gateway.signal_action")
RESTART_MARKERS = frozenset({"gateway.signal", "gateway.signal_action", "gateway.restart_mode", "gateway.draining",
                             "gateway.restarting", "gateway.reload_required"})


def _config_reload(context: FixContext) -> bool:
    return bool(context.fact("reload", False))


def _cron_cut(context: FixContext) -> bool:
    return bool(context.fact("cron", False))


def _session_cut(context: FixContext) -> bool:
    return not context.fact("cron_only", False)


def _agent_restarted_itself(context: FixContext) -> bool:
    return bool(context.fact("self_restart", False))


RULE = Rule(
    "RC17", "restart-interrupted-run", "Restart interrupted an in-flight run",
    "A gateway restart or config reload cut an active run short and left the session wedged.",
    WEDGED_POLICY, Severity.WARNING, "session",
    ("`signal SIGUSR1 received` / `received SIGUSR1; restarting` / `restart mode: ...` during a run",
     "`AbortError: This operation was aborted` after a restart marker (alone, any abort: a timeout's own, a /stop)",
     "a pasted session store row with `abortedLastRun` and the run's `restartRecoveryRuns` still in it",
     "`[main-session-restart-recovery] resumed interrupted main session: <sessionKey>`",
     "`main-session restart recovery complete: recovered=N failed=N skipped=N`",
     "`marked N startup-orphaned main session(s) for restart recovery`",
     "`forced restart requested; skipping active work drain`",
     "`drain timeout reached; proceeding with restart`, or in a log without warn lines a restart drain "
     "(`draining N active task(s) before restart (timeout Xms)`) whose next line comes at the budget's end (within "
     "10 s) with no `all active tasks drained` before it",
     "`restart reply drain timed out after 0ms with N pending reply(ies) still active`",
     "the process stopped (`signal SIGTERM received`, `received SIGTERM; shutting down`, systemd's `State "
     "'stop-sigterm' timed out. Killing.` / `Killing process <pid> (node) with signal SIGKILL`) while a restart still "
     "waited on active embedded runs (`[still] draining N active task(s) and M active embedded run(s) before restart`, "
     "`config change requires gateway restart ... deferring until ... M embedded run(s) complete`, M > 0)",
     "the process stopped (a stop signal, the service manager's kill) while a session's run was in flight: its last "
     "run line `embedded run start`, a tool's start or end, a model request begun or a channel plugin's "
     "`<channel>[<account>]: dispatching to agent (session=<key>)` (at the default level the only line of a turn in "
     "flight; ended by its `dispatch complete (...)`), at most 15 minutes before, with no end, error or reply after "
     "it; medium confidence (low when the log ends after a stop signal before any line shows the stop's outcome: "
     "the process gone, the drain's end, or its 5-minute wait passed, so the drain may have let the run finish)",
     "the process stopped (a stop signal, the service manager's kill) at most 5 minutes after a channel plugin's own "
     "record of a tool call, `<channel>: tool call: <tool> params=...` (a build that logs no embedded run lines), "
     "with no `<channel>: tool done: <tool> ...` or `tool fail: <tool> ...` for it and no run of any session ending "
     "in between; the line names no session; medium confidence (low when the log ends before the stop's outcome)",
     "the process stopped and, during its shutdown, `codex app-server client closed before turn completed` (the stop "
     "cut a Codex turn): medium confidence",
     "work a restart's drain refused, `GatewayDrainingError: Gateway is draining for restart; new tasks are not "
     "accepted` (a cron job's run record, a channel's error; after a restart marker the bare `Gateway is draining` "
     "wording too, the refusals naming that drain), still "
     "coming 2 minutes or more after a restart marker with no new process started since: the gateway stuck in its "
     "drain",
     "a cron job's run marked failed by the restarted gateway, `cron: job interrupted by gateway restart`, as a log "
     "line, the job's last error or its run log's record (`cron/runs/<jobId>.jsonl`: `{\"ts\":...,\"jobId\":...,"
     "\"action\":\"finished\",\"status\":\"error\",\"error\":\"cron: job interrupted by gateway restart\",...}`)",
     "in a session transcript, an agent's own tool call that restarts the gateway (`openclaw gateway restart`, "
     "`systemctl restart openclaw-gateway`, `launchctl kickstart ... openclaw`, the gateway tool's `restart`) whose "
     "result never comes back: the next entry is the user's next message or another turn; medium confidence",
     "a restart request that lost the continuation it carries for the session that asked for it (`restart preparation "
     "failed; restart will continue without it: <err>`): the restarted gateway will not wake that session; alone, "
     "with no restart marker and no stall warning, low confidence (not `restart continuation dropped: another session "
     "owns the pending restart`, a second session's request coalesced into the pending restart: the restart goes "
     "ahead and no run is cut)"),
    ("the stall begins right after a restart marker", "no `embedded run done` for the interrupted run",
     "not a turn refused at admission, `Session \"<key>\" changed while starting work. Retry.`, alone or with the "
     "channel's report of it (`message processed: ... outcome=error ... error=\"...changed while starting work...\"`, "
     "`[telegram] dispatch failed:`, `[discord] message run failed:`, `inbound dispatch failed:`): the admission guard "
     "throws it whenever the session entry moved under the turn, restart or not, so it is no fault by itself; it is "
     "told beside a restart marker only when a run the restart cut is in the lines, and beside `already has an "
     "active turn claim` lines the held claim is the cause (RC05)",
     "not work a restart's drain turned away on arrival, `GatewayDrainingError: Gateway is draining for restart; new "
     "tasks are not accepted` (a cron run record or job state failing in milliseconds, a fallback decision, a "
     "channel's report), when it comes within minutes of the restart marker or with no marker at all: the drain "
     "refuses new work at once, so the task never started and no run was cut; it is told beside a drain that timed "
     "out with runs active or another run the restart cut"),
    (Fix("Start fresh with `/new` or `/reset`.", _session_cut, "a session's run was cut"),
     Fix("Run the cron job the restart stopped again: `openclaw cron run <jobId>` (it waits for its next schedule "
         "otherwise).", _cron_cut, "a restart cut or refused a cron job's run"),
     Fix("Keep the agent from restarting its own gateway mid-run: deny or require approval for process-management "
         "commands in the exec approvals (`openclaw gateway restart`, `systemctl`, `launchctl`, `kill`), and restart "
         "from outside the conversation.", _agent_restarted_itself, "the agent's own tool call restarted the gateway"),
     Fix("Upgrade (#92519 fixes)."),
     Fix("Avoid config changes while runs are active.", _config_reload, "a config change triggered the restart")),
    ("#92519",),
    confirm="A longer log would show whether the interrupted run was resumed or the session stayed wedged after the restart.",
)


def _restart_markers(view: IncidentView) -> list:
    """Restart markers just before (or soon after) the stall began; in a paste without times,
    those whose lines come first."""
    start = view.stall_start
    kept = [m for m in view.markers if m.kind in RESTART_MARKERS
            and (m.kind != "gateway.signal" or field_text(m, "signal") in ("SIGUSR1", "SIGTERM", "SIGINT"))]
    if start is None:
        return [m for m in kept if m.time is None]
    return [m for m in kept if m.time and start - RESTART_BEFORE_STALL <= m.time <= start + timedelta(minutes=2)]


def _stuck_in_drain(view: IncidentView, refusals: list[Event]) -> timedelta | None:
    """How long the drain's refusals went on after a restart marker, when that is DRAIN_STUCK_AFTER or more: from the
    first restart marker (or `admission closed: restart drain`) since the process last started (a start, or admission
    reopened, ends the drain), or, for a marker without a time, from the first refusal after it, to a later refusal.
    None otherwise, and for refusals without a time."""
    longest = None
    for refusal in refusals:
        if refusal.time is None:
            continue
        began = None
        for marker in view.markers:  # (in the order the lines were read)
            if not _before(marker, refusal):
                continue
            stage = field_text(marker, "stage") if marker.kind == "gateway.admission" else ""
            if marker.kind in STARTED_KINDS or stage == "reopened":
                began = None  # (the process started again, or admission reopened: that drain ended)
            elif began is None and (stage == "closed" and field_text(marker, "reason") != "suspend phase"
                                    or marker.kind in RESTART_MARKERS and (marker.kind != "gateway.signal" or field_text(
                                        marker, "signal") in ("SIGUSR1", "SIGTERM", "SIGINT"))):
                began = marker
        if began is None:
            continue
        since = [t for t in (began.time, *(r.time for r in refusals if _before(began, r))) if t is not None]
        lasted = refusal.time - min(since)
        if lasted >= DRAIN_STUCK_AFTER:
            longest = max(longest or lasted, lasted)
    return longest


def _before(first: Event, then: Event) -> bool:
    """Whether ``first`` came before ``then``: by time when both have one, else by line in the same file."""
    if first.time is not None and then.time is not None:
        return first.time <= then.time
    return first.source == then.source and first.line < then.line


def _waited_for(view: IncidentView, marker: Event) -> tuple[set[object], bool]:
    """What the restart ``marker`` began waited for before the process went (PROCESS_GONE_KINDS, or STOP_SETTLES after
    it): the runIds whose normal end (`embedded run done` or `embedded run end` that finished_normally) came in
    that wait, and whether the drain said it drained (`all active work drained`, `active-work drain settled`) with no
    drain timeout before it."""
    # (the correlator's own reading of a stop's wait; imported here so that `stuckscan rules` and `explain`, which load
    # the rule set, do not load the pipeline)
    from stuckscan.correlator import PROCESS_GONE_KINDS, STOP_SETTLES, finished_normally

    later = [m for m in view.markers if event_order(m) > event_order(marker)]
    gone = next((m for m in later if m.kind in PROCESS_GONE_KINDS), None)

    def in_wait(event: Event) -> bool:
        if event_order(event) <= event_order(marker) or gone is not None and event_order(event) >= event_order(gone):
            return False
        return event.time is None or marker.time is None or event.time - marker.time <= STOP_SETTLES

    # (the correlator's held stop reads a run's normal end the same way: Correlator._finished_since)
    ends = {e.fields.get("runId") for e in view.events("embedded.run_done", "embedded.run_end") if in_wait(e)
            and finished_normally(e)}
    drained = any(m.kind == "gateway.drained" and in_wait(m) for m in later)
    return ends, drained


def _active_runs_at(marker_kinds: list) -> int:
    """How many embedded runs the drain (or the deferred reload) said were active when the restart began."""
    runs = [m.fields.get("runs", m.fields.get("embeddedRuns")) for m in marker_kinds if m.kind in RESTART_WAIT_KINDS]
    return max((r for r in runs if isinstance(r, int)), default=0)


def detect(view: IncidentView) -> Candidate | None:
    if view.record.opened_by == STOPPED_RUN:
        return _stopped_mid_run(view)
    markers = _restart_markers(view)
    # (an AbortError alone is any abort: a run timeout's own, a user's /stop; a restart before it says whose)
    session_marks = view.events(*(("run.aborted_error",) if markers else ()), "restart.recovery",
                                "session.aborted_last_run", "gateway.forced_restart", "gateway.reply_drain_timeout",
                                "gateway.restart_failed", "gateway.drain_timeout", "session.work_invalidated",
                                "cron.interrupted_by_restart", "transcript.restart_cut", "restart.continuation_lost",
                                *STOP_KINDS)
    # (a turn refused at admission with "changed while starting work" is no mark of a restart: the guard throws it
    # whenever the session entry it prepared against moved, restart or not; policy "work-start refusal and its
    # channel report" in tests/field/README.md)
    refusals = [e for e in session_marks if work_start_refusal(e)]
    session_marks = [e for e in session_marks if not work_start_refusal(e)]
    # (work the restart's drain refused, `GatewayDrainingError: Gateway is draining for restart`: a new task turned away
    # on arrival, which never started, so no run was cut; a mark only when the refusals go on for minutes after a
    # restart marker, the gateway stuck in its drain. Policy "work refused by a restart drain" in tests/field/README.md)
    # (the bare wording, "Gateway is draining", is read the same way once a restart marker has closed admission: the
    # refusals after it name that drain; policy "draining refusal that names no restart")
    drain_refusals = view.events("gateway.draining_rejected")
    stuck_for = _stuck_in_drain(view, drain_refusals)
    (session_marks if stuck_for is not None else refusals).extend(drain_refusals)
    if not markers and not session_marks:
        return None
    runs_at_restart = []
    if markers and markers[0].time:
        first_marker = markers[0]
        starts = [e for e in view.events("embedded.run_start") if e.time and first_marker.time and e.time <= first_marker.time]
        done = {e.fields.get("runId") for e in view.events("embedded.run_done", "embedded.run_end")
                if e.time and first_marker.time and e.time <= first_marker.time}
        runs_at_restart = [e for e in starts if e.fields.get("runId") not in done]
    # (the restart waits for the runs in flight before the process goes: one whose normal end came in that wait, or
    # all of them when the drain said it drained, was not cut; the held stop's reading, Correlator._settle_stop)
    waited, drained = _waited_for(view, markers[0]) if markers else (set(), False)
    finished = bool(runs_at_restart) and all(e.fields.get("runId") in waited for e in runs_at_restart) or drained
    runs_at_restart = [] if drained else [e for e in runs_at_restart if e.fields.get("runId") not in waited]
    active = 0 if drained else _active_runs_at([*markers, *view.events(*RESTART_WAIT_KINDS)])
    if finished and not runs_at_restart and not active and not session_marks:
        return None  # (a restart marker beside a run the restart let finish: nothing was cut)
    if refusals and not session_marks and not runs_at_restart and not active and not view.record.warning_count \
            and view.record.opened_by not in ("warning", "recovery"):
        return None  # a restart marker beside a refused turn, and nothing the restart cut
    session_marks += refusals  # (a run the restart cut is shown: the refusal is told beside it)
    confidence = Confidence.HIGH if markers and (session_marks or runs_at_restart or active) else Confidence.MEDIUM
    if not markers and all(e.kind == "session.work_invalidated" for e in session_marks):
        confidence = Confidence.LOW  # the refusal says the session moved; only a restart marker says why
    # (a restart request whose continuation was lost says a restart was asked for and will not wake the session that
    # asked; alone it shows no run cut or stalled: low)
    lost_only = not markers and all(e.kind == "restart.continuation_lost" for e in session_marks)
    if lost_only and not view.record.warning_count:
        confidence = Confidence.LOW
    if confidence is Confidence.LOW and lost_only:
        why = ("A gateway restart was requested and the continuation it carries for the session that asked was "
               "lost (" + "; ".join(dict.fromkeys(_what_it_left(e) for e in session_marks)) + "), so the restarted "
               "gateway will not wake that session: the run that asked for the restart is not resumed.")
    elif confidence is Confidence.LOW:
        why = ("A turn was refused because its session changed while it was "
               f"{session_marks[0].fields.get('action', 'starting work')}: a gateway restart (or a reset) moved the "
               "session under it, and the message was not run.")
    elif view.record.opened_by in ("warning", "recovery") or view.record.warning_count:
        why = "A gateway restart/reload happened while the session's run was in flight, and the session stalled right after."
    elif stuck_for is not None and not runs_at_restart and not active \
            and all(e.kind == "gateway.draining_rejected" for e in session_marks):
        minutes = int(stuck_for.total_seconds() // 60)
        why = (f"The gateway stayed in its restart drain: new work was still refused {minutes} minute(s) after the "
               "restart began (`GatewayDrainingError: Gateway is draining"
               + (" for restart" if any(map(refused_for_restart, session_marks)) else "")
               + "`), with no new process started, "
               "so every session stalled from the restart on"
               + "".join(f"; the cron job {job} did not run" for job in
                         dict.fromkeys(e.fields.get("jobId") for e in session_marks if e.fields.get("jobId"))) + ".")
    else:
        why = ("A gateway restart cut in-flight work short"
               + (f" ({active} embedded run(s) active when it began)" if active else "")
               + ": " + "; ".join(dict.fromkeys(_what_it_left(e) for e in session_marks)) + ".")
    return Candidate(
        "RC17", confidence, why,
        cite(markers[:1 if stuck_for is not None else 3], runs_at_restart[-1:], session_marks[:2],
             session_marks[-1:] if stuck_for is not None else []), onset=first_time(markers or session_marks),
        facts={"reload": any(m.kind == "gateway.reload_required" for m in markers),
               "cron": any(map(_cron_run_mark, session_marks)),
               "cron_only": bool(session_marks) and not markers and all(map(_cron_run_mark, session_marks)),
               "self_restart": any(e.kind == "transcript.restart_cut" for e in session_marks)},
    )


def _cron_run_mark(event: Event) -> bool:
    """A restart's mark on a cron job's run (its interrupt, or its refusal by the drain, in a run record naming the job)."""
    return event.kind == "cron.interrupted_by_restart" or bool(event.fields.get("jobId"))


def _what_it_left(event: object) -> str:
    kind = getattr(event, "kind", "")
    fields = getattr(event, "fields", {})
    if kind == "gateway.forced_restart":
        return "the restart skipped draining active work"
    if kind in STOP_KINDS:
        by = "the service manager killed the gateway" if kind == "gateway.stop_killed" else \
            f"the gateway process was killed ({_killed_by(fields)})" if kind == "gateway.process_killed" else \
            f"the gateway process exited ({_exited_with(fields)})" if kind == "gateway.process_exited" else \
            f"the gateway was stopped ({fields.get('signal', 'a signal')})"
        return by + " while the restart still waited for that work to finish"
    if kind == "session.work_invalidated":
        message = getattr(event, "message", "")
        if "restart recovery claim changed" in message:
            return "a turn the restart recovery had claimed was refused: its session moved on before the agent adopted it"
        if "stale gateway lifecycle" in message:
            return "a run of the gateway's previous lifecycle was refused"
        return "a turn was refused because its session changed while it was " + str(fields.get("action", "starting work"))
    if kind == "gateway.restart_failed":
        return "the restart itself failed"
    if kind == "restart.continuation_lost":
        return "the restart's preparation failed, so it went ahead without its sentinel and continuation"
    if kind == "gateway.draining_rejected":
        job = fields.get("jobId")
        return ("work was refused because the gateway was draining for a restart (`GatewayDrainingError`)"
                + (f"; the cron job {job} did not run" if job else ""))
    if kind == "transcript.restart_cut":
        return (f"the agent's own tool call restarted the gateway (`{fields.get('restartCall', 'a restart')}`), and the "
                "run that made it never got the call's result: its reply was lost")
    if kind == "cron.interrupted_by_restart":
        job = fields.get("jobId")
        return "a cron job's run was still going when the gateway restarted, and the new process marked it failed" \
            + (f" ({job})" if job else "")
    if kind == "session.aborted_last_run" and fields.get("restartRecoveryRuns"):
        return ("the session's store row still marks its last run aborted and keeps that run's restart-recovery "
                "state, which can refuse the session's next turns")
    if kind == "gateway.drain_timeout" and fields.get("budgetPassed"):
        return (f"the restart's drain of {fields.get('tasks', 'its')} active task(s) ran its whole budget with no line "
                "saying the work drained, and the restart went ahead")
    if kind == "gateway.drain_timeout":
        counts = field_text(event, "counts")  # type: ignore[arg-type]
        going = "the stop" if fields.get("action") == "shutdown" else "the restart"
        if fields.get("outcome") == "failed":
            return f"{going} went ahead when its wait for the active work failed"
        return f"{going} went ahead with work still active when its drain timed out" + (f" ({counts})" if counts else "")
    if kind == "gateway.reply_drain_timeout":
        pending = fields.get("pending")
        return f"replies still being written were dropped ({pending})" if pending else "replies still being written were dropped"
    if kind == "restart.recovery":
        from stuckscan.correlator import MAIN_RECOVERY_FAILURES, subagent_recovery_failed  # (at use: see _waited_for)

        if isinstance(fields.get("marked"), int):
            return f"{fields['marked']} session(s) were left for restart recovery"
        failed, message = fields.get("failed"), getattr(event, "message", "")
        if "interrupted main session failed" in message:
            key, reason = fields.get("sessionKey"), fields.get("reason")
            return ("restart recovery could not resume an interrupted session and marked it failed"
                    + (f" ({key}" + (f": {reason})" if reason else ")") if key else ""))
        if subagent_recovery_failed(event) or "orphan recovery" in str(fields.get("stage", "")):
            return "restart recovery could not resume an interrupted subagent run"
        if message.startswith("found orphaned subagent session"):
            return "a restart interrupted a subagent run"
        return "restart recovery could not resume an interrupted session" \
            if (isinstance(failed, int) and failed > 0) or "failed to resume" in message \
            or message.startswith(MAIN_RECOVERY_FAILURES) \
            else "restart recovery ran"
    return "the run was aborted"


def _killed_by(fields: Mapping[str, object]) -> str:
    """What the service manager said killed the process: the OOM killer, else the signal."""
    return "by the OOM killer" if fields.get("reason") == "oom-kill" else str(fields.get("signal") or "a signal")


def _exited_with(fields: Mapping[str, object]) -> str:
    """The failure code the service manager said the process exited with."""
    status, name = fields.get("exitStatus"), fields.get("exitName")
    if status is None:
        return "a failure code"
    return f"status {status}/{name}" if name else f"status {status}"


def _stopped_by(stop: Event) -> str:
    """How the process was stopped, as a sentence's start."""
    if stop.kind == "gateway.stop_killed":
        return "The service manager killed the gateway"
    if stop.kind == "gateway.process_killed":
        return f"The gateway process was killed ({_killed_by(stop.fields)})"
    if stop.kind == "gateway.process_exited":
        return f"The gateway process exited ({_exited_with(stop.fields)})"
    return f"The gateway process was stopped ({field_text(stop, 'signal') or 'a stop signal'})"


def _run_line_name(line: Event) -> str:
    """A run line's kind in words: ``cli exec`` for a CLI backend's run start, else the kind's name after its area."""
    return "cli exec" if line.kind == CLI_RUN_START_KIND else line.kind.split(".", 1)[1].replace("_", " ")


def _stopped_mid_run(view: IncidentView) -> Candidate | None:
    """The process stopped (a stop signal, the service manager's kill) while the session's run was in flight: its last
    run line a start or a tool's step, with no end, error or reply after it (Correlator._on_stop_with_runs_in_flight).
    Two lines, the run's and the stop's, and nothing after them shows what became of the run: medium. When the input
    ended inside the stop's wait (the record ``cut_short``: no line after the signal said the process was gone, the
    drain's outcome or the budget passed), the drain may have let the run finish, as a planned stop or restart often
    does, and only the end of the input decided: low, and the wording says the log ends before the stop's outcome."""
    stops = view.events(*STOP_KINDS)
    if not stops:
        return None
    by = _stopped_by(stops[0])
    cut = view.events("codex.turn_cut")
    if cut:
        return Candidate(
            "RC17", Confidence.MEDIUM,
            f"{by} while a Codex turn was in flight: its app-server client closed before the turn completed, so the "
            "stop cut the turn short, and no line after it shows the turn resumed.",
            cite(stops[:2], cut[:1]), onset=first_time(stops),
        )
    going = [e for e in view.events(*IN_FLIGHT_KINDS) if event_order(e) < event_order(stops[0])]
    if not going:
        return None
    last = going[-1]
    # (the stop's drain that ran out with work still counted, when it decided the stop: Correlator._settle_stop)
    ran_out = [e for e in view.events("gateway.drain_timeout") if event_order(e) > event_order(stops[0])]
    counts = field_text(ran_out[0], "counts") if ran_out else ""
    unsettled = view.record.cut_short and not ran_out
    whose = "a CLI backend run" if last.kind == CLI_RUN_START_KIND else "the session's run"  # (a CLI run names no session)
    if last.kind == CLI_RUN_START_KIND and view.record.cli_end_unlogged and not ran_out:
        # (h62: builds before "cli turn:" log no end of a CLI run that went well, and this input holds no CLI run's
        # end at all: the start is all the log has, the run may have finished before the stop)
        return Candidate(
            "RC17", Confidence.LOW,
            f"{by} shortly after a CLI backend run started (cli exec), and no line says the run ended: but this log "
            "holds no CLI run's end at all (no `cli turn:`), and builds before that line log none for a run that went "
            "well, so the run may have finished before the stop; the stop cut it short only if it was still running.",
            cite(going[-1:], stops[:2]), onset=first_time(stops),
        )
    return Candidate(
        "RC17", Confidence.LOW if unsettled else Confidence.MEDIUM,
        f"{by} while {whose} was in flight (its last line: {_run_line_name(last)}, "
        + ("with no end, error or reply after it): the log ends before the stop's outcome (no line says the run "
           "finished in the stop's wait, or the process went with it still open), so the stop may have cut the run "
           "short, or its drain let it finish." if unsettled else
           "with no end, error or reply after it): the stop cut the run short"
           + (f", its drain running out with work still active ({counts})" if counts else
              ", its drain giving up with the work still active" if ran_out else "")
           + ", and no line after it shows the run resumed."),
        cite(going[:1], going[-1:], stops[:2], ran_out[:1]), onset=first_time(stops),
    )
