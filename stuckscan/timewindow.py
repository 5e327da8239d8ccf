"""Time windows for ``--since`` / ``--until``: parsing moments and testing events against them.

A moment is an ISO timestamp (``2026-05-21T14:00:00+08:00``; without an offset it is read
in the given zone), a date (``2026-05-21``: the start of that local day as a lower bound,
its end as an upper bound), a time of day (``14:00``: today), ``today``, ``yesterday``,
``now``, or a duration before now (``90m``, ``3h``, ``2d``, ``1w``, ``45s``, ``1h30m``).
Both bounds are inclusive. Every parsed moment is an aware UTC datetime, like event times.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Literal

from stuckscan._dataclass import dataclass
from stuckscan._iso import parse_iso_datetime

UTC = timezone.utc

Bound = Literal["since", "until"]

_DURATION = re.compile(
    r"(?:(?P<w>\d+)w)?(?:(?P<d>\d+)d)?(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?(?:(?P<s>\d+)s)?",
    re.IGNORECASE,
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CLOCK = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?")
_UNIT_SECONDS = {"w": 7 * 86400, "d": 86400, "h": 3600, "m": 60, "s": 1}
_ACCEPTED = (
    "an ISO timestamp (2026-05-21T14:00:00+08:00), a date (2026-05-21), a time of day (14:00), "
    "today, yesterday, now, or a duration before now (90m, 3h, 2d, 1w, 1h30m)"
)


def parse_moment(text: str, now: datetime, tz: tzinfo, *, bound: Bound = "since") -> datetime:
    """Parse ``text`` into an aware UTC datetime.

    ``now`` anchors relative forms; ``tz`` is the zone of naive timestamps, dates and
    times of day. A whole day (a date, ``today``, ``yesterday``) means its first instant
    when ``bound`` is ``"since"`` and its last when it is ``"until"``.
    Raises ValueError naming the input and the accepted forms.
    """
    spec = text.strip()
    if not spec:
        raise ValueError(f"empty time: expected {_ACCEPTED}")
    local_now = _aware(now, tz).astimezone(tz)
    word = spec.lower()
    if word == "now":
        return local_now.astimezone(UTC)
    if word in ("today", "yesterday"):
        day = local_now.date() - timedelta(days=1 if word == "yesterday" else 0)
        return _day_bound(day, tz, bound)
    duration = parse_duration(spec)
    if duration is not None:
        return (local_now - duration).astimezone(UTC)
    if _DATE.fullmatch(spec):
        return _day_bound(_parse_date(spec), tz, bound)
    clock = _CLOCK.fullmatch(spec)
    if clock is not None:
        return _today_at(clock, local_now, tz, spec)
    return _parse_timestamp(spec, tz)


def parse_duration(text: str) -> timedelta | None:
    """``1h30m`` -> 90 minutes; None when ``text`` is not a duration. Units in w d h m s order."""
    match = _DURATION.fullmatch(text.strip())
    if match is None or not any(match.groupdict().values()):
        return None
    seconds = sum(int(value) * _UNIT_SECONDS[unit] for unit, value in match.groupdict().items() if value)
    return timedelta(seconds=seconds)


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """An inclusive window; either end may be open (None)."""

    since: datetime | None = None
    until: datetime | None = None

    def __post_init__(self) -> None:
        for moment in (self.since, self.until):
            if moment is not None and moment.tzinfo is None:
                raise ValueError("time window bounds must carry a time zone")
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ValueError(
                f"--since ({_show(self.since)}) is after --until ({_show(self.until)}): the window is empty"
            )

    @classmethod
    def parse(cls, since: str | None, until: str | None, now: datetime, tz: tzinfo) -> TimeWindow:
        """Build a window from the text of ``--since`` and ``--until`` (either may be None)."""
        return cls(
            since=_parse_bound("--since", since, now, tz, "since"),
            until=_parse_bound("--until", until, now, tz, "until"),
        )

    @property
    def unbounded(self) -> bool:
        return self.since is None and self.until is None

    def contains(self, moment: datetime | None) -> bool:
        """True when ``moment`` lies in the window. Lines without a time are always kept."""
        if moment is None:
            return True
        if self.since is not None and moment < self.since:
            return False
        return self.until is None or moment <= self.until

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """True when the span ``start``..``end`` (inclusive) shares any instant with the window."""
        if self.since is not None and end < self.since:
            return False
        return self.until is None or start <= self.until


def is_time_of_day(text: str | None) -> bool:
    """True for ``14:00`` or ``14:00:30``: a moment of today, whatever day the log is from."""
    return text is not None and _CLOCK.fullmatch(text.strip()) is not None


def is_relative(text: str | None) -> bool:
    """True for ``now`` and durations (``3h``): they need no zone."""
    if text is None:
        return True
    spec = text.strip()
    return spec.lower() == "now" or parse_duration(spec) is not None


def describe_window(window: TimeWindow, zone: tzinfo) -> str:
    """``2026-05-21 18:30–19:00 +08:00``, ``from 2026-12-04 18:40 +08:00``, ``until …``."""
    since = window.since.astimezone(zone) if window.since is not None else None
    until = window.until.astimezone(zone) if window.until is not None else None
    label = _zone_label((until or since or datetime.now(UTC)).astimezone(zone))
    if since is not None and until is not None:
        if since.date() == until.date():
            return f"{since:%Y-%m-%d %H:%M}\u2013{until:%H:%M} {label}"
        return f"{since:%Y-%m-%d %H:%M} \u2013 {until:%Y-%m-%d %H:%M} {label}"
    if since is not None:
        return f"from {since:%Y-%m-%d %H:%M} {label}"
    if until is not None:
        return f"until {until:%Y-%m-%d %H:%M} {label}"
    return "unbounded"


def _zone_label(local: datetime) -> str:
    offset = local.utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{'-' if offset < timedelta(0) else '+'}{minutes // 60:02d}:{minutes % 60:02d}"


def _parse_bound(option: str, text: str | None, now: datetime, tz: tzinfo, bound: Bound) -> datetime | None:
    if text is None:
        return None
    try:
        return parse_moment(text, now, tz, bound=bound)
    except ValueError as error:
        raise ValueError(f"{option}: {error}") from None


def _aware(moment: datetime, tz: tzinfo) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)


def _day_bound(day: date, tz: tzinfo, bound: Bound) -> datetime:
    clock = time.min if bound == "since" else time.max
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a real date: {text!r} (expected YYYY-MM-DD)") from None


def _today_at(clock: re.Match[str], local_now: datetime, tz: tzinfo, text: str) -> datetime:
    hour, minute, second = int(clock["h"]), int(clock["m"]), int(clock["s"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"not a time of day: {text!r} (expected HH:MM or HH:MM:SS)")
    moment = datetime.combine(local_now.date(), time(hour, minute, second), tzinfo=tz)
    return moment.astimezone(UTC)


def _parse_timestamp(text: str, tz: tzinfo) -> datetime:
    value = parse_iso_datetime(text)  # not fromisoformat: what it accepts varies by Python version
    if value is None:
        raise ValueError(f"cannot read time {text!r}: expected {_ACCEPTED}")
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(UTC)


def _show(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
