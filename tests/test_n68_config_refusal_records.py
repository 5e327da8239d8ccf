"""n68: a config refusal in the file form, each of its lines a record of its own, read as the console form is.

The CLI prints a config refusal through runtime.error one line at a time: the guard's `Config invalid` / `File:
<path>` / `Problem:` / `  - <path>: <problem>` / `Run: openclaw doctor --fix`, and an older build's `Invalid config:`
then `- <path>: <problem>` per issue (f4921). In the console form the lines are joined into one `config.invalid` event
(n66, h63: CONFIG_REFUSAL_READING). In the JSONL file each line is an ERROR record, in journald a line with its own
prefix: the heading was read (or, `Invalid config:`, was not) and the rest counted as "lines report a fault that no rule
explains". Now the records right after the heading (the very next lines, same level, within two seconds, of the
refusal's forms) are joined into the heading's event on both the parser and the scan fast path; any other record ends
the refusal and keeps its own reading (a lane error, a stalled session).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stuckscan.analysis import analyze_events, analyze_paths
from stuckscan.cli import cli
from stuckscan.fastscan import iter_scan_events
from stuckscan.parser import ParseOptions, ParseStats, parse_path, parse_text_lines
from tests.conftest import tslog_line

GUARD = ("Config invalid", "File: ~/.openclaw/openclaw.json", "Problem:",
         "  - plugins.load.paths: plugin: plugin path not found: /Users/u/openclaw/dist/extensions/acpx",
         '  - gateway: Unrecognized key: "host"', "Run: openclaw doctor --fix")
OLDER = ("Invalid config:", "- models.providers.openai-compatible.models: Invalid input: expected array, received "
         "undefined", '- agents.defaults.model: Unrecognized keys: "provider", "baseUrl", "model"',
         "- agents.list.0.model: Invalid input", '- gateway: Unrecognized key: "host"')
ROOT = ("Invalid config:", "- <root>: JSON5 parse failed: SyntaxError: JSON5: invalid character '.' at 4:14")
LANE_ERROR = 'lane task error: lane=main durationMs=12 error="Error: connect ECONNREFUSED 127.0.0.1:443"'
STALLED = "stalled session: sessionId=s1 sessionKey=agent:main:main state=processing age=193s queueDepth=1"
OPTIONS = ParseOptions(date=None)
_READ = frozenset({"config.invalid", "lane.task_error", "session.stalled"})


def _time(second: float, minute: int = 0) -> str:
    return f"2026-02-25T16:{minute:02d}:{int(second):02d}.{int(second * 1000) % 1000:03d}Z"


def _records(lines: tuple[str, ...], second: float = 0.1, level: str = "ERROR", minute: int = 0) -> list[str]:
    """The refusal's lines as the CLI's file logger writes them: a root-logger record each (no subsystem)."""
    return [tslog_line(_time(second, minute), None, line, level) for line in lines]


def _journald(lines: tuple[str, ...], stamp: str = "Mar 08 17:14:55", pid: int = 3228118) -> list[str]:
    return [f"{stamp} srv1 node[{pid}]: {line}" for line in lines]


def _both_paths(tmp_path: Path, lines: list[str], name: str = "openclaw-2026-02-25.log") -> list:
    """The events of ``lines`` as a file, through the parser and through the scan fast path (asserted alike)."""
    log = tmp_path / name
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    slow = list(parse_path(str(log), OPTIONS, ParseStats()))
    # (the fast path hands on only what the correlator uses: the refusals and faults are the parser's, and the
    # analysis, its counts of unexplained and judged lines included, is equal)
    quick = [event for event in iter_scan_events([str(log)], OPTIONS, ParseStats()) if event.kind in _READ]
    assert [(e.line, e.kind, e.message) for e in quick] == \
        [(e.line, e.kind, e.message) for e in slow if e.kind in _READ]
    stats = ParseStats()
    assert analyze_events(iter_scan_events([str(log)], OPTIONS, stats), stats) == analyze_paths([str(log)], OPTIONS)
    return slow


def _scan(tmp_path: Path, text: str, *args: str) -> tuple[int, str]:
    log = tmp_path / "openclaw-2026-02-25.log"
    log.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["scan", "--date", "2026-02-25", *args, str(log)], catch_exceptions=False)
    return result.exit_code, " ".join(result.output.split())


@pytest.mark.parametrize("lines", [GUARD, OLDER, ROOT], ids=["guard", "older", "root"])
def test_a_refusal_in_jsonl_records_is_one_config_invalid_event(tmp_path: Path, lines: tuple[str, ...]) -> None:
    events = _both_paths(tmp_path, _records(lines))
    assert [event.kind for event in events] == ["config.invalid"]
    assert lines[-1].strip() in events[0].message
    if lines is GUARD:
        assert events[0].fields["configPath"] == "~/.openclaw/openclaw.json"


@pytest.mark.parametrize("lines", [GUARD, OLDER, ROOT], ids=["guard", "older", "root"])
def test_a_refusal_in_journald_lines_is_one_config_invalid_event(tmp_path: Path, lines: tuple[str, ...]) -> None:
    events = _both_paths(tmp_path, _journald(lines), "journal.log")
    assert [event.kind for event in events] == ["config.invalid"]
    assert lines[-1].strip() in events[0].message


def test_the_f4921_shape_each_cli_runs_refusal_is_one_event_and_the_listing_before_it_stays_apart(
        tmp_path: Path) -> None:
    # (f4921's third CLI run: its session listing at INFO, the doctor hint at INFO, then the refusal at ERROR)
    lines = [*_records(("Session store (main): /home/u/.openclaw/agents/main/sessions/sessions.json (8 entries)",
                        "- agent:main:main (1520m ago)", 'Run "openclaw doctor --fix" to apply changes.'),
                       28.542, "INFO"),
             *_records(OLDER, 28.544)]
    events = _both_paths(tmp_path, lines)
    assert [event.kind for event in events] == ["generic", "generic", "generic", "config.invalid"]
    code, output = _scan(tmp_path, "\n".join(lines) + "\n", "--fail-on", "warning")
    assert code == 0, output
    assert "no rule explains" not in output
    assert "No stall in these lines, though some are warnings or errors" in output


def _loop(count: int, form: str) -> str:
    lines: list[str] = []
    for n in range(count):
        minute, second = n // 6, (n % 6) * 10 + 0.25
        if form == "journald":
            lines += _journald(GUARD, f"Feb 25 16:{minute:02d}:{int(second):02d}", 9000 + n)
        else:
            lines += _records(GUARD if form == "guard" else OLDER, second, minute=minute)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("form", ["guard", "older", "journald"])
def test_a_loop_of_fifty_refusals_reads_as_the_console_forms_loop(tmp_path: Path, form: str) -> None:
    code, output = _scan(tmp_path, _loop(50, form), "--fail-on", "warning")
    assert code == 0, output
    assert "no rule explains" not in output
    assert "No stall in these lines, though some are warnings or errors" in output
    assert "config.invalid \u00d750" in output
    assert "OpenClaw refused as invalid" in output
    code, output = _scan(tmp_path, _loop(50, form), "--format", "json", "--fail-on", "warning")
    summary = json.loads(output)["summary"]
    assert summary["judged"]["lines"] == 50
    assert not summary.get("unexplained", {}).get("lines")


@pytest.mark.parametrize("fault", [("diagnostic", LANE_ERROR, "lane.task_error"),
                                   ("diagnostic", STALLED, "session.stalled")])
def test_a_real_fault_right_after_a_refusal_stays_its_own_event(tmp_path: Path,
                                                                 fault: tuple[str, str, str]) -> None:
    subsystem, message, kind = fault
    lines = [*_records(GUARD), tslog_line(_time(0.2), subsystem, message, "ERROR")]
    events = _both_paths(tmp_path, lines)
    assert [event.kind for event in events] == ["config.invalid", kind]


def test_a_bare_error_record_after_a_refusal_stays_an_unexplained_fault(tmp_path: Path) -> None:
    lines = [*_records(ROOT), *_records(("Error: connect ECONNREFUSED 127.0.0.1:18789",), 0.2)]
    assert [event.kind for event in _both_paths(tmp_path, lines)] == ["config.invalid", "generic"]
    code, output = _scan(tmp_path, "\n".join(lines) + "\n")
    assert "1 line reports a fault that no rule explains" in output


@pytest.mark.parametrize(("between", "issue_second", "issue_level"), [
    # another record between the heading and the issue ends the refusal (an INFO line, a gateway record that the
    # fast path skips without decoding)
    (_records(("Agents: main (default)",), 0.1, "INFO"), 0.1, "ERROR"),
    ([tslog_line(_time(0.1), "ws", "\u21c4 res \u2713 chat.history 12ms conn=bb8a526e\u2026792e", "INFO")], 0.1,
     "ERROR"),
    ([], 3.5, "ERROR"),  # written seconds after the heading: not the same refusal
    ([], 0.1, "INFO"),   # another level
])
def test_what_is_not_the_refusals_next_line_stays_apart(tmp_path: Path, between: list[str], issue_second: float,
                                                         issue_level: str) -> None:
    lines = [*_records(ROOT[:1]), *between,
             *_records(("- agents.defaults.model: Unrecognized key",), issue_second, issue_level)]
    events = _both_paths(tmp_path, lines)
    assert len(events) == 2 + len(between)
    assert (events[0].kind, events[0].message) == ("config.invalid", "Invalid config:")
    assert (events[-1].kind, events[-1].message) == ("generic", "- agents.defaults.model: Unrecognized key")


def test_nothing_joins_after_the_guards_run_line_and_a_file_line_only_before_the_issues(tmp_path: Path) -> None:
    lines = [*_records(GUARD), *_records(("  - a.b: Unrecognized key", "File: ~/other.json"), 0.2)]
    events = _both_paths(tmp_path, lines)
    assert [event.kind for event in events] == ["config.invalid", "generic", "generic"]
    lines = [*_records(("Config invalid", "Problem:", "File: ~/.openclaw/openclaw.json"))]
    assert [event.kind for event in _both_paths(tmp_path, lines)] == ["config.invalid", "generic"]


def test_look_alikes_of_the_older_heading_stay_generic() -> None:
    kinds = [event.kind for event in parse_text_lines(["Invalid config: missing key foo",
                                                       "Invalid config: see the docs"])]
    assert kinds == ["generic", "generic"]


def test_a_healthy_cli_listing_in_jsonl_stays_quiet(tmp_path: Path) -> None:
    # the status banner's session listing, "- <session key> (<age>)" lines at INFO, with no refusal above: untouched
    lines = _records(("Session store (main): /home/u/.openclaw/agents/main/sessions/sessions.json (2 entries)",
                      "- agent:main:main (1520m ago)", "- agent:main:whatsapp:group:1@g.us (543m ago)"), 0.1, "INFO")
    events = _both_paths(tmp_path, lines)
    assert [event.kind for event in events] == ["generic", "generic", "generic"]
    code, output = _scan(tmp_path, "\n".join(lines) + "\n", "--allow-empty", "--fail-on", "warning")
    assert code == 0 and "no rule explains" not in output
