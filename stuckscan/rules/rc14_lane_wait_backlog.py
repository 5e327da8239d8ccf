"""RC14: work waited in a lane queue for more than 2 s (a symptom, not a fault by itself)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import Candidate, cite, field_text, first_time
from stuckscan.rules._rule import Fix, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import IncidentView

QUIET_LANES = frozenset({"cron"})  # lane waits here are periodic-job noise, not a symptom

RULE = Rule(
    "RC14", "lane-wait-backlog", "Lane wait backlog (not a fault by itself)",
    "Work waited in a lane queue for more than 2 s.",
    "info", Severity.INFO, "session",
    ("`lane wait exceeded: lane=<lane> waitedMs=N queueAhead=N [activeAhead= activeNow= queueBehind=]`",),
    ("`lane=cron` with periodic jobs is noise", "a session lane during a concurrent stall is a symptom of that stall",
     "on a session lane with no stall, a finding of its own from half the warn threshold (60 s by default); a "
     "shorter wait (the gateway logs one from 2 s, many an hour on a busy gateway) only when the input shows nothing "
     "else: the longest, with how many there were"),
    (Fix("If the lane shows a stall, look at the stall's own root cause."), Fix("Wait, or serialize dispatches.")),
    ("#14747",), benign=True,
    notes=("The 2 s lane-wait warning threshold is hard-coded in OpenClaw and not configurable (#14747).",),
)


def detect(view: IncidentView) -> Candidate | None:
    lane_finding = view.record.identity.startswith("lane:")
    waits = [e for e in view.events("lane.wait_exceeded") if lane_finding or field_text(e, "lane") not in QUIET_LANES]
    if not waits:
        return None
    longest = max(e.seconds.get("waitedMs", 0.0) for e in waits)
    if lane_finding:
        lanes = sorted({field_text(e, "lane") for e in waits if field_text(e, "lane")})
        noise = all(lane in QUIET_LANES for lane in lanes)
        return Candidate(
            "RC14", Confidence.HIGH,
            f"{len(waits)} lane wait(s) on lane {', '.join(lanes) or '?'} exceeded 2 s (longest {longest:.0f} s), with no "
            "stalled session: " + ("periodic jobs queued behind each other, which is noise." if noise
                                   else "work queued behind long-running tasks, not a fault by itself."),
            cite(waits), onset=first_time(waits), explains_stall=True,
        )
    behind = "the stuck session" if view.warnings else "the session's running turn (no stall warning in the log)"
    return Candidate(
        "RC14", Confidence.MEDIUM,
        f"{len(waits)} lane wait(s) exceeded 2 s (longest {longest:.0f} s): work queued behind {behind}.",
        cite(waits), onset=first_time(waits), explains_stall=False,
    )
