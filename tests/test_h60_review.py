"""Review h60: false alarms and mistakes found in f62, n61, the RC06 warning (ac301914) and the crash note (5d6b1c3d).

(1) The crash note: a timestamped console line with no level counts as a fault only with a fault word, and the guard's
"Unhandled promise rejection: TypeError: Cannot read properties of undefined" has none, so a crash loop read as an
all-clear (tests/test_unexplained.py; field case f1158 said "no problems found" over the gateway dying at start-up).
(2) RC06's lone bare ``cause=completed`` reading warns that the model may have withheld its reply, yet told the user to
restart the gateway now and that messages queued during the wedge were lost, with no wedge and no queue in the lines.
(3) f62 and n61 on a busy gateway: healthy sequences that must stay quiet, and the faulty one that must not.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseStats, parse_text_lines

KEY = "agent:main:telegram:direct:7012345678"
T0 = datetime(2026, 4, 10, 10, 0, tzinfo=timezone.utc)
TYPING = "telegram sendChatAction failed: Network request for 'sendChatAction' failed!"


def _analyze(lines: list[str]):
    return analyze_events(parse_text_lines(lines), ParseStats())


def _findings(lines: list[str]) -> list[str]:
    analysis = _analyze(lines)
    return [f.primary.rule.id for f in (*analysis.incidents, *analysis.episodes) if f.primary]


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _line(moment: datetime, subsystem: str, message: str, jsonl: bool) -> str:
    if not jsonl:
        return f"{_ts(moment)} [{subsystem}] {message}"
    level = "ERROR" if "failed" in message else "DEBUG" if subsystem in ("diagnostic", "agent/embedded") else "INFO"
    return json.dumps({"0": json.dumps({"subsystem": subsystem}), "1": message,
                       "_meta": {"name": json.dumps({"subsystem": subsystem}), "parentNames": ["openclaw"],
                                 "date": _ts(moment), "logLevelName": level}, "time": _ts(moment)})


def _turn(start: datetime, chat: int, n: int, debug: bool) -> list[tuple[datetime, str, str]]:
    session, run, key = f"sess-{chat}-{n}", f"run-{chat}-{n}", f"agent:main:telegram:direct:{chat}"
    lines = [(start, "diagnostic", f"message queued: sessionId={session} sessionKey={key} source=telegram queueDepth=1"),
             (start + timedelta(milliseconds=200), "agent/embedded", f"embedded run start: runId={run} sessionId={session} "
              "provider=openai model=gpt-5 thinking=low messageChannel=telegram"),
             (start + timedelta(seconds=4), "agent/embedded", f"embedded run tool start: runId={run} tool=exec toolCallId=exec:{n}"),
             (start + timedelta(seconds=6), "agent/embedded", f"embedded run tool end: runId={run} tool=exec toolCallId=exec:{n}"),
             (start + timedelta(seconds=12), "agent/embedded", f"embedded run done: runId={run} sessionId={session} "
              "durationMs=11800 aborted=false")] if debug else []
    return [*lines, (start + timedelta(seconds=12, milliseconds=300), "telegram/send",
                     f"outbound send ok accountId=default chatId={chat} messageId={1000 + n} operation=sendMessage "
                     "deliveryKind=text chunkCount=1")]


def _busy_hour(debug: bool, until: timedelta = timedelta(hours=1)) -> list[tuple[datetime, str, str]]:
    """Six Telegram chats, a turn in each every 2 to 7 minutes (fixed offsets: no randomness in a test)."""
    lines, n = [], 0
    for chat in range(6):
        moment = T0 + timedelta(seconds=17 * chat)
        while moment < T0 + until:
            n += 1
            lines += _turn(moment, 101 + chat, n, debug)
            moment += timedelta(seconds=120 + (37 * n) % 300)
    return lines


def _blip(start: datetime, count: int = 8) -> list[tuple[datetime, str, str]]:
    return [(start + timedelta(seconds=5 * i), "telegram/api", TYPING) for i in range(count)]


def _render(lines: list[tuple[datetime, str, str]], jsonl: bool) -> list[str]:
    return [_line(*line, jsonl) for line in sorted(lines, key=lambda line: line[0])]


def test_rc06_lone_completed_empty_turn_asks_for_the_transcript_not_a_restart() -> None:
    empty = (f"2026-09-03T10:00:00.000Z [turn/execution] visible channel turn dispatched with no queued reply payloads: "
             f"channel=telegram messageId=41 sessionKey={KEY} cause=completed")
    (incident,) = _analyze([empty]).incidents
    finding = incident.primary
    assert finding is not None and finding.rule.id == "RC06" and finding.severity.name == "WARNING"
    assert any("NO_REPLY" in fix and "transcript" in fix for fix in finding.fixes)
    assert not any("Restart the gateway" in fix or "during the wedge" in fix for fix in finding.fixes)
    # an aborted reply operation stays an error with its restart advice, and no transcript check
    (aborted,) = _analyze([empty.replace("cause=completed", "cause=skipped:reply_operation_aborted")]).incidents
    assert aborted.primary is not None and aborted.primary.severity.name == "ERROR"
    assert any("Restart the gateway" in fix for fix in aborted.primary.fixes)
    assert not any("NO_REPLY" in fix for fix in aborted.primary.fixes)


def test_a_busy_telegram_hour_with_typing_blips_while_other_chats_go_on_stays_quiet() -> None:
    # a brief network blip: two chats' typing indicators fail every 5 s for 40 s while the other chats' turns call
    # tools and their replies go out (other sessions' progress counts: the channel is shared); three blips too
    for debug in (True, False):  # (False: an info-level log, where only the sends show the channel working)
        one = [*_busy_hour(debug), *_blip(T0 + timedelta(minutes=30)), *_blip(T0 + timedelta(minutes=30, seconds=2))]
        three = [*_busy_hour(debug), *(line for m in (12, 31, 47) for line in _blip(T0 + timedelta(minutes=m), 4))]
        for lines in (one, three):
            for jsonl in (False, True):
                assert _findings(_render(lines, jsonl)) == [], (debug, jsonl)


def test_typing_failing_at_the_end_of_a_busy_log_with_nothing_after_is_the_channel_failing() -> None:
    # the faulty counterpart: the turns stop at 10:50 and the typing indicator fails again and again at 10:58 with
    # nothing after it: RC18 at low confidence, as f6019
    lines = [*_busy_hour(True, timedelta(minutes=50)), *_blip(T0 + timedelta(minutes=58))]
    for jsonl in (False, True):
        analysis = _analyze(_render(lines, jsonl))
        (episode,) = analysis.episodes
        assert episode.primary is not None and episode.primary.rule.id == "RC18"
        assert episode.primary.confidence.value == "low" and "only the typing indicators" in episode.primary.summary


def test_another_channels_work_after_telegram_failures_no_longer_heals_them() -> None:
    # served_after read the gateway serving, any channel's, until n64: a Discord message queued after a Telegram poll
    # failure healed it. Now a line naming another channel heals nothing of Telegram's (tests/test_n64_served_by_channel.py);
    # a run's tool start, which names no channel, still reads as the turn going on (the evidence cannot tell whose)
    poll = "2026-04-10T10:00:00.000Z [telegram] telegram getUpdates failed: Network request for 'getUpdates' failed!"
    typing = [f"2026-04-10T10:00:{5 * i:02d}.000Z [telegram/api] {TYPING}" for i in range(6)]
    queued = ("2026-04-10T10:00:40.000Z [diagnostic] message queued: sessionId=d1 sessionKey=agent:main:discord:channel:55 "
              "source=discord queueDepth=1")
    tool = "2026-04-10T10:00:40.000Z [agent/embedded] embedded run tool start: runId=rd tool=exec toolCallId=exec:1"
    assert _findings([poll]) == ["RC18"] and _findings(typing) == ["RC18"]
    assert _findings([poll, queued]) == ["RC18"] and _findings([*typing, queued]) == ["RC18"]
    assert _findings([*typing, tool]) == []
