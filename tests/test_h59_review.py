"""Review h59: false alarms and mistakes found in f60 (the terminal-disconnect skip and WhatsApp's login give-up).

(1) ``WhatsApp login failed: ...`` when nobody scanned the QR: Baileys closes a pairing socket whose QR codes all
expired with ``QR refs attempts ended`` (status 408), and the login gives up with those words (extensions/whatsapp/src/
login-qr.ts waitForWebLogin; the onboarding wizard writes ``WhatsApp login failed: Error: ...`` over the CLI login's
throw). f60 read it as the channel down for good (RC18, "clearing a corrupt session"): it is a pairing the user left
or cancelled. Now ``channel.login_expired`` (info), no finding; a 515 given up after its restart stays RC18.

(2) The monitor's skip summary named the channel twice ("The whatsapp:default channel (account default)").

Healthy, and quiet already: an operator's own ``openclaw channels logout`` (the gateway's channels.logout stops the
account by hand and marks it logged out, so the health monitor skips it without a line: src/gateway/
channel-health-monitor.ts ``isManuallyStopped``, channel-health-policy.ts ``linked === false`` is unmanaged).
"""

from __future__ import annotations

import json

from stuckscan.model import Confidence
from tests.test_pasted_readings import analyze_text

QR_EXPIRED = "WhatsApp login failed: status=408 Request Time-out QR refs attempts ended"


def _timed(clock: str, tag: str, text: str) -> str:
    return f"2026-09-13T{clock}+00:00 [{tag}] {text}"


def _tslog(clock: str, tag: str, text: str, level: str = "INFO") -> str:
    name = json.dumps({"subsystem": tag})
    return json.dumps({"0": name, "1": text, "_meta": {"logLevelName": level, "name": name},
                       "time": f"2026-09-13T{clock}Z"})


def _findings(*lines: str):
    analysis = analyze_text(*lines)
    return [e.primary for e in [*analysis.incidents, *analysis.episodes] if e.primary is not None]


def test_a_login_whose_qr_nobody_scanned_is_no_channel_down() -> None:
    agent = [_timed("10:00:00.000", "gateway", "listening on ws://127.0.0.1:18789"),
             _timed("10:00:05.000", "whatsapp", "WhatsApp QR received."),
             _timed("10:03:05.000", "whatsapp", QR_EXPIRED)]
    jsonl = [_tslog("10:00:00.000", "gateway", "listening on ws://127.0.0.1:18789"),
             _tslog("10:00:05.000", "gateway/channels/whatsapp", "WhatsApp QR received."),
             _tslog("10:03:05.000", "gateway/channels/whatsapp", QR_EXPIRED, "ERROR")]
    wizard = ["◇  Link WhatsApp now (QR)?", "│  Yes", "Waiting for WhatsApp connection...",
              "Open the WhatsApp app, go to Linked Devices, then scan this QR:",
              "WhatsApp Web connection ended before fully opening. status=408 Request Time-out QR refs attempts ended",
              "WhatsApp login failed: Error: status=408 Request Time-out QR refs attempts ended"]
    for lines in (agent, jsonl, wizard, [QR_EXPIRED]):
        assert [f.rule.id for f in _findings(*lines)] == [], lines
    assert analyze_text(*agent).unexplained.count == 0


def test_a_login_given_up_for_another_reason_stays_rc18() -> None:
    for line in ("WhatsApp login failed: status=515 Unknown Stream Errored (restart required)",
                 "WhatsApp login failed: status=500 Internal Server Error"):
        found = _findings(_timed("10:00:05.000", "whatsapp", "WhatsApp QR received."),
                          _timed("10:01:05.000", "whatsapp", line))
        assert [f.rule.id for f in found] == ["RC18"], line


def test_the_monitor_skip_names_the_channel_once() -> None:
    line = "[whatsapp:default] health-monitor: skipping restart, terminal-disconnect"
    for lines in ([_timed("10:05:00.000", "gateway/health-monitor", line)],
                  [_tslog("10:05:00.000", "gateway/health-monitor", line)], [line]):
        found = _findings(*lines)
        assert found and found[0].rule.id == "RC18"
        assert "whatsapp:default" not in found[0].summary
        assert found[0].summary.startswith("The whatsapp channel (account default) is down")


def test_a_day_of_skips_every_five_minutes_is_one_finding() -> None:
    lines = [_timed("08:00:00.000", "gateway/health-monitor",
                    "started (interval: 300s, startup-grace: 60s, channel-connect-grace: 120s)")]
    for i in range(1, 24 * 12):
        lines.append(_day_clock(i) + " [gateway/health-monitor] [whatsapp:work] health-monitor: skipping restart, "
                     "terminal-disconnect")
    found = _findings(*lines)
    assert [f.rule.id for f in found] == ["RC18"]
    assert found[0].confidence == Confidence.HIGH
    assert len(found[0].evidence) <= 3
    assert "(account work)" in found[0].summary


def _day_clock(i: int) -> str:
    minutes = 8 * 60 + 5 * i
    day = 13 + minutes // (24 * 60)
    minutes %= 24 * 60
    return f"2026-09-{day:02d}T{minutes // 60:02d}:{minutes % 60:02d}:00.000+00:00"


def test_an_operators_own_logout_stays_quiet() -> None:
    lines = [_timed("10:00:00.000", "gateway", "listening on ws://127.0.0.1:18789"),
             _timed("10:00:00.100", "gateway/health-monitor",
                    "started (interval: 300s, startup-grace: 60s, channel-connect-grace: 120s)"),
             _timed("10:00:01.000", "whatsapp", "[default] starting provider (+15551234567)"),
             _timed("10:00:04.000", "whatsapp", "Listening for personal WhatsApp inbound messages."),
             _timed("11:00:00.000", "ws", "⇄ res ✓ channels.logout 812ms conn=4f2a…b1c0 id=9e1d…77aa"),
             _timed("11:00:00.000", "whatsapp", "Cleared WhatsApp Web credentials."),
             _timed("11:30:00.000", "telegram", "sendMessage ok chat=123 message=77")]
    assert _findings(*lines) == []
