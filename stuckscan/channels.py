"""Channel failures in words no family knows: the parse stage's reading of a channel's own fault lines.

A line logged under a channel's subsystem (``[slack]``, ``gateway/channels/telegram``) that reports
a fault in connection words, but in a template no family knows, is that channel's transport failing:
it becomes ``channel.transport_error``, RC18's evidence, like the templates the families read.
"""

from __future__ import annotations

import re

from stuckscan.events import Event
from stuckscan.unexplained import looks_like_fault

# OpenClaw's messaging channels, as their subsystems name them (`telegram`, `gateway/channels/slack`,
# `discord:default`).
CHANNEL_NAMES = frozenset({
    "telegram", "discord", "slack", "whatsapp", "signal", "imessage", "bluebubbles", "googlechat", "msteams",
    "matrix", "mattermost", "feishu", "lark", "line", "zalo", "zalouser", "nextcloud-talk", "nostr", "twitch",
    "irc", "tlon", "synology-chat", "wecom", "dingtalk", "qqbot", "wechat",
})


def channel_subsystem(subsystem: str | None) -> str | None:
    """The channel a subsystem belongs to (``gateway/channels/telegram`` -> ``telegram``), or None."""
    if not subsystem:
        return None
    for part in subsystem.lower().split("/"):
        name = part.split(":", 1)[0]
        if name in CHANNEL_NAMES:
            return name
    return None


# Wording of a connection failing, not of one message failing (a dispatch error, an HTTP 500 on a reply,
# a provider overloaded are handled per message and say nothing of the channel's ingress). A bare "timed out"
# is not enough: a channel's worker or listener timing out on a slow turn is no transport failure.
TRANSPORT_WORDS = re.compile(
    r"\b(?:disconnect(?:ed|ion)?|reconnect(?:ing|ed)?|web ?socket|socket|"
    r"connection (?:closed|lost|reset|refused|error|failed)|ECONN[A-Z]+|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|"
    r"fetch failed|network (?:error|request)|pong|not ready|unreachable|getUpdates|polling)\b",
    re.IGNORECASE,
)


def as_channel_failure(event: Event) -> Event:
    """An unrecognised fault line under a channel's own subsystem, worded as a connection failing, is
    that channel's transport failing (``channel.transport_error``, RC18's evidence); any other event
    is returned as it is."""
    if looks_like_fault(event) and channel_subsystem(event.subsystem) is not None \
            and TRANSPORT_WORDS.search(event.message) is not None:
        event.kind = CHANNEL_FAILURE_KIND
    return event


CHANNEL_FAILURE_KIND = "channel.transport_error"
