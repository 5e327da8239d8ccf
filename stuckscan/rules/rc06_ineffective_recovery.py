"""RC06: a recovery action ran, yet the session stayed stuck (or its queued work was dropped)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stuckscan.events import event_order, reply_handled_elsewhere
from stuckscan.model import Confidence, RecoveryVerdict, Severity
from stuckscan.rules._detect import TURN_FAILURE_KINDS, Candidate, cite, field_text, first_time
from stuckscan.rules._rule import Fix, FixContext, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import IncidentView
    from stuckscan.correlator import RecoveryRecord
    from stuckscan.events import Event


def _still_stuck(context: FixContext) -> bool:
    return not context.view.cleared and not _withheld_or_lost(context)


def _queued(context: FixContext) -> bool:
    return (context.view.record.max_queue_depth > 0 or not context.view.record.queue_seen) \
        and not _withheld_or_lost(context)


def _withheld_or_lost(context: FixContext) -> bool:
    """Only bare ``cause=completed`` empty turns and no recovery: a reply withheld on purpose or lost, no wedge."""
    return bool(context.fact("quiet_only"))


RULE = Rule(
    "RC06", "ineffective-recovery", "Recovery ran but did not free the lane",
    "A recovery action was taken, yet the session stayed stuck.",
    "error (messages queued during the wedge may be lost); warning for lone empty turns with the bare "
    "`cause=completed` and no recovery (a reply the model withheld ends alike)", Severity.ERROR, "session",
    ("`stuck session recovery outcome: status=aborted ... released=0` (or `forceCleared=true released=0`) "
     "followed by more `stalled/stuck session:` lines for the same session",
     "an abort followed only by `status=skipped action=keep_lane` outcomes",
     "`discord stuck-session circuit breaker fired for <queueKey>: queueDepth=<n>, activeSessionId=<id>, aborted=false` "
     "(the reply queue's breaker, after its messages waited 5 min behind a run that was not streaming, could not abort "
     "that run: it kept its lane and the queue waits on; `aborted=true` is a recovery whose effect the later lines "
     "show, and says nothing alone of why the run stalled)",
     "`visible channel turn dispatched with no queued reply payloads` (not when its cause says a plugin handled the "
     "message or it was a duplicate, nor right after a final reply the delivery policy kept private or one delivered "
     "before the dispatch failed (`final reply failed: ... after final delivery`), nor, with the bare "
     "`cause=completed`, right after the turn was handed off (a `tool=sessions_yield` call, `codex app-server turn "
     "released after terminal dynamic tool result`); alone, with no cause or the bare `cause=completed`, it reads at "
     "low confidence: the turn ended with nothing delivered and the lines do not say why; with the bare "
     "`cause=completed` and no recovery, a warning, since a reply the model withheld (`NO_REPLY`) ends alike)"),
    ("warnings continue for more than about two heartbeats after the recovery",
     "`released=0` with `queueDepth>0` and no later line showing the queued work starting (a bare "
     "`action=abort_embedded_run aborted=true ... released=0`, with or without `drained=false` or an outcome with "
     "`forceCleared=true`, and no later line for the session is not this rule's: `released` counts the queued lane "
     "entries handed back, so an abort with nothing queued prints 0 too, and the abort reads as RC01's bare watchdog "
     "abort; labelling policy \"recovery abort with released=0\")"),
    (Fix("Restart the gateway or `/reset` the conversation now.", _still_stuck, "the session is still stuck when the log ends"),
     Fix("Messages queued during the wedge may be lost: tell the affected users.", _queued, "messages were queued"),
     Fix("Read the session's transcript for these turns' last assistant message: a reply the model withheld on "
         "purpose (`NO_REPLY`, an empty reply) needs nothing; otherwise the sender's message went unanswered (ask them "
         "to send it again), and a reply it wrote but never sent (no delivery tool call, a final reply kept private) is "
         "what to fix or report.", _withheld_or_lost,
         "only empty turns with the bare `cause=completed` and no recovery: a withheld or a lost reply, no wedge"),
     Fix("Upgrade to a build with PR #91802 / #89298.", lambda context: not _withheld_or_lost(context),
         "a recovery or a failed reply is shown (not only empty turns with the bare `cause=completed`)")),
    ("#92270", "#145152", "#91802", "#89298"),
    confirm="A longer log would show whether warnings for the session went on after the recovery.",
)


def _after(event: Event, recovery: RecoveryRecord) -> bool:
    """Whether ``event`` came after the recovery (by time, or by line in the same file when untimed):
    a run that completed or a fallback that succeeded after it shows the recovery freed the session."""
    if event.time is not None and recovery.time is not None:
        return event.time > recovery.time
    last = recovery.events[-1] if recovery.events else None
    return last is not None and event.source == last.source and event.line > last.line


def completed_quietly(event: Event) -> bool:
    """An empty visible turn whose cause is the bare ``completed`` outcome: its run finished normally and queued
    nothing visible (the cause is the processed outcome, src/channels/turn). A hand-off to a child run
    (``sessions_yield``, a terminal tool's release) ends this way too, but the correlator drops that one
    (Correlator._handed_off_turn), so what reaches the rule is a turn that ended with nothing delivered and no line
    saying why (labelling policy "zero-payload visible dispatch")."""
    return field_text(event, "cause") == "completed"


def detect(view: IncidentView) -> Candidate | None:
    successes = [e for e in view.events("model.fallback_decision", "embedded.run_done", "message.processed")
                 if field_text(e, "decision") == "candidate_succeeded" or e.kind == "embedded.run_done"
                 or field_text(e, "outcome") == "completed"]
    not_freed = [r for r in view.record.recoveries if r.verdict is RecoveryVerdict.NOT_FREED
                 and not any(_after(e, r) for e in successes)]
    # A wipe that released nothing while a queueDepth above 0 shows messages waiting, none of which a later
    # line shows starting: the gateway reports "aborted", but what was waiting may never be answered
    # (#145152, #92270). ``released`` counts the queued lane entries handed back, so a successful abort with
    # nothing queued prints released=0 too: with no queueDepth the wipe is a bare abort, not this rule's.
    lossy = [r for r in view.record.recoveries if r.verdict is RecoveryVerdict.FORCE_CLEARED and r.released == 0
             and (view.record.undelivered(r) or 0) > 0]
    # A turn dispatched with no reply is the recovery's failure only after a recovery acted; without
    # one it is how a failed turn ends (its own cause says why).
    # A cause that says the reply operation itself was aborted (``cause=skipped:reply_operation_aborted``)
    # names the abort even when the excerpt holds no recovery line.
    acted_at = [r.time for r in view.record.recoveries if r.acted and r.time is not None]
    # An empty reply with nothing before it that failed the turn (the rule set lists the line itself as the sign):
    # the session answered nothing although its turn did not fail. After a failure it is how that turn ended.
    failures = view.events(*TURN_FAILURE_KINDS)
    empty = [e for e in view.events("dispatch.empty_reply") if not reply_handled_elsewhere(e)
             and ((acted_at and e.time and e.time >= min(acted_at)) or "aborted" in field_text(e, "cause")
             or not any(event_order(f) < event_order(e) for f in failures))]
    if not not_freed and not lossy and not empty:
        return None
    continued = any("continued" in r.verdict_reason for r in not_freed)
    confidence = Confidence.HIGH if continued or (not_freed and empty) else \
        Confidence.MEDIUM if not_freed or lossy or len(empty) > 1 or view.record.recoveries else Confidence.LOW
    first = (not_freed or lossy or [None])[0]
    if first is not None and first in lossy and first not in not_freed:
        lost = view.record.undelivered(first)
        reason = ("it released nothing (released=0) and force-cleared the session's state, "
                  + (f"with {lost} message(s) queued and none answered afterwards" if lost
                     else "so whatever was queued was dropped"))
        not_freed = [first]
    else:
        reason = first.verdict_reason if first else "a turn was dispatched with no queued reply payloads" + (
            " after its reply operation was aborted" if any("aborted" in field_text(e, "cause") for e in empty) else "")
    after = [w for w in view.warnings if first and first.time and w.time and w.time > first.time][-1:]
    # The bare ``cause=completed`` is also how a deliberate silent reply ends (the model answered ``NO_REPLY``, a
    # group message it chose not to answer): OpenClaw warns whenever nothing visible was queued, wanted or not. The
    # line alone cannot tell the two apart, so the reading stays a warning: a lost reply, not proven message loss.
    quiet_only = first is None and not view.record.recoveries and bool(empty) and all(map(completed_quietly, empty))
    if quiet_only:
        # (the incident keeps the first and last few lines of a kind; its count holds them all)
        turns = max(len(empty), view.record.evidence.counts.get("dispatch.empty_reply", 0))
        summary = (f"{turns} visible turn(s) ended with nothing delivered (cause=completed): the run finished, "
                   "but the lines do not say why no reply was queued. A reply the model chose to withhold "
                   "(NO_REPLY) ends the same way; if a user was waiting, their message may be lost.")
    elif first is None and not view.record.recoveries and not any("aborted" in field_text(e, "cause") for e in empty):
        summary = (f"{len(empty)} visible turn(s) were dispatched with no queued reply payloads and no failure before "
                   "them: the session answered nothing. Messages sent to it may be lost.")
    else:
        summary = (f"Recovery ran ({first.action if first else 'dispatch'}) but did not free the session: {reason}. "
                   "Messages queued during the wedge may be lost.")
    return Candidate(
        "RC06", confidence, summary,
        cite([e for r in not_freed[:2] for e in r.events], after, empty[:2]),
        onset=first.time if first else first_time(empty), explains_stall=False,
        severity=Severity.WARNING if quiet_only else None, facts={"quiet_only": quiet_only},
    )
