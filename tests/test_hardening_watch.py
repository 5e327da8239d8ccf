"""`watch --exec`: commands run beside the watch, never in its way (tests/test_cli_matrix.py
runs the whole command with a hanging one)."""

from __future__ import annotations

import os
import time

import pytest

from stuckscan.commands.watch import CommandRunner

pytestmark = pytest.mark.skipif(os.name != "posix", reason="shell commands and process groups")


def _wait_for(condition: object, within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        time.sleep(0.01)


def test_a_full_queue_drops_and_counts_without_blocking(tmp_path: os.PathLike[str]) -> None:
    warnings: list[str] = []
    runner = CommandRunner("sleep 30", timeout=60, limit=1, warn=warnings.append)
    runner.submit("{}")
    _wait_for(lambda: runner.counts["ran"] == 1)
    started = time.monotonic()
    for _ in range(3):  # one waits, two find the queue full
        runner.submit("{}")
    assert time.monotonic() - started < 1
    assert runner.counts["dropped"] == 2 and len(warnings) == 1 and "falling behind" in warnings[0]
    runner.close(grace=0.1)  # the waiting one is dropped too; the running one is killed
    assert time.monotonic() - started < 10
    assert runner.summary() == "--exec ran 1 time(s): 0 timed out, 0 failed, 3 change(s) dropped"


def test_a_command_past_its_timeout_is_killed_with_what_it_started(tmp_path: os.PathLike[str]) -> None:
    marker = os.path.join(tmp_path, "child-still-running")
    warnings: list[str] = []
    # the shell starts a child that would outlive a kill of the shell alone
    runner = CommandRunner(f"(sleep 3; touch {marker}) & wait", timeout=0.3, warn=warnings.append)
    runner.submit("{}")
    _wait_for(lambda: runner.counts["timed_out"] == 1)
    runner.close()
    assert runner.counts["timed_out"] == 1 and warnings == ["--exec command still running after 0.3 s: stopped"]
    time.sleep(3.5)
    assert not os.path.exists(marker)


def test_commands_get_the_payload_and_failures_are_counted(tmp_path: os.PathLike[str]) -> None:
    out = os.path.join(tmp_path, "payloads")
    runner = CommandRunner(f"cat >> {out}; echo >> {out}; grep -q ok {out}", timeout=10)
    runner.submit('{"n": "first"}')
    runner.submit('{"n": "ok"}')
    _wait_for(lambda: runner.counts["ran"] == 2 and runner.waiting.empty())
    runner.close()
    with open(out) as handle:
        assert handle.read().splitlines() == ['{"n": "first"}', '{"n": "ok"}']
    assert runner.counts["failed"] == 1  # the first run found no "ok" yet
