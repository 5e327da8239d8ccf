"""RC09: a session write lock is held by a process that no longer exists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stuckscan.events import Event
from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import (
    Candidate,
    cite,
    field_text,
    first_time,
    lock_events,
    lock_is_cause,
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
    ("`session file locked (timeout 60000ms): pid=<P> alive=false ...jsonl.lock` (the line itself marks the holder dead)",
     "`lane task error ... session file locked ... alive=false`", "startup `removed stale session lock: <path> (dead-pid)`"),
    ("the lines show the pid is not running: `alive=false`, or the gateway removing the lock as `dead-pid`",
     "a lock timeout with no `alive=` field is not evidence of a dead holder: every build that prints it deletes a "
     "contended lock whose pid is not running and retries, so it gives up only on a pid that looked alive (RC08, or "
     "RC10 in model-fallback wording), however often the same pid repeats; a reporter's note that the process "
     "crashed does not change that"),
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


def detect(view: IncidentView) -> Candidate | None:
    locks = [e for e in lock_events(view) if e.fields.get("lockPidAlive") is not True
             and e.fields.get("lockPid") not in view.gateway_pids]
    # Only the lines can show a dead holder: `alive=false`, or the gateway removing the lock as `dead-pid`. A lock
    # timeout with no alive= field shows a live one (its build deletes a dead pid's lock and retries), so it is RC08's
    # or RC10's, whatever a reporter says of the process.
    dead = [e for e in locks if e.fields.get("lockPidAlive") is False]
    removed = stale_lock_removals(view)
    if not (dead or removed):
        return None
    confidence = Confidence.HIGH if dead or (removed and locks) else Confidence.MEDIUM
    pid = dead[0].fields.get("lockPid") if dead else None
    removed_only = bool(removed and not locks)
    if removed_only:
        summary = "A session write lock left by a dead process was found and removed (`dead-pid`)."
    elif dead:
        summary = f"Requests fail on a session write lock held by pid {pid}, a process that is no longer running."
    else:
        summary = ("Requests fail on a session write lock, and the gateway found a lock of the session left by a dead "
                   "process and removed it (`dead-pid`).")
    last_lock = max((e.time for e in locks if e.time), default=None)
    removed_after = any(e.time and (last_lock is None or e.time >= last_lock) for e in removed)
    cause_events = locks or removed
    return Candidate(
        "RC09", confidence, summary, cite(locks[:3], locks[-1:], removed[:2]),
        onset=first_time(cause_events), explains_stall=lock_is_cause(view, locks) if locks else False,
        severity=Severity.WARNING if removed_only else None,  # already cleaned up: no request failed on it
        facts={"removed": removed_only or removed_after},
    )
