"""RC12: the gateway's event loop was blocked; every session, channel and client slowed at once."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from stuckscan.events import AUTH_WARMED_KIND, Event, warm_blocked_loop
from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import (
    DELAY_SPIKE_MS,
    Candidate,
    cite,
    delay_spike,
    field_text,
    in_startup_window,
    late_handshake_timer,
    long_handshake,
    metric,
    stall_spans_a_freeze,
    starving,
)
from stuckscan.rules._rule import Fix, FixContext, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import EpisodeView


def _phases_known(context: FixContext) -> bool:
    return bool(context.fact("phases"))


def _host_froze(context: FixContext) -> bool:
    return bool(context.fact("host_frozen"))


def _memory(context: FixContext) -> bool:
    return bool(context.fact("memory_pressure"))


RULE = Rule(
    "RC12", "event-loop-starvation", "Gateway event-loop starvation (gateway unresponsive)",
    "The gateway's event loop was blocked: every session, channel and client slowed down at once.",
    "warning", Severity.WARNING, "gateway",
    ("`liveness warning: reasons=event_loop_delay[,event_loop_utilization,cpu] ... eventLoopDelayMaxMs=<>=2000>` "
     "(one such pause under 10 s counts when a second follows, when its sample does not show both "
     "`eventLoopUtilization` and `cpuCoreRatio` below 0.8, or when a plugin hook runs out of its budget, "
     "`[hooks] <hook> handler from <plugin> failed: timed out after Nms`, within a minute of it; samples that all show "
     "both below 0.8 and pauses under 10 s do not count, whatever their p99, when work ends well after the first of "
     "them and within 5 min of the last (`embedded run agent end`, `embedded run done`, `embedded run end`, `lane task "
     "done`, `message processed`, none with `aborted=true`, `stopReason=error`, `outcome=error|failed` or `timed out`, "
     "nor `isError=true` unless its error is the provider's answer, a rate limit or a 401 sent back at once) and no "
     "stuck session or other trouble is beside them; a reporter's summary "
     "row of a liveness field, `eventLoopDelayMaxMs: 4,234 ms → 25,534 ms`, is read as a sample at the range's top)",
     "`fetch timeout ... timer delayed NNNNms, likely event-loop starvation` (console); in the file log, "
     "`fetch timeout reached; aborting operation` with `timerDelayMs` in its meta object",
     "`[ws] ⇄ res ✓ <method> <very large>ms`", "handshake `durationMs` far above `handshakeMs`",
     "a handshake timeout whose timer fired past any budget a gateway is set to (`handshakeMs` over 30 s)",
     "`gateway request timeout for connect`",
     "`memory pressure: level=critical ...` beside another sign (alone, or at `level=warning`, a threshold crossed)",
     "`FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory` (the process then dies)",
     "a CLI call's own `gateway timeout after Nms`, or a probe's `Connect: failed - timeout`, beside another sign "
     "(alone, the client giving up on one call)",
     "a client's `gateway closed (4000): tick timeout`: the socket stayed open but the gateway sent no keep-alive tick "
     "for two tick intervals (a low-confidence sign alone: a host asleep gives the same)",
     "`host timing gap detected: process was frozen ~Nms` (later `host thaw detected: ...`) beside other trouble "
     "(alone, or with only the channel restart the thaw routine runs itself within 60 s, or with one channel polling "
     "stall whose age covers the freeze and is mostly it, the gateway's own thaw routine); SQLite's `database is "
     "locked` in a store call's error (`session transcript reconcile failed agent=<id> error=database is locked`) is "
     "such trouble",
     "a pasted `/readyz` body whose `eventLoop` snapshot says `\"degraded\": true` (read as a liveness warning with its figures)",
     "`provider auth state pre-warmed|re-warmed (<reason>) in Nms eventLoopMax=<ms>` with `eventLoopMax` of ten "
     "seconds or more (the warm-up's own measure of the loop's longest delay; a few hundred ms is routine)"),
    ("`eventLoopUtilization` near 1, `cpuCoreRatio` near 1", "all sessions and channels affected at the same time"),
    (Fix("Keep the host from suspending the gateway (sleep, a paused container or VM): the process did not run "
         "while frozen.", _host_froze, "the gateway logged a host timing gap"),
     Fix("Find the hot phase (`phase=`, `recentPhases=` on liveness warnings).", _phases_known,
         "the liveness warnings name a phase"),
     Fix("Reduce `maxConcurrent` and subagent fan-out."),
     Fix("Check memory pressure: shrink transcripts and contexts.", _memory, "the log reports memory pressure"),
     Fix("Shrink transcripts and contexts.", lambda c: not _memory(c), "no memory pressure reported"),
     Fix("Upgrade past known regressions (2026.4.27 / 2026.5.4).", lambda c: c.build.rank <= 3,
         "the log's build is 2026.5.18 or older"),
     Fix("Restart the gateway: `openclaw gateway restart`.")),
    (),
    confirm="A longer log would show liveness warnings with event-loop delay and utilization figures, which say "
            "whether the loop was busy or paused.",
)


FROZEN_MS = 10_000  # one event-loop pause this long (ms) is evidence on its own
# What an RC12 reading says when V8's heap-limit line is its only sign (fact died_only).
DIED_ONLY_SUMMARY = ("The gateway process hit V8's heap limit and died (`JavaScript heap out of memory`); no line "
                     "shows its timers or requests running late before that.")
HEARTBEAT_SLOP = DELAY_SPIKE_MS / 1000  # seconds a heartbeat tick may run late without saying anything of the loop


def starved_fetch_timeouts(view: EpisodeView) -> list[Event]:
    """File-log ``fetch timeout reached`` records whose timer fired late: OpenClaw adds
    ``timerDelayMs`` to the meta object only when the delay is at least max(1 s, half the
    timeout), its own "likely event-loop starvation" hint (the console line says ``timer
    delayed``, a ``timer.delayed`` event)."""
    return [e for e in view.events("fetch.timeout") if "timerDelayMs" in e.fields or _fired_late(e)]


def tick_timeout(event: Event) -> bool:
    """A client's ``gateway closed (4000): tick timeout``: its socket open, no tick from the gateway for too long."""
    return str(event.fields.get("code", "")) == "4000" and field_text(event, "reason").strip().startswith("tick timeout")


def _fired_late(event: Event) -> bool:
    """A fetch timeout whose record shows the timer firing late by the gateway's own measure (elapsed
    minus timeout at least max(1 s, half the timeout)) when the paste kept no ``timerDelayMs``."""
    timeout, elapsed = event.seconds.get("timeoutMs"), event.seconds.get("elapsedMs")
    return timeout is not None and elapsed is not None and elapsed - timeout >= max(1.0, timeout / 2)


# What the thaw routine itself does next (src/gateway/server-maintenance.ts, createHostThawRecovery: it restarts the
# running channels): a channel stopping, hanging in its stop, or starting again just after the thaw is its own doing.
THAW_FOLLOW_UPS = frozenset({"channel.stopping", "channel.stop_timeout", "channel.starting", "channel.reload_restart",
                             "channel.auto_restart", "channel.polling_started", "channel.polling_restart"})
THAW_FOLLOW_UP_WINDOW = timedelta(seconds=60)


def _trouble_beside_thaw(view: EpisodeView, gaps: list[Event]) -> bool:
    """Whether the episode holds trouble other than the thaws and the channel restarts they ran themselves."""
    def follows_a_thaw(event: Event) -> bool:
        if event.kind == "channel.polling_stall":  # (its one stall, in flight through the freeze)
            return evidence.counts.get(event.kind, 0) == 1 and stall_spans_a_freeze(event, gaps)
        return event.kind in THAW_FOLLOW_UPS and any(
            gap.time is not None and event.time is not None and gap.time <= event.time <= gap.time + THAW_FOLLOW_UP_WINDOW
            or gap.time is None and event.time is None and gap.source == event.source and gap.line < event.line
            for gap in gaps)
    evidence = view.record.evidence
    for kind, count in evidence.counts.items():
        if kind == "host.timing_gap" or not count:
            continue
        kept = evidence.of(kind) if kind in THAW_FOLLOW_UPS or kind == "channel.polling_stall" else []
        # (a kind with more lines than the evidence keeps may hide one that is no follow-up)
        if len(kept) < count or not all(follows_a_thaw(event) for event in kept):
            return True
    return False



HOOK_AFTER_SPIKE = timedelta(seconds=60)  # a liveness sample's interval, about 30 s, with room for the hook's budget


def _hook_timed_out(event: Event) -> bool:
    return "timeoutMs" in event.fields or "timeoutMs" in event.seconds


def _budget_ran_out_after(spikes: list[Event], hooks: list[Event]) -> bool:
    """One delay spike followed within a minute by a plugin hook running out of its own in-process budget (``[hooks]
    before_prompt_build handler from active-memory failed: timed out after 8000ms``): the pause ate the hook's budget,
    a second sign of the same freeze (policy "active-memory recall timeout is a side-run budget": f465's reading)."""
    return any(
        spike.time is not None and hook.time is not None and spike.time <= hook.time <= spike.time + HOOK_AFTER_SPIKE
        for spike in spikes for hook in hooks if _hook_timed_out(hook))


CALM_LOAD = 0.8  # utilisation and CPU both below this: the sample shows a loop that was mostly idle


def _calm_sample(event: Event) -> bool:
    """Whether a liveness sample states both ``eventLoopUtilization`` and ``cpuCoreRatio`` and both are low: its one
    pause then reads as a GC or a single sync call on an idle loop. A sample that leaves either figure out cannot show
    that, so its pause of two seconds or more stands as the starvation it reports (policies "liveness and host-timing
    lines alone" and "brief liveness samples beside answered work")."""
    loads = [event.fields.get(name) for name in ("eventLoopUtilization", "cpuCoreRatio")]
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) and v < CALM_LOAD for v in loads)


def _brief_calm_sample(event: Event) -> bool:
    """A calm sample (:func:`_calm_sample`) whose longest pause stayed under ten seconds; its p99 may pass a second,
    since with a 30 s interval one multi-second pause alone lifts the top percentile."""
    return _calm_sample(event) and metric(event, "eventLoopDelayMaxMs") < FROZEN_MS


def _brief_beside_answered_work(view: EpisodeView, samples: list[Event]) -> bool:
    """Policy "brief liveness samples beside answered work": every sample brief and calm, work ending well after the
    episode's first trouble line, which (no other trouble counted) is its first sample, warm or in the startup window,
    and within an episode gap of its last (``correlator.note_answered``: a run's agent end, done or end, a lane task
    done, a message processed, none that failed: ``correlator._failed_work``), no session stuck beside them and no other trouble in the episode
    (a slow response, a late timer, a hook out of its budget): the pauses held nothing up.
    A sample beside no answered work (only slow listings, f924) keeps the reading the pause gives alone."""
    counts = view.record.evidence.counts
    return bool(samples) and view.record.answered_after is not None and view.overlapping_incidents == 0 \
        and all(kind == "liveness.warning" for kind, count in counts.items() if count) \
        and all(_brief_calm_sample(e) for e in samples)


def detect(view: EpisodeView) -> Candidate | None:
    warm = [e for e in view.events("liveness.warning") if not in_startup_window(view.record.markers, e)]
    if _brief_beside_answered_work(view, warm):
        warm = []
    spikes = [e for e in warm if delay_spike(e) and not starving(e)]
    # (one long pause is a GC or a sync call; a pause of ten seconds or more froze the gateway on its own)
    hook_spent = _budget_ran_out_after(spikes, view.events("plugin.hook_failed"))
    liveness = [e for e in warm if starving(e)] + (spikes if len(spikes) >= 2 or any(
        metric(e, "eventLoopDelayMaxMs") >= FROZEN_MS for e in spikes) or hook_spent else
        [e for e in spikes if not _calm_sample(e)])
    # (a heartbeat tick late by under two seconds is timer slop, as a liveness delay under 2 s is)
    delayed = view.events("timer.delayed") + starved_fetch_timeouts(view) + \
        [e for e in view.events(AUTH_WARMED_KIND) if warm_blocked_loop(e)] + \
        [e for e in view.events("liveness.heartbeat_delayed") if e.seconds.get("overdue", HEARTBEAT_SLOP) >= HEARTBEAT_SLOP]
    # (a call slow inside the startup window is the cold start's, as a liveness warning there is: RC13)
    slow = [e for e in view.events("ws.response") if not in_startup_window(view.record.markers, e)]
    if slow and all(field_text(e, "method").startswith("cron.") for e in slow):
        slow = []  # only the cron service's own calls were slow: its lock, not the event loop
    long_handshakes = [e for e in view.events("ws.closed_before_connect", "ws.handshake_timeout")
                       if long_handshake(e) or late_handshake_timer(e)]
    # (a probe's "Connect: failed - timeout" alone is the CLI's symptom: a wedged loop, a handshake budget or the
    # probe itself on some platforms; it counts beside other signs only)
    connect_timeouts = [e for e in view.events("gateway.connect_failed", "gateway.timeout")
                        if "requestTimeoutMethod" in e.fields and "probeError" not in e.fields]
    # (a CLI call's own "gateway timeout after 10000ms" alone is that client giving up on one call, as a probe's is:
    # it counts beside other signs only)
    call_timeouts = [e for e in view.events("gateway.timeout")
                     if "requestTimeoutMethod" not in e.fields and "probeError" not in e.fields]
    # (the client closes with 4000 "tick timeout" when no tick came for twice tickIntervalMs, 60 s by default, on a
    # socket still open: the gateway's timers did not run; src/gateway/client.ts, startTickWatch)
    tick_timeouts = [e for e in view.events("gateway.closed") if tick_timeout(e)]
    # A memory-pressure notice is a configured threshold crossed (rss_threshold), a cause to look at, not a sign of an
    # unresponsive loop: it counts only beside another sign (a critical one; a warning-level one not at all).
    pressure = [e for e in view.events("memory.pressure") if field_text(e, "level") != "warning"]
    # (the heap at its limit: the collector thrashes, the loop with it, until V8 kills the process)
    others = view.events("agent.cleanup_timeout", "gateway.heap_oom")
    # A thaw after the process was frozen (a host sleep, a paused container, a blocked loop) is the gateway's own
    # routine when nothing else went wrong; beside other trouble it is the freeze that caused it.
    gaps = view.events("host.timing_gap")
    if gaps and _trouble_beside_thaw(view, gaps):
        delayed += gaps
    indirect = [group for group in (slow, long_handshakes, connect_timeouts, others, tick_timeouts) if group]
    probe_timeouts = [e for e in view.events("gateway.timeout") if "probeError" in e.fields]
    if indirect and pressure:
        indirect.append(pressure)
    if indirect and probe_timeouts:
        indirect.append(probe_timeouts)
    if indirect and call_timeouts:
        indirect.append(call_timeouts)
    if not liveness and not delayed and len(indirect) < 1:
        return None
    if liveness or delayed:
        # (one line, however bad its figures, is one sample: corroborated by a second sample or another sign, high)
        confidence = Confidence.HIGH if len(liveness) + len(delayed) >= 2 or indirect else Confidence.MEDIUM
    else:
        confidence = Confidence.MEDIUM if len(indirect) >= 2 else Confidence.LOW
    # (V8's heap-limit line and nothing else: the process died; no liveness figure, late timer or slow call shows a
    # loop that stopped answering first, so this reading yields to an episode's earlier trouble: classify_episode)
    died_only = not liveness and not delayed and len(indirect) == 1 and \
        all(e.kind == "gateway.heap_oom" for e in indirect[0])
    peaks = view.record.peaks
    facts = []
    if "eventLoopDelayMaxMs" in peaks:
        facts.append(f"event-loop delay up to {peaks['eventLoopDelayMaxMs']:.0f} ms")
    if "eventLoopUtilization" in peaks:
        facts.append(f"utilization {peaks['eventLoopUtilization']:.2f}")
    if "handshakeDurationSeconds" in peaks:
        facts.append(f"WebSocket handshakes taking up to {peaks['handshakeDurationSeconds']:.0f} s")
    frozen = bool(gaps and delayed)  # (a host timing gap, with late timers or other trouble beside it)
    if frozen:
        facts.append(f"the process was frozen for ~{max(metric(e, 'frozenMs') for e in gaps) / 1000:.0f} s "
                     "(the host's timing gap)")
    busy = view.events("sqlite.busy") if frozen else []
    if busy:
        facts.append("SQLite writes failing with `database is locked` in the same window (the gateway's own database "
                     "work holding the process)")
    if hook_spent:
        facts.append("a plugin hook ran out of its in-process budget within a minute of the pause")
    if "slowestResponseSeconds" in peaks:
        facts.append(f"responses taking up to {peaks['slowestResponseSeconds']:.0f} s")
    if tick_timeouts:
        facts.append(f"{len(tick_timeouts)} client connection{'s' if len(tick_timeouts) > 1 else ''} closed with "
                     "`tick timeout` (no keep-alive tick from the gateway for two tick intervals)")
    if connect_timeouts or (call_timeouts and len(indirect) >= 2):
        facts.append(f"{len(connect_timeouts) + len(call_timeouts)} gateway request timeout(s)")
    phases = sorted({field_text(e, "phase") for e in liveness if field_text(e, "phase")})
    if phases:
        facts.append("hot phase " + ", ".join(phases[:3]))
    # (the crash alone shows the death, not a loop that ran late: the sentence says only what the lines show)
    summary = DIED_ONLY_SUMMARY if died_only else \
        "The gateway's event loop was starved: " + ("; ".join(facts) or "timers and requests ran late") + "."
    return Candidate(
        "RC12", confidence, summary,
        cite(liveness[:3], delayed[:2], busy[:1], long_handshakes[:2], connect_timeouts[:2], slow[:1], others[:1],
             tick_timeouts[:2], call_timeouts[:1] if len(indirect) >= 2 else []),
        onset=view.record.start,
        facts={"phases": phases, "memory_pressure": bool(view.events("memory.pressure")), "host_frozen": frozen,
               "died_only": died_only},
    )
