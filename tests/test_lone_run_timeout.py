"""The labelling policy "lone embedded run timeout" (tests/field/README.md): a run timeout that is the excerpt's only
fault line shows the run spent its whole budget (RC01); RC15 needs a line after it showing the run or lane still held."""

from __future__ import annotations

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseStats, parse_text_lines

RUN = "runId=7a1e0c42-1111-4a2b-9c3d-000000000042 sessionId=5be2f0d1-2222-4c3d-8e4f-000000000042"
TIMEOUT = f"2026-05-02T09:00:00.000Z [agent/embedded] embedded run timeout: {RUN} timeoutMs=300000"


def _causes(*lines: str) -> set[str]:
    analysis = analyze_events(parse_text_lines(list(lines)), ParseStats())
    return {i.primary.rule.id for i in analysis.incidents if i.primary}


def test_a_lone_run_timeout_is_a_spent_budget_not_a_missing_cleanup() -> None:
    assert _causes(TIMEOUT) == {"RC01"}
    untimed = "embedded run timeout: runId=... sessionId=... timeoutMs=90000"
    assert _causes(untimed) == {"RC01"}


def test_a_lone_run_timeout_its_cleanup_follows_stays_a_spent_budget() -> None:
    cleanup = f"2026-05-02T09:00:00.020Z [agent/embedded] run cleanup: {RUN} aborted=true timedOut=true"
    assert _causes(TIMEOUT, cleanup) == {"RC01"}


def test_a_line_after_the_timeout_showing_the_run_or_lane_held_keeps_rc15() -> None:
    lane = "2026-05-02T09:00:20.000Z [diagnostic] lane wait exceeded: lane=session:agent:main:main waitedMs=20000 queueAhead=0"
    assert "RC15" in _causes(TIMEOUT, lane)
    runs = "2026-05-02T09:00:09.000Z [diagnostic] wait for active embedded runs timed out: activeRuns=1 timeoutMs=90000"
    assert "RC15" in _causes(TIMEOUT, runs)
    # the log going on past the cleanup window with no run end
    later = "2026-05-02T09:02:30.000Z [gateway] heartbeat ok"
    assert "RC15" in _causes(TIMEOUT, later)


def test_a_timeout_beside_a_compaction_is_another_shape() -> None:
    compaction = "- `timed out during compaction`"
    assert "RC01" not in _causes("- `embedded run timeout: timeoutMs=600000`", compaction)


def test_a_run_force_detached_after_its_timeout_was_held_and_an_abort_finding_no_run_was_not() -> None:
    # src/agents/pi-embedded-runner/runs.ts: the registry drops a run whose aborted cleanup takes too long
    detached = "2026-05-02T09:00:12.000Z [diagnostic] force-detached run: sessionId=5be2f0d1-2222-4c3d-8e4f-000000000042 totalActive=0"
    assert "RC15" in _causes(TIMEOUT, detached)
    # its debug "abort failed: ... reason=no_active_run": nothing was registered to abort, no abort that did not settle
    no_run = ("2026-05-02T09:00:12.000Z [diagnostic] abort failed: sessionId=5be2f0d1-2222-4c3d-8e4f-000000000042 "
              "reason=no_active_run")
    assert _causes(TIMEOUT, no_run) == {"RC01"}
    threw = ("2026-05-02T09:00:12.000Z [diagnostic] abort failed: sessionId=5be2f0d1-2222-4c3d-8e4f-000000000042 "
             "err=Error: abort threw")
    assert "RC15" in _causes(TIMEOUT, threw)
