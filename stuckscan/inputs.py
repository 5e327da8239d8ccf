"""Reading inputs as numbered byte lines: files, gzip (streamed) and stdin.

Lines are split on ``\\n`` from large binary blocks; a line longer than the cap is cut,
still yielded (flagged truncated) and the rest of it skipped. Nothing here decodes text.
"""

from __future__ import annotations

import gzip
import os
import stat
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

BLOCK_SIZE = 1 << 20
DEFAULT_MAX_LINE_BYTES = 1 << 20
GZIP_MAGIC = b"\x1f\x8b"
STDIN_NAME = "-"


class InputError(Exception):
    """A path that cannot be read. The message names the path and the cause."""


@dataclass(frozen=True, slots=True)
class RawLine:
    number: int
    data: bytes
    truncated: bool = False


def display_name(path: str) -> str:
    return "<stdin>" if path == STDIN_NAME else path


def _describe_os_error(path: str, error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"cannot read {path}: {reason}"


def open_binary(path: str) -> BinaryIO:
    """Open ``path`` for binary reading; gzip is detected by its magic bytes."""
    if path == STDIN_NAME:
        stdin = getattr(sys.stdin, "buffer", None)  # None when the process has no stdin (`<&-`)
        if stdin is None:
            raise InputError("cannot read - (stdin): it is closed")
        return stdin
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except OSError as error:
        raise InputError(_describe_os_error(path, error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path} is a directory (give log files, or a directory with `--log-dir`)")
    try:
        handle: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed by the caller
    except OSError as error:
        raise InputError(_describe_os_error(path, error)) from None
    if not stat.S_ISREG(info.st_mode):
        return handle  # FIFO or device: cannot peek without consuming
    try:
        size = os.fstat(handle.fileno()).st_size
        magic = handle.peek(2)[:2] if hasattr(handle, "peek") else b""
    except OSError as error:
        handle.close()
        raise InputError(_describe_os_error(path, error)) from None
    if magic == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=SizeSnapshot(handle, size, finish_line=False), mode="rb")  # type: ignore[return-value]
    return SizeSnapshot(handle, size)  # type: ignore[return-value]


class SizeSnapshot:
    """A regular file read only as far as it reached when it was opened, plus the rest
    of the line being written at that moment: a scan of a log that keeps growing ends.
    Lines appended later are left for the next scan (or for ``watch``)."""

    def __init__(self, handle: BinaryIO, size: int, finish_line: bool = True) -> None:
        self._handle = handle
        self._left = size
        self._finish_line = finish_line
        self._tail_left = DEFAULT_MAX_LINE_BYTES
        self._last = b"\n"
        self.name = getattr(handle, "name", "")

    def read(self, size: int | None = -1) -> bytes:
        if self._left > 0:
            wanted = self._left if size is None or size < 0 else min(size, self._left)
            data = self._handle.read(wanted)
            if not data:  # the file shrank while being read
                self._left = self._tail_left = 0
                return b""
            self._left -= len(data)
            self._last = data[-1:]
            return data
        if not self._finish_line or self._last == b"\n" or self._tail_left <= 0:
            return b""
        data = self._handle.read(min(size if size and size > 0 else BLOCK_SIZE, self._tail_left))
        end = data.find(b"\n")
        if end >= 0 or not data:
            data, self._tail_left = data[:end + 1], 0
        else:
            self._tail_left -= len(data)
        self._last = data[-1:] or b"\n"
        return data

    def peek(self, size: int = 0) -> bytes:
        return self._handle.peek(size)[: max(self._left, 0)] if hasattr(self._handle, "peek") else b""

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._handle.fileno()

    def close(self) -> None:
        self._handle.close()

    @property
    def closed(self) -> bool:
        return bool(self._handle.closed)


def iter_raw_lines(stream: BinaryIO, path: str, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> Iterator[RawLine]:
    """Yield the lines of ``stream`` without their ``\\n``. Raises InputError on a read failure."""
    number = 0
    pending = b""
    skipping = False  # inside the tail of an over-long line
    while True:
        block = _read(stream, path, number, BLOCK_SIZE)
        if not block:
            break
        data = pending + block if pending else block
        start = 0
        while True:
            end = data.find(b"\n", start)
            if end < 0:
                break
            if skipping:
                skipping = False
            else:
                number += 1
                length = end - start
                if length > max_line_bytes:
                    yield RawLine(number, data[start:start + max_line_bytes], True)
                else:
                    yield RawLine(number, data[start:end])
            start = end + 1
        pending = data[start:]
        if skipping:
            pending = b""
        elif len(pending) > max_line_bytes:
            number += 1
            yield RawLine(number, pending[:max_line_bytes], True)
            pending = b""
            skipping = True
    if pending and not skipping:
        number += 1
        yield RawLine(number, pending)


FAST_BLOCK_SIZE = 4 << 20


def iter_blocks(stream: BinaryIO, path: str, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
                block_size: int = FAST_BLOCK_SIZE) -> Iterator[tuple[bytes, int, int] | RawLine]:
    """The lines of ``stream`` in large pieces, for the scan fast path.

    Yields ``(data, start, end)``: ``data[start:end]`` is whole lines, each ending with
    ``\\n`` except possibly the last one at end of input; and a :class:`RawLine` (number 0,
    truncated) for a line longer than ``max_line_bytes`` that had to be cut before its end
    was read (its tail is skipped). Splitting the pieces on ``\\n`` and cutting any line
    longer than ``max_line_bytes`` to that length gives exactly the lines of
    :func:`iter_raw_lines`.

    A block read from the stream is handed out as it is, never copied: the line that
    straddles two blocks comes as a piece of its own. (Gluing the previous block's tail to
    each new block copied every block, and the fresh allocations cost more than the read.)
    """
    pending = b""  # the start of a line whose end is not read yet
    skipping = False  # inside the unread tail of an over-long line
    lines_so_far = 0
    counting = isinstance(stream, gzip.GzipFile)  # for the message of a corrupt gzip stream
    while True:
        block = _read(stream, path, lines_so_far, block_size)
        if not block:
            break
        start = 0
        if skipping:
            start = block.find(b"\n") + 1
            if not start:
                continue
            skipping = False
        if pending:
            end = block.find(b"\n") + 1
            if end:
                line = pending + block[:end]
                pending = b""
                lines_so_far += counting
                yield line, 0, len(line)
                start = end
        cut = block.rfind(b"\n", start) + 1
        if cut > start:
            if counting:
                lines_so_far += block.count(b"\n", start, cut)
            yield block, start, cut
            pending = block[cut:]
        else:
            pending = pending + block[start:] if pending else block[start:]
        if len(pending) > max_line_bytes:
            lines_so_far += 1
            yield RawLine(0, pending[:max_line_bytes], True)
            pending = b""
            skipping = True
    if pending and not skipping:
        yield pending, 0, len(pending)


def _read(stream: BinaryIO, path: str, lines_so_far: int, size: int) -> bytes:
    try:
        return stream.read(size)
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        raise InputError(
            f"{display_name(path)}: corrupt or truncated gzip data after line {lines_so_far} ({error})"
        ) from None
    except OSError as error:
        raise InputError(_describe_os_error(display_name(path), error)) from None


@contextmanager
def _opened(path: str) -> Iterator[BinaryIO]:
    """``path`` opened for reading; closed afterwards unless it is stdin."""
    stream = open_binary(path)
    try:
        yield stream
    finally:
        if path != STDIN_NAME:
            stream.close()


def read_blocks(path: str, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> Iterator[tuple[bytes, int, int] | RawLine]:
    with _opened(path) as stream:
        yield from iter_blocks(stream, path, max_line_bytes)


def read_range_blocks(path: str, start: int, length: int, last: bool,
                      max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> Iterator[tuple[bytes, int, int] | RawLine]:
    """:func:`read_blocks` of the ``length`` bytes of a plain (not compressed) regular file
    from offset ``start``, a line boundary; the ``last`` range of a file also reads the rest
    of a line still being written when it ends, as :func:`read_blocks` does at the end."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as error:
        raise InputError(_describe_os_error(display_name(path), error)) from None
    with handle:
        try:
            handle.seek(start)
        except OSError as error:
            raise InputError(_describe_os_error(display_name(path), error)) from None
        yield from iter_blocks(SizeSnapshot(handle, length, finish_line=last), path, max_line_bytes)  # type: ignore[arg-type]


def read_lines(path: str, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> Iterator[RawLine]:
    with _opened(path) as stream:
        yield from iter_raw_lines(stream, path, max_line_bytes)
