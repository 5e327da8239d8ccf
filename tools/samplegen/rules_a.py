"""Rule scenarios RC01-RC09: one file each class must fire on, one near miss.

Every expectation is derived from root-causes.md: the primary class is the
earliest fault that explains the stall (judged against the back-computed
start), later evidence is contributing, recovery-outcome classes are primary
only when nothing earlier is visible.
"""
from __future__ import annotations

from datetime import datetime

from . import flows
from . import messages as m
from .clock import millis, ms, secs, zone
from .flows import Run, Session
from .incidents import recovery, stalled_every_tick, stalled_until_abort
from .kit import B_402, B_405, B_410, B_502, B_518, B_520, B_520_MAC, B_602, Kit, Scenario, scenario
from .timeline import Timeline
from .watch import Watch, backoff_ticks, old_stuck, stalled_ticks, warn


def _hang_model_call(run: Run) -> None:
    """A model call starts and never returns."""
    run.cursor += ms(30)
    run.mark(run.cursor, "model_call:started")


def _drain_queue(tl: Timeline, s: Session, at: datetime, model_s: float = 7.5) -> datetime:
    """Run every queued message of ``s`` in turn, starting at ``at``."""
    t = at
    while s.pending:
        run = flows.begin_run(tl, s, t, from_queue=True)
        flows.model_call(run, model_s)
        t = flows.finish_run(tl, run) + ms(tl.ids.int(20, 60))
    return t


# ------------------------------------------------------------------ RC01


@scenario
def rc01_fire() -> Scenario:
    k = Kit(B_602, zone(1), 601, "2026-06-04")
    tl = k.tl
    k.start("13:58:02.114", "aliyun-tokenplan/qwen3.6-plus")
    tg, web, wa = flows.telegram(tl, "6711042953"), flows.webchat(tl), flows.whatsapp(tl, "+16175093318")
    k.noise(web, "14:00:41.220", "14:07:12.905", "14:13:30.118")
    k.noise(wa, "14:03:05.770", "14:10:44.302")
    run = flows.begin_run(tl, tg, k.T("14:02:00.310"))
    _hang_model_call(run)
    flows.queue_behind(tl, tg, k.T("14:02:48.115"), 1)
    ticks = k.ticks("13:58:32.400", "14:16:00")
    w = Watch.of(run, kind="model_call")
    abort_tick = next(t for t in ticks if w.age(t) >= 360)
    for t in backoff_ticks(ticks, w, until=abort_tick):
        warn(tl, w, t, "long-running session", reason="active_model_call_without_progress",
             classification="long_running", recovery="none")
    age = warn(tl, w, abort_tick, "stalled session", reason="active_work_without_progress",
               classification="stalled_agent_run", recovery="checking")
    tl.log(abort_tick + secs(0.41), "warn", "agent/embedded", m.failover_decision(
        run.run_id, "prompt", "surface_error", "timeout", "aliyun-tokenplan/qwen3.6-plus", "Request was aborted"))
    settled = flows.abort_cleanup(tl, run, abort_tick + secs(0.63))
    recovery(tl, w, abort_tick, age, settle_s=0.9)
    _drain_queue(tl, tg, settled + secs(0.3))
    desc = ("2026.6.2: a telegram model call never returns (lastProgress=model_call:started, "
            "lastProgressAge≈age); long-running at 120/240 s, stalled at 360 s, aborted "
            "(released=1, failover rawError=Request was aborted); queued message then answered.")
    return k.finish("RC01-model-call-hang", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "recovered", "primary": "RC01",
                       "mustNotInclude": ["RC02", "RC03", "RC06", "RC07", "RC15"]}],
        "mustNotFire": ["RC11", "RC12", "RC13"]})


@scenario
def rc01_near_miss() -> Scenario:
    k = Kit(B_602, zone(1), 602, "2026-06-05")
    tl = k.tl
    k.start("10:14:40.902", "aliyun-tokenplan/qwen3.6-plus")
    tg, web = flows.telegram(tl, "6711042953"), flows.webchat(tl)
    k.noise(web, "10:16:02.441", "10:24:50.730")
    run = flows.begin_run(tl, tg, k.T("10:20:00.118"))
    _hang_model_call(run)
    for offset in (25.2, 52.9, 80.4, 111.7, 140.3, 166.8):   # provider 429 → retry, progress refreshed
        run.mark(run.started + secs(offset), "model_call:started")
    flows.queue_behind(tl, tg, k.T("10:20:41.306"), 1)
    run.cursor = run.started + secs(189.6)
    run.mark(run.cursor, "model_call:ended")
    flows.tool(tl, run, "web_fetch", 2.2)
    flows.model_call(run, 8.1)
    flows.finish_run(tl, run)
    _drain_queue(tl, tg, run.cursor + secs(0.2))
    ticks = k.ticks("10:15:10.770", "10:29:00")
    w = Watch.of(run, kind="model_call")
    for t in backoff_ticks(ticks, w, until=run.cursor):
        warn(tl, w, t, "long-running session", reason="provider_retry_wait", classification="long_running",
             recovery="none")
    desc = ("2026.6.2: a slow provider retrying (reason=provider_retry_wait, lastProgressAge small "
            "because every retry restarts the call); one long-running warning, the run completes by itself.")
    return k.finish("RC01-near-miss-provider-retry-progress", ticks, desc,
                    {"mustNotFire": ["RC01", "RC06", "RC07"]})


# ------------------------------------------------------------------ RC02


@scenario
def rc02_fire() -> Scenario:
    k = Kit(B_518, zone(8), 202, "2026-05-19")
    tl = k.tl
    k.start("09:05:11.384", "aliyun-tokenplan/qwen3.6-plus", plugins=["acpx", "discord", "telegram", "whatsapp"])
    tg = flows.telegram(tl, "5839201746")
    wa, dc = flows.whatsapp(tl, "+16174402287"), flows.discord(tl, "1371964406528393237")
    k.noise(wa, "09:28:15.660", "09:36:40.227", "09:41:02.915")
    k.noise(dc, "09:32:51.018", "09:39:20.503")
    run = flows.begin_run(tl, tg, k.T("09:30:05.220"))
    flows.model_call(run, 6.1)
    flows.tool(tl, run, "read", 0.2)
    flows.model_call(run, 9.4)
    run.cursor += ms(12)
    tl.log(run.cursor, "debug", "agent/embedded", m.agent_end(run.run_id, False))
    run.mark(run.cursor, "run:completed")       # reply delivered, the run never ends
    flows.queue_behind(tl, tg, k.T("09:31:02.870"), 1)
    ticks = k.ticks("09:05:41.310", "09:45:00")
    w = Watch.of(run)
    done = stalled_until_abort(tl, w, ticks, reason="queued_behind_terminal_active_work",
                               classification="stalled_agent_run", settle_s=0.9)
    assert done is not None
    settled = flows.abort_cleanup(tl, run, done - secs(0.3), error=None)
    _drain_queue(tl, tg, settled + secs(0.4))
    desc = ("2026.5.18: ghost run — the reply is delivered (agent end) but the run never ends; "
            "stalled with lastProgress=run:completed terminalProgressStale=true queueDepth=1; aborted "
            "at 360 s (released=1) and the queued message is answered.")
    return k.finish("RC02-ghost-run", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "recovered", "primary": "RC02",
                       "mustNotInclude": ["RC01", "RC03", "RC06", "RC07", "RC15"]}],
        "mustNotFire": ["RC12"]})


@scenario
def rc02_near_miss() -> Scenario:
    k = Kit(B_518, zone(8), 203, "2026-05-20")
    tl = k.tl
    k.start("16:40:03.002", "aliyun-tokenplan/qwen3.6-plus")
    tg, web = flows.telegram(tl, "5839201746"), flows.webchat(tl)
    k.noise(web, "16:41:20.550", "16:50:02.118")
    ticks = k.ticks("16:40:33.050", "16:55:00")
    run = flows.begin_run(tl, tg, k.T("16:44:00.412"))
    flows.queue_behind(tl, tg, k.T("16:44:31.905"), 1)
    w = Watch.of(run)
    first = next(t for t in ticks if w.age(t) >= 120)
    second = next(t for t in ticks if w.age(t) >= max(w.age(first) + 120, 2 * w.age(first)))
    tools = ("exec", "read", "web_fetch", "exec", "write", "exec", "read")
    n = 0
    for mark in (first, second, run.started + secs(290)):
        while run.cursor < mark - secs(16):
            flows.model_call(run, tl.ids.between(3.0, 6.0))
            flows.tool(tl, run, tools[n % len(tools)], tl.ids.between(1.0, 4.0))
            n += 1
        flows.model_call_until(run, mark - secs(3.2))   # the tick sees a fresh model_call:ended
        run.cursor = mark + secs(1.1)
    flows.finish_run(tl, run)
    _drain_queue(tl, tg, run.cursor + secs(0.2))
    for t in backoff_ticks(ticks, w, until=run.cursor):
        warn(tl, w, t, "long-running session", reason="active_work", classification="long_running",
             recovery="none")
    desc = ("2026.5.18: a long agentic turn (many short model calls and tools) flagged long-running at "
            "120/240 s with a terminal-looking lastProgress=model_call:ended but lastProgressAge=3s; "
            "it completes by itself at ~290 s.")
    return k.finish("RC02-near-miss-fresh-terminal-progress", ticks, desc,
                    {"mustNotFire": ["RC02", "RC06", "RC07"]})


# ------------------------------------------------------------------ RC03


@scenario
def rc03_fire() -> Scenario:
    k = Kit(B_520, zone(2), 303, "2026-05-27")
    tl = k.tl
    k.start("15:58:40.771", "openrouter/moonshotai/kimi-k2")
    tg, web, wa = flows.telegram(tl, "7204418853"), flows.webchat(tl), flows.whatsapp(tl, "+16172287340")
    k.noise(web, "16:01:30.118", "16:08:12.774", "16:15:40.305")
    k.noise(wa, "16:04:51.902", "16:12:03.440")
    run = flows.begin_run(tl, tg, k.T("16:00:10.246"))
    flows.model_call(run, 4.2)
    call = flows.tool_begin(tl, run, "exec")     # `npm run dev` without nohup: never returns
    flows.queue_behind(tl, tg, k.T("16:03:30.611"), 1)
    ticks = k.ticks("15:59:10.810", "16:19:00")
    w = Watch.of(run, kind="tool_call", tool="exec", tool_call=call, tool_since=run.cursor)
    done = stalled_until_abort(tl, w, ticks, reason="blocked_tool_call", classification="blocked_tool_call",
                               abort_age=900, settle_s=1.3)
    assert done is not None
    tl.root(done - secs(0.9), "warn", "[tools] exec failed: Command aborted by signal SIGTERM",
            method="console.warn")
    settled = flows.abort_cleanup(tl, run, done - secs(0.7), error="aborted by stuck session recovery",
                                  failover_reason="unknown")
    _drain_queue(tl, tg, settled + secs(0.3))
    desc = ("2026.5.20: an exec tool (dev server without nohup) never returns: blocked_tool_call with "
            "activeTool=exec, recovery=none until the 15-min floor, then aborted (released=1).")
    return k.finish("RC03-blocked-tool-call", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "recovered", "primary": "RC03",
                       "mustNotInclude": ["RC01", "RC02", "RC06", "RC07", "RC15"]}],
        "mustNotFire": ["RC12"]})


@scenario
def rc03_near_miss() -> Scenario:
    k = Kit(B_520, zone(2), 304, "2026-05-28")
    tl = k.tl
    k.start("11:00:02.530", "openrouter/moonshotai/kimi-k2", plugins=["acpx", "browser", "telegram"])
    tg, web = flows.telegram(tl, "7204418853"), flows.webchat(tl)
    k.noise(web, "11:02:10.802", "11:09:33.270")
    run = flows.begin_run(tl, tg, k.T("11:04:20.155"))
    flows.model_call(run, 3.8)
    call = flows.tool_begin(tl, run, "browser")
    # the tool adapter's logError text around the browser client's error (src/browser/client-fetch.ts)
    tl.root(run.cursor + secs(15.0), "error",
            "[tools] browser failed: Can't reach the OpenClaw browser control service (timed out after 15000ms). "
            "Restart the OpenClaw gateway (OpenClaw.app menubar, or `openclaw gateway`).")
    flows.tool_finish(tl, run, "browser", call, 15.004)
    flows.model_call(run, 5.6)
    flows.tool(tl, run, "web_fetch", 1.7)
    flows.model_call(run, 7.3)
    flows.finish_run(tl, run)
    ticks = k.ticks("11:00:32.600", "11:12:00")
    desc = ("2026.5.20: a browser tool call fails after 15 s ('[tools] browser failed: Can't reach the OpenClaw "
            "browser control service (timed out after 15000ms)') but the run carries on and completes; no stall.")
    return k.finish("RC03-near-miss-tool-error-no-stall", ticks, desc, {"mustNotFire": ["RC03"]})


# ------------------------------------------------------------------ RC04


def _cli_turn(tl: Timeline, s: Session, at: datetime, seconds: float, *,
              from_queue: bool = False) -> datetime:
    """A turn on a CLI backend (claude-cli): no embedded-run lines, cli-backend lines instead."""
    run = flows.begin_cli_run(tl, s, at, from_queue=from_queue)
    run.cursor = run.run_at + secs(seconds)
    return flows.finish_cli_run(tl, run)


@scenario
def rc04_fire() -> Scenario:
    k = Kit(B_520_MAC, zone(-7), 404, "2026-05-26")
    tl = k.tl
    k.start("09:55:10.402", "claude-cli/claude-opus-4-6", plugins=["acpx", "memory-core", "telegram"])
    tg, web = flows.telegram(tl, "6390218874"), flows.webchat(tl)
    _cli_turn(tl, web, k.T("09:57:02.118"), 41.3)
    run = flows.begin_cli_run(tl, tg, k.T("10:00:03.551"))
    flows.queue_behind(tl, tg, k.T("10:01:10.207"), 1)
    ticks = k.ticks("09:55:40.480", "10:12:00")
    w = Watch.manual(tg, run.started, run.run_at, "cli_live:stream_progress", kind=None)
    end = run.run_at + secs(298.4)
    for t in ticks:                       # the CLI keeps streaming: progress every second or so
        if run.run_at < t < end:
            w.history.append((t - ms(tl.ids.int(60, 480)), "cli_live:stream_progress"))
    for t in backoff_ticks(ticks, w, until=end):
        warn(tl, w, t, "stuck session", reason="queued_work_without_active_run",
             classification="stale_session_state", recovery="checking")
    run.cursor = end
    flows.finish_cli_run(tl, run)
    t = run.cursor + secs(0.1)
    while tg.pending:
        t = _cli_turn(tl, tg, t, 37.9, from_queue=True) + secs(0.1)
    _cli_turn(tl, web, k.T("10:07:44.903"), 22.6)
    desc = ("2026.5.20 on the claude-cli backend: a healthy CLI turn (still streaming, "
            "lastProgress=cli_live:stream_progress lastProgressAge=0s) flagged twice (back-off) as 'stuck "
            "session … stale_session_state queued_work_without_active_run'; it finishes normally at ~300 s.")
    return k.finish("RC04-detector-false-positive", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "false_positive", "primary": "RC04",
                       "mustNotInclude": ["RC01", "RC05", "RC06", "RC07"]}],
        "mustNotFire": ["RC05"]})


@scenario
def rc04_near_miss() -> Scenario:
    k = Kit(B_520_MAC, zone(-7), 405, "2026-05-27")
    tl = k.tl
    k.start("09:55:10.402", "claude-cli/claude-opus-4-6", plugins=["acpx", "memory-core", "telegram"])
    tg, web = flows.telegram(tl, "6390218874"), flows.webchat(tl)
    _cli_turn(tl, web, k.T("09:58:30.640"), 28.0)
    run = flows.begin_cli_run(tl, tg, k.T("10:00:03.551"))
    last = run.run_at + secs(41.7)       # the CLI stops streaming here
    w = Watch.manual(tg, run.started, last, "cli_live:stream_progress")
    for step in (3.1, 9.8, 17.2, 26.0, 33.4):
        w.history.insert(-1, (run.run_at + secs(step), "cli_live:stream_progress"))
    ticks = k.ticks("09:55:40.480", "10:12:00")
    done = stalled_until_abort(tl, w, ticks, reason="active_work_without_progress",
                               classification="stalled_agent_run", settle_s=1.1)
    assert done is not None
    run.cursor = done - secs(0.6)
    flows.finish_cli_run(tl, run, aborted=True)
    _cli_turn(tl, web, k.T("10:09:12.004"), 19.5)
    desc = ("2026.5.20 claude-cli backend, a real stall: the CLI stops streaming, lastProgressAge grows "
            "past the warn threshold, stalled_agent_run, aborted at 360 s (the live CLI session is closed, "
            "reason=abort).")
    return k.finish("RC04-near-miss-real-cli-stall", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "recovered", "mustNotInclude": ["RC04"]}],
        "mustNotFire": ["RC04"]})


# ------------------------------------------------------------------ RC05


@scenario
def rc05_fire() -> Scenario:
    k = Kit(B_520, zone(5, 30), 505, "2026-05-29")
    tl = k.tl
    k.start("10:56:02.007", "aliyun-tokenplan/qwen3.6-plus")
    tg, web, wa = flows.telegram(tl, "8841207735"), flows.webchat(tl), flows.whatsapp(tl, "+16176604219")
    k.noise(web, "10:58:40.512", "11:09:03.381", "11:17:12.860")
    k.noise(wa, "11:04:21.775", "11:13:48.090")
    run = flows.begin_run(tl, tg, k.T("11:00:05.312"))
    flows.model_call(run, 11.2)
    flows.tool(tl, run, "memory_search", 0.4)
    flows.model_call(run, 18.9)
    # the run ends, but the reply-dispatch handle leaks: the session never returns to idle
    t = run.cursor + ms(14)
    tl.log(t, "debug", "agent/embedded", m.agent_end(run.run_id, False))
    tl.log(t + ms(2), "debug", "agent/embedded", m.prompt_end(run.run_id, tg.session_id, millis(t - run.prompt_at)))
    tl.log(t + ms(6), "debug", "agent/embedded", m.run_done(run.run_id, tg.session_id, millis(t - run.run_at), False))
    run.busy.end = t + ms(7)  # type: ignore[attr-defined]
    tl.diag(t + ms(7), "debug", m.run_cleared(tg.session_id, tl.active_at(t + ms(7))))
    tl.diag(t + ms(8), "debug", m.lane_task_done("main", millis(t - run.main_at), 0, 0))
    run.mark(t, "run:completed")
    tl.mark(tg.key, t, None, kind="run")      # the diagnostic state still counts it as active
    flows.queue_behind(tl, tg, k.T("11:01:40.905"), 1)
    flows.queue_behind(tl, tg, k.T("11:06:12.338"), 2)
    ticks = k.ticks("10:56:32.100", "11:22:00")
    w = Watch.of(run, kind=None)
    for tick in backoff_ticks(ticks, w):
        depth = w.depth(tl, tick)
        warn(tl, w, tick, "stuck session", reason="queued_work_without_active_run",
             classification="stale_session_state", recovery="checking")
        tl.diag(tick + ms(9), "warn", m.recovery_outcome(
            "skipped", "keep_lane", tg.session_id, tg.key, active_session_id=tg.session_id, lane=tg.lane,
            reason="active_reply_work", queued_count=depth, lane_active=1, lane_queued=depth))
    desc = ("2026.5.20: a leaked reply-dispatch handle keeps a telegram session 'processing' after its run "
            "ended; 'stuck session … stale_session_state queued_work_without_active_run' backing off (147/297/597/1197 s), "
            "each recovery skipped (keep_lane, active_reply_work) while lastProgressAge grows; never clears.")
    return k.finish("RC05-stale-session-state", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "still_stuck", "primary": "RC05",
                       "mustNotInclude": ["RC02", "RC04", "RC06", "RC07"]}],
        "mustNotFire": ["RC04"]})


@scenario
def rc05_near_miss() -> Scenario:
    k = Kit(B_518, zone(8), 506, "2026-05-22")
    tl = k.tl
    k.start("21:02:44.019", "aliyun-tokenplan/qwen3.6-plus", plugins=["acpx", "discord", "telegram"])
    dc, tg = flows.discord(tl, "1486650210349314098"), flows.telegram(tl, "5839201746")
    k.noise(tg, "21:04:10.338", "21:11:25.902", "21:16:47.551")
    run = flows.begin_run(tl, dc, k.T("21:05:30.744"))
    flows.queue_behind(tl, dc, k.T("21:06:02.118"), 1)
    w = Watch.of(run, session_id="unknown")
    ticks = k.ticks("21:03:14.090", "21:20:00")
    done = stalled_until_abort(tl, w, ticks, reason="active_work_without_progress",
                               classification="stalled_agent_run", settle_s=1.0, active_session=False)
    assert done is not None
    settled = flows.abort_cleanup(tl, run, done - secs(0.5))
    _drain_queue(tl, dc, settled + secs(0.2))
    desc = ("2026.5.18: a Discord channel run stalls right after embedded_run:started; the diagnostic "
            "entry has sessionId=unknown and recovery=none until 360 s, then a normal abort (released=1). "
            "An active-run stall, not stale state.")
    return k.finish("RC05-near-miss-unknown-sessionid-active-run", ticks, desc, {
        "incidents": [{"session": dc.key, "status": "recovered", "mustNotInclude": ["RC05"]}],
        "mustNotFire": ["RC05"]})


# ------------------------------------------------------------------ RC06


@scenario
def rc06_fire() -> Scenario:
    k = Kit(B_502, zone(-4), 606, "2026-05-06")
    tl = k.tl
    k.start("15:00:02.446", "openai/gpt-5.1")
    tg, wa, web = flows.telegram(tl, "6128843390"), flows.whatsapp(tl, "+16179021174"), flows.webchat(tl)
    flows.webchat_connect(tl, k.T("15:02:11.903"), tl.build.version)
    k.noise(wa, "15:04:40.118", "15:14:02.551", "15:22:19.740")
    k.noise(web, "15:08:05.260", "15:19:31.004")
    run = flows.begin_run(tl, tg, k.T("15:10:07.318"))
    flows.model_call(run, 5.0)
    flows.tool(tl, run, "exec", 2.1)
    flows.model_call(run, 3.3)
    flows.queue_behind(tl, tg, k.T("15:11:20.775"), 1)
    flows.queue_behind(tl, tg, k.T("15:13:48.402"), 2)
    ticks = k.ticks("15:00:32.510", "15:30:00")
    w = Watch.of(run)
    last_abort: int | None = None
    for tick in stalled_ticks(ticks, w):
        age = w.age(tick)
        eligible = age >= 360
        warn(tl, w, tick, "stalled session", reason="active_work_without_progress",
             classification="stalled_agent_run", recovery="checking" if eligible else "none", progress=False)
        if eligible and (last_abort is None or age - last_abort >= 300):
            recovery(tl, w, tick, age, aborted=True, drained=False, released=0, force_cleared=True)
            last_abort = age
    desc = ("2026.5.2 at the default info level (no lastProgress fields yet): a telegram session stalls "
            "with 2 messages queued; recovery aborts every 300 s (aborted=true drained=false forceCleared=true "
            "released=0) and the stalled warnings continue for the same sessionKey to the end.")
    return k.finish("RC06-ineffective-recovery", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "still_stuck", "primary": "RC06",
                       "mustNotInclude": ["RC01", "RC02", "RC03", "RC07"]}],
        "mustNotFire": ["RC07"]}, min_level="info")


@scenario
def rc06_near_miss() -> Scenario:
    k = Kit(B_518, zone(8), 607, "2026-05-23")
    tl = k.tl
    k.start("13:50:20.664", "aliyun-tokenplan/qwen3.6-plus")
    tg, web = flows.telegram(tl, "7012345678"), flows.webchat(tl)
    k.noise(web, "13:52:40.117", "14:03:11.905", "14:09:30.448")
    run = flows.begin_run(tl, tg, k.T("13:55:04.902"))
    flows.model_call(run, 4.4)
    flows.tool(tl, run, "exec", 6.8)
    flows.queue_behind(tl, tg, k.T("13:56:12.330"), 1)
    ticks = k.ticks("13:50:50.700", "14:12:00")
    w = Watch.of(run)
    done = stalled_until_abort(tl, w, ticks, reason="active_work_without_progress",
                               classification="stalled_agent_run", aborted=True, drained=False,
                               released=0, force_cleared=True)
    assert done is not None
    settled = flows.abort_cleanup(tl, run, done + secs(3.9), error="aborted by stuck session recovery",
                                  failover_reason="unknown")
    _drain_queue(tl, tg, settled + secs(0.2))
    desc = ("2026.5.18: a stall aborted with released=0 forceCleared=true — but the run settles seconds "
            "later, the session goes idle, the queued message is answered and no warning follows.")
    return k.finish("RC06-near-miss-aborted-released0-then-idle", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "force_cleared", "mustNotInclude": ["RC06", "RC07"]}],
        "mustNotFire": ["RC06", "RC07"]})


# ------------------------------------------------------------------ RC07


@scenario
def rc07_fire() -> Scenario:
    k = Kit(B_520, zone(9), 707, "2026-05-30")
    tl = k.tl
    k.start("08:40:12.550", "aliyun-tokenplan/qwen3.6-plus")
    tg, web = flows.telegram(tl, "5210387741"), flows.webchat(tl)
    k.noise(web, "08:42:05.300", "08:51:44.812", "08:58:10.027")
    run = flows.begin_run(tl, tg, k.T("08:45:01.733"))
    _hang_model_call(run)
    flows.queue_behind(tl, tg, k.T("08:47:30.214"), 1)
    ticks = k.ticks("08:40:42.610", "09:01:00")
    w = Watch.of(run, kind="model_call")
    stalled_every_tick(tl, w, ticks, reason="active_work_without_progress", classification="stalled_agent_run",
                       recovery_from=None)
    desc = ("2026.5.20 with recovery in observe-only mode: a model-call stall reported with recovery=none on "
            "every tick from 120 s to ~900 s; no 'stuck session recovery' line at all; still stuck at the end.")
    return k.finish("RC07-no-recovery-attempted", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "still_stuck", "primary": "RC01", "contributing": ["RC07"],
                       "mustNotInclude": ["RC06"]}],
        "mustNotFire": ["RC06"]})


@scenario
def rc07_old_build() -> Scenario:
    k = Kit(B_410, zone(0), 708, "2026-04-12")
    tl = k.tl
    k.start("20:00:04.218", "anthropic/claude-sonnet-4-5")
    tg, wa = flows.telegram(tl, "6620917735"), flows.whatsapp(tl, "+16173390412")
    flows.webchat_connect(tl, k.T("20:01:30.402"), tl.build.version)
    k.noise(wa, "20:02:11.550", "20:09:40.118", "20:16:02.993")
    run = flows.begin_run(tl, tg, k.T("20:05:03.129"))
    flows.model_call(run, 3.7)
    flows.tool_begin(tl, run, "exec")
    flows.queue_behind(tl, tg, k.T("20:07:12.640"), 1)
    ticks = k.ticks("20:00:34.300", "20:21:00")
    w = Watch.of(run)
    for tick in ticks:
        if tick > run.started and w.age(tick) >= 120:
            old_stuck(tl, w, tick)
    desc = ("2026.4.10 at the default info level: reason-less 'stuck session: … state=processing age=Ns "
            "queueDepth=N' every 30 s from 120 s to ~900 s, no recovery of any kind; still stuck.")
    return k.finish("RC07-no-recovery-attempted-old-build", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "still_stuck", "primary": "RC07", "mustNotInclude": ["RC06"]}],
        "mustNotFire": ["RC06"]}, min_level="info")


@scenario
def rc07_near_miss() -> Scenario:
    k = Kit(B_518, zone(8), 709, "2026-05-24")
    tl = k.tl
    k.start("17:20:02.871", "aliyun-tokenplan/qwen3.6-plus")
    tg, wa = flows.telegram(tl, "7012345678"), flows.whatsapp(tl, "+16174402287")
    k.noise(wa, "17:22:31.005", "17:29:50.448", "17:34:12.330")
    run = flows.begin_run(tl, tg, k.T("17:25:10.096"))
    flows.model_call(run, 4.1)
    flows.tool(tl, run, "web_search", 2.2)
    flows.model_call(run, 288.0)          # a very slow provider, but it answers
    ticks = k.ticks("17:20:32.950", "17:38:00")
    w = Watch.of(run)
    stalled_every_tick(tl, w, ticks, reason="active_work_without_progress", classification="stalled_agent_run",
                       until=run.cursor)
    flows.tool(tl, run, "read", 0.3)
    flows.model_call(run, 6.2)
    flows.finish_run(tl, run)
    desc = ("2026.5.18: a slow model call is reported stalled (recovery=none) for ~3 minutes, then "
            "answers; warnings stop and the session goes idle on its own before the abort threshold.")
    return k.finish("RC07-near-miss-stall-resolves-itself", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "resolved_by_itself", "mustNotInclude": ["RC06", "RC07"]}],
        "mustNotFire": ["RC06", "RC07"]})


# ------------------------------------------------------------------ RC08 / RC09


def lock_failure(tl: Timeline, s: Session, at: datetime, wait_s: float, error: str) -> datetime:
    """A turn whose run cannot take the session write lock: lane task error, back to idle."""
    run = flows.begin_run(tl, s, at)
    t = run.run_at + secs(wait_s)
    tl.diag(t, "error", m.lane_task_error(s.lane, millis(t - run.lane_at), error))
    run.busy.end = t + ms(1)  # type: ignore[attr-defined]
    tl.diag(t + ms(1), "debug", m.run_cleared(s.session_id, tl.active_at(t + ms(1))))
    tl.diag(t + ms(2), "debug", m.session_state(s.session_id, s.key, "processing", "idle", "run_completed", 0))
    tl.diag(t + ms(9), "error", m.message_processed(s.channel, s.chat_id, run.message_id, s.session_id, s.key,
                                                    "error", millis(t + ms(9) - run.queued_at),
                                                    error=error.split(" /")[0]))
    return t + ms(9)


def lock_pending(tl: Timeline, s: Session, at: datetime) -> Run:
    """A turn still waiting for the session write lock when the log ends."""
    return flows.begin_run(tl, s, at)


@scenario
def rc08_fire() -> Scenario:
    k = Kit(B_402, zone(9), 808, "2026-04-02")
    tl = k.tl
    pid = 48213
    k.start("10:00:02.331", "anthropic/claude-sonnet-4-5", plugins=["acpx", "browser", "telegram"], pid=pid)
    tg, web = flows.telegram(tl, "5567209184"), flows.webchat(tl)
    k.noise(web, "10:02:40.772", "10:11:05.330", "10:18:52.004")
    run = flows.begin_run(tl, tg, k.T("10:05:10.212"))
    lock_taken = run.run_at + ms(48)
    flows.model_call(run, 5.5)
    flows.tool_begin(tl, run, "browser")
    timeout_at = run.run_at + secs(90)
    tl.log(timeout_at, "warn", "agent/embedded", m.run_timeout(run.run_id, tg.session_id, 90000))
    tl.log(timeout_at + secs(2.0), "warn", "agent/embedded", m.abort_settle_timed_out(run.run_id, tg.session_id))
    flows.abort_cleanup(tl, run, timeout_at + secs(2.1), error="embedded run timeout")
    lock = f"/Users/mara/.openclaw/agents/main/sessions/{tg.session_id}.jsonl.lock"
    for hms in ("10:08:31.406", "10:14:02.918", "10:21:40.137"):
        at = k.T(hms)
        age = millis(at + secs(60.06) - lock_taken)
        lock_failure(tl, tg, at, 60.0, m.session_file_locked(60000, pid, lock, alive=True, age_ms=age, typed=True))
    lock_pending(tl, tg, k.T("10:23:31.602"))      # the next try is still waiting when the log ends
    ticks = k.ticks("10:00:32.400", "10:24:00")
    desc = ("2026.4.2 (gateway PID 48213 from 'listening on'): a run times out, 'embedded abort settle timed "
            "out', cleanup runs but the write lock stays held in-process; every later turn fails with "
            "SessionWriteLockTimeoutError pid=48213 alive=true and a growing ageMs; the log ends during the next wait.")
    return k.finish("RC08-lock-held-by-live-gateway", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "still_stuck", "primary": "RC08",
                       "mustNotInclude": ["RC09", "RC10", "RC15"]}],
        "mustNotFire": ["RC09"]})


@scenario
def rc08_near_miss() -> Scenario:
    k = Kit(B_518, zone(8), 809, "2026-05-25")
    tl = k.tl
    k.start("19:10:44.105", "aliyun-tokenplan/qwen3.6-plus", plugins=["acpx", "browser", "telegram"])
    tg, web = flows.telegram(tl, "7012345678"), flows.webchat(tl)
    k.noise(web, "19:12:02.660", "19:20:18.095")
    run = flows.begin_run(tl, tg, k.T("19:14:05.557"))
    flows.model_call(run, 4.9)
    flows.tool_begin(tl, run, "browser")
    timeout_at = run.run_at + secs(90)
    tl.log(timeout_at, "warn", "agent/embedded", m.run_timeout(run.run_id, tg.session_id, 90000))
    tl.log(timeout_at + secs(2.0), "warn", "agent/embedded", m.abort_settle_timed_out(run.run_id, tg.session_id))
    flows.abort_cleanup(tl, run, timeout_at + secs(2.4), error="embedded run timeout")
    k.noise(tg, "19:18:40.229", "19:22:31.774")
    ticks = k.ticks("19:11:14.200", "19:25:00")
    desc = ("2026.5.18: a run times out and the abort settle times out, but the run is cleaned up and the "
            "next turns on the same session take the lock and complete normally.")
    return k.finish("RC08-near-miss-settle-timeout-lock-released", ticks, desc,
                    {"mustNotFire": ["RC08", "RC15"]})


@scenario
def rc09_fire() -> Scenario:
    k = Kit(B_602, zone(8), 909, "2026-06-04")
    tl = k.tl
    wa, tg, web = flows.whatsapp(tl, "+16178820341"), flows.telegram(tl, "5120934476"), flows.webchat(tl)
    swept = f"/home/ryan/.openclaw/agents/main/sessions/{wa.session_id}.jsonl.lock"
    k.start("09:02:11.930", "aliyun-tokenplan/qwen3.6-plus", stale_locks=[swept])
    k.noise(wa, "09:03:20.447", "09:12:02.180", "09:20:44.913")
    k.noise(web, "09:07:31.006", "09:18:15.552")
    lock = f"/home/ryan/.openclaw/agents/main/sessions/{tg.session_id}.jsonl.lock"
    created = k.T("08:57:48.602")      # taken by the process that died before this start
    for hms in ("09:05:40.318", "09:09:12.774", "09:15:55.060", "09:24:03.491"):
        at = k.T(hms)
        lock_failure(tl, tg, at, 60.6, m.session_file_locked(60000, 4892, lock, alive=False,
                                                             age_ms=millis(at + secs(60) - created), typed=True))
    lock_pending(tl, tg, k.T("09:26:55.212"))      # the next try is still waiting when the log ends
    ticks = k.ticks("09:02:42.000", "09:27:00")
    desc = ("2026.6.2 after a crash: startup removes one dead-pid lock, but the telegram session's lock still "
            "names pid 4892, which every lock error reports dead ('session file locked (timeout 60000ms): pid=4892 "
            "alive=false ageMs=…'), same pid each time, the lock's age growing; the log ends during the next wait.")
    return k.finish("RC09-dead-pid-lock", ticks, desc, {
        "incidents": [{"session": tg.key, "status": "still_stuck", "primary": "RC09",
                       "mustNotInclude": ["RC08", "RC10"]}],
        "mustNotFire": ["RC08"]})


@scenario
def rc09_near_miss() -> Scenario:
    k = Kit(B_405, zone(8), 910, "2026-04-09")
    tl = k.tl
    wa, tg = flows.whatsapp(tl, "+16178820341"), flows.telegram(tl, "5120934476")
    swept = f"/home/summer/.openclaw/agents/main/sessions/{tg.session_id}.jsonl.lock"
    k.start("08:30:05.114", "aliyun-tokenplan/qwen3.6-plus", stale_locks=[swept])
    k.noise(tg, "08:31:12.605", "08:38:40.219", "08:44:03.778")
    k.noise(wa, "08:33:50.092", "08:41:27.336")
    ticks = k.ticks("08:30:35.200", "08:47:00")
    desc = ("2026.4.5: the startup sweep removes a dead-pid lock ('removed stale session lock … (dead-pid)') "
            "and that very session then works normally; nothing is locked afterwards.")
    return k.finish("RC09-near-miss-startup-sweep-only", ticks, desc, {"mustNotFire": ["RC09"]})
