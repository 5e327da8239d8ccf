"""RC02: the model response was delivered, but the run never advanced or cleared."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import (
    Candidate,
    cite,
    codex_items_done,
    field_text,
    first_time,
    is_terminal_progress,
    no_active_run,
    on_tool_call,
    stale_progress,
)
from stuckscan.rules._rule import WEDGED_POLICY, Fix, FixContext, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import IncidentView


def _still_stuck(context: FixContext) -> bool:
    return not context.fact("cleared", False)


RULE = Rule(
    "RC02", "ghost-run", "Run never advances after model/turn completion (ghost run)",
    "The model response was delivered, but the run never advanced: the session stays processing.",
    WEDGED_POLICY, Severity.WARNING, "session",
    ("`stalled session: ... classification=stalled_agent_run reason=active_work_without_progress|"
     "queued_behind_terminal_active_work ... lastProgress=model_call:ended|run:completed|embedded_run:ended|...response.completed`",
     "the Codex harness's watchdog with the turn's items done: `codex app-server turn idle timed out waiting for "
     "completion|turn/completed`, a trajectory's `turn.completion_idle_timeout`, or a terminal-event timeout after "
     "`item/completed`"),
    ("a terminal-looking `lastProgress` (or `terminalProgressStale=true`) together with `queueDepth>0`",
     "the session stays `processing` after the model call ended"),
    (Fix("Run `/stop` or `/reset` in the affected conversation.", _still_stuck, "the session was not cleared in the log"),
     Fix("Upgrade to a build with the terminal-progress watchdog and ghost-run lane requeue (#89298)."),
     Fix("Restart the gateway: `openclaw gateway restart`.", _still_stuck, "the session was not cleared in the log")),
    ("#89298",),
    confirm="A longer log would show whether the run ever cleared (`run cleared`, an idle state) or only a "
            "stuck-session recovery ended it.",
)


def detect(view: IncidentView) -> Candidate | None:
    hits = view.warnings_where(lambda w: (stale_progress(w, view.thresholds.warn_seconds)
                                          or w.fields.get("terminalProgressStale") is True)
                               and not no_active_run(w) and not on_tool_call(w) and (
        is_terminal_progress(field_text(w, "lastProgress"))
        or w.fields.get("terminalProgressStale") is True
        or field_text(w, "reason") == "queued_behind_terminal_active_work"))
    # the Codex harness's watchdog: the items were done but turn/completed (or any terminal event) never came
    codex = [e for e in view.events("codex.turn_idle_timeout") if codex_items_done(e)]
    if not hits and not codex:
        return None
    if not hits:
        return Candidate(
            "RC02", Confidence.MEDIUM,
            "The Codex turn finished its items but no turn/completed came: the harness's watchdog timed it out "
            f"waiting for {field_text(codex[0], 'waitingFor')}.",
            cite(codex[:3]), onset=first_time(codex), facts={"cleared": view.cleared},
        )
    queued = any(isinstance(w.fields.get("queueDepth"), int) and w.fields["queueDepth"] > 0 for w in hits)
    stalled_run = any(field_text(w, "classification") == "stalled_agent_run" for w in hits)
    confidence = Confidence.HIGH if (queued or stalled_run) else Confidence.MEDIUM
    last = field_text(hits[-1], "lastProgress") or "terminal progress"
    queue_note = f" with {view.record.max_queue_depth} message(s) queued behind it" if view.record.max_queue_depth else ""
    return Candidate(
        "RC02", confidence,
        f"The run's last progress was `{last}`, yet the session stayed processing{queue_note}: the turn finished "
        "but the run never advanced or cleared.",
        cite(hits[:2], hits[-1:]), onset=view.record.last_progress or view.stall_start,
        facts={"cleared": view.cleared},
    )
