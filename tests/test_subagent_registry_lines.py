"""The subagent registry's and its restart recovery's fault lines (t49j source audit of src/agents/subagent-*.ts): a
child run its orphan recovery could not resume after a restart is a run the restart cut (RC17, as the main-session
recovery's lines are); a child dropped without its completion announced is a fault no class names."""

from __future__ import annotations

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseStats, parse_text_lines
from stuckscan.unexplained import UNJUDGED_FAULT_KINDS
from tests.conftest import tslog_line

CHILD = "agent:main:subagent:5f0c"


def findings(*lines: str):
    analysis = analyze_events(parse_text_lines(list(lines)), ParseStats())
    return [f.primary for f in (*analysis.incidents, *analysis.episodes) if f.primary is not None]


def test_a_child_its_restart_recovery_refused_is_a_run_the_restart_cut() -> None:
    lines = (tslog_line("2026-06-02T08:00:00.000Z", "subagent-interrupted-resume",
                        f"found orphaned subagent session: {CHILD} (run=7d3e-run)", "INFO"),
             tslog_line("2026-06-02T08:00:01.000Z", "subagent-interrupted-resume",
                        f"skipping orphan recovery for {CHILD}: recovery wedged after 3 attempts", "WARN"))
    (finding,) = findings(*lines)
    assert finding.rule.id == "RC17" and "subagent run" in finding.summary


def test_the_recovery_scan_failing_after_its_retries_is_a_run_the_restart_cut() -> None:
    lines = (tslog_line("2026-06-02T08:00:00.000Z", "subagent-interrupted-resume",
                        "scheduled orphan recovery failed after 3 retries: Error: gateway timeout after 10000ms",
                        "WARN"),)
    assert {f.rule.id for f in findings(*lines)} == {"RC17"}


def test_a_pruned_orphan_and_a_discarded_completion_are_unjudged_faults() -> None:
    lines = (f"2026-06-02T08:00:00.000Z [warn] Subagent orphan run pruned source=resume run=7d3e-run child={CHILD} "
             "reason=missing-session-entry",
             tslog_line("2026-06-02T08:00:01.000Z", "agents/subagent-registry", "subagent suspended delivery discarded",
                        "WARN", meta={"reason": "expired", "runId": "7d3e-run"}))
    events = parse_text_lines(list(lines))
    assert [e.kind for e in events] == ["subagent.orphan_pruned", "subagent.delivery_discarded"]
    assert {e.kind for e in events} <= UNJUDGED_FAULT_KINDS
    assert findings(*lines) == []


def test_a_healthy_spawn_announce_and_yield_stays_quiet() -> None:
    # (a child spawned, the parent yielding and then woken by the child's completion: no registry or recovery line
    # but the info ones a healthy restart-free run prints)
    lines = (tslog_line("2026-06-02T08:00:00.000Z", "agent/embedded",
                        "embedded run tool start: runId=r1 tool=sessions_spawn toolCallId=c1", "INFO"),
             tslog_line("2026-06-02T08:00:01.000Z", "agent/embedded",
                        "embedded run tool end: runId=r1 tool=sessions_spawn toolCallId=c1", "INFO"),
             tslog_line("2026-06-02T08:00:02.000Z", "agent/embedded",
                        "embedded run tool start: runId=r1 tool=sessions_yield toolCallId=c2", "INFO"),
             tslog_line("2026-06-02T08:00:02.500Z", "agent/embedded",
                        "embedded run tool end: runId=r1 tool=sessions_yield toolCallId=c2", "INFO"))
    assert findings(*lines) == []
