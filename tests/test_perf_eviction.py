"""Evicting open incidents bounds memory without changing how many incidents there are.

With ``--max-open-incidents`` below the number of concurrent stalls, the least recently
active incident is closed as evicted; its stall keeps warning, and each later warning that
dates the stall to the same start resumes it: one stall, one incident, its status reason
saying it was evicted and resumed.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from stuckscan.correlator import CorrelatorLimits
from stuckscan.parallel import analyze_paths_fast
from stuckscan.parser import ParseOptions

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_stress import Writer, stalls  # noqa: E402


def stalls_log(tmp_path: Path, concurrent: int, warnings: int = 4) -> str:
    path = tmp_path / "openclaw-2026-06-01.log"
    with open(path, "w", encoding="utf-8") as handle:
        assert stalls(Writer(handle, "jsonl"), concurrent, 1, warnings, 10) == concurrent
    return str(path)


def test_a_low_cap_reports_each_stall_once(tmp_path: Path) -> None:
    path = stalls_log(tmp_path, 1000)
    capped = analyze_paths_fast([path], ParseOptions(), CorrelatorLimits(max_open_incidents=100))
    assert len(capped.incidents) == 1000
    assert len({incident.session_key for incident in capped.incidents}) == 1000
    assert capped.inputs.evicted_incidents == 0  # every evicted stall came back and was resumed
    assert all(incident.status_reason.startswith("evicted and resumed; ") for incident in capped.incidents)
    uncapped = analyze_paths_fast([path], ParseOptions())
    assert [(i.session_key, i.status, i.start, i.first_warning, i.measures.warnings) for i in capped.incidents] == \
        [(i.session_key, i.status, i.start, i.first_warning, i.measures.warnings) for i in uncapped.incidents]


def test_a_stall_evicted_for_good_is_reported_evicted_once(tmp_path: Path) -> None:
    """Two stalls and room for one: the older is evicted when the newer opens; when neither
    warns again after that, the evicted one is reported once, as evicted."""
    path = tmp_path / "openclaw-2026-06-01.log"
    lines = Path(stalls_log(tmp_path, 2, warnings=1)).read_text(encoding="utf-8").splitlines()
    endings = ("stuck session recovery", "run cleared", "new=idle")  # the stalls never end
    path.write_text("\n".join(line for line in lines if not any(text in line for text in endings)) + "\n",
                    encoding="utf-8")
    analysis = analyze_paths_fast([str(path)], ParseOptions(), CorrelatorLimits(max_open_incidents=1))
    statuses = Counter(incident.status.value for incident in analysis.incidents)
    assert sum(statuses.values()) == 2 and statuses["evicted"] == 1
    assert analysis.inputs.evicted_incidents == 1
    document = json.loads(json.dumps([i.status_reason for i in analysis.incidents]))
    assert not any(reason.startswith("evicted and resumed") for reason in document)
