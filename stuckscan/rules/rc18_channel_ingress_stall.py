"""RC18: a channel stopped delivering messages; the health monitor keeps restarting it."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import Candidate, cite, field_text
from stuckscan.rules._rule import Fix, FixContext, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import EpisodeView


def _port_taken(context: FixContext) -> bool:
    return bool(context.fact("eaddrinuse"))


def _stale_socket(context: FixContext) -> bool:
    return "stale-socket" in (context.fact("reasons") or ())


RULE = Rule(
    "RC18", "channel-ingress-stall", "Channel ingress stall (session idle, bot silent)",
    "A channel stopped delivering messages: the health monitor keeps restarting it; no session is processing.",
    "warning", Severity.WARNING, "gateway",
    ("`[health-monitor] [<ch>:<acct>] health-monitor: restarting (reason: stale-socket|stuck|stopped|disconnected)` loops",
     "`[<ch>:<acct>] health-monitor: hit N restarts/hour limit, skipping` (a restart loop the monitor counted)",
     "`[<ch>:<acct>] health-monitor: restart failed: ...` after a restart",
     "no `Inbound message` / `polling ingress started`", "`EADDRINUSE`"),
    ("no session is processing: the problem is channel-level",),
    (Fix("Free the port another process holds (`EADDRINUSE`), or stop the second gateway.", _port_taken,
         "a restart failed with EADDRINUSE"),
     Fix("Restart the channel or the gateway."),
     Fix("Upgrade (PR #34113 fixes the multi-account stale-socket loop).", _stale_socket,
         "the restarts are for stale sockets"),
     Fix("Tune the health-monitor thresholds.")),
    ("#34113",),
    confirm="A longer log would show whether the restarts keep coming and whether inbound messages resume after them.",
)


def channel_of(event: object) -> str:
    return f"{field_text(event, 'channel')}:{field_text(event, 'account')}"  # type: ignore[arg-type]


def detect(view: EpisodeView) -> Candidate | None:
    restarts = view.events("health.restart")
    per_channel = Counter(channel_of(e) for e in restarts)
    looping = [channel for channel, count in per_channel.items() if count >= 2]
    # "hit <n> restarts/hour limit" (src/gateway/channel-health-monitor.ts): the monitor itself counted n
    # restarts of that account within the hour, a restart loop even when the log shows fewer of them.
    limits = view.events("health.restart_limit")
    looping += [channel for channel in dict.fromkeys(channel_of(e) for e in limits) if channel not in looping]
    addr_in_use = view.events("net.eaddrinuse")
    failed = view.events("health.restart_failed")
    total = view.count("health.restart")
    if not looping and not ((addr_in_use or failed) and restarts) and total < 2:
        return None
    confidence = Confidence.HIGH if not view.overlapping_incidents else Confidence.MEDIUM
    name = (looping or list(per_channel) or ["channel"])[0].strip(":") or "a channel"
    reasons = sorted({field_text(e, "reason") for e in restarts if field_text(e, "reason")})
    return Candidate(
        "RC18", confidence,
        f"The health monitor restarted {name} {total} time(s) ({', '.join(reasons) or 'no reason given'})"
        + (f", hit its limit of {field_text(limits[0], 'maxRestartsPerHour')} restarts/hour" if limits else "")
        + (", and a restart failed" if failed else "")
        + ": the channel stopped delivering messages.",
        cite(restarts[:3], restarts[-1:], limits[:1], failed[:1], addr_in_use[:1]), onset=view.record.start,
        facts={"eaddrinuse": bool(addr_in_use), "reasons": reasons},
    )
