"""RC10: every model candidate "failed" because the session file was locked, not because of the models."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stuckscan.events import TURN_CLAIM_BUSY
from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import (
    Candidate,
    cite,
    failed_on_lock_before,
    field_text,
    first_time,
    in_fallback_summary,
    is_candidate_failure,
    lock_events,
    locks_a_holder_released,
    locks_after_cli_fallback,
    mentions_lock,
    reported_as_failover,
    tagged_as_candidate,
)
from stuckscan.rules._rule import Fix, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import IncidentView
    from stuckscan.events import Event

RULE = Rule(
    "RC10", "lock-contention-as-model-failure", "Lock contention misread as model failure",
    "Every model candidate 'failed' because the session file was locked, not because of the models.",
    "error (message loss)", Severity.ERROR, "session",
    ("`[model-fallback/decision] ... reason=timeout detail=session file locked (pid=...)` once per candidate",
     "`[model-fallback/decision] ... decision=candidate_failed ... detail=Session <id> already has an active turn "
     "claim` (the session's claim held by another turn, read as a model failure)",
     "`FallbackSummaryError: All models failed (N): ... session file locked`, also its body alone behind a "
     "wrapper's prefix (`<provider>/<model>: session file locked ... | <provider>/<model>: ...`)",
     "`FailoverError: session file locked (timeout 10000ms): ...` (the lock error thrown as a model's failover)",
     "`session file locked (timeout 10000ms): pid=<P> <path>.jsonl.lock (timeout)`: one failed candidate of a fallback "
     "summary cut from its head (the summary puts the reason tag `(timeout)` after each candidate's error)",
     "`lane task error: ... session file locked (timeout 10000ms): pid=...` and right after it "
     "`[model-fallback/decision] ... decision=candidate_failed ... reason=timeout`, candidate after candidate of one "
     "request (the same pid for each: one request's candidates, not a dead holder)",
     "`Gateway agent failed; falling back to embedded: ... gateway timeout after <N>ms`, then `session file locked` "
     "(the CLI's own run of the turn waiting on the lock of the gateway still running it)",
     "`session file locked (timeout 10000ms)` with no `alive=` (alone or as a `message processed ... outcome=error` "
     "line's error), then `[session-write-lock] releasing lock held for <N>ms` for a hold longer than that timeout "
     "(the holder was live work that finished and let the lock go)"),
    ("the same lock pid in every candidate", "short `ageMs`", "concurrent cron and dispatch on the same session"),
    (Fix("Upgrade (#78633 fail-fast)."), Fix("Stagger cron jobs against interactive turns."),
     Fix("Give cron jobs their own session keys.")),
    ("#78633",),
    confirm="A longer log would show who held the lock (a `session file locked ... pid=` line) and whether the "
            "next turn got through.",
)


def detect(view: IncidentView) -> Candidate | None:
    decisions = view.events("model.fallback_decision", "embedded.failover", "model.all_failed")
    hits = [e for e in decisions if mentions_lock(e)]
    # A candidate refused because the session already held another turn's claim: the same contention, one layer up.
    claimed = [e for e in decisions if e not in hits and _refused_for_a_claim(e)]
    hits += claimed
    # a summary's candidate lines, one per line, or a summary quoted whole that was read as its lock error
    # (or one candidate's line cut from its summary: the lock path followed by the summary's reason tag "(timeout)")
    hits += [e for e in lock_events(view) if is_candidate_failure(e) or in_fallback_summary(e) or reported_as_failover(e)
             or tagged_as_candidate(e)]
    # a lock the CLI's own embedded run waited on while the gateway it gave up on still ran the turn
    hits += [e for e in locks_after_cli_fallback(view) if e not in hits]
    # a candidate's decision filed under reason=timeout right after its lane task timed out on the lock (f2613)
    lane_errors = view.events("lane.task_error")
    hits += [e for e in view.events("model.fallback_decision") if e not in hits
             and field_text(e, "reason") == "timeout" and failed_on_lock_before(e, lane_errors)]
    if not hits:
        # a lock whose holder then let it go after a hold longer than the wait: concurrent live work, not a leak
        released = locks_a_holder_released(view)
        return _lost_to_a_live_holder(released, view.events("lock.watchdog_released")) if released else None
    attempts = len([e for e in hits if e.kind in ("model.fallback_decision", "embedded.failover")]) or len(hits)
    # (an incident keeps the first and last few lines of a kind: when every decision it kept failed on the lock, all
    # of them did, as far as the lines go, and the kind's count says how many there were)
    decisions = view.events("model.fallback_decision")
    if decisions and all(e in hits for e in decisions):
        attempts = max(attempts, view.record.evidence.counts.get("model.fallback_decision", 0))
    confidence = Confidence.HIGH if len(hits) >= 2 or any(e.kind == "model.all_failed" for e in hits) else Confidence.MEDIUM
    return Candidate(
        "RC10", confidence,
        f"{attempts} model attempt(s) were reported as failures, but each failed on "
        + ("the session's own contention (the session file lock, or another turn's claim on the session)"
           if claimed and len(claimed) < len(hits) else "another turn's active claim on the session" if claimed
           else "the session file lock") + ", not the model.",
        cite(hits), onset=first_time(hits), explains_stall=True,
    )


def _refused_for_a_claim(event: Event) -> bool:
    said = " ".join((event.message, *(str(v) for v in event.fields.values() if isinstance(v, str))))
    return TURN_CLAIM_BUSY in said


def _lost_to_a_live_holder(locks: list[Event], releases: list[Event]) -> Candidate:
    held = max((e.seconds.get("heldMs") or 0.0 for e in releases), default=0.0)
    return Candidate(
        "RC10", Confidence.MEDIUM,
        f"{len(locks)} turn(s) timed out on the session file lock while other work held it; the holder let the lock "
        f"go after {held:.0f} s, so the turn lost to concurrent work on the session, not to a leaked lock.",
        cite(locks[:2], releases[:1]), onset=first_time(locks), explains_stall=True,
    )
