"""The root-cause rule set RC01..RC18: stable ids, slugs, titles, severity, fixes, docs.

Ids and slugs are public interface (JSON, SARIF ruleId, ``stuckscan explain``): an id
never changes meaning.
"""

from __future__ import annotations

from stuckscan.rules.catalog import RULES, Rule, find_rule

__all__ = ["RULES", "Rule", "find_rule", "PROJECT_URL", "DOCS_BASE_URL", "docs_url"]

# Where stuckscan's repository lives: every link a report builds (rule documentation,
# SARIF helpUri and informationUri) starts here. Change it in this one place.
PROJECT_URL = "https://github.com/stuckscan/stuckscan"
DOCS_BASE_URL = f"{PROJECT_URL}/blob/main/docs/rules/"


def docs_url(rule_id: str) -> str:
    return f"{DOCS_BASE_URL}{rule_id}.md"
