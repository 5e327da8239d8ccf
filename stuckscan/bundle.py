"""OpenClaw diagnostics bundles as input: the zip that ``openclaw gateway diagnostics export``,
``/diagnostics`` and ``openclaw triage`` write, or a directory holding one unpacked.

The exporter (``src/logging/diagnostic-support-export.ts`` upstream) writes ``manifest.json``,
``summary.md``, ``diagnostics.json``, ``config/sanitized.json``, ``config/shape.json``,
``status/gateway-status.json``, ``health/gateway-health.json``, ``logs/openclaw-sanitized.jsonl``
(the sanitized log tail: one ``{"time","level","subsystem","msg",...}`` object per line, or an
``{"omitted": ...}`` marker) and, when the gateway persisted one, ``stability/latest.json`` (a
payload-free ring of diagnostic events with epoch-millisecond ``ts``).

Nothing is unpacked to disk. Discovery turns a bundle into *member paths*,
``<bundle>!logs/openclaw-sanitized.jsonl`` and ``<bundle>!stability/latest.json``, which
:func:`stuckscan.inputs.open_binary` reads through :func:`open_member`, so evidence cites
``bundle.zip!logs/openclaw-sanitized.jsonl:123`` and every command reads a bundle as it
reads a log:

* the log tail streams from the zip; a message the exporter cut at its 240-character limit
  loses its last, possibly partial, ``key=value`` word (``lastProgressAge=35`` from ``=350s``
  would be a wrong figure);
* the stability events that carry gateway signals (liveness warnings, memory pressure,
  delayed timers) become log lines of the same kinds, placed at the line of
  ``stability/latest.json`` where each event begins (the lines between are blank); only
  events before the log tail's first line are used: inside its span the log has them.

:func:`inspect_bundle` reads the small members (bounded) into a
:class:`~stuckscan.model.BundleSnapshot`: the state at export time and what the bundle lacks.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import field
from datetime import datetime, timedelta, timezone
from typing import Any, BinaryIO

from stuckscan._dataclass import dataclass
from stuckscan._iso import from_epoch_ms, parse_iso_datetime
from stuckscan.inputs import InputError, display_name
from stuckscan.model import BundleSnapshot, SessionAtExport

LOG_TAIL = "logs/openclaw-sanitized.jsonl"
STABILITY = "stability/latest.json"
MANIFEST = "manifest.json"
DIAGNOSTICS = "diagnostics.json"
CONFIG = "config/sanitized.json"
STATUS = "status/gateway-status.json"
HEALTH = "health/gateway-health.json"
READ_MEMBERS = (STABILITY, LOG_TAIL)   # what discovery hands on as inputs, in this order
MEMBER_MARK = "!"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
MAX_ENTRIES = 10_000
MAX_JSON_BYTES = 8 << 20               # the exporter caps a stability bundle at 5 MiB
MAX_TAIL_LINE = 1 << 20
EXPORT_MESSAGE_LIMIT = 240             # the exporter cuts each message to 240 UTF-16 units, no marker
MAX_SESSIONS_SHOWN = 20
MAX_WALK_NODES = 20_000
_UNSAFE_PART = re.compile(r"^[A-Za-z]:|^$")
_TIME_FIELD = re.compile(rb'"time":"([^"\\]{10,40})"')
_OFFSET = re.compile(r"(Z|[+-]\d\d:\d\d)$")
EVENT_LOOP_KEYS = ("eventLoopDelayP99Ms", "eventLoopDelayMaxMs", "eventLoopUtilization", "cpuCoreRatio")
BUSY_STATES = frozenset({"processing", "waiting"})


# -- member paths ----------------------------------------------------------------------


def member_path(root: str, member: str) -> str:
    return f"{root}{MEMBER_MARK}{member}"


def split_member_path(path: str) -> tuple[str, str] | None:
    """``(bundle, member)`` for a member path discovery made; None for any other path
    (a real file whose name holds ``!`` stays a file)."""
    if MEMBER_MARK not in path:
        return None
    root, _, member = path.rpartition(MEMBER_MARK)
    if member not in READ_MEMBERS or not root or os.path.lexists(path):
        return None
    return root, member


def looks_like_zip(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(4) in ZIP_MAGIC
    except OSError:
        return False


def is_unpacked_bundle(directory: str) -> bool:
    return os.path.isfile(os.path.join(directory, *LOG_TAIL.split("/"))) and any(
        os.path.isfile(os.path.join(directory, name)) for name in (MANIFEST, DIAGNOSTICS))


# -- reading members -------------------------------------------------------------------


class BundleSource:
    """The members of one bundle, from a zip (streamed) or a directory."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.name = display_name(root)
        self.is_dir = os.path.isdir(root)
        self.prefix = ""
        if not self.is_dir:
            self._check_zip()

    def _zip(self) -> zipfile.ZipFile:
        try:
            return zipfile.ZipFile(self.root)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
            raise InputError(f"{self.name}: not a readable zip archive ({error})") from None
        except OSError as error:
            raise InputError(f"cannot read {self.name}: {error.strerror or error}") from None

    def _check_zip(self) -> None:
        with self._zip() as archive:
            infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise InputError(f"{self.name}: a zip of {len(infos):,} entries is not an OpenClaw diagnostics bundle")
        names = [info.filename for info in infos]
        for name in names:
            if unsafe_member_name(name):
                raise InputError(f"{self.name}: unsafe member name {json.dumps(name)[:200]} in the zip "
                                 "(an absolute path or '..'): refusing to read it")
        self.prefix = bundle_prefix(names)
        if self.prefix is None:
            raise InputError(f"{self.name} is a zip archive but not an OpenClaw diagnostics bundle "
                             f"(no {LOG_TAIL} beside manifest.json or diagnostics.json)")

    def has(self, member: str) -> bool:
        if self.is_dir:
            return os.path.isfile(self._file(member))
        with self._zip() as archive:
            try:
                archive.getinfo(self.prefix + member)
            except KeyError:
                return False
        return True

    def _file(self, member: str) -> str:
        return os.path.join(self.root, *member.split("/"))

    def open(self, member: str) -> BinaryIO:
        """A binary stream of ``member`` (closing it closes the archive too)."""
        if self.is_dir:
            try:
                return open(self._file(member), "rb")  # noqa: SIM115 - the caller closes it
            except OSError as error:
                raise InputError(f"cannot read {member_path(self.name, member)}: {error.strerror or error}") from None
        archive = self._zip()
        try:
            stream = archive.open(self.prefix + member)
        except KeyError:
            archive.close()
            raise InputError(f"{member_path(self.name, member)}: no such member") from None
        except (RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError) as error:  # encrypted, odd method
            archive.close()
            raise InputError(f"cannot read {member_path(self.name, member)}: {error}") from None
        return _MemberStream(stream, archive)  # type: ignore[return-value]

    def read_json(self, member: str) -> tuple[Any, str | None]:
        """``member`` parsed, and why it could not be (missing, too large, not JSON)."""
        if not self.has(member):
            return None, "missing"
        try:
            with self.open(member) as stream:
                data = stream.read(MAX_JSON_BYTES + 1)
        except (InputError, OSError, zipfile.BadZipFile, EOFError) as error:
            return None, f"unreadable ({error})"
        if len(data) > MAX_JSON_BYTES:
            return None, f"larger than {MAX_JSON_BYTES >> 20} MiB"
        try:
            return json.loads(data.decode("utf-8-sig")), None
        except (ValueError, RecursionError):
            return None, "not valid JSON"


class _MemberStream:
    """A zip member's stream that also closes its archive."""

    def __init__(self, stream: Any, archive: zipfile.ZipFile) -> None:
        self._stream = stream
        self._archive = archive

    def read(self, size: int | None = -1) -> bytes:
        try:
            return self._stream.read(size)  # type: ignore[no-any-return]
        except (zipfile.BadZipFile, EOFError, zlib_error()) as error:
            raise OSError(f"corrupt zip member ({error})") from None

    def close(self) -> None:
        self._stream.close()
        self._archive.close()

    def __enter__(self) -> _MemberStream:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


def unsafe_member_name(name: str) -> bool:
    """An absolute path, a drive letter, a ``..`` step or a NUL: nothing a bundle holds."""
    if "\x00" in name or name.startswith(("/", "\\")):
        return True
    parts = re.split(r"[/\\]", name)
    return any(part == ".." for part in parts) or bool(_UNSAFE_PART.match(parts[0])) and len(parts) > 1


def bundle_prefix(names: list[str]) -> str | None:
    """The folder the bundle's files are in ("" at the top; a re-zipped bundle has one), or None."""
    present = set(names)
    for name in names:
        if name == LOG_TAIL or name.endswith("/" + LOG_TAIL):
            prefix = name[: -len(LOG_TAIL)]
            if prefix.count("/") <= 1 and (prefix + MANIFEST in present or prefix + DIAGNOSTICS in present):
                return prefix
    return None


# -- what a bundle holds ----------------------------------------------------------------


@dataclass(slots=True)
class TailScan:
    """One pass over the log tail: its span, its printed offset, what the exporter left out."""

    lines: int = 0
    first: datetime | None = None
    last: datetime | None = None
    offset: str = "Z"
    omitted: int = 0
    cut: int = 0


@dataclass(slots=True)
class StabilityLine:
    line: int          # where the event begins in stability/latest.json
    text: bytes        # the log line it becomes


@dataclass(slots=True)
class BundleInfo:
    source: BundleSource
    snapshot: BundleSnapshot
    config: Mapping[str, Any] | None
    stability_lines: list[StabilityLine] = field(default_factory=list)
    stability_total_lines: int = 0


_INSPECTED: dict[str, BundleInfo] = {}


def inspect_bundle(root: str) -> BundleInfo:
    """Everything but the log lines: validated once per process (raises InputError)."""
    known = _INSPECTED.get(root)
    if known is not None:
        return known
    source = BundleSource(root)
    tail = scan_tail(source)
    snapshot = BundleSnapshot(path=source.name, log_lines=tail.lines, log_start=tail.first, log_end=tail.last,
                              omitted_lines=tail.omitted, cut_messages=tail.cut)
    gaps: list[str] = []
    diagnostics, _ = source.read_json(DIAGNOSTICS)
    manifest, _ = source.read_json(MANIFEST)
    _read_header(snapshot, diagnostics, manifest)
    config = _read_config(source, gaps)
    _read_snapshots(source, snapshot)
    stability, reason = source.read_json(STABILITY)
    lines, total = _stability_lines(source, stability, tail) if reason is None else ([], 0)
    if reason is None and isinstance(stability, Mapping):
        events = _stability_events(stability)
        snapshot.stability_events = len(events)
        snapshot.stability_used = len(lines)
        if not snapshot.event_loop:
            snapshot.event_loop = _latest_event_loop(events)
    elif reason not in (None, "missing"):
        gaps.append(f"{STABILITY} is {reason}: its stability events were not read")
    snapshot.gaps = gaps + describe_gaps(snapshot, diagnostics)
    info = BundleInfo(source, snapshot, config, lines, total)
    _INSPECTED[root] = info
    return info


def scan_tail(source: BundleSource) -> TailScan:
    scan = TailScan()
    with source.open(LOG_TAIL) as stream:
        for line in _lines(stream):
            scan.lines += 1
            if line.startswith(b'{"omitted"'):
                scan.omitted += 1
            if len(line) > EXPORT_MESSAGE_LIMIT and b'"msg"' in line and _cut_message(line) is not None:
                scan.cut += 1
            match = _TIME_FIELD.search(line)
            moment = parse_iso_datetime(match.group(1).decode("ascii", "replace")) if match else None
            if moment is None:
                continue
            if scan.first is None:
                offset = _OFFSET.search(match.group(1).decode("ascii", "replace")) if match else None
                scan.offset = offset.group(1) if offset else "Z"
            scan.first = moment if scan.first is None or moment < scan.first else scan.first
            scan.last = moment if scan.last is None or moment > scan.last else scan.last
    return scan


def _lines(stream: Any) -> Iterator[bytes]:
    """The lines of ``stream`` without their end; a line longer than the cap is cut."""
    pending = b""
    while True:
        block = stream.read(1 << 20)
        if not block:
            break
        pending += block
        *whole, pending = pending.split(b"\n")
        for line in whole:
            yield line[:MAX_TAIL_LINE].rstrip(b"\r")
        if len(pending) > MAX_TAIL_LINE:
            yield pending[:MAX_TAIL_LINE]
            pending = b""
            while block and b"\n" not in block:  # skip the rest of the over-long line
                block = stream.read(1 << 20)
            if block:
                pending = block[block.index(b"\n") + 1:]
    if pending:
        yield pending.rstrip(b"\r")


def _cut_message(line: bytes) -> bytes | None:
    """The line with its message's last word dropped when the exporter cut the message
    at its limit; None when it did not."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return None
    message = record.get("msg") if isinstance(record, dict) else None
    if not isinstance(message, str) or len(message.encode("utf-16-le")) // 2 < EXPORT_MESSAGE_LIMIT:
        return None
    space = message.rfind(" ")
    record["msg"] = message[:space] if space > 0 else message
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _read_header(snapshot: BundleSnapshot, diagnostics: Any, manifest: Any) -> None:
    for document in (diagnostics, manifest):
        if not isinstance(document, Mapping):
            continue
        snapshot.generated_at = snapshot.generated_at or _time(document.get("generatedAt"))
        version = document.get("openclawVersion")
        if snapshot.openclaw_version is None and isinstance(version, str):
            snapshot.openclaw_version = version[:60]
    if isinstance(diagnostics, Mapping):
        for part, attribute in (("status", "status"), ("health", "health")):
            section = diagnostics.get(part)
            if isinstance(section, Mapping) and isinstance(section.get("status"), str):
                setattr(snapshot, attribute, str(section["status"])[:20])


def _read_config(source: BundleSource, gaps: list[str]) -> Mapping[str, Any] | None:
    config, reason = source.read_json(CONFIG)
    if reason == "missing":
        gaps.append(f"no {CONFIG}: the default thresholds apply unless --config is given")
        return None
    if reason is not None or not isinstance(config, Mapping):
        gaps.append(f"{CONFIG} holds no config (the exporter could not parse the gateway's): default thresholds apply")
        return None
    return config


def _read_snapshots(source: BundleSource, snapshot: BundleSnapshot) -> None:
    for member, attribute in ((STATUS, "status"), (HEALTH, "health")):
        document, reason = source.read_json(member)
        if reason is not None or not isinstance(document, Mapping):
            if getattr(snapshot, attribute) == "missing" and reason != "missing":
                setattr(snapshot, attribute, "unreadable")
            continue
        state = document.get("status")
        setattr(snapshot, attribute, "included" if state == "ok" else str(state or "included")[:20])
        data = document.get("data")
        if not isinstance(data, Mapping):
            continue
        if member == HEALTH:
            _read_health(snapshot, data)
        _collect_state(snapshot, data)


def _read_health(snapshot: BundleSnapshot, data: Mapping[str, Any]) -> None:
    ok = data.get("ok")
    snapshot.health_ok = ok if isinstance(ok, bool) else None
    sessions = data.get("sessions")
    count = sessions.get("count") if isinstance(sessions, Mapping) else None
    if isinstance(count, int) and not isinstance(count, bool):
        snapshot.session_count = count


def _collect_state(snapshot: BundleSnapshot, data: Mapping[str, Any]) -> None:
    """Sessions processing or waiting, and event-loop figures, wherever the snapshot holds them
    (builds differ in where; they agree on the names)."""
    for node in _walk(data):
        state = node.get("state")
        if isinstance(state, str) and state in BUSY_STATES and len(snapshot.sessions) < MAX_SESSIONS_SHOWN:
            snapshot.sessions.append(SessionAtExport(
                state=state, queue_depth=_int(node.get("queueDepth")), age_seconds=_age_seconds(node),
                work=node["activeWorkKind"][:40] if isinstance(node.get("activeWorkKind"), str) else None))
        for key in EVENT_LOOP_KEYS:
            value = node.get(key)
            if key not in snapshot.event_loop and _number(value):
                snapshot.event_loop[key] = float(value)


def _walk(data: Any) -> Iterator[Mapping[str, Any]]:
    pending: list[tuple[Any, int]] = [(data, 0)]
    seen = 0
    while pending and seen < MAX_WALK_NODES:
        node, depth = pending.pop()
        seen += 1
        if isinstance(node, Mapping):
            yield node
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth < 12:
            pending.extend((child, depth + 1) for child in children if isinstance(child, (Mapping, list)))


def _age_seconds(node: Mapping[str, Any]) -> float | None:
    if _number(node.get("ageMs")):
        return float(node["ageMs"]) / 1000
    if _number(node.get("age")):
        return float(node["age"])
    return None


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def _int(value: Any) -> int | None:
    return int(value) if _number(value) else None


def _time(value: Any) -> datetime | None:
    if isinstance(value, str):
        return parse_iso_datetime(value[:40])
    return None


def describe_gaps(snapshot: BundleSnapshot, diagnostics: Any) -> list[str]:
    """What the bundle cannot show, one sentence each."""
    gaps: list[str] = []
    start, end, export = snapshot.log_start, snapshot.log_end, snapshot.generated_at
    if start is None:
        gaps.append("the log tail has no timed line: nothing before the export can be placed in time")
    else:
        reference = export or end
        if reference is not None:
            gaps.append(f"the log tail covers only the last {_span(reference - start)} before "
                        f"{'the export' if export else 'its last line'}")
    logs = diagnostics.get("logs") if isinstance(diagnostics, Mapping) else None
    if isinstance(logs, Mapping) and logs.get("truncated") is True:
        gaps.append("the exporter kept only the newest lines of the log (its line or byte limit): older lines are not in the bundle")
    if snapshot.omitted_lines:
        gaps.append(f"{snapshot.omitted_lines:,} log line(s) were left out by the exporter (unparsed or payload-like messages)")
    if snapshot.cut_messages:
        gaps.append(f"{snapshot.cut_messages:,} message(s) were cut at {EXPORT_MESSAGE_LIMIT} characters by the exporter: "
                    "their last field is not read")
    if snapshot.stability_events is None:
        gaps.append("no stability bundle (stability/latest.json): no gateway signals from before the log tail")
    for name in ("status", "health"):
        state = getattr(snapshot, name)
        if state != "included":
            gaps.append(f"the {name} snapshot is {state}: the state at export time is partly unknown")
    gaps.append("session ids and host names are redacted: sessions are told apart by keys, lanes and run ids only")
    return gaps


def _span(delta: timedelta) -> str:
    seconds = max(delta.total_seconds(), 0.0)
    if seconds < 120:
        return f"{seconds:.0f} seconds"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} minutes"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} hours"
    return f"{seconds / 86400:.1f} days"


# -- stability events as log lines -----------------------------------------------------


def _stability_events(bundle: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    snapshot = bundle.get("snapshot")
    events = snapshot.get("events") if isinstance(snapshot, Mapping) else None
    return [event for event in events if isinstance(event, Mapping)] if isinstance(events, list) else []


def _stability_lines(source: BundleSource, bundle: Any, tail: TailScan) -> tuple[list[StabilityLine], int]:
    """The log lines the stability events before the log tail become, at their lines in the JSON."""
    if not isinstance(bundle, Mapping):
        return [], 0
    events = _stability_events(bundle)
    starts, total = _event_lines(source, len(events))
    zone = _zone(tail.offset)
    lines: list[StabilityLine] = []
    for index, event in enumerate(events):
        moment = _event_time(event)
        if moment is None or (tail.first is not None and moment >= tail.first):
            continue
        text = signal_line(event, moment.astimezone(zone), tail.offset)
        if text is not None and index < len(starts):
            lines.append(StabilityLine(starts[index], text))
    lines.sort(key=lambda item: item.line)
    return lines, total


def _event_lines(source: BundleSource, count: int) -> tuple[list[int], int]:
    """The line on which each event of ``snapshot.events`` begins, and the file's line count.
    The exporter indents by two, so an event object opens on a line of its own; a file
    written otherwise numbers its events 1, 2, 3... (each cited by its position)."""
    starts: list[int] = []
    number = 0
    in_events = False
    depth_at_events: int | None = None
    with source.open(STABILITY) as stream:
        for number, line in enumerate(_lines(stream), 1):
            text = line.strip()
            if not in_events and text.startswith(b'"events": ['):
                in_events = True
                depth_at_events = len(line) - len(line.lstrip())
                continue
            if in_events and text == b"{" and len(line) - len(line.lstrip()) == (depth_at_events or 0) + 2:
                starts.append(number)
            elif in_events and text.startswith(b"]") and len(line) - len(line.lstrip()) == depth_at_events:
                in_events = False
    if len(starts) != count:
        return list(range(1, count + 1)), max(number, count)
    return starts, number


def _event_time(event: Mapping[str, Any]) -> datetime | None:
    return from_epoch_ms(event.get("ts"))


def _zone(offset: str) -> timezone:
    if offset in ("Z", ""):
        return timezone.utc
    sign = 1 if offset[0] == "+" else -1
    return timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))


def _iso(moment: datetime, offset: str) -> str:
    text = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}"
    return text + ("Z" if offset in ("Z", "") else offset)


def _fields(event: Mapping[str, Any], *names: str) -> str:
    parts = []
    for name in names:
        value = event.get(name)
        if _number(value):
            parts.append(f"{name}={value:g}" if isinstance(value, float) else f"{name}={value}")
        elif isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9_.:-]{1,120}", value):
            parts.append(f"{name}={value}")
    return " ".join(parts)


def signal_line(event: Mapping[str, Any], moment: datetime, offset: str) -> bytes | None:
    """The log line a stability event of a gateway-signal type becomes (None for the rest:
    session events carry no session name, so they cannot be told apart)."""
    kind = event.get("type")
    if kind == "diagnostic.liveness.warning":
        reason = event.get("reason") if isinstance(event.get("reason"), str) else "unknown"
        interval = event.get("durationMs")
        parts = [f"reasons={reason}"]
        if _number(interval):
            parts.append(f"interval={interval / 1000:g}s")
        parts.append(_fields(event, *EVENT_LOOP_KEYS, "active", "waiting", "queued", "phase"))
        message, subsystem = "liveness warning: " + " ".join(p for p in parts if p), "diagnostic"
        level = "warn" if event.get("level") == "warning" else "debug"
    elif kind == "diagnostic.memory.pressure":
        memory = event.get("memory") if isinstance(event.get("memory"), Mapping) else {}
        message = "memory pressure: " + " ".join(p for p in (
            _fields(event, "level", "reason"), _fields(memory, "rssBytes", "heapUsedBytes"),
            _fields(event, "thresholdBytes", "rssGrowthBytes", "windowMs")) if p)
        subsystem, level = "gateway/diagnostics/memory", "warn"
    elif kind == "fetch.timeout.delayed":
        timeout, elapsed, delay = (event.get(name) for name in ("timeoutMs", "elapsedMs", "timerDelayMs"))
        if not (_number(timeout) and _number(elapsed) and _number(delay)):
            return None
        message = (f"fetch timeout after {timeout:.0f}ms (elapsed {elapsed:.0f}ms) timer delayed {delay:.0f}ms, "
                   f"likely event-loop starvation {_fields(event, 'operation')}").rstrip()
        subsystem, level = "diagnostic", "warn"
    else:
        return None
    record = {"time": _iso(moment, offset), "level": level, "subsystem": subsystem, "msg": message}
    return json.dumps(record, separators=(",", ":")).encode("utf-8")


def _latest_event_loop(events: list[Mapping[str, Any]]) -> dict[str, float]:
    for event in reversed(events):
        if event.get("type") == "diagnostic.liveness.warning":
            return {key: float(event[key]) for key in EVENT_LOOP_KEYS if _number(event.get(key))}
    return {}


# -- the streams inputs.open_binary reads ------------------------------------------------


class _LinesStream:
    """A binary stream over generated lines (``read`` returns whole lines, then b"")."""

    def __init__(self, lines: Iterator[bytes], closer: Any = None) -> None:
        self._lines = lines
        self._closer = closer
        self._buffer = b""

    def read(self, size: int | None = -1) -> bytes:
        wanted = size if size is not None and size > 0 else 1 << 20
        parts = [self._buffer] if self._buffer else []
        have = len(self._buffer)
        for line in self._lines:
            parts.append(line + b"\n")
            have += len(line) + 1
            if have >= wanted:
                break
        data = b"".join(parts)
        self._buffer = b""
        return data

    def close(self) -> None:
        if self._closer is not None:
            self._closer.close()


def _tail_lines(stream: Any) -> Iterator[bytes]:
    for line in _lines(stream):
        if len(line) > EXPORT_MESSAGE_LIMIT and b'"msg"' in line:
            fixed = _cut_message(line)
            if fixed is not None:
                line = fixed
        yield line


def _stability_stream_lines(info: BundleInfo) -> Iterator[bytes]:
    number = 0
    for item in info.stability_lines:
        while number + 1 < item.line:
            number += 1
            yield b""
        number += 1
        yield item.text
    while number < info.stability_total_lines:
        number += 1
        yield b""


def open_member(path: str) -> Any | None:
    """A stream of the member ``path`` names (see the module docstring), or None when
    ``path`` is not a member path."""
    parts = split_member_path(path)
    if parts is None:
        return None
    root, member = parts
    info = inspect_bundle(root)
    if member == STABILITY:
        return _LinesStream(_stability_stream_lines(info))
    stream = info.source.open(LOG_TAIL)
    return _LinesStream(_tail_lines(stream), stream)


def bundle_members(root: str) -> list[str]:
    """The member paths to read from the bundle at ``root`` (validated: raises InputError)."""
    info = inspect_bundle(root)
    members = [member_path(root, LOG_TAIL)]
    if info.snapshot.stability_events is not None:
        members.insert(0, member_path(root, STABILITY))
    return members


def bundle_config(root: str) -> Mapping[str, Any] | None:
    return inspect_bundle(root).config


def expand_bundles(paths: tuple[str, ...]) -> tuple[str, ...]:
    """``paths`` with each diagnostics bundle (a zip file, or a directory holding one
    unpacked) replaced by its member paths; other paths as they are."""
    expanded: list[str] = []
    for path in paths:
        if os.path.isdir(path) and is_unpacked_bundle(path) or os.path.isfile(path) and looks_like_zip(path):
            expanded.extend(bundle_members(path))
        else:
            expanded.append(path)
    return tuple(expanded)
