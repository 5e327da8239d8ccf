"""The scan fast path (stuckscan.fastscan, stuckscan.parallel) changes nothing but speed.

For every log under sample_logs/ the analysis is identical with and without the fast
path, serial and parallel, and the input counts (lines, events, unparsed, ...) match.
The pieces it is built from are checked against what they replace: the block reader
against the line reader, the string-method tokenizer against the pattern, and the
correlator's clock shadow against feeding every line.
"""

from __future__ import annotations

import io
import json
import os
import random
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stuckscan import _kv
from stuckscan.analysis import analyze_events, analyze_paths
from stuckscan.correlator import BATCH_KIND, Correlator
from stuckscan.events import GENERIC_KIND, Event
from stuckscan.fastscan import FileScan, SweepShadow, feed_items, inert, iter_scan_events
from stuckscan.inputs import RawLine, display_name, iter_blocks, iter_raw_lines, read_blocks
from stuckscan.model import Analysis
from stuckscan.parallel import Part, analyze_paths_fast, parse_files_parallel, plan_parts
from stuckscan.parser import LineParser, ParseOptions, ParseStats, parse_path
from stuckscan.timewindow import TimeWindow
from tests.conftest import tslog_line

SAMPLES = Path(__file__).resolve().parent.parent / "sample_logs"
LOGS = sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.suffix in (".log", ".txt", ".jsonl"))
UTC = timezone.utc
OPTIONS = ParseOptions(tz=UTC)


def fast(paths: list[str], options: ParseOptions = OPTIONS, window: TimeWindow | None = None) -> Analysis:
    stats = ParseStats()
    return analyze_events(iter_scan_events(paths, options, stats, window=window), stats)


def summary(analysis: Analysis) -> list[tuple]:
    """What a reader of the report sees first, for a readable assertion message."""
    return [(i.session_key, i.status.value, i.primary and i.primary.rule.id,
             sorted(f.rule.id for f in i.contributing), [(e.file, e.line) for e in i.timeline])
            for i in analysis.incidents]


@pytest.mark.parametrize("log", LOGS, ids=[str(p.relative_to(SAMPLES)) for p in LOGS])
def test_sample_analysis_is_identical_on_the_fast_path(log: Path) -> None:
    slow = analyze_paths([str(log)], OPTIONS)
    quick = fast([str(log)])
    assert summary(quick) == summary(slow)
    assert quick.inputs == slow.inputs  # lines, events, unparsed, blank, untimed, time range
    assert [(e.id, e.primary and e.primary.rule.id) for e in quick.episodes] == \
        [(e.id, e.primary and e.primary.rule.id) for e in slow.episodes]
    assert quick == slow  # every field: evidence lines, recoveries, measures, environment


def test_all_samples_in_one_scan_are_identical() -> None:
    paths = [str(p) for p in LOGS]
    assert fast(paths) == analyze_paths(paths, OPTIONS)


def test_serial_and_parallel_give_the_same_analysis() -> None:
    paths = [str(p) for p in LOGS]
    serial = analyze_paths_fast(paths, OPTIONS, jobs=1)
    parallel = analyze_paths_fast(paths, OPTIONS, jobs=2, min_bytes=0)
    assert parallel == serial == analyze_paths(paths, OPTIONS)


@pytest.mark.parametrize("part_min", [1500, 20_000])
def test_files_cut_into_parts_give_the_serial_analysis(part_min: int) -> None:
    """Large gateway JSONL files are scanned in parts by several workers; with tiny parts
    every sample that is a gateway file is cut in many places (incident lines, unparsed
    lines and line numbers included) and must still give the serial analysis."""
    paths = [str(p) for p in LOGS]
    cut = [p for p in paths if len(plan_parts([p], 4, part_min)) > 1]
    assert len(cut) >= 10 and str(SAMPLES / "openclaw-2026-05-21.log") in cut
    parallel = analyze_paths_fast(paths, OPTIONS, jobs=4, min_bytes=0, part_min=part_min)
    assert parallel == analyze_paths_fast(paths, OPTIONS, jobs=1) == analyze_paths(paths, OPTIONS)
    serial_stats, parallel_stats = ParseStats(), ParseStats()
    serial = _stream(iter_scan_events(cut, OPTIONS, serial_stats), clock=False)
    parts = _stream(parse_files_parallel(cut, OPTIONS, parallel_stats, jobs=3, min_bytes=0, part_min=part_min), clock=False)
    assert parts == serial
    # A part's first line is decoded in full (the fast path needs one to learn the layout),
    # so it counts under kinds instead of skipped; every other count is the serial one.
    assert parallel_stats.skipped + sum(parallel_stats.kinds.values()) == serial_stats.skipped + sum(serial_stats.kinds.values())
    parallel_stats.kinds = serial_stats.kinds
    parallel_stats.skipped = serial_stats.skipped
    assert parallel_stats == serial_stats


def _stream(events: Iterable[Event], clock: bool = True) -> list[tuple]:
    """The events handed out, in order. A lifecycle-lane batch that no correlator consumed is
    followed by its events one by one: the batch itself stands for nothing then (and where
    one ends depends on where a part began). Without ``clock``, events that only move the
    correlator's clock (ticks, inert lines) are left out: until a line the correlator counts
    beside a run timeout has passed, each part's scan hands its lines over whole
    (``FileScan.lone``), where the serial scan, past that point, hands over their times."""
    return [(e.source, e.line, e.kind, e.time) for e in events if e.kind != BATCH_KIND and (clock or not inert(e))]


def test_parts_start_only_at_gateway_records(tmp_path: Path) -> None:
    record = _record("connected peers=3")
    lines = [record] * 40 + ["plain console text", "  wrapped=tail"] * 30 + [record] * 40
    path = _write(tmp_path, lines)
    data = Path(path).read_bytes()
    parts = plan_parts([path], 8, 400)
    assert len(parts) > 2 and parts[-1].last and not any(p.last for p in parts[:-1])
    assert sum(p.length or 0 for p in parts) == len(data) and parts[0].start == 0
    for part in parts[1:]:
        assert data[part.start - 1:part.start] == b"\n" and data[part.start:].startswith(b'{"0":"{')
    gz = tmp_path / "openclaw-2026-05-22.log.gz"
    import gzip

    gz.write_bytes(gzip.compress(data))
    assert plan_parts([str(gz)], 8, 400) == [Part(str(gz))]
    fifo = tmp_path / "openclaw-2026-05-23.log"
    os.mkfifo(fifo)
    assert plan_parts([str(fifo)], 8, 0) == [Part(str(fifo))]  # not opened: opening would wait for a writer


def test_parallel_hands_out_the_serial_event_stream() -> None:
    paths = [str(p) for p in LOGS[:12]]
    serial_stats, parallel_stats = ParseStats(), ParseStats()
    serial = _stream(iter_scan_events(paths, OPTIONS, serial_stats))
    parallel = _stream(parse_files_parallel(paths, OPTIONS, parallel_stats, jobs=3, min_bytes=0))
    assert parallel == serial
    assert parallel_stats == serial_stats


def test_a_time_window_gives_the_same_result_as_filtering_every_event() -> None:
    log = SAMPLES / "openclaw-2026-05-21.log"
    window = TimeWindow(since=datetime(2026, 5, 21, 10, 30, tzinfo=UTC), until=datetime(2026, 5, 21, 10, 50, tzinfo=UTC))
    stats = ParseStats()
    events = (e for e in parse_path(str(log), OPTIONS, stats) if window.contains(e.time))
    assert fast([str(log)], window=window) == analyze_events(events, stats)


# -- lines the fast path must not skip -------------------------------------------------------

def _record(message: str, time: str = "2026-05-21T10:00:00.000+00:00") -> str:
    """A record written the way the gateway writes it (``JSON.stringify``: compact)."""
    return tslog_line(time, "gateway/ws", message)


def _write(tmp_path: Path, lines: list[str]) -> str:
    path = tmp_path / "openclaw-2026-05-21.log"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_malformed_lines_are_still_counted_as_unparsed(tmp_path: Path) -> None:
    compact = _record("connected peers=3")
    broken = [
        compact[:-40],                                   # cut off mid-line
        compact[:-2] + ',"x":1',                         # cut after a new key
        compact.replace('"1":"connected', '"1":"con"nected'),  # bare quote in the message
        compact.replace("connected", "conn\x01ected"),    # raw control character
        compact.replace("connected", "conn\\qected"),     # invalid escape
        compact + compact,                               # two records on one line
        compact.replace('"time":"2026-05-21T10:00:00.000', '"time":"2026-05-21T10:00:61.000'),  # bad time
        compact.replace('\\"gateway/ws\\"}","1"', '\\"gate"way\\"}","1"'),
        compact + "\r",
        " " + compact,
    ]
    path = _write(tmp_path, [compact] * 5 + broken + [compact] * 5)
    slow = analyze_paths([path], OPTIONS)
    quick = fast([path])
    assert quick.inputs == slow.inputs
    assert slow.inputs.lines == len(broken) + 10
    assert slow.inputs.unparsed >= 6
    assert quick == slow


def test_call_sites_are_checked_on_every_record_though_remembered(tmp_path: Path) -> None:
    """A binding's records from other call sites, valid or not, after one already checked: a valid one is built
    as ever, one whose call site is no flat object of strings goes to the parser (and a broken one is unparsed)."""
    line = _record("lane dequeue: lane=session:agent:main:main waitMs=3 queueSize=0")
    other = line.replace("entry.js:2366", "entry.js:812")
    lines = [
        line, other, line, other,
        line.replace('"fileLine":"2366"', '"fileLine":2366'),           # valid JSON, not a string: the parser's
        line.replace('"fileColumn":"14"', '"fileColumn":"1\x01"'),     # a raw control character: unparsed
        line.replace('"method":"logToFile"}}', '"method":"logToFile"}'),  # _meta left open: unparsed
        other, line,
    ]
    path = _write(tmp_path, lines)
    slow = analyze_paths([path], OPTIONS)
    quick = fast([path])
    assert quick.inputs == slow.inputs
    assert slow.inputs.unparsed == 2
    assert quick == slow


def test_lines_that_look_ignorable_but_matter_are_decoded(tmp_path: Path) -> None:
    """Escapes, colour codes, needles deep in a message and learnable ids all reach the correlator."""
    lines = [
        _record("lane enqueue: lane=session:agent:main:main queueSize=1"),
        _record("embedded run prompt start: runId=r-123456 sessionId=s-abcdef"),   # links run and session
        _record("something odd happened; EADDRINUSE 127.0.0.1:18789"),            # searched anywhere
        _record("\u001b[93mtimer\u001b[0m delayed 2500ms"),                         # needle behind colour codes
        _record("lane\\u0020dequeue: lane=session:agent:main:main waitMs=3 queueSize=0".replace("\\\\", "\\")),
        _record("\u001b[93m⇄\u001b[39m \u001b[1mres\u001b[22m \u001b[92m✓\u001b[39m \u001b[1mchat.history\u001b[22m "
                "\u001b[2m15000ms\u001b[22m \u001b[2mconn\u001b[22m=\u001b[90mbb8a526e…792e\u001b[39m"),  # slow response
        _record("stalled session: sessionId=s-abcdef sessionKey=agent:main:main state=processing age=150s queueDepth=1",
                "2026-05-21T10:02:30.000+00:00"),
    ]
    path = _write(tmp_path, lines)
    stats = ParseStats()
    events = list(iter_scan_events([path], OPTIONS, stats))
    kinds = [e.kind for e in events if e.kind != GENERIC_KIND or e.shape != "tick"]
    assert "embedded.prompt_start" in kinds and "net.eaddrinuse" in kinds and "timer.delayed" in kinds
    assert "ws.response" in kinds and "session.stalled" in kinds
    assert fast([path]) == analyze_paths([path], OPTIONS)


def test_skipped_lines_still_move_the_clock_and_close_silent_incidents(tmp_path: Path) -> None:
    """An incident closes when warnings stop; only ignorable lines follow the last warning."""
    start = datetime(2026, 5, 21, 10, 0, tzinfo=UTC)
    lines = []
    for tick in range(6):
        moment = start + timedelta(seconds=30 * tick)
        lines.append(_record(f"stalled session: sessionId=s-abcdef sessionKey=agent:main:telegram:direct:1 "
                             f"state=processing age={150 + 30 * tick}s queueDepth=1",
                             moment.isoformat(timespec="milliseconds")))
    for second in range(0, 900):
        moment = start + timedelta(seconds=200 + second)
        lines.append(_record("lane enqueue: lane=main queueSize=1", moment.isoformat(timespec="milliseconds")))
    path = _write(tmp_path, lines)
    stats = ParseStats()
    events = list(iter_scan_events([path], OPTIONS, stats))
    assert stats.skipped == 900
    assert len(events) < 200  # a tick per 5-second sweep, not an event per line
    quick, slow = fast([path]), analyze_paths([path], OPTIONS)
    assert quick == slow
    assert quick.incidents[0].status_reason == slow.incidents[0].status_reason


# -- the pieces ------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.sampled_from([b"\n", b"\n", b"\r\n", b""])), max_size=30),
       st.sampled_from([3, 10, 30, 1000]), st.sampled_from([1, 4, 7, 64, 1000]))
def test_block_reader_gives_the_lines_of_the_line_reader(parts: list[tuple[int, bytes]], max_line: int,
                                                         block: int) -> None:
    data = b"".join(b"x" * size + end for size, end in parts)
    expected = [(r.data, r.truncated) for r in iter_raw_lines(io.BytesIO(data), "t", max_line)]
    got = []
    for piece in iter_blocks(io.BytesIO(data), "t", max_line, block):
        if isinstance(piece, RawLine):
            got.append((piece.data, True))
            continue
        chunk, start, end = piece
        lines = chunk[start:end].split(b"\n")
        if chunk[start:end].endswith(b"\n"):
            lines.pop()
        got.extend((line[:max_line], True) if len(line) > max_line else (line, False) for line in lines)
    assert got == expected


TEXT = st.lists(st.sampled_from(list('ab_=.-;,:x09 \t\n\u00a0\u0663éMmsh"[]\\') +
                               ["ms", "reason=", "error=", "sessionId=", "unknown", "true", 'k="', "age=", "5m 0s", "d", "y"]),
               max_size=30).map("".join)


@settings(max_examples=2000, deadline=None)
@given(TEXT)
def test_fast_tokenizer_matches_the_pattern(text: str) -> None:
    fast_kv, pattern_kv = _kv.tokenize(text), _kv._tokenize_pattern(text)
    assert (fast_kv.fields, fast_kv.raw, fast_kv.seconds, fast_kv.bare) == \
        (pattern_kv.fields, pattern_kv.raw, pattern_kv.seconds, pattern_kv.bare)
    assert list(fast_kv.fields) == list(pattern_kv.fields)


@pytest.mark.parametrize("text", ["age=5m 0s queueDepth=1", "age=1h 2m 3s x", "age=2m, 5s", "age=5m 0s, 1s",
                                  "reason=5m 0s", "age=1d2h", "age=5m 0s\"", "age=5m ok=1", "k=\"a\" age=1h 30m"])
def test_fast_tokenizer_reads_spaced_durations_as_the_pattern_does(text: str) -> None:
    fast_kv, pattern_kv = _kv.tokenize(text), _kv._tokenize_pattern(text)
    assert (fast_kv.fields, fast_kv.raw, fast_kv.seconds, fast_kv.bare) == \
        (pattern_kv.fields, pattern_kv.raw, pattern_kv.seconds, pattern_kv.bare)


def _clock_trace(events: list[Event]) -> list[tuple]:
    correlator = Correlator()
    trace = []
    for event in events:
        correlator.feed(event)
        if event.kind != GENERIC_KIND:
            trace.append((event.line, correlator.now, correlator._last_sweep))
    correlator.finish()
    trace.append(("end", correlator.now, correlator._last_sweep))
    return trace


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(-3000, 9000), st.booleans(), st.booleans()), max_size=60), st.randoms())
def test_shadow_reproduces_the_correlator_clock(steps: list[tuple[int, bool, bool]], rng: random.Random) -> None:
    """Feeding relevant events plus the shadow's ticks leaves the correlator's clock and
    sweep schedule exactly where feeding every line leaves them."""
    base = datetime(2026, 5, 21, tzinfo=UTC)
    clock = 0
    everything: list[Event] = []
    items: list[object] = []
    run: list[int] = []
    for number, (step, relevant, untimed) in enumerate(steps, 1):
        clock = max(0, clock + step) if rng.random() < 0.9 else max(0, clock - step)
        moment = base + timedelta(milliseconds=clock)
        if relevant:
            if run:
                items.append(run)
                run = []
            event = Event("t", number, None if untimed else moment, None, None, "memory.pressure", "m", "jsonl")
            everything.append(event)
            items.append(event)
        else:
            everything.append(Event("t", number, moment, None, None, GENERIC_KIND, "", "jsonl"))
            run.append(int((moment - datetime(1970, 1, 1, tzinfo=UTC)) / timedelta(microseconds=1)))
    if run:
        items.append(run)
    shadow = SweepShadow("t")
    fed = list(feed_items(items, shadow)) + list(shadow.finish())  # type: ignore[arg-type]
    assert _clock_trace(fed) == _clock_trace(everything)


def test_progress_reports_every_byte(tmp_path: Path) -> None:
    log = SAMPLES / "openclaw-2026-05-21.log"
    seen: list[int] = []
    list(iter_scan_events([str(log)], OPTIONS, ParseStats(), progress=seen.append))
    assert sum(seen) == log.stat().st_size
    seen.clear()
    paths = [str(p) for p in LOGS[:6]]
    list(parse_files_parallel(paths, OPTIONS, ParseStats(), jobs=2, min_bytes=0, progress=seen.append))
    assert sum(seen) == sum(Path(p).stat().st_size for p in paths)


def test_gzip_input_gives_the_same_analysis(tmp_path: Path) -> None:
    import gzip
    source = SAMPLES / "openclaw-2026-05-21.log"
    packed = tmp_path / "openclaw-2026-05-21.log.gz"
    packed.write_bytes(gzip.compress(source.read_bytes()))
    assert fast([str(packed)]) == analyze_paths([str(packed)], OPTIONS)


def test_implausible_years_are_left_to_the_parser(tmp_path: Path) -> None:
    lines = [_record("lane enqueue: lane=main queueSize=1", f"{year}-01-01T00:30:00.000+02:00")
             for year in (2026, 1970, 1969, 2026, 2201, 9999, 2026)]
    path = _write(tmp_path, lines)
    assert fast([path]) == analyze_paths([path], OPTIONS)


def test_a_channel_plugins_reconnect_at_info_is_typed_on_both_paths(tmp_path: Path) -> None:
    """A third-party channel plugin's drop-and-reconnect lines at INFO (channels.DROP_WORDS) are decoded by the fast path
    too, so a file gives the reconnect loop a paste of it gives."""
    lines = []
    for second in range(0, 40, 10):
        time = f"2026-05-21T10:00:{second:02d}.000+00:00"
        lines.append(tslog_line(time, "gateway/channels/dingtalk-connector",
                                "[__default__] ⚠️  心跳检测：socket 状态=undefined，触发重连..."))
        lines.append(tslog_line(time, "gateway/channels/dingtalk-connector", "[__default__] ✅ 重连成功"))
    path = _write(tmp_path, lines)
    slow = analyze_paths([path], OPTIONS)
    assert [e.primary and e.primary.rule.id for e in slow.episodes] == ["RC18"]
    assert fast([path]) == slow


def test_a_channel_start_that_cannot_reach_its_platform_at_info_is_typed_on_both_paths(tmp_path: Path) -> None:
    """A channel's name resolution failing on the network at INFO (channels.RESOLVE_NEEDLES) is decoded by the fast path
    too; the same fallback on a missing scope is no failure on either path."""
    unreachable = tslog_line("2026-04-28T17:10:30.259+00:00", "gateway/channels/discord",
                             "discord channel resolve failed; using config entries. fetch failed | getaddrinfo "
                             "EAI_AGAIN discord.com")
    scope = tslog_line("2026-04-28T17:10:31.000+00:00", "gateway/channels/slack",
                       "slack channel resolve failed; using config entries. Error: An API error occurred: missing_scope")
    for lines, causes in (([unreachable], ["RC18"]), ([scope], [])):
        path = _write(tmp_path, lines)
        slow = analyze_paths([path], OPTIONS)
        assert [e.primary and e.primary.rule.id for e in slow.episodes] == causes
        assert fast([path]) == slow


def test_a_delivery_recovery_that_delivered_nothing_is_read_on_both_paths(tmp_path: Path) -> None:
    """Delivery recovery's summary (info) is decoded by the fast path too: none of six replays delivered is RC18, all of
    seven delivered is nothing."""
    summary = "Delivery recovery complete: {} recovered, {} failed, 0 skipped (max retries), 0 deferred (backoff)"
    for counts, causes in (((0, 6), ["RC18"]), ((7, 0), [])):
        path = _write(tmp_path, [tslog_line("2026-06-10T08:00:05.000+00:00", "delivery-recovery", summary.format(*counts))])
        slow = analyze_paths([path], OPTIONS)
        assert [e.primary and e.primary.rule.id for e in slow.episodes] == causes
        assert fast([path]) == slow


def _polling_around(*records: str) -> list[str]:
    """``records`` among a channel's routine polling lines: twenty before them, three after."""
    before = [tslog_line(f"2026-05-21T10:00:{second:02d}.000+00:00", "gateway/channels/telegram", f"poll cycle {second}")
              for second in range(0, 20)]
    after = [tslog_line(f"2026-05-21T10:0{minute}:00.000+00:00", "gateway/channels/telegram", "poll cycle")
             for minute in (4, 5, 6)]
    return [*before, *records, *after]


def _run_timeout_and_its_task(budget_ms: int, task: str, level: str) -> list[str]:
    run, sid = "9f442e77-d01d-4c9c-9c78-36224b2630e3", "5424d2b5-1852-41d4-900c-30e58e6f9069"
    return _polling_around(
        tslog_line("2026-05-21T10:03:00.325+00:00", "agent/embedded",
                   f"embedded run timeout: runId={run} sessionId={sid} timeoutMs={budget_ms}", "WARN"),
        tslog_line("2026-05-21T10:03:00.340+00:00", "diagnostic", task, level),
    )


def test_a_run_timeouts_own_lane_task_ends_its_wait_on_both_paths(tmp_path: Path) -> None:
    """A run timeout and, a moment later, the cron lane's task that lasted the run's budget (the lifecycle lane takes
    such a task line on the fast path): both paths see the run's end, so neither reports a timeout with no cleanup;
    the run used its whole budget with no tool seen, which both read as its model call (RC01, low)."""
    path = _write(tmp_path, _run_timeout_and_its_task(180000, "lane task done: lane=cron durationMs=180127", "DEBUG"))
    slow = analyze_paths([path], OPTIONS)
    assert [(f.rule.id, f.confidence.value) for f in slow.findings()] == [("RC01", "low")]
    assert fast([path]) == slow


def test_a_lane_task_that_spent_its_runs_budget_on_the_models_timeout_reads_alike_on_both_paths(tmp_path: Path) -> None:
    task = 'lane task error: lane=cron durationMs=60127 error="FailoverError: LLM request timed out."'
    path = _write(tmp_path, _run_timeout_and_its_task(60000, task, "ERROR"))
    slow = analyze_paths([path], OPTIONS)
    assert [f.rule.id for f in slow.findings()] == ["RC01"]
    assert fast([path]) == slow


def test_a_codex_turn_cut_by_a_stop_reads_alike_on_both_paths(tmp_path: Path) -> None:
    lines = _polling_around(
        tslog_line("2026-05-21T10:03:00.000+00:00", "gateway", "received SIGTERM; shutting down", "INFO"),
        tslog_line("2026-05-21T10:03:09.000+00:00", "agent/embedded", "codex app-server client closed before turn "
                   "completed", "WARN", meta={"threadId": "thr_1", "turnId": "turn_2"}),
    )
    path = _write(tmp_path, lines)
    slow = analyze_paths([path], OPTIONS)
    assert [f.rule.id for f in slow.findings()] == ["RC17"]
    assert fast([path]) == slow


def test_the_dingtalk_managers_drops_and_the_wechat_plugins_own_records_are_typed_on_both_paths(tmp_path: Path) -> None:
    """The DingTalk plugin's connection manager (soimy/openclaw-channel-dingtalk, src/connection-manager.ts) at WARN and
    INFO, and a record the WeChat plugin's own logger writes with its name as a plain string in "0" (Tencent/
    openclaw-weixin, src/util/logger.ts): the fast path types them as the parser does."""
    lines = []
    for second in range(0, 40, 10):
        time = f"2026-05-21T10:00:{second:02d}.000+00:00"
        lines.append(tslog_line(time, "gateway/channels/dingtalk", "[default] WebSocket closed event (code: 1006, "
                                "reason: none)", level="WARN"))
        lines.append(tslog_line(time, "gateway/channels/dingtalk", "[default] Reconnection successful"))
    name = "gateway/channels/openclaw-weixin/bot-im-bot"
    lines.append(json.dumps({"0": name, "1": "[bot-im-bot] getUpdates: 3 consecutive failures, backing off 30s",
                             "_meta": {"runtime": "node", "name": name, "parentNames": ["openclaw"],
                                       "date": "2026-05-21T10:00:45.000Z", "logLevelId": 5, "logLevelName": "ERROR"},
                             "time": "2026-05-21T10:00:45.000+00:00"}))
    path = _write(tmp_path, lines)
    slow = analyze_paths([path], OPTIONS)
    assert fast([path]) == slow


def test_the_feishu_plugins_client_started_after_its_stop_reads_alike_on_both_paths(tmp_path: Path) -> None:
    """The official Feishu plugin's "WebSocket client started" after its account's "disconnecting WebSocket" is the
    stop's end (parser.LineParser._after_plugin_stop): the fast path decodes the stop line for that pairing, so a
    failure before it stays a failure on both paths; the bundled channel's start stays a start on both."""
    from stuckscan import families
    from stuckscan.fastscan import NEEDLES, _deleted

    assert _deleted(families.FEISHU_PLUGIN_STOP_NEEDLE) in NEEDLES
    channel = "gateway/channels/feishu"
    start = tslog_line("2026-05-21T10:00:00.100+00:00", channel, "feishu[main]: starting WebSocket connection...")
    failed = tslog_line("2026-05-21T10:00:01.000+00:00", channel, "[ws] getaddrinfo ENOTFOUND open.feishu.cn",
                        level="ERROR")
    stop = tslog_line("2026-05-21T10:05:00.010+00:00", "feishu/core/lark-client",
                      "feishu: disconnecting WebSocket (accountId=main)")
    started = [tslog_line("2026-05-21T10:05:00.012+00:00", channel, "feishu[main]: bot open_id resolved: unknown"),
               tslog_line("2026-05-21T10:05:00.012+00:00", channel, "feishu[main]: WebSocket client started"),
               tslog_line("2026-05-21T10:05:00.013+00:00", "feishu/channel/monitor",
                          "feishu: websocket started for account main")]
    for lines, causes in (([start, failed, stop, *started], ["RC18"]), ([start, failed, *started], [])):
        path = _write(tmp_path, lines)
        slow = analyze_paths([path], OPTIONS)
        assert [e.primary and e.primary.rule.id for e in slow.episodes] == causes
        assert fast([path]) == slow


# -- the parser's own lines: whole JSON records the fast path decodes once (FileScan._whole_record) ------------------

_META = {"runtime": "node", "runtimeVersion": "22.22.0", "hostname": "unknown", "name": "openclaw",
         "parentNames": ["openclaw"], "date": "2026-05-21T10:00:00.000Z", "logLevelId": 2, "logLevelName": "DEBUG",
         "path": {"fullFilePath": "file:///usr/lib/node_modules/openclaw/dist/entry.js:2366:14",
                  "fileName": "entry.js", "method": "logToFile"}}


def _whole(first: dict, time: str, meta: dict | None = None) -> str:
    """``first``'s members, then ``_meta`` and ``time``, as the gateway writes a record (compact)."""
    return json.dumps({**first, "_meta": {**_META, **(meta or {})}, "time": time}, separators=(",", ":"),
                      ensure_ascii=False)


def _parsers_own_lines(second: int) -> list[str]:
    """``model usage`` records and root-logger lines, with the layouts' edge cases: another level, a binding, a
    nested ``_meta`` key, ``_meta`` or ``time`` twice, colour codes, a ``log`` key, a huge integer, a
    `closed before connect` record, broken JSON, a time in another zone, a plain logger name."""
    at = f"2026-05-21T10:00:{second:02d}.500+00:00"
    usage = {"event": "model_usage", "provider": "p", "inputTokens": 14136, "outputTokens": 48, "costUsd": 0.04,
             "durationMs": 1234, "ok": True, "none": None, "tags": ["a"], "note": "x" * 600}
    binding = '{"subsystem":"diagnostic/usage"}'
    return [
        _whole({"0": binding, "1": usage, "2": "model usage"}, at, {"name": binding}),
        _whole({"0": "[acpx] runtime backend ready"}, at),
        _whole({"0": "[acpx] runtime backend ready"}, at, {"logLevelId": 3, "logLevelName": "INFO"}),
        _whole({"0": "[tools] exec failed: ECONNREFUSED api.telegram.org connect failed"}, at,
               {"logLevelId": 5, "logLevelName": "ERROR"}),
        _whole({"0": binding, "1": {"a": "b", "_meta": {"c": 1}}, "2": "model usage"}, at, {"name": binding}),
        _whole({"0": "[acpx] twice", "_meta": {"name": "x"}, "time": "2026-01-01T00:00:00.000Z"}, at),
        _whole({"0": "\u001b[31m[acpx]\u001b[39m coloured"}, at),
        _whole({"0": "[acpx] with a log key", "log": "inner"}, at),
        _whole({"0": "[acpx] huge", "1": {"n": 0}}, at).replace('"n":0', '"n":' + "9" * 5000),
        _whole({"0": '{"subsystem":"gateway/ws"}', "1": {"cause": "handshake-timeout", "handshakeMs": 10000},
                "2": "closed before connect conn=c1 remote=127.0.0.1 code=1006"}, at, {"name": '{"subsystem":"gateway/ws"}'}),
        _whole({"0": "[acpx] another zone"}, f"2026-05-21T12:00:{second:02d}.500+02:00"),
        _whole({"0": "gateway/channels/openclaw-weixin/bot", "1": "[bot] getUpdates: 3 consecutive failures"}, at,
               {"name": "gateway/channels/openclaw-weixin/bot"}),
        _whole({"0": "[acpx] runtime backend ready"}, at).replace('"0":"[acpx]', '"0":"[acpx]",,"'),
    ]


# Lines that leave the parser in each state FileScan._whole_record checks (LineParser.takes_whole_records), and the
# `closed before connect` record the line before.
_PARSER_STATES = {
    "none": [],
    "closed before connect record": [tslog_line("2026-05-21T10:00:01.000+00:00", "gateway/ws",
                                                "closed before connect conn=c1 remote=127.0.0.1 code=1006 reason=n/a")],
    "closed before connect text": ["2026-05-21T10:00:01.000Z [gateway/ws] closed before connect conn=c2 code=1006"],
    "comment mark": ["# 2026-05-21T10:00:01.000Z [gateway] listening on ws://127.0.0.1:18789"],
    "blockquote": ["> 2026-05-21T10:00:01.000Z [gateway] listening on ws://127.0.0.1:18789"],
    "table cell time": ["| 10:00:01 |"],
    "container piece": ["2026-05-21T10:00:01.000000000Z stdout P first half of a line "],
    "pretty object": ["{"],
    "values block": ['{"subsystem":"gateway/ws"}'],
    "yaml block": ["model_fallback_decision:"],
    "reporter's note": ["(this repeats every ~35 min)"],
}


@pytest.mark.parametrize("state", list(_PARSER_STATES))
def test_the_parsers_own_lines_are_built_as_the_parser_builds_them(tmp_path: Path, state: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """``model usage`` records and root-logger lines decoded once by the fast path give the parser's events, line by
    line, after a line that leaves the parser in any state the fast builder checks; the builder is used at all."""
    taken: list[int] = []
    take_record = LineParser.take_record

    def counted(self: LineParser, number: int, moment: datetime, record: object) -> object:
        ready = take_record(self, number, moment, record)  # type: ignore[arg-type]
        if ready is not None:
            taken.append(number)
        return ready

    monkeypatch.setattr(LineParser, "take_record", counted)
    lines = _polling_around()[:20]
    for second in range(20, 60, 20):
        lines += [*_PARSER_STATES[state], *_parsers_own_lines(second), *_PARSER_STATES[state],
                  _whole({"0": "[acpx] runtime backend ready"}, f"2026-05-21T10:00:{second + 1:02d}.000+00:00")]
    lines.append(tslog_line("2026-05-21T10:01:30.000+00:00", "gateway/channels/telegram", "poll cycle"))
    path = _write(tmp_path, lines)
    with open(path, "ab") as handle:  # (a byte that is no UTF-8, in the message and in the meta object's name)
        handle.write(_whole({"0": "[acpx] bad byte \x00"}, "2026-05-21T10:01:31.000+00:00")
                     .replace("\\u0000", "\udcff").encode("utf-8", "surrogateescape") + b"\n")
        handle.write(_whole({"0": "[acpx] bad name"}, "2026-05-21T10:01:32.000+00:00", {"name": "open\udcffclaw"})
                     .encode("utf-8", "surrogateescape") + b"\n")
        handle.write(_whole({"0": "[acpx] surrogate name"}, "2026-05-21T10:01:33.000+00:00")
                     .replace('"name":"openclaw"', '"name":"open\udcffclaw"').encode("utf-8", "surrogatepass") + b"\n")
        handle.write((tslog_line("2026-05-21T10:01:34.000+00:00", "gateway/channels/telegram", "poll cycle") + "\n")
                     .encode("utf-8"))
    slow = list(parse_path(path, OPTIONS, ParseStats()))
    scan = FileScan(display_name(path), OPTIONS, ParseStats())
    quick = [item for item in scan._items(read_blocks(path, OPTIONS.max_line_bytes)) if isinstance(item, Event)]
    decoded = {event.line for event in quick}
    assert quick == [event for event in slow if event.line in decoded]
    assert fast([path]) == analyze_paths([path], OPTIONS)
    assert taken or state == "pretty object"  # (a block being read takes the lines after it)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10_000), st.text(alphabet="adehilnoprst :-_Ix\n", max_size=30)), max_size=6),
       st.text(alphabet="adehilnoprst :-_Ix", max_size=40))
def test_the_needle_pattern_hits_exactly_the_lines_holding_a_needle(pieces: list[tuple[int, str]], tail: str) -> None:
    """``needle_re()`` (the needles grouped by the byte each is anchored on) hits a candidate's line exactly when the line
    holds one of ``NEEDLES``: on lines made of needles (or pieces of them) and common text, glued in any order."""
    from stuckscan.fastscan import NEEDLES, needle_re

    pattern = needle_re()
    text = b""
    for index, filler in pieces:
        needle = NEEDLES[index % len(NEEDLES)]
        cut = index % 3
        text += filler.encode() + (needle if cut == 0 else needle[cut:] if cut == 1 else needle[:-1])
    text += tail.encode()
    lines = text.split(b"\n")
    found = {text.count(b"\n", 0, match.start()) for match in pattern.finditer(text)}
    assert found == {i for i, line in enumerate(lines) if any(needle in line for needle in NEEDLES)}
    assert all(pattern.search(needle) for needle in NEEDLES)


def test_a_request_aborted_after_another_sessions_abort_reads_alike_on_both_paths(tmp_path: Path) -> None:
    """A stall on a tool call in session A and, while it is open, a /stop in session B: the run registry's
    ``aborting run: sessionId=<B>`` (debug) then the turn's ``Embedded agent failed before reply: Request was aborted``
    naming no session. Both paths see the abort, so neither adds RC01 to A's incident."""
    sid = "5424d2b5-1852-41d4-900c-30e58e6f9069"
    stalled = (f"stalled session: sessionId={sid} sessionKey=agent:main:main state=processing age={{}}s queueDepth=0 "
               "reason=blocked_tool_call classification=blocked_tool_call activeWorkKind=tool_call lastProgress=tool:exec")
    lines = [
        tslog_line("2026-05-21T09:57:30.000+00:00", "agent/embedded",
                   f"embedded run tool start: runId=r1 sessionId={sid} tool=exec toolCallId=c1", "DEBUG"),
        tslog_line("2026-05-21T10:00:00.000+00:00", "diagnostic", stalled.format(150), "WARN"),
        tslog_line("2026-05-21T10:00:18.000+00:00", "diagnostic",
                   "aborting run: sessionId=0b6f3c1e-7d2a-4e55-9a11-2c3d4e5f6a7b", "DEBUG"),
        tslog_line("2026-05-21T10:00:20.000+00:00", "agent/embedded",
                   "Embedded agent failed before reply: Request was aborted", "ERROR"),
        tslog_line("2026-05-21T10:00:30.000+00:00", "diagnostic", stalled.format(180), "WARN"),
    ]
    path = _write(tmp_path, lines)
    slow = analyze_paths([path], OPTIONS)
    assert sorted({f.rule.id for f in slow.findings()}) == ["RC03"]
    assert fast([path]) == slow


def test_the_discord_circuit_breaker_at_info_is_typed_and_fed_on_both_paths(tmp_path: Path) -> None:
    """The reply queue's Discord stuck-session circuit breaker (info) opens its session's incident on the fast path too,
    among routine lines: aborted=false as RC06, aborted=true with no cause of its own."""
    key = "agent:main:discord:channel:1480012345678901234"
    for aborted, causes in (("false", ["RC06"]), ("true", [None])):
        breaker = tslog_line("2026-05-21T10:00:30.000+00:00", "auto-reply",
                             f"discord stuck-session circuit breaker fired for {key}: queueDepth=2, "
                             f"activeSessionId=s-1, aborted={aborted}", level="INFO")
        path = _write(tmp_path, _polling_around(breaker))
        slow = analyze_paths([path], OPTIONS)
        assert [i.primary and i.primary.rule.id for i in slow.incidents] == causes
        assert fast([path]) == slow


def test_a_media_understanding_success_that_heals_an_attempt_is_read_on_both_paths(tmp_path: Path) -> None:
    """The media runner's verbose success summary (DEBUG, a kind the correlator does not read) is decoded and handed
    over by the fast path too: the fault count reads it as what heals the failed attempt before it (m53), so a file
    gives the all-clear a paste of it gives; one of two attachments understood heals nothing on either path."""
    attempt = tslog_line("2026-05-21T10:00:20.000+00:00", "gateway",
                         "audio understanding failed: AbortError: This operation was aborted", "WARN")
    for summary, unexplained in (("success (1/1) via openai/gpt-4o-mini-transcribe reason=AbortError", 0),
                                 ("success (1/2) via openai/gpt-4o-mini-transcribe reason=AbortError", 1)):
        healer = tslog_line("2026-05-21T10:00:21.000+00:00", "gateway", f"Media understanding audio: {summary}", "DEBUG")
        path = _write(tmp_path, _polling_around(attempt, healer))
        events = list(iter_scan_events([path], OPTIONS, ParseStats()))
        assert "media.understanding_succeeded" in {e.kind for e in events}
        assert not inert(next(e for e in events if e.kind == "media.understanding_succeeded"))
        slow = analyze_paths([path], OPTIONS)
        assert slow.unexplained.count == unexplained and not slow.incidents
        assert fast([path]) == slow


def test_the_guards_untagged_lines_read_alike_on_both_paths(tmp_path: Path) -> None:
    """The process guard's lines pasted without their console tag (f61, f5999) are text lines the fast path hands to the
    parser: the same events, counts and shapes as the serial path, beside gateway records of the same file."""
    lines = [
        _record("gateway ready"),
        "Unhandled promise rejection: Error: EMFILE: too many open files, watch '/home/u/.openclaw/workspace/MEMORY.md'",
        "12:00:05 Uncaught exception: Error: write EPIPE",
        "    at afterWriteDispatched (node:internal/stream_base_commons:159:15)",
        "Non-fatal unhandled rejection (continuing): TypeError: fetch failed",
        "Suppressed AbortError: AbortError: This operation was aborted",
        "The log said Unhandled promise rejection: then it restarted",
        _record("heartbeat", "2026-05-21T10:00:30.000+00:00"),
    ]
    path = _write(tmp_path, lines)
    slow = analyze_paths([path], OPTIONS)
    assert slow.unexplained.count == 2  # the exiting lines; the continuing and suppressed ones go on
    serial, quick = ParseStats(), ParseStats()
    list(parse_path(path, OPTIONS, serial))
    assert fast([path]) == slow
    list(iter_scan_events([path], OPTIONS, quick))
    assert quick.shapes == serial.shapes and serial.shapes["guard-untagged"] == 4
