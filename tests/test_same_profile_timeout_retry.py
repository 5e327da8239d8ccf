"""A model call that timed out and was retried on the same auth profile, the same run then ending well, is no hang.

In the builds between the idle watchdog's same-model retry and the newest failure step, OpenClaw's run loop
(src/agents/embedded-agent-runner/run/assistant-failure.ts, stored id 55014944548) allows a same-profile retry when the
attempt timed out (``timedOut``: its idle watchdog or the request's own timeout), not during a compaction or a tool
call, on a run that can restart, once per run (``MAX_SAME_MODEL_TIMEOUT_RETRIES`` 1), and the failover step
(assistant-failover.ts, stored id 54608838550) takes it before any auth-profile rotation, when the only failover reason
is the timeout, warning "[llm-timeout] <provider>/<model> hit idle watchdog|request timeout; retrying same profile
before auth-profile rotation" in place of "Profile <id> timed out. Trying next account...". Nothing is logged when the
retry succeeds; one that times out again rotates the profile, throws to a fallback model or surfaces the error.

The line is read as ``model.profile_timeout`` (provider, model, timeout=idle|request, action): RC01's evidence of a
model call that timed out. Under n57's heal (stuckscan.correlator.retry_healed_idle_timeouts) it is the retry marker:
the same run ending well after it drops the incident; a rotation, a fallback, a surfaced error, an aborted end, the
run's timeout or no end after it leaves RC01.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stuckscan.analysis import analyze_paths
from stuckscan.parser import parse_text_lines
from tests.conftest import RUN_ENDED_ABORTED, RUN_OUT_OF_ITS_BUDGET, headlines_both_forms, tslog_line, write_both_forms

IDLE = "[llm-timeout] ollama/qwen3:32b hit idle watchdog; retrying same profile before auth-profile rotation"
REQUEST = "[llm-timeout] ollama/qwen3:32b hit request timeout; retrying same profile before auth-profile rotation"

START = ("10:00:00.000", "agent/embedded", "DEBUG",
         "embedded run start: runId=r1 sessionId=s1 provider=ollama model=qwen3:32b thinking=off messageChannel=telegram")
ENDED_WELL = [
    ("10:02:31.000", "agent/embedded", "DEBUG", "embedded run agent end: runId=r1 isError=false"),
    ("10:02:31.010", "agent/embedded", "DEBUG",
     "embedded run done: runId=r1 sessionId=s1 durationMs=151010 aborted=false"),
    ("10:02:31.020", "diagnostic", "DEBUG",
     "lane task done: lane=session:agent:main:telegram:direct:42 durationMs=151030 active=0 queued=0"),
]


def _run(line: str) -> list[tuple[str, str, str, str]]:
    return [START, ("10:02:00.102", "agent/embedded", "WARN", line)]






@pytest.mark.parametrize(("line", "timeout"), [(IDLE, "idle"), (REQUEST, "request")], ids=["idle", "request"])
def test_the_same_profile_retry_line_is_a_model_timeout_family(line: str, timeout: str) -> None:
    for text in (f"2026-05-01T10:02:00.102Z warn [agent/embedded] {line}",
                 tslog_line("2026-05-01T10:02:00.102Z", "agent/embedded", line, "WARN")):
        (event,) = parse_text_lines([text])
        assert event.kind == "model.profile_timeout"
        assert event.fields["provider"] == "ollama" and event.fields["model"] == "qwen3:32b"
        assert event.fields["timeout"] == timeout
        assert str(event.fields["action"]).startswith("retrying same profile")


@pytest.mark.parametrize("line", [IDLE, REQUEST], ids=["idle", "request"])
def test_a_model_timeout_with_no_end_after_its_retry_is_rc01(tmp_path: Path, line: str) -> None:
    for form in headlines_both_forms(tmp_path, _run(line)):
        assert form and form[0] == "RC01"


@pytest.mark.parametrize("line", [IDLE, REQUEST], ids=["idle", "request"])
def test_a_timeout_the_same_profile_retry_got_past_is_no_hang(tmp_path: Path, line: str) -> None:
    assert headlines_both_forms(tmp_path, _run(line) + ENDED_WELL) == [[], []]
    for path in write_both_forms(tmp_path, _run(line) + ENDED_WELL):
        analysis = analyze_paths([str(path)])
        assert not analysis.incidents and analysis.unexplained.count == 0


@pytest.mark.parametrize("after", [
    # the retry timed out too: the profile rotated
    [("10:04:14.000", "agent/embedded", "WARN", "Profile ollama:default timed out. Trying next account..."),
     ("10:04:20.010", "agent/embedded", "DEBUG",
      "embedded run done: runId=r1 sessionId=s1 durationMs=260010 aborted=false")],
    # the retry timed out too and the run threw to a fallback model
    [("10:04:14.003", "agent/embedded", "WARN",
      "embedded run failover decision: runId=r1 stage=assistant decision=fallback_model reason=timeout "
      "from=ollama/qwen3:32b profile=-"),
     ("10:04:40.010", "agent/embedded", "DEBUG",
      "embedded run done: runId=r1 sessionId=s1 durationMs=280010 aborted=false")],
    # the retry timed out too and the run surfaced the timeout
    [("10:04:14.003", "agent/embedded", "WARN",
      "embedded run failover decision: runId=r1 stage=assistant decision=surface_error reason=timeout "
      "from=ollama/qwen3:32b profile=-"),
     ("10:04:14.010", "agent/embedded", "DEBUG",
      "embedded run done: runId=r1 sessionId=s1 durationMs=254010 aborted=false")],
    # the run ended aborted
    RUN_ENDED_ABORTED,
    # the run ran out its own time budget
    RUN_OUT_OF_ITS_BUDGET,
], ids=["rotated", "fallback", "surfaced", "aborted", "run-timeout"])
@pytest.mark.parametrize("line", [IDLE, REQUEST], ids=["idle", "request"])
def test_a_timeout_the_retry_did_not_get_past_stays_rc01(tmp_path: Path, line: str,
                                                        after: list[tuple[str, str, str, str]]) -> None:
    for form in headlines_both_forms(tmp_path, _run(line) + after):
        assert form and form[0] == "RC01"


def test_a_run_that_started_after_the_retry_does_not_heal_it(tmp_path: Path) -> None:
    # (the line names no run: only a run under way at the timeout, by its stated duration, is its)
    later = [("10:02:31.010", "agent/embedded", "DEBUG",
              "embedded run done: runId=r2 sessionId=s2 durationMs=5000 aborted=false")]
    for form in headlines_both_forms(tmp_path, _run(IDLE)[1:] + later):
        assert form and form[0] == "RC01"


def test_a_healthy_run_with_no_timeout_stays_quiet(tmp_path: Path) -> None:
    for path in write_both_forms(tmp_path, [START, *ENDED_WELL]):
        analysis = analyze_paths([str(path)])
        assert not analysis.incidents and analysis.unexplained.count == 0
