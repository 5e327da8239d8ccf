"""``--format github``: workflow-command annotations, escaping, and the job summary."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from analysis_fixtures import SAMPLE_LOG, benign_analysis, empty_analysis, hostile_analysis, reference_analysis
from stuckscan.formats import RenderOptions, append_step_summary, render
from stuckscan.formats._escape import github_data, github_property
from stuckscan.formats.github import step_summary_markdown, workflow_command
from stuckscan.model import Analysis

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
    assert [m.group("command") for m in matches] == ["error", "warning", "warning", "notice"]
    first = properties(matches[0])
    assert first["file"] == SAMPLE_LOG
    assert int(first["line"]) == reference_analysis().incidents[0].primary.evidence[0].line  # type: ignore[union-attr]
    assert unescape(first["title"]) == "RC02 ghost-run (root cause)"
    message = unescape(matches[0].group("message"))
    assert message.startswith("Session agent:main:telegram:direct:<peer-1>: still stuck after 14m 19s\n")
    assert "Contributing: RC12 event-loop-starvation" in message
    assert unescape(properties(matches[-1])["title"]) == "stuckscan summary"
    assert "1 incident, 1 gateway episode, 3 findings" in unescape(matches[-1].group("message"))


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
    tiny = step_summary_markdown(reference_analysis(), RenderOptions(), limit=200)
    assert len(tiny.encode()) <= 200
