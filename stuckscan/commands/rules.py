"""`stuckscan rules` and `stuckscan explain RULE`."""

from __future__ import annotations

import io
import json
import sys

import click

from stuckscan.commands._choices import complete_rules, unknown_rule_message
from stuckscan.commands._options import EXIT_ERROR
from stuckscan.rules import RULES, docs_url, find_rule
from stuckscan.rules.docs import rule_page


def _print(renderable: object) -> None:
    """Render to a string first: rich exits 1 on a broken pipe, the CLI's handler exits quietly."""
    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, highlight=False, width=None if sys.stdout.isatty() else 100,
            force_terminal=sys.stdout.isatty()).print(renderable)
    sys.stdout.write(buffer.getvalue())


@click.command(name="rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(output_format: str) -> None:
    """List the root-cause rules (RC01..RC18) with their slugs and severities."""
    if output_format == "json":
        payload = [
            {"id": r.id, "slug": r.slug, "title": r.title, "summary": r.summary, "scope": r.scope,
             "defaultSeverity": r.default_severity.value, "severityPolicy": r.severity_policy,
             "benign": r.benign, "fixes": list(r.fixes), "helpUri": docs_url(r.id)}
            for r in RULES.values()
        ]
        click.echo(json.dumps(payload, indent=2))
        return
    from rich.table import Table

    table = Table("Id", "Slug", "Title", "Scope", "Severity", box=None, pad_edge=False)
    for rule in RULES.values():
        table.add_row(rule.id, rule.slug, rule.title, rule.scope, rule.short_severity)
    _print(table)


@click.command()
@click.argument("rule", shell_complete=complete_rules)
def explain(rule: str) -> None:
    """Print the documentation page of RULE (an id like RC02, or a slug like ghost-run)."""
    found = find_rule(rule)
    if found is None:
        click.echo(f"stuckscan: error: {unknown_rule_message(rule)}", err=True)
        sys.exit(EXIT_ERROR)
    page = rule_page(found)
    if sys.stdout.isatty():
        from rich.markdown import Markdown  # markdown_it and pygments: only for a terminal

        _print(Markdown(page))
    else:
        click.echo(page, nl=False)
