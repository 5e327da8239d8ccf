"""``openclaw-2026-05-21.log``: a day of traffic around the reported incident.

Host: macOS arm64, OpenClaw 2026.5.18, node 22, loopback gateway on 18789,
model ``aliyun-tokenplan/qwen3.6-plus``, local time UTC+8, debug file level.

Incident (telegram direct chat 7012345678, sessionId 0829a221-…):
  18:34:06  message starts run 8e8e44d6-…; a web_fetch tool, two model calls
  18:35:39  last progress: model_call:ended — the run never advances again
  18:36:52  a second user message queues behind it (queueDepth=1)
  18:37:29  last on-time heartbeat; the event loop then starves (no tick for 4 min)
  18:41:29  first ``stalled session`` (age=443s lastProgressAge=350s), then every
            (late) tick; liveness warnings, slow ``⇄ res``, handshake timeouts
            whose close meta shows durationMs ≫ handshakeMs
  18:46:43  ``stalled session`` age=757s lastProgressAge=664s
  18:47:51  handshake timeout conn=c0a236c7-… (durationMs 465554)
  18:48:22  recovery aborts the run; 18:48:24 abort settle timed out, a CLI's
            ``gateway connect failed``, stale lock removed (dead-pid)
  18:48:25  recovery: aborted=true drained=false released=0; outcome
            forceCleared=true — the run handle is cleared, the session goes idle
  18:48:27  the queued message runs (lane wait exceeded 695 s) and is answered;
            no further warnings: the incident ends recovered.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from . import flows
from . import messages as m
from .build import MAC_2026_5_18
from .clock import js_round_s, ms, zone
from .console import compact_line
from .corpus import Corpus
from .flows import Run, Session
from .timeline import Timeline
from .traffic import Plan, fill, plugin_noise

TZ = zone(8)
DATE = "2026-05-21"
SESSION_ID = "0829a221-a12c-49cb-9a64-42c2fc1a89ea"
RUN_ID = "8e8e44d6-3f1b-4c2e-9a57-d1c06b4e2f83"
PEER = "7012345678"
LATE_CONN = "c0a236c7-496c-487a-a839-7442c721e3e7"
LOG_PATH = f"/tmp/openclaw/openclaw-{DATE}.log"
LOCK_PATH = f"/Users/lin/.openclaw/agents/main/sessions/{SESSION_ID}.jsonl.lock"
PLUGINS = ["acpx", "browser", "memory-core", "telegram", "whatsapp"]

# Heartbeat ticks while the event loop starves (late and irregular).
STARVED_TICKS = ("18:41:29.537", "18:42:04.377", "18:42:41.905", "18:43:34.612",
                 "18:44:06.958", "18:44:49.310", "18:45:30.774", "18:46:06.021",
                 "18:46:43.236", "18:47:17.880", "18:47:50.402", "18:48:22.517")
# (tick, interval s, p99 ms, max ms, ELU, cpu, degradedFor s)
LIVENESS = (("18:41:29.537", 240, 9412.6, 38654.2, 0.991, 0.998, None),
            ("18:43:34.612", 53, 7123.9, 21877.5, 0.987, 0.994, 125),
            ("18:46:06.021", 35, 8840.3, 29102.8, 0.996, 0.999, 276),
            ("18:48:22.517", 32, 4210.7, 12408.1, 0.962, 0.981, 413))


@dataclass
class Day:
    tl: Timeline
    incident: Session
    run: Run


def _t(tl: Timeline, hms: str) -> datetime:
    return tl.at(f"{DATE} {hms}")


def _slow_turn(tl: Timeline, s: Session, at: datetime, steps: list) -> Run:
    """A turn that progresses, slowly, while the gateway is starving."""
    run = flows.begin_run(tl, s, at)
    for kind, value in steps:
        if kind == "model":
            flows.model_call(run, value)
        else:
            flows.tool(tl, run, kind, value)
    flows.finish_run(tl, run)
    return run


def _stalled_line(tl: Timeline, s: Session, run: Run, tick: datetime) -> tuple[int, int]:
    age = js_round_s(tick - run.started)
    last_age = js_round_s(tick - run.last_progress_at)
    tl.diag(tick + ms(2), "warn", m.session_attention(
        "stalled session", s.session_id, s.key, "processing", age, 1,
        reason="active_work_without_progress", classification="stalled_agent_run",
        active_work_kind="embedded_run", last_progress="model_call:ended",
        last_progress_age=last_age, recovery="checking"))
    return age, last_age


def _liveness(tl: Timeline, s: Session, run: Run, others: list[tuple[Run, str]]) -> None:
    for hms, interval, p99, max_delay, elu, cpu, degraded in LIVENESS:
        tick = _t(tl, hms)
        labels = [m.work_label(s.key, "processing", "embedded_run", 1,
                               js_round_s(tick - run.started), "model_call:ended")]
        for other, kind in others:
            if other.started <= tick < other.cursor:
                labels.append(m.work_label(other.session.key, "processing", kind, 0,
                                           js_round_s(tick - other.started), "model_call:started"))
        tl.diag(tick + ms(1), "warn", m.liveness_warning(
            "event_loop_delay,event_loop_utilization,cpu", interval, p99, max_delay, elu, cpu,
            tl.active_at(tick), 0, tl.queued_at(tick), degraded_for=degraded, work_active=labels))


def _incident(tl: Timeline, tg: Session, tg2: Session, wa: Session, web: Session) -> Run:
    T = lambda hms: _t(tl, hms)  # noqa: E731
    conn = tl.ids.uuid()
    tl.log(T("18:21:40.318"), "info", "gateway/ws",
           m.webchat_connected(conn, "127.0.0.1", "openclaw-control-ui", "webchat", "2026.5.18"))
    flows.ws_res(tl, T("18:21:40.902"), "channels.status", 1311, conn)
    for hms in ("18:22:05.114", "18:26:40.870"):
        run = flows.normal_turn(tl, web, T(hms), tools=1)
        flows.ws_res(tl, run.cursor + ms(412), "chat.history", tl.ids.int(60, 180), conn)
    flows.normal_turn(tl, tg2, T("18:24:10.402"), tools=0)
    flows.normal_turn(tl, wa, T("18:29:31.776"), tools=1)

    # the reported run: starts normally, last progress model_call:ended at 18:35:39.164
    run = flows.begin_run(tl, tg, T("18:34:06.150"), run_id=RUN_ID)
    flows.model_call(run, 24.6)
    flows.tool(tl, run, "web_fetch", 2.1)
    flows.model_call_until(run, T("18:35:39.164"))
    flows.queue_behind(tl, tg, T("18:36:52.418"), 1)

    # other sessions keep going, slowly, while the loop starves
    wa_run = _slow_turn(tl, wa, T("18:42:10.512"), [("model", 38.2), ("exec", 12.4), ("model", 41.7)])
    tg2_run = _slow_turn(tl, tg2, T("18:45:02.331"), [("model", 51.3), ("read", 0.9), ("model", 33.8)])
    for hms, method, took in (("18:41:30.204", "sessions.list", 96127), ("18:42:42.911", "chat.history", 48213),
                              ("18:44:50.166", "status", 31877), ("18:46:44.020", "channels.status", 118302),
                              ("18:48:26.877", "chat.history", 21904)):
        flows.ws_res(tl, T(hms), method, took, conn)
    flows.handshake_timeout_pair(tl, T("18:44:11.207"), duration_ms=290063)
    flows.handshake_timeout_pair(tl, T("18:47:51.402"), conn=LATE_CONN, duration_ms=465554)

    checks = {}
    for hms in STARVED_TICKS:
        checks[hms] = _stalled_line(tl, tg, run, T(hms))
    assert checks["18:41:29.537"][0] == 443, checks["18:41:29.537"]
    assert checks["18:46:43.236"] == (757, 664), checks["18:46:43.236"]
    age = checks["18:48:22.517"][0]

    # recovery: abort, settle timeout, lock sweep, outcome (forceCleared, released=0)
    tl.root(T("18:48:24.309"), "error", m.gateway_connect_failed("Error: gateway request timeout for connect"))
    tl.log(T("18:48:24.539"), "warn", "agent/embedded", m.abort_settle_timed_out(RUN_ID, SESSION_ID, 2000))
    tl.log(T("18:48:24.611"), "warn", "gateway", m.stale_lock_removed(LOCK_PATH, "dead-pid"))
    tl.diag(T("18:48:25.118"), "warn", m.recovery_action(SESSION_ID, tg.key, age, "abort_embedded_run",
                                                         True, False, 0))
    tl.diag(T("18:48:25.119"), "warn", m.recovery_outcome(
        "aborted", "abort_embedded_run", SESSION_ID, tg.key, active_session_id=SESSION_ID,
        active_work_kind="embedded_run", lane=tg.lane, aborted=True, drained=False,
        force_cleared=True, released=0))
    run.busy.end = T("18:48:25.121")  # type: ignore[attr-defined]
    tl.diag(T("18:48:25.121"), "debug", m.run_cleared(SESSION_ID, tl.active_at(T("18:48:25.121"))))
    tl.diag(T("18:48:25.123"), "debug", m.session_state(SESSION_ID, tg.key, "processing", "idle", "", 1))
    done = T("18:48:27.940")
    tl.diag(done, "debug", m.lane_task_done("main", (done - run.main_at) // ms(1), 0, 0))
    tl.diag(done + ms(1), "debug", m.lane_task_done(tg.lane, (done + ms(1) - run.lane_at) // ms(1), 0, 1))
    # the queued message finally runs and is answered
    late = flows.begin_run(tl, tg, done + ms(12), from_queue=True)
    flows.model_call(late, 11.4)
    flows.finish_run(tl, late)
    tl.log(T("19:04:10.551"), "info", "gateway/ws", m.webchat_disconnected(1001, "n/a", conn))

    _liveness(tl, tg, run, [(wa_run, "model_call"), (tg2_run, "model_call")])
    return run


def _channel_startup(tl: Timeline, at: datetime) -> None:
    tl.log(at + ms(412), "info", "gateway/channels/telegram", "[default] starting provider (@lin_assist_bot)")
    tl.log(at + ms(1630), "info", "gateway/channels/whatsapp", "[default] starting provider (+16175550199)")


@lru_cache(maxsize=1)
def build_day() -> Day:
    tl = Timeline(MAC_2026_5_18, TZ, seed=20260521)
    T = lambda hms: _t(tl, hms)  # noqa: E731
    up = flows.startup(tl, T("08:02:56.214"), model_ref="aliyun-tokenplan/qwen3.6-plus",
                       plugins=PLUGINS, log_path=LOG_PATH, seconds=2.4)
    _channel_startup(tl, up)

    tg = flows.telegram(tl, PEER, SESSION_ID, first_msg=4810)
    tg2 = flows.telegram(tl, "5839201746", first_msg=1822)
    wa = flows.whatsapp(tl, "+16174402287")
    web = flows.webchat(tl)
    dc = flows.discord(tl, "1371964406528393237")

    run = _incident(tl, tg, tg2, wa, web)
    plan = Plan(
        sessions=[(tg, 3), (tg2, 2), (wa, 2), (web, 2), (dc, 1)],
        start=T("08:06:00"), end=T("23:52:00"), conversations=52,
        hourly={8: 2, 9: 4, 10: 5, 11: 5, 12: 3, 13: 4, 14: 5, 15: 5, 16: 4, 17: 3,
                18: 4, 19: 5, 20: 6, 21: 6, 22: 4, 23: 2},
        blackout=[(T("18:20:30"), T("18:50:00"))],
        session_blackout={web.key: [(T("18:05:00"), T("19:20:00"))]},
    )
    fill(tl, plan)
    for hms in ("13:02:44.120", "19:31:08.562"):
        plugin_noise(tl, T(hms))
    ticks = (tl.ticks(T("08:03:29.100"), T("18:37:30"))
             + [T(h) for h in STARVED_TICKS]
             + tl.ticks(T("18:48:52.520"), T("23:59:40")))
    tl.heartbeats(ticks)
    return Day(tl, tg, run)


def add_day(corpus: Corpus) -> None:
    day = build_day()
    tl = day.tl
    corpus.add(f"openclaw-{DATE}.log", tl.jsonl(),
               "JSONL file log, OpenClaw 2026.5.18 on macOS (UTC+8), debug level: a day of interleaved "
               "telegram/whatsapp/webchat/discord traffic around the reported ghost-run incident "
               f"(session {SESSION_ID}, run 8e8e44d6-…, stalled 18:41:29-18:48:22, aborted and "
               "force-cleared at 18:48:25, queued message answered 18:48:40) during event-loop starvation.")
    corpus.add_json(f"openclaw-{DATE}.expected.json", {
        "description": ("Ghost run: telegram session stalled after model_call:ended with a message queued "
                        "behind it; gateway-wide event-loop starvation begins after the stall; recovery "
                        "aborts with released=0 and force-clears the run (verdict force_cleared); the queued "
                        "message is answered afterwards."),
        "incidents": [{
            "session": day.incident.key, "status": "force_cleared", "primary": "RC02",
            "contributing": ["RC12", "RC14"],
            "mustNotInclude": ["RC01", "RC03", "RC06", "RC07", "RC08", "RC11"],
        }],
        "episodes": [{"rule": "RC12"}],
        "mustNotFire": ["RC08", "RC11", "RC13", "RC18"],
    }, "Expected stuckscan analysis of openclaw-2026-05-21.log.")
    start, end = _t(tl, "18:20:00"), _t(tl, "19:00:00")
    lines = [compact_line(e, TZ) for e in tl.ordered(start, end, min_level="info")]
    corpus.add(f"console/gateway-{DATE}.log", "\n".join(lines) + "\n",
               "Console (compact) form of the same incident as ~/.openclaw/logs/gateway.log shows it "
               "under launchd: info and above, 18:20-19:00 (+08:00), [diagnostic]/[ws]/[agent/embedded] tags.")
