"""The correlator: typed events in, per-session incidents and gateway-wide episodes out.

One pass, bounded state: only open incidents, open episodes and bounded identity maps
are kept while reading; an incident leaves the open set when the session is seen healthy,
when its warnings stop for longer than their cadence allows, or at the end of input.

Records here keep the raw :class:`Event` objects the classifier needs (bounded per kind);
:mod:`stuckscan.analysis` turns them into the public model.
"""

from __future__ import annotations

import heapq
import itertools
import re
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import field, replace
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from stuckscan._dataclass import dataclass
from stuckscan._identity import BoundedMap, IdentityResolver, Names, identity_of, is_line_only
from stuckscan._store import BlobSpill
from stuckscan.channels import (
    SAME_START,
    START_LOOP_STARTS,
    bare_fetch_crash,
    channel_of,
    channel_side_line,
    channel_subsystem,
    provider_start,
    regular_steps,
    served_channel,
)
from stuckscan.events import (
    ACCOUNTS_STARTED_FIELD,
    AGENT_END_WAIT_FIELD,
    ATTENTION_LABELS,
    AUTH_WARMED_KIND,
    BUSY_AT_CAP_FIELD,
    CAP_ECHO_FIELD,
    CHANNEL_START_KIND,
    CLI_BACKEND_KINDS,
    CLI_RUN_START_KIND,
    CLIENT_TIMEOUT,
    COMPACTION_END_STAGES,
    COMPACTION_HELD_FIELD,
    CONFIG_REFUSAL_KIND,
    DISPATCHED_CLOSE_FIELD,
    DISPATCHED_CLOSE_REACH,
    DRAIN_STUCK_AFTER,
    FAST_FAILURE_SECONDS,
    HELD_AFTER_TIMEOUT_KINDS,
    IN_FLIGHT_KINDS,
    INBOUND_SILENCE,
    INBOUND_UNSERVED_KIND,
    LANE_TIMER_SLACK,
    LOCK_FAILURE_TEXTS,
    LONE_IN_PASTE_FIELD,
    LONE_TIMEOUT_COMPANIONS,
    NEXT_RUN_KINDS,
    NOTE_KIND,
    OVERFLOW_KINDS,
    PLUGIN_COMPACTION_NEEDLE,
    PLUGIN_TOOL_CALL_KIND,
    PLUGIN_TOOL_END_KINDS,
    RELOAD_WAIT_KINDS,
    REPEATED_MESSAGE_FAILURES,
    REPLAY_KIND,
    RESTART_WAIT_KINDS,
    RUN_BUDGET_FIELD,
    RUN_OVER_KINDS,
    RUN_TIMEOUT_ECHO,
    RUN_TIMEOUT_ECHO_FIELD,
    SAME_FAILURE_SECONDS,
    SILENT_STREAK_FIELD,
    SKIP_AGES_KIND,
    SLOW_COMPACTION_KIND,
    SLOW_COMPACTION_SECONDS,
    SLOW_RESPONSE_SECONDS,
    START_LOOP_KIND,
    STARTED_KINDS,
    STOPPED_RUN,
    TIMED_OUT_RUN_FIELD,
    TRANSCRIPT_BROWSER_KINDS,
    TRANSCRIPT_PROMPT_ERROR_KIND,
    TURN_CLAIM_BUSY,
    UNPARSED_KIND,
    Event,
    agent_end_provider_answered,
    beside_start,
    blocked_tool_timeout,
    browser_blocked,
    browser_request_failed,
    browser_result_in_time,
    busy_until_cap,
    cancelled_compact_reply,
    cli_turn_failed_over_after_wait,
    compaction_diag_failed,
    compaction_rpc,
    context_overflow_failure,
    cron_timed_out_on_model,
    discord_listener_timeout,
    echoes_busy_run_cap,
    ends_cli_run,
    event_order,
    failed_compaction_diag,
    failed_message_id,
    failover_echoes_run_timeout,
    fallback_summary_names_a_hold,
    hung_model_fetch,
    hung_transcript_turn,
    lane_held_by_own_task,
    lane_held_until_model_timeout,
    lane_tasks_failed_fast,
    long_unnamed_abort,
    model_call_timed_out,
    model_timeout_failed_fast,
    needed_compaction_failed,
    overdue_channel_turn,
    plugin_compaction_commit,
    processed_seconds,
    quoted_ages,
    recall_lane_task,
    refused,
    reload_wait_subject,
    reload_waits_on_task_records,
    replay_all_failed,
    reply_handled_elsewhere,
    short_of_a_working_stream,
    silent_prompt_failure,
    slow_answered_turn,
    slow_finished_compaction_diag,
    timeout_failover_failed_fast,
    timeout_failover_was_no_hang,
    timeout_record_ran_briefly,
    timestamp_or_inf,
    transcript_compaction_record,
    transcript_wait_ms,
    unnamed_fetch_timeout,
    usable_name,
    waited_the_threshold,
    warm_blocked_loop,
    work_start_refusal,
)
from stuckscan.model import RecoveryVerdict
from stuckscan.shapes import TRANSCRIPT_SHAPE
from stuckscan.thresholds import DEFAULT_THRESHOLDS, HEARTBEAT, Thresholds
from stuckscan.unexplained import HEALER_KINDS

RECOVERY_GRACE = 2 * HEARTBEAT            # warnings later than this after a recovery: not freed
SILENCE_SLACK = timedelta(seconds=45)
EVIDENCE_SILENCE = timedelta(minutes=15)  # incidents opened without warnings
RUN_TIMEOUT_CLEANUP_WINDOW = timedelta(seconds=60)
# How soon after a run timeout its own lane task reports the timeout as its error (milliseconds in real logs).
RUN_TIMEOUT_OWN_TASK_END = timedelta(seconds=2)
RUN_BUDGET_SLACK = 5.0  # seconds a run's lane task may last past the run's timeout (its abort and cleanup)
EPISODE_GAP = timedelta(minutes=5)
MAX_TRANSPORTS_TRACKED = 1_000
# How far past the run budget (Thresholds.run_budget_seconds) a channel's dispatch may end (the abort, the error
# reply), and how many turns of a session ending there make a fault.
DISPATCH_BUDGET_SLACK = 15.0
REPEATED_TURNS_AT_BUDGET = 2
# How soon after a restart drain's budget its next line must come to show the restart going ahead at the budget.
DRAIN_PROCEEDS_SLACK = timedelta(seconds=10)
SWEEP_EVERY = timedelta(seconds=5)
SAME_STALL_SLACK = timedelta(seconds=90)
MOVED_ON = "its session moved on: a later warning dates a new stall from after this one's last warning"
HEARTBEAT_JITTER = timedelta(seconds=5)
PRELUDE_WINDOW = timedelta(minutes=30)  # session history older than this is not the stall's story
OUT_OF_ORDER_SLACK = timedelta(seconds=2)

# The reply queue's Discord stuck-session circuit breaker (src/auto-reply/reply/queue/circuit-breaker.ts): queued
# Discord messages waited its threshold (5 min) behind an active run that was not streaming, and it aborted that run
# when it could (aborted=true). A stall detection of the session it names, and a recovery of its own: it opens or joins
# that session's incident, dated back by the wait (at least that long without a reply), as a stall warning would. It
# does not say why the run stalled (the rules read the evidence around it); aborted=false left the run holding its lane.
BREAKER_KIND = "recovery.circuit_breaker"
BREAKER_WAIT = timedelta(minutes=5)
RECOVERY_KINDS = frozenset({
    "recovery.action", "recovery.outcome", "recovery.skipped", "recovery.noop",
    "recovery.reclaiming", "recovery.failed", BREAKER_KIND,
})
# Evidence kept for the classifier when it names (or can be tied to) a session.
# A CLI backend's turn lines (agent/cli-backend) name no session; they tell the rules that the
# run is a CLI turn, whose progress the stall detector cannot see.
# A session lane's task lines (src/process/command-queue.ts); after a dequeue (the lane took a task)
# nothing moves until that task ends.
LANE_TASK_KINDS = frozenset({"lane.dequeue", "lane.task_done", "lane.task_error"})
LANE_TAKEN_KINDS = frozenset({"lane.dequeue"})
CLI_TURN_KINDS = frozenset({"cli.exec", "cli.live_session", "cli.turn", "cli.turn_failed", "cli.terminal_failure",
                            "cli.watchdog_timeout"})
SESSION_EVIDENCE_KINDS = CLI_TURN_KINDS | frozenset({
    "abort.settle_timeout", "abort.settle_failed", "lock.stale_removed", "lock.timeout", "lock.takeover", "lock.stale",
    "cron.interrupted_by_restart", "cron.job_timeout", "run.timed_out_no_reply", "transcript.turn_failed",
    "transcript.restart_cut", "transcript.silent_prompt_failure", "transcript.turn_ended",
    "channel.dispatch_started", "channel.dispatch_completed", "lane.task_error", "lane.wait_exceeded", "lane.task_interrupted", "lane.drain_blocked", "lane.task_timeout",
    "lane.task_done", "embedded.run_start", "embedded.run_done", "embedded.run_end", "embedded.timeout",
    "embedded.failover", "embedded.agent_end", "embedded.tool_start", "embedded.tool_end", "embedded.compaction",
    "embedded.abort_still_streaming", "model.fallback_decision", "model.all_failed", "llm.idle_timeout",
    "model_fetch.start", "model_fetch.end", "compaction.overflow", "compaction.overflow_diag", "compaction.timeout",
    "compaction.failed",
    "compaction.diag", "run.registered", "run.cleared", "run.cleanup", "run.aborting", "run.abort_failed", "run.abort_no_run", "run.force_detached",
    "run.wait_timeout",
    "run.active_check", "session.state", "message.queued", "lane.dequeue", "message.processed", "tool.loop", "run.aborted_error", "run.request_aborted",
    "restart.recovery", "session.aborted_last_run", "dispatch.empty_reply", "tools.browser_failed",
    "tools.browser_unreachable", "subagent.announce_give_up", "gateway.draining_rejected",
    "lane.task_rejected_after_timeout", "compaction.timeout_recovery", "gateway.forced_restart",
    "gateway.reply_drain_timeout", "gateway.restart_failed", "model.profile_timeout", "compaction.abort_failed",
    "compaction.deadline_extended", "embedded.unsubscribe_failed", "gateway.drain_timeout", "session.work_invalidated",
    "model.request_timeout", "tools.timeout", "tools.approval_timeout", "mcp.request_timeout", "cron.timeout_cleanup",
    "compaction.overflow_exhausted", "codex.turn_idle_timeout", "channel.handler_timeout", "lock.store_timeout",
    "session.turn_claim_busy", "compaction.interrupted", "session.init_conflict", "channel.reload_deferred",
    "restart.continuation_lost",
})
GATEWAY_TROUBLE_KINDS = frozenset({
    "liveness.warning", "liveness.heartbeat_delayed", "memory.pressure", "ws.handshake_timeout",
    "ws.closed_before_connect", "gateway.connect_failed", "gateway.timeout", "gateway.closed", "timer.delayed",
    "fetch.timeout", "agent.cleanup_timeout", "health.restart", "net.eaddrinuse", "gateway.drain_timeout",
    "gateway.shutdown_timeout", "gateway.shutdown_error", "run.wait_active_timeout",
    "health.restart_limit", "health.restart_failed", "channel.auto_restart", "channel.restart_gave_up",
    "channel.polling_stall", "channel.exited", "channel.transport_error", "channel.reconnecting",
    "channel.shared_connections", "channel.stop_timeout", "channel.terminal_disconnect", "channel.slow_listener",
    "channel.listener_timeout", "host.timing_gap", "gateway.heap_oom", "channel.handler_broken", "channel.inbound_unauthorized",
    "channel.inbound_refused", "sqlite.busy", "channel.delivery_refused",
})
LIFECYCLE_KINDS = frozenset({
    "gateway.ready", "gateway.listening", "health.started", "gateway.signal", "gateway.signal_action",
    "gateway.restart_mode", "gateway.draining", "gateway.restarting", "gateway.reload_required",
    "gateway.drained", "gateway.start_failed", "gateway.agent_model", "gateway.stop_killed", "gateway.admission",
    "gateway.process_killed", "gateway.process_exited",
})
# Markers after which the gateway refuses new work with GatewayDrainingError for a reason of its own: a restart
# signal, a restart drain or a stop, a host suspension (src/process/gateway-work-admission.ts). A process that
# started (or admission reopened) after the last of them admits work again.
ADMISSION_CLOSING_KINDS = frozenset({
    "gateway.signal", "gateway.signal_action", "gateway.restart_mode", "gateway.draining", "gateway.restarting",
    "gateway.reload_required", "gateway.drained", "gateway.stop_killed", "gateway.forced_restart",
    "gateway.process_killed", "gateway.process_exited",
})
# One channel account's provider started at a regular interval, three times or more in a row, with no gateway start,
# restart or shutdown line between the starts (channels.regular_steps): filed on the latest start as this kind, which
# opens (or joins) a gateway-wide episode from the first start of the run. RC18's restart loop (labelling policy
# "channel reconnect burst"), read even when no warning or error line is there.
# (START_LOOP_KIND, from stuckscan.events)
# The lines of the gateway starting, restarting, reloading or shutting down (also systemd's start and stop of its unit,
# and a config or secrets reload restarting the channel): a channel's starts on the two sides of one are the gateway's
# own starts of it, not the channel's loop.
START_LOOP_BREAKERS = LIFECYCLE_KINDS | {
    "gateway.starting", "gateway.log_file", "gateway.hot_reload", "gateway.shutdown_timeout", "gateway.shutdown_error",
    "gateway.forced_restart", "gateway.restart_failed", "gateway.heap_oom", "gateway.unit_lifecycle",
    "channel.reload_restart",
}
STARTS_KEPT = 8  # (per account: the last few starts, enough to tell a run of regular steps)
# A channel's inbound message refused as if the gateway were draining while nothing closed its admission (see
# Correlator._refused_while_admitting): RC18's evidence.
INBOUND_REFUSED_KIND = "channel.inbound_refused"
# A channel accepting an inbound message (Telegram's isolated polling ingress: update received, spooled, offset
# persisted) and the same gateway's clock then running INBOUND_SILENCE or more with no dispatch, claim, session, run or
# lane line: the message never reached a session (labelling policy "inbound accepted, then a dated silence"), filed as
# INBOUND_UNSERVED_KIND. RC18's evidence.
INBOUND_ACCEPTED_KIND = "channel.inbound_accepted"
# A restart wait (RESTART_WAIT_KINDS) and the process stopped before the wait ended: a SIGTERM/SIGINT that shuts down,
# or the service manager's kill (gateway.stop_killed) or its word that the process died by a signal
# (gateway.process_killed) or exited with a failure code (gateway.process_exited). The stop cut those runs (RC17). A
# drain waits at most its budget (300 s by default, src/cli/gateway-cli/run-loop.ts).
STOP_SIGNALS = frozenset({"SIGTERM", "SIGINT", "SIGKILL"})
# Lines that show a run or its lane still held, kept with a run timeout waiting for its cleanup (_note_run_held).
RUN_HELD_KINDS = frozenset({"lane.wait_exceeded", *HELD_AFTER_TIMEOUT_KINDS})
# A run timeout's own unnamed follow-up lines kept with it (its timeout-compaction start and outcome: a few at most).
MAX_TIMEOUT_FOLLOWUPS = 8
DEFAULT_DRAIN_BUDGET = timedelta(minutes=5)
# Lines only the diagnostic heartbeat writes: one of them later than a session's last warning
# shows the heartbeat ran and did not warn about that session, so its silence is real.
HEARTBEAT_PROOF_KINDS = frozenset(ATTENTION_LABELS) | {"heartbeat", "liveness.warning", "liveness.heartbeat_delayed"}
# Kinds whose lines say something about the OpenClaw build (see Correlator._note_build).
BUILD_HINT_KINDS = frozenset(ATTENTION_LABELS) | {
    "ws.handshake_timeout", "liveness.heartbeat_delayed", "gateway.listening", "gateway.ready", "recovery.outcome",
}
# Lines an active-memory recall sub-run writes that look like the user's own model call failing.
RECALL_LOOKALIKE_KINDS = frozenset({"embedded.failover", "model.fallback_decision"})
RECALL_REACH = timedelta(minutes=2)
RECALL_TASK_SLACK = timedelta(seconds=2)  # (a recall's lane task starts just after its "start" line; whole-second times)
_LANE_TASK_TIMED_OUT = re.compile(r"CommandLaneTaskTimeoutError\b.*?\btimed out after (\d+)\s*ms")
RECALL_REACH_LINES = 20
# Gateway methods slow by design: a manual compaction, and calls that block until something else happens (a run
# ends: agent.wait; someone approves: exec/plugin.approval.waitDecision, up to the approval window), and the update
# (update.run: the package install it runs, f757) (src/gateway server methods). Their duration is what they waited
# for, not the event loop's.
WAITING_METHODS = frozenset({"sessions.compact", "agent.wait", "exec.approval.waitDecision", "update.run",
                             "plugin.approval.waitDecision"})
# A method named for waiting ("web.login.wait" holds its call up to 120 s for a QR code to be scanned, a fork's
# "channels.loginQrWait" the same, "*.waitDecision" for an approval): as slow as the user it waits on.
_WAITS_BY_NAME = re.compile(r"(?:^|\.)wait[A-Z]?\w*$|[a-z]Wait$")
# A channel's ingress up again ("slack socket mode connected", "polling ingress started"): kept in an open gateway
# episode, where RC18 reads a lone restart the channel came back from (times or none).
INGRESS_BACK_KIND = "channel.polling_started"
# The health monitor's word that an account it restarted held: healthy at every check for its 5-minute stability
# window, its restart count reset ("[<ch>:<acct>] health-monitor: channel stable after <n> restart(s), resetting
# counter"). Kept in an open gateway episode, where RC18 reads it as the heal of that account's restarts before it.
CHANNEL_STABLE_KIND = "health.channel_stable"
# A channel's polling runner that did not stop within its budget after a stall ("Polling runner stop timed out after
# 15s; forcing restart cycle"): kept in an open gateway episode, where RC18 reads it beside the stall (only the
# stop-timeout form: "polling runner stopped (...); restarting" is the watchdog's routine recycle).
RUNNER_STOP_KIND = "channel.polling_restart"
# A final reply the channel's delivery policy kept private (message_tool_only): the turn's empty dispatch after it is
# that policy's doing, no lost reply (see Correlator._kept_private_turn).
KEPT_PRIVATE_KIND = "reply.kept_private"
# A final reply delivered before the dispatch failed after it: the turn's empty dispatch is that late failure, no lost
# reply either (labelling policy "zero-payload visible dispatch").
DELIVERED_THEN_FAILED_KIND = "reply.failed_after_final"
REPLY_ACCOUNTED_KINDS = frozenset({KEPT_PRIVATE_KIND, DELIVERED_THEN_FAILED_KIND})
# A turn handed to a child run or closed by a terminal tool (a Codex turn released after its terminal dynamic tool
# result, a ``tool=sessions_yield`` call): a bare ``cause=completed`` empty dispatch just after it is that hand-off,
# no lost reply (labelling policy "zero-payload visible dispatch"; see Correlator._handed_off_turn).
HANDED_OFF_KIND = "reply.handed_off"
HANDED_OFF_WINDOW = timedelta(seconds=60)
HANDED_OFF_LINES = 10  # (untimed: the dispatch within this many lines after it; a reporter's notes may sit between)
# The lock watchdog letting go of a long hold ("releasing lock held for <n>ms"): read only by an incident a lock
# timeout opened, where it shows the holder was live work that finished (RC10); elsewhere it says nothing of a stall.
LOCK_RELEASED_KIND = "lock.watchdog_released"
KEPT_PRIVATE_WINDOW = timedelta(seconds=60)
KEPT_PRIVATE_LINES = 5  # (untimed: the empty dispatch within this many lines after it, in the same file)
# Every kind the correlator acts on (``ws.response`` only when slow; ``channel.starting`` is read and left as a start:
# a paste that stops on one, even Discord's "awaiting gateway readiness", shows no fault; ``model.auth_refresh_timeout``
# is read and judged short of a stall, labelling policy "Codex auth refresh timeout"; so is ``config.invalid``, a config
# file OpenClaw refused, which no class names but an empty result must not call no fault, h63). Lines of other kinds
# matter only through the identity links their fields carry (sessionId, runId, lock path).
# A channel's reply that got through (Telegram's "sendMessage ok" / "outbound send ok"): read only as the gateway
# serving after an episode's trouble (``EpisodeRecord.served_after``), as SERVING_KINDS are; otherwise it is the
# line no family read it was (left uncounted, no session's evidence).
DELIVERED_KINDS = frozenset({"channel.reply_sent"})
CONSUMED_KINDS = frozenset(ATTENTION_LABELS) | RECOVERY_KINDS | SESSION_EVIDENCE_KINDS | GATEWAY_TROUBLE_KINDS \
    | LIFECYCLE_KINDS | HEARTBEAT_PROOF_KINDS | {"ws.response", "lane.enqueue", "memory.recall", "liveness.work_item",
                                                 "codex.turn_cut", "model.auth_refresh_timeout", CONFIG_REFUSAL_KIND,
                                                 "gateway.request_dispatched",
                                                 INGRESS_BACK_KIND, RUNNER_STOP_KIND, CHANNEL_STABLE_KIND,
                                                 "channel.starting",
                                                 AUTH_WARMED_KIND, REPLAY_KIND, LOCK_RELEASED_KIND,
                                                 "channel.typing_ttl", "cli.exit_silent", "transcript.tool_result",
                                                 INBOUND_ACCEPTED_KIND, PLUGIN_TOOL_CALL_KIND, *PLUGIN_TOOL_END_KINDS} \
    | REPLY_ACCOUNTED_KINDS | START_LOOP_BREAKERS | {HANDED_OFF_KIND} | DELIVERED_KINDS
# A run's lines that name no session: its progress (a tool starting or returning, also in a pasted timeline of the
# session transcript) and the CLI backend running its turn. The last few are kept for a recovery line that opens an
# incident, which reads those inside the span its `age` counts as without progress (RC04: the abort's count
# contradicted by the run's own moves, or a backend that reports no progress), and, in an untimed paste, the undated
# CLI lines above it in the same file.
UNNAMED_PROGRESS_KINDS = frozenset({"embedded.tool_start", "embedded.tool_end", "transcript.tool_result"})
UNNAMED_RUN_KEPT = 8
DETECTOR_TICK = timedelta(seconds=30)
# The kind of an item that stands for a run of lines and feeds itself (see Correlator.feed).
BATCH_KIND = "batch"
# Kinds of line Correlator.feed may leave out of ``_other_lines`` (a run timeout beside them is still lone: see
# _expire_run_timeouts); it counts a line of any other kind. The fast path reads this (stuckscan.fastscan.FileScan.lone).
MAY_LEAVE_UNCOUNTED = frozenset({"generic", "unparsed", NOTE_KIND, BATCH_KIND, PLUGIN_TOOL_CALL_KIND, *DELIVERED_KINDS,
                                 *PLUGIN_TOOL_END_KINDS, *TRANSCRIPT_BROWSER_KINDS, "model.fallback_decision",
                                 "embedded.failover", *LONE_TIMEOUT_COMPANIONS, *HEALER_KINDS})
# Lines that show the gateway still taking in and answering messages (after a channel restart: it recovered).
SERVING_KINDS = frozenset({"message.queued", "message.processed", "embedded.run_start", "lane.dequeue"})
# Lines that show a turn's work answered, not only taken in: a run's agent end, a run done, a run's end, a lane task
# done, a message processed (policy "brief liveness samples beside answered work"); one that says its work failed
# (``_failed_work``) does not count.
ANSWERED_KINDS = frozenset({"embedded.agent_end", "embedded.run_done", "embedded.run_end", "lane.task_done",
                            "message.processed"})
# Lines that show a turn going on, short of its end: a run's tool calls, a plugin's tool ending, a model's response
# arriving. RC18 reads them beside a channel's typing indicator failing: the turn went on, so the failures were a
# cosmetic loss, not the channel's requests failing (policy "one channel request failure").
PROGRESS_KINDS = UNNAMED_PROGRESS_KINDS | frozenset({"plugin.tool_done", "model_fetch.end"})
# Evidence that names no session but that the rules read when exactly one incident is open
# (browser and compaction failures, lane waits on shared lanes). Routine lane and message
# traffic on shared lanes says nothing about a particular session.
TIME_ATTRIBUTABLE_KINDS = CLI_TURN_KINDS | frozenset({
    "tools.browser_failed", "tools.browser_unreachable", "tools.timeout", "tools.approval_timeout", "mcp.request_timeout",
    "compaction.overflow", "compaction.overflow_diag",
    "compaction.timeout",
    "compaction.failed", "compaction.diag", "gateway.draining_rejected", "dispatch.empty_reply",
    "run.aborted_error", "restart.recovery", "lane.wait_exceeded", "llm.idle_timeout", "model.all_failed",
    "model.fallback_decision", "subagent.announce_give_up", "lane.task_timeout", "lock.timeout", "lock.takeover",
    "lane.task_rejected_after_timeout", "compaction.timeout_recovery", "run.active_check", "embedded.compaction",
    "embedded.timeout", "gateway.restart_failed", "model.profile_timeout", "compaction.abort_failed",
    "compaction.deadline_extended", "embedded.unsubscribe_failed", "compaction.overflow_exhausted", "codex.turn_idle_timeout",
    "channel.handler_timeout", "lock.store_timeout", "compaction.interrupted", "run.request_aborted",
    "restart.continuation_lost",
})
# Fault signals: a line that by itself proves a fault, even with no stall warning around it.
# With no incident open for the session (or run, or lane) it names, it opens one (a finding of
# origin "signal"); naming none, a gateway-wide one ("unattributed"). See _fault_signal.
SIGNAL_KINDS = frozenset({
    "lock.timeout", "lock.takeover", "lock.stale", "model.all_failed", "llm.idle_timeout", "compaction.timeout", "compaction.failed",
    "lane.task_timeout", "lane.task_rejected_after_timeout", "tools.browser_failed", "tools.browser_unreachable",
    "dispatch.empty_reply", "subagent.announce_give_up", "gateway.draining_rejected", "lane.task_error",
    "model.fallback_decision", "embedded.failover", "compaction.timeout_recovery", "lane.wait_exceeded",
    "restart.recovery", "gateway.forced_restart", "gateway.reply_drain_timeout", "gateway.restart_failed",
    "cli.watchdog_timeout", "embedded.unsubscribe_failed", "gateway.drain_timeout", "session.work_invalidated",
    "model.request_timeout", "tools.timeout", "tools.approval_timeout", "mcp.request_timeout", "cron.timeout_cleanup",
    "compaction.overflow", "compaction.overflow_exhausted", "codex.turn_idle_timeout", "channel.handler_timeout",
    "lock.store_timeout", "session.turn_claim_busy", "model_fetch.end", "session.aborted_last_run", "compaction.diag",
    "model.profile_timeout", "channel.reload_deferred", "gateway.reload_required", "cron.interrupted_by_restart",
    "cron.job_timeout", "run.timed_out_no_reply", "transcript.turn_failed", "transcript.restart_cut",
    "transcript.silent_prompt_failure", "transcript.turn_ended", "restart.continuation_lost",
})
# An agent's own gateway restart call in a session transcript, and that call as read once the next entry showed no result
# came back for it (see Correlator._after_watched_entry).
RESTART_CALL_KIND = "transcript.restart_call"
RESTART_CUT_KIND = "transcript.restart_cut"
# A run's prompt failure in a session transcript, and that failure as read once the next entry showed no failed turn
# written with it: nothing was recorded between the entry before it and the failure (see _after_watched_entry).
SILENT_PROMPT_KIND = "transcript.silent_prompt_failure"
SAME_FAILURE_WRITE = timedelta(seconds=3)
# A run's tool calls (its budget did not go to the model call alone).
RUN_TOOL_KINDS = frozenset({"embedded.tool_start", "embedded.tool_end"})
FAILED_LANE_TASK = ("session file locked", "CommandLaneTaskTimeoutError", "EmbeddedAttemptSessionTakeoverError")
UNATTRIBUTED = "unattributed"   # a fault signal that names no session
UNIDENTIFIED = "unidentified"   # a stall warning or recovery that names none (see Correlator._unnamed_stall)
# A compaction that starts and has not ended by the end of the log (or within this window
# while the run stays active) is a finding of its own.
COMPACTION_WINDOW = timedelta(minutes=15)
SAME_COMPACTION_SLACK = timedelta(seconds=5)
# A compaction's two end lines (its `[compaction-diag] end` and `embedded run compaction end`) are this close at most.
SAME_COMPACTION_END = timedelta(seconds=5)
MAX_OVERFLOW_COMPACTIONS = 3  # the embedded runner's overflow compaction attempts per turn
RESTART_LOOP_WINDOW = timedelta(hours=3)
# The lines that reopen an earlier episode of the same channel (see Correlator._resume_restart_loop), and the earlier
# lines they continue: a stop that hung past its budget leaves the channel marked running with its old connection
# open, so the restart or exit that follows it is the same story; a watchdog stall after the channel's transport
# failed is that failure not healed.
RESTART_LOOP_PARTNERS = {
    "health.restart": ("health.restart", "channel.stop_timeout"),
    "channel.exited": ("channel.exited", "channel.stop_timeout"),
    "channel.stop_timeout": ("channel.stop_timeout",),
    # (a channel's watchdog finding it stalled after its transport closed or failed: the connection did not come back)
    "channel.polling_stall": ("channel.polling_stall", "channel.transport_error", "channel.stop_timeout"),
}
IN_FLIGHT_WINDOW = timedelta(minutes=15)  # (see _on_stop_with_runs_in_flight)
# A stop signal is not the process's end: the gateway waits for the runs in flight (a restart's drain, a stop's
# active-work drain, the shutdown's grace; src/cli/gateway-cli/run-loop.ts, run-loop-drain.ts) and exits after. So a
# stop's verdict on the runs in flight is held (_hold_stop) until a line says the process is gone or going with
# whatever still runs (PROCESS_GONE_KINDS, a unit's stop or start), a line comes this long after the stop, or the
# input ends (_settle_stop): a run whose normal end came in between finished; one still open was cut (RC17).
STOP_SETTLES = DEFAULT_DRAIN_BUDGET
# The service manager's word that the process is dead: no wait, the verdict is at once.
HARD_STOP_KINDS = frozenset({"gateway.stop_killed", "gateway.process_killed", "gateway.process_exited"})
PROCESS_GONE_KINDS = frozenset({
    *STARTED_KINDS, *HARD_STOP_KINDS, "health.started", "gateway.agent_model", "gateway.starting", "gateway.start_failed",
    "gateway.restart_mode", "gateway.shutdown_timeout", "gateway.shutdown_completed", "gateway.drain_timeout",
    "gateway.forced_restart", "gateway.reply_drain_timeout",
})
UNIT_GONE_STAGES = frozenset({"Stopped", "Starting", "Started"})  # (gateway.unit_lifecycle: systemd's own lines)
# A run's normal end (not aborted, not failed): after a stop, it says the wait let the run finish.
RUN_FINISHED_KINDS = frozenset({"embedded.agent_end", "embedded.run_done", "embedded.run_end", "lane.task_done",
                                "message.processed", "channel.dispatch_completed"})
# A channel plugin's tool call names no session, so no later line of its session can be tied to it: only one this
# close to a stop, with no run of any session ending in between, is read as cut by it (_on_stop_with_plugin_tool_open).
PLUGIN_TOOL_CUT_WINDOW = timedelta(minutes=5)
PLUGIN_TOOLS_KEPT = 16  # (calls still open at once: a log that lost its ends holds more)
# A CLI backend's run names no session either, and builds before "cli turn:" log no end of a run that went well: only
# one started this close to a stop, with no end of its own and no run of any session ending in between, is read as cut
# by it (_on_stop_with_cli_run_open).
CLI_RUN_CUT_WINDOW = PLUGIN_TOOL_CUT_WINDOW
CLI_RUNS_KEPT = 16
# A stop's shutdown closes what it cut within its own budget (a drain, then the close: seconds, a minute at most).
TURN_CUT_BY_STOP = timedelta(minutes=2)
# A channel client failing, reconnecting or giving up its reconnects just after a stop signal is the stop closing it
# (QQ Bot's "Max reconnect attempts reached or aborted" after its abort, with the failed connect before it: sliverp/qqbot
# src/gateway.ts), no channel fault: within this long of the stop (or this many lines after it, either line untimed).
CHANNEL_CLOSED_BY_STOP = timedelta(seconds=30)
CHANNEL_CLOSED_BY_STOP_LINES = 8
SHUTDOWN_CHANNEL_KINDS = frozenset({"channel.restart_gave_up", "channel.transport_error", "channel.reconnecting"})
# A stop reads session histories most recently touched first, and stops after this many in a row hold nothing in the
# window (a crash-looping gateway stops every few seconds: each stop must not read every session's history).
STALE_HISTORIES_SCANNED = 64
MAX_PENDING = 10_000  # health-monitor restarts this close are one loop
TRAILING_EVIDENCE = timedelta(seconds=60)
# What a recovery's abort makes the gateway log around it (analysis.RECOVERY_SIDE_EFFECTS).
RECOVERY_SIDE_EFFECT_KINDS = frozenset({"abort.settle_timeout", "abort.settle_failed", "lock.stale_removed"})
TRAILING_KINDS = frozenset({"lane.wait_exceeded", "lane.task_done", "message.processed", "embedded.run_done",
                            "run.cleared", "lock.stale_removed", "abort.settle_timeout", "abort.settle_failed"})
# What one kept event may hold (evidence, preludes, markers): a crafted 1 MiB line of
# `k=v` pairs parses into ~16 MB of fields; real gateway lines stay far below these.
MAX_KEPT_TEXT = 4096
REPEAT_NOTE_REACH = 4  # a repeat note speaks of gateway trouble at most this many lines above it
RESTART_ABORT_WINDOW = timedelta(seconds=30)  # an AbortError this soon after a restart marker is the restart's
# How soon after the run registry's "aborting run: sessionId=<id>" (runs.ts abortEmbeddedPiRun, which calls the run's
# abort() at once) that run's turn logs "Embedded|Followup agent failed before reply: Request was aborted": the provider
# SDK rejects the request on the abort signal, and the attempt's teardown waits at most its abort settle
# (EMBEDDED_ABORT_SETTLE_TIMEOUT_MS, 2 s: "embedded abort settle timed out: ... timeoutMs=2000") before the runner
# catches it. Ten seconds leaves room for a busy event loop and stays below any model timeout (tens of seconds).
ABORT_FAILS_TURN = timedelta(seconds=10)
MAX_RUN_SPAN = 6 * 3600.0  # a run timeout's reach back for unattributed evidence, at most (seconds)
MAX_KEPT_FIELDS = 64


CHANNEL_SIDE_KEPT = 6  # lines no shape read of a channel failing, kept for RC18 (Correlator._note_channel_side)


class RecordStatus(str, Enum):
    OPEN = "open"
    HEALTHY = "healthy"          # a healthy signal closed it
    SILENT = "silent"            # its warnings stopped
    END_OF_INPUT = "end_of_input"
    EVICTED = "evicted"
    RESTART = "restart"          # the gateway process restarted while it was open


class EvidenceStore:
    """Per kind, the first and the last few events, and a count: bounded evidence."""

    def __init__(self, keep: int = 6) -> None:
        self.keep = keep
        self.first: dict[str, list[Event]] = {}
        self.last: dict[str, deque[Event]] = {}
        self.counts: Counter[str] = Counter()

    def add(self, event: Event) -> None:
        kind = event.kind
        self.counts[kind] += 1
        head = self.first.setdefault(kind, [])
        if len(head) < self.keep:
            head.append(event)
            return
        self.last.setdefault(kind, deque(maxlen=self.keep)).append(event)

    def of(self, *kinds: str) -> list[Event]:
        found: list[Event] = []
        for kind in kinds:
            found.extend(self.first.get(kind, ()))
            found.extend(self.last.get(kind, ()))
        return sorted(found, key=event_order)

    def all(self) -> list[Event]:
        return self.of(*self.counts)


@dataclass(slots=True)
class RecoveryRecord:
    time: datetime | None
    events: list[Event] = field(default_factory=list)
    action: str | None = None
    status: str | None = None
    aborted: bool | None = None
    drained: bool | None = None
    force_cleared: bool | None = None
    released: int | None = None
    reason: str | None = None
    queue_depth: int | None = None
    verdict: RecoveryVerdict = RecoveryVerdict.UNKNOWN
    verdict_reason: str = ""
    decided: bool = False

    @property
    def wiped(self) -> bool:
        """The abort wiped the session's state instead of draining it: queued messages may be lost."""
        return self.force_cleared is True or (self.drained is False and self.aborted is True)

    @property
    def acted(self) -> bool:
        """Whether this attempt did something (aborted, released, reclaimed), not only observed."""
        if self.status in ("skipped", "noop", "failed"):
            return False
        if self.action is None and self.status == "aborted":  # an outcome line whose action a paste cut
            return True
        return self.action not in (None, "none", "observe_only", "keep_lane")


@dataclass(slots=True)
class IncidentRecord:
    seq: int
    identity: str
    opened_by: str
    session_key: str | None = None
    session_id: str | None = None
    run_ids: list[str] = field(default_factory=list)
    start: datetime | None = None
    first_warning: datetime | None = None
    last_warning: datetime | None = None
    last_warning_age: float = 0.0
    last_progress: datetime | None = None
    opened_at: datetime | None = None
    last_activity: datetime | None = None
    warning_count: int = 0
    lock_failures: int = 0
    max_age: float = 0.0
    max_queue_depth: int = 0
    min_warning_gap: timedelta | None = None
    labels: dict[str, None] = field(default_factory=dict)
    classifications: dict[str, None] = field(default_factory=dict)
    reasons: dict[str, None] = field(default_factory=dict)
    progress_values: dict[str, None] = field(default_factory=dict)
    work_kinds: dict[str, None] = field(default_factory=dict)
    tools: dict[str, None] = field(default_factory=dict)
    models: dict[str, None] = field(default_factory=dict)
    recoveries: list[RecoveryRecord] = field(default_factory=list)
    evidence: EvidenceStore = field(default_factory=EvidenceStore)
    prelude: list[Event] = field(default_factory=list)
    status: RecordStatus = RecordStatus.OPEN
    end: datetime | None = None
    closed_by: Event | None = None
    close_reason: str = ""
    silence_hold: datetime | None = None  # silence is not recovery before this (the gateway could not speak)
    lines_after_close: int = 0            # session lines seen since it closed
    cut_short: bool = False               # opened at the end of input: the log ended inside a signal's window
    #                                       (or inside a stop's wait, before its outcome: Correlator._settle_stop)
    input_end: datetime | None = None     # still open when the input ended: the input's last time then
    lone_timeout: bool = False            # opened by a run timeout the input holds no other kind of line beside
    cli_end_unlogged: bool = False        # a CLI run cut by a stop, read where no CLI run's end was logged (h62)
    thresholds: Thresholds = DEFAULT_THRESHOLDS  # the gateway's stall-detector timing
    open_order: int = 0                   # when it last entered the open set (the order sweeps close in)
    resumed: int = 0                      # times it was evicted and its stall came back
    queue_seen: bool = False              # a warning said how deep the queue was
    # The session's tool or run ends that came after a stop signal's restart marker closed it, while the stop still
    # waited (Correlator._note_end_in_stop_wait): the wait let the work it was stalled on finish
    ended_in_stop_wait: list[Event] = field(default_factory=list)
    # (main-session restart recovery lines a later resume may heal, by (source, line): the keys resumed after each,
    # HEALED_BY_SUMMARY once a clean summary followed; see Correlator._heal_main_recovery)
    recovery_heals: dict[tuple[str, int], set[str]] = field(default_factory=dict)

    def undelivered(self, recovery: RecoveryRecord) -> int | None:
        """Messages queued when ``recovery`` wiped the session, less those the log shows answered
        (or dequeued on the session's lane) afterwards; None when no line said how many were queued."""
        if recovery.queue_depth is None:
            return None
        if recovery.time is None:
            return recovery.queue_depth
        answered = sum(1 for e in self.evidence.of("message.processed", "lane.dequeue") if e.time and e.time >= recovery.time
                       and (e.kind != "message.processed" or e.fields.get("outcome") in (None, "completed"))
                       and (e.kind != "lane.dequeue" or "laneSessionKey" in e.fields))
        return max(recovery.queue_depth - answered, 0)

    @property
    def is_open(self) -> bool:
        return self.status is RecordStatus.OPEN

    def compact_events(self) -> None:
        """Every kept event back to its compact form (see ``Event.compact``): a closed
        incident waits for the report, or for the spill file, which pickles it smaller so."""
        for event in itertools.chain(self.prelude, self.evidence.all(),
                                     *(recovery.events for recovery in self.recoveries)):
            event.compact()
        if self.closed_by is not None:
            self.closed_by.compact()

    def note_run(self, run_id: str | None) -> None:
        if run_id and run_id not in self.run_ids and len(self.run_ids) < 20:
            self.run_ids.append(run_id)

    def silence_deadline(self) -> datetime | None:
        """When the absence of further warnings means the stall is over."""
        deadline = self._cadence_deadline()
        if deadline is not None and self.silence_hold is not None and self.silence_hold > deadline:
            return self.silence_hold
        return deadline

    def _cadence_deadline(self) -> datetime | None:
        if self.last_warning is None:
            anchor = self.last_activity or self.opened_at
            return anchor + EVIDENCE_SILENCE if anchor else None
        if "stalled" in self.labels or (self.min_warning_gap is not None and self.min_warning_gap <= timedelta(seconds=40)):
            gap = HEARTBEAT
        else:  # stuck / long-running warnings back off: 120 s, 240 s, 480 s ...
            gap = timedelta(seconds=max(self.thresholds.warn_seconds, self.last_warning_age))
        deadline = self.last_warning + gap + SILENCE_SLACK
        # The heartbeat's recovery check (skips, keep-lane outcomes) also says the session is still flagged.
        last_check = self.recoveries[-1].events[-1].time if self.recoveries and self.recoveries[-1].events else None
        if last_check is not None and last_check + RECOVERY_GRACE + SILENCE_SLACK > deadline:
            return last_check + RECOVERY_GRACE + SILENCE_SLACK
        return deadline


@dataclass(slots=True)
class EpisodeRecord:
    seq: int
    start: datetime | None
    end: datetime | None
    evidence: EvidenceStore = field(default_factory=EvidenceStore)
    markers: list[Event] = field(default_factory=list)
    peaks: dict[str, float] = field(default_factory=dict)
    served_after: datetime | None = None  # a message queued or processed after the episode's trouble
    answered_after: datetime | None = None  # work ending well after the episode's first trouble (ANSWERED_KINDS)
    progressed_after: datetime | None = None  # a turn's tool or model progress after its first trouble (PROGRESS_KINDS)
    # the same three moments by the channel each line names (channels.served_channel; "" for a line naming none),
    # at most MAX_TRANSPORTS_TRACKED channels: one channel's traffic is no sign another channel works (RC18, n64)
    served_by: dict[str, datetime] = field(default_factory=dict)
    answered_by: dict[str, datetime] = field(default_factory=dict)
    progressed_by: dict[str, datetime] = field(default_factory=dict)
    log_end: datetime | None = None       # the input's last time, set when the input ends
    # each channel's last transport failure in the whole input (by channels.channel_of), set when the input ends
    last_transport_failure: dict[str, datetime] = field(default_factory=dict)
    # each channel's first line of its ingress up (INGRESS_BACK_KIND) in the whole input, set when the input ends
    first_ingress_up: dict[str, Event] = field(default_factory=dict)
    channel_side: list[Event] = field(default_factory=list)  # lines no shape read of a channel failing (RC18)

    def peak(self, name: str, value: float | int | None) -> None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.peaks[name] = max(self.peaks.get(name, float(value)), float(value))

    def served_for(self, channel: str) -> datetime | None:
        """The gateway serving after the trouble as it bears on ``channel`` (a channel's root, ``telegram``): a line
        of that channel or one naming none; for ``""`` (a failure naming no channel), any line, as ``served_after``."""
        return self.served_after if not channel else _channel_moment(self.served_by, channel)

    def answered_for(self, channel: str) -> datetime | None:
        """``answered_after`` as it bears on ``channel`` (see :meth:`served_for`)."""
        return self.answered_after if not channel else _channel_moment(self.answered_by, channel)

    def progressed_for(self, channel: str) -> datetime | None:
        """``progressed_after`` as it bears on ``channel`` (see :meth:`served_for`)."""
        return self.progressed_after if not channel else _channel_moment(self.progressed_by, channel)


def _channel_moment(moments: dict[str, datetime], channel: str) -> datetime | None:
    """The moment a line of ``channel``, else one naming no channel, was noted in ``moments``."""
    return moments.get(channel) or moments.get("")


def note_channel_moment(moments: dict[str, datetime], event: Event, moment: datetime, first: bool = False,
                        channel: str | None = None) -> None:
    """Note ``moment`` under the channel ``event`` names (``""`` for none; ``channel``, when the caller read it
    already): the last such moment, or with ``first`` the first; at most MAX_TRANSPORTS_TRACKED channels."""
    if channel is None:
        channel = served_channel(event)
    if channel in moments:
        if not first:
            moments[channel] = moment
    elif len(moments) < MAX_TRANSPORTS_TRACKED:
        moments[channel] = moment


def _within_episode(episode: EpisodeRecord, moment: datetime | None) -> bool:
    """Whether ``moment`` falls after the episode's first trouble line and within an episode gap of its last."""
    start, end = episode.start, episode.end
    return moment is not None and start is not None and end is not None and start <= moment \
        and moment - end <= EPISODE_GAP


def note_answered(episode: EpisodeRecord, event: Event, channel: str | None = None) -> None:
    """Mark ``episode`` as having work that ended well after its first trouble line, within an episode gap of its
    last: work that failed (:func:`_failed_work`) is not work answered. The first such line of each channel decides
    (``answered_by``), the first of all ``answered_after``."""
    if not _within_episode(episode, event.time):
        return  # (the times first: the channel's reading next, the text test last)
    if episode.answered_after is not None:
        if channel is None:
            channel = served_channel(event)
        if channel in episode.answered_by:
            return  # (the first such line of its channel decides)
    if not _failed_work(event):
        if episode.answered_after is None:
            episode.answered_after = event.time
        note_channel_moment(episode.answered_by, event, event.time, first=True, channel=channel)  # type: ignore[arg-type]


def note_progress(episode: EpisodeRecord, event: Event, channel: str | None = None) -> None:
    """Mark ``episode`` as having a turn's tool or model progress (PROGRESS_KINDS) after its first trouble line,
    within an episode gap of its last: a model's answer that is an error is no progress."""
    if not _within_episode(episode, event.time):
        return
    if episode.progressed_after is not None:
        if channel is None:
            channel = served_channel(event)
        if channel in episode.progressed_by:
            return
    if not (event.kind == "model_fetch.end" and event.fields.get("stage") != "response"):
        if episode.progressed_after is None:
            episode.progressed_after = event.time
        note_channel_moment(episode.progressed_by, event, event.time, first=True, channel=channel)  # type: ignore[arg-type]


FAILED_OUTCOMES = frozenset({"error", "failed"})


def _failed_work(event: Event) -> bool:
    """Whether an ANSWERED_KINDS line says its work failed: ``aborted=true`` (a run's end), ``stopReason=error`` (a run
    ended with an error), ``outcome=error|failed`` (a message processed), a model timeout in its text (a fault signal),
    or ``isError=true`` on an agent end whose error is not the provider's answer (:func:`agent_end_provider_answered`:
    a refusal the provider sent back at once, a rate limit or a 401, still shows the loop moving the run to its end;
    f4557, policy "brief liveness samples beside answered work")."""
    fields = event.fields
    if fields.get("aborted") in (True, "true") or fields.get("outcome") in FAILED_OUTCOMES \
            or fields.get("stopReason") == "error" or "timed out" in event.message.lower():
        return True
    return fields.get("isError") in (True, "true") and not agent_end_provider_answered(event)


@dataclass(slots=True)
class HeldStop:
    """A stop signal whose verdict on the runs in flight at it waits (Correlator._hold_stop): the stop, (identity, last
    run line) of each session whose run was in flight, and whether, none being in flight, a plugin-logged tool call (or
    a CLI backend's run) still open is to be read at the verdict."""

    stop: Event
    runs: list[tuple[str, Event]]
    plugin_tool: bool = False


@dataclass(slots=True)
class PendingSignal:
    """A line that is a fault only if its ending never follows: a run timeout with no cleanup
    within 60 s, a compaction with no end. ``deadline`` is None for an untimed line (a paste):
    then only the end of the input decides."""

    event: Event
    identity: str | None
    deadline: datetime | None
    opened_by: str   # "run_timeout" or "compaction"
    followups: list[Event] = field(default_factory=list)  # unnamed lines the run logged about this timeout
    # Whether an untimed run timeout is alone in its paste (labelling policy "lone embedded run timeout"): for an untimed
    # run timeout with no counted line before it (Correlator._other_lines), the recognised untimed lines of its file
    # after it so far; None for any other signal, and once a later line opened a fault of its own (an incident, an
    # episode, a compaction wait), which keeps deciding. Untimed, such lines cannot show the run held a minute with no
    # end, so a timeout followed by one or more of them (a non-zero count) stays the paste's only fault line: the run's
    # spent budget, RC01's reading, marked LONE_IN_PASTE_FIELD for RC15.
    paste_lines_after: int | None = None


@dataclass(slots=True)
class Change:
    """What a fed event did to an incident (for live watch mode)."""

    kind: str  # opened | escalated | recovery | closed | reopened
    incident: IncidentRecord
    detail: str = ""


def _note_run_wait(end: Event, history: Iterable[Event], run_id: str) -> None:
    """Write on an agent end how long its run had been open, from the run's start in the session's kept history
    (:data:`AGENT_END_WAIT_FIELD`): a connection failure after a long wait is no failure "at once". With no start
    kept, an earlier agent end of the same run dates the retry that this end closes: the run loop starts its next
    attempt as soon as the failed one ends."""
    if end.time is None:
        return
    for earlier in reversed(list(history)):
        if earlier.fields.get("runId") != run_id or earlier.time is None:
            continue
        if earlier.kind in ("embedded.run_start", "embedded.agent_start", "embedded.agent_end"):
            end.seconds[AGENT_END_WAIT_FIELD] = (end.time - earlier.time).total_seconds()
            return


CLI_SILENT_EXIT_KIND = "cli.exit_silent"
CLI_NO_OUTPUT_KIND = "cli.watchdog_timeout"
TYPING_BESIDE_LINES = 2  # (the line above, or the one above a continuation line)


def _silent_cli_exit(event: Event, typing: Event | None) -> Event:
    """A CLI backend's child that exited printing nothing (``FailoverError: CLI failed.``) right below the channel's
    typing indicator running out its TTL (``typing TTL reached (2m)``: the reply pending that long) was silent for that
    long, what the CLI's no-output watchdog reports: read as that watchdog's line, with the TTL as its silence. Alone,
    the child may have died at once, and the line stays as it was."""
    if typing is None or typing.source != event.source or not 0 < event.line - typing.line <= TYPING_BESIDE_LINES:
        return event
    silent = typing.seconds.get("ttl", 0.0)
    if silent <= 0:
        return event
    return replace(event, kind=CLI_NO_OUTPUT_KIND, fields={**event.fields, "noOutputSeconds": silent, "typingTtl": True},
                   seconds={**event.seconds, "noOutputSeconds": silent})


def _unmeasured_failover_task(event: Event) -> bool:
    """A ``lane task error`` that carries the embedded run's own ``FailoverError`` (the run loop's throw to its task,
    src/process/command-queue.ts) and no lane or duration: all a paste kept of the task's end."""
    if event.kind != "lane.task_error" or event.has("lane"):
        return False
    said = str(event.fields.get("error", event.message.partition(":")[2])).strip().strip('"')
    return said.startswith("FailoverError:")


def _states_no_error(event: Event) -> bool:
    """A ``lane task error`` a paste kept without its error: only its lane and duration ("lane task error: lane=main
    durationMs=133963"), nothing that says how the task failed."""
    return event.kind == "lane.task_error" and not event.has("error") and not event.fields.get("words") \
        and set(event.fields) <= {"lane", "durationMs"}


FAILOVER_ECHO_LINES = 3  # (untimed paste: how far below its run timeout a failover decision is still its echo)


@dataclass(slots=True)
class CorrelatorLimits:
    max_open_incidents: int = 10_000
    identity_capacity: int = 50_000
    history_sessions: int = 5_000
    history_per_session: int = 24
    markers: int = 200
    recent_closed: int = 512      # sessions whose last closed incident a later line may reopen or extend
    closed_in_memory: int = 1_000  # closed incidents held in memory; beyond, those nothing can reopen go to disk


@dataclass(slots=True)
class CorrelationResult:
    incidents: Sequence[IncidentRecord]  # in report order; a list unless some were spilled to disk
    episodes: list[EpisodeRecord]
    markers: list[Event]
    gateway_pids: list[int]
    evicted: int
    build_hints: Counter[str]


def bounded_event(event: Event) -> Event:
    """``event`` itself, or a copy small enough to keep: text cut (at a space, so a cut
    never leaves a fragment of a secret the redactor would no longer recognise), at most
    :data:`MAX_KEPT_FIELDS` fields, and no nested meta (nothing after the parser reads it)."""
    meta = event.meta
    big_meta = meta is not None and _bigger_than(meta, MAX_KEPT_TEXT)
    if len(event.message) <= MAX_KEPT_TEXT and not big_meta \
            and (event.fields_at_most() <= MAX_KEPT_FIELDS or len(event.fields) <= MAX_KEPT_FIELDS):
        return event
    fields = event.fields
    if len(fields) > MAX_KEPT_FIELDS:
        fields = dict(itertools.islice(fields.items(), MAX_KEPT_FIELDS))
    fields = {key: _bounded_value(value) for key, value in fields.items()}
    return replace(
        event,
        message=_cut_text(event.message),
        fields=fields,
        raw={key: _cut_text(value) for key, value in event.raw.items() if key in fields},
        seconds={key: value for key, value in event.seconds.items() if key in fields},
        meta=None if big_meta else meta,
    )


def _bigger_than(value: object, budget: int) -> bool:
    """Whether a JSON-like value holds more than about ``budget`` characters and items."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            budget -= len(item)
        elif isinstance(item, dict):
            budget -= len(item)
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, (list, tuple)):
            budget -= len(item)
            pending.extend(item)
        else:
            budget -= 1
        if budget < 0:
            return True
    return False


def _bounded_value(value: object) -> object:
    if isinstance(value, str):
        return _cut_text(value)
    if isinstance(value, list) and len(value) > MAX_KEPT_FIELDS:
        return value[:MAX_KEPT_FIELDS]
    return value


def _cut_text(text: str) -> str:
    if len(text) <= MAX_KEPT_TEXT:
        return text
    head = text[:MAX_KEPT_TEXT]
    space = max(head.rfind(" "), head.rfind("\t"))
    head = head[:space] if space > 0 else ""
    return f"{head} [... {len(text) - len(head)} more characters not kept]"


class EvictionQueue:
    """The least recently active open incident, in O(log n) per eviction.

    A heap of ``(last activity, seq)`` entries, pushed whenever a record enters the open
    set and checked lazily: activity only grows, so an entry is a lower bound of its
    record's key; a popped entry whose record has moved on is pushed again with the
    current key, one whose record is no longer open is dropped. The pick is exactly
    ``min(open, key=(last activity, seq))``, without scanning the open set each time
    (10 000 open incidents and a million new sessions would otherwise be 10^10 steps).
    Records opened before any line had a time (no activity yet) are kept aside and
    queued once they have one.
    """

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, int, IncidentRecord]] = []
        self._untimed: list[IncidentRecord] = []
        self._tiebreak = itertools.count()

    def __len__(self) -> int:
        return len(self._heap)

    def push(self, record: IncidentRecord, open_records: dict[str, IncidentRecord]) -> None:
        if record.last_activity is None:
            self._untimed.append(record)
        heapq.heappush(self._heap, (timestamp_or_inf(record.last_activity), record.seq, next(self._tiebreak), record))
        if len(self._heap) > 4 * len(open_records) + 1024:
            self._rebuild(open_records)

    def oldest(self, open_records: dict[str, IncidentRecord], recheck_untimed: bool = True) -> IncidentRecord | None:
        if self._untimed and recheck_untimed:
            waiting = []
            for record in self._untimed:
                if not _is_open_in(record, open_records):
                    continue
                if record.last_activity is None:
                    waiting.append(record)
                else:
                    heapq.heappush(self._heap, (timestamp_or_inf(record.last_activity), record.seq,
                                                next(self._tiebreak), record))
            self._untimed = waiting
        heap = self._heap
        while heap:
            key, seq, _, record = heap[0]
            if not _is_open_in(record, open_records):
                heapq.heappop(heap)
                continue
            current = timestamp_or_inf(record.last_activity)
            if current != key:
                heapq.heapreplace(heap, (current, seq, next(self._tiebreak), record))
                continue
            return record
        return None

    def _rebuild(self, open_records: dict[str, IncidentRecord]) -> None:
        self._heap = [(timestamp_or_inf(r.last_activity), r.seq, next(self._tiebreak), r)
                      for r in {id(r): r for r in open_records.values()}.values()]
        heapq.heapify(self._heap)


def _is_open_in(record: IncidentRecord, open_records: dict[str, IncidentRecord]) -> bool:
    return record.is_open and open_records.get(record.identity) is record


class OpenIncidents(dict):  # type: ignore[type-arg]
    """The open incidents by identity; whatever enters is also queued for eviction and
    for the silence sweep."""

    __slots__ = ("_queue", "_silences")

    def __init__(self, queue: EvictionQueue, silences: SilenceQueue) -> None:
        super().__init__()
        self._queue = queue
        self._silences = silences

    def __setitem__(self, identity: str, record: IncidentRecord) -> None:
        super().__setitem__(identity, record)
        self._queue.push(record, self)
        self._silences.entered(record)


class SilenceQueue:
    """The open incidents whose silence deadline has passed, without looking at the others.

    A sweep every 5 s of log time that computed every open incident's deadline cost
    O(open incidents) per sweep: with thousands of stalls open for hours, more than the
    lines themselves. Here each open incident's current deadline is in a heap: whatever
    changes a deadline (a warning, a recovery line, activity, a silence hold, entering the
    open set) marks the incident (:meth:`changed`), and the next sweep queues its new
    deadline first. A popped entry is checked against the incident's current deadline, so
    entries left behind by later changes are dropped. Incidents whose silence is held
    (:attr:`IncidentRecord.silence_hold`) are also kept aside: a later heartbeat releases
    the hold, which can bring the deadline forward.
    """

    def __init__(self) -> None:
        self._heap: list[tuple[datetime, int, IncidentRecord]] = []
        self._changed: dict[int, IncidentRecord] = {}
        self._held: dict[int, IncidentRecord] = {}
        self._order = itertools.count(1)

    def entered(self, record: IncidentRecord) -> None:
        record.open_order = next(self._order)
        self.changed(record)

    def changed(self, record: IncidentRecord) -> None:
        self._changed[record.seq] = record
        if record.silence_hold is not None:
            self._held[record.seq] = record

    def held(self, open_records: dict[str, IncidentRecord]) -> list[IncidentRecord]:
        """Open incidents whose silence is held (forgetting the others: one that opens again
        comes back through :meth:`entered`)."""
        for seq, record in list(self._held.items()):
            if record.silence_hold is None or not _is_open_in(record, open_records):
                del self._held[seq]
        return list(self._held.values())

    def due(self, now: datetime, open_records: dict[str, IncidentRecord]) -> list[IncidentRecord]:
        """The open incidents whose deadline is before ``now``, in the order they entered the open set."""
        heap = self._heap
        for record in self._changed.values():
            if _is_open_in(record, open_records):
                deadline = record.silence_deadline()
                if deadline is not None:
                    heapq.heappush(heap, (deadline, record.seq, record))
        self._changed.clear()
        found: dict[int, IncidentRecord] = {}
        while heap and heap[0][0] < now:
            _, seq, record = heapq.heappop(heap)
            if seq in found or not _is_open_in(record, open_records):
                continue
            deadline = record.silence_deadline()
            if deadline is not None and now > deadline:
                found[seq] = record
        if len(heap) > 4 * len(open_records) + 1024:
            self._rebuild(open_records)
        return sorted(found.values(), key=lambda r: r.open_order)

    def _rebuild(self, open_records: dict[str, IncidentRecord]) -> None:
        self._heap = []
        for record in {id(r): r for r in open_records.values()}.values():
            deadline = record.silence_deadline()
            if deadline is not None:
                self._heap.append((deadline, record.seq, record))
        heapq.heapify(self._heap)


def report_order(record: IncidentRecord) -> tuple[float, int]:
    """Incidents are reported by their start (or opening), then in the order they opened."""
    return timestamp_or_inf(record.start or record.opened_at), record.seq


class ClosedIncidents:
    """Closed incidents in closing order. Membership and removal go by the record itself
    (its ``seq``), in O(1): a reopened or resumed incident may have closed long ago, and
    comparing records field by field, or searching a list, was quadratic over a long log.

    A closed incident that no later line can reach any more (see :meth:`Correlator._cooled`)
    may be moved to disk (:meth:`spill`): only its place in the report order stays in memory.
    Iterating gives the incidents still in memory."""

    __slots__ = ("_records", "_spilled", "_spill")

    def __init__(self) -> None:
        self._records: dict[int, IncidentRecord] = {}
        self._spilled: list[tuple[tuple[float, int], tuple[int, int]]] = []  # (report order, ticket)
        self._spill: BlobSpill | None = None

    def append(self, record: IncidentRecord) -> None:
        self._records[record.seq] = record

    def __contains__(self, record: object) -> bool:
        return isinstance(record, IncidentRecord) and self._records.get(record.seq) is record

    def remove(self, record: IncidentRecord) -> None:
        if record not in self:
            raise ValueError("record is not closed")
        del self._records[record.seq]

    def __iter__(self) -> Iterator[IncidentRecord]:
        return iter(self._records.values())

    def latest(self, count: int) -> list[IncidentRecord]:
        """The last ``count`` incidents to close, in closing order (those still in memory:
        only long-closed incidents are spilled)."""
        return list(itertools.islice(reversed(self._records.values()), count))[::-1]

    def __len__(self) -> int:
        return len(self._records)

    def spill(self, record: IncidentRecord) -> None:
        if record not in self:
            return
        del self._records[record.seq]
        if self._spill is None:
            self._spill = BlobSpill()
        self._spilled.append((report_order(record), self._spill.put(record)))

    def in_report_order(self) -> list[IncidentRecord] | SpilledRecords:
        """Every closed incident, by :func:`report_order`: a list when none was spilled."""
        if not self._spilled:
            return sorted(self._records.values(), key=report_order)
        assert self._spill is not None
        entries: list[tuple[tuple[float, int], IncidentRecord | tuple[int, int]]] = [
            *self._spilled, *((report_order(record), record) for record in self._records.values())]
        entries.sort(key=lambda entry: entry[0])
        return SpilledRecords([place for _, place in entries], self._spill)


class SpilledRecords(Sequence[IncidentRecord]):
    """Closed incidents in report order, those on disk read back one at a time."""

    def __init__(self, places: list[IncidentRecord | tuple[int, int]], spill: BlobSpill) -> None:
        self._places = places
        self._spill = spill

    def __len__(self) -> int:
        return len(self._places)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self._read(place) for place in self._places[index]]
        return self._read(self._places[index])

    def __iter__(self) -> Iterator[IncidentRecord]:
        for place in self._places:
            yield self._read(place)

    def _read(self, place: IncidentRecord | tuple[int, int]) -> IncidentRecord:
        return place if isinstance(place, IncidentRecord) else self._spill.get(place)


@dataclass(slots=True)
class MessageFailures:
    """The failed processings of one inbound message: how many, whether one failed on the reply session's init
    conflict, the first few lines, and the incident they opened."""

    count: int = 0
    conflicted: bool = False
    first: list[Event] = field(default_factory=list)
    incident: str = ""
    counted: tuple[str, int] = ("", 0)

    def count_in(self, event: Event) -> None:
        here = (event.source, event.line)
        if here == self.counted:  # (a line is asked about more than once on its way through)
            return
        self.counted = here
        self.count += 1
        self.conflicted = self.conflicted or event.kind == "session.init_conflict"
        if len(self.first) < REPEATED_MESSAGE_FAILURES:
            self.first.append(event)


class RecentlyClosed(BoundedMap[str, IncidentRecord]):
    """Each session's last closed incident (what a later line may reopen or extend); a
    record displaced from it, by a newer one of its session or by the bound, is handed to
    ``dropped``."""

    def __init__(self, capacity: int, dropped: Callable[[IncidentRecord], None]) -> None:
        super().__init__(capacity)
        self._dropped = dropped

    def set(self, key: str, value: IncidentRecord) -> None:
        previous = self._data.get(key)
        self._data[key] = value
        self._data.move_to_end(key)
        if previous is not None and previous is not value:
            self._dropped(previous)
        if len(self._data) > self.capacity:
            _, oldest = self._data.popitem(last=False)
            self._dropped(oldest)

    def holds(self, record: IncidentRecord) -> bool:
        return self._data.get(record.identity) is record


class Correlator:
    def __init__(self, limits: CorrelatorLimits | None = None, thresholds: Thresholds | None = None) -> None:
        self.limits = limits or CorrelatorLimits()
        # The CLI's last `gateway closed (...)` of each file, until the newest CLI's paragraph saying its request had
        # been sent marks it (DISPATCHED_CLOSE_FIELD).
        self._cli_closes: dict[str, Event] = {}
        self.thresholds = thresholds or DEFAULT_THRESHOLDS
        self.ids = IdentityResolver(self.limits.identity_capacity)
        self._eviction = EvictionQueue()
        self._silences = SilenceQueue()
        self.open: dict[str, IncidentRecord] = OpenIncidents(self._eviction, self._silences)
        self.closed = ClosedIncidents()
        self.evicted_stalls: dict[str, IncidentRecord] = {}  # identity -> its evicted incident, until resumed
        self.last_closed = RecentlyClosed(min(self.limits.recent_closed, self.limits.history_sessions), self._cooled)
        self._cold: deque[IncidentRecord] = deque()  # closed, out of reach of later lines, still in memory
        self.history: BoundedMap[str, deque[Event]] = BoundedMap(self.limits.history_sessions)
        self.unattributed: deque[Event] = deque(maxlen=100)
        self.unnamed_run: deque[Event] = deque(maxlen=UNNAMED_RUN_KEPT)  # see UNNAMED_PROGRESS_KINDS
        self._recall_start: Event | None = None  # an active-memory recall that started and has not finished
        self._kept_private: Event | None = None  # the latest final reply kept private or delivered before a failure
        self._handed_off: Event | None = None  # the latest turn handed to a child run or closed by a terminal tool
        self._interrupted: deque[tuple[str, int]] = deque(maxlen=64)  # run lines a stop was already read as cutting
        self._stopping: Event | None = None  # the process stop under way (a stop signal), until the next start
        self._held_stop: HeldStop | None = None  # a stop whose verdict on the runs in flight waits (see STOP_SETTLES)
        self._open_plugin_tools: deque[Event] = deque(maxlen=PLUGIN_TOOLS_KEPT)  # see PLUGIN_TOOL_CALL_KIND
        self._open_cli_runs: deque[Event] = deque(maxlen=CLI_RUNS_KEPT)  # see events.CLI_RUN_START_KIND
        self._cli_end_seen = False  # a CLI run's own end was logged: the build logs them (see _on_stop_with_cli_run_open)
        self._last_delivered: datetime | None = None  # the last reply delivered (DELIVERED_KINDS)
        self._open_drain: Event | None = None  # a restart's drain with a budget, while no line has told its outcome
        # A restart marker held by no stop (``received SIGUSR1; restarting``) while its drain waits for the work in
        # flight: until the drain's outcome, the process going, or STOP_SETTLES (see _note_end_in_stop_wait)
        self._restart_wait: Event | None = None
        # The longest wait under half the warn threshold on a session's own lane, and how many there were: said (RC14,
        # info) only when the input shows nothing else at all (see finish)
        self._short_wait: tuple[str, Event, Names] | None = None
        self._short_waits = 0
        # Abort-settle timeouts of any session: a lock error that names no session may be the
        # lock that abort leaked (the paste elided the ids that would tie them).
        self.recent_settles: deque[Event] = deque(maxlen=20)
        self.recent_run_timeouts: deque[Event] = deque(maxlen=64)  # (what a failover decision may be the echo of)
        # per transcript, the entry whose meaning the next entry decides (see _after_watched_entry)
        self.transcript_watch: dict[str, Event] = {}
        # per context-engine plugin session, its compaction commit under way (see _plugin_commit)
        self.plugin_commits: dict[str, Event] = {}
        # per run (or, naming none, per session or else per file), the gateway's own compaction start not yet ended,
        # oldest first (see _compaction_pair)
        self.compaction_starts: dict[str, Event] = {}
        # per run, the time of the compaction.slow last filed for it (see _file_slow_compaction)
        self.slow_compactions: dict[str, datetime] = {}
        # per transcript, its failed turns that timed out with nothing produced since its last user message or model
        # output (see _repeated_silent_timeout)
        self.silent_timeouts: dict[str, list[Event]] = {}
        self.recent_overflows: deque[Event] = deque(maxlen=20)
        self.recent_lane_errors: deque[Event] = deque(maxlen=20)  # any lane's, for a failover that names no session
        # the run registry's aborts of a named session, with the names they resolved to (see _aborted_another_session)
        self.recent_aborts: deque[tuple[Event, str, str | None, str | None, str | None]] = deque(maxlen=20)
        self.recent_agent_ends: deque[Event] = deque(maxlen=64)  # (whose error a failover of the same run may echo)
        self._typing_ttl: Event | None = None  # (the last typing indicator out of its TTL: see _silent_cli_exit)
        self._accepted: Event | None = None  # (an accepted inbound message no dispatch has followed yet)
        self._last_skip: tuple[IncidentRecord, Event] | None = None  # (see _skip_ages_beside)
        self._last_start: Event | None = None  # the latest channel start (see _keep_start_beside_fetch_timeouts)
        # per channel account, its provider starts since the gateway last started, restarted or stopped (_start_loop)
        self._provider_starts: dict[str, deque[Event]] = {}
        self.episodes: list[EpisodeRecord] = []
        self.open_episode: EpisodeRecord | None = None
        self.markers: deque[Event] = deque(maxlen=self.limits.markers)
        self._channel_side: deque[Event] = deque(maxlen=CHANNEL_SIDE_KEPT)
        self.pending_timeouts: dict[str, PendingSignal] = {}
        self._other_lines = 0  # lines of the input other than run timeouts, run ends and held lines
        # The run timeout a lane task ended on the model's timeout just closed, with its budget (see
        # _end_run_timeout_by_its_task): the run's other lane (cron and its session lane) ends on the same timeout.
        self._budget_spent: tuple[Event, float] | None = None
        self._pending_due: datetime | None = None  # no pending signal is due before this (a lower bound)
        self.gateway_pids: list[int] = []
        self.now: datetime | None = None
        self._last_transport_failure: dict[str, datetime] = {}
        self._first_ingress_up: dict[str, Event] = {}
        self._accounts_started: dict[str, set[str]] = {}  # (each channel's accounts its ingress starts named so far)
        self._last_sweep: datetime | None = None
        self._seq = 0
        self._episode_seq = 0
        self.evicted = 0
        self.build_hints: Counter[str] = Counter()
        self.heartbeat_seen: datetime | None = None  # the latest line only the diagnostic heartbeat writes
        self._recently_closed: IncidentRecord | None = None
        self._last_trouble: Event | None = None  # the latest gateway-trouble line (a repeat note's subject)
        self.channel_restarts: BoundedMap[str, deque[Event]] = BoundedMap(1000)  # health-monitor restarts per channel
        # A session lane's last few task lines (dequeue, done, error): when its queue keeps growing
        # with nothing dequeued, they say what the lane last did (see _on_lane_enqueue).
        self.lane_tasks: BoundedMap[str, deque[Event]] = BoundedMap(1000)
        # When each session's turns began to be refused for an earlier turn's claim, and were last (_claim_persists).
        self.claim_refusals: BoundedMap[str, tuple[datetime, datetime]] = BoundedMap(1000)
        # The marker (file, line) that closed admission without a time, and the first drain refusal after it.
        self._first_drain_refusal: tuple[tuple[str, int], Event] | None = None
        self.message_failures: BoundedMap[str, MessageFailures] = BoundedMap(1000)
        self._turns_at_budget: BoundedMap[str, int] = BoundedMap(1000)  # session key -> its dispatches at the budget

    # -- feeding --------------------------------------------------------------------

    def feed_all(self, events: Iterable[Event]) -> CorrelationResult:
        for event in events:
            self.feed(event)
        return self.finish()

    def _mark_dispatched_close(self, paragraph: Event) -> None:
        """The newest CLI's "The request was already sent to the gateway, ..." (src/gateway/transport-error.ts) under the
        close it reports, a few lines below it (the connection details, a 1006 close's possible causes): the close came
        after the request went out, after the connect handshake had finished."""
        close = self._cli_closes.pop(paragraph.source, None)
        if close is not None and 0 < paragraph.line - close.line <= DISPATCHED_CLOSE_REACH:
            close.seconds[DISPATCHED_CLOSE_FIELD] = float(paragraph.line - close.line)

    def feed(self, event: Event) -> list[Change]:
        changes: list[Change] = []
        moment = event.time
        if moment is not None and (self.now is None or moment > self.now):
            self.now = moment
            if self._last_sweep is None or moment - self._last_sweep >= SWEEP_EVERY:
                changes.extend(self._sweep())
        kind = event.kind
        if self._held_stop is not None and kind == "gateway.drained":
            # (the drain settled with no timeout before it: the runs in flight at the stop ended or were waited for,
            # whether or not their end is in the lines; "active-work drain settled" after a timeout finds none held)
            self._held_stop = None
        elif self._held_stop is not None and self._stop_settled_by(event):
            changes.extend(self._settle_stop(event))
        if self._restart_wait is not None and (kind == "gateway.drained" or self._stop_settled_by(event)):
            self._restart_wait = None  # (the restart's drain told its outcome, or the process went: the wait is over)
        if self._open_drain is not None and moment is not None:
            changes.extend(self._after_drain_budget(event, moment))
        if kind == "gateway.draining" and event.fields.get("stage") == "draining" and event.seconds.get("timeoutMs") \
                and event.time is not None:
            self._open_drain = event
        if self.transcript_watch:
            if event.shape.endswith(TRANSCRIPT_SHAPE):
                changes.extend(self._after_watched_entry(event))
            elif kind == UNPARSED_KIND:
                # (a line no shape read came next: it may be the very entry that decides, so nothing is decided)
                self.transcript_watch.pop(event.source, None)
        if self.silent_timeouts and event.source in self.silent_timeouts and _transcript_turn_moved_on(event):
            del self.silent_timeouts[event.source]  # (a user message or model output: the held turn's wait ended)
        if kind == "gateway.closed":
            self._cli_closes[event.source] = event
        elif kind == "gateway.request_dispatched":
            self._mark_dispatched_close(event)
        if kind == "generic" and PLUGIN_COMPACTION_NEEDLE in event.message:
            changes.extend(self._plugin_commit(event))
        elif kind == "embedded.compaction":
            changes.extend(self._compaction_pair(event))
        elif kind == "compaction.diag" and slow_finished_compaction_diag(event):
            changes.extend(self._file_slow_compaction(replace(event, kind=SLOW_COMPACTION_KIND)))
        returned = browser_result_in_time(event)
        watched = kind == RESTART_CALL_KIND or returned or context_overflow_failure(event) \
            or (kind == TRANSCRIPT_PROMPT_ERROR_KIND and silent_prompt_failure(event, self.thresholds.warn_seconds))
        if watched and len(self.transcript_watch) < MAX_PENDING:
            self.transcript_watch[event.source] = event
            if returned:  # (a browser call that returned on its short timeout: the entry after it decides)
                return changes
        if kind in ("generic", "unparsed"):
            if kind == "generic" and channel_side_line(event):
                self._note_channel_side(event)
            if kind == "generic":
                self._skip_ages_beside(event)
            return changes
        if kind == PLUGIN_TOOL_CALL_KIND or kind in PLUGIN_TOOL_END_KINDS:
            self._note_plugin_tool(event)  # (nothing else reads them: they count as the generic lines they were)
            return changes
        if kind in HEALER_KINDS:  # (read by the fault count only, stuckscan.unexplained: the generic line it was)
            return changes
        if kind in DELIVERED_KINDS:  # (the channel served after the episode's trouble: the generic line it was else)
            self._note_served(event)
            if event.time is not None:  # (a reply out after a CLI run's start, on a build logging no end: h62)
                self._last_delivered = event.time
            return changes
        if kind == BATCH_KIND:  # lines the fast path's lifecycle lane handles in one go (stuckscan.lifecycle_lane)
            return event.feed_into(self)  # type: ignore[attr-defined,no-any-return]  # (each line counted as fed)
        if self.pending_timeouts and moment is None and kind != NOTE_KIND:
            self._count_paste_lines_after(event)
        if kind != NOTE_KIND and kind not in LONE_TIMEOUT_COMPANIONS:
            if self._failover_after_its_run_timeout(event):
                # (one that states no reason opens no reading of its own: kept beside the timeout, it leaves it lone,
                # lone_run_timeout; one that says reason=timeout is read by RC01 as a timeout failover, as before)
                if event.fields.get("reason", event.fields.get("failoverReason")) is None:
                    event.seconds[RUN_TIMEOUT_ECHO_FIELD] = 1.0
            else:
                self._other_lines += 1  # (a line beside which a run timeout is no longer lone: see _expire_run_timeouts)
        if kind == "liveness.work_item":
            # The liveness monitor's label for work open this long reads as a stall warning; younger work is fine.
            if event.seconds.get("age", 0.0) < self.thresholds.warn_seconds:
                return changes
            event, kind = replace(event, kind="session.stuck"), "session.stuck"
        if kind == "gateway.draining_rejected" and self._refused_while_admitting(event):
            event, kind = replace(event, kind=INBOUND_REFUSED_KIND), INBOUND_REFUSED_KIND
        if kind == NOTE_KIND:
            if event.fields.get("repeats"):
                self._on_repeat_note(event)
            return changes
        if kind == INBOUND_ACCEPTED_KIND:
            if self._accepted is None and event.time is not None:
                self._accepted = event
        elif self._accepted is not None and (kind in SESSION_EVIDENCE_KINDS or kind in SERVING_KINDS
                                             or kind in ATTENTION_LABELS or kind == "lane.enqueue"):
            self._accepted = None  # (the message reached a session: tested only while one waits, every event passes)
        if kind == CHANNEL_START_KIND:
            self._keep_start_beside_fetch_timeouts(event)
            self._keep_start_after_load_failure(event)
            self._start_loop(event)
        elif kind in START_LOOP_BREAKERS:
            self._provider_starts.clear()
        if kind == "channel.typing_ttl":
            self._typing_ttl = event
        elif kind == CLI_SILENT_EXIT_KIND:
            event = _silent_cli_exit(event, self._typing_ttl)
            kind = event.kind
        event = bounded_event(event)
        if kind == "channel.no_listener" and self.open_episode is not None:
            # (a send that failed for lack of a channel listener, kept in the channel's episode: RC18 reads it as the
            # channel still down after a health-monitor restart)
            self.open_episode.evidence.add(event)
        if kind == "plugin.hook_failed" and "timeoutMs" in event.fields and self.open_episode is not None:
            # (a hook out of its in-process budget beside a liveness warning: RC12 reads it as the pause eating it)
            self.open_episode.evidence.add(event)
        if kind in OVERFLOW_KINDS:
            self.recent_overflows.append(event)
        if kind == "embedded.agent_end":
            self.recent_agent_ends.append(event)
        if (kind in UNNAMED_PROGRESS_KINDS and event.time is not None or kind in CLI_BACKEND_KINDS) \
                and self._resolve(event)[0] == UNIDENTIFIED:
            self.unnamed_run.append(event)
        if kind == CLI_RUN_START_KIND or ends_cli_run(event):
            self._note_cli_run(event)
        if kind in HEARTBEAT_PROOF_KINDS and event.time is not None \
                and (self.heartbeat_seen is None or event.time > self.heartbeat_seen):
            self.heartbeat_seen = event.time
        if kind in BUILD_HINT_KINDS:
            self._note_build(event)
        names = self.ids.learn(event)
        if kind in ("lane.task_error", "model.profile_timeout") and self.recent_run_timeouts:
            self._note_cap_echo(event)
        if kind in RUN_HELD_KINDS and self.pending_timeouts:
            self._note_run_held(event, names)
        if kind in ATTENTION_LABELS:
            changes.extend(self._on_attention(event))
        elif kind in RECOVERY_KINDS:
            changes.extend(self._on_recovery(event))
        elif kind == "ws.response" and (compaction_rpc(event) or browser_request_failed(event)):
            changes.extend(self._on_session_evidence(event, names))
        elif kind in SHUTDOWN_CHANNEL_KINDS and self._closed_by_stop(event):
            pass  # (the stop's aftermath: no channel trouble, and the line stays read)
        # (a bare undici fetch failure ending the process joins the channel trouble beside it: RC18 reads it as that
        # channel's exit only when a channel's own network failure is in the episode; alone it stays gateway.crashed)
        elif kind in GATEWAY_TROUBLE_KINDS or (kind == "ws.response" and self._slow_response(event)) \
                or warm_blocked_loop(event) or replay_all_failed(event) or discord_listener_timeout(event) \
                or bare_fetch_crash(event):
            self._on_gateway_trouble(event)
        elif kind in LIFECYCLE_KINDS:
            changes.extend(self._on_lifecycle(event))
        elif kind == "lane.enqueue":
            changes.extend(self._on_lane_enqueue(event))
        elif kind in REPLY_ACCOUNTED_KINDS:
            self._kept_private = event
            return changes
        elif kind == HANDED_OFF_KIND:
            self._handed_off = event
            return changes
        elif kind == LOCK_RELEASED_KIND:
            self._attach_lock_release(event, names)
            return changes
        elif kind == "memory.recall":
            # (a recall that just timed out: its sub-run's failover decision may be logged after its "done")
            timed_out = event.fields.get("stage") == "done" and event.fields.get("status") == "timeout"
            self._recall_start = event if event.fields.get("stage") == "start" or timed_out else None
            return changes
        if (kind in RECALL_LOOKALIKE_KINDS or kind == "embedded.timeout") and self._recall_owns(event, names):
            return changes  # (the recall sub-run's own timeout, too: its budget ran out, the turn went on)
        if kind == "lane.task_error" and self._recall_task_timed_out(event):
            return changes  # (the recall's own lane task, started with it, timing out: the turn went on without it)
        if kind in LANE_TASK_KINDS:
            self._note_lane_task(event)
        if kind == "channel.transport_error" and moment is not None \
                and len(self._last_transport_failure) < MAX_TRANSPORTS_TRACKED:
            self._last_transport_failure[channel_of(event)] = moment
        if kind == INGRESS_BACK_KIND and len(self._first_ingress_up) < MAX_TRANSPORTS_TRACKED:
            self._first_ingress_up.setdefault(channel_of(event), event)
        if kind == INGRESS_BACK_KIND and isinstance(account := event.fields.get("account"), str) and account \
                and len(self._accounts_started) < MAX_TRANSPORTS_TRACKED:
            started = self._accounts_started.setdefault(channel_of(event).split(":", 1)[0].strip(), set())
            if len(started) < 2:
                started.add(account)
            event.seconds[ACCOUNTS_STARTED_FIELD] = float(len(started))
        if (kind in (INGRESS_BACK_KIND, CHANNEL_STABLE_KIND) or kind == RUNNER_STOP_KIND and "stopTimeout" in event.fields) \
                and self.open_episode is not None:
            self.open_episode.evidence.add(event)
        served = None  # (the channel the line names, once read: channels.served_channel)
        if kind in SERVING_KINDS and self.open_episode is not None and moment is not None \
                and self.open_episode.end is not None and moment > self.open_episode.end \
                and not _turned_away_by_drain(event):
            self.open_episode.served_after = moment
            served = served_channel(event)  # (read once: a message processed is served and answered work both)
            note_channel_moment(self.open_episode.served_by, event, moment, channel=served)
        if kind in ANSWERED_KINDS and self.open_episode is not None:
            note_answered(self.open_episode, event, served)
        if kind in PROGRESS_KINDS and self.open_episode is not None:
            note_progress(self.open_episode, event, served)
        if kind == "codex.turn_cut":
            changes.extend(self._on_turn_cut(event, names))
        if kind in SESSION_EVIDENCE_KINDS or (kind == "gateway.reload_required" and reload_waits_on_task_records(event)):
            changes.extend(self._on_session_evidence(event, names))
        event.compact()  # read for the last time here, unless an incident's report reads it again
        return changes

    def _note_served(self, event: Event) -> None:
        """A channel's reply delivered (DELIVERED_KINDS) after the open episode's last trouble line: the channel went on
        working, as a message served (SERVING_KINDS) says of the gateway (``EpisodeRecord.served_after``)."""
        episode, moment = self.open_episode, event.time
        if episode is not None and moment is not None and episode.end is not None and moment > episode.end:
            episode.served_after = moment
            note_channel_moment(episode.served_by, event, moment)

    def _refused_while_admitting(self, event: Event) -> bool:
        """A channel's handling of an inbound message refused with GatewayDrainingError ("[line] auto-reply failed:
        GatewayDrainingError: Gateway is draining; new tasks are not accepted") while nothing in the lines closed the
        gateway's admission (no restart signal, drain, stop or suspension since the process last started): the
        channel's work inherited an admission already released, as webhook work that outlives its HTTP request did
        from 2026.7 (#107732, #108135), and every message of that channel meets the same refusal. A refusal that says
        "for restart" names a real drain."""
        if channel_subsystem(event.subsystem) is None or "for restart" in event.message.lower():
            return False
        for marker in reversed(self.markers):
            if marker.kind in STARTED_KINDS or (marker.kind == "gateway.admission"
                                                and marker.fields.get("stage") == "reopened"):
                return True
            if marker.kind in ADMISSION_CLOSING_KINDS or marker.kind == "gateway.admission":
                return False
        return True

    def _recall_task_timed_out(self, event: Event) -> bool:
        """A lane task's ``CommandLaneTaskTimeoutError: ... task timed out after Nms`` logged while an active-memory
        recall runs, for a task that started no earlier than the recall did (its N ms reach back to the recall's start,
        not before it): the recall sub-run's own task hitting the recall's budget (labelling policy "active-memory
        recall timeout is a side-run budget"). The user's turn, whose prompt build waits on the recall, started
        before it."""
        start = self._recall_start
        if start is None or start.fields.get("stage") != "start" or start.time is None or event.time is None:
            return False
        if ":active-memory:" not in str(event.fields.get("lane", "")) and str(event.fields.get("lane", "")) \
                .startswith("session:"):
            return False  # (a session's own lane: the user's turn)
        found = _LANE_TASK_TIMED_OUT.search(event.message)
        if found is None:
            return False
        began = event.time - timedelta(milliseconds=int(found.group(1)))
        return start.time - RECALL_TASK_SLACK <= began and event.time - start.time <= RECALL_REACH

    def _recall_owns(self, event: Event, names: Names | None) -> bool:
        """Whether a failover or fallback decision (or a run timeout) is the active-memory recall sub-run's (its run
        is named ``active-memory-…``, or it names no run while a recall is running): that run has its
        own short budget, and its timeout only skips the memory context of the user's turn."""
        run_id = event.fields.get("runId")
        if isinstance(run_id, str) and run_id.startswith("active-memory"):
            return True
        start = self._recall_start
        if start is None or names is None or any(names):
            return False
        if start.time is not None and event.time is not None:
            return event.time - start.time <= RECALL_REACH  # a recall runs seconds; a missing "done" must not last
        return start.source == event.source and 0 < event.line - start.line <= RECALL_REACH_LINES

    def tick(self, now: datetime) -> list[Change]:
        """Let wall-clock time pass without new lines (live mode): silences can close incidents."""
        if self.now is not None and now <= self.now:
            return []
        self.now = now
        held = self._held_stop
        settled = self._settle_stop() if held is not None and held.stop.time is not None \
            and now - held.stop.time > STOP_SETTLES else []
        return settled + self._sweep()

    def _after_drain_budget(self, event: Event, moment: datetime) -> list[Change]:
        """A restart's drain whose budget passed with no line saying it drained: the restart went ahead with the work
        still active, as "drain timeout reached; proceeding with restart" says at warn level, a level a gateway's
        stdout log leaves out (f4582: the shutdown 30 s after "draining 2 active task(s) before restart (timeout
        30000ms)"). The drain line then stands for that timeout, when the next line comes at the budget's end. A
        lifecycle line inside the budget (the restart's mode, a new process's start) says the drain ended in time."""
        drain = self._open_drain
        assert drain is not None and drain.time is not None
        if event.kind in ("gateway.drained", "gateway.drain_timeout"):
            self._open_drain = None
            return []
        deadline = drain.time + timedelta(seconds=drain.seconds["timeoutMs"])
        if moment < deadline:
            if event.kind in LIFECYCLE_KINDS and event.kind != "gateway.draining":
                self._open_drain = None  # (the restart went on inside the budget: the drain ended in time)
            return []
        self._open_drain = None
        if moment - deadline > DRAIN_PROCEEDS_SLACK:
            return []  # (the log went quiet past the budget: nothing says when or how the drain ended)
        return self.feed(replace(drain, kind="gateway.drain_timeout",
                                 fields={**drain.fields, "budgetPassed": True}))

    def finish(self) -> CorrelationResult:
        if self._held_stop is not None:
            self._settle_stop(at_end=True)  # (the input ends: a run the stop left open is not shown finishing)
        self._sweep(final=True)
        self._expire_run_timeouts(final=True)
        for held in list(self.transcript_watch.values()):  # (a prompt failure the transcript ends on: nothing followed)
            if held.kind == TRANSCRIPT_PROMPT_ERROR_KIND:
                self._on_session_evidence(replace(held, kind=SILENT_PROMPT_KIND))
            elif browser_result_in_time(held) and not self._fault_from(held.source):
                # (a browser result the transcript ends on: no next step shown. A fault the same transcript already
                # showed, its run cut by its own restart, is labelled from its own lines: the call returned)
                self._on_session_evidence(held)
        self.transcript_watch.clear()
        accepted = self._accepted
        if accepted is not None and accepted.time is not None and self.now is not None and not self.open \
                and self.now - accepted.time >= INBOUND_SILENCE:
            self._on_gateway_trouble(replace(accepted, kind=INBOUND_UNSERVED_KIND))
        for record in list(self.open.values()):
            self._close(record, RecordStatus.END_OF_INPUT, None, "still stuck when the log ends")
        if self._short_wait is not None and not self._seq and not self.episodes and self.open_episode is None:
            self._say_short_wait(*self._short_wait)
        if self.open_episode is not None:
            self.episodes.append(self.open_episode)
            self.open_episode = None
        for episode in self.episodes:
            episode.log_end, episode.last_transport_failure = self.now, self._last_transport_failure
            episode.first_ingress_up = self._first_ingress_up
        return CorrelationResult(
            incidents=self.closed.in_report_order(),
            episodes=self.episodes,
            markers=list(self.markers),
            gateway_pids=self.gateway_pids,
            evicted=self.evicted,
            build_hints=self.build_hints,
        )

    # -- session attention ------------------------------------------------------------

    def _on_attention(self, event: Event) -> list[Change]:
        identity, key, session_id, run_id = self._resolve(event)
        if identity == UNIDENTIFIED:
            identity = self._unnamed_stall(event)
        changes: list[Change] = []
        record = self._find_open(identity, key, session_id, run_id)
        if record is not None and _stall_began_after(record, event):
            self._close(record, self._moved_on_status(record, event), event, MOVED_ON)
            record.end = record.last_warning  # (when it moved on is not logged: the stall counts to its last warning)
            changes.append(Change("closed", record, "the session moved on between warnings"))
            record = self._adopt_unidentified(identity, event)
        elif record is None and self._moved_on_since_silence(identity, event):
            record = self._adopt_unidentified(identity, event)
        else:
            record = record or self._reopen_if_late(identity, event) or self._adopt_unidentified(identity, event)
        if record is None:
            record = self._resume_evicted(identity, event)
            if record is not None:
                changes.append(Change("reopened", record, "an evicted incident's stall warned again"))
        if record is None:
            record = self._reopen_if_same_stall(identity, event)
            if record is not None:
                changes.append(Change("reopened", record, "warnings resumed for the same stall"))
        if record is None:
            record = self._open(identity, "warning", event)
            changes.append(Change("opened", record, f"{ATTENTION_LABELS[event.kind]} session warning"))
        self._fill_names(record, key, session_id, run_id)
        before_age = record.max_age
        self._add_warning(record, event)
        abort = self.thresholds.abort_seconds
        if before_age < abort <= record.max_age:
            changes.append(Change("escalated", record, f"passed the abort threshold ({abort:g} s)"))
        for recovery in record.recoveries:
            if not recovery.decided and recovery.acted and _warned_after(recovery, event):
                recovery.verdict = RecoveryVerdict.NOT_FREED
                recovery.verdict_reason = (f"stall warnings continued ({_clock(event.time)})" if event.time
                                           else "stall warnings continued (a later line)")
                recovery.decided = True
                changes.append(Change("escalated", record, "recovery did not free the session"))
        return changes

    def _add_warning(self, record: IncidentRecord, event: Event) -> None:
        record.evidence.add(event)
        record.warning_count += 1
        age = event.seconds.get("age")
        moment = event.time or self.now
        if moment is not None:
            if record.last_warning is not None:
                gap = moment - record.last_warning
                if gap > timedelta(0) and (record.min_warning_gap is None or gap < record.min_warning_gap):
                    record.min_warning_gap = gap
            if record.first_warning is None or moment < record.first_warning:
                record.first_warning = moment
            if record.last_warning is None or moment >= record.last_warning:
                record.last_warning = moment
                record.last_warning_age = age or 0.0
            if age is not None:
                stall_start = moment - timedelta(seconds=age)
                if record.start is None or stall_start < record.start:
                    record.start = stall_start
            progress_age = event.seconds.get("lastProgressAge")
            if progress_age is not None:
                progress = moment - timedelta(seconds=progress_age)
                if record.last_progress is None or progress > record.last_progress:
                    record.last_progress = progress
            record.last_activity = max(record.last_activity or moment, moment)
        if age is not None:
            record.max_age = max(record.max_age, age)
        depth = event.fields.get("queueDepth")
        if isinstance(depth, int) and not isinstance(depth, bool):
            record.max_queue_depth = max(record.max_queue_depth, depth)
            record.queue_seen = True
        record.labels[ATTENTION_LABELS[event.kind]] = None
        for field_name, bucket in (
            ("classification", record.classifications), ("reason", record.reasons),
            ("lastProgress", record.progress_values), ("activeWorkKind", record.work_kinds),
            ("activeTool", record.tools),
        ):
            value = event.fields.get(field_name)
            if isinstance(value, str) and value and len(bucket) < 20:
                bucket[value] = None
        self._silences.changed(record)

    def _unnamed_stall(self, event: Event) -> str:
        """A warning that names no usable session (its ids redacted, say) is told apart from
        other such stalls by when its stall began (time minus ``age``), not merged with them."""
        age = event.seconds.get("age")
        if age is None or event.time is None:
            return UNIDENTIFIED
        start = event.time - timedelta(seconds=age)
        for identity, record in self.open.items():
            if identity.startswith(UNIDENTIFIED + "@") and record.start is not None \
                    and abs(record.start - start) <= SAME_STALL_SLACK:
                return identity
        return f"{UNIDENTIFIED}@{start.isoformat()}"

    def _moved_on_since_silence(self, identity: str, event: Event) -> bool:
        """A warning that dates a new stall from after the last warning of the session's silence-closed incident: the
        session made progress in between, so that incident cleared (healthy) rather than went quiet, and this warning
        starts another instead of continuing it."""
        previous = self.last_closed.get(identity)
        if previous is None or previous.status is not RecordStatus.SILENT or not _stall_began_after(previous, event):
            return False
        previous.status, previous.closed_by, previous.close_reason = self._moved_on_status(previous, event), event, MOVED_ON
        return True

    def _moved_on_status(self, record: IncidentRecord, later: Event) -> RecordStatus:
        """How an incident whose session moved on (see _stall_began_after) ended: healthy when the new stall began
        before the old one could have reached the abort threshold (it cleared by itself in time), else silent: it
        ended at a moment no line gives, maybe after the threshold."""
        began = _stall_start(later)
        if record.start is not None and began is not None \
                and (began - record.start).total_seconds() < self.thresholds.abort_seconds:
            return RecordStatus.HEALTHY
        if _ended_before_next_tick(record, self.thresholds):
            return RecordStatus.HEALTHY
        return RecordStatus.SILENT

    def _reopen_if_same_stall(self, identity: str, event: Event) -> IncidentRecord | None:
        """A warning after a silence-closed incident whose age says the stall never ended."""
        previous = self.last_closed.get(identity)
        if previous is None or previous.status is not RecordStatus.SILENT or previous.start is None:
            return None
        start = _stall_start(event)
        if start is None or abs(start - previous.start) > SAME_STALL_SLACK:
            return None
        return self._reopen(previous, identity)

    def _reopen_if_late(self, identity: str, event: Event) -> IncidentRecord | None:
        """A line of this session that was read late (its own time is before the moment the
        incident's silence ran out, measured on another session's clock) continues it."""
        previous = self.last_closed.get(identity)
        if previous is None or previous.status is not RecordStatus.SILENT or event.time is None:
            return None
        deadline = previous.silence_deadline()
        if deadline is None or event.time > deadline:
            return None
        return self._reopen(previous, identity)

    def _reopen(self, previous: IncidentRecord, identity: str) -> IncidentRecord:
        previous.status, previous.end, previous.closed_by, previous.close_reason = RecordStatus.OPEN, None, None, ""
        previous.lines_after_close = 0
        if previous in self.closed:
            self.closed.remove(previous)
        self.open[identity] = previous
        return previous

    # -- recovery ---------------------------------------------------------------------

    def _on_recovery(self, event: Event) -> list[Change]:
        identity, key, session_id, run_id = self._resolve(event)
        changes: list[Change] = []
        record = self._find_open(identity, key, session_id, run_id) or self._reopen_if_late(identity, event) \
            or self._adopt_unidentified(identity, event) or self._resume_evicted(identity, event)
        if record is None:
            record = self._join_closed(identity, event)
            if record is not None and not record.is_open:  # the recovery's own cleanup closed it a moment ago
                return self._attach_recovery(record, event, changes)
        if record is None:
            record = self._open(identity, "recovery", event)
            changes.append(Change("opened", record, "recovery line without a prior warning"))
        self._fill_names(record, key, session_id, run_id)
        record.evidence.add(event)
        self._touch(record, event)
        if event.kind == BREAKER_KIND:
            self._note_breaker(record, event)
        attempts_before = len(record.recoveries)
        recovery = self._recovery_for(record, event)
        recovery.events.append(event)
        self._read_recovery(record, recovery, event)
        self._judge_earlier_recoveries(record, recovery)
        self._last_skip = (record, event) if recovery.status == "skipped" else None
        if recovery.status in ("skipped", "noop"):
            recovery.verdict, recovery.decided = RecoveryVerdict.SKIPPED, True
            recovery.verdict_reason = f"recovery skipped ({recovery.reason or 'no reason given'})"
        elif recovery.status == "failed":
            recovery.verdict, recovery.decided = RecoveryVerdict.FAILED, True
            recovery.verdict_reason = f"recovery failed ({recovery.reason})"
            if recovery.action == "fail_worker_turn":  # (n54 review: what the outcome does, in its own terms)
                recovery.verdict_reason = ("the turn's placement worker had ended (terminal_worker): the recovery failed "
                                           "the turn with the worker's error, and the turn unwinds its reply and lane")
        elif recovery.status == "not_aborted":  # (read as RC06 reads released=0 beside queued work)
            recovery.verdict, recovery.decided = RecoveryVerdict.NOT_FREED, True
            recovery.verdict_reason = (f"the circuit breaker could not abort the active run (aborted=false): it kept "
                                       f"its lane with {recovery.queue_depth or 'its'} message(s) still queued")
        else:
            recovery.decided = False
        self._silences.changed(record)  # its last recovery check moves the silence deadline
        if len(record.recoveries) > attempts_before:  # an outcome line completes the attempt before it
            changes.append(Change("recovery", record, recovery.action or recovery.status or "recovery"))
        return changes

    @staticmethod
    def _note_breaker(record: IncidentRecord, event: Event) -> None:
        """The circuit breaker as the stall detection it is: its queued messages waited at least BREAKER_WAIT behind
        the run, so the stall began at least that long before it (as a warning's ``age`` dates one), and its
        ``queueDepth`` is work waiting on the session."""
        if event.time is not None:
            began = event.time - BREAKER_WAIT
            if record.start is None or began < record.start:
                record.start = began
        record.max_age = max(record.max_age, BREAKER_WAIT.total_seconds())
        depth = event.fields.get("queueDepth")
        if isinstance(depth, int) and not isinstance(depth, bool):
            record.max_queue_depth = max(record.max_queue_depth, depth)
            record.queue_seen = True

    @staticmethod
    def _judge_earlier_recoveries(record: IncidentRecord, latest: RecoveryRecord) -> None:
        """An earlier acted recovery that is followed by keep-lane/observe-only skips (the
        session still had active work) or by another acted recovery did not free it."""
        if latest.status not in ("skipped", "noop") and not latest.acted:
            return
        for earlier in record.recoveries:
            if earlier is latest or not earlier.acted or earlier.decided and earlier.verdict is not RecoveryVerdict.FREED:
                continue
            if earlier.time is None and latest.time is None:
                if not _later_line(earlier, latest):  # an untimed paste: the order of its lines is all there is
                    continue
            elif earlier.time is None or latest.time is None or latest.time <= earlier.time + timedelta(seconds=20):
                continue
            earlier.verdict = RecoveryVerdict.NOT_FREED
            later = f"({_clock(latest.time)})" if latest.time else "(a later line)"
            earlier.verdict_reason = ("only keep-lane/observe-only skips followed: the session still had active work"
                                      if not latest.acted else f"another recovery had to run {later}")
            earlier.decided = True

    @staticmethod
    def _read_recovery(record: IncidentRecord, recovery: RecoveryRecord, event: Event) -> None:
        """What one recovery line says: action, status, reason, the abort flags, counts."""
        fields = event.fields
        if event.kind == "recovery.action":
            recovery.action = _str(fields.get("action")) or recovery.action
            recovery.status = recovery.status or "acted"
        elif event.kind == "recovery.outcome":
            recovery.status = _str(fields.get("status"))
            recovery.action = _str(fields.get("action")) or recovery.action
            recovery.reason = _str(fields.get("reason")) or recovery.reason
            if recovery.status == "released" and _str(fields.get("reason")) == "no_active_work" \
                    and fields.get("released") in (0, None):
                # The newest builds word the no-op as a release of nothing (`status=released action=release_lane
                # ... reason=no_active_work released=0`, w53): recovery found no work and cleared the stale state.
                # That build writes the reason only when nothing was released; a line that released lane tasks
                # (`released=1`) freed queued work and stays a release.
                recovery.status = "noop"
        elif event.kind in ("recovery.skipped", "recovery.noop"):
            recovery.status = recovery.status or ("skipped" if event.kind == "recovery.skipped" else "noop")
            recovery.reason = _str(fields.get("reason")) or recovery.reason
        elif event.kind == "recovery.reclaiming":
            recovery.action = f"reclaim_stale_{_str(fields.get('target')) or 'owner'}".replace(" ", "_")
            recovery.status = "acted"
        elif event.kind == "recovery.failed":
            recovery.status = "failed"
            recovery.reason = _str(fields.get("err")) or "exception"
        elif event.kind == BREAKER_KIND:  # (it tries to abort the run: aborted=false, the run kept its lane)
            recovery.action = "circuit_breaker_abort"
            recovery.status = "aborted" if fields.get("aborted") is True else "not_aborted"
        for name, attribute in (("aborted", "aborted"), ("drained", "drained"), ("forceCleared", "force_cleared")):
            value = fields.get(name)
            if isinstance(value, bool):
                setattr(recovery, attribute, value)
        released = fields.get("released")
        if isinstance(released, int) and not isinstance(released, bool):
            recovery.released = released
        depth = fields.get("queueDepth", fields.get("queuedCount"))
        if isinstance(depth, int) and not isinstance(depth, bool):
            recovery.queue_depth = depth
        elif recovery.queue_depth is None and record.queue_seen:
            recovery.queue_depth = record.max_queue_depth

    def _recovery_for(self, record: IncidentRecord, event: Event) -> RecoveryRecord:
        """Pair an outcome line with the action line just before it."""
        moment = event.time or self.now
        if record.recoveries and event.kind == "recovery.outcome":
            last = record.recoveries[-1]
            same_time = last.time is None or moment is None or abs(moment - last.time) <= timedelta(seconds=20)
            if same_time and not any(e.kind == "recovery.outcome" for e in last.events):
                return last
        if record.recoveries and event.kind == "recovery.outcome" and _str(event.fields.get("status")) == "skipped":
            last = record.recoveries[-1]
            if last.status == "skipped" and not any(e.kind == "recovery.outcome" for e in last.events):
                return last
        recovery = RecoveryRecord(time=moment)
        if len(record.recoveries) < 100:
            record.recoveries.append(recovery)
        return recovery

    def _join_closed(self, identity: str, event: Event) -> IncidentRecord | None:
        """The closed incident a recovery line belongs to, reopened unless it closed healthy
        just before (the recovery's abort cleared the run, and its cleanup lines came first).

        A recovery belongs to it when its ``age`` puts the stall's start within a heartbeat or
        two of the incident's start; when it comes within a heartbeat of the close; or when
        the incident closed only because its warnings went quiet and this is the session's
        next line (silence then a recovery: the stall never ended)."""
        previous = self.last_closed.get(identity)
        if previous is None or event.time is None or previous.status in (RecordStatus.EVICTED, RecordStatus.RESTART):
            return None
        same_stall = self._same_stall(previous, event)
        just_after = previous.end is not None and event.time <= previous.end + HEARTBEAT
        silence_then_recovery = previous.status is RecordStatus.SILENT and previous.lines_after_close == 0 \
            and previous.end is not None and event.time <= previous.end + PRELUDE_WINDOW
        if not (same_stall or just_after or silence_then_recovery):
            return None
        if previous.status is RecordStatus.HEALTHY and just_after:
            return previous
        return self._reopen(previous, identity)

    @staticmethod
    def _same_stall(previous: IncidentRecord, event: Event, slack: timedelta = SAME_STALL_SLACK) -> bool:
        """Whether the event's ``age`` (or ``lastProgressAge``) dates its stall to ``previous``'s."""
        if previous.start is None or event.time is None:
            return False
        for name, reference in (("age", previous.start), ("lastProgressAge", previous.last_progress)):
            seconds = event.seconds.get(name)
            if seconds is not None and reference is not None:
                return abs(event.time - timedelta(seconds=seconds) - reference) <= slack
        return False

    def _resume_evicted(self, identity: str, event: Event) -> IncidentRecord | None:
        """The evicted incident of this session, open again, when the line dates its stall to
        the same start (within a heartbeat): an eviction made room, it did not end the stall,
        so the stall stays one incident (its close reason says it was evicted and resumed)."""
        previous = self.evicted_stalls.get(identity)
        if previous is None or previous.status is not RecordStatus.EVICTED \
                or not self._same_stall(previous, event, HEARTBEAT):
            return None
        del self.evicted_stalls[identity]
        self.evicted -= 1
        previous.resumed += 1
        if len(self.open) >= self.limits.max_open_incidents:
            self._evict_oldest()
        return self._reopen(previous, identity)

    def _attach_recovery(self, record: IncidentRecord, event: Event, changes: list[Change]) -> list[Change]:
        """A recovery line for an incident that its own abort already closed healthy."""
        record.evidence.add(event)
        recovery = self._recovery_for(record, event)
        recovery.events.append(event)
        self._read_recovery(record, recovery, event)
        recovery.decided = False
        self._last_skip = (record, event) if recovery.status == "skipped" else None
        self._decide_recoveries(record)
        changes.append(Change("recovery", record, recovery.action or recovery.status or "recovery"))
        return changes

    def _skip_ages_beside(self, event: Event) -> None:
        """A line right under a recovery skip that quotes the skip's age at several ticks (``age=289s, 385s``): kept
        with the skip's incident, where RC05 reads the skip as repeated (labelling policy "one keep-lane recovery
        skip")."""
        if self._last_skip is None:
            return
        record, skip = self._last_skip
        if event.source == skip.source and event.line == skip.line + 1 and len(quoted_ages(event.message)) >= 2:
            record.evidence.add(replace(event, kind=SKIP_AGES_KIND))
        self._last_skip = None

    # -- session evidence and healthy signals ----------------------------------------

    def _adopt_unidentified(self, identity: str, event: Event) -> IncidentRecord | None:
        """A warning or recovery line that names no session (its ids elided in a paste, or
        ``unknown``): the incident its ``age`` dates it to; else, with one incident open, that one."""
        if not (identity.startswith(UNIDENTIFIED) or is_line_only(identity)):
            return None
        open_records = list({id(r): r for r in self.open.values()}.values())
        recent = self._recently_closed
        candidates = open_records + ([recent] if recent is not None and not recent.is_open else [])
        dated = [r for r in candidates if self._same_stall(r, event)]
        if len(dated) == 1:
            chosen = dated[0]
            return chosen if chosen.is_open else self._reopen(chosen, chosen.identity)
        if len(open_records) == 1 and not self._dated_elsewhere(open_records[0], event):
            return open_records[0]
        return None

    @staticmethod
    def _dated_elsewhere(record: IncidentRecord, event: Event) -> bool:
        """Whether the event's ``age`` puts its stall's start away from ``record``'s: another
        stall (two sessions whose ids were both redacted are not one incident)."""
        age = event.seconds.get("age")
        if age is None or event.time is None or record.start is None:
            return False
        return abs(event.time - timedelta(seconds=age) - record.start) > SAME_STALL_SLACK

    def _resolve(self, event: Event) -> tuple[str, str | None, str | None, str | None]:
        key, session_id, run_id = self.ids.resolve(event)
        return identity_of(key, session_id, run_id) or UNIDENTIFIED, key, session_id, run_id

    def _on_session_evidence(self, event: Event, names: Names | None = None) -> list[Change]:
        if main_session_resumed(event):
            self._heal_main_recovery(event)
        key, session_id, run_id = self.ids.resolve(event, names)
        identity = identity_of(key, session_id, run_id)
        if identity is None:
            if event.kind == "compaction.timeout_recovery" and self._join_run_timeout(event):
                return []
            if event.kind == "model.profile_timeout":
                handled = self._profile_timeout_of_run(event)
                if handled is not None:
                    return handled
            if event.kind == "run.timed_out_no_reply":
                self._end_run_timeout_by_its_reply(event)
            self._note_pending(event, None, None)  # a timeout or compaction whose ids a paste elided
            return self._on_unattributed(event)
        history = self.history.get(identity)
        if history is None:
            history = deque(maxlen=self.limits.history_per_session)
            self.history.set(identity, history)
        if event.kind == "embedded.agent_end" and run_id is not None:
            _note_run_wait(event, history, run_id)
        if event.kind == "embedded.timeout" and run_id is not None:
            self._note_busy_at_cap(event, identity, key, session_id, run_id)
        history.append(event)
        if event.kind == "run.aborting":
            self.recent_aborts.append((event, identity, key, session_id, run_id))
        if event.kind in RECOVERY_SIDE_EFFECT_KINDS and event.kind != "lock.stale_removed":
            self.recent_settles.append(event)
        changes: list[Change] = []
        self._note_pending(event, identity, run_id)
        cleanup = self._is_cleanup(event)
        if cleanup:
            self._clear_run_timeouts(identity, run_id, event)
            self._discard_unattributed(event)
        elif event.kind == "run.cleanup":  # (the timed-out attempt unwound: its timeout was cleaned up, not left)
            self._clear_run_timeouts(identity, run_id, event)
        elif event.kind in NEXT_RUN_KINDS and run_id is not None:
            self._end_timeouts_by_next_run(event, identity, run_id)
        if (cleanup or event.kind == "run.cleanup") and is_line_only(identity):
            self._clear_masked_run_timeout(event)
        record = self._find_open(identity, key, session_id, run_id)
        if record is None and event.kind in RECOVERY_SIDE_EFFECT_KINDS:
            record = self._reopen_after_silence(identity, event)
        signal = self._signal(event) or self._still_active(history, event)
        if record is None and signal and event.kind == "lane.wait_exceeded" and self._attach_trailing(identity, event):
            return changes
        if record is None and signal:
            record = self._reopen_if_late(identity, event)
        if record is None and signal:
            record = self._message_incident(event)
        if record is None and signal:
            record = self._open(identity, "lock_error" if self._opens_incident(event) else "signal", event)
            record.prelude.extend(self._first_refusal_of_drain(event))
            record.prelude.extend(self._earlier_silent_timeout(event))
            changes.append(Change("opened", record, signal))
            self._note_message_incident(event, record)
        if record is None:
            if event.kind == "lane.wait_exceeded" and "laneSessionKey" in event.fields:
                self._note_short_wait(identity, event, (key, session_id, run_id))
            self._attach_trailing(identity, event)
            previous = self.last_closed.get(identity)
            if previous is not None:
                previous.lines_after_close += 1
                self._note_end_in_stop_wait(previous, event)
            return changes
        self._fill_names(record, key, session_id, run_id)
        record.evidence.add(event)
        self._touch(record, event)
        if self._opens_incident(event):
            record.lock_failures += 1
        self._note_model(record, event)
        tool = event.fields.get("tool")
        if isinstance(tool, str) and event.kind.startswith("embedded.tool"):
            record.tools[tool] = None
        if self._premature_timeout(record, event):
            del self.open[record.identity]  # the cleanup came in time; it was only read late
            return changes
        if subagent_orphan_resumed(event) and self._only_orphans_found(record):
            # ("resumed orphaned session: <key>" after "found orphaned subagent session: <key> (run=...)": the child run
            # the restart cut was resumed, so the restart cost nothing, as a main-session recovery with failed=0)
            del self.open[record.identity]
            return changes
        if self._is_healthy(event, record):
            if record.opened_by == "signal" and retry_healed_idle_timeouts(record, event, self._runs_under_way, self._run_ended_well_since):
                # (an idle timeout the runner retried on the same model, the run then ending well: no hang)
                del self.open[record.identity]
                return changes
            self._close(record, RecordStatus.HEALTHY, event, f"{_describe_healthy(event)}")
            changes.append(Change("closed", record, record.close_reason))
        return changes

    def _note_end_in_stop_wait(self, record: IncidentRecord, event: Event) -> None:
        """Keep on ``record`` a tool's end or its run's normal end that came after a restart marker closed it while a
        stop was held (the process not yet gone, within STOP_SETTLES of the signal), or while a restart held by no stop
        (SIGUSR1) still drained (no outcome line yet): the wait let the work the stall was on finish, so the rules do
        not say it never returned. The record's status and end stay."""
        wait = self._stop_wait_marker()
        if wait is None or record.status is not RecordStatus.RESTART or len(record.ended_in_stop_wait) >= 4 \
                or not (event.kind == "embedded.tool_end" or finished_normally(event)):
            return
        stop = wait.time
        if record.end is None or stop is None or event.time is None or record.end < stop or event.time < record.end:
            return
        record.ended_in_stop_wait.append(bounded_event(event))

    def _reopen_after_silence(self, identity: str, event: Event) -> IncidentRecord | None:
        """An abort-settle timeout or a stale-lock removal as the session's next line after its
        warnings went quiet: recovery was under way, so the stall had not ended."""
        previous = self.last_closed.get(identity)
        if previous is None or previous.status is not RecordStatus.SILENT or previous.lines_after_close \
                or previous.end is None or event.time is None or event.time > previous.end + PRELUDE_WINDOW:
            return None
        return self._reopen(previous, identity)

    def _attach_trailing(self, identity: str, event: Event) -> bool:
        """Evidence logged just after a session recovered (the queued message finally
        dequeued, the lane wait it reports) belongs to the incident that just closed."""
        previous = self.last_closed.get(identity)
        if previous is None or previous.end is None or event.time is None:
            return False
        if previous.end <= event.time <= previous.end + TRAILING_EVIDENCE and event.kind in TRAILING_KINDS:
            previous.evidence.add(event)
            return True
        return False

    def _on_unattributed(self, event: Event) -> list[Change]:
        """Session evidence that names no session: tie it to the one open incident, if only one;
        a fault signal with no incident open at all opens a gateway-wide finding."""
        if event.kind == "restart.recovery" and restart_recovery_clean(event):
            if self._only_lines_of_recovery(self.open.get(UNATTRIBUTED), event):
                self._discard_unattributed(event)  # every session it marked was resumed: the restart cost nothing
            if event.message.startswith(SUBAGENT_RECOVERY_SUMMARY):
                self._discard_found_orphans(event)
            else:
                self._heal_main_recovery(event)
            return []
        if event.kind not in TIME_ATTRIBUTABLE_KINDS and not self._signal(event):
            return []
        if event.kind == "run.request_aborted" and self._aborted_another_session(event):
            return []  # (that session's turn failing on its abort, e.g. a user's /stop on older builds: no stall's)
        lane = event.fields.get("lane")
        if event.kind == "lane.wait_exceeded" and isinstance(lane, str) and lane:
            if lane.startswith("session:") and self._attach_redacted_session_lane(event):
                return []
            return self._on_lane_signal(event, f"lane:{lane}")
        if len(self.open) == 1:
            record = next(iter(self.open.values()))
            record.evidence.add(event)
            self._touch(record, event)
            if record.identity == UNATTRIBUTED:
                # (a finding that names no session owns its lines only until a session proves to: a session's stall
                # opened later reads them too, an end line with the start it ends)
                self.unattributed.append(event)
            return []
        self.unattributed.append(event)
        signal = self._signal(event)
        if not signal or self.open:
            return []
        record = self._open(UNATTRIBUTED, "signal", event)
        if self._opens_incident(event) and event.time is not None:
            record.prelude.extend(e for e in self.recent_settles if e.time and e.time <= event.time
                                  and event.time - e.time <= EPISODE_GAP)
        if event.kind in ("model.fallback_decision", "embedded.failover"):
            record.prelude.extend(self._lane_failures_beside(event))
        elif event.kind == "compaction.diag":
            record.prelude.extend(self._overflows_before(event))
        record.prelude.extend(self._first_refusal_of_drain(event))
        record.prelude.extend(self._earlier_silent_timeout(event))
        record.evidence.add(event)
        self._touch(record, event)
        if event.kind == "transcript.turn_ended":  # (a call that answered after its silence: the answer ended it)
            self._close(record, RecordStatus.HEALTHY, event, _describe_healthy(event))
            return [Change("opened", record, signal), Change("closed", record, record.close_reason)]
        return [Change("opened", record, signal)]

    def _aborted_another_session(self, event: Event) -> bool:
        """Whether ``event`` (a turn failed before its reply on its aborted request, naming no session) came within
        :data:`ABORT_FAILS_TURN` after the run registry aborted a named session's run, and none of the aborts then
        named a session an open incident is: the failure is the aborted run's (on older builds a user's /stop writes
        it), not evidence for another session's stall. An abort that named the open incident's own session, or no
        abort at all, leaves it read by time as before."""
        if event.time is None:
            return False
        aborts = [names for names in self.recent_aborts
                  if names[0].time is not None and timedelta(0) <= event.time - names[0].time <= ABORT_FAILS_TURN]
        return bool(aborts) and not any(self._names_an_open_incident(identity, key, session_id, run_id)
                                        for _, identity, key, session_id, run_id in aborts)

    def _names_an_open_incident(self, identity: str, key: str | None, session_id: str | None,
                                run_id: str | None) -> bool:
        if any(alias in self.open for alias in self._aliases(identity, key, session_id, run_id)):
            return True
        return any(key and record.session_key == key or session_id and record.session_id == session_id
                   or run_id and run_id in record.run_ids for record in self.open.values())

    def _overflows_before(self, event: Event) -> list[Event]:
        """The context overflows of the same session (or of one a paste did not name) shortly before ``event``, both
        timed, or both untimed lines of a paste."""
        return [overflow for overflow in self.recent_overflows if _same_session_or_unnamed(overflow, event) and (
            overflow.time is None and event.time is None
            or overflow.time is not None and event.time is not None
            and timedelta(0) <= event.time - overflow.time <= EPISODE_GAP)]

    def _lane_failures_beside(self, event: Event) -> list[Event]:
        """The lanes' task errors logged within a couple of seconds of a failover: they state how long the failed
        request held its lane."""
        if event.time is None:
            return []
        return [task for task in self.recent_lane_errors if task.time is not None
                and abs((task.time - event.time).total_seconds()) <= SAME_FAILURE_SECONDS]

    def _failed_within_seconds(self, event: Event) -> bool:
        """Whether the lane tasks that failed beside ``event`` (a request's end) all held their lanes under
        :data:`FAST_FAILURE_SECONDS`: the request was refused or failed at once, not left hanging."""
        return lane_tasks_failed_fast(self._lane_failures_beside(event))

    def _attach_redacted_session_lane(self, event: Event) -> bool:
        """A session lane whose key was redacted (a diagnostics bundle) names no session it can
        be told apart by: its wait belongs to the one incident open, or to the one that closed
        just before it (the queued message finally dequeued), if there is exactly one."""
        if len(self.open) == 1:
            record = next(iter(self.open.values()))
            record.evidence.add(event)
            self._touch(record, event)
            return True
        if self.open or event.time is None:
            return False
        recent = [record for record in self.closed.latest(20)
                  if record.end is not None and record.end <= event.time <= record.end + TRAILING_EVIDENCE]
        if len(recent) != 1:
            return False
        recent[0].evidence.add(event)
        return True

    def _only_orphans_found(self, record: IncidentRecord) -> bool:
        """An incident whose only fault lines are the subagent orphan recovery's "found orphaned subagent session": a
        child run the restart cut, which the recovery was about to resume (no stall warning, no failure of it)."""
        if record.warning_count or record.recoveries or record.lock_failures:
            return False
        signals = [e for e in record.evidence.all() if self._signal(e)]
        return bool(signals) and all(subagent_orphan_found(e) for e in signals)

    def _discard_found_orphans(self, summary: Event) -> None:
        """"orphan recovery complete: recovered=N failed=0 skipped=N": every child the pass found was resumed (a child
        its gate refused is never "found": it is skipped, with its own warn line), so the incidents those found lines
        opened were no fault. Those with any other fault line stay."""
        for identity, record in list(self.open.items()):
            if self._only_orphans_found(record) and (summary.time is None or record.last_activity is None
                                                     or summary.time >= record.last_activity):
                del self.open[identity]

    def _heal_main_recovery(self, healer: Event) -> None:
        """The main-session restart recovery resuming a session (``resumed interrupted main session: <key>``) or ending
        a pass clean (``main-session restart recovery complete: recovered=N failed=0``): what its earlier lines opened
        was healed (policy "restart recovery that resumes the session"). A pass that failed to resume a session leaves
        it marked, and the recovery retries it (up to three passes, src/agents/main-session-restart-recovery.ts), so
        ``failed to resume interrupted main session <key>: <err>`` is healed by a later resume of the same key or by a
        later clean summary (the retry found nothing left to fail); ``marked N ... main session(s)`` and a summary
        with ``failed=N`` by N sessions resumed after them, or a clean summary. An incident goes when every fault line
        in it is so healed: any other (``marked interrupted main session failed``, which the recovery never retries,
        a stall warning, a cut run) keeps it."""
        summary = healer.message.startswith("main-session restart recovery")
        key = HEALED_BY_SUMMARY if summary else str(healer.fields.get("sessionKey") or "")
        if not summary and not key:
            return
        for record in list({id(r): r for r in self.open.values()}.values()):
            signals = [e for e in record.evidence.all() if self._signal(e)]
            for signal in signals:
                # (a line read out of order, timed after the healer, is not healed by it)
                if main_recovery_retryable(signal) and (healer.time is None or signal.time is None
                                                        or signal.time <= healer.time):
                    record.recovery_heals.setdefault((signal.source, signal.line), set()).add(key)
            if signals and not (record.warning_count or record.recoveries or record.lock_failures) \
                    and all(_healed_by_resume(e, record.recovery_heals.get((e.source, e.line), set())) for e in signals):
                for identity in [i for i, r in self.open.items() if r is record]:
                    del self.open[identity]

    def _only_lines_of_recovery(self, record: IncidentRecord | None, summary: Event) -> bool:
        """Whether every fault line of ``record`` is one of the restart recovery that logged the clean ``summary``
        (``marked N startup-orphaned main session(s)`` names no session): only those can the summary heal. A no-session
        fault of any other kind (a model call's timeout failover, a gateway-wide failure), or a line of the other
        recovery (main session or subagent orphan), says nothing of what this one resumed."""
        if record is None:
            return False
        subagent = _of_subagent_recovery(summary)
        signals = [e for e in record.evidence.all() if self._signal(e)]
        return bool(signals) and all(e.kind == "restart.recovery" and _of_subagent_recovery(e) == subagent
                                     for e in signals)

    def _discard_unattributed(self, cleanup: Event) -> None:
        """A fault signal that named no session, followed by a run completing: the work got
        through (a tool failure the agent shrugged off), so it was no incident. Not a model call timed out on an auth
        profile: the failover got the work through, but the call hung its whole timeout first (f5017)."""
        record = self.open.get(UNATTRIBUTED)
        if record is None or record.warning_count or record.recoveries:
            return
        if record.evidence.of("model.profile_timeout") and self._retry_heal_pending(record, cleanup):
            return  # (another run under way at the retried timeout has not ended yet: its end decides)
        if record.evidence.of("model.profile_timeout") \
                and not retry_healed_idle_timeouts(record, cleanup, self._runs_under_way,
                                               self._run_ended_well_since):
            # (a model call that ran out its timeout hung that long, whatever the failover rescued after it; not one the
            # idle watchdog retried on the same model that then ended well: the profile line is that retry's step)
            self._close(record, RecordStatus.HEALTHY, cleanup, _describe_healthy(cleanup))
            return
        if cleanup.time is not None and record.last_activity is not None and cleanup.time < record.last_activity:
            return
        del self.open[UNATTRIBUTED]

    def _drop_fast_model_timeouts(self, task: Event) -> None:
        """A lane task that failed within seconds of starting: the incidents its run's failed attempts opened were no
        hang when every fault in them (no stall warning, no recovery) is such a quick failure: a timed-out attempt
        inside a lane task that failed on that timeout within seconds (f2573: a local proxy's 'LLM request timed out.'
        after 1.5 s), or a timeout failover beside such a task. The provider answered at once, however it worded it."""
        held = task.seconds.get("durationMs")
        if held is None or held >= FAST_FAILURE_SECONDS:
            return
        fast = [e for e in self.recent_lane_errors if e.seconds.get("durationMs", FAST_FAILURE_SECONDS) < FAST_FAILURE_SECONDS]
        for identity, record in list(self.open.items()):
            if record.opened_by != "signal" or record.warning_count or record.recoveries:
                continue
            signals = [e for e in record.evidence.all() if _fault_signal(e, self.thresholds)]
            if signals and all(_failed_fast(e, fast) for e in signals):
                del self.open[identity]

    def _note_lane_task(self, event: Event) -> None:
        """A lane's task line: a task's end may be a timed-out run's own (stuckscan.lifecycle_lane calls this too, for
        the lines it takes); a session lane's last few are kept."""
        if self.pending_timeouts and event.kind != "lane.dequeue":
            self._end_run_timeout_by_its_task(event)
        if event.kind == "lane.task_error":
            self.recent_lane_errors.append(event)
            self._drop_fast_model_timeouts(event)
        lane = event.get("lane")  # (a lazy event peeks it: no tokenizing for every dequeue)
        if not isinstance(lane, str) or not lane.startswith("session:"):
            return
        tasks = self.lane_tasks.get(lane)
        if tasks is None:
            tasks = deque(maxlen=4)
            self.lane_tasks.set(lane, tasks)
        tasks.append(event)

    def _on_lane_enqueue(self, event: Event) -> list[Change]:
        """Work queued on a session lane that has dequeued nothing for longer than the abort
        threshold, with at least two messages waiting: the task the lane last took never ended.
        A finding of its own (the lane's last task lines are its prelude); later enqueues join it."""
        lane = event.fields.get("lane")
        tasks = self.lane_tasks.get(lane) if isinstance(lane, str) else None
        if not tasks or event.time is None:
            return []
        identity = f"lane:{lane}"
        record = self.open.get(identity)
        if record is not None:
            record.evidence.add(event)
            self._touch(record, event)
            return []
        queued = event.fields.get("queueSize")
        last = tasks[-1]
        if last.time is None or not isinstance(queued, int) or queued < 2 or last.kind not in LANE_TAKEN_KINDS:
            return []
        if self._session_already_reported(event, last.time):
            return []
        idle = (event.time - last.time).total_seconds()
        if idle < self.thresholds.abort_seconds:
            return []
        record = self._open(identity, "lane_stall", event)
        record.start = last.time
        record.prelude.extend(task for task in tasks if task not in record.prelude)
        record.evidence.add(event)
        self._touch(record, event)
        return [Change("opened", record, f"session lane dequeued nothing for {idle:.0f} s with {queued} queued")]

    def _signal(self, event: Event) -> str:
        """What makes ``event`` a fault on its own (see _fault_signal), or an abort right after a
        restart marker: the restart cut the run short (an AbortError alone may be a user's /stop)."""
        if event.kind == "session.turn_claim_busy":
            return self._claim_persists(event)
        if event.kind == "gateway.draining_rejected" or work_start_refusal(event):
            return self._refused_after_a_restart(event)
        if long_unnamed_abort(event, self.thresholds.abort_seconds):
            # (a message held past the abort point until its reply operation was aborted, by no one named: labelling
            # policy "a long run ended by an abort that names no source")
            return f"a message was held {processed_seconds(event):.0f} s until its reply operation was aborted"
        if event.kind in ("message.processed", "session.init_conflict"):
            return self._message_keeps_failing(event)
        if event.kind == "channel.dispatch_completed":
            return self._turns_keep_running_out_the_budget(event)
        if event.kind == "dispatch.empty_reply" and (self._kept_private_turn(event) or self._handed_off_turn(event)):
            return ""
        if event.kind == "compaction.diag" and compaction_diag_failed(event) and not failed_compaction_diag(event) \
                and (self._overflows_before(event) or needed_compaction_failed(event)):
            needer = "the context's size" if needed_compaction_failed(event) else "a context overflow"
            return f"the compaction {needer} needed failed ({event.fields.get('reason') or 'no reason given'})"
        signal = _fault_signal(event, self.thresholds) or self._repeated_silent_timeout(event)
        if signal and event.kind == "compaction.timeout_recovery" and self._stopping is not None \
                and _shortly_before(self._stopping, event, TURN_CUT_BY_STOP):
            return ""  # (the stop aborted the model call; the runner files that abort as its timeout)
        if signal and _only_a_timeout_failover(event) \
                and timeout_failover_failed_fast(event, self._lane_failures_beside(event)):
            return ""  # the provider refused the request at once: a failure the user was told of, not a hang
        if signal and event.kind == "model.all_failed" and self._failed_within_seconds(event):
            return ""  # every candidate failed and the request held its lane only seconds: no call hung, whatever the words
        if signal and _a_runs_timeout_failover(event) and self._failover_echoes_answered_end(event):
            return ""  # the run's agent end says the provider answered (or the connection failed at once): it decides
        if signal and _a_runs_timeout_failover(event) and failover_echoes_run_timeout(event, self.recent_run_timeouts):
            return ""  # the run's own timeout failed it over: the timeout is the finding, if anything is
        if signal or event.kind != "run.aborted_error" or event.time is None:
            return signal
        for marker in reversed(self.markers):
            if marker.time is None or marker.time > event.time:
                continue
            if event.time - marker.time > RESTART_ABORT_WINDOW:
                break
            if self._is_restart(marker) or marker.kind in ("gateway.restarting", "gateway.reload_required"):
                return "a restart aborted a run"
        return ""

    def _refused_after_a_restart(self, event: Event) -> str:
        """A task refused at admission (``GatewayDrainingError: Gateway is draining ...``, or a work-start refusal,
        ``Session "<key>" changed while starting work. Retry.``) is a fault on its own only after a marker that closed
        the gateway's admission (a restart signal, drain or stop) with no process started since: RC17 then reads whether
        the restart cut a run or the drain went on for minutes. With no such marker it is one task turned away at once,
        which never started, so no run was cut (policies "work refused by a restart drain", "draining refusal that names
        no restart", "work-start refusal and its channel report"): evidence for an incident other lines open, and alone a
        line read short of a stall."""
        began: Event | None = None
        for marker in self.markers:
            if not _shortly_before(marker, event):
                continue
            stage = marker.fields.get("stage") if marker.kind == "gateway.admission" else None
            if marker.kind in STARTED_KINDS or stage == "reopened":
                began = None  # (the process started again, or admission reopened: that drain ended)
            elif began is None and (marker.kind in ADMISSION_CLOSING_KINDS or stage == "closed"):
                began = marker
        if began is None:
            return ""
        # (RC17 names a cause only when the drain went on for minutes or the restart cut a run; a refusal with neither
        # is one task turned away at once, which never started, as the lone refusal is)
        if self._drain_went_on(began, event) or self._restart_cut_work(began, event):
            return "work was refused at admission after the gateway began a restart"
        return ""

    def _drain_went_on(self, began: Event, event: Event) -> bool:
        """Whether ``event``, a drain refusal (``GatewayDrainingError``), comes :data:`DRAIN_STUCK_AFTER` or more after
        ``began``, the marker that closed admission (for a marker without a time, after the first refusal since it):
        the gateway stuck in its drain (policy "work refused by a restart drain")."""
        if event.kind != "gateway.draining_rejected" or event.time is None:
            return False
        key = (began.source, began.line)
        if began.time is not None:
            since = began.time
        elif self._first_drain_refusal is not None and self._first_drain_refusal[0] == key \
                and self._first_drain_refusal[1].time is not None:
            since = self._first_drain_refusal[1].time
        else:
            self._first_drain_refusal = (key, bounded_event(event))
            since = event.time
        return event.time - since >= DRAIN_STUCK_AFTER

    def _first_refusal_of_drain(self, event: Event) -> list[Event]:
        """The first drain refusal after a restart marker without a time, when ``event`` is a later one: where the
        drain's length is counted from (RC17 reads it from the incident's lines)."""
        first = self._first_drain_refusal
        if event.kind != "gateway.draining_rejected" or first is None or first[1] is event \
                or (first[1].source, first[1].line) == (event.source, event.line):
            return []
        return [first[1]]

    def _restart_cut_work(self, began: Event, event: Event) -> bool:
        """Whether the restart that ``began`` (the marker that closed admission) cut work: a drain or deferred reload
        since it still counting active embedded runs, or a run of the refused turn's own session started before it
        with no end before it (what RC17 reads as a run the restart cut)."""
        if any(m.kind in RESTART_WAIT_KINDS and _runs_waited_for(m) > 0 and _shortly_before(began, m)
               for m in self.markers if m is not began) or began.kind in RESTART_WAIT_KINDS and _runs_waited_for(began):
            return True
        identity = identity_of(*self.ids.resolve(event))
        history = self.history.get(identity) if identity is not None and began.time is not None else None
        if not history:
            return False
        before = [e for e in history if e.time is not None and e.time <= began.time]
        ended = {e.fields.get("runId") for e in before if e.kind in ("embedded.run_done", "embedded.run_end")}
        return any(e.kind == "embedded.run_start" and e.fields.get("runId") not in ended for e in before)

    def _failover_after_its_run_timeout(self, event: Event) -> bool:
        """A ``failover decision ... reason=timeout`` (naming no hold) logged just after its run's own ``embedded run
        timeout``: the same runId, or, where either line's runId is missing or elided, the timeout a few lines above it
        in the same paste (untimed) or within :data:`RUN_TIMEOUT_ECHO` before it. The decision only names the reason of
        the run's own timeout, so it leaves that timeout lone (labelling policy "run timeout with a timeout failover
        decision"). A decision a reporter condensed to its words ("decision=fallback_model from=<p>/<m>", no reason
        and no error, f5839) is read so too: its reason is unknown, not another one, and its place names the run."""
        if event.kind not in ("model.fallback_decision", "embedded.failover") or not self.recent_run_timeouts \
                or not _timeout_or_unstated_reason(event) or _failover_names_a_hold(event):
            return False
        run_id = usable_name(str(event.fields.get("runId", "")))
        for timeout in reversed(self.recent_run_timeouts):
            other = usable_name(str(timeout.fields.get("runId", "")))
            if run_id and other and run_id != other:
                continue
            if timeout.time is not None and event.time is not None:
                return timedelta(0) <= event.time - timeout.time <= RUN_TIMEOUT_ECHO
            return timeout.time is None and event.time is None and timeout.source == event.source \
                and 0 < event.line - timeout.line <= FAILOVER_ECHO_LINES
        return False

    def _failover_echoes_answered_end(self, event: Event) -> bool:
        """A failover whose run's latest agent end (the same runId; with no ids on either, the agent end logged within
        a couple of seconds before it) carries the provider's answer or a connection that failed at once
        (:func:`agent_end_provider_answered`): the failover only files that error under its reason, so it adds
        nothing (labelling policy "embedded run agent end with an error")."""
        run_id = event.fields.get("runId")
        for end in reversed(self.recent_agent_ends):
            if run_id is not None:
                if end.fields.get("runId") != run_id:
                    continue
            elif end.source != event.source or end.fields.get("runId") is not None or end.time is None or event.time is None \
                    or not 0 <= (event.time - end.time).total_seconds() <= SAME_FAILURE_SECONDS:
                continue
            return agent_end_provider_answered(end)
        return False

    def _repeated_silent_timeout(self, event: Event) -> str:
        """A transcript's failed turn that timed out with nothing produced after others like it in the same turn (no
        user message and no model output between: the streak is kept per transcript), the streak's waits adding up to
        the stall detector's warn threshold: the model call held the session that long, however short each request's
        budget. Requests that each close their own turn, or that the run gets past, held nothing (labelling policies
        "short model request timeout" and "failed turn in a session transcript"). The streak's total is marked on the
        event (:data:`SILENT_STREAK_FIELD`) for the rules."""
        if not _no_answer_failure(event):
            return ""
        streak = self.silent_timeouts.get(event.source)
        if streak is None:
            if len(self.silent_timeouts) >= MAX_PENDING:
                return ""
            streak = self.silent_timeouts[event.source] = []
        if event not in streak:
            streak.append(event)
            event.seconds[SILENT_STREAK_FIELD] = sum(transcript_wait_ms(e) for e in streak)
        if len(streak) < 2 or streak[0] is event \
                or not waited_the_threshold(event.seconds.get(SILENT_STREAK_FIELD, 0.0), self.thresholds.warn_seconds):
            return ""
        return "the model request timed out again with nothing produced, the turn held without output that long"

    def _earlier_silent_timeout(self, event: Event) -> list[Event]:
        """The streak's earlier silent timeouts, kept by :meth:`_repeated_silent_timeout`, when ``event`` is a later
        one: the finding it opens rests on them all."""
        streak = self.silent_timeouts.get(event.source) or []
        return streak[:streak.index(event)] if event in streak else []

    def _still_active(self, history: deque[Event], event: Event) -> str:
        """A run the registry still reports active (``run active check: ... active=true``) the stall detector's warn
        threshold or more after an earlier check of the same session said so: the session has been busy that long, a
        stall the detector would warn of (a build or a config with no stall warnings says so only this way)."""
        if event.kind != "run.active_check" or event.fields.get("active") is not True or event.time is None:
            return ""
        for earlier in history:
            if earlier.kind == "run.active_check" and earlier.fields.get("active") is True and earlier.time is not None:
                waited = (event.time - earlier.time).total_seconds()
                if waited >= self.thresholds.warn_seconds:
                    return f"the run was still active {waited:.0f} s after an earlier active check"
                return ""
        return ""

    def _attach_lock_release(self, event: Event, names: Names) -> None:
        """A lock watchdog's release, kept by the open incident that a lock timeout opened: the session its lock path
        names, or, when it names none, the only such incident."""
        key, session_id, run_id = self.ids.resolve(event, names)
        identity = identity_of(key, session_id, run_id)
        record = self._find_open(identity, key, session_id, run_id) if identity is not None else None
        if record is None and identity is None:
            locked = [r for r in self.open.values() if _failed_on_a_lock(r)]
            record = locked[0] if len(locked) == 1 else None
        if record is not None and _failed_on_a_lock(record):
            record.evidence.add(event)

    def _kept_private_turn(self, event: Event) -> bool:
        """Whether an empty dispatch follows a final reply the delivery policy kept private (or one delivered before the
        dispatch failed after it), for the same session when both name one, within a minute (untimed: a few lines on,
        in the same file)."""
        return _shortly_after(self._kept_private, event, KEPT_PRIVATE_WINDOW, KEPT_PRIVATE_LINES)

    def _handed_off_turn(self, event: Event) -> bool:
        """Whether an empty dispatch with the bare ``cause=completed`` follows a hand-off of its turn (a terminal tool's
        release, a ``sessions_yield`` call), for the same session when both name one, within a minute (untimed, or
        one side untimed: a few lines on, in the same file)."""
        return str(event.fields.get("cause", "")) == "completed" and \
            _shortly_after(self._handed_off, event, HANDED_OFF_WINDOW, HANDED_OFF_LINES)

    def _turns_keep_running_out_the_budget(self, event: Event) -> str:
        """A channel's dispatches of one session lasting the run budget again and again (Feishu's "dispatching
        to agent" ... "dispatch complete" 602 s later, turn after turn, f2631): each run ran out its time. Once is a
        long turn that may have been working (f1562); the marked dispatch reads as a run that spent its budget."""
        took, key, budget = event.seconds.get("durationMs"), event.fields.get("sessionKey"), self.thresholds.run_budget_seconds
        if took is None or not isinstance(key, str) \
                or not budget - LANE_TIMER_SLACK <= took <= budget + DISPATCH_BUDGET_SLACK:
            return ""
        count = (self._turns_at_budget.get(key) or 0) + 1
        self._turns_at_budget.set(key, count)
        if count < REPEATED_TURNS_AT_BUDGET:
            return ""
        event.seconds[TIMED_OUT_RUN_FIELD] = budget
        return f"{count} of the session's turns each ran out the {budget:.0f} s run budget"

    def _message_keeps_failing(self, event: Event) -> str:
        """One inbound message processed and failed again and again, on the reply session's initialization conflict:
        once is a commit race (and a channel retries it), the same message failing on every redelivery is a session
        entry that stays conflicted."""
        message_id = failed_message_id(event)
        if message_id is None:
            return ""
        failures = self.message_failures.get(message_id)
        if failures is None:
            failures = MessageFailures()
            self.message_failures.set(message_id, failures)
        failures.count_in(event)
        if failures.conflicted and failures.count >= REPEATED_MESSAGE_FAILURES:
            return "the same message kept failing on a reply session initialization conflict"
        return ""

    def _message_incident(self, event: Event) -> IncidentRecord | None:
        """The open incident an earlier failure of the same message opened (its session key masked on every line
        names no session the lines could share)."""
        message_id = failed_message_id(event)
        failures = self.message_failures.get(message_id) if message_id is not None else None
        return self.open.get(failures.incident) if failures is not None and failures.incident else None

    def _note_message_incident(self, event: Event, record: IncidentRecord) -> None:
        """The incident a failing message opened, with its failures before it as the incident's prelude."""
        message_id = failed_message_id(event)
        failures = self.message_failures.get(message_id) if message_id is not None else None
        if failures is None:
            return
        failures.incident = record.identity
        record.prelude.extend(e for e in failures.first if e is not event and e not in record.prelude)

    def _claim_persists(self, event: Event) -> str:
        """A turn refused because the session holds an earlier turn's claim: a busy session refuses one now and
        then, so it is a fault once the refusals have gone on for the warn threshold (or, untimed, as pasted)."""
        session = str(event.fields.get("sessionId", ""))
        if event.time is None:
            return "a turn was refused for an earlier turn's claim never released"
        run = self.claim_refusals.get(session)  # (first, latest) refusal of the current run of them
        if run is None or event.time - run[1] > EVIDENCE_SILENCE:
            run = (event.time, event.time)  # (refusals this far apart are a busy session now and then, not one run)
        else:
            run = (run[0], event.time)
        self.claim_refusals.set(session, run)
        if (event.time - run[0]).total_seconds() >= self.thresholds.warn_seconds:
            return "turns kept being refused for an earlier turn's claim never released"
        return ""

    def _session_already_reported(self, event: Event, since: datetime) -> bool:
        """Whether the lane's own session has an incident open, or one that was open after
        ``since``: its stall warnings already tell this story."""
        key, session_id, run_id = self.ids.resolve(event)
        identity = identity_of(key, session_id, run_id)
        if identity is None:
            return False
        if self._find_open(identity, key, session_id, run_id) is not None:
            return True
        previous = self.last_closed.get(identity)
        # (one that ended when the lane took its last task, closed by that very dequeue, was not open after it)
        return previous is not None and (previous.end is None or previous.end > since)

    def _on_lane_signal(self, event: Event, identity: str) -> list[Change]:
        """A lane wait on a shared lane (cron, main, subagent): its own lane-backlog finding."""
        record = self.open.get(identity)
        changes: list[Change] = []
        if record is None:
            record = self._open(identity, "signal", event)
            changes.append(Change("opened", record, "lane wait exceeded"))
        record.evidence.add(event)
        self._touch(record, event)
        return changes

    @staticmethod
    def _opens_incident(event: Event) -> bool:
        if event.kind in ("lock.timeout", "lock.takeover", "lock.stale"):
            return True
        return event.kind == "lane.task_error" and event.has("lockPath")

    @staticmethod
    def _is_cleanup(event: Event) -> bool:
        kind = event.kind
        if kind in ("run.cleared", "embedded.run_done", "embedded.run_end", "lane.task_done"):
            return True
        return kind == "session.state" and event.get("new") == "idle"

    def _is_healthy(self, event: Event, record: IncidentRecord) -> bool:
        kind = event.kind
        if record.lock_failures:
            return self._turn_succeeded(event, record)
        completed = (kind == "message.processed" and event.fields.get("outcome") == "completed"
                     and not long_unnamed_abort(event, self.thresholds.abort_seconds)) \
            or kind == "transcript.turn_ended"  # (the model answered: the session was moving again)
        # A session lane runs one task at a time: a dequeue (and the lane wait it may report)
        # means the task that blocked it has finished.
        lane_moved = kind in ("lane.dequeue", "lane.wait_exceeded") and "laneSessionKey" in event.fields
        if not (self._is_cleanup(event) or completed or lane_moved):
            return False
        if kind == "lane.task_done" and "laneSessionKey" not in event.fields:
            return False
        if event.time is not None and record.last_warning is not None \
                and event.time + OUT_OF_ORDER_SLACK < record.last_warning:
            return False  # an older line read late: the session was stuck after it
        return True

    def _note_short_wait(self, identity: str, event: Event, names: Names) -> None:
        """A message queued behind its session's turn for less than half the warn threshold: the lane doing its job,
        which a busy gateway logs many times an hour, so it opens nothing; the longest is kept in case it is all the
        input shows (a pasted line asking what it means)."""
        self._short_waits += 1
        kept = self._short_wait
        if kept is None or event.seconds.get("waitedMs", 0.0) > kept[1].seconds.get("waitedMs", 0.0):
            self._short_wait = (identity, event, names)

    def _say_short_wait(self, identity: str, event: Event, names: Names) -> None:
        """Nothing else in the input: the longest short wait becomes the finding (RC14 at info), closed as the lane
        moving on, which the wait's own line says (it is logged when the waiting task starts)."""
        record = self._open(identity, "signal", event)
        self._fill_names(record, *names)
        record.evidence.add(event)
        self._touch(record, event)
        others = f"; the longest of {self._short_waits} such waits" if self._short_waits > 1 else ""
        self._close(record, RecordStatus.HEALTHY, event, _describe_healthy(event) + others)

    def _premature_timeout(self, record: IncidentRecord, event: Event) -> bool:
        if record.opened_by != "run_timeout" or record.warning_count or record.recoveries or not self._is_cleanup(event):
            return False
        return bool(event.time and record.opened_at and event.time <= record.opened_at + RUN_TIMEOUT_CLEANUP_WINDOW)

    @staticmethod
    def _turn_succeeded(event: Event, record: IncidentRecord) -> bool:
        """A session failing on its write lock is healthy only when a turn gets through:
        each failed turn still logs `run cleared` and an idle state."""
        kind = event.kind
        if kind == "message.processed":
            return event.fields.get("outcome") == "completed"
        if kind == "lane.task_done":
            return "laneSessionKey" in event.fields
        return kind == "embedded.run_done" and event.fields.get("aborted") is False

    # -- run timeouts -----------------------------------------------------------------

    def _note_pending(self, event: Event, identity: str | None, run_id: str | None) -> None:
        """Start (or end) the wait for a run timeout's cleanup or a compaction's end."""
        kind = event.kind
        if kind == "embedded.timeout":
            self.recent_run_timeouts.append(event)
            opened_by, window = "run_timeout", RUN_TIMEOUT_CLEANUP_WINDOW
            # (the run's own timeout while its compaction start still waits for its end: the compaction held the run
            # that long, marked on the start (labelling policy "compaction start with no time shown after it"))
            timed_out = event.fields.get("runId")
            for held in self.pending_timeouts.values():
                if held.opened_by == "compaction" and timed_out and held.event.fields.get("runId") == timed_out:
                    began, fired = held.event.time, event.time
                    held.event.seconds[COMPACTION_HELD_FIELD] = (fired - began).total_seconds() if began and fired \
                        else event.seconds.get("timeoutMs", 0.0)
        elif kind == "embedded.compaction":
            stage = event.fields.get("stage")
            if stage in COMPACTION_END_STAGES:
                self._end_compaction_waits(run_id or identity)
                return
            if stage not in ("start", "retry"):
                return
            opened_by, window = "compaction", COMPACTION_WINDOW
        elif overflow_compaction_start(event):
            if identity is None and self._compaction_awaited_since(event):
                return  # the overflow's own line after its diagnostic: one compaction
            opened_by, window = "compaction", COMPACTION_WINDOW
        else:
            return
        moment = event.time or self.now
        if opened_by == "compaction" and (run_id or identity):
            self._name_unattributed_compaction(event)
        key = f"{opened_by}:{run_id or identity or event.location}"
        if opened_by == "compaction" and key in self.pending_timeouts:
            return  # a retry of a compaction already waited on: the wait runs from its start
        if len(self.pending_timeouts) < MAX_PENDING:
            deadline = moment + window if moment else None
            if opened_by == "compaction":
                self._note_fault_after_run_timeouts()
            lone_so_far = opened_by == "run_timeout" and event.time is None and not self._other_lines
            self.pending_timeouts[key] = PendingSignal(event, identity, deadline, opened_by,
                                                       paste_lines_after=0 if lone_so_far else None)
            if deadline is not None and (self._pending_due is None or deadline < self._pending_due):
                self._pending_due = deadline

    def _note_run_held(self, event: Event, names: Names | None) -> None:
        """A line that shows a run or its lane still held (a lane wait with nothing queued ahead, an active-runs wait
        timing out, an abort that did not settle or crashed), logged while a run timeout waits for its cleanup: kept
        with that timeout, whose RC15 reading needs such a line after it (the labelling policy "lone embedded run
        timeout"). Only the session's own timeout, or the one timeout waiting when either names no session."""
        if event.kind == "lane.wait_exceeded" and not lane_held_by_own_task(event):
            return  # (work queued ahead: the wait is the backlog's, not the lane held)
        waiting = [pending for pending in self.pending_timeouts.values() if pending.opened_by == "run_timeout"
                   and event_order(pending.event) < event_order(event)]
        key, session_id, run_id = self.ids.resolve(event, names)
        identity = identity_of(key, session_id, run_id)
        own = [pending for pending in waiting if identity is not None and pending.identity == identity]
        for pending in own or (waiting if len(waiting) == 1 else []):
            if len(pending.followups) < MAX_TIMEOUT_FOLLOWUPS:
                pending.followups.append(event)

    def _note_fault_after_run_timeouts(self) -> None:
        """A line opened a fault signal of its own (an incident, a gateway episode, a compaction wait) while untimed run
        timeouts wait for their cleanup: beside it none of them is alone in its paste (PendingSignal.paste_lines_after)."""
        for pending in self.pending_timeouts.values():
            pending.paste_lines_after = None

    def _count_paste_lines_after(self, event: Event) -> None:
        """Count a recognised untimed line after each untimed run timeout of its file that is alone in its paste so far
        (PendingSignal.paste_lines_after). The RC15 rule reads such lines as the cleanup window only when they are of
        the held kinds."""
        for pending in self.pending_timeouts.values():
            if pending.paste_lines_after is not None and pending.event.source == event.source:
                pending.paste_lines_after += 1

    def _join_run_timeout(self, event: Event) -> bool:
        """A ``[timeout-compaction]`` line (it names no run) logged at a run timeout still waiting for its cleanup: the
        run's own handling of that timeout (src/agents/pi-embedded-runner/run.ts), kept as the timeout's evidence.
        Only when exactly one run timeout waits, within a few seconds before the line (untimed: the paste's)."""
        waiting = [pending for pending in self.pending_timeouts.values() if pending.opened_by == "run_timeout"]
        if len(waiting) != 1:
            return False
        pending = waiting[0]
        began, said = pending.event.time, event.time
        if (began is None) != (said is None) or (began is not None and said is not None and not (
                timedelta(0) <= said - began <= RUN_TIMEOUT_CLEANUP_WINDOW)):
            return False
        if len(pending.followups) < MAX_TIMEOUT_FOLLOWUPS:
            pending.followups.append(event)
        return True

    def _note_busy_at_cap(self, timeout: Event, identity: str, key: str | None, session_id: str | None,
                          run_id: str) -> None:
        """Mark a run timeout whose run's own tool lines went on until shortly before it (:func:`busy_until_cap`)."""
        lines = [e for e in self._history_for(identity, key, session_id, run_id, timeout.time)
                 if e.fields.get("runId") == run_id]
        gap = busy_until_cap(lines, timeout, self.thresholds.warn_seconds)
        if gap is not None:
            timeout.seconds[BUSY_AT_CAP_FIELD] = gap

    def _note_cap_echo(self, event: Event) -> None:
        """The failover's lines just after a run timeout whose run was still working at the cap: the run's lane task
        ending on "LLM request timed out." having held its lane the run's whole budget (the abort surfacing as the
        failover's error, src/process/command-queue.ts), or the auth profile's ``Profile <id> timed out`` (logged as
        the run loop rotates the profile once the timed-out attempt returned). Neither names the run; they are tied to
        the one run timeout within :data:`RUN_TIMEOUT_CLEANUP_WINDOW` before them, and marked as that cap's echo: no
        model wait is shown (labelling policy "model-timeout lane task: judge the wait, not the lane total")."""
        if event.time is None:
            return
        near = [t for t in self.recent_run_timeouts
                if t.time is not None and timedelta(0) <= event.time - t.time <= RUN_TIMEOUT_CLEANUP_WINDOW]
        if len(near) != 1 or BUSY_AT_CAP_FIELD not in near[0].seconds:
            return
        cap = near[0]
        if event.kind == "lane.task_error":
            held, budget = event.seconds.get("durationMs"), cap.seconds.get("timeoutMs")
            if not model_call_timed_out(event) or held is None or budget is None or held < budget - LANE_TIMER_SLACK:
                return
        event.seconds[CAP_ECHO_FIELD] = cap.seconds[BUSY_AT_CAP_FIELD]

    def _profile_timeout_of_run(self, event: Event) -> list[Change] | None:
        """An auth profile's ``Profile <id> timed out. Trying next account...`` (it names no run) logged just after the
        one run timeout still waiting for its cleanup: the run loop writes it only once the timed-out attempt has
        returned, as it rotates the profile (src/agents/pi-embedded-runner/run.ts), so the abort was honoured and the
        timeout is not left uncleaned. The line is read under that run's session, with the timeout beside it, as the
        model call that ran out the run's time (labelling policy "run timeout with a timeout failover decision")."""
        waiting = [(key, pending) for key, pending in self.pending_timeouts.items() if pending.opened_by == "run_timeout"]
        if len(waiting) != 1:
            return None
        key, pending = waiting[0]
        began, said = pending.event.time, event.time
        if began is None or said is None or not timedelta(0) <= said - began <= RUN_TIMEOUT_CLEANUP_WINDOW:
            return None
        names = self.ids.resolve(pending.event)
        if identity_of(*names) is None:
            return None
        del self.pending_timeouts[key]
        changes = self._on_session_evidence(event, names)
        record = self._find_open(identity_of(*names), *names)
        if record is not None:
            record.evidence.add(pending.event)
        return changes

    def _fault_from(self, source: str) -> bool:
        """Whether an incident still open or already closed holds evidence from ``source``."""
        return any(e.source == source for record in [*self.open.values(), *self.closed] for e in record.evidence.all())

    def _after_watched_entry(self, event: Event) -> list[Change]:
        """The transcript entry after one whose meaning it decides. After an agent's own gateway restart call: the
        call's result means the run lived through it; anything else (the user's next message, another turn) means the
        restart cut the run that made the call before the call returned. After a run's prompt failure that came long
        after the entry before it: a failed turn written with it tells what the model did; anything else means nothing
        was recorded in all that time."""
        held = self.transcript_watch.get(event.source)
        if held is None or event is held:
            return []
        del self.transcript_watch[event.source]
        if context_overflow_failure(held):
            # The entry after a turn that failed on a context overflow: a compaction record written 120 s or more
            # later, nothing between, is a compaction that held the session that long (labelling policy "compaction
            # lines: a stall or a compaction that ended"); anything else says nothing of the compaction.
            return self._slow_compaction(held, event) if transcript_compaction_record(event) else []
        if held.kind == RESTART_CALL_KIND:
            if event.kind == "transcript.tool_result" and event.fields.get("toolCallId") == held.fields.get("toolCallId"):
                return []
            return self._on_session_evidence(replace(held, kind=RESTART_CUT_KIND))
        if browser_result_in_time(held):
            # The run's next step (another tool call, a reply) came after the browser call returned: it did not hold
            # its session (labelling policy "browser short-timeout failure"). Anything else leaves it a blocked call.
            moved_on = event.kind in ("transcript.turn_ended", RESTART_CALL_KIND)
            return [] if moved_on else self._on_session_evidence(held)
        if event.kind == "transcript.turn_failed" and _shortly_before(held, event, SAME_FAILURE_WRITE):
            return []
        return self._on_session_evidence(replace(held, kind=SILENT_PROMPT_KIND))

    def _plugin_commit(self, event: Event) -> list[Change]:
        """A context-engine plugin's compaction commit: its start is kept per session, and its end 120 s or more
        later is a compaction that held the session that long."""
        commit = plugin_compaction_commit(event)
        if commit is None:
            return []
        stage, session = commit
        if stage == "committing":
            if len(self.plugin_commits) < MAX_PENDING:
                self.plugin_commits[session] = event
            return []
        began = self.plugin_commits.pop(session, None)
        return self._slow_compaction(began, event) if began is not None else []

    def _compaction_pair(self, event: Event) -> list[Change]:
        """The gateway's own compaction lines (``embedded run [auto-|manual ]compaction start`` ... ``end|done|complete``,
        or ``incomplete``): its start is kept per run, or, naming none, per session (its ``sessionKey`` or ``sessionId``)
        or else per file, and its end 120 s or more later is a compaction that held the session that long, like a
        plugin's commit or a transcript's record. A later start under the same key replaces the kept one (the earlier
        compaction's end was not shown); the overflow loop's ``auto-compaction succeeded`` (it names no run) ends the
        kept start without a reading: its compaction's start is the overflow line, read by the overflow policy. With
        :data:`MAX_PENDING` starts kept (starts never ended), the oldest is dropped for a new one."""
        stage = event.fields.get("stage")
        run_id = event.fields.get("runId")
        key = next((f"{name}:{event.fields[name]}" for name in ("runId", "sessionKey", "sessionId")
                    if event.fields.get(name)), f"file:{event.source}")
        if stage == "start":
            self.compaction_starts.pop(key, None)  # (re-inserted last: the newest start, evicted last)
            if len(self.compaction_starts) >= MAX_PENDING:
                del self.compaction_starts[next(iter(self.compaction_starts))]
            self.compaction_starts[key] = event
            return []
        if stage not in (*COMPACTION_END_STAGES, "incomplete"):
            return []
        began = self.compaction_starts.pop(key, None)
        if stage == "succeeded" and run_id is None:
            return []  # (the overflow loop's own end: its start is the overflow line, read by the overflow policy)
        return self._slow_compaction(began, event) if began is not None else []

    def _slow_compaction(self, began: Event, ended: Event) -> list[Change]:
        """``ended`` (a compaction's end) as a compaction.slow fault when it came 120 s or more after ``began``."""
        if began.time is None or ended.time is None:
            return []
        took = (ended.time - began.time).total_seconds()
        if took < SLOW_COMPACTION_SECONDS:
            return []
        return self._file_slow_compaction(replace(ended, kind=SLOW_COMPACTION_KIND,
                                                  seconds={**ended.seconds, "durationMs": took}))

    def _file_slow_compaction(self, slow: Event) -> list[Change]:
        """``slow`` (a compaction.slow) as session evidence, once per compaction: a ``[compaction-diag] end`` and an
        ``embedded run compaction end`` naming the same run within :data:`SAME_COMPACTION_END` of each other are the
        one compaction's two end lines."""
        run_id, said = slow.fields.get("runId"), slow.time
        if run_id and said is not None:
            filed = self.slow_compactions.get(str(run_id))
            if filed is not None and abs(said - filed) <= SAME_COMPACTION_END:
                return []
            self.slow_compactions.pop(str(run_id), None)
            if len(self.slow_compactions) >= MAX_PENDING:
                del self.slow_compactions[next(iter(self.slow_compactions))]
            self.slow_compactions[str(run_id)] = said
        return self._on_session_evidence(slow)

    def _end_run_timeout_by_its_reply(self, event: Event) -> None:
        """The timeout reply ("Request timed out before a response was generated", src/agents/pi-embedded-runner/run.ts)
        is built after the timed-out attempt returned: the run ended. It names no run, so it ends the wait of the one
        run timeout waiting within the cleanup window before it (untimed: the paste's order), when exactly one does."""
        waiting = [key for key, pending in self.pending_timeouts.items() if pending.opened_by == "run_timeout"
                   and _shortly_before(pending.event, event, RUN_TIMEOUT_CLEANUP_WINDOW)]
        if len(waiting) == 1:
            del self.pending_timeouts[waiting[0]]

    def _end_run_timeout_by_its_task(self, event: Event) -> None:
        """A lane task that ended as a run timeout still waits for its cleanup: the run's own end, though the task names
        its lane (``lane=cron``, ``lane=subagent``, ``lane=session:<key>``) and the timeout its run and session id. It is
        the run's task when it ended on the model's timeout within a moment of the run timeout (the timeout aborts the
        attempt, which throws "FailoverError: LLM request timed out." to its lane task, src/process/command-queue.ts), or
        when it lasted the run's own budget (``lane task done: lane=subagent durationMs=300093`` after ``timeoutMs=
        300000``; untimed lines in the paste's order). The task's end releases the lane: the run did not go on
        unreleased. Only when exactly one run timeout matches."""
        said, held = event.time, event.seconds.get("durationMs")
        timed_out = event.kind == "lane.task_error" and model_call_timed_out(event)
        if timed_out and self._budget_spent is not None and self._spent_the_budget(event, *self._budget_spent,
                                                                                   or_more=True):
            event.seconds[RUN_BUDGET_FIELD] = self._budget_spent[1]
        waiting = []
        for key, pending in self.pending_timeouts.items():
            if pending.opened_by != "run_timeout":
                continue
            began = pending.event.time
            if (began is None) != (said is None):
                continue
            gap = said - began if said is not None and began is not None else None
            if gap is not None and not timedelta(0) <= gap <= RUN_TIMEOUT_OWN_TASK_END:
                continue
            budget = pending.event.seconds.get("timeoutMs")
            lasted_budget = held is not None and budget is not None \
                and budget - LANE_TIMER_SLACK <= held <= budget + RUN_BUDGET_SLACK
            # (a task that failed a moment after the timeout, whatever its error, having held its lane at least the
            # run's budget: the aborted attempt's own task, its abort surfacing as another error, "Connection error.")
            outlasted = event.kind == "lane.task_error" and gap is not None and held is not None \
                and budget is not None and held >= budget - LANE_TIMER_SLACK
            if (timed_out and gap is not None) or lasted_budget or outlasted:
                waiting.append(key)
        if not waiting and not timed_out and held is None and _unmeasured_failover_task(event):
            self._keep_run_failover_with_timeout(event)
        if len(waiting) == 1 and not timed_out and _states_no_error(event) \
                and self._spent_the_budget(event, (kept := self.pending_timeouts[waiting[0]]).event,
                                           kept.event.seconds.get("timeoutMs") or 0.0, or_more=True):
            # A task that held its lane the run's whole budget and failed at its timeout with no error written
            # ("lane task error: lane=main durationMs=133963", f5839): the timed-out run's own end, kept with the
            # timeout as _keep_run_failover_with_timeout keeps a FailoverError (policy "lone embedded run timeout": a
            # lone timeout followed by its end is RC01, RC15 is not shown).
            event.seconds[TIMED_OUT_RUN_FIELD] = kept.event.seconds["timeoutMs"]
            if len(kept.followups) < MAX_TIMEOUT_FOLLOWUPS:
                kept.followups.append(event)
            return
        if len(waiting) == 1:
            ended = self.pending_timeouts.pop(waiting[0]).event
            budget = ended.seconds.get("timeoutMs")
            # A task that held its lane the run's whole budget and ended on the model's timeout: the model call took
            # all of it, a hang by the run's own measure, however short the budget (f1229: a cron run's 60 s).
            if timed_out and budget is not None and self._spent_the_budget(event, ended, budget, or_more=True):
                event.seconds[RUN_BUDGET_FIELD] = budget
                self._budget_spent = (ended, budget)
            elif event.kind == "lane.task_done" and budget is not None and self._spent_the_budget(event, ended, budget):
                event.seconds[TIMED_OUT_RUN_FIELD] = budget  # (the task lasted the run's whole budget, then ended)

    def _keep_run_failover_with_timeout(self, event: Event) -> None:
        """A lane task error with no duration whose error is the run's own ``FailoverError`` (``lane task error:
        "FailoverError: ⚠️ API rate limit reached."``), logged within a moment of the one run timeout waiting for its
        cleanup: the timeout aborted the attempt and the run threw its last failover reason to its lane task, so the
        task ended and let its lane go. It is kept with the timeout as the run's end after its whole budget (labelling
        policy "lone embedded run timeout": a lone timeout followed by its end is RC01, RC15 is not shown)."""
        waiting = [pending for pending in self.pending_timeouts.values() if pending.opened_by == "run_timeout"]
        if len(waiting) != 1:
            return
        pending = waiting[0]
        began, said, budget = pending.event.time, event.time, pending.event.seconds.get("timeoutMs")
        if began is None or said is None or budget is None or not timedelta(0) <= said - began <= RUN_TIMEOUT_OWN_TASK_END:
            return
        event.seconds[TIMED_OUT_RUN_FIELD] = budget
        if len(pending.followups) < MAX_TIMEOUT_FOLLOWUPS:
            pending.followups.append(event)

    @staticmethod
    def _spent_the_budget(task: Event, timeout: Event, budget: float, *, or_more: bool = False) -> bool:
        """Whether ``task`` ended within moments of the run ``timeout`` (untimed: both untimed) having lasted the run's
        whole ``budget``. With ``or_more`` (a task that ended on the model's timeout) any longer hold counts too: the
        lane task starts before its run (cron or queue setup, an earlier attempt), so the extra time is spent before
        the run's timer, which alone measured the model call."""
        held = task.seconds.get("durationMs")
        if held is None or held < budget - LANE_TIMER_SLACK or (not or_more and held > budget + RUN_BUDGET_SLACK):
            return False
        if (task.time is None) != (timeout.time is None):
            return False
        return task.time is None or timeout.time is None \
            or timedelta(0) <= task.time - timeout.time <= RUN_TIMEOUT_OWN_TASK_END

    def _too_young_to_judge(self, pending: PendingSignal) -> bool:
        """An overflow compaction the log ends under the stall detector's warn threshold after: compaction takes
        that long when it works, so the log ends too soon to say it hung. (Untimed, the excerpt is all there is.)"""
        started = pending.event.time
        return pending.opened_by == "compaction" and overflow_compaction_start(pending.event) \
            and started is not None and self.now is not None \
            and (self.now - started).total_seconds() < self.thresholds.warn_seconds

    def _name_unattributed_compaction(self, event: Event) -> None:
        """A compaction start that names its session or run, a few seconds after an overflow that named none:
        the same compaction, whose wait is now the named one."""
        for key, pending in list(self.pending_timeouts.items()):
            if pending.opened_by == "compaction" and pending.identity is None and _same_compaction(pending.event, event):
                del self.pending_timeouts[key]

    def _compaction_awaited_since(self, event: Event) -> bool:
        """Whether a compaction wait began at most a few seconds before ``event`` (or, untimed, at all)."""
        return any(pending.opened_by == "compaction" and _same_compaction(pending.event, event)
                   for pending in self.pending_timeouts.values())

    def _end_compaction_waits(self, name: str | None) -> None:
        """A compaction ended. Overflow recovery logs its start and its end with no session or run
        named, so an end that names none ends every overflow's wait (and any that named none): it cannot be
        matched closer. A named compaction start's wait stays: its own end names it."""
        if name is not None:
            self.pending_timeouts.pop(f"compaction:{name}", None)
            return
        for key, pending in list(self.pending_timeouts.items()):
            if pending.opened_by == "compaction" and (pending.identity is None or overflow_compaction_start(pending.event)):
                del self.pending_timeouts[key]

    def _clear_masked_run_timeout(self, cleanup: Event | None = None) -> None:
        """A cleanup whose ids the paste masked (``runId=<redacted>``), while exactly one run timeout with masked ids
        waits: it may be that run's, so the wait cannot claim that nothing cleaned the timeout up. (Masked ids still
        never merge the two lines' sessions.)"""
        masked = [key for key, pending in self.pending_timeouts.items()
                  if pending.opened_by == "run_timeout" and pending.identity is not None and is_line_only(pending.identity)]
        if len(masked) == 1:
            pending = self.pending_timeouts.pop(masked[0])
            # (the masked cleanup saying the run timed out, "run cleanup: ... timedOut=true", right after the one masked
            # timeout, with no tool seen: the run spent its whole budget and ended, RC01's reading of a lone timeout)
            if cleanup is not None and cleanup.kind == "run.cleanup" and cleanup.fields.get("timedOut") is True \
                    and pending.event.seconds.get("timeoutMs") \
                    and self._history_only(pending.identity, ("embedded.timeout",)):
                cleanup.seconds[TIMED_OUT_RUN_FIELD] = pending.event.seconds["timeoutMs"]

    def _end_timeouts_by_next_run(self, event: Event, identity: str, run_id: str) -> None:
        """Another run of the session under way while a run timeout still waits for its cleanup (the next run's start,
        its tools, its own timeout): a session runs one turn at a time, so the timed-out run let go of the session's
        lane, whatever lines a file kept at warn level leaves out. (RC15 reads the same of a next run that comes after
        the wait ended.) An active-memory recall runs beside the turn under its own run id, so its lines prove
        nothing."""
        if run_id.startswith("active-memory"):
            return
        for key, pending in list(self.pending_timeouts.items()):
            if pending.opened_by != "run_timeout" or pending.identity != identity or key.endswith(f":{run_id}"):
                continue
            began = pending.event.time
            if began is not None and event.time is not None and event.time <= began:
                continue
            if began is None and event.time is None and (pending.event.source != event.source
                                                         or pending.event.line >= event.line):
                continue
            del self.pending_timeouts[key]

    def _clear_run_timeouts(self, identity: str, run_id: str | None, cleanup: Event | None = None) -> None:
        if not self.pending_timeouts:
            return
        for key, pending in list(self.pending_timeouts.items()):
            if pending.identity == identity or (run_id is not None and key.endswith(f":{run_id}")):
                del self.pending_timeouts[key]
                # (the run's own end, failed, after its timeout: it used all of its time and gave no answer)
                # (or the run's cleanup saying so itself, "run cleanup: ... aborted=true timedOut=true", when the log
                # holds the whole run, from its start, and no tool in it, or the timeout alone: the budget went to the
                # model call)
                if cleanup is not None and pending.opened_by == "run_timeout" and pending.event.seconds.get("timeoutMs") \
                        and (cleanup.kind == "embedded.run_end" and cleanup.fields.get("stopReason") == "error"
                             or cleanup.kind == "run.cleanup" and cleanup.fields.get("timedOut") is True
                             and self._whole_run_without_tools(identity, run_id)):
                    cleanup.seconds[TIMED_OUT_RUN_FIELD] = pending.event.seconds["timeoutMs"]
            elif pending.identity is None and overflow_compaction_start(pending.event):
                # An overflow's compaction names no session: a run that ends after it may be its own (its
                # "auto-compaction succeeded" is info, absent from a file kept at warn), so the wait ends too.
                del self.pending_timeouts[key]

    def _history_only(self, identity: str | None, kinds: Collection[str]) -> bool:
        """Whether the session's kept history holds something, and nothing but lines of ``kinds`` (a lone run timeout,
        with or without its cleanup: the labelling policy "lone embedded run timeout")."""
        history = self.history.get(identity) if identity is not None else None
        return bool(history) and all(event.kind in kinds for event in history)

    def _whole_run_without_tools(self, identity: str, run_id: str | None) -> bool:
        """Whether the session's kept history holds ``run_id``'s start and no tool call of that run, or nothing of the
        session but the run's timeout (a lone timeout its cleanup follows: the run spent its budget, the labelling
        policy "lone embedded run timeout")."""
        if run_id is not None and self._history_only(identity, ("embedded.timeout", "run.cleanup")):
            return True
        started = False
        for event in self.history.get(identity) or ():
            if run_id is None or event.fields.get("runId") != run_id:
                continue
            if event.kind in RUN_TOOL_KINDS:
                return False
            started = started or event.kind in ("embedded.run_start", "embedded.agent_start")
        return started

    def _expire_run_timeouts(self, final: bool = False) -> list[Change]:
        """Pending signals whose window passed with no ending open a finding; at the end of the
        input, so does every one still waiting (the log ends too soon to show the ending)."""
        changes: list[Change] = []
        if not final and (self._pending_due is None or self.now is None or self.now < self._pending_due):
            return changes  # nothing is due yet: a sweep does not look at every pending signal
        self._pending_due = None
        for key, pending in list(self.pending_timeouts.items()):
            due = pending.deadline is not None and self.now is not None and self.now >= pending.deadline
            if final and not due and self._too_young_to_judge(pending):
                del self.pending_timeouts[key]
                continue
            if not (due or final):
                if pending.deadline is not None and (self._pending_due is None or pending.deadline < self._pending_due):
                    self._pending_due = pending.deadline
                continue
            del self.pending_timeouts[key]
            lone_in_paste = bool(pending.paste_lines_after)  # (RC15 declines it for want of a held line; RC01 reads it)
            if lone_in_paste:
                pending.event.seconds[LONE_IN_PASTE_FIELD] = pending.paste_lines_after
            if due and pending.opened_by == "compaction" and pending.event.time is not None and self.now is not None:
                # (a later line past its window, no end: the lines show the compaction open that long)
                pending.event.seconds[COMPACTION_HELD_FIELD] = (self.now - pending.event.time).total_seconds()
            identity = pending.identity or UNATTRIBUTED
            key_name, session_id, run_id = self.ids.resolve(pending.event)
            # (an incident the session's stall opened meanwhile, under its session key, is the same one)
            record = self._find_open(identity, key_name, session_id, run_id) if pending.identity else None
            record = record or self.open.get(identity) or self._reopen_if_late(identity, pending.event)
            if record is None:
                record = self._open(identity, pending.opened_by, pending.event)
                self._fill_names(record, key_name, session_id, run_id)
                record.evidence.add(pending.event)
                record.cut_short = not due
                # (the input's only fault line is the run timeout: "lone embedded run timeout", read by RC01/RC15)
                record.lone_timeout = pending.opened_by == "run_timeout" \
                    and (not self._other_lines or lone_in_paste)
                changes.append(Change("opened", record, "run timeout with no cleanup" if pending.opened_by == "run_timeout"
                                      else "compaction with no end"))
            for followup in pending.followups:
                record.evidence.add(followup)
        return changes

    # -- gateway ----------------------------------------------------------------------

    @staticmethod
    def _slow_response(event: Event) -> bool:
        # A compaction call is as slow as its compaction, a call that waits by design as long as what it waits for,
        # and a call that failed on its own timeout or error ("res ✗ node.invoke 30001ms ... errorMessage=node invoke
        # timed out", "res ✗ browser.request 10023ms errorCode=UNAVAILABLE ...") as long as its own work took: none
        # is a sign of a starved event loop.
        return event.seconds.get("durationMs", 0.0) >= SLOW_RESPONSE_SECONDS \
            and not waits_by_design(str(event.fields.get("method", ""))) \
            and not (event.fields.get("status") == "✗" and ("timed out" in event.message or "errorCode" in event.fields))

    def _on_repeat_note(self, note: Event) -> None:
        """A reporter's note that the gateway trouble just above it kept coming ("# repeats every
        ~35 min"): kept in that trouble's episode, where the rules may count it as a repeat."""
        trouble, episode = self._last_trouble, self.open_episode
        if trouble is None or episode is None or trouble.source != note.source or trouble.line >= note.line \
                or note.line - trouble.line > REPEAT_NOTE_REACH:
            return
        episode.evidence.add(note)

    def _closed_by_stop(self, event: Event) -> bool:
        """Whether a channel line comes within moments of a stop signal, no process started since (see
        :data:`CHANNEL_CLOSED_BY_STOP`)."""
        stop = self._stopping
        if stop is None:
            return False
        if stop.time is not None and event.time is not None:
            return timedelta(0) <= event.time - stop.time <= CHANNEL_CLOSED_BY_STOP
        return stop.source == event.source and 0 < event.line - stop.line <= CHANNEL_CLOSED_BY_STOP_LINES

    def _on_gateway_trouble(self, event: Event) -> None:
        self._last_trouble = event
        moment = event.time or self.now
        began = _trouble_since(event, moment)
        episode = self.open_episode
        if episode is not None and began is not None and episode.end is not None and began - episode.end > EPISODE_GAP:
            self.episodes.append(episode)
            episode = self.open_episode = None
        if episode is None and event.kind in RESTART_LOOP_PARTNERS:
            episode = self._resume_restart_loop(event)
        if episode is None:
            self._note_fault_after_run_timeouts()
            self._episode_seq += 1
            episode = self.open_episode = EpisodeRecord(self._episode_seq, began, moment)
            # (untimed markers too: in a paste without times, the order of lines is all there is)
            episode.markers.extend(m for m in self.markers if m.time is None or moment is None or moment - m.time <= EPISODE_GAP)
            episode.channel_side.extend(m for m in self._channel_side
                                        if m.time is None or moment is None or moment - m.time <= EPISODE_GAP)
        if moment is not None and began is not None:
            if episode.start is None or began < episode.start:
                episode.start = began
            if episode.end is None or moment > episode.end:
                episode.end = moment
        episode.evidence.add(event)
        seconds, fields = event.seconds, event.fields
        if event.kind == "liveness.warning":
            episode.peak("eventLoopDelayMaxMs", fields.get("eventLoopDelayMaxMs"))
            episode.peak("eventLoopDelayP99Ms", fields.get("eventLoopDelayP99Ms"))
            episode.peak("eventLoopUtilization", fields.get("eventLoopUtilization"))
            episode.peak("cpuCoreRatio", fields.get("cpuCoreRatio"))
        elif event.kind in ("ws.closed_before_connect", "ws.handshake_timeout"):
            episode.peak("handshakeDurationSeconds", seconds.get("durationMs"))
        elif event.kind == "health.restart":
            self._recall_channel_restarts(episode, event)
        elif event.kind == "ws.response":
            episode.peak("slowestResponseSeconds", seconds.get("durationMs"))
        elif event.kind == "timer.delayed":
            episode.peak("timerDelaySeconds", seconds.get("delayMs"))
        elif event.kind == AUTH_WARMED_KIND:
            episode.peak("eventLoopDelayMaxMs", fields.get("eventLoopMaxMs"))
        elif event.kind == "fetch.timeout":  # the file record's meta carries the starvation hint
            episode.peak("timerDelaySeconds", seconds.get("timerDelayMs"))
            start = self._last_start
            if start is not None and unnamed_fetch_timeout(event) and beside_start(start, event) \
                    and not any(s is start for s in episode.evidence.of(CHANNEL_START_KIND)):
                episode.evidence.add(start)

    def _keep_start_after_load_failure(self, start: Event) -> None:
        """A channel's provider starting after the open episode's report that its plugin was not loaded (``[channels]
        failed to load bundled channel telegram: Cannot find module 'grammy'``, then ``[telegram] [default] starting
        provider``) joins that episode: only a loaded channel plugin has a provider to start, so RC18 reads the start as
        the channel there after all. Any other start stays out."""
        episode = self.open_episode
        if episode is None:
            return
        root = channel_of(start).split(":", 1)[0].strip()
        if root and any(str(e.fields.get("plugin") or "") and channel_of(e).split(":", 1)[0].strip() == root
                        for e in episode.evidence.of("channel.exited")):
            episode.evidence.add(start)

    def _keep_start_beside_fetch_timeouts(self, start: Event) -> None:
        """A channel start beside a fetch timeout that names no request joins its episode: RC18 reads such a timeout
        as a start-up request of the channel starting (``[telegram] [acc1] starting provider`` between two ``fetch
        timeout reached; aborting operation``). A start with no such timeout beside it stays out: alone it is no
        fault."""
        self._last_start = start
        episode = self.open_episode
        if episode is not None and any(unnamed_fetch_timeout(e) and beside_start(start, e)
                                       for e in episode.evidence.of("fetch.timeout")):
            episode.evidence.add(start)

    def _start_loop(self, start: Event) -> None:
        """File a channel account's provider starts coming at a regular interval (three or more in a row, no gateway
        start, restart or shutdown line between them: START_LOOP_BREAKERS clears them) as gateway trouble of kind
        START_LOOP_KIND, dated back to the run's first start, with the run's starts as its episode's evidence."""
        if start.time is None or not provider_start(start):
            return
        account = channel_of(start)
        starts = self._provider_starts.get(account)
        if starts is None:
            if len(self._provider_starts) >= MAX_TRANSPORTS_TRACKED:
                return
            starts = self._provider_starts[account] = deque(maxlen=STARTS_KEPT)
        if starts and starts[-1].time is not None and abs(start.time - starts[-1].time) <= SAME_START:
            return  # (one start printed twice)
        starts.append(start)
        times = [s.time for s in starts if s.time is not None]
        step = regular_steps(times)
        if step is None:
            return
        first = len(times) - START_LOOP_STARTS
        while first > 0 and regular_steps(times[first - 1:first + START_LOOP_STARTS - 1]) is not None:
            first -= 1
        run = list(starts)[first:]
        loop = replace(start, kind=START_LOOP_KIND, fields={
            **start.fields, "starts": len(run), "stepSeconds": round(step.total_seconds()),
            "loopSpanMs": (start.time - times[first]) // timedelta(milliseconds=1)})
        self._on_gateway_trouble(loop)
        if self.open_episode is not None:
            for earlier in run:
                self.open_episode.evidence.add(earlier)

    def _resume_restart_loop(self, event: Event) -> EpisodeRecord | None:
        """The episode that ended with an earlier health-monitor restart of the same channel,
        reopened: a restart loop (the monitor restarts a stuck channel every few minutes or
        hours) is one episode, not one per restart."""
        if not self.episodes:
            return None
        previous = self.episodes[-1]
        channel = _channel_key(event)
        # (a channel that exits again, as builds without a supervisor log it, loops the same way)
        for restart in previous.evidence.of(*RESTART_LOOP_PARTNERS[event.kind]):
            if _channel_key(restart) == channel and _within(restart.time, event.time, RESTART_LOOP_WINDOW):
                self.episodes.pop()
                self.open_episode = previous
                return previous
        return None

    def _recall_channel_restarts(self, episode: EpisodeRecord, event: Event) -> None:
        """The health monitor restarts a stuck channel every few minutes or hours, further
        apart than one episode: the channel's earlier restarts join the episode of the latest,
        so a restart loop shows as one."""
        channel = f"{event.fields.get('channel', '')}:{event.fields.get('account', '')}"
        earlier = self.channel_restarts.get(channel)
        if earlier is None:
            earlier = deque(maxlen=6)
            self.channel_restarts.set(channel, earlier)
        in_episode = {(e.source, e.line) for e in episode.evidence.of("health.restart")}
        for previous in earlier:
            if (previous.source, previous.line) not in in_episode and _within(previous.time, event.time, RESTART_LOOP_WINDOW):
                episode.evidence.add(previous)
        earlier.append(event)

    def _note_channel_side(self, event: Event) -> None:
        """Keep a line no shape read that says a channel failed beside its drop (:func:`channel_side_line`): a few
        recent ones, and a few in the open episode, which RC18 reads to tell one drop alone from one with more."""
        event = bounded_event(event)
        self._channel_side.append(event)
        if self.open_episode is not None and len(self.open_episode.channel_side) < CHANNEL_SIDE_KEPT:
            self.open_episode.channel_side.append(event)

    def _on_lifecycle(self, event: Event) -> list[Change]:
        cut_wait = self._restart_wait_cut_by(event)
        self.markers.append(event)
        if self.open_episode is not None:
            self.open_episode.markers.append(event)
        if cut_wait is not None:
            return [*self._on_stop_during_restart_wait(event, cut_wait),
                    *(self._end_by_restart(event) if self._is_restart(event) else [])]
        pid = event.fields.get("pid")
        if event.kind == "gateway.listening" and isinstance(pid, int) and pid not in self.gateway_pids:
            self.gateway_pids.append(pid)
        stopping = _is_process_stop(event)
        if stopping:
            self._stopping = event
        elif event.kind in STARTED_KINDS:
            self._stopping = None
            self._open_plugin_tools.clear()  # (a new process: no tool call of the old one is still running)
            self._open_cli_runs.clear()
        if event.kind == "gateway.signal_action" and not stopping and self._held_stop is None:
            self._restart_wait = event  # (an in-process restart's drain: no stop is held, but the work gets its wait)
        if stopping and event.kind not in HARD_STOP_KINDS:
            self._hold_stop(event)
            changes = []
        else:
            changes = self._on_stop_with_runs_in_flight(event) if stopping else []
            if stopping and not changes and not self.open:
                changes = self._on_stop_with_plugin_tool_open(event) or self._on_stop_with_cli_run_open(event)
        return changes + (self._end_by_restart(event) if self._is_restart(event) else [])

    def _hold_stop(self, stop: Event) -> None:
        """A stop signal: the runs in flight at it are kept with it, and its verdict waits (STOP_SETTLES). A second
        stop line of the same stop (``received SIGTERM; shutting down`` after ``signal SIGTERM received``) adds the
        runs it finds to the first's."""
        found = self._runs_in_flight_at(stop)
        for _, last in found:
            self._interrupted.append((last.source, last.line))  # (read once: a later stop line does not find it again)
        held = self._held_stop
        if held is None:
            self._held_stop = HeldStop(stop, found, plugin_tool=not found and not self.open)
        else:
            held.runs.extend(found)

    def _stop_wait_marker(self) -> Event | None:
        """The marker whose wait the work in flight is in: the held stop's signal, else a restart's held by no stop
        (SIGUSR1), else none."""
        return self._held_stop.stop if self._held_stop is not None else self._restart_wait

    def _stop_settled_by(self, event: Event) -> bool:
        """Whether ``event`` decides the held stop (or ends the restart's wait held by none): the process gone or going
        with whatever still runs, or a line this long after the stop."""
        kind = event.kind
        if kind in PROCESS_GONE_KINDS or kind == "gateway.unit_lifecycle" and event.fields.get("stage") in UNIT_GONE_STAGES:
            return True
        stop = self._stop_wait_marker()
        assert stop is not None  # (called only while one is held)
        return kind != BATCH_KIND and event.time is not None and stop.time is not None \
            and event.time - stop.time > STOP_SETTLES

    def _settle_stop(self, by: Event | None = None, at_end: bool = False) -> list[Change]:
        """The held stop's verdict: each run in flight at it whose session shows no normal end since was cut (a
        finding on the session, the stop its evidence: Correlator._on_stop_with_runs_in_flight, and the drain's timeout
        that decided it, ``by``, with the work it still counted); with none in flight, a plugin-logged tool call still
        open (_on_stop_with_plugin_tool_open). ``at_end``: the input ended inside the stop's wait, before any line
        said how it ended (the process gone, the drain's outcome, the budget passed); each finding is marked
        ``cut_short`` (RC17 reads it as low confidence: the drain may have let the run finish)."""
        held, self._held_stop = self._held_stop, None
        assert held is not None
        stop = held.stop
        changes: list[Change] = []
        for identity, last in held.runs:
            # (the session's later lines may be kept under another of its names, learned since: a stall warning naming
            # its key beside the run lines' sessionId)
            aliases = self._aliases(identity, *self.ids.resolve(last))
            if any(alias in self.open for alias in aliases) or self._finished_since(aliases, last, stop):
                continue
            record = self._open(identity, STOPPED_RUN, stop)
            self._fill_names(record, *self.ids.resolve(last))  # (the stop names no session: the cut run's line does)
            record.evidence.add(stop)
            if by is not None and by.kind == "gateway.drain_timeout":
                record.evidence.add(by)
            self._touch(record, stop)
            changes.append(Change("opened", record, "the gateway process was stopped while the session's run was in flight"))
        if held.plugin_tool and not changes and not self.open:
            changes = self._on_stop_with_plugin_tool_open(stop) or self._on_stop_with_cli_run_open(stop)
        for change in changes if at_end else ():
            change.incident.cut_short = True
        return changes

    def _finished_since(self, aliases: list[str], last: Event, stop: Event) -> bool:
        """Whether the session's kept history, under any of its names (``aliases``), holds a normal end of its run after
        ``last`` (its last run line at the stop), at most STOP_SETTLES after the stop; in a history ``last`` is not in
        (left the ring, or kept under the session's other name), an end after the stop."""
        mark = (last.source, last.line)
        for identity in aliases:
            history = self.history.get(identity) or ()
            seen = any((e.source, e.line) == mark for e in history)
            after = not seen
            for event in history:
                if not after:
                    after = (event.source, event.line) == mark
                    continue
                if not seen and not _shortly_before(stop, event):
                    continue
                if finished_normally(event) and (stop.time is None or event.time is None
                                                  or event.time - stop.time <= STOP_SETTLES):
                    return True
        return False

    def _on_turn_cut(self, event: Event, names: Names | None) -> list[Change]:
        """A Codex turn whose app-server client closed before the turn completed, within moments of a stop of the
        process: the stop cut the turn (RC17), a finding of its own on the session it names (or unattributed), with
        the stop as its evidence. Outside a stop the line is left to the rules that read the session."""
        stop = self._stopping
        if stop is None or not _shortly_before(stop, event, TURN_CUT_BY_STOP):
            return []
        identity = next((name for name in names or () if name), None) or UNATTRIBUTED
        if identity in self.open:
            self.open[identity].evidence.add(event)
            return []
        record = self._open(identity, STOPPED_RUN, stop)
        record.evidence.add(stop)
        record.evidence.add(event)
        self._touch(record, event)
        return [Change("opened", record, "the gateway process was stopped while a Codex turn was in flight")]

    def _on_stop_with_runs_in_flight(self, stop: Event) -> list[Change]:
        """The process stopping while a session's run was still going: its last run line a start or a tool's step
        (no end, no error, no reply after it) within IN_FLIGHT_WINDOW before the stop. The stop cut that run (RC17):
        a finding on the session, with the stop as its evidence. Sessions with an incident open already are left to
        it (the restart ends it)."""
        changes: list[Change] = []
        for identity, last in self._runs_in_flight_at(stop):
            self._interrupted.append((last.source, last.line))
            record = self._open(identity, STOPPED_RUN, stop)
            self._fill_names(record, *self.ids.resolve(last))  # (the stop names no session: the cut run's line does)
            record.evidence.add(stop)
            self._touch(record, stop)
            changes.append(Change("opened", record, "the gateway process was stopped while the session's run was in flight"))
        return changes

    def _note_plugin_tool(self, event: Event) -> None:
        """Keep a channel plugin's tool call open until its end: a done or fail line of the same channel and tool ends
        the oldest such call still open."""
        if event.kind == PLUGIN_TOOL_CALL_KIND:
            self._open_plugin_tools.append(bounded_event(event))
            return
        same = (event.fields.get("channel"), event.fields.get("tool"))
        for call in self._open_plugin_tools:
            if (call.fields.get("channel"), call.fields.get("tool")) == same:
                self._open_plugin_tools.remove(call)
                return

    def _on_stop_with_plugin_tool_open(self, stop: Event) -> list[Change]:
        """The process stopping with a channel plugin's tool call still open (no done or fail line for it) at most
        PLUGIN_TOOL_CUT_WINDOW before, and no run of any session ending since: the stop cut that call's run (RC17), a
        finding with no session named (the plugin's line names none), the call and the stop its evidence. For a build
        that logs no embedded run lines, the only line of a run in flight."""
        call = self._open_plugin_tools[-1] if self._open_plugin_tools else None
        if call is None or not self._cut_by_stop(call, stop, PLUGIN_TOOL_CUT_WINDOW):
            return []
        record = self._open_cut_run(call, stop)
        return [Change("opened", record, "the gateway process was stopped while a plugin-logged tool call was open")]

    def _cut_by_stop(self, line: Event, stop: Event, window: timedelta) -> bool:
        """Whether ``line``, the start of a run that names no session (a plugin's tool call, a CLI backend's run) and
        is still open, came at most ``window`` before ``stop``, is not yet read as cut, and no run of any session
        ended between them."""
        return line.time is not None and _shortly_before(line, stop, window) \
            and (line.source, line.line) not in self._interrupted and not self._run_ended_since(line, stop)

    def _open_cut_run(self, line: Event, stop: Event) -> IncidentRecord:
        """The finding, with no session named, of a run ``stop`` cut: ``line`` (its start) and the stop its evidence."""
        self._interrupted.append((line.source, line.line))
        record = self._open(UNATTRIBUTED, STOPPED_RUN, stop)
        record.evidence.add(line)
        record.evidence.add(stop)
        self._touch(record, stop)
        return record

    def _note_cli_run(self, event: Event) -> None:
        """Keep a CLI backend's run open until its own end: an end line closes the oldest run still open of the same
        provider (of any, when it names none or none of its provider is open)."""
        if event.kind == CLI_RUN_START_KIND:
            self._open_cli_runs.append(bounded_event(event))
            return
        self._cli_end_seen = True
        provider = event.fields.get("provider")
        run = next((r for r in self._open_cli_runs if provider and r.fields.get("provider") == provider),
                   self._open_cli_runs[0] if self._open_cli_runs else None)
        if run is not None:
            self._open_cli_runs.remove(run)

    def _on_stop_with_cli_run_open(self, stop: Event) -> list[Change]:
        """The process stopping with a CLI backend's run still open (its ``cli exec`` with no end of its own) at most
        CLI_RUN_CUT_WINDOW before, and no run of any session ending since: the stop cut that run (RC17), a finding with
        no session named (the CLI lines name none), the run's start and the stop its evidence."""
        run = self._open_cli_runs[-1] if self._open_cli_runs else None
        if run is None or not self._cut_by_stop(run, stop, CLI_RUN_CUT_WINDOW):
            return []
        # (builds before "cli turn:" log no end of a run that went well: where the input holds no CLI run's end, a
        # reply delivered after the start is the run's answer going out, and with none the run may still have ended
        # well before the stop: the finding says so, at low confidence; h62)
        unlogged = not self._cli_end_seen
        if unlogged and self._last_delivered is not None and run.time < self._last_delivered \
                and (stop.time is None or self._last_delivered <= stop.time):
            return []
        record = self._open_cut_run(run, stop)
        record.cli_end_unlogged = unlogged
        return [Change("opened", record, "the gateway process was stopped while a CLI backend run was in flight")]

    def _run_ended_since(self, since: Event, stop: Event) -> bool:
        """Whether a session's kept history holds a run's end (RUN_OVER_KINDS) after ``since`` and up to ``stop``."""
        for _, history in self.history.items():
            newest = history[-1] if history else None
            if newest is None or newest.time is None or since.time is None or newest.time <= since.time:
                continue
            if any(e.kind in RUN_OVER_KINDS and e.time is not None and since.time < e.time
                   and _shortly_before(e, stop, PLUGIN_TOOL_CUT_WINDOW) for e in reversed(history)):
                return True
        return False

    def _runs_under_way(self, at: Event) -> list[Event]:
        """The start lines (``embedded run start``) of the runs the kept histories show started at or before ``at`` and
        not ended by then (no ``embedded run done|end`` of the same runId at or before it); timed lines only."""
        if at.time is None:
            return []
        found = []
        for _, history in self.history.items():
            ended = {e.fields.get("runId") for e in history
                     if e.kind in ("embedded.run_done", "embedded.run_end") and e.time is not None and e.time <= at.time}
            found.extend(e for e in history if e.kind == "embedded.run_start" and e.time is not None
                         and e.time <= at.time and e.fields.get("runId") not in ended)
        return found

    def _run_end_since(self, start: Event, since: Event) -> Event | None:
        """The end line (``embedded run done|end`` of its runId) of the run ``start`` began, after ``since``, in the
        kept histories; None when there is none yet (timed lines only)."""
        run_id = start.fields.get("runId")
        if not run_id or since.time is None:
            return None
        for _, history in self.history.items():
            for e in history:
                if e.kind in ("embedded.run_done", "embedded.run_end") and e.fields.get("runId") == run_id \
                        and e.time is not None and e.time >= since.time:
                    return e
        return None

    def _run_ended_well_since(self, start: Event, since: Event) -> bool:
        """Whether the run ``start`` began ended after ``since`` with no abort or error (:func:`_run_ended_well`)."""
        end = self._run_end_since(start, since)
        return end is not None and _run_ended_well(end)

    def _retry_heal_pending(self, record: IncidentRecord, cleanup: Event) -> bool:
        """Whether an unattributed same-model retry's incident waits on other runs: several runs were under way at its
        first line, ``cleanup`` is a good end (of one of them, or naming no run), and another of them has not ended
        yet (h58: its end, good or not, decides whether any of them hung)."""
        lines = sorted(record.evidence.all(), key=event_order)
        if not lines or not any(retries_same_model(e) for e in lines) or not _run_ended_well(cleanup):
            return False
        runs = self._runs_under_way(lines[0])
        ours = cleanup.fields.get("runId")
        return len(runs) > 1 and (not ours or any(_same_run_id(start, cleanup) for start in runs)) \
            and any(not _same_run_id(start, cleanup) and self._run_end_since(start, lines[0]) is None
                    for start in runs)

    def _runs_in_flight_at(self, stop: Event) -> list[tuple[str, Event]]:
        """(identity, its last run line) of each session whose run was in flight at ``stop``, not yet reported."""
        found = []
        stale = 0  # sessions in a row (most recently touched first) with nothing in the window: the rest are older
        for identity, history in self.history.items():
            newest = history[-1] if history else None
            if newest is not None and newest.time is not None and stop.time is not None \
                    and stop.time - newest.time > IN_FLIGHT_WINDOW:
                stale += 1
                if stale >= STALE_HISTORIES_SCANNED:
                    break
                continue
            stale = 0
            if identity in self.open:
                continue
            last = next((e for e in reversed(history) if e.kind in IN_FLIGHT_KINDS or e.kind in RUN_OVER_KINDS), None)
            if last is not None and _in_flight(last) and _shortly_before(last, stop, IN_FLIGHT_WINDOW) \
                    and (last.source, last.line) not in self._interrupted:
                found.append((identity, last))
        return found

    def _restart_wait_cut_by(self, event: Event) -> Event | None:
        """The restart wait (a drain or a deferred reload still counting active embedded runs) that ``event``, a stop
        of the process, cut short; None when ``event`` is no stop or the last lifecycle line before it is not such a
        wait (the new process started, the drain ended, the restart went on)."""
        if not _is_process_stop(event):
            return None
        for marker in reversed(self.markers):
            if _is_process_stop(marker):
                continue  # (systemd's kill follows its own stop timeout: one stop)
            if marker.kind not in RESTART_WAIT_KINDS or _runs_waited_for(marker) <= 0:
                return None
            if marker.time is not None and event.time is not None:
                budget = marker.seconds.get("timeoutMs")
                reach = timedelta(seconds=budget) if budget else DEFAULT_DRAIN_BUDGET
                if not timedelta(0) <= event.time - marker.time <= reach:
                    return None
            return marker
        return None

    def _on_stop_during_restart_wait(self, stop: Event, wait: Event) -> list[Change]:
        """The stop as evidence of the one open incident, or of a gateway-wide finding of its own."""
        record = next(iter(self.open.values())) if len(self.open) == 1 else self.open.get(UNATTRIBUTED)
        changes: list[Change] = []
        if record is None:
            if self.open:
                return changes
            record = self._open(UNATTRIBUTED, "signal", stop)
            changes.append(Change("opened", record, "the gateway was stopped while a restart waited on active runs"))
        if wait not in record.prelude:
            record.prelude.append(wait)
        record.evidence.add(stop)
        self._touch(record, stop)
        return changes

    @staticmethod
    def _is_restart(event: Event) -> bool:
        """A marker that the gateway process that held the sessions is going away (a restart or
        shutdown) or has been replaced (a new process is listening)."""
        if event.kind == "gateway.signal_action":
            return True
        return event.kind in ("gateway.restart_mode", "gateway.listening", "gateway.ready")

    def _end_by_restart(self, marker: Event) -> list[Change]:
        """Stalls open when the gateway restarts end with it: the new process holds no run."""
        moment = marker.time
        if moment is None or not self.open:
            return []
        changes = []
        for record in list(self.open.values()):
            started = record.first_warning or record.opened_at
            if started is None or started > moment + OUT_OF_ORDER_SLACK:
                continue
            self._close(record, RecordStatus.RESTART, marker, f"ended by gateway restart ({_describe_marker(marker)})")
            changes.append(Change("closed", record, record.close_reason))
        return changes

    # -- bookkeeping --------------------------------------------------------------------

    def _open(self, identity: str, opened_by: str, event: Event) -> IncidentRecord:
        # (a waiting signal's own expiry is no later line; a model call's timeout, its profile rotating on it, agrees
        # with a timeout's reading as the run's spent budget: it is no other fault)
        if opened_by not in ("run_timeout", "compaction") and event.kind != "model.profile_timeout" \
                and not model_call_timed_out(event):
            self._note_fault_after_run_timeouts()
        if len(self.open) >= self.limits.max_open_incidents:
            self._evict_oldest()
        self._seq += 1
        moment = event.time or self.now
        record = IncidentRecord(self._seq, identity, opened_by, opened_at=moment, last_activity=moment,
                                thresholds=self.thresholds)
        record.prelude = self._history_for(identity, *self.ids.resolve(event), moment)
        for earlier in record.prelude:
            self._note_model(record, earlier)
            earlier.compact()
        if opened_by != "warning" and moment is not None:
            # a signal that reports how long it waited (a lane wait; a lane task that held its lane until its model
            # call timed out, src/process/command-queue.ts logging the task's own durationMs) dates the stall's start back
            waited = event.seconds.get("waitedMs", 0.0) if event.kind == "lane.wait_exceeded" else \
                event.seconds.get("durationMs", 0.0) if lane_held_until_model_timeout(event, self.thresholds.warn_seconds) \
                else BREAKER_WAIT.total_seconds() if event.kind == BREAKER_KIND else 0.0
            record.start = moment - timedelta(seconds=waited)
        if moment is not None:
            since = (record.start or moment) - EPISODE_GAP
            if opened_by == "warning":  # the stall began `age` before its first warning: what led up to that
                began = moment - timedelta(seconds=event.seconds.get("age", 0.0))
                since = min(since, max(began - EPISODE_GAP, moment - PRELUDE_WINDOW))
            if opened_by == "run_timeout":  # what ran under the timed-out run (a compaction that never ended)
                since = min(since, moment - timedelta(seconds=min(event.seconds.get("timeoutMs", 0.0), MAX_RUN_SPAN)))
            record.prelude.extend(e for e in self.unattributed if e.time and since <= e.time <= moment)
        if opened_by == "recovery" and "age" in event.seconds:
            record.prelude.extend(e for e in self._unnamed_run_lines(event) if e not in record.prelude)
        self.open[identity] = record
        return record

    def _unnamed_run_lines(self, recovery: Event) -> list[Event]:
        """The kept run lines that name no session (see UNNAMED_PROGRESS_KINDS) a recovery line's ``age`` reaches:
        dated inside the span it counts, or, for an undated recovery, undated CLI lines above it in the same file."""
        if recovery.time is None:
            return [e for e in self.unnamed_run if e.time is None and e.kind in CLI_BACKEND_KINDS
                    and e.source == recovery.source and e.line < recovery.line]
        began = recovery.time - timedelta(seconds=recovery.seconds["age"])
        # (a CLI turn's start is logged as its run begins: a detector tick's slack for the second it is dated to)
        return [e for e in self.unnamed_run if e.time is not None and e.time <= recovery.time
                and began - (DETECTOR_TICK if e.kind in CLI_BACKEND_KINDS else timedelta(0)) <= e.time]

    def _aliases(self, identity: str, key: str | None, session_id: str | None, run_id: str | None) -> list[str]:
        names = [identity, identity_of(key, None, None), identity_of(None, session_id, None), identity_of(None, None, run_id)]
        return [name for name in dict.fromkeys(names) if name]

    def _find_open(self, identity: str, key: str | None, session_id: str | None, run_id: str | None) -> IncidentRecord | None:
        """The open incident under any of the session's names, re-keyed to its best name.

        A stall first seen by sessionId alone joins the sessionKey's incident once a line
        links the two."""
        if not self.open:
            return None
        for alias in self._aliases(identity, key, session_id, run_id):
            record = self.open.get(alias)
            if record is None:
                continue
            if alias != identity and identity.startswith("key:") and identity not in self.open:
                del self.open[alias]
                record.identity = identity
                self.open[identity] = record
            return record
        return None

    def _history_for(self, identity: str, key: str | None, session_id: str | None, run_id: str | None,
                     moment: datetime | None) -> list[Event]:
        merged: dict[tuple[str, int], Event] = {}
        for alias in self._aliases(identity, key, session_id, run_id):
            for event in self.history.get(alias) or ():
                if _within(event.time, moment, PRELUDE_WINDOW):
                    merged.setdefault((event.source, event.line), event)
        return sorted(merged.values(), key=event_order)

    def _cooled(self, record: IncidentRecord) -> None:
        """``record`` left :attr:`last_closed`: unless it is open again or an evicted stall that
        may resume, no later line can reach it, and once more than
        :attr:`CorrelatorLimits.closed_in_memory` closed incidents are held, the coldest go to disk."""
        if record.is_open or self.evicted_stalls.get(record.identity) is record:
            return
        self._cold.append(record)
        limit = self.limits.closed_in_memory
        while self._cold and len(self.closed) > limit:
            coldest = self._cold.popleft()
            if not coldest.is_open and not self.last_closed.holds(coldest) \
                    and self.evicted_stalls.get(coldest.identity) is not coldest:
                self.closed.spill(coldest)

    def _evict_oldest(self) -> None:
        oldest = self._eviction.oldest(self.open, recheck_untimed=self.now is not None)
        if oldest is None:  # not expected: every open record is queued when it is opened
            oldest = min(self.open.values(), key=lambda r: (timestamp_or_inf(r.last_activity), r.seq))
        self.evicted += 1
        self._close(oldest, RecordStatus.EVICTED, None, "evicted: too many open incidents")
        self.evicted_stalls[oldest.identity] = oldest

    def _close(self, record: IncidentRecord, status: RecordStatus, event: Event | None, reason: str) -> None:
        record.status = status
        record.closed_by = event
        record.close_reason = reason
        if status in (RecordStatus.HEALTHY, RecordStatus.RESTART) and event is not None:
            record.end = event.time or self.now
        elif status is RecordStatus.SILENT:
            record.end = record.last_warning or record.last_activity
            acted = [r.time for r in record.recoveries if r.acted and r.time is not None]
            if acted and (record.end is None or max(acted) > record.end):
                record.end = max(acted)  # the recovery after the last warning is what ended it
        else:
            record.end = None
            if status is RecordStatus.END_OF_INPUT:
                record.input_end = self.now
        self._decide_recoveries(record)
        record.compact_events()
        self.open.pop(record.identity, None)
        self.closed.append(record)
        self.last_closed.set(record.identity, record)
        self._recently_closed = record

    def _decide_recoveries(self, record: IncidentRecord) -> None:
        for recovery in record.recoveries:
            if recovery.decided:
                continue
            recovery.verdict, recovery.verdict_reason = self._verdict(record, recovery)

    def _verdict(self, record: IncidentRecord, recovery: RecoveryRecord) -> tuple[RecoveryVerdict, str]:
        """What a recovery did, judged when its incident closes (see docs/json-schema.md)."""
        status = record.status
        queued = recovery.queue_depth or 0
        if status in (RecordStatus.HEALTHY, RecordStatus.SILENT):
            if recovery.wiped:
                flags = " ".join(f"{name}={str(value).lower()}" for name, value in
                                 (("forceCleared", recovery.force_cleared), ("drained", recovery.drained)) if value is not None)
                return RecoveryVerdict.FORCE_CLEARED, f"the session's state was force-cleared ({flags})"
            if status is RecordStatus.HEALTHY:
                return RecoveryVerdict.FREED, f"session healthy again: {record.close_reason}"
            if recovery.released == 0 and queued > 0:
                return RecoveryVerdict.NOT_FREED, f"released=0 with {queued} queued, and no queued work drained"
            return RecoveryVerdict.FREED, "stall warnings stopped after it"
        if status is RecordStatus.RESTART:
            return RecoveryVerdict.UNKNOWN, "the gateway restarted before its effect showed"
        if recovery.wiped and status is RecordStatus.END_OF_INPUT:
            return RecoveryVerdict.FORCE_CLEARED, "the session's state was force-cleared; the log ends before any later warning"
        if recovery.time and self.now and self.now - recovery.time < RECOVERY_GRACE:
            return RecoveryVerdict.UNKNOWN, f"the log ends {(self.now - recovery.time).total_seconds():.0f} s after it"
        if recovery.released == 0 and queued > 0:
            return RecoveryVerdict.NOT_FREED, "released=0 with queued work, and the session never became healthy"
        return RecoveryVerdict.UNKNOWN, "the log ends before the effect shows"

    def _sweep(self, final: bool = False) -> list[Change]:
        """Close incidents whose warnings stopped; expire run-timeout windows."""
        if self.now is None:
            return []
        if not final and self._last_sweep is not None and self.now - self._last_sweep < SWEEP_EVERY:
            return []
        previous_sweep, self._last_sweep = self._last_sweep, self.now
        changes = self._expire_run_timeouts()
        if final:
            candidates = list(self.open.values())
        else:
            for record in self._silences.held(self.open):
                if record.silence_deadline() is not None and self._heartbeat_spoke_after(record):
                    record.silence_hold = None
                    self._silences.changed(record)
            candidates = self._silences.due(self.now, self.open)
        for record in candidates:
            deadline = record.silence_deadline()
            if deadline is not None and record.silence_hold is not None and self._heartbeat_spoke_after(record):
                record.silence_hold = None
                deadline = record.silence_deadline()
            if deadline is None or self.now <= deadline:
                continue
            if not final and self._hold_silence(record, deadline, previous_sweep):
                self._silences.changed(record)
                continue
            reason = "stall warnings stopped" if record.last_warning else "no further errors"
            self._close(record, RecordStatus.SILENT, None, reason)
            changes.append(Change("closed", record, reason))
        return changes

    def _heartbeat_spoke_after(self, record: IncidentRecord) -> bool:
        anchor = record.last_warning or record.last_activity
        return anchor is not None and self.heartbeat_seen is not None \
            and self.heartbeat_seen > anchor + HEARTBEAT + HEARTBEAT_JITTER

    def _hold_silence(self, record: IncidentRecord, deadline: datetime, previous_sweep: datetime | None) -> bool:
        """Whether the warnings' silence says nothing because the gateway could not speak: the
        log itself fell silent across the deadline (the clock jumped over it: nothing was
        written, so no heartbeat ran), or gateway trouble (starvation, handshake or connect
        timeouts) went on after the last warning. The incident then waits for a heartbeat
        that could run: one cadence after the log resumes or the trouble stops."""
        now = self.now
        assert now is not None
        if self._heartbeat_spoke_after(record):
            return False  # a later heartbeat ran and said nothing of this session
        anchor = record.last_warning or record.last_activity
        # Only the gap across the warnings' own deadline counts (once): a sparse log whose every
        # line is minutes apart must not hold the incident open forever.
        cadence = record._cadence_deadline()
        if previous_sweep is not None and cadence is not None and previous_sweep < cadence <= now \
                and now - previous_sweep > HEARTBEAT and record.silence_hold is None:
            record.silence_hold = now + HEARTBEAT + SILENCE_SLACK
            return True
        episode = self.open_episode
        if episode is not None and episode.end is not None and anchor is not None and episode.end >= anchor \
                and now - episode.end <= HEARTBEAT + SILENCE_SLACK:
            record.silence_hold = episode.end + HEARTBEAT + SILENCE_SLACK
            return True
        return False

    def _touch(self, record: IncidentRecord, event: Event) -> None:
        moment = event.time
        if moment is not None and (record.last_activity is None or moment > record.last_activity):
            record.last_activity = moment
            self._silences.changed(record)

    @staticmethod
    def _note_model(record: IncidentRecord, event: Event) -> None:
        model = event.fields.get("model")
        if event.kind != "embedded.run_start" or not isinstance(model, str) or len(record.models) >= 10:
            return
        provider = event.fields.get("provider")
        record.models[f"{provider}/{model}" if isinstance(provider, str) else model] = None

    @staticmethod
    def _fill_names(record: IncidentRecord, key: str | None, session_id: str | None, run_id: str | None) -> None:
        if key and record.session_key is None:
            record.session_key = key
        if session_id and record.session_id is None and session_id.lower() != "unknown":
            record.session_id = session_id
        record.note_run(run_id)

    def _note_build(self, event: Event) -> None:
        """Hints about the OpenClaw build generation (see stuckscan.classifier.infer_build).
        Called only for BUILD_HINT_KINDS: a kind inspected here must be listed there."""
        kind = event.kind
        if kind in ATTENTION_LABELS:
            fields = event.fields
            if "reason" not in fields:
                # only a whole line says the build wrote no reason (a paste may have cut it)
                if "age" in fields and "…" not in event.message and "..." not in event.message:
                    self.build_hints["attention-without-reason"] += 1
            elif "classification" not in fields:
                self.build_hints["attention-reason-without-classification"] += 1
            elif "lastProgress" not in fields:
                self.build_hints["attention-classification-without-progress"] += 1
            else:
                self.build_hints["attention-with-progress"] += 1
            if "repeatedRequestNoProgressAge" in fields:
                self.build_hints["repeated-request-age"] += 1
        elif kind == "ws.handshake_timeout" and "phase" in event.fields:
            self.build_hints["handshake-phase"] += 1
        elif kind == "liveness.heartbeat_delayed":
            self.build_hints["heartbeat-delayed"] += 1
        elif kind == "gateway.listening":
            self.build_hints["listening-line"] += 1
        elif kind == "gateway.ready":
            self.build_hints["ready-line"] += 1
        elif kind == "recovery.outcome":
            self.build_hints["recovery-outcome"] += 1


# Lines that measure how long their trouble had lasted when they were written: the liveness sample's longest pause, a
# heartbeat tick's lateness, a timer's delay and the thaw routine's frozen span (the loop or the process held, each
# ended by then), and a provider's start loop's span since the first start of its run.
TROUBLE_SPANS = {"liveness.warning": "eventLoopDelayMaxMs", "liveness.heartbeat_delayed": "overdue",
                    "timer.delayed": "delayMs", "host.timing_gap": "frozenMs", START_LOOP_KIND: "loopSpanMs"}


def _trouble_since(event: Event, moment: datetime | None) -> datetime | None:
    """When the trouble a line reports began at the latest. A liveness warning is written after the sample it
    measured: its longest event-loop pause (``eventLoopDelayMaxMs``, the delay histogram's maximum over the
    interval) had ended by then, so the loop was blocked from that long before the line at the latest
    (src/logging/diagnostic.ts writes the sample's figures); a late heartbeat tick, a late timer, a thaw and a start
    loop measure their span the same way (TROUBLE_SPANS). Other lines date their trouble to their own time."""
    measure = TROUBLE_SPANS.get(event.kind)
    if moment is None or measure is None:
        return moment
    pause = event.fields.get(measure)
    if not isinstance(pause, (int, float)) or pause <= 0:
        return moment
    return moment - timedelta(milliseconds=float(pause))


def _in_flight(run_line: Event) -> bool:
    """Whether a session's last run line (IN_FLIGHT_KINDS or RUN_OVER_KINDS) leaves its run going: a start or a step,
    or the session's state still ``processing``."""
    if run_line.kind == "session.state":
        return run_line.fields.get("state") == "processing"
    return run_line.kind in IN_FLIGHT_KINDS


def finished_normally(event: Event) -> bool:
    """Whether a session's line is its run's normal end: the state back to idle, or an end (RUN_FINISHED_KINDS) that
    says no abort or failure (:func:`_failed_work`)."""
    if event.kind == "session.state":
        return event.fields.get("state") == "idle"
    return event.kind in RUN_FINISHED_KINDS and not _failed_work(event)


# The idle watchdog's same-model retry (src/agents/pi-embedded-runner/run/assistant-failover.ts, agent/embedded, warn):
# "[llm-idle-timeout] <provider>/<model> produced no reply before the idle watchdog; retrying same model", logged when an
# attempt timed out on its idle watchdog (timedOut and idleTimedOut) outside a compaction, with no fallback model
# configured, on a run that can restart, under MAX_SAME_MODEL_IDLE_TIMEOUT_RETRIES (run/assistant-failure.ts): the run
# re-issues the same call. No failover decision is logged for it; the rotation step before it prints "Profile <id> timed
# out. Trying next account..." (newer builds "... idle timeout (model silent). ...") even when no other profile was there.
SAME_MODEL_RETRY = "retrying same model"
# The same step in the builds between (assistant-failover.ts, stored id 54608838550; run/assistant-failure.ts, id
# 55014944548): "[llm-timeout] <provider>/<model> hit idle watchdog|request timeout; retrying same profile before
# auth-profile rotation" (read as model.profile_timeout), logged instead of the rotation's "Profile <id> timed out. ..."
# when an attempt that timed out (its idle watchdog or not) outside a compaction or a tool call, on a run that can
# restart, is re-issued on the same profile, once per run (MAX_SAME_MODEL_TIMEOUT_RETRIES 1): the same run retrying.
# Nothing is logged when the retry succeeds; one that times out again rotates the profile ("Profile <id> timed out.
# ..."), throws to a fallback model or surfaces the error (a failover decision line).
SAME_PROFILE_RETRY = "retrying same profile"
_FAULT_LEVELS = frozenset({"warn", "warning", "error", "fatal", "critical"})


def retries_same_model(event: Event) -> bool:
    """The idle watchdog's same-model retry line (:data:`SAME_MODEL_RETRY`), or a timed-out attempt's same-profile
    retry (:data:`SAME_PROFILE_RETRY`)."""
    action = event.fields.get("action")
    if not isinstance(action, str):
        return False
    if event.kind == "llm.idle_timeout":
        return action.startswith(SAME_MODEL_RETRY)
    return event.kind == "model.profile_timeout" and action.startswith(SAME_PROFILE_RETRY)


def _retried_attempt_line(event: Event) -> bool:
    """A line of the attempt a same-model retry answers: the watchdog's own readings (its error on the attempt's end,
    the abort cause, the retry line) and the auth profile's timeout. Not the reply the user is told ("The model did not
    produce a response before the model idle timeout": the run ended on it) nor a stream's first-event timeout (another
    timer)."""
    if event.kind == "embedded.agent_end":
        return "LLM idle timeout" in f"{event.message} {event.fields.get('error') or ''}"
    if event.kind == "llm.idle_timeout":
        return "did not produce a response" not in event.message and "did not deliver a first SSE" not in event.message
    return event.kind == "model.profile_timeout"


def _run_ended_well(end: Event) -> bool:
    """A run's own end with no abort or error (its end, its lane task done, its message processed, its session back to
    idle on the run's completion, ``new=idle reason="run_completed"``): not an attempt's end, which a retry follows."""
    if end.kind == "session.state":
        return "idle" in (end.fields.get("new"), end.fields.get("state")) and end.fields.get("reason") == "run_completed"
    return end.kind != "embedded.agent_end" and end.fields.get("stopReason") not in ("error", "aborted") \
        and finished_normally(end)


def retry_healed_idle_timeouts(record: IncidentRecord, end: Event,
                               under_way: Callable[[Event], list[Event]] | None = None,
                               ended_well: Callable[[Event, Event], bool] | None = None) -> list[Event]:
    """The idle-timeout lines of an incident that ``end`` closes, when the run retried the same model and ``end`` is
    that run ending well, else none: no stall warning or recovery, at least one same-model retry line
    (:func:`retries_same_model`), every warning or error line of the incident a reading of the attempts the retries
    answer (:func:`_retried_attempt_line`) at or before the last retry, and ``end`` (after it) the same run: the runId
    (else the sessionId) the lines name, when both name one; when the lines name neither, a run whose stated duration
    reaches back to them (under way at the timeout), and, when ``under_way`` (the correlator's
    :meth:`Correlator._runs_under_way`) shows the runs started and not ended at the first line, the one such run (h57:
    another session's run ending well heals nothing; with several under way the lines cannot tell which one hung, so
    ``end`` must be one of them and ``ended_well`` (:meth:`Correlator._run_ended_well_since`) must show every other
    one's own good end after the lines, h58: a busy bot's model silent once, every run then answered). An
    idle timeout after the last retry (the retry timed out too), a failover decision, an error end, the run's timeout,
    a stall warning, or no end leaves them a hang's."""
    if record.warning_count or record.recoveries or not _run_ended_well(end):
        return []
    here = (end.source, end.line)
    lines = sorted({(e.source, e.line): e for e in (*record.prelude, *record.evidence.all())
                    if (e.source, e.line) != here}.values(), key=event_order)
    retries = [e for e in lines if retries_same_model(e)]
    if not retries or event_order(end) <= event_order(retries[-1]):
        return []
    last = event_order(retries[-1])
    faults = [e for e in lines if e.level in _FAULT_LEVELS or _retried_attempt_line(e)]
    if any(event_order(e) > last or not _retried_attempt_line(e) for e in faults):
        return []
    return faults if _same_run(faults, end, under_way, ended_well) else []


def _same_run_id(start: Event, end: Event) -> bool:
    """Whether ``end`` names the run ``start`` began (its runId)."""
    ours = end.fields.get("runId")
    return bool(ours) and ours == start.fields.get("runId")


def _same_run(lines: list[Event], end: Event, under_way: Callable[[Event], list[Event]] | None = None,
              ended_well: Callable[[Event, Event], bool] | None = None) -> bool:
    """Whether ``end`` ends the run of ``lines`` (see :func:`retry_healed_idle_timeouts`)."""
    named = False
    for name in ("runId", "sessionId"):
        theirs = {e.fields.get(name) for e in lines} - {None, ""}
        ours = end.fields.get(name)
        if theirs and ours:
            if theirs != {ours}:
                return False
            named = True
    if named:
        return True
    held = end.seconds.get("durationMs")
    first = lines[0].time if lines else None
    if held is None or first is None or end.time is None or end.time - timedelta(seconds=held) > first:
        return False
    runs = under_way(lines[0]) if under_way is not None else []
    if len(runs) > 1:
        # (several runs under way at the idle timeout, which names none: which one hung is unknown, unless every one
        # of them ended well after the lines, ``end`` one of them; h58: a busy bot's other run is no hang either)
        ours = end.fields.get("runId")
        return ended_well is not None and (not ours or any(_same_run_id(start, end) for start in runs)) \
            and all(_same_run_id(start, end) or ended_well(start, lines[-1]) for start in runs)
    if runs:
        # (the one run the log shows under way: an end naming another run or session is not its end)
        for name in ("runId", "sessionId"):
            ours, its = end.fields.get(name), runs[0].fields.get(name)
            if ours and its and ours != its:
                return False
    return True


def _shortly_before(earlier: Event, later: Event, window: timedelta | None = None) -> bool:
    """Whether ``earlier`` comes before ``later``, at most ``window`` before it (None: any distance): by their times
    when both have one, else (either untimed) by their order in one file, the window then unknowable and not checked
    (a restart marker pasted without its time still comes before the timed refusals below it)."""
    if earlier.time is not None and later.time is not None:
        return timedelta(0) <= later.time - earlier.time and (window is None or later.time - earlier.time <= window)
    return earlier.source == later.source and earlier.line < later.line


def _within(moment: datetime | None, reference: datetime | None, window: timedelta) -> bool:
    """Whether ``moment`` lies at most ``window`` before ``reference`` (untimed lines count)."""
    if moment is None or reference is None:
        return True
    return reference - window <= moment <= reference + OUT_OF_ORDER_SLACK


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _clock(moment: datetime | None) -> str:
    return moment.strftime("%H:%M:%SZ") if moment else "?"


def _stall_began_after(record: IncidentRecord, event: Event) -> bool:
    """Whether a stall warning dates its stall (its time less its age) from after the incident's last warning: the
    session made progress in between (a stall's age only grows while it lasts), so this is a new stall, not more of
    the old one."""
    began = _stall_start(event)
    return began is not None and record.last_warning is not None and began > record.last_warning + SAME_STALL_SLACK


def _ended_before_next_tick(record: IncidentRecord, thresholds: Thresholds) -> bool:
    """Whether an old-build stall (warnings with no reason= or classification=) ended before the abort threshold.
    Those builds warn at every heartbeat for as long as the session stays in processing, so when a later warning
    dates a new stall, the old one ended before the heartbeat after its last warning: below the abort age when that
    tick's age would not have passed it. Only a series the log shows at that cadence counts (a paste of lone warnings
    leaves out the ticks between), and newer builds throttle their warnings, so their silence dates nothing."""
    if record.last_warning_age <= 0 or record.reasons or record.classifications or record.recoveries \
            or record.min_warning_gap is None or record.min_warning_gap > HEARTBEAT + HEARTBEAT_JITTER:
        return False
    return record.last_warning_age + HEARTBEAT.total_seconds() <= thresholds.abort_seconds


def _stall_start(warning: Event) -> datetime | None:
    """When a stall warning dates its stall from: its time less its age (None when it gives neither)."""
    age = warning.seconds.get("age")
    return warning.time - timedelta(seconds=age) if age is not None and warning.time is not None else None


def _warned_after(recovery: RecoveryRecord, warning: Event) -> bool:
    """Whether a stall warning came after the recovery had time to work (more than two
    heartbeats later; in an untimed paste, any later line of the same file)."""
    if recovery.time is not None and warning.time is not None:
        return warning.time > recovery.time + RECOVERY_GRACE
    last = recovery.events[-1] if recovery.events else None
    return last is not None and last.source == warning.source and warning.line > last.line


def waits_by_design(method: str) -> bool:
    """Whether a gateway method's call lasts as long as what it waits for (a compaction, a run, a user's scan or
    approval), so its duration says nothing of the event loop."""
    return method in WAITING_METHODS or _WAITS_BY_NAME.search(method) is not None


def _same_session_or_unnamed(one: Event, other: Event) -> bool:
    for key in ("sessionKey", "sessionId"):
        first, second = one.fields.get(key), other.fields.get(key)
        if first and second and first != second:
            return False
    return True


def _transcript_turn_moved_on(event: Event) -> bool:
    """A transcript entry that ends a turn's silent wait: a user message (the next turn) or model output (an answered
    turn, or a failed one that carries more than its first tokens)."""
    if not event.shape.endswith(TRANSCRIPT_SHAPE):
        return False
    if event.kind == "transcript.turn_ended" or event.message.startswith("transcript user message"):
        return True
    return event.kind == "transcript.turn_failed" and not _no_answer_failure(event)


def _no_answer_failure(event: Event) -> bool:
    """A transcript's failed turn that timed out or was cut with nothing produced, or no more than a stream's first
    fragment (:func:`short_of_a_working_stream`), and not on a refusal: a no-answer failure, whose wait adds to its
    turn's silent streak."""
    return event.kind == "transcript.turn_failed" and not refused(event) \
        and CLIENT_TIMEOUT.search(str(event.fields.get("error", ""))) is not None \
        and short_of_a_working_stream(int(event.fields.get("contentChars", 0) or 0), transcript_wait_ms(event))


def _failover_names_a_hold(event: Event) -> bool:
    """A failover whose error is a held lock, an aborted request or a busy turn claim."""
    # (the console prints the error inside its message; the file record keeps it in detail or rawError)
    said = " ".join((event.message, str(event.fields.get("detail", "")), str(event.fields.get("rawError", ""))))
    return any(text in said for text in LOCK_FAILURE_TEXTS) or "Request was aborted" in said or TURN_CLAIM_BUSY in said


# Failover reasons for a provider that refused the call at once (src/agents/pi-embedded-helpers/errors.ts,
# classifyFailoverReason): surfacing such an error ends the turn with the provider's answer; nothing was held.
REFUSED_AT_ONCE_REASONS = frozenset({"rate_limit", "auth", "auth_permanent", "billing", "format", "model_not_found"})


def _failover_names_a_stuck_session(event: Event) -> bool:
    """A failover that names a hold (:func:`_failover_names_a_hold`) or that surfaced the error, unless the provider
    refused the call at once (f4557: a 413 rate limit surfaced after its retries)."""
    reason = event.fields.get("reason", event.fields.get("failoverReason"))
    return _failover_names_a_hold(event) or (event.fields.get("decision") == "surface_error"
                                             and reason not in REFUSED_AT_ONCE_REASONS)


# What a failover decision may state besides its reason that says why the candidate failed.
_FAILOVER_CAUSE_FIELDS = ("reason", "failoverReason", "profileFailureReason", "rawError", "error", "detail")


def _timeout_or_unstated_reason(event: Event) -> bool:
    """A failover decision whose reason is ``timeout``, or one that states no cause at all (a pasted decision cut to
    its ``decision=`` and models): nothing in it says another failure than the run's timeout before it."""
    reason = event.fields.get("reason", event.fields.get("failoverReason"))
    if reason is not None:
        return reason == "timeout"
    return not any(name in event.fields for name in _FAILOVER_CAUSE_FIELDS)


def _a_runs_timeout_failover(event: Event) -> bool:
    """A failover that may be a run timeout's own: it names no hold (surfacing the error to the user is what a
    timed-out run does)."""
    return event.kind in ("model.fallback_decision", "embedded.failover") and not _failover_names_a_hold(event)


def _only_a_timeout_failover(event: Event) -> bool:
    return event.kind in ("model.fallback_decision", "embedded.failover") and not _failover_names_a_stuck_session(event)


def _failed_fast(event: Event, fast_tasks: list[Event]) -> bool:
    """A timed-out attempt (an agent end, a lane task error) inside one of ``fast_tasks`` (lane tasks that failed within
    seconds) that failed on that timeout, or a timeout failover logged beside one of them: a quick failure, no hang."""
    if event.kind in ("embedded.agent_end", "lane.task_error"):
        return model_timeout_failed_fast(event, fast_tasks)
    if event.time is None or not _only_a_timeout_failover(event):
        return False
    return any(task.time is not None and abs((task.time - event.time).total_seconds()) <= SAME_FAILURE_SECONDS
               for task in fast_tasks)


def _fault_signal(event: Event, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str:
    """What makes ``event`` a fault on its own ("" when it is not one)."""
    kind = event.kind
    if kind == "ws.response":
        if browser_request_failed(event):
            return "a browser-control call failed after waiting on the browser"
        return f"a compaction call ran {event.seconds.get('durationMs', 0.0):.0f} s" if compaction_rpc(event) else ""
    if kind == "embedded.agent_end":
        return "the model call timed out" if model_call_timed_out(event) else ""
    if kind == "cli.turn_failed":
        return "a CLI backend's turn failed over after waiting with no answer" \
            if cli_turn_failed_over_after_wait(event) else ""
    if kind in ("embedded.run_end", "lane.task_done", "run.cleanup"):
        return "a run used its whole time budget and ended with no answer" if TIMED_OUT_RUN_FIELD in event.seconds else ""
    if kind == "tools.browser_unreachable" and not browser_blocked(event):
        return ""  # an immediate browser error (a stale tab): the tool answered
    if kind == SLOW_COMPACTION_KIND:
        return f"a compaction ran {event.seconds.get('durationMs', 0.0):.0f} s before it finished"
    if kind not in SIGNAL_KINDS:
        return ""
    if work_start_refusal(event):
        return ""  # (a turn refused at admission, at once: policy "work-start refusal and its channel report")
    message = event.message
    if kind == "dispatch.empty_reply" and reply_handled_elsewhere(event):
        return ""
    if kind == "lane.task_error":  # (a task that failed at once on the model's timeout ended: evidence, not a signal)
        if recall_lane_task(event) or echoes_busy_run_cap(event):
            return ""
        if event.has("lockPath") or any(name in message for name in FAILED_LANE_TASK):
            return "lane task failed on the session lock or its timeout"
        # (a paste that cut the task's duration off reads as the bare 'LLM request timed out' does: a model.request_timeout)
        held_long = lane_held_until_model_timeout(event, thresholds.warn_seconds) \
            or (model_call_timed_out(event) and not event.has("durationMs"))
        return "a lane task's model call hung until its timeout" if held_long else ""
    if kind == "model.request_timeout":
        return "" if timeout_record_ran_briefly(event) else "the model call timed out"
    if kind in RELOAD_WAIT_KINDS:
        if not reload_waits_on_task_records(event):
            return ""
        return f"{reload_wait_subject(event)} waited on task runs with no run at work"
    if kind == "model.profile_timeout":  # ("Profile google:default timed out. Trying next account...")
        if echoes_busy_run_cap(event):
            return ""
        if retries_same_model(event):  # ("[llm-timeout] <p>/<m> hit idle watchdog; retrying same profile ...")
            which = "its idle watchdog" if event.fields.get("timeout") == "idle" else "its request timeout"
            return f"a model call hit {which} and was retried on the same auth profile"
        return "a model call timed out on an auth profile"
    if kind == "model_fetch.end":
        return "a model request hung and was aborted" if hung_model_fetch(event, thresholds.warn_seconds) else ""
    if kind == "tools.timeout":
        return "a tool call ran until its timeout" if blocked_tool_timeout(event, thresholds.warn_seconds) else ""
    if kind == "compaction.overflow":  # (the first overflow is what compaction is for; a later attempt means it failed)
        attempt = event.fields.get("attempt")
        repeated = (isinstance(attempt, int) and attempt >= 2) or "persisted" in event.message
        return "the context still overflowed after a compaction" if repeated else ""
    if kind == "compaction.overflow_exhausted":
        return "overflow recovery gave up: every turn of the session overflows until /reset or /new"
    if kind == "codex.turn_idle_timeout":
        return f"a Codex turn went idle waiting for {event.fields.get('waitingFor', 'progress')}"
    if kind == "channel.handler_timeout":
        return f"a channel's inbound turn ran past its {event.fields.get('timeoutSeconds')} s budget and was aborted" \
            if overdue_channel_turn(event, thresholds.warn_seconds) else ""
    if kind == SILENT_PROMPT_KIND:
        return f"a run's prompt failed ({event.message[:60]}) after {transcript_wait_ms(event) / 1000:.0f} s with nothing recorded"
    if kind == RESTART_CUT_KIND:
        return "the agent's own tool call restarted the gateway, and its run never got the call's result"
    if kind == "transcript.turn_failed":
        return "a model request waited with no output and failed" \
            if hung_transcript_turn(event, thresholds.warn_seconds) else ""
    if kind == "transcript.turn_ended":
        return "a model request sat silent for minutes before it answered" \
            if slow_answered_turn(event, thresholds.warn_seconds) else ""
    if kind == "run.timed_out_no_reply":
        return "a run used its whole time budget and gave no answer"
    if kind == "restart.continuation_lost":
        return "a restart request lost the continuation that would wake its session after the restart"
    if kind == "model.all_failed":
        return "every model candidate failed, at least one on a timeout or the session's lock" \
            if fallback_summary_names_a_hold(event) else ""
    if kind == "cron.interrupted_by_restart":
        return "a gateway restart cut a cron job's run short"
    if kind == "cron.job_timeout":  # (in another phase: the job's own work outlasted its budget, no hang shown)
        return "a cron job ran out its timeout waiting on its model call" if cron_timed_out_on_model(event) else ""
    if kind == "cron.timeout_cleanup":
        return "a timed-out run's cleanup failed" if event.fields.get("stage") == "cleanup failed" else ""
    if kind in ("model.fallback_decision", "embedded.failover"):
        failed = event.fields.get("reason") == "timeout" and not timeout_failover_was_no_hang(event) \
            or _failover_names_a_stuck_session(event)
        return "model call failed over" if failed else ""
    if kind == "compaction.timeout_recovery":
        stage = str(event.fields.get("stage", ""))
        if model_call_timed_out(event):  # (the recovery starts only after a model call ran out its timeout)
            return "the model call timed out (the timeout recovery compacts before a retry)"
        if "threw" in stage:
            return "compaction threw during timeout recovery"
        return "compaction during timeout recovery freed nothing" if "did not reduce" in stage else ""
    if kind == "restart.recovery":
        return _restart_recovery_fault(event)
    if kind == "compaction.diag":
        return "a compaction timed out" if failed_compaction_diag(event) else ""
    if kind == "compaction.failed" and cancelled_compact_reply(event):
        return ""  # (a `/compact` reply "Compaction cancelled": a manual compaction cancelled, the session went on)
    if kind == "session.aborted_last_run":  # (a /stop also aborts a run: only restart-recovery state left says restart)
        runs = event.fields.get("restartRecoveryRuns")
        return "a session store row keeps its aborted run's restart-recovery state" \
            if isinstance(runs, int) and runs > 0 else ""
    if kind == "gateway.reply_drain_timeout":
        pending = event.fields.get("pendingReplies")
        return "a restart dropped pending replies" if pending != 0 else ""
    if kind == "lane.wait_exceeded":
        if "laneSessionKey" not in event.fields:
            return "lane wait exceeded"
        # On a session's own lane a long wait means the task ahead ran that long: past the warn threshold it was
        # stuck that long; from half of it, a message sat behind a turn long enough for its user to notice.
        waited = event.seconds.get("waitedMs", 0.0)
        if waited >= thresholds.warn_seconds:
            return "session lane blocked"
        # (a shorter wait is the lane doing its job: a busy gateway logs many; see Correlator._note_short_wait)
        return "a message waited behind its session's turn" if waited >= thresholds.warn_seconds / 2 else ""
    return kind.replace(".", " ").replace("_", " ")


def _channel_key(event: Event) -> tuple[object, object]:
    """(channel, account) of a channel's line: its channel field, else its subsystem's last part."""
    channel = event.fields.get("channel") or (event.subsystem or "").rsplit("/", 1)[-1] or None
    return channel, event.fields.get("account")


def _same_compaction(start: Event, later: Event) -> bool:
    """Whether ``later`` was logged at most a few seconds after ``start`` (untimed: as far as the lines tell)."""
    if start.time is None or later.time is None:
        return True
    return timedelta(0) <= later.time - start.time <= SAME_COMPACTION_SLACK


def overflow_compaction_start(event: Event) -> bool:
    """A context overflow that starts a compaction: "context overflow detected (attempt 1/3); attempting
    auto-compaction for <model>", or the overflow diagnostic OpenClaw logs just before it, while attempts
    remain (``compactionAttempts`` below the three the runner allows)."""
    if event.kind == "compaction.overflow":
        return "attempting auto-compaction" in event.message
    if event.kind == "compaction.overflow_diag":
        attempts = event.fields.get("compactionAttempts")
        return isinstance(attempts, int) and attempts < MAX_OVERFLOW_COMPACTIONS
    return False


def _later_line(earlier: RecoveryRecord, latest: RecoveryRecord) -> bool:
    """Whether ``latest`` was written after ``earlier`` in the same file (both untimed)."""
    if not earlier.events or not latest.events:
        return False
    first, last = earlier.events[-1], latest.events[0]
    return first.source == last.source and last.line > first.line


def restart_recovery_clean(event: Event) -> bool:
    """``main-session restart recovery complete: recovered=1 failed=0 skipped=0``: every interrupted session it
    found was resumed."""
    recovered, failed = event.fields.get("recovered"), event.fields.get("failed")
    return isinstance(recovered, int) and recovered > 0 and failed == 0


def _turned_away_by_drain(event: Event) -> bool:
    """A message's processing record that ends in GatewayDrainingError (``message processed: ... outcome=error
    error="GatewayDrainingError: Gateway is draining; ..."``): a message turned away at admission, not one served."""
    return event.kind == "message.processed" and "GatewayDrainingError" in str(event.fields.get("error", ""))


SUBAGENT_RECOVERY_FAILURES = ("skipping orphan recovery for ", "error processing orphaned session ",
                               "finalize stale run ", "resume failed for ")
SUBAGENT_RECOVERY_SUMMARY = "orphan recovery complete:"
# (every line of the subagent orphan recovery begins so; the main-session recovery's never do)
SUBAGENT_RECOVERY_LINES = (*SUBAGENT_RECOVERY_FAILURES, "failed to resume orphaned session ",
                           "found orphaned subagent session", "resumed orphaned session", "orphan recovery ",
                           "scheduled orphan recovery failed", "adopted late-accepted resume of ")
# ("skipping orphan recovery for <key>: resume already in progress|already resumed": the newest recovery's info skips of
# a child another scan is resuming or has resumed, no failure; src/agents/subagent-orphan-recovery.ts, w56 audit)
SUBAGENT_RECOVERY_BENIGN_SKIPS = ("resume already in progress", "already resumed")


def subagent_recovery_failed(event: Event) -> bool:
    """A subagent orphan recovery line saying a child run the restart cut was not resumed (its gate refused it, its
    resume threw, a stale one could not be finalized, ``resume failed for <key>; abortedLastRun flag preserved ...``);
    not the newest recovery's info skips of a child whose resume is in flight or done."""
    if not event.message.startswith(SUBAGENT_RECOVERY_FAILURES):
        return False
    return not (event.message.startswith("skipping orphan recovery for ")
                and event.fields.get("reason") in SUBAGENT_RECOVERY_BENIGN_SKIPS)


def _of_subagent_recovery(event: Event) -> bool:
    """Whether a restart.recovery line is the subagent orphan recovery's (src/agents/subagent-orphan-recovery.ts),
    not the main-session recovery's."""
    return event.message.startswith(SUBAGENT_RECOVERY_LINES)


def subagent_orphan_found(event: Event) -> bool:
    """``found orphaned subagent session: <key> (run=<runId>)`` (src/agents/subagent-orphan-recovery.ts, info): a child
    run the restart cut, logged as its recovery passed the gate and before it tries the resume."""
    return event.kind == "restart.recovery" and event.message.startswith("found orphaned subagent session")


def subagent_orphan_resumed(event: Event) -> bool:
    """``resumed orphaned session: <key>`` (info), or the warn ``resumed orphaned session <key> but remap failed (old
    run already removed); treating resume as accepted ...``: the child run the restart cut was resumed. Also the newest
    recovery's ``adopted late-accepted resume of <key>: run=<id>`` and its info skip ``skipping orphan recovery for
    <key>: already resumed`` (another scan resumed that child; "resume already in progress" is only deferred)."""
    if event.kind != "restart.recovery":
        return False
    if event.message.startswith(("resumed orphaned session", "adopted late-accepted resume of ")):
        return True
    return event.message.startswith("skipping orphan recovery for ") and event.fields.get("reason") == "already resumed"


# (the newest recovery also settles a resume whose dispatch threw after the resumed run had finished: "settled completed
# restart recovery for <key>", counted recovered; src/agents/main-session-restart-dispatch.ts, w56 audit)
MAIN_RESUMED = ("resumed interrupted main session:", "settled completed restart recovery for ")
# (a session a pass failed and the next pass retries: its resume threw, or, in the newest recovery, its transcript could
# not be read or the notice for an unresumable session could not be written; all count failed and keep it marked)
MAIN_RESUME_FAILED = ("failed to resume interrupted main session ", "failed to read transcript for ",
                      "failed to write interrupted main session notice ")
# (a pass that could not read a session store counts failed and is retried, naming no session; a session whose store it
# could not place is skipped and left marked)
MAIN_RECOVERY_FAILURES = (*MAIN_RESUME_FAILED, "failed to load session store ", "failed to resolve recovery store for ")
HEALED_BY_SUMMARY = ""  # (in IncidentRecord.recovery_heals: a clean summary followed the line)


def main_session_resumed(event: Event) -> bool:
    """``resumed interrupted main session: <key>[ (with pending payload)]`` (src/agents/main-session-restart-recovery.ts,
    info): the restart recovery dispatched the interrupted turn again and cleared the session's abortedLastRun."""
    return event.kind == "restart.recovery" and event.message.startswith(MAIN_RESUMED)


def main_recovery_retryable(event: Event) -> bool:
    """A main-session restart recovery line a later resume can heal: ``failed to resume interrupted main session <key>:
    <err>`` (the session stays marked and the next pass retries it), ``marked N startup-orphaned|interrupted main
    session(s) ...`` (sessions left for the recovery to resume), a summary ``recovered=N failed=N`` with failed above 0.
    Not ``marked interrupted main session failed: <key> (<reason>)``: that session is given up, never retried."""
    if event.kind != "restart.recovery":
        return False
    if event.message.startswith((*MAIN_RESUME_FAILED, "failed to load session store ")):
        return True
    if event.message.startswith("main-session restart recovery complete"):
        failed = event.fields.get("failed")
        return isinstance(failed, int) and failed > 0
    marked = event.fields.get("marked")
    return isinstance(marked, int) and marked > 0 and event.fields.get("markedAs") in ("startup-orphaned", "interrupted")


def _healed_by_resume(event: Event, heals: set[str]) -> bool:
    """Whether a retryable main-session recovery line was healed by what followed it (``heals``: the keys resumed
    after it, HEALED_BY_SUMMARY for a clean summary)."""
    if not main_recovery_retryable(event):
        return False
    if HEALED_BY_SUMMARY in heals:
        return True
    if event.message.startswith(MAIN_RESUME_FAILED):
        return str(event.fields.get("sessionKey", "")) in heals
    count = event.fields.get("failed") if "failed" in event.fields else event.fields.get("marked")
    return isinstance(count, int) and len(heals) >= count


def _restart_recovery_fault(event: Event) -> str:
    """Main-session restart recovery found runs a restart interrupted (``marked 2 startup-orphaned
    main session(s)``) or could not resume one; a session it resumed is no fault."""
    fields = event.fields
    if "GatewayDrainingError" in event.message or "gateway is draining" in event.message:
        return ""  # (the pass itself refused by a drain the gateway began: it says nothing of a session interrupted)
    # ("marked interrupted main session failed: <key> (<reason>)": recovery gave the session up and marked it failed)
    if "failed to resume" in event.message or "interrupted main session failed" in event.message \
            or event.message.startswith(MAIN_RECOVERY_FAILURES) or fields.get("stage") in ("failed", "gave up"):
        return "restart recovery could not resume an interrupted session"
    # (the subagent orphan recovery, src/agents/subagent-orphan-recovery.ts: a child its gate refused, one that threw,
    # a stale one it could not finalize, its scan or schedule failing; "resume failed for <key>; abortedLastRun flag
    # preserved ...": the child left for the next restart)
    if subagent_recovery_failed(event) or str(fields.get("stage", "")).endswith(
            "orphan recovery failed") or fields.get("stage") == "orphan recovery scan failed":
        return "restart recovery could not resume an interrupted subagent run"
    if subagent_orphan_found(event):
        return "a restart interrupted a subagent run"
    failed = fields.get("failed")
    if isinstance(failed, int) and failed > 0:
        return "restart recovery could not resume an interrupted session"
    marked = fields.get("marked")
    if isinstance(marked, int) and marked > 0:
        return "a restart interrupted active runs"
    return ""


def _is_process_stop(event: Event) -> bool:
    """A line saying the gateway process is being stopped: a stop signal received (not SIGUSR1's in-process restart;
    "received SIGTERM; restarting" is the restart's own start, before its drain), systemd's kill, or the service
    manager's word that the process died by a signal (the OOM killer, pm2's kill after its kill_timeout)."""
    if event.kind in HARD_STOP_KINDS:
        return True
    if event.kind == "gateway.signal_action":
        return event.fields.get("action") == "shutting down"
    return event.kind == "gateway.signal" and event.fields.get("signal") in STOP_SIGNALS


def _runs_waited_for(event: Event) -> int:
    """How many embedded runs a drain or a deferred reload said it waits for (0 when it names none)."""
    runs = event.fields.get("runs", event.fields.get("embeddedRuns"))
    return runs if isinstance(runs, int) else 0


def _describe_marker(event: Event) -> str:
    if event.kind == "gateway.signal_action":
        return f"{event.fields.get('signal', 'signal')}: {event.fields.get('action', 'restarting')}"
    if event.kind == "gateway.restart_mode":
        return str(event.fields.get("mode", "restart"))
    return "a new gateway process started"



def _shortly_after(marker: Event | None, event: Event, window: timedelta, lines: int) -> bool:
    """Whether ``event`` comes within ``window`` after ``marker`` (untimed, or one side untimed: within ``lines``
    lines after it in the same file), for the same session when both name one."""
    if marker is None:
        return False
    keys = (marker.fields.get("sessionKey"), event.fields.get("sessionKey"))
    if all(keys) and keys[0] != keys[1]:
        return False
    if marker.time is not None and event.time is not None:
        return timedelta(0) <= event.time - marker.time <= window
    return marker.source == event.source and 0 < event.line - marker.line <= lines

def _failed_on_a_lock(record: IncidentRecord) -> bool:
    return record.lock_failures > 0 or bool(record.evidence.of("lock.timeout", "lock.takeover", "lock.stale"))


def _describe_healthy(event: Event) -> str:
    kind = event.kind
    if kind == "session.state":
        return "session state back to idle"
    if kind in ("embedded.run_done", "embedded.run_end"):
        return "embedded run done"
    if kind == "run.cleared":
        return "run cleared"
    if kind == "lane.task_done":
        return "session lane task done"
    if kind in ("lane.dequeue", "lane.wait_exceeded"):
        return "queued work dequeued on the session lane"
    if kind == "transcript.turn_ended":
        return "a turn was answered"
    return "message processed"


def correlate(events: Iterable[Event], limits: CorrelatorLimits | None = None,
              thresholds: Thresholds | None = None) -> CorrelationResult:
    return Correlator(limits, thresholds).feed_all(events)
