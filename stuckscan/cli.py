"""The command line: a thin layer over the library.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage or
input error. No traceback reaches the user unless ``--debug`` is given.
"""

from __future__ import annotations

import sys

import click

from stuckscan import __version__
from stuckscan._safe import terminal_safe
from stuckscan.commands import LazyGroup
from stuckscan.commands._options import EXIT_ERROR, EXIT_OK, OutputClosed, failure_location, silence_stdout
from stuckscan.inputs import InputError


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


class InputProblem(click.ClickException):
    """A path that cannot be read, shown as one line with exit code 2."""

    exit_code = EXIT_ERROR

    def show(self, file: object = None) -> None:
        click.echo(one_line_error(self.message), err=True)


class StuckscanGroup(LazyGroup):
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


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the CLI with one-line errors and exit code 2 for bad input."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="stuckscan", standalone_mode=False)
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
    except Exception as error:  # noqa: BLE001 - the last line of defence
        if debug:
            raise
        where = failure_location(error)
        cause = terminal_safe(f"{type(error).__name__}: {error}")[:500]
        click.echo(f"stuckscan: internal error{' ' + terminal_safe(where) if where else ''}: {cause} "
                   "(run with --debug for the traceback)", err=True)
        sys.exit(EXIT_ERROR)
