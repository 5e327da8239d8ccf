"""Reading inputs as numbered byte lines: files, compressed files (streamed) and stdin.

Lines are split on ``\\n`` from large binary blocks; a line longer than the cap is cut,
still yielded (flagged truncated) and the rest of it skipped. Nothing here parses text,
but every input is brought to UTF-8 with ``\\n`` line ends first: gzip, bzip2, xz and
lzma (and zstd and lz4 where their libraries are installed) are decompressed as they are
read; UTF-16 and UTF-32 (by BOM, or by the pattern of NUL bytes) are transcoded; a file
whose lines end in a bare ``\\r`` gets ``\\n``; a BOM inside the text (logs concatenated
with ``cat``) is dropped.

During a run (:func:`hold_inputs`) every regular file is opened once, up front, and read
by position from that descriptor, by this process and by forked workers alike: a log
rotated or deleted while the run reads its other files is read as it was when the run
began. A file that cannot be opened, and one whose data turns out corrupt part-way, is a
*problem* noted for the caller (:func:`take_problems`) rather than an exception, so the
rest of the inputs are still analysed.
"""

from __future__ import annotations

import bz2
import codecs
import errno
import lzma
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import field
from typing import Any, BinaryIO, Protocol

from stuckscan._dataclass import dataclass

BLOCK_SIZE = 1 << 20
DEFAULT_MAX_LINE_BYTES = 1 << 20
GZIP_MAGIC = b"\x1f\x8b"
STDIN_NAME = "-"
HEAD_BYTES = 64 << 10  # what is looked at to recognise compression, encoding and line ends
_COMPRESSED_CHUNK = 256 << 10
_BOM = b"\xef\xbb\xbf"


class InputError(Exception):
    """A path that cannot be read. The message names the path and the cause."""


@dataclass(frozen=True, slots=True)
class RawLine:
    number: int
    data: bytes
    truncated: bool = False


def printable_path(path: str) -> str:
    """``path`` as text that any output can carry: a byte that is not UTF-8 in a file name
    (held by Python as a lone surrogate) is shown as ``\\xNN``."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def display_name(path: str) -> str:
    return "<stdin>" if path == STDIN_NAME else printable_path(path)


def describe_os_error(path: str, error: OSError) -> str:
    """``cannot read PATH: cause``, naming the real cause of a missing, looping or locked path."""
    return f"cannot read {display_name(path)}: {os_error_cause(path, error)}"


def os_error_cause(path: str, error: OSError) -> str:
    code = error.errno
    if code == errno.ENOENT and path != STDIN_NAME and os.path.islink(path):
        return f"broken symbolic link (it points to {printable_path(_link_target(path))}, which does not exist)"
    if code == errno.ENOENT:
        return "no such file or directory"
    if code == errno.ELOOP:
        return "symbolic link loop (too many levels of symbolic links)"
    if code == errno.ENOTDIR:
        return "a part of the path is not a directory"
    return error.strerror or str(error)


def _link_target(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


# -- compression ---------------------------------------------------------------------


class Decompressor(Protocol):
    eof: bool
    needs_input: bool
    unused_data: bytes

    def decompress(self, data: bytes, max_length: int = -1) -> bytes: ...


class _GzipMember:
    """One gzip member through zlib, with the interface of the bz2 and lzma decompressors
    (zlib checks the member's CRC and length)."""

    def __init__(self) -> None:
        self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.needs_input = True

    @property
    def eof(self) -> bool:
        return self._inflate.eof

    @property
    def unused_data(self) -> bytes:
        return self._inflate.unused_data

    def decompress(self, data: bytes, max_length: int = -1) -> bytes:
        tail = self._inflate.unconsumed_tail
        out = self._inflate.decompress(tail + data if tail else data, max(max_length, 0))
        self.needs_input = not self._inflate.unconsumed_tail
        return out


def _zstd_decompressor() -> Callable[[], Decompressor] | None:
    try:
        from compression.zstd import ZstdDecompressor  # Python 3.14+
    except ImportError:
        try:
            from backports.zstd import ZstdDecompressor  # the `compress` extra
        except ImportError:
            return None
    return ZstdDecompressor  # type: ignore[no-any-return]


def _lz4_decompressor() -> Callable[[], Decompressor] | None:
    try:
        from lz4.frame import LZ4FrameDecompressor  # the `compress` extra
    except ImportError:
        return None
    return LZ4FrameDecompressor  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Compression:
    """A compressed format: how to recognise it and how to decompress one stream of it."""

    name: str
    magic: bytes
    load: Callable[[], Callable[[], Decompressor] | None]
    next_magic: bytes | None = None  # what starts a further stream in the same file (None: one stream)

    def decompressor(self) -> Callable[[], Decompressor] | None:
        return self.load()


COMPRESSIONS = (
    Compression("gzip", GZIP_MAGIC, lambda: _GzipMember, GZIP_MAGIC),
    Compression("bzip2", b"BZh", lambda: bz2.BZ2Decompressor, b"BZh"),
    Compression("xz", b"\xfd7zXZ\x00", lambda: lambda: lzma.LZMADecompressor(lzma.FORMAT_XZ), b"\xfd7zXZ\x00"),
    Compression("lzma", b"\x5d\x00\x00", lambda: lambda: lzma.LZMADecompressor(lzma.FORMAT_ALONE)),
    Compression("zstd", b"\x28\xb5\x2f\xfd", _zstd_decompressor, b"\x28\xb5\x2f\xfd"),
    Compression("lz4", b"\x04\x22\x4d\x18", _lz4_decompressor, b"\x04\x22\x4d\x18"),
)
OPTIONAL_LIBRARY = {"zstd": "backports.zstd (Python 3.14 has it built in)", "lz4": "lz4"}


def detect_compression(head: bytes) -> Compression | None:
    return next((kind for kind in COMPRESSIONS if head.startswith(kind.magic)), None)


def missing_library(kind: Compression) -> str | None:
    """Why ``kind`` cannot be read here (its library is not installed), else None."""
    if kind.decompressor() is not None:
        return None
    return (f"{kind.name}-compressed, and {OPTIONAL_LIBRARY.get(kind.name, 'its library')} is not installed "
            "(pip install 'stuckscan[compress]', or decompress it first)")


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a stream ended before its data did: ``what`` happened, ``detail`` from the library."""

    what: str
    detail: str = ""


class _Decompressing:
    """Decompresses a stream of one :class:`Compression`, stream after stream (``cat a.gz
    b.gz``). Corrupt or truncated data, or trailing bytes that start no further stream,
    end the output where the good data ends and set :attr:`problem`."""

    counts_lines = True

    def __init__(self, raw: Any, kind: Compression, make: Callable[[], Decompressor]) -> None:
        self._raw = raw
        self._kind = kind
        self._make = make
        self._current = make()
        self._pending = b""
        self._finished = False
        self.problem: Problem | None = None

    def read(self, size: int | None = -1) -> bytes:
        limit = size if size is not None and size > 0 else BLOCK_SIZE
        while not self._finished:
            if self._current.eof and not self._start_next_stream():
                self._finished = True
                break
            data = self._pending
            self._pending = b""
            if not data and self._current.needs_input:
                data = self._read_raw()
                if not data:
                    self._fail(f"truncated {self._kind.name} data")
                    break
            try:
                out = self._current.decompress(data, limit)
            except Exception as error:  # noqa: BLE001 - each library has its own error types (zlib.error, LZMAError, ZstdError...)
                self._fail(f"corrupt {self._kind.name} data", str(error))
                break
            if out:
                return out
        return b""

    def _read_raw(self) -> bytes:
        try:
            return self._raw.read(_COMPRESSED_CHUNK)
        except OSError as error:
            self._fail("read error", error.strerror or str(error))
            return b""

    def _start_next_stream(self) -> bool:
        """After a stream's end: True when another stream follows (and is set up)."""
        rest = (self._current.unused_data or b"").lstrip(b"\x00")  # gzip and xz allow NUL padding
        while len(rest) < len(self._kind.magic):
            more = self._read_raw()
            if not more:
                break
            rest = (rest + more).lstrip(b"\x00") if not rest else rest + more
        if not rest:
            return False
        if self._kind.next_magic is None or not rest.startswith(self._kind.next_magic):
            self._fail(f"ignored trailing bytes that are not {self._kind.name} data")
            return False
        self._current = self._make()
        self._pending = rest
        return True

    def _fail(self, what: str, detail: str = "") -> None:
        if self.problem is None:
            self.problem = Problem(what, detail)
        self._finished = True

    def close(self) -> None:
        self._raw.close()


# -- text normalisation --------------------------------------------------------------

_UNICODE_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\xfe\xff", "utf-16"), (b"\xff\xfe", "utf-16"),
)


def detect_encoding(head: bytes) -> str | None:
    """The codec of a UTF-16 or UTF-32 text (by BOM, or by where its ASCII characters'
    NUL bytes fall); None for anything else, which is read as UTF-8."""
    for bom, codec in _UNICODE_BOMS:
        if head.startswith(bom):
            return codec
    sample = head[:4096]
    if len(sample) < 16:
        return None
    sample = sample[: len(sample) // 4 * 4]
    quads = len(sample) // 4
    if _share_zero(sample, (1, 2, 3), 4) and _share_nonzero(sample, 0, 4, quads):
        return "utf-32-le"
    if _share_zero(sample, (0, 1, 2), 4) and _share_nonzero(sample, 3, 4, quads):
        return "utf-32-be"
    pairs = len(sample) // 2
    if _share_zero(sample, (1,), 2) and _share_nonzero(sample, 0, 2, pairs):
        return "utf-16-le"
    if _share_zero(sample, (0,), 2) and _share_nonzero(sample, 1, 2, pairs):
        return "utf-16-be"
    return None


def _share_zero(sample: bytes, offsets: tuple[int, ...], step: int) -> bool:
    """At least 90 % of the bytes at these offsets of each ``step``-byte unit are NUL."""
    return all(sample[offset::step].count(0) * 10 >= len(sample[offset::step]) * 9 for offset in offsets)


def _share_nonzero(sample: bytes, offset: int, step: int, units: int) -> bool:
    return (units - sample[offset::step].count(0)) * 10 >= units * 9


class _Normalized:
    """UTF-8 with ``\\n`` line ends from any text stream: see the module docstring."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._decided = False
        self._decoder: codecs.IncrementalDecoder | None = None
        self._cr_only = False
        self._carry = b""  # the start of a BOM cut by the end of the last read
        self._eof = False
        self.counts_lines = bool(getattr(inner, "counts_lines", False))

    @property
    def problem(self) -> Problem | None:
        return getattr(self._inner, "problem", None)

    def read(self, size: int | None = -1) -> bytes:
        while not self._eof:
            data = self._inner.read(size)
            if not self._decided:
                self._decide(data)
            end = not data
            if self._decoder is not None:
                data = self._decoder.decode(data, final=end).encode("utf-8")
            if self._carry:
                data, self._carry = self._carry + data, b""
            if _BOM in data:
                data = data.replace(_BOM, b"")
            if not end and data.endswith((b"\xef", b"\xef\xbb")):
                cut = len(data) - (1 if data.endswith(b"\xef") else 2)
                data, self._carry = data[:cut], data[cut:]
            if self._cr_only:
                data = data.replace(b"\r", b"\n")
            self._eof = end
            if data:
                return data
        return b""

    def _decide(self, head: bytes) -> None:
        self._decided = True
        encoding = detect_encoding(head)
        if encoding is not None:
            self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
            head = codecs.decode(head[:HEAD_BYTES], encoding, "replace").encode("utf-8")
        sample = head[:HEAD_BYTES]
        self._cr_only = b"\r" in sample and b"\n" not in sample

    def close(self) -> None:
        self._inner.close()


# -- reading a regular file by position ----------------------------------------------


class Positional:
    """Reads a descriptor from an offset of its own with ``pread``, so readers sharing
    the descriptor (other parts, forked workers) never move each other's position."""

    def __init__(self, fd: int, offset: int = 0) -> None:
        self._fd = fd
        self._offset = offset
        self._in_order = False  # a special file without positions: read as it comes

    def read(self, size: int | None = -1) -> bytes:
        wanted = size if size is not None and size > 0 else BLOCK_SIZE
        if self._in_order:
            data = os.read(self._fd, wanted)
        elif _PREAD is not None:
            try:
                data = _PREAD(self._fd, wanted, self._offset)
            except OSError as error:
                if error.errno not in (errno.ESPIPE, errno.EINVAL) or self._offset:
                    raise
                self._in_order = True
                data = os.read(self._fd, wanted)
        else:  # no pread (Windows): one reader at a time, so seeking is safe
            os.lseek(self._fd, self._offset, os.SEEK_SET)
            data = os.read(self._fd, wanted)
        self._offset += len(data)
        return data

    def close(self) -> None:
        pass  # the descriptor belongs to its HeldFile


_PREAD: Callable[[int, int, int], bytes] | None = getattr(os, "pread", None)


class SizeSnapshot:
    """A regular file read only as far as it reached when it was opened, plus the rest
    of the line being written at that moment: a scan of a log that keeps growing ends.
    Lines appended later are left for the next scan (or for ``watch``)."""

    def __init__(self, handle: Any, size: int, finish_line: bool = True) -> None:
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

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._handle.close()


# -- files held open for a run -------------------------------------------------------


@dataclass(slots=True)
class HeldFile:
    """A regular file opened once for the whole run."""

    path: str
    fd: int
    identity: tuple[int, int]
    head: bytes = b""
    size: int = 0  # when it was opened: what is appended later is not part of this scan

    def stream(self, start: int = 0, length: int | None = None, last: bool = True) -> Any:
        """A reader of the whole file (``length`` None: as large as it was when held, or to its
        end for a file that reports size 0, like those in /proc), or of ``length`` bytes from
        ``start``; each reader has its own position."""
        raw = Positional(self.fd, start)
        if length is not None:
            return SizeSnapshot(raw, length, finish_line=last)
        size = self.size
        return SizeSnapshot(raw, size, finish_line=detect_compression(self.head) is None) if size > 0 else raw

    def close(self) -> None:
        try:
            os.close(self.fd)
        except OSError:
            pass


@dataclass(slots=True)
class _Session:
    held: dict[str, HeldFile] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


_session: _Session | None = None


@dataclass(slots=True)
class HeldInputs:
    """What :func:`hold_inputs` opened: the readable paths, in order, and the rest with reasons."""

    readable: list[str]
    skipped: list[tuple[str, str]]  # (display name, reason)


@contextmanager
def hold_inputs(paths: Sequence[str], *, listed: bool = False) -> Iterator[HeldInputs]:
    """Open every regular file in ``paths`` now and read them from these descriptors until
    the block ends. A file that cannot be opened (vanished, unreadable, compressed with a
    library not installed) is skipped with its reason. stdin, FIFOs and devices are
    opened when they are read (opening a FIFO waits for its writer). ``listed``: the
    paths were just found on disk, so a missing one has vanished since."""
    global _session
    previous = _session
    session = _Session()
    _allow_descriptors(len(paths))
    readable: list[str] = []
    skipped: list[tuple[str, str]] = []
    for path in paths:
        reason = _hold(path, session, listed)
        if reason is None:
            readable.append(path)
        else:
            skipped.append((display_name(path), reason))
    _session = session
    try:
        yield HeldInputs(readable, skipped)
    finally:
        _session = previous
        for held in session.held.values():
            held.close()


def _allow_descriptors(files: int) -> None:
    """Raise the soft limit on open files (up to the hard limit) when holding ``files`` open
    needs it; where it cannot be raised, the files past it are skipped with a warning."""
    try:
        import resource
    except ImportError:  # Windows: no such limit to raise
        return
    wanted = files + 64  # room for the interpreter, pipes and worker queues
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft != resource.RLIM_INFINITY and soft < wanted:
            ceiling = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
            resource.setrlimit(resource.RLIMIT_NOFILE, (ceiling, hard))
    except (OSError, ValueError):
        pass


@contextmanager
def held_for(paths: Sequence[str]) -> Iterator[HeldInputs]:
    """:func:`hold_inputs`, unless a run already holds its inputs (then ``paths`` as they are)."""
    if _session is not None:
        yield HeldInputs(list(paths), [])
        return
    with hold_inputs(paths) as held:
        yield held


def _hold(path: str, session: _Session, listed: bool) -> str | None:
    """Open ``path`` into ``session``; the reason it cannot be read, else None."""
    if path == STDIN_NAME or _bundle_member(path) is not None:
        return None  # a diagnostics bundle's member is opened from its archive when it is read
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return "is a directory" if stat.S_ISDIR(info.st_mode) else None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        return _vanished_or(path, error) if listed else os_error_cause(path, error)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # replaced by a FIFO or device since the stat
            os.close(fd)
            return None
        head = Positional(fd).read(HEAD_BYTES)
    except OSError as error:
        os.close(fd)
        return os_error_cause(path, error)
    kind = detect_compression(head)
    missing = missing_library(kind) if kind is not None else None
    if missing is not None:
        os.close(fd)
        return missing
    session.held[path] = HeldFile(path, fd, (info.st_dev, info.st_ino), head, info.st_size)
    return None


def _bundle_member(path: str) -> tuple[str, str] | None:
    """``(bundle, member)`` when ``path`` names a member of a diagnostics bundle (stuckscan.bundle)."""
    if "!" not in path:
        return None
    from stuckscan.bundle import split_member_path

    return split_member_path(path)


def _vanished_or(path: str, error: OSError) -> str:
    if error.errno == errno.ENOENT and not os.path.islink(path):
        return "it vanished before it could be read (deleted or renamed during the run)"
    return os_error_cause(path, error)


def held_file(path: str) -> HeldFile | None:
    return _session.held.get(path) if _session is not None else None


def take_problems(path: str) -> list[str]:
    """The problems noted while reading ``path`` in this process, removed from the record."""
    if _session is None:
        return []
    mine = [reason for noted, reason in _session.problems if noted == path]
    if mine:
        _session.problems[:] = [(noted, reason) for noted, reason in _session.problems if noted != path]
    return mine


def _note_problem(path: str, reason: str) -> None:
    """A file read only in part: noted for the caller during a run, else an error."""
    if _session is None:
        raise InputError(f"{display_name(path)}: {reason}")
    _session.problems.append((path, reason))


# -- opening ---------------------------------------------------------------------------


def open_binary(path: str) -> Any:
    """``path`` (or stdin) as a stream of UTF-8 bytes with ``\\n`` line ends, decompressed
    and transcoded as needed. Raises InputError when it cannot be opened at all."""
    held = held_file(path)
    if held is not None:
        return _decoded(held.stream(), held.head, path)
    if _bundle_member(path) is not None:
        from stuckscan.bundle import open_member

        return _Normalized(open_member(path))
    if path == STDIN_NAME:
        stdin = getattr(sys.stdin, "buffer", None)  # None when the process has no stdin (`<&-`)
        if stdin is None:
            raise InputError("cannot read - (stdin): it is closed")
        return _decoded_stream(stdin, path)
    try:
        info = os.stat(path)
    except OSError as error:
        raise InputError(describe_os_error(path, error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{display_name(path)} is a directory (give log files, or a directory with `--log-dir`)")
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the caller
    except OSError as error:
        raise InputError(describe_os_error(path, error)) from None
    if not stat.S_ISREG(info.st_mode):
        return _decoded_stream(handle, path)  # FIFO or device
    try:
        size = os.fstat(handle.fileno()).st_size
        head = handle.peek(HEAD_BYTES)[:HEAD_BYTES]
    except OSError as error:
        handle.close()
        raise InputError(describe_os_error(path, error)) from None
    raw: Any = SizeSnapshot(handle, size, finish_line=detect_compression(head) is None) if size > 0 else handle
    return _decoded(raw, head, path)


def _decoded_stream(stream: Any, path: str) -> Any:
    """A stream that cannot be peeked without consuming: its first bytes are read and replayed."""
    try:
        head = stream.read(16)
    except OSError as error:
        raise InputError(describe_os_error(path, error)) from None
    return _decoded(_Replay(head, stream), head, path)


def _decoded(raw: Any, head: bytes, path: str) -> Any:
    kind = detect_compression(head)
    if kind is None:
        return _Normalized(raw)
    make = kind.decompressor()
    if make is None:
        raw.close()
        raise InputError(f"cannot read {display_name(path)}: {missing_library(kind)}")
    return _Normalized(_Decompressing(raw, kind, make))


class _Replay:
    def __init__(self, head: bytes, stream: Any) -> None:
        self._head = head
        self._stream = stream

    def read(self, size: int | None = -1) -> bytes:
        if self._head:
            head, self._head = self._head, b""
            return head
        return self._stream.read(size)  # type: ignore[no-any-return]

    def close(self) -> None:
        self._stream.close()


# -- lines -----------------------------------------------------------------------------


def iter_raw_lines(stream: BinaryIO, path: str, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> Iterator[RawLine]:
    """Yield the lines of ``stream`` without their ``\\n``. A read that fails part-way is
    noted (:func:`take_problems`) after the lines before it."""
    number = 0
    pending = b""
    skipping = False  # inside the tail of an over-long line
    failures: list[Problem] = []
    while True:
        block = _read(stream, path, BLOCK_SIZE, failures)
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
    _note_end(stream, path, number, failures)


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
    counting = bool(getattr(stream, "counts_lines", False))  # for the message of a corrupt compressed stream
    failures: list[Problem] = []
    while True:
        block = _read(stream, path, block_size, failures)
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
        lines_so_far += 1
        yield pending, 0, len(pending)
    _note_end(stream, path, lines_so_far if counting else None, failures)


def _read(stream: Any, path: str, size: int, failures: list[Problem]) -> bytes:
    try:
        return stream.read(size)  # type: ignore[no-any-return]
    except OSError as error:
        failures.append(Problem("read error", os_error_cause(path, error)))
        return b""


def _note_end(stream: Any, path: str, lines: int | None, failures: list[Problem]) -> None:
    """Note why ``stream`` ended early, if it did: after the lines it gave."""
    problem: Problem | None = getattr(stream, "problem", None) or (failures[0] if failures else None)
    if problem is None:
        return
    where = f" after line {lines}" if lines is not None else ""
    detail = f" ({problem.detail})" if problem.detail else ""
    _note_problem(path, f"{problem.what}{where}{detail}")


@contextmanager
def _opened(path: str) -> Iterator[Any]:
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
    held = held_file(path)
    if held is not None:
        stream = _Normalized(held.stream(start, length, last))
        yield from iter_blocks(stream, path, max_line_bytes)
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as error:
        raise InputError(describe_os_error(path, error)) from None
    with handle:
        try:
            handle.seek(start)
        except OSError as error:
            raise InputError(describe_os_error(path, error)) from None
        yield from iter_blocks(_Normalized(SizeSnapshot(handle, length, finish_line=last)), path, max_line_bytes)  # type: ignore[arg-type]


def read_lines(path: str, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> Iterator[RawLine]:
    with _opened(path) as stream:
        yield from iter_raw_lines(stream, path, max_line_bytes)
