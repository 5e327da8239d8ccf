"""Readings of pasted excerpts met in the f800/f900 field rounds, each checked alone: the line shapes
(a whole line quoted as inline code, stall warnings with their label cut off and their tail wrapped,
elided watchdog lines) and the templates checked against the OpenClaw source that they carried."""

from __future__ import annotations

import pytest

from stuckscan.analysis import analyze_events
from stuckscan.parser import LineParser, ParseOptions, ParseStats, parse_text_lines
from tests.conftest import tslog_line

KEY = "agent:main:telegram:direct:7012345678"


def kinds(*lines: str) -> list[tuple[int, str]]:
    return [(e.line, e.kind) for e in parse_text_lines(list(lines)) if e.kind != "generic"]


def analyze_text(*lines: str):
    return analyze_events(parse_text_lines(list(lines)), ParseStats())


def said_at_info(*lines: str) -> bool:
    """Whether the lines make one low-confidence RC18 episode at info (one failure of a channel's intake: said, and
    failing no CI)."""
    (episode,) = analyze_text(*lines).episodes
    finding = episode.primary
    return finding is not None and finding.rule.id == "RC18" and finding.confidence.value == "low" \
        and finding.severity.value == "info"


def primary(*lines: str) -> str | None:
    analysis = analyze_text(*lines)
    findings = [*analysis.incidents, *analysis.episodes]
    return findings[0].primary.rule.id if findings and findings[0].primary else None


def test_a_whole_line_quoted_as_inline_code_is_that_line() -> None:
    (event,) = parse_text_lines([f"`[diagnostic] stalled session: sessionId=af27a6da sessionKey={KEY} state=idle "
                                 "age=586s queueDepth=1 reason=blocked_tool_call activeWorkKind=tool_call "
                                 "lastProgress=tool:ask_user:started recovery=none`"])
    assert event.kind == "session.stalled" and event.subsystem == "diagnostic"
    assert event.fields["lastProgress"] == "tool:ask_user:started" and event.shape.startswith("code+")
    assert kinds("`two` words `quoted`") == []  # inline code inside a sentence is not a whole line


def test_stall_warnings_with_their_label_cut_read_as_warnings_and_their_wrapped_tails_join_them() -> None:
    events = [e for e in parse_text_lines([
        "age=141s reason=active_model_call_without_progress classification=long_running",
        "  activeWorkKind=model_call lastProgress=model_call:started lastProgressAge=140s recovery=none",
        "age=381s reason=active_work_without_progress classification=stalled_agent_run",
        "  activeWorkKind=model_call lastProgress=model_call:started lastProgressAge=381s recovery=checking",
    ])]
    assert [(e.line, e.kind) for e in events] == [(1, "session.long_running"), (3, "session.stalled")]
    assert events[0].fields["lastProgressAge"] == 140 and events[1].fields["recovery"] == "checking"
    # a run of fields no template owns stays what it was
    assert kinds("foo=1 bar=2", "  baz=3") == []


def test_elided_polling_watchdog_lines_are_the_watchdog_and_two_of_them_a_stalled_channel() -> None:
    first = "- first stall: `Polling stall detected ... forcing restart` then `Telegram polling runner stopped ...`"
    again = "- later stall: `Polling stall detected ... forcing restart` appears again"
    assert kinds(first, again) == [(1, "channel.polling_stall"), (2, "channel.polling_stall")]
    assert kinds("Telegram polling runner stopped ... restarting ...") == [(1, "channel.polling_restart")]
    assert primary(first, again) == "RC18"


def test_a_compaction_that_succeeded_right_before_the_stall_began_is_the_compaction_stall() -> None:
    stall = analyze_text(
        "20:07:56.630Z warn agent/embedded context overflow detected (attempt 1/3); attempting auto-compaction for "
        "openai-codex/gpt-5.4",
        "20:12:50.808Z info agent/embedded auto-compaction succeeded for openai-codex/gpt-5.4; retrying prompt",
        f"20:15:20.872Z warn diagnostic stuck session: sessionId=main sessionKey={KEY} state=processing age=149s "
        "queueDepth=0",
    ).incidents[0]
    assert stall.primary is not None and stall.primary.rule.id == "RC16"
    assert "ended" in stall.primary.summary and "never finished" not in stall.primary.summary
    (event,) = parse_text_lines(["auto-compaction succeeded for openai/gpt-5.4; retrying prompt"])
    assert event.kind == "embedded.compaction" and event.fields["stage"] == "succeeded"


def _causes(*lines: str) -> set[str]:
    analysis = analyze_text(*lines)
    return {f.rule.id for f in analysis.findings()}


def test_a_turn_refused_because_its_session_changed_while_starting_is_no_fault() -> None:
    # Policy "work-start refusal and its channel report": the admission guard refuses a turn at once whenever the
    # session entry moved under it, restart or not; alone it shows no restart and no run cut.
    line = f'Error: Session "{KEY}" changed while starting work. Retry.'
    (event,) = parse_text_lines([line])
    assert event.kind == "session.work_invalidated" and event.fields["sessionKey"] == KEY
    analysis = analyze_text(line)
    assert all(incident.primary is None for incident in analysis.incidents)
    assert "RC17" not in _causes(line)
    store = f'Session store for "{KEY}" changed while starting work. Retry.'
    assert "RC17" not in _causes(store)
    assert parse_text_lines(['Session "x" changed while it was raining'])[0].kind == "generic"


def test_a_channels_report_of_the_work_start_refusal_adds_no_fault() -> None:
    refusal = f'Session "{KEY}" changed while starting work. Retry.'
    processed = (f"[diagnostic] message processed: channel=telegram chatId=telegram:7012345678 messageId=41 "
                 f'sessionKey={KEY} outcome=error duration=12ms error="Error: {refusal}"')
    for report in (f"[telegram] dispatch failed: Error: {refusal}", f"[discord] message run failed: Error: {refusal}",
                   f"inbound dispatch failed: Error: {refusal}"):
        assert "RC17" not in _causes(processed, report), report
        assert "RC17" not in _causes(report, report), report  # the refusal retried: still a turn refused at once


def test_a_work_start_refusal_after_a_restart_that_cut_nothing_is_no_fault() -> None:
    # A restart marker beside the refusal, and no run in flight at the marker: "restart marker needs a cut run".
    signal = "2026-08-01T10:00:00.000Z [gateway] signal SIGUSR1 received; restarting"
    refused = f'2026-08-01T10:01:00.000Z Error: Session "{KEY}" changed while starting work. Retry.'
    assert "RC17" not in _causes(signal, refused)


def test_a_work_start_refusal_after_a_restart_that_cut_a_run_stays_a_restart_interrupted_run() -> None:
    # The boundary: a run started before the marker with no end before it is the cut run the policy asks for.
    start = (f"2026-08-01T09:59:50.000Z [agent/embedded] embedded run start: runId=r1 sessionId=s1 sessionKey={KEY} "
             "provider=openai model=gpt-5")
    signal = "2026-08-01T10:00:00.000Z [gateway] signal SIGUSR1 received; restarting"
    refused = f'2026-08-01T10:01:00.000Z Error: Session "{KEY}" changed while starting work. Retry.'
    assert primary(start, signal, refused) == "RC17"
    finding = analyze_text(start, signal, refused).incidents[0].primary
    assert finding is not None and "refused" in finding.summary


def test_the_restart_recovery_refusals_stay_a_restart_interrupted_run() -> None:
    # Not the work-start refusal: a turn the restart recovery had claimed, refused before the agent adopted it.
    claim = (f"[diagnostic] message processed: channel=discord sessionKey={KEY} outcome=error duration=9ms "
             'error="Error: restart recovery claim changed before agent adoption"')
    assert "RC17" in _causes(claim)
    recovering = f'Error: Session "{KEY}" changed while resuming recovery. Retry.'
    assert "RC17" in _causes(recovering)


def test_a_work_start_refusal_beside_a_held_turn_claim_is_the_stale_claim() -> None:
    sid = "e015d894-e350-441b-b6fd-136e35d000bd"
    lines = (f"[feishu] failed to dispatch message: Error: Session \"{KEY}\" changed while starting work. Retry.",
             f'[diagnostic] lane task error: lane=session:agent:main:tui-1 durationMs=14 error="Session {sid} already '
             'has an active turn claim"',
             f"Embedded agent failed before reply: Session {sid} already has an active turn claim")
    causes = _causes(*lines)
    assert "RC05" in causes and "RC17" not in causes


def test_an_empty_reply_whose_reply_operation_was_aborted_is_an_ineffective_recovery() -> None:
    empty = (f"visible channel turn dispatched with no queued reply payloads: channel=telegram messageId=2175 "
             f"sessionKey={KEY} cause=skipped:reply_operation_aborted")
    (incident,) = analyze_text(empty).incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC06"
    assert incident.primary.confidence.value == "low" and "aborted" in incident.primary.summary
    plain = empty.replace(" cause=skipped:reply_operation_aborted", "")
    (incident,) = analyze_text(plain).incidents  # no abort named and no failure before it: it answered nothing
    assert incident.primary is not None and "answered nothing" in incident.primary.summary


def test_a_cli_turn_that_wrote_output_while_every_warning_saw_only_its_start_is_a_false_positive() -> None:
    def warning(clock: str, age: int) -> str:
        return tslog_line(f"2026-05-21T{clock}.000+08:00", "diagnostic",
                          f"stalled session: sessionKey={KEY} state=processing age={age}s queueDepth=1 "
                          "reason=active_work_without_progress classification=stalled_agent_run "
                          f"activeWorkKind=model_call lastProgress=model_call:started lastProgressAge={age}s "
                          "recovery=checking", level="WARN")

    def turn(out_bytes: str) -> str:
        return tslog_line("2026-05-21T10:06:25.000+08:00", "agent/cli-backend",
                          f"cli turn: provider=claude-cli model=claude-sonnet-5 durationMs=380599 outBytes={out_bytes}",
                          level="DEBUG")

    wrote = analyze_text(warning("10:02:30", 150), warning("10:06:20", 380), turn("<70K>")).incidents[0]
    assert wrote.primary is not None and wrote.primary.rule.id == "RC04"
    assert "RC01" not in {c.rule.id for c in wrote.contributing}  # the hang the detector imagined
    silent = analyze_text(warning("10:02:30", 150), warning("10:06:20", 380), turn("0")).incidents[0]
    assert silent.primary is not None and silent.primary.rule.id != "RC04"


def test_a_reporters_timeline_of_liveness_figures_with_grouped_digits_reads_as_liveness_warnings() -> None:
    events = parse_text_lines(["02:46:38 - eventLoopDelayMaxMs=15,544ms  eventLoopUtilization=0.90",
                               "02:51:20 - eventLoopUtilization=1.0       ← immediately followed by:",
                               "02:51:23 - totalMs=41,088 (agent prep completes)"])
    warnings = [e for e in events if e.kind == "liveness.warning"]
    assert [e.line for e in warnings] == [1, 2]
    assert warnings[0].fields["eventLoopDelayMaxMs"] == 15544 and warnings[1].fields["eventLoopUtilization"] == 1.0
    assert [e.kind for e in events if e.line == 3] == ["generic"]  # a figure no template owns stays text
    assert parse_text_lines(["- a=1,000"])[0].kind == "generic"


def test_a_reporters_pipe_after_the_time_and_a_turn_that_ended_on_the_llm_timeout() -> None:
    lines = ("19:01:39 | embedded run agent end: error=LLM request timed out. ❌",
             "19:06:34 | embedded run timeout: timeoutMs=600000 ❌")
    assert kinds(*lines) == [(1, "embedded.agent_end"), (2, "embedded.timeout")]
    (incident,) = analyze_text(*lines).incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC01"  # the model call timed out first
    assert "RC15" in {c.rule.id for c in incident.contributing}
    assert not analyze_text("embedded run agent end: runId=r1 isError=false").incidents


def test_a_browser_error_answered_at_once_is_no_blocked_tool_call() -> None:
    stale_tab = ("browser failed: Can't reach the OpenClaw browser control service. Restart the OpenClaw gateway. "
                 "(Error: Error: tab not found)")
    assert kinds(stale_tab) == [(1, "tools.browser_unreachable")]
    assert primary(stale_tab) is None
    timed_out = "Can't reach the OpenClaw browser control server at http://127.0.0.1:18791 (timed out after 15000ms)"
    assert primary(timed_out) == "RC03"


def test_a_channel_transport_failing_and_reconnecting_twice_is_an_ingress_stall() -> None:
    error = "2026-06-02T10:00:{s}.000Z [signal] Signal SSE stream error: TypeError: fetch failed"
    lost = "2026-06-02T10:00:{s}.100Z [signal] Signal SSE connection lost, reconnecting in 5s..."
    assert kinds(error.format(s="00"), lost.format(s="00")) == [(1, "channel.transport_error"),
                                                                  (2, "channel.reconnecting")]
    assert primary(error.format(s="00"), lost.format(s="00"), error.format(s="10"), lost.format(s="10")) == "RC18"
    assert said_at_info(error.format(s="00"))  # one stream error: maybe a blip


def test_a_busy_loop_whose_timers_fired_on_time_is_not_starved() -> None:
    degraded = ("Gateway event loop degraded: reasons=event_loop_utilization,cpu eventLoopDelayMaxMs={delay} "
                "eventLoopUtilization=1 cpuCoreRatio=1.02")
    assert kinds(degraded.format(delay=0)) == [(1, "liveness.warning")]
    assert primary(degraded.format(delay=0)) is None
    assert primary(degraded.format(delay=4200)) == "RC12"


def test_a_level_in_brackets_with_no_time_is_the_level_not_a_tag() -> None:
    (event,) = parse_text_lines(["[warn] Subagent announce give up (retry-limit) run=run-1"])
    assert (event.level, event.subsystem, event.kind) == ("warn", None, "subagent.announce_give_up")
    (tagged,) = parse_text_lines(["[ws] handshake timeout conn=abc remote=127.0.0.1"])
    assert tagged.subsystem == "gateway/ws"


def test_the_clis_own_request_timeout_and_recovery_fragments_each_read_alone() -> None:
    lines = ("Error: gateway request timeout for connect",
             "… action=abort_embedded_run aborted=false drained=false released=0",
             "status=aborted action=abort_embedded_run forceCleared=true released=0")
    assert kinds(*lines) == [(1, "gateway.timeout"), (2, "recovery.action"), (3, "recovery.outcome")]
    (first,) = [e for e in parse_text_lines(list(lines)) if e.line == 1]
    assert first.fields["requestTimeoutMethod"] == "connect"
    # a wrapped tail of the same template still joins its line
    wrapped = parse_text_lines(["liveness warning: reasons=event_loop_delay", "eventLoopDelayMaxMs=40500 cpuCoreRatio=0.9"])
    assert [(e.kind, e.fields.get("cpuCoreRatio")) for e in wrapped] == [("liveness.warning", 0.9)]


def test_the_control_ui_log_view_copied_as_text_reads_as_one_record_per_message() -> None:
    events = parse_text_lines(["6:07:18 PM", "debug", "agent/embedded",
                               "embedded run done: runId=r-1 sessionId=s-1 durationMs=4531 aborted=false",
                               "6:08:49 PM", "info", "gateway/health-monitor",
                               "[whatsapp:default] health-monitor: restarting (reason: stopped)"])
    assert [(e.line, e.kind, e.level, e.subsystem) for e in events] == [
        (4, "embedded.run_done", "debug", "agent/embedded"), (8, "health.restart", "info", "gateway/health-monitor")]
    assert events[1].time is not None and (events[1].time.hour, events[1].time.minute) == (18, 8)
    assert kinds("6:07:18 PM", "a sentence, not a level") == []  # no level line: the time heads nothing
    # ... and the lines held while it looked like a header are read as they are, none lost
    assert [e.line for e in parse_text_lines(["6:07:18 PM", "debug"])] == [1, 2]


def test_a_lone_restart_with_turns_running_after_it_is_not_reported() -> None:
    restart = "18:08:49 info gateway/health-monitor [whatsapp:default] health-monitor: restarting (reason: stopped)"
    run = "18:09:10 debug agent/embedded embedded run start: runId=r-2 sessionId=s-1 provider=nexos"
    assert primary(restart) == "RC18"
    assert primary(restart, run) is None


def test_an_llm_timeout_is_model_call_evidence_and_a_timeout_it_caused_does_not_hide_it() -> None:
    slug = "14:08:15 error llm-slug-generator Failed to generate slug: FailoverError: LLM request timed out."
    lane = '14:08:15 error [diagnostic] lane task error: lane=main durationMs=15163 error="FailoverError: LLM request timed out."'
    assert kinds(slug, lane) == [(1, "model.request_timeout"), (2, "lane.task_error")]
    assert primary(slug) == "RC01"
    assert primary(lane) is None  # a lane task that ended on the timeout is evidence, not a finding of its own
    run_timeout = "08:21:46 [WARN]  embedded run timeout: runId=r-9 sessionId=s-9 timeoutMs=600000"
    profile = "08:21:46 [WARN]  Profile google-gemini-cli:p1 timed out. Trying next account..."
    assert primary(run_timeout, profile) == "RC01"  # the run was handling its hung model call
    # a lone timeout: the run spent its budget, nothing shows it held (policy "lone embedded run timeout")
    assert primary(run_timeout) == "RC01"
    # the timed-out attempt's own cleanup after it (src/agents/pi-embedded-runner/run/attempt.ts, #52147): not left,
    # and the run spent its whole budget with nothing else shown (RC01, never RC15)
    cleanup = "08:21:47 [agent/embedded] run cleanup: runId=r-9 sessionId=s-9 aborted=true timedOut=true"
    assert primary(run_timeout, cleanup) == "RC01"
    # a paste that masked every id: one masked timeout and a masked cleanup after it may be the same run (#52147)
    masked = ("WARN embedded run timeout: runId=<redacted> sessionId=<redacted> timeoutMs=600000",
              "DEBUG run cleanup: runId=<redacted> sessionId=<redacted> aborted=true timedOut=true")
    assert primary(*masked) == "RC01"
    assert primary(masked[0]) == "RC01"


def test_discord_gateway_closes_and_resumes_in_a_loop_are_an_ingress_stall() -> None:
    lines = ("2026-01-27T13:49:49.752Z [discord] gateway: WebSocket connection closed with code 1005",
             "2026-01-27T13:50:19.238Z [discord] gateway: Attempting resume with backoff: 1000ms",
             "discord gateway: Gateway websocket closed: 1006",
             "2026-01-27T14:02:43.531Z [discord] connection stalled: no HELLO received within 30000ms")
    assert kinds(*lines) == [(1, "channel.transport_error"), (2, "channel.reconnecting"), (3, "channel.transport_error"),
                             (4, "channel.polling_stall")]
    assert primary(*lines[:2], lines[3]) == "RC18"
    assert primary(lines[0], lines[1]) is None  # one close and its resume at the first step: policy "channel reconnect burst"


def test_a_context_overflow_diagnostic_is_compaction_evidence_for_its_sessions_stall() -> None:
    diag = (f"[context-overflow-diag] sessionKey={KEY} provider=xai/grok-4.5 source=assistantError messages=144 "
            "compactionAttempts=0 compactionTokens=256001 error=Context overflow: estimated context size exceeds")
    stall = (f"stalled session: sessionKey={KEY} state=processing age=300s queueDepth=1 "
             "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=embedded_run "
             "lastProgress=embedded_run:started lastProgressAge=299s recovery=checking")
    # alone, it records only the moment the overflow's handling began: no compaction that hung (labelling policy
    # "lone context-overflow diagnostic"); beside the session's stall it is that stall's compaction evidence
    assert all(i.primary is None or i.primary.rule.id != "RC16" for i in analyze_text(diag).incidents)
    assert primary(diag, stall) == "RC16"


def test_a_records_values_one_per_line_read_as_one_record() -> None:
    lines = ['{"subsystem":"fetch-timeout"}', '"fetch timeout reached; aborting operation"',
             '"url":"https://api.telegram.org/bot7000/getMe"', '"timeoutMs":9998,"elapsedMs":18070', "",
             '{"subsystem":"gateway/channels/telegram"}', '"native approval handler disabled: Error: ',
             'gateway closed (1008): pairing required"']
    events = [e for e in parse_text_lines(lines)]
    assert [(e.line, e.kind, e.subsystem) for e in events] == [
        (1, "fetch.timeout", "fetch-timeout"), (6, "generic", "gateway/channels/telegram")]
    assert events[0].fields == {"url": "https://api.telegram.org/bot7000/getMe", "timeoutMs": 9998, "elapsedMs": 18070}
    assert events[1].message.endswith("pairing required")
    assert [e.kind for e in parse_text_lines(['{"subsystem":"diagnostic"}'])] == ["generic"]  # a binding alone


def test_a_fetch_timer_that_fired_late_by_the_gateways_measure_is_starvation() -> None:
    late = ['{"subsystem":"fetch-timeout"}', '"fetch timeout reached; aborting operation"',
            '"timeoutMs":9998,"elapsedMs":18070']
    on_time = late[:2] + ['"timeoutMs":2500,"elapsedMs":2500']
    assert primary(*late) == "RC12"
    assert primary(*on_time) is None


def test_a_recovery_that_released_nothing_is_not_ineffective_when_a_fallback_then_succeeds() -> None:
    outcome = ("[diagnostic] stuck session recovery outcome: status=aborted aborted=true drained=true "
               f"forceCleared=false released=0 queuedCount=1 sessionKey={KEY}")
    stalled = (f"[diagnostic] stalled session: sessionKey={KEY} state=processing age=400s queueDepth=1 "
               "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=model_call "
               "lastProgress=model_call:started lastProgressAge=400s recovery=checking")
    succeeded = "[model-fallback/decision] candidate_succeeded candidate=probe/fallback"

    def rules(*lines: str) -> set[str]:
        incident = analyze_text(*lines).incidents[0]
        return {f.rule.id for f in (incident.primary, *incident.contributing) if f is not None}

    assert "RC06" in rules(stalled, outcome, stalled)
    assert "RC06" not in rules(stalled, outcome, succeeded)


def test_an_active_memory_recalls_own_timeout_failovers_are_not_the_users_model_call() -> None:
    recall = ["active-memory: start timeoutMs=3000",
              "embedded run failover decision: reason=timeout from=openai-codex/gpt-5.4-mini",
              "active-memory: done status=timeout elapsedMs=20623"]
    assert [k for _, k in kinds(*recall)] == ["memory.recall", "embedded.failover", "memory.recall"]
    assert primary(*recall) is None
    assert primary(recall[1]) == "RC01"  # the same failover outside a recall is the model call's


def test_a_tool_held_until_its_own_timeout_an_approval_timeout_and_a_recycled_mcp_server_are_blocked_tool_calls() -> None:
    assert primary("[tools] exec failed: Command timed out after 1800 seconds") == "RC03"
    assert primary("[tools] exec failed: Command timed out after 30 seconds") is None  # below the warn threshold
    assert primary("Exec denied (gateway id=abc123, approval-timeout): rm -rf build") == "RC03"
    summary = analyze_text("Exec denied (gateway id=abc123, approval-timeout): rm -rf build").incidents[0].primary.summary
    assert "approval" in summary and "never returned" not in summary


def test_a_liveness_work_label_alone_reads_as_a_stall_warning_once_it_is_old_enough() -> None:
    stale = "agent:george:whatsapp:group:120363000000000001(idle,q=1,age=23213s last=run:completed)"
    tool = "skill-workshop-review-c815151c... idle/tool_call,q=1,age=4272s last=embedded_run:ended"
    young = "agent:george:discord:channel:1400000000000000002(processing,q=1,age=9s last=run:completed)"
    assert [k for _, k in kinds(stale, tool, young)] == ["liveness.work_item"] * 3
    (event,) = parse_text_lines([stale])
    assert (event.fields["state"], event.fields["queueDepth"], event.fields["lastProgress"]) == ("idle", 1, "run:completed")
    assert primary(stale) == "RC05"  # idle with work queued and none active: stale state, not a ghost run
    assert primary(tool) == "RC03"
    assert primary(young) is None  # nine seconds old: nothing to say


def test_a_codex_item_completed_as_last_progress_is_a_ghost_run() -> None:
    stalled = (f"stalled session: sessionKey={KEY} state=processing age=180s queueDepth=1 "
               "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=embedded_run "
               "lastProgress=codex_app_server:notification:item/completed lastProgressAge=170s recovery=checking")
    assert primary(stalled) == "RC02"


def test_a_context_that_still_overflows_after_a_compaction_is_a_compaction_stall() -> None:
    first = "2026-09-16T23:15:27.650Z WARN agent/embedded context overflow detected (attempt 1/3); attempting auto-compaction for lmstudio/qwen3.8-27b"
    done = "2026-09-16T23:15:27.670Z INFO agent/embedded auto-compaction succeeded for lmstudio/qwen3.8-27b; retrying prompt"
    again = first.replace("23:15:27.650Z", "23:27:14.690Z").replace("attempt 1/3", "attempt 2/3")
    assert primary(first, done) is None  # one overflow, compacted: what compaction is for
    assert primary(first, done, again) == "RC16"


def test_a_message_an_editor_wrapped_is_joined_when_only_the_whole_is_a_template() -> None:
    lines = ["Embedded agent failed before reply: session file changed while ",
             "embedded prompt lock was released: ",
             "~/.openclaw/agents/main/sessions/2bc0117f-8cd0-43a6-a382-1b4ebc062f6d.jsonl"]
    assert kinds(*lines) == [(1, "lock.takeover")]
    assert kinds("a sentence that wraps", "onto a second line") == []  # two lines of prose stay two lines


def test_a_wrapped_stall_warning_with_elided_ages_is_one_warning() -> None:
    lines = ["stalled session: sessionKey=agent:x:main state=processing age=5xx s queueDepth=0",
             "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=model_call",
             'lastProgress=model_call:stream_progress lastProgressAge=5xx s lastAssistant="<final>" recovery=none']
    assert kinds(*lines) == [(1, "session.stalled")]


def test_health_monitor_restarts_with_the_channel_part_trimmed_still_make_a_loop() -> None:
    lines = [f"{clock} [health-monitor] restarting (reason: stale-socket)" for clock in ("09:11:01", "09:46:01", "10:21:01")]
    assert [k for _, k in kinds(*lines)] == ["health.restart"] * 3
    assert primary(*lines) == "RC18"


def test_a_recall_that_never_reports_its_end_does_not_hide_later_failovers() -> None:
    start = "2026-06-02T10:00:00.000Z [plugins] active-memory: start timeoutMs=3000"
    later = "2026-06-02T10:30:00.000Z [agent/embedded] embedded run failover decision: reason=timeout from=openai/gpt-5"
    assert primary(start, later) == "RC01"


def test_the_control_ui_copy_with_a_24_hour_time_reads_the_same() -> None:
    events = parse_text_lines(["16:35:31", "warn", "diagnostic",
                               "stuck session: sessionId=aed6194b-0c71-4ce0-a62f-1554d99d7815 state=processing age=206s"])
    assert [(e.line, e.kind, e.subsystem) for e in events] == [(4, "session.stuck", "diagnostic")]
    assert events[0].time is not None and (events[0].time.hour, events[0].time.minute) == (16, 35)


def test_a_control_ui_copy_whose_message_carries_its_tag_has_no_subsystem_line() -> None:
    """A plugin's line shows in the Control UI with its tag in the message and no subsystem line above it (a QQ
    plugin's tracker, #6): time and level still head it; a level line followed by plain prose heads nothing."""
    events = parse_text_lines(["13:03:53", "info", "[QQ] Connected to OneBot server",
                               "13:03:53", "info", "[QQ] Reconnecting in 1s (Attempt 1)..."])
    assert [(e.line, e.level, e.subsystem) for e in events] == [(3, "info", "QQ"), (6, "info", "QQ")]
    assert events[1].kind == "channel.reconnecting" and events[1].time is not None
    assert [e.line for e in parse_text_lines(["13:03:53", "info", "then it stopped answering"])] == [1, 2, 3]


def test_a_memory_pressure_notice_alone_is_no_starvation_but_a_critical_one_backs_another_sign() -> None:
    warning = "memory pressure: level=warning reason=rss_threshold rss=1.74 GiB heap=580.8 MiB"
    critical = warning.replace("level=warning", "level=critical")
    assert primary(warning) is None
    assert primary(critical) is None  # a threshold crossed (f086: a 512 GB host with a 3 GiB threshold)
    slow = "[ws] \u21c4 res \u2713 chat.history 48211ms conn=c1 id=r1"
    alone, backed = analyze_text(slow).episodes, analyze_text(critical, slow).episodes
    assert alone[0].primary.rule.id == backed[0].primary.rule.id == "RC12"
    assert (alone[0].primary.confidence.value, backed[0].primary.confidence.value) == ("low", "medium")


def test_a_pretty_printed_tool_result_reads_as_the_tools_failure_and_other_objects_line_by_line() -> None:
    result = ["{", '  "status": "error",', '  "tool": "browser",',
              '  "error": "timed out. Restart the OpenClaw gateway (OpenClaw.app menubar, or `openclaw gateway`)."', "}"]
    assert kinds(*result) == [(1, "tools.browser_failed")]
    assert primary(*result) == "RC03"
    other = ["{", '  "port": 18789,', '  "mode": "local"', "}"]
    events = parse_text_lines(other)
    assert [e.line for e in events] == [1, 2, 3, 4]  # not a record nor a tool result: read as it was pasted
    assert events[0].kind == "unparsed"
    assert [e.line for e in parse_text_lines(["{", '  "tool": "browser",'])] == [1, 2]  # never closed: nothing lost
    record = ["{", '  "0": "{\\"subsystem\\":\\"gateway/ws\\"}",', '  "1": "handshake timeout conn=ab12 remote=127.0.0.1",',
              '  "time": "2026-05-21T10:00:00.000Z"', "}"]
    assert kinds(*record) == [(1, "ws.handshake_timeout")]
    # any object the parser reads on one line reads so pretty-printed too (`jq .` on `openclaw logs --json` output):
    # a close's meta object, a listener's timing under its binding
    meta = ["{", '  "cause": "handshake-timeout",', '  "handshake": "failed",', '  "durationMs": 3591,',
            '  "handshakeMs": 3002', "}"]
    assert kinds(*meta) == [(1, "ws.closed_before_connect")]
    timing = ["{", '  "subsystem": "discord/monitor",', '  "listener": "DiscordMessageListener",',
              '  "durationMs": 89227,', '  "duration": "89.2 seconds"', "}"]
    assert kinds(*timing) == [(1, "channel.slow_listener")]
    # ... and a block indented as a whole (a code block inside a list item): an object opened on its first field's
    # line, a record's values under their binding
    row = ['    { "sessionId": "abc", "status": "failed", "abortedLastRun": true,',
           '      "restartRecoveryRuns": [ { "runId": "r1" } ] }']
    assert kinds(*row) == [(1, "session.aborted_last_run")]
    values = ['    {"subsystem":"fetch-timeout"}', '    "fetch timeout reached; aborting operation"',
              '    "url":"https://api.telegram.org/bot7/getMe"', '    "timeoutMs":2500,"elapsedMs":2500']
    assert kinds(*values) == [(1, "fetch.timeout")]


def test_a_lock_path_that_closes_the_quoted_error_it_ends_joins_its_lock_error() -> None:
    lines = ['2026-08-03T18:17:07.175+08:00 [diagnostic] lane task error:',
             '  lane=main durationMs=60266 error="SessionWriteLockTimeoutError: session file locked (timeout 60000ms):',
             '    pid=877499 alive=true ageMs=88801',
             '    /home/u/.openclaw/agents/main/sessions/8ef81cc8-533d-456d-b651-084c37becc7a.jsonl.lock"']
    (event,) = parse_text_lines(lines)
    assert event.kind == "lane.task_error"
    assert event.fields["lockPath"].endswith("8ef81cc8-533d-456d-b651-084c37becc7a.jsonl.lock")


# -- the block readings never lose or reorder a line -------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "6:07:18 PM", "16:35:31", "debug", "warn", "agent/embedded", "diagnostic", "{", "}", "},",
    '{"subsystem":"fetch-timeout"}', '"fetch timeout reached; aborting operation"', '"timeoutMs":9998,"elapsedMs":18070',
    '"open string', 'closes here"', '  "tool": "browser",', '  "error": "timed out. Restart the OpenClaw gateway"',
    "stuck session: sessionId=s-1 age=150s queueDepth=1", "age=141s classification=long_running",
    "  activeWorkKind=model_call lastProgressAge=140s", "Embedded agent failed before reply: session file changed while",
    "embedded prompt lock was released:", "", "a line of prose", "agent:main:main(idle,q=1,age=23213s last=run:completed)",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=16))
def test_the_block_readings_keep_every_line_in_order(lines: list[str]) -> None:
    parser = LineParser("<text>", ParseOptions(), ParseStats())
    events = [e for number, text in enumerate(lines, start=1) for e in parser.feed_line(number, text.encode("utf-8"))]
    events.extend(parser.flush())
    numbers = [e.line for e in events if e.kind != "note"]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert all(1 <= n <= len(lines) for n in numbers)
    assert numbers or not any(text.strip() for text in lines)  # text never vanishes without an event
    # at the end of the input nothing is still held back: no block, no Control UI header, no pending line
    assert (parser._pending, parser._yaml, parser._values, parser._pretty, parser._ui_header) == (None,) * 5


def test_a_console_line_quoted_as_inline_code_inside_a_sentence_is_that_line() -> None:
    (event,) = parse_text_lines(["- Gateway logs show: `[ws] handshake timeout conn=... remote=127.0.0.1`"])
    assert (event.kind, event.subsystem) == ("ws.handshake_timeout", "gateway/ws")


def test_slow_cron_calls_alone_and_an_announce_that_timed_out_are_no_starvation() -> None:
    cron = [f"- `⇄ res ✓ cron.list {ms}ms conn=4f1c2a9e id=7a1b`" for ms in (212603, 190112)]
    assert primary(*cron) is None  # the cron service's own lock
    assert primary(*cron, "- `⇄ res ✓ chat.history 181234ms conn=4f1c2a9e id=7a1c`") == "RC12"
    announce = "announce queue drain failed for agent:main:main: Error: gateway timeout after 60000ms"
    assert primary(announce) is None


def test_syslog_times_with_a_colon_and_journald_lines_without_a_host_are_read() -> None:
    lines = ["Feb 13 12:51:39: announce queue drain failed for agent:main:main: Error: gateway timeout after 60000ms",
             "Mar 06 09:01:58 node[571626]: [ws] handshake timeout conn=a1 remote=127.0.0.1"]
    events = parse_text_lines(lines)
    assert [e.time is not None for e in events] == [True, True]
    assert events[1].kind == "ws.handshake_timeout" and events[1].shape.startswith("journald")
    (bracketed,) = parse_text_lines(["[Jun 15 19:52:07] [telegram] [default] auto-restart attempt 1/10 in 5s"])
    assert bracketed.time is not None
    assert bracketed.kind == "channel.auto_restart" and bracketed.shape.startswith("syslog-bracketed")


def test_a_level_word_after_a_console_tag_is_the_level() -> None:
    (event,) = parse_text_lines(["[gateway/ws] WARN closed before connect cause=handshake-timeout handshakeMs=3000 "
                                 "durationMs=3012 code=1000"])
    assert (event.kind, event.level, event.subsystem) == ("ws.closed_before_connect", "warn", "gateway/ws")
    (own,) = parse_text_lines(["[diagnostic] error conn=ab12 remote=127.0.0.1: socket hang up"])
    assert own.message.startswith("error conn=")  # a message that starts with a level word keeps it


def test_one_event_loop_pause_of_ten_seconds_or_more_is_starvation_a_shorter_one_is_not() -> None:
    warning = ("10:55:49 [diagnostic] liveness warning: reasons=event_loop_delay interval=30s eventLoopDelayP99Ms=32.4 "
               "eventLoopDelayMaxMs={ms} eventLoopUtilization=0.425 cpuCoreRatio=0.435 active=1 waiting=0 queued=0")
    assert primary(warning.format(ms="20719.9")) == "RC12"
    assert primary(warning.format(ms="2485.1")) is None


def test_a_subsystem_path_before_its_message_without_a_colon_names_the_subsystem() -> None:
    events = parse_text_lines(["channels/imessage [default] channel exited: imsg rpc not ready (Error: exited)",
                               "gateway/ws handshake timeout conn=c1 remote=127.0.0.1",
                               "gateways are down again today"])
    assert [(e.subsystem, e.kind) for e in events] == [("channels/imessage", "channel.exited"),
                                                        ("gateway/ws", "ws.handshake_timeout"),
                                                        (None, "generic")]


def test_a_channel_that_exits_after_its_rpc_never_came_up_is_a_channel_ingress_stall() -> None:
    assert primary("channels/imessage imsg rpc not ready after 30000ms (Error: imsg rpc exited (code 1))",
                   "channels/imessage [default] channel exited: imsg rpc not ready (Error: imsg rpc exited (code 1))"
                   ) == "RC18"
    # one exit alone, on an error of its own: the channel is down as far as the lines go (low confidence); on an abort
    # it may be the gateway stopping it
    assert primary("channels/imessage [default] channel exited: imsg rpc not ready") == "RC18"
    assert primary("channels/imessage [default] channel exited: AbortError: This operation was aborted") is None


def test_a_channels_own_requests_timing_out_on_time_are_its_transport_failing() -> None:
    getme = "[telegram] [account=a{n}] getMe attempt 1/3 failed: fetch timeout after 15000ms"
    assert primary(getme.format(n=1), getme.format(n=2)) == "RC18"
    assert primary(getme.format(n=1)) is None  # once: a blip
    # the same timeout outside a channel's subsystem says nothing of a channel
    assert primary("[gateway] fetch timeout after 15000ms", "[gateway] fetch timeout after 15000ms") != "RC18"


def test_an_evidence_line_that_opens_with_a_bracketed_field_is_shown_whole() -> None:
    from datetime import timezone

    from stuckscan.formats.text import View, evidence_line
    from stuckscan.model import Evidence

    line = evidence_line(Evidence("a.log", 1, None, "fetch.timeout", "[account=pretzel] getMe attempt 1/3 failed"),
                         View(timezone.utc, 200, verbose=False, plain=True, show_all=False))
    assert line.plain.endswith("[account=pretzel] getMe attempt 1/3 failed")


def test_an_auto_restart_whose_count_the_reporter_elided_is_still_an_auto_restart() -> None:
    assert kinds("[imessage] [default] auto-restart attempt ...", "[imessage] [default] auto-restart attempt 2/10 in 5s",
                 "[imessage] [default] auto-restart attempt now") == [(1, "channel.auto_restart"),
                                                                       (2, "channel.auto_restart")]


def test_an_embedded_run_stalled_with_no_progress_value_and_no_tool_is_most_likely_its_model_call() -> None:
    stalled = ("[diagnostic] stalled session: sessionKey=agent:main:main state=processing age=300s "
               "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=embedded_run")
    analysis = analyze_text(stalled)
    (incident,) = analysis.incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC01"
    assert incident.primary.confidence.value == "low"
    # a tool seen in the run, or a progress value, says more than this guess
    assert primary(stalled + " lastProgress=tool:exec:started") != "RC01"
    assert primary("[agent/embedded] embedded run tool start: runId=r1 tool=exec toolCallId=t1 sessionKey=agent:main:main",
                   stalled) != "RC01"


def test_a_nameless_session_with_no_recovery_and_nothing_said_of_its_work_is_stale_state() -> None:
    warning = "[diagnostic] stalled session: sessionId=unknown sessionKey=agent:main:discord:channel:c1 age={age}s " \
              "recovery=none"
    assert primary(warning.format(age=122), warning.format(age=272)) == "RC05"
    # the detector naming live work without progress says more than the missing name
    assert primary(warning.format(age=122) + " reason=active_work_without_progress classification=stalled_agent_run "
                   "activeWorkKind=embedded_run lastProgress=embedded_run:started") != "RC05"


def test_a_time_and_subsystem_heading_with_the_message_indented_below_is_one_line() -> None:
    events = parse_text_lines(["21:02:34  gateway", "          received SIGTERM; restarting", "",
                               "21:03:09  main-session-restart-recovery",
                               "          resumed interrupted main session: agent:main:discord:channel:c1",
                               "21:04:00  gateway", "not indented: read as it is"])
    assert [(e.line, e.kind, e.subsystem) for e in events if e.kind != "generic"] == [
        (2, "gateway.signal_action", "gateway"), (5, "restart.recovery", "main-session-restart-recovery")]
    assert events[0].time is not None and events[0].time.strftime("%H:%M:%S") == "21:02:34"
    assert [e.line for e in events if e.kind == "generic"] == [6, 7]  # a heading with no message below stays a line


def test_a_message_refused_because_restart_recovery_lost_its_claim_is_a_restart_interruption() -> None:
    refused = ("message dispatch completed: channel=discord sessionKey=agent:main:discord:channel:c1 outcome=error "
               'error="Error: restart recovery claim changed before agent adoption"')
    assert kinds(refused) == [(1, "session.work_invalidated")]
    assert kinds(refused.replace("restart recovery claim changed before agent adoption", "provider overloaded")) == [
        (1, "message.dispatch")]
    assert primary("[gateway] received SIGTERM; restarting", refused) == "RC17"


def test_the_model_call_guess_gives_way_to_what_the_log_does_show() -> None:
    stalled = ("[diagnostic] stalled session: sessionKey=agent:main:main state=processing age={age}s "
               "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=embedded_run")
    recovery = ("[diagnostic] stuck session recovery outcome: sessionKey=agent:main:main status=aborted "
                "action=abort_embedded_run aborted=true drained=true forceCleared=false released=0")
    analysis = analyze_text(stalled.format(age=150), stalled.format(age=400), recovery, stalled.format(age=430),
                            stalled.format(age=460))
    (incident,) = analysis.incidents
    found = {incident.primary.rule.id, *(c.rule.id for c in incident.contributing)}
    assert incident.primary.rule.id == "RC06" and "RC01" not in found  # the guess is dropped, not contributing


def test_a_logs_line_whose_message_was_only_its_binding_takes_the_next_bare_line_as_its_message() -> None:
    events = parse_text_lines(['2026-05-08T21:55:16.264+00:00 error {"subsystem":"agent/embedded"}',
                               "embedded run timeout: runId=r1 sessionId=s1 timeoutMs=600000"])
    assert [(e.line, e.kind, e.subsystem, e.level) for e in events] == [
        (1, "embedded.timeout", "agent/embedded", "error")]


def test_a_takeover_whose_error_chain_leads_with_the_models_idle_timeout_is_a_model_call_hang() -> None:
    chained = ("lane task error: lane=session:agent:main:main durationMs=120500 error=\"EmbeddedAttemptSessionTakeoverError: "
               "LLM idle timeout (120s): no response from model <- EmbeddedAttemptSessionTakeoverError: session file "
               "changed while embedded prompt lock was released\"")
    assert primary(chained) == "RC01"
    plain = chained.replace("LLM idle timeout (120s): no response from model <- EmbeddedAttemptSessionTakeoverError: ", "")
    assert primary(plain) == "RC08"


def test_a_heartbeat_tick_late_by_under_two_seconds_is_timer_slop() -> None:
    late = "[diagnostic] liveness heartbeat delayed: overdue={ms}ms elapsed={total}ms; deferring recovery decisions"
    assert primary(late.format(ms=1483, total=31483), late.format(ms=1546, total=31546)) is None
    assert primary(late.format(ms=9200, total=39200)) == "RC12"


def test_an_empty_reply_with_no_failure_before_it_is_a_session_that_answered_nothing() -> None:
    empty = ("visible channel turn dispatched with no queued reply payloads: channel=telegram messageId=m1 "
             "sessionKey=agent:main:telegram:direct:7012345678")
    assert primary(empty) == "RC06"
    failed = ("lane task error: lane=session:agent:main:telegram:direct:7012345678 durationMs=2100 "
              'error="FailoverError: read ECONNRESET"')
    assert kinds(failed) == [(1, "lane.task_error")]
    assert primary(failed, empty) != "RC06"  # after a failed turn, the empty reply is how that turn ended


def test_overflow_recovery_that_gave_up_is_a_compaction_stall() -> None:
    exhausted = ("[context-overflow-recovery] exhausted provider overflow recovery for anthropic/claude-sonnet-4-6; "
                 "livenessState=blocked suggestedAction=reset_or_new kind=context_overflow compaction=skipped")
    assert kinds(exhausted) == [(1, "compaction.overflow_exhausted")]
    assert primary(exhausted) == "RC16"


def test_the_codex_turn_watchdog_names_a_hung_model_call_or_a_ghost_run() -> None:
    idle = "[agent/embedded] codex app-server turn idle timed out waiting for {what}: threadId=t1 turnId=u1 idleMs=300000"
    assert primary(idle.format(what="progress")) == "RC01"
    assert primary(idle.format(what="completion")) == "RC02"
    # no terminal event for the watchdog's 30 minutes: a ghost only after a completed item, else the app-server went
    # silent mid-turn
    assert primary(idle.format(what="terminal event")) == "RC01"
    assert primary(idle.format(what="terminal event") + " lastActivityReason=notification:item/completed") == "RC02"


def test_the_lock_error_class_with_its_timeout_alone_gives_the_timeout() -> None:
    (event,) = parse_text_lines(["SessionWriteLockTimeoutError: timeout 60000ms ageMs=59989"])
    assert (event.kind, event.seconds.get("lockTimeoutMs"), event.fields.get("lockAgeMs")) == ("lock.timeout", 60.0, 59989)
    assert primary("SessionWriteLockTimeoutError: timeout 60000ms ageMs=59989") == "RC08"  # a 60 s build's held lock


def test_a_cli_close_without_a_close_frame_is_a_guessed_handshake_problem_that_yields_to_any_other_reading() -> None:
    dropped = "Error: gateway closed (1006 abnormal closure (no close frame)): no close reason"
    analysis = analyze_text(dropped, "Gateway target: ws://127.0.0.1:18789")
    (episode,) = analysis.episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC11"
    assert episode.primary.confidence.value == "low"
    # the same close beside a starved event loop is the starvation's symptom, not a handshake budget
    starved = ("liveness warning: reasons=event_loop_delay interval=30s eventLoopDelayP99Ms=2300 "
               "eventLoopDelayMaxMs=9800 eventLoopUtilization=0.99 cpuCoreRatio=1.0")
    assert primary(dropped, starved) != "RC11"
    # a Discord gateway's own 1006 is the channel's socket, not the CLI's
    assert primary("discord gateway: WebSocket connection closed with code 1006") != "RC11"


def test_a_channel_worker_aborting_a_turn_past_its_long_budget_is_a_guessed_model_call_hang() -> None:
    head = '2026-05-08T21:55:16.264+00:00 error {"subsystem":"gateway/channels/discord"}'
    overdue = "discord inbound worker timed out after 1800 seconds"
    analysis = analyze_text(head, overdue)
    (finding,) = analysis.incidents
    assert finding.primary is not None and finding.primary.rule.id == "RC01"
    assert finding.primary.confidence.value == "low"
    # a budget shorter than the stall detector's warn threshold running out says nothing of a hang
    assert primary(head, "discord inbound worker timed out after 60 seconds") is None
    # Carbon's listener budget (30 s) running out under a long reply is no hang, and opens nothing
    assert primary("[EventQueue] Listener DiscordMessageListener timed out after 30000ms for event MESSAGE_CREATE") is None


OVERFLOW = "context overflow detected (attempt 1/3); attempting auto-compaction for openai-codex/gpt-5.5"


def _compaction_log(tmp_path, *lines: tuple[str, str, str, str]):
    log = tmp_path / "openclaw-2026-06-02.log"
    log.write_text("\n".join(tslog_line(f"2026-06-02T{clock}.000Z", subsystem, message, level)
                             for clock, subsystem, message, level in lines) + "\n", encoding="utf-8")
    return str(log)


def test_an_overflow_compaction_with_no_end_in_the_excerpt_is_a_guessed_compaction_stall() -> None:
    analysis = analyze_text(f"[agent/embedded] {OVERFLOW}")
    (finding,) = analysis.incidents
    assert finding.primary is not None and finding.primary.rule.id == "RC16"
    assert finding.primary.confidence.value == "low"
    # its diagnostic line just before it is the same compaction: one finding
    diag = ("[context-overflow-diag] sessionKey=agent:main:whatsapp:direct:+15550001111 provider=xai/grok-4.5 "
            "source=assistantError messages=144 compactionAttempts=0 error=Context overflow: estimated context size "
            "exceeds safe threshold during tool loop.")
    assert len(analyze_text(diag, f"[agent/embedded] {OVERFLOW}").incidents) == 1
    # the runner's last attempt spent: no compaction follows the diagnostic, so none is awaited
    assert not analyze_text(diag.replace("compactionAttempts=0", "compactionAttempts=3")).incidents


def test_an_overflow_compaction_that_succeeds_or_that_the_log_leaves_young_is_no_finding(tmp_path) -> None:
    from stuckscan.analysis import analyze_paths
    from stuckscan.parallel import analyze_paths_fast

    succeeded = _compaction_log(
        tmp_path, ("08:00:00", "agent/embedded", OVERFLOW, "WARN"),
        ("08:00:40", "agent/embedded", "auto-compaction succeeded for openai-codex/gpt-5.5; retrying prompt", "INFO"),
        *((f"08:{minute:02d}:00", "gateway/channels/telegram", f"poll cycle {minute} done", "INFO")
          for minute in range(1, 30)))
    for analyze in (analyze_paths, analyze_paths_fast):
        assert not analyze([succeeded]).incidents
    young = _compaction_log(tmp_path, ("08:00:00", "agent/embedded", OVERFLOW, "WARN"),
                            ("08:01:06", "gateway/channels/telegram", "poll cycle done", "INFO"))
    assert not analyze_paths([young]).incidents  # a minute is how long a compaction takes when it works
    hung = _compaction_log(tmp_path, ("08:00:00", "agent/embedded", OVERFLOW, "WARN"),
                           *((f"08:{minute:02d}:00", "gateway/channels/telegram", f"poll cycle {minute} done", "INFO")
                             for minute in range(1, 30)))
    for analyze in (analyze_paths, analyze_paths_fast):
        (finding,) = analyze([hung]).incidents
        assert finding.primary is not None and finding.primary.rule.id == "RC16"


def test_a_records_values_copied_with_the_quotes_between_them_read_as_the_record() -> None:
    (event,) = parse_text_lines(['{"subsystem":"gateway/channels/telegram"}","handler failed: Error: timeout acquiring '
                                 'session store lock: /home/u/.openclaw/agents/main/sessions/sessions.json.lock"'])
    assert event.kind == "lock.store_timeout" and event.subsystem == "gateway/channels/telegram"
    assert event.message.startswith("handler failed: ") and not event.message.endswith('"')


def test_a_session_store_lock_timeout_is_a_guessed_live_holder_at_warning() -> None:
    analysis = analyze_text("[telegram] handler failed: Error: timeout acquiring session store lock: "
                            "/home/u/.openclaw/agents/main/sessions/sessions.json.lock")
    (finding,) = analysis.incidents
    assert finding.primary is not None and finding.primary.rule.id == "RC08"
    assert finding.primary.confidence.value == "low" and finding.severity.value == "warning"


def test_a_turn_refused_for_a_claim_never_released_is_stale_session_state_unless_a_timeout_explains_it() -> None:
    claim = "Session 6b550ab1-62b0-4cf9-8703-0d07b230da5a already has an active turn claim"
    (finding,) = analyze_text(claim, "Embedded agent failed before reply").incidents
    assert finding.primary is not None and finding.primary.rule.id == "RC05"
    assert finding.primary.confidence.value == "low"
    assert analyze_text(claim, claim).incidents[0].primary.confidence.value == "medium"


def test_telegram_rebuilding_its_polling_transport_again_and_again_is_a_channel_stall() -> None:
    closing = "[telegram][diag] closing stale transport before rebuild"
    rebuilding = "[telegram][diag] rebuilding transport for next polling cycle"
    assert primary(closing, rebuilding, closing, rebuilding) == "RC18"
    assert primary(closing, rebuilding) is None  # one rebuild after one network stall is the transport recovering


def test_a_message_that_waited_behind_its_sessions_turn_is_lane_backlog_at_info() -> None:
    def wait(ms: int) -> str:
        return f"[diagnostic] lane wait exceeded: lane=session:agent:main:main waitedMs={ms} queueAhead=0"

    for waited in (118402, 8552):  # (the gateway logs a wait from 2 s: every such line is a message that sat queued)
        (finding,) = analyze_text(wait(waited)).incidents
        assert finding.primary is not None and finding.primary.rule.id == "RC14"
        assert finding.severity.value == "info" and "no stall warning" in finding.primary.summary
    assert not analyze_text("[diagnostic] lane dequeue: lane=session:agent:main:main waitMs=8552 queueSize=0").incidents


def test_a_lane_wait_at_info_during_startup_leaves_the_cold_start_reading() -> None:
    """A finding at info with no stall warning (a wait on a shared lane, RC14) is no stuck session: the startup
    liveness warning beside it still reads as cold-start noise (RC13)."""
    started = "2026-06-02T08:00:00.000+02:00 [gateway/health-monitor] started (interval: 300s, startup-grace: 60s)"
    liveness = ("2026-06-02T08:00:32.000+02:00 [diagnostic] liveness warning: reasons=event_loop_delay interval=30s "
                "eventLoopDelayP99Ms=1210.4 eventLoopDelayMaxMs=2811.6 eventLoopUtilization=0.972 cpuCoreRatio=0.981")
    wait = "2026-06-02T08:00:40.000+02:00 [diagnostic] lane wait exceeded: lane=main waitedMs=15000 queueAhead=1"
    analysis = analyze_text(started, liveness, wait)
    assert [(i.primary.rule.id, i.severity.value) for i in analysis.incidents if i.primary] == [("RC14", "info")]
    assert [e.primary.rule.id for e in analysis.episodes if e.primary] == ["RC13"]


def test_short_session_lane_waits_are_one_finding_only_when_nothing_else_shows() -> None:
    """A busy gateway logs a wait from 2 s many times an hour: short waits open nothing of their own; when the input
    shows nothing else, the longest is said (RC14, info) with how many there were."""
    def wait(second: int, ms: int, peer: int) -> str:
        return (f"2026-06-02T08:{second // 60:02d}:{second % 60:02d}.000+00:00 [diagnostic] lane wait exceeded: "
                f"lane=session:agent:main:telegram:direct:{peer} waitedMs={ms} queueAhead=0")

    (finding,) = analyze_text(*(wait(10 * i, 3000 + 100 * i, 7000000000 + i % 3) for i in range(30))).incidents
    assert finding.primary is not None and finding.primary.rule.id == "RC14" and finding.severity.value == "info"
    assert "the longest of 30 such waits" in finding.status_reason
    assert "longest 6 s" in finding.primary.summary  # (the session's own waits before it are its history)
    stall = ("2026-06-02T09:00:00.000+00:00 [diagnostic] stalled session: sessionId=s-1 sessionKey=agent:main:main "
             "state=processing age=150s queueDepth=1 activeWorkKind=model_call lastProgress=model_call:started "
             "lastProgressAge=150s")
    mixed = analyze_text(wait(10, 5000, 7000000001), stall).incidents
    assert [i.primary.rule.id for i in mixed if i.primary] == ["RC01"]


def test_a_failover_the_file_record_gives_as_failover_reason_timeout_is_a_model_call_timing_out(tmp_path) -> None:
    from stuckscan.analysis import analyze_paths

    log = tmp_path / "openclaw-2026-06-02.log"
    log.write_text(tslog_line("2026-06-02T08:00:00.000Z", "agent/embedded", "embedded run failover decision", "WARN",
                              meta={"event": "embedded_run_failover_decision", "runId": "r1", "stage": "prompt",
                                    "decision": "surface_error", "failoverReason": "timeout",
                                    "profileFailureReason": "timeout"}) + "\n", encoding="utf-8")
    (finding,) = analyze_paths([str(log)]).incidents
    assert finding.primary is not None and finding.primary.rule.id == "RC01"
    assert primary("embedded_run_failover_decision ... failoverReason=timeout profileFailureReason=timeout") == "RC01"


def test_a_failover_right_after_a_recall_timed_out_is_the_recalls_own() -> None:
    recall = "active-memory ... done status=timeout elapsedMs=8092 summaryChars=0"
    failover = "embedded_run_failover_decision ... failoverReason=timeout profileFailureReason=timeout"
    assert primary(recall, failover) is None
    assert primary("active-memory ... done status=ok elapsedMs=812 summaryChars=120", failover) == "RC01"


def test_a_model_request_that_failed_after_running_past_the_warn_threshold_is_a_hung_model_call() -> None:
    hung = "[model-fetch] error provider=ollama model=qwen3.5:9b-mlx elapsedMs=1133471 name=AbortError"
    assert primary(hung) == "RC01"
    assert primary(hung.replace("1133471", "5000")) is None  # a request that failed fast hung nothing
    # untimed, a starved event loop pasted beside it is part of the same moment: named beside the hang
    (finding,) = analyze_text("liveness heartbeat delayed: overdue=894509ms (event loop stalled ~15 min)", hung).incidents
    assert "RC12" in {c.rule.id for c in finding.contributing}


def test_an_embedded_run_last_heard_from_its_model_mid_turn_is_a_guessed_model_call_hang() -> None:
    stall = ("stalled session: sessionKey=agent:main:telegram:direct:6600000001 classification=stalled_agent_run "
             "activeWorkKind=embedded_run lastProgress=codex_app_server:notification:thread/tokenUsage/updated "
             "recovery=none")
    (finding,) = analyze_text(stall).incidents
    assert finding.primary is not None and finding.primary.rule.id == "RC01"
    assert finding.primary.confidence.value == "low"
    # an item completed with no turn completed after it is the ghost run, not a model call
    ghost = stall.replace("thread/tokenUsage/updated", "item/completed")
    assert primary(ghost) != "RC01"


def test_a_channel_that_exits_again_and_again_is_one_ingress_stall_even_half_an_hour_apart() -> None:
    def exited(clock: str) -> str:
        return (f"2026-01-30T{clock}.044Z ERROR [telegram] [default] channel exited: Request to 'getUpdates' "
                "timed out after 30 seconds")

    analysis = analyze_text(exited("10:29:48"), exited("10:59:16"), exited("11:32:39"))
    (episode,) = analysis.episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18"
    assert "exited 3 times" in episode.primary.summary
    (once,) = analyze_text(exited("10:29:48")).episodes  # one exit: the channel is down, as far as one line goes
    assert once.primary.confidence.name == "LOW"


def test_slack_reporting_several_socket_connections_for_the_app_is_events_going_elsewhere() -> None:
    shared = "slack socket mode reports {} active connections for this Slack app"
    (episode,) = analyze_text(shared.format(10), shared.format(3)).episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18"
    assert episode.primary.confidence.value == "medium"
    assert primary(shared.format(1)) is None  # one connection is this gateway's own


def test_a_warnings_fields_listed_one_a_line_as_indented_bullets_read_as_that_warning() -> None:
    lines = ["- The session was later reported as stalled with fields similar to:", "  - `state=processing`",
             "  - `queueDepth=1`", "  - `reason=active_work_without_progress`", "  - `classification=stalled_agent_run`",
             "  - `activeWorkKind=embedded_run`", "  - `lastProgress=embedded_run:started`"]
    events = [e for e in parse_text_lines(lines) if e.kind != "generic"]
    assert [(e.line, e.kind) for e in events] == [(2, "session.stalled")]
    assert events[0].fields["lastProgress"] == "embedded_run:started" and events[0].fields["queueDepth"] == 1
    # unindented, or fields that never add up to a template's own, stay what they were
    assert kinds("- `state=processing`", "- `queueDepth=1`") == []
    assert kinds("  - `foo=1`", "  - `bar=2`") == []


def test_an_overflow_compaction_wait_ends_when_a_run_ends_after_it(tmp_path) -> None:
    from stuckscan.analysis import analyze_paths

    finished = _compaction_log(
        tmp_path, ("08:00:00", "agent/embedded", OVERFLOW, "WARN"),
        ("08:00:50", "agent/embedded", "embedded run done: runId=r1 sessionId=s1 durationMs=52000 aborted=false", "DEBUG"),
        *((f"08:{minute:02d}:00", "gateway/channels/telegram", f"poll cycle {minute} done", "INFO")
          for minute in range(1, 30)))
    assert not analyze_paths([finished]).incidents  # (a file kept at warn has no "auto-compaction succeeded")


def test_a_busy_sessions_one_refused_turn_is_no_fault_but_refusals_that_go_on_are(tmp_path) -> None:
    from stuckscan.analysis import analyze_paths

    sid = "6b550ab1-62b0-4cf9-8703-0d07b230da5a"

    def log(*clocks: str) -> str:
        path = tmp_path / f"openclaw-{len(clocks)}.log"
        path.write_text("".join(tslog_line(f"2026-09-02T{clock}.000Z", "gateway", f"Session {sid} already has an "
                                           "active turn claim", "ERROR") + "\n" for clock in clocks), encoding="utf-8")
        return str(path)

    assert not analyze_paths([log("08:00:00")]).incidents
    assert not analyze_paths([log("08:00:00", "08:00:20")]).incidents  # a busy session, seconds apart
    (finding,) = analyze_paths([log("08:00:00", "08:03:00")]).incidents
    assert finding.primary is not None and finding.primary.rule.id == "RC05"


def test_a_restart_recovery_that_resumed_every_session_it_marked_is_no_finding() -> None:
    marked = "2026-05-29T20:51:55.590+08:00 [main-session-restart-recovery] marked 1 interrupted main session(s) from " \
             "stale transcript locks"
    complete = "2026-05-29T20:52:00.991+08:00 [main-session-restart-recovery] main-session restart recovery complete: " \
               "recovered={} failed={} skipped=0"
    assert primary(marked, complete.format(1, 0)) is None
    assert primary(marked) == "RC17"
    (finding,) = analyze_text(marked, complete.format(0, 1)).incidents
    assert "could not resume" in finding.primary.summary


def test_one_channel_request_that_hung_past_the_warn_threshold_is_an_ingress_stall() -> None:
    hung = "[telegram] network error: Request to 'getUpdates' timed out after {} seconds"
    (episode,) = analyze_text(hung.format(500)).episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18"
    assert episode.primary.confidence.value == "medium" and "hung for 500 s" in episode.primary.summary
    assert primary(hung.format(30)) is None  # a long poll timing out at its own 30 s is a blip


def test_calls_slow_right_after_the_gateway_came_up_are_cold_start_noise_and_later_ones_starvation() -> None:
    ready = "2026-05-03T00:53:21Z  gateway ready (8s after restart)"
    soon = "2026-05-03T00:53:50Z  ⇄ res ✓ models.list 23106ms"
    later = "2026-05-03T01:10:50Z  ⇄ res ✓ models.list 23106ms"
    (episode,) = analyze_text(ready, soon).episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC13" and episode.severity.value == "info"
    assert primary(ready, later) == "RC12"


def test_a_named_overflow_diagnostic_ends_with_the_unnamed_success_but_a_named_compaction_start_does_not(tmp_path) -> None:
    from stuckscan.analysis import analyze_paths

    diag = ("[context-overflow-diag] sessionKey=agent:main:whatsapp:direct:+15550001111 provider=xai/grok-4.5 "
            "source=assistantError messages=144 compactionAttempts=0 error=Context overflow: too large")
    success = "auto-compaction succeeded for xai/grok-4.5; retrying prompt"
    quiet = [(f"08:{minute:02d}:00", "gateway/channels/telegram", f"poll cycle {minute} done", "INFO") for minute in range(1, 30)]
    overflowed = _compaction_log(tmp_path, ("08:00:00", "agent/embedded", diag, "WARN"),
                                 ("08:00:30", "agent/embedded", success, "INFO"), *quiet)
    assert not analyze_paths([overflowed]).incidents
    start = "embedded run compaction start: runId=r-other sessionId=s-other"
    other = _compaction_log(tmp_path, ("08:00:00", "agent/embedded", start, "DEBUG"),
                            ("08:00:30", "agent/embedded", success, "INFO"), *quiet)
    (finding,) = analyze_paths([other]).incidents  # another session's compaction never ended
    assert finding.primary is not None and finding.primary.rule.id == "RC16"


def test_a_cli_calls_own_gateway_timeout_alone_is_no_starvation() -> None:
    timeout = "Error: gateway timeout after 10000ms"
    analysis = analyze_text(timeout, "Gateway target: ws://127.0.0.1:18789", "Source: local loopback")
    assert not analysis.episodes and not analysis.incidents
    assert analysis.unexplained.count == 1  # the CLI could not reach the gateway: no all-clear
    slow = "⇄ res ✓ chat.history 181234ms conn=4f1c2a9e id=7a1c"
    assert primary(timeout, slow) == "RC12"
    assert primary("gateway request timeout for connect") == "RC12"


def test_a_run_that_timed_out_inside_its_compaction_is_a_compaction_stall() -> None:
    lines = ["- `embedded run timeout: timeoutMs=600000`", "- `timed out during compaction`",
             "- `AbortError: Unsubscribed during compaction`"]
    assert primary(*lines) == "RC16"
    assert primary(lines[0]) == "RC01"  # a lone timeout (policy "lone embedded run timeout")


def test_findings_tied_on_severity_confidence_and_span_headline_the_cause_precedence_puts_first() -> None:
    # (a restart recovery's claimed turn refused before adoption: a low RC17 of one line; the work-start refusal
    # "changed while starting work" was this test's RC17 until policy "work-start refusal and its channel report")
    moved = ("[diagnostic] message processed: channel=feishu sessionKey=agent:main:feishu:direct:ou_1 outcome=error "
             'duration=9ms error="Error: restart recovery claim changed before agent adoption"')
    claimed = "Embedded agent failed before reply: Session e015d894-e350-441b-b6fd-136e35d000bd already has an active " \
              "turn claim"
    analysis = analyze_text(moved, claimed)
    assert sorted(i.primary.rule.id for i in analysis.incidents) == ["RC05", "RC17"]
    assert {i.primary.confidence.value for i in analysis.incidents} == {"low"}
    assert analysis.headline().primary.rule.id == "RC05"  # RC05 comes before RC15/RC16/RC17
    assert analyze_text(claimed, moved).headline().primary.rule.id == "RC05"


def test_handshake_timeouts_on_a_ten_second_budget_are_slow_clients_and_far_past_any_budget_a_late_timer() -> None:
    def close(handshake_ms: int, duration_ms: int) -> str:
        return (f"[ws] closed before connect conn=c1 remote=10.0.0.5 cause=handshake-timeout handshake=failed "
                f"handshakeMs={handshake_ms} durationMs={duration_ms} code=1000")

    (episode,) = analyze_text(close(12688, 16859), close(14107, 18924)).episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC11"
    assert episode.primary.confidence.value == "medium" and "own budget" in episode.primary.summary
    assert primary(close(12688, 16859)) is None  # once is a near miss
    assert primary(close(32602, 32759)) == "RC12"  # a timer that fired past the largest budget the docs suggest
    assert primary(close(3000, 3012)) == "RC11"


def test_a_logs_line_whose_hour_lost_a_digit_keeps_its_level_and_subsystem_but_not_its_time() -> None:
    (event,) = parse_text_lines(["7:02:18+00:00 warn agent/embedded embedded run agent end: runId=r1 isError=true "
                                 "error=LLM request timed out."])
    assert (event.kind, event.level, event.subsystem, event.time) == ("embedded.agent_end", "warn", "agent/embedded", None)
    assert event.shape == "logs-cut"


def test_an_agent_end_the_record_classes_as_a_provider_timeout_is_a_model_call_timing_out() -> None:
    # (labelling policy "embedded run agent end with an error": the error decides, not the runtime kind or the
    # failover reason OpenClaw attached; a provider's answer or a fetch that failed at once is no fault)
    end = ('{"event":"embedded_run_agent_end","runId":"r1","isError":true,"error":"The AI service is temporarily '
           'overloaded.","failoverReason":"overloaded","providerRuntimeFailureKind":"%s"}')
    assert primary(end % "timeout") is None
    assert primary(end % "overloaded") is None
    timed_out = end.replace("The AI service is temporarily overloaded.", "LLM request timed out.")
    assert primary(timed_out % "timeout") == "RC01"
    failover = ('{"event":"embedded_run_agent_end","runId":"r1","isError":true,"error":"LLM request failed: network '
                'connection error.","failoverReason":"%s","rawErrorPreview":"fetch failed"}')
    assert primary(failover % "timeout") is None
    assert primary(failover % "network") is None
    aborted = failover.replace("LLM request failed: network connection error.", "Request was aborted")
    assert primary(aborted % "timeout") is None  # (a run aborted mid-call is classed a timeout whatever held it)


def test_claim_refusals_hours_apart_are_a_busy_session_now_and_then(tmp_path) -> None:
    from stuckscan.analysis import analyze_paths

    sid = "6b550ab1-62b0-4cf9-8703-0d07b230da5a"
    path = tmp_path / "openclaw-2026-09-02.log"
    path.write_text("".join(tslog_line(f"2026-09-02T{clock}.000Z", "gateway", f"Session {sid} already has an active "
                                       "turn claim", "ERROR") + "\n" for clock in ("08:00:00", "14:00:00")),
                    encoding="utf-8")
    assert not analyze_paths([str(path)]).incidents


def test_an_empty_visible_turn_whose_cause_says_it_was_handled_elsewhere_is_no_lost_reply() -> None:
    line = ("[turn/execution] visible channel turn dispatched with no queued reply payloads: channel=telegram "
            "messageId=41 sessionKey=" + KEY + " cause={}")
    for handled in ("completed:before_dispatch_handled", "skipped:duplicate"):
        assert primary(line.format(handled)) is None
    assert primary(line.format("skipped:reply_operation_aborted")) == "RC06"
    # The bare completed outcome alone (policy "zero-payload visible dispatch"): the turn ended with nothing
    # delivered and the lines do not say why, RC06 at low confidence (f5897); a hand-off is
    # test_an_empty_turn_handed_to_a_child_run_is_no_lost_reply's.
    assert primary(line.format("completed")) == "RC06"
    assert primary(line.format("unknown")) == "RC06"  # (a build that could not say how the turn ended)
    # After a recovery that acted, the same bare outcome is the turn the recovery left without its reply.
    recovery = ("2026-06-01T10:00:00.000Z [diagnostic] stuck session recovery outcome: sessionKey=" + KEY + " "
                "status=aborted action=abort_embedded_run aborted=true drained=true forceCleared=false released=0")
    after = "2026-06-01T10:00:05.000Z " + line.format("completed")
    assert "RC06" in {f.rule.id for f in analyze_text(recovery, after).findings()}


def test_a_lone_empty_turn_with_the_bare_completed_cause_is_a_lost_reply_at_low_confidence() -> None:
    # f5897 (#145245): one untimed line, the session key masked by the reporter; timed alike.
    masked = ("[turn/execution] visible channel turn dispatched with no queued reply payloads: channel=telegram "
              "messageId=<id> sessionKey=agent:<agent>:telegram:group:<chatId> cause=completed")
    timed = ("2026-09-03T10:00:00.000Z [turn/execution] visible channel turn dispatched with no queued reply payloads: "
             "channel=telegram messageId=41 sessionKey=" + KEY + " cause=completed")
    for line in (masked, timed):
        (incident,) = analyze_text(line).incidents
        finding = incident.primary
        assert finding is not None and finding.rule.id == "RC06" and finding.confidence.name == "LOW"
        assert "nothing delivered" in finding.summary and "do not say why" in finding.summary
        # A deliberate silent reply (NO_REPLY) ends with the same line, so the reading warns and does not fail CI
        # as proven message loss would.
        assert finding.severity.name == "WARNING" and "NO_REPLY" in finding.summary


def test_many_bare_completed_empty_turns_are_counted_whole_and_advise_reading_the_transcript() -> None:
    # h59: a group bot that stays silent forty times (three minutes apart) was said as 12 turns (the incident keeps the
    # first and last few lines of a kind) with the wedge's fixes (restart now, queued messages lost)
    lines = [f"2026-09-03T{10 + 3 * i // 60:02d}:{3 * i % 60:02d}:00.000Z [turn/execution] visible channel turn "
             f"dispatched with no queued reply payloads: channel=telegram messageId={100 + i} sessionKey={KEY} "
             "cause=completed" for i in range(40)]
    (incident,) = analyze_text(*lines).incidents
    finding = incident.primary
    assert finding is not None and finding.rule.id == "RC06" and finding.severity.name == "WARNING"
    assert finding.summary.startswith("40 visible turn(s)")
    assert any("transcript" in fix for fix in finding.fixes)
    assert not any("Restart the gateway" in fix or "queued during the wedge" in fix or "#91802" in fix
                   for fix in finding.fixes)


def test_an_empty_turn_after_an_aborted_reply_operation_stays_an_error() -> None:
    aborted = ("2026-09-03T10:00:00.000Z [turn/execution] visible channel turn dispatched with no queued reply "
               "payloads: channel=telegram messageId=41 sessionKey=" + KEY + " cause=skipped:reply_operation_aborted")
    (incident,) = analyze_text(aborted).incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC06"
    assert incident.primary.severity.name == "ERROR"


def test_an_empty_turn_handed_to_a_child_run_is_no_lost_reply() -> None:
    # Policy "zero-payload visible dispatch": a sessions_yield or child-run hand-off with cause=completed is null.
    empty = ("[turn/execution] visible channel turn dispatched with no queued reply payloads: channel=telegram "
             "messageId=41 sessionKey=" + KEY + " cause=completed")
    released = "[agent/embedded] codex app-server turn released after terminal dynamic tool result"  # (f374)
    yielded = "20:55:42 tool=sessions_yield"  # (f430, a reporter's timeline)
    assert kinds(released) == [(1, "reply.handed_off")] and kinds(yielded) == [(1, "reply.handed_off")]
    for handoff in (released, yielded):
        analysis = analyze_text(handoff, "# a reporter's note", empty)
        assert not analysis.incidents and not [f for f in analysis.findings() if f.rule.id == "RC06"]
    # Timed: the dispatch two seconds after the yield; a dispatch ten minutes on is another turn.
    at = "2026-09-03T10:{} [turn/execution] " + empty.split("] ", 1)[1]
    yield_call = "2026-09-03T10:00:00.000Z [tools] tool=sessions_yield"
    assert primary(yield_call, at.format("00:02.000Z")) is None
    assert primary(yield_call, at.format("10:00.000Z")) == "RC06"
    # Only the bare completed outcome: a reply operation aborted after a yield is still a lost reply.
    assert primary(yielded, empty.replace("cause=completed", "cause=skipped:reply_operation_aborted")) == "RC06"
    # Another session's hand-off says nothing of this one.
    other = "2026-09-03T10:00:00.000Z [tools] tool=sessions_yield sessionKey=agent:main:telegram:direct:1"
    assert primary(other, at.format("00:02.000Z")) == "RC06"


def test_an_empty_turn_after_a_wrapped_private_final_warning_is_no_lost_reply() -> None:
    # f2023: the reporter's editor wrapped the private-final warning over three lines; its head alone is the warning.
    lines = ("[source-reply/private-final] agent produced a long private final reply without",
             "  calling the configured delivery tool (message_tool_only); response kept",
             "  private and not delivered to the source channel",
             "[turn/execution] visible channel turn dispatched with no queued reply payloads: channel=a2a cause=completed")
    assert kinds(*lines)[0] == (1, "reply.kept_private")
    assert primary(*lines) is None
    assert primary(lines[3]) == "RC06"


def test_a_healthy_turn_with_its_reply_delivered_stays_quiet() -> None:
    lines = ("2026-09-03T10:00:00.000Z [telegram] Inbound message telegram:7012345678 -> @bot (direct, 12 chars)",
             "2026-09-03T10:00:04.000Z [agent/embedded] codex app-server turn released after terminal dynamic tool "
             "result",
             "2026-09-03T10:00:05.000Z [telegram] sendMessage ok chat=7012345678 message=99")
    analysis = analyze_text(*lines)
    assert not analysis.incidents and not analysis.episodes


def test_an_active_memory_recall_line_without_its_session_word_is_the_recall() -> None:
    (event,) = parse_text_lines(["15:24:09 active-memory: agent=main activeProvider=xiaomi activeModel=mimo-v2.5-pro "
                                 "start timeoutMs=25000 queryChars=909"])
    assert event.kind == "memory.recall" and event.fields["stage"] == "start"
    assert event.fields["model"] == "mimo-v2.5-pro" and "recallSession" not in event.fields


def test_a_call_that_waits_by_design_is_no_slow_response() -> None:
    approval = "2026-06-01T10:00:00.000Z [ws] ⇄ res ✓ {} 119965ms conn=a1b2c3d4 id=5"
    for method in ("plugin.approval.waitDecision", "agent.wait", "web.login.wait", "channels.loginQrWait"):
        assert primary(approval.format(method)) is None  # (a QR login waits for the user's scan: f2061)
    assert primary(approval.format("chat.send")) == "RC12"
    assert primary(approval.format("wizard.await")) == "RC12"  # a name that only contains "wait" is no waiting call
    # An exec approval wait that lasted the whole default window (120 s; 30 min on later builds) expired unanswered: a
    # bounded wait, the approval window, not a stuck session (labelling policy "slow ws responses: method and
    # duration", f416). One answered within the window is no fault either.
    for waited in ("119965ms", "1799410ms", "45210ms", "117500ms", "121500ms"):
        assert primary(approval.format("exec.approval.waitDecision").replace("119965ms", waited)) is None


def test_the_active_memory_recalls_own_lane_task_timing_out_is_no_run_left_uncleaned() -> None:
    recall = ["[plugins] before_prompt_build handler from active-memory failed: timed out after 32000ms",
              "[diagnostic] lane task error: lane=session:agent:main:telegram:direct:7012345678:active-memory:a1b2 "
              "error=\"CommandLaneTaskTimeoutError: Command lane main task timed out after 32000ms\""]
    assert primary(*recall) is None
    user = recall[1].replace(":active-memory:a1b2", "")
    assert primary(recall[0], user) == "RC15"


def test_a_freeze_measured_longer_than_the_stall_and_logged_before_it_comes_first_in_an_untimed_paste() -> None:
    liveness = "[diagnostic] liveness warning: eventLoopDelayP99Ms={} eventLoopUtilization=1"
    stuck = "[diagnostic] stuck session: sessionKey=agent:main:main state=processing age=173s"
    assert primary(liveness.format("173006.7"), stuck) == "RC12"
    hung = ("[diagnostic] stalled session: sessionKey=agent:main:main state=processing age=173s "
            "reason=active_work_without_progress activeWorkKind=model_call lastProgress=model_call:started")
    assert primary(liveness.format("173006.7"), hung) == "RC12"
    assert primary(hung, liveness.format("173006.7")) == "RC01"  # (logged after the warning: it may have come later)
    assert primary(liveness.format("9000.0"), hung) == "RC01"  # (a shorter freeze cannot cover the stall)


def test_an_old_builds_want_of_recovery_before_the_abort_threshold_is_read_only_when_nothing_else_explains() -> None:
    liveness = "[diagnostic] liveness warning: eventLoopDelayP99Ms=173006.7 eventLoopUtilization=1"
    stuck = "[diagnostic] stuck session: sessionKey=agent:main:main state=processing age=173s"
    (incident,) = analyze_text(liveness, stuck).incidents
    assert "RC07" not in [c.rule.id for c in incident.contributing]
    # alone, an old build's warning below the 360 s abort point is no fault (no build would have recovered yet);
    # at the abort point it is the stall nothing recovered
    assert primary(stuck) is None
    assert primary(stuck.replace("age=173s", "age=360s")) == "RC07"


def test_a_channel_stop_that_hung_is_read_like_an_exit() -> None:
    hung = "2026-05-25T14:00:46.513+00:00 [telegram] [default] channel stop exceeded 5000ms after abort; continuing shutdown"
    alone = analyze_text(hung).episodes
    assert [(e.primary.rule.id, e.primary.confidence.name) for e in alone] == [("RC18", "LOW")]
    assert "stop hung past its 5000 ms budget" in alone[0].primary.summary
    # the monitor restarting the same channel a quarter of an hour later, into a 409 conflict: one story, a loop
    restart = "2026-05-25T14:15:46.513+00:00 [health-monitor] [telegram:default] health-monitor: restarting (reason: stopped)"
    conflict = ("2026-05-25T14:15:48.000+00:00 [telegram] Telegram getUpdates conflict: Call to 'getUpdates' failed! "
                "(409: Conflict: terminated by other getUpdates request); retrying in 2.1s.")
    (loop,) = analyze_text(hung, restart, conflict).episodes
    assert (loop.primary.rule.id, loop.primary.confidence.name) == ("RC18", "HIGH")
    assert "stop hung" in loop.primary.summary
    again = hung.replace("14:00:46", "15:00:46")
    (twice,) = analyze_text(hung, again).episodes
    assert twice.primary.confidence.name == "HIGH" and "2 time(s)" in twice.primary.summary
    # another channel's transport error is no partner of this stop
    slack = "2026-05-25T14:00:50.000+00:00 [slack] [default] slack socket disconnected (close). retry 1/12 in 2s"
    (apart,) = analyze_text(hung, slack).episodes
    assert apart.primary.confidence.name == "LOW" and "one hung stop alone" in apart.primary.summary


def test_a_channel_stall_measured_in_milliseconds_is_that_many_milliseconds() -> None:
    ready = "2026-06-01T10:00:00.000Z [discord] gateway READY wait timed out after 30000ms; reconnecting with backoff"
    # 30 s without READY once is a blip the watchdog handled, not a stall of five minutes and more (30000 s)
    assert primary(ready) is None
    idle = "2026-06-01T10:00:00.000Z [whatsapp] No messages received in 97m - restarting connection"
    (event,) = [e for e in parse_text_lines([idle]) if e.kind == "channel.polling_stall"]
    assert event.seconds["stalledFor"] == 97 * 60  # (97 minutes, not 97 ms)
    # one firing is the watchdog's routine reconnect on a quiet account, whatever the idle count (policy "one
    # idle-watchdog reconnect")
    assert primary(idle) is None and primary(idle.replace("97m", "30m")) is None


def test_a_channel_closed_for_good_is_an_ingress_stall_that_a_restart_does_not_fix() -> None:
    logged_out = ("2026-06-01T10:00:00.000Z [whatsapp] WhatsApp session logged out. Run `openclaw channels login "
                  "--channel whatsapp` to relink.")
    (episode,) = analyze_text(logged_out).episodes
    assert (episode.primary.rule.id, episode.primary.confidence.name) == ("RC18", "MEDIUM")
    assert "logged out" in episode.primary.summary
    assert any("Relink" in fix for fix in episode.primary.fixes)
    assert not any(fix.startswith("Restart the channel") for fix in episode.primary.fixes)
    intents = "2026-06-01T10:00:00.000Z [discord] discord: gateway closed with code 4014 (missing privileged gateway intents)."
    assert primary(intents) == "RC18"
    # the manager's info line that it skipped the restart says nothing alone
    assert primary("2026-06-01T10:00:00.000Z [gateway/channels/whatsapp] [default] auto-restart skipped, terminal "
                   "disconnect") is None


def test_telegram_polls_ended_by_another_poller_name_the_other_poller() -> None:
    conflict = ("2026-05-25T14:1{}:48.000+00:00 [telegram] Telegram getUpdates conflict: Call to 'getUpdates' failed! "
                "(409: Conflict: terminated by other getUpdates request); retrying in 2.1s.")
    (episode,) = analyze_text(conflict.format(5), conflict.format(6)).episodes
    assert episode.primary.rule.id == "RC18" and "409 Conflict" in episode.primary.summary
    assert episode.primary.fixes[0].startswith("Stop the other process polling this bot token")


def test_the_recall_sub_runs_own_run_timeout_is_the_recall_skipping_not_a_run_left_uncleaned() -> None:
    timeout = "2026-05-26T20:24:02.478+09:00 [agent/embedded] embedded run timeout: runId={} timeoutMs=15000"
    assert primary(timeout.format("active-memory-modqufpt-9760cd06")) is None
    assert primary(timeout.format("3f0c9a1e-0000-4000-8000-000000000001")) == "RC01"  # a lone timeout


def test_a_codex_trajectory_export_is_read_record_by_record() -> None:
    record = ('{"ts":"2026-06-01T07:41:18.117Z","type":"turn.completion_idle_timeout","data":{"idleMs":60003,'
              '"timeoutMs":60000,"lastNotificationMethod":"item/completed"}}')
    (event,) = parse_text_lines([record])
    assert (event.kind, event.shape, event.fields["waitingFor"]) == ("codex.turn_idle_timeout", "trajectory", "completion")
    assert event.time is not None and event.fields["idleMs"] == 60003
    # pretty-printed with its first field on the brace's line, the wrapper left out
    opened = ['{ "type": "turn.completion_idle_timeout",', '  "idleMs": 60001, "timeoutMs": 60000,',
              '  "lastActivityReason": "notification:item/completed" }',
              '{ "type": "model.completed",', '  "usage": { "input": 18484, "output": 163 } }']
    events = parse_text_lines(opened)
    assert [(e.line, e.kind) for e in events] == [(1, "codex.turn_idle_timeout"), (4, "generic")]
    assert all(e.kind != "unparsed" for e in events)
    # as a reporter lists it, and the error the session ends with
    assert kinds("trajectory: turn.completion_idle_timeout idleMs=3002 timeoutMs=3000",
                 "turn.completion_idle_timeout",
                 'promptError: "codex app-server turn idle timed out waiting for turn/completed"') == [
        (1, "codex.turn_idle_timeout"), (2, "codex.turn_idle_timeout"), (3, "codex.turn_idle_timeout")]
    # a value with quotes and a Windows path in it stays one field
    (ended,) = parse_text_lines(['{"ts":"2026-06-01T07:41:18.138Z","type":"session.ended","data":{"status":"error",'
                                 '"promptError":"tool \\"exec\\" failed in C:\\\\work"}}'])
    assert ended.fields["status"] == "error" and ended.fields["promptError"] == 'tool "exec" failed in C:\\work'
    assert ended.message == "session.ended status=error promptError=\"tool 'exec' failed in C:\\\\work\""
    # a JSON object with a type of its own is not a trajectory record
    assert [e.shape for e in parse_text_lines(['{"type":"config.changed","message":"x"}'])] != ["trajectory"]


def test_a_codex_turn_idle_after_its_items_is_a_ghost_run_and_silence_mid_turn_a_hung_model_call() -> None:
    completion = "turn.completion_idle_timeout idleMs=60003 timeoutMs=60000 lastActivityReason=notification:item/completed"
    assert primary(completion) == "RC02"
    assert primary("seq=6 18:26:38.855Z turn.terminal_idle_timeout") == "RC01"  # (after a tool result: silent)
    assert primary("turn.terminal_idle_timeout lastActivityReason=notification:item/completed") == "RC02"


def test_a_fallback_summary_where_every_candidate_timed_out_is_a_hung_model_call() -> None:
    summary = ("Agent failed before reply: All models failed (2): openai/gpt-5.5: This operation was aborted (timeout) | "
               "openai/gpt-5.2: {}")
    assert primary(summary.format("This operation was aborted (timeout)")) == "RC01"
    assert primary(summary.format("401 Unauthorized")) != "RC01"  # (one failed on its own error: no hang shown)


def test_the_health_monitors_start_before_startup_grace_was_named_is_its_start() -> None:
    (event,) = parse_text_lines(["2026-03-04T07:35:18.348Z info gateway/health-monitor started (interval: 300s, "
                                 "grace: 60s)"])
    assert event.kind == "health.started" and event.fields["startupGrace"] == 60


def test_a_run_start_hours_older_than_the_stall_is_a_leaked_handle_not_a_hung_model_call() -> None:
    stall = ("stalled session: sessionId=s1 sessionKey=agent:main:slack:direct:u1 state=processing age=245s queueDepth=1 "
             "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=embedded_run "
             "lastProgress=embedded_run:started lastProgressAge={}s recovery=none")
    assert primary(stall.format(8238)) == "RC05"
    assert primary(stall.format(244)) == "RC01"  # (started with the stall: a run that hung on its model call)


def test_a_fallback_summary_quoted_whole_in_a_bullet_is_lock_contention() -> None:
    bullet = ("   - `All models failed ... openai-codex/...: session file locked ... (timeout) | google/...: Provider "
              "google is in cooldown ...`")
    assert primary(bullet) == "RC10"


def test_a_turn_queued_behind_a_running_compaction_waits_on_the_compaction() -> None:
    lines = ["20:12:59 [agent/embedded] embedded run auto-compaction start: reason=overflow",
             f"20:15:00 [diagnostic] long-running session: sessionKey={KEY} state=processing age=120s queueDepth=1 "
             "reason=queued_behind_active_work activeWorkKind=model_call",
             "20:16:15 [agent/embedded] compaction retry aggregate timeout (60000ms): proceeding with pre-compaction state"]
    assert primary(*lines) == "RC16"
    assert primary(lines[1]) == "RC01"  # (no compaction in sight: the work ahead is its model call as far as it says)


def test_a_channel_that_exited_once_with_nothing_after_it_is_a_low_confidence_ingress_stall() -> None:
    exited = ('04:00:03+00:00 error gateway/channels/whatsapp {"subsystem":"gateway/channels/whatsapp"} [default] '
              'channel exited: {"error":{"output":{"statusCode":428,"payload":{"statusCode":428,"error":"Precondition '
              'Required","message":"Connection Terminated"}}}}')
    (episode,) = analyze_text(exited).episodes
    assert (episode.primary.rule.id, episode.primary.confidence.name) == ("RC18", "LOW")
    assert "status 428: Connection Terminated" in episode.primary.summary


def test_a_failed_response_with_an_error_of_its_own_is_no_slow_response() -> None:
    failed = ("2026-04-12T09:25:35.454+08:00 [gateway/ws]: ⇄ res ✗ browser.request 10023ms errorCode=UNAVAILABLE "
              "errorMessage=Error: Chrome CDP websocket for profile \"openclaw\" is not reachable after start.")
    (event,) = parse_text_lines([failed])
    assert event.kind == "ws.response" and event.subsystem == "gateway/ws"  # (the colon after the tag is no message)
    assert primary(failed) != "RC12"


def test_discords_message_listener_held_past_its_queues_budget_or_again_and_again_is_an_ingress_stall() -> None:
    slow = "[WARN] discord/monitor | Slow listener detected: DiscordMessageListener MESSAGE_CREATE durationMs={}"
    (held,) = analyze_text(slow.format(449803)).episodes
    assert held.primary.rule.id == "RC18" and "450 s" in held.primary.summary
    assert held.primary.fixes[0].startswith("Upgrade to 2026.3.13")
    assert primary(slow.format(98362), slow.format(83676)) == "RC18"
    assert primary(slow.format(45000)) == "RC18"  # (past the event queue's own 30 s listener budget)
    assert primary(slow.format(20000)) is None  # (one slow turn within that budget)
    took = "[discord] Slow listener detected: DiscordMessageListener took 289 seconds for event MESSAGE_CREATE"
    assert primary(took) == "RC18"


def test_a_lone_restart_the_channel_came_back_from_is_no_stall_unless_its_socket_was_stale() -> None:
    restart = "[gateway/health-monitor] [slack:default] health-monitor: restarting (reason: {})"
    connected = "[channels/slack] slack socket mode connected"
    assert primary(restart.format("disconnected"), connected) is None
    assert primary(restart.format("disconnected")) == "RC18"  # (nothing shows it came back)
    assert primary(restart.format("stale-socket"), connected) == "RC18"  # (deaf for the stale window before it)


def test_a_browser_control_call_that_failed_after_waiting_on_the_browser_is_a_blocked_browser_tool() -> None:
    failed = ("2026-04-12T09:25:35.454+08:00 [gateway/ws]: ⇄ res ✗ browser.request {}ms errorCode=UNAVAILABLE "
              "errorMessage=Error: Chrome CDP websocket for profile \"openclaw\" is not reachable after start.")
    assert primary(failed.format(10023)) == "RC03"
    assert primary(failed.format(800)) is None  # (failed at once: the tool answered)


def test_a_lone_first_auto_restart_is_an_exit_but_a_slack_socket_reconnect_is_not() -> None:
    # The channel manager schedules "auto-restart attempt 1/N" only once the account's task ended (f534, #26125).
    start = "[line] [default] starting LINE provider (Bot)"
    (started,) = parse_text_lines([start])
    assert started.kind == "channel.starting" and started.fields["label"] == "Bot"
    (episode,) = analyze_text(start, "[line] [default] auto-restart attempt 1/10 in 5s").episodes
    assert (episode.primary.rule.id, episode.primary.confidence.name) == ("RC18", "LOW")
    assert "attempt 1/10" in episode.primary.summary and "EADDRINUSE" not in episode.primary.summary
    reconnect = ("[slack] slack socket disconnected (close); reconnecting in 2s (attempt 1/∞)")
    assert primary(reconnect) is None


def test_an_empty_dispatch_after_a_reply_the_delivery_policy_kept_private_is_no_lost_reply() -> None:
    # f562 (#99371): message_tool_only kept the final reply private, so the turn dispatched nothing visible.
    kept = ("[source-reply/private-final] agent produced a long private final reply without calling the configured "
            "delivery tool (message_tool_only); response kept private and not delivered to the source channel")
    empty = "[turn/kernel] visible channel turn dispatched with no queued reply payloads: channel=telegram messageId=42"
    assert kinds(kept) == [(1, "reply.kept_private")]
    assert primary(kept, empty) is None
    assert primary(empty) == "RC06"
    far = ["[turn/kernel] queued ok"] * 6
    assert primary(kept, *far, empty) == "RC06"  # (untimed: too many lines apart to be the same turn)


def test_an_empty_dispatch_after_a_final_reply_delivered_then_failed_is_no_lost_reply() -> None:
    # Policy "zero-payload visible dispatch": the final reply reached the chat and the dispatch failed after it.
    late = ("2026-07-03T10:24:16.051+08:00 [telegram] final reply failed: Error: dispatch error after final "
            "delivery")
    empty = ("2026-07-03T10:24:16.056+08:00 [turn/kernel] visible channel turn dispatched with no queued reply "
             "payloads: channel=telegram messageId=7 sessionKey=agent:main:main")
    assert kinds(late) == [(1, "reply.failed_after_final")]
    assert primary(late, empty) is None
    # A final reply whose send failed is a reply that never left: the empty dispatch after it stays RC06.
    unsent = ("2026-07-03T10:24:16.051+08:00 [telegram] final reply failed: HttpError: Network request for "
              "'sendMessage' failed!")
    assert kinds(unsent) != [(1, "reply.failed_after_final")]
    assert primary(unsent, empty) == "RC06"


def test_a_lock_timeout_whose_holder_then_lets_go_of_a_longer_hold_is_contention() -> None:
    # Policy "lock timeout without liveness": the holder releasing the lock normally is live work moving on (RC10).
    failed = ('[diagnostic] message processed: channel=telegram outcome=error duration=21000ms '
              'error="SessionWriteLockTimeoutError: session file locked (timeout 10000ms)"')
    assert kinds(failed) == [(1, "lock.timeout")]
    released = "[session-write-lock] releasing lock held for 42000ms (max=15000ms)"
    assert primary(failed, released) == "RC10"
    # The bare lock timeout stays the live holder's (RC08), and so does one beside a hold shorter than its wait or a
    # release logged before it: neither is the hold that timed the turn out.
    assert primary(failed) == "RC08"
    assert primary(failed, "[session-write-lock] releasing lock held for 4000ms (max=15000ms)") == "RC08"
    assert primary(released, failed) == "RC08"
    assert primary(released) is None


def test_pasted_state_records_read_as_what_they_are() -> None:
    # A session store row (f545, PR #114071) and a session lock file's payload (f520), pretty-printed as pasted.
    row = ['{ "sessionId": "s-1", "status": "failed", "abortedLastRun": true,',
           '  "restartRecoveryRuns": [ { "runId": "r-1", "lifecycleGeneration": "g-0" } ] }']
    (event,) = parse_text_lines(row)
    assert (event.kind, event.shape, event.fields["restartRecoveryRuns"]) == ("session.aborted_last_run", "state-record", 1)
    assert primary(*row) == "RC17"
    assert primary('{"sessionId": "s-1", "status": "done", "abortedLastRun": true}') is None  # (a /stop aborts too)
    lock = ["{", '  "pid": 32504,', '  "createdAt": "2026-05-26T07:22:46.211Z",', '  "maxHoldMs": 1020000', "}"]
    (payload,) = parse_text_lines(lock)
    assert payload.kind == "lock.payload" and payload.fields["maxHoldMs"] == 1020000
    assert primary(*lock) is None
    (other,) = parse_text_lines(['{"pid": 1, "createdAt": "2026-05-26T07:22:46.211Z", "message": "hello"}'])
    assert other.kind != "lock.payload"


def test_a_recovery_that_found_no_active_work_on_a_stuck_session_is_stale_state() -> None:
    # f597 (#76038): recovery came, found nothing running to free, and did nothing.
    noop = "stuck session recovery no-op: sessionKey=agent:main:main reason=no_active_work action=none"
    (incident,) = analyze_text(noop).incidents
    assert (incident.primary.rule.id, incident.primary.confidence.name) == ("RC05", "LOW")
    (twice,) = analyze_text(noop, noop).incidents
    assert twice.primary.confidence.name == "MEDIUM"


def test_one_whatsapp_idle_watchdog_reconnect_at_its_threshold_is_routine() -> None:
    # f577 (#55030): 30 minutes without inbound messages on a quiet account, the watchdog's own close (499) and
    # reconnect. f576/f856: a count far past the 30 minutes is the watchdog firing again and again.
    idle = '{"subsystem":"gateway/channels/whatsapp/heartbeat"} "No messages received in %dm - restarting connection"'
    closed = '{"subsystem":"gateway/channels/whatsapp"} "Web connection closed (status 499). Retry 1/12 in 2.3s..."'
    assert primary(idle % 30, closed) is None
    assert primary(idle % 97, closed) is None  # (policy "one idle-watchdog reconnect": whatever the idle count)
    assert primary(idle % 30, idle % 31, closed) == "RC18"
    # (with a close of its own beside it, the idle reconnect is one more sign, not the routine)
    dropped = '{"subsystem":"gateway/channels/whatsapp"} "Web connection closed (status 1006). Retry 1/12 in 2.1s..."'
    assert primary(dropped, idle % 30, closed) == "RC18"


def test_a_host_timing_gap_is_routine_alone_and_with_the_one_poll_stall_it_covers() -> None:
    # f558 (#148898): the thaw line alone; f629 (#119720): the freeze, then Telegram's poll stuck for as long
    # (policy "one host timing gap line": the stall is the freeze seen from the channel, no fault).
    gap = "[health] host timing gap detected: process was frozen ~196779ms; restarting channels when idle"
    stall = "[telegram] Polling stall detected (active getUpdates stuck for 218.28s); forcing restart"
    assert primary(gap) is None
    assert all(episode.primary is None for episode in analyze_text(gap, stall).episodes)
    # (a stall the freeze does not cover is trouble beside the thaw: the freeze caused it)
    short = stall.replace("218.28s", "150.0s")
    (episode,) = analyze_text(gap, short).episodes
    assert episode.primary.rule.id == "RC12" and "frozen for ~197 s" in episode.primary.summary


def test_one_telegram_409_poll_conflict_is_the_channels_intake_down() -> None:
    # f580 (#8762): another poller holds the bot token; every poll of this one is refused while it runs.
    conflict = ("[telegram] getUpdates conflict: Call to 'getUpdates' failed! (409: Conflict: terminated by other "
                "getUpdates request; make sure that only one bot instance is running); retrying in 30s.")
    (episode,) = analyze_text(conflict).episodes
    assert (episode.primary.rule.id, episode.primary.confidence.name) == ("RC18", "MEDIUM")
    assert "409" in episode.primary.summary and episode.primary.fixes[0].startswith("Stop the other process")


def test_fallback_candidates_refused_for_another_turns_claim_are_contention_not_model_failure() -> None:
    # f588 (#138340): each candidate "failed" on the session's active turn claim, and the ladder walked on.
    decision = ("[model-fallback/decision] model fallback decision: decision=candidate_failed requested={0} "
                "candidate={0} reason=unknown next=google/g detail=Session s-1 already has an active turn claim")
    incidents = analyze_text(decision.format("anthropic/a"), decision.format("google/g")).incidents
    assert [i.primary.rule.id for i in incidents] == ["RC10"]
    assert "another turn's active claim" in incidents[0].primary.summary
    plain = decision.replace("detail=Session s-1 already has an active turn claim", "detail=overloaded")
    assert primary(plain.format("anthropic/a")) != "RC10"


def test_a_compaction_diag_line_that_failed_on_a_timeout_is_a_compaction_stall() -> None:
    # f516 (#120162): "[compaction-diag] ... outcome=failed reason=timeout durationMs=181634".
    diag = "10:48:18 [compaction-diag] trigger=manual provider=p/m attempt=1 outcome=failed reason={} durationMs=181634"
    assert primary(diag.format("timeout")) == "RC16"
    assert primary(diag.format("timed_out")) == "RC16"
    assert primary(diag.format("context_overflow")) is None


def test_a_compaction_that_failed_for_any_reason_after_a_context_overflow_is_a_compaction_stall() -> None:
    # f2047: the precheck's overflow, then a compaction skipped as already done: nothing reduced the context.
    overflow = ("[context-overflow-diag] sessionKey=agent:main:feishu:direct:ou_1 provider=p/m messages=39 "
                "compactionTokens=48001 error=Context overflow: prompt too large for the model (precheck).")
    refused = "[compaction-diag] outcome=failed reason=already_compacted_recently"
    (incident,) = analyze_text(overflow, refused).incidents
    assert incident.primary.rule.id == "RC16" and "already_compacted_recently" in incident.primary.summary
    assert primary(refused) is None  # alone, a skip reason is routine
    timed = ["12:00:00 " + overflow, "12:20:00 " + refused]  # twenty minutes apart: not the same compaction
    assert primary(*timed) is None


def test_a_compaction_the_contexts_size_started_that_failed_for_any_reason_is_a_compaction_stall() -> None:
    # f2473 (#121617): a budget-triggered compaction refused before any model call, on every turn.
    diag = ("[compaction-diag] end ... sessionKey=agent:main:main trigger={} provider=google/gemini-flash attempt=1 "
            "maxAttempts=1 outcome=failed reason=no_compactable_entries durationMs=900")
    (incident,) = analyze_text(diag.format("budget")).incidents
    assert incident.primary.rule.id == "RC16" and "trigger=budget" in incident.primary.summary
    assert primary(diag.format("overflow")) == "RC16"
    assert primary(diag.format("manual")) is None  # a user's /compact with nothing to compact: routine
    assert primary(diag.format("budget").replace("outcome=failed", "outcome=compacted")) is None


def test_an_abort_error_is_a_restarts_work_only_after_a_restart() -> None:
    # f682 (#5865): the run timeout's own abort, uncaught, with no restart anywhere: RC15, not RC17.
    timeout = "[agent/embedded] embedded run timeout: runId=r-1 sessionId=s-1 timeoutMs=600000"
    abort = "[clawdbot] Unhandled promise rejection: AbortError: This operation was aborted"
    (incident,) = analyze_text(timeout, abort).incidents
    assert "RC17" not in {incident.primary.rule.id, *(c.rule.id for c in incident.contributing)}
    restart = "[gateway] received SIGUSR1; restarting"
    assert "RC17" in {f.rule.id for i in analyze_text(restart, timeout, abort).incidents
                      for f in (i.primary, *i.contributing) if f is not None}


def test_the_detectors_terminal_progress_stale_flag_is_a_ghost_run_even_under_the_warn_threshold() -> None:
    # f660 (#84569): the last progress (82 s ago) was the Codex turn's end, and the detector says it went stale.
    warning = ("2026-06-09T14:29:26-04:00 [diagnostic] long-running session: sessionKey=agent:a:whatsapp:group:g1 "
               "state=processing age=142s queueDepth=1 reason=queued_behind_active_work classification=long_running "
               "activeWorkKind=model_call lastProgress=codex_app_server:notification:rawResponseItem/completed "
               "lastProgressAge=82s terminalProgressStale={} recovery=none")
    assert primary(warning.format("true")) == "RC02"
    assert primary(warning.format("false")) != "RC02"


def test_a_console_line_behind_a_dash_after_the_time_and_an_abort_right_after_a_reload_restart() -> None:
    # f681 (PR #3833): "04:58:51.939Z - [reload] ..." keeps its tag; the restart the reload requires aborts the run.
    lines = ("04:58:51.939Z - [reload] config change requires gateway restart (meta.lastTouchedAt)",
             "04:58:51.961Z - [clawdbot] Unhandled promise rejection: AbortError: This operation was aborted")
    parsed = parse_text_lines(list(lines))
    assert [(e.kind, e.subsystem) for e in parsed] == [("gateway.reload_required", "gateway/reload"),
                                                      ("run.aborted_error", "clawdbot")]
    assert parsed[0].time is not None
    assert primary(*lines) == "RC17"


def test_a_model_call_that_timed_out_on_an_auth_profile_is_a_model_call_hang_signal() -> None:
    # f673 (#79392): one profile timeout, the fallback trying the next account.
    line = ("08:39:15+00:00 warn agent/embedded {\"subsystem\":\"agent/embedded\"} Profile google:default timed out. "
            "Trying next account...")
    (incident,) = analyze_text(line).incidents
    assert incident.primary.rule.id == "RC01" and incident.primary.confidence.name != "HIGH"


def test_a_signal_finding_still_open_at_the_end_does_not_say_no_recovery_was_attempted() -> None:
    # f656 (#115424): restart recovery resumed the session each time; stuck-session recovery had no stall to act on.
    from stuckscan.formats._report import outcome_sentence
    lines = ("22:37:12 [main-session-restart-recovery] marked 1 startup-orphaned main session(s) for restart recovery",
             "22:37:18 [main-session-restart-recovery] resumed interrupted main session: agent:main:main",
             "22:39:53 [main-session-restart-recovery] marked 1 startup-orphaned main session(s) for restart recovery")
    (incident,) = analyze_text(*lines).incidents
    assert incident.status.name == "STILL_STUCK" and incident.origin.name == "SIGNAL"
    assert "no recovery was attempted" not in outcome_sentence(incident)


def test_an_old_builds_warning_below_the_abort_point_leaves_the_polling_stall_to_decide() -> None:
    # f689 (#74153): an old build's stuck session (no reason=, no recovery) below the 360 s abort point and, after
    # it, a polling stall: the warning alone is no fault, so the other fault line's class decides (policy "old-build
    # stuck warnings below the abort point", sub-shape c)
    stuck = "stuck session: sessionKey=agent:main:main state=processing age=288s queueDepth=2"
    stall = "[telegram] Polling stall detected (active getUpdates stuck for 227s); forcing restart"
    (incident,) = analyze_text(stuck, stall).incidents
    assert incident.primary.rule.id == "RC18"
    assert "RC07" not in {c.rule.id for c in incident.contributing}


def test_fallback_candidates_pasted_as_bullets_are_read_as_candidates() -> None:
    # f716 (#70004): "All models failed (5):" then one "- provider/model: session file locked ..." bullet each.
    bullets = [f"- {model}: session file locked (timeout 10000ms): pid=25358 ...jsonl.lock (timeout)"
               for model in ("ollama/kimi-k2.6:cloud", "xai/grok-4-1-fast")]
    findings = {f.rule.id for i in analyze_text("All models failed (2):", *bullets).incidents
                for f in (i.primary, *i.contributing) if f is not None}
    assert "RC10" in findings


def test_a_lone_abort_at_the_abort_threshold_is_a_low_guess_of_a_model_call_hang() -> None:
    # (labelling policy "watchdog abort of a run at the abort point": a bare abort is RC01; RC04 needs a CLI backend
    # named or progress shown, tests/test_rc01_model_call_hang.py)
    abort = (f"stuck session recovery: sessionKey={KEY} age=372s action=abort_embedded_run aborted=true "
             "drained=true released=0")
    (incident,) = analyze_text(abort).incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC01"
    assert incident.primary.confidence.value == "low"
    assert "was making progress" not in incident.status_reason
    # far past the threshold, or with a failover or a stall warning naming the model call, it is no longer the floor
    assert primary(abort.replace("age=372s", "age=900s")) != "RC04"
    # (a failover whose run id was elided is its own finding: it, not the abort, heads the report)
    failover = analyze_text(abort, "[agent/embedded] embedded run failover decision: runId=… stage=assistant "
                                   "decision=surface_error reason=none from=deepseek/deepseek-reasoner "
                                   "rawError=Request was aborted")
    worst = max(failover.incidents, key=lambda i: i.severity.rank)
    assert worst.primary is not None and worst.primary.rule.id == "RC01"
    assert primary(f"stalled session: sessionKey={KEY} state=processing age=340s reason=active_work_without_progress "
                   "classification=stalled_agent_run activeWorkKind=model_call lastProgress=model_call:started "
                   "lastProgressAge=340s recovery=checking", abort) == "RC01"


def test_carbon_timing_a_listener_out_is_a_held_listener_with_the_slow_listener_warnings() -> None:
    timed_out = "[EventQueue] Listener DiscordMessageListener timed out after 30000ms for event MESSAGE_CREATE"
    assert kinds(timed_out) == [(1, "channel.listener_timeout")]
    assert primary(timed_out) is None  # Carbon's 30 s budget running out once says nothing of a held intake
    assert primary(timed_out, "Slow listener detected - duration: 90+ seconds") == "RC18"
    assert primary(timed_out.replace("30000ms", "120000ms")) == "RC18"  # held as long as the warn threshold


def test_turns_failing_on_the_lock_a_timed_out_run_left_are_the_leaked_lock_not_the_missing_cleanup() -> None:
    session = "555b0189-2ff8-483b-87f5-ebab41995342"
    timeout = f"2026-05-24T10:10:19.763+00:00 [agent/embedded] embedded run timeout: runId=r1 sessionId={session} " \
              "timeoutMs=300000"
    locked = (f"2026-05-24T10:14:01.488+00:00 Embedded agent failed before reply: session file locked (timeout 60000ms): "
              f"pid=7 /root/.openclaw/agents/main/sessions/{session}.jsonl.lock")
    (incident,) = analyze_text(timeout, locked).incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC08"
    assert incident.primary.confidence.value == "medium" and "after its run timed out" in incident.primary.summary
    assert [f.rule.id for f in incident.contributing] == ["RC15"]
    assert primary(timeout) == "RC01"  # the timeout alone: a spent budget (policy "lone embedded run timeout")


def test_the_slack_sdks_failed_http_requests_are_the_channels_transport_failing() -> None:
    failed = "[WARN] bolt-app http request failed getaddrinfo ENOTFOUND slack.com"
    assert kinds(failed) == [(1, "channel.transport_error")]
    assert said_at_info(failed)  # one failed request: maybe a blip
    (again,) = analyze_text(failed, failed, "[WARN] web-api:WebClient:125 http request failed getaddrinfo ENOTFOUND "
                                            "slack.com").episodes
    assert again.primary.rule.id == "RC18" and again.primary.severity.value == "warning"


def test_an_update_run_that_took_its_install_time_is_no_slow_response() -> None:
    slow = "2026-03-09T04:45:01.820Z [ws] ⇄ res ✓ {method} 26627ms conn=98b84633…3e44 id=f2ca0ab3…c887"
    assert primary(slow.format(method="update.run")) is None
    assert primary(slow.format(method="sessions.list")) == "RC12"


def test_a_decision_shortened_to_its_bare_reason_has_that_reason() -> None:
    (event,) = parse_text_lines(["embedded_run_failover_decision: timeout, aborted=true, fallbackConfigured=false"])
    assert event.kind == "embedded.failover" and event.fields["reason"] == "timeout"
    (other,) = parse_text_lines(["embedded run failover decision: retrying soon"])
    assert "reason" not in other.fields  # a word that is no failover reason stays a word
    assert primary("embedded run failover decision: timeout") == "RC01"


def test_telegrams_older_polling_watchdog_and_grammys_bare_network_errors_are_the_channel_stalling() -> None:
    stall = "[WARN] No getUpdates response for 90 seconds. Restarting polling..."
    failed = "[ERROR] Network request for 'getUpdates' failed!"
    assert kinds(stall, failed) == [(1, "channel.polling_stall"), (2, "channel.transport_error")]
    assert said_at_info(failed)  # one failed poll: maybe a blip
    assert primary(stall, failed, failed) == "RC18"
    assert kinds("Network request for 'someOtherThing' failed!") == []  # no Bot API method: no channel named


def test_a_poller_the_polling_lease_refused_is_the_accounts_intake_down() -> None:
    refused = ('Telegram polling already active for bot token <fingerprint> on account "<name>" (412s old); '
               'refusing duplicate poller for account "<name>".')
    analysis = analyze_text(refused)
    (episode,) = analysis.episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18"
    assert episode.primary.confidence.value == "medium" and "polling lease" in episode.primary.summary


def test_a_record_whose_last_members_a_reporter_elided_is_read_and_one_idle_old_warning_is_no_wedge() -> None:
    cut = ('{"1":"stuck session: sessionId=2072e9d7-9b6b-4a1e-a10d-c8c01af5f84d sessionKey=agent:main:cron:616d2c20-... '
           'state=processing age=148s queueDepth={depth}", ...}')
    (event,) = parse_text_lines([cut.replace("{depth}", "0")])
    assert event.kind == "session.stuck" and event.fields["age"] == 148
    # an old build's one warning with nothing queued behind the run is a long turn as often as a stuck one
    assert primary(cut.replace("{depth}", "0")) is None
    # with messages queued behind it, still no fault below the 360 s abort point; past it, the wedge nothing recovered
    assert primary(cut.replace("{depth}", "2")) is None
    assert primary(cut.replace("{depth}", "2").replace("age=148s", "age=400s")) == "RC07"


def test_a_compaction_that_never_ended_and_holds_the_write_lock_is_the_compaction_stall() -> None:
    # f882 (#118625): compact.ts logs "[compaction-diag] start" under runId = the session's id when it was given no
    # run id, and holds the session's write lock until its end; the lock's ageMs dates its taking to that start.
    sid = "8ef81cc8-533d-456d-b651-084c37becc7a"
    start = (f"2026-08-03T18:15:38.449+08:00 [agent/embedded] [compaction-diag] start runId={sid} "
             "sessionKey=agent:main:work diagId=cmp-a1 trigger=cli_budget provider=p/m attempt=1 maxAttempts=1 "
             "pre.messages=9 pre.historyTextChars=227688 pre.toolResultChars=2250")
    lock = ('2026-08-03T18:17:07.175+08:00 [diagnostic] lane task error: lane=main durationMs=60266 '
            'error="SessionWriteLockTimeoutError: session file locked (timeout 60000ms): pid=877499 alive=true '
            'ageMs={} /home/u/.openclaw/agents/main/sessions/' + sid + '.jsonl.lock"')
    (incident,) = analyze_text(start, lock.format(88801)).incidents
    assert incident.primary.rule.id == "RC16" and incident.primary.confidence.value == "high"
    assert "RC08" in {c.rule.id for c in incident.contributing}
    assert incident.session_key == "agent:main:work"  # (the lock's session id named by the compaction's runId)
    # Near misses: a lock taken long before the compaction began is the lock's own fault; a compaction that logged
    # its end holds nothing.
    assert primary(start, lock.format(600000)) == "RC08"
    end = start.replace("] start ", "] end ").replace("18:15:38.449", "18:15:52.000") + " outcome=compacted"
    assert primary(start, end, lock.format(88801)) == "RC08"


def test_a_paste_that_stops_on_discord_awaiting_readiness_is_no_fault() -> None:
    # (policy "channel start with nothing after it": a start's own lines are what every healthy start prints)
    start = "[discord] [default] starting provider (@Kit)"
    waiting = "[discord] client initialized as 1400000000000000009 (Kit); awaiting gateway readiness"
    assert primary(start, waiting) is None
    assert primary(start, waiting, "(nothing after this, bot silent)") is None
    assert primary(waiting, "[gateway] ready (4 plugins: acpx, discord, memory-core, telegram; 3.1s)") is None
    assert primary(f"2026-05-25T13:50:04.114+00:00 {waiting}") is None


def test_a_fallback_summary_is_read_as_the_summary_even_when_one_candidate_timed_out() -> None:
    every = ("2026-02-10T15:20:54.152Z Embedded agent failed before reply: All models failed (2): openai/gpt-5: LLM "
             "request timed out. (timeout) | anthropic/claude-opus-4-6: LLM request timed out. (timeout)")
    one = ("2026-02-10T15:20:54.152Z Embedded agent failed before reply: All models failed (2): google/gemini-3-pro: "
           "LLM request timed out. (unknown) | anthropic/claude-opus-4-6: HTTP 401 authentication_error: Invalid bearer "
           "token (auth)")
    assert kinds(every) == kinds(one) == [(1, "model.all_failed")]
    assert primary(every) == "RC01"  # every candidate timed out: the model calls hung
    assert primary(one) is None  # one timeout among refusals: the chain failed fast on credentials, nothing hung
    assert kinds("FailoverError: LLM request timed out.") == [(1, "model.request_timeout")]


def test_a_provider_auth_warm_up_that_measured_the_loop_blocked_ten_seconds_is_starvation() -> None:
    head = "2026-05-29T00:31:43.907+08:00 [INFO] provider auth state re-warmed (auth-profile-failure) "
    tail = "  in 162375ms eventLoopMax=22112.4ms  <- 162 seconds"
    assert kinds(head, tail) == [(1, "auth.warmed"), (2, "note")]  # (an editor's wrap of a timed line, joined)
    analysis = analyze_text(head, tail)
    (episode,) = analysis.episodes
    assert episode.primary.rule.id == "RC12" and episode.primary.confidence.value == "medium"
    assert "22112 ms" in episode.primary.summary
    # Near misses: the warm-up's routine figures (a few hundred ms of loop delay) are no starvation; a wrapped tail
    # that makes no template with its head stays a line of its own
    assert primary("13:44:52 [gateway] provider auth state pre-warmed in 11831ms eventLoopMax=548.9ms") is None
    assert kinds("2026-05-29T00:31:43.907+08:00 [INFO] something else happened ", "  in 162375ms") == []


def test_one_failure_of_a_channels_intake_with_nothing_after_it_is_a_low_confidence_stall() -> None:
    poll = "2026-02-17T22:17:43.419Z [telegram] network error: Network request for 'getUpdates' failed!; retrying in 30s."
    analysis = analyze_text(poll)
    (episode,) = analysis.episodes
    assert episode.primary.rule.id == "RC18" and episode.primary.confidence.value == "low"
    assert episode.primary.severity.value == "info" and episode.severity.value == "info"
    assert "failed once" in episode.primary.summary and "getUpdates" in episode.primary.summary
    # Near misses: a reply or a typing indicator that failed to send is no failure of the intake; the gateway
    # serving messages after the failure shows the channel came back
    assert primary("- `telegram sendChatAction failed: Network request for 'sendChatAction' failed!`") is None
    # (nor a long poll timing out at its own budget, under the warn threshold, nor an attempt that says more follow)
    assert primary("[telegram] network error: Request to 'getUpdates' timed out after 60 seconds; retrying in 30s.") is None
    served = (f"2026-02-17T22:19:00.000Z [diagnostic] message processed: sessionKey={KEY} channel=telegram "
              "outcome=completed durationMs=5000")
    assert primary(poll, served) is None


def test_a_telegram_polling_cycle_error_is_the_intake_failing_and_a_webhook_conflict_a_second_consumer() -> None:
    conflict = ["[telegram] [diag] polling cycle error",
                "err=Call to 'getUpdates' failed! (409: Conflict: terminated by setWebhook request)"]
    assert kinds(*conflict) == [(1, "channel.transport_error")]
    (episode,) = analyze_text(*conflict).episodes
    assert episode.primary.rule.id == "RC18" and episode.primary.confidence.value == "medium"
    assert any("webhook" in fix for fix in episode.primary.fixes)
    # a network error of one cycle alone: said at info, as any one failure of the intake
    assert said_at_info("[telegram][diag] polling cycle error reason=network error err=Network request for "
                        "'getUpdates' failed!")
    assert kinds("[telegram][diag] polling cycle finished") == [(1, "channel.polling_cycle")]


def test_a_session_lock_error_naming_the_store_lock_file_is_the_store_lock() -> None:
    store = "Error: session file locked (timeout 10000ms): unknown ~/.openclaw/agents/main/sessions/sessions.json.lock"
    assert kinds(store) == [(1, "lock.store_timeout")]
    assert primary(store) == "RC08"  # (a store lock is evicted once stale: a holder fresh enough to time out is live)
    transcript = ("Error: session file locked (timeout 10000ms): pid=4242 "
                  "~/.openclaw/agents/main/sessions/0829a221-a12c-49cb-9a64-42c2fc1a89ea.jsonl.lock")
    assert kinds(transcript) == [(1, "lock.timeout")]


def test_a_run_timeout_whose_ids_a_reporter_elided_is_still_the_run_timeout() -> None:
    (event,) = parse_text_lines(["  - `embedded run timeout ... timeoutMs=45000`"])
    assert event.kind == "embedded.timeout" and event.fields["timeoutMs"] == 45000
    assert kinds("embedded run timeout… timeoutMs=120000") == [(1, "embedded.timeout")]


def test_the_agent_commands_run_end_is_the_cleanup_a_run_timeout_waits_for() -> None:
    timeout = "embedded run timeout: runId=c32f5279-47fe-4302-8c99-d0ef7d207c7a sessionId=s-local-1 timeoutMs=45000"
    ended = "[agent] run c32f5279-47fe-4302-8c99-d0ef7d207c7a ended with stopReason=error"
    assert kinds(timeout, ended) == [(1, "embedded.timeout"), (2, "embedded.run_end")]
    assert primary(timeout) == "RC01"  # nothing after the timeout shows it held (policy "lone embedded run timeout")
    assert primary(timeout, ended) != "RC15"  # the run ended: cleaned up


def test_a_getupdates_conflict_pasted_without_its_telegram_and_retry_tail_is_the_conflict() -> None:
    cut = "getUpdates conflict: 409: Conflict: terminated by other getUpdates request"
    assert kinds(cut) == [(1, "channel.transport_error")]
    (episode,) = analyze_text(cut).episodes
    assert episode.primary.rule.id == "RC18" and episode.primary.confidence.value == "medium"
    assert kinds("getUpdates conflict: something else entirely") == []  # (the Bot API's own 409 text is the proof)


def test_only_the_failing_call_decides_whether_a_transport_error_was_outbound() -> None:
    from stuckscan.parser import parse_text_lines as parse
    from stuckscan.rules.rc18_channel_ingress_stall import _outbound_call

    def event(line: str):
        return next(iter(parse([line])))

    assert _outbound_call(event("- `telegram sendChatAction failed: Network request for 'sendChatAction' failed!`"))
    assert _outbound_call(event("[telegram] network error: Network request for 'sendMessage' failed!"))
    # a poll ended by another consumer's setWebhook names a method, but the failing call is getUpdates: the intake
    assert not _outbound_call(event("[telegram] network error: Call to 'getUpdates' failed! (409: Conflict: "
                                    "terminated by setWebhook request); retrying in 30s."))


def test_a_channel_reload_kept_waiting_on_task_runs_alone_is_stale_task_state() -> None:
    """The reload waits on task records ten minutes or more (past the 600 s run budget) with no run, reply or
    operation at work; live work behind it, or a shorter wait, is no such finding (labelling policy "reload deferred
    behind task runs")."""
    (finding,) = analyze_text(
        "[reload] config change requires channel reload (discord) — deferring until 3 task run(s) complete",
        "[reload] channel reload still deferred after 604100ms with 3 task run(s) active").incidents
    assert finding.primary is not None and finding.primary.rule.id == "RC05"
    assert finding.primary.confidence.value == "low" and "3 task run(s)" in finding.primary.summary
    assert finding.primary.fixes[0].startswith("List the task records")
    live = "[reload] channel reload still deferred after 604100ms with 1 embedded run(s), 3 task run(s) active"
    assert not analyze_text(live).incidents
    # a minute, or nine, behind task runs is the reload waiting for running work, as it is built to: no fault
    for waited in (61000, 120500, 599000):
        assert not analyze_text(
            "[reload] config change requires channel reload (discord) — deferring until 3 task run(s) complete",
            f"[reload] channel reload still deferred after {waited}ms with 3 task run(s) active").incidents, waited
        assert primary(f"2026-04-28T03:49:01.000Z [reload] restart still deferred after {waited}ms with 3 task run(s) "
                       "active") != "RC05"
    assert primary("2026-04-28T03:49:01.000Z [reload] restart still deferred after 600000ms with 3 task run(s) "
                   "active") == "RC05"
    early = "[reload] config change requires channel reload (slack) — deferring until 2 task run(s) complete"
    assert not analyze_text(early).incidents
    # hours on, with task runs outnumbering the rest of the work counted: most of what holds it is task records (f1141)
    (held,) = analyze_text("[reload] channel reload still deferred after 11079287ms with 4 operation(s), 1 reply(ies), "
                           "2 embedded run(s), 32 task run(s) active").incidents
    assert held.primary is not None and held.primary.rule.id == "RC05" and "32 task run(s)" in held.primary.summary
    for line in ("[reload] channel reload still deferred after 1800000ms with 2 embedded run(s), 32 task run(s) active",
                 "[reload] channel reload still deferred after 11079287ms with 20 embedded run(s), 12 task run(s) active"):
        assert not analyze_text(line).incidents  # half an hour in, or most of the work live runs


def test_a_channel_clients_own_count_of_many_drops_is_a_reconnect_loop() -> None:
    """The DingTalk plugin's counters after a reconnect (its #205): 193 drops since start is a connection that keeps
    falling over, even though every reconnect succeeded; a count of one or two is a blip."""
    def counters(drops: int) -> str:
        return (f"01:39:09 [dingtalk] [default] Runtime counters (reconnect-success): healthUnhealthyChecks=0, "
                f"healthTriggeredReconnects=0, socketCloseEvents={drops}, runtimeDisconnects={drops}, "
                f"reconnectAttempts={drops}, reconnectSuccess={drops}, reconnectFailures=0")

    (episode,) = analyze_text(counters(193)).episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18"
    assert "193 connection drops" in episode.primary.summary
    assert not analyze_text(counters(1)).episodes


def test_qq_bots_too_many_quick_disconnects_is_a_reconnect_loop_and_a_ban_a_close_for_good() -> None:
    """QQ Bot's reconnect state machine (extensions/qqbot/src/engine/gateway/reconnect.ts) logs "Too many quick
    disconnects" after three closes each within 5 s of their connect: a loop on its own. A fatal close code is "Bot is
    banned. Please contact QQ platform.": no reconnect follows. One close it re-identifies from is a blip."""
    (episode,) = analyze_text("2026-11-20T10:00:02.000Z [qqbot] [qqbot:default] Too many quick disconnects. This may "
                              "indicate a permission issue.").episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18"
    (episode,) = analyze_text("2026-11-20T10:00:02.000Z [qqbot] [qqbot:default] Bot is banned. Please contact QQ "
                              "platform.").episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18" and "banned" in episode.primary.summary
    assert not analyze_text("2026-11-20T10:00:02.000Z [qqbot] [qqbot:default] Internal error (4900), will "
                            "re-identify").episodes


def test_a_status_all_channels_row_with_the_gateways_channel_error_is_a_channel_failure() -> None:
    """`openclaw status --all`'s Channels table: a WARN row whose detail carries the running gateway's "Channel
    error: <lastError>" records the channel failing (RC18); a WARN from the config alone, OK, SETUP and OFF rows do
    not (policy "channel status snapshot without an error or a stop time")."""
    (episode,) = analyze_text("│ Telegram │ ON      │ WARN     │ token config (8504…5YTc · len 46) · accounts 1/1 · "
                              "gateway: Channel error: Network request for 'getUpdates' failed! │").episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18"
    assert not analyze_text("│ Slack    │ ON      │ OK       │ tokens ok (bot config, app config) · accounts 1/1 │",
                            "│ Slack    │ ON      │ WARN     │ partial tokens (need bot+app) · accounts 1 │",
                            "│ WhatsApp │ ON      │ SETUP    │ not linked │",
                            "│ Signal   │ OFF     │ OFF      │ disabled │").episodes


def test_a_channel_plugins_tag_names_its_channel() -> None:
    from stuckscan.channels import channel_subsystem

    assert channel_subsystem("gateway/channels/dingtalk-connector") == "dingtalk"
    assert channel_subsystem("wechat-access-ws:18789") == "wechat"
    assert channel_subsystem("openclaw-channel-qq:connection") == "qq"
    assert channel_subsystem("qqbot") == "qqbot"
    assert channel_subsystem("napcat-QQ") == "qq"  # (Daiyimo/openclaw-napcat's tag: the plugin's name, an alias of qq)
    assert kinds("[napcat-QQ] Disconnected from OneBot server", "[napcat-QQ] Heartbeat timeout, forcing reconnect...") \
        == [(1, "channel.transport_error"), (2, "channel.transport_error")]
    assert channel_subsystem("xmpp") == "xmpp"  # the community XMPP plugin's channel (kazakhan/openclaw-xmpp)
    assert channel_subsystem("lineage") is None and channel_subsystem("plugins") is None


def test_a_channel_plugin_dropping_again_and_again_in_its_own_words_is_a_reconnect_loop() -> None:
    """Lines of third-party channel plugins no family knows (the QQ/NapCat, WeChat and DingTalk plugins' trackers):
    the connection dropping or being re-established twice is a loop (RC18); once is a blip."""
    napcat = ("[openclaw-channel-qq:connection] Connected to NapCat for account mybot",
              "[openclaw-channel-qq:connection] Heartbeat timeout for account mybot",
              "[openclaw-channel-qq:connection] Connection closed for account mybot: 1006 - Abnormal closure")
    assert primary(*napcat) is None  # one drop (policy "channel reconnect burst")
    (episode,) = analyze_text(*napcat, *napcat[1:]).episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18"
    wechat = [f"2026-03-10T18:29:{s:02d}.627+08:00 [wechat-access-ws:18789] {text}"
              for s in (54, 57) for text in ("连接关闭: code=1006", "3000ms 后尝试第 1 次重连...")]
    (episode,) = analyze_text(*wechat).episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18"
    assert not analyze_text("13:03:53 [QQ] Reconnecting in 1s (Attempt 1)...").episodes


def test_the_dingtalk_stream_sdk_tearing_down_its_socket_twice_is_a_reconnect_loop() -> None:
    terminate = "TERMINATE SOCKET: Ping Pong does not transfer heartbeat within heartbeat intervall"
    (episode,) = analyze_text(terminate, terminate).episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18"
    assert episode.primary.summary.startswith("DingTalk's transport")
    assert not analyze_text(terminate).episodes  # once: the client reconnected, a blip


def test_a_channel_plugins_own_calls_aborting_are_its_transport_failing() -> None:
    """The WeChat plugin's sends and polls aborting on their timeout (Tencent/openclaw-weixin #180, #110): under the
    channel's tag an AbortError of a send, a reply or a poll is the channel's transport failing, not a run's abort."""
    from stuckscan.channels import channel_subsystem

    assert channel_subsystem("openclaw-weixin") == "weixin" and channel_subsystem("openclaw-memory") is None
    typing = "[openclaw-weixin] [weixin] typing send error: AbortError: This operation was aborted"
    reply = "[openclaw-weixin] weixin reply final: AbortError: This operation was aborted"
    assert kinds(typing, reply) == [(1, "channel.transport_error"), (2, "channel.transport_error")]
    (episode,) = analyze_text(typing, reply).episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18"
    assert kinds("[gateway] AbortError: This operation was aborted") == [(1, "run.aborted_error")]


def test_the_reply_a_user_gets_when_compaction_gave_up_is_a_failed_compaction() -> None:
    """The failure reply of src/auto-reply/reply/agent-runner-failure-reply.ts, pasted from the chat (an
    openclaw-weixin tracker, #214): the turn's compaction failed (RC16)."""
    lost = ("⚠️ Context is too large and auto-compaction could not recover this turn. Try again, use /compact, or use "
            "/new to start a fresh session.")
    timed_out = ("⚠️ Context is too large and auto-compaction timed out before it could finish. Try again, use /compact, "
                 "or use /new to start a fresh session.")
    assert kinds(lost, timed_out) == [(1, "compaction.failed"), (2, "compaction.timeout")]
    assert primary(lost) == "RC16"


def test_a_console_line_that_dropped_the_repeat_of_its_tag_reads_as_the_whole_message() -> None:
    """The console prints "[discord] inbound worker timed out ..." for the record's "discord inbound worker timed out
    ..." (the label repeating its tag is dropped, #71948): the family reads it with the tag's name put back."""
    line = ("2026-04-26T10:04:19+08:00 [discord] inbound worker timed out after 1800 seconds "
            "(channelId=1400000000000000001, messageId=1500000000000000001)")
    (event,) = parse_text_lines([line])
    assert event.kind == "channel.handler_timeout" and event.fields.get("timeoutSeconds") == 1800
    assert [e.kind for e in parse_text_lines(["[discord] some other words entirely"])] == ["generic"]


def test_a_channels_sends_refused_for_its_credentials_twice_is_the_channel_down() -> None:
    """The QQ bot's intake works but every send is refused with HTTP 401 (BytePioneer-AI/openclaw-china #78): the bot is
    silent for its credentials; the finding says so and puts the credentials fix first."""
    typing = "2026-02-24T16:37:46.427Z [qqbot] [WARN] sendTyping failed: HTTP 401: Unauthorized"
    text = "2026-02-24T16:37:53.085Z [qqbot] [ERROR] sendText failed: HTTP 401: Unauthorized"
    (episode,) = analyze_text(typing, text).episodes
    finding = episode.primary
    assert finding is not None and finding.rule.id == "RC18" and "credentials" in finding.summary
    assert finding.fixes[0].startswith("Check the channel's credentials")
    server = "[qqbot] sendText failed: HTTP 500: Internal Server Error"  # refused, but not for the credentials
    (episode,) = analyze_text(server, server).episodes
    assert episode.primary is not None and "credentials" not in episode.primary.summary
    assert not episode.primary.fixes[0].startswith("Check the channel's credentials")


def test_google_chats_replies_refused_for_its_credentials_are_the_channel_down() -> None:
    """Google Chat's replies refused by the Chat API with 403, its service-account token refused by Google's OAuth
    endpoint (invalid_grant), and its typing indicator failing on the same token (lines written from
    extensions/googlechat/src/monitor.ts, api.ts and auth.ts, t48a): the credentials, not a transport that reconnects
    (RC18, the credentials fix first). A 400 fails one reply and says nothing of the credentials."""
    tag = "[gateway/channels/googlechat]"
    lines = [f"2026-11-20T10:00:00.000Z {tag} Failed sending typing message: Error: invalid_grant: Invalid JWT Signature.",
             f"2026-11-20T10:00:05.000Z {tag} [default] Google Chat final reply failed: Error: invalid_grant: Invalid "
             "JWT Signature.",
             f"2026-11-20T10:01:05.000Z {tag} [default] Google Chat final reply failed: Error: Google Chat API 403: "
             '{"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}}']
    for line in lines:
        assert kinds(line) == [(1, "channel.transport_error")], line
    (episode,) = analyze_text(*lines).episodes
    finding = episode.primary
    assert finding is not None and finding.rule.id == "RC18" and "credentials" in finding.summary
    assert finding.fixes[0].startswith("Check the channel's credentials")
    assert kinds(f"2026-11-20T10:00:00.000Z {tag} Failed sending typing message: Error: Google Chat API 400: Invalid "
                 "argument") == []


def test_teams_with_no_credentials_configured_is_told_to_configure_them_not_to_restart() -> None:
    """Teams' provider exits at start when no app id, password or tenant is configured ("msteams credentials not
    configured", extensions/msteams/src/monitor.ts): RC18 with the configuration fix first, and no restart advice,
    since a restart meets the same empty configuration. A Teams exit on another error keeps the restart advice."""
    (episode,) = analyze_text("2026-11-20T10:00:00.000Z [msteams] msteams credentials not configured").episodes
    finding = episode.primary
    assert finding is not None and finding.rule.id == "RC18"
    assert finding.fixes[0].startswith("Set the channel's credentials") and "MSTEAMS_APP_ID" in finding.fixes[0]
    assert not any(fix.startswith("Restart the channel") for fix in finding.fixes)
    (other,) = analyze_text("2026-11-20T10:00:00.000Z [msteams] [default] channel exited: Error: listen EACCES").episodes
    assert other.primary is not None and not any(fix.startswith("Set the channel's credentials") for fix in other.primary.fixes)


def test_qq_bots_access_token_refused_for_its_app_id_and_secret_is_the_channel_never_connecting() -> None:
    """QQ Bot's token request (sliverp/qqbot src/api.ts) answered with no token, its gateway's connect failing on it
    (lines written from its templates): the app's credentials are refused, it never connects and every retry fails
    alike (RC18, the credentials fix first). A network failure getting the token is the transport, no credentials."""
    tag = "[gateway/channels/qqbot]"
    refused = (f"{tag} [qqbot:default] Connection failed: Error: Failed to get access_token: "
               '{"code":100016,"message":"invalid appid or secret"}')
    lines = [f"2026-11-20T10:00:{second:02d}.000Z {refused}" for second in (0, 5, 15)]
    for line in lines:
        assert kinds(line) == [(1, "channel.transport_error")], line
    (episode,) = analyze_text(*lines).episodes
    finding = episode.primary
    assert finding is not None and finding.rule.id == "RC18" and "access token" in finding.summary
    assert "never connects" in finding.summary
    assert finding.fixes[0].startswith("Check the channel's credentials")
    network = refused.replace("Failed to get access_token: {\"code\":100016,\"message\":\"invalid appid or secret\"}",
                              "Network error getting access_token: fetch failed")
    (episode,) = analyze_text(network, network).episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18"
    assert "credentials" not in episode.primary.summary and "access token" not in episode.primary.summary


def test_the_dingtalk_plugins_sends_refused_with_axios_words_are_the_channel_down() -> None:
    """The DingTalk plugin's send failures (soimy/openclaw-channel-dingtalk send-service.ts, card-service.ts; lines
    written from its templates): axios words the refusal "Request failed with status code <n>". A 401 is the app's
    credentials refused (RC18, the credentials fix first); a 403 (DingTalk's QPS limit answers so) or a 5xx is a send
    refused with an HTTP error, not a credentials finding."""
    tag = "[gateway/channels/dingtalk]"
    send = f"2026-11-20T10:00:30.000Z {tag} [DingTalk] Send message failed: Request failed with status code 401"
    retry = (f"2026-11-20T10:03:06.000Z {tag} [DingTalk][AICard] Retry after token refresh failed: Request failed "
             "with status code 401")
    proactive = (f"2026-11-20T10:04:06.000Z {tag} [DingTalk] Failed to send proactive message: status=401 "
                 "Unauthorized message=Request failed with status code 401")
    for line in (send, retry, proactive):
        assert kinds(line) == [(1, "channel.transport_error")], line
    (episode,) = analyze_text(send, retry, proactive).episodes
    finding = episode.primary
    assert finding is not None and finding.rule.id == "RC18" and "credentials" in finding.summary
    assert finding.fixes[0].startswith("Check the channel's credentials")
    refused = [send.replace("401", "403"), proactive.replace("status=401 Unauthorized", "status=403 Forbidden")
               .replace("code 401", "code 403"), retry.replace("401", "500")]
    (episode,) = analyze_text(*refused).episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18"
    assert "credentials" not in episode.primary.summary and "did not reach the chat" in episode.primary.summary
    # the same words with no HTTP status are one reply failing, not the channel refused
    assert kinds(f"{tag} [DingTalk] Send message failed: getaddrinfo EAI_AGAIN api.dingtalk.com") \
        == [(1, "channel.transport_error")]  # (a network word: the transport, as before)
    assert kinds(f"{tag} [DingTalk] Send message failed: Cannot send an empty message") == []


def test_a_reporters_label_glued_before_a_log_line_is_set_aside() -> None:
    """"错误二：03:17:43 [qqbot] ..." (tencent-connect/openclaw-qqbot #17): the label before the full-width colon is the
    reporter's; the log line after it is read. A message's own full-width colon stays part of the message."""
    (event,) = parse_text_lines(["错误二：03:17:43 [qqbot] [qqbot:default] Connection failed: Error: API Error [/gateway]: "
                                 "接口调用超过频率限制。"])
    assert event.subsystem == "qqbot" and event.kind == "channel.transport_error" and event.time is not None
    (own,) = parse_text_lines(["06:49:22 [dingtalk-connector] 心跳检测：socket 状态=undefined，触发重连..."])
    assert own.message.startswith("心跳检测：socket")


def test_a_channel_plugin_that_never_loads_or_starts_is_its_channel_down() -> None:
    """A channel plugin built against another plugin SDK (DingTalk connector trackers): the loader giving up on it, or
    its account start failing, leaves the channel never started (RC18, low alone); any other plugin's load failure is
    a fault no rule judges."""
    load = ("dingtalk-connector failed to load from /Users/ab/.openclaw/extensions/dingtalk-connector/index.ts: Error "
            "[ERR_PACKAGE_PATH_NOT_EXPORTED]: Package subpath './plugin-sdk/compat' is not defined by \"exports\"")
    start = ("[dingtalk-connector][__default__] startAccount error: Package subpath './plugin-sdk/channel-runtime' is not "
             "defined by \"exports\" in .../openclaw/package.json")
    for line in (load, start):
        (episode,) = analyze_text(line).episodes
        assert episode.primary is not None and episode.primary.rule.id == "RC18"
        assert episode.primary.confidence.value == "low"
    other = "memory-lancedb-pro failed to load from /x/index.ts: Error: Cannot find module 'y'"
    assert kinds(other) == [(1, "plugin.load_failed")] and not analyze_text(other).episodes


def test_a_channel_pausing_its_intake_on_the_platforms_word_is_its_intake_down() -> None:
    """"weixin getUpdates: session expired (errcode -14), pausing bot for 60 min" (BytePioneer-AI/openclaw-china #227):
    no failure word, but the channel takes in nothing for an hour: RC18 at low confidence, said at info."""
    line = "21:28:05 [openclaw-weixin] weixin getUpdates: session expired (errcode -14), pausing bot for 60 min"
    assert kinds(line) == [(1, "channel.transport_error")]
    assert said_at_info(line)
    assert kinds("21:28:05 [openclaw-weixin] session expired for the config cache; refreshing") == []


def test_a_model_call_whose_output_completed_is_no_hung_model_call() -> None:
    """activeWorkKind=model_call with lastProgress=codex_app_server:notification:item/completed for five hours (an
    operator's ADR on a Codex main lane): the model answered; the run never went on from it (RC02), not RC01."""
    stall = ("[diagnostic] stalled session: sessionId=s-1 sessionKey=agent:main:main age=19478s queueDepth=0 "
             "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=model_call "
             "lastProgress=codex_app_server:notification:item/completed lastProgressAge=19476s recovery=checking")
    assert primary(stall) == "RC02"
    assert primary(stall.replace("codex_app_server:notification:item/completed", "model_call:started")) == "RC01"


def test_a_channels_sends_refused_again_and_again_with_an_http_error_is_the_bot_silent() -> None:
    """The DingTalk connector's AI card and its fallback send both refused with 403 under its QPS limit (its tracker,
    #510): twice is RC18, the finding saying the replies did not reach the chat; once is a blip."""
    card = ("2026-04-22T01:01:57.962+00:00 [DingTalk:__default__] [DingTalk][onPartialReply] ❌ AI Card 更新失败："
            "Request failed with status code 403")
    send = ("2026-04-22T01:01:57.963+00:00 [DingTalk:__default__] [DingTalk][Fallback] ⚠️ 消息发送失败，请稍后重试, error: "
            "Request failed with status code 403")
    (episode,) = analyze_text(card, send).episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18"
    assert "did not reach the chat" in episode.primary.summary


def test_a_channels_error_about_the_inbound_request_is_its_handler_failing() -> None:
    failed = ('2026-02-02T14:30:38.779Z ERROR [wecom] Failed to parse request body as JSON {"error":"Unexpected token '
              "'<', \\\"<xml><ToUs\\\"... is not valid JSON\"}")
    assert kinds(failed) == [(1, "channel.handler_broken")]
    (episode,) = analyze_text(failed).episodes
    assert episode.primary.rule.id == "RC18" and episode.primary.confidence.value == "low"
    # an outbound call's error fails one reply, not the intake; the same words at INFO are no failure
    assert kinds("2026-02-02T14:30:38.779Z ERROR [qqbot] sendMedia error: webhook payload file not found") == []
    assert kinds(failed.replace(" ERROR ", " INFO ")) == []
    # handling an inbound message: a fault of the code is the handler broken; any other error fails that one message
    handling = "2026-02-02T14:30:38.779Z ERROR [wecom] failed to handle inbound message: {}"
    assert kinds(handling.format("TypeError: runtime.reply is not a function")) == [(1, "channel.handler_broken")]
    assert kinds(handling.format("Error: 429 rate limit reached")) == []


def test_a_webhook_refusing_every_event_for_its_own_config_is_the_channels_intake_refused() -> None:
    """t48h: Google Chat's webhook refusing inbound events because the account's config cannot verify their tokens
    (extensions/googlechat/src/monitor-webhook.ts, auth.ts): every message meets the refusal, and a restart does not
    change it. A stray request's refusal (no token) is no fault."""
    refused = ("2026-11-20T10:0{}:00.000Z [gateway/channels/googlechat] [default] Google Chat webhook auth rejected: "
               "unexpected add-on principal: 103438788618831168836")
    assert kinds(refused.format(0)) == [(1, "channel.inbound_unauthorized")]
    (twice,) = analyze_text(refused.format(0), refused.format(2)).episodes
    assert twice.primary.rule.id == "RC18" and twice.primary.confidence.value == "medium"
    assert "for their credentials" in twice.primary.summary
    assert any("appPrincipal" in fix for fix in twice.primary.fixes)
    assert not any(fix.startswith("Restart the channel") for fix in twice.primary.fixes)
    (once,) = analyze_text(refused.format(0)).episodes
    assert once.primary.rule.id == "RC18" and once.primary.confidence.value == "low"
    assert primary(refused.format(0).replace("unexpected add-on principal: 103438788618831168836", "missing token"),
                   refused.format(2).replace("unexpected add-on principal: 103438788618831168836",
                                             "missing token")) is None


def test_a_mattermost_handler_broken_on_its_code_is_the_channels_handler_failing() -> None:
    """t48h: extensions/mattermost/src/mattermost/monitor-websocket.ts's catch around the posted-event handler."""
    broken = ("2026-11-20T10:00:00.000Z ERROR [gateway/channels/mattermost] mattermost handler failed: TypeError: "
              "Cannot read properties of undefined (reading 'channel_id')")
    assert kinds(broken) == [(1, "channel.handler_broken")]
    assert primary(broken) == "RC18"


def test_a_qq_bot_plugin_built_for_another_openclaw_drops_every_message() -> None:
    """t49e: tencent-connect/openclaw-qqbot src/dispatch/dispatch.ts, its dispatch finding the host's runtime without
    the reply dispatcher it was built against: the version mismatch's own advice comes first."""
    line = ("2026-11-20T10:0{}:00.000Z [gateway/channels/qqbot] [default][dispatch] runtime adapter dispatchReply not "
            "available (openclaw=2026.3.2)")
    (episode,) = analyze_text(line.format(1), line.format(2)).episodes
    assert episode.primary.rule.id == "RC18" and episode.primary.confidence.value == "medium"
    assert "QQ Bot" in episode.primary.summary and "runtime adapter dispatchReply not available" in episode.primary.summary
    assert episode.primary.fixes[0].startswith("Bring the channel plugin and OpenClaw to versions that fit")
    other = ("2026-11-20T10:00:00.000Z ERROR [gateway/channels/mattermost] mattermost handler failed: TypeError: "
             "Cannot read properties of undefined (reading 'channel_id')")
    (episode,) = analyze_text(other).episodes  # (a fault of the code alone names no version)
    assert not any(fix.startswith("Bring the channel plugin") for fix in episode.primary.fixes)


def test_a_lark_sdk_invoke_failure_on_a_fault_of_the_code_is_feishus_handler_broken() -> None:
    """t49e: the Lark SDK's ws-client catch around the event handler, as its default logger prints it over lines."""
    printed = ("[error]: [", "  '[ws]',", '  "invoke event failed, message_type: event; message_id: om_1; trace_id: t1; '
               "error: TypeError: Cannot read properties of undefined (reading 'chat_id')\"", "]")
    assert kinds(*printed) == [(1, "channel.handler_broken")]
    assert primary(*printed) == "RC18"
    lost = "[ws] invoke event failed, message_type: event; message_id: om_1; trace_id: t1; error: Error: 400"
    assert kinds(lost) == [(1, "channel.inbound_failed")]


def test_a_lane_held_on_a_codex_app_server_that_never_started_is_a_model_backend_that_never_answered() -> None:
    held = ('2026-04-29T03:50:40.641-05:00 [diagnostic] lane task error: lane=main durationMs={} '
            'error="Error: codex app-server startup aborted"')
    (finding,) = analyze_text(held.format(1785599)).incidents
    assert finding.primary is not None and finding.primary.rule.id == "RC01"
    assert "never finished starting" in finding.primary.summary
    assert any("Codex app-server starts" in fix for fix in finding.primary.fixes)
    assert primary(held.format(4000)) is None  # (a startup given up on at once held nothing)


def test_a_delivery_recovery_that_delivered_none_of_its_replays_lost_those_replies() -> None:
    summary = "[delivery-recovery] Delivery recovery complete: 0 recovered, {} failed, 0 skipped (max retries)"
    (episode,) = analyze_text(summary.format(6)).episodes
    assert episode.primary.rule.id == "RC18" and episode.primary.confidence.value == "medium"
    assert "delivered none" in episode.primary.summary
    assert not any(fix.startswith("Restart the channel") for fix in episode.primary.fixes)
    (once,) = analyze_text(summary.format(1)).episodes
    assert once.primary.confidence.value == "low"
    assert primary("[delivery-recovery] Delivery recovery complete: 2 recovered, 1 failed") is None


def test_a_run_that_used_its_whole_budget_and_ended_with_no_answer_was_waiting_on_its_model() -> None:
    run = "c32f5279-47fe-4302-8c99-d0ef7d207c7a"
    timeout = f"embedded run timeout: runId={run} sessionId=diag-1 timeoutMs=45000"
    (finding,) = analyze_text(timeout, f"[agent] run {run} ended with stopReason=error").incidents
    assert finding.primary.rule.id == "RC01" and finding.primary.confidence.value == "low"
    assert "whole 45 s time budget" in finding.primary.summary
    # its lane task lasting the whole budget says the same (no ids: the paste's order)
    task = analyze_text("embedded run timeout: timeoutMs=300000", "lane task done: lane=subagent durationMs=300093")
    assert [i.primary.rule.id for i in task.incidents] == ["RC01"]
    # a task that ended well short of the budget is another run's: the timeout stays lone (policy "lone embedded run
    # timeout"); a tool at work is not the model's wait
    assert primary("embedded run timeout: timeoutMs=300000", "lane task done: lane=subagent durationMs=2093") == "RC01"
    tool = f"embedded run tool start: runId={run} tool=exec toolCallId=t1"
    assert primary(tool, timeout, f"[agent] run {run} ended with stopReason=error") != "RC01"


def test_an_auth_profile_timing_out_a_minute_after_the_run_timeout_makes_the_run_a_hung_model_call() -> None:
    timeout = ("2026-02-06T07:29:24.444Z [agent/embedded] embedded run timeout: runId=73b32c19-b4bf-40bd-886e-eaa9c0fa9a7e "
               "sessionId=8c5757f2-845f-4669-99bd-281a65f29dc8 timeoutMs=600000")
    profile = "2026-02-06T07:{}Z [agent/embedded] Profile anthropic:default timed out (possible rate limit). Trying next account..."
    assert primary(timeout, profile.format("30:43.816")) == "RC01"  # (79 s later: within the warn threshold)
    assert primary(timeout, profile.format("45:43.816")) == "RC15"  # (16 minutes later: another attempt's)


def test_one_drop_told_in_several_lines_at_once_is_one_drop_not_a_reconnect_loop() -> None:
    line = '04:59:{} info gateway/channels/wecom {{"subsystem":"gateway/channels/wecom"}} [default] {}'
    drop = [line.format("09", "WARN: WebSocket connection closed: code: 1006"),
            line.format("09", "Reconnecting in 1000ms (attempt 1)..."),
            line.format("10", "WebSocket connected")]
    assert primary(*drop) != "RC18"
    # the same drop again a minute later is a loop
    again = [text.replace("04:59:", "05:00:") for text in drop]
    assert primary(*drop, *again) == "RC18"


def test_a_log_line_opened_as_inline_code_whose_closing_mark_was_lost_is_read() -> None:
    line = ('`14:46:03 error gateway/channels/dingtalk {"subsystem":"gateway/channels/dingtalk"} [default] Connection '
            'attempt 1 failed: Request failed with status code 400 [DingTalk][ConnectionError][connect.open] status=400')
    assert kinds(line) == [(1, "channel.transport_error")]
    (event,) = parse_text_lines([line])
    assert (event.shape, event.level, event.subsystem) == ("code+logs-pretty", "error", "gateway/channels/dingtalk")


def test_an_ai_card_the_platform_refused_to_create_is_a_send_refused() -> None:
    card = ('10:07:{} error gateway/channels/dingtalk-connector {{"subsystem":"gateway/channels/dingtalk-connector"}} '
            '[DingTalk][AICard] 创建卡片失败 (群聊 cidFake0Group0Id000000000==): Request failed with status code 403')
    assert primary(card.format("53"), card.format("54")) == "RC18"


def test_a_channel_whose_plugin_did_not_load_or_was_claimed_twice_gets_no_restart_advice() -> None:
    loaded = analyze_text("[plugins] dingtalk-connector failed to load from /root/.openclaw/extensions/dingtalk-connector/"
                          "index.ts: Error: Cannot find module 'openclaw/plugin-sdk'")
    (episode,) = loaded.episodes
    fixes = episode.primary.fixes
    assert any(fix.startswith("Make the channel's code whole again") for fix in fixes)
    assert not any(fix.startswith(("Restart the channel", "Tune the health-monitor")) for fix in fixes)
    (claimed,) = analyze_text("[plugins] channel already registered: feishu (openclaw-lark)").episodes
    fixes = claimed.primary.fixes
    assert any(fix.startswith("Keep one plugin per channel") for fix in fixes)
    assert not any(fix.startswith(("Restart the channel", "Make the channel's code")) for fix in fixes)
    # an account that exited on an error of its own still gets the restart
    (exited,) = analyze_text("[dingtalk-connector][__default__] startAccount error: socket hang up").episodes
    assert any(fix.startswith("Restart the channel") for fix in exited.primary.fixes)


def test_a_codex_turn_completed_as_a_stalled_runs_last_progress_is_a_ghost_run() -> None:
    stall = ("stalled session: sessionKey=agent:main:main state=processing age=300s queueDepth=0 "
             "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=embedded_run "
             "lastProgress=codex_app_server:notification:turn/completed lastProgressAge=290s")
    assert primary(stall) == "RC02"


def test_a_run_still_active_past_the_warn_threshold_is_a_stall_even_with_its_id_cut() -> None:
    # (#f134's shape: the registry's active checks of one session, its id cut after a prefix of its own)
    checks = [f"2026-02-12T13:{minute}Z [agent/embedded] run active check: sessionId=6b994666... active=true"
              for minute in ("23:47", "29:42", "31:26")]
    (incident,) = analyze_text(*checks).incidents
    assert incident.session_id == "6b994666…" and len(incident.timeline) >= 2
    assert not analyze_text(*checks[1:]).incidents  # 104 s apart: under the 120 s warn threshold
    # a placeholder names no session: two placeholders are never taken for one
    masked = [line.replace("6b994666...", "<redacted>") for line in checks]
    assert not analyze_text(*masked).incidents


def test_an_id_cut_after_eight_hex_digits_names_one_session_and_a_placeholder_none() -> None:
    from stuckscan._identity import IdentityResolver

    lines = ["embedded run timeout: runId=3f0c9a1e… timeoutMs=600000", "run cleared: runId=3f0c9a1e… totalActive=0",
             "run active check: sessionId=0829a221-xxxx active=true",
             "run active check: sessionId=<redacted> active=true", "run active check: sessionId=<redacted> active=true",
             "run active check: sessionId=0829… active=true", "run active check: sessionId=0829… active=true"]
    resolver = IdentityResolver()
    names = [resolver.identity(event) for event in parse_text_lines(lines)]
    assert names[0] == names[1] == "run:3f0c9a1e…" and names[2] == "id:0829a221-…"
    assert names[3] != names[4] and names[5] != names[6]  # a placeholder, or a cut too short to tell, names no one


def test_a_compaction_the_codex_app_server_owns_gets_the_upgrade_advice() -> None:
    failed = ("2026-06-02T08:05:14+00:00 warn agents/cli-compaction {\"subsystem\":\"agents/cli-compaction\"} CLI native "
              "harness compaction did not reduce context for openai-codex/gpt-5.5: codex app-server owns automatic compaction")
    (incident,) = analyze_text(failed).incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC16"
    assert any("#91793" in fix for fix in incident.primary.fixes)
    other = failed.replace("codex app-server owns automatic compaction", "Compaction timed out")
    (incident,) = analyze_text(other).incidents
    assert not any("#91793" in fix for fix in incident.primary.fixes)


def test_a_channels_inbound_refused_as_draining_with_no_drain_is_its_ingress_failing() -> None:
    """#107732 and #108135 (2026.7): webhook work that outlived its request ran under a released admission and the
    gateway refused it as if draining; every message of that channel met the refusal. A refusal after a restart
    signal, a drain or a suspension (src/process/gateway-work-admission.ts) is the real drain's."""
    refused = "2026-07-14T10:00:0{}.000Z [line] auto-reply failed: GatewayDrainingError: Gateway is draining; new " \
              "tasks are not accepted"
    (twice,) = analyze_text(refused.format(1), refused.format(3)).episodes
    assert twice.primary.rule.id == "RC18" and twice.primary.confidence.value == "medium"
    assert "as if it were draining" in twice.primary.summary
    assert any("#107734" in fix for fix in twice.primary.fixes)
    assert not any(fix.startswith("Restart the channel") for fix in twice.primary.fixes)
    # a real drain: after a restart signal or the admission closing, and a refusal that says "for restart"
    signal = "2026-07-14T10:00:00.000Z [gateway] signal SIGUSR1 received"
    closed = "2026-07-14T10:00:00.000Z [gateway/admission] admission closed: restart drain"
    for before in (signal, closed):
        assert not any(e.primary and e.primary.rule.id == "RC18"
                       for e in analyze_text(before, refused.format(1), refused.format(3)).episodes)
    assert kinds(closed) == [(1, "gateway.admission")]
    assert primary(refused.format(1).replace("is draining;", "is draining for restart;")) != "RC18"
    # a process that started (or admission reopened) after the drain admits work again: the refusal is the leak's
    for after in ("2026-07-14T10:00:00.500Z [gateway] listening on ws://127.0.0.1:18789 (PID 4242)",
                  "2026-07-14T10:00:00.500Z [gateway/admission] admission reopened: suspend phase"):
        (again,) = analyze_text(signal, after, refused.format(1), refused.format(3)).episodes
        assert again.primary.rule.id == "RC18"
    # work of the gateway's own (not a channel's) refused with the same words is not a channel's ingress
    assert primary("2026-07-14T10:00:01.000Z [agent/embedded] GatewayDrainingError: Gateway is draining; new tasks "
                   "are not accepted") != "RC18"


def test_one_inbound_refused_as_draining_with_its_diagnostic_record_is_no_fault() -> None:
    """Labelling policy "draining refusal that names no restart": one task refused within milliseconds with the bare
    "Gateway is draining; new tasks are not accepted", and the channel's own report of it, is null (RC16 and RC17 are
    not read from it either); the refusal for two inbound messages at different times is RC18."""
    record = ('{}[diagnostic] message processed: channel=slack chatId=user:U1 messageId=M{} sessionKey=agent:main:main '
              'outcome=error duration=9ms error="GatewayDrainingError: Gateway is draining; new tasks are not accepted"')
    report = "{}[slack] inbound debounce flush failed: Gateway is draining; new tasks are not accepted"
    for stamp in ("", "2026-07-20T09:00:05.000Z "):
        result = analyze_text(record.format(stamp, 1), report.format(stamp))
        assert not any(e.primary for e in result.episodes) and not any(i.primary for i in result.incidents)
    # the channel's report twice within the same second is still one message
    assert primary(report.format("2026-07-20T09:00:05.000Z "), report.format("2026-07-20T09:00:05.400Z ")) is None
    # boundary: the refusal for a second message 40 s later is every inbound turn refused
    assert primary(record.format("2026-07-20T09:00:05.000Z ", 1), report.format("2026-07-20T09:00:05.010Z "),
                   record.format("2026-07-20T09:00:45.000Z ", 2), report.format("2026-07-20T09:00:45.008Z ")) == "RC18"


def test_a_compaction_failure_reply_with_its_context_meter_is_the_compaction_failing() -> None:
    # (f1549: a channel's record of the reply it sent; f513 pasted the reply bare)
    sent = ('2026-04-13T10:06:30.729+08:00 [wecom] [openclaw -> plugin] kind=final, text="⚙️ Compaction failed: {} '
            '• Context 66k/262k (25%)", mediaUrl=, mediaUrls=[]')
    assert kinds(sent.format("commit_timeout")) == [(1, "compaction.timeout")]
    assert kinds(sent.format("summary model refused the request")) == [(1, "compaction.failed")]
    assert primary(sent.format("commit_timeout")) == "RC16"
    # the words alone, with no context meter after them, are anyone's prose
    assert kinds("Compaction failed: commit_timeout, so I raised the plugin's wait") == []


def test_a_request_to_a_channels_platform_api_timing_out_is_that_channels_transport() -> None:
    # (f1553: the fetch-timeout logger times out Telegram's getMe; no timer delay, so no starved loop)
    probe = ("[fetch-timeout] fetch timeout after 10000ms (elapsed 10000ms) operation=fetchWithTimeout "
             "url=https://api.telegram.org/bot<REDACTED>/getMe")
    # (one such request alone is no fault, policy "one channel request failure"; two accounts' probes failing at once
    # are the channel's requests failing repeatedly)
    assert primary(probe) is None
    (episode,) = analyze_text(probe, probe.replace("bot<REDACTED>", "bot<OTHER>")).episodes
    assert episode.primary.rule.id == "RC18"
    assert "Telegram" in episode.primary.summary
    assert primary(probe.replace("api.telegram.org", "api.example.com")) != "RC18"  # any other host: not a channel's
    from stuckscan.channels import channel_of_url
    assert channel_of_url("https://x.slack.com/api/auth.test") == "slack"
    assert channel_of_url("https://evil.example/api.telegram.org/bot1/getMe") is None
    assert channel_of_url("http://[::1") is None


def test_a_channel_drop_its_client_healed_from_at_once_is_no_intake_failure() -> None:
    # (f1530: QQ's server asks for a reconnect every 30 minutes; the bot is READY again three seconds later)
    drop = ["2026-03-14T18:37:48.089+08:00 [qqbot] [qqbot:default] Server requested reconnect",
            "2026-03-14T18:37:48.127+08:00 [qqbot] [qqbot:default] WebSocket closed: 4009 Session timed out"]
    ready = "2026-03-14T18:37:51.108+08:00 [qqbot] [qqbot:default] Gateway ready"
    assert kinds(ready) == [(1, "channel.polling_started")]
    assert primary(*drop) == "RC18"  # nothing after it shows the channel back
    assert primary(*drop, ready) is None
    # a socket merely opened is no session: the platform may refuse it at once (f499)
    opened = "2026-03-14T18:37:50.955+08:00 [qqbot] [qqbot:default] WebSocket connected"
    assert kinds(opened) == [] and primary(*drop, opened) == "RC18"


def test_a_subsystem_named_as_a_key_before_its_message_is_that_subsystem() -> None:
    # (f1578: "subsystem=agent/embedded: auto-compaction succeeded; retrying prompt")
    lines = ["subsystem=agent/embedded: context overflow detected (attempt 1/3); attempting auto-compaction",
             "subsystem=agent/embedded: auto-compaction succeeded; retrying prompt"]
    assert kinds(*lines) == [(1, "compaction.overflow"), (2, "embedded.compaction")]
    assert primary(*lines) is None  # the compaction ended: no stall


def test_a_restart_after_a_timed_out_channel_stop_is_that_stop_hung() -> None:
    # (f1583: the manager's own line once the hung stop settled; #114796)
    settled = "2026-07-25T11:11:49.914+10:00 [telegram] [polka] restarting after timed-out channel stop completed"
    (episode,) = analyze_text(settled).episodes
    assert episode.primary.rule.id == "RC18" and episode.primary.confidence.value == "low"
    assert "stop hung past its budget" in episode.primary.summary and "None" not in episode.primary.summary
    # with the hang's own line before it: one hung stop, not two
    hang = "2026-07-25T11:10:49.000+10:00 [telegram] [polka] channel stop exceeded 5000ms after abort; continuing shutdown"
    (both,) = analyze_text(hang, settled).episodes
    assert both.primary.confidence.value == "low" and "5000 ms budget" in both.primary.summary


def test_a_channel_saying_it_has_no_connection_available_is_its_transport_down() -> None:
    # (f1611: a QQ OneBot channel whose socket to NapCat never came up)
    line = '04:50:41 warn channel/qq {"module":"channel/qq"} [request] No connection available'
    assert kinds(line) == [(1, "channel.transport_error")]
    assert said_at_info(line)
    # the same words outside a channel's subsystem are an unexplained fault, not a channel's
    assert kinds('04:50:41 warn pool {"module":"pool"} No connection available') == []


def test_a_channels_own_send_failing_on_a_fault_of_its_code_is_its_delivery_broken() -> None:
    # (f1615: the NapCat QQ plugin's send, its OneBot URL unparsable; "napcat" is a QQ channel's id)
    line = ('{"subsystem":"gateway/channels/napcat"} "NapCat message send failed: TypeError: Failed to parse URL from '
            'http://127.0.0.1:3000/send_private_msg"')
    assert kinds(line) == [(1, "channel.handler_broken")]
    (episode,) = analyze_text(line).episodes
    assert episode.primary.rule.id == "RC18"
    assert episode.primary.summary.startswith("The QQ channel failed to send a reply")
    # a send the platform refused, or one that failed on the network, is not a fault of the code
    assert kinds(line.replace("TypeError: Failed to parse URL from", "Error: 429 Too Many Requests")) == []


def test_a_socket_error_naming_a_channel_platform_host_is_that_channel_failing() -> None:
    # PR #9727's record: the WhatsApp Web socket's DNS failure, with no channel tag on the line
    record = '{"error":"Error: getaddrinfo ENOTFOUND web.whatsapp.com"},"WebSocket error"'
    (event,) = [e for e in parse_text_lines([record]) if e.kind != "generic"]
    assert (event.kind, event.fields["channel"]) == ("channel.transport_error", "whatsapp")
    assert said_at_info(record)
    assert analyze_text(record).episodes[0].primary.summary.startswith("WhatsApp's connection failed once")
    # a host no channel owns (a web search tool's API) stays an unexplained fault
    assert kinds('{"error":"Error: getaddrinfo ENOTFOUND api.search.brave.com"},"fetch failed"') == []
    # a stack's cause line and one message's side call name the host without speaking of the channel's connection
    assert kinds("cause: Error: getaddrinfo ENOTFOUND open.feishu.cn",
                 "2026-02-27T03:27:13.100Z [error]: failed to add typing indicator: Error: getaddrinfo ENOTFOUND "
                 "open.feishu.cn") == []


def test_the_properties_node_prints_under_an_error_are_read_with_it() -> None:
    # the Lark SDK's token request timing out at start-up, pasted as a list block (#72721's shape, indented as a whole)
    block = ["   [error] AxiosError: timeout of 30000ms exceeded",
             "       url: 'https://open.feishu.cn/open-apis/auth/v3/tenant_access_token/internal'",
             "       code: 'ECONNABORTED'"]
    (event,) = parse_text_lines(block)
    assert event.message.endswith("url: 'https://open.feishu.cn/open-apis/auth/v3/tenant_access_token/internal' "
                                  "code: 'ECONNABORTED'")
    assert (event.kind, event.fields["channel"]) == ("channel.transport_error", "feishu")
    assert said_at_info(*block)
    # a socket error's "hostname:" names the host as well
    assert kinds("Error: getaddrinfo EAI_AGAIN", "    hostname: 'api.telegram.org',", "    code: 'EAI_AGAIN'") \
        == [(1, "channel.transport_error")]
    # a host no channel owns stays an unexplained fault, read as one line
    other = parse_text_lines(["[error] AxiosError: timeout of 30000ms exceeded",
                              "    url: 'https://api.example.com/v1/search'", "    code: 'ECONNABORTED'"])
    assert [e.kind for e in other] == ["generic"]
    # unindented, or under a line that names no error, such a line is a line of its own
    assert len(parse_text_lines(["[error] AxiosError: timeout of 30000ms exceeded", "code: 'ECONNABORTED'"])) == 2
    assert len(parse_text_lines(["[gateway] listening on ws://127.0.0.1:18789", "    port: 18789"])) == 2


def test_the_wechat_plugins_pause_on_a_stale_session_is_its_intake_down_whatever_tag_it_has() -> None:
    for line in ("21:28:05 [openclaw-weixin] weixin getUpdates: session expired (errcode -14), pausing bot for 60 min",
                 "getUpdates: session expired (errcode=-14 ret=undefined), pausing all requests for 60 min",
                 "[openclaw-weixin] token is stale, pausing all requests for 58 min",
                 # (quoted inside a reporter's sentence, no tag: the wording is the plugin's alone, f1833)
                 "openclaw的日志里只会有这样一段getUpdates: session expired (errcode=-14 ret=undefined), pausing all requests "
                 "for 60 min，如果出现了这样的日志"):
        (event,) = parse_text_lines([line])
        assert (event.kind, event.fields["channel"]) == ("channel.transport_error", "weixin"), line
        assert said_at_info(line)
    # another errcode, or a pause with no stale session, is not this
    assert kinds("getUpdates: session expired (errcode=-13), pausing all requests for 60 min") == []


_WEIXIN_POLL_FAILING = ["weixin getUpdates error (1/3): TypeError: fetch failed",
                        "weixin getUpdates error (2/3): TypeError: fetch failed",
                        "weixin getUpdates error (3/3): TypeError: fetch failed",
                        "weixin getUpdates: 3 consecutive failures, backing off 30s"]


def _readings(lines: list[str]) -> list[tuple[str, str | None]]:
    from stuckscan.channels import channel_of

    return [(e.kind, channel_of(e).split(":")[0] if e.kind != "generic" else None) for e in parse_text_lines(lines)]


def test_the_wechat_plugins_poll_failures_pasted_without_its_tag_name_their_channel_first() -> None:
    """Tencent/openclaw-weixin #75 (f5702): the monitor's own console lines (src/monitor/monitor.ts) pasted without the
    plugin's "[openclaw-weixin]" tag read as the tagged ones do, their channel taken from their first word: three
    failed long polls and the back-off, RC18."""
    tagged = ["[openclaw-weixin] " + line for line in _WEIXIN_POLL_FAILING]
    assert _readings(_WEIXIN_POLL_FAILING) == _readings(tagged) == [("channel.transport_error", "weixin")] * 3 + [
        ("generic", None)]
    assert primary(*_WEIXIN_POLL_FAILING) == primary(*tagged) == "RC18"
    # the later builds' wording (the fetch error classified after it) and the API-error sibling of the same loop
    for line in ("weixin getUpdates error (1/3): TypeError: fetch failed type=network description=network request "
                 "failed code=UND_ERR_CONNECT_TIMEOUT",
                 "weixin getUpdates failed: ret=-1 errcode=-1 errmsg=system error (2/3)"):
        assert _readings([line]) == _readings(["[openclaw-weixin] " + line]) == [("channel.transport_error", "weixin")]
    # the monitor's start is no fault, tagged or not: the channel receiving again (n55)
    start = "weixin monitor started (https://ilinkai.weixin.qq.com, account=b0f5860fdecb-im-bot)"
    assert _readings([start]) == _readings(["[openclaw-weixin] " + start]) == [("channel.polling_started", "weixin")]


def test_one_untagged_wechat_poll_failure_then_a_served_message_reads_as_the_tagged_one() -> None:
    """The monitor logs nothing when a poll gets through (it only resets its failure count): one failed poll, then the
    gateway serving a WeChat message 40 s on, is a blip the channel came back from, tagged or not; alone and untimed,
    one failure said at info either way."""
    served = ("2026-08-01T10:00:40.000+08:00 [diagnostic] message processed: channel=openclaw-weixin "
              "sessionKey=agent:main:openclaw-weixin:direct:o9cq80z9@im.wechat outcome=completed duration=5200ms")
    for tag in ("[openclaw-weixin] ", ""):
        failed = f"2026-08-01T10:00:00.000+08:00 {tag}weixin getUpdates error (1/3): TypeError: fetch failed"
        assert kinds(failed, served) == [(1, "channel.transport_error"), (2, "message.processed")], tag
        analysis = analyze_text(failed, served)
        assert not analysis.incidents and not analysis.episodes, tag
        assert said_at_info(f"{tag}weixin getUpdates error (1/3): TypeError: fetch failed"), tag


def test_prose_that_opens_with_the_wechat_channels_name_is_not_its_fault() -> None:
    """Only the plugin's own templates name their channel first: a reporter's sentence starting with "weixin", another
    program's capitalised "Weixin getUpdates error (1/3)", or the template's words without its counter are not read."""
    for line in ("weixin is not replying since this morning, getUpdates error every few minutes",
                 "weixin getUpdates error: fetch failed again after the upgrade",
                 "Weixin getUpdates error (1/3) Error: socket hang up",
                 "weixin stopped getting updates, connection failed?",
                 "weixin monitor started but no messages arrive"):
        assert kinds(line) == [], line


def test_the_codex_harness_failing_its_remote_compaction_is_the_turn_ending_in_compaction() -> None:
    failed = ("2026-10-10T12:11:26+00:00 node[3664620]: Embedded agent failed before reply: Error running remote compact "
              "task: unexpected status 404 Not Found: {\"detail\":\"Not Found\"}, url: "
              "https://chatgpt.com/backend-api/codex/responses/compact")
    assert kinds(failed) == [(1, "compaction.failed")]
    assert primary(failed) == "RC16"
    # the wording is the compaction's own: a remote task that is no compaction stays what it was
    assert kinds("Error running remote review task: unexpected status 404 Not Found") == []


def test_a_lock_error_soon_after_the_cli_fell_back_on_a_slow_gateway_is_contention() -> None:
    fallback = "2026-04-19T19:23:36.019Z Gateway agent failed; falling back to embedded: Error: gateway timeout after 90000ms"

    def lock(at: str) -> str:
        return f"{at} session file locked (timeout 10000ms): pid=47321 /home/u/.openclaw/agents/main/sessions/9e051a52.jsonl.lock"

    assert primary(fallback, lock("2026-04-19T19:23:46.100Z")) == "RC10"  # the embedded run waits on the gateway's lock
    # 40 min later: another story, a bare lock timeout, whose holder looked alive (policy "lock timeout without liveness")
    assert primary(fallback, lock("2026-04-19T20:03:46.100Z")) == "RC08"
    assert primary(lock("2026-04-19T19:23:36.100Z")) == "RC08"


def test_one_reconnect_logged_twice_at_info_is_one_drop_and_an_error_storm_is_not() -> None:
    # the Lark SDK's "[ws] reconnect", printed twice within 10 ms every hour on a healthy gateway (a committed log)
    twice = ["2026-03-11T12:09:41.807+08:00 [info]: [ '[ws]', 'reconnect' ]",
             "2026-03-11T12:09:41.816+08:00 [info]: [ '[ws]', 'reconnect' ]"]
    assert [kind for _, kind in kinds(*twice)] == ["channel.reconnecting"] * 2
    assert not analyze_text(*twice).episodes
    a_minute_apart = [twice[0], "2026-03-11T12:10:41.816+08:00 [info]: [ '[ws]', 'reconnect' ]"]
    assert primary(*a_minute_apart) is None  # (reconnects that did not fail: see f4558 below)
    failing = "2026-03-11T12:10:42.100+08:00 [error]: [ '[ws]', 'connect failed' ]"
    assert primary(*a_minute_apart, failing) == "RC18"
    storm = "2026-03-15T04:29:54.100Z error TERMINATE SOCKET: Ping Pong does not transfer heartbeat within heartbeat intervall"
    assert primary(storm, storm) == "RC18"


def test_a_restart_waiting_hours_on_task_runs_alone_waits_on_stale_task_records() -> None:
    waits = ["2026-04-28T03:49:01.000Z [reload] restart still deferred after 7166912ms with 3 task run(s) active",
             "2026-04-28T03:54:37.000Z [reload] restart still deferred after 7502528ms with 3 task run(s) active"]
    assert primary(*waits) == "RC05"
    # a restart waiting four minutes on embedded runs and replies at work is a restart waiting, not stale records
    busy = ("2026-05-25T14:55:21.043Z [reload] restart still deferred after 243289ms with 6 operation(s), 1 reply(ies), "
            "3 embedded run(s), 2 background task run(s) active")
    assert primary(busy) != "RC05"


def test_a_cron_run_record_the_restarted_gateway_marked_interrupted_is_a_restart_that_cut_a_run() -> None:
    # f2651: cron/runs/<jobId>.jsonl; the new process marks a run still going at the restart as failed
    # (STARTUP_INTERRUPTED_ERROR in src/cron/service).
    def run(ts: int, status: str, extra: str = "") -> str:
        return (f'{{"ts":{ts},"jobId":"openclaw-git-sync","action":"finished","status":"{status}"{extra},'
                f'"runAtMs":{ts - 20000},"durationMs":20000}}')

    cut = run(1777594109604, "error", ',"error":"cron: job interrupted by gateway restart"')
    (incident,) = analyze_text(run(1777572047008, "ok"), cut).incidents
    assert incident.primary.rule.id == "RC17" and "openclaw-git-sync" in incident.primary.summary
    assert any("openclaw cron run <jobId>" in fix for fix in incident.primary.fixes)
    assert not any("/new" in fix for fix in incident.primary.fixes)  # no session's turn was cut
    assert incident.start is not None and incident.start.year == 2026  # read at the record's ts
    assert not analyze_text(run(1777572047008, "ok"), run(1777593647008, "ok")).incidents
    # the same error quoted as a job's last error (`openclaw cron show`) reads the same
    assert primary('Last error: "cron: job interrupted by gateway restart"') == "RC17"


def test_work_a_restarts_drain_refused_on_arrival_is_no_interrupted_run() -> None:
    # policy "work refused by a restart drain": the drain turns a new task away at once; it never started, none was cut
    def record(ts: int, status: str, tail: str = "") -> str:
        return ('{"ts":%d,"jobId":"5f0c2a91-daily-digest","action":"finished","status":"%s"%s,"runAtMs":%d,'
                '"durationMs":%d,"nextRunAtMs":%d}' % (ts, status, tail, ts - 90, 90, ts + 3_600_000))
    refused = record(1775030400090, "error", ',"error":"GatewayDrainingError: Gateway is draining for restart; new '
                     'tasks are not accepted"')
    analysis = analyze_text(record(1775026800090, "ok"), refused, record(1775034000090, "ok"))
    assert not any(f.primary and f.primary.rule.id == "RC17" for f in [*analysis.incidents, *analysis.episodes])
    assert not any(c.rule.id in ("RC16", "RC17") for f in analysis.incidents for c in f.contributing)
    bare = "GatewayDrainingError: Gateway is draining for restart; new tasks are not accepted"
    assert primary(bare) is None
    assert primary("GatewayDrainingError: Gateway is draining; new tasks are not accepted") != "RC17"
    # seconds after the restart marker, with nothing in flight: the drain doing its job
    signal = "2026-04-02T09:00:00.000Z [gateway] signal SIGUSR1 received"
    drain = "2026-04-02T09:00:00.020Z [gateway] draining 0 active task(s) and 0 active embedded run(s) before restart"
    soon = "2026-04-02T09:00:{}.000Z [agent/embedded] GatewayDrainingError: Gateway is draining for restart; new " \
           "tasks are not accepted"
    assert primary(signal, drain, soon.format("04"), soon.format("40")) is None
    assert primary(signal, drain, soon.format("04").replace("09:00:04", "09:01:30")) is None  # (under two minutes)


def test_drain_refusals_going_on_minutes_after_a_restart_are_a_gateway_stuck_in_its_drain() -> None:
    # policy "work refused by a restart drain": refusals for minutes after the marker show the drain never ended
    signal = "2026-04-02T09:00:00.000Z [gateway] signal SIGUSR1 received"
    drain = "2026-04-02T09:00:00.020Z [gateway] draining 0 active task(s) and 0 active embedded run(s) before restart"
    refused = "2026-04-02T09:{}:00.000Z [agent/embedded] GatewayDrainingError: Gateway is draining for restart; new " \
              "tasks are not accepted"
    (incident,) = analyze_text(signal, drain, refused.format("03"), refused.format("21")).incidents
    assert incident.primary.rule.id == "RC17" and "stayed in its restart drain" in incident.primary.summary
    assert "21 minute(s)" in incident.primary.summary
    # a restart marker pasted without its time: the refusals' own times after it show how long the drain went on
    untimed = "[gateway] signal SIGUSR1 received"
    assert primary(untimed, refused.format("03"), refused.format("21")) == "RC17"
    assert primary(untimed, refused.format("03"), refused.format("03").replace(":00.000Z", ":40.000Z")) is None
    # near miss: the process started again after the restart, so the drain ended; a later refusal is not that drain's
    listening = "2026-04-02T09:00:05.000Z [gateway] listening on ws://127.0.0.1:18789 (PID 4242)"
    assert primary(signal, drain, listening, refused.format("21")) != "RC17"
    closed = "2026-04-02T09:00:00.000Z [gateway/admission] admission closed: restart drain"
    reopened = "2026-04-02T09:00:05.000Z [gateway/admission] admission reopened: restart drain"
    assert primary(closed, refused.format("03"), refused.format("21")) == "RC17"
    assert primary(closed, reopened, refused.format("21")) != "RC17"
    # a drain that timed out with runs active cut them: the refusal beside it changes nothing
    busy = "2026-04-02T09:00:00.020Z [gateway] draining 1 active task(s) and 1 active embedded run(s) before restart"
    timeout = "2026-04-02T09:05:00.030Z [gateway] drain timeout reached; proceeding with restart"
    assert primary(signal, busy, refused.format("02"), timeout) == "RC17"


def test_a_fallback_summary_whose_candidates_were_all_refused_at_once_opens_no_finding() -> None:
    # f2833: unknown model ids, a live-session model switch and a rate limit: the turn failed at once, the user was told
    refused = ("FallbackSummaryError: All models failed (3): openrouter/a:free: Live session model switch requested: "
               "openrouter/b:free (unknown) | google/c:free: Unknown model: google/c:free (model_not_found) | "
               "openrouter/d:free: 429 rate limited (rate_limit)")
    assert not analyze_text(refused).incidents
    # a candidate that timed out, or failed on the session's lock, is something a class covers: still a finding
    timed = refused.replace("429 rate limited (rate_limit)", "LLM request timed out. (timeout)")
    assert analyze_text(timed).incidents
    locked = refused.replace("429 rate limited (rate_limit)",
                             "session file locked (timeout 10000ms): pid=4242 /x/s.jsonl.lock (timeout)")
    assert analyze_text(locked).incidents


def _transcript_turn(written: str, began_ms: int, stop: str, output: int, error: str = "") -> str:
    """A session transcript's assistant entry (agents/<agent>/sessions/<session>.jsonl), in the shape f2775 pastes."""
    failure = f',"errorMessage":"{error}"' if error else ""
    return ('{"type":"message","id":"24008721","parentId":"3cfc730d","timestamp":"' + written + '","message":'
            '{"role":"assistant","content":[{"type":"text","text":"[assistant turn failed before producing content]"}],'
            '"api":"openai-completions","provider":"zhipu","model":"glm-4.7-flash","usage":{"input":0,"output":'
            f'{output},"totalTokens":{output}}},"stopReason":"{stop}","timestamp":{began_ms}{failure}}}}}')


def test_a_transcript_turn_that_waited_minutes_with_no_output_is_a_model_call_hang() -> None:
    # f2775: a cron job's model request started 23:58:59.616 and failed 12 minutes later with no content
    prompt = ('{"type":"message","id":"3cfc730d","parentId":"bb064579","timestamp":"2026-05-05T23:58:59.616Z","message":'
              '{"role":"user","content":[{"type":"text","text":"[cron:0cf57c77-9861-4722-b859-6aa625f81c5a weather] '
              'an error in the prompt is no fault"}],"timestamp":1778025539616}}')
    hung = _transcript_turn("2026-05-06T00:11:05.865Z", 1778025539616, "error", 0, "500 network error")
    (incident,) = analyze_text(prompt, hung).incidents
    assert incident.primary.rule.id == "RC01"
    assert kinds(prompt, hung) == [(2, "transcript.turn_failed")]
    # a failure at once (a refused key), or after output began, is no hang: judged, not a finding
    refused = _transcript_turn("2026-05-05T23:59:00.100Z", 1778025539616, "error", 0, "401 invalid api key")
    assert not analyze_text(prompt, refused).incidents
    # a refusal the client retried for minutes before giving up: the provider answered
    limited = _transcript_turn("2026-05-06T00:11:05.865Z", 1778025539616, "error", 0, "429 rate limit exceeded")
    assert not analyze_text(prompt, limited).incidents
    streamed = _transcript_turn("2026-05-06T00:11:05.865Z", 1778025539616, "error", 812, "terminated")
    assert not analyze_text(prompt, streamed).incidents
    # an aborted turn records no usage: what it streamed is in its content. A few characters of thinking and then
    # silence is a hung stream (f2959); a turn cut while it streamed a long tool call was working (f3037)
    def aborted(content: str) -> str:
        return _transcript_turn("2026-05-06T00:11:05.865Z", 1778025539616, "aborted", 0, "Request was aborted.").replace(
            '[{"type":"text","text":"[assistant turn failed before producing content]"}]', content)

    assert analyze_text(prompt, aborted('[{"type":"thinking","thinking":"The user"}]')).incidents
    writing = '[{"type":"text","text":"Writing the report now."},{"type":"toolCall","name":"write","arguments":' \
              '{"path":"report.md","content":"' + "x" * 400 + '"}}]'
    streaming = aborted(writing).replace("2026-05-06T00:11:05.865Z", "2026-05-06T00:01:29.616Z")  # 150 s after it began
    assert not analyze_text(prompt, streaming).incidents
    # ... but a few hundred characters over twelve minutes is a stream that stalled mid-way (f3205)
    assert analyze_text(prompt, aborted(writing)).incidents
    # a turn that ended normally, however long it took, is no fault at all
    answered = _transcript_turn("2026-05-06T00:11:05.865Z", 1778025539616, "stop", 812)
    assert not analyze_text(prompt, answered).incidents


def test_a_transcripts_other_entries_are_read_quietly() -> None:
    snapshot = ('{"type":"custom","customType":"model-snapshot","data":{"timestamp":1778025529666,"provider":"zhipu",'
                '"modelApi":"openai-completions","modelId":"glm-4.7-flash"},"id":"bb064579","parentId":"18220ef0",'
                '"timestamp":"2026-05-05T23:58:49.666Z"}')
    compaction = ('{"type":"compaction","id":"1dd7266e","parentId":"209e79f1","timestamp":"2026-05-12T20:08:29.939Z",'
                  '"summary":"the tool failed with an error","firstKeptEntryId":"a1","tokensBefore":90211}')
    tool = ('{"type":"message","id":"t1","parentId":"a1","timestamp":"2026-05-12T20:08:30.000Z","message":{"role":'
            '"toolResult","toolCallId":"c1","toolName":"exec","content":[{"type":"text","text":"Error: timed out"}],'
            '"isError":true,"timestamp":1778616510000}}')
    events = parse_text_lines([snapshot, compaction, tool])
    assert [e.level for e in events] == ["debug"] * 3
    assert events[0].message.startswith("transcript model-snapshot: provider=zhipu")
    assert events[1].fields["tokensBefore"] == 90211 and "tool failed" not in events[1].message
    assert events[2].fields == {"toolCallId": "c1", "toolName": "exec", "isError": True}
    result = analyze_text(snapshot, compaction, tool)
    assert not result.incidents and not result.unexplained.count


def test_a_transcript_turn_stamped_at_its_write_time_waited_since_the_entry_before_it() -> None:
    # f3222: an Ollama turn's own timestamp is when it was written; its request began when the tool result before it was
    tool = ('{"type":"message","id":"t1","parentId":"a1","timestamp":"2026-05-28T04:17:36.813Z","message":{"role":'
            '"toolResult","toolCallId":"c1","toolName":"image","content":[],"isError":false,"timestamp":1779941856813}}')
    failed = _transcript_turn("2026-05-28T04:23:54.353Z", 1779942234352, "error", 0, "This operation was aborted")
    (incident,) = analyze_text(tool, failed).incidents
    assert incident.primary.rule.id == "RC01" and "378 s" in incident.primary.summary
    soon = tool.replace("04:17:36.813Z", "04:23:24.353Z")  # the tool result 30 s before the failure: no hang
    assert not analyze_text(soon, failed).incidents


def _transcript_entry(stamp: str, message: str) -> str:
    return '{"type":"message","id":"e' + stamp[-6:-1].replace(".", "") + '","parentId":"p","timestamp":"' + stamp + \
        '","message":' + message + '}'


RESTART_CALL = _transcript_entry("2026-03-05T21:52:27.883Z", (
    '{"role":"assistant","content":[{"type":"toolCall","id":"call_00_restart","name":"exec","arguments":{"command":'
    '"openclaw gateway restart 2>&1 | tail -10"}}],"provider":"deepseek","model":"deepseek-chat","usage":{"output":31},'
    '"stopReason":"toolUse","timestamp":1772747540000}'))


def test_an_agents_own_gateway_restart_call_that_never_returned_cut_its_run() -> None:
    # f3122: the agent ran `openclaw gateway restart`; the next entry is the user's nudge 9 minutes later, no result
    nudge = _transcript_entry("2026-03-05T22:01:42.332Z", '{"role":"user","content":[{"type":"text","text":"hello?"}]}')
    (incident,) = analyze_text(RESTART_CALL, nudge).incidents
    assert incident.primary.rule.id == "RC17" and "own tool call restarted the gateway" in incident.primary.summary
    assert any("exec approvals" in fix for fix in incident.primary.fixes)
    # the call's result came back: the run lived through the restart
    result = _transcript_entry("2026-03-05T21:52:40.000Z", (
        '{"role":"toolResult","toolCallId":"call_00_restart","toolName":"exec","content":[{"type":"text",'
        '"text":"Restarted"}],"isError":false}'))
    assert not analyze_text(RESTART_CALL, result, nudge).incidents
    # the transcript ends at the call: nothing shows what came of it
    assert not analyze_text(RESTART_CALL).incidents
    # a command that only reads the gateway's status restarts nothing
    status = RESTART_CALL.replace("openclaw gateway restart", "openclaw gateway status")
    assert not analyze_text(status, nudge).incidents


def _prompt_error(stamp: str, error: str) -> str:
    return ('{"type":"custom","customType":"openclaw:prompt-error","data":{"timestamp":1771481386893,"runId":"r-1",'
            '"sessionId":"eabda209-70eb-43e4-bce9-7d0e0885a69b","provider":"openai-codex","model":"gpt-5.3-codex",'
            f'"api":"openai-codex-responses","error":"{error}"}},"id":"pe1","parentId":"a1","timestamp":"{stamp}"}}')


def test_a_prompt_failure_long_after_the_entry_before_it_with_no_turn_written_is_a_model_call_hang() -> None:
    # f3119: a failed attempt at 06:00:18, then nothing until the cron job's timeout aborted the run at 06:09:46
    before = _transcript_turn("2026-02-19T06:00:18.653Z", 1771480810000, "error", 0, "quota exhausted, retrying")
    aborted = _prompt_error("2026-02-19T06:09:46.893Z", "aborted")
    (incident,) = analyze_text(before, aborted).incidents
    assert incident.primary.rule.id == "RC01" and "568 s" in incident.primary.summary
    # a failed turn written with it says what the model did (here: it was streaming, so no hang)
    streaming = _transcript_turn("2026-02-19T06:09:46.990Z", 1771480818653, "aborted", 0, "Request was aborted.").replace(
        '[{"type":"text","text":"[assistant turn failed before producing content]"}]',
        '[{"type":"text","text":"' + "working " * 300 + '"}]')
    assert not analyze_text(before, aborted, streaming).incidents
    # the entry before it was a turn that called a tool: the silence was the tool's
    tool_call = ('{"type":"message","id":"a1","parentId":"u1","timestamp":"2026-02-19T06:00:18.653Z","message":{"role":'
                 '"assistant","content":[{"type":"toolCall","id":"c1","name":"exec","arguments":{"command":"make"}}],'
                 '"usage":{"output":20},"stopReason":"toolUse","timestamp":1771480810000}}')
    assert not analyze_text(tool_call, aborted).incidents
    # a short silence is no hang
    assert not analyze_text(before, _prompt_error("2026-02-19T06:00:48.893Z", "aborted")).incidents


def test_a_transcripts_entries_name_the_session_its_header_names_and_a_later_answer_ends_the_finding() -> None:
    header = ('{"type":"session","version":3,"id":"4d1c7a2e-6b0f-4f3e-9a55-2c8e1b7d9f10",'
              '"timestamp":"2026-05-05T23:50:00.000Z","cwd":"/home/ops/.openclaw/workspace"}')
    prompt = _transcript_entry("2026-05-05T23:58:59.616Z", '{"role":"user","content":[{"type":"text","text":"hi"}]}')
    hung = _transcript_turn("2026-05-06T00:11:05.865Z", 1778025539616, "error", 0, "500 network error")
    events = parse_text_lines([header, prompt, hung])
    assert {e.fields.get("sessionId") for e in events[1:]} == {"4d1c7a2e-6b0f-4f3e-9a55-2c8e1b7d9f10"}
    (incident,) = analyze_text(header, prompt, hung).incidents
    assert incident.session_id == "4d1c7a2e-6b0f-4f3e-9a55-2c8e1b7d9f10"
    assert incident.status.value == "fault_signal"
    # the user's next message answered: the session was free again, the hang stays the finding
    answered = _transcript_turn("2026-05-06T00:14:02.100Z", 1778025840000, "stop", 61)
    (later,) = analyze_text(header, prompt, hung, answered).incidents
    assert later.primary.rule.id == "RC01" and later.status.value == "resolved_by_itself"
    assert "a turn was answered" in later.status_reason
    # a turn that went on to call a tool shows the session moving again just as well
    calling = answered.replace('"stopReason":"stop"', '"stopReason":"toolUse"')
    (moving,) = analyze_text(header, prompt, hung, calling).incidents
    assert moving.status.value == "resolved_by_itself"
    # without a header the entries name no session: nothing ties the later answer to the failure
    (unnamed,) = analyze_text(prompt, hung, answered).incidents
    assert unnamed.session_id is None and unnamed.status.value != "resolved_by_itself"


def _prompt_error_entry(stamp: str, error: str) -> str:
    return ('{"type":"custom","customType":"openclaw:prompt-error","data":{"runId":"r1","sessionId":"s1",'
            '"provider":"ollama","model":"llama3.1:8b","error":"' + error + '"},"id":"pe1","parentId":"u1",'
            '"timestamp":"' + stamp + '"}')


def test_a_failed_turn_written_after_its_prompt_error_waited_since_the_prompt() -> None:
    # f3376: an Ollama turn is stamped when written; the prompt-error entry comes 3 ms before it, 600 s after the prompt
    prompt = _transcript_entry("2026-03-21T19:45:40.561Z", '{"role":"user","content":[{"type":"text","text":"fix"}]}')
    error = _prompt_error_entry("2026-03-21T19:55:40.606Z", "aborted")
    turn = _transcript_turn("2026-03-21T19:55:40.609Z", 1774122940605, "error", 0, "This operation was aborted")
    events = parse_text_lines([prompt, error, turn])
    assert events[2].kind == "transcript.turn_failed" and events[2].fields["sinceEntryMs"] == 600048
    (incident,) = analyze_text(prompt, error, turn).incidents
    assert incident.primary.rule.id == "RC01"
    # the same pair a second after the prompt: the model refused or failed at once, no hang
    soon = [e.replace("19:55:40", "19:45:41") for e in (error, turn)]
    assert not analyze_text(prompt, *soon).incidents


def test_a_silent_turn_cut_at_the_model_watchdogs_120_s_reaches_the_warn_threshold() -> None:
    # f3217: a zero-output turn aborted 119.94 s after its request began: the stream watchdog's 120 s, not a shorter wait
    prompt = _transcript_entry("2026-03-22T14:48:31.030Z", '{"role":"user","content":[{"type":"text","text":"hb"}]}')
    cut = _transcript_turn("2026-03-22T14:50:30.969Z", 1774190911028, "aborted", 0, "Request was aborted.")
    assert analyze_text(prompt, cut).incidents
    early = _transcript_turn("2026-03-22T14:50:28.969Z", 1774190911028, "aborted", 0, "Request was aborted.")
    assert not analyze_text(prompt, early).incidents  # 118 s: short of the threshold by more than the slack


def test_a_transcript_turn_that_answered_a_few_tokens_after_minutes_of_silence_is_a_model_call_hang() -> None:
    # f3363: a tool call of 117 characters written 307 s after its request began; the run went on
    slow = _transcript_entry("2026-03-03T16:05:45.000Z", (
        '{"role":"assistant","content":[{"type":"toolCall","id":"c2","name":"exec","arguments":{"command":"ls"}}],'
        '"provider":"bailian","model":"qwen3-max","usage":{"output":39},"stopReason":"toolUse","timestamp":1772553638000}'))
    (incident,) = analyze_text(slow).incidents
    assert incident.primary.rule.id == "RC01" and "sat silent for up to 307 s" in incident.primary.summary
    assert "no first token" not in incident.primary.summary.split(";")[-1]
    assert incident.status.value == "resolved_by_itself"  # (the turn is the answer, whichever session it names)
    # a long answer in that time is a model working, and a quick one is no stall at all
    long_answer = slow.replace('{"command":"ls"}', '{"command":"' + "x" * 900 + '"}')
    assert not analyze_text(long_answer).incidents
    quick = slow.replace("1772553638000", "1772553940000")  # 5 s before it was written
    assert not analyze_text(quick).incidents


def test_a_transcript_fragment_without_its_header_takes_the_session_its_prompt_error_names() -> None:
    prompt = _transcript_entry("2026-03-21T19:45:40.561Z", '{"role":"user","content":[{"type":"text","text":"fix"}]}')
    error = _prompt_error_entry("2026-03-21T19:55:40.606Z", "aborted")  # (data.sessionId "s1")
    turn = _transcript_turn("2026-03-21T19:55:40.609Z", 1774122940605, "error", 0, "This operation was aborted")
    answered = _transcript_turn("2026-03-21T19:58:00.000Z", 1774123078000, "stop", 61)
    events = parse_text_lines([prompt, error, turn, answered])
    assert [e.fields.get("sessionId") for e in events] == [None, "s1", "s1", "s1"]
    (incident,) = analyze_text(prompt, error, turn, answered).incidents
    assert incident.session_id == "s1" and incident.status.value == "resolved_by_itself"


def test_a_prompt_failure_followed_by_a_line_no_shape_reads_is_left_undecided() -> None:
    # f3259 pasted as `jq .` prints it: the failed turn's record (a 37 KB line of content) cannot be joined, so its
    # lines are unparsed; the turn they hold may be the one that says the model was streaming
    prompt = _transcript_entry("2026-03-21T19:45:40.561Z", '{"role":"user","content":[{"type":"text","text":"fix"}]}')
    error = _prompt_error_entry("2026-03-21T19:55:40.606Z", "aborted")
    assert analyze_text(prompt, error).incidents  # nothing after it: the run recorded nothing in 600 s
    assert not analyze_text(prompt, error, '{"type": "message", "message": {"role": "assistant", "content": [').incidents


def test_a_cron_runs_fallback_summary_that_took_its_whole_budget_on_one_timed_out_candidate_is_a_hang() -> None:
    # f3978: the main model timed out, the only fallback was in cooldown, and the run took 600 s
    record = ('{"ts":1771556086657,"jobId":"j1","action":"finished","status":"error","error":"Error: All models '
              'failed (2): minimax-portal/MiniMax-M2.5: LLM request timed out. (unknown) | minimax-portal/MiniMax-M2.1: '
              'No available auth profile for minimax-portal (all in cooldown or unavailable). (rate_limit)",'
              '"sessionId":"c3dc835f-f916-4cf2-9a22-baadca3deec9","runAtMs":1771555486536,"durationMs":600117}')
    (incident,) = analyze_text(record).incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC01"
    # the same summary in a run that failed within seconds: one timeout among refusals says no more than that
    quick = record.replace('"durationMs":600117', '"durationMs":21295')
    assert all(i.primary is None or i.primary.rule.id != "RC01" for i in analyze_text(quick).incidents)


def test_a_model_request_that_timed_out_with_nothing_produced_again_and_again_is_a_hang() -> None:
    # f3177, f3362: the same 31-33 s client timeout ("Request timed out.") with no output on every request
    def timed_out(written: str, began_ms: int) -> str:
        return _transcript_turn(written, began_ms, "error", 0, "Request timed out.")

    first = timed_out("2026-02-01T00:23:25.299Z", 1769905373955)
    assert not analyze_text(first).incidents  # once: a slow provider's blip, as f3206 is labelled
    second = timed_out("2026-02-01T00:26:14.144Z", 1769905543187)
    (incident,) = analyze_text(first, second).incidents  # (no entry between: the turn held 169 s without output)
    assert incident.primary.rule.id == "RC01"
    # failures that came back at once, or that were refusals, are no such timeouts
    def asked(stamp: str) -> str:
        return _transcript_entry(stamp, '{"role":"user","content":[{"type":"text","text":"/start"}]}')

    quick = [asked("2026-02-01T00:23:23.000Z"), timed_out("2026-02-01T00:23:25.299Z", 1769905403000),
             asked("2026-02-01T00:26:12.000Z"), timed_out("2026-02-01T00:26:14.144Z", 1769905572000)]
    assert not analyze_text(*quick).incidents
    refused = [turn.replace("Request timed out.", "429 Too Many Requests: request timed out in queue")
               for turn in (first, second)]
    assert not analyze_text(*refused).incidents
    # f3322: the connection cut while it waited (undici's bare "terminated"), twice, reads the same
    cut = [turn.replace("Request timed out.", "terminated") for turn in (first, second)]
    assert analyze_text(*cut).incidents[0].primary.rule.id == "RC01"
    # ... but each after its own prompt, each closing its own turn within about 31 s, the session got past every one:
    # no fault (policy "short model request timeout"), and no more so for a network failure
    prompted = [asked("2026-02-01T00:22:53.950Z"), first, asked("2026-02-01T00:25:43.180Z"), second]
    assert not analyze_text(*prompted).incidents
    assert not analyze_text(*[entry.replace("Request timed out.", "fetch failed") for entry in prompted]).incidents


def test_asking_twice_about_the_first_silent_timeout_still_says_no() -> None:
    from stuckscan.correlator import Correlator

    turn = _transcript_turn("2026-02-01T00:23:25.299Z", 1769905373955, "error", 0, "Request timed out.")
    (event,) = parse_text_lines([turn])
    correlator = Correlator()
    assert correlator._repeated_silent_timeout(event) == "" and correlator._repeated_silent_timeout(event) == ""


def test_a_restart_drain_that_runs_its_whole_budget_cut_the_work_it_waited_on() -> None:
    # f4582: a stdout log keeps the drain's start (info) but not its "drain timeout reached" (warn)
    start = ["2026-02-26T14:04:07.847Z [gateway] received SIGUSR1; restarting",
             "2026-02-26T14:04:07.848Z [gateway] draining 2 active task(s) before restart (timeout 30000ms)"]
    after = "2026-02-26T14:04:37.914Z [gateway] restart mode: full process restart (spawned pid 37576)"
    assert primary(*start, after) == "RC17"
    assert primary(*start, after.replace("14:04:37.914", "14:04:12.914")) is None  # restarted inside the budget
    drained = "2026-02-26T14:04:20.001Z [gateway] all active tasks drained"
    assert primary(*start, drained, after) is None


def test_a_telegram_poll_error_whose_retry_went_quiet_for_the_rest_of_the_log_healed() -> None:
    # f4479: one getUpdates network error and the command-sync calls failing in the same outage, then 45 minutes of
    # other lines
    blip = ["2026-03-02T15:29:25.984Z [telegram] network error: Network request for 'getUpdates' failed!; retrying in 30s.",
            "2026-03-02T15:29:56.093Z [telegram] deleteMyCommands failed: Network request for 'deleteMyCommands' failed!",
            "2026-03-02T15:29:56.098Z [telegram] setMyCommands failed: Network request for 'setMyCommands' failed!"]
    later = "2026-03-02T16:14:58.928Z [ws] ⇄ res ✓ chat.history 12ms conn=c02da5d9…1fec id=1a2b3c4d…5e6f"
    assert primary(*blip, later) is None
    assert said_at_info(*blip)  # the log stops inside the retry: nothing says it got through
    # f058: the same error again twenty minutes on is a flaky channel, each time
    again = blip[0].replace("15:29:25.984", "15:49:25.984")
    assert primary(*blip, again, later.replace("16:14", "16:34")) == "RC18"


def test_lark_sdk_reconnect_notes_without_a_failure_are_socket_renewals() -> None:
    # f4558: the Lark SDK logs a reconnect at info and its success only at debug; a failed one says so
    notes = ["2026-03-11T13:21:45.156+08:00 [info]: [ '[ws]', 'reconnect' ]",
             "2026-03-11T13:22:30.968+08:00 [info]: [ '[ws]', 'reconnect' ]"]
    assert primary(*notes) is None
    failed = "2026-03-11T13:22:31.100+08:00 [error]: [ '[ws]', 'connect failed' ]"
    assert primary(*notes, failed) == "RC18"


def test_surfacing_a_provider_refusal_is_no_stuck_session() -> None:
    # f4557: a 413 rate limit surfaced after its same-model retries ended the turn with the provider's answer
    failover = ("2026-06-21T06:17:17.893Z [agent/embedded] embedded run failover decision: "
                "runId=8c63e1bc-99ed-43c3-b83c-2bf06f7022db stage=assistant decision=surface_error reason=rate_limit "
                "from=groq/llama-3.3-70b-versatile profile=- rawError=413 Request too large")
    assert not analyze_text(failover).incidents
    assert analyze_text(failover.replace("reason=rate_limit", "reason=none")).incidents


def test_one_requests_candidates_failing_on_one_pid_are_contention_not_a_dead_holder() -> None:
    # f2613: each candidate of one request is a lane task of its own; the pid repeats for every candidate
    lock = ('[diagnostic] lane task error: lane={lane} durationMs=10980 error="Error: session file locked '
            '(timeout 10000ms): pid=3952 /Users/user1/.openclaw/agents/main/sessions/a-097114fe-e84e465c.jsonl.lock"')
    decision = ("[model-fallback/decision] model fallback decision: decision=candidate_failed "
                "requested=minimax-portal/MiniMax-M2.5 candidate={candidate} reason=timeout next={next}")
    lines = []
    for candidate, following in (("minimax-portal/MiniMax-M2.5", "iflow/glm-4.7"), ("iflow/glm-4.7", "none")):
        lines += [lock.format(lane="main"), lock.format(lane="session:a-097114fe-e84e465c"),
                  decision.format(candidate=candidate, next=following)]
    (incident,) = analyze_text(*lines).incidents
    assert incident.primary.rule.id == "RC10"
    assert "RC01" not in {c.rule.id for c in incident.contributing}  # each 'timeout' was the lock wait
    assert "RC09" not in {c.rule.id for c in incident.contributing}


def test_a_sessions_channel_turns_ending_at_the_run_budget_again_and_again_are_runs_that_ran_out_their_time() -> None:
    # f2631: Feishu's dispatch of each DM turn lasts the default 600 s run budget, turn after turn
    def turn(start: str, end: str) -> list[str]:
        return [f"2026-03-17T{start}.427+08:00 [feishu] feishu[default]: dispatching to agent "
                "(session=agent:main:feishu:direct:ou_00000000000000000000000000000001)",
                f"2026-03-17T{end}.332+08:00 [feishu] feishu[default]: dispatch complete (queuedFinal=true, replies=1)"]
    first, second = turn("14:53:15", "15:03:17"), turn("15:03:18", "15:13:20")
    assert primary(*first) is None  # once is a long turn that may have been working
    assert primary(*first, *second) == "RC01"
    assert primary(*first, *turn("15:03:18", "15:05:20")) is None  # a two-minute turn after it: not the budget again
    # a gateway whose agents.defaults.timeoutSeconds is 1200: ten-minute turns are within the budget
    from stuckscan.analysis import Setup
    from stuckscan.thresholds import Thresholds
    longer = Setup(thresholds=Thresholds(run_budget_seconds=1200))
    assert not analyze_events(parse_text_lines([*first, *second]), ParseStats(), setup=longer).incidents


_TYPING_FAILED = "telegram sendChatAction failed: Network request for 'sendChatAction' failed!"


def _typing_jsonl(moment: str, message: str = _TYPING_FAILED, subsystem: str = "telegram/api",
                  level: str = "ERROR") -> str:
    import json

    return json.dumps({"0": json.dumps({"subsystem": subsystem}), "1": message,
                       "_meta": {"name": json.dumps({"subsystem": subsystem}), "parentNames": ["openclaw"],
                                 "date": moment, "logLevelName": level}, "time": moment})


def _typing_summary(analysis) -> str:
    (episode,) = analysis.episodes
    assert episode.primary.rule.id == "RC18" and episode.primary.confidence.value == "low"
    return episode.primary.summary


def test_typing_indicators_failing_again_and_again_with_nothing_going_on_are_the_channels_requests_failing() -> None:
    # f6019 (Control UI view): the same account's typing indicator fails at the network level every 3 s, and no line
    # shows a run, a reply or a poll of the channel going on: its requests failing repeatedly (policy "one channel
    # request failure"), RC18 at low confidence, said to rest on the typing indicators alone
    ui = [line for second in (43, 46, 49, 52) for line in (f"11:23:{second} AM", "error", "telegram/api", _TYPING_FAILED)]
    ui += ["11:23:55 AM", "info", "agents/auth-profiles", "synced openai-codex credentials from external cli"]
    from datetime import date

    analysis = analyze_events(parse_text_lines(ui, options=ParseOptions(date=date(2026, 4, 10))), ParseStats())
    summary = _typing_summary(analysis)
    assert "Telegram API were failing" in summary and "only the typing indicators show it" in summary
    assert "replies and polling likely failed too" in summary
    # the console form and the JSONL record say the same
    console = [f"2026-04-10T11:23:{second}.000Z [telegram/api] {_TYPING_FAILED}" for second in (43, 46, 49, 52)]
    assert "only the typing indicators" in _typing_summary(analyze_text(*console))
    jsonl = [_typing_jsonl(f"2026-04-10T11:23:{second}.000Z") for second in (43, 46, 49, 52)]
    assert "only the typing indicators" in _typing_summary(analyze_text(*jsonl))
    # one failure alone is one request failing: null
    assert primary(console[0]) is None
    # a chat's own refusal of the indicator is no network failure of the channel's requests
    refused = [f"2026-04-10T11:23:{second}.000Z [telegram/api] telegram sendChatAction failed: Call to "
               "'sendChatAction' failed! (400: Bad Request: chat not found)" for second in (43, 46, 49, 52)]
    assert primary(*refused) is None


def test_typing_indicators_failing_while_the_turn_goes_on_are_no_channel_stall() -> None:
    # f4918: the typing indicator's sends fail while run 3c6de29f keeps calling tools and ends well: a cosmetic loss
    run = "runId=3c6de29f-8063-44b1-8f55-490c353bbda3"
    typing = [_typing_jsonl(f"2026-02-08T20:5{minute}:{second}.089Z") for minute, second in
              ((8, 43), (8, 53), (9, "00"), (9, 11), (9, 21))]
    tool = [_typing_jsonl("2026-02-08T20:59:32.969Z", f"embedded run tool start: {run} tool=process "
                          "toolCallId=process:106", "agent/embedded", "DEBUG"),
            _typing_jsonl("2026-02-08T20:59:32.974Z", f"embedded run tool end: {run} tool=process "
                          "toolCallId=process:106", "agent/embedded", "DEBUG")]
    done = [_typing_jsonl("2026-02-08T20:59:48.991Z", f"embedded run done: {run} "
                          "sessionId=6e9adaf0-6d3f-4c0e-9187-17bfa3d7dfa9 durationMs=124159 aborted=false",
                          "agent/embedded", "DEBUG"),
            _typing_jsonl("2026-02-08T20:59:48.995Z", "lane task done: lane=main durationMs=124163 active=0 queued=0",
                          "diagnostic", "DEBUG")]
    assert primary(*typing) == "RC18"  # (nothing going on: the test above)
    assert primary(*typing, *tool, *done) is None  # the run progressing and ending well
    assert primary(*typing, *tool) is None  # the run's tool calls after them alone
    assert primary(*typing, *done) is None  # the run ending well alone
    # f069: the reply's own send fails too: the channel's requests failing, whatever the run does
    reply = "2026-02-08T20:59:30.000Z [telegram] sendMessage failed: Network request for 'sendMessage' failed!"
    assert primary(*typing[:1], reply, reply.replace(":30.", ":40.")) == "RC18"


_SENT_OLD = "telegram sendMessage ok chat=7201110294 message=1387"
_SENT_NEW = ("outbound send ok accountId=default chatId=7201110294 messageId=1389 operation=sendMessage "
             "deliveryKind=text chunkCount=1")


def test_a_telegram_send_that_went_through_is_read_as_a_reply_delivered() -> None:
    # extensions/telegram/src: the older text send helper's "telegram sendMessage ok chat= message=" (runtime.log) and
    # the newer send path's "outbound send ok ... operation= deliveryKind=" (telegram/send, info), console and JSONL
    lines = [f"2026-04-10T11:24:00.000Z [telegram] {_SENT_OLD}", f"2026-04-10T11:24:01.000Z [telegram] {_SENT_OLD} (plain)",
             f"2026-04-10T11:24:02.000Z [telegram/send] {_SENT_NEW}",
             _typing_jsonl("2026-04-10T11:24:03.000Z", _SENT_NEW, "telegram/send", "INFO"),
             _typing_jsonl("2026-04-10T11:24:04.000Z", _SENT_OLD, "telegram", "INFO")]
    events = parse_text_lines(lines)
    assert [e.kind for e in events] == ["channel.reply_sent"] * 5
    assert events[0].fields["channel"] == "telegram" and events[1].fields["mode"] == "plain"
    assert events[2].fields["operation"] == "sendMessage" and events[2].fields["deliveryKind"] == "text"
    # another program's "outbound send ok" naming no Bot API operation stays an untyped line
    (other,) = parse_text_lines(["2026-04-10T11:24:00.000Z outbound send ok message_id=7 channel=whatsapp"])
    assert other.kind == "generic"


def test_typing_indicators_failing_then_a_reply_delivered_are_no_channel_stall() -> None:
    # the typing indicator failing again and again, then the reply's send going through: the channel worked
    console = [f"2026-04-10T11:23:{second}.000Z [telegram/api] {_TYPING_FAILED}" for second in (43, 46, 49, 52)]
    jsonl = [_typing_jsonl(f"2026-04-10T11:23:{second}.000Z") for second in (43, 46, 49, 52)]
    for typing in (console, jsonl):
        assert primary(*typing) == "RC18"
        assert primary(*typing, f"2026-04-10T11:23:58.000Z [telegram] {_SENT_OLD}") is None
        assert primary(*typing, f"2026-04-10T11:23:58.000Z [telegram/send] {_SENT_NEW}") is None
        assert primary(*typing, _typing_jsonl("2026-04-10T11:23:58.000Z", _SENT_NEW, "telegram/send", "INFO")) is None
        assert primary(*typing, _typing_jsonl("2026-04-10T11:23:58.000Z", _SENT_OLD, "telegram", "INFO")) is None
        # replies sent before the failures, and nothing after them: as before
        assert primary(f"2026-04-10T11:23:30.000Z [telegram] {_SENT_OLD}", *typing) == "RC18"
        assert primary(_typing_jsonl("2026-04-10T11:23:30.000Z", _SENT_NEW, "telegram/send", "INFO"), *typing) == "RC18"


def test_a_channel_failure_then_replies_delivered_heals_as_after_a_message_served() -> None:
    # one failure of Telegram's polling, then the channel's replies going through: healed, as a message queued after
    # it heals it; sent before it with nothing after, the failure stands as before
    failed = "telegram getUpdates failed: Network request for 'getUpdates' failed!"
    console = f"2026-04-10T11:20:00.000Z [telegram] {failed}"
    jsonl = _typing_jsonl("2026-04-10T11:20:00.000Z", failed, "telegram")
    queued = "2026-04-10T11:25:00.000Z [diagnostic] message queued: sessionId=abc sessionKey=agent:main:telegram:direct:1"
    for failure in (console, jsonl):
        assert primary(failure) == "RC18" and primary(failure, queued) is None
        assert primary(failure, f"2026-04-10T11:25:00.000Z [telegram] {_SENT_OLD}") is None
        assert primary(failure, f"2026-04-10T11:25:00.000Z [telegram/send] {_SENT_NEW}",
                       f"2026-04-10T11:25:05.000Z [telegram/send] {_SENT_NEW}") is None
        assert primary(failure, _typing_jsonl("2026-04-10T11:25:00.000Z", _SENT_NEW, "telegram/send", "INFO")) is None
        assert primary(f"2026-04-10T11:15:00.000Z [telegram] {_SENT_OLD}", failure) == "RC18"
        assert primary(_typing_jsonl("2026-04-10T11:15:00.000Z", _SENT_NEW, "telegram/send", "INFO"), failure) == "RC18"


def test_a_model_call_timed_out_on_its_profile_is_a_finding_even_when_the_failover_got_the_work_through() -> None:
    # f5017: the profile's call ran out the run's 600 s; the next profile answered and the run completed
    lines = ["2026-03-04T02:49:19.160Z [agent/embedded] Profile anthropic:cc-max timed out. Trying next account...",
             "2026-03-04T02:50:15.110Z [diagnostic] run cleared: sessionId=19151312-eda4-47d5-8521-1ca59f2e7623 "
             "totalActive=0"]
    (incident,) = analyze_text(*lines).incidents
    assert incident.primary.rule.id == "RC01"
    assert incident.status.value != "still_stuck"  # (the run completed after the failover)


def test_a_markdown_table_row_with_a_time_cell_is_a_dated_line() -> None:
    from stuckscan.parser import LineParser, ParseOptions, ParseStats

    parser = LineParser("openclaw-2026-04-14.log", ParseOptions(), ParseStats())
    lines = ["| Time (local) | Event |", "|---|---|", "| 11:08:35 | `[gateway] signal SIGTERM received` |",
             "| — | undated note in the reporter's words |"]
    events = [e for n, line in enumerate(lines, 1) for e in parser.feed_line(n, line.encode())]
    events += parser.flush()
    dated = [e for e in events if e.time is not None]
    assert [e.kind for e in dated] == ["gateway.signal"]
    assert dated[0].shape.startswith("table+")
    assert events[-1].time is None and events[-1].kind == "generic"


def _table_events(*lines: str) -> list:
    from stuckscan.parser import LineParser, ParseOptions, ParseStats

    parser = LineParser("openclaw-2026-09-09.log", ParseOptions(), ParseStats())
    events = [e for n, line in enumerate(lines, 1) for e in parser.feed_line(n, line.encode())]
    return [*events, *parser.flush()]


def test_a_table_rows_time_cells_under_event_headers_are_dated_events_of_their_own() -> None:
    events = _table_events("| # | first `stalled session` warning | abort | frozen marker |", "|---|---|---|---|",
                           "| 1 | 05:30:19 (`lastProgressAge=127s`) | 05:58:19 | `activeToolAge=127s` |")
    dated = [(e.line, e.kind, e.time.strftime("%H:%M:%S"), e.message) for e in events if e.time is not None]
    assert dated == [(3, "session.stalled", "05:30:19", "stalled session: lastProgressAge=127s activeToolAge=127s"),
                     (3, "generic", "05:58:19", "abort")]
    assert all(e.shape.startswith("table+") for e in events if e.time is not None)


def test_a_table_cell_that_only_looks_like_a_time_stays_in_its_row() -> None:
    # A span column ("run age", "duration") holds a length, and a cell with words after its time is a remark.
    events = _table_events("| Time | Event | run age | next |", "|---|---|---|---|",
                           "| 05:30:19 | signal SIGTERM received | 00:55:28 | 05:31 then restarted |")
    dated = [e for e in events if e.time is not None]
    assert len(dated) == 1 and "00:55:28" in dated[0].message and "05:31 then restarted" in dated[0].message


@pytest.mark.parametrize("quote", ["", "> "])  # (also quoted from an earlier comment)
def test_table_cells_pasted_one_a_line_date_the_line_below_the_time(quote: str) -> None:
    from stuckscan.parser import LineParser, ParseOptions, ParseStats

    parser = LineParser("openclaw-2026-04-24.log", ParseOptions(), ParseStats())
    lines = [quote + line for line in ("| Time (EDT) |", "Event |", "| 09:20:25 |", "signal SIGTERM received |")]
    events = [e for n, line in enumerate(lines, 1) for e in parser.feed_line(n, line.encode())]
    events += parser.flush()
    assert [e.kind for e in events if e.time is not None] == ["gateway.signal"]


def test_an_inbound_accepted_then_a_dated_silence_is_the_channels_ingress() -> None:
    """Labelling policy "inbound accepted, then a dated silence": an inbound message the channel accepted, then a
    later dated line of the same gateway 30 s or more after it with no dispatch, session, run or lane line in
    between, is RC18; the accepting line as the last line, or followed only by a note, is null."""
    accepted = ("2026-07-28T09:10:01.100Z [telegram] [diag] isolated polling worker update received updateId=77 queued=1",
                "2026-07-28T09:10:01.110Z [telegram] [diag] isolated polling update spooled updateId=77",
                "2026-07-28T09:10:01.120Z [telegram] [diag] isolated polling offset persisted updateId=77")
    later = "2026-07-28T09:{}.000Z [gateway] received SIGTERM; shutting down"
    assert primary(*accepted, later.format("10:45")) == "RC18"
    # boundaries: the accepting lines last, or followed only by a note, or the next line under 30 s later
    assert primary(*accepted) is None
    assert primary(*accepted, "# nothing happens after this, no agent run") is None
    assert primary(*accepted, later.format("10:20")) is None
    # a dispatch in between: the message reached a session
    dispatched = "2026-07-28T09:10:01.300Z [agent/embedded] embedded run start: runId=r77 sessionId=s77 provider=openai"
    assert primary(*accepted, dispatched, later.format("10:45")) != "RC18"


def test_a_table_quoted_from_an_earlier_comment_is_read_as_the_table_itself() -> None:
    rows = ("| # | first `stalled session` warning | abort | frozen marker |", "|---|---|---|---|",
            "| 1 | 05:30:19 (`lastProgressAge=127s`) | 05:58:19 | `activeToolAge=127s` |")
    plain = [(e.kind, e.time.strftime("%H:%M:%S"), e.message) for e in _table_events(*rows) if e.time is not None]
    quoted = [(e.kind, e.time.strftime("%H:%M:%S"), e.message)
              for e in _table_events(*(f"> {row}" for row in rows)) if e.time is not None]
    assert quoted == plain and plain


def test_refusals_after_the_admission_closed_read_as_the_drain_until_it_reopens() -> None:
    # Correlator._refused_after_a_restart: `admission closed: ...` is a marker that closed the gateway's admission, so
    # refusals for minutes after it are a gateway stuck in its drain; `admission reopened: ...` ends that drain.
    closed = "2026-04-02T09:00:00.000Z [gateway/admission] admission closed: restart drain"
    reopened = "2026-04-02T09:00:05.000Z [gateway/admission] admission reopened: restart drain"
    refused = "2026-04-02T09:{}:00.000Z [agent/embedded] GatewayDrainingError: Gateway is draining for restart; new " \
              "tasks are not accepted"
    assert primary(closed, refused.format("03"), refused.format("21")) == "RC17"
    # Boundary: admission reopened before the refusals, or never closed
    assert primary(closed, reopened, refused.format("03"), refused.format("21")) is None
    assert primary(refused.format("03"), refused.format("21")) is None
