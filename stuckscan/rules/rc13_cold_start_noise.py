"""RC13: liveness warnings during gateway startup, with no stuck session: expected noise."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import Candidate, cite, in_startup_window
from stuckscan.rules._rule import Fix, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import EpisodeView

RULE = Rule(
    "RC13", "cold-start-noise", "Cold-start liveness noise",
    "Liveness warnings during gateway startup, with no stuck session: expected noise.",
    "info", Severity.INFO, "gateway",
    ("`liveness warning ...` within about 60 s of `[gateway/health-monitor] started (... startup-grace: 60s ...)` "
     "or gateway `ready`", "`recentPhases=sidecars.model-prewarm...`",
     "a liveness warning whose `recentPhases` name a start-up sidecar (`sidecars.*`, phases that ended inside its "
     "interval) and that shows no session work, with no start marker in the paste (medium confidence)",
     "slow calls (`⇄ res ✓ models.list 23106ms`) inside the same window, with no other trouble (medium confidence "
     "alone)"),
    ("inside the startup window", "no stuck sessions"),
    (Fix("Nothing to fix; upgrade (PR #76401) to quiet it."),),
    ("#76401",), benign=True,
)


def detect(view: EpisodeView) -> Candidate | None:
    liveness = view.events("liveness.warning")
    # (calls the Control UI makes right after a start answer slowly while the gateway warms up, as the loop's
    # delay is high then: the same noise)
    slow = view.events("ws.response")
    signs = liveness + slow
    if not signs or view.overlapping_incidents:
        return None
    if not all(in_startup_window(view.record.markers, e) for e in signs):
        return None
    other_trouble = sum(count for kind, count in view.record.evidence.counts.items()
                        if kind not in ("liveness.warning", "ws.response"))
    if other_trouble:
        return None
    markers = [m for m in view.record.markers if m.kind in ("gateway.ready", "health.started")]
    what = " and ".join(part for part in (f"{len(liveness)} liveness warning(s)" if liveness else "",
                                          f"{len(slow)} slow call(s)" if slow else "") if part)
    return Candidate(
        # (dated by a liveness warning's own start-up phases alone, with no start marker to measure from: medium)
        "RC13", Confidence.HIGH if liveness and markers else Confidence.MEDIUM,
        f"{what[:1].upper()}{what[1:]} inside the gateway's startup window, with no stuck session: startup noise.",
        cite(signs[:3], markers[:1]),
        onset=view.record.start,
    )
