"""The gateway config: JSON5 reading, where it is found, the thresholds it sets, and the
fixes that name its values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stuckscan.cli import cli
from stuckscan.config import GatewayConfig, gateway_config_path, parse_config_text, thresholds_from
from stuckscan.config_advice import advice_for
from stuckscan.thresholds import DEFAULT_THRESHOLDS

SAMPLES = Path(__file__).resolve().parent.parent / "sample_logs"
RC01 = str(SAMPLES / "rules" / "RC01-model-call-hang.log")
SECRET = "sk-live-config-secret-0123456789abcdef"


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def scan_json(*args: str, env: dict[str, str] | None = None) -> dict:
    result = run("scan", *args, "--format", "json", "--fail-on", "never", "--quiet", env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def config_of(values: dict) -> GatewayConfig:
    return GatewayConfig(values, "/tmp/openclaw.json", "test")


def write_config(tmp_path: Path, text: str) -> str:
    path = tmp_path / "openclaw.json"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_json5_comments_trailing_commas_and_bare_keys() -> None:
    text = """// the gateway config
    { diagnostics: { stuckSessionWarnMs: 60000, /* a minute */ }, agents: {defaults: {maxConcurrent: 3,},}, }"""
    assert parse_config_text(text) == {"diagnostics": {"stuckSessionWarnMs": 60000}, "agents": {"defaults": {"maxConcurrent": 3}}}
    with pytest.raises(ValueError):
        parse_config_text("[1, 2]")
    with pytest.raises(ValueError):
        parse_config_text("{ unterminated: ")


@pytest.mark.parametrize(("diagnostics", "warn", "abort", "notes"), [
    ({}, 120, 360, 0),
    ({"stuckSessionWarnMs": 60000}, 60, 300, 0),                    # max(300 s, 3 x 60 s)
    ({"stuckSessionWarnMs": 200000}, 200, 600, 0),                  # 3 x warn
    ({"stuckSessionWarnMs": 60000, "stuckSessionAbortMs": 900000}, 60, 900, 0),
    ({"stuckSessionWarnMs": 500}, 120, 360, 1),                     # below 1 s: the gateway ignores it
    ({"stuckSessionWarnMs": "2m"}, 120, 360, 1),
    ({"stuckSessionAbortMs": True}, 120, 360, 1),
])
def test_thresholds_from_the_config(diagnostics: dict, warn: float, abort: float, notes: int) -> None:
    thresholds, said = thresholds_from(config_of({"diagnostics": diagnostics}))
    assert (thresholds.warn_seconds, thresholds.abort_seconds, len(said)) == (warn, abort, notes)
    assert thresholds_from(None) == (DEFAULT_THRESHOLDS, [])


def test_the_run_budget_comes_from_the_agents_defaults() -> None:
    assert thresholds_from(None)[0].run_budget_seconds == 600
    assert thresholds_from(config_of({"agents": {"defaults": {"timeoutSeconds": 1200}}}))[0].run_budget_seconds == 1200
    assert thresholds_from(config_of({"agents": {"defaults": {"timeoutSeconds": "20m"}}}))[0].run_budget_seconds == 600


def test_config_path_follows_the_gateway() -> None:
    assert gateway_config_path({"OPENCLAW_CONFIG_PATH": "/etc/oc.json", "HOME": "/h"}) == ("/etc/oc.json", "OPENCLAW_CONFIG_PATH")
    assert gateway_config_path({"OPENCLAW_STATE_DIR": "/srv/oc", "HOME": "/h"})[0] == "/srv/oc/openclaw.json"
    assert gateway_config_path({"HOME": "/h"})[0] == "/h/.openclaw/openclaw.json"


def test_without_a_config_the_defaults_are_said() -> None:
    config = scan_json(RC01)["environment"]["config"]
    assert config["source"] == "none" and config["path"] is None
    assert config["description"].startswith("defaults: no config found")


def test_a_longer_abort_threshold_changes_severity(tmp_path: Path) -> None:
    assert scan_json(RC01)["incidents"][0]["severity"] == "error"  # wedged 363 s > 360 s
    path = write_config(tmp_path, "{diagnostics: {stuckSessionAbortMs: 1800000}}")
    report = scan_json(RC01, "--config", path)
    assert report["incidents"][0]["severity"] == "warning"
    config = report["environment"]["config"]
    assert (config["source"], config["abortSeconds"], config["abortFrom"]) == ("option", 1800, "diagnostics.stuckSessionAbortMs")


def test_rc01_fixes_name_the_users_contradicting_timeouts(tmp_path: Path) -> None:
    path = write_config(tmp_path, json.dumps({
        "agents": {"defaults": {"llm": {"idleTimeoutSeconds": 900}, "model": {"primary": "openai/gpt-5", "fallbacks": []}}},
        "models": {"providers": {"openai": {"apiKey": SECRET, "timeoutSeconds": 600}, "local": {"timeoutSeconds": 60}}},
    }))
    result = run("scan", RC01, "--config", path, "--format", "json", "--fail-on", "never", "--quiet")
    fixes = json.loads(result.output)["incidents"][0]["rootCause"]["fixes"]
    assert fixes[0].startswith("Your `agents.defaults.llm.idleTimeoutSeconds` (900) is at or above the abort threshold (360 s")
    assert any("`models.providers.openai.timeoutSeconds` (600)" in fix and "local" not in fix for fix in fixes)
    assert any(fix.startswith("Your config lists no fallback models") for fix in fixes)
    assert SECRET not in result.output
    text = run("scan", RC01, "--config", path, "--fail-on", "never", "-v").output
    assert "idleTimeoutSeconds` (900)" in text and SECRET not in text


def test_advice_needs_a_config_and_stays_quiet_when_settings_agree() -> None:
    assert advice_for("RC01", None, DEFAULT_THRESHOLDS) == []
    agreeing = config_of({"agents": {"defaults": {"llm": {"idleTimeoutSeconds": 90}, "model": {"fallbacks": ["a/b"]}}}})
    assert advice_for("RC01", agreeing, DEFAULT_THRESHOLDS) == []
    slow_compaction = config_of({"agents": {"defaults": {"compaction": {"timeoutSeconds": 900}, "timeoutSeconds": 300}}})
    lines = advice_for("RC16", slow_compaction, DEFAULT_THRESHOLDS)
    assert any("is longer than `agents.defaults.timeoutSeconds` (300)" in line for line in lines)
    assert any("(900) is at or above the abort threshold" in line for line in lines)
    inverted = config_of({"diagnostics": {"stuckSessionWarnMs": 600000, "stuckSessionAbortMs": 300000}})
    thresholds, _ = thresholds_from(inverted)
    assert any("is not above `diagnostics.stuckSessionWarnMs`" in line for line in advice_for("RC02", inverted, thresholds))


def test_a_bad_config_is_a_one_line_error(tmp_path: Path) -> None:
    path = write_config(tmp_path, "{ not json5 at all ")
    result = run("scan", RC01, "--config", path)
    assert result.exit_code == 2 and "is not valid JSON5" in result.output
    assert len(result.output.strip().splitlines()) == 1
    missing = run("scan", RC01, "--config", str(tmp_path / "nope.json"))
    assert missing.exit_code == 2 and "cannot read config" in missing.output


def test_the_gateway_hosts_config_is_used_only_without_paths(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "openclaw-2026-05-21.log").write_bytes(Path(RC01).read_bytes())
    path = write_config(tmp_path, "{diagnostics: {stuckSessionAbortMs: 1800000}}")
    env = {"OPENCLAW_CONFIG_PATH": path, "HOME": str(tmp_path)}
    on_host = scan_json("--log-dir", str(logs), env=env)["environment"]["config"]
    assert (on_host["source"], on_host["abortSeconds"]) == ("gateway", 1800)
    given = scan_json(str(logs / "openclaw-2026-05-21.log"), env=env)["environment"]["config"]
    assert given["source"] == "none"


def test_the_config_path_is_redacted_in_reports(tmp_path: Path) -> None:
    home = tmp_path / "home" / "alice"
    home.mkdir(parents=True)
    path = home / "openclaw.json"
    path.write_text("{}", encoding="utf-8")
    shown = scan_json(RC01, "--config", str(path))["environment"]["config"]["path"]
    assert "/home/" in shown and "alice" not in shown
