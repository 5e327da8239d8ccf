"""``--format junit``: one test case per incident and episode, failing at the threshold."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

from analysis_fixtures import SAMPLE_LOG, benign_analysis, empty_analysis, hostile_analysis, reference_analysis
from stuckscan.analysis import analyze_paths
from stuckscan.formats import RenderOptions, render
from stuckscan.model import Analysis, Severity


def junit(analysis: Analysis, **options: Any) -> ET.Element:
    text = render("junit", analysis, RenderOptions(**options))
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(text.encode("utf-8"))


def cases(root: ET.Element) -> list[ET.Element]:
    return root.findall("./testsuite/testcase")


def test_structure_reporters_expect() -> None:
    root = junit(reference_analysis(), fail_on=Severity.ERROR)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == ["stuckscan.incidents", "stuckscan.episodes"]
    for suite in suites:
        assert suite.get("tests") == str(len(suite.findall("testcase")))
        assert suite.get("failures") == str(len(suite.findall("testcase/failure")))
        assert suite.get("errors") == "0" and suite.get("skipped") == "0"
        assert suite.find("properties/property[@name='fail-on']").get("value") == "error"  # type: ignore[union-attr]
    assert root.get("tests") == "2" and root.get("failures") == "1"
    for case in cases(root):
        assert case.get("classname") and case.get("name")
    incident = cases(root)[0]
    assert incident.get("classname") == "stuckscan.incident"
    assert incident.get("name") == "INC-001 agent:main:telegram:direct:<peer-1> [RC02 ghost-run]"
    assert incident.get("file") == SAMPLE_LOG and int(incident.get("line", "0")) > 0


@pytest.mark.parametrize(("fail_on", "failing"), [
    (Severity.ERROR, ["INC-001"]),
    (Severity.WARNING, ["INC-001", "EP-001"]),
    (Severity.INFO, ["INC-001", "EP-001"]),
    (None, []),
])
def test_failures_follow_the_threshold(fail_on: Severity | None, failing: list[str]) -> None:
    root = junit(reference_analysis(), fail_on=fail_on)
    failed = [case.get("name", "").split()[0] for case in cases(root) if case.find("failure") is not None]
    assert failed == failing
    for case in cases(root):
        assert (case.find("failure") is None) == (case.find("system-out") is not None)


def test_failure_carries_cause_recovery_fixes_and_evidence() -> None:
    failure = cases(junit(reference_analysis()))[0].find("failure")
    assert failure is not None
    assert failure.get("type") == "RC02"
    assert (failure.get("message") or "").startswith("RC02 Run never advances")
    body = failure.text or ""
    assert "Status: still stuck" in body
    assert "Recovery abort_embedded_run: did not free the session" in body
    assert "openclaw gateway restart" in body
    assert f"{SAMPLE_LOG}:" in body


def test_benign_episode_only_fails_at_info() -> None:
    assert not cases(junit(benign_analysis(), fail_on=Severity.WARNING))[0].findall("failure")
    assert cases(junit(benign_analysis(), fail_on=Severity.INFO))[0].findall("failure")


def test_empty_analysis_gives_empty_suites() -> None:
    root = junit(empty_analysis())
    assert root.get("tests") == "0" and cases(root) == []


@pytest.mark.parametrize("redact", [True, False], ids=["redacted", "raw"])
def test_hostile_text_is_stripped_of_xml_invalid_characters(redact: bool) -> None:
    text = render("junit", hostile_analysis(), RenderOptions(redact=redact))
    for bad in ("\x00", "\x01", "\x1b", "\ufffe", "\uffff", "\x07"):
        assert bad not in text
    root = ET.fromstring(text.encode("utf-8"))
    body = "".join(root.itertext())
    assert "<script>alert(1)</script>" in body, "markup stays as text, escaped by the serializer"
    assert "&lt;script&gt;" in text


def test_real_sample_day_parses() -> None:
    root = junit(analyze_paths([SAMPLE_LOG]))
    assert root.get("tests") == str(len(cases(root)))
