"""Options and helpers shared by the commands."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, TypeVar

import click

from stuckscan._safe import terminal_safe
from stuckscan._time import TimeZoneError, parse_tz
from stuckscan.events import Event
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
    err = sys.stderr
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
