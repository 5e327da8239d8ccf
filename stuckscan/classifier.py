"""The root-cause classifier: evidence in incidents and episodes -> RC01..RC18 findings.

Each rule (``stuckscan/rules/rcNN_<slug>.py``) has a detector: a small function that looks at
one incident (an :class:`IncidentView`) or one gateway episode (an :class:`EpisodeView`) and
returns a :class:`~stuckscan.rules._detect.Candidate` citing the events that support it, or
None. :func:`choose` then applies the causal precedence of the rule set: the primary cause is
the earliest fault that explains the stall; what followed the stall is contributing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import field
from datetime import datetime, timedelta
from typing import Any

from stuckscan._dataclass import dataclass
from stuckscan.correlator import EpisodeRecord, IncidentRecord, RecordStatus
from stuckscan.events import ATTENTION_LABELS, Event, ends_its_run, event_order
from stuckscan.model import Confidence, RecoveryVerdict, Severity
from stuckscan.precedence import precedence_rank
from stuckscan.rules import RULES
from stuckscan.rules._detect import Candidate
from stuckscan.rules._rule import FixContext
from stuckscan.rules.catalog import RULE_MODULES
from stuckscan.thresholds import ABORT_THRESHOLD_SECONDS, DEFAULT_THRESHOLDS, Thresholds

__all__ = ["BuildInfo", "Candidate", "Decision", "EpisodeView", "IncidentView", "choose", "classify_episode",
           "classify_incident", "infer_build", "severity_for", "tailored_fixes"]

TIE_WINDOW = timedelta(seconds=60)

SESSION_CAUSES = frozenset({"RC01", "RC02", "RC03", "RC05", "RC15", "RC16", "RC17"})
LOCK_CAUSES = frozenset({"RC08", "RC09", "RC10"})
GATEWAY_CAUSES = frozenset({"RC11", "RC12", "RC13", "RC18"})
OUTCOME_CLASSES = frozenset({"RC06", "RC07"})
# What a detector false positive (RC04) contradicts: classes that read the warnings as a real stall.
STALL_READINGS = frozenset({"RC01", "RC02", "RC03", "RC04", "RC05", "RC06", "RC07", "RC14"})
ALWAYS_ERROR = frozenset({"RC06", "RC08", "RC09", "RC10"})
GATEWAY_WARNING = frozenset({"RC11", "RC12", "RC18"})
# Classes whose signs a gateway dying of heap exhaustion shows before it dies (classify_episode): handshakes timing out
# while the collector holds the loop. They do not take the lead from the heap-limit crash that follows them.
HEAP_DEATH_SYMPTOMS = frozenset({"RC11"})


@dataclass(slots=True)
class BuildInfo:
    generation: str
    rank: int  # 0 unknown, 1 <=2026.4, 2 late 2026.4, 3 2026.5.1-18, 4 >=2026.5.19, 5 mid-2026+
    hints: list[str] = field(default_factory=list)

    @property
    def is_old(self) -> bool:
        return 0 < self.rank <= 1


def infer_build(hints: Counter[str]) -> BuildInfo:
    """The OpenClaw build generation, from which message forms the log shows."""
    found = [name for name, count in hints.items() if count]
    if hints["repeated-request-age"] or hints["handshake-phase"] or hints["heartbeat-delayed"]:
        return BuildInfo("mid-2026 or newer (2026.6+: repeatedRequestNoProgressAge / handshake phase / heartbeat delayed)", 5, found)
    if hints["attention-with-progress"]:
        return BuildInfo("2026.5.19 or newer (stall warnings carry lastProgress)", 4, found)
    if hints["attention-classification-without-progress"]:
        return BuildInfo("2026.5.1 to 2026.5.18 (stalled/long-running without lastProgress)", 3, found)
    if hints["attention-reason-without-classification"]:
        return BuildInfo("late 2026.4.x (reason= and recovery=checking, before the stalled/long-running split)", 2, found)
    if hints["attention-without-reason"]:
        return BuildInfo("2026.4.x or older (stuck session lines without reason=)", 1, found)
    return BuildInfo("unknown (no stall-detector lines to date it)", 0, found)


@dataclass(slots=True)
class Decision:
    primary: Candidate | None
    contributing: list[Candidate]


class IncidentView:
    """Read-only helpers over one incident record and the gateway context around it."""

    def __init__(self, record: IncidentRecord, episodes: list[EpisodeRecord], markers: list[Event],
                 gateway_pids: list[int], build: BuildInfo, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> None:
        self.record = record
        self.thresholds = thresholds
        self.episodes = episodes
        self.markers = markers
        self.gateway_pids = gateway_pids
        self.build = build
        self.warnings = record.evidence.of(*ATTENTION_LABELS)

    @property
    def stall_start(self) -> datetime | None:
        record = self.record
        if record.start is None and record.first_warning is not None and record.warning_count:
            # No warning gave its age: the detector warns once a session has made no progress
            # for the warn threshold, so the stall began at least that long before.
            return record.first_warning - timedelta(seconds=self.thresholds.warn_seconds)
        return record.start or record.first_warning or record.opened_at

    @property
    def last_seen(self) -> datetime | None:
        return self.record.end or self.record.last_warning or self.record.last_activity

    @property
    def wedged_seconds(self) -> float:
        """How long the session was held: from the stall's start to the last line seen, or the longest age a stall
        warning gave. When the lines are separate runs that each ended (a cron job's two run records ten minutes
        apart, each ``status=error ... durationMs=60000``), the longest of those runs' holds instead
        (:func:`held_seconds`; never more than the span): the time between two ended runs held nothing."""
        start, last = self.stall_start, self.last_seen
        measured = (last - start).total_seconds() if start and last else 0.0
        spanned = max(measured, self.record.max_age)
        held = held_seconds(self._runs(), start, last, self.record.max_age)
        return spanned if held is None else min(spanned, held)

    def _runs(self) -> list[list[Event]]:
        """The incident's lines cut into its runs (:func:`run_segments`), with the session's lines before it opened
        that belong to its first run (the run's timeout a pending wait held back until the line that opened it);
        runs wholly before the incident opened are left out."""
        own = self.record.evidence.all()
        mine = {(e.source, e.line) for e in own}
        earlier = [e for e in self.record.prelude if (e.source, e.line) not in mine]
        segments = run_segments([*earlier, *own])
        return [segment for segment in segments if any((e.source, e.line) in mine for e in segment)]

    def events(self, *kinds: str) -> list[Event]:
        wanted = set(kinds)
        seen = {(e.source, e.line) for e in self.record.prelude if e.kind in wanted}
        found = [e for e in self.record.prelude if e.kind in wanted]
        found.extend(e for e in self.record.evidence.of(*kinds) if (e.source, e.line) not in seen)
        return sorted(found, key=event_order)

    def warnings_where(self, predicate: Callable[[Event], bool]) -> list[Event]:
        return [w for w in self.warnings if predicate(w)]

    @property
    def cleared(self) -> bool:
        """Whether the log shows the session cleared (healthy again, or freed by a recovery)."""
        return self.record.status is RecordStatus.HEALTHY or any(
            r.verdict is RecoveryVerdict.FREED for r in self.record.recoveries)


# A run's timeout (``embedded run timeout: runId=... timeoutMs=600000``): the run's budget was spent; the timeout
# measures how long the run had been held, its ``timeoutMs`` back from the line.
RUN_TIMEOUT_KIND = "embedded.timeout"
_STATED_DURATION = re.compile(r"\bdurationMs=(\d{1,10})\b")


def run_segments(lines: list[Event]) -> list[list[Event]]:
    """An incident's lines cut into the runs that held the session one after another: a cut after a line that ends
    its run (:func:`stuckscan.events.ends_its_run`: a cron run record, a run's end), and after a run's timeout before
    the next line that names another run. Lines that name no run stay with the run before them."""
    segments: list[list[Event]] = [[]]
    spent: str | None = None  # the run whose timeout the current segment holds
    ended = False             # the current segment's last line ended its run
    for line in sorted(lines, key=event_order):
        run = line.fields.get("runId")
        if segments[-1] and (ended or (spent is not None and isinstance(run, str) and run != spent)):
            segments.append([])
            spent = None
        segments[-1].append(line)
        ended = ends_its_run(line)
        if line.kind == RUN_TIMEOUT_KIND and isinstance(run, str):
            spent = run
    return segments


def _own_seconds(line: Event) -> float:
    """How long before its own time a line says its run was held: a run timeout's ``timeoutMs``, a run's terminal
    record's or end's ``durationMs``; 0 for other lines."""
    if line.kind == RUN_TIMEOUT_KIND:
        return line.seconds.get("timeoutMs", 0.0)
    if not ends_its_run(line):
        return 0.0
    if "durationMs" in line.seconds:
        return line.seconds["durationMs"]
    # (a run record pasted as its text, ``cron run finished: ... durationMs=60000``, is typed by its error alone)
    stated = _STATED_DURATION.search(line.message)
    return int(stated.group(1)) / 1000 if stated else 0.0


def held_seconds(segments: list[list[Event]], start: datetime | None, last: datetime | None,
                 max_age: float) -> float | None:
    """The longest of the runs' holds (each from its first line, or as far back as a line's own duration reaches, to
    its last line; the first from the stall's start, the last to the incident's last moment), or a stall warning's
    age if longer. None when there are fewer than two runs with a timed line: one run's span is the incident's."""
    timed = [[line for line in segment if line.time is not None] for segment in segments]
    timed = [segment for segment in timed if segment]
    if len(timed) < 2:
        return None
    longest = max_age
    for index, segment in enumerate(timed):
        begins = [line.time - timedelta(seconds=_own_seconds(line)) for line in segment if line.time]
        ends = [line.time for line in segment if line.time]
        if index == 0 and start is not None:
            begins.append(start)
        if index == len(timed) - 1 and last is not None:
            ends.append(last)
        longest = max(longest, (max(ends) - min(begins)).total_seconds())
    return longest


@dataclass(slots=True)
class EpisodeView:
    record: EpisodeRecord
    overlapping_incidents: int
    build: BuildInfo
    thresholds: Thresholds = DEFAULT_THRESHOLDS
    # The lifecycle markers of the whole input (CorrelationResult.markers): what the log says of the gateway beyond
    # the episode, the port its start line names among them (stuckscan.channels.gateway_ports).
    markers: list[Event] = field(default_factory=list)

    def events(self, *kinds: str) -> list[Event]:
        return self.record.evidence.of(*kinds)

    def count(self, kind: str) -> int:
        return self.record.evidence.counts.get(kind, 0)




def _detectors(scope: str) -> tuple[Callable[[Any], Candidate | None], ...]:
    return tuple(module.detect for module in RULE_MODULES if module.RULE.scope == scope)


SESSION_DETECTORS = _detectors("session")
EPISODE_DETECTORS = _detectors("gateway")
# Gateway episodes that overlap an incident are judged for it too (cold-start noise never is).
INCIDENT_EPISODE_DETECTORS = tuple(module.detect for module in RULE_MODULES
                                   if module.RULE.scope == "gateway" and not module.RULE.benign)


# -- choosing primary and contributing ---------------------------------------------------------


def _rank(rule_id: str) -> int:
    return precedence_rank(rule_id)


def _onset_key(candidate: Candidate, fallback: datetime | None) -> float:
    moment = candidate.onset or fallback
    return moment.timestamp() if moment else float("inf")


def choose(candidates: list[Candidate], stall_start: datetime | None,
           covering: frozenset[str] = frozenset()) -> Decision:
    """Primary: the earliest candidate that explains the stall, ties broken by precedence. ``covering``: gateway
    causes shown to have begun before the stall by what they measured (see :func:`_freeze_covers_stall`)."""
    if not candidates:
        return Decision(None, [])
    fallbacks = [c for c in candidates if c.fallback]
    candidates = [c for c in candidates if not c.fallback] or candidates
    by_rule = {c.rule_id: c for c in candidates}
    false_positive = by_rule.get("RC04")
    if false_positive is not None and false_positive.confidence is Confidence.HIGH:
        # (the classes that read the warnings as a real stall describe the stall the detector got wrong)
        rest = [c for c in candidates if c.rule_id not in STALL_READINGS]
        return Decision(false_positive, sorted(rest, key=lambda c: _rank(c.rule_id)))
    causes = [c for c in candidates if c.explains_stall and c.rule_id not in OUTCOME_CLASSES | {"RC04", "RC13", "RC14"}]
    causes = [c for c in causes if c.rule_id not in GATEWAY_CAUSES or _began_before(c, stall_start)
              or c.rule_id in covering]
    # (a session reading held back as a fallback still beats a gateway cause that did not begin before the stall)
    pool = causes or [c for c in candidates if c.rule_id in OUTCOME_CLASSES] or fallbacks or candidates
    superseded = {rule_id for c in pool for rule_id in c.supersedes}
    pool = [c for c in pool if c.rule_id not in superseded] or pool
    onsets = {id(c): float("-inf") if c.rule_id in covering else _onset_key(c, stall_start) for c in pool}
    earliest = min(onsets.values())  # (a covering freeze began before the stall, whatever its time says)
    tied = [c for c in pool if onsets[id(c)] <= earliest + TIE_WINDOW.total_seconds()]
    primary = min(tied, key=lambda c: (_rank(c.rule_id), -_confidence_rank(c.confidence)))
    contributing = sorted((c for c in candidates if c is not primary), key=lambda c: _rank(c.rule_id))
    return Decision(primary, contributing)


def _began_before(candidate: Candidate, stall_start: datetime | None) -> bool:
    return bool(candidate.onset and stall_start and candidate.onset < stall_start)


def _confidence_rank(confidence: Confidence) -> int:
    return {Confidence.LOW: 0, Confidence.MEDIUM: 1, Confidence.HIGH: 2}[confidence]


def severity_for(rule_id: str, wedged_seconds: float, abort_seconds: float = ABORT_THRESHOLD_SECONDS) -> Severity:
    rule = RULES[rule_id]
    if rule.benign:
        return Severity.INFO
    if rule_id in ALWAYS_ERROR:
        return Severity.ERROR
    if rule_id in GATEWAY_WARNING:
        return Severity.WARNING
    return Severity.ERROR if wedged_seconds >= abort_seconds else Severity.WARNING


def tailored_fixes(candidate: Candidate, view: Any, build: BuildInfo) -> list[str]:
    """The fixes the evidence calls for, most direct first."""
    fixes = RULES[candidate.rule_id].fixes_for(FixContext(candidate, view, build))
    if build.is_old and candidate.rule_id in SESSION_CAUSES | OUTCOME_CLASSES:
        fixes.insert(0, f"Upgrade first: this log looks like OpenClaw {build.generation}, which has no "
                        "classified stall warnings or automatic stuck-session recovery.")
    if build.rank >= 5:
        fixes = [fix + " (builds from mid-2026 may ignore this setting and use 120 s / 360 s: #118777)"
                 if "stuckSessionAbortMs" in fix else fix for fix in fixes]
    return fixes


def _freeze_covers_stall(episode: EpisodeRecord, view: IncidentView) -> bool:
    """Whether a liveness warning logged before the session's first stall warning measured the event loop blocked
    at least as long as the session had been stuck then (``eventLoopDelayP99Ms=173006.7`` before ``stuck session:
    ... age=173s``): the freeze ended before the warning and lasted longer than the stall, so it began before the
    stall did, whatever the lines' times (a paste often has none)."""
    first = min(view.warnings, key=event_order, default=None)
    age = first.seconds.get("age") if first is not None else None
    if first is None or not age:
        return False
    for event in episode.evidence.of("liveness.warning"):
        frozen = max(float(event.fields.get(name) or 0) for name in ("eventLoopDelayMaxMs", "eventLoopDelayP99Ms"))
        before = event.time <= first.time if event.time is not None and first.time is not None else \
            (event.source, event.line) < (first.source, first.line)
        if before and frozen / 1000 >= age:
            return True
    return False


def classify_incident(view: IncidentView) -> Decision:
    candidates = [c for detector in SESSION_DETECTORS if (c := detector(view)) is not None]
    covering: set[str] = set()
    for episode in view.episodes:
        episode_view = EpisodeView(episode, 1, view.build, view.thresholds, view.markers)
        for detector in INCIDENT_EPISODE_DETECTORS:
            candidate = detector(episode_view)
            if candidate is not None and candidate.rule_id not in {c.rule_id for c in candidates}:
                candidates.append(candidate)
                if candidate.rule_id == "RC12" and _freeze_covers_stall(episode, view):
                    covering.add(candidate.rule_id)
    return choose(candidates, view.stall_start, frozenset(covering))


def classify_episode(view: EpisodeView) -> Decision:
    candidates = [c for detector in EPISODE_DETECTORS if (c := detector(view)) is not None]
    if any(c.rule_id == "RC13" for c in candidates):
        candidates = [c for c in candidates if c.rule_id != "RC12"]
    if not candidates:
        return Decision(None, [])
    primary = min(candidates, key=lambda c: (_rank(c.rule_id), -_confidence_rank(c.confidence)))
    if primary.facts.get("died_only"):
        # (a gateway that died of heap exhaustion after other trouble began, and shows nothing of a stalled loop: the
        # earlier trouble heads, the death stays beside it; f5655, channel restarts for hours, then the heap-limit line)
        died = min((event_order(e) for e in primary.evidence), default=None)
        # (not a handshake that timed out before it: a heap nearing its limit spends ever longer in garbage
        # collection, and a loop paused that long answers no connect in time; that is the starvation RC12 ranks above
        # RC11 for, the death's own symptom, not trouble of its own; h53)
        earlier = [c for c in candidates if c is not primary and died is not None and c.severity is not Severity.INFO
                   and not RULES[c.rule_id].benign and c.rule_id not in HEAP_DEATH_SYMPTOMS
                   and any(event_order(e) < died for e in c.evidence)]
        if earlier:
            primary = min(earlier, key=lambda c: (_rank(c.rule_id), -_confidence_rank(c.confidence)))
    return Decision(primary, sorted((c for c in candidates if c is not primary), key=lambda c: _rank(c.rule_id)))
