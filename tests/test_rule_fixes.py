"""Fixes are chosen by the evidence: each fix carries the condition under which it applies."""

from __future__ import annotations

from pathlib import Path

import pytest

from stuckscan.analysis import analyze_paths
from stuckscan.model import Finding
from stuckscan.rules import RULES
from stuckscan.rules.catalog import RULE_MODULES

SAMPLES = Path(__file__).resolve().parent.parent / "sample_logs"


def _findings(path: Path, rule_id: str) -> list[Finding]:
    analysis = analyze_paths([str(path)])
    return [f for f in analysis.findings() if f.rule.id == rule_id]


def test_an_exec_stall_gets_only_the_exec_tool_advice() -> None:
    [finding] = _findings(SAMPLES / "rules" / "RC03-blocked-tool-call.log", "RC03")
    assert any(fix.startswith("exec/bash:") for fix in finding.fixes)
    assert not any(fix.startswith(("browser:", "approval-gated", "Codex:")) for fix in finding.fixes)


def test_a_lock_the_gateway_already_removed_is_not_to_be_deleted_by_hand() -> None:
    findings = _findings(SAMPLES / "openclaw-2026-05-21.log", "RC09")
    assert findings
    for finding in findings:
        assert not any("Delete `~/.openclaw" in fix for fix in finding.fixes)
        assert any("why the previous gateway process died" in fix for fix in finding.fixes)


def test_a_dead_pid_lock_still_failing_requests_gets_the_delete_advice() -> None:
    [finding, *_] = _findings(SAMPLES / "rules" / "RC09-dead-pid-lock.log", "RC09")
    assert any("Delete `~/.openclaw" in fix for fix in finding.fixes)


def test_notes_that_are_not_actions_are_not_fixes() -> None:
    for rule in RULES.values():
        assert not any("not configurable" in fix for fix in rule.fixes), rule.id
    assert any("not configurable" in note for note in RULES["RC14"].notes)


@pytest.mark.parametrize("module", RULE_MODULES, ids=lambda m: m.RULE.id)
def test_each_rule_module_holds_its_rule_and_detector(module: object) -> None:
    rule = module.RULE  # type: ignore[attr-defined]
    assert module.__name__.rsplit(".", 1)[1] == f"{rule.id.lower()}_{rule.slug.replace('-', '_')}"
    assert callable(module.detect)  # type: ignore[attr-defined]
    for fix in rule.actions:
        assert (fix.when is None) == (not fix.condition), f"{rule.id}: say when '{fix.text}' applies"


# --- RC12: one liveness pause, a database lock beside a thaw, liveness figures summarised in rows ----------------


def _primary(*lines: str) -> str | None:
    from stuckscan.analysis import analyze_events
    from stuckscan.parser import ParseStats, parse_text_lines

    analysis = analyze_events(parse_text_lines(list(lines)), ParseStats())
    findings = [*analysis.incidents, *analysis.episodes]
    return findings[0].primary.rule.id if findings and findings[0].primary else None


SPIKE = "[diagnostic] liveness warning: reasons=event_loop_delay interval=30s eventLoopDelayMaxMs=4137.7 {loads}"


def test_one_pause_of_seconds_whose_sample_does_not_show_an_idle_loop_is_starvation() -> None:
    # Policies "liveness and host-timing lines alone" and "brief liveness samples beside answered work": from 2000 ms
    # up a liveness warning is RC12 unless its sample shows utilisation and CPU both below 0.8.
    assert _primary(SPIKE.format(loads="cpuCoreRatio=0.585")) == "RC12"  # no utilisation stated
    assert _primary(SPIKE.format(loads="eventLoopUtilization=0.85 cpuCoreRatio=0.4")) == "RC12"


def test_one_pause_on_a_sample_that_shows_an_idle_loop_stays_unread() -> None:
    # The boundary: both figures stated and low, one pause under 10 s is a GC or one sync call.
    assert _primary(SPIKE.format(loads="eventLoopUtilization=0.31 cpuCoreRatio=0.585")) is None
    assert _primary(SPIKE.format(loads="cpuCoreRatio=0.585").replace("4137.7", "1795")) is None  # under 2 s


def _calm_sample(at: str, p99: str, peak: str, loads: str = "eventLoopUtilization=0.72 cpuCoreRatio=0.49") -> str:
    return (f"2026-06-21T06:{at}.000Z [diagnostic] liveness warning: reasons=event_loop_delay interval=31s "
            f"eventLoopDelayP99Ms={p99} eventLoopDelayMaxMs={peak} {loads} active=1 waiting=0 queued=0")


RUN_ENDS = ("2026-06-21T06:15:30.000Z [agent/embedded] embedded run agent end: runId=r-1 isError=false",
            "2026-06-21T06:16:05.000Z [diagnostic] lane task done: lane=session:agent:main:main durationMs=44000")


def test_brief_calm_samples_beside_work_answered_are_no_starvation() -> None:
    # Policy "brief liveness samples beside answered work": two calm samples under 10 s, their p99 over a second
    # (one multi-second pause lifts it), with a run ending and its lane task done after them, held nothing up.
    first, second = _calm_sample("15:21", "1293.9", "5897.2"), _calm_sample("15:52", "2279.6", "4487.9")
    assert _primary(first, RUN_ENDS[0], second, RUN_ENDS[1]) is None


def test_calm_samples_with_no_work_answered_or_a_busy_sample_stay_starvation() -> None:
    # The boundary: a calm sample beside only listings answered in seconds (f924's shape) is RC12, and so are the
    # same samples beside answered work when one is not calm or reaches ten seconds.
    listing = "2026-06-21T06:15:10.000Z [ws] ⇄ res ✓ sessions.list 4099ms conn=d6cb88c8…4c67 id=a7436c0f…c076"
    assert _primary(listing, _calm_sample("15:21", "1009.8", "8501.9")) == "RC12"
    first = _calm_sample("15:21", "1293.9", "5897.2")
    assert _primary(first, RUN_ENDS[0], _calm_sample("15:52", "2279.6", "4487.9", "eventLoopUtilization=0.93 "
                                                    "cpuCoreRatio=0.49"), RUN_ENDS[1]) == "RC12"
    assert _primary(first, RUN_ENDS[0], _calm_sample("15:52", "2279.6", "10487.9"), RUN_ENDS[1]) == "RC12"


FAILED_WORK = (
    "2026-06-21T06:15:30.000Z [agent/embedded] embedded run agent end: runId=r-1 isError=true "
    "error=\"TypeError: Cannot read properties of undefined (reading 'content')\"",
    "2026-06-21T06:15:30.000Z [agent/embedded] embedded run agent end: runId=r-1 isError=false aborted=true",
    "2026-06-21T06:15:30.000Z [agent/embedded] embedded run agent end: runId=r-1 isError=false "
    "error=\"LLM request timed out.\"",
    "2026-06-21T06:15:30.000Z [diagnostic] message processed: sessionId=s1 sessionKey=agent:main:main outcome=error "
    "duration=1400ms error=\"boom\"",
    "2026-06-21T06:15:30.000Z [diagnostic] message processed: sessionId=s1 sessionKey=agent:main:main outcome=failed "
    "duration=1400ms",
)


def _episode_rule(*lines: str) -> str | None:
    """The primary rule of the first gateway episode (a timed-out run is also an incident of its own: RC01)."""
    from stuckscan.analysis import analyze_events
    from stuckscan.parser import ParseStats, parse_text_lines

    episodes = analyze_events(parse_text_lines(list(lines)), ParseStats()).episodes
    return episodes[0].primary.rule.id if episodes and episodes[0].primary else None


def test_calm_samples_beside_only_failed_work_stay_starvation() -> None:
    # Policy "brief liveness samples beside answered work": work that ended well. A run that ended on an error of its
    # own, was aborted or timed out, or a message processed with an error outcome, is no work answered.
    first, second = _calm_sample("15:21", "1293.9", "5897.2"), _calm_sample("15:52", "2279.6", "4487.9")
    for failed in FAILED_WORK:
        assert _episode_rule(first, failed, second) == "RC12", failed
    # The boundary: the same lines ending well are answered work, and so is a run the provider refused at once (a
    # rate limit, a 401: f4557's four agent ends): the loop carried its answer back and ended the run.
    assert _primary(first, FAILED_WORK[0].replace("isError=true", "isError=false"), second) is None
    for refusal in ("401 Unauthorized", "⚠️ API rate limit reached. Please try again later."):
        assert _primary(first, FAILED_WORK[0].split(" error=")[0] + f' error="{refusal}"', second) is None
    assert _primary(first, FAILED_WORK[3].replace("outcome=error", "outcome=completed"), second) is None


def test_answered_work_counts_only_after_the_first_sample_and_within_an_episode_gap_of_the_last() -> None:
    # answered_after is measured from the episode's first trouble line (here the first sample) and holds within an
    # episode gap (5 min) of its last one.
    first, second = _calm_sample("15:21", "1293.9", "5897.2"), _calm_sample("15:52", "2279.6", "4487.9")
    end = "2026-06-21T06:{at}.000Z [agent/embedded] embedded run agent end: runId=r-1 isError=false"
    assert _primary(end.format(at="15:00"), first, second) == "RC12"  # before the first sample
    assert _primary(first, second, end.format(at="20:50")) is None  # 4 min 58 s after the last
    assert _primary(first, second, end.format(at="20:53")) == "RC12"  # 5 min 1 s after: another stretch's work


GAP = "host timing gap detected: process was frozen ~63915ms; restarting channels when idle and refreshing health"
BUSY = "session transcript reconcile failed agent=main error=database is locked"


def test_a_thaw_beside_sqlite_database_is_locked_failures_is_starvation() -> None:
    # Policy "one host timing gap line": synchronous database work holding the gateway around the gap makes it RC12.
    assert _primary(f"[health] {GAP}", f"[sessions] {BUSY}") == "RC12"
    assert _primary(f"- event loop frozen 45-90 s (`{GAP}`)", f"- Same window: repeated `{BUSY}`") == "RC12"


def test_a_thaw_alone_or_a_database_lock_alone_stays_no_fault() -> None:
    assert _primary(f"[health] {GAP}") is None
    assert _primary(f"[sessions] {BUSY}") is None


def test_a_summary_row_of_a_liveness_field_is_read_as_that_figure() -> None:
    from stuckscan.parser import parse_text_lines

    (row,) = parse_text_lines(["eventLoopDelayMaxMs:    4,234 ms  →  25,534 ms  (varied by restart)"])
    assert row.kind == "liveness.warning" and row.fields["eventLoopDelayMaxMs"] == 25534
    (ratio,) = parse_text_lines(["eventLoopUtilization:   0.86 – 1.0"])
    assert ratio.kind == "liveness.warning" and ratio.fields["eventLoopUtilization"] == 1
    assert _primary("eventLoopDelayMaxMs:    4,234 ms  →  25,534 ms", "eventLoopUtilization:   0.86 – 1.0") == "RC12"


def test_rows_that_are_not_a_liveness_figure_stay_prose() -> None:
    # The boundary: another field, a figure in words, or a row with more than the figure after it.
    from stuckscan.parser import parse_text_lines

    for text in ("openclaw node process:  80 – 106 % CPU", "eventLoopDelayMaxMs: about twenty seconds",
                 "eventLoopDelayMaxMs: 4234 ms then the gateway restarted", "load average: 1.5 – 2.5"):
        (event,) = parse_text_lines([text])
        assert event.kind == "generic", text


def _scan_text(tmp_path: Path, text: str) -> list[str]:
    log = tmp_path / "openclaw-2026-09-09.log"
    log.write_text(text, encoding="utf-8")
    return [f.rule.id for f in analyze_paths([str(log)]).findings()]


def test_a_table_row_dates_a_stall_warning_named_by_its_header(tmp_path: Path) -> None:
    rows = ("| # | first `stalled session` warning | frozen marker |\n"
            "|---|---|---|\n"
            "| 1 | 09:30:19 (`lastProgressAge=127s`) | `tool:Bash:started`, `activeToolAge=127s` |\n")
    assert "RC03" in _scan_text(tmp_path, rows)


def test_a_table_column_of_abort_times_is_a_dated_event_not_a_missing_recovery(tmp_path: Path) -> None:
    # Each row's abort cell is its own dated event: the rows are separate stalls, each aborted, not one session
    # stuck for eleven hours with nothing trying to recover it.
    rows = ("| # | first `stalled session` warning | abort | run age at abort | frozen marker |\n"
            "|---|---|---|---|---|\n"
            "| 1 | 05:30:19 (`lastProgressAge=127s`) | 05:58:19 | 3328 s | `tool:Bash:started`, `activeToolAge=127s` |\n"
            "| 2 | 16:27:27 (`lastProgressAge=149s`) | 16:40:28 | 1487 s | `tool:Edit:started`, `activeToolAge=149s` |\n")
    found = _scan_text(tmp_path, rows)
    assert "RC03" in found and "RC07" not in found


def test_a_stall_warning_with_a_young_active_tool_is_not_a_blocked_tool(tmp_path: Path) -> None:
    rows = ("| # | first `stalled session` warning | frozen marker |\n"
            "|---|---|---|\n"
            "| 1 | 09:30:19 (`lastProgressAge=127s`) | `activeToolAge=20s` |\n")
    assert "RC03" not in _scan_text(tmp_path, rows)


# --- a lone admission refusal: a task turned away at once, read short of a stall (no undetermined incident) ------------

REFUSALS = (
    "2026-11-02T10:00:00.000+00:00 [agent/embedded] GatewayDrainingError: Gateway is draining for restart; new tasks "
    "are not accepted",
    "2026-11-02T10:00:00.000+00:00 [agent/embedded] GatewayDrainingError: Gateway is draining; new tasks are not accepted",
    '2026-11-02T10:00:00.000+00:00 [agent/embedded] Session "agent:main:main" changed while starting work. Retry.',
)


def _analysis(*lines: str):  # noqa: ANN202
    from stuckscan.analysis import analyze_events
    from stuckscan.parser import ParseStats, parse_text_lines

    return analyze_events(parse_text_lines(list(lines)), ParseStats())


@pytest.mark.parametrize("line", REFUSALS, ids=("for-restart", "bare", "work-start"))
def test_a_lone_admission_refusal_opens_no_incident_and_is_read_short_of_a_stall(line: str) -> None:
    # policies "work refused by a restart drain", "draining refusal that names no restart", "work-start refusal and its
    # channel report": the task never started, so nothing stalled and no run was cut
    analysis = _analysis(line)
    assert not analysis.incidents and not analysis.episodes
    assert analysis.judged.count == 1 and not analysis.unexplained.count


RESTART_SIGNAL = "2026-11-02T09:59:59.000+00:00 [gateway] signal SIGUSR1 received; restarting"


@pytest.mark.parametrize("line", REFUSALS, ids=("for-restart", "bare", "work-start"))
def test_an_admission_refusal_soon_after_a_restart_marker_with_nothing_cut_is_read_as_the_lone_refusal(line: str) -> None:
    # policy "work refused by a restart drain": a refusal a second after the marker, with no run the restart cut, is
    # one task turned away at once; RC17 declines it, so it opens no incident (no "cause undetermined" left behind)
    analysis = _analysis(RESTART_SIGNAL, line)
    assert not analysis.incidents and not analysis.episodes
    assert analysis.judged.count == 1 and not analysis.unexplained.count


@pytest.mark.parametrize("line", REFUSALS[::2], ids=("for-restart", "work-start"))
def test_an_admission_refusal_after_a_restart_marker_still_opens_an_incident_when_the_restart_cut_work(line: str) -> None:
    # the boundary: after a marker that closed admission, RC17 reads whether the restart cut a run
    start = ("2026-11-02T09:59:50.000+00:00 [agent/embedded] embedded run start: runId=r1 sessionId=s1 "
             "sessionKey=agent:main:main provider=openai model=gpt-5")
    if "changed while" in line:  # (the drain refusal names no session, so no run of one is tied to it)
        assert _primary(start, RESTART_SIGNAL, line) == "RC17"
    # a drain still waiting on active embedded runs when the refusal came
    drain = ("2026-11-02T09:59:59.500+00:00 [gateway] draining 1 active task(s) and 2 active embedded run(s) before "
             "restart (timeout 30000ms)")
    assert _analysis(RESTART_SIGNAL, drain, line).incidents
    # the process started again after the restart: that drain ended, and a later refusal is one task turned away
    listening = "2026-11-02T09:59:59.500+00:00 [gateway] listening on ws://127.0.0.1:18789 (PID 4242)"
    assert not _analysis(RESTART_SIGNAL, listening, line).incidents


@pytest.mark.parametrize("wording", ("draining for restart", "draining"))
def test_drain_refusals_going_on_for_minutes_after_a_restart_marker_stay_rc17(wording: str) -> None:
    # the boundary in time: refusals 2 minutes or more after the marker show the gateway stuck in its drain
    later = (f"2026-11-02T10:02:30.000+00:00 [agent/embedded] GatewayDrainingError: Gateway is {wording}; new tasks are "
             "not accepted")
    first = later.replace("10:02:30", "10:00:00")
    assert _primary(RESTART_SIGNAL, first, later) == "RC17"
    assert _primary(RESTART_SIGNAL, first, later.replace("10:02:30", "10:01:30")) is None  # (90 s: still short)
    # a marker pasted without its time: the drain counts from the first refusal after it
    assert _primary(RESTART_SIGNAL[30:], first, later) == "RC17"
    assert _primary(RESTART_SIGNAL[30:], first, later.replace("10:02:30", "10:01:30")) is None


def test_a_judged_admission_refusal_is_said_in_words_and_the_restart_recovery_refusal_is_not() -> None:
    from stuckscan.unexplained import DRAIN_REFUSAL_READING, WORK_START_REFUSAL_READING, judged_note

    drain = judged_note(_analysis(REFUSALS[0]).judged) or ""
    assert DRAIN_REFUSAL_READING in drain and "it is a task turned away" in drain
    assert WORK_START_REFUSAL_READING in (judged_note(_analysis(REFUSALS[2]).judged) or "")
    both = judged_note(_analysis(REFUSALS[0], REFUSALS[0].replace("10:00:00", "10:00:01"), REFUSALS[2]).judged) or ""
    assert f"2 of them are each {DRAIN_REFUSAL_READING}" in both and f"one of them is {WORK_START_REFUSAL_READING}" in both
    # the near-misses: the bare wording names no restart, and the restart recovery's refusal (the same kind,
    # session.work_invalidated) is RC17's mark, not a task turned away at admission
    bare = judged_note(_analysis(REFUSALS[1]).judged) or ""
    assert bare and DRAIN_REFUSAL_READING not in bare and "it is" not in bare
    from stuckscan.parser import parse_text_lines
    from stuckscan.unexplained import judged_reading

    claim = ("2026-11-02T10:00:00.000+00:00 [diagnostic] message processed: channel=discord sessionKey=agent:main:main "
             'outcome=error duration=9ms error="Error: restart recovery claim changed before agent adoption"')
    (recovery,) = parse_text_lines([claim])
    assert recovery.kind == "session.work_invalidated"
    assert judged_reading(recovery) is None
