"""Resource bounds (issue #7): what the correlator keeps is capped, and stays cheap.

The open-incident cap evicts the least recently active incident (counted and reported),
in O(log n) per eviction; identity maps, session histories, markers and per-incident
evidence are bounded; an event is kept only in a bounded form, so a crafted megabyte line
cannot pin megabytes of fields per incident; reopening a stall is O(1) however many
incidents closed before it. The figures are in docs/reliability.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stuckscan.correlator as correlator_module
from stuckscan.analysis import build_analysis
from stuckscan.correlator import (
    MAX_KEPT_FIELDS,
    MAX_KEPT_TEXT,
    Correlator,
    CorrelatorLimits,
    RecordStatus,
    bounded_event,
    timestamp_or_inf,
)
from stuckscan.events import Event
from stuckscan.inputs import RawLine
from stuckscan.parser import ParseOptions, ParseStats, parse_lines, parse_path, parse_text_lines

ROOT = Path(__file__).resolve().parent.parent
BASE = datetime(2026, 5, 21, 10, 0, tzinfo=timezone.utc)
UTC_OPTIONS = ParseOptions(tz=timezone.utc)


def stamp(seconds: float) -> str:
    return (BASE + timedelta(seconds=seconds)).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def stalled(n: int, seconds: float | None, age: int = 200, extra: str = "") -> str:
    prefix = f"{stamp(seconds)} " if seconds is not None else ""
    return (f"{prefix}[diagnostic] stalled session: sessionId=sess-{n:08d} sessionKey=agent:main:telegram:direct:{n:010d} "
            f"state=processing age={age}s queueDepth=1 reason=active_work_without_progress{extra}")


def healthy(n: int, seconds: float) -> str:
    return f"{stamp(seconds)} [diagnostic] session state: sessionId=sess-{n:08d} prev=processing new=idle reason=run_done"


def parse(lines: list[str]) -> list[Event]:
    return parse_text_lines(lines, "openclaw-2026-05-21.log", UTC_OPTIONS)


class NaiveEviction(Correlator):
    """The reference: scan every open incident for the least recently active one."""

    def _evict_oldest(self) -> None:
        oldest = min(self.open.values(), key=lambda r: (timestamp_or_inf(r.last_activity), r.seq))
        self.evicted += 1
        self._close(oldest, RecordStatus.EVICTED, None, "evicted: too many open incidents")
        self.evicted_stalls[oldest.identity] = oldest  # remembered, as the real one does, so it can resume


def outcome(result: correlator_module.CorrelationResult) -> list[tuple[int, str, str]]:
    return sorted((r.seq, r.identity, r.status.value) for r in result.incidents)


# -- the open-incident cap ----------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    steps=st.lists(st.tuples(st.integers(0, 14), st.one_of(st.none(), st.integers(0, 3600)), st.booleans()),
                   min_size=1, max_size=80),
    cap=st.integers(1, 6),
)
def test_eviction_picks_exactly_what_a_full_scan_would(steps: list[tuple[int, int | None, bool]], cap: int) -> None:
    """Out-of-order, repeated and untimed lines, sessions going healthy and stalling again:
    the queue evicts the same incidents, in the same order, as min() over the open set."""
    lines = [healthy(n, t) if ok and t is not None else stalled(n, t, age=120 + (t or 0) % 400) for n, t, ok in steps]
    events = parse(lines)
    fast = Correlator(CorrelatorLimits(max_open_incidents=cap)).feed_all(events)
    slow = NaiveEviction(CorrelatorLimits(max_open_incidents=cap)).feed_all(parse(lines))
    assert outcome(fast) == outcome(slow)
    assert fast.evicted == slow.evicted


def test_open_set_never_exceeds_the_cap_and_every_eviction_is_counted() -> None:
    correlator = Correlator(CorrelatorLimits(max_open_incidents=50))
    events = parse([stalled(n, n * 0.01) for n in range(2_000)])
    for event in events:
        correlator.feed(event)
        assert len(correlator.open) <= 50
    result = correlator.finish()
    assert result.evicted == 1_950
    assert sum(r.status is RecordStatus.EVICTED for r in result.incidents) == 1_950
    assert len(result.incidents) == 2_000  # evicted incidents are reported, not lost


def test_eviction_cost_does_not_grow_with_the_open_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """A full scan per eviction is cap x sessions key computations (10^10 for a million
    sessions at the default cap); the queue needs a few per eviction."""
    calls = [0]

    def counting(moment: datetime | None) -> float:
        calls[0] += 1
        return moment.timestamp() if moment is not None else float("inf")

    monkeypatch.setattr(correlator_module, "timestamp_or_inf", counting)
    sessions, cap = 6_000, 2_000
    events = parse([stalled(n, n * 0.001) for n in range(sessions)])
    result = Correlator(CorrelatorLimits(max_open_incidents=cap)).feed_all(events)
    assert result.evicted == sessions - cap
    assert calls[0] < 40 * sessions  # a scan per eviction would be (sessions - cap) * cap = 8 000 000


def test_reopening_stalls_is_not_quadratic() -> None:
    """Thousands of stalls that go silent and resume (reopened from the closed list)."""
    lines = []
    for n in range(6_000):
        lines += [stalled(n, n * 100.0, age=200), stalled(n, n * 100.0 + 100, age=300)]
    events = parse(lines)
    started = time.perf_counter()
    result = Correlator().feed_all(events)
    elapsed = time.perf_counter() - started
    assert len(result.incidents) == 6_000
    assert all(r.warning_count == 2 for r in result.incidents)  # each one reopened, not opened twice
    assert elapsed < 15, f"{elapsed:.1f} s (it was ~30 s when each reopen searched the closed list from the start)"


def test_eviction_count_reaches_the_reports(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_text("\n".join(stalled(n, n * 0.5) for n in range(40)) + "\n", encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}

    def scan(*args: str) -> str:
        result = subprocess.run([sys.executable, "-m", "stuckscan", *args, "--max-open-incidents", "10", str(log)],
                                capture_output=True, text=True, timeout=120, env=env)
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr
        return result.stdout

    report = json.loads(scan("scan", "--format", "json"))
    assert report["inputs"]["evictedIncidents"] == 30
    assert len(report["incidents"]) == 40
    assert report["summary"]["byStatus"]["evicted"] == 30
    assert "30 incident(s) were evicted" in scan("report")
    assert "evicted" in scan("scan", "--format", "text")


def test_text_scan_view_counts_evictions() -> None:
    from stuckscan.formats import RenderOptions, render

    result = Correlator(CorrelatorLimits(max_open_incidents=3)).feed_all(parse([stalled(n, n) for n in range(8)]))
    analysis = build_analysis(result, ParseStats())
    analysis.incidents = []  # the status words in incident panels must not be what carries it
    text = render("text", analysis, RenderOptions(width=200))
    assert "5 evicted" in text or "5 incident(s) evicted" in text


# -- everything else the correlator keeps ---------------------------------------------------------


def test_identity_maps_histories_and_markers_are_bounded() -> None:
    limits = CorrelatorLimits(identity_capacity=300, history_sessions=200, history_per_session=5, markers=20)
    correlator = Correlator(limits)
    lines = []
    for n in range(3_000):
        t = n * 0.5
        lines.append(f"{stamp(t)} [agent/embedded] embedded run start: runId=run-{n:08d} sessionId=sess-{n:08d} "
                     f"provider=p model=m thinking=off messageChannel=telegram")
        lines.append(f"{stamp(t)} [diagnostic] session state: sessionId=sess-{n:08d} "
                     f"sessionKey=agent:main:telegram:direct:{n:010d} prev=idle new=processing reason=run_start")
        if n % 10 == 0:
            lines.append(f"{stamp(t)} [gateway] listening on ws://127.0.0.1:18789 (PID {1000 + n})")
    for event in parse(lines):
        correlator.feed(event)
    ids = correlator.ids
    assert len(ids.key_of_session_id) <= 300 and len(ids.session_id_of_run) <= 300 and len(ids.key_of_run) <= 300
    assert len(correlator.history) <= 200
    assert len(correlator.markers) <= 20
    assert len(correlator.unattributed) <= 100


def test_evidence_per_incident_is_bounded() -> None:
    lines = [stalled(1, t * 30.0, age=120 + 30 * t) for t in range(3_000)]
    lines += [f"{stamp(t * 30.0 + 1)} [diagnostic] stuck session recovery: sessionId=sess-00000001 "
              f"sessionKey=agent:main:telegram:direct:0000000001 age=500s action=abort_embedded_run aborted=true "
              f"released=0" for t in range(300)]
    result = Correlator().feed_all(parse(sorted(lines)))
    assert len(result.incidents) == 1
    record = result.incidents[0]
    assert record.warning_count == 3_000
    assert record.evidence.counts["session.stalled"] == 3_000
    assert len(record.evidence.of("session.stalled")) <= 2 * record.evidence.keep
    assert len(record.recoveries) <= 100


def test_a_crafted_megabyte_line_is_kept_small() -> None:
    junk = " ".join(f"k{i}=v" for i in range(40_000))  # ~330 kB, 40 000 fields (~5 MB) once tokenized
    lines = [stalled(n, n, extra=" " + junk).encode() for n in range(10)]
    stats = ParseStats()
    tracemalloc.start()
    try:
        events = parse_lines((RawLine(i, data) for i, data in enumerate(lines, 1)), "crafted.log", UTC_OPTIONS, stats)
        result = Correlator().feed_all(events)
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(result.incidents) == 10
    assert kept < 5 << 20, f"{kept / 1e6:.0f} MB kept for 10 incidents"  # was ~5 MB per incident
    event = result.incidents[0].evidence.of("session.stalled")[0]
    assert len(event.fields) <= MAX_KEPT_FIELDS
    assert len(event.message) <= MAX_KEPT_TEXT + 60
    assert event.fields["sessionKey"] == "agent:main:telegram:direct:0000000000"
    assert result.incidents[0].max_age == 200


@given(st.text(alphabet=st.sampled_from("ab =\t"), min_size=MAX_KEPT_TEXT - 5, max_size=MAX_KEPT_TEXT + 300))
@settings(max_examples=60, deadline=None)
def test_text_is_cut_at_a_space(text: str) -> None:
    event = Event("f", 1, None, None, None, "session.stalled", text, "console")
    kept = bounded_event(event).message
    if len(text) <= MAX_KEPT_TEXT:
        assert kept == text
    else:
        head = kept.split(" [... ", 1)[0]
        assert text.startswith(head)
        assert head == "" or text[len(head)] in " \t"  # no token cut in two


def test_real_lines_are_kept_as_they_are() -> None:
    for path in (ROOT / "sample_logs").rglob("*.log"):
        for event in parse_path(str(path), UTC_OPTIONS, ParseStats()):
            assert bounded_event(event) is event, (path, event.line)


# -- an argument list Node printed over lines ("[error]: [" / "  1," / "]") --------------------------------------


def _printed_list(elements: int, element: str = "  1,") -> list[str]:
    return ["[error]: [", *[element] * elements, "]"]


def _assert_linear(cost: Callable[[int], float], size: int, what: str) -> None:
    """4x the input must cost about 4x, not the 16x of a join that rebuilt its event from the grown text at each
    line (best of two runs each, after one run to warm the caches)."""
    cost(size // 5)
    small = min(cost(size) for _ in range(2))
    large = min(cost(size * 4) for _ in range(2))
    assert large < max(small, 1e-3) * 8, f"{small:.4f} s -> {large:.4f} s for 4x the {what}"


def test_printed_argument_list_joins_in_linear_time() -> None:
    """Each element once rebuilt the event from the whole grown text (a family match over it): n elements cost
    n times the list's size, a 20 KB paste 6 s. 4x the elements must cost about 4x (it was ~14x), not 16x."""
    def cpu(elements: int) -> float:
        lines = _printed_list(elements)
        started = time.process_time()
        events = parse_text_lines(lines)
        elapsed = time.process_time() - started
        assert len(events) == 1 and events[0].message == ": [" + " 1," * elements + " ]"
        return elapsed

    _assert_linear(cpu, 1_000, "elements")  # (4,000 still under the join cap: one event)


def test_printed_argument_list_is_cut_at_the_join_cap_and_not_held() -> None:
    """A list longer than the join cap: the event closes at the cap (bounded memory), the rest are lines of their
    own handed out as they are read, not held until the "]"."""
    from stuckscan.parser import _MAX_JOINED
    elements = 200_000
    raw = (RawLine(index, line.encode()) for index, line in enumerate(_printed_list(elements), 1))
    tracemalloc.start()
    try:
        first = None
        count = 0
        for event in parse_lines(raw, "<list>", ParseOptions(), ParseStats()):
            if first is None:
                first = event
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert first is not None and len(first.message) <= _MAX_JOINED
    assert first.message.startswith(": [ 1, 1,")  # (the level read off)
    joined = (len(first.message) - len(": [")) // 3
    assert count == 1 + (elements - joined) + 1  # the rest of the elements and the "]", each a line of its own
    assert peak < 8 * 1024 * 1024, f"{peak / 1e6:.1f} MB held"


def test_printed_argument_list_ends_at_a_line_that_does_not_continue_it() -> None:
    """Healthy sequences stay as they were: a list a paste cut before its "]" ends at the next unindented line
    (its own event), at the end of input, and a closed list takes no further element."""
    stall = "stalled session: sessionKey=agent:main:main age=200s"
    events = parse_text_lines(["[error]: [", "  '[ws]',", "  'connect failed',", stall])
    assert [e.message for e in events] == [": [ '[ws]', 'connect failed',", stall]
    assert events[1].kind != "generic"
    events = parse_text_lines(["[error]: [", "  '[ws]',", "  'connect failed'"])
    assert [e.message for e in events] == [": [ '[ws]', 'connect failed'"]
    events = parse_text_lines(["[error]: [", "  '[ws]',", "]", "  '[ws]',"])
    assert [e.message for e in events] == [": [ '[ws]', ]", "'[ws]',"]


def test_error_properties_join_in_linear_time() -> None:
    """The properties Node prints under an error, one a line ("    errno: -1,"), are joined to it the same way: built
    once, not with a family match over the whole grown text at each property. 4x the lines cost about 4x."""
    def cpu(properties: int) -> float:
        lines = ["AxiosError: connect ETIMEDOUT", *["    errno: -1,"] * properties]
        started = time.process_time()
        events = parse_text_lines(lines)
        elapsed = time.process_time() - started
        assert len(events) == 1 and events[0].message == "AxiosError: connect ETIMEDOUT" + " errno: -1," * properties
        return elapsed

    _assert_linear(cpu, 300, "lines")  # (1,200 still under the join cap: one event)


def test_error_properties_still_join_only_under_an_error() -> None:
    """Healthy sequences stay as they were: properties join the error above them and an argument list's element
    naming one; under a line naming no error they are lines of their own."""
    events = parse_text_lines(["[error]: [", "  AxiosError: timeout of 10000ms exceeded", "    code: 'ECONNABORTED',",
                               "]"])
    assert [e.message for e in events] == [": [ AxiosError: timeout of 10000ms exceeded code: 'ECONNABORTED', ]"]
    events = parse_text_lines(["connect refused", "    code: 'ECONNABORTED',"])
    assert [e.message for e in events] == ["connect refused", "code: 'ECONNABORTED',"]


# -- a key=value paste wrapped over lines: each line joined rebuilds the event, so a join takes at most so many lines --


def _lines_cost(head: str, tail: str, lines: int) -> float:
    started = time.process_time()
    parse_text_lines([head, *[tail] * lines])
    return time.process_time() - started


def test_wrap_after_a_label_joins_in_linear_time() -> None:
    """Indented key=value lines after a label's ":" ("lane task error: foo:" / "  a=1" ...) each rebuilt the event
    from the whole grown text (a tokenize of all of it): 3,000 lines took ~7 s. A join now takes at most
    _MAX_JOINED_LINES lines: 4x the lines cost about 4x (it was ~15x), not 16x."""
    _lines_cost("lane task error: foo:", "  a=1", 200)  # warm caches
    _assert_linear(lambda lines: _lines_cost("lane task error: foo:", "  a=1", lines), 500, "lines")


def test_fields_listed_one_a_line_join_in_linear_time() -> None:
    """Fields listed one a line under a line of fields ("a=1 b=2" / "  c=3" ...): each line tokenized the whole
    grown head twice (_only_fields, _is_fragment) and rebuilt the event: 3,000 lines took ~19 s, and again for every
    size-capped chunk of a longer paste. 4x the lines cost about 4x (it was ~15x), not 16x."""
    _lines_cost("a=1 b=2", "  c=3", 200)  # warm caches
    _assert_linear(lambda lines: _lines_cost("a=1 b=2", "  c=3", lines), 500, "lines")


def test_a_join_past_the_line_cap_starts_an_event_of_its_own() -> None:
    """The line after the cap starts an event of its own, as at the size cap; that one joins its own tails."""
    from stuckscan.parser import _MAX_JOINED_LINES
    events = parse_text_lines(["lane task error: foo:", *["  a=1"] * (_MAX_JOINED_LINES + 2)])
    assert [(e.kind, e.message.count("a=1")) for e in events] == [("lane.task_error", _MAX_JOINED_LINES - 1),
                                                                   ("generic", 3)]
    events = parse_text_lines(["a=1 b=2", *["  c=3"] * _MAX_JOINED_LINES])
    assert [e.message.count("c=3") for e in events] == [_MAX_JOINED_LINES - 1, 1]


def test_real_wrapped_fields_still_join_whole() -> None:
    """Healthy sequences stay as they were: a warning's fields listed one a line, far more than a real one has (the
    field corpus's and sample logs' largest join is 9 lines), still join into the one event, with every field."""
    head = "stalled session: sessionKey=agent:main:main"
    events = parse_text_lines([head, *[f"  field{index}=value{index}" for index in range(40)]])
    assert len(events) == 1 and events[0].kind == "session.stalled"
    assert events[0].raw["field39"] == "value39" and events[0].raw["sessionKey"] == "agent:main:main"
    events = parse_text_lines(["lane task error: foo:", *["  a=1"] * 40, "stalled session: sessionKey=s age=200s"])
    assert [e.kind for e in events] == ["lane.task_error", "session.stalled"] and events[0].message.count("a=1") == 40
