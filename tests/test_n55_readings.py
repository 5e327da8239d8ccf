"""n55: small readings of OpenClaw's and its channel plugins' own templates. Lines written for these tests, of the
shapes the sources write.

(1) The WeChat plugin's long-poll monitor (Tencent/openclaw-weixin src/monitor/monitor.ts) logs "weixin monitor
started (<baseUrl>, account=<id>)" just before its poll loop, which ends only on the account's abort; every failed poll
logs a line, a poll that gets through logs nothing. The line is the channel receiving again: an earlier failure it
follows is healed, a failure after it still counts."""

from __future__ import annotations

from stuckscan.parser import parse_text_lines
from tests.test_pasted_readings import analyze_text


def rules(*lines: str) -> list[str | None]:
    analysis = analyze_text(*lines)
    return [f.primary.rule.id if f.primary else None for f in [*analysis.incidents, *analysis.episodes]]


def kinds(*lines: str) -> list[str]:
    return [e.kind for e in parse_text_lines(list(lines))]


FAILED = "2026-03-10T08:00:00.000Z [openclaw-weixin] weixin getUpdates error (1/3): TypeError: fetch failed"
STARTED = ("2026-03-10T08:05:00.000Z [openclaw-weixin] weixin monitor started (https://ilinkai.weixin.qq.com, "
           "account=abc-im-bot)")
RESUMING = "2026-03-10T08:05:00.010Z [openclaw-weixin] [weixin] resuming from previous sync buf (120 bytes)"
QUEUED = ("2026-03-10T08:06:35.000Z [diagnostic] message queued: sessionKey=agent:main:openclaw-weixin:direct:wxid_1 "
          "source=openclaw-weixin queueDepth=1 sessionState=idle")
PROCESSED = ("2026-03-10T08:06:44.000Z [diagnostic] message processed: channel=openclaw-weixin chatId=wxid_1 "
             "messageId=3 sessionKey=agent:main:openclaw-weixin:direct:wxid_1 outcome=completed duration=9000ms")


def test_the_weixin_monitor_start_is_the_channel_receiving_tagged_or_not() -> None:
    for line in (STARTED, STARTED.split(" ", 2)[2], "weixin monitor started (https://ilinkai.weixin.qq.com, account=b)"):
        (event,) = parse_text_lines([line])
        assert (event.kind, event.fields["channel"]) == ("channel.polling_started", "weixin"), line


def test_a_poll_failure_then_the_monitor_started_again_is_no_ingress_stall() -> None:
    assert rules(FAILED) == ["RC18"]  # (alone: nothing after it shows the channel receiving)
    assert rules(FAILED, STARTED, RESUMING) == []
    assert rules(FAILED, STARTED, RESUMING, QUEUED, PROCESSED) == []


def test_a_poll_failure_after_the_start_still_counts() -> None:
    later = "2026-03-10T08:09:00.000Z [openclaw-weixin] weixin getUpdates error (1/3): TypeError: fetch failed"
    assert rules(FAILED, STARTED, RESUMING, later) == ["RC18"]
    assert rules(STARTED, later) == ["RC18"]


def test_a_whole_retry_cycle_alone_stays_a_failing_transport() -> None:
    # (n56: with the monitor's start after it, the cycle is the plugin's back-off healed: tests/test_n56_readings.py)
    cycle = [f"2026-03-10T08:00:0{2 * n}.000Z [openclaw-weixin] weixin getUpdates error ({n + 1}/3): TypeError: fetch "
             "failed" for n in range(3)]
    assert rules(*cycle, RESUMING) == ["RC18"]


def test_a_healthy_weixin_start_and_served_messages_stay_quiet() -> None:
    analysis = analyze_text(STARTED, RESUMING, QUEUED, PROCESSED)
    assert not analysis.incidents and not analysis.episodes
    assert analysis.unexplained.count == 0


def test_prose_about_a_monitor_start_is_not_read() -> None:
    assert kinds("weixin monitor started but nothing came in after that",
                 "Weixin monitor started (https://example.com, account=b)") == ["generic", "generic"]


# (2) The CLI's hints under a 1006 close (src/gateway/transport-error.ts, createGatewayCloseTransportError): commentary
# printed under every such close, telling the user what to check next; the close is read on its own line.
CLOSE_1006 = "gateway closed (1006 abnormal closure (no close frame)): no close reason"
HINTS = ["- Gateway process stopped or became unreachable (confirm it is still running)",
         "- Gateway crashed or was terminated unexpectedly", "Run `openclaw doctor` for diagnostics.",
         "Start it with `openclaw gateway run` or check `openclaw gateway status`."]


def test_a_cli_hint_is_no_unexplained_fault_with_or_without_a_time_before_it() -> None:
    for hint in HINTS:
        for line in (hint, f"2026-05-02T09:00:01.000Z {hint}", f"2026-05-02 09:00:01 {hint}"):
            assert analyze_text(line).unexplained.count == 0, line


def test_the_close_the_hint_follows_is_still_read_on_its_own_line() -> None:
    at = "2026-05-02T09:00:01.000Z "
    lines = [at + CLOSE_1006, at + "Possible causes:", *(at + hint for hint in HINTS[:1]), at + HINTS[2]]
    assert [e.kind for e in parse_text_lines(lines)][0] == "gateway.closed"
    assert rules(*lines) == ["RC11"]  # (the bare close's low-confidence guess, as without the hints)


def test_prose_that_says_the_gateway_became_unreachable_still_counts() -> None:
    assert analyze_text("2026-05-02T09:00:01.000Z Gateway became unreachable after the upgrade").unexplained.count == 1
    assert analyze_text("Gateway crashed or was terminated unexpectedly at 09:01 and restarted").unexplained.count == 1
