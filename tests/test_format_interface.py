"""The formatter registry, render(), exit codes and the small option helpers."""

from __future__ import annotations

import io

import pytest

from analysis_fixtures import benign_analysis, empty_analysis, reference_analysis
from stuckscan.formats import FORMAT_NAMES, FORMATS, RenderOptions, exit_code, parse_fail_on, render, wants_color
from stuckscan.formats._report import format_duration
from stuckscan.model import Confidence, Finding, Severity
from stuckscan.rules import RULES


def test_registry_has_every_format_by_name() -> None:
    assert set(FORMAT_NAMES) == {"text", "json", "sarif", "junit", "github", "markdown"}
    for name, formatter in FORMATS.items():
        assert formatter.name == name
        assert isinstance(formatter.render(empty_analysis(), RenderOptions()), str)


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="unknown format 'yaml'"):
        render("yaml", empty_analysis())


def test_render_redacts_by_default_and_can_opt_out() -> None:
    for name in FORMAT_NAMES:
        assert "7012345678" not in render(name, reference_analysis(), RenderOptions(width=4000)), name
    assert "7012345678" in render("json", reference_analysis(), RenderOptions(redact=False))


@pytest.mark.parametrize(("fail_on", "code"), [
    (Severity.ERROR, 1), (Severity.WARNING, 1), (Severity.INFO, 1), (None, 0)])
def test_exit_code_for_the_reference_incident(fail_on: Severity | None, code: int) -> None:
    assert exit_code(reference_analysis(), fail_on) == code


def test_exit_code_warning_only() -> None:
    analysis = reference_analysis()
    incident = analysis.incidents[0]
    assert incident.primary is not None
    incident.primary.severity = Severity.WARNING
    assert exit_code(analysis, Severity.ERROR) == 0
    assert exit_code(analysis, Severity.WARNING) == 1


@pytest.mark.parametrize("rule_id", ["RC04", "RC13", "RC14"])
def test_benign_rules_fail_only_at_info(rule_id: str) -> None:
    analysis = benign_analysis()
    episode = analysis.episodes[0]
    rule = RULES[rule_id]
    # even if a classifier marked it higher, a benign rule counts as info
    episode.primary = Finding(rule.ref, Severity.ERROR, Confidence.HIGH, "benign", [])
    assert exit_code(analysis, Severity.ERROR) == 0
    assert exit_code(analysis, Severity.WARNING) == 0
    assert exit_code(analysis, Severity.INFO) == 1


def test_nothing_found_exits_zero_even_at_info() -> None:
    assert exit_code(empty_analysis(), Severity.INFO) == 0


@pytest.mark.parametrize(("text", "expected"), [
    ("error", Severity.ERROR), ("Warning", Severity.WARNING), (" info ", Severity.INFO), ("never", None), (None, None)])
def test_parse_fail_on(text: str | None, expected: Severity | None) -> None:
    assert parse_fail_on(text) is expected


def test_parse_fail_on_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="choose from error, warning, info, never"):
        parse_fail_on("critical")


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_wants_color() -> None:
    assert wants_color(FakeTTY(), {}) is True
    assert wants_color(FakeTTY(), {"NO_COLOR": "1"}) is False
    assert wants_color(FakeTTY(), {"TERM": "dumb"}) is False
    assert wants_color(io.StringIO(), {}) is False


@pytest.mark.parametrize(("seconds", "text"), [
    (None, "unknown"), (0.4, "0s"), (45, "45s"), (859.3, "14m 19s"), (7500, "2h 05m"), (273600, "3d 04h")])
def test_durations(seconds: float | None, text: str) -> None:
    assert format_duration(seconds) == text


@pytest.mark.parametrize("name", ["text", "json", "sarif", "junit", "github", "markdown"])
def test_every_format_reports_lost_and_cut_input(name: str) -> None:
    """Nothing is lost silently: unparsed lines, lines cut at the length limit and evicted
    incidents are counted in every output format, CI formats included."""
    import dataclasses

    analysis = reference_analysis()
    analysis = dataclasses.replace(analysis, inputs=dataclasses.replace(
        analysis.inputs, unparsed=7, truncated=3, evicted_incidents=2))
    output = render(name, analysis, RenderOptions(color=False))
    wanted = {
        "text": ["7 unparsed", "3 truncated", "2 incident(s) evicted"],
        "json": ['"unparsed": 7', '"truncated": 3', '"evictedIncidents": 2'],
        "sarif": ['"unparsed": 7', '"truncated": 3', '"evictedIncidents": 2'],
        "junit": ['name="unparsed" value="7"', 'name="truncated" value="3"', 'name="evictedIncidents" value="2"'],
        "github": ["7 unparsed line(s)", "3 line(s) cut", "2 incident(s) evicted"],
        "markdown": ["**7 unparsed**", "3 truncated", "2 incident(s) were evicted"],
    }[name]
    flowed = " ".join(output.split())  # the terminal report wraps its lines
    for text in wanted:
        assert text in flowed, (name, text)
