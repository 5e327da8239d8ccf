"""Session identity: one session however the log names it.

A session is named by its sessionKey when one is known; sessionIds, runIds, lanes
(``session:<key>``) and lock paths (``.../<sessionId>.jsonl.lock``) are linked to it as
the links appear. Weak ids (``unknown``, ``main``, short names) never link two sessions,
nor do elided ones (``sessionKey=agent:main:telegram:direct:…``, ``sessionId=<id>``):
:func:`stuckscan.events.usable_name` refuses them. A *partly* elided name
(``sessionId=0829a221…``) names the one session seen in full whose name starts (and ends)
with what is left, if exactly one such name is known (:class:`PrefixIndex`); otherwise
it stays unknown. A warning whose only names are elided gets a name of its own stall
(:class:`ElidedStalls`): two sessions both printed as ``agent:main:telegram:direct:…``
stay two incidents; any other line named only by elided ids gets a name of its own
(``<…> @file:line``), shared with no other line. All maps are bounded (least recently used entries are forgotten) so
memory does not grow with the length of the log.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from stuckscan.events import Event, elided_parts, usable_name

K = TypeVar("K")
V = TypeVar("V")

Names = tuple[str | None, str | None, str | None]  # (sessionKey, sessionId, runId)
LINE_ONLY = " @"  # in the name given to one line whose only ids were elided: ``<elided> @file:line``


def is_line_only(identity: str) -> bool:
    """Whether ``identity`` is the name of one line whose ids were all elided."""
    return LINE_ONLY in identity
WEAK_IDS = frozenset({"unknown", "main", "default", "global", "none", "null", "n/a", "undefined", "-", ""})
MIN_STRONG_ID_LENGTH = 6


class BoundedMap(Generic[K, V]):
    """A dict that forgets its least recently touched entries beyond ``capacity``."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._data: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._data.get(key)
        if value is not None:
            self._data.move_to_end(key)
        return value

    def set(self, key: K, value: V) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)

    def pop(self, key: K) -> V | None:
        return self._data.pop(key, None)

    def __contains__(self, key: object) -> bool:
        """Whether ``key`` is held (without touching its place in the eviction order)."""
        return key in self._data

    def __len__(self) -> int:
        return len(self._data)

    def items(self) -> Iterator[tuple[K, V]]:
        """Every entry, most recently touched first, without touching any."""
        return reversed(self._data.items())


def is_strong_id(value: str | None) -> bool:
    return value is not None and value.lower() not in WEAK_IDS and len(value) >= MIN_STRONG_ID_LENGTH


# A partly elided name must keep this much of its last ``:`` segment (or of an id without
# ``:``) to be matched: ``agent:main:telegram:direct:…`` keeps nothing of the peer.
MIN_KEPT_SEGMENT = 4
MIN_KEPT_ID = MIN_STRONG_ID_LENGTH
_BUCKET_LIMIT = 8  # names per bucket; a fuller bucket cannot name one session


class PrefixIndex:
    """The names seen in full (at most ``capacity``, least recently added forgotten),
    found again from a partly elided form of one.

    Each name is filed under buckets: for a name without ``:`` its first
    :data:`MIN_KEPT_ID` characters; for a session key, the text through each ``:`` plus
    the next :data:`MIN_KEPT_SEGMENT` characters. An elided form is looked up in the one
    bucket its kept prefix gives, so a lookup costs the same however many names are known.
    """

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self.names: dict[str, None] = {}  # insertion order: oldest first
        self._buckets: dict[str, list[str]] = {}

    def add(self, name: str) -> None:
        if name in self.names:
            return
        self.names[name] = None
        for bucket in _buckets_of(name):
            members = self._buckets.setdefault(bucket, [])
            if len(members) <= _BUCKET_LIMIT:
                members.append(name)
        if len(self.names) > self.capacity:
            self._forget(next(iter(self.names)))

    def _forget(self, name: str) -> None:
        del self.names[name]
        for bucket in _buckets_of(name):
            members = self._buckets.get(bucket)
            if members is None:
                continue
            if name in members:
                members.remove(name)
            if not members:
                del self._buckets[bucket]

    def complete(self, elided: str) -> str | None:
        """The one known name that ``elided`` (a partly elided form) can stand for, else None."""
        parts = elided_parts(elided)
        if parts is None:
            return None
        prefix, suffix = parts
        bucket = _lookup_bucket(prefix)
        if bucket is None:
            return None
        members = self._buckets.get(bucket, ())
        if len(members) > _BUCKET_LIMIT:
            return None
        found = [name for name in members if name.startswith(prefix) and name.endswith(suffix)
                 and len(name) >= len(prefix) + len(suffix)]
        return found[0] if len(found) == 1 else None

    def __len__(self) -> int:
        return len(self.names)


def _buckets_of(name: str) -> list[str]:
    if ":" not in name:
        return [name[:MIN_KEPT_ID]] if len(name) >= MIN_KEPT_ID else []
    buckets = []
    colon = name.find(":")
    while colon >= 0:
        end = colon + 1 + MIN_KEPT_SEGMENT
        if end <= len(name):
            buckets.append(name[:end])
        colon = name.find(":", colon + 1)
    return buckets


def _lookup_bucket(prefix: str) -> str | None:
    """The bucket an elided name's kept ``prefix`` falls in, or None when too little is kept."""
    if ":" not in prefix:
        return prefix[:MIN_KEPT_ID] if len(prefix) >= MIN_KEPT_ID else None
    start = prefix.rfind(":") + 1
    if len(prefix) - start < MIN_KEPT_SEGMENT:
        return None
    return prefix[:start + MIN_KEPT_SEGMENT]


# Warnings of one stall give the same onset (time - age) within this much: the heartbeat's
# jitter and age rounding (the correlator's same-stall slack).
SAME_STALL_SLACK = timedelta(seconds=90)
_STALLS_PER_NAME = 16


class ElidedStalls:
    """Names for the stalls of sessions whose names were elided. A warning that names its
    session only as ``agent:main:telegram:direct:…`` belongs to the stall whose onset (its
    time minus its ``age``) it shares, or, without a time, to the one whose age it continues;
    otherwise it starts a new one. The name is the elided text and the stall's ordinal
    (``agent:main:telegram:direct:… #2``): never a name the log uses, so it links nothing."""

    def __init__(self, capacity: int = 1_000) -> None:
        # elided text -> [ordinal, onset or None, last age] of its recent stalls
        self._stalls: BoundedMap[str, list[list]] = BoundedMap(capacity)
        self._ordinals: BoundedMap[str, int] = BoundedMap(capacity)

    def name(self, elided: str, moment: datetime | None, age: float) -> str:
        onset = moment - timedelta(seconds=age) if moment is not None else None
        stalls = self._stalls.get(elided)
        if stalls is None:
            stalls = []
            self._stalls.set(elided, stalls)
        for stall in reversed(stalls):
            ordinal, known_onset, last_age = stall
            if onset is not None and known_onset is not None:
                same = abs(onset - known_onset) <= SAME_STALL_SLACK
            else:
                same = age >= last_age
            if same:
                stall[1] = known_onset if known_onset is not None else onset
                stall[2] = age
                return f"{elided} #{ordinal}"
        ordinal = (self._ordinals.get(elided) or 0) + 1
        self._ordinals.set(elided, ordinal)
        stalls.append([ordinal, onset, age])
        if len(stalls) > _STALLS_PER_NAME:
            stalls.pop(0)
        return f"{elided} #{ordinal}"


class IdentityResolver:
    """Learns links between sessionKeys, sessionIds and runIds; resolves an event's session."""

    def __init__(self, capacity: int = 50_000) -> None:
        self.key_of_session_id: BoundedMap[str, str] = BoundedMap(capacity)
        self.session_id_of_run: BoundedMap[str, str] = BoundedMap(capacity)
        self.key_of_run: BoundedMap[str, str] = BoundedMap(capacity)
        self.known_keys = PrefixIndex(min(capacity, 10_000))
        self.known_session_ids = PrefixIndex(min(capacity, 10_000))
        self.elided_stalls = ElidedStalls(min(capacity, 1_000))

    def names(self, event: Event) -> Names:
        """(sessionKey, sessionId, runId) as the event itself states them."""
        return event.identity_names()

    def learn(self, event: Event) -> Names:
        """Learn the links the event states; returns its :meth:`names`."""
        names = key, session_id, run_id = self.names(event)
        if key and key not in self.known_keys.names:  # (membership first: most names are known already)
            self.known_keys.add(key)
        if session_id and not is_strong_id(session_id):
            session_id = None
        if session_id and session_id not in self.known_session_ids.names:
            self.known_session_ids.add(session_id)
        if key and session_id:
            self.key_of_session_id.set(session_id, key)
        if run_id and session_id:
            self.session_id_of_run.set(run_id, session_id)
        if run_id and key:
            self.key_of_run.set(run_id, key)
        return names

    def resolve(self, event: Event, names: Names | None = None) -> Names:
        """The event's (sessionKey, sessionId, runId), filling gaps from learned links
        (``names``: the event's :meth:`names`, if already known)."""
        key, session_id, run_id = names if names is not None else self.names(event)
        elided_key = elided_id = None
        # Only an event that names no session may name it elided; the substring test spares the
        # field reads (a lazy event's peeks) for the many lines with none of these fields.
        maybe_elided = "ession" in event.message or "runId" in event.message or event.meta is not None
        if key is None and session_id is None and maybe_elided:
            elided_key, elided_id = _elided(event, "sessionKey"), _elided(event, "sessionId")
            if elided_key is not None:
                key = self.known_keys.complete(elided_key)
            if key is None and elided_id is not None:
                session_id = self.known_session_ids.complete(elided_id)
        if session_id is None and run_id:
            session_id = self.session_id_of_run.get(run_id)
        if key is None and session_id and is_strong_id(session_id):
            # A compaction run that was given no run id is logged under the session's id
            # (``runId = params.runId ?? params.sessionId``, src/agents/pi-embedded-runner/compact.ts):
            # a run id equal to a session id names that session.
            key = self.key_of_session_id.get(session_id) or self.key_of_run.get(session_id)
        if key is None and run_id:
            key = self.key_of_run.get(run_id)
        if key is None and session_id is None and run_id is None and maybe_elided:
            elided = elided_key or elided_id
            age = event.seconds.get("age") if elided else None
            if age is not None:  # a warning (or recovery) with only elided names: its stall's name
                key = self.elided_stalls.name(elided, event.time, age)  # type: ignore[arg-type]
            elif elided_id is not None and (kept := _distinct_kept_id(elided_id)) is not None:
                # A session id cut after a prefix of its own ("6b994666..."): that prefix names one session in a
                # paste (eight hex digits do not repeat by chance), so its lines are that session's.
                session_id = kept
            elif not elided and (elided_run := _elided(event, "runId")) is not None \
                    and (kept := _distinct_kept_id(elided_run)) is not None:
                run_id = kept  # (likewise a run id: "runId=3f0c9a1e…")
            elif elided or (elided := _elided(event, "runId")) is not None:
                # Any other line named only by elided ids names a session of its own, for this line
                # alone: never one it could share with another line.
                run_id = f"{elided}{LINE_ONLY}{event.location}"
        return key, session_id, run_id

    def identity(self, event: Event) -> str | None:
        """A stable name for the event's session: ``key:<sessionKey>``, ``id:<sessionId>`` or ``run:<runId>``."""
        key, session_id, run_id = self.resolve(event)
        return identity_of(key, session_id, run_id)


_DISTINCT_PREFIX = re.compile(r"[0-9a-f]{8}(?:-[0-9a-f]{1,12}){0,4}-?")


def _distinct_kept_id(elided: str) -> str | None:
    """The name an id cut after a distinctive prefix keeps (``6b994666...`` -> ``6b994666…``): eight or more hex
    digits of a UUID or run id before the cut, whatever mark the reporter used; None for a placeholder or a short cut."""
    parts = elided_parts(elided)
    if parts is None or _DISTINCT_PREFIX.fullmatch(parts[0]) is None:
        return None
    return f"{parts[0]}…{parts[1]}"


def _elided(event: Event, field_name: str) -> str | None:
    """The event's ``field_name`` when it is there but elided (peeked, not tokenized, on a
    ``parser.LazyEvent``), else None."""
    value = event.get(field_name)
    if not isinstance(value, str) or not value or value.lower() in ("unknown", "n/a"):
        return None
    return value if usable_name(value) is None else None


def identity_of(key: str | None, session_id: str | None, run_id: str | None) -> str | None:
    if key:
        return f"key:{key}"
    if session_id:
        return f"id:{session_id}"
    if run_id:
        return f"run:{run_id}"
    return None
