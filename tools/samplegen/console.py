"""Console / service-log rendering (``~/.openclaw/logs/gateway.log``, journald).

Line shape ``<ts> [<tag>] <message>``; the tag is the subsystem with leading
``gateway/``, ``channels/`` and ``providers/`` removed, keeping the last two
segments; a message that repeats the tag (``[tag] …`` / ``tag: …``) loses the
repeat.  Root-logger lines have no tag of their own.
"""
from __future__ import annotations

import re
from datetime import timezone

from .clock import hms, iso_local, journald_stamp
from .records import Event

ANSI = re.compile(r"\x1b\[[0-9;]*m")
_STRIPPED_PREFIXES = ("gateway", "channels", "providers")


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text)


def console_tag(subsystem: str) -> str:
    parts = subsystem.split("/")
    while len(parts) > 1 and parts[0] in _STRIPPED_PREFIXES:
        parts.pop(0)
    return "/".join(parts[-2:])


def _strip_repeat(tag: str, message: str) -> str:
    for prefix in (f"[{tag}] ", f"{tag}: "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


def console_message(ev: Event) -> str:
    """The text the console shows (``meta.consoleMessage`` wins when present)."""
    if ev.console_text is not None:
        return ev.console_text
    if ev.meta and isinstance(ev.meta.get("consoleMessage"), str):
        return ev.meta["consoleMessage"]
    return ev.text


def _body(ev: Event, ansi: bool) -> str:
    message = console_message(ev)
    if not ansi:
        message = strip_ansi(message)
    if ev.subsystem is None:
        return message
    tag = console_tag(ev.subsystem)
    return f"[{tag}] {_strip_repeat(tag, message)}"


def compact_line(ev: Event, tz: timezone, ansi: bool = True) -> str:
    """``2026-05-21T18:41:29.537+08:00 [diagnostic] stalled session: …``."""
    return f"{iso_local(ev.at, tz)} {_body(ev, ansi)}"


def pretty_line(ev: Event, tz: timezone, with_offset: bool = False) -> str:
    """``18:41:29 [diagnostic] …`` as copied from a terminal (colours gone)."""
    return f"{hms(ev.at, tz, with_offset)} {_body(ev, ansi=False)}"


def journald_prefix(ev: Event, tz: timezone, host: str, unit: str, pid: int) -> str:
    return f"{journald_stamp(ev.at, tz)} {host} {unit}[{pid}]: "


def journald_line(ev: Event, tz: timezone, host: str, unit: str, pid: int) -> str:
    """journalctl output of the service's compact console line (copied from a TTY)."""
    return journald_prefix(ev, tz, host, unit, pid) + compact_line(ev, tz, ansi=False)
