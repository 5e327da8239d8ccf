#!/usr/bin/env python3
"""Write a large, realistic, deterministic OpenClaw gateway log for benchmarks.

    python3 benchmarks/make_log.py SIZE OUT [--profile busy|turns|debug] [--seed N]

SIZE is a byte count with an optional decimal unit (``100MB`` = 100 000 000 bytes,
``1GB``, ``500k``); ``MiB``/``GiB`` are binary. OUT gets JSONL records exactly as the
gateway writes them (tslog ``_meta``, local ``time`` with offset), and
``OUT.planted.json`` lists what was planted: the session keys of the stall incidents,
the number of handshake timeouts, and the line mix.

How it is built (all on ``tools/samplegen``):

* one *template hour* of a busy gateway is simulated once with samplegen's timeline,
  flows and traffic filler (hundreds of sessions, interleaved turns with lane
  enqueue/dequeue, embedded run lifecycles, session state changes, heartbeats, webchat
  connections, model-fallback meta objects, captured ``[tools]`` console output), plus
  the traffic samplegen has no template for: verbose WebSocket frames with ANSI codes
  (``← req``, ``→ res``, ``→ event``), channel traffic and console captures;
* the template is rendered once with placeholders for the two timestamps, then written
  hour after hour with shifted times and fresh run/connection/request ids (session ids
  and keys stay: the same users come back every hour);
* every hour gets its own planted incidents, simulated fresh with samplegen flows: one or
  two stalls (``stalled session`` every 30 s then an abort recovery, or a backing-off
  ``stuck session`` then a lane release) on a session used nowhere else, and a couple
  of handshake timeouts; their lines are merged into the hour by time.

The last hour is cut at a line boundary before any incident it would leave unfinished,
so the file is at most SIZE bytes (a little less when a cut would split an incident).
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
import sys
import time
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.samplegen import flows  # noqa: E402
from tools.samplegen import messages as m  # noqa: E402
from tools.samplegen.build import linux  # noqa: E402
from tools.samplegen.clock import js_round_s, ms, secs, zone  # noqa: E402
from tools.samplegen.flows import Session  # noqa: E402
from tools.samplegen.records import Event, iso_local, iso_utc, jsonl_line, record_time  # noqa: E402
from tools.samplegen.timeline import Timeline  # noqa: E402
from tools.samplegen.traffic import Plan, fill  # noqa: E402

TZ = zone(2)
BUILD = linux("2026.5.18", "22.22.1", "claw", "subsystem-CqV3m0Yk.js", 412, "logger-B9hJx2Lw.js", 188)
HOUR = timedelta(hours=1)
START = datetime(2026, 6, 1, 0, 0, tzinfo=TZ)
PROFILES = ("busy", "turns", "debug")

UUID_OR_SHORT = re.compile(r"[0-9a-f]{8}(?:-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|…[0-9a-f]{4})")
STALL_PHRASES = ("stalled session", "stuck session", "handshake timeout")


def parse_size(text: str) -> int:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)(i?)[bB]?\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 100MB or 1GB)")
    number, unit, binary = match.groups()
    power = {"": 0, "k": 1, "m": 2, "g": 3}[unit.lower()]
    return int(float(number) * ((1024 if binary else 1000) ** power))


# --------------------------------------------------------------------------- template


@dataclass
class Template:
    """One hour of traffic, rendered: each line is (offset ms, part0, part1, part2)
    with the ``_meta.date`` between part0 and part1 and ``time`` between part1 and part2."""

    lines: list[tuple[int, str, str, str]]
    categories: dict[str, int]
    stable_ids: set[str]


def _sessions(tl: Timeline, count: int) -> list[tuple[Session, float]]:
    """``count`` sessions over telegram, whatsapp, discord and webchat, Zipf-like weights."""
    out: list[tuple[Session, float]] = []
    for index in range(count):
        roll = index % 10
        if roll < 5:
            session = flows.telegram(tl, str(tl.ids.int(1_000_000_000, 7_999_999_999)), first_msg=tl.ids.int(100, 9000))
        elif roll < 8:
            session = flows.whatsapp(tl, f"+1617{tl.ids.int(1_000_000, 9_999_999)}")
        elif roll < 9 or index < 10:
            session = flows.discord(tl, tl.ids.snowflake())
        else:
            session = flows.telegram(tl, str(tl.ids.int(1_000_000_000, 7_999_999_999)))
        out.append((session, 1.0 / (1 + index) ** 0.6))
    out.append((flows.webchat(tl), 0.5))
    return out


def _ws(arrow: str, color: int, label: str, rest: str) -> str:
    return f"{m._ansi(color, 39, arrow)} {m._ansi(1, 22, label)} {rest}"


def _ids_part(conn: str, request: str | None = None) -> str:
    text = f"{m._ansi(2, 22, 'conn')}={m._ansi(90, 39, m.short_id(conn))}"
    if request:
        text += f" {m._ansi(2, 22, 'id')}={m._ansi(90, 39, m.short_id(request))}"
    return text


POLL_METHODS = (("status", 2, 9), ("sessions.list", 4, 40), ("health", 1, 6), ("channels.status", 30, 400),
                ("chat.history", 8, 120), ("node.list", 1, 5), ("models.list", 3, 30), ("cron.list", 1, 8))


def _verbose_ws(tl: Timeline, start: datetime, end: datetime, dashboards: int) -> None:
    """Operator dashboards polling over WebSocket, and the events the gateway pushes them."""
    conns = [tl.ids.uuid() for _ in range(dashboards)]
    for conn in conns:
        at = start + secs(tl.ids.between(0, 5))
        while at < end:
            method, low, high = tl.ids.pick(POLL_METHODS)
            request = tl.ids.uuid()
            tl.log(at, "debug", "gateway/ws", _ws("←", 96, "req", f"{m._ansi(1, 22, method)} {_ids_part(conn, request)}"))
            took = tl.ids.int(low, high)
            done = at + ms(took)
            tl.log(done, "debug", "gateway/ws", _ws("→", 95, "res", f"{m._ansi(92, 39, '✓')} {m._ansi(1, 22, method)} "
                                                         f"{m._ansi(2, 22, f'{took}ms')} {_ids_part(conn, request)}"))
            if took >= 50:  # what normal mode prints too
                tl.log(done + ms(1), "info", "gateway/ws", m.ws_res(method, took, conn, request))
            at = done + secs(tl.ids.between(2.0, 9.0))
        tick = start + secs(tl.ids.between(0, 30))
        while tick < end:
            tl.log(tick, "debug", "gateway/ws", _ws("→", 95, "event", f"{m._ansi(1, 22, 'tick')} {_ids_part(conn)}"))
            if tl.ids.chance(0.5):
                name = tl.ids.pick(("presence", "health", "heartbeat"))
                tl.log(tick + ms(tl.ids.int(3, 900)), "debug", "gateway/ws",
                       _ws("→", 95, "event", f"{m._ansi(1, 22, name)} {_ids_part(conn)}"))
            tick += secs(30)
    # every embedded run streams agent events to each dashboard
    runs: dict[str, datetime] = {}
    for ev in list(tl.events):
        if ev.text.startswith("embedded run agent start: runId="):
            runs[ev.text.rsplit("=", 1)[1]] = ev.at
        elif ev.text.startswith("embedded run agent end: runId="):
            run_id = ev.text.split("runId=", 1)[1].split(" ", 1)[0]
            begun = runs.pop(run_id, None)
            if begun is None:
                continue
            seq = 0
            at = begun + ms(tl.ids.int(150, 600))
            while at < ev.at:
                seq += 1
                for conn in conns:
                    tl.log(at, "debug", "gateway/ws", _ws("→", 95, "event",
                           f"{m._ansi(1, 22, 'agent')} {m._ansi(2, 22, 'seq')}={seq} {m._ansi(2, 22, 'stream')}=assistant "
                           f"{_ids_part(conn)}"))
                at += ms(tl.ids.int(350, 1400))
            for conn in conns:
                tl.log(ev.at + ms(2), "debug", "gateway/ws",
                       _ws("→", 95, "event", f"{m._ansi(1, 22, 'chat')} {m._ansi(2, 22, 'state')}=final {_ids_part(conn)}"))


def _channel_traffic(tl: Timeline, start: datetime, end: datetime, gap_ms: tuple[int, int] = (200, 2600)) -> None:
    """Channel provider chatter: polling, delivery receipts, typing indicators."""
    at = start + secs(tl.ids.between(0, 10))
    while at < end:
        roll = tl.ids.int(0, 9)
        if roll < 4:
            tl.log(at, "debug", "gateway/channels/telegram",
                   f"getUpdates ok: updates={tl.ids.pick((0, 0, 0, 1, 2))} offset={tl.ids.int(700_000_000, 799_999_999)} "
                   f"durationMs={tl.ids.int(20, 30_000)}")
        elif roll < 6:
            tl.log(at, "debug", "gateway/channels/whatsapp",
                   f"presence update: jid={tl.ids.int(10**10, 10**11)}@s.whatsapp.net type={tl.ids.pick(('available', 'composing', 'paused'))}")
        elif roll < 8:
            tl.log(at, "debug", "gateway/channels/discord",
                   f"gateway event: t={tl.ids.pick(('MESSAGE_CREATE', 'TYPING_START', 'PRESENCE_UPDATE', 'GUILD_MEMBER_UPDATE'))} "
                   f"s={tl.ids.int(1000, 999_999)} shard=0")
        else:
            tl.log(at, "info", "gateway/channels/telegram",
                   f"[default] delivered reply: chat={tl.ids.int(1_000_000_000, 7_999_999_999)} chunks={tl.ids.int(1, 3)}")
        at += ms(tl.ids.int(*gap_ms))


WS_RES_METHODS = (("status", 50, 300), ("sessions.list", 50, 900), ("chat.history", 60, 2400),
                  ("chat.send", 80, 1800), ("channels.status", 120, 4000), ("node.invoke", 90, 6000),
                  ("models.list", 50, 700), ("config.get", 50, 400), ("agent.wait", 200, 9000))


def _ws_responses(tl: Timeline, start: datetime, end: datetime, per_hour: int) -> None:
    """``⇄ res`` lines (the compact response line: every call at debug level), all under
    the 10 s the correlator calls slow."""
    conns = [tl.ids.uuid() for _ in range(6)]
    mean_gap = 3_600_000 / per_hour
    at = start + ms(tl.ids.int(0, 2000))
    while at < end:
        method, low, high = tl.ids.pick(WS_RES_METHODS)
        tl.log(at, "debug", "gateway/ws", m.ws_res(method, tl.ids.int(low, high), tl.ids.pick(conns), tl.ids.uuid(),
                                                   ok=not tl.ids.chance(0.03)))
        at += ms(tl.ids.int(1, int(2 * mean_gap)))


def _call_site(ev: Event) -> dict:
    """The ``_meta.path`` of a gateway that logs from hundreds of places: each kind of line
    (subsystem and first words) comes from one to eight call sites of its own, picked by
    the line's text; about a thousand distinct ``path`` blocks in all."""
    words = " ".join(word.split("=", 1)[0] for word in re.sub(r"\x1b\[[0-9;]*m", "", ev.text).split()[:4])
    kind = zlib.crc32(f"{ev.subsystem}|{words}".encode())
    digest = zlib.crc32(f"{kind}|{zlib.crc32(ev.text.encode()) % (1 + kind % 8)}".encode())
    chunk = ("subsystem", "gateway-ws", "session-lanes", "embedded-runner", "channels", "diagnostics", "cron",
             "health", "plugins", "tools")[digest % 10]
    bundle, line, column = f"{chunk}-C{digest >> 8 & 0xFFFFFF:06x}.js", 200 + digest % 3000, 5 + digest % 40
    return BUILD.path_block(ev.method) | {
        "fullFilePath": f"file://{BUILD.dist}/{bundle}:{line}:{column}", "fileName": bundle,
        "fileNameWithLine": f"{bundle}:{line}", "fileColumn": str(column), "fileLine": str(line),
        "filePath": f"{BUILD.dist}/{bundle}", "filePathWithLine": f"{BUILD.dist}/{bundle}:{line}",
    }


CONSOLE = (
    "[plugins] memory-core: indexed {n} chunks in {d}ms",
    "[tools] exec: command finished with exit code 0 after {d}ms",
    "[acpx] runtime backend ready",
    "[browser] page loaded in {d}ms",
    "[tools] web_fetch: 200 OK ({n} bytes)",
)


def _console_captures(tl: Timeline, start: datetime, end: datetime) -> None:
    at = start + secs(tl.ids.between(0, 30))
    while at < end:
        text = tl.ids.pick(CONSOLE).format(n=tl.ids.int(1, 90_000), d=tl.ids.int(3, 4000))
        tl.root(at, tl.ids.pick(("info", "info", "debug")), text, method="console.log")
        at += secs(tl.ids.between(2, 25))


def _usage_meta(tl: Timeline) -> None:
    """``model usage`` records with a structured meta object after every run."""
    for ev in list(tl.events):
        if ev.text.startswith("embedded run done: runId="):
            meta = {"event": "model_usage", "provider": "aliyun-tokenplan", "model": "qwen3.6-plus",
                    "inputTokens": tl.ids.int(800, 60_000), "outputTokens": tl.ids.int(20, 4000),
                    "cacheRead": tl.ids.int(0, 40_000), "costUsd": round(tl.ids.between(0.0001, 0.05), 5)}
            tl.log(ev.at + ms(1), "debug", "diagnostic/usage", "model usage", meta)


def _category(ev: Event) -> str:
    text = ev.text
    if ev.subsystem == "gateway/ws":
        return "websocket"
    if ev.meta is not None:
        return "meta-object"
    if ev.subsystem is None:
        return "console"
    if ev.subsystem and ev.subsystem.startswith("gateway/channels"):
        return "channel"
    if text.startswith(("heartbeat:", "liveness")):
        return "heartbeat"
    if text.startswith(("lane ", "session state", "message ", "run ", "embedded ", "active runs")):
        return "turn-lifecycle"
    return "other"


def build_template(profile: str, seed: int) -> Template:
    tl = Timeline(BUILD, TZ, seed)
    end = START + HOUR
    sessions = _sessions(tl, 320)
    plan = Plan(sessions=sessions, start=START, end=end - secs(120), conversations=200, max_turns=3,
                fallback_rate=0.03, tool_failure_rate=0.08, home="/home/claw")
    fill(tl, plan)
    tl.heartbeats(tl.ticks(START + ms(29_100), end))
    _usage_meta(tl)
    _channel_traffic(tl, START, end, (170, 1900) if profile == "debug" else (200, 2600))
    _console_captures(tl, START, end)
    if profile == "busy":
        _verbose_ws(tl, START, end, dashboards=2)
    if profile == "debug":
        _ws_responses(tl, START, end, per_hour=6400)
    stable = {s.session_id for s, _ in sessions}
    categories: dict[str, int] = {}
    lines: list[tuple[int, str, str, str]] = []
    base = START
    for ev in tl.ordered():
        if not (START <= ev.at < end):
            continue
        text = jsonl_line(ev, BUILD, TZ)
        if profile == "debug" and ev.raw is None:
            text = text.replace(json.dumps(BUILD.path_block(ev.method), separators=(",", ":")),
                                json.dumps(_call_site(ev), ensure_ascii=False, separators=(",", ":")), 1)
        date_text, time_text = iso_utc(ev.at), record_time(ev, BUILD, TZ)
        date_at = text.index(f'"date":"{date_text}"') + 8
        time_at = text.index(f'"time":"{time_text}"', date_at) + 8
        lines.append(((ev.at - base) // ms(1), text[:date_at], text[date_at + len(date_text):time_at],
                      text[time_at + len(time_text):]))
        key = _category(ev)
        categories[key] = categories.get(key, 0) + 1
    return Template(lines, categories, stable)


# --------------------------------------------------------------------------- incidents


@dataclass
class Planted:
    kind: str
    session_key: str
    session_id: str
    first_warning: datetime
    warnings: int


@dataclass
class HourExtras:
    lines: list[tuple[int, str]] = field(default_factory=list)   # (offset ms, line)
    incidents: list[tuple[Planted, int, int]] = field(default_factory=list)  # planted, first and last offset
    handshakes: list[int] = field(default_factory=list)          # offsets


def _stall(tl: Timeline, session: Session, at: datetime) -> Planted:
    """A ghost run: progress stops after a model call, a message queues behind it,
    ``stalled session`` every 30 s, then an abort recovery frees the session."""
    run = flows.begin_run(tl, session, at)
    flows.model_call(run, tl.ids.between(3, 15))
    flows.tool(tl, run, tl.ids.pick(("web_fetch", "exec", "read")), tl.ids.between(0.2, 3))
    stall = run.cursor + secs(tl.ids.between(2, 9))
    flows.model_call_until(run, stall)
    flows.queue_behind(tl, session, stall + secs(tl.ids.between(20, 70)), 1)
    tick = stall + secs(120) + ms(tl.ids.int(0, 29_000))
    first, count = tick, tl.ids.int(4, 12)
    age = 0
    for _ in range(count):
        age = js_round_s(tick - run.started)
        tl.diag(tick, "warn", m.session_attention(
            "stalled session", session.session_id, session.key, "processing", age, 1,
            reason="active_work_without_progress", classification="stalled_agent_run",
            active_work_kind="embedded_run", last_progress="model_call:ended",
            last_progress_age=js_round_s(tick - stall), recovery="checking"))
        tick += secs(30) + ms(tl.ids.int(0, 8))
    done = tick - secs(30) + ms(tl.ids.int(400, 900))
    tl.diag(done, "warn", m.recovery_action(session.session_id, session.key, age, "abort_embedded_run", True, True, 1))
    tl.diag(done + ms(1), "warn", m.recovery_outcome(
        "aborted", "abort_embedded_run", session.session_id, session.key, active_session_id=session.session_id,
        active_work_kind="embedded_run", lane=session.lane, aborted=True, drained=True, force_cleared=False, released=1))
    run.busy.end = done + ms(3)  # type: ignore[attr-defined]
    tl.diag(done + ms(3), "debug", m.run_cleared(session.session_id, 0))
    tl.diag(done + ms(4), "debug", m.session_state(session.session_id, session.key, "processing", "idle", "", 1))
    tl.diag(done + ms(6), "debug", m.lane_task_done(session.lane, (done - run.lane_at) // ms(1), 0, 1))
    late = flows.begin_run(tl, session, done + ms(20), from_queue=True)
    flows.model_call(late, tl.ids.between(3, 12))
    flows.finish_run(tl, late)
    return Planted("stalled", session.key, session.session_id, first, count)


def _stuck(tl: Timeline, session: Session, at: datetime) -> Planted:
    """Stale session state: a queued message nobody dequeues; ``stuck session`` backs off
    (120 s, 240 s, 480 s), then the recovery releases the lane and the message runs."""
    msg = flows.queue_behind(tl, session, at, 1)
    del msg
    ages = [120, 240, 480, 960][: tl.ids.int(2, 4)]
    for age in ages:
        tl.diag(at + secs(age) + ms(tl.ids.int(0, 900)), "warn", m.session_attention(
            "stuck session", session.session_id, session.key, "idle", age, 1,
            reason="queued_work_without_active_run", classification="stale_session_state", recovery="checking"))
    done = at + secs(ages[-1]) + ms(tl.ids.int(1000, 1500))
    tl.diag(done, "warn", m.recovery_action(session.session_id, session.key, ages[-1], "release_lane", False, False, 1))
    tl.diag(done + ms(1), "warn", m.recovery_outcome(
        "released", "release_lane", session.session_id, session.key, lane=session.lane,
        reason="no_active_work", released=1))
    for b in tl.busy:
        if b.key == session.key and b.end is None:
            b.end = done
    session.pending.clear()
    tl.diag(done + ms(5), "debug", m.lane_dequeue(session.lane, (done + ms(5) - at) // ms(1), 0))
    run = flows.begin_run(tl, session, done + ms(30))
    flows.model_call(run, tl.ids.between(3, 12))
    flows.finish_run(tl, run)
    return Planted("stuck", session.key, session.session_id, at + secs(ages[0]), len(ages))


def hour_extras(hour: int, seed: int) -> HourExtras:
    """Fresh incidents for one hour, on sessions that appear nowhere else."""
    tl = Timeline(BUILD, TZ, seed * 1_000_003 + hour)
    base = START + hour * HOUR
    extras = HourExtras()
    planted: list[tuple[Planted, int, int]] = []
    count = 1 + (hour % 3 == 0)
    for index in range(count):
        peer = f"9{hour:05d}{index:02d}{tl.ids.int(100, 999)}"
        session = flows.telegram(tl, peer, first_msg=tl.ids.int(100, 900))
        at = base + secs(tl.ids.between(300, 1800) + index * 1500)
        mark = len(tl.events)
        planted_one = _stuck(tl, session, at) if (hour + index) % 3 == 2 else _stall(tl, session, at)
        planted.append((planted_one, mark, len(tl.events)))
    for _ in range(tl.ids.int(1, 3)):
        at = base + secs(tl.ids.between(60, 3300))
        flows.handshake_timeout_pair(tl, at, duration_ms=tl.ids.int(10_000, 40_000), phase="auth_credentials_received")
    ordered = tl.ordered()
    index_of = {id(ev): i for i, ev in enumerate(ordered)}
    for ev in ordered:
        offset = (ev.at - base) // ms(1)
        extras.lines.append((offset, jsonl_line(ev, BUILD, TZ)))
        if ev.text.startswith("handshake timeout"):
            extras.handshakes.append(offset)
    for one, first, last in planted:
        offsets = [(ev.at - base) // ms(1) for ev in tl.events[first:last] if id(ev) in index_of]
        extras.incidents.append((one, min(offsets), max(offsets)))
    return extras


# --------------------------------------------------------------------------- writing


class Clock:
    """Fast ``_meta.date`` (UTC ``Z``) and ``time`` (local ``+02:00``) strings for ms offsets."""

    def __init__(self) -> None:
        self._minute = -1
        self._utc = self._local = ""

    def stamps(self, epoch_ms: int) -> tuple[str, str]:
        minute, rest = divmod(epoch_ms, 60_000)
        if minute != self._minute:
            at = datetime.fromtimestamp(minute * 60, timezone.utc)
            self._minute = minute
            self._utc = iso_utc(at)[:17]
            self._local = iso_local(at, TZ)[:17]
        tail = f"{rest // 1000:02d}.{rest % 1000:03d}"
        return f"{self._utc}{tail}Z", f"{self._local}{tail}+02:00"


class _Remap(dict[str, str]):
    """old id -> new id for one hour; short ``8…4`` forms follow their full uuid."""

    def __init__(self, new: Callable[[str], str]) -> None:
        super().__init__()
        self.new = new
        self.short: dict[str, str] = {}

    def sub(self, match: re.Match[str]) -> str:
        text = match.group()
        if len(text) == 36:
            value = self.get(text)
            if value is None:
                value = self[text] = self.new(text)
                self.short[m.short_id(text)] = m.short_id(value)
            return value
        value = self.short.get(text)
        if value is None:
            value = self.short[text] = m.short_id(self.new(text + "-0000-4000-8000-000000000000"))
        return value


def _remapper(template: Template, hour: int, seed: int) -> _Remap:
    """Fresh run, connection and request ids for ``hour``; session ids stay."""
    rng = random.Random(seed * 7919 + hour)

    def new(old: str) -> str:
        if old in template.stable_ids:
            return old
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    return _Remap(new)


def generate(size: int, out: Path, profile: str = "busy", seed: int = 6, quiet: bool = False) -> dict:
    started = time.perf_counter()
    template = build_template(profile, seed)
    clock = Clock()
    start_ms = int(START.timestamp() * 1000)
    written = lines_written = 0
    planted: list[Planted] = []
    handshakes = 0
    categories = {key: 0 for key in template.categories}
    categories["planted"] = 0
    hour = 0
    offsets = [line[0] for line in template.lines]
    with open(out, "w", encoding="utf-8", newline="\n") as handle:
        while written < size:
            base = start_ms + hour * 3_600_000
            rendered = []
            for offset, part0, part1, part2 in template.lines:
                date_text, time_text = clock.stamps(base + offset)
                rendered.append(f"{part0}{date_text}{part1}{time_text}{part2}")
            text = "\n".join(rendered)
            if hour:
                text = UUID_OR_SHORT.sub(_remapper(template, hour, seed).sub, text)
            body = text.split("\n")
            extras = hour_extras(hour, seed)
            merged: list[str] = []
            kinds: list[int] = []  # 0 template, 1 extra
            extra_at = [bisect.bisect_right(offsets, offset) for offset, _ in extras.lines]
            position = 0
            for (offset, line), at in zip(extras.lines, extra_at):
                merged.extend(body[position:at])
                kinds.extend([0] * (at - position))
                merged.append(line)
                kinds.append(1)
                position = at
            merged.extend(body[position:])
            kinds.extend([0] * (len(body) - position))
            chunk = "\n".join(merged) + "\n"
            data = chunk.encode("utf-8")
            cut_lines = len(merged)
            if written + len(data) > size:
                cut_lines = _cut(merged, size - written, extras, offsets)
                data = ("\n".join(merged[:cut_lines]) + "\n").encode("utf-8") if cut_lines else b""
            handle.write(data.decode("utf-8"))
            written += len(data)
            lines_written += cut_lines
            complete = cut_lines == len(merged)
            last_offset = _offset_of_line(merged, cut_lines, extras, offsets, kinds)
            for one, first, last in extras.incidents:
                if complete or last <= last_offset:
                    planted.append(one)
            handshakes += sum(1 for offset in extras.handshakes if complete or offset <= last_offset)
            for key, count in template.categories.items():
                categories[key] += count if complete else 0
            if complete:
                categories["planted"] += len(extras.lines)
            else:
                _count_partial(categories, template, kinds[:cut_lines], len(extras.lines))
            if not quiet:
                print(f"hour {hour}: {written / 1e6:.0f} MB", file=sys.stderr, end="\r")
            hour += 1
            if not complete:
                break
    sidecar = {
        "file": str(out),
        "bytes": written,
        "lines": lines_written,
        "hours": hour,
        "profile": profile,
        "seed": seed,
        "incidents": [{"sessionKey": p.session_key, "sessionId": p.session_id, "kind": p.kind,
                       "firstWarning": p.first_warning.isoformat(timespec="milliseconds"), "warnings": p.warnings}
                      for p in planted],
        "handshakeTimeouts": handshakes,
        "mix": categories,
        "seconds": round(time.perf_counter() - started, 2),
    }
    Path(str(out) + ".planted.json").write_text(json.dumps(sidecar, indent=2) + "\n", encoding="utf-8")
    if not quiet:
        print(f"wrote {written} bytes, {lines_written} lines, {len(planted)} planted incidents, "
              f"{handshakes} handshake timeouts in {sidecar['seconds']} s", file=sys.stderr)
    return sidecar


def _cut(merged: list[str], room: int, extras: HourExtras, offsets: list[int]) -> int:
    """How many lines of this hour fit in ``room`` bytes without splitting an incident."""
    total = 0
    fit = 0
    for line in merged:
        size = len(line.encode("utf-8")) + 1
        if total + size > room:
            break
        total += size
        fit += 1
    # step back before any incident that would be left unfinished
    texts = {line for _, line in extras.lines}
    spans = []
    extra_index = [i for i, line in enumerate(merged) if line in texts]
    by_offset = {line: offset for offset, line in extras.lines}
    for _one, first, last in extras.incidents:
        members = [i for i in extra_index if first <= by_offset[merged[i]] <= last]
        if members:
            spans.append((min(members), max(members)))
    changed = True
    while changed:
        changed = False
        for low, high in spans:
            if low < fit <= high:
                fit = low
                changed = True
    return fit


def _offset_of_line(merged: list[str], count: int, extras: HourExtras, offsets: list[int], kinds: list[int]) -> int:
    """The time offset (ms in the hour) of the last written line."""
    if count == len(merged):
        return 1 << 62
    if count == 0:
        return -1
    template_lines = sum(1 for k in kinds[:count] if k == 0)
    extra_lines = count - template_lines
    last_template = offsets[template_lines - 1] if template_lines else -1
    last_extra = extras.lines[extra_lines - 1][0] if extra_lines else -1
    return max(last_template, last_extra)


def _count_partial(categories: dict[str, int], template: Template, kinds: list[int], _extras: int) -> None:
    counts: dict[str, int] = {}
    written_template = sum(1 for k in kinds if k == 0)
    # the template's own order of categories is not kept; scale the hour's mix
    total = sum(template.categories.values())
    for key, count in template.categories.items():
        counts[key] = round(count * written_template / total) if total else 0
    for key, count in counts.items():
        categories[key] += count
    categories["planted"] += sum(1 for k in kinds if k == 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=parse_size, help="target size, e.g. 100MB or 1GB")
    parser.add_argument("out", type=Path, help="output log file (OUT.planted.json is written beside it)")
    parser.add_argument("--profile", choices=PROFILES, default="busy",
                        help="busy: debug level with verbose WebSocket logging and dashboards open (default); "
                             "turns: debug level, normal WebSocket logging (turn lifecycles dominate); "
                             "debug: debug level from hundreds of call sites, a third of the lines `⇄ res`")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    generate(args.size, args.out, args.profile, args.seed, args.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
