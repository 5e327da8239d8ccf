"""ISO 8601 date-times read the same way on every supported Python version.

``datetime.fromisoformat`` is not that: Python 3.10 takes only 3 or 6 fraction digits and
no ``Z``, ``+0800`` or ``+08``, all of which logs print (journald's ``short-iso`` offsets
``+0800``, Go's trimmed fractions ``…:29.1``, nanosecond stamps with 9 digits); 3.11 widened
it to most of ISO 8601. This module has no third-party imports, so the CLI can use it
without loading the pipeline.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo

UTC = timezone.utc

# The full ISO forms read on every Python version: a calendar date, then optionally ``T``
# (or ``t`` or a space) and ``HH``, ``HH:MM`` or ``HH:MM:SS`` with a fraction of any length
# after ``.`` or ``,`` (kept to microseconds, cut not rounded), then optionally ``Z`` or an
# offset ``±HH``, ``±HH:MM``, ``±HHMM``, ``±HH:MM:SS[.ffffff]``, ``±HHMMSS[.ffffff]``, which
# may follow a single space. ASCII digits only. Python 3.11+'s fromisoformat takes all of
# these, and some oddities this leaves out: week dates, basic-format times (``T184129``),
# any character as the date-time separator, offset minutes past 59.
_ISO_FULL = re.compile(
    r"(?P<y>[0-9]{4})-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})"
    r"(?:[Tt ](?P<h>[0-9]{2})(?::(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2})(?:[.,](?P<f>[0-9]+))?)?)?"
    r"(?:(?P<z>[Zz])| ?(?P<off>(?P<sign>[+-])(?P<oh>[0-9]{2})"
    r"(?:(?P<sep>:?)(?P<om>[0-9]{2})(?:(?P=sep)(?P<os>[0-9]{2})(?:[.,](?P<of>[0-9]{1,6}))?)?)?))?)?"
)
# The forms every supported Python's fromisoformat reads, and reads alike (what isoformat()
# prints, plus ``Z``): for them it is the fast way. Minutes of the offset past 59 are left
# out: fromisoformat reads ``+08:75`` as +09:15 everywhere, and _ISO_FULL's reader refuses it.
_COMMON = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{3}(?:[0-9]{3})?)?"
                     r"(?:[+-][0-9]{2}:[0-5][0-9]|Z)?")
# Offsets seen, by their text: a log repeats one or two, and building a zone costs more
# than the rest of a timestamp. Bounded: a hostile log could print many.
_ZONES: dict[str, tzinfo | None] = {}
_ZONES_LIMIT = 1024


def parse_iso_datetime(text: str) -> datetime | None:
    """An ISO 8601 date and time (see ``_ISO_FULL``), naive or with its printed offset.

    None when ``text`` is not one or names no real instant (``2026-02-30``, ``24:00``,
    second 60, an offset of 24 hours or more). The same answer on every Python version.
    """
    if _COMMON.fullmatch(text):
        try:
            return datetime.fromisoformat(text[:-1] + "+00:00" if text[-1] == "Z" else text)
        except ValueError:  # no real instant: 2026-02-30, 24:00, an offset of 24 h or more
            return None
    return _read_iso(text)


def _read_iso(text: str) -> datetime | None:
    """parse_iso_datetime without the fast path: the reference reading of every form."""
    match = _ISO_FULL.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, utc, offset, sign, off_h, _, off_m, off_s, off_f = match.groups()
    zone: tzinfo | None = None
    if utc:
        zone = UTC
    elif offset:
        try:
            zone = _ZONES[offset]
        except KeyError:
            zone = _iso_offset(sign, off_h, off_m, off_s, off_f)
            if len(_ZONES) < _ZONES_LIMIT:
                _ZONES[offset] = zone
        if zone is None:
            return None
    try:
        return datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
            int(fraction[:6].ljust(6, "0")) if fraction else 0, zone,
        )
    except ValueError:
        return None


def _iso_offset(sign: str, hours: str, minutes: str | None, seconds: str | None, fraction: str | None) -> tzinfo | None:
    if int(minutes or 0) > 59 or int(seconds or 0) > 59:
        return None
    if not (int(hours) or int(minutes or 0) or int(seconds or 0)):
        return UTC  # as fromisoformat reads it: a fraction alone (+00:00:00.1) is no offset
    delta = timedelta(
        hours=int(hours), minutes=int(minutes or 0), seconds=int(seconds or 0),
        microseconds=int(fraction.ljust(6, "0")) if fraction else 0,
    )
    if delta >= timedelta(hours=24):
        return None
    if not delta:
        return UTC
    return timezone(-delta if sign == "-" else delta)


_LAST_EPOCH_MS = 7_258_118_400_000  # 2200-01-01: a larger number is no time in milliseconds


def from_epoch_ms(value: object) -> datetime | None:
    """A record's ``ts`` in epoch milliseconds (a bundle's events, a cron run log's records) as a UTC time; None when
    it is no number or no plausible time."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value < _LAST_EPOCH_MS:
        return None
    return datetime.fromtimestamp(value / 1000, timezone.utc)
