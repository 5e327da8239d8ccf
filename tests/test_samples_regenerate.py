"""The committed sample corpus is exactly what ``tools/samplegen`` writes.

Regenerates every sample into a temporary directory and compares byte for
byte, so the files under ``sample_logs/`` cannot drift from the generator;
also checks that every line of a generated file that starts with ``{`` is
valid JSON, except the lines ``mixed-shapes.log`` breaks on purpose.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_logs"
sys.path.insert(0, str(ROOT))

from tools.samplegen.generate import build_corpus, generate_all  # noqa: E402


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("samples")
    return out, generate_all(out)


def test_committed_samples_match_generator(regenerated) -> None:
    out, corpus = regenerated
    assert corpus.files, "generator produced nothing"
    missing, differing = [], []
    for item in corpus.files:
        committed = SAMPLES / item.path
        if not committed.is_file():
            missing.append(item.path)
        elif committed.read_bytes() != (out / item.path).read_bytes():
            differing.append(item.path)
    assert not missing, f"generated but not committed: {missing} (run: python -m tools.samplegen)"
    assert not differing, f"committed samples differ from the generator: {differing} (run: python -m tools.samplegen)"


def test_generator_owned_directories_have_no_stray_files(regenerated) -> None:
    _, corpus = regenerated
    owned = {Path(f.path).parent for f in corpus.files if Path(f.path).parent != Path(".")}
    produced = {Path(f.path) for f in corpus.files}
    stray = [str(p.relative_to(SAMPLES)) for d in owned for p in (SAMPLES / d).iterdir()
             if p.is_file() and p.relative_to(SAMPLES) not in produced]
    assert not stray, f"files in generator-owned directories that the generator does not write: {stray}"


def test_generation_is_deterministic(regenerated) -> None:
    _, first = regenerated
    second = build_corpus()
    assert [(f.path, f.content) for f in first.files] == [(f.path, f.content) for f in second.files]


def test_json_lines_are_valid_except_deliberate_breaks(regenerated) -> None:
    _, corpus = regenerated
    broken = corpus.broken()
    assert broken.get("shapes/mixed-shapes.log"), "mixed-shapes.log should contain a deliberately cut record"
    assert set(broken) == {"shapes/mixed-shapes.log"}
    for item in corpus.files:
        if item.path.endswith((".md", ".json")):
            continue
        allowed = set(broken.get(item.path, ()))
        for number, line in enumerate(item.content.split("\n"), start=1):
            if not line.startswith("{"):
                continue
            if number in allowed:
                with pytest.raises(json.JSONDecodeError):
                    json.loads(line)
                continue
            try:
                json.loads(line)
            except json.JSONDecodeError as err:  # pragma: no cover - failure path
                pytest.fail(f"{item.path}:{number}: invalid JSON ({err})")


def test_expected_sidecars_are_valid_json(regenerated) -> None:
    _, corpus = regenerated
    sidecars = [f for f in corpus.files if f.path.endswith(".expected.json")]
    assert len([f for f in sidecars if f.path.startswith("rules/")]) >= 36
    for item in sidecars:
        data = json.loads(item.content)
        assert data.get("description")
        for incident in data.get("incidents", []):
            assert incident["session"]
            assert incident.get("status", "recovered") in {"recovered", "still_stuck", "resolved_by_itself",
                                                           "false_positive", "force_cleared", "ended_by_restart",
                                                           "fault_signal"}


def test_every_root_cause_has_a_firing_and_a_near_miss_scenario(regenerated) -> None:
    _, corpus = regenerated
    names = {Path(f.path).name for f in corpus.files if f.path.startswith("rules/") and f.path.endswith(".log")}
    for n in range(1, 19):
        rc = f"RC{n:02d}"
        assert any(x.startswith(rc + "-") and "near-miss" not in x for x in names), rc
        assert any(x.startswith(rc + "-near-miss-") for x in names), rc
    assert "concurrent-incidents.log" in names


def test_module_entry_point_writes_the_corpus(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "tools.samplegen", "--out", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "openclaw-2026-05-21.log").read_bytes() == (SAMPLES / "openclaw-2026-05-21.log").read_bytes()


def test_hostile_sample_matches_its_generator() -> None:
    """sample_logs/hostile/ is written by its own script (it also writes planted.json)."""
    import importlib.util
    import json as json_module

    hostile_dir = Path(__file__).resolve().parent.parent / "sample_logs" / "hostile"
    spec = importlib.util.spec_from_file_location("hostile_generate", hostile_dir / "generate.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    committed = (hostile_dir / "hostile.log").read_text(encoding="utf-8")
    assert committed == "\n".join(generator.build_lines()) + "\n", "regenerate: python sample_logs/hostile/generate.py"
    planted = json_module.loads((hostile_dir / "planted.json").read_text(encoding="utf-8"))["planted"]
    assert planted == generator.planted()


def test_gateway_records_are_self_consistent() -> None:
    """What tslog writes: `_meta.date` and `time` name one instant, the level id matches its
    name, `_meta.name` repeats the binding in "0", and time does not run backwards by more
    than a few seconds within a file (concurrent writers interleave slightly)."""
    from datetime import datetime

    level_ids = {"TRACE": 1, "DEBUG": 2, "INFO": 3, "WARN": 4, "ERROR": 5, "FATAL": 6}
    samples = Path(__file__).resolve().parent.parent / "sample_logs"
    problems: list[str] = []
    for path in sorted(samples.rglob("*.log")):
        latest = None
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.startswith('{"0"'):
                continue
            try:
                record = json.loads(line)
            except ValueError:
                continue  # deliberately broken lines are covered above
            meta = record.get("_meta")
            if not isinstance(meta, dict):
                continue
            where = f"{path.relative_to(samples)}:{number}"
            moment = datetime.fromisoformat(record["time"].replace("Z", "+00:00"))
            if datetime.fromisoformat(meta["date"].replace("Z", "+00:00")) != moment:
                problems.append(f"{where}: _meta.date is not the time")
            if level_ids.get(meta["logLevelName"]) != meta["logLevelId"]:
                problems.append(f"{where}: level id")
            if record["0"].startswith('{"subsystem"') and meta["name"] != record["0"]:
                problems.append(f"{where}: _meta.name is not the binding")
            if latest is not None and (latest - moment).total_seconds() > 5:
                problems.append(f"{where}: time runs backwards")
            latest = moment if latest is None else max(latest, moment)
    assert problems == []
