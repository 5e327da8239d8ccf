"""`stuckscan scan`, `stuckscan timeline` and `stuckscan report`."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import click

from stuckscan.commands._inputs import InputSelection, input_options, load_analysis, local_zone, selection_from
from stuckscan.commands._options import display_options, make_redactor, redaction_options, shown_zone
from stuckscan.formats import FORMAT_NAMES, RenderOptions, exit_code, parse_fail_on, render, wants_color

if TYPE_CHECKING:
    from stuckscan.redact import Redactor

MACHINE_FORMATS = frozenset({"json", "sarif", "junit", "github"})
# The formats that never read the display zone (their times are UTC).
ZONELESS_FORMATS = MACHINE_FORMATS
# The redactor's memo of texts already learned is emptied when this full: the same
# placeholders, without holding every text of a log with many incidents. (Beyond 1,000
# incidents the second pass needs no memo: see redact.Redactor._learn_store.)
REDACTOR_CACHE = 20_000
REDACTOR_CACHE_CHARS = 8_000_000


def _fail_on(_ctx: click.Context, _param: click.Parameter, value: str) -> Any:
    try:
        return parse_fail_on(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def output_options(func: Any, default_fail_on: str = "error") -> Any:
    func = redaction_options(func)
    func = click.option("--color/--no-color", "color", default=None, help="Force colour on or off (default: on for a terminal, off with NO_COLOR).")(func)
    func = click.option("--fail-on", "fail_on", default=default_fail_on, show_default=True, callback=_fail_on,
                        metavar="error|warning|info|never", help="Exit 1 when a finding is at or above this severity.")(func)
    func = click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
                        help="Write the report to FILE instead of stdout.")(func)
    return func


def _output_width(output: str | None) -> int | None:
    """The terminal's width (None: rich asks it), else ``COLUMNS`` when set, else 100."""
    if output is None and sys.stdout.isatty():
        return None
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else 100


def _display_zone(analysis: Any, selection: InputSelection, asked: Any, output_format: str | None = None) -> Any:
    """The zone asked for; else the one offset the log prints; else, when it prints none
    (time-only lines), the zone its lines were read in; else (several offsets) UTC.

    With ``output_format`` a report that shows no time in it (the machine formats; a text
    report of lines without a time and no bundle) gets None: the machine's zone is not
    looked up (that imports ``dateutil.tz``, about 5 ms of a pasted fragment's scan)."""
    from stuckscan.formats._report import log_zone

    if asked is not None:
        return asked
    zone = log_zone(analysis)
    if zone is None and not analysis.environment.timezone_offsets:
        if selection.zone is None and not _shows_times(analysis, output_format):
            return None
        return local_zone(selection.zone)
    return zone


def _shows_times(analysis: Any, output_format: str | None) -> bool:
    """Whether the report may show a time or a zone in the display zone: not the machine formats (they
    write UTC), and not scan's text report when no line has a time and no bundle was read (then every
    time it shows is ``--:--:--`` or "no timestamps", and it names no zone)."""
    if output_format in ZONELESS_FORMATS:
        return False
    if output_format == "text":
        inputs = analysis.inputs
        return inputs.first_time is not None or inputs.last_time is not None or inputs.bundle is not None
    return True


def _render_options(color: bool | None, output: str | None, fail_on: Any, redactor: Redactor | None,
                    display_zone: Any = None, verbose: bool = False, show_all: bool = False) -> RenderOptions:
    stream = sys.stdout
    if color is None:
        color = output is None and wants_color(stream, os.environ)
    return RenderOptions(redact=redactor is not None, color=color, width=_output_width(output), fail_on=fail_on,
                         display_zone=display_zone, verbose=verbose, show_all=show_all, redactor=redactor)


def _emit(text: str | Iterable[str], output: str | None) -> None:
    from stuckscan.commands._write import write_report

    write_report(text, output)


def _report(output_format: str, analysis: Any, options: RenderOptions) -> str | Iterable[str]:
    """The report; the JSON document in pieces, written as they come (a log with many
    incidents keeps them compressed, and the document is never whole in memory)."""
    if output_format == "json":
        from stuckscan.formats import FORMATS

        return FORMATS["json"].chunks(analysis, options)  # type: ignore[attr-defined, no-any-return]
    return render(output_format, analysis, options)


@click.command()
@click.option("--format", "output_format", type=click.Choice(sorted(FORMAT_NAMES)), default="text", show_default=True,
              help="Output format.")
@click.option("--all", "show_all", is_flag=True, help="Every incident in full, however many (default: the worst 10).")
@click.option("--sarif-root", type=click.Path(file_okay=False), default=None, metavar="DIR",
              help="Repository root that log paths in sarif, github and junit output are relative to "
                   "(default: the git top level of the current directory, else the current directory).")
@output_options
@display_options
@input_options
def scan(output_format: str, output: str | None, fail_on: Any, color: bool | None, no_redact: bool,
         redact_salt: str | None, show_all: bool, sarif_root: str | None, utc: bool, display_tz: Any,
         **kwargs: Any) -> None:
    """Find stuck sessions in [PATH]... and say why and what to change.

    With no PATH, reads the gateway's log directory (/tmp/openclaw, its fallback, or
    logging.file from ~/.openclaw/openclaw.json). A directory means its openclaw-*.log
    files (rotations and .gz included) in time order.

    \b
    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
    2 usage or input error.
    """
    asked = shown_zone(utc, display_tz)
    selection = selection_from(kwargs)
    redactor = make_redactor(no_redact, redact_salt, cache_size=REDACTOR_CACHE, cache_chars=REDACTOR_CACHE_CHARS)
    analysis = load_analysis(selection, machine_output=output_format in MACHINE_FORMATS or output_format == "markdown",
                             redactor=redactor)
    options = _render_options(color if output_format == "text" else False, output, fail_on, redactor,
                              _display_zone(analysis, selection, asked, output_format), selection.verbose, show_all)
    if sarif_root is not None:
        options = dataclasses.replace(options, base_dir=sarif_root)
    _emit(_report(output_format, analysis, options), output)
    if output_format == "github":
        from stuckscan.formats.github import append_step_summary

        append_step_summary(analysis, options, os.environ)
    sys.exit(exit_code(analysis, fail_on))


def human_output_options(func: Any) -> Any:
    return output_options(func, default_fail_on="never")


@click.command()
@click.option("--all", "show_all", is_flag=True, help="Every incident, however many (default: the worst 10).")
@human_output_options
@display_options
@input_options
def timeline(output: str | None, fail_on: Any, color: bool | None, no_redact: bool, redact_salt: str | None,
             show_all: bool, utc: bool, display_tz: Any, **kwargs: Any) -> None:
    """Show each incident in [PATH]... as a readable timeline (use --session to pick one)."""
    asked = shown_zone(utc, display_tz)
    selection = selection_from(kwargs)
    redactor = make_redactor(no_redact, redact_salt)
    analysis = load_analysis(selection, machine_output=False, redactor=redactor)
    options = _render_options(color, output, fail_on, redactor, _display_zone(analysis, selection, asked),
                              selection.verbose, show_all)
    from stuckscan.formats.text import render_timeline  # rich: only for the views that use it

    _emit(render_timeline(analysis, options), output)
    sys.exit(exit_code(analysis, fail_on))


@click.command()
@click.option("--all", "show_all", is_flag=True, help="Every incident in full, however many (default: the worst 10).")
@human_output_options
@display_options
@input_options
def report(output: str | None, fail_on: Any, color: bool | None, no_redact: bool, redact_salt: str | None,
           show_all: bool, utc: bool, display_tz: Any, **kwargs: Any) -> None:
    """Write a markdown incident report for [PATH]... (to stdout, or -o incident.md)."""
    asked = shown_zone(utc, display_tz)
    selection = selection_from(kwargs)
    redactor = make_redactor(no_redact, redact_salt)
    analysis = load_analysis(selection, machine_output=True, redactor=redactor)
    options = _render_options(False, output, fail_on, redactor, _display_zone(analysis, selection, asked),
                              selection.verbose, show_all)
    _emit(render("markdown", analysis, options), output)
    sys.exit(exit_code(analysis, fail_on))
