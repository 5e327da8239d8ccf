"""RC07: the session stayed stuck past the abort threshold and nothing tried to recover it."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from stuckscan.events import Event
from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import Candidate, cite, field_text
from stuckscan.rules._rule import WEDGED_POLICY, Fix, FixContext, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import IncidentView


def _old_build(context: FixContext) -> bool:
    return context.fact("old_form", False) or context.build.is_old


def _observe_only(context: FixContext) -> bool:
    return bool(context.fact("observe_only", False))


RULE = Rule(
    "RC07", "no-recovery-attempted", "No recovery attempted (old build or observe-only policy)",
    "The session stayed stuck past the abort threshold and nothing tried to recover it.",
    WEDGED_POLICY, Severity.WARNING, "session",
    ("only `stuck session:` / `stalled session: ... recovery=none` lines for longer than `stuckSessionAbortMs`",
     "no `stuck session recovery` line at all"),
    ("a build up to about 2026.4.x (no reason or classification fields) once a warning reaches the abort "
     "threshold: below it, its bare warnings are no fault (no build would have recovered yet, and that build warns "
     "for every turn longer than the warn threshold); a run that visibly progresses is RC04, another fault line "
     "decides by its own class", "`recovery=none` on model or tool stalls"),
    (Fix("Upgrade OpenClaw: this build has no automatic stuck-session recovery.", _old_build,
         "the warnings have the pre-2026.5 form (no reason=)"),
     Fix("Set `diagnostics.stuckSessionAbortMs` so the gateway aborts wedged runs.", _observe_only,
         "the warnings say recovery=none"),
     Fix("Add an external watchdog (e.g. `stuckscan watch --exec ...`).")),
    ("#31032",),
    confirm="A longer log would show whether a `stuck session recovery` line came later.",
)


def old_form(warning: Event) -> bool:
    """A pre-2026.5 ``stuck session:`` warning: no reason, no classification, no recovery field
    (builds that print it have no automatic stuck-session recovery at all)."""
    return warning.kind == "session.stuck" and not any(
        name in warning.fields for name in ("reason", "classification", "recovery", "lastProgress"))


def detect(view: IncidentView) -> Candidate | None:
    if view.record.recoveries or not view.warnings:
        return None
    if view.warnings_where(lambda w: field_text(w, "recovery") == "checking"):
        return None  # the gateway was checking for recovery: a longer log would show what it did
    old = view.warnings_where(old_form)
    abort = view.thresholds.abort_seconds
    if view.wedged_seconds < abort:
        # Before the abort threshold even a build with recovery would not have acted yet, so a missing recovery is
        # not a fault the lines can show, on an old build too: its detector warns for every turn longer than the
        # warn threshold (the age counts from the run's start, not its last progress).
        return None
    observe_only = view.warnings_where(lambda w: field_text(w, "recovery") == "none")
    confidence = Confidence.HIGH if (old or observe_only) else Confidence.MEDIUM
    why = "the build predates automatic recovery (its warnings have no reason= or recovery= field)" if old else \
        "the warnings say recovery=none" if observe_only else "no recovery line follows the warnings"
    start = view.stall_start
    return Candidate(
        "RC07", confidence,
        f"The session was stuck for {view.wedged_seconds:.0f} s, past the {abort:.0f} s abort threshold, and nothing "
        f"tried to recover it: {why}.",
        cite(view.warnings[:1], view.warnings[-2:]),
        onset=start + timedelta(seconds=abort) if start else None, explains_stall=False,
        facts={"old_form": bool(old), "observe_only": bool(observe_only)},
    )
