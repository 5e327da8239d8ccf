"""Writes the rule scenarios and their ``.expected.json`` sidecars."""
from __future__ import annotations

from .corpus import Corpus
from .kit import SCENARIOS

_KEY_ORDER = ("incidentCount", "incidents", "episodes", "mustNotFire", "maxSeverity")


def add_rules(corpus: Corpus) -> None:
    from . import rules_a, rules_b, rules_recovery  # noqa: F401  (registers the scenarios)

    for build in SCENARIOS:
        sc = build()
        corpus.add(f"rules/{sc.name}.log", sc.text, sc.description)
        sidecar: dict = {"description": sc.description}
        for key in _KEY_ORDER:
            if key in sc.expected:
                sidecar[key] = sc.expected[key]
        corpus.add_json(f"rules/{sc.name}.expected.json", sidecar,
                        f"Expected analysis of rules/{sc.name}.log.")
