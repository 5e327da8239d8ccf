"""Following a live gateway log for ``stuckscan watch``.

:class:`Follower` polls the active log and yields each complete line once, in order,
across everything the gateway does to its file:

* appends, including a line written in pieces (the piece is held until its ``\\n``);
* size rotation (the active file is renamed to ``.1.log`` and a new one created): the
  path now names another inode, so the old file is read to its end and the new one
  from its start;
* truncation (the file shrank below the read position): it is read again from 0;
* the daily change: a newer ``openclaw-<date>.log`` appears in the directory.

A file left behind by a rotation or a day change is still read for ``linger`` seconds
after its last growth, because a writer may finish a write to it after the switch (and
gateways up to about 2026.4.x kept writing to the day they started on). Its last
unterminated line is then yielded as it stands.

Not handled: a file truncated and regrown past the read position between two polls
(indistinguishable from growth), and two rotations between two polls.
"""

from __future__ import annotations

import io
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Literal, NamedTuple

from stuckscan._dataclass import dataclass
from stuckscan.discovery import LOG_NAME
from stuckscan.inputs import BLOCK_SIZE, DEFAULT_MAX_LINE_BYTES, GZIP_MAGIC, InputError, RawLine, os_error_cause, printable_path

SwitchReason = Literal["start", "rotated", "truncated", "new-day", "closed"]
_Identity = tuple[int, int]
_RECENT_BYTES = 64
# At most this much of a file is read per poll: a backlog (``--from-start``, or a burst the
# gateway wrote between two polls) is handed on in pieces instead of as one list of every
# line, so memory does not grow with it. A file is switched away from (rotation, new day)
# or closed only once it has been read to its end.
READ_CHUNK = 4 << 20


class FollowedLine(NamedTuple):
    """One complete line and the file it came from (its path as a string)."""

    source: str
    line: RawLine


@dataclass(frozen=True, slots=True)
class Switch:
    """A change of file, reported between the last line before it and the first after it.

    ``start``: the first file is opened; ``rotated``: the path now names a new file and
    the old one (``previous``, under its new name when found) is finishing;
    ``truncated``: ``source`` is read again from line 1; ``new-day``: a newer daily file
    is followed; ``closed``: ``source`` stopped growing after a switch and is closed.
    """

    reason: SwitchReason
    source: str
    previous: str | None = None


class _Splitter:
    """Cuts a byte stream into numbered lines across reads; same rules as ``iter_raw_lines``."""

    def __init__(self, max_line_bytes: int, number: int = 0) -> None:
        self.max_line_bytes = max_line_bytes
        self.number = number
        self.pending = b""
        self.skipping = False  # inside the tail of an over-long line

    def feed(self, data: bytes) -> list[RawLine]:
        lines: list[RawLine] = []
        buffer = self.pending + data if self.pending else data
        start = 0
        while (end := buffer.find(b"\n", start)) >= 0:
            if self.skipping:
                self.skipping = False
            else:
                lines.append(self._line(buffer[start:end]))
            start = end + 1
        self.pending = b"" if self.skipping else buffer[start:]
        if len(self.pending) > self.max_line_bytes:
            lines.append(self._line(self.pending))
            self.pending = b""
            self.skipping = True
        return lines

    def flush(self) -> RawLine | None:
        """The unterminated rest, as a final line; None when there is none."""
        rest, self.pending = self.pending, b""
        skipping, self.skipping = self.skipping, False
        return None if not rest or skipping else self._line(rest)

    def _line(self, data: bytes) -> RawLine:
        self.number += 1
        if len(data) > self.max_line_bytes:
            return RawLine(self.number, data[: self.max_line_bytes], True)
        return RawLine(self.number, data)


class _Tail:
    """An open file being read: handle, inode, position and line state."""

    def __init__(self, path: Path, handle: io.FileIO, max_line_bytes: int) -> None:
        self.path = path
        self.source = str(path)
        self.handle = handle
        info = os.fstat(handle.fileno())
        self.identity: _Identity = (info.st_dev, info.st_ino)
        self.position = 0
        self.splitter = _Splitter(max_line_bytes)
        self.last_growth = 0.0
        self.grew = False  # whether the last read found new bytes
        self.caught_up = True  # whether the last read reached the end of the file
        self.recent = b""  # the bytes just before `position`, to notice a rewrite in place

    def read(self, limit: int | None = None) -> list[RawLine]:
        """The complete lines in the next ``limit`` bytes (default :data:`READ_CHUNK`)
        appended since the last read (:attr:`caught_up` says whether that reached the end
        of the file)."""
        limit = READ_CHUNK if limit is None else limit
        lines: list[RawLine] = []
        start = self.position
        self.caught_up = False
        while (room := limit - (self.position - start)) > 0:
            block = self.handle.read(min(BLOCK_SIZE, room))
            if not block:
                self.caught_up = True
                break
            self.position += len(block)
            self.recent = (self.recent + block[-_RECENT_BYTES:])[-_RECENT_BYTES:]
            lines.extend(self.splitter.feed(block))
        self.grew = self.position > start
        return lines

    def was_truncated(self) -> bool:
        """Shrunk below the read position, or rewritten so the bytes before it changed."""
        if os.fstat(self.handle.fileno()).st_size < self.position:
            return True
        if not self.recent:
            return False
        # Truncated and refilled past our position between two polls: only the content shows it.
        self.handle.seek(self.position - len(self.recent))
        changed = self.handle.read(len(self.recent)) != self.recent
        self.handle.seek(self.position)
        return changed

    def restart(self) -> None:
        self.handle.seek(0)
        self.position = 0
        self.recent = b""
        self.splitter = _Splitter(self.splitter.max_line_bytes)

    def skip_to_last_complete_line(self) -> None:
        """Start after the last ``\\n``, counting the lines passed so numbers stay true."""
        count = offset = resume = 0
        while block := self.handle.read(BLOCK_SIZE):
            newlines = block.count(b"\n")
            if newlines:
                count += newlines
                resume = offset + block.rfind(b"\n") + 1
            offset += len(block)
        self.handle.seek(max(resume - _RECENT_BYTES, 0))
        self.recent = self.handle.read(resume - self.handle.tell()) or b""
        self.position = resume
        self.splitter.number = count

    def close(self) -> None:
        self.handle.close()


class Follower:
    """Yields lines appended to a live log (a file, or the newest daily file of a directory).

    ``from_start`` reads the current file from its beginning instead of from its last
    complete line. ``stop`` ends :meth:`lines` once set; ``sleep`` and ``clock`` are
    injectable so tests need not wait. ``on_switch`` is called, in order with the lines,
    whenever the file being read changes.
    """

    def __init__(
        self,
        path_or_dir: str | os.PathLike[str],
        poll_interval: float = 0.5,
        *,
        from_start: bool = False,
        stop: threading.Event | None = None,
        sleep: Callable[[float], object] | None = None,
        clock: Callable[[], float] = time.monotonic,
        linger: float = 10.0,
        on_switch: Callable[[Switch], None] | None = None,
        max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    ) -> None:
        self.target = Path(path_or_dir)
        self.poll_interval = poll_interval
        self.from_start = from_start
        self.stop = stop if stop is not None else threading.Event()
        # Waiting on the stop event (rather than time.sleep) lets `stop.set()` end a wait at once.
        self._sleep = sleep if sleep is not None else self.stop.wait
        self._clock = clock
        self.linger = linger
        self.on_switch = on_switch
        self.max_line_bytes = max_line_bytes
        self._active: _Tail | None = None
        self._retired: list[_Tail] = []
        self._started = False

    # -- public -------------------------------------------------------------------

    def lines(self) -> Iterator[FollowedLine]:
        """Yield lines as they are written, until ``stop`` is set or KeyboardInterrupt.

        Raises InputError when the target does not exist or cannot be followed.
        """
        try:
            while not self.stop.is_set():
                produced = False
                for item in self.poll():
                    if isinstance(item, Switch):
                        if self.on_switch is not None:
                            self.on_switch(item)
                    else:
                        produced = True
                        yield item
                if not produced and self.caught_up and not self.stop.is_set():
                    self._sleep(self.poll_interval)
        except KeyboardInterrupt:
            return
        finally:
            self.close()

    def poll(self) -> list[FollowedLine | Switch]:
        """One non-blocking round: what was written since the last round, in order."""
        out: list[FollowedLine | Switch] = []
        if not self._started:
            self._begin(out)
        elif self._active is None:
            self._reacquire(out)
        self._read_retired(out)
        if self._active is not None and all(tail.caught_up for tail in self._retired):
            self._read_active(out)  # files left behind first, to their end: the order whole reads gave
        return out

    @property
    def caught_up(self) -> bool:
        """Whether the last poll read every file to its end (else poll again at once: a
        poll that read a piece of a backlog may have found no complete line in it)."""
        return all(tail.caught_up for tail in [*self._retired, *([self._active] if self._active else [])])

    def close(self) -> None:
        for tail in [*self._retired, *([self._active] if self._active else [])]:
            tail.close()
        self._retired.clear()
        self._active = None

    def __enter__(self) -> Follower:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- choosing the file --------------------------------------------------------

    def _begin(self, out: list[FollowedLine | Switch]) -> None:
        self._started = True
        if self.target.is_dir():
            self._adopt_newest(out, reason="start", from_start=self.from_start)
            return
        try:
            os.stat(self.target)
        except OSError as error:
            raise InputError(f"cannot follow {printable_path(str(self.target))}: {os_error_cause(str(self.target), error)}") from None
        self._adopt(self.target, out, "start", from_start=self.from_start)

    def _reacquire(self, out: list[FollowedLine | Switch]) -> None:
        """Nothing open (no file yet, or it vanished mid-switch): take whatever is there now, from its start."""
        if self._follows_days():
            self._adopt_newest(out, reason="start", from_start=True)
        elif self.target.exists():
            self._adopt(self.target, out, "start", from_start=True)

    def _directory(self) -> Path:
        return self.target if self.target.is_dir() else self.target.parent

    def _follows_days(self) -> bool:
        """Only daily files roll over to the next day; a custom `logging.file` does not."""
        return self.target.is_dir() or _active_date(self.target.name) is not None

    def _adopt_newest(self, out: list[FollowedLine | Switch], reason: SwitchReason, from_start: bool) -> None:
        newest = _newest_daily_file(self._directory())
        if newest is not None:
            self._adopt(newest, out, reason, from_start)

    def _adopt(self, path: Path, out: list[FollowedLine | Switch], reason: SwitchReason,
               from_start: bool, previous: str | None = None) -> None:
        tail = _open_tail(path, self.max_line_bytes)
        if tail is None:
            return  # gone between listing and opening: next round
        if not from_start:
            tail.skip_to_last_complete_line()
        tail.last_growth = self._clock()
        self._active = tail
        out.append(Switch(reason, tail.source, previous))

    # -- reading ------------------------------------------------------------------

    def _read_active(self, out: list[FollowedLine | Switch]) -> None:
        tail = self._active
        assert tail is not None
        # Stat the path before reading: if it already names another file, the rename came
        # before this read, so the read gets all the old file had by then (later writes
        # to it are picked up while it lingers).
        now_at_path = _identity(tail.path)
        if now_at_path == tail.identity and tail.was_truncated():
            # Checked before reading, so nothing new is read from the stale position.
            self._emit_rest(tail, out)
            tail.restart()
            out.append(Switch("truncated", tail.source))
        self._emit(tail, tail.read(), out)
        if not tail.caught_up:
            return  # the rest next poll: a switch waits until this file is read to its end
        if now_at_path is not None and now_at_path != tail.identity:
            self._switch(tail, tail.path, "rotated", out)
        elif self._follows_days() and (newer := _next_daily_file(tail.path)) is not None:
            self._switch(tail, newer, "new-day", out)

    def _switch(self, old: _Tail, path: Path, reason: SwitchReason, out: list[FollowedLine | Switch]) -> None:
        self._retire(old)
        self._adopt(path, out, reason, from_start=True, previous=old.source)
        if self._active is not None:
            self._emit(self._active, self._active.read(), out)

    def _read_retired(self, out: list[FollowedLine | Switch]) -> None:
        now = self._clock()
        for tail in list(self._retired):
            self._emit(tail, tail.read(), out)
            if tail.caught_up and now - tail.last_growth >= self.linger:
                self._emit_rest(tail, out)
                tail.close()
                self._retired.remove(tail)
                out.append(Switch("closed", tail.source))

    def _retire(self, tail: _Tail) -> None:
        renamed = _find_by_identity(tail.path.parent, tail.identity)
        if renamed is not None:
            tail.source = str(renamed)
        tail.last_growth = self._clock()  # the linger runs from the switch at the earliest
        self._retired.append(tail)
        self._active = None

    def _emit(self, tail: _Tail, lines: list[RawLine], out: list[FollowedLine | Switch]) -> None:
        if tail.grew:
            tail.last_growth = self._clock()
        out.extend(FollowedLine(tail.source, line) for line in lines)

    @staticmethod
    def _emit_rest(tail: _Tail, out: list[FollowedLine | Switch]) -> None:
        rest = tail.splitter.flush()
        if rest is not None:
            out.append(FollowedLine(tail.source, rest))


# -- files ----------------------------------------------------------------------------


def _active_date(name: str) -> date | None:
    """The date of an active (not archived, not compressed) daily file name."""
    match = LOG_NAME.fullmatch(name)
    if match is None or match["rotation"] or match["compressed"]:
        return None
    try:
        return date.fromisoformat(match["date"])
    except ValueError:
        return None


def _daily_files(directory: Path) -> list[tuple[date, bool, Path]]:
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    found = []
    for name in names:
        day = _active_date(name)
        if day is not None:
            found.append((day, name.startswith("openclaw-"), directory / name))
    return sorted(found)


def _newest_daily_file(directory: Path) -> Path | None:
    files = _daily_files(directory)
    return files[-1][2] if files else None


def _next_daily_file(current: Path) -> Path | None:
    """The earliest daily file dated after ``current``, so no day in between is skipped."""
    today = _active_date(current.name)
    if today is None:
        return None
    later = [path for day, _, path in _daily_files(current.parent) if day > today]
    return later[0] if later else None


def _open_tail(path: Path, max_line_bytes: int) -> _Tail | None:
    try:
        handle = open(path, "rb", buffering=0)  # noqa: SIM115 - owned by the _Tail
    except FileNotFoundError:
        return None
    except OSError as error:
        raise InputError(f"cannot follow {path}: {error.strerror or error}") from None
    info = os.fstat(handle.fileno())
    if not stat.S_ISREG(info.st_mode):
        handle.close()
        raise InputError(f"cannot follow {path}: not a regular file")
    if handle.read(2) == GZIP_MAGIC:
        handle.close()
        raise InputError(f"cannot follow {path}: it is compressed (scan it instead)")
    handle.seek(0)
    return _Tail(path, handle, max_line_bytes)


def _identity(path: Path) -> _Identity | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _find_by_identity(directory: Path, identity: _Identity) -> Path | None:
    """Where a rotated file went (usually ``.1.log``), found by its inode."""
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return None
    for entry in entries:
        try:
            info = entry.stat()
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == identity:
            return Path(entry.path)
    return None
