"""Scanning several files at once (``scan --jobs N``), with the serial result.

Each file is read by a worker process running the fast path of :mod:`stuckscan.fastscan`;
a worker sends the main process only what the correlator needs (the relevant events and
the times of the skipped lines, in chunks through a bounded queue), and the main process
feeds them to the correlator file by file, in the order the paths were given, through
the same :class:`~stuckscan.fastscan.SweepShadow` as a serial scan. The correlated result
is therefore the same as :func:`stuckscan.fastscan.iter_scan_events` over the same paths.

Memory stays bounded: at most ``jobs`` workers run at once and at most ``2 * jobs`` files
are started ahead of the correlator; each may hold at most ``QUEUE_CHUNKS`` chunks of
``CHUNK_ITEMS`` items in its queue before its worker waits.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from stuckscan.correlator import CorrelatorLimits
from stuckscan.events import Event
from stuckscan.fastscan import SweepShadow, feed_items, iter_scan_events, scan_path, window_filter
from stuckscan.inputs import display_name
from stuckscan.model import Analysis
from stuckscan.parser import ParseOptions, ParseStats

CHUNK_ITEMS = 2048
QUEUE_CHUNKS = 8
PARALLEL_MIN_BYTES = 32 << 20  # below this, starting processes costs more than it saves


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


def _worker(path: str, options: ParseOptions, queue: Any) -> None:
    """Scan one file; send ("items", chunk)... then ("done", stats) or ("error", exception)."""
    try:
        stats = ParseStats()
        chunk: list[Any] = []
        for item in scan_path(path, options, stats):
            chunk.append(item)
            if len(chunk) >= CHUNK_ITEMS:
                queue.put(("items", chunk))
                chunk = []
        if chunk:
            queue.put(("items", chunk))
        queue.put(("done", stats))
    except BaseException as error:  # noqa: BLE001 - handed to the main process as is
        try:
            queue.put(("error", error))
        except Exception:  # unpicklable exception: send its text
            queue.put(("error", RuntimeError(f"{type(error).__name__}: {error}")))


class _File:
    def __init__(self, ctx: Any, path: str, options: ParseOptions) -> None:
        self.path = path
        self.queue = ctx.Queue(maxsize=QUEUE_CHUNKS)
        self.process = ctx.Process(target=_worker, args=(path, options, self.queue), daemon=True)
        self.process.start()

    def items(self, stats_out: list[ParseStats], between_chunks: Any) -> Iterator[Any]:
        while True:
            kind, payload = self.queue.get()
            if kind == "items":
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

    def __init__(self, ctx: Any, paths: Sequence[str], options: ParseOptions, jobs: int) -> None:
        self.ctx, self.options, self.jobs = ctx, options, jobs
        self.upcoming = iter(paths)
        self.started: deque[_File] = deque()
        self.exhausted = False
        self.refill()

    def refill(self) -> None:
        while not self.exhausted and len(self.started) < 2 * self.jobs \
                and sum(1 for f in self.started if f.process.is_alive()) < self.jobs:
            path = next(self.upcoming, None)
            if path is None:
                self.exhausted = True
                return
            self.started.append(_File(self.ctx, path, self.options))

    def close(self) -> None:
        for file in self.started:
            file.close()


def parse_files_parallel(paths: Sequence[str], options: ParseOptions | None = None, stats: ParseStats | None = None,
                         *, jobs: int | None = None, window: Any = None,
                         min_bytes: int = PARALLEL_MIN_BYTES,
                         progress: Callable[[int], None] | None = None) -> Iterator[Event]:
    """The events the correlator needs from ``paths``, read by up to ``jobs`` worker
    processes (default: the number of cores), in the serial order: feeding them to the
    correlator gives the same result as :func:`~stuckscan.fastscan.iter_scan_events`.

    ``stats`` is filled as the files are finished, in path order. ``window`` (a
    :class:`~stuckscan.timewindow.TimeWindow`) drops what lies outside it. Inputs smaller
    than ``min_bytes`` in all are read in this process (workers would not pay off).
    ``progress`` is called with byte counts: block by block in this process, a whole file
    at a time when workers read.
    """
    options = options or ParseOptions()
    stats = stats if stats is not None else ParseStats()
    jobs = default_jobs() if jobs is None else max(1, jobs)
    paths = list(paths)
    if jobs == 1 or len(paths) < 2 or _total_size(paths) < min_bytes:
        yield from iter_scan_events(paths, options, stats, window=window, progress=progress)
        return
    ctx = _context()
    shadow = SweepShadow()
    keep = window_filter(window)
    workers = _Workers(ctx, paths, options, jobs)
    try:
        while workers.started:
            current = workers.started[0]
            shadow.source = display_name(current.path)
            finished: list[ParseStats] = []
            yield from feed_items(current.items(finished, workers.refill), shadow, keep)
            stats.merge(finished[0])
            if progress is not None:
                progress(_total_size([current.path]))
            workers.started.popleft().close()
            workers.refill()
        yield from shadow.finish()
    finally:
        workers.close()


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
                       min_bytes: int = PARALLEL_MIN_BYTES) -> Analysis:
    """:func:`stuckscan.analysis.analyze_paths` on the fast path (same result), with
    ``jobs`` files read in parallel."""
    from stuckscan.analysis import analyze_events

    options = options or ParseOptions()
    stats = ParseStats()
    return analyze_events(parse_files_parallel(paths, options, stats, jobs=jobs, window=window, min_bytes=min_bytes),
                          stats, limits)
