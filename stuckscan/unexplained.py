"""Fault lines no rule explained: what keeps an empty result from reading as an all-clear.

A pasted excerpt often holds a line that plainly reports a fault in a template no family knows.
Reporting "nothing found" then is a claim the input does not support. This stage counts such
lines, bounded, and keeps the first few as evidence, so every format can say which lines
stuckscan saw and could not explain.

A line counts when it is unrecognised (kind ``generic``) and either at ERROR level or above, or
at WARN level or with no level at all (a console line, a bare paste) with a fault word in its text
(:data:`FAULT_WORDS`). A line of a known kind that no rule turned into a finding does not count:
the rules judged it (a lone memory-pressure warning, a short liveness blip) and found no stall;
except a CLI's own failure to reach the gateway (:data:`CLIENT_SYMPTOM_KINDS`), which the user saw,
and the fault kinds no rule reads yet (:data:`UNJUDGED_FAULT_KINDS`), above INFO.

The lines of known kinds that the rules did judge are counted apart (:func:`judged_fault`): at WARN
level or above, they are faults the rules read and found short of a stall (a lone failover decision,
a gateway that failed to start). An empty result names them, so it never says "no fault" over an
ERROR line.
"""

from __future__ import annotations

import os
import re
from collections import deque
from datetime import timedelta

from stuckscan.events import (
    CONFIG_REFUSAL_KIND,
    GENERIC_KIND,
    Event,
    refused_for_restart,
    refused_off_default_port,
    work_start_refusal,
)
from stuckscan.model import Evidence, UnexplainedLines
from stuckscan.shapes import GUARD_EXIT_WORDS

# Wording that reports a failure, whatever the template. Plain words, matched case-insensitively
# on word boundaries and not as a field's name (``errorCount``, ``failed=0``).
FAULT_WORDS = re.compile(
    r"\b(?:time[ds]? ?out|timeout|timed out|failed|failure|fails|error|exception|exceeded|unreachable|"
    r"refused|ECONN[A-Z]+|ETIMEDOUT|EPIPE|crash(?:ed)?|stuck|hung|wedged|unresponsive|not responding|"
    r"aborted|cannot connect|could not connect|no connection available|disconnected)\b(?!=)",  # (not a field's name: "failed=0")
    re.IGNORECASE,
)
# The CLI's hints under a gateway call's 1006 close (src/gateway/transport-error.ts, createGatewayCloseTransportError, stored
# id 70220000459): a "Possible causes:" list printed under every 1006 whatever the cause, ending on "- Gateway process
# stopped or became unreachable (confirm it is still running)" (older builds: "- Gateway crashed or was terminated
# unexpectedly"), then "Run `openclaw doctor` for diagnostics.". Commentary that tells the user what to check next, not
# a fault seen: the close above it is read on its own line (gateway.closed). A hint pasted with a time before it (a
# terminal with timestamps) is the same hint. (n55)
_CLI_HINT = re.compile(r"\A\W{0,4}(?:Gateway process stopped or became unreachable \(confirm it is still running\)"
                       r"|Gateway crashed or was terminated unexpectedly)\s*\Z")
# The process guard's words (src/infra/unhandled-rejections.ts; src/index.ts and src/cli/run-main.ts for an uncaught
# exception), which it writes only on the path that then ends the process with status 1 (p54, p55: every stored build;
# the builds that keep running write "Non-fatal ... (continuing)" or "Suppressed AbortError" instead). run-main.ts
# installs the handler for every CLI command, so the process may be a CLI command's rather than the gateway's.
_GUARD_EXIT = re.compile(r"\A(?:\[[\w./-]{1,30}\]\s*)?" + GUARD_EXIT_WORDS + ": ")
SEVERE_LEVELS = frozenset({"error", "fatal", "critical"})
WORDED_LEVELS = frozenset({None, "warn", "warning"})
MAX_EXAMPLES = 5
# Kinds that name a fault no rule judges (yet): until a rule reads them they count as an unrecognised fault line
# does, so naming the line does not turn an empty result into an all-clear. A channel turn or listener timed out,
# cron's watchdogs and job errors, a Codex app-server that did not start, a plugin hook, a channel's inbound or
# delivery failing, a run that gave up retrying or ended with no reply, a lock the watchdog had to release or could
# not clean up, providers all in cooldown, a recovery with nothing to recover with, subagent announces, exec
# sessions lost or killed, WebSocket protocol errors, a reply refused on a session-entry conflict, a tool call a
# channel plugin recorded as failed, a remote Codex app-server the harness cannot reach, a run aborted by its run
# timer, an outside signal or a cancel (the embedded runner's "[abort-source]" line, printed only under
# OPENCLAW_LOG_ABORT_SOURCES=1).
UNJUDGED_FAULT_KINDS = frozenset({
    "channel.handler_timeout", "channel.listener_timeout", "cron.setup_timeout", "codex.startup_timeout",
    "plugin.hook_failed",
    "channel.inbound_failed", "channel.ingress_stalled", "channel.no_listener", "channel.polling_restart",
    "cron.job_error", "cron.job_timeout", "delivery.failed", "delivery.retry_failed", "embedded.incomplete_turn",
    "embedded.retry_limit", "lock.cleanup_failed", "lock.watchdog_released", "mcp.server_failed",
    "model.provider_cooldown", "recovery.unavailable", "subagent.announce_failed", "subagent.announce_drain_failed",
    "tools.exec_aborted", "tools.exec_session_missing", "ws.protocol_mismatch", "ws.invalid_handshake", "ws.error",
    "session.init_conflict", "plugin.load_failed",
    "codex.remote_unreachable", "run.abort_source",
    # (w56: the channel health monitor's own pass throwing, or a reload or shutdown that would not wait for the restart
    # it had in flight; no rule reads the monitor failing yet, and no field case shows either)
    "health.check_failed",
    # (j53, embedded.retry_limit: the run loop's cap, GHSA-76m6-pj3w-v7mf, ends the run with an explicit error payload
    # or a failover to the next model (#40263, #62614): a run that gave up, not one held; TURN_FAILURE_KINDS reads it as
    # how the turn ended. No dev case holds it)
    "plugin.tool_failed",  # (a channel plugin's record of a tool call that failed: the rules read it only as its end)
    # (the w49 review of these kinds against the dev labels. channel.handler_timeout stays for its unread forms: RC01
    # reads Discord's inbound worker aborting a turn past its long budget (f089, f1013, RC18 forbidden) and RC18 the
    # listener wrapper's own "discord handler timed out after <n> seconds" past 30 s, Carbon's listener timeout in
    # other words (f481); the wrapper's canceled/failed follow-ups and a QQ plugin's reply wait (a race beside a turn
    # that may still answer) name no cause. channel.ingress_stalled is the ingress watchdog giving up on a claimed
    # event after 300 s behind its lane: the lane's holder is the cause, and the dev labels follow it (f132 RC17, f310
    # RC05, f561 RC16). lock.watchdog_released is the lock's max-hold watchdog freeing a lock its run kept: the dev
    # labels follow that run (f020 RC03, f1121 and f3957 RC01, f626 RC12, f689 RC18, f824 RC10). The rest hold nothing
    # or have no dev case: each comment below says why)
    # (the ACP runtime: an acpx backend whose start-up check failed, so ACP spawns fail at once; an ACP session the task
    # sweep could not close; an ACP turn cancelled at its deadline with no answer, which ends the turn rather than
    # leaving the session held)
    "acp.backend_unavailable", "acp.maintenance_close_failed", "acp.turn_timeout",
    # (the t50d source audit of the ACP runtime: an ACP turn or spawn that failed, its stream closed with no done event,
    # the session runtime that would not initialize, an agent command that never answered ACP's initialize and was
    # stopped, the gateway's error naming only ACP_TURN_FAILED; an abort whose cancel did not reach the agent; the
    # spawn relay's "<agent> has produced no output for <n>s" and its lifetime ending without completion. Dev cases
    # f027 and f046 label a turn failing at once benign with RC01 forbidden, and no dev case or policy names the cause
    # of an ACP child gone silent: faults the user saw, judged by no rule)
    "acp.turn_failed", "acp.cancel_failed", "acp.child_silent",
    # (j53: the threads agree. An agent command that never answered ACP's initialize, #147352, fails the spawn at its
    # startup deadline; a turn with no first event, #70699, ends on its own timeout; an ACP session left running after
    # its done event, #37869 and PR #37903, is a runtime bug fixed since. None is a gateway session held, and f027 and
    # f046 (turn failed at once) are labelled benign with RC01 forbidden)
    # (the agent heartbeat runner, src/infra/heartbeat-runner.ts: its turn that threw, a timeout or a model error, after
    # which its lane is free again; its reply that the channel did not take)
    "heartbeat.run_failed", "heartbeat.delivery_failed",
    # (the t50h source audit of the gateway's HTTP surfaces: an OpenAI-compatible request or /tools/invoke call whose agent
    # run or tool failed, answered 500 or ended on an error chunk; a hook agent run that threw or did not end ok, a
    # mapping that threw, a wake or a result no session took; the Gmail watcher's watch registration or `gog` child
    # failing, so mail stops reaching its hook. Each is a failure the user saw; none holds a session)
    "http_api.request_failed", "hooks.dispatch_failed", "hooks.run_failed", "gmail.watcher_failed",
    # (the t50i source audit of inbound media understanding: a voice note, image or video whose every transcription or
    # description attempt failed, src/media-understanding/runner.ts; the turn goes on with the raw attachment, so the
    # user sees the voice note ignored, but the wait is over (each attempt is bounded by its timeoutSeconds) and no
    # session is held. No labelling policy names a class for it)
    "media.understanding_failed",
    # (j53: no dev case and no thread found with the line)
    # (the t50j source audit of the auto-reply queue: a queued message's drain run that threw, the drain parking the
    # session's followup queue after 7 such failures until /queue reset, the overflow summary losing the summaries of
    # messages dropped at the cap. Messages the user sent and got no answer to, but the lines name no cause of their
    # own (the inner error does, read first when a family knows it) and no class or labelling policy reads a queue's
    # failure: RC14 is a lane's wait, RC06 a recovery that did not free the lane)
    "followup.drain_failed", "followup.queue_suspended", "followup.summary_dropped",
    # (j53: in the threads the drain's failure follows another cause that its classes read: a restart's drain refusing
    # the queued run, #136684 (RC17's drain lines); stuck-session recovery that never drained the queue, #130810 and PR
    # #130911 (RC06's released=0); a closed work scope, PR #148025, and one item that always fails, PR #147026, the
    # suspension's origin: runtime bugs no class names. No dev case holds them)
    # (the u48 census of the dev field corpus: a turn that failed before its reply with no error shown, or on the
    # reply-ownership guard of 2026.9.x, its message lost; the gateway process ending on the agent core's "listener
    # invoked outside active run"; `openclaw gateway restart` giving up on its fixed health wait. None holds a session,
    # none names a stall's cause; each is a failure the user saw)
    "run.failed_before_reply", "gateway.crashed", "gateway.restart_health_timeout",
    # (j53: gateway.crashed is not read as a stop of the process, RC17's "stop with a run in flight", although the
    # process does exit: the agent core throws it on a late event of a run already torn down (#65285 and its PR #65323;
    # #69836, an exec refused and the crash 2 to 5 s later; #62754, after a run's abort or timeout), so that run's last
    # line, its exec step, looks in flight at the crash and the crash would be blamed for cutting a run that had ended.
    # The threads (#62342, #62786, #62840) conclude a crash fixed in 2026.4.23, no session wedged; no dev case holds a
    # run in flight at it, and f682, a crash after a run timeout, is labelled by that timeout, RC15)
    # (the t48c source audit of the tools that can hold a run: the nodes tool's failure, a node.invoke timeout or a node
    # gone mid-invoke, handed back to the model after the invoke deadline; the Docker sandbox's CLI past its deadline,
    # which fails the run. Faults the user saw; neither names a stall's cause)
    "tools.nodes_failed", "sandbox.docker_timeout",
    # (j53: the node.invoke deadline, 30 s unless the call forwards its own, PR #92714, answers the tool with its error,
    # a bounded wait, not RC03's blocked call (f256, node invokes timing out at 30 s, is labelled benign); the Docker
    # deadline exists since #90980, where a wedged engine had blocked the gateway's start: with it the run fails on a
    # dependency down, which no class names)
    # (the t50e source audit: a sandbox backend that failed to start, src/agents/sandbox/errors.ts, when its inner
    # error is no Docker family's; the run fails with it before its first model attempt)
    "sandbox.start_failed",
    # (j53: no dev case holds it: the dev lines with "failed to start: " are the gateway's own start failures, other
    # families)
    # (the t48f audit: the managed browser that would not start, Chrome's CDP not up within the launch or readiness
    # window, or its launches cooling down after three failures; the tool call gets the error after that bounded wait
    # and the run goes on, so it names no stall's cause, but the browser tool is broken until Chrome starts)
    "tools.browser_start_failed",
    # (the t48d source audit of the gateway's own life: a config reload that threw, a restart it needed that could not
    # be scheduled, its file watcher lost; a plugin's background service that did not start. The gateway goes on and
    # holds no session for them; each is a failure the user should see)
    "gateway.reload_failed", "plugin.service_failed",
    # (the t49a source audit of the service managers: the gateway's service that its manager would not start or gave
    # up restarting, systemd's start limit, launchctl's bootstrap refusal, `openclaw gateway status`'s service loaded
    # but not running. The gateway is down and holds no session; the user saw the failure)
    "gateway.service_failed",
    # (the t49f source audit: OpenClaw's OpenAI WebSocket stream failing a model call, "[ws-stream] session=<id> run
    # error: <err>". The run's agent end repeats the error and the rules read that; alone, a failure the user saw)
    "model.ws_run_error",
    # (the t49j source audit of subagents: the registry dropping a child run whose session is gone without announcing
    # it, its completion of a child run failing, a held completion discarded by the sweep. A parent waiting on that
    # child never hears of it, but no class names the cause: policy "subagent announce give-up" in
    # tests/field/README.md reads a lost completion, an orphan pruned among its lines, as no stuck-session class)
    "subagent.orphan_pruned", "subagent.completion_failed", "subagent.delivery_discarded",
    # (the t50a source audit of approvals: an exec or plugin approval request the forwarder or a channel's approval
    # handler could not deliver, or whose request failed. Unless another client answers, the call waits out the
    # approval window, and tools.approval_timeout is RC03's evidence; the undelivered request alone names no stall)
    "approval.undelivered",
    # (j53: f2451, a QQ route missing for an exec approval, is labelled RC03 by its 900 s approval wait, which RC03 reads
    # from tools.approval_timeout; the undelivered request alone does not show the wait)
    # (the t50b source audit of memory: memory-core's index sync or qmd update that threw, and a memory search or
    # pre-prompt auto-recall that failed; the turn goes on without its memories and no session is held, but memory
    # search is broken or stale until the cause is fixed, a failure the user should see)
    "memory.sync_failed", "memory.search_failed",
    # (j53: the dev cases agree: f1087, a sync failing on a missing key, and f1021, an auto-recall search timing out,
    # are labelled benign; f2693 holds a qmd query failure and is labelled RC17 by its restart lines)
    # (the t50f source audit of the task registry: `openclaw tasks audit` rows. A task or TaskFlow still running past
    # the audit's 30 minutes with no event is either a run held that long or a record whose run ended without closing
    # it, and the row names neither its run nor its session, so no class follows from it alone (RC05 is a leaked
    # handle whose run is gone, which the row does not show; a live run past its budget is not RC05); a task closed as
    # lost, its backing session gone (#71963 and #63196 show it after runs that succeeded); a queued task or a flow
    # that has not advanced, a completion whose delivery failed, a flow stuck cancelling or pointing at a missing task.
    # No dev case or policy reads them: faults the audit reports, judged by no rule)
    "task.stale_running", "task.lost", "task.audit_finding",
    # (the t50c source audit of cron: the scheduler's tick threw, so that tick's due jobs did not start then; no run
    # is held and no class names it)
    "cron.tick_failed",
    # (the t50g source audit of cron's isolated-agent delivery: a best-effort delivery or one of its payloads that the
    # channel did not take after the run, and the service's failure alert that was not delivered, a message lost; a
    # run that started more than 3 h late and dropped its delivery, which does not say why it was late. No run is
    # held; the dev labels read a cron delivery failure as no stall (f3269, f3521): faults the user saw)
    "cron.delivery_failed", "cron.delivery_skipped",
    # (the t53a source audit of speech and voice: a reply's text-to-speech that failed on every provider, or whose
    # audio could not be written, src/tts/tts.ts: the reply goes out as text after a wait bounded by the TTS timeout,
    # so no stall, but the voice the user asked for is lost; the voice-call plugin's call that failed in its own hands,
    # a realtime bridge that never connected, a greeting or answer it could not speak, a call it could not hang up;
    # and a call's turn that gave the caller no answer, whose embedded run's own lines name any stall's cause.
    # Failures the user saw; no class or labelling policy names one)
    "tts.failed", "voice.call_failed", "voice.response_failed",
    # (the t53b source audit of the gateway's side services: the Bonjour advertiser giving up for the process after its
    # restarts failed, or a host refusing it the network interfaces, and `tailscale serve|funnel` not applied at start.
    # The gateway goes on, but nearby apps and nodes no longer find it, or the tailnet cannot reach it: failures the
    # user sees; no session is held and no class names them)
    "discovery.advertiser_disabled", "discovery.tailscale_failed",
})
# Kinds logged at WARN or ERROR that report nothing stuckscan diagnoses: housekeeping, expected noise, a client's
# own configuration or a long turn's cosmetics (each family says why). Neither a rule nor the unexplained count
# reads them; a test keeps every WARN/ERROR kind in one of the lists, so a new family is a decision, not a gap.
NOT_A_STALL_KINDS = frozenset({
    "codex.client_retired", "codex.turn_released",
    "compaction.overflow_recovery", "cron.run_waiting", "cron.stale_running_cleared", "embedded.startup_stages",
    "cron.housekeeping",  # (cron's session reaper and schedule computation failing: no run is held)
    # (cron's direct delivery retrying a transient channel error, 5 to 20 s, and its bookkeeping: the transcript mirror,
    # the main session's awareness event, the durable receipt, the runner's model-switch entry; the message was sent
    # or its failure is its own line, nothing is held)
    "cron.delivery_retry", "cron.delivery_housekeeping",
    "gateway.already_running", "gateway.restart_ignored", "gateway.shutdown_completed", "gateway.shutdown_slow",
    # (n65: the port diagnostics' "Port <n> is already in use.": a second start refused, a listener holding the port)
    "gateway.port_in_use",
    # (n66: a command's own report on the gateway's service, no service to act on, the restart health check's findings,
    # an update refusing to stop the gateway that runs it. A config file that fails validation, config.invalid, is not
    # here: a gateway refusing to start on it, as often as its service manager restarts it, never runs a session, and
    # "no fault" over fifty refusals would say nothing of a gateway that cannot start; the correlator reads it and an
    # empty result names it, short of a stall, with CONFIG_REFUSAL_READING (h63))
    "gateway.service_diagnostic",
    "restart.continuation_coalesced",  # (two sessions asking for a restart at once: the restart goes ahead, no run cut)
    "logging.rotation_failed", "logging.size_cap", "model_fetch.retry", "transcript.missing",
    "transcript.missing_tool_result", "transcript.repaired", "ws.unauthorized",
    # (memory-core's dreaming narrative, extensions/memory-core/src/dreaming-narrative.ts: a background subagent run on
    # its own `dreaming-narrative-<phase>-...` session, started with deliver=false and waited on for 60 s by the
    # dreaming sweep, which goes on without it; no user's session or lane waits on it, so its timeout or failure stalls
    # nothing)
    "memory.narrative_failed",
    # (the acpx runtime replacing or repairing a dead named ACP session before its turn runs, extensions/acpx/src/
    # runtime.ts: no run is held, a failed repair is the spawn's own error; and its permission policy refusing a prompt
    # it cannot show in a non-interactive session: the plugin's configuration, the child's write fails at once and
    # nothing waits on an approval)
    "acp.session_repair", "acp.permission_unavailable",
    # (a channel's inbound request refused as no message of a user's, Zalo's ZaloWebhookPayloadError answered 400 and
    # Nostr's oversized or malformed event: a probe's or a stranger's, nothing lost; and one Nostr relay set aside by its
    # circuit breaker while the others carry the replies: a reply no relay took is its own line)
    "channel.payload_rejected", "channel.relay_set_aside",
    # (the agent heartbeat runner's flood guard deferring a storm of wakes, and its configuration and housekeeping: an
    # unknown accountId, a stale isolated transcript it could not archive, a delay clamped to Node's timer cap; no run
    # is held by any of them)
    "heartbeat.flood_deferred", "heartbeat.housekeeping",
    # (a file tool's own refusal or the browser's SSRF policy, handed to the model as the call's result at once; the
    # start-up model prewarm given up after 5 s while the channels start; an auth profile's cooldown bookkeeping, whose
    # failure the run's own failover and agent-end lines report: the u47 census of the dev field corpus)
    "tools.call_failed", "gateway.model_warmup_timeout", "model.auth_profile_failure",
    # (sandbox mode with no Docker daemon, no docker command or no sandbox image: every sandboxed run fails at once on
    # its configuration, nothing waits)
    "sandbox.docker_unavailable",
    # (a config reload not applied, an invalid or missing file or hot mode ignoring a change that needs a restart: the
    # running gateway keeps the config it has; a plugin service's stop that threw during a shutdown or restart, which
    # goes on without it: the t48d source audit)
    "gateway.reload_skipped", "plugin.service_stop_failed",
    # (OpenClaw's OpenAI WebSocket stream passing a failed connect, send, broken session or warm-up by: the call goes on
    # over HTTP at once, src/agents/openai-ws-stream.ts; the t49f source audit)
    "model.ws_fallback",
    # (an exec the approver denied, the node host's allowlist refused, or a cron or headless run refused because it
    # cannot wait for an approval: the denial returns at once, nothing waits; the t50a source audit)
    "tools.approval_denied",
    # (memory search answered by the builtin index once qmd failed or was unavailable, and an embedding call retried
    # after a retryable provider error within a bounded back-off: the search goes on, nothing waits; the t50b audit)
    "memory.search_fallback", "memory.embedding_retry",
    # (a caller's own bad request to the OpenAI-compatible endpoints and a client throttled for failing the hook token,
    # both answered 400/429 at once: no run involved; the t50h source audit)
    "http_api.bad_request", "hooks.auth_throttled",
    # (the Gmail watcher respawning its `gog` child after it exited, 5 s, or after a bind the old child's port refused,
    # a bounded back-off whose exhaustion is its own "stopping restarts" line: mail resumes, nothing is held; q63)
    "gmail.watcher_restart",
    # (the inbound debouncer past its sender capacity flushing a message at once instead of buffering it: the message
    # goes on, nothing is lost; src/auto-reply/inbound-debounce.ts, q64)
    "channel.debounce_bypassed",
    # (one text-to-speech provider's failure the conversion goes past to its fallback, the summarizer's failure answered
    # by truncating, an Edge output format retried: the conversion's outcome is its own line, tts.failed when every
    # provider failed; the t53a source audit)
    "tts.attempt_failed",
    # (the Bonjour advertiser's own retries: an advertise that failed or threw, a ciao error it caught, the watchdog
    # re-advertising a service out of "announced" or recreating the advertiser, a name taken on the LAN that ciao
    # renamed: it recovers by itself, and its give-up is its own line; no session is held. The t53b source audit;
    # f446 and f2291, an advertiser restarting on every boot, are labelled with no RC17 or RC18)
    "discovery.advertise_failed", "discovery.readvertise", "discovery.name_conflict",
    # (p55: the process guard's continuing branch, "Non-fatal unhandled rejection|uncaught exception (continuing):
    # <err>": the guard kept the process running on purpose and no session is held; a channel it names is
    # channel.transport_error, the exiting branch's words gateway.crashed)
    "gateway.nonfatal_error",
    # (the t53c source audit: the skills watcher failing or disabled for want of file handles, after which skills are
    # refreshed as a session or turn is prepared; a paired device asking for a wider role or scopes, refused until an
    # operator approves it. No run waits on either)
    "skills.watcher_failed", "device.access_upgrade",
    # (h55: the gateway's pre-start staging of all bundled plugins' runtime deps failing, after which startup goes on
    # with each plugin installing its own; a plugin that still cannot is its own plugin.load_failed line)
    "plugin.deps_prestage_failed",
})
# Kinds a rule reads only as the context of another line (a typing indicator out of its TTL: a reply pending that
# long, which RC01 reads beside a CLI backend's child that exited printing nothing): alone, a long turn's cosmetics,
# neither unexplained nor a fault the rules judged.
CONTEXT_ONLY_KINDS = frozenset({"channel.typing_ttl"})
QUIET_LEVELS = frozenset({"trace", "debug", "info"})


def looks_like_fault(event: Event) -> bool:
    """An unrecognised line that reports a fault, or a line of a fault kind no rule judges (see the module docs)."""
    if event.kind in UNJUDGED_FAULT_KINDS:
        return event.level not in QUIET_LEVELS
    if event.kind != GENERIC_KIND or not event.message:
        return False
    level = event.level
    if level in SEVERE_LEVELS:
        return True
    if level is None and event.shape.endswith("jsonl"):
        return False  # a whole record always states its level; the fast path never decodes one at INFO
    # (the process guard's exit line is a crash whatever its error's words: "Unhandled promise rejection: TypeError:
    # Cannot read properties of undefined" has no fault word, yet the process ended on it)
    return level in WORDED_LEVELS and (FAULT_WORDS.search(event.message) is not None
                                       or _GUARD_EXIT.match(event.message) is not None) \
        and _CLI_HINT.match(event.message) is None


# What a CLI printed when it could not reach the gateway: a fault the user saw, whatever its cause. Left
# unexplained by every rule (a probe's connect timeout alone), these lines still keep the all-clear away.
CLIENT_SYMPTOM_KINDS = frozenset({"gateway.unreachable", "gateway.timeout", "gateway.connect_failed", "gateway.closed"})


def judged_fault(event: Event) -> bool:
    """A line of a known kind at WARN level or above that the rules judge (see the module docs): neither
    unexplained, nor housekeeping, nor a CLI's failure to reach the gateway (which counts as unexplained
    when no rule claims it). A webhook delivery refused on a port other than the gateway's default waits for the
    whole input (stuckscan.analysis.build_analysis: the gateway's start line may name that port, or never)."""
    return event.level in JUDGED_LEVELS and event.kind not in NOT_JUDGED_KINDS and not refused_off_default_port(event)


JUDGED_LEVELS = frozenset({"warn", "warning", "error", "fatal", "critical"})
NOT_JUDGED_KINDS = frozenset({GENERIC_KIND, "unparsed", "note", *UNJUDGED_FAULT_KINDS, *NOT_A_STALL_KINDS,
                              *CONTEXT_ONLY_KINDS})


# How many counted lines the collector remembers by place (file, line), so that a line a finding then cites as its
# evidence can be taken back out of the count (UnexplainedCollector.withdraw). Past this many, further lines are
# counted but cannot be taken back: the memory stays bounded on an input with a flood of unrecognised errors.
MAX_WITHDRAWABLE = 20_000


class UnexplainedCollector:
    """Counts unexplained fault lines and keeps the first :data:`MAX_EXAMPLES` (memory bounded)."""

    __slots__ = ("count", "counted", "examples", "kinds", "overflow", "readings")

    def __init__(self) -> None:
        self.count = 0
        self.examples: list[Evidence] = []
        self.kinds: dict[str, int] = {}  # (bounded by the families' kinds)
        self.readings: dict[str, int] = {}  # (bounded by judged_reading's sentences)
        # (file, line) -> what each line counted there added: its kind and reading (bounded: MAX_WITHDRAWABLE)
        self.counted: dict[tuple[str, int], list[tuple[str, str | None]]] = {}
        # (file, kind, reading) -> one bit per line number: the lines counted past MAX_WITHDRAWABLE, so that a line a
        # finding cites there still leaves the count (h58: it stayed counted); an eighth of a byte per line number and
        # kind, not a place each (bounded by the files and the families' kinds)
        self.overflow: dict[tuple[str, str, str | None], bytearray] = {}

    def add(self, event: Event) -> None:
        """Count one line (each line is added once: a generic line here, or a client symptom an episode kept)."""
        self.count += 1
        self.kinds[event.kind] = self.kinds.get(event.kind, 0) + 1
        reading = judged_reading(event)
        if reading is not None:
            self.readings[reading] = self.readings.get(reading, 0) + 1
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(Evidence.of(event))
        place = (event.source, event.line)
        if place in self.counted or len(self.counted) < MAX_WITHDRAWABLE:
            self.counted.setdefault(place, []).append((event.kind, reading))
        elif event.line >= 0:
            bits = self.overflow.setdefault((event.source, event.kind, reading), bytearray())
            if len(bits) <= event.line >> 3:
                bits.extend(bytes((event.line >> 3) + 1 - len(bits)))
            bits[event.line >> 3] |= 1 << (event.line & 7)

    def withdraw(self, file: str, line: int) -> None:
        """Take the line at ``file:line`` back out of the count: a finding cites it as its evidence, so a rule explained
        it (n60: RC18 reading a bare ``Unhandled promise rejection: TypeError: fetch failed`` as the exit of the channel
        whose network failure is beside it was also counted as a crash no rule judges). Nothing when the line was not
        counted. Past :data:`MAX_WITHDRAWABLE` counted lines a line is remembered as one bit under its kind and reading
        (h58: it stayed counted). An example dropped here is not replaced by a later line."""
        taken = self.counted.pop((file, line), [])
        if not taken and line >= 0:
            for (source, kind, reading), bits in self.overflow.items():
                if source == file and line >> 3 < len(bits) and bits[line >> 3] & (1 << (line & 7)):
                    bits[line >> 3] &= ~(1 << (line & 7)) & 0xFF
                    taken.append((kind, reading))
        for kind, reading in taken:
            self.count -= 1
            self.kinds[kind] -= 1
            if not self.kinds[kind]:
                del self.kinds[kind]
            if reading is not None:
                self.readings[reading] -= 1
                if not self.readings[reading]:
                    del self.readings[reading]
            self.examples = [e for e in self.examples if (e.file, e.line) != (file, line)]

    def result(self) -> UnexplainedLines:
        ordered = sorted(self.examples, key=lambda e: (e.file, e.line))
        return UnexplainedLines(count=self.count, examples=ordered, kinds=dict(self.kinds), readings=dict(self.readings))


# Fault lines that a later line of the same work shows healed (m53, after the h54 review): media understanding's
# per-attempt failure (``<audio|image|video> understanding failed: <err>``, media.understanding_failed with an
# ``error`` field) is one model or CLI attempt; the runner then tries the next entry, and its decision summary
# (``Media understanding <capability>: success (<ok>/<total>) via <p>/<m> reason=<first attempt's reason>``,
# :data:`HEALER_KINDS`) with ok = total says every attachment was understood: the failed attempts were fallbacks that
# worked (src/media-understanding/runner.ts, runner.entries.ts formatDecisionSummary). The summary carries a reason only
# when an attempt before the chosen one failed or was skipped, so a summary without one (another attachment's clean
# decision) heals nothing. Read by FallbackHeals; the fast path keeps these kinds (stuckscan.fastscan.RELEVANT_KINDS).
HEALER_KINDS = frozenset({"media.understanding_succeeded"})
HEAL_WINDOW = timedelta(seconds=300)  # (an attempt is bounded by timeoutSeconds: 60 s audio and image, 120 s video)
MAX_PENDING_PER_KEY = 4  # attempt lines held per capability; an older one is counted as it would have been


def _heal_key(event: Event) -> str | None:
    """The capability of a per-attempt media understanding failure, which a later decision summary may heal."""
    if event.kind == "media.understanding_failed" and "error" in event.fields:
        return str(event.fields.get("capability") or "")
    return None


class FallbackHeals:
    """Holds back the fault lines a later line may heal (:data:`HEALER_KINDS`) from the unexplained count, at most
    :data:`MAX_PENDING_PER_KEY` per capability, until their outcome shows: the same capability's decision summary with
    every attachment understood (and a reason, which a failed attempt before it gives) within :data:`HEAL_WINDOW`
    heals them, counted as judged (at WARN or above) instead; any other decision of that capability (a summary with
    ok < total, the failed decision's warn), the window running out or the input's end counts them as unexplained."""

    __slots__ = ("judged", "pending", "unexplained")

    def __init__(self, unexplained: UnexplainedCollector, judged: UnexplainedCollector) -> None:
        self.unexplained, self.judged = unexplained, judged
        self.pending: dict[str, deque[Event]] = {}  # (bounded: three capabilities, MAX_PENDING_PER_KEY each)

    def hold(self, event: Event) -> bool:
        """Hold a fault line that a later line may heal (False: not such a line, count it now)."""
        key = _heal_key(event)
        if key is None:
            return False
        held = self.pending.setdefault(key, deque())
        if len(held) >= MAX_PENDING_PER_KEY:
            self.unexplained.add(held.popleft())
        held.append(event)
        return True

    def see(self, event: Event) -> None:
        """Read a line for what it says of the held ones: a decision of their capability, or a time past their wait."""
        if not self.pending:
            return
        now = event.time
        if now is not None:
            for key in list(self.pending):
                held = self.pending[key]
                while held and held[0].time is not None and now - held[0].time > HEAL_WINDOW:
                    self.unexplained.add(held.popleft())
                if not held:
                    del self.pending[key]
        decision = event.kind in HEALER_KINDS or (event.kind == "media.understanding_failed" and "error" not in event.fields)
        fields = event.fields
        key = str(fields.get("capability") or "")
        held = self.pending.get(key) if decision else None
        if not held:
            return
        ok, total = fields.get("succeeded"), fields.get("attachments")
        healed = event.kind in HEALER_KINDS and isinstance(total, int) and total > 0 and ok == total \
            and bool(fields.get("reason"))
        for line in held:
            if healed and (now is None or line.time is None or line.time <= now):
                if line.level in JUDGED_LEVELS:
                    self.judged.add(line)
            else:  # (a line timed after the summary was not healed by it)
                self.unexplained.add(line)
        del self.pending[key]

    def flush(self) -> None:
        """The input's end: what no decision followed is counted as unexplained."""
        for held in self.pending.values():
            for line in held:
                self.unexplained.add(line)
        self.pending.clear()


# The admission refusals, said in words: the kind alone does not say it (session.work_invalidated is also the restart
# recovery's refusal, which RC17 reads as a restart's mark). Alone, each is a task that never started (policies "work
# refused by a restart drain" and "work-start refusal and its channel report").
DRAIN_REFUSAL_READING = "a task turned away at admission while the gateway drained for a restart; no run was cut"
WORK_START_REFUSAL_READING = ("a turn turned away at admission because its session changed while it was starting; no "
                              "run was cut")


# A config file OpenClaw refused (config.invalid): the CLI's config guard, the loader, the daemon CLI's pre-flight. No
# class names it (no session is held), but a gateway that refuses its config does not start, and one its service
# manager restarts refuses again each time: a fact an empty result says (h63).
CONFIG_REFUSAL_READING = ("a config file OpenClaw refused as invalid: a gateway does not start on it, nor a command "
                          "run, until the file is fixed (`openclaw doctor --fix`); a gateway already running keeps "
                          "the config it had")


PROCESS_EXIT_READING = ("a crash: the OpenClaw process (the gateway, or the CLI command that printed it) exited right "
                        "after it, since its process guard writes these words only before ending the process with "
                        "status 1; no class names such a crash, and the lines before it, and whether the service "
                        "manager restarted the gateway, would show what it cut")


def judged_reading(event: Event) -> str | None:
    """What a line is, in a plain sentence, for the shapes whose kind does not say it (None for the others)."""
    if refused_for_restart(event):
        return DRAIN_REFUSAL_READING
    if work_start_refusal(event):
        return WORK_START_REFUSAL_READING
    if _GUARD_EXIT.match(event.message):
        return PROCESS_EXIT_READING
    if event.kind == CONFIG_REFUSAL_KIND:
        return CONFIG_REFUSAL_READING
    return None


# How the note on judged lines begins: an explanation that hides nothing (stuckscan.formats._report).
JUDGED_NOTE = "read, short of a stall"


def judged_note(judged: UnexplainedLines) -> str | None:
    """What an empty result says of the fault lines the rules read and judged (None when there were none)."""
    if not judged.count:
        return None
    first = judged.examples[0] if judged.examples else None
    where = f"; first at {os.path.basename(first.file)}:{first.line}" if first is not None else ""
    kinds = ", ".join(f"{kind} \u00d7{count:,}" if count > 1 else kind
                      for kind, count in sorted(judged.kinds.items(), key=lambda item: (-item[1], item[0]))[:6])
    more = ", \u2026" if len(judged.kinds) > 6 else ""
    lines, they, do = ("line", "it", "does") if judged.count == 1 else ("lines", "they", "do")
    return (f"{JUDGED_NOTE}: {judged.count:,} warning or error {lines} of a known kind ({kinds}{more}{where}); the "
            f"rules read {'it' if judged.count == 1 else 'them'}, and alone {they} {do} not show a session stuck or "
            "the gateway unresponsive"
            + "".join(f"; {_which(count, judged.count)} {reading}" for reading, count in judged.readings.items()))


def _which(count: int, of: int) -> str:
    """How many of the judged lines a reading covers, as a sentence's subject."""
    if of == 1:
        return "it is"
    return "one of them is" if count == 1 else f"{count:,} of them are each"


def unexplained_note(unexplained: UnexplainedLines) -> str | None:
    """The explanation an empty result gets when fault lines went unexplained (None when none did)."""
    if not unexplained.count:
        return None
    first = unexplained.examples[0] if unexplained.examples else None
    # the file's name only, as the other explanations give it (a path may name the user)
    where = f" (first at {os.path.basename(first.file)}:{first.line})" if first is not None else ""
    lines, them = ("line reports", "it") if unexplained.count == 1 else ("lines report", "them")
    return (f"{unexplained.count:,} {lines} a fault that no rule explains{where}: stuckscan cannot name a "
            f"cause from {them}; `stuckscan events` shows how each line was read"
            + "".join(f"; {_which(count, unexplained.count)} {reading}" for reading, count in unexplained.readings.items()))
