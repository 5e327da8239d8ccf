"""Options and helpers shared by the commands."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from stuckscan._safe import terminal_safe
from stuckscan.inputs import display_name

if TYPE_CHECKING:  # the parser is imported by the commands that read logs, not by the CLI
    from stuckscan.events import Event
    from stuckscan.parser import ParseOptions, ParseStats
    from stuckscan.redact import Redactor

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

F = TypeVar("F", bound=Callable[..., Any])


class UsageProblem(click.UsageError):
    exit_code = EXIT_ERROR


class OutputClosed(Exception):
    """The reader of stdout went away (``stuckscan scan | head -1``): stop quietly."""


def silence_stdout() -> None:
    """Point stdout at devnull, so nothing more is written and the interpreter's final
    flush of a closed pipe does not print ``Exception ignored ... BrokenPipeError``."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def tolerant_stdout() -> TextIO:
    """sys.stdout, set to replace what its encoding cannot show (a legacy console, or
    PYTHONIOENCODING=ascii) with ``?`` rather than fail with UnicodeEncodeError."""
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if encoding not in ("utf8", "utf8sig") and hasattr(stream, "reconfigure"):
        try:
            stream.reconfigure(errors="replace")
        except (ValueError, OSError):
            pass
    return stream


class Position:
    """Where reading has got to: the last line handed on, for error messages."""

    __slots__ = ("source", "line")

    def __init__(self) -> None:
        self.source: str | None = None
        self.line = 0

    def track(self, events: Iterable[Event], source: str | None = None) -> Iterator[Event]:
        self.source, self.line = source, 0
        for event in events:
            self.source, self.line = event.source, event.line
            yield event

    def describe(self) -> str | None:
        if self.source is None:
            return None
        return f"near {self.source}:{self.line}" if self.line else f"in {self.source}"


def note_failure_location(error: BaseException, position: Position) -> None:
    """Remember on ``error`` where reading had got to (shown by the top-level handler)."""
    where = position.describe()
    if where is not None and getattr(error, "stuckscan_location", None) is None:
        try:
            error.stuckscan_location = where  # type: ignore[attr-defined]
        except AttributeError:
            pass


def failure_location(error: BaseException) -> str | None:
    where = getattr(error, "stuckscan_location", None)
    return where if isinstance(where, str) else None


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        if len(value) != 10 or not value.isascii() or value[4] != "-" or value[7] != "-":
            raise ValueError(value)  # fromisoformat also takes 20260521 and 2026-W21-4, on 3.11+ only
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


def _parse_zone(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from stuckscan._time import TimeZoneError, parse_tz

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


def _parse_salt(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value:
        raise click.BadParameter("must not be empty")
    return value


def redaction_options(func: F) -> F:
    """``--no-redact`` and ``--redact-salt``."""
    func = click.option("--redact-salt", "redact_salt", envvar="STUCKSCAN_REDACT_SALT", callback=_parse_salt,
                        metavar="SALT",
                        help="Placeholders become keyed hashes of the values (HMAC-SHA256 under SALT), the same in "
                             "every output made with that salt, so reports of different logs can be compared. "
                             "Also read from STUCKSCAN_REDACT_SALT, which keeps it out of the process list.")(func)
    func = click.option("--no-redact", is_flag=True,
                        help="Keep secrets and personal ids in the output (redacted by default).")(func)
    return func


def make_redactor(no_redact: bool, salt: str | None, cache_size: int | None = None) -> Redactor | None:
    """The redactor the options ask for (``None`` with ``--no-redact``, where a salt has nothing
    to do). A stream (``watch``, ``events``) passes ``cache_size`` so its memory stays flat."""
    if no_redact:
        return None
    from stuckscan.redact import Redactor

    return Redactor(salt, cache_size=cache_size)


def build_parse_options(base_date: date | None, zone: Any) -> ParseOptions:
    from stuckscan.parser import ParseOptions

    return ParseOptions(date=base_date, tz=zone)


def iter_events(paths: tuple[str, ...], options: ParseOptions, stats: ParseStats,
                position: Position | None = None) -> Iterator[Event]:
    from stuckscan.parser import ParseStats, parse_path

    for path in paths:
        file_stats = ParseStats()
        events = parse_path(path, options, file_stats)
        yield from (position.track(events, display_name(path)) if position is not None else events)
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
