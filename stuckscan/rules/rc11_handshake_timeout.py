"""RC11: WebSocket clients time out during the handshake because its budget is too short."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import Candidate, cite, long_handshake, short_handshake_timeout
from stuckscan.rules._rule import Fix, FixContext, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import EpisodeView


def _old(context: FixContext) -> bool:
    return context.build.rank <= 1


RULE = Rule(
    "RC11", "handshake-timeout", "WebSocket handshake timeout (short pre-2026.3.22 default)",
    "WebSocket clients time out during the handshake because the timeout is too short.",
    "warning", Severity.WARNING, "gateway",
    ("`handshake timeout conn=... remote=...`",
     "`closed before connect ... cause=handshake-timeout ... handshakeMs=3000 code=1000`",
     "CLI `gateway closed (1000 normal closure): no close reason`"),
    ("`handshakeMs` about 3000 and `durationMs` only slightly higher", "only WebSocket CLI commands fail"),
    (Fix("Upgrade to 2026.3.22 or later.", _old, "the log's build is older or unknown"),
     Fix("Or set `OPENCLAW_HANDSHAKE_TIMEOUT_MS=10000` (up to 30000)."),
     Fix("Use `tail -f` on the log file instead of `openclaw logs`.")),
    (),
    confirm="A longer log would show the close details (`closed before connect ... handshakeMs=`) and whether the "
            "gateway was otherwise responsive.",
)


def detect(view: EpisodeView) -> Candidate | None:
    closes = [e for e in view.events("ws.closed_before_connect") if short_handshake_timeout(e)]
    timeouts = view.events("ws.handshake_timeout")
    long_handshakes = [e for e in view.events("ws.closed_before_connect") if long_handshake(e)]
    starvation = (long_handshakes or view.events("liveness.warning", "timer.delayed", "liveness.heartbeat_delayed",
                                                  "ws.response", "gateway.connect_failed", "gateway.timeout"))
    modern_budget = any(e.seconds.get("handshakeMs", 0.0) >= 10.0 for e in view.events("ws.closed_before_connect"))
    old_gateway = view.build.rank == 1 or any(m.kind == "gateway.listening" for m in view.record.markers)
    if closes:
        confidence = Confidence.HIGH
    elif timeouts and not starvation and not modern_budget and old_gateway:
        confidence = Confidence.MEDIUM  # no close details, but a build old enough for the 3 s default
    else:
        return None
    return Candidate(
        "RC11", confidence,
        f"{len(timeouts) or len(closes)} WebSocket handshake(s) timed out"
        + (" at a short ~3 s limit (the pre-2026.3.22 default)." if closes else " while the gateway was otherwise responsive."),
        cite(closes[:3], timeouts[:3]), onset=view.record.start,
    )
