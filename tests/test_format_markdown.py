"""``--format markdown`` / ``stuckscan report``: order, contents, charts, folding and the
new outcomes (force-cleared, ended by restart, fault signal)."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime, timedelta, timezone
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from analysis_fixtures import SAMPLE_LOG, empty_analysis, reference_analysis
from stuckscan.analysis import analyze_paths
from stuckscan.formats import RenderOptions, render
from stuckscan.formats._escape import code_fence_for, markdown_code, markdown_text, mermaid_label
from stuckscan.formats._gantt import INIT_LINE, axis_format, windows
from stuckscan.formats.github import step_summary_markdown
from stuckscan.formats.markdown import MAX_FULL_INCIDENTS, UPSTREAM_ISSUES, render_markdown
from stuckscan.model import (
    Analysis,
    Confidence,
    Finding,
    IncidentOrigin,
    IncidentStatus,
    Severity,
)
from stuckscan.rules import DOCS_BASE_URL, RULES
from tests._outcomes import analysis_of, force_cleared_analysis, incident_at

PARSER = MarkdownIt("commonmark").enable("table")
LABEL = r"(?:[A-Za-z0-9 _.,-]|#\d{1,7};)*"
TASK_LINE = re.compile(r"^    (?:stuck|fault signal,|warnings|recovery|EP-\d+) " + LABEL + r" :(?:(?:crit|done|active|milestone), )*"
                       r"[a-z0-9]+, \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d, \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")
UTC = timezone.utc


def report(analysis: Analysis, **options: Any) -> str:
    """The report in UTC (by default a report shows times in the log's own offset)."""
    return render("markdown", analysis, RenderOptions(**{"display_zone": timezone.utc, **options}))


def headings(tokens: list[Token]) -> list[str]:
    return [tokens[index + 1].content for index, token in enumerate(tokens) if token.type == "heading_open"]


def mermaid_blocks(tokens: list[Token]) -> list[str]:
    return [token.content for token in tokens if token.type == "fence" and token.info == "mermaid"]


def section(text: str, heading: str) -> str:
    """The body of ``## heading`` up to the next ``## ``."""
    return text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


# -- order and length ----------------------------------------------------------------------


def test_sections_in_order_fixes_before_timeline_appendix_last() -> None:
    tokens = PARSER.parse(report(reference_analysis()))
    assert headings(tokens) == [
        "stuckscan report: 1 stuck-session incident, 1 gateway episode",
        "Impact",
        "Root causes",
        "Incident INC-001: `agent:main:telegram:direct:<peer-1>`",
        "Gateway episode EP-001: event-loop-starvation",
        "Fixes",
        "Chart",
        "Timeline",
        "Timeline of incident INC-001: `agent:main:telegram:direct:<peer-1>`",
        "Timeline of gateway episode EP-001",
        "Inputs and environment",
        "Appendix: evidence lines",
    ]


def test_reference_sample_report_is_short_and_says_it_first() -> None:
    text = report(analyze_paths([SAMPLE_LOG]))
    assert len(text.splitlines()) <= 175  # 227 before the fixes moved up and repeats were folded
    assert text.index("## Fixes") < text.index("## Chart") < text.index("## Timeline") < text.index("## Appendix")
    assert text.count("## Appendix") == 1


def test_summary_speaks_plainly() -> None:
    text = report(reference_analysis(), fail_on=Severity.WARNING)
    summary = text.split("\n\n")[1]
    assert summary.startswith("Scanned 1 file: 2,798 lines, 2026-05-21 00:02:56 to 10:48:22 UTC. "
                              "Found 1 stuck-session incident in 1 session (1 still stuck) and 1 gateway-wide episode.")
    assert ("Session `agent:main:telegram:direct:<peer-1>` was stuck for 14m 19s (10:34:06 to 10:48:27 UTC): "
            "root cause RC02, Run never advances after model/turn completion (ghost run); contributing RC12.") in summary
    for ci_word in ("--fail-on", "CI", "passes", "fails"):
        assert ci_word not in summary, ci_word


def test_no_placeholder_times_when_times_are_missing() -> None:
    analysis = reference_analysis()
    incident = dataclasses.replace(analysis.incidents[0], start=None, first_warning=None, last_warning=None,
                                   last_progress=None,
                                   recoveries=[dataclasses.replace(analysis.incidents[0].recoveries[0], time=None)])
    text = report(dataclasses.replace(analysis, incidents=[incident]))
    assert "--:--" not in text and "None" not in text


def test_impact_table_names_each_root_cause() -> None:
    text = section(report(reference_analysis()), "Impact")
    assert "1 session affected; longest stuck 14m 19s; 1 queued message possibly lost." in text
    assert "| Incident | Session | Root cause | Status | Stuck for | Messages possibly lost | Severity |" in text
    assert "| INC-001 | `agent:main:telegram:direct:<peer-1>` | RC02 ghost-run | still stuck | 14m 19s | 1 | error |" in text


def test_root_cause_with_its_deciding_evidence() -> None:
    analysis = reference_analysis()
    causes = section(report(analysis), "Root causes")
    assert "**RC02 Run never advances after model/turn completion (ghost run)**: error, high confidence" in causes
    assert f"([RC02]({DOCS_BASE_URL}RC02.md))" in causes
    assert f"Times in UTC; line numbers are of `{SAMPLE_LOG}`." in causes
    fences = [t for t in PARSER.parse(causes) if t.type == "fence" and t.info == "text"]
    cited = analysis.incidents[0].primary.evidence  # type: ignore[union-attr]
    # the session's own ids are in the heading, not repeated in each quoted line
    assert f"{cited[0].line}  stalled session: state=processing age=443s queueDepth=1 " in fences[0].content
    assert "sessionId=" not in fences[0].content and "sessionKey=" not in fences[0].content
    assert "- **Recovery:** `abort_embedded_run` did not free the session" in causes
    assert "- **Contributing:** [RC12]" in causes


def test_each_cited_line_is_in_full_at_most_twice() -> None:
    """Once as deciding evidence, once in the appendix; never in the timeline."""
    analysis = reference_analysis()
    text = report(analysis, redact=False)
    timeline = section(text, "Timeline")
    for line in analysis.incidents[0].timeline:
        assert text.count(line.text) <= 2, line.line
        assert line.text not in timeline
    appendix = section(text, "Appendix: evidence lines")
    assert f"{analysis.incidents[0].timeline[0].line}  {analysis.incidents[0].timeline[0].text}" in appendix


# -- fixes ----------------------------------------------------------------------------------------


def test_fixes_checklist_keeps_config_keys_and_links_upstream_issues() -> None:
    fixes = section(report(reference_analysis()), "Fixes").strip().splitlines()
    assert all(line.startswith("- [ ] ") for line in fixes)
    assert "- [ ] Restart the gateway: `openclaw gateway restart`. (RC02; INC-001, EP-001)" in fixes
    assert any(f"[openclaw/openclaw#89298]({UPSTREAM_ISSUES}89298)" in line for line in fixes)
    assert any("`maxConcurrent`" in line for line in fixes)


def test_fixes_are_the_findings_own_once_each_primary_first() -> None:
    start = datetime(2026, 5, 21, 8, 0, tzinfo=UTC)
    first = incident_at(1, start, 5, rule="RC12", fixes=["Shared fix.", "Only for the starvation."])
    second = incident_at(2, start + timedelta(hours=2), 5, rule="RC03", fixes=["Kill the tool.", "Shared fix."])
    contributing = Finding(RULES["RC14"].ref, Severity.INFO, Confidence.LOW, "backlog", [], ["Contributing only."])
    second = dataclasses.replace(second, contributing=[contributing])
    no_fixes = incident_at(3, start + timedelta(hours=4), 5, rule="RC09", fixes=[])
    fixes = section(report(analysis_of([first, second, no_fixes])), "Fixes").strip().splitlines()
    assert fixes == [
        "- [ ] Shared fix. (RC12; INC-001, INC-002)",
        "- [ ] Only for the starvation. (RC12; INC-001)",
        "- [ ] Kill the tool. (RC03; INC-002)",
        "- [ ] Contributing only. (RC14; INC-002)",
    ]  # and none of RC09's catalog fixes: the classifier chose none for INC-003


# -- outcomes in words ---------------------------------------------------------------------------


def test_force_clear_is_said_in_words() -> None:
    text = report(force_cleared_analysis(undelivered=1))
    sentence = ("force-cleared: 1 queued message not delivered; clients connected during the starvation may still "
                "show in\\_progress")
    assert f"- **Outcome:** {sentence}" in text
    assert "- **Recovery:** `abort_embedded_run` force-cleared the session (forceCleared=true, drained=false)" in text
    assert "| force-cleared |" in section(text, "Impact")
    assert "1 queued message possibly lost" in text


def test_force_clear_before_a_later_recovery_is_said_on_its_own_line() -> None:
    analysis = force_cleared_analysis(undelivered=2)
    incident = dataclasses.replace(analysis.incidents[0], status=IncidentStatus.RECOVERED, status_reason="run cleared")
    text = report(dataclasses.replace(analysis, incidents=[incident]))
    assert "- **Outcome:** recovered (run cleared)" in text
    assert ("- **Recovery:** `abort_embedded_run` force-cleared: 2 queued messages not delivered; clients connected "
            "during the starvation may still show in\\_progress") in text


def test_force_clear_without_a_count_or_an_episode() -> None:
    analysis = force_cleared_analysis(undelivered=None)
    analysis = dataclasses.replace(analysis, episodes=[],
                                   incidents=[dataclasses.replace(analysis.incidents[0], episode_ids=[])])
    text = report(analysis)
    assert ("force-cleared: queued messages may not have been delivered; clients connected while it was stuck may "
            "still show in\\_progress") in text


def test_signal_origin_restart_and_missing_evidence_in_words() -> None:
    analysis = reference_analysis()
    incident = dataclasses.replace(analysis.incidents[0], origin=IncidentOrigin.SIGNAL,
                                   status=IncidentStatus.FAULT_SIGNAL, status_reason="run timed out",
                                   missing="whether the lane was released after the timeout")
    text = report(dataclasses.replace(analysis, incidents=[incident]))
    assert "showed a fault signal with no stall warning" in text.split("\n\n")[1]
    assert ("- **Outcome:** fault signal, nothing cleared it (run timed out); opened by a fault signal alone "
            "(no stall warning)") in text
    assert "- **Not yet certain:** whether the lane was released after the timeout" in text
    assert "- **Fault logged:** 10:34:06 to 10:48:27 UTC" in text and "**Stuck for:**" not in text
    assert "| INC-001 | `agent:main:telegram:direct:<peer-1>` | RC02 ghost-run | fault signal, nothing cleared it | — |" \
        in text
    assert any(line.startswith("    fault signal, RC02 ghost-run, fault signal, nothing cleared it :crit, ")
               for line in chart_lines(text)[0])
    restarted = dataclasses.replace(incident, status=IncidentStatus.ENDED_BY_RESTART, status_reason="",
                                    origin=IncidentOrigin.STALL)
    assert "ended by gateway restart" in report(dataclasses.replace(analysis, incidents=[restarted]))


# -- chart -------------------------------------------------------------------------------------


def chart_lines(text: str) -> list[list[str]]:
    return [block.splitlines() for block in mermaid_blocks(PARSER.parse(text))]


def test_gantt_chart() -> None:
    charts = chart_lines(report(reference_analysis()))
    assert len(charts) == 1
    lines = charts[0]
    assert lines[:6] == [INIT_LINE, "gantt", "    title INC-001, EP-001, 2026-05-21 10:34 to 10:48 UTC",
                         "    dateFormat YYYY-MM-DDTHH:mm:ss", "    axisFormat %H:%M", "    todayMarker off"]
    assert "    section INC-001 agent#58;main#58;telegram#58;direc#8230;" in lines, "colons kept as entities"
    tasks = [line for line in lines[6:] if not line.startswith("    section ")]
    assert tasks and all(TASK_LINE.match(task) for task in tasks), tasks
    assert any(task.startswith("    stuck 14m 19s, RC02 ghost-run, still stuck :crit, ") for task in tasks)
    assert any(task.startswith("    recovery abort_embedded_run not freed :crit, milestone, ") for task in tasks)
    assert any(task.startswith("    EP-001 event-loop-starvation 6m 22s :t") for task in tasks)


def test_colours_mark_the_outcome() -> None:
    tasks = [line for chart in chart_lines(report(force_cleared_analysis())) for line in chart]
    assert any(line.startswith("    stuck 14m 19s, RC02 ghost-run, force-cleared") and ":active, " in line for line in tasks)
    assert any(line.startswith("    recovery abort_embedded_run force cleared :active, milestone, ") for line in tasks)
    freed = incident_at(1, datetime(2026, 5, 21, 8, 0, tzinfo=UTC), 5)
    tasks = chart_lines(report(analysis_of([freed])))[0]
    assert any(line.startswith("    stuck 5m 00s, RC02 ghost-run, recovered :done, ") for line in tasks)


def test_two_day_log_gets_one_legible_chart_per_window() -> None:
    day = datetime(2026, 5, 21, 10, 0, tzinfo=UTC)
    incidents = [incident_at(1, day, 14), incident_at(2, day + timedelta(hours=13, minutes=50), 25),  # over midnight
                 incident_at(3, day + timedelta(days=1, hours=6), 3), incident_at(4, day + timedelta(days=1, hours=6,
                                                                                                     minutes=10), 2)]
    charts = chart_lines(report(analysis_of(incidents)))
    titles = [chart[2] for chart in charts]
    assert titles == ["    title INC-001, 2026-05-21 10:00 to 10:14 UTC",
                      "    title INC-002, 2026-05-21 23:50 to 2026-05-22 00:15 UTC",
                      "    title INC-003, INC-004, 2026-05-22 16:00 to 16:12 UTC"]
    for chart in charts:
        starts = [datetime.fromisoformat(line.split(", ")[-2]) for line in chart if TASK_LINE.match(line)]
        ends = [datetime.fromisoformat(line.split(", ")[-1]) for line in chart if TASK_LINE.match(line)]
        span = max(ends) - min(starts)
        assert span <= timedelta(hours=1), "each chart spans its own window, not the whole log"
    assert report(analysis_of(incidents)).count("May 22 ") > 0, "times carry their date in a multi-day report"


def test_windows_merge_closest_beyond_the_limit_and_axis_fits_the_span() -> None:
    from stuckscan.formats._gantt import incident_lane

    start = datetime(2026, 5, 21, 0, 0, tzinfo=UTC)
    lanes = [incident_lane(incident_at(i, start + timedelta(hours=2 * i), 5)) for i in range(1, 9)]
    groups = windows([lane for lane in lanes if lane is not None], limit=3)
    assert len(groups) == 3 and sum(len(group) for group in groups) == 8
    assert axis_format(start, start + timedelta(minutes=5)) == "%H:%M:%S"
    assert axis_format(start, start + timedelta(hours=3)) == "%H:%M"
    assert axis_format(start, start + timedelta(days=2)) == "%d %b %H:%M"


def test_short_bars_stay_visible() -> None:
    start = datetime(2026, 5, 21, 0, 0, tzinfo=UTC)
    long_one = incident_at(1, start, 600)
    blip = incident_at(2, start + timedelta(hours=4), 0.1)  # six seconds in a ten-hour window
    chart = chart_lines(report(analysis_of([long_one, blip])))[0]
    bar = next(line for line in chart if line.startswith("    stuck 6s"))
    begin, end = (datetime.fromisoformat(value) for value in bar.split(", ")[-2:])
    assert end - begin >= timedelta(minutes=4)


# -- timeline ------------------------------------------------------------------------------------


def test_repeated_warnings_fold_into_one_row() -> None:
    timeline = section(report(reference_analysis()), "Timeline")
    assert ("| 10:41:29 to 10:48:22 | 12 × stalled session | age 443 → 856 s, every 38 s, 4 of them cited "
            "| `1761…1835` |") in timeline
    assert timeline.count("stalled session") == 1
    assert "| 10:48:25 | stuck session recovery | `age=856s action=abort_embedded_run aborted=true drained=false " \
           "released=0` | `1839` |" in timeline
    assert f"line numbers are of `{SAMPLE_LOG}`" in timeline


def test_real_sample_timeline_and_appendix_fold_repeats() -> None:
    text = report(analyze_paths([SAMPLE_LOG]))
    assert "| 12 × stalled session | age 443 → 856 s, every 35 s |" in text
    appendix = section(text, "Appendix: evidence lines")
    assert "(9 more stalled session lines: 1777, 1783, 1793, 1797, 1810, 1815, 1825, 1828, 1830)" in appendix
    assert "\n1764  stalled session:" in appendix, "a line a finding cites stays in full"


# -- many incidents ------------------------------------------------------------------------------


def many(count: int) -> Analysis:
    start = datetime(2026, 5, 21, 0, 0, tzinfo=UTC)
    incidents = [incident_at(index, start + timedelta(minutes=7 * index), 1 + index % 5,
                             session=f"agent:main:main:{index % 3}",
                             rule="RC02" if index % 4 else "RC06",
                             status=IncidentStatus.STILL_STUCK if index % 10 == 0 else IncidentStatus.RECOVERED)
                 for index in range(1, count + 1)]
    return analysis_of(incidents)


def test_thousands_of_incidents_are_counted_then_the_worst_shown() -> None:
    analysis = many(1200)
    text = report(analysis)
    impact = section(text, "Impact")
    for table in ("**By root cause**", "**By status**", "**By session**"):
        assert table in impact
    assert "| RC02 ghost-run | 900 |" in impact and "| RC06 ineffective-recovery | 300 |" in impact
    assert "| still stuck | 120 | 120 |" in impact
    assert f"The {MAX_FULL_INCIDENTS} worst of 1,200 incidents" in impact
    shown = re.findall(r"^### Incident (INC-\d+)", text, re.M)
    assert len(shown) == MAX_FULL_INCIDENTS
    assert all(int(number[4:]) % 10 == 0 for number in shown), "the still-stuck ones are the worst"
    assert "(RC02; INC-010, INC-030, INC-050 and 897 more)" in section(text, "Fixes"), "worst first"
    assert text.startswith("# stuckscan report: 1,200 stuck-session incidents\n")
    assert len(text) < 60_000


def test_all_incidents_lists_every_one() -> None:
    text = report(many(25), show_all=True)
    assert len(re.findall(r"^### Incident INC-", text, re.M)) == 25
    assert "**By root cause**" not in text


# -- empty and links ---------------------------------------------------------------------------


def test_only_our_own_links() -> None:
    tokens = PARSER.parse(report(analyze_paths([SAMPLE_LOG])))
    hrefs = [child.attrs["href"] for token in tokens for child in (token.children or []) if child.type == "link_open"]
    assert hrefs and all(str(href).startswith((DOCS_BASE_URL, UPSTREAM_ISSUES)) for href in hrefs)


def test_empty_report() -> None:
    text = report(empty_analysis())
    assert text.startswith("# stuckscan report: no stuck sessions found\n")
    assert "No stuck sessions and no gateway-wide problems found." in text
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


def test_mermaid_labels_keep_their_meaning_as_entity_codes() -> None:
    assert mermaid_label("INC-001 agent:main:telegram:direct:<peer-1>") == (
        "INC-001 agent#58;main#58;telegram#58;direct#58;#60;peer-1#62;")
    assert mermaid_label(":crit, done --> #; click%%") == "#58;crit, done --#62; #35;#59; click#37;#37;"
    assert mermaid_label("会话\nnext") == "#20250;#35805; next"
    assert mermaid_label("\x1b[31m\u202e") == "item"
    assert re.fullmatch(LABEL, mermaid_label("".join(map(chr, range(32, 127)))))


# -- the options and analysis fields other parts add -------------------------------------------


def test_times_in_the_logs_own_offset_unless_asked() -> None:
    text = render("markdown", reference_analysis(), RenderOptions())  # the log prints +08:00
    assert "2026-05-21 08:02:56 to 18:48:22 UTC+08:00" in text
    assert "(18:34:06 to 18:48:27 UTC+08:00)" in text
    assert "| Time (UTC+08:00) | Event | Details | Line |" in text
    chart = chart_lines(text)[0]
    assert chart[2] == "    title INC-001, EP-001, 2026-05-21 18:34 to 18:48 UTC+08:00"
    assert any(", 2026-05-21T18:34:06, 2026-05-21T18:48:27" in line for line in chart)
    asked = report(reference_analysis(), display_zone=timezone(timedelta(hours=-5)))
    assert "(May 21 05:34:06 to 05:48:27 UTC-05:00)" in asked, "the date, now that the log spans two days"


def test_explanations_say_why_an_empty_report_is_empty() -> None:
    why = ["--since 1h hid 2 incidents that ended earlier", "3 files had no OpenClaw line"]
    analysis = dataclasses.replace(empty_analysis(), explanations=why)
    text = render_markdown(analysis, RenderOptions())
    assert "Nothing shown, and this is not an all-clear:\n\n- \\--since 1h hid 2 incidents" in text
    assert "- 3 files had no OpenClaw line" in text
    assert "- 3 files had no OpenClaw line" in step_summary_markdown(analysis, RenderOptions())
    assert "hid 2 incidents" not in render_markdown(dataclasses.replace(reference_analysis(), explanations=why),
                                                    RenderOptions())
