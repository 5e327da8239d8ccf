"""RC18 reading Discord's own listener wrapper timing a listener out ("discord handler timed out after <n> seconds",
extensions/discord/src/monitor/listeners.ts): the same held listener as Carbon's "Listener <name> timed out after
<n>ms", which RC18 already reads (f481 holds both, labelled RC18). The inbound worker's turn budget ("discord inbound
worker timed out after 1800 seconds") stays RC01's with RC18 forbidden (f089, f1013). Lines written for these tests, of
the shapes OpenClaw logs."""

from __future__ import annotations

from stuckscan.analysis import analyze_paths
from stuckscan.parallel import analyze_paths_fast
from stuckscan.unexplained import UNJUDGED_FAULT_KINDS


def _scan(tmp_path, *lines: str):
    log = tmp_path / "gateway.log"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return analyze_paths([str(log)]), analyze_paths_fast([str(log)])


def _ids(analysis) -> list[str]:
    return sorted(f.primary.rule.id for f in [*analysis.incidents, *analysis.episodes] if f.primary)


def test_a_discord_listener_held_past_its_budget_is_the_channels_intake_held(tmp_path) -> None:
    for line in ("[discord] handler timed out after 120 seconds",
                 "2026-02-26T02:20:21.264Z [discord] discord handler timed out after 120 seconds "
                 "(listener=DiscordMessageListener, event=MESSAGE_CREATE)"):
        full, fast = _scan(tmp_path, line)
        assert _ids(full) == _ids(fast) == ["RC18"], line
        finding = full.episodes[0].primary
        assert finding.confidence.value == "medium"  # a lone line: medium at most
        assert "held for up to 120 s" in finding.summary


def test_the_inbound_workers_turn_budget_the_wrappers_follow_ups_and_a_short_budget_are_not_rc18(tmp_path) -> None:
    worker = "2026-02-26T02:20:21.264Z [discord] discord inbound worker timed out after 1800 seconds (channelId=1, messageId=2)"
    full, fast = _scan(tmp_path, worker)
    assert "RC18" not in _ids(full) and "RC18" not in _ids(fast)
    for line in ("2026-02-26T02:20:21.264Z [discord] discord handler timed out after 30 seconds",  # (Carbon's budget)
                 "2026-02-26T02:20:21.264Z [discord] discord handler canceled after timeout",
                 "[qqbot:default] Dispatch failed: Error: Response timeout (no response received)"):
        full, fast = _scan(tmp_path, line)
        assert _ids(full) == _ids(fast) == [], line
        assert full.unexplained.count == 1, line  # still a fault no rule explains: no all-clear
    assert "channel.handler_timeout" in UNJUDGED_FAULT_KINDS  # (its other forms stay unread)


def test_a_healthy_discord_log_stays_quiet(tmp_path) -> None:
    full, fast = _scan(
        tmp_path,
        "2026-02-26T02:20:00.000Z [discord] logged in to discord as 123456 (bot)",
        "2026-02-26T02:20:05.000Z [discord] Slow listener detected: DiscordMessageListener took 2.1 seconds for event "
        "MESSAGE_CREATE",
        "2026-02-26T02:20:06.000Z [discord] delivered reply to channel:1400000000000000001",
    )
    assert _ids(full) == _ids(fast) == []


def test_one_listener_timed_out_once_with_messages_served_after_is_no_stall(tmp_path) -> None:
    # (q53) a slow command's listener timed out once, and the channel's next messages started runs: its intake went on
    run = ("2026-02-26T02:{m}:00.000Z [agent/embedded] embedded run start: runId=8e8e44d6-3f1b-4c2e-9a57-d1c06b4e2f{n} "
           "sessionId=0829a221-a12c-49cb-9a64-42c2fc1a89ea provider=openai model=gpt-5 thinking=low messageChannel=discord")
    done = ("2026-02-26T02:{m}:10.000Z [agent/embedded] embedded run done: runId=8e8e44d6-3f1b-4c2e-9a57-d1c06b4e2f{n} "
            "sessionId=0829a221-a12c-49cb-9a64-42c2fc1a89ea durationMs=10000 aborted=false")
    for timeout in ("2026-02-26T02:22:21.264Z [discord] discord handler timed out after 120 seconds "
                    "(listener=DiscordMessageListener, event=MESSAGE_CREATE)",
                    "2026-02-26T02:22:21.264Z [EventQueue] Listener DiscordMessageListener timed out after 120000ms for "
                    "event MESSAGE_CREATE"):
        lines = [run.format(m="20", n="81"), done.format(m="20", n="81"), timeout,
                 run.format(m="23", n="82"), done.format(m="23", n="82")]
        full, fast = _scan(tmp_path, *lines)
        assert _ids(full) == _ids(fast) == [], timeout
        full, fast = _scan(tmp_path, *lines[:3])  # (nothing served after it: the held listener as before)
        assert _ids(full) == _ids(fast) == ["RC18"], timeout
