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
        return sys.stdin.buffer
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
        magic = handle.peek(2)[:2] if hasattr(handle, "peek") else b""
    except OSError as error:
        handle.close()
        raise InputError(_describe_os_error(path, error)) from None
    if magic == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[return-value]
    return handle


def iter_raw_lines(stream: BinaryIO, path: str, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> Iterator[RawLine]:
    """Yield the lines of ``stream`` without their ``\\n``. Raises InputError on a read failure."""
    number = 0
    pending = b""
    skipping = False  # inside the tail of an over-long line
    while True:
        block = _read_block(stream, path, number)
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


def _read_block(stream: BinaryIO, path: str, lines_so_far: int) -> bytes:
    try:
        return stream.read(BLOCK_SIZE)
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        raise InputError(
            f"{display_name(path)}: corrupt or truncated gzip data after line {lines_so_far} ({error})"
        ) from None
    except OSError as error:
        raise InputError(_describe_os_error(display_name(path), error)) from None


def read_lines(path: str, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> Iterator[RawLine]:
    stream = open_binary(path)
    try:
        yield from iter_raw_lines(stream, path, max_line_bytes)
    finally:
        if path != STDIN_NAME:
            stream.close()
