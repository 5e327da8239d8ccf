"""``--format github``: workflow-command annotations, escaping, and the job summary."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from analysis_fixtures import ROOT, SAMPLE_LOG, benign_analysis, empty_analysis, hostile_analysis, reference_analysis
from stuckscan.analysis import analyze_paths
from stuckscan.formats import RenderOptions, append_step_summary, render
from stuckscan.formats._escape import github_data, github_property
from stuckscan.formats.github import step_summary_markdown, workflow_command
from stuckscan.model import Analysis, Severity
from tests._outcomes import force_cleared_analysis

COMMAND = re.compile(r"^::(?P<command>error|warning|notice)(?: (?P<properties>[^:]*))?::(?P<message>.*)$")


def annotations(analysis: Analysis, **options: Any) -> list[re.Match[str]]:
    text = render("github", analysis, RenderOptions(**options))
    assert text.endswith("\n")
    lines = text[:-1].split("\n")
    matches = [COMMAND.match(line) for line in lines]
    assert all(matches), [line for line, match in zip(lines, matches) if match is None]
    return matches  # type: ignore[return-value]


def properties(match: re.Match[str]) -> dict[str, str]:
    raw = match.group("properties") or ""
    return dict(pair.split("=", 1) for pair in raw.split(",")) if raw else {}


def unescape(text: str) -> str:
    return (text.replace("%3A", ":").replace("%2C", ",").replace("%0D", "\r").replace("%0A", "\n")
            .replace("%25", "%"))


def test_escaping_is_exactly_githubs() -> None:
    assert github_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert github_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert github_data("%0A") == "%250A", "an already escaped sequence is escaped again"
    assert workflow_command("warning", {"file": "logs/a,b:c.log", "line": "7", "title": "x"}, "m\nn") == (
        "::warning file=logs/a%2Cb%3Ac.log,line=7,title=x::m%0An")


def test_one_annotation_per_finding_then_a_summary() -> None:
    matches = annotations(reference_analysis())
    # RC12 is the episode's cause and the incident's contributing factor, at the same line: once
    assert [m.group("command") for m in matches] == ["error", "warning", "notice"]
    first = properties(matches[0])
    assert first["file"] == SAMPLE_LOG
    assert int(first["line"]) == reference_analysis().incidents[0].primary.evidence[0].line  # type: ignore[union-attr]
    assert unescape(first["title"]) == "RC02 ghost-run (root cause)"
    message = unescape(matches[0].group("message"))
    assert message.startswith("Session agent:main:telegram:direct:<peer-1>: stuck for 14m 19s; "
                              "still stuck when the log ends\n")
    assert "Contributing: RC12 event-loop-starvation" in message
    starvation = unescape(matches[1].group("message"))
    assert unescape(properties(matches[1])["title"]) == "RC12 event-loop-starvation (root cause)"
    assert starvation.startswith("Session agent:main:telegram:direct:<peer-1>: stuck for 14m 19s")
    assert "\nGateway episode EP-001 (event-loop-starvation): lasted 6m 22s\n" in starvation
    assert unescape(properties(matches[-1])["title"]) == "stuckscan summary"
    assert "1 incident, 1 gateway episode, 3 findings" in unescape(matches[-1].group("message"))


def test_no_annotation_twice_on_the_real_sample() -> None:
    matches = annotations(analyze_paths([SAMPLE_LOG]), fail_on=Severity.INFO)
    keys = [(properties(m).get("file"), properties(m).get("line"), unescape(properties(m)["title"]).split()[0])
            for m in matches]
    assert len(keys) == len(set(keys))
    assert len({m.group(0) for m in matches}) == len(matches)


def test_force_clear_in_annotations_and_the_step_summary(tmp_path: Path) -> None:
    words = ("force-cleared: 1 queued message not delivered; clients connected during the starvation may still "
             "show in_progress")
    matches = annotations(force_cleared_analysis())
    assert words in unescape(matches[0].group("message"))
    assert "(1 force-cleared); 1 queued message not delivered after a force-clear" in \
        unescape(matches[-1].group("message"))
    summary = tmp_path / "summary.md"
    append_step_summary(force_cleared_analysis(), RenderOptions(), {"GITHUB_STEP_SUMMARY": str(summary)})
    assert words.replace("_", "\\_") in summary.read_text(encoding="utf-8")


def test_annotation_paths_are_relative_to_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "logs").mkdir()
    (tmp_path / "ci").mkdir()
    shutil.copy(ROOT / "sample_logs" / "rules" / "RC02-ghost-run.log", tmp_path / "logs" / "gateway.log")
    monkeypatch.chdir(tmp_path / "ci")
    matches = annotations(analyze_paths(["../logs/gateway.log"]))
    assert properties(matches[0])["file"] == "logs/gateway.log"


def test_benign_findings_are_notices_and_empty_scans_say_so() -> None:
    assert [m.group("command") for m in annotations(benign_analysis())] == ["notice", "notice"]
    only = annotations(empty_analysis())
    assert len(only) == 1 and "no stuck sessions" in only[0].group("message")


@pytest.mark.parametrize("redact", [True, False], ids=["redacted", "raw"])
def test_hostile_text_cannot_break_out(redact: bool) -> None:
    text = render("github", hostile_analysis(), RenderOptions(redact=redact))
    assert "\r" not in text and "\x1b" not in text and "\x07" not in text
    for match in annotations(hostile_analysis(), redact=redact):
        message = match.group("message")
        assert "\n" not in message
        for value in properties(match).values():
            assert ":" not in value and "," not in value
        # log newlines were flattened: even after GitHub unescapes %0A, no line of the
        # message starts a command of its own
        assert not any(line.startswith("::") for line in unescape(message).split("\n"))


def test_step_summary_is_appended(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    environ = {"GITHUB_STEP_SUMMARY": str(summary)}
    assert append_step_summary(reference_analysis(), RenderOptions(), environ) is True
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n# stuckscan report: 1 stuck-session incident")
    assert "```mermaid" in text and "7012345678" not in text


def test_step_summary_needs_the_variable(tmp_path: Path) -> None:
    assert append_step_summary(reference_analysis(), RenderOptions(), {}) is False
    assert list(tmp_path.iterdir()) == []


def test_step_summary_shrinks_to_fit() -> None:
    full = step_summary_markdown(reference_analysis(), RenderOptions())
    assert "## Appendix: evidence lines" in full
    smaller = step_summary_markdown(reference_analysis(), RenderOptions(), limit=len(full.encode()) - 1)
    assert "## Appendix" not in smaller and "## Fixes" in smaller
    brief = step_summary_markdown(reference_analysis(), RenderOptions(), limit=len(smaller.encode()) - 1)
    assert "## Fixes" in brief and "## Root cause" in brief and "## Timeline" not in brief
    tiny = step_summary_markdown(reference_analysis(), RenderOptions(), limit=200)
    assert len(tiny.encode()) <= 200
