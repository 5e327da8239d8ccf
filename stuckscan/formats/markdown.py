"""``stuckscan report`` and ``--format markdown``: the incident report an SRE pastes into
an issue, a postmortem or a CI job summary.

Order, most useful first: a summary in plain words; the impact table (with each
incident's root cause); each root cause with its deciding evidence and outcome; one
checklist of fixes (primary causes first, each fix once); the charts (one per time
window, :mod:`stuckscan.formats._gantt`); the timelines with repeated warnings folded
into one row; the inputs; and last, once, the appendix of every cited log line.

With more incidents than :data:`MAX_FULL_INCIDENTS` the impact section counts them by
cause, status and session, and only the worst are shown in full (``show_all`` in
:class:`~stuckscan.formats._base.RenderOptions`, ``--all`` on the command line, shows
every one). When nothing was found, the analysis's explanations (filters that hid
findings, input with no OpenClaw line...) say why.

Everything taken from a log is rendered inert (see :mod:`stuckscan.formats._escape`):
identifiers and log lines as code spans or fenced code blocks whose fences outgrow any
backtick run inside, sentences with every Markdown/HTML-significant character escaped,
Mermaid labels entity-encoded. Links are only ever built by this module (rule
documentation and ``openclaw/openclaw`` issue numbers taken from fix texts).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, tzinfo

from stuckscan._dataclass import dataclass
from stuckscan.formats import _folding as folding
from stuckscan.formats import _gantt
from stuckscan.formats._base import RenderOptions, prepare
from stuckscan.formats._escape import (
    clean,
    markdown_code,
    markdown_code_block,
    markdown_prose,
    markdown_text,
)
from stuckscan.formats._outcome import (
    missing_words,
    outcome_class,
    outcome_words,
    recovery_words,
    status_label,
    undelivered_messages,
)
from stuckscan.formats._report import (
    JUDGED_VERDICT,
    SHORT_EXCERPT_VERDICT,
    Item,
    display_zone,
    episode_duration,
    explanations,
    format_duration,
    hides_findings,
    incident_duration,
    incident_last_seen,
    item_evidence,
    item_severity,
    judged_faults_shown,
    messages_possibly_lost,
    plural,
    relative_location,
    too_short_to_clear,
)
from stuckscan.model import Analysis, Episode, Evidence, Finding, Incident, IncidentOrigin, Recovery
from stuckscan.rules import docs_url

UPSTREAM_ISSUES = "https://github.com/openclaw/openclaw/issues/"
MAX_FULL_INCIDENTS = 10
MAX_FULL_EPISODES = 5
MAX_GROUP_ROWS = 10
MAX_DECIDING_EVIDENCE = 3
MAX_RECOVERY_LINES = 4
MAX_TIMELINE_ROWS = 30
MAX_APPENDIX_LINES = 400
MAX_FIX_ITEMS_NAMED = 3
_ISSUE_REFERENCE = re.compile(r"#(\d{2,7})\b")

Row = tuple[str, str, str, str]  # time, event, details, line: each escaped for a table cell


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


def local(moment: datetime | None, zone: tzinfo) -> datetime | None:
    value = _gantt.as_utc(moment)
    return value.astimezone(zone) if value is not None else None


@dataclass(frozen=True, slots=True)
class View:
    """What every section needs to say things the same way: the zone times are shown in
    (the one the options ask for, else the log's own offset, else UTC, as in the text
    views), the gateway episodes by id (for the force-clear sentence), whether times
    need their date (the log spans more than one day) and whether a line number alone
    says where a line is."""

    zone: tzinfo
    zone_name: str
    episodes: Mapping[str, Episode]
    dated: bool
    only_file: str | None   # the one file every cited line comes from: a line number says where

    @classmethod
    def of(cls, analysis: Analysis, options: RenderOptions) -> View:
        zone = display_zone(analysis, options.display_zone)
        first, last = local(analysis.inputs.first_time, zone), local(analysis.inputs.last_time, zone)
        files = {line.file for item in (*analysis.incidents, *analysis.episodes) for line in item_evidence(item)}
        return cls(zone, _gantt.zone_name(zone, first), {episode.id: episode for episode in analysis.episodes},
                   first is not None and last is not None and first.date() != last.date(),
                   files.pop() if len(files) == 1 else None)

    def where(self, line: Evidence) -> str:
        """``1761`` when every line is of one file, else ``logs/x.log:1761``."""
        return str(line.line) if self.only_file is not None else location(line)

    def sources(self) -> str:
        """The sentence that says what the times and line numbers refer to."""
        where = f"line numbers are of {code(relative_location(self.only_file))}" if self.only_file else ""
        return f"Times in {self.zone_name}" + (f"; {where}." if where else ".")

    def at(self, moment: datetime | None) -> str | None:
        """``10:02:14`` (``May 22 10:02:14`` in a multi-day log); None when unknown."""
        value = local(moment, self.zone)
        if value is None:
            return None
        return value.strftime("%b %d %H:%M:%S" if self.dated else "%H:%M:%S")

    def span(self, start: datetime | None, end: datetime | None) -> str | None:
        """``10:34:05 to 10:48:25 UTC``; None when neither end is known (never a placeholder)."""
        first, last = self.at(start), self.at(end)
        if first is None or last is None:
            known = first or last
            return f"at {known} {self.zone_name}" if known is not None else None
        if self.dated and local(start, self.zone).date() == local(end, self.zone).date():  # type: ignore[union-attr]
            last = last.split(" ")[-1]
        return f"{first} to {last} {self.zone_name}"

    def time_range(self, analysis: Analysis) -> str:
        first, last = local(analysis.inputs.first_time, self.zone), local(analysis.inputs.last_time, self.zone)
        if first is None or last is None:
            return "no timestamps"
        end = f"{last:%H:%M:%S}" if first.date() == last.date() else f"{last:%Y-%m-%d %H:%M:%S}"
        return f"{first:%Y-%m-%d %H:%M:%S} to {end} {self.zone_name}"


def counted(count: int, singular: str) -> str:
    """``1,200 stuck-session incidents``."""
    return f"{count:,} {singular if count == 1 else singular + 's'}"


def severity_word(item: Item) -> str:
    severity = item_severity(item)
    return severity.value if severity is not None else "none"


def cause_words(item: Item) -> str:
    return f"{item.primary.rule.id} {item.primary.rule.slug}" if item.primary is not None else "no root cause found"


def lost_messages(incident: Incident) -> int:
    """Queued messages that may never be answered: those a force-clear dropped, else the
    queue behind a wedge that was not freed."""
    return undelivered_messages(incident) or messages_possibly_lost(incident)


def _order(moment: datetime | None) -> float:
    value = _gantt.as_utc(moment)
    return value.timestamp() if value is not None else float("inf")


def _severity_rank(item: Item) -> int:
    severity = item_severity(item)
    return severity.rank if severity is not None else 0


_OUTCOME_RANK = {"stuck": 3, "cleared": 2, "other": 1, "freed": 0}


def worst_first(incident: Incident) -> tuple[int, int, float]:
    return (_severity_rank(incident), _OUTCOME_RANK[outcome_class(incident)], incident_duration(incident) or 0.0)


# -- what is shown in full -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Selection:
    """The incidents and episodes shown in full (in log order) and how many are not."""

    incidents: list[Incident]
    episodes: list[Episode]
    hidden_incidents: int
    hidden_episodes: int

    @property
    def items(self) -> list[Item]:
        return [*self.incidents, *self.episodes]


def select(analysis: Analysis, show_all: bool) -> Selection:
    incidents, episodes = list(analysis.incidents), analysis.episodes  # read once: picked by identity below
    if not show_all and len(incidents) > MAX_FULL_INCIDENTS:
        worst = set(map(id, sorted(incidents, key=worst_first, reverse=True)[:MAX_FULL_INCIDENTS]))
        incidents = [incident for incident in incidents if id(incident) in worst]
    if not show_all and len(episodes) > MAX_FULL_EPISODES:
        worst = set(map(id, sorted(episodes, key=_severity_rank, reverse=True)[:MAX_FULL_EPISODES]))
        episodes = [episode for episode in episodes if id(episode) in worst]
    return Selection(incidents, episodes, len(analysis.incidents) - len(incidents), len(analysis.episodes) - len(episodes))


# -- title and summary -----------------------------------------------------------------


def title(analysis: Analysis) -> str:
    if not analysis.incidents and not analysis.episodes:
        return "# stuckscan report: no stuck sessions found"
    parts = []
    if analysis.incidents:
        parts.append(counted(len(analysis.incidents), "stuck-session incident"))
    if analysis.episodes:
        parts.append(counted(len(analysis.episodes), "gateway episode"))
    return "# stuckscan report: " + ", ".join(parts)


def _status_counts(incidents: Sequence[Incident]) -> str:
    counts = Counter(status_label(incident.status) for incident in incidents)
    return ", ".join(f"{count} {word}" for word, count in counts.most_common())


def headline_sentence(item: Item, view: View) -> str:
    if isinstance(item, Incident):
        when = view.span(item.start or item.first_warning, incident_last_seen(item))
        what = ("showed a fault signal with no stall warning" if item.origin is IncidentOrigin.SIGNAL
                else f"was stuck for {format_duration(incident_duration(item))}")
        sentence = f"Session {code(item.name)} {what}"
    else:
        when = view.span(item.start, item.end)
        sentence = f"Gateway episode {markdown_text(item.id)} lasted {format_duration(episode_duration(item))}"
    if when:
        sentence += f" ({markdown_text(when)})"
    finding = item.primary
    if finding is not None:
        sentence += f": root cause {finding.rule.id}, {markdown_text(finding.rule.title)}"
        if item.contributing:
            sentence += "; contributing " + ", ".join(c.rule.id for c in item.contributing)
    sentence += "."
    if isinstance(item, Incident):
        sentence += f" Outcome: {markdown_prose(outcome_words(item, view.episodes))}."
    return sentence


def summary_paragraph(analysis: Analysis, view: View) -> list[str]:
    inputs = analysis.inputs
    scanned = f"Scanned {plural(len(inputs.files), 'file')}: {inputs.lines:,} lines, {view.time_range(analysis)}."
    if not analysis.incidents and not analysis.episodes:
        why = [f"- {markdown_prose(line)}" for line in explanations(analysis)]
        examples = [*analysis.unexplained.examples, *analysis.judged.examples]
        shown = [markdown_code_block("\n".join(f"{view.where(e)}  {clean(e.text)}" for e in examples)), ""] \
            if examples else []
        verdict = " Nothing shown, and this is not an all-clear:" if any(hides_findings(x) for x in explanations(analysis)) \
            else f" {JUDGED_VERDICT}" if judged_faults_shown(analysis) \
            else f" {SHORT_EXCERPT_VERDICT}" if too_short_to_clear(analysis) \
            else " No stuck sessions and no gateway-wide problems found."
        return [scanned + verdict, "", *why, *([""] if why else []), *shown]
    found = []
    if analysis.incidents:
        sessions = len({incident.name for incident in analysis.incidents})
        found.append(f"{counted(len(analysis.incidents), 'stuck-session incident')} in {counted(sessions, 'session')} "
                     f"({markdown_text(_status_counts(analysis.incidents))})")
    if analysis.episodes:
        found.append(counted(len(analysis.episodes), "gateway-wide episode"))
    sentences = [scanned, "Found " + " and ".join(found) + "."]
    headline = analysis.headline() or (analysis.incidents or analysis.episodes)[0]
    lead = "The main finding: " if len(analysis.incidents) + len(analysis.episodes) > 1 else ""
    sentences.append(lead + headline_sentence(headline, view))
    return [" ".join(sentences), ""]


# -- impact ----------------------------------------------------------------------------


def _group_table(label: str, counts: Counter[str], stuck: Counter[str], longest: dict[str, float]) -> list[str]:
    rows = [[markdown_text(key) if label != "Session" else cell_code(key), f"{count:,}", f"{stuck[key]:,}",
             format_duration(longest.get(key))]
            for key, count in counts.most_common(MAX_GROUP_ROWS)]
    lines = table([label, "Incidents", "Still stuck", "Longest"], rows)
    if len(counts) > MAX_GROUP_ROWS:
        lines.append("")
        lines.append(f"{len(counts) - MAX_GROUP_ROWS:,} more not listed.")
    return [*lines, ""]


def grouped_counts(incidents: Sequence[Incident]) -> list[str]:
    lines: list[str] = []
    for label, key in (("Root cause", cause_words), ("Status", lambda i: status_label(i.status)),
                       ("Session", lambda i: i.name)):
        counts: Counter[str] = Counter()
        stuck: Counter[str] = Counter()
        longest: dict[str, float] = {}
        for incident in incidents:
            value = key(incident)
            counts[value] += 1
            stuck[value] += outcome_class(incident) == "stuck"
            longest[value] = max(longest.get(value, 0.0), incident_duration(incident) or 0.0)
        lines.extend([f"**By {label.lower()}**", "", *_group_table(label, counts, stuck, longest)])
    return lines


def impact(analysis: Analysis, selection: Selection) -> list[str]:
    if not analysis.incidents:
        return []
    sessions = {incident.name for incident in analysis.incidents}
    durations = [d for d in map(incident_duration, analysis.incidents) if d is not None]
    lost_total = sum(map(lost_messages, analysis.incidents))
    lines = ["## Impact", "",
             f"{counted(len(sessions), 'session')} affected; longest stuck {format_duration(max(durations, default=None))}; "
             f"{counted(lost_total, 'queued message')} possibly lost.", ""]
    if selection.hidden_incidents:
        lines.extend(grouped_counts(analysis.incidents))
        lines.extend([f"The {len(selection.incidents)} worst of {len(analysis.incidents):,} incidents, shown in full "
                      "below (`--all` shows every one):", ""])
    rows = [[markdown_text(incident.id), cell_code(incident.name), markdown_text(cause_words(incident)),
             markdown_text(status_label(incident.status)), stuck_cell(incident),
             str(lost_messages(incident)), severity_word(incident)]
            for incident in selection.incidents]
    lines.extend(table(["Incident", "Session", "Root cause", "Status", "Stuck for", "Messages possibly lost",
                        "Severity"], rows))
    lines.append("")
    return lines


# -- root causes -----------------------------------------------------------------------


def deciding_evidence(finding: Finding, item: Item, view: View) -> list[str]:
    """The lines the classifier decided on (its first citations and its last), without
    the session's own ids (the heading names them; the appendix has the lines whole)."""
    cited = finding.evidence
    if len(cited) > MAX_DECIDING_EVIDENCE:
        cited = [*cited[:MAX_DECIDING_EVIDENCE - 1], cited[-1]]
    if not cited:
        return []
    own = folding.own_ids(item)
    body = [f"{view.where(line)}  {folding.without_ids(clean(line.text), own)}" for line in cited]
    return [markdown_code_block("\n".join(body)), ""]


def finding_lines(finding: Finding | None) -> list[str]:
    if finding is None:
        return ["No root cause could be determined from the log.", ""]
    return [f"**{finding.rule.id} {markdown_text(finding.rule.title)}**: {finding.severity.value}, "
            f"{finding.confidence.value} confidence ({rule_link(finding)}). {markdown_prose(finding.summary)}", ""]


def contributing_fact(item: Item) -> str | None:
    if not item.contributing:
        return None
    parts = []
    for finding in item.contributing:
        where = f" (line {finding.evidence[0].line})" if finding.evidence else ""
        parts.append(f"{rule_link(finding)} {markdown_text(finding.rule.slug)}{where}")
    return "**Contributing:** " + ", ".join(parts)


def _recovery_groups(recoveries: Sequence[Recovery]) -> list[list[Recovery]]:
    """Consecutive attempts that did the same thing with the same result, together."""
    groups: list[list[Recovery]] = []
    for recovery in recoveries:
        same = groups and (groups[-1][0].action, groups[-1][0].verdict, groups[-1][0].verdict_reason) == (
            recovery.action, recovery.verdict, recovery.verdict_reason)
        if same:
            groups[-1].append(recovery)
        else:
            groups.append([recovery])
    return groups


def recovery_facts(incident: Incident, view: View) -> list[str]:
    groups = _recovery_groups(incident.recoveries)
    if not groups:
        return ["**Recovery:** none attempted"]
    shown = groups if len(groups) <= MAX_RECOVERY_LINES else [*groups[:2], *groups[-2:]]
    facts = []
    for group in shown:
        first = group[0]
        when = view.span(first.time, group[-1].time) if len(group) > 1 else view.span(first.time, None)
        count = f"{len(group)} \u00d7 " if len(group) > 1 else ""
        reason = f" ({markdown_prose(first.verdict_reason)})" if first.verdict_reason else ""
        facts.append(f"**Recovery:** {count}{code(first.action or 'recovery')} "
                     f"{markdown_prose(recovery_words(incident, first, view.episodes))}{reason}"
                     + (f", {markdown_text(when)}" if when else ""))
    if len(groups) > len(shown):
        hidden = sum(len(group) for group in groups[2:-2])
        facts.insert(2, f"**Recovery:** {plural(hidden, 'more attempt')} in between (see the timeline)")
    return facts


def duration_fact(incident: Incident, view: View) -> str:
    """How long it was stuck and when; for a finding with no stall warning, when its fault
    was logged (it has no stall to measure)."""
    when = view.span(incident.start or incident.first_warning, incident_last_seen(incident))
    if incident.origin is IncidentOrigin.SIGNAL:
        return f"**Fault logged:** {markdown_text(when) if when else 'no time in the log'}"
    fact = f"**Stuck for:** {format_duration(incident_duration(incident))}" + (f", {markdown_text(when)}" if when else "")
    first = view.at(incident.first_warning)
    if first is not None:
        fact += f" (first warning {first}, {plural(incident.measures.warnings, 'warning')})"
    return fact


def stuck_cell(incident: Incident) -> str:
    return "\u2014" if incident.origin is IncidentOrigin.SIGNAL else format_duration(incident_duration(incident))


def incident_cause(incident: Incident, view: View, with_evidence: bool) -> list[str]:
    lines = [f"### Incident {markdown_text(incident.id)}: {code(incident.name)}", ""]
    lines.extend(finding_lines(incident.primary))
    facts = [f"**Outcome:** {markdown_prose(outcome_words(incident, view.episodes))}", duration_fact(incident, view),
             *recovery_facts(incident, view)]
    lost = lost_messages(incident)
    if lost:
        facts.append(f"**Messages possibly lost:** {lost}; tell the affected users")
    facts.append(f"**Session:** key {code(incident.session_key)}, id {code(incident.session_id)}"
                 + (f", run {code(incident.run_ids[0])}" if incident.run_ids else "")
                 + (f" and {len(incident.run_ids) - 1} more" if len(incident.run_ids) > 1 else ""))
    contributing = contributing_fact(incident)
    if contributing:
        facts.append(contributing)
    if incident.episode_ids:
        facts.append("**Gateway episodes at the same time:** " + ", ".join(map(markdown_text, incident.episode_ids)))
    missing = missing_words(incident)
    if missing:
        facts.append(f"**Not yet certain:** {markdown_prose(missing)}")
    lines.extend(f"- {fact}" for fact in facts)
    lines.append("")
    if with_evidence and incident.primary is not None:
        lines.extend(deciding_evidence(incident.primary, incident, view))
    return lines


def episode_cause(episode: Episode, view: View, with_evidence: bool) -> list[str]:
    slug = episode.primary.rule.slug if episode.primary is not None else "unclassified"
    lines = [f"### Gateway episode {markdown_text(episode.id)}: {markdown_text(slug)}", ""]
    lines.extend(finding_lines(episode.primary))
    when = view.span(episode.start, episode.end)
    facts = [f"**Lasted:** {format_duration(episode_duration(episode))}" + (f", {markdown_text(when)}" if when else "")]
    if episode.peak:
        facts.append("**Peak:** " + ", ".join(f"{markdown_text(key)} {value:g}" for key, value in episode.peak.items()))
    if episode.counts:
        facts.append("**Events:** " + ", ".join(f"{code(kind)} \u00d7{count}" for kind, count in episode.counts.items()))
    contributing = contributing_fact(episode)
    if contributing:
        facts.append(contributing)
    if episode.incident_ids:
        facts.append("**Overlapping incidents:** " + ", ".join(map(markdown_text, episode.incident_ids)))
    lines.extend(f"- {fact}" for fact in facts)
    lines.append("")
    if with_evidence and episode.primary is not None:
        lines.extend(deciding_evidence(episode.primary, episode, view))
    return lines


def root_causes(selection: Selection, view: View, with_evidence: bool) -> list[str]:
    if not selection.items:
        return []
    lines = ["## Root cause" if len(selection.items) == 1 else "## Root causes", "", view.sources(), ""]
    for incident in selection.incidents:
        lines.extend(incident_cause(incident, view, with_evidence))
    for episode in selection.episodes:
        lines.extend(episode_cause(episode, view, with_evidence))
    return lines


# -- fixes -----------------------------------------------------------------------------


def fixes_checklist(analysis: Analysis) -> list[str]:
    """Every fix the classifier chose, once, primary causes' fixes first; each names its
    rule and the incidents or episodes it applies to."""
    where: dict[str, list[str]] = {}
    rule_of: dict[str, str] = {}
    primary_fixes: list[str] = []
    contributing_fixes: list[str] = []
    items: list[Item] = [*sorted(analysis.incidents, key=worst_first, reverse=True), *analysis.episodes]
    for item in items:
        findings = [(item.primary, primary_fixes)] if item.primary is not None else []
        findings.extend((finding, contributing_fixes) for finding in item.contributing)
        for finding, bucket in findings:
            for text in finding.fixes:
                if text not in where:
                    where[text] = []
                    rule_of[text] = finding.rule.id
                    bucket.append(text)
                elif bucket is primary_fixes and text in contributing_fixes:
                    contributing_fixes.remove(text)
                    primary_fixes.append(text)
                    rule_of[text] = finding.rule.id
                if not where[text] or where[text][-1] != item.id:  # items come one at a time
                    where[text].append(item.id)
    if not where:
        return []
    lines = ["## Fixes", ""]
    for text in (*primary_fixes, *contributing_fixes):
        ids = where[text]
        named = ", ".join(map(markdown_text, ids[:MAX_FIX_ITEMS_NAMED]))
        if len(ids) > MAX_FIX_ITEMS_NAMED:
            named += f" and {len(ids) - MAX_FIX_ITEMS_NAMED:,} more"
        lines.append(f"- [ ] {fix_markdown(text)} ({rule_of[text]}; {named})")
    lines.append("")
    return lines


# -- charts ----------------------------------------------------------------------------


def chart_section(selection: Selection, view: View) -> list[str]:
    charts = _gantt.charts(selection.incidents, selection.episodes, view.zone)
    if not charts:
        return []
    lines = ["## Chart", ""]
    for chart in charts:
        lines.extend(["```mermaid", *chart, "```", ""])
    lines.extend([_gantt.LEGEND.format(zone=view.zone_name), ""])
    missing = _gantt.uncharted(selection.incidents, selection.episodes)
    if missing:
        lines.extend([f"Not charted (no timestamps): {', '.join(map(markdown_text, missing))}.", ""])
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


# -- timelines -------------------------------------------------------------------------


def _line_cell(lines: Sequence[Evidence], view: View) -> str:
    first, last = lines[0], lines[-1]
    prefix = "" if view.only_file is not None else f"{relative_location(first.file)}:"
    text = f"{prefix}{first.line}" if len(lines) == 1 else f"{prefix}{first.line}\u2026{last.line}"
    return cell_code(text)


def _time_cell(lines: Sequence[Evidence], view: View) -> str:
    first, last = view.at(lines[0].time), view.at(lines[-1].time)
    if first is None or last is None:
        return first or last or "\u2014"
    return first if len(lines) == 1 or first == last else f"{first} to {last}"


def timeline_rows(item: Item, view: View) -> list[tuple[float, int, Row]]:
    rows: list[tuple[float, int, Row]] = []
    counts = Counter(line.kind for line in item.timeline)
    fold_at = 2 if isinstance(item, Episode) else folding.FOLD_AT
    for run in folding.runs(item):
        kind = run[0].kind
        name = folding.event_name(run[0])
        if len(run) >= fold_at:
            total = folding.kind_total(item, kind, counts[kind]) if len(run) == counts[kind] else len(run)
            row = (_time_cell(run, view), f"{total} \u00d7 {markdown_text(name)}", markdown_text(folding.fold_summary(run, total)),
                   _line_cell(run, view))
            rows.append((_order(run[0].time), 1, row))
        else:
            rows.extend((_order(line.time), 1, (_time_cell([line], view), markdown_text(name),
                                                cell_code(folding.details(clean(line.text))), _line_cell([line], view)))
                        for line in run)
    if isinstance(item, Incident):
        for moment, text in _markers(item):
            rows.append((_order(moment), 0, (view.at(moment) or "\u2014", f"*{markdown_text(text)}*", "", "")))
    rows.sort(key=lambda row: (row[0], row[1]))
    return rows


def _markers(incident: Incident) -> list[tuple[datetime, str]]:
    markers: list[tuple[datetime | None, str]] = [
        (incident.start, "stall began (back-computed from the first warning)"),
        (incident.last_progress, "last progress"),
        (incident.end, f"incident ended ({status_label(incident.status)})"),
    ]
    return [(moment, text) for moment, text in markers if moment is not None]


def item_heading(item: Item) -> str:
    if isinstance(item, Incident):
        return f"Timeline of incident {markdown_text(item.id)}: {code(item.name)}"
    return f"Timeline of gateway episode {markdown_text(item.id)}"


def timelines(selection: Selection, view: View, limit: int) -> list[str]:
    blocks: list[str] = []
    for item in selection.items:
        rows = timeline_rows(item, view)
        if not rows:
            continue
        blocks.extend([f"### {item_heading(item)}", ""])
        blocks.extend(table([f"Time ({view.zone_name})", "Event", "Details", "Line"], [row[2] for row in rows[:limit]]))
        blocks.append("")
        if len(rows) > limit:
            blocks.extend([f"{len(rows) - limit} more row(s) not shown; every cited line is in the appendix.", ""])
    if not blocks:
        return []
    return ["## Timeline", "", view.sources() + " Repeated lines of one kind are folded into one row.", "", *blocks]


# -- inputs and appendix ---------------------------------------------------------------


def inputs_section(analysis: Analysis, view: View) -> list[str]:
    env, inputs = analysis.environment, analysis.inputs
    read = (f"{inputs.lines:,} lines, {inputs.events:,} events, **{inputs.unparsed:,} unparsed**, "
            f"{inputs.truncated:,} truncated (cut at the line-length limit), {inputs.untimed:,} without a time")
    facts = [f"**Files:** {', '.join(map(code, inputs.files)) or 'none'} ({read})",
             f"**Time range:** {view.time_range(analysis)}"]
    if inputs.unparsed_examples:
        facts.append("**Unparsed lines at:** " + ", ".join(map(code, inputs.unparsed_examples)))
    if inputs.evicted_incidents:
        facts.append(f"**Evicted:** {inputs.evicted_incidents} incident(s) were evicted (too many open at once)")
    for skipped in inputs.skipped_files:
        facts.append(f"**Not read:** {code(skipped.file)} ({markdown_text(skipped.reason)})")
    build = markdown_prose(env.build_generation)
    if env.build_hints:
        build += " (hints: " + ", ".join(map(code, env.build_hints)) + ")"
    facts.append(f"**OpenClaw build (inferred):** {build}")
    zones = ", ".join(map(code, env.timezone_offsets)) or "none seen"
    facts.append(f"**Time zone offsets in the log:** {zones}")
    if env.models:
        facts.append("**Models:** " + ", ".join(map(code, env.models)))
    if env.gateway_pids:
        facts.append("**Gateway PIDs:** " + ", ".join(str(pid) for pid in env.gateway_pids))
    return ["## Inputs and environment", "", *(f"- {fact}" for fact in facts), ""]


def appendix(selection: Selection) -> list[str]:
    """Every line the shown items cite, once, grouped by file in line order; of a run of
    repeated lines only the first, the last and those a finding cites are shown in full."""
    seen: dict[tuple[str, int], Evidence] = {}
    for item in selection.items:
        for line in item_evidence(item):
            seen.setdefault((line.file, line.line), line)
    if not seen:
        return []
    elided, notes = folding.repeats(selection.items)
    by_file: dict[str, list[str]] = {}
    for key in sorted(seen):
        body = by_file.setdefault(key[0], [])
        if key in notes:
            body.append(notes[key])
        elif key not in elided:
            body.append(f"{key[1]}  {clean(seen[key].text)}")
    lines = ["## Appendix: evidence lines", "", "The log lines cited above, in full."]
    budget = MAX_APPENDIX_LINES
    for name, body in by_file.items():
        shown, budget = body[:max(budget, 0)], budget - len(body)
        if not shown:
            break
        if len(body) > len(shown):
            shown.append(f"... {len(body) - len(shown)} more line(s)")
        lines.extend(["", f"**{code(relative_location(name))}**", "", markdown_code_block("\n".join(shown))])
    if budget < 0:
        lines.extend(["", f"{-budget:,} more cited line(s) not listed."])
    lines.append("")
    return lines


# -- the report ------------------------------------------------------------------------


def render_markdown(analysis: Analysis, options: RenderOptions, *, with_appendix: bool = True,
                    timeline_rows: int = MAX_TIMELINE_ROWS, brief: bool = False) -> str:
    """The report for an already prepared (redacted) analysis.

    ``brief`` keeps the title, summary, impact, root causes (without evidence), fixes and
    charts (used when a full report would not fit GitHub's step-summary size limit).
    """
    selection = select(analysis, options.show_all)
    view = View.of(analysis, options)
    lines = [title(analysis), ""]
    lines.extend(summary_paragraph(analysis, view))
    lines.extend(impact(analysis, selection))
    lines.extend(root_causes(selection, view, with_evidence=not brief))
    lines.extend(fixes_checklist(analysis))
    lines.extend(chart_section(selection, view))
    if not brief:
        lines.extend(timelines(selection, view, timeline_rows))
        lines.extend(inputs_section(analysis, view))
        lines.extend(context_section(analysis))
        if with_appendix:
            lines.extend(appendix(selection))
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


class MarkdownFormat:
    name = "markdown"

    def render(self, analysis: Analysis, options: RenderOptions) -> str:
        return render_markdown(prepare(analysis, options), options)

