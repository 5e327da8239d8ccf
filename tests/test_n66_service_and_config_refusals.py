"""n66: the daemon CLI's diagnostics of the gateway's service and a config file's refusal, pasted by a user asking
"is my gateway stuck?". Each line is OpenClaw's own output (source paths and stored ids in docs/formats.md): read as a
typed event, reported as no fault (NOT_A_STALL_KINDS; a config refusal, since h63, as no stall with a sentence naming
it), never a finding, so `--fail-on warning` passes and the report never says "no OpenClaw log lines recognised".

- `Gateway service disabled.` and `systemd user services are unavailable; ...` (src/cli/daemon-cli/lifecycle-core.ts,
  src/daemon/systemd-hints.ts; f1201);
- the restart health check's `Gateway version mismatch: ...`, `Service runtime: ...`, `Port diagnostics errors: ...`
  (src/cli/daemon-cli/restart-health-diagnostics.ts; f346);
- `openclaw update detected it is running inside the gateway process tree.` (f3777);
- `Config invalid` / `File:` / `Problem:` / `  - <path>: <problem>` (src/cli/program/config-guard.ts; f217), joined into
  one event, and `Invalid config at <path>:\\n- ...` (src/config/io.invalid-config.ts; f1727).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stuckscan.parser import parse_text_lines
from tests.conftest import scan_paste
from tests.test_pasted_readings import analyze_text

DISABLED = "Gateway service disabled."
SYSTEMD = "systemd user services are unavailable; install/enable systemd or run the gateway under your supervisor."
MISMATCH = "Gateway version mismatch: expected 2026.4.29, running gateway reported unavailable."
RUNTIME = "Service runtime: status=running, state=active, pid=1675, lastExit=0"
PROBE = "Port diagnostics errors: Error: spawn lsof ENOENT"
ANCESTRY = "openclaw update detected it is running inside the gateway process tree."
LOADER = ("Invalid config at /home/u/.clawdbot/clawdbot.json:\\n- plugins: plugin: plugin manifest not found: "
          "/home/u/.clawdbot/extensions/feishu/clawdbot.plugin.json")
ABORTED = "Gateway aborted: config is invalid."
GUARD = ("Config invalid", "File: ~/.openclaw/openclaw.json", "Problem:",
         "  - plugins.load.paths: plugin: plugin path not found: /Users/u/openclaw/dist/extensions/acpx")
JOURNALD = "Feb 25 16:05:43 srv1000001 node[936353]: "


def _kinds(*lines: str) -> list[str]:
    return [event.kind for event in parse_text_lines(list(lines))]


def _jsonl(message: str, level: str = "ERROR") -> str:
    """A console line the CLI's file logger keeps (the text in "0", as the stored logs show it)."""
    meta = {"runtime": "node", "runtimeVersion": "22.22.0", "hostname": "unknown", "name": "openclaw",
            "date": "2026-02-18T00:00:08.863Z", "logLevelId": 5 if level == "ERROR" else 3, "logLevelName": level}
    return json.dumps({"0": message, "_meta": meta, "time": "2026-02-18T00:00:08.863Z"})


@pytest.mark.parametrize(("line", "kind"), [
    (DISABLED, "gateway.service_diagnostic"),
    ("Node service disabled.", "gateway.service_diagnostic"),
    (SYSTEMD, "gateway.service_diagnostic"),
    ("Start with: " + SYSTEMD, "gateway.service_diagnostic"),
    (MISMATCH, "gateway.service_diagnostic"),
    ("Gateway build mismatch: expected abc123, running gateway reported def456.", "gateway.service_diagnostic"),
    (RUNTIME, "gateway.service_diagnostic"),
    (PROBE, "gateway.service_diagnostic"),
    (ANCESTRY, "gateway.service_diagnostic"),
    ("This command is running inside the gateway process tree (gateway PID 798).", "gateway.service_diagnostic"),
    (LOADER, "config.invalid"),
    (ABORTED, "config.invalid"),
    ("OpenClaw config is invalid", "config.invalid"),
    (JOURNALD + DISABLED, "gateway.service_diagnostic"),
    (JOURNALD + MISMATCH, "gateway.service_diagnostic"),
    (JOURNALD + ANCESTRY, "gateway.service_diagnostic"),
    (JOURNALD + LOADER, "config.invalid"),
    (_jsonl(ANCESTRY), "gateway.service_diagnostic"),
    (_jsonl(MISMATCH, "INFO"), "gateway.service_diagnostic"),
    (_jsonl(LOADER), "config.invalid"),
    (_jsonl(ABORTED), "config.invalid"),
])
def test_each_line_is_read(line: str, kind: str) -> None:
    assert _kinds(line) == [kind]


def test_the_service_diagnostics_fields() -> None:
    mismatch, runtime = parse_text_lines([MISMATCH, RUNTIME])
    assert mismatch.fields == {"reason": "version mismatch", "expected": "2026.4.29", "reported": "unavailable"}
    assert runtime.fields["serviceStatus"] == "running" and runtime.fields["servicePid"] == 1675
    assert "pid" not in runtime.fields  # (not read as the gateway's own process id)


def test_the_config_guard_is_one_event_with_its_problem_lines() -> None:
    events = parse_text_lines([*GUARD, "  - agents.list.0.tools.elevated.allowFrom: failed: expected record"])
    assert [event.kind for event in events] == ["config.invalid"]
    assert events[0].fields["configPath"] == "~/.openclaw/openclaw.json"
    assert "allowFrom: failed" in events[0].message


def test_a_bare_problem_header_and_other_lines_stay_apart() -> None:
    # "Problem:" is the guard's only under its heading; after a refusal, a line that is no issue's is its own
    assert _kinds("Problem:", "  - a.b: failed") == ["generic", "generic"]
    assert _kinds("Config invalid", "Error: connect ECONNREFUSED 127.0.0.1:18789") == ["config.invalid", "generic"]
    assert _kinds(LOADER, "Error: connect ECONNREFUSED 127.0.0.1:18789") == ["config.invalid", "generic"]
    assert _kinds("Config invalid; doctor will run with best-effort config.") == ["generic"]
    assert _kinds("Gateway service disabled because I stopped it") == ["generic"]


# (h63: a config refusal is no stall, but no "no fault" either: a gateway that refuses its config does not start, so
# it is read short of a stall and named, tests/test_h63_config_refusal_review.py)
@pytest.mark.parametrize(("lines", "verdict"), [
    ((DISABLED, SYSTEMD, "If you're in a container, run the gateway in the foreground instead of `openclaw gateway`."),
     "No fault in these lines"),
    ((MISMATCH, RUNTIME, "Gateway port 18789 status: free.", PROBE), "No fault in these lines"),
    (("Updating OpenClaw...", ANCESTRY, "Gateway PID 798 is an ancestor of this process, so this updater cannot"),
     "No fault in these lines"),
    (GUARD, "No stall in these lines, though some are warnings or errors"),
    ((" user@host:~$ clawdbot gateway restart", " " + LOADER, " plugins.entries.feishu: plugin not found: feishu"),
     "No stall in these lines, though some are warnings or errors"),
    ((ABORTED, "agents.defaults.pdfModel: Unrecognized key",
      'Fix the config and retry, or run "openclaw doctor" to repair.'),
     "No stall in these lines, though some are warnings or errors"),
])
def test_a_pasted_diagnostic_or_refusal_is_no_stall_and_passes_fail_on_warning(tmp_path: Path,
                                                                               lines: tuple[str, ...],
                                                                               verdict: str) -> None:
    analysis = analyze_text(*lines)
    assert not analysis.incidents and not analysis.episodes
    result = scan_paste(tmp_path, lines, "--fail-on", "warning")
    assert result.exit_code == 0, result.output
    assert verdict in result.output
    assert "not recognised" not in result.output
    assert "no rule explains" not in result.output
