"""w53: the newest recovery runtime's wordings (src/logging/diagnostic-stuck-session-recovery.runtime.ts, the build
whose imports moved to src/agents/embedded-agent-runner/).

Older builds write recovery finding no work on a session the detector counts stuck as
``stuck session recovery no-op: ... reason=no_active_work action=none`` (or an outcome ``status=noop action=none``).
The newest builds clear that stale state through the lane-release path and word it as a release of nothing: the
action line ``stuck session recovery: ... action=release_lane aborted=false drained=true released=0`` and the outcome
``status=released action=release_lane ... reason=no_active_work released=0``. Both are the same finding (RC05, stale
session state), not a release that freed nothing beside queued work (RC06).
"""

from __future__ import annotations

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseStats, parse_text_lines

KEY = "agent:main:main"
STUCK = (f"stuck session: sessionId=s1 sessionKey={KEY} state=processing age=130s queueDepth=1 "
         "reason=queued_work_without_active_run classification=stale_session_state recovery=checking")
NEW_ACTION = f"stuck session recovery: sessionId=s1 sessionKey={KEY} age=130s action=release_lane aborted=false " \
             "drained=true released=0"
NEW_OUTCOME = (f"stuck session recovery outcome: status=released action=release_lane sessionId=s1 sessionKey={KEY} "
               f"lane=session:{KEY} reason=no_active_work released=0")
OLD_NOOP = f"stuck session recovery no-op: sessionId=s1 sessionKey={KEY} reason=no_active_work action=none"
STALE_TASK_RELEASED = (f"stuck session recovery outcome: status=released action=release_lane sessionId=s1 "
                       f"sessionKey={KEY} lane=session:{KEY} reason=stale_lane_task released=1")


def _timed(clock: str, text: str) -> str:
    return f"2026-10-01T{clock}+00:00 [diagnostic] {text}"


def _incidents(*lines: str):
    return analyze_events(parse_text_lines(list(lines)), ParseStats()).incidents


def _classes(incident) -> list[str]:
    return [f.rule.id for f in (incident.primary, *incident.contributing) if f is not None]


def test_newest_no_active_work_release_reads_as_the_older_noop() -> None:
    new = _incidents(_timed("10:00:00.000", STUCK), _timed("10:00:00.100", NEW_ACTION),
                     _timed("10:00:00.200", NEW_OUTCOME))
    old = _incidents(_timed("10:00:00.000", STUCK), _timed("10:00:00.200", OLD_NOOP))
    assert [i.primary.rule.id for i in new] == [i.primary.rule.id for i in old] == ["RC05"]
    assert "RC06" not in _classes(new[0])
    assert "RC06" not in _classes(old[0])
    assert "no_active_work" in new[0].primary.summary


def test_a_release_that_freed_a_stale_lane_task_stays_a_release() -> None:
    # (the boundary: only the no_active_work wording is the no-op; the newest release of an ownerless lane task,
    # `reason=stale_lane_task released=1`, stays a release the recovery acted on)
    incidents = _incidents(_timed("10:00:00.000", STUCK), _timed("10:00:00.200", STALE_TASK_RELEASED))
    assert incidents[0].primary.rule.id == "RC05"
    assert "no-op" not in incidents[0].primary.summary


def test_a_no_active_work_release_that_released_lane_tasks_stays_a_release() -> None:
    # (the newest source writes reason=no_active_work only with released=0, when nothing was reset; a line that
    # released lane tasks under that reason freed queued work: it stays the release it says, as before w53)
    freed = NEW_OUTCOME.replace("released=0", "released=1")
    action = NEW_ACTION.replace("drained=true released=0", "drained=false released=1")
    incidents = _incidents(_timed("10:00:00.000", STUCK), _timed("10:00:00.100", action),
                           _timed("10:00:00.200", freed))
    assert incidents[0].primary.rule.id == "RC05"
    assert "no-op" not in incidents[0].primary.summary
    (recovery,) = incidents[0].recoveries
    assert recovery.status == "released" and recovery.released == 1
