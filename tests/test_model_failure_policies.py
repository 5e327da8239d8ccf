"""Labelling policies for model failures (tests/field/README.md, "Labelling policies"): lines written for the shapes,
not copied from a case.

- "embedded run agent end with an error": the raw error of the agent end decides; a provider's answer or a connection
  that failed at once is no fault, even under failoverReason=timeout, and a failover of the same run adds nothing.
- "run timeout with a timeout failover decision": the pair reads as the lone run timeout does (RC01, not RC15).
- "active-memory recall timeout is a side-run budget": the recall's own lane task timing out is no fault.
"""

from __future__ import annotations

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseStats, parse_text_lines


def _primaries(*lines: str) -> list[str | None]:
    analysis = analyze_events(parse_text_lines(list(lines)), ParseStats())
    return [i.primary.rule.id if i.primary else None for i in analysis.incidents]


def _agent_end(error: str, raw: str = "", run: str = "0b7c2d51-4e3f-4a8b-9c1d-2e5f6a7b8c9d",
               at: str = "2026-03-10T09:12:41.120Z") -> str:
    raw_part = f" rawError={raw}" if raw else ""
    return (f"{at} [agent/embedded] embedded run agent end: runId={run} isError=true model=m-large "
            f"provider=acme error={error}{raw_part}")


def _json_agent_end(error: str, raw: str, reason: str, kind: str = "") -> str:
    extra = f',"providerRuntimeFailureKind":"{kind}"' if kind else ""
    return ('09:12:41 warn agent/embedded {"subsystem":"agent/embedded"} {"event":"embedded_run_agent_end",'
            '"runId":"5d1e0c2b-7a6f-4e9d-8b3c-1a2b3c4d5e6f","isError":true,'
            f'"error":"{error}","failoverReason":"{reason}","model":"m-large","provider":"acme",'
            f'"rawErrorPreview":"{raw}"{extra}}} embedded run agent end')


def _failover(run: str = "0b7c2d51-4e3f-4a8b-9c1d-2e5f6a7b8c9d", at: str = "2026-03-10T09:12:41.180Z") -> str:
    return (f"{at} [agent/embedded] embedded run failover decision: runId={run} stage=assistant "
            "decision=surface_error reason=timeout provider=acme/m-large profile=-")


# -- embedded run agent end with an error -------------------------------------------------------------------------

def test_a_connection_that_failed_at_once_is_no_fault_even_filed_under_timeout() -> None:
    assert _primaries(_json_agent_end("LLM request failed: network connection error.", "fetch failed", "timeout")) == []
    assert _primaries(_agent_end("LLM request failed: network connection error.", "Connection error.")) == []


def test_a_providers_answer_is_no_fault_whatever_the_runtime_kind() -> None:
    assert _primaries(_json_agent_end("The AI service is temporarily overloaded.", "overloaded_error: busy",
                                      "overloaded", kind="timeout")) == []


def test_a_timeout_failover_of_a_run_whose_end_was_a_connection_error_adds_nothing() -> None:
    assert _primaries(_agent_end("LLM request failed: network connection error.", "Connection error."),
                      _failover()) == []


def test_boundary_a_model_that_did_not_answer_in_time_stays_a_model_call_hang() -> None:
    # (the raw error is a timeout, or there is none: the model did not reply in time)
    assert _primaries(_json_agent_end("LLM request timed out.", "Request timed out.", "timeout", kind="timeout")) \
        == ["RC01"]
    assert _primaries(_agent_end("LLM request timed out.")) == ["RC01"]
    assert _primaries(_agent_end("LLM request timed out."), _failover()) == ["RC01"]


def test_boundary_a_failover_of_another_run_keeps_its_reading() -> None:
    assert _primaries(_agent_end("LLM request failed: network connection error.", "Connection error."),
                      _failover(run="9f8e7d6c-5b4a-4321-8fed-cba987654321")) == ["RC01"]


# -- run timeout with a timeout failover decision -------------------------------------------------------------------

def test_a_run_timeout_with_its_timeout_failover_reads_as_the_lone_timeout() -> None:
    # (untimed paste, the run id elided on the timeout line only)
    assert set(_primaries("embedded run timeout: runId=... timeoutMs=600000",
                          "embedded run failover decision: stage=assistant decision=surface_error reason=timeout")) \
        == {"RC01"}


def test_boundary_a_run_timeout_with_another_fault_line_is_not_lone() -> None:
    # (a failover naming a held lock is not the timeout's echo: the timeout keeps its RC15 reading)
    assert _primaries("embedded run timeout: runId=... timeoutMs=600000",
                      "embedded run failover decision: stage=assistant decision=surface_error reason=timeout "
                      "detail=session file locked (timeout 10000ms)") == ["RC10", "RC15"]


# -- active-memory recall timeout is a side-run budget ----------------------------------------------------------

def _recall(task_ms: int, started: str = "10:41:02") -> list[str]:
    return [f"{started} active-memory: agent=main activeProvider=acme activeModel=m-small start timeoutMs=15000 "
            "queryChars=512",
            f'10:41:50 lane task error: CommandLaneTaskTimeoutError: Command lane "main" task timed out after '
            f"{task_ms}ms",
            "10:41:50 active-memory: done status=timeout elapsedMs=48120 summaryChars=0"]


def test_the_recalls_own_lane_task_timing_out_is_no_fault() -> None:
    assert _primaries(*_recall(46000)) == []


def test_boundary_a_lane_task_that_began_before_the_recall_is_not_the_recalls() -> None:
    # (a task held 300 s began long before the recall started: the user's turn, not the side run)
    assert _primaries(*_recall(300000)) != []



_JSON_RUN = "5d1e0c2b-7a6f-4e9d-8b3c-1a2b3c4d5e6f"


def _run_start(at: str) -> str:
    return (f"{at} [agent/embedded] embedded run start: runId={_JSON_RUN} sessionId=5f0e9a3c-2b1d-4c8e-9f7a-6d5c4b3a2e1f "
            "provider=acme model=m-large thinking=off")


def _dropped_connection() -> str:
    # (OpenClaw files a network failure under failoverReason=timeout)
    return _json_agent_end("LLM request failed: network connection error.", "fetch failed", "timeout")


def test_a_connection_error_that_ended_a_run_open_for_minutes_was_no_failure_at_once() -> None:
    # (the run's start is in the lines: 150 s with no answer, then the connection dropped; the call held the session)
    assert _primaries(_run_start("09:10:11"), _dropped_connection()) == ["RC01"]


def test_boundary_a_connection_error_seconds_after_the_runs_start_stays_no_fault() -> None:
    assert _primaries(_run_start("09:12:35"), _dropped_connection()) == []


def test_boundary_a_providers_answer_after_a_long_wait_stays_the_providers_answer() -> None:
    # (an overloaded answer is the provider answering, however long the turn had run)
    assert _primaries(_run_start("09:10:11"), _json_agent_end("The AI service is temporarily overloaded.",
                                                             "overloaded_error: busy", "overloaded", kind="timeout")) == []
