"""``--format markdown``: the incident report's sections, chart and checklist."""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from analysis_fixtures import SAMPLE_LOG, empty_analysis, reference_analysis
from stuckscan.analysis import analyze_paths
from stuckscan.formats import RenderOptions, render
from stuckscan.formats._escape import code_fence_for, markdown_code, markdown_text, mermaid_label
from stuckscan.model import Analysis

PARSER = MarkdownIt("commonmark").enable("table")
TASK_LINE = re.compile(r"^    [A-Za-z0-9 _.-]+ :(?:(?:crit|done|active|milestone), )*[a-z0-9]+, "
                       r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d, \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")


def report(analysis: Analysis, **options: Any) -> str:
    return render("markdown", analysis, RenderOptions(**options))


def headings(tokens: list[Token]) -> list[str]:
    return [tokens[index + 1].content for index, token in enumerate(tokens) if token.type == "heading_open"]


def mermaid_blocks(tokens: list[Token]) -> list[str]:
    return [token.content for token in tokens if token.type == "fence" and token.info == "mermaid"]


def test_sections_in_order() -> None:
    tokens = PARSER.parse(report(reference_analysis()))
    assert headings(tokens) == [
        "stuckscan report: 1 stuck-session incident, 1 gateway episode",
        "Impact",
        "Incident INC-001: `agent:main:telegram:direct:<peer-1>`",
        "Root cause: RC02 Run never advances after model/turn completion (ghost run)",
        "Contributing factors",
        "Recoveries",
        "Timeline",
        "Gateway episode EP-001",
        "Root cause: RC12 Gateway event-loop starvation (gateway unresponsive)",
        "Timeline",
        "Chart",
        "Fixes",
        "Environment",
        "Inputs",
        "Appendix: evidence lines",
        "Evidence for incident INC-001 (agent:main:telegram:direct:&lt;peer-1&gt;)",
        "Evidence for gateway episode EP-001 (event-loop-starvation)",
    ]


def test_summary_and_impact() -> None:
    text = report(reference_analysis())
    summary = text.split("\n\n")[1]
    assert summary.startswith("stuckscan scanned 1 file (2,798 lines, 2026-05-21 00:02:56 to 2026-05-21 10:48:22 UTC)")
    assert "was stuck for 14m 19s (status: still stuck); root cause RC02 (ghost-run), contributing RC12." in summary
    assert "| INC-001 | `agent:main:telegram:direct:<peer-1>` | still stuck | 14m 19s | 1 | error |" in text
    assert "1 queued message possibly lost" in text


def test_root_cause_quotes_its_evidence_lines() -> None:
    analysis = reference_analysis()
    text = report(analysis)
    stalled = analysis.incidents[0].primary.evidence[0]  # type: ignore[union-attr]
    assert f"{SAMPLE_LOG}:{stalled.line}  stalled session: sessionId=" in text
    fences = [t for t in PARSER.parse(text) if t.type == "fence" and t.info == "text"]
    assert any(f"{SAMPLE_LOG}:{stalled.line}" in fence.content for fence in fences)


def test_timeline_tables() -> None:
    tokens = PARSER.parse(report(reference_analysis()))
    tables = [index for index, token in enumerate(tokens) if token.type == "table_open"]
    assert len(tables) == 3  # impact, incident timeline, episode timeline
    header = [tokens[i + 1].content for i in range(tables[1], len(tokens)) if tokens[i].type == "th_open"][:4]
    assert header == ["Time (UTC)", "Event", "Log line", "Source"]


def test_gantt_chart() -> None:
    blocks = mermaid_blocks(PARSER.parse(report(reference_analysis())))
    assert len(blocks) == 1
    lines = blocks[0].splitlines()
    assert lines[:5] == ["gantt", "    title Incidents, warnings, recoveries and gateway episodes (UTC)",
                         "    dateFormat YYYY-MM-DDTHH:mm:ss", "    axisFormat %H:%M", "    todayMarker off"]
    assert "    section INC-001 agent main telegram direct peer-1" in lines
    assert "    section Gateway episodes" in lines
    tasks = [line for line in lines[5:] if not line.startswith("    section ")]
    assert tasks and all(TASK_LINE.match(task) for task in tasks), tasks
    assert any(task.startswith("    stuck RC02 :crit, i1, ") for task in tasks)
    assert any(":milestone, i1r1, " in task and "did not free" in task for task in tasks)
    assert any(task.startswith("    EP-001 event-loop-starvation :active, e1, ") for task in tasks)


def test_fixes_checklist_keeps_config_keys_and_links_upstream_issues() -> None:
    text = report(reference_analysis())
    fixes = text.split("## Fixes\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert all(line.startswith("- [ ] ") for line in fixes)
    assert "- [ ] Restart the gateway: `openclaw gateway restart`. (RC02; INC-001, EP-001)" in fixes
    assert any("[openclaw/openclaw#89298](https://github.com/openclaw/openclaw/issues/89298)" in line for line in fixes)
    assert any("`maxConcurrent`" in line for line in fixes)


def test_environment_and_unparsed_lines() -> None:
    text = report(reference_analysis())
    assert "- **Time zone offsets in the log:** `+08:00`" in text
    assert f"- **Files scanned:** `{SAMPLE_LOG}`" in text
    assert "**3 unparsed**" in text
    assert f"Unparsed lines at: `{SAMPLE_LOG}:17`" in text


def test_only_our_own_links() -> None:
    tokens = PARSER.parse(report(analyze_paths([SAMPLE_LOG])))
    hrefs = [child.attrs["href"] for token in tokens for child in (token.children or []) if child.type == "link_open"]
    assert hrefs and all(str(href).startswith(("https://github.com/stuckscan/stuckscan/blob/main/docs/rules/",
                                               "https://github.com/openclaw/openclaw/issues/")) for href in hrefs)


def test_empty_report() -> None:
    text = report(empty_analysis())
    assert text.startswith("# stuckscan report: no stuck sessions found\n")
    assert "```mermaid" not in text and "## Fixes" not in text


# -- the escaping helpers ----------------------------------------------------------------


def test_code_span_outgrows_backtick_runs() -> None:
    assert markdown_code("a``b") == "```a``b```"
    assert markdown_code("`x`") == "`` `x` ``"
    assert markdown_code("a|b", in_table=True) == "`a\\|b`"
    assert code_fence_for("``````") == "```````"
    assert code_fence_for("plain") == "```"


def test_markdown_text_escapes_what_markdown_and_github_act_on() -> None:
    assert markdown_text("<b>&") == "&lt;b&gt;&amp;"
    assert markdown_text("[x](javascript:1)") == "\\[x\\](javascript:1)"
    assert markdown_text("# h") == "\\#&#8203; h"
    assert markdown_text("- item") == "\\- item"
    assert markdown_text("12. x") == "12\\. x"
    assert markdown_text("see https://e.example and www.e.example") == "see https\\://e.example and www\\.e.example"
    assert markdown_text("@octocat a|b *c* ~d~ $e$") == "@&#8203;octocat a\\|b \\*c\\* \\~d\\~ \\$e\\$"
    assert markdown_text("\x1b[31mred\x1b[0m\u202e") == "red"


def test_mermaid_labels_use_a_safe_alphabet() -> None:
    assert mermaid_label("INC-001 agent:main:telegram:direct:<peer-1>") == "INC-001 agent main telegram direct peer-1"
    assert mermaid_label(":crit, done --> #; click") == "crit done click"
    assert mermaid_label("\x1b[31m\u202e") == "item"
