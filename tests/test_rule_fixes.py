"""Fixes are chosen by the evidence: each fix carries the condition under which it applies."""

from __future__ import annotations

from pathlib import Path

import pytest

from stuckscan.analysis import analyze_paths
from stuckscan.model import Finding
from stuckscan.rules import RULES
from stuckscan.rules.catalog import RULE_MODULES

SAMPLES = Path(__file__).resolve().parent.parent / "sample_logs"


def _findings(path: Path, rule_id: str) -> list[Finding]:
    analysis = analyze_paths([str(path)])
    return [f for f in analysis.findings() if f.rule.id == rule_id]


def test_an_exec_stall_gets_only_the_exec_tool_advice() -> None:
    [finding] = _findings(SAMPLES / "rules" / "RC03-blocked-tool-call.log", "RC03")
    assert any(fix.startswith("exec/bash:") for fix in finding.fixes)
    assert not any(fix.startswith(("browser:", "approval-gated", "Codex:")) for fix in finding.fixes)


def test_a_lock_the_gateway_already_removed_is_not_to_be_deleted_by_hand() -> None:
    findings = _findings(SAMPLES / "openclaw-2026-05-21.log", "RC09")
    assert findings
    for finding in findings:
        assert not any("Delete `~/.openclaw" in fix for fix in finding.fixes)
        assert any("why the previous gateway process died" in fix for fix in finding.fixes)


def test_a_dead_pid_lock_still_failing_requests_gets_the_delete_advice() -> None:
    [finding, *_] = _findings(SAMPLES / "rules" / "RC09-dead-pid-lock.log", "RC09")
    assert any("Delete `~/.openclaw" in fix for fix in finding.fixes)


def test_notes_that_are_not_actions_are_not_fixes() -> None:
    for rule in RULES.values():
        assert not any("not configurable" in fix for fix in rule.fixes), rule.id
    assert any("not configurable" in note for note in RULES["RC14"].notes)


@pytest.mark.parametrize("module", RULE_MODULES, ids=lambda m: m.RULE.id)
def test_each_rule_module_holds_its_rule_and_detector(module: object) -> None:
    rule = module.RULE  # type: ignore[attr-defined]
    assert module.__name__.rsplit(".", 1)[1] == f"{rule.id.lower()}_{rule.slug.replace('-', '_')}"
    assert callable(module.detect)  # type: ignore[attr-defined]
    for fix in rule.actions:
        assert (fix.when is None) == (not fix.condition), f"{rule.id}: say when '{fix.text}' applies"
