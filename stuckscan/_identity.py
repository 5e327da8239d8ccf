"""Session identity: one session however the log names it.

A session is named by its sessionKey when one is known; sessionIds, runIds, lanes
(``session:<key>``) and lock paths (``.../<sessionId>.jsonl.lock``) are linked to it as
the links appear. Weak ids (``unknown``, ``main``, short names) never link two sessions.
All maps are bounded (least recently used entries are forgotten) so memory does not
grow with the length of the log.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar

from stuckscan.events import Event

K = TypeVar("K")
V = TypeVar("V")

Names = tuple[str | None, str | None, str | None]  # (sessionKey, sessionId, runId)
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

    def __len__(self) -> int:
        return len(self._data)


def is_strong_id(value: str | None) -> bool:
    return value is not None and value.lower() not in WEAK_IDS and len(value) >= MIN_STRONG_ID_LENGTH


class IdentityResolver:
    """Learns links between sessionKeys, sessionIds and runIds; resolves an event's session."""

    def __init__(self, capacity: int = 50_000) -> None:
        self.key_of_session_id: BoundedMap[str, str] = BoundedMap(capacity)
        self.session_id_of_run: BoundedMap[str, str] = BoundedMap(capacity)
        self.key_of_run: BoundedMap[str, str] = BoundedMap(capacity)

    def names(self, event: Event) -> Names:
        """(sessionKey, sessionId, runId) as the event itself states them."""
        return event.identity_names()

    def learn(self, event: Event) -> Names:
        """Learn the links the event states; returns its :meth:`names`."""
        names = key, session_id, run_id = self.names(event)
        if session_id and not is_strong_id(session_id):
            session_id = None
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
        if session_id is None and run_id:
            session_id = self.session_id_of_run.get(run_id)
        if key is None and session_id and is_strong_id(session_id):
            key = self.key_of_session_id.get(session_id)
        if key is None and run_id:
            key = self.key_of_run.get(run_id)
        return key, session_id, run_id

    def identity(self, event: Event) -> str | None:
        """A stable name for the event's session: ``key:<sessionKey>``, ``id:<sessionId>`` or ``run:<runId>``."""
        key, session_id, run_id = self.resolve(event)
        return identity_of(key, session_id, run_id)


def identity_of(key: str | None, session_id: str | None, run_id: str | None) -> str | None:
    if key:
        return f"key:{key}"
    if session_id:
        return f"id:{session_id}"
    if run_id:
        return f"run:{run_id}"
    return None
