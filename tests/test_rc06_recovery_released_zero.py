"""Labelling policy "recovery abort with released=0" (tests/field/README.md).

In ``stuck session recovery: action=abort_embedded_run aborted=true ... released=0`` ``released`` counts the queued
lane entries the recovery handed back, so 0 is also what a successful abort prints when nothing is queued, and
``forceCleared=true`` is the recovery clearing a run that did not drain. RC06 (ineffective recovery) needs a later
stall or recovery line for the same session, or ``released=0`` beside a queueDepth above 0 with no later line showing
the queued work starting. Otherwise the abort is a bare watchdog abort: RC01.
"""

from __future__ import annotations

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseStats, parse_text_lines

KEY = "agent:main:telegram:direct:4242"
ABORT = "stuck session recovery: action=abort_embedded_run aborted=true drained=false released=0"
OUTCOME = "stuck session recovery outcome: status=aborted action=abort_embedded_run forceCleared=true released=0"


def _primaries(*lines: str) -> list[str | None]:
    analysis = analyze_events(parse_text_lines(list(lines)), ParseStats())
    return [i.primary.rule.id if i.primary else None for i in analysis.incidents]


def _timed(clock: str, text: str) -> str:
    return f"2026-07-08T{clock}Z [diagnostic] {text}"


def test_a_lone_abort_that_released_nothing_is_a_bare_watchdog_abort() -> None:
    assert _primaries(ABORT) == ["RC01"]
    assert _primaries(ABORT.replace("drained=false", "drained=true")) == ["RC01"]


def test_an_abort_with_a_force_cleared_outcome_and_nothing_after_is_a_bare_watchdog_abort() -> None:
    assert _primaries(ABORT, OUTCOME) == ["RC01"]
    timed = [_timed("09:14:02", ABORT.replace("action=", f"sessionKey={KEY} action=")),
             _timed("09:14:02", OUTCOME.replace("action=", f"sessionKey={KEY} action="))]
    assert _primaries(*timed) == ["RC01"]


def test_released_zero_beside_queued_work_that_never_starts_stays_ineffective_recovery() -> None:
    # (the boundary: a queueDepth above 0 on the recovery line, and no later line showing the queued work starting)
    assert _primaries(ABORT.replace("released=0", "released=0 queueDepth=3"), OUTCOME) == ["RC06"]
    timed = [_timed("09:14:02", ABORT.replace("action=", f"sessionKey={KEY} queueDepth=2 action=")),
             _timed("09:14:02", OUTCOME.replace("action=", f"sessionKey={KEY} action="))]
    assert _primaries(*timed) == ["RC06"]


def test_a_stall_for_the_same_session_after_the_abort_stays_ineffective_recovery() -> None:
    # (the boundary: the stall did not clear after the abort)
    lines = [_timed("09:14:02", ABORT.replace("action=", f"sessionKey={KEY} age=371s action=")),
             _timed("09:14:02", OUTCOME.replace("action=", f"sessionKey={KEY} action=")),
             _timed("09:16:32", f"stalled session: sessionKey={KEY} age=150s classification=stalled_agent_run "
                                "activeWorkKind=embedded_run lastProgress=embedded_run:recovery_skipped_active_owner "
                                "recovery=checking")]
    assert _primaries(*lines) == ["RC06"]


def test_an_ageless_abort_of_a_cli_backend_turn_is_a_detector_false_positive() -> None:
    # (as under "watchdog abort of a run at the abort point": a CLI backend named for the turn reports no progress)
    cli = (f"2026-07-08T09:08:01Z [agent/cli-backend] cli exec: provider=claude-cli model=opus promptChars=111 "
           f"trigger=user sessionKey={KEY}")
    assert _primaries(cli, _timed("09:14:02", ABORT.replace("action=", f"sessionKey={KEY} action="))) == ["RC04"]
