"""Channel failures in words no family knows: the parse stage's reading of a channel's own fault lines.

A line logged under a channel's subsystem (``[slack]``, ``gateway/channels/telegram``, or a third-party
channel plugin's own tag, ``dingtalk-connector``, ``openclaw-weixin``) that reports a fault in connection
words, but in a template no family knows, is that channel's transport failing: it becomes
``channel.transport_error``, RC18's evidence, like the templates the families read. So are the channel's
own sends and polls aborting or refused for its credentials, and its intake paused on the platform's
word; a line saying the connection dropped or is being re-established is ``channel.reconnecting``; a
channel plugin the loader gave up on is its channel exiting (``channel.exited``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from stuckscan.brand import PRODUCT_NAME, PRODUCT_NAME_SET
from stuckscan.events import DEFAULT_GATEWAY_PORT, GENERIC_KIND, Event, refused_port
from stuckscan.unexplained import looks_like_fault

# OpenClaw's messaging channels, as their subsystems name them (`telegram`, `gateway/channels/slack`,
# `discord:default`).
CHANNEL_NAMES = frozenset({
    "telegram", "discord", "slack", "whatsapp", "signal", "imessage", "bluebubbles", "googlechat", "msteams",
    "matrix", "mattermost", "feishu", "lark", "line", "zalo", "zalouser", "nextcloud-talk", "nostr", "twitch",
    "irc", "tlon", "synology-chat", "wecom", "dingtalk", "qqbot", "wechat", "qq", "weixin", "xmpp",
})
# How each channel's name is written in prose, where plain capitalising gets it wrong ("Qq", "Whatsapp").
CHANNEL_DISPLAY_NAMES = {
    "whatsapp": "WhatsApp", "imessage": "iMessage", "bluebubbles": "BlueBubbles", "googlechat": "Google Chat",
    "msteams": "Microsoft Teams", "line": "LINE", "irc": "IRC", "nextcloud-talk": "Nextcloud Talk",
    "synology-chat": "Synology Chat", "wecom": "WeCom", "dingtalk": "DingTalk", "qqbot": "QQ Bot", "qq": "QQ",
    "wechat": "WeChat", "xmpp": "XMPP", "zalouser": "Zalo (personal)",
    "rocketchat": "Rocket.Chat", "mqtt": "MQTT", "jmap": "JMAP", "imap": "IMAP", "trueconf": "TrueConf",
    "onebot11": "OneBot 11", "clawchat": "ClawChat", "ztm-chat": "ZTM Chat", "streamchat": "Stream Chat",
    "twilio-whatsapp": "WhatsApp (Twilio)", "whatsapp-evo": "WhatsApp (EVO)", "vk": "VK",
}
_SENTENCE_CHANNEL = re.compile(r"[a-z][a-z-]*(?=[:' ]|$)")


def display_name(channel: str) -> str:
    """A channel's id as prose writes it (``whatsapp`` -> ``WhatsApp``, ``telegram`` -> ``Telegram``)."""
    return CHANNEL_DISPLAY_NAMES.get(channel) or channel[:1].upper() + channel[1:]


def sentence_start(text: str) -> str:
    """``text`` begun as a sentence: a channel's name leading it as that channel writes it ("WhatsApp's connection
    ..."), any other first letter capitalised."""
    lead = _SENTENCE_CHANNEL.match(text)
    if lead is not None and lead[0] in CHANNEL_DISPLAY_NAMES:
        return display_name(lead[0]) + text[lead.end():]
    return text[:1].upper() + text[1:]


# Channel ids some distributions give a channel we know under another name (the openclaw-china builds' DingTalk plugin
# registers the channel "ddingtalk", labelled 钉钉).
CHANNEL_ALIASES = {"ddingtalk": "dingtalk", "napcat": "qq", "onebot": "qq"}
# Messaging platforms served by third-party channel plugins that OpenClaw's own channel list lacks: a plugin named
# after one is a channel plugin. With the platforms of the channel ids community plugins register (openclaw.plugin.json
# "channels"): FtlC-ian/openclaw-channel-zulip "zulip", cloudrise-network/openclaw-channel-rocketchat "rocketchat",
# kadbbz/openclaw-channel-mqtt "mqtt-channel", haya-inc/openclaw-channel-jmap "jmap", antarien/openclaw-channel-imap
# "imap", TrueConf/trueconf-openclaw-channel "trueconf", olvid-io/openclaw-channel-olvid "olvid",
# simai/openclaw-channel-bitrix24 "bitrix24", maxesisn/openclaw-channel-onebot11 "onebot11" (t49g);
# maxim-top/openclaw-channel-lanying "clawchat", clawparty-ai/openclaw-channel-plugin-ztm "ztm-chat",
# Kilo-Org/openclaw-channel-streamchat "streamchat", ikrajushkin/openclaw-channel-max "max", the Webex channel plugins
# "webex", srinathh/openclaw-channel-twilio-whatsapp "twilio-whatsapp", ChihiroAF/openclaw-channel-whatsapp-evo
# "whatsapp-evo" (t49i).
CHAT_PLATFORMS = frozenset({
    "zulip", "rocketchat", "webex", "viber", "kakaotalk", "threema", "gitter", "keybase", "revolt", "guilded", "kook",
    "misskey", "mastodon", "bluesky", "messenger", "instagram", "wework", "wxwork", "yuanbao", "deltachat", "simplex",
    "teams", "chatwork", "lineworks", "wechatwork", "qywx", "dingding", "email",
    "mqtt", "jmap", "imap", "trueconf", "olvid", "bitrix24", "onebot11", "clawchat", "streamchat",
    "vk",  # (pfrankov/openclaw-vk registers the channel "vk", VKontakte, openclaw.plugin.json; f6122)
})
# A line under a console tag is a channel's when the tag is a channel id one of those plugins registers (the gateway's
# console tag of a channel is its id: "[zulip]", "[imap]") or of the channel form ("[mqtt-channel]"), not when it is
# only a platform's or a protocol's word: a tool or skill plugin fetching mail logs "[email]", a Home Assistant bridge
# "[mqtt]", a posting tool "[bluesky]", and none of them is a chat channel failing (q55).
# The ids are checked before a known channel's name inside a tag: "[whatsapp-evo]" (Evolution API, webhook-fed) and
# "[twilio-whatsapp]" are channels of their own, not OpenClaw's WhatsApp Web client (t49i). A console tag of the
# gateway's channel logger may add the account ("[webex:default]", "[ztm-chat]").
CHANNEL_PLUGIN_IDS = frozenset({"zulip", "rocketchat", "jmap", "imap", "trueconf", "olvid", "bitrix24", "onebot11",
                                "clawchat", "ztm-chat", "streamchat", "max", "webex", "twilio-whatsapp",
                                "whatsapp-evo"})
# ... and of those, the ids that are a protocol's word an email tool also tags its lines with ("[imap] connection lost:
# ..."): the channel plugin's own lines name their account (antarien/openclaw-channel-imap src/connection/logger.ts
# logs `[imap] <message>` with a meta object holding `accountId`; q55), so a line under such a tag that names none is
# not read as the channel's.
SHARED_CHANNEL_TAGS = frozenset({"imap"})
_NAMES_ACCOUNT = re.compile(r"\baccount(?:Id)?\b\s*[:=]|\bAccount \S", re.IGNORECASE)
# Third-party channel plugins tag their lines with their own names: the channel and a suffix
# (`dingtalk-connector`, `wechat-access-ws:18789`) or the plugin's package name (`openclaw-channel-qq:connection`,
# `openclaw-weixin`).
_PLUGIN_TAG = re.compile(r"^(?:" + PRODUCT_NAME + r"-(?:channel-)?)?(?P<name>[a-z]+)(?:[-_][\w-]*)?$")


@lru_cache(maxsize=4096)  # (asked of every unrecognised line: a log has a few hundred subsystems at most)
def channel_subsystem(subsystem: str | None) -> str | None:
    """The channel a subsystem belongs to (``gateway/channels/telegram`` -> ``telegram``, ``dingtalk-connector`` ->
    ``dingtalk``), or None."""
    if not subsystem:
        return None
    parts = subsystem.lower().split("/")
    for index, part in enumerate(parts):
        name = part.split(":", 1)[0]
        if name in CHANNEL_NAMES:
            return name
        if name in CHANNEL_ALIASES:
            return CHANNEL_ALIASES[name]
        if name in CHANNEL_PLUGIN_IDS:
            return name
        plugin = _PLUGIN_TAG.match(name)
        if plugin is not None and plugin["name"] in CHANNEL_NAMES and name != plugin["name"]:
            return plugin["name"]
        if plugin is not None and plugin["name"] in CHANNEL_ALIASES:  # (the NapCat plugin's "[napcat-QQ]" tag)
            return CHANNEL_ALIASES[plugin["name"]]
        form = _CHANNEL_FORM.match(name)
        if form is not None and (form["name"] or form["suffixed"]) in CHAT_PLATFORMS:
            return form["name"] or form["suffixed"]
        if index and parts[index - 1] == "channels" and _CHANNEL_ID.match(name) \
                and (index + 1 == len(parts) or parts[index - 2:index - 1] == ["gateway"]):
            # (the gateway's logger of a channel it does not list here, "gateway/channels/<id>[/<child>]", or
            # "channels/<id>"; not a core module's logger under "channels/" such as "channels/message/send")
            return name
    return None


# A channel id as a plugin registers it ("zulip", "mqtt-channel", "onebot11"), under the gateway's channel logger.
_CHANNEL_ID = re.compile(r"[a-z][a-z0-9_-]{0,60}\Z")


# A plugin id or folder of the channel form: "openclaw-channel-<name>", "channel-<name>", "<name>-channel" (with an
# npm scope or not); its name is the channel, unless it is a word a plugin that works on channels takes (a
# "channel-manager" tool plugin is no channel).
_CHANNEL_FORM = re.compile(r"^(?:@[\w.-]+/)?(?:(?:" + PRODUCT_NAME + r"-)?channels?[-_](?P<name>[a-z][a-z0-9]*)"
                           r"(?:[-_][\w.-]*)?|(?:" + PRODUCT_NAME + r"-)?(?P<suffixed>[a-z][a-z0-9]*)[-_]channel)$")
_NOT_A_CHANNEL = frozenset({
    "manager", "router", "routing", "tools", "tool", "utils", "monitor", "admin", "sync", "config", "core", "common",
    "sdk", "hub", "bridge", "status", "health", "multi", "omni", "cross", "custom", "plugin", "api", "test", "mock",
})
# The plugin folders a loader path names: each under extensions/, and a package of the channel form under
# node_modules/ (a dependency's own folder further in names no plugin).
_PLUGIN_FOLDER = re.compile(r"(?:^|[/\\])extensions[/\\](?P<ext>[\w@.-]{1,100})(?=[/\\])"
                            r"|(?:^|[/\\])node_modules[/\\](?:@[\w.-]{1,100}[/\\])?(?P<pkg>[\w.-]{1,100})(?=[/\\])")


def _channel_of_plugin_name(name: str) -> str | None:
    name = name.lower()
    channel = channel_subsystem(name)
    if channel is not None:
        return channel
    form = _CHANNEL_FORM.match(name)
    if form is not None:
        named = form["name"] or form["suffixed"]
        return None if named in _NOT_A_CHANNEL else CHANNEL_ALIASES.get(named, named)
    tag = _PLUGIN_TAG.match(name.rsplit("/", 1)[-1])
    return tag["name"] if tag is not None and tag["name"] in CHAT_PLATFORMS else None


def channel_plugin(plugin: str | None, path: str | None = None) -> str | None:
    """The messaging channel a plugin the loader names is for, from its id or its path's plugin folder, or None for a
    plugin that is not a channel's (telemetry, memory, tools): an id or folder that names a known channel
    (``ddingtalk``, ``openclaw-lark``) or another chat platform (``zulip``), or one of the channel form
    (``openclaw-channel-<name>``, ``channel-<name>``, ``<name>-channel``)."""
    names = [plugin] if plugin else []
    for folder in _PLUGIN_FOLDER.finditer(path or ""):
        if folder["ext"]:
            names.append(folder["ext"])
        elif _CHANNEL_FORM.match(folder["pkg"].lower()) is not None:
            names.append(folder["pkg"])
    for name in names:
        channel = _channel_of_plugin_name(name)
        if channel is not None:
            return channel
    return None


# A process-level crash line: an exception or rejection nothing caught ("Uncaught exception: Error: ...", "Unhandled
# promise rejection: ..."), whose stack frames may follow it on lines of their own.
CRASH_HEAD = re.compile(r"\b(?:uncaught exception|unhandled (?:promise )?rejection)\b", re.IGNORECASE)
def bare_fetch_crash(event: Event) -> bool:
    """The process ending on undici's bare ``Unhandled promise rejection: TypeError: fetch failed`` with nothing that
    names whose fetch it was (families, p54): ``gateway.crashed`` unless a channel's own network failure beside it ties
    it to that channel (RC18 reads it then, as the channel's exit; field policy "bare undici fetch failure as an
    unhandled rejection")."""
    return event.kind == "gateway.crashed" and str(event.fields.get("error") or "") == "TypeError: fetch failed"


# The head of Node's own print of an exception nothing caught, on stderr with no logger's time, level or tag before it
# ("Error: No mailbox is currently selected", "TypeError [ERR_X]: ..."): its stack frames follow on the next lines.
BARE_ERROR_HEAD = re.compile(r"(?:[A-Z][A-Za-z]{0,40})?Error(?: \[[A-Z][A-Z0-9_]{1,60}\])?: \S")
# A stack frame with a file path, as V8 prints one: ``at <function>[ [as <name>]] (<path>:<line>[:<column>])`` or
# ``at <path>:<line>[:<column>]`` ("    at WebSocket.ping (/root/.openclaw/extensions/dingtalk-connector/node_modules/
# ws/...)"). A pasted frame may be wrapped mid-path: a path that runs to the end of its line needs no line number.
# Prose that opens with "at" ("at first I thought it was the network (/root/.openclaw/...) was fine)") is no frame.
_FRAME_FUNCTION = r"(?:(?:async|new)[ \t]+)?[^\s()\[\]]{1,300}(?:[ \t]+\[as[ \t]+[^\s\]]{1,100}\])?"
_STACK_FRAME = re.compile(
    r"^[ \t]*at[ \t]+(?:" + _FRAME_FUNCTION + r"[ \t]+\()?"
    r"(?P<path>(?:file://)?(?:[A-Za-z]:)?[/\\][^\s()]{0,500}?)(?::\d+(?::\d+)?(?!\d)|[ \t]*$)", re.MULTILINE)
# Any stack frame line, its location a path or not (``node:internal/timers:585:17``, ``<anonymous>``, ``native``,
# ``index 0``), or the head of one wrapped mid-location.
STACK_FRAME_LINE = re.compile(
    r"[ \t]*at[ \t]+(?:" + _FRAME_FUNCTION + r"[ \t]+\((?:[^\s()]{1,600}|index \d+)\)?"
    r"|(?:async[ \t]+)?[^\s()]{0,600}[:/\\][^\s()]{0,600})[ \t]*$")
# Client libraries only a channel bundles: a frame inside one is that channel's transport, wherever it is installed.
# A scope alone ("@slack", "@grammyjs") stands for every package under it.
_CHANNEL_SDK_FOLDERS = {
    "dingtalk-stream": "dingtalk", "@buape/carbon": "discord", "grammy": "telegram", "@grammyjs": "telegram",
    "@whiskeysockets/baileys": "whatsapp", "baileys": "whatsapp", "@slack": "slack",
    "@larksuiteoapi/node-sdk": "feishu", "imap": "email", "imapflow": "email",
}
_SDK_FOLDER = re.compile(r"[/\\]node_modules[/\\](?P<pkg>@[\w.-]{1,100}[/\\][\w.-]{1,100}|[\w.-]{1,100})(?=[/\\])")


def channel_of_stack(text: str) -> str | None:
    """The channel whose code a stack's frames run through: a frame under a channel plugin's folder
    (``extensions/<channel plugin>/``) or inside a client library only a channel bundles (``dingtalk-stream``,
    ``@buape/carbon``, ``grammy``); None when every frame is the core's, the console's or another plugin's."""
    for frame in _STACK_FRAME.finditer(text):
        path = frame["path"]
        for sdk in _SDK_FOLDER.finditer(path):
            package = sdk["pkg"].replace("\\", "/").lower()
            channel = _CHANNEL_SDK_FOLDERS.get(package) or _CHANNEL_SDK_FOLDERS.get(package.split("/", 1)[0])
            if channel is not None:
                return channel
        channel = channel_plugin(None, path)
        if channel is not None:
            return channel
    return None


# The platform API hosts of channels: a request to one is that channel's, whatever logger timed it out
# ("[fetch-timeout] fetch timeout after 10000ms ... url=https://api.telegram.org/bot<token>/getMe", f1553).
_CHANNEL_API_HOSTS = {
    "api.telegram.org": "telegram", "slack.com": "slack", "discord.com": "discord", "discordapp.com": "discord",
    "open.feishu.cn": "feishu", "open.larksuite.com": "feishu", "api.line.me": "line",
    "api.dingtalk.com": "dingtalk", "oapi.dingtalk.com": "dingtalk", "qyapi.weixin.qq.com": "wecom",
    "web.whatsapp.com": "whatsapp", "whatsapp.net": "whatsapp",
}


def channel_of_url(url: object) -> str | None:
    """The channel whose platform API ``url`` calls (``https://api.telegram.org/bot.../getMe`` -> ``telegram``), or
    None."""
    if not isinstance(url, str) or "://" not in url:
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    return channel_of_host(host)


def channel_of_host(host: str) -> str | None:
    """The channel whose platform ``host`` is (``web.whatsapp.com`` -> ``whatsapp``), or None."""
    host = host.lower().rstrip(".")
    for known, channel in _CHANNEL_API_HOSTS.items():
        if host == known or host.endswith("." + known):
            return channel
    return None


# A socket error naming the host it could not reach ("getaddrinfo ENOTFOUND web.whatsapp.com", "connect ETIMEDOUT
# api.telegram.org"); Node prints the host after the code.
_HOST_UNREACHABLE = re.compile(r"\b(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|EHOSTUNREACH) "
                               r"(?P<host>[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9-]{1,63}){1,8})")
HOST_NEEDLES = ("ENOTFOUND ", "EAI_AGAIN ", "ECONNREFUSED ", "ETIMEDOUT ", "ECONNRESET ", "EHOSTUNREACH ")
# ... or the host an error's own properties name, as Node prints them under it (an Axios error's "url: 'https://...'",
# a socket error's "hostname: '...'"; the parser joins them to the error's line).
_PROPERTY_HOST = re.compile(r"(?<![\w.])(?P<key>url|hostname|host): '(?P<value>[^'\s]{1,2000})'")
PROPERTY_NEEDLES = ("url: '", "host: '", "hostname: '")
_HOST_NEEDLE = re.compile("|".join(map(re.escape, HOST_NEEDLES)))
_HOST_OR_PROPERTY_NEEDLE = re.compile("|".join(map(re.escape, HOST_NEEDLES + PROPERTY_NEEDLES)))


def platform_host_unreachable(event: Event) -> str | None:
    """The channel whose platform connection a failing line reports lost, by the host its socket error names, or None
    (a line no channel tag marks: the WhatsApp Web socket's "WebSocket error" with "getaddrinfo ENOTFOUND
    web.whatsapp.com" in its error). The line's own words must speak of a connection: a stack's "cause: Error:
    getaddrinfo ENOTFOUND open.feishu.cn" or one message's side call ("failed to add typing indicator: Error: ...")
    says the host was out of reach for a moment, not that the channel's connection failed."""
    message, error = event.message, event.fields.get("error")
    if isinstance(message, str) and _HOST_OR_PROPERTY_NEEDLE.search(message) is None \
            and not (isinstance(error, str) and _HOST_NEEDLE.search(error) is not None):
        return None  # (no needle: no host named, as below, in one pattern search instead of twelve)
    hosts = [said["host"] for text in (message, error)
             if isinstance(text, str) and any(needle in text for needle in HOST_NEEDLES)
             for said in _HOST_UNREACHABLE.finditer(text)]
    channels = [channel_of_host(host) for host in hosts]
    if any(needle in event.message for needle in PROPERTY_NEEDLES):  # (the error's own properties, joined under it)
        channels += [channel_of_url(said["value"]) if said["key"] == "url" else channel_of_host(said["value"])
                     for said in _PROPERTY_HOST.finditer(event.message)]
    channel = next((found for found in channels if found is not None), None)
    if channel is None or TRANSPORT_WORDS.search(_HOST_UNREACHABLE.sub(" ", event.message)) is None:
        return None
    return channel


# Wording of a connection failing, not of one message failing (a dispatch error, an HTTP 500 on a reply,
# a provider overloaded are handled per message and say nothing of the channel's ingress). A bare "timed out"
# is not enough: a channel's worker or listener timing out on a slow turn is no transport failure.
TRANSPORT_WORDS = re.compile(
    r"\b(?:disconnect(?:ed|ion)?|reconnect(?:ing|ed|ion)?|web ?socket|socket|"
    r"connection (?:closed|lost|reset|refused|error|failed)|ECONN[A-Z]+|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|"
    r"fetch failed|network (?:error|request)|pong|not ready|not connected|unreachable|getUpdates|polling|"
    r"no connection available)\b"
    # (the DingTalk connector's keepalive, zhanglilong23/dingtalk-openclaw-connector src/core/connection.ts: "发送 PING
    # 失败：<err>", "keepAlive 检测失败：<err>")
    r"|\bPING 失败|\bkeepAlive 检测失败",
    re.IGNORECASE,
)


# A channel client saying its connection dropped or that it reconnects, in words no family knows (third-party channel
# plugins: "Reconnecting in 1s (Attempt 1)...", "Heartbeat timeout for account <id>", "Connection closed for account
# <id>: 1006 - Abnormal closure", "Connection attempt 6 failed: ...", "连接关闭: code=1006", "3000ms 后尝试第 1 次重连...",
# "心跳检测：socket 状态=undefined，触发重连..."; the DingTalk plugin's connection manager, soimy/openclaw-channel-dingtalk
# src/connection-manager.ts: "[<acct>] WebSocket closed event (code: 1006, reason: none)", "[<acct>] Runtime
# disconnection detected, initiating reconnection...", "[<acct>] System sleep/hibernate detected! ... Forcing
# reconnection as WebSocket is likely stale."; the DingTalk connector, zhanglilong23/dingtalk-openclaw-connector
# src/core/connection.ts: "WebSocket close: code=1006, reason=<r>, isStopped=false", "重连失败：<err> (尝试 <n>)", but
# not its "✅ 重连成功 (socket 状态=1)"; the WeCom plugin, WecomTeam/wecom-openclaw-plugin src/monitor.ts: "[<acct>]
# Reconnecting attempt <n>...", "[<acct>] WebSocket disconnected: <reason>"): one such line is a blip, the same again
# a reconnect loop (RC18). So is a reconnect a community plugin schedules after a close (kadbbz/openclaw-channel-mqtt
# src/client.ts: "MQTT reconnect scheduled in <n>ms (<reason>)"; TrueConf/trueconf-openclaw-channel src/ws-client.ts:
# "[trueconf] Connection closed (code: <n>, reason: "<r>"), scheduling reconnect"; olvid-io/openclaw-channel-olvid
# src/monitor.ts, after its client's error: "wait before reconnection try"; t49g). And the same words as the next
# plugins put them (t49i): maxim-top/openclaw-channel-lanying src/channel.ts (ClawChat) "[clawchat] schedule reconnect
# { trigger: '<event>', attempt: <n>, delayMs: <n> }"; Kilo-Org/openclaw-channel-streamchat src/channel.ts and
# src/connection-watchdog.ts "[StreamChat] Connection lost — SDK will auto-reconnect" (the IMAP channel's "connection
# lost { accountId: ... }" too, a fault there) and "[StreamChat] Watchdog: offline for ><n>ms, forcing reconnect
# (attempt <n>)".
DROP_WORDS = re.compile(
    r"\breconnect(?:ing)? in\b|\breconnect(?:ion)? (?:scheduled|try)\b|\bschedul(?:e|ing) (?:a )?reconnect\b|\battempting to reconnect\b|\bwill retry connection\b|"
    r"\b(?:initiating|forcing) reconnect(?:ion)?\b|\bwebsocket closed event\b|"
    r"\bconnection attempt \d+(?:/\d+)? failed\b|\bheartbeat timeout\b|\bconnection (?:closed|lost)\b|"
    r"\breconnecting attempt \d|\bwebsocket disconnected\b|\bwebsocket close: code=|"
    r"(?<!指数退避)重连(?!成功)|断开连接|连接关闭|连接断开|连接失败",
    re.IGNORECASE,
)
# A channel client's own close as it stops, which the same words would read as a drop: the DingTalk connector's close
# listener "WebSocket close: code=1000, reason=<r>, isStopped=true" (the account's abort ran: it reconnects only when
# isStopped=false), the WeCom SDK's close on the plugin's abort (@wecom/aibot-node-sdk closes with 1000 "Manual
# disconnect": "WARN: WebSocket connection closed: Manual disconnect", then the monitor's "WebSocket disconnected: Manual
# disconnect") and that monitor's "[<acct>] Connection aborted" on the abort signal. Read as the channel stopping
# (``channel.stopping``), neither a drop nor a fault. (The connector's start note "..., 指数退避重连", its backoff policy,
# is no reconnect either: DROP_WORDS leaves it.)
STOP_CLOSE_WORDS = re.compile(r"\bisStopped=true\b|\bmanual(?:ly)? (?:disconnect|close)\b|"
                              r"\A(?:\[[^\[\]\s]{1,200}\] )?Connection aborted\s*\Z", re.IGNORECASE)
CHANNEL_STOPPING_KIND = "channel.stopping"
# Literal pieces one of which every line DROP_WORDS reads holds, as written: the JSONL fast path decodes a record that
# holds one (stuckscan.fastscan), so both paths type the same lines.
DROP_NEEDLES = ("econnect", "ebSocket closed event", "eartbeat timeout", "onnection closed", "onnection lost",
                "onnection attempt", "ill retry connection",
                "ebSocket disconnected", "ebSocket close: code=", "重连", "断开连接", "连接关闭", "连接断开", "连接失败")


# A channel's own call to its platform aborted on its timeout ("[weixin] typing send error: AbortError: This operation
# was aborted", "weixin reply final: AbortError: ..."): the AbortError family reads a run's abort, but under a channel's
# subsystem, named as the channel's send or poll, it is that channel's transport failing.
# The DingTalk plugin's words for its sends (soimy/openclaw-channel-dingtalk src/messaging/send-service.ts, src/card/
# card-service.ts, log.error): "[DingTalk] Failed to send proactive message: ...", and its AI card's streaming update
# and that update's retry with a fresh token, "[DingTalk][AICard] Streaming update failed: key=<key> ...", "[DingTalk]
# [AICard] Retry after token refresh failed: ...". Google Chat's typing indicator, a message sent before each reply
# (extensions/googlechat/src/monitor.ts, runtime.error): "Failed sending typing message: <err>" (t48a).
_CHANNEL_CALL = re.compile(r"\b(?:typing|send\w*|reply|deliver\w*|getUpdates|poll\w*)\b[^:\n]{0,40}"
                           r"(?:error|failed|final)\b|\bfailed (?:to send\b|sending (?:typing|message|reply)\b)"
                           r"|\b(?:retry after token refresh|streaming update) failed\b",
                           re.IGNORECASE)
# ... and the platform refusing the channel's credentials on such a call ("[qqbot] sendText failed: HTTP 401:
# Unauthorized"): every send fails alike, so the bot is silent however well its intake works. Axios words a 401 as
# "Request failed with status code 401" (the DingTalk plugin's "[DingTalk] Send message failed: ..."; its proactive
# send adds "status=401 Unauthorized"); a bare 403 there is no credentials word: DingTalk answers its QPS limit so.
# Google Chat words the Chat API's refusal "Google Chat API 401: <body>" / "Google Chat API 403: <body>"
# (extensions/googlechat/src/api.ts), and its access-token request refused by Google's OAuth endpoint, as
# google-auth-library words it, "invalid_grant: Invalid JWT Signature." (a rotated or deleted service-account key),
# "unauthorized_client: ...", or auth.ts's "Missing Google Chat access token" (t48a).
_CREDENTIALS_REFUSED = re.compile(r"\bHTTP 40[13]\b|\b40[13] (?:Unauthorized|Forbidden)\b|\bUnauthorized\b|"
                                  r"\binvalid (?:access )?token\b|\bstatus(?: code |=)401\b|\bGoogle Chat API 40[13]\b|"
                                  r"\b(?:invalid_grant|invalid_client|unauthorized_client)\b|"
                                  r"\bMissing Google Chat access token\b", re.IGNORECASE)
# ... or refusing the app's id and secret when the channel asks for its access token: QQ Bot's token request (sliverp/qqbot
# src/api.ts) throws "Failed to get access_token: <the platform's answer>" when the answer carries no token, and its
# gateway logs the connect failing on it, "[qqbot:<acct>] Connection failed: Error: Failed to get access_token:
# {"code":100016,"message":"invalid appid or secret"}", then retries: an app whose credentials are refused never
# connects, and every retry fails alike. (A network failure there, "Network error getting access_token: ...", is not.)
_TOKEN_REFUSED = re.compile(r"\bFailed to get access_?token\b[^\n]{0,200}?(?:\binvalid (?:app ?id|app ?secret|client ?secret|"
                            r"secret)\b|\bapp ?id invalid\b|\"code\":\s?100016\b)", re.IGNORECASE)


# A channel that stops taking in messages for a while on its platform's word, in its own subsystem's words ("session
# expired ..., pausing ...", "pausing polling ..."): its intake is down for that long, though no word of it says
# "failed". (The WeChat plugin's own pause is a family, read with or without its tag: families.py.)
_INTAKE_PAUSED = re.compile(r"\bsession expired\b.{0,80}\bpaus(?:e|ing)\b|\bpausing (?:the )?(?:bot|polling|channel)\b",
                            re.IGNORECASE)


PAUSE_NEEDLES = ("ession expired", "ausing bot", "ausing polling", "ausing channel", "ausing the ")
# A channel's start resolving its configured names through its platform's API and falling back to the config's entries,
# "<channel> channel resolve failed; using config entries. <err>" (logged at INFO, extensions/<channel> monitor): a
# missing scope there is harmless (the entries are used as written), but a network failure ("fetch failed | getaddrinfo
# EAI_AGAIN discord.com") is the channel unable to reach its platform at all.
RESOLVE_NEEDLES = ("resolve failed; using config entries",)
_RESOLVE_FAILED = re.compile(r"^(?:(?P<channel>[a-z-]{2,30}) )?(?:channel|user|group) resolve failed; using config entries\.?"
                             r"\s*(?P<error>.*)", re.DOTALL)


def platform_unreachable_at_resolve(event: Event) -> str | None:
    """The channel whose start could not reach its platform to resolve its configured names, or None."""
    if RESOLVE_NEEDLES[0] not in event.message:
        return None
    said = _RESOLVE_FAILED.match(event.message.strip())
    if said is None or TRANSPORT_WORDS.search(said["error"]) is None:
        return None
    return channel_subsystem(event.subsystem) or channel_subsystem(said["channel"])


# A channel client saying its session with its platform is up, in words no family knows (QQ Bot: "[qqbot:default]
# Gateway ready", its READY after identify; DingTalk Stream: "connect success", and the DingTalk plugin's connection
# manager's "[<acct>] DingTalk Stream client connected successfully" and "[<acct>] Reconnection successful"
# (soimy/openclaw-channel-dingtalk src/connection-manager.ts); the DingTalk connector's "Connected to DingTalk Stream
# successfully" and "✅ 重连成功 (socket 状态=1)" (zhanglilong23/dingtalk-openclaw-connector src/core/connection.ts);
# "Reconnected"; QQ Bot's READY after identify and RESUMED after resume in its gateway.ts, sliverp/qqbot:
# "[qqbot:<acct>] Ready with <intents>, session: <id>", older "Ready, session: <id>", and "[qqbot:<acct>] Session
# resumed"): the channel receiving again (RC18 reads a drop it healed from as no failure). A socket merely opened ("WebSocket connected") is not: the
# platform may refuse the session on it at once (f499: identify answered with invalid session, close 4903). A
# connection the plugin says it logged in on is (t49g: TrueConf/trueconf-openclaw-channel src/ws-client.ts "[trueconf]
# Connected and authenticated"; FtlC-ian/openclaw-channel-zulip src/zulip/monitor.ts "zulip connected as <bot>
# (<email>)", after its own profile was fetched with its key). A reconnect the plugin says succeeded, with the attempt
# named between (t49i: maxim-top/openclaw-channel-lanying src/channel.ts "[clawchat] reconnect attempt success {
# attempt: <n>, ... }", written once its SDK is logged in again and its socket connected).
UP_WORDS = re.compile(r"\bgateway ready\b|\bconnected and authenticated\b|\bconnected as \S|\b(?:re)?connect(?:ion)?(?: attempt)? success|\breconnected\b|\bconnection established\b|"
                      r"\bclient connected successfully\b|\bconnected to dingtalk stream successfully\b|重连成功|"
                      r"(?:^|\]\s*)Ready(?: with [^,\n]{1,80})?, session: \S|\bsession resumed\b",
                      re.IGNORECASE)
UP_NEEDLES = ("ateway ready", "onnect success", "onnection success", "econnected", "onnection established",
              "onnected successfully", "Stream successfully", "重连成功", "Ready with ", "Ready, session: ",
              "ession resumed", "onnected and authenticated", "onnected as ", "onnect attempt success")

# Every literal one of which a line as_channel_failure retypes at INFO must hold: the JSONL fast path decodes a
# record holding one (stuckscan.fastscan), so both paths type the same lines.
CHANNEL_NEEDLES = DROP_NEEDLES + PAUSE_NEEDLES + RESOLVE_NEEDLES + UP_NEEDLES


# A channel's own send refused by its platform with an HTTP error ("消息发送失败 ... Request failed with status code 403",
# "AI Card 更新失败：... status code 403", "[AICard] 创建卡片失败 (群聊 ...): ... status code 403", "sendText failed: HTTP
# 500"; the DingTalk plugin's "[DingTalk] Send message failed: ... status code 500", "[DingTalk] Failed to send proactive
# message: status=403 Forbidden message=...", "[DingTalk][AICard] Retry after token refresh failed: ... status code
# 401"): the reply did not reach the chat.
_SEND_REFUSED = re.compile(r"(?:发送失败|更新失败|创建卡片失败|send\w*(?: message)? failed|failed to send\b|"
                           r"(?:retry after token refresh|streaming update) failed)"
                           r"[^\n]{0,80}(?:(?:status code|HTTP) |status=)[45]\d\d",
                           re.IGNORECASE)


# ... but not the DingTalk plugin's AI card streaming update answered 403 or 429 (soimy/openclaw-channel-dingtalk
# src/card-service.ts): DingTalk answers its QPS limit so, and the plugin then turns its AI card off for the account for
# a while ("[DingTalk][AICard][Degrade] Activated for account=..."), answering in markdown: the reply still reaches the
# chat, and a busy card's updates meet the limit in bursts.
_CARD_UPDATE_THROTTLED = re.compile(r"\bstreaming update failed\b[^\n]{0,80}(?:status code |status=)(?:403|429)\b",
                                    re.IGNORECASE)


def send_refused(event: Event) -> bool:
    """A channel's own send refused by its platform with an HTTP error (credentials or not)."""
    return (_SEND_REFUSED.search(event.message) is not None and _CARD_UPDATE_THROTTLED.search(event.message) is None) \
        or credentials_refused(event)


def credentials_refused(event: Event) -> bool:
    """A channel's own call refused for its credentials (HTTP 401/403, Unauthorized, an invalid token), its request
    for an access token refused for the app's id and secret, or its login refused when it connects."""
    return (_CHANNEL_CALL.search(event.message) is not None and _CREDENTIALS_REFUSED.search(event.message) is not None) \
        or token_refused(event) or login_refused(event)


# ... or the platform refusing the channel's login when it connects, in the words community plugins pass on from their
# servers (t49g): Rocket.Chat's realtime login, cloudrise-network/openclaw-channel-rocketchat src/rocketchat/monitor.ts
# "[<acct>] Realtime error: Login failed: User not found or incorrect password"; TrueConf's auth, TrueConf/trueconf-
# openclaw-channel src/channel.ts "[trueconf] Account <acct> startup failed: Error: Authentication failed: <reason>";
# an MQTT broker's CONNACK, kadbbz/openclaw-channel-mqtt src/client.ts "MQTT error: Connection refused: Not
# authorized" (or "Bad username or password"); an IMAP server's NO, antarien/openclaw-channel-imap "imap transport
# error { ..., error: 'Invalid credentials (Failure)' }"; Zulip's API, FtlC-ian/openclaw-channel-zulip "zulip polling
# error: Error: Zulip API error (401): Invalid API key". Every reconnect is refused alike: the channel never receives.
_LOGIN_REFUSED = re.compile(r"\b(?:login|authentication|auth) failed\b|\binvalid (?:credentials|api key|username or password)\b"
                            r"|\bnot authori[sz]ed\b|\bbad username or password\b|\bincorrect password\b"
                            r"|\bAUTHENTICATIONFAILED\b", re.IGNORECASE)
LOGIN_NEEDLES = ("failed", "nvalid ", "uthori", "assword", "AUTHENTICATIONFAILED")
# ... but not the same words said of a turn's own calls ahead of them: the model provider's key refused under a
# channel's logger (OpenClaw logs an embedded agent session under "gateway/channels/<channel>",
# src/agents/embedded-agent-subscribe.ts; "Agent failed before reply: Authentication failed: invalid x-api-key",
# "zulip: message processing failed: Error: 401 Invalid API key"), a reply's or a speech call's ("tts failed:
# ElevenLabs 401 Unauthorized: Invalid API key"): the channel's own login was accepted, one turn failed (q55).
# ... nor a login that ran out of time or could not reach its server (maxim-top/openclaw-channel-lanying src/channel.ts:
# "[clawchat] login failed Error: ClawChat SDK not logged in after login timeout"): nothing was refused (t49i).
_LOGIN_NOT_REFUSED = re.compile(r"\btime[ds]? ?out\b|\bETIMEDOUT\b|\bECONN[A-Z]+\b|\bENOTFOUND\b|\bfetch failed\b",
                                re.IGNORECASE)
_TURN_CALL = re.compile(r"\b(?:agent|model|provider|llm|repl(?:y|ies)|tts|speech|transcri\w*|embeddings?|completions?"
                        r"|openai|anthropic|gemini|openrouter|elevenlabs|handler|handling|processing|dispatch\w*)\b",
                        re.IGNORECASE)


def login_refused(event: Event) -> bool:
    """A channel's login to its platform refused for its credentials (see :data:`_LOGIN_REFUSED`), not a turn's call
    refused for the provider's (see :data:`_TURN_CALL`)."""
    if not any(needle in event.message for needle in LOGIN_NEEDLES):
        return False
    refused = _LOGIN_REFUSED.search(event.message)
    return refused is not None and _TURN_CALL.search(event.message, 0, refused.start()) is None \
        and _LOGIN_NOT_REFUSED.search(event.message, refused.end()) is None


def token_refused(event: Event) -> bool:
    """A channel's request for its access token refused for the app's id and secret (QQ Bot's "Failed to get
    access_token: {"code":100016,"message":"invalid appid or secret"}"): the channel never connects."""
    return "ccess" in event.message and _TOKEN_REFUSED.search(event.message) is not None


# A channel's ERROR about the inbound request it was handed, in words no family knows: a request it could not read at
# all ("[wecom] Failed to parse request body as JSON": a body not in the format it expects meets every message alike),
# or its handler throwing on a fault of its own code, as the handler_broken families read OpenClaw's channels ("failed
# to handle inbound message: TypeError: ...", the DingTalk connector's "❌ 处理消息异常 (<n>/<m>): <err>",
# zhanglilong23/dingtalk-openclaw-connector src/core/connection.ts). The message dies in the channel before any session sees it. Any other
# error there (a rate limit, a session conflict) fails one message; an outbound call's error (a send, a reply, a media
# upload) fails one reply; a turn the channel's worker gave up on after a while ("inbound worker timed out") ran too long.
_INBOUND = r"(?:the |an? )?(?:inbound |incoming )?(?:request|message|event|update|payload|body)\b"
_UNREADABLE_REQUEST = re.compile(r"\brequest body\b|\b(?:parse|decrypt)\w* " + _INBOUND, re.IGNORECASE)
# Community plugins word it the other way round (FtlC-ian/openclaw-channel-zulip src/zulip/monitor.ts: "zulip message
# handler failed: <err>", "zulip: message processing failed: <err>"; kadbbz/openclaw-channel-mqtt src/client.ts:
# "Message handler error: <err>"; maxesisn/openclaw-channel-onebot11 src/channel.ts: "OneBot11 inbound handling
# error <err>"; t49g), and as handing the message on that failed (t49i: ChihiroAF/openclaw-channel-whatsapp-evo
# src/http.ts "[whatsapp-evo] inbound dispatch failed (wamid=<id>): <err>"; clawparty-ai/openclaw-channel-plugin-ztm
# src/channel/message-dispatcher.ts "[<acct>] Failed to dispatch message from <sender>: <err>").
_HANDLER_FAILED = re.compile(r"\b(?:(?:webhook|callback) (?:handler|request|payload|body|event)\b|(?:handle|process)\w* "
                             + _INBOUND + r")|\b(?:inbound |incoming )?(?:message|event) (?:handler|handling|processing) "
                             r"(?:failed|error)\b|\binbound handling error\b|处理消息异常"
                             r"|\binbound dispatch failed\b|\bfailed to dispatch (?:the |an? )?(?:inbound )?message\b",
                             re.IGNORECASE)
_TIMED_OUT = re.compile(r"\btime[ds]? ?out\b", re.IGNORECASE)  # (timeout, timed out, time out)


@lru_cache(maxsize=1)
def _code_fault_ahead() -> re.Pattern[str]:
    """The handler_broken families' code-fault lookahead (imported when first needed: the rules import this module,
    and `stuckscan rules` and `--help` must not load the parser's families)."""
    from stuckscan.families import CODE_FAULT
    return re.compile(CODE_FAULT)


def send_broken(event: Event) -> bool:
    """A channel's own send failing on a fault of its code or config rather than of the platform's answer ("NapCat
    message send failed: TypeError: Failed to parse URL from http://127.0.0.1:3000/send_private_msg", f1615): every
    reply meets it alike, as a broken inbound handler does. (Asked of a line already typed too: no level test.)"""
    call = _CHANNEL_CALL.search(event.message) or _DELIVER_ERROR.search(event.message)
    return call is not None and _code_fault_ahead().search(event.message, call.end()) is not None


# The reply dispatcher's onError as QQ Bot's gateway.ts (sliverp/qqbot) and its copies log it, "[qqbot:<acct>] Dispatch
# error: <err>": the host calls it when the plugin's deliver callback (its send) threw, so a fault of the code there is
# the channel's send broken, not its intake.
_DELIVER_ERROR = re.compile(r"\bDispatch error: ")


def inbound_handling_failed(event: Event) -> bool:
    """An ERROR line of a channel's about the inbound request it was handed: one it could not read, or its handler
    failing on a fault of its code; not one of its own calls, not a turn that ran out its time."""
    message = event.message
    if event.level not in ("error", "fatal") or _CHANNEL_CALL.search(message) is not None \
            or _TIMED_OUT.search(message) is not None:
        return False
    if _UNREADABLE_REQUEST.search(message) is not None:
        return True
    handler = _HANDLER_FAILED.search(message)
    return handler is not None and _code_fault_ahead().search(message, handler.end()) is not None


# Lines a channel plugin writes with its channel's name as their first word, in templates whose wording is the plugin's
# own: the WeChat plugin's long-poll monitor (Tencent/openclaw-weixin src/monitor/monitor.ts) hands the gateway's
# channel runtime "weixin monitor started (<baseUrl>, account=<id>)" (log), "weixin getUpdates error (<n>/<max>):
# <err>[ type=<t> description=<d>[ code=<c>]]", "weixin getUpdates failed: ret=<r> errcode=<c> errmsg=<m> (<n>/<max>)"
# and "weixin getUpdates: <max> consecutive failures, backing off 30s" (error). Pasted without the console tag
# ("[openclaw-weixin]"), they still name their channel: read as the tagged line is, the channel taken from that first
# word. Only these templates: prose that opens with a channel's name ("weixin is not replying since ...") names no
# channel's fault, and other programs' "Weixin getUpdates error (<n>/<m>)" (capitalised) is not this plugin's.
_SELF_NAMED_LINE = re.compile(
    r"(?P<channel>weixin) (?:getUpdates error \(\d{1,4}/\d{1,4}\): \S|getUpdates failed: ret=\S{0,40} errcode="
    r"|getUpdates: \d{1,4} consecutive failures, backing off \d|monitor started \(\S)")


def self_named_channel(event: Event) -> str | None:
    """The channel an untagged line names as its first word, in one of a channel plugin's own templates
    (:data:`_SELF_NAMED_LINE`: ``weixin getUpdates error (1/3): TypeError: fetch failed`` -> ``weixin``), or None."""
    if event.subsystem or "weixin " not in event.message:
        return None
    said = _SELF_NAMED_LINE.match(event.message.strip())
    return said["channel"] if said is not None else None


def as_channel_failure(event: Event) -> Event:
    """An unrecognised line under a channel's own subsystem that reports a fault worded as a connection failing is
    that channel's transport failing (``channel.transport_error``, RC18's evidence), as is one saying its intake is
    paused on the platform's word, one whose start could not reach its platform to resolve its names, a channel's own
    send aborting, and a channel plugin failing to load (read as the channel exiting). An ERROR about the inbound
    request it was handed is the channel's handler failing (``channel.handler_broken``); one that says the connection
    dropped or is being re-established is the channel reconnecting (``channel.reconnecting``), one that says it is up
    again the channel receiving (``channel.polling_started``); any other event is returned as it is."""
    if event.kind == PLUGIN_LOAD_FAILED_KIND:
        channel = channel_plugin(str(event.fields.get("plugin", "")), str(event.fields.get("path", "")))
        if channel is not None:  # a channel plugin that never loaded: its channel never starts
            event.kind = CHANNEL_EXITED_KIND
            event.fields.setdefault("channel", channel)
        return event
    if event.kind == ABORTED_KIND and channel_subsystem(event.subsystem) is not None \
            and _CHANNEL_CALL.search(event.message) is not None:
        event.kind = CHANNEL_FAILURE_KIND
        return event
    if event.kind != GENERIC_KIND:
        return event
    unreachable = platform_unreachable_at_resolve(event)
    if unreachable is not None:
        event.kind = CHANNEL_FAILURE_KIND
        event.fields.setdefault("channel", unreachable)
        return event
    channel = channel_subsystem(event.subsystem)
    named = None if channel is not None else self_named_channel(event)
    if named is not None:  # (an untagged line of a plugin's own template, its channel its first word)
        channel = named
    if channel is None or (channel in SHARED_CHANNEL_TAGS and _NAMES_ACCOUNT.search(event.message) is None):
        unreached = platform_host_unreachable(event)  # (its needle test first: most lines here name no host)
        if unreached is not None and looks_like_fault(event):
            event.kind = CHANNEL_FAILURE_KIND
            event.fields.setdefault("channel", unreached)
        return event
    if event.level not in ("error", "fatal", "critical") and STOP_CLOSE_WORDS.search(event.message) is not None:
        event.kind = CHANNEL_STOPPING_KIND
        return event
    fault = looks_like_fault(event)
    if fault and (TRANSPORT_WORDS.search(event.message) is not None or send_refused(event) or login_refused(event)):
        event.kind = CHANNEL_FAILURE_KIND
    elif inbound_handling_failed(event) or (fault and send_broken(event)):
        event.kind = HANDLER_BROKEN_KIND
    elif event.level not in QUIET_DEBUG and any(needle in event.message for needle in PAUSE_NEEDLES) \
            and _INTAKE_PAUSED.search(event.message) is not None:
        event.kind = CHANNEL_FAILURE_KIND
    elif event.level not in QUIET_DEBUG and any(needle in event.message for needle in DROP_NEEDLES) \
            and DROP_WORDS.search(event.message) is not None:
        event.kind = CHANNEL_FAILURE_KIND if fault else CHANNEL_RECONNECT_KIND
    elif not fault and event.level not in QUIET_DEBUG and any(needle in event.message for needle in UP_NEEDLES) \
            and UP_WORDS.search(event.message) is not None:
        event.kind = CHANNEL_UP_KIND
    if named is not None and event.kind != GENERIC_KIND:
        event.fields.setdefault("channel", named)  # (no tag to name it: the line's own first word does)
    return event


# The DingTalk Stream SDK (dingtalk-stream, bundled by the DingTalk channel plugins) prints to the console with no
# channel tag: its debug notes as "[<ISO time>] <note>" ("[2026-03-11T09:45:16.821Z] connect success") and its socket's
# errors as console.warn('ERROR', err) ("ERROR Error: connect ETIMEDOUT <addr>:443"). Words too plain to be read
# alone, they are DingTalk's in a file that shows the DingTalk channel.
_DINGTALK_SDK_UP = re.compile(r"^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?[Zz]\] ?connect success\s*$")
_SOCKET_CONNECT_FAILED = re.compile(r"^(?:ERROR )?Error: connect (?:ETIMEDOUT|ECONNREFUSED|ECONNRESET|EHOSTUNREACH"
                                    r"|ENETUNREACH) \S+")


def shows_dingtalk(event: Event) -> bool:
    """Whether a line is the DingTalk channel's own (its plugin's tag, a line read as DingTalk's, "[DingTalk]")."""
    return channel_subsystem(event.subsystem) == "dingtalk" or event.fields.get("channel") == "dingtalk" \
        or "[DingTalk]" in event.message


def as_dingtalk_sdk_line(event: Event) -> Event:
    """An untagged line in the DingTalk Stream SDK's words, read as the DingTalk channel's: its "connect success" as
    the channel receiving again, its socket's connect error as the channel's transport failing. Only for a file that
    shows the DingTalk channel (the caller's to know); any other event is returned as it is."""
    if event.kind != GENERIC_KIND or event.subsystem:
        return event
    message = event.message.strip()
    if _DINGTALK_SDK_UP.match(message):
        event.kind = CHANNEL_UP_KIND
    elif event.level in ("error", "warn") and _SOCKET_CONNECT_FAILED.match(message):
        event.kind = CHANNEL_FAILURE_KIND
    else:
        return event
    event.fields.setdefault("channel", "dingtalk")
    return event


QUIET_DEBUG = frozenset({"trace", "debug"})
CHANNEL_FAILURE_KIND = "channel.transport_error"
CHANNEL_RECONNECT_KIND = "channel.reconnecting"
ABORTED_KIND = "run.aborted_error"
PLUGIN_LOAD_FAILED_KIND = "plugin.load_failed"
CHANNEL_EXITED_KIND = "channel.exited"
HANDLER_BROKEN_KIND = "channel.handler_broken"
CHANNEL_UP_KIND = "channel.polling_started"  # (the correlator's INGRESS_BACK_KIND)
# Kinds as_channel_failure may retype (the parser hands it only these).
RETYPED_KINDS = frozenset({GENERIC_KIND, ABORTED_KIND, PLUGIN_LOAD_FAILED_KIND})


# Subsystems that are the gateway's own, not a channel's (an uncaught exception is logged under [openclaw], under
# [clawdbot] or [moltbot] in the builds of those names).
GATEWAY_SUBSYSTEMS = PRODUCT_NAME_SET | {"gateway", "channels", "health-monitor", "diagnostic"}
# A channel's own child loggers, named after their part of it (extensions/whatsapp logs its Web client's
# reconnects, replies and heartbeat as web-reconnect, web-auto-reply, web-heartbeat).
CHILD_LOGGER_CHANNELS = {"web-reconnect": "whatsapp", "web-auto-reply": "whatsapp", "web-heartbeat": "whatsapp",
                         "web-inbound": "whatsapp"}


def _text(event: object, name: str) -> str:
    value = getattr(event, "fields", {}).get(name)
    return value if isinstance(value, str) else ""


def channel_from_subsystem(event: object) -> str:
    """A channel's own lines are logged under its subsystem (``telegram``, ``gateway/channels/slack``), or under a
    child logger of it (``gateway/channels/whatsapp/heartbeat``, ``telegram/api``): the channel it names."""
    subsystem = str(getattr(event, "subsystem", "") or "")
    known = channel_subsystem(subsystem)
    if known:
        return known
    name = subsystem.rsplit("/", 1)[-1]
    if name in GATEWAY_SUBSYSTEMS:
        return ""
    return CHILD_LOGGER_CHANNELS.get(name, name)


def channel_of(event: object) -> str:
    """The channel and account a channel's line is of (``telegram:default``; ``telegram:`` with no account named)."""
    channel = _text(event, "channel") or channel_of_url(getattr(event, "fields", {}).get("url")) \
        or channel_from_subsystem(event)
    name, colon, account = channel.partition(":")
    if "-" in name or "_" in name:  # (a plugin's own tag names the channel it serves: "dingtalk-connector:__default__")
        channel = (channel_subsystem(name) or name) + colon + account
    elif name in CHANNEL_ALIASES:  # (a distribution's own id for a channel we know: the health monitor's "[napcat:default]")
        channel = CHANNEL_ALIASES[name] + colon + account
    if ":" in channel and not _text(event, "account"):
        return channel  # the console tag [telegram:eva-public] names both
    return f"{channel}:{_text(event, 'account')}"


# The fields a line of the gateway serving names its channel by: `message processed: channel=<id>`, `embedded run
# start: messageChannel=<id>`, a reply's `surface=`; a placeholder names none. `message queued: ... source=<s>` names
# the caller in the core (src/logging/diagnostic.ts's logMessageQueued: "dispatch", "pi-embedded-runner",
# "embedded-agent-runner", a plugin's "webhook"), a channel only in some builds' lines (`source=telegram`, sample_logs):
# read only when it is a channel id we know.
_SERVED_CHANNEL_FIELDS = ("channel", "messageChannel", "surface")
_NO_CHANNEL = frozenset({"", "unknown", "none", "null", "undefined"})
# A session key (`sessionKey=agent:main:telegram:direct:<id>`, a session lane `lane=session:agent:main:discord:...`)
# names its channel third; "agent:main:main" (the main session) and "agent:main:cron:<job>" name none.
_SESSION_KEY_CHANNEL = re.compile(r"(?:^|:)agent:[^:\s]{1,100}:(?P<channel>[\w-]{1,60})(?=:|$)")


def served_channel(event: Event) -> str:
    """The channel a line of the gateway serving or answering names (``telegram``; no account), or "" when it names
    none: its ``channel``/``messageChannel``/``surface`` field or a ``source`` that is a known channel id, else a
    channel's subsystem (``gateway/channels/discord``, ``telegram/send``), else the channel its session key or session
    lane names. RC18 reads it so that one channel's traffic does not stand for another channel working (n64)."""
    # (a lazy event answers these keys from its words, untokenized: parser.PEEKABLE; and only the keys it states are
    # read, n67)
    get, stated = event.get, event.peekable_keys()
    for name in _SERVED_CHANNEL_FIELDS:
        if name in stated and isinstance(value := get(name), str) \
                and (said := value.strip().lower().split(":", 1)[0]) not in _NO_CHANNEL:
            return channel_subsystem(said) or said
    source = get("source") if "source" in stated else None
    known = channel_subsystem(source.strip().lower()) if isinstance(source, str) and "/" not in source else None
    if known:
        return known
    known = channel_subsystem(event.subsystem or "")
    if known:
        return known
    for name in ("sessionKey", "lane"):
        if name in stated and isinstance(value := get(name), str) \
                and (key := _SESSION_KEY_CHANNEL.search(value)) is not None:
            known = channel_subsystem(key["channel"].lower())
            if known:
                return known
    return ""


# A line no shape read that RC18 keeps beside a channel's episode (Correlator keeps a few): a channel's own logger
# saying something of it failed ("[discord] invalid rest proxy: Error: Proxy URL must target a loopback host",
# messages lost), a rejection nothing caught, or the resume Discord's client schedules after a close ("Attempting
# resume with backoff: 1000ms after code 1006"). One drop alone is no fault; with one of these beside it, it is.
CHANNEL_SIDE_FAILURE = re.compile(r"\b(?:error|failed|failure|invalid|refused|rejected|cannot|unable|lost|dropped|"
                                  r"gave up|giving up|max attempts)\b", re.IGNORECASE)
UNHANDLED_REJECTION = re.compile(r"\bunhandled (?:promise )?rejection", re.IGNORECASE)
RESUME_SCHEDULED = re.compile(r"\bresume with backoff:?\s*(\d{1,7})\s?ms\b", re.IGNORECASE)


def channel_side_line(event: Event) -> bool:
    """Whether a line no shape read is one RC18 reads beside a channel's one drop (see :data:`CHANNEL_SIDE_FAILURE`)."""
    if event.kind != GENERIC_KIND:
        return False
    message = event.message
    if UNHANDLED_REJECTION.search(message) or RESUME_SCHEDULED.search(message):
        return True
    return bool(channel_subsystem(event.subsystem)) and CHANNEL_SIDE_FAILURE.search(message) is not None


# One account's provider started again and again, with no gateway start, restart or shutdown line between the starts
# (labelling policy "channel reconnect burst": three or more `starting provider` lines at a regular interval): the
# channel restarting in a loop, even when each start connects. Regular: the two steps between three starts in a row
# differ by at most a tenth of the longer (or a few seconds), as a timer or a watchdog spaces them; a step longer than
# a few hours, or starts at irregular times far apart, is a gateway started by hand now and then, not a loop.
START_LOOP_STARTS = 3
START_LOOP_MAX_STEP = timedelta(hours=3)
START_LOOP_SLACK = 0.1
START_LOOP_MIN_SLACK = timedelta(seconds=5)
SAME_START = timedelta(seconds=1)  # (a start printed twice, to the file and the console, is one start)
# A step of a whole number of hours (within a minute: the gateway's own start-up time varies by a few seconds) is a
# schedule's, a cron job or a supervisor restarting the gateway every hour or every few hours; in a view that keeps only
# the channel's lines (`openclaw channels logs --channel <x>`, a grep), its start lines are not there to break the run,
# so such starts are read as the gateway's scheduled restarts, not a loop (q51). The health monitor's cadence (its
# 5-minute checks after a 30-minute stale threshold: 35 min in f489) is no whole hour.
SCHEDULE_HOUR = timedelta(hours=1)
SCHEDULE_SLACK = timedelta(minutes=1)
# An account's start by its channel plugin ("[default] starting provider", "starting LINE provider (<bot>)", "starting
# feishu[<acct>] (mode: ...)"), not a client's own reconnect that the channel logs as starting a socket again.
_PROVIDER_START = re.compile(r"\bprovider\b|^starting [\w-]{1,40}\[")


def provider_start(event: Event) -> bool:
    """Whether a channel start line (``channel.starting``) is an account's provider starting."""
    return _PROVIDER_START.search(event.message) is not None


def regular_steps(times: list[datetime]) -> timedelta | None:
    """The step of the last :data:`START_LOOP_STARTS` starts of one account (``times``, in order) when they come at a
    regular interval (see :data:`START_LOOP_SLACK`), else None."""
    if len(times) < START_LOOP_STARTS:
        return None
    last = times[-START_LOOP_STARTS:]
    steps = [later - earlier for earlier, later in zip(last, last[1:])]
    longest = max(steps)
    if min(steps) <= SAME_START or longest > START_LOOP_MAX_STEP:
        return None
    if longest - min(steps) > max(longest * START_LOOP_SLACK, START_LOOP_MIN_SLACK):
        return None
    step = sum(steps, timedelta(0)) / len(steps)
    hours = round(step / SCHEDULE_HOUR)
    if hours >= 1 and all(abs(s - hours * SCHEDULE_HOUR) <= SCHEDULE_SLACK for s in steps):
        return None  # (a restart every hour or every few hours, on a schedule)
    return step


# The gateway's start line (src/gateway/server-startup-log.ts, logGatewayStartup): "listening on <scheme>://<host>:<port>
# [, <scheme>://[<v6 host>]:<port>] (PID <pid>)", scheme ws or wss, one endpoint per bound host, all on the one port
# the config's gateway.port, `--port` or OPENCLAW_GATEWAY_PORT set (18789 by default). Only a ws/wss endpoint names
# the gateway (a plugin's own "listening on http://..." does not).
_GATEWAY_ENDPOINT = re.compile(r"\bwss?://(?:\[[0-9A-Fa-f:.]{2,45}\]|[\w.-]{1,253}):(?P<port>\d{1,5})\b")


def listening_ports(marker: Event) -> frozenset[int]:
    """The ports one gateway start line (``gateway.listening``) names; none for any other line."""
    if marker.kind != "gateway.listening":
        return frozenset()
    return frozenset(int(m["port"]) for m in _GATEWAY_ENDPOINT.finditer(str(marker.fields.get("urls") or "")))


def gateway_ports(markers: Iterable[Event]) -> frozenset[int]:
    """The ports the gateway listened on, as the input says: the default, and each port a gateway start line among the
    markers names (anywhere in the input: a start before the refused deliveries, or the start that followed them)."""
    ports = {DEFAULT_GATEWAY_PORT}
    for marker in markers:
        ports.update(listening_ports(marker))
    return frozenset(ports)


def refused_off_gateway(event: Event, ports: frozenset[int]) -> bool:
    """A webhook delivery refused on a port the input does not name as the gateway's (see :func:`gateway_ports`): a
    delivery to another service, which no rule reads (an unexplained fault line, as before the family read the port)."""
    port = refused_port(event)
    return port is not None and port not in ports
