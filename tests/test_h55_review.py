"""h55 review of f56, t53b, t53c, f57 and h54: the false alarms and mistakes found, each with its healthy sequence."""

from __future__ import annotations

import json

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseStats, parse_text_lines


def _analysis(*lines: str):
    return analyze_events(parse_text_lines(list(lines)), ParseStats())


def _rules(*lines: str) -> list[str | None]:
    analysis = _analysis(*lines)
    return [f.primary.rule.id if f.primary else None for f in [*analysis.incidents, *analysis.episodes]]


def _kinds(*lines: str) -> list[str]:
    return [e.kind for e in parse_text_lines(list(lines))]


def _jsonl(clock: str, subsystem: str, level: str, message: str) -> str:
    name = json.dumps({"subsystem": subsystem})
    return json.dumps({"0": name, "1": message, "_meta": {"name": name, "parentNames": ["openclaw"], "date": clock,
                                                          "logLevelId": 4, "logLevelName": level}, "time": clock})


GATEWAY = "2026-05-02T09:00:01.100Z [gateway] listening on ws://127.0.0.1:18789 (PID 4242)"
BUNDLED = "2026-05-02T09:00:02.300Z [channels] failed to load bundled channel telegram: Cannot find module 'grammy'"
STARTED = "2026-05-02T09:00:10.200Z [telegram] [default] starting provider (@mybot)"


# -- t53c: a bundled channel's load failure is RC18 (policy "channel-plugin-load-failure": the channel never exists),
# unless a later line shows that channel's provider starting: only a loaded plugin has one to start

def test_a_bundled_channel_that_failed_to_load_and_never_came_back_stays_rc18() -> None:
    assert _rules(GATEWAY, BUNDLED, "2026-05-02T09:00:05.000Z [gateway] agent model: anthropic/claude-sonnet-4-6") \
        == ["RC18"]


def test_a_bundled_channel_load_failure_with_the_channel_started_after_it_is_quiet() -> None:
    assert _rules(GATEWAY, BUNDLED,
                  "2026-05-02T09:00:09.800Z [plugins] telegram installed bundled runtime deps in 7400ms: grammy@1.38.2",
                  STARTED, "2026-05-02T09:05:00.000Z [telegram] Inbound message 12345 -> @mybot (direct)") == []


def test_a_start_before_the_load_failure_or_of_another_channel_heals_nothing() -> None:
    before = "2026-05-02T09:00:02.000Z [telegram] [default] starting provider (@mybot)"
    assert _rules(GATEWAY, before, BUNDLED) == ["RC18"]
    other = "2026-05-02T09:00:10.200Z [discord] [default] starting provider (@bot)"
    assert _rules(GATEWAY, BUNDLED, other) == ["RC18"]


# -- t53c's neighbour: the gateway's pre-start staging of all bundled deps failing goes on with per-plugin installs

PRESTAGE = ("[plugins] failed to stage bundled runtime deps before gateway startup after 30000ms; gateway startup "
            "will continue with per-plugin runtime-deps installs: Error: npm install timed out")


def test_the_pre_start_staging_failure_is_read_and_is_no_stall() -> None:
    line = f"2026-05-02T09:00:31.500Z {PRESTAGE}"
    assert _kinds(line) == ["plugin.deps_prestage_failed"]
    analysis = _analysis(GATEWAY, line, STARTED)
    assert [*analysis.incidents, *analysis.episodes] == []
    assert analysis.unexplained.count == 0


def test_the_pre_start_staging_failure_reads_alike_in_jsonl() -> None:
    record = _jsonl("2026-05-02T09:00:31.500Z", "plugins", "WARN", PRESTAGE.removeprefix("[plugins] "))
    assert _kinds(record) == ["plugin.deps_prestage_failed"]


# -- t53b: "serve failed: <err>" is the Tailscale exposure's only under its own logger (subsystem tailscale)

def test_tailscale_failure_is_read_under_its_own_logger_in_both_shapes() -> None:
    assert _kinds("2026-05-02T09:00:02.000Z [tailscale] serve failed: tailscale not found in PATH") \
        == ["discovery.tailscale_failed"]
    assert _kinds(_jsonl("2026-05-02T09:00:02.000Z", "tailscale", "WARN", "funnel failed: Funnel not enabled")) \
        == ["discovery.tailscale_failed"]


def test_another_loggers_serve_failed_is_not_tailscales() -> None:
    assert _kinds("2026-05-02T09:00:03.000Z [uploads] serve failed: ENOENT: no such file or directory") == ["generic"]
    assert _kinds(_jsonl("2026-05-02T09:00:03.000Z", "uploads", "WARN", "serve failed: ENOENT")) == ["generic"]


# -- healthy sequences of the reviewed changes that stay quiet (they did before this review; kept so)

def test_a_mac_gateways_bonjour_readvertise_after_sleep_is_quiet() -> None:
    fqdn = "fqdn=Mac Studio (OpenClaw)._openclaw-gw._tcp.local. host=mac-studio.local. port=18789"
    assert _rules(
        GATEWAY,
        f"2026-05-02T13:10:04.000Z [plugins] bonjour: watchdog detected non-announced service; attempting re-advertise "
        f"(gateway {fqdn} state=unannounced)",
        "2026-05-02T13:10:04.200Z [plugins] bonjour: restarting advertiser (ciao interface assertion: Reached illegal "
        "state! IPV4 address change from defined to undefined!)",
        "2026-05-02T13:10:06.000Z [plugins] bonjour: gateway name conflict resolved; newName=\"Mac Studio (OpenClaw) (2)\"",
        "2026-05-02T13:12:00.100Z [diagnostic] message queued: sessionKey=agent:main:telegram:direct:12345 "
        "source=telegram queueDepth=1 sessionState=idle",
        "2026-05-02T13:12:09.000Z [diagnostic] message processed: channel=telegram chatId=12345 messageId=88 "
        "sessionKey=agent:main:telegram:direct:12345 outcome=completed duration=8900ms") == []


def test_a_skills_watcher_out_of_handles_and_a_scope_upgrade_beside_answered_turns_are_quiet() -> None:
    analysis = _analysis(
        GATEWAY,
        "2026-05-02T09:00:02.000Z [gateway/skills] skills watcher disabled (EMFILE) (/Users/me/.openclaw/workspace/"
        "skills). Consider increasing system limits or set skills.load.watch=false.",
        "2026-05-02T09:01:00.000Z [diagnostic] message queued: sessionKey=agent:main:telegram:direct:12345 "
        "source=telegram queueDepth=1 sessionState=idle",
        "2026-05-02T09:01:08.100Z [diagnostic] message processed: channel=telegram chatId=12345 messageId=88 "
        "sessionKey=agent:main:telegram:direct:12345 outcome=completed duration=8000ms",
        "2026-05-02T09:04:00.000Z [gateway] security audit: device access upgrade requested reason=scope-upgrade "
        "device=9f3c2a ip=127.0.0.1 auth=token roleFrom=operator roleTo=operator scopesFrom=operator.read "
        "scopesTo=operator.read,operator.write client=cli conn=c-19")
    assert [*analysis.incidents, *analysis.episodes] == []
    assert analysis.unexplained.count == 0


def test_one_untagged_weixin_poll_failure_then_a_served_message_is_quiet() -> None:
    assert _rules(
        GATEWAY,
        "2026-05-02T09:30:00.000Z weixin getUpdates error (1/3): TypeError: fetch failed",
        "2026-05-02T09:30:35.000Z [diagnostic] message queued: sessionKey=agent:main:openclaw-weixin:direct:wxid_1 "
        "source=openclaw-weixin queueDepth=1 sessionState=idle",
        "2026-05-02T09:30:44.000Z [diagnostic] message processed: channel=openclaw-weixin chatId=wxid_1 messageId=3 "
        "sessionKey=agent:main:openclaw-weixin:direct:wxid_1 outcome=completed duration=9000ms") == []
