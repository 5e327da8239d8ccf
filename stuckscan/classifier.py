"""The root-cause classifier: evidence in incidents and episodes -> RC01..RC18 findings.

Each rule has a detector: a small function that looks at one incident (or one gateway
episode) and returns a :class:`Candidate` citing the events that support it, or None.
:func:`choose` then applies the causal precedence of the rule set: the primary cause is
the earliest fault that explains the stall; what followed the stall is contributing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from stuckscan.correlator import (
    ABORT_THRESHOLD_SECONDS,
    ATTENTION_LABELS,
    WARN_THRESHOLD_SECONDS,
    EpisodeRecord,
    IncidentRecord,
    event_order,
)
from stuckscan.events import Event
from stuckscan.model import Confidence, RecoveryVerdict, Severity
from stuckscan.rules import RULES

TIE_WINDOW = timedelta(seconds=60)
STARTUP_WINDOW = timedelta(seconds=60)
RESTART_BEFORE_STALL = timedelta(minutes=5)
MAX_CITED = 8
QUIET_LANES = frozenset({"cron"})  # lane waits here are periodic-job noise, not a symptom

# When candidates remain tied, earlier in this list wins (root-causes.md, "Precedence").
PRECEDENCE: tuple[str, ...] = (
    "RC08", "RC09", "RC10", "RC03", "RC01", "RC02", "RC05", "RC15", "RC16", "RC17",
    "RC12", "RC11", "RC18", "RC06", "RC07", "RC14", "RC13", "RC04",
)
SESSION_CAUSES = frozenset({"RC01", "RC02", "RC03", "RC05", "RC15", "RC16", "RC17"})
LOCK_CAUSES = frozenset({"RC08", "RC09", "RC10"})
GATEWAY_CAUSES = frozenset({"RC11", "RC12", "RC13", "RC18"})
OUTCOME_CLASSES = frozenset({"RC06", "RC07"})
ALWAYS_ERROR = frozenset({"RC06", "RC08", "RC09", "RC10"})
GATEWAY_WARNING = frozenset({"RC11", "RC12", "RC18"})

TERMINAL_PROGRESS = ("model_call:ended", "run:completed", "embedded_run:ended")
TERMINAL_PROGRESS_PARTS = ("response.completed", "rawResponseItem/completed", "raw_response_item.completed", "output_item.done")
_TOOL_PROGRESS = re.compile(r"tool(?:_call)?:(?P<tool>[^:]+):started")


@dataclass(slots=True)
class BuildInfo:
    generation: str
    rank: int  # 0 unknown, 1 <=2026.4, 2 late 2026.4, 3 2026.5.1-18, 4 >=2026.5.19, 5 mid-2026+
    hints: list[str] = field(default_factory=list)

    @property
    def is_old(self) -> bool:
        return 0 < self.rank <= 1


def infer_build(hints: Counter[str]) -> BuildInfo:
    """The OpenClaw build generation, from which message forms the log shows."""
    found = [name for name, count in hints.items() if count]
    if hints["repeated-request-age"] or hints["handshake-phase"] or hints["heartbeat-delayed"]:
        return BuildInfo("mid-2026 or newer (2026.6+: repeatedRequestNoProgressAge / handshake phase / heartbeat delayed)", 5, found)
    if hints["attention-with-progress"]:
        return BuildInfo("2026.5.19 or newer (stall warnings carry lastProgress)", 4, found)
    if hints["attention-classification-without-progress"]:
        return BuildInfo("2026.5.1 to 2026.5.18 (stalled/long-running without lastProgress)", 3, found)
    if hints["attention-reason-without-classification"]:
        return BuildInfo("late 2026.4.x (reason= and recovery=checking, before the stalled/long-running split)", 2, found)
    if hints["attention-without-reason"]:
        return BuildInfo("2026.4.x or older (stuck session lines without reason=)", 1, found)
    return BuildInfo("unknown (no stall-detector lines to date it)", 0, found)


@dataclass(slots=True)
class Candidate:
    rule_id: str
    confidence: Confidence
    summary: str
    evidence: list[Event]
    onset: datetime | None = None
    explains_stall: bool = True
    fixes: list[str] | None = None
    severity: Severity | None = None  # overrides the rule's policy when the evidence is milder
    supersedes: tuple[str, ...] = ()   # rules this finding explains away as primary candidates


@dataclass(slots=True)
class Decision:
    primary: Candidate | None
    contributing: list[Candidate]


class IncidentView:
    """Read-only helpers over one incident record and the gateway context around it."""

    def __init__(self, record: IncidentRecord, episodes: list[EpisodeRecord], markers: list[Event],
                 gateway_pids: list[int], build: BuildInfo) -> None:
        self.record = record
        self.episodes = episodes
        self.markers = markers
        self.gateway_pids = gateway_pids
        self.build = build
        self.warnings = record.evidence.of(*ATTENTION_LABELS)

    @property
    def stall_start(self) -> datetime | None:
        return self.record.start or self.record.first_warning or self.record.opened_at

    @property
    def last_seen(self) -> datetime | None:
        return self.record.end or self.record.last_warning or self.record.last_activity

    @property
    def wedged_seconds(self) -> float:
        start, last = self.stall_start, self.last_seen
        measured = (last - start).total_seconds() if start and last else 0.0
        return max(measured, self.record.max_age)

    def events(self, *kinds: str) -> list[Event]:
        wanted = set(kinds)
        seen = {(e.source, e.line) for e in self.record.prelude if e.kind in wanted}
        found = [e for e in self.record.prelude if e.kind in wanted]
        found.extend(e for e in self.record.evidence.of(*kinds) if (e.source, e.line) not in seen)
        return sorted(found, key=event_order)

    def warnings_where(self, predicate: Callable[[Event], bool]) -> list[Event]:
        return [w for w in self.warnings if predicate(w)]

def _first_time(events: Iterable[Event]) -> datetime | None:
    times = [e.time for e in events if e.time is not None]
    return min(times) if times else None


def _cite(*groups: Iterable[Event]) -> list[Event]:
    merged: dict[tuple[str, int], Event] = {}
    for group in groups:
        for event in group:
            merged.setdefault((event.source, event.line), event)
    ordered = sorted(merged.values(), key=event_order)
    if len(ordered) <= MAX_CITED:
        return ordered
    return ordered[: MAX_CITED - 2] + ordered[-2:]


def _field_text(event: Event, name: str) -> str:
    value = event.fields.get(name)
    return value if isinstance(value, str) else ""


def _stale_progress(warning: Event) -> bool:
    """A warning whose run really made no progress: fresh progress contradicts a hang."""
    return warning.seconds.get("lastProgressAge", WARN_THRESHOLD_SECONDS) >= WARN_THRESHOLD_SECONDS


def _mentions_lock(event: Event) -> bool:
    return "session file locked" in event.message or any(
        isinstance(value, str) and "session file locked" in value for value in event.fields.values())


def _is_terminal_progress(value: str) -> bool:
    return value in TERMINAL_PROGRESS or any(part in value for part in TERMINAL_PROGRESS_PARTS)


def _progress_phrase(view: IncidentView) -> str:
    values = list(view.record.progress_values)
    return f" (lastProgress={values[-1]})" if values else ""


# -- session detectors --------------------------------------------------------------------


def detect_model_call_hang(view: IncidentView) -> Candidate | None:
    strong = view.warnings_where(lambda w: _stale_progress(w) and (
        _field_text(w, "activeWorkKind") == "model_call"
        or _field_text(w, "lastProgress") == "model_call:started"
        or _field_text(w, "reason") in ("active_model_call_without_progress", "repeated_model_requests_without_progress")))
    compaction = view.events("embedded.compaction", "compaction.overflow", "compaction.timeout")
    started_only = [] if compaction else view.warnings_where(
        lambda w: _stale_progress(w) and _field_text(w, "lastProgress") == "embedded_run:started"
        and _field_text(w, "activeWorkKind") != "tool_call")
    idle = view.events("llm.idle_timeout", "model_fetch.start")
    failover = [e for e in view.events("embedded.failover", "model.fallback_decision")
                if not _mentions_lock(e) and (_field_text(e, "reason") == "timeout" or "Request was aborted" in e.message)]
    if not (strong or started_only or idle or failover):
        return None
    confidence = Confidence.HIGH if strong else Confidence.MEDIUM if (started_only or idle) else Confidence.LOW
    basis = strong or started_only
    detail = "the active work is a model call" if strong else "the run never progressed past its start" if started_only \
        else "the model call timed out"
    return Candidate(
        "RC01", confidence,
        f"No progress for {view.record.max_age:.0f} s and {detail}{_progress_phrase(view)}; no first token or completion arrived.",
        _cite(basis[:2], basis[-1:], idle, failover), onset=view.record.last_progress or view.stall_start,
    )


def _no_active_run(warning: Event) -> bool:
    """Stale session state: the detector saw no active run, so a ghost run is not the story."""
    return _field_text(warning, "classification") == "stale_session_state" or \
        _field_text(warning, "reason") == "queued_work_without_active_run"


def detect_ghost_run(view: IncidentView) -> Candidate | None:
    hits = view.warnings_where(lambda w: _stale_progress(w) and not _no_active_run(w) and (
        _is_terminal_progress(_field_text(w, "lastProgress"))
        or w.fields.get("terminalProgressStale") is True
        or _field_text(w, "reason") == "queued_behind_terminal_active_work"))
    if not hits:
        return None
    queued = any(isinstance(w.fields.get("queueDepth"), int) and w.fields["queueDepth"] > 0 for w in hits)
    stalled_run = any(_field_text(w, "classification") == "stalled_agent_run" for w in hits)
    confidence = Confidence.HIGH if (queued or stalled_run) else Confidence.MEDIUM
    last = _field_text(hits[-1], "lastProgress") or "terminal progress"
    queue_note = f" with {view.record.max_queue_depth} message(s) queued behind it" if view.record.max_queue_depth else ""
    return Candidate(
        "RC02", confidence,
        f"The run's last progress was `{last}`, yet the session stayed processing{queue_note}: the turn finished "
        "but the run never advanced or cleared.",
        _cite(hits[:2], hits[-1:]), onset=view.record.last_progress or view.stall_start,
    )


_TOOL_FIXES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("exec", "bash", "process", "shell"), "exec/bash: give the command a timeout; run long jobs with `nohup ... &` and a pid file."),
    (("browser", "cdp", "playwright"), "browser: restart the gateway or the browser profile."),
    (("openclaw", "approval"), "approval-gated tool: approve or deny the pending request."),
    (("codex",), "Codex: upgrade the plugin (#83476)."),
)


def _tool_name(view: IncidentView) -> str | None:
    for warning in reversed(view.warnings):
        tool = _field_text(warning, "activeTool")
        if tool:
            return tool
        match = _TOOL_PROGRESS.fullmatch(_field_text(warning, "lastProgress"))
        if match:
            return match.group("tool")
    return None


def detect_blocked_tool_call(view: IncidentView) -> Candidate | None:
    hits = view.warnings_where(lambda w: _stale_progress(w) and (
        "blocked_tool_call" in (_field_text(w, "classification"), _field_text(w, "reason"))
        or _field_text(w, "activeWorkKind") == "tool_call"
        or bool(_TOOL_PROGRESS.fullmatch(_field_text(w, "lastProgress")))))
    browser = view.events("tools.browser_failed", "tools.browser_unreachable")
    if not hits and not browser:
        return None
    tool = _tool_name(view) or ("browser" if browser else None)
    confidence = Confidence.HIGH if hits else Confidence.MEDIUM
    rule = RULES["RC03"]
    fixes = list(rule.fixes)
    if tool:
        specific = [fix for names, fix in _TOOL_FIXES if any(name in tool.lower() for name in names)]
        fixes = specific + [fix for fix in fixes if fix not in specific]
    return Candidate(
        "RC03", confidence,
        f"The session is waiting on the `{tool or 'unknown'}` tool call, which never returned "
        f"({view.record.max_age:.0f} s without progress).",
        _cite(hits[:2], hits[-1:], browser), onset=view.record.last_progress or view.stall_start, fixes=fixes,
    )


def detect_false_positive(view: IncidentView) -> Candidate | None:
    progress_ages = [w.seconds["lastProgressAge"] for w in view.warnings if "lastProgressAge" in w.seconds]
    if not progress_ages:
        return None
    fresh = [w for w in view.warnings if w.seconds.get("lastProgressAge", WARN_THRESHOLD_SECONDS) < WARN_THRESHOLD_SECONDS]
    if not fresh or max(progress_ages) >= WARN_THRESHOLD_SECONDS:
        return None
    streaming = [w for w in fresh if "stream_progress" in _field_text(w, "lastProgress")
                 or _field_text(w, "lastProgress").startswith("cli_live:")]
    first = view.record.first_warning
    later_progress = [e for e in view.events("embedded.tool_end", "embedded.tool_start", "embedded.agent_end")
                      if first and e.time and e.time > first]
    cli_backend = [e for e in view.events("embedded.run_start", "embedded.failover", "embedded.agent_end")
                   if "cli" in _field_text(e, "provider") or "claude-cli" in e.message]
    confidence = Confidence.HIGH if (streaming or later_progress or cli_backend) else Confidence.MEDIUM
    return Candidate(
        "RC04", confidence,
        f"The session was flagged with lastProgressAge={min(progress_ages):.0f} s, below the "
        f"{WARN_THRESHOLD_SECONDS:.0f} s warn threshold, and kept making progress: a detector false positive.",
        _cite(fresh[:3], streaming[:1], later_progress[:2], cli_backend[:1]), onset=first,
    )


def detect_stale_session_state(view: IncidentView) -> Candidate | None:
    stale = view.warnings_where(lambda w: _field_text(w, "classification") == "stale_session_state"
                                or _field_text(w, "reason") in ("queued_work_without_active_run", "stale_session_state"))
    skipped = [r for r in view.record.recoveries if r.status == "skipped"
               and (r.reason or "") in ("active_reply_work", "active_embedded_run")]
    unknown_unrecovered = view.warnings_where(lambda w: w.raw.get("sessionId") == "unknown" and _field_text(w, "recovery") == "none")
    huge = view.record.max_age >= 10_000
    if not (stale or len(skipped) >= 3 or (huge and unknown_unrecovered)):
        return None
    confidence = Confidence.HIGH if stale else Confidence.MEDIUM
    parts = []
    if stale:
        parts.append("the detector classified it as stale session state")
    if skipped:
        parts.append(f"recovery was skipped {len(skipped)} time(s) for active work that never progressed")
    if huge:
        parts.append(f"its age reached {view.record.max_age:.0f} s")
    skip_events = [e for r in skipped[:3] for e in r.events[:1]]
    return Candidate(
        "RC05", confidence,
        "The gateway holds session state for work that is not running: " + "; ".join(parts) + ".",
        _cite(stale[:2], stale[-1:], skip_events, unknown_unrecovered[:1]), onset=view.stall_start,
    )


def detect_ineffective_recovery(view: IncidentView) -> Candidate | None:
    not_freed = [r for r in view.record.recoveries if r.verdict is RecoveryVerdict.NOT_FREED]
    empty = view.events("dispatch.empty_reply")
    if not not_freed and not empty:
        return None
    continued = any("continued" in r.verdict_reason for r in not_freed)
    confidence = Confidence.HIGH if continued or (not_freed and empty) else Confidence.MEDIUM
    first = not_freed[0] if not_freed else None
    reason = first.verdict_reason if first else "a turn was dispatched with no queued reply payloads"
    after = [w for w in view.warnings if first and first.time and w.time and w.time > first.time][-1:]
    return Candidate(
        "RC06", confidence,
        f"Recovery ran ({first.action if first else 'dispatch'}) but did not free the session: {reason}. "
        "Messages queued during the wedge may be lost.",
        _cite([e for r in not_freed[:2] for e in r.events], after, empty[:2]),
        onset=first.time if first else _first_time(empty), explains_stall=False,
    )


def detect_no_recovery(view: IncidentView) -> Candidate | None:
    if view.record.recoveries or not view.warnings:
        return None
    if view.wedged_seconds < ABORT_THRESHOLD_SECONDS:
        return None
    old_form = view.warnings_where(lambda w: "reason" not in w.fields)
    observe_only = view.warnings_where(lambda w: _field_text(w, "recovery") == "none")
    confidence = Confidence.HIGH if (old_form or observe_only) else Confidence.MEDIUM
    why = "the build predates automatic recovery (no reason= on its warnings)" if old_form else \
        "the warnings say recovery=none" if observe_only else "no recovery line follows the warnings"
    start = view.stall_start
    return Candidate(
        "RC07", confidence,
        f"The session was stuck for {view.wedged_seconds:.0f} s, past the {ABORT_THRESHOLD_SECONDS:.0f} s abort "
        f"threshold, and nothing tried to recover it: {why}.",
        _cite(view.warnings[:1], view.warnings[-2:]),
        onset=start + timedelta(seconds=ABORT_THRESHOLD_SECONDS) if start else None, explains_stall=False,
    )


# OpenClaw throws these inside a lane task, so they usually arrive in a ``lane task error``
# line (whose family claims the line) rather than as a line of their own.
TAKEOVER_ERROR = "EmbeddedAttemptSessionTakeoverError"
LANE_TIMEOUT_ERROR = "CommandLaneTaskTimeoutError"


def _lane_task_errors(view: IncidentView, name: str) -> list[Event]:
    """``lane task error`` lines that report the error ``name``."""
    return [e for e in view.events("lane.task_error") if name in e.message]


def _lock_events(view: IncidentView) -> list[Event]:
    return [e for e in view.events("lane.task_error", "lock.timeout", "lock.takeover") if
            "lockPath" in e.fields or "lockPid" in e.fields or e.kind != "lane.task_error" or TAKEOVER_ERROR in e.message]


def _lock_is_cause(view: IncidentView, events: list[Event]) -> bool:
    """A lock class is primary only when the lock error precedes the stall or the session's
    own requests fail on it."""
    if view.record.opened_by == "lock_error":
        return True
    start = view.stall_start
    if any(e.time and start and e.time <= start + timedelta(seconds=30) for e in events):
        return True
    return any(e.kind == "lane.task_error" for e in events)


def detect_lock_held_by_gateway(view: IncidentView) -> Candidate | None:
    locks = _lock_events(view)
    alive = [e for e in locks if e.fields.get("lockPidAlive") is True
             or (isinstance(e.fields.get("lockPid"), int) and e.fields["lockPid"] in view.gateway_pids)]
    settles = view.events("abort.settle_timeout", "abort.settle_failed")
    takeover = [e for e in locks if e.kind == "lock.takeover" or TAKEOVER_ERROR in e.message]
    settle_then_lock = bool(settles and any(e.time and settles[0].time and e.time > settles[0].time for e in locks))
    dead_marked = [e for e in locks if e.fields.get("lockPidAlive") is False]
    if not (alive or takeover or (settle_then_lock and not dead_marked)):
        return None
    confidence = Confidence.HIGH if alive else Confidence.MEDIUM
    holder = alive[0].fields.get("lockPid") if alive else None
    who = f"pid {holder}, the live gateway" if holder else "the live gateway"
    cited = alive or takeover or locks
    return Candidate(
        "RC08", confidence,
        f"The session's write lock is held by {who} after an aborted run, so every new turn times out on it.",
        _cite(settles[:2], cited[:3], cited[-1:]), onset=_first_time(cited), explains_stall=_lock_is_cause(view, cited),
    )


def _stale_lock_removals(view: IncidentView) -> list[Event]:
    wanted = {view.record.session_id} if view.record.session_id else set()
    removals = view.events("lock.stale_removed")
    return [e for e in removals if "dead-pid" in _field_text(e, "reasons")
            and (not wanted or e.fields.get("lockSessionId") in wanted)]


def detect_dead_pid_lock(view: IncidentView) -> Candidate | None:
    locks = [e for e in _lock_events(view) if e.fields.get("lockPidAlive") is not True
             and e.fields.get("lockPid") not in view.gateway_pids]
    dead = [e for e in locks if e.fields.get("lockPidAlive") is False]
    removed = _stale_lock_removals(view)
    pids = Counter(e.fields.get("lockPid") for e in locks if isinstance(e.fields.get("lockPid"), int))
    repeated_pid = next((pid for pid, count in pids.items() if count >= 2), None)
    if not (dead or removed or repeated_pid is not None):
        return None
    confidence = Confidence.HIGH if dead or (removed and locks) else Confidence.MEDIUM
    pid = (dead[0].fields.get("lockPid") if dead else repeated_pid)
    removed_only = bool(removed and not locks)
    if removed_only:
        summary = "A session write lock left by a dead process was found and removed (`dead-pid`)."
    else:
        summary = f"Requests fail on a session write lock held by pid {pid}, a process that is no longer running."
    cause_events = locks or removed
    return Candidate(
        "RC09", confidence, summary, _cite(locks[:3], locks[-1:], removed[:2]),
        onset=_first_time(cause_events), explains_stall=_lock_is_cause(view, locks) if locks else False,
        severity=Severity.WARNING if removed_only else None,  # already cleaned up: no request failed on it
    )


def detect_lock_contention_as_model_failure(view: IncidentView) -> Candidate | None:
    hits = [e for e in view.events("model.fallback_decision", "embedded.failover", "model.all_failed") if _mentions_lock(e)]
    if not hits:
        return None
    confidence = Confidence.HIGH if len(hits) >= 2 or any(e.kind == "model.all_failed" for e in hits) else Confidence.MEDIUM
    return Candidate(
        "RC10", confidence,
        f"{len(hits)} model attempt(s) were reported as failures, but each failed on the session file lock, not the model.",
        _cite(hits), onset=_first_time(hits), explains_stall=True,
    )


def _cleanup_after(view: IncidentView, timeout: Event) -> bool:
    run_id = timeout.fields.get("runId")
    for event in view.events("run.cleared", "embedded.run_done", "embedded.run_end", "lane.task_done", "session.state"):
        if not (event.time and timeout.time and timeout.time <= event.time <= timeout.time + timedelta(seconds=60)):
            continue
        if event.kind == "session.state" and event.fields.get("new") != "idle":
            continue
        if event.kind in ("embedded.run_done", "embedded.run_end") and run_id and event.fields.get("runId") not in (run_id, None):
            continue
        return True
    return False


def detect_run_timeout_without_cleanup(view: IncidentView) -> Candidate | None:
    timeouts = [e for e in view.events("embedded.timeout") if not _cleanup_after(view, e)]
    # "lane task rejected after timeout" is logged only for a lane task whose timeout already fired
    # (src/process/command-queue.ts): the same evidence as the CommandLaneTaskTimeoutError it follows.
    lane_timeouts = (view.events("lane.task_timeout", "lane.task_rejected_after_timeout")
                     + _lane_task_errors(view, LANE_TIMEOUT_ERROR))
    if not timeouts and not lane_timeouts:
        return None
    active = [e for e in view.events("run.active_check") if e.fields.get("active") is True]
    confidence = Confidence.HIGH if timeouts and (active or view.record.opened_by == "run_timeout" or view.warnings) else Confidence.MEDIUM
    first = (timeouts or lane_timeouts)[0]
    limit = first.seconds.get("timeoutMs")
    limit_text = f" after {limit:.0f} s" if limit else ""
    detected = view.record.first_warning
    # The timeout fired before any stall warning: whatever kept the run busy (a tool, a model
    # call), the run should have ended there, and the fault that wedged it is the missing cleanup.
    before_detection = bool(timeouts and first.time and (detected is None or first.time <= detected))
    return Candidate(
        "RC15", confidence,
        f"The run timed out{limit_text}, but no cleanup followed (no run cleared, lane task done or idle state).",
        _cite(timeouts[:2], lane_timeouts[:2], active[:2]), onset=first.time,
        supersedes=("RC01", "RC02", "RC03") if before_detection and confidence is Confidence.HIGH else (),
    )


# "[timeout-compaction]" stages (compaction tried after an LLM timeout): the attempt, and what ends it.
_TIMEOUT_COMPACTION_START = "LLM timed out"
_TIMEOUT_COMPACTION_THREW = "contextEngine.compact() threw"
_TIMEOUT_COMPACTION_ENDS = frozenset({_TIMEOUT_COMPACTION_THREW, "compaction succeeded", "compaction did not reduce context"})


def _open_timeout_compactions(compaction: list[Event]) -> list[Event]:
    """Timeout-triggered compactions with no later outcome line (these lines name no run)."""
    found: list[Event] = []
    for event in compaction:
        if event.kind != "compaction.timeout_recovery":
            continue
        stage = _field_text(event, "stage")
        if stage == _TIMEOUT_COMPACTION_START:
            found.append(event)
        elif stage in _TIMEOUT_COMPACTION_ENDS and found:
            found.pop()
    return found


def detect_compaction_stall(view: IncidentView) -> Candidate | None:
    compaction = view.events("embedded.compaction", "compaction.overflow", "compaction.timeout",
                             "compaction.failed", "compaction.timeout_recovery", "gateway.draining_rejected")
    if not compaction:
        return None
    ends = {e.fields.get("runId") for e in compaction if _field_text(e, "stage") in ("end", "done", "complete")}
    open_starts = [e for e in compaction if e.kind == "embedded.compaction"
                   and _field_text(e, "stage") in ("start", "retry") and e.fields.get("runId") not in ends]
    open_starts += _open_timeout_compactions(compaction)
    failures = [e for e in compaction if e.kind in ("compaction.timeout", "compaction.failed")
                or (e.kind == "compaction.timeout_recovery" and _field_text(e, "stage") == _TIMEOUT_COMPACTION_THREW)]
    if not (open_starts or failures or any(e.kind == "compaction.overflow" for e in compaction)):
        return None
    onset = _first_time(compaction)
    start = view.stall_start
    near_start = bool(onset and start and onset <= start + timedelta(minutes=2))
    confidence = Confidence.HIGH if (failures or open_starts) and near_start else Confidence.MEDIUM
    return Candidate(
        "RC16", confidence,
        "The stall began during transcript compaction, which never finished"
        + (" (it timed out or failed)." if failures else "."),
        _cite(compaction), onset=onset, explains_stall=near_start,
    )


_RESTART_MARKERS = frozenset({"gateway.signal", "gateway.signal_action", "gateway.restart_mode", "gateway.draining",
                              "gateway.restarting", "gateway.reload_required"})


def detect_restart_interrupted_run(view: IncidentView) -> Candidate | None:
    start = view.stall_start
    session_marks = view.events("run.aborted_error", "restart.recovery", "session.aborted_last_run")
    markers = [m for m in view.markers if m.kind in _RESTART_MARKERS and m.time and start
               and start - RESTART_BEFORE_STALL <= m.time <= start + timedelta(minutes=2)
               and (m.kind != "gateway.signal" or _field_text(m, "signal") in ("SIGUSR1", "SIGTERM", "SIGINT"))]
    if not markers and not session_marks:
        return None
    runs_at_restart = []
    if markers:
        first_marker = markers[0]
        starts = [e for e in view.events("embedded.run_start") if e.time and first_marker.time and e.time <= first_marker.time]
        done = {e.fields.get("runId") for e in view.events("embedded.run_done", "embedded.run_end")
                if e.time and first_marker.time and e.time <= first_marker.time}
        runs_at_restart = [e for e in starts if e.fields.get("runId") not in done]
    confidence = Confidence.HIGH if markers and (session_marks or runs_at_restart) else Confidence.MEDIUM
    return Candidate(
        "RC17", confidence,
        "A gateway restart/reload happened while the session's run was in flight, and the session stalled right after.",
        _cite(markers[:3], runs_at_restart[-1:], session_marks[:2]), onset=_first_time(markers or session_marks),
    )


def detect_lane_backlog(view: IncidentView) -> Candidate | None:
    waits = [e for e in view.events("lane.wait_exceeded") if _field_text(e, "lane") not in QUIET_LANES]
    if not waits:
        return None
    longest = max(e.seconds.get("waitedMs", 0.0) for e in waits)
    return Candidate(
        "RC14", Confidence.MEDIUM,
        f"{len(waits)} lane wait(s) exceeded 2 s (longest {longest:.0f} s): work queued behind the stuck session.",
        _cite(waits), onset=_first_time(waits), explains_stall=False,
    )


SESSION_DETECTORS: tuple[Callable[[IncidentView], Candidate | None], ...] = (
    detect_model_call_hang, detect_ghost_run, detect_blocked_tool_call, detect_false_positive,
    detect_stale_session_state, detect_ineffective_recovery, detect_no_recovery, detect_lock_held_by_gateway,
    detect_dead_pid_lock, detect_lock_contention_as_model_failure, detect_run_timeout_without_cleanup,
    detect_compaction_stall, detect_restart_interrupted_run, detect_lane_backlog,
)


# -- gateway episode detectors ---------------------------------------------------------------


@dataclass(slots=True)
class EpisodeView:
    record: EpisodeRecord
    overlapping_incidents: int
    build: BuildInfo

    def events(self, *kinds: str) -> list[Event]:
        return self.record.evidence.of(*kinds)

    def count(self, kind: str) -> int:
        return self.record.evidence.counts.get(kind, 0)


def _metric(event: Event, name: str) -> float:
    value = event.fields.get(name)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def _starving(event: Event) -> bool:
    """Sustained starvation: a busy loop (utilization, CPU) or a high p99 delay."""
    return (_metric(event, "eventLoopDelayP99Ms") >= 1000 or _metric(event, "eventLoopUtilization") >= 0.9
            or _metric(event, "cpuCoreRatio") >= 0.9)


def _delay_spike(event: Event) -> bool:
    """One long pause (a GC, a sync call): evidence only when it repeats."""
    return _metric(event, "eventLoopDelayMaxMs") >= 2000


def _long_handshake(event: Event) -> bool:
    duration = event.seconds.get("durationMs")
    handshake = event.seconds.get("handshakeMs")
    if duration is None:
        return False
    limit = handshake if handshake is not None else 10.0
    return duration > max(2 * limit, limit + 10.0)


def _short_handshake_timeout(event: Event) -> bool:
    duration, handshake = event.seconds.get("durationMs"), event.seconds.get("handshakeMs")
    cause = _field_text(event, "cause")
    return (cause in ("handshake-timeout", "") and handshake is not None and handshake <= 5.0
            and duration is not None and duration - handshake < 3.0)


def _in_startup_window(view: EpisodeView, event: Event) -> bool:
    for marker in view.record.markers:
        if marker.kind not in ("gateway.ready", "gateway.listening", "health.started") or not (marker.time and event.time):
            continue
        grace = marker.seconds.get("startupGrace")
        window = timedelta(seconds=grace) if grace else STARTUP_WINDOW
        if marker.time <= event.time <= marker.time + window:
            return True
    return False


def _starved_fetch_timeouts(view: EpisodeView) -> list[Event]:
    """File-log ``fetch timeout reached`` records whose timer fired late: OpenClaw adds
    ``timerDelayMs`` to the meta object only when the delay is at least max(1 s, half the
    timeout), its own "likely event-loop starvation" hint (the console line says ``timer
    delayed``, a ``timer.delayed`` event)."""
    return [e for e in view.events("fetch.timeout") if "timerDelayMs" in e.fields]


def detect_event_loop_starvation(view: EpisodeView) -> Candidate | None:
    warm = [e for e in view.events("liveness.warning") if not _in_startup_window(view, e)]
    spikes = [e for e in warm if _delay_spike(e) and not _starving(e)]
    liveness = [e for e in warm if _starving(e)] + (spikes if len(spikes) >= 2 else [])
    delayed = view.events("timer.delayed", "liveness.heartbeat_delayed") + _starved_fetch_timeouts(view)
    slow = view.events("ws.response")
    long_handshakes = [e for e in view.events("ws.closed_before_connect") if _long_handshake(e)]
    connect_timeouts = [e for e in view.events("gateway.connect_failed", "gateway.timeout")
                        if "requestTimeoutMethod" in e.fields or e.kind == "gateway.timeout"]
    others = view.events("agent.cleanup_timeout", "memory.pressure")
    indirect = [group for group in (slow, long_handshakes, connect_timeouts, others) if group]
    if not liveness and not delayed and len(indirect) < 1:
        return None
    if liveness or delayed:
        confidence = Confidence.HIGH
    else:
        confidence = Confidence.MEDIUM if len(indirect) >= 2 else Confidence.LOW
    peaks = view.record.peaks
    facts = []
    if "eventLoopDelayMaxMs" in peaks:
        facts.append(f"event-loop delay up to {peaks['eventLoopDelayMaxMs']:.0f} ms")
    if "eventLoopUtilization" in peaks:
        facts.append(f"utilization {peaks['eventLoopUtilization']:.2f}")
    if "handshakeDurationSeconds" in peaks:
        facts.append(f"WebSocket handshakes taking up to {peaks['handshakeDurationSeconds']:.0f} s")
    if "slowestResponseSeconds" in peaks:
        facts.append(f"responses taking up to {peaks['slowestResponseSeconds']:.0f} s")
    if connect_timeouts:
        facts.append(f"{len(connect_timeouts)} gateway connect timeout(s)")
    phases = {_field_text(e, "phase") for e in liveness if _field_text(e, "phase")}
    if phases:
        facts.append("hot phase " + ", ".join(sorted(phases)[:3]))
    return Candidate(
        "RC12", confidence,
        "The gateway's event loop was starved: " + ("; ".join(facts) or "timers and requests ran late") + ".",
        _cite(liveness[:3], delayed[:2], long_handshakes[:2], connect_timeouts[:2], slow[:1], others[:1]),
        onset=view.record.start,
    )


def detect_handshake_timeout(view: EpisodeView) -> Candidate | None:
    closes = [e for e in view.events("ws.closed_before_connect") if _short_handshake_timeout(e)]
    timeouts = view.events("ws.handshake_timeout")
    long_handshakes = [e for e in view.events("ws.closed_before_connect") if _long_handshake(e)]
    starvation = (long_handshakes or view.events("liveness.warning", "timer.delayed", "liveness.heartbeat_delayed",
                                                  "ws.response", "gateway.connect_failed", "gateway.timeout"))
    modern_budget = any(e.seconds.get("handshakeMs", 0.0) >= 10.0 for e in view.events("ws.closed_before_connect"))
    old_gateway = view.build.rank == 1 or any(m.kind == "gateway.listening" for m in view.record.markers)
    if closes:
        confidence = Confidence.HIGH
    elif timeouts and not starvation and not modern_budget and old_gateway:
        confidence = Confidence.MEDIUM  # no close details, but a build old enough for the 3 s default
    else:
        return None
    return Candidate(
        "RC11", confidence,
        f"{len(timeouts) or len(closes)} WebSocket handshake(s) timed out"
        + (" at a short ~3 s limit (the pre-2026.3.22 default)." if closes else " while the gateway was otherwise responsive."),
        _cite(closes[:3], timeouts[:3]), onset=view.record.start,
    )


def detect_cold_start_noise(view: EpisodeView) -> Candidate | None:
    liveness = view.events("liveness.warning")
    if not liveness or view.overlapping_incidents:
        return None
    if not all(_in_startup_window(view, e) for e in liveness):
        return None
    other_trouble = sum(count for kind, count in view.record.evidence.counts.items() if kind != "liveness.warning")
    if other_trouble:
        return None
    return Candidate(
        "RC13", Confidence.HIGH,
        f"{len(liveness)} liveness warning(s) inside the gateway's startup window, with no stuck session: startup noise.",
        _cite(liveness[:3], [m for m in view.record.markers if m.kind in ("gateway.ready", "health.started")][:1]),
        onset=view.record.start,
    )


def detect_channel_ingress_stall(view: EpisodeView) -> Candidate | None:
    restarts = view.events("health.restart")
    per_channel = Counter(f"{_field_text(e, 'channel')}:{_field_text(e, 'account')}" for e in restarts)
    looping = [channel for channel, count in per_channel.items() if count >= 2]
    # "hit <n> restarts/hour limit" (src/gateway/channel-health-monitor.ts): the monitor itself counted n
    # restarts of that account within the hour, a restart loop even when the log shows fewer of them.
    limits = view.events("health.restart_limit")
    looping += [channel for channel in dict.fromkeys(
        f"{_field_text(e, 'channel')}:{_field_text(e, 'account')}" for e in limits) if channel not in looping]
    addr_in_use = view.events("net.eaddrinuse")
    failed = view.events("health.restart_failed")
    total = view.count("health.restart")
    if not looping and not ((addr_in_use or failed) and restarts) and total < 2:
        return None
    confidence = Confidence.HIGH if not view.overlapping_incidents else Confidence.MEDIUM
    name = (looping or list(per_channel) or ["channel"])[0].strip(":") or "a channel"
    reasons = sorted({_field_text(e, "reason") for e in restarts if _field_text(e, "reason")})
    return Candidate(
        "RC18", confidence,
        f"The health monitor restarted {name} {total} time(s) ({', '.join(reasons) or 'no reason given'})"
        + (f", hit its limit of {_field_text(limits[0], 'maxRestartsPerHour')} restarts/hour" if limits else "")
        + (", and a restart failed" if failed else "")
        + ": the channel stopped delivering messages.",
        _cite(restarts[:3], restarts[-1:], limits[:1], failed[:1], addr_in_use[:1]), onset=view.record.start,
    )


EPISODE_DETECTORS: tuple[Callable[[EpisodeView], Candidate | None], ...] = (
    detect_cold_start_noise, detect_event_loop_starvation, detect_handshake_timeout,
    detect_channel_ingress_stall,
)


# -- choosing primary and contributing ---------------------------------------------------------


def _rank(rule_id: str) -> int:
    return PRECEDENCE.index(rule_id) if rule_id in PRECEDENCE else len(PRECEDENCE)


def _onset_key(candidate: Candidate, fallback: datetime | None) -> float:
    moment = candidate.onset or fallback
    return moment.timestamp() if moment else float("inf")


def choose(candidates: list[Candidate], stall_start: datetime | None) -> Decision:
    """Primary: the earliest candidate that explains the stall, ties broken by precedence."""
    if not candidates:
        return Decision(None, [])
    by_rule = {c.rule_id: c for c in candidates}
    false_positive = by_rule.get("RC04")
    if false_positive is not None and false_positive.confidence is Confidence.HIGH:
        rest = [c for c in candidates if c.rule_id not in ("RC04", "RC05", "RC07", "RC14")]
        return Decision(false_positive, sorted(rest, key=lambda c: _rank(c.rule_id)))
    causes = [c for c in candidates if c.explains_stall and c.rule_id not in OUTCOME_CLASSES | {"RC04", "RC13", "RC14"}]
    causes = [c for c in causes if c.rule_id not in GATEWAY_CAUSES or _began_before(c, stall_start)]
    pool = causes or [c for c in candidates if c.rule_id in OUTCOME_CLASSES] or candidates
    superseded = {rule_id for c in pool for rule_id in c.supersedes}
    pool = [c for c in pool if c.rule_id not in superseded] or pool
    earliest = min(_onset_key(c, stall_start) for c in pool)
    tied = [c for c in pool if _onset_key(c, stall_start) <= earliest + TIE_WINDOW.total_seconds()]
    primary = min(tied, key=lambda c: (_rank(c.rule_id), -_confidence_rank(c.confidence)))
    contributing = sorted((c for c in candidates if c is not primary), key=lambda c: _rank(c.rule_id))
    return Decision(primary, contributing)


def _began_before(candidate: Candidate, stall_start: datetime | None) -> bool:
    return bool(candidate.onset and stall_start and candidate.onset < stall_start)


def _confidence_rank(confidence: Confidence) -> int:
    return {Confidence.LOW: 0, Confidence.MEDIUM: 1, Confidence.HIGH: 2}[confidence]


def severity_for(rule_id: str, wedged_seconds: float) -> Severity:
    rule = RULES[rule_id]
    if rule.benign:
        return Severity.INFO
    if rule_id in ALWAYS_ERROR:
        return Severity.ERROR
    if rule_id in GATEWAY_WARNING:
        return Severity.WARNING
    return Severity.ERROR if wedged_seconds >= ABORT_THRESHOLD_SECONDS else Severity.WARNING


def tailored_fixes(candidate: Candidate, build: BuildInfo) -> list[str]:
    fixes = list(candidate.fixes or RULES[candidate.rule_id].fixes)
    if build.is_old and candidate.rule_id in SESSION_CAUSES | OUTCOME_CLASSES:
        fixes.insert(0, f"Upgrade first: this log looks like OpenClaw {build.generation}, which has no "
                        "classified stall warnings or automatic stuck-session recovery.")
    if build.rank >= 5:
        fixes = [fix + " (builds from mid-2026 may ignore this setting and use 120 s / 360 s: #118777)"
                 if "stuckSessionAbortMs" in fix else fix for fix in fixes]
    return fixes


def classify_incident(view: IncidentView) -> Decision:
    candidates = [c for detector in SESSION_DETECTORS if (c := detector(view)) is not None]
    for episode in view.episodes:
        episode_view = EpisodeView(episode, 1, view.build)
        for detector in (detect_event_loop_starvation, detect_handshake_timeout, detect_channel_ingress_stall):
            candidate = detector(episode_view)
            if candidate is not None and candidate.rule_id not in {c.rule_id for c in candidates}:
                candidates.append(candidate)
    return choose(candidates, view.stall_start)


def classify_episode(view: EpisodeView) -> Decision:
    candidates = [c for detector in EPISODE_DETECTORS if (c := detector(view)) is not None]
    if any(c.rule_id == "RC13" for c in candidates):
        candidates = [c for c in candidates if c.rule_id != "RC12"]
    if not candidates:
        return Decision(None, [])
    primary = min(candidates, key=lambda c: (_rank(c.rule_id), -_confidence_rank(c.confidence)))
    return Decision(primary, sorted((c for c in candidates if c is not primary), key=lambda c: _rank(c.rule_id)))
