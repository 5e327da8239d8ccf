"""`stuckscan watch` driven against a real file that is appended to, rotated and truncated."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from stuckscan.commands.watch import IncidentPrinter, run_watch
from stuckscan.follow import Follower
from stuckscan.parser import ParseOptions
from tests.conftest import tslog_line

KEY_A = "agent:main:telegram:direct:7012345678"
KEY_B = "agent:main:whatsapp:direct:+16174402287"
SID_A = "0829a221-a12c-49cb-9a64-42c2fc1a89ea"
SID_B = "8204f1ba-d65d-446c-8cb7-fb1b7949522d"


def stalled(clock: str, key: str, sid: str, age: int) -> str:
    return tslog_line(f"2026-05-21T{clock}.000+08:00", "diagnostic",
                      f"stalled session: sessionId={sid} sessionKey={key} state=processing age={age}s queueDepth=1 "
                      "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=embedded_run "
                      f"lastProgress=model_call:ended lastProgressAge={age - 60}s recovery=checking", level="WARN")


def append(path: Path, *lines: str, newline: bool = True) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + ("\n" if newline else ""))


def test_watch_follows_append_rotation_and_truncation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_text(tslog_line("2026-05-21T18:30:00.000+08:00", "gateway", "agent model: aliyun-tokenplan/qwen3.6-plus") + "\n")
    monotonic = [0.0]

    def step_one() -> None:  # a stall opens; the last line arrives in two writes
        first = stalled("18:41:29", KEY_A, SID_A, 443)
        append(log, first, stalled("18:41:59", KEY_A, SID_A, 473))
        partial = stalled("18:42:29", KEY_A, SID_A, 503)
        append(log, partial[:40], newline=False)
        steps.insert(0, lambda: append(log, partial[40:]))

    def step_rotate() -> None:  # size rotation: active file renamed to .1, a new file continues
        os.rename(log, tmp_path / "openclaw-2026-05-21.1.log")
        log.write_text("")
        append(log,
               tslog_line("2026-05-21T18:42:55.118+08:00", "diagnostic",
                          f"stuck session recovery: sessionId={SID_A} sessionKey={KEY_A} age=529s "
                          "action=abort_embedded_run aborted=true drained=false released=0", level="WARN"),
               tslog_line("2026-05-21T18:42:55.121+08:00", "diagnostic",
                          f"run cleared: sessionId={SID_A} totalActive=0", level="DEBUG"))

    def step_truncate() -> None:  # truncation: the file starts over
        log.write_text("")
        append(log, stalled("18:50:00", KEY_B, SID_B, 150))

    steps: list[Callable[[], None]] = [step_one, step_rotate, step_truncate]
    follower = Follower(log, 0.01, from_start=True, linger=0.0, sleep=lambda _s: None)

    def sleep(_seconds: float) -> None:
        monotonic[0] += 0.01
        if steps:
            steps.pop(0)()
        else:
            follower.stop.set()

    printer = IncidentPrinter("jsonl", None, redact=False)
    run_watch(follower, ParseOptions(), printer, sleep=sleep, clock=lambda: monotonic[0])
    changes = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    summary = [(c["change"], c["incident"]["sessionKey"]) for c in changes]
    assert summary == [
        ("opened", KEY_A),
        ("escalated", KEY_A),  # passed the 360 s abort threshold (age 443 s)
        ("recovery", KEY_A),
        ("closed", KEY_A),
        ("opened", KEY_B),
    ]
    closed = changes[3]["incident"]
    assert closed["status"] == "force_cleared"  # aborted=true drained=false: the state was wiped
    assert closed["rootCause"]["rule"] == "RC02"
    assert closed["measures"]["warnings"] == 3  # the partial line was held until complete, counted once


def test_watch_closes_a_stall_whose_warnings_stop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_text(stalled("18:41:29", KEY_A, SID_A, 443) + "\n")
    monotonic = [0.0]
    follower = Follower(log, 1.0, from_start=True, sleep=lambda _s: None)

    def sleep(seconds: float) -> None:  # two minutes of silence, then stop
        monotonic[0] += seconds
        if monotonic[0] >= 120:
            follower.stop.set()

    run_watch(follower, ParseOptions(), IncidentPrinter("jsonl", None, redact=True), sleep=sleep,
              clock=lambda: monotonic[0])
    changes = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [c["change"] for c in changes] == ["opened", "escalated", "closed"]
    assert changes[-1]["incident"]["status"] == "resolved_by_itself"
    assert "7012345678" not in json.dumps(changes)  # redacted by default


def _listening(pid: int) -> str:
    return tslog_line("2026-05-21T18:30:00.000+08:00", "gateway", f"listening on ws://127.0.0.1:18789 (PID {pid})")


@pytest.mark.parametrize("gateway_running", [True, False], ids=["gateway-running", "gateway-stopped"])
def test_watch_does_not_call_a_dead_gateways_silence_recovery(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              gateway_running: bool) -> None:
    """Warnings stop both when a stall ends and when the gateway dies. Watch closes the
    incident on silence only while the gateway pid the log named still runs."""
    import subprocess
    import sys

    if gateway_running:
        pid = os.getpid()
    else:
        finished = subprocess.Popen([sys.executable, "-c", "pass"])
        finished.wait()
        pid = finished.pid
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_text(_listening(pid) + "\n" + stalled("18:41:29", KEY_A, SID_A, 443) + "\n")
    monotonic = [0.0]
    follower = Follower(log, 1.0, from_start=True, sleep=lambda _s: None)

    def sleep(seconds: float) -> None:  # five minutes of silence, then stop
        monotonic[0] += seconds
        if monotonic[0] >= 300:
            follower.stop.set()

    run_watch(follower, ParseOptions(), IncidentPrinter("jsonl", None, redact=True), sleep=sleep,
              clock=lambda: monotonic[0])
    captured = capsys.readouterr()
    changes = [json.loads(line)["change"] for line in captured.out.splitlines()]
    if gateway_running:
        assert changes == ["opened", "escalated", "closed"]
        assert "not running" not in captured.err
    else:
        assert changes == ["opened", "escalated"]
        assert captured.err.count(f"gateway pid {pid} (named in the log) is not running") == 1


@pytest.mark.parametrize(("zone", "shown"), [(None, "18:41:29 +08:00"), ("UTC", "10:41:29 UTC")])
def test_watch_text_labels_its_times(tmp_path: Path, capsys: pytest.CaptureFixture[str], zone: str | None,
                                     shown: str) -> None:
    """The log's own offset by default, or the zone asked for: always named."""
    from stuckscan._time import parse_tz

    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_text(stalled("18:41:29", KEY_A, SID_A, 443) + "\n")
    follower = Follower(log, 1.0, from_start=True, sleep=lambda _s: None)
    printer = IncidentPrinter("text", None, redact=True, zone=parse_tz(zone) if zone else None)
    run_watch(follower, ParseOptions(), printer, sleep=lambda _s: follower.stop.set(), clock=lambda: 0.0)
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"{shown}  OPENED"), first


def test_watch_decides_a_held_stop_once_on_its_tick(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # q56: a SIGTERM with a run in flight, then minutes of silence (the old process gone, the new one not yet
    # writing): the held stop is decided on the tick once its budget passed, the new process's first line adds no
    # second finding, and no held state is left; a run that ended in the wait stays quiet
    run = "8e8e44d6-3f1b-4c2e-9a57-d1c06b4e2f83"

    def at(clock: str, message: str, subsystem: str) -> str:
        return tslog_line(f"2026-05-21T{clock}.000+08:00", subsystem, message)

    head = [at("18:40:00", f"embedded run start: runId={run} sessionId={SID_A} provider=openai model=gpt-5",
               "agent/embedded"),
            at("18:40:30", f"embedded run tool start: runId={run} tool=exec toolCallId=call_1", "agent/embedded"),
            at("18:41:00", "signal SIGTERM received", "gateway"),
            at("18:41:00", "received SIGTERM; shutting down", "gateway")]
    done = at("18:41:20", f"embedded run done: runId={run} sessionId={SID_A} durationMs=80000 aborted=false",
              "agent/embedded")
    for lines, expected in ((head, ["opened", "closed"]), ([*head, done], [])):
        log = tmp_path / "openclaw-2026-05-21.log"
        log.write_text("\n".join(lines) + "\n")
        monotonic = [0.0]
        follower = Follower(log, 1.0, from_start=True, sleep=lambda _s: None)

        def sleep(seconds: float, log: Path = log, follower: Follower = follower, monotonic: list = monotonic) -> None:
            monotonic[0] += seconds
            if monotonic[0] == 420:  # seven minutes of silence, then the new process
                append(log, at("18:48:05", "listening on ws://127.0.0.1:18789 (PID 4243)", "gateway"))
            if monotonic[0] >= 600:
                follower.stop.set()

        correlator = run_watch(follower, ParseOptions(), IncidentPrinter("jsonl", None, redact=True), sleep=sleep,
                               clock=lambda monotonic=monotonic: monotonic[0])
        changes = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert [c["change"] for c in changes] == expected
        if expected:
            assert changes[0]["incident"]["rootCause"]["rule"] == "RC17"
            assert changes[0]["incident"]["end"] is None or changes[0]["incident"]["status"] == "still_stuck"
            assert changes[1]["incident"]["status"] == "ended_by_restart"
        assert correlator._held_stop is None and correlator._stopping is None
