"""RC04: the stall detector flagged (or aborted) a session that was still making progress."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from stuckscan.events import ATTENTION_LABELS, CLI_BACKEND_KINDS, Event
from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import (
    CLI_TURN_FAILURES,
    TURN_FAILURE_KINDS,
    Candidate,
    abort_at_the_floor,
    cite,
    field_text,
    healthy_abort_signs,
    quiet_cli_backend_turn,
    terminal_worker_outcome,
)
from stuckscan.rules._rule import Fix, FixContext, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import IncidentView


def _aborted(context: FixContext) -> bool:
    return bool(context.view.record.recoveries)


RULE = Rule(
    "RC04", "detector-false-positive", "Detector false positive (healthy run flagged or aborted)",
    "The stall detector flagged a session that was still making progress.",
    "info (not an incident)", Severity.INFO, "session",
    ("`stuck session: ... reason=queued_work_without_active_run ... lastProgress=cli_live:stream_progress lastProgressAge=0s`",
     "`blocked_tool_call` on `claude-cli` while later tools complete",
     "`cli exec: provider=claude-cli ...` before warnings that all say `lastProgress=embedded_run:started`",
     "warnings, and the run still starting and ending tools (`embedded run tool start|end`) after them, with "
     "nothing failing",
     "warnings, then `embedded run done` / an idle state / `message processed: outcome=completed` with no recovery "
     "and nothing failing",
     "warnings, then a later warning of the same session whose age dates a new stall from after them, and from "
     "before the first could have reached the abort threshold (or, on an old build whose warnings carry no "
     "`reason=` and tick every 30 s, from after a series that stopped with its next tick still below the "
     "threshold): it moved on by itself, with no recovery and nothing failing",
     "one `stuck session recovery: ... action=abort_embedded_run` at the abort threshold's age (within a minute of "
     "it), with no stall warning before it, no model call or tool named and nothing failing, when the lines name a "
     "CLI backend for the turn (`provider=claude-cli`, `cli exec`, `claude live session`, `cli turn`) or show its tools "
     "moving inside the span the abort's `age` counts as without progress: the threshold cutting a long run short "
     "(#88870); low confidence. A bare abort is RC01's (labelling policy \"watchdog abort of a run at the abort "
     "point\")"),
    ("`lastProgressAge` below `stuckSessionWarnMs` at detection", "a CLI backend (`claude-cli`)",
     "progress continues after the warning"),
    (Fix("Upgrade (PR #122460 freshness guard)."),
     Fix("Raise `diagnostics.stuckSessionAbortMs` if healthy runs are aborted.", _aborted,
         "a recovery acted on the healthy run"),
     Fix("Treat as a false positive, not an incident.")),
    ("#122460", "#88870"), benign=True,
)


def detect(view: IncidentView) -> Candidate | None:
    # (a turn the stuck-session recovery failed because its placement worker was terminal, "status=failed
    # action=fail_worker_turn reason=terminal_worker error=<the worker's error>", failed: its run then ending or the
    # session going idle is that failed turn unwinding, not slow work that finished)
    if any(terminal_worker_outcome(e) for e in view.events("recovery.outcome")):
        return None
    return _fresh_progress(view) or _unseen_cli_progress(view) or _cli_turn_with_output(view) \
        or _moved_after_flag(view) or _finished_on_its_own(view) or _moved_on_before_the_threshold(view) \
        or _aborted_at_the_floor(view)


# Lines that say a run ended in failure or was cut short: a stall they end is no false positive.
FAILURE_KINDS = (*TURN_FAILURE_KINDS, "dispatch.empty_reply")
SUCCESS_KINDS = ("embedded.run_done", "embedded.run_end", "session.state", "message.processed", "lane.task_done")


# Lines a run writes only while it advances: a tool began or returned, the model's turn ended.
PROGRESS_KINDS = ("embedded.tool_start", "embedded.tool_end", "embedded.agent_end", "embedded.prompt_end")


def _moved_after_flag(view: IncidentView) -> Candidate | None:
    """The session kept working after it was flagged: two or more progress lines (tools starting
    and returning, a model turn ending) after the first warning and before anything acted on
    it, and nothing failing. A stalled run writes none of these."""
    record = view.record
    first = record.first_warning
    if first is None or view.events(*FAILURE_KINDS):
        return None
    acted = [r.time for r in record.recoveries if r.acted and r.time is not None]
    until = min(acted) if acted else None
    moved = [e for e in view.events(*PROGRESS_KINDS)
             if e.time is not None and e.time > first and (until is None or e.time < until)]
    if len(moved) < 2:
        return None  # one tool returning late is the slow tool finishing, not proof the detector erred
    between = [e for e in moved if record.last_warning is not None and e.time is not None
               and e.time < record.last_warning]
    confidence = Confidence.HIGH if between and len(moved) >= 3 else Confidence.MEDIUM
    return Candidate(
        "RC04", confidence,
        f"The session was flagged, yet it kept working: {len(moved)} progress line(s) (tools starting and returning, "
        f"a model turn ending) after the first warning, and nothing failed. The detector flagged a run that was "
        "still advancing.",
        cite(view.warnings[:1], moved[:3], view.warnings[-1:]), onset=first,
    )


def _finished_on_its_own(view: IncidentView) -> Candidate | None:
    """Stall warnings, then the run completed by itself: no recovery acted, nothing failed, and
    the line that ended the stall reports success. The detector flagged slow work that was
    going to finish. A candidate only: when the warnings name what the run was slow on (a model
    call, a tool), that cause stays primary and says it resolved by itself."""
    record = view.record
    end = record.closed_by
    if end is None or end.kind not in SUCCESS_KINDS or not view.warnings or not view.cleared:
        return None
    if any(r.acted for r in record.recoveries) or view.events(*FAILURE_KINDS):
        return None
    fields = end.fields
    if fields.get("aborted") is True or fields.get("error") or fields.get("status") in ("error", "failed", "aborted") \
            or str(fields.get("reason", "")).startswith(("abort", "error", "timeout", "recovery")) \
            or (end.kind == "message.processed" and fields.get("outcome") != "completed"):
        return None
    waited = max([record.max_age, *(w.seconds.get("lastProgressAge", 0.0) for w in view.warnings)])
    return Candidate(
        "RC04", Confidence.MEDIUM,  # a slow model call or tool that finished is still slow: other causes come first
        f"The session was flagged {len(view.warnings)} time(s) ({waited:.0f} s at the last warning), then its run "
        f"completed by itself ({record.close_reason or end.kind}) with no recovery and nothing failing: slow work "
        "the detector flagged before it finished.",
        cite(view.warnings[:1], view.warnings[-1:], [end]), onset=record.first_warning,
    )

def _moved_on_before_the_threshold(view: IncidentView) -> Candidate | None:
    """Stall warnings, then a later warning of the same session whose age dates a new stall from after the last of
    them: the session made progress in between (a stall's age only grows while it lasts), by itself, before the
    abort threshold, with no recovery and nothing failing. Slow work that finished; what it was is not logged."""
    record = view.record
    later = record.closed_by
    if later is None or later.kind not in ATTENTION_LABELS or not view.warnings or not view.cleared:
        return None
    if any(r.acted for r in record.recoveries) or view.events(*FAILURE_KINDS) \
            or view.wedged_seconds >= view.thresholds.abort_seconds:
        return None
    return Candidate(
        "RC04", Confidence.MEDIUM,
        f"The session was flagged {len(view.warnings)} time(s) (up to {record.max_age:.0f} s), then moved on by "
        f"itself before the {view.thresholds.abort_seconds:.0f} s abort threshold: a later warning dates a new stall "
        "from after the last of these, so its work advanced in between, with no recovery and nothing failing.",
        cite(view.warnings[:1], view.warnings[-1:], [later]), onset=record.first_warning,
    )


def _aborted_at_the_floor(view: IncidentView) -> Candidate | None:
    """A single recovery abort of a run at the abort threshold's age, with no stall warning before it, no work
    named as stuck and nothing failing, when the lines show the run was healthy: a CLI backend named for the turn
    (it reports no progress to the detector), or the run's tools moving inside the span the abort's age counts as
    without progress. The threshold cut a long run short (the six-minute aborts of #88870). A bare abort is
    RC01's (labelling policy "watchdog abort of a run at the abort point")."""
    abort = abort_at_the_floor(view, FAILURE_KINDS)
    signs = healthy_abort_signs(view, abort) if abort is not None else []
    if abort is None or not signs:
        return None
    cli = [e for e in signs if e.kind in CLI_BACKEND_KINDS]
    shown = (f"the turn ran on a CLI backend ({field_text(cli[0], 'provider') or 'claude-cli'}), which reports no "
             "progress to the stall detector" if cli else
             f"{len(signs)} progress line(s) fall inside the {abort.seconds['age']:.0f} s the abort counted as "
             "without progress")
    aged = (f"a run {abort.seconds['age']:.0f} s old, just past the {view.thresholds.abort_seconds:.0f} s abort "
            "threshold" if "age" in abort.seconds else "a run (its age not given), made at the abort threshold")
    return Candidate(
        "RC04", Confidence.LOW,
        f"The only detection is one recovery abort of {aged}, with no stall warning before it, and {shown}: "
        "the threshold cut a long run short.",
        cite([abort], signs[:3]), onset=abort.time,
    )


def _unseen_cli_progress(view: IncidentView) -> Candidate | None:
    """A CLI-backend turn (claude-cli) that failed nothing, flagged only because its progress
    marker never moves past ``embedded_run:started``: the backend does not report progress."""
    turns = quiet_cli_backend_turn(view)
    started_only = view.warnings_where(lambda w: field_text(w, "lastProgress") == "embedded_run:started")
    if not turns or not started_only or view.warnings_where(
            lambda w: field_text(w, "lastProgress") not in ("", "embedded_run:started")):
        return None
    return Candidate(
        "RC04", Confidence.MEDIUM,
        f"The run is a {field_text(turns[0], 'provider') or 'CLI-backend'} turn, which reports no progress to the "
        "stall detector: every warning says lastProgress=embedded_run:started, and nothing in the log shows the "
        "turn failing. Likely a healthy long turn flagged by the detector.",
        cite(turns[:2], started_only[:2]), onset=view.record.first_warning,
    )


# What the gateway sees of a CLI-backend turn while it works: the run or its model call started.
CLI_BLIND_PROGRESS = ("", "embedded_run:started", "model_call:started")
# A reporter's rounded byte count ("outBytes=<70K>", "70K", "1.2M"): the figure, not a masked value.
_ROUGH_BYTES = re.compile(r"<?~?(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>[KkMm]?)i?B?>?")


def output_bytes(event: Event) -> float:
    """The ``outBytes`` a CLI turn line reports, reading a rounded figure too (0 when none)."""
    value = event.fields.get("outBytes")
    if isinstance(value, (int, float)):
        return float(value)
    rough = _ROUGH_BYTES.fullmatch(event.raw.get("outBytes", ""))
    if rough is None:
        return 0.0
    return float(rough.group("number")) * {"": 1, "k": 1e3, "m": 1e6}[rough.group("unit").lower()]


def _cli_turn_with_output(view: IncidentView) -> Candidate | None:
    """A CLI-backend turn (``cli turn: provider=claude-cli ... outBytes=...``) that wrote output,
    flagged while every warning saw only its start: the backend streams without telling the
    stall detector, so the warnings (and an abort they led to) hit a working turn (#137372)."""
    turns = [e for e in view.events("cli.turn") if "cli" in field_text(e, "provider") and output_bytes(e) > 0]
    if not turns or not view.warnings or view.events(*CLI_TURN_FAILURES) \
            or view.warnings_where(lambda w: field_text(w, "lastProgress") not in CLI_BLIND_PROGRESS):
        return None
    turn = turns[-1]
    aborted = [r for r in view.record.recoveries if r.acted]
    return Candidate(
        "RC04", Confidence.HIGH,
        f"The run was a {field_text(turn, 'provider')} turn that wrote output ({turn.raw.get('outBytes', '?')} bytes"
        f" over {turn.seconds.get('durationMs', 0.0):.0f} s), while every warning saw only its start: the CLI backend "
        "does not report its progress to the stall detector, so a working turn was flagged"
        + (" and aborted by the recovery." if aborted else "."),
        cite(view.warnings[:1], view.warnings[-1:], [e for r in aborted[:1] for e in r.events[:1]], [turn]),
        onset=view.record.first_warning,
    )


def _fresh_progress(view: IncidentView) -> Candidate | None:
    progress_ages = [w.seconds["lastProgressAge"] for w in view.warnings if "lastProgressAge" in w.seconds]
    if not progress_ages:
        return None
    warn = view.thresholds.warn_seconds
    fresh = [w for w in view.warnings if w.seconds.get("lastProgressAge", warn) < warn]
    # (the detector's own "terminalProgressStale=true": the recent progress was the turn's end, and nothing came after)
    if not fresh or max(progress_ages) >= warn or any(w.fields.get("terminalProgressStale") is True for w in fresh):
        return None
    streaming = [w for w in fresh if "stream_progress" in field_text(w, "lastProgress")
                 or field_text(w, "lastProgress").startswith("cli_live:")]
    first = view.record.first_warning
    later_progress = [e for e in view.events("embedded.tool_end", "embedded.tool_start", "embedded.agent_end")
                      if first and e.time and e.time > first]
    cli_backend = [e for e in view.events("embedded.run_start", "embedded.failover", "embedded.agent_end")
                   if "cli" in field_text(e, "provider") or "claude-cli" in e.message]
    confidence = Confidence.HIGH if (streaming or later_progress or cli_backend) else Confidence.MEDIUM
    return Candidate(
        "RC04", confidence,
        f"The session was flagged with lastProgressAge={min(progress_ages):.0f} s, below the "
        f"{warn:.0f} s warn threshold, and kept making progress: a detector false positive.",
        cite(fresh[:3], streaming[:1], later_progress[:2], cli_backend[:1]), onset=first,
    )
