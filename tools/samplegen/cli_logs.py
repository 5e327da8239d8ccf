"""``openclaw logs`` output shapes: plain, pretty and ``--json``."""
from __future__ import annotations

from datetime import timezone

from .build import Build
from .clock import hms, iso_local, iso_utc
from .console import strip_ansi
from .records import Event, binding, dumps, jsonl_line, record_time


def file_message(ev: Event, legacy_prefix: bool) -> str:
    """The message as ``openclaw logs`` derives it from a file record.

    Up to about 2026.4.x every numeric key is joined, so subsystem lines start
    with the binding JSON and meta objects are JSON-encoded in front of the text.
    """
    if not legacy_prefix or ev.subsystem is None:
        return ev.text
    parts = [binding(ev.subsystem)]
    if ev.meta is not None:
        parts.append(dumps(ev.meta))
    parts.append(ev.text)
    return " ".join(parts)


def _columns(ev: Event, legacy_prefix: bool) -> str:
    message = file_message(ev, legacy_prefix)
    if ev.subsystem is None:
        return f"{ev.level} {message}"
    return f"{ev.level} {ev.subsystem} {message}"


def plain_line(ev: Event, tz: timezone | None = None, legacy_prefix: bool = False) -> str:
    """``--plain``: UTC ``Z`` time unless local time (``tz``) is requested.

    Written to a file or pipe, so ANSI codes baked into messages survive.
    """
    stamp = iso_local(ev.at, tz) if tz is not None else iso_utc(ev.at)
    return f"{stamp} {_columns(ev, legacy_prefix)}"


def pretty_line(ev: Event, tz: timezone, with_offset: bool, legacy_prefix: bool = False) -> str:
    """TTY output copied from the terminal: ``HH:MM:SS[±HH:MM] level subsystem msg``."""
    return f"{hms(ev.at, tz, with_offset)} {strip_ansi(_columns(ev, legacy_prefix))}"


def json_log(ev: Event, build: Build, tz: timezone) -> str:
    """``{"type":"log",time,level,subsystem,message,raw}``; ``module`` is absent
    for subsystem loggers (``JSON.stringify`` drops undefined)."""
    obj: dict = {"type": "log", "time": record_time(ev, build, tz), "level": ev.level}
    if ev.subsystem is not None:
        obj["subsystem"] = ev.subsystem
    obj["message"] = ev.text
    obj["raw"] = jsonl_line(ev, build, tz)
    return dumps(obj)


def json_meta(file: str, cursor: int, size: int) -> str:
    return dumps({"type": "meta", "file": file, "cursor": cursor, "size": size})


def json_notice(message: str) -> str:
    return dumps({"type": "notice", "message": message})


def json_raw(raw: str) -> str:
    return dumps({"type": "raw", "raw": raw})
