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


# The subagent orphan recovery after a restart, read as the main-session recovery is (labelling policy "restart recovery
# that resumes the session"): a child found and then resumed, or a pass reporting failed=0, is the interruption healed.
ORPHAN = "agent:main:subagent:0b7c4f2e-1111-4a2b-9c3d-5e6f7a8b9c0d"
FOUND = f"found orphaned subagent session: {ORPHAN} (run=7f1e2d3c-4b5a-4968-8776-655443322110)"
RESUMED = f"resumed orphaned session: {ORPHAN}"
CLEAN = "orphan recovery complete: recovered=1 failed=0 skipped=0"
LISTENING = "listening on ws://127.0.0.1:18789 (PID 4242)"


def console(*rows: tuple[str, str, str]) -> tuple[str, ...]:
    return tuple(f"2026-11-20T10:00:{second}Z [{subsystem}] {message}" for second, subsystem, message in rows)


def jsonl(*rows: tuple[str, str, str], level: str = "INFO") -> tuple[str, ...]:
    return tuple(tslog_line(f"2026-11-20T10:00:{second}Z", subsystem, message,
                            "WARN" if message.startswith(("failed to", "resume failed", "skipping")) else level)
                 for second, subsystem, message in rows)


RECOVERY = "subagent-orphan-recovery"
HEALTHY = (("00.000", "gateway", LISTENING), ("05.000", RECOVERY, FOUND), ("06.000", RECOVERY, RESUMED),
           ("06.100", RECOVERY, CLEAN))


def loud(*lines: str) -> list[str]:
    return [f.rule.id for f in findings(*lines) if f.severity.value != "info"]


def test_a_child_found_and_resumed_after_a_restart_stays_quiet() -> None:
    assert loud(*console(*HEALTHY)) == []
    assert loud(*jsonl(*HEALTHY)) == []


def test_the_resume_alone_or_the_clean_summary_alone_heals_the_found_child() -> None:
    assert loud(*console(*HEALTHY[:3])) == []                # found, resumed (the summary cut off)
    assert loud(*jsonl(HEALTHY[0], HEALTHY[1], HEALTHY[3])) == []   # found, then recovered=1 failed=0


def test_a_found_child_the_excerpt_ends_on_reads_as_a_marked_main_session() -> None:
    # ("marked 1 startup-orphaned main session(s) for restart recovery" alone is RC17: the line shows the cut run)
    assert {f.rule.id for f in findings(*console(*HEALTHY[:2]))} == {"RC17"}


def test_a_child_whose_resume_failed_is_a_run_the_restart_cut() -> None:
    rows = (HEALTHY[0], HEALTHY[1],
            ("06.000", RECOVERY, f"failed to resume orphaned session {ORPHAN}: Error: gateway timeout after 10000ms"),
            ("06.001", RECOVERY, f"resume failed for {ORPHAN}; abortedLastRun flag preserved for retry on next restart"),
            ("06.100", RECOVERY, "orphan recovery complete: recovered=0 failed=1 skipped=0"))
    for lines in (console(*rows), jsonl(*rows)):
        assert {f.rule.id for f in findings(*lines)} == {"RC17"}


def test_a_found_child_the_summary_counts_failed_is_a_run_the_restart_cut() -> None:
    rows = (HEALTHY[0], HEALTHY[1], ("06.100", RECOVERY, "orphan recovery complete: recovered=0 failed=1 skipped=0"))
    assert {f.rule.id for f in findings(*console(*rows))} == {"RC17"}
    rows = (HEALTHY[0], HEALTHY[1], ("06.100", RECOVERY, "orphan recovery had 1 failure(s); retrying in 10000ms "
                                                          "(attempt 2/3)"))
    assert {f.rule.id for f in findings(*jsonl(*rows))} == {"RC17"}


def test_a_refused_child_beside_a_resumed_one_is_still_a_run_the_restart_cut() -> None:
    # (a child the gate refused is counted skipped, so the pass's failed=0 says nothing of it)
    other = "agent:main:subagent:5f0c"
    rows = (HEALTHY[0], ("04.000", RECOVERY, f"skipping orphan recovery for {other}: recovery wedged after 3 attempts"),
            *HEALTHY[1:3], ("06.100", RECOVERY, "orphan recovery complete: recovered=1 failed=0 skipped=1"))
    for lines in (console(*rows), jsonl(*rows)):
        found = findings(*lines)
        assert [f.rule.id for f in found] == ["RC17"] and "subagent run" in found[0].summary
