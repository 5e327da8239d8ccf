"""Recovery-truth scenarios: one stall is one incident, and a recovery's verdict says what it did.

Each timeline is one the reference (root-causes.md, the recovery lines of format reference 2.2)
and OpenClaw issue #84931 describe: a starved gateway whose heartbeat falls silent before the
recovery force-clears the session, a recovery that still carries the stall's age after a
silence, an abort followed only by keep-lane skips, a clean release that drains the queue, and
a restart in the middle of a stall. Every one must come out as exactly one incident for the
stalled session, with the verdict in its name.
"""
from __future__ import annotations

from datetime import datetime

from . import flows
from . import messages as m
from .clock import ms, secs, zone
from .console import compact_line
from .flows import Run, Session
from .incidents import recovery
from .kit import B_518, B_520, Kit, Scenario, scenario
from .rules_a import _drain_queue
from .watch import Watch, stalled_ticks, warn


def _ghost_run(k: Kit, s: Session, at: str) -> Run:
    """A turn whose model call ends and whose run then never advances, a message queued behind it."""
    run = flows.begin_run(k.tl, s, k.T(at))
    flows.model_call(run, 6.4)
    flows.tool(k.tl, run, "web_fetch", 1.9)
    flows.model_call(run, 11.2)
    flows.queue_behind(k.tl, s, run.cursor + secs(48.0), 1)
    return run


def _stalled(k: Kit, w: Watch, ticks: list[datetime], *, until: datetime | None = None) -> list[datetime]:
    """``stalled session`` on every tick from 120 s without progress (recovery=checking from 360 s)."""
    fired = stalled_ticks(ticks, w, until=until)
    for tick in fired:
        warn(k.tl, w, tick, "stalled session", reason="queued_behind_terminal_active_work",
             classification="stalled_agent_run", recovery="checking" if w.age(tick) >= 360 else "none")
    return fired


# ------------------------------------------------------------------ silence during starvation, then a force-clear


def _starved_force_clear(seed: int) -> tuple[Kit, Session, list[datetime]]:
    """The seed timeline of #84931: warnings up to age 757 s, then ~100 s with nothing from the
    heartbeat while the gateway starves (a handshake timeout, a connect timeout), then the abort
    settle timeout, the dead-pid lock sweep and a force-clearing recovery. Nothing frees the
    session's queued message afterwards."""
    k = Kit(B_518, zone(8), seed, "2026-05-21")
    tl = k.tl
    k.start("18:10:02.118", "aliyun-tokenplan/qwen3.6-plus")
    tg, web = flows.telegram(tl, "7012345678"), flows.webchat(tl)
    k.noise(web, "18:15:40.207", "18:24:18.660")
    run = _ghost_run(k, tg, "18:33:25.504")
    ticks = k.ticks("18:10:32.440", "18:46:50") + k.ticks("18:48:52.520", "18:58:00")
    w = Watch.of(run)
    fired = _stalled(k, w, ticks, until=k.T("18:46:50"))
    assert w.age(fired[-1]) >= 700, w.age(fired[-1])
    for at, delay in (("18:40:59.120", 9412.6), ("18:44:59.131", 21873.4)):
        tl.diag(k.T(at), "warn", m.liveness_warning(
            "event_loop_delay,event_loop_utilization,cpu", 240, delay / 4, delay, 0.996, 0.999, tl.active_at(k.T(at)), 0,
            tl.queued_at(k.T(at))))
    flows.handshake_timeout_pair(tl, k.T("18:47:51.402"), duration_ms=465554)
    tl.root(k.T("18:48:24.309"), "error", m.gateway_connect_failed("Error: gateway request timeout for connect"))
    tl.log(k.T("18:48:24.539"), "warn", "agent/embedded", m.abort_settle_timed_out(run.run_id, tg.session_id, 2000))
    lock = f"/Users/lin/.openclaw/agents/main/sessions/{tg.session_id}.jsonl.lock"
    tl.log(k.T("18:48:24.611"), "warn", "gateway", m.stale_lock_removed(lock, "dead-pid"))
    age = w.age(k.T("18:48:25.118"))
    tl.diag(k.T("18:48:25.118"), "warn", m.recovery_action(tg.session_id, tg.key, age, "abort_embedded_run", True, False, 0))
    tl.diag(k.T("18:48:25.119"), "warn", m.recovery_outcome(
        "aborted", "abort_embedded_run", tg.session_id, tg.key, active_session_id=tg.session_id,
        active_work_kind="embedded_run", lane=tg.lane, aborted=True, drained=False, force_cleared=True, released=0))
    run.busy.end = k.T("18:48:25.121")  # type: ignore[attr-defined]
    k.noise(web, "18:50:12.930", "18:55:40.314")
    return k, tg, ticks


# The force-clear released nothing and dropped the queued message: RC06 contributes (a wipe is not a clean release).
_STARVED_EXPECTED = {
    "primary": "RC02", "contributing": ["RC06", "RC09", "RC12"], "mustNotInclude": ["RC07", "RC11"],
}
_STARVED_DESC = ("2026.5.18, the timeline of openclaw/openclaw#84931: stalled warnings up to age 757 s, then no "
                 "heartbeat for ~100 s while the gateway starves (handshake timeout 18:47:51, connect timeout "
                 "18:48:24), abort settle timeout, dead-pid lock removal and a recovery with aborted=true "
                 "drained=false forceCleared=true released=0. One incident; the recovery is force_cleared with the "
                 "1 queued message undelivered; no RC07.")


@scenario
def recovery_starved_force_clear() -> Scenario:
    k, tg, ticks = _starved_force_clear(1201)
    return k.finish("recovery-starved-silence-force-clear", ticks, _STARVED_DESC, {
        "incidentCount": 1,
        "incidents": [{"session": tg.key, "status": "force_cleared", "verdict": "force_cleared", "undelivered": 1,
                       **_STARVED_EXPECTED}],
        "mustNotFire": ["RC07"]})


@scenario
def recovery_starved_force_clear_console() -> Scenario:
    k, tg, ticks = _starved_force_clear(1201)
    k.tl.heartbeats(ticks)
    lines = [compact_line(e, k.tz) for e in k.tl.ordered(min_level="info")]
    return Scenario("recovery-starved-silence-force-clear.console", "\n".join(lines) + "\n",
                    "The same timeline as recovery-starved-silence-force-clear.log, as the gateway's console "
                    "(compact style, info and above) writes it under launchd.", {
                        "incidentCount": 1,
                        "incidents": [{"session": tg.key, "status": "force_cleared", "verdict": "force_cleared",
                                       **_STARVED_EXPECTED}],
                        "mustNotFire": ["RC07"]})


# ------------------------------------------------------------------ silence, then a recovery that still carries the age


@scenario
def recovery_after_silence_by_age() -> Scenario:
    k = Kit(B_520, zone(2), 1202, "2026-05-24")
    tl = k.tl
    k.start("09:00:04.771", "openai/gpt-5.1")
    tg, wa = flows.telegram(tl, "6011928437"), flows.whatsapp(tl, "+16174408812")
    run = _ghost_run(k, tg, "09:10:12.330")
    # the heartbeat stops writing for 4 minutes (no ticks) while other traffic goes on
    ticks = k.ticks("09:00:34.402", "09:16:00") + k.ticks("09:20:04.110", "09:40:00")
    w = Watch.of(run)
    _stalled(k, w, ticks, until=k.T("09:16:00"))
    k.noise(wa, "09:16:40.223", "09:18:02.915", "09:19:10.448")
    tick = k.T("09:20:04.110")
    age = w.age(tick)
    recovery(tl, w, tick, age, aborted=True, drained=True, released=1, settle_s=0.8)
    settled = flows.abort_cleanup(tl, run, tick + secs(1.4), error=None)
    _drain_queue(tl, tg, settled + secs(0.3))
    desc = ("2026.5.20: stalled warnings stop for 4 minutes while other sessions' traffic continues (the "
            "heartbeat wrote nothing), then a recovery whose age=… dates it to the same stall releases the "
            "session and the queued message is answered. One incident, freed.")
    return k.finish("recovery-after-silence-joined-by-age", ticks, desc, {
        "incidentCount": 1,
        "incidents": [{"session": tg.key, "status": "recovered", "verdict": "freed", "primary": "RC02",
                       "mustNotInclude": ["RC06", "RC07"]}]})


# ------------------------------------------------------------------ released=0, then only keep-lane skips


@scenario
def recovery_released0_keep_lane() -> Scenario:
    k = Kit(B_520, zone(-5), 1203, "2026-05-26")
    tl = k.tl
    k.start("14:00:10.118", "anthropic/claude-sonnet-4-5")
    tg, web = flows.telegram(tl, "5102938475"), flows.webchat(tl)
    k.noise(web, "14:03:20.447", "14:21:05.602")
    run = _ghost_run(k, tg, "14:05:02.904")
    ticks = k.ticks("14:00:40.220", "14:30:00")
    w = Watch.of(run)
    fired = stalled_ticks(ticks, w)
    aborted_at = None
    for tick in fired:
        age = w.age(tick)
        if aborted_at is None:
            warn(tl, w, tick, "stalled session", reason="queued_behind_terminal_active_work",
                 classification="stalled_agent_run", recovery="checking" if age >= 360 else "none")
            if age >= 360:
                recovery(tl, w, tick, age, aborted=True, drained=True, released=0)
                aborted_at = tick
        elif tick - aborted_at >= secs(60) and (tick - aborted_at) // secs(30) % 2 == 0:
            # the heartbeat still sees reply work in flight: recovery skips and keeps the lane
            tl.diag(tick + ms(3), "warn", m.recovery_outcome(
                "skipped", "keep_lane", w.sid, tg.key, active_session_id=w.sid, active_work_kind="embedded_run",
                lane=tg.lane, reason="active_reply_work"))
    desc = ("2026.5.20: a ghost run is aborted at 360 s with released=0; afterwards only "
            "`outcome: status=skipped action=keep_lane reason=active_reply_work` lines follow, every minute, "
            "to the end of the log. One incident: the abort did not free the session (RC06).")
    return k.finish("recovery-released0-then-keep-lane", ticks, desc, {
        "incidentCount": 1,
        "incidents": [{"session": tg.key, "status": "still_stuck", "verdict": "not_freed", "primary": "RC02",
                       "contributing": ["RC06"], "mustNotInclude": ["RC07"]}]})


# ------------------------------------------------------------------ a clean release that drains the queue


@scenario
def recovery_clean_release() -> Scenario:
    k = Kit(B_520, zone(1), 1204, "2026-05-27")
    tl = k.tl
    k.start("07:30:01.552", "openai/gpt-5.1")
    tg, wa = flows.telegram(tl, "6390218874"), flows.whatsapp(tl, "+16174402287")
    k.noise(wa, "07:33:40.010", "07:52:19.331")
    run = _ghost_run(k, tg, "07:36:18.660")
    ticks = k.ticks("07:30:31.620", "08:00:00")
    w = Watch.of(run)
    for tick in stalled_ticks(ticks, w):
        age = w.age(tick)
        warn(tl, w, tick, "stalled session", reason="queued_behind_terminal_active_work",
             classification="stalled_agent_run", recovery="checking" if age >= 360 else "none")
        if age >= 360:
            done = recovery(tl, w, tick, age, aborted=True, drained=True, released=1, settle_s=0.9)
            break
    settled = flows.abort_cleanup(tl, run, done - secs(0.2), error=None)
    _drain_queue(tl, tg, settled + secs(0.2))
    desc = ("2026.5.20: a ghost run aborted at 360 s with aborted=true drained=true released=1; the run clears, "
            "the queued message is dequeued and answered. One incident, freed.")
    return k.finish("recovery-clean-release-drains-queue", ticks, desc, {
        "incidentCount": 1,
        "incidents": [{"session": tg.key, "status": "recovered", "verdict": "freed", "primary": "RC02",
                       "mustNotInclude": ["RC06", "RC07"]}]})


# ------------------------------------------------------------------ a restart in the middle of a stall


@scenario
def recovery_restart_mid_stall() -> Scenario:
    k = Kit(B_520, zone(9), 1205, "2026-05-28")
    tl = k.tl
    k.start("20:00:03.310", "anthropic/claude-sonnet-4-5")
    tg = flows.telegram(tl, "7701928374")
    run = _ghost_run(k, tg, "20:04:40.118")
    ticks = k.ticks("20:00:33.402", "20:09:20")
    w = Watch.of(run)
    _stalled(k, w, ticks)
    at = k.T("20:09:21.004")
    tl.log(at, "info", "gateway", "signal SIGUSR1 received")
    tl.log(at + ms(2), "info", "gateway", "received SIGUSR1; restarting")
    tl.log(at + ms(5), "info", "gateway", "restart mode: full process restart (supervisor)")
    run.busy.end = at + ms(6)  # type: ignore[attr-defined]
    tl.busy = [b for b in tl.busy if not (b.key == tg.key and b.kind == "queued")]
    k.start("20:09:26.880", "anthropic/claude-sonnet-4-5")
    later = k.ticks("20:09:56.910", "20:20:00")
    desc = ("2026.5.20: a stall warned about up to age ~250 s, then the operator restarts the gateway "
            "(SIGUSR1, full process restart); the new process holds no run. One incident, ended by the restart.")
    return k.finish("recovery-restart-mid-stall", ticks + later, desc, {
        "incidentCount": 1,
        "incidents": [{"session": tg.key, "status": "ended_by_restart", "primary": "RC02",
                       "mustNotInclude": ["RC06", "RC07", "RC17"]}]})
