"""RC16: the session stalled in (or right after) transcript compaction."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from stuckscan.events import (
    COMPACTION_END_STAGES,
    COMPACTION_HELD_FIELD,
    OVERFLOW_KINDS,
    SLOW_COMPACTION_KIND,
    SLOW_COMPACTION_SECONDS,
    TIMEOUT_COMPACTION_START,
    Event,
    cancelled_compact_reply,
    compaction_diag_failed,
    compaction_rpc,
    event_order,
    failed_compaction_diag,
    needed_compaction_failed,
    refused_for_restart,
)
from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import Candidate, cite, field_text, first_time, lock_events
from stuckscan.rules._rule import WEDGED_POLICY, Fix, FixContext, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import IncidentView

# "[timeout-compaction]" stages (compaction tried after an LLM timeout): the attempt, and what ends it.
TIMEOUT_COMPACTION_THREW = "contextEngine.compact() threw"
TIMEOUT_COMPACTION_NO_GAIN = "compaction did not reduce context"
TIMEOUT_COMPACTION_ENDS = frozenset({TIMEOUT_COMPACTION_THREW, "compaction succeeded", TIMEOUT_COMPACTION_NO_GAIN})
# A timeout recovery whose compaction threw, or ran and freed nothing: the run stays too big to go on.
TIMEOUT_COMPACTION_FAILED = frozenset({TIMEOUT_COMPACTION_THREW, TIMEOUT_COMPACTION_NO_GAIN})


def _draining(context: FixContext) -> bool:
    return bool(context.fact("draining", False))


def _codex_owns_compaction(context: FixContext) -> bool:
    return bool(context.fact("codex_owns_compaction", False))


# A Codex-backed session whose compaction the CLI layer failed because the Codex app-server runs its own ("CLI native
# harness compaction failed for openai-codex/gpt-5.5: codex app-server owns automatic compaction", #89374, #91793).
CODEX_OWNS_COMPACTION = "codex app-server owns automatic compaction"


RULE = Rule(
    "RC16", "compaction-stall", "Compaction stall / timeout",
    "The session stalled in (or right after) transcript compaction.",
    WEDGED_POLICY, Severity.WARNING, "session",
    ("`context overflow detected ... attempting auto-compaction` with no `auto-compaction succeeded` within 15 "
     "minutes; low confidence when the log ends sooner (not when it ends under the 2-minute warn threshold: the "
     "compaction may still be working). Not overflow cycles whose compaction each ended in under 120 s (however "
     "many, with no stall or lane wait read with them, no compaction incomplete, none that reclaimed nothing "
     "before the next overflow), nor a lone `[context-overflow-diag] ... compactionAttempts=0` line with no "
     "compaction line after it: both are the overflow handled",
     "a compaction that finished 120 s or more after it began: a session transcript's compaction record written "
     "that long after a turn failed on a context overflow, nothing between, or a context-engine plugin's `compact "
     "committing session=<id>` and its `compact committed`, the gateway's own `embedded run [auto-|manual ]compaction "
     "start` and its `end|done|complete`, or its `incomplete` (a compaction that ended without completing, worded so) (of the same run, or naming none, of the same session; a later start replaces an "
     "earlier one, and the overflow loop's `auto-compaction succeeded` ends one unread), or a `[compaction-diag] end ... outcome=compacted durationMs=N` (not `aborted` or "
     "`skipped`; with the same run's compaction end beside it, one compaction) (medium confidence: it held the "
     "session, then ended)",
     "`embedded run compaction start|retry` with no end, shown open: a dated line read 120 s or more after it, or "
     "a line after it showing work held by it (a lane wait, a stall warning, the run's own timeout, a lock its "
     "holder's age dates to the start); not when it is the last line read or only undated lines, lines under 120 s "
     "later or a reporter's note follow (a compaction in progress)",
     "`timed out during compaction`, `AbortError: Unsubscribed during compaction` (a run that ended inside its "
     "compaction)",
     "`Compaction timed out`", "`auto-compaction failed for <provider>/<model>: ...`",
     "`Compaction failed: <reason> • Context <used>/<window>`, the `/compact` command's reply, with a timeout reason "
     "(`timed out waiting for ... compaction`, `commit_timeout`); not with `Compaction cancelled` (a manual "
     "compaction cancelled while the session went on, however often it is repeated and whatever the context meter "
     "shows)",
     "`Error running remote compact task: ...` (the Codex harness's remote compaction failing the turn)",
     "`codex app-server compaction turn ended with status failed|interrupted` (the Codex harness's native "
     "compaction ending without compacting)",
     "`[compaction-diag] ... outcome=failed reason=timeout durationMs=N`",
     "after a context overflow of the session, `[compaction-diag] outcome=failed` for any reason, a skip such as "
     "`reason=already_compacted_recently` too (alone such a skip is routine): the compaction the overflow needed "
     "freed nothing; likewise a failure, for any reason, of a compaction the context's size started itself "
     "(`trigger=budget`, `cli_budget` or `overflow`, e.g. `reason=no_compactable_entries`; not `trigger=manual`)",
     "`[compaction-diag] start` with no `[compaction-diag] end` for its `diagId`, shown open as above (medium "
     "confidence alone; not when the session's lock was taken at another moment)",
     "`[timeout-compaction] LLM timed out with high prompt token usage (N%); attempting compaction before retry` "
     "with no `compaction succeeded` / `did not reduce context` after it while later lines were read (on the last "
     "line read it has only started), or `contextEngine.compact() threw "
     "during timeout recovery`",
     "`Gateway is draining; new tasks are not accepted`"),
    ("the stall begins right after compaction events",
     "a live holder's lock whose `ageMs` dates its taking to a `[compaction-diag] start` with no end: the "
     "compaction holds the session's write lock (the lock timeout contributes)"),
    (Fix("Start fresh with `/new` or `/reset`."),
     Fix("Set `agents.defaults.compaction.timeoutSeconds` and a compaction model; declare `contextTokens`."),
     Fix("Keep transcripts small."),
     Fix("Restart the gateway: it is stuck draining.", _draining, "the gateway refused new tasks while draining"),
     Fix("Upgrade: later builds take the Codex app-server's own compaction as a no-op instead of failing the turn "
         "(#91793); until then a manual `/compact` gets the session going again.", _codex_owns_compaction,
         "the compaction failed because the Codex app-server owns automatic compaction")),
    ("#18633",),
    confirm="A longer log would show whether the compaction ended (`embedded run compaction end`, `compaction "
            "succeeded`) and whether the run went on.",
)


def open_timeout_compactions(compaction: list[Event]) -> list[Event]:
    """Timeout-triggered compactions with no later outcome line (these lines name no run)."""
    found: list[Event] = []
    for event in compaction:
        if event.kind != "compaction.timeout_recovery":
            continue
        stage = field_text(event, "stage")
        if stage == TIMEOUT_COMPACTION_START:
            found.append(event)
        elif stage in TIMEOUT_COMPACTION_ENDS and found:
            found.pop()
    return found


def _anything_after(view: IncidentView, event: Event) -> bool:
    """Whether the incident holds a line read after ``event`` (a later warning, progress, any evidence)."""
    after = event_order(event)
    return any(event_order(e) > after for e in (*view.record.prelude, *view.record.evidence.all()))


def open_diag_starts(diags: list[Event]) -> list[Event]:
    """``[compaction-diag] start`` lines whose compaction (its ``diagId``) logged no ``[compaction-diag] end``:
    compact.ts logs both around the compaction, which holds the session's write lock until it ends
    (src/agents/pi-embedded-runner/compact.ts)."""
    ended = {e.fields.get("diagId") for e in diags if field_text(e, "stage") == "end"}
    return [e for e in diags if field_text(e, "stage") == "start" and e.fields.get("diagId") not in ended]


# The compaction takes the session's write lock just before its start line (its before-compaction hooks run in
# between), so a lock it holds was taken within a few seconds of that line.
LOCK_TAKEN_SLACK = timedelta(seconds=5)


def locks_taken_at(starts: list[Event], locks: list[Event]) -> list[Event]:
    """Lock failures whose holder's age (``ageMs``, counted from the lock's ``createdAt``) dates the lock's taking
    to one of ``starts``: the lock the compaction holds."""
    found = []
    for lock in locks:
        age = lock.fields.get("lockAgeMs")
        if lock.time is None or not isinstance(age, (int, float)) or isinstance(age, bool):
            continue
        taken = lock.time - timedelta(milliseconds=age)
        if any(s.time and abs(taken - s.time) <= LOCK_TAKEN_SLACK for s in starts):
            found.append(lock)
    return found


# An overflow compaction that ends within this long is the overflow handled (labelling policy "overflow compactions
# that finish"); from it on, the compaction held the session past the stall detector's threshold.
SLOW_COMPACTION = timedelta(seconds=SLOW_COMPACTION_SECONDS)


def _no_op_compaction(event: Event) -> bool:
    """A compaction whose own line shows it reclaimed nothing (``tokensAfter`` at or above ``tokensBefore``)."""
    before, after = event.fields.get("tokensBefore"), event.fields.get("tokensAfter")
    return isinstance(before, int) and isinstance(after, int) and after >= before


def overflow_handled(view: IncidentView, compaction: list[Event]) -> bool:
    """Whether the excerpt's overflow lines show only overflow handling that went through: each context overflow's
    compaction ended (``auto-compaction succeeded``, a compaction end) in under 120 s, or a lone
    ``[context-overflow-diag]`` line logged before any compaction was tried (``compactionAttempts=0``) has nothing
    after it. Not when a stall warning or a lane wait is read with it, a compaction ended incomplete, or one that
    reclaimed nothing is followed by another overflow (the context cannot be reclaimed)."""
    if view.warnings or view.events("lane.wait_exceeded"):
        return False
    overflows = [e for e in compaction if e.kind in OVERFLOW_KINDS]
    others = [e for e in compaction if e.kind not in OVERFLOW_KINDS]
    if not overflows:
        return False
    if not others:  # (the overflow's diagnostic alone: the moment its handling began)
        return all(e.kind == "compaction.overflow_diag" and e.fields.get("compactionAttempts", 0) == 0
                   for e in overflows)
    if any(e.kind != "embedded.compaction" or field_text(e, "stage") not in COMPACTION_END_STAGES for e in others):
        return False
    last_overflow = max(event_order(e) for e in overflows)
    if any(_no_op_compaction(e) and event_order(e) < last_overflow
           for e in view.events("embedded.compaction", "compaction.diag")):
        return False
    for overflow in overflows:
        end = next((e for e in others if event_order(e) > event_order(overflow)), None)
        if end is None or end.time is None or overflow.time is None or end.time - overflow.time >= SLOW_COMPACTION:
            return False
    return True


# Lines that show work held behind an open compaction (labelling policy "compaction start with no time shown after
# it"): the session's lane waiting, the run's own timeout (a stall warning after the start, the other such line, is
# read from the view's warnings in shown_open).
HELD_BEHIND_COMPACTION = ("lane.wait_exceeded", "embedded.timeout")


def shown_open(view: IncidentView, start: Event, held_locks: list[Event]) -> bool:
    """Whether the lines show the compaction begun at ``start`` (a start or retry with no end) open, not merely
    begun: a dated line read 120 s or more after it (the input's last time counts), or a line after it showing work
    held by it (a lane wait, the run's own timeout, a stall warning, a lock whose holder's age dates its taking to
    the start). On the last line read, or with only undated lines or lines less than 120 s later after it, the
    excerpt shows a compaction in progress, not a stall."""
    if held_locks or COMPACTION_HELD_FIELD in start.seconds:
        return True
    after = event_order(start)
    later = [e for e in (*view.record.prelude, *view.record.evidence.all()) if event_order(e) > after]
    if any(e.kind in HELD_BEHIND_COMPACTION for e in later) or any(event_order(w) > after for w in view.warnings):
        return True
    if start.time is None:
        return False
    record = view.record
    seen = [t for t in (record.input_end, record.end, record.last_activity, record.last_warning,
                        *(e.time for e in later)) if t is not None]
    return any(t - start.time >= SLOW_COMPACTION for t in seen)


def detect(view: IncidentView) -> Candidate | None:
    compaction = view.events("embedded.compaction", "compaction.overflow", "compaction.overflow_diag", "compaction.timeout",
                             "compaction.failed", "compaction.timeout_recovery", "gateway.draining_rejected",
                             "compaction.abort_failed", "compaction.deadline_extended", "compaction.overflow_exhausted",
                             "compaction.interrupted", SLOW_COMPACTION_KIND)
    # (that drain is a restart's: RC17 reads it; a `/compact` reply "Compaction cancelled" is a manual compaction
    # cancelled while the session went on, labelling policy "compact command reply: the reason decides")
    compaction = [e for e in compaction if not refused_for_restart(e) and not cancelled_compact_reply(e)]
    diag_open = open_diag_starts(view.events("compaction.diag"))
    locks = lock_events(view) if diag_open else []
    held_locks = locks_taken_at(diag_open, locks)
    if not held_locks and any(isinstance(e.fields.get("lockAgeMs"), int) for e in locks):
        diag_open = []  # (the session's lock was taken at another moment: the compaction is not what holds it)
    overflowed = any(e.kind in OVERFLOW_KINDS for e in compaction)
    # (after an overflow, a compaction that failed for any reason, a skip too, left the context too large)
    # (... and so did one the context's size started itself: trigger=budget, overflow)
    refused = [e for e in view.events("compaction.diag")
               if (overflowed and compaction_diag_failed(e) or needed_compaction_failed(e)) and not failed_compaction_diag(e)]
    compaction += [e for e in view.events("compaction.diag") if failed_compaction_diag(e) or e in diag_open] + refused
    compaction += [e for e in view.events("ws.response") if compaction_rpc(e)]
    if not compaction:
        return None
    ended = [e for e in compaction if field_text(e, "stage") in COMPACTION_END_STAGES]
    ends = {e.fields.get("runId") for e in ended}
    open_starts = [e for e in compaction if e.kind == "embedded.compaction"
                   and field_text(e, "stage") in ("start", "retry") and e.fields.get("runId") not in ends]
    # (labelling policy "compaction start with no time shown after it": a start the lines do not show open is a
    # compaction in progress; the retry of a start shown open is that compaction too)
    open_starts = [e for e in open_starts if shown_open(view, e, held_locks)
                   or any(shown_open(view, s, held_locks) for s in open_starts if event_order(s) < event_order(e))]
    diag_open = [e for e in diag_open if shown_open(view, e, held_locks)]
    # (a timeout compaction that starts on the excerpt's last line read may still end: nothing after it shows it hung)
    open_starts += [e for e in open_timeout_compactions(compaction) if _anything_after(view, e)]
    open_starts += diag_open
    failures = [e for e in compaction if e.kind in ("compaction.timeout", "compaction.failed", "compaction.abort_failed",
                                                    "compaction.deadline_extended", "ws.response",
                                                    "compaction.overflow_exhausted", "compaction.interrupted",
                                                    SLOW_COMPACTION_KIND)
                or (e.kind == "compaction.timeout_recovery" and field_text(e, "stage") in TIMEOUT_COMPACTION_FAILED)
                or failed_compaction_diag(e) or e in refused]
    if not (open_starts or failures or overflowed):
        return None
    if not (open_starts or failures) and overflow_handled(view, compaction):
        return None  # (labelling policies "overflow compactions that finish", "lone context-overflow diagnostic")
    onset = first_time(compaction)
    start = view.stall_start
    near_start = bool(onset and start and onset <= start + timedelta(minutes=2))
    confidence = Confidence.HIGH if (failures or open_starts) and near_start else Confidence.MEDIUM
    if diag_open and not failures and len(open_starts) == len(diag_open) and not held_locks:
        confidence = Confidence.MEDIUM  # (a debug start line alone: the excerpt may end before its end line)
    slow = [e for e in compaction if e.kind == SLOW_COMPACTION_KIND]
    calls = [e for e in compaction if e.kind == "ws.response"]
    if calls and len(calls) == len(compaction):
        longest = max(calls, key=lambda e: e.seconds.get("durationMs", 0.0))
        summary = (f"A manual compaction (`sessions.compact`) held the session for "
                   f"{longest.seconds.get('durationMs', 0.0):.0f} s"
                   + (" and then failed." if field_text(longest, "status") == "✗" else "."))
    elif slow and len(slow) == len(failures) and not open_starts:
        confidence = Confidence.MEDIUM  # (it finished: the session was held, then went on)
        longest = max(slow, key=lambda e: e.seconds.get("durationMs", 0.0))
        how = "ended incomplete" if field_text(longest, "stage") == "incomplete" else "finished"
        summary = (f"A compaction ran {longest.seconds.get('durationMs', 0.0):.0f} s before it {how}: "
                   f"for that long it held the session ({SLOW_COMPACTION_SECONDS:.0f} s or more counts as a compaction stall).")
    elif not open_starts and not failures and not ended and view.record.cut_short:
        confidence = Confidence.LOW
        summary = ("A context overflow started an auto-compaction, and the log ends with no sign that it finished "
                   "(no `auto-compaction succeeded`, no compaction end).")
    elif not open_starts and not failures and ended:
        summary = ("The stall began as a transcript compaction for a context overflow ended (it reported success "
                   "and the prompt was sent again): the run after the compaction never progressed.")
    elif refused and len(failures) == len(refused):
        reason = field_text(refused[0], "reason") or "no reason given"
        need = (f"The context outgrew its budget and the compaction it started (`trigger={field_text(refused[0], 'trigger')}`) "
                "failed" if not overflowed else "A context overflow needed a compaction, and the compaction failed")
        summary = (f"{need} (`reason={reason}`): the context is still too large for the model, and nothing after it "
                   "shows the session's context reduced.")
    elif held_locks:
        summary = ("A transcript compaction started and never logged its end, and the session's write lock it took "
                   f"then (held {held_locks[0].fields['lockAgeMs'] / 1000:.0f} s, by a live holder) made the "
                   "session's next turn time out: the compaction held the session.")
    else:
        summary = "The stall began during transcript compaction, which never finished" \
            + (" (it timed out or failed)." if failures else ".")
    return Candidate(
        "RC16", confidence, summary,
        cite(compaction, held_locks[:1]), onset=onset, explains_stall=near_start,
        facts={"draining": any(e.kind == "gateway.draining_rejected" for e in compaction),
               "codex_owns_compaction": any(CODEX_OWNS_COMPACTION in field_text(e, "error") for e in failures),
               # (its evidence holds a compaction's end line: whether the compaction ended is not what is missing)
               "compaction_ended": bool(slow)},
    )
