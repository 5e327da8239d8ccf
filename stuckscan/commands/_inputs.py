"""What scan, timeline, report and watch share: choosing inputs, windows, filters, progress.

Whatever a filter, a time window or the input itself hides from the result is said in
one line each on :attr:`Analysis.explanations`, so an empty result never reads as an
all-clear it is not.
"""

from __future__ import annotations

import dataclasses
import math
import os
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Any

import click

from stuckscan._dataclass import dataclass
from stuckscan._safe import terminal_safe
from stuckscan.commands._choices import check_rules, complete_rules
from stuckscan.commands._options import (
    F,
    Position,
    build_parse_options,
    check_moment,
    note_failure_location,
    require_lines_or_readable_input,
    require_something_readable,
    time_options,
    warn_skipped_files,
)
from stuckscan.correlator import CorrelatorLimits
from stuckscan.formats._report import SHORT_EXCERPT_NOTE, UNDATED_NOTE, hides_findings
from stuckscan.inputs import InputError
from stuckscan.model import Analysis, Episode, Incident, Severity
from stuckscan.rules import find_rule
from stuckscan.thresholds import WARN_THRESHOLD_SECONDS
from stuckscan.timewindow import TimeWindow, describe_window, is_relative, is_time_of_day
from stuckscan.unexplained import judged_note, unexplained_note

# The reading pipeline (parser, fast path, classifier), discovery and rich are imported
# where they are used, so `--help` and option errors do not load them.
if TYPE_CHECKING:
    from rich.progress import Progress

    from stuckscan.analysis import Setup
    from stuckscan.discovery import Discovery, LogFile
    from stuckscan.parser import ParseStats
    from stuckscan.redact import Redactor

PROGRESS_MIN_BYTES = 8 << 20  # below this a scan takes a moment: no bar
MAX_JOBS = 1024
MAX_OPEN_INCIDENTS = 10_000_000
PEEK_LINES = 200              # lines read from the start of a file to learn the zone it prints
PEEK_FILES = 3                # newest files looked at for that
SHORT_ID_MIN = 6              # a prefix of a session or run id this long selects it (views print 8)
# Shapes that any text file can take: a line in one of these, of no known message family,
# is not evidence that the input is an OpenClaw log.
PLAIN_TEXT_SHAPES = frozenset({"snippet", "timestamped", "clock-timestamped"})
UNTYPED_KINDS = frozenset({"generic", "unparsed"})


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
    allow_empty: bool = False
    config: str | None = None


def config_option(func: F) -> F:
    """``--config PATH``: the gateway config whose thresholds and settings the analysis uses."""
    return click.option(
        "--config", "config", type=click.Path(dir_okay=False), default=None, metavar="PATH",
        help="The gateway's openclaw.json (JSON5): its stall thresholds are used and fixes name its values. "
             "Default: a bundle's config/sanitized.json, or on the gateway host (no PATH) $OPENCLAW_CONFIG_PATH "
             "or ~/.openclaw/openclaw.json.")(func)


def input_options(func: F) -> F:
    """PATH... plus discovery, window and filter options."""
    options = [
        click.option("-j", "--jobs", type=click.IntRange(min=1, max=MAX_JOBS), default=None, metavar="N",
                     help="Read several files, and parts of a large gateway log, in parallel worker processes "
                          "(default: the number of cores). The result is the same as a serial scan."),
        click.option("--max-open-incidents", type=click.IntRange(min=1, max=MAX_OPEN_INCIDENTS),
                     default=CorrelatorLimits().max_open_incidents,
                     show_default=True, metavar="N",
                     help="Incidents kept open at once; beyond this the least recently active one is closed "
                          "as evicted (counted in the report) so memory stays bounded."),
        click.option("--allow-empty", is_flag=True,
                     help="Accept input with no OpenClaw log line (say so, exit 0) instead of failing with exit code 2."),
        click.option("-v", "--verbose", is_flag=True,
                     help="Every fix, cause and evidence line; which files were chosen and skipped."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar and no notes on stderr."),
        click.option("--rule", "rules", multiple=True, metavar="RULE", callback=check_rules, shell_complete=complete_rules,
                     help="Only incidents and episodes with a finding of this rule (id or slug). Repeatable."),
        click.option("--min-severity", type=click.Choice([s.value for s in Severity]), default=None,
                     help="Only incidents and episodes at or above this severity."),
        click.option("--session", metavar="ID",
                     help="Only this incident: an INC id, a sessionKey, sessionId or runId (or the start of one), "
                          "or a redacted key as stuckscan prints it."),
        click.option("--until", metavar="WHEN", callback=check_moment, help="End of the time window (same forms as --since)."),
        click.option("--since", metavar="WHEN", callback=check_moment,
                     help="Start of the time window: ISO time, date, today, yesterday, a time of day (today), "
                          "or a duration ago (90m, 3h, 2d). Without a zone: the log's own."),
        click.option("--log-dir", type=click.Path(file_okay=False), envvar="OPENCLAW_LOG_DIR",
                     help="Directory of gateway logs (default: /tmp/openclaw or the gateway's own fallback)."),
        time_options,
        config_option,
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


def resolve_window(selection: InputSelection, now: datetime | None = None, log_zone: tzinfo | None = None) -> TimeWindow:
    """The ``--since``/``--until`` window. Times without a zone are read in the zone the
    log prints (``log_zone``), else in ``--tz``, else in this machine's."""
    if selection.since is None and selection.until is None:
        return TimeWindow()  # (no zone to look up: the machine's costs an import of dateutil.tz)
    moment = now or datetime.now(timezone.utc)
    try:
        return TimeWindow.parse(selection.since, selection.until, moment, log_zone or local_zone(selection.zone))
    except (ValueError, OverflowError) as error:
        raise click.UsageError(str(error)) from None  # the message names the option


# -- which files -----------------------------------------------------------------------


def discover_files(selection: InputSelection) -> Discovery:
    from stuckscan.discovery import discover

    found = discover(selection.paths, log_dir=selection.log_dir, env=os.environ)
    note = _stderr_note(selection)
    for line in found.notes:
        note(f"note: {line}")
    return found


def build_setup(selection: InputSelection, found: Discovery) -> Setup:
    """The config the analysis uses (``--config``, else a bundle's, else on the gateway host
    the gateway's own) with its thresholds, and the first bundle's snapshot."""
    from stuckscan.analysis import Setup
    from stuckscan.config import GatewayConfig, host_config, read_config, thresholds_from

    info = None
    if found.bundles:
        from stuckscan.bundle import CONFIG, inspect_bundle, member_path

        info = inspect_bundle(found.bundles[0])
    notes: list[str] = []
    config: GatewayConfig | None = None
    source = "none"
    if selection.config:
        config, source = read_config(selection.config, "--config"), "option"
    elif info is not None and info.config is not None:
        config = GatewayConfig(info.config, member_path(found.bundles[0], CONFIG), "bundle")
        source = "bundle"
    elif not selection.paths:
        config, problem = host_config(os.environ)
        source = "gateway"
        if problem:
            notes.append(problem)
            _stderr_note(selection)(f"note: {problem}")
    if len(found.bundles) > 1:
        notes.append(f"{len(found.bundles)} bundles given: the state at export is the first one's")
    thresholds, ignored = thresholds_from(config)
    return Setup(config=config, config_source=source, thresholds=thresholds, config_notes=(*notes, *ignored),
                 bundle=info.snapshot if info is not None else None)


def apply_window(found: Discovery, window: TimeWindow, selection: InputSelection) -> list[LogFile]:
    """Keep the files that may hold a line in ``window``; return the ones it ruled out."""
    from stuckscan.discovery import filter_by_window

    before = list(found.files)
    kept, skipped = filter_by_window(found.files, window)
    found.files = kept
    found.skipped.extend(skipped)
    note = _stderr_note(selection)
    if selection.verbose or (not selection.paths and not selection.quiet):
        names = ", ".join(log.name for log in found.files) or "none"
        note(f"reading {len(found.files)} file(s): {names}")
    if selection.verbose:
        for skipped_file in found.skipped:
            note(f"skipped {skipped_file.path}: {skipped_file.reason}")
        for place in found.searched:
            note(f"looked in {place}")
    return [log for log in before if log not in kept]


def _stderr_note(selection: InputSelection) -> Callable[[str], None]:
    def note(text: str) -> None:
        if not selection.quiet:
            from stuckscan.inputs import printable_path

            click.echo(terminal_safe(printable_path(text)), err=True)  # file names need not be UTF-8
    return note


def peek_zone(files: list[LogFile]) -> tzinfo | None:
    """The UTC offset the newest of ``files`` prints, from its first timed lines (regular
    files only: a pipe or stdin read here would lose what was read)."""
    from stuckscan.formats._report import offset_zone
    from stuckscan.parser import ParseOptions, ParseStats, parse_path

    for log in reversed(files[-PEEK_FILES:]):
        if log.is_stdin or not os.path.isfile(log.path):
            continue
        stats = ParseStats()
        try:
            for index, event in enumerate(parse_path(log.path, ParseOptions(), stats)):
                if event.time is not None or index >= PEEK_LINES:
                    break
        except (InputError, OSError):
            continue  # the scan itself reports it
        zones = {offset_zone(label) for label in stats.offsets} - {None}
        if len(zones) == 1:
            return zones.pop()
    return None


# -- reading ---------------------------------------------------------------------------


class CountingWindow:
    """A :class:`TimeWindow` that counts the timed lines it is asked about and keeps."""

    __slots__ = ("window", "kept", "seen")

    def __init__(self, window: TimeWindow) -> None:
        self.window = window
        self.kept = 0
        self.seen = 0

    @property
    def unbounded(self) -> bool:
        return self.window.unbounded

    def contains(self, moment: datetime | None) -> bool:
        if moment is None:
            return True
        self.seen += 1
        if self.window.contains(moment):
            self.kept += 1
            return True
        return False


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


def load_analysis(selection: InputSelection, machine_output: bool, now: datetime | None = None,
                  redactor: Redactor | None = None) -> Analysis:
    """Discover, parse, correlate and classify; then apply the filters, and say in
    :attr:`Analysis.explanations` what the window, the filters and the input hid.
    ``redactor`` learns the whole analysis before the filters, so they cannot change
    anyone's placeholder (and ``--session`` takes the placeholders it prints)."""
    from stuckscan.analysis import analyze_events
    from stuckscan.commands._write import output_option_value, protect_inputs, refuse_input_target
    from stuckscan.inputs import display_name, hold_inputs
    from stuckscan.parallel import parse_files_parallel
    from stuckscan.parser import ParseStats

    moment = now or datetime.now(timezone.utc)
    found = discover_files(selection)
    zone = None if is_relative(selection.since) and is_relative(selection.until) else peek_zone(found.files)
    window = resolve_window(selection, moment, zone)
    ruled_out = apply_window(found, window, selection)
    protect_inputs([*(log.path for log in found.files), *found.bundles], [str(place.path) for place in found.searched])
    setup = build_setup(selection, found)
    refuse_input_target(output_option_value())  # before reading: the report must never replace a log
    options = build_parse_options(selection.base_date, selection.zone)
    stats = ParseStats()
    stats.skipped_files.extend((display_name(log.path), log.reason) for log in found.unreadable)
    limits = CorrelatorLimits(max_open_incidents=selection.max_open_incidents)
    position = Position()
    counter = None if window.unbounded else CountingWindow(window)
    with hold_inputs([log.path for log in found.files], listed=True) as held:
        stats.skipped_files.extend(held.skipped)
        require_something_readable(held.readable, stats.skipped_files)
        readable = set(held.readable)
        files = [log for log in found.files if log.path in readable]
        paths = [log.path for log in files]
        try:
            if _want_progress(selection, files, machine_output):
                with make_progress() as progress:
                    task = progress.add_task("scan", total=sum(log.size or 0 for log in files))
                    events = parse_files_parallel(paths, options, stats, jobs=selection.jobs, window=counter,
                                                  progress=lambda done: progress.advance(task, done))
                    analysis = analyze_events(position.track(events), stats, limits, setup)
            else:
                events = parse_files_parallel(paths, options, stats, jobs=selection.jobs, window=counter)
                analysis = analyze_events(position.track(events), stats, limits, setup)
        except (InputError, click.ClickException, KeyboardInterrupt):
            raise
        except Exception as error:
            note_failure_location(error, position)  # the top-level handler names the line
            raise
    require_lines_or_readable_input(stats.lines, len(found.files) + len(found.unreadable), stats.skipped_files)
    warn_skipped_files(stats.skipped_files)
    explained: list[str] = []
    if found.files:
        explained.extend(unrecognised_input(stats, found.files, selection.allow_empty))
    analysis, dating = place_undated(analysis, stats, selection, moment)
    explained.extend(dating)
    if not analysis.incidents and not analysis.episodes:
        explained.extend(note for note in [unexplained_note(analysis.unexplained), judged_note(analysis.judged)] if note)
        if not explained or all(not hides_findings(text) for text in explained):
            explained.extend(short_excerpt_note(analysis, recognised_lines(stats)))
    if redactor is not None:
        redactor.learn(analysis)
    filtered = filter_analysis(analysis, selection, redactor)
    empty = not filtered.incidents and not filtered.episodes
    explained.extend(window_explanations(window, selection, analysis, stats, counter, ruled_out, zone, empty))
    return dataclasses.replace(filtered, explanations=[*explained, *filtered.explanations])


# -- what the input holds --------------------------------------------------------------


def recognised_lines(stats: ParseStats) -> int:
    """Lines that show the input is an OpenClaw log: a gateway record or console shape,
    or a message of a known family (a bare line of text is neither)."""
    shaped = sum(count for shape, count in stats.shapes.items() if shape.rsplit("+", 1)[-1] not in PLAIN_TEXT_SHAPES)
    typed = sum(count for kind, count in stats.kinds.items() if kind not in UNTYPED_KINDS)
    # an unparsed line counts under the JSON shape it failed; a JSON object that says nothing
    # of a log record (a session store row, a config) is no OpenClaw line either
    return max(shaped - stats.unparsed - stats.foreign_json, typed)


def unrecognised_input(stats: ParseStats, files: list[LogFile], allow_empty: bool) -> list[str]:
    """Nothing when the input holds an OpenClaw line; else the explanation (with
    ``allow_empty``) or an :class:`InputError` (exit code 2)."""
    if recognised_lines(stats):
        return []
    what = files[0].name if len(files) == 1 else f"the {len(files)} files read"
    if stats.lines == stats.blank:
        message = f"{what} {'is' if len(files) == 1 else 'are'} empty"
    else:
        message = f"no OpenClaw log lines recognised in {what} ({stats.lines:,} lines read)"
    if allow_empty:
        return [message]
    raise InputError(f"{message}; --allow-empty accepts such input")


def short_excerpt_note(analysis: Analysis, recognised: int) -> list[str]:
    """The caveat an empty result gets when its lines span less than the stall detector's warn threshold (or carry
    no times): a stall shows only once a session has been stuck that long, and an excerpt this short cannot show a
    run's end, a reply or a channel's ready that never came. Nothing, when the lines span more (an all-clear) or
    none of them is an OpenClaw line (that has its own explanation)."""
    if not recognised:
        return []
    config = analysis.environment.config
    warn = config.warn_seconds if config is not None else WARN_THRESHOLD_SECONDS
    first, last = analysis.inputs.first_time, analysis.inputs.last_time
    count = analysis.inputs.lines
    one = count == 1
    subject, they, them = ("the 1 line read", "it", "it") if one else (f"the {count:,} lines read", "they", "them")
    if first is not None and last is not None and first.tzinfo is not None and last.tzinfo is not None:
        span = (last - first).total_seconds()
        if span >= warn:
            return []
        extent = (f"{'spans' if one else 'span'} {span:.0f} s, less than the stall detector's {warn:g} s warn "
                  f"threshold, so {they}")
    else:
        extent = (f"{'carries' if one else 'carry'} no times, so {they} cannot date a session stuck past the "
                  f"{warn:g} s warn threshold and")
    return [f"{SHORT_EXCERPT_NOTE}: {subject} {extent} cannot show a run's end, a reply or a channel's ready that "
            f"never came; scan the log around {them} (`stuckscan scan /tmp/openclaw`)"]


def place_undated(analysis: Analysis, stats: ParseStats, selection: InputSelection,
                  now: datetime) -> tuple[Analysis, list[str]]:
    """Time-only lines were dated today (no --date, no date in the file name): move the
    whole log back by whole days when that put it in the future, and say which day it was
    read as."""
    if not stats.guessed_dates or selection.base_date is not None or analysis.inputs.first_time is None:
        return analysis, []
    timed = stats.events - stats.untimed
    last = analysis.inputs.last_time
    days = 0
    if last is not None and last > now and stats.guessed_dates >= timed:
        days = math.ceil((last - now) / timedelta(days=1))
        analysis = shift_times(analysis, timedelta(days=-days))
    zone = local_zone(selection.zone)
    first = analysis.inputs.first_time
    day = first.astimezone(zone).date() if first is not None else now.date()
    if days:
        how = f"read as {day}, the latest day that puts them in the past"
    elif day == now.astimezone(zone).date():
        how = f"read as today, {day}"
    else:
        how = f"read from {day}"
    return analysis, [f"{UNDATED_NOTE}: {how}; give --date YYYY-MM-DD for the day it was written"]


def shift_times(value: Any, delta: timedelta) -> Any:
    """A copy of ``value`` (an analysis or any part of it) with every datetime moved by ``delta``."""
    if isinstance(value, datetime):
        return value + delta
    if isinstance(value, list):
        return [shift_times(item, delta) for item in value]
    if isinstance(value, dict):
        return {key: shift_times(item, delta) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: shift_times(getattr(value, f.name), delta) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


# -- the time window -------------------------------------------------------------------


def window_explanations(window: TimeWindow, selection: InputSelection, analysis: Analysis, stats: ParseStats,
                        counter: CountingWindow | None, ruled_out: list[LogFile], zone: tzinfo | None,
                        empty: bool) -> list[str]:
    """What the window left out, when it may explain an empty result."""
    if counter is None:
        return []
    shown_zone = zone or local_zone(selection.zone)
    described = f"the window {describe_window(window, shown_zone)}"
    hint = _time_of_day_hint(selection, analysis, ruled_out)
    if not analysis.inputs.files and ruled_out:
        newest = max(ruled_out, key=lambda log: (log.date or date.min, -log.rotation))
        if len(ruled_out) == 1:
            which = f"{newest.name} is dated {newest.date}"
        else:
            which = f"the newest of the {len(ruled_out)} files, {newest.name}, is dated {newest.date}"
        return [f"no log file overlaps {described}: {which}{hint}"]
    if counter.kept and not empty:
        return []
    covers = log_coverage(analysis, shown_zone)
    return [f"{counter.kept:,} of {counter.seen:,} timed lines fall in {described}; {covers}{hint}"]


def log_coverage(analysis: Analysis, zone: tzinfo) -> str:
    """``the log covers 2026-05-21 08:02–22:43 +08:00 (00:02–14:43 UTC)``."""
    from stuckscan.formats._report import local_span

    first, last = analysis.inputs.first_time, analysis.inputs.last_time
    if first is None or last is None:
        return "the log has no timestamps"
    text = f"the log covers {local_span(first, last, zone)}"
    if last.astimezone(zone).utcoffset():
        same_day = first.astimezone(zone).date() == first.astimezone(timezone.utc).date()
        text += f" ({local_span(first, last, timezone.utc, with_date=not same_day)})"
    return text


def _time_of_day_hint(selection: InputSelection, analysis: Analysis, ruled_out: list[LogFile]) -> str:
    option = "--since" if is_time_of_day(selection.since) else "--until" if is_time_of_day(selection.until) else None
    if option is None:
        return ""
    value = selection.since if option == "--since" else selection.until
    day = analysis.inputs.last_time.date() if analysis.inputs.last_time else max(
        (log.date for log in ruled_out if log.date), default=None)
    example = f" (e.g. {option} '{day} {value}')" if day else ""
    return f"; a time of day means today: give the date too{example}"


# -- filters ---------------------------------------------------------------------------


def _short_id_match(wanted: str, value: str | None) -> bool:
    return value is not None and len(wanted) >= SHORT_ID_MIN and value.lower().startswith(wanted.lower())


def incident_names(incident: Incident) -> list[str]:
    """Every name stuckscan prints for an incident: its INC id, key, session and run ids."""
    return [name for name in (incident.id, incident.session_key, incident.session_id, *incident.run_ids) if name]


def _matches(incident: Incident, wanted: str) -> bool:
    if wanted.upper() == incident.id or wanted in incident_names(incident):
        return True
    return any(_short_id_match(wanted, value) for value in (incident.session_id, *incident.run_ids))


def session_incidents(analysis: Analysis, wanted: str, redactor: Redactor | None = None) -> list[Incident]:
    """The incidents ``wanted`` names, in any form stuckscan prints: an INC id, a session
    key, session or run id (or its first characters), or a redacted key such as
    ``agent:main:telegram:direct:<peer-1>``, matched by redacting the whole analysis (its
    placeholders depend only on the whole input, not on filters) with ``redactor``, the
    one the output is redacted with (keyed ones too), or a fresh one."""
    text = wanted.strip()
    direct = [incident for incident in analysis.incidents if _matches(incident, text)]
    if direct or "<" not in text:
        return direct
    from stuckscan.redact import redact_analysis

    redacted = redact_analysis(dataclasses.replace(analysis, explanations=[]), redactor)
    hits = {shown.id for shown in redacted.incidents if _matches(shown, text)}
    return [incident for incident in analysis.incidents if incident.id in hits]


def _hidden(incidents: int, episodes: int, by: str) -> list[str]:
    from stuckscan.formats._report import plural

    parts = [plural(count, noun) for count, noun in ((incidents, "incident"), (episodes, "gateway episode")) if count]
    return [f"{' and '.join(parts)} hidden by {by}"] if parts else []


def _no_session(wanted: str, incidents: list[Incident]) -> str:
    if not incidents:
        known = "the log has no incidents"
    elif len(incidents) == 1:
        known = f"the only incident is {incidents[0].id} ({incidents[0].name})"
    else:
        known = f"incidents are {incidents[0].id}..{incidents[-1].id}"
    return f"--session {wanted} matches no session; {known}"


def filter_analysis(analysis: Analysis, selection: InputSelection, redactor: Redactor | None = None) -> Analysis:
    """The analysis with only the incidents and episodes the filters let through; what
    each filter hid is added to its explanations. ``redactor``: see :func:`session_incidents`."""
    incidents: list[Incident] = analysis.incidents  # not copied: a log with many keeps them compressed
    episodes: list[Episode] = list(analysis.episodes)
    said: list[str] = []
    if selection.session:
        matched = session_incidents(analysis, selection.session, redactor)
        if not matched:
            said.append(_no_session(selection.session, incidents))
        kept = {episode_id for incident in matched for episode_id in incident.episode_ids}
        kept_episodes = [episode for episode in episodes if episode.id in kept]
        if matched:
            said.extend(_hidden(len(incidents) - len(matched), len(episodes) - len(kept_episodes),
                                f"--session {selection.session}"))
        incidents, episodes = matched, kept_episodes
    if selection.rules:
        wanted = set()
        for name in selection.rules:
            rule = find_rule(name)
            if rule is None:
                raise click.BadParameter(f"unknown rule {name!r}", param_hint="--rule")
            wanted.add(rule.id)
        by_rule = " ".join(f"--rule {name}" for name in selection.rules)
        kept_incidents = [i for i in incidents if _rule_ids(i) & wanted]
        kept_episodes = [e for e in episodes if _rule_ids(e) & wanted]
        said.extend(_hidden(len(incidents) - len(kept_incidents), len(episodes) - len(kept_episodes), by_rule))
        incidents, episodes = kept_incidents, kept_episodes
    if selection.min_severity:
        floor = Severity(selection.min_severity).rank
        kept_incidents = [i for i in incidents if i.severity.rank >= floor]
        kept_episodes = [e for e in episodes if e.severity.rank >= floor]
        said.extend(_hidden(len(incidents) - len(kept_incidents), len(episodes) - len(kept_episodes),
                            f"--min-severity {selection.min_severity}"))
        incidents, episodes = kept_incidents, kept_episodes
    return dataclasses.replace(analysis, incidents=incidents, episodes=episodes,
                               explanations=[*analysis.explanations, *said])


def _rule_ids(item: Any) -> set[str]:
    return {f.rule.id for f in (item.primary, *item.contributing) if f is not None}
