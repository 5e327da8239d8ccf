"""``--format junit``: one test case per incident and episode, failing at the threshold."""

from __future__ import annotations

import dataclasses
import shutil
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from analysis_fixtures import ROOT, SAMPLE_LOG, benign_analysis, empty_analysis, hostile_analysis, reference_analysis
from stuckscan.analysis import analyze_paths
from stuckscan.formats import RenderOptions, render
from stuckscan.model import Analysis, Severity
from tests._outcomes import analysis_of, force_cleared_analysis, incident_at


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
    assert incident.get("name") == "agent:main:telegram:direct:<peer-1> [RC02 ghost-run]"
    assert incident.get("file") == SAMPLE_LOG and int(incident.get("line", "0")) > 0
    episode = cases(root)[1]
    assert (episode.get("classname"), episode.get("name")) == ("stuckscan.episode",
                                                               "gateway episode [RC12 event-loop-starvation]")


@pytest.mark.parametrize(("fail_on", "failing"), [
    (Severity.ERROR, ["INC-001"]),
    (Severity.WARNING, ["INC-001", "EP-001"]),
    (Severity.INFO, ["INC-001", "EP-001"]),
    (None, []),
])
def test_failures_follow_the_threshold(fail_on: Severity | None, failing: list[str]) -> None:
    root = junit(reference_analysis(), fail_on=fail_on)
    failed = [(case.find("failure").text or "").split("\n")[0] for case in cases(root)  # type: ignore[union-attr]
              if case.find("failure") is not None]
    assert failed == failing
    for case in cases(root):
        assert (case.find("failure") is None) == (case.find("system-out") is not None)


def test_failure_carries_cause_recovery_fixes_and_evidence() -> None:
    failure = cases(junit(reference_analysis()))[0].find("failure")
    assert failure is not None
    assert failure.get("type") == "RC02"
    assert (failure.get("message") or "").startswith(
        "agent:main:telegram:direct:<peer-1>: still stuck when the log ends. RC02 Run never advances")
    body = failure.text or ""
    assert "Outcome: still stuck" in body
    assert "Recovery abort_embedded_run: did not free the session" in body
    assert "openclaw gateway restart" in body
    assert f"{SAMPLE_LOG}:" in body


def test_benign_episode_only_fails_at_info() -> None:
    assert not cases(junit(benign_analysis(), fail_on=Severity.WARNING))[0].findall("failure")
    assert cases(junit(benign_analysis(), fail_on=Severity.INFO))[0].findall("failure")


def test_a_clean_run_has_one_passing_case() -> None:
    root = junit(empty_analysis())
    assert root.get("tests") == "1" and root.get("failures") == "0"
    (case,) = cases(root)
    assert (case.get("classname"), case.get("name")) == ("stuckscan.scan", "no stuck sessions")
    assert case.find("failure") is None and "120 lines" in (case.findtext("system-out") or "")


def names(analysis: Analysis, redact: bool = True) -> list[str]:
    return [case.get("name", "") for case in cases(junit(analysis, redact=redact))]


def test_names_stay_when_an_earlier_incident_appears() -> None:
    # unredacted: redaction numbers peers in order of appearance (<peer-1>, <peer-2>...)
    start = datetime(2026, 5, 21, 8, 0, tzinfo=timezone.utc)
    later = incident_at(1, start + timedelta(hours=3), 5, session="agent:main:discord:channel:ops")
    before = names(analysis_of([later]), redact=False)
    earlier = incident_at(1, start, 5, session="agent:main:main", rule="RC03")
    after = names(analysis_of([earlier, dataclasses.replace(later, id="INC-002")]), redact=False)
    assert before == ["agent:main:discord:channel:ops [RC02 ghost-run]"]
    assert after == ["agent:main:main [RC03 blocked-tool-call]", *before]


def test_same_session_and_cause_twice_get_numbered() -> None:
    start = datetime(2026, 5, 21, 8, 0, tzinfo=timezone.utc)
    twice = [incident_at(n, start + timedelta(hours=n), 5, session="agent:main:main") for n in (1, 2)]
    assert names(analysis_of(twice)) == ["agent:main:main [RC02 ghost-run]", "agent:main:main [RC02 ghost-run] (2)"]


def test_force_clear_in_the_failure_message() -> None:
    failure = cases(junit(force_cleared_analysis()))[0].find("failure")
    assert failure is not None
    words = ("force-cleared: 1 queued message not delivered; clients connected during the starvation may still "
             "show in_progress")
    assert words in (failure.get("message") or "")
    assert f"Outcome: {words}" in (failure.text or "")
    assert "Recovery abort_embedded_run: force-cleared the session - forceCleared=true" in (failure.text or "")


def test_file_is_relative_to_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "logs").mkdir()
    (tmp_path / "ci").mkdir()
    shutil.copy(ROOT / "sample_logs" / "rules" / "RC02-ghost-run.log", tmp_path / "logs" / "gateway.log")
    monkeypatch.chdir(tmp_path / "ci")
    case = cases(junit(analyze_paths(["../logs/gateway.log"])))[0]
    assert case.get("file") == "logs/gateway.log"


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
