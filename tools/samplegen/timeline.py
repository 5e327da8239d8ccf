"""A timeline of log events plus the bookkeeping heartbeats need.

Scenario code appends events in any order; rendering sorts them by time
(insertion order breaks ties).  ``busy`` intervals record which sessions are
processing or have queued work so the 30 s ``heartbeat:`` lines can report
``active=`` and ``queued=`` counts that agree with the rest of the file.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from . import messages as m
from .build import Build
from .clock import ms, parse_local
from .ids import Ids
from .records import LEVEL_IDS, Event, jsonl_line

HEARTBEAT = timedelta(seconds=30)


@dataclass
class Busy:
    key: str
    start: datetime
    end: datetime | None
    kind: str = "run"  # "run" (active) or "queued"

    def covers(self, at: datetime) -> bool:
        return self.start <= at and (self.end is None or at < self.end)


class Timeline:
    def __init__(self, build: Build, tz: timezone, seed: int) -> None:
        self.build = build
        self.tz = tz
        self.ids = Ids(seed)
        self.events: list[Event] = []
        self.busy: list[Busy] = []
        self.inbound: list[datetime] = []
        self.webchat_conn: str | None = None
        self.model_ref = "aliyun-tokenplan/qwen3.6-plus"   # set by flows.startup

    # ------------------------------------------------------------ events
    def at(self, text: str) -> datetime:
        return parse_local(text, self.tz)

    def log(self, at: datetime, level: str, subsystem: str | None, text: str,
            meta: dict | None = None, *, method: str = "logToFile",
            console_text: str | None = None) -> Event:
        ev = Event(at=at, level=level, subsystem=subsystem, text=text, meta=meta,
                   method=method, console_text=console_text, seq=len(self.events))
        self.events.append(ev)
        return ev

    def diag(self, at: datetime, level: str, text: str) -> Event:
        return self.log(at, level, "diagnostic", text)

    def root(self, at: datetime, level: str, text: str, method: str = "logError") -> Event:
        return self.log(at, level, None, text, method=method)

    def raw(self, at: datetime, line: str) -> Event:
        ev = self.log(at, "info", None, line)
        ev.raw = line
        return ev

    def ordered(self, start: datetime | None = None, end: datetime | None = None,
                min_level: str = "trace") -> list[Event]:
        floor = LEVEL_IDS[min_level]
        chosen = [e for e in self.events
                  if (start is None or e.at >= start) and (end is None or e.at < end)
                  and (e.raw is not None or LEVEL_IDS[e.level] >= floor)]
        return sorted(chosen, key=lambda e: (e.at, e.seq))

    def jsonl(self, min_level: str = "trace") -> str:
        lines = [jsonl_line(e, self.build, self.tz) for e in self.ordered(min_level=min_level)]
        return "\n".join(lines) + "\n"

    # ------------------------------------------------------- bookkeeping
    def mark(self, key: str, start: datetime, end: datetime | None, kind: str = "run") -> Busy:
        busy = Busy(key, start, end, kind)
        self.busy.append(busy)
        return busy

    def active_at(self, at: datetime) -> int:
        return sum(1 for b in self.busy if b.kind == "run" and b.covers(at))

    def queued_at(self, at: datetime) -> int:
        return sum(1 for b in self.busy if b.kind == "queued" and b.covers(at))

    def webhooks_before(self, at: datetime) -> int:
        return sum(1 for t in self.inbound if t <= at)

    # ------------------------------------------------------------ ticks
    def ticks(self, first: datetime, until: datetime, jitter_ms: int = 6) -> list[datetime]:
        """Diagnostic heartbeat ticks every 30 s with a few ms of timer jitter."""
        out, k = [], 0
        while True:
            tick = first + k * HEARTBEAT + ms(self.ids.int(0, jitter_ms))
            if tick >= until:
                return out
            out.append(tick)
            k += 1

    def heartbeats(self, ticks: list[datetime]) -> None:
        """Emit ``heartbeat:`` (debug) on every tick that has activity."""
        for tick in ticks:
            active, queued = self.active_at(tick), self.queued_at(tick)
            if active or queued:
                hooks = self.webhooks_before(tick)
                self.diag(tick, "debug", m.heartbeat(hooks, hooks, 0, active, 0, queued))
