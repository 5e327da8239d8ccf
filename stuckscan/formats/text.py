"""``--format text`` (the default of ``stuckscan scan``) and ``stuckscan timeline``.

Rendered with rich into a string. Colour only when ``options.color`` is true (the CLI
sets it for a terminal without ``NO_COLOR``); otherwise the output holds no escape
sequence at all. Log text is never parsed as rich markup: every piece is a
:class:`rich.text.Text` built from :func:`~stuckscan.formats._escape.clean` output, and
the console has markup, emoji and highlighting switched off as a second line of defence.

The scan view puts what to do first: an overview when there is more than one incident,
then per incident its cause, why, how it ended, the top fixes and the strongest
evidence, about 25 lines at 80 columns; ``verbose`` shows everything. Times are shown
in the log's own offset unless ``options.display_zone`` says otherwise, always labelled.
Below :data:`MIN_LAYOUT_WIDTH` columns the view is plain lines (no table, no wrapping).
"""

from __future__ import annotations

import os
import re
import shutil
import textwrap
from collections import Counter
from datetime import datetime, timedelta, timezone, tzinfo
from io import StringIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from stuckscan._dataclass import dataclass
from stuckscan._identity import LINE_ONLY
from stuckscan.formats._base import RenderOptions, prepare
from stuckscan.formats._escape import ELLIPSIS, clean, shorten
from stuckscan.formats._folding import age_figure
from stuckscan.formats._report import (
    JUDGED_VERDICT,
    SHORT_EXCERPT_VERDICT,
    Item,
    display_zone,
    episode_duration,
    explanations,
    findings_of,
    format_duration,
    hides_findings,
    incident_duration,
    incident_last_seen,
    item_evidence,
    item_severity,
    judged_faults_shown,
    local_clock,
    local_span,
    messages_possibly_lost,
    outcome_sentence,
    plural,
    ranked_fixes,
    relative_location,
    short_id,
    status_word,
    strongest_evidence,
    summarize,
    to_utc,
    too_short_to_clear,
    verdict_word,
    worst_first,
    zone_label,
)
from stuckscan.model import (
    Analysis,
    Confidence,
    Episode,
    Evidence,
    Incident,
    IncidentOrigin,
    IncidentStatus,
    Recovery,
    RecoveryVerdict,
)

DEFAULT_WIDTH = 100
MIN_LAYOUT_WIDTH = 40      # below this: plain lines, no table or columns
TABLE_MIN_WIDTH = 72       # below this the overview takes two lines per incident instead of a table
MAX_FIXES = 5
MAX_EVIDENCE = 3
FULL_LIMIT = 10            # incidents shown in full without --all
TABLE_LIMIT = 30           # overview rows before incidents are grouped
GROUP_ROWS = 4             # causes and sessions named in a group line
LABEL_WIDTH = 9
EVIDENCE_TEXT_LIMIT = 160  # an evidence line shown without a view (no width to fit)
ALL_CLEAR = "No stuck sessions and no gateway-wide problems found."

SEVERITY_STYLES: dict[str, str] = {"error": "bold red", "warning": "yellow", "info": "cyan", "none": "dim"}
STATUS_STYLES: dict[IncidentStatus, str] = {
    IncidentStatus.STILL_STUCK: "bold red",
    IncidentStatus.EVICTED: "red",
    IncidentStatus.FORCE_CLEARED: "yellow",
    IncidentStatus.FAULT_SIGNAL: "red",
    IncidentStatus.ENDED_BY_RESTART: "yellow",
    IncidentStatus.RECOVERED: "green",
    IncidentStatus.RESOLVED_BY_ITSELF: "green",
    IncidentStatus.FALSE_POSITIVE: "cyan",
}
VERDICT_STYLES: dict[RecoveryVerdict, str] = {
    RecoveryVerdict.FREED: "green",
    RecoveryVerdict.FORCE_CLEARED: "yellow",
    RecoveryVerdict.NOT_FREED: "bold red",
    RecoveryVerdict.FAILED: "red",
    RecoveryVerdict.SKIPPED: "yellow",
    RecoveryVerdict.UNKNOWN: "dim",
}
SHORT_STATUS: dict[IncidentStatus, str] = {
    IncidentStatus.RECOVERED: "recovered",
    IncidentStatus.RESOLVED_BY_ITSELF: "resolved",
    IncidentStatus.STILL_STUCK: "still stuck",
    IncidentStatus.FALSE_POSITIVE: "false pos.",
    IncidentStatus.EVICTED: "evicted",
    IncidentStatus.FORCE_CLEARED: "force-cleared",
    IncidentStatus.ENDED_BY_RESTART: "restarted",
    IncidentStatus.FAULT_SIGNAL: "signal",
}
SHORT_VERDICT: dict[RecoveryVerdict, str] = {
    RecoveryVerdict.FREED: "freed",
    RecoveryVerdict.FORCE_CLEARED: "force-cleared",
    RecoveryVerdict.NOT_FREED: "not freed",
    RecoveryVerdict.SKIPPED: "skipped",
    RecoveryVerdict.FAILED: "failed",
    RecoveryVerdict.UNKNOWN: "unknown",
}
# Identity tokens an evidence line repeats from the incident's header.
_ID_TOKEN = re.compile(r"\s(?:sessionId|sessionKey|runId|lane|session_id|laneSessionKey)=(\"[^\"]*\"|\S+)")

Row = tuple[str, "Text | BulletList | EvidenceList"]


@dataclass(frozen=True, slots=True)
class View:
    """What every piece of the text views needs to know."""

    zone: tzinfo
    width: int
    verbose: bool
    plain: bool       # too narrow for columns: one plain line per row
    show_all: bool

    @property
    def value_width(self) -> int:
        return max(self.width - LABEL_WIDTH - 2, 20)

    def clock(self, moment: datetime | None, with_date: bool = False) -> str:
        return local_clock(moment, self.zone, with_date)

    def label(self, moment: datetime | None = None) -> str:
        return zone_label(self.zone, moment)


def terminal_width() -> int:
    """The width of the terminal on stdout (``COLUMNS`` wins), else :data:`DEFAULT_WIDTH`."""
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def make_view(analysis: Analysis, options: RenderOptions) -> View:
    width = max(options.width or terminal_width(), 1)
    return View(zone=display_zone(analysis, options.display_zone), width=width, verbose=options.verbose,
                plain=width < MIN_LAYOUT_WIDTH, show_all=options.show_all)


def make_console(options: RenderOptions, width: int | None = None) -> tuple[Console, StringIO]:
    """A console writing into a buffer: colour exactly when asked, no markup, no emoji."""
    buffer = StringIO()
    console = Console(
        file=buffer,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        width=max(width or options.width or terminal_width(), 1),
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


def middle_ellipsis(text: str, limit: int) -> str:
    """``agent:main:tel…direct:<peer-1>``: the start and the end, which tell sessions apart."""
    if len(text) <= limit:
        return text
    if limit < 5:
        return shorten(text, limit)
    tail = (limit - 1) // 2
    return text[: limit - 1 - tail] + ELLIPSIS + text[-tail:]


def file_line(evidence: Evidence) -> str:
    """``openclaw-2026-05-21.log:1761``: the file name without its directory."""
    return f"{os.path.basename(clean(relative_location(evidence.file))) or clean(evidence.file)}:{evidence.line}"


def condensed(text: str, names: list[str]) -> str:
    """An evidence line without the ids the heading already shows."""
    wanted = {name for name in names if name}

    def drop(match: re.Match[str]) -> str:
        value = match.group(1).strip('"')
        return "" if value in wanted or value.removeprefix("session:") in wanted else match.group(0)

    return _ID_TOKEN.sub(drop, text) if wanted else text


def evidence_line(evidence: Evidence, view: View | None = None, names: list[str] | None = None,
                  number_width: int | None = None, keep_words: bool = False) -> Text:
    """``file:line  text`` (or `` line  text`` with ``number_width``, under the file's
    name): the message head and its deciding fields on one line cut to fit, or the whole
    line with ``verbose``. With ``keep_words`` (a fault line shown as it is, no rule having read it) the whole line
    also when words outside its fields would be lost: the error text after them (``nodes failed: … action=invoke:
    node invoke timed out``), a free-text value of several words (``error=connect ECONNREFUSED 10.0.0.1:443``)."""
    where = file_line(evidence) if number_width is None else f"{evidence.line:>{number_width + 2}}"
    if view is not None and not view.verbose:
        head, _ = split_fields(clean(evidence.text))
        detail = deciding_detail(evidence.text)
        text = f"{head} {detail}" if head and detail != head else detail
        worded = keep_words and words_outside_fields(clean(evidence.text))
        if head and not head.strip("[(< ") or worded:
            # a bracketed field first ("[account=a] getMe ... failed"), or words the fields leave out: the line
            text = clean(condensed(clean(evidence.text), names or []))
        if not view.plain:
            limit = max(view.value_width - len(where) - 2, 10)
            text = shorten_middle(text, limit) if worded else shorten(text, limit)
    else:
        text = clean(condensed(clean(evidence.text), names or []))
        if view is None:
            text = shorten(text, EVIDENCE_TEXT_LIMIT)
    line = Text(where, style="dim")
    line.append("  ")
    line.append(text)
    return line


class EvidenceList:
    """A file name, then its lines: the line number in a column, the text wrapped beside it."""

    def __init__(self, heading: Text, lines: list[Text], number_width: int) -> None:
        self.heading = heading
        self.lines = lines
        self.number_width = number_width

    @property
    def plain(self) -> str:
        return "\n".join([self.heading.plain, *(line.plain for line in self.lines)])

    def __rich__(self) -> RenderableType:
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, justify="right", min_width=self.number_width, style="dim")
        table.add_column(overflow="fold")
        for line in self.lines:
            number, _, text = line.plain.lstrip().partition("  ")
            table.add_row(number, line[len(line.plain) - len(text):] if text else Text(""))
        return Group(self.heading, table)


class BulletList:
    """Items with a hanging indent (continuation lines under the text, not the bullet)."""

    def __init__(self, items: list[Text], footer: Text | None = None) -> None:
        self.items = items
        self.footer = footer

    @property
    def plain(self) -> str:
        lines = [f"\u2022 {item.plain}" for item in self.items]
        return "\n".join([*lines, *([self.footer.plain] if self.footer is not None else [])])

    def __rich__(self) -> RenderableType:
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(overflow="fold")
        for item in self.items:
            table.add_row("\u2022", item)
        parts: list[RenderableType] = [table]
        if self.footer is not None:
            parts.append(self.footer)
        return Group(*parts)


def _lines(items: list[Text]) -> Text:
    return Text("\n").join(items)


# -- incident and episode blocks -------------------------------------------------------


def incident_names(incident: Incident) -> list[str]:
    return [name for name in (incident.session_key, incident.session_id, *incident.run_ids) if name]


def incident_title(incident: Incident) -> str:
    """The session key, else ``session <id>``, else ``run <id>``: the name to act on."""
    if incident.session_key:
        return incident.session_key
    if incident.session_id:
        return f"session {incident.session_id}"
    if incident.run_ids:
        name, line_only, _ = incident.run_ids[0].partition(LINE_ONLY)
        if line_only:  # a line that named its session only with masked ids: that masked name, not a run
            return f"{name} (masked; this line only)"
        return f"run {short_id(incident.run_ids[0])}"
    return "(no session named)"


def incident_heading(incident: Incident) -> Text:
    heading = Text(incident.id, style="bold")
    heading.append("  ")
    heading.append_text(severity_text(incident))
    heading.append("  ")
    heading.append_text(safe(incident_title(incident)))
    return heading


def cause_rows(item: Item, view: View | None = None, episode_of: dict[str, str] | None = None) -> list[Row]:
    """The primary cause (rule, title, confidence) and why; the contributing causes on
    one line, each with the gateway episode that shows it (``episode_of``: rule id ->
    episode id), or each with its own summary when verbose."""
    verbose = view is None or view.verbose
    rows: list[Row] = []
    if item.primary is None:
        rows.append(("Cause", Text("undetermined: no rule explains this stall from the lines read", style="dim")))
    else:
        primary = item.primary
        line = Text(f"{primary.rule.id} ", style=SEVERITY_STYLES.get(primary.severity.value, ""))
        line.append_text(safe(primary.rule.title, "bold"))
        if verbose or primary.confidence is not Confidence.HIGH:  # high is what a reader assumes
            line.append(f"  ({primary.confidence.value} confidence)", style="dim")
        rows.append(("Cause", line))
        rows.append(("Why", safe(primary.summary)))
    if not item.contributing:
        return rows
    if verbose:
        for finding in item.contributing:
            line = Text(f"{finding.rule.id} ", style=SEVERITY_STYLES.get(finding.severity.value, ""))
            line.append_text(safe(finding.rule.title))
            line.append(f"  ({finding.severity.value}, {finding.confidence.value} confidence)", style="dim")
            line.append("\n")
            line.append_text(safe(finding.summary))
            rows.append(("Also", line))
        return rows
    also = Text()
    for index, finding in enumerate(item.contributing):
        if index:
            also.append(" \u00b7 ", style="dim")
        also.append(f"{finding.rule.id} ", style=SEVERITY_STYLES.get(finding.severity.value, ""))
        also.append_text(safe(finding.rule.slug))
        episode = (episode_of or {}).get(finding.rule.id)
        also.append(f" ({finding.severity.value}{', ' + episode if episode else ''})", style="dim")
    rows.append(("Also", also))
    return rows


def recovery_line(recovery: Recovery, view: View) -> Text:
    line = Text(f"{view.clock(recovery.time)} ")
    line.append_text(safe(recovery.action or "recovery"))
    if recovery.released is not None:
        line.append(f" released={recovery.released}", style="dim")
    line.append(" \u2192 ")
    line.append(verdict_word(recovery.verdict), style=VERDICT_STYLES.get(recovery.verdict, ""))
    if recovery.verdict_reason:
        line.append(" (")
        line.append_text(safe(recovery.verdict_reason))
        line.append(")")
    return line


def is_signal(incident: Incident) -> bool:
    """A finding without a stall warning: opened by a fault signal, or by lines with no warning."""
    return incident.origin is IncidentOrigin.SIGNAL or (incident.first_warning is None and not incident.labels)


def when_row(incident: Incident, view: View) -> Row:
    """When the session was stuck, in the display zone, with the zone named."""
    last = incident.end or incident_last_seen(incident)
    start = incident.start or incident.first_warning
    if is_signal(incident):
        seen = [e.time for e in strongest_evidence(incident, 1) if e.time is not None]
        moment = seen[0] if seen else start
        when = f"the fault was logged {view.clock(moment, True)} {view.label(moment)}" if moment else "the line has no time"
        return ("Signal", Text(f"no stall warning; {when}"))
    if start is None and last is None:
        age = incident.measures.max_age_seconds
        said = f"the warnings say {format_duration(age)}; " if age else ""
        return ("Stuck", Text(f"{said}the lines carry no time"))
    text = Text(format_duration(incident_duration(incident)), style="bold")
    ending = view.clock(last) if incident.end is not None else f"log end {view.clock(last)}"
    text.append(f"  {view.clock(start, True)} \u2192 {ending} {view.label(last)}")
    if incident.first_warning is not None and incident.first_warning != start:
        text.append(f"; first warning {view.clock(incident.first_warning)}", style="dim")
    return ("Stuck", text)


def outcome_row(incident: Incident, view: View) -> Row:
    return ("Outcome", safe(outcome_sentence(incident, view.zone), STATUS_STYLES.get(incident.status, "")))


def fixes_rows(item: Item, view: View | None = None) -> list[Row]:
    """The fixes, primary cause's first, each once; at most :data:`MAX_FIXES` unless verbose."""
    fixes = ranked_fixes(item)
    if not fixes:
        return []
    primary_rule = item.primary.rule.id if item.primary is not None else None
    shown = fixes if view is None or view.verbose else fixes[:MAX_FIXES]
    lines = []
    for rule_id, text in shown:
        line = safe(text)
        if rule_id != primary_rule:
            line.append(f" ({rule_id})", style="dim")
        lines.append(line)
    rest = len(fixes) - len(shown)
    more = Text(f"+ {plural(rest, 'more fix', 'more fixes')} (-v shows all)", style="dim") if rest else None
    return [("Fix", BulletList(lines, more))]


def evidence_rows(item: Item, view: View | None = None) -> list[Row]:
    """The strongest evidence lines (all of them when verbose); when they come from one
    file, its name once above them and a line number on each."""
    names = incident_names(item) if isinstance(item, Incident) else []
    if view is not None and view.verbose:
        chosen = _all_finding_evidence(item)
    else:
        chosen = strongest_evidence(item, MAX_EVIDENCE)
    if not chosen:
        return []
    files = {evidence.file for evidence in chosen}
    if view is None or len(files) > 1:
        return [("Evidence", _lines([evidence_line(evidence, view, names) for evidence in chosen]))]
    number_width = max(len(str(evidence.line)) for evidence in chosen)
    lines = [evidence_line(evidence, view, names, number_width) for evidence in chosen]
    return [("Evidence", EvidenceList(Text(file_line(chosen[0]).rsplit(":", 1)[0], style="dim"), lines,
                                      number_width + 2))]


def _all_finding_evidence(item: Item) -> list[Evidence]:
    seen: dict[tuple[str, int], Evidence] = {}
    for finding, _ in findings_of(item):
        for evidence in finding.evidence:
            seen.setdefault((evidence.file, evidence.line), evidence)
    if isinstance(item, Incident):
        for recovery in item.recoveries:
            for evidence in recovery.evidence:
                seen.setdefault((evidence.file, evidence.line), evidence)
    return sorted(seen.values(), key=lambda e: (_timestamp(e.time), e.file, e.line)) or item_evidence(item)


def episodes_by_rule(incident: Incident, episodes: list[Episode]) -> dict[str, str]:
    """Rule id -> the id of the gateway episode of this incident that carries it."""
    found: dict[str, str] = {}
    for episode in episodes:
        if episode.id in incident.episode_ids:
            for finding, _ in findings_of(episode):
                found.setdefault(finding.rule.id, episode.id)
    return found


def incident_rows(incident: Incident, view: View, episodes: list[Episode] | None = None) -> list[Row]:
    rows = cause_rows(incident, view, episodes_by_rule(incident, episodes or []))
    rows.append(outcome_row(incident, view))
    rows.append(when_row(incident, view))
    lost = messages_possibly_lost(incident)
    if lost and incident.status is not IncidentStatus.FORCE_CLEARED:
        rows.append(("Lost", Text(f"{plural(lost, 'queued message')} may be lost (the wedge was not freed)", style="red")))
    if incident.missing:  # what the log does not show: a longer log would confirm the verdict
        missing = incident.missing
        if missing[:1].islower():
            missing = f"a longer log would confirm {missing}"
        rows.append(("Missing", safe(missing, "dim")))
    if view.verbose:
        rows.extend(_verbose_identity_rows(incident))
        rows.extend(("Recovery", recovery_line(recovery, view)) for recovery in incident.recoveries)
    rows.extend(fixes_rows(incident, view))
    rows.extend(evidence_rows(incident, view))
    return rows


def _verbose_identity_rows(incident: Incident) -> list[Row]:
    rows: list[Row] = []
    if incident.session_id:
        rows.append(("Session", safe(f"sessionId {incident.session_id}")))
    if incident.run_ids:
        rows.append(("Runs", safe(", ".join(incident.run_ids))))
    if incident.episode_ids:
        rows.append(("Episodes", safe(", ".join(incident.episode_ids))))
    return rows


def episode_heading(episode: Episode) -> Text:
    heading = Text(episode.id, style="bold")
    heading.append("  ")
    heading.append_text(severity_text(episode))
    heading.append("  gateway-wide")
    return heading


def episode_rows(episode: Episode, view: View) -> list[Row]:
    rows = cause_rows(episode, view)
    when = Text(format_duration(episode_duration(episode)), style="bold")
    when.append(f"  {local_span(episode.start, episode.end, view.zone, seconds=True)}")
    rows.append(("When", when))
    if episode.peak:
        rows.append(("Peak", safe(", ".join(f"{key}={value:g}" for key, value in episode.peak.items()))))
    if episode.incident_ids:
        rows.append(("Incidents", safe(", ".join(episode.incident_ids))))
    rows.extend(fixes_rows(episode, view))
    rows.extend(evidence_rows(episode, view))
    return rows


def episode_told(episode: Episode, incidents: list[Incident]) -> bool:
    """The episode's causes all appear in incidents shown in full: one line will do."""
    shown = {incident.id: incident for incident in incidents}
    linked = [shown[incident_id] for incident_id in episode.incident_ids if incident_id in shown]
    if not linked:
        return False
    rules = {finding.rule.id for incident in linked for finding, _ in findings_of(incident)}
    return all(finding.rule.id in rules for finding, _ in findings_of(episode))


# -- laying rows out -------------------------------------------------------------------


def grid(rows: list[Row]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True, min_width=LABEL_WIDTH - 2)
    table.add_column(overflow="fold")
    for label, value in rows:
        table.add_row(Text(label, style="bold"), value)
    return table


def block(heading: Text, rows: list[Row], view: View) -> list[RenderableType]:
    if view.plain:
        lines: list[RenderableType] = [Text(heading.plain)]
        for label, value in rows:
            for index, part in enumerate(value.plain.split("\n")):
                lines.append(Text(f"{label if index == 0 else '':<{LABEL_WIDTH}} {part}".rstrip()))
        return lines
    rule = Rule(heading, align="left", style="dim", characters="\u2500")
    return [rule, grid(rows)]


# -- overview of many incidents --------------------------------------------------------


def last_verdict(incident: Incident) -> RecoveryVerdict | None:
    acted = [r for r in incident.recoveries if r.verdict is not RecoveryVerdict.SKIPPED]
    return acted[-1].verdict if acted else (incident.recoveries[-1].verdict if incident.recoveries else None)


def cause_name(item: Item) -> str:
    return f"{item.primary.rule.id} {item.primary.rule.slug}" if item.primary is not None else "undetermined"


def overview_table(incidents: list[Incident], view: View, title: str | None = None) -> list[RenderableType]:
    """One row per incident: id, session, cause, status, how long, recovery verdict."""
    if view.plain or view.width < TABLE_MIN_WIDTH:
        lines: list[RenderableType] = [Text(title, style="bold")] if title else []
        for incident in incidents:
            cells = _overview_cells(incident)
            first = Text(" ").join([cells[0], cells[3], cells[4], Text("recovery:", style="dim"), cells[5]])
            title = clean(incident_title(incident))
            if not view.plain:
                title = middle_ellipsis(title, max(view.width - 4 - len(cells[2].plain), 12))
            second = Text("  ").append_text(cells[2]).append("  ").append_text(safe(title))
            lines.extend([first, second])
        return lines
    rows = [_overview_cells(incident) for incident in incidents]
    others = [max(len(header), *(len(row[column].plain) for row in rows))
              for column, header in ((0, "Id"), (2, "Cause"), (3, "Status"), (4, "Stuck"), (5, "Recovery"))]
    session_width = max(view.width - sum(others) - 2 * 5, 12)
    titles = [clean(incident_title(incident)) if incident_names(incident) else "\u2014" for incident in incidents]
    prefix = shared_prefix(titles)
    if prefix and title:
        title = f"{title}; sessions are {prefix}\u2026"
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1), collapse_padding=True)
    table.add_column("Id", no_wrap=True)
    table.add_column("Session", no_wrap=True, overflow="ellipsis")
    table.add_column("Cause", no_wrap=True, overflow="ellipsis")
    table.add_column("Status", no_wrap=True)
    table.add_column("Stuck", no_wrap=True, justify="right")
    table.add_column("Recovery", no_wrap=True)
    for name, cells in zip(titles, rows, strict=True):
        table.add_row(cells[0], safe(middle_ellipsis(name[len(prefix):], session_width)), *cells[2:])
    return [safe(title, "bold"), table] if title else [table]


def shared_prefix(titles: list[str]) -> str:
    """The ``agent:main:`` every session key in the table starts with (ends at a colon)."""
    if len(titles) < 2:
        return ""
    prefix = os.path.commonprefix(titles)
    prefix = prefix[: prefix.rfind(":") + 1]
    return prefix if len(prefix) >= 6 and all(len(title) > len(prefix) for title in titles) else ""


def _overview_cells(incident: Incident) -> list[Text]:
    verdict = last_verdict(incident)
    severity = item_severity(incident)
    return [
        Text(incident.id, style="bold"),
        Text(""),
        Text(cause_name(incident), style=SEVERITY_STYLES.get(severity.value if severity else "none", "")),
        Text(SHORT_STATUS.get(incident.status, incident.status.value), style=STATUS_STYLES.get(incident.status, "")),
        Text(format_duration(incident_duration(incident))),
        Text(SHORT_VERDICT[verdict] if verdict else "none", style=VERDICT_STYLES.get(verdict, "dim") if verdict else "dim"),
    ]


def group_lines(incidents: list[Incident]) -> list[Row]:
    """Counts by cause, by status and by session, most frequent first."""
    def counted(counter: Counter[str], noun: str) -> Text:
        parts = [f"{name} {count:,}" for name, count in counter.most_common(GROUP_ROWS)]
        rest = len(counter) - GROUP_ROWS
        if rest > 0:
            parts.append(f"{plural(rest, 'more ' + noun, 'more ' + noun + 's')}")
        return safe(" \u00b7 ".join(parts))

    causes = Counter(cause_name(incident) for incident in incidents)
    statuses = Counter(status_word(incident.status) for incident in incidents)
    sessions = Counter(clean(incident_title(incident)) for incident in incidents)
    return [("By cause", counted(causes, "cause")), ("By status", counted(statuses, "status")),
            ("By session", counted(sessions, "session"))]


def chosen_incidents(incidents: list[Incident], view: View) -> list[Incident]:
    """The incidents shown in full: all with --all, else the worst :data:`FULL_LIMIT`,
    in their own order."""
    if view.show_all or len(incidents) <= FULL_LIMIT:
        return list(incidents)
    worst = {incident.id for incident in worst_first(incidents)[:FULL_LIMIT]}
    return [incident for incident in incidents if incident.id in worst]


def overview(incidents: list[Incident], view: View) -> list[RenderableType]:
    if len(incidents) <= 1:
        return []
    if view.show_all or len(incidents) <= TABLE_LIMIT:
        return overview_table(incidents, view, title=f"{plural(len(incidents), 'incident')}")
    parts: list[RenderableType] = []
    rows = group_lines(incidents)
    if view.plain:
        parts.extend(Text(f"{label}: {value.plain}") for label, value in rows)
    else:
        parts.append(grid(rows))
    worst = worst_first(incidents)[:TABLE_LIMIT]
    parts.extend(overview_table(worst, view, title=f"The worst {len(worst)} of {len(incidents):,} incidents "
                                                   f"(--all lists every one)"))
    return parts


# -- the whole scan view ---------------------------------------------------------------


def summary_line(analysis: Analysis, options: RenderOptions) -> Text:
    summary = summarize(analysis, options.fail_on)
    if not analysis.incidents and not analysis.episodes:
        if any(hides_findings(text) for text in explanations(analysis)):
            return Text("Nothing shown, and this is not an all-clear:", style="bold yellow")
        if judged_faults_shown(analysis):
            return Text(JUDGED_VERDICT, style="yellow")
        if too_short_to_clear(analysis):
            return Text(SHORT_EXCERPT_VERDICT, style="yellow")
        return Text(ALL_CLEAR, style="green")
    statuses = ", ".join(f"{count} {status_word(IncidentStatus(status)).split(' (')[0]}"
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


def explanation_lines(analysis: Analysis, view: View | None = None) -> list[RenderableType]:
    """Each explanation on its own line (wrapped under itself, not under the margin)."""
    said = [safe(text, "yellow") for text in explanations(analysis)]
    if not said:
        return []
    if view is not None and view.plain:
        return [Text("- ").append_text(text) for text in said]
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for text in said:
        table.add_row(Text("\u25b8", style="yellow"), text)
    return [table]


def inputs_line(analysis: Analysis, view: View | None = None) -> Text:
    inputs = analysis.inputs
    if inputs.first_time and inputs.last_time:
        if view is None:
            from stuckscan.formats._report import clock

            span = f"{clock(inputs.first_time, with_date=True)} to {clock(inputs.last_time, with_date=True)} UTC"
        else:
            span = local_span(inputs.first_time, inputs.last_time, view.zone, seconds=True)
    else:
        span = "no timestamps"
    line = Text(f"Read {inputs.lines:,} lines from {plural(len(inputs.files), 'file')} ({span}): ")
    line.append(f"{inputs.unparsed:,} unparsed", style="yellow" if inputs.unparsed else "")
    line.append(f", {inputs.truncated:,} truncated")
    if inputs.evicted_incidents:
        line.append(f", {inputs.evicted_incidents:,} incident(s) evicted (too many open at once)", style="yellow")
    if inputs.unparsed_examples:
        line.append(" (first at ")
        line.append_text(safe(", ".join(inputs.unparsed_examples[:3])))
        line.append(")")
    return line


def scan_renderables(analysis: Analysis, options: RenderOptions, view: View) -> list[RenderableType]:
    parts: list[RenderableType] = []
    incidents = analysis.incidents
    full = chosen_incidents(incidents, view)
    parts.extend(overview(incidents, view))
    for incident in full:
        parts.extend(block(incident_heading(incident), incident_rows(incident, view, analysis.episodes), view))
    if len(full) < len(incidents):
        parts.append(Text(f"{len(incidents) - len(full):,} more incidents are in the overview only; "
                          "--all shows every one in full", style="dim"))
    for episode in analysis.episodes:
        if view.verbose or not episode_told(episode, full):  # else its cause is on its incidents' Also line
            parts.extend(block(episode_heading(episode), episode_rows(episode, view), view))
    parts.append(summary_line(analysis, options))
    parts.extend(explanation_lines(analysis, view))
    parts.extend(unexplained_lines(analysis, view))
    parts.append(inputs_line(analysis, view))
    parts.extend(context_lines(analysis, view))
    return parts


def unexplained_lines(analysis: Analysis, view: View) -> list[RenderableType]:
    """When nothing was found: the first lines that reported a fault no rule explains, and the first fault lines the
    rules read and judged short of a stall, as evidence."""
    if analysis.incidents or analysis.episodes:
        return []
    lines: list[RenderableType] = []
    for title, examples in (("Unexplained fault lines:", analysis.unexplained.examples),
                            ("Warning and error lines read, short of a stall:", analysis.judged.examples)):
        if examples:
            lines.append(Text(title, style="bold"))
            lines.extend(Text("  ").append_text(evidence_line(evidence, view, keep_words=True)) for evidence in examples)
    return lines


def context_lines(analysis: Analysis, view: View) -> list[Text]:
    """The config used, a bundle's state at export and what it lacks, and the unrecognised
    signals seen before incidents (formats/_context.py words them)."""
    from stuckscan.formats import _context

    lines: list[Text] = []
    config = _context.config_sentence(analysis)
    if config is not None:
        lines.append(Text("Config: ", style="dim").append_text(safe(config)))
    bundle = analysis.inputs.bundle
    if bundle is not None:
        lines.append(Text("Bundle: ", style="bold").append_text(safe(_context.bundle_sentence(bundle, view.zone))))
        lines.extend(Text("  lacks: ", style="yellow").append_text(safe(gap)) for gap in _context.bundle_gaps(bundle, view.verbose))
    shown = _context.shown_signals(analysis, view.verbose)
    if shown:
        lines.append(Text(_context.signals_heading(analysis) + ":", style="bold"))
        for template in shown:
            line = Text("  ").append_text(safe(_context.signal_sentence(template, len(analysis.incidents))))
            lines.append(line.append("  (e.g. ").append_text(safe(template.example)).append(")"))
    return lines


def render_scan(analysis: Analysis, options: RenderOptions) -> str:
    """The scan view for an already prepared (redacted) analysis."""
    view = make_view(analysis, options)
    console, buffer = make_console(options, view.width)
    for part in scan_renderables(analysis, options, view):
        if view.plain and isinstance(part, Text):
            console.print(part, soft_wrap=True)
        else:
            console.print(part)
    return without_trailing_spaces(buffer.getvalue())


def without_trailing_spaces(text: str) -> str:
    """rich pads table cells to the width: the padding at the end of a line is noise."""
    return "".join(line.rstrip(" ") + "\n" for line in text.splitlines())


# -- timeline view ---------------------------------------------------------------------


def _timestamp(moment: datetime | None) -> float:
    utc = to_utc(moment)
    return utc.timestamp() if utc is not None else float("inf")


WARNING_KINDS = frozenset({"session.stalled", "session.stuck", "session.long_running"})
COLLAPSE_MIN = 3           # a run of this many same-kind rows becomes one line
RUN_BREAK = timedelta(minutes=10)  # a longer silence ends a run of repeated warnings
MAX_CYCLE = 10             # the longest cycle of lines recognised as repeating
TIMELINE_ROWS = 34         # rows of one timeline before its middle is left to -v
# The fields that decide a verdict, shown first; identity fields are in the heading.
DECIDING_FIELDS = ("error", "lastProgress", "queueDepth", "released", "forceCleared", "drained", "aborted", "status", "action",
                   "age", "state", "prev", "new", "reason", "classification", "activeWorkKind", "lastProgressAge")
IDENTITY_FIELDS = frozenset({"sessionId", "sessionKey", "runId", "lane", "laneSessionKey", "session_id", "conn", "id"})
_FIELD = re.compile(r"(?<![\w.])([A-Za-z_][\w.]*)=(\"[^\"]*\"|\S+)")
# Fields whose unquoted value is free text of several words, running to the next field or the line's end: the hook
# run summary's "summary=LLM request timed out. model=<m>" and "deliveryError=<e>" (src/gateway/server/hooks.ts joins
# them unquoted, whitespace folded to single spaces), the acpx repair's "status=dead summary=<text>".
_FREE_TEXT_FIELDS = frozenset({"summary", "deliveryError"})


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One row: when, what, the deciding detail and where (``1761`` or ``1761–1835``)."""

    time: datetime | None
    event: str
    detail: Text
    where: str = ""
    count: int = 1


def split_fields(text: str) -> tuple[str, list[tuple[str, str]]]:
    """``stalled session: a=1 b=2`` -> (``stalled session:``, [(a, 1), (b, 2)])."""
    matches = list(_FIELD.finditer(text))
    if not matches:
        return text.strip(), []
    fields = []
    for index, match in enumerate(matches):
        key, value = match.group(1), match.group(2)
        if key in _FREE_TEXT_FIELDS and not value.startswith('"'):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
            value = text[match.start(2):end].strip()
        fields.append((key, value))
    return text[: matches[0].start()].strip(), fields


def shorten_middle(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters in its middle: its start and, longer, its end (where a fault
    line's error text is) stay."""
    if len(text) <= limit or limit < 20:
        return shorten(text, limit)
    tail = text[len(text) - limit * 3 // 5:]
    return text[:limit - len(tail) - 1].rstrip() + ELLIPSIS + tail


def words_outside_fields(text: str) -> bool:
    """Whether a line has words after its first ``key=value`` field that no one-word field shows: a free-text value
    of several words counts (``summary=LLM request timed out.``), so an unexplained line keeps its end."""
    match = _FIELD.search(text)
    return match is not None and bool(_FIELD.sub(" ", text[match.start():]).strip(" :;,.-"))


def deciding_detail(text: str) -> str:
    """The fields that decide a verdict first, without the ids the heading shows; the
    message itself when it carries no key=value fields."""
    head, fields = split_fields(clean(text))
    kept = [(key, value) for key, value in fields if key not in IDENTITY_FIELDS]
    if not kept:
        return head or clean(text)
    order = {name: index for index, name in enumerate(DECIDING_FIELDS)}
    kept.sort(key=lambda field: order.get(field[0], len(order)))
    return " ".join(f"{key}={value}" for key, value in kept)


def _field(text: str, name: str) -> str | None:
    for key, value in split_fields(text)[1]:
        if key == name:
            return value.strip('"')
    return None


def _seconds(value: str | None) -> float | None:
    if value is None:
        return None
    number = re.match(r"\d+(?:\.\d+)?", value)
    if number is None:
        return None
    scale = 0.001 if value.endswith("ms") else 60.0 if value.endswith("m") and not value.endswith("ms") else 1.0
    return float(number.group(0)) * scale


def _kind_name(kind: str) -> str:
    """``session.stalled`` -> ``stalled session``-like short words for the Event column."""
    return clean(kind).replace("_", " ").replace(".", " ")


def _where(evidence: Evidence, one_file: bool) -> str:
    return str(evidence.line) if one_file else file_line(evidence)


def event_name(evidence: Evidence) -> str:
    """The log's own words for a line of a known kind (``stalled session``) when short,
    else its kind (``recovery outcome`` for ``stuck session recovery outcome:``)."""
    if evidence.kind not in ("generic", "unparsed"):
        head = split_fields(clean(evidence.text))[0].rstrip(":").strip()
        if 0 < len(head) <= 22 and not any(char in head for char in "=:/[{"):
            return head
    return _kind_name(evidence.kind)


def evidence_rows_of(item: Item, one_file: bool) -> list[TimelineRow]:
    rows = []
    for evidence in item.timeline:
        name, detail = event_name(evidence), deciding_detail(evidence.text)
        if detail.rstrip(":").strip() == name:
            detail = ""  # a message that is only its head says nothing more than the event column
        rows.append(TimelineRow(evidence.time, name, safe(detail), _where(evidence, one_file)))
    return rows


def marker_rows(incident: Incident, view: View) -> list[TimelineRow]:
    rows = []
    if incident.start is not None and not is_signal(incident):
        rows.append(TimelineRow(incident.start, "stall began", Text("back-computed from the first warning's age",
                                                                   style="dim")))
    if incident.last_progress is not None:
        rows.append(TimelineRow(incident.last_progress, "last progress",
                                safe(", ".join(incident.last_progress_values[-1:]) or "", "dim")))
    for recovery in incident.recoveries:
        verdict = Text(verdict_word(recovery.verdict), style=VERDICT_STYLES.get(recovery.verdict, ""))
        if recovery.verdict_reason:
            verdict.append_text(safe(f" ({recovery.verdict_reason})"))
        rows.append(TimelineRow(recovery.time, "recovery verdict", verdict))
    if incident.end is not None:
        rows.append(TimelineRow(incident.end, "ended", safe(status_word(incident.status),
                                                            STATUS_STYLES.get(incident.status, ""))))
    return rows


def _continues_run(previous: Evidence, following: Evidence | None, view: View) -> bool:
    """The next row repeats the run: same kind, soon after, on the same day."""
    if following is None or following.kind != previous.kind:
        return False
    if previous.time is None or following.time is None:
        return previous.time is following.time
    if to_utc(following.time) - to_utc(previous.time) > RUN_BREAK:  # type: ignore[operator]
        return False
    return _date_of(previous.time, view) == _date_of(following.time, view)


def collapse(rows: list[tuple[TimelineRow, Evidence | None]], view: View) -> list[TimelineRow]:
    """Repetition folded away: a run of :data:`COLLAPSE_MIN` or more rows of one kind
    becomes one row (``12 × stalled session  age 443 → 757 s, every 30 s``; a run ends
    at a gap longer than :data:`RUN_BREAK` or a change of day), and a cycle of rows
    that repeats (tool start / tool end, or a whole retry) is shown once with a row
    saying how often it came again."""
    result: list[TimelineRow] = []
    index = 0
    while index < len(rows):
        end = index + 1
        while rows[end - 1][1] is not None and end < len(rows) \
                and _continues_run(rows[end - 1][1], rows[end][1], view):  # type: ignore[arg-type]
            end += 1
        if end - index >= COLLAPSE_MIN:
            run = rows[index:end]
            result.append(collapsed_row([e for _, e in run if e is not None], run[0][0], run[-1][0]))
            index = end
            continue
        period, repeats = repeating_cycle(rows, index, view)
        if repeats < 2:
            result.append(rows[index][0])
            index += 1
            continue
        result.extend(row for row, _ in rows[index:index + period])
        again = rows[index + period:index + period * repeats]
        result.append(repeat_row(again, period, repeats - 1))
        index += period * repeats
    return result


def _kinds(rows: list[tuple[TimelineRow, Evidence | None]], start: int, period: int) -> list[str] | None:
    """The kinds of a candidate cycle; None when it holds a marker or a stall warning
    (warnings are folded by kind, and what comes between them is the story)."""
    kinds = [evidence.kind if evidence is not None else None for _, evidence in rows[start:start + period]]
    if len(kinds) < period or None in kinds or WARNING_KINDS.intersection(kinds):  # type: ignore[arg-type]
        return None
    return kinds  # type: ignore[return-value]


def repeating_cycle(rows: list[tuple[TimelineRow, Evidence | None]], start: int, view: View) -> tuple[int, int]:
    """The period and count of the longest repetition of the rows from ``start`` on (a
    cycle of 2 to :data:`MAX_CYCLE` rows of the same kinds, on one day); (0, 0) for none."""
    best = (0, 0)
    day = _date_of(rows[start][0].time, view)
    for period in range(2, MAX_CYCLE + 1):
        cycle = _kinds(rows, start, period)
        if cycle is None:
            break
        repeats = 1
        while _kinds(rows, start + period * repeats, period) == cycle \
                and _date_of(rows[start + period * (repeats + 1) - 1][0].time, view) == day:
            repeats += 1
        if repeats >= 2 and period * (repeats - 1) > period * (best[1] - 1) and period * (repeats - 1) > 2:
            best = (period, repeats)
    return best


def repeat_row(again: list[tuple[TimelineRow, Evidence | None]], period: int, times: int) -> TimelineRow:
    """``… the 2 lines above 11 more times, to 16:48:19``."""
    first, last = again[0][0], again[-1][0]
    lines = "line" if period == 1 else f"{period} lines"
    detail = Text(f"the {lines} above {plural(times, 'more time')}", style="dim")
    where = f"{first.where}\u2013{last.where.split(':')[-1]}" if first.where and last.where else first.where
    return TimelineRow(first.time, "\u2026 again", detail, where, count=times)


def collapsed_row(run: list[Evidence], first: TimelineRow, last: TimelineRow) -> TimelineRow:
    texts = [clean(evidence.text) for evidence in run]
    parts: list[str] = []
    ages = [_seconds(_field(text, "age")) for text in texts]
    if ages[0] is not None and ages[-1] is not None:
        parts.append(f"age {age_figure(ages[0])} \u2192 {age_figure(ages[-1])} s")
    times = [to_utc(evidence.time) for evidence in run]
    gaps = sorted((b - a).total_seconds() for a, b in zip(times, times[1:], strict=False) if a and b)
    if gaps:
        parts.append(f"every {format_duration(gaps[len(gaps) // 2])}")
    order = {name: index for index, name in enumerate(DECIDING_FIELDS)}
    constant = [f"{key}={value}" for key, value in sorted(split_fields(texts[-1])[1], key=lambda f: order.get(f[0], 99))
                if key in order and key not in ("age", "lastProgressAge")
                and all(_field(text, key) == value.strip('"') for text in texts)]
    detail = safe(", ".join(parts))
    if constant:
        detail.append("; " if parts else "")
        detail.append_text(safe(" ".join(constant)))
    where = f"{first.where}\u2013{last.where.split(':')[-1]}" if first.where and last.where else first.where
    return TimelineRow(first.time, f"{len(run)} \u00d7 {first.event}", detail, where, count=len(run))


def elided_marker(item: Item, rows: list[TimelineRow], view: View) -> tuple[int, TimelineRow] | None:
    """Where the stored timeline skips stall warnings (evidence keeps the first and last few
    of each kind, a long story its first and last 20 lines), and how many lie there."""
    if not isinstance(item, Incident):
        return None
    shown = sum(1 for evidence in item.timeline if evidence.kind in WARNING_KINDS)
    missing = item.measures.warnings - shown
    if missing <= 0:
        return None
    timed = [(index, row.time) for index, row in enumerate(rows) if row.time is not None]
    gaps = [(to_utc(b) - to_utc(a), index_b) for (_, a), (index_b, b) in zip(timed, timed[1:], strict=False)]  # type: ignore[operator]
    if not gaps:
        return None
    span, position = max(gaps)
    marker = TimelineRow(None, "\u2026", Text(f"\u2026 {missing:,} warnings over {format_duration(span.total_seconds())} "
                                               f"\u2026", style="dim"))
    return position, marker


def timeline_rows(item: Item, view: View | None = None) -> list[TimelineRow]:
    """The rows of one incident or episode in time order, repeated warnings collapsed."""
    shown = view or View(zone=timezone.utc, width=DEFAULT_WIDTH, verbose=False, plain=False, show_all=True)
    one_file = len({evidence.file for evidence in item.timeline}) <= 1
    pairs: list[tuple[TimelineRow, Evidence | None]] = [
        (row, evidence) for row, evidence in zip(evidence_rows_of(item, one_file), item.timeline, strict=True)]
    if isinstance(item, Incident):
        pairs.extend((row, None) for row in marker_rows(item, shown))
    pairs.sort(key=lambda pair: _timestamp(pair[0].time))
    rows = collapse(pairs, shown) if not shown.verbose else [row for row, _ in pairs]
    marker = elided_marker(item, rows, shown)
    if marker is not None:
        rows.insert(marker[0], marker[1])
    return rows if shown.verbose else capped(rows, shown)


def capped(rows: list[TimelineRow], view: View) -> list[TimelineRow]:
    """At most :data:`TIMELINE_ROWS` rows: the start and, longer, the end (where the
    recovery and the outcome are), with a row saying what lies between (-v shows it)."""
    if len(rows) <= TIMELINE_ROWS:
        return rows
    head, tail = TIMELINE_ROWS // 3, TIMELINE_ROWS - TIMELINE_ROWS // 3 - 1
    middle = rows[head:len(rows) - tail]
    times = [row.time for row in middle if row.time is not None]
    span = f", {view.clock(times[0])}\u2013{view.clock(times[-1])}" if times else ""
    detail = Text(f"\u2026 {plural(len(middle), 'more row')}{span} (-v shows them) \u2026", style="dim")
    return [*rows[:head], TimelineRow(None, "\u2026", detail), *rows[len(rows) - tail:]]


def timeline_heading(item: Item, view: View) -> list[Text]:
    """The ids once, the cause, and where the lines come from."""
    if isinstance(item, Incident):
        first = incident_heading(item)
        first.append("  ")
        first.append(SHORT_STATUS.get(item.status, item.status.value), style=STATUS_STYLES.get(item.status, ""))
    else:
        first = episode_heading(item)
    ids: list[str] = []
    if item.primary is not None:
        cause = f"{item.primary.rule.id} {item.primary.rule.slug}"
        if first.cell_len + 2 + len(cause) <= view.width or view.plain:
            first.append(f"  {cause}", style="dim")
        else:
            ids.append(cause)
    if isinstance(item, Incident):
        if item.session_id and item.session_key:
            ids.append(f"sessionId {short_id(item.session_id)}")
        if item.run_ids and LINE_ONLY not in item.run_ids[0]:
            more = f" +{len(item.run_ids) - 3}" if len(item.run_ids) > 3 else ""
            ids.append(f"run {', '.join(short_id(run) for run in item.run_ids[:3])}{more}")
    files = sorted({os.path.basename(clean(relative_location(e.file))) for e in item.timeline})
    source = f"lines of {files[0]}, " if len(files) == 1 else ""
    where = Text(f"{source}times {view.label(item.timeline[-1].time if item.timeline else None)}", style="dim")
    return [first, safe("  ".join(ids), "dim"), where] if ids else [first, where]


def _date_of(moment: datetime | None, view: View) -> str | None:
    return view.clock(moment, True)[:10] if moment is not None else None


def timeline_lines(item: Item, view: View) -> list[RenderableType]:
    rows = timeline_rows(item, view)
    parts: list[RenderableType] = list(timeline_heading(item, view))
    dates = {_date_of(row.time, view) for row in rows if row.time is not None}
    current: str | None = None if len(dates) > 1 else next(iter(dates), None)
    if current is not None:
        parts[-1].append(f" on {current}")  # type: ignore[union-attr]
    event_width = min(max((len(row.event) for row in rows), default=10), 24)
    room = view.width - 2 - 8 - 2 - event_width - 1
    for row in rows:
        day = _date_of(row.time, view)
        if day is not None and day != current:
            parts.append(Text(f"  \u2500\u2500 {day}", style="bold"))
            current = day
        moment = view.clock(row.time) if row.time is not None else " " * 8
        detail = row.detail.copy()
        line = Text(f"  {moment}  ")
        if view.plain or view.verbose:
            line.append(f"{row.event} ", style="bold" if row.count > 1 else "")
            line.append_text(detail)
            if row.where:
                line.append(f"  {row.where}", style="dim")
        else:
            width = max(room - (2 + len(row.where) if row.where else 0), 16)
            rest: list[str] = []
            if row.count > 1 and detail.cell_len > width:  # a collapsed run: its summary is worth two lines
                first, *rest = textwrap.wrap(detail.plain, width, break_long_words=False) or [""]
                if len(rest) > 2:
                    rest = [rest[0], " ".join(rest[1:])]
                detail = Text(first)
            detail.truncate(width, overflow="ellipsis", pad=bool(row.where))
            line.append(shorten(row.event, event_width).ljust(event_width), style="bold" if row.count > 1 else "")
            line.append(" ")
            line.append_text(detail)
            if row.where:
                line.append(f"  {row.where}", style="dim")
            parts.append(line)
            indent = " " * (2 + 8 + 2 + event_width + 1)
            parts.extend(Text(indent + shorten(more, width)) for more in rest[:2])
            continue
        parts.append(line)
    return parts


def render_timeline(analysis: Analysis, options: RenderOptions) -> str:
    """``stuckscan timeline``: each incident and gateway episode as a timeline.

    One line per event at the display width (``file:line`` as a short line number, ids
    in the heading, repeated warnings collapsed, a date line whenever the day changes).
    Redacts the analysis first unless ``options.redact`` is false.
    """
    prepared = prepare(analysis, options)
    view = make_view(prepared, options)
    console, buffer = make_console(options, view.width)
    incidents = chosen_incidents(prepared.incidents, view)
    items: list[Item] = [*incidents, *prepared.episodes]
    for index, item in enumerate(items):
        if index:
            console.print()
        for part in timeline_lines(item, view):
            if view.plain:
                console.print(part, soft_wrap=True, overflow="ignore")
            else:
                console.print(part, soft_wrap=view.verbose, overflow="fold" if view.verbose else "ellipsis")
    if len(incidents) < len(prepared.incidents):
        console.print(Text(f"{len(prepared.incidents) - len(incidents):,} more incidents not shown; --all shows them",
                           style="dim"))
    if not items:
        console.print(summary_line(prepared, options))
    else:
        console.print()
    for line in explanation_lines(prepared, view):
        console.print(line)
    console.print(inputs_line(prepared, view), soft_wrap=view.plain)
    return without_trailing_spaces(buffer.getvalue())


class TextFormat:
    name = "text"

    def render(self, analysis: Analysis, options: RenderOptions) -> str:
        return render_scan(prepare(analysis, options), options)
