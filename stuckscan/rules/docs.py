"""Rule documentation pages, generated from the rule catalog.

``python -m stuckscan.rules.docs docs/rules`` rewrites ``docs/rules/RCxx.md``; a test
checks the committed pages match, so ``stuckscan explain`` and the docs never disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from stuckscan.rules.catalog import RULES, Rule


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"- {item}" for item in items) or "- (none)"


def _fixes(rule: Rule) -> str:
    """Each fix, with the evidence that calls for it when it does not always apply."""
    return _bullets(tuple(f"{fix.text} *(when {fix.condition})*" if fix.condition else fix.text for fix in rule.actions))


def rule_page(rule: Rule) -> str:
    """The markdown page for one rule."""
    kind = "gateway-wide (forms an episode)" if rule.scope == "gateway" else "per session (an incident)"
    references = ", ".join(f"openclaw/openclaw {ref}" for ref in rule.references) or "none"
    return (
        f"# {rule.id} `{rule.slug}`: {rule.title}\n\n"
        f"{rule.summary}\n\n"
        f"- **Scope:** {kind}\n"
        f"- **Severity:** {rule.severity_policy}\n"
        f"- **Benign:** {'yes, reported as info and never a failure' if rule.benign else 'no'}\n\n"
        f"## Signature in the log\n\n{_bullets(rule.signature)}\n\n"
        f"## Discriminating evidence\n\n{_bullets(rule.evidence)}\n\n"
        f"## What to change\n\n{_fixes(rule)}\n\n"
        + (f"## Good to know\n\n{_bullets(rule.notes)}\n\n" if rule.notes else "")
        + (f"## When the log is short\n\n{rule.confirm}\n\n" if rule.confirm else "")
        + f"## References\n\n{references}\n\n"
        f"Show this page with `stuckscan explain {rule.id}` or `stuckscan explain {rule.slug}`.\n"
    )


def index_page() -> str:
    rows = "\n".join(
        f"| [{rule.id}]({rule.id}.md) | `{rule.slug}` | {rule.title} | {rule.severity_policy} |"
        for rule in RULES.values()
    )
    return (
        "# Rules\n\nEvery root cause stuckscan reports has a stable id, a slug and a page. "
        "Ids never change meaning.\n\n| Id | Slug | Title | Severity |\n|---|---|---|---|\n" + rows + "\n"
    )


def write_pages(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for rule in RULES.values():
        path = directory / f"{rule.id}.md"
        path.write_text(rule_page(rule), encoding="utf-8")
        written.append(path)
    index = directory / "README.md"
    index.write_text(index_page(), encoding="utf-8")
    written.append(index)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/rules")
    for page in write_pages(target):
        print(page)
