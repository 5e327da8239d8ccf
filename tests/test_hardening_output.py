"""The report never replaces the evidence: ``-o`` against every input form, atomic writes,
``-o -``, and option values that must be refused, not overflow (run in this process)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stuckscan.commands._write as write
from stuckscan.cli import main

ROOT = Path(__file__).resolve().parent.parent
STALL = "\n".join(
    f"2026-05-21T10:4{n}:29.539Z [diagnostic] stalled session: sessionId=0829a221-a12c-49cb-9a64-42c2fc1a89ea "
    f"sessionKey=agent:main:telegram:direct:7012345678 state=processing age={443 + 30 * n}s queueDepth=1 "
    "reason=active_work_without_progress classification=stalled_agent_run" for n in range(5)) + "\n"
COMMANDS = [("scan", "--format", fmt) for fmt in ("text", "json", "sarif", "junit", "github", "markdown")] \
    + [("report",), ("timeline",)]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = 0
    try:
        main(list(args))
    except SystemExit as exit_info:
        code = int(exit_info.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _snapshot(paths: list[Path]) -> dict[Path, tuple[bytes, int]]:
    return {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in paths}


def _input_forms(tmp_path: Path) -> tuple[list[Path], list[tuple[str, list[str], str, dict[str, str]]]]:
    """The logs, and each way of naming one of them as input while -o names it (or its
    directory): (label, input arguments, -o target, environment)."""
    logs = tmp_path / "logs"
    logs.mkdir()
    active = logs / "openclaw-2026-05-21.log"
    archive = logs / "openclaw-2026-05-21.1.log"
    active.write_text(STALL, encoding="utf-8")
    archive.write_text(STALL, encoding="utf-8")
    link = tmp_path / "link.log"
    link.symlink_to(active)
    hard = tmp_path / "hard.log"
    os.link(archive, hard)
    dotted = f"{logs}/../logs/./openclaw-2026-05-21.log"
    forms = [
        ("the file itself", [str(active)], str(active), {}),
        ("a symlink as input", [str(link)], str(active), {}),
        ("a symlink as target", [str(active)], str(link), {}),
        ("a hard link", [str(archive)], str(hard), {}),
        ("dot-dot path", [dotted], str(active), {}),
        ("one of several inputs", [str(tmp_path / "link.log"), str(archive)], str(archive), {}),
        ("a log found in a directory argument", [str(logs)], str(archive), {}),
        ("a new file in a directory argument", [str(logs)], str(logs / "report.txt"), {}),
        ("a log found through --log-dir", ["--log-dir", str(logs)], str(active), {}),
        ("a log found through $OPENCLAW_LOG_DIR", [], str(archive), {"OPENCLAW_LOG_DIR": str(logs)}),
        ("a glob", [str(logs / "openclaw-*.log")], str(active), {}),
    ]
    return [active, archive, hard], forms


def test_no_command_writes_its_report_over_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    logs, forms = _input_forms(tmp_path)
    before = _snapshot(logs)
    for label, arguments, target, env in forms:
        for command in COMMANDS:
            with monkeypatch.context() as patch:
                for name, value in env.items():
                    patch.setenv(name, value)
                code, out, err = cli(capsys, *command, "-q", "-o", target, *arguments)
            assert code == 2 and out == "", (label, command, err)
            assert err.startswith("stuckscan: error: refusing to write the report to ") and err.count("\n") == 1, (label, err)
            assert _snapshot(logs) == before, (label, command)
    assert not (tmp_path / "logs" / "report.txt").exists()
    assert sorted(p.name for p in (tmp_path / "logs").iterdir()) == ["openclaw-2026-05-21.1.log", "openclaw-2026-05-21.log"]


def test_a_report_elsewhere_is_written_atomically(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_text(STALL, encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    report = out_dir / "report.json"
    report.write_text("previous report\n")
    report.chmod(0o640)
    code, out, err = cli(capsys, "scan", "-q", "--format", "json", "-o", str(report), str(log))
    assert code == 1 and out == "" and err == ""
    assert json.loads(report.read_text())["incidents"]
    assert (report.stat().st_mode & 0o777) == 0o640  # the file's mode is kept
    assert [p.name for p in out_dir.iterdir()] == ["report.json"]  # no temporary file left
    code, out, _ = cli(capsys, "scan", "-q", "--format", "json", "-o", "-", str(log))
    assert code == 1 and json.loads(out)["incidents"]


def test_a_failed_write_leaves_the_previous_report(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_text(STALL, encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    report = out_dir / "report.md"
    report.write_text("previous report\n")

    def full_disk(*_args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "replace", full_disk)
    code, out, err = cli(capsys, "report", "-q", "-o", str(report), str(log))
    assert code == 2 and err == f"stuckscan: error: cannot write {report}: No space left on device\n"
    assert report.read_text() == "previous report\n"
    assert [p.name for p in out_dir.iterdir()] == ["report.md"]


# -- option values: a usage error, never an OverflowError ------------------------------------------

REFUSED = [
    ("--since", "99999999d"), ("--since", "0001-01-01T00:00:00+01:00"), ("--until", "9999-12-31T23:59:59-14:00"),
    ("--since", "999999999999999999999999h"), ("--since", "9" * 5000 + "s"), ("--date", "0001-01-01"),
    ("--date", "9999-12-31"), ("--jobs", "0"), ("--jobs", "99999999999999999999"), ("--max-open-incidents", "-1"),
    ("--max-open-incidents", "1" * 40), ("--tz", "+99:00"),
]


@pytest.mark.parametrize(("option", "value"), REFUSED)
def test_out_of_range_options_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_text(STALL, encoding="utf-8")
    code, out, err = cli(capsys, "scan", option, value, str(log))
    assert code == 2 and out == "", err
    assert err.startswith("stuckscan: error: ") and err.count("\n") == 1, err  # one line, one style
    assert option in err and "Traceback" not in err and "internal error" not in err


@pytest.mark.parametrize("value", ["0", "-1", "nan", "NaN", "inf", "-inf", "1e400", "3601", "", "x"])
def test_watch_refuses_a_poll_that_would_spin_or_overflow(capsys: pytest.CaptureFixture[str], value: str) -> None:
    code, _, err = cli(capsys, "watch", "--poll", value, str(ROOT / "sample_logs" / "openclaw-2026-05-21.log"))
    assert code == 2 and err.startswith("stuckscan: error: invalid value for '--poll'"), err


OPTION_VALUES = st.one_of(
    st.text(max_size=40),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.builds(lambda n, unit: f"{n}{unit}", st.integers(min_value=0, max_value=10 ** 30), st.sampled_from("wdhms")),
    st.builds(lambda y, m, d, tail: f"{y:04d}-{m:02d}-{d:02d}{tail}", st.integers(0, 9999), st.integers(0, 13),
              st.integers(0, 32), st.sampled_from(["", "T00:00:00", "T23:59:59+14:00", "T00:00:00-14:00", "T12:00"])),
)
SCAN_OPTIONS = ["--since", "--until", "--date", "--tz", "--jobs", "--max-open-incidents", "--fail-on", "--min-severity"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(option=st.sampled_from(SCAN_OPTIONS + ["--poll", "--exec-timeout"]), value=OPTION_VALUES)
def test_any_option_value_is_a_result_or_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       option: str, value: str) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    if not log.exists():
        log.write_text(STALL, encoding="utf-8")
    if option in ("--poll", "--exec-timeout"):  # a valid value starts watching: give it a path that cannot be followed
        code, _, err = cli(capsys, "watch", "-q", option, value, str(tmp_path / "missing.log"))
    else:
        code, _, err = cli(capsys, "scan", "-q", "--format", "json", option, value, str(log))
    assert code in (0, 1, 2), err
    assert "Traceback" not in err and "internal error" not in err, (option, value, err)


def test_output_option_value_reads_the_running_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert write.output_option_value() is None  # outside a command


@pytest.mark.parametrize("make_target", [lambda d: d / "missing-dir" / "r.txt",
                                         lambda d: Path("/dev/full") if Path("/dev/full").exists() else d / "x" / "y"])
def test_an_unwritable_target_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          make_target: Callable[[Path], Path]) -> None:
    log = tmp_path / "logs" / "openclaw-2026-05-21.log"
    log.parent.mkdir()
    log.write_text(STALL, encoding="utf-8")
    target = make_target(tmp_path)
    code, out, err = cli(capsys, "scan", "-q", "-o", str(target), str(log))
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err
