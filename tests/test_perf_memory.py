"""Memory does not grow with lines that open nothing.

Each case scans generated healthy traffic in a child process (the log is rendered as it is
read, so the generator holds nothing) and compares the child's peak RSS for a short and a
four times longer log. The correlator's bounded maps (identity links, session history) get
small bounds, reached early in the short log: a structure that keeps something per line
after that (times held until the next relevant event, counters keyed by values, caches
without a bound) shows as growth. (The bounds themselves: test_hardening_bounds.py.)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, resource, sys
sys.path.insert(0, sys.argv[1] + "/benchmarks")
from make_stress import GeneratedLog, noise_lines
from stuckscan.analysis import analyze_events
from stuckscan.correlator import CorrelatorLimits
from stuckscan.fastscan import FileScan, SweepShadow, feed_items
from stuckscan.formats import RenderOptions, render
from stuckscan.inputs import iter_blocks
from stuckscan.parser import ParseOptions, ParseStats

lines, mix, shape, pool = int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
name = "openclaw-2026-06-01.log"
stats = ParseStats()
stats.files.append(name)
options = ParseOptions()
stream = GeneratedLog(noise_lines(lines, mix, pool_size=pool), shape)
items = FileScan(name, options, stats).scan(iter_blocks(stream, name, options.max_line_bytes))
# Bounds small enough to be reached early in the short log: what grows after that grows per line.
limits = CorrelatorLimits(identity_capacity=2000, history_sessions=200)
analysis = analyze_events(feed_items(items, SweepShadow(name)), stats, limits)
report = render("json", analysis, RenderOptions(redact=False, fail_on=None))
print(json.dumps({"rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "lines": stats.lines,
                  "incidents": len(analysis.incidents), "skipped": stats.skipped}))
"""


def peak_rss(lines: int, mix: str, shape: str = "jsonl", pool: int = 0) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(lines), mix, shape, str(pool)],
                          capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict = json.loads(done.stdout)
    assert result["lines"] == lines and result["incidents"] == 0
    return result


@pytest.mark.parametrize(("mix", "shape", "short"), [
    ("skip", "jsonl", 500_000),    # lines the fast path skips: their times must not be held
    ("mixed", "jsonl", 200_000),   # plus turn lifecycles of ever new sessions: identity maps and history at their bounds
    ("mixed", "console", 100_000),  # the console form, every line through the parser
])
def test_peak_memory_does_not_grow_with_healthy_lines(mix: str, shape: str, short: int) -> None:
    small = peak_rss(short, mix, shape)
    large = peak_rss(4 * short, mix, shape)
    if mix == "skip":
        # The first lines are parsed: until one of a kind the correlator counts beside a run timeout has passed
        # (FileScan.lone), the fifth here (a shared lane's enqueue), whose event the parser hands on at the sixth.
        assert small["skipped"] == short - 6 and large["skipped"] == 4 * short - 6
    assert large["rss_kb"] <= small["rss_kb"] * 1.10, (small, large)
