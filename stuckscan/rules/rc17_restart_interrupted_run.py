"""RC17: a gateway restart or config reload cut an active run short and left the session wedged."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import Candidate, cite, field_text, first_time
from stuckscan.rules._rule import WEDGED_POLICY, Fix, FixContext, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import IncidentView

RESTART_BEFORE_STALL = timedelta(minutes=5)
RESTART_MARKERS = frozenset({"gateway.signal", "gateway.signal_action", "gateway.restart_mode", "gateway.draining",
                             "gateway.restarting", "gateway.reload_required"})


def _config_reload(context: FixContext) -> bool:
    return bool(context.fact("reload", False))


RULE = Rule(
    "RC17", "restart-interrupted-run", "Restart interrupted an in-flight run",
    "A gateway restart or config reload cut an active run short and left the session wedged.",
    WEDGED_POLICY, Severity.WARNING, "session",
    ("`signal SIGUSR1 received` / `received SIGUSR1; restarting` / `restart mode: ...` during a run",
     "`AbortError: This operation was aborted`",
     "`[main-session-restart-recovery] resumed interrupted main session: <sessionKey>`",
     "`main-session restart recovery complete: recovered=N failed=N skipped=N`"),
    ("the stall begins right after a restart marker", "no `embedded run done` for the interrupted run"),
    (Fix("Start fresh with `/new` or `/reset`."), Fix("Upgrade (#92519 fixes)."),
     Fix("Avoid config changes while runs are active.", _config_reload, "a config change triggered the restart")),
    ("#92519",),
    confirm="A longer log would show whether the interrupted run was resumed or the session stayed wedged after the restart.",
)


def detect(view: IncidentView) -> Candidate | None:
    start = view.stall_start
    session_marks = view.events("run.aborted_error", "restart.recovery", "session.aborted_last_run")
    markers = [m for m in view.markers if m.kind in RESTART_MARKERS and m.time and start
               and start - RESTART_BEFORE_STALL <= m.time <= start + timedelta(minutes=2)
               and (m.kind != "gateway.signal" or field_text(m, "signal") in ("SIGUSR1", "SIGTERM", "SIGINT"))]
    if not markers and not session_marks:
        return None
    runs_at_restart = []
    if markers:
        first_marker = markers[0]
        starts = [e for e in view.events("embedded.run_start") if e.time and first_marker.time and e.time <= first_marker.time]
        done = {e.fields.get("runId") for e in view.events("embedded.run_done", "embedded.run_end")
                if e.time and first_marker.time and e.time <= first_marker.time}
        runs_at_restart = [e for e in starts if e.fields.get("runId") not in done]
    confidence = Confidence.HIGH if markers and (session_marks or runs_at_restart) else Confidence.MEDIUM
    return Candidate(
        "RC17", confidence,
        "A gateway restart/reload happened while the session's run was in flight, and the session stalled right after.",
        cite(markers[:3], runs_at_restart[-1:], session_marks[:2]), onset=first_time(markers or session_marks),
        facts={"reload": any(m.kind == "gateway.reload_required" for m in markers)},
    )
