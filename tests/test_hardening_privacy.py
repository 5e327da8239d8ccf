"""No planted secret or personal identifier leaves stuckscan through any command (issue #7).

``tests/test_format_hostile.py`` checks every formatter on the hostile analysis in-process.
This checks what the *commands* print with default settings, through the real CLI:
``scan --format text|json|sarif|junit|github|markdown`` (stdout, ``-o FILE`` and the
GitHub step summary), ``report``, ``timeline``, ``events`` (text and jsonl, every line of
the log), and ``watch`` (jsonl and text) fed
``sample_logs/hostile/hostile.log`` from the start: in-process through ``run_watch`` with
a stop event, and as a real process stopped with SIGINT.
"""

from __future__ import annotations

import html
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from stuckscan.commands.watch import IncidentPrinter, run_watch
from stuckscan.follow import Follower
from stuckscan.parser import ParseOptions
from tests.conftest import default_signal_actions

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "sample_logs" / "hostile" / "hostile.log"
PLANTED = [entry["value"] for entry in
           json.loads((ROOT / "sample_logs" / "hostile" / "planted.json").read_text(encoding="utf-8"))["planted"]]
SCAN_FORMATS = ("text", "json", "sarif", "junit", "github", "markdown")
MARKDOWN = MarkdownIt("commonmark").enable("table")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def readable(kind: str, output: str) -> str:
    """What a reader of ``output`` gets once the format's own escaping is undone."""
    seen = [output]
    if kind in ("json", "sarif"):
        seen.extend(_strings(json.loads(output)))
    elif kind == "jsonl":
        for line in output.splitlines():
            seen.extend(_strings(json.loads(line)))
    elif kind == "junit":
        root = ET.fromstring(output.encode("utf-8"))
        seen.extend(root.itertext())
        seen.extend(value for element in root.iter() for value in element.attrib.values())
    elif kind == "github":
        seen.append(re.sub(r"%([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16)), output))
    elif kind == "markdown":
        rendered = re.sub(r"<[^>]+>", " ", MARKDOWN.render(output))
        seen.append(html.unescape(rendered))
    joined = "\n".join(seen)
    return joined + "\n" + joined.replace("\u200b", "").replace("\u2060", "")


def leaked(kind: str, output: str) -> list[str]:
    text = readable(kind, output)
    return [value for value in PLANTED if value in text]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {key: value for key, value in os.environ.items() if not key.startswith(("OPENCLAW_", "GITHUB_"))}
    base.update(NO_COLOR="1", COLUMNS="200", PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, "-m", "stuckscan", *args], capture_output=True, timeout=120,
                            env={**base, **(env or {})}, stdin=subprocess.DEVNULL)
    out = subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8"),
                                      result.stderr.decode("utf-8"))
    assert "Traceback" not in out.stderr, out.stderr
    assert out.returncode in (0, 1), (args, out.stderr)
    return out


def test_planted_values_are_in_the_hostile_log() -> None:
    """So that finding none of them in an output means something."""
    text = HOSTILE.read_text(encoding="utf-8")
    for value in PLANTED:
        assert json.dumps(value)[1:-1] in text, value
    unredacted = run("scan", "--no-redact", "--format", "json", str(HOSTILE)).stdout
    found = [value for value in PLANTED if value in readable("json", unredacted)]
    assert len(found) >= len(PLANTED) // 2, found


@pytest.mark.parametrize("fmt", SCAN_FORMATS)
def test_scan_stdout(fmt: str) -> None:
    assert leaked(fmt, run("scan", "--format", fmt, str(HOSTILE)).stdout) == []


def test_scan_to_a_file_and_the_step_summary(tmp_path: Path) -> None:
    for fmt in SCAN_FORMATS:
        target = tmp_path / f"report.{fmt}"
        summary = tmp_path / "summary.md"
        result = run("scan", "--format", fmt, "-o", str(target), str(HOSTILE),
                     env={"GITHUB_STEP_SUMMARY": str(summary)})
        assert result.stdout == ""
        assert leaked(fmt, target.read_text(encoding="utf-8")) == [], fmt
        if fmt == "github":
            assert leaked("markdown", summary.read_text(encoding="utf-8")) == []
    assert (tmp_path / "summary.md").exists()


def test_report_and_timeline() -> None:
    assert leaked("markdown", run("report", str(HOSTILE)).stdout) == []
    assert leaked("text", run("timeline", str(HOSTILE)).stdout) == []
    assert leaked("text", run("timeline", "--color", str(HOSTILE)).stdout) == []


def test_scan_of_stdin() -> None:
    base = {key: value for key, value in os.environ.items() if not key.startswith(("OPENCLAW_", "GITHUB_"))}
    result = subprocess.run([sys.executable, "-m", "stuckscan", "scan", "--format", "json", "-"],
                            input=HOSTILE.read_bytes(), capture_output=True, timeout=120, env=base)
    assert result.returncode in (0, 1)
    assert leaked("json", result.stdout.decode("utf-8")) == []


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_events(fmt: str) -> None:
    """Every line of the log, each planted value included, as typed events: redacted."""
    assert leaked(fmt, run("events", "--format", fmt, str(HOSTILE)).stdout) == []
    unredacted = run("events", "--no-redact", "--format", fmt, str(HOSTILE)).stdout
    assert leaked(fmt, unredacted) == PLANTED  # so the line above means something


def test_events_salted_and_filtered() -> None:
    output = run("events", "--format", "jsonl", "--redact-salt", "hostile-salt", "--kind", "agent.*",
                 "--kind", "session.*", str(HOSTILE)).stdout
    assert output and leaked("jsonl", output) == []


@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_watch_in_process(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    """run_watch over the hostile file from its start, stopped once it sits idle at the end."""
    stop = threading.Event()
    idle = [0]

    def sleep(_seconds: float) -> None:
        idle[0] += 1
        if idle[0] >= 3:
            stop.set()

    follower = Follower(str(HOSTILE), 0.01, from_start=True, stop=stop)
    printer = IncidentPrinter(fmt, None, redact=True)
    run_watch(follower, ParseOptions(), printer, sleep=sleep)
    out = capsys.readouterr().out
    assert printer.counts["opened"] >= 1, out
    assert leaked(fmt, out) == []


@pytest.mark.skipif(os.name != "posix", reason="SIGINT to a child process")
def test_watch_process_stopped_with_sigint() -> None:
    base = {key: value for key, value in os.environ.items() if not key.startswith(("OPENCLAW_", "GITHUB_"))}
    process = subprocess.Popen([sys.executable, "-m", "stuckscan", "watch", "--format", "jsonl", "--from-start",
                                "--poll", "0.05", str(HOSTILE)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=base, preexec_fn=default_signal_actions)
    assert process.stdout is not None
    lines: list[bytes] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, b"")), daemon=True)
    reader.start()
    deadline = time.monotonic() + 30
    while not lines and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    if not lines:  # a SIGINT now could land before the child runs Python (and be lost): say so instead
        process.kill()
        _, err = process.communicate(timeout=30)
        pytest.fail(f"watch printed nothing within 30 s (exit {process.returncode}): {err!r}")
    time.sleep(1.0)  # let it finish the file and sit idle (not required: see tests/test_watch_signals.py)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    reader.join(timeout=10)
    assert process.returncode == 0, err
    assert b"Traceback" not in err
    out = b"".join(lines).decode("utf-8")
    assert out, err
    assert leaked("jsonl", out) == []
