"""Property tests over hostile input (issue #7): the line parser, the key=value tokenizer
and the correlator.

- Lines built from every real message family and line shape, with hypothesis text in the
  values, session keys and file names, parse without raising, one event per non-blank
  line, and the whole pipeline (correlate, classify) accepts them.
- The tokenizer gives back exactly the keys and values it was given.
- Real stall sequences from sample_logs/rules (one session each), shifted to overlap in
  time and interleaved at random keeping each session's own order, give the same
  incidents by session as each sequence alone.
"""

from __future__ import annotations

import dataclasses
import heapq
import json
import os
import random
import string
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stuckscan import families
from stuckscan._kv import FREE_TEXT_KEYS, tokenize
from stuckscan.analysis import analyze_paths, build_analysis
from stuckscan.correlator import correlate
from stuckscan.events import Event, mentions
from stuckscan.inputs import RawLine
from stuckscan.parser import ParseOptions, ParseStats, parse_lines, parse_path, parse_text_lines

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "sample_logs" / "rules"
UTC = timezone.utc
OPTIONS = ParseOptions(date=date(2026, 5, 21), tz=UTC)
PREFIXES = sorted({prefix for family in families.FAMILIES for prefix in family.prefixes})
NEEDLES = sorted({family.needle for family in families.FAMILIES if family.needle} | {e.needle for e in families.ENRICHERS})
FIELD_KEYS = ["sessionKey", "sessionId", "runId", "lane", "age", "queueDepth", "reason", "classification",
              "lastProgress", "lastProgressAge", "action", "released", "aborted", "durationMs", "lockPath", "pid",
              "state", "new", "prev", "outcome", "tool", "model", "provider", "activeWorkKind", "waitMs"]
HOSTILE = ["\x1b[31m", "\x1b]8;;https://evil.example\x1b\\", "<script>alert(1)</script>", "[link=x]y[/link]",
           "::error::pwned", "```", "|", "%0A", "\u202e", "\ufeff", "\x00", "\x9b", "`", "*", "_", "](javascript:x)",
           "{", "}", "\"", "'", "\\", "=", " ", "\t"]

text_values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), max_size=5).map("".join),
    st.from_regex(r"[A-Za-z0-9:+._/-]{1,40}", fullmatch=True),
    st.integers(-10**12, 10**12).map(str),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9).map(lambda f: f"{f:.3f}"),
    st.integers(0, 10**6).map(lambda n: f"{n}ms"), st.integers(0, 10**6).map(lambda n: f"{n}s"),
    st.sampled_from(["unknown", "n/a", "true", "false", "", "-", "[a=1 b=2]", '"quoted value"', '"unterminated']),
)
session_keys = st.one_of(
    st.sampled_from(["agent:main:telegram:direct:7012345678", "agent:main:main", "unknown", "main"]),
    st.from_regex(r"agent:[a-z]{1,8}:[a-z]{1,8}:(direct|group):[0-9+@a-z._-]{1,20}", fullmatch=True),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=" \t\n\r\"="), min_size=1, max_size=30),
)


@st.composite
def messages(draw: st.DrawFn) -> str:
    head = draw(st.one_of(st.sampled_from(PREFIXES), st.sampled_from(NEEDLES), st.text(max_size=20)))
    pairs = draw(st.lists(st.tuples(st.sampled_from(FIELD_KEYS), text_values), max_size=8))
    body = " ".join(f"{key}={value}" for key, value in pairs)
    if draw(st.booleans()):
        body = body.replace("sessionKey=", "sessionKey=" + draw(session_keys), 1) if "sessionKey=" in body else \
            f"sessionKey={draw(session_keys)} {body}"
    tail = draw(st.one_of(st.just(""), st.sampled_from(HOSTILE), st.text(max_size=20)))
    return f"{head} {body}{tail}"


STAMPS = st.one_of(
    st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2999, 12, 31), timezones=st.just(UTC)),
    st.just(datetime(2026, 5, 21, 23, 59, 59, tzinfo=UTC)),
)


@st.composite
def lines(draw: st.DrawFn) -> str:
    """One log line in one of the shapes the parser accepts, or something near one."""
    message = draw(messages())
    moment = draw(STAMPS)
    iso = moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    clock = moment.strftime("%H:%M:%S")
    tag = draw(st.sampled_from(["diagnostic", "gateway", "gateway/ws", "agent/embedded", "ws", "x"]))
    shape = draw(st.integers(0, 9))
    if shape == 0:
        return json.dumps({"0": json.dumps({"subsystem": tag}), "1": message,
                           "_meta": {"date": iso, "logLevelName": "WARN", "name": json.dumps({"subsystem": tag})},
                           "time": iso}, ensure_ascii=draw(st.booleans()))
    if shape == 1:
        return f"{iso} [{tag}] {message}"
    if shape == 2:
        return f"{clock} [{tag}] {message}"
    if shape == 3:
        return f"{iso} {draw(st.sampled_from(['info', 'WARN', 'error', 'debug']))} {tag} {message}"
    if shape == 4:
        return f"May 21 {clock} host openclaw[{draw(st.integers(1, 99999))}]: {iso} [{tag}] {message}"
    if shape == 5:
        return json.dumps({"type": "log", "time": iso, "level": "warn", "subsystem": tag, "message": message})
    if shape == 6:
        return json.dumps({"time": iso, "level": "warn", "subsystem": tag, "message": message, "extra": {"a": [1]}})
    if shape == 7:
        return message  # a pasted snippet
    if shape == 8:
        return f"\x1b[36m{clock}\x1b[0m [{tag}] {message}"
    return draw(st.text(max_size=80))


# -- the parser ------------------------------------------------------------------------------------------------


@settings(max_examples=int(os.environ.get("STUCKSCAN_PROPERTY_EXAMPLES", "150")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(lines(), min_size=1, max_size=25), st.sampled_from(["openclaw-2026-05-21.log", "gateway.jsonl", "<stdin>"])
       | st.text(min_size=1, max_size=30))
def test_crafted_lines_parse_and_analyse(log: list[str], source: str) -> None:
    raw = [RawLine(n, text.encode("utf-8", "surrogatepass")) for n, text in enumerate(log, 1)]
    stats = ParseStats()
    events = list(parse_lines(raw, source, OPTIONS, stats))
    assert stats.lines == len(log)
    assert stats.events == len(events)
    assert stats.events + stats.blank <= stats.lines  # pasted continuation lines join the event before them
    assert stats.unparsed == sum(event.kind == "unparsed" for event in events)
    for event in events:
        assert event.source == source
        assert isinstance(event.message, str)
        assert event.time is None or event.time.tzinfo is not None
    analysis = build_analysis(correlate(events), stats)
    assert analysis.inputs.lines == len(log)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2_000))
def test_any_bytes_through_the_pipeline(data: bytes) -> None:
    stats = ParseStats()
    raw = [RawLine(n, chunk) for n, chunk in enumerate(data.split(b"\n"), 1)]
    events = list(parse_lines(raw, "openclaw-2026-05-21.log", OPTIONS, stats))
    build_analysis(correlate(events), stats)
    assert stats.lines == len(raw)


# Values the time and number code cannot take yet (stuckscan/_time.py, stuckscan/_kv.py are owned by the
# parser/performance work). The pipeline raises on each; the top-level handler turns that into exit 2 and one
# line naming the line, so a single crafted line still ends the whole scan.
TIME_AND_NUMBER_CRASHERS = {
    "year 1 with a positive offset": '{"0": "x", "time": "0001-01-01T00:00:00+01:00"}',
    "year 9999 with a negative offset": '{"0": "x", "time": "9999-12-31T23:59:59-01:00"}',
    "a stall at the end of year 9999": "9999-12-31T23:59:00.000Z [diagnostic] stalled session: "
                                       "sessionKey=agent:main:x:direct:1234567 age=200s",
    "a printed offset of 99 hours": "10:00:00+99:00 [diagnostic] hi",
    "an age beyond timedelta": "2026-05-21T10:00:00.000Z [diagnostic] stalled session: "
                               "sessionKey=agent:main:x:direct:1234567 age=99999999999999s",
    "an age too large for a C int (found by the fuzzer)": "2026-05-21T10:00:00.000Z [diagnostic] stalled session: "
                                                          "sessionKey=agent:main:x:direct:1234567 age=" + "6" * 40 + "s",
    "an age that is infinite as a float": "2026-05-21T10:00:00.000Z [diagnostic] stalled session: "
                                          "sessionKey=agent:main:x:direct:1234567 age=" + "9" * 400 + ".5s",
}


@pytest.mark.parametrize("line", TIME_AND_NUMBER_CRASHERS.values(), ids=TIME_AND_NUMBER_CRASHERS.keys())
def test_time_and_number_edges_do_not_end_the_scan(line: str) -> None:
    events = parse_text_lines([line], "openclaw-2026-05-21.log", ParseOptions(tz=UTC))
    build_analysis(correlate(events), ParseStats())


# -- the tokenizer ---------------------------------------------------------------------------------------------

KEYS = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.]{0,12}", fullmatch=True).filter(lambda key: key not in FREE_TEXT_KEYS)
PLAIN_VALUES = st.text(alphabet=string.ascii_letters + string.digits + ":/.+-_@", min_size=1, max_size=20) \
    .filter(lambda value: not value.endswith((";", ",")))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, st.one_of(PLAIN_VALUES, st.text(alphabet=string.ascii_letters + " =:[]", max_size=20)
                                       .map(lambda v: '"' + v + '"')), min_size=1, max_size=10))
def test_tokenizer_gives_back_what_it_was_given(pairs: dict[str, str]) -> None:
    text = " ".join(f"{key}={value}" for key, value in pairs.items())
    parsed = tokenize(text)
    assert list(parsed.raw) == list(pairs)
    for key, value in pairs.items():
        assert parsed.raw[key] == (value[1:-1] if value.startswith('"') else value)
    assert not parsed.bare


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_tokenizer_keys_come_from_the_text(text: str) -> None:
    parsed = tokenize(text)
    for key in parsed.fields:
        assert f"{key}=" in text
    for word in parsed.bare:
        assert word in text


# -- the correlator: interleaved sessions -----------------------------------------------------------------------

SESSION_SAMPLES = ("RC01-model-call-hang", "RC02-ghost-run", "RC03-blocked-tool-call", "RC04-detector-false-positive",
                   "RC05-stale-session-state", "RC06-ineffective-recovery", "RC07-no-recovery-attempted",
                   "RC08-lock-held-by-live-gateway", "RC09-dead-pid-lock", "RC12-event-loop-starvation",
                   "RC14-lane-wait-backlog", "RC15-run-timeout-without-cleanup", "RC16-compaction-stall",
                   "RC17-restart-interrupted-run")
BASE = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)


@lru_cache(maxsize=1)
def session_sequences() -> dict[str, tuple[Event, ...]]:
    """Each sample's one stalled session: the lines naming it, shifted to start 7 s apart."""
    sequences: dict[str, tuple[Event, ...]] = {}
    for index, name in enumerate(SESSION_SAMPLES):
        path = str(RULES / f"{name}.log")
        options = ParseOptions(tz=UTC)
        incidents = analyze_paths([path], options).incidents
        assert len(incidents) == 1, name
        incident = incidents[0]
        names = [value for value in (incident.session_key, incident.session_id, *incident.run_ids) if value]
        events = [event for event in parse_path(path, options, ParseStats()) if any(mentions(event, n) for n in names)]
        first = next(event.time for event in events if event.time is not None)
        shift = BASE + timedelta(seconds=7 * index) - first
        assert incident.session_key not in sequences
        sequences[incident.session_key] = tuple(
            dataclasses.replace(event, time=event.time + shift if event.time else None) for event in events)
    return sequences


def incidents_by_session(events: list[Event]) -> Counter[str | None]:
    return Counter(record.session_key for record in correlate(events).incidents)


@lru_cache(maxsize=1)
def each_alone() -> Counter[str | None]:
    total: Counter[str | None] = Counter()
    for sequence in session_sequences().values():
        total += incidents_by_session(list(sequence))
    return total


def test_each_sequence_alone_is_one_incident() -> None:
    alone = each_alone()
    assert set(alone) == set(session_sequences()) and set(alone.values()) == {1}


def merge_by(keys: dict[str, list[float]]) -> list[Event]:
    """Merge the sessions' sequences by ``keys`` (one per event), each session's order kept."""
    sequences = session_sequences()
    heads = [(keys[session][0], session, 0) for session in sequences]
    heapq.heapify(heads)
    merged: list[Event] = []
    while heads:
        _, session, index = heapq.heappop(heads)
        merged.append(sequences[session][index])
        if index + 1 < len(sequences[session]):
            heapq.heappush(heads, (keys[session][index + 1], session, index + 1))
    return merged


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from([0.0, 2.0, 30.0, 60.0]))
def test_time_ordered_interleavings_give_the_same_incidents(seed: int, jitter: float) -> None:
    """Lines in time order (as one gateway writes them), ties and up to a minute of
    disorder between sessions in any order: the same incidents, each session once."""
    rng = random.Random(seed)
    keys = {session: [(event.time or BASE).timestamp() + rng.uniform(0, jitter) for event in sequence]
            for session, sequence in session_sequences().items()}
    assert incidents_by_session(merge_by(keys)) == each_alone()


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32))
def test_arbitrary_interleavings_lose_no_incident(seed: int) -> None:
    """Any interleaving at all (sessions minutes apart in the merged order): no session's
    incident is lost."""
    rng = random.Random(seed)
    keys = {session: sorted(rng.random() for _ in sequence) for session, sequence in session_sequences().items()}
    merged = merge_by(keys)
    assert len(merged) == sum(len(s) for s in session_sequences().values())
    got = incidents_by_session(merged)
    assert set(got) == set(each_alone())


def test_arbitrary_interleavings_open_each_incident_once() -> None:
    for seed in range(12):
        rng = random.Random(seed)
        keys = {session: sorted(rng.random() for _ in sequence) for session, sequence in session_sequences().items()}
        assert incidents_by_session(merge_by(keys)) == each_alone(), f"seed {seed}"
