"""Scaffolding for the small rule scenarios under ``sample_logs/rules/``."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

from . import flows
from .build import Build, linux, mac
from .clock import secs
from .flows import Run, Session
from .timeline import Timeline

PLUGINS = ["acpx", "memory-core", "telegram", "whatsapp"]


@dataclass
class Scenario:
    name: str           # file stem, e.g. "RC01-model-call-hang"
    text: str           # the JSONL file
    description: str    # one line for README and the sidecar
    expected: dict      # sidecar body (without "description")


@dataclass
class Kit:
    """A timeline for one day plus shortcuts used by every scenario."""
    build: Build
    tz: timezone
    seed: int
    date: str
    tl: Timeline = field(init=False)

    def __post_init__(self) -> None:
        self.tl = Timeline(self.build, self.tz, self.seed)

    def T(self, hms: str) -> datetime:
        return self.tl.at(f"{self.date} {hms}")

    def start(self, hms: str, model_ref: str, plugins: list[str] | None = None, **kw) -> datetime:
        log = f"/tmp/openclaw/openclaw-{self.date}.log"
        return flows.startup(self.tl, self.T(hms), model_ref=model_ref, plugins=plugins or PLUGINS,
                             log_path=log, **kw)

    def noise(self, s: Session, *times: str, tools: int | None = None) -> list[Run]:
        return [flows.normal_turn(self.tl, s, self.T(hms), tools=tools) for hms in times]

    def ticks(self, first: str, until: str) -> list[datetime]:
        return self.tl.ticks(self.T(first), self.T(until))

    def finish(self, name: str, ticks: list[datetime], description: str, expected: dict,
               min_level: str = "trace") -> Scenario:
        self.tl.heartbeats(ticks)
        return Scenario(name, self.tl.jsonl(min_level), description, expected)


SCENARIOS: list[Callable[[], Scenario]] = []


def scenario(fn: Callable[[], Scenario]) -> Callable[[], Scenario]:
    SCENARIOS.append(fn)
    return fn


def after(run: Run, seconds: float) -> datetime:
    return run.cursor + secs(seconds)


# Builds used by the scenarios (install paths and bundle names are per host).
B_518 = mac("2026.5.18", "22.22.1", "lin", "subsystem-CqV3m0Yk.js", 412, "logger-B9hJx2Lw.js", 188)
B_520 = linux("2026.5.20", "22.22.1", "ryan", "subsystem-Tq4n8RbW.js", 409, "logger-Hc2m5LpX.js", 190)
B_520_MAC = mac("2026.5.20", "22.22.1", "mira", "subsystem-Tq4n8RbW.js", 409, "logger-Hc2m5LpX.js", 190)
B_602 = linux("2026.6.2", "22.22.1", "ryan", "subsystem-Pz7e1KdM.js", 431, "logger-Rw8s3QvB.js", 198)
B_502 = linux("2026.5.2", "22.22.1", "dev", "subsystem-Lm3c9WxA.js", 402, "logger-Gf5t2NqE.js", 182)
B_410 = linux("2026.4.10", "22.22.0", "ryan", "subsystem-Ye6b1HsU.js", 391, "logger-Jd4k7PmZ.js", 171)
B_408 = mac("2026.4.8", "22.22.0", "jonas", "subsystem-Ye6b1HsU.js", 391, "logger-Jd4k7PmZ.js", 171)
B_405 = linux("2026.4.5", "22.22.0", "summer", "subsystem-Nv2x8CqT.js", 386, "logger-Wb1r6FzK.js", 169)
B_402 = mac("2026.4.2", "22.22.0", "mara", "entry.js", 2587, "entry.js", 1262)
B_313 = mac("2026.3.13", "22.22.0", "tomas", "entry.js", 2401, "entry.js", 1204)
