"""Unrecognised signals: WARN/ERROR lines of no known family, grouped into templates; the one
that precedes every stall ranks first; `stuckscan signals` lists them; memory stays bounded."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import tslog_line

from stuckscan.analysis import analyze_paths
from stuckscan.cli import cli
from stuckscan.events import Event
from stuckscan.parallel import analyze_paths_fast
from stuckscan.signals import WILDCARD, TemplateMiner, mask_variables

START = datetime(2026, 6, 2, 8, 0, tzinfo=timezone.utc)
NEW_ERROR = "upstream stream reset by peer: provider=dashscope conn={conn} inflight={n} after {ms}ms"
STALLS = (60, 150, 250, 330)  # minutes after START


def _at(minutes: float) -> str:
    return (START + timedelta(minutes=minutes)).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def signal_log(path: Path) -> Path:
    """Six hours of a gateway: routine unrecognised warnings every five minutes, another
    error now and then, and before each of four stalls a new error no family knows."""
    lines: list[tuple[float, str]] = []
    for minute in range(0, 360, 5):
        lines.append((minute + 0.3, tslog_line(_at(minute + 0.3), "gateway/channels/telegram",
                                               f"polling slow: batch={minute % 7} took {900 + minute}ms", "WARN")))
        lines.append((minute + 1.1, tslog_line(_at(minute + 1.1), "diagnostic",
                                               f"lane enqueue: lane=main queueSize={minute % 3}", "DEBUG")))
    for minute in (20, 200, 290):
        lines.append((minute, tslog_line(_at(minute), "plugins", f"plugin memory-core reload failed code={minute}", "ERROR")))
    for number, stall in enumerate(STALLS, 1):
        key = f"agent:main:telegram:direct:70123456{number:02d}"
        lines.append((stall - 4, tslog_line(_at(stall - 4), "agent/embedded",
                                            NEW_ERROR.format(conn=1000 + number, n=number, ms=30000 + number), "ERROR")))
        for tick in range(6):
            age = 130 + 30 * tick
            at = stall + (130 + 30 * tick) / 60
            lines.append((at, tslog_line(_at(at), "diagnostic", (
                f"stalled session: sessionId=s{number}-0000-4000-8000-000000000000 sessionKey={key} state=processing "
                f"age={age}s queueDepth=1 reason=active_work_without_progress classification=stalled_agent_run "
                f"activeWorkKind=model_call lastProgress=model_call:started lastProgressAge={age}s recovery=none"), "WARN")))
    lines.sort(key=lambda item: item[0])
    path.write_text("".join(line + "\n" for _, line in lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return signal_log(tmp_path_factory.mktemp("signals") / "openclaw-2026-06-02.log")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_the_error_before_every_stall_ranks_first(log: Path) -> None:
    result = run("scan", str(log), "--format", "json", "--fail-on", "never", "--quiet")
    report = json.loads(result.output)
    assert len(report["incidents"]) == len(STALLS)
    first = report["signals"]["preceding"][0]
    assert first["template"].startswith("upstream stream reset by peer: provider=dashscope conn=<*>")
    assert (first["beforeIncidents"], first["inWindows"], first["count"]) == (4, 4, 4)
    assert first["lift"] > 3
    assert first["example"].startswith(f"{log}:")
    polling = [s for s in report["signals"]["preceding"] if s["template"].startswith("polling slow")]
    assert polling and polling[0]["lift"] < first["lift"]


def test_scan_text_and_report_show_the_section(log: Path) -> None:
    text = run("scan", str(log), "--fail-on", "never").output
    heading = text.index("Unrecognised signals within 10 minutes before an incident's start")
    assert "upstream stream reset by peer" in text[heading:].splitlines()[1]
    markdown = run("report", str(log)).output
    assert "Unrecognised signals within 10 minutes" in markdown and "`upstream stream reset by peer" in markdown


def test_signals_command_lists_every_template(log: Path) -> None:
    document = json.loads(run("signals", str(log), "--format", "json", "--quiet").output)
    templates = {signal["template"].split(":")[0]: signal for signal in document["signals"]}
    assert {"polling slow", "upstream stream reset by peer", "plugin memory-core reload failed code=<*>"} <= set(templates)
    assert templates["polling slow"]["count"] == 72
    assert templates["upstream stream reset by peer"]["firstTime"] == "2026-06-02T08:56:00.000Z"
    assert document["precedingIncidents"][0]["template"].startswith("upstream stream reset")
    text = run("signals", str(log), "--quiet").output
    assert "upstream stream reset by peer" in text and "e.g." in text


def test_the_fast_path_mines_the_same_templates(log: Path) -> None:
    slow, fast = analyze_paths([str(log)]), analyze_paths_fast([str(log)])
    assert slow.signals == fast.signals
    assert slow.signals is not None and slow.signals.lines == 72 + 3 + 4


def _event(number: int, message: str) -> Event:
    return Event("x.log", number, START + timedelta(seconds=number), "error", "gateway", "generic", message, "jsonl")


def test_the_template_cap_evicts_and_counts() -> None:
    miner = TemplateMiner(max_templates=10)
    for number in range(200):  # 200 shapes with nothing in common (letters only: nothing is masked)
        word = "".join(chr(97 + number // 26 ** place % 26) for place in range(3))
        miner.add(_event(number, f"{word} broke {word}x while {word}y ran"))
    assert len(miner.clusters) == 10 and miner.evicted == 190
    assert sum(len(node.children) for node in miner.root.children.values()) <= 10 + 1  # pruned with their templates


def test_variable_parts_are_masked() -> None:
    masked = mask_variables("conn 10.0.0.7:443 id=0829a221-a12c-49cb-9a64-42c2fc1a89ea took 35ms x=0xdeadbeef n=12")
    assert masked == f"conn {WILDCARD} id={WILDCARD} took {WILDCARD} x={WILDCARD} n={WILDCARD}"
    miner = TemplateMiner()
    first = miner.add(_event(1, "provider call failed after retries: openai"))
    second = miner.add(_event(2, "provider call failed after retries: anthropic"))
    assert first is second and first.template == f"provider call failed after retries: {WILDCARD}"
    # the first two words route a line (Drain): a variable there makes a template of its own
    assert miner.add(_event(3, "openai: provider call failed")) is not miner.add(_event(4, "anthropic: provider call failed"))
