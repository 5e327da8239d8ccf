"""One stall is one incident, and a recovery's verdict says what it did (issue: recovery truth).

The sample logs (sample_logs/rules/recovery-*.log) pin each timeline end to end; these tests
pin the mechanisms on small hand-written sequences, and a property test checks that a silent
gap inside a stall, while the gateway cannot speak, never splits it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from stuckscan.analysis import analyze_events
from stuckscan.correlator import Correlator
from stuckscan.model import IncidentOrigin, IncidentStatus, RecoveryVerdict
from stuckscan.parser import ParseOptions, ParseStats, parse_text_lines
from tests.conftest import tslog_line

KEY = "agent:main:telegram:direct:7012345678"
SID = "0829a221-a12c-49cb-9a64-42c2fc1a89ea"
OTHER = "agent:main:whatsapp:direct:+16174402287"
ZONE = timezone(timedelta(hours=8))
T0 = datetime(2026, 5, 21, 18, 41, 29, tzinfo=ZONE)


def at(seconds: float) -> str:
    return (T0 + timedelta(seconds=seconds)).isoformat(timespec="milliseconds")


def stalled(seconds: float, age: int, key: str = KEY) -> str:
    return tslog_line(at(seconds), "diagnostic",
                      f"stalled session: sessionId={SID} sessionKey={key} state=processing age={age}s queueDepth=1 "
                      "reason=queued_behind_terminal_active_work classification=stalled_agent_run "
                      f"activeWorkKind=embedded_run lastProgress=model_call:ended lastProgressAge={age - 90}s "
                      "recovery=checking", level="WARN")


def handshake_timeout(seconds: float) -> str:
    return tslog_line(at(seconds), "gateway/ws", "handshake timeout conn=c0a236c7-496c-487a-a839-7442c721e3e7 "
                      "remote=127.0.0.1", level="WARN")


def recovery(seconds: float, age: int, *, drained: bool, released: int, force_cleared: bool = False) -> list[str]:
    flag = str(force_cleared).lower()
    return [
        tslog_line(at(seconds), "diagnostic",
                   f"stuck session recovery: sessionId={SID} sessionKey={KEY} age={age}s action=abort_embedded_run "
                   f"aborted=true drained={str(drained).lower()} released={released}", level="WARN"),
        tslog_line(at(seconds + 0.001), "diagnostic",
                   f"stuck session recovery outcome: status=aborted action=abort_embedded_run sessionId={SID} "
                   f"sessionKey={KEY} aborted=true drained={str(drained).lower()} forceCleared={flag} "
                   f"released={released}", level="WARN"),
    ]


def keep_lane(seconds: float) -> str:
    return tslog_line(at(seconds), "diagnostic",
                      f"stuck session recovery outcome: status=skipped action=keep_lane sessionId={SID} "
                      f"sessionKey={KEY} reason=active_reply_work", level="WARN")


def other_turn(seconds: float) -> str:
    return tslog_line(at(seconds), "diagnostic", f"lane enqueue: lane=session:{OTHER} queueSize=1", level="DEBUG")


def analyze(lines: list[str]):
    events = parse_text_lines(lines, "openclaw-2026-05-21.log", ParseOptions())
    return analyze_events(events, ParseStats())


def incidents_of(analysis, key: str = KEY):
    return [i for i in analysis.incidents if i.session_key == key]


def test_silence_during_starvation_then_force_clear_is_one_incident() -> None:
    lines = [stalled(30 * n, 443 + 30 * n) for n in range(11)]          # up to age 743 at +300 s
    lines += [handshake_timeout(360), handshake_timeout(395)]           # the heartbeat is silent; the gateway starves
    lines += recovery(420, 863, drained=False, released=0, force_cleared=True)
    lines += [other_turn(420 + 30 * n) for n in range(1, 20)]
    [incident] = incidents_of(analyze(lines))
    assert incident.status is IncidentStatus.FORCE_CLEARED
    [abort] = incident.recoveries
    assert abort.verdict is RecoveryVerdict.FORCE_CLEARED
    assert abort.undelivered == 1
    assert not any(f.rule.id == "RC07" for f in (incident.primary, *incident.contributing) if f)


def test_a_recovery_carrying_the_stalls_age_joins_it_after_the_warnings_went_quiet() -> None:
    lines = [stalled(30 * n, 443 + 30 * n) for n in range(4)]
    lines += [other_turn(90 + 20 * n) for n in range(1, 12)]            # the log goes on; the warnings stop
    lines += recovery(330, 443 + 330, drained=True, released=1)
    [incident] = incidents_of(analyze(lines))
    assert len(incident.recoveries) == 1


def test_an_abort_followed_only_by_keep_lane_skips_did_not_free_the_session() -> None:
    lines = [stalled(30 * n, 300 + 30 * n) for n in range(3)]
    lines += recovery(61, 361, drained=True, released=0)
    lines += [keep_lane(61 + 60 * n) for n in range(1, 6)]
    [incident] = incidents_of(analyze(lines))
    abort = next(r for r in incident.recoveries if r.action == "abort_embedded_run")
    assert abort.verdict is RecoveryVerdict.NOT_FREED
    assert "keep-lane" in abort.verdict_reason
    assert any(f.rule.id == "RC06" for f in (incident.primary, *incident.contributing) if f)


def test_released_zero_with_queued_work_and_no_drain_is_not_freed() -> None:
    lines = [stalled(30 * n, 400 + 30 * n) for n in range(2)]
    lines += recovery(31, 431, drained=True, released=0)
    lines += [other_turn(31 + 30 * n) for n in range(1, 12)]
    [incident] = incidents_of(analyze(lines))
    assert incident.recoveries[0].verdict is RecoveryVerdict.NOT_FREED


def test_a_restart_ends_the_stall_it_interrupts() -> None:
    lines = [stalled(30 * n, 200 + 30 * n) for n in range(3)]
    lines.append(tslog_line(at(70), "gateway", "received SIGUSR1; restarting", level="INFO"))
    lines += [other_turn(70 + 30 * n) for n in range(1, 6)]
    [incident] = incidents_of(analyze(lines))
    assert incident.status is IncidentStatus.ENDED_BY_RESTART
    assert incident.end is not None


def test_a_lone_run_timeout_with_no_cleanup_is_a_signal_finding() -> None:
    lines = [tslog_line(at(0), "agent/embedded", f"embedded run timeout: runId=3f0c9a1e-5b2d-4c1e-8f7a-9d0b1c2e3f4a "
                        f"sessionId={SID} timeoutMs=120000", level="WARN")]
    [incident] = analyze(lines).incidents
    assert incident.origin is IncidentOrigin.SIGNAL
    assert incident.status is IncidentStatus.FAULT_SIGNAL
    # (policy "lone embedded run timeout": nothing after it shows the run held, so a spent budget, RC01)
    assert incident.primary is not None and incident.primary.rule.id == "RC01"
    assert incident.primary.confidence.value == "low"  # a lone line is never high
    assert "longer log" in incident.missing


def test_a_gateway_wide_finding_on_one_line_is_never_high_either() -> None:
    from stuckscan.analysis import analyze_events
    from stuckscan.parser import ParseStats, parse_text_lines

    def episode_of(*lines: str):
        (episode,) = analyze_events(parse_text_lines(list(lines)), ParseStats()).episodes
        return episode

    # (one line that itself counts six restarts, f034: still one line)
    lone = "[msteams] [default] auto-restart attempt 6/10 in 163s"
    assert episode_of(lone).primary.rule.id == "RC18" and episode_of(lone).primary.confidence.value == "medium"
    again = episode_of(lone, "[msteams] [default] auto-restart attempt 7/10 in 190s")
    assert again.primary.rule.id == "RC18" and again.primary.confidence.value == "high"


@settings(max_examples=60, deadline=None)
@given(start=st.integers(min_value=1, max_value=8), gap=st.integers(min_value=31, max_value=300),
       trouble=st.booleans(), step=st.integers(min_value=5, max_value=60))
def test_a_silent_gap_while_the_gateway_cannot_speak_never_splits_the_stall(start: int, gap: int, trouble: bool,
                                                                            step: int) -> None:
    """Warnings every 30 s, then a gap of up to 5 minutes with no warning: either nothing at all
    is written (the log falls silent) or only gateway trouble (a starvation episode); then the
    warnings resume with ages that continue the same stall."""
    lines = [stalled(30 * n, 150 + 30 * n) for n in range(start)]
    last = 30 * (start - 1)
    if trouble:
        lines += [handshake_timeout(t) for t in range(last + step, last + gap, step)]
    resume = last + gap
    lines += [stalled(resume + 30 * n, 150 + resume + 30 * n) for n in range(3)]
    correlator = Correlator()
    closed = [change for event in parse_text_lines(lines, "openclaw-2026-05-21.log", ParseOptions())
              for change in correlator.feed(event) if change.kind == "closed"]
    assert closed == [], "the silence closed the stall, as if it had recovered"  # not closed, then reopened by age
    assert len(incidents_of(analyze(lines))) == 1
