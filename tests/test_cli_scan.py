"""scan / timeline / report through the CLI on the sample corpus."""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from stuckscan.cli import cli

SAMPLES = Path(__file__).resolve().parent.parent / "sample_logs"
REFERENCE = str(SAMPLES / "openclaw-2026-05-21.log")


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_scan_exit_code_follows_fail_on() -> None:
    assert run("scan", REFERENCE, "--quiet").exit_code == 1          # RC02 is an error (wedged > 360 s)
    assert run("scan", REFERENCE, "--quiet", "--fail-on", "never").exit_code == 0
    assert run("scan", REFERENCE, "--quiet", "--fail-on", "warning").exit_code == 1


def test_scan_json_has_the_reference_incident() -> None:
    result = run("scan", REFERENCE, "--format", "json", "--fail-on", "never")
    report = json.loads(result.output)
    incident = report["incidents"][0]
    assert incident["rootCause"]["rule"] == "RC02"
    assert {"RC12", "RC14"} <= {c["rule"] for c in incident["contributing"]}
    # aborted=true drained=false forceCleared=true: the state was wiped, not drained; the one
    # queued message was answered afterwards, so none is counted as undelivered
    assert incident["status"] == "force_cleared"
    assert incident["recoveries"][0]["verdict"] == "force_cleared"
    assert incident["recoveries"][0]["undelivered"] == 0
    with open(REFERENCE, "rb") as handle:
        assert report["inputs"]["lines"] == sum(1 for _ in handle)
    assert report["inputs"]["unparsed"] == 0
    assert "7012345678" not in result.output  # the telegram peer id is redacted by default


def test_no_redact_keeps_identifiers() -> None:
    result = run("scan", REFERENCE, "--format", "json", "--fail-on", "never", "--no-redact")
    assert "agent:main:telegram:direct:7012345678" in result.output


def test_output_file_and_report_markdown(tmp_path: Path) -> None:
    target = tmp_path / "incident.md"
    result = run("report", REFERENCE, "-o", str(target))
    assert result.exit_code == 0  # report is a human view: --fail-on never by default
    text = target.read_text(encoding="utf-8")
    assert "RC02" in text and "gantt" in text


def test_session_and_rule_filters() -> None:
    kept = json.loads(run("scan", REFERENCE, "--format", "json", "--fail-on", "never", "--no-redact",
                          "--session", "0829a221-a12c-49cb-9a64-42c2fc1a89ea").output)
    assert len(kept["incidents"]) == 1
    none = json.loads(run("scan", REFERENCE, "--format", "json", "--fail-on", "never", "--session", "nope").output)
    assert none["incidents"] == []
    by_rule = json.loads(run("scan", REFERENCE, "--format", "json", "--fail-on", "never", "--rule", "ghost-run").output)
    assert len(by_rule["incidents"]) == 1
    other = json.loads(run("scan", REFERENCE, "--format", "json", "--fail-on", "never", "--rule", "RC03").output)
    assert other["incidents"] == []


def test_time_window_drops_events_outside_it() -> None:
    before = json.loads(run("scan", REFERENCE, "--format", "json", "--fail-on", "never",
                            "--until", "2026-05-21T09:00:00Z").output)
    assert before["incidents"] == []
    during = json.loads(run("scan", REFERENCE, "--format", "json", "--fail-on", "never",
                            "--since", "2026-05-21T10:00:00Z", "--until", "2026-05-21T11:00:00Z").output)
    assert len(during["incidents"]) == 1


def test_window_skips_files_by_date_without_reading(tmp_path: Path) -> None:
    shutil.copy(REFERENCE, tmp_path / "openclaw-2026-05-21.log")
    old = tmp_path / "openclaw-2026-05-10.log"
    old.write_bytes(b"\x00\xff not even a log \n")
    last_write = datetime(2026, 5, 10, 23, 0, tzinfo=timezone.utc).timestamp()
    os.utime(old, (last_write, last_write))
    result = run("scan", str(tmp_path), "--format", "json", "--fail-on", "never", "--since", "2026-05-20", "-v")
    report = json.loads(result.stdout)
    assert [Path(f).name for f in report["inputs"]["files"]] == ["openclaw-2026-05-21.log"]


def test_scan_without_paths_reads_the_log_dir_from_the_environment(tmp_path: Path) -> None:
    shutil.copy(REFERENCE, tmp_path / "openclaw-2026-05-21.log")
    result = run("scan", "--format", "json", "--fail-on", "never", env={"OPENCLAW_LOG_DIR": str(tmp_path)})
    assert json.loads(result.stdout)["incidents"][0]["rootCause"]["rule"] == "RC02"
    assert "openclaw-2026-05-21.log" in result.stderr


def test_nothing_found_names_the_places_looked_in(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["scan", "--log-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert str(tmp_path) in result.output


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "markdown"])
def test_every_format_renders_the_console_sample(fmt: str) -> None:
    result = run("scan", str(SAMPLES / "console" / "gateway-2026-05-21.log"), "--format", fmt,
                 "--date", "2026-05-21", "--fail-on", "never")
    assert result.exit_code == 0 and result.output.strip()


def test_timeline_shows_the_incident_in_order() -> None:
    result = run("timeline", REFERENCE, "--no-color")
    assert result.exit_code == 0
    text = result.output
    assert text.index("stall began") < text.index("abort settle timeout") < text.index("recovery outcome")


@pytest.mark.parametrize("value", ["20260521", "2026-W21-4", "2026-5-21", "2026-02-30", "２０２６-05-21"])
def test_date_is_yyyy_mm_dd_on_every_python(value: str) -> None:
    """Python 3.11+'s date.fromisoformat also takes basic and week dates; --date does not."""
    result = run("scan", str(SAMPLES / "console" / "gateway-2026-05-21.log"), "--date", value)
    assert result.exit_code == 2
    assert "expected YYYY-MM-DD" in result.output
