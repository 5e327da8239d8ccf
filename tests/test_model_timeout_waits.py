"""Labelling policies for model timeouts (tests/field/README.md, "Labelling policies"): lines written for the shapes,
not copied from a case.

- "short model request timeout" / "failed turn in a session transcript": no-answer failures count as a hang only when
  one turn (no user message, no model output between) was held 120 s or more in all.
- "cron run record with a model-timeout error": the run's duration is the wait; 10 s or more is RC01.
"""

from __future__ import annotations

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseStats, parse_text_lines

BASE_MS = 1772000000000  # 2026-02-25T06:13:20Z


def _stamp(offset_s: float) -> str:
    from datetime import datetime, timezone
    moment = datetime.fromtimestamp((BASE_MS + offset_s * 1000) / 1000, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _failed(began_s: float, written_s: float, error: str = "Request timed out.") -> str:
    return ('{"type":"message","id":"a' + str(int(written_s)) + '","parentId":"p","timestamp":"' + _stamp(written_s)
            + '","message":{"role":"assistant","content":[],"api":"openai-completions","provider":"acme","model":"m1",'
            '"usage":{"input":0,"output":0,"totalTokens":0},"stopReason":"error","timestamp":'
            f'{BASE_MS + int(began_s * 1000)},"errorMessage":"{error}"}}}}')


def _tool_use(written_s: float) -> str:
    return ('{"type":"message","id":"t' + str(int(written_s)) + '","parentId":"p","timestamp":"' + _stamp(written_s)
            + '","message":{"role":"assistant","content":[{"type":"toolCall","id":"c1","name":"exec","arguments":'
            '{"command":"ls"}}],"api":"openai-completions","provider":"acme","model":"m1","usage":{"input":900,'
            f'"output":40,"totalTokens":940}},"stopReason":"toolUse","timestamp":{BASE_MS + int(written_s * 1000) - 3000}}}}}')


def _user(written_s: float) -> str:
    return ('{"type":"message","id":"u' + str(int(written_s)) + '","parentId":"p","timestamp":"' + _stamp(written_s)
            + '","message":{"role":"user","content":[{"type":"text","text":"hello again"}],"timestamp":'
            f'{BASE_MS + int(written_s * 1000)}}}}}')


def _primaries(*lines: str) -> list[str | None]:
    analysis = analyze_events(parse_text_lines(list(lines)), ParseStats())
    return [i.primary.rule.id if i.primary else None for i in analysis.incidents]


def _any(*lines: str) -> list[str]:
    analysis = analyze_events(parse_text_lines(list(lines)), ParseStats())
    return [f.rule.id for i in analysis.incidents for f in [i.primary, *i.contributing] if f is not None]


# -- transcript: the turn's silent waits add up ----------------------------------------------------------------------

def test_timeouts_retried_inside_one_turn_that_add_up_to_the_threshold_are_a_hang() -> None:
    # three 41 s timeouts, each retried at once, no user message or model output between: 123 s held
    lines = [_user(0), _failed(1, 42), _failed(43, 84), _failed(85, 126)]
    assert _primaries(*lines) == ["RC01"]


def test_timeouts_each_closing_their_own_turn_are_no_fault() -> None:
    # the same three, each after its own user message: every turn failed quickly and the session got past it
    assert _primaries(_user(0), _failed(1, 42), _user(60), _failed(61, 102), _user(120), _failed(121, 162)) == []


def test_cut_requests_with_model_output_between_are_no_fault() -> None:
    # two 70 s and 80 s cuts in one run, the model answering a tool call between them: the run got past the first
    lines = [_user(0), _tool_use(10), _failed(11, 81, "terminated"), _tool_use(100), _failed(101, 181, "terminated")]
    assert _primaries(*lines) == []


def test_boundary_one_request_open_past_the_threshold_stays_a_hang() -> None:
    assert _primaries(_user(0), _failed(1, 131)) == ["RC01"]


def test_boundary_retries_short_of_the_threshold_are_no_fault() -> None:
    assert _primaries(_user(0), _failed(1, 42), _failed(43, 84)) == []


# -- cron run record: the run's duration is the wait ---------------------------------------------------------------

def _cron_record(duration_ms: int, job: str = "7d1e9b0c-3f2a-4c6d-8e5f-1a2b3c4d5e6f") -> str:
    ends = BASE_MS + duration_ms
    return (f'{{"ts":{ends},"jobId":"{job}","action":"finished","status":"error","error":"LLM request timed out.",'
            f'"summary":"LLM request timed out.","sessionId":"5c4b3a29-1807-4f6e-9d8c-7b6a59483726",'
            f'"runAtMs":{BASE_MS},"durationMs":{duration_ms},"model":"m1","provider":"acme"}}')


def test_a_cron_run_that_waited_ten_seconds_or_more_on_the_model_timeout_is_a_hang() -> None:
    assert _primaries(_cron_record(12840)) == ["RC01"]
    assert _primaries(_cron_record(21077)) == ["RC01"]


def test_boundary_cron_runs_that_all_ended_within_seconds_are_a_quick_refusal() -> None:
    assert _primaries(_cron_record(2210)) == []
    assert _primaries(_cron_record(9480)) == []
