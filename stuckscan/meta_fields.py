"""The file log's meta-object field names, read under the names the console prints.

A gateway call such as ``log.warn("embedded run failover decision", {failoverReason, rawErrorPreview,
consoleMessage})`` writes its fields to the file log as a meta object (``"1": {...}, "2": "<message>"``)
and prints ``consoleMessage`` on the console, where the same fields read ``reason=... rawError=...``.
The rules read the console's names. :data:`ALIASES` says, per event kind, which meta key holds the value
the console prints under another name; :func:`aliased` yields those values, and the parser gives them to
the event under the console's name (``stuckscan.parser``), beside the meta key itself. A value the console
prints inside its message (an error text) is also read by the message enrichers, as the console line's is:
a session-lock error in a fallback's ``errorPreview`` names the lock file and its holder as it would in
``detail=``.

Every kind the rules read fields of was checked against the source that writes it; the kinds whose meta
keys already are the console's names (``closed before connect``, ``fetch timeout reached``, the cron
cleanup lines, the compaction start/end lines) or that write no meta object (the stall warnings, the
recovery lines, the lane lines, liveness, the health monitor) need no entry. docs/formats.md,
"Meta-object field names", lists what was checked.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from stuckscan._dataclass import dataclass


@dataclass(frozen=True, slots=True)
class MetaAlias:
    """The console's name for a value a meta object holds under another key."""

    field: str  # the name the console prints, and the rules read
    keys: tuple[str, ...]  # the meta keys that hold the value, the first one present wins (as the console's does)
    console_text: bool = False  # printed inside the console message: the message enrichers read it there


ALIASES: Mapping[str, tuple[MetaAlias, ...]] = {
    # src/agents/pi-embedded-runner/run/failover-observation.ts (createFailoverDecisionLogger): the console
    # prints "reason=<failoverReason>" and "rawError=<rawErrorPreview>".
    "embedded.failover": (
        MetaAlias("reason", ("failoverReason",)),
        MetaAlias("rawError", ("rawErrorPreview",), console_text=True),
    ),
    # src/agents/pi-embedded-subscribe.handlers.lifecycle.ts (handleAgentEnd): the console prints
    # "error=<error>" (the same key) and "rawError=<rawErrorPreview>".
    "embedded.agent_end": (
        MetaAlias("rawError", ("rawErrorPreview",), console_text=True),
    ),
    # src/agents/model-fallback-observation.ts (logModelFallbackDecision): the console prints
    # "detail=<providerErrorMessagePreview ?? errorPreview>".
    "model.fallback_decision": (
        MetaAlias("detail", ("providerErrorMessagePreview", "errorPreview"), console_text=True),
    ),
    # extensions/whatsapp/src/auto-reply/monitor.ts: the reconnect logger's "web reconnect: scheduling retry"
    # {status, reconnectAttempts, maxAttempts, delayMs}; its console companion says "Retry <reconnectAttempts>/<max>".
    "channel.auto_restart": (
        MetaAlias("attempt", ("reconnectAttempts",)),
    ),
}


def aliased(kind: str, meta: Mapping[str, Any]) -> Iterator[tuple[MetaAlias, Any]]:
    """(alias, value) for each alias of ``kind`` whose meta object states a value. A null value states
    nothing (the console prints a placeholder for it: ``reason=none``)."""
    for alias in ALIASES.get(kind, ()):
        for key in alias.keys:
            value = meta.get(key)
            if value is not None and value != "":
                yield alias, value
                break
