from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from stuckscan.cli import cli
from stuckscan.rules import RULES, find_rule
from stuckscan.rules.docs import index_page, rule_page

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


def test_every_rule_has_a_committed_page_matching_the_catalog() -> None:
    assert [rule.id for rule in RULES.values()] == [f"RC{n:02d}" for n in range(1, 19)]
    for rule in RULES.values():
        page = DOCS / f"{rule.id}.md"
        assert page.read_text(encoding="utf-8") == rule_page(rule), f"regenerate: python -m stuckscan.rules.docs ({rule.id})"
    assert (DOCS / "README.md").read_text(encoding="utf-8") == index_page()


def test_ids_and_slugs_are_unique_and_findable() -> None:
    slugs = [rule.slug for rule in RULES.values()]
    assert len(set(slugs)) == len(slugs)
    assert find_rule("rc02") is RULES["RC02"]
    assert find_rule("ghost-run") is RULES["RC02"]
    assert find_rule("RC99") is None


def test_benign_rules_are_info() -> None:
    assert {rule.id for rule in RULES.values() if rule.benign} == {"RC04", "RC13", "RC14"}


def test_explain_prints_the_page_and_rejects_unknown_rules() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["explain", "lane-wait-backlog"])
    assert result.exit_code == 0
    assert result.output.startswith("# RC14 `lane-wait-backlog`")
    unknown = runner.invoke(cli, ["explain", "RC99"])
    assert unknown.exit_code == 2


def test_rules_lists_every_rule_as_json() -> None:
    import json

    result = CliRunner().invoke(cli, ["rules", "--format", "json"])
    payload = json.loads(result.output)
    assert [r["id"] for r in payload] == list(RULES)
    assert all(r["helpUri"].endswith(f"{r['id']}.md") for r in payload)
