"""Message templates, one function per gateway log message.

Units follow the reference: ``age=``-style fields are whole seconds with an
``s`` suffix, ``*Ms=`` fields are integer milliseconds, ``duration=`` carries
its unit.  Missing ids print ``unknown``.
"""
from __future__ import annotations

# ---------------------------------------------------------------- helpers


def _opt(name: str, value: object, suffix: str = "") -> str:
    """`` name=value`` or nothing when ``value`` is None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "true" if value else "false"
    return f" {name}={value}{suffix}"


def _b(value: bool) -> str:
    return "true" if value else "false"


def short_id(full: str) -> str:
    """``8f800c79…b8f9``: how ``gateway/ws`` abbreviates conn and request ids."""
    return f"{full[:8]}…{full[-4:]}"


def _ansi(on: int, off: int, text: str) -> str:
    return f"\x1b[{on}m{text}\x1b[{off}m"


# ---------------------------------------------------- 2.1 session attention


def session_attention(
    label: str, session_id: str, session_key: str, state: str, age: int, queue_depth: int,
    *, reason: str | None = None, classification: str | None = None,
    active_work_kind: str | None = None, last_progress: str | None = None,
    last_progress_age: int | None = None, active_tool: str | None = None,
    active_tool_call_id: str | None = None, active_tool_age: int | None = None,
    repeated_request_age: int | None = None, terminal_stale: bool = False,
    cron_job_id: str | None = None, cron_run_id: str | None = None, cron_job: str | None = None,
    recovery: str | None = None,
) -> str:
    """``stuck|stalled|long-running session: …`` in any of its historical forms.

    With no ``reason``/``recovery`` this is the pre-2026-04-13 form.
    """
    text = (f"{label}: sessionId={session_id} sessionKey={session_key} state={state} "
            f"age={age}s queueDepth={queue_depth}")
    text += _opt("reason", reason) + _opt("classification", classification)
    text += _opt("activeWorkKind", active_work_kind) + _opt("lastProgress", last_progress)
    text += _opt("lastProgressAge", last_progress_age, "s") + _opt("activeTool", active_tool)
    text += _opt("activeToolCallId", active_tool_call_id) + _opt("activeToolAge", active_tool_age, "s")
    text += _opt("repeatedRequestNoProgressAge", repeated_request_age, "s")
    text += " terminalProgressStale=true" if terminal_stale else ""
    text += _opt("cronJobId", cron_job_id) + _opt("cronRunId", cron_run_id)
    text += f' cronJob="{cron_job}"' if cron_job else ""
    text += _opt("recovery", recovery)
    return text


# ------------------------------------------------------------ 2.2 recovery


def recovery_action(session_id: str, session_key: str, age: int, action: str,
                    aborted: bool, drained: bool, released: int) -> str:
    return (f"stuck session recovery: sessionId={session_id} sessionKey={session_key} age={age}s "
            f"action={action} aborted={_b(aborted)} drained={_b(drained)} released={released}")


def recovery_outcome(
    status: str, action: str, session_id: str, session_key: str, *,
    active_session_id: str | None = None, active_work_kind: str | None = None,
    lane: str | None = None, reason: str | None = None,
    aborted: bool | None = None, drained: bool | None = None, force_cleared: bool | None = None,
    released: int | None = None, queued_count: int | None = None,
    lane_active: int | None = None, lane_queued: int | None = None, error: str | None = None,
) -> str:
    text = (f"stuck session recovery outcome: status={status} action={action} "
            f"sessionId={session_id} sessionKey={session_key}")
    text += _opt("activeSessionId", active_session_id) + _opt("activeWorkKind", active_work_kind)
    text += _opt("lane", lane) + _opt("reason", reason)
    if aborted is not None:
        text += f" aborted={_b(aborted)} drained={_b(bool(drained))} forceCleared={_b(bool(force_cleared))}"
    text += _opt("released", released) + _opt("queuedCount", queued_count)
    text += _opt("laneActive", lane_active) + _opt("laneQueued", lane_queued)
    text += _opt("error", error)
    return text


def recovery_skipped(session_id: str, session_key: str, age: int, queue_depth: int, *,
                     active_session_id: str | None = None, lane: str | None = None,
                     lane_active: int | None = None, lane_queued: int | None = None) -> str:
    text = (f"stuck session recovery skipped: sessionId={session_id} sessionKey={session_key} "
            f"age={age}s queueDepth={queue_depth}")
    text += _opt("activeSessionId", active_session_id) + _opt("lane", lane)
    text += _opt("laneActive", lane_active) + _opt("laneQueued", lane_queued)
    return text


def recovery_skipped_intermediate(reason: str, action: str, session_id: str,
                                  session_key: str, age: int) -> str:
    """Between 04-13 and 05-01: ``stuck session recovery skipped: reason=… action=…``."""
    return (f"stuck session recovery skipped: reason={reason} action={action} "
            f"sessionId={session_id} sessionKey={session_key} age={age}s")


def recovery_noop_intermediate(session_id: str, session_key: str, age: int) -> str:
    return (f"stuck session recovery no-op: reason=no_active_work action=none "
            f"sessionId={session_id} sessionKey={session_key} age={age}s")


def abort_settle_timed_out(run_id: str, session_id: str, timeout_ms: int = 2000) -> str:
    return f"embedded abort settle timed out: runId={run_id} sessionId={session_id} timeoutMs={timeout_ms}"


# ------------------------------------------------- 2.3 liveness, heartbeat


def heartbeat(received: int, processed: int, errors: int, active: int, waiting: int, queued: int) -> str:
    return (f"heartbeat: webhooks={received}/{processed}/{errors} "
            f"active={active} waiting={waiting} queued={queued}")


def work_label(session_key: str, state: str, kind: str | None, queued: int, age: int,
               last: str | None = None) -> str:
    """``<sessionKey>(<state>[/<kind>],q=<N>,age=<N>s[ last=<progress>])``."""
    inner = state + (f"/{kind}" if kind else "") + f",q={queued},age={age}s"
    inner += f" last={last}" if last else ""
    return f"{session_key}({inner})"


def liveness_warning(
    reasons: str, interval: int, p99: float, max_delay: float, elu: float, cpu: float,
    active: int, waiting: int, queued: int, *, degraded_for: int | None = None,
    phase: str | None = None, recent_phases: str | None = None,
    work_active: list[str] | None = None, work_queued: list[str] | None = None,
) -> str:
    text = f"liveness warning: reasons={reasons} interval={interval}s"
    text += _opt("degradedFor", degraded_for, "s")
    text += (f" eventLoopDelayP99Ms={p99:.1f} eventLoopDelayMaxMs={max_delay:.1f} "
             f"eventLoopUtilization={elu:.3f} cpuCoreRatio={cpu:.3f} "
             f"active={active} waiting={waiting} queued={queued}")
    text += _opt("phase", phase) + _opt("recentPhases", recent_phases)
    parts = []
    if work_active:
        parts.append("active=" + "|".join(work_active))
    if work_queued:
        parts.append("queued=" + "|".join(work_queued))
    if parts:
        text += " work=[" + " ".join(parts) + "]"
    return text


def liveness_heartbeat_delayed(overdue_ms: int, elapsed_ms: int) -> str:
    return (f"liveness heartbeat delayed: overdue={overdue_ms}ms elapsed={elapsed_ms}ms; "
            f"deferring recovery decisions")


def memory_pressure(level: str, reason: str, rss_mb: int, heap_mb: int) -> str:
    return (f"memory pressure: level={level} reason={reason} rss={rss_mb / 1024:.1f}GiB "
            f"heap={heap_mb / 1024:.1f}GiB rssBytes={rss_mb * 1048576} "
            f"heapUsedBytes={heap_mb * 1048576} nextStep=restart the gateway if this persists")


# --------------------------------------- 2.4 session state, messages, lanes


def session_state(session_id: str, session_key: str, prev: str, new: str, reason: str,
                  queue_depth: int) -> str:
    return (f'session state: sessionId={session_id} sessionKey={session_key} prev={prev} '
            f'new={new} reason="{reason}" queueDepth={queue_depth}')


def message_queued(session_id: str, session_key: str, source: str, queue_depth: int,
                   session_state_now: str) -> str:
    return (f"message queued: sessionId={session_id} sessionKey={session_key} source={source} "
            f"queueDepth={queue_depth} sessionState={session_state_now}")


def message_processed(channel: str, chat_id: str, message_id: str, session_id: str,
                      session_key: str, outcome: str, duration_ms: int, *,
                      reason: str | None = None, error: str | None = None) -> str:
    text = (f"message processed: channel={channel} chatId={chat_id} messageId={message_id} "
            f"sessionId={session_id} sessionKey={session_key} outcome={outcome} "
            f"duration={duration_ms}ms")
    text += _opt("reason", reason)
    text += f' error="{error}"' if error else ""
    return text


def lane_enqueue(lane: str, queue_size: int) -> str:
    return f"lane enqueue: lane={lane} queueSize={queue_size}"


def lane_dequeue(lane: str, wait_ms: int, queue_size: int) -> str:
    return f"lane dequeue: lane={lane} waitMs={wait_ms} queueSize={queue_size}"


def lane_wait_exceeded(lane: str, waited_ms: int, queue_ahead: int, active_ahead: int | None = None,
                       active_now: int | None = None, queue_behind: int | None = None) -> str:
    text = f"lane wait exceeded: lane={lane} waitedMs={waited_ms} queueAhead={queue_ahead}"
    if active_ahead is not None:
        text += f" activeAhead={active_ahead} activeNow={active_now} queueBehind={queue_behind}"
    return text


def lane_task_done(lane: str, duration_ms: int, active: int, queued: int) -> str:
    return f"lane task done: lane={lane} durationMs={duration_ms} active={active} queued={queued}"


def lane_task_error(lane: str, duration_ms: int, error: str) -> str:
    return f'lane task error: lane={lane} durationMs={duration_ms} error="{error}"'


def session_file_locked(timeout_ms: int, pid: int, lock_path: str, *, alive: bool | None = None,
                        age_ms: int | None = None, typed: bool = False) -> str:
    """``Error: session file locked …`` (older) or ``SessionWriteLockTimeoutError: …``."""
    name = "SessionWriteLockTimeoutError" if typed else "Error"
    text = f"{name}: session file locked (timeout {timeout_ms}ms): pid={pid}"
    if alive is not None:
        text += f" alive={_b(alive)} ageMs={age_ms}"
    return f"{text} {lock_path}"


def run_attempt(session_id: str, session_key: str, run_id: str, attempt: int) -> str:
    return f"run attempt: sessionId={session_id} sessionKey={session_key} runId={run_id} attempt={attempt}"


# ------------------------------------------------ 2.5 embedded run lifecycle


def run_start(run_id: str, session_id: str, provider: str, model: str, thinking: str,
              channel: str) -> str:
    return (f"embedded run start: runId={run_id} sessionId={session_id} provider={provider} "
            f"model={model} thinking={thinking} messageChannel={channel}")


def prompt_start(run_id: str, session_id: str) -> str:
    return f"embedded run prompt start: runId={run_id} sessionId={session_id}"


def prompt_end(run_id: str, session_id: str, duration_ms: int) -> str:
    return f"embedded run prompt end: runId={run_id} sessionId={session_id} durationMs={duration_ms}"


def agent_start(run_id: str) -> str:
    return f"embedded run agent start: runId={run_id}"


def agent_end(run_id: str, is_error: bool) -> str:
    return f"embedded run agent end: runId={run_id} isError={_b(is_error)}"


def run_done(run_id: str, session_id: str, duration_ms: int, aborted: bool) -> str:
    return (f"embedded run done: runId={run_id} sessionId={session_id} "
            f"durationMs={duration_ms} aborted={_b(aborted)}")


def tool_start(run_id: str, tool: str, call_id: str) -> str:
    return f"embedded run tool start: runId={run_id} tool={tool} toolCallId={call_id}"


def tool_end(run_id: str, tool: str, call_id: str) -> str:
    return f"embedded run tool end: runId={run_id} tool={tool} toolCallId={call_id}"


def compaction(run_id: str, phase: str = "start") -> str:
    return f"embedded run compaction {phase}: runId={run_id}"


def run_timeout(run_id: str, session_id: str, timeout_ms: int) -> str:
    return f"embedded run timeout: runId={run_id} sessionId={session_id} timeoutMs={timeout_ms}"


def failover_decision(run_id: str, stage: str, decision: str, reason: str, source: str,
                      raw_error: str | None = None) -> str:
    text = (f"embedded run failover decision: runId={run_id} stage={stage} decision={decision} "
            f"reason={reason} from={source}")
    return text + (f" rawError={raw_error}" if raw_error else "")


def run_registered(session_id: str, total_active: int) -> str:
    return f"run registered: sessionId={session_id} totalActive={total_active}"


def run_cleared(session_id: str, total_active: int) -> str:
    return f"run cleared: sessionId={session_id} totalActive={total_active}"


# ------------------------------------------------------ 2.6 session locks


def stale_lock_removed(lock_path: str, reasons: str) -> str:
    return f"removed stale session lock: {lock_path} ({reasons})"


# ------------------------------------------------------ 2.7 gateway/ws


def ws_res(method: str, duration_ms: int, conn: str, request_id: str, ok: bool = True) -> str:
    """``⇄ res ✓ <method> <N>ms conn=… id=…`` with the ANSI codes the file keeps."""
    mark = _ansi(92, 39, "✓") if ok else _ansi(91, 39, "✗")
    return (f"{_ansi(93, 39, '⇄')} {_ansi(1, 22, 'res')} {mark} {_ansi(1, 22, method)} "
            f"{_ansi(2, 22, f'{duration_ms}ms')} {_ansi(2, 22, 'conn')}={_ansi(90, 39, short_id(conn))} "
            f"{_ansi(2, 22, 'id')}={_ansi(90, 39, short_id(request_id))}")


def handshake_timeout(conn: str, remote: str, peer: str | None = None, phase: str | None = None) -> str:
    text = f"handshake timeout conn={conn}"
    text += _opt("peer", peer) + f" remote={remote}"
    return text + _opt("phase", phase)


def closed_before_connect(conn: str, remote: str, code: int, reason: str, *, peer: str | None = None,
                          fwd: str = "n/a", origin: str = "n/a", host: str = "n/a", ua: str = "n/a",
                          phase: str | None = None) -> str:
    text = f"closed before connect conn={conn}" + _opt("peer", peer)
    text += f" remote={remote} fwd={fwd} origin={origin} host={host} ua={ua} code={code} reason={reason}"
    return text + _opt("phase", phase)


def close_meta(cause: str, handshake: str, duration_ms: int, handshake_ms: int, *, host: str,
               remote: str, remote_port: int, local_port: int, origin: str = "n/a",
               ua: str = "n/a", fwd: str = "n/a", phase: str | None = None) -> dict:
    """The meta object passed with ``closed before connect`` (lands in ``"1"``)."""
    meta: dict = {"cause": cause, "handshake": handshake, "durationMs": duration_ms,
                  "handshakeMs": handshake_ms}
    if phase:
        meta["phase"] = phase
    meta.update({"host": host, "origin": origin, "userAgent": ua, "forwardedFor": fwd,
                 "remoteAddr": remote, "remotePort": remote_port, "localAddr": "127.0.0.1",
                 "localPort": local_port, "endpoint": f"{remote}:{remote_port}"})
    return meta


def webchat_connected(conn: str, remote: str, client: str, mode: str, version: str) -> str:
    return f"webchat connected conn={conn} remote={remote} client={client} {mode} v{version}"


def webchat_disconnected(code: int, reason: str, conn: str) -> str:
    return f"webchat disconnected code={code} reason={reason} conn={conn}"


def user_disconnected(code: int, reason: str, conn: str, user: str) -> str:
    return f"authenticated user disconnected code={code} reason={reason} conn={conn} user={user}"


# ------------------------------------------------ 2.8 gateway client (root)


def gateway_connect_failed(inner: str) -> str:
    return f"gateway connect failed: {inner}"


# --------------------------------------------------- 2.9 gateway lifecycle


def agent_model(ref: str) -> str:
    return f"agent model: {ref}"


def listening(port: int, pid: int) -> str:
    return f"listening on ws://127.0.0.1:{port}, ws://[::1]:{port} (PID {pid})"


def ready(plugins: list[str], seconds: float) -> str:
    return f"ready ({len(plugins)} plugins: {', '.join(plugins)}; {seconds:.1f}s)"


def log_file(path: str) -> str:
    return f"log file: {path}"


def health_monitor_started(interval: int = 300, grace: int = 60, connect_grace: int = 120) -> str:
    return (f"started (interval: {interval}s, startup-grace: {grace}s, "
            f"channel-connect-grace: {connect_grace}s)")


def health_monitor_restarting(channel: str, account: str, reason: str) -> str:
    return f"[{channel}:{account}] health-monitor: restarting (reason: {reason})"


def signal_received(sig: str) -> str:
    return f"signal {sig} received"


def received_signal_action(sig: str, action: str) -> str:
    return f"received {sig}; {action}"


def restart_mode(mode: str, why: str) -> str:
    return f"restart mode: {mode} restart ({why})"


def draining(tasks: int, runs: int, timeout_ms: int) -> str:
    return (f"draining {tasks} active task(s) and {runs} active embedded run(s) before restart "
            f"(timeout {timeout_ms}ms)")


# ------------------------------------------- CLI backends (agent/cli-backend)
# Checked against openclaw/openclaw: src/agents/cli-runner/execute.ts logs "cli exec: ..." before
# the CLI runs (the short form; newer builds append trigger=/useResume=/session=/... fields) and
# src/agents/cli-runner/claude-live-session.ts logs the live Claude session's turn end, failure
# and close, all through src/agents/cli-runner/log.ts (subsystem agent/cli-backend). None of
# them names a runId or sessionId.


def cli_exec(provider: str, model: str, prompt_chars: int) -> str:
    return f"cli exec: provider={provider} model={model} promptChars={prompt_chars}"


def claude_live_turn(provider: str, model: str, duration_ms: int, raw_lines: int) -> str:
    return (f"claude live session turn: provider={provider} model={model} durationMs={duration_ms} "
            f"rawLines={raw_lines}")


def claude_live_turn_failed(provider: str, model: str, duration_ms: int, error_name: str) -> str:
    return (f"claude live session turn failed: provider={provider} model={model} durationMs={duration_ms} "
            f"error={error_name}")


def claude_live_close(provider: str, model: str, reason: str) -> str:
    return f"claude live session close: provider={provider} model={model} reason={reason}"


# ------------------------------------------- model fallback (model-fallback/decision)
# Checked against openclaw/openclaw src/agents/model-fallback-observation.ts: the file message is
# "model fallback decision" and the meta object carries the fields below (undefined ones are
# dropped by JSON.stringify); consoleMessage is what the console prints. Builds of this era log
# every decision at warn and end consoleMessage with " detail=<error preview>".


def fallback_decision(decision: str, run_id: str, requested: str, candidate: str, attempt: int, total: int, *,
                      reason: str | None = None, status: int | None = None, error: str | None = None,
                      http_code: str | None = None, next_candidate: str | None = None) -> dict:
    req_provider, _, req_model = requested.partition("/")
    cand_provider, _, cand_model = candidate.partition("/")
    meta: dict = {"event": "model_fallback_decision", "tags": ["error_handling", "model_fallback", decision],
                  "runId": run_id, "decision": decision, "requestedProvider": req_provider,
                  "requestedModel": req_model, "candidateProvider": cand_provider, "candidateModel": cand_model,
                  "attempt": attempt, "total": total}
    if reason is not None:
        meta["reason"] = reason
    if status is not None:
        meta["status"] = status
    if error is not None:
        meta["errorPreview"] = error
    if http_code is not None:
        meta["httpCode"] = http_code
    if next_candidate is not None:
        next_provider, _, next_model = next_candidate.partition("/")
        meta["nextCandidateProvider"] = next_provider
        meta["nextCandidateModel"] = next_model
    meta["isPrimary"] = candidate == requested
    meta["requestedModelMatched"] = candidate == requested
    meta["fallbackConfigured"] = True
    meta["consoleMessage"] = (f"model fallback decision: decision={decision} requested={requested} "
                              f"candidate={candidate} reason={reason or 'unknown'} next={next_candidate or 'none'}"
                              + (f" detail={error}" if error else ""))
    return meta


# --------------------------------------------------------- misc warnings


def config_requires_restart(reasons: str) -> str:
    return f"config change requires gateway restart ({reasons})"


def context_overflow(attempt: int, attempts: int, model_ref: str) -> str:
    """src/agents/pi-embedded-runner/run.ts (agent/embedded, warn)."""
    return (f"context overflow detected (attempt {attempt}/{attempts}); "
            f"attempting auto-compaction for {model_ref}")


def compact_threw(model_ref: str, error: str) -> str:
    """run.ts when the context engine's compact() throws during overflow recovery (warn)."""
    return f"contextEngine.compact() threw during overflow recovery for {model_ref}: {error}"


def restart_recovery_resumed(session_key: str) -> str:
    """src/agents/main-session-restart-recovery.ts (main-session-restart-recovery, info)."""
    return f"resumed interrupted main session: {session_key}"


def restart_recovery_complete(recovered: int, failed: int, skipped: int) -> str:
    return f"main-session restart recovery complete: recovered={recovered} failed={failed} skipped={skipped}"
