"""The names OpenClaw has shipped under (Clawdbot, then Moltbot, then OpenClaw): its log files, its CLI, its
console tag and its channel plugins' package names carry whichever name the build had."""

from __future__ import annotations

# The names as a regular-expression alternation (lower case), bare and as a group.
PRODUCT_NAMES = "openclaw|clawdbot|moltbot"
PRODUCT_NAME = f"(?:{PRODUCT_NAMES})"
# The names as a set: the gateway's root logger and its own subsystem carry one of them.
PRODUCT_NAME_SET = frozenset(PRODUCT_NAMES.split("|"))
