"""Full ISO timestamps read the same on every supported Python version.

``datetime.fromisoformat`` on Python 3.10 rejects fractions that are not 3 or 6 digits,
``Z``, ``+0800`` and ``+08``; 3.11 accepts them. These inputs are the ones that differ, so
every expectation here is written out by hand, never computed with ``fromisoformat``.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stuckscan._iso import _read_iso, parse_iso_datetime
from stuckscan._time import TimeContext, parse_iso
from stuckscan.parser import parse_text_lines
from stuckscan.timewindow import parse_moment

UTC = timezone.utc
CST = timezone(timedelta(hours=8))
IST = timezone(timedelta(hours=5, minutes=30))
NOW = datetime(2026, 5, 22, tzinfo=UTC)


def at(*parts: int, tz: timezone | None = None) -> datetime:
    return datetime(*parts, tzinfo=tz)


# Forms Python 3.10's fromisoformat rejects and 3.11+ accepts.
DIFFERING = [
    ("2026-05-21T18:41:29.1", at(2026, 5, 21, 18, 41, 29, 100000)),  # journald, Go: trimmed fraction
    ("2026-05-21T18:41:29.12", at(2026, 5, 21, 18, 41, 29, 120000)),
    ("2026-05-21T18:41:29.1234", at(2026, 5, 21, 18, 41, 29, 123400)),
    ("2026-05-21T18:41:29.12345", at(2026, 5, 21, 18, 41, 29, 123450)),
    ("2026-05-21T18:41:29.1234567", at(2026, 5, 21, 18, 41, 29, 123456)),  # cut, not rounded
    ("2026-05-21T18:41:29.123456789", at(2026, 5, 21, 18, 41, 29, 123456)),  # nanoseconds
    ("2026-05-21T18:41:29.999999999", at(2026, 5, 21, 18, 41, 29, 999999)),  # no carry into the next second
    ("2026-05-21T18:41:29,5", at(2026, 5, 21, 18, 41, 29, 500000)),  # ISO's decimal comma
    ("2026-05-21T10:41:29Z", at(2026, 5, 21, 10, 41, 29, tz=UTC)),
    ("2026-05-21T10:41:29z", at(2026, 5, 21, 10, 41, 29, tz=UTC)),
    ("2026-05-21T10:41:29.1Z", at(2026, 5, 21, 10, 41, 29, 100000, tz=UTC)),
    ("2026-05-21T18:41:29+0800", at(2026, 5, 21, 18, 41, 29, tz=CST)),  # journalctl -o short-iso
    ("2026-05-21T18:41:29.123456+0800", at(2026, 5, 21, 18, 41, 29, 123456, tz=CST)),  # short-iso-precise
    ("2026-05-21T18:41:29+08", at(2026, 5, 21, 18, 41, 29, tz=CST)),
    ("2026-05-21T13:11:29.5+0530", at(2026, 5, 21, 13, 11, 29, 500000, tz=IST)),
    ("2026-05-21T18:41+0800", at(2026, 5, 21, 18, 41, tz=CST)),
    ("2026-05-21T18:41:29+080000", at(2026, 5, 21, 18, 41, 29, tz=CST)),
    ("2026-05-21T18:41:29+08:00:00.5",
     at(2026, 5, 21, 18, 41, 29, tz=timezone(timedelta(hours=8, microseconds=500000)))),
]

# Forms every version reads alike; they must keep working.
COMMON = [
    ("2026-05-21T18:41:29", at(2026, 5, 21, 18, 41, 29)),
    ("2026-05-21 18:41:29", at(2026, 5, 21, 18, 41, 29)),
    ("2026-05-21t18:41:29", at(2026, 5, 21, 18, 41, 29)),
    ("2026-05-21T18:41:29.123", at(2026, 5, 21, 18, 41, 29, 123000)),
    ("2026-05-21T18:41:29.123456", at(2026, 5, 21, 18, 41, 29, 123456)),
    ("2026-05-21T18:41:29.123+08:00", at(2026, 5, 21, 18, 41, 29, 123000, tz=CST)),
    ("2026-05-21T05:11:29-05:30", at(2026, 5, 21, 5, 11, 29, tz=timezone(-timedelta(hours=5, minutes=30)))),
    ("2026-05-21T10:41:29+00:00", at(2026, 5, 21, 10, 41, 29, tz=UTC)),
    ("2026-05-21T10:41:29-00:00", at(2026, 5, 21, 10, 41, 29, tz=UTC)),
    ("2026-05-21T18:41:29 +08:00", at(2026, 5, 21, 18, 41, 29, tz=CST)),
    ("2026-05-21T18:41:29+08:00:30", at(2026, 5, 21, 18, 41, 29, tz=timezone(timedelta(hours=8, seconds=30)))),
    ("2026-05-21T18:41:29+23:59", at(2026, 5, 21, 18, 41, 29, tz=timezone(timedelta(hours=23, minutes=59)))),
    ("2026-05-21 14:00", at(2026, 5, 21, 14)),
    ("2026-05-21T14", at(2026, 5, 21, 14)),
    ("2026-05-21", at(2026, 5, 21)),
]

REJECTED = [
    "",
    "2026-05-21T",
    "2026-05-21T18:4",
    "2026-05-21T18:41:2",
    "2026-05-21T18:41:29.",  # a point with no digits
    "2026-05-21T18:41:29 ",
    " 2026-05-21T18:41:29",
    "2026-05-21T18:41:29\n",
    "2026-05-21T18:41:29  +08:00",
    "2026-05-21T18:41:29+8:00",
    "2026-05-21T18:41:29+08:0",
    "2026-05-21T18:41:29+08:0030",  # mixed offset separators
    "2026-05-21T18:41:29+0800:30",
    "2026-05-21T18:41:29+08:75",  # minutes past 59 (3.11 reads +09:15)
    "2026-05-21T18:41:29+24:00",
    "2026-05-21T18:41:29+08:00Z",
    "2026-05-21T18:41:29Zjunk",
    "2026-05-21T24:00:00",
    "2026-05-21T18:60:00",
    "2026-05-21T18:41:60",  # leap second
    "2026-02-30T18:41:29",
    "0000-05-21T18:41:29",
    "2026-W21-4T18:41:29",  # week date (3.11+ reads it)
    "2026-05-21T184129",  # basic-format time (3.11+ reads it)
    "20260521T184129",
    "2026-05-21x18:41:29",  # any separator (fromisoformat reads it)
    "\u0662026-05-21T18:41:29",  # non-ASCII digits
    "2026-05-21T18:41:29.\u0661\u0662\u0663",
    "2026-05-21T18:41:29.5+08:00:00.1234567",
]


@pytest.mark.parametrize(("text", "expected"), DIFFERING + COMMON)
def test_accepted_forms(text: str, expected: datetime) -> None:
    value = parse_iso_datetime(text)
    assert value == expected
    assert (value.utcoffset() if value else None) == expected.utcoffset()  # == ignores the zone of aware values


@pytest.mark.parametrize("text", REJECTED)
def test_rejected_forms(text: str) -> None:
    assert parse_iso_datetime(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-05-21T18:41:29.1+08:00", at(2026, 5, 21, 10, 41, 29, 100000, tz=UTC)),
        ("2026-05-21T18:41:29.12345+0800", at(2026, 5, 21, 10, 41, 29, 123450, tz=UTC)),
        ("2026-05-21T10:41:29.123456789Z", at(2026, 5, 21, 10, 41, 29, 123456, tz=UTC)),
        ("2026-05-21 18:41:29+08", at(2026, 5, 21, 10, 41, 29, tz=UTC)),
    ],
)
def test_log_timestamps_become_utc(text: str, expected: datetime) -> None:
    assert parse_iso(text) == expected
    assert TimeContext(zone=UTC).parse_full(text) == expected


def test_a_naive_log_timestamp_with_an_odd_fraction_takes_the_zone() -> None:
    assert parse_iso("2026-05-21T18:41:29.1") == at(2026, 5, 21, 18, 41, 29, 100000)
    assert TimeContext(zone=CST).parse_full("2026-05-21T18:41:29.1") == at(2026, 5, 21, 10, 41, 29, 100000, tz=UTC)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # journald with the console's own stamp, trimmed to one fraction digit
        ("2026-05-21T18:41:29.1+08:00 warn diagnostic stuck session: sessionId=a sessionKey=agent:main:main "
         "state=processing age=121s queueDepth=1", at(2026, 5, 21, 10, 41, 29, 100000, tz=UTC)),
        ("2026-05-21T18:41:29.12345+0800 warn diagnostic stuck session: sessionId=a sessionKey=agent:main:main "
         "state=processing age=121s queueDepth=1", at(2026, 5, 21, 10, 41, 29, 123450, tz=UTC)),
        ('{"type":"log","time":"2026-05-21T10:41:29.123456789Z","level":"warn","subsystem":"diagnostic",'
         '"message":"stuck session: sessionId=a sessionKey=agent:main:main state=processing age=121s queueDepth=1"}',
         at(2026, 5, 21, 10, 41, 29, 123456, tz=UTC)),
    ],
)
def test_parsed_lines_keep_their_time(line: str, expected: datetime) -> None:
    (event,) = parse_text_lines([line], "openclaw-2026-05-21.log")
    assert event.kind == "session.stuck"
    assert event.time == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-05-21T06:00:00.5Z", at(2026, 5, 21, 6, 0, 0, 500000, tz=UTC)),
        ("2026-05-21T14:00:00+0800", at(2026, 5, 21, 6, tz=UTC)),
        ("2026-05-21T14:00:00.1234+08", at(2026, 5, 21, 6, 0, 0, 123400, tz=UTC)),
        ("2026-05-21T14:00:00.1", at(2026, 5, 21, 6, 0, 0, 100000, tz=UTC)),  # naive: the given zone
    ],
)
def test_since_and_until_take_the_same_forms(text: str, expected: datetime) -> None:
    assert parse_moment(text, NOW, CST) == expected


def test_since_rejects_what_is_not_a_timestamp() -> None:
    with pytest.raises(ValueError, match="cannot read time"):
        parse_moment("2026-05-21T14:00:00+08:75", NOW, CST)


# -- agreement with fromisoformat -------------------------------------------------------

_DIGITS = "0123456789"
_fraction = st.one_of(st.text(_DIGITS, min_size=3, max_size=3), st.text(_DIGITS, min_size=6, max_size=6),
                      st.text(_DIGITS, min_size=1, max_size=12))


@st.composite
def iso_text(draw: st.DrawFn) -> str:
    """Any text of the accepted grammar with in-range fields (it may still be no real date)."""
    text = f"{draw(st.integers(1, 9999)):04d}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 31)):02d}"
    if draw(st.integers(0, 9)) == 0:
        return text
    text += draw(st.sampled_from(["T", "t", " "]))
    text += f"{draw(st.integers(0, 23)):02d}"
    parts = draw(st.integers(0, 2))
    if parts >= 1:
        text += f":{draw(st.integers(0, 59)):02d}"
    if parts == 2:
        text += f":{draw(st.integers(0, 59)):02d}"
        if draw(st.booleans()):
            text += draw(st.sampled_from(".,")) + draw(_fraction)
    zone = draw(st.sampled_from(["", "Z", "z", "colon", "plain", "hours"]))
    if zone in ("Z", "z", ""):
        return text + zone
    text += draw(st.sampled_from(["+", "-"])) + f"{draw(st.integers(0, 23)):02d}"
    if zone == "hours":
        return text
    separator = ":" if zone == "colon" else ""
    text += separator + f"{draw(st.integers(0, 59)):02d}"
    if draw(st.booleans()):
        text += separator + f"{draw(st.integers(0, 59)):02d}"
        if draw(st.booleans()):
            text += "." + draw(st.text(_DIGITS, min_size=1, max_size=6))
    return text


def _fromisoformat(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    except ValueError:
        return None


@given(iso_text())
def test_agrees_with_fromisoformat_where_it_reads_the_text(text: str) -> None:
    """Where this Python's fromisoformat reads a text, the answer is the same; from 3.11 on
    it reads every text of the grammar that names a real date."""
    ours, theirs = parse_iso_datetime(text), _fromisoformat(text)
    if theirs is not None:
        assert ours == theirs and ours.utcoffset() == theirs.utcoffset()
    elif sys.version_info >= (3, 11):
        assert ours is None  # only impossible dates (2026-02-30) are left


@given(st.one_of(iso_text(), st.text("0123456789-:T .,+Zz", max_size=40)))
def test_the_fast_path_reads_as_the_reference_reader(text: str) -> None:
    """Common forms go to fromisoformat for speed; the answer is the reference reader's."""
    ours, reference = parse_iso_datetime(text), _read_iso(text)
    assert ours == reference
    assert (ours.utcoffset() if ours else None) == (reference.utcoffset() if reference else None)


def test_an_epoch_millisecond_ts_is_a_utc_time_only_when_plausible() -> None:
    from stuckscan._iso import from_epoch_ms

    assert from_epoch_ms(1777594109604) == datetime(2026, 5, 1, 0, 8, 29, 604000, tzinfo=timezone.utc)
    for not_a_time in (0, -5, 7_258_118_400_000, True, "1777594109604", None, float("nan")):
        assert from_epoch_ms(not_a_time) is None
