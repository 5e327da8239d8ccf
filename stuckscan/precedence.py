"""The rule set's precedence (root-causes.md, "Precedence"): when causes tie, the earlier wins.

A leaf module so that both the classifier (primary and contributing causes of one finding) and the model (which
finding is a report's headline) read the same order."""

from __future__ import annotations

# Earlier tiers win; the reference ranks the classes inside a tier alike ("RC15/RC16/RC17").
TIERS: tuple[tuple[str, ...], ...] = (
    ("RC08",), ("RC09",), ("RC10",), ("RC03",), ("RC01",), ("RC02",), ("RC05",), ("RC15", "RC16", "RC17"),
    ("RC12",), ("RC11",), ("RC18",), ("RC06", "RC07"), ("RC14",), ("RC13", "RC04"),
)
# One order for a single finding's candidates, where a tie must still be broken: the tiers in a row.
PRECEDENCE: tuple[str, ...] = tuple(rule for tier in TIERS for rule in tier)
_TIER_OF = {rule: index for index, tier in enumerate(TIERS) for rule in tier}


def precedence_rank(rule_id: str) -> int:
    """The rule's place in :data:`PRECEDENCE` (unknown rules last)."""
    return PRECEDENCE.index(rule_id) if rule_id in PRECEDENCE else len(PRECEDENCE)


def precedence_tier(rule_id: str) -> int:
    """The rule's tier in :data:`TIERS` (unknown rules last)."""
    return _TIER_OF.get(rule_id, len(TIERS))
