"""``--format sarif``: valid SARIF 2.1.0 with rule metadata and one result per finding."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

from analysis_fixtures import SAMPLE_LOG, benign_analysis, empty_analysis, hostile_analysis, reference_analysis
from stuckscan.analysis import analyze_paths
from stuckscan.formats import RenderOptions, render
from stuckscan.formats._report import artifact_uri
from stuckscan.model import Analysis
from stuckscan.rules import RULES, docs_url
from tests._sarif import needs_sarif_schema, sarif_errors


def sarif(analysis: Analysis, **options: Any) -> dict[str, Any]:
    return json.loads(render("sarif", analysis, RenderOptions(**options)))  # type: ignore[no-any-return]


@needs_sarif_schema
@pytest.mark.parametrize("build", [reference_analysis, hostile_analysis, empty_analysis, benign_analysis],
                         ids=["reference", "hostile", "empty", "benign"])
@pytest.mark.parametrize("redact", [True, False], ids=["redacted", "raw"])
def test_valid_against_the_official_schema(build: Any, redact: bool) -> None:
    errors = sorted(sarif_errors(sarif(build(), redact=redact)), key=str)
    assert not errors, errors[:3]


@needs_sarif_schema
def test_real_sample_day_is_valid() -> None:
    assert not sarif_errors(sarif(analyze_paths([SAMPLE_LOG])))


def test_driver_carries_the_rule_catalog() -> None:
    driver = sarif(empty_analysis())["runs"][0]["tool"]["driver"]
    assert driver["name"] == "stuckscan"
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    ghost = driver["rules"][1]
    assert ghost["id"] == "RC02" and ghost["name"] == "ghost-run"
    assert ghost["shortDescription"]["text"] == RULES["RC02"].title
    assert ghost["fullDescription"]["text"] == RULES["RC02"].summary
    assert ghost["helpUri"] == docs_url("RC02")
    assert ghost["defaultConfiguration"]["level"] == "warning"
    assert driver["rules"][5]["defaultConfiguration"]["level"] == "error"  # RC06
    assert driver["rules"][12]["defaultConfiguration"]["level"] == "note"  # RC13 (benign)
    assert ghost["properties"]["scope"] == "session" and "openclaw" in ghost["properties"]["tags"]


def test_one_result_per_finding_at_its_key_evidence() -> None:
    analysis = reference_analysis()
    results = sarif(analysis)["runs"][0]["results"]
    assert [(r["ruleId"], r["properties"]["role"]) for r in results] == [
        ("RC02", "primary"), ("RC12", "contributing"), ("RC12", "primary")]
    primary = results[0]
    assert primary["level"] == "error"
    assert primary["ruleIndex"] == 1
    assert primary["properties"]["contributing"] is False and results[1]["properties"]["contributing"] is True
    location = primary["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == SAMPLE_LOG
    assert location["region"]["startLine"] == analysis.incidents[0].primary.evidence[0].line  # type: ignore[union-attr]
    assert "agent:main:telegram:direct:<peer-1>" in primary["message"]["text"]
    assert "RC02" in primary["message"]["text"]
    assert primary["properties"]["status"] == "still_stuck"
    assert len({r["partialFingerprints"]["stuckscanFinding/v1"] for r in results}) == len(results)


def test_benign_finding_is_a_note() -> None:
    results = sarif(benign_analysis())["runs"][0]["results"]
    assert [r["level"] for r in results] == ["note"]


def test_no_findings_no_results() -> None:
    run = sarif(empty_analysis())["runs"][0]
    assert run["results"] == []
    assert run["invocations"][0]["executionSuccessful"] is True


def test_hostile_message_has_no_control_characters() -> None:
    for result in sarif(hostile_analysis(), redact=False)["runs"][0]["results"]:
        text = result["message"]["text"]
        assert not any(ord(char) < 32 or 0x7f <= ord(char) < 0xa0 for char in text), repr(text)


def test_artifact_uris(tmp_path: Any) -> None:
    assert artifact_uri("sample_logs/openclaw-2026-05-21.log") == "sample_logs/openclaw-2026-05-21.log"
    assert artifact_uri("logs/my log#1.log") == "logs/my%20log%231.log"
    inside = os.path.join(str(tmp_path), "logs", "openclaw.log")
    assert artifact_uri(inside, base_dir=str(tmp_path)) == "logs/openclaw.log"
    assert artifact_uri("/var/log/openclaw/x.log", base_dir=str(tmp_path)) == "file:///var/log/openclaw/x.log"
    assert artifact_uri(r"C:\Users\x\openclaw.log") == "file:///C:/Users/x/openclaw.log"
