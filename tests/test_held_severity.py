"""A finding's severity measures how long a session was held, not the span between separate failures (x53).

Two runs of one cron job ten minutes apart, each ending on its error after 60 s, made one finding whose severity was
measured from the first record to the last (600 s, past the 360 s abort threshold): an error, exit 1 under the default
``--fail-on error``. The runs each ended (``cron run finished: ... durationMs=60000``; a run's timeout before another
run's line): what held the session is the longest run (its start, or as far back as its ``durationMs`` / ``timeoutMs``
reaches, to its last line), or a stall warning's ``age=``, never the time between runs. One run held ten minutes stays
an error; one line alone, or lines with no time, keep the rule they had."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from stuckscan.classifier import held_seconds, run_segments, severity_for
from stuckscan.formats import exit_code
from stuckscan.model import Severity
from stuckscan.parser import parse_text_lines
from tests.test_run_ended_outcome import _analysis, _only

UTC = timezone.utc
SID = "5be2f0d1-2222-4c3d-8e4f-000000000042"
KEY = "agent:main:telegram:direct:7012345678"


def _run(n: int) -> str:
    return f"runId=7a1e0c42-1111-4a2b-9c3d-0000000000{n:02d} sessionId={SID}"


def _cron_jsonl(finished_ms: int, took_ms: int, status: str = "error") -> str:
    error = ',"error":"LLM request timed out."' if status == "error" else ""
    return (f'{{"ts":{finished_ms},"jobId":"j1","action":"finished","status":"{status}"{error},'
            f'"runAtMs":{finished_ms - took_ms},"durationMs":{took_ms}}}')


def _cron_console(clock: str, took_ms: int) -> str:
    return (f'2026-05-21T{clock}.000Z [cron] cron run finished: jobId=j1 status=error '
            f'error="LLM request timed out." durationMs={took_ms}')


def _timeout(clock: str, run: int, budget_ms: int) -> str:
    return f"2026-05-21T{clock}.000Z [agent/embedded] embedded run timeout: {_run(run)} timeoutMs={budget_ms}"


def _agent_end(clock: str, run: int) -> str:
    return (f"2026-05-21T{clock}.100Z [agent/embedded] embedded run agent end: {_run(run)} isError=true "
            "error=LLM request timed out.")


def _stalled(clock: str, age: int) -> str:
    return (f"2026-05-21T{clock}.000Z [diagnostic] stalled session: sessionId={SID} sessionKey={KEY} "
            f"state=processing age={age}s queueDepth=1 reason=active_work_without_progress "
            "classification=stalled_agent_run activeWorkKind=embedded_run lastProgress=model_call:started "
            "recovery=none")


FIRST = 1779386700000  # 2026-05-21T18:05:00Z
TEN_MINUTES = 600_000


@pytest.mark.parametrize(("lines", "suffix"), [
    pytest.param([_cron_jsonl(FIRST, 60_000), _cron_jsonl(FIRST + TEN_MINUTES, 60_000)], ".jsonl", id="cron-jsonl"),
    pytest.param([_cron_console("18:05:00", 60_000), _cron_console("18:15:00", 60_000)], ".log", id="cron-console"),
    pytest.param([_timeout("18:05:00", 41, 60_000), _timeout("18:15:00", 43, 60_000)], ".log", id="run-timeouts"),
    pytest.param([_timeout("18:05:00", 41, 60_000), _agent_end("18:05:00", 41),
                  _timeout("18:15:00", 43, 60_000), _agent_end("18:15:00", 43)], ".log", id="timeouts-and-ends"),
])
def test_two_runs_each_held_a_minute_ten_minutes_apart_are_a_warning(tmp_path: Path, lines: list[str],
                                                                     suffix: str) -> None:
    analysis = _analysis(tmp_path, lines, suffix)
    incident = _only(analysis)
    assert incident.primary is not None and incident.primary.rule.id == "RC01"
    assert incident.severity is Severity.WARNING
    # the longest run's hold (60 s, its record's durationMs or its timeout's timeoutMs), not the 600 s between them
    assert incident.measures.stuck_seconds is not None and 59 <= incident.measures.stuck_seconds <= 61
    assert exit_code(analysis, Severity.ERROR) == 0 and exit_code(analysis, Severity.WARNING) == 1


@pytest.mark.parametrize(("lines", "suffix"), [
    pytest.param([_cron_jsonl(FIRST, TEN_MINUTES), _cron_jsonl(FIRST + TEN_MINUTES, TEN_MINUTES)], ".jsonl",
                 id="cron-jsonl"),
    pytest.param([_cron_console("18:05:00", TEN_MINUTES), _cron_console("18:15:00", TEN_MINUTES)], ".log",
                 id="cron-console"),
    pytest.param([_timeout("18:05:00", 41, TEN_MINUTES), _timeout("18:15:00", 43, TEN_MINUTES)], ".log",
                 id="run-timeouts"),
])
def test_runs_each_held_ten_minutes_stay_an_error(tmp_path: Path, lines: list[str], suffix: str) -> None:
    analysis = _analysis(tmp_path, lines, suffix)
    incident = _only(analysis)
    assert incident.severity is Severity.ERROR and incident.measures.stuck_seconds == pytest.approx(600, abs=1)
    assert exit_code(analysis, Severity.ERROR) == 1


def test_stall_warnings_over_ten_minutes_of_one_run_stay_an_error(tmp_path: Path) -> None:
    analysis = _analysis(tmp_path, [_stalled(f"18:{minute:02d}:00", 120 + 60 * minute) for minute in range(9)])
    incident = _only(analysis)
    assert incident.severity is Severity.ERROR and incident.measures.stuck_seconds == pytest.approx(600)


def test_one_runs_lines_ten_minutes_apart_keep_their_span(tmp_path: Path) -> None:
    # a run's timeout and, ten minutes on, the same run's agent end: nothing shows the run ended between them
    analysis = _analysis(tmp_path, [_timeout("18:05:00", 41, 60_000), _agent_end("18:15:00", 41)])
    incident = _only(analysis)
    assert incident.severity is Severity.ERROR and incident.measures.stuck_seconds == pytest.approx(600, abs=1)


def test_one_line_and_untimed_lines_keep_todays_rule(tmp_path: Path) -> None:
    # one record alone: a warning at no measured span, its durationMs of ten minutes notwithstanding (as before)
    lone = _only(_analysis(tmp_path, [_cron_jsonl(FIRST, TEN_MINUTES)], ".jsonl"))
    assert lone.severity is Severity.WARNING and lone.measures.stuck_seconds == 0
    untimed = _only(_analysis(tmp_path, ['cron run finished: jobId=j1 status=error error="LLM request timed out." '
                                         f"durationMs={TEN_MINUTES}"] * 2))
    assert untimed.severity is Severity.WARNING and untimed.measures.stuck_seconds == 0


def test_healthy_runs_of_a_job_stay_quiet(tmp_path: Path) -> None:
    analysis = _analysis(tmp_path, [_cron_jsonl(FIRST, 60_000, "ok"), _cron_jsonl(FIRST + TEN_MINUTES, 60_000, "ok")],
                         ".jsonl")
    assert not analysis.incidents and not analysis.episodes
    assert exit_code(analysis, Severity.WARNING) == 0


def test_runs_are_cut_after_an_end_and_after_a_timeout_before_another_run() -> None:
    lines = parse_text_lines([_timeout("18:05:00", 41, 60_000), _agent_end("18:05:00", 41),
                              _cron_console("18:10:00", 60_000), _timeout("18:15:00", 43, 60_000),
                              _agent_end("18:15:00", 43)])
    assert [[line.kind for line in run] for run in run_segments(lines)] == [
        ["embedded.timeout", "embedded.agent_end", "model.request_timeout"], ["embedded.timeout", "embedded.agent_end"]]
    # one run: no measure of its own (the incident's span stands)
    assert held_seconds(run_segments(lines[:2]), None, None, 0.0) is None
    # a stall warning's age in either run counts when it is the longest hold
    start = datetime(2026, 5, 21, 18, 4, tzinfo=UTC)
    assert held_seconds(run_segments(lines), start, start + timedelta(minutes=11), 400.0) == 400.0
    assert held_seconds(run_segments(lines), start, start + timedelta(minutes=11), 0.0) == pytest.approx(360.0)


@pytest.mark.parametrize(("rule_id", "severity"), [
    ("RC11", Severity.WARNING), ("RC12", Severity.WARNING), ("RC18", Severity.WARNING),
    ("RC04", Severity.INFO), ("RC13", Severity.INFO), ("RC14", Severity.INFO),
])
def test_gateway_wide_and_benign_classes_keep_their_fixed_severity(rule_id: str, severity: Severity) -> None:
    assert severity_for(rule_id, 0.0) is severity and severity_for(rule_id, 3600.0) is severity
