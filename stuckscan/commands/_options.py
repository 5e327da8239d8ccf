"""Options and helpers shared by the commands."""

from __future__ import annotations

import math
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from stuckscan._safe import terminal_safe

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


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (stopping worker processes) and exit 128 + the signal.
    A BaseException, so no ``except Exception`` on the way swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def restore_handlers(replaced: dict[int, Any]) -> None:
    """Put back the signal handlers a command replaced (None, a handler not set from Python, as the default)."""
    for number, handler in replaced.items():
        try:
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        except (ValueError, OSError):  # not the main thread (embedded): leave them alone
            pass


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


# Dates and window bounds outside these years are refused: no gateway log carries them
# (the parser keeps such timestamps as lines without a time), and within them no zone
# conversion or duration can overflow.
OPTION_YEARS = (1970, 2200)
_MAX_MOMENT_CHARS = 64


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        if len(value) != 10 or not value.isascii() or value[4] != "-" or value[7] != "-":
            raise ValueError(value)  # fromisoformat also takes 20260521 and 2026-W21-4, on 3.11+ only
        day = date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None
    if not OPTION_YEARS[0] <= day.year <= OPTION_YEARS[1]:
        raise click.BadParameter(f"{value!r} is out of range (years {OPTION_YEARS[0]}..{OPTION_YEARS[1]})")
    return day


def check_moment(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--since``/``--until``: refuse what cannot be read or lies outside :data:`OPTION_YEARS`
    (the text is kept: the window is built once ``--tz`` is known)."""
    if value is None:
        return None
    from stuckscan.timewindow import parse_moment

    bound = "until" if param.name == "until" else "since"
    if len(value) > _MAX_MOMENT_CHARS:
        raise click.UsageError(f"--{bound}: too long ({len(value)} characters) to be a time")
    try:
        moment = parse_moment(value, datetime.now(timezone.utc), timezone.utc, bound=bound)
    except ValueError as error:
        raise click.UsageError(f"--{bound}: {error}") from None
    except OverflowError:
        moment = None
    if moment is None or not OPTION_YEARS[0] <= moment.year <= OPTION_YEARS[1]:
        raise click.UsageError(f"--{bound}: {value!r} is out of range: give a time between {OPTION_YEARS[0]} and "
                               f"{OPTION_YEARS[1]}")
    return value


class Seconds(click.ParamType):
    """A finite number of seconds above zero and at most ``most`` (``inf``, ``nan``, 0 and
    negative values would make a loop spin or a sleep overflow)."""

    name = "seconds"

    def __init__(self, most: float) -> None:
        self.most = most

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        if isinstance(value, float):
            number = value
        else:
            try:
                number = float(str(value).strip())
            except ValueError:
                self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not math.isfinite(number) or not 0 < number <= self.most:
            self.fail(f"{value!r}: expected seconds above 0 and at most {self.most:g}", param, ctx)
        return number


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
                        help="Zone the log was written in, for timestamps printed without an offset (IANA name or "
                             "+HH:MM). Default: this machine's. Times are shown in it too when the log prints no offset.")(func)
    func = click.option("--date", "base_date", callback=_parse_date, metavar="YYYY-MM-DD",
                        help="Date for time-only lines when the file name carries none (default: the latest day "
                             "that does not put them in the future, with a note).")(func)
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


def make_redactor(no_redact: bool, salt: str | None, cache_size: int | None = None,
                  cache_chars: int | None = None) -> Redactor | None:
    """The redactor the options ask for (``None`` with ``--no-redact``, where a salt has nothing
    to do). ``scan`` and the streams (``watch``, ``events``) pass ``cache_size`` (and ``scan``
    ``cache_chars``) so the memo's memory stays flat (see :class:`~stuckscan.redact.Redactor`)."""
    if no_redact:
        return None
    from stuckscan.redact import Redactor

    return Redactor(salt, cache_size=cache_size, cache_chars=cache_chars)


def display_options(func: F) -> F:
    """``--utc`` and ``--display-tz``: the zone times are shown in (reading is ``--tz``)."""
    func = click.option("--display-tz", "display_tz", callback=_parse_zone, metavar="ZONE",
                        help="Show times in ZONE (IANA name, +HH:MM, UTC or local). Default: the offset the log "
                             "prints.")(func)
    func = click.option("--utc", is_flag=True, help="Show times in UTC (same as --display-tz UTC).")(func)
    return func


def shown_zone(utc: bool, display_tz: Any) -> Any:
    """The zone asked for with ``--utc`` or ``--display-tz`` (None: the log's own)."""
    if utc and display_tz is not None:
        raise UsageProblem("--utc and --display-tz both choose the zone times are shown in: give one")
    if utc:
        from datetime import timezone

        return timezone.utc
    return display_tz


def build_parse_options(base_date: date | None, zone: Any) -> ParseOptions:
    from stuckscan.parser import ParseOptions

    return ParseOptions(date=base_date, tz=zone)


def iter_events(paths: tuple[str, ...], options: ParseOptions, stats: ParseStats,
                position: Position | None = None) -> Iterator[Event]:
    """Every event of ``paths`` in order. Each file is opened once, up front; one that
    cannot be read, or is read only in part, is named in ``stats.skipped_files``."""
    from stuckscan.inputs import display_name, hold_inputs, take_problems
    from stuckscan.parser import ParseStats, parse_path

    with hold_inputs(paths) as held:
        stats.skipped_files.extend(held.skipped)
        for path in held.readable:
            file_stats = ParseStats()
            events = parse_path(path, options, file_stats)
            yield from (position.track(events, display_name(path)) if position is not None else events)
            file_stats.skipped_files.extend((display_name(path), reason) for reason in take_problems(path))
            stats.merge(file_stats)


def require_something_readable(readable: list[str], skipped: list[tuple[str, str]]) -> None:
    """Exit 2 (one line) when no input could be opened at all."""
    if readable or not skipped:
        return
    from stuckscan.inputs import InputError

    raise InputError(_nothing_readable(skipped))


def require_lines_or_readable_input(lines: int, inputs: int, skipped: list[tuple[str, str]]) -> None:
    """Exit 2 when nothing at all was read because every input failed (not when the
    inputs were merely empty)."""
    if lines == 0 and skipped and len({name for name, _ in skipped}) >= inputs:
        from stuckscan.inputs import InputError

        raise InputError(_nothing_readable(skipped))


def _nothing_readable(skipped: list[tuple[str, str]]) -> str:
    name, reason = skipped[0]
    if len(skipped) == 1:
        return reason if reason.startswith("cannot read") else f"cannot read {name}: {reason}"
    return f"none of the {len(skipped)} log files could be read; {name}: {reason} (and {len(skipped) - 1} more)"


def warn_skipped_files(skipped: list[tuple[str, str]]) -> None:
    """One line on stderr per input not read, or read only in part (shown even with -q:
    a report that silently lacks a file would read as an all-clear)."""
    for name, reason in skipped:
        click.echo(terminal_safe(f"stuckscan: warning: {name}: {reason}"), err=True)


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
