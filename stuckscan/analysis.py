"""The pipeline: events -> correlator -> classifier -> :class:`~stuckscan.model.Analysis`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from stuckscan._dataclass import dataclass
from stuckscan._store import IncidentStore
from stuckscan.channels import gateway_ports, refused_off_gateway
from stuckscan.classifier import (
    BuildInfo,
    Candidate,
    Decision,
    EpisodeView,
    IncidentView,
    classify_episode,
    classify_incident,
    infer_build,
    severity_for,
    tailored_fixes,
)
from stuckscan.config_advice import advice_for
from stuckscan.correlator import (
    CorrelationResult,
    Correlator,
    CorrelatorLimits,
    EpisodeRecord,
    IncidentRecord,
    RecordStatus,
    RecoveryRecord,
    correlate,
    event_order,
)
from stuckscan.events import DELIVERY_REFUSED_KIND, Event, ends_its_run, refused_off_default_port
from stuckscan.lifecycle_lane import LANE_KINDS
from stuckscan.model import (
    RUN_ENDED_ON_SIGNAL,
    Analysis,
    BundleSnapshot,
    Confidence,
    ConfigUsed,
    Environment,
    Episode,
    Evidence,
    Finding,
    Incident,
    IncidentOrigin,
    IncidentStatus,
    InputSummary,
    Measures,
    Recovery,
    RecoveryVerdict,
    Severity,
    SkippedFile,
    UnexplainedLines,
)
from stuckscan.parser import ParseOptions, ParseStats, parse_path
from stuckscan.rules import RULES
from stuckscan.signals import TemplateMiner, is_mined
from stuckscan.thresholds import DEFAULT_THRESHOLDS, Thresholds
from stuckscan.unexplained import (
    CLIENT_SYMPTOM_KINDS,
    JUDGED_LEVELS,
    FallbackHeals,
    UnexplainedCollector,
    judged_fault,
    looks_like_fault,
)

if TYPE_CHECKING:
    from stuckscan.config import GatewayConfig

OVERLAP_SLACK = timedelta(seconds=60)
TIMELINE_LIMIT = 40
INCIDENTS_IN_MEMORY = 1_000  # beyond this many, an analysis keeps its incidents compressed, on disk


@dataclass(frozen=True, slots=True)
class Setup:
    """What a run knows besides the log lines: the gateway config (``config_source`` says
    how it was chosen: option, bundle, gateway or none), the thresholds it gives, and a
    diagnostics bundle's snapshot."""

    config: GatewayConfig | None = None
    config_source: str = "none"
    thresholds: Thresholds = DEFAULT_THRESHOLDS
    config_notes: tuple[str, ...] = ()
    bundle: BundleSnapshot | None = None
    mine_signals: bool = True

    def config_used(self) -> ConfigUsed:
        thresholds = self.thresholds
        return ConfigUsed(
            source=self.config_source if self.config is not None else "none",
            path=self.config.path if self.config is not None else None,
            warn_seconds=thresholds.warn_seconds, abort_seconds=thresholds.abort_seconds,
            warn_origin=thresholds.warn_origin, abort_origin=thresholds.abort_origin,
            notes=list(self.config_notes),
        )


DEFAULT_SETUP = Setup()


def analyze_paths(paths: Sequence[str], options: ParseOptions | None = None,
                  limits: CorrelatorLimits | None = None, setup: Setup = DEFAULT_SETUP) -> Analysis:
    """Parse, correlate and classify the given files (read in the order given)."""
    stats = ParseStats()
    parse_options = options or ParseOptions()

    def events() -> Iterable[Event]:
        for path in paths:
            file_stats = ParseStats()
            yield from parse_path(path, parse_options, file_stats)
            stats.merge(file_stats)

    return analyze_events(events(), stats, limits, setup)


def analyze_events(events: Iterable[Event], stats: ParseStats, limits: CorrelatorLimits | None = None,
                   setup: Setup = DEFAULT_SETUP) -> Analysis:
    unexplained, judged = UnexplainedCollector(), UnexplainedCollector()
    if not setup.mine_signals:
        return build_analysis(correlate(_noting_faults(events, unexplained, judged), limits, setup.thresholds), stats,
                              setup, unexplained=unexplained, judged=judged)
    miner = TemplateMiner()
    correlator = Correlator(limits, setup.thresholds)
    heals = FallbackHeals(unexplained, judged)  # (fault lines a later line may heal, held until their outcome shows)
    for event in events:
        if is_mined(event):
            miner.add(event)
        _note_fault(event, heals, unexplained, judged)
        for change in correlator.feed(event):
            if change.kind in ("opened", "reopened"):
                record = change.incident
                miner.incident_opened(record.seq, record.start or record.first_warning or record.opened_at)
    heals.flush()
    return build_analysis(correlator.finish(), stats, setup, miner, unexplained, judged)


def _judged(event: Event) -> bool:
    """A warning or error line the rules judge (stuckscan.unexplained.judged_fault), turn lifecycle lines aside: the fast
    path hands those to the correlator in batches (stuckscan.lifecycle_lane), and they are session evidence, never a
    fault of their own."""
    return judged_fault(event) and event.kind not in LANE_KINDS


def _noting_faults(events: Iterable[Event], unexplained: UnexplainedCollector,
                   judged: UnexplainedCollector) -> Iterable[Event]:
    heals = FallbackHeals(unexplained, judged)
    for event in events:
        _note_fault(event, heals, unexplained, judged)
        yield event
    heals.flush()


def _note_fault(event: Event, heals: FallbackHeals, unexplained: UnexplainedCollector,
                judged: UnexplainedCollector) -> None:
    """Count a line as a fault no rule explains or as one the rules judge; a fault line a later line may heal waits in
    ``heals`` until its outcome shows."""
    if heals.pending:
        heals.see(event)
    if looks_like_fault(event):
        if not heals.hold(event):
            unexplained.add(event)
    elif event.level in JUDGED_LEVELS and _judged(event):  # (the level first: most lines are INFO or DEBUG)
        judged.add(event)


def _stuck(record: IncidentRecord, incident: Incident) -> bool:
    """Whether an incident shows a session stuck: a stall warning, or a finding above info. A message that
    waited behind its session's turn (RC14 at info, no warning) is no stuck session for the gateway-wide
    readings that ask for none (cold-start noise)."""
    return record.warning_count > 0 or incident.severity is not Severity.INFO


def build_analysis(result: CorrelationResult, stats: ParseStats, setup: Setup = DEFAULT_SETUP,
                   miner: TemplateMiner | None = None, unexplained: UnexplainedCollector | None = None,
                   judged: UnexplainedCollector | None = None) -> Analysis:
    """The public model of a correlation: each incident classified in report order, one at a
    time (beyond :data:`INCIDENTS_IN_MEMORY` of them, records are read back from disk and
    the incidents kept compressed, on disk: see :mod:`stuckscan._store`)."""
    build = infer_build(result.build_hints)
    episodes = [_episode_shell(record, index) for index, record in enumerate(result.episodes, 1)]
    incidents: list[Incident] = IncidentStore() if len(result.incidents) > INCIDENTS_IN_MEMORY else []
    models: set[str] = set()
    starts: dict[int, datetime | None] = {}
    stuck_overlaps: dict[str, int] = {}  # episode id -> overlapping incidents that show a session stuck
    cited: set[tuple[str, int]] = set()  # (file, line) of every line a finding cites as its evidence
    for index, record in enumerate(result.incidents, 1):
        overlapping = [(shell, ep) for shell, ep in zip(episodes, result.episodes, strict=False) if _overlaps(record, ep)]
        view = IncidentView(record, [ep for _, ep in overlapping], result.markers, result.gateway_pids, build,
                            setup.thresholds)
        decision = classify_incident(view)
        incident = _incident(record, index, view, decision, build)
        incident.episode_ids = [shell.id for shell, _ in overlapping]
        for shell, _ in overlapping:
            shell.incident_ids.append(incident.id)
            if _stuck(record, incident):
                stuck_overlaps[shell.id] = stuck_overlaps.get(shell.id, 0) + 1
        models.update(incident.measures.models)
        cited.update(_cited(incident.primary, incident.contributing))
        add_config_advice([incident], setup)  # before it is stored: a stored incident reads back as stored
        starts[record.seq] = incident.start
        incidents.append(incident)
    for shell, record in zip(episodes, result.episodes, strict=False):
        episode_view = EpisodeView(record, stuck_overlaps.get(shell.id, 0), build, setup.thresholds, result.markers)
        decision = _capped_episode(classify_episode(episode_view), record)
        shell.primary = _finding(decision.primary, 0.0, build, episode_view) if decision.primary else None
        shell.contributing = [_finding(c, 0.0, build, episode_view) for c in decision.contributing]
        if shell.primary is not None:  # (an episode no rule claimed is not reported)
            cited.update(_cited(shell.primary, shell.contributing))
    environment = Environment(
        build_generation=build.generation,
        build_hints=build.hints,
        timezone_offsets=sorted(stats.offsets),
        gateway_pids=list(result.gateway_pids),
        models=sorted(models),
        config=setup.config_used(),
    )
    inputs = InputSummary(
        files=list(stats.files), lines=stats.lines, events=stats.events, unparsed=stats.unparsed,
        truncated=stats.truncated, blank=stats.blank, untimed=stats.untimed,
        first_time=stats.first_time, last_time=stats.last_time,
        unparsed_examples=list(stats.unparsed_examples), evicted_incidents=result.evicted, notes=stats.notes,
        skipped_files=[SkippedFile(name, reason) for name, reason in stats.skipped_files],
        bundle=setup.bundle,
    )
    kept_episodes = [e for e in episodes if e.primary is not None]
    unexplained = unexplained or UnexplainedCollector()
    judged = judged or UnexplainedCollector()
    ports = gateway_ports(result.markers)
    for shell, record in zip(episodes, result.episodes, strict=False):
        if shell.primary is None:  # gateway trouble no rule claimed: a CLI that could not connect is still a fault
            for event in record.evidence.of(*CLIENT_SYMPTOM_KINDS):
                unexplained.add(event)
        # (a webhook delivery refused on a port other than the default, which no collector took while lines streamed:
        # on a port the input does not name as the gateway's, a delivery to another service no rule reads)
        for event in record.evidence.of(DELIVERY_REFUSED_KIND):
            if refused_off_gateway(event, ports):
                unexplained.add(event)
            elif refused_off_default_port(event) and event.level in JUDGED_LEVELS:
                judged.add(event)
    # (a line a finding cites as its evidence is explained by that finding, whatever kind it was counted under: n60)
    for file, line in sorted(cited):
        unexplained.withdraw(file, line)
    add_config_advice(kept_episodes, setup)
    signals = None
    if miner is not None:
        signals = miner.summary(starts, stats.first_time, stats.last_time)
    return Analysis(inputs=inputs, environment=environment, incidents=incidents, episodes=kept_episodes, signals=signals,
                    unexplained=unexplained.result(),
                    # (said only of an empty result: beside findings, which of these lines they cite is theirs to show)
                    judged=judged.result() if not len(incidents) and not kept_episodes
                    else UnexplainedLines())


def add_config_advice(items: Sequence[Incident | Episode], setup: Setup) -> None:
    """Put the fixes that name the user's own config values first in each finding's list."""
    if setup.config is None:
        return
    for item in items:
        for finding in (item.primary, *item.contributing):
            if finding is None:
                continue
            advice = advice_for(finding.rule.id, setup.config, setup.thresholds)
            finding.fixes = [*advice, *(fix for fix in finding.fixes if fix not in advice)]


def _overlaps(incident: IncidentRecord, episode: EpisodeRecord) -> bool:
    start = incident.start or incident.first_warning or incident.opened_at
    end = incident.end or incident.last_warning or incident.last_activity or start
    if start is None and episode.start is None:
        # an untimed paste is one moment as far as its lines tell: a finding and an episode from the same paste overlap
        return bool({e.source for e in incident.evidence.all()} & {e.source for e in episode.evidence.all()})
    if start is None or end is None or episode.start is None or episode.end is None:
        return False
    return episode.start <= end + OVERLAP_SLACK and start - OVERLAP_SLACK <= episode.end


def _cited(primary: Finding | None, contributing: list[Finding]) -> Iterable[tuple[str, int]]:
    """The places (file, line) of the lines the findings cite as their evidence."""
    for finding in (primary, *contributing):
        if finding is not None:
            yield from ((evidence.file, evidence.line) for evidence in finding.evidence)


def _finding(candidate: Candidate, wedged_seconds: float, build: BuildInfo, view: IncidentView | EpisodeView) -> Finding:
    rule = RULES[candidate.rule_id]
    return Finding(
        rule=rule.ref,
        severity=candidate.severity or severity_for(candidate.rule_id, wedged_seconds, view.thresholds.abort_seconds),
        confidence=candidate.confidence,
        summary=candidate.summary,
        evidence=[Evidence.of(event) for event in candidate.evidence],
        fixes=tailored_fixes(candidate, view, build),
    )


def origin_of(record: IncidentRecord) -> IncidentOrigin:
    """A stall when the gateway's stall detector spoke (a warning, or a recovery it ran);
    otherwise a finding opened by a fault signal alone."""
    return IncidentOrigin.STALL if record.warning_count or record.recoveries else IncidentOrigin.SIGNAL


def _status(record: IncidentRecord, decision: Decision, recoveries: list[Recovery]) -> IncidentStatus:
    if record.status is RecordStatus.EVICTED:
        return IncidentStatus.EVICTED
    if decision.primary is not None and decision.primary.rule_id == "RC04":
        return IncidentStatus.FALSE_POSITIVE
    if record.status is RecordStatus.RESTART:
        return IncidentStatus.ENDED_BY_RESTART
    if origin_of(record) is IncidentOrigin.SIGNAL and record.status in (RecordStatus.END_OF_INPUT, RecordStatus.SILENT) \
            and (_lone_line(record) or record.cut_short):
        return IncidentStatus.FAULT_SIGNAL  # one fault line, nothing after it: not enough to call it stuck
    acted = [r for r in recoveries if r.verdict in (RecoveryVerdict.FREED, RecoveryVerdict.FORCE_CLEARED)
             and r.action not in (None, "none")]
    if acted and acted[-1].verdict is RecoveryVerdict.FORCE_CLEARED:
        return IncidentStatus.FORCE_CLEARED
    if record.status is RecordStatus.END_OF_INPUT:
        # (a fault signal's finding whose last line ends its run, a cron job's second run record ending on its error:
        # nothing of the run is held at the log's end, as with one such record; its outcome says the run ended)
        if origin_of(record) is IncidentOrigin.SIGNAL and run_ended(record):
            return IncidentStatus.FAULT_SIGNAL
        return IncidentStatus.STILL_STUCK
    if acted:
        return IncidentStatus.RECOVERED
    return IncidentStatus.RESOLVED_BY_ITSELF


RECOVERY_SIDE_EFFECTS = ("abort.settle_timeout", "abort.settle_failed", "lock.stale_removed", "run.abort_failed")
SIDE_EFFECT_WINDOW = (timedelta(seconds=10), timedelta(seconds=20))


def _side_effects(record: IncidentRecord, recovery: RecoveryRecord) -> list[Event]:
    """Lines the recovery's abort caused (settle timeouts, lock removal) logged around it."""
    if recovery.time is None:
        return []
    before, after = SIDE_EFFECT_WINDOW
    return [e for e in record.evidence.of(*RECOVERY_SIDE_EFFECTS)
            if e.time and recovery.time - before <= e.time <= recovery.time + after]


def _recovery(record: IncidentRecord, record_recovery: RecoveryRecord) -> Recovery:
    events = sorted({(e.source, e.line): e for e in (*record_recovery.events, *_side_effects(record, record_recovery))}.values(),
                    key=event_order)
    return Recovery(
        time=record_recovery.time, action=record_recovery.action, status=record_recovery.status,
        aborted=record_recovery.aborted, drained=record_recovery.drained,
        force_cleared=record_recovery.force_cleared, released=record_recovery.released,
        reason=record_recovery.reason, verdict=record_recovery.verdict,
        verdict_reason=record_recovery.verdict_reason,
        evidence=[Evidence.of(e) for e in events],
        undelivered=_undelivered(record, record_recovery),
    )


def _undelivered(record: IncidentRecord, recovery: RecoveryRecord) -> int | None:
    return record.undelivered(recovery) if recovery.verdict is RecoveryVerdict.FORCE_CLEARED else None


def _measures(record: IncidentRecord, view: IncidentView, recoveries: list[Recovery], healthy: bool) -> Measures:
    detection = None
    if record.first_warning and view.stall_start:
        detection = max((record.first_warning - view.stall_start).total_seconds(), 0.0)
    recovery_seconds = None
    if healthy and record.end and record.first_warning:
        recovery_seconds = max((record.end - record.first_warning).total_seconds(), 0.0)
    acted = [r for r in recoveries if r.verdict is not RecoveryVerdict.SKIPPED and r.status not in ("skipped", "noop")]
    return Measures(
        stuck_seconds=round(view.wedged_seconds, 3),
        detection_seconds=detection,
        recovery_seconds=recovery_seconds,
        warnings=record.warning_count,
        recovery_attempts=len(acted),
        recoveries_freed=sum(1 for r in acted if r.verdict is RecoveryVerdict.FREED),
        max_queue_depth=record.max_queue_depth,
        max_age_seconds=record.max_age,
        tools=list(record.tools),
        models=list(record.models),
    )


def _timeline(record: IncidentRecord) -> list[Evidence]:
    events: dict[tuple[str, int], Event] = {}
    for event in (*record.prelude[-6:], *record.evidence.all(), *([record.closed_by] if record.closed_by else [])):
        events.setdefault((event.source, event.line), event)
    ordered = sorted(events.values(), key=event_order)
    if len(ordered) > TIMELINE_LIMIT:
        half = TIMELINE_LIMIT // 2
        ordered = ordered[:half] + ordered[-half:]
    return [Evidence.of(e) for e in ordered]


def _end(record: IncidentRecord, status: IncidentStatus, recoveries: list[Recovery], healthy: bool) -> datetime | None:
    """When the stall ended: the healthy line or the restart that closed it, else the recovery
    that wiped the session's state (even when the log ends before anything else shows)."""
    if healthy or record.status is RecordStatus.RESTART:
        return record.end
    if status is IncidentStatus.FORCE_CLEARED:
        wiped = [r.time for r in recoveries if r.verdict is RecoveryVerdict.FORCE_CLEARED and r.time is not None]
        return wiped[-1] if wiped else None
    return None


def _one_line(counts: dict[str, int], lines: Iterable[Event]) -> bool:
    """Whether evidence counted so (``counts``) and held as ``lines`` is one log line."""
    return sum(counts.values()) <= 1 and len({(e.source, e.line) for e in lines}) <= 1


def _lone_line(record: IncidentRecord) -> bool:
    """Whether everything the incident rests on is one log line."""
    return _one_line(record.evidence.counts, (*record.prelude, *record.evidence.all()))


def _at_most_medium(decision: Decision) -> Decision:
    """Confidence follows the evidence: a finding resting on one log line is at most medium."""
    for candidate in (decision.primary, *decision.contributing):
        if candidate is not None and candidate.confidence is Confidence.HIGH:
            candidate.confidence = Confidence.MEDIUM
    return decision


def _capped(decision: Decision, record: IncidentRecord) -> Decision:
    """:func:`_at_most_medium` for an incident resting on one line."""
    return _at_most_medium(decision) if _lone_line(record) else decision


def _capped_episode(decision: Decision, record: EpisodeRecord) -> Decision:
    """The same for a gateway-wide episode: one line of trouble is at most medium, whatever it says."""
    return _at_most_medium(decision) if _one_line(record.evidence.counts, (*record.markers, *record.evidence.all())) \
        else decision


def missing_evidence(record: IncidentRecord, decision: Decision) -> str:
    """One sentence on what a longer log would confirm, when the evidence is thin or no rule
    found a cause (then: which evidence was missing)."""
    primary = decision.primary
    if primary is None:
        if record.warning_count and not (record.reasons or record.classifications or record.progress_values):
            return ("The stall warnings carry no reason, classification or lastProgress (a build before 2026.5 prints "
                    "none, or the paste cut them), "
                    "so the work the session was stuck on is not in the log; the lines before the first warning "
                    "at debug level would show it.")
        if record.warning_count:
            return ("The warnings name no work kind or progress that any rule recognises; the session's lines before "
                    "the first warning (debug level) would show what it was doing.")
        if record.opened_by == "lane_stall":
            return ("The session lane took a task and dequeued nothing after it while messages queued; the session's "
                    "lines after that dequeue (debug level) would show what the task was doing.")
        return "The lines name no session state or work; the session's lines around them would show what was stuck."
    if primary.facts.get("compaction_ended"):
        return ""  # (RC16 on a compaction.slow: its evidence is the compaction's end, which the confirm text asks for)
    if origin_of(record) is IncidentOrigin.SIGNAL or record.cut_short or _lone_line(record):
        return RULES[primary.rule_id].confirm
    return ""


def run_ended(record: IncidentRecord) -> bool:
    """Whether the incident's last line ends its run (events.ends_its_run): the fault's own line is the run's terminal
    record (``cron run finished: ... status=error error="LLM request timed out."``), or the run's end follows it.
    A later line that does not end the run leaves today's words (nothing shows the fault cleared)."""
    lines = record.evidence.all()
    return bool(lines) and ends_its_run(max(lines, key=event_order))


def _progress_shown(decision: Decision) -> bool:
    """Whether the false-positive reading rests on lines that show the run working (not only on
    when it was flagged or aborted: that reading is low confidence)."""
    return decision.primary is not None and decision.primary.confidence is not Confidence.LOW


def _incident(record: IncidentRecord, index: int, view: IncidentView, decision: Decision, build: BuildInfo) -> Incident:
    decision = _capped(decision, record)
    recoveries = [_recovery(record, r) for r in record.recoveries]
    status = _status(record, decision, recoveries)
    wedged = view.wedged_seconds
    healthy = record.status in (RecordStatus.HEALTHY, RecordStatus.SILENT)
    reason = record.close_reason
    if record.resumed:
        reason = f"evicted and resumed; {reason}"
    if status is IncidentStatus.FALSE_POSITIVE and _progress_shown(decision):
        reason = "flagged while still making progress; " + reason
    elif origin_of(record) is IncidentOrigin.SIGNAL and run_ended(record) and status is IncidentStatus.FAULT_SIGNAL:
        reason = RUN_ENDED_ON_SIGNAL
    elif status is IncidentStatus.FAULT_SIGNAL:
        reason = "nothing after it shows the fault cleared"
    return Incident(
        id=f"INC-{index:03d}",
        session_key=record.session_key,
        session_id=record.session_id,
        run_ids=list(record.run_ids),
        start=view.stall_start,
        first_warning=record.first_warning,
        last_warning=record.last_warning,
        last_progress=record.last_progress,
        end=_end(record, status, recoveries, healthy),
        status=status,
        status_reason=reason,
        labels=list(record.labels),
        classifications=list(record.classifications),
        reasons=list(record.reasons),
        last_progress_values=list(record.progress_values),
        active_work_kinds=list(record.work_kinds),
        recoveries=recoveries,
        measures=_measures(record, view, recoveries, healthy),
        timeline=_timeline(record),
        primary=_finding(decision.primary, wedged, build, view) if decision.primary else None,
        contributing=[_finding(c, wedged, build, view) for c in decision.contributing],
        origin=origin_of(record),
        missing=missing_evidence(record, decision),
    )


def _episode_shell(record: EpisodeRecord, index: int) -> Episode:
    timeline = sorted({(e.source, e.line): e for e in (*record.markers, *record.evidence.all())}.values(), key=event_order)
    if len(timeline) > TIMELINE_LIMIT:
        timeline = timeline[: TIMELINE_LIMIT // 2] + timeline[-TIMELINE_LIMIT // 2:]
    return Episode(
        id=f"EP-{index:03d}",
        start=record.start,
        end=record.end,
        counts=dict(record.evidence.counts),
        timeline=[Evidence.of(e) for e in timeline],
        peak=dict(record.peaks),
    )


def snapshot_incident(correlator: Correlator, record: IncidentRecord) -> Incident:
    """Classify one incident as it stands now (live watch mode)."""
    build = infer_build(correlator.build_hints)
    episodes = [*correlator.episodes, *([correlator.open_episode] if correlator.open_episode else [])]
    overlapping = [episode for episode in episodes if _overlaps(record, episode)]
    view = IncidentView(record, overlapping, list(correlator.markers), correlator.gateway_pids, build, correlator.thresholds)
    incident = _incident(record, record.seq, view, classify_incident(view), build)
    if record.is_open:
        incident.status = IncidentStatus.STILL_STUCK
        incident.status_reason = "open"
    return incident
