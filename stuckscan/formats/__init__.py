"""Report formats: one module per format behind one small interface.

Use :func:`render` (it redacts the analysis first unless ``options.redact`` is false)::

    from stuckscan.formats import RenderOptions, exit_code, render
    text = render("sarif", analysis, RenderOptions(fail_on=Severity.WARNING))
    sys.exit(exit_code(analysis, Severity.WARNING))

Formats: ``text`` (rich terminal view), ``json`` (versioned schema), ``sarif`` (2.1.0),
``junit`` (XML), ``github`` (workflow-command annotations) and ``markdown`` (the
incident report). :func:`~stuckscan.formats.text.render_timeline` renders
``stuckscan timeline``; :func:`~stuckscan.formats.github.append_step_summary` appends the
Markdown report to ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

from stuckscan.formats._base import Formatter, RenderOptions, parse_fail_on, prepare, wants_color
from stuckscan.formats._report import EXIT_FINDINGS, EXIT_OK, effective_severity, exit_code
from stuckscan.formats.github import GithubFormat, append_step_summary
from stuckscan.formats.json import JsonFormat
from stuckscan.formats.junit import JunitFormat
from stuckscan.formats.markdown import MarkdownFormat
from stuckscan.formats.sarif import SarifFormat
from stuckscan.formats.text import TextFormat, render_timeline
from stuckscan.model import Analysis

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "Formatter",
    "RenderOptions",
    "effective_severity",
    "exit_code",
    "parse_fail_on",
    "prepare",
    "render",
    "render_timeline",
    "wants_color",
    "append_step_summary",
]

FORMATS: dict[str, Formatter] = {
    formatter.name: formatter
    for formatter in (TextFormat(), JsonFormat(), SarifFormat(), JunitFormat(), GithubFormat(), MarkdownFormat())
}
FORMAT_NAMES: tuple[str, ...] = tuple(FORMATS)


def render(name: str, analysis: Analysis, options: RenderOptions | None = None) -> str:
    """The report in format ``name`` (one of :data:`FORMAT_NAMES`).

    Raises :class:`KeyError` naming the known formats when ``name`` is unknown.
    """
    formatter = FORMATS.get(name)
    if formatter is None:
        raise KeyError(f"unknown format {name!r} (choose from {', '.join(FORMAT_NAMES)})")
    return formatter.render(analysis, options or RenderOptions())
