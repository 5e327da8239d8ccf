"""The scan fast path stays fast on the lines real gateways write, with the same result.

Each test here pins a case where the fast path once did far more work than it needed to
(decoded lines it should have skipped, decoded the same ``_meta`` template again and
again) while still giving the right answer, so only a count of the work can catch it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from stuckscan import fastscan
from stuckscan.analysis import analyze_events, analyze_paths
from stuckscan.fastscan import iter_scan_events
from stuckscan.parser import LineParser, ParseOptions, ParseStats
from tests.conftest import tslog_line

UTC = timezone.utc
OPTIONS = ParseOptions(tz=UTC)
START = datetime(2026, 5, 21, 10, 0, tzinfo=UTC)
ESC = "\u001b"


def _at(seconds: float) -> str:
    return (START + timedelta(seconds=seconds)).isoformat(timespec="milliseconds")


def _write(tmp_path: Path, lines: list[str]) -> str:
    path = tmp_path / "openclaw-2026-05-21.log"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _scan(path: str) -> tuple[ParseStats, object]:
    stats = ParseStats()
    analysis = analyze_events(iter_scan_events([path], OPTIONS, stats), stats)
    return stats, analysis


def ws_res(mark: str, method: str, millis: int) -> str:
    """``⇄ res ✓ method 12ms conn=…`` with the colour codes the gateway writes to its file."""
    colour = 92 if mark == "✓" else 91
    return (f"{ESC}[93m⇄{ESC}[39m {ESC}[1mres{ESC}[22m {ESC}[{colour}m{mark}{ESC}[39m {ESC}[1m{method}{ESC}[22m "
            f"{ESC}[2m{millis}ms{ESC}[22m {ESC}[2mconn{ESC}[22m={ESC}[90mbb8a526e…792e{ESC}[39m")


def test_quick_ws_responses_are_skipped_without_decoding(tmp_path: Path) -> None:
    """``⇄ res`` lines under 10 s (either mark) are skipped; a slow one is still decoded."""
    lines = [tslog_line(_at(0), "gateway", "agent model: aliyun-tokenplan/qwen3.6-plus")]
    quick = 0
    for index in range(400):
        mark = "✓" if index % 3 else "✗"
        lines.append(tslog_line(_at(1 + index), "gateway/ws", ws_res(mark, "chat.history", 5 + index * 20)))
        quick += 5 + index * 20 < 10_000
    path = _write(tmp_path, lines)
    stats, analysis = _scan(path)
    # (the first two are decoded too: the scan skips nothing until a line the correlator counts beside a run timeout
    # has passed, FileScan.lone; the gateway's `agent model:` line names no run and is not counted (l51,
    # events.NAMES_NO_RUN_KINDS), so the first response is that line, and the parser hands its event on at the next)
    assert stats.skipped == quick - 2
    assert stats.kinds.get("ws.response", 0) == 400 - quick + 2
    assert analysis == analyze_paths([path], OPTIONS)


def _call_site(line: str, number: int) -> str:
    """The record with its ``_meta.path`` pointing at another line of another chunk file."""
    return line.replace("entry.js:2366", f"chunk-{number % 97}.js:{number}").replace(
        '"fileLine":"2366"', f'"fileLine":"{number}"')


def test_the_call_site_is_not_part_of_the_meta_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of call sites: every ``_meta`` template is still decoded once, not per line."""
    decoded: list[tuple[bytes, bytes]] = []
    original = fastscan.FileScan._template

    def counting(self: fastscan.FileScan, key: tuple[bytes, bytes]) -> object:
        decoded.append(key)
        return original(self, key)

    monkeypatch.setattr(fastscan.FileScan, "_template", counting)
    parsed: list[int] = []
    parse_text = LineParser.parse_text

    def counting_parser(self: LineParser, number: int, text: str, truncated: bool = False) -> object:
        parsed.append(number)
        return parse_text(self, number, text, truncated)

    monkeypatch.setattr(LineParser, "parse_text", counting_parser)
    lines = [tslog_line(_at(0), "gateway", "agent model: aliyun-tokenplan/qwen3.6-plus")]
    for index in range(6000):  # more call sites than the template cache holds
        record = tslog_line(_at(1 + index / 10), "gateway/lanes",
                            f"lane dequeue: lane=session:agent:main:telegram:direct:{index % 50} waitMs=3 queueSize=0",
                            level="DEBUG")
        lines.append(_call_site(record, 1000 + index))
    path = _write(tmp_path, lines)
    stats, analysis = _scan(path)
    assert stats.kinds["lane.dequeue"] == 6000
    assert len(decoded) <= 2
    assert parsed == [1]  # only the first line (it notes the log's offset) goes through the parser
    monkeypatch.undo()
    assert analysis == analyze_paths([path], OPTIONS)


@pytest.mark.parametrize("broken", [
    '"method":"logToFile",}',               # trailing comma
    '"method":"logToFile","fileLine":12}',  # a number where tslog writes strings: valid, left to the parser
    '"method":"log\\qToFile"}',            # invalid escape
    '"method":"logToFile"',                 # unclosed
])
def test_a_call_site_that_is_not_a_flat_object_of_strings_goes_to_the_parser(tmp_path: Path, broken: str) -> None:
    good = tslog_line(_at(1), "gateway/lanes", "lane dequeue: lane=session:agent:main:main waitMs=3 queueSize=0")
    bad = good.replace('"method":"logToFile"}', broken)
    assert bad != good
    path = _write(tmp_path, [tslog_line(_at(0), "gateway", "agent model: a/b"), good, bad, good])
    stats, analysis = _scan(path)
    slow = analyze_paths([path], OPTIONS)
    assert analysis == slow
    assert stats.unparsed == slow.inputs.unparsed
