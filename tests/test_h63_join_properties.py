"""h63: property tests of the parser's three multi-line joins added this stop (LineParser._continues):

- the plugin load failure's terminal-padding join (`openclaw doctor`'s diagnostic wrapped at the terminal's width,
  f6401e11, narrowed by 49676b30);
- Node's ``Require stack:`` and its entries under a ``Cannot find module`` load failure that names no plugin (f6401e11);
- a config refusal's ``File:`` / ``Problem:`` / issue lines under its heading (n66, ``_continues_config_refusal``).

For any sequence of lines mixing these shapes with ordinary log lines (a bare and an indented ``stalled session:``, a
``lane task error:``, a timed console line, a JSONL record, noise, blank lines):

(a) every line is accounted for: the parser's counters add up to the lines read (blank lines, plus each event's own
    line, plus the lines a join took into the event above them, whose text is then in that event's message);
(b) an ordinary recognised line is never absorbed into a join: it starts an event of its own, of the kind it has alone;
(c) a join is bounded: no event takes more than ``_MAX_JOINED_LINES`` (64) lines, its head included.
"""

from __future__ import annotations

import json
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stuckscan.inputs import RawLine
from stuckscan.parser import _MAX_JOINED_LINES, ParseOptions, ParseStats, parse_lines, parse_text_lines

STALLED = ("stalled session: sessionId=s1 sessionKey=agent:main:main state=processing age=193s queueDepth=1 "
           "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=embedded_run "
           "lastProgress=embedded_run:started lastProgressAge=179s recovery=none")
LANE_ERROR = 'lane task error: lane=main durationMs=1604 error="FailoverError: HTTP 401: User not found."'


def _jsonl(message: str) -> str:
    return json.dumps({"0": json.dumps({"subsystem": "diagnostic"}), "1": message,
                       "_meta": {"logLevelName": "WARN", "date": "2026-05-21T10:00:00.000Z"},
                       "time": "2026-05-21T10:00:00.000Z"})


# Ordinary lines a family reads, each a line of its own whatever comes before it.
RECOGNISED = (
    STALLED,
    "  " + STALLED,
    LANE_ERROR,
    "  " + LANE_ERROR,
    "2026-05-21T10:00:01.000+00:00 [diagnostic] " + STALLED,
    _jsonl(STALLED),
    _jsonl(LANE_ERROR),
    "[telegram] [default] channel exited: Error: 409 Conflict",
)
# The joins' heads ...
HEADS = (
    "Config invalid",
    "Invalid config at /home/u/.openclaw/openclaw.json:",
    "Gateway aborted: config is invalid.",
    "OpenClaw config is invalid",
    "[plugins] failed to load plugin: Error: Cannot find module '../../../src/config/zod-schema.js'",
    "failed to load plugin: Error: Cannot find module 'x'",
    "`ERROR vk: failed to load plugin: Error [ERR_PACKAGE_PATH_NOT_EXPORTED]: Package  ",
    "- ERROR memory-lancedb: failed to load plugin: Error: Cannot find module 'y'   ",
)
# ... and the lines they take.
TAILS = (
    "File: ~/.openclaw/openclaw.json",
    "Problem:",
    "Legacy config keys detected:",
    "  - agents.list.0.tools.elevated.allowFrom: failed: expected record",
    "  - plugins.load.paths: plugin: plugin path not found: /x/acpx",
    "agents.defaults.pdfModel: Unrecognized key",
    "- plugins.entries.feishu: plugin not found: feishu",
    "Require stack:",
    "- /opt/stacks/bot/.clawdbot/extensions/msteams/src/channel.ts",
    "- /usr/lib/node_modules/openclaw/dist/loader.js",
    "  subpath './plugin-sdk/compat' is not defined by \"exports\" in                     ",
    "  (/home/u/.openclaw/extensions/vk/index.ts)`",
    'Fix the config and retry, or run "openclaw doctor" to repair.',
    "Run: openclaw doctor --fix",
)
NOISE = st.text(alphabet=st.sampled_from("ab -:.=/[]'\"_0"), max_size=30).map(lambda text: text.rstrip("\\"))

_line = st.one_of(st.sampled_from(RECOGNISED), st.sampled_from(HEADS), st.sampled_from(TAILS), NOISE, st.just(""))
# A head and a long run of its own tail: past the cap (c) must cut it.
_run = st.tuples(st.sampled_from(HEADS), st.sampled_from(TAILS), st.integers(0, 2 * _MAX_JOINED_LINES)).map(
    lambda run: [run[0], *[run[1]] * run[2]])
_lines = st.lists(st.one_of(_line.map(lambda line: [line]), _run), max_size=12).map(
    lambda runs: [line for run in runs for line in run])


def _parse(lines: list[str]) -> tuple[list, ParseStats]:
    stats = ParseStats()
    raw = [RawLine(number, line.encode("utf-8")) for number, line in enumerate(lines, 1)]
    return list(parse_lines(raw, "<h63>", ParseOptions(), stats)), stats


@lru_cache(maxsize=None)
def _alone(line: str) -> str:
    return parse_text_lines([line])[0].kind


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lines)
def test_every_line_is_accounted_for_no_recognised_line_is_absorbed_and_joins_are_bounded(lines: list[str]) -> None:
    events, stats = _parse(lines)
    assert stats.lines == len(lines)
    starts = [event.line for event in events]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)  # (one event per starting line)
    assert stats.events == len(events)
    blank = {number for number, line in enumerate(lines, 1) if not line.strip()}
    assert stats.blank == len(blank)
    by_start = {event.line: event for event in events}
    absorbed = 0
    owner = None
    taken = 0
    for number, line in enumerate(lines, 1):
        if number in by_start:
            owner, taken = by_start[number], 1
            continue
        if number in blank:
            continue
        # (a) a line that starts no event was joined to the event above it, its text in that event's message
        assert owner is not None, (number, line)
        assert line.strip().removeprefix("- ").strip() in owner.message, (number, line, owner.message)
        # (b) never an ordinary recognised line
        assert line not in RECOGNISED, (number, line, owner.message)
        absorbed += 1
        taken += 1
        # (c) bounded
        assert taken <= _MAX_JOINED_LINES, (owner.line, number)
    assert stats.events + absorbed + stats.blank == stats.lines
    # (b) a recognised line starts an event of the kind it has alone
    for number, line in enumerate(lines, 1):
        if line in RECOGNISED:
            assert by_start[number].kind == _alone(line), (number, line)


def test_a_head_over_a_hundred_issue_lines_is_cut_at_the_cap() -> None:
    lines = ["Config invalid", "File: ~/.openclaw/openclaw.json", "Problem:",
             *[f"  - agents.list.{n}.model: Invalid input" for n in range(100)]]
    events, stats = _parse(lines)
    assert events[0].kind == "config.invalid" and events[1].line == _MAX_JOINED_LINES + 1
    assert "agents.list.60.model" in events[0].message and "agents.list.61.model" not in events[0].message
    assert stats.lines == len(lines) == 103


def test_a_config_refusal_then_real_gateway_lines_keeps_every_one_of_them() -> None:
    lines = ["Config invalid", "File: ~/.openclaw/openclaw.json", "Problem:",
             "  - plugins.load.paths: plugin: plugin path not found: /x/acpx", "  " + STALLED, "  " + LANE_ERROR,
             "[telegram] [default] channel exited: Error: 409 Conflict"]
    kinds = [event.kind for event in parse_text_lines(lines)]
    assert kinds == ["config.invalid", "session.stalled", "lane.task_error", "channel.exited"]
