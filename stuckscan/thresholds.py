"""OpenClaw's stall-detector timing, as the rules and the correlator assume it.

The gateway's diagnostic heartbeat runs every 30 s; a session with active work and no progress
for ``diagnostics.stuckSessionWarnMs`` (120 s) is warned about; automatic abort comes at
``diagnostics.stuckSessionAbortMs``, by default max(300 s, 3 x warn) = 360 s.

The module constants are the defaults. A :class:`Thresholds` value carries the timing of one
gateway (built from its config by :func:`stuckscan.config.thresholds_from`); the correlator and
the rules read it from there. The heartbeat interval is not configurable upstream.
"""

from __future__ import annotations

from datetime import timedelta

from stuckscan._dataclass import dataclass

HEARTBEAT = timedelta(seconds=30)
WARN_THRESHOLD_SECONDS = 120.0
ABORT_THRESHOLD_SECONDS = 360.0
ABORT_FLOOR_SECONDS = 300.0
ABORT_WARN_FACTOR = 3.0
# The run budget OpenClaw gives a turn unless agents.defaults.timeoutSeconds says otherwise.
RUN_BUDGET_SECONDS = 600.0
# diagnostics.stuckSessionWarnMs is accepted in this range (1 s .. 24 h); other values are ignored upstream.
WARN_RANGE_MS = (1_000, 86_400_000)


def default_abort_seconds(warn_seconds: float) -> float:
    """The abort threshold when ``stuckSessionAbortMs`` is not set: max(300 s, 3 x warn)."""
    return max(ABORT_FLOOR_SECONDS, ABORT_WARN_FACTOR * warn_seconds)


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The stall detector's timing for one gateway, and where each value came from."""

    heartbeat: timedelta = HEARTBEAT
    warn_seconds: float = WARN_THRESHOLD_SECONDS
    abort_seconds: float = ABORT_THRESHOLD_SECONDS
    warn_origin: str = "default"
    abort_origin: str = "default"
    run_budget_seconds: float = RUN_BUDGET_SECONDS  # agents.defaults.timeoutSeconds

    @property
    def is_default(self) -> bool:
        return self.warn_seconds == WARN_THRESHOLD_SECONDS and self.abort_seconds == ABORT_THRESHOLD_SECONDS

    def describe(self) -> str:
        """``warn 120 s, abort 360 s (default)``."""
        warn = f"warn {self.warn_seconds:g} s" + ("" if self.warn_origin == "default" else f" ({self.warn_origin})")
        abort = f"abort {self.abort_seconds:g} s ({self.abort_origin})"
        return f"{warn}, {abort}"


DEFAULT_THRESHOLDS = Thresholds()
