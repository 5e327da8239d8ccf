"""RC01 readings of a lane task that ended on the model's timeout.

src/process/command-queue.ts logs a failed lane task as ``lane task error: lane=<lane> durationMs=<held>
error="<String(err)>"``; ``FailoverError: LLM request timed out.`` is OpenClaw's error for a model call that hit
its timeout. A task that held its lane the warn threshold (120 s) or more before that error was a model call
that hung that long.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stuckscan.analysis import analyze_events, analyze_paths
from stuckscan.parser import ParseStats, parse_text_lines
from tests.conftest import tslog_line


def _primaries(*lines: str) -> list[str | None]:
    analysis = analyze_events(parse_text_lines(list(lines)), ParseStats())
    return [i.primary.rule.id if i.primary else None for i in analysis.incidents]


def _lane_error(held_ms: int, lane: str = "cron") -> str:
    return (f'2026-02-13T14:39:14.838Z [diagnostic] lane task error: lane={lane} durationMs={held_ms} '
            'error="FailoverError: LLM request timed out."')


def test_a_lane_task_that_held_its_lane_until_the_model_timeout_is_a_model_call_hang() -> None:
    assert _primaries(_lane_error(180004)) == ["RC01"]
    assert _primaries(_lane_error(600046, "session:agent:main:cron:48ab4446-9dca-465a-ae04-56b12b7c797d")) == ["RC01"]


def test_a_lane_task_that_timed_out_quickly_is_no_hang() -> None:
    # (a short per-job budget, e.g. a 20 s dreaming narrative, ran out: the call did not hang for long)
    assert _primaries(_lane_error(20650)) == []
    assert _primaries(_lane_error(119000)) == []


def test_a_lane_task_error_on_another_failure_is_no_model_hang() -> None:
    line = ('2026-02-13T14:39:14.838Z [diagnostic] lane task error: lane=cron durationMs=600046 '
            'error="FailoverError: ⚠️ API rate limit reached."')
    assert _primaries(line) == []


def test_a_pasted_lane_task_error_that_kept_only_its_error_reads_as_the_bare_model_timeout() -> None:
    # (the paste cut lane= and durationMs=: the message after the label is the task's error)
    assert _primaries("03:22:44 [diagnostic] lane task error: FailoverError: LLM request timed out.") == ["RC01"]
    assert _primaries("03:22:44 [diagnostic] lane task error: FailoverError: No API key found for provider google") == []


def test_the_active_memory_recalls_own_lane_timing_out_is_not_a_user_run_hang() -> None:
    lane = "session:agent:main:telegram:direct:7000000001:active-memory:9f1c"
    assert _primaries(_lane_error(180004, lane)) == []


def test_the_finding_says_how_long_the_lane_task_held_its_lane() -> None:
    analysis = analyze_events(parse_text_lines([_lane_error(180004)]), ParseStats())
    (incident,) = analysis.incidents
    assert incident.primary is not None and "180 s" in incident.primary.summary


def _fallback_decision(error_preview: str) -> str:
    record = ('{"event":"model_fallback_decision","runId":"da8d84d6-3a99-4683-8bc0-73ddbb2b2788",'
              '"sessionId":"22fc4768-68a9-4ae0-b252-e96f1ff210bc","lane":"main","decision":"candidate_failed",'
              f'"reason":"timeout","status":408,"errorPreview":"{error_preview}","fallbackConfigured":false}}')
    return ('2026-05-12T18:40:47.000+00:00 warn model-fallback/decision {"subsystem":"model-fallback/decision"} '
            f'{record} model fallback decision')


def test_a_server_error_filed_under_reason_timeout_is_no_model_hang() -> None:
    # (OpenClaw classes a provider's transient 5xx as failover reason "timeout"; its preview says it answered at once)
    assert _primaries(_fallback_decision("500 Internal Server Error")) == []
    assert _primaries(_fallback_decision("HTTP 503: Service Unavailable")) == []
    # a gateway timeout, or a preview in timeout words, is still the model call timing out
    assert _primaries(_fallback_decision("504 Gateway Timeout")) == ["RC01"]
    assert _primaries(_fallback_decision("LLM request timed out.")) == ["RC01"]


def _quick_lane_failure(held_ms: int, error: str) -> list[str]:
    return [f'14:48:14 [diagnostic] lane task error: lane={lane} durationMs={held_ms} error="FailoverError: {error}"'
            for lane in ("main", "session:agent:main:main")]


def _timeout_decision(detail: str) -> str:
    return ("14:48:14 [model-fallback/decision] model fallback decision: decision=candidate_failed "
            f"requested=google/gemini-flash candidate=google/gemini-flash reason=timeout next=none detail={detail}")


def test_a_timeout_failover_whose_lanes_failed_within_seconds_is_no_model_hang() -> None:
    # (f1977: a free tier's exhausted quota; OpenClaw filed the refusal under reason=timeout, the lanes held 9 s)
    assert _primaries(*_quick_lane_failure(9001, "An unknown error occurred"),
                      _timeout_decision("An unknown error occurred")) == []
    # the same decision held its lanes for minutes: the call hung that long
    assert _primaries(*_quick_lane_failure(190001, "An unknown error occurred"),
                      _timeout_decision("An unknown error occurred")) == ["RC01"]
    # the error itself says the call timed out: a short configured timeout is still a timeout
    assert _primaries(*_quick_lane_failure(15001, "LLM request timed out."),
                      _timeout_decision("LLM request timed out.")) == ["RC01"]
    # no lane line beside it says how long it took: read as before
    assert _primaries(_timeout_decision("An unknown error occurred")) == ["RC01"]


def test_a_timeout_failover_on_the_auth_token_refresh_that_hands_the_turn_on_is_no_model_hang() -> None:
    # (f2372: an openai-codex OAuth refresh ran out its 10 s before the model was ever called; the fallback took the turn)
    handed_on = _timeout_decision("auth refresh request timed out after 10s").replace("next=none", "next=deepseek")
    assert _primaries(handed_on) == []
    assert _primaries(handed_on.replace("auth refresh request", "OAuth token refresh")) == []
    # with no next candidate the run failed on that same auth step within its 10 s: still no model call waited
    # (labelling policy "Codex auth refresh timeout"; this read RC01 before), and a model call's timeout is read as before
    assert _primaries(_timeout_decision("auth refresh request timed out after 10s")) == []
    assert _primaries(handed_on.replace("auth refresh request timed out after 10s",
                                        "LLM request timed out after auth refresh")) == ["RC01"]


def test_the_codex_auth_refresh_timing_out_is_no_model_call_hang() -> None:
    """The Codex app-server's deadline on refreshing its OAuth tokens, in every form a run prints it: a credential
    step before any model request, so no RC01 (labelling policy "Codex auth refresh timeout")."""
    for line in ("auth refresh request timed out after 10s",
                 "FailoverError: auth refresh request timed out after 15s",
                 "2026-06-02T09:12:40.118Z [agent/embedded] FailoverError: auth refresh request timed out after 10s",
                 '2026-06-02T09:12:40.120Z [diagnostic] lane task error: lane=session:agent:ops:discord:channel:42 '
                 'durationMs=10311 error="FailoverError: auth refresh request timed out after 10s"',
                 "2026-06-02T09:12:40.119Z [agent/embedded] embedded run agent end: runId=7f3c isError=true "
                 "model=gpt-5.5 provider=openai-codex error=auth refresh request timed out after 10s"):
        assert "RC01" not in _primaries(line), line
    analysis = analyze_events(parse_text_lines(["FailoverError: auth refresh request timed out after 10s"]), ParseStats())
    assert not analysis.incidents and analysis.judged.count == 1  # (read, and named as read short of a stall)


def test_a_model_calls_own_timeout_beside_the_auth_wording_stays_a_model_call_hang() -> None:
    # the near-miss: the model call itself ran out its time, which RC01 keeps
    assert _primaries("FailoverError: LLM request timed out.") == ["RC01"]
    assert _primaries(_timeout_decision("This operation was aborted (timeout)")) == ["RC01"]
    assert _primaries(_timeout_decision("LLM idle timeout (120s): no response from model")) == ["RC01"]
    assert _primaries(_lane_error(180004)) == ["RC01"]


_TIMEOUT_COMPACTION = ("[agent/embedded] [timeout-compaction] LLM timed out with high prompt token usage (89%); "
                       "attempting compaction before retry")


def test_the_timeout_recovery_starting_says_a_model_call_timed_out() -> None:
    # (f2371: the runner compacts only after an attempt's model call ran out its timeout)
    analysis = analyze_events(parse_text_lines([_TIMEOUT_COMPACTION]), ParseStats())
    [incident] = analysis.incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC01"
    # (the compaction starts on the last line read: nothing shows it hung, so no compaction stall)
    assert "RC16" not in {f.rule.id for f in incident.contributing}
    # the process stopping just before aborted the call; the runner files that abort as its timeout
    stopped = ["2026-05-07T09:47:00.877-07:00 [gateway] signal SIGTERM received",
               "2026-05-07T09:47:01.331-07:00 " + _TIMEOUT_COMPACTION]
    assert "RC01" not in _primaries(*stopped)


def _cron_run(error: str) -> str:
    return ('{"ts":1780337441899,"jobId":"587736e6-c589-4867-9b1e-ac921b4e5fa7","action":"finished","status":"error",'
            f'"error":"{error}","runAtMs":1780337051000,"durationMs":390899}}')


def test_a_cron_job_out_of_its_timeout_in_the_model_call_phase_is_a_model_call_hang() -> None:
    # f2713, f2731, f2735: src/cron/execution-error-constants.ts names the phase the job was in when its timeout fired
    assert _primaries(_cron_run("cron: job execution timed out (last phase: model-call-started)")) == ["RC01"]
    assert _primaries("Last error: cron: job execution timed out (last phase: model-call-started)") == ["RC01"]
    # in another phase, or with none named, the job's own work outlasted its budget: no hang shown (f2653, f592)
    assert _primaries(_cron_run("cron: job execution timed out (last phase: tool-call-started)")) == []
    assert _primaries(_cron_run("cron: job execution timed out")) == []


def test_a_runs_timeout_reply_is_a_run_that_used_its_budget_with_no_answer() -> None:
    # f2791: src/agents/pi-embedded-runner/run.ts replies so when the run's own timeout fired outside a compaction with
    # no payload; as a cron run's error, a channel's reply or a CLI's output
    reply = ("Request timed out before a response was generated. Please try again, or increase "
             "`agents.defaults.timeoutSeconds` in your config.")
    assert _primaries(reply) == ["RC01"]
    record = ('{"ts":1774444200312,"jobId":"77763649-ca75-4270-8940-1b34daf57768","action":"finished","status":"error",'
              f'"error":"{reply.replace("`", "")}","durationMs":600010}}')
    assert _primaries(record) == ["RC01"]
    # the same record failing on another error is no timeout reply
    assert _primaries(record.replace("Request timed out before a response was generated.", "HTTP 429: rate limited.")) == []


def _timed_out_run(*middle: str, timed_out: str = "true") -> list[str]:
    """A run's lines (f2897's shape, a cron job's 30 s budget) from its start to its cleanup after the run timeout."""
    run = "runId=36c4aaa1-47e0-4f46-99e2-aaa24531f716 sessionId=36c4aaa1-47e0-4f46-99e2-aaa24531f716"
    return [f"2026-03-13T13:01:53.031Z [agent/embedded] embedded run start: {run} provider=kimi-coding model=k2p5",
            "2026-03-13T13:01:53.049Z [agent/embedded] embedded run agent start: runId=36c4aaa1-47e0-4f46-99e2-aaa24531f716",
            *middle,
            f"2026-03-13T13:02:23.044Z [agent/embedded] embedded run timeout: {run} timeoutMs=30000",
            f"2026-03-13T13:02:23.058Z [agent/embedded] run cleanup: {run} aborted=true timedOut={timed_out}",
            "2026-03-13T13:02:23.065Z [diagnostic] run cleared: sessionId=36c4aaa1-47e0-4f46-99e2-aaa24531f716 totalActive=0"]


def test_a_run_whose_cleanup_says_it_timed_out_with_no_tool_seen_spent_its_budget_on_the_model() -> None:
    assert _primaries(*_timed_out_run()) == ["RC01"]
    # a tool at work in the run: the budget did not go to the model call alone
    tool = ("2026-03-13T13:01:58.000Z [agent/embedded] embedded run tool start: runId=36c4aaa1-47e0-4f46-99e2-aaa24531f716 "
            "tool=exec toolCallId=call_1")
    assert _primaries(*_timed_out_run(tool)) == []
    # the run's start not in the log, the timeout and its cleanup alone: a spent budget all the same (policy "lone
    # embedded run timeout")
    assert _primaries(*_timed_out_run()[2:]) == ["RC01"]
    # a cleanup that does not say the run timed out ends nothing as a spent budget
    assert _primaries(*_timed_out_run(timed_out="false")) == []


def test_a_fallback_summary_with_most_candidates_timed_out_and_the_rest_refused_is_a_model_call_hang() -> None:
    # f2961: a cron run record, two candidates out of their time and the third refusing a key
    summary = ("2026-03-22T00:18:27.971Z [agent/embedded] Embedded agent failed before reply: All models failed (3): "
               "bailian/qwen3.5-plus: LLM request timed out. (unknown) | bailian/qwen3-max: LLM request timed out. "
               "(unknown) | openrouter/xiaomi/mimo-v2-pro: HTTP 401: User not found. (auth)")
    assert _primaries(summary) == ["RC01"]
    # one timeout among refusals is a chain of broken credentials (f060), not a hang
    one = summary.replace("bailian/qwen3-max: LLM request timed out. (unknown)", "qwen-portal/coder: 429 quota exceeded. "
                          "(rate_limit)")
    assert "RC01" not in _primaries(one)
    # a candidate failing for another reason (a context overflow) leaves the summary unread as a hang
    other = summary.replace("HTTP 401: User not found. (auth)", "Context overflow: prompt too large (format)")
    assert "RC01" not in _primaries(other)


def test_the_failover_a_runs_own_timeout_caused_is_no_evidence_of_a_model_hang() -> None:
    # f3016: a busy run (tool calls every few seconds, on a plugin's own lines) hit its 600 s budget; the run's
    # failover decision right after its timeout says reason=timeout because the run's time ran out
    run = "runId=66d0b7ac-6df8-4170-8f70-3021b2d09371 sessionId=0483f37d-0ab1-4baa-95e8-f085fc9e80e1"
    timeout = f"2026-04-14T02:56:20.362Z [agent/embedded] embedded run timeout: {run} timeoutMs=600000"
    failover = ("2026-04-14T02:56:20.379Z [agent/embedded] embedded run failover decision: "
                "runId=66d0b7ac-6df8-4170-8f70-3021b2d09371 stage=assistant decision=surface_error reason=timeout "
                "provider=kimi-coding/k2p5 profile=-")
    cleanup = f"2026-04-14T02:56:20.390Z [agent/embedded] run cleanup: {run} aborted=true timedOut=true"
    assert _primaries(timeout, failover, cleanup) == []
    # the same decision with no run timeout before it: the model call itself timed out
    assert _primaries(failover) == ["RC01"]
    # ... or long after the run's timeout (another attempt's own failure)
    late = failover.replace("02:56:20.379Z", "02:58:20.379Z")
    assert _primaries(timeout, cleanup, late) == ["RC01"]


def test_the_timeout_reply_after_a_run_timeout_shows_the_run_returned() -> None:
    # f3018: the reply is built after the timed-out attempt returned, so the run did end: no "cleanup never ran"
    timeout = ("2026-04-16T02:53:35.009Z [agent/embedded] embedded run timeout: runId=fd4838f7-9a4b-41d7-b3ce-17b047352c93 "
               "sessionId=e49dbedc-d330-4e51-9b47-8235ca41e547 timeoutMs=600000")
    reply = ("2026-04-16T02:54:05.070Z [plugins] Request timed out before a response was generated. Please try again, or "
             "increase `agents.defaults.timeoutSeconds` in your config.")
    assert _primaries(timeout) == ["RC01"]  # a lone timeout (policy "lone embedded run timeout")
    assert "RC15" not in _primaries(timeout, reply)
    # a reply long after the timeout is another run's, and the log going on five minutes shows the run held
    late = reply.replace("02:54:05.070Z", "02:59:05.070Z")
    assert "RC15" in _primaries(timeout, late)


def _chain_attempt(second: float, model: str, error: str) -> str:
    return (f"2026-03-23T01:37:{second:06.3f}+08:00 [agent/embedded] embedded run agent end: "
            f"runId=e45bdce8-459f-42a3-86e1-209bc0bffa1f isError=true model={model} provider=local error={error}")


def _chain_end(second: float, held_ms: int, error: str, candidate: str, following: str) -> list[str]:
    stamp = f"2026-03-23T01:37:{second:06.3f}+08:00"
    return [
        f"{stamp} [agent/embedded] embedded run failover decision: runId=e45bdce8-459f-42a3-86e1-209bc0bffa1f "
        f"stage=assistant decision=fallback_model reason=timeout provider={candidate} profile=-",
        f'{stamp} [diagnostic] lane task error: lane=main durationMs={held_ms} error="FailoverError: {error}"',
        f'{stamp} [diagnostic] lane task error: lane=session:agent:main:main durationMs={held_ms + 6} '
        f'error="FailoverError: {error}"',
        f"{stamp} [model-fallback/decision] model fallback decision: decision=candidate_failed "
        f"requested=xapi/gpt-5.2-codex candidate={candidate} reason=timeout next={following}",
    ]


def test_a_fallback_chain_whose_attempts_timed_out_within_seconds_is_no_model_hang() -> None:
    # (f2573's shape: a local proxy answers 'LLM request timed out.' after 1.5 to 9 s, the lane task that failed on it
    # held its lane 19.8 s, and the chain ends at next=none: the turn failed at once, nothing hung)
    timeout = "LLM request timed out."
    lines = [_chain_attempt(s, "deepseek-3.2", timeout) for s in (1.027, 4.414, 9.813, 19.309)]
    lines += _chain_end(19.333, 19784, timeout, "local/deepseek-3.2", "none")
    lines.append("2026-03-23T01:37:19.350+08:00 Embedded agent failed before reply: All models failed (2): "
                 "xapi/gpt-5.2-codex: 500 auth_unavailable: no auth available (timeout) | "
                 "local/deepseek-3.2: LLM request timed out. (timeout)")
    assert _primaries(*lines) == []


def test_an_attempt_that_timed_out_inside_a_lane_task_held_for_minutes_is_still_a_model_hang() -> None:
    timeout = "LLM request timed out."
    lines = [_chain_attempt(19.309, "deepseek-3.2", timeout)]
    lines += _chain_end(19.333, 180_004, timeout, "local/deepseek-3.2", "none")
    primaries = _primaries(*lines)
    assert primaries and set(primaries) == {"RC01"}


def _cron_run_record(duration_ms: int) -> str:
    ends = 1774087256078 + duration_ms
    return (f'{{"ts":{ends},"jobId":"2c388700-00e7-4502-9fb1-f9dd1d5a1db4","action":"finished","status":"error",'
            '"error":"LLM request timed out.","summary":"LLM request timed out.","delivered":false,'
            '"sessionId":"c182b0f6-24bc-47a9-bd2d-2dfce3ec97a7",'
            '"sessionKey":"agent:main:cron:2c388700-00e7-4502-9fb1-f9dd1d5a1db4:run:c182b0f6-24bc-47a9-bd2d-2dfce3ec97a7",'
            f'"runAtMs":1774087256078,"durationMs":{duration_ms},"model":"gemini-2.5-flash","provider":"custom"}}')


def test_a_cron_run_that_ended_on_the_timeout_wording_within_seconds_is_no_model_hang() -> None:
    # (every run ended under 10 s: the far side gave up at once, a quick refusal; policy "cron run record with a
    # model-timeout error")
    assert _primaries(_cron_run_record(4372)) == []
    assert _primaries(_cron_run_record(1895), _cron_run_record(9913)) == []


def test_a_cron_run_that_waited_ten_seconds_or_more_before_the_model_timeout_is_a_model_hang() -> None:
    # (the record shows the run's duration, not its requests: that duration is the wait, and 10 s or more ending in
    # the model's timeout is a hang; policy "cron run record with a model-timeout error")
    assert _primaries(_cron_run_record(10004)) == ["RC01"]
    assert _primaries(_cron_run_record(19895), _cron_run_record(24372)) == ["RC01"]


def test_a_cron_run_that_ended_on_the_model_timeout_after_longer_is_still_a_model_hang() -> None:
    assert _primaries(_cron_run_record(34501)) == ["RC01"]
    assert _primaries(_cron_run_record(187082)) == ["RC01"]


def _findings_of(*lines: str) -> list[list[str]]:
    analysis = analyze_events(parse_text_lines(list(lines)), ParseStats())
    return [sorted({f.rule.id for f in [*([i.primary] if i.primary else []), *i.contributing]}) for i in analysis.incidents]


_RUN_TIMEOUT = ("2026-03-15T16:09:46.860Z [agent/embedded] embedded run timeout: runId=b425541c-b0ee-4980-b2be-5c074342545a "
                "sessionId=c885981f-8383-44b0-a5aa-bb0f1ae80051 timeoutMs=600000")


def test_a_profile_timeout_just_after_a_run_timeout_is_that_runs_attempt_coming_back() -> None:
    # policy "run timeout with a timeout failover decision": the profile line is written once the attempt returned
    profile = "2026-03-15T16:09:46.901Z [agent/embedded] Profile zai:default timed out. Trying next account..."
    later = "2026-03-15T17:00:05.881Z [gateway] signal SIGTERM received"
    assert _findings_of(_RUN_TIMEOUT, profile, later) == [["RC01"]]
    # boundary: without the profile line, the log going on 50 minutes shows the run held (RC15)
    assert "RC15" in _findings_of(_RUN_TIMEOUT, later)[0]
    # boundary: a profile timeout minutes after the run timeout is another attempt's: the timeout stays uncleaned
    late = profile.replace("16:09:46.901Z", "16:14:46.901Z")
    assert "RC15" in [rule for found in _findings_of(_RUN_TIMEOUT, late, later) for rule in found]


@pytest.mark.parametrize("wording", [
    "idle timeout (model silent). Trying next account...",
    "idle timeout (model silent). No further authorized account for this provider; create a backup auth profile and "
    "add its id to auth.order to enable failover.",
], ids=["idle-trying-next", "idle-no-further-account"])
def test_the_newer_profile_timeout_wording_after_a_run_timeout_is_read_as_the_older(wording: str) -> None:
    # (n58) the newest builds' wording of the same rotation step (assistant-failover.ts): the attempt came back
    profile = f"2026-03-15T16:09:46.901Z [agent/embedded] Profile zai:default {wording}"
    later = "2026-03-15T17:00:05.881Z [gateway] signal SIGTERM received"
    assert _findings_of(_RUN_TIMEOUT, profile, later) == [["RC01"]]
    # alone, it is a model call that timed out on an auth profile, as the older wording is
    assert _findings_of(profile) == _findings_of(profile.replace(wording, "timed out. Trying next account..."))


def test_the_runs_own_failover_error_at_its_timeout_ends_the_run() -> None:
    # policy "lone embedded run timeout": the timeout followed by its run's end is RC01, RC15 is not shown
    timeout = "17:07:18 [agent/embedded] embedded run timeout: timeoutMs=600000"
    task = '17:07:18 [diagnostic] lane task error: "FailoverError: ⚠️ API rate limit reached."'
    assert _findings_of(timeout, task) == [["RC01"]]
    # boundary: the same error a minute later is not the run's own end at its timeout
    assert "RC15" in _findings_of(timeout, task.replace("17:07:18", "17:08:30"))[0]


# -- an agent end cut with undici's bare "terminated" (labelling policy "embedded run agent end with an error")

def _terminated_end(clock: str, run: str = "5f0c2d1e-0000-4000-8000-00000000a1b2") -> str:
    return (f"2026-03-29T{clock}.000Z [agent/embedded] embedded run agent end: runId={run} isError=true "
            "model=local-27b provider=lmstudio error=terminated")


def test_a_retry_cut_with_terminated_a_minute_after_the_first_attempt_is_a_model_call_hang() -> None:
    # (the run loop starts its retry as soon as the first attempt fails: the second end dates the retry's wait)
    assert _primaries(_terminated_end("01:23:20"), _terminated_end("01:24:22")) == ["RC01"]


def test_a_bare_terminated_with_no_wait_visible_or_a_quick_retry_is_no_hang() -> None:
    # Boundary: one end with nothing to date it, a retry cut within seconds, another run's end in between
    assert _primaries(_terminated_end("01:23:20")) == []
    assert _primaries(_terminated_end("01:23:20"), _terminated_end("01:23:26")) == []
    assert _primaries(_terminated_end("01:23:20", "aaaa0000-0000-4000-8000-000000000001"),
                      _terminated_end("01:24:22", "bbbb0000-0000-4000-8000-000000000002")) == []


# -- the CLI backend's child exiting with no output ("FailoverError: CLI failed.")

_TYPING_TTL = "typing TTL reached (2m); stopping typing indicator"
_CLI_FAILED = "FailoverError: CLI failed."


def test_a_cli_backend_exit_with_no_output_after_the_typing_ttl_is_a_model_call_hang() -> None:
    assert _primaries(_TYPING_TTL, _CLI_FAILED) == ["RC01"]


def test_a_cli_backend_exit_with_no_output_alone_or_away_from_the_typing_ttl_is_no_hang() -> None:
    # Boundary: alone the child may have died at once; a typing TTL far above it belongs to another turn
    assert _primaries(_CLI_FAILED) == []
    assert _primaries(_TYPING_TTL, "[telegram] sendMessage ok", "[telegram] sendMessage ok", "[telegram] sendMessage ok",
                      _CLI_FAILED) == []
    assert _primaries(_CLI_FAILED, _TYPING_TTL) == []


# -- a run timeout whose run's tools went on until shortly before the cap (labelling policies "model-timeout lane task:
# judge the wait, not the lane total" and "run timeout with a timeout failover decision")

_BUSY_RUN = "7c1e4a90-5b2d-4f3e-9a61-0d8b2c4e6f10"


def _busy_run_line(clock: str, text: str) -> str:
    return f"2026-02-23T04:{clock}Z [agent/embedded] {text}"


def _tool_pair(start: str, end: str, call: str) -> list[str]:
    return [_busy_run_line(start, f"embedded run tool start: runId={_BUSY_RUN} tool=exec toolCallId={call}"),
            _busy_run_line(end, f"embedded run tool end: runId={_BUSY_RUN} tool=exec toolCallId={call}")]


def _busy_run_cap(*tools: str) -> list[str]:
    """A run whose model turns take up to 60 s, its 240 s cap, and the failover's lines after it."""
    session = "sessionId=4f2a9c1d-8e3b-4c5d-a6f7-1b2c3d4e5f60"
    return [
        _busy_run_line("26:05.000", f"embedded run agent start: runId={_BUSY_RUN}"),
        *tools,
        _busy_run_line("30:05.000", f"embedded run timeout: runId={_BUSY_RUN} {session} timeoutMs=240000"),
        _busy_run_line("30:05.010", f"run cleanup: runId={_BUSY_RUN} {session} aborted=true timedOut=true"),
        _busy_run_line("30:05.030", "Profile kimi-coding:default timed out (possible rate limit). Trying next account..."),
        '2026-02-23T04:30:05.040Z [diagnostic] lane task error: lane=main durationMs=240256 '
        'error="FailoverError: LLM request timed out."',
        '2026-02-23T04:30:05.050Z [diagnostic] lane task error: lane=session:agent:main:main durationMs=240266 '
        'error="FailoverError: LLM request timed out."',
    ]


_EARLY_TOOLS = [*_tool_pair("27:05.000", "27:07.000", "c1"), *_tool_pair("27:55.000", "27:57.000", "c2"),
                *_tool_pair("28:45.000", "28:47.000", "c3")]


def test_the_failover_lines_of_a_run_working_until_its_cap_show_no_model_wait() -> None:
    # f5077: the run's last tool ended 11 s before the cap, well within the 60 s its model turns already took
    busy = _busy_run_cap(*_EARLY_TOOLS, *_tool_pair("29:44.000", "29:54.000", "c4"))
    assert all("RC01" not in found for found in _findings_of(*busy))
    # ... and so do those of a run in a tool call open 21 s at the cap (policy "tool call open at the run cap")
    open_call = _busy_run_cap(*_EARLY_TOOLS, _tool_pair("29:44.000", "29:54.000", "c4")[0])
    assert all("RC01" not in found for found in _findings_of(*open_call))


def test_the_failover_lines_after_a_model_wait_longer_than_the_runs_own_turns_stay_a_model_hang() -> None:
    # boundary: the last tool ended 78 s before the cap, longer than any model turn the run had answered in (60 s)
    assert any("RC01" in found for found in _findings_of(*_busy_run_cap(*_EARLY_TOOLS)))
    # boundary: with no tool of the run seen, the lane tasks that held their lanes the run's budget are its model wait
    assert any("RC01" in found for found in _findings_of(*_busy_run_cap()))


# Labelling policy "watchdog abort of a run at the abort point" (tests/field/README.md): the stuck-session recovery's
# abort at about the abort point (360 s by default), the only detection.
_FLOOR_ABORT = ("2026-07-07T11:33:12Z [diagnostic] stuck session recovery: sessionKey=agent:main:whatsapp:group:g1 "
                "age=371s action=abort_embedded_run aborted=true drained=true released=0")


def test_a_bare_abort_at_the_abort_point_is_a_model_call_hang() -> None:
    assert _primaries(_FLOOR_ABORT) == ["RC01"]
    assert _primaries(_FLOOR_ABORT.replace("2026-07-07T11:33:12Z [diagnostic] ", "")) == ["RC01"]  # untimed
    assert _primaries("stuck session recovery: age=391s action=abort_embedded_run") == ["RC01"]


def test_an_abort_at_the_abort_point_of_a_cli_backend_turn_stays_a_detector_false_positive() -> None:
    cli = ("2026-07-07T11:27:01Z [agent/cli-backend] cli exec: provider=claude-cli model=opus promptChars=111 "
           "trigger=user sessionKey=agent:main:whatsapp:group:g1")
    assert _primaries(cli, _FLOOR_ABORT) == ["RC04"]


def test_an_abort_whose_age_tool_results_contradict_stays_a_detector_false_positive() -> None:
    # (a session transcript's entries listed as a timeline, "<time>  toolResult": the run's tools returned inside the
    # 371 s the abort counted as without progress)
    timeline = ["11:27:39  toolResult", "11:30:21  toolResult"]
    abort = _FLOOR_ABORT.replace("2026-07-07T11:33:12Z", "11:33:12")
    assert _primaries(*timeline, abort) == ["RC04"]


def test_tool_results_from_before_the_aborted_run_began_show_no_progress_of_it() -> None:
    # (the boundary: the same tool results more than 371 s before the abort belong to an earlier run)
    timeline = ["11:20:39  toolResult", "11:26:21  toolResult"]
    abort = _FLOOR_ABORT.replace("2026-07-07T11:33:12Z", "11:33:12")
    assert _primaries(*timeline, abort) == ["RC01"]


def test_an_abort_well_past_the_abort_point_is_not_read_as_the_floor() -> None:
    assert "RC01" not in _primaries(_FLOOR_ABORT.replace("age=371s", "age=900s"))


def test_a_cli_turn_naming_no_session_at_the_aborted_runs_start_names_its_backend() -> None:
    # (the CLI backend's line names no session: the abort's age reaches back to it, six minutes earlier)
    cli = "2026-07-07T11:27:01Z [agent/cli-backend] cli exec: provider=claude-cli model=opus promptChars=111 trigger=user"
    assert _primaries(cli, _FLOOR_ABORT) == ["RC04"]
    untimed = _FLOOR_ABORT.replace("2026-07-07T11:33:12Z [diagnostic] ", "")
    assert _primaries(cli.replace("2026-07-07T11:27:01Z ", ""), untimed) == ["RC04"]
    # (the boundary: a CLI turn that began long before the aborted run is another turn)
    assert _primaries(cli.replace("11:27:01", "11:10:01"), _FLOOR_ABORT) == ["RC01"]


# Labelling policy "a long run ended by an abort that names no source" (tests/field/README.md): a run held active past
# the abort point (360 s by default) with no progress, tool or end line, ended by an abort that does not say who
# aborted it (``aborting run:`` never does; ``reason=reply_operation_aborted`` neither).
def _held_run(*minutes_seconds: str, abort: str = "09:17:30", session: str = "4c1d2e7a-0b9f-4a55-8e21-7d3f00c2a911") -> list[str]:
    checks = [f"2026-03-04T09:{clock}Z [agent/embedded] run active check: sessionId={session} active=true"
              for clock in minutes_seconds]
    return [*checks, f"2026-03-04T{abort}Z [agent/embedded] aborting run: sessionId={session}"]


def test_a_run_active_for_minutes_then_aborted_by_no_one_named_is_a_model_call_hang() -> None:
    assert _primaries(*_held_run("10:05", "13:40", "16:55")) == ["RC01"]  # active from 09:10:05, aborted 445 s later


def test_a_message_held_past_the_abort_point_until_its_reply_operation_was_aborted_is_a_model_call_hang() -> None:
    line = ("2026-03-04T09:17:30Z [diagnostic] message processed: channel=telegram chatId=5550001 messageId=812 "
            "sessionKey=agent:main:telegram:direct:5550001 outcome=completed duration=512400ms "
            "reason=reply_operation_aborted")
    assert _primaries(line) == ["RC01"]
    untimed = "message processed: ... messageId=77 ... duration=640100ms reason=reply_operation_abort"
    assert _primaries(untimed) == ["RC01"]


def test_a_run_aborted_before_the_abort_point_is_no_model_call_hang() -> None:
    # (boundary: active from 09:14:10, aborted 200 s later; the active checks alone are a stall past the warn threshold)
    assert "RC01" not in _primaries(*_held_run("14:10", "16:40"))
    line = "message processed: ... messageId=77 ... duration=300100ms reason=reply_operation_aborted"
    assert _primaries(line) == []


def test_an_abort_whose_source_is_named_is_no_model_call_hang() -> None:
    # (the user's /stop fast path names itself)
    assert _primaries("message processed: ... messageId=77 ... duration=640100ms reason=fast_abort") == []
    # (... and so does the user's stop beside the held run's abort)
    stop = ("2026-03-04T09:17:29Z [diagnostic] message processed: channel=telegram messageId=813 "
            "sessionId=4c1d2e7a-0b9f-4a55-8e21-7d3f00c2a911 outcome=completed duration=40ms reason=fast_abort")
    assert "RC01" not in _primaries(*_held_run("10:05", "13:40", "16:55")[:-1], stop, _held_run()[-1])


def test_a_harness_run_aborted_with_no_time_shown_is_no_model_call_hang() -> None:
    # (untimed: the lines cannot show the run held past the abort point)
    lines = [line.split("Z ", 1)[1] for line in _held_run("10:05", "13:40", "16:55")]
    assert _primaries(*lines) == []


def test_a_held_run_whose_lines_show_it_progressing_is_not_read_as_silent() -> None:
    session = "4c1d2e7a-0b9f-4a55-8e21-7d3f00c2a911"
    tool = (f"2026-03-04T09:15:02Z [agent/embedded] embedded run tool start: runId=r9 sessionId={session} tool=exec "
            "toolCallId=c1")
    lines = _held_run("10:05", "13:40", "16:55")
    assert "RC01" not in _primaries(*lines[:2], tool, *lines[2:])


def test_an_abort_the_run_outlived_does_not_end_the_held_run() -> None:
    # (an active check after the abort: the abort did not end the run)
    lines = _held_run("10:05", "13:40", "16:55")
    later = lines[0].replace("09:10:05", "09:18:30")
    assert "RC01" not in _primaries(*lines, later)


# The Claude live session's failed turn (src/agents/cli-runner, agent/cli-backend, warn): "claude live session turn
# failed: provider=<p> model=<m> durationMs=<n> error=<name>" (the failover reason on newer builds). Labelling policy
# "watchdog abort of a run at the abort point": a CLI that fails its own turns over after waits of 10 s or more is
# silent on its model call (RC01); an AbortError turn is an abort's doing.
def _cli_turn_failed(clock: str, held_ms: int, error: str) -> str:
    return (f"2026-06-19T{clock}Z [agent/cli-backend] claude live session turn failed: provider=claude-cli "
            f"model=claude-opus-4-6 durationMs={held_ms} error={error}")


def test_cli_turns_the_cli_failed_over_after_a_wait_are_a_model_call_hang() -> None:
    assert _primaries(_cli_turn_failed("16:57:38", 153625, "FailoverError")) == ["RC01"]
    assert _primaries(_cli_turn_failed("16:57:38", 45000, "timeout")) == ["RC01"]  # (the newer builds' reason)
    assert _primaries(_cli_turn_failed("16:57:38", 153625, "FailoverError"),
                      _cli_turn_failed("17:05:34", 359185, "AbortError")) == ["RC01"]
    # (the same line as a paste keeps it, with only its clock and spaced fields)
    assert _primaries("16:57:38  claude live session turn failed  durationMs=153625  error=FailoverError") == ["RC01"]


def test_a_cli_turn_failed_over_at_once_or_aborted_is_no_model_call_hang() -> None:
    # (a failover within seconds is a refusal, not a wait; an AbortError is the watchdog's or a user's abort)
    assert _primaries(_cli_turn_failed("16:57:38", 4200, "FailoverError")) == []
    assert _primaries(_cli_turn_failed("16:57:38", 359185, "AbortError")) == []
    assert _primaries(_cli_turn_failed("16:57:38", 153625, "error")) == []


# Labelling policy "gateway log lines inside a tool result": an agent that ran `tail`, `grep`, `cat` or `openclaw logs`
# on the gateway's own log got the log's lines back as its tool result's text; those lines are lines of the excerpt,
# each timed by its own stamp, and the transcript's own records around them stay transcript entries.
_FAILOVER_TIMEOUT = ("2026-04-07T16:08:41.416+08:00 [agent] embedded run failover decision: "
                     "runId=c8304c5f-442b-4c9b-81eb-4124c73d7241 stage=assistant decision=surface_error "
                     "reason=timeout provider=custom/claude-sonnet-4-6 profile=-")


def _tool_call(command: str, call: str = "call_1") -> str:
    body = {"role": "assistant", "content": [{"type": "toolCall", "id": call, "name": "exec",
                                              "arguments": {"command": command}}],
            "stopReason": "toolUse", "timestamp": 1775554622589}
    return json.dumps({"type": "message", "id": "a1", "timestamp": "2026-04-07T09:37:05.149Z", "message": body})


def _tool_result(text: str, call: str = "call_1") -> str:
    body = {"role": "toolResult", "toolCallId": call, "toolName": "exec", "content": [{"type": "text", "text": text}],
            "details": {"status": "completed", "exitCode": 0, "aggregated": text}, "isError": False}
    return json.dumps({"type": "message", "id": "a2", "timestamp": "2026-04-07T09:37:05.187Z", "message": body})


def test_gateway_lines_a_log_reading_tool_result_carries_are_read_as_log_lines() -> None:
    output = f"...the tail of an earlier multi-line record\n{_FAILOVER_TIMEOUT}\n"
    lines = [_tool_call("tail -n 50 ~/.openclaw/logs/gateway.err.log"), _tool_result(output)]
    assert _primaries(*lines) == ["RC01"]
    failovers = [event for event in parse_text_lines(lines) if event.kind == "embedded.failover"]
    assert len(failovers) == 1  # (read from the content once; details.aggregated repeats it)
    assert failovers[0].time is not None and failovers[0].time.isoformat() == "2026-04-07T08:08:41.416000+00:00"
    assert failovers[0].line == 2
    assert _primaries(_tool_call("openclaw logs --limit 200"), _tool_result(output)) == ["RC01"]


def test_log_lines_in_a_tool_result_whose_call_read_no_log_stay_the_results_text() -> None:
    # (a file the agent wrote or read that quotes a log line, and a result whose call is not in the excerpt)
    assert _primaries(_tool_call("cat ~/notes/todo.md"), _tool_result(_FAILOVER_TIMEOUT)) == []
    # (a file whose name only holds the letters "log" is no log)
    assert _primaries(_tool_call("cat ~/app/catalog.json"), _tool_result(_FAILOVER_TIMEOUT)) == []
    assert _primaries(_tool_call("head -40 CHANGELOG.md"), _tool_result(_FAILOVER_TIMEOUT)) == []
    assert _primaries(_tool_call("tail -n 80 /var/log/syslog"), _tool_result(_FAILOVER_TIMEOUT)) == ["RC01"]
    assert _primaries(_tool_result(_FAILOVER_TIMEOUT)) == []
    assert _primaries(_tool_call("tail -n 50 ~/.openclaw/logs/gateway.err.log", "call_2"),
                      _tool_result(_FAILOVER_TIMEOUT)) == []


def test_a_transcripts_own_records_inside_a_tool_result_are_not_read_as_its_entries() -> None:
    failed_turn = json.dumps({"type": "message", "timestamp": "2026-04-07T09:30:00.000Z",
                              "message": {"role": "assistant", "stopReason": "error", "timestamp": 1775553600000,
                                          "errorMessage": "LLM request timed out.", "content": []}})
    events = parse_text_lines([_tool_call("tail -n 5 ~/.openclaw/logs/gateway.log"), _tool_result(failed_turn)])
    assert [event.kind for event in events] == ["transcript.turn_ended", "transcript.tool_result"]


def test_watch_says_how_long_a_message_held_only_in_durationms_was_held() -> None:
    from stuckscan.correlator import Correlator

    line = ("2026-06-01T10:00:00.000Z [diagnostic] message processed: channel=telegram chatId=5000000001 messageId=11 "
            "sessionId=abc sessionKey=agent:main:telegram:direct:5000000001 outcome=error durationMs=512000 "
            "reason=reply_operation_aborted")
    correlator = Correlator()
    details = [change.detail for event in parse_text_lines([line]) for change in correlator.feed(event)
               if change.kind == "opened"]
    assert any("held 512 s" in detail for detail in details), details


# -- an untimed run timeout with later lines (labelling policy "lone embedded run timeout") ----------------------------

_UNTIMED_TIMEOUT = ("[agent/embedded] embedded run timeout: runId=6b636753-4211-45fa-a3c1-2fb7ac77a04c "
                    "sessionId=8a65736f-a56b-423f-a227-0f1853c10eff timeoutMs=120000")
_UNTIMED_PROFILE = "[agent/embedded] Profile moonshot:default timed out. Trying next account..."


def test_untimed_later_lines_that_show_nothing_held_are_no_cleanup_window() -> None:
    # with no times the later lines cannot show the minute with no run end: the model's timeout reads, RC15 does not
    found = _primaries(_UNTIMED_TIMEOUT, _UNTIMED_PROFILE)
    assert "RC01" in found and "RC15" not in found
    task = '[diagnostic] lane task error: lane=main durationMs=1767024 error="FailoverError: LLM request timed out."'
    found = _primaries(_UNTIMED_TIMEOUT, task)
    assert "RC01" in found and "RC15" not in found


def test_untimed_later_lines_that_show_the_run_held_keep_the_missing_cleanup() -> None:
    # boundary: a run still active after its timeout is the held-run evidence the policy lists
    active = "[diagnostic] run active check: sessionId=8a65736f-a56b-423f-a227-0f1853c10eff active=true"
    assert "RC15" in _primaries(_UNTIMED_TIMEOUT, _UNTIMED_PROFILE, active)
    held = "[diagnostic] lane wait exceeded: lane=session:agent:main:main waitedMs=75782 queueAhead=0"
    assert "RC15" in _primaries(_UNTIMED_TIMEOUT, held)


def test_a_timed_run_timeout_with_later_lines_reads_as_before() -> None:
    # boundary: timed, the log going on past the cleanup window with no run end shows the run held
    stamp, late = "2026-03-07T05:57:26.614Z ", "2026-03-07T06:07:26.614Z "
    reload = "[reload] config change requires gateway restart (meta.lastTouchedAt)"
    assert "RC15" in _primaries(stamp + _UNTIMED_TIMEOUT, late + reload)
    # ... and the profile rotating within the window still shows the attempt came back
    assert _primaries(stamp + _UNTIMED_TIMEOUT, stamp + _UNTIMED_PROFILE) == ["RC01"]


_OTHER_RUN_FAILOVER = '[diagnostic] lane task error: lane=main durationMs=12 error="FailoverError: ⚠️ API rate limit reached."'
_HEALTH = "[gateway/ws] ⇄ res ✓ health 3ms conn=abc id=1"
_ENQUEUE = "[diagnostic] lane enqueue: lane=main queueSize=1"


def test_an_untimed_run_timeout_followed_only_by_lines_that_show_no_fault_is_the_spent_budget() -> None:
    # the later lines open no fault of their own and, untimed, cannot show the run held: the timeout stays the paste's
    # only fault line, RC01's reading (labelling policy "lone embedded run timeout"), not an undetermined incident
    assert _primaries(_UNTIMED_TIMEOUT, _OTHER_RUN_FAILOVER) == ["RC01"]
    assert _primaries(_UNTIMED_TIMEOUT, _HEALTH, _ENQUEUE) == ["RC01"]


def test_an_untimed_run_timeout_with_a_later_fault_of_its_own_is_not_lone() -> None:
    # boundary: a later line that opens a fault of its own (the compaction the run timed out in) keeps deciding
    found = _primaries(_UNTIMED_TIMEOUT, "using current snapshot: timed out during compaction ...")
    assert "RC16" in found and "RC01" not in found
    # ... and a line counted before the timeout still keeps it from being lone, as before
    assert "RC01" not in _primaries(_HEALTH, _UNTIMED_TIMEOUT, _ENQUEUE)


def test_an_untimed_run_timeout_with_later_lines_and_the_run_still_active_keeps_the_missing_cleanup() -> None:
    # boundary: a line showing the run still held after the timeout is RC15's evidence, whatever else follows
    active = "[diagnostic] run active check: sessionId=8a65736f-a56b-423f-a227-0f1853c10eff active=true"
    assert _primaries(_UNTIMED_TIMEOUT, _HEALTH, active) == ["RC15"]
    assert _primaries(_UNTIMED_TIMEOUT, active) == ["RC15"]


def test_a_timed_run_timeout_with_later_unfaulty_lines_reads_as_before() -> None:
    # boundary: timed, the log going on past the cleanup window with no run end shows the run held
    stamp, late = "2026-03-07T05:57:26.614Z ", "2026-03-07T06:07:26.614Z "
    assert _primaries(stamp + _UNTIMED_TIMEOUT, late + _HEALTH, late + _ENQUEUE) == ["RC15"]


def test_an_untimed_run_timeout_beside_a_later_fault_keeps_its_missing_cleanup() -> None:
    # boundary: not the paste's only fault line (a later failover naming a held lock), so RC15 reads it as before
    lock = ("embedded run failover decision: stage=assistant decision=surface_error reason=timeout "
            "detail=session file locked (timeout 10000ms)")
    assert _primaries(_UNTIMED_TIMEOUT, lock) == ["RC10", "RC15"]


def test_an_untimed_run_timeout_followed_by_its_model_calls_timeout_is_the_spent_budget() -> None:
    # the profile rotating on a model timeout agrees with the spent-budget reading: no undetermined incident is left
    assert _primaries(_UNTIMED_TIMEOUT, _UNTIMED_PROFILE) == ["RC01", "RC01"]


def test_a_turn_that_failed_before_its_reply_on_an_aborted_request_reads_as_the_failovers_raw_error() -> None:
    # "Embedded|Followup agent failed before reply: Request was aborted" (agent-runner-execution.ts, followup-runner.ts):
    # the model request was aborted before any reply; newer builds return before it on a /stop or a restart, so the
    # abort was the run's own timer or the recovery's: RC01 evidence, as "rawError=Request was aborted" is
    stuck = ("2026-11-20T10:00:00.000Z [diagnostic] stuck session: sessionId=s1 sessionKey=agent:main:main "
             "state=processing age=150s queueDepth=1")
    embedded = "2026-11-20T10:00:20.000Z [agent/embedded] Embedded agent failed before reply: Request was aborted"
    followup = "2026-11-20T10:00:20.000Z Followup agent failed before reply: Request was aborted"
    assert _primaries(stuck) == [None]
    assert _primaries(stuck, embedded) == ["RC01"]
    assert _primaries(stuck, followup) == ["RC01"]
    # alone it shows no session stuck
    assert _primaries(embedded) == []
    # right after the run's own timeout the abort was that timeout's: no evidence that the model call hung
    timeout = ("2026-11-20T10:00:19.000Z [agent/embedded] embedded run timeout: runId=r1 sessionId=s1 "
               "timeoutMs=600000")
    assert _primaries(stuck, timeout, embedded) != ["RC01"]


def _stall_with_request_aborted(*before: str, failed_at: str = "10:00:20") -> list[list[str]]:
    # session A held on its exec call (RC03); a turn failed before its reply on an aborted request, which names no
    # session, comes while A's stall is the one open
    def stalled(clock: str, age: int) -> str:
        return (f"2026-11-20T{clock}.000Z [diagnostic] stalled session: sessionId=sA sessionKey=agent:main:main "
                f"state=processing age={age}s queueDepth=0 reason=blocked_tool_call classification=blocked_tool_call "
                "activeWorkKind=tool_call lastProgress=tool:exec")
    tool = "2026-11-20T09:57:30.000Z [agent/embedded] embedded run tool start: runId=rA sessionId=sA tool=exec toolCallId=c1"
    failed = f"2026-11-20T{failed_at}.000Z [agent/embedded] Embedded agent failed before reply: Request was aborted"
    return _findings_of(tool, stalled("10:00:00", 150), *before, failed, stalled("10:00:30", 180))


def test_a_request_aborted_by_another_sessions_stop_is_no_evidence_for_the_open_stall() -> None:
    # policy: "aborting run: sessionId=<B>" (runs.ts abortEmbeddedPiRun: a user's /stop in session B, which older builds
    # follow with "Embedded agent failed before reply: Request was aborted") shortly before: the failure is B's run's
    abort_b = "2026-11-20T10:00:18.000Z [diagnostic] aborting run: sessionId=sB"
    assert _stall_with_request_aborted(abort_b) == [["RC03"]]
    assert _stall_with_request_aborted("2026-11-20T10:00:18.000Z aborting compacting run: sessionId=sB") == [["RC03"]]
    # no abort line before it: read by time as before (RC01 contributing)
    assert _stall_with_request_aborted() == [["RC01", "RC03"]]
    # the abort named A itself (its recovery, a /stop in A): A's own request was aborted, still RC01 evidence
    assert _stall_with_request_aborted("2026-11-20T10:00:18.000Z [diagnostic] aborting run: sessionId=sA") \
        == [["RC01", "RC03"]]
    # one abort of every run (a restart's mode "all") naming A among others: A's too
    assert _stall_with_request_aborted(abort_b, "2026-11-20T10:00:18.001Z [diagnostic] aborting run: sessionId=sA") \
        == [["RC01", "RC03"]]
    # boundary: B's abort long before (more than the abort's settle and teardown, ABORT_FAILS_TURN) says nothing
    assert _stall_with_request_aborted(abort_b, failed_at="10:00:29") == [["RC01", "RC03"]]


# -- OpenClaw's transport copy and undici's stream timeouts in an agent end's error (t48b source audit)
def _agent_end(error: str) -> str:
    return ("2026-11-20T10:00:00.000Z [agent/embedded] embedded run agent end: runId=r1 isError=true model=qwen3 "
            f"provider=ollama error={error}")


def test_a_connect_that_failed_at_once_in_openclaws_own_words_is_no_model_hang() -> None:
    # formatTransportErrorCopy (src/agents/pi-embedded-helpers/errors.ts): the copy an agent end prints with no raw
    # error kept; OpenClaw files the network failure under failoverReason=timeout, but nothing waited on the model.
    for copy in ("LLM request failed: connection refused by the provider endpoint.",
                 "LLM request failed: DNS lookup for the provider endpoint failed.",
                 "LLM request failed: the provider endpoint is unreachable from this host."):
        assert _primaries(_agent_end(f"{copy} failoverReason=timeout")) == [], copy


def test_a_connection_interrupted_mid_request_stays_a_possible_hang() -> None:
    # (a reset or a socket hang up may cut a request that waited long: not read as a failure at once)
    assert _primaries(_agent_end("LLM request failed: network connection was interrupted. "
                                 "failoverReason=timeout")) == ["RC01"]


def test_undicis_headers_or_body_timeout_is_a_model_call_that_sent_nothing_for_minutes() -> None:
    # undici's HeadersTimeoutError / BodyTimeoutError: nothing from the provider for the dispatcher's whole timeout
    # (300 s by default, 30 minutes under OpenClaw's global dispatcher), however short the paste
    for error in ("Headers Timeout Error", "HeadersTimeoutError: Headers Timeout Error", "Body Timeout Error",
                  "TypeError: fetch failed (UND_ERR_HEADERS_TIMEOUT)"):
        assert _primaries(_agent_end(error)) == ["RC01"], error


# -- provider libraries' answered failures without a leading status (t48g source audit)
def test_a_provider_librarys_answered_server_error_under_a_timeout_copy_is_no_model_hang() -> None:
    # OpenClaw files these under failoverReason=timeout and may word the turn's error "LLM request timed out.", but the
    # raw error is the provider's answer: pi-ai's Bedrock stream exceptions (amazon-bedrock.ts), pi-ai's Gemini CLI status (google-gemini-cli.ts), the Ollama stream's older status text, an OpenAI
    # Responses error event (openai-responses-shared.ts)
    for raw in ("Service unavailable: Bedrock is unable to process your request.",
                "Internal server error: The system encountered an unexpected error during processing. Try your request "
                "again.",
                "Cloud Code Assist API error (503): The service is currently unavailable.",
                'Ollama API error 404: {"error":"model \'deepseek-r1:14b\' not found"}',
                "Error Code server_error: The server had an error processing your request."):
        assert _primaries(_agent_end(f"LLM request timed out. failoverReason=timeout rawError={raw}")) == [], raw
        failover = ("2026-11-20T10:00:00.000Z [agent/embedded] embedded run failover decision: runId=r1 "
                    f"stage=assistant decision=surface_error reason=timeout provider=x/m profile=- rawError={raw}")
        assert "RC01" not in _primaries(failover), raw  # (an incident the lines leave unexplained at most)


def test_a_timeout_status_in_an_api_error_stays_a_model_call_timeout() -> None:
    # (504 is the gateway's own timeout: the call waited)
    raw = "Cloud Code Assist API error (504): Deadline expired before operation could complete."
    assert _primaries(_agent_end(f"LLM request timed out. failoverReason=timeout rawError={raw}")) == ["RC01"]
    # ... and OpenRouter's upstream failure, which OpenClaw itself files under "timeout": it often ends a call that
    # waited with nothing (f3202), so it is no sign the provider answered
    raw = "Provider returned error"
    assert _primaries(_agent_end(f"LLM request timed out. failoverReason=timeout rawError={raw}")) == ["RC01"]


# -- the Bedrock stream's and OpenAI WebSocket stream's answered failures (t49b source audit)
def test_the_bedrock_streams_refusals_and_the_openai_websockets_failure_events_are_no_model_hang() -> None:
    # pi-ai's Bedrock ConverseStream exceptions (amazon-bedrock.ts) and the response.failed / error events OpenClaw's
    # OpenAI WebSocket stream reads off the socket (src/agents/openai-ws-stream.ts): the provider answered
    for raw in ("Throttling error: Too many tokens, please wait before trying again.",
                "Validation error: Input is too long for requested model.",
                "OpenAI WebSocket error: Rate limit reached for gpt-5.4 (code=rate_limit_exceeded)",
                "OpenAI WebSocket response failed: The server had an error while processing your request."):
        assert _primaries(_agent_end(f"LLM request timed out. failoverReason=timeout rawError={raw}")) == [], raw
        assert _primaries(_agent_end(raw)) == [], raw
        failover = ("2026-11-20T10:00:00.000Z [agent/embedded] embedded run failover decision: runId=r1 "
                    f"stage=assistant decision=surface_error reason=timeout provider=x/m profile=- rawError={raw}")
        assert "RC01" not in _primaries(failover), raw


def test_a_bedrock_stream_broken_mid_answer_is_no_hang_unless_its_run_had_waited() -> None:
    # modelStreamErrorException, "Model stream error: <msg>": Bedrock was streaming when it broke off
    raw = "Model stream error: The model encountered an error processing the stream. Retry your request."
    assert _primaries(_agent_end(f"LLM request timed out. failoverReason=timeout rawError={raw}")) == []
    # (its run open 150 s before the break: the call may have hung first, the wait bar of a connection failure)
    run = "5d1e0c2b-7a6f-4e9d-8b3c-1a2b3c4d5e6f"
    start = (f"2026-03-10T09:10:11.000Z [agent/embedded] embedded run start: runId={run} "
             "sessionId=5f0e9a3c-2b1d-4c8e-9f7a-6d5c4b3a2e1f provider=amazon-bedrock model=m-large thinking=off")
    end = ('2026-03-10T09:12:41.000Z warn agent/embedded {"subsystem":"agent/embedded"} '
           f'{{"event":"embedded_run_agent_end","runId":"{run}","isError":true,"error":"LLM request timed out.",'
           f'"failoverReason":"timeout","model":"m-large","provider":"amazon-bedrock","rawErrorPreview":"{raw}"}} '
           "embedded run agent end")
    assert _primaries(end) == []
    assert _primaries(start, end) == ["RC01"]


def test_a_websocket_closed_or_idle_under_a_timeout_copy_stays_a_possible_hang() -> None:
    # (a 1006 close may cut a request that waited, as a reset does; pi-ai's own idle timeout is a silent stream)
    for raw in ("WebSocket closed 1006", "WebSocket closed mid-request (code=1006, reason=unknown)",
                "WebSocket idle timeout after 300000ms"):
        assert _primaries(_agent_end(f"LLM request timed out. failoverReason=timeout rawError={raw}")) == ["RC01"], raw


def test_a_pi_ai_stream_timer_of_minutes_is_a_model_hang_however_short_the_paste() -> None:
    # pi-ai's own timers state their wait (packages/ai/src/api/openai-codex-responses.ts, t49f): no frame, or no
    # response headers, for that long. Minutes with nothing is a hang; seconds prove nothing alone.
    for raw in ("WebSocket idle timeout after 300000ms", "Codex SSE response headers timed out after 300000ms",
                "Codex Responses SSE response headers timed out after 180000ms"):
        assert _primaries(_agent_end(raw)) == ["RC01"], raw
    for raw in ("WebSocket idle timeout after 45000ms", "Codex SSE response headers timed out after 10000ms"):
        assert _primaries(_agent_end(raw)) == [], raw
        # (under OpenClaw's timeout copy it stays a possible model timeout, as before)
        assert _primaries(_agent_end(f"LLM request timed out. failoverReason=timeout rawError={raw}")) == ["RC01"], raw


def test_a_provider_that_answered_with_nothing_is_no_model_hang() -> None:
    # (t49f: an empty answer ends the turn with no reply, but nothing waited: pi-ai's response.failed with only
    # incomplete_details, its Gemini CLI stream empty after its retries, Ollama's empty body)
    for raw in ("incomplete: max_output_tokens", "incomplete: content_filter",
                "Cloud Code Assist API returned an empty response", "Ollama API returned empty response body"):
        assert _primaries(_agent_end(f"LLM request timed out. failoverReason=timeout rawError={raw}")) == [], raw
        failover = ("2026-11-20T10:00:00.000Z [agent/embedded] embedded run failover decision: runId=r1 "
                    f"stage=assistant decision=surface_error reason=timeout provider=x/m profile=- rawError={raw}")
        assert "RC01" not in _primaries(failover), raw
    # (the embedded runner's own note of a turn that ended with no reply is no hang either)
    incomplete = ("2026-11-20T10:00:00.000Z [agent/embedded] incomplete turn detected: runId=r1 sessionId=s1 "
                  "stopReason=length payloads=0 — surfacing error to user")
    assert "RC01" not in _primaries(incomplete)


# Labelling policy "tool call open at the run cap" (tests/field/README.md), q65 review of t50l: a tool call that
# returned on its own deadline under the warn threshold (the image tool's 60 s watchdog, exec's 30 s) is a completed
# tool call that returned an error, not one open at the cap: a run whose lane task then lasted its whole budget, that
# call 2 minutes before the cap, spent the rest on its model (RC01 before t50l read those lines).
_SHORT_TOOL_TIMEOUTS = (
    ("tools", "ERROR", "image failed: OpenClaw dynamic tool call timed out after 60000ms while running tool image."),
    ("agent/embedded", "WARN", "codex dynamic tool timeout: tool=image toolTimeoutMs=60000; per-tool-call watchdog, "
     "not session idle"),
    ("tools", "ERROR", "exec failed: Command timed out after 30 seconds"),
)


def _spent_run(tool: tuple[str, str, str] | None, at: str = "10:08:00.000") -> list[tuple[str, str, str, str]]:
    lines = [("10:00:00.000", "agent/embedded", "DEBUG", "embedded run start: runId=r1 sessionId=s1 provider=anthropic "
              "model=claude-sonnet-4-5 thinking=off")]
    if tool is not None:
        lines.append((at, *tool))
    return [*lines, ("10:10:00.000", "agent/embedded", "WARN", "embedded run timeout: runId=r1 sessionId=s1 timeoutMs=600000"),
            ("10:10:00.120", "diagnostic", "DEBUG", "lane task done: lane=session:agent:main:main durationMs=600090")]


def _spent_run_primaries(tmp_path: Path, lines: list[tuple[str, str, str, str]]) -> list[list[str | None]]:
    """The primaries of the console form and of the JSONL form of ``lines``."""
    console = tmp_path / "gateway.log"
    console.write_text("".join(f"2026-11-20T{t}Z {level.lower()} [{sub}] {msg}\n" for t, sub, level, msg in lines))
    jsonl = tmp_path / "openclaw-2026-11-20.log"
    jsonl.write_text("".join(tslog_line(f"2026-11-20T{t}Z", sub, msg, level) + "\n" for t, sub, level, msg in lines))
    return [[i.primary.rule.id if i.primary else None for i in analyze_paths([str(p)]).incidents] for p in (console, jsonl)]


def test_a_tool_that_returned_on_its_short_timeout_long_before_the_cap_leaves_the_spent_budget_a_model_wait(
        tmp_path: Path) -> None:
    assert _spent_run_primaries(tmp_path, _spent_run(None)) == [["RC01"], ["RC01"]]
    for tool in _SHORT_TOOL_TIMEOUTS:
        assert _spent_run_primaries(tmp_path, _spent_run(tool)) == [["RC01"], ["RC01"]], tool[2]


def test_the_spent_budget_finding_says_which_tool_returned_and_when() -> None:
    from stuckscan.rules.rc01_model_call_hang import _no_tool_open
    events = list(parse_text_lines([
        "2026-11-20T10:08:00.000Z [tools] image failed: OpenClaw dynamic tool call timed out after 60000ms while "
        "running tool image.",
        "2026-11-20T10:10:00.120Z [diagnostic] lane task done: lane=session:agent:main:main durationMs=600090"]))
    assert _no_tool_open(events[:1], events[1:]) == ("with no tool call open at the end (the `image` call returned on "
                                                     "its own 60 s timeout 120 s before)")
    assert _no_tool_open([], events[1:]) == "with no tool seen"


def test_a_tool_timeout_at_the_blocked_tool_bar_stays_a_blocked_tool_call(tmp_path: Path) -> None:
    pdf = ("tools", "ERROR", "pdf failed: Anthropic PDF request timed out after 120000ms")
    assert _spent_run_primaries(tmp_path, _spent_run(pdf)) == [["RC03"], ["RC03"]]
    exec_ = ("tools", "ERROR", "exec failed: Command timed out after 1800 seconds")
    assert _spent_run_primaries(tmp_path, _spent_run(exec_)) == [["RC03"], ["RC03"]]


def test_a_tool_that_returned_on_its_short_timeout_just_before_the_cap_keeps_the_run_busy_until_it(
        tmp_path: Path) -> None:
    # (2 s before the cap: the run was still working when its timer fired, no model wait is shown; as before)
    for tool in _SHORT_TOOL_TIMEOUTS:
        assert _spent_run_primaries(tmp_path, _spent_run(tool, "10:09:58.000")) == [[None], [None]], tool[2]


def test_an_untimed_paste_of_a_short_tool_timeout_before_a_spent_budget_reads_as_before() -> None:
    # (no times: the tool line is not tied to the run's incident, whose lane task lasted the budget: RC01, as before)
    assert _primaries("[tools] image failed: OpenClaw dynamic tool call timed out after 60000ms while running tool image.",
                      "[agent/embedded] embedded run timeout: runId=r1 sessionId=s1 timeoutMs=600000",
                      "[diagnostic] lane task done: lane=session:agent:main:main durationMs=600090") == ["RC01"]


def test_a_healthy_turn_whose_tool_returned_on_its_short_timeout_stays_quiet(tmp_path: Path) -> None:
    # (the run went on after the image watchdog and answered: no incident, as t50l/q65 checked)
    lines = [("10:00:00.000", "agent/embedded", "DEBUG", "embedded run start: runId=r1 sessionId=s1 "
              "provider=anthropic model=claude-sonnet-4-5 thinking=off"),
             ("10:01:00.000", *_SHORT_TOOL_TIMEOUTS[0]),
             ("10:01:20.000", "agent/embedded", "DEBUG", "embedded run agent end: runId=r1 isError=false")]
    path = tmp_path / "ok.log"
    path.write_text("".join(tslog_line(f"2026-11-20T{t}Z", sub, msg, level) + "\n" for t, sub, level, msg in lines))
    assert not analyze_paths([str(path)]).incidents


# (h52) The Codex dynamic-tool watchdog in the file log (extensions/codex/src/app-server/dynamic-tool-execution.ts,
# older builds run-attempt.ts): a record "codex dynamic tool call timed out" (warn) whose meta object carries tool,
# timeoutMs and the console's wording as consoleMessage; the console prints that wording. Both forms of one event
# must give the same report. The process tool's wording ("codex process tool timeout: ...") is a call that returned.
def _codex_tool_timeout(tool: str, timeout_ms: int) -> tuple[str, dict[str, object]]:
    """The console's wording of the watchdog on ``tool`` and the file record's meta object."""
    meta: dict[str, object] = {"tool": tool, "toolCallId": "call_1", "threadId": "thr_1", "turnId": "turn_1",
                               "timeoutMs": timeout_ms, "timeoutKind": "codex_dynamic_tool_rpc"}
    if tool == "process":
        console = (f"codex process tool timeout: action=poll sessionId=rapid-crustacean toolTimeoutMs={timeout_ms} "
                   "requestedWaitMs=30000; per-tool-call watchdog, not session idle; repeated lines usually mean "
                   "process-poll retry churn, not model progress")
        meta.update(processAction="poll", processSessionId="rapid-crustacean", processRequestedTimeoutMs=30000)
    else:
        console = (f"codex dynamic tool timeout: tool={tool} toolTimeoutMs={timeout_ms}; per-tool-call watchdog, "
                   "not session idle")
    return console, {**meta, "consoleMessage": console}


def _codex_forms(tmp_path: Path, lines: list[tuple[str, str, str, str]], at: str, tool: str,
                 timeout_ms: int) -> tuple[Path, Path]:
    """``lines`` with the watchdog on ``tool`` at ``at``, written as the console prints them and as the file log
    records them."""
    console_msg, meta = _codex_tool_timeout(tool, timeout_ms)
    timed = sorted([*lines, (at, "agent/embedded", "WARN", console_msg)], key=lambda row: row[0])
    console = tmp_path / "gateway.log"
    console.write_text("".join(f"2026-11-20T{t}Z {level.lower()} [{sub}] {msg}\n" for t, sub, level, msg in timed))
    jsonl = tmp_path / "openclaw-2026-11-20.log"
    jsonl.write_text("".join(
        tslog_line(f"2026-11-20T{t}Z", sub, "codex dynamic tool call timed out" if msg == console_msg else msg, level,
                   meta=meta if msg == console_msg else None) + "\n" for t, sub, level, msg in timed))
    return console, jsonl


def _codex_spent_run_primaries(tmp_path: Path, at: str, tool: str, timeout_ms: int) -> list[list[str | None]]:
    paths = _codex_forms(tmp_path, _spent_run(None), at, tool, timeout_ms)
    return [[i.primary.rule.id if i.primary else None for i in analyze_paths([str(p)]).incidents] for p in paths]


def test_the_codex_watchdogs_file_record_reads_as_its_console_line_before_a_spent_budget(tmp_path: Path) -> None:
    # a 90 s watchdog 2 minutes before the cap: a call that returned, the rest spent on the model (RC01)
    assert _codex_spent_run_primaries(tmp_path, "10:08:00.000", "exec", 90000) == [["RC01"], ["RC01"]]
    # 2 s before the cap: the run was working when its timer fired, no model wait shown (r51), in both forms
    assert _codex_spent_run_primaries(tmp_path, "10:09:58.000", "exec", 90000) == [[None], [None]]


def test_the_codex_watchdogs_file_record_at_the_blocked_tool_bar_is_rc03_as_its_console_line(tmp_path: Path) -> None:
    # image_generate's 120 s budget reaches the stall detector's warn threshold: a blocked tool call in both forms
    assert _codex_spent_run_primaries(tmp_path, "10:08:00.000", "image_generate", 120000) == [["RC03"], ["RC03"]]


def test_the_process_tools_watchdog_is_a_call_that_returned_in_both_forms(tmp_path: Path) -> None:
    # a poll on a background process cut by the 90 s watchdog: the error went back to the model, the process runs on
    assert _codex_spent_run_primaries(tmp_path, "10:08:00.000", "process", 90000) == [["RC01"], ["RC01"]]
    assert _codex_spent_run_primaries(tmp_path, "10:09:58.000", "process", 90000) == [[None], [None]]


@pytest.mark.parametrize("tool", ["exec", "process"])
def test_a_codex_turn_whose_tool_hit_the_90s_watchdog_and_went_on_stays_quiet_in_both_forms(tmp_path: Path,
                                                                                            tool: str) -> None:
    lines = [("10:00:00.000", "agent/embedded", "DEBUG", "embedded run start: runId=r1 sessionId=s1 provider=openai "
              "model=gpt-5.5 thinking=off"),
             ("10:02:20.000", "agent/embedded", "DEBUG", "embedded run agent end: runId=r1 isError=false")]
    for path in _codex_forms(tmp_path, lines, "10:01:30.000", tool, 90000):
        analysis = analyze_paths([str(path)])
        assert not analysis.incidents, path.name
        assert analysis.unexplained.count == 0, path.name


# r53: a completed tool call (`embedded run tool end:`) of the run's session switched the spent-budget reading off
# wherever it came; a tool that ended 2 minutes before the cap did not hold the run there, its time after it was the
# model's (policy "tool call open at the run cap": a completed tool, then nothing for a long time). A tool's end
# seconds before the cap, or a call still open, reads as before.
_LINKED_SID = "5ea4e9df-e5bd-4c49-a65e-2028df7b1fa8"


def _spent_run_with_tool_call(start: str, end: str | None) -> list[tuple[str, str, str, str]]:
    lines = [("10:00:00.000", "diagnostic", "DEBUG", f"run attempt: sessionId={_LINKED_SID} sessionKey=agent:main:main "
              "runId=r1 attempt=1"),
             ("10:00:00.010", "agent/embedded", "DEBUG", f"embedded run start: runId=r1 sessionId={_LINKED_SID} "
              "provider=anthropic model=claude-sonnet-4-5 thinking=off"),
             (start, "agent/embedded", "DEBUG", "embedded run tool start: runId=r1 tool=exec toolCallId=call_1")]
    if end is not None:
        lines.append((end, "agent/embedded", "DEBUG", "embedded run tool end: runId=r1 tool=exec toolCallId=call_1"))
    return [*lines,
            ("10:10:00.000", "agent/embedded", "WARN", f"embedded run timeout: runId=r1 sessionId={_LINKED_SID} "
             "timeoutMs=600000"),
            ("10:10:00.120", "diagnostic", "DEBUG", "lane task done: lane=session:agent:main:main durationMs=600090")]


def test_a_tool_that_ended_long_before_the_cap_leaves_the_spent_budget_a_model_wait(tmp_path: Path) -> None:
    assert _spent_run_primaries(tmp_path, _spent_run_with_tool_call("10:07:50.000", "10:08:00.000")) == [
        ["RC01"], ["RC01"]]


def test_the_spent_budget_finding_says_which_tool_ended_and_when() -> None:
    from stuckscan.rules.rc01_model_call_hang import _no_tool_open
    events = list(parse_text_lines([
        "2026-11-20T10:08:00.000Z [agent/embedded] embedded run tool end: runId=r1 tool=exec toolCallId=call_1",
        "2026-11-20T10:10:00.120Z [diagnostic] lane task done: lane=session:agent:main:main durationMs=600090"]))
    assert _no_tool_open(events[:1], events[1:]) == "with no tool call open at the end (the `exec` call ended 120 s before)"


def test_a_tool_that_ended_seconds_before_the_cap_or_is_still_open_keeps_the_run_busy(tmp_path: Path) -> None:
    # (ended 2 s before the cap: the run was still working when its timer fired, no model wait shown; as before)
    assert _spent_run_primaries(tmp_path, _spent_run_with_tool_call("10:09:50.000", "10:09:58.000")) == [[None], [None]]
    # (a call still open at the cap, under the warn threshold or past it with no stall line: not the model's; as before)
    assert _spent_run_primaries(tmp_path, _spent_run_with_tool_call("10:09:50.000", None)) == [[None], [None]]
    assert _spent_run_primaries(tmp_path, _spent_run_with_tool_call("10:07:50.000", None)) == [[None], [None]]


def test_an_earlier_call_left_open_keeps_a_later_tool_end_a_tool_seen(tmp_path: Path) -> None:
    lines = _spent_run_with_tool_call("10:07:50.000", "10:08:00.000")
    lines.insert(2, ("10:05:00.000", "agent/embedded", "DEBUG",
                     "embedded run tool start: runId=r1 tool=process toolCallId=call_0"))
    assert _spent_run_primaries(tmp_path, lines) == [[None], [None]]


def test_a_healthy_run_whose_tool_ended_stays_quiet(tmp_path: Path) -> None:
    lines = _spent_run_with_tool_call("10:00:10.000", "10:00:20.000")[:4]
    lines.append(("10:00:40.000", "agent/embedded", "DEBUG", "embedded run agent end: runId=r1 isError=false"))
    path = tmp_path / "ok.log"
    path.write_text("".join(tslog_line(f"2026-11-20T{t}Z", sub, msg, level) + "\n" for t, sub, level, msg in lines))
    assert not analyze_paths([str(path)]).incidents


# -- n54: the stuck-session recovery failing a turn whose session placement worker was terminal
# (src/logging/diagnostic-stuck-session-recovery.runtime.ts: recoverTerminalSessionPlacementTurn is asked first; the
# outcome is "status=failed action=fail_worker_turn reason=terminal_worker error=<the worker's error>")

def _stall(kind: str, clock: str = "10:00:00.000", extra: str = "") -> str:
    return (f"2026-05-01T{clock}Z [diagnostic] stalled session: sessionId=s-1 sessionKey=agent:main:main "
            f"state=processing age=180s queueDepth=1 reason=active_work_without_progress "
            f"classification=stalled_agent_run activeWorkKind={kind} {extra}lastProgressAge=180s recovery=checking")


_DEAD_WORKER = ("2026-05-01T10:00:00.100Z [diagnostic] stuck session recovery outcome: status=failed "
                "action=fail_worker_turn sessionId=s-1 sessionKey=agent:main:main reason=terminal_worker "
                "error=Cloud worker process failed before completing the turn: worker admission deadline exceeded")


def test_a_stall_the_recovery_found_on_a_terminal_worker_is_no_model_call_hang() -> None:
    assert _primaries(_stall("embedded_run"), _DEAD_WORKER) == [None]
    assert _primaries(_stall("model_call", extra="lastProgress=model_call:started "), _DEAD_WORKER) == [None]


def test_the_same_stall_without_the_terminal_worker_outcome_stays_a_model_call_hang() -> None:
    # (the healthy sequence of this reading: the recovery's other outcomes leave RC01 as it was)
    assert _primaries(_stall("embedded_run")) == ["RC01"]
    assert _primaries(_stall("model_call", extra="lastProgress=model_call:started ")) == ["RC01"]
    # (a stall warned after the failed turn is a turn of its own)
    later = _stall("model_call", "10:06:00.000", "lastProgress=model_call:started ")
    assert _primaries(_stall("embedded_run"), _DEAD_WORKER, later) == [None, "RC01"]


# -- h56 review of the terminal-worker reading

_RUN_START = ("2026-05-01T09:57:00.000Z [agent/embedded] embedded run start: runId=r-1 sessionId=s-1 "
              "provider=anthropic model=claude-sonnet-4 thinking=off messageChannel=telegram")
_UNWOUND = ("2026-05-01T10:00:01.000Z [agent/embedded] embedded run done: runId=r-1 sessionId=s-1 durationMs=181000 "
            "aborted=false",
            '2026-05-01T10:00:01.100Z [diagnostic] session state: sessionId=s-1 sessionKey=agent:main:main '
            'prev=processing new=idle reason="run_completed" queueDepth=1')


def test_a_turn_failed_on_a_terminal_worker_then_unwinding_is_no_detector_false_positive() -> None:
    # the failed turn unwinds (its run ends, the session goes idle): no "slow work that finished by itself"
    assert _primaries(_RUN_START, _stall("embedded_run"), _DEAD_WORKER, *_UNWOUND) == [None]
    # (the healthy sequence without the outcome: the run finishing by itself stays what it was)
    assert _primaries(_RUN_START, _stall("embedded_run"), *_UNWOUND) == ["RC01"]


def test_the_terminal_worker_outcome_says_the_turn_unwinds_and_loses_no_queued_message() -> None:
    from stuckscan.formats._report import messages_possibly_lost

    analysis = analyze_events(parse_text_lines([_RUN_START, _stall("embedded_run"), _DEAD_WORKER]), ParseStats())
    [incident] = analysis.incidents
    assert "unwinds" in incident.recoveries[-1].verdict_reason
    assert messages_possibly_lost(incident) == 0
    # (another failed recovery at the log's end keeps the warning that the queue may be lost)
    other = _DEAD_WORKER.replace("action=fail_worker_turn", "action=abort_embedded_run").replace(
        "reason=terminal_worker", "reason=abort_failed")
    analysis = analyze_events(parse_text_lines([_RUN_START, _stall("embedded_run"), other]), ParseStats())
    assert messages_possibly_lost(analysis.incidents[0]) == 1


def test_a_stall_ten_minutes_after_the_terminal_worker_outcome_is_a_model_call_hang_dated_from_its_age() -> None:
    later = [_stall("model_call", "10:10:00.000", "lastProgress=model_call:started "),
             _stall("model_call", "10:12:00.000", "lastProgress=model_call:started ").replace("age=180s", "age=300s")]
    analysis = analyze_events(parse_text_lines([_stall("embedded_run"), _DEAD_WORKER, *later]), ParseStats())
    assert [i.primary.rule.id if i.primary else None for i in analysis.incidents] == [None, "RC01"]
    assert analysis.incidents[1].start.isoformat().startswith("2026-05-01T10:07:00")
