"""RC07: the session stayed stuck past the abort threshold and nothing tried to recover it."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import Candidate, cite, field_text
from stuckscan.rules._rule import WEDGED_POLICY, Fix, FixContext, Rule
from stuckscan.thresholds import ABORT_THRESHOLD_SECONDS

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
    ("a build up to about 2026.4.x (no reason or classification fields)", "`recovery=none` on model or tool stalls"),
    (Fix("Upgrade OpenClaw: this build has no automatic stuck-session recovery.", _old_build,
         "the warnings have the pre-2026.5 form (no reason=)"),
     Fix("Set `diagnostics.stuckSessionAbortMs` so the gateway aborts wedged runs.", _observe_only,
         "the warnings say recovery=none"),
     Fix("Add an external watchdog (e.g. `stuckscan watch --exec ...`).")),
    ("#31032",),
    confirm="A longer log would show whether a `stuck session recovery` line came later.",
)


def detect(view: IncidentView) -> Candidate | None:
    if view.record.recoveries or not view.warnings:
        return None
    if view.wedged_seconds < ABORT_THRESHOLD_SECONDS:
        return None
    old_form = view.warnings_where(lambda w: "reason" not in w.fields)
    observe_only = view.warnings_where(lambda w: field_text(w, "recovery") == "none")
    confidence = Confidence.HIGH if (old_form or observe_only) else Confidence.MEDIUM
    why = "the build predates automatic recovery (no reason= on its warnings)" if old_form else \
        "the warnings say recovery=none" if observe_only else "no recovery line follows the warnings"
    start = view.stall_start
    return Candidate(
        "RC07", confidence,
        f"The session was stuck for {view.wedged_seconds:.0f} s, past the {ABORT_THRESHOLD_SECONDS:.0f} s abort "
        f"threshold, and nothing tried to recover it: {why}.",
        cite(view.warnings[:1], view.warnings[-2:]),
        onset=start + timedelta(seconds=ABORT_THRESHOLD_SECONDS) if start else None, explains_stall=False,
        facts={"old_form": bool(old_form), "observe_only": bool(observe_only)},
    )
