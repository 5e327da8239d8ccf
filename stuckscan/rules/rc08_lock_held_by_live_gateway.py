"""RC08: an aborted run left its session write lock held by the still-running gateway."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import (
    TAKEOVER_ERROR,
    Candidate,
    after_idle_timeout,
    cite,
    container_own_pid,
    field_text,
    first_time,
    lock_events,
    lock_in_fallback_chain,
    lock_is_cause,
    unmarked_lock_timeout,
)
from stuckscan.rules._rule import Fix, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import IncidentView

RULE = Rule(
    "RC08", "lock-held-by-live-gateway", "Session write lock leaked by the live gateway after abort",
    "An aborted run left its session write lock held by the still-running gateway process.",
    "error (message loss)", Severity.ERROR, "session",
    ("`embedded abort settle timed out: ... timeoutMs=2000` / `sessions_yield abort settle timed out`",
     "then `session file locked (timeout 60000ms): pid=<P> alive=true ageMs=...`",
     "`Embedded agent failed before reply: session file locked`",
     "`EmbeddedAttemptSessionTakeoverError`, on its own or inside a `lane task error`",
     "`session file lock stale (orphan-self-pid): pid=<P> alive=true`",
     "`timeout acquiring session store lock: .../sessions.json.lock` (later builds: `timeout waiting for session store "
     "lock: .../sessions.json`), or `session file locked (timeout Nms): <holder> "
     ".../sessions.json.lock` (the store's lock; a low-confidence reading, at warning)"),
    ("the lock holder pid is alive (the gateway's own pid)", "`ageMs` grows across attempts",
     "an `embedded run timeout` of the session before its turns fail on the lock: the leak is dated from the "
     "timeout, and with no stall warning the lock is the cause (the timeout's missing cleanup contributes)",
     "a container-small holder pid (`pid=7`, `pid=28`): the containerized gateway itself (low confidence)",
     "a lock timeout with no `alive=` field (`session file locked (timeout 10000ms): pid=<P> <path>`, 60 s builds "
     "before `alive=`), alone or repeated: those builds delete a lock whose pid is not running and retry, so the "
     "holder looked alive (low confidence); in model-fallback wording (a candidate list, `All models failed`, "
     "`FailoverError`, a trailing `(timeout)` after the path) or beside the holder's other live work it is RC10"),
    (Fix("Restart the gateway (clears in-memory locks): `openclaw gateway restart`."),
     Fix("Upgrade (PR #87278, #90065)."),
     Fix("Avoid long `sessions_yield` subagent holds.", lambda c: bool(c.fact("yield")),
         "the abort that leaked the lock was a sessions_yield")),
    ("#87278", "#90065"),
    confirm="A longer log would show whether later turns still failed on the lock and whether its `ageMs` kept growing.",
)


def detect(view: IncidentView) -> Candidate | None:
    locks = lock_events(view)
    alive = [e for e in locks if e.fields.get("lockPidAlive") is True
             or (isinstance(e.fields.get("lockPid"), int) and e.fields["lockPid"] in view.gateway_pids)]
    settles = view.events("abort.settle_timeout", "abort.settle_failed")
    # A takeover the model fallback then walked its chain on is contention read as a model
    # failure (RC10), unless something shows the gateway itself held the lock.
    # A takeover whose error chain leads with the model's idle timeout followed a hung model call (RC01 reads it).
    takeover = [] if lock_in_fallback_chain(view) else \
        [e for e in locks if (e.kind == "lock.takeover" or TAKEOVER_ERROR in e.message) and not after_idle_timeout(e)]
    settle_then_lock = bool(settles and any(e.time and settles[0].time and e.time > settles[0].time for e in locks))
    dead_marked = [e for e in locks if e.fields.get("lockPidAlive") is False]
    # No alive= on the lines (10 s builds, and 60 s builds before alive=): every build that prints it deletes a
    # contended lock whose pid is not running and retries, so a timeout means the pid looked alive. Read as a model
    # failure (a fallback chain), it is contention with another live turn instead (RC10).
    long_held = [] if lock_in_fallback_chain(view) else [e for e in locks if unmarked_lock_timeout(e)]
    if not (alive or takeover or (settle_then_lock and not dead_marked) or long_held):
        return _store_lock_held(view)
    holder = alive[0].fields.get("lockPid") if alive else None
    unmarked = next((e.fields.get("lockPid") for e in long_held if isinstance(e.fields.get("lockPid"), int)), None)
    who = f"pid {holder}, the live gateway" if holder else "the live gateway" if not long_held or \
        any(container_own_pid(e) for e in long_held) else \
        (f"pid {unmarked}" if unmarked is not None else "a process") + " that was still alive (a build that prints no " \
        "alive= removes a dead holder's lock and retries, so it gives up only on a live one)"
    cited = alive or takeover or locks or long_held
    # The reference's "preceded by a run timeout": the timed-out run's abort is where the lock was leaked, so the
    # lock's fault began there, not at the first turn that later failed on it.
    locked_at = first_time(cited)
    leaked_at = [e for e in view.events("embedded.timeout") if e.time and locked_at and e.time < locked_at]
    confidence = Confidence.HIGH if alive else \
        Confidence.MEDIUM if (takeover or settle_then_lock or leaked_at) else Confidence.LOW
    return Candidate(
        "RC08", confidence,
        f"The session's write lock is held by {who}" + (" after an aborted run" if settles else
                                                         " after its run timed out" if leaked_at else "")
        + (" (the stale check found it is this process's own pid with no lock held in memory)"
           if any("orphan-self-pid" in field_text(e, "reasons") for e in locks) else "")
        + ", so every new turn times out on it.",
        cite(leaked_at[-1:], settles[:2], cited[:3], cited[-1:]), onset=first_time(leaked_at[-1:]) or locked_at,
        # (with no stall warning, turns failing on the lock the timed-out run left are the session's own requests)
        explains_stall=lock_is_cause(view, cited) or bool(leaked_at and not view.warnings),
        facts={"yield": any(e.fields.get("runner") == "sessions_yield" for e in settles)},
    )


def _store_lock_held(view: IncidentView) -> Candidate | None:
    """Writes to the session store (``sessions.json``) timing out on its lock. The store lock is evicted as stale
    once its file is old, so a lock still fresh enough to time a writer out has a live holder: as far as the
    lines go, the gateway itself (a low-confidence reading: a CLI writing the store holds it too)."""
    store = view.events("lock.store_timeout")
    if not store:
        return None
    return Candidate(
        "RC08", Confidence.LOW,
        f"Writes to the session store timed out on its lock ({len(store)} x a session store lock timeout): "
        "a dead holder's lock would have been evicted as stale, so the holder is most likely the live gateway, "
        "and every turn that updates the store waits on it.",
        cite(store[:3], store[-1:]), onset=first_time(store),
        severity=Severity.WARNING,  # (a guess at the holder: not the message loss a proven leaked lock is)
    )
