"""Timestamp shapes printed by the gateway, its console and its CLI.

All internal times are timezone-aware ``datetime`` objects with millisecond
resolution; the helpers here only format them.
"""
from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

UTC = timezone.utc
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def zone(hours: int, minutes: int = 0) -> timezone:
    """A fixed-offset zone, e.g. ``zone(8)`` for UTC+08:00."""
    sign = -1 if hours < 0 else 1
    return timezone(timedelta(hours=hours, minutes=sign * minutes))


def parse_local(text: str, tz: timezone) -> datetime:
    """Parse ``YYYY-MM-DD HH:MM:SS[.mmm]`` as a wall-clock time in ``tz``."""
    fmt = "%Y-%m-%d %H:%M:%S.%f" if "." in text else "%Y-%m-%d %H:%M:%S"
    return datetime.strptime(text, fmt).replace(tzinfo=tz)


def ms(n: float) -> timedelta:
    """A duration of ``n`` milliseconds (rounded to whole milliseconds)."""
    return timedelta(milliseconds=round(n))


def secs(n: float) -> timedelta:
    """A duration of ``n`` seconds (rounded to whole milliseconds)."""
    return timedelta(milliseconds=round(n * 1000))


def millis(delta: timedelta) -> int:
    """Whole milliseconds in ``delta``."""
    return delta // timedelta(milliseconds=1)


def js_round_s(delta: timedelta) -> int:
    """``Math.round(ms / 1000)`` as the gateway prints ``age=``-style fields."""
    return math.floor(millis(delta) / 1000 + 0.5)


def _offset_text(at: datetime) -> str:
    offset = at.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _frac(at: datetime) -> str:
    return f"{at.microsecond // 1000:03d}"


def iso_local(at: datetime, tz: timezone) -> str:
    """``2026-05-21T18:41:29.537+08:00``; a UTC host prints ``+00:00``."""
    loc = at.astimezone(tz)
    return f"{loc:%Y-%m-%dT%H:%M:%S}.{_frac(loc)}{_offset_text(loc)}"


def iso_utc(at: datetime) -> str:
    """``2026-05-21T10:41:29.537Z`` (``Date.toISOString``)."""
    u = at.astimezone(UTC)
    return f"{u:%Y-%m-%dT%H:%M:%S}.{_frac(u)}Z"


def hms(at: datetime, tz: timezone, with_offset: bool = False) -> str:
    """Pretty console time: ``18:41:29`` or ``18:41:29+01:00``."""
    loc = at.astimezone(tz)
    text = f"{loc:%H:%M:%S}"
    return text + _offset_text(loc) if with_offset else text


def journald_stamp(at: datetime, tz: timezone) -> str:
    """``journalctl`` short-format stamp: ``May 25 13:42:31``."""
    loc = at.astimezone(tz)
    return f"{_MONTHS[loc.month - 1]} {loc:%d %H:%M:%S}"
