"""Rule ids on the command line: checking them before any log is read, suggesting the
nearest when one is mistyped, and completing them in the shell."""

from __future__ import annotations

import difflib
import re

import click
from click.shell_completion import CompletionItem

from stuckscan.rules import RULES, find_rule


def nearest_rules(name: str) -> list[str]:
    """The rule ids or slugs ``name`` most likely meant: ``rc2`` -> RC02, ``ghostrun`` ->
    ghost-run, ``lock`` -> the slugs that contain it."""
    typed = name.strip().lower()
    number = re.fullmatch(r"(?:rc)?-?0*(\d{1,3})", typed)
    if number is not None:
        wanted = f"RC{int(number.group(1)):02d}"
        if wanted in RULES:
            return [wanted]
    containing = [rule.slug for rule in RULES.values() if len(typed) >= 3 and typed in rule.slug]
    if containing:
        return containing
    names = {rule.id.lower(): rule.id for rule in RULES.values()} | {rule.slug: rule.slug for rule in RULES.values()}
    return [names[match] for match in difflib.get_close_matches(typed, list(names), n=1, cutoff=0.6)]


def unknown_rule_message(name: str) -> str:
    """``unknown rule 'RC99'; rules are RC01, RC02, … RC18 (or their slugs: stuckscan rules)``,
    with the nearest names when there are any."""
    nearest = nearest_rules(name)
    hint = f" (did you mean {' or '.join(nearest)}?)" if nearest else ""
    return f"unknown rule {name!r}{hint}; rules are {', '.join(RULES)} (or their slugs: stuckscan rules lists them)"


def check_rules(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """The ``--rule`` callback: every value must name a rule (before anything is read)."""
    for name in values:
        if find_rule(name) is None:
            raise click.BadParameter(unknown_rule_message(name))
    return values


def complete_rules(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Rule ids and slugs that start with what was typed, each with its title."""
    typed = incomplete.lower()
    items = [CompletionItem(rule.id, help=rule.title) for rule in RULES.values() if rule.id.lower().startswith(typed)]
    if typed and not typed.startswith("rc"):
        items.extend(CompletionItem(rule.slug, help=rule.title) for rule in RULES.values() if rule.slug.startswith(typed))
    return items
