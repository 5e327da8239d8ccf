"""Conversation and gateway flows: the lines one user turn or one startup writes.

A turn is split into small steps (``begin_run``, ``model_call``, ``tool``,
``finish_run``) so incident scenarios can stop a run at any point and never
write the lines that would follow.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

from . import messages as m
from .clock import millis, ms, secs
from .timeline import Timeline


@dataclass
class Session:
    key: str
    session_id: str
    channel: str
    chat_id: str
    provider: str | None = None      # None: the gateway's default agent model
    model: str | None = None
    thinking: str = "low"
    next_message: int = 1000
    pending: list = field(default_factory=list)  # message ids queued behind the active run
    used_ids: set = field(default_factory=set)

    @property
    def lane(self) -> str:
        return f"session:{self.key}"


def telegram(tl: Timeline, peer: str, session_id: str | None = None, first_msg: int = 2000) -> Session:
    return Session(f"agent:main:telegram:direct:{peer}", session_id or tl.ids.uuid(),
                   "telegram", peer, next_message=first_msg)


def whatsapp(tl: Timeline, phone: str, session_id: str | None = None) -> Session:
    return Session(f"agent:main:whatsapp:direct:{phone}", session_id or tl.ids.uuid(),
                   "whatsapp", f"{phone.lstrip('+')}@s.whatsapp.net")


def discord(tl: Timeline, channel_id: str, session_id: str | None = None) -> Session:
    return Session(f"agent:main:discord:channel:{channel_id}", session_id or tl.ids.uuid(),
                   "discord", channel_id)


def webchat(tl: Timeline, session_id: str | None = None) -> Session:
    return Session("agent:main:main", session_id or tl.ids.uuid(), "webchat", "unknown")


_ANCHOR = datetime(2026, 1, 1, tzinfo=timezone.utc)


def next_message_id(tl: Timeline, s: Session, at: datetime) -> str:
    if s.channel == "telegram":
        # per-chat counters grow with time, whatever order turns are simulated in
        candidate = s.next_message + int((at - _ANCHOR).total_seconds() // 900)
        while candidate in s.used_ids:
            candidate += 1
        s.used_ids.add(candidate)
        return str(candidate)
    if s.channel == "whatsapp":
        return tl.ids.wa_message_id()
    if s.channel == "discord":
        return tl.ids.snowflake()
    return tl.ids.uuid()


def model_of(tl: Timeline, s: Session) -> tuple[str, str]:
    """(provider, model) for a session: its own override or the agent default."""
    if s.provider and s.model:
        return s.provider, s.model
    provider, _, model = tl.model_ref.partition("/")
    return provider, model


@dataclass
class Run:
    session: Session
    run_id: str
    message_id: str
    queued_at: datetime
    started: datetime          # session went processing
    lane_at: datetime          # session-lane task started
    main_at: datetime          # main-lane task started
    run_at: datetime           # embedded run start
    prompt_at: datetime
    cursor: datetime           # time of the latest line written for this run
    last_progress: str = "embedded_run:started"
    last_progress_at: datetime | None = None
    busy: object = None
    progress: list = field(default_factory=list)   # [(time, value)] in order

    def mark(self, at: datetime, value: str) -> None:
        """Record a diagnostic progress event (``lastProgress`` value)."""
        self.last_progress, self.last_progress_at = value, at
        self.progress.append((at, value))


# ------------------------------------------------------------ messages in


def inbound(tl: Timeline, s: Session, at: datetime) -> None:
    """Channel ingress line (WhatsApp logs it at info) and the webhook counter."""
    if s.channel == "webchat":
        return
    tl.inbound.append(at)
    if s.channel == "whatsapp":
        tl.log(at, "info", "gateway/channels/whatsapp",
               f"Inbound message {s.key.rsplit(':', 1)[1]} -> +16175550199 (direct)")


def queue_behind(tl: Timeline, s: Session, at: datetime, depth: int) -> str:
    """A user message arriving while the session is already processing."""
    inbound(tl, s, at - ms(40))
    msg_id = next_message_id(tl, s, at)
    s.pending.append((msg_id, at))
    tl.diag(at, "debug", m.message_queued(s.session_id, s.key, s.channel, depth, "processing"))
    tl.diag(at + ms(2), "debug", m.lane_enqueue(s.lane, depth))
    tl.mark(s.key, at, None, kind="queued")
    return msg_id


def _intake(tl: Timeline, s: Session, at: datetime, from_queue: bool) -> tuple[str, datetime, datetime]:
    """Queue a new message (or dequeue the oldest pending one) on the session
    lane and switch the session to processing.  Returns (message id, queued
    at, lane task start)."""
    if from_queue:
        msg_id, queued_at = s.pending.pop(0)
        for b in tl.busy:
            if b.key == s.key and b.kind == "queued" and b.end is None:
                b.end = at
                break
        t = at
        waited = millis(t - queued_at)
        if waited >= 2000:  # warnAfterMs
            extended = tl.build.at_least("2026.5.1")
            tl.diag(t - ms(1), "warn", m.lane_wait_exceeded(
                s.lane, waited, 0, *((1, 0, len(s.pending)) if extended else ())))
        tl.diag(t, "debug", m.lane_dequeue(s.lane, waited, len(s.pending)))
    else:
        inbound(tl, s, at - ms(35))
        msg_id, queued_at = next_message_id(tl, s, at), at
        tl.diag(at, "debug", m.message_queued(s.session_id, s.key, s.channel, 1, "idle"))
        tl.diag(at + ms(1), "debug", m.lane_enqueue(s.lane, 1))
        t = at + ms(tl.ids.int(2, 6))
        tl.diag(t, "debug", m.lane_dequeue(s.lane, millis(t - at), 0))
    tl.diag(t + ms(1), "debug", m.session_state(s.session_id, s.key, "idle", "processing",
                                                   "message_start", len(s.pending)))
    return msg_id, queued_at, t


def begin_run(tl: Timeline, s: Session, at: datetime, *, run_id: str | None = None,
              from_queue: bool = False, thinking: str | None = None) -> Run:
    """Queue (or dequeue) a message, go processing, start the embedded run."""
    msg_id, queued_at, t = _intake(tl, s, at, from_queue)
    lane_at = t
    started = t + ms(1)
    tl.diag(started + ms(2), "debug", m.lane_enqueue("main", 1))
    main_at = started + ms(3)
    tl.diag(main_at, "debug", m.lane_dequeue("main", 1, 0))
    run_id = run_id or tl.ids.uuid()
    run_at = main_at + ms(tl.ids.int(8, 40))
    provider, model = model_of(tl, s)
    tl.log(run_at, "debug", "agent/embedded",
           m.run_start(run_id, s.session_id, provider, model, thinking or s.thinking, s.channel))
    busy = tl.mark(s.key, started, None)
    tl.diag(run_at + ms(1), "debug", m.run_registered(s.session_id, tl.active_at(run_at + ms(1))))
    prompt_at = run_at + ms(tl.ids.int(20, 90))
    tl.log(prompt_at, "debug", "agent/embedded", m.prompt_start(run_id, s.session_id))
    agent_at = prompt_at + ms(tl.ids.int(2, 9))
    tl.log(agent_at, "debug", "agent/embedded", m.agent_start(run_id))
    run = Run(s, run_id, msg_id, queued_at, started, lane_at, main_at, run_at, prompt_at,
              cursor=agent_at, busy=busy)
    run.mark(run_at, "embedded_run:started")
    return run


def begin_cli_run(tl: Timeline, s: Session, at: datetime, backend: str = "claude-cli",
                  from_queue: bool = False) -> Run:
    """Like ``begin_run`` for a CLI backend: the ``agent/cli-backend`` ``cli exec`` line,
    no embedded-run lifecycle lines (the diagnostic layer tracks no active run)."""
    msg_id, queued_at, t = _intake(tl, s, at, from_queue)
    started = t + ms(1)
    run_id = tl.ids.uuid()
    run_at = started + ms(tl.ids.int(20, 60))
    _, model = model_of(tl, s)
    tl.log(run_at, "info", "agent/cli-backend", m.cli_exec(backend, model, tl.ids.int(180, 2400)))
    busy = tl.mark(s.key, started, None)
    run = Run(s, run_id, msg_id, queued_at, started, t, started, run_at, run_at, cursor=run_at, busy=busy)
    run.mark(run_at, "cli_live:stream_progress")
    return run


def finish_cli_run(tl: Timeline, run: Run, *, aborted: bool = False, backend: str = "claude-cli") -> datetime:
    """The live Claude session's turn ends (``claude live session turn``), or, when the run is
    aborted, the session is closed (``reason=abort``) and the turn fails with an AbortError."""
    s, t = run.session, run.cursor
    _, model = model_of(tl, s)
    took = millis(t - run.run_at)
    if aborted:
        tl.log(t, "info", "agent/cli-backend", m.claude_live_close(backend, model, "abort"))
        tl.log(t + ms(1), "warn", "agent/cli-backend", m.claude_live_turn_failed(backend, model, took, "AbortError"))
    else:
        tl.log(t, "info", "agent/cli-backend", m.claude_live_turn(backend, model, took, tl.ids.int(20, 400)))
    run.busy.end = t + ms(1)  # type: ignore[attr-defined]
    tl.diag(t + ms(2), "debug", m.lane_task_done(s.lane, millis(t - run.lane_at), 0, len(s.pending)))
    tl.diag(t + ms(3), "debug", m.session_state(s.session_id, s.key, "processing", "idle", "run_completed",
                                               len(s.pending)))
    outcome = "error" if aborted else "completed"
    error = "AbortError: CLI run aborted" if aborted else None
    end = t + ms(tl.ids.int(6, 30))
    tl.diag(end, "error" if error else "debug", m.message_processed(
        s.channel, s.chat_id, run.message_id, s.session_id, s.key, outcome, millis(end - run.queued_at),
        error=error))
    run.cursor = end
    return end


def model_call_until(run: Run, end: datetime) -> None:
    """A model call that ends exactly at ``end``."""
    run.cursor += ms(30)
    run.mark(run.cursor, "model_call:started")
    run.cursor = end
    run.mark(end, "model_call:ended")


def model_call(run: Run, seconds: float) -> datetime:
    """A model call: no log line of its own, only progress bookkeeping."""
    run.cursor += ms(30)
    run.mark(run.cursor, "model_call:started")
    run.cursor += secs(seconds)
    run.mark(run.cursor, "model_call:ended")
    return run.cursor


def tool_begin(tl: Timeline, run: Run, name: str) -> str:
    call_id = tl.ids.tool_call_id()
    run.cursor += ms(tl.ids.int(3, 12))
    tl.log(run.cursor, "debug", "agent/embedded", m.tool_start(run.run_id, name, call_id))
    run.mark(run.cursor, f"tool:{name}:started")
    return call_id


def tool_finish(tl: Timeline, run: Run, name: str, call_id: str, seconds: float) -> None:
    run.cursor += secs(seconds)
    tl.log(run.cursor, "debug", "agent/embedded", m.tool_end(run.run_id, name, call_id))
    run.mark(run.cursor, f"tool:{name}:ended")


def tool(tl: Timeline, run: Run, name: str, seconds: float) -> None:
    tool_finish(tl, run, name, tool_begin(tl, run, name), seconds)


def finish_run(tl: Timeline, run: Run, *, aborted: bool = False, outcome: str = "completed",
               error: str | None = None, report: bool = True) -> datetime:
    """Everything a completed (or aborted-and-settled) run writes, in order."""
    s, t = run.session, run.cursor + ms(tl.ids.int(8, 30))
    tl.log(t, "debug", "agent/embedded", m.agent_end(run.run_id, aborted))
    tl.log(t + ms(2), "debug", "agent/embedded", m.prompt_end(run.run_id, s.session_id,
                                                                 millis(t + ms(2) - run.prompt_at)))
    t += ms(tl.ids.int(3, 9))
    tl.log(t, "debug", "agent/embedded", m.run_done(run.run_id, s.session_id, millis(t - run.run_at), aborted))
    run.busy.end = t + ms(1)  # type: ignore[attr-defined]
    tl.diag(t + ms(1), "debug", m.run_cleared(s.session_id, tl.active_at(t + ms(1))))
    tl.diag(t + ms(2), "debug", m.lane_task_done("main", millis(t + ms(2) - run.main_at),
                                                    tl.active_at(t + ms(2)), 0))
    tl.diag(t + ms(3), "debug", m.lane_task_done(s.lane, millis(t + ms(3) - run.lane_at), 0,
                                                    len(s.pending)))
    tl.diag(t + ms(4), "debug", m.session_state(s.session_id, s.key, "processing", "idle",
                                                   "run_completed", len(s.pending)))
    end = t + ms(tl.ids.int(6, 40))
    if report:
        level = "error" if outcome == "error" else "debug"
        tl.diag(end, level, m.message_processed(s.channel, s.chat_id, run.message_id, s.session_id,
                                                s.key, outcome, millis(end - run.queued_at), error=error))
    run.cursor = end
    return end


def agent_end_error(tl: Timeline, run: Run, at: datetime, error: str, failover_reason: str) -> None:
    """The W ``embedded run agent end`` record: meta object in "1", console text from it."""
    provider, model = model_of(tl, run.session)
    meta = {"event": "embedded_run_agent_end", "runId": run.run_id, "isError": True, "error": error,
            "failoverReason": failover_reason, "model": model, "provider": provider,
            "consoleMessage": (f"embedded run agent end: runId={run.run_id} isError=true model={model} "
                               f"provider={provider} error={error}")}
    tl.log(at, "warn", "agent/embedded", "embedded run agent end", meta)


def abort_cleanup(tl: Timeline, run: Run, at: datetime, *, error: str | None = "Request was aborted",
                  failover_reason: str = "timeout", state_reason: str = "run_completed") -> datetime:
    """What an aborted run writes once it settles: agent end (error; skipped
    when ``error`` is None, e.g. the agent already ended), done aborted=true,
    registry and lane cleanup, session back to idle."""
    s = run.session
    if error is not None:
        agent_end_error(tl, run, at, error, failover_reason)
    t = at + ms(tl.ids.int(2, 6))
    tl.log(t, "debug", "agent/embedded", m.run_done(run.run_id, s.session_id, millis(t - run.run_at), True))
    run.busy.end = t + ms(1)  # type: ignore[attr-defined]
    tl.diag(t + ms(1), "debug", m.run_cleared(s.session_id, tl.active_at(t + ms(1))))
    tl.diag(t + ms(2), "debug", m.lane_task_done("main", millis(t + ms(2) - run.main_at),
                                                    tl.active_at(t + ms(2)), 0))
    tl.diag(t + ms(3), "debug", m.lane_task_done(s.lane, millis(t + ms(3) - run.lane_at), 0, len(s.pending)))
    tl.diag(t + ms(4), "debug", m.session_state(s.session_id, s.key, "processing", "idle", state_reason,
                                                   len(s.pending)))
    run.cursor = t + ms(4)
    return run.cursor


TOOLS = (("read", 0.02, 0.4), ("exec", 0.4, 9.0), ("web_fetch", 0.8, 4.5),
         ("web_search", 1.0, 3.5), ("write", 0.02, 0.2), ("browser", 2.0, 12.0),
         ("memory_search", 0.1, 0.9))


def normal_turn(tl: Timeline, s: Session, at: datetime, *, tools: int | None = None,
                from_queue: bool = False, model_range: tuple = (2.5, 22.0),
                after_model: Callable[[Run, int], None] | None = None,
                after_tool: Callable[[Run, str], None] | None = None) -> Run:
    """A complete healthy turn: queue, process, 0-3 tools, reply, idle.

    ``after_model``/``after_tool`` let the caller add side lines (fallback
    decisions, captured ``[tools]`` console output) at the right moment.
    """
    run = begin_run(tl, s, at, from_queue=from_queue)
    model_call(run, tl.ids.between(*model_range))
    if after_model:
        after_model(run, 0)
    count = tl.ids.pick((0, 0, 1, 1, 1, 2, 3)) if tools is None else tools
    for index in range(count):
        name, low, high = tl.ids.pick(TOOLS)
        tool(tl, run, name, tl.ids.between(low, high))
        if after_tool:
            after_tool(run, name)
        model_call(run, tl.ids.between(*model_range))
        if after_model:
            after_model(run, index + 1)
    finish_run(tl, run)
    if s.channel == "webchat" and tl.webchat_conn:
        ws_res(tl, run.cursor + ms(tl.ids.int(200, 900)), "chat.history", tl.ids.int(55, 240))
    return run


# ------------------------------------------------------------- gateway/ws


def ws_res(tl: Timeline, at: datetime, method: str, duration_ms: int, conn: str | None = None) -> None:
    tl.log(at, "info", "gateway/ws", m.ws_res(method, duration_ms, conn or tl.webchat_conn or tl.ids.uuid(),
                                                tl.ids.uuid()))


def webchat_connect(tl: Timeline, at: datetime, version: str) -> str:
    conn = tl.ids.uuid()
    tl.webchat_conn = conn
    tl.log(at, "info", "gateway/ws",
           m.webchat_connected(conn, "127.0.0.1", "openclaw-control-ui", "webchat", version))
    ws_res(tl, at + ms(tl.ids.int(300, 700)), "channels.status", tl.ids.int(650, 1900))
    return conn


def webchat_disconnect(tl: Timeline, at: datetime) -> None:
    if tl.webchat_conn:
        tl.log(at, "info", "gateway/ws", m.webchat_disconnected(1001, "n/a", tl.webchat_conn))
        tl.webchat_conn = None


def handshake_timeout_pair(tl: Timeline, at: datetime, *, conn: str | None = None, duration_ms: int,
                           handshake_ms: int = 10000, remote: str = "127.0.0.1", port: int = 18789,
                           code: int = 1008, reason: str = "connect failed", with_peer: bool = True,
                           phase: str | None = None, handshake: str = "failed",
                           host: str | None = None, origin: str = "n/a", ua: str = "n/a") -> str:
    """``handshake timeout`` followed by its ``closed before connect`` meta record."""
    conn = conn or tl.ids.uuid()
    remote_port = tl.ids.int(49200, 64900)
    peer = f"{remote}:{remote_port}" if with_peer else None
    tl.log(at, "warn", "gateway/ws", m.handshake_timeout(conn, remote, peer, phase))
    host = host or f"127.0.0.1:{port}"
    meta = m.close_meta("handshake-timeout", handshake, duration_ms, handshake_ms, host=host,
                        remote=remote, remote_port=remote_port, local_port=port, phase=phase,
                        origin=origin, ua=ua)
    tl.log(at + ms(2), "warn", "gateway/ws",
           m.closed_before_connect(conn, remote, code, reason, host=host, phase=phase,
                                   origin=origin, ua=ua), meta)
    return conn


# --------------------------------------------------------------- startup


def startup(tl: Timeline, at: datetime, *, model_ref: str, plugins: list[str], log_path: str,
            pid: int | None = None, port: int = 18789, seconds: float = 2.4,
            stale_locks: list[str] | None = None) -> datetime:
    """Gateway startup lines; ``pid`` selects the pre-2026-04-03 ``listening on`` form."""
    tl.model_ref = model_ref
    tl.log(at, "info", "gateway", m.agent_model(model_ref))
    t = at + ms(tl.ids.int(40, 160))
    tl.log(t, "info", "gateway/health-monitor", m.health_monitor_started())
    if "acpx" in plugins:
        tl.log(t + ms(tl.ids.int(200, 600)), "info", "plugins", "acpx runtime backend ready")
    t += secs(seconds)
    if pid is not None:
        tl.log(t, "info", "gateway", m.listening(port, pid))
    else:
        tl.log(t, "info", "gateway", m.ready(plugins, seconds))
    for lock in stale_locks or []:
        t += ms(tl.ids.int(2, 9))
        tl.log(t, "warn", "gateway", m.stale_lock_removed(lock, "dead-pid"))
    t += ms(tl.ids.int(1, 4))
    tl.log(t, "info", "gateway", m.log_file(log_path))
    return t
