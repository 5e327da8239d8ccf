"""Incident building blocks shared by the rule scenarios.

They compose ``watch`` lines with the recovery lines of
``diagnostic-stuck-session-recovery`` so every scenario follows the same
timing: 30 s ticks, warn at 120 s, abort eligibility at 360 s, recovery lines
after the 15 s abort+drain settle window.
"""
from __future__ import annotations

from datetime import datetime

from . import messages as m
from .clock import ms, secs
from .timeline import Timeline
from .watch import ABORT_AGE, Watch, stalled_ticks, warn

SETTLE_S = 15.0


def recovery(tl: Timeline, w: Watch, tick: datetime, age: int, *, aborted: bool = True,
             drained: bool = True, released: int = 1, force_cleared: bool = False,
             status: str = "aborted", action: str = "abort_embedded_run",
             settle_s: float = SETTLE_S, active_session: bool = True) -> datetime:
    """``stuck session recovery:`` and its outcome line, after the settle window."""
    s = w.session
    at = tick + secs(settle_s)
    tl.diag(at, "warn", m.recovery_action(w.sid, s.key, age, action, aborted, drained, released))
    tl.diag(at + ms(1), "warn", m.recovery_outcome(
        status, action, w.sid, s.key, active_session_id=w.sid if active_session else None,
        active_work_kind=w.kind, lane=s.lane, aborted=aborted, drained=drained,
        force_cleared=force_cleared, released=released))
    return at + ms(1)


def stalled_until_abort(tl: Timeline, w: Watch, ticks: list[datetime], *, reason: str,
                        classification: str, abort_age: int = ABORT_AGE,
                        until: datetime | None = None, **recovery_kw) -> datetime | None:
    """``stalled session`` on every tick once progress is 120 s old:
    ``recovery=none`` below the abort age, ``checking`` from it; the first
    abort-eligible tick runs the recovery.  Returns when recovery finished
    (``None`` if the window ends first)."""
    for tick in stalled_ticks(ticks, w, until=until):
        age = w.age(tick)
        eligible = age >= abort_age
        warn(tl, w, tick, "stalled session", reason=reason, classification=classification,
             recovery="checking" if eligible else "none")
        if eligible:
            return recovery(tl, w, tick, age, **recovery_kw)
    return None


def stalled_every_tick(tl: Timeline, w: Watch, ticks: list[datetime], *, reason: str,
                       classification: str, recovery_from: int | None = ABORT_AGE,
                       until: datetime | None = None) -> list[datetime]:
    """``stalled session`` on every tick with no recovery action; returns the ticks."""
    fired = stalled_ticks(ticks, w, until=until)
    for tick in fired:
        state = "checking" if recovery_from is not None and w.age(tick) >= recovery_from else "none"
        warn(tl, w, tick, "stalled session", reason=reason, classification=classification, recovery=state)
    return fired
