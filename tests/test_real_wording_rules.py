"""Rules fire on lines in the form OpenClaw really logs them, not only in the console form.

* The file log's ``fetch timeout reached; aborting operation`` record carries the timer's
  lateness only in its meta object (``timerDelayMs``, present only when OpenClaw itself
  suspects event-loop starvation): RC12 counts it like a ``timer delayed`` line.
* ``CommandLaneTaskTimeoutError`` and ``EmbeddedAttemptSessionTakeoverError`` are thrown
  inside lane tasks, so they usually arrive inside a ``lane task error`` line: RC15 and
  RC08 read them there too.
"""

from __future__ import annotations

import pytest

from stuckscan.model import Analysis
from tests.conftest import tslog_line
from tests.test_correlator import KEY, RUN, SID, analyze, line, stalled


def rule_ids(analysis: Analysis) -> set[str]:
    return {finding.rule.id for finding in analysis.findings()}


def fetch_timeout(clock: str, delay_ms: int | None) -> str:
    meta: dict[str, object] = {"timeoutMs": 30000, "elapsedMs": 30000 + (delay_ms or 0),
                               "consoleMessage": "fetch timeout after 30000ms", "operation": "fetchWithTimeout"}
    if delay_ms is not None:
        meta.update(timerDelayMs=delay_ms, eventLoopDelayHint=f"timer delayed {delay_ms}ms, likely event-loop starvation")
    from tests.conftest import tslog_line

    return tslog_line(f"2026-05-21T{clock}.000+08:00", "fetch-timeout", "fetch timeout reached; aborting operation",
                      level="WARN", meta=meta)


def test_a_starved_fetch_timer_in_the_file_log_is_event_loop_starvation() -> None:
    starved = analyze(fetch_timeout("10:00:00", 18000), fetch_timeout("10:00:20", 22000))
    assert "RC12" in rule_ids(starved)
    episode = starved.episodes[0]
    assert episode.peak.get("timerDelaySeconds") == 22.0
    plain = analyze(fetch_timeout("10:00:00", None), fetch_timeout("10:00:20", None))
    assert "RC12" not in rule_ids(plain)


def lane_error(clock: str, error: str) -> str:
    return line(clock, f'lane task error: lane=session:{KEY} durationMs=600012 error="{error}"', "diagnostic", "ERROR")


def test_a_lane_task_timeout_inside_a_lane_task_error_is_a_run_timeout_without_cleanup() -> None:
    analysis = analyze(
        lane_error("10:00:00", 'CommandLaneTaskTimeoutError: Command lane "session:x" task timed out after 600000ms'),
        *(stalled(f"10:0{minute}:30", 150 + 60 * minute) for minute in range(1, 6)),
    )
    assert "RC15" in rule_ids(analysis)
    other = analyze(lane_error("10:00:00", "Error: something else broke"),
                    *(stalled(f"10:0{minute}:30", 150 + 60 * minute) for minute in range(1, 6)))
    assert "RC15" not in rule_ids(other)


def test_a_session_takeover_inside_a_lane_task_error_is_the_lock_held_by_the_gateway() -> None:
    takeover = ("EmbeddedAttemptSessionTakeoverError: session file changed while embedded prompt lock was released "
                f"sessionId={SID}")
    analysis = analyze(lane_error("10:00:00", takeover),
                       *(stalled(f"10:0{minute}:30", 150 + 60 * minute) for minute in range(1, 6)))
    assert "RC08" in rule_ids(analysis)
    other = analyze(lane_error("10:00:00", "Error: something else broke"),
                    *(stalled(f"10:0{minute}:30", 150 + 60 * minute) for minute in range(1, 6)))
    assert "RC08" not in rule_ids(other)


def stalls() -> list[str]:
    return [stalled(f"10:0{minute}:30", 150 + 60 * minute) for minute in range(1, 6)]


def test_a_lane_task_rejected_after_its_timeout_is_a_run_timeout_without_cleanup() -> None:
    # src/process/command-queue.ts logs this only for a lane task whose timeout already fired.
    rejected = line("10:00:00", f'lane task rejected after timeout: lane=session:{KEY} timeoutMs=600000 '
                                'error="AbortError: This operation was aborted"')
    assert "RC15" in rule_ids(analyze(rejected, *stalls()))
    assert "RC15" not in rule_ids(analyze(*stalls()))


def timeout_compaction(clock: str, text: str) -> str:
    return line(clock, f"[timeout-compaction] {text}", "agent/embedded")


def test_a_timeout_compaction_that_never_finishes_is_a_compaction_stall() -> None:
    start = timeout_compaction("10:00:00", "LLM timed out with high prompt token usage (82%); attempting compaction "
                                           "before retry (attempt 1/2) diagId=tmo-1")
    assert "RC16" in rule_ids(analyze(start, *stalls()))
    threw = timeout_compaction("10:03:00", "contextEngine.compact() threw during timeout recovery for openai/gpt-5.5: "
                                           "Error: Compaction timed out")
    assert "RC16" in rule_ids(analyze(start, threw, *stalls()))
    done = timeout_compaction("10:00:20", "compaction succeeded for openai/gpt-5.5; retrying prompt")
    assert "RC16" not in rule_ids(analyze(start, done, *stalls()))
    assert "RC16" not in rule_ids(analyze(*stalls()))


def health(clock: str, text: str, level: str = "INFO") -> str:
    return line(clock, f"[whatsapp:default] health-monitor: {text}", "gateway/health-monitor", level)


def test_the_health_monitor_restart_limit_is_a_channel_ingress_stall() -> None:
    restart = health("09:34:00", "restarting (reason: stale-socket)")
    limit = health("09:39:00", "hit 10 restarts/hour limit, skipping", "WARN")
    assert "RC18" in rule_ids(analyze(restart, limit))
    assert "RC18" in rule_ids(analyze(limit))
    assert lone_confidence(analyze(restart)) == "low"  # one restart: a longer log would show a loop


def test_a_failed_health_monitor_restart_is_a_channel_ingress_stall() -> None:
    restart = health("09:34:00", "restarting (reason: stale-socket)")
    failed = health("09:34:01", "restart failed: Error: whatsapp login timed out", "ERROR")
    assert "RC18" in rule_ids(analyze(restart, failed))
    assert lone_confidence(analyze(restart, failed)) == "high"


def lone_confidence(analysis: Analysis) -> str:
    (episode,) = analysis.episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18"
    return str(episode.primary.confidence.value)


def test_one_restart_or_one_channel_port_clash_alone_is_an_ingress_stall_at_low_confidence() -> None:
    restart = health("09:34:00", "restarting (reason: stuck)", "WARN")
    assert lone_confidence(analyze(restart)) == "low"
    # (policy "one health-monitor restart": the monitor doing its job, said at info)
    (alone,) = analyze(restart).episodes
    assert "monitor doing its job" in alone.primary.summary and alone.severity.value == "info"
    served = line("09:35:10", f"message processed: channel=whatsapp sessionKey={KEY} outcome=completed", "diagnostic",
                  "DEBUG")
    assert "RC18" not in rule_ids(analyze(restart, served))  # a message answered after it: the channel came back
    port = line("09:34:00", "Error: listen EADDRINUSE: address already in use 0.0.0.0:8787", "telegram", "ERROR")
    assert lone_confidence(analyze(port)) == "low"
    gateway_port = line("09:34:00", "Error: listen EADDRINUSE: address already in use 127.0.0.1:18789", "gateway", "ERROR")
    assert "RC18" not in rule_ids(analyze(gateway_port))  # the gateway's own port: no channel's ingress


def test_a_plugin_server_failing_to_bind_is_no_channel_ingress_stall() -> None:
    # (policy "second gateway refused by a held port or lock": a plugin's non-channel server is not RC18)
    plugin = [line(f"09:34:0{second}", "[NestApplication] Error: listen EADDRINUSE: address already in use "
                   f"127.0.0.1:{2099 + second}", "Manifest", "ERROR") for second in range(2)]
    assert "RC18" not in rule_ids(analyze(*plugin))
    # near miss: the same line from a channel's own listener keeps its low-confidence RC18
    channel = line("09:34:00", "Error: listen EADDRINUSE: address already in use 0.0.0.0:3978", "msteams", "ERROR")
    assert lone_confidence(analyze(channel)) == "low"


def test_an_unhandled_network_rejection_that_ends_the_gateway_is_a_channel_exit() -> None:
    crash = line("09:34:00", "Unhandled promise rejection: TypeError: fetch failed", "openclaw", "ERROR")
    # alone it names no channel (policy "bare undici fetch failure as an unhandled rejection", p54): the gateway died,
    # an unjudged crash, not a channel's ingress stall
    assert "RC18" not in rule_ids(analyze(crash))
    polled = line("09:33:59", "telegram getUpdates failed: HttpError: Network request for 'getUpdates' failed!",
                  "telegram/api", "ERROR")
    assert lone_confidence(analyze(polled, crash)) == "medium"
    assert "uncaught network failure" in analyze(polled, crash).episodes[0].primary.summary
    # near misses: a restart's abort, and the later builds' guard that keeps the process running
    aborted = line("09:34:00", "Unhandled promise rejection: AbortError: This operation was aborted", "openclaw", "ERROR")
    assert "RC18" not in rule_ids(analyze(aborted))
    survived = line("09:34:00", "Non-fatal unhandled rejection (continuing): TypeError: fetch failed", "openclaw", "WARN")
    assert "RC18" not in rule_ids(analyze(survived))
    # a channel client's connect refused by the platform's server (f1174: DingTalk's stream endpoint behind a proxy)
    refused = line("09:34:00", "Unhandled promise rejection: Error: [DingTalk][__default__] Failed to connect to DingTalk "
                   "Stream: Request failed with status code 502", "openclaw", "ERROR")
    assert "RC18" in rule_ids(analyze(refused))
    not_found = line("09:34:00", "Unhandled promise rejection: Error: Request failed with status code 404", "openclaw",
                     "ERROR")
    assert "RC18" not in rule_ids(analyze(not_found))  # a client's own mistake, not the network


def test_telegram_refusing_the_bot_token_is_a_disconnect_for_good() -> None:
    refused = line("01:54:43", "telegram sendChatAction failed: Call to 'sendChatAction' failed! (401: Unauthorized)",
                   "telegram/api", "ERROR")
    again = line("01:54:44", "telegram sendChatAction failed: Call to 'sendChatAction' failed! (401: Unauthorized)",
                 "telegram/api", "ERROR")
    assert lone_confidence(analyze(refused)) == "medium"
    assert lone_confidence(analyze(refused, again)) == "high"
    # a bad request is one message's error, not the token's
    bad = line("01:54:43", "telegram sendMessage failed: Call to 'sendMessage' failed! (400: Bad Request: chat not found)",
               "telegram/api", "ERROR")
    assert "RC18" not in rule_ids(analyze(bad))


def test_the_whatsapp_watchdog_firing_again_is_a_loop_but_its_twin_lines_are_one_fire() -> None:
    def fire(clock: str, minutes: int) -> list[str]:
        return [line(clock, f"web-heartbeat: minutesSinceLastMessage: {minutes}, forcing reconnect", "whatsapp", "WARN"),
                line(clock, f"No messages received in {minutes}m - restarting connection",
                     "gateway/channels/whatsapp/heartbeat", "WARN")]

    assert "RC18" in rule_ids(analyze(*fire("16:10:16", 42), *fire("16:11:20", 43)))
    assert "RC18" not in rule_ids(analyze(*fire("16:10:16", 31)))  # one routine idle reconnect, logged twice


def test_one_slack_socket_rotation_the_channel_came_back_from_is_no_stall() -> None:
    dropped = line("09:00:00", "slack socket disconnected (disconnect); reconnecting in 2s (attempt 1/12)",
                   "gateway/channels/slack", "ERROR")
    restart = line("09:00:01", "[slack:default] health-monitor: restarting (reason: disconnected)",
                   "gateway/health-monitor", "INFO")
    back = line("09:00:03", "slack socket mode connected", "gateway/channels/slack", "INFO")
    assert "RC18" not in rule_ids(analyze(dropped, restart, back))
    assert "RC18" in rule_ids(analyze(dropped, restart))  # nothing shows it came back
    again = line("09:00:05", "slack socket disconnected (disconnect); reconnecting in 4s (attempt 2/12)",
                 "gateway/channels/slack", "ERROR")
    assert "RC18" in rule_ids(analyze(dropped, restart, back, again))  # it dropped again: a loop


# -- restarts that cut work short, and channels that restart themselves ----------------------------


def test_a_startup_that_marks_orphaned_main_sessions_is_a_restart_interrupted_run() -> None:
    marked = line("10:00:00", "marked 2 startup-orphaned main session(s) for restart recovery",
                  "main-session-restart-recovery")
    assert rule_ids(analyze(marked)) == {"RC17"}
    none_marked = line("10:00:00", "marked 0 startup-orphaned main session(s) for restart recovery",
                       "main-session-restart-recovery")
    assert rule_ids(analyze(none_marked)) == set()
    resumed = line("10:00:00", f"resumed interrupted main session: {KEY}", "main-session-restart-recovery", "INFO")
    assert rule_ids(analyze(resumed)) == set()


def test_restart_recovery_refused_by_a_drain_is_no_interrupted_run() -> None:
    # (a gateway stopped a second after it was ready, f1109: its startup recovery pass is refused by the drain)
    refused = line("10:00:00", "main-session restart recovery failed: GatewayDrainingError: gateway is draining "
                   "for restart", "main-session-restart-recovery")
    assert rule_ids(analyze(refused)) == set()
    failed = line("10:00:00", f"failed to resume interrupted main session {KEY}: Error: transcript tail missing",
                  "main-session-restart-recovery")
    assert rule_ids(analyze(failed)) == {"RC17"}


def test_a_timeout_worded_turn_end_the_provider_answered_with_an_http_error_is_no_hung_model_call() -> None:
    # (f1094: OpenClaw words the turn's error "LLM request timed out." while the raw error is the route's 503)
    answered = line("10:00:00", f"embedded run agent end: runId={RUN} isError=true model=m provider=p "
                    'error=LLM request timed out. rawError=503 "inference service unavailable"', "agent/embedded")
    assert "RC01" not in rule_ids(analyze(answered))
    hung = line("10:00:00", f"embedded run agent end: runId={RUN} isError=true model=m provider=p "
                "error=LLM request timed out. rawError=terminated", "agent/embedded")
    assert "RC01" in rule_ids(analyze(hung))


def test_a_run_timeout_its_own_lane_task_reports_at_once_was_cleaned_up() -> None:
    # (f1118, f1121: the timeout names the run and session id, the task error right after it names only its lane)
    timeout = line("10:03:00", f"embedded run timeout: runId={RUN} sessionId={SID} timeoutMs=180000", "agent/embedded")
    own_end = line("10:03:00", 'lane task error: lane=cron durationMs=180127 error="FailoverError: LLM request timed out."')
    assert rule_ids(analyze(timeout, own_end)) == {"RC01"}
    later = line("10:03:10", 'lane task error: lane=cron durationMs=180127 error="FailoverError: LLM request timed out."')
    assert "RC15" in rule_ids(analyze(timeout, later))  # ten seconds on: another task's end, the run's not shown
    other = line("10:03:00", 'lane task error: lane=cron durationMs=4000 error="Error: boom"')
    assert "RC15" in rule_ids(analyze(timeout, other))  # a short task that failed on something else


def test_a_lane_task_that_lasted_the_runs_own_budget_is_that_runs_end() -> None:
    # (f1178: an untimed paste, the subagent lane's task done 93 ms past the run's 300 s budget)
    from stuckscan.analysis import analyze_events
    from stuckscan.parser import ParseStats, parse_text_lines

    def ids(*texts: str) -> set[str]:
        analysis = analyze_events(iter(parse_text_lines(list(texts))), ParseStats())
        return {finding.rule.id for finding in analysis.findings()}

    timeout = f"[agent/embedded] embedded run timeout: runId={RUN} sessionId={SID} timeoutMs=300000"
    assert "RC15" not in ids(timeout, "[diagnostic] lane task done: lane=subagent durationMs=300093")
    # another task: the timeout stays lone, a spent budget (policy "lone embedded run timeout")
    assert "RC15" not in ids(timeout, "[diagnostic] lane task done: lane=subagent durationMs=12000")


def test_a_lane_task_that_ended_on_a_120s_model_timeout_a_moment_short_of_120s_held_its_lane_that_long() -> None:
    # (f1151: the task's own timer read 119,986 ms for a call that timed out on the 120 s default)
    def task(held_ms: int) -> str:
        return line("10:00:00", f"lane task error: lane=session:{KEY} durationMs={held_ms} "
                    'error="FailoverError: LLM request timed out."')
    assert "RC01" in rule_ids(analyze(task(119986)))
    assert "RC01" not in rule_ids(analyze(task(30000)))  # failed fast on its timeout: evidence, not a hang of its own


# (f1229: a cron run's 60 s budget, the cron lane's task and the session lane's ending on the model's timeout; the
# lane task starts before its run (cron setup, a queued wait), so one that held its lane past the budget, 90 s, ending
# on the model's timeout a moment after the run's timer fired, spent that run's whole budget on the model call too)
@pytest.mark.parametrize("held_ms", [60332, 90498])
def test_a_lane_task_that_spent_its_runs_whole_budget_on_the_models_timeout_is_a_hung_model_call(held_ms: int) -> None:
    def task(clock: str, lane: str, ms: int) -> str:
        return line(clock, f'lane task error: lane={lane} durationMs={ms} error="FailoverError: LLM request timed out."')
    timeout = line("10:03:00", f"embedded run timeout: runId={RUN} sessionId={SID} timeoutMs=60000", "agent/embedded")
    cron = task("10:03:00", "cron", held_ms)
    assert rule_ids(analyze(timeout, cron, task("10:03:00", f"session:{KEY}", held_ms + 16))) == {"RC01"}
    # the same task without the run timeout it spent: a task that failed on its timeout under the warn threshold
    assert "RC01" not in rule_ids(analyze(cron))
    # a task that ended on the model's timeout long before the run's budget ran out did not spend it
    assert "RC01" not in rule_ids(analyze(timeout, task("10:03:00", "cron", 20000)))
    # ten seconds after the run's timer: another task's end, not this run's
    assert "RC01" not in rule_ids(analyze(timeout, task("10:03:10", "cron", held_ms)))


def test_a_forced_restart_that_drops_pending_replies_is_a_restart_interrupted_run() -> None:
    analysis = analyze(
        line("10:00:00", "received SIGUSR1; restarting", "gateway", "INFO"),
        line("10:00:00", "draining 0 active task(s) and 3 active embedded run(s) before restart with timeout 0ms",
             "gateway", "INFO"),
        line("10:00:00", "forced restart requested; skipping active work drain", "gateway"),
        line("10:00:01", "restart reply drain timed out after 0ms with 12 pending reply(ies) still active; "
                         "continuing shutdown", "shutdown"),
    )
    assert rule_ids(analysis) == {"RC17"}
    finding = analysis.findings()[0]
    assert "3 embedded run(s) active" in finding.summary and "12 pending" in finding.summary
    clean = analyze(line("10:00:00", "received SIGUSR1; restarting", "gateway", "INFO"),
                    line("10:00:01", "all active work drained", "gateway", "INFO"))
    assert rule_ids(clean) == set()


def auto_restart(clock: str, attempt: int) -> str:
    return line(clock, f"[taz] auto-restart attempt {attempt}/10 in 5s", "telegram", "INFO")


def test_a_channel_past_its_first_auto_restart_is_an_ingress_stall() -> None:
    assert rule_ids(analyze(auto_restart("10:00:00", 5))) == {"RC18"}
    # the manager schedules a first attempt only once the account's task ended: a lone exit, low (f534)
    (lone,) = analyze(auto_restart("10:00:00", 1)).episodes
    assert (lone.primary.rule.id, lone.primary.confidence.name) == ("RC18", "LOW")
    port_taken = analyze(auto_restart("10:00:00", 1),
                         line("10:00:05", "Uncaught exception: Error: listen EADDRINUSE: address already in use "
                                          "0.0.0.0:8789", "openclaw", "ERROR"))
    assert rule_ids(port_taken) == {"RC18"}


def test_a_takeover_the_model_fallback_walked_its_chain_on_is_lock_contention_read_as_model_failure() -> None:
    takeover = "session file changed while embedded prompt lock was released: /s/abc.jsonl"
    analysis = analyze(
        lane_error("10:00:00", f"EmbeddedAttemptSessionTakeoverError: {takeover}"),
        line("10:00:01", "model fallback decision: decision=candidate_failed requested=a/b candidate=a/b "
                         f"reason=unknown next=a/c detail={takeover}", "model-fallback/decision"),
    )
    assert analysis.findings()[0].rule.id == "RC10"
    alone = analyze(lane_error("10:00:00", f"EmbeddedAttemptSessionTakeoverError: {takeover}"))
    assert alone.findings()[0].rule.id == "RC08"


def test_a_lock_holder_masked_as_a_placeholder_is_still_alive() -> None:
    masked = lane_error("10:00:00", "SessionWriteLockTimeoutError: session file locked (timeout 60000ms): "
                                    "pid=<gateway-pid> alive=true ageMs=124708 /s/abc.jsonl.lock")
    event = analyze(masked).incidents[0]
    assert event.primary is not None and event.primary.rule.id == "RC08"
    bare = lane_error("10:00:00", "SessionWriteLockTimeoutError: session file locked (timeout 60000ms): "
                                  "pid=<gateway-pid> ageMs=124708 /s/abc.jsonl.lock")
    # without alive=true only the 60 s timeout hints at the gateway: a weaker finding
    order = ["low", "medium", "high"]
    weaker = analyze(bare).incidents[0].primary
    assert weaker is not None and order.index(weaker.confidence.value) < order.index(event.primary.confidence.value)


def test_a_compaction_that_never_ended_under_a_timed_out_run_is_the_compaction_stall() -> None:
    analysis = analyze(
        line("21:40:08", "embedded run start: runId=r1", "agent/embedded", "DEBUG"),
        line("21:42:37", "embedded run compaction start", "agent/embedded", "DEBUG"),
        line("21:46:15", "run active check: active=true", "agent/embedded", "DEBUG"),
        line("21:50:08", "embedded run timeout (600000ms)", "agent/embedded"),
        line("21:52:05", "run active check: active=true", "agent/embedded", "DEBUG"),
    )
    incident = analysis.incidents[0]
    assert incident.primary is not None and incident.primary.rule.id == "RC16"
    assert "RC15" in {c.rule.id for c in incident.contributing}


def test_a_lock_error_naming_no_session_after_an_abort_settle_timeout_is_the_leaked_lock() -> None:
    settle = line("04:35:55", f"embedded abort settle timed out: runId=r1 sessionId={SID} timeoutMs=2000")
    lock = line("04:37:14", "SessionWriteLockTimeoutError ageMs=79210", "diagnostic", "ERROR")
    assert analyze(settle, lock).incidents[0].primary.rule.id == "RC08"
    long_before = line("03:00:00", f"embedded abort settle timed out: runId=r1 sessionId={SID} timeoutMs=2000")
    primary = analyze(long_before, lock).incidents[-1].primary
    assert primary is None or primary.rule.id != "RC08"


def lane_line(clock: str, text: str, level: str = "DEBUG") -> str:
    return line(clock, text, "diagnostic", level)


def test_a_session_lane_that_stops_dequeuing_after_a_timeout_is_a_timeout_without_cleanup() -> None:
    lane = f"session:{KEY}"
    stalled_lane = [
        lane_line("12:31:14", f'lane task error: lane={lane} durationMs=120000 error="FailoverError: LLM request timed out."',
                  "ERROR"),
        lane_line("12:31:14", f"lane dequeue: lane={lane} queueSize=0"),
        lane_line("12:37:14", f"lane enqueue: lane={lane} queueSize=2"),
        lane_line("12:42:32", f"lane enqueue: lane={lane} queueSize=5"),
    ]
    analysis = analyze(*stalled_lane)
    # (the first task's own 120 s model timeout is a model-call hang of its own, RC01; the lane's stall is RC15)
    assert [i.primary.rule.id if i.primary else None for i in analysis.incidents] == ["RC01", "RC15"]
    # the lane moved on within the threshold: no lane stall to report, only that task's model timeout
    moving = analyze(*stalled_lane[:2], lane_line("12:33:00", f"lane enqueue: lane={lane} queueSize=2"),
                     lane_line("12:34:00", f"lane dequeue: lane={lane} queueSize=1"))
    assert [i.primary.rule.id if i.primary else None for i in moving.incidents] == ["RC01"]
    # stopped without a timeout before it: a finding that says what is missing, not RC15
    no_timeout = analyze(*stalled_lane[1:])
    assert len(no_timeout.incidents) == 1 and no_timeout.incidents[0].primary is None
    assert "dequeued nothing" in no_timeout.incidents[0].missing


def test_an_abort_right_after_a_restart_marker_is_a_restart_interrupted_run() -> None:
    analysis = analyze(
        line("08:23:20", "embedded run start: runId=r1", "agent/embedded", "DEBUG"),
        line("08:23:33", "SIGUSR1 received, gateway restarting", "gateway", "INFO"),
        line("08:23:34", "AbortError: This operation was aborted", "agent/embedded", "ERROR"),
    )
    assert [i.primary.rule.id if i.primary else None for i in analysis.incidents] == ["RC17"]
    user_stop = analyze(line("08:23:34", "AbortError: This operation was aborted", "agent/embedded", "ERROR"))
    assert not user_stop.incidents  # an abort alone may be a user's /stop


@pytest.mark.parametrize("mode", ["full process restart (spawned pid 4242)", "update process respawn (spawned pid 4242)",
                                  "update process respawn (supervisor restart)"])
def test_every_restart_mode_the_run_loop_names_is_a_restart_marker(mode: str) -> None:
    # run-loop.ts logs "restart mode: update process respawn (...)" for an update.run restart, as it logs "full process
    # restart (...)" for any other: the old process hands over either way
    run = line("08:23:20", "embedded run start: runId=r1", "agent/embedded", "DEBUG")
    abort = line("08:23:34", "AbortError: This operation was aborted", "agent/embedded", "ERROR")
    analysis = analyze(run, line("08:23:33", f"restart mode: {mode}", "gateway", "INFO"), abort)
    assert [i.primary.rule.id if i.primary else None for i in analysis.incidents] == ["RC17"]


def test_an_update_notice_before_an_abort_is_no_restart_marker() -> None:
    run = line("08:23:20", "embedded run start: runId=r1", "agent/embedded", "DEBUG")
    notice = line("08:23:33", "update available (latest: 2026.5.20)", "gateway", "INFO")
    abort = line("08:23:34", "AbortError: This operation was aborted", "agent/embedded", "ERROR")
    assert not analyze(run, notice, abort).incidents


def test_a_health_monitor_restart_with_its_tag_first_counts_toward_a_loop() -> None:
    restarts = [line(clock, "[telegram:default] restarting (reason: stale-socket)", "gateway/health-monitor", "INFO")
                for clock in ("21:01:29", "21:36:27", "22:06:27")]
    assert "RC18" in rule_ids(analyze(*restarts))


def test_a_stale_lock_of_the_gateways_own_live_pid_is_the_lock_held_by_the_live_gateway() -> None:
    own = line("10:00:00", "session file lock stale (orphan-self-pid): pid=22144 alive=true", "agents/session-lock")
    assert analyze(own).incidents[0].primary.rule.id == "RC08"
    dead = line("10:00:00", "session file lock stale (dead-pid): pid=22144 alive=false", "agents/session-lock")
    assert analyze(dead).incidents[0].primary.rule.id == "RC09"


def test_a_lone_keep_lane_skip_for_reply_work_names_no_cause_and_a_repeated_one_is_stale_state() -> None:
    # (policy "one keep-lane recovery skip": one skip fits a slow, real turn as well as a leaked handle)
    def skip(clock: str) -> str:
        return line(clock, f"stuck session recovery outcome: status=skipped action=keep_lane sessionId={SID} "
                           f"sessionKey={KEY} activeWorkKind=embedded_run reason=active_reply_work")
    lone = analyze(skip("10:00:00"))
    assert lone.incidents[0].primary is None and not {"RC05", "RC07"} & rule_ids(lone)
    incident = analyze(skip("10:00:00"), skip("10:00:30")).incidents[0]
    assert incident.primary is not None and incident.primary.rule.id == "RC05"
    assert incident.primary.confidence.value == "low"


def test_one_restart_and_the_reporters_note_that_it_repeats_is_still_one_restart(tmp_path) -> None:
    # (policy "one health-monitor restart": the note is prose, not a second restart line)
    from click.testing import CliRunner

    from stuckscan.cli import cli
    paste = tmp_path / "paste.txt"
    paste.write_text("[telegram:eva-public] health-monitor: restarting (reason: stale-socket)\n"
                     "[eva-public] starting provider (@someBot)\n# repeats every ~35 min\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["scan", str(paste), "--format", "json"])
    assert '"RC18"' in result.output and '"confidence": "low"' in result.output
    assert '"worstSeverity": "info"' in result.output
    alone = tmp_path / "alone.txt"
    alone.write_text("[telegram:eva-public] health-monitor: restarting (reason: stale-socket)\n", encoding="utf-8")
    alone_output = CliRunner().invoke(cli, ["scan", str(alone), "--format", "json"]).output
    assert '"RC18"' in alone_output and '"confidence": "low"' in alone_output  # one restart: not yet a loop


def test_several_accounts_restarted_once_each_are_named_as_several_not_one_restarted_n_times() -> None:
    accounts = ("default", "researcher", "solitaire", "vesper")
    burst = [line("10:00:0" + str(n), f"[discord:{name}] health-monitor: restarting (reason: stale-socket)",
                  "gateway/health-monitor", "INFO") for n, name in enumerate(accounts)]
    [episode] = analyze(*burst).episodes
    summary = episode.primary.summary
    assert "4 channel accounts (discord:default, discord:researcher, discord:solitaire, discord:vesper) once each" \
        in summary and "4 time(s)" not in summary
    again = burst + [line("10:30:00", "[discord:default] health-monitor: restarting (reason: stale-socket)",
                          "gateway/health-monitor", "INFO")]
    assert "restarted 4 channel accounts 5 times in all (discord:default 2x, discord:researcher 1x," \
        in analyze(*again).episodes[0].primary.summary
    alone_again = [burst[0], again[-1]]
    assert "restarted discord:default 2 time(s)" in analyze(*alone_again).episodes[0].primary.summary


def test_a_restart_loop_far_apart_is_one_episode() -> None:
    restarts = [line(clock, "[health-monitor] [telegram:default] restarting (reason: stale-socket)",
                     "gateway/health-monitor", "INFO") for clock in ("10:01:29", "10:36:27", "11:06:27", "11:36:27")]
    analysis = analyze(*restarts)
    assert len(analysis.episodes) == 1 and analysis.episodes[0].counts["health.restart"] == 4


def test_wired_source_templates_reach_their_rules() -> None:
    watchdog = [line(c, "[telegram] Polling stall detected (no getUpdates for 95.2s); forcing restart.", "telegram")
                for c in ("10:00:00", "10:02:00")]
    assert "RC18" in rule_ids(analyze(*watchdog))
    # (one Telegram watchdog stall alone is itself a timed ingress stall: policy "one idle-watchdog reconnect")
    assert "RC18" in rule_ids(analyze(watchdog[0]))
    restart_failed = line("10:00:00", "failed to reacquire gateway lock for in-process restart: timeout", "gateway",
                          "ERROR")
    assert rule_ids(analyze(restart_failed)) == {"RC17"}


def test_a_stall_whose_run_completes_by_itself_is_a_likely_false_positive_unless_the_work_is_named() -> None:
    def stuck(clock: str, age: int, extra: str = "") -> str:
        return line(clock, f"stuck session: sessionId={SID} sessionKey={KEY} state=processing age={age}s queueDepth=0{extra}")
    idle = line("10:03:20", f"session state: sessionId={SID} sessionKey={KEY} prev=processing new=idle reason=run_completed")
    unnamed = analyze(stuck("10:02:30", 150), stuck("10:03:00", 180), idle).incidents[0]
    assert unnamed.primary is not None and unnamed.primary.rule.id == "RC04"
    tool = " reason=blocked_tool_call classification=blocked_tool_call activeWorkKind=tool_call lastProgress=tool:exec:started"
    named = analyze(stuck("10:02:30", 150, tool), stuck("10:03:00", 180, tool), idle).incidents[0]
    assert named.primary.rule.id == "RC03" and "RC04" in {c.rule.id for c in named.contributing}
    assert "had not returned after" in named.primary.summary
    aborted = analyze(stuck("10:02:30", 150), stuck("10:03:00", 180),
                      line("10:03:10", f"stuck session recovery outcome: status=aborted action=abort_embedded_run "
                                       f"sessionKey={KEY} released=1"), idle).incidents[0]
    assert "RC04" not in {f.rule.id for f in (aborted.primary, *aborted.contributing) if f is not None}


def test_a_restart_whose_drain_timed_out_is_a_restart_interrupted_run() -> None:
    analysis = analyze(line("09:01:38", "drain timeout reached; proceeding with restart", "gateway"))
    assert rule_ids(analysis) == {"RC17"}
    drained = analyze(line("09:01:38", "all active work drained", "gateway", "INFO"))
    assert not drained.incidents


def test_a_lock_held_by_a_container_small_pid_is_the_gateways_own() -> None:
    small = line("10:00:00", "session file locked (timeout 10000ms): pid=28 /data/.openclaw/agents/main/sessions/a.jsonl.lock",
                 "diagnostic", "ERROR")
    assert analyze(small).incidents[0].primary.rule.id == "RC08"
    host = line("10:00:00", "session file locked (timeout 10000ms): pid=67899 /home/u/.openclaw/agents/main/sessions/a.jsonl.lock",
                "diagnostic", "ERROR")
    # (no alive=: the build deletes a dead pid's lock and retries, so the holder looked alive: policy "lock timeout
    # without liveness")
    assert analyze(host).incidents[0].primary.rule.id == "RC08"


def test_a_channel_client_out_of_reconnects_and_one_long_polling_stall_are_ingress_stalls() -> None:
    crash = line("10:00:00", "Uncaught exception: Error: Max reconnect attempts (0) reached after code 1005", "openclaw",
                 "ERROR")
    assert rule_ids(analyze(crash)) == {"RC18"}
    long_stall = line("10:00:00", "Polling stall detected (active getUpdates stuck for 1323.85s); forcing restart.",
                      "telegram")
    assert rule_ids(analyze(long_stall)) == {"RC18"}
    short_stall = line("10:00:00", "Polling stall detected (active getUpdates stuck for 95.2s); forcing restart.", "telegram")
    assert rule_ids(analyze(short_stall)) == {"RC18"}  # the watchdog fires only past 90 s: a timed stall itself
    stall = line("10:00:00", "Polling stall detected (active getUpdates stuck for 228.53s); forcing restart.", "telegram")
    assert lone_confidence(analyze(stall)) == "low"  # two minutes without ingress, once: not yet a loop


def test_shortened_heartbeat_delays_and_capitalised_labels_are_read() -> None:
    from stuckscan.parser import parse_text_lines
    parsed = parse_text_lines(["20:21:36.704 liveness heartbeat delayed 34917ms",
                               "20:22:43.040 eventLoopUtilization=1 eventLoopDelayP99Ms=6668.9",
                               "Stuck session: sessionKey=agent:main:main state=processing age=150s"])
    assert [e.kind for e in parsed] == ["liveness.heartbeat_delayed", "liveness.warning", "session.stuck"]


def test_a_timeout_recoverys_compaction_that_freed_nothing_is_a_compaction_stall() -> None:
    freed_nothing = line("10:00:00", "[timeout-compaction] compaction did not reduce context for azure/grok-4; "
                                     "falling through to normal handling", "agent/embedded")
    from stuckscan.parser import parse_text_lines
    assert parse_text_lines([freed_nothing])[0].kind == "compaction.timeout_recovery"
    assert rule_ids(analyze(freed_nothing)) == {"RC16"}


def test_one_auto_restart_and_a_note_that_it_dies_again_is_a_restart_loop(tmp_path) -> None:
    from click.testing import CliRunner

    from stuckscan.cli import cli
    paste = tmp_path / "paste.txt"
    paste.write_text("[telegram] [default] auto-restart attempt 1/10 in 5s\n"
                     "# ... provider dies again within ~3 minutes ...\n", encoding="utf-8")
    assert '"RC18"' in CliRunner().invoke(cli, ["scan", str(paste), "--format", "json"]).output


def test_a_session_that_keeps_running_tools_after_it_was_flagged_is_a_detector_false_positive() -> None:
    def stuck(clock: str, age: int) -> str:
        return line(clock, f"stuck session: sessionId={SID} sessionKey={KEY} state=processing age={age}s queueDepth=1")

    def tool(clock: str, phase: str, call: int) -> str:
        return line(clock, f"embedded run tool {phase}: runId={RUN} tool=exec toolCallId=call_{call}", "agent/embedded",
                    "DEBUG")

    start = line("10:00:00", f"embedded run start: runId={RUN} sessionId={SID} sessionKey={KEY} provider=anthropic "
                             "model=claude-opus-4-6", "agent/embedded", "DEBUG")
    working = [start, stuck("10:06:00", 360), tool("10:06:10", "start", 1), tool("10:06:40", "end", 1),
               stuck("10:06:30", 390), tool("10:06:50", "start", 2), stuck("10:07:00", 420), tool("10:07:20", "end", 2)]
    decided = analyze(*sorted(working, key=lambda text: text.split('"time":"')[1])).incidents[0]
    assert decided.primary is not None and decided.primary.rule.id == "RC04"
    assert "RC07" not in {c.rule.id for c in decided.contributing}
    # One tool returning after the warnings is the slow tool finishing: no proof the detector erred.
    slow_tool = analyze(start, stuck("10:06:00", 360), stuck("10:06:30", 390), stuck("10:07:00", 420),
                        tool("10:07:20", "end", 1)).incidents[0]
    assert slow_tool.primary is not None and slow_tool.primary.rule.id != "RC04"
    # A failing run is no false positive, however many tools it ran.
    failed = analyze(start, stuck("10:06:00", 360), tool("10:06:10", "start", 1), tool("10:06:20", "end", 1),
                     tool("10:06:25", "start", 2), line("10:06:40", f"embedded run timeout: runId={RUN} sessionId={SID} "
                                                                   "timeoutMs=600000", "agent/embedded"),
                     stuck("10:07:00", 420)).incidents[0]
    assert "RC04" not in {f.rule.id for f in (failed.primary, *failed.contributing) if f is not None}


def test_a_manual_compaction_call_that_held_the_session_for_minutes_is_a_compaction_stall() -> None:
    def compact(duration_ms: int, mark: str = "✓") -> str:
        return line("10:00:01", f"⇄ res {mark} sessions.compact {duration_ms}ms conn=4f1c2a9e id=7a1b", "gateway/ws", "INFO")

    (incident,) = analyze(compact(181234)).incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC16"
    assert "held the session for 181 s" in incident.primary.summary
    assert not analyze(compact(181234)).episodes  # a slow compaction is no starved event loop
    assert "then failed" in analyze(compact(95000, "✗")).incidents[0].primary.summary
    quick = analyze(compact(20000))
    assert not quick.incidents and not quick.episodes
    slow_other = analyze(line("10:00:01", "⇄ res ✓ chat.history 181234ms conn=4f1c2a9e id=7a1b", "gateway/ws", "INFO"))
    assert "RC12" in rule_ids(slow_other) and not slow_other.incidents


def test_a_compaction_with_no_end_joins_the_stall_its_session_reports_later() -> None:
    overflow = line("10:00:00", "context overflow detected (attempt 1/3); attempting auto-compaction for "
                                "anthropic/claude-opus-4-6", "agent/embedded")
    start = line("10:00:01", f"embedded run compaction start: runId={RUN} sessionId={SID}", "agent/embedded", "DEBUG")
    analysis = analyze(overflow, start, stalled("10:05:00", 300, progress_age=299))
    (incident,) = analysis.incidents  # the pending compaction is the stall's, not a finding of its own
    assert "RC16" in {f.rule.id for f in (incident.primary, *incident.contributing) if f is not None}


def test_a_fallback_summary_printed_one_candidate_per_line_is_lock_contention(tmp_path) -> None:
    from stuckscan.analysis import analyze_paths

    paste = tmp_path / "paste.log"
    lock = "/home/u/.openclaw/agents/main/sessions/0b8f2c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f.jsonl.lock"
    paste.write_text("All models failed (2):\n"
                     f"anthropic/claude-sonnet-4-5: session file locked (timeout 10000ms): pid=923 {lock} (timeout)\n",
                     encoding="utf-8")
    causes = {item.primary.rule.id for item in analyze_paths([str(paste)]).incidents if item.primary}
    assert causes == {"RC10"}  # not the 10 s timeout's dead-pid guess (RC09)
    plain = tmp_path / "plain.log"
    plain.write_text(f"[agent/embedded] session file locked (timeout 10000ms): pid=923 {lock}\n", encoding="utf-8")
    causes = {item.primary.rule.id for item in analyze_paths([str(plain)]).incidents if item.primary}
    assert causes == {"RC08"}  # an OpenClaw subsystem is no model candidate: a bare lock timeout, a live holder


def test_a_call_that_failed_on_its_own_timeout_is_no_starved_event_loop() -> None:
    timed_out = line("10:00:01", "⇄ res ✗ node.invoke 30001ms errorCode=UNAVAILABLE errorMessage=node invoke timed out "
                     "conn=4f1c2a9e id=7a1b", "gateway/ws", "INFO")
    analysis = analyze(timed_out)
    assert not analysis.episodes and not analysis.incidents
    # the same length with no timeout of its own is a call the gateway took 30 s to answer
    slow = line("10:00:01", "⇄ res ✓ node.invoke 30001ms conn=4f1c2a9e id=7a1b", "gateway/ws", "INFO")
    assert "RC12" in rule_ids(analyze(slow))


def test_a_stop_while_a_restart_waits_on_active_runs_is_a_restart_interrupted_run() -> None:
    drain = line("09:00:00", "draining 4 active task(s) and 2 active embedded run(s) before restart with timeout 300000ms",
                 "gateway", "INFO")
    still = line("09:00:30", "still draining 4 active task(s) and 2 active embedded run(s) before restart", "gateway", "INFO")
    killed = "openclaw-gateway.service: State 'stop-sigterm' timed out. Killing."
    analysis = analyze(drain, still, killed)
    assert rule_ids(analysis) == {"RC17"}
    assert "killed the gateway" in analysis.incidents[0].primary.summary
    deferred = line("09:00:00", "config change requires gateway restart (browser.ssrfPolicy) — deferring until "
                                "4 operation(s), 2 reply(ies), 2 embedded run(s) complete", "gateway/reload")
    stopped = line("09:00:09", "signal SIGTERM received; shutting down", "gateway", "INFO")
    assert rule_ids(analyze(deferred, stopped)) == {"RC17"}


def test_a_stop_no_restart_wait_precedes_is_no_interrupted_run() -> None:
    killed = "openclaw-gateway.service: State 'stop-sigterm' timed out. Killing."
    assert not analyze(killed).incidents  # a slow shutdown alone: nothing says a run was in flight
    # the restart's own signal comes before its drain: an orderly restart, nothing cut
    orderly = analyze(line("09:00:00", "received SIGTERM; restarting", "gateway", "INFO"),
                      line("09:00:01", "draining 2 active task(s) and 1 active embedded run(s) before restart "
                                       "with timeout 300000ms", "gateway", "INFO"))
    assert not orderly.incidents
    # the drain ended and the new process started before the next stop
    restarted = analyze(line("09:00:01", "draining 0 active task(s) and 1 active embedded run(s) before restart "
                                         "with timeout 300000ms", "gateway", "INFO"),
                        line("09:00:14", "agent model: anthropic/claude-opus-4-7", "gateway", "INFO"),
                        line("09:02:00", "signal SIGTERM received", "gateway", "INFO"))
    assert not restarted.incidents
    # a deferral that waits on replies only names no run to cut
    replies_only = analyze(line("09:00:00", "config change requires gateway restart (gateway.port) — deferring until "
                                            "1 operation(s), 1 reply(ies) complete", "gateway/reload"),
                           line("09:00:09", "signal SIGTERM received; shutting down", "gateway", "INFO"))
    assert not replies_only.incidents
    # a stop long after the drain's budget ran out is another stop
    late = analyze(line("09:00:00", "draining 0 active task(s) and 1 active embedded run(s) before restart "
                                    "with timeout 60000ms", "gateway", "INFO"),
                   line("09:05:00", "signal SIGTERM received", "gateway", "INFO"))
    assert not late.incidents


def _lane_task_skip(clock: str) -> str:
    return line(clock, f"stuck session recovery outcome: status=skipped action=keep_lane sessionId={SID} sessionKey={KEY} "
                       f"lane=session:{KEY} reason=active_lane_task laneActive=1 laneQueued=1")


def test_recovery_keeping_the_lane_for_a_task_with_no_run_again_and_again_is_stale_state() -> None:
    incident = analyze(*(_lane_task_skip(clock) for clock in ("10:00:00", "10:00:30", "10:01:00"))).incidents[0]
    assert incident.primary is not None and incident.primary.rule.id == "RC05"
    assert incident.primary.confidence.value == "medium"
    # once: the lane's task may be a compaction still inside its safety window, no orphan yet
    once = analyze(_lane_task_skip("10:00:00"))
    assert "RC05" not in rule_ids(once)


def _processed(clock: str, message_id: str, error: str = "") -> str:
    said = f' error="Error: reply session initialization conflicted for {KEY}"' if error else ""
    return line(clock, f"message processed: channel=telegram sessionKey={KEY} messageId={message_id} outcome=error{said}",
                level="ERROR" if error else "DEBUG")


def test_one_message_failing_on_every_redelivery_on_the_init_conflict_is_stale_state() -> None:
    redelivered = analyze(_processed("10:00:00", "4711", "conflict"), _processed("10:00:05", "4711", "conflict"),
                          _processed("10:00:15", "4711"), _processed("10:00:35", "4711"))
    assert len(redelivered.incidents) == 1
    incident = redelivered.incidents[0]
    assert incident.primary is not None and incident.primary.rule.id == "RC05"
    assert incident.primary.confidence.value == "medium" and "failed 4 times" in incident.primary.summary
    # a numbered placeholder stands for one id, even with the session key masked on every line
    masked = [line(c, "message processed: sessionKey=agent:main...:topic:<redacted> messageId=<M1> outcome=error"
                      + (' error="Error: reply session initialization conflicted ..."' if i == 0 else ""), level="ERROR")
              for i, c in enumerate(("10:00:00", "10:00:05", "10:00:15"))]
    assert [i.primary.rule.id for i in analyze(*masked).incidents if i.primary] == ["RC05"]


def test_init_conflicts_that_are_no_one_message_failing_again_are_no_stale_state() -> None:
    # one processing logged twice (its dispatch and its processed line), a retry that got through
    dispatch = line("10:00:00", f"message dispatch completed: channel=telegram sessionKey={KEY} messageId=4711 "
                                f'source=replyResolver outcome=error error="Error: reply session initialization conflicted '
                                f'for {KEY}"', level="ERROR")
    assert "RC05" not in rule_ids(analyze(dispatch, _processed("10:00:00", "4711", "conflict")))
    # three different messages, one conflict each: a busy session's races, not one message stuck
    assert "RC05" not in rule_ids(analyze(*(_processed(f"10:00:0{i}", f"47{i}", "conflict") for i in range(3))))
    # the same message failing three times on something else (no conflict)
    assert "RC05" not in rule_ids(analyze(*(_processed(f"10:00:0{i}", "4711") for i in range(3))))
    # unnumbered placeholders may hide a different message on every line
    hidden = [line(f"10:00:0{i}", f"message processed: sessionKey={KEY} messageId=<id> outcome=error "
                                  f'error="Error: reply session initialization conflicted for {KEY}"', level="ERROR")
              for i in range(3)]
    assert "RC05" not in rule_ids(analyze(*hidden))


def _stale_label_then_live_run(lane_error_text: str | None) -> Analysis:
    key = "agent:main:discord:channel:1400000000000000001"
    lines = [
        line("10:00:00", f"stuck session: sessionId=main sessionKey={key} state=processing age=141s queueDepth=1 "
                         "reason=queued_work_without_active_run classification=stale_session_state recovery=checking"),
        line("10:00:00", f"stuck session recovery skipped: reason=active_embedded_run action=observe_only sessionId=main "
                         f"sessionKey={key} age=141s queueDepth=1 activeSessionId=c398bead-a362-46ca-a764-6502d305ff61"),
    ]
    if lane_error_text is not None:
        lines.append(line("10:02:40", f"lane task error: lane=session:{key} durationMs=300746 error=\"{lane_error_text}\"",
                          level="ERROR"))
    return analyze(*lines)


def test_a_stale_state_label_refuted_by_a_live_run_that_timed_out_is_no_stale_state() -> None:
    # Recovery found the run alive, and the session's lane task, running since before the warning, timed out:
    # the detector's "stale_session_state" was wrong, the model call hung.
    for error in ("FailoverError: LLM request timed out.",
                  'CommandLaneTaskTimeoutError: Command lane "main" task timed out after 300000ms'):
        assert "RC05" not in rule_ids(_stale_label_then_live_run(error)), error
    # near misses: no lane end at all, or a lane task that failed on something else, leave the label standing
    assert "RC05" in rule_ids(_stale_label_then_live_run(None))
    assert "RC05" in rule_ids(_stale_label_then_live_run("Error: 400 Bad Request"))


def test_one_request_failing_on_a_lock_in_each_lane_and_its_fallback_is_no_repeated_dead_pid(tmp_path) -> None:
    from stuckscan.analysis import analyze_paths

    lock = "/home/u/.openclaw/agents/waiter/sessions/fd1affbc-bc6d-4adf-bfaa-2e9a10872945.jsonl.lock"
    error = f"Error: session file locked (timeout 10000ms): pid=65231 {lock}"
    one_request = [
        f'[diagnostic] lane task error: lane=main durationMs=11425 error="{error}"',
        f'[diagnostic] lane task error: lane=session:agent:waiter:main durationMs=11431 error="{error}"',
        "[model-fallback/decision] model fallback decision: decision=candidate_failed requested=openai/gpt-5.4 "
        "candidate=openai/gpt-5.4 reason=timeout next=none detail=session file locked (timeout 10000ms): pid=65231",
    ]

    def causes(lines: list[str]) -> set[str]:
        paste = tmp_path / "paste.log"
        paste.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return {item.primary.rule.id for item in analyze_paths([str(paste)]).incidents if item.primary}

    assert causes(one_request) == {"RC10"}  # the lock timed out the model candidate: contention, no crashed pid
    # the same pid failing a second request on the same lane, beside the fallback's lock decision: still the lock
    # read as a model failure, not a dead holder (policy "lock timeout without liveness")
    again = [line.replace("11431", "11502") for line in one_request[1:2]]
    assert causes([*one_request, *again]) == {"RC10"}


def test_a_run_timeout_the_run_recovers_by_timeout_compaction_is_a_hung_model_call_not_a_missing_cleanup() -> None:
    # "[timeout-compaction] LLM timed out ..." is logged only for an attempt that timed out outside a compaction and a
    # tool call: the model call hung; "compaction succeeded ...; retrying prompt" is the run going on after its timeout.
    timeout = line("10:03:00", f"embedded run timeout: runId={RUN} sessionId={SID} timeoutMs=300000", "agent/embedded")
    hung = line("10:03:00", "[timeout-compaction] LLM timed out with high prompt token usage (69%); attempting "
                            "compaction before retry (attempt 1/2) diagId=ovf-mnzquvvh-OZpBbA", "agent/embedded")
    retried = line("10:03:08", "[timeout-compaction] compaction succeeded for openai/gpt-5.4; retrying prompt",
                   "agent/embedded", "INFO")
    warnings = (stalled("10:02:00", 150), stalled("10:02:30", 180))

    def causes(*lines: str) -> tuple[str | None, set[str]]:
        (incident,) = analyze(*warnings, *lines).incidents
        return (incident.primary.rule.id if incident.primary else None), {f.rule.id for f in incident.contributing}

    primary, contributing = causes(timeout, hung, retried)
    assert primary == "RC01" and "RC15" not in contributing
    primary, contributing = causes(timeout, hung)  # no retry seen: the timeout's aftermath is still open
    assert primary == "RC01" and "RC15" in contributing
    assert causes(timeout)[0] == "RC15"  # nothing says what the run was doing when it timed out


def test_a_timeout_compaction_that_names_no_run_joins_the_run_timeout_it_follows() -> None:
    from tests.test_pasted_readings import analyze_text

    run = "runId=7355be29-9773-438d-ab55-0b348bedaf9b sessionId=7355be29-9773-438d-ab55-0b348bedaf9b"
    hung = ("[agent/embedded] [timeout-compaction] LLM timed out with high prompt token usage (69%); attempting "
            "compaction before retry (attempt 1/2) diagId=ovf-mnzquvvh-OZpBbA")
    retried = "[agent/embedded] [timeout-compaction] compaction succeeded for openai/gpt-5.4; retrying prompt"

    def causes(*lines: str) -> list[tuple[str | None, set[str]]]:
        return [(i.primary.rule.id if i.primary else None, {f.rule.id for f in i.contributing})
                for i in analyze_text(*lines).incidents]

    timed = f"2026-05-21T10:00:00.000Z [agent/embedded] embedded run timeout: {run} timeoutMs=300000"
    assert causes(timed, f"2026-05-21T10:00:00.400Z {hung}", f"2026-05-21T10:00:09.000Z {retried}") == [("RC01", set())]
    untimed = f"[agent/embedded] embedded run timeout: {run} timeoutMs=300000"
    assert causes(untimed, hung, retried) == [("RC01", set())]
    # the lines of a timeout long after it, or with two runs' timeouts waiting, are not known to be its own
    late = causes(timed, f"2026-05-21T10:05:00.000Z {hung}")
    assert late and late[0][0] == "RC15"
    other = "runId=5b0c9e1f-1c2d-4e3f-8a9b-0c1d2e3f4a5b sessionId=5b0c9e1f-1c2d-4e3f-8a9b-0c1d2e3f4a5b"
    two = causes(timed, f"2026-05-21T10:00:00.100Z [agent/embedded] embedded run timeout: {other} timeoutMs=300000",
                 f"2026-05-21T10:00:00.400Z {hung}")
    # (the unnamed line opens a finding of its own: the model call it says timed out, RC01)
    assert sorted(primary for primary, _ in two if primary not in ("RC16", "RC01")) == ["RC15", "RC15"]


def test_a_lane_task_that_held_its_lane_until_its_model_timed_out_dates_its_finding_from_its_start() -> None:
    # durationMs=180000 at 10:05:00: the task (and its hung model call) began at 10:02:00, before the liveness warning
    # at 10:03:30, so the starvation did not begin before it and the hung call stays the headline
    error = line("10:05:00", f'lane task error: lane=session:{KEY} durationMs=180000 '
                             'error="FailoverError: LLM request timed out."', "diagnostic", "ERROR")
    liveness = line("10:03:30", "liveness warning: reasons=event_loop_delay interval=30s eventLoopDelayP99Ms=9000 "
                                "eventLoopDelayMaxMs=12541 eventLoopUtilization=0.816 cpuCoreRatio=0.103 active=1 "
                                "waiting=0 queued=0")
    (incident,) = analyze(liveness, error).incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC01"
    assert incident.start is not None and incident.start.strftime("%H:%M:%S") == "02:02:00"  # 10:02:00+08:00
    # a task that failed quickly dates nothing back
    quick = line("10:05:00", f'lane task error: lane=session:{KEY} durationMs=2000 error="Error: 400 Bad Request"',
                 "diagnostic", "ERROR")
    assert all(i.start is None or i.start.strftime("%H:%M:%S") != "02:02:00" for i in analyze(liveness, quick).incidents)


def dispatch_failed(clock: str, error: str) -> str:
    return line(clock, f"feishu[default]: failed to dispatch message: {error}", "channels/feishu", "ERROR")


def test_a_channel_handler_throwing_on_its_own_code_is_the_channel_ingress_not_a_session() -> None:
    contract = "Error: runChannelInboundEvent prepared turns must declare runDispatchLifecycle when creating runDispatch"
    once = analyze(dispatch_failed("10:00:00", contract))
    finding = once.episodes[0].primary
    assert finding is not None and finding.rule.id == "RC18" and finding.confidence.name == "LOW"
    assert "threw on an inbound message" in finding.summary
    assert any("plugin" in fix for fix in finding.fixes)
    assert not any("health-monitor" in fix for fix in finding.fixes)
    twice = analyze(dispatch_failed("10:00:00", contract), dispatch_failed("10:01:00", contract)).episodes[0].primary
    assert twice is not None and twice.confidence.name == "MEDIUM"
    # A session conflict the channel retries is an error of the world, not of the code: no such reading.
    conflict = analyze(dispatch_failed("10:00:00", 'Error: Session "agent:main:feishu:direct:ou_1" changed while '
                                                   "starting work. Retry."))
    assert "RC18" not in rule_ids(conflict)
    # Telegram's spooled-update drain keeping an update for retry: a missing module fails every update, a session
    # conflict only that one.
    missing = line("10:00:00", "[diag] spooled update 9 failed; keeping for retry: Error in middleware: Cannot find "
                   "module '/opt/openclaw/dist/commands-status-BZrHyBJ5.js'", "gateway/channels/telegram", "INFO")
    assert "RC18" in rule_ids(analyze(missing))
    moved = line("10:00:00", 'spooled update 9 failed; keeping for retry: Session "agent:main:telegram:direct:1" '
                 "changed while starting work. Retry.", "gateway/channels/telegram", "INFO")
    assert "RC18" not in rule_ids(analyze(moved))


def test_a_session_restart_recovery_marked_failed_is_a_restart_that_cut_its_run() -> None:
    marked = line("10:00:05", "marked interrupted main session failed: agent:coder:main (transcript tail is not "
                  "resumable)", "main-session-restart-recovery")
    analysis = analyze(marked, line("10:01:12", "EmbeddedAttemptSessionTakeoverError", "agent/embedded", "ERROR"))
    assert [incident.primary.rule.id for incident in analysis.incidents if incident.primary] == ["RC17"]
    assert "marked it failed (agent:coder:main" in analysis.incidents[0].primary.summary


def test_a_note_that_a_channels_failed_connect_kept_coming_makes_it_a_loop() -> None:
    # (f1271: QQ Bot's connect failing on its /gateway endpoint, and the reporter's count of failed attempts)
    from stuckscan.analysis import analyze_events
    from stuckscan.parser import ParseStats, parse_text_lines

    def episode(*texts: str):
        analysis = analyze_events(iter(parse_text_lines(list(texts))), ParseStats())
        return analysis.episodes[0].primary

    failed = "11:34:41  Connection failed: Network error [/gateway]: fetch failed"
    once = episode(failed)
    assert once is not None and once.rule.id == "RC18" and once.severity.name == "INFO"
    looped = episode(failed, "... exactly 100 failed connection attempts ...")
    assert looped is not None and looped.severity.name == "WARNING" and "note says it kept coming" in looped.summary


def test_a_lock_error_thrown_as_a_failover_is_contention_read_as_a_model_failure() -> None:
    # (f1233: the embedded fallback's lane task failing on the busy session's 10 s lock, then its FailoverError)
    lock = "session file locked (timeout 10000ms): pid=26841 /home/u/.openclaw/agents/main/sessions/s.jsonl.lock"
    task = line("10:00:00", f'lane task error: lane=main durationMs=10909 error="{lock}"', "diagnostic", "ERROR")
    thrown = line("10:00:00", f"FailoverError: {lock}", "agent/embedded", "ERROR")
    analysis = analyze(task, thrown)
    assert [i.primary.rule.id for i in analysis.incidents if i.primary] == ["RC10"]
    assert "RC09" not in rule_ids(analysis)
    # the same lock error alone, on a 10 s build with no alive=: a live holder (policy "lock timeout without liveness")
    assert rule_ids(analyze(task)) == {"RC08"}


def test_a_codex_turn_whose_client_closed_during_a_stop_was_cut_by_the_stop() -> None:
    # (f1294: SIGTERM, then during the shutdown the Codex harness's client closing under an unfinished turn)
    sigterm = line("14:59:03", "received SIGTERM; shutting down", "gateway", "INFO")
    cut = line("14:59:13", "codex app-server client closed before turn completed", "agent/embedded")
    stopped = analyze(sigterm, cut)
    assert [i.primary.rule.id for i in stopped.incidents if i.primary] == ["RC17"]
    assert "Codex turn was in flight" in stopped.incidents[0].primary.summary
    # with no stop before it, the client closing is no restart's doing
    assert "RC17" not in rule_ids(analyze(cut))
    # nor a stop the gateway has started again after, however recent
    started = line("14:59:20", "ready (3 plugins: a, b, c; 1.2s)", "gateway", "INFO")
    later = line("14:59:40", "codex app-server client closed before turn completed", "agent/embedded")
    assert "RC17" not in rule_ids(analyze(sigterm, started, later))
    # (the window alone: a stop long before it)
    assert "RC17" not in rule_ids(analyze(sigterm, line("15:30:00", "codex app-server client closed before turn "
                                                        "completed", "agent/embedded")))


RUN2 = "5b1d0c7e-2a44-4e0b-8f3a-6c9e1d2b7a10"
RUN3 = "c3b49422-05e9-4605-9183-1b4e94d92f94"


def run_timeout(clock: str, run: str = RUN) -> str:
    return line(clock, f"embedded run timeout: runId={run} sessionId={SID} timeoutMs=600000", "agent/embedded")


def surfaced(clock: str, run: str = RUN) -> str:
    return line(clock, f"embedded run failover decision: runId={run} stage=assistant decision=surface_error "
                "reason=timeout provider=volcengine-plan/kimi-k2.5 profile=-", "agent/embedded")


def test_a_run_timeout_its_own_failover_decision_follows_was_let_go() -> None:
    # (f1490, f1494: gateway.err.log keeps warn lines only; the run loop decides once the timed-out attempt returned)
    assert "RC15" not in rule_ids(analyze(run_timeout("10:00:00"), surfaced("10:00:01"), line("10:05:00", "heartbeat")))
    assert "RC15" in rule_ids(analyze(run_timeout("10:00:00"), line("10:05:00", "heartbeat")))
    # another run's decision says nothing of this one
    assert "RC15" in rule_ids(analyze(run_timeout("10:00:00"), surfaced("10:00:01", RUN2), line("10:05:00", "heartbeat")))


def test_the_sessions_next_run_after_a_run_timeout_shows_the_lane_was_let_go() -> None:
    later = analyze(run_timeout("10:00:00"), run_timeout("10:20:00", RUN2), surfaced("10:20:01", RUN2),
                    line("10:30:00", "heartbeat"))
    assert "RC15" not in rule_ids(later)
    # a stall warning of the session before the next run: the lane was held, whatever let it go later
    held = analyze(run_timeout("10:00:00"), stalled("10:05:00", 300), run_timeout("10:20:00", RUN2),
                   surfaced("10:20:01", RUN2), line("10:30:00", "heartbeat"))
    assert "RC15" in rule_ids(held)


def test_a_log_that_ends_at_a_run_timeout_after_earlier_ones_were_let_go_is_too_short_to_judge_it() -> None:
    series = [run_timeout("10:00:00"), surfaced("10:00:01"), run_timeout("10:10:00", RUN2), surfaced("10:10:01", RUN2)]
    assert "RC15" not in rule_ids(analyze(*series, run_timeout("10:20:00", RUN3)))
    # the log going on past the cleanup window with nothing: that one was not cleaned up
    assert "RC15" in rule_ids(analyze(*series, run_timeout("10:20:00", RUN3), line("10:25:00", "heartbeat")))
    # a lone timeout at the end of the lines: a spent budget (policy "lone embedded run timeout")
    assert rule_ids(analyze(run_timeout("10:20:00", RUN3))) == {"RC01"}


def test_the_sessions_next_run_within_the_cleanup_window_ends_the_wait_for_the_timeouts_cleanup() -> None:
    start = line("10:00:30", f"embedded run start: runId={RUN2} sessionId={SID} provider=openai model=gpt-5.4 "
                 "thinking=off messageChannel=telegram", "agent/embedded", "DEBUG")
    assert analyze(run_timeout("10:00:00"), start, line("10:05:00", "heartbeat")).incidents == []
    # a recall's sub-run beside the turn is not the session's next turn
    recall = start.replace(f"runId={RUN2}", "runId=active-memory-7f3a")
    assert analyze(run_timeout("10:00:00"), recall, line("10:05:00", "heartbeat")).incidents != []


def test_a_lane_task_aborted_because_its_reply_operation_expired_as_stale_is_stale_state() -> None:
    # (f1519: the reply registry's stale takeover aborts the operation, src/auto-reply/reply/reply-run-registry.ts)
    rejected = line("10:00:00", 'lane task rejected after timeout: lane=main timeoutMs=172830000 '
                    'error="AbortError: Reply operation expired as stale"')
    found = rule_ids(analyze(rejected))
    assert "RC05" in found and "RC15" not in found
    other = rejected.replace("AbortError: Reply operation expired as stale", "Error: boom")
    assert "RC15" in rule_ids(analyze(other))  # any other failure after the timeout stays a timeout nothing cleaned up


def test_a_lane_task_that_held_the_runs_budget_and_failed_at_its_timeout_is_the_runs_own_end() -> None:
    from tests.test_pasted_readings import analyze_text

    # f2591: the timed-out attempt's abort surfaced in its lane task as "Connection error.", not the model's timeout
    timeout = ("2026-02-15T14:17:34.860Z [agent/embedded] embedded run timeout: runId=2948333d-c176-4c6c-a58c-ff10055e616a "
               "sessionId=bd0f0acb-8bf3-4dc9-bcb8-9b2154d25f07 timeoutMs=600000")

    def task(held_ms: int) -> str:
        return (f"2026-02-15T14:17:34.911Z [diagnostic] lane task error: lane=main durationMs={held_ms} "
                'error="FailoverError: Connection error."')

    def causes(*lines: str) -> set[str]:
        return {f.rule.id for i in analyze_text(*lines).incidents for f in (i.primary, *i.contributing) if f is not None}

    assert "RC15" not in causes(timeout, task(1107182))
    # a task that held its lane a moment only is another task failing beside it: the timeout still waits, unanswered
    assert "RC15" in causes(timeout, task(6))


def test_a_client_closing_for_missing_ticks_is_a_low_confidence_sign_of_a_stalled_loop() -> None:
    # src/gateway/client.ts closes with 4000 "tick timeout" when no tick came for two tick intervals (f3917)
    closed = "Gateway agent failed; falling back to embedded: Error: gateway closed (4000): tick timeout"
    (episode,) = analyze(closed).episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC12"
    assert episode.primary.confidence.value == "low"
    assert "tick timeout" in episode.primary.summary
    # a close for another reason says nothing of the gateway's timers
    assert "RC12" not in rule_ids(analyze("Error: gateway closed (4000): client replaced"))
    assert "RC12" not in rule_ids(analyze("Error: gateway closed (1012): service restart"))


def test_a_polling_stall_whose_runner_then_would_not_stop_is_an_ingress_stall() -> None:
    # f4377: a 97 s stall (under the warn threshold, a blip alone) and the runner's stop hanging past its 15 s budget
    stall = line("19:19:37", "[telegram] Polling stall detected (no completed getUpdates for 97.39s); forcing restart.",
                 "gateway/channels/telegram")
    hung = line("19:19:52", "[telegram] Polling runner stop timed out after 15s; forcing restart cycle.",
                "gateway/channels/telegram")
    recycled = line("19:19:52", "[telegram] polling runner stopped (polling stall detected); restarting in 2.23s.",
                    "gateway/channels/telegram")
    assert lone_confidence(analyze(stall, recycled)) == "low"  # a stall and its runner's restart: no loop seen
    (episode,) = analyze(stall, hung, recycled).episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC18"
    assert episode.primary.confidence.value == "medium"  # one stall and its hung stop: no loop seen
    assert "did not stop within 15 s" in episode.primary.summary
    assert [ref.line for ref in episode.primary.evidence] == [1, 2]


def test_a_fallback_summary_whose_head_a_wrapper_cut_still_reads_as_lock_contention() -> None:
    # f4378: a pipeline logged the CLI's error behind its own prefix, from the first candidate on
    lock = ("session file locked (timeout 10000ms): pid=47557 /home/u/.openclaw/agents/bob/sessions/"
            "4458f5ca-0536-482e-9a02-2fd6f3f2594a.jsonl.lock")
    body = f"FAIL stage=bob err=agent_call_failed err=outer/deepseek/deepseek-chat-v3-0324: {lock} (timeout) | " \
           f"openrouter/anthropic/claude-sonnet-4.6: {lock} (timeout)"
    assert "RC10" in rule_ids(analyze(line("01:05:46", body, "pipeline", "ERROR")))
    assert "RC10" not in rule_ids(analyze(line("01:05:46", f"FAIL stage=bob err={lock}", "pipeline", "ERROR")))


def test_a_stop_while_a_channel_dispatch_is_open_cut_that_turn() -> None:
    # f4458: at info level a channel plugin's dispatch lines are all that show a turn in flight
    def feishu(clock: str, text: str) -> str:
        return line(clock, f"feishu[main]: {text}", "feishu", "INFO")

    stop = line("08:05:46", "signal SIGTERM received", "gateway", "INFO")
    started = feishu("08:02:29", f"dispatching to agent (session={KEY})")
    cut = analyze(started, stop)
    (incident,) = cut.incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC17"
    assert incident.session_key == KEY  # named by the dispatch the stop cut
    # its end names no session: it closes the account's open dispatch, and the stop cuts nothing
    done = feishu("08:03:10", "dispatch complete (queuedFinal=true, replies=1)")
    assert "RC17" not in rule_ids(analyze(started, done, stop))
    # a dispatch the stop cut never logs its end: after the new process starts, an end is the next dispatch's
    other = "agent:main:feishu:direct:ou_2"
    listening = line("08:06:00", "listening on ws://127.0.0.1:18789 (PID 4242)", "gateway", "INFO")
    again = [feishu("08:07:00", f"dispatching to agent (session={other})"),
             feishu("08:08:00", "dispatch complete (queuedFinal=true, replies=1)"),
             line("08:09:00", "signal SIGTERM received", "gateway", "INFO")]
    second_life = analyze(started, stop, listening, *again)
    assert [i.session_key for i in second_life.incidents if i.primary and i.primary.rule.id == "RC17"] == [KEY]


def test_a_stop_while_a_plugin_logged_tool_call_is_open_cut_that_run() -> None:
    # f3017's shape: a build that logs no embedded run lines; the channel plugin's own tool-call record is the only
    # line of a run in flight when the process is stopped
    def plugin(clock: str, text: str, level: str = "INFO") -> str:
        return line(clock, f"feishu: {text}", "feishu/plugin", level)

    call = plugin("07:18:04", 'tool call: write params={"file_path":"~/backup.sh"} {}')
    stop = line("07:19:32", "signal SIGTERM received", "gateway", "INFO")
    gone = line("07:19:37", "shutdown timed out; exiting without full cleanup", "gateway", "ERROR")
    (incident,) = analyze(call, stop, gone).incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC17"
    assert incident.primary.confidence.value == "medium"
    assert "tool call" in incident.primary.summary
    assert [ref.line for ref in incident.primary.evidence] == [1, 2]
    # (q57) the log ends before the stop's outcome: only the end of input decided, low
    (incident,) = analyze(call, stop).incidents
    assert incident.primary is not None and incident.primary.rule.id == "RC17"
    assert incident.primary.confidence.value == "low"
    assert "the log ends before the stop's outcome" in incident.primary.summary


def test_a_stop_after_a_plugin_logged_tool_call_ended_or_long_before_cuts_nothing() -> None:
    def plugin(clock: str, text: str, level: str = "INFO") -> str:
        return line(clock, f"feishu: {text}", "feishu/plugin", level)

    call = plugin("07:18:04", 'tool call: read params={"file_path":"~/SKILL.md"} {}')
    stop = line("07:19:32", "signal SIGTERM received", "gateway", "INFO")
    # the call's own end, done or failed, closes it
    assert "RC17" not in rule_ids(analyze(call, plugin("07:18:05", "tool done: read ok (12ms) {}"), stop))
    assert "RC17" not in rule_ids(analyze(
        call, plugin("07:18:05", "tool fail: read ENOENT: no such file or directory (21ms) {}", "ERROR"), stop))
    # another tool's end does not
    assert "RC17" in rule_ids(analyze(call, plugin("07:18:05", "tool done: exec ok (12ms) {}"), stop))
    # a run ending after the call: the turn was over when the stop came
    ended = line("07:18:30", f"embedded run done: runId={RUN} sessionId={SID} durationMs=26000 aborted=false",
                 "agent/embedded", "INFO")
    assert "RC17" not in rule_ids(analyze(call, ended, stop))
    # a call more than five minutes before the stop, or before a new process started, is not read as cut by it
    late = line("07:23:05", "signal SIGTERM received", "gateway", "INFO")
    assert "RC17" not in rule_ids(analyze(call, late))
    listening = line("07:18:40", "listening on ws://127.0.0.1:18789 (PID 4242)", "gateway", "INFO")
    assert "RC17" not in rule_ids(analyze(call, listening, stop))
    # (r50) the call's own end after the stop signal, before the process is gone: the shutdown's wait let it finish
    done = plugin("07:19:40", "tool done: read ok (12ms) {}")
    restarted = line("07:19:50", "listening on ws://127.0.0.1:18789 (PID 4242)", "gateway", "INFO")
    assert "RC17" not in rule_ids(analyze(call, stop, done, restarted))
    assert "RC17" in rule_ids(analyze(call, stop, restarted, done))


def test_requests_retrying_the_same_candidate_on_one_lock_are_request_after_request() -> None:
    # (no run id named: one request walks through its candidates once each; requests one after another try the same
    # primary again, each failing on the lock the pid keeps, f4536's shape)
    from tests.test_pasted_readings import analyze_text

    lock = ('{time} [diagnostic] lane task error: lane=main durationMs=10012 error="Error: session file locked '
            '(timeout 10000ms): pid=19843 /home/u/.openclaw/agents/main/sessions/a1b2c3d4-0000-4000-8000-000000000001'
            '.jsonl.lock"')
    decision = ("{time} [model-fallback/decision] model fallback decision: decision=candidate_failed "
                "requested=minimax/M2 candidate={candidate} reason=timeout next=none")
    retried = [line.format(time=t, candidate="minimax/M2") for t in ("2026-04-19T15:19:46.598Z", "2026-04-19T15:22:36.546Z")
               for line in (lock, decision)]
    # (each decision filed under reason=timeout right after its lane task failed on the lock: the lock read as a
    # model failure, RC10, however many requests; policy "lock timeout without liveness")
    assert {i.primary.rule.id for i in analyze_text(*retried).incidents if i.primary} == {"RC10"}
    walked = [lock.format(time="2026-04-19T15:19:46.598Z"), decision.format(time="2026-04-19T15:19:46.610Z",
                                                                            candidate="minimax/M2"),
              lock.format(time="2026-04-19T15:19:57.100Z"), decision.format(time="2026-04-19T15:19:57.110Z",
                                                                            candidate="zai/glm-5")]
    assert {i.primary.rule.id for i in analyze_text(*walked).incidents if i.primary} == {"RC10"}


def test_one_telegram_polling_watchdog_stall_under_the_warn_threshold_is_an_ingress_stall() -> None:
    # f198: the watchdog fires only past its own 90 s with no completed getUpdates, so one firing is a timed stall
    stall = line("10:00:00", "[telegram] Polling stall detected (no getUpdates for 117.39s); forcing restart.",
                 "gateway/channels/telegram")
    assert rule_ids(analyze(stall)) == {"RC18"}
    assert lone_confidence(analyze(stall)) == "low"
    # the boundary: another transport's idle watchdog under the warn threshold, once, stays a blip it handled
    idle = line("10:00:00", "[discord] transport watchdog timeout: idle 95s (limit 90s)", "gateway/channels/discord",
                "ERROR")
    assert "RC18" not in rule_ids(analyze(idle))


def _spike(clock: str) -> str:
    return line(clock, "liveness warning: reasons=event_loop_delay interval=31s eventLoopDelayP99Ms=430.7 "
                "eventLoopDelayMaxMs=6853.5 eventLoopUtilization=0.495 cpuCoreRatio=0.516", "diagnostic", "WARN")


def _hook(clock: str, failure: str = "timed out after 8000ms") -> str:
    return line(clock, f"[hooks] before_prompt_build handler from active-memory failed: {failure}", "plugins", "WARN")


def test_one_delay_spike_with_a_plugin_hook_out_of_budget_just_after_is_starvation() -> None:
    # (policy "active-memory recall timeout is a side-run budget": the liveness record beside it decides, RC12)
    assert "RC12" in rule_ids(analyze(_spike("19:51:34"), _hook("19:51:45")))
    # near misses: the spike alone, a hook timeout long after it, a hook that failed on an error of its own
    assert "RC12" not in rule_ids(analyze(_spike("19:51:34")))
    assert "RC12" not in rule_ids(analyze(_spike("19:51:34"), _hook("19:56:45")))
    assert "RC12" not in rule_ids(analyze(_spike("19:51:34"), _hook("19:51:45", "Error: recall index missing")))


# -- one drop printed twice, and Carbon's lines pasted bare --------------------------------------------------------


def discord_error(clock: str) -> str:
    return tslog_line(f"2026-05-21T{clock}+08:00", "discord",
                      "gateway error: Error: WebSocket was closed before the connection was established", level="ERROR")


def test_one_socket_drop_printed_twice_at_once_is_one_drop() -> None:
    assert "RC18" not in rule_ids(analyze(discord_error("11:14:32.978"), discord_error("11:14:33.000")))
    # (a third copy at once is sockets dying again and again: a storm)
    storm = [discord_error(f"11:14:3{n}.000") for n in range(3)]
    assert "RC18" in rule_ids(analyze(*storm))


def test_carbons_bare_close_then_refused_resumes_are_a_failing_discord_transport() -> None:
    lines = ["06:01:19.498  Gateway websocket closed: 1006"] + \
        [f"06:0{m}:{s}.592  Unexpected server response: 403" for m, s in (("1", "21"), ("1", "25"), ("1", "33"))]
    assert "RC18" in rule_ids(analyze(*lines))
    # (one close alone, with nothing refused after it, is one drop)
    assert "RC18" not in rule_ids(analyze(lines[0]))
    # (the line is Carbon's only as the message itself: other text before it is not read as Discord's)
    assert "RC18" not in rule_ids(analyze("06:01:19.498  relay said Gateway websocket closed: 1006"))


def primaries(analysis: Analysis) -> set[str]:
    found = [*analysis.incidents, *analysis.episodes]
    return {item.primary.rule.id for item in found if item.primary is not None}


def codex_line(clock: str, text: str) -> str:
    return line(clock, f"codex app-server turn idle timed out waiting for {text}", "agent/embedded")


def test_timeout_reports_after_a_codex_completion_idle_timeout_are_that_ghost_runs() -> None:
    # policy "Codex completion-idle timeout": the timeout-compaction lines after it report the same attempt
    timed_out = timeout_compaction("10:00:01", "LLM timed out with high prompt token usage (78%); attempting "
                                               "compaction before retry (attempt 1/2) diagId=tmo-1")
    retried = timeout_compaction("10:00:30", "compaction succeeded for openai/gpt-5.5; retrying prompt")
    ghost = analyze(codex_line("10:00:00", "completion"), timed_out, retried)
    assert primaries(ghost) == {"RC02"}
    assert "RC01" not in rule_ids(ghost)
    # (a watchdog that saw no progress at all is the model call that never answered)
    assert "RC01" in primaries(analyze(codex_line("10:00:00", "progress"), timed_out, retried))
    # (and the hook's timeout line alone stays the model call's)
    assert "RC01" in primaries(analyze(timed_out, retried))


def frozen(clock: str, ms: int) -> str:
    return line(clock, f"host timing gap detected: process was frozen ~{ms}ms; restarting channels when idle",
                "gateway/health", "INFO")


def polling_stall(clock: str, seconds: float) -> str:
    return line(clock, f"Telegram polling stall detected (active getUpdates stuck for {seconds}s); forcing restart",
                "telegram")


def test_one_polling_stall_a_host_freeze_covers_is_the_freeze_not_a_fault() -> None:
    # policy "one host timing gap line": the poll was in flight while the process did not run
    assert rule_ids(analyze(frozen("10:03:20", 196779), polling_stall("10:03:40", 218.28))) & {"RC12", "RC18"} == set()
    # (a stall far longer than the freeze is the channel's own)
    assert "RC18" in rule_ids(analyze(frozen("10:03:20", 96779), polling_stall("10:03:40", 218.28)))
    # (and a stall the freeze does not cover, or a second stall of the channel, is trouble beside the thaw)
    assert "RC12" in rule_ids(analyze(frozen("10:03:20", 196779), polling_stall("10:03:40", 150.0)))
    again = analyze(frozen("10:03:20", 196779), polling_stall("10:03:40", 218.28), polling_stall("10:09:40", 230.0))
    assert {"RC12", "RC18"} <= rule_ids(again)


def test_model_timeout_text_after_a_codex_completion_idle_timeout_is_that_attempts_failover() -> None:
    # policy "Codex completion-idle timeout": the attempt's timeout surfaces as the FailoverError "LLM request timed
    # out.", so an untimed paste of the watchdog line, that text and the attempt timeout is one ghost run
    lines = ["- `codex app-server turn idle timed out waiting for completion`", "- `LLM request timed out.`",
             "- `codex app-server attempt timed out`"]
    ghost = analyze(*lines)
    assert primaries(ghost) == {"RC02"}
    assert "RC01" not in rule_ids(ghost)
    # (the same with times, and with the text as the lane task's error)
    lane_error = line("10:01:00", 'lane task error: lane=main durationMs=161000 error="FailoverError: LLM request '
                                  'timed out."', "diagnostic", "ERROR")
    assert "RC01" not in rule_ids(analyze(codex_line("10:00:00", "completion"), lane_error))
    assert "RC01" in rule_ids(analyze(lane_error))


def test_model_timeout_text_beside_other_codex_watchdogs_stays_a_model_hang() -> None:
    # (without the completion-idle line, or after a progress watchdog, the timeout text is the model call's)
    assert "RC01" in primaries(analyze("- `LLM request timed out.`", "- `codex app-server attempt timed out`"))
    assert "RC01" in primaries(analyze("- `codex app-server turn idle timed out waiting for progress`",
                                       "- `LLM request timed out.`"))
    # (and a timeout text logged before the completion-idle watchdog is not its report)
    before = analyze("- `LLM request timed out.`", "- `codex app-server turn idle timed out waiting for completion`")
    assert "RC01" in rule_ids(before)


def test_model_timeout_text_long_after_a_codex_completion_idle_timeout_is_another_attempts() -> None:
    # only that attempt's failover error: within a minute of the watchdog line, or a lane task already under way then
    def task(clock: str, held_ms: int) -> str:
        return line(clock, f'lane task error: lane=main durationMs={held_ms} error="FailoverError: LLM request timed '
                    'out."', "diagnostic", "ERROR")
    idle = codex_line("10:00:00", "completion")
    assert "RC01" in rule_ids(analyze(idle, task("13:01:00", 161000)))  # three hours on: a model call of its own
    assert "RC01" not in rule_ids(analyze(idle, task("10:02:00", 161000)))  # its task began before the watchdog line
    assert "RC01" not in rule_ids(analyze(idle, task("10:01:00", 30000)))  # a minute on
    assert "RC01" in rule_ids(analyze(idle, task("10:04:00", 161000)))  # began after it, minutes on
    # (both naming a run: another run's timeout text is not this attempt's)
    named = line("10:00:00", "codex app-server turn idle timed out waiting for completion runId=r-1", "agent/embedded")
    other_run = line("10:00:30", 'lane task error: lane=main runId=r-2 durationMs=161000 error="FailoverError: LLM '
                     'request timed out."', "diagnostic", "ERROR")
    assert "RC01" in rule_ids(analyze(named, other_run))
    assert "RC01" not in rule_ids(analyze(named, other_run.replace("runId=r-2", "runId=r-1")))


def test_the_model_timeout_text_is_read_in_an_agent_end_and_bare() -> None:
    from stuckscan.parser import parse_text_lines
    from stuckscan.rules._detect import says_model_timeout

    def event(text: str):  # noqa: ANN202
        [parsed] = [e for e in parse_text_lines([text]) if e.kind != "unparsed"]
        return parsed
    agent_end = event('2026-05-21T10:00:00.000+08:00 [agent/embedded] embedded run agent end: runId=r-1 isError=true '
                      'error="FailoverError: LLM request timed out."')
    assert agent_end.kind == "embedded.agent_end" and says_model_timeout(agent_end)
    bare = event("2026-05-21T10:00:00.000+08:00 [agent/embedded] FailoverError: LLM request timed out.")
    assert bare.kind == "model.request_timeout" and says_model_timeout(bare)
    other = event('2026-05-21T10:00:00.000+08:00 [agent/embedded] embedded run agent end: runId=r-1 isError=true '
                  'error="Error: boom"')
    assert other.kind == "embedded.agent_end" and not says_model_timeout(other)
