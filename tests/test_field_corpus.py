"""Every field case (tests/field/) gets the cause its thread's evidence supports.

A case with ``knownGap`` is a recorded disagreement: it must still disagree (strict xfail), so
a fix shows up here and its label is then removed.
"""

from __future__ import annotations

import json

import pytest

from tools.fieldeval import RULE_IDS, Case, judge, load_cases, scan_report

CASES = load_cases()
SHAPES = {"jsonl", "json-fragment", "json-values", "meta-object", "logs-plain", "logs-pretty", "console",
          "console-pretty", "console-cut", "journald", "cli-error", "elided-ids", "annotations", "bare-message",
          "wrapped", "untimed", "stack-trace", "markdown-list", "yaml", "foreign-lines", "trajectory", "control-ui",
          "state-record"}


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case.known_gap)] if case.known_gap else []
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_field_case_agrees_with_its_thread(case: Case) -> None:
    exit_code, report = scan_report(case)
    outcome = judge(case, exit_code, report)
    if case.split == "holdout":  # rules are not tuned on holdout cases: say that it disagrees, not how
        if not outcome.agrees:  # (pytest.fail, not assert: assertion rewriting would print the outcome's problems)
            pytest.fail(f"{case.name}: a holdout case disagrees (python -m tools.fieldeval --show-holdout)",
                        pytrace=False)
        return
    assert outcome.agrees, f"{case.name} ({case.source}): " + "; ".join(outcome.problems)


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CASES])
def test_field_case_is_well_formed(case: Case) -> None:
    assert case.log.is_file(), f"{case.log} is missing"
    assert case.source.startswith("https://github.com/openclaw/openclaw/"), case.source
    assert case.primary is None or case.primary in RULE_IDS
    assert all(rule in RULE_IDS for rule in (*case.contributing, *case.forbidden))
    assert case.split in ("dev", "holdout")
    assert case.reasoning.strip()
    assert set(case.shapes) <= SHAPES, set(case.shapes) - SHAPES
    assert case.primary is not None or case.benign, "a case with no cause must be a benign negative"
    data = json.loads(case.log.with_name(case.name + ".case.json").read_text(encoding="utf-8"))
    assert data.get("threadConclusion", "").strip()


# The pasted shapes the field-accuracy issue names, and the log shapes users point stuckscan at. A record's
# values pasted as `{"subsystem":"gateway/ws"},"handshake timeout ..."` (json-values) is read
# (tests/test_parser_shapes.py) but no public thread we could read holds one yet.
REQUIRED_SHAPES = {"jsonl", "json-fragment", "meta-object", "logs-plain", "logs-pretty", "console",
                   "console-cut", "journald", "cli-error", "elided-ids", "annotations", "yaml", "wrapped", "untimed"}


def test_no_excerpt_is_in_the_corpus_twice() -> None:
    """A paste reposted or collected twice would count its evidence twice (and a holdout twin of a dev
    case is no longer unseen)."""
    seen: dict[str, str] = {}
    for case in CASES:
        text = "\n".join(line.rstrip() for line in case.log.read_text(encoding="utf-8").strip().splitlines())
        assert text not in seen, f"{case.name} holds the same excerpt as {seen[text]}"
        seen[text] = case.name


def test_the_corpus_covers_every_class_every_shape_and_negatives() -> None:
    assert len(CASES) >= 60
    primaries = {case.primary for case in CASES if case.primary}
    assert primaries == set(RULE_IDS), set(RULE_IDS) - primaries
    assert sum(1 for case in CASES if case.primary is None) >= 10  # benign noise that must not fail
    shapes = {shape for case in CASES for shape in case.shapes}
    assert REQUIRED_SHAPES <= shapes, REQUIRED_SHAPES - shapes
    holdout = [case for case in CASES if case.split == "holdout"]
    assert len(holdout) >= len(CASES) // 5  # an honest "never seen" figure needs enough of them
