"""A CLI backend's run in flight when the gateway process is stopped: RC17, read from the run's own start line.

OpenClaw's CLI runner (src/agents/cli-runner/execute.ts, logger agent/cli-backend, earlier agent/claude-cli; stored ids
53008946412, 51774501623, 70146976034 for execute-logging.ts) logs "cli exec: provider=<p> model=<m> promptChars=<n>
[...]" at info once the backend's queue hands it the turn, just before it spawns the CLI process. The run's own ends
are "cli turn: provider= model= durationMs= ..." (the output parsed; stored id 57471887629), a live session's "claude
live session turn: ..." (stored id 54798224149), "claude live session turn failed: ...", "cli watchdog timeout: ..."
and "cli terminal failure: ...". The lines name no session, so the correlator keeps the runs still open itself: a stop
at most five minutes after a start with no end of its own (and no run of any session ending in between) cut that run.
"""

from __future__ import annotations

from pathlib import Path

from stuckscan.analysis import analyze_paths
from tests.conftest import headlines_both_forms, write_both_forms

START = ("10:00:00.000", "agent/cli-backend", "INFO",
         "cli exec: provider=claude-cli model=opus promptChars=568 trigger=user useResume=true session=present "
         "resumeSession=0a1b2c3d4e5f reuse=reusable historyPrompt=none")
STOP = [
    ("10:02:33.000", "gateway", "INFO", "signal SIGTERM received"),
    ("10:02:33.010", "gateway", "INFO", "received SIGTERM; shutting down"),
    # (the process going: the stop's outcome is told, so the verdict is not left to the end of the input)
    ("10:02:34.000", "gateway", "INFO", "shutdown completed"),
]
TURN_DONE = ("10:01:10.000", "agent/cli-backend", "INFO",
             "cli turn: provider=claude-cli model=opus durationMs=70000 outBytes=812 outLines=9")


def test_stop_after_a_cli_run_start_with_no_end_is_rc17_in_both_forms(tmp_path: Path) -> None:
    assert headlines_both_forms(tmp_path, [START, *STOP]) == [["RC17"], ["RC17"]]
    for path in write_both_forms(tmp_path, [START, *STOP]):
        incident = analyze_paths([str(path)]).incidents[0]
        assert "cli exec" in incident.primary.summary
        assert any("cli exec: provider=claude-cli" in e.text for e in incident.primary.evidence)


def test_cli_run_that_ended_before_the_stop_is_no_cut_run(tmp_path: Path) -> None:
    assert headlines_both_forms(tmp_path, [START, TURN_DONE, *STOP]) == [[], []]


def test_cli_run_ended_by_its_watchdog_or_live_turn_is_no_cut_run(tmp_path: Path) -> None:
    for end in ("claude live session turn: provider=claude-cli model=opus durationMs=70000 rawLines=40",
                "cli terminal failure: provider=claude-cli model=opus durationMs=70000 runId=r1 error=boom"):
        headlines = headlines_both_forms(tmp_path, [START, ("10:01:10.000", "agent/cli-backend", "WARN", end), *STOP])
        assert all("RC17" not in form for form in headlines), (end, headlines)


def test_cli_run_started_long_before_the_stop_is_left_alone(tmp_path: Path) -> None:
    # (builds before "cli turn:" log no end of a run that went well: a start this old says nothing of the stop)
    early = ("09:50:00.000", *START[1:])
    assert headlines_both_forms(tmp_path, [early, *STOP]) == [[], []]


def test_second_run_still_open_after_the_first_ended_is_cut(tmp_path: Path) -> None:
    second = ("10:01:20.000", *START[1:])
    assert headlines_both_forms(tmp_path, [START, TURN_DONE, second, *STOP]) == [["RC17"], ["RC17"]]
