"""Incidents kept out of memory (closed records on disk, an analysis's incidents
compressed) give the same reports, byte for byte, in every format.

The thresholds that switch the stores on are lowered to nothing, so every closed incident
no later line can reach is written to disk and read back, and every analysis keeps its
incidents compressed; each report is compared with the one the plain lists give.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from stuckscan import analysis as analysis_module
from stuckscan import correlator as correlator_module
from stuckscan._store import BlobSpill, IncidentStore
from stuckscan.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_logs"
CASES = sorted(p for p in (ROOT / "tests" / "field" / "cases").glob("*.log"))
LOGS = sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.suffix in (".log", ".txt", ".jsonl"))
FORMATS = [("json",), ("json", "--no-redact"), ("json", "--redact-salt", "s3cret"), ("text", "--all"), ("markdown",),
           ("sarif",), ("junit",), ("github",)]


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["scan", *args, "--fail-on", "never", "--tz", "UTC", "--date", "2026-05-21", "-q"],
                              env={"COLUMNS": "120", "NO_COLOR": "1"}, catch_exceptions=False)


def stores_everything(monkeypatch: pytest.MonkeyPatch, recent_closed: int | None = None) -> None:
    original = correlator_module.Correlator.__init__

    def init(self: Any, limits: Any = None, *args: Any) -> None:
        limits = dataclasses.replace(limits or correlator_module.CorrelatorLimits(), closed_in_memory=0,
                                     **({"recent_closed": recent_closed} if recent_closed else {}))
        original(self, limits, *args)

    monkeypatch.setattr(correlator_module.Correlator, "__init__", init)
    monkeypatch.setattr(analysis_module, "INCIDENTS_IN_MEMORY", 0)


def few_recent(monkeypatch: pytest.MonkeyPatch, recent_closed: int) -> None:
    original = correlator_module.Correlator.__init__

    def init(self: Any, limits: Any = None, *args: Any) -> None:
        original(self, dataclasses.replace(limits or correlator_module.CorrelatorLimits(), recent_closed=recent_closed), *args)

    monkeypatch.setattr(correlator_module.Correlator, "__init__", init)


@pytest.mark.parametrize("options", FORMATS, ids=[" ".join(o) for o in FORMATS])
def test_every_format_is_the_same_with_incidents_out_of_memory(monkeypatch: pytest.MonkeyPatch,
                                                              options: tuple[str, ...]) -> None:
    paths = [str(p) for p in LOGS]
    plain = run(*paths, "--format", *options)
    stores_everything(monkeypatch)
    stored = run(*paths, "--format", *options)
    assert stored.exit_code == plain.exit_code
    assert stored.output == plain.output


def test_a_session_named_by_its_placeholder_is_the_same_with_incidents_out_of_memory(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``--session <redacted key>`` redacts the whole analysis to find it, then the part kept."""
    paths = [str(p) for p in LOGS]
    keys = [incident["sessionKey"] for incident in json.loads(run(*paths, "--format", "json").output)["incidents"]]
    wanted = next(key for key in keys if key and "<peer-" in key)
    plain = run(*paths, "--format", "json", "--session", wanted)
    assert json.loads(plain.output)["incidents"]
    stores_everything(monkeypatch)
    assert run(*paths, "--format", "json", "--session", wanted).output == plain.output


@pytest.mark.parametrize("log", CASES[::7], ids=[p.stem for p in CASES[::7]])
def test_field_cases_are_the_same_with_incidents_out_of_memory(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    few_recent(monkeypatch, 2)
    plain = run(str(log), "--format", "json")
    stores_everything(monkeypatch, recent_closed=2)  # a short reach: records go to disk early
    assert run(str(log), "--format", "json").output == plain.output


@dataclasses.dataclass
class Thing:
    session_key: str
    n: int
    text: str


def test_store_reads_back_what_was_stored() -> None:
    items = [Thing(f"key-{n}", n, "x" * n) for n in range(50)]
    store = IncidentStore(items)
    assert len(store) == 50 and store == items and list(store) == items and store[3] == items[3]
    assert store[10:12] == items[10:12] and list(reversed(store)) == items[::-1] and bool(store)
    assert [*store] == items and sorted(store, key=lambda item: -item.n)[0] == items[-1]
    assert store.session_keys() == [item.session_key for item in items]
    view = store.transformed(lambda item: item.n)
    assert list(view) == list(range(50)) and view[7] == 7 and len(view) == 50
    spill = BlobSpill()
    tickets = [spill.put(item) for item in items]
    assert [spill.get(ticket) for ticket in reversed(tickets)] == items[::-1]
    spill.close()
