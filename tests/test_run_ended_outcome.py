"""The outcome of a finding opened by a fault signal whose own line ends its run: a cron job's run record (``cron run
finished: ... status=error error="LLM request timed out."``) or the hook run summary (``hook agent run completed
runId=... status=error summary=LLM request timed out.``) says the run ended on that error, so nothing of the run was left held,
not that "nothing after it shows the fault cleared". The class, severity and confidence stay; a run timeout with no
end after it, and a stall warning's incident, keep today's words."""

from __future__ import annotations

import json
from datetime import timezone
from pathlib import Path

import pytest

from stuckscan.analysis import analyze_paths
from stuckscan.formats import RenderOptions, render
from stuckscan.model import RUN_ENDED_ON_SIGNAL, Analysis, Confidence, Incident, IncidentOrigin, IncidentStatus, Severity
from tests.conftest import tslog_line

UTC = timezone.utc
RUN = "runId=7a1e0c42-1111-4a2b-9c3d-000000000042 sessionId=5be2f0d1-2222-4c3d-8e4f-000000000042"
SID = "5be2f0d1-2222-4c3d-8e4f-000000000042"
KEY = "agent:main:telegram:direct:7012345678"

CRON_CONSOLE = ['2026-05-21T18:05:00.000Z [cron] cron run finished: jobId=j1 status=error '
                'error="LLM request timed out." durationMs=60000']
CRON_JSONL = ['{"ts":1779386700000,"jobId":"j1","action":"finished","status":"error","error":"LLM request timed out.",'
              '"runAtMs":1779386640000,"durationMs":60000}']
HOOK_TEXT = "hook agent run completed runId=r1 status=error summary=LLM request timed out."
HOOK_CONSOLE = [f"2026-05-21T18:00:00.000Z [gateway/hooks] {HOOK_TEXT}"]
HOOK_JSONL = [tslog_line("2026-05-21T18:00:00.000Z", "gateway/hooks", HOOK_TEXT, "WARN")]
OLD_WORDS = "nothing after it shows the fault cleared"


def _analysis(tmp_path: Path, lines: list[str], suffix: str = ".log") -> Analysis:
    log = tmp_path / f"openclaw-2026-05-21{suffix}"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return analyze_paths([str(log)])


def _only(analysis: Analysis) -> Incident:
    assert len(analysis.incidents) == 1
    return analysis.incidents[0]


def _rendered(analysis: Analysis, fmt: str) -> str:
    return render(fmt, analysis, RenderOptions(color=False, display_zone=UTC))


@pytest.mark.parametrize(("lines", "suffix"), [
    pytest.param(CRON_CONSOLE, ".log", id="cron-console"),
    pytest.param(CRON_JSONL, ".jsonl", id="cron-jsonl"),
    pytest.param(HOOK_CONSOLE, ".log", id="hook-console"),
    pytest.param(HOOK_JSONL, ".jsonl", id="hook-jsonl"),
])
def test_a_fault_read_from_its_runs_terminal_record_says_the_run_ended(tmp_path: Path, lines: list[str],
                                                                         suffix: str) -> None:
    analysis = _analysis(tmp_path, lines, suffix)
    incident = _only(analysis)
    # the same finding as before: RC01, a warning at medium confidence, a fault signal alone
    assert incident.primary is not None and incident.primary.rule.id == "RC01"
    assert incident.severity is Severity.WARNING and incident.primary.confidence is Confidence.MEDIUM
    assert incident.origin is IncidentOrigin.SIGNAL and incident.status is IncidentStatus.FAULT_SIGNAL
    assert incident.status_reason == RUN_ENDED_ON_SIGNAL
    text = _rendered(analysis, "text")
    assert "Outcome   the run ended on this error; nothing of the run was left held" in text and OLD_WORDS not in text
    report = json.loads(_rendered(analysis, "json"))
    assert report["incidents"][0]["statusReason"] == RUN_ENDED_ON_SIGNAL
    assert report["incidents"][0]["status"] == "fault_signal"
    words = f"{RUN_ENDED_ON_SIGNAL}; opened by a fault signal alone (no stall warning)"
    markdown = _rendered(analysis, "markdown")
    assert f"- **Outcome:** {words}" in markdown and "nothing cleared it (" not in markdown
    sarif = json.loads(_rendered(analysis, "sarif"))
    result = sarif["runs"][0]["results"][0]
    assert result["properties"]["outcome"] == words and words in result["message"]["text"]
    assert f"Outcome: {words}" in _rendered(analysis, "junit")


def test_two_terminal_records_of_one_job_end_their_runs_too(tmp_path: Path) -> None:
    # a job's two run records erroring a minute apart: one incident, open to the log's end, but each run ended. Its
    # status is a fault signal, as with one record, not "still stuck" beside an outcome saying the run ended (r53)
    second = CRON_JSONL[0].replace("1779386700000", "1779386760000").replace("1779386640000", "1779386700000")
    analysis = _analysis(tmp_path, [CRON_JSONL[0], second], ".jsonl")
    incident = _only(analysis)
    assert incident.status is IncidentStatus.FAULT_SIGNAL and incident.status_reason == RUN_ENDED_ON_SIGNAL
    text = _rendered(analysis, "text")
    assert "Outcome   the run ended on this error" in text
    assert "1 incident (1 fault signal, nothing cleared it)" in text and "still stuck" not in text
    assert json.loads(_rendered(analysis, "json"))["incidents"][0]["status"] == "fault_signal"


def test_two_terminal_records_keep_their_exit_codes(tmp_path: Path) -> None:
    # the status moved from still stuck to fault signal; the exit code follows the finding's severity (a warning at a
    # minute's span), not the status: 0 under the default --fail-on error, 1 under --fail-on warning, as before
    from stuckscan.formats import exit_code
    second = CRON_JSONL[0].replace("1779386700000", "1779386760000").replace("1779386640000", "1779386700000")
    analysis = _analysis(tmp_path, [CRON_JSONL[0], second], ".jsonl")
    assert _only(analysis).severity is Severity.WARNING
    assert exit_code(analysis, Severity.ERROR) == 0 and exit_code(analysis, Severity.WARNING) == 1
    assert exit_code(analysis, None) == 0


def test_a_signal_finding_whose_run_did_not_end_is_still_stuck(tmp_path: Path) -> None:
    # a run timeout, then the same run's agent end (an attempt's end, not the run's): still stuck, in today's words
    analysis = _analysis(tmp_path, [
        f"2026-05-21T18:00:00.000Z [agent/embedded] embedded run timeout: {RUN} timeoutMs=300000",
        f"2026-05-21T18:00:00.100Z [agent/embedded] embedded run agent end: {RUN} isError=true "
        "error=LLM request timed out."])
    assert _only(analysis).status is IncidentStatus.STILL_STUCK


def test_a_run_timeout_with_no_end_after_it_keeps_its_words(tmp_path: Path) -> None:
    analysis = _analysis(tmp_path, [f"2026-05-21T18:00:00.000Z [agent/embedded] embedded run timeout: {RUN} "
                                    "timeoutMs=300000"])
    incident = _only(analysis)
    assert incident.status is IncidentStatus.FAULT_SIGNAL and incident.status_reason == OLD_WORDS
    assert f"Outcome   {OLD_WORDS}" in _rendered(analysis, "text")
    assert f"fault signal, nothing cleared it ({OLD_WORDS})" in _rendered(analysis, "markdown")


def test_an_agent_end_closes_an_attempt_not_its_run(tmp_path: Path) -> None:
    # the run loop may retry or fail over after an agent end: it is not the run's last line
    analysis = _analysis(tmp_path, [f"2026-05-21T18:00:00.000Z [agent/embedded] embedded run agent end: {RUN} "
                                    "isError=true error=LLM request timed out."])
    assert _only(analysis).status_reason == OLD_WORDS
    timed_out = _analysis(tmp_path, [
        f"2026-05-21T18:00:00.000Z [agent/embedded] embedded run timeout: {RUN} timeoutMs=300000",
        f"2026-05-21T18:00:00.100Z [agent/embedded] embedded run agent end: {RUN} isError=true "
        "error=LLM request timed out."])
    assert _only(timed_out).status_reason != RUN_ENDED_ON_SIGNAL
    assert f"Outcome   {OLD_WORDS} before the log ends" in _rendered(timed_out, "text")


def test_a_terminal_record_followed_by_a_line_of_its_session_still_held_keeps_its_words(tmp_path: Path) -> None:
    # the hook's summary, then the same run timing out again: its last line does not end it
    analysis = _analysis(tmp_path, [
        f"2026-05-21T18:00:00.000Z [gateway/hooks] hook agent run completed {RUN} status=error "
        "summary=LLM request timed out.",
        f"2026-05-21T18:00:00.100Z [agent/embedded] embedded run agent end: {RUN} isError=true "
        "error=LLM request timed out."])
    held = [incident for incident in analysis.incidents if incident.timeline[-1].kind == "embedded.agent_end"]
    assert len(held) == 1 and held[0].status_reason != RUN_ENDED_ON_SIGNAL
    assert f"Outcome   {OLD_WORDS} before the log ends" in _rendered(analysis, "text")


def test_a_stall_warnings_incident_keeps_its_outcome(tmp_path: Path) -> None:
    def stalled(clock: str, age: int) -> str:
        return (f"2026-05-21T{clock}.000Z [diagnostic] stalled session: sessionId={SID} sessionKey={KEY} "
                f"state=processing age={age}s queueDepth=1 reason=active_work_without_progress "
                "classification=stalled_agent_run activeWorkKind=embedded_run lastProgress=model_call:started "
                f"lastProgressAge={age}s recovery=checking")
    held = _analysis(tmp_path, [stalled("18:02:00", 120), stalled("18:04:00", 240)])
    incident = _only(held)
    assert incident.origin is IncidentOrigin.STALL and incident.status is IncidentStatus.STILL_STUCK
    assert incident.status_reason != RUN_ENDED_ON_SIGNAL
    assert "Outcome   still stuck when the log ends" in _rendered(held, "text")
    # a run's end after the warnings: resolved, in the stall's own words
    done = _analysis(tmp_path, [stalled("18:02:00", 120), stalled("18:04:00", 240),
                                f"2026-05-21T18:05:00.000Z [agent/embedded] embedded run done: {RUN} "
                                "durationMs=300000 aborted=false"])
    assert all(incident.status_reason != RUN_ENDED_ON_SIGNAL for incident in done.incidents)
    assert "the run ended on this error" not in _rendered(done, "text")


def test_a_run_that_ended_on_a_lock_timeout_says_nothing_of_the_locks_holder(tmp_path: Path) -> None:
    # the run gave up waiting on a session lock another holder kept: the run is over, the lock may not be released
    record = ('{"ts":1780545891820,"jobId":"j2","action":"finished","status":"error","error":"SessionWriteLockTimeoutError: '
              'session file locked (timeout 60000ms): pid=17606 /root/.openclaw/agents/main/sessions/'
              '6eda55dc-6d70-43df-b019-e5067b5fb047.jsonl.lock","runAtMs":1780545831000,"durationMs":60820}')
    analysis = _analysis(tmp_path, [record], ".jsonl")
    incident = _only(analysis)
    assert incident.primary is not None and incident.primary.rule.id == "RC08"
    assert incident.status_reason == RUN_ENDED_ON_SIGNAL
    text = _rendered(analysis, "text")
    assert "Outcome   the run ended on this error; nothing of the run was left held" in text
    assert "nothing was left held" not in text
