"""n65: the gateway's start-up refusals a user pastes asking "what is this?". Each line is OpenClaw's own output (the
source paths and stored ids are in docs/formats.md): read as a typed event, reported short of a stall (or as no fault),
and never a finding, so `--fail-on warning` passes.

- `Port <n> is already in use.` and its hint `- Gateway already running locally. Stop it (openclaw gateway stop) or use
  a different port.` (src/infra/ports-format.ts), console, journald and JSONL;
- `Gateway start blocked: set gateway.mode=local (current: unset) or pass --allow-unconfigured` behind a reporter's
  label (f1211);
- `OpenClaw startup migrations did not complete cleanly; refusing to report the gateway ready.` (f344).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stuckscan.parser import parse_text_lines
from tests.conftest import scan_paste
from tests.test_pasted_readings import analyze_text

PORT = "Port 18789 is already in use."
HINT = "- Gateway already running locally. Stop it (openclaw gateway stop) or use a different port."
BLOCKED = "Gateway start blocked: set gateway.mode=local (current: unset) or pass --allow-unconfigured"
MIGRATIONS = "OpenClaw startup migrations did not complete cleanly; refusing to report the gateway ready."


def _kinds(*lines: str) -> list[str]:
    return [event.kind for event in parse_text_lines(list(lines))]


def _jsonl(message: str, level: str = "ERROR") -> str:
    """A console.error line the gateway's file logger keeps (as the stored logs show it: the text in "0")."""
    meta = {"runtime": "node", "runtimeVersion": "22.22.0", "hostname": "unknown", "name": "openclaw",
            "date": "2026-02-18T00:00:08.863Z", "logLevelId": 5, "logLevelName": level}
    return json.dumps({"0": message, "_meta": meta, "time": "2026-02-18T00:00:08.863Z"})


@pytest.mark.parametrize(("line", "kind"), [
    (PORT, "gateway.port_in_use"),
    (HINT, "gateway.already_running"),
    ("Feb 25 16:05:43 srv1000001 node[936353]: 2026-02-25T16:05:43.770+00:00 " + PORT, "gateway.port_in_use"),
    ("Feb 25 16:05:43 srv1000001 node[936353]: 2026-02-25T16:05:43.772+00:00 " + HINT, "gateway.already_running"),
    (_jsonl(PORT), "gateway.port_in_use"),
    (_jsonl(HINT), "gateway.already_running"),
    ("启动日志：" + BLOCKED, "gateway.start_failed"),
    ("startup log: " + BLOCKED, "gateway.start_failed"),
    (MIGRATIONS, "gateway.start_failed"),
])
def test_each_refusal_is_read(line: str, kind: str) -> None:
    assert _kinds(line) == [kind]


def test_a_port_line_of_other_words_stays_untyped() -> None:
    assert _kinds("Port 18789 is free.") == ["generic"]
    assert _kinds("Port 18789 is already in use by my dev server, I think") == ["generic"]


@pytest.mark.parametrize("lines", [
    (PORT, HINT),
    ("启动日志：" + BLOCKED,),
    (MIGRATIONS, "- Left legacy agent dir at ...\\agents\\main\\agent.legacy-1788282879668",
     'Run "openclaw doctor --fix" against the same state/config, then restart the gateway.'),
])
def test_refusals_make_no_finding(lines: tuple[str, ...]) -> None:
    analysis = analyze_text(*lines)
    assert not analysis.incidents
    assert not analysis.episodes


@pytest.mark.parametrize(("lines", "words"), [
    ((PORT, HINT), "No fault in these lines"),
    (("启动日志：" + BLOCKED,), "read, short of a stall"),
    ((MIGRATIONS,), "read, short of a stall"),
])
def test_a_pasted_refusal_passes_fail_on_warning(tmp_path: Path, lines: tuple[str, ...], words: str) -> None:
    result = scan_paste(tmp_path, lines, "--fail-on", "warning")
    assert result.exit_code == 0, result.output
    assert words in result.output
    assert "not recognised" not in result.output
