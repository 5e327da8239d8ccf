"""Hostile logs: planted secrets never reach a report, hostile text is inert everywhere.

Two sources: ``sample_logs/hostile/hostile.log`` through the real pipeline
(``analyze_paths``), and the hand-built ``hostile_analysis`` that puts hostile text
and the same planted values in every string field a formatter prints.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from analysis_fixtures import HOSTILE_LOG, ROOT, hostile_analysis, planted_values
from stuckscan.analysis import analyze_paths
from stuckscan.formats import FORMAT_NAMES, RenderOptions, render, render_timeline
from stuckscan.formats._gantt import INIT_LINE
from stuckscan.formats.github import step_summary_markdown
from stuckscan.formats.markdown import UPSTREAM_ISSUES
from stuckscan.model import Analysis
from stuckscan.rules import DOCS_BASE_URL
from tests._sarif import sarif_errors

MARKDOWN = MarkdownIt("commonmark").enable("table")
OUR_LINKS = (DOCS_BASE_URL, UPSTREAM_ISSUES)
OUR_HEADINGS = ("stuckscan report", "Impact", "Incident ", "Root cause", "Timeline", "Gateway episode ", "Chart",
                "Fixes", "Inputs and environment", "Appendix: evidence lines")
GITHUB_LINE = re.compile(r"^::(?:error|warning|notice)(?: [^:\r\n]*)?::[^\r\n]*$")
# Mermaid lines: our directive and keywords; labels start with a word of ours (Mermaid reads
# keywords at the start of a line) and carry log text only as [A-Za-z0-9 _.,-] and #NN; codes
MERMAID_LABEL = r"(?:[A-Za-z0-9 _.,-]|#\d{1,7};)*"
MERMAID_LINE = re.compile(
    r"^(?:" + re.escape(INIT_LINE) + r"|gantt|    title [A-Za-z0-9 ,:+-]+|    dateFormat YYYY-MM-DDTHH:mm:ss"
    r"|    axisFormat (?:%H:%M:%S|%H:%M|%d %b %H:%M)|    todayMarker off"
    r"|    section (?:INC|EP)-\d+" + MERMAID_LABEL +
    r"|    (?:stuck|fault signal,|warnings|recovery|EP-\d+) " + MERMAID_LABEL +
    r" :(?:(?:crit|done|active|milestone), )*[a-z0-9]+, [0-9T:-]{19}, [0-9T:-]{19})$")
WIDE = 400
BOX_AND_SPACE = re.compile(r"[\s\u2500-\u257f]+")


def real_hostile() -> Analysis:
    return analyze_paths([str(ROOT / HOSTILE_LOG)])


SOURCES: dict[str, Callable[[], Analysis]] = {"hostile.log": real_hostile, "hand-built": hostile_analysis}


def outputs(analysis: Analysis, redact: bool) -> Iterator[tuple[str, str]]:
    """Every report the CLI can produce for ``analysis``."""
    for color in (False, True):
        options = RenderOptions(redact=redact, color=color, width=WIDE)
        for name in FORMAT_NAMES:
            if name == "text" or not color:
                yield f"{name}{'+color' if color else ''}", render(name, analysis, options)
        yield f"timeline{'+color' if color else ''}", render_timeline(analysis, options)
    yield "step-summary", step_summary_markdown(analysis, RenderOptions(redact=redact))


# -- what a reader of each format actually sees -----------------------------------------


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _markdown_as_text(text: str) -> str:
    rendered = re.sub(r"<[^>]+>", " ", MARKDOWN.render(text))
    return html.unescape(rendered).replace("\u200b", "")


def visible(name: str, output: str) -> str:
    """The text a consumer of the format gets after decoding it."""
    kind = name.split("+")[0]
    if kind in ("json", "sarif"):
        return "\n".join(_strings(json.loads(output)))
    if kind == "junit":
        root = ET.fromstring(output.encode("utf-8"))
        return "\n".join([*root.itertext(), *(value for element in root.iter() for value in element.attrib.values())])
    if kind == "github":
        return (output.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",")
                .replace("%25", "%"))
    if kind in ("markdown", "step-summary"):
        return output + "\n" + _markdown_as_text(output)
    return output


def leaked(name: str, output: str, values: list[str]) -> list[str]:
    """Planted values a reader could find in ``output``. Terminal views wrap long lines
    inside boxes, so there the comparison ignores whitespace and box-drawing characters."""
    seen = visible(name, output)
    found = [value for value in values if value in seen or value in output]
    if name.split("+")[0] in ("text", "timeline"):
        squashed = BOX_AND_SPACE.sub("", re.sub(r"\x1b\[[0-9;]*m", "", output))
        found += [value for value in values if BOX_AND_SPACE.sub("", value) in squashed and value not in found]
    return found


@pytest.mark.parametrize("source", SOURCES)
def test_planted_values_are_there_to_find(source: str) -> None:
    """Without redaction the planted values do reach the reports (so the next test means something)."""
    produced = dict(outputs(SOURCES[source](), redact=False))
    for name in ("json", "markdown"):  # the complete formats carry every cited line in full
        assert leaked(name, produced[name], planted_values()) == planted_values(), name
    assert planted_values()[0] in produced["text"], "the session key's phone number"


@pytest.mark.parametrize("source", SOURCES)
def test_no_planted_value_in_any_format_by_default(source: str) -> None:
    analysis = SOURCES[source]()
    for name, output in outputs(analysis, redact=True):
        assert not leaked(name, output, planted_values()), name


# -- inert in every format -----------------------------------------------------------------


def _all_tokens(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _all_tokens(token.children or [])


def check_markdown(output: str) -> None:
    tokens = MARKDOWN.parse(output)
    flat = list(_all_tokens(tokens))
    assert not [t for t in flat if t.type in ("html_block", "html_inline")], "HTML from log text"
    assert not [t for t in flat if t.type == "image"], "images from log text"
    assert not [t for t in flat if t.type == "blockquote_open"], "block quotes from log text"
    hrefs = [str(t.attrs.get("href")) for t in flat if t.type == "link_open"]
    assert all(href.startswith(OUR_LINKS) for href in hrefs), hrefs
    heads = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert all(head.startswith(OUR_HEADINGS) for head in heads), heads
    charts = [t.content for t in tokens if t.type == "fence" and t.info == "mermaid"]
    assert len(charts) == 1
    for line in charts[0].splitlines():
        assert MERMAID_LINE.match(line), line
    assert any(t.type == "table_open" for t in tokens), "timeline table"
    for fence in (t for t in tokens if t.type == "fence" and t.info == "text"):
        assert fence.markup.startswith("```") and fence.markup.strip("`") == ""


def check_text(output: str, color: bool) -> None:
    rest = re.sub(r"\x1b\[[0-9;]*m", "", output) if color else output
    assert "\x1b" not in rest and "\x07" not in rest and "\x9b" not in rest and "\x9d" not in rest
    assert not [char for char in rest if ord(char) < 32 and char != "\n"]


def check(name: str, output: str) -> None:
    kind = name.split("+")[0]
    if kind in ("markdown", "step-summary"):
        check_markdown(output)
    elif kind in ("text", "timeline"):
        check_text(output, color=name.endswith("+color"))
    elif kind == "json":
        json.loads(output)
        assert output.isascii()
    elif kind == "sarif":
        assert not sarif_errors(json.loads(output))
    elif kind == "junit":
        ET.fromstring(output.encode("utf-8"))
        assert "\x1b" not in output and "\ufffe" not in output
    elif kind == "github":
        lines = output.split("\n")
        assert lines[-1] == ""
        for line in lines[:-1]:
            assert GITHUB_LINE.match(line), line[:200]
    else:
        raise AssertionError(f"no check for {name}")


@pytest.mark.parametrize("redact", [True, False], ids=["redacted", "raw"])
@pytest.mark.parametrize("source", SOURCES)
def test_hostile_text_is_inert_in_every_format(source: str, redact: bool) -> None:
    analysis = SOURCES[source]()
    produced = dict(outputs(analysis, redact=redact))
    assert set(produced) >= {*FORMAT_NAMES, "text+color", "timeline", "timeline+color", "step-summary"}
    for name, output in produced.items():
        check(name, output)


def test_hostile_markup_reaches_the_reader_as_plain_text() -> None:
    """Inert does not mean lost: the hostile strings are shown, literally."""
    analysis = hostile_analysis()
    markdown = render("markdown", analysis, RenderOptions(redact=False))
    shown = _markdown_as_text(markdown)
    for marker in ("<script>alert(1)</script>", "[x](javascript:alert(3))", "[bold red]ALERT[/bold red]",
                   "````` fence ```", "::error::pwned"):
        assert marker in shown, marker
    text = render("text", analysis, RenderOptions(redact=False, width=WIDE))
    assert "<script>alert(1)</script>" in text and "[link=https://evil.example]click[/link]" in text


def test_sample_log_is_the_documented_one() -> None:
    planted = json.loads((Path(ROOT) / "sample_logs" / "hostile" / "planted.json").read_text(encoding="utf-8"))
    log = (Path(ROOT) / HOSTILE_LOG).read_text(encoding="utf-8")
    for entry in planted["planted"]:
        assert json.dumps(entry["value"])[1:-1] in log, entry
    for line in log.splitlines():
        assert "_meta" in json.loads(line)


def test_the_checks_would_catch_unescaped_output() -> None:
    """The inertness checks are real: naive renderings of the same text fail them."""
    from analysis_fixtures import HOSTILE_TEXT

    naive_markdown = f"# stuckscan report\n\n{HOSTILE_TEXT}\n\n```mermaid\ngantt\n    x :crit, done --> y\n```\n| a |\n|---|\n"
    with pytest.raises(AssertionError):
        check_markdown(naive_markdown)
    with pytest.raises(AssertionError):
        check("github", f"::error title=x::{HOSTILE_TEXT}\n")
    with pytest.raises(AssertionError):
        check_text(HOSTILE_TEXT, color=False)
