"""Analyses the shared fixtures do not have: the new outcomes (force-cleared with
undelivered messages) and small incidents of their own, for counts, chart windows and
stable test names."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from analysis_fixtures import SAMPLE_LOG, empty_analysis, reference_analysis
from stuckscan.model import (
    Analysis,
    Confidence,
    Evidence,
    Finding,
    Incident,
    IncidentStatus,
    Measures,
    RecoveryVerdict,
    Severity,
)
from stuckscan.rules import RULES


def force_cleared_analysis(undelivered: int | None = 1) -> Analysis:
    """The reference incident, ended by a force-clear that dropped queued messages."""
    analysis = reference_analysis()
    incident = analysis.incidents[0]
    recovery = dataclasses.replace(incident.recoveries[0], verdict=RecoveryVerdict.FORCE_CLEARED,
                                   verdict_reason="forceCleared=true, drained=false", undelivered=undelivered)
    end = recovery.time
    incident = dataclasses.replace(incident, recoveries=[recovery], status=IncidentStatus.FORCE_CLEARED,
                                   status_reason="force-cleared", end=end)
    return dataclasses.replace(analysis, incidents=[incident])


def incident_at(index: int, start: datetime, minutes: float, *, session: str | None = None, rule: str = "RC02",
                status: IncidentStatus = IncidentStatus.RECOVERED, fixes: list[str] | None = None) -> Incident:
    """A small incident of its own (for counts, windows and stable names)."""
    evidence = Evidence(SAMPLE_LOG, 100 + index, start + timedelta(seconds=30), "session.stalled",
                        f"stalled session: sessionKey=agent:main:main:{index} age=120s")
    finding = Finding(RULES[rule].ref, Severity.ERROR, Confidence.HIGH, f"summary {index}", [evidence],
                      list(RULES[rule].fixes) if fixes is None else fixes)
    end = start + timedelta(minutes=minutes)
    return Incident(
        id=f"INC-{index:03d}", session_key=session or f"agent:main:telegram:direct:<peer-{index}>", session_id=None,
        run_ids=[], start=start, first_warning=evidence.time, last_warning=evidence.time, last_progress=None,
        end=end, status=status, status_reason="", measures=Measures(stuck_seconds=minutes * 60, warnings=1),
        timeline=[evidence], primary=finding)


def analysis_of(incidents: list[Incident]) -> Analysis:
    analysis = empty_analysis()
    first = min(incident.start for incident in incidents if incident.start)
    last = max(incident.end for incident in incidents if incident.end)
    inputs = dataclasses.replace(analysis.inputs, first_time=first, last_time=last)
    return dataclasses.replace(analysis, inputs=inputs, incidents=incidents)
