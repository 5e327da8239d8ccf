"""`stuckscan signals`: the templates of unrecognised WARN/ERROR/FATAL lines, as a start for a new rule."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from stuckscan.commands._inputs import input_options, load_analysis, selection_from
from stuckscan.commands._options import display_options, shown_zone

DEFAULT_LIMIT = 50


def signals_document(analysis: Any, limit: int | None) -> dict[str, Any]:
    """The templates as data (``--format json``)."""
    from stuckscan import __version__
    from stuckscan.formats.json import signal_to_dict

    signals = analysis.signals
    catalog = signals.catalog if signals is not None else []
    return {
        "tool": {"name": "stuckscan", "version": __version__},
        "files": list(analysis.inputs.files),
        "lines": signals.lines if signals is not None else 0,
        "templates": signals.templates if signals is not None else 0,
        "evicted": signals.evicted if signals is not None else 0,
        "signals": [signal_to_dict(template) for template in (catalog[:limit] if limit else catalog)],
        "precedingIncidents": [signal_to_dict(template) for template in (signals.preceding if signals is not None else [])],
    }


def signals_text(analysis: Any, limit: int | None, zone: Any) -> str:
    from stuckscan.formats._escape import clean
    from stuckscan.formats._report import display_zone, local_clock

    signals = analysis.signals
    if signals is None or not signals.catalog:
        return "No unrecognised WARN/ERROR/FATAL lines: every such line is of a known message family.\n"
    shown_zone_ = display_zone(analysis, zone)
    rows = [f"{'Count':>7}  {'Level':<5}  {'First':<19}  {'Last':<19}  Template"]
    catalog = signals.catalog[:limit] if limit else signals.catalog
    for template in catalog:
        first = local_clock(template.first_time, shown_zone_, with_date=True) if template.first_time else "-"
        last = local_clock(template.last_time, shown_zone_, with_date=True) if template.last_time else "-"
        where = f"[{template.subsystem}] " if template.subsystem else ""
        rows.append(f"{template.count:>7,}  {template.level.upper():<5}  {first:<19}  {last:<19}  "
                    f"{clean(where + template.template)}")
        rows.append(f"{'':>7}  e.g. {clean(template.example)}")
    more = len(signals.catalog) - len(catalog)
    footer = [f"{signals.templates:,} template(s) from {signals.lines:,} line(s)"
              + (f"; {more:,} more not shown (--limit 0 shows all)" if more > 0 else "")
              + (f"; {signals.evicted:,} evicted by the cap of templates kept" if signals.evicted else "")]
    if signals.preceding:
        footer.append(f"{len(signals.preceding)} of them were seen before incidents: `stuckscan scan` ranks them")
    return "\n".join(rows + footer) + "\n"


@click.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: a table; json: the templates as data, a start for a new rule.")
@click.option("--limit", type=click.IntRange(min=0), default=DEFAULT_LIMIT, show_default=True,
              help="Templates shown, most frequent first (0: all).")
@click.option("--no-redact", is_flag=True, help="Keep secrets and personal ids in the output.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to FILE instead of stdout.")
@display_options
@input_options
def signals(output_format: str, limit: int, no_redact: bool, output: str | None, utc: bool, display_tz: Any,
            **kwargs: Any) -> None:
    """List the templates of WARN/ERROR/FATAL lines in [PATH]... that no rule recognises.

    Variable parts (numbers, ids, durations) are masked as <*>; each template has its count,
    first and last time and an example file:line.
    """
    from stuckscan.commands._write import write_report
    from stuckscan.redact import redact_analysis

    selection = selection_from(kwargs)
    analysis = load_analysis(selection, machine_output=output_format == "json")
    if not no_redact:
        analysis = redact_analysis(analysis)
    if output_format == "json":
        text = json.dumps(signals_document(analysis, limit or None), indent=2, ensure_ascii=True) + "\n"
    else:
        text = signals_text(analysis, limit or None, shown_zone(utc, display_tz))
    write_report(text, output)
    sys.exit(0)
