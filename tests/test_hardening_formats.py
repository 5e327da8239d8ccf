"""Every output format on arbitrary log text (issue #7), property-based.

Analyses come two ways: the real pipeline run on stall sequences whose session keys,
messages and file names are hypothesis text, and the hand-built reference analysis with
every string a log can put there replaced by hypothesis text. Each is rendered in every
format, redacted and not, and the output must be well-formed and inert: JSON that
validates against the report schema, SARIF that validates against the SARIF 2.1.0
schema, XML that parses, Markdown with no HTML, image or foreign link from log text,
text with no escape or control character, GitHub lines that each start with ``::``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import xml.etree.ElementTree as ET
from enum import Enum
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from analysis_fixtures import reference_analysis
from stuckscan.analysis import build_analysis
from stuckscan.correlator import correlate
from stuckscan.formats import FORMAT_NAMES, RenderOptions, render, render_timeline
from stuckscan.formats.github import step_summary_markdown
from stuckscan.formats.json import load_schema
from stuckscan.formats.markdown import UPSTREAM_ISSUES
from stuckscan.inputs import RawLine
from stuckscan.model import Analysis, RuleRef
from stuckscan.parser import ParseOptions, ParseStats, parse_lines
from stuckscan.rules import PROJECT_URL
from tests._sarif import sarif_errors

REPORT_SCHEMA = jsonschema.Draft202012Validator(load_schema())
MARKDOWN = MarkdownIt("commonmark").enable("table")
EXAMPLES = int(os.environ.get("STUCKSCAN_PROPERTY_EXAMPLES", "25"))
OUR_LINKS = (PROJECT_URL + "/", UPSTREAM_ISSUES)
GITHUB_LINE = re.compile(r"^::(?:error|warning|notice)(?: [^:\r\n]*)?::[^\r\n]*$")
SGR = re.compile(r"\x1b\[[0-9;]*m")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FRAGMENTS = ["\x1b[31m", "\x1b]0;title\x07", "\x1b]8;;https://evil.example\x1b\\x\x1b]8;;\x1b\\", "\x9b31m",
             "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[link=https://evil.example]x[/link]",
             "[x](javascript:alert(1))", "![i](https://evil.example/i.png)", "<https://evil.example>",
             "https://evil.example/", "::error::pwned", "%0A::warning::x", "\r\n", "\n# heading\n", "> quote",
             "```", "~~~", "`", "|", "---", "* ", "1. ", "\\", "&amp;", "&#x3C;", "]]>", "\ufffe", "\x00", "\x7f",
             "\u202e", "\u2028", "\ufeff", "\u200b", '"', "'", "{{", "%}", "gantt", "section x", ":crit,"]

hostile_text = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), min_size=1, max_size=6).map("".join),
)


def outputs(analysis: Analysis) -> dict[str, str]:
    produced: dict[str, str] = {}
    for redact in (True, False):
        suffix = "" if redact else "+raw"
        for name in FORMAT_NAMES:
            produced[name + suffix] = render(name, analysis, RenderOptions(redact=redact, width=120))
        produced["text+color" + suffix] = render("text", analysis, RenderOptions(redact=redact, color=True, width=120))
        produced["timeline" + suffix] = render_timeline(analysis, RenderOptions(redact=redact, width=120))
        produced["timeline+color" + suffix] = render_timeline(analysis, RenderOptions(redact=redact, color=True, width=120))
        produced["step-summary" + suffix] = step_summary_markdown(analysis, RenderOptions(redact=redact))
    return produced


def _tokens(tokens: list[Any]) -> Any:
    for token in tokens:
        yield token
        yield from _tokens(token.children or [])


def check(name: str, output: str) -> None:
    kind = name.split("+")[0]
    if kind in ("text", "timeline"):
        rest = SGR.sub("", output) if "+color" in name else output
        assert "\x1b" not in rest, "escape in text"
        assert not CONTROL.search(rest.replace("\n", "")), "control character in text"
        assert "\u202e" not in rest and "\u2028" not in rest
    elif kind == "json":
        document = json.loads(output)
        assert output.isascii()
        errors = list(REPORT_SCHEMA.iter_errors(document))
        assert not errors, errors[0].message
    elif kind == "sarif":
        errors = sarif_errors(json.loads(output))
        assert not errors, errors[0].message
    elif kind == "junit":
        ET.fromstring(output.encode("utf-8"))
        assert "\x1b" not in output
    elif kind == "github":
        assert output.endswith("\n")
        for line in output[:-1].split("\n"):
            assert GITHUB_LINE.match(line), line[:200]
    elif kind in ("markdown", "step-summary"):
        assert "\x1b" not in output
        flat = list(_tokens(MARKDOWN.parse(output)))
        assert not [t for t in flat if t.type in ("html_block", "html_inline")], "raw HTML"
        assert not [t for t in flat if t.type == "image"], "image"
        hrefs = [str(t.attrs.get("href")) for t in flat if t.type == "link_open"]
        assert all(href.startswith(OUR_LINKS) for href in hrefs), hrefs
    else:
        raise AssertionError(name)


def check_all(analysis: Analysis) -> None:
    for name, output in outputs(analysis).items():
        try:
            check(name, output)
        except AssertionError as error:
            raise AssertionError(f"{name}: {error}\n{output[:3000]}") from None


# -- the real pipeline on hostile log text ------------------------------------------------------------

token = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=" \t\n\r\x0b\x0c\x1c\x1d\x1e"
                                                                                     "\x85\xa0\u2028\u2029\"=[]"),
                min_size=1, max_size=30)


@st.composite
def hostile_log(draw: st.DrawFn) -> tuple[str, list[str]]:
    source = draw(hostile_text.filter(bool))
    lines: list[str] = []
    for session in range(draw(st.integers(1, 3))):
        key = draw(token | st.sampled_from([f"agent:main:telegram:direct:70123456{session}", "agent:main:main"]))
        sid = draw(token)
        reason = draw(hostile_text).replace("\n", " ")
        tool = draw(token)
        for beat in range(draw(st.integers(1, 6))):
            age = 130 + 30 * beat
            lines.append(json.dumps({
                "0": '{"subsystem":"diagnostic"}',
                "1": f"stalled session: sessionId={sid} sessionKey={key} state=processing age={age}s queueDepth=1 "
                     f"reason={reason} classification=stalled_agent_run activeWorkKind=tool_call activeTool={tool} "
                     f"lastProgress={draw(token)} lastProgressAge={age - 20}s recovery=checking",
                "_meta": {"logLevelName": "WARN"}, "time": f"2026-05-21T10:{10 + session}:{(beat * 30) % 60:02d}.{beat:03d}Z"}))
        if draw(st.booleans()):
            lines.append(f"2026-05-21T10:{10 + session}:59.000Z [diagnostic] stuck session recovery: sessionId={sid} "
                         f"sessionKey={key} age=500s action=abort_embedded_run aborted=true released=0 "
                         f"reason={draw(hostile_text).replace(chr(10), ' ')}")
        lines.append(draw(hostile_text).replace("\n", " "))
        lines.append('{"0": "' + draw(token) + '", broken')
    return source, lines


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hostile_log())
def test_pipeline_analyses_of_hostile_logs_render_safely(log: tuple[str, list[str]]) -> None:
    source, lines = log
    stats = ParseStats()
    raw = [RawLine(n, line.encode("utf-8")) for n, line in enumerate(lines, 1)]
    events = list(parse_lines(raw, source, ParseOptions(), stats))
    analysis = build_analysis(correlate(events), stats)
    check_all(analysis)


# -- the reference analysis with hostile strings everywhere log text can reach ---------------------------------

KEEP = {"id", "episode_ids", "incident_ids"}  # our own identifiers, not log text


def replace_strings(value: Any, draw: st.DrawFn) -> Any:
    if isinstance(value, (Enum, RuleRef)) or value is None:
        return value
    if isinstance(value, str):
        return draw(hostile_text)
    if isinstance(value, list):
        return [replace_strings(item, draw) for item in value]
    if isinstance(value, dict):  # keys are event kinds and measure names, values numbers
        return value
    if dataclasses.is_dataclass(value):
        changes = {f.name: replace_strings(getattr(value, f.name), draw)
                   for f in dataclasses.fields(value) if f.name not in KEEP}
        return dataclasses.replace(value, **changes)
    return value


@st.composite
def hostile_reference(draw: st.DrawFn) -> Analysis:
    return replace_strings(reference_analysis(), draw)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hostile_reference())
def test_reference_analysis_with_hostile_strings_renders_safely(analysis: Analysis) -> None:
    check_all(analysis)
