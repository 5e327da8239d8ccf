"""RC18 and the field policy "bare undici fetch failure as an unhandled rejection" (tests/field/README.md, p54): the
guard's "Unhandled promise rejection: TypeError: fetch failed" with only undici frames names no channel (the gateway
died: an unjudged crash), and is a channel's exit only beside that channel's own network failure or over a channel
frame. Lines written for these tests, of the shapes OpenClaw logs."""

from __future__ import annotations

from tests.test_pasted_readings import analyze_text
from tests.test_rc18_channel_policies import rc18

CRASH = "[clawdbot] Unhandled promise rejection: TypeError: fetch failed"
UNDICI = "    at node:internal/deps/undici/undici:14900:13"
TICKS = "    at processTicksAndRejections (node:internal/process/task_queues:105:5)"
SET_COMMANDS = "telegram setMyCommands failed: HttpError: Network request for 'setMyCommands' failed!"


def test_the_bare_rejection_with_undici_frames_is_no_channel_stall() -> None:
    assert rc18(CRASH, UNDICI, TICKS) is None
    analysis = analyze_text(CRASH, UNDICI, TICKS)
    assert not analysis.incidents and not analysis.episodes  # (reported as an unexplained fault: not an all-clear)


def test_a_telegram_network_failure_beside_it_keeps_rc18() -> None:
    assert rc18(SET_COMMANDS, "", CRASH, UNDICI, TICKS) == "warning"  # (f642's shape)
    assert rc18("2026-02-04T07:32:16.322Z [clawdbot] Unhandled promise rejection: TypeError: fetch failed",
                "2026-02-04T07:32:19.461Z [telegram] setMyCommands failed: HttpError: Network request for "
                "'setMyCommands' failed!") == "warning"  # (f2055's shape)


def test_a_channel_frame_under_it_keeps_rc18() -> None:
    grammy = "    at async Bot.api.getUpdates (/usr/lib/node_modules/clawdbot/node_modules/grammy/out/core/client.js:105:23)"
    assert rc18(CRASH, UNDICI, grammy) is not None


def test_a_network_failure_hours_away_does_not_tie_it() -> None:
    assert rc18("2026-02-04T07:32:16.322Z [clawdbot] Unhandled promise rejection: TypeError: fetch failed",
                "2026-02-04T11:32:19.461Z [telegram] setMyCommands failed: HttpError: Network request for "
                "'setMyCommands' failed!") in (None, "info")


def test_the_later_builds_non_fatal_wording_stays_quiet() -> None:
    nonfatal = "[openclaw] Non-fatal unhandled rejection (continuing): TypeError: fetch failed"
    assert rc18(nonfatal, "    at node:internal/deps/undici/undici:16416:13") is None
    analysis = analyze_text(nonfatal)
    assert not analysis.incidents and not analysis.episodes
