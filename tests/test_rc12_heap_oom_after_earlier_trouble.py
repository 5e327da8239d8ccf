"""V8's heap-limit line (``FATAL ERROR: Reached heap limit ... JavaScript heap out of memory``) is an RC12 sign, but
alone it shows only that the process died, not that its event loop stopped answering first. When it is the episode's
only RC12 sign and other trouble (a warning-level finding) came before it in the lines, that earlier trouble heads the
episode and the death stays beside it (f5655: two Discord accounts' stale-socket restarts, then the heap-limit crash;
openclaw/openclaw#55606 reads the OOM as a leak of the restart loop). Lines written for these tests, of the shapes
OpenClaw logs."""

from __future__ import annotations

from stuckscan.model import Analysis
from tests.test_pasted_readings import analyze_text

OOM = "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory"


def restart(account: str) -> str:
    return f"[health-monitor] [{account}] health-monitor: restarting (reason: stale-socket)"


def at(clock: str, text: str) -> str:
    return f"2026-02-03T{clock}.000Z {text}"


def reading(analysis: Analysis) -> tuple[str | None, list[str]]:
    """The one episode's primary class and its contributing ones."""
    (episode,) = analysis.episodes
    return (episode.primary.rule.id if episode.primary else None), [c.rule.id for c in episode.contributing]


def test_restarts_of_two_accounts_then_the_heap_limit_crash_head_with_the_restart_loop() -> None:
    analysis = analyze_text(restart("discord:default"), restart("discord:security"), "", "~40 of these in 18h, then:",
                            "", OOM)
    assert reading(analysis) == ("RC18", ["RC12"])
    assert analysis.headline().primary.rule.id == "RC18"


def test_the_same_with_times_on_the_lines() -> None:
    lines = (at("04:00:00", restart("discord:default")), at("04:00:05", restart("discord:security")),
             at("04:01:00", OOM))
    assert reading(analyze_text(*lines)) == ("RC18", ["RC12"])


def test_a_heap_limit_crash_before_the_restarts_still_heads() -> None:
    # (the death came first: the channel restarts after it are the gateway coming back)
    assert reading(analyze_text(OOM, restart("discord:default"), restart("discord:security")))[0] == "RC12"


def test_a_lone_heap_limit_crash_is_still_read_as_rc12() -> None:
    assert reading(analyze_text(OOM)) == ("RC12", [])


def test_one_routine_restart_before_the_crash_does_not_head_it() -> None:
    # (one restart of one account is the monitor doing its job, said at info: the process death heads)
    assert reading(analyze_text(restart("discord:default"), OOM)) == ("RC12", ["RC18"])


def test_a_starved_loop_before_the_crash_keeps_rc12_first() -> None:
    # (a liveness warning says the loop stalled: RC12 is more than the death, and precedence holds)
    liveness = ("[diagnostic] liveness warning: reasons=event_loop_delay interval=30s eventLoopDelayP99Ms=21000 "
                "eventLoopDelayMaxMs=25000 eventLoopUtilization=0.99 cpuCoreRatio=0.98")
    lines = (at("04:00:00", restart("discord:default")), at("04:00:05", restart("discord:security")),
             at("04:00:30", liveness), at("04:01:00", OOM))
    assert reading(analyze_text(*lines))[0] == "RC12"


def _scan(tmp_path, *lines: str, output: str) -> str:
    from click.testing import CliRunner

    from stuckscan.cli import cli

    paste = tmp_path / "paste.log"
    paste.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return CliRunner().invoke(cli, ["scan", str(paste), "--format", output]).output


def test_a_lone_heap_limit_crash_says_the_process_died_not_that_timers_ran_late(tmp_path) -> None:
    # (the crash alone shows the death; no line shows a timer or a request running late)
    (episode,) = analyze_text(at("04:01:00", OOM)).episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC12"
    assert "heap limit and died" in episode.primary.summary
    assert "ran late" not in episode.primary.summary
    text = " ".join(_scan(tmp_path, at("04:01:00", OOM), output="text").split())
    assert "hit V8's heap limit and died" in text and "timers and requests ran late" not in text
    import json

    report = json.loads(_scan(tmp_path, at("04:01:00", OOM), output="json"))
    summaries = [episode["rootCause"]["summary"] for episode in report["episodes"]]
    assert summaries and all("heap limit and died" in summary and "ran late" not in summary for summary in summaries)


def test_a_crash_after_a_starved_loop_still_says_the_loop_was_starved() -> None:
    liveness = ("[diagnostic] liveness warning: reasons=event_loop_delay interval=30s eventLoopDelayP99Ms=21000 "
                "eventLoopDelayMaxMs=25000 eventLoopUtilization=0.99 cpuCoreRatio=0.98")
    (episode,) = analyze_text(at("04:00:30", liveness), at("04:01:00", OOM)).episodes
    assert episode.primary is not None and episode.primary.rule.id == "RC12"
    assert episode.primary.summary.startswith("The gateway's event loop was starved: event-loop delay up to 25000 ms")


HANDSHAKE_TIMEOUT = ("[ws] handshake timeout conn=705f12e8-d1a2-485a-8562-4499975e0be0 peer=127.0.0.1:60959 "
                     "remote=127.0.0.1")
CLOSED_BEFORE_CONNECT = ("[ws] closed before connect conn=705f12e8-d1a2-485a-8562-4499975e0be0 remote=127.0.0.1 "
                         "fwd=n/a origin=n/a host=127.0.0.1:18789 ua=n/a code=1008 reason=connect failed")


def test_a_handshake_timeout_before_the_crash_does_not_head_it() -> None:
    # (h53: a heap near its limit pauses the loop in garbage collection, and a connect then times out: the dying
    # heap's own symptom, which RC12 ranks above RC11 for; RC11 must not head as a gateway "otherwise responsive")
    lines = (at("04:00:00", HANDSHAKE_TIMEOUT), at("04:00:00", CLOSED_BEFORE_CONNECT), at("04:04:00", OOM),
             at("04:04:20", "[gateway] ready (4 plugins: acpx, browser, memory-core, telegram; 2.1s)"))
    assert reading(analyze_text(*lines)) == ("RC12", ["RC11"])


def test_restarts_then_a_handshake_timeout_then_the_crash_still_head_with_the_restart_loop() -> None:
    lines = (at("04:00:00", restart("discord:default")), at("04:00:05", restart("discord:security")),
             at("04:00:30", HANDSHAKE_TIMEOUT), at("04:00:30", CLOSED_BEFORE_CONNECT), at("04:01:00", OOM))
    assert reading(analyze_text(*lines))[0] == "RC18"
