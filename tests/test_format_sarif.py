"""``--format sarif``: valid SARIF 2.1.0 with rule metadata and one result per finding."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from analysis_fixtures import ROOT, SAMPLE_LOG, benign_analysis, empty_analysis, hostile_analysis, reference_analysis
from stuckscan.analysis import analyze_paths
from stuckscan.cli import cli
from stuckscan.formats import RenderOptions, render
from stuckscan.formats._repo import display_path, path_uri
from stuckscan.model import Analysis, IncidentOrigin, IncidentStatus
from stuckscan.rules import DOCS_BASE_URL, PROJECT_URL, RULES, docs_url
from tests._outcomes import force_cleared_analysis
from tests._sarif import needs_sarif_schema, sarif_errors


def sarif(analysis: Analysis, **options: Any) -> dict[str, Any]:
    return json.loads(render("sarif", analysis, RenderOptions(**options)))  # type: ignore[no-any-return]


@needs_sarif_schema
@pytest.mark.parametrize("build", [reference_analysis, hostile_analysis, empty_analysis, benign_analysis,
                                   force_cleared_analysis],
                         ids=["reference", "hostile", "empty", "benign", "force-cleared"])
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
    assert location["artifactLocation"] == {"uri": SAMPLE_LOG, "uriBaseId": "SRCROOT"}
    assert location["region"]["startLine"] == analysis.incidents[0].primary.evidence[0].line  # type: ignore[union-attr]
    assert "agent:main:telegram:direct:<peer-1>" in primary["message"]["text"]
    assert "RC02" in primary["message"]["text"]
    assert primary["properties"]["status"] == "still_stuck"
    assert len({r["partialFingerprints"]["stuckscanFinding/v1"] for r in results}) == len(results)


def test_outcome_rides_along_as_properties_and_in_the_message() -> None:
    result = sarif(force_cleared_analysis())["runs"][0]["results"][0]
    properties = result["properties"]
    words = ("force-cleared: 1 queued message not delivered; clients connected during the starvation may still "
             "show in_progress")
    assert properties["status"] == "force_cleared" and properties["outcome"] == words
    assert properties["forceCleared"] is True and properties["undeliveredMessages"] == 1
    assert properties["recoveries"] == [{"action": "abort_embedded_run", "verdict": "force_cleared", "undelivered": 1}]
    assert properties["origin"] == "stall" and properties["missing"] is None
    assert words in result["message"]["text"]


def test_signal_origin_and_missing_evidence() -> None:
    analysis = reference_analysis()
    incident = dataclasses.replace(analysis.incidents[0], origin=IncidentOrigin.SIGNAL,
                                   status=IncidentStatus.FAULT_SIGNAL, missing="whether the lane was released")
    result = sarif(dataclasses.replace(analysis, incidents=[incident]))["runs"][0]["results"][0]
    assert result["properties"]["origin"] == "signal"
    assert result["properties"]["missing"] == "whether the lane was released"
    assert "opened by a fault signal alone (no stall warning)" in result["message"]["text"]
    assert "Not yet certain: whether the lane was released" in result["message"]["text"]
    assert result["message"]["text"].startswith("Session agent:main:telegram:direct:<peer-1> (fault signal; ")


def test_fingerprints_survive_an_earlier_incident() -> None:
    """Incident numbers shift when an earlier incident appears; fingerprints must not."""
    analysis = reference_analysis()
    before = {r["ruleId"] + r["properties"]["role"]: r["partialFingerprints"] for r in sarif(analysis)["runs"][0]["results"]
              if r["properties"]["subject"] == "incident"}
    earlier = dataclasses.replace(analysis.incidents[0], id="INC-001", session_key="agent:main:main", contributing=[])
    shifted = dataclasses.replace(analysis.incidents[0], id="INC-002")
    after = sarif(dataclasses.replace(analysis, incidents=[earlier, shifted]))["runs"][0]["results"]
    moved = {r["ruleId"] + r["properties"]["role"]: r["partialFingerprints"] for r in after
             if r["properties"].get("sessionKey") == "agent:main:telegram:direct:<peer-1>"}
    assert moved == before


# -- paths relative to the repository ---------------------------------------------------------


def make_repo(tmp_path: Path) -> tuple[Path, Path]:
    """A repository with a log in logs/ and a working directory ops/ inside it."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "logs").mkdir()
    (tmp_path / "ops").mkdir()
    log = tmp_path / "logs" / "openclaw-2026-05-21.log"
    shutil.copy(ROOT / "sample_logs" / "rules" / "RC02-ghost-run.log", log)
    return tmp_path, log


def test_paths_are_relative_to_the_git_top_level(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, log = make_repo(tmp_path)
    monkeypatch.chdir(root / "ops")
    run = sarif(analyze_paths(["../logs/openclaw-2026-05-21.log"]))["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == root.as_uri() + "/"
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert locations and all(where == {"uri": "logs/openclaw-2026-05-21.log", "uriBaseId": "SRCROOT"}
                             for where in locations)
    assert run["properties"]["files"] == ["logs/openclaw-2026-05-21.log"]


def test_sarif_root_option_and_paths_outside_it(tmp_path: Path) -> None:
    root, log = make_repo(tmp_path)
    analysis = analyze_paths([str(log)])
    inside = sarif(analysis, base_dir=str(root / "logs"))["runs"][0]
    assert inside["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "openclaw-2026-05-21.log", "uriBaseId": "SRCROOT"}
    outside = sarif(analysis, base_dir=str(root / "ops"))["runs"][0]
    assert outside["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": log.as_uri()}


def test_cli_sarif_root(tmp_path: Path) -> None:
    root, log = make_repo(tmp_path)
    result = CliRunner().invoke(cli, ["scan", str(log), "--format", "sarif", "--fail-on", "never",
                                       "--sarif-root", str(root)])
    assert result.exit_code == 0, result.output
    run = json.loads(result.output)["runs"][0]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "logs/openclaw-2026-05-21.log"


def test_root_uri_is_redacted_like_the_report(tmp_path: Path) -> None:
    home_root = "/home/karen.mueller/src/ops-repo"
    text = render("sarif", reference_analysis(), RenderOptions(base_dir=home_root))
    assert "karen" not in text
    raw = render("sarif", reference_analysis(), RenderOptions(base_dir=home_root, redact=False))
    assert json.loads(raw)["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"] == "file://" + home_root + "/"


@pytest.mark.skipif(os.name != "posix" or sys.platform == "darwin", reason="needs a file system that takes any bytes")
def test_undecodable_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, _ = make_repo(tmp_path)
    name = os.fsdecode(b"ghost-\xff.log")
    shutil.copy(ROOT / "sample_logs" / "rules" / "RC02-ghost-run.log", root / "logs" / name)
    monkeypatch.chdir(root)
    document = sarif(analyze_paths([f"logs/{name}"]))
    assert not sarif_errors(document)
    run = document["runs"][0]
    # the inputs name such a file as text (the byte as \xNN); the URI encodes that text
    shown = run["properties"]["files"][0]
    assert shown in ("logs/ghost-\\xff.log", "logs/ghost-\ufffd.log")
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] in (
        "logs/ghost-%5Cxff.log", "logs/ghost-%FF.log")
    for name_format in ("junit", "github", "markdown"):
        rendered = render(name_format, analyze_paths([f"logs/{name}"]), RenderOptions())
        assert "\udcff" not in rendered and rendered.encode("utf-8"), name_format


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


def test_path_uris() -> None:
    assert path_uri("sample_logs/openclaw-2026-05-21.log") == "sample_logs/openclaw-2026-05-21.log"
    assert path_uri("logs/my log#1.log") == "logs/my%20log%231.log"
    assert path_uri("/var/log/openclaw/x.log") == "file:///var/log/openclaw/x.log"
    assert path_uri(r"C:\Users\x\openclaw.log") == "file:///C:/Users/x/openclaw.log"
    assert path_uri(os.fsdecode(b"a\xff.log")) == "a%FF.log"
    assert display_path(os.fsdecode(b"a\xff.log")) == "a\ufffd.log"


def test_driver_links_start_from_the_project_url() -> None:
    driver = sarif(empty_analysis())["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == PROJECT_URL
    assert all(rule["helpUri"] == f"{DOCS_BASE_URL}{rule['id']}.md" for rule in driver["rules"])
    assert DOCS_BASE_URL.startswith(PROJECT_URL + "/")
