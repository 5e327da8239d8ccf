"""RC09: a session write lock is held by a process that no longer exists."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from stuckscan.events import Event
from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import (
    LONG_LOCK_TIMEOUT,
    SHORT_LOCK_TIMEOUT,
    Candidate,
    cite,
    container_own_pid,
    failed_on_lock_before,
    field_text,
    first_time,
    lock_events,
    lock_in_fallback_chain,
    lock_is_cause,
    lock_timeout,
    locks_after_cli_fallback,
)
from stuckscan.rules._rule import Fix, FixContext, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import IncidentView


def _still_locked(context: FixContext) -> bool:
    return not context.fact("removed", False)


def _removed(context: FixContext) -> bool:
    return bool(context.fact("removed", False))


RULE = Rule(
    "RC09", "dead-pid-lock", "Dead-PID stale session lock",
    "A session write lock is held by a process that no longer exists.",
    "error (message loss)", Severity.ERROR, "session",
    ("`session file locked (timeout 10000ms|60000ms): pid=<P> ...jsonl.lock` with a dead pid or `alive=false`",
     "`lane task error ... session file locked`", "startup `removed stale session lock: <path> (dead-pid)`"),
    ("the pid is not running (crash, SIGKILL, OOM, container restart)", "the same pid in every failing request"),
    (Fix("Restart the gateway, or run `openclaw doctor --fix`.", _still_locked, "the lock was not removed in the log"),
     Fix("Delete `~/.openclaw/agents/<id>/sessions/*.jsonl.lock` files owned by dead pids.", _still_locked,
         "the lock was not removed in the log"),
     Fix("Find out why the previous gateway process died (crash, OOM kill, container restart): it left the lock "
         "that the gateway removed.", _removed, "the gateway removed the stale lock itself"),
     Fix("Upgrade to a build with the dead-pid fast path.")),
    (),
    confirm="A longer log would show whether later turns still failed on the lock or the gateway removed it.",
)


def stale_lock_removals(view: IncidentView) -> list[Event]:
    wanted = {view.record.session_id} if view.record.session_id else set()
    removals = view.events("lock.stale_removed")
    return [e for e in removals if "dead-pid" in field_text(e, "reasons")
            and (not wanted or e.fields.get("lockSessionId") in wanted)]


def _one_request_through_its_candidates(view: IncidentView, places: Counter[tuple[Any, str, Any]]) -> bool:
    """The lock failures came back as one request's model-fallback decisions, no place failing more often than there
    are decisions: each candidate is a lane task of its own, so the pid repeats for every candidate of that one
    request, which is contention with a live turn (RC10), not a holder that outlived request after request (f2612,
    f2613, f4897). One request: the decisions name one run id, or, naming none, walk through candidates each tried
    once (requests retried one after another try the same primary again). A lane failing once more with no decision
    after it is another request."""
    decisions = view.events("model.fallback_decision")
    if not decisions or max(places.values(), default=0) > len(decisions):
        return False
    runs = {e.fields.get("runId") for e in decisions} - {None}
    tried = [(e.fields.get("candidateProvider"), e.fields.get("candidate") or e.fields.get("candidateModel"))
             for e in decisions]
    one_request = len(runs) == 1 if runs else len(set(tried)) == len(tried)
    lane_errors = view.events("lane.task_error")
    return one_request and (lock_in_fallback_chain(view)
                            or any(failed_on_lock_before(e, lane_errors) for e in decisions))


def detect(view: IncidentView) -> Candidate | None:
    contended = locks_after_cli_fallback(view)  # held by the gateway the CLI gave up on, not a dead process
    locks = [e for e in lock_events(view) if e.fields.get("lockPidAlive") is not True
             and e.fields.get("lockPid") not in view.gateway_pids and e not in contended]
    dead = [e for e in locks if e.fields.get("lockPidAlive") is False]
    removed = stale_lock_removals(view)
    # (one request's failure is logged by each lane it held and by its fallback chain, "lane=main" and
    # "lane=session:...", the decision and the FailoverError: the pid repeats only when one of those places logs it
    # again, for another request)
    places = Counter((e.fields.get("lockPid"), e.kind, e.fields.get("lane")) for e in locks
                     if isinstance(e.fields.get("lockPid"), int) and lock_timeout(e) != LONG_LOCK_TIMEOUT)
    one_request = _one_request_through_its_candidates(view, places)
    # With no alive= on the lines, the lock timeout dates the build: 10 s builds predate the
    # dead-pid fast path, and a lock still held after 10 s there is most often a crashed process's.
    unknown = [] if lock_in_fallback_chain(view) or one_request else \
        [e for e in locks if "lockPidAlive" not in e.fields and lock_timeout(e) == SHORT_LOCK_TIMEOUT
         and not container_own_pid(e)]
    repeated_pid = None if one_request else \
        next((pid for (pid, _, _), count in places.items() if count >= 2), None)
    if not (dead or removed or repeated_pid is not None or unknown):
        return None
    if dead or (removed and locks):
        confidence = Confidence.HIGH
    elif removed or repeated_pid is not None:
        confidence = Confidence.MEDIUM
    else:
        confidence = Confidence.LOW
    pid = (dead[0].fields.get("lockPid") if dead else repeated_pid if repeated_pid is not None
           else (unknown[0].fields.get("lockPid") if unknown else None))
    removed_only = bool(removed and not locks)
    if removed_only:
        summary = "A session write lock left by a dead process was found and removed (`dead-pid`)."
    else:
        summary = (f"Requests fail on a session write lock held by pid {pid}, a process that is no longer running."
                   if dead else
                   f"Requests fail again and again on a session write lock held by pid {pid}; no line says whether "
                   "that process is alive, and a lock one pid keeps past every timeout is most often a crashed "
                   "process's (a live one would be contention)."
                   if repeated_pid is not None else
                   f"A request timed out after 10 s on a session write lock held by {f'pid {pid}' if pid else 'a pid the line does not show'}; "
                   "the line does not say whether that process is alive, and on builds with this 10 s timeout it is most often a crashed one.")
    last_lock = max((e.time for e in locks if e.time), default=None)
    removed_after = any(e.time and (last_lock is None or e.time >= last_lock) for e in removed)
    cause_events = locks or removed
    return Candidate(
        "RC09", confidence, summary, cite(locks[:3], locks[-1:], removed[:2]),
        onset=first_time(cause_events), explains_stall=lock_is_cause(view, locks) if locks else False,
        severity=Severity.WARNING if removed_only else None,  # already cleaned up: no request failed on it
        facts={"removed": removed_only or removed_after},
    )
