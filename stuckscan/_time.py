"""Timestamps: full ISO forms, time-only console forms, syslog dates, zones and midnight.

Full timestamps keep their printed offset and become aware UTC datetimes. Time-only
forms (``18:41:29``, ``08:29:10+01:00``) take their date from the file name or ``--date``
and their zone from the printed offset, else ``--tz``, else the machine's zone.

A local time without an offset is ambiguous for the hour a DST fall-back repeats: it is
taken as the instant (first or second pass) nearest the line before it in the same file,
so a log that runs through the repeated hour keeps moving forward instead of jumping back
an hour and then forward again (which read as an hour-long stall).

Full ISO forms are read by :func:`stuckscan._iso.parse_iso_datetime`, the same on every
Python version (``datetime.fromisoformat`` is not).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import field
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from stuckscan._dataclass import dataclass
from stuckscan._iso import parse_iso_datetime

UTC = timezone.utc

_OFFSET = re.compile(r"(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?")
_FILE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TIME_ONLY = re.compile(
    r"(?P<h>\d{2}):(?P<m>\d{2}):(?P<s>\d{2})(?:\.(?P<frac>\d{1,6}))?(?P<off>Z|[+-]\d{2}:?\d{2})?"
)
_MONTHS = {
    name: index
    for index, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
# Forward jumps smaller than this between time-only lines are ordinary; a backward jump
# larger than it means the clock passed midnight.
_MIDNIGHT_JUMP = timedelta(hours=12)
# A timestamp outside these years is not a gateway's: the line is kept with no time. With
# durations capped at ten years (stuckscan._kv), time arithmetic can then never overflow.
PLAUSIBLE_YEARS = (1970, 2200)
_FOLD_SLACK = timedelta(minutes=5)


class TimeZoneError(ValueError):
    pass


def parse_tz(spec: str) -> tzinfo:
    """An IANA zone name (``Asia/Shanghai``), ``UTC``, ``local`` or an offset (``+08:00``)."""
    text = spec.strip()
    if text.lower() in ("utc", "z", "gmt"):
        return UTC
    match = _OFFSET.fullmatch(text)
    if match:
        sign, hours, minutes = match.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta > timedelta(hours=18):
            raise TimeZoneError(f"offset out of range: {spec!r}")
        return timezone(-delta if sign == "-" else delta)
    from dateutil import tz as dateutil_tz  # (about 5 ms to import: only for a zone that is not an offset)

    if text.lower() == "local":
        return dateutil_tz.tzlocal()
    zone = dateutil_tz.gettz(text)
    if zone is None:
        raise TimeZoneError(f"unknown time zone: {spec!r} (use an IANA name like Asia/Shanghai or an offset like +08:00)")
    return zone


def date_from_filename(name: str) -> date | None:
    """The date in ``openclaw-YYYY-MM-DD[.N].log[.gz]`` and similar names."""
    for match in _FILE_DATE.finditer(name):
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    return None


def parse_iso(text: str) -> datetime | None:
    """A full ISO timestamp as an aware UTC datetime; None when it is not one.

    A timestamp without an offset is not trusted to be UTC: the caller supplies a zone.
    """
    if len(text) < 19 or text[4] != "-" or text[10] not in "T ":
        return None
    value = parse_iso_datetime(text)
    if value is None:
        return None
    if not PLAUSIBLE_YEARS[0] <= value.year <= PLAUSIBLE_YEARS[1]:
        return None
    if value.tzinfo is None:
        return value  # naive: resolved by TimeContext.localize
    return _to_utc(value)


def _to_utc(value: datetime) -> datetime | None:
    """UTC, or None for an instant no gateway log can carry (keeps later arithmetic safe)."""
    try:
        converted = value.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return converted if PLAUSIBLE_YEARS[0] <= converted.year <= PLAUSIBLE_YEARS[1] else None


def _offset_tz(text: str) -> tzinfo:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))


def _syslog_local(month: str, day: int, clock_text: str, year: Callable[[], int]) -> datetime | None:
    """A syslog time (``May 21 18:41:29``) as a naive local time; ``year`` is asked only for a valid one."""
    month_number = _MONTHS.get(month[:3].lower())
    clock = _TIME_ONLY.fullmatch(clock_text)
    if month_number is None or clock is None:
        return None
    try:
        return datetime(year(), month_number, day, int(clock["h"]), int(clock["m"]), int(clock["s"]))
    except ValueError:
        return None


def _nearest_going_on(first: datetime, second: datetime, last: datetime) -> datetime:
    """Of the two passes of a repeated local time, the nearest one not before ``last``
    (less a little slack for lines logged slightly out of order); else the nearest."""
    onward = [moment for moment in (first, second) if moment >= last - _FOLD_SLACK]
    return min(onward or (first, second), key=lambda moment: abs(moment - last))


@dataclass(slots=True)
class TimeContext:
    """Per-source state for resolving partial timestamps."""

    base_date: date | None = None
    zone: tzinfo | None = None
    guessed_dates: int = 0   # lines dated by today's date (no --date, file date or full date seen)
    _day_offset: int = 0
    _last_time_of_day: time | None = None
    _last_full_date: date | None = None
    _last_instant: datetime | None = None  # the latest line's time, to pick a side of a DST fold
    _ambiguous_minutes: dict[datetime, bool] = field(default_factory=dict)
    # The zone a journald or syslog prefix's local time is in, learned from a line whose message has a time with
    # its own offset (``May 03 23:59:28 host node[1]: 2026-05-03T23:59:28.795+02:00 ...``); a given zone wins.
    _syslog_zone: tzinfo | None = None
    _zone_given: bool = False

    def __post_init__(self) -> None:
        self._zone_given = self.zone is not None

    def learn_syslog_zone(self, month: str, day: int, clock_text: str, instant: datetime) -> None:
        """Learn the prefix's zone from one line that has both its local time and ``instant`` (aware)."""
        if self._zone_given or self._syslog_zone is not None:
            return
        utc = _to_utc(instant)
        local = _syslog_local(month, day, clock_text, lambda: utc.year)
        if local is None:
            return
        quarters = round((local - utc.replace(tzinfo=None)).total_seconds() / 900)
        if abs(quarters) <= 14 * 4:  # (a real zone; a prefix of another day or host tells nothing)
            self._syslog_zone = timezone(timedelta(minutes=15 * quarters))

    def resolved_zone(self) -> tzinfo:
        if self.zone is None:
            from dateutil import tz as dateutil_tz  # (a line with no zone of its own: the machine's)

            self.zone = dateutil_tz.tzlocal()
        return self.zone

    def localize(self, value: datetime) -> datetime | None:
        if value.tzinfo is not None:
            return _to_utc(value)
        return self._local_instant(value, self.resolved_zone())

    def _local_instant(self, naive: datetime, zone: tzinfo) -> datetime | None:
        """``naive`` read in ``zone``; in a repeated (fall-back) hour, the pass nearest the last line."""
        value = naive.replace(tzinfo=zone)
        if not isinstance(zone, timezone) and self._is_ambiguous(value):
            from dateutil import tz as dateutil_tz  # (a zone that is not a fixed offset is dateutil's)

            first, second = _to_utc(value), _to_utc(dateutil_tz.enfold(value, fold=1))
            last = self._last_instant
            if first is None or second is None or last is None:
                return first
            return _nearest_going_on(first, second, last)
        return _to_utc(value)

    def _is_ambiguous(self, value: datetime) -> bool:
        minute = value.replace(second=0, microsecond=0, tzinfo=None)
        known = self._ambiguous_minutes.get(minute)
        if known is None:
            if len(self._ambiguous_minutes) > 4096:
                self._ambiguous_minutes.clear()
            from dateutil import tz as dateutil_tz

            known = self._ambiguous_minutes[minute] = dateutil_tz.datetime_ambiguous(value)
        return known

    def parse_full(self, text: str) -> datetime | None:
        value = parse_iso(text)
        if value is not None and value.tzinfo is None:
            value = self.localize(value)
        if value is None:
            return None
        self.note_full(value)
        return value

    def note_full(self, value: datetime) -> None:
        """A line's full timestamp was read (here or by a caller that decoded it itself): later time-only lines take
        its date, and a repeated local hour is read on the side nearest it."""
        self._last_full_date = value.date()
        self._last_instant = value

    def note_date(self, day: date) -> None:
        """Lines up to here were skipped unread; the last of them was of ``day`` (a later time-only line's date)."""
        self._last_full_date = day

    def parse_time_only(self, text: str) -> datetime | None:
        match = _TIME_ONLY.fullmatch(text)
        if match is None:
            return None
        hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"])
        if hour > 23 or minute > 59 or second > 60:
            return None
        micro = int((match["frac"] or "0").ljust(6, "0")[:6])
        clock = time(hour, minute, min(second, 59), micro)
        self._track_midnight(clock)
        try:
            day = self._anchor_date() + timedelta(days=self._day_offset)
            if match["off"]:
                moment = _to_utc(datetime.combine(day, clock, tzinfo=_offset_tz(match["off"])))
            else:
                moment = self._local_instant(datetime.combine(day, clock), self.resolved_zone())
        except (OverflowError, ValueError):  # a date past the calendar, an offset of 24 h or more
            return None
        if moment is not None:
            self._last_instant = moment
        return moment

    def parse_syslog(self, month: str, day: int, clock_text: str) -> datetime | None:
        """journald's default ``May 21 18:41:29``: the year comes from context."""
        local = _syslog_local(month, day, clock_text, lambda: self._anchor_date().year)
        if local is None:
            return None
        moment = self._local_instant(local, self._syslog_zone or self.resolved_zone())
        if moment is not None:
            self._last_instant = moment
        return moment

    def _anchor_date(self) -> date:
        if self.base_date is not None:
            return self.base_date
        if self._last_full_date is not None:
            return self._last_full_date
        self.guessed_dates += 1
        return datetime.now(self.resolved_zone()).date()

    def take_guessed_dates(self) -> int:
        """Lines dated by today's date since the last call (the caller adds them to its stats)."""
        count, self.guessed_dates = self.guessed_dates, 0
        return count

    def _track_midnight(self, clock: time) -> None:
        previous = self._last_time_of_day
        self._last_time_of_day = clock
        if previous is None:
            return
        back = datetime.combine(date.min, previous) - datetime.combine(date.min, clock)
        if back > _MIDNIGHT_JUMP:
            self._day_offset += 1
