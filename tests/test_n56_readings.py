"""n56: leftovers of n54 and n55. Lines written for these tests, of the shapes the sources write.

(2) The WeChat plugin's long-poll monitor (Tencent/openclaw-weixin src/monitor/monitor.ts) retries a failed poll after
2 s and, at the third failure in a row, writes "weixin getUpdates: 3 consecutive failures, backing off 30s", sleeps
30 s and carries on in the same loop: a (1/3)..(3/3) cycle is its back-off. Its console failure lines name no account,
its start line names one: a cycle followed by the monitor's start, and no failure after it, is one outage healed, as
QQ Bot's back-off is (BACKOFF_CHANNELS). Failures after the start still count."""

from __future__ import annotations

from tests.test_pasted_readings import analyze_text


def rules(*lines: str) -> list[str | None]:
    analysis = analyze_text(*lines)
    return [f.primary.rule.id if f.primary else None for f in [*analysis.incidents, *analysis.episodes]]


def cycle(minute: str = "00", tag: str = "", template: str = "error ({n}/3): TypeError: fetch failed "
          "type=network description=network error") -> list[str]:
    lines = [f"2026-03-10T08:{minute}:0{2 * n}.000Z {tag}weixin getUpdates {template.format(n=n + 1)}" for n in range(3)]
    return [*lines, f"2026-03-10T08:{minute}:04.001Z {tag}weixin getUpdates: 3 consecutive failures, backing off 30s"]


STARTED = "2026-03-10T08:01:00.000Z weixin monitor started (https://ilinkai.weixin.qq.com, account=abc-im-bot)"
RESUMING = "2026-03-10T08:01:00.010Z [weixin] resuming from previous sync buf (120 bytes)"
QUEUED = ("2026-03-10T08:02:35.000Z [diagnostic] message queued: sessionKey=agent:main:openclaw-weixin:direct:wxid_1 "
          "source=openclaw-weixin queueDepth=1 sessionState=idle")
PROCESSED = ("2026-03-10T08:02:44.000Z [diagnostic] message processed: channel=openclaw-weixin chatId=wxid_1 "
             "messageId=3 sessionKey=agent:main:openclaw-weixin:direct:wxid_1 outcome=completed duration=9000ms")


def test_a_whole_weixin_retry_cycle_then_the_monitor_started_is_a_back_off_healed() -> None:
    assert rules(*cycle()) == ["RC18"]  # (alone: nothing after it shows the channel receiving)
    assert rules(*cycle(), STARTED) == []
    assert rules(*cycle(), STARTED, RESUMING) == []
    # the API's own refusal in the same count, and the tagged copy, read alike
    assert rules(*cycle(template="failed: ret=-1 errcode=-1 errmsg=system error ({n}/3)"), STARTED) == []
    tagged = [f"{line[:25]}[openclaw-weixin] {line[25:]}" for line in cycle()]
    assert rules(*tagged, STARTED) == []


def test_a_failure_after_the_start_still_counts() -> None:
    later = "2026-03-10T08:03:00.000Z weixin getUpdates error (1/3): TypeError: fetch failed"
    assert rules(*cycle(), STARTED, RESUMING, later) == ["RC18"]
    # (two cycles, the second after the start: the loop failing again)
    assert rules(*cycle(), STARTED, *cycle("05")) == ["RC18"]


def test_a_cycle_healed_only_by_another_channels_start_or_after_a_long_outage_stays_a_loop() -> None:
    qq_ready = "2026-03-10T08:01:00.000Z [qqbot:default] Gateway ready"
    assert rules(*cycle(), qq_ready) == ["RC18"]
    # (cycles on and on for more than five minutes before the start: the intake down on its own)
    long = [line for minute in ("00", "01", "02", "03", "04", "05", "06") for line in cycle(minute)]
    late = STARTED.replace("08:01:00", "08:07:00")
    assert rules(*long, late) == ["RC18"]


def test_a_healthy_weixin_cycle_start_and_served_messages_stay_quiet() -> None:
    analysis = analyze_text(*cycle(), STARTED, RESUMING, QUEUED, PROCESSED)
    assert not analysis.incidents and not analysis.episodes
    assert analysis.unexplained.count == 0


def test_an_account_less_cycle_with_several_weixin_accounts_started_is_not_healed_by_one_of_them() -> None:
    # (h57: the console's failure lines name no account; when the log started two WeChat accounts, the later start of
    # one of them cannot say the failing loop was its own, so the cycle stays a loop; with one account started, its
    # restart heals the cycle as before)
    boot_a = "2026-03-10T07:50:00.000Z weixin monitor started (https://ilinkai.weixin.qq.com, account=acct-a)"
    boot_b = "2026-03-10T07:50:00.500Z weixin monitor started (https://ilinkai.weixin.qq.com, account=acct-b)"
    start_b = STARTED.replace("abc-im-bot", "acct-b")
    assert rules(boot_a, boot_b, *cycle(), start_b) == ["RC18"]
    assert rules(boot_a, boot_b, *cycle(), STARTED.replace("abc-im-bot", "acct-a")) == ["RC18"]
    assert rules(boot_b, *cycle(), start_b) == []
    # (a start seen only after the cycle: the lines cannot tell, and it heals them as n56 reads it)
    assert rules(*cycle(), start_b) == []
