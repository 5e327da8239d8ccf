"""Memory follows what is open, not how many incidents a log had.

Closed incidents that no later line can reach go to a spill file, and an analysis of many
incidents keeps them compressed (``stuckscan._store``); the JSON report is written as it
is made. Without that, every incident cost 45 to 100 KB until the report was written (a
log of 30,000 incidents peaked at 3 GB).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from stuckscan.correlator import Correlator, CorrelatorLimits
from stuckscan.parser import ParseOptions, ParseStats, parse_path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_stress import Writer, stalls  # noqa: E402

# The CLI's scan, with the correlator's bounded maps (identity links, session history) made
# small enough to be full early in the short log: what grows after that grows per incident.
CHILD = """
import resource, sys
from stuckscan.commands import _inputs
from stuckscan.correlator import CorrelatorLimits
from stuckscan.cli import cli
_inputs.CorrelatorLimits = lambda **given: CorrelatorLimits(identity_capacity=2000, history_sessions=200, **given)
try:
    cli.main(["scan", sys.argv[1], "--format", "json", "--fail-on", "never", "--no-redact", "-q", "-o", sys.argv[2]])
except SystemExit:
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def rounds_log(path: Path, concurrent: int, rounds: int) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        assert stalls(Writer(handle, "jsonl"), concurrent, rounds, 4, 0) == concurrent * rounds
    return path


def scan_peak_kb(log: Path, out: Path) -> int:
    done = subprocess.run([sys.executable, "-c", CHILD, str(log), str(out)], capture_output=True, text=True,
                          cwd=ROOT, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return int(done.stdout.split()[-1])


def test_peak_memory_does_not_grow_with_closed_incidents(tmp_path: Path) -> None:
    small = rounds_log(tmp_path / "openclaw-2026-06-01.log", 50, 20)
    large = rounds_log(tmp_path / "openclaw-2026-06-02.log", 50, 80)
    small_kb = scan_peak_kb(small, tmp_path / "small.json")
    large_kb = scan_peak_kb(large, tmp_path / "large.json")
    report = json.loads((tmp_path / "large.json").read_text(encoding="utf-8"))
    assert report["summary"]["incidents"] == len(report["incidents"]) == 4000
    assert len({incident["sessionKey"] for incident in report["incidents"]}) == 4000
    # 3,000 more incidents: each kept compressed (about 2 KB), not whole (45 KB and more)
    assert large_kb - small_kb <= 3000 * 4, (small_kb, large_kb)


def test_closed_incidents_beyond_the_bound_leave_memory(tmp_path: Path) -> None:
    log = rounds_log(tmp_path / "openclaw-2026-06-01.log", 20, 15)
    limits = CorrelatorLimits(closed_in_memory=40, recent_closed=10)
    correlator = Correlator(limits)
    held = 0
    for event in parse_path(str(log), ParseOptions(), ParseStats()):
        correlator.feed(event)
        held = max(held, len(correlator.closed))
    assert held <= 40 + 20  # the bound, plus a round that closes before the coldest can go
    result = correlator.finish()
    assert len(result.incidents) == 300
    assert len({record.identity for record in result.incidents}) == 300


REDACTED_LANE_AFTER_A_STALL = """\
2026-05-21T18:40:00.000+08:00 [diagnostic] stalled session: sessionId=0829a221-a12c-4b8e-9f3d-7e6b5a4c3d21 \
sessionKey=agent:main:telegram:direct:7012345678 state=processing age=150s queueDepth=1
2026-05-21T18:40:30.000+08:00 [diagnostic] stalled session: sessionId=0829a221-a12c-4b8e-9f3d-7e6b5a4c3d21 \
sessionKey=agent:main:telegram:direct:7012345678 state=processing age=180s queueDepth=1
2026-05-21T18:41:00.000+08:00 [diagnostic] stuck session recovery: sessionId=0829a221-a12c-4b8e-9f3d-7e6b5a4c3d21 \
sessionKey=agent:main:telegram:direct:7012345678 age=210s action=abort_embedded_run aborted=true drained=true released=1
2026-05-21T18:41:00.500+08:00 [diagnostic] session state: sessionId=0829a221-a12c-4b8e-9f3d-7e6b5a4c3d21 \
sessionKey=agent:main:telegram:direct:7012345678 prev=processing new=idle reason="run done" queueDepth=0
2026-05-21T18:41:01.000+08:00 [diagnostic] lane wait exceeded: lane=session:<redacted> waitedMs=695534 \
queueAhead=0 activeAhead=1 activeNow=0 queueBehind=0
"""


def test_a_redacted_lane_wait_joins_the_incident_that_just_closed(tmp_path: Path) -> None:
    # The closed incidents are looked up by closing order (they used to be a list; indexing
    # the O(1) store raised TypeError on this line).
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_text(REDACTED_LANE_AFTER_A_STALL, encoding="utf-8")
    correlator = Correlator()
    for event in parse_path(str(log), ParseOptions(), ParseStats()):
        correlator.feed(event)
    (record,) = correlator.finish().incidents
    assert "lane.wait_exceeded" in {event.kind for event in record.evidence.all()}
