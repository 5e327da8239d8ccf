"""A stall that lasts 30 days, read from a real log through the CLI: its timeline says the
date whenever it changes and marks how many warnings it leaves out, and the scan's memory
does not hold the 86,400 warnings (evidence keeps the first and last of each kind)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from click.testing import CliRunner

from stuckscan.cli import cli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_stress import Writer, stalls  # noqa: E402

WARNINGS = 30 * 24 * 120  # one every 30 s for 30 days


def test_a_thirty_day_stall_dates_its_timeline_and_counts_what_it_leaves_out(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-06-01.log"
    with open(log, "w", encoding="utf-8") as handle:
        assert stalls(Writer(handle, "jsonl"), 1, 1, WARNINGS, 0) == 1
    done = CliRunner().invoke(cli, ["timeline", str(log), "--no-redact", "--utc", "-q"],
                              env={"COLUMNS": "100", "NO_COLOR": "1"}, catch_exceptions=False)
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    days = [line.strip("─ ") for line in lines if line.startswith("  \u2500\u2500 ")]
    assert days and days == sorted(set(days)), days  # each day change once, in order
    assert days[-1] == "2026-06-30"  # the warnings run from 2026-05-31T22:02 UTC for 30 days less 30 s
    elided = re.search(r"\u2026 ([\d,]+) warnings over (\d+)d (\d+)h \u2026", done.output)
    assert elided is not None, done.output
    shown = int(re.search(r"(\d+) \u00d7 stalled session", done.output).group(1))  # type: ignore[union-attr]
    assert int(elided.group(1).replace(",", "")) + 2 * shown == WARNINGS  # the first and the last run of 20 are kept
    assert int(elided.group(2)) == 29
    assert len(lines) <= 45
