"""RC07 and an old build's bare `stuck session:` warnings (policy "old-build stuck warnings below the abort point",
tests/field/README.md): below the abort point (360 s by default) they are no fault; at or past it, RC07."""

from __future__ import annotations

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseOptions, ParseStats, parse_text_lines
from tests.conftest import tslog_line

KEY = "agent:ops:discord:channel:4400000000000001"
RUN = "5b1c0e2a-7d3f-4a61-9c2e-0f4b7a9d1e33"
SID = "c3f1a9e0-2b4d-4c8e-8a7f-6d5e4c3b2a10"


def line(clock: str, message: str, subsystem: str = "diagnostic", level: str = "WARN") -> str:
    return tslog_line(f"2026-03-10T{clock}.000+01:00", subsystem, message, level=level)


def old_stuck(clock: str, age: int, depth: int = 1) -> str:
    return line(clock, f"stuck session: sessionId={SID} sessionKey={KEY} state=processing age={age}s queueDepth={depth}")


def series(first_age: int, last_age: int, depth: int = 1) -> list[str]:
    """One warning per 30 s heartbeat, 09:02:00 at the first age."""
    out = []
    for i, age in enumerate(range(first_age, last_age + 1, 30)):
        seconds = 120 + 30 * i
        out.append(old_stuck(f"09:{seconds // 60:02d}:{seconds % 60:02d}", age, depth))
    return out


def analyze(*lines: str):
    return analyze_events(parse_text_lines(list(lines), "openclaw-2026-03-10.log", ParseOptions()), ParseStats())


def findings(*lines: str) -> set[str]:
    analysis = analyze(*lines)
    return {f.rule.id for i in (*analysis.incidents, *analysis.episodes) for f in (i.primary, *i.contributing)
            if f is not None}


def primary(*lines: str) -> str | None:
    analysis = analyze(*lines)
    found = [*analysis.incidents, *analysis.episodes]
    return found[0].primary.rule.id if found and found[0].primary else None


def test_old_build_warnings_that_stay_below_the_abort_point_are_no_fault() -> None:
    # 150 .. 330 s with messages queued behind the run: a turn longer than the 120 s warn, no recovery due yet
    lines = series(150, 330)
    assert primary(*lines) is None and "RC07" not in findings(*lines)
    # one warning, or a few, with or without work queued
    assert primary(old_stuck("09:02:00", 140)) is None
    assert primary(*series(140, 200, depth=3)) is None
    assert primary(old_stuck("09:02:00", 359, depth=2)) is None


def test_old_build_warnings_at_or_past_the_abort_point_are_still_rc07() -> None:
    # boundary: the same series reaching the 360 s abort point, or a single warning past it, is the wedge nothing
    # recovered
    assert primary(*series(150, 360)) == "RC07"
    assert primary(*series(150, 420)) == "RC07"
    assert primary(old_stuck("09:02:00", 400, depth=2)) == "RC07"


def test_another_fault_line_decides_when_the_old_warnings_stay_below_the_abort_point() -> None:
    stuck = old_stuck("09:02:00", 200, depth=2)
    stall = line("09:02:10", "Polling stall detected (active getUpdates stuck for 190s); forcing restart",
                 subsystem="telegram")
    assert primary(stuck, stall) == "RC18" and "RC07" not in findings(stuck, stall)


def test_a_run_that_visibly_progresses_below_the_abort_point_is_a_false_positive() -> None:
    def turn(clock: str, message: str) -> str:
        return line(clock, message, subsystem="agent/embedded", level="DEBUG")

    lines = [turn("08:59:50", f"embedded run start: runId={RUN} sessionId={SID} provider=openai model=gpt-5"),
             old_stuck("09:02:00", 130), old_stuck("09:02:30", 160),
             turn("09:02:40", f"embedded run tool start: runId={RUN} tool=exec toolCallId=call_1"),
             turn("09:02:50", f"embedded run tool end: runId={RUN} tool=exec toolCallId=call_1"),
             turn("09:02:55", f"embedded run tool start: runId={RUN} tool=read toolCallId=call_2"),
             old_stuck("09:03:00", 190)]
    assert primary(*lines) == "RC04" and "RC07" not in findings(*lines)
