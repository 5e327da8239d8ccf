"""Lazy events (``parser.LazyEvent``) read exactly like the events the parser builds eagerly.

The scan fast path builds plain key=value lifecycle lines as lazy events: their fields are
tokenized only when read, and the identity fields the correlator reads of every line are
answered from the raw words. Whatever is read of one must equal the eager event.
"""

from __future__ import annotations

import dataclasses
import pickle
from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from stuckscan import families
from stuckscan._identity import IdentityResolver
from stuckscan.correlator import bounded_event
from stuckscan.events import Event
from stuckscan.parser import PEEKABLE, PLAIN_KV_FAMILIES, LazyEvent, LineParser, ParseOptions, ParseStats

MOMENT = datetime(2026, 5, 21, 9, 0, tzinfo=timezone.utc)
PREFIXES = sorted(p for f in families.FAMILIES if id(f) in PLAIN_KV_FAMILIES for p in f.prefixes)
KEYS = sorted(PEEKABLE) + ["reason", "error", "waitMs", "queueSize", "durationMs", "age", "9bad", "lane-x"]
VALUES = ["session:agent:main:telegram:direct:42", "agent:main:main", "main", "unknown", "n/a", "true", "false",
          "1234", "12ms", "3.5s", "idle", "processing", "a;", "b,", "", "=", "x=y", "session:", "session:unknown", "session:true", "Unknown", "é", "٣"]
WORD = st.one_of(
    st.builds(lambda k, v: f"{k}={v}", st.sampled_from(KEYS), st.sampled_from(VALUES)),
    st.sampled_from(["free", "text", "=lead", "tail=", "a=b=c", "session:agent:x", ".jsonl.lock", "x\ty", "x\u00a0y"]),
)
MESSAGE = st.builds(lambda prefix, words, gap: prefix + gap + " ".join(words),
                    st.sampled_from(PREFIXES), st.lists(WORD, max_size=12), st.sampled_from(["", " ", "  "]))
# Quoted values: plain ones (lazy when their key is not peeked at) and ones with what the tokenizer reads otherwise
# (spaces, quotes, escapes, "=" and key=value text inside, unicode, a missing closing quote, text glued after it).
QUOTED_TEXT = st.one_of(
    st.sampled_from(["message_start", "run_completed", "", "a=b", "sessionId=x", "é٣", "x y", "sessionKey=k z=1",
                     'say "hi"', "a\\\"b", "tab\tx", "new=idle", "\u00e9", "a\u00a0b", "ü=ü", " lead", "trail "]),
    st.text(st.sampled_from('ab= "\\é\u00a0\t:;,'), max_size=8),
)
QUOTED_WORD = st.builds(lambda key, text, end: f'{key}="{text}{end}', st.sampled_from(KEYS + ["é", "_x", "a.b-c"]),
                        QUOTED_TEXT, st.sampled_from(['"', '"', '"', "", '"x', '",', '"=', '"sessionId=glued', '"new=idle']))
# (and plain ones, of keys no lazy event peeks at, often enough that many messages are lazy)
PLAIN_QUOTED_WORD = st.builds(lambda key, text: f'{key}="{text}"', st.sampled_from(sorted(set(KEYS) - PEEKABLE)),
                              st.text(st.sampled_from("ab_:=;,.é٣-"), max_size=6))
QUOTED_MESSAGE = st.one_of(
    st.builds(lambda prefix, words, gap: prefix + gap + " ".join(words), st.sampled_from(PREFIXES),
              st.lists(st.one_of(WORD, PLAIN_QUOTED_WORD, QUOTED_WORD, st.sampled_from(['"', 'x"y', '="z"', 'a=b="c"'])),
                       max_size=10),
              st.sampled_from(["", " ", "  ", '"'])),
    st.builds(lambda prefix, words: prefix + " " + " ".join(words), st.sampled_from(PREFIXES),
              st.lists(st.one_of(st.builds(lambda k, v: f"{k}={v}", st.sampled_from(KEYS), st.sampled_from(VALUES)),
                                 PLAIN_QUOTED_WORD), max_size=10)),
)


def both(message: str) -> tuple[Event, Event]:
    """(the fast path's event, the parser's eager event) for one gateway record's message."""
    parser = LineParser("gateway.log", ParseOptions(), ParseStats())
    fast = parser.build_jsonl(7, MOMENT, "debug", "diagnostic", message)
    eager = parser._build(7, MOMENT, parser_record(message), False)
    return fast, eager


def parser_record(message: str):  # noqa: ANN201 - the parser's record type
    from stuckscan.shapes import Record

    return Record("jsonl", None, "debug", "diagnostic", message, None)


@settings(max_examples=1500, deadline=None)
@given(MESSAGE, st.lists(st.sampled_from(KEYS + ["words", "lockSessionId"]), max_size=6))
def test_peeked_fields_equal_the_tokenized_ones(message: str, reads: list[str]) -> None:
    reads_as_eager(message, reads)


def reads_as_eager(message: str, reads: list[str]) -> None:
    """Whatever is read of the fast path's event, in this order, equals the eager event's."""
    fast, eager = both(message)
    fresh, _ = both(message)
    assert fresh.identity_names() == eager.identity_names()  # before anything else is read
    stated = fresh.peekable_keys()  # (which keys a line states itself, answered untokenized: n67)
    assert {k for k in PEEKABLE - {"laneSessionKey", "lockSessionId"} if k in stated} == \
        {k for k in PEEKABLE - {"laneSessionKey", "lockSessionId"} if k in eager.fields}
    for key in reads:  # peeks first, in any order, before anything is tokenized
        assert fast.get(key, "absent") == eager.get(key, "absent"), key
        assert fast.has(key) == eager.has(key), key
    assert IdentityResolver().names(fast) == IdentityResolver().names(eager)
    assert fast.fields_at_most() >= len(eager.fields)
    assert (fast.fields, fast.raw, fast.seconds) == (eager.fields, eager.raw, eager.seconds)
    assert fast == eager and eager == fast
    assert (fast.kind, fast.level, fast.message) == (eager.kind, eager.level, eager.message)


@settings(max_examples=3000, deadline=None)
@given(QUOTED_MESSAGE, st.lists(st.sampled_from(KEYS + ["words", "lockSessionId"]), max_size=6))
def test_quoted_values_read_as_the_tokenizer_reads_them(message: str, reads: list[str]) -> None:
    """A message with quoted values (``session state: ... reason="message_start"``) is lazy only when what it peeks
    equals the tokenizer's reading: quotes, escapes, spaces and ``=`` inside quotes, unicode."""
    reads_as_eager(message, reads)


def test_session_state_lines_are_lazy() -> None:
    message = ("session state: sessionId=cbcd2231-6148 sessionKey=agent:main:telegram:direct:48 prev=idle new=processing"
               ' reason="message_start" queueDepth=0')
    event, eager = both(message)
    assert isinstance(event, LazyEvent) and event._kv is not None
    assert event.identity_names() == eager.identity_names() == ("agent:main:telegram:direct:48", "cbcd2231-6148", None)
    assert event.get("new") == "processing" and event._kv is not None  # answered without tokenizing
    assert event == eager and event.fields["reason"] == "message_start"
    for quoted in ('reason="message start"', 'reason="a\\"b"', 'reason="x"y', 'sessionKey="agent:main:main"',
                   'reason="a" b="c" d="e" f="g" h="i"', 'reason="x', 'reason=x"y"', '"reason"="x"', 'é="x"'):
        event, eager = both(f"session state: sessionId=abc123def new=idle {quoted}")
        assert not isinstance(event, LazyEvent), quoted
        assert event == eager


def test_lifecycle_lines_are_lazy_and_unusual_ones_are_not() -> None:
    lazy, _ = both("lane dequeue: lane=session:agent:main:telegram:direct:42 waitMs=4 queueSize=0")
    assert isinstance(lazy, LazyEvent) and lazy._kv is not None
    assert lazy.get("laneSessionKey") == "agent:main:telegram:direct:42"
    assert lazy._kv is not None  # answered without tokenizing
    for message in (
        'session state: sessionId=abc123def prev=idle new=processing reason="message start"',  # quoted space
        "lane task error: lane=session:x lockPath=/s/abc.jsonl.lock",                          # enricher
        "run cleared: sessionId=abc123def\ttotalActive=0",                                     # tab
        "stuck session recovery reclaiming stale active run: sessionId=abc123def",             # other groups
        "something else entirely sessionId=abc123def",                                        # no family
    ):
        event, eager = both(message)
        assert not isinstance(event, LazyEvent), message
        assert event == eager


def test_lazy_events_survive_copies_and_pickling() -> None:
    event, eager = both("embedded run start: runId=r-123456 sessionId=s-abcdef model=qwen provider=aliyun")
    assert isinstance(event, LazyEvent)
    copied = dataclasses.replace(event, line=8)
    assert copied.fields == eager.fields and copied.line == 8
    assert pickle.loads(pickle.dumps(event)) == eager
    unread, _ = both("embedded run start: runId=r-123456 sessionId=s-abcdef model=qwen provider=aliyun")
    unread.identity_names()  # peeked, not tokenized
    copy = pickle.loads(pickle.dumps(unread))
    assert isinstance(copy, LazyEvent) and copy._kv is not None
    assert copy == eager and copy.identity_names() == eager.identity_names()
    event.fields  # noqa: B018 - tokenized now
    assert type(pickle.loads(pickle.dumps(event))) is Event
    assert bounded_event(event) is event


def test_a_huge_key_value_message_is_still_bounded() -> None:
    message = "run registered: " + " ".join(f"k{i}={i}" for i in range(200))
    event, eager = both(message)
    kept = bounded_event(event)
    assert kept == bounded_event(eager)
    assert len(kept.fields) <= 64
