"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` carries the whole RC01..RC18 catalog (so ``ruleIndex`` is
stable); one result per finding, primary and contributing alike, located at the log
file and line of the finding's key evidence.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from stuckscan.formats._base import RenderOptions, prepare
from stuckscan.formats._escape import clean
from stuckscan.formats._report import (
    Item,
    artifact_uri,
    effective_severity,
    episode_duration,
    episode_name,
    findings_of,
    format_duration,
    incident_duration,
    item_location,
    key_evidence,
    sentence_case,
    status_word,
)
from stuckscan.model import Analysis, Finding, Incident, Severity
from stuckscan.rules import RULES, Rule, docs_url

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/stuckscan/stuckscan"
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


def _location(item: Item, finding: Finding, options: RenderOptions, fallback_file: str | None) -> list[dict[str, Any]]:
    evidence = key_evidence(finding) or item_location(item)
    if evidence is not None:
        uri, line = artifact_uri(evidence.file, options.base_dir), max(evidence.line, 1)
    elif fallback_file is not None:
        uri, line = artifact_uri(fallback_file, options.base_dir), 1
    else:
        return []
    return [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": {"startLine": line}}}]


def _subject(item: Item) -> str:
    if isinstance(item, Incident):
        return f"Session {item.name}"
    return sentence_case(episode_name(item))


def _message(item: Item, finding: Finding, primary: bool) -> str:
    role = "Root cause" if primary else "Contributing factor"
    if isinstance(item, Incident):
        state = f"{status_word(item.status)} after {format_duration(incident_duration(item))}"
    else:
        state = f"lasted {format_duration(episode_duration(item))}"
    return f"{_subject(item)} ({state}). {role} {finding.rule.id} {finding.rule.title}: {finding.summary}"


def _fingerprint(item: Item, finding: Finding, primary: bool) -> str:
    evidence = key_evidence(finding)
    anchor = f"{evidence.file}:{evidence.line}" if evidence is not None else ""
    text = "|".join((finding.rule.id, "primary" if primary else "contributing", item.id, anchor))
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]


def result_for(item: Item, finding: Finding, primary: bool, options: RenderOptions,
               fallback_file: str | None) -> dict[str, Any]:
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
        properties.update({
            "sessionKey": item.session_key,
            "sessionId": item.session_id,
            "status": item.status.value,
            "durationSeconds": incident_duration(item),
        })
    result: dict[str, Any] = {
        "ruleId": finding.rule.id,
        "level": LEVELS[effective_severity(finding)],
        "message": {"text": clean(_message(item, finding, primary))},
        "locations": _location(item, finding, options, fallback_file),
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(item, finding, primary)},
        "properties": properties,
    }
    if finding.rule.id in RULES:
        result["ruleIndex"] = rule_ids.index(finding.rule.id)
    return result


def build_sarif(analysis: Analysis, options: RenderOptions) -> dict[str, Any]:
    fallback_file = analysis.inputs.files[0] if analysis.inputs.files else None
    items: list[Item] = [*analysis.incidents, *analysis.episodes]
    results = [
        result_for(item, finding, primary, options, fallback_file)
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
                    "informationUri": INFORMATION_URI,
                    "rules": [rule_descriptor(rule) for rule in RULES.values()],
                },
            },
            "invocations": [{"executionSuccessful": True}],
            "results": results,
            "properties": {
                "redacted": options.redact,
                "files": list(analysis.inputs.files),
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
        return json.dumps(build_sarif(prepare(analysis, options), options), indent=2, ensure_ascii=True) + "\n"
