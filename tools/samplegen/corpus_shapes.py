"""Shape samples under ``sample_logs/shapes/``: every form a log reaches us in.

Each function builds one small timeline (or reuses the 2026-05-21 day) and
renders it in one shape: journald, pretty console, ``openclaw logs`` plain /
pretty / ``--json``, a pasted bug-report snippet, a legacy ``clawdbot`` file,
a mid-2026 file with top-level structured fields, and a concatenation of
several shapes with deliberately broken lines.
"""
from __future__ import annotations

import json
import textwrap
from datetime import datetime

from . import cli_logs, flows
from . import messages as m
from .build import Build, linux, mac
from .clock import hms, journald_stamp, ms, secs, zone
from .console import compact_line, journald_line, pretty_line, strip_ansi
from .corpus import Corpus
from .corpus_day import DATE as DAY
from .corpus_day import LOG_PATH as DAY_LOG
from .corpus_day import TZ as DAY_TZ
from .corpus_day import build_day
from .records import jsonl_line, size_cap_line
from .timeline import Timeline
from .traffic import fallback_lines
from .watch import Watch, backoff_ticks, old_stuck, stalled_ticks, warn

UTC0 = zone(0)


def _lines(items: list[str]) -> str:
    return "\n".join(items) + "\n"


# ----------------------------------------------------------------- journald


def _systemd(tl: Timeline, at: datetime, host: str, text: str) -> None:
    tl.raw(at, f"{_stamp(at)} {host} systemd[1184]: {text}")


def _stamp(at: datetime) -> str:
    return journald_stamp(at, UTC0)


def journald(corpus: Corpus) -> None:
    """Linux/systemd user unit; a Discord channel stalls, is aborted, then a restart."""
    build = linux("2026.5.22", "22.22.1", "ryan", "subsystem-Dk2v9QaL.js", 407, "logger-C1rTq8Zs.js", 191)
    tl = Timeline(build, UTC0, seed=525)
    T = lambda h: tl.at(f"2026-05-25 {h}")  # noqa: E731
    host, unit = "nuc-ryan", "openclaw-gateway"
    stuck = flows.discord(tl, "1508423882292461630")
    others = [flows.discord(tl, c) for c in ("1493301144870486106", "1502917745566318652",
                                             "1487705561296207933", "1511094238472601714")]
    conn = tl.ids.uuid()
    tl.log(T("13:31:05.882"), "info", "gateway/ws",
           m.webchat_connected(conn, "127.0.0.1", "openclaw-control-ui", "webchat", build.version))
    flows.ws_res(tl, T("13:31:06.420"), "channels.status", 1204, conn)
    tl.model_ref = "openrouter/moonshotai/kimi-k2"
    for n, s in enumerate(others):
        flows.normal_turn(tl, s, T("13:32:10.000") + secs(47 * n), tools=1,
                          after_model=(lambda r, i, n=n: fallback_lines(tl, r) if n == 2 and i == 0 else None))
    flows.ws_res(tl, T("13:34:18.775"), "sessions.list", 96, conn)
    tl.root(T("13:36:44.210"), "warn", "[tools] read failed: ENOENT: no such file or directory, access "
                                       "'/home/ryan/community/faq-draft.md'", method="console.warn")
    # the stalled channel: processing since 13:39:18.5, run started 14 s later, no progress after
    w = Watch.manual(stuck, T("13:39:18.501"), T("13:39:32.512"), "embedded_run:started", queue_depth=1,
                     session_id="unknown")
    ticks = tl.ticks(T("13:30:31.535"), T("13:50:00"), jitter_ms=0)
    recovered = None
    for tick in stalled_ticks(ticks, w):
        age = w.age(tick)
        recovery = "checking" if age >= 360 else "none"
        warn(tl, w, tick, "stalled session", reason="active_work_without_progress",
             classification="stalled_agent_run", recovery=recovery)
        if recovery == "checking":
            tl.diag(tick + ms(15012), "warn", m.recovery_action("unknown", stuck.key, age, "abort_embedded_run",
                                                              True, True, 1))
            tl.diag(tick + ms(15013), "warn", m.recovery_outcome(
                "aborted", "abort_embedded_run", "unknown", stuck.key, active_work_kind="embedded_run",
                lane=stuck.lane, aborted=True, drained=True, force_cleared=False, released=1))
            recovered = tick
            break
    assert recovered is not None
    tl.diag(T("13:42:41.636"), "warn", m.lane_wait_exceeded("main", 181469, 0, 6, 5, 1))
    # the user restarts the service anyway
    _systemd(tl, T("13:49:58.104"), host, "Stopping openclaw-gateway.service - OpenClaw Gateway...")
    tl.log(T("13:49:58.131"), "info", "gateway", m.signal_received("SIGTERM"))
    tl.log(T("13:49:58.133"), "info", "gateway", m.received_signal_action("SIGTERM", "shutting down"))
    tl.log(T("13:49:58.402"), "info", "gateway/ws", m.webchat_disconnected(1012, "service restart", conn))
    _systemd(tl, T("13:49:59.017"), host, "openclaw-gateway.service: Deactivated successfully.")
    _systemd(tl, T("13:49:59.018"), host, "Stopped openclaw-gateway.service - OpenClaw Gateway.")
    _systemd(tl, T("13:49:59.019"), host, "openclaw-gateway.service: Consumed 2h 13min 41.207s CPU time, "
                                          "1.2G memory peak.")
    _systemd(tl, T("13:49:59.044"), host, "Started openclaw-gateway.service - OpenClaw Gateway.")
    restart = T("13:50:00.870")
    flows.startup(tl, restart, model_ref="openrouter/moonshotai/kimi-k2",
                  plugins=["acpx", "discord", "memory-core", "telegram"],
                  log_path="/tmp/openclaw/openclaw-2026-05-25.log", seconds=3.1)
    conn2 = tl.ids.uuid()
    tl.log(T("13:50:09.317"), "info", "gateway/ws",
           m.webchat_connected(conn2, "127.0.0.1", "openclaw-control-ui", "webchat", build.version))
    flows.ws_res(tl, T("13:50:09.981"), "channels.status", 2318, conn2)
    flows.ws_res(tl, T("13:50:12.460"), "chat.history", 171, conn2)
    tl.heartbeats(ticks)
    out = []
    for ev in tl.ordered(min_level="info"):
        pid = 1873 if ev.at < restart else 48211
        out.append(ev.raw if ev.raw is not None else journald_line(ev, UTC0, host, unit, pid))
    corpus.add("shapes/journald.log", _lines(out),
               "journalctl --user -u openclaw-gateway (Linux, UTC host, 2026.5.22): journald prefix + compact "
               "console; Discord channel stalled with sessionId=unknown recovery=none, lane wait on main, "
               "aborted at age 373s, then a systemd restart.")


# ------------------------------------------------------------ console-pretty


def _abridged(text: str) -> str:
    """What the #31032 reporter kept of a stuck line: ``stuck session: age=… queueDepth=…``."""
    tokens = text.split(" ")
    kept = [t for t in tokens if t.startswith(("age=", "queueDepth="))]
    return "stuck session: " + " ".join(kept)


def console_pretty(corpus: Corpus) -> None:
    out: list[str] = []
    # chunk 1: 2026.2.26 in a terminal (pretty, HH:MM:SS), stuck lines trimmed by the reporter
    tz = zone(-5)
    b1 = mac("2026.2.26", "22.22.0", "dana", "entry.js", 2366, "entry.js", 1180)
    tl = Timeline(b1, tz, seed=301)
    T = lambda h: tl.at(f"2026-03-01 {h}")  # noqa: E731
    flows.startup(tl, T("23:14:31.020"), model_ref="anthropic/claude-opus-4-6", plugins=["acpx"],
                  log_path="/tmp/openclaw/openclaw-2026-03-01.log", pid=61822, seconds=1.9)
    conn = tl.ids.uuid()
    tl.log(T("23:15:02.114"), "info", "gateway/ws",
           m.webchat_connected(conn, "127.0.0.1", "openclaw-control-ui", "webchat", b1.version))
    web = flows.webchat(tl)
    run = flows.begin_run(tl, web, T("23:17:52.100"))
    flows.model_call(run, 2.3)
    flows.tool(tl, run, "exec", 0.4)
    flows.tool_begin(tl, run, "exec")      # never returns; the user interrupts the gateway
    flows.queue_behind(tl, web, T("23:18:40.300"), 1)
    flows.queue_behind(tl, web, T("23:21:55.780"), 2)
    w = Watch.of(run)
    ticks = tl.ticks(T("23:15:10.230"), T("23:23:00"))
    out.append("dana@mbp ~ % openclaw gateway")
    for ev in tl.ordered(min_level="info"):
        out.append(pretty_line(ev, tz))
    for tick in ticks:
        if w.age(tick) >= 120:
            line = m.session_attention("stuck session", web.session_id, web.key, "processing",
                                       w.age(tick), w.depth(tl, tick))
            out.append(f"{hms(tick, tz)}  [diagnostic] {_abridged(line)}")
    out.append("^C23:23:04 [gateway] signal SIGINT received")
    out.append("23:23:04 [gateway] received SIGINT; shutting down")
    out.append("")
    # chunk 2: 2026.4.1 on Windows (pretty with offset, +01:00)
    tz2 = zone(1)
    b2 = Build(version="2026.4.1", node="22.22.0",
               dist="C:/Users/Karen/AppData/Roaming/npm/node_modules/openclaw/dist")
    tl2 = Timeline(b2, tz2, seed=401)
    T2 = lambda h: tl2.at(f"2026-04-03 {h}")  # noqa: E731
    session_id = "da2660dc-ef9b-4fc8-9f25-9e4ace56307e"
    lock = rf"C:\Users\Karen\.openclaw\agents\main\sessions\{session_id}.jsonl.lock"
    flows.startup(tl2, T2("08:29:08.006"), model_ref="openai/gpt-5.1", plugins=["acpx"],
                  log_path=r"C:\Users\Karen\AppData\Local\Temp\openclaw\openclaw-2026-04-03.log",
                  pid=5076, seconds=2.0, stale_locks=[lock])
    tl2.log(T2("08:29:16.233"), "warn", "gateway/ws",
            m.closed_before_connect("0cf5dd74-651b-4f1d-81c4-0f77fb88cf41", "127.0.0.1", 1006, "n/a",
                                    host="127.0.0.1:18789"))
    conn2 = tl2.ids.uuid()
    tl2.log(T2("08:29:41.902"), "info", "gateway/ws",
            m.webchat_connected(conn2, "127.0.0.1", "openclaw-control-ui", "webchat", b2.version))
    karen = flows.webchat(tl2, session_id)
    run2 = flows.begin_run(tl2, karen, T2("08:30:02.410"))
    w2 = Watch.of(run2)
    for tick in tl2.ticks(T2("08:29:38.771"), T2("08:36:30")):
        if w2.age(tick) >= 120:
            old_stuck(tl2, w2, tick)
    tl2.log(T2("08:36:12.509"), "info", "gateway/ws", m.webchat_disconnected(1001, "n/a", conn2))
    out.append(r"PS C:\Users\Karen> openclaw gateway")
    for ev in tl2.ordered(min_level="info"):
        out.append(pretty_line(ev, tz2, with_offset=True))
    corpus.add("shapes/console-pretty.log", _lines(out),
               "Pretty console pasted from terminals: a 2026.2.26 run (HH:MM:SS, reporter-trimmed "
               "'stuck session: age=138s queueDepth=1' lines every 30 s) and a 2026.4.1 Windows run "
               "(HH:MM:SS+01:00, listening PID, dead-pid lock removal, old-form stuck session).")


# ------------------------------------------------------- openclaw logs plain


def logs_plain(corpus: Corpus) -> None:
    """``openclaw logs --plain`` (CLI 2026.5.7, no binding prefix) of a 2026.4.29 gateway."""
    build = linux("2026.4.29", "22.22.0", "blane", "subsystem-Bq81xVt2.js", 398, "logger-Ds0aZ6mN.js", 176)
    tz = zone(-4)
    tl = Timeline(build, tz, seed=509)
    T = lambda h: tl.at(f"2026-05-09 {h}")  # noqa: E731
    main = flows.webchat(tl, "blane")
    tg = flows.telegram(tl, "6950187342")
    cron_key = "agent:main:cron:nightly-digest"
    conn = tl.ids.uuid()
    tl.log(T("05:58:12.551"), "info", "gateway/ws",
           m.webchat_connected(conn, "127.0.0.1", "openclaw-control-ui", "webchat", build.version))
    flows.ws_res(tl, T("05:58:13.102"), "channels.status", 988, conn)
    run = flows.begin_run(tl, main, T("06:01:22.070"))
    flows.model_call(run, 8.1)
    flows.tool(tl, run, "exec", 3.3)
    flows.tool_begin(tl, run, "exec")  # a long build; the run is active and owns the session
    w = Watch.of(run)
    ticks = tl.ticks(T("05:58:23.220"), T("06:12:00"))
    for tick in backoff_ticks(ticks, w):
        age = warn(tl, w, tick, "stuck session", reason="processing_without_queue", recovery="checking",
                   progress=False)
        tl.diag(tick + ms(6), "warn", m.recovery_skipped_intermediate(
            "active_embedded_run", "observe_only", main.session_id, main.key, age))
    # a telegram session whose lane kept a finished task
    tg_run = flows.begin_run(tl, tg, T("06:04:10.310"))
    flows.model_call(tg_run, 6.2)
    flows.queue_behind(tl, tg, T("06:04:40.007"), 1)
    flows.queue_behind(tl, tg, T("06:05:02.915"), 2)
    wt = Watch.of(tg_run)
    tick = backoff_ticks(ticks, wt)[0]
    age = warn(tl, wt, tick, "stuck session", reason="processing_with_queued_work", recovery="checking",
               progress=False)
    tl.diag(tick + ms(9), "warn", m.recovery_action(tg.session_id, tg.key, age, "release_lane",
                                                     False, True, 1))
    # a cron session left in the diagnostic state with nothing running
    cron_tick = ticks[-6]
    tl.diag(cron_tick + ms(3), "warn", m.session_attention(
        "stuck session", "unknown", cron_key, "processing", 125, 0, reason="stale_session_state",
        recovery="checking"))
    tl.diag(cron_tick + ms(5), "warn", m.recovery_noop_intermediate("unknown", cron_key, 125))
    flows.ws_res(tl, T("06:07:31.448"), "sessions.list", 1931, conn)
    flows.ws_res(tl, T("06:09:02.390"), "chat.history", 244, conn)
    tl.root(T("06:10:12.004"), "error", m.gateway_connect_failed("Error: gateway request timeout for connect"))
    out = [cli_logs.plain_line(ev) for ev in tl.ordered(min_level="info")]
    corpus.add("shapes/openclaw-logs-plain.txt", _lines(out),
               "openclaw logs --plain (UTC Z, '<time> <level> <subsystem> <message>', ANSI kept in ws "
               "lines) from a 2026.4.29 gateway: intermediate 'reason=processing_*' stuck lines with "
               "recovery skipped/no-op/release_lane (sessionId=blane, a cron session with sessionId=unknown).")


# ------------------------------------------------------ openclaw logs pretty


def logs_pretty(corpus: Corpus) -> None:
    """``openclaw logs`` on a TTY with the 2026.3.x binding-prefixed messages."""
    build = mac("2026.3.13", "22.22.0", "tomas", "entry.js", 2401, "entry.js", 1204)
    tz = zone(-5)
    tl = Timeline(build, tz, seed=313)
    T = lambda h: tl.at(f"2026-03-14 {h}")  # noqa: E731
    tg = flows.telegram(tl, "8123974410")
    web = flows.webchat(tl)
    tl.log(T("01:52:10.450"), "info", "gateway", m.agent_model("openrouter/anthropic/claude-sonnet-4.5"))
    tl.log(T("01:52:12.381"), "info", "gateway", m.listening(18789, 7731))
    tl.log(T("01:52:12.384"), "info", "gateway", m.log_file("/tmp/openclaw/openclaw-2026-03-14.log"))
    for n, at in enumerate(("01:53:02.114", "01:54:40.873", "01:56:43.141")):
        tl.diag(T(at) + secs(1.6), "error", m.lane_task_error(
            "main", 1604 - 37 * n, "FailoverError: HTTP 401: User not found."))
    tl.root(T("01:57:20.007"), "error", m.gateway_connect_failed("Error: gateway closed (1000): no close reason"))
    flows.handshake_timeout_pair(tl, T("01:57:19.998"), duration_ms=3009, handshake_ms=3000,
                                 code=1000, reason="n/a", with_peer=False, handshake="pending")
    run = flows.begin_run(tl, web, T("01:58:30.200"))
    flows.model_call(run, 4.0)
    flows.tool_begin(tl, run, "browser")
    w = Watch.of(run)
    for tick in tl.ticks(T("01:52:40.300"), T("02:03:00")):
        if w.age(tick) >= 120:
            old_stuck(tl, w, tick)
    flows.normal_turn(tl, tg, T("01:59:12.540"), tools=0)
    out = ["tomas@studio ~ % openclaw logs --follow"]
    out += [cli_logs.pretty_line(ev, tz, with_offset=False, legacy_prefix=True)
            for ev in tl.ordered(min_level="info")]
    corpus.add("shapes/openclaw-logs-pretty.txt", _lines(out),
               "openclaw logs on a TTY (2026.3.13, 'HH:MM:SS level subsystem message') with the legacy "
               "{\"subsystem\":…} prefix and JSON-encoded meta objects joined into messages: 401 lane "
               "task errors, a 3000 ms handshake timeout, old-form stuck session.")


# -------------------------------------------------------- openclaw logs json


def logs_json(corpus: Corpus) -> None:
    """``openclaw logs --json --follow`` over the 2026-05-21 incident's recovery."""
    day = build_day()
    tl = day.tl
    events = tl.ordered()
    lines = [jsonl_line(e, tl.build, DAY_TZ) for e in events]
    sizes = [len(line.encode("utf-8")) + 1 for line in lines]
    start = tl.at(f"{DAY} 18:46:40")
    split = tl.at(f"{DAY} 18:48:25")
    end = tl.at(f"{DAY} 18:48:45")
    first = next(i for i, e in enumerate(events) if e.at >= start)
    second = next(i for i, e in enumerate(events) if e.at >= split)
    last = next(i for i, e in enumerate(events) if e.at >= end)
    cut = lines[first - 1][-212:]
    cursor0 = sum(sizes[:first]) - len(cut.encode("utf-8")) - 1
    out = [cli_logs.json_meta(DAY_LOG, cursor0, sum(sizes[:second])),
           cli_logs.json_notice("Log tail truncated (increase --max-bytes)."),
           cli_logs.json_raw(cut)]
    out += [cli_logs.json_log(e, tl.build, DAY_TZ) for e in events[first:second]]
    out.append(cli_logs.json_meta(DAY_LOG, sum(sizes[:second]), sum(sizes[:last])))
    out += [cli_logs.json_log(e, tl.build, DAY_TZ) for e in events[second:last]]
    corpus.add("shapes/openclaw-logs-json.jsonl", _lines(out),
               "openclaw logs --json --follow over the 2026-05-21 recovery (18:46:40-18:48:45): "
               "meta/notice/raw/log objects; the first line of the tail is a cut record (raw).")


# ------------------------------------------------------------ pasted snippet


def _wrap(line: str, width: int, indent: str) -> list[str]:
    return [indent + part for part in textwrap.wrap(line, width=width, break_long_words=False,
                                                     break_on_hyphens=False)]


def pasted(corpus: Corpus) -> None:
    day = build_day()
    tl = day.tl
    window = tl.ordered(tl.at(f"{DAY} 18:41:29"), tl.at(f"{DAY} 18:48:26"), min_level="warn")
    rendered = [strip_ansi(compact_line(e, DAY_TZ)) for e in window]
    stalled = [r for r in rendered if "stalled session:" in r]
    ws = [r for r in rendered if "[ws]" in r and "c0a236c7" in r]
    bare = [e.text for e in window if e.subsystem in ("agent/embedded", "gateway")
            or "stuck session recovery" in e.text]
    out = ["### Telegram bot stops replying, log says `stalled session` (OpenClaw 2026.5.18, macOS 15.5 arm64)",
           "",
           "The bot answered a web search, then went silent; my next message was never answered until",
           "about 18:48. `tail -f ~/.openclaw/logs/gateway.log` showed (terminal was narrow, lines wrapped):",
           ""]
    out += _wrap(stalled[0], 104, "    ")
    out.append("    ...")
    out += _wrap(stalled[8], 150, "    ")
    out += ["    " + r for r in ws]
    out += ["", "`openclaw status` in another terminal printed:", "",
            "gateway connect failed: Error: gateway request timeout for connect",
            "gateway closed (1008): connect failed", "",
            "and then (copied from the Control UI logs tab, no timestamps, sorry):", ""]
    out += bare
    out += ["", "After that it answered the queued message. Anything I can set so this recovers faster?"]
    corpus.add("shapes/pasted-snippet.txt", _lines(out),
               "A bug-report paste of the 2026-05-21 incident: markdown header, 4-space indented console "
               "lines, stalled lines wrapped across 2-3 lines at key=value boundaries, CLI output and bare "
               "messages without timestamps.")


# ------------------------------------------------------------ legacy clawdbot


def legacy_clawdbot(corpus: Corpus) -> None:
    build = Build(version="2026.1.16", node="22.12.0", root="clawdbot", time_utc=True,
                  dist="/home/ryan/.npm-global/lib/node_modules/clawdbot/dist", bundle="entry.js",
                  line=2311, column=14)
    tz = zone(-8)
    tl = Timeline(build, tz, seed=120)
    T = lambda h: tl.at(f"2026-01-20 {h}")  # noqa: E731
    tg = flows.telegram(tl, "6203318845")
    web = flows.webchat(tl)
    flows.startup(tl, T("09:12:03.514"), model_ref="anthropic/claude-sonnet-4-5", plugins=[],
                  log_path="/tmp/clawdbot/clawdbot-2026-01-20.log", pid=2231, seconds=1.6)
    flows.normal_turn(tl, web, T("09:14:20.118"), tools=1)
    run = flows.begin_run(tl, tg, T("09:20:05.402"))
    flows.model_call(run, 5.2)
    call = flows.tool_begin(tl, run, "exec")   # `npm install` with a hung postinstall
    flows.queue_behind(tl, tg, T("09:23:41.660"), 1)
    flows.normal_turn(tl, web, T("09:24:02.930"), tools=2)
    w = Watch.of(run)
    ticks = tl.ticks(T("09:12:35.190"), T("09:35:00"))
    tool_done = T("09:30:11.874")
    for tick in ticks:
        if tick < tool_done and w.age(tick) >= 120:
            old_stuck(tl, w, tick)
    run.cursor = tool_done - secs(0.002)
    flows.tool_finish(tl, run, "exec", call, 0.002)
    flows.model_call(run, 6.6)
    flows.finish_run(tl, run)
    late = flows.begin_run(tl, tg, run.cursor + ms(9), from_queue=True)
    flows.model_call(late, 7.9)
    flows.finish_run(tl, late)
    tl.heartbeats(ticks)
    corpus.add("shapes/legacy-clawdbot-2026-01-20.log", tl.jsonl(),
               "Pre-rename JSONL (clawdbot 2026.1.16, Linux): time in UTC Z, _meta.name root 'clawdbot', "
               "'listening on … (PID 2231)'; a hung exec tool gives reason-less 'stuck session:' lines "
               "every 30 s from 120 s until the tool finishes at ~10 min (resolves by itself).")


# ---------------------------------------------------------- newer build 07-01


def newer_build(corpus: Corpus) -> None:
    build = linux("2026.7.1", "22.23.0", "ryan", "subsystem-H3wPq7cN.js", 455, "logger-Kx9d0TfR.js", 204)
    build = Build(**{**build.__dict__, "hostname": "claw-fsn1", "structured": True})
    tz = zone(2)
    tl = Timeline(build, tz, seed=701)
    T = lambda h: tl.at(f"2026-07-01 {h}")  # noqa: E731
    wa = flows.whatsapp(tl, "+16172094481")
    tg = flows.telegram(tl, "7702193384")
    web = flows.webchat(tl)
    flows.startup(tl, T("09:58:10.233"), model_ref="openai/gpt-5.2",
                  plugins=["acpx", "diagnostics-otel", "memory-core", "telegram", "whatsapp"],
                  log_path="/tmp/openclaw/openclaw-2026-07-01.log", seconds=3.4)
    conn = tl.ids.uuid()
    tl.log(T("10:01:44.610"), "info", "gateway/ws",
           m.webchat_connected(conn, "127.0.0.1", "openclaw-control-ui", "webchat", build.version))
    flows.normal_turn(tl, web, T("10:02:30.006"), tools=1)
    flows.normal_turn(tl, tg, T("10:05:12.481"), tools=2)
    flows.handshake_timeout_pair(tl, T("10:07:03.377"), duration_ms=10012, remote="10.0.0.23",
                                 phase="auth_credentials_received")
    tl.log(T("10:08:51.094"), "info", "gateway/ws", m.user_disconnected(1001, "n/a", conn, "ryan"))
    # whatsapp: the provider keeps answering with retries, no real progress
    run = flows.begin_run(tl, wa, T("10:12:04.118"))
    flows.model_call(run, 3.1)
    flows.queue_behind(tl, wa, T("10:13:30.742"), 1)
    w = Watch.manual(wa, run.started, run.cursor, "model_call:started", kind="model_call",
                     repeated_since=run.cursor)
    ticks = tl.ticks(T("09:58:40.420"), T("10:30:00"))
    late = next(i for i, t in enumerate(ticks) if t > run.cursor and w.age(t) >= 360)
    ticks[late] += ms(1840)
    delayed, recovered = None, None
    for tick in ticks:
        if tick < run.cursor:
            continue
        w.history.append((tick - secs(14 + (tick.second % 7)), "model_call:started"))  # each retry
        if w.age(tick) < 360:
            continue
        if delayed is None:
            tl.diag(tick + ms(1), "warn", m.liveness_heartbeat_delayed(1840, 31840))
            delayed = tick
            warn(tl, w, tick, "stalled session", reason="repeated_model_requests_without_progress",
                 classification="stalled_agent_run", recovery="checking")
            continue
        age = warn(tl, w, tick, "stalled session", reason="repeated_model_requests_without_progress",
                   classification="stalled_agent_run", recovery="checking")
        if recovered is None:
            tl.diag(tick + ms(15020), "warn", m.recovery_action(wa.session_id, wa.key, age, "abort_embedded_run",
                                                              False, False, 0))
            tl.diag(tick + ms(15021), "warn", m.recovery_outcome(
                "aborted", "abort_embedded_run", wa.session_id, wa.key, active_session_id=wa.session_id,
                active_work_kind="model_call", lane=wa.lane, aborted=True, drained=False,
                force_cleared=True, released=0))
            recovered = tick
    for tick in backoff_ticks([t for t in ticks if t > run.cursor], w, until=delayed):
        warn(tl, w, tick, "long-running session", reason="active_model_call_without_progress",
             classification="long_running", recovery="none")
    tl.heartbeats(ticks)
    corpus.add("shapes/newer-build-2026-07-01.log", tl.jsonl(),
               "Mid-2026 JSONL (2026.7.1, Linux, +02:00): top-level hostname/message/session_id fields, "
               "handshake timeout with phase=, long-running then stalled "
               "'repeated_model_requests_without_progress' with repeatedRequestNoProgressAge, "
               "'liveness heartbeat delayed', recovery aborted=false released=0 and the stall continuing.")


# ------------------------------------------------------------- mixed shapes


def mixed(corpus: Corpus) -> None:
    out: list[str] = []
    broken: list[int] = []
    b = mac("2026.4.18", "22.22.0", "lin", "subsystem-A8c2PzQe.js", 388, "logger-Vn3k1Lsd.js", 170)
    tl = Timeline(b, DAY_TZ, seed=418)
    T = lambda h: tl.at(f"2026-04-18 {h}")  # noqa: E731
    tg = flows.telegram(tl, "7012345678")
    run = flows.begin_run(tl, tg, T("23:40:02.006"))
    flows.model_call(run, 4.4)
    flows.queue_behind(tl, tg, T("23:40:31.200"), 1)
    flows.queue_behind(tl, tg, T("23:40:52.915"), 2)
    w = Watch.of(run)
    tick = T("23:42:08.640")
    age = warn(tl, w, tick, "stuck session", reason="processing_with_queued_work", recovery="checking",
               progress=False)
    tl.diag(tick + ms(7), "warn", m.recovery_skipped_intermediate("active_lane_task", "keep_lane",
                                                                   tg.session_id, tg.key, age))
    lock = f"/Users/lin/.openclaw/agents/main/sessions/{tg.session_id}.jsonl.lock"
    for n in range(5):
        tl.diag(T("23:43:01.100") + secs(10.7 * n), "error", m.lane_task_error(
            "cron", 10004 + n, m.session_file_locked(10000, 73811, lock)))
    out.append("==> /tmp/openclaw/openclaw-2026-04-18.log <==")
    out += [jsonl_line(e, b, DAY_TZ) for e in tl.ordered()][-14:]
    out.append(size_cap_line(T("23:44:12.377"), DAY_TZ, "/tmp/openclaw/openclaw-2026-04-18.log", 524288000))
    out += ["", f"==> {DAY_LOG} <=="]
    day = build_day()
    dtl = day.tl
    recs = [jsonl_line(e, dtl.build, DAY_TZ) for e in dtl.ordered(dtl.at(f"{DAY} 18:46:40"),
                                                                  dtl.at(f"{DAY} 18:47:52"))]
    console = [compact_line(e, DAY_TZ) for e in dtl.ordered(dtl.at(f"{DAY} 18:48:22"),
                                                            dtl.at(f"{DAY} 18:48:40"), min_level="info")]
    out += recs[:-1]
    # the file was copied mid-write: its last record is cut and the next file's
    # first line runs on from it
    out.append(recs[-1][:237] + console[0])
    broken.append(len(out))
    out += console[1:]
    out += ["(node:4127) [DEP0040] DeprecationWarning: The `punycode` module is deprecated. "
            "Please use a userland alternative instead.",
            "(Use `node --trace-deprecation ...` to show where the warning was created)",
            "[openclaw] log file size cap reached; suppressing writes file=/tmp/openclaw/openclaw-2026-04-18.log "
            "maxFileBytes=524288000",
            "cat: /tmp/openclaw/openclaw-2026-05-20.log: No such file or directory", "", ""]
    out += [jsonl_line(e, dtl.build, DAY_TZ) for e in dtl.ordered(dtl.at(f"{DAY} 18:50:00"),
                                                                  dtl.at(f"{DAY} 19:10:00"))][:12]
    corpus.add("shapes/mixed-shapes.log", _lines(out),
               "A user's concatenation: tail headers, 2026.4.18 JSONL ending in the _meta-less size-cap line, "
               "2026-05-21 JSONL whose last record is cut and runs into gateway.log console lines, node "
               "stderr/garbage lines, blank lines, more JSONL.", broken_lines=tuple(broken))


# ------------------------------------------------------- issue excerpts (pieces)


def _values_row(ev) -> str:  # noqa: ANN001 - a samplegen Event
    """A record's values as a log viewer copies them: the binding object, the meta object, the text."""
    values: list[object] = [{"subsystem": ev.subsystem}]
    if ev.meta is not None:
        values.append(ev.meta)
    values.append(strip_ansi(ev.text))
    return ",".join(json.dumps(v, ensure_ascii=False, separators=(",", ":")) for v in values)


def _aligned(ev) -> str:  # noqa: ANN001 - a samplegen Event
    """A viewer's aligned columns: ``18:48:22.519+08:00  WARN  diagnostic  <message>``."""
    at = ev.at.astimezone(DAY_TZ)
    return f"{at.strftime('%H:%M:%S.%f')[:12]}+08:00  {ev.level.upper():<5} {ev.subsystem}  {strip_ansi(ev.text)}"


def _elide_id(text: str, keep: int = 8) -> str:
    """The session id cut after ``keep`` characters, as reporters shorten it."""
    sid = "0829a221-a12c-49cb-9a64-42c2fc1a89ea"
    return text.replace(sid, sid[:keep] + "…")


def issue_excerpts(corpus: Corpus) -> None:
    """The 2026-05-21 incident as an issue reporter pastes it, in the pieces found in real issues:
    record fields and a record's tail (``"1":"…","_meta":{…},"time":"…"},``), a record's values
    (``{"subsystem":"gateway/ws"},"handshake timeout …"``), a meta object on its own line next to
    its ``closed before connect`` line, aligned viewer columns, console lines whose time or tag was
    cut, CLI error output, elided ids and the reporter's own notes."""
    day = build_day()
    tl = day.tl
    window = tl.ordered(tl.at(f"{DAY} 18:41:00"), tl.at(f"{DAY} 18:48:40"), min_level="debug")
    stalled = [e for e in window if e.text.startswith("stalled session:")]
    liveness = [e for e in window if e.text.startswith("liveness warning:")]
    timeouts = [e for e in window if e.text.startswith("handshake timeout")]
    closes = [e for e in window if e.text.startswith("closed before connect")]
    by_start = {e.text.split(":", 1)[0]: e for e in window}
    settle = by_start["embedded abort settle timed out"]
    action = next(e for e in window if e.text.startswith("stuck session recovery: "))
    outcome = next(e for e in window if e.text.startswith("stuck session recovery outcome:"))
    lane_wait = next(e for e in window if e.text.startswith("lane wait exceeded:"))
    processed = [e for e in window if e.text.startswith("message processed:") and day.incident.key in e.text][-1]

    def record_tail(ev) -> str:  # noqa: ANN001
        whole = jsonl_line(ev, tl.build, DAY_TZ)
        return whole[whole.index('"1":'):] + ","

    out = ["### Telegram session stuck for ~15 min, recovered by itself (2026.5.18, macOS)",
           "",
           "From /tmp/openclaw/openclaw-2026-05-21.log (copied from my editor, so only parts of the records):",
           "",
           record_tail(stalled[0]),
           record_tail(stalled[1]),
           f"... {len(stalled) - 4} more like this, age going up by ~35s each ...",
           _elide_id(strip_ansi(compact_line(stalled[-2], DAY_TZ))) + "   <-- still no progress",
           "",
           "The Control UI logs tab around the same time (copied as shown, indented as a code block):",
           "",
           "    " + _values_row(timeouts[0]),
           "    " + _values_row(closes[0]),
           "",
           "and gateway.log had these two lines for the second CLI attempt:",
           "",
           strip_ansi(compact_line(closes[1], DAY_TZ)),
           json.dumps(closes[1].meta, ensure_ascii=False, separators=(",", ":")),
           "",
           "openclaw logs --follow in a wide terminal (columns as printed):",
           "",
           _aligned(liveness[-1]),
           _aligned(stalled[-1]),
           "",
           "`openclaw status` at 18:48 said:",
           "",
           "Error: gateway closed (1008): connect failed",
           "Gateway target: ws://127.0.0.1:18789",
           "Source: local loopback",
           "Config: /Users/lin/.openclaw/openclaw.json",
           "Bind: loopback",
           "",
           "Then the recovery (my terminal cut the first columns):",
           "",
           strip_ansi(compact_line(settle, DAY_TZ)),
           '(no "embedded run done" for 8e8e44d6 after this)',
           strip_ansi(compact_line(action, DAY_TZ))[27:],
           strip_ansi(compact_line(outcome, DAY_TZ)).split(" [", 1)[1],
           strip_ansi(compact_line(lane_wait, DAY_TZ)) + " ← the message I sent at 18:36",
           strip_ansi(compact_line(processed, DAY_TZ)),
           "# after that it answered normally",
           ""]
    corpus.add("shapes/issue-excerpts.txt", _lines(out),
               "The 2026-05-21 incident pasted into an issue in the pieces reporters use: JSONL record tails "
               "(\"1\":…,\"_meta\":…,\"time\":…}), a viewer's value rows ({\"subsystem\":…},{meta},\"text\"), a "
               "meta object on its own line after its closed-before-connect line, aligned 'HH:MM:SS.mmm  WARN  "
               "subsystem' columns, CLI error output, console lines with the time or tag cut, an elided session "
               "id (0829a221…), and the reporter's notes (own lines, '<-- ...' and '← ...' after a line).")
    corpus.add_json("shapes/issue-excerpts.expected.json", {
        "description": ("The same ghost run pasted in pieces: the stall of the telegram session is found under its "
                        "key and force-cleared (the recovery aborts with released=0 and forceCleared=true); the "
                        "handshake timeouts (durationMs far over handshakeMs) are starvation, not a handshake budget "
                        "problem."),
        "incidents": [{"session": day.incident.key, "status": "force_cleared", "mustNotInclude": ["RC11"]}],
        "mustNotFire": ["RC11", "RC13", "RC18"],
    }, "Expected stuckscan analysis of shapes/issue-excerpts.txt.")


def add_shapes(corpus: Corpus) -> None:
    journald(corpus)
    console_pretty(corpus)
    logs_plain(corpus)
    logs_pretty(corpus)
    logs_json(corpus)
    pasted(corpus)
    legacy_clawdbot(corpus)
    newer_build(corpus)
    mixed(corpus)
    issue_excerpts(corpus)
