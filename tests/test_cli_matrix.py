"""Broken, odd and hostile inputs through the real command line (issue #7).

Every case runs ``python -m stuckscan`` in a subprocess (pipes, FIFOs and closed
descriptors need a real process) and checks the exit code and what reaches stderr:
a usage or input problem is one line starting ``stuckscan: error:`` with exit code 2,
never a traceback; odd content is read, counted and reported, never dropped silently.
The inputs and the behaviour each one gets are listed in docs/reliability.md.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from stuckscan.cli import main
from tests.conftest import default_signal_actions

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_logs" / "openclaw-2026-05-21.log"
SAMPLE_KEY = "agent:main:telegram:direct:7012345678"
POSIX = os.name == "posix"
FORMATS = ("text", "json", "sarif", "junit", "github", "markdown")


def run(*args: str, stdin: Any = subprocess.DEVNULL, input_bytes: bytes | None = None, timeout: float = 120,
        preexec_fn: Any = None, cwd: Path | None = None, encoding: str = "utf-8") -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OPENCLAW_", "GITHUB_"))}
    env.update(NO_COLOR="1", COLUMNS="120", PYTHONIOENCODING=encoding)
    result = subprocess.run(
        [sys.executable, "-m", "stuckscan", *args], stdin=None if input_bytes is not None else stdin,
        input=input_bytes, capture_output=True, timeout=timeout, env=env, preexec_fn=preexec_fn, cwd=cwd or ROOT)
    return subprocess.CompletedProcess(result.args, result.returncode,
                                       result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace"))


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Exception ignored" not in result.stderr, result.stderr


def assert_input_error(result: subprocess.CompletedProcess[str], *needles: str, streamed: bool = False) -> None:
    """Exit 2 and exactly one line on stderr naming the problem (and, unless the command
    streams its output, nothing on stdout)."""
    assert_no_traceback(result)
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("stuckscan: error: "), lines[0]
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    if not streamed:
        assert result.stdout == ""


def scan_json(path: Path | str, *extra: str) -> tuple[int, dict[str, Any]]:
    result = run("scan", "-q", "--format", "json", *extra, str(path))
    assert_no_traceback(result)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def stall_lines(key: str = SAMPLE_KEY, sid: str = "0829a221-a12c-49cb-9a64-42c2fc1a89ea") -> list[bytes]:
    """The reference stall's console lines (five warnings 30 s apart, ages 443..563 s)."""
    return [f"2026-05-21T10:4{n}:29.539Z [diagnostic] stalled session: sessionId={sid} sessionKey={key} "
            f"state=processing age={443 + 30 * n}s queueDepth=1 reason=active_work_without_progress "
            f"classification=stalled_agent_run activeWorkKind=embedded_run lastProgress=model_call:ended "
            f"lastProgressAge={350 + 30 * n}s recovery=checking".encode() for n in range(5)]


# -- content: read, counted, reported ------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.log"
    empty.write_bytes(b"")
    assert_input_error(run("scan", str(empty)), str(empty), "is empty", "--allow-empty")
    code, report = scan_json(empty, "--allow-empty")
    assert code == 0
    assert report["inputs"]["lines"] == 0 and report["incidents"] == []
    assert report["summary"]["explanations"] == [f"{empty} is empty"]
    text = run("scan", "--allow-empty", str(empty))
    assert text.returncode == 0 and "Read 0 lines" in text.stdout and "is empty" in text.stdout


def test_binary_garbage_is_read_not_fatal(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.log"
    garbage.write_bytes(random.Random(7).randbytes(300_000))
    assert_input_error(run("scan", str(garbage)), "no OpenClaw log lines recognised in", str(garbage))
    code, report = scan_json(garbage, "--allow-empty")
    assert code == 0 and report["incidents"] == []
    inputs = report["inputs"]
    assert inputs["lines"] == inputs["events"] + inputs["blank"]  # every line became an event or was blank
    for fmt in FORMATS:
        result = run("scan", "--allow-empty", "--format", fmt, str(garbage))
        assert_no_traceback(result)
        assert result.returncode == 0
        assert "\x1b" not in result.stdout and "\x00" not in result.stdout


def test_nul_bytes_and_invalid_utf8_do_not_hide_a_stall(tmp_path: Path) -> None:
    lines = stall_lines()
    lines[1] = lines[1].replace(b"state=processing", b"state=proc\x00essing\xff\xfe")
    lines.insert(2, b"\x00\x00\x00\xc3\x28\xa0\xa1 not text")
    lines.insert(0, b'{"0":"caf\xe9 \x00","time":"2026-05-21T10:40:00.000Z"}')
    log = tmp_path / "odd-bytes.log"
    log.write_bytes(b"\n".join(lines) + b"\n")
    code, report = scan_json(log)
    assert code == 1
    assert [i["sessionKey"] for i in report["incidents"]] == ["agent:main:telegram:direct:<peer-1>"]
    assert report["inputs"]["lines"] == 7
    assert report["inputs"]["unparsed"] == 1  # the JSON line with a raw NUL is broken JSON: counted
    assert report["inputs"]["unparsedExamples"] == [f"{log}:1"]


def test_fifty_megabyte_line_is_cut_counted_and_the_next_line_still_read(tmp_path: Path) -> None:
    log = tmp_path / "huge-line.log"
    with log.open("wb") as handle:
        handle.write(b'{"0":"' + b"A" * (50 << 20) + b'","time":"2026-05-21T10:40:00.000Z"}\n')
        handle.write(b"\n".join(stall_lines()) + b"\n")
    started = time.monotonic()
    code, report = scan_json(log)
    assert time.monotonic() - started < 60
    assert code == 1 and len(report["incidents"]) == 1
    assert report["inputs"]["truncated"] == 1
    assert report["inputs"]["unparsed"] == 1  # the first 1 MiB of a JSON record is not JSON
    assert report["inputs"]["lines"] == 6


def test_truncated_final_line_is_counted_not_dropped(tmp_path: Path) -> None:
    data = SAMPLE.read_bytes()
    cut = data.rindex(b"\n", 0, len(data) - 1) + 60  # 60 bytes into the last record
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_bytes(data[:cut])
    code, report = scan_json(log)
    assert code == 1 and report["incidents"]
    lines = data[:cut].count(b"\n") + 1
    assert report["inputs"]["lines"] == lines
    assert report["inputs"]["unparsed"] == 1
    assert report["inputs"]["unparsedExamples"] == [f"{log}:{lines}"]


@pytest.mark.parametrize("damage", ["corrupt", "magic-only"])
def test_gzip_damaged_before_any_line_is_a_one_line_error(tmp_path: Path, damage: str) -> None:
    packed = gzip.compress(SAMPLE.read_bytes())
    if damage == "corrupt":
        packed = packed[:200] + bytes(b ^ 0x5A for b in packed[200:260]) + packed[260:]
    else:
        packed = packed[:2]
    log = tmp_path / "openclaw-2026-05-21.log.gz"
    log.write_bytes(packed)
    assert_input_error(run("scan", str(log)), str(log), "gzip data after line 0")
    assert_input_error(run("events", str(log)), str(log), "gzip data after line 0", streamed=True)


def test_truncated_gzip_is_read_up_to_the_cut_and_warned_about(tmp_path: Path) -> None:
    """The lines before the damage are evidence: they are analysed, and the file is named
    in a warning and in inputs.skippedFiles (not an exit 2 that reports nothing)."""
    data = SAMPLE.read_bytes()
    packed = gzip.compress(data)
    log = tmp_path / "openclaw-2026-05-21.log.gz"
    log.write_bytes(packed[: len(packed) * 3 // 4])
    result = run("scan", "-q", "--format", "json", str(log))
    assert_no_traceback(result)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    lines = report["inputs"]["lines"]
    assert 0 < lines < data.count(b"\n") and report["incidents"]
    warning = f"stuckscan: warning: {log}: truncated gzip data after line {lines}"
    assert result.stderr.splitlines() == [warning]
    assert report["inputs"]["skippedFiles"] == [{"file": str(log), "reason": f"truncated gzip data after line {lines}"}]
    events = run("events", str(log))
    assert events.returncode == 0 and len(events.stdout.splitlines()) == lines
    assert warning in events.stderr


def test_intact_gzip_reads_like_the_plain_file(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log.gz"
    log.write_bytes(gzip.compress(SAMPLE.read_bytes()))
    _, packed = scan_json(log)
    _, plain = scan_json(SAMPLE)
    def summary(report: dict[str, Any]) -> list[tuple[Any, ...]]:
        return [(i["sessionKey"], i["status"], i["start"], i["end"], (i["rootCause"] or {}).get("rule")) for i in report["incidents"]]

    assert summary(packed) == summary(plain) and summary(plain)
    assert packed["inputs"]["lines"] == plain["inputs"]["lines"]


def test_json_lines_of_the_wrong_shape(tmp_path: Path) -> None:
    odd = [
        '[1, 2, 3]',                                                        # valid JSON, not an object: unparsed
        '{"0": "unterminated',                                              # broken JSON: unparsed
        '"just a string"', '42', 'null', 'true',                            # scalars: kept as text events
        '{"1": 42, "_meta": {"date": "2026-05-21T10:40:01.000Z"}}',         # a number where text belongs
        '{"0": "x", "time": null}',                                         # no time
        '{"0": "x", "_meta": "a string", "time": "2026-05-21T10:40:02.000Z"}',
        '{"0": {"subsystem": 7}, "1": [], "2": {"a": null}, "_meta": {"name": 5, "logLevelName": 3, "date": []}}',
        '{"type": "log", "message": 5, "time": {}}', '{"type": "raw", "raw": 5}', '{"type": "meta", "x": [1, 2]}',
        '{"message": {"a": 1}, "level": 5, "subsystem": [1]}', '{"99999999999999999999": "x", "-1": 2}',
        '{' * 50_000, '[' * 50_000 + ']' * 50_000,                          # nesting deeper than the JSON parser goes
    ]
    log = tmp_path / "shapes.jsonl"
    log.write_text("\n".join([*odd, *(line.decode() for line in stall_lines())]) + "\n", encoding="utf-8")
    code, report = scan_json(log)
    assert code == 1 and len(report["incidents"]) == 1
    inputs = report["inputs"]
    assert inputs["lines"] == len(odd) + 5
    assert inputs["events"] == inputs["lines"]  # nothing dropped: every line is an event
    assert inputs["unparsed"] == 3  # [1, 2, 3], the unterminated record and the unclosed braces
    assert inputs["untimed"] >= 10


def test_timestamps_backwards_repeated_and_jumping(tmp_path: Path) -> None:
    forward = stall_lines()
    cases = {
        "backwards": list(reversed(forward)),
        "repeated": [line for line in forward for _ in range(3)],
        "day-jump": [*forward[:3], forward[3].replace(b"2026-05-21T", b"2026-05-24T"), forward[4]],
        "year-jump": [forward[0].replace(b"2026-05-21T", b"2031-05-21T"), *forward[1:]],
    }
    for name, lines in cases.items():
        log = tmp_path / f"{name}.log"
        log.write_bytes(b"\n".join(lines) + b"\n")
        code, report = scan_json(log)
        keys = {incident["sessionKey"] for incident in report["incidents"]}
        assert keys == {"agent:main:telegram:direct:<peer-1>"}, name
        if name in ("backwards", "repeated"):
            assert len(report["incidents"]) == 1, name
            assert report["incidents"][0]["measures"]["warnings"] == len(lines), name


def test_impossible_dates_are_kept_without_a_time(tmp_path: Path) -> None:
    lines = [
        b"2026-02-30T10:00:00.000Z [diagnostic] stalled session: sessionKey=agent:main:x:direct:1234567 age=200s",
        b"25:61:00 [gateway] impossible clock",
        b"2026-05-21T25:61:00Z [gateway] impossible hour",
        b'{"0": "x", "time": "2026-13-01T00:00:00Z"}',
        b'{"0": "x", "time": "0000-01-01T00:00:00Z"}',
        b"2026-05-21T10:00:00.000Z [gateway] a good line",
    ]
    log = tmp_path / "dates.log"
    log.write_bytes(b"\n".join(lines) + b"\n")
    code, report = scan_json(log)
    assert report["inputs"]["lines"] == 6 and report["inputs"]["events"] == 6
    assert report["inputs"]["untimed"] == 5
    assert report["inputs"]["timeRange"] == {"start": "2026-05-21T10:00:00.000Z", "end": "2026-05-21T10:00:00.000Z"}


def test_unparsed_lines_reach_every_format(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_bytes(SAMPLE.read_bytes() + b'{"0": "broken\n[1, 2]\n{"also": broken}\n')
    seen: dict[str, str] = {}
    for fmt in FORMATS:
        result = run("scan", "--format", fmt, str(log))
        assert result.returncode == 1, (fmt, result.stderr)
        seen[fmt] = result.stdout
    assert json.loads(seen["json"])["inputs"]["unparsed"] == 3
    assert json.loads(seen["sarif"])["runs"][0]["properties"]["unparsed"] == 3
    assert '<property name="unparsed" value="3"' in seen["junit"]
    assert "3 unparsed line(s)" in seen["github"]
    assert "3 unparsed" in seen["text"] and f"{log}:2801" in seen["text"]
    assert "**3 unparsed**" in seen["markdown"]
    report = run("report", str(log))
    assert "**3 unparsed**" in report.stdout


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_output_to_a_stream_that_cannot_encode_everything(encoding: str) -> None:
    """A legacy console (or PYTHONIOENCODING=ascii): characters it cannot show become `?`,
    the report is still written and the exit code is the usual one."""
    hostile = ROOT / "sample_logs" / "hostile" / "hostile.log"
    for args, code in ((("scan", str(SAMPLE)), 1), (("report", str(hostile)), 0), (("timeline", str(hostile)), 0),
                       (("events", str(hostile)), 0)):
        result = run(*args, encoding=encoding)
        assert_no_traceback(result)
        assert result.returncode == code, (args, result.stderr)
        assert result.stdout.strip()


# -- paths: one line, exit 2 ---------------------------------------------------------------------


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "nope.log"
    assert_input_error(run("scan", str(missing)), "no such file or directory", str(missing))
    assert_input_error(run("timeline", str(missing)), str(missing))
    assert_input_error(run("report", str(missing)), str(missing))
    assert_input_error(run("events", str(missing)), str(missing))
    assert_input_error(run("scan", str(tmp_path / "*.nomatch")), "no files match")


def test_directory_without_logs(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a log\n")
    assert_input_error(run("scan", str(tmp_path)), "no OpenClaw log files found", str(tmp_path))
    assert_input_error(run("scan", "--log-dir", str(tmp_path / "absent")), "does not exist")


def test_directory_where_a_file_is_required(tmp_path: Path) -> None:
    assert_input_error(run("events", str(tmp_path)), "is a directory")


@pytest.mark.skipif(not POSIX or os.geteuid() == 0, reason="root reads files without read permission")
def test_file_without_read_permission(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    shutil.copy(SAMPLE, log)
    log.chmod(0)
    try:
        assert_input_error(run("scan", str(log)), "cannot read", str(log), "Permission denied")
        assert_input_error(run("events", str(log)), "Permission denied")
    finally:
        log.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_bad_options_are_usage_errors() -> None:
    for args in (["scan", "--since", "the day after never", str(SAMPLE)], ["scan", "--tz", "Mars/Olympus", str(SAMPLE)],
                 ["scan", "--format", "pdf", str(SAMPLE)], ["scan", "--max-open-incidents", "0", str(SAMPLE)],
                 ["scan", "--rule", "RC99", str(SAMPLE)], ["nonsense"]):
        result = run(*args)
        assert_no_traceback(result)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.strip(), args


def test_output_file_that_cannot_be_written(tmp_path: Path) -> None:
    result = run("scan", "-o", str(tmp_path / "missing-dir" / "report.txt"), str(SAMPLE))
    assert_no_traceback(result)
    assert result.returncode == 2
    assert result.stderr.startswith("stuckscan: error: cannot write"), result.stderr


# -- processes: FIFOs, stdin, closed pipes -----------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_read_to_its_end(tmp_path: Path) -> None:
    fifo = tmp_path / "gateway.fifo"
    os.mkfifo(fifo)
    env = {**os.environ, "NO_COLOR": "1"}
    process = subprocess.Popen([sys.executable, "-m", "stuckscan", "scan", "-q", "--format", "json", str(fifo)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    with fifo.open("wb") as writer:  # blocks until the scan opens its end
        data = SAMPLE.read_bytes()
        for start in range(0, len(data), 100_000):
            writer.write(data[start:start + 100_000])
    out, err = process.communicate(timeout=60)
    assert b"Traceback" not in err
    assert process.returncode == 1
    report = json.loads(out)
    assert report["inputs"]["lines"] == SAMPLE.read_bytes().count(b"\n")
    assert report["incidents"]


def test_stdin_dash(tmp_path: Path) -> None:
    result = run("scan", "-q", "--format", "json", "-", input_bytes=SAMPLE.read_bytes())
    assert result.returncode == 1
    assert json.loads(result.stdout)["inputs"]["files"] == ["<stdin>"]


def test_stdin_closed_early_mid_line() -> None:
    """The writer dies mid-record: what arrived is analysed, the torn record is counted."""
    data = SAMPLE.read_bytes()
    cut = data.index(b"\n", len(data) // 2) + 50
    result = run("scan", "-q", "--format", "json", "-", input_bytes=data[:cut])
    assert_no_traceback(result)
    report = json.loads(result.stdout)
    assert report["inputs"]["lines"] == data[:cut].count(b"\n") + 1
    assert report["inputs"]["unparsed"] == 1


@pytest.mark.skipif(not POSIX, reason="closing a descriptor before exec is POSIX")
def test_stdin_that_is_not_open_at_all() -> None:
    result = run("scan", "-", stdin=None, preexec_fn=lambda: os.close(0))
    assert_input_error(result, "stdin", "closed")
    result = run("events", "-", stdin=None, preexec_fn=lambda: os.close(0))
    assert_input_error(result, "stdin", "closed")


@pytest.mark.parametrize(("args", "code"), [
    (("scan", str(SAMPLE)), 1),                      # the findings code, as if the whole report had been read
    (("scan", "--format", "json", str(SAMPLE)), 1),
    (("scan", "--fail-on", "never", str(SAMPLE)), 0),
    (("timeline", str(SAMPLE)), 0),
    (("report", str(SAMPLE)), 0),
    (("events", str(SAMPLE)), 0),
    (("events", "--format", "jsonl", str(SAMPLE)), 0),
])
def test_closed_output_pipe_exits_quietly(args: tuple[str, ...], code: int) -> None:
    """The reader is gone before anything is written: no traceback, no noise, the usual code."""
    process = subprocess.Popen([sys.executable, "-m", "stuckscan", *args], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read()
    process.wait(timeout=60)
    assert err == b"", err.decode()
    assert process.returncode == code


@pytest.mark.skipif(shutil.which("sh") is None or shutil.which("head") is None, reason="needs sh and head")
@pytest.mark.parametrize(("command", "code"), [("scan", 1), ("events", 0)])
def test_head_of_a_pipeline(tmp_path: Path, command: str, code: int) -> None:
    """`stuckscan scan FILE | head -1` as a shell runs it: the reader leaves mid-stream;
    stuckscan's own status (read from the shell) is the usual one, and stderr stays empty."""
    big = tmp_path / "openclaw-2026-05-21.log"
    big.write_bytes(SAMPLE.read_bytes() * 3)
    status, errors = tmp_path / "status", tmp_path / "stderr"
    script = f'("{sys.executable}" -m stuckscan {command} "{big}" 2>"{errors}"; echo $? >"{status}") | head -1'
    result = subprocess.run(["sh", "-c", script], capture_output=True, timeout=120)
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1
    assert errors.read_text() == ""
    assert status.read_text().strip() == str(code)


# -- a file that grows while it is scanned --------------------------------------------------------


def _opened_by(pid: int, path: Path) -> bool:
    try:
        return any(os.readlink(f"/proc/{pid}/fd/{fd}") == str(path) for fd in os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return False


def test_scan_of_a_growing_file_ends(tmp_path: Path) -> None:
    """A writer appends far faster than a scan can parse; the scan reads the file as it was
    when opened (plus the line being written then) and ends."""
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_bytes(SAMPLE.read_bytes())
    process = subprocess.Popen([sys.executable, "-m", "stuckscan", "scan", "-q", "--format", "json", str(log)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if Path("/proc").is_dir():
        deadline = time.monotonic() + 30
        while not _opened_by(process.pid, log) and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.002)
    stop = threading.Event()
    written = [0]

    def writer() -> None:
        chunk = b"x\n" * 25_000  # cheap to write, slow to parse: a line per two bytes
        with log.open("ab") as handle:
            while not stop.is_set() and written[0] < 400 << 20:
                handle.write(chunk)
                handle.flush()
                written[0] += len(chunk)
                time.sleep(0.005)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        out, err = process.communicate(timeout=90)
    finally:
        stop.set()
        thread.join()
        if process.poll() is None:
            process.kill()
    assert b"Traceback" not in err
    assert process.returncode == 1
    assert written[0] > 0
    report = json.loads(out)
    assert report["incidents"]
    if Path("/proc").is_dir():  # the writer only started once the file was open
        assert report["inputs"]["lines"] == SAMPLE.read_bytes().count(b"\n")


# -- the last line of defence -----------------------------------------------------------------------


def test_unexpected_error_is_one_line_naming_the_line(monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    import stuckscan.correlator as correlator

    original = correlator.Correlator.feed

    def feed(self: Any, event: Any) -> Any:
        if event.line == 1761:
            raise OverflowError("date value out of range")
        return original(self, event)

    monkeypatch.setattr(correlator.Correlator, "feed", feed)
    with pytest.raises(SystemExit) as exit_info:
        main(["scan", "-q", str(SAMPLE)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"stuckscan: internal error near {SAMPLE}:1761: OverflowError: date value out of range")
    assert "--debug" in err
    with pytest.raises(OverflowError):
        main(["--debug", "scan", "-q", str(SAMPLE)])


def test_unexpected_error_in_events(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import stuckscan.commands.events as events_command

    def explode(event: Any) -> str:
        raise ValueError("boom \x1b[31m")

    monkeypatch.setattr(events_command, "format_event_text", explode)
    with pytest.raises(SystemExit) as exit_info:
        main(["events", str(SAMPLE)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err == f"stuckscan: internal error near {SAMPLE}:1: ValueError: boom  (run with --debug for the traceback)\n"


def test_interrupt_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import stuckscan.correlator as correlator

    def feed(self: Any, event: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(correlator.Correlator, "feed", feed)
    with pytest.raises(SystemExit) as exit_info:
        main(["scan", "-q", str(SAMPLE)])
    assert exit_info.value.code == 130
    assert capsys.readouterr().err.strip() == "stuckscan: interrupted"


@pytest.mark.skipif(not POSIX, reason="SIGINT delivery to a child is POSIX")
def test_sigint_during_a_scan_of_stdin() -> None:
    process = subprocess.Popen([sys.executable, "-m", "stuckscan", "scan", "-"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=default_signal_actions)
    assert process.stdin is not None
    # A write far larger than a pipe buffer returns only once the scan is reading: it is
    # running Python by then, so SIGINT is a KeyboardInterrupt and not the default action.
    process.stdin.write(SAMPLE.read_bytes()[:1_000_000])
    process.stdin.flush()
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert b"Traceback" not in err
    assert process.returncode == 130
    assert err.decode().strip() == "stuckscan: interrupted"


def test_rules_with_a_closed_output_pipe_exits_0() -> None:
    process = subprocess.Popen([sys.executable, "-m", "stuckscan", "rules"], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read()
    process.wait(timeout=60)
    assert err == b""
    assert process.returncode == 0


def test_timeline_reports_unparsed_lines(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_bytes(SAMPLE.read_bytes() + b'{"0": "broken\n')
    result = run("timeline", str(log))
    assert "1 unparsed" in result.stdout


# -- output that cannot be written, stderr that is not there ----------------------------------------


@pytest.mark.skipif(not POSIX, reason="closing a descriptor before exec is POSIX")
def test_stdout_closed_or_full_is_cannot_write() -> None:
    closed = run("scan", str(SAMPLE), preexec_fn=lambda: os.close(1))
    assert_input_error(closed, "cannot write the report to stdout")
    if Path("/dev/full").exists():
        with open("/dev/full", "w") as full:
            result = subprocess.run([sys.executable, "-m", "stuckscan", "scan", str(SAMPLE)], stdout=full,
                                    stderr=subprocess.PIPE, timeout=120)
        assert result.returncode == 2
        assert result.stderr.decode() == "stuckscan: error: cannot write the report to stdout: No space left on device\n"


@pytest.mark.skipif(not POSIX, reason="closing a descriptor before exec is POSIX")
def test_stderr_closed_still_writes_the_report(tmp_path: Path) -> None:
    to_file = run("scan", "-o", str(tmp_path / "r.txt"), str(SAMPLE), preexec_fn=lambda: os.close(2))
    assert to_file.returncode == 1 and "INC-001" in (tmp_path / "r.txt").read_text()
    to_stdout = run("scan", str(SAMPLE), preexec_fn=lambda: os.close(2))
    assert to_stdout.returncode == 1 and "INC-001" in to_stdout.stdout


def test_unwritable_step_summary_is_cannot_write(tmp_path: Path) -> None:
    summary = tmp_path / "missing-dir" / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "stuckscan", "scan", "--format", "github", str(SAMPLE)],
                            capture_output=True, timeout=120, env=env)
    assert result.returncode == 2
    assert result.stderr.decode() == f"stuckscan: error: cannot write the GitHub step summary {summary}: No such file or directory\n"


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="these file systems refuse names that are not UTF-8")
def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """The name reaches a real (strict UTF-8) stdout as \\xNN; every format and command is
    checked in-process in test_hardening_inputs.py."""
    log = tmp_path / os.fsdecode(b"openclaw-2026-05-21-\xff\xfe.log")
    shutil.copy(SAMPLE, log)
    result = run("scan", "--format", "json", str(log))
    assert_no_traceback(result)
    assert result.returncode == 1
    assert json.loads(result.stdout)["inputs"]["files"] == [f"{tmp_path}/openclaw-2026-05-21-\\xff\\xfe.log"]


# -- signals: a parallel scan stops cleanly and leaves no worker behind --------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _gone(pids: list[int], within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        alive = [pid for pid in pids if Path(f"/proc/{pid}").exists() and b") Z" not in Path(f"/proc/{pid}/stat").read_bytes()]
        if not alive:
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def two_large_logs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Two files of 17 MB (together past the size at which --jobs starts workers)."""
    directory = tmp_path_factory.mktemp("large")
    paths = []
    for day in ("20", "21"):
        path = directory / f"openclaw-2026-05-{day}.log"
        path.write_bytes(SAMPLE.read_bytes() * 7)
        paths.append(str(path))
    return paths


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to find the workers")
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (getattr(signal, "SIGHUP", signal.SIGTERM), 129)])
def test_a_signal_stops_a_parallel_scan_with_no_orphans(two_large_logs: list[str], signum: int, code: int) -> None:
    process = subprocess.Popen([sys.executable, "-m", "stuckscan", "scan", "-q", "--jobs", "2", *two_large_logs],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=default_signal_actions)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        time.sleep(0.02)
    assert len(workers) >= 2, "the scan did not start its workers"
    process.send_signal(signum)
    out, err = process.communicate(timeout=60)
    assert process.returncode == code, err
    assert err.decode() == f"stuckscan: stopped by {signal.Signals(signum).name}\n"
    assert _gone(workers, 10), "workers outlived the scan"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to find the workers")
def test_workers_exit_when_the_scan_is_killed(two_large_logs: list[str]) -> None:
    """SIGKILL cannot be caught: the workers notice their parent is gone and exit."""
    process = subprocess.Popen([sys.executable, "-m", "stuckscan", "scan", "-q", "--jobs", "2", *two_large_logs],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        time.sleep(0.02)
    assert len(workers) >= 2
    process.kill()
    process.wait(timeout=30)
    assert _gone(workers, 15), "workers were orphaned"


# -- watch --exec: a slow command holds nothing up ---------------------------------------------------


@pytest.mark.skipif(not POSIX, reason="a shell command and signals")
def test_watch_exec_with_a_hanging_command_prints_every_change(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    shutil.copy(SAMPLE, log)
    process = subprocess.Popen([sys.executable, "-m", "stuckscan", "watch", "--from-start", "--poll", "0.1",
                                "--exec", "sleep 600", "--exec-timeout", "600", str(log)],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    started = time.monotonic()
    lines = [process.stdout.readline() for _ in range(4)]  # the sample makes four changes
    assert time.monotonic() - started < 30 and all(lines)
    time.sleep(0.5)  # the last change is handed to --exec just after it is printed
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 143
    summary = err.decode().strip().splitlines()[-1]
    assert summary.endswith("--exec ran 1 time(s): 0 timed out, 0 failed, 3 change(s) dropped"), summary
