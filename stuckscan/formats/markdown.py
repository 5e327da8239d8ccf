"""``--format markdown``: the incident report, for an issue, a wiki page or a CI summary.

Sections: title and summary, impact, one section per incident (root cause with quoted
evidence, contributing factors, recoveries, timeline table), gateway episodes, a
Mermaid gantt chart, a fixes checklist, the environment as inferred, inputs and
unparsed lines, and an appendix of evidence lines.

Everything taken from a log is rendered inert (see :mod:`stuckscan.formats._escape`):
identifiers and log lines as code spans or fenced code blocks whose fences outgrow any
backtick run inside, sentences with every Markdown/HTML-significant character escaped,
Mermaid labels reduced to ``[A-Za-z0-9 _.-]``. Links are only ever built by this module
(rule documentation and ``openclaw/openclaw`` issue numbers taken from fix texts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from stuckscan.formats._base import RenderOptions, prepare
from stuckscan.formats._escape import (
    clean,
    markdown_code,
    markdown_code_block,
    markdown_prose,
    markdown_text,
    mermaid_label,
    shorten,
)
from stuckscan.formats._report import (
    Item,
    clock,
    episode_duration,
    episode_name,
    format_duration,
    incident_duration,
    incident_last_seen,
    item_evidence,
    item_fixes,
    item_severity,
    key_evidence,
    messages_possibly_lost,
    plural,
    relative_location,
    status_word,
    summarize,
    to_utc,
    verdict_word,
    wedge_not_freed,
)
from stuckscan.model import Analysis, Episode, Evidence, Finding, Incident, Recovery, RecoveryVerdict
from stuckscan.rules import docs_url

UPSTREAM_ISSUES = "https://github.com/openclaw/openclaw/issues/"
MAX_TIMELINE_ROWS = 60
MAX_QUOTED_EVIDENCE = 5
MAX_APPENDIX_LINES = 400
MAX_CHART_ITEMS = 25
TABLE_TEXT_LIMIT = 160
MERMAID_TIME = "%Y-%m-%dT%H:%M:%S"
_ISSUE_REFERENCE = re.compile(r"#(\d{2,7})\b")


# -- small pieces ----------------------------------------------------------------------


def code(text: str | None) -> str:
    return markdown_code(text) if text else "\u2014"


def cell_code(text: str | None) -> str:
    return markdown_code(text, in_table=True) if text else "\u2014"


def location(evidence: Evidence) -> str:
    return f"{relative_location(evidence.file)}:{evidence.line}"


def rule_link(finding: Finding) -> str:
    return f"[{finding.rule.id}]({docs_url(finding.rule.id)})"


def fix_markdown(text: str) -> str:
    """A fix text: backtick-quoted config keys and commands stay code, everything else is
    escaped, and ``#12345`` becomes a link to that openclaw/openclaw issue."""
    pieces: list[str] = []
    position = 0
    for match in _ISSUE_REFERENCE.finditer(text):
        if text.count("`", 0, match.start()) % 2:
            continue  # inside a code span
        pieces.append(markdown_prose(text[position:match.start()]))
        number = match.group(1)
        pieces.append(f"[openclaw/openclaw#{number}]({UPSTREAM_ISSUES}{number})")
        position = match.end()
    pieces.append(markdown_prose(text[position:]))
    return "".join(pieces)


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    """A GFM table; every cell must already be escaped for a table."""
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def severity_word(item: Item) -> str:
    severity = item_severity(item)
    return severity.value if severity is not None else "none"


def quoted_evidence(evidence: list[Evidence], limit: int = MAX_QUOTED_EVIDENCE) -> list[str]:
    if not evidence:
        return []
    lines = [f"{location(line)}  {clean(line.text)}" for line in evidence[:limit]]
    if len(evidence) > limit:
        lines.append(f"... {len(evidence) - limit} more line(s)")
    return [markdown_code_block("\n".join(lines)), ""]


# -- summary and impact ----------------------------------------------------------------


def title(analysis: Analysis) -> str:
    if not analysis.incidents and not analysis.episodes:
        return "# stuckscan report: no stuck sessions found"
    parts = []
    if analysis.incidents:
        parts.append(plural(len(analysis.incidents), "stuck-session incident"))
    if analysis.episodes:
        parts.append(plural(len(analysis.episodes), "gateway episode"))
    return "# stuckscan report: " + ", ".join(parts)


def time_range(analysis: Analysis) -> str:
    first, last = analysis.inputs.first_time, analysis.inputs.last_time
    if first is None or last is None:
        return "no timestamps"
    return f"{clock(first, with_date=True)} to {clock(last, with_date=True)} UTC"


def incident_sentence(incident: Incident) -> str:
    cause = ""
    if incident.primary is not None:
        cause = f"; root cause {incident.primary.rule.id} ({markdown_text(incident.primary.rule.slug)})"
    if incident.contributing:
        cause += ", contributing " + ", ".join(finding.rule.id for finding in incident.contributing)
    duration = format_duration(incident_duration(incident))
    return (f"{markdown_text(incident.id)}: session {code(incident.name)} was stuck for {duration} "
            f"(status: {markdown_text(status_word(incident.status))}){cause}.")


def summary_paragraph(analysis: Analysis, options: RenderOptions) -> list[str]:
    inputs = analysis.inputs
    scanned = (f"stuckscan scanned {plural(len(inputs.files), 'file')} "
               f"({inputs.lines:,} lines, {time_range(analysis)})")
    if not analysis.incidents and not analysis.episodes:
        return [scanned + " and found no stuck sessions and no gateway-wide problems.", ""]
    found = []
    if analysis.incidents:
        found.append(plural(len(analysis.incidents), "stuck-session incident"))
    if analysis.episodes:
        found.append(plural(len(analysis.episodes), "gateway-wide episode"))
    sentences = [scanned + " and found " + " and ".join(found) + "."]
    sentences.extend(incident_sentence(incident) for incident in analysis.incidents[:5])
    if len(analysis.incidents) > 5:
        sentences.append(f"{len(analysis.incidents) - 5} more incident(s) below.")
    summary = summarize(analysis, options.fail_on)
    if summary.worst is not None:
        verdict = "fails" if summary.failing else "passes"
        threshold = options.fail_on.value if options.fail_on is not None else "never"
        sentences.append(f"Worst severity: {summary.worst.value}; with `--fail-on {threshold}` this {verdict} a CI check.")
    return [" ".join(sentences), ""]


def impact(analysis: Analysis) -> list[str]:
    if not analysis.incidents:
        return []
    rows = []
    for incident in analysis.incidents:
        lost = messages_possibly_lost(incident)
        rows.append([
            markdown_text(incident.id),
            cell_code(incident.name),
            markdown_text(status_word(incident.status)),
            format_duration(incident_duration(incident)),
            str(lost) if lost else "0",
            severity_word(incident),
        ])
    sessions = {incident.name for incident in analysis.incidents}
    durations = [d for d in (incident_duration(incident) for incident in analysis.incidents) if d is not None]
    lost_total = sum(messages_possibly_lost(incident) for incident in analysis.incidents)
    lines = ["## Impact", ""]
    lines.append(f"{plural(len(sessions), 'session')} affected; longest stuck {format_duration(max(durations, default=None))}; "
                 f"{plural(lost_total, 'queued message')} possibly lost (queued while a wedge was not freed).")
    lines.append("")
    lines.extend(table(["Incident", "Session", "Status", "Stuck for", "Messages possibly lost", "Severity"], rows))
    lines.append("")
    return lines


# -- one incident ----------------------------------------------------------------------


def root_cause(item: Item) -> list[str]:
    finding = item.primary
    if finding is None:
        return ["### Root cause", "", "No root cause could be determined from the log.", ""]
    lines = [f"### Root cause: {finding.rule.id} {markdown_text(finding.rule.title)}", ""]
    lines.append(f"Severity {finding.severity.value}, confidence {finding.confidence.value}. "
                 f"Rule documentation: {rule_link(finding)}.")
    lines.append("")
    lines.append(markdown_prose(finding.summary))
    lines.append("")
    lines.extend(quoted_evidence(finding.evidence))
    return lines


def contributing(item: Item) -> list[str]:
    if not item.contributing:
        return []
    lines = ["### Contributing factors", ""]
    for finding in item.contributing:
        where = key_evidence(finding)
        at = f" (first seen at {code(location(where))})" if where is not None else ""
        lines.append(f"- {rule_link(finding)} {markdown_text(finding.rule.title)}: {finding.severity.value}, "
                     f"{finding.confidence.value} confidence. {markdown_prose(finding.summary)}{at}")
    lines.append("")
    return lines


def recovery_line(recovery: Recovery) -> str:
    facts = [f"status {code(recovery.status)}" if recovery.status else None,
             f"released {recovery.released}" if recovery.released is not None else None,
             "force-cleared" if recovery.force_cleared else None]
    details = ", ".join(fact for fact in facts if fact)
    verdict = verdict_word(recovery.verdict)
    if recovery.verdict in (RecoveryVerdict.NOT_FREED, RecoveryVerdict.FAILED):
        verdict = f"**{verdict}**"
    reason = f": {markdown_prose(recovery.verdict_reason)}" if recovery.verdict_reason else ""
    return (f"- {clock(recovery.time)} UTC {code(recovery.action or 'recovery')}"
            f"{' (' + details + ')' if details else ''}: {verdict}{reason}")


def recoveries(incident: Incident) -> list[str]:
    if not incident.recoveries:
        return ["### Recoveries", "", "No recovery was attempted.", ""]
    return ["### Recoveries", "", *(recovery_line(recovery) for recovery in incident.recoveries), ""]


def _marker_rows(incident: Incident) -> list[tuple[datetime | None, str]]:
    markers: list[tuple[datetime | None, str]] = []
    if incident.start is not None:
        markers.append((incident.start, "stall began (back-computed from the first warning)"))
    if incident.last_progress is not None:
        markers.append((incident.last_progress, "last progress"))
    if incident.end is not None:
        markers.append((incident.end, f"incident ended ({status_word(incident.status)})"))
    return markers


def timeline_table(item: Item, limit: int = MAX_TIMELINE_ROWS) -> list[str]:
    rows: list[tuple[float, int, list[str]]] = []
    markers = _marker_rows(item) if isinstance(item, Incident) else []
    for moment, text in markers:
        rows.append((_order(moment), 0, [clock(moment), markdown_text(text), "\u2014", "\u2014"]))
    for evidence in item.timeline:
        rows.append((_order(evidence.time), 1, [
            clock(evidence.time), cell_code(evidence.kind),
            cell_code(shorten(clean(evidence.text), TABLE_TEXT_LIMIT)), cell_code(location(evidence)),
        ]))
    if not rows:
        return []
    rows.sort(key=lambda row: (row[0], row[1]))
    shown = [row[2] for row in rows[:limit]]
    lines = ["### Timeline", ""]
    lines.extend(table(["Time (UTC)", "Event", "Log line", "Source"], shown))
    if len(rows) > limit:
        lines.append("")
        lines.append(f"{len(rows) - limit} more timeline row(s) not shown; see the appendix.")
    lines.append("")
    return lines


def _order(moment: datetime | None) -> float:
    utc = to_utc(moment)
    if utc is None:
        return float("inf")
    return utc.timestamp() if utc.tzinfo is not None else utc.timestamp()


def incident_section(incident: Incident, timeline_rows: int) -> list[str]:
    lines = [f"## Incident {markdown_text(incident.id)}: {code(incident.name)}", ""]
    lost = messages_possibly_lost(incident)
    facts = [
        f"**Status:** {markdown_text(status_word(incident.status))}"
        + (f" ({markdown_prose(incident.status_reason)})" if incident.status_reason else ""),
        f"**Stuck for:** {format_duration(incident_duration(incident))}"
        f" (stall began {clock(incident.start)} UTC, first warning {clock(incident.first_warning)}, "
        f"last warning {clock(incident.last_warning)})",
        f"**Session:** key {code(incident.session_key)}, id {code(incident.session_id)}"
        + (f", runs {', '.join(code(run) for run in incident.run_ids[:5])}" if incident.run_ids else ""),
        f"**Severity:** {severity_word(incident)}",
    ]
    if wedge_not_freed(incident) and lost:
        facts.append(f"**Messages possibly lost:** {lost} queued while the wedge was not freed; tell the affected users.")
    if incident.episode_ids:
        facts.append("**Gateway episodes at the same time:** " + ", ".join(markdown_text(e) for e in incident.episode_ids))
    lines.extend(f"- {fact}" for fact in facts)
    lines.append("")
    lines.extend(root_cause(incident))
    lines.extend(contributing(incident))
    lines.extend(recoveries(incident))
    lines.extend(timeline_table(incident, timeline_rows))
    return lines


def episode_section(episode: Episode, timeline_rows: int) -> list[str]:
    lines = [f"## Gateway episode {markdown_text(episode.id)}", ""]
    peak = ", ".join(f"{markdown_text(key)} {value:g}" for key, value in episode.peak.items())
    counts = ", ".join(f"{code(kind)} \u00d7{count}" for kind, count in episode.counts.items())
    facts = [
        f"**When:** {clock(episode.start)} to {clock(episode.end)} UTC ({format_duration(episode_duration(episode))})",
        f"**Severity:** {severity_word(episode)}",
    ]
    if peak:
        facts.append(f"**Peak:** {peak}")
    if counts:
        facts.append(f"**Events:** {counts}")
    if episode.incident_ids:
        facts.append("**Overlapping incidents:** " + ", ".join(markdown_text(i) for i in episode.incident_ids))
    lines.extend(f"- {fact}" for fact in facts)
    lines.append("")
    lines.extend(root_cause(episode))
    lines.extend(contributing(episode))
    lines.extend(timeline_table(episode, timeline_rows))
    return lines


# -- chart -----------------------------------------------------------------------------


def _mermaid_time(moment: datetime | None) -> str | None:
    utc = to_utc(moment)
    return utc.strftime(MERMAID_TIME) if utc is not None else None


def _task(label: str, tags: list[str], task_id: str, start: datetime | None, end: datetime | None) -> str | None:
    begin, finish = _mermaid_time(start), _mermaid_time(end or start)
    if begin is None or finish is None:
        return None
    if finish < begin:
        finish = begin
    return f"    {mermaid_label(label)} :{', '.join([*tags, task_id])}, {begin}, {finish}"


def _incident_tasks(index: int, incident: Incident) -> list[str]:
    tags = ["crit"] if wedge_not_freed(incident) else ["done"]
    cause = incident.primary.rule.id if incident.primary is not None else "unknown cause"
    tasks = [
        _task(f"stuck {cause}", tags, f"i{index}", incident.start or incident.first_warning, incident_last_seen(incident)),
        _task("warnings", ["active"], f"i{index}w", incident.first_warning, incident.last_warning),
    ]
    for number, recovery in enumerate(incident.recoveries, 1):
        label = f"recovery {verdict_word(recovery.verdict)}"
        tasks.append(_task(label, ["milestone"], f"i{index}r{number}", recovery.time, recovery.time))
    return [task for task in tasks if task is not None]


def gantt(analysis: Analysis) -> list[str]:
    body: list[str] = []
    for index, incident in enumerate(analysis.incidents[:MAX_CHART_ITEMS], 1):
        tasks = _incident_tasks(index, incident)
        if tasks:
            body.append(f"    section {mermaid_label(f'{incident.id} {incident.name}', fallback=f'incident {index}')}")
            body.extend(tasks)
    episode_tasks = []
    for index, episode in enumerate(analysis.episodes[:MAX_CHART_ITEMS], 1):
        slug = episode.primary.rule.slug if episode.primary is not None else "episode"
        task = _task(f"{episode.id} {slug}", ["active"], f"e{index}", episode.start, episode.end)
        if task is not None:
            episode_tasks.append(task)
    if episode_tasks:
        body.append("    section Gateway episodes")
        body.extend(episode_tasks)
    if not body:
        return []
    lines = ["## Chart", "", "```mermaid", "gantt", "    title Incidents, warnings, recoveries and gateway episodes (UTC)",
             "    dateFormat YYYY-MM-DDTHH:mm:ss", "    axisFormat %H:%M", "    todayMarker off", *body, "```", ""]
    hidden = max(len(analysis.incidents) - MAX_CHART_ITEMS, 0) + max(len(analysis.episodes) - MAX_CHART_ITEMS, 0)
    if hidden:
        lines.append(f"{hidden} more item(s) not charted.")
        lines.append("")
    return lines


# -- fixes, environment, inputs, appendix ----------------------------------------------


def fixes_checklist(analysis: Analysis) -> list[str]:
    entries: dict[str, list[str]] = {}
    order: list[tuple[str, str]] = []
    items: list[Item] = [*analysis.incidents, *analysis.episodes]
    for item in items:
        for rule_id, text in item_fixes(item):
            if text not in entries:
                entries[text] = []
                order.append((rule_id, text))
            if item.id not in entries[text]:
                entries[text].append(item.id)
    if not order:
        return []
    lines = ["## Fixes", ""]
    for rule_id, text in order:
        where = ", ".join(markdown_text(item_id) for item_id in entries[text][:5])
        lines.append(f"- [ ] {fix_markdown(text)} ({rule_id}; {where})")
    lines.append("")
    return lines


def environment(analysis: Analysis) -> list[str]:
    env, inputs = analysis.environment, analysis.inputs
    facts = [f"**Build generation (inferred):** {markdown_prose(env.build_generation)}"]
    if env.build_hints:
        facts.append("**Build hints:** " + ", ".join(code(hint) for hint in env.build_hints))
    facts.append("**Time zone offsets in the log:** "
                 + (", ".join(code(offset) for offset in env.timezone_offsets) or "none seen"))
    if env.gateway_pids:
        facts.append("**Gateway PIDs:** " + ", ".join(str(pid) for pid in env.gateway_pids))
    if env.models:
        facts.append("**Models:** " + ", ".join(code(model) for model in env.models))
    facts.append(f"**Time range scanned:** {time_range(analysis)}")
    facts.append("**Files scanned:** " + (", ".join(code(name) for name in inputs.files) or "none"))
    lines = ["## Environment", ""]
    lines.extend(f"- {fact}" for fact in facts)
    lines.append("")
    unparsed = (f"{inputs.lines:,} lines read, {inputs.events:,} events; **{inputs.unparsed:,} unparsed**, "
                f"{inputs.truncated:,} truncated, {inputs.untimed:,} without a time.")
    lines.extend(["## Inputs", "", unparsed])
    if inputs.unparsed_examples:
        lines.append("Unparsed lines at: " + ", ".join(code(example) for example in inputs.unparsed_examples) + ".")
    if inputs.evicted_incidents:
        lines.append(f"{inputs.evicted_incidents} incident(s) were evicted (too many open at once).")
    lines.append("")
    return lines


def context_section(analysis: Analysis) -> list[str]:
    """The config used (one line), a bundle's state at export and gaps, and the unrecognised
    signals seen before incidents: the end of the Inputs section."""
    from stuckscan.formats import _context
    from stuckscan.formats._report import display_zone

    config = _context.config_sentence(analysis)
    lines = [f"- **Config:** {markdown_prose(config or 'not recorded')}"]
    bundle = analysis.inputs.bundle
    if bundle is not None:
        lines.append(f"- **Diagnostics bundle** {code(bundle.path)}: "
                     f"{markdown_prose(_context.bundle_sentence(bundle, display_zone(analysis)))}")
        lines.extend(f"  - lacks: {markdown_prose(gap)}" for gap in bundle.gaps)
    shown = _context.shown_signals(analysis, verbose=True)
    if shown:
        lines.extend(["", f"**{markdown_prose(_context.signals_heading(analysis))}**", ""])
        rows = [[str(t.in_windows), f"{t.before_incidents} of {len(analysis.incidents)}", f"{t.lift:.1f}x", str(t.count),
                 markdown_prose(t.level.upper()), cell_code(t.template), cell_code(t.example)] for t in shown]
        lines.extend(table(["Before", "Incidents", "Lift", "In all", "Level", "Template", "Example"], rows))
    lines.append("")
    return lines


def appendix(analysis: Analysis) -> list[str]:
    items: list[Item] = [*analysis.incidents, *analysis.episodes]
    blocks: list[str] = []
    for item in items:
        evidence = item_evidence(item)
        if not evidence:
            continue
        heading = f"incident {item.id} ({item.name})" if isinstance(item, Incident) else episode_name(item)
        body = [f"{location(line)}  {clean(line.text)}" for line in evidence[:MAX_APPENDIX_LINES]]
        if len(evidence) > MAX_APPENDIX_LINES:
            body.append(f"... {len(evidence) - MAX_APPENDIX_LINES} more line(s)")
        blocks.extend([f"### Evidence for {markdown_text(heading)}", "", markdown_code_block("\n".join(body)), ""])
    if not blocks:
        return []
    return ["## Appendix: evidence lines", "", *blocks]


def render_markdown(analysis: Analysis, options: RenderOptions, *, with_appendix: bool = True,
                    timeline_rows: int = MAX_TIMELINE_ROWS, brief: bool = False) -> str:
    """The report for an already prepared (redacted) analysis.

    ``brief`` keeps the title, summary, impact, chart and fixes only (used when a full
    report would not fit GitHub's step-summary size limit).
    """
    lines = [title(analysis), ""]
    lines.extend(summary_paragraph(analysis, options))
    lines.extend(impact(analysis))
    if not brief:
        for incident in analysis.incidents:
            lines.extend(incident_section(incident, timeline_rows))
        for episode in analysis.episodes:
            lines.extend(episode_section(episode, timeline_rows))
    lines.extend(gantt(analysis))
    lines.extend(fixes_checklist(analysis))
    if not brief:
        lines.extend(environment(analysis))
        lines.extend(context_section(analysis))
        if with_appendix:
            lines.extend(appendix(analysis))
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


class MarkdownFormat:
    name = "markdown"

    def render(self, analysis: Analysis, options: RenderOptions) -> str:
        return render_markdown(prepare(analysis, options), options)
