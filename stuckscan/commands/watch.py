"""`stuckscan watch`: follow the active log and report incidents as they change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import click

from stuckscan._safe import terminal_safe
from stuckscan.commands._options import EXIT_OK, build_parse_options, make_redactor, redaction_options, time_options

# The pipeline, the follower and the JSON and redaction code are imported where they are
# used, so `stuckscan --help` (which loads every command) does not load them.
if TYPE_CHECKING:
    from stuckscan.correlator import Change, Correlator
    from stuckscan.follow import Follower
    from stuckscan.model import Incident
    from stuckscan.parser import ParseOptions

EXEC_TIMEOUT_SECONDS = 30
STREAM_CACHE_TEXTS = 4096  # redaction memo: recent texts only, so memory stays flat however long it runs


class IncidentPrinter:
    """Turns correlator changes into output lines (text or JSON) and optional commands."""

    def __init__(self, output_format: str, command: str | None, redact: bool, salt: str | None = None) -> None:
        self.output_format = output_format
        self.command = command
        # One redactor for the watch's lifetime: placeholders stay the same from one change
        # to the next, and each change costs the same however many came before it.
        self.redactor = make_redactor(not redact, salt, cache_size=STREAM_CACHE_TEXTS)
        self.counts: Counter[str] = Counter()

    def _visible(self, incident: Incident) -> Incident:
        from stuckscan.redact import redact_incident

        return incident if self.redactor is None else redact_incident(incident, self.redactor)

    def handle(self, change: Change, incident: Incident) -> None:
        from stuckscan.formats.json import incident_to_dict

        self.counts[change.kind] += 1
        shown = self._visible(incident)
        payload = {"change": change.kind, "detail": change.detail, "incident": incident_to_dict(shown)}
        if self.output_format == "jsonl":
            click.echo(json.dumps(payload, ensure_ascii=False, default=str))
        else:
            click.echo(terminal_safe(_describe(change, shown)))
        if self.command:
            self._run(payload)

    def _run(self, payload: dict[str, Any]) -> None:
        try:
            subprocess.run(self.command, shell=True, input=json.dumps(payload, default=str), text=True,  # noqa: S602
                           timeout=EXEC_TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            click.echo(f"stuckscan: --exec command failed: {terminal_safe(str(error))}", err=True)


def _describe(change: Change, incident: Incident) -> str:
    when = (change.incident.last_activity or datetime.now(timezone.utc)).strftime("%H:%M:%S")
    cause = incident.primary
    cause_text = f"{cause.rule.id} {cause.rule.slug} ({cause.confidence.value})" if cause else "cause not yet known"
    age = f"stuck {incident.measures.stuck_seconds:.0f} s" if incident.measures.stuck_seconds else ""
    return f"{when}  {change.kind.upper():<9} {incident.id}  {incident.name}  {age}  {cause_text}  - {change.detail}"


def _target(path: str | None, log_dir: str | None) -> str:
    if path:
        return path
    from stuckscan.discovery import discover

    found = discover((), log_dir=log_dir)
    place = found.searched[-1] if found.searched else None
    if place is not None:
        return str(place.file or place.path)
    return found.files[-1].path


@click.command()
@click.argument("path", required=False, metavar="[PATH]")
@click.option("--log-dir", type=click.Path(file_okay=False), envvar="OPENCLAW_LOG_DIR", help="Directory of gateway logs.")
@click.option("--format", "output_format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="text: one line per change; jsonl: one JSON object per incident change.")
@click.option("--exec", "command", metavar="CMD", help="Run CMD for each change, with the change as JSON on stdin.")
@click.option("--from-start", is_flag=True, help="Read the active file from its beginning instead of its end.")
@click.option("--poll", "poll_interval", type=float, default=0.5, show_default=True, help="Seconds between checks.")
@redaction_options
@click.option("-q", "--quiet", is_flag=True, help="No notes on stderr.")
@time_options
def watch(path: str | None, log_dir: str | None, output_format: str, command: str | None, from_start: bool,
          poll_interval: float, no_redact: bool, redact_salt: str | None, quiet: bool, base_date: Any, zone: Any) -> None:
    """Follow the active gateway log (or PATH) and print incidents as they open, escalate and close.

    Continues across the daily file change, size rotation and truncation. Stop with Ctrl-C.
    """
    from stuckscan.follow import Follower

    target = _target(path, log_dir)
    options = build_parse_options(base_date, zone)
    printer = IncidentPrinter(output_format, command, redact=not no_redact, salt=redact_salt)
    if not quiet:
        click.echo(f"stuckscan: watching {terminal_safe(target)} (Ctrl-C to stop)", err=True)
    stop = threading.Event()
    try:
        run_watch(Follower(target, poll_interval, from_start=from_start, stop=stop), options, printer)
    except KeyboardInterrupt:
        stop.set()
    if not quiet:
        counts = printer.counts
        click.echo(f"stuckscan: stopped; {counts['opened']} incident(s) opened, {counts['closed']} closed, "
                   f"{counts['escalated']} escalation(s), {counts['recovery']} recovery action(s)", err=True)
    sys.exit(EXIT_OK)


def stopped_gateway(pids: list[int]) -> int | None:
    """The latest gateway pid the log named, if no process with that pid runs here (POSIX
    only; a pid owned by another user counts as running)."""
    if not pids or os.name != "posix":
        return None
    pid = pids[-1]
    if not 0 < pid <= 4_194_304:  # 0 would signal our own process group; Linux pids stop at 2**22
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return pid
    except OSError:  # PermissionError: it runs, as someone else
        return None
    return None


def run_watch(follower: Follower, options: ParseOptions, printer: IncidentPrinter, *,
              sleep: Callable[[float], object] | None = None, clock: Callable[[], float] = time.monotonic,
              correlator: Correlator | None = None) -> Correlator:
    """The watch loop, separated from the CLI so tests can drive it with a real file.

    While no lines arrive, the time that passes is added to the log's own clock (the
    newest line's time), so an incident whose warnings stopped is closed without waiting
    for the next line, and a skewed machine clock cannot close anything early. Silence
    means recovery only while the gateway runs: when the latest gateway pid the log named
    is not running on this machine, nothing is closed by silence (a dead gateway logs no
    more warnings either) until lines arrive again, and stderr says why once.
    """
    from stuckscan.analysis import snapshot_incident
    from stuckscan.correlator import Correlator
    from stuckscan.follow import Switch
    from stuckscan.parser import LineParser, ParseStats, decode_line

    correlator = correlator or Correlator()
    parsers: dict[str, LineParser] = {}
    stats = ParseStats()
    wait = sleep or follower.stop.wait
    last_line_at = clock()
    log_time_at_last_line: datetime | None = None
    stopped_noted: int | None = None  # the gateway pid already reported as not running
    with follower:
        while not follower.stop.is_set():
            produced = False
            for item in follower.poll():
                if isinstance(item, Switch):
                    if item.reason in ("rotated", "truncated", "closed"):
                        parsers.pop(item.source, None)
                    continue
                produced = True
                last_line_at = clock()
                source, raw = item
                parser = parsers.get(source)
                if parser is None:
                    parser = parsers[source] = LineParser(source, options, stats)
                text = decode_line(raw.data, raw.number == 1)
                if not text.strip():
                    continue
                for change in correlator.feed(parser.parse_text(raw.number, text, raw.truncated)):
                    printer.handle(change, snapshot_incident(correlator, change.incident))
                log_time_at_last_line = correlator.now
                stopped_noted = None
            if not produced and log_time_at_last_line is not None:
                stopped = stopped_gateway(correlator.gateway_pids)
                if stopped is not None:
                    if stopped != stopped_noted and correlator.open:
                        click.echo(f"stuckscan: gateway pid {stopped} (named in the log) is not running on this machine: "
                                   "open incidents are not taken as recovered while its log is silent", err=True)
                        stopped_noted = stopped
                else:
                    idle = timedelta(seconds=clock() - last_line_at)
                    for change in correlator.tick(log_time_at_last_line + idle):
                        printer.handle(change, snapshot_incident(correlator, change.incident))
            if not produced:
                wait(follower.poll_interval)
    return correlator
