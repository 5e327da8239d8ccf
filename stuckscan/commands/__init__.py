"""One module per command; :func:`register_commands` adds them all to the group."""

from __future__ import annotations

import click


def register_commands(group: click.Group) -> None:
    from stuckscan.commands.events import events
    from stuckscan.commands.rules import explain, rules_command
    from stuckscan.commands.scan import report, scan, timeline
    from stuckscan.commands.watch import watch

    group.add_command(scan)
    group.add_command(timeline)
    group.add_command(report)
    group.add_command(watch)
    group.add_command(events)
    group.add_command(rules_command)
    group.add_command(explain)
