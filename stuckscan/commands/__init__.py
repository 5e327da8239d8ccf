"""One module per command, imported only when its command is run (or listed by ``--help``).

:data:`COMMANDS` names each command's module and attribute; :func:`load_command` imports
one, so ``stuckscan rules`` never loads the scan pipeline and ``stuckscan scan`` never
loads rich's markdown renderer.
"""

from __future__ import annotations

import click

COMMANDS: dict[str, tuple[str, str]] = {
    "scan": ("stuckscan.commands.scan", "scan"),
    "timeline": ("stuckscan.commands.scan", "timeline"),
    "report": ("stuckscan.commands.scan", "report"),
    "watch": ("stuckscan.commands.watch", "watch"),
    "events": ("stuckscan.commands.events", "events"),
    "signals": ("stuckscan.commands.signals", "signals"),
    "rules": ("stuckscan.commands.rules", "rules_command"),
    "explain": ("stuckscan.commands.rules", "explain"),
}


def load_command(name: str) -> click.Command | None:
    """The command called ``name``, importing its module; ``None`` for an unknown name."""
    where = COMMANDS.get(name)
    if where is None:
        return None
    module, attribute = where
    # __import__ rather than importlib.import_module: -X importtime reports it like an import statement
    command: click.Command = getattr(__import__(module, fromlist=[attribute]), attribute)
    return command


class LazyGroup(click.Group):
    """A group whose subcommands in :data:`COMMANDS` are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None:
            command = load_command(cmd_name)
            if command is not None:
                self.add_command(command, cmd_name)
        return command

