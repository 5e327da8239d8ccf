"""Inputs an outside adversarial campaign found misread or silently skipped (issue: harden).

Each case runs the real command line in this process (``stuckscan.cli.main``) unless it
needs a process of its own (those are in tests/test_cli_matrix.py). Every case either
gives the analysis the plain file gives, or names the file and the reason in a warning
and in ``inputs.skippedFiles``; exit 2 only when nothing at all could be read.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import json
import lzma
import os
import sys
from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

import stuckscan.inputs as inputs
from stuckscan._time import TimeContext, parse_tz
from stuckscan.cli import main
from stuckscan.inputs import hold_inputs, read_lines

UTC = timezone.utc
KEY = "agent:main:telegram:direct:7012345678"
SID = "0829a221-a12c-49cb-9a64-42c2fc1a89ea"


def stall_text(day: str = "2026-05-21", minutes: int = 5) -> str:
    """A stall (warnings 30 s apart) and some ordinary lines: a small log with one incident."""
    lines = [f"{day}T10:39:00.000Z [gateway] agent model: aliyun-tokenplan/qwen3.6-plus"]
    for n in range(minutes):
        lines.append(f"{day}T10:4{n}:29.539Z [diagnostic] stalled session: sessionId={SID} sessionKey={KEY} "
                     f"state=processing age={443 + 30 * n}s queueDepth=1 reason=active_work_without_progress "
                     f"classification=stalled_agent_run activeWorkKind=embedded_run lastProgress=model_call:ended "
                     f"lastProgressAge={350 + 30 * n}s recovery=checking")
    return "\n".join(lines) + "\n"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command line here; its exit code, stdout and stderr."""
    capsys.readouterr()
    code = 0
    try:
        main(list(args))
    except SystemExit as exit_info:
        code = int(exit_info.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def scan_json(capsys: pytest.CaptureFixture[str], *paths: str | Path, extra: tuple[str, ...] = ()) -> tuple[int, dict[str, Any], str]:
    code, out, err = cli(capsys, "scan", "-q", "--format", "json", *extra, *map(str, paths))
    assert "Traceback" not in err and "internal error" not in err, err
    assert code in (0, 1), err
    return code, json.loads(out), err


# -- encodings and line ends --------------------------------------------------------------------

ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),  # PowerShell `>`
    "utf-16-le": lambda text: text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-be": lambda text: text.encode("utf-16-be"),
    "utf-32-bom": lambda text: text.encode("utf-32"),
    "utf-32-le": lambda text: text.encode("utf-32-le"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode(),
    "cr-only": lambda text: text.replace("\n", "\r").encode(),
    "crlf": lambda text: text.replace("\n", "\r\n").encode(),
    "bom-mid-file": lambda text: text[:200].encode() + codecs.BOM_UTF8 + text[200:].encode(),
    "utf-16-concatenated": lambda text: (codecs.BOM_UTF16_LE + text[:300].encode("utf-16-le")
                                         + codecs.BOM_UTF16_LE + text[300:].encode("utf-16-le")),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_encodings_and_line_ends_read_like_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str) -> None:
    text = stall_text()
    plain = tmp_path / "plain.log"
    plain.write_text(text, encoding="utf-8")
    odd = tmp_path / f"{encoding}.log"
    odd.write_bytes(ENCODINGS[encoding](text))
    _, expected, _ = scan_json(capsys, plain)
    code, report, _ = scan_json(capsys, odd)
    assert code == 1
    assert report["inputs"]["lines"] == expected["inputs"]["lines"] == text.count("\n")
    assert report["inputs"]["unparsed"] == 0
    assert [i["sessionKey"] for i in report["incidents"]] == [i["sessionKey"] for i in expected["incidents"]]
    assert report["incidents"][0]["measures"] == expected["incidents"][0]["measures"]
    raw = [line.data for line in read_lines(str(odd))]
    if encoding == "crlf":  # a \r before the \n is the parser's to drop, as ever
        raw = [data.removesuffix(b"\r") for data in raw]
    assert raw == [line.encode() for line in text.splitlines()]  # no BOM, no lone \r, nothing lost


def test_a_bom_cut_by_a_read_boundary_is_still_dropped(tmp_path: Path) -> None:
    text = stall_text().encode()
    for cut in (1, 2):  # the BOM split as EF|BB BF and EF BB|BF across two reads
        log = tmp_path / f"cut{cut}.log"
        log.write_bytes(text[:100] + codecs.BOM_UTF8 + text[100:])
        stream = inputs.open_binary(str(log))
        first = stream.read(100 + cut)
        rest = b"".join(iter(lambda: stream.read(1 << 16), b""))
        stream.close()
        assert first + rest == text


def test_binary_noise_with_nul_bytes_is_not_taken_for_utf16() -> None:
    assert inputs.detect_encoding(os.urandom(4096).replace(b"\x00", b"\x01")) is None
    assert inputs.detect_encoding(b"\x00\x00\x00 \xc3\x28 plain text with a few NULs \x00 " * 20) is None
    assert inputs.detect_encoding("2026-05-21T10:40:29Z x\n".encode("utf-16-le")) == "utf-16-le"


# -- compression ----------------------------------------------------------------------------------


def _zstd(data: bytes) -> bytes:
    zstd = pytest.importorskip("backports.zstd") if sys.version_info < (3, 14) else pytest.importorskip("compression.zstd")
    return zstd.compress(data)  # type: ignore[no-any-return]


def _lz4(data: bytes) -> bytes:
    frame = pytest.importorskip("lz4.frame")
    return frame.compress(data[:150]) + frame.compress(data[150:])  # two frames, read one after the other


COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    "gz": lambda data: gzip.compress(data[:150]) + gzip.compress(data[150:]),  # `cat a.gz b.gz`
    "bz2": bz2.compress,
    "xz": lzma.compress,
    "lzma": lambda data: lzma.compress(data, format=lzma.FORMAT_ALONE),
    "zst": _zstd,
    "lz4": _lz4,
}


@pytest.mark.parametrize("suffix", sorted(COMPRESSORS))
def test_compressed_rotations_in_a_directory_are_read(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    older = stall_text("2026-05-20").replace(KEY, KEY[:-1] + "9").replace(SID, SID[:-1] + "9")  # another session
    newer = stall_text("2026-05-21")
    (tmp_path / f"openclaw-2026-05-20.log.{suffix}").write_bytes(COMPRESSORS[suffix](older.encode()))
    (tmp_path / "openclaw-2026-05-21.log").write_text(newer, encoding="utf-8")
    code, report, err = scan_json(capsys, tmp_path)
    assert code == 1 and err == ""
    assert report["inputs"]["lines"] == older.count("\n") + newer.count("\n")
    assert len(report["incidents"]) == 2 and report["inputs"]["skippedFiles"] == []


@pytest.mark.parametrize("library", ["zstd", "lz4"])
def test_compressed_file_without_its_library_is_skipped_and_said(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch, library: str) -> None:
    magic = next(kind.magic for kind in inputs.COMPRESSIONS if kind.name == library)
    monkeypatch.setattr(inputs, "COMPRESSIONS", tuple(
        inputs.Compression(kind.name, kind.magic, lambda: None) if kind.name == library else kind for kind in inputs.COMPRESSIONS))
    archive = tmp_path / f"openclaw-2026-05-20.log.{'zst' if library == 'zstd' else 'lz4'}"
    archive.write_bytes(magic + b"\x00" * 64)
    (tmp_path / "openclaw-2026-05-21.log").write_text(stall_text(), encoding="utf-8")
    code, report, err = scan_json(capsys, tmp_path)
    assert code == 1 and report["incidents"]  # the rest is analysed
    reason = f"{library}-compressed, and {inputs.OPTIONAL_LIBRARY[library]} is not installed " \
             "(pip install 'stuckscan[compress]', or decompress it first)"
    assert report["inputs"]["skippedFiles"] == [{"file": str(archive), "reason": reason}]
    assert err == f"stuckscan: warning: {archive}: {reason}\n"
    code, out, err = cli(capsys, "scan", str(archive))  # the only input: nothing to analyse
    assert code == 2 and out == "" and err == f"stuckscan: error: cannot read {archive}: {reason}\n"


def test_gzip_with_trailing_junk_keeps_its_members(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = stall_text()
    log = tmp_path / "openclaw-2026-05-21.log.gz"
    log.write_bytes(gzip.compress(text[:200].encode()) + gzip.compress(text[200:].encode()) + b"\x00\x00not gzip at all")
    code, report, err = scan_json(capsys, log)
    assert code == 1 and report["inputs"]["lines"] == text.count("\n") and report["incidents"]
    reason = f"ignored trailing bytes that are not gzip data after line {text.count(chr(10))}"
    assert report["inputs"]["skippedFiles"] == [{"file": str(log), "reason": reason}]
    assert err == f"stuckscan: warning: {log}: {reason}\n"


def test_gzip_padded_with_nul_bytes_is_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "openclaw-2026-05-21.log.gz"
    log.write_bytes(gzip.compress(stall_text().encode()) + b"\x00" * 512)  # what some tape and copy tools leave
    code, report, err = scan_json(capsys, log)
    assert code == 1 and err == "" and report["inputs"]["skippedFiles"] == []


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux /proc")
def test_a_file_that_reports_size_zero_is_read(capsys: pytest.CaptureFixture[str]) -> None:
    assert os.stat("/proc/self/status").st_size == 0
    code, out, err = cli(capsys, "events", "/proc/self/status")
    assert code == 0 and len(out.splitlines()) > 5 and "Name:" in out


# -- JSON content ---------------------------------------------------------------------------------


def test_a_5000_digit_integer_does_not_make_the_record_unparsed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    digits = "7" * 5000
    log = tmp_path / "big-int.log"
    log.write_text('{"0":"agent model: x","count":' + digits + ',"time":"2026-05-21T10:38:00.000Z"}\n' + stall_text(),
                   encoding="utf-8")
    code, report, _ = scan_json(capsys, log)
    assert code == 1 and report["inputs"]["unparsed"] == 0
    _, out, _ = cli(capsys, "events", "--format", "jsonl", str(log))
    first = json.loads(out.splitlines()[0])
    assert first["shape"] == "jsonl" and first["kind"] != "unparsed" and first["time"] == "2026-05-21T10:38:00.000Z"


def _strict(text: str) -> Any:
    def refuse(name: str) -> Any:
        raise ValueError(f"non-RFC 8259 constant {name}")

    return json.loads(text, parse_constant=refuse)


def test_events_jsonl_never_writes_nan_or_infinity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "nan.log"
    log.write_text('{"0":"m","1":{"a":NaN,"b":Infinity,"c":-Infinity,"d":[1.5,NaN]},"time":"2026-05-21T10:00:01Z"}\n'
                   "2026-05-21T10:00:02Z [gateway] x=nan y=inf z=1e999 age=infs\n", encoding="utf-8")
    code, out, _ = cli(capsys, "events", "--format", "jsonl", str(log))
    assert code == 0
    records = [_strict(line) for line in out.splitlines()]
    assert {key: records[0]["fields"][key] for key in "abc"} == {"a": "NaN", "b": "Infinity", "c": "-Infinity"}
    assert "NaN" not in out.replace('"NaN"', "") and "Infinity" not in out.replace('"Infinity"', "").replace('"-Infinity"', "")


# -- files that change or fail while a run reads them ---------------------------------------------


def _rotation_dir(tmp_path: Path) -> tuple[Path, list[str]]:
    """The gateway's size rotation: openclaw-D.log plus .1 (newest) .. .3 archives, each holding a stall."""
    directory = tmp_path / "logs"
    directory.mkdir()
    texts = []
    for index, name in enumerate(["openclaw-2026-05-21.3.log", "openclaw-2026-05-21.2.log",
                                  "openclaw-2026-05-21.1.log", "openclaw-2026-05-21.log"]):
        text = stall_text().replace(KEY, f"{KEY[:-1]}{index}").replace(SID, SID[:-1] + str(index))
        (directory / name).write_text(text, encoding="utf-8")
        texts.append(text)
    return directory, texts


def _rotate(directory: Path) -> None:
    """What the gateway does at its size limit: each archive moves up one, the oldest is
    deleted, the active file becomes .1 and a new active file starts empty."""
    (directory / "openclaw-2026-05-21.3.log").unlink()
    for number in (2, 1):
        os.rename(directory / f"openclaw-2026-05-21.{number}.log", directory / f"openclaw-2026-05-21.{number + 1}.log")
    os.rename(directory / "openclaw-2026-05-21.log", directory / "openclaw-2026-05-21.1.log")
    (directory / "openclaw-2026-05-21.log").write_text("", encoding="utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rotation_during_the_scan_loses_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
    """The rotation happens once reading has begun (serial: as the first file is scanned;
    --jobs 2: as the first worker starts): every file is still read as it was when the
    run began, by this process or by the workers (files are held open from the start)."""
    import stuckscan.fastscan as fastscan
    import stuckscan.parallel as parallel

    directory, texts = _rotation_dir(tmp_path)
    rotated: list[bool] = []

    def rotate_once() -> None:
        if not rotated:
            rotated.append(True)
            _rotate(directory)

    if jobs == "1":
        scan = fastscan.FileScan.scan
        monkeypatch.setattr(fastscan.FileScan, "scan", lambda self, pieces: (rotate_once(), scan(self, pieces))[1])
    else:
        start = parallel._File.__init__
        monkeypatch.setattr(parallel._File, "__init__", lambda self, *args: (rotate_once(), start(self, *args))[1])
        monkeypatch.setattr(parallel, "_total_size", lambda paths: parallel.PARALLEL_MIN_BYTES)  # workers for small files
    code, report, err = scan_json(capsys, directory, extra=("--jobs", jobs))
    assert rotated and code == 1 and err == ""
    assert report["inputs"]["lines"] == sum(text.count("\n") for text in texts)
    assert len(report["incidents"]) == 4  # one stall per file: none lost, none read twice


def test_a_file_deleted_before_it_is_opened_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import stuckscan.commands._inputs as command_inputs

    directory, texts = _rotation_dir(tmp_path)
    gone = directory / "openclaw-2026-05-21.2.log"
    choose = command_inputs.apply_window

    def choose_then_delete(*args: Any) -> Any:
        ruled_out = choose(*args)
        gone.unlink()  # between listing the directory and opening its files
        return ruled_out

    monkeypatch.setattr(command_inputs, "apply_window", choose_then_delete)
    code, report, err = scan_json(capsys, directory)
    assert code == 1 and len(report["incidents"]) == 3
    reason = "it vanished before it could be read (deleted or renamed during the run)"
    assert report["inputs"]["skippedFiles"] == [{"file": str(gone), "reason": reason}]
    assert err == f"stuckscan: warning: {gone}: {reason}\n"


def test_unreadable_members_of_a_directory_are_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A rotated archive without read permission (simulated: the tests may run as root),
    a broken link and a link loop named like logs: each is named, the rest is analysed."""
    directory, _ = _rotation_dir(tmp_path)
    locked = directory / "openclaw-2026-05-21.3.log"
    (directory / "openclaw-2026-05-19.log").symlink_to(directory / "gone.log")
    (directory / "openclaw-2026-05-18.log").symlink_to("openclaw-2026-05-18.log")
    real_open = os.open

    def refuse_locked(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(inputs.os, "open", refuse_locked)
    code, report, err = scan_json(capsys, directory)
    assert code == 1 and len(report["incidents"]) == 3
    skipped = {item["file"]: item["reason"] for item in report["inputs"]["skippedFiles"]}
    assert skipped == {
        str(directory / "openclaw-2026-05-18.log"): "symbolic link loop (too many levels of symbolic links)",
        str(directory / "openclaw-2026-05-19.log"): f"broken symbolic link (it points to {directory / 'gone.log'}, which does not exist)",
        str(locked): "Permission denied",
    }
    assert sorted(err.splitlines()) == sorted(f"stuckscan: warning: {name}: {reason}" for name, reason in skipped.items())


def test_nothing_readable_at_all_is_one_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = tmp_path / "logs"
    directory.mkdir()
    (directory / "openclaw-2026-05-19.log").symlink_to(directory / "gone.log")
    (directory / "openclaw-2026-05-20.log.gz").write_bytes(b"\x1f\x8b")
    code, out, err = cli(capsys, "scan", str(directory))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("stuckscan: error: none of the 2 log files could be read; ")


@pytest.mark.parametrize(("make", "cause"), [
    (lambda p: p.symlink_to(p.parent / "nowhere.log"), "broken symbolic link"),
    (lambda p: p.symlink_to(p.name), "symbolic link loop"),
])
def test_path_errors_name_the_real_cause(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         make: Callable[[Path], Any], cause: str) -> None:
    path = tmp_path / "openclaw-2026-05-21.log"
    make(path)
    for command in ("scan", "events", "report"):
        code, out, err = cli(capsys, command, str(path))
        assert code == 2 and out == "", command
        assert err.startswith(f"stuckscan: error: cannot read {path}: {cause}") and err.count("\n") == 1, err
    file = tmp_path / "plain.log"
    file.write_text("x\n")
    code, _, err = cli(capsys, "scan", str(file / "child.log"))
    assert code == 2 and err == f"stuckscan: error: cannot read {file / 'child.log'}: a part of the path is not a directory\n"


def test_hold_inputs_reads_a_renamed_and_deleted_file_whole(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_text(stall_text(), encoding="utf-8")
    with hold_inputs([str(log)]) as held:
        assert held.readable == [str(log)] and held.skipped == []
        moved = tmp_path / "moved.log"
        os.rename(log, moved)
        moved.unlink()
        assert [line.data.decode() for line in read_lines(str(log))] == stall_text().splitlines()


# -- time-only lines across a DST fall-back -------------------------------------------------------


@pytest.mark.parametrize(("zone", "day", "utc_hour"), [("America/New_York", date(2026, 11, 1), 5),
                                                       ("Europe/Berlin", date(2026, 10, 25), 0)])
def test_a_repeated_hour_moves_on(zone: str, day: date, utc_hour: int) -> None:
    clock = TimeContext(base_date=day, zone=parse_tz(zone))
    local_hour = 1 if zone == "America/New_York" else 2
    walls = [f"0{local_hour}:{m:02d}:00" for m in (10, 40, 59)] + [f"0{local_hour}:{m:02d}:00" for m in (5, 4, 35, 59)] \
        + [f"0{local_hour + 1}:10:00"]
    times = [clock.parse_time_only(text) for text in walls]
    start = datetime(day.year, day.month, day.day, utc_hour, tzinfo=UTC)
    minutes = [int(((t or start) - start).total_seconds() // 60) for t in times]
    assert minutes == [10, 40, 59, 65, 64, 95, 119, 130]  # second pass an hour on; one line 1 min out of order


def test_a_stall_across_the_fall_back_has_no_phantom_hour(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = []
    for n, wall in enumerate(["01:50:00", "01:55:00", "01:00:00", "01:05:00", "01:10:00"]):
        lines.append(f"{wall} [diagnostic] stalled session: sessionId={SID} sessionKey={KEY} state=processing "
                     f"age={300 + 300 * n}s queueDepth=1 reason=active_work_without_progress "
                     "classification=stalled_agent_run activeWorkKind=embedded_run")
    log = tmp_path / "console.log"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, report, _ = scan_json(capsys, log, extra=("--tz", "America/New_York", "--date", "2026-11-01"))
    (incident,) = report["incidents"]
    assert incident["firstWarning"] == "2026-11-01T05:50:00.000Z"
    assert incident["lastWarning"] == "2026-11-01T06:10:00.000Z"  # 20 minutes on, not 40 minutes back


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="these file systems refuse names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_in_every_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Python holds the undecodable bytes as lone surrogates; each output shows them as \\xNN."""
    directory = tmp_path / os.fsdecode(b"logs-\xff")
    directory.mkdir()
    log = directory / os.fsdecode(b"openclaw-2026-05-21.log")
    log.write_text(stall_text(), encoding="utf-8")
    odd = directory / os.fsdecode(b"openclaw-2026-05-20.1.log")  # named like a log, unreadable
    odd.symlink_to(os.fsdecode(b"gone-\xfe"))
    shown = f"{tmp_path}/logs-\\xff/openclaw-2026-05-21.log"
    for fmt in ("text", "json", "sarif", "junit", "github", "markdown"):
        code, out, err = cli(capsys, "scan", "-v", "--format", fmt, str(directory))
        assert code == 1 and "Traceback" not in err and "internal error" not in err, (fmt, err)
        assert "\\udc" not in out + err and "logs-\\xff" in err  # the warning and the notes name it readably
    for command in ("timeline", "report", "events"):
        code, out, err = cli(capsys, command, str(log))
        assert code == 0 and "internal error" not in err, (command, err)
    code, out, err = cli(capsys, "scan", "--format", "json", "-q", str(log))
    assert json.loads(out)["inputs"]["files"] == [shown]
    code, _, err = cli(capsys, "scan", str(directory / os.fsdecode(b"gone-\xfd.log")))
    assert code == 2 and err.endswith("gone-\\xfd.log\n") and "\\udc" not in err
