"""samplegen: a small deterministic generator of OpenClaw gateway log samples.

Library layers (stdlib only):

* ``clock``, ``ids``, ``build`` — timestamps, seeded identifiers, build profiles;
* ``records`` — ``Event`` and the on-disk JSONL record (tslog ``_meta`` etc.);
* ``console``, ``cli_logs`` — console/journald and ``openclaw logs`` renderings;
* ``messages`` — one function per gateway message template;
* ``timeline``, ``flows``, ``traffic`` — event timelines, turn/startup flows and
  the seeded normal-traffic filler;
* ``corpus_*`` — the concrete sample files under ``sample_logs/``.

``python -m tools.samplegen`` regenerates every committed sample.
"""
from __future__ import annotations

from .generate import generate_all

__all__ = ["generate_all"]
