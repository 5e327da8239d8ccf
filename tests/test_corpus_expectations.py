"""Every sample with an ``.expected.json`` sidecar must analyse to what the sidecar says.

The sidecars were written from the reference pages (root-causes.md precedence), not from
the implementation; see sample_logs/README.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stuckscan.analysis import analyze_paths
from stuckscan.model import Analysis, Incident, Severity

SAMPLES = Path(__file__).resolve().parent.parent / "sample_logs"
CASES = sorted(SAMPLES.rglob("*.expected.json"))


def _log_for(expected: Path) -> Path:
    stem = expected.name[: -len(".expected.json")]
    matches = [p for p in expected.parent.iterdir() if p.name.startswith(stem) and not p.name.endswith(".expected.json")
               and p.name[len(stem):] in (".log", ".txt", ".jsonl", ".log.gz")]
    assert matches, f"no log file next to {expected}"
    return matches[0]


def _matching_incident(analysis: Analysis, session: str) -> Incident:
    found = [i for i in analysis.incidents if session in (i.session_key, i.session_id) or session in i.run_ids]
    assert found, f"no incident for {session}; got {[i.name for i in analysis.incidents]}"
    assert len(found) == 1, f"{len(found)} incidents for {session}: one stall must be one incident"
    return found[0]


def _rules(incident: Incident) -> set[str]:
    return {f.rule.id for f in (incident.primary, *incident.contributing) if f is not None}


@pytest.mark.parametrize("expected_path", CASES, ids=[str(p.relative_to(SAMPLES)) for p in CASES])
def test_sample_matches_expectations(expected_path: Path) -> None:
    expected = json.loads(expected_path.read_text())
    analysis = analyze_paths([str(_log_for(expected_path))])
    for want in expected.get("incidents", []):
        incident = _matching_incident(analysis, want["session"])
        if "status" in want:
            assert incident.status.value == want["status"], incident.status_reason
        if "primary" in want:
            assert incident.primary is not None and incident.primary.rule.id == want["primary"], \
                [(f.rule.id, f.summary) for f in (incident.primary, *incident.contributing) if f]
        for rule in want.get("contributing", []):
            assert rule in {f.rule.id for f in incident.contributing}, (rule, _rules(incident))
        for rule in want.get("mustNotInclude", []):
            assert rule not in _rules(incident), (rule, incident.primary and incident.primary.summary)
        acted = [r for r in incident.recoveries if r.status not in ("skipped", "noop")]
        if "verdict" in want:
            assert acted and acted[0].verdict.value == want["verdict"], [(r.action, r.verdict.value, r.verdict_reason)
                                                                          for r in incident.recoveries]
        if "undelivered" in want:
            assert acted and acted[0].undelivered == want["undelivered"], [r.undelivered for r in acted]
    if "incidentCount" in expected:
        assert len(analysis.incidents) == expected["incidentCount"]
    episode_rules = {f.rule.id for e in analysis.episodes for f in (e.primary, *e.contributing) if f is not None}
    for want in expected.get("episodes", []):
        assert want["rule"] in episode_rules, episode_rules
    every_rule = episode_rules | {r for i in analysis.incidents for r in _rules(i)}
    for rule in expected.get("mustNotFire", []):
        assert rule not in every_rule, rule
    if "maxSeverity" in expected:
        limit = Severity(expected["maxSeverity"]).rank
        assert all(f.severity.rank <= limit for f in analysis.findings()), \
            [(f.rule.id, f.severity.value) for f in analysis.findings()]


def test_every_finding_cites_file_and_line_evidence() -> None:
    for expected_path in CASES:
        analysis = analyze_paths([str(_log_for(expected_path))])
        for finding in analysis.findings():
            assert finding.evidence, finding.rule.id
            for evidence in finding.evidence:
                assert evidence.file.endswith((".log", ".txt", ".jsonl", ".gz")) and evidence.line > 0
