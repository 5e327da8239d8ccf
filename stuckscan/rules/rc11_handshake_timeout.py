"""RC11: WebSocket clients time out during the handshake because its budget is too short."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stuckscan.events import DISPATCHED_CLOSE_FIELD, Event
from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import (
    MODERN_HANDSHAKE_BUDGET,
    Candidate,
    budget_handshake_timeout,
    cite,
    field_text,
    late_handshake_timer,
    long_handshake,
    short_handshake_timeout,
)
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
     "CLI `gateway closed (1000 normal closure): no close reason`",
     "CLI `gateway closed (1006 abnormal closure (no close frame))` with nothing else said (a low-confidence guess)",
     "`closed before connect ... cause=handshake-timeout handshakeMs=10000-20000` with the timer on time: clients (or a "
     "proxy) slower than a 10 s budget, twice or more (medium confidence; once is a near miss)"),
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
    long_handshakes = [e for e in view.events("ws.closed_before_connect", "ws.handshake_timeout")
                       if long_handshake(e) or late_handshake_timer(e)]
    overruns = [e for e in view.events("ws.closed_before_connect") if budget_handshake_timeout(e)]
    # A connect that failed on a timeout says the gateway could not answer; one closed normally says nothing of it.
    timed_out = [e for e in view.events("gateway.connect_failed") if "requestTimeoutMethod" in e.fields
                 or "timeout" in e.message]
    starvation = (long_handshakes or timed_out or view.events("liveness.warning", "timer.delayed",
                                                              "liveness.heartbeat_delayed", "ws.response", "gateway.timeout"))
    modern_budget = any(e.seconds.get("handshakeMs", 0.0) >= MODERN_HANDSHAKE_BUDGET for e in view.events("ws.closed_before_connect"))
    old_gateway = view.build.rank == 1 or any(m.kind == "gateway.listening" for m in view.record.markers)
    cli_closes = [e for e in view.events("gateway.closed", "gateway.connect_failed") if normal_close_without_reason(e)]
    dropped = [e for e in view.events("gateway.closed", "gateway.connect_failed") if abnormal_close(e)]
    if closes:
        confidence = Confidence.HIGH
    elif (timeouts or cli_closes) and not starvation and not modern_budget and old_gateway:
        confidence = Confidence.MEDIUM  # no close details, but a build old enough for the 3 s default
    elif (timeouts or cli_closes) and not starvation and not modern_budget and view.build.rank == 0:
        confidence = Confidence.LOW  # no close details and no build to date it
    elif len(overruns) >= 2 and not starvation:  # (one client running out a 10 s budget once is a near miss)
        return _budget_overrun(view, overruns)
    elif dropped and not starvation and not modern_budget:
        return _dropped_connection(view, dropped)
    else:
        return None
    if closes or timeouts:
        summary = (f"{len(timeouts) or len(closes)} WebSocket handshake(s) timed out"
                   + (" at a short ~3 s limit (the pre-2026.3.22 default)." if closes
                      else " while the gateway was otherwise responsive."))
    else:
        summary = ("The CLI's connection was closed normally with no reason (`gateway closed (1000)`), the client-side "
                   "sign of a handshake cut short by the gateway's handshake timeout.")
    return Candidate("RC11", confidence, summary, cite(closes[:3], timeouts[:3], cli_closes[:2]), onset=view.record.start)


def _budget_overrun(view: EpisodeView, overruns: list[Event]) -> Candidate:
    longest = max(e.seconds.get("handshakeMs", 0.0) for e in overruns)
    summary = (f"{len(overruns)} WebSocket handshake(s) ran out the gateway's own budget (about 10 s; up to "
               f"{longest:.1f} s) with the timer on time: the clients, or a proxy in front of the gateway, did not finish "
               "the handshake in the time the gateway allows.")
    return Candidate("RC11", Confidence.MEDIUM, summary, cite(overruns[:3]), onset=view.record.start)


def _dropped_connection(view: EpisodeView, dropped: list[Event]) -> Candidate:
    # A 1006 is what a client sees when the server drops the socket without a close frame: a handshake cut short
    # is the common case on a gateway that stays up, a crash, restart or proxy the others. The guess stands only
    # when nothing else in the log explains the failed calls.
    summary = (f"The CLI's gateway connection dropped without a close frame ({len(dropped)} x `gateway closed (1006)`): "
               "its WebSocket call never completed. A handshake cut short is the common cause; a gateway restart, a "
               "crash or a proxy in between give the same close, and the server's log tells them apart.")
    return Candidate("RC11", Confidence.LOW, summary, cite(dropped[:3]), onset=view.record.start, fallback=True)


def abnormal_close(event: Event) -> bool:
    """The CLI's ``gateway closed (1006 abnormal closure (no close frame))`` (also wrapped in a connect failure), not
    one the newest CLI says came after its request was sent (no handshake was left to cut short)."""
    if event.kind == "gateway.closed":
        return event.fields.get("code") == 1006 and not after_dispatch(event)
    return "gateway closed (1006" in event.message


def normal_close_without_reason(event: Event) -> bool:
    """The CLI's ``gateway closed (1000 normal closure): no close reason`` (also inside a
    ``gateway connect failed: Error: gateway closed (1000): ...``)."""
    if event.kind == "gateway.closed":
        return event.fields.get("code") == 1000 and field_text(event, "reason").strip() in ("", "no close reason") \
            and not after_dispatch(event)
    return "gateway closed (1000" in event.message


def after_dispatch(event: Event) -> bool:
    """A CLI close the newest CLI follows with "The request was already sent to the gateway, ..."
    (src/gateway/transport-error.ts: the request goes out only after the connect handshake's hello, and the 1006 hints
    then drop the not-yet-ready and TLS causes): the correlator's mark."""
    return DISPATCHED_CLOSE_FIELD in event.seconds
