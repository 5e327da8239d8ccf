"""What scan, timeline, report and watch share: choosing inputs, windows, filters, progress."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

import click

from stuckscan._safe import terminal_safe
from stuckscan.commands._options import F, Position, build_parse_options, note_failure_location, time_options
from stuckscan.correlator import CorrelatorLimits
from stuckscan.inputs import InputError
from stuckscan.model import Analysis, Incident, Severity
from stuckscan.rules import find_rule
from stuckscan.timewindow import TimeWindow

# The reading pipeline (parser, fast path, classifier), discovery and rich are imported
# where they are used, so `--help` and option errors do not load them.
if TYPE_CHECKING:
    from rich.progress import Progress

    from stuckscan.discovery import Discovery, LogFile
    from stuckscan.redact import Redactor

PROGRESS_MIN_BYTES = 8 << 20  # below this a scan takes a moment: no bar


@dataclass(slots=True)
class InputSelection:
    paths: tuple[str, ...]
    log_dir: str | None
    since: str | None
    until: str | None
    session: str | None
    min_severity: str | None
    rules: tuple[str, ...]
    base_date: date | None
    zone: Any
    quiet: bool
    verbose: bool
    max_open_incidents: int = CorrelatorLimits().max_open_incidents
    jobs: int | None = None


def input_options(func: F) -> F:
    """PATH... plus discovery, window and filter options."""
    options = [
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
                     help="Read several files, and parts of a large gateway log, in parallel worker processes "
                          "(default: the number of cores). The result is the same as a serial scan."),
        click.option("--max-open-incidents", type=click.IntRange(min=1), default=CorrelatorLimits().max_open_incidents,
                     show_default=True, metavar="N",
                     help="Incidents kept open at once; beyond this the least recently active one is closed "
                          "as evicted (counted in the report) so memory stays bounded."),
        click.option("-v", "--verbose", is_flag=True, help="Say which files were chosen and skipped."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar and no notes on stderr."),
        click.option("--rule", "rules", multiple=True, metavar="RULE", help="Only findings of this rule (id or slug). Repeatable."),
        click.option("--min-severity", type=click.Choice([s.value for s in Severity]), default=None,
                     help="Only incidents and episodes at or above this severity."),
        click.option("--session", metavar="ID", help="Only the incident of this sessionKey, sessionId or runId."),
        click.option("--until", metavar="WHEN", help="End of the time window (same forms as --since)."),
        click.option("--since", metavar="WHEN",
                     help="Start of the time window: ISO time, date, today, yesterday, or a duration ago (90m, 3h, 2d)."),
        click.option("--log-dir", type=click.Path(file_okay=False), envvar="OPENCLAW_LOG_DIR",
                     help="Directory of gateway logs (default: /tmp/openclaw or the gateway's own fallback)."),
        time_options,
        click.argument("paths", nargs=-1, metavar="[PATH]..."),
    ]
    for option in options:
        func = option(func)
    return func


def selection_from(kwargs: dict[str, Any]) -> InputSelection:
    names = {f.name for f in dataclasses.fields(InputSelection)}
    return InputSelection(**{name: kwargs.pop(name) for name in list(kwargs) if name in names})


def local_zone(zone: Any) -> Any:
    from dateutil import tz as dateutil_tz

    return zone if zone is not None else dateutil_tz.tzlocal()


def resolve_window(selection: InputSelection, now: datetime | None = None) -> TimeWindow:
    moment = now or datetime.now(timezone.utc)
    try:
        return TimeWindow.parse(selection.since, selection.until, moment, local_zone(selection.zone))
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def choose_files(selection: InputSelection, window: TimeWindow) -> Discovery:
    from stuckscan.discovery import discover, filter_by_window

    found = discover(selection.paths, log_dir=selection.log_dir, env=os.environ)
    kept, skipped = filter_by_window(found.files, window)
    found.files = kept
    found.skipped.extend(skipped)
    note = _stderr_note(selection)
    for line in found.notes:
        note(f"note: {line}")
    if selection.verbose or (not selection.paths and not selection.quiet):
        names = ", ".join(log.name for log in found.files) or "none"
        note(f"reading {len(found.files)} file(s): {names}")
    if selection.verbose:
        for skipped_file in found.skipped:
            note(f"skipped {skipped_file.path}: {skipped_file.reason}")
        for place in found.searched:
            note(f"looked in {place}")
    return found


def _stderr_note(selection: InputSelection) -> Callable[[str], None]:
    def note(text: str) -> None:
        if not selection.quiet:
            click.echo(terminal_safe(text), err=True)
    return note


def _want_progress(selection: InputSelection, files: list[LogFile], machine_output: bool) -> bool:
    if selection.quiet or machine_output or not sys.stderr.isatty():
        return False
    return sum(log.size or 0 for log in files) >= PROGRESS_MIN_BYTES


def make_progress() -> Progress:
    # rich (about 30 ms to import) only when a bar is shown
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

    return Progress(
        TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn(),
        transient=True, console=None,
    )


def load_analysis(selection: InputSelection, machine_output: bool, redactor: Redactor | None = None) -> Analysis:
    """Discover, parse, correlate and classify; then apply the filters. ``redactor`` learns
    the whole analysis before the filters, so they cannot change anyone's placeholder."""
    from stuckscan.analysis import analyze_events
    from stuckscan.parallel import parse_files_parallel
    from stuckscan.parser import ParseStats

    window = resolve_window(selection)
    found = choose_files(selection, window)
    options = build_parse_options(selection.base_date, selection.zone)
    stats = ParseStats()
    limits = CorrelatorLimits(max_open_incidents=selection.max_open_incidents)
    position = Position()
    paths = [log.path for log in found.files]
    selected = None if window.unbounded else window
    try:
        if _want_progress(selection, found.files, machine_output):
            with make_progress() as progress:
                task = progress.add_task("scan", total=sum(log.size or 0 for log in found.files))
                events = parse_files_parallel(paths, options, stats, jobs=selection.jobs, window=selected,
                                              progress=lambda done: progress.advance(task, done))
                analysis = analyze_events(position.track(events), stats, limits)
        else:
            events = parse_files_parallel(paths, options, stats, jobs=selection.jobs, window=selected)
            analysis = analyze_events(position.track(events), stats, limits)
    except (InputError, click.ClickException, KeyboardInterrupt):
        raise
    except Exception as error:
        note_failure_location(error, position)  # the top-level handler names the line
        raise
    if redactor is not None:
        redactor.learn(analysis)
    return filter_analysis(analysis, selection)


def _incident_matches(incident: Incident, session: str) -> bool:
    return session in (incident.session_key, incident.session_id) or session in incident.run_ids


def filter_analysis(analysis: Analysis, selection: InputSelection) -> Analysis:
    incidents = list(analysis.incidents)
    episodes = list(analysis.episodes)
    if selection.session:
        incidents = [i for i in incidents if _incident_matches(i, selection.session)]
        kept = {episode_id for i in incidents for episode_id in i.episode_ids}
        episodes = [e for e in episodes if e.id in kept]
    if selection.rules:
        wanted = set()
        for name in selection.rules:
            rule = find_rule(name)
            if rule is None:
                raise click.BadParameter(f"unknown rule {name!r}", param_hint="--rule")
            wanted.add(rule.id)
        incidents = [i for i in incidents if _rule_ids(i) & wanted]
        episodes = [e for e in episodes if _rule_ids(e) & wanted]
    if selection.min_severity:
        floor = Severity(selection.min_severity).rank
        incidents = [i for i in incidents if i.severity.rank >= floor]
        episodes = [e for e in episodes if e.severity.rank >= floor]
    return dataclasses.replace(analysis, incidents=incidents, episodes=episodes)


def _rule_ids(item: Any) -> set[str]:
    return {f.rule.id for f in (item.primary, *item.contributing) if f is not None}
