"""The command line: a thin layer over the library.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage or
input error. No traceback reaches the user unless ``--debug`` is given.
"""

from __future__ import annotations

import os
import shlex
import signal
import sys
from types import FrameType
from typing import Any, NoReturn

import click

from stuckscan import __version__
from stuckscan._safe import terminal_safe
from stuckscan.commands import LazyGroup
from stuckscan.commands._options import (
    EXIT_ERROR,
    EXIT_OK,
    OutputClosed,
    Terminated,
    failure_location,
    restore_handlers,
    silence_stdout,
)
from stuckscan.inputs import InputError, printable_path


def one_line_error(message: str) -> str:
    """``stuckscan: error: …``: every error the CLI reports, on one line."""
    text = " ".join(terminal_safe(message).split())
    return f"stuckscan: error: {text}"


def usage_error_line(error: click.UsageError) -> str:
    """click's usage errors in the CLI's one style, with where to find help."""
    message = error.format_message().rstrip(".")
    if message and message[0].isupper() and not message[:2].isupper():
        message = message[0].lower() + message[1:]
    where = error.ctx.command_path if error.ctx is not None else "stuckscan"
    return one_line_error(f"{message} (see '{where} --help')")


def _names_input(word: str) -> bool:
    """Whether a word where a command was expected is a log to read: ``-`` (stdin) or an existing path."""
    if word == "-":
        return True
    try:
        return os.path.exists(word)
    except (OSError, ValueError):
        return False


class InputProblem(click.ClickException):
    """A path that cannot be read, shown as one line with exit code 2."""

    exit_code = EXIT_ERROR

    def show(self, file: object = None) -> None:
        click.echo(one_line_error(self.message), err=True)


class StuckscanGroup(LazyGroup):
    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and self.get_command(ctx, name) is None and _names_input(name):
            # "stuckscan openclaw.log": the user meant to analyse it; say how instead of "no such command".
            raise click.UsageError(f"{shlex.quote(name)} is a log, not a command; to analyse it run "
                                   f"'stuckscan scan {shlex.quote(name)}'", ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except InputError as error:
            raise InputProblem(str(error)) from None
        except BrokenPipeError:
            # click turns EPIPE into exit 1; a reader that stops early is not an error.
            raise OutputClosed() from None


@click.group(cls=StuckscanGroup, context_settings={"help_option_names": ["-h", "--help"]})
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


STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _terminate(signum: int, _frame: FrameType | None) -> None:
    for number in STOP_SIGNALS:
        signal.signal(number, signal.SIG_IGN)  # a second signal must not cut the clean-up short
    raise Terminated(signum)


def install_stop_handlers() -> dict[int, Any]:
    """SIGTERM and SIGHUP unwind like Ctrl-C (worker processes are stopped on the way)
    instead of killing the process where it stands. Returns the handlers replaced. A
    signal ignored by the parent (``nohup``) stays ignored."""
    replaced: dict[int, Any] = {}
    for number in STOP_SIGNALS:
        try:
            previous = signal.getsignal(number)
            if previous is not signal.SIG_IGN:
                signal.signal(number, _terminate)
                replaced[number] = previous
        except (ValueError, OSError):  # not the main thread (embedded): leave them alone
            pass
    return replaced


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the CLI with one-line errors and exit code 2 for bad input."""
    from stuckscan.commands._write import ensure_standard_streams

    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    ensure_standard_streams()
    replaced = install_stop_handlers()
    try:
        _run(argv, debug)
    finally:
        restore_handlers(replaced)


def _run(argv: list[str] | None, debug: bool) -> None:
    try:
        cli.main(args=argv, prog_name="stuckscan", standalone_mode=False)
    except Terminated as stop:
        _say(f"stuckscan: stopped by {signal.Signals(stop.signum).name}")
        sys.exit(128 + stop.signum)
    except click.exceptions.Abort:
        click.echo("stuckscan: interrupted", err=True)
        sys.exit(130)
    except click.UsageError as error:
        click.echo(usage_error_line(error), err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as error:
        click.echo(one_line_error(error.format_message()), err=True)
        sys.exit(EXIT_ERROR)
    except InputError as error:
        click.echo(one_line_error(str(error)), err=True)
        sys.exit(EXIT_ERROR)
    except (BrokenPipeError, OutputClosed):
        silence_stdout()
        sys.exit(EXIT_OK)
    except KeyboardInterrupt:
        click.echo("stuckscan: interrupted", err=True)
        sys.exit(130)
    except OSError as error:
        if debug:
            raise
        if not _is_step_summary(error):
            _internal_error(error)
        click.echo(f"stuckscan: error: cannot write the GitHub step summary {terminal_safe(printable_path(str(error.filename)))}: "
                   f"{error.strerror or error}", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as error:  # noqa: BLE001 - the last line of defence
        if debug:
            raise
        _internal_error(error)


def _is_step_summary(error: OSError) -> bool:
    """The file named by $GITHUB_STEP_SUMMARY, which `scan --format github` appends to."""
    named = os.environ.get("GITHUB_STEP_SUMMARY")
    return bool(named) and error.filename is not None and str(error.filename) == named


def _internal_error(error: Exception) -> NoReturn:
    where = failure_location(error)
    cause = terminal_safe(f"{type(error).__name__}: {error}")[:500]
    click.echo(f"stuckscan: internal error{' ' + terminal_safe(where) if where else ''}: {cause} "
               "(run with --debug for the traceback)", err=True)
    sys.exit(EXIT_ERROR)


def _say(text: str) -> None:
    try:
        click.echo(text, err=True)
    except (OSError, ValueError):  # stderr gone with the terminal that sent SIGHUP
        pass
