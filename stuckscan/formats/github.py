"""``--format github``: GitHub Actions workflow commands (annotations) and the job summary.

One ``::error``/``::warning``/``::notice`` line per finding, at the log file and line of
its key evidence, then one ``::notice`` summary line. Every line starts with ``::``;
properties and messages are escaped exactly as GitHub's toolkit does (``%``, ``\\r``,
``\\n`` and, in properties, ``:`` and ``,``), after control characters and escape
sequences were removed, so log text can neither end a command nor start another one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from stuckscan.formats._base import RenderOptions, prepare
from stuckscan.formats._escape import clean, github_data, github_property, shorten
from stuckscan.formats._report import (
    Item,
    effective_severity,
    episode_duration,
    episode_name,
    findings_of,
    format_duration,
    incident_duration,
    item_location,
    key_evidence,
    plural,
    relative_location,
    sentence_case,
    status_word,
    summarize,
)
from stuckscan.formats.markdown import render_markdown
from stuckscan.model import Analysis, Finding, Incident, Severity

COMMANDS: dict[Severity, str] = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
STEP_SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"
STEP_SUMMARY_LIMIT = 1024 * 1024 - 4096  # GitHub rejects summaries over 1 MiB per step
MAX_MESSAGE = 4000


def workflow_command(command: str, properties: dict[str, str], message: str) -> str:
    """``::command key=value,...::message`` with GitHub's escaping."""
    rendered = ",".join(f"{key}={github_property(clean(value))}" for key, value in properties.items() if value)
    head = f"::{command} {rendered}" if rendered else f"::{command}"
    return f"{head}::{github_data(message)}"


def _subject(item: Item) -> str:
    if isinstance(item, Incident):
        return (f"Session {item.name}: {status_word(item.status)} after "
                f"{format_duration(incident_duration(item))}")
    return f"{sentence_case(episode_name(item))}: lasted {format_duration(episode_duration(item))}"


def annotation(item: Item, finding: Finding, primary: bool, options: RenderOptions) -> str:
    evidence = key_evidence(finding) or item_location(item)
    role = "root cause" if primary else "contributing"
    title = f"{finding.rule.id} {finding.rule.slug} ({role})"
    properties = {"title": title}
    if evidence is not None:
        properties = {"file": relative_location(evidence.file, options.base_dir), "line": str(evidence.line), **properties}
    lines = [clean(_subject(item)), clean(f"{finding.rule.title}: {finding.summary}")]
    if primary and isinstance(item, Incident) and item.contributing:
        lines.append("Contributing: " + ", ".join(f"{c.rule.id} {c.rule.slug}" for c in item.contributing))
    if evidence is not None:
        lines.append(clean(f"Evidence: {shorten(clean(evidence.text), 300)}"))
    message = shorten("\n".join(lines), MAX_MESSAGE)
    return workflow_command(COMMANDS[effective_severity(finding)], properties, message)


def summary_command(analysis: Analysis, options: RenderOptions) -> str:
    summary = summarize(analysis, options.fail_on)
    threshold = options.fail_on.value if options.fail_on is not None else "never"
    if not analysis.incidents and not analysis.episodes:
        text = (f"stuckscan: no stuck sessions in {plural(len(analysis.inputs.files), 'file')} "
                f"({analysis.inputs.lines} lines)")
    else:
        text = (f"stuckscan: {plural(summary.incidents, 'incident')}, {plural(summary.episodes, 'gateway episode')}, "
                f"{plural(summary.findings, 'finding')}; {summary.failing} at or above --fail-on {threshold}")
    if analysis.inputs.unparsed:
        text += f"; {analysis.inputs.unparsed} unparsed line(s)"
    if analysis.inputs.truncated:
        text += f"; {analysis.inputs.truncated} line(s) cut at the line-length limit"
    if analysis.inputs.evicted_incidents:
        text += f"; {analysis.inputs.evicted_incidents} incident(s) evicted (too many open at once)"
    return workflow_command("notice", {"title": "stuckscan summary"}, text)


def render_github(analysis: Analysis, options: RenderOptions) -> str:
    """Annotations for an already prepared (redacted) analysis."""
    items: list[Item] = [*analysis.incidents, *analysis.episodes]
    lines = [annotation(item, finding, primary, options) for item in items for finding, primary in findings_of(item)]
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
        return render_github(prepare(analysis, options), options)
