"""Rule metadata as data. Detection logic lives in :mod:`stuckscan.classifier`."""

from __future__ import annotations

from dataclasses import dataclass

from stuckscan.model import RuleRef, Severity


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    slug: str
    title: str
    summary: str
    severity_policy: str
    default_severity: Severity
    scope: str                      # "session" or "gateway"
    signature: tuple[str, ...]
    evidence: tuple[str, ...]
    fixes: tuple[str, ...]
    references: tuple[str, ...] = ()
    benign: bool = False

    @property
    def short_severity(self) -> str:
        if self.severity_policy == _WEDGED:
            return "warning, error if wedged > 360 s"
        return self.default_severity.value

    @property
    def ref(self) -> RuleRef:
        return RuleRef(self.id, self.slug, self.title)


_WEDGED = "error when the session is wedged longer than the abort threshold (360 s by default), otherwise warning"

_RULES: tuple[Rule, ...] = (
    Rule(
        "RC01", "model-call-hang", "Model call hang / no first token",
        "The session's active work is a model call that never returned a first token or completed.",
        _WEDGED, Severity.WARNING, "session",
        ("`stalled session:` or `long-running session:` with `activeWorkKind=model_call` or "
         "`lastProgress=model_call:started` (or `embedded_run:started` with no later progress)",
         "`embedded run failover decision ... reason=timeout` or `rawError=Request was aborted`",
         "`LLM idle timeout (Ns)`", "`model fallback decision: decision=candidate_failed ... reason=timeout`"),
        ("`lastProgressAge` close to `age`: no progress since the call started", "no tool events during the stall",
         "a `[model-fetch] start ... timeoutMs=` with no `[model-fetch] response` (or `error`) after it"),
        ("Set `agents.defaults.llm.idleTimeoutSeconds` or `models.providers.<id>.timeoutSeconds`, keeping them "
         "below `diagnostics.stuckSessionAbortMs` (#121018).",
         "Configure fallback models so a hung provider fails over.",
         "Upgrade to a build with phase-safe recovery (#93655) so fallback is tried.",
         "Check the provider's status page."),
        ("#121018", "#93655"),
    ),
    Rule(
        "RC02", "ghost-run", "Run never advances after model/turn completion (ghost run)",
        "The model response was delivered, but the run never advanced: the session stays processing.",
        _WEDGED, Severity.WARNING, "session",
        ("`stalled session: ... classification=stalled_agent_run reason=active_work_without_progress|"
         "queued_behind_terminal_active_work ... lastProgress=model_call:ended|run:completed|embedded_run:ended|...response.completed`",),
        ("a terminal-looking `lastProgress` (or `terminalProgressStale=true`) together with `queueDepth>0`",
         "the session stays `processing` after the model call ended"),
        ("Run `/stop` or `/reset` in the affected conversation.",
         "Upgrade to a build with the terminal-progress watchdog and ghost-run lane requeue (#89298).",
         "Restart the gateway: `openclaw gateway restart`."),
        ("#89298",),
    ),
    Rule(
        "RC03", "blocked-tool-call", "Blocked tool call",
        "A tool call (exec/bash, browser/CDP, approval-gated tool, MCP) never returned.",
        _WEDGED, Severity.WARNING, "session",
        ("`reason=blocked_tool_call classification=blocked_tool_call activeWorkKind=tool_call "
         "lastProgress=tool:<name>:started activeTool=<name>`",
         "`[tools] browser failed: timed out. Restart the OpenClaw gateway`",
         "`Can't reach the OpenClaw browser control service (timed out after 15000ms)`"),
        ("the tool name in `lastProgress`/`activeTool` says which sub-type", "recovery waits for the 15-minute floor"),
        ("exec/bash: give the command a timeout; run long jobs with `nohup ... &` and a pid file.",
         "browser: restart the gateway or the browser profile.",
         "approval-gated tool: approve or deny the pending request.",
         "Codex: upgrade the plugin (#83476).",
         "Lower `diagnostics.stuckSessionAbortMs` if that is safe for your workloads."),
        ("#147304", "#83476"),
    ),
    Rule(
        "RC04", "detector-false-positive", "Detector false positive (healthy run flagged or aborted)",
        "The stall detector flagged a session that was still making progress.",
        "info (not an incident)", Severity.INFO, "session",
        ("`stuck session: ... reason=queued_work_without_active_run ... lastProgress=cli_live:stream_progress lastProgressAge=0s`",
         "`blocked_tool_call` on `claude-cli` while later tools complete"),
        ("`lastProgressAge` below `stuckSessionWarnMs` at detection", "a CLI backend (`claude-cli`)",
         "progress continues after the warning"),
        ("Upgrade (PR #122460 freshness guard).", "Raise `diagnostics.stuckSessionAbortMs` if healthy runs are aborted.",
         "Treat as a false positive, not an incident."),
        ("#122460", "#88870"), benign=True,
    ),
    Rule(
        "RC05", "stale-session-state", "Stale session state / leaked active-run handle",
        "The gateway believes the session has active work that no longer exists.",
        _WEDGED, Severity.WARNING, "session",
        ("`stuck session: ... classification=stale_session_state reason=queued_work_without_active_run`",
         "repeated `outcome: status=skipped action=keep_lane reason=active_reply_work` or "
         "`action=observe_only reason=active_embedded_run`", "`sessionId=unknown` with `recovery=none`"),
        ("the same session skipped again and again while `lastProgressAge` grows",
         "age in the tens of thousands of seconds"),
        ("Upgrade (#86056 reclaims leaked handles).", "Run `/reset` in that conversation.",
         "Restart the gateway: `openclaw gateway restart`.", "Run `openclaw doctor --fix` for store/state drift."),
        ("#86056",),
    ),
    Rule(
        "RC06", "ineffective-recovery", "Recovery ran but did not free the lane",
        "A recovery action was taken, yet the session stayed stuck.",
        "error (messages queued during the wedge may be lost)", Severity.ERROR, "session",
        ("`stuck session recovery outcome: status=aborted ... released=0` (or `forceCleared=true released=0`) "
         "followed by more `stalled/stuck session:` lines for the same session",
         "`visible channel turn dispatched with no queued reply payloads`"),
        ("warnings continue for more than about two heartbeats after the recovery", "`released=0` with `queueDepth>0`"),
        ("Restart the gateway or `/reset` the conversation now.",
         "Upgrade to a build with PR #91802 / #89298.",
         "Messages queued during the wedge may be lost: tell the affected users."),
        ("#92270", "#145152", "#91802", "#89298"),
    ),
    Rule(
        "RC07", "no-recovery-attempted", "No recovery attempted (old build or observe-only policy)",
        "The session stayed stuck past the abort threshold and nothing tried to recover it.",
        _WEDGED, Severity.WARNING, "session",
        ("only `stuck session:` / `stalled session: ... recovery=none` lines for longer than `stuckSessionAbortMs`",
         "no `stuck session recovery` line at all"),
        ("a build up to about 2026.4.x (no reason or classification fields)", "`recovery=none` on model or tool stalls"),
        ("Upgrade OpenClaw.", "Set `diagnostics.stuckSessionAbortMs`.",
         "Add an external watchdog (e.g. `stuckscan watch --exec ...`)."),
        ("#31032",),
    ),
    Rule(
        "RC08", "lock-held-by-live-gateway", "Session write lock leaked by the live gateway after abort",
        "An aborted run left its session write lock held by the still-running gateway process.",
        "error (message loss)", Severity.ERROR, "session",
        ("`embedded abort settle timed out: ... timeoutMs=2000` / `sessions_yield abort settle timed out`",
         "then `session file locked (timeout 60000ms): pid=<P> alive=true ageMs=...`",
         "`Embedded agent failed before reply: session file locked`",
         "`EmbeddedAttemptSessionTakeoverError`, on its own or inside a `lane task error`"),
        ("the lock holder pid is alive (the gateway's own pid)", "`ageMs` grows across attempts"),
        ("Restart the gateway (clears in-memory locks): `openclaw gateway restart`.",
         "Upgrade (PR #87278, #90065).", "Avoid long `sessions_yield` subagent holds."),
        ("#87278", "#90065"),
    ),
    Rule(
        "RC09", "dead-pid-lock", "Dead-PID stale session lock",
        "A session write lock is held by a process that no longer exists.",
        "error (message loss)", Severity.ERROR, "session",
        ("`session file locked (timeout 10000ms|60000ms): pid=<P> ...jsonl.lock` with a dead pid or `alive=false`",
         "`lane task error ... session file locked`", "startup `removed stale session lock: <path> (dead-pid)`"),
        ("the pid is not running (crash, SIGKILL, OOM, container restart)", "the same pid in every failing request"),
        ("Restart the gateway, or run `openclaw doctor --fix`.",
         "Delete `~/.openclaw/agents/<id>/sessions/*.jsonl.lock` files owned by dead pids.",
         "Upgrade to a build with the dead-pid fast path."),
        (),
    ),
    Rule(
        "RC10", "lock-contention-as-model-failure", "Lock contention misread as model failure",
        "Every model candidate 'failed' because the session file was locked, not because of the models.",
        "error (message loss)", Severity.ERROR, "session",
        ("`[model-fallback/decision] ... reason=timeout detail=session file locked (pid=...)` once per candidate",
         "`FallbackSummaryError: All models failed (N): ... session file locked`"),
        ("the same lock pid in every candidate", "short `ageMs`", "concurrent cron and dispatch on the same session"),
        ("Upgrade (#78633 fail-fast).", "Stagger cron jobs against interactive turns.",
         "Give cron jobs their own session keys."),
        ("#78633",),
    ),
    Rule(
        "RC11", "handshake-timeout", "WebSocket handshake timeout (short pre-2026.3.22 default)",
        "WebSocket clients time out during the handshake because the timeout is too short.",
        "warning", Severity.WARNING, "gateway",
        ("`handshake timeout conn=... remote=...`",
         "`closed before connect ... cause=handshake-timeout ... handshakeMs=3000 code=1000`",
         "CLI `gateway closed (1000 normal closure): no close reason`"),
        ("`handshakeMs` about 3000 and `durationMs` only slightly higher", "only WebSocket CLI commands fail"),
        ("Upgrade to 2026.3.22 or later.", "Or set `OPENCLAW_HANDSHAKE_TIMEOUT_MS=10000` (up to 30000).",
         "Use `tail -f` on the log file instead of `openclaw logs`."),
        (),
    ),
    Rule(
        "RC12", "event-loop-starvation", "Gateway event-loop starvation (gateway unresponsive)",
        "The gateway's event loop was blocked: every session, channel and client slowed down at once.",
        "warning", Severity.WARNING, "gateway",
        ("`liveness warning: reasons=event_loop_delay[,event_loop_utilization,cpu] ... eventLoopDelayMaxMs=<>=2000>`",
         "`fetch timeout ... timer delayed NNNNms, likely event-loop starvation` (console); in the file log, "
         "`fetch timeout reached; aborting operation` with `timerDelayMs` in its meta object",
         "`[ws] ⇄ res ✓ <method> <very large>ms`", "handshake `durationMs` far above `handshakeMs`",
         "`gateway request timeout for connect`", "`memory pressure: level=...`"),
        ("`eventLoopUtilization` near 1, `cpuCoreRatio` near 1", "all sessions and channels affected at the same time"),
        ("Find the hot phase (`phase=`, `recentPhases=` on liveness warnings).",
         "Reduce `maxConcurrent` and subagent fan-out.", "Shrink transcripts and contexts; check memory pressure.",
         "Upgrade past known regressions (2026.4.27 / 2026.5.4).", "Restart the gateway: `openclaw gateway restart`."),
        (),
    ),
    Rule(
        "RC13", "cold-start-noise", "Cold-start liveness noise",
        "Liveness warnings during gateway startup, with no stuck session: expected noise.",
        "info", Severity.INFO, "gateway",
        ("`liveness warning ...` within about 60 s of `[gateway/health-monitor] started (... startup-grace: 60s ...)` "
         "or gateway `ready`", "`recentPhases=sidecars.model-prewarm...`"),
        ("inside the startup window", "no stuck sessions"),
        ("Informational: nothing to fix.", "Upgrade (PR #76401) to quiet it."),
        ("#76401",), benign=True,
    ),
    Rule(
        "RC14", "lane-wait-backlog", "Lane wait backlog (not a fault by itself)",
        "Work waited in a lane queue for more than 2 s.",
        "info", Severity.INFO, "session",
        ("`lane wait exceeded: lane=<lane> waitedMs=N queueAhead=N [activeAhead= activeNow= queueBehind=]`",),
        ("`lane=cron` with periodic jobs is noise", "a session lane during a concurrent stall is a symptom of that stall"),
        ("Wait, or serialize dispatches.", "If the lane shows a stall, look at the stall's own root cause.",
         "The 2 s threshold is not configurable (#14747)."),
        ("#14747",), benign=True,
    ),
    Rule(
        "RC15", "run-timeout-without-cleanup", "Run timeout fired but cleanup never ran",
        "The run hit its timeout, but nothing cleared it: the session stayed busy.",
        _WEDGED, Severity.WARNING, "session",
        ("`embedded run timeout: ... timeoutMs=N` with no later `run cleared` / `lane task done` / "
         "`session state: prev=processing new=idle` / `embedded run done` for that run",
         "`run active check: active=true` afterwards",
         "`CommandLaneTaskTimeoutError`, on its own or inside a `lane task error`",
         "`lane task rejected after timeout: lane=... timeoutMs=N error=...` (the timed-out task failed later)"),
        ("no terminal event for the run within 60 s after the timeout",),
        ("Upgrade (force-clear after timeout, PR #123055).", "Restart the gateway: `openclaw gateway restart`.",
         "Raise `agents.defaults.timeoutSeconds` only if runs are legitimately long."),
        ("#123055",),
    ),
    Rule(
        "RC16", "compaction-stall", "Compaction stall / timeout",
        "The session stalled in (or right after) transcript compaction.",
        _WEDGED, Severity.WARNING, "session",
        ("`context overflow detected ... attempting auto-compaction`", "`embedded run compaction start|retry` with no end",
         "`Compaction timed out`", "`auto-compaction failed for <provider>/<model>: ...`",
         "`[timeout-compaction] LLM timed out with high prompt token usage (N%); attempting compaction before retry` "
         "with no `compaction succeeded` / `did not reduce context` after it, or `contextEngine.compact() threw "
         "during timeout recovery`",
         "`Gateway is draining; new tasks are not accepted`"),
        ("the stall begins right after compaction events",),
        ("Start fresh with `/new` or `/reset`.",
         "Set `agents.defaults.compaction.timeoutSeconds` and a compaction model; declare `contextTokens`.",
         "Keep transcripts small.", "Restart if the gateway is stuck draining."),
        ("#18633",),
    ),
    Rule(
        "RC17", "restart-interrupted-run", "Restart interrupted an in-flight run",
        "A gateway restart or config reload cut an active run short and left the session wedged.",
        _WEDGED, Severity.WARNING, "session",
        ("`signal SIGUSR1 received` / `received SIGUSR1; restarting` / `restart mode: ...` during a run",
         "`AbortError: This operation was aborted`",
         "`[main-session-restart-recovery] resumed interrupted main session: <sessionKey>`",
         "`main-session restart recovery complete: recovered=N failed=N skipped=N`"),
        ("the stall begins right after a restart marker", "no `embedded run done` for the interrupted run"),
        ("Start fresh with `/new` or `/reset`.", "Upgrade (#92519 fixes).", "Avoid config changes while runs are active."),
        ("#92519",),
    ),
    Rule(
        "RC18", "channel-ingress-stall", "Channel ingress stall (session idle, bot silent)",
        "A channel stopped delivering messages: the health monitor keeps restarting it; no session is processing.",
        "warning", Severity.WARNING, "gateway",
        ("`[health-monitor] [<ch>:<acct>] health-monitor: restarting (reason: stale-socket|stuck|stopped|disconnected)` loops",
         "`[<ch>:<acct>] health-monitor: hit N restarts/hour limit, skipping` (a restart loop the monitor counted)",
         "`[<ch>:<acct>] health-monitor: restart failed: ...` after a restart",
         "no `Inbound message` / `polling ingress started`", "`EADDRINUSE`"),
        ("no session is processing: the problem is channel-level",),
        ("Restart the channel or the gateway.", "Upgrade (PR #34113 fixes the multi-account stale-socket loop).",
         "Tune the health-monitor thresholds."),
        ("#34113",),
    ),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
_BY_SLUG: dict[str, Rule] = {rule.slug: rule for rule in _RULES}


def find_rule(name: str) -> Rule | None:
    """A rule by id (``RC02``, case-insensitive) or slug (``ghost-run``)."""
    key = name.strip()
    return RULES.get(key.upper()) or _BY_SLUG.get(key.lower())
