"""``--format github``: GitHub Actions workflow commands (annotations) and the job summary.

One ``::error``/``::warning``/``::notice`` line per finding, at the log file and line of
its key evidence (relative to the repository root, as GitHub resolves it), then one
``::notice`` summary line. A finding cited twice at the same line (a gateway episode's
cause that is also an incident's contributing factor) is annotated once, naming both. Every line starts with ``::``;
properties and messages are escaped exactly as GitHub's toolkit does (``%``, ``\\r``,
``\\n`` and, in properties, ``:`` and ``,``), after control characters and escape
sequences were removed, so log text can neither end a command nor start another one.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Mapping

from stuckscan._dataclass import dataclass
from stuckscan.formats._base import RenderOptions, prepare
from stuckscan.formats._escape import clean, github_data, github_property, shorten
from stuckscan.formats._outcome import duration_words, missing_words, outcome_words, status_label, undelivered_messages
from stuckscan.formats._repo import display_path, prepare_for_ci
from stuckscan.formats._report import (
    Item,
    effective_severity,
    episode_duration,
    episode_name,
    explanations,
    findings_of,
    format_duration,
    item_location,
    key_evidence,
    plural,
    relative_location,
    sentence_case,
    summarize,
)
from stuckscan.formats.markdown import render_markdown
from stuckscan.model import Analysis, Episode, Finding, Incident, Severity

COMMANDS: dict[Severity, str] = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
STEP_SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"
STEP_SUMMARY_LIMIT = 1024 * 1024 - 4096  # GitHub rejects summaries over 1 MiB per step
MAX_MESSAGE = 4000


def workflow_command(command: str, properties: dict[str, str], message: str) -> str:
    """``::command key=value,...::message`` with GitHub's escaping."""
    rendered = ",".join(f"{key}={github_property(clean(value))}" for key, value in properties.items() if value)
    head = f"::{command} {rendered}" if rendered else f"::{command}"
    return f"{head}::{github_data(message)}"


def _subject(item: Item, episodes: Mapping[str, Episode]) -> str:
    if isinstance(item, Incident):
        return (f"Session {item.name}: {duration_words(item)}; "
                f"{outcome_words(item, episodes)}")
    return f"{sentence_case(episode_name(item))}: lasted {format_duration(episode_duration(item))}"


@dataclass(slots=True)
class Note:
    """One annotation: a finding at its key line, with every subject it concerns."""

    severity: Severity
    file: str | None
    line: int | None
    finding: Finding
    primary: bool
    subjects: list[str]
    extra: list[str]


def _note(item: Item, finding: Finding, primary: bool, base_dir: str, episodes: Mapping[str, Episode]) -> Note:
    evidence = key_evidence(finding) or item_location(item)
    extra = []
    if primary and isinstance(item, Incident) and item.contributing:
        extra.append("Contributing: " + ", ".join(f"{c.rule.id} {c.rule.slug}" for c in item.contributing))
    if isinstance(item, Incident) and item.missing:
        extra.append(f"Not yet certain: {missing_words(item)}")
    if evidence is not None:
        extra.append(f"Evidence: {shorten(clean(evidence.text), 300)}")
    return Note(effective_severity(finding), relative_location(evidence.file, base_dir) if evidence else None,
                evidence.line if evidence else None, finding, primary, [_subject(item, episodes)], extra)


def notes(analysis: Analysis, base_dir: str) -> list[Note]:
    """One note per finding, except that a finding at a file and line already noted for
    the same rule (a gateway episode's cause, cited again as an incident's contributing
    factor) joins that note instead of repeating it: GitHub would show both."""
    episodes = {episode.id: episode for episode in analysis.episodes}
    found: dict[tuple[str, str | None, int | None], Note] = {}
    items: list[Item] = [*analysis.incidents, *analysis.episodes]
    for item in items:
        for finding, primary in findings_of(item):
            note = _note(item, finding, primary, base_dir, episodes)
            key = (finding.rule.id, note.file, note.line)
            earlier = found.get(key)
            if earlier is None:
                found[key] = note
                continue
            earlier.subjects.extend(subject for subject in note.subjects if subject not in earlier.subjects)
            if primary and not earlier.primary:
                earlier.primary, earlier.finding = True, finding
            earlier.severity = max(earlier.severity, note.severity, key=lambda severity: severity.rank)
    return list(found.values())


def annotation(note: Note) -> str:
    role = "root cause" if note.primary else "contributing"
    properties = {"title": f"{note.finding.rule.id} {note.finding.rule.slug} ({role})"}
    if note.file is not None and note.line is not None:
        properties = {"file": display_path(note.file), "line": str(note.line), **properties}
    lines = [*map(clean, note.subjects), clean(f"{note.finding.rule.title}: {note.finding.summary}"),
             *map(clean, note.extra)]
    message = shorten("\n".join(lines), MAX_MESSAGE)
    return workflow_command(COMMANDS[note.severity], properties, message)


def summary_command(analysis: Analysis, options: RenderOptions) -> str:
    summary = summarize(analysis, options.fail_on)
    threshold = options.fail_on.value if options.fail_on is not None else "never"
    if not analysis.incidents and not analysis.episodes:
        text = (f"stuckscan: no stuck sessions in {plural(len(analysis.inputs.files), 'file')} "
                f"({analysis.inputs.lines} lines)")
        # (why an empty result is not an all-clear, or what it cannot rule out: the same words as the other formats)
        text += "".join(f"; {clean(said)}" for said in explanations(analysis))
    else:
        text = (f"stuckscan: {plural(summary.incidents, 'incident')}, {plural(summary.episodes, 'gateway episode')}, "
                f"{plural(summary.findings, 'finding')}; {summary.failing} at or above --fail-on {threshold}")
        outcomes = Counter(status_label(incident.status) for incident in analysis.incidents)
        if outcomes:
            text += " (" + ", ".join(f"{count} {word}" for word, count in outcomes.most_common()) + ")"
        undelivered = sum(undelivered_messages(incident) or 0 for incident in analysis.incidents)
        if undelivered:
            text += f"; {plural(undelivered, 'queued message')} not delivered after a force-clear"
    if analysis.inputs.unparsed:
        text += f"; {analysis.inputs.unparsed} unparsed line(s)"
    if analysis.inputs.truncated:
        text += f"; {analysis.inputs.truncated} line(s) cut at the line-length limit"
    if analysis.inputs.evicted_incidents:
        text += f"; {analysis.inputs.evicted_incidents} incident(s) evicted (too many open at once)"
    return workflow_command("notice", {"title": "stuckscan summary"}, text)


def render_github(analysis: Analysis, options: RenderOptions, base_dir: str | None = None) -> str:
    """Annotations for an already prepared (repository-relative, redacted) analysis."""
    lines = [annotation(note) for note in notes(analysis, base_dir or options.base_dir or os.getcwd())]
    lines.append(summary_command(analysis, options))
    return "\n".join(lines) + "\n"


def step_summary_markdown(analysis: Analysis, options: RenderOptions, limit: int = STEP_SUMMARY_LIMIT) -> str:
    """The Markdown report, made smaller until it fits GitHub's step-summary limit."""
    prepared = prepare(analysis, options)
    renderings: tuple[Callable[[], str], ...] = (
        lambda: render_markdown(prepared, options),
        lambda: render_markdown(prepared, options, with_appendix=False),
        lambda: render_markdown(prepared, options, with_appendix=False, timeline_rows=10),
        lambda: render_markdown(prepared, options, brief=True),
    )
    for rendering in renderings:
        text = rendering()
        if len(text.encode("utf-8")) <= limit:
            return text
    return "# stuckscan report\n\nThe report is too large for a job summary; see the uploaded report files.\n"


def append_step_summary(analysis: Analysis, options: RenderOptions, environ: Mapping[str, str] | None = None) -> bool:
    """Append the Markdown report to the file named by ``$GITHUB_STEP_SUMMARY``.

    Returns False (and writes nothing) when the variable is not set, as outside GitHub
    Actions. Errors writing the file propagate as :class:`OSError`.
    """
    path = (os.environ if environ is None else environ).get(STEP_SUMMARY_VARIABLE)
    if not path:
        return False
    text = step_summary_markdown(analysis, options)
    with open(path, "a", encoding="utf-8", newline="\n") as handle:
        handle.write(text if text.endswith("\n") else text + "\n")
    return True


class GithubFormat:
    name = "github"

    def render(self, analysis: Analysis, options: RenderOptions) -> str:
        prepared, root = prepare_for_ci(analysis, options)
        return render_github(prepared, options, root)
