"""Facts every format derives from an analysis the same way: severities against the CI
threshold, durations, key evidence, fixes, counts and file locations."""

from __future__ import annotations

import itertools
import os
import posixpath
from collections import Counter
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from stuckscan._dataclass import dataclass
from stuckscan.model import (
    RUN_ENDED_ON_SIGNAL,
    Analysis,
    Confidence,
    Episode,
    Evidence,
    Finding,
    Incident,
    IncidentOrigin,
    IncidentStatus,
    RecoveryVerdict,
    Severity,
)
from stuckscan.rules import find_rule
from stuckscan.unexplained import JUDGED_NOTE

Item = Incident | Episode

EXIT_OK = 0
EXIT_FINDINGS = 1

STATUS_WORDS: dict[IncidentStatus, str] = {
    IncidentStatus.RECOVERED: "recovered",
    IncidentStatus.RESOLVED_BY_ITSELF: "resolved by itself",
    IncidentStatus.STILL_STUCK: "still stuck",
    IncidentStatus.FALSE_POSITIVE: "false positive",
    IncidentStatus.EVICTED: "evicted (too many open incidents)",
    IncidentStatus.FORCE_CLEARED: "force-cleared (queued messages may be lost)",
    IncidentStatus.ENDED_BY_RESTART: "ended by gateway restart",
    IncidentStatus.FAULT_SIGNAL: "fault signal, nothing cleared it",
}
VERDICT_WORDS: dict[RecoveryVerdict, str] = {
    RecoveryVerdict.FREED: "freed the session",
    RecoveryVerdict.FORCE_CLEARED: "force-cleared the session (queued messages may be lost)",
    RecoveryVerdict.NOT_FREED: "did not free the session",
    RecoveryVerdict.SKIPPED: "skipped",
    RecoveryVerdict.FAILED: "failed",
    RecoveryVerdict.UNKNOWN: "outcome unknown (log ends)",
}


# -- severity and the CI threshold -----------------------------------------------------


def is_benign(finding: Finding) -> bool:
    rule = find_rule(finding.rule.id)
    return rule is not None and rule.benign


def effective_severity(finding: Finding) -> Severity:
    """A finding's severity for CI: benign rules (RC04, RC13, RC14) always count as info."""
    return Severity.INFO if is_benign(finding) else finding.severity


def findings_of(item: Item) -> list[tuple[Finding, bool]]:
    """The item's findings as ``(finding, is_primary)``, primary first."""
    found: list[tuple[Finding, bool]] = []
    if item.primary is not None:
        found.append((item.primary, True))
    found.extend((finding, False) for finding in item.contributing)
    return found


def item_severity(item: Item) -> Severity | None:
    """The highest effective severity among the item's findings (None without findings)."""
    severities = [effective_severity(finding) for finding, _ in findings_of(item)]
    return max(severities, key=lambda severity: severity.rank) if severities else None


def at_or_above(severity: Severity | None, threshold: Severity | None) -> bool:
    if severity is None or threshold is None:
        return False
    return severity.rank >= threshold.rank


def item_fails(item: Item, fail_on: Severity | None) -> bool:
    return at_or_above(item_severity(item), fail_on)


def exit_code(analysis: Analysis, fail_on: Severity | None) -> int:
    """0 when no finding is at or above ``fail_on`` (``None``: never fail), else 1."""
    if fail_on is None:
        return EXIT_OK
    items = itertools.chain(analysis.incidents, analysis.episodes)  # read once, not held: there may be many
    return EXIT_FINDINGS if any(item_fails(item, fail_on) for item in items) else EXIT_OK


# -- time and duration -----------------------------------------------------------------


def to_utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(timezone.utc)


def iso_utc(moment: datetime | None) -> str | None:
    """``2026-05-21T10:02:14.000Z`` (naive times are printed as they are)."""
    utc = to_utc(moment)
    if utc is None:
        return None
    text = utc.isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


def clock(moment: datetime | None, with_date: bool = False) -> str:
    """``10:02:14`` (UTC), or ``2026-05-21 10:02:14`` with the date."""
    utc = to_utc(moment)
    if utc is None:
        return "--:--:--"
    return utc.strftime("%Y-%m-%d %H:%M:%S" if with_date else "%H:%M:%S")


def offset_zone(label: str) -> tzinfo | None:
    """The zone of an offset as :attr:`Environment.timezone_offsets` lists it
    (``+08:00``, ``+00:00 (UTC, Z)``); None for anything else."""
    text = label.split(" ", 1)[0]
    if len(text) != 6 or text[0] not in "+-" or text[3] != ":" or not (text[1:3] + text[4:]).isdigit():
        return None
    delta = timedelta(hours=int(text[1:3]), minutes=int(text[4:]))
    if delta >= timedelta(hours=24):
        return None
    return timezone(-delta if text[0] == "-" else delta) if delta else timezone.utc


def log_zone(analysis: Analysis) -> tzinfo | None:
    """The one UTC offset the log prints; None when it prints none, or several (a
    daylight-saving change, files from two hosts)."""
    zones = {offset_zone(label) for label in analysis.environment.timezone_offsets}
    zones.discard(None)
    return zones.pop() if len(zones) == 1 else None


def display_zone(analysis: Analysis, zone: tzinfo | None = None) -> tzinfo:
    """The zone to show times in: ``zone`` when given (``--utc``, ``--display-tz``), else
    the log's own offset, else UTC."""
    return zone or log_zone(analysis) or timezone.utc


def zone_label(zone: tzinfo, moment: datetime | None = None) -> str:
    """``UTC`` or ``+08:00``: the zone's offset at ``moment`` (default: now)."""
    reference = to_utc(moment) if moment is not None and moment.tzinfo is not None else datetime.now(timezone.utc)
    offset = reference.astimezone(zone).utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _at(moment: datetime | None, zone: tzinfo) -> str:
    """`` at 18:41:29``, or nothing for a line with no time."""
    return f" at {local_clock(moment, zone)}" if moment is not None else ""


def local_clock(moment: datetime | None, zone: tzinfo, with_date: bool = False) -> str:
    """``18:41:29`` (or ``2026-05-21 18:41:29``) in ``zone``; naive times as they are."""
    if moment is None:
        return "--:--:--"
    local = moment.astimezone(zone) if moment.tzinfo is not None else moment
    return local.strftime("%Y-%m-%d %H:%M:%S" if with_date else "%H:%M:%S")


def local_span(start: datetime | None, end: datetime | None, zone: tzinfo, seconds: bool = False,
               with_date: bool = True) -> str:
    """``2026-05-21 08:02–22:43 +08:00``: the date once when both ends share it (and
    not at all with ``with_date`` false, unless the ends fall on different days)."""
    if start is None or end is None:
        return "no timestamps"
    pattern = "%H:%M:%S" if seconds else "%H:%M"
    first = start.astimezone(zone) if start.tzinfo is not None else start
    last = end.astimezone(zone) if end.tzinfo is not None else end
    label = zone_label(zone, end)
    if first.date() != last.date():
        return f"{first:%Y-%m-%d} {first.strftime(pattern)} \u2013 {last:%Y-%m-%d} {last.strftime(pattern)} {label}"
    day = f"{first:%Y-%m-%d} " if with_date else ""
    return f"{day}{first.strftime(pattern)}\u2013{last.strftime(pattern)} {label}"


# The explanation that a time-only log's dates were guessed: a caveat about the times, not
# something hidden from the result (an empty result with only this note is an all-clear).
UNDATED_NOTE = "the log's times carry no date"


# The caveat an empty result gets when the lines are too few in time to show a stall: nothing was left out, but an
# excerpt that spans less than the warn threshold cannot show what never came (a run's end, a reply, a ready).
SHORT_EXCERPT_NOTE = "too short to rule out a stall"
SHORT_EXCERPT_VERDICT = "No fault in these lines, but they are too short to rule out a stall:"


# The verdict of an empty result whose lines include faults the rules read and judged short of a stall
# (stuckscan.unexplained.judged_note): it must not say "no fault" over them.
JUDGED_VERDICT = "No stall in these lines, though some are warnings or errors:"


def hides_findings(explanation: str) -> bool:
    """Whether an explanation says something was left out of the result."""
    return not explanation.startswith((UNDATED_NOTE, SHORT_EXCERPT_NOTE, JUDGED_NOTE))


def judged_faults_shown(analysis: Analysis) -> bool:
    """Whether an empty result names fault lines the rules judged short of a stall (and nothing was hidden)."""
    said = explanations(analysis)
    return any(text.startswith(JUDGED_NOTE) for text in said) and not any(hides_findings(t) for t in said)


def too_short_to_clear(analysis: Analysis) -> bool:
    """Whether an empty result carries the short-excerpt caveat (and nothing was hidden)."""
    said = explanations(analysis)
    return any(text.startswith(SHORT_EXCERPT_NOTE) for text in said) and not any(hides_findings(t) for t in said)


def explanations(analysis: Analysis) -> list[str]:
    """Why the result may look emptier (or its times less certain) than the log: one
    line each, for every format to show (filters and windows that hid findings, input
    with no OpenClaw line, dates guessed for time-only lines)."""
    return list(analysis.explanations)


def format_duration(seconds: float | None) -> str:
    """``45s``, ``14m 03s``, ``2h 05m``, ``3d 04h``; ``unknown`` when missing."""
    if seconds is None:
        return "unknown"
    total = int(round(max(seconds, 0.0)))
    if total < 60:
        return f"{total}s"
    minutes, secs = divmod(total, 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours}h {minutes:02d}m"
    days, hours = divmod(hours, 24)
    return f"{days}d {hours:02d}h"


def seconds_between(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    if (start.tzinfo is None) != (end.tzinfo is None):
        return None
    return max((end - start).total_seconds(), 0.0)


def incident_last_seen(incident: Incident) -> datetime | None:
    """The end of an incident, or while it is open the last time anything was seen of it."""
    if incident.end is not None:
        return incident.end
    candidates = [incident.last_warning, *(recovery.time for recovery in incident.recoveries),
                  *(evidence.time for evidence in incident.timeline)]
    known = [moment for moment in candidates if moment is not None]
    return max(known, key=_sortable) if known else None


def incident_duration(incident: Incident) -> float | None:
    """How long the session was stuck: the measured value, else start to end (or last sign)."""
    if incident.measures.stuck_seconds is not None:
        return incident.measures.stuck_seconds
    return seconds_between(incident.start or incident.first_warning, incident_last_seen(incident))


def episode_duration(episode: Episode) -> float | None:
    end = episode.end or max((e.time for e in episode.timeline if e.time is not None), key=_sortable, default=None)
    return seconds_between(episode.start, end)


def _sortable(moment: datetime) -> float:
    return moment.timestamp() if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc).timestamp()


# -- evidence, fixes, impact -----------------------------------------------------------


def key_evidence(finding: Finding) -> Evidence | None:
    """The line a finding is reported at: the first evidence the classifier cited."""
    return finding.evidence[0] if finding.evidence else None


def item_location(item: Item) -> Evidence | None:
    """Where an incident or episode is reported: its primary finding's key evidence,
    else the first line of its timeline, else any finding's evidence."""
    for finding, _ in findings_of(item):
        evidence = key_evidence(finding)
        if evidence is not None:
            return evidence
    if item.timeline:
        return item.timeline[0]
    return None


def item_evidence(item: Item) -> list[Evidence]:
    """Every line the item cites (timeline, findings, recoveries), once each, in time order."""
    seen: dict[tuple[str, int], Evidence] = {}
    sources: list[Evidence] = list(item.timeline)
    for finding, _ in findings_of(item):
        sources.extend(finding.evidence)
    if isinstance(item, Incident):
        for recovery in item.recoveries:
            sources.extend(recovery.evidence)
    for evidence in sources:
        seen.setdefault((evidence.file, evidence.line), evidence)
    return sorted(seen.values(), key=_evidence_order)


def _evidence_order(evidence: Evidence) -> tuple[bool, float, str, int]:
    moment = evidence.time
    return (moment is None, _sortable(moment) if moment is not None else 0.0, evidence.file, evidence.line)


def finding_fixes(finding: Finding) -> list[str]:
    """The fixes the classifier chose for this finding from its evidence (never the whole catalog)."""
    return list(finding.fixes)


def item_fixes(item: Item) -> list[tuple[str, str]]:
    """``(rule id, fix)`` for the primary cause, then contributing causes; no repeats."""
    fixes: list[tuple[str, str]] = []
    seen: set[str] = set()
    for finding, _ in findings_of(item):
        for text in finding_fixes(finding):
            if text not in seen:
                seen.add(text)
                fixes.append((finding.rule.id, text))
    return fixes


def _fix_key(text: str) -> str:
    """Fixes that differ only in case, spacing or punctuation are one fix."""
    return "".join(char for char in text.casefold() if char.isalnum())


def ranked_fixes(item: Item) -> list[tuple[str, str]]:
    """``(rule id, fix)`` in the order the classifier gave them, primary cause first, each
    fix once (the same advice from two causes is listed under the first)."""
    fixes: list[tuple[str, str]] = []
    seen: set[str] = set()
    for rule_id, text in item_fixes(item):
        key = _fix_key(text)
        if key and key not in seen:
            seen.add(key)
            fixes.append((rule_id, text))
    return fixes


def _evidence_key(evidence: Evidence) -> tuple[str, int]:
    return (evidence.file, evidence.line)


def strongest_evidence(item: Item, limit: int = 3) -> list[Evidence]:
    """The lines that carry the verdict, strongest first: the primary cause's key line,
    the outcome of the last recovery, each contributing cause's key line, then the
    primary's other lines."""
    candidates: list[Evidence] = []
    primary = item.primary.evidence if item.primary is not None else []
    candidates.extend(primary[:1])
    if isinstance(item, Incident):
        acted = [r for r in item.recoveries if r.evidence and r.verdict is not RecoveryVerdict.SKIPPED]
        if acted:
            candidates.append(acted[-1].evidence[-1])
    candidates.extend(finding.evidence[0] for finding in item.contributing if finding.evidence)
    candidates.extend(primary[1:])
    if not candidates:
        candidates = item_evidence(item)
    chosen: dict[tuple[str, int], Evidence] = {}
    for evidence in candidates:
        chosen.setdefault(_evidence_key(evidence), evidence)
    return list(chosen.values())[:limit]


def undelivered_messages(incident: Incident) -> int | None:
    """Messages queued when a recovery force-cleared the session (None when unknown)."""
    counts = [r.undelivered for r in incident.recoveries
              if r.verdict is RecoveryVerdict.FORCE_CLEARED and r.undelivered is not None]
    return sum(counts) if counts else None


def _starved(incident: Incident) -> bool:
    return bool(incident.episode_ids) or any(finding.rule.id == "RC12" for finding, _ in findings_of(incident))


def run_ended_on_signal(incident: Incident) -> bool:
    """A finding opened by a fault signal whose run ended on it: its outcome says that, not that the fault may still
    hold the run (analysis._incident gives such a finding, and only such a finding, this status reason)."""
    return incident.status_reason == RUN_ENDED_ON_SIGNAL


def outcome_sentence(incident: Incident, zone: tzinfo = timezone.utc) -> str:
    """How the incident ended, in words: the status and the recovery verdict that decided
    it (``force-cleared: 1 queued message not delivered; …``). Holds log text
    (actions, reasons): the caller makes it safe for its format."""
    status = incident.status
    if run_ended_on_signal(incident):
        return incident.status_reason
    acted = [r for r in incident.recoveries if r.verdict is not RecoveryVerdict.SKIPPED]
    last = acted[-1] if acted else None
    attempt = f"{last.action or 'recovery'}{_at(last.time, zone)}" if last is not None else ""
    forced = [r for r in incident.recoveries if r.verdict is RecoveryVerdict.FORCE_CLEARED]
    if status is IncidentStatus.FORCE_CLEARED or (forced and status is not IncidentStatus.STILL_STUCK):
        lost = undelivered_messages(incident)
        by = forced[-1] if forced else last
        text = f"force-cleared ({by.action or 'recovery'}{_at(by.time, zone)})" if by else "force-cleared"
        if lost is None:
            text += ": queued messages may not have been delivered"
        else:
            text += f": {plural(lost, 'queued message')} not delivered" if lost else ": no queued message was lost"
        if _starved(incident):
            text += "; clients connected during the starvation may still show in_progress"
        return text
    if status is IncidentStatus.RECOVERED:
        text = f"recovered: {attempt} freed the session" if attempt else "recovered"
        return text + (f" ({last.verdict_reason})" if last is not None and last.verdict_reason else "")
    if status is IncidentStatus.STILL_STUCK:
        if last is None:
            skips = [r for r in incident.recoveries if r.verdict is RecoveryVerdict.SKIPPED]
            if skips:
                reasons = ", ".join(dict.fromkeys(r.reason or r.action or "no reason given" for r in skips))
                return f"still stuck when the log ends; recovery was considered and skipped {plural(len(skips), 'time')} ({reasons})"
            if incident.origin is IncidentOrigin.SIGNAL:  # (no stall warning: stuck-session recovery had nothing to act on)
                return "nothing after it shows the fault cleared before the log ends"
            return "still stuck when the log ends; no recovery was attempted"
        text = f"still stuck when the log ends; {attempt} {verdict_word(last.verdict)}"
        return text + (f" ({last.verdict_reason})" if last.verdict_reason else "")
    if status is IncidentStatus.FAULT_SIGNAL:
        return incident.status_reason or "a fault signal with no stall warning, and nothing cleared it"
    word = status_word(status)
    if incident.status_reason.lower().startswith(word.lower()):
        return incident.status_reason  # already says it: "ended by gateway restart (SIGTERM: …)"
    reason = f" ({incident.status_reason})" if incident.status_reason else ""
    if status is IncidentStatus.FALSE_POSITIVE:
        if incident.primary is not None and incident.primary.confidence is Confidence.LOW:
            return f"possibly a false positive{reason}: the lines do not show whether the session was still working"
        return f"false positive{reason}: the session was making progress"
    if status is IncidentStatus.EVICTED:
        return "evicted: too many incidents were open at once, so how it ended is unknown"
    return f"{word}{reason}"


def short_id(value: str, length: int = 8) -> str:
    """The first characters of a run or session id, as the views print it."""
    return value if len(value) <= length + 2 else value[:length]


STATUS_RANK: dict[IncidentStatus, int] = {
    IncidentStatus.STILL_STUCK: 6, IncidentStatus.FAULT_SIGNAL: 5, IncidentStatus.FORCE_CLEARED: 4,
    IncidentStatus.EVICTED: 3, IncidentStatus.ENDED_BY_RESTART: 2, IncidentStatus.RECOVERED: 1,
    IncidentStatus.RESOLVED_BY_ITSELF: 1, IncidentStatus.FALSE_POSITIVE: 0,
}


def worst_first(incidents: list[Incident]) -> list[Incident]:
    """Incidents by how much they need attention: severity (benign rules as info), then
    status (still stuck first), then how long the session was stuck."""
    def key(incident: Incident) -> tuple[int, int, float]:
        severity = item_severity(incident)
        return (severity.rank if severity else 0, STATUS_RANK.get(incident.status, 0), incident_duration(incident) or 0.0)
    return sorted(incidents, key=key, reverse=True)


def wedge_not_freed(incident: Incident) -> bool:
    """A recovery ran and did not free the session, or the session is still stuck."""
    if any(recovery.verdict is RecoveryVerdict.NOT_FREED for recovery in incident.recoveries):
        return True
    if incident.recoveries and incident.recoveries[-1].action == "fail_worker_turn":
        # (the recovery failed a turn whose placement worker was terminal and lets ordinary turn completion unwind
        # its reply and lane, src/logging/diagnostic-stuck-session-recovery.runtime.ts: the lane is freed, so the
        # queued messages run next; a stall warned after it is an incident of its own)
        return False
    return incident.status in (IncidentStatus.STILL_STUCK, IncidentStatus.EVICTED)


def messages_possibly_lost(incident: Incident) -> int:
    """Messages queued behind a wedge that was not freed (the deepest queue seen), else 0."""
    return incident.measures.max_queue_depth if wedge_not_freed(incident) else 0


def status_word(status: IncidentStatus) -> str:
    return STATUS_WORDS.get(status, status.value)


def verdict_word(verdict: RecoveryVerdict) -> str:
    return VERDICT_WORDS.get(verdict, verdict.value)


def episode_name(episode: Episode) -> str:
    """``gateway episode E1 (event-loop-starvation)``."""
    cause = f" ({episode.primary.rule.slug})" if episode.primary is not None else ""
    return f"gateway episode {episode.id}{cause}"


def sentence_case(text: str) -> str:
    """First character upper-cased, the rest untouched (unlike :meth:`str.capitalize`)."""
    return text[:1].upper() + text[1:]


# -- summary counts --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Summary:
    incidents: int
    episodes: int
    findings: int
    by_status: dict[str, int]
    by_severity: dict[str, int]
    by_rule: dict[str, int]
    failing: int
    worst: Severity | None


def summarize(analysis: Analysis, fail_on: Severity | None) -> Summary:
    """Counts by incident status, by item severity (incidents and episodes) and by rule."""
    items: list[Item] = [*analysis.incidents, *analysis.episodes]
    by_status = {status.value: 0 for status in IncidentStatus}
    by_status.update(Counter(incident.status.value for incident in analysis.incidents))
    by_severity = {severity.value: 0 for severity in Severity}
    severities = [item_severity(item) for item in items]
    by_severity.update(Counter(severity.value for severity in severities if severity is not None))
    rules = Counter(finding.rule.id for item in items for finding, _ in findings_of(item))
    known = [severity for severity in severities if severity is not None]
    return Summary(
        incidents=len(analysis.incidents),
        episodes=len(analysis.episodes),
        findings=sum(rules.values()),
        by_status=by_status,
        by_severity=by_severity,
        by_rule=dict(sorted(rules.items())),
        failing=sum(1 for item in items if item_fails(item, fail_on)),
        worst=max(known, key=lambda severity: severity.rank) if known else None,
    )


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


# -- file locations --------------------------------------------------------------------


def _is_windows_absolute(path: str) -> bool:
    return len(path) > 2 and path[1] == ":" and path[2] in "\\/"


def relative_location(path: str, base_dir: str | None = None) -> str:
    """``path`` relative to ``base_dir`` (default: the current directory) with ``/``
    separators when it lies below it; otherwise the path as given."""
    if path.startswith("<") or not path:
        return path
    if _is_windows_absolute(path):
        return PureWindowsPath(path).as_posix()
    if not os.path.isabs(path):
        return posixpath.normpath(path.replace("\\", "/"))
    base = os.path.abspath(base_dir or os.getcwd())
    try:
        relative = os.path.relpath(path, base)
    except ValueError:
        return path
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return path
    return PurePosixPath(*relative.split(os.sep)).as_posix()


def artifact_uri(path: str, base_dir: str | None = None) -> str:
    """A URI reference for SARIF: relative (percent-encoded) when possible, else ``file://``."""
    location = relative_location(path, base_dir)
    if _is_windows_absolute(location):
        return "file:///" + quote(location.replace("\\", "/"), safe="/:")
    if location.startswith("/"):
        return "file://" + quote(location, safe="/")
    return quote(location, safe="/")
