"""An LLM idle timeout that the runner retried on the same model, the same run then ending well, is no hung call.

OpenClaw's run loop (src/agents/embedded-agent-runner/run/assistant-failure.ts, stored id 57790473081) allows a
same-model retry when the attempt timed out on its idle watchdog (``timedOut && idleTimedOut``), outside a compaction,
with no fallback model configured, on a run that can restart, under ``MAX_SAME_MODEL_IDLE_TIMEOUT_RETRIES``; the retry
(assistant-failover.ts, stored id 61680906727) logs at warn "[llm-idle-timeout] <provider>/<model> produced no reply
before the idle watchdog; retrying same model", after the rotation step's "Profile <id> timed out. Trying next
account..." when no other profile was there. When every idle timeout of the run is answered so and the same run then
ends well, RC01 says nothing; one the run ends on an error, its cap, a stall warning or no end after stays RC01.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stuckscan.analysis import analyze_paths
from tests.conftest import RUN_ENDED_ABORTED, RUN_OUT_OF_ITS_BUDGET, headlines_both_forms, write_both_forms

RUN = [
    ("10:00:00.000", "agent/embedded", "DEBUG",
     "embedded run start: runId=r1 sessionId=s1 provider=ollama model=qwen3:32b thinking=off messageChannel=telegram"),
    ("10:02:00.100", "agent/embedded", "WARN", "Profile ollama:default timed out. Trying next account..."),
    ("10:02:00.102", "agent/embedded", "WARN",
     "[llm-idle-timeout] ollama/qwen3:32b produced no reply before the idle watchdog; retrying same model"),
]
ENDED_WELL = [
    ("10:02:31.000", "agent/embedded", "DEBUG", "embedded run agent end: runId=r1 isError=false"),
    ("10:02:31.010", "agent/embedded", "DEBUG",
     "embedded run done: runId=r1 sessionId=s1 durationMs=151010 aborted=false"),
    ("10:02:31.020", "diagnostic", "DEBUG",
     "lane task done: lane=session:agent:main:telegram:direct:42 durationMs=151030 active=0 queued=0"),
]
# (with OPENCLAW_LOG_ABORT_SOURCES=1 the abort cause names the run and its session)
ABORT_SOURCE = ("10:02:00.100", "agent/embedded", "WARN",
                "[abort-source] runId=r1 sessionId=s1 source=llm-idle-timeout isTimeout=true idleTimeout=true "
                "compactionTimeout=false external=false reason=<none> stack=<none>")




def test_an_idle_timeout_the_same_model_retry_got_past_is_no_hang(tmp_path: Path) -> None:
    assert headlines_both_forms(tmp_path, RUN + ENDED_WELL) == [[], []]
    # (the abort cause naming the run: the same run's end closes it)
    assert headlines_both_forms(tmp_path, [RUN[0], ABORT_SOURCE, RUN[2], *ENDED_WELL]) == [[], []]
    # (its session back to idle is the run's end as well)
    idle = ("10:02:31.010", "diagnostic", "DEBUG",
            'session state: sessionId=s1 sessionKey=agent:main:main prev=processing new=idle reason="run_completed" '
            "queueDepth=0")
    assert headlines_both_forms(tmp_path, [RUN[0], ABORT_SOURCE, RUN[2], ENDED_WELL[0], idle]) == [[], []]


# (n58) the newest builds word the same rotation step after an idle watchdog "Profile <id> idle timeout (model silent).
# Trying next account..." (assistant-failover.ts, stored id 61680906727), and end it "... No further authorized account
# for this provider; ..." when no other profile was selected: read as the older wording is.
NEWER_PROFILE_LINES = [
    "Profile ollama:default idle timeout (model silent). Trying next account...",
    "Profile ollama:default idle timeout (model silent). No further authorized account for this provider; create a "
    "backup auth profile and add its id to auth.order to enable failover.",
]


@pytest.mark.parametrize("profile", NEWER_PROFILE_LINES, ids=["trying-next", "no-further-account"])
def test_the_newer_idle_timeout_wording_the_retry_got_past_is_no_hang(tmp_path: Path, profile: str) -> None:
    run = [RUN[0], (RUN[1][0], RUN[1][1], RUN[1][2], profile), RUN[2]]
    assert headlines_both_forms(tmp_path, run + ENDED_WELL) == [[], []]
    for path in write_both_forms(tmp_path, run + ENDED_WELL):
        analysis = analyze_paths([str(path)])
        assert not analysis.incidents and analysis.unexplained.count == 0
    # boundary: the retry timed out too and the run surfaced it: the hang stays RC01
    after = [("10:04:14.000", "agent/embedded", "WARN", profile),
             ("10:04:14.003", "agent/embedded", "WARN",
              "embedded run failover decision: runId=r1 stage=assistant decision=surface_error reason=timeout "
              "from=ollama/qwen3:32b profile=-"),
             ("10:04:14.010", "agent/embedded", "DEBUG",
              "embedded run done: runId=r1 sessionId=s1 durationMs=254010 aborted=false")]
    for form in headlines_both_forms(tmp_path, run + after):
        assert form and form[0] == "RC01"


def test_the_retried_idle_timeout_leaves_its_lines_read_short_of_a_stall(tmp_path: Path) -> None:
    for path in write_both_forms(tmp_path, RUN + ENDED_WELL):
        analysis = analyze_paths([str(path)])
        assert not analysis.incidents and analysis.unexplained.count == 0


@pytest.mark.parametrize("after", [
    # the retry timed out too, and the run surfaced the timeout (f4998's shape)
    [("10:04:14.000", "agent/embedded", "WARN", "Profile ollama:default timed out. Trying next account..."),
     ("10:04:14.003", "agent/embedded", "WARN",
      "embedded run failover decision: runId=r1 stage=assistant decision=surface_error reason=timeout "
      "from=ollama/qwen3:32b profile=-"),
     ("10:04:14.010", "agent/embedded", "DEBUG",
      "embedded run done: runId=r1 sessionId=s1 durationMs=254010 aborted=false")],
    # the run ended aborted
    RUN_ENDED_ABORTED,
    # the run ran out its own time budget
    RUN_OUT_OF_ITS_BUDGET,
    # the session stalled after the retry
    [("10:04:30.000", "diagnostic", "WARN",
      "stalled session: sessionId=s1 sessionKey=agent:main:main state=processing age=150s queueDepth=1 "
      "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=model_call "
      "lastProgress=model_call:started lastProgressAge=148s recovery=checking"),
     ("10:05:31.010", "agent/embedded", "DEBUG",
      "embedded run done: runId=r1 sessionId=s1 durationMs=331010 aborted=false")],
    # no end in the excerpt
    [],
], ids=["retry-timed-out", "aborted", "run-timeout", "stall-warning", "no-end"])
def test_an_idle_timeout_the_run_did_not_get_past_stays_a_hang(tmp_path: Path,
                                                                after: list[tuple[str, str, str, str]]) -> None:
    for form in headlines_both_forms(tmp_path, RUN + after):
        assert form and form[0] == "RC01"


def test_another_runs_end_does_not_heal_a_named_idle_timeout(tmp_path: Path) -> None:
    other = [("10:02:31.010", "agent/embedded", "DEBUG",
              "embedded run done: runId=r2 sessionId=s1 durationMs=151010 aborted=false")]
    for form in headlines_both_forms(tmp_path, [RUN[0], ABORT_SOURCE, RUN[2], *other]):
        assert form and form[0] == "RC01"


def test_a_run_that_started_after_the_idle_timeout_does_not_heal_it(tmp_path: Path) -> None:
    # (the lines name no run: only a run under way at the timeout, by its stated duration, is theirs)
    later = [("10:02:31.010", "agent/embedded", "DEBUG",
              "embedded run done: runId=r2 sessionId=s2 durationMs=5000 aborted=false")]
    for form in headlines_both_forms(tmp_path, RUN[1:] + later):
        assert form and form[0] == "RC01"


def test_a_healthy_run_with_no_idle_timeout_stays_quiet(tmp_path: Path) -> None:
    assert headlines_both_forms(tmp_path, [RUN[0], *ENDED_WELL]) == [[], []]


def test_another_sessions_run_end_does_not_heal_the_run_under_way(tmp_path: Path) -> None:
    # (h57: the idle lines name no run, but the log shows which run was under way at them, r1 of s1: the end of r2 of
    # s2, though its duration reaches back to the timeout, is not that run's end)
    other = [("10:03:00.000", "agent/embedded", "DEBUG",
              "embedded run done: runId=r2 sessionId=s2 durationMs=300000 aborted=false")]
    for form in headlines_both_forms(tmp_path, RUN + other):
        assert form and form[0] == "RC01"
    # (two runs under way at the idle timeout, which names neither: the one that ended well may not be the one that hung)
    second = ("10:00:30.000", "agent/embedded", "DEBUG",
              "embedded run start: runId=r2 sessionId=s2 provider=ollama model=qwen3:32b thinking=off")
    ended = [("10:03:00.000", "agent/embedded", "DEBUG",
              "embedded run done: runId=r2 sessionId=s2 durationMs=150000 aborted=false")]
    for form in headlines_both_forms(tmp_path, [RUN[0], second, *RUN[1:], *ended]):
        assert form and form[0] == "RC01"
    # (the run under way ending well still heals it)
    assert headlines_both_forms(tmp_path, RUN + [("10:03:00.000", "agent/embedded", "DEBUG",
                                        "embedded run done: runId=r1 sessionId=s1 durationMs=180000 aborted=false")]) \
        == [[], []]
