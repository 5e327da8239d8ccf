from __future__ import annotations

import json
import signal
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tools.samplegen.build import Build
from tools.samplegen.records import Event, dumps, to_record

if TYPE_CHECKING:
    from click.testing import Result

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_logs"


_TEST_BUILD = Build(version="2026.5.18", node="22.22.0", dist="/usr/lib/node_modules/openclaw/dist")


def tslog_line(time: str, subsystem: str | None, message: str | dict, level: str = "INFO",
               meta: dict | None = None) -> str:
    """A gateway JSONL record as tslog writes it (format reference 1.3), built by the sample
    generator's record writer. ``time`` is the record's printed ``time`` (``Z`` or an offset);
    ``_meta.date`` is the same instant in UTC."""
    at = datetime.fromisoformat(time.replace("Z", "+00:00"))
    build = replace(_TEST_BUILD, time_utc=time.endswith("Z"))
    text = message if isinstance(message, str) else json.dumps(message)
    event = Event(at=at, level=level.lower(), subsystem=subsystem, text=text, meta=meta)
    return dumps(to_record(event, build, at.tzinfo))  # type: ignore[arg-type]


# (clock, subsystem, level, message): one gateway line, to be written in either form
GatewayLine = tuple[str, str, str, str]

# How a run ends after a model call's retry, shared by the retry tests (idle timeout, same-profile timeout): it ended
# aborted, or it ran out its own time budget
RUN_ENDED_ABORTED: list[GatewayLine] = [
    ("10:02:31.010", "agent/embedded", "DEBUG", "embedded run done: runId=r1 sessionId=s1 durationMs=151010 aborted=true")]
RUN_OUT_OF_ITS_BUDGET: list[GatewayLine] = [
    ("10:10:00.000", "agent/embedded", "WARN", "embedded run timeout: runId=r1 sessionId=s1 timeoutMs=600000"),
    ("10:10:00.010", "agent/embedded", "DEBUG", "embedded run done: runId=r1 sessionId=s1 durationMs=600010 aborted=true")]


def write_both_forms(tmp_path: Path, lines: list[GatewayLine]) -> list[Path]:
    """The same lines as console lines (``gateway.log``) and as JSONL records (``openclaw-2026-05-01.log``), the day
    2026-05-01: a reading must not depend on the form the gateway wrote."""
    console = tmp_path / "gateway.log"
    console.write_text("".join(f"2026-05-01T{t}Z {level.lower()} [{sub}] {msg}\n" for t, sub, level, msg in lines))
    jsonl = tmp_path / "openclaw-2026-05-01.log"
    jsonl.write_text("".join(tslog_line(f"2026-05-01T{t}Z", sub, msg, level) + "\n" for t, sub, level, msg in lines))
    return [console, jsonl]


def headlines_both_forms(tmp_path: Path, lines: list[GatewayLine]) -> list[list[str | None]]:
    """Per form (console lines, then JSONL records), the incidents' primaries."""
    from stuckscan.analysis import analyze_paths

    return [[i.primary.rule.id if i.primary else None for i in analyze_paths([str(p)]).incidents]
            for p in write_both_forms(tmp_path, lines)]


def scan_paste(tmp_path: Path, lines: Iterable[str], *args: str) -> Result:
    """``stuckscan scan <args> paste.log`` of ``lines`` written one a line (a user's paste), through the CLI."""
    from click.testing import CliRunner

    from stuckscan.cli import cli

    paste = tmp_path / "paste.log"
    paste.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return CliRunner().invoke(cli, ["scan", *args, str(paste)], catch_exceptions=False)


@pytest.fixture
def samples() -> Path:
    return SAMPLES


def default_signal_actions() -> None:
    """For a child a signal test stops: the default action for the signals it sends. A suite run under `nohup` or as
    a shell's background job starts with SIGHUP or SIGINT ignored, which a child inherits, and Python then installs
    no handler of its own (``preexec_fn`` of :class:`subprocess.Popen`)."""
    for name in ("SIGINT", "SIGHUP", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)

