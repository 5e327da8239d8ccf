"""Writing a report: to stdout, or atomically to ``-o FILE``, never over an input.

A run that reads logs records what it read (:func:`protect_inputs`); a report target
that is one of those files (same device and inode, whatever links lead to it) or that
lies in a log directory being read is refused before anything is read and again when the
report is written, so no option combination can replace the evidence with the report.

A file is written to a temporary file in its directory and renamed over the target, so
a failure half-way leaves the previous file as it was. A target that exists and is not a
regular file (``/dev/stdout``, a FIFO, ``/dev/full``) is written in place.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import field
from typing import Any, TextIO

import click

from stuckscan._dataclass import dataclass
from stuckscan._safe import terminal_safe
from stuckscan.commands._options import EXIT_ERROR, silence_stdout, tolerant_stdout
from stuckscan.inputs import STDIN_NAME, printable_path

STDOUT_NAME = "-"


class OutputProblem(click.ClickException):
    """The report cannot (or must not) be written: one line, exit code 2."""

    exit_code = EXIT_ERROR

    def show(self, file: object = None) -> None:
        click.echo(f"stuckscan: error: {terminal_safe(self.message)}", err=True)


@dataclass(slots=True)
class ProtectedInputs:
    """The identities of the files being read and the real paths of the directories read."""

    files: set[tuple[int, int]] = field(default_factory=set)
    directories: set[str] = field(default_factory=set)


_protected = ProtectedInputs()


def protect_inputs(files: Iterable[str], directories: Iterable[str] = ()) -> None:
    """Remember this run's inputs (replacing any earlier run's in this process);
    :func:`write_report` refuses to write over them."""
    forget_inputs()
    for path in files:
        identity = _identity(path)
        if identity is not None:
            _protected.files.add(identity)
    for directory in directories:
        _protected.directories.add(os.path.realpath(directory))


def forget_inputs() -> None:
    _protected.files.clear()
    _protected.directories.clear()


def refuse_input_target(output: str | None) -> None:
    """Raise :class:`OutputProblem` when ``output`` names an input or lies in a log directory read."""
    if output is None or output == STDOUT_NAME:
        return
    real = os.path.realpath(output)
    identity = _identity(output)
    if identity is not None and identity in _protected.files:
        raise OutputProblem(f"refusing to write the report to {printable_path(output)}: it is one of the logs being read")
    if os.path.dirname(real) in _protected.directories:
        raise OutputProblem(f"refusing to write the report to {printable_path(output)}: it is inside "
                            f"{printable_path(os.path.dirname(real))}, a log directory being read (write it elsewhere)")


def output_option_value() -> str | None:
    """The ``-o`` value of the command being run, if it has that option."""
    context = click.get_current_context(silent=True)
    value = context.params.get("output") if context is not None else None
    return value if isinstance(value, str) else None


def write_report(text: str | Iterable[str], output: str | None) -> None:
    """Write ``text`` (one trailing newline ensured) to stdout (``None`` or ``-``) or to ``output``.
    ``text`` may come in pieces (a long JSON document is written as it is made)."""
    if isinstance(text, str):
        text = [text + "\n"] if text and not text.endswith("\n") else [text]
    if output is None or output == STDOUT_NAME:
        _write_stdout(text)
        return
    refuse_input_target(output)
    try:
        _write_file(text, output)
    except OSError as error:
        raise OutputProblem(f"cannot write {printable_path(output)}: {_reason(error)}") from None


def _write_stdout(text: Iterable[str]) -> None:
    stream = tolerant_stdout()
    try:
        for piece in text:
            stream.write(piece)
        stream.flush()
    except BrokenPipeError:
        # The reader stopped early (`stuckscan scan | head -1`): the exit code still
        # says what was found, as if the whole report had been read.
        silence_stdout()
    except OSError as error:  # /dev/full, a closed descriptor
        silence_stdout()
        raise OutputProblem(f"cannot write the report to stdout: {_reason(error)}") from None


def _write_file(text: Iterable[str], output: str) -> None:
    target = os.path.realpath(output)
    info = _stat(target)
    if info is not None and not stat.S_ISREG(info.st_mode):
        with open(target, "w", encoding="utf-8", errors="replace") as handle:  # a device or FIFO: no rename
            handle.writelines(text)
        return
    directory = os.path.dirname(target) or "."
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=".stuckscan-", suffix=".tmp", dir=directory)
    except PermissionError:
        if info is None or not os.access(target, os.W_OK):
            raise
        with open(target, "w", encoding="utf-8", errors="replace") as handle:  # a writable file in a locked directory
            handle.writelines(text)
        return
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", errors="replace") as handle:
            handle.writelines(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode) if info is not None else _default_mode())
        os.replace(temporary, target)
    except BaseException:
        _remove(temporary)
        raise


def _default_mode() -> int:
    mask = os.umask(0)  # the only way to read the umask; restored at once
    os.umask(mask)
    return 0o666 & ~mask


def _identity(path: str) -> tuple[int, int] | None:
    if path == STDIN_NAME:
        return None
    info = _stat(path)
    return (info.st_dev, info.st_ino) if info is not None and info.st_ino else None


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _reason(error: OSError) -> str:
    if error.errno == errno.EBADF:
        return "it is closed"
    return error.strerror or str(error)


class ClosedStream:
    """Stands in for a standard stream the process was started without (``>&-``):
    writing to it fails like writing to a closed descriptor."""

    encoding = "utf-8"

    def write(self, _text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def ensure_standard_streams() -> None:
    """A process started with stderr closed (``2>&-``) still writes its report: stderr
    goes nowhere. One started with stdout closed says it cannot write the report."""
    if sys.stderr is None:
        sys.stderr = _devnull()
    if sys.stdout is None:
        sys.stdout = ClosedStream()  # type: ignore[assignment]


def _devnull() -> TextIO | Any:
    try:
        return open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    except OSError:
        return ClosedStream()
