"""w56: the newest wordings of the restart recoveries, the restart sentinel, the reply runner's compaction give-up and
the channel health monitor (fourth round of the source audit of the newest core templates).

- src/auto-reply/reply/agent-runner-execution.ts: ``Auto-compaction failed (<message>). Preserving existing session
  mapping for <key>.`` (error), the log line of the turn whose "auto-compaction could not recover this turn" reply is
  already read as compaction.failed; a message in the words of a timeout stays compaction.timeout.
- src/agents/subagent-orphan-recovery.ts (subsystem subagent-interrupted-resume): the info skips of a child whose
  resume is in flight or done, the adoption of a late-accepted resume, the retry line that counts deferred children.
- src/agents/main-session-restart-recovery.ts (+ main-session-restart-dispatch.ts): the new ways a pass fails a
  session (transcript unreadable, store unreadable, notice not written) and the settled resume.
- src/gateway/server-restart-sentinel.ts: the continuation dropped for want of a session key.
- src/gateway/channel-health-monitor.ts: the skips of terminal/blocked/suppressed accounts, the monitor's own failures.
"""

from __future__ import annotations

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseStats, parse_text_lines

KEY = "agent:main:main"
CHILD = "agent:main:subagent:5b1d"


def _timed(clock: str, tag: str, text: str) -> str:
    return f"2026-11-20T{clock}+00:00 [{tag}] {text}"


def _events(*lines: str):
    return parse_text_lines(list(lines))


def _one(line: str):
    events = _events(line)
    assert len(events) == 1
    return events[0]


def _incidents(*lines: str):
    return analyze_events(parse_text_lines(list(lines)), ParseStats()).incidents


def _primaries(*lines: str) -> list[str]:
    return [i.primary.rule.id for i in _incidents(*lines) if i.primary is not None]


# -- the reply runner's compaction give-up ---------------------------------------------------------------------------

OVERFLOW_GIVE_UP = ("Auto-compaction failed (Context overflow: prompt too large for the model (precheck).). "
                    f"Preserving existing session mapping for {KEY}.")


def test_auto_compaction_give_up_with_an_overflow_message_is_a_failed_compaction() -> None:
    event = _one(_timed("10:00:00.000", "gateway", OVERFLOW_GIVE_UP))
    assert event.kind == "compaction.failed"
    assert event.fields["error"] == "Context overflow: prompt too large for the model (precheck)."
    assert event.fields["sessionKey"] == KEY
    assert _primaries(_timed("10:00:00.000", "gateway", OVERFLOW_GIVE_UP)) == ["RC16"]


def test_auto_compaction_give_up_reads_as_its_reply_does() -> None:
    # (the same turn's reply, pasted from the chat, was read so before; the log line now agrees with it)
    reply = "Context is too large and auto-compaction could not recover this turn. Try again, use /compact, or use /new."
    assert _primaries(_timed("10:00:00.000", "gateway", reply)) == ["RC16"]


def test_auto_compaction_give_up_variants() -> None:
    summarising = _one(_timed("10:00:00.000", "gateway", "Auto-compaction failed (Summarization failed: 400 prompt is "
                                                         f"too long). Preserving existing session mapping for {KEY}."))
    assert summarising.kind == "compaction.failed"
    assert summarising.fields["error"] == "Summarization failed: 400 prompt is too long"
    timed_out = _one(_timed("10:00:00.000", "gateway",
                            f"Auto-compaction failed (Compaction timed out). Preserving existing session mapping for {KEY}."))
    assert timed_out.kind == "compaction.timeout"
    by_id = _one(_timed("10:00:00.000", "gateway", "Auto-compaction failed (Context overflow: prompt too large for the "
                                                   "model.). Preserving existing session mapping for "
                                                   "5f0c1d2e-aaaa-bbbb-cccc-111122223333."))
    assert by_id.fields["sessionId"] == "5f0c1d2e-aaaa-bbbb-cccc-111122223333"
    assert "sessionKey" not in by_id.fields
    cut = _one(_timed("10:00:00.000", "agent/embedded", "Auto-compaction failed (Context overflow: prompt too large for "
                                                        "the model (precheck).). Preserving existing session mapping..."))
    assert cut.kind == "compaction.failed"
    # (the older builds' unhandled wording still reads)
    old = _one(_timed("10:00:00.000", "agent/embedded", "Auto-compaction failed (unhandled): 400 prompt is too long"))
    assert old.kind == "compaction.failed"
    assert old.fields["error"] == "400 prompt is too long"


# -- the subagent orphan recovery --------------------------------------------------------------------------------------

TAG_SUB = "subagent-interrupted-resume"


def test_skips_of_a_resume_in_flight_or_done_are_no_failure() -> None:
    in_flight = _timed("10:00:05.000", TAG_SUB, f"skipping orphan recovery for {CHILD}: resume already in progress")
    done = _timed("10:00:05.100", TAG_SUB, f"skipping orphan recovery for {CHILD}: already resumed")
    assert _one(in_flight).fields["reason"] == "resume already in progress"
    assert _one(done).level == "info"
    assert _incidents(in_flight, done) == []


def test_a_skip_the_recovery_gate_refused_stays_a_failure() -> None:
    refused = _timed("10:00:05.000", TAG_SUB, f"skipping orphan recovery for {CHILD}: automatic recovery attempts "
                                              "exhausted (3/3)")
    assert _primaries(refused) == ["RC17"]


def test_a_late_accepted_resume_heals_the_found_orphan() -> None:
    found = _timed("10:00:05.000", TAG_SUB, f"found orphaned subagent session: {CHILD} (run=r-old)")
    adopted = _timed("10:00:15.000", TAG_SUB, f"adopted late-accepted resume of {CHILD}: run=r-new")
    assert (_one(adopted).fields["sessionKey"], _one(adopted).fields["runId"]) == (CHILD, "r-new")
    assert _primaries(found) == ["RC17"]
    assert _incidents(found, adopted) == []


def test_the_retry_line_that_counts_deferred_children() -> None:
    new = _one(_timed("10:00:05.000", TAG_SUB, "orphan recovery had 0 failure(s) and 1 deferred; retrying in 10000ms "
                                               "(attempt 2/3)"))
    assert new.kind == "restart.recovery"
    assert (new.fields["failed"], new.fields["deferred"], new.fields["retryMs"]) == (0, 1, 10000)
    old = _one(_timed("10:00:05.000", "subagent-orphan-recovery",
                      "orphan recovery had 1 failure(s); retrying in 10000ms (attempt 2/3)"))
    assert (old.fields["failed"], old.fields["attempt"], old.fields["maxAttempts"]) == (1, 2, 3)


# -- the main-session restart recovery ----------------------------------------------------------------------------------

TAG_MAIN = "main-session-restart-recovery"


def test_newest_ways_a_pass_fails_a_session_are_read_as_failed_resumes() -> None:
    unreadable = _timed("10:00:05.000", TAG_MAIN, f"failed to read transcript for {KEY}: Error: ENOENT: no such file")
    notice = _timed("10:00:05.000", TAG_MAIN, f"failed to write interrupted main session notice {KEY}: session changed")
    store = _timed("10:00:05.000", TAG_MAIN, "failed to load session store /srv/oc/agents/main/sessions/sessions.json: "
                                             "Error: EACCES")
    assert _one(unreadable).fields["sessionKey"] == KEY
    assert _one(notice).fields["error"] == "session changed"
    assert _one(store).fields["storePath"] == "/srv/oc/agents/main/sessions/sessions.json"
    for line in (unreadable, notice, store):
        assert _primaries(line) == ["RC17"], line
    old = _timed("10:00:05.000", TAG_MAIN, f"failed to resume interrupted main session {KEY}: Error: gateway timeout")
    assert _primaries(old) == ["RC17"]


def test_a_settled_resume_heals_the_failed_pass_as_a_resume_does() -> None:
    unreadable = _timed("10:00:05.000", TAG_MAIN, f"failed to read transcript for {KEY}: Error: EBUSY")
    settled = _timed("10:00:15.000", TAG_MAIN, f"settled completed restart recovery for {KEY}")
    resumed = _timed("10:00:15.000", TAG_MAIN, f"resumed interrupted main session: {KEY}")
    assert _incidents(unreadable, settled) == []
    assert _incidents(unreadable, resumed) == []
    # (a settle of another session heals nothing)
    other = _timed("10:00:15.000", TAG_MAIN, "settled completed restart recovery for agent:main:other")
    assert _primaries(unreadable, other) == ["RC17"]


# -- the restart sentinel -----------------------------------------------------------------------------------------------


def test_a_continuation_skipped_for_want_of_a_session_key_is_a_lost_continuation() -> None:
    line = _timed("10:00:05.000", "gateway/restart-sentinel", "Gateway restart restart ok (gateway.restart): "
                                                              "continuation skipped: restart sentinel sessionKey "
                                                              "unavailable")
    event = _one(line)
    assert event.kind == "restart.continuation_lost"
    assert event.fields["stage"] == "continuation skipped"
    old = _timed("10:00:05.000", "restart", "restart preparation failed; restart will continue without it: Error: x")
    assert _primaries(line) == _primaries(old)


# -- the channel health monitor -----------------------------------------------------------------------------------------

TAG_HM = "gateway/health-monitor"


def test_newest_monitor_skips_and_failures() -> None:
    skipped = _one(_timed("10:05:00.000", TAG_HM, "[discord:default] health-monitor: skipping restart, blocked"))
    assert skipped.kind == "health.restart_skipped"
    assert (skipped.fields["channel"], skipped.fields["reason"]) == ("discord", "blocked")
    suppressed = _one(_timed("10:05:00.000", TAG_HM, "[whatsapp:default] health-monitor: channel autostart suppressed; "
                                                     "treating as expected stopped"))
    assert (suppressed.kind, suppressed.fields["reason"]) == ("health.restart_skipped", "autostart suppressed")
    handoff = _one(_timed("10:05:00.000", TAG_HM, "health-monitor handoff exceeded 5000ms; abandoning delayed restart"))
    assert (handoff.kind, handoff.fields["timeoutMs"]) == ("health.check_failed", 5000)
    failed = _one(_timed("10:05:00.000", TAG_HM, "health-monitor: check failed: TypeError: x"))
    assert (failed.kind, failed.level) == ("health.check_failed", "error")


def test_restart_reasons_newest_and_with_a_consecutive_count() -> None:
    newest = _one(_timed("10:05:00.000", TAG_HM, "[telegram:default] health-monitor: restarting (reason: "
                                                 "ingress-unavailable)"))
    assert (newest.kind, newest.fields["reason"]) == ("health.restart", "ingress-unavailable")
    counted = _one(_timed("10:05:00.000", TAG_HM, "[slack:default] health-monitor: restarting (reason: stale-socket, "
                                                  "consecutive: 3)"))
    assert (counted.fields["reason"], counted.fields["consecutive"]) == ("stale-socket", 3)
    old = _one(_timed("10:05:00.000", TAG_HM, "[slack:default] health-monitor: restarting (reason: stale-socket)"))
    assert old.fields["reason"] == "stale-socket"
    assert "consecutive" not in old.fields


def test_a_quiet_monitor_pass_stays_quiet() -> None:
    lines = [
        _timed("10:00:00.000", TAG_HM, "started (interval: 300s, startup-grace: 60s, channel-connect-grace: 120s)"),
        _timed("10:05:00.000", TAG_HM, "[whatsapp:default] health-monitor: channel autostart suppressed; treating as "
                                       "expected stopped"),
        _timed("10:10:00.000", TAG_HM, "[discord:default] health-monitor: skipping restart, blocked"),
    ]
    assert _incidents(*lines) == []
    # (f60: a terminal-disconnect skip is a channel down for good, RC18; tests/test_rc18_terminal_skip_and_login.py)


# -- h54 review: a child another scan resumed --------------------------------------------------------------------------

def _orphan_lines(*tail: str) -> list[str]:
    tag = "subagent-interrupted-resume"
    return [_timed("10:00:00.000", "gateway", "received SIGUSR1; restarting"),
            _timed("10:00:03.000", "gateway", "listening on ws://127.0.0.1:18789 (PID 4242)"),
            _timed("10:00:04.000", tag, f"found orphaned subagent session: {CHILD} (run=r-77)"),
            _timed("10:00:04.100", tag, f"skipping orphan recovery for {CHILD}: resume already in progress"),
            _timed("10:00:04.200", tag, "orphan recovery had 0 failure(s) and 1 deferred; retrying in 5000ms "
                                        "(attempt 1/3)"),
            *(_timed("10:00:09.300", tag, line) for line in tail)]


def test_a_child_skipped_as_already_resumed_was_resumed() -> None:
    # (the retry finds the child another scan resumed: the restart cost nothing, as "resumed orphaned session" says)
    lines = _orphan_lines(f"skipping orphan recovery for {CHILD}: already resumed",
                          "orphan recovery complete: recovered=0 failed=0 skipped=1")
    assert _incidents(*lines) == []


def test_a_child_whose_resume_was_only_in_progress_stays_interrupted() -> None:
    # (deferred, and nothing after it says the resume happened)
    assert _primaries(*_orphan_lines()) == ["RC17"]
