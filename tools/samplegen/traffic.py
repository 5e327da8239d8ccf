"""Seeded "normal traffic" filler: interleaved conversations over a period.

Turns are simulated in start-time order (a small event queue), so every
``totalActive=``/``active=`` count reflects the turns already running.
Webchat conversations open and close Control-UI connections; a few turns
carry side lines (model-fallback decisions, captured ``[tools]`` console
output) so the file is not a monotone repetition.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from . import flows
from . import messages as m
from .clock import ms, secs
from .flows import Run, Session
from .timeline import Timeline

Window = tuple[datetime, datetime]


@dataclass
class Plan:
    """What the filler may do: sessions and weights, when, and where not."""
    sessions: list[tuple[Session, float]]
    start: datetime
    end: datetime
    conversations: int
    hourly: dict[int, float] = field(default_factory=dict)
    blackout: list[Window] = field(default_factory=list)          # no new turns at all
    session_blackout: dict[str, list[Window]] = field(default_factory=dict)
    fallback_rate: float = 0.03
    tool_failure_rate: float = 0.08
    home: str = "/Users/lin"
    max_turns: int = 4


def _overlaps(start: datetime, end: datetime, windows: list[Window]) -> bool:
    return any(start < w_end and w_start < end for w_start, w_end in windows)


def _conversation_starts(tl: Timeline, plan: Plan) -> list[datetime]:
    hours = plan.hourly or {}
    span = plan.end - plan.start
    starts = []
    while len(starts) < plan.conversations:
        at = plan.start + secs(tl.ids.between(0, span.total_seconds() - 300))
        weight = hours.get(at.astimezone(tl.tz).hour, 1.0)
        if tl.ids.between(0, 6.0) <= weight:
            starts.append(at)
    return sorted(starts)


def _pick_session(tl: Timeline, plan: Plan) -> Session:
    total = sum(w for _, w in plan.sessions)
    roll = tl.ids.between(0, total)
    for session, weight in plan.sessions:
        roll -= weight
        if roll <= 0:
            return session
    return plan.sessions[-1][0]


def fallback_lines(tl: Timeline, run: Run) -> None:
    """A rate-limited primary model and the fallback candidate that worked."""
    s = run.session
    requested = "/".join(flows.model_of(tl, s))
    backup = "openrouter/qwen/qwen3-235b-a22b"
    at = run.cursor + ms(4)
    failed = m.fallback_decision("candidate_failed", run.run_id, requested, requested, 1, 2, reason="rate_limit",
                                 status=429, error="HTTP 429: Too many requests", http_code="429",
                                 next_candidate=backup)
    tl.log(at, "warn", "model-fallback/decision", "model fallback decision", failed)
    run.cursor = at + secs(tl.ids.between(4, 14))
    ok = m.fallback_decision("candidate_succeeded", run.run_id, requested, backup, 2, 2)
    tl.log(run.cursor, "warn", "model-fallback/decision", "model fallback decision", ok)


_MISSING = ("notes/todo-2026-05.md", "projects/garden/plan.md", "Documents/receipts/index.md",
            "notes/reading-list.md", "projects/quotes/draft-v3.md")


def _tool_failure(tl: Timeline, run: Run, home: str) -> None:
    path = f"{home}/{tl.ids.pick(_MISSING)}"
    tl.root(run.cursor + ms(1), "warn",
            f"[tools] read failed: ENOENT: no such file or directory, access '{path}'",
            method="console.warn")


class _Webchat:
    """Control UI connection lifecycle around webchat conversations."""

    def __init__(self, tl: Timeline, version: str) -> None:
        self.tl, self.version = tl, version
        self.close_at: datetime | None = None

    def before_turn(self, at: datetime) -> None:
        if self.tl.webchat_conn and self.close_at and at >= self.close_at:
            flows.webchat_disconnect(self.tl, self.close_at)
        if not self.tl.webchat_conn:
            flows.webchat_connect(self.tl, at - secs(self.tl.ids.between(8, 40)), self.version)
        self.close_at = None

    def after_turn(self, end: datetime) -> None:
        self.close_at = end + secs(self.tl.ids.between(120, 1500))
        if self.tl.ids.chance(0.35):
            flows.ws_res(self.tl, end + secs(self.tl.ids.between(2, 30)), "sessions.list",
                         self.tl.ids.int(52, 140))

    def flush(self) -> None:
        if self.tl.webchat_conn and self.close_at:
            flows.webchat_disconnect(self.tl, self.close_at)


def fill(tl: Timeline, plan: Plan) -> int:
    """Write the planned conversations; returns the number of turns written."""
    web = _Webchat(tl, tl.build.version)
    free_at: dict[str, datetime] = {}
    queue: list[tuple[datetime, int, Session, int]] = []
    for n, at in enumerate(_conversation_starts(tl, plan)):
        heapq.heappush(queue, (at, n, _pick_session(tl, plan), tl.ids.int(1, plan.max_turns)))
    turns = 0
    while queue:
        at, n, session, left = heapq.heappop(queue)
        ready = free_at.get(session.key)
        if ready is not None and at < ready + timedelta(seconds=5):
            heapq.heappush(queue, (ready + secs(tl.ids.between(5, 40)), n, session, left))
            continue
        guess_end = at + timedelta(seconds=180)
        if guess_end > plan.end or _overlaps(at, guess_end, plan.blackout) or \
                _overlaps(at, guess_end, plan.session_blackout.get(session.key, [])):
            continue
        if session.channel == "webchat":
            web.before_turn(at)
        run = flows.normal_turn(
            tl, session, at,
            after_model=(lambda r, i: fallback_lines(tl, r) if i == 0 and tl.ids.chance(plan.fallback_rate) else None),
            after_tool=(lambda r, name: _tool_failure(tl, r, plan.home)
                        if name == "read" and tl.ids.chance(plan.tool_failure_rate) else None),
        )
        turns += 1
        free_at[session.key] = run.cursor
        if session.channel == "webchat":
            web.after_turn(run.cursor)
        if left > 1:
            heapq.heappush(queue, (run.cursor + secs(tl.ids.between(25, 240)), n, session, left - 1))
    web.flush()
    return turns


def plugin_noise(tl: Timeline, at: datetime) -> None:
    """Occasional plugin lines (e.g. the ACP runtime coming back after idle)."""
    tl.log(at, "info", "plugins", "acpx runtime backend ready")
