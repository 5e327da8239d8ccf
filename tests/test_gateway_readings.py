"""Readings of the gateway-wide classes (RC11..RC14) from lines as OpenClaw writes them.

* A liveness warning is written after the sample it measured (src/logging/diagnostic.ts): the
  loop's longest pause (``eventLoopDelayMaxMs``) had ended by then, so the starvation began at
  least that long before the line, which dates its episode.
"""

from __future__ import annotations

import json

from stuckscan.model import Analysis
from tests.test_correlator import analyze, events, line, stalled
from tests.test_pasted_readings import analyze_text


def incident_primary(analysis: Analysis) -> str | None:
    assert len(analysis.incidents) == 1
    primary = analysis.incidents[0].primary
    return primary.rule.id if primary is not None else None


def liveness(clock: str, max_ms: float) -> str:
    return line(clock, "liveness warning: reasons=event_loop_delay,event_loop_utilization,cpu interval=232s "
                       f"eventLoopDelayP99Ms={max_ms} eventLoopDelayMaxMs={max_ms} eventLoopUtilization=1 "
                       "cpuCoreRatio=0.992 active=1 waiting=0 queued=0")


def slow_send(clock: str) -> str:
    return line(clock, "⇄ res ✓ chat.send 65624ms runId=42a51928-c605-416d-8fae-82c8da7459e6", "ws", "INFO")


def test_a_long_pause_dates_its_starvation_back_to_the_slow_call_before_the_stall() -> None:
    # (the stall began at 10:02:18; the 224 s pause had begun by 10:03:28, 2 min after the slow call at 10:01:16)
    analysis = analyze(slow_send("10:01:16"), liveness("10:07:12", 224009.4), stalled("10:07:12", 294))
    assert incident_primary(analysis) == "RC12"
    assert len(analysis.episodes) == 1


def test_a_short_pause_long_after_the_slow_call_is_an_episode_of_its_own() -> None:
    # (a 20 s pause began at 10:06:52, more than five minutes after the slow call: the starvation that overlaps
    # the stall began after it, so it does not explain it)
    analysis = analyze(slow_send("10:01:16"), liveness("10:07:12", 20000), stalled("10:07:12", 294))
    assert incident_primary(analysis) != "RC12"
    assert len(analysis.episodes) == 2


READY_DEGRADED = """{
  "ready": true,
  "failing": [],
  "eventLoop": {
    "degraded": true,
    "reasons": ["event_loop_delay", "event_loop_utilization", "cpu"],
    "intervalMs": 30012,
    "delayP99Ms": 412.3,
    "delayMaxMs": 566398,
    "utilization": 0.973,
    "cpuCoreRatio": 0.991
  }
}"""


def test_a_degraded_readiness_body_pasted_pretty_is_the_gateways_own_starvation_sample() -> None:
    parsed = events(*READY_DEGRADED.splitlines())
    assert [e.kind for e in parsed] == ["liveness.warning"]
    assert parsed[0].fields["eventLoopDelayMaxMs"] == 566398 and parsed[0].fields["cpuCoreRatio"] == 0.991
    analysis = analyze(*READY_DEGRADED.splitlines())
    assert [e.primary.rule.id for e in analysis.episodes if e.primary is not None] == ["RC12"]


def test_a_degraded_readiness_body_on_one_line_reads_the_same() -> None:
    compact = json.dumps(json.loads(READY_DEGRADED), separators=(",", ":"))
    assert [e.kind for e in events(compact)] == ["liveness.warning"]


def test_a_healthy_readiness_body_is_no_trouble() -> None:
    healthy = READY_DEGRADED.replace('"degraded": true', '"degraded": false')
    assert "liveness.warning" not in {e.kind for e in events(*healthy.splitlines())}
    assert not analyze(*healthy.splitlines()).episodes


def test_a_reason_that_is_no_reason_word_is_not_carried_into_the_line() -> None:
    hostile = READY_DEGRADED.replace('"cpu"]', '"cpu x=1\\u001b[31m"]')
    parsed = events(*hostile.splitlines())
    assert parsed[0].fields["reasons"] == "event_loop_delay,event_loop_utilization" and "x" not in parsed[0].fields


def startup_liveness(tail: str) -> str:
    return line("09:05:46", "liveness warning: reasons=event_loop_delay interval=32s eventLoopDelayP99Ms=31.6 "
                            f"eventLoopDelayMaxMs=18589.2 eventLoopUtilization=0.698 {tail}")


def episode_rules(analysis: Analysis) -> list[tuple[str, str]]:
    return [(e.primary.rule.id, e.primary.confidence.name) for e in analysis.episodes if e.primary is not None]


def test_a_liveness_sample_that_saw_the_start_up_sidecars_end_and_no_session_work_is_cold_start_noise() -> None:
    analysis = analyze(startup_liveness("recentPhases=sidecars.model-prewarm:12438ms,sidecars.session-locks:9164ms"))
    assert episode_rules(analysis) == [("RC13", "MEDIUM")]


def test_the_same_sample_with_a_session_working_is_starvation() -> None:
    busy = startup_liveness("active=1 waiting=0 queued=1 recentPhases=sidecars.model-prewarm:12438ms "
                            "work=[active=agent:main:main(processing,q=1,age=33s)]")
    assert [rule for rule, _ in episode_rules(analyze(busy))] == ["RC12"]


def test_phases_of_a_channel_start_alone_do_not_date_a_sample_to_the_gateways_start() -> None:
    # (a channel's start-account runs again on every channel restart, long after the gateway started)
    channel = startup_liveness("active=0 waiting=0 queued=0 recentPhases=channels.telegram.start-account:31756ms")
    assert [rule for rule, _ in episode_rules(analyze(channel))] == ["RC12"]


THAW = "17:07:23 [health] host thaw detected: process was frozen ~45904ms; restarting channels and refreshing health"


def rule_ids_of(*lines: str) -> set[str]:
    analysis = analyze_text(*lines)
    return {f.rule.id for e in analysis.episodes for f in ([e.primary] if e.primary else []) + list(e.contributing)}


def test_a_thaw_and_the_channel_restart_it_ran_itself_are_the_routine_not_starvation() -> None:
    # (the thaw routine restarts the running channels: a stop that hangs just after it is its own doing)
    own_restart = "17:07:28 [slack] [default] channel stop exceeded 5000ms after abort; continuing shutdown"
    assert "RC12" not in rule_ids_of(THAW, own_restart)
    assert "RC12" not in rule_ids_of(THAW)


def test_a_thaw_beside_other_trouble_is_the_freeze_that_caused_it() -> None:
    stall = "17:08:10 [telegram] Polling stall detected (active getUpdates stuck for 218.28s); forcing restart"
    assert "RC12" in rule_ids_of(THAW, stall)
    # (a channel stop hanging minutes after the thaw is no longer the routine's own restart)
    late_stop = "17:09:40 [slack] [default] channel stop exceeded 5000ms after abort; continuing shutdown"
    assert "RC12" in rule_ids_of(THAW, late_stop)


def test_a_late_heartbeat_dates_its_episode_back_by_how_late_it_was() -> None:
    late = line("10:20:00", "liveness heartbeat delayed: overdue=600000ms")
    (episode,) = analyze(late).episodes
    assert episode.start is not None and episode.start.strftime("%M:%S") == "10:00"
    plain = line("10:20:00", "liveness warning: reasons=cpu interval=30s cpuCoreRatio=0.99 active=1")
    (other,) = analyze(plain).episodes
    assert other.start is not None and other.start.strftime("%M:%S") == "20:00"


def test_one_starving_liveness_line_is_medium_and_a_second_sign_makes_it_high() -> None:
    assert episode_rules(analyze(liveness("10:07:12", 224009.4))) == [("RC12", "MEDIUM")]
    assert episode_rules(analyze(liveness("10:07:12", 224009.4), liveness("10:07:42", 5200.0))) == [("RC12", "HIGH")]
    assert episode_rules(analyze(slow_send("10:06:00"), liveness("10:07:12", 224009.4))) == [("RC12", "HIGH")]
