"""Labelling policy "one keep-lane recovery skip" (tests/field/README.md): a single ``status=skipped
action=keep_lane`` recovery outcome (``active_reply_work`` or ``active_lane_task``) with no age or an age below the
360 s abort point, and nothing else, names no cause (RC07 forbidden: recovery ran). RC05 needs the lines to show more:
a ``stale_session_state`` classification beside it, the skip repeated for the same session (two skip lines, or its age
quoted at two ticks), a skip at or past the abort point, or a later reclaim of the stale reply work or release of a
stale lane task."""

from __future__ import annotations

from pathlib import Path

from stuckscan.analysis import analyze_events, analyze_paths
from stuckscan.parser import ParseStats, parse_text_lines

KEY = "agent:ops:slack:channel:c0abc:thread:1712.55"
SID = "7c1e52aa-90f3-4d1b-b2a4-5d8e0c6f1a93"


def skip(reason: str = "active_reply_work", extra: str = "", clock: str = "") -> str:
    head = f"{clock} " if clock else ""
    work = f"activeSessionId={SID} activeWorkKind=embedded_run " if reason == "active_reply_work" \
        else f"lane=session:{KEY} laneActive=1 laneQueued=1 "
    return (f"{head}[diagnostic] stuck session recovery outcome: status=skipped action=keep_lane sessionId={SID} "
            f"sessionKey={KEY} {work}reason={reason}{extra}")


def findings(*lines: str) -> tuple[str | None, set[str]]:
    """The first incident's primary and every rule named, read from pasted lines."""
    analysis = analyze_events(parse_text_lines(list(lines)), ParseStats())
    ids = {f.rule.id for f in analysis.findings()}
    first = analysis.incidents[0].primary if analysis.incidents else None
    return (first.rule.id if first else None), ids


def scanned(tmp_path: Path, *lines: str) -> str | None:
    """The first incident's primary when the lines are scanned as a file (the fast path included)."""
    paste = tmp_path / "paste.log"
    paste.write_text("\n".join(lines) + "\n", encoding="utf-8")
    analysis = analyze_paths([str(paste)])
    first = analysis.incidents[0].primary if analysis.incidents else None
    return first.rule.id if first else None


def test_one_reply_work_skip_with_no_age_names_no_cause() -> None:
    primary, ids = findings(skip())
    assert primary is None and not {"RC05", "RC07"} & ids


def test_one_lane_task_skip_below_the_abort_point_names_no_cause() -> None:
    primary, ids = findings(skip("active_lane_task", " age=214s"))
    assert primary is None and not {"RC05", "RC07"} & ids


def test_one_skip_wrapped_one_field_a_line_names_no_cause(tmp_path: Path) -> None:
    wrapped = ["stuck session recovery outcome: status=skipped action=keep_lane", f"  sessionId={SID}",
               f"  sessionKey={KEY}", "  activeWorkKind=embedded_run", "  reason=active_reply_work"]
    assert findings(*wrapped)[0] is None
    assert scanned(tmp_path, *wrapped) is None


def test_a_reporters_note_that_the_skip_repeats_is_not_a_second_skip() -> None:
    assert findings(skip(), "# this repeated 11 times over ten minutes")[0] is None


def test_the_same_skip_twice_for_the_session_is_stale_state() -> None:
    assert findings(skip(clock="10:00:00"), skip(clock="10:00:30"))[0] == "RC05"
    assert findings(skip("active_lane_task", clock="10:00:00"), skip("active_lane_task", clock="10:05:00"))[0] == "RC05"


def test_a_skip_at_the_abort_point_is_stale_state_and_just_below_it_is_not() -> None:
    assert findings(skip(extra=" age=360s"))[0] == "RC05"
    assert findings(skip(extra=" age=359s"))[0] is None


def test_a_skip_whose_age_is_quoted_at_two_ticks_is_a_repeated_skip(tmp_path: Path) -> None:
    assert findings(skip(extra=" age=141s, 171s"))[0] == "RC05"
    under = [f"[diagnostic] stuck session recovery skipped: reason=active_reply_work action=keep_lane sessionKey={KEY}",
             "age=141s, 171s ... lane kept for minutes"]
    assert findings(*under)[0] == "RC05"
    assert scanned(tmp_path, *under) == "RC05"


def test_an_age_list_not_right_under_the_skip_does_not_count() -> None:
    apart = [skip(), "[telegram] Inbound message telegram:1 -> 2 (direct, 4 chars)", "age=141s, 171s"]
    assert findings(*apart)[0] is None


def test_a_skip_beside_a_stale_session_state_classification_stays_stale_state() -> None:
    stuck = (f"[diagnostic] stuck session: sessionId={SID} sessionKey={KEY} state=processing age=131s queueDepth=1 "
             "reason=queued_work_without_active_run classification=stale_session_state recovery=checking")
    assert findings(stuck, skip(extra=" age=131s"))[0] == "RC05"


def test_a_skip_then_a_reclaim_of_the_stale_reply_work_is_stale_state() -> None:
    reclaim = (f"[diagnostic] stuck session recovery reclaiming stale active reply work: sessionId={SID} "
               f"sessionKey={KEY} age=300s queueDepth=1")
    assert findings(skip(clock="10:00:00"), f"10:03:00 {reclaim}")[0] == "RC05"


def test_a_lane_task_skip_then_a_stale_lane_task_release_is_stale_state() -> None:
    release = (f"[diagnostic] stuck session recovery outcome: status=released action=release_lane sessionId={SID} "
               f"sessionKey={KEY} lane=session:{KEY} reason=stale_lane_task released=1 queuedCount=1")
    assert findings(skip("active_lane_task", clock="10:00:00"), f"10:05:00 {release}")[0] == "RC05"


def test_the_first_recovery_builds_worded_lane_reset_skips_repeated_are_a_keep_lane_skip() -> None:
    """The recovery runtime's first build logged its keep-lane skips at debug in words (src/logging/diagnostic-stuck-
    session-recovery.runtime.ts, t50k): "stuck session recovery skipped lane reset: active reply work ...", read as
    reason=active_reply_work, so the skip repeated beside the old build's warnings is RC05 as the later warns are."""
    lines = []
    for clock, age in (("10:02:00", 130), ("10:04:00", 250), ("10:08:00", 490)):
        lines.append(f"2026-04-25T{clock}.000Z [diagnostic] stuck session: sessionId={SID} sessionKey={KEY} "
                     f"state=processing age={age}s queueDepth=1")
        lines.append(f"2026-04-25T{clock}.100Z [diagnostic] stuck session recovery skipped lane reset: active reply work "
                     f"sessionId={SID} sessionKey={KEY} age={age}s queueDepth=1")
    primary, ids = findings(*lines)
    assert primary == "RC05"
    assert "RC07" not in ids
