"""n60: two inconsistencies of review h56. Lines written for these tests, of the shapes the sources write.

(1) The WeChat plugin's long-poll monitor (Tencent/openclaw-weixin src/monitor/monitor.ts) writes each failed poll twice
to the gateway's file log: through the channel runtime the gateway hands it (`weixin getUpdates error (<n>/3): ...`,
a record of the gateway's `gateway/channels/openclaw-weixin` logger, naming no account) and through its own logger
(src/util/logger.ts: `{"0": "gateway/channels/openclaw-weixin/<account>", "1": "[<account>] getUpdates error: ..."}`).
The console shows the first only. A retry cycle then the monitor's start is one outage its back-off healed (n56) on
the console; in the file log the account-less and the account-named copies read as two accounts failing, so the heal
was lost. Lines naming no account now go with the one account the others name.

(2) A line a finding cites as its evidence is no longer also counted as an unexplained fault line: RC18 reading a bare
`Unhandled promise rejection: TypeError: fetch failed` as the exit of the channel whose network failure is beside it
(p54) cited the line and the count still held it as a crash no rule judges.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from stuckscan.analysis import analyze_paths
from stuckscan.events import Event
from stuckscan.parallel import analyze_paths_fast
from stuckscan.parser import ParseOptions
from stuckscan.unexplained import UnexplainedCollector
from tests.conftest import tslog_line
from tests.test_pasted_readings import analyze_text

T0 = datetime(2026, 3, 10, 8, 0, 0, tzinfo=timezone.utc)
GATEWAY = "gateway/channels/openclaw-weixin"
PLUGIN = "gateway/channels/openclaw-weixin/abc-im-bot"
START = "weixin monitor started (https://ilinkai.weixin.qq.com, account=abc-im-bot)"
BACK_OFF = "getUpdates: 3 consecutive failures, backing off 30s"


def _at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def _iso(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"


def _failure(n: int) -> str:
    return f"weixin getUpdates error ({n}/3): TypeError: fetch failed type=network description=network error"


def _plugin_record(at: datetime, message: str, level: str = "ERROR") -> str:
    """A record of the plugin's own logger (src/util/logger.ts): its name as a plain string in "0" and _meta.name, the
    message in "1" after "[<account>] ", the time in local clock digits with the offset."""
    local = at.astimezone(timezone(timedelta(hours=8)))
    meta = {"runtime": "node", "runtimeVersion": "22.22.0", "hostname": "vps", "name": PLUGIN,
            "parentNames": ["openclaw"], "date": _iso(at), "logLevelId": {"INFO": 3, "ERROR": 5}[level],
            "logLevelName": level}
    return json.dumps({"0": PLUGIN, "1": f"[abc-im-bot] {message}", "_meta": meta,
                       "time": local.isoformat(timespec="milliseconds")})


def _cycle(first: float) -> list[tuple[datetime, str, str | None]]:
    """One (1/3)..(3/3) cycle from ``first`` s, 2 s apart: (time, the runtime's console wording, the plugin's own)."""
    lines = [(_at(first + 2 * i), _failure(i + 1), "getUpdates error: TypeError: fetch failed, type=network "
              "code=none, stack=TypeError: fetch failed\n    at node:internal/deps/undici/undici:13510:13")
             for i in range(3)]
    return [*lines, (_at(first + 4.001), f"weixin {BACK_OFF}", BACK_OFF)]


def _console(sequence: list[tuple[datetime, str, str | None]]) -> list[str]:
    return [f"{_iso(at)} [openclaw-weixin] {message}" for at, message, _ in sequence]


def _file_log(sequence: list[tuple[datetime, str, str | None]]) -> list[str]:
    """The gateway's file log: each line as its channel-runtime record, then the plugin's own record of it."""
    lines = []
    for at, message, own in sequence:
        level = "INFO" if message == START else "ERROR"
        lines.append(tslog_line(_iso(at), GATEWAY, message, level))
        if own is not None:
            lines.append(_plugin_record(at + timedelta(milliseconds=1), own, level))
    return lines


def _write(tmp_path: Path, lines: list[str]) -> str:
    path = tmp_path / "openclaw-2026-03-10.log"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _readings(analysis) -> list[tuple[str, str, str]]:
    return [(f.primary.rule.id, f.primary.severity.value, f.primary.confidence.value)
            for f in [*analysis.incidents, *analysis.episodes] if f.primary]


def _both_paths(tmp_path: Path, lines: list[str]) -> list:
    path = _write(tmp_path, lines)
    options = ParseOptions(tz=timezone.utc)
    slow, fast = analyze_paths([path], options), analyze_paths_fast([path], options)
    assert _readings(fast) == _readings(slow) and fast.unexplained.count == slow.unexplained.count
    return _readings(slow)


STARTED = (_at(60), START, "Monitor started: baseUrl=https://ilinkai.weixin.qq.com timeoutMs=35000")


def test_a_weixin_cycle_then_the_monitor_started_is_healed_in_the_file_log_as_on_the_console(tmp_path: Path) -> None:
    sequence = [*_cycle(0), STARTED]
    assert _readings(analyze_text(*_console(sequence))) == []
    assert _both_paths(tmp_path, _file_log(sequence)) == []  # (was RC18 warning: "several accounts failing")


def test_the_start_then_a_cycle_reads_alike_in_both_shapes(tmp_path: Path) -> None:
    sequence = [STARTED, *_cycle(70)]
    assert _readings(analyze_text(*_console(sequence))) == [("RC18", "warning", "high")]
    assert _both_paths(tmp_path, _file_log(sequence)) == [("RC18", "warning", "high")]


def test_in_the_file_log_a_failure_after_the_start_or_another_accounts_lines_still_count(tmp_path: Path) -> None:
    later = (_at(90), _failure(1), "getUpdates error: TypeError: fetch failed, type=network code=none")
    assert _both_paths(tmp_path, _file_log([*_cycle(0), STARTED, later])) == [("RC18", "warning", "high")]
    # (the plugin's records of two accounts in one cycle: no one account's outage)
    other = json.loads(_plugin_record(_at(3), "getUpdates error: TypeError: fetch failed, type=network code=none"))
    other["0"] = other["_meta"]["name"] = "gateway/channels/openclaw-weixin/other-bot"
    other["1"] = other["1"].replace("[abc-im-bot]", "[other-bot]")
    lines = _file_log([*_cycle(0), STARTED])
    assert _both_paths(tmp_path, [*lines[:3], json.dumps(other), *lines[3:]]) == [("RC18", "warning", "high")]


def test_a_healthy_weixin_file_log_start_and_served_message_stays_quiet(tmp_path: Path) -> None:
    lines = [*_file_log([STARTED]),
             tslog_line(_iso(_at(95)), "diagnostic", "message queued: sessionKey=agent:main:openclaw-weixin:direct:"
                        "wxid_1 source=openclaw-weixin queueDepth=1 sessionState=idle"),
             tslog_line(_iso(_at(104)), "diagnostic", "message processed: channel=openclaw-weixin chatId=wxid_1 "
                        "messageId=3 sessionKey=agent:main:openclaw-weixin:direct:wxid_1 outcome=completed "
                        "duration=9000ms")]
    assert _both_paths(tmp_path, lines) == []
    assert analyze_paths([_write(tmp_path, lines)]).unexplained.count == 0


# -- (2) a cited line is not also unexplained ------------------------------------------------------------------------

CRASH = "Unhandled promise rejection: TypeError: fetch failed"
SET_COMMANDS = "setMyCommands failed: HttpError: Network request for 'setMyCommands' failed!"


def test_a_bare_fetch_crash_rc18_ties_to_a_channel_is_not_also_unexplained(tmp_path: Path) -> None:
    console = ["2026-02-04T07:32:16.322Z [clawdbot] " + CRASH, "2026-02-04T07:32:19.461Z [telegram] " + SET_COMMANDS]
    analysis = analyze_text(*console)
    assert [rule for rule, _, _ in _readings(analysis)] == ["RC18"]
    assert any(e.line == 1 for e in analysis.episodes[0].primary.evidence)  # (the crash is cited)
    assert analysis.unexplained.count == 0  # (was 1, kinds {"gateway.crashed"})
    path = _write(tmp_path, [tslog_line("2026-02-04T07:32:16.322Z", "clawdbot", CRASH, "ERROR"),
                             tslog_line("2026-02-04T07:32:19.461Z", "gateway/channels/telegram", SET_COMMANDS,
                                        "ERROR")])
    for result in (analyze_paths([path]), analyze_paths_fast([path])):
        assert [e.primary.rule.id for e in result.episodes] == ["RC18"]
        assert result.unexplained.count == 0 and not result.unexplained.examples


def test_a_bare_fetch_crash_nothing_ties_stays_unexplained(tmp_path: Path) -> None:
    analysis = analyze_text("2026-02-04T07:32:16.322Z [clawdbot] " + CRASH,
                            "    at node:internal/deps/undici/undici:14900:13")
    assert not analysis.incidents and not analysis.episodes
    assert analysis.unexplained.count == 1 and set(analysis.unexplained.kinds) == {"gateway.crashed"}
    # (a channel's failure hours away ties nothing: the crash is still counted)
    far = analyze_text("2026-02-04T07:32:16.322Z [clawdbot] " + CRASH,
                       "2026-02-04T11:32:19.461Z [telegram] " + SET_COMMANDS)
    assert far.unexplained.kinds.get("gateway.crashed") == 1


def _event(line: int, kind: str = "generic", message: str = "boom failed") -> Event:
    return Event(source="a.log", line=line, time=_at(line), level="error", subsystem=None, kind=kind, message=message,
                 shape="console")


def test_withdraw_takes_a_counted_line_back_out_and_nothing_else() -> None:
    collector = UnexplainedCollector()
    for line, kind in ((1, "generic"), (2, "gateway.crashed"), (3, "generic")):
        collector.add(_event(line, kind))
    collector.withdraw("a.log", 2)
    collector.withdraw("a.log", 2)  # (twice: counted once, taken back once)
    collector.withdraw("a.log", 9)  # (a line never counted: nothing)
    collector.withdraw("b.log", 1)  # (the same line number in another file: nothing)
    result = collector.result()
    assert result.count == 2 and result.kinds == {"generic": 2}
    assert [e.line for e in result.examples] == [1, 3]
