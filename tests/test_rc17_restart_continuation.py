"""RC17 reads a restart request that lost its continuation (src/infra/restart.ts): the restarted gateway will not wake
the session that asked for the restart."""

from __future__ import annotations

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseStats, parse_text_lines
from tests.conftest import tslog_line

KEY = "agent:main:telegram:direct:42"
DROPPED = (f"restart continuation dropped: another session owns the pending restart (callerSessionKey={KEY} "
           "pendingSessionKey=agent:main:main)")
PREP_FAILED = "restart preparation failed; restart will continue without it: Error: EACCES: permission denied"


def analyze(*lines: str):
    return analyze_events(parse_text_lines(list(lines)), ParseStats())


def findings(*lines: str):
    analysis = analyze(*lines)
    return [f.primary for f in (*analysis.incidents, *analysis.episodes) if f.primary is not None]


def test_a_lost_restart_continuation_alone_is_a_low_restart_interrupted_run() -> None:
    (finding,) = findings(tslog_line("2026-06-02T08:00:00.000Z", "restart", PREP_FAILED, "WARN"))
    assert finding.rule.id == "RC17" and finding.confidence.value == "low"
    assert "will not wake" in finding.summary


def test_a_lost_continuation_after_a_restart_marker_with_a_stall_is_more_than_low() -> None:
    lines = (tslog_line("2026-06-02T08:00:00.000Z", "restart", PREP_FAILED, "WARN"),
             tslog_line("2026-06-02T08:00:01.000Z", "gateway", "signal SIGUSR1 received", "INFO"),
             tslog_line("2026-06-02T08:03:00.000Z", "diagnostic",
                        f"stalled session: sessionId=s1 sessionKey={KEY} state=processing age=170s queueDepth=1 "
                        "reason=active_work_without_progress classification=stalled_agent_run "
                        "activeWorkKind=embedded_run lastProgress=embedded_run:started lastProgressAge=170s "
                        "recovery=none", "WARN"))
    # (the line names the asking session only as callerSessionKey, which no identity reads: it stands apart from the
    # session's stall, and the restart marker beside it lifts it above low)
    causes = {f.rule.id: f.confidence.value for f in findings(*lines)}
    assert causes.get("RC17") == "medium" and causes.get("RC01") == "medium"


def test_a_restart_line_that_lost_nothing_is_no_finding() -> None:
    # (look-alikes: a continuation the restart kept, in words no family reads as lost)
    for text in ("restart continuation scheduled for agent:main:main", "restart preparation complete"):
        assert findings(tslog_line("2026-06-02T08:00:00.000Z", "restart", text, "INFO")) == [], text


def test_two_sessions_asking_for_a_restart_at_once_is_no_finding() -> None:
    # src/infra/restart.ts: a second session's request folded into the pending restart another session owns drops only
    # the caller's continuation (#86742); the restart goes ahead and no run is cut. An info-level log: both requests,
    # the drop, the restart and the gateway back up (was RC17 medium, a warning; alone, or with the log cut after it,
    # RC17 low, a warning)
    t = "2026-06-02T08:00:"
    restart = (tslog_line(t + "06.000Z", "gateway", "signal SIGUSR1 received", "INFO"),
               tslog_line(t + "06.100Z", "gateway", "received SIGUSR1; restarting", "INFO"),
               tslog_line(t + "06.200Z", "gateway", "draining 0 active task(s) and 0 active embedded run(s) before "
                          "restart (timeout 30000ms)", "INFO"),
               tslog_line(t + "06.300Z", "gateway", "all active work drained", "INFO"),
               tslog_line(t + "07.000Z", "gateway", "agent model: anthropic/claude-sonnet-4-6", "INFO"),
               tslog_line(t + "09.000Z", "gateway", "ready (3 plugins: memory-core, telegram, whatsapp; 2.2s)", "INFO"))
    drop = tslog_line(t + "05.000Z", "restart", DROPPED, "WARN")
    assert findings(drop, *restart) == []
    assert findings(drop) == []
    # the line is read (the unexplained count does not take it), and the hook that failed stays a lost continuation
    assert not analyze(drop, *restart).unexplained.count
    assert [f.rule.id for f in findings(tslog_line(t + "05.000Z", "restart", PREP_FAILED, "WARN"), *restart)] == ["RC17"]
