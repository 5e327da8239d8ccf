"""The lifecycle lane: turn-lifecycle lines of sessions nobody watches, handled without the correlator's dispatch.

Most lines of a busy gateway log are the routine lifecycle of a turn (message queued, lane
dequeue, session state, embedded run start/tool/done, run registered/cleared, message
processed). For a session with no open incident, no recently closed one, and no pending
run timeout, :meth:`stuckscan.correlator.Correlator.feed` does only four things with such
a line (docs/performance.md, "What the correlator needs"): it learns the identity links
the line states, files the line in the session's history ring (an incident's prelude if
the session stalls later), keeps a session lane's last task lines, and marks an open
gateway episode as serving again (or its work as answered). :func:`absorb` does exactly
those, on the correlator's own maps (same calls, same order, same least-recently-used
bookkeeping); anything else goes to :meth:`Correlator.feed` as before.

The fast path (:mod:`stuckscan.fastscan`) hands the lane's lines over in runs
(:class:`LaneRun`: the lines' events and the times of the skipped lines between them, in
file order) wrapped in a :class:`LaneBatch`, an item the correlator feeds to itself
(``Correlator.feed`` calls :meth:`LaneBatch.feed_into`): the decision needs the
correlator's state at that line, so it is made while the correlator reads. A consumer
that is not a correlator (a list of the events) gets the same events one by one after
the batch, which then does nothing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from stuckscan import correlator as _c
from stuckscan._identity import identity_of
from stuckscan.events import (
    ATTENTION_LABELS,
    GENERIC_KIND,
    LONE_TIMEOUT_COMPANIONS,
    NEXT_RUN_KINDS,
    NOTE_KIND,
    UNPARSED_KIND,
    Event,
)

if TYPE_CHECKING:
    from stuckscan.correlator import Change, Correlator
    from stuckscan.fastscan import SweepShadow

# Kinds the lane may take. Each is, for the correlator, at most session evidence, a lane task,
# a serving sign or a lane enqueue: never a warning, recovery, gateway trouble, marker, fault
# signal or anything else it reacts to by kind (checked below when this module is imported).
LANE_KINDS = frozenset({
    "message.queued", "message.processed", "lane.enqueue", "lane.dequeue", "lane.task_done", "session.state",
    "embedded.run_start", "embedded.run_done", "embedded.run_end", "embedded.tool_start", "embedded.tool_end",
    "embedded.agent_end", "embedded.prompt_start", "embedded.prompt_end", "embedded.agent_start",
    "run.registered", "run.cleared",
})
_SESSION_KINDS = LANE_KINDS & _c.SESSION_EVIDENCE_KINDS
_ENQUEUE = "lane.enqueue"
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
SWEEP_US = _c.SWEEP_EVERY // timedelta(microseconds=1)
_AGENT_END = "embedded.agent_end"
_ANSWERED = _c.ANSWERED_KINDS
_PROGRESS = _c.PROGRESS_KINDS
# Lane kinds beside which a run timeout is still lone (``Correlator._other_lines``: the run's end, its state going idle).
_NOT_COUNTED = LANE_KINDS & LONE_TIMEOUT_COMPANIONS


def _kinds_the_lane_must_refuse() -> frozenset[str]:
    return (frozenset(ATTENTION_LABELS) | _c.RECOVERY_KINDS | _c.GATEWAY_TROUBLE_KINDS | _c.LIFECYCLE_KINDS
            | _c.HEARTBEAT_PROOF_KINDS | _c.BUILD_HINT_KINDS | _c.RECALL_LOOKALIKE_KINDS | _c.TIME_ATTRIBUTABLE_KINDS
            | _c.SIGNAL_KINDS | _c.RECOVERY_SIDE_EFFECT_KINDS
            | {"ws.response", "memory.recall", "liveness.work_item", "lane.task_error", NOTE_KIND, GENERIC_KIND,
               UNPARSED_KIND})


_OVERLAP = LANE_KINDS & _kinds_the_lane_must_refuse()
if _OVERLAP or not _c.SERVING_KINDS <= _SESSION_KINDS or not _c.LANE_TASK_KINDS - {"lane.task_error"} <= _SESSION_KINDS:
    raise RuntimeError(f"the lifecycle lane cannot take these kinds exactly: {sorted(_OVERLAP)}")  # pragma: no cover


def eligible(event: Event) -> bool:
    """Whether ``event`` may go to the lane at all (what it holds, not whose it is): a timed
    line of a lane kind the correlator would keep as it is (``correlator.bounded_event``),
    that cannot be a fault signal (an agent end on a model timeout is one)."""
    if event.kind not in LANE_KINDS or event.time is None or event.meta is not None:
        return False
    message = event.message
    if len(message) > _c.MAX_KEPT_TEXT or event.fields_at_most() > _c.MAX_KEPT_FIELDS:
        return False
    # (an error text the tokenizer reads from the message is part of it: no "timed out" in the
    # message, no model timeout in its fields)
    return event.kind != _AGENT_END or ("timed out" not in message.lower() and "\\" not in message)


def absorb(correlator: Correlator, event: Event) -> bool:
    """Do what :meth:`Correlator.feed` would do with ``event`` (an :func:`eligible` line) and
    return True, if its session is not watched; else return False having changed nothing
    that feeding it afterwards would not do again the same way (learning a line's links
    and resolving its names twice in a row leaves the maps as once)."""
    names = correlator.ids.learn(event)
    kind = event.kind
    if kind == _ENQUEUE:
        if not _enqueue_is_routine(correlator, event):
            return False
    elif kind in _SESSION_KINDS:
        key, session_id, run_id = correlator.ids.resolve(event, names)
        identity = identity_of(key, session_id, run_id)
        if identity is not None and _watched(correlator, event, identity, key, session_id, run_id):
            return False
        if kind in _c.LANE_TASK_KINDS:
            if correlator.pending_timeouts:
                return False  # (it may end a run timeout's wait, and a task that lasted the run's budget is a finding)
            correlator._note_lane_task(event)
        served = None  # (the channel the line names, read once: _c.served_channel)
        if kind in _c.SERVING_KINDS:
            episode = correlator.open_episode
            if episode is not None and episode.end is not None and event.time > episode.end:  # type: ignore[operator]
                episode.served_after = event.time
                served = _c.served_channel(event)
                _c.note_channel_moment(episode.served_by, event, event.time, channel=served)  # type: ignore[arg-type]
        if kind in _ANSWERED:
            episode = correlator.open_episode
            if episode is not None:
                _c.note_answered(episode, event, served)
        if kind in _PROGRESS:
            episode = correlator.open_episode
            if episode is not None:
                _c.note_progress(episode, event, served)
        if identity is not None:  # (an unnamed routine line is no unattributed evidence: no time-attributable kind)
            history = correlator.history.get(identity)
            if history is None:
                history = deque(maxlen=correlator.limits.history_per_session)
                correlator.history.set(identity, history)
            history.append(event)
    if kind not in _NOT_COUNTED:
        correlator._other_lines += 1  # (as ``Correlator.feed`` counts it: a run timeout before it is no longer lone)
    event.compact()
    return True


def _enqueue_is_routine(correlator: Correlator, event: Event) -> bool:
    """Whether a lane enqueue can neither join nor open a lane-stall finding
    (``Correlator._on_lane_enqueue``): the lane has no task lines, its last task line is not
    a dequeue with a time, and no finding of the lane is open."""
    lane = event.get("lane")
    tasks = correlator.lane_tasks.get(lane) if isinstance(lane, str) else None
    if not tasks:
        return True
    last = tasks[-1]
    if last.kind in _c.LANE_TAKEN_KINDS and last.time is not None:
        return False
    return f"lane:{lane}" not in correlator.open


def _watched(correlator: Correlator, event: Event, identity: str, key: str | None, session_id: str | None,
             run_id: str | None) -> bool:
    """Whether the correlator does more with this session's line than keep it: an incident is
    open under one of its names, its last incident is one a later line may reopen or extend
    (``Correlator.last_closed``: trailing evidence, lines counted after the close), or the
    line is a run's cleanup while a run timeout or an unattributed finding waits for one, or a run's line while a run
    timeout waits (the session's next run ends the wait: ``Correlator._end_timeouts_by_next_run``)."""
    open_records = correlator.open
    if open_records:
        for alias in correlator._aliases(identity, key, session_id, run_id):
            if alias in open_records:
                return True
    if identity in correlator.last_closed:
        return True
    if correlator.pending_timeouts and event.kind in NEXT_RUN_KINDS and run_id is not None:
        return True
    return bool(correlator.pending_timeouts or _c.UNATTRIBUTED in open_records) and correlator._is_cleanup(event)


class LaneRun(list):  # type: ignore[type-arg]
    """Fast-path items in file order: ``(epoch microseconds, event)`` for a lane line, an
    ``int`` (the time of a skipped line) for the others."""

    __slots__ = ()


class LaneBatch(Event):
    """A :class:`LaneRun` as one item of the event stream; the correlator feeds it to itself."""

    __slots__ = ("entries", "shadow", "keep", "consumed")

    def __init__(self, entries: LaneRun, shadow: SweepShadow, keep: Callable[[datetime | None], bool] | None) -> None:
        last = next((entry[1] for entry in reversed(entries) if entry.__class__ is tuple), None)
        super().__init__(shadow.source if last is None else last.source, 0 if last is None else last.line,
                         None, None, None, _c.BATCH_KIND, "", "batch")
        self.entries = entries
        self.shadow = shadow
        self.keep = keep
        self.consumed = False

    def feed_into(self, correlator: Correlator) -> list[Change]:
        """Feed the run to ``correlator``: the ticks its lines' times call for, each lane line
        it watches, and the others absorbed; returns what changed."""
        if self.consumed:
            return []
        self.consumed = True
        changes: list[Change] = []
        shadow, keep, feed = self.shadow, self.keep, correlator.feed
        skipped: list[int] = []
        for entry in self.entries:
            if entry.__class__ is int:
                skipped.append(entry)
                continue
            if skipped:
                _feed_ticks(feed, shadow.skipped(_kept(skipped, keep)), changes)
                skipped = []
            value, event = entry
            if keep is not None and not keep(event.time):
                continue
            last = shadow.last
            if last is not None and value - last < SWEEP_US:  # the line cannot sweep: only the clock moves
                if shadow.now is None or value > shadow.now:
                    shadow.now = value
            else:
                _feed_ticks(feed, shadow.skipped([value]), changes)
            if absorb(correlator, event):
                continue
            tick = shadow.before(event)
            if tick is not None:
                changes.extend(feed(tick))
            changes.extend(feed(event))
        if skipped:
            _feed_ticks(feed, shadow.skipped(_kept(skipped, keep)), changes)
        return changes


def _kept(times: list[int], keep: Callable[[datetime | None], bool] | None) -> list[int]:
    return times if keep is None else [value for value in times if keep(_EPOCH + timedelta(microseconds=value))]


def _feed_ticks(feed: Callable[[Event], list[Any]], ticks: list[Event], changes: list[Any]) -> None:
    for tick in ticks:
        changes.extend(feed(tick))
