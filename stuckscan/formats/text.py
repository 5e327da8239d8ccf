"""``--format text`` (the default of ``stuckscan scan``) and ``stuckscan timeline``.

Rendered with rich into a string. Colour only when ``options.color`` is true (the CLI
sets it for a TTY without ``NO_COLOR``); otherwise the output holds no escape sequence
at all. Log text is never parsed as rich markup: every piece is a :class:`rich.text.Text`
built from :func:`~stuckscan.formats._escape.clean` output, and the console has markup,
emoji and highlighting switched off as a second line of defence.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from io import StringIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from stuckscan.formats._base import RenderOptions, prepare
from stuckscan.formats._escape import clean, shorten
from stuckscan.formats._report import (
    Item,
    clock,
    episode_duration,
    episode_name,
    findings_of,
    format_duration,
    incident_duration,
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
)
from stuckscan.model import Analysis, Episode, Evidence, Incident, IncidentStatus, RecoveryVerdict

DEFAULT_WIDTH = 100
MAX_KEY_EVIDENCE = 4
EVIDENCE_TEXT_LIMIT = 160

SEVERITY_STYLES: dict[str, str] = {"error": "bold red", "warning": "yellow", "info": "cyan", "none": "dim"}
STATUS_STYLES: dict[IncidentStatus, str] = {
    IncidentStatus.STILL_STUCK: "bold red",
    IncidentStatus.EVICTED: "red",
    IncidentStatus.RECOVERED: "green",
    IncidentStatus.RESOLVED_BY_ITSELF: "green",
    IncidentStatus.FALSE_POSITIVE: "cyan",
}
VERDICT_STYLES: dict[RecoveryVerdict, str] = {
    RecoveryVerdict.FREED: "green",
    RecoveryVerdict.NOT_FREED: "bold red",
    RecoveryVerdict.FAILED: "red",
    RecoveryVerdict.SKIPPED: "yellow",
    RecoveryVerdict.UNKNOWN: "dim",
}


def terminal_width() -> int:
    """The width of the terminal on stdout (``COLUMNS`` wins), else :data:`DEFAULT_WIDTH`."""
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def make_console(options: RenderOptions) -> tuple[Console, StringIO]:
    """A console writing into a buffer: colour exactly when asked, no markup, no emoji."""
    buffer = StringIO()
    console = Console(
        file=buffer,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        width=options.width or terminal_width(),
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        force_jupyter=False,
        force_interactive=False,
        _environ={},
    )
    return console, buffer


def safe(text: object, style: str = "") -> Text:
    """Untrusted text as an inert rich Text (escape sequences and controls removed)."""
    return Text(clean(str(text)), style=style)


def severity_text(item: Item) -> Text:
    severity = item_severity(item)
    word = severity.value if severity is not None else "none"
    return Text(word, style=SEVERITY_STYLES[word])


def evidence_line(evidence: Evidence) -> Text:
    line = Text(f"{clean(relative_location(evidence.file))}:{evidence.line}", style="dim")
    line.append("  ")
    line.append(safe(shorten(clean(evidence.text), EVIDENCE_TEXT_LIMIT)))
    return line


def _lines(items: list[Text]) -> Text:
    return Text("\n").join(items)


# -- scan view -------------------------------------------------------------------------


def cause_rows(item: Item) -> list[tuple[str, Text]]:
    rows: list[tuple[str, Text]] = []
    for finding, primary in findings_of(item):
        line = Text(f"{finding.rule.id} ", style=SEVERITY_STYLES.get(finding.severity.value, ""))
        line.append(safe(finding.rule.title, "bold" if primary else ""))
        line.append(f"  ({finding.severity.value}, {finding.confidence.value} confidence)", style="dim")
        line.append("\n")
        line.append(safe(finding.summary))
        rows.append(("Root cause" if primary else "Contributing", line))
    if item.primary is None:
        rows.insert(0, ("Root cause", Text("undetermined", style="dim")))
    return rows


def recovery_rows(incident: Incident) -> list[tuple[str, Text]]:
    rows: list[tuple[str, Text]] = []
    for recovery in incident.recoveries:
        line = Text(f"{clock(recovery.time)} ")
        line.append(safe(recovery.action or "recovery"))
        if recovery.released is not None:
            line.append(f" released={recovery.released}", style="dim")
        line.append(" \u2192 ")
        line.append(verdict_word(recovery.verdict), style=VERDICT_STYLES.get(recovery.verdict, ""))
        if recovery.verdict_reason:
            line.append(" (")
            line.append(safe(recovery.verdict_reason))
            line.append(")")
        rows.append(("Recovery", line))
    if not incident.recoveries:
        rows.append(("Recovery", Text("none attempted", style="dim")))
    return rows


def fixes_rows(item: Item) -> list[tuple[str, Text]]:
    fixes = item_fixes(item)
    if not fixes:
        return []
    lines = [Text("\u2022 ").append(safe(text)).append(f" ({rule_id})", style="dim") for rule_id, text in fixes]
    return [("Fixes", _lines(lines))]


def evidence_rows(item: Item) -> list[tuple[str, Text]]:
    chosen: list[Evidence] = []
    for finding, _ in findings_of(item):
        evidence = key_evidence(finding)
        if evidence is not None and evidence not in chosen:
            chosen.append(evidence)
    if not chosen:
        chosen = item_evidence(item)[:MAX_KEY_EVIDENCE]
    if not chosen:
        return []
    return [("Evidence", _lines([evidence_line(evidence) for evidence in chosen[:MAX_KEY_EVIDENCE]]))]


def grid(rows: list[tuple[str, Text]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for label, value in rows:
        table.add_row(Text(label, style="bold"), value)
    return table


def incident_panel(incident: Incident) -> Panel:
    status = Text(status_word(incident.status), style=STATUS_STYLES.get(incident.status, ""))
    if incident.status_reason:
        status.append(" \u2014 ")
        status.append(safe(incident.status_reason))
    session = safe(incident.name)
    if incident.session_id and incident.session_id != incident.name:
        session.append(f"  sessionId {clean(incident.session_id)}", style="dim")
    duration = Text(format_duration(incident_duration(incident)))
    duration.append(f"  (stall began {clock(incident.start)}, first warning {clock(incident.first_warning)}, "
                    f"last warning {clock(incident.last_warning)} UTC)", style="dim")
    rows: list[tuple[str, Text]] = [
        ("Session", session), ("Status", status), ("Stuck for", duration), ("Severity", severity_text(incident)),
    ]
    lost = messages_possibly_lost(incident)
    if lost:
        rows.append(("Possibly lost", Text(f"{plural(lost, 'queued message')} (the wedge was not freed)", style="red")))
    rows.extend(cause_rows(incident))
    rows.extend(recovery_rows(incident))
    rows.extend(fixes_rows(incident))
    rows.extend(evidence_rows(incident))
    title = Text("Incident ", style="bold").append(safe(incident.id, "bold")).append("  ").append(safe(incident.name))
    return Panel(grid(rows), title=title, title_align="left", box=box.ROUNDED, expand=True)


def episode_panel(episode: Episode) -> Panel:
    when = Text(f"{clock(episode.start)} to {clock(episode.end)} UTC ({format_duration(episode_duration(episode))})")
    rows: list[tuple[str, Text]] = [("When", when), ("Severity", severity_text(episode))]
    if episode.peak:
        rows.append(("Peak", safe(", ".join(f"{key}={value:g}" for key, value in episode.peak.items()))))
    if episode.incident_ids:
        rows.append(("Incidents", safe(", ".join(episode.incident_ids))))
    rows.extend(cause_rows(episode))
    rows.extend(fixes_rows(episode))
    rows.extend(evidence_rows(episode))
    title = Text("Gateway episode ", style="bold").append(safe(episode.id, "bold"))
    return Panel(grid(rows), title=title, title_align="left", box=box.ROUNDED, expand=True)


def summary_line(analysis: Analysis, options: RenderOptions) -> Text:
    summary = summarize(analysis, options.fail_on)
    if not analysis.incidents and not analysis.episodes:
        return Text("No stuck sessions and no gateway-wide problems found.", style="green")
    statuses = ", ".join(f"{count} {status_word(IncidentStatus(status))}"
                         for status, count in summary.by_status.items() if count)
    line = Text(plural(summary.incidents, "incident"), style="bold")
    if statuses:
        line.append(f" ({statuses})")
    line.append(", " + plural(summary.episodes, "gateway episode"))
    if summary.worst is not None:
        line.append("; worst severity ")
        line.append(summary.worst.value, style=SEVERITY_STYLES[summary.worst.value])
    threshold = options.fail_on.value if options.fail_on is not None else "never"
    line.append(f"; {summary.failing} at or above --fail-on {threshold}")
    return line


def inputs_line(analysis: Analysis) -> Text:
    inputs = analysis.inputs
    span = (f"{clock(inputs.first_time, with_date=True)} to {clock(inputs.last_time, with_date=True)} UTC"
            if inputs.first_time and inputs.last_time else "no timestamps")
    line = Text(f"Read {inputs.lines:,} lines from {plural(len(inputs.files), 'file')} ({span}): ")
    line.append(f"{inputs.unparsed:,} unparsed", style="yellow" if inputs.unparsed else "")
    line.append(f", {inputs.truncated:,} truncated")
    if inputs.evicted_incidents:
        line.append(f", {inputs.evicted_incidents:,} incident(s) evicted (too many open at once)", style="yellow")
    if inputs.unparsed_examples:
        line.append(" (first at ")
        line.append(safe(", ".join(inputs.unparsed_examples[:3])))
        line.append(")")
    return line


def render_scan(analysis: Analysis, options: RenderOptions) -> str:
    """The scan view for an already prepared (redacted) analysis."""
    console, buffer = make_console(options)
    for incident in analysis.incidents:
        console.print(incident_panel(incident))
    for episode in analysis.episodes:
        console.print(episode_panel(episode))
    console.print(summary_line(analysis, options))
    console.print(inputs_line(analysis))
    return buffer.getvalue()


# -- timeline view ---------------------------------------------------------------------


def timeline_rows(item: Item) -> list[tuple[datetime | None, str, Text, str]]:
    """``(time, event, detail, where)`` rows of one incident or episode, in time order."""
    rows: list[tuple[datetime | None, str, Text, str]] = []
    if isinstance(item, Incident):
        markers = [(item.start, "stall began", "back-computed from the first warning"),
                   (item.last_progress, "last progress", ""),
                   (item.end, "ended", status_word(item.status))]
        rows.extend((moment, event, Text(detail), "") for moment, event, detail in markers if moment is not None)
        for recovery in item.recoveries:
            detail = safe(recovery.action or "recovery").append(" \u2192 ").append(
                verdict_word(recovery.verdict), style=VERDICT_STYLES.get(recovery.verdict, ""))
            rows.append((recovery.time, "recovery verdict", detail, ""))
    for evidence in item.timeline:
        rows.append((evidence.time, clean(evidence.kind), safe(shorten(clean(evidence.text), EVIDENCE_TEXT_LIMIT)),
                     f"{clean(relative_location(evidence.file))}:{evidence.line}"))
    rows.sort(key=lambda row: _timestamp(row[0]))
    return rows


def _timestamp(moment: datetime | None) -> float:
    utc = to_utc(moment)
    return utc.timestamp() if utc is not None else float("inf")


def timeline_heading(item: Item) -> Text:
    if isinstance(item, Incident):
        heading = Text("Incident ", style="bold").append(safe(item.id, "bold")).append("  ").append(safe(item.name))
        heading.append("  ")
        heading.append(status_word(item.status), style=STATUS_STYLES.get(item.status, ""))
    else:
        heading = Text("Gateway ", style="bold").append(safe(episode_name(item)))
    if item.primary is not None:
        heading.append(f"  {item.primary.rule.id} {item.primary.rule.slug}", style="dim")
    return heading


def timeline_table(item: Item) -> Table:
    table = Table(title=timeline_heading(item), title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Time (UTC)", no_wrap=True)
    table.add_column("Event", no_wrap=True, style="bold")
    table.add_column("Detail", overflow="fold", ratio=3)
    table.add_column("Where", overflow="fold", style="dim", ratio=1)
    for moment, event, detail, where in timeline_rows(item):
        table.add_row(Text(clock(moment)), Text(event), detail, Text(where))
    return table


def timeline_plain(item: Item) -> list[str]:
    lines = [timeline_heading(item).plain]
    for moment, event, detail, where in timeline_rows(item):
        suffix = f"  [{where}]" if where else ""
        lines.append(f"  {clock(moment)}  {event:<24} {detail.plain}{suffix}")
    return lines


def render_timeline(analysis: Analysis, options: RenderOptions) -> str:
    """``stuckscan timeline``: each incident and gateway episode as a timeline.

    A rich table per item when ``options.color`` is set (a terminal), plain indented
    lines otherwise. Redacts the analysis first unless ``options.redact`` is false.
    """
    prepared = prepare(analysis, options)
    items: list[Item] = [*prepared.incidents, *prepared.episodes]
    if not options.color:
        blocks = ["\n".join(timeline_plain(item)) for item in items]
        if not blocks:
            blocks = ["No stuck sessions and no gateway-wide problems found."]
        return "\n\n".join(blocks) + "\n\n" + inputs_line(prepared).plain + "\n"
    console, buffer = make_console(options)
    renderables: list[RenderableType] = [timeline_table(item) for item in items]
    if not renderables:
        renderables = [Text("No stuck sessions and no gateway-wide problems found.", style="green")]
    console.print(Group(*renderables))
    console.print(inputs_line(prepared))
    return buffer.getvalue()


class TextFormat:
    name = "text"

    def render(self, analysis: Analysis, options: RenderOptions) -> str:
        return render_scan(prepare(analysis, options), options)
