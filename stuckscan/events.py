"""The typed event: what every parsed log line becomes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

FieldValue = Any  # str | int | float | bool | None | list[str]

GENERIC_KIND = "generic"
UNPARSED_KIND = "unparsed"


@dataclass(slots=True)
class Event:
    """One log line, parsed.

    ``fields`` holds typed values (units stripped: ``age=757s`` -> 757); ``raw`` holds
    the text as printed; ``seconds`` holds every duration normalised to seconds.
    """

    source: str
    line: int
    time: datetime | None
    level: str | None
    subsystem: str | None
    kind: str
    message: str
    shape: str
    fields: dict[str, FieldValue] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    meta: dict[str, Any] | None = None
    truncated: bool = False

    def get(self, key: str, default: FieldValue = None) -> FieldValue:
        return self.fields.get(key, default)

    def has(self, key: str) -> bool:
        return key in self.fields

    def identity_names(self) -> tuple[str | None, str | None, str | None]:
        """(sessionKey, sessionId, runId) as the event itself states them: the first usable
        text value of ``sessionKey``/``laneSessionKey``, ``sessionId``/``lockSessionId``/
        ``activeSessionId`` and ``runId`` (``unknown``, ``n/a`` and empty values are not)."""
        fields = self.fields
        return (_stated(fields, "sessionKey", "laneSessionKey"),
                _stated(fields, "sessionId", "lockSessionId", "activeSessionId"),
                _stated(fields, "runId"))

    def fields_at_most(self) -> int:
        """An upper bound of ``len(self.fields)`` (exact here; see ``parser.LazyEvent``)."""
        return len(self.fields)

    @property
    def location(self) -> str:
        return f"{self.source}:{self.line}"


def timestamp_or_inf(moment: datetime | None) -> float:
    return moment.timestamp() if moment is not None else float("inf")


def event_order(event: Event) -> tuple[float, str, int]:
    """Time order, then file and line: how incidents, evidence and timelines are sorted."""
    return (timestamp_or_inf(event.time), event.source, event.line)


# The stall detector's three warning forms (format reference 2.1), by event kind.
ATTENTION_LABELS = {"session.stuck": "stuck", "session.stalled": "stalled", "session.long_running": "long-running"}


# What redaction leaves in place of an id (OpenClaw's diagnostics export writes ``<redacted>``,
# ``<redacted-id>`` and ``***``): the same text for different sessions, so never a name. A value
# masked to its ends (``agent:…5678``) still tells sessions apart and stays usable.
REDACTED_MARKS = ("<redacted", "***")


def usable_name(text: str) -> str | None:
    """``text`` as a session name, unless it is empty, ``unknown``, ``n/a`` or redacted."""
    if not text or text.lower() in ("unknown", "n/a") or any(mark in text for mark in REDACTED_MARKS):
        return None
    return text


def _stated(fields: dict[str, FieldValue], *keys: str) -> str | None:
    for key in keys:
        value = fields.get(key)
        if isinstance(value, str) and usable_name(value):
            return value
    return None


def isoformat_utc(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    text = moment.isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


def event_to_dict(event: Event) -> dict[str, Any]:
    """The JSON form of an event (``stuckscan events --format jsonl``)."""
    record: dict[str, Any] = {
        "file": event.source,
        "line": event.line,
        "time": isoformat_utc(event.time),
        "level": event.level,
        "subsystem": event.subsystem,
        "kind": event.kind,
        "shape": event.shape,
        "message": event.message,
        "fields": event.fields,
    }
    if event.seconds:
        record["seconds"] = event.seconds
    if event.raw:
        record["raw"] = event.raw
    if event.truncated:
        record["truncated"] = True
    return record


IDENTITY_FIELDS = ("sessionKey", "sessionId", "runId", "laneSessionKey", "lockSessionId", "activeSessionId")


def mentions(event: Event, identifier: str) -> bool:
    """Whether the event names ``identifier`` as a session key, session id, run id or lane."""
    return any(event.fields.get(key) == identifier for key in IDENTITY_FIELDS)
