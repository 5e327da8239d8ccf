"""n67: reading the channel a served, answered or progress line names costs no tokenizing.

n64 (RC18's heal per channel) read ``channels.served_channel`` of every served, answered and progress line while an
episode was open, before the episode's time test, through ``event.fields``: each lazily built lifecycle line of the
scan fast path (``parser.LazyEvent``) was tokenized for it, and ``scan`` took 16-23 % longer on a busy debug log. The
channel's keys (``channel``, ``messageChannel``, ``surface``, ``source``) are now answered from a lazy event's words as
its identity keys are (``parser.PEEKABLE``), a line outside the episode's window is set aside before its channel is
read, and the channel is read once per line. What RC18 concludes is unchanged (tests/test_n64_served_by_channel.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from stuckscan.channels import served_channel
from stuckscan.correlator import EpisodeRecord, note_answered, note_progress
from stuckscan.events import Event
from stuckscan.parser import LazyEvent, LineParser, ParseOptions, ParseStats
from stuckscan.shapes import Record

MOMENT = datetime(2026, 5, 21, 9, 0, tzinfo=timezone.utc)
PROCESSED = ("message processed: channel=telegram chatId=4820427303 messageId=21914 sessionId=cbcd2231-6148 "
             "sessionKey=agent:main:telegram:direct:4820427303 outcome=completed duration=12431ms")
QUEUED = "message queued: sessionId=cbcd2231 sessionKey=agent:main:discord:direct:48 source=discord queueDepth=1"
RUN_DONE = "embedded run done: runId=9b227970 sessionId=cbcd2231 durationMs=12379 aborted=false"
LANE_DONE = "lane task done: lane=session:agent:main:slack:channel:c1 durationMs=5 active=0 queued=0"


def both(message: str, moment: datetime = MOMENT) -> tuple[Event, Event]:
    """(the fast path's event, the parser's eager event) for one gateway record's message."""
    parser = LineParser("gateway.log", ParseOptions(), ParseStats())
    fast = parser.build_jsonl(7, moment, "debug", "diagnostic", message)
    eager = parser._build(7, moment, Record("jsonl", None, "debug", "diagnostic", message, None), False)
    return fast, eager


@pytest.mark.parametrize("message", [PROCESSED, QUEUED, RUN_DONE, LANE_DONE,
                                     "embedded run start: runId=r1 sessionId=s1 provider=openai messageChannel=discord",
                                     "message processed: channel=unknown sessionKey=agent:main:main outcome=completed"])
def test_the_channel_of_a_lazy_line_is_read_from_its_words(message: str) -> None:
    fast, eager = both(message)
    assert isinstance(fast, LazyEvent) and fast._kv is not None
    assert served_channel(fast) == served_channel(eager)
    assert fast._kv is not None  # answered without tokenizing


@pytest.mark.parametrize("word", ["channel=<chat id>", "source=<source name>", "surface=1h 30m", "new=1h 30m",
                                  "channel=5m 3s", "lane=<session key>", "messageChannel=<x y>"])
def test_a_value_the_tokenizer_reads_over_several_words_is_not_peeked(word: str) -> None:
    # (a template's ``<chat id>`` and a spaced duration are one value over two words: the word alone is not it)
    fast, eager = both(f"message processed: sessionId=s1 {word} outcome=completed")
    key = word.split("=", 1)[0]
    assert fast.get(key) == eager.get(key)
    assert fast.get("laneSessionKey") == eager.get("laneSessionKey")
    assert served_channel(fast) == served_channel(eager)
    assert fast == eager


def _episode() -> EpisodeRecord:
    return EpisodeRecord(1, MOMENT, MOMENT + timedelta(seconds=30))


def test_answered_and_progress_lines_outside_the_episode_are_not_tokenized() -> None:
    episode = _episode()
    episode.answered_after = episode.answered_by["telegram"] = MOMENT + timedelta(seconds=5)
    episode.progressed_after = episode.progressed_by["telegram"] = MOMENT + timedelta(seconds=5)
    late = MOMENT + timedelta(hours=2)  # more than an episode gap after its last trouble line
    for message in (PROCESSED, RUN_DONE):
        fast, _ = both(message, late)
        note_answered(episode, fast)
        note_progress(episode, fast)
        assert fast._kv is not None, message
    assert episode.answered_by == {"telegram": MOMENT + timedelta(seconds=5)}


def test_each_channel_first_answered_moment_is_kept_untokenized() -> None:
    episode = _episode()
    moments = [MOMENT + timedelta(seconds=s) for s in (40, 50, 60, 70)]
    events = [both(PROCESSED, moments[0])[0], both(PROCESSED, moments[1])[0],
              both(RUN_DONE, moments[2])[0], both(LANE_DONE, moments[3])[0]]
    for event in events:
        note_answered(episode, event)
    assert episode.answered_after == moments[0]
    assert episode.answered_by == {"telegram": moments[0], "": moments[2], "slack": moments[3]}
    # (a line that is its channel's first is tested for failed work, which reads its fields; a later line of a channel
    # already noted stays lazy)
    assert [e._kv is not None for e in events] == [False, True, False, False]


def test_the_same_lines_eagerly_built_give_the_same_moments() -> None:
    # (a healthy sequence: answers on one channel keep the episode answered, as before n67)
    lazy, eager = _episode(), _episode()
    for seconds, message in ((40, PROCESSED), (50, RUN_DONE), (55, LANE_DONE), (60, PROCESSED)):
        fast, slow = both(message, MOMENT + timedelta(seconds=seconds))
        note_answered(lazy, fast)
        note_answered(eager, slow)
    assert lazy.answered_by == eager.answered_by and lazy.answered_after == eager.answered_after
    assert lazy.answered_for("telegram") == MOMENT + timedelta(seconds=40)
    assert lazy.answered_for("discord") == MOMENT + timedelta(seconds=50)  # (a line naming no channel: as before)
