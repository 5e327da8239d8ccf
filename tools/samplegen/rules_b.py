"""Rule scenarios RC10-RC18 and the file with several concurrent incidents."""
from __future__ import annotations

from datetime import datetime

from . import flows
from . import messages as m
from .clock import millis, ms, secs, zone
from .flows import Run, Session
from .incidents import stalled_until_abort
from .kit import B_313, B_408, B_518, B_520, Kit, Scenario, scenario
from .rules_a import _drain_queue, _hang_model_call, lock_failure, lock_pending
from .timeline import Timeline
from .traffic import fallback_lines
from .watch import Watch, backoff_ticks, stalled_ticks, warn

# ------------------------------------------------------------------ RC10


def _decision(tl: Timeline, at: datetime, run: Run, candidate: str, attempt: int, total: int,
              detail: str, nxt: str | None) -> None:
    meta = m.fallback_decision("candidate_failed", run.run_id, "/".join(flows.model_of(tl, run.session)),
                               candidate, attempt, total, reason="timeout", error=detail, next_candidate=nxt)
    tl.log(at, "warn", "model-fallback/decision", "model fallback decision", meta)


def _cron_run(tl: Timeline, job: Session, at: datetime, seconds: float, *, wait_ms: int = 2,
              ahead: int = 0, tools: int = 2) -> Run:
    """A cron job turn on the ``cron`` lane (no session lane, no channel)."""
    tl.diag(at, "debug", m.lane_enqueue("cron", 1 + ahead))
    t = at + ms(wait_ms)
    if wait_ms >= 2000:
        tl.diag(t - ms(1), "warn", m.lane_wait_exceeded("cron", wait_ms, ahead, 1, 1, 0))
    tl.diag(t, "debug", m.lane_dequeue("cron", wait_ms, 0))
    provider, model = flows.model_of(tl, job)
    run_at = t + ms(tl.ids.int(15, 40))
    run = Run(job, tl.ids.uuid(), "unknown", at, t, t, t, run_at, run_at, cursor=run_at,
              busy=tl.mark(job.key, t, None))
    tl.log(run_at, "debug", "agent/embedded", m.run_start(run.run_id, job.session_id, provider, model, "off", "unknown"))
    tl.diag(run_at + ms(1), "debug", m.run_registered(job.session_id, tl.active_at(run_at)))
    share = seconds / (tools + 1)
    for n in range(tools):
        flows.model_call(run, share * 0.7)
        flows.tool(tl, run, ("web_fetch", "exec", "read")[n % 3], share * 0.3)
    flows.model_call(run, share)
    end = run.cursor + ms(9)
    tl.log(end, "debug", "agent/embedded", m.run_done(run.run_id, job.session_id, millis(end - run_at), False))
    run.busy.end = end + ms(1)  # type: ignore[attr-defined]
    tl.diag(end + ms(1), "debug", m.run_cleared(job.session_id, tl.active_at(end + ms(1))))
    tl.diag(end + ms(2), "debug", m.lane_task_done("cron", millis(end - t), 0, 0))
    run.cursor = end + ms(2)
    return run


@scenario
def rc10_fire() -> Scenario:
    k = Kit(B_408, zone(1), 1010, "2026-04-16")
    tl = k.tl
    k.start("06:58:00.512", "anthropic/claude-sonnet-4-5")
    web, tg = flows.webchat(tl), flows.telegram(tl, "6011928437")
    k.noise(tg, "06:59:12.330", "07:04:40.905", "07:09:02.118")
    pid = 51234
    # the 07:00 cron job writes into the main session transcript and holds its lock
    cron = Session("agent:main:cron:daily-brief", web.session_id, "cron", "unknown")
    _cron_run(tl, cron, k.T("07:00:00.041"), 47.5)
    lock = f"/Users/jonas/.openclaw/agents/main/sessions/{web.session_id}.jsonl.lock"
    run = flows.begin_run(tl, web, k.T("07:00:12.406"))
    candidates = ["anthropic/claude-sonnet-4-5", "openai/gpt-5.1"]
    locked = m.session_file_locked(10000, pid, lock).split(": ", 1)[1]
    t = run.run_at
    for n, cand in enumerate(candidates):
        t += secs(10.02)
        _decision(tl, t, run, cand, n + 1, 2, locked, candidates[n + 1] if n + 1 < len(candidates) else None)
    summary = "FallbackSummaryError: All models failed (2): " + " | ".join(f"{c}: {locked}" for c in candidates)
    t += ms(30)
    tl.diag(t, "error", m.lane_task_error(web.lane, millis(t - run.lane_at), summary))
    run.busy.end = t + ms(1)  # type: ignore[attr-defined]
    tl.diag(t + ms(1), "debug", m.run_cleared(web.session_id, tl.active_at(t + ms(1))))
    tl.diag(t + ms(2), "debug", m.session_state(web.session_id, web.key, "processing", "idle", "run_completed", 0))
    tl.diag(t + ms(8), "error", m.message_processed("webchat", "unknown", run.message_id, web.session_id, web.key,
                                                    "error", millis(t + ms(8) - run.queued_at),
                                                    error="FallbackSummaryError: All models failed (2)"))
    k.noise(web, "07:01:31.774", "07:07:15.290")
    ticks = k.ticks("06:58:30.600", "07:12:00")
    desc = ("2026.4.8: the 07:00 cron job holds the main session's write lock; a webchat turn on the same "
            "session fails over both model candidates with 'reason=timeout … detail=session file locked "
            "(timeout 10000ms): pid=51234 …' and ends in FallbackSummaryError; the retry a minute later works.")
    return k.finish("RC10-lock-contention-as-model-failure", ticks, desc, {
        "incidents": [{"session": web.key, "status": "resolved_by_itself", "primary": "RC10",
                       "mustNotInclude": ["RC01", "RC08", "RC09"]}],
        "mustNotFire": ["RC08", "RC09"]})


@scenario
def rc10_near_miss() -> Scenario:
    k = Kit(B_408, zone(1), 1011, "2026-04-17")
    tl = k.tl
    k.start("06:58:00.512", "anthropic/claude-sonnet-4-5")
    web, tg = flows.webchat(tl), flows.telegram(tl, "6011928437")
    k.noise(tg, "06:59:40.050", "07:06:22.481")
    flows.normal_turn(tl, web, k.T("07:02:03.229"), tools=1,
                      after_model=lambda r, i: fallback_lines(tl, r) if i == 0 else None)
    k.noise(web, "07:08:44.902")
    ticks = k.ticks("06:58:30.600", "07:12:00")
    desc = ("2026.4.8: a genuine model failover — the primary answers HTTP 429 (reason=rate_limit), the "
            "fallback candidate succeeds; no lock involved.")
    return k.finish("RC10-near-miss-rate-limit-fallback", ticks, desc,
                    {"mustNotFire": ["RC08", "RC09", "RC10"]})


# ------------------------------------------------------------------ RC11


@scenario
def rc11_fire() -> Scenario:
    k = Kit(B_313, zone(-5), 1111, "2026-03-13")
    tl = k.tl
    k.start("13:58:40.207", "openrouter/anthropic/claude-sonnet-4.5", pid=7731)
    tg, web = flows.telegram(tl, "8123974410"), flows.webchat(tl)
    k.noise(tg, "14:00:31.650", "14:06:12.004", "14:11:47.552")
    k.noise(web, "14:03:20.118", "14:09:05.771")
    for hms, took in (("14:02:11.305", 3004), ("14:04:37.918", 3011), ("14:05:02.440", 3152),
                      ("14:09:48.006", 3007), ("14:12:20.731", 3019)):
        at = k.T(hms)
        flows.handshake_timeout_pair(tl, at, duration_ms=took, handshake_ms=3000, code=1000, reason="n/a",
                                     with_peer=False, handshake="pending")
        tl.root(at + ms(tl.ids.int(6, 40)), "error",
                m.gateway_connect_failed("Error: gateway closed (1000): no close reason"))
    ticks = k.ticks("13:59:10.300", "14:14:00")
    desc = ("2026.3.13 (pre-2026.3.22 3 s handshake default): every CLI connect ('openclaw status', "
            "'openclaw logs') hits 'handshake timeout' and 'closed before connect … code=1000' with "
            "handshakeMs=3000 and durationMs just above it; chat sessions are unaffected.")
    return k.finish("RC11-handshake-timeout", ticks, desc,
                    {"episodes": [{"rule": "RC11"}], "mustNotFire": ["RC12", "RC13"]})


@scenario
def rc11_near_miss() -> Scenario:
    k = Kit(B_518, zone(8), 1112, "2026-05-26")
    tl = k.tl
    k.start("20:10:02.885", "aliyun-tokenplan/qwen3.6-plus")
    tg, web = flows.telegram(tl, "7012345678"), flows.webchat(tl)
    k.noise(tg, "20:11:30.440", "20:18:02.961")
    k.noise(web, "20:14:51.306")
    flows.handshake_timeout_pair(
        tl, k.T("20:16:40.512"), duration_ms=10003, remote="192.168.1.42", host="192.168.1.20:18789",
        origin="http://192.168.1.20:18789",
        ua="Mozilla/5.0 (iPhone; CPU iPhone OS 18_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
           "Version/18.4 Mobile/15E148 Safari/604.1")
    ticks = k.ticks("20:10:33.000", "20:21:00")
    desc = ("2026.5.18: a single handshake timeout from a phone browser on the LAN with the modern 10 s "
            "budget (handshakeMs=10000, durationMs=10003); no starvation, nothing else fails.")
    return k.finish("RC11-near-miss-lan-client-10s", ticks, desc, {"mustNotFire": ["RC11", "RC12"]})


# ------------------------------------------------------------------ RC12 / RC13


def _liveness(tl: Timeline, at: datetime, interval: int, p99: float, max_delay: float, elu: float, cpu: float,
              *, reasons: str = "event_loop_delay,event_loop_utilization,cpu", degraded: int | None = None,
              phase: str | None = None, recent: str | None = None, labels: list[str] | None = None,
              level: str = "warn") -> None:
    tl.diag(at, level, m.liveness_warning(reasons, interval, p99, max_delay, elu, cpu, tl.active_at(at), 0,
                                          tl.queued_at(at), degraded_for=degraded, phase=phase,
                                          recent_phases=recent, work_active=labels))


@scenario
def rc12_fire() -> Scenario:
    k = Kit(B_520, zone(0), 1212, "2026-05-31")
    tl = k.tl
    k.start("15:40:00.301", "aliyun-tokenplan/qwen3.6-plus")
    tg, web, wa = flows.telegram(tl, "7390155204"), flows.webchat(tl), flows.whatsapp(tl, "+16177841302")
    conn = flows.webchat_connect(tl, k.T("15:44:02.118"), tl.build.version)
    k.noise(web, "15:45:10.227", "16:05:31.900")
    k.noise(wa, "15:52:44.015", "16:12:03.661")
    ticks = k.ticks("15:40:30.200", "16:40:00")
    starving = [t for t in ticks if k.T("16:18:00") <= t < k.T("16:27:30")]
    for t in starving:                                   # late heartbeat ticks while starving
        ticks[ticks.index(t)] = t + ms(tl.ids.int(900, 6400))
    # a telegram turn that starts after the starvation began and cannot progress until it ends
    run = flows.begin_run(tl, tg, k.T("16:21:03.377"))
    _hang_model_call(run)
    run.cursor = k.T("16:26:51.208")
    run.mark(run.cursor, "model_call:ended")
    flows.tool(tl, run, "read", 0.4)
    flows.model_call(run, 5.1)
    flows.finish_run(tl, run)
    w = Watch.of(run, kind="model_call")
    for t in [t for t in ticks if t - w.progress(t)[0] >= secs(120) and t < k.T("16:26:51")]:
        warn(tl, w, t, "stalled session", reason="active_work_without_progress",
             classification="stalled_agent_run", recovery="none")
    flows.ws_res(tl, k.T("16:21:40.866"), "chat.history", 24518, conn)
    flows.ws_res(tl, k.T("16:24:02.371"), "sessions.list", 41877, conn)
    flows.handshake_timeout_pair(tl, k.T("16:23:15.904"), duration_ms=61022)
    tl.log(k.T("16:21:02.448"), "warn", "gateway/diagnostics/memory",
           m.memory_pressure("warning", "heap_threshold", 3174, 2765))
    late = [t for t in ticks if k.T("16:18:00") <= t < k.T("16:27:30")]
    for n, (idx, p99, mx, elu, cpu) in enumerate(((0, 2210.4, 4188.0, 0.982, 0.974), (5, 6120.9, 18922.6, 0.995, 0.991),
                                                  (10, 5874.1, 12040.3, 0.991, 0.988), (15, 3310.7, 7215.9, 0.979, 0.969))):
        at = late[idx] + ms(1)
        labels = None
        if run.started <= at < run.cursor:
            labels = [m.work_label(tg.key, "processing", "model_call", 0, w.age(at), "model_call:started")]
        _liveness(tl, at, 30 if n == 0 else 34, p99, mx, elu, cpu, degraded=None if n == 0 else 125 * n + 3,
                  labels=labels)
    desc = ("2026.5.20: gateway-wide event-loop starvation from 16:18 (liveness warnings with "
            "eventLoopDelayMaxMs in the thousands and ELU≈0.98-0.995, memory pressure, 24-42 s '⇄ res', a "
            "handshake with durationMs 61022 ≫ handshakeMs); a telegram turn started at 16:21 stalls in its "
            "model call until the loop recovers, then finishes by itself.")
    return k.finish("RC12-event-loop-starvation", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "resolved_by_itself", "primary": "RC12",
                       "mustNotInclude": ["RC06", "RC07", "RC11"]}],
        "episodes": [{"rule": "RC12"}],
        "mustNotFire": ["RC11", "RC13"]})


@scenario
def rc12_near_miss() -> Scenario:
    k = Kit(B_520, zone(0), 1213, "2026-06-01")
    tl = k.tl
    k.start("09:00:03.802", "aliyun-tokenplan/qwen3.6-plus")
    web, tg = flows.webchat(tl), flows.telegram(tl, "7390155204")
    k.noise(tg, "12:01:40.205", "12:12:31.040")
    run = flows.begin_run(tl, web, k.T("12:06:58.410"))
    flows.queue_behind(tl, web, k.T("12:06:59.902"), 1)
    flows.model_call(run, 9.3)
    flows.tool(tl, run, "web_fetch", 2.0)
    flows.model_call(run, 21.4)
    flows.finish_run(tl, run)
    _drain_queue(tl, web, run.cursor + secs(0.2))
    ticks = k.ticks("12:00:01.500", "12:16:00")
    spike = next(t for t in ticks if t > k.T("12:06:59.902"))   # queued=1 at this tick: logged at W
    _liveness(tl, spike + ms(1), 30, 88.1, 2485.1, 0.213, 0.237, reasons="event_loop_delay")
    desc = ("2026.5.20, three hours after startup: one liveness warning from a single 2.5 s pause "
            "(eventLoopDelayMaxMs=2485.1 but p99 88 ms, ELU 0.213, cpu 0.237); nothing stalls.")
    return k.finish("RC12-near-miss-single-gc-spike", ticks, desc, {"mustNotFire": ["RC12", "RC13"]})


@scenario
def rc13_fire() -> Scenario:
    k = Kit(B_520, zone(2), 1313, "2026-06-02")
    tl = k.tl
    up = k.start("08:00:00.412", "aliyun-tokenplan/qwen3.6-plus", seconds=3.1)
    tg, web = flows.telegram(tl, "6817720593"), flows.webchat(tl)
    first = flows.normal_turn(tl, tg, up + secs(1.9), tools=1)      # the backlog delivered at startup
    flows.queue_behind(tl, tg, up + secs(2.4), 1)
    _drain_queue(tl, tg, first.cursor + secs(0.1))
    _liveness(tl, up + secs(31.3), 30, 1210.4, 2811.6, 0.972, 0.981, phase="sidecars.model-prewarm",
              recent="sidecars.model-prewarm:2710ms,channels.telegram.start-account:820ms",
              reasons="event_loop_delay,event_loop_utilization")
    k.noise(web, "08:04:10.330", "08:10:52.417")
    k.noise(tg, "08:07:31.090")
    ticks = k.ticks("08:00:33.600", "08:14:00")
    desc = ("2026.5.20 cold start: one liveness warning ~31 s after 'ready' (phase=sidecars.model-prewarm, "
            "max delay 2.8 s, ELU 0.97) while the startup backlog is processed; no session gets stuck.")
    return k.finish("RC13-cold-start-noise", ticks, desc,
                    {"episodes": [{"rule": "RC13"}], "mustNotFire": ["RC12"]})


@scenario
def rc13_near_miss() -> Scenario:
    k = Kit(B_520, zone(2), 1314, "2026-06-03")
    tl = k.tl
    k.start("08:00:00.412", "aliyun-tokenplan/qwen3.6-plus", seconds=3.1)
    tg, web = flows.telegram(tl, "6817720593"), flows.webchat(tl)
    for hms in ("08:04:55.210", "08:07:02.884", "08:09:20.417"):
        flows.normal_turn(tl, tg, k.T(hms), tools=2, model_range=(14.0, 28.0))
    k.noise(web, "08:05:40.118", "08:08:31.562")
    ticks = k.ticks("08:00:33.600", "08:14:00")
    for n, (hms, p99, mx, elu) in enumerate((("08:05:33", 1890.2, 3120.8, 0.984), ("08:07:43", 2650.0, 6002.3, 0.991),
                                             ("08:09:53", 2011.7, 4480.5, 0.987))):
        at = next(t for t in ticks if t >= k.T(hms)) + ms(1)
        _liveness(tl, at, 30, p99, mx, elu, 0.978 + n * 0.005, degraded=None if n == 0 else 130 * n)
    desc = ("2026.5.20: sustained starvation five to ten minutes after startup (three liveness warnings, "
            "ELU≈0.99, max delay 3-6 s) — outside the 60 s cold-start window; turns are slow but nothing stalls.")
    return k.finish("RC13-near-miss-starvation-after-startup", ticks, desc,
                    {"episodes": [{"rule": "RC12"}], "mustNotFire": ["RC13"]})


# ------------------------------------------------------------------ RC14


@scenario
def rc14_fire() -> Scenario:
    k = Kit(B_520, zone(-3), 1414, "2026-06-05")
    tl = k.tl
    k.start("18:00:04.730", "aliyun-tokenplan/qwen3.6-plus")
    tg, web = flows.telegram(tl, "5503918826"), flows.webchat(tl)
    k.noise(web, "18:01:50.204", "18:09:12.665", "18:14:40.108")
    run = flows.begin_run(tl, tg, k.T("18:03:10.551"))
    flows.model_call(run, 3.4)
    flows.tool(tl, run, "web_search", 1.9)
    _hang_model_call(run)
    for n, hms in enumerate(("18:04:02.330", "18:05:47.918", "18:07:20.041")):
        flows.queue_behind(tl, tg, k.T(hms), n + 1)
    ticks = k.ticks("18:00:34.800", "18:16:00")
    w = Watch.of(run, kind="model_call")
    done = stalled_until_abort(tl, w, ticks, reason="active_work_without_progress",
                               classification="stalled_agent_run", settle_s=0.8)
    assert done is not None
    settled = flows.abort_cleanup(tl, run, done - secs(0.2))
    _drain_queue(tl, tg, settled + secs(0.1))
    desc = ("2026.5.20: a model-call stall in a telegram session while the user sends three more messages; "
            "after the abort each waits out its turn and logs 'lane wait exceeded' on the session lane "
            "(waits of minutes behind the stall).")
    return k.finish("RC14-lane-wait-backlog", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "recovered", "primary": "RC01", "contributing": ["RC14"],
                       "mustNotInclude": ["RC06", "RC07"]}]})


@scenario
def rc14_near_miss() -> Scenario:
    k = Kit(B_520, zone(-3), 1415, "2026-06-06")
    tl = k.tl
    k.start("05:58:02.017", "aliyun-tokenplan/qwen3.6-plus", plugins=["acpx", "memory-core", "telegram"])
    tg = flows.telegram(tl, "5503918826")
    digest = Session("agent:main:cron:rss-digest", tl.ids.uuid(), "cron", "unknown")
    triage = Session("agent:main:cron:inbox-triage", tl.ids.uuid(), "cron", "unknown")
    for hms in ("06:00:00.012", "06:10:00.009", "06:20:00.015"):
        first = _cron_run(tl, digest, k.T(hms), 4.1)
        _cron_run(tl, triage, k.T(hms) + ms(3), 9.6, wait_ms=millis(first.cursor - k.T(hms)) + 6, ahead=1)
    k.noise(tg, "06:04:31.660", "06:13:20.302", "06:22:48.815")
    ticks = k.ticks("05:58:32.100", "06:26:00")
    desc = ("2026.5.20: two cron jobs due at the same minute every 10 minutes; the second waits behind the "
            "first and logs 'lane wait exceeded: lane=cron …'; chats are unaffected.")
    # Cron-lane waits are reported as what they are (RC14, info: noise), never as a stall or a failure.
    return k.finish("RC14-near-miss-cron-lane-only", ticks, desc,
                    {"maxSeverity": "info", "mustNotFire": ["RC01", "RC02", "RC03", "RC06", "RC07", "RC15"]})


# ------------------------------------------------------------------ RC15


@scenario
def rc15_fire() -> Scenario:
    k = Kit(B_518, zone(8), 1515, "2026-05-27")
    tl = k.tl
    k.start("14:05:30.662", "aliyun-tokenplan/qwen3.6-plus")
    tg, wa = flows.telegram(tl, "7012345678"), flows.whatsapp(tl, "+16174402287")
    k.noise(wa, "14:07:02.118", "14:16:40.553", "14:21:12.906")
    run = flows.begin_run(tl, tg, k.T("14:10:02.304"))
    for model_s, tool, tool_s in ((6.0, "exec", 12.0), (9.0, "exec", 31.0), (11.0, "web_fetch", 3.0),
                                  (14.0, "exec", 44.0), (8.0, "exec", 0.0)):
        flows.model_call(run, model_s)
        if tool_s:
            flows.tool(tl, run, tool, tool_s)
    call = flows.tool_begin(tl, run, "exec")
    flows.tool_finish(tl, run, "exec", call, millis(run.run_at + secs(177.6) - run.cursor) / 1000)
    flows.queue_behind(tl, tg, run.started + secs(150), 1)
    tl.log(run.run_at + secs(180), "warn", "agent/embedded", m.run_timeout(run.run_id, tg.session_id, 180000))
    ticks = k.ticks("14:06:00.740", "14:24:00")
    w = Watch.of(run)
    for t in backoff_ticks(ticks, w, until=stalled_ticks(ticks, w)[0]):
        warn(tl, w, t, "long-running session", reason="active_work", classification="long_running",
             recovery="none")
    done = stalled_until_abort(tl, w, ticks, reason="active_work_without_progress",
                               classification="stalled_agent_run", settle_s=1.0)
    assert done is not None
    settled = flows.abort_cleanup(tl, run, done - secs(0.4), error="embedded run timeout")
    _drain_queue(tl, tg, settled + secs(0.2))
    desc = ("2026.5.18 with timeoutSeconds=180: a busy run (exec/web_fetch tools) hits 'embedded run timeout "
            "… timeoutMs=180000' and then nothing — no run done/cleared, lane task done or idle for that runId; "
            "stalled from 120 s later, aborted at 360 s.")
    return k.finish("RC15-run-timeout-without-cleanup", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "recovered", "primary": "RC15",
                       "mustNotInclude": ["RC01", "RC02", "RC03", "RC06", "RC07"]}]})


@scenario
def rc15_near_miss() -> Scenario:
    k = Kit(B_518, zone(8), 1516, "2026-05-28")
    tl = k.tl
    k.start("14:05:30.662", "aliyun-tokenplan/qwen3.6-plus")
    tg, wa = flows.telegram(tl, "7012345678"), flows.whatsapp(tl, "+16174402287")
    k.noise(wa, "14:07:02.118", "14:13:40.553")
    run = flows.begin_run(tl, tg, k.T("14:09:02.304"))
    flows.model_call(run, 7.0)
    flows.tool_begin(tl, run, "browser")
    timeout_at = run.run_at + secs(120)
    tl.log(timeout_at, "warn", "agent/embedded", m.run_timeout(run.run_id, tg.session_id, 120000))
    flows.abort_cleanup(tl, run, timeout_at + secs(0.35), error="embedded run timeout")
    k.noise(tg, "14:12:40.017")
    ticks = k.ticks("14:06:00.740", "14:16:00")
    desc = ("2026.5.18 with timeoutSeconds=120: 'embedded run timeout' followed within a second by "
            "agent end, 'embedded run done … aborted=true', run cleared, lane task done and session idle.")
    return k.finish("RC15-near-miss-timeout-with-cleanup", ticks, desc, {"mustNotFire": ["RC15"]})


# ------------------------------------------------------------------ RC16


def _overflow(tl: Timeline, run: Run) -> None:
    run.cursor += ms(180)
    tl.log(run.cursor, "warn", "agent/embedded", m.context_overflow(1, 3, "/".join(flows.model_of(tl, run.session))))
    run.cursor += ms(95)
    tl.log(run.cursor, "debug", "agent/embedded", m.compaction(run.run_id, "start"))


@scenario
def rc16_fire() -> Scenario:
    k = Kit(B_518, zone(10), 1616, "2026-05-29")
    tl = k.tl
    k.start("20:25:11.338", "aliyun-tokenplan/qwen3.6-plus")
    tg, web = flows.telegram(tl, "6677120398"), flows.webchat(tl)
    k.noise(web, "20:27:40.502", "20:35:12.018", "20:41:05.660")
    run = flows.begin_run(tl, tg, k.T("20:30:04.117"))
    for model_s in (8.0, 12.0, 15.0):
        flows.model_call(run, model_s)
        flows.tool(tl, run, "read", 0.3)
    _overflow(tl, run)
    tl.log(run.cursor + secs(180), "warn", "agent/embedded", m.compact_threw("/".join(flows.model_of(tl, tg)),
                                                                             "Error: Compaction timed out"))
    flows.queue_behind(tl, tg, run.started + secs(70), 1)
    ticks = k.ticks("20:25:41.400", "20:44:00")
    w = Watch.of(run)
    done = stalled_until_abort(tl, w, ticks, reason="active_work_without_progress",
                               classification="stalled_agent_run", settle_s=1.0)
    assert done is not None
    settled = flows.abort_cleanup(tl, run, done - secs(0.5), error="Compaction timed out",
                                  failover_reason="unknown")
    _drain_queue(tl, tg, settled + secs(0.2))
    desc = ("2026.5.18: three large file reads overflow the context; 'context overflow detected … attempting "
            "auto-compaction', 'embedded run compaction start' and no progress after it; the compaction times "
            "out after 180 s, the session stays stalled until the 360 s abort.")
    return k.finish("RC16-compaction-stall", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "recovered", "primary": "RC16",
                       "mustNotInclude": ["RC01", "RC02", "RC03", "RC06", "RC07"]}]})


@scenario
def rc16_near_miss() -> Scenario:
    k = Kit(B_518, zone(10), 1617, "2026-05-30")
    tl = k.tl
    k.start("20:25:11.338", "aliyun-tokenplan/qwen3.6-plus")
    tg, web = flows.telegram(tl, "6677120398"), flows.webchat(tl)
    k.noise(web, "20:27:40.502", "20:36:12.018")
    run = flows.begin_run(tl, tg, k.T("20:30:04.117"))
    for model_s in (8.0, 12.0, 15.0):
        flows.model_call(run, model_s)
        flows.tool(tl, run, "read", 0.3)
    _overflow(tl, run)
    run.cursor += secs(23.4)                      # compaction finishes; the turn resumes
    flows.model_call(run, 9.8)
    flows.tool(tl, run, "write", 0.1)
    flows.model_call(run, 6.6)
    flows.finish_run(tl, run)
    ticks = k.ticks("20:25:41.400", "20:40:00")
    desc = ("2026.5.18: the same context overflow and 'embedded run compaction start', but the turn resumes "
            "23 s later (model call, write tool) and completes; no stall.")
    return k.finish("RC16-near-miss-compaction-completes", ticks, desc, {"mustNotFire": ["RC16"]})


# ------------------------------------------------------------------ RC17


def _restart(k: Kit, at: datetime, *, runs: int, drained: bool) -> datetime:
    tl = k.tl
    tl.log(at, "warn", "gateway/reload", m.config_requires_restart("plugins.entries.browser.enabled"))
    tl.log(at + ms(140), "info", "gateway", m.signal_received("SIGUSR1"))
    tl.log(at + ms(142), "info", "gateway", m.received_signal_action("SIGUSR1", "restarting"))
    tl.log(at + ms(150), "info", "gateway", m.restart_mode("in-process", "config change"))
    tl.log(at + ms(153), "info", "gateway", m.draining(0, runs, 30000))
    end = at + (secs(0.4) if drained else secs(30.153))
    if drained:
        tl.log(end, "info", "gateway", "all active work drained")
    else:
        tl.log(end, "warn", "gateway", "drain timeout reached; proceeding with restart")
    return end


@scenario
def rc17_fire() -> Scenario:
    k = Kit(B_520, zone(0), 1717, "2026-06-08")
    tl = k.tl
    k.start("11:20:00.551", "aliyun-tokenplan/qwen3.6-plus")
    tg, wa = flows.telegram(tl, "6230084471"), flows.whatsapp(tl, "+16179043318")
    k.noise(wa, "11:22:40.118", "11:28:03.902")
    run = flows.begin_run(tl, tg, k.T("11:30:05.203"))
    flows.model_call(run, 5.2)
    flows.tool_begin(tl, run, "exec")
    end = _restart(k, k.T("11:31:10.337"), runs=1, drained=False)
    tl.diag(end + ms(90), "error", m.lane_task_error(tg.lane, millis(end + ms(90) - run.lane_at),
                                                     "AbortError: This operation was aborted"))
    run.busy.end = end + ms(91)  # type: ignore[attr-defined]
    tl.diag(end + ms(92), "debug", m.session_state(tg.session_id, tg.key, "processing", "idle", "", 0))
    up = flows.startup(tl, end + secs(0.6), model_ref=tl.model_ref,
                       plugins=["acpx", "memory-core", "telegram", "whatsapp"],
                       log_path="/tmp/openclaw/openclaw-2026-06-08.log", seconds=2.2)
    # restart recovery re-dispatches the interrupted turn; the old run still owns the session
    resumed = flows.begin_run(tl, tg, up + secs(3.1))
    tl.log(resumed.cursor + ms(240), "info", "main-session-restart-recovery", m.restart_recovery_resumed(tg.key))
    tl.log(resumed.cursor + ms(243), "info", "main-session-restart-recovery", m.restart_recovery_complete(1, 0, 0))
    resumed.mark(resumed.cursor + ms(820), "embedded_run:recovery_skipped_active_owner")
    flows.queue_behind(tl, tg, k.T("11:32:30.412"), 1)
    ticks = k.ticks("11:20:30.100", "11:31:40") + tl.ticks(up + secs(30), k.T("11:42:00"))
    w = Watch.of(resumed)
    done = stalled_until_abort(tl, w, ticks, reason="active_work_without_progress",
                               classification="stalled_agent_run", settle_s=1.0)
    assert done is not None
    settled = flows.abort_cleanup(tl, resumed, done - secs(0.5), error="aborted by stuck session recovery",
                                  failover_reason="unknown")
    _drain_queue(tl, tg, settled + secs(0.2))
    k.noise(wa, "11:39:20.660")
    desc = ("2026.5.20: a config change triggers SIGUSR1 and an in-process restart while a telegram run is "
            "in an exec tool; the drain times out and the run dies with 'AbortError: This operation was "
            "aborted' (no run end). Restart recovery resumes the interrupted turn ('resumed interrupted main "
            "session: …') but the "
            "resumed run never progresses (lastProgress=embedded_run:recovery_skipped_active_owner); stalled "
            "from 120 s after the restart, aborted at 360 s.")
    return k.finish("RC17-restart-interrupted-run", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "recovered", "primary": "RC17",
                       "mustNotInclude": ["RC03", "RC05", "RC06", "RC07"]}]})


@scenario
def rc17_near_miss() -> Scenario:
    k = Kit(B_520, zone(0), 1718, "2026-06-09")
    tl = k.tl
    k.start("11:20:00.551", "aliyun-tokenplan/qwen3.6-plus")
    tg, wa = flows.telegram(tl, "6230084471"), flows.whatsapp(tl, "+16179043318")
    k.noise(tg, "11:24:10.205")
    end = _restart(k, k.T("11:27:40.118"), runs=0, drained=True)
    up = flows.startup(tl, end + secs(0.5), model_ref=tl.model_ref, plugins=["acpx", "memory-core", "telegram", "whatsapp"],
                       log_path="/tmp/openclaw/openclaw-2026-06-09.log", seconds=2.2)
    k.noise(tg, "11:30:02.771", "11:36:44.019")
    k.noise(wa, "11:32:18.550")
    ticks = k.ticks("11:20:30.100", "11:27:40") + tl.ticks(up + secs(30), k.T("11:40:00"))
    desc = ("2026.5.20: a config-change SIGUSR1 restart while idle ('draining 0 … 0 active embedded run(s)', "
            "'all active work drained'); traffic before and after is normal.")
    return k.finish("RC17-near-miss-idle-restart", ticks, desc, {"mustNotFire": ["RC17"]})


# ------------------------------------------------------------------ RC18


def _provider_start(tl: Timeline, at: datetime) -> None:
    tl.log(at, "info", "gateway/channels/whatsapp", "[default] starting provider (+16175550142)")


@scenario
def rc18_fire() -> Scenario:
    k = Kit(B_520, zone(-5), 1818, "2026-06-10")
    tl = k.tl
    up = k.start("08:58:00.220", "aliyun-tokenplan/qwen3.6-plus")
    _provider_start(tl, up + secs(1.3))
    wa, tg, web = flows.whatsapp(tl, "+16172650913"), flows.telegram(tl, "7145530982"), flows.webchat(tl)
    k.noise(wa, "09:01:10.403", "09:03:55.118")
    k.noise(tg, "09:02:30.776")
    k.noise(web, "09:05:00.205")
    for hms in ("09:34:02.118", "09:39:02.120", "09:44:02.117", "09:49:02.121", "09:54:02.119"):
        at = k.T(hms)
        tl.log(at, "info", "gateway/health-monitor", m.health_monitor_restarting("whatsapp", "default", "stale-socket"))
        _provider_start(tl, at + secs(1.21))
    ticks = k.ticks("08:58:30.300", "09:56:00")
    desc = ("2026.5.20: WhatsApp stops delivering after 09:04; from 09:34 the health monitor restarts the "
            "account every 5 minutes ('[whatsapp:default] health-monitor: restarting (reason: stale-socket)') "
            "with no inbound message in between and no session processing.")
    return k.finish("RC18-channel-ingress-stall", ticks, desc,
                    {"episodes": [{"rule": "RC18"}], "mustNotFire": ["RC06", "RC07", "RC12"]})


@scenario
def rc18_near_miss() -> Scenario:
    k = Kit(B_520, zone(-5), 1819, "2026-06-11")
    tl = k.tl
    up = k.start("08:58:00.220", "aliyun-tokenplan/qwen3.6-plus")
    _provider_start(tl, up + secs(1.3))
    wa, tg = flows.whatsapp(tl, "+16172650913"), flows.telegram(tl, "7145530982")
    k.noise(wa, "09:01:10.403", "09:21:40.662", "09:26:13.004")
    k.noise(tg, "09:10:31.228")
    at = k.T("09:20:02.118")
    tl.log(at, "info", "gateway/health-monitor", m.health_monitor_restarting("whatsapp", "default", "disconnected"))
    _provider_start(tl, at + secs(1.21))
    ticks = k.ticks("08:58:30.300", "09:30:00")
    desc = ("2026.5.20: one health-monitor restart of the WhatsApp account (reason: disconnected); inbound "
            "messages resume a minute later and are answered.")
    return k.finish("RC18-near-miss-single-reconnect", ticks, desc, {"mustNotFire": ["RC18"]})


# ------------------------------------------------------------- concurrent


@scenario
def concurrent() -> Scenario:
    k = Kit(B_520, zone(10), 1900, "2026-06-12")
    tl = k.tl
    k.start("19:00:00.318", "aliyun-tokenplan/qwen3.6-plus", plugins=["acpx", "discord", "memory-core", "telegram", "whatsapp"])
    a, b = flows.telegram(tl, "7012349911"), flows.whatsapp(tl, "+16173328854")
    c, d = flows.discord(tl, "1400212390014021122"), flows.webchat(tl)
    e = flows.telegram(tl, "5839201746")
    k.noise(e, "19:02:11.402", "19:09:40.773", "19:16:05.118", "19:22:30.660")
    ticks = k.ticks("19:00:30.400", "19:25:00")
    # A: blocked exec tool (RC03), recovered at the 15-min floor
    ra = flows.begin_run(tl, a, k.T("19:05:10.226"))
    flows.model_call(ra, 3.9)
    call = flows.tool_begin(tl, ra, "exec")
    flows.queue_behind(tl, a, k.T("19:07:02.551"), 1)
    wa_ = Watch.of(ra, kind="tool_call", tool="exec", tool_call=call, tool_since=ra.cursor)
    # B: ghost run (RC02)
    rb = flows.begin_run(tl, b, k.T("19:06:40.118"))
    flows.model_call(rb, 7.7)
    rb.cursor += ms(11)
    tl.log(rb.cursor, "debug", "agent/embedded", m.agent_end(rb.run_id, False))
    rb.mark(rb.cursor, "run:completed")
    flows.queue_behind(tl, b, k.T("19:07:31.290"), 1)
    wb = Watch.of(rb)
    # C: model call hang (RC01)
    rc = flows.begin_run(tl, c, k.T("19:08:15.667"))
    _hang_model_call(rc)
    flows.queue_behind(tl, c, k.T("19:09:02.004"), 1)
    wc = Watch.of(rc, kind="model_call")
    for w, run, kw in ((wb, rb, dict(reason="queued_behind_terminal_active_work")),
                       (wc, rc, dict(reason="active_work_without_progress")),
                       (wa_, ra, dict(reason="blocked_tool_call", abort_age=900))):
        classification = "blocked_tool_call" if w is wa_ else "stalled_agent_run"
        done = stalled_until_abort(tl, w, ticks, classification=classification, settle_s=1.0, **kw)
        assert done is not None
        settled = flows.abort_cleanup(tl, run, done - secs(0.5), error=None if w is wb else "Request was aborted")
        _drain_queue(tl, w.session, settled + secs(0.2))
    # D: a dead process's lock on the main session (RC09)
    lock = f"/home/ryan/.openclaw/agents/main/sessions/{d.session_id}.jsonl.lock"
    created = k.T("18:41:07.330")
    for hms in ("19:04:02.291", "19:11:30.805", "19:19:45.118"):
        at = k.T(hms)
        lock_failure(tl, d, at, 60.0, m.session_file_locked(60000, 7718, lock, alive=False,
                                                            age_ms=millis(at + secs(60) - created), typed=True))
    lock_pending(tl, d, k.T("19:24:20.407"))
    desc = ("2026.5.20, four incidents at once in different sessions: telegram A blocked in exec (RC03, "
            "aborted at 900 s), whatsapp B ghost run after the reply (RC02), discord C model call that never "
            "returns (RC01), webchat D failing on a dead process's write lock (RC09, alive=false); plus a "
            "healthy telegram session.")
    return k.finish("concurrent-incidents", ticks, desc, {
        "incidents": [
            {"session": a.key, "status": "recovered", "primary": "RC03", "mustNotInclude": ["RC01", "RC02", "RC09"]},
            {"session": b.key, "status": "recovered", "primary": "RC02", "mustNotInclude": ["RC01", "RC03", "RC09"]},
            {"session": c.key, "status": "recovered", "primary": "RC01", "mustNotInclude": ["RC02", "RC03", "RC09"]},
            {"session": d.key, "status": "still_stuck", "primary": "RC09",
             "mustNotInclude": ["RC01", "RC02", "RC03", "RC08"]},
        ],
        "mustNotFire": ["RC11", "RC12", "RC13", "RC18"]})
