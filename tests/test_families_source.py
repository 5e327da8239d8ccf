"""Message families audited from the openclaw/openclaw source (warn/error calls of the subsystems a
stuck session involves: recovery, embedded runs and compaction, CLI backends, tool loops, config-reload
restarts and shutdown, cron, subagent orphan recovery, channel transports).

Each template is written here in its real form and read three ways: a compact console line, a gateway
JSONL record (tests/conftest.py's tslog_line) and the bare message as pasted into an issue. The kind and
the fields the rules need must come out alike in all three, and the scan fast path must decode the
lines whose kinds the correlator consumes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stuckscan.analysis import analyze_paths
from stuckscan.correlator import CONSUMED_KINDS
from stuckscan.fastscan import iter_scan_events
from stuckscan.parser import ParseOptions, ParseStats, parse_path, parse_text_lines
from tests.conftest import tslog_line

# (t53b) the one service the Bonjour advertiser describes in its lines (extensions/bonjour/src/advertiser.ts)
BONJOUR_SERVICE = "gateway fqdn=mac (OpenClaw)._openclaw-gw._tcp.local. host=mac.local. port=18789"
RUN = "8c423f99-218a-4841-a02a-7ee0dac15831"
SID = "2bc0117f-8cd0-43a6-a382-1b4ebc062f6d"
KEY = "agent:main:telegram:direct:7012345678"

# (subsystem, level, message, kind, fields the line must give)
LINES: list[tuple[str, str, str, str, dict[str, object]]] = [
    # src/agents/pi-embedded-runner/run/abort-source-log.ts: the timer behind a mid-run abort.
    ("agent/embedded", "WARN",
     f"[abort-source] runId={RUN} sessionId={SID} source=llm-idle-timeout isTimeout=true idleTimeout=true "
     "compactionTimeout=false external=false reason=Error: idle limit stack=at a | at b",
     "llm.idle_timeout", {"runId": RUN, "sessionId": SID, "abortSource": "llm-idle-timeout"}),
    ("agent/embedded", "WARN",
     f"[abort-source] runId={RUN} sessionId={SID} source=compaction-timeout isTimeout=true idleTimeout=false "
     "compactionTimeout=true external=false reason=<none> stack=at a",
     "compaction.timeout", {"runId": RUN, "abortSource": "compaction-timeout"}),
    ("agent/embedded", "WARN",
     f"[abort-source] runId={RUN} sessionId={SID} source=explicit-cancel isTimeout=false idleTimeout=false "
     "compactionTimeout=false external=false reason=<none> stack=at a",
     "run.abort_source", {"runId": RUN, "abortSource": "explicit-cancel"}),
    # src/auto-reply/reply/queue/circuit-breaker.ts (runtime log, info)
    ("gateway", "INFO",
     f"discord stuck-session circuit breaker fired for {KEY}: queueDepth=3, activeSessionId={SID}, aborted=true",
     "recovery.circuit_breaker", {"sessionKey": KEY, "queueDepth": 3, "sessionId": SID, "aborted": True}),
    ("diagnostic", "WARN",
     f"stuck session recovery reclaiming phantom_reply_work: sessionId={SID} sessionKey={KEY} age=720s queueDepth=0 "
     f"activeSessionId={SID}",
     "recovery.reclaiming", {"reclaimReason": "phantom_reply_work", "sessionKey": KEY, "age": 720}),
    ("diagnostic", "WARN",
     f"stuck session recovery reclaiming stale_reply_work: sessionId={SID} sessionKey={KEY} age=400s queueDepth=1",
     "recovery.reclaiming", {"reclaimReason": "stale_reply_work", "queueDepth": 1}),
    ("agent/embedded", "WARN",
     f"embedded run failover decision: runId={RUN} stage=assistant decision=fallback_model reason=timeout "
     "provider=openai/gpt-5.4 profile=-",
     "embedded.failover", {"runId": RUN, "decision": "fallback_model", "reason": "timeout"}),
    ("agent/embedded", "ERROR", "GatewayDrainingError: Gateway is draining for restart; new tasks are not accepted",
     "gateway.draining_rejected", {}),
    # a channel plugin's own record of an agent tool call and its end (f3017's build logs no embedded run lines)
    ("feishu/plugin", "INFO", 'feishu: tool call: write params={"file_path":"~/backup.sh"} {}',
     "plugin.tool_call", {"channel": "feishu", "tool": "write"}),
    ("feishu/plugin", "INFO", "feishu: tool done: exec ok (1947ms) {}",
     "plugin.tool_done", {"channel": "feishu", "tool": "exec", "outcome": "ok", "durationMs": 1947}),
    ("feishu/plugin", "ERROR", "feishu: tool fail: read ENOENT: no such file or directory, access '/x.md' (21ms) {}",
     "plugin.tool_failed", {"channel": "feishu", "tool": "read"}),
    ("agent/embedded", "WARN",
     "contextEngine.compact() threw during overflow recovery for anthropic/claude-opus-4-6: Error: 529 overloaded",
     "compaction.failed", {"model": "anthropic/claude-opus-4-6", "error": "Error: 529 overloaded"}),
    ("agent/embedded", "WARN",
     "contextEngine.compact() threw during overflow recovery for anthropic/claude-opus-4-6: Error: Compaction timed out",
     "compaction.timeout", {}),
    ("agent/embedded", "WARN",
     "Compaction summarization failed; cancelling compaction to preserve history: Error: 429 rate limited",
     "compaction.failed", {"error": "Error: 429 rate limited"}),
    ("agent/embedded", "WARN",
     "Compaction safeguard: no request credentials available; cancelling compaction to preserve history.",
     "compaction.failed", {"detail": "no request credentials available"}),
    ("agent/embedded", "WARN",
     f"embedded run timeout reached during compaction; extending deadline: runId={RUN} sessionId={SID} extraMs=900000",
     "compaction.deadline_extended", {"runId": RUN, "sessionId": SID, "extraMs": 900000}),
    ("agent/embedded", "WARN",
     f"compaction retry aggregate timeout (60000ms): proceeding with pre-compaction state runId={RUN} sessionId={SID}",
     "compaction.timeout", {"timeoutMs": 60000, "runId": RUN}),
    ("agent/embedded", "WARN", f"using pre-compaction snapshot: timed out during compaction runId={RUN} sessionId={SID}",
     "compaction.timeout", {"snapshotSource": "pre-compaction", "sessionId": SID}),
    ("agent/embedded", "WARN",
     f"embedded run abortCompaction failed: runId={RUN} sessionId={SID} err=Error: session closed",
     "compaction.abort_failed", {"runId": RUN, "sessionId": SID}),
    ("agent/embedded", "WARN", f"unsubscribe: compaction abort failed runId={RUN} err=Error: aborted",
     "compaction.abort_failed", {"runId": RUN}),
    ("agent/embedded", "WARN",
     "context overflow persisted after in-attempt compaction (attempt 2/3); retrying prompt without additional "
     "compaction for anthropic/claude-opus-4-6",
     "compaction.overflow", {"attempt": 2, "maxAttempts": 3, "model": "anthropic/claude-opus-4-6"}),
    ("agent/embedded", "WARN",
     "[llm-idle-timeout] ollama/qwen3:32b produced no reply before the idle watchdog; retrying same model",
     "llm.idle_timeout", {"model": "ollama/qwen3:32b", "action": "retrying same model"}),
    ("agent/embedded", "WARN", "Profile anthropic:work timed out. Trying next account...",
     "model.profile_timeout", {"profileId": "anthropic:work"}),
    # (n58) the newest builds' wording when the attempt ran out on its idle watchdog, and the end of the same line
    # when no further profile was selected (src/agents/embedded-agent-runner/run/assistant-failover.ts)
    ("agent/embedded", "WARN", "Profile anthropic:work idle timeout (model silent). Trying next account...",
     "model.profile_timeout", {"profileId": "anthropic:work", "timeout": "idle"}),
    ("agent/embedded", "WARN",
     "Profile anthropic:work idle timeout (model silent). No further authorized account for this provider; create a "
     "backup auth profile and add its id to auth.order to enable failover.",
     "model.profile_timeout", {"profileId": "anthropic:work", "timeout": "idle", "nextAccount": "none"}),
    ("agent/embedded", "WARN",
     "Profile anthropic:work timed out. No further authorized account for this provider; create a backup auth profile "
     "and add its id to auth.order to enable failover.",
     "model.profile_timeout", {"profileId": "anthropic:work", "nextAccount": "none"}),
    ("agent/cli-backend", "WARN",
     "cli watchdog timeout: provider=claude-cli model=opus session=9d1c5e2a-77b1-4a0e-8d51-0c2f1b7e4a10 "
     "noOutputTimeoutMs=180000 pid=48213",
     "cli.watchdog_timeout", {"provider": "claude-cli", "noOutputTimeoutMs": 180000, "pid": 48213}),
    ("agent/embedded", "WARN", "FailoverError: CLI produced no output for 180s and was terminated.",
     "cli.watchdog_timeout", {"noOutputSeconds": 180}),
    # The watchdog's stall notice queued into the session (src/agents/cli-runner.ts from 2026.3.3, #34020; later
    # cli-runner/execute.ts), as a user copies it from the session, in two builds' hint sentences.
    ("agent/embedded", "WARN",
     "System: CLI agent (claude-cli) produced no output for 180s and was terminated. It may have been waiting for "
     "interactive input or an approval prompt. For Claude Code, prefer --permission-mode bypassPermissions --print.",
     "cli.watchdog_timeout", {"provider": "claude-cli", "noOutputSeconds": 180}),
    ("agent/embedded", "WARN",
     "CLI agent (codex-cli) produced no output for 600s and was terminated. It may have been waiting for interactive "
     "input or an approval prompt. Check CLI permission settings and OpenClaw approval prompts.",
     "cli.watchdog_timeout", {"provider": "codex-cli", "noOutputSeconds": 600}),
    ("agent/embedded", "ERROR",
     f"[run-retry-limit] sessionKey={KEY} provider=openai/gpt-5.4 attempts=32 maxAttempts=32",
     "embedded.retry_limit", {"sessionKey": KEY, "attempts": 32, "maxAttempts": 32}),
    ("agent/embedded", "ERROR", f"CRITICAL: unsubscribe failed, possible resource leak: runId={RUN} Error: closed",
     "embedded.unsubscribe_failed", {"runId": RUN, "error": "Error: closed"}),
    ("agent/embedded", "WARN",
     f"incomplete turn detected: runId={RUN} sessionId={SID} stopReason=length payloads=0 — surfacing error to user",
     "embedded.incomplete_turn", {"runId": RUN, "stopReason": "length", "payloads": 0,
                                  "action": "surfacing error to user"}),
    # (src/agents/openai-ws-stream.ts: the OpenAI WebSocket stream passing a failure by, and its own run error; t49f)
    ("agent/embedded", "WARN",
     f"[ws-stream] WebSocket connect failed for session={SID}; falling back to HTTP. error=Error: Unexpected server "
     "response: 502", "model.ws_fallback",
     {"stage": "WebSocket connect", "sessionId": SID, "error": "Error: Unexpected server response: 502"}),
    ("agent/embedded", "WARN",
     f"[ws-stream] send failed for session={SID}; falling back to HTTP. error=Error: WebSocket is not open: "
     "readyState 3 (CLOSED)", "model.ws_fallback",
     {"stage": "send", "sessionId": SID, "error": "Error: WebSocket is not open: readyState 3 (CLOSED)"}),
    ("agent/embedded", "WARN", f"[ws-stream] session={SID} broken/disconnected; falling back to HTTP",
     "model.ws_fallback", {"stage": "broken", "sessionId": SID}),
    ("agent/embedded", "WARN",
     f"[ws-stream] warm-up failed for session={SID}; continuing without warm-up. error=Error: warm-up timed out "
     "after 8000ms", "model.ws_fallback",
     {"stage": "warm-up", "sessionId": SID, "error": "Error: warm-up timed out after 8000ms"}),
    ("agent/embedded", "WARN",
     f"[ws-stream] session={SID} run error: WebSocket closed mid-request (code=1006, reason=unknown)",
     "model.ws_run_error", {"sessionId": SID, "error": "WebSocket closed mid-request (code=1006, reason=unknown)"}),
    ("agent/embedded", "WARN", "Polling loop warning: process repeated 10 times",
     "tool.loop", {"detector": "Polling loop warning", "repeatedTool": "process", "count": 10}),
    ("agent/embedded", "WARN", "Ping-pong loop warning: alternating calls count=12 currentTool=exec",
     "tool.loop", {"count": 12, "currentTool": "exec"}),
    ("agent/embedded", "WARN", "Loop warning: read called 10 times with identical arguments",
     "tool.loop", {"repeatedTool": "read", "count": 10}),
    ("agent/embedded", "ERROR", "Global circuit breaker triggered: process repeated 30 times with no progress",
     "tool.loop", {"detector": "Global circuit breaker triggered", "repeatedTool": "process", "count": 30}),
    ("agent/embedded", "ERROR", "Blocking exec due to critical loop: exec repeated 20 times with no progress",
     "tool.loop", {"tool": "exec"}),
    ("gateway/reload", "WARN",
     "restart timeout after 300000ms with 1 reply(ies), 1 embedded run(s) still active; restarting anyway",
     "gateway.drain_timeout", {"elapsedMs": 300000, "pendingReplies": 1, "embeddedRuns": 1}),
    ("gateway/reload", "WARN",
     "restart timeout after 300000ms with 2 operation(s), 1 task run(s) still active; restarting anyway",
     "gateway.drain_timeout", {"operations": 2, "taskRuns": 1}),
    ("gateway/reload", "WARN",
     "config change requires gateway restart (browser.ssrfPolicy) — deferring until 4 operation(s), 2 reply(ies), "
     "2 embedded run(s), 1 task run(s) complete",
     "gateway.reload_required", {"reasons": "browser.ssrfPolicy", "operations": 4, "pendingReplies": 2,
                                 "embeddedRuns": 2, "taskRuns": 1}),
    ("gateway/reload", "WARN",
     "restart still deferred after 243289ms with 6 operation(s), 1 reply(ies), 3 embedded run(s), 2 background task "
     "run(s) active",
     "gateway.reload_required", {"elapsedMs": 243289, "operations": 6, "pendingReplies": 1, "embeddedRuns": 3,
                                 "taskRuns": 2}),
    ("gateway/reload", "WARN",
     "config change requires gateway restart (gateway.port) — deferring until 2 operation(s), 1 reply(ies), "
     "1 embedded run(s), 1 background task run(s) complete",
     "gateway.reload_required", {"reasons": "gateway.port", "embeddedRuns": 1, "taskRuns": 1}),
    ("gateway/reload", "WARN", "restart deferral check failed (Error: store unavailable); restarting gateway now",
     "gateway.forced_restart", {"error": "Error: store unavailable"}),
    ("gateway/reload", "INFO", "all operations and replies completed; restarting gateway now", "gateway.drained", {}),
    ("gateway", "WARN",
     "websocket server close exceeded 1000ms; forcing shutdown continuation with 3 tracked client(s)",
     "gateway.shutdown_slow", {"graceMs": 1000, "trackedClients": 3}),
    ("gateway", "WARN", "websocket server close still pending after 2000ms force window; continuing shutdown",
     "gateway.shutdown_slow", {"forceMs": 2000}),
    ("gateway", "WARN", "full process restart failed (spawn EACCES); falling back to in-process restart",
     "gateway.restart_mode", {"mode": "in-process restart", "detail": "spawn EACCES"}),
    ("gateway", "ERROR", "failed to reacquire gateway lock for in-process restart: Error: gateway lock timeout",
     "gateway.restart_failed", {"error": "Error: gateway lock timeout"}),
    ("gateway", "ERROR",
     "gateway startup failed: Error: listen EADDRINUSE. Process will stay alive; fix the issue and restart.",
     "gateway.start_failed", {}),
    ("cron", "WARN", "cron: clearing stale running marker on startup", "cron.stale_running_cleared", {}),
    ("cron", "WARN", "cron: queued manual run waiting for an execution slot", "cron.run_waiting", {}),
    ("subagent-orphan-recovery", "WARN",
     "failed to resume orphaned session agent:main:subagent:5f0c: Error: session file locked (timeout 60000ms)",
     "restart.recovery", {"sessionKey": "agent:main:subagent:5f0c"}),
    ("subagent-orphan-recovery", "WARN",
     "resume failed for agent:main:subagent:5f0c; abortedLastRun flag preserved for retry on next restart",
     "restart.recovery", {"sessionKey": "agent:main:subagent:5f0c"}),
    ("subagent-interrupted-resume", "WARN",
     "skipping orphan recovery for agent:main:subagent:5f0c: recovery wedged after 3 attempts",
     "restart.recovery", {"sessionKey": "agent:main:subagent:5f0c", "reason": "recovery wedged after 3 attempts"}),
    ("subagent-interrupted-resume", "WARN", "error processing orphaned session agent:main:subagent:5f0c: Error: EACCES",
     "restart.recovery", {"sessionKey": "agent:main:subagent:5f0c", "error": "Error: EACCES"}),
    ("subagent-interrupted-resume", "WARN", "orphan recovery scan failed: Error: EACCES",
     "restart.recovery", {"stage": "orphan recovery scan failed", "error": "Error: EACCES"}),
    ("subagent-interrupted-resume", "WARN",
     "scheduled orphan recovery failed: Error: gateway timeout after 10000ms; retrying in 10000ms (attempt 2/3)",
     "restart.recovery", {"error": "Error: gateway timeout after 10000ms", "retryMs": 10000, "attempt": 2,
                          "maxAttempts": 3}),
    ("subagent-interrupted-resume", "WARN", "scheduled orphan recovery failed after 3 retries: Error: EACCES",
     "restart.recovery", {"retries": 3, "error": "Error: EACCES"}),
    ("subagent-interrupted-resume", "WARN", "finalize stale run 7d3e-run: Error: EACCES",
     "restart.recovery", {"runId": "7d3e-run", "error": "Error: EACCES"}),
    ("subagent-interrupted-resume", "INFO", "found orphaned subagent session: agent:main:subagent:5f0c (run=7d3e-run)",
     "restart.recovery", {"sessionKey": "agent:main:subagent:5f0c", "runId": "7d3e-run"}),
    ("subagent-interrupted-resume", "INFO", "resumed orphaned session: agent:main:subagent:5f0c",
     "restart.recovery", {"sessionKey": "agent:main:subagent:5f0c"}),
    ("subagent-interrupted-resume", "WARN",
     "resumed orphaned session agent:main:subagent:5f0c but remap failed (old run already removed); treating resume "
     "as accepted to avoid duplicate restarts", "restart.recovery", {"sessionKey": "agent:main:subagent:5f0c"}),
    ("subagent-interrupted-resume", "INFO", "orphan recovery complete: recovered=0 failed=1 skipped=2",
     "restart.recovery", {"recovered": 0, "failed": 1, "skipped": 2}),
    ("subagent-interrupted-resume", "INFO", "orphan recovery had 1 failure(s); retrying in 10000ms (attempt 2/3)",
     "restart.recovery", {"failed": 1, "retryMs": 10000, "attempt": 2, "maxAttempts": 3}),
    ("agents/subagent-registry", "WARN", "failed to complete subagent run; retrying completion",
     "subagent.completion_failed", {"action": "retrying completion"}),
    ("agents/subagent-registry", "WARN", "failed to complete subagent run after retry; retrying ended cleanup",
     "subagent.completion_failed", {"stage": "after retry", "action": "retrying ended cleanup"}),
    ("agents/subagent-registry", "WARN", "subagent suspended delivery discarded",
     "subagent.delivery_discarded", {"stage": "discarded"}),
    ("agents/subagent-registry", "WARN", "subagent suspended delivery backlog exceeded pressure cap",
     "subagent.delivery_discarded", {"stage": "backlog exceeded pressure cap"}),
    ("gateway/channels/slack", "ERROR", "[slack] transport watchdog timeout: idle 300s (limit 300s)",
     "channel.polling_stall", {"stalledFor": 300}),
    ("gateway/channels/whatsapp", "WARN", "No messages received in 30m - restarting connection",
     "channel.polling_stall", {}),
    # t50n: its first builds (src/web/auto-reply.ts, 2025-11 to 2025-12) put a warning sign first.
    ("gateway/channels/whatsapp", "ERROR", "\u26a0\ufe0f  No messages received in 31m - restarting connection",
     "channel.polling_stall", {"stalledFor": 31}),
    ("gateway/channels/slack", "ERROR",
     "slack socket disconnected (close). retry 3/12 in 8s (Error: socket hang up)",
     "channel.auto_restart", {"attempt": 3, "maxAttempts": 12, "event": "close"}),
    ("gateway/channels/slack", "ERROR", "slack socket mode failed to start. retry 1/∞ in 2s (Error: fetch failed)",
     "channel.auto_restart", {"attempt": 1}),
    ("gateway/channels/slack", "ERROR",
     "slack socket mode disconnected due to non-recoverable auth error — skipping channel (invalid_auth)",
     "channel.restart_gave_up", {"error": "invalid_auth"}),
    ("gateway/channels/whatsapp", "ERROR",
     "WhatsApp Web connection closed (status 428). Retry 4/12 in 16s… (status=428 Connection Terminated)",
     "channel.auto_restart", {"status": 428, "attempt": 4, "maxAttempts": 12}),
    ("gateway/channels/slack", "ERROR",
     "slack socket disconnected (disconnect); reconnecting in 2s (attempt 1/∞)",
     "channel.auto_restart", {"attempt": 1, "event": "disconnect", "restartDelay": 2}),
    ("gateway/channels/whatsapp", "INFO", "Listening for personal WhatsApp inbound messages.",
     "channel.polling_started", {}),
    ("gateway/channels/whatsapp", "ERROR",
     "WhatsApp Web reconnect: max attempts reached (12/12). Stopping web monitoring.",
     "channel.restart_gave_up", {"attempt": 12, "maxAttempts": 12}),
    ("gateway", "ERROR", "[telegram] channel startup failed: Error: 409 Conflict: terminated by other getUpdates",
     "channel.exited", {"error": "Error: 409 Conflict: terminated by other getUpdates"}),
    ("gateway/channels/discord", "ERROR", "discord handler timed out after 1800 seconds (channelId=1508423882292461630)",
     "channel.handler_timeout", {"timeoutSeconds": 1800}),
    ("gateway/channels/discord", "WARN", "discord handler canceled after timeout", "channel.handler_timeout",
     {"stage": "canceled"}),
    ("gateway/channels/telegram", "WARN", "[typing] TTL exceeded (120000ms), auto-stopping typing indicator",
     "channel.typing_ttl", {"maxDurationMs": 120000}),
    ("agents", "ERROR", "Subagent announce failed: Error: gateway timeout after 60000ms",
     "subagent.announce_failed", {"error": "Error: gateway timeout after 60000ms"}),
    # Second audit: model providers, delivery queue, config reload, CLI status output, Feishu and Signal adapters.
    ("agent/embedded", "WARN", "Profile anthropic:default timed out (possible rate limit). Trying next account...",
     "model.profile_timeout", {"profileId": "anthropic:default", "reason": "possible rate limit"}),
    ("agent/embedded", "ERROR", "FailoverError: Provider minimax is in cooldown (all profiles unavailable)",
     "model.provider_cooldown", {"provider": "minimax"}),
    ("agent/embedded", "ERROR",
     "Embedded agent failed before reply: No available auth profile for openai-codex (all in cooldown or unavailable).",
     "model.provider_cooldown", {"provider": "openai-codex"}),
    # t46h audit: a suspended session's lane resumed after the TTL (src/agents/session-suspension.ts), and the
    # fallback chain's other cooldown skips (src/agents/model-fallback.ts).
    ("session-suspension", "INFO", "auto-resumed lane after suspension TTL laneId=main delayMs=1800000 resumeConcurrency=4",
     "lane.suspension_resumed", {"laneId": "main", "delayMs": 1800000, "resumeConcurrency": 4}),
    ("agent/embedded", "ERROR", "FailoverError: Provider anthropic is in cooldown (probe already attempted this run)",
     "model.provider_cooldown", {"provider": "anthropic", "probeAttempted": True}),
    ("agent/embedded", "ERROR", "FailoverError: Provider openrouter has billing issue (skipping all models)",
     "model.provider_cooldown", {"provider": "openrouter", "reason": "billing"}),
    ("agent/embedded", "WARN", "Provider anthropic has auth_permanent issue (skipping all models)",
     "model.provider_cooldown", {"provider": "anthropic", "reason": "auth_permanent"}),
    ("model-fallback/decision", "INFO",
     "skip_candidate requested=anthropic/claude-opus-4-6 candidate=anthropic/claude-opus-4-6 reason=rate_limit "
     "next=openai/gpt-5.2", "model.fallback_decision",
     {"decision": "skip_candidate", "reason": "rate_limit", "next": "openai/gpt-5.2"}),
    ("model-fallback/decision", "INFO",
     "probe_cooldown_candidate requested=anthropic/claude-opus-4-6 candidate=anthropic/claude-opus-4-6 "
     "reason=overloaded next=openai/gpt-5.2", "model.fallback_decision",
     {"decision": "probe_cooldown_candidate", "reason": "overloaded"}),
    ("gateway/delivery-recovery", "WARN",
     "Delivery entry 3f0e9c1a delivery state is unknown_after_send; refusing blind replay without adapter reconciliation",
     "delivery.failed", {"deliveryId": "3f0e9c1a", "recoveryState": "unknown_after_send", "refused": "blind"}),
    ("gateway/delivery-recovery", "WARN",
     "Delivery entry 3f0e9c1a delivery state is send_attempt_started and reconciliation is unresolved: Error: 504",
     "delivery.failed", {"recoveryState": "send_attempt_started", "error": "Error: 504"}),
    ("gateway/delivery-recovery", "WARN", "Delivery 3f0e9c1a exceeded max retries (5/5) — moving to failed/",
     "delivery.failed", {"deliveryId": "3f0e9c1a", "attempt": 5, "maxAttempts": 5}),
    ("gateway/delivery-recovery", "WARN",
     "Delivery 3f0e9c1a hit permanent error — moving to failed/: Error: 403 Forbidden: bot was blocked by the user",
     "delivery.failed", {"error": "Error: 403 Forbidden: bot was blocked by the user"}),
    ("gateway/channels/telegram", "WARN", "Telegram reconnect: entry 3f0e9c1a exceeded max retries and was moved to failed/",
     "delivery.failed", {"deliveryId": "3f0e9c1a", "drain": "Telegram reconnect"}),
    ("gateway/delivery-recovery", "WARN", "Retry failed for delivery 3f0e9c1a: Error: fetch failed",
     "delivery.retry_failed", {"deliveryId": "3f0e9c1a", "error": "Error: fetch failed"}),
    ("gateway/delivery-recovery", "INFO",
     "Delivery recovery complete: 2 recovered, 1 failed, 0 skipped (max retries), 3 deferred (backoff)",
     "delivery.recovery", {"recovered": 2, "failed": 1, "skippedMaxRetries": 0, "deferredBackoff": 3}),
    ("gateway/channels", "INFO", "restarting telegram channel", "channel.reload_restart", {"channel": "telegram"}),
    ("gateway/reload", "INFO", "config hot reload applied (channels.telegram.streaming, agents.defaults.model)",
     "gateway.hot_reload", {"reasons": "channels.telegram.streaming, agents.defaults.model"}),
    ("gateway", "WARN",
     "Gateway event loop degraded for 3m (p99 61000ms) reasons=event_loop_delay,cpu eventLoopDelayMaxMs=62000 "
     "eventLoopUtilization=1 cpuCoreRatio=1",
     "liveness.warning", {"eventLoopDelayP99Ms": 61000, "eventLoopDelayMaxMs": 62000, "reasons": "event_loop_delay,cpu"}),
    ("gateway", "WARN",
     "Gateway event loop degraded: reasons=event_loop_delay eventLoopDelayMaxMs=40500 eventLoopUtilization=0.998 "
     "cpuCoreRatio=0.97",
     "liveness.warning", {"eventLoopDelayMaxMs": 40500, "eventLoopUtilization": 0.998}),
    ("gateway/channels/feishu", "INFO", "feishu[default]: starting WebSocket connection...", "channel.starting",
     {"channel": "feishu", "account": "default", "label": "WebSocket connection"}),
    ("gateway/channels/feishu", "INFO", "feishu[default]: WebSocket client started", "channel.polling_started",
     {"channel": "feishu", "account": "default"}),
    ("gateway/channels/feishu", "INFO", "feishu[default]: abort signal received, stopping", "channel.stopping",
     {"channel": "feishu", "account": "default"}),
    ("gateway/channels/feishu", "ERROR", "feishu[work]: Webhook server error: Error: listen EACCES 0.0.0.0:3000",
     "channel.transport_error", {"account": "work", "error": "Error: listen EACCES 0.0.0.0:3000"}),
    ("gateway/channels/feishu", "ERROR", "feishu[default]: error handling message: Error: request timed out",
     "channel.inbound_failed", {"account": "default", "event": "message", "error": "Error: request timed out"}),
    ("gateway/channels/signal", "ERROR", "Signal SSE stream error: TypeError: fetch failed", "channel.transport_error",
     {"error": "TypeError: fetch failed"}),
    ("gateway/channels/signal", "INFO", "Signal SSE connection lost, reconnecting in 4.1s...", "channel.reconnecting",
     {"restartDelay": 4.1}),
    # The imsg bridge of the iMessage channel (extensions/imessage/src/client.ts).
    ("gateway/channels/imessage", "ERROR", "imsg rpc exited (code 1)", "channel.transport_error",
     {"channel": "imessage", "exitCode": 1}),
    ("gateway/channels/imessage", "ERROR", "Error: imsg rpc exited (signal SIGKILL)", "channel.transport_error",
     {"channel": "imessage", "exitSignal": "SIGKILL"}),
    ("gateway/channels/imessage", "ERROR", "Error: imsg rpc timeout (watch.subscribe)", "channel.transport_error",
     {"channel": "imessage", "method": "watch.subscribe"}),
    ("gateway/channels/imessage", "ERROR", "imsg rpc not running", "channel.transport_error",
     {"channel": "imessage", "rpcState": "not running"}),
    ("gateway/channels/imessage", "ERROR", "channel exited: imsg rpc exited (code 1)", "channel.exited",
     {"error": "imsg rpc exited (code 1)"}),
    # Third audit: tool execution, MCP servers, gateway RPC timeouts, the session store and transcript repair,
    # WhatsApp Web and Mattermost transports, the active-memory recall sub-run, cron timeouts and back-off.
    ("tools", "ERROR", "exec failed: Command timed out after 1800 seconds", "tools.timeout",
     {"tool": "exec", "timeoutSeconds": 1800}),
    ("tools", "ERROR", "exec failed: Command timed out waiting for output", "tools.timeout",
     {"tool": "exec", "noOutput": "waiting for output"}),
    ("tools", "ERROR", "exec failed: Command aborted by signal SIGTERM", "tools.exec_aborted",
     {"tool": "exec", "signal": "SIGTERM"}),
    ("agent/embedded", "WARN", "process kill failed: No active session found for calm-gulf", "tools.exec_session_missing",
     {"execSession": "calm-gulf"}),
    ("agent/embedded", "WARN", "Exec denied (gateway id=8f3c2a10, approval-timeout): docker compose up -d",
     "tools.approval_timeout", {"execHost": "gateway", "approvalId": "8f3c2a10", "command": "docker compose up -d"}),
    ("gateway/channels/telegram", "WARN", "Command did not run: approval timed out.", "tools.approval_timeout", {}),
    ("bundle-mcp", "WARN", 'recycling server "github" after repeated timeouts', "mcp.request_timeout",
     {"action": "recycling", "server": "github"}),
    ("bundle-mcp", "WARN", 'failed to retire timed-out server "github": Error: kill ESRCH', "mcp.request_timeout",
     {"server": "github", "error": "Error: kill ESRCH"}),
    ("bundle-mcp", "WARN", 'recycling server "notion" after an expired HTTP session', "mcp.server_closed",
     {"server": "notion", "reason": "an expired HTTP session"}),
    ("bundle-mcp", "WARN", 'server "notion" closed; next request reconnects', "mcp.server_closed",
     {"server": "notion", "closed": "closed"}),
    ("bundle-mcp", "WARN",
     'failed to start server "github" (npx -y @modelcontextprotocol/server-github): McpError: MCP error -32001: '
     "Request timed out",
     "mcp.server_failed", {"action": "start", "server": "github", "launch": "npx -y @modelcontextprotocol/server-github",
                           "error": "McpError: MCP error -32001: Request timed out"}),
    ("agent/embedded", "ERROR",
     'Error: bundle-mcp server "github" is paused after repeated tool failures; retry after 2026-05-21T10:05:00.000Z',
     "mcp.server_failed", {"server": "github", "retryAfter": "2026-05-21T10:05:00.000Z"}),
    ("openclaw", "ERROR", "Failed to start CLI: GatewayTransportError: gateway timeout after 30000ms", "gateway.timeout",
     {"timeoutMs": 30000}),
    ("agent/embedded", "ERROR", "chat.send failed: Error: gateway request timeout for chat.send", "gateway.timeout",
     {"requestTimeoutMethod": "chat.send"}),
    ("gateway/channels/telegram", "ERROR",
     "handler failed: Error: timeout acquiring session store lock: /home/u/.openclaw/agents/main/sessions/sessions.json.lock",
     "lock.store_timeout", {"storeLockPath": "/home/u/.openclaw/agents/main/sessions/sessions.json.lock"}),
    ("agent/embedded", "WARN",
     f"session transcript repair skipped: invalid session header (agentId=main sessionId={SID})",
     "transcript.repaired", {"stage": "repair skipped", "detail": "invalid session header", "agentId": "main",
                             "sessionId": SID}),
    ("agent/embedded", "DEBUG",
     f"session transcript repaired: dropped 2 malformed entries, rewrote 1 assistant message(s) (agentId=main "
     f"sessionId={SID})",
     "transcript.repaired", {"stage": "repaired", "detail": "dropped 2 malformed entries, rewrote 1 assistant message(s)",
                             "sessionId": SID}),
    ("gateway/channels/whatsapp", "ERROR", "WhatsApp Web connection closed (status 428).", "channel.transport_error",
     {"status": 428}),
    ("gateway/channels/whatsapp", "ERROR",
     "WhatsApp Web connection closed (status 401). Reached max retries (12); exiting so you can relink.",
     "channel.restart_gave_up", {"status": 401, "maxAttempts": 12}),
    ("gateway/channels/whatsapp", "WARN",
     "WhatsApp Web watchdog is recovering a stale connection (status 408). Retry 1/12 in 2s.", "channel.auto_restart",
     {"status": 408, "attempt": 1, "maxAttempts": 12, "restartDelay": 2}),
    ("gateway/channels/whatsapp", "INFO", "web reconnect: scheduling retry", "channel.auto_restart", {}),
    ("gateway/channels/whatsapp", "WARN", "web reconnect: max attempts reached; continuing in degraded mode",
     "channel.restart_gave_up", {"detail": "continuing in degraded mode"}),
    ("cron", "ERROR",
     "Error: No active WhatsApp Web listener (account: default). Start the gateway, then link WhatsApp with: "
     "openclaw channels login --channel whatsapp --account default.",
     "channel.no_listener", {"account": "default"}),
    ("gateway/channels/mattermost", "ERROR", "mattermost connection failed: Error: Unexpected server response: 502",
     "channel.transport_error", {"channel": "mattermost", "error": "Error: Unexpected server response: 502"}),
    ("gateway/channels/mattermost", "INFO", "mattermost reconnecting in 4s", "channel.reconnecting",
     {"channel": "mattermost", "restartDelay": 4}),
    ("gateway/channels/zalo", "ERROR", "[default] Zalo polling error: ZaloApiError: 502 Bad Gateway",
     "channel.transport_error", {"channel": "Zalo", "error": "ZaloApiError: 502 Bad Gateway"}),
    ("gateway/channels/zalo", "ERROR", "[default] Zalo webhook failed: Error: session file locked (timeout 60000ms)",
     "lock.timeout", {"lockTimeoutMs": 60000}),
    ("gateway/channels/zalo", "ERROR", "[default] Zalo webhook failed: Error: 400 Bad Request",
     "channel.inbound_failed", {"event": "webhook", "error": "Error: 400 Bad Request"}),
    # extensions/zalo/src/monitor.webhook.ts (the durable spool's admission) and monitor.ts (the provider's start).
    ("gateway/channels/zalo", "ERROR", "[default] Zalo webhook admission failed: Error: ENOSPC: no space left on device",
     "channel.inbound_failed", {"event": "webhook admission", "error": "Error: ENOSPC: no space left on device"}),
    ("gateway/channels/zalo", "ERROR",
     "[default] Zalo provider startup failed mode=webhook: ZaloApiError: Zalo API error: Unauthorized",
     "channel.exited", {"channel": "zalo", "mode": "webhook"}),
    ("gateway/channels/googlechat", "ERROR",
     "[default] Google Chat webhook failed: GaxiosError: invalid_grant: Invalid JWT Signature.",
     "channel.inbound_failed", {"channel": "googlechat", "event": "webhook",
                                "error": "GaxiosError: invalid_grant: Invalid JWT Signature."}),
    ("gateway/channels/googlechat", "ERROR",
     "[default] Google Chat webhook failed: Error: session file locked (timeout 60000ms)",
     "lock.timeout", {"lockTimeoutMs": 60000}),
    # t48h: Google Chat's webhook refusing an event for a reason of its own config (monitor-webhook.ts, auth.ts)
    ("gateway/channels/googlechat", "INFO",
     "[default] Google Chat webhook auth rejected: missing add-on principal binding",
     "channel.inbound_unauthorized", {"channel": "googlechat",
                                      "reason": "missing add-on principal binding"}),
    ("gateway/channels/googlechat", "INFO",
     "[acct-2] Google Chat webhook auth rejected: unexpected add-on principal: 103438788618831168836",
     "channel.inbound_unauthorized", {"channel": "googlechat", "principal": "103438788618831168836"}),
    ("gateway/channels/googlechat", "INFO",
     "[default] Google Chat webhook auth rejected: Wrong recipient, payload audience != requiredAudience",
     "channel.inbound_unauthorized", {"channel": "googlechat"}),
    # t48h: Mattermost's posted-event handler (extensions/mattermost/src/mattermost/monitor-websocket.ts)
    ("gateway/channels/mattermost", "ERROR",
     "mattermost handler failed: TypeError: Cannot read properties of undefined (reading 'channel_id')",
     "channel.handler_broken", {"channel": "mattermost", "event": "handler"}),
    ("gateway/channels/mattermost", "ERROR", "mattermost handler failed: Error: Mattermost API 500: internal error",
     "channel.inbound_failed", {"channel": "mattermost", "event": "handler",
                                "error": "Error: Mattermost API 500: internal error"}),
    ("gateway/channels/mattermost", "ERROR", "mattermost reaction handler failed: Error: post not found",
     "channel.inbound_failed", {"channel": "mattermost", "event": "reaction handler"}),
    ("msteams", "ERROR", "msteams webhook failed", "channel.inbound_failed", {"channel": "msteams", "event": "webhook"}),
    ("gateway/channels/msteams", "ERROR", "msteams dispatch failed: Error: 429 Too Many Requests",
     "channel.inbound_failed", {"channel": "msteams", "event": "dispatch", "error": "Error: 429 Too Many Requests"}),
    ("gateway/channels/msteams", "ERROR", "msteams debounce flush failed: Error: session file locked (timeout 60000ms)",
     "lock.timeout", {"lockTimeoutMs": 60000}),
    ("gateway/channels/msteams", "ERROR",
     "msteams dispatch failed: TypeError: Cannot read properties of undefined (reading 'conversation')",
     "channel.handler_broken", {"channel": "msteams", "event": "dispatch"}),
    ("msteams", "ERROR", "msteams card.action dispatch failed", "channel.inbound_failed",
     {"channel": "msteams", "event": "card.action"}),
    ("gateway/channels/googlechat", "ERROR",
     "[default] Google Chat final reply failed: Error: Google Chat API 403: The caller does not have permission",
     "channel.transport_error", {"channel": "googlechat", "event": "final reply",
                                 "error": "Error: Google Chat API 403: The caller does not have permission"}),
    ("gateway/channels/googlechat", "ERROR", "Google Chat message send failed: Error: Google Chat API 401: Unauthorized",
     "channel.transport_error", {"channel": "googlechat", "event": "message send"}),
    # t48a: the service-account token refused (google-auth-library's OAuth error; auth.ts's own words).
    ("gateway/channels/googlechat", "ERROR",
     "[default] Google Chat block reply failed: GaxiosError: invalid_grant: Invalid JWT Signature.",
     "channel.transport_error", {"channel": "googlechat", "event": "block reply",
                                 "error": "GaxiosError: invalid_grant: Invalid JWT Signature."}),
    ("gateway/channels/googlechat", "ERROR", "Google Chat message send failed: Error: Missing Google Chat access token",
     "channel.transport_error", {"channel": "googlechat", "event": "message send"}),
    # extensions/msteams/src/monitor.ts: the provider returning before its server starts.
    ("msteams", "ERROR", "msteams credentials not configured", "channel.exited",
     {"channel": "msteams", "error": "credentials not configured"}),
    ("restart", "WARN",
     "restart preparation failed; restart will continue without it: Error: EACCES: permission denied, open "
     "'/home/u/.openclaw/restart-sentinel.json'",
     "restart.continuation_lost", {"stage": "preparation failed"}),
    ("restart", "WARN",
     "restart continuation dropped: another session owns the pending restart (callerSessionKey=unspecified "
     "pendingSessionKey=agent:main:main)",
     "restart.continuation_coalesced", {"stage": "continuation dropped", "callerSessionKey": "unspecified",
                                   "pendingSessionKey": "agent:main:main"}),
    ("plugins", "INFO",
     f"active-memory: agent=main session={KEY} activeProvider=openai activeModel=gpt-5.4 start timeoutMs=15000 "
     "queryChars=42 searchQueryChars=40",
     "memory.recall", {"stage": "start", "recallSession": KEY, "model": "gpt-5.4", "timeoutMs": 15000}),
    ("plugins", "INFO", f"active-memory: agent=main session={KEY} done status=timeout elapsedMs=15012 summaryChars=0",
     "memory.recall", {"stage": "done", "status": "timeout", "elapsedMs": 15012}),
    ("plugins", "WARN", f"active-memory: agent=main session={KEY} failed error=fetch failed; skipping recall",
     "memory.recall", {"stage": "failed", "error": "fetch failed"}),
    ("plugins", "WARN", "active-memory: memory sub-agent failed, skipping recall: Error: 429 rate limited",
     "memory.recall", {"stage": "failed", "error": "Error: 429 rate limited"}),
    ("cron", "WARN", "cron: cleaned up timed-out agent run", "cron.timeout_cleanup", {"stage": "cleaned up"}),
    ("cron", "WARN", "timed-out agent run cleanup failed", "cron.timeout_cleanup", {"stage": "cleanup failed"}),
    ("cron", "WARN",
     "cron: isolated agent setup timed out before runner start; backing off job without gateway restart",
     "cron.setup_timeout", {"action": "backing off job without gateway restart"}),
    ("cron", "WARN", "cron: job run returned error status", "cron.job_error", {"stage": "job run returned error status"}),
    ("cron", "WARN", "cron: job failed: Error: gateway closed (1006)", "cron.job_error",
     {"stage": "job failed", "error": "Error: gateway closed (1006)"}),
    ("cron", "ERROR", "cron: auto-disabled job after consecutive run failures", "cron.job_error",
     {"stage": "auto-disabled job after consecutive run failures"}),
    ("cron", "ERROR", "cron: timer tick failed", "cron.tick_failed", {"stage": "timer tick failed"}),
    ("cron", "ERROR", "cron: immediate capacity recheck failed", "cron.tick_failed",
     {"stage": "immediate capacity recheck failed"}),
    ("cron", "WARN", "cron: session reaper sweep failed", "cron.housekeeping", {"what": "session reaper sweep failed"}),
    ("cron", "WARN", "cron: session reaper preparation failed", "cron.housekeeping",
     {"what": "session reaper preparation failed"}),
    ("cron", "WARN", "cron: failed to compute next run for job (skipping)", "cron.housekeeping",
     {"what": "failed to compute next run for job"}),
    ("cron", "ERROR", "cron: auto-disabled job after repeated schedule errors", "cron.housekeeping",
     {"what": "auto-disabled job after repeated schedule errors"}),
    # cron's failure alert that its channel did not take (src/cron/service/timer.ts; the t50g audit).
    ("cron", "WARN", "cron: failure alert delivery failed", "cron.delivery_failed", {"what": "failure alert"}),
    ("cron", "WARN", "cron: clearing stuck running marker", "cron.stale_running_cleared", {"marker": "stuck"}),
    ("cron", "WARN", "cron: disabling one-shot job after error", "cron.job_error",
     {"stage": "disabling one-shot job after error"}),
    ("cron", "INFO", "cron: applying error backoff", "cron.retry_backoff", {"stage": "applying error backoff"}),
    ("cron", "INFO", "cron: scheduling recurring retry after transient error", "cron.retry_backoff",
     {"stage": "scheduling recurring retry after transient error"}),
    # Fourth audit: the log lines among what users paste from a terminal.
    ("telegram/api", "ERROR", "telegram sendChatAction failed: Network request for 'sendChatAction' failed!",
     "channel.transport_error", {"channel": "telegram", "operation": "sendChatAction"}),
    ("gateway/channels/telegram", "WARN", "getMe attempt 1/3 failed: Network request for 'getMe' failed!",
     "channel.transport_error", {"attempt": 1, "maxAttempts": 3}),
    ("gateway/channels/discord", "ERROR",
     "discord: gateway READY wait timed out after 15000ms; reconnecting with backoff (attempt 2)",
     "channel.polling_stall", {"stalledFor": 15000, "attempt": 2}),
    ("gateway/channels/discord", "ERROR", "discord gateway opened but did not reach READY within 30000ms",
     "channel.polling_stall", {"channel": "discord", "stalledFor": 30000}),
    ("gateway/channels/discord", "WARN", "gateway was not ready after 15000ms; restarting gateway",
     "channel.polling_stall", {"stalledFor": 15000}),
    # t50n: its wording from 2026-03-17 to 2026-04-01 (provider.lifecycle.reconnect.ts).
    ("gateway/channels/discord", "WARN", "discord: gateway was not ready after 15000ms; forcing a fresh reconnect",
     "channel.polling_stall", {"stalledFor": 15000}),
    ("gateway/channels/discord", "ERROR", "discord gateway error: WebSocket was closed before the connection was established",
     "channel.transport_error", {"channel": "discord"}),
    # Fifth audit (gateway and channel side): the Discord lifecycle's stopping errors and its teardown.
    ("gateway/channels/discord", "ERROR", "discord gateway fatal: Error: Gateway HELLO missing heartbeat interval",
     "channel.exited", {"channel": "discord", "stage": "fatal"}),
    ("gateway/channels/discord", "ERROR", "discord gateway fatal: Error: Fatal Gateway error: 4004",
     "channel.terminal_disconnect", {"closeCode": 4004}),
    ("gateway/channels/discord", "INFO",
     "discord: treating reconnect-exhausted during expected shutdown as clean: Error: Max reconnect attempts (50) "
     "reached after code 1006", "channel.stopping", {"stage": "expected shutdown"}),
    ("gateway/channels/discord", "ERROR",
     "discord: suppressed late gateway reconnect-exhausted error during teardown: Error: Max reconnect attempts (50) "
     "reached after code 1006", "channel.stopping", {"stage": "teardown", "eventType": "reconnect-exhausted"}),
    ("discord/gateway", "ERROR", "suppressed late gateway error after dispose: Error: socket hang up",
     "channel.stopping", {"stage": "dispose"}),
    ("gateway/channels/discord", "ERROR",
     "discord: startup restart waiting on a stale gateway socket for 5000ms; forcing terminate before reconnect",
     "channel.transport_error", {"waitedMs": 5000}),
    ("gateway/channels/discord", "INFO", "client initialized as 1484866453525237881 (Zach); awaiting gateway readiness",
     "channel.starting", {"label": "awaiting gateway readiness", "botName": "Zach"}),
    ("gateway/channels/slack", "INFO", "slack socket mode connected", "channel.polling_started", {}),
    ("agent", "WARN", "[agent] run 6fc19138-dd43-478d-92c0-0d312231829e ended with stopReason=error", "embedded.run_end",
     {"runId": "6fc19138-dd43-478d-92c0-0d312231829e", "stopReason": "error"}),
    ("agent/cli", "WARN", "CLI transcript compaction failed for openai/gpt-5.5: Summarization failed: Connection error.",
     "compaction.failed", {"model": "openai/gpt-5.5", "error": "Summarization failed: Connection error."}),
    ("agents/cli-compaction", "WARN", "CLI native harness compaction did not reduce context for openai-codex/gpt-5.5: "
     "codex app-server owns automatic compaction", "compaction.failed",
     {"model": "openai-codex/gpt-5.5", "error": "codex app-server owns automatic compaction"}),
    ("gateway/ws", "INFO", "⇄ res ✗ agent errorCode=UNAVAILABLE errorMessage=Error: CLI native harness compaction failed "
     "for openai-codex/gpt-5.5: codex app-server owns automatic compaction", "compaction.failed",
     {"model": "openai-codex/gpt-5.5"}),
    ("diagnostic", "ERROR", "session file locked (timeout 10000ms): unknown /home/u/.openclaw/agents/main/sessions/"
     "sessions.json.lock", "lock.store_timeout",
     {"lockTimeoutMs": 10000, "storeLockPath": "/home/u/.openclaw/agents/main/sessions/sessions.json.lock"}),
    ("gateway/channels/telegram", "INFO", "[telegram][diag] polling cycle error reason=network error "
     "err=Network request for 'getUpdates' failed!", "channel.transport_error", {"reason": "network error"}),
    ("gateway", "INFO", "provider auth state pre-warmed in 72203ms eventLoopMax=42983.2ms", "auth.warmed",
     {"phase": "pre", "durationMs": 72203, "eventLoopMaxMs": 42983.2}),
    ("gateway", "INFO", "provider auth state re-warmed (auth-profile-failure) in 9755ms eventLoopMax=3686.8ms",
     "auth.warmed", {"phase": "re", "reason": "auth-profile-failure", "durationMs": 9755}),
    ("gateway/channels/signal", "ERROR",
     "debounce flush failed: Error: reply session initialization conflicted for agent:main:signal:direct:+15550001111",
     "session.init_conflict", {"sessionKey": "agent:main:signal:direct:+15550001111"}),
    ("gateway", "WARN", "SIGUSR1 restart ignored (not authorized; enable commands.restart or use gateway tool).",
     "gateway.restart_ignored", {"reason": "not authorized; enable commands.restart or use gateway tool"}),
    ("gateway/channels/discord", "WARN", "typing TTL reached (2m)", "channel.typing_ttl", {"ttl": 2}),
    ("agent/embedded", "WARN", "Removed orphaned user message to prevent consecutive user turns", "transcript.repaired",
     {"stage": "Removed orphaned user message"}),
    # Fifth audit: run, drain and watchdog lines (channel workers and listeners, cron's pre-model watchdogs, the
    # restart drain, context-overflow recovery, the reply pipeline's init conflicts, Codex turn watchdogs, plugin hooks).
    ("gateway/channels/discord", "ERROR",
     "discord inbound worker timed out after 1800 seconds (channelId=1508423882292461630, messageId=1508423900000000001)",
     "channel.handler_timeout",
     {"handler": "inbound worker", "timeoutSeconds": 1800, "channelId": "1508423882292461630"}),
    ("gateway/channels/discord", "ERROR",
     "discord inbound worker failed after timeout: AbortError: This operation was aborted (channelId=1508423882292461630)",
     "channel.handler_timeout",
     {"stage": "failed after timeout", "error": "AbortError: This operation was aborted"}),
    ("gateway/channels/discord", "ERROR",
     "discord inbound worker timeout reply skipped: missing reply target (channelId=1508423882292461630)",
     "channel.handler_timeout", {"stage": "timeout reply skipped"}),
    ("gateway/channels/discord", "ERROR", "discord inbound worker failed: TypeError: Cannot read properties of undefined",
     "channel.inbound_failed", {"channel": "discord", "error": "TypeError: Cannot read properties of undefined"}),
    ("discord/event-queue", "ERROR",
     "[EventQueue] Listener DiscordMessageListener timed out after 30000ms for event MESSAGE_CREATE",
     "channel.listener_timeout", {"listener": "DiscordMessageListener", "timeoutMs": 30000, "event": "MESSAGE_CREATE"}),
    ("discord/monitor", "WARN", "Slow listener detected: discord message handler took 132061ms",
     "channel.slow_listener", {"listener": "discord message handler", "tookMs": 132061}),
    ("cron", "WARN", "cron: isolated agent run stalled before first model call (last phase: context-engine)",
     "cron.setup_timeout", {"watchdog": "stalled before first model call", "phase": "context-engine"}),
    ("cron", "WARN",
     "cron: isolated agent setup timed out before runner start (last phase: runtime-plugins; runtime plugins: "
     "attempted=[memory-core, active-memory]; in-flight=active-memory/register)",
     "cron.setup_timeout", {"watchdog": "setup timed out before runner start", "phase": "runtime-plugins",
                            "runtimePlugins": "attempted=[memory-core, active-memory]; in-flight=active-memory/register"}),
    ("cron", "WARN", "cron: isolated agent run stalled before execution start", "cron.setup_timeout",
     {"watchdog": "stalled before execution start"}),
    ("cron", "WARN", "cron: timed-out agent cleanup failed", "cron.timeout_cleanup", {"stage": "cleanup failed"}),
    ("gateway/admission", "INFO", "admission closed: restart drain", "gateway.admission",
     {"stage": "closed", "reason": "restart drain"}),
    ("gateway/admission", "INFO", "admission reopened: suspend phase", "gateway.admission",
     {"stage": "reopened", "reason": "suspend phase"}),
    ("gateway", "WARN", "still draining 0 active task(s) and 1 active embedded run(s) before restart",
     "gateway.draining", {"stage": "still draining", "tasks": 0, "runs": 1}),
    ("gateway", "INFO", "draining 0 active task(s) and 2 active embedded run(s) before restart with timeout 300000ms",
     "gateway.draining", {"stage": "draining", "runs": 2, "timeoutMs": 300000}),
    ("gateway", "WARN", "restart blocked by active background task run(s): subagent run 7a1c (agent:main:subagent:x)",
     "gateway.draining", {"stage": "restart blocked", "blockers": "subagent run 7a1c (agent:main:subagent:x)"}),
    ("gateway", "WARN", "active embedded run drain timeout reached; aborting active run(s) before restart",
     "gateway.drain_timeout", {"limit": "timeout"}),
    ("gateway", "WARN", "active embedded run drain grace reached; aborting active run(s) before restart",
     "gateway.drain_timeout", {"limit": "grace"}),
    ("gateway", "WARN",
     "gateway root transaction drain timeout reached with 2 root(s) still active; proceeding with restart",
     "gateway.drain_timeout", {"roots": 2}),
    ("gateway", "WARN",
     "cron run drain timed out during restart lifecycle reset after retiring old cron admission; 1 task handle(s) and "
     "1 active marker(s) remain after aborting old cron runs",
     "gateway.drain_timeout", {"cronTasks": 1, "cronMarkers": 1}),
    ("gateway", "ERROR",
     "startup restart request timed out before gateway returned a close handle; exiting for supervisor recovery",
     "gateway.shutdown_timeout", {"stage": "startup restart request"}),
    ("gateway", "WARN", "failed to mark interrupted main sessions for restart recovery: Error: EACCES",
     "restart.recovery", {"error": "Error: EACCES"}),
    ("agent/embedded", "WARN",
     f"[context-overflow-precheck] sessionKey={KEY} provider=anthropic/claude-opus-4-6 route=compact_only "
     "estimatedPromptTokens=212000 promptBudgetBeforeReserve=180000 overflowTokens=32000 toolResultReducibleChars=0 "
     "reserveTokens=20000 sessionFile=/home/u/.openclaw/agents/main/sessions/s.jsonl",
     "compaction.overflow_diag", {"sessionKey": KEY, "route": "compact_only", "overflowTokens": 32000}),
    ("agent/embedded", "INFO",
     "[context-overflow-precheck] early recovery route=compact_only completed for anthropic/claude-opus-4-6; retrying prompt",
     "compaction.overflow_recovery", {"step": "early recovery", "route": "compact_only", "outcome": "completed"}),
    ("agent/embedded", "WARN",
     "[context-overflow-recovery] Attempting tool result truncation for anthropic/claude-opus-4-6 (contextWindow=200000 "
     "tokens)",
     "compaction.overflow_recovery",
     {"step": "Attempting tool result truncation", "model": "anthropic/claude-opus-4-6", "contextWindow": 200000}),
    ("agent/embedded", "WARN", "[context-overflow-recovery] Tool result truncation did not help: no oversized tool results",
     "compaction.overflow_recovery", {"noHelp": "did not help", "reason": "no oversized tool results"}),
    ("agent/embedded", "WARN",
     "[context-overflow-recovery] exhausted provider overflow recovery for anthropic/claude-opus-4-6; "
     "livenessState=blocked suggestedAction=reset_or_new kind=compaction_failure",
     "compaction.overflow_exhausted",
     {"reason": "exhausted provider overflow recovery", "suggestedAction": "reset_or_new",
      "overflowKind": "compaction_failure"}),
    ("agent/embedded", "WARN",
     "[context-overflow-recovery] provider request-size ceiling for openai/gpt-5.4; livenessState=blocked "
     "suggestedAction=reset_or_new kind=context_overflow compaction=skipped retry=skipped",
     "compaction.overflow_exhausted",
     {"reason": "provider request-size ceiling", "model": "openai/gpt-5.4", "compaction": "skipped"}),
    ("diagnostic", "INFO",
     f"message dispatch completed: channel=telegram sessionKey={KEY} source=replyResolver outcome=error "
     f'error="Error: reply session initialization conflicted for {KEY}"',
     "session.init_conflict", {"outcome": "error", "source": "replyResolver"}),
    ("gateway/channels/discord", "DEBUG", "discord: reply session init conflict; retrying dispatch 2 after 1000ms",
     "session.init_conflict", {"attempt": 2, "delayMs": 1000}),
    ("gateway/channels/signal", "DEBUG",
     "signal: reply session init conflict, retrying 3 inbound message(s) in 2000ms (attempt 2/3)",
     "session.init_conflict", {"messages": 3, "delayMs": 2000, "attempt": 2, "maxAttempts": 3}),
    ("gateway/channels/discord", "ERROR",
     "discord: reply session init conflict persisted after shared and channel retries: reply session initialization "
     "conflicted for agent:main:discord:channel:1508423882292461630",
     "session.init_conflict", {"stage": "persisted"}),
    ("agent/embedded", "WARN",
     "codex app-server turn idle timed out waiting for completion threadId=thr_1 turnId=turn_2 idleMs=60012 "
     "timeoutMs=60000 lastActivityReason=item/completed",
     "codex.turn_idle_timeout", {"waitingFor": "completion", "turnId": "turn_2", "idleMs": 60012}),
    ("agent/embedded", "WARN", "codex app-server turn idle timed out waiting for progress", "codex.turn_idle_timeout",
     {"waitingFor": "progress"}),
    ("agent/embedded", "WARN",
     "codex app-server turn released after completed assistant item without terminal event threadId=thr_1",
     "codex.turn_released", {"threadId": "thr_1"}),
    ("agent/embedded", "ERROR", "CodexAppServerStartupError: codex app-server startup timed out", "codex.startup_timeout",
     {}),
    # The remote Codex app-server's connection monitor (extensions/codex/src/app-server/connection-health.ts).
    ("plugins", "WARN", "codex app-server remote WebSocket connection failed: connect ECONNREFUSED 127.0.0.1:4500",
     "codex.remote_unreachable", {"stage": "connection failed", "error": "connect ECONNREFUSED 127.0.0.1:4500"}),
    ("plugins", "WARN", "codex app-server remote WebSocket disconnected; reconnecting", "codex.remote_unreachable",
     {"stage": "disconnected", "next": "reconnecting"}),
    ("plugins", "ERROR", "codex app-server remote WebSocket requires an authentication or version update; not "
     "retrying: Unexpected server response: 401", "codex.remote_unreachable",
     {"stage": "requires an authentication or version update", "next": "not retrying",
      "error": "Unexpected server response: 401"}),
    # The ACP runtime: the acpx backend's start-up check (extensions/acpx/src/service.ts), its repair of a dead named
    # session (extensions/acpx/src/runtime.ts), the task sweep closing ACP sessions (src/tasks/task-registry.maintenance
    # .ts), the session manager's turn deadline (src/acp/control-plane/) and the permission policy's refusal.
    ("plugins", "WARN",
     "embedded acpx runtime backend check failed: embedded ACP runtime probe failed (agent=codex; command=npx "
     "@zed-industries/codex-acp@^0.11.1; ACP agent exited before initialize completed (exit=3221225781, signal=null))",
     "acp.backend_unavailable", {"stage": "check"}),
    ("plugins", "WARN",
     'embedded acpx runtime backend probe failed: probe failed ({"code":"ACP_CLOSED","agent":"codex"}; stdin closed)',
     "acp.backend_unavailable", {"stage": "probe", "error": 'probe failed ({"code":"ACP_CLOSED","agent":"codex"}; '
                                                           "stdin closed)"}),
    ("plugins", "WARN", "embedded acpx runtime setup failed: embedded acpx runtime backend startup check timed out "
     "after 120s", "acp.backend_unavailable", {"stage": "setup", "reason": "timed out", "timeoutSeconds": 120}),
    ("plugins", "WARN", "acpx ensureSession replacing dead named session: session=agent:codex:acp:7 cwd=/srv/work "
     "status=dead summary=queue owner unavailable", "acp.session_repair",
     {"action": "replacing dead named session", "status": "dead"}),
    ("plugins", "WARN", "acpx ensureSession dead-session resume repair failed; retrying with fresh session owner: "
     "session=agent:codex:acp:7 cwd=/srv/work resumeSessionId=019a error=ACP session init failed",
     "acp.session_repair", {"action": "dead-session resume repair failed"}),
    ("tasks/task-registry-maintenance", "WARN",
     "Failed to close orphaned parent-owned ACP session during task maintenance", "acp.maintenance_close_failed",
     {"action": "close", "which": "orphaned parent-owned"}),
    ("tasks/task-registry-maintenance", "WARN", "Failed to close terminal ACP session during task maintenance",
     "acp.maintenance_close_failed", {"action": "close", "which": "terminal"}),
    # t50f: the same sweep's unbind after a terminal close, and its listing of ACP sessions, failing
    ("tasks/task-registry-maintenance", "WARN", "Failed to unbind terminal ACP session during task maintenance",
     "acp.maintenance_close_failed", {"action": "unbind", "which": "terminal"}),
    ("tasks/task-registry-maintenance", "WARN", "Failed to list ACP sessions during task maintenance",
     "acp.maintenance_close_failed", {"action": "list"}),
    ("agent", "ERROR", "sessions_spawn failed: AcpRuntimeError: ACP turn timed out after 600s.", "acp.turn_timeout",
     {"reason": "timed out", "timeoutSeconds": 600}),
    ("agent", "ERROR", "AcpRuntimeError: Permission prompt unavailable in non-interactive mode",
     "acp.permission_unavailable", {"reason": "unavailable"}),
    # t50d: the ACP turn's other failures (src/acp/control-plane/manager.turn-runner.ts, extensions/acpx/src/
    # startup-deadline.ts), the acpx runtime's abort-cancel and its CLI-era setup check (extensions/acpx/src/runtime.ts,
    # service.ts), the spawn relay's notices (src/agents/acp-spawn-parent-stream.ts).
    ("agents/acp-spawn", "ERROR", "sessions_spawn failed: AcpRuntimeError: ACP turn failed before completion.",
     "acp.turn_failed", {"reason": "failed before completion"}),
    ("agents/acp-spawn", "ERROR", "AcpRuntimeError: Could not initialize ACP session runtime.", "acp.turn_failed",
     {"reason": "Could not initialize"}),
    ("agents/acp-spawn", "ERROR", 'AcpRuntimeError: ACP agent "codex" (codex exec) did not complete ACP startup within '
     "2.5s and was stopped. Check that the configured command starts an ACP server; one-shot runners such as `codex "
     "exec` are not ACP servers.", "acp.turn_failed",
     {"agent": "codex", "reason": "did not complete ACP startup", "timeoutSeconds": 2}),
    ("gateway/ws", "ERROR", "agent errorCode=UNAVAILABLE errorMessage=AcpRuntimeError: Internal error "
     "code=ACP_TURN_FAILED", "acp.turn_failed", {"code": "ACP_TURN_FAILED"}),
    ("plugins", "WARN", "acpx runtime abort-cancel failed: AcpRuntimeError: acpx exited with code 1",
     "acp.cancel_failed", {"error": "AcpRuntimeError: acpx exited with code 1"}),
    ("plugins", "WARN", "acpx runtime setup failed: acpx command not found: acpx", "acp.backend_unavailable",
     {"stage": "setup", "error": "acpx command not found: acpx"}),
    ("plugins", "WARN", "acpx runtime backend probe failed after local install", "acp.backend_unavailable",
     {"stage": "probe"}),
    ("agents/acp-spawn", "WARN", "codex has produced no output for 60s. It may be waiting for interactive input.",
     "acp.child_silent", {"reason": "has produced no output", "noOutputSeconds": 60}),
    ("agents/acp-spawn", "WARN", "codex stream relay timed out after 21600s without completion.", "acp.child_silent",
     {"reason": "timed out", "timeoutSeconds": 21600}),
    # The agent heartbeat runner (src/infra/heartbeat-runner.ts, gateway/heartbeat).
    ("gateway/heartbeat", "ERROR", "heartbeat failed: Error: Request timed out after 600000ms", "heartbeat.run_failed",
     {"error": "Error: Request timed out after 600000ms"}),
    ("gateway/heartbeat", "ERROR", "heartbeat runner: runOnce threw unexpectedly: Error: compaction in progress",
     "heartbeat.run_failed", {"error": "Error: compaction in progress"}),
    ("gateway/heartbeat", "ERROR", "heartbeat runner: targeted runOnce threw unexpectedly: boom", "heartbeat.run_failed",
     {"scope": "targeted", "error": "boom"}),
    ("gateway/heartbeat", "WARN", "heartbeat: flood guard tripped, deferring wake", "heartbeat.flood_deferred", {}),
    ("gateway/heartbeat", "WARN", "heartbeat: HEARTBEAT_OK delivery failed: Error: 403 Forbidden",
     "heartbeat.delivery_failed", {"what": "HEARTBEAT_OK", "error": "Error: 403 Forbidden"}),
    ("gateway/heartbeat", "WARN", "heartbeat: terminal tool failure alert delivery failed", "heartbeat.delivery_failed",
     {"what": "terminal tool failure alert"}),
    ("gateway/heartbeat", "WARN", "heartbeat: failed to archive stale isolated session transcript",
     "heartbeat.housekeeping", {"what": "failed to archive stale isolated session transcript"}),
    ("gateway/heartbeat", "WARN", "heartbeat: scheduled delay exceeds Node setTimeout cap; clamping to ~24.85d",
     "heartbeat.housekeeping", {"what": "scheduled delay exceeds Node setTimeout cap"}),
    # The auto-reply queue (t50j): the followup drain (src/auto-reply/reply/queue/drain.ts, drain-retry.ts) and the
    # inbound debouncer's errors (src/auto-reply/inbound-debounce.ts) as the channels' onError logs them.
    ("gateway", "ERROR", "followup queue drain failed for agent:main:telegram:direct:42::route:telegram|42: Error: boom",
     "followup.drain_failed", {"sessionKey": "agent:main:telegram:direct:42::route:telegram|42", "error": "Error: boom"}),
    ("gateway", "ERROR", "followup queue suspended for agent:main:telegram:direct:42 after 7 consecutive drain "
     "failures; queued work retained and automatic retries stopped; use /queue reset after resolving the failure "
     "(messageId=981 channel=telegram promptChars=57; messageId=982 channel=telegram promptChars=12): Error: boom",
     "followup.queue_suspended", {"sessionKey": "agent:main:telegram:direct:42", "failures": 7, "error": "Error: boom",
                                  "items": "messageId=981 channel=telegram promptChars=57; messageId=982 "
                                           "channel=telegram promptChars=12"}),
    ("gateway", "ERROR", "followup queue omitted 1 route-isolated overflow summary after reaching the summary context "
     "cap", "followup.summary_dropped", {"dropped": 1}),
    ("gateway/channels/slack", "ERROR", "slack inbound debounce flush failed: Error: inbound debounce buffer overflow",
     "channel.inbound_failed", {"channel": "slack", "event": "debounce flush",
                                "error": "Error: inbound debounce buffer overflow"}),
    ("gateway/channels/discord", "ERROR", "discord debounce flush failed: Error: boom", "channel.inbound_failed",
     {"channel": "discord", "event": "debounce flush", "error": "Error: boom"}),
    ("gateway/channels/telegram", "ERROR", "telegram debounce flush failed: Error: inbound debounce flush retries "
     "exceeded", "channel.inbound_failed", {"channel": "telegram", "event": "debounce flush"}),
    # (q64) past the debouncer's 1000 senders the message is flushed at once, not lost: no fault.
    ("gateway/channels/slack", "ERROR", "slack inbound debounce flush failed: Error: inbound debounce key capacity "
     "exceeded", "channel.debounce_bypassed", {"channel": "slack"}),
    ("gateway/channels/msteams", "ERROR", "msteams debounce flush failed: Error: inbound debounce key capacity exceeded",
     "channel.debounce_bypassed", {"channel": "msteams"}),
    # The gateway's HTTP surfaces (t50h): the OpenAI-compatible endpoints, /tools/invoke, the webhook ingress and the
    # Gmail watcher that feeds it.
    ("gateway", "WARN", "openai-compat: chat completion failed: Error: agent run aborted",
     "http_api.request_failed", {"surface": "openai-compat", "what": "chat completion failed"}),
    ("gateway", "WARN", "openresponses: streaming response failed: Error: boom", "http_api.request_failed",
     {"surface": "openresponses", "what": "streaming response failed", "error": "Error: boom"}),
    ("gateway", "WARN", "tools-invoke: tool execution failed: Error: boom", "http_api.request_failed",
     {"surface": "tools-invoke", "error": "Error: boom"}),
    ("gateway", "WARN", "openai-compat: invalid image_url content: Error: Too many image_url parts (9; limit 8)",
     "http_api.bad_request", {"surface": "openai-compat", "what": "invalid image_url content"}),
    ("gateway/hooks", "WARN", "hook mapping failed: Error: transform threw", "hooks.dispatch_failed",
     {"what": "hook mapping failed", "error": "Error: transform threw"}),
    ("gateway/hooks", "WARN", "hook wake failed", "hooks.dispatch_failed", {"what": "hook wake failed"}),
    ("gateway/hooks", "WARN", "hook terminal event not delivered", "hooks.dispatch_failed",
     {"what": "hook terminal event not delivered"}),
    ("gateway/hooks", "WARN", "hook agent run completed runId=r9 status=ok deliveryError=channel unavailable",
     "hooks.run_failed", {"status": "ok", "deliveryError": "channel unavailable"}),
    ("gateway/hooks", "INFO", "hook agent run completed runId=r9 status=ok model=openai/gpt-5", "hooks.run_completed",
     {"runId": "r9", "status": "ok"}),
    # (h51) the builds before it: src/gateway/server/hooks.ts formatHookRunWarningConsoleMessage, the summary last
    ("gateway/hooks", "WARN", "hook agent run returned non-ok status status=error model=anthropic/claude-haiku-3.5 "
     "summary=payload.model rejected by agents.defaults.models allowlist: not in [moonshot/kimi-k3]", "hooks.run_failed",
     {"status": "error", "model": "anthropic/claude-haiku-3.5",
      "summary": "payload.model rejected by agents.defaults.models allowlist: not in [moonshot/kimi-k3]"}),
    ("gateway/hooks", "WARN", "hook agent run returned non-ok status status=skipped", "hooks.run_failed",
     {"status": "skipped"}),
    ("gmail-watcher", "ERROR", "watch start failed: Error 403: insufficient permission", "gmail.watcher_failed",
     {"what": "watch start failed", "error": "Error 403: insufficient permission"}),
    ("gmail-watcher", "WARN", "gog serve failed to bind (address already in use); stopping restarts. Another watcher "
     "is likely running. Set OPENCLAW_SKIP_GMAIL_WATCHER=1 or stop the other process.", "gmail.watcher_failed",
     {"what": "gog serve failed to bind", "action": "stopping restarts"}),
    ("gmail-watcher", "WARN", "gog serve failed to bind (address already in use); retry 2/5 in 4s",
     "gmail.watcher_restart", {"attempt": 2, "maxAttempts": 5}),
    ("gmail-watcher", "ERROR", "gog process error: Error: spawn gog ENOENT", "gmail.watcher_failed",
     {"what": "gog process error"}),
    # Inbound media understanding (t50i): src/media-understanding/runner.ts's logWarn of a failed decision, the reason
    # cut at its first colon by runner.entries.ts (formatDecisionSummary).
    ("media-understanding", "WARN", "audio: failed (0/1) reason=MediaFetchError", "media.understanding_failed",
     {"capability": "audio", "outcome": "failed", "succeeded": 0, "attachments": 1, "reason": "MediaFetchError"}),
    ("media-understanding", "WARN", "audio: failed (0/1) via cli/whisper-cli reason=Command failed",
     "media.understanding_failed", {"provider": "cli", "model": "whisper-cli", "reason": "Command failed"}),
    ("media-understanding", "WARN", "video: failed (0/1) via google reason=AbortError", "media.understanding_failed",
     {"capability": "video", "provider": "google", "reason": "AbortError"}),
    # (t53a) the voice-call plugin, extensions/voice-call/src (console lines under its "[voice-call]" tag).
    ("voice-call", "ERROR", "Failed to connect realtime bridge: Error: Realtime connection timeout", "voice.call_failed",
     {"what": "Failed to connect realtime bridge", "error": "Error: Realtime connection timeout"}),
    ("voice-call", "WARN", "Failed to speak initial message: TTS conversion failed: elevenlabs: request timed out",
     "voice.call_failed", {"what": "Failed to speak initial message"}),
    ("voice-call", "WARN", "Failed to speak AI response for 4c1f: TTS conversion failed: openai: request timed out",
     "voice.call_failed", {"what": "Failed to speak AI response", "callId": "4c1f"}),
    ("voice-call", "WARN", "Failed to end realtime call callId=4c1f providerCallId=CA9 reason=timeout: Call not found; "
     "call remains active", "voice.call_failed",
     {"what": "Failed to end realtime call", "callId": "4c1f", "endReason": "timeout"}),
    ("voice-call", "ERROR", "Realtime error: Connection closed", "voice.call_failed",
     {"what": "Realtime error", "error": "Connection closed"}),
    ("voice-call", "ERROR", "Response generation error: Response generation was aborted", "voice.response_failed",
     {"what": "Response generation error", "error": "Response generation was aborted"}),
    ("voice-call", "ERROR", "Streaming response generation failed: Error: socket hang up", "voice.response_failed",
     {"what": "Streaming response generation failed"}),
    ("voice-call", "ERROR", "Failed to start runtime: Error: listen EADDRINUSE: address already in use 0.0.0.0:3334",
     "plugin.service_failed", {"service": "voice-call", "plugin": "voice-call"}),
    ("MediaStream", "WARN", "STT connection failed; closing media stream: Realtime STT connection timeout",
     "voice.call_failed", {"what": "STT connection failed", "error": "Realtime STT connection timeout"}),
    ("MediaStream", "WARN", "STT connection failed (TTS still works): Unexpected server response: 401",
     "voice.call_failed", {"what": "STT connection failed", "error": "Unexpected server response: 401"}),
    ("voice-call", "WARN", "Webhook verification failed: Missing X-Twilio-Signature header", "voice.call_failed",
     {"what": "Webhook verification failed", "error": "Missing X-Twilio-Signature header"}),
    ("plugins", "ERROR", "[voice-call] Failed to start runtime: Error: Twilio credentials missing",
     "plugin.service_failed", {"service": "voice-call", "error": "Error: Twilio credentials missing"}),
    # (t53a) realtime voice's consult of the agent (src/realtime-voice/agent-consult-runtime.ts; "[talk]" since talk
    # mode took it over), its run's empty answer.
    ("talk", "WARN", "agent consult produced no answer: agent run aborted", "voice.response_failed",
     {"what": "agent consult produced no answer", "error": "agent run aborted"}),
    ("plugins", "WARN", "[realtime-voice] agent consult produced no answer: agent returned no speakable text",
     "voice.response_failed", {"error": "agent returned no speakable text"}),
    # memory-core's dreaming narrative subagent (extensions/memory-core/src/dreaming-narrative.ts).
    ("plugins", "WARN", "memory-core: narrative generation ended with status=timeout for light phase.",
     "memory.narrative_failed", {"status": "timeout", "phase": "light"}),
    ("plugins", "WARN", "memory-core: narrative generation failed for rem phase: Error: gateway timeout after 60000ms",
     "memory.narrative_failed", {"status": "failed", "phase": "rem", "error": "Error: gateway timeout after 60000ms"}),
    # memory-core's index sync, search and embeddings, qmd, and the auto-recall hooks (the t50b source audit).
    ("memory", "WARN", "memory sync failed (search-bootstrap): No API key found for provider \"openai\"",
     "memory.sync_failed", {"reason": "search-bootstrap", "error": "No API key found for provider \"openai\""}),
    ("memory", "WARN", "memory sync failed (watch): Error: memory embeddings batch timed out after 120s",
     "memory.sync_failed", {"reason": "watch", "error": "Error: memory embeddings batch timed out after 120s"}),
    ("memory", "WARN", "qmd boot update failed: Error: qmd update timed out after 120000ms", "memory.sync_failed",
     {"backend": "qmd", "reason": "boot update", "error": "Error: qmd update timed out after 120000ms"}),
    ("memory", "WARN", "qmd update failed (Error: qmd embed exited with code 1)", "memory.sync_failed",
     {"backend": "qmd", "reason": "update", "error": "Error: qmd embed exited with code 1"}),
    ("gateway", "WARN", "qmd memory startup initialization failed: Error: spawn qmd ENOENT", "memory.sync_failed",
     {"backend": "qmd", "reason": "memory startup initialization", "error": "Error: spawn qmd ENOENT"}),
    ("memory", "WARN", "qmd query failed: Error: qmd query notes --json -n 6 -c memory-root-main timed out after 4000ms",
     "memory.search_failed",
     {"backend": "qmd", "error": "Error: qmd query notes --json -n 6 -c memory-root-main timed out after 4000ms"}),
    ("plugins", "WARN", "memory-core: autoRecall failed: memory embeddings query timed out after 60s",
     "memory.search_failed", {"plugin": "memory-core", "error": "memory embeddings query timed out after 60s"}),
    ("plugins", "WARN", "memory-lancedb: recall failed: Error: 400 the input length exceeds the context length",
     "memory.search_failed",
     {"plugin": "memory-lancedb", "error": "Error: 400 the input length exceeds the context length"}),
    ("memory", "WARN", "qmd memory failed; switching to builtin index: qmd query notes --json timed out after 4000ms",
     "memory.search_fallback", {"backend": "qmd", "error": "qmd query notes --json timed out after 4000ms"}),
    ("memory", "WARN", "qmd memory unavailable; falling back to builtin: spawn qmd ENOENT", "memory.search_fallback",
     {"backend": "qmd", "error": "spawn qmd ENOENT"}),
    ("memory", "WARN", "memory embeddings retryable error; retrying in 1210ms", "memory.embedding_retry",
     {"action": "retrying", "delayMs": 1210}),
    ("agent/embedded", "WARN", "FailoverError: CLI exceeded timeout (900s) and was terminated.",
     "cli.watchdog_timeout", {"timeoutSeconds": 900}),
    ("plugins", "WARN",
     "[hooks] before_prompt_build handler from hindsight-openclaw failed: timed out after 15000ms",
     "plugin.hook_failed", {"hook": "before_prompt_build", "plugin": "hindsight-openclaw", "timeoutMs": 15000}),
    ("plugins", "ERROR", "[hooks] before_dispatch handler from inbox-guard failed: Error: ECONNREFUSED 127.0.0.1:7070",
     "plugin.hook_failed", {"hook": "before_dispatch", "error": "Error: ECONNREFUSED 127.0.0.1:7070"}),
    ("gateway/channels/openclaw-weixin", "ERROR",
     "waitForWeixinRuntime() failed: Error: Weixin runtime initialization timeout after 10000ms", "channel.exited",
     {"channel": "weixin", "error": "Error: Weixin runtime initialization timeout after 10000ms"}),
    ("gateway/channels/qqbot", "ERROR", "Connection failed: Network error [/gateway]: fetch failed",
     "channel.transport_error", {"channel": "qqbot", "error": "Network error [/gateway]: fetch failed"}),
    # QQ Bot's reconnect state machine (extensions/qqbot/src/engine/gateway/reconnect.ts)
    ("gateway/channels/qqbot", "ERROR", "Too many quick disconnects. This may indicate a permission issue.",
     "channel.reconnecting", {"channel": "qqbot", "quickDisconnectLoop": "Too many quick disconnects"}),
    ("qqbot", "ERROR", "[qqbot:default] Too many quick disconnects. This may indicate a permission issue.",
     "channel.reconnecting", {"channel": "qqbot"}),
    ("gateway/channels/qqbot", "ERROR", "Bot is offline/sandbox-only. Please contact QQ platform.",
     "channel.terminal_disconnect", {"channel": "qqbot", "detail": "offline/sandbox-only"}),
    ("qqbot", "ERROR", "[qqbot:bot2] Bot is banned. Please contact QQ platform.", "channel.terminal_disconnect",
     {"channel": "qqbot", "detail": "banned"}),
    ("gateway/channels/qqbot", "INFO", "Invalid token (4004), will refresh token and reconnect", "channel.reconnecting",
     {"channel": "qqbot", "reason": "Invalid token", "closeCode": 4004}),
    ("gateway/channels/qqbot", "INFO", "Rate limited (4008), waiting 60000ms", "channel.reconnecting",
     {"channel": "qqbot", "closeCode": 4008}),
    ("gateway/channels/qqbot", "INFO", "Error 4009 (session timed out), will re-identify", "channel.reconnecting",
     {"channel": "qqbot", "closeCode": 4009, "reason": "session timed out"}),
    ("gateway/channels/qqbot", "INFO", "Internal error (4900), will re-identify", "channel.reconnecting",
     {"channel": "qqbot", "reason": "Internal error", "closeCode": 4900}),
    ("openclaw", "WARN", "Non-fatal unhandled rejection (continuing): Error: [DingTalk][__default__] Failed to connect "
     "to DingTalk Stream: connect ETIMEDOUT 10.0.0.1:443", "channel.transport_error",
     {"channel": "DingTalk", "account": "__default__"}),
    # A channel's inbound handler throwing on a fault of its code (channel plugins' dispatch catch; QQ Bot's engine).
    ("channels/feishu", "ERROR",
     "feishu[default]: failed to dispatch message: Error: runChannelInboundEvent prepared turns must declare "
     "runDispatchLifecycle when creating runDispatch", "channel.handler_broken", {"channel": "feishu", "account": "default"}),
    ("gateway/channels/dingtalk", "ERROR",
     "dingtalk[work]: failed to dispatch message: TypeError: runtime.channel.reply.dispatch is not a function",
     "channel.handler_broken", {"channel": "dingtalk", "account": "work"}),
    ("gateway/channels/telegram", "INFO", "[telegram][diag] spooled update 68913266 handler failed; keeping for retry: "
     "Bot not initialized! Either call `await bot.init()`, or directly set the `botInfo` option",
     "channel.handler_broken", {"updateId": "68913266"}),
    ("gateway/channels/telegram", "INFO", "[telegram][diag] webhook spooled update 7 failed; keeping for retry attempt 2/8: "
     "Error in middleware: Cannot find module '/opt/openclaw/dist/commands-status-BZrHyBJ5.js'",
     "channel.handler_broken", {"attempt": 2, "maxAttempts": 8}),
    # The DingTalk plugin's Stream connection manager (soimy/openclaw-channel-dingtalk, src/connection-manager.ts).
    ("gateway/channels/dingtalk", "ERROR", "[default] Max connection attempts (10) reached. Giving up.",
     "channel.restart_gave_up", {"maxAttempts": 10}),
    ("gateway/channels/dingtalk", "ERROR", "[default] Max runtime reconnect cycles (10) reached. Giving up. Please "
     "check network connectivity or restart the gateway.", "channel.restart_gave_up", {"maxAttempts": 10}),
    # The WeCom plugin's monitor stopping an account's WebSocket for good (WecomTeam/wecom-openclaw-plugin src/monitor.ts).
    ("gateway/channels/wecom", "ERROR", "[default] Kicked by server: a new connection was established elsewhere. "
     "Auto-restart is suppressed to avoid mutual kicking. Please check for duplicate instances.",
     "channel.terminal_disconnect", {"channel": "wecom",
                                     "detail": "Kicked by server: a new connection was established elsewhere"}),
    ("gateway/channels/wecom", "ERROR", "[ops-bot] Auth failure attempts exhausted (5 attempts). Please check "
     "botId/secret configuration.", "channel.terminal_disconnect",
     {"channel": "wecom", "attempts": 5}),
    ("gateway/channels/dingtalk-connector", "ERROR", "[DingTalk] SDK dispatch 失败: Cannot read properties of undefined "
     "(reading 'registry')", "channel.handler_broken", {"channel": "dingtalk"}),
    ("gateway/channels/qqbot", "ERROR", "Message processing failed: Cannot read properties of undefined (reading 'run')",
     "channel.handler_broken", {"error": "Cannot read properties of undefined (reading 'run')"}),
    ("gateway/channels/feishu", "ERROR", "feishu[claudebot]: error handling message: TypeError: (0 , "
     "plugin_sdk_1.resolveSenderCommandAuthorization) is not a function", "channel.handler_broken",
     {"channel": "feishu", "account": "claudebot"}),
    ("gateway/channels/feishu", "ERROR", "feishu[default]: error handling message: Error: request failed",
     "channel.inbound_failed", {"channel": "feishu", "event": "message"}),
    ("plugins", "ERROR", "channel already registered: feishu (openclaw-lark)", "channel.exited",
     {"channel": "feishu", "plugin": "openclaw-lark"}),
    # Channel connection audit: the channel manager, Telegram, Discord and WhatsApp.
    ("gateway/channels/telegram", "WARN", "[default] channel stop exceeded 5000ms after abort; continuing shutdown",
     "channel.stop_timeout", {"stopTimeoutMs": 5000}),
    ("gateway/channels/telegram", "WARN", "[default] stopAccount exceeded 5000ms; continuing stop",
     "channel.stop_timeout", {"stopTimeoutMs": 5000, "stage": "stopAccount"}),
    ("gateway/channels/telegram", "INFO", "[default] restarting after timed-out channel stop completed",
     "channel.auto_restart", {"reason": "timed-out channel stop"}),
    ("gateway/channels/slack", "ERROR", "[work] channel exited without an error",
     "channel.exited", {"error": "without an error"}),
    ("gateway/channels/whatsapp", "INFO", "[default] auto-restart skipped, terminal disconnect",
     "channel.terminal_disconnect", {}),
    ("gateway/channels/whatsapp", "ERROR",
     "WhatsApp session logged out. Run `openclaw channels login --channel whatsapp` to relink.",
     "channel.terminal_disconnect", {"channel": "whatsapp"}),
    ("gateway/channels/whatsapp", "ERROR",
     "WhatsApp Web connection closed (status 440: session conflict). Resolve conflicting WhatsApp Web sessions, then "
     "relink with `openclaw channels login --channel whatsapp`. Stopping web monitoring.",
     "channel.terminal_disconnect", {"channel": "whatsapp", "status": 440}),
    ("gateway/channels/discord", "ERROR",
     "discord: gateway closed with code 4014 (missing privileged gateway intents). Enable the required intents in the "
     "Discord Developer Portal or disable them in config.",
     "channel.terminal_disconnect", {"closeCode": 4014}),
    ("gateway/channels/discord", "ERROR", "discord: reconnect watchdog timeout after 300000ms; force-stopping monitor task",
     "channel.polling_stall", {"timeoutMs": 300000}),
    ("gateway/channels/discord", "ERROR",
     "discord: gateway socket did not close within 5000ms before reconnect; attempting forced terminate before giving "
     "up", "channel.transport_error", {"waitedMs": 5000}),
    ("gateway/channels/discord", "ERROR",
     "discord: gateway socket did not expose a working terminate() after 5000ms; force-stopping instead of opening a "
     "parallel socket", "channel.transport_error", {"waitedMs": 5000}),
    ("gateway/channels/telegram", "INFO",
     "Telegram getUpdates conflict: Call to 'getUpdates' failed! (409: Conflict: terminated by other getUpdates "
     "request; make sure that only one bot instance is running); Another OpenClaw gateway, script, or Telegram poller "
     "may be using this bot token; stop the duplicate poller or switch this account to webhook mode. retrying in 2.1s.",
     "channel.transport_error",
     {"channel": "telegram", "reason": "getUpdates conflict", "restartDelay": 2.1,
      "error": "Call to 'getUpdates' failed! (409: Conflict: terminated by other getUpdates request; make sure that "
               "only one bot instance is running)"}),
    # t50n: the first wording (src/telegram/monitor.ts, 2026-01-08 to 2026-01-26) printed no error.
    ("gateway/channels/telegram", "INFO", "Telegram getUpdates conflict; retrying in 2.34s.",
     "channel.transport_error", {"channel": "telegram", "reason": "getUpdates conflict", "restartDelay": 2.34}),
    ("gateway/channels/telegram", "INFO", "Telegram network error: TypeError: fetch failed; retrying in 2.31s.",
     "channel.transport_error", {"channel": "telegram", "reason": "network error", "error": "TypeError: fetch failed"}),
    ("gateway/channels/telegram", "INFO",
     "Telegram webhook cleanup failed: HttpError: Network request for 'deleteWebhook' failed!; retrying in 4.5s.",
     "channel.transport_error", {"reason": "webhook cleanup failed"}),
    # The isolated polling ingress of newer builds (extensions/telegram/src/polling-session.ts, the channel's log).
    ("gateway/channels/telegram", "INFO", "Telegram bot init failed: HttpError: Network request for 'getMe' failed!; "
     "retrying in 2.04s.", "channel.transport_error",
     {"channel": "telegram", "reason": "bot init failed", "restartDelay": 2.04}),
    ("gateway/channels/telegram", "INFO", "[telegram][diag] polling cycle started inFlight=0 outcome=not-started",
     "channel.polling_started", {"inFlight": 0}),
    ("gateway/channels/telegram", "INFO", "Telegram isolated polling ingress failed; restarting in 3.6s.",
     "channel.transport_error",
     {"channel": "telegram", "reason": "isolated polling ingress failed", "restartDelay": 3.6}),
    ("gateway/channels/telegram", "INFO", "Telegram isolated polling ingress stopped; restarting in 2.1s.",
     "channel.polling_restart", {"reason": "stopped", "restartDelay": 2.1}),
    ("gateway/channels/telegram", "INFO",
     "[telegram] Isolated polling ingress stop timed out after 15s; forcing restart cycle.",
     "channel.polling_restart", {"stopTimeout": 15}),
    ("gateway/channels/telegram", "INFO",
     "[telegram] Telegram isolated polling spool handler timed out behind update 812345678 on lane 7012345678 after "
     "5m 0s; marking the update failed, aborting active reply work, and restarting isolated ingress so later updates "
     "can drain.", "channel.ingress_stalled",
     {"eventId": "812345678", "lane": "7012345678", "age": "5m 0s"}),
    ("telegram/network", "WARN",
     "telegram transport attempt marked temporarily unhealthy for 10000ms (codes=UND_ERR_CONNECT_TIMEOUT)",
     "channel.transport_error", {"cooldownMs": 10000, "codes": "UND_ERR_CONNECT_TIMEOUT"}),
    ("telegram/network", "WARN",
     "fetch fallback: DNS-resolved IP unreachable; trying alternative Telegram API IP (codes=ETIMEDOUT)",
     "channel.transport_error", {"channel": "telegram", "codes": "ETIMEDOUT"}),
    # Slack socket mode's start retry and its SDK's socket errors; IRC; Nostr relays.
    ("gateway/channels/slack", "ERROR",
     "slack socket mode failed to start; retry 2/∞ in 4s reason=\"Slack Socket Mode start failed after disconnect "
     "without error detail; last SDK log: socket-mode:socket-mode WebSocket error! SMWebsocketError\"",
     "channel.auto_restart", {"attempt": 2, "maxAttempts": "∞", "restartDelay": 4}),
    ("gateway/channels/slack", "ERROR",
     "socket-mode:socket-mode WebSocket error! SMWebsocketError: Failed to send message on websocket: WebSocket is "
     "not open", "channel.transport_error", {"channel": "slack", "sdkComponent": "socket-mode"}),
    ("gateway/channels/irc", "WARN", "[default] IRC connection closed; reconnecting in 1000ms",
     "channel.reconnecting", {"channel": "irc", "restartDelay": 1000}),
    ("gateway/channels/irc", "ERROR", "[default] IRC reconnect failed: connect ECONNREFUSED 127.0.0.1:6697",
     "channel.transport_error", {"channel": "irc", "error": "connect ECONNREFUSED 127.0.0.1:6697"}),
    ("gateway/channels/nostr", "ERROR",
     "[default] Nostr error (subscription): Subscription closed: relay connection closed",
     "channel.transport_error", {"channel": "nostr", "stage": "subscription"}),
    ("gateway/channels/nostr", "ERROR", "[default] Nostr error (connect wss://relay.damus.io): connection timed out",
     "channel.transport_error", {"channel": "nostr", "stage": "connect", "relay": "wss://relay.damus.io"}),
    # extensions/nostr/src/nostr-bus.ts (sendEncryptedDm's give-up, its circuit breaker, its durable intake) through
    # gateway.ts's logger.
    ("gateway/channels/nostr", "ERROR",
     "[default] Nostr final reply failed: Error: Failed to publish to any relay: connection failure: timed out",
     "channel.transport_error", {"channel": "nostr", "event": "final reply",
                                 "detail": "Failed to publish to any relay", "error": "connection failure: timed out"}),
    ("gateway/channels/nostr", "ERROR",
     "[default] nostr pairing reply failed for 3bf0c63fcb93463407af97a5e5ee64fa: Error: Failed to publish to any "
     "relay: timeout", "channel.transport_error", {"channel": "nostr", "event": "pairing reply"}),
    ("gateway/channels/nostr", "WARN", "[default] Circuit breaker opened for relay: wss://nos.lol",
     "channel.relay_set_aside", {"channel": "nostr", "relay": "wss://nos.lol"}),
    # The u47 census of the dev field corpus: the agent's tool wrapper (src/agents/pi-tool-definition-adapter.ts) on a
    # file tool's own refusal and the browser's SSRF policy; Telegram's command menu trimmed at start-up
    # (extensions/telegram/src/bot-native-commands.ts); the start-up model prewarm (src/gateway/server-startup.ts); an
    # auth profile's failure state (src/agents/auth-profiles/state-observation.ts).
    ("tools", "ERROR", "read failed: ENOENT: no such file or directory, access '/home/u/.openclaw/workspace/docs/index.md'",
     "tools.call_failed", {"tool": "read"}),
    ("tools", "ERROR", "read failed: Path escapes sandbox root (~/.openclaw/workspace): /opt/openclaw/skills/a/SKILL.md",
     "tools.call_failed", {"tool": "read"}),
    ("tools", "ERROR", "edit failed: Could not find the exact text in /home/u/.openclaw/workspace/docs/notes.md. The old "
     "text must match exactly including all whitespace and newlines.", "tools.call_failed", {"tool": "edit"}),
    ("tools", "ERROR", "browser failed: Navigation blocked: strict browser SSRF policy requires an IP-literal URL because "
     "browser DNS rebinding protections are unavailable for hostname-based navigation", "tools.call_failed",
     {"tool": "browser"}),
    # The t50l audit of the image and pdf tools (src/agents/tools/image-tool.ts, pdf-tool.ts, pdf-native-providers.ts)
    # and the Codex bridge's dynamic-tool watchdog (#83416, #81332).
    ("tools", "ERROR", "pdf failed: Anthropic PDF request timed out after 120000ms", "tools.timeout",
     {"tool": "pdf", "timeoutMs": 120000}),
    ("tools", "ERROR", "image failed: OpenClaw dynamic tool call timed out after 60000ms while running tool image.",
     "tools.timeout", {"tool": "image", "timeoutMs": 60000}),
    ("agent/embedded", "WARN", "codex dynamic tool timeout: tool=image_generate toolTimeoutMs=30000; per-tool-call "
     "watchdog, not session idle", "tools.timeout", {"tool": "image_generate", "timeoutMs": 30000}),
    # (h52) the process tool's own wordings of that watchdog (extensions/codex/src/app-server/dynamic-tool-execution.ts)
    ("agent/embedded", "WARN", "codex process tool timeout: action=poll sessionId=rapid-crustacean toolTimeoutMs=90000 "
     "requestedWaitMs=30000; per-tool-call watchdog, not session idle; repeated lines usually mean process-poll retry "
     "churn, not model progress", "tools.timeout",
     {"tool": "process", "processAction": "poll", "processSessionId": "rapid-crustacean", "timeoutMs": 90000,
      "processRequestedTimeoutMs": 30000}),
    ("agent/embedded", "WARN", "codex process tool timeout: toolTimeoutMs=90000; per-tool-call watchdog, not session "
     "idle", "tools.timeout", {"tool": "process", "timeoutMs": 90000}),
    ("tools", "ERROR", "process failed: OpenClaw dynamic tool call timed out after 90000ms while waiting for process "
     "action=poll sessionId=rapid-crustacean. This is a tool RPC timeout, not a session idle timeout.", "tools.timeout",
     {"tool": "process", "processAction": "poll", "processSessionId": "rapid-crustacean", "timeoutMs": 90000}),
    ("tools", "ERROR", "process failed: OpenClaw dynamic tool call timed out after 30000ms while waiting for the process "
     "tool. This is a tool RPC timeout, not a session idle timeout.", "tools.timeout",
     {"tool": "process", "timeoutMs": 30000}),
    ("tools", "ERROR", "image failed: Failed to optimize image: Optional dependency sharp is required for image attachment "
     "processing | Cannot find package 'sharp' imported from /usr/lib/node_modules/openclaw/dist/extensions/"
     "media-understanding-core/image-ops.js", "tools.call_failed", {"tool": "image"}),
    ("tools", "ERROR", "image failed: Local media file not found: /Users/u/.openclaw/workspace/tmp/a.webp", "tools.call_failed",
     {"tool": "image"}),
    ("tools", "ERROR", "pdf failed: Expected PDF but got text/html: https://example.com/report.pdf", "tools.call_failed",
     {"tool": "pdf"}),
    ("tools", "ERROR", "pdf failed: Model openai/gpt-4o-mini does not support images and PDF has no extractable text.",
     "tools.call_failed", {"tool": "pdf"}),
    ("tools", "ERROR", "image failed: Sandboxed image tool does not allow remote URLs.", "tools.call_failed",
     {"tool": "image"}),
    # The t48c audit of the tools that can hold a run: the browser control client's stalled response
    # (extensions/browser/src/browser/client-fetch.ts), the nodes tool's failure (src/agents/tools/nodes-tool.ts, the
    # node.invoke deadline of src/gateway/node-registry.ts), the Docker sandbox's CLI deadline and missing Docker
    # (src/agents/sandbox/docker.ts).
    ("tools", "ERROR", "browser failed: Browser control response stalled for 20000ms", "tools.browser_failed",
     {"stalledMs": 20000}),
    ("tools", "ERROR", "nodes failed: agent=main node=Ana's MacBook Pro gateway=default action=run: node invoke timed out",
     "tools.nodes_failed", {"agent": "main", "node": "Ana's MacBook Pro", "gateway": "default", "action": "run",
                            "error": "node invoke timed out"}),
    ("tools", "ERROR", "nodes failed: agent=main node=auto action=camera_snap: node disconnected (camera.snap)",
     "tools.nodes_failed", {"node": "auto", "action": "camera_snap", "error": "node disconnected (camera.snap)"}),
    # The t48f audit: the managed browser that would not start (extensions/browser/src/browser/chrome.ts,
    # server-context.availability.ts), as the tool wrapper logs the control service's answer.
    ("tools", "ERROR", 'browser failed: Failed to start Chrome CDP on port 18800 for profile "openclaw". CDP HTTP '
     "/json/version failed: connect ECONNREFUSED 127.0.0.1:18800.", "tools.browser_start_failed",
     {"cdpPort": 18800, "profile": "openclaw"}),
    ("tools", "ERROR", 'browser failed: Chrome CDP websocket for profile "work" is not reachable after start. CDP '
     "websocket health command timed out.", "tools.browser_start_failed", {"profile": "work"}),
    ("tools", "ERROR", 'browser failed: Browser launch for profile "openclaw" is cooling down after 3 consecutive '
     "managed Chrome launch failures. Retry in 30s after fixing Chrome startup, or set browser.enabled=false if the "
     'browser tool is not needed. Last error: Failed to start Chrome CDP on port 18800 for profile "openclaw".',
     "tools.browser_start_failed", {"profile": "openclaw", "consecutiveFailures": 3, "retrySeconds": 30}),
    ("agent/embedded", "ERROR", "Docker did not respond within 60000ms while running `docker image inspect "
     "openclaw-sandbox:bookworm-slim`. The Docker engine may be present but unresponsive. Start or restart Docker, or "
     "set `agents.defaults.sandbox.mode=off` to disable sandboxing.", "sandbox.docker_timeout",
     {"timeoutMs": 60000, "dockerCommand": "image"}),
    ("agent/embedded", "ERROR", "Sandbox mode requires Docker, but the Docker daemon is not available. Start Docker, or "
     "set `agents.defaults.sandbox.mode=off` to disable sandboxing. Docker said: Cannot connect to the Docker daemon at "
     "unix:///var/run/docker.sock. Is the docker daemon running?", "sandbox.docker_unavailable",
     {"reason": "the Docker daemon is not available"}),
    ("agent/embedded", "ERROR", "Sandbox image not found: registry.example.com/sbx:1.2. Build or pull it first.",
     "sandbox.docker_unavailable", {"image": "registry.example.com/sbx:1.2"}),
    # The t50e audit of the sandbox and the node host: the Podman engine's missing command
    # (src/agents/sandbox/container-engine.ts), the image check that could not reach the engine (docker.ts,
    # dockerImageExists, with Docker's own stderr), and a sandbox backend that failed to start (errors.ts), as the run's
    # end carries them; an inner Docker timeout or missing engine keeps its Docker reading.
    ("agent/embedded", "ERROR", 'Sandbox mode requires Podman, but the "podman" command was not found in PATH. Install '
     'Podman (and check that "podman" is available), choose another sandbox backend, or set '
     "`agents.defaults.sandbox.mode=off` to disable sandboxing.", "sandbox.docker_unavailable",
     {"engine": "Podman", "reason": 'the "podman" command was not found in PATH'}),
    ("agent/embedded", "ERROR", "Embedded agent failed before reply: Failed to inspect sandbox image: Cannot connect to "
     "the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?", "sandbox.docker_unavailable",
     {"reason": "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"}),
    ("agent/embedded", "ERROR", "Embedded agent failed before reply: Failed to inspect sandbox image: error during "
     "connect: Get \"http://%2F%2F.%2Fpipe%2FdockerDesktopLinuxEngine/v1.47/images/openclaw-sandbox:bookworm-slim/json\": "
     "open //./pipe/dockerDesktopLinuxEngine: The system cannot find the file specified.", "sandbox.docker_unavailable",
     {}),
    ("agent/embedded", "ERROR", 'Embedded agent failed before reply: Sandbox backend "docker" failed to start: Error '
     "response from daemon: Conflict. The container name \"/openclaw-sbx-agent-main\" is already in use by container "
     '"3f2a9c".', "sandbox.start_failed", {"backend": "docker"}),
    ("agent/embedded", "ERROR", 'Embedded agent failed before reply: Sandbox backend "docker" failed to start: Docker did '
     "not respond within 60000ms while running `docker start openclaw-sbx-agent-main`. The Docker engine may be present "
     "but unresponsive.", "sandbox.docker_timeout", {"timeoutMs": 60000, "dockerCommand": "start"}),
    ("agent/embedded", "ERROR", 'Embedded agent failed before reply: Sandbox backend "docker" failed to start: Sandbox '
     "mode requires Docker, but the Docker daemon is not available.", "sandbox.docker_unavailable",
     {"engine": "Docker", "reason": "the Docker daemon is not available"}),
    ("gateway/channels/telegram", "INFO", "Telegram menu text exceeded the conservative 5700-character payload budget; "
     "shortening descriptions to keep 61 commands visible.", "channel.menu_trimmed", {"budgetChars": 5700, "commands": 61}),
    ("gateway/channels/telegram", "INFO", "Telegram menu text still exceeded the conservative 5700-character payload "
     "budget after shortening descriptions; registering first 70 commands.", "channel.menu_trimmed", {"registered": 70}),
    ("gateway", "WARN", "startup model warmup timed out after 5000ms; continuing without waiting",
     "gateway.model_warmup_timeout", {"timeoutMs": 5000}),
    ("agent/embedded", "WARN", "auth profile failure state updated: runId=4e3413be-a1eb-4d24-90db-a4ca5be29132 "
     "profile=sha256:0741309971a0 provider=xai reason=auth window=cooldown reused=false", "model.auth_profile_failure",
     {"provider": "xai", "reason": "auth", "window": "cooldown"}),
    # extensions/nostr/src/nostr-ingress.ts: an event the intake refused for itself; extensions/zalo/src/
    # monitor.webhook.ts: a body the spool refused as no message (ZaloWebhookPayloadError, answered 400)
    ("gateway/channels/nostr", "ERROR", "[default] Nostr error (durable admission for event 9f2c41ab): Nostr event "
     "exceeds the durable ingress size limit.", "channel.payload_rejected", {"channel": "nostr", "eventId": "9f2c41ab"}),
    ("gateway/channels/zalo", "ERROR", "[default] Zalo webhook admission failed: ZaloWebhookPayloadError: Zalo webhook "
     "message is missing message.message_id.", "channel.payload_rejected", {"channel": "zalo"}),
    ("gateway/channels/nostr", "ERROR",
     "[default] Nostr error (durable admission for event 9f2c41ab): Error: SQLITE_FULL: database or disk is full",
     "channel.inbound_failed", {"channel": "nostr", "stage": "durable admission", "eventId": "9f2c41ab"}),
    ("gateway/channels/nostr", "ERROR", "[default] Nostr error (persist transient replay cursor): Error: EACCES",
     "channel.inbound_failed", {"channel": "nostr", "stage": "persist transient replay cursor"}),
    # Matrix's SDK sync loop (matrix-js-sdk sync.ts through extensions/matrix/src/matrix/client/logging.ts), LINE's
    # webhook (extensions/line/src/monitor.ts) and BlueBubbles' inbound debouncer (extensions/bluebubbles/src/monitor.ts).
    ("matrix", "ERROR", "[matrix] /sync error MatrixError: [502] Bad Gateway",
     "channel.transport_error", {"error": "MatrixError: [502] Bad Gateway"}),
    ("gateway/channels/matrix", "ERROR", "/sync error ConnectionError: fetch failed",
     "channel.transport_error", {"error": "ConnectionError: fetch failed"}),
    ("matrix", "WARN", "[matrix] Token no longer valid - assuming logout",
     "channel.terminal_disconnect", {"channel": "matrix", "detail": "Token no longer valid"}),
    ("gateway/channels/line", "ERROR", "line webhook dispatch failed: Error: Request failed with status code 500",
     "channel.inbound_failed", {"channel": "line", "event": "webhook dispatch"}),
    ("gateway/channels/line", "ERROR", "line webhook error: Error: socket hang up",
     "channel.inbound_failed", {"channel": "line", "event": "webhook", "error": "Error: socket hang up"}),
    ("gateway/channels/line", "ERROR", "line: auto-reply failed: Error: session file locked (timeout 60000ms)",
     "channel.inbound_failed", {"channel": "line", "event": "auto-reply"}),
    ("gateway/channels/bluebubbles", "ERROR", "[default] [bluebubbles] debounce flush failed: Error: fetch failed",
     "channel.inbound_failed", {"channel": "bluebubbles", "event": "debounce flush"}),
    # WhatsApp Web before its inbox attaches, its watchdog, and a close it never retries.
    ("gateway/channels/whatsapp", "ERROR", "WhatsApp Web connection closed during setup (status 428). Retry 2/12 in 4.1s.",
     "channel.auto_restart", {"status": 428, "attempt": 2, "maxAttempts": 12, "restartDelay": 4.1}),
    ("gateway/channels/whatsapp", "ERROR",
     "WhatsApp Web connection closed during setup (status 428) after 12/12 attempts. Relink with `openclaw channels "
     "login --channel whatsapp` if the issue persists.", "channel.restart_gave_up", {"attempt": 12, "maxAttempts": 12}),
    ("gateway/channels/whatsapp", "ERROR", "WhatsApp auth state is still stabilizing. Retry 1/12 for inbox attach in 2s.",
     "channel.auto_restart", {"attempt": 1, "maxAttempts": 12}),
    ("gateway/channels/whatsapp", "ERROR",
     "WhatsApp auth state is still stabilizing after 12/12 attempts. Stopping web monitoring.",
     "channel.restart_gave_up", {"maxAttempts": 12}),
    ("gateway/channels/whatsapp", "INFO", "web reconnect: 428 during opening; retrying", "channel.auto_restart",
     {"reason": "428 during opening"}),
    ("gateway/channels/whatsapp", "WARN", "web reconnect: auth state stayed unstable; max attempts reached",
     "channel.restart_gave_up", {"reason": "auth state stayed unstable"}),
    ("gateway/channels/whatsapp", "WARN", "WhatsApp watchdog timeout detected - forcing reconnect",
     "channel.polling_stall", {}),
    ("gateway/channels/whatsapp", "WARN", "WhatsApp watchdog timeout (transport-inactive) - restarting connection",
     "channel.polling_stall", {"watchdogReason": "transport-inactive"}),
    ("gateway/channels/whatsapp", "WARN", "web reconnect: unhandled rejection from WhatsApp socket; forcing reconnect",
     "channel.transport_error", {}),
    ("gateway/channels/whatsapp", "WARN", "web reconnect: non-retryable close status; stopping monitor",
     "channel.terminal_disconnect", {}),
    # Feishu's own WebSocket client loop and webhook server.
    ("gateway/channels/feishu", "ERROR", "feishu[default]: WebSocket SDK reported recoverable error: ws error",
     "channel.transport_error", {"channel": "feishu", "account": "default", "error": "ws error"}),
    ("gateway/channels/feishu", "ERROR",
     "feishu[default]: WebSocket start failed, retrying in 4000ms: connect ETIMEDOUT open.feishu.cn:443",
     "channel.transport_error", {"restartDelay": 4000, "error": "connect ETIMEDOUT open.feishu.cn:443"}),
    ("gateway/channels/feishu", "ERROR",
     "feishu[default]: WebSocket connection ended, recreating client in 2000ms: WebSocket reconnect exhausted after 3 "
     "attempts", "channel.reconnecting", {"channel": "feishu", "restartDelay": 2000}),
    ("gateway/channels/feishu", "INFO", "feishu[default]: Webhook server listening on 127.0.0.1:3000",
     "channel.polling_started", {"channel": "feishu", "account": "default"}),
    ("gateway/channels/feishu", "ERROR", "feishu[default]: webhook handler error: Error: dispatcher failed",
     "channel.inbound_failed", {"event": "webhook", "error": "Error: dispatcher failed"}),
    # The t48f audit: Nextcloud Talk's webhook server up (extensions/nextcloud-talk/src/monitor-runtime.ts), and the
    # NapCat QQ plugins' connections up (Daiyimo/openclaw-napcat src/client.ts, src/gateway/connection.ts;
    # izhimu/openclaw-channel-qq src/core/connection.ts).
    ("gateway/channels/nextcloud-talk", "INFO",
     "[nextcloud-talk:default] webhook listening on http://localhost:8788/nextcloud-talk-webhook",
     "channel.polling_started", {"channel": "nextcloud-talk", "account": "default",
                                 "listen": "http://localhost:8788/nextcloud-talk-webhook"}),
    ("gateway/channels/napcat", "INFO", "[napcat-QQ] Connected to OneBot server", "channel.polling_started",
     {"channel": "qq"}),
    ("gateway/channels/napcat", "INFO", "[napcat-QQ] Reverse WS: NapCat connected", "channel.polling_started",
     {"channel": "qq"}),
    ("gateway/channels/napcat", "INFO", "[napcat-QQ] Connected account default", "channel.polling_started",
     {"channel": "qq", "account": "default"}),
    ("openclaw-channel-qq:connection", "INFO", "Connected to NapCat for account mybot", "channel.polling_started",
     {"channel": "qq", "account": "mybot"}),
    # The official plugin's own repository (larksuite/openclaw-lark, src/core/lark-client.ts): its WebSocket client torn
    # down when the account stops, and a start finding the previous client still open.
    ("feishu/core/lark-client", "INFO", "feishu: disconnecting WebSocket (accountId=default)", "channel.stopping",
     {"channel": "feishu", "account": "default"}),
    ("feishu/core/lark-client", "WARN", "feishu: closing previous WSClient before reconnect (accountId=work)",
     "channel.reconnecting", {"channel": "feishu", "account": "work"}),
    # Feishu's start-up bot-info probe timing out (monitor.startup.ts) and inbound messages lost past the socket
    # (monitor.account.ts): the debouncer's flush, a stop command sent past the queue, a card action.
    ("gateway/channels/feishu", "ERROR", "feishu[default]: bot info probe timed out after 30000ms; continuing startup",
     "fetch.timeout", {"channel": "feishu", "account": "default", "timeoutMs": 30000}),
    ("gateway/channels/feishu", "ERROR", "feishu[main]: inbound debounce flush failed: Error: ENOSPC: no space left",
     "channel.inbound_failed", {"channel": "feishu", "account": "main", "event": "debounce flush"}),
    ("gateway/channels/feishu", "ERROR",
     "feishu[main]: inbound debounce flush failed: TypeError: Cannot read properties of undefined (reading 'trim')",
     "channel.handler_broken", {"channel": "feishu", "account": "main"}),
    ("gateway/channels/feishu", "ERROR", "feishu[main]: fast-abort dispatch failed: Error: session busy",
     "channel.inbound_failed", {"channel": "feishu", "event": "fast-abort", "error": "Error: session busy"}),
    ("gateway/channels/feishu", "ERROR", "feishu[main]: error handling card action: Error: card expired",
     "channel.inbound_failed", {"channel": "feishu", "event": "card action", "error": "Error: card expired"}),
    # Telegram's Bot API wrapper (extensions/telegram/src/api-logging.ts) with grammY's errors: a network failure
    # with its error class, and the token refused (401; sendchataction-401-backoff.ts gives up on it).
    ("telegram/api", "ERROR", "telegram setMyCommands failed: HttpError: Network request for 'setMyCommands' failed!",
     "channel.transport_error", {"channel": "telegram", "method": "setMyCommands"}),
    ("telegram/api", "ERROR",
     "telegram sendChatAction failed: Call to 'sendChatAction' failed! (401: Unauthorized)",
     "channel.terminal_disconnect", {"channel": "telegram", "method": "sendChatAction", "detail": "401: Unauthorized"}),
    ("gateway/channels/telegram", "ERROR",
     "CRITICAL: sendChatAction suspended after 10 consecutive 401 errors. Bot token is likely invalid. Telegram may "
     "DELETE the bot if requests continue. Replace the token and restart: openclaw channels restart telegram",
     "channel.terminal_disconnect", {"channel": "telegram", "failures": 10}),
    # The Slack SDK's socket-mode client failing to fetch its WebSocket URL (#22865).
    ("gateway/channels/slack", "ERROR",
     "socket-mode:SocketModeClient:2 Failed to retrieve a new WSS URL (error: Error: A request error occurred: "
     "getaddrinfo ENOTFOUND slack.com)",
     "channel.transport_error", {"channel": "slack", "error": "Error: A request error occurred: getaddrinfo ENOTFOUND slack.com"}),
    # The WhatsApp watchdog's record with its minutes before the words, as pasted (#60378).
    ("web-heartbeat", "WARN", "minutesSinceLastMessage: 42, forcing reconnect",
     "channel.polling_stall", {"minutesSinceLastMessage": 42}),
    # The unhandled-rejection handler ending the process on a network failure (src/infra/unhandled-rejections.ts); undici's
    # bare "fetch failed" names no channel: the gateway crashed (p54, field policy "bare undici fetch failure as an
    # unhandled rejection"), and RC18 reads it only beside a channel's own network failure.
    ("openclaw", "ERROR", "Unhandled promise rejection: TypeError: fetch failed",
     "gateway.crashed", {"error": "TypeError: fetch failed"}),
    ("openclaw", "ERROR", "Unhandled promise rejection: Error: A request error occurred: getaddrinfo ENOTFOUND slack.com",
     "channel.exited", {"error": "Error: A request error occurred: getaddrinfo ENOTFOUND slack.com"}),
    # u49 census: channel lifecycle lines users paste. Zalo's ingress up (extensions/zalo/src/monitor.ts), Telegram's
    # webhook accepted (extensions/telegram/src/webhook.ts), a plugin's "starting <channel>[<account>] (mode: ...)".
    ("gateway/channels/zalo", "INFO", "[default] Zalo polling loop started timeout=30s", "channel.polling_started",
     {"channel": "zalo"}),  # (no account: a bare paste reads "[default]" as the line's tag, as for the lines above)
    ("gateway/channels/zalo", "INFO", "[default] Zalo webhook registered path=/zalo-webhook", "channel.polling_started",
     {"channel": "zalo", "path": "/zalo-webhook"}),
    ("gateway/channels/telegram", "INFO", "webhook advertised to telegram on https://bot.example.com/telegram-webhook",
     "channel.polling_started", {"channel": "telegram"}),
    ("gateway/channels/feishu", "INFO", "starting feishu[main] (mode: websocket)", "channel.starting",
     {"channel": "feishu", "account": "main", "mode": "websocket"}),
    ("gateway/channels/dingtalk-connector", "INFO",
     "starting dingtalk-connector[__default__] (mode: stream, DINGTALK_AGENT=DING_DWS_CLAW, DWS_CLIENT_ID=ding1k9v...)",
     "channel.starting", {"channel": "dingtalk", "account": "__default__", "mode": "stream"}),
    ("gateway/channels/wecom", "INFO", "starting wecom[default] (mode: webhook)", "channel.starting",
     {"channel": "wecom", "account": "default", "mode": "webhook"}),
    # The u48 census of the dev field corpus: the same handler on the agent core's listener check (pi-agent-core's
    # Agent, #65285); the reply runner's failure line bare and on the 2026.9.x reply-ownership guard
    # (src/auto-reply/reply/agent-runner-execution.ts, #141252); `openclaw gateway restart`'s health wait
    # (src/cli/daemon-cli/lifecycle.ts, #119958).
    ("openclaw", "ERROR", "Unhandled promise rejection: Error: Agent listener invoked outside active run",
     "gateway.crashed", {"error": "Agent listener invoked outside active run"}),
    ("agent/embedded", "ERROR", "Embedded agent failed before reply", "run.failed_before_reply", {"runner": "Embedded"}),
    ("agent/embedded", "ERROR", "Embedded agent failed before reply: Reply operation has no active tool authority "
     "snapshot", "run.failed_before_reply", {"error": "Reply operation has no active tool authority snapshot"}),
    ("cli", "WARN", "Timed out after 60s waiting for gateway port 43127 to become healthy.",
     "gateway.restart_health_timeout", {"timeoutSeconds": 60, "port": 43127}),
    ("cli", "ERROR", "Gateway restart timed out after 60s waiting for health checks.",
     "gateway.restart_health_timeout", {"timeoutSeconds": 60}),
    # u50 census: DingTalk's connect noted done (soimy plugin's state note, the connector's status patch), the Google
    # Chat and WeChat starts, the Feishu (openclaw-lark) and XMPP stops.
    ("gateway/channels/dingtalk", "DEBUG", "[default] Connection state changed to: CONNECTED", "channel.polling_started",
     {"channel": "dingtalk"}),
    ("dingtalk-connector", "INFO",
     '[__default__] onStatusChange patch={"connected":true,"lastConnectedAt":1777185450380} '
     'current={"running":true,"accountId":"__default__"} next={"running":true,"connected":true}',
     "channel.polling_started", {"channel": "dingtalk"}),
    ("googlechat", "INFO", "[default] starting Google Chat webhook", "channel.starting", {"channel": "googlechat"}),
    ("gateway/channels/openclaw-weixin", "INFO",
     "[123-im-bot] Monitor started: baseUrl=https://ilinkai.weixin.qq.com timeoutMs=35000", "channel.starting",
     {"channel": "weixin", "timeoutMs": 35000}),
    # n55: the same monitor's console line, written just before its long-poll loop (src/monitor/monitor.ts): the
    # channel receiving again.
    ("openclaw-weixin", "INFO", "weixin monitor started (https://ilinkai.weixin.qq.com, account=123-im-bot)",
     "channel.polling_started", {"channel": "weixin", "account": "123-im-bot",
                                 "baseUrl": "https://ilinkai.weixin.qq.com"}),
    ("gateway/channels/feishu", "INFO", "stopping feishu[default]", "channel.stopping",
     {"channel": "feishu", "account": "default", "stage": "stopping"}),
    ("gateway/channels/feishu", "INFO", "stopped feishu[default]", "channel.stopping",
     {"channel": "feishu", "account": "default", "stage": "stopped"}),
    ("xmpp", "INFO", "[default] XMPP connection stopping", "channel.stopping", {"channel": "xmpp"}),
    # The t48d audit of the gateway's own life. src/gateway/server.impl.ts and src/infra/gateway-lock.ts
    # (GatewayLockError), src/cli/gateway-cli/run.ts: a start refused before the gateway listened.
    ("gateway", "ERROR",
     "failed to bind gateway socket on ws://0.0.0.0:18789: Error: listen EADDRNOTAVAIL: address not available",
     "gateway.start_failed", {"bindUrl": "ws://0.0.0.0:18789"}),
    ("gateway", "ERROR", "failed to acquire gateway lock at /tmp/openclaw-1000/gateway.1a2b3c4d.lock",
     "gateway.start_failed", {"gatewayLockPath": "/tmp/openclaw-1000/gateway.1a2b3c4d.lock"}),
    ("gateway", "ERROR", "Gateway start blocked: set gateway.mode=local (current: unset) or pass --allow-unconfigured.",
     "gateway.start_failed", {}),
    ("gateway", "ERROR", "Refusing to bind gateway to lan without auth.", "gateway.start_failed", {"bind": "lan"}),
    # src/gateway/config-reload.ts (gateway/reload)
    ("gateway/reload", "INFO", "config change detected; evaluating reload (agents.defaults.model, gateway.port)",
     "gateway.config_change", {"paths": "agents.defaults.model, gateway.port"}),
    ("gateway/reload", "WARN", "config reload skipped (invalid config): : JSON5 parse failed: SyntaxError: JSON5: "
     "invalid character '.' at 4:14", "gateway.reload_skipped", {"reason": "invalid config"}),
    ("gateway/reload", "WARN", "config reload skipped (config file not found)", "gateway.reload_skipped",
     {"reason": "config file not found"}),
    ("gateway/reload", "WARN", "config reload requires gateway restart; hot mode ignoring (gateway.port)",
     "gateway.reload_skipped", {"reason": "hot mode ignoring", "paths": "gateway.port"}),
    ("gateway/reload", "INFO", "config reload disabled (gateway.reload.mode=off)", "gateway.reload_skipped",
     {"reason": "gateway.reload.mode=off"}),
    ("gateway/reload", "ERROR", "config reload failed: Error: channel restart failed", "gateway.reload_failed",
     {"stage": "reload", "error": "Error: channel restart failed"}),
    ("gateway/reload", "ERROR", "config restart failed: Error: SecretRef env:OPENAI_API_KEY is unresolved",
     "gateway.reload_failed", {"stage": "restart"}),
    ("gateway/reload", "WARN", "config watcher error: Error: EMFILE: too many open files, watch",
     "gateway.reload_failed", {"stage": "watcher"}),
    # src/plugins/services.ts (plugins): a plugin service's port is not the gateway's EADDRINUSE
    ("plugins", "ERROR", "plugin service failed (memos-viewer, plugin=memos-local, root=/home/u/.openclaw/extensions/"
     "memos-local): listen EADDRINUSE: address already in use :::18799", "plugin.service_failed",
     {"service": "memos-viewer", "plugin": "memos-local", "error": "listen EADDRINUSE: address already in use :::18799"}),
    ("plugins", "ERROR", "plugin service failed (acpx-runtime): Error: spawn acpx ENOENT", "plugin.service_failed",
     {"service": "acpx-runtime", "error": "Error: spawn acpx ENOENT"}),
    ("plugins", "WARN", "plugin service stop failed (acpx-runtime): Error: timeout", "plugin.service_stop_failed",
     {"service": "acpx-runtime"}),
    # (t53b) extensions/bonjour/src/advertiser.ts (the bonjour plugin's logger, "[plugins] bonjour: ..."; src/infra/
    # bonjour.ts in older builds, subsystem bonjour without the label): the advertiser's retries, its give-up, and a
    # ciao bind failure that is no gateway's EADDRINUSE
    ("plugins", "WARN", f"bonjour: advertise failed ({BONJOUR_SERVICE} state=probing): Error: CIAO PROBING CANCELLED",
     "discovery.advertise_failed", {"what": "advertise failed", "service": "gateway", "state": "probing",
                                    "error": "Error: CIAO PROBING CANCELLED"}),
    ("plugins", "WARN", f"bonjour: advertise failed with ciao cancellation ({BONJOUR_SERVICE} state=unannounced): CIAO "
     "ANNOUNCEMENT CANCELLED", "discovery.advertise_failed",
     {"ciaoKind": "cancellation", "fqdn": "mac (OpenClaw)._openclaw-gw._tcp.local.", "state": "unannounced"}),
    ("bonjour", "WARN", f"advertise threw ({BONJOUR_SERVICE} state=unannounced): Error: bind EADDRINUSE 0.0.0.0:5353",
     "discovery.advertise_failed", {"what": "advertise threw", "error": "Error: bind EADDRINUSE 0.0.0.0:5353"}),
    ("plugins", "WARN", f"bonjour: watchdog re-advertise failed ({BONJOUR_SERVICE} state=unannounced): Error: CIAO PROBING "
     "CANCELLED", "discovery.advertise_failed", {"what": "watchdog re-advertise failed"}),
    ("plugins", "WARN", "bonjour: suppressing ciao cancellation: CIAO ANNOUNCEMENT CANCELLED",
     "discovery.advertise_failed", {"what": "suppressing ciao", "ciaoKind": "cancellation"}),
    ("plugins", "WARN", "bonjour: suppressing ciao interface assertion: AssertionError [ERR_ASSERTION]: Reached illegal "
     "state! IPV4 address change from defined to undefined!", "discovery.advertise_failed",
     {"ciaoKind": "interface assertion"}),
    ("plugins", "WARN", f"bonjour: watchdog detected non-announced service; attempting re-advertise ({BONJOUR_SERVICE} "
     "state=unannounced)", "discovery.readvertise",
     {"what": "watchdog detected non-announced service", "state": "unannounced"}),
    ("bonjour", "WARN", f"watchdog detected non-announced service; attempting re-advertise ({BONJOUR_SERVICE} state=probing)",
     "discovery.readvertise", {"state": "probing"}),
    ("plugins", "WARN", f"bonjour: restarting advertiser (service stuck in announcing for 20412ms ({BONJOUR_SERVICE} "
     "state=announcing))", "discovery.readvertise", {"action": "restarting advertiser", "stuckState": "announcing"}),
    ("bonjour", "WARN", "restarting advertiser (ciao cancellation: CIAO ANNOUNCEMENT CANCELLED)",
     "discovery.readvertise", {"ciaoKind": "cancellation"}),
    ("bonjour", "WARN", 'gateway name conflict resolved; newName="mac (OpenClaw) (2)"', "discovery.name_conflict",
     {"conflict": "name", "newName": '"mac (OpenClaw) (2)"'}),
    ("plugins", "WARN", 'bonjour: gateway hostname conflict resolved; newHostname="openclaw-(2)"',
     "discovery.name_conflict", {"conflict": "hostname"}),
    ("plugins", "WARN", "bonjour: disabling advertiser after 3 failed restarts (ciao cancellation: CIAO ANNOUNCEMENT "
     'CANCELLED); set discovery.mdns.mode="off" or OPENCLAW_DISABLE_BONJOUR=1 to disable mDNS discovery',
     "discovery.advertiser_disabled", {"what": "disabling advertiser", "restarts": 3, "detail": "failed restarts",
                                       "reason": "ciao cancellation: CIAO ANNOUNCEMENT CANCELLED"}),
    ("plugins", "WARN", "bonjour: disabling advertiser after 1 stuck-state restart (service stuck in probing for 20012ms "
     f"({BONJOUR_SERVICE} state=probing)); set discovery.mdns.mode=\"off\" or OPENCLAW_DISABLE_BONJOUR=1 to disable mDNS "
     "discovery", "discovery.advertiser_disabled", {"detail": "stuck-state restart"}),
    ("plugins", "WARN", "bonjour: disabling mDNS \u2014 networkInterfaces() unavailable in this environment: SystemError "
     "[ERR_SYSTEM_ERROR]: A system error occurred: uv_interface_addresses returned Unknown system error 1",
     "discovery.advertiser_disabled", {"what": "disabling mDNS"}),
    # (p55) the guards' continuing branch (src/infra/unhandled-rejections.ts, src/index.ts, src/cli/run-main.ts, warn)
    ("openclaw", "WARN", "Non-fatal unhandled rejection (continuing): TypeError: fetch failed", "gateway.nonfatal_error",
     {"what": "unhandled rejection", "error": "TypeError: fetch failed"}),
    ("openclaw", "WARN", "Non-fatal uncaught exception (continuing): Error: write EPIPE", "gateway.nonfatal_error",
     {"what": "uncaught exception", "error": "Error: write EPIPE"}),
    # (t53b) src/index.ts and src/infra/unhandled-rejections.ts: the process ending on a ciao error the plugin missed
    ("openclaw", "ERROR", "Unhandled promise rejection: CIAO ANNOUNCEMENT CANCELLED", "gateway.crashed",
     {"error": "CIAO ANNOUNCEMENT CANCELLED", "ciaoError": "CIAO ANNOUNCEMENT CANCELLED"}),
    ("openclaw", "ERROR", "Unhandled promise rejection: Error: CIAO PROBING CANCELLED", "gateway.crashed",
     {"error": "CIAO PROBING CANCELLED"}),
    ("openclaw", "ERROR", "Uncaught exception: AssertionError [ERR_ASSERTION]: Reached illegal state! IPV4 address "
     "change from defined to undefined!", "gateway.crashed",
     {"error": "Reached illegal state! IPV4 address change from defined to undefined!"}),
    ("openclaw", "ERROR", "Uncaught exception: AssertionError [ERR_ASSERTION]: Label cannot be longer than 63 bytes "
     "(clawreef-9-gtclaw-fresh-bind-lan (OpenClaw))", "gateway.crashed",
     {"ciaoError": "Label cannot be longer than 63 bytes"}),
    # (h55) src/gateway/server-plugin-bootstrap.ts (plugins): the pre-start staging of every bundled plugin's deps
    ("plugins", "WARN", "failed to stage bundled runtime deps before gateway startup after 16605ms; gateway startup "
     "will continue with per-plugin runtime-deps installs: Error: npm install exited 1", "plugin.deps_prestage_failed",
     {"error": "Error: npm install exited 1"}),
    # (t53b) src/gateway/server-tailscale.ts (tailscale)
    ("tailscale", "WARN", "serve failed: Error: Failed to run tailscale serve: exit code 1", "discovery.tailscale_failed",
     {"mode": "serve", "error": "Error: Failed to run tailscale serve: exit code 1"}),
    ("tailscale", "WARN", "funnel failed: Error: Funnel is not enabled on your tailnet", "discovery.tailscale_failed",
     {"mode": "funnel"}),
    # (t53c) src/agents/skills/refresh.ts (gateway/skills)
    ("gateway/skills", "WARN", "skills watcher error (/home/u/.openclaw/workspace): Error: EMFILE: too many open files, "
     "watch '/home/u/.openclaw/workspace/skills'", "skills.watcher_failed",
     {"what": "watcher error", "path": "/home/u/.openclaw/workspace",
      "error": "Error: EMFILE: too many open files, watch '/home/u/.openclaw/workspace/skills'"}),
    ("gateway/skills", "WARN", "skills native watcher capacity exhausted (ENOSPC); refreshing skills during agent "
     "preparation", "skills.watcher_failed", {"what": "native watcher capacity exhausted", "code": "ENOSPC"}),
    ("gateway/skills", "WARN", "skills change listener failed: TypeError: x is not a function", "skills.watcher_failed",
     {"what": "change listener failed", "error": "TypeError: x is not a function"}),
    # (t53c) the gateway's connect handler: a paired device asking for more access
    ("gateway", "WARN", "security audit: device access upgrade requested reason=role-upgrade device=847202f0 "
     "ip=192.168.1.20 auth=token roleFrom=operator roleTo=node scopesFrom=operator.read scopesTo=<none> "
     "client=node-host conn=5a8ca0b7", "device.access_upgrade", {"reason": "role-upgrade", "roleTo": "node"}),
    # (t53c) src/plugins/loader.ts: a bundled plugin's runtime deps not staged (a plugin that is no channel's)
    ("plugins", "ERROR", "memory-lancedb failed to stage bundled runtime deps after 16605ms: @lancedb/lancedb@0.22.1",
     "plugin.load_failed", {"plugin": "memory-lancedb", "elapsedMs": 16605, "deps": "@lancedb/lancedb@0.22.1"}),
    ("plugins", "ERROR", "failed to install bundled runtime deps: Error: EACCES: permission denied, unlink "
     "'/sandbox/.openclaw/plugin-runtime-deps/x'", "plugin.load_failed",
     {"error": "failed to install bundled runtime deps: Error: EACCES: permission denied, unlink "
               "'/sandbox/.openclaw/plugin-runtime-deps/x'"}),
    # src/infra/update-startup.ts (info)
    ("gateway/update", "INFO", "auto-update handoff started", "gateway.auto_update", {"stage": "handoff started"}),
    ("gateway/update", "INFO", "auto-update attempt failed", "gateway.auto_update", {"stage": "attempt failed"}),
    ("gateway/update", "INFO", "auto-update deferred (stable rollout window active)", "gateway.auto_update",
     {"stage": "deferred", "reason": "stable rollout window active"}),
]
IDS = [f"{kind}-{i}" for i, (_, _, _, kind, _) in enumerate(LINES)]

# Lines OpenClaw writes only verbosely (logVerbose: console.log, no tag and no level), as a console shows them and as
# pasted bare.
VERBOSE_LINES: list[tuple[str, str, dict[str, object]]] = [
    # (t53a) the same runner's per-attempt verbose line (logVerbose: no tag, no level), its provider's deadline an
    # AbortError that is no run's abort, a local CLI's a failed command.
    ("audio understanding failed: AbortError: This operation was aborted", "media.understanding_failed",
     {"capability": "audio", "outcome": "failed", "error": "AbortError: This operation was aborted"}),
    ("image understanding failed: Error: Command failed: whisper-cli -m /models/ggml-base.bin",
     "media.understanding_failed", {"capability": "image", "error": "Error: Command failed: whisper-cli -m /models/ggml-base.bin"}),
    # (m53) the runner's decision summary when an attachment was understood (runCapability's logVerbose of
    # runner.entries.ts formatDecisionSummary): the reason is the first attempt's, so a fallback's success carries the
    # failed attempt's error; a clean success has none, a partial one counts fewer understood than selected
    ("Media understanding audio: success (1/1) via openai/gpt-4o-mini-transcribe reason=AbortError",
     "media.understanding_succeeded", {"capability": "audio", "outcome": "success", "succeeded": 1, "attachments": 1,
                                       "provider": "openai", "model": "gpt-4o-mini-transcribe", "reason": "AbortError"}),
    ("Media understanding image: success (1/2) via cli/whisper-cli reason=Command failed", "media.understanding_succeeded",
     {"capability": "image", "succeeded": 1, "attachments": 2, "provider": "cli", "model": "whisper-cli",
      "reason": "Command failed"}),
    ("Media understanding video: success (1/1) via google", "media.understanding_succeeded",
     {"capability": "video", "succeeded": 1, "attachments": 1, "provider": "google"}),
    # (t53a) a reply's text-to-speech, src/tts/tts.ts (logVerbose): the conversion's failure and one provider's.
    ("TTS: conversion failed after 30012ms (TTS conversion failed: elevenlabs: request timed out; openai: "
     "request timed out).", "tts.failed",
     {"outcome": "failed", "latencyMs": 30012,
      "error": "TTS conversion failed: elevenlabs: request timed out; openai: request timed out"}),
    ("TTS: audio persistence failed: ENOSPC: no space left on device, write", "tts.failed",
     {"error": "ENOSPC: no space left on device, write"}),
    ("TTS: primary provider elevenlabs failed (AbortError: This operation was aborted); trying fallback "
     "providers.", "tts.attempt_failed",
     {"provider": "elevenlabs", "error": "AbortError: This operation was aborted", "next": "trying fallback providers"}),
    ("TTS stream: primary provider openai failed (fetch failed); no fallback providers configured.",
     "tts.attempt_failed", {"provider": "openai", "next": "no fallback providers configured"}),
    ("TTS: microsoft failed (Edge TTS request timed out after 10000ms); trying next provider.",
     "tts.attempt_failed", {"provider": "microsoft", "next": "trying next provider"}),
    ("TTS: summarization failed, truncating instead: Error: Summarization timed out", "tts.attempt_failed",
     {"provider": "summarizer", "next": "truncating instead"}),
]


def _one(line: str):
    events = parse_text_lines([line], "openclaw-2026-05-21.log", ParseOptions())
    assert len(events) == 1
    return events[0]


def _check(event, kind: str, expected: dict[str, object]) -> None:
    assert event.kind == kind, event.message
    for name, value in expected.items():
        assert event.fields.get(name) == value, name


def _console_tag(subsystem: str) -> str:
    for prefix in ("gateway/channels/", "gateway/"):
        if subsystem.startswith(prefix) and subsystem != "gateway":
            return subsystem[len(prefix):].split("/")[-1]
    return subsystem


@pytest.mark.parametrize(("subsystem", "level", "message", "kind", "expected"), LINES, ids=IDS)
def test_console_line(subsystem: str, level: str, message: str, kind: str, expected: dict[str, object]) -> None:
    _check(_one(f"2026-05-21T18:00:00.000+08:00 [{_console_tag(subsystem)}] {message}"), kind, expected)


@pytest.mark.parametrize(("subsystem", "level", "message", "kind", "expected"), LINES, ids=IDS)
def test_jsonl_record(subsystem: str, level: str, message: str, kind: str, expected: dict[str, object]) -> None:
    event = _one(tslog_line("2026-05-21T18:00:00.000+08:00", subsystem, message, level=level))
    _check(event, kind, expected)
    assert event.level == level.lower()
    assert event.subsystem == subsystem


@pytest.mark.parametrize(("subsystem", "level", "message", "kind", "expected"), LINES, ids=IDS)
def test_pasted_bare_message(subsystem: str, level: str, message: str, kind: str, expected: dict[str, object]) -> None:
    _check(_one(message), kind, expected)


@pytest.mark.parametrize(("message", "kind", "expected"), VERBOSE_LINES,
                         ids=[f"{kind}-{i}" for i, (_, kind, _) in enumerate(VERBOSE_LINES)])
def test_verbose_line(message: str, kind: str, expected: dict[str, object]) -> None:
    _check(_one(f"2026-05-21T18:00:00.000+08:00 {message}"), kind, expected)
    _check(_one(message), kind, expected)


@pytest.mark.parametrize(("message", "kind", "channel"), [
    ("[slack] transport watchdog timeout: idle 300s (limit 300s)", "channel.polling_stall", "slack"),
    ("[telegram] channel startup failed: Error: 409 Conflict", "channel.exited", "telegram"),
])
def test_a_channel_tag_names_the_channel_in_every_form(message: str, kind: str, channel: str) -> None:
    in_record = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "gateway", message, level="ERROR"))
    assert in_record.kind == kind
    assert channel in (in_record.fields.get("channel"), in_record.fields.get("account"))
    pasted = _one(message)  # a bare bracketed word reads as the line's tag
    assert (pasted.kind, pasted.subsystem) == (kind, channel)


@pytest.mark.parametrize(("line", "kind", "attempt"), [
    # As pasted in #65215: the console dropped "WhatsApp " under the [whatsapp] tag, and the delay.
    ("2026-04-12T04:52:11Z [whatsapp] Web connection closed (status 499). Retry 1/12...", "channel.auto_restart", 1),
    ("2026-05-15T10:02:11Z [slack] socket disconnected (disconnect); reconnecting in 2s (attempt 1/12)",
     "channel.auto_restart", 1),
    ("2026-04-12T04:52:11Z [whatsapp] No messages received in 30m - restarting connection", "channel.polling_stall", None),
])
def test_channel_lines_as_reporters_paste_them(line: str, kind: str, attempt: int | None) -> None:
    event = _one(line)
    assert event.kind == kind
    assert event.fields.get("attempt") == attempt


def test_the_console_drops_the_cron_label_that_repeats_its_tag() -> None:
    event = _one("2026-05-21T18:00:00.000+08:00 [cron] clearing stale running marker on startup")
    assert event.kind == "cron.stale_running_cleared"


def test_the_file_form_of_the_failover_decision_carries_its_fields_in_the_meta_object() -> None:
    meta = {"event": "embedded_run_failover_decision", "runId": RUN, "stage": "assistant",
            "decision": "fallback_model", "failoverReason": "timeout", "provider": "openai", "model": "gpt-5.4"}
    event = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "agent/embedded", "embedded run failover decision",
                            level="WARN", meta=meta))
    _check(event, "embedded.failover", {"runId": RUN, "decision": "fallback_model", "failoverReason": "timeout"})


def test_the_file_form_of_a_slow_discord_listener_is_the_bare_label_with_a_meta_object() -> None:
    meta = {"listener": "DiscordMessageListener", "event": "MESSAGE_CREATE", "durationMs": 289000}
    event = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "discord/event-queue", "Slow listener detected",
                            level="WARN", meta=meta))
    _check(event, "channel.slow_listener", {"durationMs": 289000})


def test_cron_lines_take_their_fields_from_the_meta_object() -> None:
    meta = {"jobId": "daily-digest", "runningAtMs": 1779357600000}
    event = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "cron", "cron: clearing stale running marker on startup",
                            level="WARN", meta=meta))
    _check(event, "cron.stale_running_cleared", {"jobId": "daily-digest"})


@pytest.mark.parametrize("message", [
    "stuck session recovery reclaiming something_else: sessionId=x",  # not a reclaim reason the runtime writes
    "restart timeout after soon",
    "using cached snapshot",  # a "using ..." line that is no compaction timeout
    "Blocking call finished",
    "Loop warning",
    "Profile default saved.",
    "restarting the channel",  # a reporter's words, no channel id
    "restarting telegram channel in 5s",
    "Delivery entry 3f0e9c1a queued",
    "Gateway event loops are fine",
    "Listener DiscordMessageListener registered for event MESSAGE_CREATE",  # no timeout
    "discord inbound worker started",
    "still draining the queue",  # a reporter's words, no counts
    "[context-overflow-recovery] compaction succeeded",  # no step the recovery logs
    "codex app-server turn completed",
    "the before_dispatch handler from the docs failed to load",
    "cron: isolated agent run started",
    "Google Chat message send failed: Error: Google Chat API 400: Invalid argument",  # one reply refused, not the app
    "message send failed: Error: msteams credentials not configured",  # the outbound send's throw, not the provider
    "sync failed (token): boom",  # another component's sync, not memory-core's (its reasons: interval, watch, ...)
])
def test_look_alikes_stay_generic(message: str) -> None:
    assert _one(message).kind == "generic"


def test_the_cron_pre_model_watchdog_is_read_where_cron_records_it() -> None:
    # `openclaw cron show` prints the job's lastError; a run-log record carries it as the run's error.
    shown = _one('Last error: "cron: isolated agent setup timed out before runner start"')
    _check(shown, "cron.setup_timeout", {"watchdog": "setup timed out before runner start"})
    meta = {"jobId": "daily-digest", "error": "cron: isolated agent run stalled before execution start", "consecutiveErrors": 4}
    record = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "cron", "cron: job run returned error status",
                             level="WARN", meta=meta))
    _check(record, "cron.job_error", {"consecutiveErrors": 4})


def test_a_cron_run_error_whose_meta_error_is_the_job_timeout_is_that_timeout_with_its_phase() -> None:
    # (t50c: the file form of "cron: job run returned error status" carries the error only in its meta object)
    meta = {"jobId": "daily-digest", "jobName": "digest",
            "error": "cron: job execution timed out (last phase: model-call-started)"}
    record = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "cron", "cron: job run returned error status",
                             level="WARN", meta=meta))
    _check(record, "cron.job_timeout", {"phase": "model-call-started", "jobId": "daily-digest"})
    other = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "cron", "cron: job run returned error status",
                            level="WARN", meta={"jobId": "daily-digest", "error": "Error: boom"}))
    _check(other, "cron.job_error", {"error": "Error: boom"})


def test_the_console_form_of_a_cron_run_error_carrying_the_job_timeout_is_that_timeout_too() -> None:
    # (q62) the console prints the run's meta as words after the message: its `error=` is the job's own timeout, read
    # with its phase as the file form's meta error is
    line = ("2026-05-21T18:10:00.040+08:00 [cron] cron: job run returned error status jobId=daily-digest "
            'jobName=digest error="cron: job execution timed out (last phase: model-call-started)"')
    _check(_one(line), "cron.job_timeout", {"phase": "model-call-started", "jobId": "daily-digest"})
    bare = line.replace('error="', "error=").rstrip('"')
    _check(_one(bare), "cron.job_timeout", {"phase": "model-call-started"})
    # another error keeps the run's error line
    refused = line.replace("cron: job execution timed out (last phase: model-call-started)",
                           "Delivering to BlueBubbles requires --to <handle|chat_guid:GUID>")
    _check(_one(refused), "cron.job_error", {"stage": "job run returned error status"})


def test_a_disable_line_repeating_a_runs_timeout_is_not_a_second_timeout() -> None:
    # (q62) src/cron/service/timer.ts logs the run's error once ("job run returned error status"), then a one-shot
    # job's disable repeats it in its meta: one timed-out run, one cron.job_timeout
    error = "cron: job execution timed out (last phase: model-call-started)"
    for message, meta in (
            ("cron: disabling one-shot job after error",
             {"jobId": "d", "jobName": "digest", "consecutiveErrors": 1, "error": error, "reason": "permanent error"}),
            ("cron: auto-disabled job after consecutive run failures",
             {"jobId": "d", "name": "digest", "consecutiveErrors": 5, "error": error})):
        level = "ERROR" if message.startswith("cron: auto") else "WARN"
        _check(_one(tslog_line("2026-05-21T18:10:00.041+08:00", "cron", message, level=level, meta=meta)),
               "cron.job_error", {"jobId": "d"})


def _cron_run_lines(error: str | None) -> list[tuple[str, str, str, str, dict[str, object] | None]]:
    """One isolated cron run as the gateway logs it (src/cron/service/timer.ts, the agent's embedded run lines): its
    model call, then either the job's error line and the back-off (``error``) or the run's reply delivered."""
    lines: list[tuple[str, str, str, str, dict[str, object] | None]] = [
        ("2026-05-21T18:00:00.010+08:00", "agent/embedded", "DEBUG",
         "embedded run start: runId=r1 sessionId=s1 provider=openai model=gpt-5 thinking=off messageChannel=cron", None),
        ("2026-05-21T18:00:00.020+08:00", "agent/embedded", "DEBUG", "embedded run agent start: runId=r1", None)]
    if error is None:
        return [*lines,
                ("2026-05-21T18:00:41.000+08:00", "agent/embedded", "DEBUG",
                 "embedded run agent end: runId=r1 isError=false", None),
                ("2026-05-21T18:00:41.300+08:00", "telegram", "INFO", "telegram sendMessage ok chat=7201110294 "
                 "message=1387", None)]
    if "timed out" in error:
        lines.append(("2026-05-21T18:10:00.030+08:00", "cron", "WARN", "cron: cleaned up timed-out agent run",
                      {"jobId": "daily-digest", "sessionId": "s1", "aborted": True, "drained": True}))
    return [*lines,
            ("2026-05-21T18:10:00.040+08:00", "cron", "WARN", "cron: job run returned error status",
             {"jobId": "daily-digest", "jobName": "digest", "error": error, "diagnosticsSummary": error}),
            ("2026-05-21T18:10:00.050+08:00", "cron", "INFO", "cron: applying error backoff",
             {"jobId": "daily-digest", "consecutiveErrors": 1, "backoffMs": 30000, "nextRunAtMs": 1779358230050})]


def _cron_run_scans(tmp_path: Path, error: str | None) -> list[tuple[list[str], int]]:
    """The run in its file form and its console form (meta as ``key=value`` words): each one's primary classes and
    its count of fault lines no rule explains."""
    rows = _cron_run_lines(error)
    jsonl = tmp_path / "jsonl.log"
    jsonl.write_text("\n".join(tslog_line(t, sub, msg, level, meta=meta) for t, sub, level, msg, meta in rows) + "\n")
    console = tmp_path / "console.log"

    def words(meta: dict[str, object] | None) -> str:
        return "".join(f' {k}="{v}"' if isinstance(v, str) and " " in v else f" {k}={json.dumps(v).strip(chr(34))}"
                       for k, v in (meta or {}).items())
    console.write_text("\n".join(f"{t} [{sub}] {msg}{words(meta)}" for t, sub, _, msg, meta in rows) + "\n")
    scans = []
    for path in (jsonl, console):
        analysis = analyze_paths([str(path)])
        scans.append(([i.primary.rule.id for i in analysis.incidents if i.primary is not None],
                      analysis.unexplained.count))
    return scans


def test_a_cron_run_cut_in_its_model_call_reads_alike_in_the_file_and_the_console(tmp_path: Path) -> None:
    # (q62) the job's own timeout with the model call under way is RC01's signal in either form (policy "cron job
    # timeout record")
    error = "cron: job execution timed out (last phase: model-call-started)"
    jsonl, console = _cron_run_scans(tmp_path, error)
    assert jsonl == console
    assert jsonl[0] == ["RC01"]


@pytest.mark.parametrize("error", [
    "Delivering to BlueBubbles requires --to <handle|chat_guid:GUID>",  # a delivery refusal
    "⚠️ ⏰ Cron failed",  # a tool error the model reported
    "cron: job execution timed out",  # the job outgrew its limit, no phase named
    "cron: job execution timed out (last phase: setup)",
    "cron: job execution timed out (last phase: delivery)",
    # policy "pre-model cron watchdog abort": null, RC01 forbidden
    "cron: isolated agent run stalled before first model call (last phase: attempt-dispatch)",
])
def test_a_cron_run_error_that_is_no_model_call_hang_gives_no_finding_in_either_form(tmp_path: Path,
                                                                                      error: str) -> None:
    # (q62) a fault no rule judges (no all-clear), the same in the file and the console
    assert _cron_run_scans(tmp_path, error) == [([], 1), ([], 1)]


def test_a_healthy_cron_run_stays_quiet_in_either_form(tmp_path: Path) -> None:
    # (q62) started, its model call, finished, its reply delivered: no finding, nothing unexplained
    assert _cron_run_scans(tmp_path, None) == [([], 0), ([], 0)]


def test_a_thrown_cron_run_keeps_the_reading_of_its_error() -> None:
    # "cron: job failed: <error>" is searched after every other family: the job's own timeout keeps its phase
    timed_out = _one("2026-05-21T18:00:00.000+08:00 [cron] cron: job failed: cron: job execution timed out "
                     "(last phase: model-call-started)")
    _check(timed_out, "cron.job_timeout", {"phase": "model-call-started"})
    plain = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "cron", "cron: job failed: Error: gateway closed",
                            level="WARN", meta={"jobId": "daily-digest", "timeoutMs": 600000}))
    _check(plain, "cron.job_error", {"error": "Error: gateway closed", "jobId": "daily-digest"})


def test_the_file_form_of_a_codex_turn_watchdog_carries_its_fields_in_the_meta_object() -> None:
    meta = {"threadId": "thr_1", "turnId": "turn_2", "idleMs": 300004, "timeoutMs": 300000,
            "lastActivityReason": "notification:item/started"}
    event = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "agent/embedded",
                            "codex app-server turn idle timed out waiting for terminal event", level="WARN", meta=meta))
    _check(event, "codex.turn_idle_timeout", {"waitingFor": "terminal event", "turnId": "turn_2", "idleMs": 300004})


@pytest.mark.parametrize(("tool", "extra"), [
    ("image_generate", {}),
    ("process", {"processAction": "poll", "processSessionId": "rapid-crustacean", "processRequestedTimeoutMs": 30000}),
])
def test_the_file_form_of_the_codex_tool_watchdog_carries_tool_and_timeout_in_the_meta_object(
        tool: str, extra: dict[str, object]) -> None:
    # (h52) extensions/codex/src/app-server/dynamic-tool-execution.ts: embeddedAgentLog.warn("codex dynamic tool call
    # timed out", {...meta, consoleMessage}); the console prints consoleMessage, the file the bare message
    meta = {"tool": tool, "toolCallId": "call_1", "threadId": "thr_1", "turnId": "turn_1", "timeoutMs": 120000,
            "timeoutKind": "codex_dynamic_tool_rpc", **extra,
            "consoleMessage": f"codex dynamic tool timeout: tool={tool} toolTimeoutMs=120000; per-tool-call watchdog, "
                              "not session idle"}
    event = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "agent/embedded", "codex dynamic tool call timed out",
                            level="WARN", meta=meta))
    _check(event, "tools.timeout", {"tool": tool, "timeoutMs": 120000, **extra})
    assert event.seconds["timeoutMs"] == 120
    assert event.level == "warn"


def test_the_drains_older_budget_wording_still_reads() -> None:
    event = _one("draining 1 active task(s) and 2 active embedded run(s) before restart (timeout 90000ms)")
    _check(event, "gateway.draining", {"stage": "draining", "tasks": 1, "runs": 2, "timeoutMs": 90000})
    unbounded = _one("draining 0 active task(s) and 1 active embedded run(s) before restart without a timeout")
    _check(unbounded, "gateway.draining", {"drainBudget": "without a timeout"})


def test_a_deferred_restart_pasted_without_its_reasons_keeps_its_counts() -> None:
    # (pastes drop the parenthesised reasons or elide them; the counts are what RC17 reads)
    dropped = _one("config change requires gateway restart — deferring until 4 operation(s), 2 reply(ies), "
                   "2 embedded run(s) complete")
    _check(dropped, "gateway.reload_required", {"embeddedRuns": 2, "pendingReplies": 2})
    elided = _one("config change requires gateway restart ... deferring until 1 reply(ies), 3 embedded run(s) complete")
    _check(elided, "gateway.reload_required", {"embeddedRuns": 3})
    channel_reload = _one("config change requires channel reload (matrix) - deferring until 2 embedded run(s) complete")
    assert channel_reload.kind == "channel.reload_deferred"  # a channel reload is no gateway restart
    assert channel_reload.fields["embeddedRuns"] == 2


@pytest.mark.parametrize(("line", "expected"), [
    ("openclaw-gateway.service: State 'stop-sigterm' timed out. Killing.", {}),
    ("openclaw-gateway.service: Killing process 260558 (node) with signal SIGKILL.",
     {"pid": 260558, "comm": "node", "signal": "SIGKILL"}),
    ("systemd: State 'stop-sigterm' timed out. Killing.", {}),
    ("May 14 19:05:27 host systemd[1021]: openclaw-gateway.service: State 'stop-sigterm' timed out. Killing.", {}),
])
def test_systemds_kill_of_the_gateway_unit_as_pasted(line: str, expected: dict[str, object]) -> None:
    _check(_one(line), "gateway.stop_killed", expected)


@pytest.mark.parametrize("line", [
    "openclaw-gateway.service: Killing process 260558 (node) with signal SIGTERM.",  # the ordinary stop
    "openclaw-gateway.service: Main process exited, code=killed, status=9/KILL",
    "the service got killed with SIGKILL after the stop timed out",  # a reporter's words
])
def test_systemd_look_alikes_are_no_kill_of_a_stop(line: str) -> None:
    assert _one(line).kind != "gateway.stop_killed"


@pytest.mark.parametrize(("line", "expected"), [
    ("openclaw-gateway.service: Main process exited, code=killed, status=9/KILL", {"signal": "SIGKILL", "exitStatus": 9}),
    ("May 14 19:05:27 host systemd[1021]: openclaw-gateway.service: Main process exited, code=killed, status=6/ABRT",
     {"signal": "SIGABRT"}),
    ("openclaw-gateway.service: Failed with result 'oom-kill'.", {"reason": "oom-kill"}),
    ("openclaw-gateway.service: A process of this unit has been killed by the OOM killer.", {"reason": "oom-kill"}),
    ("PM2      | App [openclaw-gateway:0] exited with code [0] via signal [SIGKILL]",
     {"app": "openclaw-gateway:0", "exitCode": 0, "signal": "SIGKILL"}),
    ("PM2 | App [openclaw] with id [0] and pid [4821], exited with code [1] via signal [SIGKILL]",
     {"app": "openclaw", "pid": 4821, "signal": "SIGKILL"}),
])
def test_the_service_managers_word_that_the_gateway_died_by_a_signal(line: str, expected: dict[str, object]) -> None:
    _check(_one(line), "gateway.process_killed", expected)


@pytest.mark.parametrize(("line", "expected"), [
    ("May 14 19:05:27 host systemd[1021]: openclaw-gateway.service: Main process exited, code=exited, status=1/FAILURE",
     {"unit": "openclaw-gateway.service", "exitStatus": 1, "exitName": "FAILURE"}),
    ("systemd: clawdbot.service: Main process exited, code=exited, status=143/n/a", {"exitStatus": 143}),
    ("openclaw-gateway-work.service: Failed with result 'exit-code'.", {"reason": "exit-code"}),
])
def test_the_service_managers_word_that_the_gateway_exited_with_a_failure(line: str, expected: dict[str, object]) -> None:
    _check(_one(line), "gateway.process_exited", expected)


@pytest.mark.parametrize("line", [
    "openclaw-gateway.service: Main process exited, code=exited, status=0/SUCCESS",  # a clean exit
    "nginx.service: Main process exited, code=exited, status=1/FAILURE",  # another unit
    "systemd: Failed with result 'exit-code' (29 times)",  # a reporter's summary naming no unit
])
def test_a_clean_exit_or_another_units_is_no_gateway_exit(line: str) -> None:
    assert _one(line).kind != "gateway.process_exited"


def test_systemds_restart_of_the_unit_is_a_lifecycle_line() -> None:
    _check(_one("openclaw-gateway.service: Scheduled restart job, restart counter is at 33."), "gateway.unit_lifecycle",
           {"stage": "Scheduled restart", "restartCounter": 33, "unit": "openclaw-gateway.service"})


@pytest.mark.parametrize(("line", "expected"), [
    ("openclaw-gateway.service: Start request repeated too quickly.", {"reason": "Start request repeated too quickly"}),
    ("openclaw-gateway.service: Failed with result 'start-limit-hit'.", {"reason": "start-limit-hit"}),
    ("Failed to start openclaw-gateway.service - OpenClaw Gateway (v2026.11.1).", {"unit": "openclaw-gateway.service"}),
    ("Bootstrap failed: 5: Input/output error", {"bootstrapError": 5, "reason": "Input/output error"}),
    ("Gateway restart failed: Error: launchctl bootstrap failed: Bootstrap failed: 5: Input/output error",
     {"action": "restart", "error": "Error: launchctl bootstrap failed: Bootstrap failed: 5: Input/output error"}),
    ("Gateway start failed: Error: systemctl restart failed: Job for openclaw-gateway.service failed.",
     {"action": "start"}),
    ("Service is loaded but not running (likely exited immediately).", {"reason": "not running"}),
])
def test_the_gateways_service_not_started_by_its_manager(line: str, expected: dict[str, object]) -> None:
    _check(_one(line), "gateway.service_failed", expected)


@pytest.mark.parametrize("line", [
    "openclaw-gateway.service: Main process exited, code=exited, status=1/FAILURE",  # an exit of its own
    "openclaw-gateway.service: Failed with result 'exit-code'.",
    "openclaw-gateway.service: Scheduled restart job, restart counter is at 5.",
    "PM2      | App [openclaw-gateway:0] exited with code [0] via signal [SIGINT]",  # pm2's ordinary stop
    "the OOM killer may have killed the gateway",  # a reporter's words
])
def test_service_manager_look_alikes_are_no_kill(line: str) -> None:
    assert _one(line).kind != "gateway.process_killed"


def test_the_fast_path_decodes_every_consumed_line(tmp_path: Path) -> None:
    path = tmp_path / "openclaw-2026-05-21.log"
    path.write_text("".join(tslog_line(f"2026-05-21T18:{i // 60:02d}:{i % 60:02d}.000+08:00", subsystem, message, level=level) + "\n"
                            for i, (subsystem, level, message, _, _) in enumerate(LINES)))
    full = [e for e in parse_path(str(path), ParseOptions(), ParseStats()) if e.kind in CONSUMED_KINDS]
    quick = [e for e in iter_scan_events([str(path)], ParseOptions(), ParseStats()) if e.kind in CONSUMED_KINDS]
    assert full, "some of these kinds are consumed by the correlator"
    assert [(e.line, e.kind, dict(e.fields)) for e in quick] == [(e.line, e.kind, dict(e.fields)) for e in full]


def test_a_feishu_inbound_failure_on_a_session_lock_stays_the_locks_evidence() -> None:
    line = ("feishu[default]: error handling message: Error: session file locked (timeout 60000ms): pid=4821 "
            "/home/u/.openclaw/agents/main/sessions/2bc0117f-8cd0-43a6-a382-1b4ebc062f6d.jsonl.lock")
    event = _one(line)
    assert event.kind == "lock.timeout"
    assert event.fields.get("lockPid") == 4821


def test_a_fallback_summary_naming_cooled_down_providers_stays_a_summary() -> None:
    line = ("Embedded agent failed before reply: All models failed (2): minimax/MiniMax-M2.1: Provider minimax is in "
            "cooldown (all profiles unavailable) (rate_limit) | kimi-coding/k2p5: Provider kimi-coding is in cooldown "
            "(all profiles unavailable) (rate_limit)")
    assert _one(line).kind == "model.all_failed"


def test_the_degraded_event_loop_reads_its_duration_in_seconds() -> None:
    event = _one("Gateway event loop degraded for 3m (p99 61000ms) reasons=event_loop_delay eventLoopDelayMaxMs=62000")
    assert event.seconds.get("degradedFor") == 180


def test_an_exec_timeout_after_the_commands_output_is_read_from_the_whole_record() -> None:
    # logError's root-logger record: the [tools] tag in the text, the command's output before the reason.
    message = "[tools] exec failed: npm ERR! code ETIMEDOUT\nnpm ERR! network request failed\n\nCommand timed out after 600 seconds"
    event = _one(tslog_line("2026-05-21T18:00:00.000+08:00", None, message, level="ERROR"))
    _check(event, "tools.timeout", {"tool": "exec", "timeoutSeconds": 600})


def test_a_bundle_mcp_line_pasted_with_its_logger_prefix() -> None:
    _check(_one('bundle-mcp: recycling server "github" after repeated timeouts'), "mcp.request_timeout",
           {"server": "github"})
    _check(_one('bundle-mcp: failed to refresh server "fs" (node server.js): Error: spawn ENOENT'), "mcp.server_failed",
           {"action": "refresh", "launch": "node server.js"})


def test_the_whatsapp_reconnect_record_carries_its_attempt_in_the_meta_object() -> None:
    meta = {"connectionId": "c-1", "status": 428, "reconnectAttempts": 3, "maxAttempts": 12, "delayMs": 8000}
    event = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "gateway/channels/whatsapp", "web reconnect: scheduling retry",
                            level="INFO", meta=meta))
    _check(event, "channel.auto_restart", {"reconnectAttempts": 3, "delayMs": 8000})


def test_the_cron_timeout_cleanup_names_its_session_in_the_meta_object() -> None:
    meta = {"jobId": "daily-digest", "sessionId": SID, "sessionKey": "agent:main:cron:daily-digest", "aborted": True,
            "drained": False, "forceCleared": True}
    event = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "cron", "cron: cleaned up timed-out agent run",
                            level="WARN", meta=meta))
    _check(event, "cron.timeout_cleanup", {"sessionId": SID, "drained": False, "forceCleared": True})


def test_an_active_memory_recall_timeout_is_no_model_call_timeout() -> None:
    # The recall sub-run's own budget ran out; the user's turn goes on without memory context.
    event = _one(f"active-memory: agent=main session={KEY} done status=timeout elapsedMs=15012 summaryChars=0")
    assert event.kind == "memory.recall"
    # The correlator reads it only to know the recall's own failover lines are not the user's model call
    # (tests/test_pasted_readings.py); a recall line never opens or extends a finding.
    assert event.kind in CONSUMED_KINDS


@pytest.mark.parametrize("message", [
    "Command timed out",  # no reason the exec tool writes
    "exec failed: Command exited with code 1",
    'recycling server "github" after lunch',
    'server "github" restarted',
    "WhatsApp Web connection closed (status 428). Something else entirely",
    "mattermost reconnecting soon",
    "agent=main session=agent:main:main started work",
    "cleaned up the logs",
    "Gateway is reachable",
    "session transcript looks fine",
    "No active session found for agent:main:main",  # not an exec session's slug
])
def test_third_audit_look_alikes_stay_generic(message: str) -> None:
    assert _one(message).kind == "generic"


LOCK = "~/.openclaw/agents/main/sessions/2bc0117f-8cd0-43a6-a382-1b4ebc062f6d.jsonl.lock"


# CLI output: no time, no subsystem, printed with its indentation (and doctor's inside a note box).
@pytest.mark.parametrize(("line", "kind", "expected"), [
    ("Reachable: no", "gateway.unreachable", {"reachable": "no"}),
    ("  Connect: failed - timeout", "gateway.timeout", {"probeError": "timeout"}),
    ("  Connect: ok (23ms) · RPC: failed - timeout", "gateway.timeout", {"connectLatencyMs": 23, "probeError": "timeout"}),
    ("  Connect: failed - connect failed: connect ECONNREFUSED 127.0.0.1:18789", "gateway.connect_failed",
     {"error": "connect failed: connect ECONNREFUSED 127.0.0.1:18789"}),
    ("  Connect: failed - gateway closed (1000): no close reason", "gateway.connect_failed",
     {"error": "gateway closed (1000): no close reason"}),
    ("- Gateway accepted the WebSocket connection, but follow-up read diagnostics failed: timeout", "gateway.timeout",
     {"probeError": "timeout"}),
    ("- No gateway answered any probe and Bonjour discovery returned no local gateways. Run `openclaw gateway status "
     "--deep --require-rpc` to inspect service state", "gateway.unreachable", {}),
    ("RPC probe: failed", "gateway.unreachable", {}),
    ("Gateway port 18789 is not listening (service appears running).", "gateway.unreachable", {"port": 18789}),
    (f"- {LOCK} pid=4821 (dead) age=2h3m stale=yes (dead-pid)", "lock.stale",
     {"lockPath": LOCK, "lockPid": 4821, "lockPidAlive": False, "reasons": "dead-pid"}),
    (f"- {LOCK} pid=4821 (alive) age=41m2s stale=yes (too-old) [removed]", "lock.stale_removed",
     {"lockPid": 4821, "lockPidAlive": True, "reasons": "too-old"}),
    (f"- {LOCK} pid=missing age=unknown stale=yes (invalid-contents)", "lock.stale", {"reasons": "invalid-contents"}),
    (f"│  - {LOCK} pid=4821 (dead) age=2h3m stale=yes (dead-pid)    │", "lock.stale", {"lockPidAlive": False}),
    ("│  - Removed 1 stale session lock file.                     │", "lock.doctor_removed", {"count": 1}),
    (f"Stale session lock file: {LOCK} (dead-pid)", "lock.stale", {"lockPath": LOCK, "reasons": "dead-pid"}),
    ("- 2/5 recent sessions are missing transcripts. Check for deleted session files or split state dirs.",
     "transcript.missing", {"missingTranscripts": 2, "recentSessions": 5}),
    ("- Main session transcript has only 1 line. Session history may not be appending.", "transcript.missing",
     {"transcriptLines": 1}),
    ("[WARN]  socket-mode:SlackWebSocket:17 A pong wasn't received from the server before the timeout of 5000ms!",
     "channel.transport_error", {"channel": "slack", "heartbeat": "pong", "timeoutMs": 5000}),
    # `openclaw channels status [--probe]`: an enabled, configured account not running, or running but disconnected
    ("- Telegram default: enabled, configured, stopped, disconnected, mode:polling, bot:@mybot, token:config, "
     "error:Network request for 'getUpdates' failed!", "channel.exited",
     {"channel": "telegram", "account": "default", "channelState": "stopped",
      "error": "Network request for 'getUpdates' failed!"}),
    ("- Discord work (Acme): enabled, configured, stopped, bot:@acme, token:env, error:Used disallowed intents",
     "channel.exited", {"channel": "discord", "account": "work", "channelState": "stopped",
                        "error": "Used disallowed intents"}),
    ("- WhatsApp default: enabled, configured, linked, running, disconnected, in:5h ago, dm:pairing, error:status 408",
     "channel.transport_error", {"channel": "whatsapp", "channelState": "disconnected", "error": "status 408"}),
    ("- Google Chat default: enabled, configured, running, disconnected, probe failed", "channel.transport_error",
     {"channel": "googlechat", "channelState": "disconnected"}),
    # `openclaw health`: a channel's probe of its platform failed
    ("Telegram: failed (unknown) - This operation was aborted", "channel.transport_error",
     {"channel": "telegram", "error": "This operation was aborted"}),
    ("Google Chat: failed (503)", "channel.transport_error", {"channel": "googlechat", "httpStatus": 503}),
    # `openclaw status --all`'s Channels table: a WARN row carrying the running gateway's runtime issue
    ("│ Telegram │ ON      │ WARN     │ token config (8504…5YTc · len 46) · accounts 1/1 · gateway: Channel error: "
     "Network request for 'getUpdates' failed! │", "channel.transport_error",
     {"channel": "telegram", "error": "Channel error: Network request for 'getUpdates' failed!"}),
    ("│ WhatsApp │ ON      │ WARN     │ linked · +15551234567 · gateway: Linked but disconnected (reconnectAttempts=4): "
     "status 408 │", "channel.transport_error",
     {"channel": "whatsapp", "error": "Linked but disconnected (reconnectAttempts=4): status 408"}),
    ("│ Google Chat │ ON │ WARN │ configured · gateway: Channel error: 401 Unauthorized │", "channel.transport_error",
     {"channel": "googlechat"}),
])
def test_cli_output_as_pasted(line: str, kind: str, expected: dict[str, object]) -> None:
    event = _one(line)
    _check(event, kind, expected)
    assert event.time is None


@pytest.mark.parametrize("line", [
    "- Telegram default: enabled, configured, running, connected, in:2m ago, out:2m ago, mode:polling, bot:@mybot, "
    "token:config, works",
    "- Discord default: enabled, configured, running, connected, bot:@x, works, audit ok",
    "- Slack work (Acme): disabled, configured, stopped, token:config",  # a channel switched off
    "- Signal default: enabled, not configured, stopped",  # one never set up
    # an account the manager has not started (no error, no stop): policy "channel status snapshot without an error"
    "- Discord work (Acme): enabled, configured, stopped, bot:@acme, token:env",
    "- Telegram default: enabled, configured, token:config",  # the config-only listing (gateway not reachable)
    "- Telegram default: enabled, configured, running, works, error:409: Conflict",  # an old error, running now
])
def test_channel_status_listing_of_a_serving_or_unused_account_is_read_as_its_state(line: str) -> None:
    # (recognised as OpenClaw output, so a pasted listing is no "no OpenClaw lines" input error; no rule reads it)
    event = _one(line)
    assert event.kind == "channel.status"
    assert event.fields["enabled"] in ("enabled", "disabled")


def test_a_pasted_channel_listing_of_serving_and_unstarted_accounts_is_read_and_no_fault() -> None:
    from tests.test_rc18_channel_policies import rc18

    assert rc18("- Telegram default: enabled, configured, running, connected, works",
                "- Slack default: enabled, configured, stopped, disconnected",
                "- Signal default: enabled, not configured, stopped") is None


@pytest.mark.parametrize("line", [
    "Telegram: ok (@mybot) (312ms)",  # `openclaw health`'s serving channels
    "WhatsApp: linked (auth age 12m)",
    "Slack: configured",
    "Weather: failed (unknown) - no station",  # no channel's label
    # `openclaw status --all`'s Channels table: healthy, disabled, not set up, or WARN from the config alone
    "│ Slack    │ ON      │ OK       │ tokens ok (bot config, app config) · accounts 1/1 │",
    "│ Signal   │ OFF     │ OFF      │ disabled │",
    "│ WhatsApp │ ON      │ SETUP    │ not linked │",
    "│ Slack    │ ON      │ WARN     │ partial tokens (need bot+app) · accounts 1 │",
    "│ Slack    │ ON      │ WARN     │ missing file (/srv/slack-token) │",
    "│ Discord  │ ON      │ WARN     │ token config · gateway: Message Content Intent is disabled. Bot may not see "
    "messages. │",  # a config issue the gateway reports
    "│ Discord  │ OFF     │ OFF      │ disabled · gateway: Channel error: stale │",  # a disabled channel's old error
])
def test_channel_status_lines_of_a_serving_or_unused_account_stay_plain(line: str) -> None:
    assert _one(line).kind == "generic"


# The Lark SDK's default logger on the gateway's console (extensions/feishu/src/client.ts wires no logger of its
# own): pasted bare, in the file log as a record with no subsystem, and as `openclaw logs` prints it.
@pytest.mark.parametrize(("message", "kind", "expected"), [
    ("[info]: [ '[ws]', 'reconnect' ]", "channel.reconnecting", {"channel": "feishu"}),
    ("[info]: [ '[ws]', 'ws client ready' ]", "channel.polling_started", {"channel": "feishu"}),
    ("[error]: [ '[ws]', 'ws connect failed' ]", "channel.transport_error", {"channel": "feishu", "error": "ws connect failed"}),
    ("[error]: [ '[ws]', 'timeout of 30000ms exceeded' ]", "channel.transport_error", {"timeoutMs": 30000}),
    ("[info]: [ 'ws', 'unable to connect to the server after trying 3 times\")' ]", "channel.transport_error",
     {"channel": "feishu", "attempt": 3}),
    ("[ws] unable to connect to the server after trying 7 times", "channel.transport_error",  # (#52618's paste)
     {"channel": "feishu", "attempt": 7}),
    ("[error]: AxiosError: timeout of 30000ms exceeded", "channel.transport_error", {"channel": "feishu", "timeoutMs": 30000}),
    ("[error]: [\n  AxiosError: timeout of 10000ms exceeded\n      at createTimeoutError (axios.cjs:3205:14)",
     "channel.transport_error", {"channel": "feishu", "timeoutMs": 10000}),
])
def test_the_lark_sdk_console_lines_in_every_form(message: str, kind: str, expected: dict[str, object]) -> None:
    first_line = message.split("\n", 1)[0] + (" " + message.split("\n")[1].strip() if "\n" in message else "")
    _check(_one(first_line), kind, expected)
    _check(_one(tslog_line("2026-05-21T18:00:00.000+08:00", None, message, level="INFO")), kind, expected)
    _check(_one(f"09:32:34+00:00 info {first_line}"), kind, expected)


# The Lark SDK's ws-client failing to invoke the handler of an inbound event (t49e; @larksuiteoapi/node-sdk ws-client,
# handleEventData): "invoke event failed, message_type: <t>; message_id: <id>; trace_id: <id>; error: <err>", which
# the default logger prints as an array Node breaks over lines (the text in double quotes when it holds a quote).
LARK_INVOKE_CODE_FAULT = ("invoke event failed, message_type: event; message_id: om_x100b4f2a9c3e8d10c2e1d7a0b5f6e3c; "
                          "trace_id: 5f1e2d3c4b5a6978; error: TypeError: Cannot read properties of undefined "
                          "(reading 'message_id')")
LARK_INVOKE_OTHER = ("invoke event failed, message_type: event; message_id: om_x100b4f2a9c3e8d10c2e1d7a0b5f6e3c; "
                     "trace_id: 5f1e2d3c4b5a6978; error: Error: Request failed with status code 400")
LARK_INVOKE_FIELDS = {"channel": "feishu", "messageType": "event", "messageId": "om_x100b4f2a9c3e8d10c2e1d7a0b5f6e3c",
                      "traceId": "5f1e2d3c4b5a6978"}


@pytest.mark.parametrize(("text", "kind", "error"), [
    (LARK_INVOKE_CODE_FAULT, "channel.handler_broken", "TypeError: Cannot read properties of undefined "
                                                       "(reading 'message_id')"),
    (LARK_INVOKE_OTHER, "channel.inbound_failed", "Error: Request failed with status code 400"),
])
def test_the_lark_sdk_invoke_failure_in_every_form(text: str, kind: str, error: str) -> None:
    expected = {**LARK_INVOKE_FIELDS, "error": error}
    quoted = f'"{text}"' if "'" in text else f"'{text}'"
    printed = ["[error]: [", "  '[ws]',", f"  {quoted}", "]"]
    for lines in (printed, [f"2026-05-21T18:00:00.000+08:00 [gateway/channels/feishu] {printed[0]}", *printed[1:]],
                  [f"09:32:34+00:00 info {printed[0]}", *printed[1:]]):
        events = parse_text_lines(lines, "openclaw-2026-05-21.log", ParseOptions())
        assert len(events) == 1, [e.message for e in events]  # (the elements and the bracket are that one line)
        _check(events[0], kind, expected)
    _check(_one(tslog_line("2026-05-21T18:00:00.000+08:00", None, "\n".join(printed), level="INFO")), kind, expected)
    _check(_one(f"[error]: [ '[ws]', {quoted} ]"), kind, expected)
    _check(_one(f"2026-05-21T18:00:00.000+08:00 [ws] {text}"), kind, expected)  # (console-cut)
    _check(_one(text), kind, expected)


def test_the_lark_invoke_failure_lines_are_counted_once(tmp_path: Path) -> None:
    path = tmp_path / "gateway.log"
    path.write_text("2026-05-21T18:00:00.000+08:00 [gateway/channels/feishu] feishu[default]: WebSocket client started\n"
                    f"[error]: [\n  '[ws]',\n  \"{LARK_INVOKE_CODE_FAULT}\"\n]\n"
                    "2026-05-21T18:00:09.000+08:00 [gateway] next\n", encoding="utf-8")
    stats = ParseStats()
    events = list(parse_path(str(path), ParseOptions(), stats))
    assert [e.kind for e in events] == ["channel.polling_started", "channel.handler_broken", "generic"]
    assert stats.unparsed == 0


def test_an_argument_list_printed_over_lines_is_one_line_whatever_it_says() -> None:
    """Node's print of a logger's argument array ("[info]: [" / its elements / "]") joins back into one line; lines
    after its closing bracket are lines of their own."""
    events = parse_text_lines(["[info]: [", "  '[ws]',", "  'receive message, message_type: event; message_id: m1'",
                               "]", "  not part of it"], "x.log", ParseOptions())
    assert [e.message for e in events][0] == ": [ '[ws]', 'receive message, message_type: event; message_id: m1' ]"
    assert len(events) == 2


def test_an_argument_list_cut_before_its_bracket_swallows_no_line_a_family_reads() -> None:
    """q54: a paste that cut Node's printed argument list before its "]" and went on with indented lines of the log:
    a line a family reads, unquoted, is a line of its own (a stall it swallowed was a fault hidden); a quoted string
    element, and any other indented element, still joins."""
    stall = ("  stalled session: sessionId=s2 sessionKey=agent:main:x state=processing age=193s queueDepth=1 "
             "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=embedded_run "
             "lastProgress=embedded_run:started lastProgressAge=179s recovery=none")
    events = parse_text_lines(["[error]: [", "  '[ws]',", stall, "  lane task error: lane=main durationMs=5 "
                               'error="Error: boom"'], "x.log", ParseOptions())
    assert [e.kind for e in events] == ["generic", "session.stalled", "lane.task_error"], [e.message for e in events]
    assert events[0].message == ": [ '[ws]',"
    events = parse_text_lines(["[error]: [", "  AxiosError: timeout of 10000ms exceeded",
                               "      at createTimeoutError (/app/node_modules/axios/dist/node/axios.cjs:3205:14)",
                               "]"], "x.log", ParseOptions())
    assert len(events) == 1, [e.message for e in events]


def test_a_doctor_lock_left_by_a_dead_process_is_the_dead_pid_class(tmp_path: Path) -> None:
    path = tmp_path / "doctor.txt"
    path.write_text("◇  Session locks ──────────╮\n│                           │\n│  - Found 1 session lock file.  │\n"
                    f"│  - {LOCK} pid=4821 (dead) age=2h3m stale=yes (dead-pid)  │\n├───────────────────────────╯\n")
    analysis = analyze_paths([str(path)])
    assert [i.primary.rule.id for i in analysis.incidents if i.primary] == ["RC09"]


@pytest.mark.parametrize("message", [
    "Reachable: yes",
    "  Connect: ok (23ms) · RPC: ok",
    "  Connect: ok (23ms) · RPC: failed - missing scope: operator.read",  # the gateway answered; a scope is missing
    "RPC probe: ok",
    f"- {LOCK} pid=4821 (alive) age=12s stale=no",  # a run holding its lock
    "telegram sendMessage failed: Call to 'sendMessage' failed! (400: Bad Request: message is not modified)",
    "[info]: [ '[ws]', 'receive events through persistent connection only available in self-build & Feishu app' ]",
    "web_fetch failed: AxiosError: timeout of 30000ms exceeded",  # axios elsewhere, no Lark SDK logger before it
    "Main session transcript looks fine",
])
def test_fourth_audit_look_alikes_stay_generic(message: str) -> None:
    assert _one(message).kind == "generic"


@pytest.mark.parametrize("message", [
    "Nostr error (decrypt from 3bf0c63f): bad MAC",  # one message's failure, not the relay's
    "Nostr error (publish to wss://relay.damus.io): timeout",  # an outbound reply's
    "[default] Circuit breaker closed for relay: wss://relay.damus.io",  # the relay back
    "[default] Nostr final reply failed: Error: Nostr bus not running for account default",  # no relay's words
    "[default] Zalo webhook delete failed: timed out after 5000ms",  # a stop's cleanup
    "discord: gateway closed with code 4000 (unknown error)",  # Discord resumes after this one
    "[default] stopAccount failed: Error: boom",  # a stop that failed, not one that hung
    "Failed to refresh access token for user 12345: invalid token",  # no channel's words
    "calendar /sync error: 500",  # another client's sync, mid-sentence
])
def test_channel_connection_audit_look_alikes_stay_generic(message: str) -> None:
    assert _one(message).kind == "generic"


@pytest.mark.parametrize(("message", "kind", "expected"), [
    ("[SSE] Stream ended, attempting reconnection...", "channel.reconnecting", {}),
    ("[SSE] Reconnection attempt 3/10 in 4000ms...", "channel.reconnecting", {"attempt": 3, "maxAttempts": 10}),
    ("[SSE] Reconnection failed: Error: Stream connection failed: 403", "channel.transport_error",
     {"error": "Error: Stream connection failed: 403"}),
    ("[SSE] Max reconnection attempts (10) reached. Waiting 10s before resetting...", "channel.transport_error",
     {"maxAttempts": 10}),
    ("[SSE] Reconnection successful!", "channel.polling_started", {}),
])
def test_tlons_event_stream_reads_under_its_label(message: str, kind: str, expected: dict[str, object]) -> None:
    # (pasted bare, "[SSE]" reads as the line's tag and the plainer lines are left generic: other clients reconnect
    # in the same words)
    _check(_one(f"2026-05-21T18:00:00.000+08:00 [tlon] {message}"), kind, expected)
    event = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "gateway/channels/tlon", message, level="INFO"))
    _check(event, kind, expected)
    assert _one("Reconnection failed: Error: socket hang up").kind == "generic"


def test_the_fast_path_types_a_channels_own_up_line_as_the_full_parser_does(tmp_path: Path) -> None:
    """A channel client's "Gateway ready" or "reconnected" is read by its subsystem (channels.as_channel_failure), not
    by a family: the JSONL fast path must decode such a record too (channels.UP_NEEDLES)."""
    lines = [("qqbot", "INFO", "[qqbot:default] WebSocket closed: 4009 Session timed out"),
             ("qqbot", "INFO", "[qqbot:default] Gateway ready"),
             ("gateway/channels/feishu", "INFO", "feishu[default]: websocket reconnected"),
             ("gateway/channels/feishu", "INFO", "feishu[default]: connect success")]
    path = tmp_path / "openclaw-2026-05-21.log"
    path.write_text("".join(tslog_line(f"2026-05-21T18:00:{i:02d}.000+08:00", subsystem, message, level=level) + "\n"
                            for i, (subsystem, level, message) in enumerate(lines)))
    full = [(e.line, e.kind) for e in parse_path(str(path), ParseOptions(), ParseStats()) if e.kind in CONSUMED_KINDS]
    quick = [(e.line, e.kind) for e in iter_scan_events([str(path)], ParseOptions(), ParseStats())
             if e.kind in CONSUMED_KINDS]
    assert [kind for _, kind in full].count("channel.polling_started") == 3
    assert quick == full


def test_the_wechat_plugins_own_logger_names_itself_as_a_plain_string_not_the_message() -> None:
    """The WeChat plugin (Tencent/openclaw-weixin, src/util/logger.ts) writes its records itself with its logger's name
    as a plain string in "0" and in _meta.name: the name is the subsystem, not the head of the message."""
    name = "gateway/channels/openclaw-weixin/bot-im-bot"
    record = {"0": name, "1": "[bot-im-bot] getUpdates: 3 consecutive failures, backing off 30s",
              "_meta": {"runtime": "node", "name": name, "parentNames": ["openclaw"], "date": "2026-11-20T10:00:00.000Z",
                        "logLevelId": 5, "logLevelName": "ERROR"}, "time": "2026-11-20T18:00:00.000+08:00"}
    event = _one(json.dumps(record))
    assert event.subsystem == name
    assert event.message == "[bot-im-bot] getUpdates: 3 consecutive failures, backing off 30s"
    assert event.kind == "channel.transport_error"


# The same connection manager's drops, failures and recoveries in words read by the channel's subsystem
# (channels.as_channel_failure), in the file's form and the console's.
DINGTALK_MANAGER_LINES = [
    ("gateway/channels/dingtalk", "ERROR", "[default] Reconnection failed: Failed to connect after 10 attempts",
     "channel.transport_error", {}),
    ("gateway/channels/dingtalk", "WARN", "[default] WebSocket closed event (code: 1006, reason: none)",
     "channel.reconnecting", {}),
    ("gateway/channels/dingtalk", "WARN", "[default] Runtime disconnection detected, initiating reconnection...",
     "channel.reconnecting", {}),
    ("gateway/channels/dingtalk", "WARN", "[default] System sleep/hibernate detected! Time since last health check: "
     "45.2s (threshold: 30s). Forcing reconnection as WebSocket is likely stale.", "channel.reconnecting", {}),
    ("gateway/channels/dingtalk", "INFO", "[default] DingTalk Stream client connected successfully",
     "channel.polling_started", {}),
    ("gateway/channels/dingtalk", "INFO", "[default] Reconnection successful", "channel.polling_started", {}),
]


# The DingTalk connector's Stream connection (zhanglilong23/dingtalk-openclaw-connector src/core/connection.ts, its
# logger tagged "[DingTalk:<account>]") and the WeCom plugin's monitor and sender (WecomTeam/wecom-openclaw-plugin
# src/monitor.ts, src/message-sender.ts), read by the channel's tag (channels.as_channel_failure).
CONNECTOR_LINES = [
    ("DingTalk:__default__", "ERROR", "重连失败：连接建立超时或失败 (尝试 3)", "channel.transport_error"),
    ("DingTalk:__default__", "ERROR", "keepAlive 检测失败：连接建立超时或失败", "channel.transport_error"),
    ("DingTalk:__default__", "INFO", "WebSocket close: code=1006, reason=未知, isStopped=false", "channel.reconnecting"),
    ("DingTalk:__default__", "INFO", "⏳ 等待 4 秒后重连 (尝试 2)", "channel.reconnecting"),
    ("DingTalk:__default__", "INFO", "✅ 重连成功 (socket 状态=1)", "channel.polling_started"),
    ("DingTalk:__default__", "INFO", "Connected to DingTalk Stream successfully", "channel.polling_started"),
    ("DingTalk:__default__", "ERROR", "❌ 处理消息异常 (3/3): Cannot read properties of undefined (reading 'sessionKey')",
     "channel.handler_broken"),
    ("DingTalk:__default__", "ERROR", "❌ 处理消息异常 (4/4): Request failed with status code 500", "generic"),
    ("wecom", "INFO", "[default] Reconnecting attempt 3...", "channel.reconnecting"),
    ("wecom", "INFO", "[default] WebSocket disconnected: code: 1006", "channel.reconnecting"),
    # the client's own close as the account stops is no drop: the WeCom SDK closes with "Manual disconnect" on the
    # plugin's abort, and the DingTalk connector's close listener says isStopped=true
    ("wecom", "INFO", "[default] WebSocket disconnected: Manual disconnect", "channel.stopping"),
    ("wecom", "INFO", "[default] WARN: WebSocket connection closed: Manual disconnect", "channel.stopping"),
    ("wecom", "INFO", "[default] Connection aborted", "channel.stopping"),
    ("DingTalk:__default__", "INFO", "WebSocket close: code=1000, reason=未知, isStopped=true", "channel.stopping"),
    ("DingTalk:__default__", "INFO", "WebSocket close: code=1000, reason=未知, isStopped=false", "channel.reconnecting"),
    # the connector's start note names its backoff policy, no reconnect
    ("DingTalk:__default__", "INFO", "✅ 自定义 keepAlive: true (10 秒心跳，90 秒超时), 指数退避重连", "generic"),
    ("wecom", "ERROR", "WSClient not connected, cannot send reply", "channel.transport_error"),
    ("wecom", "ERROR", "[WeCom] final reply failed: Error: WSClient not connected", "channel.transport_error"),
    ("wecom", "ERROR", "[wecom][plugin] Message processing failed: Error: Message processing timed out (msgId=m1)",
     "generic"),
]


@pytest.mark.parametrize(("subsystem", "level", "message", "kind"), CONNECTOR_LINES)
def test_the_dingtalk_connector_and_wecom_plugin_lines_read_under_their_tags(
        subsystem: str, level: str, message: str, kind: str) -> None:
    _check(_one(tslog_line("2026-05-21T18:00:00.000+08:00", subsystem, message, level=level)), kind, {})
    _check(_one(f"2026-05-21T18:00:00.000+08:00 {level} [{subsystem}] {message}"), kind, {})


@pytest.mark.parametrize(("subsystem", "level", "message", "kind", "expected"), DINGTALK_MANAGER_LINES)
def test_the_dingtalk_connection_managers_lines_read_under_the_channels_subsystem(
        subsystem: str, level: str, message: str, kind: str, expected: dict[str, object]) -> None:
    _check(_one(tslog_line("2026-05-21T18:00:00.000+08:00", subsystem, message, level=level)), kind, expected)
    _check(_one(f"2026-05-21T18:00:00.000+08:00 [{_console_tag(subsystem)}] {message}"), kind, expected)



# The QQ channel plugins in their own repositories (stop 47, t47i): QQ Bot's gateway.ts (sliverp/qqbot) answering op 9
# and giving up its reconnects, the OneBot plugin's copy of that loop, and the NapCat plugin's inbound catch.
QQ_PLUGIN_LINES = [
    ("gateway/channels/qqbot", "ERROR", "[qqbot:default] Invalid session (groups_and_guilds+direct_message+interaction), "
     'can resume: false, raw: {"op":9,"d":false}', "channel.transport_error",
     {"channel": "qqbot", "account": "default", "canResume": False,
      "intents": "groups_and_guilds+direct_message+interaction"}),
    ("gateway/channels/qqbot", "ERROR", "[qqbot:bot2] Invalid session, can resume: true", "channel.transport_error",
     {"channel": "qqbot", "account": "bot2", "canResume": True}),
    ("gateway/channels/qqbot", "ERROR", "[qqbot:default] Max reconnect attempts reached or aborted",
     "channel.restart_gave_up", {"channel": "qqbot", "account": "default"}),
    ("gateway/channels/qqbot", "ERROR", "Max reconnect attempts reached or aborted", "channel.restart_gave_up", {}),
    ("gateway/channels/onebot", "ERROR", "[onebot:default] Max reconnect attempts reached or aborted",
     "channel.restart_gave_up", {"channel": "qq", "account": "default"}),
    # (Discord's give-up, with its count, keeps its own family)
    ("gateway/channels/discord", "ERROR", "Max reconnect attempts (50) reached after code 1006", "channel.restart_gave_up",
     {"maxAttempts": 50, "closeCode": 1006}),
    ("gateway/channels/napcat", "ERROR", "[default] NapCat message processing error: TypeError: Cannot read properties "
     "of undefined (reading 'card')", "channel.handler_broken", {"channel": "qq", "account": "default"}),
    # (a network error there is no fault of the handler's code: read as the channel's transport, not a broken handler)
    ("gateway/channels/napcat", "ERROR", "[default] NapCat message processing error: Error: connect ECONNREFUSED "
     "127.0.0.1:3000", "channel.transport_error", {}),
]


@pytest.mark.parametrize(("subsystem", "level", "message", "kind", "expected"), QQ_PLUGIN_LINES)
def test_the_qq_channel_plugins_lines_read_under_their_tags(
        subsystem: str, level: str, message: str, kind: str, expected: dict[str, object]) -> None:
    _check(_one(tslog_line("2026-05-21T18:00:00.000+08:00", subsystem, message, level=level)), kind, expected)
    _check(_one(f"2026-05-21T18:00:00.000+08:00 [{_console_tag(subsystem)}] {message}"), kind, expected)


# QQ Bot's reply dispatch (sliverp/qqbot src/gateway.ts; stop 47, t47j): its onError and the dispatch's own rejection on
# a fault of the code read as a broken handler; its wait for the first reply running out (and the older builds' and
# their copies' "No response within timeout") as a turn outliving the channel's reply budget, not a lost reply.
QQ_DISPATCH_LINES = [
    ("gateway/channels/qqbot", "ERROR", "[qqbot:default] Dispatch error: TypeError: Cannot read properties of undefined "
     "(reading 'sendText')", "channel.handler_broken", {"channel": "qqbot", "account": "default"}),
    ("gateway/channels/qqbot", "ERROR", "[qqbot:default] Dispatch failed: TypeError: runtime.channel.reply is not a "
     "function (no response received)", "channel.handler_broken", {"channel": "qqbot", "account": "default"}),
    ("gateway/channels/qqbot", "ERROR", "[qqbot:default] Dispatch failed: Error: Response timeout (no response received)",
     "channel.handler_timeout", {"channel": "qqbot", "account": "default"}),
    # (tencent-connect/openclaw-qqbot on its SDK, src/gateway/qqbot-gateway.ts: the handler's catch writes through the
    # plugin logger's "gateway" child, "[<accountId>][gateway] ...", or "[qqbot:<accountId>][gateway] ..." on its own
    # logger: the child's tag is no channel)
    ("gateway/channels/qqbot", "ERROR", "[default][gateway] Dispatch error: TypeError: adapters.dispatchReply is not a "
     "function", "channel.handler_broken", {"channel": "qqbot", "account": "default"}),
    ("qqbot/core", "ERROR", "[qqbot:bot2][gateway] Dispatch error: Cannot read properties of undefined (reading 'cfg')",
     "channel.handler_broken", {"channel": "qqbot", "account": "bot2"}),
    # (t49e: its dispatch (src/dispatch/dispatch.ts, the "dispatch" child) finding the host's runtime without the reply
    # dispatcher it was built against: every message is dropped; the running OpenClaw's version is a field)
    ("gateway/channels/qqbot", "ERROR", "[default][dispatch] runtime adapter dispatchReply not available "
     "(openclaw=2026.3.2)", "channel.handler_broken",
     {"channel": "qqbot", "account": "default", "openclawVersion": "2026.3.2",
      "error": "runtime adapter dispatchReply not available"}),
    ("qqbot/core", "ERROR", "[qqbot:bot2][dispatch] runtime adapter inboundRun/dispatchReply not available "
     "(openclaw=2026.8.1, requires >=2026.9.2)", "channel.handler_broken",
     {"channel": "qqbot", "account": "bot2", "openclawVersion": "2026.8.1", "requiredVersion": "2026.9.2"}),
    ("gateway/channels/qqbot", "ERROR", "[qqbot:bot2] No response within timeout", "channel.handler_timeout",
     {"channel": "qqbot", "account": "bot2"}),
    ("gateway/channels/onebot", "ERROR", "[onebot:default] No response within timeout", "channel.handler_timeout",
     {"channel": "qq", "account": "default"}),
    ("gateway/channels/openclaw-weixin", "ERROR", "[weixin:bot1] No response within timeout", "channel.handler_timeout",
     {"channel": "weixin", "account": "bot1"}),
]


@pytest.mark.parametrize(("subsystem", "level", "message", "kind", "expected"), QQ_DISPATCH_LINES)
def test_the_qq_plugins_reply_dispatch_lines_read_under_their_tags(
        subsystem: str, level: str, message: str, kind: str, expected: dict[str, object]) -> None:
    _check(_one(tslog_line("2026-05-21T18:00:00.000+08:00", subsystem, message, level=level)), kind, expected)
    _check(_one(f"2026-05-21T18:00:00.000+08:00 [{_console_tag(subsystem)}] {message}"), kind, expected)


def test_a_dispatch_error_that_is_no_fault_of_the_code_is_no_broken_handler() -> None:
    """A model's or a send's error in the dispatcher's onError fails one reply: not read as the handler broken, and an
    untagged "No response within timeout" (many programs' words) is not read at all."""
    for message in ("[qqbot:default] Dispatch error: Error: 429 Too Many Requests", "No response within timeout",
                    "[default][gateway] Dispatch error: Error: 500 Internal Server Error"):
        event = _one(f"2026-05-21T18:00:00.000+08:00 [gateway/channels/qqbot] {message}")
        assert event.kind not in ("channel.handler_broken", "channel.handler_timeout"), message


def test_a_heartbeat_turn_that_failed_on_a_session_lock_keeps_the_lock_reading() -> None:
    # src/infra/heartbeat-runner.ts: "heartbeat failed: <reason>" and the wake handler's "runOnce threw" carry the
    # turn's own error; a session lock's timeout in it stays the lock's line, whose holder the lock rules compare.
    lock = "session file locked (timeout 10000ms): pid=4242 /home/u/.openclaw/agents/main/sessions/s.jsonl.lock"
    for message in (f"heartbeat failed: {lock}", f"heartbeat runner: runOnce threw unexpectedly: {lock}"):
        event = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "gateway/heartbeat", message, level="ERROR"))
        assert event.kind == "lock.timeout"
        assert event.fields.get("lockPid") == 4242


def test_the_heartbeat_flood_guard_takes_its_fields_from_the_meta_object() -> None:
    event = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "gateway/heartbeat",
                            "heartbeat: flood guard tripped, deferring wake", level="WARN",
                            meta={"agentId": "main", "reason": "exec-event", "recentRunCount": 6}))
    assert event.kind == "heartbeat.flood_deferred"
    assert event.fields.get("agentId") == "main"
    assert event.fields.get("recentRunCount") == 6


def test_lifecycle_steps_short_of_the_ingress_up_stay_unread() -> None:
    """Telegram's "webhook local listener on" (later builds write it before setWebhook, which may still fail), Zalo's
    "clearing webhook before startup" (a start step) and a socket merely opened are not the channel up."""
    for tag, message in (("telegram", "webhook local listener on http://127.0.0.1:8787/telegram-webhook"),
                         ("zalo", "[default] Zalo polling mode: clearing webhook before startup"),
                         ("wecom", "[default] WebSocket connected"),
                         ("feishu", "starting feishu[main] is what we expected to see")):
        assert _one(f"2026-05-21T18:00:00.000+08:00 [{tag}] {message}").kind != "channel.polling_started", message


def test_u50_lines_short_of_the_ingress_up_stay_unread() -> None:
    """The DingTalk connector's old "钉钉 Stream 客户端已连接" (written once the Stream SDK's connect() returned, which is
    before its socket opens), Discord's "logged in to discord as" (older builds write it after the REST identity
    fetch, before the gateway's READY), the connector's other status patches and the manager's other states are not
    the channel up."""
    for tag, message in (("dingtalk-connector", "[__default__] 钉钉 Stream 客户端已连接"),
                         ("discord", "logged in to discord as 1400000000000000002"),
                         ("dingtalk-connector", '[__default__] onStatusChange patch={"connected":false} current={}'),
                         ("dingtalk-connector", '[__default__] onStatusChange patch={"lastInboundAt":1} current={}'),
                         ("dingtalk", "[default] Connection state changed to: CONNECTING")):
        assert _one(f"2026-05-21T18:00:00.000+08:00 [{tag}] {message}").kind != "channel.polling_started", message


def test_nextcloud_talks_webhook_error_is_an_inbound_message_unanswered() -> None:
    # extensions/nextcloud-talk/src/monitor-runtime.ts: the webhook server's error hook (a body it could not read, or a
    # message already answered 200 whose handling threw), as the console and the gateway's file write it. (Pasted bare,
    # its "[nextcloud-talk:default]" reads as the line's tag and "webhook error: ..." as the gateway's own webhook
    # diagnostics: the remainder is a message of that family.)
    message = "[nextcloud-talk:default] webhook error: Error: room info fetch timed out"
    expected = {"channel": "nextcloud-talk", "account": "default", "event": "webhook",
                "error": "Error: room info fetch timed out"}
    for event in (_one(f"2026-05-21T18:00:00.000+08:00 [gateway/channels/nextcloud-talk] {message}"),
                  _one(tslog_line("2026-05-21T18:00:00.000+08:00", "gateway/channels/nextcloud-talk", message,
                                  level="ERROR"))):
        _check(event, "channel.inbound_failed", expected)


@pytest.mark.parametrize("message", [
    "[default] Google Chat webhook auth rejected: missing token",
    "[default] Google Chat webhook auth rejected: email not verified",
    "[default] Google Chat webhook auth rejected: invalid issuer: someone@example.com",
    "[default] Google Chat webhook auth rejected: Token used too late, 1700000000 > 1690000000",
    '[default] appPrincipal is missing for audienceType "app-url"; add-on token verification will fail. Set '
    "appPrincipal to the numeric OAuth 2.0 client ID (uniqueId, 21 digits), not an email.",
])
def test_a_google_chat_refusal_a_stray_request_gets_is_no_config_fault(message: str) -> None:
    """t48h: a request without a token, or with one Google did not issue to this app, is what any stray or forged
    request to the public URL gets; the start-up appPrincipal warning is written for Workspace apps too."""
    assert _one(message).kind == "generic"


@pytest.mark.parametrize("message", [
    "mattermost handler failed: TypeError: fetch failed",
    "mattermost handler failed: Error: connect ECONNREFUSED 10.0.0.5:8065",
    "mattermost handler failed: Error: session file locked (timeout 10000ms): pid=4892 "
    "/home/u/.openclaw/agents/main/sessions/2bc0117f-8cd0-43a6-a382-1b4ebc062f6d.jsonl.lock",
])
def test_a_mattermost_handler_failure_on_the_network_or_a_lock_keeps_its_reading(message: str) -> None:
    """t48h: the handler's own REST call failing on the network stays with the transport reading under the channel's
    tag; a session lock error inside it stays the lock's evidence."""
    assert _one(message).kind not in ("channel.inbound_failed", "channel.handler_broken")


@pytest.mark.parametrize("message", [
    # (t50e) the image check failing on something other than a missing engine: a broken image store, no stall's word
    "Failed to inspect sandbox image: Error response from daemon: layer does not exist",
    'Sandbox backend "docker" is ready',  # no failure
    "the sandbox backend failed to start yesterday, a reporter's words",
])
def test_sandbox_look_alikes_stay_generic(message: str) -> None:
    assert _one(message).kind == "generic"


def test_a_healthy_sandboxed_exec_and_a_healthy_node_invoke_stay_quiet(tmp_path: Path) -> None:
    # (t50e) a run whose exec tool ran in the Docker sandbox and whose nodes tool's invoke answered in 71 ms: no fault,
    # no episode, nothing unexplained
    path = tmp_path / "healthy.log"
    path.write_text("\n".join(tslog_line(t, sub, msg, level) for t, sub, level, msg in [
        ("2026-11-20T10:00:00.000Z", "agent/embedded", "DEBUG",
         "embedded run start: runId=r1 sessionId=s1 provider=anthropic model=claude-sonnet-4-5 thinking=off"),
        ("2026-11-20T10:00:02.000Z", "agent/embedded", "DEBUG",
         "embedded run tool start: runId=r1 tool=exec toolCallId=call_1"),
        ("2026-11-20T10:00:03.000Z", "agent/embedded", "DEBUG",
         "embedded run tool end: runId=r1 tool=exec toolCallId=call_1"),
        ("2026-11-20T10:00:04.000Z", "agent/embedded", "DEBUG",
         "embedded run tool start: runId=r1 tool=nodes toolCallId=call_2"),
        ("2026-11-20T10:00:04.071Z", "gateway/ws", "INFO", "⇄ res ✓ node.invoke 71ms conn=4a1b2c3d id=9f8e7d6c"),
        ("2026-11-20T10:00:04.100Z", "agent/embedded", "DEBUG",
         "embedded run tool end: runId=r1 tool=nodes toolCallId=call_2"),
        ("2026-11-20T10:00:06.000Z", "agent/embedded", "DEBUG",
         "embedded run agent end: runId=r1 isError=false"),
    ]) + "\n")
    analysis = analyze_paths([str(path)])
    assert not analysis.incidents
    assert all(e.level not in ("warn", "error") for e in parse_path(str(path), ParseOptions(), ParseStats()))


# (t50f) `openclaw tasks audit` as printed (src/commands/tasks.ts formatAuditRows; codes and details from
# src/tasks/task-registry.audit.ts and task-flow-registry.audit.ts): the header, the column row, then one row a finding.
TASKS_AUDIT_OUTPUT = [
    "Tasks audit: 6 findings · 3 errors · 3 warnings",
    "Task findings: 5 · TaskFlow findings: 1",
    "Scope    Severity Code                   Item       Status     Age      Detail",
    "Task     error    stale_running          adfb3305-… running    3h10m    running task appears stuck",
    "Task     error    lost                   55aad356-… lost       1h12m    backing session missing",
    "TaskFlow error    stale_running          7a2c91d0-… running    45m      running TaskFlow has not advanced recently",
    "Task     warn     stale_queued           0b1c2d3e-… queued     12m      queued task has not advanced recently",
    "Task     warn     delivery_failed        9906af0e-… failed     2h5m     terminal update delivery failed",
    "Task     warn     missing_cleanup        4f5e6d7c-… succeeded  6d1h     terminal task is missing cleanupAfter",
]


def test_a_pasted_tasks_audit_reads_each_finding_with_its_state_and_age() -> None:
    events = parse_text_lines(TASKS_AUDIT_OUTPUT, "pasted.txt", ParseOptions())
    kinds = [e.kind for e in events]
    assert kinds == ["task.audit_summary", "generic", "generic", "task.stale_running", "task.lost",
                     "task.stale_running", "task.audit_finding", "task.audit_finding", "task.audit_note"]
    stale = events[3]
    _check(stale, "task.stale_running", {"scope": "Task", "severity": "error", "item": "adfb3305-…",
                                         "status": "running", "detail": "running task appears stuck"})
    assert stale.level == "error" and stale.seconds["age"] == 3 * 3600 + 10 * 60
    assert events[5].fields["scope"] == "TaskFlow" and events[5].seconds["age"] == 45 * 60
    assert events[6].fields["code"] == "stale_queued" and events[6].level == "warn"
    assert events[8].level == "info"  # (bookkeeping: no fault)
    assert events[0].fields == {"findings": 6, "errors": 3, "warnings": 3}


def test_a_squeezed_tasks_audit_row_as_pasted_in_an_issue_reads_alike() -> None:
    # (#78463 and #71963 pasted the rows with the padding squeezed)
    _check(_one("Task     error    stale_running    adfb3305-…  running  3h10m   running task appears stuck"),
           "task.stale_running", {"status": "running", "age": "3h10m"})
    _check(_one("Task error lost <task-id> lost 6d1h backing session missing"), "task.lost",
           {"item": None, "detail": "backing session missing"})  # (a placeholder reads as no id)
    retained = _one("Task     warn     lost                   55aad356-… lost       2h       task lost its backing "
                    "session and is retained until cleanupAfter")
    assert retained.kind == "task.lost" and retained.level == "warn"


@pytest.mark.parametrize("message", [
    "Task findings: 3 · TaskFlow findings: 0",
    "Task error stale_running happened yesterday, a reporter's words",  # no item, status and age
    "Task     error    some_new_code          adfb3305-… running    3h10m    a code no family knows",
])
def test_tasks_audit_look_alikes_stay_generic(message: str) -> None:
    assert _one(message).kind == "generic"


def test_a_healthy_tasks_audit_stays_quiet(tmp_path: Path) -> None:
    # (t50f) an audit with no findings (#148936's paste) and a maintenance pass with nothing to do: no fault, no
    # episode, nothing unexplained
    path = tmp_path / "tasks.txt"
    path.write_text("\n".join([
        "Tasks audit: 0 findings · 0 errors · 0 warnings",
        "Limit: 20",
        "Task findings: 0 · TaskFlow findings: 0",
        "No tasks audit findings.",
        "Tasks maintenance (preview): tasks 0 reconcile · 0 recovered · 0 cleanup stamp · 0 prune; task-flows 0 "
        "reconcile · 0 prune",
        "Tasks health: 0 queued · 0 running · 0 audit errors · 0 audit warnings",
    ]) + "\n")
    analysis = analyze_paths([str(path)])
    assert not analysis.incidents
    assert analysis.unexplained.count == 0
    events = list(parse_path(str(path), ParseOptions(), ParseStats()))
    assert [e.kind for e in events].count("task.audit_summary") == 2
    assert all(e.level not in ("warn", "error") for e in events)


def test_a_stale_running_audit_row_is_a_fault_no_rule_judges(tmp_path: Path) -> None:
    path = tmp_path / "audit.txt"
    path.write_text("\n".join(TASKS_AUDIT_OUTPUT[:4]) + "\n")
    analysis = analyze_paths([str(path)])
    assert not analysis.incidents
    assert analysis.unexplained.count == 1


def test_an_http_api_failure_on_a_session_lock_keeps_the_lock_reading() -> None:
    # src/gateway/openai-http.ts: "openai-compat: chat completion failed: <err>" carries the run's own error; a session
    # lock's timeout in it stays the lock's line, and a hook run's summary naming a model timeout stays that timeout.
    lock = "session file locked (timeout 10000ms): pid=4242 /home/u/.openclaw/agents/main/sessions/s.jsonl.lock"
    event = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "gateway", f"openai-compat: chat completion failed: {lock}",
                            level="WARN"))
    assert event.kind == "lock.timeout"
    event = _one("tools-invoke: tool execution failed: GatewayTransportError: gateway timeout after 10000ms")
    assert event.kind == "gateway.timeout"


def test_a_healthy_streamed_completion_and_hook_run_stay_quiet() -> None:
    from stuckscan.unexplained import NOT_A_STALL_KINDS, UNJUDGED_FAULT_KINDS
    for line in ("2026-05-21T18:00:00.000Z [gmail-watcher] gmail watcher started for me@example.com (renew every 720m)",
                 "2026-05-21T18:00:01.000Z [gateway/hooks] hook agent run completed runId=r1 status=ok"):
        event = _one(line)
        assert event.kind not in UNJUDGED_FAULT_KINDS | NOT_A_STALL_KINDS
        assert event.level in (None, "info")


@pytest.mark.parametrize("suffix", ["log", "jsonl"])
def test_a_gog_child_restarted_once_then_serving_stays_quiet(tmp_path: Path, suffix: str) -> None:
    # src/hooks/gmail-watcher.ts: the watcher respawns its `gog` child 5 s after it exits, and retries a bind the old
    # child's port refused (a gateway restart) with a bounded back-off; both then serve. Only "stopping restarts" (the
    # retries exhausted) and the child's own process error are faults.
    lines = [("INFO", "gmail watcher started for me@example.com (renew every 720m)"),
             ("WARN", "gog exited (code=1, signal=null); restarting in 5s"),
             ("INFO", "starting gog gmail watch serve --account me@example.com"),
             ("WARN", "gog serve failed to bind (address already in use); retry 1/3 in 10s"),
             ("INFO", "[gog] listening on 127.0.0.1:8788")]
    at = [f"2026-05-21T18:00:{i * 10:02d}.000Z" for i in range(len(lines))]
    if suffix == "log":
        text = "".join(f"{t} [gmail-watcher] {m}\n" for t, (_, m) in zip(at, lines))
    else:
        text = "".join(tslog_line(t, "gmail-watcher", m, level=lv) + "\n" for t, (lv, m) in zip(at, lines))
    path = tmp_path / f"gateway.{suffix}"
    path.write_text(text, encoding="utf-8")
    analysis = analyze_paths([str(path)])
    assert not analysis.incidents
    assert analysis.unexplained.count == 0
    assert _one("gog serve failed to bind after 3 retries (address already in use); stopping restarts. Stop the other "
                "process").kind == "gmail.watcher_failed"


def _voice_note_turn(tmp_path: Path, understanding: tuple[str, str, str]) -> Path:
    # An inbound voice note on Telegram, its transcription decision (src/media-understanding/runner.ts), then the turn's
    # run answering in 4 s.
    path = tmp_path / "voice.log"
    path.write_text("\n".join(tslog_line(t, sub, msg, level) for t, sub, level, msg in [
        understanding,
        ("2026-11-20T10:00:05.000Z", "agent/embedded", "DEBUG",
         "embedded run start: runId=r1 sessionId=s1 provider=anthropic model=claude-sonnet-4-5 thinking=off"),
        ("2026-11-20T10:00:09.000Z", "agent/embedded", "DEBUG", "embedded run agent end: runId=r1 isError=false"),
    ]) + "\n")
    return path


def test_a_healthy_voice_note_transcribed_then_answered_stays_quiet(tmp_path: Path) -> None:
    # (t50i) the verbose success summary ("Media understanding audio: success (1/1) via <p>/<m>") is no fault
    path = _voice_note_turn(tmp_path, ("2026-11-20T10:00:04.000Z", "gateway", "DEBUG",
                                       "Media understanding audio: success (1/1) via openai/gpt-4o-mini-transcribe"))
    analysis = analyze_paths([str(path)])
    assert not analysis.incidents
    assert analysis.unexplained.count == 0
    assert all(e.level not in ("warn", "error") for e in parse_path(str(path), ParseOptions(), ParseStats()))


def test_a_failed_transcription_is_a_fault_no_rule_judges(tmp_path: Path) -> None:
    # (t50i) every attempt failed: the turn went on with the raw voice note; no class, one unexplained fault line
    path = _voice_note_turn(tmp_path, ("2026-11-20T10:00:04.000Z", "media-understanding", "WARN",
                                       "audio: failed (0/1) reason=MediaFetchError"))
    analysis = analyze_paths([str(path)])
    assert not analysis.incidents
    assert analysis.unexplained.count == 1


@pytest.mark.parametrize("message", [
    "Media understanding audio: success (1/1) via openai/gpt-4o-mini-transcribe",  # verbose, healthy
    "Media understanding image: skipped (0/1) reason=primary model supports vision natively",  # verbose skip
    "media-understanding: audio transcription is slow today, a reporter's words",
])
def test_media_understanding_look_alikes_stay_unread(message: str) -> None:
    assert _one(message).kind != "media.understanding_failed"


def test_a_followup_drain_failure_keeps_the_reading_of_its_inner_error() -> None:
    # src/auto-reply/reply/queue/drain.ts: "followup queue drain failed for <key>: <String(err)>"; a session lock's
    # timeout in it (older builds retried the drain on it) stays the lock's line, and a channel's debounce flush
    # failing on a drain refusal or a reply-session init conflict keeps those readings.
    lock = "session file locked (timeout 10000ms): pid=4242 /home/u/.openclaw/agents/main/sessions/s.jsonl.lock"
    event = _one(tslog_line("2026-05-21T18:00:00.000+08:00", "gateway",
                            f"followup queue drain failed for agent:main:main: Error: {lock}", level="ERROR"))
    assert event.kind == "lock.timeout"
    event = _one("2026-05-21T18:00:00.000+08:00 [slack] inbound debounce flush failed: Error: reply session "
                 "initialization conflicted for agent:main:slack:channel:c1")
    assert event.kind == "session.init_conflict"
    event = _one("2026-05-21T18:00:00.000+08:00 [slack] slack inbound debounce flush failed: GatewayDrainingError: "
                 "Gateway is draining; new tasks are not accepted")
    assert event.kind == "gateway.draining_rejected"


def test_the_console_form_without_the_channel_word_is_the_channel_debounce_failure() -> None:
    # The console drops the message's repeat of its tag: "[slack] inbound debounce flush failed: <err>".
    event = _one("2026-05-21T18:00:00.000+08:00 [slack] inbound debounce flush failed: Error: boom")
    assert event.kind == "channel.inbound_failed"
    assert event.fields.get("event") == "debounce flush"


def test_a_suspended_followup_queue_is_a_fault_no_rule_judges(tmp_path: Path) -> None:
    path = tmp_path / "openclaw.log"
    path.write_text(
        "2026-05-21T18:00:00.000+08:00 [gateway] followup queue drain failed for agent:main:main: Error: boom\n"
        "2026-05-21T18:01:00.000+08:00 [gateway] followup queue suspended for agent:main:main after 7 consecutive "
        "drain failures; queued work retained and automatic retries stopped; use /queue reset after resolving the "
        "failure (messageId=5 channel=telegram promptChars=9): Error: boom\n",
        encoding="utf-8",
    )
    analysis = analyze_paths([str(path)])
    assert not analysis.incidents
    assert analysis.unexplained.count == 2


def test_a_healthy_burst_queued_in_followup_mode_stays_quiet(tmp_path: Path) -> None:
    # Three messages arrive while the session is busy; each waits in the followup queue and is answered in turn.
    sid, key = "s-burst", "agent:main:telegram:direct:42"
    lines = [f"2026-05-21T18:00:00.000+08:00 [diagnostic] lane enqueue: lane=session:{key} queueSize=1",
             f"2026-05-21T18:00:00.010+08:00 [diagnostic] lane dequeue: lane=session:{key} waitMs=10 queueSize=0",
             f"2026-05-21T18:00:00.020+08:00 [agent/embedded] embedded run start: runId=r0 sessionId={sid} "
             "provider=openai model=gpt-5"]
    for n in range(1, 4):
        lines.append(f"2026-05-21T18:00:0{n}.000+08:00 [diagnostic] message queued: sessionId={sid} sessionKey={key} "
                     f"source=telegram queueDepth={n}")
    for n in range(4):
        second = 10 + n * 8
        lines += [f"2026-05-21T18:00:{second:02d}.000+08:00 [agent/embedded] embedded run done: runId=r{n} "
                  f"sessionId={sid} durationMs=7000 aborted=false",
                  f"2026-05-21T18:00:{second:02d}.100+08:00 [diagnostic] lane task done: lane=session:{key} "
                  "durationMs=7100 active=0 queued=0"]
        if n < 3:
            lines.append(f"2026-05-21T18:00:{second + 1:02d}.000+08:00 [agent/embedded] embedded run start: "
                         f"runId=r{n + 1} sessionId={sid} provider=openai model=gpt-5")
    path = tmp_path / "openclaw.log"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    events = list(parse_path(str(path), ParseOptions(), ParseStats()))
    assert "generic" not in {e.kind for e in events}
    analysis = analyze_paths([str(path)])
    assert not analysis.incidents
    assert analysis.unexplained.count == 0


def _tool_turn(tmp_path: Path, tool_line: tuple[str, str, str] | None) -> Path:
    # (t50l) a run that calls the image or pdf tool and answers; the tool wrapper's line, if any, between.
    lines = [("2026-11-20T10:00:00.000Z", "agent/embedded", "DEBUG",
              "embedded run start: runId=r1 sessionId=s1 provider=anthropic model=claude-sonnet-4-5 thinking=off")]
    if tool_line is not None:
        lines.append(("2026-11-20T10:02:01.000Z", *tool_line))
    lines.append(("2026-11-20T10:02:05.000Z", "agent/embedded", "DEBUG", "embedded run agent end: runId=r1 isError=false"))
    path = tmp_path / "tool.log"
    path.write_text("\n".join(tslog_line(t, sub, msg, level) for t, sub, level, msg in lines) + "\n")
    return path


def test_a_healthy_image_tool_call_stays_quiet(tmp_path: Path) -> None:
    path = _tool_turn(tmp_path, None)
    analysis = analyze_paths([str(path)])
    assert not analysis.incidents
    assert analysis.unexplained.count == 0


def test_an_image_tool_refusal_is_no_stall(tmp_path: Path) -> None:
    # (t50l) the missing sharp package: answered at once, the run goes on; not plugin.load_failed
    path = _tool_turn(tmp_path, ("tools", "ERROR", "image failed: Failed to optimize image: Optional dependency sharp is "
                                 "required for image attachment processing | Cannot find package 'sharp' imported from "
                                 "/usr/lib/node_modules/openclaw/dist/extensions/media-understanding-core/image-ops.js"))
    analysis = analyze_paths([str(path)])
    assert not analysis.incidents
    assert analysis.unexplained.count == 0


def test_a_pdf_call_that_ran_out_its_120s_deadline_is_rc03(tmp_path: Path) -> None:
    path = _tool_turn(tmp_path, ("tools", "ERROR", "pdf failed: Anthropic PDF request timed out after 120000ms"))
    analysis = analyze_paths([str(path)])
    assert [i.primary.rule.id for i in analysis.incidents if i.primary] == ["RC03"]


def test_an_image_call_short_deadline_is_not_rc03(tmp_path: Path) -> None:
    # (t50l) 60 s, under the stall detector's warn threshold: policy "tool call open at the run cap"
    path = _tool_turn(tmp_path, ("tools", "ERROR",
                                 "image failed: OpenClaw dynamic tool call timed out after 60000ms while running tool image."))
    analysis = analyze_paths([str(path)])
    assert all(i.primary is None or i.primary.rule.id != "RC03" for i in analysis.incidents)


@pytest.mark.parametrize("message", [
    "slack inbound debounce flush failed: Error: inbound debounce key capacity exceeded",
    "[slack] inbound debounce flush failed: Error: inbound debounce key capacity exceeded",
    "discord debounce flush failed: Error: inbound debounce key capacity exceeded",
    "feishu[default]: inbound debounce flush failed: Error: inbound debounce key capacity exceeded",
    "[default] [bluebubbles] debounce flush failed: Error: inbound debounce key capacity exceeded",
])
def test_a_debouncer_past_its_sender_capacity_flushes_at_once_and_stays_quiet(tmp_path: Path, message: str) -> None:
    # src/auto-reply/inbound-debounce.ts: past maxKeys (1000 senders) enqueue hands onError "inbound debounce key
    # capacity exceeded" and then flushes that message directly: nothing is lost, the message is answered (q64).
    lines = [f"2026-05-21T18:00:00.000+08:00 {message}",
             "2026-05-21T18:00:00.100+08:00 [agent/embedded] embedded run start: runId=r1 sessionId=s1 provider=openai "
             "model=gpt-5",
             "2026-05-21T18:00:05.000+08:00 [agent/embedded] embedded run done: runId=r1 sessionId=s1 durationMs=4900 "
             "aborted=false"]
    for name, text in (("console.log", "\n".join(lines)),
                       ("jsonl.log", tslog_line("2026-05-21T18:00:00.000+08:00", "gateway/channels/slack", message,
                                                level="ERROR"))):
        path = tmp_path / name
        path.write_text(text + "\n", encoding="utf-8")
        events = list(parse_path(str(path), ParseOptions(), ParseStats()))
        assert events[0].kind == "channel.debounce_bypassed", events[0].message
        analysis = analyze_paths([str(path)])
        assert not analysis.incidents
        assert analysis.unexplained.count == 0
    # the batch given up or the buffer overflowing still loses messages
    event = _one("2026-05-21T18:00:00.000+08:00 [slack] slack inbound debounce flush failed: Error: inbound debounce "
                 "flush retries exceeded")
    assert event.kind == "channel.inbound_failed"


def test_the_cli_watchdogs_stall_notice_alone_reads_as_a_model_call_hang(tmp_path: Path) -> None:
    # (t50o) the notice the no-output watchdog queues into the session (src/agents/cli-runner.ts since 2026.3.3) is
    # the only trace of the kill a user copies from the chat: the same evidence as the "cli watchdog timeout:" line
    path = tmp_path / "notice.log"
    path.write_text(
        "2026-11-20T10:00:00.000Z [agent/cli-backend] cli exec: provider=claude-cli model=opus promptChars=120\n"
        "2026-11-20T10:03:00.000Z [agent/embedded] CLI agent (claude-cli) produced no output for 180s and was "
        "terminated. It may have been waiting for interactive input or an approval prompt. For Claude Code, prefer "
        "--permission-mode bypassPermissions --print.\n")
    analysis = analyze_paths([str(path)])
    assert [i.primary.rule.id for i in analysis.incidents if i.primary] == ["RC01"]
