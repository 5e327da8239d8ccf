from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from dateutil import tz as dateutil_tz
from hypothesis import given
from hypothesis import strategies as st

from stuckscan.timewindow import TimeWindow, parse_duration, parse_moment

UTC = timezone.utc
SHANGHAI = dateutil_tz.gettz("Asia/Shanghai")
NEW_YORK = dateutil_tz.gettz("America/New_York")
# 2026-05-21 18:30 in Shanghai
NOW = datetime(2026, 5, 21, 10, 30, tzinfo=UTC)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-05-21T14:00:00+08:00", utc(2026, 5, 21, 6)),
        ("2026-05-21T06:00:00Z", utc(2026, 5, 21, 6)),
        ("2026-05-21T06:00:00.250z", utc(2026, 5, 21, 6, 0, 0, 250000)),
        ("2026-05-21T14:00:00", utc(2026, 5, 21, 6)),  # naive: the given zone
        ("2026-05-21 14:00", utc(2026, 5, 21, 6)),
        ("2026-05-21", utc(2026, 5, 20, 16)),  # start of the local day
        ("today", utc(2026, 5, 20, 16)),
        ("yesterday", utc(2026, 5, 19, 16)),
        ("now", NOW),
        (" NOW ", NOW),
        ("14:00", utc(2026, 5, 21, 6)),
        ("09:15:30", utc(2026, 5, 21, 1, 15, 30)),
        ("90m", NOW - timedelta(minutes=90)),
        ("3h", NOW - timedelta(hours=3)),
        ("2d", NOW - timedelta(days=2)),
        ("1w", NOW - timedelta(weeks=1)),
        ("45s", NOW - timedelta(seconds=45)),
        ("1h30m", NOW - timedelta(minutes=90)),
        ("1D2H", NOW - timedelta(hours=26)),
    ],
)
def test_parse_moment_since(text: str, expected: datetime) -> None:
    assert parse_moment(text, NOW, SHANGHAI) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-05-21", datetime(2026, 5, 21, 15, 59, 59, 999999, tzinfo=UTC)),
        ("today", datetime(2026, 5, 21, 15, 59, 59, 999999, tzinfo=UTC)),
        ("yesterday", datetime(2026, 5, 20, 15, 59, 59, 999999, tzinfo=UTC)),
        ("3h", NOW - timedelta(hours=3)),  # relative forms do not depend on the bound
        ("2026-05-21T14:00:00", utc(2026, 5, 21, 6)),
    ],
)
def test_parse_moment_until_takes_the_end_of_a_day(text: str, expected: datetime) -> None:
    assert parse_moment(text, NOW, SHANGHAI, bound="until") == expected


def test_results_are_aware_utc() -> None:
    moment = parse_moment("2026-05-21T14:00:00+08:00", NOW, NEW_YORK)
    assert moment.tzinfo == UTC


def test_days_follow_daylight_saving() -> None:
    # New York switched to EDT (UTC-4) on 2026-03-08; the day before was UTC-5.
    assert parse_moment("2026-03-07", NOW, NEW_YORK) == utc(2026, 3, 7, 5)
    assert parse_moment("2026-03-09", NOW, NEW_YORK) == utc(2026, 3, 9, 4)


def test_today_is_the_day_in_the_given_zone() -> None:
    # 20:00 UTC on the 21st is 16:00 on the 21st in New York, 04:00 on the 22nd in Shanghai.
    late = datetime(2026, 5, 21, 20, 0, tzinfo=UTC)
    assert parse_moment("today", late, SHANGHAI) == utc(2026, 5, 21, 16)
    assert parse_moment("today", late, NEW_YORK) == utc(2026, 5, 21, 4)


def test_naive_now_is_read_in_the_zone() -> None:
    naive_now = datetime(2026, 5, 21, 18, 30)
    assert parse_moment("now", naive_now, SHANGHAI) == NOW


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "empty time"),
        ("   ", "empty time"),
        ("soon", "cannot read time 'soon'"),
        ("90", "cannot read time '90'"),
        ("3x", "cannot read time '3x'"),
        ("90ms", "cannot read time '90ms'"),
        ("30m1h", "cannot read time '30m1h'"),  # units run from weeks down to seconds
        ("2026-02-30", "not a real date"),
        ("25:00", "not a time of day"),
        ("2026-05-21T25:00:00", "cannot read time"),
    ],
)
def test_bad_input_names_the_text_and_the_accepted_forms(text: str, needle: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_moment(text, NOW, SHANGHAI)
    assert needle in str(caught.value)


def test_the_message_lists_the_accepted_forms() -> None:
    with pytest.raises(ValueError) as caught:
        parse_moment("last tuesday", NOW, UTC)
    message = str(caught.value)
    for form in ("ISO timestamp", "2026-05-21", "today", "yesterday", "now", "90m", "1h30m"):
        assert form in message


@given(
    weeks=st.integers(0, 5), days=st.integers(0, 9), hours=st.integers(0, 48),
    minutes=st.integers(0, 120), seconds=st.integers(0, 120),
)
def test_durations_add_up(weeks: int, days: int, hours: int, minutes: int, seconds: int) -> None:
    parts = [(weeks, "w"), (days, "d"), (hours, "h"), (minutes, "m"), (seconds, "s")]
    text = "".join(f"{value}{unit}" for value, unit in parts if value)
    expected = timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
    if not text:
        assert parse_duration("") is None
        return
    assert parse_duration(text) == expected
    assert parse_moment(text, NOW, UTC) == NOW - expected


class TestTimeWindow:
    def test_bounds_are_inclusive(self) -> None:
        window = TimeWindow(utc(2026, 5, 21, 6), utc(2026, 5, 21, 7))
        assert window.contains(utc(2026, 5, 21, 6))
        assert window.contains(utc(2026, 5, 21, 7))
        assert not window.contains(utc(2026, 5, 21, 5, 59, 59))
        assert not window.contains(utc(2026, 5, 21, 7, 0, 0, 1))

    def test_lines_without_time_are_kept(self) -> None:
        assert TimeWindow(utc(2026, 5, 21), utc(2026, 5, 22)).contains(None)

    def test_open_ends(self) -> None:
        assert TimeWindow(since=utc(2026, 5, 21)).contains(utc(2099, 1, 1))
        assert TimeWindow(until=utc(2026, 5, 21)).contains(utc(2000, 1, 1))
        assert TimeWindow().unbounded
        assert not TimeWindow(since=utc(2026, 5, 21)).unbounded

    def test_parse_reads_both_options(self) -> None:
        window = TimeWindow.parse("2026-05-21", "2026-05-21", NOW, SHANGHAI)
        assert window.since == utc(2026, 5, 20, 16)
        assert window.until == datetime(2026, 5, 21, 15, 59, 59, 999999, tzinfo=UTC)
        assert window.contains(utc(2026, 5, 21, 15, 59, 59))
        assert not window.contains(utc(2026, 5, 21, 16))

    def test_parse_names_the_bad_option(self) -> None:
        with pytest.raises(ValueError, match=r"^--until: cannot read time 'later'"):
            TimeWindow.parse("3h", "later", NOW, UTC)

    def test_empty_window_is_refused(self) -> None:
        with pytest.raises(ValueError, match="--since .* is after --until"):
            TimeWindow.parse("1h", "3h", NOW, UTC)

    def test_naive_bounds_are_refused(self) -> None:
        with pytest.raises(ValueError, match="time zone"):
            TimeWindow(since=datetime(2026, 5, 21))

    def test_overlaps(self) -> None:
        window = TimeWindow(utc(2026, 5, 21), utc(2026, 5, 22))
        assert window.overlaps(utc(2026, 5, 20), utc(2026, 5, 21))
        assert window.overlaps(utc(2026, 5, 22), utc(2026, 5, 23))
        assert not window.overlaps(utc(2026, 5, 19), utc(2026, 5, 20, 23))
        assert not window.overlaps(utc(2026, 5, 22, 0, 0, 1), utc(2026, 5, 23))
        assert TimeWindow().overlaps(utc(2000, 1, 1), utc(2000, 1, 2))
