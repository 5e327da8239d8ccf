"""f60: a channel the health monitor gave up on as a terminal disconnect, and WhatsApp's login giving up.

The newest health monitor (src/gateway/channel-health-monitor.ts, stored id 57903220758) writes
``[<ch>:<acct>] health-monitor: skipping restart, terminal-disconnect`` on every pass for an account its policy
(src/gateway/channel-health-policy.ts, stored id 57362390340) finds not running with its disconnect marked terminal
(WhatsApp logged out, a 440 conflict, reconnects exhausted; a webhook or token refused for good); the channel manager
does not restart such an exit either, so the channel stays down until someone acts. ``blocked`` and ``channel
autostart suppressed`` stay skips.

WhatsApp's QR login (extensions/whatsapp/src/login-qr.ts, waitForWebLogin) writes ``WhatsApp login failed: <err>``
only once the login is over: a 515 right after pairing first gets one fresh socket ("WhatsApp asked for a restart
after pairing (code 515); retrying connection once…") and a healthy pairing ends ``✅ Linked! WhatsApp is ready.``
"""

from __future__ import annotations

from stuckscan.model import Confidence
from tests.test_pasted_readings import analyze_text

TAG_HM = "gateway/health-monitor"


def _timed(clock: str, tag: str, text: str) -> str:
    return f"2026-09-13T{clock}+00:00 [{tag}] {text}"


def _findings(*lines: str):
    analysis = analyze_text(*lines)
    return [e.primary for e in [*analysis.incidents, *analysis.episodes] if e.primary is not None]


def _primary(*lines: str):
    found = _findings(*lines)
    return found[0] if found else None


def test_an_untimed_terminal_disconnect_skip_is_a_channel_down_for_good() -> None:
    primary = _primary("[whatsapp:bumblebee] health-monitor: skipping restart, terminal-disconnect")
    assert primary is not None
    assert primary.rule.id == "RC18"
    assert primary.confidence == Confidence.MEDIUM
    assert "bumblebee" in primary.summary
    assert "terminal disconnect" in primary.summary
    assert "re-link" in primary.summary


def test_a_timed_info_level_skip_is_read_too_and_repeated_passes_raise_confidence() -> None:
    line = "[whatsapp:work] health-monitor: skipping restart, terminal-disconnect"
    once = _primary(_timed("10:05:00.000", TAG_HM, line))
    assert once is not None and once.rule.id == "RC18" and once.confidence == Confidence.MEDIUM
    twice = _primary(_timed("10:05:00.000", TAG_HM, line), _timed("10:10:00.000", TAG_HM, line))
    assert twice is not None and twice.rule.id == "RC18" and twice.confidence == Confidence.HIGH


def test_blocked_and_autostart_suppressed_skips_stay_quiet() -> None:
    lines = [
        _timed("10:00:00.000", TAG_HM, "started (interval: 300s, startup-grace: 60s, channel-connect-grace: 120s)"),
        _timed("10:05:00.000", TAG_HM, "[msteams:default] health-monitor: skipping restart, blocked"),
        _timed("10:05:00.000", TAG_HM, "[whatsapp:default] health-monitor: channel autostart suppressed; treating as "
                                       "expected stopped"),
    ]
    assert _findings(*lines) == []


BAD_MAC = [
    "Failed to decrypt message with any known session...",
    "Session error: Error: Bad MAC",
    "  at Object.verifyMAC (libsignal/src/crypto.js:87:15)",
    "  at SessionCipher.doDecryptWhisperMessage (libsignal/src/session_cipher.js:250:16)",
]


def test_a_login_that_gave_up_after_its_515_restart_is_the_channel_failing() -> None:
    primary = _primary(*BAD_MAC, "",
                       "[whatsapp] Web connection closed (status 440). Retry 1/12 in 2.46s",
                       "  (status=440 Unknown Stream Errored (conflict))",
                       "WhatsApp login failed: status=515 Unknown Stream Errored (restart required)")
    assert primary is not None
    assert primary.rule.id == "RC18"
    assert primary.confidence == Confidence.MEDIUM
    assert "login gave up" in primary.summary and "515" in primary.summary


def test_the_login_failed_line_alone_and_after_the_one_restart() -> None:
    primary = _primary("WhatsApp asked for a restart after pairing (code 515); retrying connection once…",
                       "WhatsApp login failed: status=515 Unknown Stream Errored (restart required)")
    assert primary is not None and primary.rule.id == "RC18"


def test_a_healthy_pairing_whose_515_is_followed_by_the_connection_opening_stays_quiet() -> None:
    lines = [
        _timed("10:00:00.000", "gateway/channels/whatsapp", "Waiting for WhatsApp connection..."),
        _timed("10:00:01.000", "gateway/channels/whatsapp", "WhatsApp QR received."),
        _timed("10:00:20.000", "gateway/channels/whatsapp",
               "WhatsApp asked for a restart after pairing (code 515); retrying connection once…"),
        _timed("10:00:23.000", "gateway/channels/whatsapp", "✅ Linked! WhatsApp is ready."),
    ]
    assert _findings(*lines) == []


def test_a_lone_bad_mac_is_not_read_as_the_channel_down() -> None:
    # (libsignal's own console lines for one message it could not decrypt; Baileys asks the sender again)
    primary = _primary(*BAD_MAC)
    assert primary is None or primary.rule.id != "RC18"
