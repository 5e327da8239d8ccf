"""Finding the gateway's log files: default places, directories, globs, rotation and dedupe.

The gateway writes ``<log dir>/openclaw-YYYY-MM-DD.log`` (host-local date), rotates by
size to ``openclaw-YYYY-MM-DD.1.log`` .. ``.5.log`` (``.1`` newest), and older builds used
``clawdbot-*`` / ``moltbot-*``. Users and logrotate also keep compressed copies
(:data:`COMPRESSED_SUFFIXES`). :func:`discover` turns
command-line paths (or, without any, the first default place holding logs) into the
ordered, de-duplicated list of files to read. Nothing here reads a log's contents.
"""

from __future__ import annotations

import errno
import glob
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from stuckscan._dataclass import dataclass
from stuckscan.brand import PRODUCT_NAMES
from stuckscan.inputs import STDIN_NAME, InputError, describe_os_error, display_name, os_error_cause, printable_path
from stuckscan.timewindow import TimeWindow

UTC = timezone.utc

COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz", ".lzma", ".zst", ".lz4")  # the reader knows each by its magic bytes
_COMPRESSED = r"(?:\.gz|\.bz2|\.xz|\.lzma|\.zst|\.lz4)"
LOG_NAME = re.compile(
    r"(?P<prefix>" + PRODUCT_NAMES + r")-(?P<date>\d{4}-\d{2}-\d{2})(?:\.(?P<rotation>\d+))?\.log"
    rf"(?P<compressed>{_COMPRESSED})?"
)
_GLOB_CHARS = re.compile(r"[*?\[]")
# A dated file holds host-local day D; the host's zone is unknown, and every zone lies
# within a day of UTC, so D-1 00:00 UTC .. D+2 00:00 UTC bounds it from any zone.
DATE_SLACK = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Place:
    """One place looked in for logs, and why it was looked in."""

    path: Path
    origin: str
    file: Path | None = None  # the configured `logging.file` when it names a single file

    def __str__(self) -> str:
        target = self.file if self.file is not None else self.path
        return f"{printable_path(str(target))} ({self.origin})"


@dataclass(frozen=True, slots=True)
class LogFile:
    """One input: a log file (or ``-`` for stdin) with what its name tells."""

    path: str
    name: str
    date: date | None = None  # from a gateway log name only; None for any other name
    rotation: int = 0  # 0 for the active file, N for `.N.log`
    compressed: bool = False  # by name (a COMPRESSED_SUFFIXES ending); the reader goes by the magic bytes either way
    size: int | None = None
    mtime: float | None = None

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN_NAME


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


@dataclass(slots=True)
class Discovery:
    """The files to read, in order, and how they were found."""

    files: list[LogFile] = field(default_factory=list)
    searched: list[Place] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unreadable: list[Skipped] = field(default_factory=list)  # logs by name that cannot be read: warned about
    bundles: list[str] = field(default_factory=list)  # diagnostics bundles given (their members are in files)

    @property
    def paths(self) -> list[str]:
        return [log.path for log in self.files]


# -- default places ----------------------------------------------------------------


def default_log_dirs(env: Mapping[str, str] = os.environ, platform: str = sys.platform,
                     uid: int | None = None) -> list[Path]:
    """The directories the gateway may log to, most likely first."""
    return [place.path for place in default_places(env, platform, uid)[0]]


def default_places(env: Mapping[str, str] = os.environ, platform: str = sys.platform,
                   uid: int | None = None) -> tuple[list[Place], list[str]]:
    """The default places in priority order, and notes (e.g. about a broken config)."""
    places: list[Place] = []
    notes: list[str] = []
    windows = platform.startswith("win")
    override = env.get("OPENCLAW_LOG_DIR", "").strip()
    if override:
        places.append(Place(_expand_home(override, env), "OPENCLAW_LOG_DIR"))
    configured, note = configured_log_file(env)
    if note:
        notes.append(note)
    if configured is not None:
        places.append(_configured_place(configured))
    if not windows:
        places.append(Place(Path("/tmp/openclaw"), "default"))
    places.append(Place(_fallback_dir(env, windows, uid), "fallback when /tmp/openclaw is not private"))
    if not windows:
        places.append(Place(Path("/tmp/moltbot"), "legacy name, Jan 2026"))
        places.append(Place(Path("/tmp/clawdbot"), "legacy name, before Jan 27 2026"))
    return _unique_places(places), notes


def _configured_place(configured: Path) -> Place:
    # A `logging.file` shaped like a daily file only names the directory: the gateway
    # substitutes today's date (resolveActiveLogFile upstream).
    if LOG_NAME.fullmatch(configured.name) and not configured.name.endswith(COMPRESSED_SUFFIXES):
        return Place(configured.parent, "logging.file")
    return Place(configured.parent, "logging.file", file=configured)


def _fallback_dir(env: Mapping[str, str], windows: bool, uid: int | None) -> Path:
    temp = Path(_temp_dir(env, windows))
    if windows:
        return temp / "openclaw"
    if uid is None:
        uid = os.getuid() if hasattr(os, "getuid") else None
    return temp / f"openclaw-{uid if uid is not None else 'user'}"


def _temp_dir(env: Mapping[str, str], windows: bool) -> str:
    names = ("TEMP", "TMP", "TMPDIR") if windows else ("TMPDIR", "TEMP", "TMP")
    for name in names:
        value = env.get(name, "").strip()
        if value:
            return value.rstrip("/\\") or value
    return tempfile.gettempdir()


def _unique_places(places: list[Place]) -> list[Place]:
    seen: set[tuple[str, str | None]] = set()
    unique: list[Place] = []
    for place in places:
        key = (os.path.normpath(place.path), str(place.file) if place.file else None)
        if key not in seen:
            seen.add(key)
            unique.append(place)
    return unique


# -- the gateway config -------------------------------------------------------------


def config_path(env: Mapping[str, str] = os.environ) -> Path:
    """``$OPENCLAW_CONFIG_PATH``, else ``$OPENCLAW_STATE_DIR/openclaw.json``, else ``~/.openclaw/openclaw.json``."""
    explicit = env.get("OPENCLAW_CONFIG_PATH", "").strip()
    if explicit:
        return _expand_home(explicit, env)
    state = env.get("OPENCLAW_STATE_DIR", "").strip()
    if state:
        return _expand_home(state, env) / "openclaw.json"
    return _home(env) / ".openclaw" / "openclaw.json"


def configured_log_file(env: Mapping[str, str] = os.environ) -> tuple[Path | None, str | None]:
    """``logging.file`` from the gateway config, and a note when the config could not be used.

    A missing config, or one without ``logging.file``, is normal and gives no note.
    """
    path = config_path(env)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None, None
    except (OSError, UnicodeDecodeError) as error:
        return None, f"ignored {path}: cannot read it ({_reason(error)})"
    try:
        config = json.loads(json5_to_json(text))
    except ValueError as error:
        return None, f"ignored {path}: not valid JSON/JSON5 ({error})"
    logging = config.get("logging") if isinstance(config, dict) else None
    value = logging.get("file") if isinstance(logging, dict) else None
    if value is None:
        return None, None
    if not isinstance(value, str) or not value.strip():
        return None, f"ignored logging.file in {path}: expected a path string"
    configured = _expand_home(value.strip(), env)
    if not configured.is_absolute():
        # The gateway resolves it against its own working directory, which we cannot know.
        return None, f"ignored logging.file in {path}: relative path {value!r}"
    return configured, None


def json5_to_json(text: str) -> str:
    """Rewrite the JSON5 conveniences people put in openclaw.json into plain JSON.

    Handles ``//`` and ``/* */`` comments, trailing commas, single-quoted strings and
    unquoted keys. Anything stranger is left for ``json.loads`` to reject.
    """
    out: list[str] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char in "\"'":
            end = _string_end(text, index)
            out.append(_as_json_string(text[index:end]))
            index = end
        elif text.startswith("//", index):
            newline = text.find("\n", index)
            index = length if newline < 0 else newline
        elif text.startswith("/*", index):
            close = text.find("*/", index + 2)
            if close < 0:
                raise ValueError("unterminated /* comment")
            index = close + 2
        elif char == ",":
            if not _closes_next(text, index + 1):
                out.append(char)
            index += 1
        elif char.isalpha() or char in "_$":
            end = index
            while end < length and (text[end].isalnum() or text[end] in "_$"):
                end += 1
            word = text[index:end]
            out.append(json.dumps(word) if _followed_by_colon(text, end) else word)
            index = end
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _string_end(text: str, start: int) -> int:
    quote = text[start]
    index = start + 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == quote:
            return index + 1
        index += 1
    raise ValueError("unterminated string")


def _as_json_string(literal: str) -> str:
    if literal[0] == '"':
        return literal
    body = literal[1:-1].replace("\\'", "'").replace('"', '\\"')
    return f'"{body}"'


def _skip_blank_and_comments(text: str, index: int) -> int:
    while index < len(text):
        if text[index].isspace():
            index += 1
        elif text.startswith("//", index):
            newline = text.find("\n", index)
            index = len(text) if newline < 0 else newline
        elif text.startswith("/*", index):
            close = text.find("*/", index + 2)
            index = len(text) if close < 0 else close + 2
        else:
            break
    return index


def _closes_next(text: str, index: int) -> bool:
    index = _skip_blank_and_comments(text, index)
    return index < len(text) and text[index] in "}]"


def _followed_by_colon(text: str, index: int) -> bool:
    index = _skip_blank_and_comments(text, index)
    return index < len(text) and text[index] == ":"


def _home(env: Mapping[str, str]) -> Path:
    home = env.get("HOME") or env.get("USERPROFILE")
    return Path(home) if home else Path.home()


def _expand_home(value: str, env: Mapping[str, str]) -> Path:
    if value == "~" or value.startswith(("~/", "~\\")):
        return _home(env) / value[2:]
    return Path(value)


def _reason(error: Exception) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or str(error)


# -- discovery ----------------------------------------------------------------------


def discover(paths: Sequence[str] = (), log_dir: str | None = None, *,
             env: Mapping[str, str] = os.environ, platform: str = sys.platform,
             uid: int | None = None, places: Sequence[Place] | None = None) -> Discovery:
    """The files to read: ``paths`` when given, else ``log_dir``'s logs, else the first default place with logs.

    ``log_dir`` stands in for the default places, so it is not consulted when ``paths``
    are given (it may come from ``$OPENCLAW_LOG_DIR`` rather than from the user's typing).
    ``places`` replaces :func:`default_places` (for tests and embedding).
    Raises InputError for a path, pattern or log_dir that matches nothing, and when no log is found.
    """
    result = Discovery()
    candidates: list[LogFile] = []
    for spec in paths:
        candidates.extend(_from_path_spec(spec, result))
    if not paths and log_dir is not None:
        candidates.extend(_from_log_dir(log_dir, result))
    elif not paths:
        if places is None:
            places, notes = default_places(env, platform, uid)
            result.notes.extend(notes)
        candidates.extend(_from_places(places, result))
    result.files = _ordered(_dedupe(candidates, result))
    if not result.files:
        raise InputError(_nothing_found(result))
    return result


def filter_by_window(files: Iterable[LogFile], window: TimeWindow) -> tuple[list[LogFile], list[Skipped]]:
    """Drop dated files that cannot hold a line inside ``window``, without reading them.

    A file dated D is taken to cover D-1 00:00 UTC .. D+2 00:00 UTC (the host's zone is
    unknown), stretched to its modification time: gateways up to about 2026.4.x kept
    writing to the day they started on. Undated files and stdin are always kept.
    """
    kept: list[LogFile] = []
    skipped: list[Skipped] = []
    for log in files:
        span = file_span(log)
        if span is None or window.overlaps(*span):
            kept.append(log)
        else:
            skipped.append(Skipped(log.path, f"dated {log.date}, outside the time window"))
    return kept, skipped


def file_span(log: LogFile) -> tuple[datetime, datetime] | None:
    """The instants a dated file can cover; None when its name carries no date."""
    if log.date is None:
        return None
    start = datetime.combine(log.date, time.min, tzinfo=UTC) - DATE_SLACK
    end = datetime.combine(log.date + timedelta(days=1), time.min, tzinfo=UTC) + DATE_SLACK
    if log.mtime is not None:
        end = max(end, datetime.fromtimestamp(log.mtime, UTC))
    return start, end


def describe_log(path: str, info: os.stat_result | None = None) -> LogFile:
    """A :class:`LogFile` for ``path`` with what its name and ``stat`` tell."""
    if path == STDIN_NAME:
        return LogFile(path, display_name(path))
    base = os.path.basename(path)
    match = LOG_NAME.fullmatch(base)
    day = _date_of(match["date"]) if match else None
    rotation = int(match["rotation"]) if match and match["rotation"] else 0
    if match is None:
        rotation = _custom_rotation(base)
    size = info.st_size if info is not None else None
    mtime = info.st_mtime if info is not None else None
    return LogFile(path, display_name(path), day, rotation, base.endswith(COMPRESSED_SUFFIXES), size, mtime)


def _date_of(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


_CUSTOM_ROTATION = re.compile(rf".+\.(?P<rotation>[1-9]\d*)\.[^.]+{_COMPRESSED}?")


def _custom_rotation(base: str) -> int:
    """``gateway.2.jsonl``: the gateway numbers archives of a custom file before its extension."""
    match = _CUSTOM_ROTATION.fullmatch(base)
    return int(match["rotation"]) if match else 0


def _from_path_spec(spec: str, result: Discovery) -> list[LogFile]:
    if spec == STDIN_NAME:
        return [describe_log(spec)]
    spec = os.path.expanduser(spec)
    if _GLOB_CHARS.search(spec) and not os.path.exists(spec):
        matches = sorted(glob.glob(spec, recursive=True))
        if not matches:
            raise InputError(f"no files match {spec}")
        found: list[LogFile] = []
        for match in matches:
            found.extend(_from_existing(match, result))
        return found
    try:
        os.stat(spec)
    except OSError as error:
        raise InputError(_missing_path_message(spec, error)) from None
    return _from_existing(spec, result)


def _missing_path_message(spec: str, error: OSError) -> str:
    if error.errno == errno.ENOENT and not os.path.islink(spec):
        return f"no such file or directory: {display_name(spec)}"
    return describe_os_error(spec, error)


def _from_existing(path: str, result: Discovery) -> list[LogFile]:
    from stuckscan import bundle

    if os.path.isdir(path) and not bundle.is_unpacked_bundle(path):
        result.searched.append(Place(Path(path), "given"))
        return _logs_in_dir(Path(path), result)
    try:
        info = os.stat(path)
    except OSError as error:
        raise InputError(describe_os_error(path, error)) from None
    if stat.S_ISDIR(info.st_mode) or (stat.S_ISREG(info.st_mode) and bundle.looks_like_zip(path)):
        result.bundles.append(path)  # a diagnostics bundle: its log tail and stability events (InputError if not one)
        return [describe_log(member) for member in bundle.bundle_members(path)]
    return [describe_log(path, info)]


def _from_log_dir(log_dir: str, result: Discovery) -> list[LogFile]:
    if not os.path.isdir(log_dir):
        raise InputError(f"log directory {log_dir} does not exist or is not a directory")
    result.searched.append(Place(Path(log_dir), "--log-dir"))
    return _logs_in_dir(Path(log_dir), result)


def _from_places(places: Sequence[Place], result: Discovery) -> list[LogFile]:
    for place in places:
        result.searched.append(place)
        found = _logs_at_place(place, result)
        if found:
            return found
    return []


def _logs_at_place(place: Place, result: Discovery) -> list[LogFile]:
    if place.file is None:
        return _logs_in_dir(place.path, result) if place.path.is_dir() else []
    if not place.path.is_dir():
        return []
    return _logs_in_dir(place.path, result, extra=_custom_family(place.file))


def _custom_family(configured: Path) -> re.Pattern[str]:
    """The configured file and its size archives: ``gateway.jsonl``, ``gateway.3.jsonl``, compressed copies."""
    stem, suffix = os.path.splitext(configured.name)
    return re.compile(re.escape(stem) + r"(?:\.[1-9]\d*)?" + re.escape(suffix) + _COMPRESSED + "?")


def _logs_in_dir(directory: Path, result: Discovery, extra: re.Pattern[str] | None = None) -> list[LogFile]:
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as error:
        result.notes.append(f"cannot list {directory}: {_reason(error)}")
        return []
    found: list[LogFile] = []
    for entry in entries:
        if not (LOG_NAME.fullmatch(entry.name) or (extra is not None and extra.fullmatch(entry.name))):
            if not entry.name.startswith("."):
                result.skipped.append(Skipped(entry.path, "not a gateway log file name"))
            continue
        info, problem = _entry_stat(entry)
        if info is None or not stat.S_ISREG(info.st_mode):
            # Named like a log, so the user expects it read: say why it is not.
            result.unreadable.append(Skipped(entry.path, problem or "not a regular file"))
            continue
        found.append(describe_log(str(directory / entry.name), info))
    return found


def _entry_stat(entry: os.DirEntry[str]) -> tuple[os.stat_result | None, str | None]:
    try:
        return entry.stat(), None
    except OSError as error:
        return None, os_error_cause(entry.path, error)


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _ordered(files: list[LogFile]) -> list[LogFile]:
    """Dated files by date, oldest archive (highest ``.N``) first, then name.

    Undated files follow in the order given, except that the archives of one file
    (``gateway.2.jsonl``, ``gateway.1.jsonl``, ``gateway.jsonl``) are put oldest first.
    """
    dated = sorted((log for log in files if log.date is not None), key=_dated_key)
    undated = [log for log in files if log.date is None]
    first_seen: dict[str, int] = {}
    for index, log in enumerate(undated):
        first_seen.setdefault(_family(log), index)
    undated.sort(key=lambda log: (first_seen[_family(log)], -log.rotation))
    return dated + undated


def _dated_key(log: LogFile) -> tuple[date, int, str, str]:
    return log.date or date.min, -log.rotation, os.path.basename(log.path), log.path


def _family(log: LogFile) -> str:
    """The path with any ``.N`` archive number and compression suffix removed."""
    path = _uncompressed_name(log.path) if log.compressed else log.path
    if log.rotation:
        stem, suffix = os.path.splitext(path)
        path = stem[: -len(f".{log.rotation}")] + suffix
    return path


def _dedupe(files: list[LogFile], result: Discovery) -> list[LogFile]:
    """Each file once (by real path or inode), the first mention kept; then gzip twins."""
    kept: list[LogFile] = []
    first_by_identity: dict[object, str] = {}
    for log in files:
        identities = _identities(log)
        previous = next((first_by_identity[key] for key in identities if key in first_by_identity), None)
        if previous is not None:
            result.skipped.append(Skipped(log.path, f"same file as {previous}"))
            continue
        for key in identities:
            first_by_identity[key] = log.path
        kept.append(log)
    return _drop_compressed_twins(kept, result)


def _identities(log: LogFile) -> list[object]:
    if log.is_stdin:
        return [STDIN_NAME]
    keys: list[object] = [os.path.realpath(log.path)]
    info = _stat(log.path)
    if info is not None and info.st_ino:
        keys.append((info.st_dev, info.st_ino))
    return keys


def _drop_compressed_twins(files: list[LogFile], result: Discovery) -> list[LogFile]:
    plain = {os.path.realpath(log.path): log.path for log in files if not log.compressed and not log.is_stdin}
    kept: list[LogFile] = []
    for log in files:
        twin = plain.get(_uncompressed_name(os.path.realpath(log.path))) if log.compressed else None
        if twin is not None:
            result.skipped.append(Skipped(log.path, f"compressed copy of {twin}, which is read instead"))
            continue
        kept.append(log)
    return kept


def _uncompressed_name(path: str) -> str:
    stem, suffix = os.path.splitext(path)
    return stem if suffix in COMPRESSED_SUFFIXES else path


def _nothing_found(result: Discovery) -> str:
    if result.unreadable:
        first = result.unreadable[0]
        more = f" (and {len(result.unreadable) - 1} more)" if len(result.unreadable) > 1 else ""
        return f"no readable OpenClaw log file: cannot read {display_name(first.path)}: {first.reason}{more}"
    places = ", ".join(str(place) for place in result.searched) or "nowhere"
    message = f"no OpenClaw log files found; looked in: {places}"
    if result.notes:
        message += f" ({'; '.join(result.notes)})"
    return message + ". Give log files or a directory, or set --log-dir."
