"""`stuckscan watch`: follow the active log and report incidents as they change."""

from __future__ import annotations

import os
import queue
import signal
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
from stuckscan._strictjson import dumps
from stuckscan.commands._options import (
    EXIT_OK,
    Seconds,
    Terminated,
    build_parse_options,
    display_options,
    make_redactor,
    redaction_options,
    restore_handlers,
    shown_zone,
    time_options,
)
from stuckscan.inputs import printable_path

# The pipeline, the follower and the JSON and redaction code are imported where they are
# used, so `stuckscan --help` (which loads every command) does not load them.
if TYPE_CHECKING:
    from stuckscan.correlator import Change, Correlator
    from stuckscan.follow import Follower
    from stuckscan.model import Incident
    from stuckscan.parser import ParseOptions
    from stuckscan.thresholds import Thresholds

EXEC_TIMEOUT_SECONDS = 30.0
STREAM_CACHE_TEXTS = 4096  # redaction memo: recent texts only, so memory stays flat however long it runs
EXEC_QUEUE_LIMIT = 100  # changes waiting for --exec; beyond this they are dropped and counted
EXEC_STOP_GRACE_SECONDS = 2.0  # at exit, how long a running --exec command may still take
MAX_POLL_SECONDS = 3600.0
MAX_EXEC_TIMEOUT_SECONDS = 86400.0
# Ctrl-C and the stop signals (SIGTERM and SIGHUP unwind through cli.install_stop_handlers).
WATCH_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class CommandRunner:
    """Runs the ``--exec`` command for each change on a thread of its own, one at a time,
    so a slow or hanging command never holds up the watch. Each run has a timeout (its
    process group is killed then); at most ``limit`` changes wait, and a change that finds
    the queue full is dropped and counted, as are those still waiting at exit."""

    def __init__(self, command: str, timeout: float = EXEC_TIMEOUT_SECONDS, limit: int = EXEC_QUEUE_LIMIT,
                 warn: Callable[[str], None] | None = None) -> None:
        self.command = command
        self.timeout = timeout
        self.waiting: queue.Queue[str | None] = queue.Queue(maxsize=limit)
        self.counts: Counter[str] = Counter()
        self._warn = warn or _warn
        self._current: subprocess.Popen[str] | None = None
        self._stopping = False
        self._thread = threading.Thread(target=self._work, name="stuckscan-exec", daemon=True)
        self._thread.start()

    def submit(self, payload: str) -> None:
        try:
            self.waiting.put_nowait(payload)
        except queue.Full:
            if not self.counts["dropped"]:
                self._warn(f"--exec is falling behind ({self.waiting.maxsize} changes waiting): "
                           "further changes are not passed to it until it catches up (counted at exit)")
            self.counts["dropped"] += 1

    def close(self, grace: float = EXEC_STOP_GRACE_SECONDS) -> None:
        """Stop: changes still waiting are dropped (counted); a running command gets
        ``grace`` seconds to finish, then its process group is killed."""
        while True:
            try:
                if self.waiting.get_nowait() is not None:
                    self.counts["dropped"] += 1
            except queue.Empty:
                break
        self.waiting.put(None)
        self._stopping = True
        self._thread.join(grace)
        if self._thread.is_alive():
            self._kill_current()
            self._thread.join()

    def summary(self) -> str:
        counts = self.counts
        return (f"--exec ran {counts['ran']} time(s): {counts['timed_out']} timed out, {counts['failed']} failed, "
                f"{counts['dropped']} change(s) dropped")

    def _work(self) -> None:
        while (payload := self.waiting.get()) is not None:
            self._run(payload)

    def _run(self, payload: str) -> None:
        try:
            process = subprocess.Popen(self.command, shell=True, stdin=subprocess.PIPE, text=True,  # noqa: S602
                                       start_new_session=os.name == "posix")
        except OSError as error:
            self.counts["failed"] += 1
            self._warn(f"--exec command failed: {error.strerror or error}")
            return
        self._current = process
        self.counts["ran"] += 1
        try:
            process.communicate(payload, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            self.counts["timed_out"] += 1
            self._warn(f"--exec command still running after {self.timeout:g} s: stopped")
            self._kill_current()
            process.wait()
            return
        except OSError:  # it exited without reading its input
            process.wait()
        finally:
            self._current = None
        if process.returncode != 0 and not self._stopping:  # one killed at exit did not fail
            self.counts["failed"] += 1

    def _kill_current(self) -> None:
        """Kill the running command's process group (the shell and what it started);
        the runner thread, waiting on it, then reaps it."""
        process = self._current
        if process is None or process.poll() is not None:
            return
        try:
            if os.name == "posix":
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
        except OSError:
            pass


def _warn(text: str) -> None:
    click.echo(terminal_safe(f"stuckscan: warning: {text}"), err=True)


class IncidentPrinter:
    """Turns correlator changes into output lines (text or JSON) and optional commands."""

    def __init__(self, output_format: str, command: str | None, redact: bool,
                 exec_timeout: float = EXEC_TIMEOUT_SECONDS, zone: Any = None, salt: str | None = None) -> None:
        self.output_format = output_format
        self.runner = CommandRunner(command, exec_timeout) if command else None
        # One redactor for the watch's lifetime: placeholders stay the same from one change
        # to the next, and each change costs the same however many came before it.
        self.redactor = make_redactor(not redact, salt, cache_size=STREAM_CACHE_TEXTS)
        self.counts: Counter[str] = Counter()
        self.zone = zone                 # --utc / --display-tz; None: the log's own offset
        self.log_offsets: set[str] = set()  # the offsets the log prints (filled while reading)

    def _visible(self, incident: Incident) -> Incident:
        from stuckscan.redact import redact_incident

        return incident if self.redactor is None else redact_incident(incident, self.redactor)

    def handle(self, change: Change, incident: Incident) -> None:
        from stuckscan.formats.json import incident_to_dict

        self.counts[change.kind] += 1
        shown = self._visible(incident)
        payload = {"change": change.kind, "detail": change.detail, "incident": incident_to_dict(shown)}
        if self.output_format == "jsonl":
            click.echo(dumps(payload, ensure_ascii=False, default=str))
        else:
            click.echo(terminal_safe(_describe(change, shown, self.shown_zone())))
        if self.runner is not None:
            self.runner.submit(dumps(payload, default=str))

    def shown_zone(self) -> Any:
        """The zone asked for, else the one offset the log prints, else UTC."""
        from stuckscan.formats._report import offset_zone

        if self.zone is not None:
            return self.zone
        zones = {offset_zone(label) for label in self.log_offsets} - {None}
        return zones.pop() if len(zones) == 1 else timezone.utc

    def close(self) -> None:
        if self.runner is not None:
            self.runner.close()


def _describe(change: Change, incident: Incident, zone: Any = timezone.utc) -> str:
    from stuckscan.formats._report import zone_label

    moment = (change.incident.last_activity or datetime.now(timezone.utc)).astimezone(zone)
    when = f"{moment:%H:%M:%S} {zone_label(zone, moment)}"
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
@click.option("--exec", "command", metavar="CMD",
              help="Run CMD for each change, with the change as JSON on stdin (one at a time, in the background; "
                   f"at most {EXEC_QUEUE_LIMIT} waiting, later ones dropped and counted).")
@click.option("--exec-timeout", type=Seconds(MAX_EXEC_TIMEOUT_SECONDS), default=EXEC_TIMEOUT_SECONDS, show_default=True,
              metavar="SECONDS", help="Stop an --exec command still running after this long.")
@click.option("--from-start", is_flag=True, help="Read the active file from its beginning instead of its end.")
@click.option("--poll", "poll_interval", type=Seconds(MAX_POLL_SECONDS), default=0.5, show_default=True,
              metavar="SECONDS", help="Seconds between checks (above 0, at most an hour).")
@redaction_options
@click.option("-q", "--quiet", is_flag=True, help="No notes on stderr.")
@display_options
@time_options
@click.option("--config", "config", type=click.Path(dir_okay=False), default=None, metavar="PATH",
              help="The gateway's openclaw.json (JSON5) for its stall thresholds (default: the gateway's own, "
                   "when following its log directory).")
def watch(path: str | None, log_dir: str | None, output_format: str, command: str | None, exec_timeout: float,
          from_start: bool, poll_interval: float, no_redact: bool, redact_salt: str | None, quiet: bool, base_date: Any,
          zone: Any, utc: bool, display_tz: Any, config: str | None) -> None:
    """Follow the active gateway log (or PATH) and print incidents as they open, escalate and close.

    Continues across the daily file change, size rotation and truncation. Stop with Ctrl-C.
    """
    from stuckscan.correlator import Correlator
    from stuckscan.follow import Follower

    target = _target(path, log_dir)
    _refuse_bundle(target)
    thresholds = watch_thresholds(config, on_host=path is None, quiet=quiet)
    options = build_parse_options(base_date, zone)
    printer = IncidentPrinter(output_format, command, redact=not no_redact, exec_timeout=exec_timeout,
                             zone=shown_zone(utc, display_tz), salt=redact_salt)
    if not quiet:
        click.echo(f"stuckscan: watching {terminal_safe(printable_path(target))} (Ctrl-C to stop)", err=True)
    stop = threading.Event()
    received: list[int] = []
    replaced = stop_on_signals(stop, received)
    code = EXIT_OK
    try:
        run_watch(Follower(target, poll_interval, from_start=from_start, stop=stop), options, printer,
                  correlator=Correlator(thresholds=thresholds))
        # Returning at all means a stop signal set `stop` but its exception was lost on the way
        # (raised inside a finalizer, which Python only reports): stop as it would have.
        code = _signal_exit_code(received)
    except KeyboardInterrupt:
        stop.set()
    except Terminated as signalled:  # SIGTERM or SIGHUP: stop as for Ctrl-C, with the signal's exit code
        stop.set()
        code = 128 + signalled.signum
    finally:
        restore_handlers(replaced)
        printer.close()
    _say_stopped(printer, quiet)
    sys.exit(code)


def stop_on_signals(stop: threading.Event, received: list[int]) -> dict[int, Any]:
    """Make Ctrl-C, SIGTERM and SIGHUP also set ``stop`` (and note the signal in ``received``)
    before their own handler raises. The exception alone is not enough: a signal whose
    handler runs while a finalizer runs (``regex`` parse-tree nodes have ``__del__``, and the
    redaction patterns are compiled while the first incidents are printed) has its exception
    reported as "Exception ignored" and dropped, and the watch loop would then run on for ever.
    Only Python handlers are wrapped (a signal ignored or left to the default action stays so);
    returns the handlers replaced, for :func:`restore_handlers`."""
    replaced: dict[int, Any] = {}
    for number in WATCH_STOP_SIGNALS:
        try:
            previous = signal.getsignal(number)
            if not callable(previous):
                continue

            def handler(signum: int, frame: Any, previous: Callable[[int, Any], Any] = previous) -> Any:
                received.append(signum)
                stop.set()
                return previous(signum, frame)

            signal.signal(number, handler)
            replaced[number] = previous
        except (ValueError, OSError):  # not the main thread (embedded): leave them alone
            pass
    return replaced


def _signal_exit_code(received: list[int]) -> int:
    """The exit code for a watch stopped by a signal whose exception was lost: 0 for Ctrl-C
    (as when it arrives), 128 + the signal for SIGTERM and SIGHUP."""
    if not received or received[0] == signal.SIGINT:
        return EXIT_OK
    return 128 + received[0]


def _refuse_bundle(target: str) -> None:
    from stuckscan.bundle import is_unpacked_bundle, looks_like_zip
    from stuckscan.inputs import InputError

    if os.path.isdir(target) and is_unpacked_bundle(target) or os.path.isfile(target) and looks_like_zip(target):
        raise InputError(f"{printable_path(target)} is a diagnostics bundle, a snapshot rather than a live log: "
                         "read it with `stuckscan scan`")


def watch_thresholds(config_path: str | None, on_host: bool, quiet: bool) -> Thresholds:
    """The stall thresholds from ``--config``, else (following the gateway's own log) from its config."""
    from stuckscan.config import host_config, read_config, thresholds_from

    if config_path:
        config = read_config(config_path, "--config")
    elif on_host:
        config, problem = host_config()
        if problem and not quiet:
            click.echo(f"stuckscan: note: {terminal_safe(problem)}", err=True)
    else:
        config = None
    thresholds, ignored = thresholds_from(config)
    if not quiet:
        for note in ignored:
            click.echo(f"stuckscan: note: {terminal_safe(note)}", err=True)
    return thresholds


def _say_stopped(printer: IncidentPrinter, quiet: bool) -> None:
    """The summary at exit; what --exec could not do is said even with -q."""
    runner = printer.runner
    lost = runner is not None and (runner.counts["dropped"] or runner.counts["timed_out"])
    if quiet and not lost:
        return
    counts = printer.counts
    text = (f"stuckscan: stopped; {counts['opened']} incident(s) opened, {counts['closed']} closed, "
            f"{counts['escalated']} escalation(s), {counts['recovery']} recovery action(s)")
    if runner is not None:
        text += f"; {runner.summary()}"
    try:
        click.echo(text, err=True)
    except OSError:  # stderr went away with the terminal (SIGHUP)
        pass


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
    printer.log_offsets = stats.offsets  # the same set: the printer shows times in the log's offset
    wait = sleep or follower.stop.wait
    last_line_at = clock()
    log_time_at_last_line: datetime | None = None
    stopped_noted: int | None = None  # the gateway pid already reported as not running
    with follower:
        while not follower.stop.is_set():
            produced = False
            for item in follower.poll():
                if follower.stop.is_set():
                    break  # stopped (a signal): the rest of a backlog is not read
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
            if follower.stop.is_set():
                break
            if not produced and not follower.caught_up:
                continue  # a piece of a backlog with no complete line in it: read on
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
