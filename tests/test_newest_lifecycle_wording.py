"""w55: the newest wordings of the gateway's restart/stop lines (src/cli/gateway-cli/run-loop.ts, the build with the
drain inline again, `formatShutdownReason` and `resolveGatewayShutdownBudget`) and of the embedded attempt's cleanup
(src/agents/embedded-agent-runner/run/attempt-execution-settle.ts, `cleanupEmbeddedAttemptStreamExecution`).

Each new wording is read as the older one it replaces, and the older ones are still read (older builds stay in use).
"""

from __future__ import annotations

import pytest

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseStats, parse_text_lines

# (new wording, older wording, the kind both are read as, the fields the new one must carry)
PAIRS = [
    ("[gateway] active-work drain timeout reached; proceeding with restart: embeddedRuns=1 pendingReplies=2",
     "[gateway] drain timeout reached; proceeding with restart",
     "gateway.drain_timeout", {"action": "restart", "limit": "timeout"}),
    ("[gateway] shutdown deadline reached; abandoning unfinished cleanup and active work before restart; "
     "last observed: embeddedRuns=1; exiting with incomplete cleanup",
     "[gateway] shutdown timed out; exiting without full cleanup",
     "gateway.shutdown_timeout", {"action": "restart", "exit": "with incomplete cleanup"}),
    ("[gateway] shutdown step failed (gateway server close): Error: close hung",
     "[gateway] shutdown error: Error: close hung",
     "gateway.shutdown_error", {"step": "gateway server close", "error": "Error: close hung"}),
    ("[gateway] update respawn failed (spawn EACCES); falling back to in-process restart",
     "[gateway] full process restart failed (spawn EACCES); falling back to in-process restart",
     "gateway.restart_mode", {"mode": "in-process restart", "detail": "spawn EACCES"}),
    ("[gateway] update respawn child did not become healthy (4242); falling back to in-process restart",
     "[gateway] full process restart failed (spawn EACCES); falling back to in-process restart",
     "gateway.restart_mode", {"mode": "in-process restart"}),
    ("[gateway] launchd restart handoff failed to spawn; falling back to in-process restart",
     "[gateway] full process restart failed (spawn EACCES); falling back to in-process restart",
     "gateway.restart_mode", {"mode": "in-process restart"}),
    ("[gateway] external supervisor restart handoff could not be persisted; falling back to in-process restart",
     "[gateway] full process restart failed (spawn EACCES); falling back to in-process restart",
     "gateway.restart_mode", {"mode": "in-process restart"}),
    ("[agent/embedded] CRITICAL: active run cleanup failed, possible resource leak: runId=r1 Error: boom",
     "[agent/embedded] CRITICAL: unsubscribe failed, possible resource leak: runId=r1 Error: boom",
     "embedded.unsubscribe_failed", {"step": "active run cleanup", "runId": "r1", "error": "Error: boom"}),
    ("[agent/embedded] CRITICAL: backend detach failed, possible resource leak: runId=r1 Error: boom",
     "[agent/embedded] CRITICAL: unsubscribe failed, possible resource leak: runId=r1 Error: boom",
     "embedded.unsubscribe_failed", {"step": "backend detach"}),
]


def _timed(clock: str, text: str) -> str:
    return f"2026-10-01T{clock}+00:00 {text}"


def _events(*lines: str):
    return parse_text_lines([_timed(f"10:00:{i:02d}.000", line) for i, line in enumerate(lines)])


def _incidents(*lines: str):
    return analyze_events(parse_text_lines(list(lines)), ParseStats()).incidents


@pytest.mark.parametrize(("new", "old", "kind", "fields"), PAIRS, ids=[p[2] + ":" + p[0][:40] for p in PAIRS])
def test_newest_wording_reads_as_the_older_one(new: str, old: str, kind: str, fields: dict) -> None:
    new_event, old_event = _events(new, old)
    assert old_event.kind == kind
    assert new_event.kind == kind
    for name, value in fields.items():
        assert new_event.fields.get(name) == value, name


def test_a_stop_s_drain_timeout_keeps_its_action() -> None:
    # (the stop's wording, read before w55, keeps `action=shutdown`)
    (event,) = _events("[gateway] gateway active-work drain timeout reached; proceeding with shutdown: embeddedRuns=1")
    assert event.kind == "gateway.drain_timeout"
    assert event.fields.get("action") == "shutdown"


RUN_THEN_RESTART = [
    "2026-10-01T10:00:00.000+00:00 [diagnostic] run attempt: sessionId=s1 sessionKey=agent:main:main runId=r1 attempt=1",
    "2026-10-01T10:00:00.100+00:00 [agent/embedded] embedded run start: runId=r1 sessionId=s1 provider=openai "
    "model=gpt-5 thinking=off messageChannel=telegram",
    "2026-10-01T10:00:05.000+00:00 [gateway] signal SIGUSR1 received",
    "2026-10-01T10:00:05.010+00:00 [gateway] received SIGUSR1; restarting",
    "2026-10-01T10:00:05.020+00:00 [gateway] draining active work before restart with timeout 30000ms: embeddedRuns=1",
]


def test_newest_restart_drain_timeout_names_the_work_it_cut() -> None:
    incidents = _incidents(
        *RUN_THEN_RESTART,
        "2026-10-01T10:00:35.020+00:00 [gateway] active-work drain timeout reached; proceeding with restart: "
        "embeddedRuns=1",
        "2026-10-01T10:00:36.000+00:00 [gateway] restart mode: in-process restart (OPENCLAW_NO_RESPAWN)",
    )
    assert [i.primary.rule.id for i in incidents] == ["RC17"]
    assert "drain timed out (embeddedRuns=1)" in incidents[0].primary.summary


def test_a_restart_that_drained_stays_quiet() -> None:
    incidents = _incidents(
        *RUN_THEN_RESTART,
        "2026-10-01T10:00:20.000+00:00 [agent/embedded] embedded run done: runId=r1 sessionId=s1 durationMs=19900 "
        "aborted=false",
        "2026-10-01T10:00:20.100+00:00 [diagnostic] run cleared: sessionId=s1 totalActive=0",
        "2026-10-01T10:00:20.200+00:00 [gateway] all active work drained",
        "2026-10-01T10:00:21.000+00:00 [gateway] restart mode: in-process restart (OPENCLAW_NO_RESPAWN)",
    )
    assert incidents == []


def test_newest_compaction_and_run_lifecycle_stay_quiet() -> None:
    # (the newest compaction handler's info lines, src/agents/embedded-agent-subscribe.handlers.compaction.ts, and
    # the run's cleanup lines: a healthy turn with an overflow compaction gives no finding)
    incidents = _incidents(
        "2026-10-01T10:00:00.000+00:00 [diagnostic] run attempt: sessionId=s1 sessionKey=agent:main:main runId=r1 "
        "attempt=1",
        "2026-10-01T10:00:00.100+00:00 [agent/embedded] embedded run start: runId=r1 sessionId=s1 provider=openai "
        "model=gpt-5 thinking=off messageChannel=telegram",
        "2026-10-01T10:00:01.000+00:00 [agent/embedded] embedded run auto-compaction start: runId=r1 reason=overflow",
        "2026-10-01T10:00:09.000+00:00 [agent/embedded] embedded run auto-compaction complete: runId=r1 "
        "reason=overflow compactionCount=1 willRetry=true",
        "2026-10-01T10:00:09.010+00:00 [agent/embedded] embedded run compaction retry: runId=r1",
        "2026-10-01T10:00:20.000+00:00 [agent/embedded] embedded run done: runId=r1 sessionId=s1 durationMs=19900 "
        "aborted=false",
        "2026-10-01T10:00:20.100+00:00 [diagnostic] session state: sessionId=s1 sessionKey=agent:main:main "
        'prev=processing new=idle reason="run_completed" queueDepth=0',
        "2026-10-01T10:00:20.200+00:00 [diagnostic] run cleared: sessionId=s1 totalActive=0",
        "2026-10-01T10:00:20.300+00:00 [diagnostic] lane task done: lane=session:agent:main:main durationMs=20200 "
        "active=0 queued=0",
    )
    assert incidents == []


def test_a_failed_active_run_cleanup_is_the_leaked_handle_rc05_reads() -> None:
    stuck = ("[diagnostic] stuck session: sessionId=s1 sessionKey=agent:main:main state=processing age=400s "
             "queueDepth=1")
    for cleanup in ("CRITICAL: unsubscribe failed, possible resource leak: runId=r1 Error: boom",
                    "CRITICAL: active run cleanup failed, possible resource leak: runId=r1 Error: boom"):
        incidents = _incidents(
            f"2026-10-01T10:00:00.000+00:00 [agent/embedded] {cleanup}",
            f"2026-10-01T10:06:40.000+00:00 {stuck}",
        )
        assert incidents and incidents[0].primary.rule.id == "RC05", cleanup
