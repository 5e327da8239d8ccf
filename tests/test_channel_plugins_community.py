"""Community channel plugins stuckscan was never taught one by one (t49g source audit): their fault lines, under the
gateway's channel logger (console tag ``[<channel id>]``, JSONL subsystem ``gateway/channels/<id>``), read by the
generic channel mechanisms of stuckscan/channels.py. Lines written from the plugins' templates: FtlC-ian/openclaw-
channel-zulip (long polling), cloudrise-network/openclaw-channel-rocketchat (websocket), kadbbz/openclaw-channel-mqtt
(MQTT), haya-inc/openclaw-channel-jmap (JMAP polling), antarien/openclaw-channel-imap (IMAP), TrueConf/trueconf-
openclaw-channel (websocket), olvid-io/openclaw-channel-olvid (gRPC), maxesisn/openclaw-channel-onebot11."""

from __future__ import annotations

import pytest

from stuckscan.channels import channel_of, channel_subsystem
from stuckscan.parser import parse_text_lines
from tests.conftest import tslog_line
from tests.test_pasted_readings import analyze_text
from tests.test_rc18_channel_policies import rc18


def kind(line: str) -> str:
    (event,) = parse_text_lines([line])
    return event.kind


def rc18_summary(*lines: str) -> str:
    analysis = analyze_text(*lines)
    (finding,) = [e.primary for e in [*analysis.incidents, *analysis.episodes] if e.primary and e.primary.rule.id == "RC18"]
    return finding.summary


@pytest.mark.parametrize(("subsystem", "channel"), [
    ("zulip", "zulip"), ("rocketchat", "rocketchat"), ("mqtt-channel", "mqtt"), ("jmap", "jmap"), ("imap", "imap"),
    ("trueconf", "trueconf"), ("olvid", "olvid"), ("bitrix24", "bitrix24"), ("onebot11", "onebot11"),
    ("gateway/channels/zulip", "zulip"), ("channels/mqtt-channel", "mqtt"),
    # (any channel id under the gateway's channel logger, listed here or not)
    ("gateway/channels/wire", "wire"), ("channels/deltachat", "deltachat"),
])
def test_a_community_channel_plugins_tag_or_channel_logger_names_its_channel(subsystem: str, channel: str) -> None:
    assert channel_subsystem(subsystem) == channel


def test_tags_that_name_no_channel_stay_none() -> None:
    for subsystem in ("gateway/ws", "plugins", "diagnostic", "gateway/channels", "agent/embedded", "memory"):
        assert channel_subsystem(subsystem) is None


@pytest.mark.parametrize("line", [
    "[zulip] zulip polling error: TypeError: fetch failed",
    "[jmap] poll error: JMAP request failed: 401 Unauthorized",
    "[mqtt-channel] MQTT connection failed (will keep retrying): Error: connect ECONNREFUSED 127.0.0.1:1883",
    "[mqtt-channel] [MQTT] MQTT reconnect error: Error: connect ETIMEDOUT 10.0.0.5:1883",
    "[rocketchat] [default] Disconnected: websocket closed",
    "[trueconf] [trueconf] Reconnect attempt failed: Error: Unexpected server response: 502",
    "[imap] connection lost { accountId: 'default', error: 'Connection not available' }",
    # logins refused (the platform's words as each plugin passes them on)
    "[rocketchat] [default] Realtime error: Login failed: User not found or incorrect password",
    "[trueconf] [trueconf] Account default startup failed: Error: Authentication failed: invalid credentials",
    "[mqtt-channel] [MQTT] MQTT error: Connection refused: Not authorized",
    "[imap] imap transport error { accountId: 'default', error: 'Invalid credentials (Failure)' }",
])
def test_community_plugins_transport_failures_are_the_channels(line: str) -> None:
    assert kind(line) == "channel.transport_error"


def test_the_jsonl_shape_reads_alike() -> None:
    line = tslog_line("2026-11-20T10:00:00.000Z", "gateway/channels/zulip", "zulip polling error: TypeError: fetch failed",
                      "ERROR")
    (event,) = parse_text_lines([line])
    assert event.kind == "channel.transport_error"
    assert channel_of(event).startswith("zulip:")
    login = tslog_line("2026-11-20T10:00:00.000Z", "gateway/channels/rocketchat",
                       "[default] Realtime error: Login failed: User not found or incorrect password", "ERROR")
    assert kind(login) == "channel.transport_error"
    up = tslog_line("2026-11-20T10:00:00.000Z", "gateway/channels/trueconf", "[trueconf] Connected and authenticated")
    assert kind(up) == "channel.polling_started"


@pytest.mark.parametrize("line", [
    "[mqtt-channel] [MQTT] MQTT reconnect scheduled in 5000ms (close)",
    "[trueconf] [trueconf] Connection closed (code: 1006, reason: \"\"), scheduling reconnect",
    "[olvid] wait before reconnection try",
])
def test_reconnects_community_plugins_schedule_are_drops(line: str) -> None:
    assert kind(line) == "channel.reconnecting"


@pytest.mark.parametrize("line", [
    "[zulip] zulip message handler failed: TypeError: Cannot read properties of undefined (reading 'id')",
    "[zulip] zulip: message processing failed: TypeError: Cannot read properties of undefined (reading 'id')",
    "[mqtt-channel] [MQTT] Message handler error: TypeError: payload.toString is not a function",
])
def test_handlers_that_throw_on_their_code_are_broken(line: str) -> None:
    event_line = tslog_line("2026-11-20T10:00:00.000Z", "gateway/channels/" + line[1:line.index("]")],
                            line[line.index("]") + 2:], "ERROR")
    assert kind(event_line) == "channel.handler_broken"


@pytest.mark.parametrize("line", [
    "[zulip] zulip connected as pilot-bot (pilot-bot@example.zulipchat.com)",
    "[trueconf] [trueconf] Connected and authenticated",
])
def test_a_login_the_plugin_says_it_made_is_the_channel_up(line: str) -> None:
    assert kind(line) == "channel.polling_started"


def test_healthy_lines_stay_quiet() -> None:
    for line in ("[mqtt-channel] [default] starting MQTT provider (mqtt://broker:1883)", "[mqtt-channel] [MQTT] MQTT connected",
                 "[jmap] poll loop ready queryState=abc123", "[rocketchat] [default] Connected to Rocket.Chat realtime",
                 "[zulip] [default] starting channel", "[imap] connected { accountId: 'default', mailbox: 'INBOX' }"):
        assert kind(line) in ("generic", "channel.starting", "channel.polling_started"), line
    # one healed reconnect: no fault
    assert rc18("2026-11-20T10:00:00.000Z [mqtt-channel] [MQTT] MQTT connection closed",
                "2026-11-20T10:00:00.100Z [mqtt-channel] [MQTT] MQTT reconnect scheduled in 1000ms (close)",
                "2026-11-20T10:00:01.200Z [mqtt-channel] [MQTT] MQTT reconnecting...",
                "2026-11-20T10:00:01.500Z [mqtt-channel] [MQTT] MQTT connected") is None
    assert rc18("2026-11-20T10:00:00.000Z [trueconf] [trueconf] Connection closed (code: 1006, reason: \"\"), "
                "scheduling reconnect",
                "2026-11-20T10:00:02.000Z [trueconf] [trueconf] Connected and authenticated") is None


def test_outages_of_community_channels_are_rc18() -> None:
    loop = ["2026-11-20T10:00:01.000Z [mqtt-channel] [MQTT] MQTT connection closed"] + [
        f"2026-11-20T10:0{m}:00.000Z [mqtt-channel] [MQTT] MQTT reconnect error: Error: connect ECONNREFUSED "
        "10.0.0.5:1883" for m in range(1, 6)]
    assert rc18(*loop) == "warning"
    assert "MQTT's transport kept failing" in rc18_summary(*loop)
    polling = [f"2026-11-20T10:0{m}:30.000Z [zulip] zulip polling error: TypeError: fetch failed" for m in range(5)]
    assert rc18(*polling) == "warning"
    refused = [f"2026-11-20T10:0{m}:00.000Z [trueconf] [trueconf] Account default startup failed: Error: "
               "Authentication failed: invalid credentials" for m in range(3)]
    assert "login to its platform was refused for its credentials" in rc18_summary(*refused)
    once = rc18_summary("2026-11-20T10:00:00.000Z [rocketchat] [default] Realtime error: Login failed: User not found "
                        "or incorrect password")
    assert "its login refused for its credentials" in once


# q55 review: the same words from subsystems that are no chat channel stay off RC18.
@pytest.mark.parametrize("subsystem", [
    "email", "teams", "messenger", "mqtt", "bluesky", "mqtt-bridge", "email-skill", "openclaw-email",
    "channels/message/send", "channels/continuity/identity-linker",
])
def test_a_platforms_or_protocols_word_alone_names_no_channel(subsystem: str) -> None:
    """A tool or skill plugin's own tag ("[email]", a Home Assistant bridge's "[mqtt]") or a core module's logger under
    "channels/" (OpenClaw's src/channels/message/send.ts: "channels/message/send") is no chat channel; the community
    plugins' channel ids and the channel form still are (above)."""
    assert channel_subsystem(subsystem) is None


@pytest.mark.parametrize("line", [
    # an email tool's or skill's IMAP fetch, a Home Assistant MQTT bridge, a Graph call of a Teams tool
    "[email] fetch failed: Error: Invalid credentials (Failure)",
    "[email] Login failed: AUTHENTICATIONFAILED",
    "[imap] connection lost: Error: Connection not available",
    "[mqtt] Home Assistant MQTT error: Connection refused: Not authorized",
    "[mqtt] Home Assistant MQTT: connection closed, reconnect scheduled in 5000ms",
    "[teams] Microsoft Graph call failed: Authentication failed: token expired",
    "[messenger] message handler failed: TypeError: Cannot read properties of undefined (reading 'id')",
    # a turn's provider or speech call refused under a channel's logger: the channel's login was accepted
    "[telegram] Agent failed before reply: Authentication failed: invalid x-api-key",
    "[zulip] zulip: message processing failed: Error: 401 Invalid API key",
    "[slack] failed to generate reply: Error: 401 Invalid API key",
    "[telegram] tts failed: ElevenLabs 401 Unauthorized: Invalid API key",
])
def test_other_subsystems_auth_and_connection_words_are_no_channel_failure(line: str) -> None:
    assert kind(line) == "generic"


def test_a_healthy_gateway_with_those_words_about_stays_quiet() -> None:
    """Community channels start, one heals a reconnect, the gateway stops; beside them a skill's mail fetch refused,
    a Home Assistant MQTT bridge refused, the Control UI's unauthorized WebSocket, a provider's 401 under agent/embedded
    and model-fallback: no finding at warning or above, and no channel's login refused."""
    analysis = analyze_text(
        "2026-11-20T10:00:00.000Z [gateway] listening on ws://127.0.0.1:18789 (PID 4242)",
        "2026-11-20T10:00:00.500Z [mqtt-channel] [default] starting MQTT provider (mqtt://broker:1883)",
        "2026-11-20T10:00:00.700Z [mqtt-channel] [MQTT] MQTT connected",
        "2026-11-20T10:00:01.500Z [zulip] zulip connected as pilot-bot (pilot-bot@example.zulipchat.com)",
        "2026-11-20T10:00:02.000Z [trueconf] [trueconf] Connected and authenticated",
        "2026-11-20T10:01:00.000Z [email] fetch failed: Error: Invalid credentials (Failure)",
        "2026-11-20T10:01:05.000Z [email] Login failed: AUTHENTICATIONFAILED",
        "2026-11-20T10:01:10.000Z [imap] connection lost: Error: Connection not available",
        "2026-11-20T10:01:20.000Z [mqtt] Home Assistant MQTT: connection closed, reconnect scheduled in 5000ms",
        "2026-11-20T10:01:25.000Z [mqtt] Home Assistant MQTT error: Connection refused: Not authorized",
        "2026-11-20T10:01:30.000Z [ws] unauthorized conn=4b5e6f7a remote=192.168.1.20 client=control-ui "
        "reason=token_mismatch",
        "2026-11-20T10:02:00.000Z [agent/embedded] embedded run agent end: runId=r1 isError=true model=gpt-5 "
        "provider=openai error=401 Invalid API key",
        "2026-11-20T10:02:01.000Z [model-fallback] model fallback decision: decision=candidate_failed "
        "requested=openai/gpt-5 candidate=openai/gpt-5 reason=auth next=anthropic/claude-sonnet-4 "
        "detail=401 Invalid API key",
        "2026-11-20T10:02:05.000Z [teams] Microsoft Graph call failed: Authentication failed: token expired",
        "2026-11-20T10:02:10.000Z [telegram] Agent failed before reply: Authentication failed: invalid x-api-key",
        "2026-11-20T10:03:00.000Z [mqtt-channel] [MQTT] MQTT connection closed",
        "2026-11-20T10:03:00.100Z [mqtt-channel] [MQTT] MQTT reconnect scheduled in 1000ms (close)",
        "2026-11-20T10:03:01.500Z [mqtt-channel] [MQTT] MQTT connected",
        "2026-11-20T10:05:00.500Z [gateway] signal SIGTERM received",
        "2026-11-20T10:05:00.600Z [zulip] [default] stopping channel",
    )
    findings = [e.primary for e in [*analysis.incidents, *analysis.episodes] if e.primary]
    assert [f.rule.id for f in findings if f.severity.value != "info"] == []
    assert not [f for f in findings if f.rule.id == "RC18"]


def test_the_jsonl_shape_of_a_healthy_gateway_stays_quiet_too() -> None:
    rows = [("gateway/channels/zulip", "zulip connected as pilot-bot (pilot-bot@example.zulipchat.com)", "INFO"),
            ("email", "[email] fetch failed: Error: Invalid credentials (Failure)", "ERROR"),
            ("imap", "connection lost: Error: Connection not available", "WARN"),
            ("mqtt", "Home Assistant MQTT error: Connection refused: Not authorized", "ERROR"),
            ("gateway/channels/telegram", "Agent failed before reply: Authentication failed: invalid x-api-key", "ERROR"),
            ("channels/message/send", "message send failure cleanup failed; preserving original send error: "
             "TypeError: fetch failed", "WARN")]
    for subsystem, message, level in rows:
        assert kind(tslog_line("2026-11-20T10:00:00.000Z", subsystem, message, level)) in (
            "generic", "channel.polling_started"), (subsystem, message)


def test_the_imap_channels_own_lines_name_their_account() -> None:
    """The IMAP channel plugin's lines carry its account (antarien/openclaw-channel-imap logs "[imap] <message>" with
    a meta object holding accountId): those stay the channel's, a bare "[imap]" line naming none does not."""
    assert kind("[imap] connection lost { accountId: 'default', error: 'Connection not available' }") \
        == "channel.transport_error"
    assert kind("[imap] connection lost: Error: Connection not available") == "generic"


# -- t49i: the next community channel plugins. Lines written from their templates: maxim-top/openclaw-channel-lanying
# (ClawChat, console "[clawchat] <message> <data>"), clawparty-ai/openclaw-channel-plugin-ztm ("ztm-chat"),
# Kilo-Org/openclaw-channel-streamchat ("streamchat"), ikrajushkin/openclaw-channel-max ("max"),
# ChihiroAF/openclaw-channel-whatsapp-evo ("whatsapp-evo"), srinathh/openclaw-channel-twilio-whatsapp
# ("twilio-whatsapp") and the Webex plugins ("[webex:<account>]").

@pytest.mark.parametrize(("subsystem", "channel"), [
    ("clawchat", "clawchat"), ("ztm-chat", "ztm-chat"), ("streamchat", "streamchat"), ("max", "max"),
    ("webex", "webex"), ("webex:default", "webex"), ("gateway/channels/ztm-chat", "ztm-chat"),
    # (a plugin's own id beats the known channel inside it: Evolution API and Twilio are no WhatsApp Web client)
    ("whatsapp-evo", "whatsapp-evo"), ("twilio-whatsapp", "twilio-whatsapp"),
    ("gateway/channels/whatsapp-evo", "whatsapp-evo"),
])
def test_the_next_community_plugins_name_their_channels(subsystem: str, channel: str) -> None:
    assert channel_subsystem(subsystem) == channel


@pytest.mark.parametrize(("subsystem", "message", "level", "expected"), [
    # ClawChat: its reconnect timer, the reconnect failing, the reconnect done
    ("clawchat", "[clawchat] schedule reconnect { trigger: 'fireplaceError', attempt: 1, delayMs: 1000 }", "WARN",
     "channel.reconnecting"),
    ("clawchat", "[clawchat] reconnect attempt failed Error: connect ETIMEDOUT 203.0.113.7:443", "ERROR",
     "channel.transport_error"),
    ("clawchat", "[clawchat] reconnect attempt success { attempt: 1, username: 'pilot' }", "WARN",
     "channel.polling_started"),
    ("clawchat", "[clawchat] failed to process inbound message TypeError: Cannot read properties of undefined "
     "(reading 'id')", "ERROR", "channel.handler_broken"),
    # ... and its login running out of time: nothing refused its credentials (no login_refused reading)
    ("clawchat", "[clawchat] login failed Error: ClawChat SDK not logged in after login timeout", "ERROR", "generic"),
    # ZTM Chat: its watch loop failing, a message it could not hand on
    ("gateway/channels/ztm-chat", "[default] Watch error (3): fetch failed. Retrying in 2000ms", "WARN",
     "channel.transport_error"),
    ("gateway/channels/ztm-chat", "[default] Failed to dispatch message from alice: TypeError: Cannot read "
     "properties of undefined (reading 'text')", "ERROR", "channel.handler_broken"),
    # Stream Chat: a drop its SDK reconnects from, its watchdog forcing a reconnect, the watchdog giving up
    ("gateway/channels/streamchat", "[StreamChat] Connection lost — SDK will auto-reconnect", "WARN",
     "channel.reconnecting"),
    ("gateway/channels/streamchat", "[StreamChat] Watchdog: offline for >30000ms, forcing reconnect (attempt 1)", "WARN",
     "channel.reconnecting"),
    ("gateway/channels/streamchat", "[StreamChat] Watchdog: reconnect failed: Error: getaddrinfo ENOTFOUND "
     "chat.stream-io-api.com", "ERROR", "channel.transport_error"),
    ("gateway/channels/streamchat", "[StreamChat] Watchdog: all reconnect attempts exhausted — giving up", "ERROR",
     "channel.transport_error"),
    # MAX: its long poll failing (Russian wording around the client's error)
    ("gateway/channels/max", "max[default]: опрос не удался (TypeError: fetch failed), повтор через 2000 мс", "WARN",
     "channel.transport_error"),
    # WhatsApp (EVO): the webhook's dispatch failing on the host's runtime
    ("gateway/channels/whatsapp-evo", "[whatsapp-evo] inbound dispatch failed (wamid=3EB0C431C26A1916): Cannot read "
     "properties of undefined (reading 'dispatch')", "ERROR", "channel.handler_broken"),
])
def test_the_next_community_plugins_fault_lines(subsystem: str, message: str, level: str, expected: str) -> None:
    assert kind(tslog_line("2026-11-20T10:00:00.000Z", subsystem, message, level)) == expected


@pytest.mark.parametrize("line", [
    "[webex:default] dispatchReply not available in plugin runtime",
    "[feishu:main] dispatchReplyWithBufferedBlockDispatcher not available",
    "[wemp:default] dispatchReplyWithBufferedBlockDispatcher not available in runtime",
    "[XiotBox] dispatchReplyWithBufferedBlockDispatcher not available in runtime.",
    "[napcat] runtime.channel.reply not available",
    "[default] runtime.channel.reply not available",
])
def test_a_plugin_finding_no_reply_dispatcher_in_the_runtime_is_broken_by_version(line: str) -> None:
    (event,) = parse_text_lines([line])
    assert event.kind == "channel.handler_broken"
    assert event.fields["missingApi"]


def test_the_runtime_missing_its_dispatcher_gives_the_version_advice() -> None:
    lines = ["2026-11-20T10:00:00.000Z [gateway] listening on ws://127.0.0.1:18789 (PID 4242)",
             "2026-11-20T10:01:00.000Z [webex:default] dispatchReply not available in plugin runtime",
             "2026-11-20T10:03:00.000Z [webex:default] dispatchReply not available in plugin runtime"]
    assert rc18(*lines) == "warning"
    analysis = analyze_text(*lines)
    (finding,) = [e.primary for e in [*analysis.incidents, *analysis.episodes] if e.primary]
    assert "Webex" in finding.summary
    assert finding.fixes[0].startswith("Bring the channel plugin and OpenClaw to versions that fit")


def test_a_healthy_gateway_with_the_next_community_plugins_stays_quiet() -> None:
    """ClawChat heals a reconnect, Stream Chat a drop its SDK reconnects from, then the gateway stops (ClawChat's SDK
    says disconnected as it is closed): no finding at warning or above, console and JSONL alike."""
    console = analyze_text(
        "2026-11-20T10:00:00.000Z [gateway] listening on ws://127.0.0.1:18789 (PID 4242)",
        "2026-11-20T10:00:02.000Z [ztm-chat] [default] Connected: mesh=openclaw-mesh",
        "2026-11-20T10:00:03.000Z [streamchat] [StreamChat] Gateway started for account \"default\"",
        "2026-11-20T10:10:00.000Z [clawchat] fireplaceError event { code: 1006 }",
        "2026-11-20T10:10:00.100Z [clawchat] schedule reconnect { trigger: 'fireplaceError', attempt: 1, delayMs: 1000 }",
        "2026-11-20T10:10:01.200Z [clawchat] reconnect attempt start { attempt: 1, username: 'pilot' }",
        "2026-11-20T10:10:03.000Z [clawchat] reconnect attempt success { attempt: 1, username: 'pilot' }",
        "2026-11-20T10:20:00.000Z [streamchat] [StreamChat] Connection lost — SDK will auto-reconnect",
        "2026-11-20T10:20:02.000Z [streamchat] [StreamChat] Connection restored",
        "2026-11-20T10:30:00.000Z [gateway] signal SIGTERM received",
        "2026-11-20T10:30:00.100Z [clawchat] disconnected { code: 1000 }",
        "2026-11-20T10:30:00.200Z [ztm-chat] [default] Stopped",
        "2026-11-20T10:30:00.300Z [twilio-whatsapp] [default] Twilio WhatsApp channel stopped",
    )
    rows = [("gateway", "listening on ws://127.0.0.1:18789 (PID 4242)", "INFO"),
            ("clawchat", "[clawchat] schedule reconnect { trigger: 'fireplaceError', attempt: 1, delayMs: 1000 }", "WARN"),
            ("clawchat", "[clawchat] reconnect attempt start { attempt: 1, username: 'pilot' }", "WARN"),
            ("clawchat", "[clawchat] reconnect attempt success { attempt: 1, username: 'pilot' }", "WARN"),
            ("gateway/channels/streamchat", "[StreamChat] Connection lost — SDK will auto-reconnect", "WARN"),
            ("gateway/channels/streamchat", "[StreamChat] Connection restored", "INFO"),
            ("gateway", "signal SIGTERM received", "INFO"),
            ("clawchat", "[clawchat] disconnected { code: 1000 }", "WARN"),
            ("gateway/channels/ztm-chat", "[default] Stopped", "INFO")]
    jsonl = analyze_text(*[tslog_line(f"2026-11-20T10:{index:02d}:00.000Z", subsystem, message, level)
                           for index, (subsystem, message, level) in enumerate(rows)])
    for analysis in (console, jsonl):
        findings = [e.primary for e in [*analysis.incidents, *analysis.episodes] if e.primary]
        assert [f.rule.id for f in findings if f.severity.value != "info"] == []


def _stop_and_restarts(console: bool) -> dict[str, list[str]]:
    """q60: the telegram-userbot plugin's disconnect (overpod/openclaw-channel-telegram-userbot src/client.ts, on
    stopAccount: console.error "[telegram-userbot] Disconnected from Telegram" in its first build, console.log "...
    (<acct>)" later) and ClawChat's SDK's "disconnected {…}" (WARN) among a healthy stop's lines, before or after
    "received SIGTERM; shutting down", in a SIGUSR1 or SIGTERM restart, and after a config reload's channel restart."""
    def at(second: int, subsystem: str, message: str, level: str = "INFO") -> str:
        time = f"2026-11-20T10:{second // 60:02d}:{second % 60:02d}.000Z"
        if not console:
            return tslog_line(time, subsystem, message, level)
        tag = subsystem.removeprefix("gateway/")
        return f"{time} {message}" if message.startswith("[") else f"{time} [{tag}] {message}"

    up = [at(0, "gateway", "listening on ws://127.0.0.1:18789 (PID 4242)"),
          at(1, "telegram-userbot", "[telegram-userbot] Connected to Telegram (default)")]
    gone = [at(301, "telegram-userbot", "[telegram-userbot] Disconnected from Telegram", "ERROR"),
            at(301, "telegram-userbot", "[telegram-userbot] Disconnected from Telegram (default)"),
            at(302, "clawchat", "[clawchat] disconnected { code: 1000 }", "WARN")]
    signal, shutting = at(300, "gateway", "signal SIGTERM received", "DEBUG"), at(300, "gateway",
                                                                              "received SIGTERM; shutting down")
    return {
        "stop, after the marker": [*up, signal, shutting, *gone],
        "stop, before the marker": [*up, signal, *gone, shutting.replace("10:05:00", "10:05:03")],
        "SIGUSR1 restart": [*up, at(300, "gateway", "signal SIGUSR1 received", "DEBUG"),
                            at(300, "gateway", "received SIGUSR1; restarting"), *gone,
                            at(303, "gateway", "restart mode: in-process restart"), *up],
        "SIGTERM restart": [*up, signal, at(300, "gateway", "received SIGTERM; restarting"), *gone,
                            at(303, "gateway", "restart mode: full process restart (supervisor restart)")],
        "config reload": [*up, at(299, "gateway/reload", "config hot reload applied (channels.telegram-userbot)"),
                          at(300, "gateway/channels", "restarting telegram-userbot channel"), *gone,
                          at(304, "telegram-userbot", "[telegram-userbot] Connected to Telegram (default)")],
    }


def test_a_healthy_stop_or_restart_with_the_telegram_userbot_and_clawchat_plugins_stays_quiet() -> None:
    # q60: no finding at warning or above and no unexplained fault line, console and JSONL. (A restart held by no stop,
    # a SIGUSR1 or a config reload's channel restart, leaves the disconnect an info-level RC18 note of one failure
    # with nothing after it: below warning, as for any channel's lone failure)
    for console in (False, True):
        for name, lines in _stop_and_restarts(console).items():
            analysis = analyze_text(*lines)
            findings = [e.primary for e in [*analysis.incidents, *analysis.episodes] if e.primary]
            assert [f.rule.id for f in findings if f.severity.value != "info"] == [], (console, name)
            assert analysis.unexplained.count == 0, (console, name, analysis.unexplained)
