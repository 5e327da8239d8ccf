"""Start-up cost: the CLI imports only what the command and the output format need.

Timing would flake; which modules a fresh interpreter has imported does not. Each case
runs in a subprocess and lists ``sys.modules`` after the import or the command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Heavy and only needed by some commands or formats: rich's markdown renderer pulls in
# markdown_it and pygments (~50 ms), rich itself ~25 ms, the regex module and its
# compiled patterns ~15 ms.
RENDERING = ("rich", "markdown_it", "pygments")
PIPELINE = ("stuckscan.parser", "stuckscan.fastscan", "stuckscan.correlator", "stuckscan.classifier",
            "stuckscan.analysis", "stuckscan.families", "dateutil", "multiprocessing")
OTHER_FORMATS = ("stuckscan.formats.text", "stuckscan.formats.markdown", "stuckscan.formats.github",
                 "stuckscan.formats.sarif", "stuckscan.formats.junit", "stuckscan.formats._escape", "xml.etree")

PROBE = """
import json, sys
args = json.loads(sys.argv[1])
if args is None:
    import stuckscan.cli
else:
    from stuckscan.cli import main
    try:
        main(args)
    except SystemExit:
        pass
sys.stdout.flush()
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""


def imported(args: list[str] | None, cwd: Path = ROOT) -> set[str]:
    """The modules a fresh interpreter holds after importing the CLI (``args`` None) or running it."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OPENCLAW_", "GITHUB_"))}
    env["NO_COLOR"] = "1"
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True,
                            cwd=cwd, env=env, stdin=subprocess.DEVNULL, timeout=120)
    marker = result.stderr.rfind("\nMODULES ")
    assert marker >= 0, result.stderr
    return set(json.loads(result.stderr[marker + len("\nMODULES "):]))


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The modules of ``modules`` that are one of the packages ``names`` or inside one."""
    inside = tuple(f"{name}." for name in names)
    return sorted(m for m in modules if m in names or m.startswith(inside))


def test_importing_the_cli_loads_no_command() -> None:
    modules = imported(None)
    assert "click" in modules
    assert loaded(modules, RENDERING + PIPELINE + OTHER_FORMATS + ("regex", "stuckscan.commands.scan",
                                                                      "stuckscan.formats", "stuckscan.redact")) == []


def test_scan_json_loads_neither_rich_nor_other_formats(tmp_path: Path) -> None:
    (tmp_path / "clean.log").write_text("{}\n")
    modules = imported(["scan", "clean.log", "--format", "json", "-q", "--allow-empty"], cwd=tmp_path)
    assert "stuckscan.formats.json" in modules and "stuckscan.correlator" in modules  # it did scan
    assert loaded(modules, RENDERING + OTHER_FORMATS) == []
    # Redaction ran over the report's texts (the file name, the build note), but none holds
    # a guard's literal: no pattern was compiled and the regex module was never imported.
    # (A log with timestamps adds its zone, "+00:00 (UTC, Z)", whose colon runs the
    # key=value pattern.)
    assert "stuckscan.redact" in modules
    assert loaded(modules, ("regex",)) == []


def test_scan_json_without_redaction_loads_no_redactor(tmp_path: Path) -> None:
    log = tmp_path / "gateway-2026-05-21.log"
    log.write_text('{"0":"nothing to see","_meta":{"date":"2026-05-21T10:00:00.000Z"}}\n')
    modules = imported(["scan", str(log), "--format", "json", "--no-redact", "-q"])
    assert loaded(modules, RENDERING + OTHER_FORMATS + ("regex", "stuckscan.redact")) == []


def test_rules_and_explain_load_no_pipeline() -> None:
    rules = imported(["rules", "--format", "json"])
    assert loaded(rules, RENDERING + PIPELINE + ("regex",)) == []
    explain = imported(["explain", "RC02"])  # stdout is a pipe: the page as plain markdown
    assert loaded(explain, RENDERING + PIPELINE + ("regex",)) == []


def test_help_loads_every_command_but_not_what_they_run() -> None:
    modules = imported(["--help"])
    assert {"stuckscan.commands.scan", "stuckscan.commands.watch", "stuckscan.commands.rules"} <= modules
    # the correlator stays: --max-open-incidents shows its default
    reading = tuple(name for name in PIPELINE if name != "stuckscan.correlator")
    assert loaded(modules, RENDERING + reading + OTHER_FORMATS + ("regex", "stuckscan.redact", "stuckscan.discovery")) == []
