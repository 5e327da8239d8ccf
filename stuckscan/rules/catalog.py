"""The rule set, assembled from one module per rule (``rc01_model_call_hang.py``...).

Each module holds its rule's metadata (``RULE``: id, slug, title, fixes with their
conditions, the text of its docs page) and its detector (``detect``). Adding or fixing a
class is that one module plus its test cases.
"""

from __future__ import annotations

from types import ModuleType

from stuckscan.rules import (
    rc01_model_call_hang,
    rc02_ghost_run,
    rc03_blocked_tool_call,
    rc04_detector_false_positive,
    rc05_stale_session_state,
    rc06_ineffective_recovery,
    rc07_no_recovery_attempted,
    rc08_lock_held_by_live_gateway,
    rc09_dead_pid_lock,
    rc10_lock_contention_as_model_failure,
    rc11_handshake_timeout,
    rc12_event_loop_starvation,
    rc13_cold_start_noise,
    rc14_lane_wait_backlog,
    rc15_run_timeout_without_cleanup,
    rc16_compaction_stall,
    rc17_restart_interrupted_run,
    rc18_channel_ingress_stall,
)
from stuckscan.rules._rule import Fix, Rule

__all__ = ["RULES", "RULE_MODULES", "Fix", "Rule", "find_rule"]

RULE_MODULES: tuple[ModuleType, ...] = (
    rc01_model_call_hang, rc02_ghost_run, rc03_blocked_tool_call, rc04_detector_false_positive,
    rc05_stale_session_state, rc06_ineffective_recovery, rc07_no_recovery_attempted,
    rc08_lock_held_by_live_gateway, rc09_dead_pid_lock, rc10_lock_contention_as_model_failure,
    rc11_handshake_timeout, rc12_event_loop_starvation, rc13_cold_start_noise, rc14_lane_wait_backlog,
    rc15_run_timeout_without_cleanup, rc16_compaction_stall, rc17_restart_interrupted_run,
    rc18_channel_ingress_stall,
)

RULES: dict[str, Rule] = {module.RULE.id: module.RULE for module in RULE_MODULES}
_BY_SLUG: dict[str, Rule] = {rule.slug: rule for rule in RULES.values()}


def find_rule(name: str) -> Rule | None:
    """A rule by id (``RC02``, case-insensitive) or slug (``ghost-run``)."""
    key = name.strip()
    return RULES.get(key.upper()) or _BY_SLUG.get(key.lower())
