"""RC15: the run hit its timeout, but nothing cleared it, so the session stayed busy."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from stuckscan.events import (
    LONE_IN_PASTE_FIELD,
    NEXT_RUN_KINDS,
    TIMED_OUT_RUN_FIELD,
    Event,
    event_order,
    expired_as_stale,
    model_call_timed_out,
)
from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import (
    LANE_TIMEOUT_ERROR,
    Candidate,
    cite,
    field_text,
    lane_task_errors,
    lone_run_timeout,
    run_held_after,
)
from stuckscan.rules._rule import WEDGED_POLICY, Fix, FixContext, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import IncidentView

CLEANUP_WINDOW = timedelta(seconds=60)
TIMED_OUT = re.compile(r"timed out|TimeoutError|timeout after", re.IGNORECASE)


def _still_stuck(context: FixContext) -> bool:
    return not context.view.cleared


RULE = Rule(
    "RC15", "run-timeout-without-cleanup", "Run timeout fired but cleanup never ran",
    "The run hit its timeout, but nothing cleared it: the session stayed busy.",
    WEDGED_POLICY, Severity.WARNING, "session",
    ("`embedded run timeout: ... timeoutMs=N` with no later `run cleared` / `lane task done` / "
     "`session state: prev=processing new=idle` / `embedded run done` for that run (nor the run going on after it: "
     "`[timeout-compaction] compaction succeeded ...; retrying prompt`; nor the run's own failover decision, made "
     "once the timed-out attempt returned, or its auth profile's `Profile <id> timed out. Trying next account...` within 60 s, "
     "written as the loop rotates the profile once the attempt came back; nor a `lane task error` with no lane or "
     "duration carrying the run's own `FailoverError: ...` within 2 s of the timeout, the run's end; nor another run of the session with no stall warning between; nor a log "
     "that stops inside the window after the session's earlier timeouts were each let go; nor the run's own lane task "
     "failing within 2 s of the timeout, on the model's timeout or, having held its lane the run's whole budget, on "
     "any error: `lane task error: lane=main durationMs=1107182 error=\"FailoverError: Connection error.\"` after "
     "`timeoutMs=600000`); when the timeout is the excerpt's only fault line, a line after it must show the run or its "
     "lane still held (a lane wait with nothing queued ahead, `activeRuns=N`, `run active check: active=true`, the lane's "
     "backstop timeout, an abort-settle timeout or a crash, or the log going on a minute or more; in a paste without "
     "times, later lines that open no fault of their own show that only when they are of those kinds, not by following "
     "it): a lone timeout is "
     "RC01's spent budget (labelling policy \"lone embedded run timeout\"), and so is one followed only by its run's "
     "`failover decision ... reason=timeout` (policy \"run timeout with a timeout failover decision\")",
     "`run active check: active=true` afterwards",
     "`CommandLaneTaskTimeoutError`, on its own or inside a `lane task error` (not the active-memory recall's own "
     "task, started with the recall and timing out at its budget: labelling policy \"active-memory recall timeout is "
     "a side-run budget\")",
     "`lane task rejected after timeout: lane=... timeoutMs=N error=...` (the timed-out task failed later)",
     "`lane task error: lane=session:... error=\"...timed out\"`, then a `lane dequeue` after which the session lane "
     "dequeues nothing while `lane enqueue: queueSize=N` grows"),
    ("no terminal event for the run within 60 s after the timeout",),
    (Fix("Restart the gateway: `openclaw gateway restart`.", _still_stuck, "the run was not cleared in the log"),
     Fix("Upgrade (force-clear after timeout, PR #123055)."),
     Fix("Raise `agents.defaults.timeoutSeconds` only if runs are legitimately long.")),
    ("#123055",),
    confirm="A longer log would show whether `run cleared`, `embedded run done` or an idle state followed within "
            "60 s of the timeout, and whether stall warnings followed.",
)


def cleanup_after(view: IncidentView, timeout: Event) -> bool:
    run_id = timeout.fields.get("runId")
    for event in view.events("run.cleared", "run.cleanup", "embedded.run_done", "embedded.run_end", "lane.task_done",
                             "session.state", "compaction.timeout_recovery", "lane.task_error"):
        if event.time is None and timeout.time is None:  # (an untimed paste: a later line is all that can be said)
            if event_order(event) <= event_order(timeout):
                continue
        elif not (event.time and timeout.time and timeout.time <= event.time <= timeout.time + CLEANUP_WINDOW):
            continue
        if event.kind == "compaction.timeout_recovery" and field_text(event, "stage") != "compaction succeeded":
            continue  # (its "compaction succeeded ...; retrying prompt": the run handled its timeout and went on)
        if event.kind == "session.state" and event.fields.get("new") != "idle":
            continue
        if event.kind == "lane.task_error" and TIMED_OUT_RUN_FIELD not in event.seconds:
            continue  # (only the run's own task, its FailoverError thrown at the timeout: the correlator marks it)
        if event.kind in ("embedded.run_done", "embedded.run_end", "run.cleanup") and run_id and event.fields.get("runId") not in (run_id, None):
            continue
        return True
    return _attempt_came_back(view, timeout) or _next_run_after(view, timeout)


# How many of the session's timeouts before the last one _too_soon reads (the recent ones say how its timeouts go).
RECENT_TIMEOUTS = 3


def _too_soon(view: IncidentView, timeout: Event) -> bool:
    """Whether the input ended inside the timeout's cleanup window while the session's recent run timeouts were each
    cleaned up (a session whose runs timed out one after another, each let go, and the log stops at the last one):
    the cleanup may come just after where the lines stop, and only a stall warning or a run still active after it
    could say it never came. A timeout that is all the incident holds stays the reading of a pasted line."""
    end = view.record.input_end
    if end is None or timeout.time is None or end - timeout.time >= CLEANUP_WINDOW:
        return False
    earlier = [e for e in view.events("embedded.timeout") if event_order(e) < event_order(timeout)][-RECENT_TIMEOUTS:]
    later_signs = [w for w in view.warnings if event_order(w) > event_order(timeout)] + [
        e for e in view.events("run.active_check") if e.fields.get("active") is True and event_order(e) > event_order(timeout)]
    return bool(earlier) and not later_signs and all(cleanup_after(view, e) for e in earlier)


def _untimed_lines_after_unheld(timeout: Event, view: IncidentView) -> bool:
    """Whether an untimed run timeout (a paste without times) was followed by recognised lines of its file, none of
    them its run's end, and none showing the run or its lane still held. Untimed, those lines cannot show the minute
    of later lines with no run end, nor whether they fell inside the cleanup window (where a timed log shows the
    run's own lane task or profile rotation ending it), so only a line of the held kinds reads as the window (labelling
    policy "lone embedded run timeout"); their mere number is no evidence. The correlator marks only a timeout that is
    the paste's only fault line (no counted line before it, no later line opening a fault of its own: RC01 then reads
    it); one beside another fault (a lock, a compaction timeout), or one that ends the paste, stays as the rest of the
    incident reads it."""
    return LONE_IN_PASTE_FIELD in timeout.seconds and not run_held_after(view, timeout)


def _attempt_came_back(view: IncidentView, timeout: Event) -> bool:
    """The run's own failover decision after its timeout (``embedded run failover decision: runId=<the run's>
    ... decision=surface_error reason=timeout``): the run loop decides only once the timed-out attempt has returned,
    so the abort was honoured and the run went on to its end, whose lines a file kept at warn level leaves out
    (f1490). A run whose attempt never came back (#14228: a tool deaf to the abort) logs no decision."""
    run_id = timeout.fields.get("runId")
    if isinstance(run_id, str) and any(event.fields.get("runId") == run_id and event_order(event) > event_order(timeout)
                                       for event in view.events("embedded.failover")):
        return True
    # (or the auth profile's "Profile <id> timed out. Trying next account...", naming no run, that the correlator kept
    # with the timeout it followed: the loop writes it as it rotates the profile, once the attempt came back)
    return any(_soon_after(timeout, event) for event in view.events("model.profile_timeout"))


def _soon_after(timeout: Event, event: Event) -> bool:
    return timeout.time is not None and event.time is not None \
        and timedelta(0) <= event.time - timeout.time <= CLEANUP_WINDOW and event_order(event) > event_order(timeout)


def _next_run_after(view: IncidentView, timeout: Event) -> bool:
    """Another run of the session under way after the timeout, with no stall warning between: a session runs one turn
    at a time, so the timed-out run let go of the lane, whatever lines a file kept at warn level leaves out (f1490:
    gateway.err.log, where the next run of the session times out in its turn). An active-memory recall runs beside
    the turn under its own run id."""
    run_id = timeout.fields.get("runId")
    if not isinstance(run_id, str):
        return False
    warned = [w for w in view.warnings if event_order(w) > event_order(timeout)]
    for event in view.events(*NEXT_RUN_KINDS):
        other = event.fields.get("runId")
        if not isinstance(other, str) or other == run_id or other.startswith("active-memory") \
                or event_order(event) <= event_order(timeout):
            continue
        return not any(event_order(w) < event_order(event) for w in warned)
    return False


def _lane_stalled_after_timeout(view: IncidentView) -> Candidate | None:
    """A task on a session lane failed on a timeout, the lane took its next task, and nothing was
    dequeued after it while messages queued: the timeout's aftermath was never cleaned up."""
    if view.record.opened_by != "lane_stall":
        return None
    timed_out = [e for e in view.events("lane.task_error") if TIMED_OUT.search(field_text(e, "error") or e.message)]
    if not timed_out:
        return None
    queued = view.events("lane.enqueue")
    depth = max((e.fields.get("queueSize") for e in queued if isinstance(e.fields.get("queueSize"), int)), default=0)
    return Candidate(
        "RC15", Confidence.MEDIUM,
        "A task on the session lane failed on a timeout; the lane took its next task and never dequeued again"
        + (f" while {depth} messages queued" if depth else "") + ": the timeout's cleanup never ran.",
        cite(timed_out[-1:], view.events("lane.dequeue")[-1:], queued[:1], queued[-1:]), onset=timed_out[-1].time,
    )


MODEL_TIMEOUT_KINDS = ("model.profile_timeout", "llm.idle_timeout", "embedded.failover", "model.fallback_decision",
                       "embedded.agent_end", "lane.task_error", "model.request_timeout", "compaction.timeout_recovery")


def _model_timed_out_at(view: IncidentView, timeout: Event) -> bool:
    """Whether a model-level timeout was logged around the run's timeout: within the stall detector's warn threshold
    of it (the attempt's own timeout or failover can follow the run's abort by more than a minute while it settles:
    an auth profile's "timed out ... Trying next account" 79 s after a 600 s run timeout, f1293)."""
    if timeout.time is None:
        return False
    reach = view.thresholds.warn_seconds
    for event in view.events(*MODEL_TIMEOUT_KINDS):
        if event.time is None or abs((event.time - timeout.time).total_seconds()) > reach:
            continue
        if event.kind in ("model.profile_timeout", "llm.idle_timeout") or model_call_timed_out(event) \
                or field_text(event, "reason") == "timeout":
            return True
    return False


def detect(view: IncidentView) -> Candidate | None:
    lane_stall = _lane_stalled_after_timeout(view)
    if lane_stall is not None:
        return lane_stall
    timeouts = [e for e in view.events("embedded.timeout") if not cleanup_after(view, e) and not _too_soon(view, e)]
    # "lane task rejected after timeout" is logged only for a lane task whose timeout already fired
    # (src/process/command-queue.ts): the same evidence as the CommandLaneTaskTimeoutError it follows.
    lane_timeouts = (view.events("lane.task_timeout")
                     + [e for e in view.events("lane.task_rejected_after_timeout") if not expired_as_stale(e)]
                     + lane_task_errors(view.events("lane.task_error"), LANE_TIMEOUT_ERROR)
                     + [e for e in view.events("cron.timeout_cleanup") if field_text(e, "stage") == "cleanup failed"])
    if not lane_timeouts and lone_run_timeout(view):
        # (a lone timeout with nothing after it showing the run or its lane still held says only that the run spent
        # its whole budget: the run's overall timer fires whatever the run was doing, and aborts it; RC01 reads that)
        timeouts = [e for e in timeouts if run_held_after(view, e)]
    timeouts = [e for e in timeouts if not _untimed_lines_after_unheld(e, view)]
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
    # ... unless the model call timed out with it (a profile timeout, a timeout failover): then the run was
    # handling its hung model call, which explains the stall, and its cleanup may simply lie past the excerpt.
    if before_detection and _model_timed_out_at(view, first):
        before_detection = False
    return Candidate(
        "RC15", confidence,
        f"The run timed out{limit_text}, but no cleanup followed (no run cleared, lane task done or idle state).",
        cite(timeouts[:2], lane_timeouts[:2], active[:2]), onset=first.time,
        supersedes=("RC01", "RC02", "RC03") if before_detection and confidence is Confidence.HIGH else (),
    )
