"""The fuzz target stays runnable: seeds pass through it, known issues are recognised,
and each known issue names a test that exists (docs/reliability.md, "Fuzzing")."""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz.known_issues import KNOWN_ISSUES, describe, is_known
from fuzz.parse_target import _load_pipeline, main, one_input, seed_inputs

ROOT = Path(__file__).resolve().parent.parent


def test_every_seed_runs_through_the_target() -> None:
    pipeline = _load_pipeline()
    seeds = seed_inputs()
    assert len(seeds) >= 20
    for data in seeds:
        one_input(data, pipeline)


def test_known_issues_point_at_existing_tests() -> None:
    for issue in KNOWN_ISSUES:
        path, name = issue.tracked_by.split("::")
        assert f"def {name}(" in (ROOT / path).read_text(encoding="utf-8"), issue


def _raised_in(filename: str, error: BaseException) -> BaseException:
    try:
        exec(compile("raise error", filename, "exec"), {"error": error})
    except BaseException as raised:  # noqa: BLE001
        return raised
    raise AssertionError("not raised")


def test_a_known_issue_is_recognised_and_a_new_one_is_not(monkeypatch: pytest.MonkeyPatch) -> None:
    import fuzz.known_issues as known_issues

    entry = known_issues.KnownIssue(OverflowError, "date value out of range", "stuckscan/_time.py", "tests/x.py::test_y")
    monkeypatch.setattr(known_issues, "KNOWN_ISSUES", (entry,))
    known = _raised_in("/src/stuckscan/_time.py", OverflowError("date value out of range"))
    assert is_known(known)
    assert "known issue, tracked by" in describe(known)
    elsewhere = _raised_in("/src/stuckscan/formats/json.py", OverflowError("date value out of range"))
    assert not is_known(elsewhere)
    assert describe(elsewhere).startswith("new finding")
    assert not is_known(_raised_in("/src/stuckscan/_time.py", KeyError("x")))


def test_hypothesis_engine_runs_briefly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--engine", "hypothesis", "--seconds", "1"]) == 0
    assert "nothing found" in capsys.readouterr().err


def test_reproduce_reports_a_clean_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = tmp_path / "input"
    sample.write_bytes(seed_inputs()[0])
    assert main(["--reproduce", str(sample)]) == 0
