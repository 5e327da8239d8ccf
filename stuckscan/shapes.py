"""Line shapes as data: how each log form carries time, level, subsystem and message.

A line is either a JSON object (gateway JSONL record, ``openclaw logs --json`` object,
console ``json`` style) or text matched against :data:`TEXT_SHAPES` in order. Whatever
matches nothing is a bare message (a hand-pasted snippet) and keeps its place with no time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")

_ISO = r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?"
_CLOCK = r"\d\d:\d\d:\d\d(?:\.\d{1,6})?(?:Z|[+-]\d\d:\d\d)?"
_LEVEL = r"(?i:trace|debug|info|warn|warning|error|fatal)"
_TAG = r"[A-Za-z][\w/.:-]{0,80}"


@dataclass(frozen=True, slots=True)
class TextShape:
    """One text line form. Groups: ``iso`` or ``clock`` (time), ``level``, ``subsystem``
    or ``tag``, ``message``; a shape with ``wraps`` holds another line in ``rest``."""

    name: str
    pattern: re.Pattern[str]
    wraps: bool = False


def _shape(name: str, pattern: str, wraps: bool = False) -> TextShape:
    return TextShape(name, re.compile(pattern, re.DOTALL), wraps)


TEXT_SHAPES: tuple[TextShape, ...] = (
    _shape(
        "journald",
        r"(?:(?P<syslog_month>[A-Z][a-z]{2}) +(?P<syslog_day>\d{1,2}) (?P<syslog_clock>\d\d:\d\d:\d\d)"
        r"|(?P<iso>" + _ISO + r")) (?P<host>[\w.-]+) (?P<unit>[\w.@-]+)\[(?P<pid>\d+)\]: (?P<rest>.*)",
        wraps=True,
    ),
    _shape("console", r"(?P<iso>" + _ISO + r")\s+\[(?P<tag>" + _TAG + r")\] ?(?P<message>.*)"),
    _shape("console-pretty", r"(?P<clock>" + _CLOCK + r")\s+\[(?P<tag>" + _TAG + r")\] ?(?P<message>.*)"),
    _shape(
        "logs-plain",
        r"(?P<iso>" + _ISO + r")\s+(?P<level>" + _LEVEL + r")\s+(?P<subsystem>[^\s\[{]\S*)\s(?P<message>.*)",
    ),
    _shape(
        "logs-pretty",
        r"(?P<clock>" + _CLOCK + r")\s+(?P<level>" + _LEVEL + r")\s+(?P<subsystem>[^\s\[{]\S*)\s(?P<message>.*)",
    ),
    _shape("console-untimed", r"\s*\[(?P<tag>" + _TAG + r")\] (?P<message>.*)"),
    _shape("timestamped", r"(?P<iso>" + _ISO + r")\s+(?P<message>.*)"),
    _shape("clock-timestamped", r"(?P<clock>" + _CLOCK + r")\s+(?P<message>.*)"),
)

# Console tags drop `gateway/`, `channels/` and `providers/` (format reference 1.5);
# map the common short tags back to the file subsystem so both forms correlate alike.
TAG_SUBSYSTEMS: dict[str, str] = {
    "ws": "gateway/ws",
    "reload": "gateway/reload",
    "health-monitor": "gateway/health-monitor",
    "memory": "gateway/diagnostics/memory",
    "diagnostics/memory": "gateway/diagnostics/memory",
}

ROOT_LOGGER_NAMES = frozenset({"openclaw", "clawdbot", "moltbot"})
LEVEL_ALIASES: dict[str, str] = {
    "warning": "warn", "w": "warn", "e": "error", "err": "error", "i": "info", "d": "debug",
    "t": "trace", "f": "fatal", "critical": "fatal",
}
_BINDING = re.compile(r'\{"(?:subsystem|module)":"(?P<name>[^"\\]{1,120})"[^{}]{0,200}\}\s?')
_CONSOLE_PREFIX = re.compile(r"\[(?P<name>[a-z][\w/.-]{0,40})\] ")


def normalize_level(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    lowered = value.strip().lower()
    return LEVEL_ALIASES.get(lowered, lowered)


def subsystem_from_tag(tag: str) -> str:
    return TAG_SUBSYSTEMS.get(tag, tag)


def strip_binding(message: str) -> tuple[str | None, str]:
    """``{"subsystem":"diagnostic"} lane ...`` -> ("diagnostic", "lane ...")."""
    if not message.startswith('{"'):
        return None, message
    match = _BINDING.match(message)
    if match is None:
        return None, message
    return match.group("name"), message[match.end():]


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text) if "\x1b" in text else text


@dataclass(slots=True)
class Record:
    """What a JSON line carries before its message is matched to a family."""

    shape: str
    time_text: str | None
    level: str | None
    subsystem: str | None
    message: str
    meta: dict[str, Any] | None
    session_hint: str | None = None
    embedded_line: str | None = None  # `openclaw logs --json` raw lines to re-parse


_binding_cache: dict[str, str | None] = {}


def _binding_name(value: Any) -> str | None:
    """The subsystem in a tslog binding string ``{"subsystem":"x"}``, else None."""
    if not isinstance(value, str) or not value.startswith("{"):
        return None
    if value in _binding_cache:
        return _binding_cache[value]
    name: str | None = None
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = None
    if isinstance(parsed, dict):
        candidate = parsed.get("subsystem") or parsed.get("module")
        name = candidate if isinstance(candidate, str) else None
    if len(_binding_cache) < 4096:
        _binding_cache[value] = name
    return name


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return str(value)


def _time_text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def record_from_json(obj: dict[str, Any]) -> Record:
    """Normalise any JSON object we know into a :class:`Record`. Never raises."""
    meta_obj = obj.get("_meta")
    if isinstance(meta_obj, dict):
        return _tslog_record(obj, meta_obj)
    kind = obj.get("type")
    if isinstance(kind, str) and kind in ("log", "meta", "notice", "raw") and "_meta" not in obj:
        return _logs_json_record(obj, kind)
    if any(key in obj for key in ("0", "1")):
        return _tslog_record(obj, {})
    return _flat_record(obj)


def _tslog_record(obj: dict[str, Any], meta_obj: dict[str, Any]) -> Record:
    binding = _binding_name(meta_obj.get("name")) or _binding_name(obj.get("0"))
    parts: list[str] = []
    meta: dict[str, Any] | None = None
    numeric = sorted((key for key in obj if key.isdigit()), key=int)
    for key in numeric:
        value = obj[key]
        if key == "0" and _binding_name(value) is not None:
            continue
        if isinstance(value, dict) and meta is None:
            meta = value
            continue
        parts.append(_as_text(value))
    top_message = obj.get("message")
    message = top_message if isinstance(top_message, str) else " ".join(parts)
    subsystem = binding
    if subsystem is None:
        root_name = meta_obj.get("name")
        top_subsystem = obj.get("subsystem")
        if isinstance(top_subsystem, str):
            subsystem = top_subsystem
        elif not (isinstance(root_name, str) and root_name in ROOT_LOGGER_NAMES) and isinstance(root_name, str):
            subsystem = root_name or None
    message = strip_ansi(message)
    if subsystem is None:
        prefix = _CONSOLE_PREFIX.match(message)
        if prefix is not None:
            subsystem = prefix.group("name")
            message = message[prefix.end():]
    level = normalize_level(meta_obj.get("logLevelName")) or normalize_level(obj.get("level"))
    time_text = _time_text(obj.get("time")) or _time_text(meta_obj.get("date"))
    hint = obj.get("session_id")
    return Record(
        shape="jsonl",
        time_text=time_text,
        level=level,
        subsystem=subsystem,
        message=message,
        meta=meta,
        session_hint=hint if isinstance(hint, str) and hint else None,
    )


def _logs_json_record(obj: dict[str, Any], kind: str) -> Record:
    if kind == "raw":
        raw = obj.get("raw")
        return Record("logs-json", None, None, None, strip_ansi(_as_text(raw)), None,
                      embedded_line=raw if isinstance(raw, str) else None)
    if kind == "log":
        message = strip_ansi(_as_text(obj.get("message", "")))
        binding, message = strip_binding(message)
        subsystem = obj.get("subsystem") or obj.get("module") or binding
        return Record(
            "logs-json", _time_text(obj.get("time")), normalize_level(obj.get("level")),
            subsystem if isinstance(subsystem, str) else None, message, None,
        )
    text = obj.get("message")
    if kind == "meta":
        text = " ".join(f"{key}={_as_text(value)}" for key, value in obj.items() if key != "type")
    return Record(f"logs-json-{kind}", None, None, "openclaw-logs", strip_ansi(_as_text(text or "")), None)


def _flat_record(obj: dict[str, Any]) -> Record:
    """Records with no ``_meta``: the size-cap line, console ``json`` style."""
    message = strip_ansi(_as_text(obj.get("message", obj.get("msg", ""))))
    subsystem = obj.get("subsystem") or obj.get("module")
    extra = {key: value for key, value in obj.items() if key not in ("time", "level", "subsystem", "module", "message", "msg")}
    return Record(
        "json",
        _time_text(obj.get("time")) or _time_text(obj.get("timestamp")),
        normalize_level(obj.get("level")),
        subsystem if isinstance(subsystem, str) else None,
        message,
        extra or None,
    )
