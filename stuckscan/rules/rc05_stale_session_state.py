"""RC05: the gateway believes the session has active work that no longer exists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stuckscan.events import (
    RELOAD_WAIT_KINDS,
    REPEATED_MESSAGE_FAILURES,
    SKIP_AGES_KIND,
    Event,
    expired_as_stale,
    failed_message_id,
    quoted_ages,
    reload_wait_subject,
    reload_waits_on_task_records,
)
from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import (
    Candidate,
    cite,
    field_text,
    first_time,
    idle_with_queue,
    metric,
    progress_predates_stall,
)
from stuckscan.rules._rule import WEDGED_POLICY, Fix, FixContext, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import IncidentView
    from stuckscan.correlator import RecoveryRecord


def _task_records(context: FixContext) -> bool:
    return bool(context.fact("task_records"))


def _still_stuck(context: FixContext) -> bool:
    return not context.view.cleared


RULE = Rule(
    "RC05", "stale-session-state", "Stale session state / leaked active-run handle",
    "The gateway believes the session has active work that no longer exists.",
    WEDGED_POLICY, Severity.WARNING, "session",
    ("`stuck session: ... classification=stale_session_state reason=queued_work_without_active_run`",
     "repeated `outcome: status=skipped action=keep_lane reason=active_reply_work` or "
     "`action=observe_only reason=active_embedded_run`", "`sessionId=unknown` with `recovery=none`",
     "a stall whose `lastProgress=embedded_run:started` is older than its `age` by the warn threshold or more "
     "(`age=245s ... lastProgressAge=8238s`: the run handle of an earlier turn)",
     "an `action=keep_lane` skip (`reason=active_reply_work` or `active_lane_task`) that the lines show repeated "
     "for the session (two or more skips, or its age quoted at two ticks: `age=289s, 385s`), at the abort point or "
     "past it, or followed by `reclaiming stale active reply work` or a stale lane-task release (low confidence on "
     "its own); one skip below the abort point with none of these fits a slow, real turn as well and is not RC05",
     "`stuck session recovery no-op: reason=no_active_work action=none`: recovery found nothing running on a session "
     "still counted stuck (low once, medium when it repeats)",
     "`Session <id> already has an active turn claim` (a new turn refused) going on for the warn threshold, or "
     "pasted alone (low confidence once, medium when it repeats); a busy session refuses one now and then",
     "one inbound message processed and failed 3 times or more (`message processed: ... messageId=<id> "
     "outcome=error`, the channel redelivering it), one of them on `reply session initialization conflicted`: the "
     "session entry stays conflicted (medium; a single conflict, or a message's dispatch and processed lines, is a "
     "commit race a retry gets past)",
     "`stuck session recovery outcome: status=skipped action=keep_lane ... reason=active_lane_task` 3 times or more: "
     "the session lane holds a task while no embedded run is registered for the session (an orphaned lane task; "
     "medium confidence)",
     "`channel reload still deferred after <n>ms with <n> task run(s) active` (or `channel reload timeout after ...`, "
     "or a gateway restart's `restart still deferred after <n>ms with ... active`) ten minutes or more into the "
     "wait, past the 600 s run budget that bounds a live run, with no embedded run, reply or operation counted (or an "
     "hour or more into it, with task runs outnumbering the rest of the work counted): the reload waits on task "
     "records no task is working on (low once, medium when it repeats); a shorter deferral is the reload waiting for "
     "running work, as it is built to, and no fault (labelling policy \"reload deferred behind task runs\")",
     "a lane task that failed on `AbortError: Reply operation expired as stale` (`lane task rejected after timeout: "
     "... error=...`): the reply registry judged the session's reply operation stale and expired it, so the turn "
     "that owned or waited on it ended with no reply (low once, medium when it repeats)"),
    ("the same session skipped again and again while `lastProgressAge` grows",
     "age in the tens of thousands of seconds"),
    (Fix("List the task records with `openclaw tasks audit --json` and cancel the `stale_running` ones with "
         "`openclaw tasks cancel <id>`.", _task_records, "a channel reload or a restart waits on task runs"),
     Fix("Run `/reset` in that conversation.", _still_stuck, "the session was not cleared in the log"),
     Fix("Restart the gateway: `openclaw gateway restart`.", _still_stuck, "the session was not cleared in the log"),
     Fix("Upgrade (#86056 reclaims leaked handles)."),
     Fix("Run `openclaw doctor --fix` for store/state drift.")),
    ("#86056",),
    confirm="A longer log would show whether recovery kept skipping the session or reclaimed the stale handle.",
)


# The skip reasons of "status=skipped action=keep_lane": the reply work's own run is registered, or the session lane
# counts an active task with no run handle (src/logging/diagnostic-stuck-session-recovery.runtime.ts; skipped over and
# over, that task is orphaned).
KEEP_LANE_REASONS = ("active_reply_work", "active_lane_task")
# Every skip that says recovery found work at it: the keep-lane reasons and a registered embedded run.
ACTIVE_WORK_SKIPS = (*KEEP_LANE_REASONS, "active_embedded_run")


def detect(view: IncidentView) -> Candidate | None:
    stale = view.warnings_where(lambda w: field_text(w, "classification") == "stale_session_state"
                                or field_text(w, "reason") in ("queued_work_without_active_run", "stale_session_state")
                                or idle_with_queue(w))
    skipped = [r for r in view.record.recoveries if r.status == "skipped" and (r.reason or "") in ACTIVE_WORK_SKIPS]
    if skipped and _live_work_outlasted_stall(view):
        # Recovery found a run or reply at work, and a lane task that had been running since before the first
        # warning then ended on a timeout: the work was real, so "stale state" (the detector's label included)
        # is refuted; the timeout is the fault (RC01, RC15).
        stale, skipped = [], []
    # Recovery came for a session the detector counted stuck and found no work running to free ("no-op:
    # reason=no_active_work action=none"): the session's state says busy with nothing behind it.
    idle_noops = [r for r in view.record.recoveries if r.status == "noop" and (r.reason or "") == "no_active_work"]
    unknown_unrecovered = view.warnings_where(lambda w: w.raw.get("sessionId") == "unknown" and field_text(w, "recovery") == "none")
    huge = view.record.max_age >= 10_000
    idle_queue = huge and view.record.queue_seen and view.record.max_queue_depth == 0
    # Recovery keeps the lane for reply work it believes active: reply work that makes no progress is the phantom
    # handle itself, but one keep-lane skip fits a slow, real turn as well, so it counts only when the lines show
    # the skip repeated, past the abort point, or the stale work reclaimed later (labelling policy "one keep-lane
    # recovery skip"; a stale_session_state classification beside it is ``stale`` above).
    keep_lane = [r for r in skipped if r.reason in KEEP_LANE_REASONS]
    phantom_reply = keep_lane if _keep_lane_skip_shows_stale(view, keep_lane) else []
    # "CRITICAL: unsubscribe failed ... possible resource leak": the run's handle outlived it.
    leaked = view.events("embedded.unsubscribe_failed")
    # "Session <id> already has an active turn claim": a new turn refused for an earlier turn's claim never released.
    claimed = view.events("session.turn_claim_busy")
    # A run whose start is hours older than the session's stuck state: the handle of an earlier turn's run, leaked.
    leftover = view.warnings_where(lambda w: field_text(w, "lastProgress") == "embedded_run:started"
                                   and progress_predates_stall(w, view.thresholds.warn_seconds))
    # Alone (no great age), a nameless session with no recovery is stale state only when the detector says nothing
    # else of its work: "stalled_agent_run ... activeWorkKind=embedded_run" names live work with no progress.
    nameless_only = [w for w in unknown_unrecovered if not any(
        field_text(w, name) for name in ("classification", "reason", "activeWorkKind", "lastProgress"))]
    refused = _one_message_refused_again_and_again(view.events("message.processed", "session.init_conflict"))
    # A channel reload kept waiting ten minutes or more on task runs alone: task records no run is working on.
    deferred = [e for e in view.events(*RELOAD_WAIT_KINDS) if reload_waits_on_task_records(e)]
    expired = [e for e in view.events("lane.task_rejected_after_timeout", "lane.task_error") if expired_as_stale(e)]
    if not (stale or len(skipped) >= 3 or (huge and unknown_unrecovered) or nameless_only or idle_queue
            or phantom_reply or leaked or claimed or leftover or idle_noops or refused or deferred or expired):
        return None
    confidence = Confidence.HIGH if stale else \
        Confidence.MEDIUM if (len(skipped) >= 3 or huge or leaked or len(claimed) >= 2 or leftover
                              or len(idle_noops) >= 2 or refused or len(deferred) >= 2 or len(expired) >= 2) \
        else Confidence.LOW
    parts = []
    if stale:
        parts.append("the detector classified it as stale session state")
    if skipped:
        parts.append(f"recovery was skipped {len(skipped)} time(s) for active work that never progressed")
    if huge:
        parts.append(f"its age reached {view.record.max_age:.0f} s" + (" with nothing queued: no run lasts that long"
                                                                        if idle_queue else ""))
    if leaked:
        parts.append("the run's event subscription could not be released (a leaked handle)")
    if leftover:
        w = leftover[0]
        parts.append(f"its run's start is {w.seconds['lastProgressAge']:.0f} s old while the session has been stuck "
                     f"{w.seconds['age']:.0f} s: the run handle was left over from an earlier turn")
    if claimed:
        parts.append(f"{len(claimed)} new turn(s) were refused because an earlier turn's claim on the session was "
                     "never released")
    if idle_noops:
        parts.append(f"recovery found no active work to free {len(idle_noops)} time(s) (no-op, no_active_work) on a "
                     "session still counted stuck")
    if refused:
        parts.append(f"one message failed {len(refused)} times as it was delivered again, on the reply session's "
                     "initialization conflict: the session entry stays conflicted, so every turn on it is refused")
    if deferred:
        longest = max(e.seconds.get("elapsedMs", 0.0) for e in deferred)
        last = deferred[-1].fields
        tasks = last.get("taskRuns")
        others = sum(n for n in (last.get("operations"), last.get("pendingReplies"), last.get("embeddedRuns"))
                     if isinstance(n, int) and n > 0)
        beside = (f"beside {others} other operation(s), reply(ies) or run(s): work that does not finish, most of it "
                  if others else "with no embedded run, reply or operation at work: ")
        parts.append(f"{reload_wait_subject(deferred[-1])} was still waiting after {longest:.0f} s on {tasks} task "
                     "run(s) counted active, "
                     + beside + "task records that outlived their tasks")
    if expired:
        parts.append(f"the reply registry expired the session's reply operation as stale{f' {len(expired)} times' if len(expired) >= 2 else ''} "
                     "(AbortError: Reply operation expired as stale): the turn that owned or waited on it ended with "
                     "no reply")
    if unknown_unrecovered and not parts:
        parts.append("the detector watches a session it cannot name (sessionId=unknown) and has no recovery for it")
    skip_events = [e for r in [*skipped[:3], *idle_noops[:2]] for e in r.events[:1]]
    return Candidate(
        "RC05", confidence,
        "The gateway holds session state for work that is not running: " + "; ".join(parts) + ".",
        cite(stale[:2], stale[-1:], skip_events, unknown_unrecovered[:1], leaked[:1], claimed[:2], leftover[:1],
             refused[:2], refused[-1:], deferred[:1], deferred[-1:], expired[:2]),
        onset=view.stall_start or first_time(claimed) or first_time(refused) or first_time(deferred)
        or first_time(expired),
        facts={"task_records": bool(deferred)},
    )


def _skip_ages(event: Event) -> list[float]:
    """The ages one skip line gives: every value when its age is quoted at several ticks, else its ``age`` field."""
    quoted = quoted_ages(event.message)
    if quoted:
        return quoted
    age = event.seconds.get("age", metric(event, "age"))
    return [age] if age > 0 else []


def _keep_lane_skip_shows_stale(view: IncidentView, keep_lane: list[RecoveryRecord]) -> bool:
    """Whether the keep-lane skips show work that is not running rather than a slow turn: two or more skips for the
    session, a skip's age quoted at two ticks or at the abort point or past it, or a later recovery reclaiming the
    stale reply work or releasing a stale lane task (labelling policy "one keep-lane recovery skip")."""
    if not keep_lane:
        return False
    if len(keep_lane) >= 2:
        return True
    ages = [age for r in keep_lane for e in r.events for age in _skip_ages(e)]
    ages += [age for e in view.events(SKIP_AGES_KIND) for age in quoted_ages(e.message)]
    if len(set(ages)) >= 2 or any(age >= view.thresholds.abort_seconds for age in ages):
        return True
    return any((r.action or "").startswith("reclaim_stale") or r.reason in ("stale_lane_task", "stale_reply_work",
                                                                            "phantom_reply_work")
               or any(e.kind == "recovery.reclaiming" for e in r.events)
               for r in view.record.recoveries)


def _live_work_outlasted_stall(view: IncidentView) -> bool:
    """Whether a lane task ended on a timeout after running at least as long as the session was counted stuck
    (``lane task error: ... durationMs=300746 error="FailoverError: LLM request timed out."`` after a warning at
    ``age=141s``)."""
    age_ms = view.record.max_age * 1000
    return age_ms > 0 and any(
        metric(e, "durationMs") >= age_ms and "timed out" in field_text(e, "error").lower()
        for e in view.events("lane.task_error"))


def _one_message_refused_again_and_again(events: list[Event]) -> list[Event]:
    """The failed processings of the message that failed most often, if it failed 3 times or more and once on the
    reply session's initialization conflict; else nothing."""
    by_message: dict[str, list[Event]] = {}
    for event in events:
        message_id = failed_message_id(event)
        if message_id is not None:
            by_message.setdefault(message_id, []).append(event)
    failures = max(by_message.values(), key=len, default=[])
    conflicted = any(e.kind == "session.init_conflict" for e in failures)
    return failures if conflicted and len(failures) >= REPEATED_MESSAGE_FAILURES else []
