"""`stuckscan events`: every line as a typed event."""

from __future__ import annotations

import fnmatch
from datetime import date
from typing import Any

import click

from stuckscan._safe import terminal_safe
from stuckscan._strictjson import dumps
from stuckscan.commands._options import (
    Position,
    build_parse_options,
    echo_stats,
    iter_events,
    make_redactor,
    note_failure_location,
    redaction_options,
    require_lines_or_readable_input,
    silence_stdout,
    time_options,
    tolerant_stdout,
    warn_skipped_files,
)
from stuckscan.events import Event, event_to_dict, isoformat_utc, mentions
from stuckscan.inputs import InputError

STREAM_CACHE_TEXTS = 4096  # redaction memo of a stream: recent texts only, memory stays flat


def format_event_text(event: Event) -> str:
    moment = isoformat_utc(event.time) or "-"
    fields = " ".join(f"{key}={event.raw.get(key, value)}" for key, value in event.fields.items())
    text = fields if event.kind not in ("generic", "unparsed") else event.message
    parts = [moment, (event.level or "-").upper(), event.subsystem or "-", event.kind, f"{event.source}:{event.line}", text]
    return terminal_safe("  ".join(parts))


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Only events of this kind (glob allowed, e.g. 'session.*'). Repeatable.")
@click.option("--session", "session", metavar="ID", help="Only events naming this sessionKey, sessionId, runId or lane.")
@click.option("--format", "output_format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
@redaction_options
@time_options
def events(paths: tuple[str, ...], kinds: tuple[str, ...], session: str | None, output_format: str,
           no_redact: bool, redact_salt: str | None, base_date: date | None, zone: Any) -> None:
    """Print every line of PATH... as a typed event ('-' reads stdin, .gz is streamed).

    Secrets and personal ids are redacted (see --no-redact); placeholders are numbered in
    the order of the lines, every line counting, whatever --kind and --session keep.
    """
    from stuckscan.parser import ParseStats  # the parser: when the command runs, not for --help
    from stuckscan.redact import redact_event

    stats = ParseStats()
    options = build_parse_options(base_date, zone)
    redactor = make_redactor(no_redact, redact_salt, cache_size=STREAM_CACHE_TEXTS)
    out = tolerant_stdout()
    position = Position()
    try:
        for event in iter_events(paths, options, stats, position):
            # Every line is redacted, printed or not, so the filters cannot renumber anyone.
            shown = event if redactor is None else redact_event(event, redactor)
            if kinds and not any(fnmatch.fnmatchcase(event.kind, pattern) for pattern in kinds):
                continue
            if session and not mentions(event, session):
                continue
            if output_format == "jsonl":
                out.write(dumps(event_to_dict(shown), ensure_ascii=False, default=str) + "\n")
            else:
                out.write(format_event_text(shown) + "\n")
        out.flush()
    except BrokenPipeError:
        silence_stdout()  # the reader stopped early (`| head`): not an error, and no summary
        return
    except (InputError, click.ClickException, KeyboardInterrupt):
        raise
    except Exception as error:
        note_failure_location(error, position)
        raise
    require_lines_or_readable_input(stats.lines, len(paths), stats.skipped_files)
    warn_skipped_files(stats.skipped_files)
    echo_stats(stats)
