#!/usr/bin/env python3
"""Write synthetic gateway logs that stress one dimension each: lines, stalls, incidents, sessions.

    python3 benchmarks/make_stress.py noise OUT --lines 2000000 [--shape jsonl|console] [--mix skip|turns|mixed]
    python3 benchmarks/make_stress.py stalls OUT --concurrent 800 [--rounds 1] [--warnings 8] [--shape ...]
    python3 benchmarks/make_stress.py sessions OUT --sessions 1000000 [--shape ...]

Every line is a real gateway line (the message texts come from ``tools/samplegen``); the
records are written directly (a pre-rendered ``_meta`` per subsystem and level), so
millions of lines take seconds, not the minutes the simulated hours of ``make_log.py``
take. Times advance in fixed steps from 2026-06-01T00:00:00+02:00.

* ``noise``: healthy traffic, nothing stalls. ``skip`` is only lines the scan fast path
  can skip (channel chatter, lane enqueues on shared lanes, quick ``⇄ res``, WebSocket
  frames); ``turns`` is only turn lifecycles of a pool of 300 sessions (lines the
  correlator reads into session history); ``mixed`` (default) is 70/30, plus the
  diagnostic heartbeat every 30 s.
* ``stalls``: ``--rounds`` rounds; in each, ``--concurrent`` fresh sessions stall at
  once (a run starts, a message queues, then ``stalled session`` every 30 s,
  ``--warnings`` times), then each is aborted by a recovery and its run cleared; noise
  lines between warnings. One round of K gives K concurrent stalls; R rounds give R x K
  incidents.
* ``sessions``: ``--sessions`` distinct sessions, each with one healthy turn (message
  queued, run start and done, session state back to idle, message processed).

``--shape console`` writes the console form (``<ISO time> [tag] message``) instead of
JSONL records. A sidecar ``OUT.json`` has the counts (lines, expected incidents).
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.samplegen import messages as m  # noqa: E402

TZ = timezone(timedelta(hours=2))
START_US = int(datetime(2026, 6, 1, tzinfo=TZ).timestamp() * 1_000_000)
LEVEL_IDS = {"trace": 1, "debug": 2, "info": 3, "warn": 4, "error": 5}
CONSOLE_TAGS = {"gateway/ws": "ws", "gateway/channels/telegram": "telegram", "gateway/channels/discord": "discord"}
SITE = ('"path":{"fullFilePath":"file:///home/claw/.npm-global/lib/node_modules/openclaw/dist/subsystem-CqV3m0Yk.js'
        ':412:14","fileName":"subsystem-CqV3m0Yk.js","fileNameWithLine":"subsystem-CqV3m0Yk.js:412","fileColumn":"14",'
        '"fileLine":"412","filePath":"/home/claw/.npm-global/lib/node_modules/openclaw/dist/subsystem-CqV3m0Yk.js",'
        '"filePathWithLine":"/home/claw/.npm-global/lib/node_modules/openclaw/dist/subsystem-CqV3m0Yk.js:412",'
        '"method":"logToFile"}')


Line = tuple[int, str, str, str]  # (epoch microseconds, subsystem, level, message)


class Writer:
    """Renders lines as JSONL records or console lines, and writes them to ``handle``."""

    def __init__(self, handle: object, shape: str) -> None:
        self.handle = handle
        self.shape = shape
        self.lines = 0
        self._heads: dict[tuple[str, str], tuple[str, str, str]] = {}
        self._minute = -1
        self._utc = self._local = ""

    def _stamps(self, at_us: int) -> tuple[str, str]:
        minute, rest = divmod(at_us // 1000, 60_000)
        if minute != self._minute:
            self._minute = minute
            moment = datetime.fromtimestamp(minute * 60, timezone.utc)
            self._utc = moment.strftime("%Y-%m-%dT%H:%M:")
            self._local = moment.astimezone(TZ).strftime("%Y-%m-%dT%H:%M:")
        tail = f"{rest // 1000:02d}.{rest % 1000:03d}"
        return f"{self._utc}{tail}Z", f"{self._local}{tail}+02:00"

    def _head(self, subsystem: str, level: str) -> tuple[str, str, str]:
        head = self._heads.get((subsystem, level))
        if head is None:
            binding = json.dumps(json.dumps({"subsystem": subsystem}, separators=(",", ":")))
            head = self._heads[(subsystem, level)] = (
                '{"0":' + binding + ',"1":',
                ',"_meta":{"runtime":"node","runtimeVersion":"22.22.1","hostname":"unknown","name":' + binding
                + ',"parentNames":["openclaw"],"date":"',
                f'","logLevelId":{LEVEL_IDS[level]},"logLevelName":"{level.upper()}",{SITE}}},"time":"',
            )
        return head

    def render(self, at_us: int, subsystem: str, level: str, message: str) -> str:
        """One line, with its newline."""
        utc, local = self._stamps(at_us)
        if self.shape == "console":
            return f"{local} [{CONSOLE_TAGS.get(subsystem, subsystem)}] {message}\n"
        start, meta, tail = self._head(subsystem, level)
        return f'{start}{json.dumps(message, ensure_ascii=False)}{meta}{utc}{tail}{local}"}}\n'

    def write(self, at_us: int, subsystem: str, level: str, message: str) -> None:
        self.lines += 1
        self.handle.write(self.render(at_us, subsystem, level, message))  # type: ignore[attr-defined]


class GeneratedLog(io.RawIOBase):
    """A log that is written as it is read: ``lines`` rendered on demand (no file, no memory)."""

    def __init__(self, lines: Iterator[Line], shape: str = "jsonl") -> None:
        self._lines = lines
        self._writer = Writer(None, shape)
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while len(self._buffer) < len(target):
            chunk = "".join(self._writer.render(*line) for line in itertools.islice(self._lines, 512))
            if not chunk:
                break
            self._buffer += chunk.encode("utf-8")
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size


def _uuid(number: int, salt: int = 0) -> str:
    value = (number * 0x9E3779B97F4A7C15 + salt * 0xBF58476D1CE4E5B9) & ((1 << 128) - 1)
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-4{text[13:16]}-8{text[17:20]}-{text[20:32]}"


class Session:
    def __init__(self, number: int) -> None:
        self.number = number
        self.session_id = _uuid(number, 1)
        self.key = f"agent:main:telegram:direct:{7_000_000_000 + number}"
        self.lane = f"session:{self.key}"


def skip_noise(index: int) -> tuple[str, str, str]:
    """A line the scan fast path may skip without decoding it."""
    roll = index % 10
    if roll < 3:
        return ("gateway/channels/telegram", "debug",
                f"getUpdates ok: updates={index % 3} offset={700_000_000 + index} durationMs={20 + index % 900}")
    if roll < 5:
        return "gateway/channels/discord", "debug", f"gateway event: t=MESSAGE_CREATE s={1000 + index} shard=0"
    if roll < 7:
        return "diagnostic", "debug", m.lane_enqueue("main", index % 4)
    if roll < 9:
        return "gateway/ws", "info", m.ws_res("chat.history", 50 + index % 3000, _uuid(index % 7, 2), _uuid(index, 3))
    return "gateway/channels/telegram", "info", f"[default] delivered reply: chat={1_000_000_000 + index % 5000} chunks=1"


def turn(session: Session, run: int) -> list[tuple[str, str, str]]:
    """One healthy turn of ``session``: the lifecycle lines the correlator keeps as history."""
    run_id = _uuid(run, 4)
    return [
        ("diagnostic", "debug", m.message_queued(session.session_id, session.key, "telegram", 1, "idle")),
        ("diagnostic", "debug", m.lane_dequeue(session.lane, 3, 0)),
        ("diagnostic", "debug", m.session_state(session.session_id, session.key, "idle", "processing", "run", 0)),
        ("agent/embedded", "debug", m.run_start(run_id, session.session_id, "openai", "gpt-5.4", "low", "telegram")),
        ("agent/embedded", "debug", m.run_done(run_id, session.session_id, 4200, False)),
        ("diagnostic", "debug", m.session_state(session.session_id, session.key, "processing", "idle", "run done", 0)),
        ("diagnostic", "debug", m.message_processed("telegram", str(7_000_000_000 + session.number), str(run),
                                                    session.session_id, session.key, "completed", 4300)),
    ]


def noise_lines(lines: int, mix: str, step_us: int = 2000, pool_size: int = 300) -> Iterator[Line]:
    """Healthy traffic (see the module docstring); ``pool_size`` 0 gives every turn a new session."""
    pool = [Session(n) for n in range(pool_size)]
    pending: list[tuple[str, str, str]] = []
    at = START_US
    run = 0
    index = 0
    next_heartbeat = at + 30_000_000
    for _ in range(lines):
        at += step_us
        if mix != "skip" and at >= next_heartbeat:
            next_heartbeat += 30_000_000
            yield at, "diagnostic", "debug", m.heartbeat(12, 12, 0, 1, 0, 0)
            continue
        share = {"skip": 0, "turns": 10, "mixed": 3}.get(mix, 3)
        index += 1
        if index % 10 < share:
            if not pending:
                run += 1
                pending = turn(pool[run % pool_size] if pool_size else Session(run), run)[::-1]
            yield (at, *pending.pop())
        else:
            yield (at, *skip_noise(index))


def stalls(writer: Writer, concurrent: int, rounds: int, warnings: int, noise_per_tick: int) -> int:
    """``rounds`` rounds of ``concurrent`` sessions stalling at once; returns the incident count."""
    at = START_US
    noise_index = 0
    number = 0
    for _ in range(rounds):
        sessions = [Session(number + n) for n in range(concurrent)]
        number += concurrent
        spread = 20_000_000 // max(concurrent, 1)  # the round's runs start over 20 s
        for offset, session in enumerate(sessions):
            run_id = _uuid(session.number, 5)
            moment = at + offset * spread
            writer.write(moment, "diagnostic", "debug", m.lane_dequeue(session.lane, 2, 0))
            writer.write(moment + 1000, "agent/embedded", "debug",
                         m.run_start(run_id, session.session_id, "openai", "gpt-5.4", "low", "telegram"))
            writer.write(moment + 2000, "diagnostic", "debug",
                         m.message_queued(session.session_id, session.key, "telegram", 1, "processing"))
        at += 20_000_000
        first_warning = at + 130_000_000
        for tick in range(warnings):
            tick_at = first_warning + tick * 30_000_000
            gap = 30_000_000 // max(concurrent + noise_per_tick, 1)
            for offset, session in enumerate(sessions):
                age = (tick_at - (at - 20_000_000 + offset * spread)) // 1_000_000
                writer.write(tick_at + offset * gap, "diagnostic", "warn", m.session_attention(
                    "stalled session", session.session_id, session.key, "processing", age, 1,
                    reason="active_work_without_progress", classification="stalled_agent_run",
                    active_work_kind="embedded_run", last_progress="model_call:started",
                    last_progress_age=age - 5, recovery="checking"))
            for n in range(noise_per_tick):
                noise_index += 1
                writer.write(tick_at + (concurrent + n) * gap, *skip_noise(noise_index))
        done = first_warning + (warnings - 1) * 30_000_000 + 25_000_000
        gap = 4_000_000 // max(concurrent, 1)
        for offset, session in enumerate(sessions):
            moment = done + offset * gap
            age = (moment - (at - 20_000_000 + offset * spread)) // 1_000_000
            writer.write(moment, "diagnostic", "warn", m.recovery_action(
                session.session_id, session.key, age, "abort_embedded_run", True, True, 1))
            writer.write(moment + 1, "diagnostic", "warn", m.recovery_outcome(
                "aborted", "abort_embedded_run", session.session_id, session.key,
                active_session_id=session.session_id, active_work_kind="embedded_run", lane=session.lane,
                aborted=True, drained=True, force_cleared=False, released=1))
            writer.write(moment + 3, "diagnostic", "debug", m.run_cleared(session.session_id, 0))
            writer.write(moment + 4, "diagnostic", "debug",
                         m.session_state(session.session_id, session.key, "processing", "idle", "", 1))
        at = done + 60_000_000
    return rounds * concurrent


def sessions_log(writer: Writer, count: int, step_us: int = 1000) -> None:
    at = START_US
    for number in range(count):
        for line in turn(Session(number), number):
            at += step_us
            writer.write(at, *line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", choices=("noise", "stalls", "sessions"))
    parser.add_argument("out", type=Path)
    parser.add_argument("--shape", choices=("jsonl", "console"), default="jsonl")
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--mix", choices=("skip", "turns", "mixed"), default="mixed")
    parser.add_argument("--concurrent", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--warnings", type=int, default=8)
    parser.add_argument("--noise-per-tick", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=100_000)
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    incidents = 0
    with open(args.out, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as handle:
        writer = Writer(handle, args.shape)
        if args.scenario == "noise":
            for line in noise_lines(args.lines, args.mix):
                writer.write(*line)
        elif args.scenario == "stalls":
            incidents = stalls(writer, args.concurrent, args.rounds, args.warnings, args.noise_per_tick)
        else:
            sessions_log(writer, args.sessions)
    sidecar = {"scenario": args.scenario, "shape": args.shape, "lines": writer.lines, "incidents": incidents,
               "bytes": args.out.stat().st_size}
    Path(str(args.out) + ".json").write_text(json.dumps(sidecar, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
