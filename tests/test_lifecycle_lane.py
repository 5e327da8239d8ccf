"""The lifecycle lane (stuckscan.lifecycle_lane) changes nothing but speed.

The same report, byte for byte (``--format json``), with the lane, without it (the fast
path as it was) and from the full parser: on every sample, on every field case (with its
own arguments), on benchmark logs of every profile, and on generated logs where
sessions stall, recover, time out and go quiet between their routine turn lines.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks import make_log
from stuckscan import fastscan, lifecycle_lane
from stuckscan.analysis import analyze_events, analyze_paths
from stuckscan.cli import cli
from stuckscan.correlator import BATCH_KIND
from stuckscan.fastscan import iter_scan_events
from stuckscan.formats import RenderOptions, parse_fail_on, render
from stuckscan.model import Analysis
from stuckscan.parallel import analyze_paths_fast, plan_parts
from stuckscan.parser import ParseOptions, ParseStats, parse_path
from stuckscan.timewindow import TimeWindow
from tests.conftest import tslog_line
from tools.fieldeval import load_cases

SAMPLES = Path(__file__).resolve().parent.parent / "sample_logs"
LOGS = sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.suffix in (".log", ".txt", ".jsonl"))
UTC = timezone.utc
OPTIONS = ParseOptions(tz=UTC)
JSON = RenderOptions(redact=False, fail_on=parse_fail_on("never"))


def _fast(paths: list[str], lane: bool) -> Analysis:
    stats = ParseStats()
    return analyze_events(iter_scan_events(paths, OPTIONS, stats, lane=lane), stats)


def _assert_same_three_ways(paths: list[str]) -> None:
    slow = analyze_paths(paths, OPTIONS)
    with_lane, without = _fast(paths, True), _fast(paths, False)
    assert with_lane == slow
    assert without == slow
    assert render("json", with_lane, JSON) == render("json", slow, JSON)


@pytest.mark.parametrize("log", LOGS, ids=[str(p.relative_to(SAMPLES)) for p in LOGS])
def test_sample_report_is_the_same_with_the_lane(log: Path) -> None:
    _assert_same_three_ways([str(log)])


def _cli_json(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["scan", "--format", "json", "--no-redact", "--fail-on", "warning", "-q",
                                      "--jobs", "1", "--allow-empty", *args], catch_exceptions=False)
    return result.exit_code, result.stdout


def test_every_field_case_reports_the_same_with_and_without_the_lane(monkeypatch: pytest.MonkeyPatch) -> None:
    cases = load_cases()
    with_lane = {case.name: _cli_json([*case.args, str(case.log)]) for case in cases}
    monkeypatch.setattr(fastscan, "lane_eligible", lambda event: False)  # the fast path as it was
    for case in cases:
        assert with_lane[case.name] == _cli_json([*case.args, str(case.log)]), case.name


def _with_a_stall(path: Path) -> None:
    """Stall warnings for a busy session of the log, between its turns (a small benchmark log
    ends before the hour's planted incidents): its later turn lines are watched ones."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = len(lines) // 3
    at = next(i for i in range(start, len(lines)) if "message queued: sessionId=" in lines[i])
    words = dict(w.split("=", 1) for w in json.loads(lines[at])["1"].split() if "=" in w)
    for step, index in enumerate(range(at + 1, min(at + 400, len(lines)), 60)):
        moment = json.loads(lines[index])["time"]
        lines.insert(index, tslog_line(moment, "diagnostic", f"stalled session: sessionId={words['sessionId']} "
                                       f"sessionKey={words['sessionKey']} state=processing age={130 + 30 * step}s "
                                       "queueDepth=1 classification=stalled_agent_run", "WARN"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def benchmark_logs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("bench")
    logs = []
    for seed, profile in enumerate(make_log.PROFILES):
        path = folder / f"openclaw-{profile}.log"
        make_log.generate(2_000_000 if profile == "busy" else 1_000_000, path, profile, seed=seed + 3, quiet=True)
        _with_a_stall(path)
        logs.append(path)
    return logs


def test_benchmark_logs_of_every_profile_report_the_same(benchmark_logs: list[Path]) -> None:
    for log in benchmark_logs:
        _assert_same_three_ways([str(log)])
        assert analyze_paths([str(log)], OPTIONS).incidents  # the planted stall, reported
    _assert_same_three_ways([str(log) for log in benchmark_logs])


def test_the_lane_takes_most_lines_of_a_turn_heavy_log(benchmark_logs: list[Path],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Not vacuous: the lane does take the routine lines, and still hands the watched ones on."""
    taken: list[bool] = []
    absorb = lifecycle_lane.absorb

    def counting(correlator: object, event: object) -> bool:
        taken.append(absorb(correlator, event))  # type: ignore[arg-type]
        return taken[-1]

    monkeypatch.setattr(lifecycle_lane, "absorb", counting)
    turns = next(log for log in benchmark_logs if "turns" in log.name)
    _fast([str(turns)], True)
    assert sum(taken) > 0.9 * len(taken) > 500
    assert not all(taken)


def test_a_list_of_the_events_is_the_stream_without_the_lane() -> None:
    """A consumer that is no correlator gets every event after the batch, which then does nothing."""
    log = str(SAMPLES / "openclaw-2026-05-21.log")
    listed = list(iter_scan_events([log], OPTIONS, ParseStats()))
    batches = [e for e in listed if e.kind == BATCH_KIND]
    assert batches and all(b.feed_into(None) == [] for b in batches)  # type: ignore[attr-defined,arg-type]
    plain = [(e.source, e.line, e.kind, e.time) for e in iter_scan_events([log], OPTIONS, ParseStats(), lane=False)]
    assert [(e.source, e.line, e.kind, e.time) for e in listed if e.kind != BATCH_KIND] == plain


# -- generated logs: sessions that stall, recover, time out, go quiet, between routine turns ----

BASE = datetime(2026, 5, 21, 10, 0, tzinfo=UTC)
SESSIONS = [(f"agent:main:telegram:direct:{4820000 + n}", f"{n:08x}-6148-4544-94cd-6c70c8ae360c") for n in range(6)]


def _turn(rng: random.Random, key: str, session_id: str, run: str) -> list[tuple[str, str]]:
    """One routine turn's lines (subsystem, message)."""
    lane = f"session:{key}"
    lines = [
        ("diagnostic", f"message queued: sessionId={session_id} sessionKey={key} source=telegram queueDepth=1"),
        ("diagnostic", f"lane enqueue: lane={lane} queueSize={rng.choice([1, 2, 3])}"),
        ("diagnostic", f"lane dequeue: lane={lane} waitMs=4 queueSize=0"),
        ("diagnostic", f'session state: sessionId={session_id} sessionKey={key} prev=idle new=processing '
                       f'reason="message_start" queueDepth=0'),
        ("agent/embedded", f"embedded run start: runId={run} sessionId={session_id} provider=p model=m"),
        ("diagnostic", f"run registered: sessionId={session_id} totalActive=1"),
        ("agent/embedded", f"embedded run prompt start: runId={run} sessionId={session_id}"),
        ("agent/embedded", f"embedded run tool start: runId={run} tool=exec toolCallId=c1"),
        ("agent/embedded", f"embedded run tool end: runId={run} tool=exec toolCallId=c1"),
        ("agent/embedded", f"embedded run agent end: runId={run} isError=false"
                           + (" error=LLM request timed out" if rng.random() < 0.05 else "")),
        ("agent/embedded", f"embedded run done: runId={run} sessionId={session_id} durationMs=1200 "
                           f"aborted={rng.choice(['false', 'true'])}"),
        ("diagnostic", f"run cleared: sessionId={session_id} totalActive=0"),
        ("diagnostic", f"lane task done: lane={lane} durationMs=1300 active=0 queued=0"),
        ("diagnostic", f"session state: sessionId={session_id} sessionKey={key} prev=processing new=idle "
                       f'reason="run_completed" queueDepth=0'),
        ("diagnostic", f"message processed: sessionId={session_id} sessionKey={key} outcome=completed duration=1400ms"),
    ]
    if rng.random() < 0.3:  # a turn whose lines name the session by its id alone (a stall may open under it)
        lines = [line for line in lines if "sessionKey=" not in line[1] and "lane=session:" not in line[1]]
    keep = sorted(rng.sample(range(len(lines)), rng.randint(len(lines) // 2, len(lines))))
    return [lines[i] for i in keep]


def _trouble(rng: random.Random, key: str, session_id: str, run: str, age: int) -> tuple[str, str, str]:
    """(level, subsystem, message) of a line the correlator acts on by itself."""
    choices = [
        ("WARN", "diagnostic", f"stalled session: sessionId={session_id} sessionKey={key} state=processing age={age}s "
                               f"queueDepth=1 reason=active_work_without_progress classification=stalled_agent_run"),
        ("WARN", "diagnostic", f"stuck session recovery: sessionId={session_id} sessionKey={key} age={age}s "
                               f"action=abort_embedded_run aborted=true drained=true released=1"),
        ("WARN", "diagnostic", f"stalled session: sessionId={session_id} state=processing age={age}s queueDepth=1"),
        ("WARN", "agent/embedded", f"embedded run timeout: runId={run} sessionId={session_id} timeoutMs=60000"),
        ("INFO", "gateway/health-monitor", "[whatsapp:default] health-monitor: restarting (reason: stale-socket)"),
        ("WARN", "gateway/ws", "handshake timeout conn=448682bd remote=127.0.0.1"),
        ("WARN", "diagnostic", f"lane wait exceeded: lane=session:{key} waitedMs={age * 1000} queueAhead=0"),
    ]
    return rng.choice(choices)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.randoms(use_true_random=False), st.integers(20, 120))
def test_generated_logs_report_the_same_with_the_lane(tmp_path: Path, rng: random.Random, steps: int) -> None:
    _assert_same_three_ways([_generated_log(tmp_path, rng, steps, noise=True)])


# Seeds whose logs once differed: a run timeout's session starting its next run (which ends the timeout's wait) while
# the lane kept that start from the correlator.
@pytest.mark.parametrize("seed", [248, 427, 564, 695, 824, 1218, 1262])
def test_a_run_timeout_ended_by_the_next_run_reports_the_same_with_the_lane(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    _assert_same_three_ways([_generated_log(tmp_path, rng, rng.randint(20, 120))])


# Lines the fast path skips undecoded (a shared lane's enqueue, a fast coloured "⇄ res", chatter) or decodes and passes
# on as a time (a fast "⇄ res" without colours): all but the chatter are lines Correlator.feed counts beside a run timeout.
WS_RES_COLOURED = ("\x1b[93m⇄\x1b[39m \x1b[1mres\x1b[22m \x1b[92m✓\x1b[39m \x1b[1mhealth\x1b[22m \x1b[2m3ms\x1b[22m "
                   "conn=abc id=1")
NOISE = [("diagnostic", "lane enqueue: lane=main queueSize=1"), ("gateway/ws", WS_RES_COLOURED),
         ("gateway/ws", "⇄ res ✓ health 3ms conn=abc id=1"), ("gateway", "connected peers=3")]


def _generated_log(tmp_path: Path, rng: random.Random, steps: int, noise: bool = False) -> str:
    lines: list[str] = []
    clock = 0.0
    for step in range(steps):
        clock += rng.choice([0.2, 1, 3, 7, 30, 95, 400]) if rng.random() < 0.95 else -rng.choice([1, 4, 30])
        key, session_id = rng.choice(SESSIONS)
        run = f"run-{step:04d}-9cc3-4cb5"
        if noise and rng.random() < 0.2:
            level, batch = "DEBUG", [rng.choice(NOISE)]
        elif rng.random() < 0.25:
            level, subsystem, message = _trouble(rng, key, session_id, run, rng.choice([130, 150, 300, 700]))
            batch = [(subsystem, message)]
        else:
            level, batch = "DEBUG", _turn(rng, key, session_id, run)
        for subsystem, message in batch:
            clock += rng.choice([0, 0.05, 0.5, 2])
            moment = BASE + timedelta(seconds=max(clock, 0))
            lines.append(tslog_line(moment.isoformat(timespec="milliseconds"), subsystem, message, level))
    path = tmp_path / "openclaw-2026-05-21.log"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _log(tmp_path: Path, records: list[tuple[int, str, str, str]]) -> str:
    path = tmp_path / "openclaw-2026-05-21.log"
    path.write_text("".join(tslog_line((BASE + timedelta(seconds=second)).isoformat(timespec="milliseconds"),
                                       subsystem, message, level) + "\n"
                            for second, level, subsystem, message in records), encoding="utf-8")
    return str(path)


def test_a_stall_named_by_its_id_alone_watches_the_lines_that_name_its_key(tmp_path: Path) -> None:
    """The incident is open under ``id:…``; a line naming key and id is that session's (an alias)."""
    key, session_id = SESSIONS[0]
    records = [(30 * n, "WARN", "diagnostic", f"stalled session: sessionId={session_id} state=processing "
                f"age={130 + 30 * n}s queueDepth=1") for n in range(4)]
    records += [(100 + n, "DEBUG", "diagnostic", f"session state: sessionId={session_id} sessionKey={key} "
                 "prev=processing new=idle queueDepth=0") for n in range(2)]
    records += [(125, "DEBUG", "diagnostic", f"message processed: sessionId={session_id} sessionKey={key} "
                 "outcome=completed duration=1400ms")]
    path = _log(tmp_path, sorted(records))
    _assert_same_three_ways([path])
    assert analyze_paths([path], OPTIONS).incidents[0].session_key == key


def test_a_pending_run_timeout_watches_every_cleanup_line(tmp_path: Path) -> None:
    """A run timeout waits 60 s for its run's cleanup: a cleanup line is not routine then."""
    key, session_id = SESSIONS[1]
    records = [(0, "DEBUG", "agent/embedded", f"embedded run start: runId=run-7-9cc3-4cb5 sessionId={session_id} provider=p"),
               (5, "WARN", "agent/embedded", f"embedded run timeout: runId=run-7-9cc3-4cb5 sessionId={session_id} "
                "timeoutMs=60000"),
               (9, "DEBUG", "diagnostic", f"run cleared: sessionId={session_id} totalActive=0")]
    path = _log(tmp_path, records)
    _assert_same_three_ways([path])
    assert not analyze_paths([path], OPTIONS).incidents  # the cleanup came in time


# Seeds whose logs once differed: the lane's run of lines was counted as one line beside a lone run timeout, before the
# sweep its first line's time calls for expired the timeout's wait (RC15 with the lane, RC01 without).
@pytest.mark.parametrize("seed", [126, 1224, 2109])
def test_a_lone_run_timeout_before_a_lane_run_reports_the_same_with_the_lane(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    _assert_same_three_ways([_generated_log(tmp_path, rng, rng.randint(20, 120))])


# The fast path's skipped lines (never decoded) and inert ones (decoded, passed on as a time) count beside a lone run
# timeout as when fed (Correlator._other_lines): until a line that surely counts has passed, its scan hands every line
# over whole (FileScan.lone). A shared lane's enqueue, a fast "⇄ res" (coloured: skipped; plain: inert) 10 s after the
# timeout, before its wait expires, leave it not lone (RC15); chatter (a generic line) is never counted (RC01).
def _beside_a_lone_timeout(between: list[tuple[int, str, str, str]],
                           queued_at: int = 400) -> list[tuple[int, str, str, str]]:
    key, session_id = SESSIONS[0]
    _, timed_out = SESSIONS[2]
    return sorted([(0, "WARN", "agent/embedded", f"embedded run timeout: runId=run-0-9cc3-4cb5 sessionId={timed_out} "
                    "timeoutMs=60000"),
                   (queued_at, "DEBUG", "diagnostic", f"message queued: sessionId={session_id} sessionKey={key} "
                    "source=telegram queueDepth=1"),
                   *between,
                   (4000, "DEBUG", "diagnostic", f"message processed: sessionId={session_id} sessionKey={key} "
                    "outcome=completed duration=1400ms"),
                   (4600, "DEBUG", "diagnostic", f"message queued: sessionId={session_id} sessionKey={key} "
                    "source=telegram queueDepth=1")], key=lambda record: record[0])


def _rule(analysis: Analysis) -> str | None:
    incident, = analysis.incidents
    return incident.primary.rule.id if incident.primary is not None else None


# A lone run timeout (no other kind of line in the input before its wait expires) reads as RC01, one beside other lines
# as RC15 (so does one whose incident is still open when the input ends). The lane's lines count as the correlator counts
# them when it is fed them one by one, after the sweep their time calls for: a routine turn of another session 400 s on
# leaves the timeout lone (the turn's first line expires its wait), one 10 s on does not.
@pytest.mark.parametrize(("turn_at", "rule"), [(400, "RC01"), (10, "RC15")])
def test_lane_lines_count_beside_a_lone_run_timeout_as_when_fed_one_by_one(tmp_path: Path, turn_at: int,
                                                                            rule: str) -> None:
    key, session_id = SESSIONS[0]
    turn = [(turn_at, "DEBUG", "diagnostic", f"session state: sessionId={session_id} sessionKey={key} prev=idle "
             'new=processing reason="message_start" queueDepth=0'),
            (400, "DEBUG", "diagnostic", f"session state: sessionId={session_id} sessionKey={key} prev=processing "
             'new=idle reason="run_completed" queueDepth=0')]
    path = _log(tmp_path, _beside_a_lone_timeout(turn, queued_at=turn_at))  # (its incident closed before the input ends)
    _assert_same_three_ways([path])
    assert _rule(analyze_paths([path], OPTIONS)) == rule


@pytest.mark.parametrize(("subsystem", "message", "rule"), [(*line, "RC01" if line[0] == "gateway" else "RC15")
                                                            for line in NOISE],
                         ids=["shared-lane-enqueue", "ws-res-coloured", "ws-res-plain", "chatter"])
def test_skipped_and_inert_lines_count_beside_a_lone_run_timeout_as_when_fed(tmp_path: Path, subsystem: str,
                                                                             message: str, rule: str) -> None:
    path = _log(tmp_path, _beside_a_lone_timeout([(10, "DEBUG", subsystem, message)]))
    _assert_same_three_ways([path])
    assert _rule(analyze_paths([path], OPTIONS)) == rule


@pytest.mark.parametrize("counted", [True, False])
def test_a_part_of_a_file_counts_its_skipped_lines_beside_a_lone_run_timeout(tmp_path: Path, counted: bool) -> None:
    """Cut into parts, a later part's skipped line is the first counted one: each part's scan starts lone."""
    chatter = [(1 + n // 40, "DEBUG", "gateway", f"connected peers={n}") for n in range(400)]
    enqueue = [(12, "DEBUG", "diagnostic", "lane enqueue: lane=main queueSize=1")] * 40 if counted else []
    path = _log(tmp_path, _beside_a_lone_timeout(chatter + enqueue))
    slow = analyze_paths([path], OPTIONS)
    assert _rule(slow) == ("RC15" if counted else "RC01")
    for part_min in (1500, 4000, 9000):
        assert len(plan_parts([path], 8, part_min)) > 1
        assert analyze_paths_fast([path], OPTIONS, jobs=8, min_bytes=0, part_min=part_min) == slow


def test_a_counted_line_outside_the_window_leaves_a_run_timeout_lone_until_one_inside(tmp_path: Path) -> None:
    """--since drops the shared lane's enqueue before the timeout: the one 10 s after it is the first counted line."""
    enqueue = "lane enqueue: lane=main queueSize=1"
    chatter = [(second, "DEBUG", "gateway", f"connected peers={second}") for second in range(11, 300, 3)]
    path = _log(tmp_path, _beside_a_lone_timeout([(-100, "DEBUG", "diagnostic", enqueue),
                                                  (10, "DEBUG", "diagnostic", enqueue), *chatter]))
    assert len(plan_parts([path], 2, 400)) == 2
    window = TimeWindow(since=BASE - timedelta(seconds=1))
    stats = ParseStats()
    events = [e for e in parse_path(path, OPTIONS, stats) if window.contains(e.time)]
    slow = analyze_events(events, stats)
    assert _rule(slow) == "RC15"
    for lane in (True, False):
        fast_stats = ParseStats()
        assert analyze_events(iter_scan_events([path], OPTIONS, fast_stats, window=window, lane=lane), fast_stats) == slow
    assert analyze_paths_fast([path], OPTIONS, jobs=2, window=window, min_bytes=0, part_min=400) == slow
