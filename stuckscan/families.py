"""Message families as data: a kind, a default level, and a pattern with typed fields.

A family's pattern is matched against the message text (ANSI stripped). Named groups
become fields; a group called ``kv`` is split by the generic key=value tokenizer.
``prefixes`` are literal starts used to dispatch a message to the few families that can
match it; families without prefixes are *searched* anywhere in the message, behind a
cheap ``needle`` substring check. Order matters only within one prefix: list the more
specific family first.

Enrichers add fields to any event whose message contains their needle (a session-file
lock error inside a ``lane task error``, the inner error of a ``gateway connect failed``).

Every pattern is written so it cannot backtrack catastrophically: at most one unbounded
``.*`` or ``\\S+`` per pattern, anchored, with literal separators.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from stuckscan._dataclass import dataclass
from stuckscan._lazy_pattern import LazyPattern, source_of
from stuckscan.brand import PRODUCT_NAME, PRODUCT_NAMES
from stuckscan.shapes import WS_CLOSE_CAUSES

KV = r"\s*(?P<kv>.*)"
# The active-memory recall sub-run's line start (extensions/active-memory/recall.ts): "active-memory: agent=<id>
# session=<key|id|none>[ activeProvider=<p>][ activeModel=<m>]" (2026.4.29 printed no session= word, as pasted in
# #73306); the console drops the label repeating its tag.
RECALL_PREFIX = (r"(?:active-memory: )?agent=(?P<agent>\S+)(?: session=(?P<recallSession>\S+))?"
                 r"(?: activeProvider=(?P<provider>\S+))?(?: activeModel=(?P<model>\S+))?")


@dataclass(frozen=True, slots=True)
class Family:
    kind: str
    level: str | None
    pattern: re.Pattern[str]  # a LazyPattern until first used (see stuckscan._lazy_pattern)
    prefixes: tuple[str, ...] = ()
    needle: str | None = None
    summary: str = ""
    # Words a field is printed as, read as the value the rules compare ("(dead)" is lockPidAlive=false).
    values: Mapping[str, Mapping[str, str]] | None = None

    def __post_init__(self) -> None:
        if isinstance(self.pattern, LazyPattern):
            self.pattern.bind(self, "pattern")

    @property
    def anchored(self) -> bool:
        return bool(self.prefixes)


_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")


def group_names(family: Family) -> frozenset[str]:
    """The names of ``family``'s pattern's groups, without compiling it (read from its source; tests check that
    this is its ``groupindex``)."""
    return frozenset(_NAMED_GROUP.findall(source_of(family.pattern)))


def _anchored(kind: str, level: str | None, prefix: str | tuple[str, ...], pattern: str, summary: str = "",
              values: Mapping[str, Mapping[str, str]] | None = None) -> Family:
    prefixes = (prefix,) if isinstance(prefix, str) else prefix
    return Family(kind, level, LazyPattern(pattern, re.DOTALL), prefixes=prefixes,  # type: ignore[arg-type]
                  summary=summary, values=values)


def _searched(kind: str, level: str | None, needle: str, pattern: str, summary: str = "",
              values: Mapping[str, Mapping[str, str]] | None = None) -> Family:
    return Family(kind, level, LazyPattern(pattern, re.DOTALL), needle=needle,  # type: ignore[arg-type]
                  summary=summary, values=values)


def _early_in_error(*words: str) -> str:
    """A lookahead that one of ``words`` (patterns) comes within the error's first 200 characters (bounded, so a line
    repeating a label many times stays linear)."""
    return r"(?=[^\n]{0,200}?(?:" + "|".join(words) + "))"


# An error of the code itself rather than of the world it talks to.
_CODE_FAULT_WORDS = (r"\b(?:TypeError|ReferenceError)\b", "is not a function",
                     r"Cannot read propert(?:y|ies) of (?:undefined|null)", r"\bis not defined\b", r"must declare \w")
CODE_FAULT = _early_in_error(*_CODE_FAULT_WORDS)
# An inbound update failing for a reason every update shares: an error of the code, a module the install lacks
# ("Cannot find module ...": a running gateway whose files an upgrade replaced), or grammY's bot that was never
# initialised ("Bot not initialized!": its getMe bootstrap never succeeded).
FAILS_EVERY_UPDATE = _early_in_error(*_CODE_FAULT_WORDS, "Cannot find module", "Bot not initialized")

# The error a plugin loader's "<path>: <error>" ends on: a module the install lacks, or any JavaScript error
# ("TypeError: ...", "Error [ERR_PACKAGE_PATH_NOT_EXPORTED]: ...").
_LOAD_ERROR = r"(?:Error: )?Cannot find module .*|(?:[A-Z][A-Za-z]{0,40})?Error(?: \[[A-Z_]{1,60}\])?: .*"
# One entry of Node's "Require stack:" (a module's path; "- " before it as Node prints it is no part of it).
STACK_ENTRY = r"(?:[A-Za-z]:\\|[/~.…])[^\s()]{0,1000}"

# The bookkeeping of a cron run's delivery (see the cron.delivery_housekeeping families).
_CRON_DELIVERY_HOUSEKEEPING = (
    r"failed to mirror direct delivery into session transcript|failed to resolve destination session for direct "
    r"delivery mirror|failed to queue isolated cron awareness for the main session|durable delivery receipt unavailable"
    r"|Failed to persist model switch session entry|sourceDelivery is undefined"
)

# A row of `openclaw tasks audit` (see the task.* families): scope, severity, code, the
# item's id as cut to ten characters, its status, its age and the detail; format() fills the severity and code
# alternatives.
_TASK_AUDIT_ROW = (r"(?P<scope>Task|TaskFlow) +(?P<severity>{severity}) +(?P<code>{code}) +"
                   r"(?P<item>[^\s]{{1,100}}) +(?P<status>[a-z_]{{1,20}}|n/a) +(?P<age>fresh|\d{{1,7}}[dhms](?:\d{{1,3}}[hms])?) +"
                   r"(?P<detail>[^\n]{{1,300}})")

# Telegram Bot API methods the channel calls: in a bare grammY error they name the channel.
_BOT_API_METHODS = ("getUpdates", "sendMessage", "sendChatAction", "setMyCommands", "deleteMyCommands", "getMe",
                    "deleteWebhook", "setWebhook", "editMessageText", "sendPhoto", "sendDocument", "answerCallbackQuery")

# `openclaw channels status`'s account line up to its running bit (see the families that read it): the channel's label
# as its plugin names it, the account id and its display name, then the enabled, configured and linked bits.
_CHANNEL_STATUS_ACCOUNT = (r"\A(?:- )?(?P<channel>[A-Z][A-Za-z]{1,20}(?: [A-Z][A-Za-z]{1,20})?) "
                           r"(?P<account>[^\s:,()]{1,100})(?: \([^()\n]{0,100}\))?: enabled, configured"
                           r"(?:, secret unavailable in this command path)?(?:, (?:not )?linked)?, ")
# Its last bit when the account has a last error: ", error:<lastError>" (bounded, the line's one long search).
_CHANNEL_STATUS_LAST_ERROR = r"[^\n]{0,1000}?, error:(?P<error>[^\n]{1,1000})"
_CHANNEL_STATUS_ERROR = r"(?:, disconnected)?(?:" + _CHANNEL_STATUS_LAST_ERROR + ")?"
# Channel labels as the channel plugins print them (their meta.label), as the channel ids the rules compare (a label
# not listed stays as printed).
_CHANNEL_LABELS = {
    "Telegram": "telegram", "Discord": "discord", "Slack": "slack", "WhatsApp": "whatsapp", "Signal": "signal",
    "iMessage": "imessage", "Google Chat": "googlechat", "Feishu": "feishu", "Mattermost": "mattermost",
    "Matrix": "matrix", "LINE": "line", "Microsoft Teams": "msteams", "Zalo": "zalo", "IRC": "irc", "Nostr": "nostr",
    "BlueBubbles": "bluebubbles", "DingTalk": "dingtalk", "QQ Bot": "qqbot", "WeCom": "wecom", "Tlon": "tlon",
}

# The official Feishu/Lark plugin (larksuite/openclaw-lark) writes its monitor's "feishu[<account>]: WebSocket client
# started" after its client's "disconnecting WebSocket (accountId=<account>)", once the account's stop has run: the
# parser reads that pair (parser.LineParser._after_plugin_stop), so the fast path decodes every line holding the stop's
# words (fastscan._needles).
FEISHU_PLUGIN_STOP_NEEDLE = "disconnecting WebSocket (accountId="
FEISHU_STARTED_NEEDLE = "]: WebSocket client started"

# A systemd unit of the gateway's, as the service manager names it in its own lines: openclaw-gateway.service
# (src/daemon/systemd-unit.ts; a profile adds "-<profile>"; older builds' clawdbot-/moltbot-gateway) or a hand-written
# unit named after the product.
_GATEWAY_UNIT = PRODUCT_NAME + r"[\w@.-]{0,60}\.service"

# The flags and the reason after an "[abort-source] ... source=<source>" (abort-source-log.ts): the reason is "Name:
# message" or "<none>", and a "stack=<frames>" ends the line.
_ABORT_SOURCE_REST = (r"(?: isTimeout=(?P<isTimeout>true|false))?(?: idleTimeout=(?P<idleTimedOut>true|false))?"
                      r"(?: compactionTimeout=(?P<compactionTimedOut>true|false))?(?: external=(?P<external>true|false))?"
                      r"(?: reason=(?P<abortReason>[^\n]{0,300}?)(?= stack=|\s*$))?")

FAMILIES: tuple[Family, ...] = (
    # 2.1 detection
    _anchored("session.stuck", "warn", ("stuck session:", "Stuck session:"), r"[sS]tuck session:" + KV,
              "stuck session warning"),
    _anchored("session.stalled", "warn", ("stalled session:", "Stalled session:"), r"[sS]talled session:" + KV,
              "stalled session warning"),
    _anchored("session.long_running", "warn", "long-running session:", r"long-running session:" + KV, "long-running session warning"),
    # 2.2 recovery
    _anchored("recovery.outcome", "warn", "stuck session recovery outcome:", r"stuck session recovery outcome:" + KV),
    _anchored("recovery.skipped", "warn", "stuck session recovery skipped:", r"stuck session recovery skipped:" + KV),
    # The recovery runtime's first build (src/logging/diagnostic-stuck-session-recovery.runtime.ts, before its skips
    # were warns with reason=/action= words) logged them at debug in words: "stuck session recovery skipped active
    # abort: sessionId=<id> sessionKey=<key> age=<n>s queueDepth=<n>" (an active embedded run, only observed), "stuck
    # session recovery skipped lane reset: active reply work sessionId=<id> sessionKey=<key> age=<n>s queueDepth=<n>"
    # and "... lane reset: active lane task lane=<lane> active=<n> queued=<n> sessionId=<id> sessionKey=<key>
    # age=<n>s" (the lane kept): read as the later warns' reasons.
    _anchored(
        "recovery.skipped", "debug", "stuck session recovery skipped active abort:",
        r"stuck session recovery skipped (?P<reason>active abort):" + KV,
        values={"reason": {"active abort": "active_embedded_run"}},
    ),
    _anchored(
        "recovery.skipped", "debug", "stuck session recovery skipped lane reset:",
        r"stuck session recovery skipped lane reset: (?P<reason>active reply work|active lane task)\b" + KV,
        values={"reason": {"active reply work": "active_reply_work", "active lane task": "active_lane_task"}},
    ),
    _anchored("recovery.noop", "warn", "stuck session recovery no-op:", r"stuck session recovery no-op:" + KV),
    # The same runtime (src/logging/diagnostic-stuck-session-recovery.runtime.ts) reclaims reply work that shows
    # no activity at all as "reclaiming phantom_reply_work:" and stale reply work as "reclaiming stale_reply_work:".
    _anchored(
        "recovery.reclaiming", "warn", "stuck session recovery reclaiming",
        r"stuck session recovery reclaiming (?:stale active (?P<target>run|reply work)"
        r"|(?P<reclaimReason>phantom_reply_work|stale_reply_work)):" + KV,
    ),
    _anchored("recovery.failed", "warn", "stuck session recovery failed:", r"stuck session recovery failed:" + KV),
    _anchored(
        "recovery.unavailable", "warn", "stuck session recovery unavailable:",
        r"stuck session recovery unavailable:\s*(?P<error>.*)",
    ),
    _anchored("recovery.action", "warn", "stuck session recovery:", r"stuck session recovery:" + KV),
    # The reply queue's Discord stuck-session circuit breaker (src/auto-reply/reply/queue/circuit-breaker.ts, runtime
    # log): queued Discord messages waited 5 min behind an active run that was not streaming, so the breaker aborted
    # that run: "discord stuck-session circuit breaker fired for <queueKey>: queueDepth=<n>, activeSessionId=<id>,
    # aborted=<bool>". A recovery the queue ran itself, not the diagnostic heartbeat's.
    _anchored(
        "recovery.circuit_breaker", "info", "discord stuck-session circuit breaker fired for ",
        r"(?P<channel>discord) stuck-session circuit breaker fired for (?P<sessionKey>\S+): queueDepth=(?P<queueDepth>\d+),"
        r" activeSessionId=(?P<sessionId>[^,\s]+), aborted=(?P<aborted>true|false)",
    ),
    _anchored(
        "abort.settle_timeout", "warn", ("embedded abort settle timed out:", "sessions_yield abort settle timed out:"),
        r"(?P<runner>embedded|sessions_yield) abort settle timed out:" + KV,
    ),
    _anchored(
        "abort.settle_failed", "warn", ("embedded abort settle failed:", "sessions_yield abort settle failed:"),
        r"(?P<runner>embedded|sessions_yield) abort settle failed:" + KV,
    ),
    # 2.3 liveness, heartbeat, memory
    _anchored(
        "liveness.heartbeat_delayed", "warn", "liveness heartbeat delayed:",
        r"liveness heartbeat delayed:\s*(?P<kv>[^;]*)(?:;\s*(?P<note>.*))?",
    ),
    # The same, as a reporter or an older console shortened it: "liveness heartbeat delayed 34917ms" (#84983).
    _anchored(
        "liveness.heartbeat_delayed", "warn", "liveness heartbeat delayed ",
        r"liveness heartbeat delayed (?P<overdue>\d+)ms\b" + KV,
    ),
    _anchored("liveness.warning", "warn", "liveness warning:", r"liveness warning:" + KV),
    _anchored(
        "heartbeat", "debug", "heartbeat:",
        r"heartbeat:\s*webhooks=(?P<webhooksReceived>\d+)/(?P<webhooksProcessed>\d+)/(?P<webhooksErrors>\d+)" + KV,
    ),
    _anchored("memory.pressure", "warn", "memory pressure:", r"memory pressure:" + KV),
    # 2.4 session state, messages, lanes
    _anchored("session.state", "debug", "session state:", r"session state:" + KV),
    _anchored("session.turn_created", "debug", "session turn created:", r"session turn created:" + KV),
    _anchored("message.queued", "debug", "message queued:", r"message queued:" + KV),
    # A turn the restart recovery had claimed, refused because the session moved on before the agent adopted it
    # ("restart recovery claim changed before agent adoption", ERR_RESTART_RECOVERY_CLAIM_CHANGED), or a run of
    # the gateway's previous lifecycle ("Agent run belongs to a stale gateway lifecycle"): src/commands/agent
    # and its restart-recovery path. Logged as the message's error; a restart interrupted that work (RC17).
    _anchored(
        "session.work_invalidated", "warn", ("message processed:", "message dispatch completed:"),
        r"message (?:processed|dispatch completed):(?=[^\n]*(?:restart recovery claim changed before agent adoption"
        r"|Agent run belongs to a stale gateway lifecycle))" + KV,
    ),
    # The same diagnostic when the reply resolver threw the reply pipeline's lost session commit ("message dispatch
    # completed: ... source=replyResolver outcome=error error=\"Error: reply session initialization conflicted for
    # <key>\""): the turn was refused, as the bare error below.
    _anchored(
        "session.init_conflict", "error", ("message processed:", "message dispatch completed:"),
        r"message (?:processed|dispatch completed):(?=[^\n]*reply session initialization conflicted)" + KV,
    ),
    # A message whose turn failed on the session write lock ("message processed: ... outcome=error
    # error=\"SessionWriteLockTimeoutError: session file locked (timeout 10000ms)\""): that lock timeout, read as the
    # bare error below reads it (the store's own sessions.json.lock left to the store-lock family).
    _anchored(
        "lock.timeout", "error", "message processed:",
        r"message processed:(?=[^\n]*(?:session file locked|SessionWriteLockTimeoutError))"
        r"(?![^\n]*sessions\.json\.lock)" + KV,
    ),
    _anchored("message.processed", "debug", "message processed:", r"message processed:" + KV),
    _anchored("message.received", "debug", "message received:", r"message received:" + KV),
    _anchored(
        "message.dispatch", "debug", "message dispatch",
        r"message dispatch (?P<stage>started|completed):" + KV,
    ),
    _anchored("webhook", "debug", "webhook ", r"webhook (?P<stage>received|processed|error):" + KV),
    _anchored("run.attempt", "debug", "run attempt:", r"run attempt:" + KV),
    _anchored("runs.active", "debug", "active runs:", r"active runs:" + KV),
    _anchored("tool.loop", "warn", "tool loop:", r"tool loop:" + KV),
    # Enqueues on a session's own lane reach the correlator (a lane that stops dequeuing); those
    # on shared lanes (main, cron, subagent) are routine traffic the fast path may skip.
    _anchored("lane.enqueue", "debug", "lane enqueue: lane=session:", r"lane enqueue:" + KV),
    _anchored("lane.enqueue_shared", "debug", "lane enqueue:", r"lane enqueue:" + KV),
    _anchored("lane.dequeue", "debug", "lane dequeue:", r"lane dequeue:" + KV),
    _anchored("lane.wait_exceeded", "warn", "lane wait exceeded:", r"lane wait exceeded:" + KV),
    _anchored("lane.task_done", "debug", "lane task done:", r"lane task done:" + KV),
    _anchored("lane.task_error", "error", "lane task error:", r"lane task error:" + KV),
    # src/process/command-queue.ts (diagnostic, warn): a lane task that already timed out (CommandLaneTaskTimeoutError)
    # rejected later: "lane task rejected after timeout: lane=<lane> timeoutMs=<n> error=\"<String(err)>\"".
    _anchored(
        "lane.task_rejected_after_timeout", "warn", "lane task rejected after timeout:",
        r"lane task rejected after timeout:" + KV,
    ),
    _anchored("lane.task_interrupted", "debug", "lane task interrupted:", r"lane task interrupted:" + KV),
    _anchored("lane.drain_blocked", "warn", "drainLane blocked:", r"drainLane blocked:" + KV),
    # src/agents/session-suspension.ts (session-suspension, info; newer builds): after every fallback candidate failed,
    # the fallback summary suspends the session (quotaSuspension in its store entry) and sets its command lane's
    # concurrency to 0; a timer restores it after the suspension's TTL (30 min by default) and logs "auto-resumed lane
    # after suspension TTL" with meta {laneId, delayMs, resumeConcurrency}. The line proves the lane admitted no work
    # for delayMs. (Suspending logs nothing; "failed to persist quota suspension; not throttling lane" is a write that
    # failed, the lane left alone.)
    _anchored(
        "lane.suspension_resumed", "info", "auto-resumed lane after suspension TTL",
        r"auto-resumed lane after suspension TTL:?" + KV,
    ),
    # 2.5 embedded runs
    _anchored("embedded.run_start", "debug", "embedded run start:", r"embedded run start:" + KV),
    _anchored("embedded.prompt_start", "debug", "embedded run prompt start:", r"embedded run prompt start:" + KV),
    _anchored("embedded.prompt_end", "debug", "embedded run prompt end:", r"embedded run prompt end:" + KV),
    # The duration in parentheses, as pasted from older builds' console (f122): "embedded run prompt end (149440ms)".
    _anchored(
        "embedded.prompt_end", "debug", "embedded run prompt end (",
        r"embedded run prompt end \((?P<durationMs>\d+)ms\):?" + KV,
    ),
    _anchored("embedded.agent_start", "debug", "embedded run agent start", r"embedded run agent start:?" + KV),
    _anchored("embedded.agent_end", "debug", "embedded run agent end", r"embedded run agent end:?" + KV),
    _anchored("embedded.run_done", "debug", "embedded run done:", r"embedded run done:" + KV),
    _anchored("embedded.run_end", "debug", "embedded run end", r"embedded run end:?" + KV),
    # The agent command's own lifecycle end (src/commands/agent.ts and the embedded runner's attempt lifecycle,
    # console.error or the run's log at the outcome's level): "[agent] run <runId> ended with stopReason=<reason>",
    # printed when the run ended other than on end_turn (error, aborted, max_tokens, ...). The run's end, as above.
    _searched(
        "embedded.run_end", "warn", " ended with stopReason=",
        r"(?:\[agent\] )?run (?P<runId>[^\s]{1,200}) ended with stopReason=(?P<stopReason>[\w-]{1,40})",
    ),
    # Also "embedded run auto-compaction start|complete|incomplete[ (<threshold|overflow>)]" (info; the meta's
    # event is embedded_run_compaction_start, reason threshold|overflow), src/agents/pi-embedded-subscribe.handlers
    # .compaction.ts (later embedded-agent-runner/): the form the docs' compaction page and pasted logs show; a manual
    # /compact logs "embedded run manual compaction start|complete".
    # The compaction end that did not complete (src/agents/embedded-agent-subscribe.handlers.compaction.ts,
    # handleCompactionEnd): "embedded run auto-compaction|manual compaction failed: runId=<id> reason=<class>[ detail=
    # <text>]" (warn; the class from compact-reasons.ts classifyCompactionReason: timeout, summary_failed,
    # provider_error_4xx|5xx, guard_blocked, unknown, ...); the file's message is the same words without the fields.
    # A timeout class is the compaction timing out; any other is a failed compaction. (The "skipped" and "aborted" ends
    # are left alone: skipped for nothing to compact is benign, and an abort follows a fault read elsewhere.)
    _anchored(
        "compaction.timeout", "warn", ("embedded run auto-compaction failed", "embedded run manual compaction failed"),
        r"embedded run (?:auto-|manual )compaction failed:? runId=(?P<runId>\S+) reason=(?P<reason>timeout)\b" + KV,
    ),
    _anchored(
        "compaction.failed", "warn", ("embedded run auto-compaction failed", "embedded run manual compaction failed"),
        r"embedded run (?:auto-|manual )compaction failed(?::? runId=(?P<runId>\S+))?"
        r"(?: reason=(?P<reason>[\w-]{1,60}))?(?: detail=(?P<error>.*))?\s*$",
    ),
    _anchored(
        "embedded.compaction", "debug",
        ("embedded run compaction ", "embedded run auto-compaction ", "embedded run manual compaction "),
        r"embedded run (?:auto-|manual )?compaction (?P<stage>start|retry|end|done|complete|incomplete)"
        r"(?: \((?P<reason>[^()]{1,40})\))?:?" + KV,
    ),
    _anchored("embedded.tool_start", "debug", "embedded run tool start:", r"embedded run tool start:" + KV),
    _anchored("embedded.tool_end", "debug", "embedded run tool end:", r"embedded run tool end:" + KV),
    _anchored(
        "embedded.timeout", "warn", "embedded run timeout",
        r"embedded run timeout(?P<afterCompactionGrace> after compaction grace)?"
        r"(?::| \((?P<timeoutMs>\d+)ms\):?|\s*(?:\.{3}|…)|\s*$)" + KV,
    ),
    # src/agents/embedded-agent-runner/run.ts (emitStartupStageSummary): how long each startup stage of a run
    # took, logged at warn when the run was slow to start (else at trace): "[trace:embedded-run] startup stages:
    # runId=<id> sessionId=<id> phase=<phase> totalMs=<n> stages=<name>:<n>ms@<n>ms,...". The attempt's own
    # preparation is summed up the same way (emitPrepStageSummary): "[trace:embedded-run] prep stages: runId=<id>
    # sessionId=<id> phase=stream-ready totalMs=<n> stages=...".
    _anchored(
        "embedded.startup_stages", "warn",
        ("[trace:embedded-run] startup stages:", "embedded run startup stages:", "[trace:embedded-run] prep stages:"),
        r"(?:\[trace:embedded-run\]|embedded run) (?:startup|prep) stages:" + KV,
    ),
    _anchored(
        "embedded.abort_still_streaming", "warn", "embedded run abort still streaming:",
        r"embedded run abort still streaming:" + KV,
    ),
    # The file record says only "embedded run failover decision" and carries the fields in its meta object
    # (event embedded_run_failover_decision); the console prints them as key=value words after a colon
    # (src/agents/pi-embedded-runner/run/failover-observation.ts).
    _anchored("embedded.failover", "warn", "embedded run failover decision", r"embedded run failover decision:?" + KV),
    _anchored("model.fallback_decision", "warn", "model fallback decision", r"model fallback decision:?" + KV),
    # The same records quoted by their meta object's event name, its fields as key=value words
    # ("embedded_run_failover_decision ... failoverReason=timeout profileFailureReason=timeout").
    _anchored("embedded.failover", "warn", ("embedded_run_failover_decision", "embedded_run_failover_decision:"),
              r"embedded_run_failover_decision:?" + KV),
    _anchored("model.fallback_decision", "warn", ("model_fallback_decision", "model_fallback_decision:"),
              r"model_fallback_decision:?" + KV),
    # The same decision under its console tag [model-fallback/decision] without the label: 2026.3 builds print the
    # decision word bare ("candidate_failed requested=<p>/<m> candidate=<p>/<m> reason=timeout next=<p>/<m>", f313);
    # pasted one key per line it starts "decision=candidate_failed" and the keys follow on their own lines (f304).
    # Decisions (src/agents/model-fallback-observation.ts, called from model-fallback.ts): candidate_failed,
    # candidate_succeeded, and the two a provider whose profiles all cool down gets: skip_candidate (the candidate not
    # tried; its reason the cooldown's, e.g. rate_limit, billing, auth) and probe_cooldown_candidate (tried anyway as a
    # probe). The source logs all but a last candidate_failed at info; the bare console form states no level.
    _anchored(
        "model.fallback_decision", "warn",
        ("candidate_failed", "candidate_succeeded", "skip_candidate", "probe_cooldown_candidate",
         "decision=candidate_failed", "decision=candidate_succeeded", "decision=skip_candidate",
         "decision=probe_cooldown_candidate"),
        r"(?:decision=)?(?P<decision>candidate_(?:failed|succeeded)|skip_candidate|probe_cooldown_candidate)(?=\s|$)"
        + KV,
    ),
    # run registry
    _anchored("run.registered", "debug", "run registered:", r"run registered:" + KV),
    _anchored("run.cleared", "debug", "run cleared:", r"run cleared:" + KV),
    # "run cleanup: runId=<id> sessionId=<id> aborted=<bool> timedOut=<bool>" (debug, agent/embedded): an aborted or
    # timed-out attempt's finally block ran (src/agents/pi-embedded-runner/run/attempt.ts): the timeout was cleaned up.
    _anchored("run.cleanup", "debug", "run cleanup:", r"run cleanup:" + KV),
    # "aborting run: sessionId=<id>", and "aborting compacting run: sessionId=<id>" when an abort of compacting runs
    # only picks it (src/agents/pi-embedded-runner/runs.ts abortEmbeddedPiRun, debug).
    _anchored("run.aborting", "debug", ("aborting run:", "aborting compacting run:"),
              r"aborting (?:(?P<abortMode>compacting) )?run:" + KV),
    # The rest of the active-run registry's debug lines (runs.ts): a wait for a run's end begins ("waiting for run
    # end: sessionId=<id> timeoutMs=<n>"; its "wait timeout:" is below); a message steered into the run was refused
    # ("queue message failed: sessionId=<id> reason=no_active_run|compacting|agent_stopped|
    # not_streaming_no_stop_state": it waits for the next turn instead); a run's own clear found another handle
    # registered ("run clear skipped: sessionId=<id> reason=handle_mismatch": a force-detached or replaced run ended).
    _anchored("run.wait_start", "debug", "waiting for run end:", r"waiting for run end:" + KV),
    _anchored("run.queue_failed", "debug", "queue message failed:", r"queue message failed:" + KV),
    _anchored("run.clear_skipped", "debug", "run clear skipped:", r"run clear skipped:" + KV),
    # "abort failed: sessionId=<id> reason=no_active_run" (debug, src/agents/pi-embedded-runner/runs.ts): an abort
    # (a /stop, a recovery) found no run registered for the session: nothing was held to abort. Before the warn
    # "abort failed: sessionId=<id> err=<error>", the abort itself throwing, which it would otherwise read as.
    _anchored("run.abort_no_run", "debug", "abort failed:",
              r"abort failed: (?=[^\n]{0,200}?\breason=no_active_run\b)" + KV),
    _anchored("run.abort_failed", "warn", "abort failed:", r"abort failed:" + KV),
    # "force-detached run: sessionId=<id> totalActive=<n>" (warn, src/agents/pi-embedded-runner/runs.ts
    # forceDetachEmbeddedRun): an aborted run's cleanup took too long (a provider's HTTP drain, a compaction), so the
    # run was taken off the active-run registry while it still runs in the background; its waiters see it as not
    # cleanly ended.
    _anchored("run.force_detached", "warn", "force-detached run:", r"force-detached run:" + KV),
    # "Embedded agent failed before reply: Request was aborted" (error, src/auto-reply/reply/agent-runner-execution.ts)
    # and "Followup agent failed before reply: Request was aborted" (error, src/auto-reply/reply/followup-runner.ts):
    # the turn threw before any reply because its model request was aborted (the provider SDK's abort error). Newer
    # builds return before that line on a /stop or a restart's abort (isReplyOperationUserAbort / RestartAbort), so
    # what is left is the run's own timers or the stuck-session recovery aborting the call: read as the failover's
    # "rawError=Request was aborted" is (RC01). Other inner errors are read by their own families (a lock, "All
    # models failed", "LLM idle timeout"), searched in the whole line; this one only when it is the whole error.
    _anchored("run.request_aborted", "error",
              ("Embedded agent failed before reply: ", "Followup agent failed before reply: "),
              r"(?P<runner>Embedded|Followup) agent failed before reply: (?:[A-Za-z]{0,40}Error: )?"
              r"(?P<error>Request was aborted)\.?\s*$"),
    # The same reply runner's line when the error is cut or on the next line (a bare "Embedded agent failed before
    # reply", f190, f257, f429), or when it is the reply-ownership guard of 2026.9.x (src/auto-reply/reply/
    # reply-run-registry.ts: "Reply operation has no active tool authority snapshot", thrown at once when the reply
    # operation binding a model route is no longer the session's active run or has ended; #141252, #139847, f557,
    # f564). Either way the line is the turn's end: its run threw, the runner answered with an error reply and no run
    # is held. The bare line names no cause (a lock, a held turn claim: their own lines say so); the guard's loses the
    # message at once. A fault no rule judges (UNJUDGED_FAULT_KINDS), not a stall; other inner errors keep their
    # families, whose needles this narrow pattern leaves alone.
    _anchored("run.failed_before_reply", "error",
              ("Embedded agent failed before reply", "Followup agent failed before reply"),
              r"(?P<runner>Embedded|Followup) agent failed before reply(?::\s*(?:Error: )?"
              r"(?P<error>Reply operation has no active tool authority snapshot)?\.?)?\s*$"),
    _anchored("run.wait_timeout", "warn", "wait timeout:", r"wait timeout:" + KV),
    _anchored(
        "run.wait_active_timeout", "warn", "wait for active embedded runs timed out:",
        r"wait for active embedded runs timed out:" + KV,
    ),
    _anchored("run.active_check", "debug", "run active check:", r"run active check:" + KV),
    # 2.6 session write locks
    _anchored(
        "lock.stale_removed", "warn", "removed stale session lock:",
        r"removed stale session lock:\s*(?P<lockPath>.+?)\s*\((?P<reasons>[^()]*)\)\s*$",
    ),
    # A lock the stale check judged reclaimable, with its reasons (staleReasons in
    # src/agents/session-write-lock.ts: dead-pid, too-old, orphan-self-pid: the pid is this gateway's own but
    # it holds no such lock in memory) and the holder: "session file lock stale (orphan-self-pid): pid=<n>
    # alive=true" (#128032).
    _anchored(
        "lock.stale", "warn", "session file lock stale",
        r"session file lock stale \((?P<reasons>[^()]{1,200})\):?(?:\s*pid=(?P<lockPid>\d+))?"
        r"(?:\s+alive=(?P<lockPidAlive>true|false))?" + KV,
    ),
    _anchored(
        "lock.cleanup_failed", "warn", "session lock cleanup failed on startup:",
        r"session lock cleanup failed on startup:\s*(?P<error>.*)",
    ),
    # `openclaw doctor --fix` listing what it cleaned: "- Removed <n> stale session lock file(s)." (the list mark is
    # lost behind a pasted time's dash: "<time> - Removed ...").
    _anchored(
        "lock.doctor_removed", "info", ("- Removed ", "Removed "),
        r"(?:- )?Removed (?P<count>\d+) stale session lock file",
    ),
    # The lock watchdog of src/agents/session-write-lock.ts force-releases a lock held past its maxHoldMs, on
    # stderr with its console tag: "[session-write-lock] releasing lock held for <n>ms (max=<n>ms): <lock path>"
    # (pasted with the path cut and "~" before a rounded figure, f020).
    _anchored(
        "lock.watchdog_released", "warn", "releasing lock held for ",
        r"releasing lock held for ~?(?P<heldMs>\d+)ms \(max=(?P<maxHoldMs>\d+)ms\)(?::\s*(?P<lockPath>\S.*))?",
    ),
    # 2.7 WebSocket server
    _anchored("ws.handshake_timeout", "warn", "handshake timeout", r"handshake timeout" + KV),
    _anchored("ws.closed_before_connect", "warn", "closed before connect", r"closed before connect" + KV),
    _anchored("ws.webchat_connected", "info", "webchat connected", r"webchat connected" + KV),
    _anchored("ws.webchat_disconnected", "info", "webchat disconnected", r"webchat disconnected" + KV),
    _anchored("ws.user_disconnected", "info", "authenticated user disconnected", r"authenticated user disconnected" + KV),
    _anchored("ws.invalid_handshake", "warn", "invalid handshake", r"invalid handshake" + KV),
    _anchored("ws.protocol_mismatch", "warn", "protocol mismatch", r"protocol mismatch" + KV),
    _anchored("ws.unauthorized", "warn", "unauthorized conn=", r"unauthorized" + KV),
    _anchored(
        "ws.error", "warn", "error conn=",
        r"error conn=(?P<conn>\S+?)(?: remote=(?P<remote>\S+?))?:\s*(?P<error>.*)",
    ),
    _anchored(
        "ws.response", "info", "⇄ res ",
        r"⇄ res (?P<status>[✓✗]) (?P<method>\S+) (?P<durationMs>\d+)ms" + KV,
    ),
    # The same response line pasted without the glyphs the console colours ("[ws] res sessions.compact 181155ms", f301).
    _anchored(
        "ws.response", "info", "res ",
        r"res (?:(?P<status>[✓✗]) )?(?P<method>[A-Za-z][\w.:/-]{0,120}) (?P<durationMs>\d+)ms(?=\s|$)" + KV,
    ),
    # The meta object of a `closed before connect` call printed as key=value words, as a viewer shows a
    # record's values ("cause=handshake-timeout  durationMs=7003  handshakeMs=3000", #46256): the close
    # causes are those of src/gateway/server/ws-connection.ts (format reference 2.7).
    _anchored(
        "ws.closed_before_connect", "warn", tuple(f"cause={cause}" for cause in WS_CLOSE_CAUSES),
        r"(?=cause=(?:" + "|".join(re.escape(c) for c in WS_CLOSE_CAUSES) + r")(?:\s|$))" + KV,
    ),
    _anchored("ws.open", "info", "← open", r"← open" + KV),
    _anchored("ws.close", "info", "→ close", r"→ close" + KV),
    # 2.8 gateway client side
    _anchored(
        "gateway.connect_failed", "error", ("gateway connect failed:", "node host gateway connect failed:"),
        r"(?P<client>node host )?gateway connect failed:\s*(?P<error>.*)",
    ),
    _anchored("gateway.client_error", "debug", "gateway client ", r"gateway client (?:parse )?error:\s*(?P<error>.*)"),
    _anchored(
        "gateway.closed", "error", "gateway closed (",
        r"gateway closed \((?P<code>\d+)(?P<closeText>[^:]*?)\):\s*(?P<reason>.*)",
    ),
    _anchored(
        "gateway.timeout", "error", ("gateway timeout after", "GatewayTransportError: gateway timeout after"),
        r"(?:GatewayTransportError: )?gateway timeout after (?P<timeoutMs>\d+)ms",
    ),
    # The newest CLI (src/gateway/transport-error.ts, createGatewayCloseTransportError and its timeout twin) adds a
    # paragraph to a close or timeout that came after its request was sent, so after the connect handshake finished:
    # "The request was already sent to the gateway, so the operation may have been applied even though no response
    # arrived; its outcome is unknown. Verify the current state ... before retrying, especially for write actions."
    # No fault of its own; the correlator marks the close it follows (DISPATCHED_CLOSE_FIELD), which RC11 then does
    # not read as a handshake cut short.
    _anchored(
        "gateway.request_dispatched", "info", "The request was already sent to the gateway",
        r"The request was already sent to the gateway\b.*",
    ),
    # The Codex harness's ChatGPT token refresh that never answered (the app-server's "auth refresh request timed out
    # after <n>s", classified a timeout, so OpenClaw fails the model call over on it; #89278, #86215): the app-server's
    # own deadline on a credential step before any model request, not a model call waiting for its first token, so
    # its own kind, no model timeout (labelling policy "Codex auth refresh timeout").
    _searched(
        "model.auth_refresh_timeout", "error", "auth refresh request timed out after ",
        r"auth refresh request timed out after (?P<timeoutSeconds>\d+)s",
    ),
    # The CLI's RPC client giving up on its own request (format reference 2.9: `request()` throws "gateway request
    # timeout for <method>"), printed bare as "Error: gateway request timeout for connect".
    _anchored(
        "gateway.timeout", "error", "gateway request timeout for ",
        r"gateway request timeout for (?P<requestTimeoutMethod>[\w.]+)",
    ),
    # The CLI's own report when it cannot reach the gateway (src/cli/logs-cli.ts emitGatewayError and the other
    # gateway RPC commands): "Gateway not reachable. Is it running and accessible?", then connection details.
    _anchored(
        "gateway.unreachable", "error", "Gateway not reachable",
        r"Gateway not reachable\.?(?P<detail>.*)",
    ),
    # 2.9 gateway lifecycle
    _anchored("gateway.agent_model", "info", "agent model:", r"agent model:\s*(?P<model>\S+)"),
    _anchored(
        "gateway.listening", "info", "listening on ",
        r"listening on (?P<urls>[^()]+?)\s*(?:\(PID (?P<pid>\d+)\))?\s*$",
    ),
    _anchored(
        "gateway.ready", "info", ("ready (", "gateway ready ("),
        r"(?:gateway )?ready \((?:(?P<plugins>\d+) plugins?)?[^;)]*(?:;\s*(?P<startup>\d+(?:\.\d+)?m?s))?\)\s*$",
    ),
    # 2026.4 builds print the ready details on "http server listening (<n> plugins: <ids>; <startup>s)" (info,
    # src/gateway/server-startup-log.ts, formatReadyDetails as for "ready (...)"), then a bare "ready" (f220).
    _anchored(
        "gateway.ready", "info", "http server listening (",
        r"http server listening \((?:(?P<plugins>\d+) plugins?)?[^;)]*(?:;\s*(?P<startup>\d+(?:\.\d+)?m?s))?\)\s*$",
    ),
    # The foreground start's progress lines before the server listens ("[gateway] starting...", "[gateway] loading
    # configuration…", "resolving authentication…", "starting HTTP server...", f220): the cold-start window opens
    # here. Taken from pasted logs; the wording was not found in the stored source.
    _anchored(
        "gateway.starting", "info",
        ("starting...", "starting…", "loading configuration", "resolving authentication", "starting HTTP server"),
        r"(?P<stage>starting|loading configuration|resolving authentication|starting HTTP server)(?:\.{3}|…)\s*$",
    ),
    _anchored("gateway.log_file", "info", "log file:", r"log file:\s*(?P<path>.+)"),
    _anchored("gateway.signal", "info", "signal SIG", r"signal (?P<signal>SIG[A-Z0-9]+) received"),
    _anchored(
        "gateway.signal_action", "info", "received SIG",
        r"received (?P<signal>SIG[A-Z0-9]+); (?P<action>restarting|shutting down)",
    ),
    # run-loop.ts names three modes: "full process restart (spawned pid <n>|supervisor restart)", "in-process restart
    # (<detail>)", and for an `update.run` / auto-update restart "update process respawn (spawned pid <n>|supervisor
    # restart)": each is the old process handing over, whatever brought the new one.
    _anchored(
        "gateway.restart_mode", "info", "restart mode:",
        r"restart mode:\s*(?P<mode>full process restart|in-process restart|update process respawn)",
    ),
    # The drain's start names its budget "(timeout <n>ms)" in older builds, "with timeout <n>ms" or "without a timeout"
    # in newer ones (info); every 30 s of it the same counts as "still draining ..." (warn), and background task runs
    # that hold it back are named: "restart blocked by active background task run(s): <task>; <task>; +<n> more" (warn).
    _anchored(
        "gateway.draining", "info", ("draining ", "still draining "),
        r"(?P<stage>still draining|draining) (?P<tasks>\d+) active task\(s\) (?:and (?P<runs>\d+) active embedded run\(s\) )?"
        r"before restart(?: (?:\(timeout|with timeout) (?P<timeoutMs>\d+)ms\)?| (?P<drainBudget>without a timeout))?",
    ),
    _anchored(
        "gateway.draining", "warn", "restart blocked by active background task run(s):",
        r"(?P<stage>restart blocked) by active background task run\(s\):\s*(?P<blockers>.*)",
    ),
    # The newest builds' drain (src/cli/gateway-cli/run-loop-drain.ts, gateway) names the action, a restart's, a stop's or
    # a SIGTERM with a restart intent's ("external-restart"), and its counts as k=v ("embeddedRuns=1 pendingReplies=2
    # chatRuns=1"; only the non-zero ones): "draining active work before <action> with timeout <n>ms|without a timeout:
    # <counts>" (info), every 30 s "still draining active work before <action>: <counts>" (warn).
    _anchored(
        "gateway.draining", "info", "draining active work before ",
        r"(?P<stage>draining) active work before (?P<action>restart|stop|external-restart)"
        r"(?: with timeout (?P<timeoutMs>\d+)ms| (?P<drainBudget>without a timeout))?: (?P<counts>(?P<kv>[^\n]*))",
    ),
    _anchored(
        "gateway.draining", "warn", "still draining active work before ",
        r"(?P<stage>still draining) active work before (?P<action>restart|stop|external-restart): "
        r"(?P<counts>(?P<kv>[^\n]*))",
    ),
    # Its outcomes: a restart's drain out of budget, "restart drain budget <n>ms exhausted; cutting short <counts>"
    # (warn; the cron runs are then aborted and the server closed); a stop's, "gateway active-work drain timeout reached;
    # proceeding with shutdown: <counts>" (warn; the embedded runs and cron runs are aborted), or its wait failing,
    # "gateway active-work drain failed; proceeding with shutdown: <err>" (warn); then, either way, a stop's "active-work
    # drain settled; beginning server close" (info; a drained restart says "all active work drained").
    _anchored(
        "gateway.drain_timeout", "warn", "restart drain budget ",
        r"(?P<action>restart) drain budget (?P<timeoutMs>\d+|undefined)ms exhausted; cutting short ?"
        r"(?P<counts>(?P<kv>[^\n]*))",
    ),
    # (the newest run-loop.ts, with the drain back inline, words a restart's drain out of budget the same way, without
    # the "gateway " before it: "active-work drain timeout reached; proceeding with restart: <counts>" (warn; w55))
    _anchored(
        "gateway.drain_timeout", "warn",
        ("gateway active-work drain timeout reached", "active-work drain timeout reached"),
        r"(?:gateway )?active-work drain (?P<limit>timeout) reached; proceeding with (?P<action>shutdown|restart)"
        r"(?:: (?P<counts>(?P<kv>[^\n]*)))?",
    ),
    _anchored(
        "gateway.drain_timeout", "warn", "gateway active-work drain failed",
        r"gateway active-work drain (?P<outcome>failed); proceeding with (?P<action>shutdown)(?:: (?P<error>[^\n]*))?",
    ),
    _anchored("gateway.drained", "info", "active-work drain settled",
              r"active-work drain (?P<stage>settled); beginning server close"),
    # (builds before the embedded-run count: "draining <n> active task(s) before restart (timeout <n>ms)", then "all
    # active tasks drained" or, at warn, "drain timeout reached; proceeding with restart")
    _anchored("gateway.drained", "info", ("all active work drained", "all active tasks drained"),
              r"all active (?:work|tasks) drained"),
    # src/process/gateway-work-admission.ts (gateway/admission, info): the process stops admitting new work for a
    # restart signal, a restart drain or a host suspension ("admission closed: restart drain"), and admits it again
    # when a signal fence or a suspension ends ("admission reopened: suspend phase"). While it is closed, work is
    # refused with GatewayDrainingError.
    _anchored(
        "gateway.admission", "info", ("admission closed: ", "admission reopened: "),
        r"admission (?P<stage>closed|reopened): (?P<reason>restart-signal fence|restart drain|suspend phase)",
    ),
    # systemd's own lines (not the gateway's) when it stops the unit: the gateway's user unit (src/daemon/systemd-unit.ts)
    # sets no TimeoutStopSec, so a stop waits systemd's default 90 s while the restart drain's budget is 300 s; past it
    # systemd kills the process: "<unit>.service: State 'stop-sigterm' timed out. Killing." and "<unit>.service: Killing
    # process <pid> (<comm>) with signal SIGKILL." (f894, f549). A kill while a drain still counted runs cut them (RC17).
    # systemd starting and stopping the gateway's unit (openclaw-gateway.service, src/daemon/systemd-unit.ts; a profile
    # adds "-<profile>"; older builds' clawdbot-gateway / moltbot-gateway): "Started <unit> - <description>.",
    # "Stopping <unit> - ...", "Stopped <unit> - ...". The gateway's own start and stop as its supervisor saw them: a
    # channel's starts on the two sides of one are the gateway's starts of it (q51: a unit restarted by a timer).
    _searched(
        "gateway.unit_lifecycle", "info", "-gateway",
        r"\b(?P<stage>Started|Starting|Stopping|Stopped) (?P<unit>" + PRODUCT_NAME + r"-gateway[\w@.-]{0,60}"
        r"\.service)\b",
    ),
    _searched(
        "gateway.stop_killed", "warn", "State 'stop-sigterm' timed out",
        r"State 'stop-sigterm' timed out\. Killing",
    ),
    _searched(
        "gateway.stop_killed", "warn", ") with signal SIGKILL",
        r"Killing process (?P<pid>\d+) \((?P<comm>[^()\n]{1,100})\) with signal (?P<signal>SIGKILL)",
    ),
    # The service manager reporting the gateway's process dead by a signal, whoever sent it (its own stop timeout, the
    # kernel's OOM killer, a user's kill -9): systemd's "<unit>.service: Main process exited, code=killed,
    # status=9/KILL" (src/core/service.c), its "<unit>.service: Failed with result 'oom-kill'." and "<unit>.service: A
    # process of this unit has been killed by the OOM killer." (the gateway's unit is openclaw-gateway.service,
    # src/daemon/systemd-unit.ts); pm2's "App [<name>:<id>] exited with code [<n>] via signal [SIGKILL]" (older pm2:
    # "App [<name>] with id [<id>] and pid [<pid>], exited with code [<n>] via signal [SIGKILL]", lib/God.js), pm2
    # killing an app that outlived its kill_timeout (1.6 s by default) on a restart or stop. The runs in flight died
    # with the process (RC17). An exit with a code (code=exited, pm2's SIGINT) is an ordinary stop and stays generic.
    _searched(
        "gateway.process_killed", "error", "Main process exited, code=killed, status=",
        r"Main process exited, code=killed, status=(?P<exitStatus>\d+)/(?P<signal>[A-Z][A-Z0-9]{1,10})\b",
        values={"signal": {name: "SIG" + name for name in ("KILL", "TERM", "ABRT", "SEGV", "INT", "HUP", "BUS", "QUIT")}},
    ),
    _searched(
        "gateway.process_killed", "error", "oom-kill",
        r"Failed with result '(?P<reason>oom-kill)'",
    ),
    _searched(
        "gateway.process_killed", "error", "killed by the OOM killer",
        r"A process of this unit has been (?P<reason>killed by the OOM killer)",
        values={"reason": {"killed by the OOM killer": "oom-kill"}},
    ),
    # systemd's word that the gateway's own process ended with a failure code (src/core/service.c; the unit,
    # openclaw-gateway.service, src/daemon/systemd-unit.ts, restarts it on failure): "<unit>.service: Main process exited,
    # code=exited, status=<n>/<NAME>" (n > 0: an uncaught error's exit(1), a start that failed, Node's 143 for a SIGTERM
    # it did not handle) and its "<unit>.service: Failed with result 'exit-code'.". The process is gone like a killed
    # one: with a run in flight, an RC17 stop. Only the gateway's units (openclaw-/clawdbot-/moltbot-, with or without
    # "-gateway": hand-written units are named after the product); status 0 is a clean exit and stays generic.
    _searched(
        "gateway.process_exited", "error", "Main process exited, code=exited, status=",
        r"\b(?P<unit>" + _GATEWAY_UNIT + r"): Main process exited, code=exited, "
        r"status=(?P<exitStatus>[1-9]\d{0,2})(?:/(?P<exitName>[A-Z][A-Z0-9_]{0,20}))?\b",
    ),
    _searched(
        "gateway.process_exited", "error", "Failed with result 'exit-code'",
        r"\b(?P<unit>" + _GATEWAY_UNIT + r"): Failed with result '(?P<reason>exit-code)'",
    ),
    # systemd restarting the unit after such an exit: "<unit>.service: Scheduled restart job, restart counter is at
    # <n>." (info): the service manager's own restart, read with its starts and stops.
    _searched(
        "gateway.unit_lifecycle", "info", "Scheduled restart job",
        r"\b(?P<unit>" + _GATEWAY_UNIT + r"): (?P<stage>Scheduled restart) job, restart "
        r"counter is at (?P<restartCounter>\d+)",
    ),
    # The gateway's service not (re)started by its manager, so the gateway stays down until someone starts it:
    # systemd giving up after its start limit, "<unit>.service: Start request repeated too quickly.", "<unit>.service:
    # Failed with result 'start-limit-hit'.", "Failed to start <unit>.service - <description>."; launchctl refusing the
    # LaunchAgent (src/daemon/launchd.ts runs `launchctl bootstrap`), "Bootstrap failed: <n>: <text>" (5: Input/output
    # error, 125: Domain does not support specified action), also inside the CLI's "Gateway restart failed: Error:
    # launchctl bootstrap failed: ..." (src/cli/daemon-cli/lifecycle-core.ts, "<noun> start|restart failed: <err>");
    # and `openclaw gateway status`'s "Service is loaded but not running (likely exited immediately)."
    # (src/cli/daemon-cli/status.print.ts). No session is held by it; a failure the user saw (UNJUDGED_FAULT_KINDS).
    _searched(
        "gateway.service_failed", "error", "Start request repeated too quickly",
        r"\b(?P<unit>" + _GATEWAY_UNIT + r"): (?P<reason>Start request repeated too quickly)",
    ),
    _searched(
        "gateway.service_failed", "error", "Failed with result 'start-limit-hit'",
        r"\b(?P<unit>" + _GATEWAY_UNIT + r"): Failed with result '(?P<reason>start-limit-hit)'",
    ),
    _searched(
        "gateway.service_failed", "error", "Failed to start ",
        r"\bFailed to start (?P<unit>" + _GATEWAY_UNIT + r")\b",
    ),
    _anchored(
        "gateway.service_failed", "error", ("Gateway start failed: ", "Gateway restart failed: "),
        r"Gateway (?P<action>start|restart) failed: (?P<error>.*)",
    ),
    _searched(
        "gateway.service_failed", "error", "Bootstrap failed: ",
        r"\bBootstrap failed: (?P<bootstrapError>\d{1,4}): (?P<reason>[^\n]{1,200})",
    ),
    _anchored(
        "gateway.service_failed", "error", "Service is loaded but not running",
        r"Service is loaded but (?P<reason>not running)(?: \(likely exited immediately\))?",
    ),
    # The daemon CLI's own diagnostics of the gateway's service, printed by `openclaw gateway start|stop|restart` and
    # `openclaw update` (n66): no service to act on, "<Gateway|Node> service disabled." (src/cli/daemon-cli/
    # lifecycle-core.ts, handleServiceNotLoaded and runServiceStop, the Linux service's notLoadedText, info), and under
    # it the hint "systemd user services are unavailable; install/enable systemd or run the gateway under your
    # supervisor." (src/daemon/systemd-hints.ts, printed bare or after "Start with: "; f1201, a container with no
    # systemd); the restart health check's "Gateway version|build mismatch: expected <v>, running gateway reported
    # <v|unavailable>.", "Service runtime: status=<s>, state=<s>, pid=<n>, lastExit=<n>" and "Port diagnostics errors: <error>"
    # (src/cli/daemon-cli/restart-health-diagnostics.ts renderRestartDiagnostics, printed by the update command
    # through runtime.log under "Gateway did not become healthy after restart."; f346); and the updater refusing to
    # stop the gateway that runs it, "openclaw update detected it is running inside the gateway process tree." (error,
    # then exit 1; newer builds, for doctor too: "This command is running inside the gateway process tree (gateway PID
    # <n>)."; f3777). A command's report on the service: no session is held (NOT_A_STALL_KINDS).
    _anchored(
        "gateway.service_diagnostic", "info", ("Gateway service disabled", "Node service disabled"),
        r"(?P<service>Gateway|Node) service (?P<reason>disabled)\.?\s*$",
    ),
    _anchored(
        "gateway.service_diagnostic", "info",
        ("systemd user services are unavailable;", "Start with: systemd user services are unavailable;"),
        r"(?:Start with: )?(?P<reason>systemd user services are unavailable); install/enable systemd or run the "
        r"gateway under your supervisor\.?\s*$",
    ),
    _anchored(
        "gateway.service_diagnostic", "info", ("Gateway version mismatch: ", "Gateway build mismatch: "),
        r"Gateway (?P<reason>version|build) mismatch: expected (?P<expected>\S{1,100}), running gateway reported "
        r"(?P<reported>\S{1,100}?)\.?\s*$",
        values={"reason": {"version": "version mismatch", "build": "build mismatch"}},
    ),
    _anchored(
        "gateway.service_diagnostic", "info", "Service runtime: ",
        r"Service runtime: (?=(?:status|state|pid|lastExit)=)(?:status=(?P<serviceStatus>[\w-]{1,40}))?"
        r"(?:(?:, )?state=(?P<serviceState>[\w-]{1,40}))?(?:(?:, )?pid=(?P<servicePid>\d{1,10}))?"
        r"(?:(?:, )?lastExit=(?P<lastExit>-?\d{1,10}))?\s*$",
    ),
    # (the same diagnostics' port probe that could not run: "Port diagnostics errors: <error>[; <error>]", lsof or
    # netstat missing; a tool the CLI lacks, not the gateway's state)
    _anchored(
        "gateway.service_diagnostic", "info", "Port diagnostics errors: ",
        r"Port diagnostics errors: (?P<error>[^\n]{1,2000})",
    ),
    _searched(
        "gateway.service_diagnostic", "error", "detected it is running inside the gateway process tree",
        r"\b(?P<command>[\w.-]{1,40} update) detected it is (?P<reason>running inside the gateway process tree)\.?",
    ),
    _anchored(
        "gateway.service_diagnostic", "error", "This command is running inside the gateway process tree",
        r"This command is (?P<reason>running inside the gateway process tree)(?: \(gateway PID "
        r"(?P<gatewayPid>\d{1,10})\))?\.?",
    ),
    # A config file that fails validation, as a CLI command or the gateway's own load reports it (n66): the CLI's
    # config guard, "Config invalid" / "File: <path>" / "Problem:" / "  - <path>: <problem>" per issue (also "Legacy
    # config keys detected:" and its bullets) / "Run: openclaw doctor --fix" (src/cli/program/config-guard.ts, all
    # through runtime.error; f217); the config loader's "Invalid config at <path>:\n- <path>: <problem>", whose
    # logger line carries a literal backslash-n before its bullets (src/config/io.invalid-config.ts
    # formatInvalidConfigLogMessage, logger.error; f1727), and its newer heading "OpenClaw config is invalid"; the daemon
    # CLI's pre-flight refusal, "<Gateway|Node> aborted: config is invalid." then the issues and 'Fix the config and
    # retry, or run "openclaw doctor" to repair.' (src/cli/daemon-cli/lifecycle-core.ts). The command or the gateway
    # refuses to run on that config: a user's configuration, no session held (read short of a stall, not among
    # NOT_A_STALL_KINDS: an empty result names it, unexplained.CONFIG_REFUSAL_READING, h63). The heading takes
    # the guard's "File:", "Problem:" and bullet lines that follow it (stuckscan.parser, LineParser._continues).
    _anchored(
        "config.invalid", "error", "Config invalid",
        r"Config invalid(?:\s+File: (?P<configPath>\S{1,1000}))?(?P<issues>\s+(?:Problem|Legacy config keys "
        r"detected):.*)?\s*$",
    ),
    # A CLI run's refusal of the config in an older build (n68, f4921: three CLI runs against a file being edited):
    # "Invalid config:" alone, then one "- <path>: <problem>" per issue ("<root>" for a file that does not parse), in
    # the JSONL file each an ERROR record of its own (the runtime.error form of the guard's lines; the printing file
    # not re-read, n68 had no look-ups left), joined to this heading by the parser (stuckscan.parser,
    # LineParser._refusal_goes_on) as "Invalid config: - <path>: <problem> ...". Text going on after the colon
    # ("Invalid config: x") is not this heading.
    _anchored(
        "config.invalid", "error", "Invalid config:",
        r"Invalid config:(?P<issues>\s+- .*)?\s*$",
    ),
    _anchored(
        "config.invalid", "error", "Invalid config at ",
        r"Invalid config at (?P<configPath>(?:[A-Za-z]:)?[^:\n]{1,1000}?):(?P<issues>(?:\\n|\s).*)?\s*$",
    ),
    _anchored(
        "config.invalid", "error", "OpenClaw config is invalid",
        r"OpenClaw config is invalid(?:: (?P<configPath>\S{1,1000}))?(?P<issues>\s.*)?\s*$",
    ),
    _anchored(
        "config.invalid", "error", ("Gateway aborted: config is invalid", "Node aborted: config is invalid"),
        r"(?P<service>Gateway|Node) aborted: config is invalid\.?(?P<issues>\s.*)?\s*$",
    ),
    _searched(
        "gateway.process_killed", "error", "] via signal [SIGKILL]",
        r"App \[(?P<app>[^\[\]\n]{1,120})\](?: with id \[\d+\] and pid \[(?P<pid>\d+)\],)? exited with code "
        r"\[(?P<exitCode>\d+)\] via signal \[(?P<signal>SIGKILL)\]",
    ),
    # src/cli/gateway-cli/run-loop.ts (gateway, warn): a restart asked with force aborts the active runs instead
    # of draining them: "forced restart requested; skipping active work drain" (f118).
    _anchored(
        "gateway.forced_restart", "warn", "forced restart requested",
        r"forced restart requested; skipping active work drain",
    ),
    # The shutdown's wait for replies still being written (subsystem shutdown, src/gateway/server-close.ts): "restart
    # reply drain timed out after <n>ms with <counts> still active; continuing shutdown" (warn), the counts as
    # "<n> pending reply(ies)", "chatRuns=<n>" or "<n> active run(s)"; those replies are dropped (f118).
    _anchored(
        "gateway.reply_drain_timeout", "warn", "restart reply drain timed out after ",
        r"restart reply drain timed out after (?P<elapsedMs>\d+)ms with "
        r"(?P<pending>(?:(?P<pendingReplies>\d+) pending repl)?[^\n]{0,300}?) still active",
    ),
    # The same close path's last line: "shutdown completed in <n>ms with warnings: <warning>, ..." (warn) or
    # "shutdown completed cleanly in <n>ms" (info). Pasted under the [shutdown] tag the first word may be gone
    # ("[shutdown] completed in 930ms with warnings: restart-reply-drain", f118): that form needs its warnings.
    _anchored(
        "gateway.shutdown_completed", "info", "shutdown completed ",
        r"shutdown completed (?P<clean>cleanly )?in (?P<durationMs>\d+)ms(?: with warnings: (?P<warnings>.*))?",
    ),
    _anchored(
        "gateway.shutdown_completed", "warn", "completed in ",
        r"completed in (?P<durationMs>\d+)ms with warnings: (?P<warnings>.*)",
    ),
    _anchored("gateway.drain_timeout", "warn", "drain timeout reached", r"drain timeout reached"),
    # The same drain's give-ups (src/cli/gateway-cli/run-loop.ts, gateway, warn): the embedded runs outlived the budget
    # and are aborted, "active embedded run drain timeout reached; aborting active run(s) before restart" (earlier
    # builds: "... drain grace reached; ..."); gateway root transactions outlived it, "gateway root transaction drain
    # timeout reached with <n> root(s) still active; proceeding with restart"; the in-process restart's reset found
    # old cron runs still active, "cron run drain timed out during restart lifecycle reset after retiring old cron
    # admission; <n> task handle(s) and <n> active marker(s) remain after aborting old cron runs". (The wait itself,
    # "wait for active embedded runs timed out: activeRuns= timeoutMs=", is run.wait_active_timeout.)
    _anchored(
        "gateway.drain_timeout", "warn", "active embedded run drain ",
        r"active embedded run drain (?P<limit>timeout|grace) reached; (?P<action>aborting active run\(s\) before restart)",
    ),
    _anchored(
        "gateway.drain_timeout", "warn", "gateway root transaction drain timeout reached",
        r"gateway root transaction drain timeout reached with (?P<roots>\d+) root\(s\) still active"
        r"(?:; (?P<action>[^\n]{0,100}))?",
    ),
    _anchored(
        "gateway.drain_timeout", "warn", "cron run drain timed out during restart lifecycle reset",
        r"cron run drain timed out during restart lifecycle reset[^;\n]{0,120}"
        r"(?:; (?P<cronTasks>\d+) task handle\(s\) and (?P<cronMarkers>\d+) active marker\(s\) remain)?",
    ),
    _anchored("gateway.shutdown_error", "error", "shutdown error:", r"shutdown error:\s*(?P<error>.*)"),
    # The newest run-loop.ts names the step that threw (error; w55): "shutdown step failed (<restart failure recovery|
    # active work drain|startup operations|gateway server close>): <err>".
    _anchored(
        "gateway.shutdown_error", "error", "shutdown step failed (",
        r"shutdown step failed \((?P<step>[^()\n]{1,60})\):\s*(?P<error>.*)",
    ),
    _anchored("gateway.shutdown_timeout", "error", "shutdown timed out", r"shutdown timed out"),
    # The newest run-loop.ts's force-exit timer (warn; w55), where older builds said "shutdown timed out; exiting
    # without full cleanup": "shutdown deadline reached; abandoning unfinished cleanup and active work before
    # <restart|stop|external-restart>; last observed: <counts|no active work|not observed>; exiting cleanly|with
    # incomplete cleanup" ("cleanly" under systemd or launchd when no shutdown step failed; the process exits either way).
    _anchored(
        "gateway.shutdown_timeout", "warn", "shutdown deadline reached",
        r"shutdown deadline reached; abandoning unfinished cleanup and active work before (?P<action>[\w-]{1,40})"
        r"(?:; last observed: (?P<counts>[^;\n]{0,300}))?(?:; exiting (?P<exit>cleanly|with incomplete cleanup))?",
    ),
    # run-loop.ts (gateway, error): a restart asked for while the gateway was still starting, which never got the
    # server's close handle: "startup restart request timed out before gateway returned a close handle; exiting for
    # supervisor recovery" (the process exits 1 as after "shutdown timed out").
    _anchored(
        "gateway.shutdown_timeout", "error", "startup restart request timed out",
        r"(?P<stage>startup restart request) timed out before gateway returned a close handle(?:; (?P<action>[^\n]{0,100}))?",
    ),
    # run-loop.ts (gateway, warn): the drain could not mark the interrupted main sessions, so restart recovery will not
    # resume them: "failed to mark interrupted main sessions for restart recovery: <err>".
    _anchored(
        "restart.recovery", "warn", "failed to mark interrupted main sessions for restart recovery",
        r"failed to mark interrupted main sessions for restart recovery:?\s*(?P<error>.*)",
    ),
    # src/infra/restart.ts (subsystem restart, warn): the work a restart request carries for after the restart (the
    # gateway tool's restart sentinel and its continuation turn) was not set up, so the restarted gateway will not
    # wake that session: its hook failed, "restart preparation failed; restart will continue without it: <err>".
    # A request coalesced into a pending restart another session owns, "restart continuation dropped: another session
    # owns the pending restart (callerSessionKey=<key|unspecified> pendingSessionKey=<key|unspecified>)", is the
    # gateway's designed answer to two sessions asking at once (#86742): the restart goes ahead, the owner's
    # continuation runs after it and the caller's tool is told none was queued, so no run is cut (no stall).
    _anchored(
        "restart.continuation_lost", "warn", "restart preparation failed",
        r"restart (?P<stage>preparation failed); restart will continue without it:?\s*(?P<error>.*)",
    ),
    # The newest restart sentinel (src/gateway/server-restart-sentinel.ts, subsystem gateway/restart-sentinel; w56
    # audit): a sentinel with a continuation but no session key wakes the main session with the notice only and drops
    # the continuation, "<summary>: continuation skipped: restart sentinel sessionKey unavailable" (warn): the work
    # the restart request carried for after it does not run, as when its preparation failed.
    _searched(
        "restart.continuation_lost", "warn", "continuation skipped: restart sentinel sessionKey unavailable",
        r"(?:(?P<summary>[^\n]{1,300}?): )?(?P<stage>continuation skipped): restart sentinel sessionKey unavailable",
    ),
    _anchored(
        "restart.continuation_coalesced", "warn", "restart continuation dropped",
        r"restart (?P<stage>continuation dropped): another session owns the pending restart"
        r"(?: \(callerSessionKey=(?P<callerSessionKey>\S{1,300}) pendingSessionKey=(?P<pendingSessionKey>[^\s()]{1,300})\))?",
    ),
    # src/gateway/server-reload-handlers.ts (gateway/reload, warn): with work active the restart waits for it, "config
    # change requires gateway restart (<reasons>) — deferring until <n> operation(s), <n> reply(ies), <n> embedded
    # run(s)[, <n> task run(s)] complete"; pastes drop or elide the reasons ("restart — deferring", "restart ...
    # deferring", f784, f657). The counts are the runs a stop before the restart would cut (RC17).
    _anchored(
        "gateway.reload_required", "warn", "config change requires gateway restart",
        r"config change requires gateway restart(?: \((?P<reasons>[^()]*)\))?"
        r"(?:\s*(?:—|-{1,2}|\.{3}|…)\s*deferring until (?P<pending>(?:(?P<operations>\d+) operation\(s\))?"
        r"(?:,? ?(?P<pendingReplies>\d+) reply\(ies\))?(?:,? ?(?P<embeddedRuns>\d+) embedded run\(s\))?"
        r"(?:,? ?(?P<taskRuns>\d+) (?:background )?task run\(s\))?) complete)?",
    ),
    # The same wait, reported while it goes on: "restart still deferred after <n>ms with <n> operation(s), <n>
    # reply(ies), <n> embedded run(s)[, <n> background task run(s)] active" (server-reload-handlers.ts, warn).
    _anchored(
        "gateway.reload_required", "warn", "restart still deferred after ",
        r"restart still deferred after (?P<elapsedMs>\d+)ms with (?P<pending>(?:(?P<operations>\d+) operation\(s\))?"
        r"(?:,? ?(?P<pendingReplies>\d+) reply\(ies\))?(?:,? ?(?P<embeddedRuns>\d+) embedded run\(s\))?"
        r"(?:,? ?(?P<taskRuns>\d+) (?:background )?task run\(s\))?) active(?P<detail>.*)",
    ),
    # The same wait for a channel reload (server-reload-handlers.ts, gateway/reload): "config change requires channel
    # reload (<channels>) — deferring until <counts> complete" (info), "channel reload still deferred after <n>ms with
    # <counts> active" (warn, repeated while it waits) and "channel reload timeout after <n>ms with <counts> still
    # active; reloading channels anyway" (warn). Only the counts of what the wait is for are typed.
    _anchored(
        "channel.reload_deferred", "info", "config change requires channel reload",
        r"config change requires channel reload(?: \((?P<channels>[^()]*)\))?"
        r"(?:\s*(?:—|-{1,2}|\.{3}|…)\s*deferring until (?P<pending>(?:(?P<operations>\d+) operation\(s\))?"
        r"(?:,? ?(?P<pendingReplies>\d+) reply\(ies\))?(?:,? ?(?P<embeddedRuns>\d+) embedded run\(s\))?"
        r"(?:,? ?(?P<taskRuns>\d+) (?:background )?task run\(s\))?) complete)?",
    ),
    _anchored(
        "channel.reload_deferred", "warn", ("channel reload still deferred after ", "channel reload timeout after "),
        r"channel reload (?P<stage>still deferred|timeout) after (?P<elapsedMs>\d+)ms with (?P<pending>"
        r"(?:(?P<operations>\d+) operation\(s\))?(?:,? ?(?P<pendingReplies>\d+) reply\(ies\))?"
        r"(?:,? ?(?P<embeddedRuns>\d+) embedded run\(s\))?(?:,? ?(?P<taskRuns>\d+) (?:background )?task run\(s\))?)"
        r" (?:still )?active(?P<detail>.*)",
    ),
    _anchored("gateway.start_failed", "error", "Gateway failed to start:", r"Gateway failed to start:\s*(?P<error>.*)"),
    # The start's own refusals, as the CLI or a supervisor's log shows them without "Gateway failed to start: " before
    # them: the WebSocket bind failing on anything but EADDRINUSE (src/gateway/server.impl.ts, GatewayLockError "failed
    # to bind gateway socket on ws://<host>:<port>: <err>"), the gateway lock file that cannot be created
    # (src/infra/gateway-lock.ts, "failed to acquire gateway lock at <lock path>": not EEXIST, so no other gateway
    # holds it), a config without local mode (src/cli/gateway-cli/run.ts, "Gateway start blocked: set gateway.mode=local
    # (current: <mode>) or pass --allow-unconfigured.") and a non-loopback bind without auth ("Refusing to bind gateway
    # to <bind> without auth.", later "refusing to bind gateway to <host>:<port> without auth (...)"). The gateway
    # never came up; a supervisor retries it.
    _anchored(
        "gateway.start_failed", "error", ("failed to bind gateway socket on ", "failed to acquire gateway lock at "),
        r"(?P<error>failed to (?:bind gateway socket on (?P<bindUrl>ws://\S{1,300}?:\d{1,5})(?=:\s|\s*$)"
        r"|acquire gateway lock at (?P<gatewayLockPath>\S{1,1000}))[^\n]*)",
    ),
    _anchored(
        "gateway.start_failed", "error",
        ("Gateway start blocked:", "gateway start blocked:", "Refusing to bind gateway to ", "refusing to bind gateway to "),
        r"(?P<error>(?:[Gg]ateway start blocked: set gateway\.mode=local"
        r"|[Rr]efusing to bind gateway to (?P<bind>\S{1,300}?)\.? without auth)[^\n]*)",
    ),
    # The same refusal behind a reporter's label ("启动日志：Gateway start blocked: ..."; f1211): only right after a
    # label's colon and only the guard's whole wording to the line's end ("(current: <mode>) or pass
    # --allow-unconfigured"), as OpenClaw's own troubleshooting docs quote its head inside prose, tables and bullets
    # ("| `Gateway start blocked: set gateway.mode=local` | Config set to remote mode ...", "**Error**: `gateway start
    # blocked: ...`"), and a reporter's sentence may too ("if you see Gateway start blocked: ..."; h62).
    _searched(
        "gateway.start_failed", "error", "Gateway start blocked: set gateway.mode=local (current: ",
        r"(?:(?<=[:：])|(?<=[:：] )|(?<=[:：]  ))(?P<error>Gateway start blocked: set gateway\.mode=local "
        r"\(current: [^()\n]{1,80}\) or pass --allow-unconfigured\.?)[ \t]*$",
    ),
    # A gateway that refuses to report itself ready because its start-up state migrations left work behind: "OpenClaw
    # startup migrations did not complete cleanly; refusing to report the gateway ready." then one "- <warning>" line
    # per leftover and 'Run "openclaw doctor --fix" against the same state/config, then restart the gateway.' (the
    # container build: "... the mounted state/config, then restart the container."; formatStartupMigrationFailure,
    # stored ids 54587108901 and 60891904408). The process exits; its state, not a hang (f344).
    _anchored(
        "gateway.start_failed", "error",
        ("OpenClaw startup migrations did not complete cleanly", "startup migrations did not complete cleanly"),
        r"(?P<error>(?:OpenClaw )?startup migrations did not complete cleanly[^\n]*)",
    ),
    _anchored(
        "gateway.already_running", "error", ("gateway already running", "another gateway instance"),
        r"(?:gateway already running|another gateway instance is already listening)(?P<detail>.*)",
    ),
    # The CLI's and the gateway's port diagnostics (src/infra/ports-format.ts, formatPortDiagnostics and
    # buildPortHints; printed through runtime.error by the start, restart and status paths): "Port <port> is already in
    # use." then one "- pid <n> <user>: <command> (<address>)" line per listener and one "- <hint>" line per kind of
    # listener, "Gateway already running locally. Stop it (openclaw gateway stop) or use a different port." when the
    # listener's command names openclaw. A second instance refused (f4658): not a hang.
    _anchored(
        "gateway.already_running", "error", ("Gateway already running locally", "- Gateway already running locally"),
        r"(?:- )?Gateway already running locally\.?(?P<detail>.*)",
    ),
    _anchored(
        "gateway.port_in_use", "error", "Port ",
        r"Port (?P<port>\d{1,5}) is already in use\.?\s*$",
    ),
    # The same diagnostics' other lines, at error too: one "- pid <n|?>[ <user>]: <command>[ (<address>)]" per listener
    # (formatPortListener) and the hints other than the gateway's (buildPortHints): a second start refused, as the
    # first line (h62: a restart's "- pid ..." line had been the one fault line no rule explains).
    _anchored(
        "gateway.port_in_use", "error", "- pid ",
        r"- pid (?P<pid>\d{1,10}|\?)(?: (?P<user>[^\s:]{1,64}))?: (?P<command>[^\n]{1,2000}?)"
        r"(?: \((?P<address>[^()\s]{1,300})\))?[ \t]*$",
    ),
    _anchored(
        "gateway.port_in_use", "error",
        ("- Another process is listening on this port", "- SSH tunnel already bound to this port",
         "- Multiple listeners detected; ensure only one gateway"),
        r"- (?P<detail>(?:Another process is listening on this port|SSH tunnel already bound to this port"
        r"|Multiple listeners detected; ensure only one gateway)[^\n]{0,300})",
    ),
    _anchored(
        "health.started", "info", "started (",
        r"started \((?P<detail>[^()]*?(?:startup-)?grace: (?P<startupGrace>\d+)s[^()]*)\)",
    ),
    _anchored(
        "logging.size_cap", "warn", "log file size cap reached",
        r"log file size cap reached; suppressing writes" + KV,
    ),
    _anchored(
        "logging.rotation_failed", "warn", ("log file rotation failed", "[openclaw] log file rotation failed"),
        r"(?:\[openclaw\] )?log file rotation failed; continuing writes" + KV,
    ),
    # Main-session restart recovery (subsystem main-session-restart-recovery, console tag
    # [main-session-restart-recovery]; src/agents/main-session-restart-recovery.ts, later
    # src/agents/main-session-recovery/). The tag is the subsystem, not part of the message. At startup the same
    # subsystem marks sessions a dead process left running: "marked <n> startup-orphaned main session(s) for restart
    # recovery" (warn, markStartupOrphanedMainSessionsForRecovery).
    _anchored(
        "restart.recovery", "warn", "marked ",
        r"marked (?:(?P<marked>\d+) (?P<markedAs>interrupted|startup-orphaned) main sessions?(?:\(s\))?(?:$| (?P<detail>.*))"
        r"|interrupted main session failed: (?P<sessionKey>\S+) \((?P<reason>[^()]*)\))",
    ),
    _anchored(
        "restart.recovery", "info", "resumed interrupted main session:",
        r"resumed interrupted main session: (?P<sessionKey>\S+)(?: \((?P<detail>[^()]*)\))?",
    ),
    _anchored(
        "restart.recovery", "warn", "failed to resume interrupted main session ",
        r"failed to resume interrupted main session (?P<sessionKey>\S+?): (?P<error>.*)",
    ),
    _anchored(
        "restart.recovery", "info", "main-session restart recovery ",
        r"main-session restart recovery (?P<stage>complete|failed|gave up):?" + KV,
    ),
    # The newest recovery (src/agents/main-session-restart-recovery.ts with main-session-restart-dispatch.ts, the build
    # with probeRestartRecoveryTerminalStatus; w56 audit) counts more ways a pass fails a session, each retried by the
    # next pass as "failed to resume ..." is: the transcript unreadable, "failed to read transcript for <key>: <err>";
    # the store unreadable, "failed to load session store <path>: <err>"; an unresumable session whose notice could
    # not be written, "failed to write interrupted main session notice <key>: <reason>" (all warn). A session whose
    # store it could not place is skipped, "failed to resolve recovery store for <key>: <err>" (warn). A dispatch that
    # threw while the resumed run had in fact finished is settled as recovered, "settled completed restart recovery
    # for <key>" (info), as "resumed interrupted main session: <key>" is.
    _anchored(
        "restart.recovery", "warn",
        ("failed to read transcript for ", "failed to write interrupted main session notice ",
         "failed to resolve recovery store for "),
        r"failed to (?:read transcript for|write interrupted main session notice|resolve recovery store for) "
        r"(?P<sessionKey>\S+?): (?P<error>.*)",
    ),
    _anchored(
        "restart.recovery", "warn", "failed to load session store ",
        r"failed to load session store (?P<storePath>\S+?): (?P<error>.*)",
    ),
    _anchored(
        "restart.recovery", "info", "settled completed restart recovery for ",
        r"settled completed restart recovery for (?P<sessionKey>\S+)",
    ),
    # The same restart with the "[<channel>:<account>] health-monitor: " part trimmed, its console tag kept
    # ("06:05:12 [health-monitor] restarting (reason: stale-socket)"): the channel is unknown.
    _anchored("health.restart", "info", "restarting (reason: ", r"restarting \(reason: (?P<reason>[^)]{1,200})\)"),
    # Searched anywhere: evidence strings that arrive with varying prefixes. Each was checked
    # against the openclaw/openclaw source; sample_logs/README.md lists the source paths.
    # A turn refused because its session's lifecycle moved under it (a restart's new lifecycle generation, a
    # reset): 'Session "<key>" changed while starting work. Retry.', 'Session store for "<key>" changed while
    # starting work. Retry.', 'Session "<key>" changed while <action> recovery. Retry.' (src/commands/agent.ts,
    # the session work-admission guard); thrown as an Error, so usually pasted after "Error: ".
    _searched(
        "session.work_invalidated", "error", "changed while ",
        r"Session (?:store for )?\"(?P<sessionKey>[^\"]{1,300})\" changed while (?P<action>[^.]{1,80})\. Retry",
    ),
    # [<channel>:<account>] health-monitor: restarting (reason: <r>), logged at info by gateway/health-monitor.
    _searched(
        "health.restart", "info", "health-monitor: restarting",
        r"(?:\[(?P<channel>[^\[\]:\s]{1,200}):(?P<account>[^\[\]\s]{1,200})\]\s*)?"
        r"health-monitor: restarting \(reason: (?P<reason>[^)]{1,1000}?)(?:, consecutive: (?P<consecutive>\d+))?\)",
    ),
    # The newest monitor (src/gateway/channel-health-monitor.ts, the build with isHealthMonitorEnabled and the
    # pending-restart continuation, #105189; w56 audit) leaves alone an account the policy calls terminal or blocked,
    # "[<channel>:<account>] health-monitor: skipping restart, terminal-disconnect|blocked" (info), and one whose autostart
    # is suppressed, "[<channel>:<account>] health-monitor: channel autostart suppressed; treating as expected stopped"
    # (info, once per account): no restart follows. Its check throwing, "health-monitor: check failed: <err>" (error),
    # and a reload or shutdown that would not wait for a restart in flight, "health-monitor handoff exceeded <n>ms;
    # abandoning delayed restart" (warn), are the monitor's own faults.
    # The skip for a terminal disconnect is a channel down for good (f60: the policy, src/gateway/channel-health-policy.ts,
    # stored id 57362390340, calls an account terminal only when it is not running and its channel marked the
    # disconnect terminal: WhatsApp logged out (401), a session conflict (440) or its reconnects exhausted, a Telegram
    # webhook refused for good, a relay's token rejected; the channel manager does not auto-restart such an exit, and
    # the monitor logs the skip on every pass, every 5 min by default, until someone starts the channel by hand):
    # read as channel.terminal_disconnect (info, field reason), which RC18 reads on its own. "blocked" and
    # "autostart suppressed" stay skips.
    _searched(
        "channel.terminal_disconnect", "info", "health-monitor: skipping restart, terminal-disconnect",
        r"(?:\[(?P<channel>[^\[\]:\s]{1,200}):(?P<account>[^\[\]\s]{1,200})\]\s*)?"
        r"health-monitor: skipping restart, (?P<reason>terminal-disconnect)\b",
    ),
    _searched(
        "health.restart_skipped", "info", "health-monitor: skipping restart, ",
        r"(?:\[(?P<channel>[^\[\]:\s]{1,200}):(?P<account>[^\[\]\s]{1,200})\]\s*)?"
        r"health-monitor: skipping restart, (?P<reason>[\w-]{1,60})",
    ),
    _searched(
        "health.restart_skipped", "info", "health-monitor: channel autostart suppressed",
        r"(?:\[(?P<channel>[^\[\]:\s]{1,200}):(?P<account>[^\[\]\s]{1,200})\]\s*)?"
        r"health-monitor: channel (?P<reason>autostart suppressed); treating as expected stopped",
    ),
    _searched(
        "health.check_failed", "error", "health-monitor: check failed",
        r"health-monitor: check failed:?\s*(?P<error>.*)",
    ),
    _searched(
        "health.check_failed", "warn", "health-monitor handoff exceeded ",
        r"health-monitor (?P<stage>handoff) exceeded (?P<timeoutMs>\d+)ms; abandoning delayed restart",
    ),
    # The back-off build of the monitor (src/gateway/channel-health-monitor.ts, stored file id 51798208467, the one
    # writing "consecutive: <n>"; n54) resets its count once a restarted account has been healthy at every check for
    # its 5-minute stability window: "[<channel>:<account>] health-monitor: channel stable after <n> restart(s),
    # resetting counter" (info). The heal of the restarts before it (RC18 reads it).
    _searched(
        "health.channel_stable", "info", "health-monitor: channel stable after ",
        r"(?:\[(?P<channel>[^\[\]:\s]{1,200}):(?P<account>[^\[\]\s]{1,200})\]\s*)?"
        r"health-monitor: channel stable after (?P<restarts>\d+) restart",
    ),
    # The same restart as the console prints it when the monitor's tag comes first and the channel second:
    # "[health-monitor] [telegram:default] restarting (reason: stale-socket)" (#37939).
    _searched(
        "health.restart", "info", "] restarting (reason: ",
        r"\[(?P<channel>[^\[\]:\s]{1,200}):(?P<account>[^\[\]\s]{1,200})\]\s*restarting \(reason: (?P<reason>[^)]{1,1000})\)",
    ),
    # fetch-timeout's console text: "fetch timeout after <N>ms (elapsed <N>ms) timer delayed <N>ms, likely
    # event-loop starvation[ operation=<op>][ url=<url>]". Its file record says "fetch timeout reached;
    # aborting operation" and carries timerDelayMs in the meta object instead (a fetch.timeout event).
    # src/gateway/channel-health-monitor.ts (gateway/health-monitor): "[<channel>:<account>] health-monitor: hit <n>
    # restarts/hour limit, skipping" (warn; n is maxRestartsPerHour, 10 by default, 3 in early builds) and
    # "[<channel>:<account>] health-monitor: restart failed: <err>" (error).
    _searched(
        "health.restart_limit", "warn", "restarts/hour limit",
        r"(?:\[(?P<channel>[^\[\]:\s]{1,200}):(?P<account>[^\[\]\s]{1,200})\]\s*)?"
        r"health-monitor: hit (?P<maxRestartsPerHour>\d+) restarts/hour limit",
    ),
    _searched(
        "health.restart_failed", "error", "health-monitor: restart failed",
        r"(?:\[(?P<channel>[^\[\]:\s]{1,200}):(?P<account>[^\[\]\s]{1,200})\]\s*)?"
        r"health-monitor: restart failed:?\s*(?P<error>.*)",
    ),
    # V8's own banner when the gateway's heap hit its limit, on stderr just before the process dies: "FATAL ERROR:
    # Reached heap limit Allocation failed - JavaScript heap out of memory" (a reporter may cut it after "limit").
    _searched(
        "gateway.heap_oom", "error", "Reached heap limit",
        r"Reached heap limit(?: Allocation failed - JavaScript heap out of memory)?",
    ),
    # The health monitor's thaw detector (info, [health]): "host timing gap detected: process was frozen ~<n>ms;
    # restarting channels when idle and refreshing health": the process did not run for that long (a host sleep, a
    # paused container or VM, or a loop blocked that long). The gateway restarts its channels itself. Later builds word
    # the same routine "host thaw detected: process was frozen ~<n>ms; restarting channels and refreshing health"
    # (createHostThawRecovery, started by src/gateway/server-maintenance.ts: a tick gap of 75 s or more, info on
    # [health]).
    _searched(
        "host.timing_gap", "info", "process was frozen ~",
        r"host (?:timing gap|thaw) detected: process was frozen ~(?P<frozenMs>\d+)ms",
    ),
    # SQLite's own text for SQLITE_BUSY, inside the error of whatever store call failed on it (the transcript index's
    # "session transcript reconcile failed agent=<id> error=database is locked", warn): a write that waited out its
    # busy timeout on another connection. No fault of a session alone; beside a host timing gap the gateway's own
    # synchronous database work held the process (RC12).
    _searched("sqlite.busy", "warn", "database is locked", r"database is locked"),
    _searched(
        "timer.delayed", "warn", "timer delayed",
        r"(?:fetch timeout after (?P<timeoutMs>\d+)ms \(elapsed (?P<elapsedMs>\d+)ms\) )?"
        r"timer delayed (?P<delayMs>\d+)ms(?:, likely event-loop starvation)?" + KV,
    ),
    _searched(
        "fetch.timeout", "warn", "fetch timeout",
        r"fetch timeout(?: reached; aborting operation| after (?P<timeoutMs>\d+)ms(?: \(elapsed (?P<elapsedMs>\d+)ms\))?)?"
        r":?" + KV,
    ),
    # The provider-auth warm-up's own measure (src/gateway/server-startup.ts, scheduleProviderAuthStatePrewarm; info):
    # "provider auth state pre-warmed in <n>ms eventLoopMax=<n>ms" at start, "provider auth state re-warmed (<reason>)
    # in <n>ms eventLoopMax=<n>ms" after an auth-profile failure; eventLoopMax is the event loop's longest delay while
    # it ran. Routine at a few hundred ms; ten seconds or more is the loop blocked (events.warm_blocked_loop).
    _anchored(
        "auth.warmed", "info", "provider auth state ",
        r"provider auth state (?P<phase>pre|re)-warmed(?: \((?P<reason>[^()]{1,80})\))? in (?P<durationMs>\d+)ms"
        r"(?: eventLoopMax=(?P<eventLoopMaxMs>\d+(?:\.\d+)?)ms)?" + KV,
    ),
    # Specific before general: a fallback summary that mentions the lock is RC10's signature.
    _searched(
        "model.all_failed", "error", "All models failed",
        r"All models failed \((?P<count>\d+)\)",
    ),
    # OpenClaw's text for a model call that hit its timeout, as a FailoverError's message ("FailoverError: LLM
    # request timed out."; also inside lane task errors and agent-end records, which their own families read). After
    # the fallback summary: one timed-out candidate among those it lists is the summary's to judge.
    _searched("model.request_timeout", "error", "LLM request timed out", r"(?:FailoverError: )?LLM request timed out"),
    # The session lock's error naming the store's own lock file (src/config/sessions/store.ts, sessions.json.lock) as
    # what it waited on: "session file locked (timeout 10000ms): <holder or unknown> .../sessions/sessions.json.lock".
    # The store lock, as "timeout acquiring session store lock" says it, not a session's transcript lock.
    _searched(
        "lock.store_timeout", "error", "sessions.json.lock",
        r"session file locked(?: \(timeout (?P<lockTimeoutMs>\d+)ms\))?:?[^\n]{0,300}?"
        r"(?P<storeLockPath>(?<![^\s\"'()])[^\s\"'()]{0,500}sessions\.json\.lock)",
    ),
    _searched("lock.timeout", "error", "session file locked", r"session file locked"),
    # The lock timeout's error class in newer builds (format reference 2.6), e.g. "SessionWriteLockTimeoutError
    # ageMs=79210" in pasted summaries.
    _searched("lock.timeout", "error", "SessionWriteLockTimeoutError", r"SessionWriteLockTimeoutError:?" + KV),
    # Thrown as "EmbeddedAttemptSessionTakeoverError: session file changed while embedded prompt lock was
    # released: <sessionFile>" (newer: "session changed while ..."); usually seen inside another line's error.
    _searched(
        "lock.takeover", "error", "EmbeddedAttemptSessionTakeoverError",
        r"EmbeddedAttemptSessionTakeoverError:?\s*(?P<error>.*)",
    ),
    # The same error's text without its class name, as "Embedded agent failed before reply: session file changed
    # while embedded prompt lock was released: <session file>" prints it.
    _searched(
        "lock.takeover", "error", "session file changed while embedded prompt lock was released",
        r"session file changed while embedded prompt lock was released:?\s*(?P<sessionFile>\S*)",
    ),
    # "[warn] Subagent announce give up (retry-limit|expiry) run= child= requester= retries= endedAgo=Ns
    # [deliveryError="..."]", printed by the runtime (console) rather than a subsystem logger.
    _searched(
        "subagent.announce_give_up", "warn", "Subagent announce give up",
        r"Subagent announce give up(?: \((?P<reason>[^()]{1,100})\))?:?" + KV,
    ),
    # The registry dropping a child run whose session is gone, with no completion announced to the parent that spawned
    # it (src/agents/subagent-registry-helpers.ts reconcileOrphanedRun, printed by the runtime as the give-up is):
    # "[warn] Subagent orphan run pruned source=<restore|resume> run=<runId> child=<child session key>
    # reason=<missing-session-entry|missing-session-id|stale-unended-run>".
    _searched(
        "subagent.orphan_pruned", "warn", "Subagent orphan run pruned",
        r"Subagent orphan run pruned" + KV,
    ),
    # The registry's completion of a child run failing (src/agents/subagent-registry.ts, subsystem
    # agents/subagent-registry, warn, fields in the meta object): "failed to complete subagent run; retrying completion"
    # and "failed to complete subagent run after retry; retrying ended cleanup"; and a finished child's completion it
    # held for a requester that could not take it, dropped by the sweep: "subagent suspended delivery discarded"
    # (meta reason=expired|pressure-pruned), after "subagent suspended delivery backlog exceeded pressure cap".
    _anchored(
        "subagent.completion_failed", "warn", "failed to complete subagent run",
        r"failed to complete subagent run(?: (?P<stage>after retry))?;\s*(?P<action>retrying (?:completion|ended cleanup))"
        + KV,
    ),
    _anchored(
        "subagent.delivery_discarded", "warn", "subagent suspended delivery ",
        r"subagent suspended delivery (?P<stage>discarded|backlog exceeded pressure cap)" + KV,
    ),
    _searched("llm.idle_timeout", "warn", "LLM idle timeout", r"LLM idle timeout \((?P<idleTimeout>\d+(?:\.\d+)?m?s)\)"),
    # The embedded runner's trajectory records the attempt's end with the watchdog's flag whatever its error says
    # (src/agents/pi-embedded-runner/run/attempt.ts, model.completed, trace.artifacts and session.ended data:
    # aborted, externalAbort, timedOut, idleTimedOut, ..., promptError): idleTimedOut=true without an external abort is
    # the LLM idle watchdog, also when the error is cut or left out (a hand-typed row, #78361).
    _searched(
        "llm.idle_timeout", "warn", "idleTimedOut=true",
        r"^(?:model\.completed|trace\.artifacts|session\.ended) (?![^\n]{0,4000}?\bexternalAbort=true\b)"
        r"(?=[^\n]{0,4000}?\bidleTimedOut=true\b)",
    ),
    # The embedded runner's abort-cause line (src/agents/pi-embedded-runner/run/abort-source-log.ts, agent/embedded,
    # warn; printed only with OPENCLAW_LOG_ABORT_SOURCES=1, so users chasing a mid-run cutoff paste it): "[abort-source]
    # runId=<id> sessionId=<id> source=<external-signal|llm-idle-timeout|compaction-timeout|run-timer|explicit-cancel>
    # isTimeout=<bool> idleTimeout=<bool> compactionTimeout=<bool> external=<bool> reason=<Name: message|<none>>
    # stack=<frames>". The source names the timer that aborted the run: the LLM idle watchdog is the model call
    # hanging (read as llm.idle_timeout), the compaction timeout is compaction stalling (compaction.timeout); the run
    # timer, an external signal or an explicit cancel is an abort whose cause is read elsewhere (run.abort_source).
    _anchored(
        "llm.idle_timeout", "warn", "[abort-source]",
        r"\[abort-source\] runId=(?P<runId>\S+) sessionId=(?P<sessionId>\S+) source=(?P<abortSource>llm-idle-timeout)"
        + _ABORT_SOURCE_REST,
    ),
    _anchored(
        "compaction.timeout", "warn", "[abort-source]",
        r"\[abort-source\] runId=(?P<runId>\S+) sessionId=(?P<sessionId>\S+) source=(?P<abortSource>compaction-timeout)"
        + _ABORT_SOURCE_REST,
    ),
    _anchored(
        "run.abort_source", "warn", "[abort-source]",
        r"\[abort-source\] runId=(?P<runId>\S+) sessionId=(?P<sessionId>\S+) source=(?P<abortSource>[\w-]{1,40})"
        + _ABORT_SOURCE_REST,
    ),
    # The same timeout as the user is told it (the run's error text, a tool result, a reply): "The model did not
    # produce a response before the model idle timeout. Please try again, or increase
    # `models.providers.<id>.timeoutSeconds` ..." (#80420; OpenClaw's own tests retry on it); earlier builds said
    # "before the LLM idle timeout" (the run's reply when its idle watchdog fired and nothing was produced).
    _searched(
        "llm.idle_timeout", "warn", "did not produce a response before the ",
        r"[Tt]he model did not produce a response before the (?:model|LLM) idle timeout",
    ),
    # A provider stream that opened and then sent nothing (src/agents/.../first-stream-event timeout):
    # "<responses|completions> HTTP stream opened but did not deliver a first SSE event within <N>ms after streaming
    # headers[ (first-event timeout)]. provider=<p> api=<a> model=<m>".
    _searched(
        "llm.idle_timeout", "warn", "did not deliver a first SSE event",
        r"HTTP stream opened but did not deliver a first SSE event within (?P<idleTimeoutMs>\d+)ms"
        r"(?:[^.\n]{0,80}\.)?(?: ?provider=(?P<provider>\S+))?(?: api=(?P<api>\S+))?(?: model=(?P<model>\S+))?",
    ),
    # provider-transport-fetch (debug; info in newer builds): "[model-fetch] start provider= api= model= method=
    # url= timeoutMs= proxy= policy=", then "[model-fetch] response ... status= elapsedMs= contentType=" or
    # "[model-fetch] error ... elapsedMs= name= code= ... message=" (warn). No "[model-fetch] end" line exists:
    # the response (or the error) is the fetch's end.
    _searched("model_fetch.start", "debug", "[model-fetch] start", r"\[model-fetch\] start" + KV),
    # A transient network error before the request body was sent, retried once (Anthropic Messages only):
    # "[model-fetch] retry provider= api= model= attempt=<n>/<max> elapsedMs= name= code= causeName= causeCode=
    # message=" (warn). The fetch goes on: its response or error line still ends it.
    _searched("model_fetch.retry", "warn", "[model-fetch] retry", r"\[model-fetch\] retry" + KV),
    _searched("model_fetch.end", "debug", "[model-fetch] ", r"\[model-fetch\] (?P<stage>response|error)\b" + KV),
    # agent/embedded (warn), logged when a prompt or assistant error is a context overflow, before the recovery
    # decision: "[context-overflow-diag] sessionKey= provider=<p>/<m> source=promptError|assistantError messages=
    # sessionFile= [diagId=] compactionAttempts= [observedTokens= preflightEstimatedTokens= compactionTokens=
    # providerPayloadBytes=] error=<first 200 chars>" (the bracketed fields vary by build).
    _searched(
        "compaction.overflow_diag", "warn", "[context-overflow-diag]",
        r"\[context-overflow-diag\]" + KV,
    ),
    # agent/embedded: compaction tried after an LLM timeout with high prompt-token usage. Stages:
    # "LLM timed out with high prompt token usage (<n>%); attempting compaction before retry (attempt <n>/<max>)
    # [diagId=<id>]" (warn; only above 65% of the context window), "contextEngine.compact() threw during timeout recovery for <p>/<m>: <err>" (warn),
    # "compaction succeeded for <p>/<m>; retrying prompt" (info), "compaction did not reduce context for <p>/<m>;
    # falling through to normal handling" (warn), "already attempted timeout compaction <n> time(s); falling through
    # to failover rotation" (warn). Listed before compaction.timeout: a thrown "Compaction timed out" keeps its stage.
    _searched(
        "compaction.timeout_recovery", "warn", "[timeout-compaction]",
        r"\[timeout-compaction\] (?:"
        r"(?P<stage>LLM timed out|contextEngine\.compact\(\) threw|compaction succeeded|compaction did not reduce context"
        r"|already attempted timeout compaction)"
        r"(?: with high prompt token usage \((?P<promptTokenPercent>\d+)%\); attempting compaction before retry"
        r"(?: \(attempt (?P<attempt>\d+)/(?P<maxAttempts>\d+)\))?(?: diagId=(?P<diagId>\S+))?"
        r"| during timeout recovery for (?P<model>\S+?): (?P<error>.*)"
        r"| for (?P<resultModel>\S+?);.*"
        r"| (?P<attempts>\d+) time.*)?)",
    ),
    # agent/embedded (warn): "context overflow detected (attempt <n>/<max>); attempting auto-compaction for
    # <provider>/<model>"; builds before the attempt counter: "context overflow detected; attempting
    # auto-compaction for <provider>/<model>[ (error: <text>)]".
    _searched(
        "compaction.overflow", "warn", "context overflow detected",
        r"context overflow detected(?: \(attempt (?P<attempt>\d+)/(?P<maxAttempts>\d+)\))?"
        r"(?:; attempting auto-compaction for (?P<model>\S+))?",
    ),
    # The overflow error's own text, as a failed turn reports it ("[error] Context overflow: estimated context size
    # exceeds safe threshold during tool loop.", also the `error=` of a [context-overflow-diag] line).
    _anchored(
        "compaction.overflow", "warn", "Context overflow: ",
        r"Context overflow: (?P<error>.*)",
    ),
    # "auto-compaction succeeded for <provider>/<model>; retrying prompt" (info, agent/embedded,
    # src/agents/pi-embedded-runner/run.ts): the overflow compaction ended and the prompt is sent again.
    _anchored(
        "embedded.compaction", "info", "auto-compaction succeeded",
        r"auto-compaction (?P<stage>succeeded)(?: for (?P<model>[^\s;]+))?(?:; (?P<next>retrying prompt))?.*",
    ),
    # "auto-compaction failed for <provider>/<model>: <reason|nothing to compact>" (warn); the bare
    # "auto-compaction failed: <reason>" form is still accepted.
    _searched(
        "compaction.failed", "warn", "auto-compaction failed",
        r"auto-compaction failed(?: for (?P<model>\S+):|:)?\s*(?P<error>.*)",
    ),
    # Builds 2026.1.12 to 2026.4.5 also caught a compaction failure that escaped the run's own handling (a summarising
    # request over the model's token limit, an unhandled rejection) in src/agents/pi-embedded-runner/google.ts
    # (agent/embedded, error): "Auto-compaction failed (unhandled): <message>"; removed in ce30557399.
    _anchored(
        "compaction.failed", "error", "Auto-compaction failed (unhandled):",
        r"Auto-compaction failed \(unhandled\):\s*(?P<error>.*)",
    ),
    # The reply runner's give-up when the turn's run failed on a context overflow or on its compaction
    # (src/auto-reply/reply/agent-runner-execution.ts, defaultRuntime.error, so under the gateway's tag): "Auto-compaction
    # failed (<message>). Preserving existing session mapping for <sessionKey|sessionId>." The user is sent the
    # "Context is too large and auto-compaction could not recover this turn" reply read below; the message is the run's
    # error ("Context overflow: prompt too large for the model (precheck).", "Compaction timed out", "Summarization
    # failed: ..."). Pastes cut the key ("Preserving existing session mapping..."). A message in the words of a timeout
    # is the compaction timing out.
    _anchored(
        "compaction.timeout", "error", "Auto-compaction failed (",
        r"Auto-compaction failed \((?P<error>(?=[^\n]{0,200}?(?:[Tt]imed out|[Tt]imeout))[^\n]*)\)\.\s*"
        r"Preserving existing session mapping(?: for (?:(?P<sessionId>[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})"
        r"|(?P<sessionKey>\S+?)))?\.*\s*$",
    ),
    _anchored(
        "compaction.failed", "error", "Auto-compaction failed (",
        r"Auto-compaction failed \((?P<error>[^\n]*)\)\.\s*"
        r"Preserving existing session mapping(?: for (?:(?P<sessionId>[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})"
        r"|(?P<sessionKey>\S+?)))?\.*\s*$",
    ),
    # The failure reply the user is sent when the turn's compaction gave up (src/auto-reply/reply/agent-runner-failure-
    # reply.ts), pasted from the chat: "⚠️ Context is too large and auto-compaction could not recover this turn.[ Reason:
    # <reason>.] Try again, use /compact, or use /new ...", and the "... auto-compaction timed out before it could
    # finish." form; builds that reword it lead with "Auto-compaction could not recover this turn." The turn was lost.
    _searched(
        "compaction.failed", "warn", "uto-compaction could not recover this turn",
        r"(?:Context is too large and )?[Aa]uto-compaction could not recover this turn\.(?: Reason: (?P<error>[^\n]{0,500}?)\.)?",
    ),
    _searched(
        "compaction.timeout", "warn", "uto-compaction timed out before it could finish",
        r"(?:Context is too large and )?[Aa]uto-compaction timed out before it could finish",
    ),
    # The compaction safety timeout's error text, seen inside e.g. "contextEngine.compact() threw during overflow
    # recovery for <provider>/<model>: Error: Compaction timed out" or a failed-compaction reason.
    _searched("compaction.timeout", "warn", "Compaction timed out", r"Compaction timed out"),
    # The Codex harness's native compaction wait (extensions/codex, CodexNativeCompactionTimeoutError): "timed out
    # waiting for codex app-server compaction for <threadId>", surfaced as "Compaction failed: ..." (#84921).
    _searched(
        "compaction.timeout", "warn", "timed out waiting for codex app-server compaction",
        r"timed out waiting for codex app-server compaction(?: for (?P<threadId>[^\s•]+))?",
    ),
    # The same harness's compaction turn ending in any status but completed (extensions/codex native compaction
    # waiter): "codex app-server compaction turn ended with status <failed|interrupted|unknown>", the reason of the
    # compaction result that failed, as `/compact` or the failing turn reports it.
    _searched(
        "compaction.failed", "warn", "codex app-server compaction turn ended with status",
        r"codex app-server compaction turn ended with status (?!completed\b)(?P<status>\w{1,40})",
    ),
    # Any other failure of that compaction (src/agents/pi-embedded-runner/run.ts, agent/embedded, warn):
    # "contextEngine.compact() threw during overflow recovery for <provider>/<model>: <error>". Listed after
    # compaction.timeout: a thrown "Compaction timed out" keeps that kind.
    _searched(
        "compaction.failed", "warn", "threw during overflow recovery for ",
        r"contextEngine\.compact\(\) threw during overflow recovery for (?P<model>\S+?):\s*(?P<error>.*)",
    ),
    # A CLI turn's transcript compaction that failed (src/agents/cli-runner, runCliTurnCompactionLifecycle, warn): "CLI
    # transcript compaction failed for <provider>/<model>: <error>" (the turn's compaction lifecycle gives up on it).
    # Listed after compaction.timeout: a "Compaction timed out" error keeps that kind.
    _searched(
        "compaction.failed", "warn", "CLI transcript compaction failed for ",
        r"CLI transcript compaction failed for (?P<model>[^\s:]{1,200}):\s*(?P<error>.*)",
    ),
    # A native harness's own compaction (the Codex app-server's) that threw or compacted nothing (src/agents/
    # cli-runner compaction, warn): "CLI native harness compaction failed for <provider>/<model>: <error>", "... did not
    # reduce context for <provider>/<model>: <reason>"; an agent request that failed on it carries the first as its
    # error ("⇄ res ✗ agent errorCode=UNAVAILABLE errorMessage=Error: CLI native harness compaction failed ...", #89374).
    _searched(
        "compaction.failed", "warn", "CLI native harness compaction ",
        r"CLI native harness compaction (?:failed|did not reduce context) for (?P<model>[^\s:]{1,200}):\s*(?P<error>.*)",
    ),
    # The Codex harness's remote compaction failing (codex-rs compact_remote.rs sends "Error running remote compact
    # task: <err>", e.g. "unexpected status 404 Not Found ... url: .../codex/responses/compact"), surfaced by OpenClaw's
    # Codex runtime as the turn's error ("Embedded agent failed before reply: Error running remote compact task: ...",
    # and in the lane task error around it): the turn ended in its compaction.
    _searched(
        "compaction.failed", "warn", "Error running remote compact task",
        r"Error running remote compact task:?\s*(?P<error>.*)",
    ),
    # The compaction safeguard gives up and keeps the history (src/agents/pi-hooks/compaction-safeguard.ts, warn):
    # "Compaction summarization failed; cancelling compaction to preserve history: <error>", and with no model
    # credentials "Compaction safeguard: ... cancelling compaction ...".
    _searched(
        "compaction.failed", "warn", "cancelling compaction",
        r"Compaction (?:summarization failed|safeguard: (?P<detail>[^;\n]{0,200}));? cancelling compaction"
        r"(?: to preserve history)?[.:]?\s*(?P<error>.*)",
    ),
    # The agent library's own compaction errors (pi's compaction: "Turn prefix summarization failed: <error>",
    # "Summarization failed: <error>"), surfaced as the turn's error, often behind "Compaction failed: " (f1095: the
    # summarisation request refused as too long). The compaction could not shrink the context.
    _searched(
        "compaction.failed", "warn", "ummarization failed:",
        r"(?:Compaction failed:\s*)?(?:Turn prefix s|S)ummarization failed:\s*(?P<error>.*)",
    ),
    # A compaction's failure as the reply the user gets, with the context meter after it: "Compaction failed:
    # <reason> • Context <used>/<window> (<pct>%)", pasted bare (f513) or inside a channel's record of its outbound
    # text (f1549: "[wecom] [openclaw -> plugin] kind=final, text=\"⚙️ Compaction failed: commit_timeout • Context
    # 66k/262k (25%)\"", a context engine's commit wait running out). A reason in the words of a timeout is the
    # compaction timing out. It is the `/compact` command's reply (a manual compaction; labelling policy "compact
    # command reply: the reason decides"); the meter reads "?/<window>" when the used tokens are unknown.
    _searched(
        "compaction.timeout", "warn", "Compaction failed: ",
        r"Compaction failed: (?P<error>[^•\n\"]{0,200}?(?:timeout|timed out)[^•\n\"]{0,200}?) • Context (?:\d|\?/)",
    ),
    _searched(
        "compaction.failed", "warn", "Compaction failed: ",
        r"Compaction failed: (?P<error>[^•\n\"]{1,200}?) • Context (?:\d|\?/)",
    ),
    # A final reply the channel's delivery policy withheld (src/auto-reply/..., subsystem source-reply/private-final,
    # warn; the session key, channel and length in the meta): "agent produced a long private final reply without
    # calling the configured delivery tool (message_tool_only); response kept private and not delivered to the source
    # channel", and the stranded form "agent produced a final reply but never called the configured delivery tool ...".
    _searched(
        "reply.kept_private", "warn", "response kept private and not delivered",
        r"agent produced a (?:long private )?final reply (?:without calling|but never called) the configured delivery "
        r"tool(?: \((?P<policy>[\w-]{1,60})\))?; response kept private and not delivered",
    ),
    # ... its head alone, where a reporter's editor wrapped the line before its "response kept private" (f2023: "agent
    # produced a long private final reply without" / "  calling the configured ..."): the subsystem logs nothing else.
    _searched(
        "reply.kept_private", "warn", "agent produced a long private final reply without",
        r"agent produced a long private final reply without(?: calling)?[ \t]*$",
    ),
    # A Codex turn its terminal dynamic tool ended (extensions/codex app-server run attempt, agent/embedded, info:
    # "codex app-server turn released after terminal dynamic tool result", the tool in its meta): the tool's result
    # closed the turn (a sessions_yield hand-off to a child run, a message the tool sent), so the turn's reply was
    # handed off, and a bare cause=completed empty dispatch after it is no lost reply (labelling policy
    # "zero-payload visible dispatch").
    _searched(
        "reply.handed_off", "info", "turn released after terminal dynamic tool result",
        r"codex app-server turn released after terminal dynamic tool result" + KV,
    ),
    # A sessions_yield tool call named in a line (``tool=sessions_yield``, as a tool's start or a reporter's timeline
    # lists it): the parent turn yielded to a child run (src/agents/tools/sessions-yield), the same hand-off.
    _searched(
        "reply.handed_off", None, "sessions_yield",
        r"\btool(?:Name)?[=:][ \t]?[\"']?sessions_yield\b[\"']?" + KV,
    ),
    # A channel's final reply delivered, then the dispatch failing after it (Telegram, PR #90152: "final reply failed:
    # Error: ... after final delivery"): the user got the reply. Only the "after final delivery" form: a bare "final
    # reply failed: HttpError: Network request for 'sendMessage' failed!" is a reply that never left.
    _searched(
        "reply.failed_after_final", "warn", "after final delivery",
        r"final reply failed: (?P<error>[^\n]{0,300}?after final delivery)",
    ),
    # The per-session compaction circuit breaker (src/agents/pi-embedded-runner/compaction-circuit-breaker.ts):
    # "[compaction-circuit-breaker] failure recorded: sessionKey=<key> consecutiveFailures=<n> cooldownMs=<ms>" (warn)
    # after each failed compaction; from the third in a row the session's compactions are refused for the cooldown.
    # Its "reset after success" twin (info) is no fault and stays generic.
    _searched(
        "compaction.failed", "warn", "[compaction-circuit-breaker] failure recorded",
        r"\[compaction-circuit-breaker\] failure recorded:" + KV,
    ),
    # "[compaction-diag] start|end|decision|contributors runId= sessionKey= diagId= ..." (debug; a failed end is warn).
    _searched(
        "compaction.diag", "debug", "[compaction-diag]",
        r"\[compaction-diag\](?: (?P<stage>start|end|decision|contributors)\b)?" + KV,
    ),
    # GatewayDrainingError (src/process/command-queue.ts); builds that name the cause say "Gateway is draining for
    # restart; new tasks are not accepted".
    _searched(
        "gateway.draining_rejected", "warn", "Gateway is draining",
        r"Gateway is draining(?: for restart)?; new tasks are not accepted",
    ),
    _searched("gateway.restarting", "info", "gateway restarting", r"gateway restarting"),
    # Kept for text that still carries the console tag (a paste the shapes do not split); the
    # anchored restart.recovery families above match the messages themselves.
    _searched(
        "restart.recovery", "info", "[main-session-restart-recovery]",
        r"\[main-session-restart-recovery\]" + KV,
    ),
    _searched("run.aborted_error", "warn", "AbortError: This operation was aborted", r"AbortError: This operation was aborted"),
    _searched("agent.cleanup_timeout", "warn", "agent cleanup timed out", r"agent cleanup timed out" + KV),
    # "CommandLaneTaskTimeoutError: Command lane \"<lane>\" task timed out after <N>ms"; newer builds:
    # "... task timed out: elapsed <N>ms reached task budget <N>ms" (and other causes).
    _searched(
        "lane.task_timeout", "error", "CommandLaneTaskTimeoutError",
        r"CommandLaneTaskTimeoutError:?\s*(?P<error>(?:Command lane \"(?P<lane>[^\"]{0,300})\" task timed out"
        r"(?: after (?P<timeoutMs>\d+)ms)?)?.*)",
    ),
    # The same error's text without its class (inside another line's error, or in a reporter's note, f126):
    # "Command lane \"<lane>\" task timed out[ after <n>ms|: <cause>]".
    _searched(
        "lane.task_timeout", "error", "task timed out",
        r"Command lane \"(?P<lane>[^\"]{0,300})\" task timed out(?: after (?P<timeoutMs>\d+)ms|: (?P<error>[^\n]{0,500}))?",
    ),
    # src/agents/cli-runner/cli-run-recovery.ts (agent/cli-backend, warn), once every CLI recovery path is exhausted:
    # "cli terminal failure: provider=<p> model=<m> durationMs=<n> runId=<id> error=<text>".
    _anchored("cli.terminal_failure", "warn", "cli terminal failure:", r"cli terminal failure:" + KV),
    # The CLI backend's turn lines (agent/cli-backend): "cli exec: provider=<p> model=<m> promptChars=<n>[ trigger=
    # useResume= session= resumeSession= reuse= historyPrompt=]" (src/agents/cli-runner/execute.ts), the finished
    # turn "cli turn: provider= model= durationMs= <output digest: outBytes= ...>" (info, same runner), and the
    # live Claude session's "claude live session reuse|turn|close: provider= model= ..." and "claude live session
    # turn failed: provider= model= durationMs= error=<error name>" (warn, src/agents/cli-runner/claude-live-
    # session.ts). None names a session; together they say a session runs on a CLI backend (f017, f306, f010).
    _anchored("cli.exec", "debug", "cli exec:", r"cli exec:" + KV),
    _anchored("cli.turn", "debug", "cli turn:", r"cli turn:" + KV),
    _anchored(
        "cli.turn_failed", "warn", "claude live session turn failed:",
        r"claude live session turn failed:" + KV,
    ),
    _anchored(
        "cli.live_session", "debug", "claude live session ",
        r"claude live session (?P<stage>[a-z]{1,20}):" + KV,
    ),
    # extensions/codex/src/app-server/ (agent/embedded, warn): a turn that timed out retires its app-server client:
    # "codex app-server client retired after timed-out turn" with threadId, turnId and reason in the meta (f008).
    _anchored(
        "codex.client_retired", "warn", "codex app-server client retired after timed-out turn",
        r"codex app-server client retired after timed-out turn" + KV,
    ),
    # src/agents/pi-embedded-runner/run/attempt.ts (agent/embedded, warn): a prompt failed and the attempt's
    # cleanup found the session taken over: "embedded attempt cleanup detected session takeover after prompt
    # failure; preserving prompt error: runId= sessionId= promptError=<text> cleanupError=<text>" (f105).
    _anchored(
        "lock.takeover", "warn", "embedded attempt cleanup detected session takeover",
        r"embedded attempt cleanup detected session takeover after prompt failure;?(?: preserving prompt error:)?" + KV,
    ),
    # "context-engine compaction failed" (agent/embedded, warn; errorMessage in the meta), when a context
    # engine's own compact() throws (src/agents/pi-embedded-runner/compact.ts, f301).
    _anchored(
        "compaction.failed", "warn", "context-engine compaction failed",
        r"context-engine compaction failed(?::\s*(?P<error>.*))?",
    ),
    # The subagent announce queue's drain failure (defaultRuntime.error, src/agents/subagent-announce-queue.ts):
    # "announce queue drain failed for <requester session key>[ (attempt <n>, retry in <s>s)]: <error>" (f106).
    _anchored(
        "subagent.announce_drain_failed", "error", "announce queue drain failed for ",
        r"announce queue drain failed for (?P<sessionKey>\S+?)"
        r"(?: \(attempt (?P<attempt>\d+), retry in (?P<retryDelay>\d+s)\))?:\s+(?P<error>.*)",
    ),
    # A channel plugin handing an inbound message to the agent and its end, the convention the Feishu plugin and
    # others (DingTalk, WeCom bridges) log at info: "feishu[<account>]: dispatching to agent (session=<sessionKey>)",
    # then, once the reply dispatch returns, "feishu[<account>]: dispatch complete (queuedFinal=<b>, replies=<n>)".
    # At the default level the only lines that show a turn in flight; the end names no session (the parser pairs it
    # with the channel account's oldest open dispatch, LineParser._pair_dispatch).
    _searched(
        "channel.dispatch_started", "info", "dispatching to agent (session=",
        r"(?:\[?(?P<channel>[a-z][\w-]{0,40})\]?(?:\[(?P<account>[^\]\s]{1,80})\])?:?\s+)?"
        r"dispatching to agent \(session=(?P<sessionKey>[^)\s]{1,300})\)",
    ),
    _searched(
        "channel.dispatch_completed", "info", "dispatch complete (queuedFinal=",
        r"(?:\[?(?P<channel>[a-z][\w-]{0,40})\]?(?:\[(?P<account>[^\]\s]{1,80})\])?:?\s+)?"
        r"dispatch complete \(queuedFinal=(?P<queuedFinal>\w+), replies=(?P<replies>\d+)\)",
    ),
    # A channel plugin's own record of each agent tool call (the Feishu plugin, under [feishu/plugin], at INFO):
    # "feishu: tool call: <tool> params={...}", then "feishu: tool done: <tool> ok (<n>ms)", or at ERROR "feishu: tool
    # fail: <tool> <error> (<n>ms)". A build that logs no embedded run lines shows a run in flight only through these.
    _searched(
        "plugin.tool_call", "info", ": tool call: ",
        r"(?<![\w-])(?P<channel>[a-z][\w-]{0,40}): tool call: (?P<tool>[\w.-]{1,80}) params=",
    ),
    _searched(
        "plugin.tool_done", "info", ": tool done: ",
        r"(?<![\w-])(?P<channel>[a-z][\w-]{0,40}): tool done: (?P<tool>[\w.-]{1,80}) (?P<outcome>\w{1,20})"
        r"(?: \((?P<durationMs>\d{1,10})ms\))?",
    ),
    _searched(
        "plugin.tool_failed", "error", ": tool fail: ",
        r"(?<![\w-])(?P<channel>[a-z][\w-]{0,40}): tool fail: (?P<tool>[\w.-]{1,80}) ",
    ),
    # "visible channel turn dispatched with no queued reply payloads: channel= messageId= sessionKey=[ cause=]".
    _searched(
        "dispatch.empty_reply", "warn", "dispatched with no queued reply payloads",
        r"visible channel turn dispatched with no queued reply payloads:?" + KV,
    ),
    # The browser tool's failure as "[tools] browser failed: <error>" (logError): the dispatcher path says
    # "timed out. Restart the OpenClaw gateway (...)"; the HTTP path "Can't reach the OpenClaw browser control
    # service (timed out after <N>ms). <hint>". Clawdbot-era builds said "Can't reach the clawd browser control
    # server at <url> (...)", so both nouns match.
    _searched("tools.browser_failed", "error", "browser failed: timed out", r"browser failed: timed out(?P<detail>.*)"),
    # The browser control client's own deadline on a response that began and then went quiet (extensions/browser/src/
    # browser/client-fetch.ts, a BrowserServiceError: "Browser control response stalled for <n>ms", "Browser control
    # error response stalled for <n>ms"; n is the request's timeout): the browser tool call waited that long on a
    # control service that stopped sending, as blocked as "timed out".
    _searched(
        "tools.browser_failed", "error", "response stalled for ",
        r"Browser control (?:error )?response stalled for (?P<stalledMs>\d{1,9})ms",
    ),
    _searched(
        "tools.browser_unreachable", "error", "browser control serv",
        r"Can't reach the (?P<detail>[^\n]{0,60}?)browser control (?:service|server)(?P<rest>.*)",
    ),
    # Telegram polling watchdog, extensions/telegram/src/polling-session.ts (channel logger, console tag
    # [telegram]; the file message keeps the "[telegram] " prefix): "[telegram] Polling stall detected (<no
    # completed getUpdates|no getUpdates|active getUpdates stuck|getUpdates in-flight> for <d>[, no pending
    # updates]); forcing restart.[ [diag k=v ...]]", then "[telegram] Polling runner stop timed out after <d>;
    # forcing restart cycle." and "Telegram polling runner stopped (<reason>); restarting in <d>." (older builds:
    # "[telegram] polling runner stopped (...)"), and "[telegram][diag] polling cycle finished|error reason=...".
    _searched(
        "channel.polling_stall", "warn", "olling stall detected (",
        r"(?:\[(?P<channel>[a-z][\w-]{0,40})\]\s*)?[Pp]olling stall detected \("
        r"(?:(?P<state>no completed getUpdates|no getUpdates|active getUpdates stuck|getUpdates in-flight)"
        r" for (?P<stalledFor>\d+(?:\.\d+)?(?:ms|s|m|h)))?(?P<detail>[^()]{0,300})\)"
        r"(?:[^\[]{0,200}\[diag(?P<kv>[^\]]{0,4000})\])?",
    ),
    _searched(
        "channel.polling_restart", "warn", "olling runner stop",
        r"(?:\[(?P<channel>[a-z][\w-]{0,40})\]\s*|Telegram )?[Pp]olling runner stop(?:"
        r"ped \((?P<reason>[^()]{0,300})\); restarting in (?P<restartDelay>\d+(?:\.\d+)?(?:ms|s|m|h))"
        r"| timed out after (?P<stopTimeout>\d+(?:\.\d+)?(?:ms|s|m|h)); forcing restart cycle)",
    ),
    # The same session's isolated polling ingress (a getUpdates worker thread spooling updates to disk, newer builds,
    # extensions/telegram/src/polling-session.ts): "Telegram isolated polling ingress stopped; restarting in <d>." (the
    # worker's task ended on its own, as the runner's "stopped (...); restarting"), and its watchdog's "[telegram]
    # Isolated polling ingress stop timed out after <d>; forcing restart cycle." (the worker did not stop after a
    # polling stall, as the runner's stop timing out). Its "Telegram isolated polling ingress failed; restarting in
    # <d>." is the retry notice of "[telegram][diag] isolated polling ingress failed: <err>": the transport's failure
    # with its back-off, as the poll's other retries are.
    _searched(
        "channel.polling_restart", "warn", "solated polling ingress st",
        r"(?:\[(?P<channel>[a-z][\w-]{0,40})\]\s*|Telegram )?[Ii]solated polling ingress (?:(?P<reason>stopped); "
        r"restarting in (?P<restartDelay>\d+(?:\.\d+)?(?:ms|s|m|h))"
        r"|stop timed out after (?P<stopTimeout>\d+(?:\.\d+)?(?:ms|s|m|h)); forcing restart cycle)",
    ),
    _searched(
        "channel.transport_error", "warn", "isolated polling ingress failed; restarting in ",
        r"(?P<channel>Telegram) (?P<reason>isolated polling ingress failed); restarting in "
        r"(?P<restartDelay>\d+(?:\.\d+)?(?:ms|s|m|h))",
        values={"channel": {"Telegram": "telegram"}},
    ),
    # The same two lines as reporters quote them, the parenthesised part elided: "Polling stall detected ...
    # forcing restart", "Telegram polling runner stopped ... restarting ..." (#43187).
    _searched(
        "channel.polling_stall", "warn", "olling stall detected",
        r"(?:\[(?P<channel>[a-z][\w-]{0,40})\]\s*)?[Pp]olling stall detected\s*(?:\.{3}|…)(?P<detail>[^`]{0,300})",
    ),
    _searched(
        "channel.polling_restart", "warn", "olling runner stopped",
        r"(?:\[(?P<channel>[a-z][\w-]{0,40})\]\s*|Telegram )?[Pp]olling runner stopped\s*(?:\.{3}|…)"
        r"(?P<detail>[^`]{0,300})",
    ),
    # A polling cycle that failed (extensions/telegram polling session, logged by its own log, not the channel's error
    # logger): "[telegram][diag] polling cycle error reason=getUpdates conflict|network error <liveness fields>
    # err=<error>[ <hint>]" (older pastes without reason=). The intake failing, as the other transport errors.
    _searched(
        "channel.transport_error", "info", "polling cycle error",
        r"(?:\[(?P<channel>telegram)\]\s*(?:\[diag\]\s*)?)?polling cycle error\b" + KV,
    ),
    _searched(
        "channel.polling_cycle", "info", "polling cycle ",
        r"polling cycle (?P<stage>finished|error)\b" + KV,
    ),
    # src/gateway/server-channels.ts (the channel task's failure, logged at error by the channel's logger):
    # "[<accountId>] channel exited: <error>", e.g. "[telegram] [default] channel exited: Request to 'getUpdates'
    # timed out after 500 seconds" on the console.
    _searched(
        "channel.exited", "error", "channel exited:",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?channel exited:\s*(?P<error>.*)",
    ),
    # The same channel manager restarts the account with a back-off: "[<accountId>] auto-restart attempt <n>/<max>
    # in <s>s" (info), and "[<accountId>] giving up after <max> restart attempts" (error).
    _searched(
        "channel.auto_restart", "info", "auto-restart attempt",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?auto-restart attempt (?:(?P<attempt>\d+)/(?P<maxAttempts>\d+)"
        r"|(?:\.{3}|…)$)"  # (a reporter's elision of the count: "auto-restart attempt ...")
        r"(?: in (?P<restartDelay>\d+(?:\.\d+)?(?:ms|s|m|h)))?",
    ),
    _searched(
        "channel.restart_gave_up", "error", "restart attempts",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?giving up after (?P<maxAttempts>\d+) restart attempts",
    ),
    # A channel's gateway client that ran out of reconnects (the Discord provider's "Max reconnect attempts (<n>)
    # reached after code <close code>"), often as the gateway's uncaught exception (#55403, #36055).
    _searched(
        "channel.restart_gave_up", "error", "Max reconnect attempts",
        r"Max reconnect attempts \((?P<maxAttempts>\d+)\) reached(?: after code (?P<closeCode>\d+))?",
    ),
    # The DingTalk channel plugin's Stream connection manager (soimy/openclaw-channel-dingtalk,
    # src/connection-manager.ts) running out of tries: "[<accountId>] Max connection attempts (<n>) reached. Giving
    # up." (error) when a connect fails n times, and "[<accountId>] Max runtime reconnect cycles (<n>) reached. Giving
    # up. Please check network connectivity or restart the gateway." (error) after a drop: the account takes in
    # nothing until the gateway restarts it (the channel from the subsystem, gateway/channels/dingtalk).
    _searched(
        "channel.restart_gave_up", "error", "reached. Giving up",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?Max (?:connection attempts|runtime reconnect cycles) "
        r"\((?P<maxAttempts>\d+)\) reached\. Giving up",
    ),
    # The same manager's state note (debug; the plugin's status hook, src/channel.ts, later src/gateway/channel-gateway.ts):
    # "[<accountId>] Connection state changed to: CONNECTED", written where the manager notes the connect done, next to
    # its "DingTalk Stream client connected successfully" (read as the channel up, channels.UP_WORDS): the same up. Its
    # other states (CONNECTING, DISCONNECTED, FAILED) are left to the lines beside them.
    _searched(
        "channel.polling_started", "info", "Connection state changed to: CONNECTED",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>)Connection state changed to: CONNECTED\s*$",
        values={"channel": {"": "dingtalk"}},
    ),
    # The DingTalk connector's status hook (zhanglilong23/dingtalk-openclaw-connector src/channel.ts, written to stderr):
    # "[dingtalk-connector][<account>] onStatusChange patch={"connected":true,...} current=... next=...". The patch
    # {connected: true} is sent from src/core/connection.ts only where the connector also logs "Connected to DingTalk
    # Stream successfully" and "✅ 重连成功" (read as the channel up): the same up. Other patches ({"connected":false},
    # {"lastInboundAt":...}) are left unread.
    _searched(
        "channel.polling_started", "info", 'onStatusChange patch={"connected":true',
        r"(?:\[dingtalk-connector\])?(?P<channel>)(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?"
        r'onStatusChange patch=\{"connected":true\b',
        values={"channel": {"": "dingtalk"}},
    ),
    _searched("channel.inbound", "info", "Inbound message", r"Inbound message"),
    # A channel accepting an inbound message before any dispatch: Telegram's isolated polling ingress ("[diag]
    # isolated polling worker update received updateId=<id>", "... update spooled updateId=<id>", "... offset persisted
    # updateId=<id>"). Labelling policy "inbound accepted, then a dated silence" reads the time after it. (Feishu's
    # "received message from" is left out: its disposition of the message, allowlist or pairing, prints as lines the
    # fast path does not read.)
    _searched(
        "channel.inbound_accepted", "info", "isolated polling",
        r"isolated polling (?:worker )?(?:update (?:received|spooled)|offset persisted) updateId=(?P<updateId>\S{1,40})",
    ),
    _searched("channel.polling_started", "info", "polling ingress started", r"polling ingress started"),
    # The polling session's own cycle start in newer builds (extensions/telegram/src/polling-session.ts, the channel's
    # log, right after the grammY runner is started): "[telegram][diag] polling cycle started <liveness k=v ...>", the
    # non-isolated counterpart of "isolated polling ingress started".
    _searched(
        "channel.polling_started", "info", "polling cycle started",
        r"(?:\[(?P<channel>telegram)\]\s*(?:\[diag\]\s*)?)?polling cycle started\b" + KV,
    ),
    # The Telegram channel's webhook mode (extensions/telegram/src/webhook.ts, runtime.log at INFO): "webhook advertised
    # to telegram on <public url>", written once setWebhook was accepted (the status noted ready): the ingress up. Its
    # "webhook local listener on <url>" is not: later builds write it before setWebhook, which may still fail.
    _searched(
        "channel.polling_started", "info", "webhook advertised to telegram on ",
        r"webhook advertised to (?P<channel>telegram) on (?P<webhookUrl>\S{1,500})",
    ),
    # A channel plugin's account start in the "starting <channel>[<account>] (mode: <mode>)" form (info; the bundled
    # Feishu channel's startAccount, extensions/feishu/src/channel.ts; the DingTalk connector's and the WeCom plugin's
    # alike, "starting dingtalk-connector[__default__] (mode: stream, ...)", "starting wecom[default] (mode:
    # webhook)"): a start, as "starting provider" is.
    _anchored(
        "channel.starting", "info", ("starting feishu[", "starting dingtalk-connector[", "starting wecom["),
        r"starting (?P<channel>feishu|dingtalk-connector|wecom)\[(?P<account>[^\[\]\s]{1,200})\]"
        r"(?: \(mode: (?P<mode>[\w-]{1,40})[^()\n]{0,300}\))?\s*$",
        values={"channel": {"dingtalk-connector": "dingtalk"}},
    ),
    # u50 census. The Google Chat channel's startAccount (extensions/googlechat/src/channel.ts, later gateway.ts; info):
    # "[<account>] starting Google Chat webhook", written before the monitor registers its route: a start. The WeChat
    # plugin's monitor (Tencent/openclaw-weixin src/monitor/monitor.ts, info): "[<account>] Monitor started: baseUrl=<url>
    # timeoutMs=<n>", written before its first getUpdates (no platform call yet): a start, not the ingress up.
    _searched(
        "channel.starting", "info", "starting Google Chat webhook",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?starting (?P<channel>Google Chat) webhook\s*$",
        values={"channel": {"Google Chat": "googlechat"}},
    ),
    _searched(
        "channel.starting", "info", "Monitor started: baseUrl=",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>)Monitor started: baseUrl=(?P<baseUrl>\S{1,300})"
        r" timeoutMs=(?P<timeoutMs>\d+)\s*$",
        values={"channel": {"": "weixin"}},
    ),
    # n55. The same monitor's console line (Tencent/openclaw-weixin src/monitor/monitor.ts, through the channel runtime's
    # log, every build from v1.0.1 to v2.4.2): "weixin monitor started (<baseUrl>, account=<id>)", written once the
    # host's channel runtime is there and just before its long-poll loop, which ends only on the account's abort (a
    # failed poll is caught, logged as "weixin getUpdates error|failed ... (<n>/3)" and retried; a poll that gets
    # through logs nothing). Read as the channel receiving again, as Zalo's "polling loop started" is: an earlier
    # failure it follows is healed (RC18), a failure logged after it still counts.
    _searched(
        "channel.polling_started", "info", "weixin monitor started (",
        r"(?P<channel>weixin) monitor started \((?P<baseUrl>[^\s,()]{1,300}), account=(?P<account>[^\s()]{1,200})\)\s*$",
    ),
    # The account's stop, in the official Feishu/Lark plugin (larksuite/openclaw-lark src/channel/plugin.ts, stopAccount,
    # info): "stopping feishu[<account>]" then "stopped feishu[<account>]" (f3017, a gateway restart); and the XMPP channel
    # plugin's abort listener (info): "[<account>] XMPP connection stopping". The channel stopping, no fault.
    _anchored(
        "channel.stopping", "info", ("stopping feishu[", "stopped feishu["),
        r"(?P<stage>stopping|stopped) (?P<channel>feishu)\[(?P<account>[^\[\]\s]{1,200})\]\s*$",
    ),
    _searched(
        "channel.stopping", "info", "XMPP connection stopping",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>XMPP) connection stopping\s*$",
        values={"channel": {"XMPP": "xmpp"}},
    ),
    # "[<accountId>] starting provider[ (<label>)]" (info), a channel plugin's account start (e.g. the Telegram and
    # Feishu channels' startAccount), and the Telegram channel's stopAccount: "[<accountId>] released stopped
    # Telegram polling lease" (info, extensions/telegram/src/channel.ts). A restart shows as the pair (f210).
    _searched(
        "channel.starting", "info", "starting provider",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?starting provider(?: \((?P<label>[^()]{0,200})\))?",
    ),
    # The LINE channel's account start names its bot: "[<accountId>] starting LINE provider (<bot name>)" (info,
    # extensions/line); the Microsoft Teams webhook server's "msteams provider started on port <n>" (info) and its
    # listener's "msteams server error" (error, the error in the record's meta: EADDRINUSE when the port is taken).
    _searched(
        "channel.starting", "info", "starting LINE provider",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?starting (?P<channel>LINE) provider(?: \((?P<label>[^()]{0,200})\))?",
    ),
    _searched(
        "channel.starting", "info", "msteams provider started on port",
        r"(?P<channel>msteams) provider started on port (?P<port>\d+)",
    ),
    _searched("channel.transport_error", "error", "msteams server error", r"(?P<channel>msteams) server error" + KV),
    # extensions/msteams/src/monitor.ts (monitorMSTeamsProvider, msteams logger, error; every build the index holds,
    # t48a): "msteams credentials not configured", the provider returning before its webhook server starts when no
    # app id, password and tenant resolve: the channel never starts, and every restart meets the same config. The whole
    # message only: the outbound send throws the same words inside its own error line.
    _searched("channel.exited", "error", "msteams credentials not configured",
              r"^(?P<channel>msteams) (?P<error>credentials not configured)\s*$"),
    # extensions/msteams/src/monitor.ts (error): the Bot Framework adapter's processing of one inbound activity
    # rejected, "msteams webhook failed" (the error in the record's meta, {error}): that turn was lost.
    _searched("channel.inbound_failed", "error", "msteams webhook failed",
              r"(?P<channel>msteams) (?P<event>webhook) failed" + KV),
    # (q64) The shared inbound debouncer (src/auto-reply/inbound-debounce.ts) past its 1000 buffered senders hands the
    # channel's onError "inbound debounce key capacity exceeded" and then flushes that message at once, not buffered:
    # nothing is lost ("<channel> [inbound ]debounce flush failed: Error: inbound debounce key capacity exceeded", in
    # any channel's wording, msteams', Feishu's and BlueBubbles' below too). Before every debounce flush family.
    _searched(
        "channel.debounce_bypassed", "warn", "inbound debounce key capacity exceeded",
        r"\A(?:(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?:\[?(?!inbound )(?P<channel>[a-z][a-z0-9-]{1,30})\]?"
        r"(?:\[[^\[\]\s]{1,200}\])?:? )?(?:inbound )?debounce flush failed:\s*)?(?:Error: )?"
        r"inbound debounce key capacity exceeded\s*\Z",
    ),
    # The same channel losing an inbound message after the webhook took it (extensions/msteams/src/monitor-handler/
    # inbound-dispatch.ts and message-handler.ts, runtime.error): the turn's dispatch throwing, "msteams dispatch failed:
    # <err>" (beside the msteams logger's bare "dispatch failed" with the error in its meta; the user is sent "Something
    # went wrong"), and the inbound debouncer's flush failing, "msteams debounce flush failed: <err>" (its batch is not
    # dispatched); and (monitor.ts, msteams logger, error) a card action's dispatch rejected after the invoke was
    # acknowledged, "msteams card.action dispatch failed" (the error in the meta). A fault of the code there meets
    # every message alike (channel.handler_broken, as Feishu's).
    _searched(
        "channel.handler_broken", "error", "msteams d",
        r"(?P<channel>msteams) (?P<event>dispatch|debounce flush) failed: " + CODE_FAULT + r"(?P<error>.*)",
    ),
    _searched(
        "channel.inbound_failed", "error", "msteams d",
        r"(?P<channel>msteams) (?P<event>dispatch|debounce flush) failed:\s*(?P<error>.*)",
    ),
    _searched(
        "channel.inbound_failed", "error", "msteams card.action dispatch failed",
        r"(?P<channel>msteams) (?P<event>card\.action) dispatch failed" + KV,
    ),
    _searched(
        "channel.polling_lease_released", "info", "released stopped Telegram polling lease",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?released stopped Telegram polling lease",
    ),
    # The Discord event queue's slow-listener warning (extensions/discord/src/monitor/listeners.ts): "[EventQueue]
    # Slow listener detected: <listener> took <duration> for event <event>", the duration as "<n> seconds" (older
    # builds awaited the whole agent turn in the listener, f016) or "<n>ms"/"<n> ms"; early builds named the
    # listener in words ("Slow listener detected: discord message handler took 132061ms", #4864).
    _searched(
        "channel.slow_listener", "warn", "Slow listener detected",
        r"(?:\[EventQueue\] )?Slow listener detected(?:: (?P<listener>[^:\n]{1,80}?) took "
        r"(?:(?P<tookMs>\d+) ?ms|(?P<tookSeconds>\d+(?:\.\d+)?) seconds?)(?: for event (?P<event>\S+))?"
        # (as reporters and the file record put it: "... MESSAGE_CREATE durationMs=449803", "— durationMs: 98362",
        # "- duration: 90+ seconds")
        r"|:? (?:(?P<listenerName>\w{1,80}) (?P<eventName>[A-Z_]{3,40}) )?durationMs[=:] ?(?P<durationMs>\d+)"
        r"|[^\n]{0,4}?(?:durationMs[=:] ?(?P<listenerMs>\d+)|duration: (?P<durationSeconds>\d+)\+? seconds?))?",
    ),
    # The channel ingress watchdog (src/channels/ingress/): a claimed event not adopted by a turn in time:
    # "Channel ingress claim→adoption stalled for event <id> on lane <lane> after <n>ms; <marking failed|applying
    # retry policy|...> (handler-timeout)." (f310).
    # Telegram's isolated polling ingress timing out the handler of a spooled update that blocks its chat's lane
    # (extensions/telegram/src/polling-session.ts, the channel's log): "[telegram] Telegram isolated polling spool
    # handler timed out behind update <updateId> on lane <lane> after <d>; marking the update failed, aborting active
    # reply work, and restarting isolated ingress so later updates can drain." The same stall as the core watchdog's.
    _searched(
        "channel.ingress_stalled", "warn", "spool handler timed out behind update ",
        r"(?:\[(?P<channel>telegram)\]\s*)?(?:Telegram )?isolated polling spool handler timed out behind update "
        r"(?P<eventId>\S{1,40}) on lane (?P<lane>\S{1,300}) after (?P<age>\d+(?:\.\d+)?(?:ms|s|m|h|d)(?: ?\d+(?:\.\d+)?"
        r"(?:ms|s|m|h)){0,3})(?:; (?P<disposition>[^\n]{0,300}))?",
    ),
    _searched(
        "channel.ingress_stalled", "warn", "adoption stalled for event ",
        r"Channel ingress claim(?:→|->)adoption stalled for event (?P<eventId>\S+) on lane (?P<lane>\S+) "
        r"after (?P<ageMs>\d+)ms(?:; (?P<disposition>[^\n]{0,300}))?",
    ),
    # src/cron/execution-error-constants.ts: a cron job's timeout error text "cron: job execution timed out[ (last
    # phase: <phase>)]", seen as a run's error (f126).
    _searched(
        "cron.job_timeout", "error", "cron: job execution timed out",
        r"cron: job execution timed out(?: \(last phase: (?P<phase>[^()]{1,80})\))?",
    ),
    # ActiveTurnClaimError (src/gateway/worker-environments/placement-turn-claims.ts): "Session <id> already has an
    # active turn claim": a new turn refused while an earlier turn's claim was never released (f126).
    _searched(
        "session.turn_claim_busy", "error", "already has an active turn claim",
        r"Session (?P<sessionId>\S+) already has an active turn claim",
    ),
    # "[warn] Subagent completion direct announce failed for run <run id>: <error>" (defaultRuntime, src/agents/
    # subagent-announce.ts). Searched after the lock families: an announce that failed on a session lock or a
    # takeover is that lock's evidence first (f114).
    _searched(
        "subagent.announce_failed", "warn", "Subagent completion direct announce failed",
        r"Subagent completion direct announce failed for run (?P<childRunId>\S+?):\s*(?P<error>.*)",
    ),
    # -- Audited from the source (warn/error calls of the subsystems a stuck session involves); one real-form line
    # of each is in tests/test_families_source.py. Paths are those of src/ around 2026.4; later builds moved
    # src/agents/pi-embedded-runner/ to src/agents/embedded-agent-runner/.
    # Subagent announce (defaultRuntime.error, src/agents/subagent-announce.ts): "Subagent announce failed: <err>".
    # Searched, so that a lock error inside it stays the lock's evidence.
    _searched(
        "subagent.announce_failed", "error", "Subagent announce failed:",
        r"Subagent announce failed:\s*(?P<error>.*)",
    ),
    # src/agents/pi-embedded-runner/run/attempt.ts (agent/embedded, warn): the run timeout fired while a compaction
    # was running and the deadline was extended: "embedded run timeout reached during compaction; extending
    # deadline: runId= sessionId= extraMs=".
    _anchored(
        "compaction.deadline_extended", "warn", "embedded run timeout reached during compaction",
        r"embedded run timeout reached during compaction; extending deadline:?" + KV,
    ),
    # The same attempt gives up waiting for compaction retries: "compaction retry aggregate timeout (<n>ms):
    # proceeding with pre-compaction state runId= sessionId=", and a run that timed out inside a compaction
    # answers from a snapshot: "using <source> snapshot: timed out during compaction runId= sessionId=".
    _anchored(
        "compaction.timeout", "warn", "compaction retry aggregate timeout (",
        r"compaction retry aggregate timeout \((?P<timeoutMs>\d+)ms\):? proceeding with pre-compaction state" + KV,
    ),
    _anchored(
        "compaction.timeout", "warn", "using ",
        r"using (?P<snapshotSource>[\w-]{1,40}) snapshot: timed out during compaction" + KV,
    ),
    # The same words as reporters quote them without the snapshot ("- `timed out during compaction`").
    _searched("compaction.timeout", "warn", "timed out during compaction", r"(?<![\w-])timed out during compaction\b"),
    # A run unsubscribed (ended, aborted, timed out) while it waited on a compaction rejects that wait with
    # "AbortError: Unsubscribed during compaction" (src/agents/pi-embedded-subscribe, unsubscribe): the run ended
    # inside the compaction.
    _searched(
        "compaction.interrupted", "warn", "Unsubscribed during compaction",
        r"(?:AbortError: )?Unsubscribed during compaction",
    ),
    # A compaction that could not be aborted (agent/embedded, warn): "embedded run abortCompaction failed: runId=
    # sessionId= err=" (run/attempt.ts) and "unsubscribe: compaction abort failed runId= err="
    # (pi-embedded-subscribe.ts).
    _anchored(
        "compaction.abort_failed", "warn", ("embedded run abortCompaction failed", "unsubscribe: compaction abort failed"),
        r"(?:embedded run abortCompaction|unsubscribe: compaction abort) failed:?" + KV,
    ),
    # "context overflow persisted after in-attempt compaction (attempt <n>/<max>); retrying prompt without
    # additional compaction for <provider>/<model>" (agent/embedded, warn, run.ts): the overflow loop goes on.
    _anchored(
        "compaction.overflow", "warn", "context overflow persisted after in-attempt compaction",
        r"context overflow persisted after in-attempt compaction"
        r"(?: \(attempt (?P<attempt>\d+)/(?P<maxAttempts>\d+)\))?(?:;[^\n]{0,200}? for (?P<model>\S+))?",
    ),
    # The idle watchdog's retry (src/agents/pi-embedded-runner/run/assistant-failover.ts, agent/embedded, warn):
    # "[llm-idle-timeout] <provider>/<model> produced no reply before the idle watchdog; retrying same model".
    _searched(
        "llm.idle_timeout", "warn", "[llm-idle-timeout]",
        r"\[llm-idle-timeout\] (?P<model>\S+) produced no reply before the idle watchdog(?:; (?P<action>[^\n]{0,200}))?",
    ),
    # The same step in the builds between (assistant-failover.ts, stored id 54608838550; retry allowed by
    # assistant-failure.ts, id 55014944548): an attempt that timed out (timedOut, its idle watchdog or not), outside a
    # compaction or a tool call, on a run that can restart, once per run (MAX_SAME_MODEL_TIMEOUT_RETRIES 1), with no
    # failover reason but the timeout, is re-issued on the same auth profile before any rotation, and the step warns
    # "[llm-timeout] <provider>/<model> hit idle watchdog|request timeout; retrying same profile before auth-profile
    # rotation" instead of "Profile <id> timed out. ...": a model call that timed out on its profile (fields provider,
    # model, timeout=idle|request, action), read as that line is.
    _searched(
        "model.profile_timeout", "warn", "[llm-timeout]",
        r"\[llm-timeout\] (?P<provider>[^/\s]+)/(?P<model>\S+) hit (?P<timeout>idle watchdog|request timeout)"
        r"(?:; (?P<action>[^\n]{0,200}))?",
        values={"timeout": {"idle watchdog": "idle", "request timeout": "request"}},
    ),
    # The same file, when an auth profile's call timed out and the next profile is tried: "Profile <id> timed
    # out (possible rate limit). Trying next account..." (warn; the form every build since 2026.2 prints), in some
    # builds without the parenthesis, and pasted without the sentence after it ("Profile ollama:default timed out").
    # The newest builds name an attempt that ran out on its idle watchdog "Profile <id> idle timeout (model silent).
    # Trying next account..." (field timeout=idle), and, when no further profile was selected, end the same line
    # "... No further authorized account for this provider; create a backup auth profile and add its id to
    # auth.order to enable failover." (field nextAccount=none): the same warn, written once the attempt came back.
    _anchored(
        "model.profile_timeout", "warn", "Profile ",
        r"Profile (?P<profileId>\S+) (?:timed out(?: \((?P<reason>possible rate limit)\))?"
        r"|(?P<timeout>idle timeout) \(model silent\))"
        r"(?:\. (?:Trying next account|(?P<nextAccount>No further authorized account) for this provider)|\.?\s*$)",
        values={"timeout": {"idle timeout": "idle"}, "nextAccount": {"No further authorized account": "none"}},
    ),
    # The CLI backend's no-output watchdog (src/agents/cli-runner/execute.ts, agent/cli-backend, warn): "cli
    # watchdog timeout: provider=<p> model=<m> session=<cli session> noOutputTimeoutMs=<n> pid=<pid|unknown|node>",
    # and the error it fails the turn with: "CLI produced no output for <n>s and was terminated."
    _anchored("cli.watchdog_timeout", "warn", "cli watchdog timeout:", r"cli watchdog timeout:" + KV),
    _searched(
        "cli.watchdog_timeout", "warn", "CLI produced no output for ",
        r"CLI produced no output for (?P<noOutputSeconds>\d+)s and was terminated",
    ),
    # The same watchdog's notice queued as a system event into the session (its next prompt and transcript, where a
    # user copies it from), naming the backend: "CLI agent (<provider>) produced no output for <n>s and was terminated.
    # It may have been waiting for interactive input or an approval prompt. <hint>" (src/agents/cli-runner.ts since
    # 2026.3.3, #34020 / 4d183af0cf; src/agents/cli-runner/execute.ts from 2026.3.28; the hint sentence varies by
    # build). Read as the watchdog line, with the backend as provider.
    _searched(
        "cli.watchdog_timeout", "warn", "CLI agent (",
        r"CLI agent \((?P<provider>[^()\s]{1,80})\) produced no output for (?P<noOutputSeconds>\d+)s and was terminated",
    ),
    # The turn's overall budget ran out while the CLI child was still producing output (a FailoverError, also the
    # error= of "claude live session turn failed:"): "CLI exceeded timeout (<n>s) and was terminated." Unlike the
    # no-output watchdog above, the child was not silent: timeoutSeconds, not noOutputSeconds.
    _searched(
        "cli.watchdog_timeout", "warn", "CLI exceeded timeout (",
        r"CLI exceeded timeout \((?P<timeoutSeconds>\d+)s\) and was terminated",
    ),
    # The CLI backend's child exiting non-zero with nothing on stdout or stderr (src/agents/cli-runner, the error the
    # turn fails over with when the child printed nothing at all): "FailoverError: CLI failed." Alone it may be a child
    # that died at once; RC01 reads it beside a typing indicator that ran out its TTL (the correlator).
    _searched(
        "cli.exit_silent", "error", "CLI failed.",
        r"(?:(?P<errorClass>FailoverError): )?CLI failed\.\s*$",
    ),
    # Run-loop give-up (run.ts, agent/embedded, error): "[run-retry-limit] sessionKey= provider=<p>/<m> attempts=
    # maxAttempts=".
    _searched("embedded.retry_limit", "error", "[run-retry-limit]", r"\[run-retry-limit\]" + KV),
    # run/attempt.ts (agent/embedded, error): the run's event subscription could not be removed: "CRITICAL:
    # unsubscribe failed, possible resource leak: runId=<id> <error>". The newest builds (embedded-agent-runner/run/
    # attempt-execution-settle.ts, w55) run each release of the attempt in turn and name the one that threw:
    # "CRITICAL: unsubscribe|backend detach|active run cleanup failed, possible resource leak: runId=<id> <error>"
    # (field `step`); a failed "active run cleanup" leaves the run registered as active after it ended.
    _anchored(
        "embedded.unsubscribe_failed", "error",
        ("CRITICAL: unsubscribe failed", "CRITICAL: backend detach failed", "CRITICAL: active run cleanup failed"),
        r"CRITICAL: (?P<step>unsubscribe|backend detach|active run cleanup) failed, possible resource leak:?"
        r"(?: runId=(?P<runId>\S+))?\s*(?P<error>.*)",
    ),
    # run.ts (agent/embedded, warn): a turn that ended without a reply is surfaced as an error, not left hanging:
    # "incomplete turn detected: runId= sessionId= stopReason=<r> payloads=0 — surfacing error to user".
    _anchored(
        "embedded.incomplete_turn", "warn", "incomplete turn detected:",
        r"incomplete turn detected:\s*(?P<kv>[^—\n]*)(?:— (?P<action>[^\n]{0,200}))?",
    ),
    # OpenClaw's OpenAI WebSocket stream (src/agents/openai-ws-stream.ts, the embedded runner's logger, warn; t49f): in
    # transport "auto" a socket that would not connect, a send that threw, a session already broken and a warm-up that
    # failed (its own 8 s deadline included) are each passed by: "[ws-stream] WebSocket connect failed for
    # session=<id>; falling back to HTTP. error=<err>", "[ws-stream] send failed for session=<id>; falling back to HTTP.
    # error=<err>", "[ws-stream] session=<id> broken/disconnected; falling back to HTTP", "[ws-stream] warm-up failed for
    # session=<id>; continuing without warm-up. error=<err>". The call goes on over HTTP at once: no stall.
    _anchored(
        "model.ws_fallback", "warn", "[ws-stream] ",
        r"\[ws-stream\] (?P<stage>WebSocket connect|send|warm-up) failed for session=(?P<sessionId>[^\s;]{1,200}); "
        r"(?:falling back to HTTP|continuing without warm-up)\.(?: error=(?P<error>.*))?",
    ),
    _anchored(
        "model.ws_fallback", "warn", "[ws-stream] ",
        r"\[ws-stream\] session=(?P<sessionId>[^\s;]{1,200}) (?P<stage>broken)/disconnected; falling back to HTTP",
    ),
    # ... and the stream's own failure, "[ws-stream] session=<id> run error: <message>" (a socket closed mid-request, a
    # response.failed or error event, "aborted" on the run's abort, or in transport "websocket" the connect error): the
    # model call failed; the run's agent end repeats the error, and that is the line the rules read.
    _anchored(
        "model.ws_run_error", "warn", "[ws-stream] ",
        r"\[ws-stream\] session=(?P<sessionId>[^\s:]{1,200}) run error: (?P<error>.*)",
    ),
    # Tool-loop detection (src/agents/tool-loop-detection.ts and pi-tools.before-tool-call.ts, agent/embedded):
    # warnings ("Polling loop warning: <tool> repeated <n> times", "Ping-pong loop warning: alternating calls
    # count=<n> currentTool=<tool>", "Loop warning: <tool> called <n> times with identical arguments", "Loop warning
    # for <tool>: <message>") and blocks ("Critical polling loop detected: ...", "Critical ping-pong loop detected:
    # ...", "Global circuit breaker triggered: <tool> repeated <n> times with no progress", "Blocking <tool> due to
    # critical loop: <message>").
    _anchored(
        "tool.loop", "warn", ("Polling loop warning:", "Ping-pong loop warning:", "Loop warning"),
        r"(?P<detector>Polling loop warning|Ping-pong loop warning|Loop warning)(?: for (?P<tool>\S+?))?:\s*"
        r"(?:(?P<repeatedTool>\S+) (?:repeated|called) (?P<count>\d+) times|alternating calls(?P<kv>[^\n]*)"
        r"|(?P<detail>[^\n]*))",
    ),
    _anchored(
        "tool.loop", "error", ("Critical polling loop detected:", "Critical ping-pong loop detected:",
                               "Global circuit breaker triggered:", "Blocking "),
        r"(?:(?P<detector>Critical polling loop detected|Critical ping-pong loop detected"
        r"|Global circuit breaker triggered):\s*"
        r"(?:(?P<repeatedTool>\S+) repeated (?P<count>\d+) times|alternating calls(?P<kv>[^\n]*))"
        r"|Blocking (?P<tool>\S+) due to critical loop:\s*(?P<detail>[^\n]*))",
    ),
    # Config-reload restarts wait for active work (src/gateway/server-reload-handlers.ts, gateway/reload): "restart
    # timeout after <n>ms with <n> operation(s), <n> reply(ies), <n> embedded run(s), <n> task run(s) still active;
    # restarting anyway" (warn): the drain gave up. "restart deferral check failed (<err>); restarting gateway now"
    # (warn): the drain was skipped. "all operations and replies completed; restarting gateway now" (info).
    _anchored(
        "gateway.drain_timeout", "warn", "restart timeout after ",
        r"restart timeout after (?P<elapsedMs>\d+)ms with (?P<pending>"
        r"(?:(?P<operations>\d+) operation\(s\))?(?:,? ?(?P<pendingReplies>\d+) reply\(ies\))?"
        r"(?:,? ?(?P<embeddedRuns>\d+) embedded run\(s\))?(?:,? ?(?P<taskRuns>\d+) task run\(s\))?"
        r"|[^;\n]{0,300}?) still active",
    ),
    _anchored(
        "gateway.forced_restart", "warn", "restart deferral check failed",
        r"restart deferral check failed \((?P<error>[^\n]{0,500})\); restarting gateway now",
    ),
    _anchored(
        "gateway.drained", "info", "all operations and replies completed",
        r"all operations and replies completed; restarting gateway now",
    ),
    # The shutdown's WebSocket close (src/gateway/server-close.ts, warn): "websocket server close exceeded <n>ms;
    # forcing shutdown continuation with <n> tracked client(s)", then "websocket server close still pending after
    # <n>ms force window; continuing shutdown".
    _anchored(
        "gateway.shutdown_slow", "warn", "websocket server close ",
        r"websocket server close (?:exceeded (?P<graceMs>\d+)ms; forcing shutdown continuation"
        r"(?: with (?P<trackedClients>\d+) tracked client)?|still pending after (?P<forceMs>\d+)ms force window)",
    ),
    # The restart loop (src/cli/gateway-cli/run-loop.ts, gateway): "full process restart failed (<detail>); falling
    # back to in-process restart" (warn), "failed to reacquire gateway lock for in-process restart: <err>" (error)
    # and "gateway startup failed: <err>. Process will stay alive; fix the issue and restart." (error).
    _anchored(
        "gateway.restart_mode", "warn", "full process restart failed (",
        r"full process restart failed \((?P<detail>[^\n]{0,300})\); falling back to (?P<mode>in-process restart)",
    ),
    # The newest run-loop.ts's other hand-overs that fell back (warn; w55): a standalone update's respawn,
    # "update respawn failed (<detail>); falling back to in-process restart" and "update respawn child did not become
    # healthy (<pid>); ..."; a supervised restart's, "launchd restart handoff failed to spawn; ..." and "external
    # supervisor restart handoff could not be persisted; ...". Each is the old process restarting in place, as above.
    _anchored(
        "gateway.restart_mode", "warn",
        ("update respawn failed (", "update respawn child did not become healthy", "launchd restart handoff failed",
         "external supervisor restart handoff could not be persisted"),
        r"(?P<handoff>update respawn failed|update respawn child did not become healthy|launchd restart handoff failed"
        r" to spawn|external supervisor restart handoff could not be persisted)(?: \((?P<detail>[^\n]{0,300})\))?;"
        r" falling back to (?P<mode>in-process restart)",
    ),
    _anchored(
        "gateway.restart_failed", "error", "failed to reacquire gateway lock for in-process restart",
        r"failed to reacquire gateway lock for in-process restart:?\s*(?P<error>.*)",
    ),
    _anchored("gateway.start_failed", "error", "gateway startup failed:", r"gateway startup failed:\s*(?P<error>.*)"),
    # Cron (src/cron/service/, subsystem cron; the fields are in the meta object): a run a dead process left marked
    # running, "cron: clearing stale running marker on startup" (warn, jobId= runningAtMs=), and a manual run queued
    # behind others, "cron: queued manual run waiting for an execution slot" (warn, jobId= runId= waitMs= queuedAhead=).
    # The console drops a message's repeat of its tag ("[cron] clearing stale running marker on startup"), and so
    # does a paste's "cron: " read as the subsystem: the label is optional. The timer's tick clears a marker more than
    # 2 h old that no run of this process owns the same way, "cron: clearing stuck running marker" (warn, jobId=
    # runningAtMs=; src/cron/service/jobs.ts, still in the newest builds): its run's process is gone or the marker
    # leaked, no live run holds it (field marker=stale|stuck).
    _anchored(
        "cron.stale_running_cleared", "warn",
        ("cron: clearing stale running marker", "clearing stale running marker", "cron: clearing stuck running marker",
         "clearing stuck running marker"),
        r"(?:cron: )?clearing (?P<marker>stale|stuck) running marker(?: on startup)?" + KV,
    ),
    _anchored(
        "cron.run_waiting", "warn", ("cron: queued manual run waiting", "queued manual run waiting"),
        r"(?:cron: )?queued manual run waiting for an execution slot" + KV,
    ),
    # Subagent orphan recovery after a restart (src/agents/subagent-orphan-recovery.ts, subsystem
    # subagent-orphan-recovery, warn): "failed to resume orphaned session <key>: <err>" and "resume failed for <key>;
    # abortedLastRun flag preserved for retry on next restart".
    _anchored(
        "restart.recovery", "warn", "failed to resume orphaned session ",
        r"failed to resume orphaned session (?P<sessionKey>\S+?): (?P<error>.*)",
    ),
    _anchored(
        "restart.recovery", "warn", "resume failed for ",
        r"resume failed for (?P<sessionKey>\S+?); (?P<detail>abortedLastRun flag preserved[^\n]{0,200})",
    ),
    # The same recovery's other lines (newer builds log under subsystem subagent-interrupted-resume, same file): a child
    # its recovery gate refused ("skipping orphan recovery for <key>: <reason>", warn, the child finalized as failed),
    # one that threw ("error processing orphaned session <key>: <err>", warn), the scan or its schedule failing
    # ("orphan recovery scan failed: <err>", "scheduled orphan recovery failed: <err>; retrying in <n>ms (attempt
    # <a>/<b>)", "scheduled orphan recovery failed after <n> retries: <err>", warn), a stale child it could not
    # finalize ("finalize stale run <runId>: <err>", warn); and its info lines, which show a child run the restart cut
    # ("found orphaned subagent session: <key> (run=<runId>)", "resumed orphaned session: <key>", "orphan recovery
    # complete: recovered=<n> failed=<n> skipped=<n>", "orphan recovery had <n> failure(s); retrying in <n>ms (attempt
    # <a>/<b>)"), as the main-session recovery's lines do.
    # The newest recovery (subsystem subagent-interrupted-resume; w56 audit) also skips, at info, a child whose resume
    # another scan has in flight or that was resumed already: "skipping orphan recovery for <key>: resume already in
    # progress" (counted deferred, and retried) and "... : already resumed"; neither is a failure. A resume the gateway
    # accepted late is adopted, "adopted late-accepted resume of <key>: run=<runId>" (info, counted recovered).
    _anchored(
        "restart.recovery", "info", "skipping orphan recovery for ",
        r"skipping orphan recovery for (?P<sessionKey>\S+?): (?P<reason>resume already in progress|already resumed)\s*$",
    ),
    _anchored(
        "restart.recovery", "warn", "skipping orphan recovery for ",
        r"skipping orphan recovery for (?P<sessionKey>\S+?): (?P<reason>.*)",
    ),
    _anchored(
        "restart.recovery", "info", "adopted late-accepted resume of ",
        r"adopted late-accepted resume of (?P<sessionKey>\S+?): run=(?P<runId>\S+)",
    ),
    _anchored(
        "restart.recovery", "warn", "error processing orphaned session ",
        r"error processing orphaned session (?P<sessionKey>\S+?): (?P<error>.*)",
    ),
    _anchored(
        "restart.recovery", "warn", ("orphan recovery scan failed", "scheduled orphan recovery failed"),
        r"(?P<stage>orphan recovery scan failed|scheduled orphan recovery failed)"
        r"(?: after (?P<retries>\d+) retries)?:\s*(?P<error>.*?)"
        r"(?:; retrying in (?P<retryMs>\d+)ms \(attempt (?P<attempt>\d+)/(?P<maxAttempts>\d+)\))?$",
    ),
    _anchored(
        "restart.recovery", "warn", "finalize stale run ",
        r"finalize stale run (?P<runId>\S+?): (?P<error>.*)",
    ),
    _anchored(
        "restart.recovery", "info", "found orphaned subagent session:",
        r"found orphaned subagent session: (?P<sessionKey>\S+)(?: \(run=(?P<runId>[^()\s]{1,200})\))?",
    ),
    _anchored(
        "restart.recovery", "info", "resumed orphaned session",
        r"resumed orphaned session:? (?P<sessionKey>[^\s:]\S*?)(?:$|\s+(?P<detail>but remap failed[^\n]{0,200}))",
    ),
    _anchored(
        "restart.recovery", "info", ("orphan recovery complete:", "orphan recovery had "),
        r"orphan recovery (?:complete:|had (?P<failed>\d+) failure\(s\)(?: and (?P<deferred>\d+) deferred)?;"
        r" retrying in (?P<retryMs>\d+)ms"
        r" \(attempt (?P<attempt>\d+)/(?P<maxAttempts>\d+)\))" + KV,
    ),
    # Channel transports. src/channels/transport/stall-watchdog.ts (error, the channel's runtime): "[<label>]
    # transport watchdog timeout: idle <n>s (limit <n>s)"; the WhatsApp Web monitor (extensions/whatsapp/src/
    # auto-reply/monitor.ts): "No messages received in <n>m - restarting connection" (warn): a silent channel
    # restarted, as the Telegram polling stall is.
    _searched(
        "channel.polling_stall", "error", "transport watchdog timeout: idle ",
        r"(?:\[(?P<channel>[^\[\]\s]{1,200})\]\s*)?transport watchdog timeout: idle (?P<stalledFor>\d+s)"
        r"(?: \(limit (?P<limit>\d+s)\))?",
    ),
    # Telegram's polling watchdog in 2026.3 builds, as pasted (#48029; the wording is not in the stored source):
    # "No getUpdates response for <n> seconds. Restarting polling...": the same stall as "Polling stall detected".
    _anchored(
        "channel.polling_stall", "warn", "No getUpdates response for ",
        r"No (?P<state>getUpdates) response for (?P<stalledFor>\d+) seconds?\.?(?P<detail>[^\n]{0,200})",
        values={"state": {"getUpdates": "no getUpdates"}},
    ),
    # Its first builds (src/web/auto-reply.ts, 2025-11 to 2025-12, console.error) put a warning sign first:
    # "⚠️  No messages received in <n>m - restarting connection" (t50n).
    _anchored(
        "channel.polling_stall", "warn", ("No messages received in ", "\u26a0\ufe0f  No messages received in ",
                                          "\u26a0\ufe0f No messages received in "),
        r"(?:\u26a0\ufe0f {1,2})?No messages received in (?P<stalledFor>\d+m) - restarting connection",
    ),
    # Reconnects with back-off, as "auto-restart attempt" is for the channel manager: Slack socket mode
    # (extensions/slack/src/monitor/provider.ts, error): "slack socket disconnected (<event>). retry <n>/<max|∞> in
    # <s>s[ (<err>)]", "slack socket mode failed to start. retry <n>/<max|∞> in <s>s (<err>)"; WhatsApp Web (error):
    # "WhatsApp Web connection closed (status <code>). Retry <n>/<max|∞> in <duration>… (<err>)". The give-ups:
    # "slack socket mode failed to start|disconnected due to non-recoverable auth error — skipping channel (<err>)"
    # and "WhatsApp Web reconnect: max attempts reached (<n>/<max>). Stopping web monitoring."
    _anchored(
        "channel.restart_gave_up", "error", "slack socket mode ",
        r"slack socket mode (?:failed to start|disconnected) due to non-recoverable auth error"
        r"(?: — skipping channel)?(?: \((?P<error>[^\n]{0,500})\))?",
    ),
    # Under its [slack] or [whatsapp] tag the console drops the channel's name from the message ("[whatsapp] Web
    # connection closed (status 499). Retry 1/12...", #65215), so the name is optional. Later Slack builds say
    # "slack socket disconnected (<event>); reconnecting in <s>s (attempt <n>/∞)[ (<err>)]".
    _anchored(
        "channel.auto_restart", "error",
        ("slack socket disconnected (", "slack socket mode failed to start. retry ", "socket disconnected (",
         "socket mode failed to start. retry "),
        r"(?:slack )?socket (?:disconnected \((?P<event>[^()]{0,100})\)|mode failed to start)\. retry (?P<attempt>\d+)/"
        r"(?P<maxAttempts>\d+|∞) in (?P<restartDelay>\d+(?:\.\d+)?(?:ms|s|m))(?: \((?P<error>[^\n]{0,500})\))?",
    ),
    _anchored(
        "channel.auto_restart", "error", ("slack socket disconnected (", "socket disconnected ("),
        r"(?:slack )?socket disconnected \((?P<event>[^()]{0,100})\); reconnecting in "
        r"(?P<restartDelay>\d+(?:\.\d+)?(?:ms|s|m)) \(attempt (?P<attempt>\d+)/(?P<maxAttempts>\d+|∞)\)"
        r"(?: \((?P<error>[^\n]{0,500})\))?",
    ),
    _anchored(
        "channel.auto_restart", "error", ("WhatsApp Web connection closed (status ", "Web connection closed (status "),
        r"(?:WhatsApp )?Web connection closed \(status (?P<status>\d+)\)\. Retry (?P<attempt>\d+)/"
        r"(?P<maxAttempts>\d+|∞)(?: in (?P<restartDelay>[\d.]{1,12}(?:ms|s|m|h)))?(?:…|\.{3})?"
        r"(?: \((?P<error>[^\n]{0,500})\))?",
    ),
    # The WhatsApp Web monitor's (re)start (info): "Listening for personal WhatsApp inbound messages.", its ingress
    # back, as "polling ingress started" is for Telegram.
    _anchored(
        "channel.polling_started", "info", "Listening for personal WhatsApp inbound messages",
        r"Listening for personal WhatsApp inbound messages",
    ),
    _anchored(
        "channel.restart_gave_up", "error", ("WhatsApp Web reconnect: max attempts reached",
                                             "Web reconnect: max attempts reached"),
        r"(?:WhatsApp )?Web reconnect: max attempts reached \((?P<attempt>\d+)/(?P<maxAttempts>\d+)\)",
    ),
    # A channel plugin's own start of an account failing ("[dingtalk-connector][__default__] startAccount error: Package
    # subpath './plugin-sdk/channel-runtime' is not defined by \"exports\" ..."): the account's channel did not start.
    _searched(
        "channel.exited", "error", "startAccount error:",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?startAccount error:\s*(?P<error>.*)",
    ),
    # The plugin registry refusing a second plugin's claim on a channel id another enabled plugin owns, "channel
    # already registered: <channel-id> (<plugin-id>)" (error; also "channel setup already registered: ..."; OpenClaw's
    # troubleshooting page names it: most often an external channel plugin installed beside a bundled one that now
    # provides the same channel id): the refused plugin's channel never starts, and the one the user configured may be
    # the refused one.
    _searched(
        "channel.exited", "error", "already registered: ",
        r"(?P<error>channel (?:setup )?already registered: (?P<channel>[\w.-]{1,60}) \((?P<plugin>[\w@./-]{1,100})\))",
    ),
    # A plugin's background service (src/plugins/services.ts, plugins): its start throwing, "plugin service failed
    # (<service id>[, plugin=<plugin id>, root=<dir>]): <err>" (error; the service does not run, the gateway goes on; a
    # port it could not listen on is that service's, not the gateway's or a channel's, so it is read before the
    # searched EADDRINUSE), and its stop throwing at shutdown or restart, "plugin service stop failed (<service id>):
    # <err>" (warn).
    _anchored(
        "plugin.service_failed", "error", "plugin service failed (",
        r"plugin service failed \((?P<service>[^\s,()]{1,200})(?:, plugin=(?P<plugin>[^\s,()]{1,200})"
        r"(?:, root=[^()\n]{0,1000}?)?)?\):\s*(?P<error>.*)",
    ),
    _anchored(
        "plugin.service_stop_failed", "warn", "plugin service stop failed (",
        r"plugin service stop failed \((?P<service>[^\s,()]{1,200})\):\s*(?P<error>.*)",
    ),
    # The plugin loader giving up on a plugin ("<id> failed to load from <path>: <error>", e.g. a plugin built against
    # another plugin-SDK: "Error [ERR_PACKAGE_PATH_NOT_EXPORTED]: Package subpath ... is not defined by \"exports\""):
    # nothing of that plugin runs. A channel plugin's (its id names a channel) is that channel never starting.
    _searched(
        "plugin.load_failed", "error", " failed to load from ",
        r"(?P<plugin>[\w@./-]{1,100}) failed to load from (?P<path>\S{1,1000}?):(?![\\/])\s*(?P<error>.*)",
    ),
    # ... the same failure as the loader records it among its diagnostics, "failed to load plugin: <error>" (the
    # diagnostic's message, src/plugins/loader.ts: stored ids 53267007083, 12316538275), printed two ways: by `openclaw
    # doctor`'s "Plugin diagnostics" note as "- ERROR <id>: failed to load plugin: <error> (<source>)"
    # (src/commands/doctor-workspace-status.ts, stored id 53841051531; the note box wraps it at the terminal's width,
    # f6122), and by the older gateway's start (src/gateway/server-plugins.ts, loadGatewayPlugins, log.error) as
    # "[plugins] failed to load plugin: <error>[ (plugin=<id>, source=<path>)]", its id after the error or not at all:
    # then only Node's "Require stack:" under a "Cannot find module" error names the plugin's folder (f6121, its first
    # entry, the module that asked for the missing one). A channel plugin's (its id or folder names a channel) is that
    # channel never starting, as above; any other plugin's stays a load failure no rule reads.
    _searched(
        "plugin.load_failed", "error", ": failed to load plugin: ",
        r"\bERROR (?P<plugin>[\w@./-]{1,100}): failed to load plugin: (?P<error>[^\n]*?)"
        r"(?: \((?P<path>[^\s()]{1,1000})\))?`?\s*$",
    ),
    # (The stack's entries, each a path, any number of them: the plugin is the first under an extensions/ folder, an
    # entry before it being the core's module the plugin imported ("- /usr/lib/node_modules/openclaw/dist/..."), else
    # the first entry. An entry opens with a path's first character, so "- " before one is never an entry of its own.)
    _searched(
        "plugin.load_failed", "error", "failed to load plugin: ",
        r"(?:\[plugins\] )?failed to load plugin: (?P<error>[^\n]*?)(?:\s+Require stack:"
        r"(?:\s+(?:- )?(?![^\s()]*[/\\]extensions[/\\])(?=[^()]*?[/\\]extensions[/\\])" + STACK_ENTRY + ")*"
        r"\s+(?:- )?(?P<path>" + STACK_ENTRY + r")(?:\s+(?:- )?" + STACK_ENTRY + ")*)?"
        r"(?: \(plugin=(?P<plugin>[\w@./-]{1,100})(?:, source=[^()\n]{0,1000})?\))?\s*$",
    ),
    # ... and its register step throwing ("[plugins] <id> failed during register from <source>: <error>", logger.error
    # through recordPluginError, phase "register", src/plugins/loader.ts; stored ids 43052594489, 62845932010): the
    # plugin is recorded as errored and nothing of it runs, as when it fails to load (f6103, a QQ Bot plugin's
    # "Error: PlatformAdapter not registered."). A Windows source path's drive colon is no end of the path. Not the
    # error a CLI command's metadata pass gets when a plugin reaches for the runtime in register() (`Plugin "<id>"
    # runtime is intentionally unavailable during "cli-metadata" registration`): that pass runs in the CLI's own
    # process, and the plugin still loads in the gateway (f1290).
    _searched(
        "plugin.load_failed", "error", " failed during register from ",
        r"(?P<plugin>[\w@./-]{1,100}) failed during register from (?P<path>\S{1,1000}?):(?![\\/])\s*"
        r"(?P<error>(?![^\n]{0,200}runtime is intentionally unavailable during \")[^\n]*)",
    ),
    # ... the loader's summary of the plugins that failed, thrown when a start must not go on without them
    # (src/plugins/loader: PluginLoadFailureError, "plugin load failed: <id>: <error>[; <id>: <error>...]", most often
    # after "[openclaw] Failed to start CLI: "): the first plugin it names, whose error may sit on the next line.
    _searched(
        "plugin.load_failed", "error", "plugin load failed: ",
        r"(?:PluginLoadFailureError: )?plugin load failed: (?P<plugin>[\w@./-]{1,100}):(?:\s+(?P<error>[^;\n]*))?",
    ),
    # ... and Node's own error for a package a plugin's module imports and the install lacks, "Cannot find package
    # '<pkg>' imported from <path>" (ERR_MODULE_NOT_FOUND), when the importing module lies under extensions/<id>/: that
    # plugin cannot load (a plugin built against an OpenClaw it no longer finds, f1348's "Cannot find package 'openclaw'").
    _searched(
        "plugin.load_failed", "error", "imported from ",
        r"(?P<error>(?:Error(?: \[ERR_MODULE_NOT_FOUND\])?: )?Cannot find package '[^'\n]{1,200}' imported from)\s+"
        r"(?P<path>\S{0,400}\bextensions/(?P<plugin>[\w@.-]{1,100})/\S{1,300})",
    ),
    # ... and the same line with its head cut off in a paste, from the plugin's path on (".openclaw/extensions/feishu/
    # index.ts: Error: Cannot find module '@sinclair/typebox'", "openclaw/extensions/dingtalk/index.ts: TypeError:
    # pluginSdk.buildChannelConfigSchema is not a function"): the path names the plugin's folder under extensions/, or
    # a channel plugin's package ("node_modules/openclaw-channel-<name>/"), and a module's path then ": " and a
    # JavaScript error is the loader's "<path>: <error>" (a stack frame's path goes on to ":<line>:<col>").
    _searched(
        "plugin.load_failed", "error", "extensions/",
        r"(?P<path>[^\s:]{0,400}\bextensions/(?P<plugin>[\w@.-]{1,100})/[^\s:]{1,300}):\s*(?P<error>" + _LOAD_ERROR + ")",
    ),
    _searched(
        "plugin.load_failed", "error", "-channel-",
        r"(?P<path>[^\s:]{0,400}\bnode_modules/(?:@[\w.-]{1,100}/)?"
        r"(?P<plugin>" + PRODUCT_NAME + r"-channel-[\w.-]{1,100})/[^\s:]{1,300}):\s*(?P<error>" + _LOAD_ERROR + ")",
    ),
    # (t53c source audit) The loader's staging of a bundled plugin's runtime dependencies (src/plugins/loader.ts, plugins,
    # error): "[plugins] <id> failed to stage bundled runtime deps after <n>ms: <spec>, <spec>" and the load error it
    # records, "failed to install bundled runtime deps: <err>" (an npm install that failed or ran out of time, ENOSPC,
    # EACCES, EXDEV, ENOTEMPTY); the plugin is skipped, as any plugin the loader could not load. The error also ends the
    # loader's "plugin load failed: <id>: failed to install ..." summary, read above by its own family first.
    _searched(
        "plugin.load_failed", "error", " failed to stage bundled runtime deps after ",
        r"(?:\[plugins\] )?(?P<plugin>[\w@./-]{1,100}) failed to stage bundled runtime deps after (?P<elapsedMs>\d+)ms"
        r"(?::\s*(?P<deps>.*))?",
    ),
    _searched(
        "plugin.load_failed", "error", "failed to install bundled runtime deps",
        r"(?:\[plugins\] )?(?P<error>failed to install bundled runtime deps(?: after (?P<elapsedMs>\d+)ms)?(?::\s*.*)?)",
    ),
    # (h55) The gateway's staging of every bundled plugin's runtime deps before it starts its plugins
    # (src/gateway/server-plugin-bootstrap.ts, warn): "[plugins] failed to stage bundled runtime deps before gateway
    # startup after <n>ms; gateway startup will continue with per-plugin runtime-deps installs: <err>". Startup goes on
    # and each plugin installs its own deps as it loads: that plugin's own "<id> failed to stage bundled runtime deps
    # after <n>ms" (above) is the failure that keeps a plugin out, its "<id> installed bundled runtime deps in <n>ms"
    # the load going on. Read before the loader's families, which it is not: no stall.
    _searched(
        "plugin.deps_prestage_failed", "warn", "failed to stage bundled runtime deps before gateway startup after ",
        r"(?:\[plugins\] )?failed to stage bundled runtime deps before gateway startup after (?P<elapsedMs>\d{1,9})ms;"
        r" gateway startup will continue with per-plugin runtime-deps installs(?::\s*(?P<error>[^\n]{0,1000}))?",
    ),
    # (t53c) A bundled channel's module the gateway could not load (src/channels/plugins/bundled.ts, channels, warn):
    # "[channels] failed to load bundled channel <id>[ from <path>]: <err>" (a dependency missing from a broken install,
    # "Cannot find module '.../typebox/build/index.mjs'"): that channel's plugin is not loaded, as the loader's own
    # failure above, and the channel never starts.
    _searched(
        "plugin.load_failed", "warn", "failed to load bundled channel ",
        r"(?:\[channels\] )?failed to load bundled channel (?P<plugin>[\w@.-]{1,100})(?: from (?P<path>\S{1,1000}?))?:"
        r"\s*(?P<error>.*)",
    ),
    # The WeChat channel plugin (Tencent/openclaw-weixin, its monitor's start) waiting for the host's plugin runtime
    # and giving up, "waitForWeixinRuntime() failed: <err>" (error, e.g. "Error: Weixin runtime initialization timeout
    # after 10000ms"), then rethrowing: the account's monitor never starts.
    _searched(
        "channel.exited", "error", "waitForWeixinRuntime() failed",
        r"waitFor(?P<channel>Weixin)Runtime\(\) failed:?\s*(?P<error>.*)",
        values={"channel": {"Weixin": "weixin"}},
    ),
    # The WeChat plugin's long poll refused for a stale session (errcode -14: the bot was bound again elsewhere) pauses
    # the account's every request for an hour: "weixin getUpdates: session expired (errcode -14), pausing bot for 60
    # min", in later builds "getUpdates: session expired (errcode=-14 ret=undefined), pausing all requests for 60 min"
    # and "token is stale, pausing all requests for <n> min" (src/monitor, log.error). The account takes in nothing
    # while the gateway runs. The wording is the plugin's alone, whatever tag (or none) a paste gives it.
    _searched(
        "channel.transport_error", "error", "session expired (errcode",
        r"(?P<channel>)(?:weixin )?getUpdates: session expired \(errcode[ =]-14\b[^()\n]{0,80}\), "
        r"pausing (?:bot|all requests) for (?P<pauseMin>\d+) min",
        values={"channel": {"": "weixin"}},
    ),
    _searched(
        "channel.transport_error", "error", "token is stale, pausing all requests",
        r"(?P<channel>)token is stale, pausing all requests for (?P<pauseMin>\d+) min",
        values={"channel": {"": "weixin"}},
    ),
    # The WeCom channel plugin (WecomTeam/wecom-openclaw-plugin, src/monitor.ts, runtime.error) stopping an account's
    # WebSocket for good and keeping its task pending so the gateway does not restart it: when the server kicks it for a
    # newer connection elsewhere, "[<account>] Kicked by server: a new connection was established elsewhere. Auto-restart
    # is suppressed to avoid mutual kicking. Please check for duplicate instances.", and when the SDK's authentication
    # retries ran out, "[<account>] Auth failure attempts exhausted (<n> attempts). Please check botId/secret
    # configuration.". The account takes in nothing until the config is reloaded or the gateway restarted; the wording
    # is the plugin's alone, whatever tag (or none) a paste gives it.
    _searched(
        "channel.terminal_disconnect", "error", "Auto-restart is suppressed to avoid mutual kicking",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\] )?(?P<channel>)(?P<detail>Kicked by server: a new connection was "
        r"established elsewhere)\. Auto-restart is suppressed to avoid mutual kicking",
        values={"channel": {"": "wecom"}},
    ),
    _searched(
        "channel.terminal_disconnect", "error", "Please check botId/secret configuration",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\] )?(?P<channel>)(?P<detail>Auth failure attempts exhausted) "
        r"\((?P<attempts>\d+) attempts\)\. Please check botId/secret configuration",
        values={"channel": {"": "wecom"}},
    ),
    # A channel that did not start (src/gateway/server-channels.ts, error): "[<channel>] channel startup failed:
    # <err>"; the startup path logs "channel startup failed: <err>" without the tag.
    _searched(
        "channel.exited", "error", "channel startup failed:",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?channel startup failed:\s*(?P<error>.*)",
    ),
    # The process's unhandled-rejection handler (src/infra/unhandled-rejections.ts, console.error): "[openclaw]
    # Unhandled promise rejection: <err>", then process.exit(1). Builds before its transient-network guard (which
    # now logs "Non-fatal unhandled rejection (continuing)" instead) ended the gateway on a network failure too: a
    # turn's own failures are caught by its run, so one that escapes comes from a background loop (a channel's
    # polling or socket client, the usual source in the threads: #2876, #6676, #22865), and every channel stops with
    # the process. Only a network failure is read here (an AbortError is a restart's or a stop's doing), a client's
    # "Failed to connect ..." and a server's 5xx answer to a connect among them ("[DingTalk][__default__] Failed to
    # connect to DingTalk Stream: Request failed with status code 502", f1174).
    # (p54) The same handler's line when the error is undici's bare "TypeError: fetch failed" and nothing after it
    # names whose fetch it was: in the builds that write it (clawdbot 2026.1.x, openclaw before its transient-network
    # guard caught every "fetch failed") the process exits right after it (src/infra/unhandled-rejections.ts;
    # #14345, #3816), but the Telegram poll, its setMyCommands and getFile, the media download, model-provider
    # requests and plugins all used fetch without their own catch (#13428, #4356, #14281, #55537), and the undici
    # frames under it name none of them. So the gateway died and no channel is shown: gateway.crashed, a fault no
    # rule judges, unless a channel's own network failure beside it or a channel frame under it ties it
    # (rc18_channel_ingress_stall.bare_fetch_crash; field policy "bare undici fetch failure as an unhandled rejection").
    _anchored(
        "gateway.crashed", "error", "Unhandled promise rejection: ",
        r"Unhandled promise rejection: (?P<error>TypeError: fetch failed)[ \t]*(?:\n\s*at [^\n]{0,300})*\s*",
    ),
    _anchored(
        "channel.exited", "error", "Unhandled promise rejection: ",
        r"Unhandled promise rejection: (?P<error>(?:TypeError: fetch failed|[^\n]{0,300}?\b(?:getaddrinfo|ECONNRESET"
        r"|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|socket hang up|UND_ERR_[A-Z_]{1,40}"
        r"|[Ff]ailed to connect|status code 5\d\d)\b)"
        r"[^\n]{0,300})",
    ),
    # The same handler ending the process on the agent core's own consistency check (pi-agent-core's Agent, its event
    # dispatch): "Unhandled promise rejection: Error: Agent listener invoked outside active run", an event (an exec
    # tool's late output update, the stack's emitUpdate/handleStdout frames) arriving after its run was torn down
    # (#65285; later builds stop a run's exec updates once it settled). Not a network failure and no stall: the
    # gateway died (process.exit(1)) and a supervisor restarts it, every run in flight lost (f2351, f2375: crash
    # loops, no session left processing). A fault no rule judges (UNJUDGED_FAULT_KINDS).
    _anchored(
        "gateway.crashed", "error", "Unhandled promise rejection: ",
        r"Unhandled promise rejection: (?:Error: )?(?P<error>Agent listener invoked outside active run)\b[^\n]{0,300}",
    ),
    # (t53b) The same handlers ending the process on an error of the Bonjour advertiser's mDNS library (@homebridge/ciao)
    # that the bonjour plugin did not catch: "[openclaw] Unhandled promise rejection: CIAO ANNOUNCEMENT CANCELLED" (or
    # PROBING), thrown when the advertiser was recreated mid-announce (2026.4.24's crash loop every 16 to 30 s: #71771,
    # #71821, #72334, #72561, fixed in extensions/bonjour/src/ciao.ts), and src/index.ts's "[openclaw] Uncaught
    # exception: <err>" for ciao's assertions: an interface's IPv4 address coming or going ("AssertionError
    # [ERR_ASSERTION]: Reached illegal state! IPV4 address change from defined to undefined!", PR #27359), an
    # interface with no address ciao accepts ("Could not find valid addresses for interface '<name>'", #76499), a host
    # label over 63 bytes ("Label cannot be longer than 63 bytes (<name>)"). The gateway died (process.exit(1)) and its
    # supervisor restarts it, often into the same crash: gateway.crashed, as for the agent core's check above, a fault
    # no rule judges (the threads name no session wedged, and no run is read as cut by it).
    _anchored(
        "gateway.crashed", "error", ("Unhandled promise rejection: ", "Uncaught exception: "),
        r"(?:Unhandled promise rejection|Uncaught exception): (?:(?:Assertion)?Error(?: \[ERR_ASSERTION\])?: )?"
        r"(?P<error>(?P<ciaoError>CIAO (?:ANNOUNCEMENT|PROBING) CANCELLED|Reached illegal state!? IPV4 address changed?"
        r" from|IP address version must match|Can't probe for a service which is announced already|Could not find valid"
        r" addresses for interface|Label cannot be longer than 63 bytes)\b[^\n]{0,300})",
    ),
    # The same handler on builds with the transient-network guard, "[openclaw] Non-fatal unhandled rejection
    # (continuing): <err>" (warn): the process goes on. When the error names the channel client it escaped from
    # ("Error: [DingTalk][__default__] Failed to connect to DingTalk Stream: connect ETIMEDOUT ...") and a connection
    # failing, that channel's connect failed; a bare "TypeError: fetch failed" names none and stays unread. A write-up
    # that quotes it without "(continuing)" is read the same, as gateway.nonfatal_error below reads its own (h57).
    _anchored(
        "channel.transport_error", "warn", "Non-fatal unhandled rejection",
        r"Non-fatal unhandled rejection(?: \(continuing\))?: (?:\w{0,40}Error: )?\[(?P<channel>[A-Za-z][\w-]{1,30})\]"
        r"\[(?P<account>[^\[\]\s]{1,100})\] (?P<error>[^\n]{0,300}?\b(?:[Ff]ailed to connect|ETIMEDOUT|ECONNRESET"
        r"|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|socket hang up|fetch failed)\b[^\n]{0,300})",
    ),
    # (p55) Every other line of the same handler's continuing branch, "[openclaw] Non-fatal unhandled rejection
    # (continuing): <err>" (console.warn, src/infra/unhandled-rejections.ts: a transient network, SQLite or file-watch
    # error, undici's bare "TypeError: fetch failed" among them), and its twin in the uncaughtException handler of
    # src/index.ts and src/cli/run-main.ts, "[openclaw] Non-fatal uncaught exception (continuing): <err>" (console.warn,
    # once the handler checks isBenignUncaughtExceptionError: EPIPE, EIO and network codes such as ECONNREFUSED,
    # ENOTFOUND, ETIMEDOUT). The guard chose not to exit and says so: the process goes on, no session is held and the
    # error names no channel (a named one is channel.transport_error above), so neither a stall nor an unexplained
    # fault (NOT_A_STALL_KINDS); the exiting branch's own words, "Unhandled promise rejection:" and "Uncaught
    # exception:", stay gateway.crashed or channel.exited. Field policy "core-only crash on the exit path". A write-up
    # that quotes it without "(continuing)" (f2063) is read the same: no OpenClaw line begins "Non-fatal" otherwise.
    _anchored(
        "gateway.nonfatal_error", "warn",
        ("Non-fatal unhandled rejection", "Non-fatal uncaught exception"),
        r"Non-fatal (?P<what>unhandled rejection|uncaught exception)(?: \(continuing\))?:[ \t]*(?P<error>[^\n]{0,300})",
    ),
    # The Discord listener's timeout (extensions/discord/src/monitor/listeners.ts): "discord handler timed out after
    # <n> seconds[ (<context k=v>)]" (error), "discord handler canceled after timeout[ (...)]" (warn), "discord
    # handler failed after timeout: <err>[ (...)]" (error): the inbound turn outlived the listener.
    _anchored(
        "channel.handler_timeout", "error", "discord handler ",
        r"discord handler (?:timed out after (?P<timeoutSeconds>\d+(?:\.\d+)?) seconds?"
        r"|(?P<stage>canceled|failed) after timeout)(?P<detail>.*)",
    ),
    # Since the listener hands MESSAGE_CREATE to a queued worker (extensions/discord/src/monitor/inbound-worker.ts,
    # runtime.error), the worker owns the turn's budget (runTimeoutMs, 30 min by default) and aborts the reply run when
    # it runs out: "discord inbound worker timed out after <n> seconds[ (channelId=<id>, messageId=<id>)]", then "discord
    # inbound worker failed after timeout: <err> (...)" or, when no reply had started, a timeout reply to the user whose
    # own failure reads "discord inbound worker timeout reply skipped: missing reply target (...)" / "... timeout reply
    # failed: <err> (...)". A turn that ran too long, not a transport failure.
    _anchored(
        "channel.handler_timeout", "error", "discord inbound worker t",
        r"(?P<channel>discord) (?P<handler>inbound worker) (?:timed out after (?P<timeoutSeconds>\d+(?:\.\d+)?) seconds?"
        r"|(?P<stage>timeout reply skipped|timeout reply failed)(?::\s*(?P<error>[^()\n]*?))?)"
        r"(?: \((?P<kv>[^()\n]*)\))?\s*$",
    ),
    _anchored(
        "channel.handler_timeout", "error", "discord inbound worker failed after timeout",
        r"(?P<channel>discord) (?P<handler>inbound worker) (?P<stage>failed after timeout):\s*(?P<error>.*?)"
        r"(?: \((?P<kv>(?:channelId|messageId)=[^()\n]*)\))?\s*$",
    ),
    # The worker's queue itself failed (no timeout): "discord inbound worker failed: <err>".
    _anchored(
        "channel.inbound_failed", "error", "discord inbound worker failed:",
        r"(?P<channel>discord) inbound worker failed:\s*(?P<error>.*)",
    ),
    # Carbon's event queue (the Discord client library) timing a listener out, as builds before the queued worker
    # logged it: "[EventQueue] Listener DiscordMessageListener timed out after 30000ms for event MESSAGE_CREATE"
    # (#26217, #27851). The turn went on; the listener's budget ran out under a long reply. A channel's intake line,
    # read with the slow-listener warnings (RC18), not a session's turn.
    _anchored(
        "channel.listener_timeout", "error", ("[EventQueue] Listener ", "Listener "),
        r"(?:\[EventQueue\] )?Listener (?P<listener>[A-Za-z_]\w{0,80}) timed out after (?P<timeoutMs>\d+)ms"
        r"(?: for event (?P<event>[A-Z_]{1,60}))?",
    ),
    # src/channels/typing.ts (warn): "[typing] TTL exceeded (<n>ms), auto-stopping typing indicator": a long
    # turn, not a fault; kept apart so it is not read as a stall.
    _searched(
        "channel.typing_ttl", "warn", "TTL exceeded (",
        r"(?:\[typing\] )?TTL exceeded \((?P<maxDurationMs>\d+)ms\), auto-stopping typing indicator",
    ),
    # -- Second source audit (model providers, channel adapters, delivery queue, config reload, CLI status output);
    # one real-form line of each is in tests/test_families_source.py.
    # A fallback candidate skipped because every auth profile of its provider is cooling down (src/agents/model-
    # fallback.ts, the attempt's error, seen inside a fallback summary or a failed turn): "Provider <p> is in
    # cooldown (all profiles unavailable)"; the runner's own form when no profile is left (src/agents/pi-embedded-
    # runner/run.ts, FailoverError): "No available auth profile for <p> (all in cooldown or unavailable)." Searched
    # after model.all_failed, so a summary of failed candidates keeps that kind. The same skip in later builds
    # (model-fallback.ts, resolveCooldownDecision and the one-probe-per-provider guard): "Provider <p> is in cooldown
    # (probe already attempted this run)" (a same-provider candidate after the provider's one probe failed), and when
    # the profiles cool down for a lasting reason, "Provider <p> has <auth|auth_permanent|billing> issue (skipping all
    # models)".
    _searched(
        "model.provider_cooldown", "warn", "is in cooldown (",
        r"Provider (?P<provider>[^\s()]{1,120}) is in cooldown "
        r"\((?:all profiles unavailable|(?P<probeAttempted>probe already attempted) this run)\)"
        r"(?: \((?P<reason>[\w-]{1,40})\))?",
        values={"probeAttempted": {"probe already attempted": "true"}},
    ),
    _searched(
        "model.provider_cooldown", "warn", "issue (skipping all models)",
        r"Provider (?P<provider>[^\s()]{1,120}) has (?P<reason>[\w-]{1,40}) issue \(skipping all models\)",
    ),
    _searched(
        "model.provider_cooldown", "warn", "(all in cooldown or unavailable)",
        r"No available auth profile for (?P<provider>[^\s()]{1,120}) \(all in cooldown or unavailable\)",
    ),
    # The outbound delivery queue's recovery (src/infra/outbound/delivery-queue-recovery.ts, warn; at gateway startup
    # and on a channel's reconnect drain). A reply left mid-send by a crash or restart is not sent again: "Delivery
    # entry <id> delivery state is <state>; refusing blind replay without adapter reconciliation" (also "...; refusing
    # full replay after post-send evidence" and "... and reconciliation is unresolved: <err>"); a reply whose retries
    # ran out or that hit a permanent error is moved to failed/: "Delivery <id> exceeded max retries (<n>/<max>) —
    # moving to failed/", "Delivery <id> hit permanent error — moving to failed/: <err>", and on the reconnect drain
    # "<label>: entry <id> exceeded max retries and was moved to failed/". Each is a reply the user never got.
    _searched(
        "delivery.failed", "warn", "Delivery entry ",
        r"Delivery entry (?P<deliveryId>\S+) delivery state is (?P<recoveryState>[\w-]{1,60})"
        r"(?:; refusing (?P<refused>blind|full) replay| and reconciliation is unresolved:\s*(?P<error>[^\n]{0,500}))",
    ),
    _searched(
        "delivery.failed", "warn", "moving to failed/",
        r"Delivery (?P<deliveryId>\S+) (?:exceeded max retries \((?P<attempt>\d+)/(?P<maxAttempts>\d+)\)"
        r"|hit permanent error) — moving to failed/(?::\s*(?P<error>[^\n]{0,500}))?",
    ),
    _searched(
        "delivery.failed", "warn", "was moved to failed/",
        r"(?:(?P<drain>[^:\n]{1,80}): )?entry (?P<deliveryId>\S+) exceeded max retries and was moved to failed/",
    ),
    # The same recovery's retries (warn): "Retry failed for delivery <id>: <err>", "<label>: retry failed for entry
    # <id>: <err>"; the reply stays queued. And its summary (info): "Delivery recovery complete: <n> recovered, <n>
    # failed, <n> skipped (max retries), <n> deferred (backoff)".
    _searched(
        "delivery.retry_failed", "warn", "etry failed for ",
        r"(?:Retry failed for delivery|retry failed for entry) (?P<deliveryId>[^\s:]+):\s*(?P<error>[^\n]{0,500})",
    ),
    _anchored(
        "delivery.recovery", "info", "Delivery recovery complete:",
        r"Delivery recovery complete: (?P<recovered>\d+) recovered, (?P<failed>\d+) failed"
        r"(?:, (?P<skippedMaxRetries>\d+) skipped \(max retries\))?(?:, (?P<deferredBackoff>\d+) deferred \(backoff\))?",
    ),
    # A config hot reload restarts only the channels whose config changed (src/gateway/server-reload-handlers.ts,
    # gateway/channels, info): "restarting <channel> channel", after "config hot reload applied (<reasons>)"
    # (gateway/reload, info). A planned restart, not the health monitor's: kept apart from health.restart. Later
    # builds say why: "restarting <channel> channel after secrets reload" (secrets.reload), "... after <reason>" (a
    # plugin reload restarting the channels it stopped); field `reason`.
    _anchored(
        "channel.reload_restart", "info", "restarting ",
        r"restarting (?!(?:the|a|this|that|my|each|every|one) )(?P<channel>[a-z][\w-]{0,40}) channel"
        r"(?: after (?P<reason>[^\n:]{1,80}?))?\s*$",
    ),
    _anchored(
        "gateway.hot_reload", "info", ("config hot reload applied (", "config change applied ("),
        r"config (?:hot reload|change) applied \((?P<reasons>[^()\n]{0,1000})\)",
    ),
    # The config reloader itself (src/gateway/config-reload.ts, gateway/reload): "config change detected; evaluating
    # reload (<changed paths>)" (info) opens every reload, restart or hot. A reload it did not apply: "config reload
    # skipped (invalid config): <issues>" and "config reload skipped (config file not found)" (warn), "config reload
    # requires gateway restart; hot mode ignoring (<paths>)" (warn, gateway.reload.mode=hot) and "config reload disabled
    # (gateway.reload.mode=off)" (info): the running gateway keeps the config it has, nothing is held. A reload that
    # failed: "config reload failed: <err>" (error, the hot reload threw), "config restart failed: <err>" (error, the
    # restart it needed could not be scheduled: an unresolved SecretRef) and "config watcher error: <err>" (warn, the
    # watcher is closed: later edits are not seen until a restart).
    _anchored(
        "gateway.config_change", "info", "config change detected",
        r"config change detected; evaluating reload \((?P<paths>[^()\n]{0,2000})\)",
    ),
    _anchored(
        "gateway.reload_skipped", "warn", "config reload skipped (",
        r"config reload skipped \((?P<reason>invalid config|config file not found)\)(?::\s*(?P<issues>.*))?",
    ),
    _anchored(
        "gateway.reload_skipped", "warn", "config reload requires gateway restart;",
        r"config reload requires gateway restart; (?P<reason>hot mode ignoring)(?: \((?P<paths>[^()\n]{0,2000})\))?",
    ),
    _anchored(
        "gateway.reload_skipped", "info", "config reload disabled",
        r"config reload disabled \((?P<reason>gateway\.reload\.mode=off)\)",
    ),
    # The gateway's update check (src/infra/update-startup.ts, info, its fields in the meta object): "auto-update handoff
    # started" (a supervised install hands the update to a detached helper and asks for a restart that skips the
    # deferral: active runs are not waited for), "auto-update applied", "auto-update attempt failed" (reason= in the
    # meta; at info, the gateway goes on on its version) and "auto-update deferred (stable rollout window active|recent
    # attempt exists)". Read at their own level so that a failed attempt is no fault line of unknown template.
    _anchored(
        "gateway.auto_update", "info", "auto-update ",
        r"auto-update (?P<stage>handoff started|applied|attempt failed|deferred)(?: \((?P<reason>[^()\n]{1,200})\))?"
        r"(?:\s+(?P<kv>.*))?",
    ),
    _anchored(
        "gateway.reload_failed", "error", ("config reload failed:", "config restart failed:"),
        r"config (?P<stage>reload|restart) failed:\s*(?P<error>.*)",
    ),
    _anchored(
        "gateway.reload_failed", "warn", "config watcher error:", r"config (?P<stage>watcher) error:\s*(?P<error>.*)",
    ),
    # `openclaw channels status` (src/commands/channels/status.runtime.ts) prints the gateway's event-loop health when
    # it is degraded, with the liveness warning's own fields: "Gateway event loop degraded[:] [for <d>] [(p99 <n>ms)]
    # reasons=<r,...> eventLoopDelayMaxMs=<n> eventLoopUtilization=<f> cpuCoreRatio=<f>" (the colon in older builds,
    # the duration and p99 in newer ones).
    _anchored(
        "liveness.warning", "warn", "Gateway event loop degraded",
        r"Gateway event loop degraded:?(?: for (?P<degradedFor>\d+[smhd](?:\d+[smh])?))?"
        r"(?: \(p99 (?P<eventLoopDelayP99Ms>\d+)ms\))?" + KV,
    ),
    # The same command's line per channel account (src/commands/channels/status.ts, the gateway's channels.status
    # answer): "- <Channel label> <accountId>[ (<name>)]: enabled|disabled, configured|not configured[, linked|not
    # linked], running|stopped, connected|disconnected[, in:<ago>][, out:<ago>][, mode:…][, bot:@…]…[, works|probe
    # failed][, audit ok|audit failed][, error:<lastError>]". An enabled, configured account whose task stopped on an
    # error is a channel that exited (the error says why); one running but disconnected has lost its transport. A
    # stopped account with no error is the manager's entry for an account it has not started (still starting, or no
    # start hook): no failure (policy "channel status snapshot without an error or a stop time"). An account that is
    # running and connected, or disabled, or not configured, stays a plain line too.
    _searched(
        "channel.exited", "error", "enabled, configured, ",
        _CHANNEL_STATUS_ACCOUNT + r"(?P<channelState>stopped)" + _CHANNEL_STATUS_LAST_ERROR,
        values={"channel": _CHANNEL_LABELS},
    ),
    _searched(
        "channel.transport_error", "warn", "enabled, configured, ",
        _CHANNEL_STATUS_ACCOUNT + r"running, (?P<channelState>disconnected)" + _CHANNEL_STATUS_ERROR,
        values={"channel": _CHANNEL_LABELS},
    ),
    # Any other account line of the listing (serving, disabled, not configured, not started): read as the channel's
    # state so that a pasted listing is recognised as OpenClaw output; no rule reads it as a fault.
    _searched(
        "channel.status", "info", "abled, ",
        r"\A(?:- )?(?P<channel>[A-Z][A-Za-z]{1,20}(?: [A-Z][A-Za-z]{1,20})?) (?P<account>[^\s:,()]{1,100})"
        r"(?: \([^()\n]{0,100}\))?: (?P<enabled>enabled|disabled), (?P<configured>configured|not configured)\b",
        values={"channel": _CHANNEL_LABELS},
    ),
    # `openclaw status --all`'s box-drawn Channels table (src/commands/status-all/channels.ts builds its rows from the
    # config, the report's renderer adds the gateway's issues): "│ <label> │ ON|OFF │ OK|SETUP|WARN|OFF │ <detail> │".
    # From the config alone a row is WARN only for a missing token file, partial tokens or a plugin's config issue: no
    # failure. A channel the running gateway reports an issue for is WARN with " · gateway: <issue message>" after the
    # detail (cut at 90 characters); a plugin's runtime issue is "Channel error: <lastError>" or WhatsApp's "Linked but
    # disconnected[ (reconnectAttempts=<n>)]: <lastError>": the channel failing at that moment (policy "channel status
    # snapshot without an error or a stop time"). OK, SETUP and OFF rows, and config issues, stay plain lines.
    _searched(
        "channel.transport_error", "warn", "· gateway: ",
        r"\A(?:[│|] ?)?\s{0,4}(?P<channel>[A-Z][A-Za-z]{1,20}(?: [A-Z][A-Za-z]{1,20})?) {0,40}[│|] {0,10}ON {0,10}[│|]"
        r" {0,10}WARN {0,10}[│|][^│|\n]{0,300}?· gateway: (?P<error>(?:Channel error: |Linked but disconnected)"
        r"[^│\n]{0,200}?)\s*(?:[│|]\s*)?$",
        values={"channel": _CHANNEL_LABELS},
    ),
    # `openclaw health` (src/commands/health.ts), one line per channel: "<Channel label>: failed (<HTTP status>|unknown)
    # [- <error>]" when the channel's probe of its platform failed (a thrown probe is "unknown" with its error, e.g. a
    # timeout's abort); "ok[ (@bot)][ (<n>ms)]", "linked", "configured", "not configured" and "unknown" stay plain.
    _searched(
        "channel.transport_error", "warn", ": failed (",
        r"\A(?P<channel>" + "|".join(re.escape(label) for label in _CHANNEL_LABELS) + r"): failed "
        r"\((?:(?P<httpStatus>\d{3})|unknown)\)(?: - (?P<error>[^\n]{1,1000}))?",
        values={"channel": _CHANNEL_LABELS},
    ),
    # Feishu/Lark (extensions/feishu/src/monitor.transport.ts and monitor.ts, the channel runtime's log/error): the
    # transport's start "feishu[<account>]: starting WebSocket connection..." / "starting Webhook server on <host>:<port>,
    # path <p>..." and "feishu[<account>]: WebSocket client started" (info), its stop "feishu[<account>]: abort signal
    # received, stopping[ Webhook server]" (info), a transport failure "feishu[<account>]: polling error: <err>" /
    # "Webhook server error: <err>" (error), and an inbound event that failed "feishu[<account>]: error handling
    # message: <err>" (error). The lock families above keep a lock error inside the last one. Later builds recreate the
    # WebSocket client themselves: "feishu[<account>]: WebSocket SDK reported recoverable error: <err>", "... WebSocket
    # start failed, retrying in <n>ms: <err>" (transport errors), "... WebSocket connection ended, recreating client in
    # <n>ms: <err>" (a reconnect), "... Webhook server listening on <host>:<port>" (the ingress up) and "...
    # webhook handler error: <err>" (one event's failure).
    _searched(
        "channel.reconnecting", "error", "]: WebSocket connection ended, recreating client in ",
        r"(?P<channel>feishu)\[(?P<account>[^\[\]\s]{1,200})\]: WebSocket connection ended, recreating client in "
        r"(?P<restartDelay>\d+ms)(?::\s*(?P<error>[^\n]{0,500}))?",
    ),
    _searched(
        "channel.polling_started", "info", "]: Webhook server listening on ",
        r"(?P<channel>feishu)\[(?P<account>[^\[\]\s]{1,200})\]: Webhook server listening on (?P<listen>\S{1,200})",
    ),
    _searched(
        "channel.starting", "info", "]: starting ",
        r"(?P<channel>feishu)\[(?P<account>[^\[\]\s]{1,200})\]: starting (?P<label>WebSocket connection|Webhook server)",
    ),
    _searched(
        "channel.polling_started", "info", FEISHU_STARTED_NEEDLE,
        r"(?P<channel>feishu)\[(?P<account>[^\[\]\s]{1,200})\]: WebSocket client started",
    ),
    _searched(
        "channel.stopping", "info", "]: abort signal received, stopping",
        r"(?P<channel>feishu)\[(?P<account>[^\[\]\s]{1,200})\]: abort signal received, stopping",
    ),
    # The official plugin in its own repository (larksuite/openclaw-lark, src/core/lark-client.ts, logger
    # "feishu/core/lark-client"; its message "feishu: <text> (accountId=<id>)", or "feishu[<account>][msg:<id>]: ..."
    # inside a message's context): its WebSocket client torn down when the account's abort signal fires, "disconnecting
    # WebSocket" (info), and a start finding the account's previous client still open, "closing previous WSClient before
    # reconnect" (warn: the account started again over a live socket, the client recreated). In that plugin the
    # monitor's "feishu[<account>]: WebSocket client started" and "websocket started for account <id>"
    # (src/channel/monitor.ts) are written only once startWS returns, that is after this stop: the parser reads the first
    # as the stop's end when it follows the account's stop (parser.LineParser._after_plugin_stop).
    _searched(
        "channel.stopping", "info", FEISHU_PLUGIN_STOP_NEEDLE,
        r"(?P<channel>feishu)(?:\[[^\[\]\s]{1,200}\]){0,2}: disconnecting WebSocket \(accountId=(?P<account>[^\s(),]{1,200})\)",
    ),
    _searched(
        "channel.reconnecting", "warn", "closing previous WSClient before reconnect",
        r"(?P<channel>feishu)(?:\[[^\[\]\s]{1,200}\]){0,2}: closing previous WSClient before reconnect"
        r"(?: \(accountId=(?P<account>[^\s(),]{1,200})\))?",
    ),
    # The monitor's start-up bot-info probe (extensions/feishu/src/monitor.startup.ts, error; its budget 10 s in early
    # builds, later 30 s or OPENCLAW_FEISHU_STARTUP_PROBE_TIMEOUT_MS): "feishu[<account>]: bot info probe timed out
    # after <n>ms; continuing startup". One request of the platform's API timing out at start (the bot-info call, as
    # Telegram's getMe is): the account starts on without its bot's open_id, so read as a fetch timeout of the channel
    # (policy "one channel request failure": alone it is no fault, with others of the channel it is).
    _searched(
        "fetch.timeout", "error", "]: bot info probe timed out after ",
        r"(?P<channel>feishu)\[(?P<account>[^\[\]\s]{1,200})\]: bot info probe timed out after (?P<timeoutMs>\d+)ms",
    ),
    _searched(
        "channel.transport_error", "error", "feishu[",
        r"(?P<channel>feishu)\[(?P<account>[^\[\]\s]{1,200})\]: (?:polling error|Webhook server error|WebSocket SDK reported "
        r"recoverable error|WebSocket start failed, retrying in (?P<restartDelay>\d+ms)):\s*(?P<error>.*)",
    ),
    # A channel handing an inbound message to the agent and its handler throwing on a fault of the code itself (a
    # TypeError, a function or property that is not there, a contract of the host the plugin does not meet): the
    # message never becomes a run, and the same fault meets every message (a plugin built for another OpenClaw
    # version). Feishu, DingTalk and other channel plugins log "<channel>[<accountId>]: failed to dispatch message:
    # <err>" (error) from the catch around their dispatch; QQ Bot's gateway engine "Message processing failed: <err>"
    # (error) around its outbound dispatch. Other errors there (a session conflict and its retry) are not this.
    _searched(
        "channel.handler_broken", "error", "failed to dispatch message: ",
        r"(?:(?P<channel>[\w.-]{1,40})\[(?P<account>[^\[\]\s]{1,200})\]: )?failed to dispatch message: "
        + CODE_FAULT + r"(?P<error>.*)",
    ),
    # Telegram's spooled-update drain (extensions/telegram): an inbound update whose handling failed is released for a
    # later retry, "[telegram][diag] spooled update <id> [handler |claim ]failed; keeping for retry[ attempt n/m]: <err>"
    # (also "webhook spooled update ..."): read only when the error is one every update meets alike.
    _searched(
        "channel.handler_broken", "warn", "failed; keeping for retry",
        r"(?:\[(?P<channel>telegram)\]\s*)?(?:\[diag\]\s*)?(?:webhook )?spooled update (?P<updateId>\S{1,40}) "
        r"(?:handler |claim )?failed; keeping for retry(?: attempt (?P<attempt>\d+)/(?P<maxAttempts>\d+))?:\s*"
        + FAILS_EVERY_UPDATE + r"(?P<error>.*)",
    ),
    # The DingTalk connector (DingTalk-Real-AI/dingtalk-openclaw-connector) logs "[DingTalk] SDK dispatch 失败: <err>"
    # (error) from the catch around its hand-off to the OpenClaw SDK: a fault of the code there (a host it was not
    # built for, "Cannot read properties of undefined (reading 'registry')") fails every message alike.
    _searched(
        "channel.handler_broken", "error", "SDK dispatch 失败: ",
        r"(?:\[DingTalk\](?:\[[^\]\s]{1,40}\])? ?)?(?P<channel>)SDK dispatch 失败: " + CODE_FAULT + r"(?P<error>.*)",
        values={"channel": {"": "dingtalk"}},  # (the wording is the connector's alone)
    ),
    _searched(
        "channel.handler_broken", "error", "Message processing failed: ",
        r"Message processing failed: " + CODE_FAULT + r"(?P<error>.*)",
    ),
    # The NapCat OneBot plugin's reverse-WS monitor (the openclaw-napcat plugins, src/monitor.ts; channel id napcat, a
    # QQ channel) logs its catch around each inbound message the same way, "[<accountId>] NapCat message processing
    # error: <err>" (error).
    _searched(
        "channel.handler_broken", "error", "NapCat message processing error: ",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>NapCat) message processing error: " + CODE_FAULT
        + r"(?P<error>.*)",
        values={"channel": {"NapCat": "qq"}},
    ),
    # The NapCat OneBot plugin's client (t48f; Daiyimo/openclaw-napcat src/client.ts and src/gateway/connection.ts, its
    # logger's plain log/info): the forward WebSocket open, "[napcat-QQ] Connected to OneBot server", NapCat dialling
    # the plugin's reverse WebSocket server and passing its token check, "[napcat-QQ] Reverse WS: NapCat connected",
    # and the connect handler both fire, "[napcat-QQ] Connected account <accountId>": the QQ channel up. (Its drops,
    # "Disconnected from OneBot server", "Reverse WS: NapCat disconnected", "WebSocket error: <err>", "Heartbeat
    # timeout, forcing reconnect...", read as the channel's transport failing, stuckscan/channels.py.)
    _searched(
        "channel.polling_started", "info", "[napcat-QQ] ",
        r"\[(?P<channel>napcat-QQ)\] (?:Connected to OneBot server|Reverse WS: NapCat connected"
        r"|Connected account (?P<account>[^\s\[\]]{1,200}))\s*$",
        values={"channel": {"napcat-QQ": "qq"}},
    ),
    # The other NapCat plugin (izhimu/openclaw-channel-qq src/core/connection.ts, its logger's "[openclaw-channel-qq:
    # connection]" tag): the WebSocket's open, "Connected to NapCat" (older builds: "Connected to NapCat for account
    # <accountId>"): the QQ channel up. (Its "Heartbeat timeout (...), reconnecting...", "Connection closed: <code> -
    # <reason>" and "WebSocket error: <msg>" read as the transport failing, stuckscan/channels.py.)
    _searched(
        "channel.polling_started", "info", "Connected to NapCat",
        r"(?:^|\] )(?P<channel>)Connected to NapCat(?: for account (?P<account>[^\s\[\]]{1,200}))?\s*$",
        values={"channel": {"": "qq"}},
    ),
    # QQ Bot's gateway.ts (sliverp/qqbot; tencent-connect/openclaw-qqbot before its SDK) hands each inbound message to
    # the host's reply dispatcher and logs its onError, "[qqbot:<accountId>] Dispatch error: <err>" (error), and the
    # dispatch's own rejection, "[qqbot:<accountId>] Dispatch failed: <err>[ (no response received)]" (error); other
    # plugins copying that handler write "[<channel>] Dispatch error: <err>" (the WeCom and Lark plugins). Read only
    # when <err> is a fault of the code, which every message meets alike (the plugin's runtime module unresolved, a
    # TypeError); a model's or a send's error there fails one reply.
    # (tencent-connect/openclaw-qqbot on its SDK, src/gateway/qqbot-gateway.ts: its message handler's catch writes
    # through the plugin logger's "gateway" child, whose tag follows the account's, "[<accountId>][gateway] Dispatch
    # error: <err>" under the channel's own subsystem; "[qqbot:<accountId>][gateway] ..." when it falls back to its
    # own "qqbot/core" logger (src/utils/plugin-logger.ts). The child's tag is no channel: the channel is QQ Bot.)
    _searched(
        "channel.handler_broken", "error", "][gateway] Dispatch error: ",
        r"\[(?:qqbot:)?(?P<account>[^\[\]\s:]{1,200})\]\[gateway\] (?P<channel>)Dispatch error: " + CODE_FAULT
        + r"(?P<error>.*)",
        values={"channel": {"": "qqbot"}},
    ),
    # (t49e: the same plugin's dispatch (src/dispatch/dispatch.ts, its logger's "dispatch" child) finding the host's
    # runtime without the reply dispatcher it was built against drops the message and returns: "[<accountId>][dispatch]
    # runtime adapter dispatchReply not available (openclaw=<version>)" (error); other builds check "inboundRun" the
    # same way, or both at once, "runtime adapter inboundRun/dispatchReply not available (openclaw=<version>, requires
    # >=<version>)". Every inbound message meets it: the plugin and OpenClaw are of versions that do not fit.)
    _searched(
        "channel.handler_broken", "error", "runtime adapter ",
        r"(?:\[(?:qqbot:)?(?P<account>[^\[\]\s:]{1,200})\]\[dispatch\] ?)?(?P<channel>)(?P<error>runtime adapter "
        r"(?:inboundRun|dispatchReply)(?:/(?:inboundRun|dispatchReply))? not available) \(openclaw=(?P<openclawVersion>"
        r"[^\s(),]{1,60})(?:, requires >=(?P<requiredVersion>[^\s(),]{1,60}))?\)",
        values={"channel": {"": "qqbot"}},
    ),
    # (t49i: other channel plugins check the host's reply dispatcher before handing it an inbound message, and drop the
    # message when the running OpenClaw lacks it, in one shared wording: a Webex plugin's webhook handler "[webex:
    # <accountId>] dispatchReply not available in plugin runtime" (warn), the feishu/typex/wemp copies "[<channel>:
    # <accountId>] dispatchReplyWithBufferedBlockDispatcher not available[ in runtime]" (error), XiotBox "[XiotBox]
    # dispatchReplyWithBufferedBlockDispatcher not available in runtime." (error; ongood/openclaw-channel-xiotbox), two
    # bridge channels "... not available on runtime" (warn), the NapCat, OneBot and OpenIM plugins "[napcat] runtime.
    # channel.reply not available" (warn; their debug copy adds "— message dropped") and the DingTalk copies "[<accountId>]
    # runtime.channel.reply not available" (error). Every message meets it: the plugin was built for an OpenClaw whose
    # runtime differs from the one running. Field missingApi: the API it looked for; a bare "[<tag>]" is left to the
    # subsystem (the DingTalk copies put the account there).)
    _searched(
        "channel.handler_broken", "error", " not available",
        r"(?:\[(?:(?P<channel>[A-Za-z][\w-]{0,40}):(?P<account>[^\[\]\s]{1,200})|[^\[\]\s:]{1,200})\]\s*)?"
        r"(?P<error>(?P<missingApi>dispatchReply(?:WithBufferedBlockDispatcher)?|runtime\.channel\.reply"
        r"(?:\.dispatchReplyWithBufferedBlockDispatcher)?) not available(?: (?:in|on) (?:the )?(?:plugin )?runtime)?)"
        r"\.?(?: — message dropped)?\s*$",
    ),
    _searched(
        "channel.handler_broken", "error", "Dispatch ",
        r"(?:\[(?P<channel>[A-Za-z][\w-]{0,40})(?::(?P<account>[^\[\]\s]{1,200}))?\]\s*)?Dispatch (?:error|failed): "
        + CODE_FAULT + r"(?P<error>.*)",
        values={"channel": {"onebot": "qq", "WeCom": "wecom"}},
    ),
    # ... and its wait for the turn's first reply running out (120 s; 60 s in older builds): "[qqbot:<accountId>]
    # Dispatch failed: Error: Response timeout (no response received)" (error), older builds and their copies (the
    # WeChat and OneBot QQ plugins) "[<channel>:<accountId>] No response within timeout" (error), after which the
    # plugin tells the user the request is still being worked on. The dispatch is not cancelled (the wait is a race
    # beside it) and may still deliver: neither a lost reply (no turn ended empty) nor a fault of the handler, but a
    # turn that outlived the channel's own reply budget.
    _searched(
        "channel.handler_timeout", "error", "esponse ",
        r"\[(?P<channel>qqbot|onebot|napcat|weixin|qq)(?::(?P<account>[^\[\]\s]{1,200}))?\]\s*"
        r"(?:Dispatch failed: (?:Error: )?Response timeout \(no response received\)|No response within timeout)\s*$",
        values={"channel": {"onebot": "qq", "napcat": "qq"}},
    ),
    # Feishu's monitor logs its own catch around an inbound event the same way, "feishu[<accountId>]: error handling
    # message: <err>": a fault of the code there (an SDK export the host no longer has) meets every message alike.
    _searched(
        "channel.handler_broken", "error", "]: error handling message: ",
        r"(?P<channel>feishu)\[(?P<account>[^\[\]\s]{1,200})\]: error handling message: " + CODE_FAULT + r"(?P<error>.*)",
    ),
    # (and its inbound debouncer's flush failing the same way, "feishu[<accountId>]: inbound debounce flush failed:
    # <err>" (extensions/feishu/src/monitor.account.ts): every batch of messages meets that fault)
    _searched(
        "channel.handler_broken", "error", "]: inbound debounce flush failed: ",
        r"(?P<channel>feishu)\[(?P<account>[^\[\]\s]{1,200})\]: inbound debounce flush failed: " + CODE_FAULT
        + r"(?P<error>.*)",
    ),
    _searched(
        "channel.inbound_failed", "error", "]: error handling ",
        r"(?P<channel>feishu)\[(?P<account>[^\[\]\s]{1,200})\]: error handling (?P<event>(?:\w{1,30} ){0,4}?(?:message|event)"
        r"|card action):\s*(?P<error>.*)",
    ),
    # The same monitor (extensions/feishu/src/monitor.account.ts, error) losing inbound messages elsewhere on their way
    # to the agent: the inbound debouncer's flush failing, "feishu[<accountId>]: inbound debounce flush failed: <err>"
    # (the batch's messages are released, not dispatched), and a stop command sent past the queue failing, "feishu[
    # <accountId>]: fast-abort dispatch failed: <err>".
    _searched(
        "channel.inbound_failed", "error", " dispatch failed: ",
        r"(?P<channel>feishu)\[(?P<account>[^\[\]\s]{1,200})\]: (?P<event>fast-abort) dispatch failed:\s*(?P<error>.*)",
    ),
    _searched(
        "channel.inbound_failed", "error", "]: inbound debounce flush failed: ",
        r"(?P<channel>feishu)\[(?P<account>[^\[\]\s]{1,200})\]: inbound (?P<event>debounce flush) failed:\s*(?P<error>.*)",
    ),
    _searched(
        "channel.inbound_failed", "error", "]: webhook handler error: ",
        r"(?P<channel>feishu)\[(?P<account>[^\[\]\s]{1,200})\]: (?P<event>webhook) handler error:\s*(?P<error>.*)",
    ),
    # Signal (extensions/signal/src/sse-reconnect.ts, earlier src/signal/): the signal-cli event stream failed, "Signal
    # SSE stream error: <err>" (error), then "Signal SSE connection lost, reconnecting in <s>s..." (info); its clean
    # end is logged only when verbose. The channel is the line's subsystem (signal).
    _anchored(
        "channel.transport_error", "error", "Signal SSE stream error:",
        r"Signal SSE stream error:\s*(?P<error>.*)",
    ),
    # signal-cli's own account lock (its stderr, which the Signal channel logs as "signal-cli: <line>"): "Config file is
    # in use by another instance, waiting…" when another signal-cli process holds the account's config file (an
    # earlier daemon a restart did not wait for, #5421, #22676), then "Config file lock acquired." once it has the lock.
    # Until then the daemon does not start, so the Signal channel cannot start: read as a start that failed, as a
    # channel startup failure is (RC18), and the lock acquired as the channel's start going on.
    _searched(
        "channel.exited", "warn", "Config file is in use by another instance",
        r"(?P<channel>)(?P<error>Config file is in use by another instance)(?P<stage>)(?:,?\s*waiting(?:…|\.{3})?)?",
        values={"channel": {"": "signal"}, "stage": {"": "blocked"}},
    ),
    _searched(
        "channel.polling_started", "info", "Config file lock acquired",
        r"(?P<channel>)Config file lock acquired\b",
        values={"channel": {"": "signal"}},
    ),
    # The imsg bridge the iMessage channel talks JSON-RPC to (extensions/imessage/src/client.ts): its process ending,
    # "imsg rpc exited (code <n>|signal <SIG>)" / "imsg rpc closed", a request it did not answer, "imsg rpc timeout
    # (<method>)", and a request after it ended, "imsg rpc not running" (errors its callers log or rethrow: as the
    # channel manager's "channel exited: <err>" they stay that line's).
    _searched(
        "channel.transport_error", "error", "imsg rpc ",
        r"(?P<channel>imsg) rpc (?:exited \((?:code (?P<exitCode>-?\d{1,5})|signal (?P<exitSignal>SIG[A-Z0-9]{1,10}))\)"
        r"|(?P<rpcState>closed|not running)\b|timeout \((?P<method>[\w./-]{1,80})\))",
        values={"channel": {"imsg": "imessage"}},
    ),
    # Slack socket mode's hello frame counts the app's open connections (extensions/slack, formatSlackSocketModeShared
    # ConnectionWarning, warned once per start): "[<acct>] slack socket mode reports <n> active connections for this
    # Slack app; Slack may deliver each event to any one connection; ensure every OpenClaw gateway sharing this app
    # ...". Slack hands each event to one connection: with several, events go to other gateways or leaked sockets.
    _searched(
        "channel.shared_connections", "warn", "active connections for this Slack app",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\] )?(?P<channel>slack) socket mode reports (?P<activeConnections>\d+) active "
        r"connections for this Slack app",
    ),
    # Telegram's polling transport (extensions/telegram, the transport holder's acquireForNextCycle): after a network
    # stall or a recoverable error marks the transport dirty, the next polling cycle logs "[telegram][diag] closing
    # stale transport before rebuild" ("[telegram] [diag] ..." in later builds) and then "[telegram][diag] rebuilding
    # transport for next polling cycle". The first is the reconnect (one per rebuild); the second only says the cycle
    # goes on with the new transport.
    _searched(
        "channel.reconnecting", "info", "closing stale transport before rebuild",
        r"(?:\[telegram\]\s*)?(?:\[diag\]\s*)?closing stale transport before rebuild\s*$",
    ),
    _searched(
        "channel.transport_rebuilt", "info", "rebuilding transport for next polling cycle",
        r"(?:\[telegram\]\s*)?(?:\[diag\]\s*)?rebuilding transport for next polling cycle\s*$",
    ),
    _anchored(
        "channel.reconnecting", "info", ("Signal SSE connection lost", "Signal SSE stream ended"),
        r"Signal SSE (?:connection lost|stream ended), reconnecting in (?P<restartDelay>\d+(?:\.\d+)?s)",
    ),
    # Discord's gateway client (the Carbon gateway plugin's debug lines that OpenClaw promotes to info under
    # "discord gateway: ..." / "[discord] gateway: ...", src/discord/monitor/gateway-logging.ts): a close with its
    # code, a resume or reconnect with back-off, and its own HELLO watchdog.
    _searched(
        "channel.transport_error", "warn", "ebsocket closed",
        r"(?:(?P<channel>discord) )?gateway: (?:WebSocket connection closed with code|Gateway websocket closed:) "
        r"(?P<closeCode>\d{3,4})",
    ),
    # The same Carbon lines pasted bare, with no "discord gateway:" prefix (a time of day and the message): the
    # wording is Carbon's own, and Carbon is the Discord client; "Unexpected server response: <status>" is the ws
    # library refusing that socket's handshake (a resume the server refused), on a line of its own.
    _anchored(
        "channel.transport_error", "warn", "Gateway websocket closed: ",
        r"(?P<channel>)Gateway websocket closed: (?P<closeCode>\d{3,4})\s*",
        values={"channel": {"": "discord"}},
    ),
    _anchored(
        "channel.transport_error", "warn", "Unexpected server response: ",
        r"Unexpected server response: (?P<status>\d{3})\s*",
    ),
    _searched(
        "channel.transport_error", "warn", "ebSocket connection closed with code",
        r"(?:(?P<channel>discord) )?gateway: WebSocket connection closed with code (?P<closeCode>\d{3,4})",
    ),
    _searched(
        "channel.reconnecting", "info", "with backoff: ",
        r"(?:(?P<channel>discord) )?gateway: (?:Attempting resume|Reconnecting) with backoff: (?P<restartDelay>\d+ms)"
        r"(?: after code (?P<closeCode>\d{3,4}))?",
    ),
    _searched(
        "channel.polling_stall", "warn", "connection stalled: no HELLO",
        r"connection stalled: no HELLO received within (?P<stalledFor>\d+ms)",
    ),
    # Discord's own reconnect scheduling: "discord gateway: Gateway reconnect scheduled in <n>ms (close, resume=true)".
    _searched(
        "channel.reconnecting", "info", "reconnect scheduled in ",
        r"(?:(?P<channel>discord) )?gateway: Gateway reconnect scheduled in (?P<restartDelay>\d+ms)",
    ),
    # A liveness warning's work label alone on a line, as reporters copy it out of `work=[active=...]` (format
    # reference 2.3): "<sessionKey>(<state>[/<kind>],q=<N>,age=<N>s[ last=<progress>])"; the parentheses may be
    # dropped ("<key>... idle/tool_call,q=1,age=4272s last=embedded_run:ended"), or the list's own "work=[active="
    # kept before it (a warning's fields copied one a line).
    _searched(
        "liveness.work_item", "warn", ",q=",
        r"(?:work=\[)?(?:[a-z]{2,12}=)?(?P<sessionKey>[^\s(),=\[\]]{3,300})(?:\(|\s+)(?P<state>[a-z_]{3,40})"
        r"(?:/(?P<activeWorkKind>[a-z_]{3,40}))?"
        r",q=(?P<queueDepth>\d+),age=(?P<age>\d+s)(?: last=(?P<lastProgress>[^\s)]{1,200}))?\)?",
    ),
    _searched("net.eaddrinuse", "error", "EADDRINUSE", r"EADDRINUSE"),
    # No restart-recovery line prints this token: recovery sets the session entry's abortedLastRun field and
    # logs the lines above. The only log text with it found is a verbose "subagents control kill: failed to
    # persist abortedLastRun=<bool> for <childSessionKey>: <err>". Kept for pasted session-store dumps.
    _searched("session.aborted_last_run", "info", "abortedLastRun=true", r"abortedLastRun=true"),
    # A session lock file's payload pasted as JSON (<session>.jsonl.lock: {"pid":…,"createdAt":…[,"maxHoldMs":…,
    # "starttime":…]}), read by the parser as "session lock file: pid=... createdAt=...": who held the lock, not a
    # fault by itself (a live holder is the normal case).
    _anchored("lock.payload", "info", "session lock file: ", r"session lock file:" + KV),
    # -- Third source audit (tool execution, MCP servers, gateway RPC timeouts, session store and transcript repair,
    # WhatsApp Web and Mattermost transports, the active-memory recall sub-run, cron timeouts and back-off); one
    # real-form line of each is in tests/test_families_source.py. Listed last: a searched family here never takes a
    # line an earlier family already reads.
    # The exec tool's failure reasons (src/agents/bash-tools.exec-runtime.ts): a command past its timeout is killed
    # and fails "Command timed out after <n> seconds" (the timeout is tools.exec.timeoutSec, 1800 by default, or the
    # call's own), one silent past the no-output limit "Command timed out waiting for output"; both after the
    # command's output, and logged as "[tools] <tool> failed: <output>\n\n<reason>". The tool call returned, but
    # only when its timeout ran out.
    _searched(
        "tools.timeout", "error", "Command timed out ",
        r"(?:\A(?P<tool>[A-Za-z][\w.-]{0,63}) failed: .*?)?"
        r"Command timed out (?:after (?P<timeoutSeconds>\d+) seconds|(?P<noOutput>waiting for output))",
    ),
    # The same file, when the command ended on a signal it did not choose (an abort's kill, the OOM killer):
    # "Command aborted by signal <SIG>", or "Command aborted before exit code was captured".
    _searched(
        "tools.exec_aborted", "warn", "Command aborted ",
        r"(?:\A(?P<tool>[A-Za-z][\w.-]{0,63}) failed: .*?)?"
        r"Command aborted (?:by signal (?P<signal>[A-Z0-9]{2,12})|before exit code was captured)",
    ),
    # The process tool's answer for an exec session it no longer tracks (src/agents/bash-tools.process.ts): "No active
    # session found for <session slug>" (slugs are two words, "calm-gulf"). Seen while a script's detached children
    # still hold the session's stdio, the session reported running and unkillable (#147304).
    _searched(
        "tools.exec_session_missing", "warn", "No active session found for ",
        r"No active session found for (?P<execSession>[a-z]{2,20}-[a-z]{2,20})\b",
    ),
    # An exec approval nobody answered (src/agents/bash-tools.exec-runtime.ts, DEFAULT_APPROVAL_TIMEOUT_MS 120000):
    # the call is denied and its result says "Exec denied (<host> id=<approval id>, approval-timeout): <command>";
    # the channel follow-up rewrites it as "Command did not run: approval timed out." The tool call waited on a
    # human until the approval expired.
    # The t50a audit: a node-host exec names its node ("Exec denied (node=<node id> id=<approval id>, approval-timeout):
    # <command>", src/agents/bash-tools.exec-host-node.ts), and an askFallback of allowlist denies a command the
    # allowlist does not cover once the approval ran out, "approval-timeout (allowlist-miss)" (later builds
    # "approval-timeout: allowlist-miss"; a fork's "approval-timeout (obfuscation-detected)"): the same wait.
    _searched(
        "tools.approval_timeout", "warn", ", approval-timeout",
        r"Exec denied \((?:node=(?P<node>[^\s,]{1,200})|(?P<execHost>[\w-]{1,40})) id=(?P<approvalId>[^,\s]{1,120}), "
        r"approval-timeout(?:(?: \(|: )(?P<fallback>[\w-]{1,40})\)?)?\)(?::\s*(?P<command>[^\n]{0,300}))?",
    ),
    _searched(
        "tools.approval_timeout", "warn", "Command did not run: approval timed out",
        r"Command did not run: approval timed out",
    ),
    # An approval request nobody could be shown (the t50a audit). The gateway's forwarder mirrors a pending approval
    # into chat (src/infra/exec-approval-forwarder.ts, gateway/exec-approvals, error): "exec|plugin approvals: failed
    # to deliver to <channel>:<to>: <err>", "... failed to deliver expiry notification for <id>: <err>", and, when no
    # target took it, the request handler's "exec approvals: forward request failed: Error: exec approvals: failed to
    # deliver request <id>" (src/gateway/server-methods/exec-approval.ts); a channel's native approval handler:
    # "<channel> [exec ]approvals: failed to deliver approval|request <id>: <err>" (Slack's, XMPP's); the QQ Bot
    # plugin's "[qqbot:<account>] approval-handler: no QQ target for <id> (session=<key>)" (info: a session with no QQ
    # route, f2451); and the exec tool's "Exec denied (<host> id=<id>, approval-request-failed): <command>" (the
    # approval request or its wait failed, so the command is denied at once). Unless another client (Web UI, TUI)
    # answers, the call waits out the approval window (tools.approval_timeout), which is RC03's evidence; the
    # undelivered request alone is a fault no rule judges.
    _searched(
        "approval.undelivered", "error", "approvals: failed to deliver ",
        r"(?:(?!(?:exec|plugin) )(?P<approvalChannel>[a-z][\w-]{1,30}) )?(?:(?P<approvalKind>exec|plugin) )?approvals: "
        r"failed to deliver "
        r"(?P<what>to|expiry notification for|approval|request) (?P<target>\S{1,300}?)(?=:\s|\s|\Z)"
        r"(?::\s*(?P<error>[^\n]{0,2000}))?",
    ),
    # (held to the message's start: a prose note quoting it beside a stalled-session fragment stays the stalled
    # session's, f2451)
    _searched(
        "approval.undelivered", "info", "approval-handler: no ",
        r"\A(?:\[qqbot:(?P<account>[^\]\s]{1,100})\] )?approval-handler: no (?P<approvalChannel>[A-Za-z]{2,20}) target for (?P<approvalId>\S{1,120}) "
        r"\(session=(?P<sessionKey>[^\s)]{1,300})\)",
    ),
    _searched(
        "approval.undelivered", "error", ", approval-request-failed)",
        r"Exec denied \((?:node=(?P<node>[^\s,]{1,200})|(?P<execHost>[\w-]{1,40})) id=(?P<approvalId>[^,\s]{1,120}), "
        r"(?P<reason>approval-request-failed)\)(?::\s*(?P<command>[^\n]{0,300}))?",
    ),
    # An exec the approver or the policy refused at once (the t50a audit): "Exec denied (<host> id=<id>, user-denied|
    # allowlist-miss): <command>" (src/agents/bash-tools.exec-host-gateway.ts and -node.ts, the node host's own
    # refusal), and a cron or headless run that cannot wait for an approval, "exec denied: Cron|Headless runs cannot
    # wait for interactive exec approval." (src/agents/bash-tools.exec-approval-request.ts, then the effective policy).
    # The call returns its denial at once: nothing waits, no stall.
    _searched(
        "tools.approval_denied", "warn", "Exec denied (",
        r"Exec denied \((?:node=(?P<node>[^\s,]{1,200})|(?P<execHost>[\w-]{1,40})) id=(?P<approvalId>[^,\s]{1,120}), "
        r"(?P<reason>user-denied|allowlist-miss)\)(?::\s*(?P<command>[^\n]{0,300}))?",
    ),
    _searched(
        "tools.approval_denied", "warn", "runs cannot wait for interactive exec approval",
        r"exec denied: (?P<trigger>Cron|Headless) runs (?P<reason>cannot wait) for interactive exec approval",
    ),
    # The nodes tool's failure (src/agents/tools/nodes-tool.ts rethrows every action's error as "agent=<agent id>
    # node=<node|auto> gateway=<url|default> action=<action>: <error>", logged by the tool wrapper as "[tools] nodes
    # failed: ..."; builds before the gateway label left it out; a node's display name may hold spaces): a node.invoke
    # the node never answered ("node invoke timed out", the gateway's invoke deadline, 30 s on older builds), a node
    # that dropped mid-invoke ("node disconnected (<command>)"), a pairing refused. The error goes back to the model as
    # the call's result and the run goes on (f256: a node answering some invokes in 70 ms and others never, no stall):
    # a fault the user saw that no rule judges.
    _anchored(
        "tools.nodes_failed", "error", "nodes failed: agent=",
        r"nodes failed: agent=(?P<agent>\S{1,200}) node=(?P<node>[^\n]{1,200}?)(?: gateway=(?P<gateway>\S{1,500}))?"
        r" action=(?P<action>[\w.-]{1,40}): (?P<error>[^\n]{0,2000})",
    ),
    # The Docker sandbox (src/agents/sandbox/docker.ts): a docker CLI call past its deadline (the container's
    # initialisation is bounded by sandbox.docker.initTimeoutMs since #90980; before, a wedged engine held the run for
    # good): "Docker did not respond within <n>ms while running `docker <args>`. The Docker engine may be present but
    # unresponsive. ..." (code SANDBOX_DOCKER_TIMEOUT). The run fails with it: a fault no rule judges.
    _searched(
        "sandbox.docker_timeout", "error", "Docker did not respond within ",
        r"Docker did not respond within (?P<timeoutMs>\d{1,9})ms while running `docker (?P<dockerCommand>[\w-]{1,40})",
    ),
    # The same file when Docker is not there at all: "Sandbox mode requires Docker, but the Docker daemon is not
    # available. ..." / "... but the "docker" command was not found in PATH. ...", and "Sandbox image not found:
    # <image>. Build or pull it first." (or "... Build it with scripts/sandbox-setup.sh ..."). Every sandboxed run
    # fails at once on its configuration: nothing waits, no stall.
    # (t50e: the Podman engine writes the same refusal, src/agents/sandbox/container-engine.ts: "Sandbox mode requires
    # Podman, but the "podman" command was not found in PATH. ...", field engine.)
    _searched(
        "sandbox.docker_unavailable", "error", "Sandbox mode requires ",
        r"Sandbox mode requires (?P<engine>Docker|Podman), but (?P<reason>the (?:Docker|Podman) daemon is not available"
        r"|the \"(?:docker|podman)\" command was not found in PATH)",
    ),
    _searched(
        "sandbox.docker_unavailable", "error", "Sandbox image not found: ",
        r"Sandbox image not found: (?P<image>[^\s.][^\s]{0,299}?)\.(?:\s|$)",
    ),
    # (t50e) The sandbox's image check whose docker call never reached the engine (docker.ts, dockerImageExists:
    # "Failed to inspect sandbox image: <docker's stderr>", the stderr Docker's own "Cannot connect to the Docker daemon
    # at <host>. Is the docker daemon running?", "failed to connect to the docker API at <host>; check if the path is
    # correct and if the daemon is running: ...", "error during connect: ..." or "permission denied while trying to
    # connect to the Docker daemon socket at ..."): no engine to talk to, every sandboxed run fails at once (f181,
    # Docker Desktop not running on Windows). Another stderr (a broken image store) stays unread.
    _searched(
        "sandbox.docker_unavailable", "error", "Failed to inspect sandbox image: ",
        r"Failed to inspect sandbox image: (?P<reason>(?:Cannot connect to the Docker daemon|failed to connect to the "
        r"docker API|error during connect|permission denied while trying to connect to the Docker daemon)[^\n]{0,1000})",
    ),
    # (t50e) A sandbox backend that failed before the run's first model attempt (src/agents/sandbox/errors.ts,
    # SandboxProvisioningError: "Sandbox backend "<backend id>" failed to start: <error>"), carried by the run's end
    # ("Embedded agent failed before reply: ...", a lane task error). Listed after the Docker families so an inner
    # engine timeout or missing engine keeps that reading. The run fails with the error; its wait, if any, is the
    # inner error's own. A fault the user saw that no rule judges.
    _searched(
        "sandbox.start_failed", "error", "failed to start: ",
        r"Sandbox backend \"(?P<backend>[\w.:-]{1,60})\" failed to start: (?P<error>[^\n]{0,2000})",
    ),
    # The managed browser that would not start (t48f; extensions/browser/src/browser/chrome.ts, launchOpenClawChrome:
    # "Failed to start Chrome CDP on port <port> for profile "<name>". <CDP diagnostic>[\nHint: ...][\nChrome stderr:
    # ...]", thrown once the launch window, browser.localLaunchTimeoutMs or 15 s, passed with no /json/version answer;
    # server-context.availability.ts: "Chrome CDP websocket for profile "<name>" is not reachable after start. <CDP
    # diagnostic>" once the CDP readiness window, localCdpReadyTimeoutMs or 15 s, passed; and, after three such
    # failures in a row, "Browser launch for profile "<name>" is cooling down after <n> consecutive managed Chrome
    # launch failures. Retry in <s>s ... Last error: <error>", refused at once). The control service answers the
    # tool with the error (a BrowserServiceError, not wrapped in "Can't reach ..."), logged as "[tools] browser
    # failed: <error>", and the model gets it as the call's result: a bounded wait of the launch window at most, then
    # the run goes on, so not RC03 alone (policy "browser short-timeout failure"); the gateway's "⇄ res ✗
    # browser.request <n>ms ... not reachable after start" stays ws.response, RC03's evidence when it waited 10 s or
    # more (f476). A fault the user saw that no rule judges.
    _anchored(
        "tools.browser_start_failed", "error", ("browser failed: Failed to start Chrome CDP", "Failed to start Chrome CDP"),
        r"(?:browser failed: )?Failed to start Chrome CDP on port (?P<cdpPort>\d{1,5}) for profile "
        r"\"(?P<profile>[^\"\n]{1,100})\"\.?(?P<detail>.*)",
    ),
    _anchored(
        "tools.browser_start_failed", "error",
        ("browser failed: Chrome CDP websocket for profile", "Chrome CDP websocket for profile"),
        r"(?:browser failed: )?Chrome CDP websocket for profile \"(?P<profile>[^\"\n]{1,100})\" is not reachable "
        r"after start\.?(?P<detail>.*)",
    ),
    _anchored(
        "tools.browser_start_failed", "error", ("browser failed: Browser launch for profile", "Browser launch for profile"),
        r"(?:browser failed: )?Browser launch for profile \"(?P<profile>[^\"\n]{1,100})\" is cooling down after "
        r"(?P<consecutiveFailures>\d{1,4}) consecutive managed Chrome launch failures\.(?: Retry in "
        r"(?P<retrySeconds>\d{1,6})s)?(?P<detail>.*)",
    ),
    # -- A census of the dev field corpus's unrecognised fault lines (u47): the templates users paste most that no family
    # read. The agent's tool wrapper (src/agents/pi-tool-definition-adapter.ts) logs a tool that threw as "[tools]
    # <tool> failed: <error>" (logError) and hands the error to the model as the call's result ({"status":"error"}),
    # so the run goes on at once. Read here only for the file tools' own refusals (an ENOENT, EACCES, EISDIR or ENOTDIR
    # on the path, a path outside the sandbox root, an edit whose old text is not in the file: f054, f1121, f1490,
    # f1494, f1559, f2089, f365, f810, f1695, f2143, f812, f1118, f1565) and the browser's SSRF policy refusing a
    # navigation (f780, f788): answered in milliseconds, nothing waits on them, so no stall. A timeout, an abort or a
    # lock in a tool's error stays with its own family (tools.timeout, tools.browser_failed, the lock families).
    _anchored(
        "tools.call_failed", "error",
        ("read failed: ", "edit failed: ", "write failed: ", "browser failed: Navigation blocked"),
        r"(?P<tool>read|edit|write|browser) failed: (?P<error>(?:(?:Error: )?(?:ENOENT|EACCES|EISDIR|ENOTDIR)\b"
        r"|Path escapes sandbox root|Could not find the exact text|Navigation blocked)[^\n]{0,2000})",
    ),
    # (t50l source audit) The image and pdf tools inside a run (src/agents/tools/image-tool.ts, pdf-tool.ts, logged by
    # the same wrapper as "[tools] image|pdf failed: <error>"). A call that ran out a deadline held the run that long:
    # the pdf tool's native provider fetch (pdf-native-providers.ts, 120 s since #54145) and remote reads, the image
    # tool's model deadline, "... timed out after <n>ms" (field timeoutMs): tools.timeout, RC03's evidence only at the
    # stall detector's warn threshold or more (policy "tool call open at the run cap"). Listed before the refusals.
    _anchored(
        "tools.timeout", "error", ("image failed: ", "pdf failed: "),
        r"(?P<tool>image|pdf) failed: [^\n]{0,2000}?\btimed out after (?P<timeoutMs>\d{1,9}) ?ms",
    ),
    # ... and the same tools' failures answered at once (no wait): the media optimiser without its optional sharp
    # package ("Failed to optimize image: Optional dependency sharp is required for image attachment processing |
    # Cannot find package 'sharp' imported from .../media-understanding-core/image-ops.js", #73148, #79828; read here
    # before plugin.load_failed, which that inner Node error would otherwise name), a local file that is not there
    # ("Local media file not found: <path>", f161), a file of the wrong kind ("Unsupported media type: <kind>",
    # "Expected PDF but got <type>: <ref>"), a sandboxed call given a URL ("Sandboxed image|PDF tool does not allow
    # remote URLs."), no model fit for it ("No PDF model configured.", "Model does not support images: <p>/<m>",
    # "Model <p>/<m> does not support images and PDF has no extractable text."). The error goes back to the model as
    # the call's result and the run goes on: no stall. "Image model failed (<p>/<m>): <err>" (a model's own error or
    # an abort, which may be the image tool's deadline or the run's) stays generic.
    _anchored(
        "tools.call_failed", "error", ("image failed: ", "pdf failed: "),
        r"(?P<tool>image|pdf) failed: (?P<error>(?:Error: )?(?:Failed to optimize image|Optional dependency sharp "
        r"|Local media file not found|Unsupported media type: |Expected PDF but got |Sandboxed (?:image|PDF) tool does "
        r"not allow remote URLs|No PDF model configured|Model does not support images|Model \S{1,200} does not support "
        r"images and PDF has no extractable text)[^\n]{0,2000})",
    ),
    # (t50l) The Codex app-server bridge's watchdog on a dynamic tool call (extensions/codex, as pasted in #83416,
    # #81332, #79810): "OpenClaw dynamic tool call timed out after <n>ms while running tool <tool>." (the result the
    # model gets, and the tool wrapper's line) and the gateway's "codex dynamic tool timeout: tool=<tool>
    # toolTimeoutMs=<n>; per-tool-call watchdog, not session idle": the call held the run until that deadline (the
    # image tool's 60 s, image_generate's 30 s), the same reading as an exec timeout.
    _searched(
        "tools.timeout", "error", "dynamic tool call timed out after ",
        r"dynamic tool call timed out after (?P<timeoutMs>\d{1,9})ms while running tool (?P<tool>[\w-]{1,64}(?:\.[\w-]{1,64}){0,4})",
    ),
    _searched(
        "tools.timeout", "warn", "codex dynamic tool timeout: ",
        r"codex dynamic tool timeout: tool=(?P<tool>[\w.-]{1,64}) toolTimeoutMs=(?P<timeoutMs>\d{1,9})",
    ),
    # (h52) The same watchdog in the file log (extensions/codex/src/app-server/dynamic-tool-execution.ts, older builds
    # run-attempt.ts; embeddedAgentLog, warn): the record's message is "codex dynamic tool call timed out" and the
    # meta object carries tool, toolCallId, threadId, turnId, timeoutMs, timeoutKind=codex_dynamic_tool_rpc and the
    # console's wording as consoleMessage; the console prints that wording instead. Read as the console line is.
    _anchored(
        "tools.timeout", "warn", "codex dynamic tool call timed out",
        r"codex dynamic tool call timed out(?! after )" + KV,
    ),
    # The process tool's own wording of that watchdog (same file): the result "OpenClaw dynamic tool call timed out
    # after <n>ms while waiting for process[ action=<a>][ sessionId=<id>]. This is a tool RPC timeout, not a session
    # idle timeout." (or "... while waiting for the process tool.") and the console's "codex process tool timeout:[
    # action=<a>][ sessionId=<id>] toolTimeoutMs=<n>[ requestedWaitMs=<m>]; per-tool-call watchdog, not session idle[;
    # repeated lines usually mean process-poll retry churn, not model progress]"; the file record's meta names them
    # processAction, processSessionId, processRequestedTimeoutMs, as here (the process's session id is an exec
    # session's, no agent session's). A poll waits on a background process at most its own bound (30 s,
    # src/agents/bash-tools.process.ts), under the watchdog's default budget (90 s; the process tool takes no
    # per-call override): the watchdog cut a wait that overran, the error went back to the model as the call's
    # result and the background process runs on. A tool call that returned, as any short tools.timeout is.
    _searched(
        "tools.timeout", "error", "dynamic tool call timed out after ",
        r"dynamic tool call timed out after (?P<timeoutMs>\d{1,9})ms while waiting for (?:the )?(?P<tool>process)"
        r"(?: tool\b|(?: action=(?P<processAction>[\w-]{1,40}))?(?: sessionId=(?P<processSessionId>[^\s.]{1,160}))?)",
    ),
    _searched(
        "tools.timeout", "warn", "codex process tool timeout:",
        r"codex (?P<tool>process) tool timeout:(?: action=(?P<processAction>[\w-]{1,40}))?(?: sessionId=(?P<processSessionId>\S{1,160}))?"
        r" toolTimeoutMs=(?P<timeoutMs>\d{1,9})(?: requestedWaitMs=(?P<processRequestedTimeoutMs>\d{1,9}))?",
    ),
    # Telegram's native command menu (extensions/telegram/src/bot-native-commands.ts, runtime.log): "Telegram menu text
    # exceeded the conservative <n>-character payload budget; shortening descriptions to keep <n> commands visible."
    # and "... still exceeded the conservative <n>-character payload budget after shortening descriptions; registering
    # first <n> commands." (the console drops "Telegram " after its [telegram] tag): the menu sent to setMyCommands was
    # trimmed at start-up, every command stays callable. Start-up cosmetics (f1567, f1579, f4698: healthy starts).
    _anchored(
        "channel.menu_trimmed", "info", ("menu text ", "Telegram menu text "),
        r"(?:Telegram )?menu text (?:still )?exceeded the conservative (?P<budgetChars>\d+)-character payload budget"
        r"(?:; shortening descriptions to keep (?P<commands>\d+) commands visible"
        r"| after shortening descriptions; registering first (?P<registered>\d+) commands)",
    ),
    # The gateway's start-up prewarm of the primary model (src/gateway/server-startup.ts, schedulePrimaryModelPrewarm;
    # warn, debug on later builds): "startup model warmup timed out after <n>ms; continuing without waiting". The
    # prewarm (the model catalogue, the provider's auth) gets 5 s and the channels start without it; a first turn pays
    # what is left. Cosmetic alone (f151); a start that starves has its own lines (liveness warnings, event-loop delay),
    # which the rules read (f810, f812 beside it).
    _anchored(
        "gateway.model_warmup_timeout", "warn", "startup model warmup timed out",
        r"startup model warmup timed out after (?P<timeoutMs>\d+)ms(?:; continuing without waiting)?",
    ),
    # An auth profile put in cooldown or disabled after a failed model call (src/agents/auth-profiles/
    # state-observation.ts, warn, subsystem agent/embedded): "auth profile failure state updated: runId=<id>
    # profile=<sha256:...> provider=<p> reason=<timeout|auth|rate_limit|model_not_found|...> window=<cooldown|disabled>
    # reused=<bool>". Bookkeeping of a failure the same run reports in its own lines (the agent end's error, the
    # failover decision with the same runId and reason), which are what the rules read; all profiles of a provider in
    # cooldown is model.provider_cooldown. Seen in f161, f810 (beside RC01's failover lines) and f2573.
    _anchored(
        "model.auth_profile_failure", "warn", "auth profile failure state updated:",
        r"auth profile failure state updated:" + KV,
    ),
    # Bundle MCP servers (src/agents/pi-bundle-mcp-runtime.ts, logWarn under "bundle-mcp: ", which the logger routes
    # to the bundle-mcp subsystem): a server whose requests keep timing out is recycled, "recycling server "<name>"
    # after repeated timeouts" (after an expired HTTP session it is routine), and "failed to retire timed-out server
    # "<name>": <err>"; a server that did not come up, "failed to start|refresh server "<name>" (<launch>): <err>",
    # and the error a paused one fails calls with, "bundle-mcp server "<name>" is paused after repeated tool
    # failures; retry after <time>"; a dropped transport, "server "<name>" closed; next request reconnects".
    _anchored(
        "mcp.request_timeout", "warn",
        ("bundle-mcp: recycling server ", "recycling server ", "bundle-mcp: failed to retire timed-out server ",
         "failed to retire timed-out server "),
        r"(?:bundle-mcp: )?(?P<action>recycling|failed to retire timed-out) server \"(?P<server>[^\"]{1,200})\""
        r"(?: after repeated timeouts\s*$|:\s*(?P<error>.*))",
    ),
    _anchored(
        "mcp.server_closed", "info",
        ("bundle-mcp: recycling server ", "recycling server ", "bundle-mcp: server \"", "server \""),
        r"(?:bundle-mcp: )?(?:recycling )?server \"(?P<server>[^\"]{1,200})\" "
        r"(?:after (?P<reason>an expired HTTP session)|(?P<closed>closed); next request reconnects)",
    ),
    _anchored(
        "mcp.server_failed", "warn", ("bundle-mcp: failed to ", "failed to start server \"", "failed to refresh server \""),
        r"(?:bundle-mcp: )?failed to (?P<action>start|refresh) server \"(?P<server>[^\"]{1,200})\""
        r"(?: \((?P<launch>[^\n]{0,300}?)\))?:\s*(?P<error>.*)",
    ),
    # A tool call whose transport failed (the t50a audit; src/agents/pi-bundle-mcp-runtime.ts, warn): "bundle-mcp: tool
    # call failed for "<server>", attempting reconnect[: <err>]"; the caller waits a bounded reconnect, then gets the
    # error. The server dropped: a fault no rule judges.
    _anchored(
        "mcp.server_failed", "warn", ("bundle-mcp: tool call failed for ", "tool call failed for \""),
        r"(?:bundle-mcp: )?tool call failed for \"(?P<server>[^\"]{1,200})\", (?P<action>attempting reconnect)"
        r"(?::\s*(?P<error>.*))?",
    ),
    _searched(
        "mcp.server_failed", "warn", "is paused after repeated tool failures",
        r"bundle-mcp server \"(?P<server>[^\"]{1,200})\" is paused after repeated tool failures"
        r"(?:; retry after (?P<retryAfter>\S+))?",
    ),
    # A gateway RPC that got no answer in time, after a caller's own words ("chat.send failed: Error: gateway request
    # timeout for chat.send", "Failed to start CLI: GatewayTransportError: gateway timeout after 30000ms"); the bare
    # forms are read by the anchored families above, and the lines that already carry one (gateway connect failed,
    # lane task error, subagent announce) keep their kinds.
    _searched(
        "gateway.timeout", "error", "gateway request timeout for ",
        r"gateway request timeout for (?P<requestTimeoutMethod>[\w.]{1,80})",
    ),
    _searched(
        "gateway.timeout", "error", "gateway timeout after ",
        r"(?:GatewayTransportError: )?gateway timeout after (?P<timeoutMs>\d+)ms",
    ),
    # `openclaw status`'s gateway row when the probe got no answer (src/commands/status*): "Gateway │ local ·
    # ws://127.0.0.1:18789 (local loopback) · unreachable (<reason>)", the reason e.g. "timeout". The CLI could not
    # reach the gateway: the meaning of gateway.unreachable.
    # Not the newest CLI's hint under a 1006 close (src/gateway/transport-error.ts), "- Gateway process stopped or
    # became unreachable (confirm it is still running)": one of its "Possible causes:", printed under every 1006
    # close whatever the cause (the close itself is gateway.closed).
    _searched(
        "gateway.unreachable", "error", "unreachable (",
        r"\A\W{0,4}Gateway\b(?! process stopped or became unreachable \()[^\n]{0,300}?\bunreachable \("
        r"(?P<reason>[^()\n]{1,200})\)",
    ),
    # The session store's own lock (src/config/sessions/store.ts, sessions.json.lock, 10 s): "timeout acquiring
    # session store lock: <lock path>", thrown to whatever was writing the store (a channel's inbound handler, a
    # run's bookkeeping). A crash-looped gateway has been seen holding it itself: every inbound turn then fails.
    # Later builds word it "timeout waiting for session store lock: <store path>" (lockTimeoutError, the same lock;
    # f1092's Telegram handler failed on it).
    _searched(
        "lock.store_timeout", "error", "ession store lock",
        r"[Tt]imeout (?:acquiring|waiting for) session store lock(?::\s*(?P<storeLockPath>[^\s\"']{1,1000}))?",
    ),
    # Transcript repair (src/agents/session-tool-result-guard / session-transcript-repair.ts): a tool call with no
    # result in the history gets a synthetic error result whose text is "[openclaw] missing tool result in session
    # history; inserted synthetic error result for transcript repair." ([clawdbot] in early builds). Its tool call
    # was cut off: the run ended (a restart, an abort) while the tool was running.
    _searched(
        "transcript.missing_tool_result", "warn", "missing tool result in session history",
        r"(?:\[(?P<product>" + PRODUCT_NAMES + r")\] )?missing tool result in session history"
        r"(?:; inserted synthetic error result)?",
    ),
    # src/agents/session-file-repair.ts (SQLite transcripts): "session transcript repaired: <dropped N malformed
    # entries, rewrote N assistant message(s), ...> (agentId=<a> sessionId=<s>)" (debug) and "session transcript
    # repair skipped: invalid session header (agentId=<a> sessionId=<s>)" (warn): a corrupted transcript.
    _anchored(
        "transcript.repaired", "debug", ("session transcript repaired:", "session transcript repair skipped:"),
        r"session transcript (?P<stage>repaired|repair skipped):\s*(?P<detail>.*?)\s*"
        r"(?:\(agentId=(?P<agentId>[^\s()]+) sessionId=(?P<sessionId>[^\s()]+)\))?\s*$",
    ),
    # WhatsApp Web (extensions/whatsapp/src/auto-reply/monitor.ts): beside the console's "WhatsApp Web connection
    # closed (status <s>). Retry ...", the reconnect logger's own records, whose fields are in the meta object:
    # "web reconnect: scheduling retry" (info; status, reconnectAttempts, maxAttempts, delayMs) and "web reconnect:
    # max attempts reached[; continuing in degraded mode]" (warn); the watchdog's reconnect of a stale socket,
    # "WhatsApp Web watchdog is recovering a stale connection (status <s>). Retry <n>/<max> in <d>."; and the
    # older give-up "WhatsApp Web connection closed (status <s>). Reached max retries (<n>); exiting so you can
    # relink."
    _anchored(
        "channel.auto_restart", "info", "web reconnect: scheduling retry",
        r"web reconnect: scheduling retry" + KV,
    ),
    _anchored(
        "channel.restart_gave_up", "warn", "web reconnect: max attempts reached",
        r"web reconnect: max attempts reached(?:; (?P<detail>continuing in degraded mode))?" + KV,
    ),
    _anchored(
        "channel.auto_restart", "warn", ("WhatsApp Web watchdog is recovering", "Web watchdog is recovering"),
        r"(?:WhatsApp )?Web watchdog is recovering a stale connection \(status (?P<status>[\w-]{1,20})\)\. Retry "
        r"(?P<attempt>\d+)/(?P<maxAttempts>\d+|∞)(?: in (?P<restartDelay>[\d.]{1,12}(?:ms|s|m|h)))?",
    ),
    _anchored(
        "channel.restart_gave_up", "error", ("WhatsApp Web connection closed (status ", "Web connection closed (status "),
        r"(?:WhatsApp )?Web connection closed \(status (?P<status>[\w-]{1,20})\)\. Reached max retries "
        r"\((?P<maxAttempts>\d+)\)",
    ),
    # The close itself as pasted without its retry tail ("[whatsapp] Web connection closed (status 428)"): a
    # transport error of the channel, not yet a restart.
    _anchored(
        "channel.transport_error", "error", ("WhatsApp Web connection closed (status ", "Web connection closed (status "),
        r"(?:WhatsApp )?Web connection closed \(status (?P<status>[\w-]{1,20})\)\.?(?:\s*(?:…|\.{3}))?\s*$",
    ),
    # The same monitor before the inbox attaches (runtime.error): "WhatsApp Web connection closed during setup (status
    # 428). Retry <n>/<max|∞> in <d>." and "WhatsApp auth state is still stabilizing. Retry <n>/<max|∞> for inbox attach
    # in <d>." (reconnects), their give-ups "... during setup (status 428) after <n>/<max> attempts. Relink with ..." and
    # "WhatsApp auth state is still stabilizing after <n>/<max> attempts. Stopping web monitoring.", with the reconnect
    # logger's records of each ("web reconnect: 428 during opening; retrying|max attempts reached", "web reconnect:
    # auth state still stabilizing during inbox attach; retrying", "web reconnect: auth state stayed unstable; max
    # attempts reached"). Its watchdog (web-heartbeat, warn): "WhatsApp watchdog timeout detected - forcing reconnect"
    # (fields in the meta object) and "WhatsApp watchdog timeout (<transport-inactive|app-silent>) - restarting
    # connection"; a crypto failure on the socket, "web reconnect: unhandled rejection from WhatsApp socket; forcing
    # reconnect"; and a close status it never retries, "web reconnect: non-retryable close status; stopping monitor".
    _anchored(
        "channel.auto_restart", "error",
        ("WhatsApp Web connection closed during setup (status ", "Web connection closed during setup (status ",
         "WhatsApp auth state is still stabilizing. Retry ", "auth state is still stabilizing. Retry "),
        r"(?:WhatsApp )?(?:Web connection closed during setup \(status (?P<status>[\w-]{1,20})\)|auth state is still "
        r"stabilizing)\. Retry (?P<attempt>\d+)/(?P<maxAttempts>\d+|∞)(?: for inbox attach)?"
        r"(?: in (?P<restartDelay>[\d.]{1,12}(?:ms|s|m|h)))?",
    ),
    _anchored(
        "channel.restart_gave_up", "error",
        ("WhatsApp Web connection closed during setup (status ", "Web connection closed during setup (status ",
         "WhatsApp auth state is still stabilizing after ", "auth state is still stabilizing after "),
        r"(?:WhatsApp )?(?:Web connection closed during setup \(status (?P<status>[\w-]{1,20})\)|auth state is still "
        r"stabilizing) after (?P<attempt>\d+)/(?P<maxAttempts>\d+) attempts",
    ),
    _anchored(
        "channel.auto_restart", "info",
        ("web reconnect: 428 during opening; retrying", "web reconnect: auth state still stabilizing"),
        r"web reconnect: (?P<reason>428 during opening|auth state still stabilizing during inbox attach); retrying" + KV,
    ),
    _anchored(
        "channel.restart_gave_up", "warn",
        ("web reconnect: 428 during opening; max attempts reached", "web reconnect: auth state stayed unstable"),
        r"web reconnect: (?P<reason>428 during opening|auth state stayed unstable); max attempts reached" + KV,
    ),
    _anchored(
        "channel.polling_stall", "warn", ("WhatsApp watchdog timeout", "watchdog timeout ("),
        r"(?:WhatsApp )?watchdog timeout (?:detected - forcing reconnect|\((?P<watchdogReason>[\w-]{1,40})\) - restarting "
        r"connection)" + KV,
    ),
    # The same watchdog's record on the heartbeat logger (extensions/whatsapp/src/auto-reply/monitor.ts, web-heartbeat,
    # warn): "Message timeout detected - forcing reconnect" with minutesSinceLastMessage in its meta object, written just
    # before its "No messages received in <n>m" twin; read where the minutes stand before the words, as the record is
    # pasted ("web-heartbeat: minutesSinceLastMessage: 42, forcing reconnect", #60378; the heartbeat's own "no messages
    # in 30+ minutes" record carries the field too, and forces nothing). RC18 counts the twins once.
    _searched(
        "channel.polling_stall", "warn", "minutesSinceLastMessage",
        r"(?P<channel>minutesSinceLastMessage)\W{1,3}(?P<minutesSinceLastMessage>\d{1,7}),?\s*forcing reconnect",
        values={"channel": {"minutesSinceLastMessage": "whatsapp"}},  # (a field only the WhatsApp monitor writes)
    ),
    _anchored(
        "channel.transport_error", "warn", "web reconnect: unhandled rejection from WhatsApp socket",
        r"web reconnect: unhandled rejection from WhatsApp socket; forcing reconnect" + KV,
    ),
    _anchored(
        "channel.terminal_disconnect", "warn", "web reconnect: non-retryable close status",
        r"web reconnect: non-retryable close status; stopping monitor" + KV,
    ),
    # A send through a WhatsApp account whose Web listener is not running (the outbound adapter's error,
    # PlatformMessageNotDispatchedError): "No active WhatsApp Web listener (account: <id>). Start the gateway, then
    # link WhatsApp with: ...". Cron deliveries and replies fail on it while the channel is down.
    _searched(
        "channel.no_listener", "error", "No active WhatsApp Web listener",
        r"No active WhatsApp Web listener(?: \(account: (?P<account>[^()\s]{1,200})\))?",
    ),
    # Mattermost (extensions/mattermost/src/mattermost/monitor.ts, runWithReconnect): "mattermost connection
    # failed: <err>" (error) when the WebSocket could not connect or failed, then "mattermost reconnecting in <n>s"
    # (info; also after a clean close).
    _anchored(
        "channel.transport_error", "error", "mattermost connection failed:",
        r"(?P<channel>mattermost) connection failed:\s*(?P<error>.*)",
    ),
    _anchored(
        "channel.reconnecting", "info", "mattermost reconnecting in ",
        r"(?P<channel>mattermost) reconnecting in (?P<restartDelay>\d+(?:\.\d+)?s)",
    ),
    # Mattermost's websocket monitor (t48h: extensions/mattermost/src/mattermost/monitor-websocket.ts, runtime.error):
    # the handler of a posted event throwing, "mattermost handler failed: <err>" (the reaction handler's own is
    # "mattermost reaction handler failed: <err>"). An error of the code or the install there (a TypeError, a module an
    # upgrade replaced) meets every message alike: the handler broken (channel.handler_broken; not undici's "TypeError:
    # fetch failed", a network failure). Any other error
    # fails that one message (channel.inbound_failed); one worded as a connection failing ("fetch failed", ECONN...)
    # stays with the channel-subsystem reading of a transport failing (channels.as_channel_failure). (The first
    # builds' monitor.ts wrote "Mattermost handler failed: <err>" for the same catch.)
    _searched(
        "channel.handler_broken", "error", "attermost handler failed: ",
        r"\b(?P<channel>[Mm]attermost) (?P<event>handler) failed: (?![^\n]{0,200}?fetch failed)" + FAILS_EVERY_UPDATE
        + r"(?P<error>.*)",
        values={"channel": {"Mattermost": "mattermost"}},
    ),
    _searched(
        "channel.inbound_failed", "error", "handler failed: ",
        r"\b(?P<channel>[Mm]attermost) (?P<event>(?:reaction )?handler) failed: "
        r"(?![^\n]{0,200}?(?:fetch failed|\bECONN[A-Z]{1,10}\b|\bETIMEDOUT\b|\bENOTFOUND\b|\bEAI_AGAIN\b|socket hang up))"
        r"(?P<error>.*)",
        values={"channel": {"Mattermost": "mattermost"}},
    ),
    # Zalo (extensions/zalo/src/monitor.ts): the long-poll loop's failure, "[<account>] Zalo polling error: <err>"
    # (console.error, retried after 5 s; its own poll timeout is not logged), and an inbound update that failed,
    # "[<account>] Zalo webhook failed: <err>".
    # QQ Bot's gateway connection (its engine's gateway-connection): a connect whose request for the WebSocket address
    # failed, "Connection failed: <err>" (error), the API client's error being "Network error [<path>]: <err>" for the
    # platform's /gateway endpoint; the connection schedules its next attempt after it.
    _searched(
        "channel.transport_error", "error", "Connection failed: Network error [/gateway",
        r"(?P<channel>Connection) failed: (?P<error>Network error \[/gateway(?:/bot)?\]:?[^\n]*)",
        values={"channel": {"Connection": "qqbot"}},
    ),
    # QQ Bot's reconnect state machine (extensions/qqbot/src/engine/gateway/reconnect.ts; before it the plugin's
    # gateway.ts, "[qqbot:<accountId>] " before each line): three closes each within 5 s of their connect, "Too many
    # quick disconnects. This may indicate a permission issue." (error; the next attempt waits a minute): a connection
    # that keeps falling over, a reconnect loop on its own. A close with code 4914/4915, "Bot is offline/sandbox-only.
    # Please contact QQ platform." / "Bot is banned. Please contact QQ platform." (error), is fatal: no reconnect.
    # The closes it reconnects from (info): "Invalid token (4004), will refresh token and reconnect", "Rate limited
    # (4008), waiting <n>ms", "Error <code> (<reason>), will re-identify", "Internal error (<code>), will re-identify".
    _searched(
        "channel.reconnecting", "error", "Too many quick disconnects. ",
        r"(?:\[qqbot:(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>)"
        r"(?P<quickDisconnectLoop>Too many quick disconnects)\. This may indicate a permission issue",
        values={"channel": {"": "qqbot"}},
    ),
    _searched(
        "channel.terminal_disconnect", "error", ". Please contact QQ platform",
        r"(?:\[qqbot:(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>)Bot is (?P<detail>offline/sandbox-only|banned)\. "
        r"Please contact QQ platform",
        values={"channel": {"": "qqbot"}},
    ),
    _searched(
        "channel.reconnecting", "info", "), will re",
        r"(?:\[qqbot:(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>)(?P<reason>Invalid token|Internal error) "
        r"\((?P<closeCode>\d{4})\), will (?:refresh token and reconnect|re-identify)\b",
        values={"channel": {"": "qqbot"}},
    ),
    _searched(
        "channel.reconnecting", "info", "), will re-identify",
        r"(?:\[qqbot:(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>)Error (?P<closeCode>\d{4}) "
        r"\((?P<reason>[^()\n]{1,60})\), will re-identify\b",
        values={"channel": {"": "qqbot"}},
    ),
    _searched(
        "channel.reconnecting", "info", "Rate limited (4008), waiting ",
        r"(?:\[qqbot:(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>)Rate limited \((?P<closeCode>4008)\), waiting "
        r"(?P<restartDelay>\d+ms)",
        values={"channel": {"": "qqbot"}},
    ),
    # QQ Bot's gateway answering identify or resume with op 9 (the plugin's gateway.ts, sliverp/qqbot and
    # tencent-connect/openclaw-qqbot before its SDK, "[qqbot:<accountId>] " first): "Invalid session (<intents>), can
    # resume: <true|false>, raw: <payload>" (error; older builds "Invalid session, can resume: <bool>"): the platform
    # refused the session, the plugin drops it, refreshes its token and identifies again; the same again is an
    # identify loop (f499's "invalid session" shape, the bot taking in nothing meanwhile).
    _searched(
        "channel.transport_error", "error", ", can resume: ",
        r"(?:\[qqbot:(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>)Invalid session"
        r"(?: \((?P<intents>[^()\n]{1,120})\))?, can resume: (?P<canResume>true|false)\b",
        values={"channel": {"": "qqbot"}},
    ),
    # The QQ Bot plugin's reconnect loop giving up (its gateway.ts, sliverp/qqbot; the bundled engine's
    # gateway-connection writes it with no tag), "[qqbot:<accountId>] Max reconnect attempts reached or aborted"
    # (error), after 100 attempts: no further connect is scheduled, the account takes in nothing until the gateway
    # restarts it. (Its closes schedule a reconnect only while not aborted, so the "or aborted" is not a shutdown's
    # line.) The OneBot QQ plugin's copy of that loop writes "[onebot:<accountId>] ..." (its gateway.ts).
    _searched(
        "channel.restart_gave_up", "error", "Max reconnect attempts reached or aborted",
        r"(?:\[(?P<channel>qqbot|onebot)(?:-gateway)?(?::(?P<account>[^\[\]\s]{1,200}))?\]\s*)?"
        r"Max reconnect attempts reached or aborted",
        values={"channel": {"onebot": "qq"}},
    ),
    _searched(
        "channel.transport_error", "error", "Zalo polling error",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>Zalo) polling error:?\s*(?P<error>.*)",
    ),
    _searched(
        "channel.inbound_failed", "error", "Zalo webhook failed",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>Zalo) (?P<event>webhook) failed:?\s*(?P<error>.*)",
    ),
    # ... but a body the spool refused as no message of Zalo's (extensions/zalo/src/monitor.webhook-ingress.ts,
    # ZaloWebhookPayloadError, answered 400: invalid JSON, no JSON object, no message.message_id or message.chat.id)
    # is a request no user sent (a probe, a non-message event): no message was lost, nothing to diagnose.
    _searched(
        "channel.payload_rejected", "error", "Zalo webhook admission failed: ZaloWebhookPayloadError",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>Zalo) (?P<event>webhook admission) failed:?\s*"
        r"(?P<error>ZaloWebhookPayloadError: [^\n]{0,500})",
        values={"channel": {"Zalo": "zalo"}},
    ),
    # Zalo's ingress up (extensions/zalo/src/monitor.ts, runtime.log at INFO): in polling mode "[<account>] Zalo polling
    # loop started timeout=<n>s", written once the old webhook is cleared and just before the first getUpdates; in
    # webhook mode "[<account>] Zalo webhook registered path=<path>", written once setWebhook was accepted and the
    # path's target registered. The channel receiving again, as Telegram's "polling ingress started" is (RC18 reads an
    # exit it came back from as healed). Its "Zalo polling mode: clearing webhook before startup" is a start step, not
    # the ingress up.
    _searched(
        "channel.polling_started", "info", "Zalo polling loop started",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>Zalo) polling loop started(?: timeout=(?P<timeout>\d+s))?",
        values={"channel": {"Zalo": "zalo"}},
    ),
    _searched(
        "channel.polling_started", "info", "Zalo webhook registered path=",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>Zalo) webhook registered path=(?P<path>\S{1,300})",
        values={"channel": {"Zalo": "zalo"}},
    ),
    # Zalo's newer webhook (extensions/zalo/src/monitor.webhook.ts, its durable spool): an update the webhook could not
    # admit, "[<account>] Zalo webhook admission failed: <err>" (error; answered 500): that message got no turn.
    _searched(
        "channel.inbound_failed", "error", "Zalo webhook admission failed",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>Zalo) (?P<event>webhook admission) failed:?\s*"
        r"(?P<error>.*)",
    ),
    # Zalo's provider start (extensions/zalo/src/monitor.ts, monitorZaloProvider): "[<account>] Zalo provider startup
    # failed mode=<webhook|polling>: <err>" (error), then it rethrows: a setWebhook the platform refused (a bad token,
    # a URL it would not take) or a webhook config it cannot use; the account did not start, the channel manager's
    # restarts meet the same refusal.
    _searched(
        "channel.exited", "error", "Zalo provider startup failed",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>Zalo) provider startup failed"
        r"(?: mode=(?P<mode>webhook|polling))?:\s*(?P<error>[^\n]{0,1000})",
        values={"channel": {"Zalo": "zalo"}},
    ),
    # Google Chat (extensions/googlechat/src/monitor-webhook.ts, runtime.error): an inbound event the webhook had
    # acknowledged (200) whose processing then failed, "[<account>] Google Chat webhook failed: <err>": that message got
    # no turn and no reply.
    _searched(
        "channel.inbound_failed", "error", "Google Chat webhook failed",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>Google Chat) (?P<event>webhook) failed:?\s*(?P<error>.*)",
        values={"channel": {"Google Chat": "googlechat"}},
    ),
    # Google Chat's webhook refusing an inbound event whose bearer token no account verified (t48h: extensions/
    # googlechat/src/monitor-webhook.ts, runtime.log, newer builds; 401 to Google, no turn): "[<account>] Google Chat
    # webhook auth rejected: <reason>", the reason auth.ts's verifyGoogleChatRequest gives. A reason that comes from
    # the account's own config meets every message alike: "missing audience" (no audience configured), "unsupported
    # audience type", "missing add-on principal binding" (an add-on's token and no appPrincipal set), "unexpected
    # add-on principal: <sub>" (appPrincipal set to another id than the add-on's; the number to set is in the line),
    # and google-auth-library's "Wrong recipient, payload audience != requiredAudience" (the audience configured is
    # not the one Google signs for). The channel's intake refused for its credentials (RC18). The other reasons
    # ("missing token", "email not verified", "invalid issuer: <email>", a token expired or badly signed) are what a
    # stray or forged request to the public URL gets: one refusal, no fault, left generic. The start-up warning
    # '[<account>] appPrincipal is missing for audienceType "app-url"; add-on token verification will fail.' is left
    # unread: it is written whether or not the app is an add-on (a Workspace app's tokens never need appPrincipal).
    _searched(
        "channel.inbound_unauthorized", "warn", "Google Chat webhook auth rejected: ",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>Google Chat) webhook auth rejected: "
        r"(?P<reason>missing audience|unsupported audience type|missing add-on principal binding"
        r"|unexpected add-on principal: (?P<principal>[^\s\[\]]{1,200})"
        r"|Wrong recipient, payload audience != requiredAudience)\s*$",
        values={"channel": {"Google Chat": "googlechat"}},
    ),
    # Google Chat's replies (extensions/googlechat/src/monitor.ts and monitor-reply-delivery.ts, runtime.error): a reply
    # the turn produced that did not reach the space, "[<account>] Google Chat <kind> reply failed: <err>" (kind final,
    # block or tool), and its sends, "Google Chat message send failed: <err>", "Google Chat message fallback send failed:
    # <err>". The Chat API's own refusal reads "Google Chat API <status>: <body>" (api.ts): a 401 or 403 there is the
    # app's credentials or its access to the space refused, which every reply meets alike, so the bot is silent however
    # well its webhook takes messages in (the channel failing, as channels.py reads a send refused for its credentials).
    # So is the app's access token refused before the call is made (t48a): google-auth-library's service-account token
    # request answered with an OAuth error, "invalid_grant: Invalid JWT Signature." (a deleted or rotated key),
    # "invalid_grant: Invalid grant: account not found", "unauthorized_client: ...", or auth.ts's own "Missing Google
    # Chat access token" (getGoogleChatAccessToken, no token in the answer): every send asks for that token first.
    # Any other error fails one reply and stays generic.
    _searched(
        "channel.transport_error", "error", "Google Chat ",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>Google Chat) (?P<event>(?:final|block|tool) reply"
        r"|message (?:fallback )?send) failed: (?=[^\n]{0,200}?(?:Google Chat API 40[13]\b|\b(?:invalid_grant|"
        r"invalid_client|unauthorized_client)\b|Missing Google Chat access token\b))(?P<error>.*)",
        values={"channel": {"Google Chat": "googlechat"}},
    ),
    # The channel manager's stop (src/gateway/server-channels.ts, later src/channels/manager/, warn): an account
    # whose task outlived its 5 s budget after the abort, "[<accountId>] channel stop exceeded <n>ms after abort;
    # continuing shutdown", or whose plugin stopAccount hook did, "[<accountId>] stopAccount exceeded <n>ms; continuing
    # stop". Its runtime stays `running` (lastError "channel stop timed out after <n>ms") and the old connection may
    # still be open: a Telegram long poll then answers the next start with 409 conflicts.
    _searched(
        "channel.stop_timeout", "warn", "channel stop exceeded ",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?channel stop exceeded (?P<stopTimeoutMs>\d+)ms after abort",
    ),
    _searched(
        "channel.stop_timeout", "warn", "stopAccount exceeded ",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<stage>stopAccount) exceeded (?P<stopTimeoutMs>\d+)ms",
    ),
    # The same manager once the hung task settles: "[<accountId>] restarting after timed-out channel stop completed"
    # (info), a restart of the account; a task that returned with no error, "[<accountId>] channel exited without an
    # error" (error), an exit as "channel exited: <err>" is; and "[<accountId>] auto-restart skipped, terminal
    # disconnect" (info): the plugin reported a disconnect no restart fixes, so the account stays down.
    _searched(
        "channel.auto_restart", "info", "restarting after timed-out channel stop",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?restarting after (?P<reason>timed-out channel stop) completed",
    ),
    _searched(
        "channel.exited", "error", "channel exited without an error",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?channel exited (?P<error>without an error)",
    ),
    # The DingTalk Stream SDK (dingtalk-stream, bundled by the DingTalk channel plugins) tearing down a socket that
    # missed its ping/pong heartbeat, untagged on the console: "TERMINATE SOCKET: Ping Pong does not transfer heartbeat
    # within heartbeat intervall" (sic; pasted in soimy/openclaw-channel-dingtalk #106 and #205). A drop the client
    # reconnects from: twice is a reconnect loop (RC18).
    _searched(
        "channel.reconnecting", "warn", "TERMINATE SOCKET: Ping Pong",
        r"(?P<channel>TERMINATE SOCKET): Ping Pong does not transfer heartbeat",
        values={"channel": {"TERMINATE SOCKET": "dingtalk"}},
    ),
    # The Discord client library's (@buape/carbon) heartbeat throwing on a connection it had already torn down:
    # "Error: Attempted to reconnect zombie connection after disconnecting first (this shouldn't be possible)",
    # uncaught in the builds that did not guard it (#64011), so the gateway process stopped with the channel.
    _searched(
        "channel.exited", "error", "Attempted to reconnect zombie connection",
        r"(?P<error>Attempted to reconnect (?P<channel>zombie) connection[^\n]{0,120})",
        values={"channel": {"zombie": "discord"}},
    ),
    _searched(
        "channel.terminal_disconnect", "info", "auto-restart skipped, terminal disconnect",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?auto-restart skipped, terminal disconnect",
    ),
    # Disconnects the channels themselves call terminal, each followed by the monitor's stop: WhatsApp Web
    # (extensions/whatsapp/src/auto-reply/monitor.ts, runtime.error) "WhatsApp session logged out. Run `openclaw
    # channels login ...` to relink." and "WhatsApp Web connection closed (status <s>: session conflict). Resolve
    # conflicting WhatsApp Web sessions, then relink ... Stopping web monitoring."; Discord (extensions/discord/src/
    # monitor/provider.lifecycle.ts, runtime.error) "discord: gateway closed with code 4014 (missing privileged gateway
    # intents). ..." (and the other close codes Discord never resumes: 4004 authentication failed, 4010-4013).
    _searched(
        "channel.terminal_disconnect", "error", "session logged out",
        r"(?P<channel>WhatsApp) session logged out\b(?P<detail>[^\n]{0,300})",
        values={"channel": {"WhatsApp": "whatsapp"}},
    ),
    # WhatsApp's QR login giving up (extensions/whatsapp/src/login-qr.ts, waitForWebLogin; f60): "WhatsApp login failed:
    # <formatError(err)>" (e.g. "status=515 Unknown Stream Errored (restart required)") or "WhatsApp login failed." is
    # written only once the login is over: a 401 has its own message, and a 515 (Baileys' "restart required" right
    # after pairing) first gets one fresh socket ("WhatsApp asked for a restart after pairing (code 515); retrying
    # connection once…"), so a 515 here is that restart used up or failed. The onboarding wizard writes the same words
    # over loginWeb's throw. Nothing retries it: the account stays unlinked until the login is run again.
    # The same line when nobody scanned the QR: Baileys closes a pairing socket whose QR codes all expired unscanned
    # with "QR refs attempts ended" (status 408), and the login gives up with it ("WhatsApp login failed: status=408
    # Request Time-out QR refs attempts ended"; the onboarding wizard's "WhatsApp login failed: Error: ..." over the
    # CLI login's throw). A pairing the user left or cancelled, not the channel failing: read apart, at info (h59).
    _searched(
        "channel.login_expired", "info", "QR refs attempts ended",
        r"(?P<channel>WhatsApp) (?P<stage>login) failed: (?P<detail>[^\n]{0,200}?QR refs attempts ended[^\n]{0,100})",
        values={"channel": {"WhatsApp": "whatsapp"}},
    ),
    _searched(
        "channel.terminal_disconnect", "error", "WhatsApp login failed",
        r"(?P<channel>WhatsApp) (?P<stage>login) failed(?:\.|: (?P<detail>(?:status=(?P<status>\d{3}) )?[^\n]{1,300}))",
        values={"channel": {"WhatsApp": "whatsapp"}},
    ),
    _searched(
        "channel.terminal_disconnect", "error", ": session conflict)",
        r"(?:(?P<channel>WhatsApp) )?Web connection closed \(status (?P<status>\w{1,20}): session conflict\)",
        values={"channel": {"WhatsApp": "whatsapp"}},
    ),
    _searched(
        "channel.terminal_disconnect", "error", "gateway closed with code 4",
        r"(?:(?P<channel>discord): )?gateway closed with code (?P<closeCode>40(?:04|1[0-4]))(?: \((?P<detail>[^()]{1,200})\))?",
    ),
    # The Discord client library's own error for those close codes (@buape/carbon's GatewayPlugin, "Fatal Gateway
    # error: 4014"), thrown out of its reconnect attempt and, in builds that did not catch it, as the process's
    # "Uncaught exception: Error: Fatal Gateway error: 4014" (#21099, PR #20734). Lines the families above read
    # ("discord gateway error: ...", "channel exited: ...") keep their kinds.
    _searched(
        "channel.terminal_disconnect", "error", "Fatal Gateway error: 40",
        r"(?P<channel>Fatal Gateway) error: (?P<closeCode>40(?:04|1[0-4]))\b",
        values={"channel": {"Fatal Gateway": "discord"}},
    ),
    # Slack's Web API refusing the app's token for good ("An API error occurred: account_inactive", the @slack/web-api
    # error a provider start throws when the workspace or bot was deactivated, #32366; likewise invalid_auth,
    # token_revoked, not_authed, team_disabled): no restart brings the channel back until the token is replaced.
    _searched(
        "channel.terminal_disconnect", "error", "An API error occurred: ",
        r"An (?P<channel>API) error occurred: (?P<detail>account_inactive|invalid_auth|token_revoked|not_authed"
        r"|team_disabled|token_expired)\b",
        values={"channel": {"API": "slack"}},
    ),
    # Discord's reconnect watchdog (provider.lifecycle.ts, runtime.error): a socket that closed and did not come back
    # within the watchdog's budget, "discord: reconnect watchdog timeout after <n>ms; force-stopping monitor task"; and
    # an old socket that would not close before a reconnect, "discord: gateway socket did not close within <n>ms
    # before reconnect; attempting forced terminate ...", "... did not close <n>ms after forced terminate; ...", "...
    # did not expose a working terminate() after <n>ms; ..." (a transport error each).
    _searched(
        "channel.polling_stall", "error", "reconnect watchdog timeout after ",
        r"(?:(?P<channel>discord): )?reconnect watchdog timeout after (?P<timeoutMs>\d+)ms",
    ),
    # Its start's variant (provider.lifecycle.ts, runtime.error): after a READY wait timed out the old socket would not
    # close: "discord: startup restart waiting on a stale gateway socket for <n>ms; forcing terminate before reconnect".
    _searched(
        "channel.transport_error", "error", "waiting on a stale gateway socket for ",
        r"(?:(?P<channel>discord): )?startup restart waiting on a stale gateway socket for (?P<waitedMs>\d+)ms"
        r"(?P<detail>[^\n]{0,300})",
    ),
    _searched(
        "channel.transport_error", "error", "gateway socket did not ",
        r"(?:(?P<channel>discord): )?gateway socket did not (?:close|expose a working terminate\(\))"
        r"(?: within| after)? ?(?P<waitedMs>\d+)ms(?P<detail>[^\n]{0,300})",
    ),
    # Telegram's polling session (extensions/telegram/src/polling-session.ts, the channel's log): a polling cycle that
    # failed on another poller of the same bot token, "Telegram getUpdates conflict: <err>; Another OpenClaw gateway,
    # script, or Telegram poller may be using this bot token; ... retrying in <d>.", on a network error, "Telegram
    # network error: <err>; retrying in <d>.", and the setup before it: "Telegram setup network error: <err>; retrying
    # in <d>.", "Telegram webhook cleanup failed: <err>; retrying in <d>.", and (isolated polling ingress, newer builds)
    # the bot's getMe init before the worker starts, "Telegram bot init failed: <err>; retrying in <d>.". All retry
    # with the poll's back-off. Its first wording (src/telegram/monitor.ts, 63ff5819b1 2026-01-08 to e43f4c0628
    # 2026-01-26, runtime.log) printed no error: "Telegram getUpdates conflict; retrying in <d>." (t50n).
    _anchored(
        "channel.transport_error", "warn",
        ("Telegram getUpdates conflict: ", "Telegram network error: ", "Telegram setup network error: ",
         "Telegram webhook cleanup failed: ", "Telegram bot init failed: ", "Telegram getUpdates conflict; "),
        r"(?P<channel>Telegram) (?P<reason>getUpdates conflict|network error|setup network error|webhook cleanup "
        r"failed|bot init failed)(?:: (?P<error>[^\n]*?))?;(?: (?P<hint>Another [^\n]{0,300}?))? retrying in "
        r"(?P<restartDelay>\d+(?:\.\d+)?(?:ms|s|m))\.?\s*$",
        values={"channel": {"Telegram": "telegram"}},
    ),
    # The conflict as pasted with its "Telegram " and its retry tail cut: "getUpdates conflict: 409: Conflict: terminated
    # by other getUpdates request[; ...]". The Bot API's own 409 text names the other poller.
    _searched(
        "channel.transport_error", "warn", "getUpdates conflict: ",
        r"(?P<channel>getUpdates) conflict: (?P<error>[^\n;]{0,300}?terminated by other getUpdates request)",
        values={"channel": {"getUpdates": "telegram"}},
    ),
    # Telegram's fetch transport failing over (extensions/telegram/src/fetch.ts, warn): a dispatcher that failed
    # repeatedly on network codes is benched, "telegram transport attempt marked temporarily unhealthy for <n>ms
    # (codes=<codes>)" (the console drops the "telegram " that repeats its tag), and the IP fallback, "fetch fallback:
    # DNS-resolved IP unreachable; trying alternative Telegram API IP (codes=<codes>[, reason=<r>])".
    _searched(
        "channel.transport_error", "warn", "transport attempt marked temporarily unhealthy",
        r"(?:(?P<channel>telegram) )?transport attempt marked temporarily unhealthy for (?P<cooldownMs>\d+)ms"
        r"(?: \(codes=(?P<codes>[^()\s]{1,200})\))?",
    ),
    _searched(
        "channel.transport_error", "warn", "trying alternative Telegram API IP",
        r"fetch fallback: DNS-resolved IP unreachable; trying alternative (?P<channel>Telegram) API IP"
        r"(?: \(codes=(?P<codes>[^,()\s]{1,200})(?:, reason=(?P<reason>[^()]{1,200}))?\))?",
        values={"channel": {"Telegram": "telegram"}},
    ),
    # IRC (extensions/irc/src/monitor.ts, the channel's child logger): "[<account>] IRC connection closed; reconnecting
    # in <n>ms" (warn), "[<account>] IRC reconnect failed: <err>" and the client's "[<account>] IRC error: <err>"
    # (error).
    _searched(
        "channel.reconnecting", "warn", "IRC connection closed; reconnecting in ",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>IRC) connection closed; reconnecting in "
        r"(?P<restartDelay>\d+(?:\.\d+)?(?:ms|s))",
        values={"channel": {"IRC": "irc"}},
    ),
    _searched(
        "channel.transport_error", "error", "IRC ",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>IRC) (?:reconnect failed|error): (?P<error>[^\n]{0,500})",
        values={"channel": {"IRC": "irc"}},
    ),
    # Nostr (extensions/nostr/src/channel.ts on the bus's onError, error): "[<account>] Nostr error (<context>): <msg>";
    # a relay's subscription closing ("(subscription): Subscription closed: <reason>") or a relay that would not
    # connect ("(connect <relay url>): <err>") is the transport; a failed publish, decrypt or event is one message's.
    _searched(
        "channel.transport_error", "error", "Nostr error (",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>Nostr) error \((?P<stage>subscription|connect)"
        r"(?: (?P<relay>[^()\s]{1,300}))?\): (?P<error>[^\n]{0,500})",
        values={"channel": {"Nostr": "nostr"}},
    ),
    # Nostr's replies (extensions/nostr/src/nostr-bus.ts sendEncryptedDm, through gateway.ts's onDispatchError, error):
    # a reply tries each relay whose circuit breaker is closed and, when none took it, throws "Failed to publish to
    # any relay: <last err>", logged "[<account>] Nostr <kind> reply failed: Error: Failed to publish to any relay:
    # <err>" (the pairing challenge's "nostr pairing reply failed for <pubkey>: ..." the same way): every relay down
    # or refusing, so every reply meets it alike and the bot is silent. (One relay's "Nostr error (publish to <relay>)"
    # is a failover step and stays generic.) A relay that failed five publishes in a row has its breaker opened for
    # 30 s, "[<account>] Circuit breaker opened for relay: <relay>" (warn; its "closed" twin is info and stays generic).
    _searched(
        "channel.transport_error", "error", "Failed to publish to any relay",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>Nostr|nostr) "
        r"(?P<event>(?:final|block|tool) reply|pairing reply) failed(?: for [^\s:]{1,200})?: (?:Error: )?"
        r"(?P<detail>Failed to publish to any relay):?\s*(?P<error>[^\n]{0,500})",
        values={"channel": {"Nostr": "nostr"}},
    ),
    # (The breaker opening is one relay set aside while the others carry the replies: with one relay of several down
    # for hours it opens again at each reply 30 s after the last; a reply no relay took says so on its own line above,
    # so the breaker is no transport failure of the channel, found by review q50.)
    _searched(
        "channel.relay_set_aside", "warn", "Circuit breaker opened for relay: ",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>)Circuit breaker opened for relay: "
        r"(?P<relay>wss?://[^\s]{1,300})",
        values={"channel": {"": "nostr"}},
    ),
    # Nostr's durable intake (extensions/nostr/src/nostr-bus.ts, onError): an event the bus could not admit to its
    # queue, "[<account>] Nostr error (durable admission for event <id>): <err>", and the replay cursor it could then
    # not save, "Nostr error (persist transient replay cursor): <err>" (error): that message got no turn, and past a
    # rate-limit refusal the bus closes its relay subscriptions ("durable admission failed", "cursor persistence
    # failed"), so nothing more comes in until the account restarts.
    # (... but an event the intake refused for itself, extensions/nostr/src/nostr-ingress.ts: one over the durable
    # ingress size limit, one missing its id or pubkey, one that could not be serialized; the relays stay open and the
    # next event is admitted: a sender's event, no message of the bot's lost.)
    _searched(
        "channel.payload_rejected", "error", "Nostr error (durable admission for event ",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>Nostr) error \((?P<stage>durable admission)"
        r"(?: for event (?P<eventId>[0-9a-f]{1,64}))?\): (?P<error>Nostr event (?:exceeds the durable ingress size "
        r"limit|is missing \w{1,20}|must be an object|could not be serialized)[^\n]{0,300})",
        values={"channel": {"Nostr": "nostr"}},
    ),
    _searched(
        "channel.inbound_failed", "error", "Nostr error (",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?P<channel>Nostr) error \((?P<stage>durable admission|persist "
        r"transient replay cursor)(?: for event (?P<eventId>[0-9a-f]{1,64}))?\): (?P<error>[^\n]{0,500})",
        values={"channel": {"Nostr": "nostr"}},
    ),
    # Matrix (extensions/matrix): the channel's matrix-js-sdk client logs through the plugin's Matrix logger, each line
    # labelled with the SDK logger's name ("[matrix] ..."; extensions/matrix/src/matrix/client/logging.ts). The SDK's
    # sync loop (matrix-js-sdk sync.ts) logs a failed long poll as "/sync error <err>" (error) and retries behind a
    # keep-alive; a 401 M_UNKNOWN_TOKEN stops it instead: "Token no longer valid - assuming logout" (warn), the sync
    # enters ERROR and the monitor stops the account (extensions/matrix/src/matrix/monitor/sync-lifecycle.ts): no
    # restart brings it back until the access token is replaced. ("/sync error" starts the message or follows a label.)
    _searched(
        "channel.transport_error", "error", "/sync error ",
        r"(?:^|(?<=\] ))(?:\[(?P<channel>matrix)[\w.:-]{0,40}\] )?/sync error (?P<error>[^\n]{1,500})",
    ),
    _searched(
        "channel.terminal_disconnect", "warn", "Token no longer valid - assuming logout",
        r"(?P<detail>(?P<channel>Token) no longer valid) - assuming logout",
        values={"channel": {"Token": "matrix"}},
    ),
    # LINE (extensions/line/src/monitor.ts, runtime.error): the webhook handler answers 200 first and dispatches the
    # events after, so a failed dispatch is logged, not retried by LINE: "line webhook dispatch failed: <err>"; the
    # handler's own failure (a 500 to LINE) "line webhook error: <err>"; an inbound turn that threw, "line: auto-reply
    # failed: <err>". Each is an inbound message the bot did not answer.
    _anchored(
        "channel.inbound_failed", "error", ("line webhook dispatch failed: ", "line webhook error: ",
                                            "line: auto-reply failed: "),
        r"(?P<channel>line):? (?P<event>webhook dispatch|auto-reply|webhook) (?:failed|error): (?P<error>[^\n]{0,500})",
    ),
    # Nextcloud Talk (t48f; extensions/nextcloud-talk/src/monitor-runtime.ts, its channel logger): the webhook server's
    # error hook, "[nextcloud-talk:<account>] webhook error: <err>" (error), called when a request's body could not be
    # read (a 500 to Nextcloud) or when handling a message already answered 200 threw: an inbound message the bot did
    # not answer; and, written once server.listen() called back, "[nextcloud-talk:<account>] webhook listening on
    # <public url>" (info): the channel's intake up.
    _searched(
        "channel.inbound_failed", "error", "] webhook error: ",
        r"\[(?P<channel>nextcloud-talk):(?P<account>[^\[\]\s]{1,200})\] (?P<event>webhook) error: (?P<error>[^\n]{0,500})",
    ),
    _searched(
        "channel.polling_started", "info", "] webhook listening on ",
        r"\[(?P<channel>nextcloud-talk):(?P<account>[^\[\]\s]{1,200})\] webhook listening on (?P<listen>\S{1,500})",
    ),
    # BlueBubbles (extensions/bluebubbles/src/monitor.ts, runtime.error): the inbound debouncer's flush that threw,
    # "[<account>] [bluebubbles] debounce flush failed: <err>": the coalesced messages were not processed.
    _searched(
        "channel.inbound_failed", "error", "[bluebubbles] debounce flush failed",
        r"(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?\[(?P<channel>bluebubbles)\] (?P<event>debounce flush) failed:?\s*"
        r"(?P<error>[^\n]{0,500})",
    ),
    # A webhook channel's sender (the BlueBubbles server, any service that POSTs inbound messages to the gateway's
    # webhook route) failing to deliver one because nothing listened: "... dispatch(es) ... connect ECONNREFUSED
    # 127.0.0.1:18789", "webhook delivery failed: ... ECONNREFUSED". The sender's line, not the gateway's: its words name
    # a delivery (webhook, dispatch, deliver, POST) and the refusal, with a host:port target or no target. Which port is
    # the gateway's is not decided here: the default 18789, or one the log's own "listening on ws://<host>:<port>" line
    # names (gateway.port, --port, OPENCLAW_GATEWAY_PORT), before or after the refusals. RC18 reads the deliveries
    # refused on the gateway's port as inbound messages that never reached it; a refusal on a port the log does not
    # name as the gateway's is a delivery to another service, counted as an unexplained fault line as before
    # (stuckscan.channels.refused_off_gateway).
    _searched(
        "channel.delivery_refused", "error", "ECONNREFUSED",
        r"(?:\b(?P<channel>BlueBubbles|BB)\b[^\n]{0,80}?)?"
        r"\b(?P<event>[Ww]ebhooks?|[Dd]ispatch(?:es|ed|ing)?|[Dd]eliver(?:y|ies|ed|ing|s)?|POST)\b[^\n]{0,300}?"
        r"\bECONNREFUSED\b(?:\s+(?P<target>(?P<host>[\w.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\]):(?P<port>\d{1,5}))\b"
        r"|(?!\s+[\w.\[\]:-]{1,300}:\d))",
        values={"channel": {"BB": "bluebubbles", "BlueBubbles": "bluebubbles"}},
    ),
    # Tlon (extensions/tlon/src/urbit/sse-client.ts, the Urbit channel's event stream): "[SSE] Stream ended,
    # attempting reconnection..." and "[SSE] Reconnection attempt <n>/<max> in <n>ms..." (info), "[SSE] Reconnection
    # failed: <err>" (error), "[SSE] Max reconnection attempts (<n>) reached. Waiting 10s before resetting..." (it keeps
    # trying: every attempt of a round failed), and "[SSE] Reconnection successful!" (the stream back). The plainer
    # three need their "[SSE]" label, which a bare paste reads as the line's tag (other clients reconnect in those words).
    # The DingTalk channel plugin's Stream client (soimy/openclaw-channel-dingtalk, as pasted in its issue #205), after a
    # reconnect: "Runtime counters (<event>): healthUnhealthyChecks=<n>, healthTriggeredReconnects=<n>, socketCloseEvents=
    # <n>, runtimeDisconnects=<n>, reconnectAttempts=<n>, reconnectSuccess=<n>, reconnectFailures=<n>": the account's
    # connection drops and reconnects since it started (RC18 reads a count of several as a reconnect loop).
    _searched(
        "channel.reconnecting", "info", "Runtime counters (",
        r"(?:\[(?P<account>[\w.-]{1,64})\] )?Runtime counters \((?P<event>[^()\n]{0,80})\):\s*(?P<kv>.*)",
    ),
    _searched(
        "channel.reconnecting", "info", "Stream ended, attempting reconnection",
        r"(?:\[SSE\] )?Stream ended, attempting reconnection",
    ),
    _searched(
        "channel.reconnecting", "info", "Reconnection attempt ",
        r"\[SSE\] Reconnection attempt (?P<attempt>\d+)/(?P<maxAttempts>\d+) in (?P<restartDelay>\d+(?:ms|s))",
    ),
    _searched(
        "channel.transport_error", "error", "Reconnection failed: ",
        r"\[SSE\] Reconnection failed: (?P<error>[^\n]{0,500})",
    ),
    _searched(
        "channel.transport_error", "warn", "Max reconnection attempts (",
        r"(?:\[SSE\] )?Max reconnection attempts \((?P<maxAttempts>\d+)\) reached\. Waiting (?P<restartDelay>\d+s) before "
        r"resetting",
    ),
    _searched(
        "channel.polling_started", "info", "Reconnection successful!",
        r"\[SSE\] Reconnection successful!",
    ),
    # The active-memory plugin's recall sub-run (extensions/active-memory/recall.ts, plugin logger, when its logging
    # is on): "active-memory: agent=<id> session=<key|id|none>[ activeProvider=<p>][ activeModel=<m>] start
    # timeoutMs=<n> queryChars=<n> searchQueryChars=<n>", "... done status=<ok|empty|timeout|failed|...>
    # elapsedMs=<n> summaryChars=<n>", "... cached status=...", "... skipped (circuit breaker open after consecutive
    # timeouts)", "... failed error=<msg>; skipping recall" (warn); and recall-run.ts's "active-memory: memory
    # sub-agent failed, skipping recall: <msg>" and "active-memory: failed to clean up recall session <key>: <msg>"
    # (warn). A recall that times out only skips the memory context: a look-alike of a model-call timeout, no stall.
    _anchored(
        "memory.recall", "warn", ("active-memory: agent=", "agent="),
        RECALL_PREFIX + r" (?P<stage>failed) error=(?P<error>.*); skipping recall\s*$",
    ),
    _anchored(
        "memory.recall", "info", ("active-memory: agent=", "agent="),
        RECALL_PREFIX + r" (?P<stage>start|done|cached|skipped|transcript)(?=[ =]|$)(?:=(?P<transcript>\S+))?" + KV,
    ),
    # (as reporters condense it, the agent and session words dropped: "active-memory: start timeoutMs=3000", or
    # elided: "active-memory ... done status=timeout elapsedMs=8092 summaryChars=0")
    _anchored(
        "memory.recall", "info",
        tuple(f"active-memory{gap}{stage}" for gap in (": ", " ... ", " … ", ": ... ", ": … ")
              for stage in ("start", "done", "cached", "skipped")),
        r"active-memory:?(?: (?:\.\.\.|…))? (?P<stage>start|done|cached|skipped)(?=[ =]|$)" + KV,
    ),
    _anchored(
        "memory.recall", "warn", ("active-memory: memory sub-agent failed", "memory sub-agent failed"),
        r"(?:active-memory: )?memory sub-agent (?P<stage>failed), skipping recall:\s*(?P<error>.*)",
    ),
    _anchored(
        "memory.recall", "warn", ("active-memory: failed to clean up recall session ",
                                  "failed to clean up recall session "),
        r"(?:active-memory: )?failed to clean up recall session (?P<recallSession>\S+?):\s*(?P<error>.*)",
    ),
    # Cron (src/gateway/server-cron.ts and src/cron/service/timer.ts, subsystem cron, fields in the meta object):
    # a job run past its timeout is aborted and drained, "cron: cleaned up timed-out agent run" (warn; jobId,
    # sessionId, sessionKey, aborted, drained, forceCleared), or its cleanup throws, "timed-out agent run cleanup
    # failed" (warn; sessionId, error); an isolated job's setup that outlived its budget, "cron: isolated agent
    # setup timed out before runner start; backing off job without gateway restart" (warn; timeoutMs).
    _anchored(
        "cron.timeout_cleanup", "warn", ("cron: cleaned up timed-out agent run", "cleaned up timed-out agent run"),
        r"(?:cron: )?(?P<stage>cleaned up) timed-out agent run" + KV,
    ),
    _anchored(
        "cron.timeout_cleanup", "warn", ("timed-out agent run cleanup failed", "cron: timed-out agent run cleanup failed"),
        r"(?:cron: )?timed-out agent run (?P<stage>cleanup failed)" + KV,
    ),
    # The watchdog's guarded cleanup (src/cron/service/agent-watchdog.ts, warn; jobId, err): "cron: timed-out agent
    # cleanup failed".
    _anchored(
        "cron.timeout_cleanup", "warn", ("timed-out agent cleanup failed", "cron: timed-out agent cleanup failed"),
        r"(?:cron: )?timed-out agent (?P<stage>cleanup failed)" + KV,
    ),
    # The pre-model watchdogs' error texts (src/cron/service/execution-errors.ts, agent-watchdog.ts): the runner did
    # not start within 60 s, "cron: isolated agent setup timed out before runner start"; it started but never reached
    # the model, "cron: isolated agent run stalled before execution start" (builds before: "... before first model
    # call"), each with "(last phase: <phase>[; runtime plugins: attempted=[..]; completed=[..]; in-flight=<id>/<phase>])"
    # when a phase was reported. Cron records the text as the job's lastError (`openclaw cron show`: `Last error:
    # "..."`, consecutiveErrors counting up) and as the run's error, so it is searched anywhere in a line.
    _searched(
        "cron.setup_timeout", "warn", "isolated agent setup timed out",
        r"(?:cron: )?isolated agent (?P<watchdog>setup timed out before runner start)"
        r"(?: \(last phase: (?P<phase>[^();\n]{1,80})(?:; runtime plugins: (?P<runtimePlugins>[^()\n]{1,400}))?\))?"
        r"(?:; (?P<action>[^\n]{0,200}))?",
    ),
    _searched(
        "cron.setup_timeout", "warn", "isolated agent run stalled before ",
        r"(?:cron: )?isolated agent run (?P<watchdog>stalled before (?:first model call|execution start))"
        r"(?: \(last phase: (?P<phase>[^();\n]{1,80})(?:; runtime plugins: (?P<runtimePlugins>[^()\n]{1,400}))?\))?",
    ),
    # The reply a run gives when its own timeout fired outside a compaction with nothing to say (src/agents/
    # pi-embedded-runner/run.ts: timedOut && !timedOutDuringCompaction && payloads.length === 0): "Request timed out
    # before a response was generated. Please try again, or increase `agents.defaults.timeoutSeconds` in your config."
    # Seen as a channel's reply, a cron run's error or a CLI's output, so it is searched anywhere in a line.
    _searched(
        "run.timed_out_no_reply", "error", "Request timed out before a response was generated",
        r"Request timed out before a response was generated",
    ),
    # A session transcript's assistant entry for a turn that failed (stopReason error or aborted), as the transcript
    # shape reads it: "transcript assistant turn failed: stopReason= provider= model= outputTokens= waitedMs= error=".
    # waitedMs runs from the model request's start to the failure being written.
    _anchored(
        "transcript.turn_failed", "error", "transcript assistant turn failed:",
        r"transcript assistant turn failed:" + KV,
    ),
    # A session transcript's assistant turn that ended without failing ("transcript assistant turn ended: stopReason=
    # stop|toolUse|length ..."): the model answered, so the session was not stuck on it.
    _anchored(
        "transcript.turn_ended", "debug", "transcript assistant turn ended:",
        r"transcript assistant turn ended:" + KV,
    ),
    # A session transcript's assistant turn whose tool call restarts the gateway (the transcript shape reads the call
    # out of the turn's content: "transcript assistant turn called a gateway restart: toolCallId= restartCall=..."),
    # and a tool's result, whose toolCallId says which call returned.
    _anchored(
        "transcript.restart_call", "info", "transcript assistant turn called a gateway restart:",
        r"transcript assistant turn called a gateway restart:" + KV,
    ),
    _anchored("transcript.tool_result", "debug", "transcript tool result:", r"transcript tool result:" + KV),
    # A session transcript's tool-result entry as a reporter lists the transcript's entries in a timeline: the entry's
    # time and its role alone ("11:27:39  toolResult"). The role is the transcript's own word for a tool's result.
    _anchored("transcript.tool_result", "debug", "toolResult", r"toolResult\s*$"),
    # A cron run a gateway restart cut short (src/cron/service, STARTUP_INTERRUPTED_ERROR): on start the gateway marks a
    # job still running when the previous process ended as failed with "cron: job interrupted by gateway restart",
    # recorded as the job's lastError and its run's error (cron/runs/<jobId>.jsonl, `openclaw cron runs`), so it is
    # searched anywhere in a line.
    _searched(
        "cron.interrupted_by_restart", "warn", "job interrupted by gateway restart",
        r"(?:cron: )?job interrupted by gateway restart",
    ),
    # A run's error (warn; jobId, jobName, error, diagnosticsSummary): "cron: job run returned error status", and a
    # one-shot job that will not run again: "cron: disabling one-shot job after error" (warn; consecutiveErrors).
    # The back-off that follows (info; consecutiveErrors, backoffMs, nextRunAtMs): "cron: applying error backoff",
    # "cron: scheduling one-shot|recurring retry after transient error".
    _anchored(
        "cron.job_error", "warn",
        ("cron: job run returned error status", "job run returned error status",
         "cron: disabling one-shot job after error", "disabling one-shot job after error"),
        r"(?:cron: )?(?P<stage>job run returned error status|disabling one-shot job after error)" + KV,
    ),
    _anchored(
        "cron.retry_backoff", "info",
        ("cron: applying error backoff", "applying error backoff", "cron: scheduling one-shot retry after",
         "cron: scheduling recurring retry after", "scheduling one-shot retry after", "scheduling recurring retry after"),
        r"(?:cron: )?(?P<stage>applying error backoff|scheduling (?:one-shot|recurring) retry after transient error)"
        + KV,
    ),
    # -- Fourth source audit: what users paste from a terminal. The CLI's own output (`openclaw gateway probe`,
    # `openclaw gateway status`, `openclaw doctor`), client-side errors, and the console output of SDKs the channels
    # bundle. CLI lines carry no time and often no subsystem; one real-form line of each is in
    # tests/test_families_source.py, read bare as printed.
    # `openclaw gateway probe` (src/commands/gateway-status/output.ts, helpers.ts): "Reachable: yes|no", and per target
    # "Connect: ok (<n>ms) · RPC: ok", "Connect: ok (<n>ms) · RPC: failed - <error>" or "Connect: failed - <error>"
    # (src/gateway/probe.ts: the error is "timeout" when no hello came within the probe's budget, "connect failed:
    # <err>" when the client's connect failed, or "gateway closed (<code>): <reason>"). A connect or read probe that
    # timed out against a listening gateway is the client's timeout (RC11/RC12 territory); a refused connect says only
    # that nothing answered.
    _anchored("gateway.unreachable", "error", "Reachable: no", r"Reachable: (?P<reachable>no)\s*$"),
    _anchored(
        "gateway.timeout", "error", "Connect: failed - timeout",
        r"Connect: failed - (?P<probeError>timeout)\s*$",
    ),
    _anchored("gateway.connect_failed", "error", "Connect: failed - ", r"Connect: failed - (?P<error>\S.*)"),
    _anchored(
        "gateway.timeout", "error", "Connect: ok (",
        r"Connect: ok \((?:(?P<connectLatencyMs>\d+)ms|unknown)\) · RPC: failed - (?P<probeError>timeout)\s*$",
    ),
    # The same command's warnings (a "- " list under "Warning:"): a gateway that took the socket but whose read
    # calls timed out, and no target answering at all.
    _anchored(
        "gateway.timeout", "error",
        ("Gateway accepted the WebSocket connection, but follow-up read diagnostics failed: timeout",
         "- Gateway accepted the WebSocket connection, but follow-up read diagnostics failed: timeout"),
        r"(?:- )?Gateway accepted the WebSocket connection, but follow-up read diagnostics failed: (?P<probeError>timeout)",
    ),
    _anchored(
        "gateway.unreachable", "error", ("No gateway answered any probe", "- No gateway answered any probe"),
        r"(?:- )?No gateway answered any probe(?P<detail>.*)",
    ),
    # `openclaw gateway status` (src/cli/daemon-cli/status.print.ts): "RPC probe: ok|failed", then the RPC target and
    # the client's error indented under it (read by the gateway client families); and a service the supervisor runs
    # whose port nobody listens on: "Gateway port <port> is not listening (service appears running)."
    _anchored("gateway.unreachable", "error", "RPC probe: failed", r"RPC probe: failed\b(?P<detail>.*)"),
    _anchored(
        "gateway.unreachable", "error", "Gateway port ",
        r"Gateway port (?P<port>\d+) is not listening \((?P<detail>service appears running)\)",
    ),
    # `openclaw gateway restart`'s health wait (src/cli/daemon-cli/lifecycle.ts): after the service manager restarted
    # the gateway, the CLI polls its port for a fixed time, then prints "Timed out after <n>s waiting for gateway port
    # <port> to become healthy." (warn, with port diagnostics) and fails "Gateway restart timed out after <n>s waiting
    # for health checks.". The client's verdict, not the gateway's state: it was still booting in f468 and f1582 (a
    # large state, many plugins; healthy later, #119958) and never started in f1919 (a missing launcher). No session
    # is in it and no restart cut a run (not RC17), but the user saw the restart fail: a fault no rule judges
    # (UNJUDGED_FAULT_KINDS), which keeps an empty result from reading as an all-clear.
    _anchored(
        "gateway.restart_health_timeout", "warn", "Timed out after ",
        r"Timed out after (?P<timeoutSeconds>\d+)s waiting for gateway port (?P<port>\d+) to become healthy",
    ),
    _anchored(
        "gateway.restart_health_timeout", "error", "Gateway restart timed out after ",
        r"Gateway restart timed out after (?P<timeoutSeconds>\d+)s waiting for health checks",
    ),
    # `openclaw doctor` (src/commands/doctor-session-locks.ts), one line per session write lock in its "Session locks"
    # note: "- <lock path> pid=<n> (alive|dead)|pid=missing age=<d> stale=yes (<reasons>)|stale=no[ [removed]]". A stale
    # lock it removed (--fix) is a removal; a stale one left is a stale lock; a lock that is not stale (a run holding
    # it) stays a plain line.
    _anchored(
        "lock.stale_removed", "warn", "- ",
        r"- (?P<lockPath>\S+?\.jsonl\.lock) pid=(?:(?P<lockPid>\d+) \((?P<lockPidAlive>alive|dead)\)|missing) "
        r"age=(?P<lockAge>\S+) stale=yes \((?P<reasons>[^()]{0,200})\) \[removed\]\s*$",
        values={"lockPidAlive": {"alive": "true", "dead": "false"}},
    ),
    _anchored(
        "lock.stale", "warn", "- ",
        r"- (?P<lockPath>\S+?\.jsonl\.lock) pid=(?:(?P<lockPid>\d+) \((?P<lockPidAlive>alive|dead)\)|missing) "
        r"age=(?P<lockAge>\S+) stale=yes \((?P<reasons>[^()]{0,200})\)\s*$",
        values={"lockPidAlive": {"alive": "true", "dead": "false"}},
    ),
    # The same check as a health finding (`openclaw doctor --lint`): "Stale session lock file: <lock path> (<reasons>)".
    _searched(
        "lock.stale", "warn", "Stale session lock file: ",
        r"Stale session lock file: (?P<lockPath>[^\s()]+?\.jsonl\.lock) \((?P<reasons>[^()]{0,200})\)",
    ),
    # Doctor's "State integrity" note (src/commands/doctor-state-integrity.ts): "- <n>/<m> recent sessions are
    # missing transcripts. ...", "- Main session transcript missing (<path>). History will appear to reset.", "- Main
    # session transcript has only <n> line. ...": the session store and the transcripts on disk disagree.
    _searched(
        "transcript.missing", "warn", "recent sessions are missing transcripts",
        r"(?P<missingTranscripts>\d+)/(?P<recentSessions>\d+) recent sessions are missing transcripts",
    ),
    _anchored(
        "transcript.missing", "warn", ("- Main session transcript ", "Main session transcript "),
        r"(?:- )?Main session transcript (?:missing \((?P<transcriptPath>[^()\n]{1,1000})\)"
        r"|has only (?P<transcriptLines>\d+) lines?\b)",
    ),
    # The reply pipeline's optimistic commit of a session entry lost its race (after one internal retry) and the turn
    # was refused: "reply session initialization conflicted for <sessionKey>", thrown to the channel's handler ("[signal]
    # debounce flush failed: Error: ...", #102020); some channels retry it, others drop the message.
    # The channels retry that refusal before they give up (verbose): Discord (extensions/discord/src/monitor/
    # reply-session-retry.ts) "discord: reply session init conflict; retrying dispatch <n> after <ms>ms", and when the
    # retries ran out "discord: reply session init conflict persisted after shared and channel retries: <err>" (the
    # sender gets a "session stayed busy" notice); Signal (extensions/signal/src/monitor/event-handler.ts) "signal:
    # reply session init conflict, retrying <n> inbound message(s) in <ms>ms (attempt <a>/<max>)".
    _searched(
        "session.init_conflict", "warn", "reply session init conflict; retrying dispatch ",
        r"(?:(?P<channel>discord): )?reply session init conflict; retrying dispatch (?P<attempt>\d+) after (?P<delayMs>\d+)ms",
    ),
    _searched(
        "session.init_conflict", "warn", "reply session init conflict, retrying ",
        r"(?:(?P<channel>signal): )?reply session init conflict, retrying (?P<messages>\d+) inbound message\(s\) in "
        r"(?P<delayMs>\d+)ms(?: \(attempt (?P<attempt>\d+)/(?P<maxAttempts>\d+)\))?",
    ),
    _searched(
        "session.init_conflict", "error", "reply session init conflict persisted",
        r"(?:(?P<channel>discord): )?reply session init conflict (?P<stage>persisted) after [^:\n]{0,60}retries"
        r"(?::\s*(?:Error: )?reply session initialization conflicted(?: for (?P<sessionKey>[^\s\"'`,;]{1,300}))?)?",
    ),
    _searched(
        "session.init_conflict", "error", "reply session initialization conflicted",
        r"reply session initialization conflicted(?: for (?P<sessionKey>[^\s\"'`,;]{1,300}))?",
    ),
    # src/cli/gateway-cli/run-loop.ts (gateway, warn): a SIGUSR1 the gateway did not act on: "SIGUSR1 restart ignored
    # (not authorized; enable commands.restart or use gateway tool)." The "signal SIGUSR1 received" before it is no
    # restart.
    _anchored(
        "gateway.restart_ignored", "warn", "SIGUSR1 restart ignored",
        r"SIGUSR1 restart ignored(?: \((?P<reason>[^()\n]{1,200})\))?",
    ),
    # Telegram: the Bot API wrapper's failures (extensions/telegram/src/api-logging.ts, telegram/api, error): "telegram
    # <operation> failed: <err>"; a network failure reads "Network request for '<method>' failed!" (#64235: every
    # send and chat action failing while no update came in). Other API errors (a bad request) are not the transport's.
    # (the needle is the words both forms share: "failed: HttpError: Network request for ..." also carries grammY's
    # error class before them)
    _searched(
        "channel.transport_error", "error", "Network request for '",
        r"(?P<channel>telegram) (?P<operation>[\w.-]{1,60}) failed: (?:HttpError: )?"
        r"Network request for '(?P<method>\w{1,60})' failed",
    ),
    # The Bot API refusing the bot token: grammY's error for an API reply "Call to '<method>' failed! (401:
    # Unauthorized)", logged by the same wrapper ("telegram sendChatAction failed: Call to ... (401: Unauthorized)"),
    # and the chat-action circuit breaker giving up on it (extensions/telegram/src/sendchataction-401-backoff.ts,
    # #27092): "CRITICAL: sendChatAction suspended after <n> consecutive 401 errors. Bot token is likely invalid.".
    # Telegram answers 401 only for a token it does not accept, so every call fails, getUpdates too, until the
    # token is replaced: a disconnect for good, as Slack's invalid_auth is.
    _searched(
        "channel.terminal_disconnect", "error", "(401: Unauthorized)",
        r"Call to '(?P<method>\w{1,60})' failed! \((?P<detail>401: (?P<channel>Unauthorized))\)",
        values={"channel": {"Unauthorized": "telegram"}},
    ),
    _searched(
        "channel.terminal_disconnect", "error", "consecutive 401 errors",
        r"(?P<method>sendChatAction) suspended after (?P<failures>\d+) consecutive 401 errors\.?"
        r"(?P<detail> (?P<channel>Bot) token is likely invalid)?",
        values={"channel": {"Bot": "telegram"}},
    ),
    # The polling lease refusing a second poller of the same bot token (extensions/telegram/src/polling-lease.ts):
    # "Telegram polling already active for bot token <fingerprint> on account "<a>" (<n>s old[ (aborting for <n>s)]);
    # refusing duplicate poller for account "<b>". Stop the existing OpenClaw gateway/poller or use a different bot
    # token.": this account's channel does not poll at all, as with a 409 getUpdates conflict.
    _searched(
        "channel.transport_error", "error", "polling already active for bot token ",
        r"(?P<channel>Telegram) polling already active for bot token (?P<tokenFingerprint>\S{1,100}) on account "
        r"\"?(?P<holder>[^\"\s]{1,200})\"?(?P<detail>[^\n]{0,600})",
        values={"channel": {"Telegram": "telegram"}},
    ),
    # grammY's own error for the same failure, printed bare ("[ERROR] Network request for 'getUpdates' failed!",
    # "HttpError: Network request for 'sendChatAction' failed!"): the Bot API methods name the channel.
    _anchored(
        "channel.transport_error", "error", ("Network request for '", "HttpError: Network request for '"),
        r"(?:HttpError: )?Network request for '(?=(?P<channel>" + "|".join(_BOT_API_METHODS) + r")')"
        r"(?P<method>\w{1,60})' failed!?",
        values={"channel": dict.fromkeys(_BOT_API_METHODS, "telegram")},
    ),
    # A Telegram send that went through (a reply delivered): the older text send helper's runtime.log (info) "telegram
    # sendMessage ok chat=<id> message=<id>" (" (plain)" after the plain-text fallback), and the newer send path's
    # info line "outbound send ok accountId=<a> chatId=<id> messageId=<id> operation=<sendMessage|sendPhoto|...>
    # deliveryKind=<text|photo|...>[ threadId= replyToMessageId= silent= chunkCount=]" (subsystem telegram/send,
    # written only once the API call returned a message id). RC18 reads it as the channel serving after a failure of
    # its own (correlator.DELIVERED_KINDS: served_after); nothing else reads it.
    _searched(
        "channel.reply_sent", "info", "sendMessage ok chat=",
        r"(?P<channel>telegram) (?P<operation>sendMessage) ok chat=(?P<chatId>\S{1,100}) message=(?P<messageId>\d{1,20})"
        r"(?: \((?P<mode>plain)\))?",
    ),
    _searched(
        "channel.reply_sent", "info", "outbound send ok ",
        r"outbound send ok (?=[^\n]{0,600}\boperation=\w)" + KV,
    ),
    # The bot-identity check at the channel's start, retried: "getMe attempt <i>/<n> failed: <err>" (as pasted under
    # the [telegram] tag; the wording was not found in the stored source).
    _searched(
        "channel.transport_error", "warn", "getMe attempt ",
        r"(?:\[?(?P<channel>telegram)\]?:?\s+)?getMe attempt (?P<attempt>\d+)/(?P<maxAttempts>\d+) failed:?\s*(?P<error>.*)",
    ),
    # Discord's READY watchdog (extensions/discord/src/monitor/provider.lifecycle.ts, runtime.error): "discord: gateway
    # READY wait timed out after <n>ms; reconnecting with backoff (attempt <n>)" at start, "discord gateway opened but
    # did not reach READY within <n>ms" after a reconnect, "discord gateway did not reach READY within <n>ms"; earlier
    # builds "gateway was not ready after <n>ms; restarting gateway" (#67653), and before them (extensions/discord/src/
    # monitor/provider.lifecycle.reconnect.ts, ea15819ecf 2026-03-17 to 095e7b830a 2026-04-01) "...; forcing a fresh
    # reconnect" (t50n). The socket opened and no READY came:
    # the channel's ingress never started. And the lifecycle's own errors: "discord gateway error: <msg>".
    _searched(
        "channel.polling_stall", "warn", "READY wait timed out after ",
        r"(?:(?P<channel>discord): )?gateway READY wait timed out after (?P<stalledFor>\d+ms)"
        r"(?:; reconnecting with backoff(?: \(attempt (?P<attempt>\d+)\))?)?",
    ),
    _searched(
        "channel.polling_stall", "warn", "did not reach READY within ",
        r"(?:(?P<channel>discord) )?gateway (?:opened but )?did not reach READY within (?P<stalledFor>\d+ms)",
    ),
    _searched(
        "channel.polling_stall", "warn", "gateway was not ready after ",
        r"gateway was not ready after (?P<stalledFor>\d+ms); (?:restarting gateway|forcing a fresh reconnect)",
    ),
    _anchored(
        "channel.transport_error", "error", "discord gateway error:",
        r"(?P<channel>discord) gateway error:\s*(?P<error>.*)",
    ),
    # The same handler for a gateway error that stops the lifecycle (extensions/discord/src/monitor/gateway-supervisor.ts
    # classifies it, provider.lifecycle.ts logs it): "discord gateway fatal: <error>" (a TypeError, "Fatal Gateway
    # error", "Fatal gateway close code", "Gateway HELLO missing heartbeat", "Invalid gateway payload", "Gateway socket
    # emitted an unknown error"); the monitor task then ends with DiscordGatewayLifecycleError. A close code Discord
    # never resumes (4004, 4010-4014) is left to channel.terminal_disconnect below; "discord gateway reconnect-exhausted:
    # Max reconnect attempts ..." to channel.restart_gave_up.
    _anchored(
        "channel.exited", "error", "discord gateway fatal:",
        r"(?P<channel>discord) gateway (?P<stage>fatal):\s*(?![^\n]{0,200}?Fatal Gateway error: 40(?:04|1[0-4])\b)"
        r"(?P<error>.*)",
    ),
    # The lifecycle's own reading of reconnects running out while the channel was being stopped (provider.lifecycle.ts,
    # runtime.log): "discord: treating reconnect-exhausted during expected shutdown as clean: <error>"; and errors the
    # supervisor swallowed after the channel's stop began (gateway-supervisor.ts): "discord: suppressed late gateway
    # <type> error during teardown: <error>" (runtime.error), "suppressed late gateway error after dispose: <error>"
    # (discord/gateway, error). The channel was stopping: no fault of a running channel.
    # (Under its [discord] tag, or pasted bare, the "discord: " before these is read as the tag.)
    _anchored(
        "channel.stopping", "info",
        ("discord: treating reconnect-exhausted during expected shutdown", "treating reconnect-exhausted during expected"),
        r"(?:(?P<channel>discord): )?treating reconnect-exhausted during (?P<stage>expected shutdown) as clean"
        r"(?::\s*(?P<error>.*))?",
    ),
    _anchored(
        "channel.stopping", "info", ("discord: suppressed late gateway ", "suppressed late gateway "),
        r"(?:(?P<channel>discord): )?suppressed late gateway (?:(?P<eventType>[\w-]{1,40}) )?error (?:during|after) "
        r"(?P<stage>teardown|dispose)(?::\s*(?P<error>.*))?",
    ),
    # The client's start before READY (info): "[discord] client initialized as <bot id> (<name>); awaiting gateway
    # readiness". A start, not a fault: a log that ends here is a channel that never became ready (#58290, #83207).
    _searched(
        "channel.starting", "info", "awaiting gateway readiness",
        r"(?:(?P<channel>discord) )?client initialized as (?P<botId>[^\s;()]{1,100})(?: \((?P<botName>[^()]{0,100})\))?; "
        r"(?P<label>awaiting gateway readiness)",
    ),
    # Feishu/Lark: extensions/feishu/src/client.ts creates the SDK's WebSocket client with loggerLevel info and no logger
    # of its own, so @larksuiteoapi/node-sdk's default logger prints to the gateway's console: "[<level>]: [ <args> ]"
    # (console.log of the argument array). Its ws-client writes "[info]: [ '[ws]', 'reconnect' ]" when the socket
    # closed, "[info]: [ '[ws]', 'ws client ready' ]" when it is up, "[error]: [ '[ws]', 'ws connect failed' ]" (also
    # 'connect failed', 'ws error', 'new WebSocket error' (no socket created at all), 'send data failed', a config
    # pull's 'code: <n>, ...' or its error message), and
    # "[info]: [ 'ws', 'unable to connect to the server after trying <n> times\")' ]"; an API call that hit the client's
    # HTTP timeout (30 s by default) prints "[error]: [ AxiosError: timeout of <n>ms exceeded ..." (#72721). Pasted
    # bare, the level in brackets is read as the line's level and the message starts at the colon (a line wholly in
    # brackets is first checked for a reporter's remark by its inside, the level's opening bracket gone).
    _searched(
        "channel.reconnecting", "info", "'[ws]', 'reconnect'",
        r"\A\s*(?:\[?info\])?:\s*\[\s*(?P<channel>'\[ws\]'),\s*'reconnect'\s*\]",
        values={"channel": {"'[ws]'": "feishu"}},
    ),
    _searched(
        "channel.polling_started", "info", "'[ws]', 'ws client ready'",
        r"\A\s*(?:\[?info\])?:\s*\[\s*(?P<channel>'\[ws\]'),\s*'ws client ready'\s*\]",
        values={"channel": {"'[ws]'": "feishu"}},
    ),
    _searched(
        "channel.transport_error", "error", "'[ws]', '",
        r"\A\s*(?:\[?(?:error|warn)\])?:\s*\[\s*(?P<channel>'\[ws\]'),\s*'(?P<error>ws connect failed|connect failed"
        r"|ws error|new WebSocket error|send data failed|code: \d+[^'\n]{0,200}|system busy|timeout of (?P<timeoutMs>\d+)ms exceeded"
        r"|[^'\n]{0,200}(?:ECONN[A-Z]{1,20}|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|socket hang up)[^'\n]{0,100})'",
        values={"channel": {"'[ws]'": "feishu"}},
    ),
    _searched(
        "channel.transport_error", "error", "unable to connect to the server after trying ",
        r"\A\s*(?:\[?info\])?:\s*\[\s*(?P<channel>'ws'),\s*'unable to connect to the server after trying (?P<attempt>\d+) times",
        values={"channel": {"'ws'": "feishu"}},
    ),
    # The same ws-client's catch around the EventDispatcher's invoke of an inbound event (t49e; @larksuiteoapi/node-sdk
    # ws-client, handleEventData): "invoke event failed, message_type: <type>; message_id: <id>; trace_id: <id>; error:
    # <err>" (error; the event is acked 500 and not redelivered, so the message is lost). Printed by the default logger
    # it is always long enough for Node to break the array over lines ("[error]: [", "  '[ws]',", "  '<text>'" or
    # "\"<text>\"" when the text holds a quote, "]"): the parser joins them (parser.LineParser._gathers); a file-log
    # record holds them in one message; a console-cut paste reads "[ws] invoke event failed, ...". A copy of the client
    # tagged "[lark-ws]" writes it without the message_type. Both OpenClaw's feishu extension and larksuite/openclaw-lark
    # (src/core/lark-client.ts) give the client no logger of their own. A fault of the code (the handler meets it for
    # every message: a plugin built for another OpenClaw) is the channel's handler broken; any other error loses one
    # message.
    *(_searched(
        kind, "error", "invoke event failed, ",
        r"(?:\A\s*(?:\[?(?:error|warn)\])?:\s*\[\s*'\[(?:lark-)?ws\]',\s*[\"']?|(?:\[(?:lark-)?ws\]\s*)?)(?P<channel>)"
        r"invoke event failed, (?:message_type: (?P<messageType>[^;\s]{1,40}); )?message_id: (?P<messageId>[^;\s]{0,200}); "
        r"trace_id: (?P<traceId>[^;\s]{0,200}); error: " + fault
        + r"(?P<error>[^\n]*?)(?:[\"']\s*\]|\s+\]|[\"'])?\s*(?:\n|\Z)",
        values={"channel": {"": "feishu"}},
    ) for kind, fault in (("channel.handler_broken", CODE_FAULT), ("channel.inbound_failed", ""))),
    # (the same words pasted as a console line, "[ws] unable to connect to the server after trying 7 times" (#52618): the
    # wording is the Lark SDK's alone, whatever tag the paste gives it)
    _searched(
        "channel.transport_error", "error", "unable to connect to the server after trying ",
        r"\A(?P<channel>)unable to connect to the server after trying (?P<attempt>\d+) times",
        values={"channel": {"": "feishu"}},
    ),
    _searched(
        "channel.transport_error", "error", "AxiosError: timeout of ",
        r"\A\s*(?:\[?error\])?:\s*(?:\[\s*)?(?P<channel>AxiosError): timeout of (?P<timeoutMs>\d+)ms exceeded",
        values={"channel": {"AxiosError": "feishu"}},
    ),
    # The same SDK's requests and socket failing to reach Feishu or Lark at all, the error pasted alone: its HTTP client's
    # "AxiosError: getaddrinfo ENOTFOUND open.feishu.cn" (the tenant-token or bot-info request, read by the host it
    # names) and its ws-client's "[error]: [ '[ws]', 'getaddrinfo ENOTFOUND open.feishu.cn' ]" console-cut to "[ws]
    # getaddrinfo ENOTFOUND open.feishu.cn" (#54769, after a wake from sleep). The line is the socket error itself, its
    # host the platform's: a stack's "cause: Error: getaddrinfo ..." or one call's "failed to add typing indicator:
    # Error: ..." does not start with it. (A bare AxiosError naming no platform host is no channel's.)
    *(_searched(
        "channel.transport_error", "error", host,
        r"\A\s*(?:(?:Axios)?Error: )?(?P<error>(?:getaddrinfo|connect) (?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET"
        r"|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH) (?P<channel>" + re.escape(host) + r"))(?::\d{1,5})?\s*\Z",
        values={"channel": {host: "feishu"}},
    ) for host in ("open.feishu.cn", "open.larksuite.com")),
    # Slack socket mode: the bundled @slack/socket-mode client's console logger, as pasted (#72808, #74590): "[WARN]
    # socket-mode:SlackWebSocket:<n> A pong wasn't received from the server before the timeout of <n>ms!" (and "A ping
    # wasn't received ... of 30000ms!"): the socket's keepalive failed and it is dropped. The monitor's own "slack socket
    # mode connected" (extensions/slack/src/monitor/provider.ts, info) is the ingress back.
    _searched(
        "channel.transport_error", "warn", "wasn't received from the server before the timeout of ",
        r"(?:(?P<channel>socket-mode):(?P<sdkComponent>\w{1,40}):\d+ )?A (?P<heartbeat>ping|pong) wasn't received from "
        r"the server before the timeout of (?P<timeoutMs>\d+)ms",
        values={"channel": {"socket-mode": "slack"}},
    ),
    # The Slack SDK's own HTTP client failing a Web API call, as its console logger prints it (#27077): "[WARN]  bolt-app
    # http request failed getaddrinfo ENOTFOUND slack.com", "[WARN]  web-api:WebClient:<n> http request failed <err>":
    # the channel cannot reach Slack (the SDK's wording, not OpenClaw's).
    _searched(
        "channel.transport_error", "warn", " http request failed ",
        r"(?P<channel>bolt-app|web-api)(?::(?P<sdkComponent>\w{1,40})(?::\d+)?)? http request failed\s+"
        r"(?P<error>\S[^\n]{0,500})",
        values={"channel": {"bolt-app": "slack", "web-api": "slack"}},
    ),
    # The same SDK's socket-mode client failing to fetch the WebSocket URL it connects to (apps.connections.open), as
    # its console logger prints it (#22865): "[ERROR] socket-mode:SocketModeClient:<n> Failed to retrieve a new WSS URL
    # (error: <err>)": the socket cannot (re)connect, so no event reaches the channel.
    _searched(
        "channel.transport_error", "error", "Failed to retrieve a new WSS URL",
        r"(?P<channel>Failed) to retrieve a new WSS URL(?: \(error: (?P<error>[^\n]{1,500})\))?",
        values={"channel": {"Failed": "slack"}},
    ),
    _anchored(
        "channel.polling_started", "info", ("slack socket mode connected", "socket mode connected"),
        r"(?:(?P<channel>slack) )?socket mode connected(?: \((?P<identity>degraded) identity\))?\s*$",
    ),
    # The same client's socket failing ("[WARN]  socket-mode:socket-mode WebSocket error occurred: <err>", "[ERROR]
    # socket-mode:socket-mode WebSocket error! SMWebsocketError: <err>"), which the monitor then reports as a failed
    # start (extensions/slack/src/monitor/provider.ts, error): "slack socket mode failed to start; retry <n>/∞ in <s>s
    # reason=\"<err>[; last SDK log: <line>]\"", the later form of the "failed to start. retry" reconnect above.
    _searched(
        "channel.transport_error", "warn", " WebSocket error",
        r"(?P<channel>socket-mode):(?P<sdkComponent>[\w-]{1,40})(?::\d+)? WebSocket error(?: occurred:|!)\s*"
        r"(?P<error>\S[^\n]{0,500})?",
        values={"channel": {"socket-mode": "slack"}},
    ),
    _anchored(
        "channel.auto_restart", "error", ("slack socket mode failed to start; retry ", "socket mode failed to start; retry "),
        r"(?:(?P<channel>slack) )?socket mode failed to start; retry (?P<attempt>\d+)/(?P<maxAttempts>\d+|∞) in "
        r"(?P<restartDelay>\d+(?:\.\d+)?(?:ms|s|m))(?: reason=\"(?P<error>[^\n]{0,1000}?)\"?)?\s*$",
    ),
    # Benign look-alikes as older builds and pasted logs print them: "typing TTL reached (2m)" (the typing indicator
    # stopped on a long turn, as "[typing] TTL exceeded" above) and "Removed orphaned user message to prevent
    # consecutive user turns" (the transcript repaired before a prompt): neither is a stall.
    _searched(
        "channel.typing_ttl", "warn", "typing TTL reached (",
        r"typing TTL reached \((?P<ttl>\d+(?:\.\d+)?(?:ms|s|m|h))\)",
    ),
    _searched(
        "transcript.repaired", "warn", "Removed orphaned user message",
        r"(?P<stage>Removed orphaned user message)(?: to prevent consecutive user turns)?",
    ),
    # -- Fifth source audit: run, drain and watchdog lines (the drain, cron and channel ones sit with their kinds above).
    # Context overflow, src/agents/pi-embedded-runner/run/ (agent/embedded). Before the prompt is sent, the precheck
    # predicts an overflow and routes it (warn): "[context-overflow-precheck] sessionKey= provider=<p>/<m>
    # route=compact_only|compact_then_truncate|truncate_tool_results_only estimatedPromptTokens= promptBudgetBeforeReserve=
    # overflowTokens= toolResultReducibleChars= reserveTokens= sessionFile=": the overflow diagnosis, predicted.
    _searched(
        "compaction.overflow_diag", "warn", "[context-overflow-precheck] sessionKey=",
        r"\[context-overflow-precheck\](?= sessionKey=)" + KV,
    ),
    # The recovery's steps, each a move on the way to a prompt that fits: the precheck's "early recovery route=<r>
    # completed for <p>/<m>; retrying prompt" (info), "early|post-compaction tool-result truncation succeeded|did not
    # help for <p>/<m>...", "stale token state had no real conversation messages for <p>/<m>; resetting ...", and the
    # overflow recovery's "[context-overflow-recovery] Attempting tool result truncation for <p>/<m> (contextWindow=<n>
    # tokens)" (warn), "... Truncated <n> tool result(s); retrying prompt" (info), "... Tool result truncation did not
    # help: <reason>" (warn), "... compaction rotated <old> -> <new> while nested tool work was parked; ...".
    _searched(
        "compaction.overflow_recovery", "info", "[context-overflow-precheck] ",
        r"\[context-overflow-precheck\] (?P<step>early recovery|early tool-result truncation|post-compaction tool-result "
        r"truncation|stale token state)\b(?: route=(?P<route>\w{1,40}))?[^\n]{0,40}?"
        r"(?P<outcome>completed|succeeded|did not help|had no real conversation messages)"
        r"(?: for (?P<model>[^\s;:]{1,200}))?" + KV,
    ),
    _searched(
        "compaction.overflow_recovery", "warn", "[context-overflow-recovery] ",
        r"\[context-overflow-recovery\] (?:(?P<step>Attempting tool result truncation) for (?P<model>\S+)"
        r"(?: \(contextWindow=(?P<contextWindow>\d+) tokens\))?"
        r"|(?P<outcome>Truncated) (?P<truncatedCount>\d+) tool result\(s\)"
        r"|Tool result truncation (?P<noHelp>did not help):?\s*(?P<reason>[^\n]{0,200})"
        r"|compaction (?P<rotated>rotated) (?P<fromSessionId>\S+) -> (?P<sessionId>\S+) while nested tool work was parked)",
    ),
    # The give-up (warn): "[context-overflow-recovery] exhausted provider overflow recovery for <p>/<m>;
    # livenessState=blocked suggestedAction=reset_or_new kind=context_overflow|compaction_failure", and the same verdict
    # without trying when the provider's request-size ceiling refused the payload: "[context-overflow-recovery] provider
    # request-size ceiling for <p>/<m>; livenessState=blocked suggestedAction=reset_or_new kind=<k> compaction=skipped
    # retry=skipped". The user got the overflow text; every turn of the session overflows again until /reset or /new.
    _searched(
        "compaction.overflow_exhausted", "error", "[context-overflow-recovery] ",
        r"\[context-overflow-recovery\] (?P<reason>exhausted provider overflow recovery|provider request-size ceiling) "
        r"for (?P<model>[^\s;]{1,200});(?: livenessState=(?P<livenessState>\w{1,40}))?"
        r"(?: suggestedAction=(?P<suggestedAction>\w{1,40}))?(?: kind=(?P<overflowKind>\w{1,40}))?" + KV,
    ),
    # The Codex app-server harness's turn watchdogs (extensions/codex/src/app-server/attempt-turn-watches.ts,
    # agent/embedded, warn; threadId, turnId, idleMs, timeoutMs, lastActivityReason in the meta object): no progress
    # notification within the attempt idle budget, "codex app-server turn idle timed out waiting for progress"; items
    # done but no turn/completed, "... waiting for completion"; the client silent with no terminal event, "... waiting
    # for terminal event" (the shared client is then retired). Each aborts the turn.
    _anchored(
        "codex.turn_idle_timeout", "warn", "codex app-server turn idle timed out waiting for ",
        r"codex app-server turn idle timed out waiting for (?P<waitingFor>progress|completion|terminal event"
        r"|turn/completed)" + KV,
        values={"waitingFor": {"turn/completed": "completion"}},
    ),
    # The same watchdogs in the harness's trajectory export (its records' types, read as "<type> key=value ..."
    # lines, or pasted as bare words, "trajectory: turn.completion_idle_timeout idleMs=3002 timeoutMs=3000 ..."):
    # (the harness's telemetry spells the type with underscores: "kind: turn_completion_idle_timeout", #88331)
    # turn.completion_idle_timeout (items done, no turn/completed within CODEX_TURN_COMPLETION_IDLE_TIMEOUT_MS, 60 s)
    # and turn.terminal_idle_timeout (no terminal event within CODEX_TURN_TERMINAL_IDLE_TIMEOUT_MS, 30 min); the
    # session's end quotes the error, promptError="codex app-server turn idle timed out waiting for turn/completed".
    _searched(
        "codex.turn_idle_timeout", "warn", "_idle_timeout",
        r"(?<![\w.])turn[._](?P<waitingFor>completion|terminal)_idle_timeout\b" + KV,
        values={"waitingFor": {"terminal": "terminal event"}},
    ),
    _searched(
        "codex.turn_idle_timeout", "warn", "turn idle timed out waiting for turn/completed",
        r"codex app-server turn idle timed out waiting for (?P<waitingFor>turn/completed)",
        values={"waitingFor": {"turn/completed": "completion"}},
    ),
    # The harness's client closing under a turn that had not completed, was not aborted and had no terminal event
    # queued (extensions/codex, agent/embedded, warn; threadId, turnId in the meta object): "codex app-server client
    # closed before turn completed". The session's end quotes it as promptError. During a stop it is the turn the
    # stop cut (Correlator._on_turn_cut).
    _anchored(
        "codex.turn_cut", "warn", "codex app-server client closed before turn completed",
        r"codex app-server client closed before turn completed" + KV,
    ),
    # The release valve for the missing turn/completed (warn; same fields): "codex app-server turn released after
    # completed assistant item without terminal event": the answer was complete, the turn is closed by the watchdog.
    _anchored(
        "codex.turn_released", "warn", "codex app-server turn released after ",
        r"codex app-server turn released after (?P<after>completed assistant item) without terminal event" + KV,
    ),
    # The app-server did not come up within the attempt's startup budget (extensions/codex/src/app-server/
    # attempt-timeouts.ts, CodexAppServerStartupError): "codex app-server startup timed out" (a fallback stop).
    _searched(
        "codex.startup_timeout", "error", "codex app-server startup timed out",
        r"codex app-server startup (?P<reason>timed out)",
    ),
    # The Codex harness's remote app-server link (extensions/codex/src/app-server/connection-health.ts, plugin logger):
    # "codex app-server remote WebSocket connection failed: <err>" (warn, retried with backoff up to 30 s),
    # "... disconnected; reconnecting" (warn), "... requires an authentication or version update; not retrying: <err>"
    # and "... configuration is invalid; update the configuration before reconnecting: <err>" (error, the monitor
    # stops): turns routed to a remote Codex app-server have no backend while these repeat.
    _anchored(
        "codex.remote_unreachable", "warn", "codex app-server remote WebSocket ",
        r"codex app-server remote WebSocket (?P<stage>connection failed|disconnected|requires an authentication or "
        r"version update|configuration is invalid)(?:; (?P<next>reconnecting|not retrying|update the configuration "
        r"before reconnecting))?(?::\s*(?P<error>.*))?",
    ),
    # The ACP runtime (external coding agents run as ACP sessions through the bundled acpx plugin).
    # The embedded backend's start-up check (extensions/acpx/src/service.ts, plugin logger, warn): after "embedded acpx
    # runtime backend registered (cwd: <dir>)" comes "embedded acpx runtime backend ready", or "embedded acpx runtime
    # backend check failed: <message>[ (<details>)]" (older builds: "... backend probe failed: ..."), or "embedded acpx
    # runtime setup failed: <err>" (the check threw, or ran out of the plugin's timeoutSeconds: "embedded acpx runtime
    # backend startup check|probe timed out after <n>s"). The backend is not healthy: ACP spawns fail at once (an
    # agent that exits before initialize, a missing adapter), which no stall rule reads.
    _anchored(
        "acp.backend_unavailable", "warn",
        ("embedded acpx runtime backend check failed:", "embedded acpx runtime backend probe failed:",
         "embedded acpx runtime setup failed:"),
        r"embedded acpx runtime (?:backend )?(?P<stage>check|probe|setup) failed:\s*"
        r"(?:embedded acpx runtime backend startup (?:check|probe) (?P<reason>timed out) after (?P<timeoutSeconds>\d+)s"
        r"|(?P<error>.*))",
    ),
    # The same check in the builds that drove the acpx CLI (extensions/acpx/src/service.ts then, warn): "acpx runtime
    # setup failed: <err>" (ensureAcpx or the probe threw, e.g. "acpx command not found: <cmd>") and "acpx runtime
    # backend probe failed after local install" (the CLI installed but its --help probe failed).
    _anchored(
        "acp.backend_unavailable", "warn", "acpx runtime setup failed:",
        r"acpx runtime (?P<stage>setup) failed:\s*(?P<error>.*)",
    ),
    _anchored(
        "acp.backend_unavailable", "warn", "acpx runtime backend probe failed after local install",
        r"acpx runtime backend (?P<stage>probe) failed after local install",
    ),
    # The acpx runtime's repair of a named ACP session when a spawn ensures it (extensions/acpx/src/runtime.ts in the
    # builds that drove the acpx CLI, plugin logger, warn): "acpx ensureSession replacing dead|missing named session:
    # session=<key> cwd=<dir>[ status=dead summary=<text>]" ("queue owner unavailable"), "... repairing dead named
    # session with fresh session owner|by resuming backend session: ...", "... dead-session resume repair failed;
    # retrying with fresh session owner: ...", "... status probe failed|status fallback failed: ... error=<text>",
    # "... probing named session after ensure failure: ...", "... creating named session after ensure failure and
    # missing status: ...", "... replacing dead named session after ensure failure: ...", "... reusing live named
    # session after ensure failure: ...", "... returned no events after sessions ensure|replacing dead session: ...".
    # The runtime replacing a session before its turn runs: no run is held (a failed repair is the spawn's own
    # ACP_SESSION_INIT_FAILED answer). Its debug lines ("retaining just-ensured dead session ...") are not matched.
    _anchored(
        "acp.session_repair", "warn", "acpx ensureSession ",
        r"acpx ensureSession (?P<action>replacing (?:dead|missing) named session(?: after ensure failure)?"
        r"|repairing dead named session|dead-session resume repair failed|status probe failed|status fallback failed"
        r"|probing named session after ensure failure|creating named session after ensure failure"
        r"|reusing live named session after ensure failure|returned no events)\b[^:]{0,80}:" + KV,
    ),
    # The task registry's sweep closing ACP sessions (src/tasks/task-registry.maintenance.ts, tasks/task-registry-
    # maintenance, warn, the session key, agent id, task id and error in the meta object): "Failed to close|unbind
    # orphaned parent-owned ACP session during task maintenance" and "Failed to close terminal ACP session during task
    # maintenance". Retried every sweep (coalesced when unchanged): an ACP session and its agent process that could
    # not be closed, which no rule judges (a 2026.4.27 build looped on it; the sessions it named were already stopped).
    # The same sweep's "Failed to unbind terminal ACP session during task maintenance" (its close went through, the
    # binding stayed) and "Failed to list ACP sessions during task maintenance" (the orphan pass could not start).
    _anchored(
        "acp.maintenance_close_failed", "warn",
        ("Failed to close orphaned parent-owned ACP session", "Failed to unbind orphaned parent-owned ACP session",
         "Failed to close terminal ACP session", "Failed to unbind terminal ACP session"),
        r"Failed to (?P<action>close|unbind) (?P<which>orphaned parent-owned|terminal) ACP session during task "
        r"maintenance" + KV,
    ),
    _anchored(
        "acp.maintenance_close_failed", "warn", "Failed to list ACP sessions during task maintenance",
        r"Failed to (?P<action>list) ACP sessions during task maintenance" + KV,
    ),
    # `openclaw tasks audit` (src/commands/tasks.ts; the findings of src/tasks/task-registry.audit.ts and
    # task-flow-registry.audit.ts), one row a finding: "<Task|TaskFlow> <severity> <code> <item> <status> <age>
    # <detail>", the columns padded (a paste often squeezes them to one space), the item the task's or flow's id cut to
    # ten characters ("adfb3305-…"), the age "fresh" or "<d>d<h>h", "<h>h<m>m", "<m>m", "<s>s" since the record's last
    # event (field age). A task still `running` past the audit's 30 minutes with no
    # event is "error stale_running ... running task appears stuck" (a flow: "running TaskFlow has not advanced
    # recently"; a retained yield owner: its guidance): either a run held that long or a record whose run ended
    # without closing it, which the row alone cannot tell apart (task.stale_running). A task the registry closed because
    # its backing session (child session, cron job, CLI run) is gone is "error lost ... <its error, 'backing session
    # missing'>" ("warn lost ... task lost its backing session and is retained until cleanupAfter") (task.lost). The
    # other fault codes: stale_queued ("queued task has not advanced recently", 10 minutes), delivery_failed ("terminal
    # update delivery failed"), a flow's stale_waiting / stale_blocked / cancel_stuck / missing_linked_tasks /
    # blocked_task_missing, restore_failed ("task-flow registry restore failed: <err>") (task.audit_finding). The
    # bookkeeping codes missing_cleanup ("terminal task is missing cleanupAfter") and inconsistent_timestamps
    # ("startedAt is earlier than createdAt", which #69229 showed on healthy tasks) are no fault (task.audit_note). The
    # rows name no run id or session key: `openclaw tasks list` and `tasks show <id>` do.
    _anchored(
        "task.stale_running", "error", ("Task ", "TaskFlow "),
        _TASK_AUDIT_ROW.format(severity="error", code="stale_running"),
    ),
    _anchored(
        "task.lost", "error", "Task ", _TASK_AUDIT_ROW.format(severity="error", code="lost"),
    ),
    _anchored(
        "task.lost", "warn", "Task ", _TASK_AUDIT_ROW.format(severity="warn", code="lost"),
    ),
    _anchored(
        "task.audit_finding", "warn", ("Task ", "TaskFlow "),
        _TASK_AUDIT_ROW.format(severity="error|warn", code="stale_queued|delivery_failed|stale_waiting|stale_blocked"
                               "|cancel_stuck|missing_linked_tasks|blocked_task_missing|restore_failed"),
    ),
    _anchored(
        "task.audit_note", "info", ("Task ", "TaskFlow "),
        _TASK_AUDIT_ROW.format(severity="warn", code="missing_cleanup|inconsistent_timestamps"),
    ),
    # The same command's header, "Tasks audit: <n> findings · <n> errors · <n> warnings" (an audit with no findings
    # goes on "No tasks audit findings."): counts, no fault of its own; the rows say what was found.
    _anchored(
        "task.audit_summary", "info", "Tasks audit: ",
        r"Tasks audit: (?P<findings>\d+) findings? · (?P<errors>\d+) errors? · (?P<warnings>\d+) warnings?",
    ),
    _anchored("task.audit_summary", "info", "No tasks audit findings", r"No tasks audit findings"),
    # The ACP session manager's turn deadline (src/acp/control-plane/manager.core.ts, later manager.turn-runner.ts):
    # the turn is cancelled and fails with AcpRuntimeError code ACP_TURN_FAILED, "ACP turn timed out after <n>s." (in
    # the spawn's or dispatch's error line, wherever it is printed): an ACP turn that gave no answer in its budget.
    _searched(
        "acp.turn_timeout", "error", "ACP turn timed out after ",
        r"ACP turn (?P<reason>timed out) after (?P<timeoutSeconds>\d+)s",
    ),
    # The acpx permission policy refusing a prompt it cannot show (docs/tools/acp-agents.md, its troubleshooting
    # table; acpx's PermissionPromptUnavailableError): "AcpRuntimeError|PermissionPromptUnavailableError: Permission
    # prompt unavailable in non-interactive mode". With the default permissionMode=approve-reads and
    # nonInteractivePermissions=fail, an ACP child's first write or exec fails at once: the plugin's configuration,
    # nothing left waiting on an approval (not RC03's approval-gated tool).
    _searched(
        "acp.permission_unavailable", "error", "Permission prompt unavailable in non-interactive mode",
        r"Permission prompt (?P<reason>unavailable) in non-interactive mode",
    ),
    # The ACP session manager's other turn failures (src/acp/control-plane/manager.turn-runner.ts, extensions/acpx/src/
    # runtime-turn.ts): an AcpRuntimeError in the spawn's or dispatch's error line, wherever it is printed: "ACP turn
    # ended without a terminal done event." (the agent's stream closed with no done event), "ACP turn failed before
    # completion." and "Could not initialize ACP session runtime." (the fallback messages of codes ACP_TURN_FAILED and
    # ACP_SESSION_INIT_FAILED), and the gateway's error line naming only the code ("AcpRuntimeError: Internal error:
    # code=ACP_TURN_FAILED", #31065, #78212; field code, one of the AcpRuntimeError codes of a turn or spawn that failed:
    # ACP_TURN_FAILED, ACP_SESSION_INIT_FAILED, ACP_BACKEND_UNAVAILABLE, ACP_BACKEND_MISSING; the configuration codes
    # ACP_BACKEND_UNSUPPORTED_CONTROL, ACP_INVALID_RUNTIME_OPTION and ACP_DISPATCH_DISABLED are not matched). Listed
    # after acp.turn_timeout: a deadline's error keeps that kind.
    _searched(
        "acp.turn_failed", "error", "ACP turn ended without a terminal done event",
        r"ACP turn (?P<reason>ended without a terminal done event)",
    ),
    _searched(
        "acp.turn_failed", "error", "ACP turn failed before completion",
        r"ACP turn (?P<reason>failed before completion)",
    ),
    _searched(
        "acp.turn_failed", "error", "Could not initialize ACP session runtime",
        r"(?P<reason>Could not initialize) ACP session runtime",
    ),
    # The acpx runtime's startup deadline (extensions/acpx/src/startup-deadline.ts): a spawned agent command that never
    # answers ACP's initialize is stopped and the spawn fails (ACP_SESSION_INIT_FAILED, detail ACP_HANDSHAKE_TIMEOUT):
    # 'ACP agent "<agent>" (<command>) did not complete ACP startup within <n>s and was stopped. Check that the
    # configured command starts an ACP server; ...' (a one-shot runner such as `codex exec` configured as the agent).
    _searched(
        "acp.turn_failed", "error", "did not complete ACP startup within ",
        r'ACP agent "(?P<agent>[^"\n]{1,100})" \([^\n]{0,300}?\) (?P<reason>did not complete ACP startup) within '
        r"(?P<timeoutSeconds>\d+)(?:\.\d+)?s",
    ),
    _searched(
        "acp.turn_failed", "error", "code=ACP_",
        r"code=(?P<code>ACP_(?:TURN_FAILED|SESSION_INIT_FAILED|BACKEND_UNAVAILABLE|BACKEND_MISSING))\b",
    ),
    # The acpx runtime's cancel on an aborted turn (extensions/acpx/src/runtime.ts, plugin logger, warn): "acpx runtime
    # abort-cancel failed: <err>". The turn's caller gave up (a stop, a deadline) but the cancel did not reach the agent,
    # whose process may still be working.
    _anchored(
        "acp.cancel_failed", "warn", "acpx runtime abort-cancel failed:",
        r"acpx runtime abort-cancel failed:\s*(?P<error>.*)",
    ),
    # The parent-stream relay of an ACP spawn (src/agents/acp-spawn-parent-stream.ts): system events into the parent
    # session (and its <sessionId>.acp-stream.jsonl), "<agent> has produced no output for <n>s. It may be waiting for
    # interactive input." (60 s with no assistant output, once until output resumes: "<agent> resumed output.") and
    # "<agent> stream relay timed out after <n>s without completion." (the relay's 6 h lifetime). An ACP child that went
    # silent or never finished; no dev case says whose fault. (q61: the no-output notice is a heads-up, info when its
    # line states no level: the relay writes it after 60 s with no assistant text other than commentary, so a healthy
    # child busy with its tools for a minute writes it too, then "resumed output." and "run completed in <n>s."; only
    # the lifetime running out says the child never finished.)
    _searched(
        "acp.child_silent", "info", "has produced no output for ",
        r"(?P<reason>has produced no output) for (?P<noOutputSeconds>\d+)s\. It may be waiting for (?:interactive )?input",
    ),
    _searched(
        "acp.child_silent", "warn", "stream relay timed out after ",
        r"stream relay (?P<reason>timed out) after (?P<timeoutSeconds>\d+)s without completion",
    ),
    # memory-core's dreaming narrative (extensions/memory-core/src/dreaming-narrative.ts, plugin logger, warn): the
    # phase's narrative runs as a subagent the dreaming cron waits on for a bounded time: "memory-core: narrative
    # generation ended with status=<timeout|error|...> for <light|deep|rem> phase." and "memory-core: narrative
    # generation failed for <phase> phase: <err>". Best effort (the phase goes on), but a timeout is a side-run's
    # model call that did not answer in its budget.
    _anchored(
        "memory.narrative_failed", "warn", ("memory-core: narrative generation ended with status=",
                                            "narrative generation ended with status="),
        r"(?:memory-core: )?narrative generation ended with status=(?P<status>[\w-]{1,40}) for (?P<phase>[\w-]{1,40}) "
        r"phase",
    ),
    _anchored(
        "memory.narrative_failed", "warn", ("memory-core: narrative generation failed for ",
                                            "narrative generation failed for "),
        r"(?:memory-core: )?narrative generation (?P<status>failed) for (?P<phase>[\w-]{1,40}) phase:\s*(?P<error>.*)",
    ),
    # memory-core's index and search (extensions/memory-core/src/memory/, subsystem memory, warn; the console drops the
    # "memory " that repeats its tag). None holds a turn: each reports a bounded wait that ended. A memory index sync
    # that threw (manager-sync-ops.ts's detached interval/watch sync and manager.ts's sync before a first search):
    # "memory sync failed (<interval|watch|search-bootstrap|search-bootstrap-fallback>): <err>"; the qmd backend's
    # index update (qmd-manager.ts): "qmd boot update failed: <err>", "qmd cli boot update failed: <err>", "qmd update
    # failed (<err>)", and the gateway's deferred qmd start (src/gateway/server-startup-memory.ts): "qmd memory
    # startup initialization failed: <err>". The index stays stale or empty and memory search is degraded: a fault
    # the user should see, no stall. SQLite's "database is locked" in the error stays sqlite.busy (RC12 reads it
    # beside a frozen process: the index is the gateway's own synchronous database work).
    _anchored(
        "memory.sync_failed", "warn", ("memory sync failed (", "sync failed ("),
        r"(?:memory |(?=sync failed \((?:search-bootstrap|interval|watch)))sync failed \((?P<reason>[\w:.-]{1,60})\):\s*"
        r"(?![^\n]{0,300}?database is locked)(?P<error>.*)",
    ),
    _anchored(
        "memory.sync_failed", "warn", ("qmd boot update failed: ", "qmd cli boot update failed: ", "qmd update failed (",
                                       "qmd memory startup initialization failed: "),
        r"(?P<backend>qmd) (?P<reason>(?:cli )?boot update|update|memory startup initialization) failed(?:: | \()"
        r"(?![^\n]{0,300}?database is locked)(?P<error>.*?)\)?\s*$",
    ),
    # A memory search that failed: the qmd backend's query (2026.3 builds, as pasted in field case f2693: "qmd query
    # failed: <err>", the err "qmd query <q> --json -n <n> -c <collection> timed out after <n>ms" at its 4 s default),
    # memory-core's pre-prompt auto-recall hook (extensions/memory-core/src/auto-recall.ts, plugin logger:
    # "memory-core: autoRecall failed: <err>") and memory-lancedb's (extensions/memory-lancedb/index.ts:
    # "memory-lancedb: recall failed: <err>"). The hook catches its error and the turn's prompt is built without the
    # memories; a memory_search tool call gets the error as its result. No turn is held past the failure.
    _anchored(
        "memory.search_failed", "warn", ("qmd query failed: ", "memory-core: autoRecall failed: ",
                                         "memory-lancedb: recall failed: "),
        r"(?:(?P<backend>qmd) query|(?P<plugin>memory-core|memory-lancedb): (?:autoRecall|recall)) failed:\s*"
        r"(?P<error>.*)",
    ),
    # The search manager giving up on qmd for the builtin SQLite index (extensions/memory-core/src/memory/
    # search-manager.ts): "qmd memory failed; switching to builtin index: <err>" (a query that threw, the search is
    # answered by the builtin index) and "qmd memory unavailable; falling back to builtin: <err>" (qmd could not be
    # set up). The search goes on at once: no stall.
    _anchored(
        "memory.search_fallback", "warn", ("qmd memory failed; switching to builtin index: ",
                                           "qmd memory unavailable; falling back to builtin: "),
        r"(?P<backend>qmd) memory (?:failed; switching to builtin index|unavailable; falling back to builtin):\s*"
        r"(?P<error>.*)",
    ),
    # An embedding call retried after a retryable provider error (429, 5xx, a reset; extensions/memory-core/src/memory/
    # manager-embedding-ops.ts): "memory embeddings retryable error; retrying in <n>ms" (a jittered back-off of 0.5
    # to 8 s, three attempts). An embedding call is a provider call, not the turn's model call; a retry is no stall
    # (as model_fetch.retry). Its timeout ("memory embeddings query timed out after <n>s", 60 s remote, 5 min local)
    # is an error inside another line (a memory_search result, a sync failure).
    _anchored(
        "memory.embedding_retry", "warn", ("memory embeddings retryable error; ", "embeddings retryable error; "),
        r"(?:memory )?embeddings retryable error; (?P<action>[a-z][a-z -]{0,40}?) in ~?(?P<delayMs>\d+)ms",
    ),
    # Plugin hooks (src/plugins/hooks.ts, plugins): a handler that threw or ran out of its budget (15 s for
    # before_prompt_build and the other modifying hooks unless the plugin sets timeoutMs): "[hooks] <hook> handler from
    # <plugin id> failed: <err>", the err "timed out after <n>ms" on a timeout (#75158). The turn goes on without the
    # hook's result, except before_tool_call, which fails closed (the tool call is denied).
    _searched(
        "plugin.hook_failed", "warn", " handler from ",
        r"(?:\[hooks\] )?(?<![\w-])(?P<hook>[a-z][a-z_]{2,60}) handler from (?P<plugin>[^\s:]{1,120}) failed:\s*"
        r"(?:timed out after (?P<timeoutMs>\d+)ms|(?P<error>.*))",
    ),
    # The agent heartbeat runner (src/infra/heartbeat-runner.ts, gateway/heartbeat, the meta object after the words;
    # the console drops the "heartbeat: " that repeats its tag, "[heartbeat] flood guard tripped, ..."). Its periodic
    # agent turn skips itself while the session or its agent is busy ("requests-in-flight", "cron-in-progress",
    # "lanes-busy": heartbeat events and a wake retry, never a log line), so what it logs is its own trouble:
    # A wake storm the cooldown gate deferred (warn, once until a run fires: agentId, reason, recentRunCount): "heartbeat:
    # flood guard tripped, deferring wake" (read without its label too: no other template says it). The guard doing
    # its job on runaway wakes (exec or cron events), no session held.
    _anchored(
        "heartbeat.flood_deferred", "warn",
        ("heartbeat: flood guard tripped", "heartbeat flood guard tripped", "flood guard tripped, deferring wake"),
        r"(?:heartbeat:? )?flood guard tripped, deferring wake" + KV,
    ),
    # Its reply's delivery failing on the channel (warn): "heartbeat: HEARTBEAT_OK delivery failed: <err>" and
    # "heartbeat: terminal tool failure alert delivery failed" (channel, error in the meta object). The turn had ended.
    _anchored(
        "heartbeat.delivery_failed", "warn",
        ("heartbeat: HEARTBEAT_OK delivery failed:", "heartbeat HEARTBEAT_OK delivery failed:"),
        r"heartbeat:? (?P<what>HEARTBEAT_OK) delivery failed:\s*(?P<error>.*)",
    ),
    _anchored(
        "heartbeat.delivery_failed", "warn",
        ("heartbeat: terminal tool failure alert delivery failed", "heartbeat terminal tool failure alert delivery "),
        r"heartbeat:? (?P<what>terminal tool failure alert) delivery failed" + KV,
    ),
    # Its configuration and housekeeping (warn): "heartbeat: unknown accountId" (accountId, target), "heartbeat: failed
    # to archive stale isolated session transcript" (err, sessionKey), "heartbeat: scheduled delay exceeds Node
    # setTimeout cap; clamping to ~24.85d" (rawDelayMs, clampedMs). No run is held by any of them.
    _anchored(
        "heartbeat.housekeeping", "warn",
        ("heartbeat: unknown accountId", "heartbeat unknown accountId",
         "heartbeat: failed to archive stale isolated session transcript",
         "heartbeat failed to archive stale isolated session transcript",
         "heartbeat: scheduled delay exceeds Node setTimeout cap", "heartbeat scheduled delay exceeds Node setTimeout cap"),
        r"heartbeat:? (?P<what>unknown accountId|failed to archive stale isolated session transcript"
        r"|scheduled delay exceeds Node setTimeout cap)" + KV,
    ),
    # Its agent turn failing (error): "heartbeat failed: <reason>" (the turn threw: a model or run timeout, a lock, a
    # failed send; the turn's lane is free again), and the wake handler's catch: "heartbeat runner: [targeted |
    # commitment ]runOnce threw unexpectedly: <err>" (a throw during compaction, say). Searched and last, so an error
    # a family reads (a session lock's timeout, a model failover) keeps that reading.
    _searched(
        "heartbeat.run_failed", "error", "heartbeat failed: ",
        r"\Aheartbeat failed:\s*(?P<error>[^\n]{0,2000})",
    ),
    _searched(
        "heartbeat.run_failed", "error", "runOnce threw unexpectedly: ",
        r"\A(?:heartbeat runner: )?(?:(?P<scope>targeted|commitment) )?runOnce threw unexpectedly:\s*"
        r"(?P<error>[^\n]{0,2000})",
    ),
    # -- t50c source audit of cron (src/cron/service/, subsystem cron, the fields in the meta object). A job whose run
    # threw, "cron: job failed: <error>" (warn; jobId, jobName, timeoutMs): in builds before the run receipts every
    # run's throw (timer.ts), in the newest the isolated run's setup error (timer.ts onSetupError); and a recurring
    # job the service turned off after its run failed again and again, "cron: auto-disabled job after consecutive run
    # failures" (error; jobId, name, consecutiveErrors, error). Searched and after every other family, so an error a
    # family reads (the job's own timeout and its phase, a model timeout, a session lock) keeps that reading.
    _searched(
        "cron.job_error", "warn", "cron: job failed: ",
        r"\A(?:cron: )?(?P<stage>job failed):\s*(?P<error>[^\n{]{0,2000}[^\s{])?",
    ),
    _searched(
        "cron.job_error", "error", "auto-disabled job after consecutive run failures",
        r"\A(?:cron: )?(?P<stage>auto-disabled job after consecutive run failures)" + KV,
    ),
    # The scheduler's own tick throwing (error; err), "cron: timer tick failed", and the tick a freed execution slot
    # asks for, "cron: immediate capacity recheck failed" (error; err) (src/cron/service/timer.ts): the due jobs of
    # that tick did not start then; the timer is armed again. Searched last, so a store error a family reads
    # (SQLITE_BUSY) keeps that reading.
    _searched(
        "cron.tick_failed", "error", "timer tick failed",
        r"\A(?:cron: )?(?P<stage>timer tick failed)" + KV,
    ),
    _searched(
        "cron.tick_failed", "error", "immediate capacity recheck failed",
        r"\A(?:cron: )?(?P<stage>immediate capacity recheck failed)" + KV,
    ),
    # Cron's housekeeping (src/cron/service/timer.ts, jobs-scheduling.ts): the cron-run session reaper,
    # "cron: session reaper sweep failed" (warn; err, storePath) and "cron: session reaper preparation failed" (warn;
    # err); a schedule that cannot be computed, "cron: failed to compute next run for job (skipping)" (warn; jobId,
    # name, errorCount, err) and, repeated, "cron: auto-disabled job after repeated schedule errors" (error). No run is
    # held by any of them.
    _anchored(
        "cron.housekeeping", "warn",
        ("cron: session reaper ", "session reaper sweep failed", "session reaper preparation failed",
         "cron: failed to compute next run", "failed to compute next run for job",
         "cron: auto-disabled job after repeated schedule errors", "auto-disabled job after repeated schedule errors"),
        r"(?:cron: )?(?P<what>session reaper (?:sweep|preparation) failed|failed to compute next run for job"
        r"|auto-disabled job after repeated schedule errors)" + KV,
    ),
    # -- t50g source audit of cron's isolated-agent runner and its delivery (src/cron/isolated-agent/delivery-dispatch.ts,
    # run-executor.ts; logWarn/logError of src/logger.ts). The message starts "[cron:<jobId>] ", which names no
    # subsystem: the file record keeps it in the message, the console prints it as the line's tag (so the console form
    # is the bare text under a "[cron:<jobId>]" tag). Searched, and after every other family, so an error a family reads
    # (a gateway timeout, a session lock) keeps that reading. A best-effort delivery that failed after the run, "[cron:
    # <jobId>] delivery failed (bestEffort): <err>" and one payload of it, "... delivery payload failed (bestEffort):
    # <err>" (error); and the service's failure alert that the channel did not take, "cron: failure alert delivery
    # failed" (warn; jobId, err in the meta object; src/cron/service/timer.ts). The run had ended: a message lost.
    _searched(
        "cron.delivery_failed", "error", "failed (bestEffort)",
        r"(?:\[cron:(?P<jobId>[^\]\s]{1,120})\] )?(?P<stage>delivery (?:payload )?failed) \(bestEffort\):\s*"
        r"(?P<error>[^\n]{0,2000})",
    ),
    _searched(
        "cron.delivery_failed", "warn", "failure alert delivery failed",
        r"\A(?:cron: )?(?P<what>failure alert) delivery failed" + KV,
    ),
    # The direct delivery's own retry of a transient channel error (warn), "[cron:<jobId>] transient direct announce
    # delivery failure, retrying <n>/<max> in <s>s: <err>" (5, 10 and 20 s; the last failure is the line above or the
    # run's error). A bounded wait, not a stall.
    _searched(
        "cron.delivery_retry", "warn", "transient direct announce delivery failure",
        r"(?:\[cron:(?P<jobId>[^\]\s]{1,120})\] )?transient direct announce delivery failure, retrying "
        r"(?P<attempt>\d+)/(?P<maxAttempts>\d+) in (?P<delaySeconds>\d+)s:\s*(?P<error>[^\n]{0,2000})",
    ),
    # A run that started more than 3 h after its slot drops its delivery (warn): "[cron:<jobId>] skipping stale delivery
    # scheduled at <ISO>, started <n>m late, current age <n>m". The run went ahead but its message was not sent; the
    # line does not say why it started late (a gateway down or asleep, a backlog of runs).
    _searched(
        "cron.delivery_skipped", "warn", "skipping stale delivery scheduled at",
        r"(?:\[cron:(?P<jobId>[^\]\s]{1,120})\] )?skipping stale delivery scheduled at (?P<scheduledAt>\S{1,40}), "
        r"started (?P<lateMinutes>-?\d+)m late, current age (?P<ageMinutes>-?\d+)m",
    ),
    # The delivery's bookkeeping (warn): "[cron:<jobId>] failed to mirror direct delivery into session transcript:
    # <reason>", "... failed to resolve destination session for direct delivery mirror: <err>", "... failed to queue
    # isolated cron awareness for the main session: <err>", "... durable delivery receipt unavailable; continuing
    # best-effort delivery: <err>"; and the runner's (run-executor.ts): "... Failed to persist model switch session
    # entry: <err>", "... sourceDelivery is undefined; using fallback — possible build artifact mismatch". The message
    # was sent or the run goes on; nothing is held.
    _searched(
        "cron.delivery_housekeeping", "warn", "[cron:",
        r"\[cron:(?P<jobId>[^\]\s]{1,120})\] (?P<what>" + _CRON_DELIVERY_HOUSEKEEPING + ")",
    ),
    _anchored(
        "cron.delivery_housekeeping", "warn",
        ("failed to mirror direct delivery", "failed to resolve destination session for direct delivery",
         "failed to queue isolated cron awareness", "durable delivery receipt unavailable",
         "Failed to persist model switch session entry", "sourceDelivery is undefined"),
        r"(?P<what>" + _CRON_DELIVERY_HOUSEKEEPING + ")",
    ),
    # The runner giving up on a model the live session keeps switching (warn), "[cron:<jobId>] LiveSessionModelSwitchError
    # retry limit reached (<n>); aborting": the run throws and its job records the error.
    _searched(
        "cron.job_error", "warn", "LiveSessionModelSwitchError retry limit reached",
        r"(?:\[cron:(?P<jobId>[^\]\s]{1,120})\] )?(?P<stage>LiveSessionModelSwitchError retry limit reached)"
        r"(?: \((?P<retries>\d+)\))?",
    ),
    # -- t50h source audit of the gateway's HTTP surfaces (logWarn of src/logger.ts under the gateway's tag; searched, and
    # after every other family, so an error a family reads (a session lock's timeout, a model timeout, a gateway
    # timeout) keeps that reading). The OpenAI-compatible endpoints' failed agent run, answered 500 or ended on an
    # error chunk: src/gateway/openai-http.ts "openai-compat: chat completion failed: <err>", "openai-compat: streaming
    # chat completion failed: <err>" (and the older dispatcher's "openai-compat: streaming dispatch failed: <err>"),
    # "openai-compat: embeddings request failed: <err>"; src/gateway/openresponses-http.ts "openresponses: non-stream
    # response failed: <err>", "openresponses: streaming response failed: <err>", "openresponses: streaming agent run
    # failed (<code>): <message>"; src/gateway/tools-invoke-http.ts "tools-invoke: tool execution failed: <err>". The
    # run (or tool call) ended and its caller got the error: a fault the user saw, no session held. A client that
    # closed its own connection is logged by none of them (the streaming catch returns silently once closed).
    _searched(
        "http_api.request_failed", "warn", "openai-compat: ",
        r"\A(?P<surface>openai-compat): (?P<what>(?:streaming )?chat completion failed|streaming dispatch failed"
        r"|embeddings request failed):\s*(?P<error>[^\n]{0,2000})",
    ),
    _searched(
        "http_api.request_failed", "warn", "openresponses: ",
        r"\A(?P<surface>openresponses): (?P<what>non-stream response failed|streaming response failed"
        r"|streaming agent run failed)(?: \((?P<failureCode>[^()\s]{1,60})\))?:\s*(?P<error>[^\n]{0,2000})",
    ),
    _searched(
        "http_api.request_failed", "warn", "tools-invoke: tool execution failed",
        r"\A(?P<surface>tools-invoke): (?P<what>tool execution failed):?\s*(?P<error>[^\n]{0,2000})",
    ),
    # The caller's own bad request, answered 400 at once (warn): "openai-compat: invalid image_url content: <err>"
    # (openai-http.ts), "openresponses: request parsing failed: <err>" (openresponses-http.ts). Nothing waits.
    _anchored(
        "http_api.bad_request", "warn",
        ("openai-compat: invalid image_url content", "openresponses: request parsing failed"),
        r"(?P<surface>openai-compat|openresponses): (?P<what>invalid image_url content|request parsing failed):?"
        r"\s*(?P<error>[^\n]{0,2000})",
    ),
    # The webhook ingress (src/gateway/server/hooks.ts, hooks-request-handler.ts; subsystem gateway/hooks, warn): a
    # hook agent run that threw, "hook agent failed: <err>" (builds to 2026.5; then "Hook <name> (error): <err>" is
    # queued to the main session), a mapping's transform that threw, "hook mapping failed: <err>" (answered 500), a
    # /hooks/wake event the session did not take, "hook wake failed" (status, error in the meta object), and the run's
    # result that reached no session, "hook terminal event not delivered", "hook agent terminal event suppressed". The
    # run had ended or never started: a message lost, no session held.
    _anchored(
        "hooks.dispatch_failed", "warn",
        ("hook agent failed:", "hook mapping failed:", "hook wake failed", "hook terminal event not delivered",
         "hook agent terminal event suppressed"),
        r"(?P<what>hook agent failed|hook mapping failed|hook wake failed|hook terminal event not delivered"
        r"|hook agent terminal event suppressed)(?::\s*(?P<error>[^\n]{0,2000}))?(?: (?P<kv>\{.*))?",
    ),
    # The newest builds' terminal line of a hook agent run (src/gateway/server/hooks.ts): "hook agent run completed
    # runId=<id> status=<ok|error|skipped> [deliveryError=<e>] [summary=<s>] [model=<m>]", warn when the run did not
    # end ok or its delivery failed (the run's error in summary=), info otherwise: a healthy hook run. Searched, so a
    # summary a family reads (a model's timeout) keeps that reading.
    _searched(
        "hooks.run_failed", "warn", "hook agent run completed runId=",
        r"\Ahook agent run completed runId=(?P<runId>\S{1,120}) status=(?P<status>(?!ok\b)[a-z_-]{1,30})\b"
        r"(?: deliveryError=(?P<deliveryError>[^\n]{0,300}?))?(?: summary=(?P<summary>[^\n]{0,500}?))?"
        r"(?: model=(?P<model>\S{1,200}))?\Z",
    ),
    _searched(
        "hooks.run_failed", "warn", "hook agent run completed runId=",
        r"\Ahook agent run completed runId=(?P<runId>\S{1,120}) status=(?P<status>ok) deliveryError="
        r"(?P<deliveryError>[^\n]{0,300}?)(?: model=(?P<model>\S{1,200}))?\Z",
    ),
    # The builds between (hooks.ts with formatHookRunWarningConsoleMessage) log a hook run that did not end ok as
    # "hook agent run returned non-ok status" (warn, only when status is not ok), its fields (status, model, summary,
    # runId, jobId, sessionKey, ...) in the file log's meta object, and on the console "hook agent run returned non-ok
    # status status=<s>[ model=<m>][ summary=<s>]" (each value with whitespace folded to one space, the summary last,
    # up to 500 characters). The run ended on that error: the same reading as the newest builds' line above, and
    # searched, so a summary a family reads (a model's timeout) keeps that reading.
    _searched(
        "hooks.run_failed", "warn", "hook agent run returned non-ok status",
        r"\Ahook agent run returned non-ok status(?: status=(?P<status>\S{1,60}))?(?: model=(?P<model>\S{1,200}))?"
        r"(?: summary=(?P<summary>[^\n]{1,600}))?(?: (?P<kv>\{.*))?\Z",
    ),
    _searched(
        "hooks.run_completed", "info", "hook agent run completed",
        r"\Ahook agent run completed(?: runId=(?P<runId>\S{1,120}))?(?: status=(?P<status>ok))?" + KV,
    ),
    # A client that failed the hook token too often, "hook auth throttled for <ip>; retry-after=<n>s" (warn,
    # hooks-request-handler.ts): answered 429 at once, no run involved.
    _anchored(
        "hooks.auth_throttled", "warn", "hook auth throttled for ",
        r"hook auth throttled for (?P<client>[^;\s]{1,100}); retry-after=(?P<retryAfterSeconds>\d+)s",
    ),
    # The Gmail Pub/Sub watcher that feeds /hooks/gmail (src/hooks/gmail-watcher.ts, subsystem gmail-watcher): the
    # Gmail API watch registration, "watch start failed: <gog output>" and "watch start error: <err>" (error; at start
    # and at every renewal, 120 s deadline), "gmail watch start failed, but continuing with serve" (warn); the `gog gmail
    # watch serve` child, "gog exited (code=<c>, signal=<s>); restarting in 5s" (warn), "gog serve failed to bind
    # (address already in use); stopping restarts. …" (newest: "…; retry <n>/<max> in <s>s"), "gog process error:
    # <err>" (error); and "tailscale setup failed: <err>" (error, the watcher not started). Mail stops reaching the
    # hook: an agent run that never starts, no session held. The child's own output, "[gog] <line>", stays generic.
    _anchored(
        "gmail.watcher_failed", "error", ("watch start failed: ", "watch start error: ", "gog process error: ",
                                          "tailscale setup failed: "),
        r"(?P<what>watch start failed|watch start error|gog process error|tailscale setup failed):\s*"
        r"(?P<error>[^\n]{0,2000})",
    ),
    # The child's exit and a bind failure the watcher restarts after (warn), "gog exited (code=<c>, signal=<s>);
    # restarting in 5s" and the newest "gog serve failed to bind (address already in use); retry <n>/<max> in <s>s"
    # (5 to 20 s; a gateway restart whose old child still holds the port): the watcher respawns the child itself, and
    # the bind retries end in the "stopping restarts" line below when they run out. A bounded gap, no fault alone.
    _anchored(
        "gmail.watcher_restart", "warn", ("gog exited (code=", "gog serve failed to bind (address already in use); retry"),
        r"(?P<what>gog exited|gog serve failed to bind)(?: \(code=(?P<exitCode>-?\d+|null), signal=(?P<exitSignal>"
        r"[A-Z0-9]{1,12}|null)\); restarting in (?P<restartDelay>\d+s)| \(address already in use\); (?P<action>retry "
        r"(?P<attempt>\d+)/(?P<maxAttempts>\d+) in (?P<retryDelay>\d+(?:\.\d+)?s)))\Z",
    ),
    _anchored(
        "gmail.watcher_failed", "warn", ("gog exited (code=", "gog serve failed to bind",
                                         "gmail watch start failed, but continuing"),
        r"(?P<what>gog exited|gog serve failed to bind|gmail watch start failed)"
        r"(?: \(code=(?P<exitCode>-?\d+|null), signal=(?P<exitSignal>[A-Z0-9]{1,12}|null)\); restarting in "
        r"(?P<restartDelay>\d+s))?(?: \(address already in use\)[;,] (?P<action>stopping restarts|retry "
        r"(?P<attempt>\d+)/(?P<maxAttempts>\d+) in (?P<retryDelay>\d+(?:\.\d+)?s)))?",
    ),
    # (t53b source audit) Gateway discovery over Bonjour/mDNS (extensions/bonjour/src/advertiser.ts, the bonjour plugin's
    # logger: console "[plugins] bonjour: <message>"; before the plugin, src/infra/bonjour.ts under subsystem bonjour,
    # whose console and JSONL records drop the "bonjour: " label). Every line describes the one advertised service as
    # "<label> fqdn=<fqdn> host=<host> port=<port> state=<state>" (the label is "gateway"; the fqdn holds spaces). No
    # session is held by any of them: mDNS only lets nearby apps and nodes find the gateway.
    # An advertise that failed or threw, "advertise failed|threw (<service>): <err>" and, when ciao's error is one the
    # plugin classifies, "advertise failed|threw with ciao <kind> (<service>): <err>"; the watchdog's own re-advertise
    # failing, "watchdog re-advertise failed|threw (<service>): <err>" ("watchdog advertise ..." in older builds); a ciao
    # error the plugin caught as an unhandled rejection or uncaught exception and recovers from by recreating the
    # advertiser, "suppressing ciao cancellation|interface assertion|netmask assertion|self-probe race: <err>" (warn
    # each). The advertiser retries and recovers; read before the searched EADDRINUSE, which an mDNS socket's bind
    # ("bind EADDRINUSE 0.0.0.0:5353") is not the gateway's.
    _anchored(
        "discovery.advertise_failed", "warn",
        ("bonjour: ", "advertise failed (", "advertise failed with ciao ", "advertise threw (", "advertise threw with ciao ",
         "watchdog re-advertise ", "watchdog advertise "),
        r"(?:bonjour: )?(?P<what>(?:watchdog (?:re-)?)?advertise (?:failed|threw))(?: with ciao (?P<ciaoKind>[a-z-]{1,40}))?"
        r" \((?P<service>[\w-]{1,40}) fqdn=(?P<fqdn>[^\n]{0,300}?) host=(?P<host>\S{0,300}) port=(?P<port>-?\d{1,5})"
        r" state=(?P<state>[\w-]{1,30})\): (?P<error>[^\n]{0,1000})",
    ),
    _anchored(
        "discovery.advertise_failed", "warn", ("bonjour: suppressing ciao ", "suppressing ciao "),
        r"(?:bonjour: )?(?P<what>suppressing ciao) (?P<ciaoKind>cancellation|interface assertion|netmask assertion"
        r"|self-probe race|[a-z-]{1,40}): (?P<error>[^\n]{0,1000})",
    ),
    # The watchdog finding the service out of "announced", "watchdog detected non-announced service; attempting
    # re-advertise (<service>)", and the advertiser recreated, "restarting advertiser (<reason>)": a ciao error's
    # recovery ("ciao <kind>: <err>") or a service stuck probing or announcing past 20 s ("service stuck in <state> for
    # <n>ms (<service>)"; 8 s in 2026.4.24, which tore healthy advertisers down on every start, #72481). The mDNS
    # advertiser restarting, not the gateway: no run is cut (f446, f2291 labelled no RC17). Both end at their closing
    # parenthesis, as a name conflict ends at its quoted name: a line with more after it (another record joined onto
    # it, a crash's "Unhandled promise rejection: ...") is not read as the retry alone.
    _anchored(
        "discovery.readvertise", "warn",
        ("bonjour: watchdog detected ", "watchdog detected non-announced service", "bonjour: restarting advertiser (",
         "restarting advertiser ("),
        r"(?:bonjour: )?(?:(?P<what>watchdog detected non-announced service); attempting re-advertise \([\w-]{1,40}"
        r" fqdn=[^\n]{0,300}? state=(?P<state>[\w-]{1,30})\)|(?P<action>restarting advertiser) \((?:service stuck in "
        r"(?P<stuckState>[\w-]{1,30}) for (?P<stuckMs>\d{1,9})ms|ciao (?P<ciaoKind>[a-z-]{1,40}):)?[^\n]{0,1000}\))\s*\Z",
    ),
    # Another host (or a second gateway on this one) already holding the service's name or host name: ciao renames it,
    # "<label> name conflict resolved; newName=<json>" and "<label> hostname conflict resolved; newHostname=<json>"
    # (warn). The service goes on under the new name (#71759: two gateways on one host).
    _anchored(
        "discovery.name_conflict", "warn",
        ("bonjour: ", "gateway name conflict resolved;", "gateway hostname conflict resolved;"),
        r"(?:bonjour: )?(?P<service>[\w-]{1,40}) (?P<conflict>name|hostname) conflict resolved; "
        r"new(?:Host)?[Nn]ame=(?P<newName>\"[^\"\n]{0,300}\")\s*\Z",
    ),
    # The advertiser giving up for the process, "disabling advertiser after <3 failed restarts|1 stuck-state restart|5
    # restarts within 30 minutes> (<reason>); set discovery.mdns.mode=\"off\" or OPENCLAW_DISABLE_BONJOUR=1 to disable
    # mDNS discovery", and a host that refuses os.networkInterfaces(), "disabling mDNS — networkInterfaces() unavailable
    # in this environment: <err>" (warn). The gateway goes on, but nearby apps and nodes no longer discover it until it
    # restarts: a failure the user sees, no session held.
    _anchored(
        "discovery.advertiser_disabled", "warn",
        ("bonjour: disabling ", "disabling advertiser after ", "disabling mDNS "),
        r"(?:bonjour: )?(?P<what>disabling advertiser|disabling mDNS) (?:after (?P<restarts>\d{1,4}) (?P<detail>failed "
        r"restarts|stuck-state restarts?|restarts within \d{1,4} minutes) \((?P<reason>[^\n]{0,1000}?)\); set "
        r"discovery\.mdns\.mode|. networkInterfaces\(\) unavailable in this environment: (?P<error>[^\n]{0,1000}))",
    ),
    # (t53b) The gateway's Tailscale exposure (src/gateway/server-tailscale.ts, subsystem tailscale): "serve failed:
    # <err>" or "funnel failed: <err>" (warn) when `tailscale serve|funnel` would not apply the route at start (the CLI
    # missing, not logged in, HTTPS not enabled on the tailnet, an operator permission). The gateway runs on loopback
    # only: the Control UI and remote nodes cannot reach it over the tailnet, no session is held. The console drops
    # the tag's repeat ("[tailscale] serve failed: ..."); the same failure at shutdown, "serve cleanup failed", stays
    # unread.
    _anchored(
        "discovery.tailscale_failed", "warn", ("tailscale serve failed: ", "tailscale funnel failed: ", "serve failed: ",
                                               "funnel failed: "),
        r"(?:tailscale )?(?P<mode>serve|funnel) failed: (?P<error>[^\n]{1,1000})",
    ),
    # (t50i source audit) Inbound media understanding (src/media-understanding/runner.ts, runCapability, and
    # runner.entries.ts, formatDecisionSummary): a voice note, image or video the turn's message carries is transcribed
    # or described before the turn's model call (a provider call, or a local CLI such as whisper-cli or
    # sherpa-onnx-offline, each bounded by tools.media.<capability>.timeoutSeconds); when every attempt on an attachment
    # failed, the newest builds write "media-understanding: <audio|image|video>: failed (<ok>/<total>)[ via
    # <provider>[/<model>]][ reason=<short reason>]" (logWarn, so the console tag is media-understanding and the
    # message starts at the capability; the reason is the first attempt's error up to its first colon, "Error: "
    # dropped: MediaFetchError, AbortError, Command failed, ...). The turn goes on with the raw attachment (the user
    # sees the voice note ignored or the photo not understood); the wait is over, no session is held. Its healthy
    # twin, "Media understanding audio: success (1/1) via ...", is media.understanding_succeeded (below); the skips (a
    # primary model with native vision, a scope deny, a too-small or too-large attachment) are verbose lines, left
    # generic.
    _anchored(
        "media.understanding_failed", "warn",
        ("media-understanding: ", "audio: failed (", "image: failed (", "video: failed ("),
        r"(?:media-understanding: )?(?P<capability>audio|image|video): (?P<outcome>failed) "
        r"\((?P<succeeded>\d{1,4})/(?P<attachments>\d{1,4})\)(?: via (?P<provider>[^\s/]{1,100})(?:/(?P<model>\S{1,200}))?)?"
        r"(?: reason=(?P<reason>[^\n]{1,300}))?\s*\Z",
    ),
    # (t53a source audit) The same runner's per-attempt line (runner.ts, runProviderEntry's and runCliEntry's caller):
    # each model or CLI attempt that threw writes "<audio|image|video> understanding failed: <String(err)>" (logVerbose:
    # a console line with no tag and no level; a provider call's timeout is its fetch's AbortError, "AbortError: This
    # operation was aborted", or "TimeoutError: ...", a CLI's the killed command's "Error: Command failed: ..."). The
    # next entry runs after it, so one such line may be a fallback that then succeeded; when every attempt failed the
    # newest builds add the decision's warn above, and older builds wrote only this line. Read as that family's kind so
    # its inner AbortError is the transcription's own deadline, not a run's abort (run.aborted_error); no default level,
    # so an unlevelled paste still counts as a fault no rule judges, as it did as a generic line.
    _anchored(
        "media.understanding_failed", None,
        ("audio understanding failed: ", "image understanding failed: ", "video understanding failed: "),
        r"(?P<capability>audio|image|video) understanding (?P<outcome>failed): (?P<error>[^\n]{0,2000})",
    ),
    # (m53, after the h54 review) The same runner's verbose decision summary when an attachment was understood
    # (runner.ts runCapability: "Media understanding " + runner.entries.ts formatDecisionSummary; logVerbose, so a
    # console line with no tag and no level, a file record at DEBUG): "Media understanding <audio|image|video>: success
    # (<ok>/<total>)[ via <provider>[/<model>]][ reason=<short reason>]". The reason is the first attempt's reason, up
    # to its first colon, so a success after a failed attempt carries that attempt's error (reason=AbortError); ok =
    # total when every selected attachment produced an output. No fault: the fault count reads it as what heals the
    # per-attempt failures before it (stuckscan.unexplained.FallbackHeals). The other outcomes' summaries (skipped,
    # disabled, ...) stay generic: an older build's failed decision was a verbose "skipped (0/<n>)".
    _anchored(
        "media.understanding_succeeded", "info",
        ("Media understanding audio: success (", "Media understanding image: success (",
         "Media understanding video: success ("),
        r"Media understanding (?P<capability>audio|image|video): (?P<outcome>success) "
        r"\((?P<succeeded>\d{1,4})/(?P<attachments>\d{1,4})\)(?: via (?P<provider>[^\s/]{1,100})(?:/(?P<model>\S{1,200}))?)?"
        r"(?: reason=(?P<reason>[^\n]{1,300}))?\s*\Z",
    ),
    # (t53a source audit) Text-to-speech of a reply (src/tts/tts.ts maybeApplyTtsToPayload and synthesizeSpeech,
    # src/tts/tts-core.ts; the streaming path's "TTS stream: ..." twins): it runs after the reply's text is built, each
    # provider (openai, elevenlabs, microsoft/edge, ...) bounded by the TTS timeout, and writes only verbosely
    # (logVerbose: console lines with no tag and no level). A provider that failed, "TTS[ stream]: primary provider
    # <p> failed (<err>); trying fallback providers.|; no fallback providers configured." and "TTS[ stream]: <p> failed
    # (<err>); trying next provider.", the summarizer's "TTS: summarization failed, truncating instead: <err>" and an
    # old build's "TTS: Edge output <fmt> failed; retrying with <fmt>." are one attempt the conversion goes past
    # (tts.attempt_failed, no stall: its outcome is its own line). "TTS: conversion failed after <n>ms (TTS conversion
    # failed: <p>: <err>[; <p>: <err>]).", each timed-out provider as "<p>: request timed out", and "TTS: audio
    # persistence failed: <err>" are the voice lost (tts.failed): the reply goes out as text, the wait was bounded, so
    # no stall, but a failure the user saw. Their inner AbortError is the provider's deadline, not a run's abort.
    _anchored(
        "tts.failed", None, "TTS: conversion failed after ",
        r"TTS: conversion (?P<outcome>failed) after (?P<latencyMs>\d{1,9})ms \((?P<error>[^\n]{0,2000}?)\)\.?\s*\Z",
    ),
    _anchored(
        "tts.failed", None, "TTS: audio persistence failed: ",
        r"TTS: audio persistence (?P<outcome>failed): (?P<error>[^\n]{0,2000})",
    ),
    _anchored(
        "tts.attempt_failed", None, ("TTS: ", "TTS stream: "),
        r"TTS(?: stream)?: (?:primary provider )?(?P<provider>[\w.-]{1,100}) failed \((?P<error>[^\n]{0,2000})\); "
        r"(?P<next>trying fallback providers|no fallback providers configured|trying next provider)\.?\s*\Z",
    ),
    _anchored(
        "tts.attempt_failed", None, "TTS: summarization failed, ",
        r"TTS: (?P<provider>)summarization failed, (?P<next>truncating instead): (?P<error>[^\n]{0,2000})",
        values={"provider": {"": "summarizer"}},
    ),
    _anchored(
        "tts.attempt_failed", None, "TTS: Edge output ",
        r"TTS: (?P<provider>)Edge output (?P<outputFormat>\S{1,100}) failed; (?P<next>retrying) with \S{1,100}\.?\s*\Z",
        values={"provider": {"": "edge"}},
    ),
    # (t53c source audit) The skills watcher (src/agents/skills/refresh.ts, gateway/skills, warn): chokidar's error on a
    # skills folder, "skills watcher error (<workspace dir|watched path>): <err>"; a native watcher out of file handles,
    # "skills watcher disabled (<ENOSPC|EMFILE|ENFILE>) (<dir>). Consider increasing system limits or set
    # skills.load.watch=false." and, in later builds, "skills native watcher capacity exhausted (<code>); refreshing
    # skills during agent preparation"; a listener of its change event that threw, "skills change listener failed:
    # <err>". Skills are then refreshed when a session or a turn is prepared instead of on the change: no run waits on
    # the watcher (a skill's own install that hangs is an exec tool call, read by the exec families).
    _anchored(
        "skills.watcher_failed", "warn",
        ("skills watcher error (", "skills watcher disabled (", "skills native watcher capacity exhausted (",
         "skills change listener failed:"),
        r"skills (?P<what>watcher error|watcher disabled|native watcher capacity exhausted|change listener failed)"
        r"(?: \((?P<code>E[A-Z]{2,20})\))?(?: \((?P<path>[^()\n]{1,1000})\))?(?::\s*(?P<error>.*))?",
    ),
    # (t53c) A paired device (the CLI, the Control UI, a node) connecting with a role or scopes beyond what it was
    # approved for (src/gateway/server/ws-connection/message-handler.ts, gateway, warn): "security audit: device access
    # upgrade requested reason=<role-upgrade|scope-upgrade> device=<id> ip=<ip> auth=<method> roleFrom=<r> roleTo=<r>
    # scopesFrom=<s> scopesTo=<s> client=<client id> conn=<conn id>". The connection is refused ("closed before connect
    # ... reason=pairing required") until an operator approves the upgrade (`openclaw devices approve`): that client's
    # pairing, no session held.
    _anchored(
        "device.access_upgrade", "warn", "security audit: device access upgrade requested",
        r"security audit: device access upgrade requested" + KV,
    ),
    # (t53a source audit) The voice-call plugin (extensions/voice-call/src: webhook.ts, media-stream.ts,
    # manager/outbound.ts, response-generator.ts, index.ts), whose console lines carry its "[voice-call]" tag (read as
    # the subsystem). A call that failed in the plugin's own hands: a realtime call whose bridge to the realtime model
    # never connected ("Failed to connect realtime bridge: <err>", error; the media socket is closed 1011, the caller
    # hears nothing), its greeting or an answer that could not be spoken ("Failed to speak initial message: <err>",
    # "Failed to speak AI response for <callId>: <err>", warn: the call's TTS failed), the realtime bridge's error
    # ("Realtime error: <message>", error), and a realtime call it could not hang up ("Failed to end realtime call
    # callId=<id> providerCallId=<sid> reason=<r>: <err>; call remains active", warn). Faults the caller saw; none holds
    # an agent session (a call's turns are embedded runs on the "voice" lane, whose own lines the rules read).
    _anchored(
        "voice.call_failed", "error", ("Failed to connect realtime bridge:", "Realtime error:"),
        r"(?P<what>Failed to connect realtime bridge|Realtime error):\s*(?P<error>[^\n]{0,2000})",
    ),
    _anchored(
        "voice.call_failed", "warn", ("Failed to speak initial message:", "Failed to speak AI response for ",
                                      "Failed to end realtime call "),
        r"(?P<what>Failed to speak initial message|Failed to speak AI response|Failed to end realtime call)"
        r"(?:(?: for | callId=)(?P<callId>[^\s:]{1,200})(?: providerCallId=[^\s:]{1,200} reason=(?P<endReason>[^\s:]{1,50}))?)?"
        r":\s*(?P<error>[^\n]{0,2000})",
    ),
    # (t53a source audit) The voice-call plugin's media stream (extensions/voice-call/src/media-stream.ts): a call's
    # streaming speech-to-text (an OpenAI realtime transcription or another STT provider's socket) that did not connect,
    # "[MediaStream] STT connection failed; closing media stream: <message>" (warn; the call's media stream is closed)
    # and older builds' "[MediaStream] STT connection failed (TTS still works): <message>" (the call goes on deaf to
    # the caller). A call that fails in the plugin's hands, as above.
    _anchored(
        "voice.call_failed", "warn", ("STT connection failed", "[MediaStream] STT connection failed"),
        r"(?:\[MediaStream\] )?(?P<what>STT connection failed)(?: \(TTS still works\)|; closing media stream)?:\s*"
        r"(?P<error>[^\n]{0,2000})",
    ),
    # (t53a source audit) The voice-call plugin's webhook server refusing a provider's callback whose signature it could
    # not verify (extensions/voice-call/src/webhook.ts, warn, answered 401): "[voice-call] Webhook verification failed:
    # <reason>". Behind a proxy or tunnel that strips the provider's signature header ("Missing X-Twilio-Signature
    # header") every call's callbacks are refused, so calls are placed and end at once, never connecting. A stranger's
    # probe writes it too; either way a call that fails in the plugin's hands, read as the lines above.
    _anchored(
        "voice.call_failed", "warn", ("Webhook verification failed:", "[voice-call] Webhook verification failed:"),
        r"(?:\[voice-call\] )?(?P<what>Webhook verification failed):\s*(?P<error>[^\n]{0,500})",
    ),
    # (t53a source audit) Talk mode's and the voice-call plugin's realtime voice asking the agent (the realtime model's
    # consult tool, src/realtime-voice/agent-consult-runtime.ts and its later home under talk): an embedded run bounded
    # by its timeout, whose empty answer is "[talk] agent consult produced no answer: agent run aborted|agent returned
    # no speakable text" (warn; "[realtime-voice] ..." in earlier builds) and the caller hears the fallback sentence.
    # The same reading as a call's turn with no answer: the run's own lines name a stall's cause.
    _anchored(
        "voice.response_failed", "warn",
        ("agent consult produced no answer:", "[talk] agent consult produced no answer:",
         "[realtime-voice] agent consult produced no answer:"),
        r"(?:\[(?:talk|realtime-voice)\] )?(?P<what>agent consult produced no answer):\s*(?P<error>[^\n]{0,500})",
    ),
    # (t53a source audit) The voice-call plugin's runtime that did not start (extensions/voice-call/index.ts, its
    # service's start catching the error itself, api.logger.error): "[voice-call] Failed to start runtime: <err>" (a
    # webhook port in use, a provider's bad credentials). Calls cannot be placed or answered; the port is the plugin's,
    # not the gateway's, so it is read before the searched EADDRINUSE, as plugin service failures are.
    _anchored(
        "plugin.service_failed", "error", ("Failed to start runtime: ", "[voice-call] Failed to start runtime: "),
        r"(?:\[voice-call\] )?(?P<service>)(?P<plugin>)Failed to start runtime:\s*(?P<error>.*)",
        values={"service": {"": "voice-call"}, "plugin": {"": "voice-call"}},
    ),
    # -- t50j source audit of the auto-reply queue (src/auto-reply/reply/queue/, defaultRuntime.error; searched, and
    # after every other family, so an inner error a family reads, a session lock's timeout, a gateway drain refusal, a
    # reply-session init conflict, keeps that reading). A message that came while its session was busy, and was not
    # steered into the active run, waits in the session's followup queue; the drain runs it once the active turn ends.
    # The drain's run that threw: "followup queue drain failed for <queue key>: <String(err)>" (drain.ts; older builds
    # reschedule at once, the newest retry with back-off, 0.5 s doubling to 10 s): the queued message got no answer
    # that time. After 7 consecutive failures the newest builds park the queue (drain-retry.ts): "followup queue
    # suspended for <key> after <n> consecutive drain failures; queued work retained and automatic retries stopped; use
    # /queue reset after resolving the failure (<messageId=… channel=… promptChars=…; …|source not yet reserved>):
    # <err>": the session's queued messages wait until /queue reset, whatever else the session does. And the overflow
    # summary (drop policy summarize, at the queue's cap) losing the summaries of messages it dropped: "followup queue
    # omitted <n> route-isolated overflow summar(y|ies) after reaching the summary context cap" (drain.ts, error). The
    # key is the session key, "::route:<…>" after it for a route-isolated queue. The drop policies (old, new,
    # summarize) write nothing when a message is dropped at the cap.
    _searched(
        "followup.queue_suspended", "error", "followup queue suspended for ",
        r"\Afollowup queue suspended for (?P<sessionKey>\S{1,500}) after (?P<failures>\d+) consecutive drain failures;"
        r"(?: queued work retained and automatic retries stopped; use /queue reset after resolving the failure)?"
        r"(?: \((?P<items>[^()\n]{0,2000})\))?(?::\s*(?P<error>[^\n]{0,2000}))?",
    ),
    _searched(
        "followup.drain_failed", "error", "followup queue drain failed for ",
        r"\Afollowup queue drain failed for (?P<sessionKey>\S{1,500}?):\s+(?P<error>[^\n]{0,2000})",
    ),
    _searched(
        "followup.summary_dropped", "error", "followup queue omitted ",
        r"\Afollowup queue omitted (?P<dropped>\d+) route-isolated overflow summar(?:y|ies)"
        r"(?: after reaching the summary context cap)?",
    ),
    # The inbound debouncer (src/auto-reply/inbound-debounce.ts) batches a sender's quick messages before they reach the
    # reply pipeline; a flush that threw is retried with back-off (up to 20 times, 30 s at most between), and each
    # failure goes to the channel's onError, which logs "<channel> [inbound ]debounce flush failed: <err>" (Slack's
    # "slack inbound debounce flush failed: …", Discord's and Telegram's "discord|telegram debounce flush failed: …"; the
    # console drops the tag's repeat, "[slack] inbound debounce flush failed: …"). The debouncer's own errors name
    # messages it dropped: "inbound debounce flush retries exceeded" (the batch given up) and "inbound debounce buffer
    # overflow" (past 500 buffered, the newest dropped); "inbound debounce key capacity exceeded" (past 1000 senders) is
    # a message flushed at once, not lost. Msteams, Feishu and BlueBubbles have their own families above.
    _searched(
        "channel.inbound_failed", "error", "debounce flush failed",
        r"\A(?:\[(?P<account>[^\[\]\s]{1,200})\]\s*)?(?:(?P<channel>[a-z][a-z0-9-]{1,30}) )?(?:inbound )?"
        r"(?P<event>debounce flush) failed:\s*(?P<error>[^\n]{0,2000})",
    ),
    # (t53a source audit) A voice call's answer that never came (extensions/voice-call/src/response-generator.ts and
    # webhook.ts, console.error under the "[voice-call]" tag): the call's turn is an embedded agent run bounded by
    # responseTimeoutMs, and "Response generation error: <error>" (its run aborted, "Response generation was aborted",
    # or failed), "Response generation failed: <err>", "Streaming response generation failed: <err>" and
    # "Auto-response error: <err>" mean the caller heard no answer to that utterance. Searched, and after every other
    # family, so an inner error a family reads (a model timeout, an AbortError) keeps that reading; the run's own lines
    # name a stall's cause, this line none.
    _searched(
        "voice.response_failed", "error", "esponse",
        r"\A(?:\[voice-call\] )?(?P<what>(?:Streaming r|R)esponse generation (?:error|failed)|Auto-response error):?"
        r"\s*(?P<error>[^\n]{0,2000})",
    ),
)


@dataclass(frozen=True, slots=True)
class Enricher:
    needle: str
    pattern: re.Pattern[str]


ENRICHERS: tuple[Enricher, ...] = (
    Enricher(
        "session file locked",
        re.compile(
            r"session file locked(?: \(timeout (?P<lockTimeoutMs>\d+)ms\))?:?"
            r"(?:\s*\(?pid=(?:(?P<lockPid>\d+)|<[\w-]{1,24}>|\.{3}|…)\)?)?(?:\s+alive=(?P<lockPidAlive>true|false))?"
            r"(?:\s+ageMs=(?P<lockAgeMs>\d+))?(?:\s+(?P<lockPath>[^\s\"]+?\.jsonl\.lock))?"
        ),
    ),
    # A match may start only at a token start: from every position of a long token it is quadratic.
    Enricher(".jsonl.lock", re.compile(r"(?P<lockPath>(?<![^\s\"'()])[^\s\"'()]+?\.jsonl\.lock)")),
    # The error class with its timeout but not the "session file locked" text, as pasted summaries give it
    # ("SessionWriteLockTimeoutError: timeout 60000ms ageMs=59989").
    Enricher("SessionWriteLockTimeoutError: timeout ",
             re.compile(r"SessionWriteLockTimeoutError: timeout (?P<lockTimeoutMs>\d+)ms(?:\s+ageMs=(?P<lockAgeMs>\d+))?")),
    Enricher("gateway request timeout for", re.compile(r"gateway request timeout for (?P<requestTimeoutMethod>[\w.]+)")),
    # `openclaw agent` running the turn in its own process after the gateway call failed ("Gateway agent failed;
    # falling back to embedded: <error>"): the embedded run takes the same session's write lock, which a gateway
    # that only timed out may still hold for its own run of that turn.
    Enricher("falling back to embedded", re.compile(r"Gateway agent failed; falling back to (?P<cliFallback>embedded)")),
    Enricher(
        "connect challenge timeout",
        re.compile(r"connect challenge timeout(?: \(waited (?P<challengeWaitedMs>\d+)ms, limit (?P<challengeLimitMs>\d+)ms\))?"),
    ),
)


def _build_index() -> tuple[dict[str, tuple[Family, ...]], tuple[Family, ...]]:
    by_first_word: dict[str, list[Family]] = {}
    searched: list[Family] = []
    for family in FAMILIES:
        if not family.anchored:
            searched.append(family)
            continue
        for prefix in family.prefixes:
            first = prefix.split(" ", 1)[0]
            bucket = by_first_word.setdefault(first, [])
            if family not in bucket:
                bucket.append(family)
    return {word: tuple(group) for word, group in by_first_word.items()}, tuple(searched)


ANCHORED_INDEX, SEARCHED = _build_index()
KINDS: tuple[str, ...] = tuple(dict.fromkeys(f.kind for f in FAMILIES))


def first_word(message: str) -> str:
    end = message.find(" ")
    return message if end < 0 else message[:end]


# What the CLI (and a failing caller) prints before the error it reports: "Error: gateway closed
# (1000 normal closure): no close reason", "GatewayTransportError: gateway timeout after 10000ms",
# "Health check failed: gateway closed (1006 ...)", "Gateway stability failed: GatewayTransportError: ...".
# The message under it is matched as if it stood alone.
ERROR_WRAPPER = re.compile(
    r"(?:(?:[A-Z][A-Za-z]{0,40})?Error(?: \[[A-Z_]{1,40}\])?|Health check failed|Gateway (?:stability|call|probe) failed"
    r"|Failed to start CLI"  # (the CLI entry's own catch: "[openclaw] Failed to start CLI: <error>")
    # (`openclaw agent` giving up on the gateway and running the turn itself, src/commands/agent-via-gateway.ts)
    r"|Gateway agent failed; falling back to embedded):\s+"
)
WRAPPER_FIRST_WORDS = frozenset({"Health", "Gateway", "Failed"})
_WRAPPER_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # a wrapper starts upper-case
_MAX_UNWRAPS = 3
# An elision where a label's colon should be: " ... " or " … " within the first words.
_ELIDED_AFTER_LABEL = re.compile(r" (?:\.{3,}|…) ")
_LABEL_SPAN = 60
ELISION_NEEDLES = (" ... ", " … ")  # the scan fast path decodes lines holding these (see match_family)


def may_be_wrapped(first: str) -> bool:
    """Whether a message whose first word is ``first`` can start with an error wrapper
    (the scan fast path decodes such lines: a wrapped message may be of any family)."""
    return first.endswith("Error:") or first in WRAPPER_FIRST_WORDS


# A pasted fragment of nothing but a template's key=value fields ("eventLoopDelayMaxMs=40500
# cpuCoreRatio=0.887", the message's label cut off): fields that only one template writes name it.
# Each entry: the field names, any one of which identifies the template, and the label to read the
# fragment under. Applied only to bare snippet lines that no family matched and that did not join a
# line before them (see parser.LineParser._typed_fragment).
FIELD_SIGNATURES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"eventLoopDelayMaxMs", "eventLoopDelayP99Ms", "eventLoopUtilization", "cpuCoreRatio"}),
     "liveness warning: "),
    (frozenset({"queueAhead", "waitedMs"}), "lane wait exceeded: "),
    # The stall detector's warnings (src/logging/diagnostic.ts); the label by classification below.
    (frozenset({"lastProgressAge", "activeWorkKind", "classification"}), "stalled session: "),
    # The recovery's own report (src/logging/diagnostic-stuck-session-recovery.ts): an outcome when it states
    # its status (see signature_label).
    (frozenset({"released", "forceCleared", "drained"}), "stuck session recovery: "),
)
# Fields that name a template only together: an embedded run's failover decision has a `decision` as the model
# fallback's does, but only it writes `decision` beside `stage`, `from` or `rawError`
# (src/agents/pi-embedded-runner/run/failover-observation.ts; "rawError=Request was aborted ... decision=surface_error
# from=<provider>/<model>", f2015).
FIELD_COMBINATIONS: tuple[tuple[frozenset[str], str], ...] = tuple(
    (frozenset({"decision", other}), "embedded run failover decision: ") for other in ("stage", "from", "rawError"))
# Which of the detector's three labels a stall warning's fragment had, by its classification field.
STALL_LABEL_BY_CLASSIFICATION = {"long_running": "long-running session: ", "stale_session_state": "stuck session: "}


def signature_label(fields: Mapping[str, Any]) -> str | None:
    """The label of the one template whose own fields ``fields`` include, else None."""
    labels = {label for names, label in FIELD_SIGNATURES if not names.isdisjoint(fields)}
    labels |= {label for names, label in FIELD_COMBINATIONS if names <= fields.keys()}
    label = labels.pop() if len(labels) == 1 else None
    if label == "stalled session: ":
        return STALL_LABEL_BY_CLASSIFICATION.get(str(fields.get("classification", "")), label)
    if label == "stuck session recovery: " and "status" in fields:
        return "stuck session recovery outcome: "
    return label


# Results of the slow part of match_family (no family anchored on the first word matched: the
# elided label, the error wrappers, the ~220 searched families), by message. A pure function of the
# message; short messages repeat word for word ("model usage", a root logger's "runtime backend
# ready"), and each costs about 12 us to search again.
_UNANCHORED: dict[str, tuple[Family, re.Match[str]] | None] = {}
_UNANCHORED_LIMIT = 4096
_UNANCHORED_TEXT = 120
_UNSEEN: Any = object()


def match_family(message: str) -> tuple[Family, re.Match[str]] | None:
    """The first family whose pattern matches ``message``, with its match."""
    for family in ANCHORED_INDEX.get(first_word(message), ()):
        if not message.startswith(family.prefixes):
            continue
        match = family.pattern.match(message)
        if match is not None:
            return family, match
    if len(message) > _UNANCHORED_TEXT:
        return _match_unanchored(message)
    found = _UNANCHORED.get(message, _UNSEEN)
    if found is _UNSEEN:
        found = _match_unanchored(message)
        if len(_UNANCHORED) < _UNANCHORED_LIMIT:
            _UNANCHORED[message] = found
    return found  # type: ignore[no-any-return]


def _match_unanchored(message: str) -> tuple[Family, re.Match[str]] | None:
    """:func:`match_family` once no family anchored on the message's first word matched it."""
    elided = _ELIDED_AFTER_LABEL.search(message, 0, _LABEL_SPAN)
    if elided is not None:  # "stalled session ... age=139s ...": the colon after the label was cut
        found = _match_anchored(message[:elided.start()] + ": " + message[elided.end():])
        if found is not None and any(p.endswith(":") and len(p) == elided.start() + 1 for p in found[0].prefixes):
            return found
    inner = message
    for _ in range(_MAX_UNWRAPS if message[:1] in _WRAPPER_FIRST else 0):
        wrapper = ERROR_WRAPPER.match(inner)
        if wrapper is None:
            break
        inner = inner[wrapper.end():]
        found = _match_anchored(inner)
        if found is not None:
            return found
    for family in SEARCHED:
        if family.needle is not None and family.needle not in message:
            continue
        match = family.pattern.search(message)
        if match is not None:
            return family, match
    return None


_SPACED_LABEL = re.compile(r" {2,}(?=[A-Za-z_][\w.-]{0,80}=)")


def match_spaced_label(message: str) -> tuple[Family, re.Match[str]] | None:
    """A family label followed by two or more spaces where its colon belongs, before the first
    ``key=value`` ("stalled session  lastProgress=... ", a reporter's aligned notes). Only for
    pasted text lines: the scan fast path never hands JSONL records to this."""
    spaced = _SPACED_LABEL.search(message, 0, _LABEL_SPAN)
    if spaced is None:
        return None
    found = _match_anchored(message[:spaced.start()] + ": " + message[spaced.end():])
    if found is not None and any(p.endswith(":") and len(p) == spaced.start() + 1 for p in found[0].prefixes):
        return found
    return None


# A reporter's paste that writes a message's label in brackets, as if it were a console tag ("18:37:24 [lane task error]
# lane=main durationMs=133963" for "lane task error: lane=main ...", "[embedded run failover decision]
# decision=fallback_model from=<p>/<m>", f5839). A real console tag never holds a space (shapes._TAG), so only the
# labels of anchored families that do (their prefixes, a colon at the end dropped) are read so, and only when the rest
# begins with a key=value field as the line's own fields do (a reporter's "[stuck session] happened once", "[handshake
# timeout] went away", "[lane task error] (https://...)" are prose about a line, not the line: h57); anything else in
# brackets (prose, a tag, a markdown link "[lane task error](url)") stays as it is.
_BRACKETED_LABEL = re.compile(r"\[(?P<label>[^\[\]\n]{3,80})\] (?P<rest>[A-Za-z_][\w.-]{0,60}=[^\s=].*)", re.DOTALL)
_SPACED_PREFIXES: frozenset[str] | None = None


def spaced_prefixes() -> frozenset[str]:
    """The anchored families' prefixes that hold a space, each without a colon at its end (built once, from the
    families' own data)."""
    global _SPACED_PREFIXES
    if _SPACED_PREFIXES is None:
        _SPACED_PREFIXES = frozenset(
            prefix.removesuffix(":") for family in FAMILIES for prefix in family.prefixes
            if " " in prefix and "[" not in prefix and "]" not in prefix and "\n" not in prefix)
    return _SPACED_PREFIXES


def match_bracketed_label(message: str) -> tuple[str, tuple[Family, re.Match[str]]] | None:
    """``[<label>] <rest>`` read as ``<label>: <rest>`` (or ``<label> <rest>`` when the family takes no colon) and its
    match, when ``<label>`` is a whole spaced prefix of an anchored family and that family matches the message so
    rewritten; else None. Only for pasted text lines, as :func:`match_spaced_label`."""
    bracketed = _BRACKETED_LABEL.fullmatch(message)
    if bracketed is None:
        return None
    label = bracketed.group("label")
    if " " not in label or label not in spaced_prefixes():
        return None
    rest = bracketed.group("rest")
    for joiner in (": ", " "):
        whole = (label + joiner + rest).rstrip()
        found = _match_anchored(whole)
        if found is not None and any(p.removesuffix(":") == label for p in found[0].prefixes):
            return whole, found
    return None


def match_under_tag(subsystem: str, message: str) -> tuple[str, tuple[Family, re.Match[str]]] | None:
    """The console drops a message's repeat of its tag ("[discord] inbound worker timed out ..." for "discord inbound
    worker timed out ..."): the message with the tag's name put back, and its match, when a family anchored on that
    name matches it (None otherwise, and for a tag no family starts with)."""
    tag = subsystem.rsplit("/", 1)[-1].split(":", 1)[0]
    if tag not in ANCHORED_INDEX:
        return None
    whole = f"{tag} {message}"
    found = _match_anchored(whole)
    return (whole, found) if found is not None else None


# A gateway lifecycle message with its tag written as a bare word, no brackets and no level before it ("gateway signal
# SIGTERM received", a table cell quoting the console line "[gateway] signal SIGTERM received" without its brackets,
# f796): the word is the tag, and the rest is read as the gateway's own message. Only the gateway's lifecycle
# families ("gateway.*") are tried, so a prose word "gateway" before any other wording reads nothing.
BARE_GATEWAY_TAG = "gateway "


def match_after_bare_gateway_tag(message: str) -> tuple[str, tuple[Family, re.Match[str]]] | None:
    """The message after a bare ``gateway `` word and its match, when a gateway lifecycle family matches it."""
    if not message.startswith(BARE_GATEWAY_TAG):
        return None
    rest = message[len(BARE_GATEWAY_TAG):]
    found = _match_anchored(rest)
    if found is None or not found[0].kind.startswith("gateway."):
        return None
    return rest, found


def _match_anchored(message: str) -> tuple[Family, re.Match[str]] | None:
    for family in ANCHORED_INDEX.get(first_word(message), ()):
        if not message.startswith(family.prefixes):
            continue
        match = family.pattern.match(message)
        if match is not None:
            return family, match
    return None
