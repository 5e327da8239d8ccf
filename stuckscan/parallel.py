"""Scanning several files at once (``scan --jobs N``), with the serial result.

The input is cut into *parts*: a file each, except that a large plain file in the
gateway's JSONL layout is cut into up to ``jobs`` byte ranges, each starting at a line
that begins a gateway record (its full timestamp means the scan of the range needs
nothing from the lines before it; see :func:`plan_parts`). Each part is read by a worker
process running the fast path of :mod:`stuckscan.fastscan`;
a worker sends the main process only what the correlator needs (the relevant events and
the times of the skipped lines, in chunks through a bounded queue), and the main process
feeds them to the correlator file by file, in the order the paths were given, through
the same :class:`~stuckscan.fastscan.SweepShadow` as a serial scan. The correlated result
is therefore the same as :func:`stuckscan.fastscan.iter_scan_events` over the same paths.

A part's lines are numbered from 1 by its worker; the main process adds the lines of the
file's earlier parts (known by then: parts are correlated in order) to each event's line
and to the unparsed-line examples, so evidence cites the same lines as a serial scan.

Memory stays bounded: at most ``jobs`` workers run at once and at most ``2 * jobs`` parts
are started ahead of the correlator; each may hold at most ``QUEUE_CHUNKS`` chunks of
``CHUNK_ITEMS`` items in its queue before its worker waits.

Workers read the descriptors the main process opened for the run
(:func:`stuckscan.inputs.hold_inputs`), inherited when they are forked, so a file renamed
or deleted while the run lasts is still read whole. (Where workers are spawned, as on
macOS, a worker opens its file by name.) A worker never outlives the main process: it
checks that its parent is alive whenever its queue is full, and the main process stops
its workers when it ends, by an exception or by SIGTERM or SIGHUP (``cli.py``).
"""

from __future__ import annotations

import os
import queue as queue_module
import signal
import stat
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from stuckscan._dataclass import dataclass
from stuckscan.correlator import CorrelatorLimits
from stuckscan.events import Event
from stuckscan.fastscan import (
    SweepShadow,
    feed_items,
    iter_scan_events,
    scan_filter,
    scan_path,
    scan_range,
    starts_a_gateway_record,
    window_filter,
)
from stuckscan.inputs import STDIN_NAME, Positional, display_name, held_file, held_for, hold_inputs, take_problems
from stuckscan.lifecycle_lane import LaneRun
from stuckscan.model import Analysis
from stuckscan.parser import ParseOptions, ParseStats

CHUNK_ITEMS = 2048
QUEUE_CHUNKS = 8
PARENT_CHECK_SECONDS = 1.0  # how long a worker waits on a full queue before checking its parent is alive
PARALLEL_MIN_BYTES = 32 << 20  # below this, starting processes costs more than it saves
PART_MIN_BYTES = 64 << 20  # a file is cut into parts of at least this size
_BOUNDARY_SEARCH = 1 << 20  # how far past a cut point to look for a line that begins a gateway record


@dataclass(frozen=True, slots=True)
class Part:
    """``length`` bytes of ``path`` from ``start`` (None: the whole file, read as a serial
    scan reads it, gzip included); ``last``: the file's last part."""

    path: str
    start: int = 0
    length: int | None = None
    last: bool = True

    @property
    def first(self) -> bool:
        return self.start == 0


def plan_parts(paths: Sequence[str], jobs: int, part_min: int = PART_MIN_BYTES) -> list[Part]:
    """The parts to read: each file whole, except a plain file of at least ``2 * part_min``
    bytes whose first line begins a gateway record, which is cut into up to ``jobs`` parts
    of at least ``part_min`` bytes, each starting at a line that begins a gateway record."""
    parts: list[Part] = []
    with held_for(paths):
        for path in paths:
            parts.extend(_file_parts(path, jobs, part_min))
    return parts


def _file_parts(path: str, jobs: int, part_min: int) -> list[Part]:
    whole = [Part(path)]
    if jobs < 2 or path == STDIN_NAME:
        return whole
    held = held_file(path)
    try:
        if held is None:
            return whole  # only a file held open for the run is cut: its parts are read from that descriptor
        info = os.fstat(held.fd)
        size = info.st_size
        if not stat.S_ISREG(info.st_mode) or size < 2 * part_min:
            return whole
        if not starts_a_gateway_record(held.head[:64]):  # not JSONL in the gateway layout, or compressed
            return whole
        cuts = [0]
        count = min(jobs, size // part_min)
        for index in range(1, count):
            cut = _record_start_after(held.fd, size * index // count)
            if cut is not None and cut - cuts[-1] >= part_min and size - cut >= part_min:
                cuts.append(cut)
    except OSError:
        return whole  # the scan itself names the problem
    if len(cuts) < 2:
        return whole
    ends = [*cuts[1:], size]
    return [Part(path, start, end - start, end == size) for start, end in zip(cuts, ends, strict=True)]


def _record_start_after(fd: int, offset: int) -> int | None:
    """The offset of the first line after ``offset`` that begins a gateway record."""
    data = Positional(fd, offset).read(_BOUNDARY_SEARCH)
    position = data.find(b"\n") + 1
    while 0 < position < len(data):
        if starts_a_gateway_record(data[position:position + 64]):
            return offset + position
        position = data.find(b"\n", position) + 1
    return None


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _context() -> Any:
    import multiprocessing  # only when files are read in parallel

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform != "darwin" else "spawn")


def _worker(part: Part, options: ParseOptions, queue: Any, parent: int, lane: bool = True, window: Any = None) -> None:
    """Scan one part; send ("items", chunk)... then ("done", (stats, lines)) or ("error", exception)."""
    for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if number is not None:
            signal.signal(number, signal.SIG_DFL)  # the main process's handlers are for the main process
    try:
        if held_file(part.path) is None and part.path != STDIN_NAME:  # spawned: no descriptors inherited
            with hold_inputs([part.path]) as held:
                _scan_part(part, options, queue, parent, held.skipped, lane, window)
        else:
            _scan_part(part, options, queue, parent, [], lane, window)
    except BaseException as error:  # noqa: BLE001 - handed to the main process as is
        try:
            _put(queue, ("error", error), parent)
        except Exception:  # unpicklable exception: send its text
            _put(queue, ("error", RuntimeError(f"{type(error).__name__}: {error}")), parent)


def _scan_part(part: Part, options: ParseOptions, queue: Any, parent: int, skipped: list[tuple[str, str]],
               lane: bool = True, window: Any = None) -> None:
    stats = ParseStats()
    stats.skipped_files.extend(skipped)
    lines: list[int] = []
    chunk: list[Any] = []
    if skipped:
        items: Iterator[Any] = iter(())
        stats.files.append(display_name(part.path))
    elif part.length is None:
        items = scan_path(part.path, options, stats, lane=lane, keep=scan_filter(window))
    else:
        items = scan_range(part.path, part.start, part.length, part.last, options, stats, lines, lane,
                           scan_filter(window))
        if part.first:
            stats.files.append(display_name(part.path))
    size = 0  # items in the chunk, a lane run counted by its lines (each was an item of its own before the lane)
    for item in items:
        chunk.append(item)
        size += len(item) if item.__class__ is LaneRun else 1
        if size >= CHUNK_ITEMS:
            _put(queue, ("items", chunk), parent)
            chunk, size = [], 0
    if chunk:
        _put(queue, ("items", chunk), parent)
    stats.skipped_files.extend((display_name(part.path), reason) for reason in take_problems(part.path))
    _put(queue, ("done", (stats, lines[0] if lines else 0)), parent)


def _put(queue: Any, message: tuple[str, Any], parent: int) -> None:
    """``queue.put``, but a worker whose main process has gone (killed, even by SIGKILL)
    exits instead of waiting for a reader that will never come."""
    while True:
        try:
            queue.put(message, timeout=PARENT_CHECK_SECONDS)
            return
        except queue_module.Full:
            if os.getppid() != parent:
                queue.cancel_join_thread()
                os._exit(0)


class _File:
    """A started part: its worker process and queue."""

    def __init__(self, ctx: Any, part: Part, options: ParseOptions, lane: bool = True, window: Any = None) -> None:
        self.part = part
        self.path = part.path
        self.queue = ctx.Queue(maxsize=QUEUE_CHUNKS)
        self.process = ctx.Process(target=_worker, args=(part, options, self.queue, os.getpid(), lane, window),
                                   daemon=True)
        self.process.start()

    def items(self, stats_out: list[tuple[ParseStats, int]], between_chunks: Any, line_offset: int = 0) -> Iterator[Any]:
        """The part's items; events numbered as in the whole file (``line_offset`` lines
        come before the part)."""
        while True:
            kind, payload = self.queue.get()
            if kind == "items":
                if line_offset:
                    for item in payload:
                        if item.__class__ is LaneRun:
                            for entry in item:
                                if entry.__class__ is tuple:
                                    entry[1].line += line_offset
                        elif item.__class__ is not list:
                            item.line += line_offset
                yield from payload
                between_chunks()
            elif kind == "done":
                stats_out.append(payload)
                return
            else:
                raise payload

    def close(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.queue.close()
        self.queue.join_thread()


class _Workers:
    """Files started in order: at most ``jobs`` workers running, at most ``2 * jobs`` files
    started and not yet correlated (a finished worker's output waits in its queue)."""

    def __init__(self, ctx: Any, parts: Sequence[Part], options: ParseOptions, jobs: int, lane: bool = True,
                 window: Any = None) -> None:
        self.ctx, self.options, self.jobs, self.lane, self.window = ctx, options, jobs, lane, window
        self.upcoming = iter(parts)
        self.started: deque[_File] = deque()
        self.exhausted = False
        self.refill()

    def refill(self) -> None:
        while not self.exhausted and len(self.started) < 2 * self.jobs \
                and sum(1 for f in self.started if f.process.is_alive()) < self.jobs:
            part = next(self.upcoming, None)
            if part is None:
                self.exhausted = True
                return
            self.started.append(_File(self.ctx, part, self.options, self.lane, self.window))

    def close(self) -> None:
        for file in self.started:
            file.close()


def parse_files_parallel(paths: Sequence[str], options: ParseOptions | None = None, stats: ParseStats | None = None,
                         *, jobs: int | None = None, window: Any = None,
                         min_bytes: int = PARALLEL_MIN_BYTES, part_min: int = PART_MIN_BYTES,
                         progress: Callable[[int], None] | None = None, lane: bool = True) -> Iterator[Event]:
    """The events the correlator needs from ``paths``, read by up to ``jobs`` worker
    processes (default: the number of cores), in the serial order: feeding them to the
    correlator gives the same result as :func:`~stuckscan.fastscan.iter_scan_events`.

    ``stats`` is filled as the files are finished, in path order. ``window`` (a
    :class:`~stuckscan.timewindow.TimeWindow`) drops what lies outside it. Inputs smaller
    than ``min_bytes`` in all are read in this process (workers would not pay off).
    ``progress`` is called with byte counts: block by block in this process, a whole file
    at a time when workers read. ``lane``: see :func:`~stuckscan.fastscan.iter_scan_events`.
    """
    options = options or ParseOptions()
    stats = stats if stats is not None else ParseStats()
    with held_for(paths) as held:
        stats.skipped_files.extend(held.skipped)
        yield from _parse_held(held.readable, options, stats, jobs, window, min_bytes, part_min, progress, lane)


def _parse_held(paths: list[str], options: ParseOptions, stats: ParseStats, jobs: int | None, window: Any,
                min_bytes: int, part_min: int, progress: Callable[[int], None] | None, lane: bool) -> Iterator[Event]:
    jobs = default_jobs() if jobs is None else max(1, jobs)
    parts = plan_parts(paths, jobs, part_min) if jobs > 1 and _total_size(paths) >= min_bytes else []
    if len(parts) < 2:
        yield from iter_scan_events(paths, options, stats, window=window, progress=progress, lane=lane)
        for path in paths:
            stats.skipped_files.extend((display_name(path), reason) for reason in take_problems(path))
        return
    ctx = _context()
    shadow = SweepShadow()
    keep = window_filter(window)
    # (a worker's scan reads the window's bounds, FileScan.lone; a counting window counts in this process only)
    workers = _Workers(ctx, parts, options, jobs, lane, getattr(window, "window", window))
    line_offset = 0  # lines of the current file's earlier parts
    try:
        while workers.started:
            current = workers.started[0]
            if current.part.first:
                line_offset = 0
            shadow.source = display_name(current.path)
            finished: list[tuple[ParseStats, int]] = []
            yield from feed_items(current.items(finished, workers.refill, line_offset), shadow, keep)
            part_stats, part_lines = finished[0]
            if line_offset:
                part_stats.unparsed_examples = [_renumbered(example, line_offset) for example in part_stats.unparsed_examples]
            stats.merge(part_stats)
            line_offset += part_lines
            if progress is not None:
                progress(current.part.length if current.part.length is not None else _total_size([current.path]))
            workers.started.popleft().close()
            workers.refill()
        yield from shadow.finish()
    finally:
        workers.close()


def _renumbered(example: str, offset: int) -> str:
    """``file:line`` with ``offset`` added to the line."""
    name, _, line = example.rpartition(":")
    return f"{name}:{int(line) + offset}" if line.isdigit() else example


def _total_size(paths: Sequence[str]) -> int:
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass  # stdin, or a path the scan itself will report
    return total


def analyze_paths_fast(paths: Sequence[str], options: ParseOptions | None = None,
                       limits: CorrelatorLimits | None = None, *, jobs: int = 1, window: Any = None,
                       min_bytes: int = PARALLEL_MIN_BYTES, part_min: int = PART_MIN_BYTES, lane: bool = True) -> Analysis:
    """:func:`stuckscan.analysis.analyze_paths` on the fast path (same result), with up to
    ``jobs`` files, or parts of large files, read in parallel."""
    from stuckscan.analysis import analyze_events

    options = options or ParseOptions()
    stats = ParseStats()
    events = parse_files_parallel(paths, options, stats, jobs=jobs, window=window, min_bytes=min_bytes, part_min=part_min,
                                  lane=lane)
    return analyze_events(events, stats, limits)
