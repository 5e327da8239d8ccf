"""What the diagnostic heartbeat sees for a session, and the lines it writes.

A ``Watch`` holds the facts the detector works from (processing since, the
history of progress events, queue depth, active tool …); helpers turn them
into ``stuck``/``stalled``/``long-running session:`` lines with consistent
ages and pick the ticks on which each label fires (every tick for
``stalled``, back-off 120/240/480 s for ``stuck`` and ``long-running``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from . import messages as m
from .clock import js_round_s, ms
from .flows import Run, Session
from .timeline import Timeline

WARN = timedelta(seconds=120)
ABORT_AGE = 360
_TERMINAL_MARKERS = ("response.completed", "rawResponseItem/completed",
                     "raw_response_item.completed", "output_item.done")


def is_terminal(progress: str) -> bool:
    """Values for which the detector prints ``terminalProgressStale=true``."""
    return progress in ("run:completed", "embedded_run:ended") or any(
        marker in progress for marker in _TERMINAL_MARKERS)


@dataclass
class Watch:
    session: Session
    started: datetime
    history: list = field(default_factory=list)   # [(time, lastProgress value)]
    kind: str | None = "embedded_run"    # None: no active work tracked
    queue_depth: int | None = None   # None: count queued messages from the timeline
    tool: str | None = None
    tool_call: str | None = None
    tool_since: datetime | None = None
    repeated_since: datetime | None = None
    session_id: str | None = None   # override, e.g. "unknown"

    @classmethod
    def of(cls, run: Run, **extra) -> "Watch":
        """Watch a run; later progress recorded on the run stays visible."""
        return cls(run.session, run.started, run.progress, **extra)

    @classmethod
    def manual(cls, session: Session, started: datetime, last_at: datetime, last: str,
               **extra) -> "Watch":
        return cls(session, started, [(last_at, last)], **extra)

    def progress(self, tick: datetime) -> tuple[datetime, str]:
        seen = [entry for entry in self.history if entry[0] <= tick]
        return seen[-1] if seen else self.history[0]

    def last_age(self, tick: datetime) -> int:
        return js_round_s(tick - self.progress(tick)[0])

    def age(self, tick: datetime) -> int:
        ages = [js_round_s(tick - self.started), self.last_age(tick)]
        if self.repeated_since is not None:
            ages.append(js_round_s(tick - self.repeated_since))
        return max(ages)

    def depth(self, tl: Timeline, tick: datetime) -> int:
        if self.queue_depth is not None:
            return self.queue_depth
        return sum(1 for b in tl.busy if b.key == self.session.key and b.kind == "queued" and b.covers(tick))

    @property
    def sid(self) -> str:
        return self.session_id or self.session.session_id


def line(tl: Timeline, w: Watch, tick: datetime, label: str, *, reason: str | None,
         classification: str | None, recovery: str | None, progress: bool = True,
         state: str = "processing") -> str:
    """The attention message for ``w`` at ``tick`` (``progress=False``: no lastProgress fields)."""
    tool_age = js_round_s(tick - w.tool_since) if w.tool_since else None
    repeated = js_round_s(tick - w.repeated_since) if w.repeated_since else None
    last = w.progress(tick)[1]
    detailed = progress and classification is not None
    return m.session_attention(
        label, w.sid, w.session.key, state, w.age(tick), w.depth(tl, tick),
        reason=reason, classification=classification,
        active_work_kind=w.kind if classification and w.kind else None,
        last_progress=last if detailed else None,
        last_progress_age=w.last_age(tick) if detailed else None,
        active_tool=w.tool if detailed else None, active_tool_call_id=w.tool_call if detailed else None,
        active_tool_age=tool_age if detailed else None,
        repeated_request_age=repeated if detailed else None,
        terminal_stale=detailed and is_terminal(last), recovery=recovery)


def warn(tl: Timeline, w: Watch, tick: datetime, label: str, *, reason: str | None = None,
         classification: str | None = None, recovery: str | None = None, level: str | None = None,
         progress: bool = True, state: str = "processing") -> int:
    """Write one attention line 2 ms after the tick; returns the printed age.

    The level is W, except ``long-running session`` with an empty queue (D).
    """
    if level is None:
        quiet = label == "long-running session" and w.depth(tl, tick) <= 0
        level = "debug" if quiet else "warn"
    tl.diag(tick + ms(2), level, line(tl, w, tick, label, reason=reason, classification=classification,
                                      recovery=recovery, progress=progress, state=state))
    return w.age(tick)


def old_stuck(tl: Timeline, w: Watch, tick: datetime) -> int:
    """Pre-2026-04-13 ``stuck session:`` (no reason, no recovery)."""
    return warn(tl, w, tick, "stuck session")


def stalled_ticks(ticks: list[datetime], w: Watch, until: datetime | None = None,
                  threshold: timedelta = WARN) -> list[datetime]:
    """Ticks where progress is older than the threshold (stalled repeats each tick)."""
    return [t for t in ticks if t - w.progress(t)[0] >= threshold and (until is None or t < until)]


def backoff_ticks(ticks: list[datetime], w: Watch, until: datetime | None = None,
                  threshold: int = 120) -> list[datetime]:
    """Ticks where a backing-off warning fires: age ≥ threshold, then
    age ≥ max(last + threshold, 2 × last)."""
    out: list[datetime] = []
    last_age: int | None = None
    for tick in ticks:
        if until is not None and tick >= until:
            break
        if tick < w.started:
            continue
        age = w.age(tick)
        due = threshold if last_age is None else max(last_age + threshold, 2 * last_age)
        if age >= due:
            out.append(tick)
            last_age = age
    return out
