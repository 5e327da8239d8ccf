"""`stuckscan scan`, `stuckscan timeline` and `stuckscan report`."""

from __future__ import annotations

import dataclasses
import os
import sys
from typing import Any

import click

from stuckscan.commands._inputs import input_options, load_analysis, selection_from
from stuckscan.formats import FORMAT_NAMES, RenderOptions, exit_code, parse_fail_on, render, wants_color

MACHINE_FORMATS = frozenset({"json", "sarif", "junit", "github"})


def _fail_on(_ctx: click.Context, _param: click.Parameter, value: str) -> Any:
    try:
        return parse_fail_on(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def output_options(func: Any, default_fail_on: str = "error") -> Any:
    func = click.option("--no-redact", is_flag=True, help="Keep secrets and personal ids in the output (redacted by default).")(func)
    func = click.option("--color/--no-color", "color", default=None, help="Force colour on or off (default: on for a terminal, off with NO_COLOR).")(func)
    func = click.option("--fail-on", "fail_on", default=default_fail_on, show_default=True, callback=_fail_on,
                        metavar="error|warning|info|never", help="Exit 1 when a finding is at or above this severity.")(func)
    func = click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
                        help="Write the report to FILE instead of stdout.")(func)
    return func


def _render_options(color: bool | None, output: str | None, fail_on: Any, no_redact: bool) -> RenderOptions:
    stream = sys.stdout
    if color is None:
        color = output is None and wants_color(stream, os.environ)
    width = None if output is None and stream.isatty() else 100
    return RenderOptions(redact=not no_redact, color=color, width=width, fail_on=fail_on)


def _emit(text: str, output: str | None) -> None:
    from stuckscan.commands._write import write_report

    write_report(text, output)


@click.command()
@click.option("--format", "output_format", type=click.Choice(sorted(FORMAT_NAMES)), default="text", show_default=True,
              help="Output format.")
@click.option("--sarif-root", type=click.Path(file_okay=False), default=None, metavar="DIR",
              help="Repository root that log paths in sarif, github and junit output are relative to "
                   "(default: the git top level of the current directory, else the current directory).")
@output_options
@input_options
def scan(output_format: str, output: str | None, fail_on: Any, color: bool | None, no_redact: bool,
         sarif_root: str | None, **kwargs: Any) -> None:
    """Find stuck sessions in [PATH]... and say why and what to change.

    With no PATH, reads the gateway's log directory (/tmp/openclaw, its fallback, or
    logging.file from ~/.openclaw/openclaw.json). A directory means its openclaw-*.log
    files (rotations and .gz included) in time order.

    \b
    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
    2 usage or input error.
    """
    selection = selection_from(kwargs)
    analysis = load_analysis(selection, machine_output=output_format in MACHINE_FORMATS or output_format == "markdown")
    options = _render_options(color if output_format == "text" else False, output, fail_on, no_redact)
    if sarif_root is not None:
        options = dataclasses.replace(options, base_dir=sarif_root)
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
def timeline(output: str | None, fail_on: Any, color: bool | None, no_redact: bool, **kwargs: Any) -> None:
    """Show each incident in [PATH]... as a readable timeline (use --session to pick one)."""
    selection = selection_from(kwargs)
    analysis = load_analysis(selection, machine_output=False)
    options = _render_options(color, output, fail_on, no_redact)
    from stuckscan.formats.text import render_timeline  # rich: only for the views that use it

    _emit(render_timeline(analysis, options), output)
    sys.exit(exit_code(analysis, fail_on))


@click.command()
@human_output_options
@input_options
def report(output: str | None, fail_on: Any, color: bool | None, no_redact: bool, **kwargs: Any) -> None:
    """Write a markdown incident report for [PATH]... (to stdout, or -o incident.md)."""
    selection = selection_from(kwargs)
    analysis = load_analysis(selection, machine_output=True)
    options = _render_options(False, output, fail_on, no_redact)
    _emit(render("markdown", analysis, options), output)
    sys.exit(exit_code(analysis, fail_on))
