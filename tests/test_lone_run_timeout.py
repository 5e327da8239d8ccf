"""The labelling policy "lone embedded run timeout" (tests/field/README.md): a run timeout that is the excerpt's only
fault line shows the run spent its whole budget (RC01); RC15 needs a line after it showing the run or lane still held."""

from __future__ import annotations

from datetime import timezone
from pathlib import Path

from stuckscan.analysis import analyze_events, analyze_paths
from stuckscan.fastscan import iter_scan_events
from stuckscan.parser import ParseOptions, ParseStats, parse_text_lines
from tests.conftest import tslog_line

RUN = "runId=7a1e0c42-1111-4a2b-9c3d-000000000042 sessionId=5be2f0d1-2222-4c3d-8e4f-000000000042"
OPTIONS = ParseOptions(tz=timezone.utc)
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


# -- lines that name nothing of a run (events.NAMES_NO_RUN_KINDS) ------------------------------------------------------

RUN_B = "runId=3f0c9a1e-1111-2222-3333-444455556666 sessionId=abc"
TIMEOUT_B = ("2026-11-20T10:00:00.000Z", "agent/embedded", f"embedded run timeout: {RUN_B} timeoutMs=600000", "WARN")
QMD_BEFORE = ("2026-11-20T09:59:55.000Z", "memory", "qmd memory failed; switching to builtin index: Error: spawn qmd ENOENT",
              "WARN")
LISTENING_AFTER = ("2026-11-20T10:00:05.000Z", "gateway", "listening on ws://127.0.0.1:18789 (PID 1234)", "INFO")


def _console(time: str, subsystem: str, message: str, level: str) -> str:
    return f"{time} [{subsystem}] {message}"


def _jsonl(time: str, subsystem: str, message: str, level: str) -> str:
    return tslog_line(time, subsystem, message, level)


def _readings(tmp_path: Path, lines: list[tuple[str, str, str, str]]) -> dict[str, list[tuple[str, str]]]:
    """(rule, confidence) of every finding, console and JSONL, on the full parser and on the scan fast path."""
    out: dict[str, list[tuple[str, str]]] = {}
    for name, render in (("console", _console), ("jsonl", _jsonl)):
        path = tmp_path / f"openclaw-2026-11-20.{name}.log"
        path.write_text("\n".join(render(*line) for line in lines) + "\n", encoding="utf-8")
        slow = analyze_paths([str(path)], OPTIONS)
        stats = ParseStats()
        quick = analyze_events(iter_scan_events([str(path)], OPTIONS, stats), stats)
        for where, analysis in ((f"{name} full", slow), (f"{name} fast", quick)):
            out[where] = [(f.rule.id, f.confidence.value) for f in analysis.findings()]
    return out


def _everywhere(reading: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    return {f"{name} {way}": reading for name in ("console", "jsonl") for way in ("full", "fast")}


def test_the_run_timeout_alone_is_rc01_low_on_every_path(tmp_path: Path) -> None:
    assert _readings(tmp_path, [TIMEOUT_B]) == _everywhere([("RC01", "low")])


def test_a_memory_housekeeping_line_before_the_timeout_leaves_it_lone(tmp_path: Path) -> None:
    # (memory search answered by the builtin index: nothing of the run's model call, a tool, a compaction, a lock or a
    # held lane, so the policy's "no other line about ..." still holds; it was RC15 medium)
    assert _readings(tmp_path, [QMD_BEFORE, TIMEOUT_B]) == _everywhere([("RC01", "low")])


def test_the_gateways_listening_line_just_after_the_timeout_leaves_it_lone(tmp_path: Path) -> None:
    # (5 s after it: the gateway's own start says nothing of the run, and the log does not go on for a minute)
    assert _readings(tmp_path, [TIMEOUT_B, LISTENING_AFTER]) == _everywhere([("RC01", "low")])


def test_an_unrelated_line_a_minute_or_more_after_the_timeout_shows_the_log_going_on(tmp_path: Path) -> None:
    # (the policy's "later lines of the same gateway covering at least a minute with no run end"; a gateway's start
    # line that late is a new process, whose restart ends the run, and was read so before)
    qmd = ("2026-11-20T10:01:00.000Z", *QMD_BEFORE[1:])
    for lines in ([TIMEOUT_B, qmd], [QMD_BEFORE, TIMEOUT_B, qmd]):
        readings = _readings(tmp_path, lines)
        assert all(("RC15", "medium") in found for found in readings.values()), readings
        assert all("RC01" not in {rule for rule, _ in found} for found in readings.values()), readings


def test_a_timeout_beside_a_tool_or_model_line_is_still_another_shape(tmp_path: Path) -> None:
    tool = ("2026-11-20T09:59:50.000Z", "agent/embedded",
            f"embedded run tool start: {RUN_B} tool=exec toolCallId=call_1", "DEBUG")
    model = ("2026-11-20T10:00:00.100Z", "agent/embedded",
             "Profile openai:default timed out. Trying next account...", "WARN")
    for beside in ([tool, TIMEOUT_B], [TIMEOUT_B, model]):
        readings = _readings(tmp_path, beside)
        assert all(found != [("RC01", "low")] for found in readings.values()), readings
        assert len({tuple(found) for found in readings.values()}) == 1, readings  # (every path reads it alike)
