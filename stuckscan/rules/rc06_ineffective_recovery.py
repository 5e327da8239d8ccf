"""RC06: a recovery action ran, yet the session stayed stuck (or its queued work was dropped)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stuckscan.model import Confidence, RecoveryVerdict, Severity
from stuckscan.rules._detect import Candidate, cite, first_time
from stuckscan.rules._rule import Fix, FixContext, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import IncidentView


def _still_stuck(context: FixContext) -> bool:
    return not context.view.cleared


def _queued(context: FixContext) -> bool:
    return context.view.record.max_queue_depth > 0 or bool(context.fact("undelivered"))


RULE = Rule(
    "RC06", "ineffective-recovery", "Recovery ran but did not free the lane",
    "A recovery action was taken, yet the session stayed stuck.",
    "error (messages queued during the wedge may be lost)", Severity.ERROR, "session",
    ("`stuck session recovery outcome: status=aborted ... released=0` (or `forceCleared=true released=0`) "
     "followed by more `stalled/stuck session:` lines for the same session",
     "an abort followed only by `status=skipped action=keep_lane` outcomes",
     "`visible channel turn dispatched with no queued reply payloads`"),
    ("warnings continue for more than about two heartbeats after the recovery", "`released=0` with `queueDepth>0`"),
    (Fix("Restart the gateway or `/reset` the conversation now.", _still_stuck, "the session is still stuck when the log ends"),
     Fix("Messages queued during the wedge may be lost: tell the affected users.", _queued, "messages were queued"),
     Fix("Upgrade to a build with PR #91802 / #89298.")),
    ("#92270", "#145152", "#91802", "#89298"),
    confirm="A longer log would show whether warnings for the session went on after the recovery.",
)


def detect(view: IncidentView) -> Candidate | None:
    not_freed = [r for r in view.record.recoveries if r.verdict is RecoveryVerdict.NOT_FREED]
    empty = view.events("dispatch.empty_reply")
    if not not_freed and not empty:
        return None
    continued = any("continued" in r.verdict_reason for r in not_freed)
    confidence = Confidence.HIGH if continued or (not_freed and empty) else Confidence.MEDIUM
    first = not_freed[0] if not_freed else None
    reason = first.verdict_reason if first else "a turn was dispatched with no queued reply payloads"
    after = [w for w in view.warnings if first and first.time and w.time and w.time > first.time][-1:]
    return Candidate(
        "RC06", confidence,
        f"Recovery ran ({first.action if first else 'dispatch'}) but did not free the session: {reason}. "
        "Messages queued during the wedge may be lost.",
        cite([e for r in not_freed[:2] for e in r.events], after, empty[:2]),
        onset=first.time if first else first_time(empty), explains_stall=False,
    )
