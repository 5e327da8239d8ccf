"""``--format json``: the analysis as a versioned document.

The shape is described by the JSON Schema shipped as
``stuckscan/schema/stuckscan-report.schema.json`` and documented in
``docs/json-schema.md``. ``schemaVersion`` is ``MAJOR.MINOR``: a new minor version only
adds fields; anything that would break a consumer bumps the major version.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from stuckscan.formats._base import RenderOptions, prepare
from stuckscan.formats._report import (
    Item,
    Summary,
    episode_duration,
    explanations,
    finding_fixes,
    findings_of,
    incident_duration,
    iso_utc,
    item_evidence,
    item_fails,
    item_fixes,
    item_severity,
    messages_possibly_lost,
    summarize,
)
from stuckscan.model import (
    Analysis,
    BundleSnapshot,
    ConfigUsed,
    Environment,
    Episode,
    Evidence,
    Finding,
    Incident,
    IncidentStatus,
    InputSummary,
    Measures,
    Recovery,
    Severity,
    SignalsSummary,
    SignalTemplate,
    _headline_key,
)
from stuckscan.rules import find_rule

SCHEMA_VERSION = "2.3"
SCHEMA_RESOURCE = "stuckscan-report.schema.json"
TOOL_NAME = "stuckscan"


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every ``--format json`` document validates against."""
    from importlib import resources

    text = resources.files("stuckscan").joinpath("schema", SCHEMA_RESOURCE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def evidence_to_dict(evidence: Evidence) -> dict[str, Any]:
    return {
        "file": evidence.file,
        "line": evidence.line,
        "time": iso_utc(evidence.time),
        "kind": evidence.kind,
        "text": evidence.text,
    }


def finding_to_dict(finding: Finding, primary: bool) -> dict[str, Any]:
    rule = find_rule(finding.rule.id)
    return {
        "rule": finding.rule.id,
        "slug": finding.rule.slug,
        "title": finding.rule.title,
        "severity": finding.severity.value,
        "confidence": finding.confidence.value,
        "summary": finding.summary,
        "role": "primary" if primary else "contributing",
        "benign": bool(rule and rule.benign),
        "fixes": finding_fixes(finding),
        "evidence": [evidence_to_dict(evidence) for evidence in finding.evidence],
    }


def recovery_to_dict(recovery: Recovery) -> dict[str, Any]:
    return {
        "time": iso_utc(recovery.time),
        "action": recovery.action,
        "status": recovery.status,
        "aborted": recovery.aborted,
        "drained": recovery.drained,
        "forceCleared": recovery.force_cleared,
        "released": recovery.released,
        "reason": recovery.reason,
        "verdict": recovery.verdict.value,
        "verdictReason": recovery.verdict_reason,
        "evidence": [evidence_to_dict(evidence) for evidence in recovery.evidence],
        "undelivered": recovery.undelivered,
    }


def measures_to_dict(measures: Measures) -> dict[str, Any]:
    return {
        "stuckSeconds": measures.stuck_seconds,
        "detectionSeconds": measures.detection_seconds,
        "recoverySeconds": measures.recovery_seconds,
        "warnings": measures.warnings,
        "recoveryAttempts": measures.recovery_attempts,
        "recoveriesFreed": measures.recoveries_freed,
        "maxQueueDepth": measures.max_queue_depth,
        "maxAgeSeconds": measures.max_age_seconds,
        "tools": list(measures.tools),
        "models": list(measures.models),
    }


def _causes(item: Item) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    root: dict[str, Any] | None = None
    contributing: list[dict[str, Any]] = []
    for finding, primary in findings_of(item):
        if primary:
            root = finding_to_dict(finding, True)
        else:
            contributing.append(finding_to_dict(finding, False))
    return root, contributing


def _fixes(item: Item) -> list[dict[str, str]]:
    return [{"rule": rule_id, "text": text} for rule_id, text in item_fixes(item)]


def _severity(item: Item) -> str:
    severity = item_severity(item)
    return severity.value if severity is not None else "none"


def incident_to_dict(incident: Incident) -> dict[str, Any]:
    root, contributing = _causes(incident)
    return {
        "id": incident.id,
        "sessionKey": incident.session_key,
        "sessionId": incident.session_id,
        "runIds": list(incident.run_ids),
        "start": iso_utc(incident.start),
        "firstWarning": iso_utc(incident.first_warning),
        "lastWarning": iso_utc(incident.last_warning),
        "lastProgress": iso_utc(incident.last_progress),
        "end": iso_utc(incident.end),
        "status": incident.status.value,
        "statusReason": incident.status_reason,
        "durationSeconds": incident_duration(incident),
        "severity": _severity(incident),
        "messagesPossiblyLost": messages_possibly_lost(incident),
        "labels": list(incident.labels),
        "classifications": list(incident.classifications),
        "reasons": list(incident.reasons),
        "lastProgressValues": list(incident.last_progress_values),
        "activeWorkKinds": list(incident.active_work_kinds),
        "rootCause": root,
        "contributing": contributing,
        "recoveries": [recovery_to_dict(recovery) for recovery in incident.recoveries],
        "measures": measures_to_dict(incident.measures),
        "fixes": _fixes(incident),
        "timeline": [evidence_to_dict(evidence) for evidence in incident.timeline],
        "evidence": [evidence_to_dict(evidence) for evidence in item_evidence(incident)],
        "episodes": list(incident.episode_ids),
        "origin": incident.origin.value,
        "missing": incident.missing,
    }


def episode_to_dict(episode: Episode) -> dict[str, Any]:
    root, contributing = _causes(episode)
    return {
        "id": episode.id,
        "start": iso_utc(episode.start),
        "end": iso_utc(episode.end),
        "durationSeconds": episode_duration(episode),
        "severity": _severity(episode),
        "counts": dict(episode.counts),
        "peak": dict(episode.peak),
        "rootCause": root,
        "contributing": contributing,
        "fixes": _fixes(episode),
        "timeline": [evidence_to_dict(evidence) for evidence in episode.timeline],
        "evidence": [evidence_to_dict(evidence) for evidence in item_evidence(episode)],
        "incidents": list(episode.incident_ids),
    }


def inputs_to_dict(inputs: InputSummary) -> dict[str, Any]:
    return {
        "files": list(inputs.files),
        "lines": inputs.lines,
        "events": inputs.events,
        "unparsed": inputs.unparsed,
        "truncated": inputs.truncated,
        "blank": inputs.blank,
        "untimed": inputs.untimed,
        "timeRange": {"start": iso_utc(inputs.first_time), "end": iso_utc(inputs.last_time)},
        "unparsedExamples": list(inputs.unparsed_examples),
        "evictedIncidents": inputs.evicted_incidents,
        "notes": inputs.notes,
        "skippedFiles": [{"file": item.file, "reason": item.reason} for item in inputs.skipped_files],
        "bundle": bundle_to_dict(inputs.bundle) if inputs.bundle is not None else None,
    }


def bundle_to_dict(bundle: BundleSnapshot) -> dict[str, Any]:
    return {
        "path": bundle.path,
        "generatedAt": iso_utc(bundle.generated_at),
        "openclawVersion": bundle.openclaw_version,
        "logLines": bundle.log_lines,
        "logStart": iso_utc(bundle.log_start),
        "logEnd": iso_utc(bundle.log_end),
        "omittedLines": bundle.omitted_lines,
        "cutMessages": bundle.cut_messages,
        "stabilityEvents": bundle.stability_events,
        "stabilityUsed": bundle.stability_used,
        "status": bundle.status,
        "health": bundle.health,
        "healthOk": bundle.health_ok,
        "sessionCount": bundle.session_count,
        "sessions": [{"state": session.state, "queueDepth": session.queue_depth, "ageSeconds": session.age_seconds,
                      "work": session.work} for session in bundle.sessions],
        "eventLoop": dict(bundle.event_loop),
        "gaps": list(bundle.gaps),
    }


def config_to_dict(config: ConfigUsed) -> dict[str, Any]:
    return {
        "source": config.source,
        "path": config.path,
        "warnSeconds": config.warn_seconds,
        "abortSeconds": config.abort_seconds,
        "warnFrom": config.warn_origin,
        "abortFrom": config.abort_origin,
        "notes": list(config.notes),
        "description": config.describe(),
    }


def signal_to_dict(signal: SignalTemplate) -> dict[str, Any]:
    return {
        "template": signal.template,
        "level": signal.level,
        "subsystem": signal.subsystem,
        "count": signal.count,
        "firstTime": iso_utc(signal.first_time),
        "lastTime": iso_utc(signal.last_time),
        "example": signal.example,
        "exampleText": signal.example_text,
        "beforeIncidents": signal.before_incidents,
        "inWindows": signal.in_windows,
        "lift": round(signal.lift, 3),
    }


def signals_to_dict(signals: SignalsSummary) -> dict[str, Any]:
    return {
        "lines": signals.lines,
        "templates": signals.templates,
        "evicted": signals.evicted,
        "windowSeconds": signals.window_seconds,
        "preceding": [signal_to_dict(signal) for signal in signals.preceding],
    }


def environment_to_dict(environment: Environment) -> dict[str, Any]:
    return {
        "buildGeneration": environment.build_generation,
        "buildHints": list(environment.build_hints),
        "timezoneOffsets": list(environment.timezone_offsets),
        "gatewayPids": list(environment.gateway_pids),
        "models": list(environment.models),
        "config": config_to_dict(environment.config) if environment.config is not None else None,
    }


def report_to_dict(analysis: Analysis, options: RenderOptions) -> dict[str, Any]:
    """The whole document (``analysis`` should already be redacted if that is wanted)."""
    return {
        **_head(analysis, options),
        "incidents": [incident_to_dict(incident) for incident in analysis.incidents],
        "episodes": [episode_to_dict(episode) for episode in analysis.episodes],
        "signals": _signals(analysis),
        "summary": _summary_to_dict(summarize(analysis, options.fail_on), analysis.headline(), analysis, options),
    }


def _signals(analysis: Analysis) -> dict[str, Any] | None:
    return signals_to_dict(analysis.signals) if analysis.signals is not None else None


def _head(analysis: Analysis, options: RenderOptions) -> dict[str, Any]:
    return {
        "schemaVersion": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": options.tool_version},
        "redacted": options.redact,
        "inputs": inputs_to_dict(analysis.inputs),
        "environment": environment_to_dict(analysis.environment),
    }


def _summary_to_dict(summary: Summary, headline: Incident | Episode | None, analysis: Analysis,
                     options: RenderOptions) -> dict[str, Any]:
    return {
        "incidents": summary.incidents,
        "episodes": summary.episodes,
        "findings": summary.findings,
        "byStatus": summary.by_status,
        "bySeverity": summary.by_severity,
        "byRule": summary.by_rule,
        "worstSeverity": summary.worst.value if summary.worst is not None else None,
        "failOn": options.fail_on.value if options.fail_on is not None else "never",
        "failing": summary.failing,
        "headline": {"id": headline.id, "rule": headline.primary.rule.id} if headline and headline.primary else None,
        "explanations": explanations(analysis),
        "unexplained": {"lines": analysis.unexplained.count,
                        "examples": [evidence_to_dict(e) for e in analysis.unexplained.examples]},
        "judged": {"lines": analysis.judged.count, "byKind": dict(sorted(analysis.judged.kinds.items())),
                   "examples": [evidence_to_dict(e) for e in analysis.judged.examples]},
    }


class _Tally:
    """:func:`~stuckscan.formats._report.summarize` and :meth:`Analysis.headline`, taken
    one item at a time (incidents first, then episodes, as they are written), so the
    document is written reading each incident once."""

    def __init__(self, fail_on: Severity | None) -> None:
        self.fail_on = fail_on
        self.incidents = self.episodes = self.failing = 0
        self.by_status = Counter[str]()
        self.by_severity = Counter[str]()
        self.rules = Counter[str]()
        self.worst: Severity | None = None
        self.headline: Incident | Episode | None = None
        self._headline_key: tuple[int, int, float] | None = None
        self._incident_headline = False

    def add(self, item: Incident | Episode) -> None:
        if isinstance(item, Incident):
            self.incidents += 1
            self.by_status[item.status.value] += 1
        else:
            self.episodes += 1
        severity = item_severity(item)
        if severity is not None:
            self.by_severity[severity.value] += 1
            if self.worst is None or severity.rank > self.worst.rank:
                self.worst = severity
        self.rules.update(finding.rule.id for finding, _ in findings_of(item))
        self.failing += item_fails(item, self.fail_on)
        if item.primary is not None and not (self._incident_headline and not isinstance(item, Incident)):
            key = _headline_key(item)
            if self._headline_key is None or key > self._headline_key:  # the first of equals, as max() keeps
                self.headline, self._headline_key = item, key
            self._incident_headline = self._incident_headline or isinstance(item, Incident)

    def summary(self) -> Summary:
        return Summary(
            incidents=self.incidents,
            episodes=self.episodes,
            findings=sum(self.rules.values()),
            by_status={**{status.value: 0 for status in IncidentStatus}, **self.by_status},
            by_severity={**{severity.value: 0 for severity in Severity}, **self.by_severity},
            by_rule=dict(sorted(self.rules.items())),
            failing=self.failing,
            worst=self.worst,
        )


def _nested(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it ``level`` levels deep."""
    text = json.dumps(value, indent=2, ensure_ascii=True)
    return text.replace("\n", "\n" + "  " * level) if level else text


def _items(values: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A list one level deep in the document, as ``json.dumps(..., indent=2)`` writes it."""
    first = True
    for value in values:
        yield ("[\n    " if first else ",\n    ") + _nested(value, 2)
        first = False
    yield "[]" if first else "\n  ]"


def report_chunks(analysis: Analysis, options: RenderOptions) -> Iterator[str]:
    """``json.dumps(report_to_dict(analysis, options), indent=2, ensure_ascii=True) + "\\n"``,
    written piece by piece: each incident is read, turned into JSON and let go before the
    next (a store keeps thousands of incidents compressed: :mod:`stuckscan._store`)."""
    tally = _Tally(options.fail_on)
    parts = [f'{json.dumps(key)}: {_nested(value, 1)}' for key, value in _head(analysis, options).items()]
    yield "{\n  " + ",\n  ".join(parts) + ',\n  "incidents": '

    def counted(items: Iterable[Incident | Episode], to_dict: Any) -> Iterator[dict[str, Any]]:
        for item in items:
            tally.add(item)
            yield to_dict(item)

    yield from _items(counted(analysis.incidents, incident_to_dict))
    yield ',\n  "episodes": '
    yield from _items(counted(analysis.episodes, episode_to_dict))
    yield ',\n  "signals": ' + _nested(_signals(analysis), 1)
    summary = _summary_to_dict(tally.summary(), tally.headline, analysis, options)
    yield ',\n  "summary": ' + _nested(summary, 1) + "\n}\n"


class JsonFormat:
    name = "json"

    def render(self, analysis: Analysis, options: RenderOptions) -> str:
        return "".join(self.chunks(analysis, options))

    def chunks(self, analysis: Analysis, options: RenderOptions) -> Iterator[str]:
        """:meth:`render`'s text in pieces, to be written as they come."""
        return report_chunks(prepare(analysis, options), options)
