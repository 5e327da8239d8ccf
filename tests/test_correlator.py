"""The correlator on hand-written event sequences: identity, folding, verdicts, order."""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial

from stuckscan.analysis import analyze_events
from stuckscan.correlator import Correlator, CorrelatorLimits, RecordStatus, correlate
from stuckscan.model import IncidentStatus, RecoveryVerdict
from stuckscan.parser import ParseOptions, ParseStats, parse_text_lines
from tests.conftest import tslog_line

KEY = "agent:main:telegram:direct:7012345678"
SID = "0829a221-a12c-49cb-9a64-42c2fc1a89ea"
RUN = "8e8e44d6-3f1b-4c2e-9a57-d1c06b4e2f83"


def line(clock: str, message: str, subsystem: str = "diagnostic", level: str = "WARN") -> str:
    return tslog_line(f"2026-05-21T{clock}.000+08:00", subsystem, message, level=level)


def stalled(clock: str, age: int, key: str | None = KEY, sid: str = SID, progress_age: int | None = None) -> str:
    key_part = f" sessionKey={key}" if key else ""
    return line(clock, f"stalled session: sessionId={sid}{key_part} state=processing age={age}s queueDepth=1 "
                       "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=embedded_run "
                       f"lastProgress=model_call:ended lastProgressAge={progress_age or age - 90}s recovery=checking")


def events(*lines: str):
    return parse_text_lines(list(lines), "openclaw-2026-05-21.log", ParseOptions())


def analyze(*lines: str):
    return analyze_events(events(*lines), ParseStats())


def test_warnings_fold_into_one_incident_with_back_computed_start() -> None:
    analysis = analyze(*(stalled(f"18:4{m}:{s}", 443 + 30 * i) for i, (m, s) in
                         enumerate([(1, "29"), (1, "59"), (2, "29"), (2, "59")])))
    assert len(analysis.incidents) == 1
    incident = analysis.incidents[0]
    assert incident.measures.warnings == 4
    assert incident.start is not None and incident.start.strftime("%H:%M:%S") == "10:34:06"
    assert incident.measures.max_age_seconds == 533
    assert incident.status is IncidentStatus.STILL_STUCK


def test_run_id_links_abort_settle_to_the_session() -> None:
    analysis = analyze(
        line("18:30:00", f"embedded run start: runId={RUN} sessionId={SID} provider=aliyun model=qwen thinking=off "
                         "messageChannel=telegram", "agent/embedded", "DEBUG"),
        stalled("18:41:29", 443),
        line("18:41:40", f"embedded abort settle timed out: runId={RUN} timeoutMs=2000", "agent/embedded"),
    )
    incident = analysis.incidents[0]
    assert any(e.kind == "abort.settle_timeout" for e in incident.timeline)
    assert RUN in incident.run_ids
    assert incident.measures.models == ["aliyun/qwen"]


def test_session_id_only_warning_joins_the_key_incident_once_linked() -> None:
    analysis = analyze(
        line("18:30:00", f"session state: sessionId={SID} sessionKey={KEY} prev=idle new=processing "
                         'reason="message_start" queueDepth=0', level="DEBUG"),
        stalled("18:41:29", 443, key=None),
        stalled("18:41:59", 473),
    )
    assert len(analysis.incidents) == 1
    assert analysis.incidents[0].session_key == KEY


def test_weak_session_ids_do_not_merge_different_sessions() -> None:
    analysis = analyze(
        stalled("18:41:29", 443, key="agent:main:main", sid="main"),
        stalled("18:41:30", 300, key="agent:main:discord:channel:1508423882292461630", sid="main"),
        stalled("18:41:31", 200, key=None, sid="unknown"),
    )
    names = sorted(i.name for i in analysis.incidents)
    assert names == ["INC-003", "agent:main:discord:channel:1508423882292461630", "agent:main:main"]


def test_recovery_that_does_not_free_the_session_is_not_freed() -> None:
    analysis = analyze(
        stalled("18:41:29", 443), stalled("18:41:59", 473),
        line("18:42:00", f"stuck session recovery: sessionId={SID} sessionKey={KEY} age=474s action=abort_embedded_run "
                         "aborted=true drained=false released=0"),
        stalled("18:42:29", 503), stalled("18:42:59", 533), stalled("18:43:29", 563),
    )
    incident = analysis.incidents[0]
    assert incident.recoveries[0].verdict is RecoveryVerdict.NOT_FREED
    assert "continued" in incident.recoveries[0].verdict_reason
    assert "RC06" in {f.rule.id for f in incident.contributing}
    assert incident.status is IncidentStatus.STILL_STUCK


def test_recovery_followed_by_idle_state_frees_the_session() -> None:
    analysis = analyze(
        stalled("18:41:29", 443),
        line("18:42:00", f"stuck session recovery: sessionId={SID} sessionKey={KEY} age=474s action=abort_embedded_run "
                         "aborted=true drained=true released=1"),
        line("18:42:01", f'session state: sessionId={SID} sessionKey={KEY} prev=processing new=idle reason="run_completed" '
                         "queueDepth=0", level="DEBUG"),
        stalled("18:50:00", 150, key="agent:main:main", sid="other-session-1"),
    )
    incident = analysis.incidents[0]
    assert incident.status is IncidentStatus.RECOVERED
    assert incident.recoveries[0].verdict is RecoveryVerdict.FREED
    assert incident.end is not None


def test_stall_that_stops_by_itself_is_resolved_without_recovery_rules() -> None:
    analysis = analyze(
        stalled("18:41:29", 150, progress_age=150), stalled("18:41:59", 180, progress_age=180),
        line("18:45:00", "heartbeat: webhooks=3/3/0 active=0 waiting=0 queued=0", level="DEBUG"),
    )
    incident = analysis.incidents[0]
    assert incident.status is IncidentStatus.RESOLVED_BY_ITSELF
    assert not {"RC06", "RC07"} & {f.rule.id for f in (incident.primary, *incident.contributing) if f}


def test_slightly_out_of_order_lines_do_not_split_an_incident() -> None:
    ordered = [stalled(f"18:4{1 + i // 2}:{'29' if i % 2 == 0 else '59'}", 443 + 30 * i) for i in range(8)]
    healthy = line("18:45:10", f'session state: sessionId={SID} sessionKey={KEY} prev=processing new=idle '
                               'reason="run_completed" queueDepth=0', level="DEBUG")
    shuffled = ordered[:3] + [ordered[4], ordered[3]] + ordered[5:] + [healthy]
    stale_healthy = line("18:41:00", f'session state: sessionId={SID} sessionKey={KEY} prev=processing new=idle '
                                     'reason="run_completed" queueDepth=0', level="DEBUG")
    analysis = analyze(*shuffled[:2], stale_healthy, *shuffled[2:])
    assert len(analysis.incidents) == 1
    assert analysis.incidents[0].measures.warnings == 8


def test_interleaved_sessions_keep_separate_incidents() -> None:
    keys = [f"agent:main:telegram:direct:70123456{n:02d}" for n in range(6)]
    per_session = {key: [stalled(f"18:4{1 + i // 2}:{'29' if i % 2 == 0 else '59'}", 300 + 30 * i, key=key,
                                 sid=f"{n:08d}-a12c-49cb-9a64-42c2fc1a89ea")
                         for i in range(5)] for n, key in enumerate(keys)}
    rng = random.Random(7)
    merged: list[str] = []
    queues = {key: list(lines) for key, lines in per_session.items()}
    while any(queues.values()):
        key = rng.choice([k for k, q in queues.items() if q])
        merged.append(queues[key].pop(0))
    analysis = analyze(*merged)
    assert sorted(i.session_key for i in analysis.incidents) == sorted(keys)


def test_open_incidents_are_capped_and_evictions_counted() -> None:
    lines = [stalled("18:41:29", 443, key=f"agent:main:telegram:direct:{7000000000 + n}", sid=f"{n:08d}-sess")
             for n in range(30)]
    result = Correlator(CorrelatorLimits(max_open_incidents=10)).feed_all(events(*lines))
    assert result.evicted == 20
    assert sum(1 for r in result.incidents if r.status is RecordStatus.EVICTED) == 20


def test_run_timeout_without_cleanup_opens_an_incident() -> None:
    result = correlate(events(
        line("18:30:00", f"embedded run start: runId={RUN} sessionId={SID} provider=p model=m thinking=off "
                         "messageChannel=telegram", "agent/embedded", "DEBUG"),
        line("18:40:00", f"embedded run timeout: runId={RUN} sessionId={SID} timeoutMs=600000", "agent/embedded"),
        line("18:42:00", "heartbeat: webhooks=1/1/0 active=1 waiting=0 queued=0", level="DEBUG"),
    ))
    assert [r.opened_by for r in result.incidents] == ["run_timeout"]


def test_every_kind_note_build_inspects_is_a_build_hint_kind() -> None:
    """feed() calls _note_build only for BUILD_HINT_KINDS; a kind added there must be listed."""
    import inspect
    import re

    from stuckscan import correlator

    source = inspect.getsource(correlator.Correlator._note_build)
    inspected = set(re.findall(r'kind == "([\w.]+)"', source))
    assert inspected and "ATTENTION_LABELS" in source
    assert inspected | set(correlator.ATTENTION_LABELS) <= correlator.BUILD_HINT_KINDS


def old_stuck(clock: str, age: int) -> str:
    return line(clock, f"stuck session: sessionId=main sessionKey={KEY} state=processing age={age}s queueDepth=1")


def test_a_warning_whose_age_dates_a_new_stall_after_the_last_one_starts_a_new_incident() -> None:
    # 18:41:29-18:41:59 a stall from 18:38:59; then one from 18:46:00 (age 120 s at 18:48:00): the session moved on
    analysis = analyze(stalled("18:41:29", 150, progress_age=150), stalled("18:41:59", 180, progress_age=180),
                       stalled("18:48:00", 120, progress_age=120))
    first, second = analysis.incidents
    assert first.measures.warnings == 2 and second.measures.warnings == 1
    assert first.end is not None and first.end.strftime("%H:%M:%S") == "10:41:59"  # its last warning (UTC)
    assert first.status is IncidentStatus.RESOLVED_BY_ITSELF and second.status is IncidentStatus.STILL_STUCK
    # A warning whose age keeps growing (late, or a tick missed) is the same stall
    (only,) = analyze(stalled("18:41:29", 150), stalled("18:43:29", 270)).incidents
    assert only.measures.warnings == 2


def test_an_old_builds_stall_that_moved_on_before_the_abort_threshold_is_a_false_positive() -> None:
    # stall from 18:39:00 flagged at 150 and 180 s; the next stall began 18:44:00, 300 s after the first began
    analysis = analyze(old_stuck("18:41:30", 150), old_stuck("18:42:00", 180), old_stuck("18:46:00", 120))
    first = analysis.incidents[0]
    assert first.primary is not None and first.primary.rule.id == "RC04" and first.primary.severity.value == "info"
    assert "moved on by itself" in first.primary.summary
    # began 18:54:00, 900 s after the first: but an old build warns at every 30 s heartbeat while the session stays
    # in processing, and this series shows that cadence, so the stall ended before the tick after 180 s, below the
    # 360 s abort point (policy "old-build stuck warnings below the abort point", sub-shape a)
    analysis = analyze(old_stuck("18:41:30", 150), old_stuck("18:42:00", 180), old_stuck("18:56:00", 120))
    first = analysis.incidents[0]
    assert first.primary is not None and first.primary.rule.id == "RC04"


def test_an_old_builds_stall_that_may_have_reached_the_abort_threshold_is_not_read_as_moved_on() -> None:
    # the tick after 340 s would be at 370 s, past the 360 s abort point: the stall may have reached it unseen
    analysis = analyze(old_stuck("18:44:40", 310), old_stuck("18:45:10", 340), old_stuck("19:06:00", 120))
    assert analysis.incidents[0].primary is None
    # lone warnings far apart do not show the heartbeat cadence (a paste of a few records), so their gap dates nothing
    analysis = analyze(old_stuck("18:41:30", 150), old_stuck("18:56:00", 120))
    assert analysis.incidents[0].primary is None


def _turn(clock: str, message: str) -> str:
    return line(clock, message, subsystem="agent/embedded", level="DEBUG")


def test_a_process_stop_while_a_run_is_in_flight_cuts_that_run() -> None:
    start = _turn("18:40:00", f"embedded run start: runId={RUN} sessionId={SID} provider=openai model=gpt-5")
    tool = _turn("18:40:30", f"embedded run tool start: runId={RUN} tool=exec toolCallId=call_1")
    stop = line("18:41:00", "signal SIGTERM received", subsystem="gateway", level="INFO")
    shutting = line("18:41:00", "received SIGTERM; shutting down", subsystem="gateway", level="INFO")
    gone = line("18:41:05", "shutdown timed out; exiting without full cleanup", subsystem="gateway", level="ERROR")
    (incident,) = analyze(start, tool, stop, shutting, gone).incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC17"
    assert incident.primary.confidence.value == "medium" and "in flight" in incident.primary.summary
    # (the log ending before the process went: only the end of input decided, low; q57)
    (incident,) = analyze(start, tool, stop, shutting).incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC17"
    assert incident.primary.confidence.value == "low" and "in flight" in incident.primary.summary
    assert {e.line for e in incident.primary.evidence} >= {1, 3}
    # Near misses: the run ended before the stop; the run began long before it (a run that long has its own
    # warnings); an in-process restart (SIGUSR1 waits for active runs) is no stop
    done = _turn("18:40:50", f"embedded run done: runId={RUN} sessionId={SID} durationMs=50000 aborted=false")
    assert not analyze(start, tool, done, stop, shutting).incidents
    late = line("18:58:00", "signal SIGTERM received", subsystem="gateway", level="INFO")
    assert not analyze(start, tool, late).incidents
    assert not analyze(start, tool, line("18:41:00", "signal SIGUSR1 received", subsystem="gateway", level="INFO")).incidents


def rule_ids(analysis) -> set[str]:
    return {finding.rule.id for finding in analysis.findings()}


def _at(console: bool, clock: str, message: str, subsystem: str, level: str) -> str:
    """One gateway line at ``clock`` (2026-05-21, +08:00), as the console (``[<subsystem>] <message>``, a ``gateway/``
    prefix dropped) or the file log (JSONL) writes it."""
    if console:
        return f"2026-05-21T{clock}.000+08:00 [{subsystem.removeprefix('gateway/')}] {message}"
    return line(clock, message, subsystem=subsystem, level=level)


def _exec_in_flight(at: Callable[..., str]) -> dict[str, str]:
    """A run started at 18:40:00 whose exec tool call began at 18:40:30 (the lines keyed "start" and "tool")."""
    return {"start": at("18:40:00", f"embedded run start: runId={RUN} sessionId={SID} provider=openai model=gpt-5",
                        "agent/embedded", "DEBUG"),
            "tool": at("18:40:30", f"embedded run tool start: runId={RUN} tool=exec toolCallId=call_1", "agent/embedded",
                       "DEBUG")}


def _planned_restart(signal: str, console: bool) -> dict[str, str]:
    """The lines of a planned restart with a run in flight, as the file log (JSONL) or the console writes them."""
    at = partial(_at, console)

    return {
        **_exec_in_flight(at),
        "signal": at("18:41:00", f"signal {signal} received", "gateway", "DEBUG"),
        "restarting": at("18:41:00", f"received {signal}; restarting", "gateway", "INFO"),
        "drain": at("18:41:00", "draining 1 active task(s) and 1 active embedded run(s) before restart with timeout "
                                "300000ms", "gateway", "INFO"),
        "tool_end": at("18:41:10", f"embedded run tool end: runId={RUN} tool=exec toolCallId=call_1", "agent/embedded",
                       "DEBUG"),
        "done": at("18:41:20", f"embedded run done: runId={RUN} sessionId={SID} durationMs=80000 aborted=false",
                   "agent/embedded", "DEBUG"),
        "drained": at("18:41:21", "all active work drained", "gateway", "INFO"),
        "mode": at("18:41:22", "restart mode: full process restart (supervisor restart)", "gateway", "INFO"),
        "listening": at("18:41:30", "listening on ws://127.0.0.1:18789 (PID 4242)", "gateway", "INFO"),
        "timed_out": at("18:46:00", "drain timeout reached; proceeding with restart", "gateway", "WARN"),
        "shutdown_timed_out": at("18:46:05", "shutdown timed out; exiting without full cleanup", "gateway", "ERROR"),
    }


def test_a_run_the_restart_drain_waited_for_and_that_finished_is_not_cut() -> None:
    # q53: OpenClaw's planned restart logs the signal, then waits for the runs in flight before it exits; a run whose
    # normal end comes after the signal, before the process is gone, finished (console and file log, SIGTERM and SIGUSR1)
    for signal in ("SIGTERM", "SIGUSR1"):
        for console in (False, True):
            lines = _planned_restart(signal, console)
            healthy = [lines[name] for name in ("start", "tool", "signal", "restarting", "drain", "tool_end", "done",
                                                "drained", "mode", "listening")]
            assert not analyze(*healthy).incidents, (signal, console)
            # (no drain line, or only the signal line before the end: the run's end still says it finished)
            bare = [lines[name] for name in ("start", "tool", "signal", "restarting", "tool_end", "done", "listening")]
            assert not analyze(*bare).incidents, (signal, console)
            assert not analyze(*(lines[name] for name in ("start", "tool", "signal", "done"))).incidents
            # the drain that timed out with the run still open, then the restart: the restart cut it (RC17)
            cut = [lines[name] for name in ("start", "tool", "signal", "restarting", "drain", "tool_end", "timed_out",
                                            "mode", "listening")]
            assert rule_ids(analyze(*cut)) == {"RC17"}, (signal, console)
            # a restart with no run in flight: nothing
            idle = [lines[name] for name in ("signal", "restarting", "drained", "mode", "listening")]
            assert not analyze(*idle).incidents, (signal, console)


def test_a_run_still_open_when_the_stopped_process_is_gone_was_cut() -> None:
    lines = _planned_restart("SIGTERM", False)
    shutting = line("18:41:00", "received SIGTERM; shutting down", subsystem="gateway", level="INFO")
    # the process's shutdown timed out, the new process started, or the log ends, with the run's end never shown
    for after in ([lines["shutdown_timed_out"]], [lines["listening"]], []):
        (incident,) = analyze(lines["start"], lines["tool"], lines["signal"], shutting, lines["tool_end"], *after).incidents
        assert incident.primary is not None and incident.primary.rule.id == "RC17", after
        assert "in flight" in incident.primary.summary
        assert {e.line for e in incident.primary.evidence} >= {1, 3}
    # the run's end comes only after the new process started: the old process was gone with the run open
    late_done = line("18:41:40", f"embedded run done: runId={RUN} sessionId={SID} durationMs=100000 aborted=false",
                     subsystem="agent/embedded", level="DEBUG")
    assert rule_ids(analyze(lines["start"], lines["tool"], lines["signal"], shutting, lines["listening"], late_done)) \
        == {"RC17"}
    # the run's end after the signal says it was aborted: the stop cut it
    aborted = line("18:41:10", f"embedded run done: runId={RUN} sessionId={SID} durationMs=70000 aborted=true",
                   subsystem="agent/embedded", level="DEBUG")
    assert rule_ids(analyze(lines["start"], lines["tool"], lines["signal"], shutting, aborted)) == {"RC17"}
    # an end more than the drain's default budget after the stop is not the wait's doing
    much_later = line("18:47:00", f"embedded run done: runId={RUN} sessionId={SID} durationMs=420000 aborted=false",
                      subsystem="agent/embedded", level="DEBUG")
    assert rule_ids(analyze(lines["start"], lines["tool"], lines["signal"], shutting, much_later)) == {"RC17"}
    # the service manager's kill is the process's end at once
    killed = "2026-05-21T18:41:05.000+08:00 openclaw-gateway.service: Main process exited, code=killed, status=9/KILL"
    assert rule_ids(analyze(lines["start"], lines["tool"], lines["signal"], shutting, killed, lines["done"])) == {"RC17"}


def _active_work_drain(action: str, console: bool) -> dict[str, str]:
    """The newest builds' drain (src/cli/gateway-cli/run-loop-drain.ts) around a run in flight: a stop's (SIGTERM) or a
    restart's (SIGUSR2), as the file log (JSONL) or the console writes them."""
    at = partial(_at, console)

    signal = "SIGTERM" if action == "stop" else "SIGUSR2"
    budget = "60000ms" if action == "stop" else "300000ms"
    return {
        **_exec_in_flight(at),
        "signal": at("18:41:00", f"signal {signal} received", "gateway", "DEBUG"),
        "drain": at("18:41:00", f"draining active work before {action} with timeout {budget}: embeddedRuns=1 chatRuns=1",
                    "gateway", "INFO"),
        "still": at("18:41:30", f"still draining active work before {action}: embeddedRuns=1 chatRuns=1", "gateway",
                    "WARN"),
        "done": at("18:41:40", f"embedded run done: runId={RUN} sessionId={SID} durationMs=100000 aborted=false",
                   "agent/embedded", "DEBUG"),
        "drained": at("18:41:41", "active-work drain settled; beginning server close" if action == "stop"
                      else "all active work drained", "gateway", "INFO"),
        "ran_out": at("18:42:00" if action == "stop" else "18:46:00",
                      "gateway active-work drain timeout reached; proceeding with shutdown: embeddedRuns=1 chatRuns=1"
                      if action == "stop" else
                      "restart drain budget 300000ms exhausted; cutting short embeddedRuns=1 chatRuns=1", "gateway",
                      "WARN"),
        "settled": at("18:46:01" if action != "stop" else "18:42:01",
                      "active-work drain settled; beginning server close" if action == "stop"
                      else "restart mode: full process restart (supervisor restart)", "gateway", "INFO"),
        "listening": at("18:46:10", "listening on ws://127.0.0.1:18789 (PID 4243)", "gateway", "INFO"),
    }


def test_the_newest_builds_active_work_drain_settles_a_held_stop() -> None:
    # t49h: "draining active work before <action> <budget>: <counts>", then "active-work drain settled; beginning server
    # close" (a stop) or "all active work drained" (a restart), or the drain running out ("gateway active-work drain
    # timeout reached; proceeding with shutdown: <counts>", "restart drain budget <n>ms exhausted; cutting short
    # <counts>"): console and file log
    for action in ("stop", "restart"):
        for console in (False, True):
            lines = _active_work_drain(action, console)
            healthy = [lines[name] for name in ("start", "tool", "signal", "drain", "still", "done", "drained")]
            assert not analyze(*healthy).incidents, (action, console)
            # (the drain settled: the run was waited for even when its end is not in the lines, a debug line)
            unseen_end = [lines[name] for name in ("start", "tool", "signal", "drain", "drained")]
            assert not analyze(*unseen_end).incidents, (action, console)
            cut = analyze(*(lines[name] for name in ("start", "tool", "signal", "drain", "still", "ran_out", "settled",
                                                     "listening")))
            assert rule_ids(cut) == {"RC17"}, (action, console)
            (incident,) = cut.incidents
            assert incident.primary is not None and "embeddedRuns=1 chatRuns=1" in incident.primary.summary
            assert any(e.kind == "gateway.drain_timeout" for e in incident.primary.evidence), (action, console)


def _stall_then_restart(warned: str, console: bool) -> dict[str, str]:
    """A run whose tool call is flagged stalled (``warned``: the warning's clock, before the SIGTERM or during its drain,
    its age 120 s or more since the run began) around a planned restart, as the file log (JSONL) or the console writes
    them; the warning names the session's key and id, the run lines its id alone."""
    at = partial(_at, console)

    began = "18:39:00" if warned <= "18:41:00" else "18:39:30"
    age = 120 if warned <= "18:41:00" else 125
    return {
        "start": at(began, f"embedded run start: runId={RUN} sessionId={SID} provider=openai model=gpt-5",
                    "agent/embedded", "DEBUG"),
        "tool": at(began[:-1] + "5", f"embedded run tool start: runId={RUN} tool=exec toolCallId=call_1",
                   "agent/embedded", "DEBUG"),
        "warning": at(warned, f"stalled session: sessionId={SID} sessionKey={KEY} state=processing age={age}s "
                              "queueDepth=0 reason=blocked_tool_call classification=blocked_tool_call "
                              "activeWorkKind=tool_call lastProgress=tool:exec:started lastProgressAge=120s "
                              "activeTool=exec activeToolCallId=call_1 activeToolAge=120s recovery=none",
                      "diagnostic", "WARN"),
        "signal": at("18:41:00", "signal SIGTERM received", "gateway", "DEBUG"),
        "restarting": at("18:41:00", "received SIGTERM; restarting", "gateway", "INFO"),
        "drain": at("18:41:00", "draining 1 active task(s) and 1 active embedded run(s) before restart with timeout "
                                "300000ms", "gateway", "INFO"),
        "tool_end": at("18:41:50", f"embedded run tool end: runId={RUN} tool=exec toolCallId=call_1", "agent/embedded",
                       "DEBUG"),
        "done": at("18:41:55", f"embedded run done: runId={RUN} sessionId={SID} durationMs=150000 aborted=false",
                   "agent/embedded", "DEBUG"),
        "drained": at("18:41:56", "all active work drained", "gateway", "INFO"),
        "timed_out": at("18:46:00", "drain timeout reached; proceeding with restart", "gateway", "WARN"),
        "mode": at("18:46:01", "restart mode: full process restart (supervisor restart)", "gateway", "INFO"),
        "listening": at("18:46:10", "listening on ws://127.0.0.1:18789 (PID 4242)", "gateway", "INFO"),
    }


def test_a_stall_warning_incident_whose_run_finished_in_the_restarts_wait_is_no_rc17() -> None:
    # q56: an incident the stall detector opened (not the held stop's own) around a SIGTERM restart: the run ended
    # normally while the gateway waited for it, so neither the held stop nor RC17's marker path reads it as cut
    for console in (False, True):
        # the warning before the signal (its key learned from it, the run's end kept under the key, not the run
        # lines' sessionId), no drain line: the held stop found the end under the session's other name
        lines = _stall_then_restart("18:41:00", console)
        analysis = analyze(*(lines[name] for name in ("start", "tool", "warning", "signal", "restarting", "tool_end",
                                                      "done", "mode", "listening")))
        assert "RC17" not in rule_ids(analysis), console
        assert [i.primary and i.primary.rule.id for i in analysis.incidents] == ["RC03"], console
        # the warning during the drain, the drain drained: the RC17 rule's own marker path agrees (no run cut)
        lines = _stall_then_restart("18:41:35", console)
        drained = [lines[name] for name in ("start", "tool", "signal", "restarting", "drain", "warning", "tool_end",
                                            "done", "drained", "mode", "listening")]
        assert "RC17" not in rule_ids(analyze(*drained)), console
        # (the drain said it drained, the run's end not in the lines: waited for)
        assert "RC17" not in rule_ids(analyze(*(line for line in drained if line != lines["done"]))), console
        # the run never ended, the drain ran out, the process restarted: the restart cut it
        cut = [lines[name] for name in ("start", "tool", "signal", "restarting", "drain", "warning", "timed_out",
                                        "mode", "listening")]
        assert "RC17" in rule_ids(analyze(*cut)), console
        # the run's end aborted: cut
        aborted = lines["done"].replace("aborted=false", "aborted=true")
        assert "RC17" in rule_ids(analyze(*(aborted if line == lines["done"] else line for line in drained
                                            if line != lines["drained"]))), console


def _stalled(analysis, rule: str):
    """The one incident whose cause is ``rule`` (a run the stop cut is an RC17 incident of its own beside it)."""
    (incident,) = [i for i in analysis.incidents if i.primary is not None and i.primary.rule.id == rule]
    return incident


def test_a_stall_a_stop_closed_whose_tool_returned_in_the_stops_wait_is_not_said_never_to_return(tmp_path) -> None:
    # q57: the stop's restart marker ends the stall's incident at the signal ("ended by gateway restart"); the tool
    # and its run then ended while the gateway waited for them, before the new process: the finding says so, not that
    # the call never returned. The incident's status, end and cause stay (the tool's end alone, its run never ending
    # before the process went, leaves that run cut: RC17 beside it, as before)
    from datetime import datetime, timedelta, timezone

    from stuckscan.analysis import analyze_paths
    from tests.test_fast_path import OPTIONS, fast

    for console in (False, True):
        lines = _stall_then_restart("18:41:00", console)
        shutting = lines["restarting"].replace("restarting", "shutting down")
        for marker in (lines["restarting"], shutting):
            for ends in (("tool_end", "done"), ("tool_end",)):
                analysis = analyze(lines["start"], lines["tool"], lines["warning"], lines["signal"], marker,
                                   *(lines[name] for name in ends), lines["mode"], lines["listening"])
                assert rule_ids(analysis) == ({"RC03"} if "done" in ends else {"RC03", "RC17"}), (console, marker, ends)
                incident = _stalled(analysis, "RC03")
                primary = incident.primary
                assert primary is not None, (console, marker, ends)
                assert "never returned" not in primary.summary, primary.summary
                assert "it returned 50 s later, while the gateway waited for the work in flight" in primary.summary
                assert incident.status is IncidentStatus.ENDED_BY_RESTART
                assert incident.end == datetime(2026, 5, 21, 18, 41, tzinfo=timezone(timedelta(hours=8)))
            # the run's end alone (no tool end line): its normal end says the call had returned
            (incident,) = analyze(lines["start"], lines["tool"], lines["warning"], lines["signal"], marker,
                                  lines["done"], lines["mode"], lines["listening"]).incidents
            assert incident.primary is not None and "its run ended normally 55 s later" in incident.primary.summary
        # the fast path reads it alike
        path = tmp_path / "openclaw.log"
        path.write_text("\n".join(lines[name] for name in ("start", "tool", "warning", "signal", "restarting",
                                                           "tool_end", "done", "mode", "listening")) + "\n")
        quick, slow = fast([str(path)]), analyze_paths([str(path)], OPTIONS)
        assert quick == slow and "it returned 50 s later" in slow.incidents[0].primary.summary


def test_a_stall_a_stop_closed_with_no_end_in_the_stops_wait_still_never_returned() -> None:
    # q57: nothing ended in the wait, or the end came only after the process was gone (a new process's first line,
    # or past the wait): the call never returned in that process, as before
    for console in (False, True):
        lines = _stall_then_restart("18:41:00", console)
        head = [lines[name] for name in ("start", "tool", "warning", "signal", "restarting")]
        for tail in ([lines["mode"], lines["listening"]], [lines["mode"], lines["listening"], lines["tool_end"]
                                                           .replace("18:41:50", "18:46:20")], []):
            incident = _stalled(analyze(*head, *tail), "RC03")
            assert incident.primary is not None and "never returned" in incident.primary.summary, (console, tail)


def _model_call_stalled(at: Callable[..., str]) -> list[str]:
    """A run whose model call has made no progress for 120 s: its start and the stall warning at 18:41:00."""
    return [at("18:39:00", f"embedded run start: runId={RUN} sessionId={SID} provider=openai model=gpt-5",
               "agent/embedded", "DEBUG"),
            at("18:41:00", f"stalled session: sessionId={SID} sessionKey={KEY} state=processing age=120s queueDepth=0 "
                           "reason=active_model_call_without_progress classification=stalled_agent_run "
                           "activeWorkKind=model_call lastProgress=model_call:started lastProgressAge=120s recovery=none",
               "diagnostic", "WARN")]


def test_a_model_call_stall_a_stop_closed_whose_run_ended_in_the_stops_wait_says_so() -> None:
    # q57: RC01's wording ("no first token or completion arrived") likewise reads the run's normal end in the wait
    at = partial(_at, False)

    head = [*_model_call_stalled(at),
            at("18:41:00", "signal SIGTERM received", "gateway", "DEBUG"),
            at("18:41:00", "received SIGTERM; shutting down", "gateway", "INFO")]
    done = at("18:41:20", f"embedded run done: runId={RUN} sessionId={SID} durationMs=140000 aborted=false",
              "agent/embedded", "DEBUG")
    listening = at("18:41:30", "listening on ws://127.0.0.1:18789 (PID 4242)", "gateway", "INFO")
    (incident,) = analyze(*head, done, listening).incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC01"
    assert "no first token or completion arrived" not in incident.primary.summary
    assert "the run ended normally 20 s after the gateway was stopped (SIGTERM)" in incident.primary.summary
    assert incident.status is IncidentStatus.ENDED_BY_RESTART
    incident = _stalled(analyze(*head, listening), "RC01")
    assert incident.primary is not None and "no first token or completion arrived" in incident.primary.summary
    # an aborted end is no normal end
    incident = _stalled(analyze(*head, done.replace("aborted=false", "aborted=true"), listening), "RC01")
    assert incident.primary is not None and "no first token or completion arrived" in incident.primary.summary


def _stall_then_in_place_restart(console: bool) -> dict[str, str]:
    """A stall on an exec call closed by a SIGUSR1 restart (``received SIGUSR1; restarting``: no stop is held), its drain
    waiting for the call, which ends 12 s after the marker and its run 18 s after; the drain's outcome, the mode line."""
    lines = {name: text.replace("SIGTERM", "SIGUSR1") for name, text in _stall_then_restart("18:41:00", console).items()}
    at = partial(_at, console)
    lines.update(
        tool_end=at("18:41:12", f"embedded run tool end: runId={RUN} tool=exec toolCallId=call_1", "agent/embedded",
                    "DEBUG"),
        done=at("18:41:18", f"embedded run done: runId={RUN} sessionId={SID} durationMs=138000 aborted=false",
                "agent/embedded", "DEBUG"),
        drained=at("18:41:19", "all active work drained", "gateway", "INFO"),
        mode=at("18:41:20", "restart mode: in-process restart", "gateway", "INFO"))
    return lines


def test_a_stall_an_in_place_restart_closed_whose_tool_returned_in_its_drain_is_not_said_never_to_return(
        tmp_path) -> None:
    # q60: a SIGUSR1 restart holds no stop, but its drain waits for the work in flight as a stop's does: the tool's end
    # (or its run's) before the drain's outcome line ("all active work drained") says the call returned. Status and
    # end as before (ended by the restart's marker)
    from datetime import datetime, timedelta, timezone

    from stuckscan.analysis import analyze_paths
    from tests.test_fast_path import OPTIONS, fast

    for console in (False, True):
        lines = _stall_then_in_place_restart(console)
        head = [lines[name] for name in ("start", "tool", "warning", "signal", "restarting", "drain")]
        for ends, what in ((("tool_end", "done"), "it returned 12 s later"),
                           (("tool_end",), "it returned 12 s later"),
                           (("done",), "its run ended normally 18 s later")):
            analysis = analyze(*head, *(lines[name] for name in ends), lines["drained"], lines["mode"])
            incident = _stalled(analysis, "RC03")
            assert incident.primary is not None, (console, ends)
            summary = incident.primary.summary
            assert "never returned" not in summary, summary
            assert f"when the gateway began a restart (SIGUSR1); {what}, while the gateway waited" in summary, summary
            assert incident.status is IncidentStatus.ENDED_BY_RESTART
            assert incident.end == datetime(2026, 5, 21, 18, 41, tzinfo=timezone(timedelta(hours=8)))
        # the drain's outcome closes the window: an end only after it, after the drain ran out, or after the restart's
        # mode line, and no end at all, still never returned
        late = [lines["tool_end"].replace("18:41:12", "18:41:25"), lines["done"].replace("18:41:18", "18:41:26")]
        for tail in ([lines["drained"], *late], [lines["timed_out"].replace("18:46:00", "18:41:10"), *late],
                     [lines["mode"], *late], [lines["drained"], lines["mode"]], []):
            incident = _stalled(analyze(*head, *tail), "RC03")
            assert incident.primary is not None and "never returned" in incident.primary.summary, (console, tail)
        # the fast path reads it alike
        path = tmp_path / "openclaw.log"
        path.write_text("\n".join([*head, lines["tool_end"], lines["done"], lines["drained"], lines["mode"]]) + "\n")
        quick, slow = fast([str(path)]), analyze_paths([str(path)], OPTIONS)
        assert quick == slow and "it returned 12 s later" in slow.incidents[0].primary.summary
    # RC01's outcome likewise: the run ended normally in the restart's drain
    at = partial(_at, False)
    head = [*_model_call_stalled(at),
            at("18:41:00", "received SIGUSR1; restarting", "gateway", "INFO"),
            at("18:41:00", "draining 0 active task(s) and 1 active embedded run(s) before restart with timeout 300000ms",
               "gateway", "INFO")]
    done = at("18:41:15", f"embedded run done: runId={RUN} sessionId={SID} durationMs=135000 aborted=false",
              "agent/embedded", "DEBUG")
    tail = [at("18:41:16", "all active work drained", "gateway", "INFO"),
            at("18:41:17", "restart mode: in-process restart", "gateway", "INFO")]
    incident = _stalled(analyze(*head, done, *tail), "RC01")
    assert incident.primary is not None and "no first token or completion arrived" not in incident.primary.summary
    assert "the run ended normally 15 s after the gateway began a restart (SIGUSR1)" in incident.primary.summary
    incident = _stalled(analyze(*head, *tail), "RC01")
    assert incident.primary is not None and "no first token or completion arrived" in incident.primary.summary


def test_a_held_stop_reads_the_same_on_the_fast_path(tmp_path) -> None:
    # (the lifecycle lane files a routine run end without the correlator's dispatch: the held stop reads it there)
    from stuckscan.analysis import analyze_paths
    from tests.test_fast_path import OPTIONS, fast

    lines = _planned_restart("SIGTERM", True)
    for names, expected in ((("start", "tool", "signal", "restarting", "drain", "tool_end", "done", "drained", "mode",
                              "listening"), []),
                            (("start", "tool", "signal", "restarting", "drain", "tool_end", "timed_out", "mode",
                              "listening"), ["RC17"])):
        path = tmp_path / "openclaw.log"
        path.write_text("\n".join(lines[name] for name in names) + "\n")
        quick, slow = fast([str(path)]), analyze_paths([str(path)], OPTIONS)
        assert quick == slow
        assert [i.primary and i.primary.rule.id for i in quick.incidents] == expected
    # (the newest builds' drain: settled with the run's end unseen, or run out with the run open)
    drain = _active_work_drain("stop", True)
    for names, expected in ((("start", "tool", "signal", "drain", "drained"), []),
                            (("start", "tool", "signal", "drain", "ran_out", "settled"), ["RC17"])):
        path = tmp_path / "openclaw.log"
        path.write_text("\n".join(drain[name] for name in names) + "\n")
        quick, slow = fast([str(path)]), analyze_paths([str(path)], OPTIONS)
        assert quick == slow
        assert [i.primary and i.primary.rule.id for i in quick.incidents] == expected


def test_a_held_stop_is_decided_in_live_mode_once_its_budget_passed() -> None:
    from datetime import timedelta

    correlator = Correlator()
    lines = _planned_restart("SIGTERM", False)
    fed = events(lines["start"], lines["tool"], lines["signal"])
    for event in fed:
        assert not correlator.feed(event)
    assert correlator._held_stop is not None
    assert not correlator.tick(fed[-1].time + timedelta(minutes=1))
    (opened,) = correlator.tick(fed[-1].time + timedelta(minutes=6))
    assert opened.kind == "opened" and correlator._held_stop is None


def test_a_stop_the_input_ends_inside_of_is_a_low_confidence_cut_run() -> None:
    # q57: the log ends right after the stop signal with the run in flight: the end of the input, not a line, decided
    # the held stop, and nothing shows whether the drain let the run finish (a planned stop or restart often does):
    # RC17 at low confidence, its wording saying the log ends before the stop's outcome; its severity stays
    from stuckscan.model import Confidence, Severity

    lines = _planned_restart("SIGTERM", False)
    shutting = line("18:41:00", "received SIGTERM; shutting down", subsystem="gateway", level="INFO")
    for console in (False, True):
        lines = _planned_restart("SIGTERM", console)
        for stop in ([lines["signal"]], [lines["signal"], shutting], [lines["signal"], lines["restarting"]]):
            (incident,) = analyze(lines["start"], lines["tool"], *stop).incidents
            primary = incident.primary
            assert primary is not None and primary.rule.id == "RC17", (console, stop)
            assert primary.confidence is Confidence.LOW and primary.severity is Severity.WARNING
            assert "the log ends before the stop's outcome" in primary.summary
            assert "the stop cut the run short," not in primary.summary
            assert incident.status is IncidentStatus.FAULT_SIGNAL  # (nothing shows it still stuck either)
    lines = _planned_restart("SIGTERM", False)
    # a line that says how the stop ended decides it: the process gone with the run still open, the drain out of its
    # budget, a line past the wait: the cut is shown, medium as before
    for after in ([lines["shutdown_timed_out"]], [lines["listening"]], [lines["drain"], lines["timed_out"]],
                  [line("18:47:00", "heartbeat", subsystem="gateway", level="INFO")]):
        (incident,) = analyze(lines["start"], lines["tool"], lines["signal"], shutting, *after).incidents
        primary = incident.primary
        assert primary is not None and primary.rule.id == "RC17", after
        assert primary.confidence is Confidence.MEDIUM, after
        assert "the log ends before" not in primary.summary and "the stop cut the run short" in primary.summary
    # the run's normal end in the wait, then the input ends: nothing (the healthy stop stays quiet)
    assert not analyze(lines["start"], lines["tool"], lines["signal"], shutting, lines["tool_end"], lines["done"]).incidents


def test_a_held_stop_decided_on_the_live_tick_is_no_end_of_input_verdict() -> None:
    # q57: live mode decides a held stop once its budget passed on the clock: that is a decided wait, not a log cut
    from datetime import timedelta

    correlator = Correlator()
    lines = _planned_restart("SIGTERM", False)
    fed = events(lines["start"], lines["tool"], lines["signal"])
    for event in fed:
        correlator.feed(event)
    (opened,) = correlator.tick(fed[-1].time + timedelta(minutes=6))
    assert not opened.incident.cut_short
    correlator = Correlator()
    for event in fed:
        correlator.feed(event)
    (record,) = [r for r in correlator.finish().incidents if r.opened_by == "stopped_run"] or [None]
    assert record is not None and record.cut_short


def test_the_service_managers_word_that_the_process_died_by_a_signal_cuts_the_run_in_flight() -> None:
    # systemd's and pm2's own lines (not the gateway's): the process died by a signal, whoever sent it
    start = _turn("18:40:00", f"embedded run start: runId={RUN} sessionId={SID} provider=openai model=gpt-5")
    tool = _turn("18:40:30", f"embedded run tool start: runId={RUN} tool=exec toolCallId=call_1")
    for death, by in (
            ("2026-05-21T18:41:00.000+08:00 openclaw-gateway.service: Main process exited, code=killed, status=9/KILL",
             "killed (SIGKILL)"),
            ("2026-05-21T18:41:00.000+08:00 openclaw-gateway.service: A process of this unit has been killed by the "
             "OOM killer.", "killed (by the OOM killer)"),
            ("2026-05-21T18:41:00.000+08:00 PM2 | App [openclaw-gateway:0] exited with code [0] via signal [SIGKILL]",
             "killed (SIGKILL)"),
            ("2026-05-21T18:41:00.000+08:00 openclaw-gateway.service: Main process exited, code=exited, status=1/FAILURE",
             "exited (status 1/FAILURE)")):
        (incident,) = analyze(start, tool, death).incidents
        assert incident.primary is not None and incident.primary.rule.id == "RC17", death
        assert by in incident.primary.summary and "in flight" in incident.primary.summary
    # (an exit with a failure code ends the process as a kill does: the t49a audit) pm2's ordinary SIGINT stop is no
    # kill; a kill long after the run began is another
    for other in ("2026-05-21T18:41:00.000+08:00 PM2 | App [openclaw-gateway:0] exited with code [0] via signal [SIGINT]",
                  "2026-05-21T18:58:00.000+08:00 openclaw-gateway.service: Main process exited, code=killed, "
                  "status=9/KILL"):
        assert not analyze(start, tool, other).incidents, other


def test_a_clean_service_manager_stop_and_start_with_no_run_in_flight_is_no_fault() -> None:
    # systemd's stop and start of the gateway's unit and a crash restart with no run in flight: no finding
    done = _turn("18:39:00", f"embedded run done: runId={RUN} sessionId={SID} durationMs=5000 aborted=false")
    lines = [done]
    for clock, message in (
            ("18:40:00", "Stopping openclaw-gateway.service - OpenClaw Gateway (v2026.11.1)..."),
            ("18:40:01", "openclaw-gateway.service: Deactivated successfully."),
            ("18:40:01", "Stopped openclaw-gateway.service - OpenClaw Gateway (v2026.11.1)."),
            ("18:40:02", "Started openclaw-gateway.service - OpenClaw Gateway (v2026.11.1)."),
            ("18:45:00", "openclaw-gateway.service: Main process exited, code=exited, status=1/FAILURE"),
            ("18:45:00", "openclaw-gateway.service: Failed with result 'exit-code'."),
            ("18:45:05", "openclaw-gateway.service: Scheduled restart job, restart counter is at 1."),
            ("18:45:05", "Started openclaw-gateway.service - OpenClaw Gateway (v2026.11.1).")):
        lines.append(f"2026-05-21T{clock}.000+08:00 {message}")
    analysis = analyze(*lines)
    assert not analysis.incidents


class _UnreadText(str):
    """A message whose text must not be read (``lower`` raises)."""

    def lower(self) -> str:
        raise AssertionError("the text was read")


def test_note_answered_reads_no_text_once_answered_or_out_of_the_window() -> None:
    # note_answered runs on every answered-kind line while an episode is open: once an episode has its answered
    # work, and for a line outside its window, it decides without reading the line's text.
    from datetime import datetime, timedelta, timezone

    from stuckscan.correlator import EpisodeRecord, note_answered
    from stuckscan.events import Event

    start = datetime(2026, 6, 21, 6, 15, tzinfo=timezone.utc)

    def end_at(moment: datetime) -> Event:
        return Event("x.log", 1, moment, None, None, "embedded.agent_end", _UnreadText("embedded run agent end"),
                     "text", {"isError": False})

    episode = EpisodeRecord(1, start, start + timedelta(seconds=30))
    note_answered(episode, end_at(start - timedelta(seconds=1)))  # before the first trouble line
    note_answered(episode, end_at(start + timedelta(minutes=6)))  # more than an episode gap after the last
    assert episode.answered_after is None
    # (answered for the channel the line names, here none: n64 keeps the first answered moment per channel)
    episode.answered_after = episode.answered_by[""] = start + timedelta(seconds=10)
    note_answered(episode, end_at(start + timedelta(seconds=40)))
    assert episode.answered_after == start + timedelta(seconds=10)


def test_shortly_before_is_one_rule_for_any_distance_and_for_a_window() -> None:
    # One helper orders two lines: by time when both are timed, else by line in one file, whether a window is asked
    # or not (an untimed restart marker above timed refusals comes before them).
    from datetime import datetime, timedelta, timezone

    from stuckscan.correlator import _shortly_before
    from stuckscan.events import Event

    at = datetime(2026, 6, 21, 6, 15, tzinfo=timezone.utc)

    def line(number: int, moment: datetime | None) -> Event:
        return Event("x.log", number, moment, None, None, "generic", "x", "text")

    assert _shortly_before(line(1, at), line(2, at + timedelta(hours=3)))
    assert not _shortly_before(line(1, at), line(2, at + timedelta(hours=3)), timedelta(minutes=1))
    assert _shortly_before(line(1, at), line(2, at + timedelta(seconds=30)), timedelta(minutes=1))
    assert not _shortly_before(line(2, at + timedelta(seconds=1)), line(1, at))
    assert _shortly_before(line(1, None), line(2, None)) and not _shortly_before(line(2, None), line(1, None))
    for window in (None, timedelta(minutes=1)):
        assert _shortly_before(line(1, at), line(2, None), window)
        assert _shortly_before(line(1, None), line(2, at), window)
        assert not _shortly_before(line(2, None), line(1, at), window)


# The reply queue's Discord stuck-session circuit breaker (src/auto-reply/reply/queue/circuit-breaker.ts, info): a stall
# detection of the session it names, read on the recovery path (docs/formats.md, `recovery.circuit_breaker`).
QUEUE_KEY = "agent:main:discord:channel:1480012345678901234"


def breaker(clock: str, aborted: bool, depth: int = 2, key: str = QUEUE_KEY, sid: str = SID) -> str:
    return line(clock, f"discord stuck-session circuit breaker fired for {key}: queueDepth={depth}, "
                       f"activeSessionId={sid}, aborted={str(aborted).lower()}", "auto-reply", "INFO")


def test_a_lone_circuit_breaker_abort_opens_an_incident_dated_back_by_its_wait_and_names_no_cause() -> None:
    analysis = analyze(breaker("18:41:29", aborted=True))
    assert len(analysis.incidents) == 1
    incident = analysis.incidents[0]
    assert (incident.session_key, incident.session_id) == (QUEUE_KEY, SID)
    assert incident.start is not None and incident.start.strftime("%H:%M:%S") == "10:36:29"  # (its 5-min wait, UTC)
    assert incident.measures.max_age_seconds == 300 and incident.measures.max_queue_depth == 2
    assert [(r.action, r.aborted) for r in incident.recoveries] == [("circuit_breaker_abort", True)]
    # (an abort of a run that was not streaming says nothing of why it stalled: no rule reads it alone, and the
    # report names the evidence missing)
    assert incident.primary is None and not incident.contributing
    assert "would show what was stuck" in incident.missing


def test_a_circuit_breaker_beside_a_stall_warning_of_its_session_joins_that_incident() -> None:
    analysis = analyze(stalled("18:41:29", 443, key=QUEUE_KEY), breaker("18:41:40", aborted=True),
                       stalled("18:42:29", 503, key=QUEUE_KEY), stalled("18:42:59", 533, key=QUEUE_KEY))
    assert len(analysis.incidents) == 1
    incident = analysis.incidents[0]
    assert incident.measures.warnings == 3 and incident.start is not None \
        and incident.start.strftime("%H:%M:%S") == "10:34:06"  # (the warning's age reaches further back than the wait)
    assert incident.recoveries[0].action == "circuit_breaker_abort"
    assert incident.recoveries[0].verdict is RecoveryVerdict.NOT_FREED  # (the warnings went on after its abort)
    assert incident.primary is not None and incident.primary.rule.id == "RC02"  # (the warnings' own cause decides)
    assert "RC06" in {f.rule.id for f in incident.contributing}


def test_a_circuit_breaker_that_could_not_abort_the_run_is_a_recovery_that_did_not_free_the_lane() -> None:
    lone = analyze(breaker("18:41:29", aborted=False)).incidents
    assert len(lone) == 1 and lone[0].primary is not None and lone[0].primary.rule.id == "RC06"
    assert lone[0].primary.confidence.value == "medium"  # (one line: at most medium)
    assert "aborted=false" in lone[0].recoveries[0].verdict_reason
    repeated = analyze(breaker("18:41:29", aborted=False), breaker("18:46:31", aborted=False, depth=3)).incidents
    assert len(repeated) == 1
    assert [r.verdict for r in repeated[0].recoveries] == [RecoveryVerdict.NOT_FREED] * 2
    assert repeated[0].primary is not None and repeated[0].primary.rule.id == "RC06"
    assert repeated[0].measures.max_queue_depth == 3


def test_the_circuit_breakers_words_quoted_in_a_message_open_nothing() -> None:
    quoted = line("18:41:29", 'Inbound message from user: "discord stuck-session circuit breaker fired for '
                              f'{QUEUE_KEY}: queueDepth=2, activeSessionId={SID}, aborted=false"', "discord", "INFO")
    compaction = line("18:41:30", f"[compaction-circuit-breaker] failure recorded: sessionKey={QUEUE_KEY} "
                                  "consecutiveFailures=1 cooldownMs=60000", "agent/embedded")
    assert [e.kind for e in events(quoted)] != ["recovery.circuit_breaker"]
    assert not any(r.action == "circuit_breaker_abort" for i in analyze(quoted, compaction).incidents
                   for r in i.recoveries)
    assert analyze(quoted).incidents == []
