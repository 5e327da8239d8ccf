"""The plugin loader's diagnostic "failed to load plugin: <error>" (src/plugins/loader.ts), as the older gateway logged it
("[plugins] failed to load plugin: ...", no plugin id: Node's "Require stack:" names the plugin's folder, f6121) and as
`openclaw doctor` prints it ("ERROR <id>: failed to load plugin: ... (<source>)", wrapped at the terminal's width in a
paste, f6122): a channel plugin's is its channel never starting (RC18, policy channel-plugin-load-failure); any other
plugin's is not."""
from __future__ import annotations

import json
from pathlib import Path

from stuckscan.analysis import analyze_paths
from stuckscan.parser import parse_text_lines

CASES = Path(__file__).parent / "field" / "cases"


def _kinds(lines: list[str]) -> list[tuple[str, dict]]:
    return [(e.kind, e.fields) for e in parse_text_lines(lines)]


def _headlines(path: Path) -> list[str | None]:
    found = analyze_paths([str(path)]).headline()
    return [found.primary.rule.id] if found is not None and found.primary is not None else []


GATEWAY_LINES = [
    "[plugins] failed to load plugin: Error: Cannot find module '../../../src/config/zod-schema.providers-core.js'",
    "Require stack:",
    "- /opt/stacks/bot/.clawdbot/extensions/msteams/src/channel.ts",
]
DOCTOR_LINES = [
    "`ERROR vk: failed to load plugin: Error [ERR_PACKAGE_PATH_NOT_EXPORTED]: Package  ",
    "  subpath './plugin-sdk/compat' is not defined by \"exports\" in                     ",
    "  /home/u/.openclaw/node_modules/openclaw/package.json                      ",
    "  (/home/u/.openclaw/extensions/vk/index.ts)`",
]


def test_require_stack_names_the_channel_plugin() -> None:
    (kind, fields), = _kinds(GATEWAY_LINES)
    assert kind == "channel.exited"
    assert fields["channel"] == "msteams"
    assert fields["error"].startswith("Error: Cannot find module")


def test_doctor_line_wrapped_at_terminal_width_is_one_event() -> None:
    (kind, fields), = _kinds(DOCTOR_LINES)
    assert kind == "channel.exited"
    assert fields["plugin"] == "vk" and fields["channel"] == "vk"
    assert fields["path"] == "/home/u/.openclaw/extensions/vk/index.ts"
    assert "package.json" in fields["error"]


def test_doctor_line_whole() -> None:
    line = ("- ERROR vk: failed to load plugin: Error [ERR_PACKAGE_PATH_NOT_EXPORTED]: Package subpath "
            "'./plugin-sdk/compat' is not defined by \"exports\" in /x/package.json (/h/.openclaw/extensions/vk/index.ts)")
    (kind, fields), = _kinds([line])
    assert kind == "channel.exited" and fields["channel"] == "vk"


def test_gateway_form_console_and_jsonl(tmp_path: Path) -> None:
    console = tmp_path / "gateway.log"
    console.write_text(f"2026-05-01T10:00:00Z error {GATEWAY_LINES[0]}\n" + "\n".join(GATEWAY_LINES[1:]) + "\n")
    jsonl = tmp_path / "openclaw-2026-05-01.log"
    message = GATEWAY_LINES[0].removeprefix("[plugins] ") + "\n" + "\n".join(GATEWAY_LINES[1:])
    jsonl.write_text(json.dumps({"0": json.dumps({"subsystem": "gateway"}), "1": "[plugins] " + message,
                                 "_meta": {"logLevelName": "ERROR", "date": "2026-05-01T10:00:00.000Z"},
                                 "time": "2026-05-01T10:00:00.000Z"}) + "\n")
    for path in (console, jsonl):
        assert _headlines(path) == ["RC18"], path.name


def test_field_cases_read_rc18() -> None:
    for stem in ("f6121-clawdbot-msteams-plugin-load-fails-relative-host-source-import",
                 "f6122-vk-channel-plugin-load-fails-compat-subpath-not-exported-doctor-wrapped"):
        assert _headlines(CASES / f"{stem}.log") == ["RC18"], stem


def test_non_channel_plugin_is_not_rc18(tmp_path: Path) -> None:
    lines = [GATEWAY_LINES[0], "Require stack:", "- /home/u/.openclaw/extensions/memory-lancedb/index.ts"]
    (kind, fields), = _kinds(lines)
    assert kind == "plugin.load_failed" and "channel" not in fields
    doctor = ["- ERROR memory-lancedb: failed to load plugin: Error: Cannot find module 'x' "
              "(/home/u/.openclaw/extensions/memory-lancedb/index.ts)"]
    (kind, fields), = _kinds(doctor)
    assert kind == "plugin.load_failed" and "channel" not in fields
    path = tmp_path / "memory.log"
    path.write_text("\n".join(lines) + "\n")
    assert "RC18" not in _headlines(path)


def test_require_stack_without_an_extension_names_no_channel(tmp_path: Path) -> None:
    lines = [GATEWAY_LINES[0], "Require stack:", "- /usr/lib/node_modules/openclaw/dist/config/index.js"]
    events = _kinds(lines)
    assert [kind for kind, _ in events] == ["plugin.load_failed"]
    assert "channel" not in events[0][1]
    path = tmp_path / "core.log"
    path.write_text("\n".join(lines) + "\n")
    assert "RC18" not in _headlines(path)


def test_padding_joins_only_an_indented_line() -> None:
    """A padded line followed by an unindented line is two lines; a known line's indented follower after no padding
    keeps today's reading."""
    lines = ["`ERROR vk: failed to load plugin: Error: Cannot find module 'x'  ", "Require stack:"]
    assert [kind for kind, _ in _kinds(lines)] == ["channel.exited", "generic"]


def test_padding_joins_only_under_a_plugin_load_failure() -> None:
    """h61: a padded line of any other family followed by an indented one is two lines (a console pasted with its
    padding, a markdown hard break over the reporter's own indented line, a stack frame): joined, the second line was
    lost and the first lost its family."""
    pad = " " * 12
    console = [f"2026-05-01T10:00:00.000Z [gateway] listening on ws://127.0.0.1:18789 (PID 1234){pad}",
               f"  Tip: open the dashboard with openclaw dashboard{pad}",
               f"2026-05-01T10:00:01.000Z [gateway] ready (3 plugins; 1200ms){pad}",
               f"    Error: connect ECONNREFUSED 127.0.0.1:443{pad}"]
    assert [kind for kind, _ in _kinds(console)] == ["gateway.listening", "generic", "gateway.ready", "generic"]
    markdown = ["- stalled session: sessionId=abc state=processing age=120s queueDepth=1  ",
                "  Error: connect ETIMEDOUT 149.154.167.220:443  ", "  at that point the bot was dead"]
    assert [kind for kind, _ in _kinds(markdown)] == ["session.stalled", "generic", "generic"]
    stack = ['2026-05-01T10:00:00.000Z error [diagnostic] lane task error: lane=main durationMs=123 error="Error: x"   ',
             "    at Object.run (/usr/lib/node_modules/openclaw/dist/agent.js:10:5)   ",
             "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)"]
    assert [kind for kind, _ in _kinds(stack)] == ["lane.task_error", "generic", "generic"]


def test_require_stack_names_the_extension_after_core_entries_and_any_length() -> None:
    """h61: the plugin is the stack's first entry under extensions/, whatever core modules come before it, in a stack
    of any length (it had been the first entry only, and a stack over 21 entries named none)."""
    core_first = [GATEWAY_LINES[0], "Require stack:", "- /usr/lib/node_modules/openclaw/dist/plugin-sdk/index.js",
                  "- /opt/stacks/bot/.clawdbot/extensions/msteams/src/channel.ts",
                  "- /usr/lib/node_modules/openclaw/dist/plugins/loader.js"]
    (kind, fields), = _kinds(core_first)
    assert kind == "channel.exited" and fields["channel"] == "msteams"
    long_stack = [GATEWAY_LINES[0], "Require stack:",
                  *(f"- /home/u/.openclaw/extensions/msteams/src/m{i}.ts" for i in range(50))]
    (kind, fields), = _kinds(long_stack)
    assert kind == "channel.exited" and fields["path"] == "/home/u/.openclaw/extensions/msteams/src/m0.ts"
    windows = [GATEWAY_LINES[0], "Require stack:", "- C:\\Users\\bob\\.openclaw\\extensions\\msteams\\src\\channel.ts"]
    (kind, fields), = _kinds(windows)
    assert kind == "channel.exited" and fields["channel"] == "msteams"
    core_only = [GATEWAY_LINES[0], "Require stack:", *(f"- /usr/lib/node_modules/openclaw/dist/m{i}.js" for i in range(30))]
    (kind, fields), = _kinds(core_only)
    assert kind == "plugin.load_failed" and fields["path"] == "/usr/lib/node_modules/openclaw/dist/m0.js"


def test_cannot_find_module_outside_the_plugin_loader_joins_no_stack() -> None:
    lines = ["Error: Cannot find module 'openclaw/plugin-sdk'", "Require stack:",
             "- /home/u/.openclaw/extensions/msteams/index.ts"]
    assert [kind for kind, _ in _kinds(lines)] == ["generic", "generic", "generic"]
