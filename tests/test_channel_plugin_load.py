"""Policy "channel-plugin-load-failure" (tests/field/README.md): a channel plugin the loader could not load is RC18,
whatever channel it serves and however much of the loader's line survives; any other plugin's load failure is no
channel's (null)."""

from __future__ import annotations

import pytest

from stuckscan.analysis import analyze_events
from stuckscan.channels import channel_plugin
from stuckscan.parser import ParseStats, parse_text_lines


def _read(*lines: str):
    events = parse_text_lines(list(lines))
    return [e.kind for e in events], analyze_events(events, ParseStats())


def _primary(*lines: str) -> str | None:
    _, analysis = _read(*lines)
    findings = [*analysis.incidents, *analysis.episodes]
    return findings[0].primary.rule.id if findings and findings[0].primary else None


@pytest.mark.parametrize(("plugin", "path", "channel"), [
    ("rocketchat", "/opt/oc/extensions/rocketchat/dist/index.js", "rocketchat"),  # a chat platform OpenClaw lacks
    ("openclaw-zulip", "", "zulip"),
    ("openclaw-channel-mychat", "", "mychat"),  # the channel form, whatever the platform
    ("@acme/channel-chirp", "", "chirp"),
    ("chirp-channel", "", "chirp"),
    ("x", "/srv/oc/node_modules/@acme/openclaw-channel-chirp/dist/index.js", "chirp"),  # the package in its path
    ("x", "C:\\Users\\u\\.openclaw\\extensions\\viber-bridge\\index.ts", "viber"),
    ("ddingtalk", "", "dingtalk"),  # (known channels as before)
    # not channels: telemetry, memory, tools, a tool that works on channels, a dependency deeper in the path
    ("diagnostics-otel", "/root/.openclaw/extensions/diagnostics-otel/index.ts", None),
    ("memory-lancedb", "", None),
    ("channel-manager", "/home/u/.openclaw/extensions/channel-manager/index.ts", None),
    ("opik-openclaw", "/data/.openclaw/extensions/opik-openclaw/node_modules/@slack/web-api/index.js", None),
])
def test_a_channel_plugin_is_one_whose_id_or_folder_names_a_messaging_channel(plugin, path, channel) -> None:
    assert channel_plugin(plugin, path) == channel


# A chat platform's plugin outside the channel list that failed to load is its channel down; so is the tail of a
# channel plugin's load failure cut off in a paste (the path and the JavaScript error after the loader's "<id> failed to
# load from").
@pytest.mark.parametrize("line", [
    "[plugins] rocketchat failed to load from /opt/oc/extensions/rocketchat/dist/index.js: TypeError: "
    "sdk.defineChannel is not a function",
    "[plugins] openclaw-channel-chirp failed to load from /home/u/.openclaw/extensions/openclaw-channel-chirp/"
    "index.ts: Error: Cannot find module 'openclaw/plugin-sdk/compat'",
    "/home/u/.openclaw/extensions/feishu/index.ts: TypeError: (0 , _sdk.createRuntimeStore) is not a function",
    "/srv/oc/node_modules/@acme/openclaw-channel-chirp/dist/index.js: ReferenceError: defineChannel is not defined",
    ".openclaw/extensions/matrix/index.ts: Error [ERR_PACKAGE_PATH_NOT_EXPORTED]: Package subpath './x' is not "
    "defined by \"exports\"",
    # (t53c) a bundled channel's module not loaded (src/channels/plugins), its runtime deps not staged (src/plugins/loader.ts)
    "[channels] failed to load bundled channel slack: Cannot find module '/usr/lib/node_modules/openclaw/node_modules/"
    "typebox/build/index.mjs'",
    "[plugins] telegram failed to stage bundled runtime deps after 16605ms: grammy@1.38.2",
], ids=["platform-outside-list", "channel-form-id", "tail-feishu", "tail-scoped-package", "tail-matrix",
        "bundled-channel", "bundled-deps"])
def test_a_channel_plugins_load_failure_is_its_channel_down(line: str) -> None:
    kinds, _ = _read(line)
    assert kinds == ["channel.exited"]
    assert _primary(line) == "RC18"


def test_a_load_failure_of_a_plugin_that_is_no_channels_stays_without_a_cause() -> None:
    """The boundary: telemetry, memory and tool plugins (a tool named after channels too) leave messages untouched;
    a stack frame naming a channel plugin's file is no load failure."""
    for line in (
        "[plugins] diagnostics-otel failed to load from /root/.openclaw/extensions/diagnostics-otel/index.ts: Error: "
        "Cannot find module '@opentelemetry/api'",
        "[plugins] channel-manager failed to load from /home/u/.openclaw/extensions/channel-manager/index.ts: TypeError: "
        "x is not a function",
        "/root/.openclaw/extensions/memory-lancedb/index.ts: TypeError: lancedb.connect is not a function",
    ):
        kinds, analysis = _read(line)
        assert kinds == ["plugin.load_failed"]
        assert not analysis.episodes and not analysis.incidents
    frame = "    at register (/root/.openclaw/extensions/feishu/index.ts:12:5)"
    kinds, analysis = _read(frame)
    assert kinds == ["generic"] and not analysis.episodes
