"""`stuckscan scan`, `stuckscan timeline` and `stuckscan report`."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import click

from stuckscan.commands._inputs import input_options, load_analysis, selection_from
from stuckscan.commands._options import EXIT_ERROR, make_redactor, redaction_options, silence_stdout, tolerant_stdout
from stuckscan.formats import FORMAT_NAMES, RenderOptions, exit_code, parse_fail_on, render, wants_color

if TYPE_CHECKING:
    from stuckscan.redact import Redactor

MACHINE_FORMATS = frozenset({"json", "sarif", "junit", "github"})


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


def _render_options(color: bool | None, output: str | None, fail_on: Any, redactor: Redactor | None) -> RenderOptions:
    stream = sys.stdout
    if color is None:
        color = output is None and wants_color(stream, os.environ)
    width = None if output is None and stream.isatty() else 100
    return RenderOptions(redact=redactor is not None, color=color, width=width, fail_on=fail_on, redactor=redactor)


def _emit(text: str, output: str | None) -> None:
    if output is None:
        stream = tolerant_stdout()
        try:
            stream.write(text if text.endswith("\n") or not text else text + "\n")
            stream.flush()
        except BrokenPipeError:
            # The reader stopped early (`stuckscan scan | head -1`): the exit code still
            # says what was found, as if the whole report had been read.
            silence_stdout()
        return
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        click.echo(f"stuckscan: error: cannot write {output}: {error.strerror or error}", err=True)
        sys.exit(EXIT_ERROR)


@click.command()
@click.option("--format", "output_format", type=click.Choice(sorted(FORMAT_NAMES)), default="text", show_default=True,
              help="Output format.")
@output_options
@input_options
def scan(output_format: str, output: str | None, fail_on: Any, color: bool | None, no_redact: bool,
         redact_salt: str | None, **kwargs: Any) -> None:
    """Find stuck sessions in [PATH]... and say why and what to change.

    With no PATH, reads the gateway's log directory (/tmp/openclaw, its fallback, or
    logging.file from ~/.openclaw/openclaw.json). A directory means its openclaw-*.log
    files (rotations and .gz included) in time order.

    \b
    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
    2 usage or input error.
    """
    selection = selection_from(kwargs)
    redactor = make_redactor(no_redact, redact_salt)
    analysis = load_analysis(selection, machine_output=output_format in MACHINE_FORMATS or output_format == "markdown",
                             redactor=redactor)
    options = _render_options(color if output_format == "text" else False, output, fail_on, redactor)
    _emit(render(output_format, analysis, options), output)
    if output_format == "github":
        from stuckscan.formats.github import append_step_summary

        append_step_summary(analysis, options, os.environ)
    sys.exit(exit_code(analysis, fail_on))


def human_output_options(func: Any) -> Any:
    return output_options(func, default_fail_on="never")


@click.command()
@human_output_options
@input_options
def timeline(output: str | None, fail_on: Any, color: bool | None, no_redact: bool, redact_salt: str | None,
             **kwargs: Any) -> None:
    """Show each incident in [PATH]... as a readable timeline (use --session to pick one)."""
    selection = selection_from(kwargs)
    redactor = make_redactor(no_redact, redact_salt)
    analysis = load_analysis(selection, machine_output=False, redactor=redactor)
    options = _render_options(color, output, fail_on, redactor)
    from stuckscan.formats.text import render_timeline  # rich: only for the views that use it

    _emit(render_timeline(analysis, options), output)
    sys.exit(exit_code(analysis, fail_on))


@click.command()
@human_output_options
@input_options
def report(output: str | None, fail_on: Any, color: bool | None, no_redact: bool, redact_salt: str | None,
           **kwargs: Any) -> None:
    """Write a markdown incident report for [PATH]... (to stdout, or -o incident.md)."""
    selection = selection_from(kwargs)
    redactor = make_redactor(no_redact, redact_salt)
    analysis = load_analysis(selection, machine_output=True, redactor=redactor)
    options = _render_options(False, output, fail_on, redactor)
    _emit(render("markdown", analysis, options), output)
    sys.exit(exit_code(analysis, fail_on))
