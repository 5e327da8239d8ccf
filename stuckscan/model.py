"""What analysis produces: incidents, gateway episodes, findings and their evidence.

These are plain data: the correlator fills incidents and episodes, the classifier adds
findings, and every formatter reads the same :class:`Analysis`.
"""

from __future__ import annotations

from dataclasses import field
from datetime import datetime
from enum import Enum

from stuckscan._dataclass import dataclass
from stuckscan.events import Event
from stuckscan.precedence import precedence_tier


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]


class Confidence(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class IncidentStatus(str, Enum):
    RECOVERED = "recovered"                    # a recovery action freed the session
    RESOLVED_BY_ITSELF = "resolved_by_itself"  # healthy again with no recovery action
    STILL_STUCK = "still_stuck"                # open when the log ends
    FALSE_POSITIVE = "false_positive"          # flagged while making progress
    EVICTED = "evicted"                        # dropped from memory (too many open incidents)
    FORCE_CLEARED = "force_cleared"            # only a force-clear ended it: queued work may be lost
    ENDED_BY_RESTART = "ended_by_restart"      # a gateway restart ended the process that held it
    FAULT_SIGNAL = "fault_signal"              # no stall warning: a fault signal with nothing clearing it


class IncidentOrigin(str, Enum):
    STALL = "stall"      # opened by stall warnings (stuck / stalled / long-running session)
    SIGNAL = "signal"    # opened by a fault signal alone (run timeout, lock error, failing fallback chain...)


# The status reason of a finding opened by a fault signal whose run ended on it (its line is the run's terminal record,
# or the run's end follows it: events.ends_its_run). Its status is a fault signal (never still stuck, however many such
# lines it holds: r53) and only the words change, since nothing of the run was left held. They say nothing of what
# another holder may still hold (the session lock a cron run timed out on, RC08): "nothing of the run", not "nothing".
RUN_ENDED_ON_SIGNAL = "the run ended on this error; nothing of the run was left held"


class RecoveryVerdict(str, Enum):
    FREED = "freed"            # released, and queued work drained or was answered
    FORCE_CLEARED = "force_cleared"  # state wiped (forceCleared=true or drained=false): queued messages may be lost
    NOT_FREED = "not_freed"    # warnings continued, or released=0 with queued work
    SKIPPED = "skipped"        # recovery decided not to act
    FAILED = "failed"          # the recovery itself errored
    UNKNOWN = "unknown"        # the log ends before we can tell


@dataclass(frozen=True, slots=True)
class Evidence:
    """One cited log line."""

    file: str
    line: int
    time: datetime | None
    kind: str
    text: str

    @classmethod
    def of(cls, event: Event) -> Evidence:
        return cls(event.source, event.line, event.time, event.kind, event.message)

@dataclass(slots=True)
class Recovery:
    time: datetime | None
    action: str | None
    status: str | None
    aborted: bool | None = None
    drained: bool | None = None
    force_cleared: bool | None = None
    released: int | None = None
    reason: str | None = None
    verdict: RecoveryVerdict = RecoveryVerdict.UNKNOWN
    verdict_reason: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    undelivered: int | None = None   # messages queued when it force-cleared (may never be delivered)


@dataclass(frozen=True, slots=True)
class RuleRef:
    id: str
    slug: str
    title: str


@dataclass(slots=True)
class Finding:
    rule: RuleRef
    severity: Severity
    confidence: Confidence
    summary: str
    evidence: list[Evidence] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)


def worst_severity(primary: Finding | None, contributing: list[Finding]) -> Severity:
    """The highest severity among an incident's or episode's findings (info when none)."""
    findings = [f for f in (primary, *contributing) if f is not None]
    if not findings:
        return Severity.INFO
    return max((f.severity for f in findings), key=lambda s: s.rank)


@dataclass(slots=True)
class Measures:
    stuck_seconds: float | None = None
    detection_seconds: float | None = None     # stall start -> first warning
    recovery_seconds: float | None = None      # first warning -> healthy again
    warnings: int = 0
    recovery_attempts: int = 0
    recoveries_freed: int = 0
    max_queue_depth: int = 0
    max_age_seconds: float = 0.0
    tools: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Incident:
    id: str
    session_key: str | None
    session_id: str | None
    run_ids: list[str]
    start: datetime | None            # back-computed stall start
    first_warning: datetime | None
    last_warning: datetime | None
    last_progress: datetime | None
    end: datetime | None              # None while open
    status: IncidentStatus
    status_reason: str
    labels: list[str] = field(default_factory=list)            # stuck / stalled / long-running
    classifications: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    last_progress_values: list[str] = field(default_factory=list)
    active_work_kinds: list[str] = field(default_factory=list)
    recoveries: list[Recovery] = field(default_factory=list)
    measures: Measures = field(default_factory=Measures)
    timeline: list[Evidence] = field(default_factory=list)     # key events in order
    primary: Finding | None = None
    contributing: list[Finding] = field(default_factory=list)
    episode_ids: list[str] = field(default_factory=list)
    origin: IncidentOrigin = IncidentOrigin.STALL
    missing: str = ""            # what a longer log would confirm (signal findings and thin evidence)

    @property
    def severity(self) -> Severity:
        return worst_severity(self.primary, self.contributing)

    @property
    def name(self) -> str:
        return self.session_key or self.session_id or (self.run_ids[0] if self.run_ids else self.id)


@dataclass(slots=True)
class Episode:
    id: str
    start: datetime | None
    end: datetime | None
    counts: dict[str, int] = field(default_factory=dict)       # event kind -> count
    timeline: list[Evidence] = field(default_factory=list)
    primary: Finding | None = None
    contributing: list[Finding] = field(default_factory=list)
    incident_ids: list[str] = field(default_factory=list)
    peak: dict[str, float] = field(default_factory=dict)       # e.g. maxHandshakeSeconds, maxEventLoopDelayMs

    @property
    def severity(self) -> Severity:
        return worst_severity(self.primary, self.contributing)


@dataclass(slots=True)
class ConfigUsed:
    """The gateway config the analysis used (``source`` "none": the defaults) and the
    stall-detector thresholds it gave."""

    source: str                    # "option" (--config), "bundle", "gateway" (the host's own), "none"
    path: str | None
    warn_seconds: float
    abort_seconds: float
    warn_origin: str = "default"   # the config key a threshold came from, or "default"
    abort_origin: str = "default"
    notes: list[str] = field(default_factory=list)  # values the gateway would ignore too

    def describe(self) -> str:
        """One line: which config, and the thresholds."""
        timing = f"warn {self.warn_seconds:g} s, abort {self.abort_seconds:g} s"
        if self.path is None:
            return f"defaults: no config found ({timing})"
        where = {"option": "--config", "bundle": "from the bundle", "gateway": "the gateway's"}.get(self.source, self.source)
        changed = "" if self.warn_origin == self.abort_origin == "default" else " from the config"
        return f"{self.path} ({where}): {timing}{changed}"


@dataclass(slots=True)
class SessionAtExport:
    """A session as a diagnostics bundle's status or health snapshot showed it at export."""

    state: str | None
    queue_depth: int | None = None
    age_seconds: float | None = None
    work: str | None = None


@dataclass(slots=True)
class BundleSnapshot:
    """What an OpenClaw diagnostics bundle says about the gateway at export time, and what it lacks."""

    path: str
    generated_at: datetime | None = None
    openclaw_version: str | None = None
    log_lines: int | None = None             # lines in the sanitized log tail
    log_start: datetime | None = None        # its first and last timed lines
    log_end: datetime | None = None
    omitted_lines: int = 0                   # records the exporter replaced by an "omitted" marker
    cut_messages: int = 0                    # messages the exporter cut at 240 characters
    stability_events: int | None = None      # None: no stability/latest.json in the bundle
    stability_used: int = 0                  # turned into gateway signals (those before the log tail)
    status: str = "missing"                  # the status snapshot: included, failed, skipped or missing
    health: str = "missing"
    health_ok: bool | None = None
    session_count: int | None = None
    sessions: list[SessionAtExport] = field(default_factory=list)  # processing or waiting at export
    event_loop: dict[str, float] = field(default_factory=dict)     # e.g. eventLoopDelayP99Ms at export
    gaps: list[str] = field(default_factory=list)                  # what the bundle lacks, one sentence each


@dataclass(slots=True)
class Environment:
    build_generation: str          # e.g. "2026.5.x (stalled/long-running with lastProgress)"
    build_hints: list[str] = field(default_factory=list)
    timezone_offsets: list[str] = field(default_factory=list)
    gateway_pids: list[int] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    config: ConfigUsed | None = None


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """An input that could not be read (vanished, unreadable, unsupported compression)."""

    file: str
    reason: str


@dataclass(slots=True)
class InputSummary:
    files: list[str]
    lines: int
    events: int
    unparsed: int
    truncated: int
    blank: int
    untimed: int
    first_time: datetime | None
    last_time: datetime | None
    unparsed_examples: list[str] = field(default_factory=list)
    evicted_incidents: int = 0
    notes: int = 0                   # reporter annotations in pasted excerpts (set aside, not unparsed)
    skipped_files: list[SkippedFile] = field(default_factory=list)
    bundle: BundleSnapshot | None = None  # a diagnostics bundle read as input


@dataclass(slots=True)
class SignalTemplate:
    """A WARN/ERROR/FATAL line shape no message family recognises, variable parts masked."""

    template: str
    level: str
    subsystem: str | None
    count: int
    first_time: datetime | None
    last_time: datetime | None
    example: str                     # file:line of one occurrence
    example_text: str = ""
    before_incidents: int = 0        # incidents it was seen within the window before the start of
    in_windows: int = 0              # its lines inside those windows
    lift: float = 0.0                # in_windows against what its base rate predicts (1: no more than chance)


@dataclass(slots=True)
class SignalsSummary:
    """Unrecognised WARN/ERROR/FATAL lines grouped into templates (bounded: evictions counted)."""

    lines: int = 0
    templates: int = 0
    evicted: int = 0
    window_seconds: float = 600.0
    preceding: list[SignalTemplate] = field(default_factory=list)  # ranked: most telling first
    catalog: list[SignalTemplate] = field(default_factory=list)    # every template, most frequent first


@dataclass(slots=True)
class UnexplainedLines:
    """Lines that report a fault no rule explained (:mod:`stuckscan.unexplained`): a count and
    the first few, so an empty result can say it is not an all-clear."""

    count: int = 0
    examples: list[Evidence] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)  # event kind -> lines
    # What some of the lines are, in words (stuckscan.unexplained.judged_reading) -> lines
    readings: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Analysis:
    inputs: InputSummary
    environment: Environment
    incidents: list[Incident] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)
    # One line each: why the result may look emptier than the log (a filter or window that
    # hid findings, input with no OpenClaw line) or its times less certain (dates guessed).
    explanations: list[str] = field(default_factory=list)
    signals: SignalsSummary | None = None
    unexplained: UnexplainedLines = field(default_factory=UnexplainedLines)
    # Lines of known kinds at WARN or above that the rules read and judged short of a finding
    # (stuckscan.unexplained.judged_fault): what an empty result names instead of saying "no fault".
    judged: UnexplainedLines = field(default_factory=UnexplainedLines)

    def headline(self) -> Incident | Episode | None:
        """The finding a reader takes away first: the most severe classified incident
        (then the most confident, then the longest), else the most severe episode."""
        for group in (self.incidents, self.episodes):
            best = max((item for item in group if item.primary is not None), key=_headline_key, default=None)
            if best is not None:
                return best
        return None

    def findings(self) -> list[Finding]:
        result: list[Finding] = []
        for item in (*self.incidents, *self.episodes):
            if item.primary is not None:
                result.append(item.primary)
            result.extend(item.contributing)
        return result


_CONFIDENCE_RANK = {Confidence.LOW: 0, Confidence.MEDIUM: 1, Confidence.HIGH: 2}


def _headline_key(item: Incident | Episode) -> tuple[int, int, float, int]:
    primary = item.primary
    assert primary is not None
    if isinstance(item, Incident):
        span = item.measures.stuck_seconds or 0.0
    else:
        span = (item.end - item.start).total_seconds() if item.start and item.end else 0.0
    # (tied on all three, the cause the rule set's precedence puts in an earlier tier; within a tier, the first)
    return (primary.severity.rank, _CONFIDENCE_RANK[primary.confidence], span, -precedence_tier(primary.rule.id))
