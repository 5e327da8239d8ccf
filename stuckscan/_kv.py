"""The generic ``key=value`` tokenizer used by every message family.

Handles bare tokens, quoted values with backslash escapes, bracketed lists
(``work=[active=... queued=...]``), values containing ``=`` or ``:``, ``unknown``/``n/a``,
and unit suffixes. Free-text keys (``reason=connect failed``) swallow following bare words.

Every pattern here is linear: no nested quantifiers, so crafted input cannot make it
backtrack catastrophically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stuckscan.events import FieldValue

_TOKEN = re.compile(
    r"""
    (?P<key>[A-Za-z_][\w.\-]*)=
    (?:
        "(?P<quoted>(?:[^"\\]|\\.)*)(?:"|$)
      | \[(?P<bracketed>[^\]]*)\](?=\s|$)
      | (?P<value>\S*)
    )
    | (?P<bare>\S+)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_INT = re.compile(r"-?\d+")
_FLOAT = re.compile(r"-?\d+\.\d+")
_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h)")

_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}
_MISSING = frozenset({"unknown", "n/a"})

# Keys whose unquoted value is free text that may run over several words.
FREE_TEXT_KEYS = frozenset(
    {"reason", "error", "err", "rawError", "message", "detail", "stopped", "cause", "ua"}
)


@dataclass(slots=True)
class KeyValues:
    fields: dict[str, FieldValue] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    bare: list[str] = field(default_factory=list)


# Identifiers stay text even when they look numeric (``sessionId=0829...``, chat ids).
_ID_KEYS = frozenset({"conn", "id", "lane", "peer", "remote", "host", "model", "provider", "version", "user"})


def is_identifier_key(key: str) -> bool:
    return key in _ID_KEYS or key.endswith(("Id", "ID", "Key", "_id"))


def is_millisecond_key(key: str) -> bool:
    return key.endswith("Ms") and len(key) > 2


def convert_value(key: str, raw: str) -> tuple[FieldValue, float | None]:
    """Type one unquoted value; return (value, seconds if it is a duration)."""
    if raw in _MISSING:
        return None, None
    if raw == "true":
        return True, None
    if raw == "false":
        return False, None
    if is_identifier_key(key):
        return raw, None
    if _INT.fullmatch(raw):
        number: int | float = int(raw)
    elif _FLOAT.fullmatch(raw):
        number = float(raw)
    else:
        match = _DURATION.fullmatch(raw)
        if match is None:
            return raw, None
        text, unit = match.groups()
        value: int | float = float(text) if "." in text else int(text)
        return value, value * _UNIT_SECONDS[unit]
    if is_millisecond_key(key):
        return number, number / 1000.0
    return number, None


def unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text


def tokenize(text: str) -> KeyValues:
    """Split ``text`` into typed key=value fields. Never raises on any string."""
    result = KeyValues()
    free_key: str | None = None
    for match in _TOKEN.finditer(text):
        key = match.group("key")
        if key is None:
            word = match.group("bare")
            if free_key is not None:
                _extend_free_text(result, free_key, word)
            else:
                result.bare.append(word)
            continue
        free_key = None
        quoted = match.group("quoted")
        if quoted is not None:
            value = unescape(quoted)
            result.fields[key] = value
            result.raw[key] = value
            continue
        bracketed = match.group("bracketed")
        if bracketed is not None:
            result.fields[key] = bracketed
            result.raw[key] = bracketed
            continue
        raw = match.group("value").rstrip(";,")
        typed, seconds = convert_value(key, raw)
        result.fields[key] = typed
        result.raw[key] = raw
        if seconds is not None:
            result.seconds[key] = seconds
        if key in FREE_TEXT_KEYS:
            free_key = key
    return result


def _extend_free_text(result: KeyValues, key: str, word: str) -> None:
    joined = f"{result.raw.get(key, '')} {word}".strip()
    result.raw[key] = joined
    result.fields[key] = joined
