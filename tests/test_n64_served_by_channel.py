"""n64: on a gateway serving several channels, one channel's traffic after another channel's failure does not heal it.

``EpisodeRecord.served_after`` is one gateway-wide moment; RC18 set a channel's lone failure aside once any message was
served after it, so Telegram's polling dead for an hour while Discord kept answering read as healed. The correlator now
also keeps the moment per channel the serving line names (``served_by``: its ``channel``/``source``/``messageChannel``
field, a channel's subsystem such as ``telegram/send``, or the session key ``agent:main:<channel>:...``), and RC18 heals
a channel's failures only with a line of that channel or one naming none (the evidence cannot tell: as before).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseStats, parse_text_lines

T0 = datetime(2026, 4, 10, 10, 0, tzinfo=timezone.utc)
POLL = "telegram getUpdates failed: Network request for 'getUpdates' failed!"
STALL = "Polling stall detected (no completed getUpdates for 95.3s); forcing restart."
TYPING = "telegram sendChatAction failed: Network request for 'sendChatAction' failed!"


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _line(moment: datetime, subsystem: str, message: str, jsonl: bool) -> str:
    if not jsonl:
        return f"{_ts(moment)} [{subsystem}] {message}"
    level = "ERROR" if "failed" in message else "DEBUG" if subsystem in ("diagnostic", "agent/embedded") else \
        "WARN" if "stall" in message else "INFO"
    return json.dumps({"0": json.dumps({"subsystem": subsystem}), "1": message,
                       "_meta": {"name": json.dumps({"subsystem": subsystem}), "parentNames": ["openclaw"],
                                 "date": _ts(moment), "logLevelName": level}, "time": _ts(moment)})


def _discord_hour(start: datetime) -> list[tuple[datetime, str, str]]:
    """Discord answering a message every 5 minutes for an hour (the diagnostic lines of each turn)."""
    lines = []
    for n in range(12):
        at, session, key = start + timedelta(minutes=5 * n), f"d{n}", f"agent:main:discord:channel:1371964406528393{n:03d}"
        lines += [(at, "diagnostic", f"message queued: sessionId={session} sessionKey={key} source=discord queueDepth=1 "
                   "sessionState=idle"),
                  (at + timedelta(milliseconds=30), "agent/embedded", f"embedded run start: runId=rd{n} sessionId={session} "
                   "provider=openai model=gpt-5 thinking=low messageChannel=discord"),
                  (at + timedelta(seconds=9), "diagnostic", f"message processed: channel=discord chatId={n} messageId={n} "
                   f"sessionId={session} sessionKey={key} outcome=completed duration=9000ms")]
    return lines


def _telegram_replies(start: datetime) -> list[tuple[datetime, str, str]]:
    """Telegram taking in and answering messages again."""
    key = "agent:main:telegram:direct:7012345678"
    return [(start + timedelta(minutes=5 * n), "diagnostic", f"message queued: sessionId=t{n} sessionKey={key} "
             "source=telegram queueDepth=1 sessionState=idle") for n in range(3)] + \
        [(start + timedelta(minutes=5 * n, seconds=9), "telegram/send", f"outbound send ok accountId=default "
          f"chatId=7012345678 messageId={1000 + n} operation=sendMessage deliveryKind=text chunkCount=1") for n in range(3)]


def _analyze(lines: list[tuple[datetime, str, str]], jsonl: bool):
    rendered = [_line(*line, jsonl) for line in sorted(lines, key=lambda line: line[0])]
    return analyze_events(parse_text_lines(rendered), ParseStats())


def _rc18(lines: list[tuple[datetime, str, str]], jsonl: bool):
    analysis = _analyze(lines, jsonl)
    return [f.primary for f in (*analysis.incidents, *analysis.episodes) if f.primary and f.primary.rule.id == "RC18"]


@pytest.mark.parametrize("jsonl", [False, True])
@pytest.mark.parametrize("failure", [POLL, STALL])
def test_telegram_failure_then_an_hour_of_discord_replies_is_telegram_down(failure: str, jsonl: bool) -> None:
    lines = [(T0, "telegram", failure), *_discord_hour(T0 + timedelta(seconds=40))]
    (finding,) = _rc18(lines, jsonl)
    assert "Telegram" in finding.summary or "telegram" in finding.summary
    assert "Discord went on answering after it; Telegram did not" in finding.summary


@pytest.mark.parametrize("jsonl", [False, True])
@pytest.mark.parametrize("failure", [POLL, STALL])
def test_telegram_failure_then_telegram_replies_stays_quiet(failure: str, jsonl: bool) -> None:
    lines = [(T0, "telegram", failure), *_telegram_replies(T0 + timedelta(seconds=40))]
    assert _rc18(lines, jsonl) == []
    # (and with Discord answering beside it: Telegram's own replies heal it)
    assert _rc18([*lines, *_discord_hour(T0 + timedelta(seconds=50))], jsonl) == []


@pytest.mark.parametrize("jsonl", [False, True])
def test_telegram_failure_then_an_untagged_served_line_heals_as_before(jsonl: bool) -> None:
    # a session lane dequeue of the main lane names no channel: it may be Telegram's, so it heals as before
    lines = [(T0, "telegram", POLL), (T0 + timedelta(seconds=40), "diagnostic", "lane dequeue: lane=main waitMs=3 queueSize=0")]
    assert _rc18(lines, jsonl) == []


@pytest.mark.parametrize("jsonl", [False, True])
def test_single_channel_gateway_unchanged(jsonl: bool) -> None:
    assert len(_rc18([(T0, "telegram", POLL)], jsonl)) == 1
    assert _rc18([(T0, "telegram", POLL), *_telegram_replies(T0 + timedelta(seconds=40))], jsonl) == []
    assert _rc18(_telegram_replies(T0), jsonl) == []


@pytest.mark.parametrize("jsonl", [False, True])
def test_telegram_typing_failures_with_only_discord_going_on_are_not_set_aside(jsonl: bool) -> None:
    typing = [(T0 + timedelta(seconds=5 * i), "telegram/api", TYPING) for i in range(6)]
    (finding,) = _rc18([*typing, *_discord_hour(T0 + timedelta(seconds=40))], jsonl)
    assert "typing indicator" in finding.summary
    assert _rc18([*typing, *_telegram_replies(T0 + timedelta(seconds=40))], jsonl) == []


@pytest.mark.parametrize("jsonl", [False, True])
def test_the_core_queued_line_names_its_channel_by_session_key_not_its_source(jsonl: bool) -> None:
    # the core's "message queued" says who queued it (source=dispatch): Discord's session key names the channel
    queued = (T0 + timedelta(seconds=40), "diagnostic", "message queued: sessionId=unknown "
              "sessionKey=agent:main:discord:channel:1371964406528393237 source=dispatch queueDepth=1 sessionState=idle")
    (finding,) = _rc18([(T0, "telegram", POLL), queued], jsonl)
    assert "Discord went on answering after it; Telegram did not" in finding.summary
    # a steer queued into a run names no channel (source=pi-embedded-runner, no session key): as before
    steer = (queued[0], "diagnostic", "message queued: sessionId=s9 sessionKey=unknown source=pi-embedded-runner "
             "queueDepth=1 sessionState=processing")
    assert _rc18([(T0, "telegram", POLL), steer], jsonl) == []
