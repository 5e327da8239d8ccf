"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` carries the whole RC01..RC18 catalog (so ``ruleIndex`` is
stable); one result per finding, primary and contributing alike, located at the log
file and line of the finding's key evidence. Paths inside the repository are relative to
it (``uriBaseId`` SRCROOT, declared in ``originalUriBaseIds``), so code scanning links
each alert to the log line; see :mod:`stuckscan.formats._repo`. An incident's outcome
(status in words, force-clear and undelivered messages, recovery verdicts, how it was
opened, what a longer log would confirm) rides along as result properties.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from stuckscan.formats._base import RenderOptions
from stuckscan.formats._escape import clean
from stuckscan.formats._outcome import (
    duration_words,
    force_clearing,
    missing_words,
    outcome_words,
    undelivered_messages,
)
from stuckscan.formats._repo import display_path, is_relative, path_uri, prepare_for_ci
from stuckscan.formats._report import (
    Item,
    effective_severity,
    episode_duration,
    episode_name,
    findings_of,
    format_duration,
    incident_duration,
    item_location,
    key_evidence,
    sentence_case,
)
from stuckscan.model import Analysis, Episode, Finding, Incident, Severity
from stuckscan.rules import PROJECT_URL, RULES, Rule, docs_url

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "stuckscanFinding/v1"

LEVELS: dict[Severity, str] = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
PROBLEM_SEVERITIES: dict[Severity, str] = {
    Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation",
}


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    fixes = "\n".join(f"- {fix}" for fix in rule.fixes)
    return {
        "id": rule.id,
        "name": rule.slug,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.summary},
        "helpUri": docs_url(rule.id),
        "help": {
            "text": f"{rule.summary}\n\nWhat to do:\n{fixes}",
            "markdown": f"{rule.summary}\n\n**What to do**\n\n{fixes}\n\n[Rule documentation]({docs_url(rule.id)})",
        },
        "defaultConfiguration": {"level": LEVELS[rule.default_severity]},
        "properties": {
            "tags": ["openclaw", "stuck-session", rule.scope],
            "scope": rule.scope,
            "benign": rule.benign,
            "severityPolicy": rule.severity_policy,
            "references": list(rule.references),
            "problem.severity": PROBLEM_SEVERITIES[rule.default_severity],
        },
    }


SRCROOT = "SRCROOT"


def artifact_location(path: str) -> dict[str, Any]:
    """Repository-relative (``uriBaseId`` SRCROOT) for a path :func:`relocate` made
    relative, else the absolute URI."""
    if is_relative(path):
        return {"uri": path_uri(path), "uriBaseId": SRCROOT}
    return {"uri": path_uri(path)}


def _location(item: Item, finding: Finding, fallback_file: str | None) -> list[dict[str, Any]]:
    evidence = key_evidence(finding) or item_location(item)
    if evidence is not None:
        where, line = artifact_location(evidence.file), max(evidence.line, 1)
    elif fallback_file is not None:
        where, line = artifact_location(fallback_file), 1
    else:
        return []
    return [{"physicalLocation": {"artifactLocation": where, "region": {"startLine": line}}}]


def _subject(item: Item) -> str:
    if isinstance(item, Incident):
        return f"Session {item.name}"
    return sentence_case(episode_name(item))


def _message(item: Item, finding: Finding, primary: bool, episodes: Mapping[str, Episode]) -> str:
    role = "Root cause" if primary else "Contributing factor"
    if isinstance(item, Incident):
        state = f"{duration_words(item)}; {outcome_words(item, episodes)}"
    else:
        state = f"lasted {format_duration(episode_duration(item))}"
    text = f"{_subject(item)} ({state}). {role} {finding.rule.id} {finding.rule.title}: {finding.summary}"
    if isinstance(item, Incident) and item.missing:
        text += f" Not yet certain: {missing_words(item)}"
    return text


def _fingerprint(item: Item, finding: Finding, primary: bool) -> str:
    """Stable across runs: the rule, its role, the session (not the incident number, which
    shifts when an earlier incident appears) and the key evidence's file and line."""
    evidence = key_evidence(finding)
    anchor = f"{evidence.file}:{evidence.line}" if evidence is not None else ""
    subject = item.name if isinstance(item, Incident) else "gateway"
    text = "|".join((finding.rule.id, "primary" if primary else "contributing", subject, anchor))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def incident_properties(incident: Incident, episodes: Mapping[str, Episode]) -> dict[str, Any]:
    """The outcome of an incident as SARIF result properties."""
    cleared = force_clearing(incident)
    return {
        "sessionKey": incident.session_key,
        "sessionId": incident.session_id,
        "status": incident.status.value,
        "outcome": clean(outcome_words(incident, episodes)),
        "origin": incident.origin.value,
        "missing": clean(incident.missing) or None,
        "durationSeconds": incident_duration(incident),
        "forceCleared": cleared is not None,
        "undeliveredMessages": undelivered_messages(incident),
        "recoveries": [{"action": recovery.action, "verdict": recovery.verdict.value,
                        "undelivered": recovery.undelivered} for recovery in incident.recoveries],
    }


def result_for(item: Item, finding: Finding, primary: bool, fallback_file: str | None,
               episodes: Mapping[str, Episode]) -> dict[str, Any]:
    rule_ids = list(RULES)
    properties: dict[str, Any] = {
        "role": "primary" if primary else "contributing",
        "contributing": not primary,
        "severity": finding.severity.value,
        "confidence": finding.confidence.value,
        "subject": "incident" if isinstance(item, Incident) else "episode",
        "subjectId": item.id,
    }
    if isinstance(item, Incident):
        properties.update(incident_properties(item, episodes))
    result: dict[str, Any] = {
        "ruleId": finding.rule.id,
        "level": LEVELS[effective_severity(finding)],
        "message": {"text": clean(_message(item, finding, primary, episodes))},
        "locations": _location(item, finding, fallback_file),
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(item, finding, primary)},
        "properties": properties,
    }
    if finding.rule.id in RULES:
        result["ruleIndex"] = rule_ids.index(finding.rule.id)
    return result


def root_uri(root: str, redact: bool) -> str:
    """The root as an absolute directory URI (its user name redacted like the report's)."""
    text = root
    if redact:
        from stuckscan.redact import Redactor  # only needed when redacting

        text = Redactor().redact_text(root)
    uri = path_uri(text)
    return uri if uri.endswith("/") else uri + "/"


def build_sarif(analysis: Analysis, options: RenderOptions, root: str) -> dict[str, Any]:
    """SARIF for an analysis already made repository-relative and redacted (:func:`prepare_for_ci`)."""
    fallback_file = analysis.inputs.files[0] if analysis.inputs.files else None
    episodes = {episode.id: episode for episode in analysis.episodes}
    items: list[Item] = [*analysis.incidents, *analysis.episodes]
    results = [
        result_for(item, finding, primary, fallback_file, episodes)
        for item in items
        for finding, primary in findings_of(item)
    ]
    return {
        "$schema": SARIF_SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {
                "driver": {
                    "name": "stuckscan",
                    "version": options.tool_version,
                    "semanticVersion": options.tool_version,
                    "informationUri": PROJECT_URL,
                    "rules": [rule_descriptor(rule) for rule in RULES.values()],
                },
            },
            "originalUriBaseIds": {SRCROOT: {
                "uri": root_uri(root, options.redact),
                "description": {"text": "The repository root the log file paths are relative to (--sarif-root)."},
            }},
            "invocations": [{"executionSuccessful": True}],
            "results": results,
            "properties": {
                "redacted": options.redact,
                "files": [display_path(name) for name in analysis.inputs.files],
                "lines": analysis.inputs.lines,
                "unparsed": analysis.inputs.unparsed,
                "truncated": analysis.inputs.truncated,
                "evictedIncidents": analysis.inputs.evicted_incidents,
            },
        }],
    }


class SarifFormat:
    name = "sarif"

    def render(self, analysis: Analysis, options: RenderOptions) -> str:
        prepared, root = prepare_for_ci(analysis, options)
        return json.dumps(build_sarif(prepared, options, root), indent=2, ensure_ascii=True) + "\n"
