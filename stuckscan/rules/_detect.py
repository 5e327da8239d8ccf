"""What detectors share: the :class:`Candidate` they return and small readers of events.

A detector is ``detect(view) -> Candidate | None``: it looks at one incident (an
``IncidentView``) or one gateway episode (an ``EpisodeView``, both in
:mod:`stuckscan.classifier`) and cites the events that support its rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from stuckscan._dataclass import dataclass
from stuckscan.events import (
    CANDIDATE_TIMED_OUT,
    CLI_BACKEND_KINDS,
    HELD_AFTER_TIMEOUT_KINDS,
    LOCK_FAILURE_TEXTS,
    LONE_TIMEOUT_COMPANIONS,
    PROVIDER_REFUSED,
    RUN_TIMEOUT_ECHO_FIELD,
    Event,
    event_order,
    lane_held_by_own_task,
    long_unnamed_abort,
    processed_seconds,
    recall_lane_task,
)
from stuckscan.model import Confidence, Severity
from stuckscan.shapes import OPENCLAW_SUBSYSTEM_ROOTS
from stuckscan.thresholds import WARN_THRESHOLD_SECONDS

if TYPE_CHECKING:
    from stuckscan.classifier import IncidentView
    from stuckscan.correlator import RecoveryRecord

MAX_CITED = 8
TERMINAL_PROGRESS = ("model_call:ended", "run:completed", "embedded_run:ended")
# (Codex app-server: an item/completed with no turn/completed after it is the ghost-run signature, RC02; so is a
# turn/completed itself as the last progress of a run still active, #82027)
TERMINAL_PROGRESS_PARTS = ("response.completed", "rawResponseItem/completed", "raw_response_item.completed", "output_item.done",
                           "notification:item/completed", "notification:turn/completed")
TOOL_PROGRESS = re.compile(r"tool(?:_call)?:(?P<tool>[^:]+):started")
# OpenClaw throws these inside a lane task, so they usually arrive in a ``lane task error``
# line (whose family claims the line) rather than as a line of their own.
TAKEOVER_ERROR = "EmbeddedAttemptSessionTakeoverError"
LANE_TIMEOUT_ERROR = "CommandLaneTaskTimeoutError"


@dataclass(slots=True)
class Candidate:
    rule_id: str
    confidence: Confidence
    summary: str
    evidence: list[Event]
    onset: datetime | None = None
    explains_stall: bool = True
    severity: Severity | None = None  # overrides the rule's policy when the evidence is milder
    supersedes: tuple[str, ...] = ()   # rules this finding explains away as primary candidates
    fallback: bool = False             # a class-level guess from thin evidence: dropped when another rule fires
    facts: dict[str, Any] = field(default_factory=dict)  # what fix conditions read (tool, lock_removed...)


# Where a quote of log text may be cut: whitespace and the punctuation around values (URL and path separators,
# brackets, quotes, list marks). Never inside a run of the characters tokens are made of (letters, digits, `_-:.+~`),
# so a secret the redactor recognises whole is never cut to a prefix it would not (a bot token cut after its id).
_SEPARATORS = "\\s/?&=,;()\\[\\]{}\"'<>|"
_TRAILING_RUN = re.compile(f"[^{_SEPARATORS}]+\\Z")
_SEPARATOR = re.compile(f"[{_SEPARATORS}]")


def quote(text: str, limit: int) -> str:
    """Log text to quote in a finding's summary: ``text`` cut to at most ``limit`` characters between two values
    (:data:`_SEPARATORS`) and marked with an ellipsis; a run of token characters that does not fit is left out whole."""
    text = text.strip()
    if len(text) <= limit:
        return text
    head = text[:limit]
    if _SEPARATOR.match(text, limit) is None and (run := _TRAILING_RUN.search(head)) is not None:
        head = head[:run.start()]
    return head.rstrip() + "…"


def first_time(events: Iterable[Event]) -> datetime | None:
    times = [e.time for e in events if e.time is not None]
    return min(times) if times else None


def cite(*groups: Iterable[Event]) -> list[Event]:
    """The events of ``groups`` once each, in time order, at most :data:`MAX_CITED` (the first
    ones and the last two)."""
    merged: dict[tuple[str, int], Event] = {}
    for group in groups:
        for event in group:
            merged.setdefault((event.source, event.line), event)
    ordered = sorted(merged.values(), key=event_order)
    if len(ordered) <= MAX_CITED:
        return ordered
    return ordered[: MAX_CITED - 2] + ordered[-2:]


def field_text(event: Event, name: str) -> str:
    value = event.fields.get(name)
    return value if isinstance(value, str) else ""


def terminal_worker_outcome(event: Event) -> bool:
    """The stuck-session recovery's outcome for a turn whose session placement worker was terminal (``status=failed
    action=fail_worker_turn reason=terminal_worker error=<the worker's error>``,
    src/logging/diagnostic-stuck-session-recovery.runtime.ts): the recovery failed the turn with the worker's error
    and lets it unwind its reply and lane. Read by RC01 (no model call hang) and RC04 (no false positive: the turn
    failed)."""
    return event.kind == "recovery.outcome" and (field_text(event, "reason") == "terminal_worker"
                                                 or field_text(event, "action") == "fail_worker_turn")


def metric(event: Event, name: str) -> float:
    value = event.fields.get(name)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


# How far apart a host's thaw line and a channel stall it explains may be logged: the two watchdogs tick on their own.
THAW_STALL_WINDOW = timedelta(seconds=60)


def stall_spans_a_freeze(stall: Event, gaps: list[Event]) -> bool:
    """A channel's polling stall (``active getUpdates stuck for 218.28s``) logged beside a host timing gap
    (``process was frozen ~196779ms``) whose freeze it covers and that makes up most of it: the poll was in flight
    while the process did not run, so the stall is the freeze seen from the channel, not an intake fault of its own
    (labelling policy "one host timing gap line")."""
    stalled = stall.seconds.get("stalledFor", 0.0)
    for gap in gaps:
        frozen = metric(gap, "frozenMs") / 1000
        if not frozen or not frozen <= stalled < 2 * frozen:
            continue
        if gap.time is not None and stall.time is not None:
            if abs(stall.time - gap.time) <= THAW_STALL_WINDOW:
                return True
        elif gap.time is None and stall.time is None and gap.source == stall.source:
            return True
    return False


def progress_predates_stall(warning: Event, warn_seconds: float = WARN_THRESHOLD_SECONDS) -> bool:
    """A warning whose run's last progress is older than the session's stuck state by more than the warn threshold
    (``age=245s ... lastProgress=embedded_run:started lastProgressAge=8238s``): the run marker was left over from an
    earlier turn, a leaked handle, not a run that started this turn and hung."""
    age, progress = warning.seconds.get("age"), warning.seconds.get("lastProgressAge")
    return age is not None and progress is not None and progress - age >= warn_seconds


def stale_progress(warning: Event, warn_seconds: float = WARN_THRESHOLD_SECONDS) -> bool:
    """A warning whose run really made no progress: fresh progress contradicts a hang."""
    return warning.seconds.get("lastProgressAge", warn_seconds) >= warn_seconds


def mentions_lock(event: Event) -> bool:
    texts = (event.message, *(value for value in event.fields.values() if isinstance(value, str)))
    return any(needle in text for text in texts for needle in LOCK_FAILURE_TEXTS)


# How far apart a lane task's failure and the fallback decision it caused are logged (same second, next lines).
FAILURE_AND_DECISION = timedelta(seconds=2)


def failed_on_lock_before(decision: Event, lane_errors: list[Event]) -> bool:
    """Whether the lane task failure logged just before a fallback decision failed on the session lock: a decision
    filed under reason=timeout that names no cause, right after its candidate's lane task timed out on the lock
    (``lane task error: ... session file locked (timeout 10000ms)``, then ``decision=candidate_failed ...
    reason=timeout``, f2613), is that lock wait, not a model call."""
    earlier = [e for e in lane_errors if event_order(e) < event_order(decision)]
    if not earlier:
        return False
    last = max(earlier, key=event_order)
    near = (last.time is None or decision.time is None) or decision.time - last.time <= FAILURE_AND_DECISION
    return near and mentions_lock(last)


def is_terminal_progress(value: str) -> bool:
    return value in TERMINAL_PROGRESS or any(part in value for part in TERMINAL_PROGRESS_PARTS)


def no_active_run(warning: Event) -> bool:
    """Stale session state: the detector saw no active run, so a ghost run is not the story. An idle
    session with work queued and none active (a liveness work label ``<key>(idle,q=1,...)``) says the same."""
    return field_text(warning, "classification") == "stale_session_state" or \
        field_text(warning, "reason") == "queued_work_without_active_run" or idle_with_queue(warning)


def idle_with_queue(warning: Event) -> bool:
    depth = warning.fields.get("queueDepth")
    return field_text(warning, "state") == "idle" and isinstance(depth, int) and depth > 0 \
        and not field_text(warning, "activeWorkKind")


def on_tool_call(warning: Event) -> bool:
    """The detector saw a tool call in flight: a terminal-looking progress value is then the
    model turn before the tool, not a finished run."""
    return "blocked_tool_call" in (field_text(warning, "classification"), field_text(warning, "reason")) \
        or field_text(warning, "activeWorkKind") == "tool_call" or bool(field_text(warning, "activeTool"))


def progress_phrase(values: Iterable[str]) -> str:
    values = list(values)
    return f" (lastProgress={values[-1]})" if values else ""


def end_in_stop_wait(view: Any, tool: str | None = None) -> tuple[Event | None, float, str]:
    """The session's work ending after a signal's restart marker closed the incident, while the gateway still waited
    for the work in flight (``IncidentRecord.ended_in_stop_wait``): the tool call's end (of ``tool`` when the end names
    one), else the run's normal end; how many seconds after the marker; what the gateway did at the marker ("was
    stopped (SIGTERM)", or "began a restart (SIGUSR1)" for a restart in place, which stops nothing). None when no such
    end: then nothing says the work ever finished."""
    record = view.record
    ends = record.ended_in_stop_wait
    marker = record.closed_by
    if not ends or marker is None:
        return None, 0.0, ""
    tools = [e for e in ends if e.kind == "embedded.tool_end" and (tool is None or field_text(e, "tool") in ("", tool))]
    end = tools[0] if tools else next((e for e in ends if e.kind != "embedded.tool_end"), None)
    if end is None:
        return None, 0.0, ""
    after = (end.time - marker.time).total_seconds() if end.time and marker.time else 0.0
    signal = field_text(marker, "signal")
    did = "began a restart" if signal.startswith("SIGUSR") else "was stopped"
    return end, after, did + (f" ({signal})" if signal else "")


def tool_name(warnings: Iterable[Event]) -> str | None:
    """The tool a run is blocked on, from the latest warning that names it."""
    for warning in reversed(list(warnings)):
        tool = field_text(warning, "activeTool")
        if tool:
            return tool
        match = TOOL_PROGRESS.fullmatch(field_text(warning, "lastProgress"))
        if match:
            return match.group("tool")
    return None


def lane_task_errors(events: Iterable[Event], name: str) -> list[Event]:
    """``lane task error`` lines that report the error ``name`` (not the active-memory recall's own lane tasks)."""
    return [e for e in events if e.kind == "lane.task_error" and name in e.message and not recall_lane_task(e)]


def lock_events(view: Any) -> list[Event]:
    """Session-lock failures the incident saw: lock timeouts, takeovers, lane task errors on a lock."""
    return [e for e in view.events("lane.task_error", "lock.timeout", "lock.takeover", "lock.stale") if
            "lockPath" in e.fields or "lockPid" in e.fields or e.kind != "lane.task_error" or TAKEOVER_ERROR in e.message]


# A lock pid this small is a process of a container's own pid namespace, where the gateway itself is
# one of the first few processes: a lock held by it is the gateway's own (#7871, #49603, #18140).
CONTAINER_PID_MAX = 64


def container_own_pid(event: Event) -> bool:
    """Whether the lock names a container-small pid and says nothing of whether it is alive."""
    pid = event.fields.get("lockPid")
    return isinstance(pid, int) and 1 < pid <= CONTAINER_PID_MAX and "lockPidAlive" not in event.fields


SHORT_LOCK_TIMEOUT = 10.0   # seconds: the session write-lock acquire timeout of older builds
LONG_LOCK_TIMEOUT = 60.0    # newer builds


def lock_timeout(event: Event) -> float | None:
    return event.seconds.get("lockTimeoutMs")


def lock_in_fallback_chain(view: Any) -> bool:
    """The lock errors came back as model-fallback failures: contention with another live turn
    (RC10), which says who held the lock better than the lock timeout's length does."""
    return any(mentions_lock(e) for e in view.events("model.fallback_decision", "embedded.failover", "model.all_failed")) \
        or any(is_candidate_failure(e) or in_fallback_summary(e) or reported_as_failover(e) or tagged_as_candidate(e)
               for e in lock_events(view)) \
        or bool(locks_after_cli_fallback(view)) or _decision_after_lock_failure(view) or bool(locks_a_holder_released(view))


def _decision_after_lock_failure(view: Any) -> bool:
    """A candidate's fallback decision filed under reason=timeout right after its lane task timed out on the lock
    (f2613): the lock wait read as a model failure, as RC10 reads it."""
    lane_errors = view.events("lane.task_error")
    return bool(lane_errors) and any(field_text(e, "reason") == "timeout" and failed_on_lock_before(e, lane_errors)
                                     for e in view.events("model.fallback_decision"))


def unmarked_lock_timeout(event: Event) -> bool:
    """A session write-lock timeout that says nothing of whether its holder is alive (no ``alive=`` field: older
    builds' ``session file locked (timeout 10000ms): pid=P <path>``, and 60 s builds before ``alive=``/``ageMs=``).
    Every build that prints it deletes a contended lock whose pid is not running and retries, and gives up only while
    the pid still looks alive: the line shows a live holder, never a dead one (session-write-lock, old and new)."""
    return "lockPidAlive" not in event.fields and event.kind != "lock.takeover" and TAKEOVER_ERROR not in event.message \
        and ("lockTimeoutMs" in event.fields or "lockPid" in event.fields)


# The reason tag a model-fallback summary prints after each failed candidate ("<provider>/<model>: <error> (timeout)"):
# a lock error whose path ends in it is one candidate of that summary, cut from its head (RC10's wording).
_CANDIDATE_REASON_TAG = re.compile(r"\.lock['\"`]?\s*\(timeout\)['\"`]?\s*$")


def tagged_as_candidate(event: Event) -> bool:
    """A lock error printed as a fallback summary's failed candidate: its lock path followed by a lone ``(timeout)``."""
    return _CANDIDATE_REASON_TAG.search(event.message) is not None


def locks_after_cli_fallback(view: Any) -> list[Event]:
    """Lock errors after ``openclaw agent`` ran a turn embedded because the gateway timed out on it ("Gateway agent
    failed; falling back to embedded: ... gateway timeout after 90000ms"): a gateway that only answered late is alive
    and most often still runs that turn, so the embedded run waits on the gateway's own lock, not a dead process's."""
    timeouts = [*view.events("gateway.timeout"), *(e for ep in view.episodes for e in ep.evidence.of("gateway.timeout"))]
    fallbacks = [e for e in timeouts if e.fields.get("cliFallback")]
    if not fallbacks:
        return []
    return [e for e in lock_events(view) if e.fields.get("lockPidAlive") is not False
            and any(_soon_after(fallback, e) for fallback in fallbacks)]


def locks_a_holder_released(view: Any) -> list[Event]:
    """Lock timeouts with no ``alive=`` followed by the lock watchdog releasing a hold longer than the waiter's timeout
    ("releasing lock held for 55611ms (max=15000ms)"): the holder was live work on the session that finished and let
    the lock go, so the waiter lost to concurrent work, not to a leaked lock (policy "lock timeout without
    liveness"). A hold shorter than the wait cannot be the one that timed the waiter out."""
    releases = view.events("lock.watchdog_released")
    if not releases:
        return []
    return [e for e in lock_events(view) if unmarked_lock_timeout(e)
            and any(_held_past_the_wait(e, release) for release in releases)]


def _held_past_the_wait(lock: Event, release: Event) -> bool:
    held, waited = release.seconds.get("heldMs"), lock_timeout(lock)
    return held is not None and waited is not None and held >= waited and event_order(release) > event_order(lock)


# How long after the CLI fell back its embedded run may still be waiting on the gateway's lock: the lock waits are
# 10 s or 60 s, a fallback chain tries each candidate in turn.
CLI_FALLBACK_WINDOW = timedelta(minutes=10)


def _soon_after(first: Event, then: Event) -> bool:
    """Whether ``then`` follows ``first`` in the log, within :data:`CLI_FALLBACK_WINDOW` when both have times."""
    if event_order(then) <= event_order(first):
        return False
    return first.time is None or then.time is None or then.time - first.time <= CLI_FALLBACK_WINDOW


def in_fallback_summary(event: Event) -> bool:
    """A lock error read inside a fallback summary quoted whole (``All models failed ... a/m: session file locked
    ... | b/n: ...``, as a reporter transcribes it without the summary's own prefix): a candidate failed on it."""
    return "All models failed" in event.message or _SUMMARY_NEXT_CANDIDATE.search(event.message) is not None


# The summary's separator before its next candidate (" | openrouter/anthropic/claude-sonnet-4.6: "): its body, read
# without the "All models failed (N): " head a wrapper cut (f4378: a pipeline's "FAIL ... err=<summary body>").
_SUMMARY_NEXT_CANDIDATE = re.compile(r" \| [A-Za-z0-9][\w.-]{0,40}/[^\s|]{1,120}?: ")


def reported_as_failover(event: Event) -> bool:
    """A lock error the model-failover path threw as its own (``FailoverError: session file locked (timeout
    10000ms): ...``): the fallback machinery took the session's lock for a failing model."""
    return event.message.lstrip().startswith("FailoverError: ")


def after_idle_timeout(event: Event) -> bool:
    """A failure whose error chain leads with the model's idle timeout (``EmbeddedAttemptSessionTakeoverError:
    LLM idle timeout (120s): no response from model <- ...``): the model call hung first."""
    text = " ".join(str(value) for value in (event.message, event.fields.get("error")) if value)
    return "LLM idle timeout" in text


def is_candidate_failure(event: Event) -> bool:
    """A line of a model-fallback summary printed one candidate per line (``All models failed (3):``
    then ``anthropic/claude-sonnet-4-5: session file locked ...``): the "subsystem" read before
    the colon is a ``provider/model`` pair, not one of OpenClaw's own subsystems."""
    name = event.subsystem or ""
    if not name:  # (a bullet the shapes did not split: "- ollama/kimi-k2.6:cloud: session file locked ...")
        bullet = _CANDIDATE_BULLET.match(event.message)
        name = bullet.group("name") if bullet is not None else ""
    root, slash, model = name.partition("/")
    return bool(slash and model and root not in OPENCLAW_SUBSYSTEM_ROOTS and not name.startswith("channels"))


_CANDIDATE_BULLET = re.compile(r"(?:[-*•]\s+)?(?P<name>[A-Za-z0-9][\w.-]{0,40}/[^\s/]{1,120}?):\s")


def lock_is_cause(view: Any, events: list[Event]) -> bool:
    """A lock class is primary only when the lock error precedes the stall or the session's
    own requests fail on it."""
    if view.record.opened_by == "lock_error":
        return True
    start = view.stall_start
    if any(e.time and start and e.time <= start + timedelta(seconds=30) for e in events):
        return True
    return any(e.kind == "lane.task_error" for e in events)


# -- gateway episodes -------------------------------------------------------------------

STARTUP_WINDOW = timedelta(seconds=60)
STARTUP_LEAD = timedelta(seconds=5)


def starving(event: Event) -> bool:
    """Sustained starvation: a busy loop (utilization, CPU) or a high p99 delay. A busy loop whose
    timers still fired on time (a stated maximum delay under 100 ms) was busy, not starved."""
    if metric(event, "eventLoopDelayP99Ms") >= 1000:
        return True
    stated_delay = event.fields.get("eventLoopDelayMaxMs")
    if isinstance(stated_delay, (int, float)) and not isinstance(stated_delay, bool) and stated_delay < RESPONSIVE_DELAY_MS:
        return False
    return metric(event, "eventLoopUtilization") >= 0.9 or metric(event, "cpuCoreRatio") >= 0.9


RESPONSIVE_DELAY_MS = 100


DELAY_SPIKE_MS = 2000  # an event-loop pause (or a timer firing late) shorter than this says nothing of the loop


def delay_spike(event: Event) -> bool:
    """One long pause (a GC, a sync call): evidence only when it repeats."""
    return metric(event, "eventLoopDelayMaxMs") >= DELAY_SPIKE_MS


def long_handshake(event: Event) -> bool:
    """A handshake that took far longer than its budget: the gateway could not answer."""
    duration = event.seconds.get("durationMs")
    handshake = event.seconds.get("handshakeMs")
    if duration is None:
        return False
    limit = handshake if handshake is not None else 10.0
    return duration > max(2 * limit, limit + 10.0)


# The handshake budget since 2026.3.22, and the largest the docs suggest setting (OPENCLAW_HANDSHAKE_TIMEOUT_MS=
# 10000 to 30000), in seconds.
MODERN_HANDSHAKE_BUDGET = 10.0
LARGEST_HANDSHAKE_BUDGET = 30.0


def late_handshake_timer(event: Event) -> bool:
    """A handshake timeout whose timer fired well past any budget a gateway is set to (``handshakeMs=32602``):
    the timer itself ran late, as timers do on a starved event loop."""
    handshake = event.seconds.get("handshakeMs")
    return field_text(event, "cause") == "handshake-timeout" and handshake is not None \
        and handshake > LARGEST_HANDSHAKE_BUDGET * 1.05


def budget_handshake_timeout(event: Event) -> bool:
    """A handshake that ran out a 10 s-or-longer budget on time (``handshakeMs=12688``): the client (or a proxy in
    front of the gateway) did not finish the handshake in the time the gateway allows."""
    handshake = event.seconds.get("handshakeMs")
    return field_text(event, "cause") == "handshake-timeout" and handshake is not None \
        and MODERN_HANDSHAKE_BUDGET <= handshake <= 2 * MODERN_HANDSHAKE_BUDGET and not long_handshake(event)


def short_handshake_timeout(event: Event) -> bool:
    """A close at a short (~3 s) handshake budget, just after it ran out."""
    duration, handshake = event.seconds.get("durationMs"), event.seconds.get("handshakeMs")
    cause = field_text(event, "cause")
    return (cause in ("handshake-timeout", "") and handshake is not None and handshake <= 5.0
            and duration is not None and duration - handshake < 3.0)


def in_startup_window(markers: Iterable[Event], event: Event) -> bool:
    """Whether ``event`` falls in a startup window: from shortly before a ready or health-monitor
    start marker (the first liveness warning may be written before it) to its startup grace.
    Untimed lines (a paste without times) count when they follow the marker in the same file."""
    for marker in markers:
        if marker.kind not in ("gateway.ready", "gateway.listening", "health.started"):
            continue
        if marker.time is None or event.time is None:
            if marker.time is None and event.time is None and marker.source == event.source and marker.line < event.line:
                return True
            continue
        grace = marker.seconds.get("startupGrace")
        window = timedelta(seconds=grace) if grace else STARTUP_WINDOW
        if marker.time - STARTUP_LEAD <= event.time <= marker.time + window:
            return True
    return sampled_during_startup(event)


# Work counts a liveness warning states; any above zero (or a work=[...] label) is session work in flight.
LIVENESS_WORK_COUNTS = ("active", "waiting", "queued")


def sampled_during_startup(event: Event) -> bool:
    """Whether a liveness warning dates itself to the gateway's start: its ``recentPhases`` lists only phases that
    completed inside the sample's interval (src/logging/diagnostic.ts, getRecentDiagnosticPhases), and a
    ``sidecars.*`` phase is one of the start-up steps the gateway measures once, as it starts
    (src/gateway/server-startup.ts, startGatewaySidecars: measureStartup(..., "sidecars.model-prewarm", ...)). Only
    when the line shows no session work (no active, waiting or queued count above zero, no work label): with a session
    in flight the same delay is starving that session, whenever the gateway started."""
    if event.kind != "liveness.warning" or "work" in event.fields:
        return False
    if any(isinstance(count := event.fields.get(name), (int, float)) and count > 0 for name in LIVENESS_WORK_COUNTS):
        return False
    phases = field_text(event, "recentPhases").split(",")
    return any(phase.startswith("sidecars.") for phase in phases)


# Lines that say a turn failed (a timeout, a failover, a lock, a failed tool or compaction): after one of them the
# session's silence or its empty reply is how that turn ended.
TURN_FAILURE_KINDS = ("embedded.timeout", "embedded.failover", "model.fallback_decision", "model.all_failed",
                      "llm.idle_timeout", "lock.timeout", "lock.takeover", "lock.stale", "lane.task_error",
                      "compaction.timeout", "compaction.failed", "run.aborted_error", "abort.settle_timeout",
                      "abort.settle_failed", "cli.turn_failed", "cli.terminal_failure", "cli.watchdog_timeout",
                      "lane.task_timeout", "embedded.retry_limit", "tools.browser_failed", "tools.timeout",
                      "run.request_aborted")

CLI_TURN_FAILURES = ("cli.turn_failed", "cli.terminal_failure", "cli.watchdog_timeout", "embedded.failover",
                     "model.fallback_decision",
                     "llm.idle_timeout", "model.all_failed", "run.aborted_error")


def quiet_cli_backend_turn(view: IncidentView) -> list[Event]:
    """The CLI-backend turn lines (``cli exec: provider=claude-cli``) of a run that reported no
    failure: such a run reports no progress to the stall detector while it works, so
    ``lastProgress=embedded_run:started`` says nothing about a hang. Empty when the run is no CLI
    turn or something failed."""
    turns = [e for e in view.events("cli.exec", "cli.live_session", "cli.turn")
             if "cli" in field_text(e, "provider") or e.kind == "cli.live_session"]
    if not turns or view.events(*CLI_TURN_FAILURES) or view.record.recoveries:
        return []
    return turns


def codex_items_done(event: Event) -> bool:
    """Whether a Codex turn watchdog fired with the turn's items done (``waiting for completion``, or the last
    activity a completed item: ``lastActivityReason=notification:item/completed``): the answer was there and only the
    turn's end was missing (a ghost run). A terminal-event watchdog after anything else (a tool result, a token
    count) is the app-server gone silent mid-turn: its model call never came back."""
    if field_text(event, "waitingFor") == "completion":
        return True
    last = " ".join((field_text(event, "lastActivityReason"), field_text(event, "lastNotificationMethod")))
    return field_text(event, "waitingFor") == "terminal event" and "item/completed" in last


# The reports of a Codex attempt's own timeout: the timeout-compaction hook's lines and the failover decision.
ATTEMPT_TIMEOUT_REPORTS = ("compaction.timeout_recovery", "embedded.failover", "model.fallback_decision")
# The kinds that carry the gateway's generic model-timeout text, which is what a timed-out Codex attempt surfaces as
# once it fails over (``FailoverError: LLM request timed out.`` beside ``rawError=codex app-server attempt timed out``).
MODEL_TIMEOUT_TEXT_KINDS = ("model.request_timeout", "lane.task_error", "embedded.agent_end")


def says_model_timeout(event: Event) -> bool:
    """Whether ``event`` is one of :data:`MODEL_TIMEOUT_TEXT_KINDS` whose error is the gateway's model-timeout text
    (``LLM request timed out.``), which names no cause of its own."""
    return event.kind in MODEL_TIMEOUT_TEXT_KINDS and any(
        "llm request timed out" in text.lower() for text in (event.message, field_text(event, "error")))


# A timed-out attempt's reports follow its completion-idle watchdog line within this long (its failover, the retry's
# timeout compaction); a line later than that is another attempt's, unless its lane task was already under way.
COMPLETION_IDLE_REPORT_WINDOW = timedelta(seconds=60)


def _reports_that_attempt(event: Event, idle: Event) -> bool:
    """Whether ``event``, after the completion-idle watchdog line ``idle``, can report that attempt: it names the same
    run when both name one, and it came within :data:`COMPLETION_IDLE_REPORT_WINDOW` of it or is a lane task whose
    ``durationMs`` started before it (the task that ran the attempt). Untimed lines: the paste's order."""
    if event_order(idle) >= event_order(event):
        return False
    ran, reported = idle.fields.get("runId"), event.fields.get("runId")
    if ran and reported and ran != reported:
        return False
    if idle.time is None or event.time is None:
        return True
    if event.time - idle.time <= COMPLETION_IDLE_REPORT_WINDOW:
        return True
    held = event.seconds.get("durationMs")
    return held is not None and event.time - timedelta(seconds=held) <= idle.time


def reports_completion_idle(event: Event, completion_idle: list[Event]) -> bool:
    """Whether ``event`` comes after a Codex completion-idle timeout (``turn idle timed out waiting for completion``:
    :func:`codex_items_done`) and only reports that attempt timing out: a ``[timeout-compaction] LLM timed out ...``
    line, a failover decision on ``codex app-server attempt timed out``, or the ``LLM request timed out.`` that
    attempt's failover error is worded as (:func:`says_model_timeout`). The Codex attempt code retries this timeout
    apart from progress timeouts, as the one where the turn's final event may have been lost, so these lines add no
    model hang (labelling policy "Codex completion-idle timeout"). Only as that attempt's report
    (:func:`_reports_that_attempt`): a line hours later is another attempt's."""
    if not any(_reports_that_attempt(event, idle) for idle in completion_idle):
        return False
    if says_model_timeout(event):
        return True
    if event.kind not in ATTEMPT_TIMEOUT_REPORTS:
        return False
    return event.kind == "compaction.timeout_recovery" or any(
        "codex app-server attempt timed out" in text for text in (event.message, field_text(event, "rawError")))


# A fallback candidate refused at once: its reason tag (``(auth)``, ``(billing)``, ``(rate_limit)``,
# ``(model_not_found)``) or a refusal's wording.
REFUSED_CANDIDATE = re.compile(r"\((?:auth|auth_permanent|billing|rate_limit|model_not_found)\)|" + PROVIDER_REFUSED.pattern,
                               re.IGNORECASE)


def every_candidate_timed_out(event: Event, warn_seconds: float) -> bool:
    """A fallback summary (``All models failed (4): a/m: This operation was aborted (timeout) | b/n: ...``) in which
    every candidate failed on its timeout, or at least half of them did (two or more) and the rest were refused at once
    (a rejected key, a rate limit, an unknown model: :data:`REFUSED_CANDIDATE`), and none on a lock: the turn's wait was
    its model calls running out their time. One timeout among many refusals is a chain of broken credentials, unless
    the record says the run took the warn threshold or more (a cron run's ``durationMs``): refusals take no time, so the
    timed-out call is where it went."""
    if event.kind != "model.all_failed" or mentions_lock(event):
        return False
    _, _, listed = event.message.partition("All models failed")
    parts = [part for part in listed.split(" | ") if part.strip()]
    timed_out = [part for part in parts if CANDIDATE_TIMED_OUT.search(part)]
    if not timed_out or not all(part in timed_out or REFUSED_CANDIDATE.search(part) for part in parts):
        return False
    if event.seconds.get("durationMs", 0.0) >= warn_seconds:
        return True
    return len(parts) >= 2 and len(timed_out) >= max(2, len(parts) / 2)


# How long the log must go on after a run's timeout, with no run end, to show the run never let go.
RUN_HELD_WINDOW = timedelta(seconds=60)


def lone_run_timeout(view: IncidentView) -> bool:
    """Whether the incident's only fault line is a run timeout (``embedded run timeout: ... timeoutMs=N``): no other
    line about the run's model call, a tool, a compaction, a lock or a stall beside it, only the run's end or the lines
    that show it held. Its reading follows the labelling policy "lone embedded run timeout"."""
    if not view.record.lone_timeout:
        return False  # (the correlator saw another line in the input: a model call, a tool, a compaction, a stall)
    events = [*view.record.prelude, *view.record.evidence.all()]
    # (a failover decision the correlator read as that timeout's own echo names only its reason: policy "run timeout with
    # a timeout failover decision")
    return any(e.kind == "embedded.timeout" for e in events) \
        and all(e.kind in LONE_TIMEOUT_COMPANIONS or RUN_TIMEOUT_ECHO_FIELD in e.seconds for e in events)


def run_held_after(view: IncidentView, timeout: Event) -> bool:
    """Whether a line after the run's timeout (``embedded run timeout: ... timeoutMs=N``) shows the run or its lane
    still held: a stall warning; ``run active check: active=true``; a lane wait with nothing queued ahead (``lane wait
    exceeded: lane=session:... queueAhead=0``: the lane's own task holds it); an active-runs wait timing out, an
    abort that did not settle or crashed; or the log going on a minute or more past the timeout. The timeout line alone
    shows only that the run spent its whole budget: its overall timer fires whatever the run was doing, and the
    abort follows it (the labelling policy "lone embedded run timeout")."""
    order = event_order(timeout)

    def later(event: Event) -> bool:
        return event_order(event) > order

    if any(later(w) for w in view.warnings):
        return True
    if any(later(e) and e.fields.get("active") is True for e in view.events("run.active_check")):
        return True
    if any(later(e) and lane_held_by_own_task(e) for e in view.events("lane.wait_exceeded")):
        return True
    if any(later(e) for e in view.events(*HELD_AFTER_TIMEOUT_KINDS)):
        return True
    end = view.record.input_end
    return end is not None and timeout.time is not None and end - timeout.time >= RUN_HELD_WINDOW


# How long after the abort threshold a recovery's first abort still counts as "at the floor": the detector checks
# every 30 s, so its first abort lands within a tick or two of the threshold.
FLOOR_SLACK_SECONDS = 60.0
# Lines a run writes only while it advances: a tool began or returned (in the gateway log or the session transcript),
# the model's turn ended.
RUN_PROGRESS_KINDS = ("embedded.tool_start", "embedded.tool_end", "embedded.agent_end", "embedded.prompt_end",
                      "transcript.tool_result")


def abort_at_the_floor(view: IncidentView, failures: Iterable[str] = TURN_FAILURE_KINDS) -> Event | None:
    """The recovery line of a single abort of a run at the abort threshold's age (within a minute of it), with no
    stall warning before it, no work named but the embedded run and none of ``failures``: the watchdog's abort as
    the only detection. A recovery abort whose lines carry no age at all (``stuck session recovery: action=
    abort_embedded_run aborted=true ... released=0``, a paste or build without ``age=``) counts too: the detector
    aborts only at that point, and ``released=0`` is also what an abort prints with nothing queued (labelling policy
    "recovery abort with released=0"). None otherwise."""
    acted = [r for r in view.record.recoveries if r.acted]
    if view.warnings or len(acted) != 1 or view.events(*failures):
        return None
    aged = [e for e in acted[0].events if "age" in e.seconds]
    floor = view.thresholds.abort_seconds
    named = {field_text(e, "activeWorkKind") for e in acted[0].events} - {"", "embedded_run"}
    if named:
        return None
    if not aged:
        # (released=0 beside queued work that no later line shows starting is RC06's evidence, not a bare abort)
        return None if (view.record.undelivered(acted[0]) or 0) > 0 else ageless_abort(acted[0])
    if not floor <= aged[0].seconds["age"] < floor + FLOOR_SLACK_SECONDS:
        return None
    return aged[0]


def ageless_abort(recovery: RecoveryRecord) -> Event | None:
    """The line of a recovery that aborted an embedded run (``action=abort_embedded_run aborted=true``) when none of
    its lines says how old the session was: None for any other recovery."""
    if recovery.aborted is not True or recovery.action not in ("abort_embedded_run", None):
        return None
    lines = [e for e in recovery.events if field_text(e, "action") == "abort_embedded_run"]
    return lines[0] if lines else None


# The lines a run held active may carry beside the abort that ended it while saying nothing of its progress: it is
# registered, started, active, queued behind, or aborted (labelling policy "a long run ended by an abort that names no
# source"). Any other line (a progress or tool line, an end, a stall warning, a recovery, a restart) is judged by its
# own policy.
HELD_RUN_KINDS = frozenset({"run.active_check", "run.registered", "embedded.run_start", "message.queued", "run.aborting",
                            "message.processed", "session.state"})


def unnamed_abort_of_held_run(view: IncidentView) -> tuple[Event, float] | None:
    """The abort that ended a run held active past the abort threshold (360 s by default) with no progress, tool or
    terminal line, and how long the lines show it held: ``run active check: ... active=true`` from its first such line
    to ``aborting run:`` (with no active check after it), or a ``message processed: ... duration=<N>ms
    reason=reply_operation_aborted``. Neither line says who aborted the run (``aborting run`` never does). None when
    any other line is beside them (a stall warning, a recovery, a tool, an end, a restart: their own policies decide),
    when a line names the abort's source (a user's ``/stop``, the ``fast_abort`` reason), or when the run was aborted
    before the abort point."""
    if view.warnings or view.record.recoveries:
        return None
    events = list({id(e): e for e in [*view.record.prelude, *view.record.evidence.all()]}.values())
    abort_seconds = view.thresholds.abort_seconds
    for event in events:
        if event.kind not in HELD_RUN_KINDS or "/stop" in event.message:
            return None
        if event.kind == "session.state" and field_text(event, "new") != "processing":
            return None
        if event.kind == "message.processed" and not long_unnamed_abort(event, abort_seconds):
            return None
    held: list[tuple[Event, float]] = []
    for event in events:
        if event.kind == "message.processed":
            held.append((event, processed_seconds(event)))
        elif event.kind == "run.aborting" and event.time is not None:
            active = [e for e in events if e.kind == "run.active_check" and e.fields.get("active") is True]
            if any(event_order(e) > event_order(event) for e in active):
                continue  # (the run was still active after it: the abort did not end it)
            since = [e.time for e in active if e.time is not None and e.time <= event.time]
            if since:
                held.append((event, (event.time - min(since)).total_seconds()))
    held = [(abort, seconds) for abort, seconds in held if seconds >= abort_seconds]
    return max(held, key=lambda pair: pair[1]) if held else None


def healthy_abort_signs(view: IncidentView, abort: Event) -> list[Event]:
    """What shows a run aborted at the floor was healthy: a line naming a CLI backend for the turn (``provider=
    claude-cli``, ``cli exec``, ``claude live session``, ``cli turn``), or progress lines (a tool starting or
    returning, a model turn ending) dated inside the span the abort's ``age`` counts as without progress, which
    that count then contradicts (labelling policy "watchdog abort of a run at the abort point")."""
    cli = [e for e in view.events(*CLI_BACKEND_KINDS)
           if "cli" in field_text(e, "provider") or e.kind == "cli.live_session"]
    if abort.time is None or "age" not in abort.seconds:
        return cli
    since = abort.time - timedelta(seconds=abort.seconds["age"])
    moved = [e for e in view.events(*RUN_PROGRESS_KINDS) if e.time is not None and since <= e.time <= abort.time]
    return cli + moved
