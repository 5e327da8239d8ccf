"""The command line: a thin layer over the library.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage or
input error. No traceback reaches the user unless ``--debug`` is given.
"""

from __future__ import annotations

import fnmatch
import json
import os
import sys
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, TypeVar

import click

from stuckscan import __version__
from stuckscan._safe import terminal_safe
from stuckscan._time import TimeZoneError, parse_tz
from stuckscan.events import Event, event_to_dict, isoformat_utc, mentions
from stuckscan.inputs import InputError
from stuckscan.parser import ParseOptions, ParseStats, parse_path

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

F = TypeVar("F", bound=Callable[..., Any])


class UsageProblem(click.UsageError):
    exit_code = EXIT_ERROR


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


def _parse_zone(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    try:
        return parse_tz(value)
    except TimeZoneError as error:
        raise click.BadParameter(str(error)) from None


def time_options(func: F) -> F:
    func = click.option("--tz", "zone", callback=_parse_zone, metavar="ZONE",
                        help="Zone for timestamps printed without an offset (IANA name or +HH:MM). Default: this machine's.")(func)
    func = click.option("--date", "base_date", callback=_parse_date, metavar="YYYY-MM-DD",
                        help="Date for time-only lines when the file name carries none.")(func)
    return func


def build_parse_options(base_date: date | None, zone: Any) -> ParseOptions:
    return ParseOptions(date=base_date, tz=zone)


def iter_events(paths: tuple[str, ...], options: ParseOptions, stats: ParseStats) -> Iterator[Event]:
    for path in paths:
        file_stats = ParseStats()
        yield from parse_path(path, options, file_stats)
        stats.merge(file_stats)


def echo_stats(stats: ParseStats) -> None:
    """The stderr summary: lines read, events per kind, unparsed and truncated lines."""
    err = click.get_text_stream("stderr")
    lines = [
        f"read {stats.lines} lines from {len(stats.files)} file(s): {stats.events} events, "
        f"{stats.unparsed} unparsed, {stats.truncated} truncated, {stats.blank} blank, {stats.untimed} without time",
    ]
    kinds = ", ".join(f"{kind}={count}" for kind, count in sorted(stats.kinds.items()))
    if kinds:
        lines.append(f"events by kind: {kinds}")
    if stats.unparsed_examples:
        lines.append("unparsed lines at: " + ", ".join(stats.unparsed_examples))
    for line in lines:
        click.echo(terminal_safe(line), file=err)


def format_event_text(event: Event) -> str:
    moment = isoformat_utc(event.time) or "-"
    fields = " ".join(f"{key}={event.raw.get(key, value)}" for key, value in event.fields.items())
    text = fields if event.kind not in ("generic", "unparsed") else event.message
    parts = [moment, (event.level or "-").upper(), event.subsystem or "-", event.kind, f"{event.source}:{event.line}", text]
    return terminal_safe("  ".join(parts))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="stuckscan")
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Find stuck OpenClaw sessions in gateway logs, explain why, and say what to change.

    \b
    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
    2 usage or input error.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Only events of this kind (glob allowed, e.g. 'session.*'). Repeatable.")
@click.option("--session", "session", metavar="ID", help="Only events naming this sessionKey, sessionId, runId or lane.")
@click.option("--format", "output_format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
@time_options
def events(paths: tuple[str, ...], kinds: tuple[str, ...], session: str | None, output_format: str,
           base_date: date | None, zone: Any) -> None:
    """Print every line of PATH... as a typed event ('-' reads stdin, .gz is streamed)."""
    stats = ParseStats()
    options = build_parse_options(base_date, zone)
    out = click.get_text_stream("stdout")
    for event in iter_events(paths, options, stats):
        if kinds and not any(fnmatch.fnmatchcase(event.kind, pattern) for pattern in kinds):
            continue
        if session and not mentions(event, session):
            continue
        if output_format == "jsonl":
            out.write(json.dumps(event_to_dict(event), ensure_ascii=False, default=str) + "\n")
        else:
            out.write(format_event_text(event) + "\n")
    out.flush()
    echo_stats(stats)


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the CLI with one-line errors and exit code 2 for bad input."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="stuckscan", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("stuckscan: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(EXIT_ERROR)
    except InputError as error:
        click.echo(f"stuckscan: error: {terminal_safe(str(error))}", err=True)
        sys.exit(EXIT_ERROR)
    except BrokenPipeError:
        _silence_broken_pipe()
        sys.exit(EXIT_OK)
    except KeyboardInterrupt:
        click.echo("stuckscan: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - the last line of defence
        if debug:
            raise
        click.echo(f"stuckscan: internal error: {terminal_safe(type(error).__name__ + ': ' + str(error))} "
                   "(run with --debug for the traceback)", err=True)
        sys.exit(EXIT_ERROR)


def _silence_broken_pipe() -> None:
    """Point stdout at devnull so the interpreter's final flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
