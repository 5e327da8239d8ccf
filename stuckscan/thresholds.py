"""OpenClaw's stall-detector timing, as the rules and the correlator assume it.

The gateway's diagnostic heartbeat runs every 30 s; a session with active work and no progress
for ``diagnostics.stuckSessionWarnMs`` (120 s) is warned about; automatic abort comes at
``diagnostics.stuckSessionAbortMs``, by default max(300 s, 3 x warn) = 360 s.
"""

from __future__ import annotations

from datetime import timedelta

HEARTBEAT = timedelta(seconds=30)
WARN_THRESHOLD_SECONDS = 120.0
ABORT_THRESHOLD_SECONDS = 360.0
