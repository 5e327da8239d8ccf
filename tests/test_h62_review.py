"""h62's review of n63 (a CLI backend's run cut by a stop), n65 (start-up refusals) and n64 (RC18's heal per channel).

n63: builds before ``cli turn:`` log no end of a CLI run that went well (the runner's ``cli exec`` is all such a run
writes), so on such a build a planned restart a few minutes after a run that answered read as RC17 at medium, its
wording claiming "no end, error or reply after it" with the reply in the log. Where the input holds no CLI run's end
at all, a reply delivered after the start is the run's answer going out (no finding), and with none the finding is low
and says the run may have finished before the stop.
"""

from __future__ import annotations

from pathlib import Path

from stuckscan.analysis import analyze_paths
from tests.conftest import headlines_both_forms, write_both_forms

OLD_START = ("10:00:00.000", "agent/claude-cli", "INFO", "cli exec: provider=claude-cli model=opus promptChars=412")
NEW_START = ("10:00:00.000", "agent/cli-backend", "INFO",
             "cli exec: provider=claude-cli model=opus promptChars=412 trigger=user useResume=true session=present "
             "resumeSession=0a1b2c3d4e5f reuse=reusable historyPrompt=none")
REPLY = ("10:00:41.000", "telegram", "INFO", "telegram sendMessage ok chat=12345 message=881")
RESTART = [
    ("10:04:00.000", "gateway", "INFO", "signal SIGTERM received"),
    ("10:04:00.010", "gateway", "INFO", "received SIGTERM; shutting down"),
    ("10:04:01.000", "gateway", "INFO", "shutdown completed"),
    ("10:04:04.000", "gateway", "INFO", "listening on ws://127.0.0.1:18789 (PID 4242)"),
]


def _primaries(tmp_path: Path, lines: list) -> list[list[tuple[str, str]]]:
    return [[(i.primary.rule.id, i.primary.confidence.value) for i in analyze_paths([str(p)]).incidents if i.primary]
            for p in write_both_forms(tmp_path, lines)]


def test_planned_restart_after_a_cli_run_that_answered_on_a_build_with_no_cli_turn_is_quiet(tmp_path: Path) -> None:
    assert headlines_both_forms(tmp_path, [OLD_START, REPLY, *RESTART]) == [[], []]


def test_cli_run_with_no_reply_on_a_build_that_logs_no_end_is_a_low_finding_saying_so(tmp_path: Path) -> None:
    assert _primaries(tmp_path, [OLD_START, *RESTART]) == [[("RC17", "low")], [("RC17", "low")]]
    summary = analyze_paths([str(write_both_forms(tmp_path, [OLD_START, *RESTART])[0])]).incidents[0].primary.summary
    assert "may have finished before the stop" in summary and "no `cli turn:`" in summary


def test_second_run_after_the_reply_still_cut_on_a_build_that_logs_no_end(tmp_path: Path) -> None:
    second = ("10:01:00.000", *OLD_START[1:])
    assert _primaries(tmp_path, [OLD_START, REPLY, second, *RESTART]) == [[("RC17", "low")], [("RC17", "low")]]


def test_build_that_logs_cli_turn_keeps_medium_and_a_reply_of_another_run_heals_nothing(tmp_path: Path) -> None:
    # (the build logs its runs' ends: codex's run ended and replied, Claude's has no end of its own)
    codex = ("10:00:05.000", "agent/cli-backend", "INFO", "cli exec: provider=codex-cli model=gpt-5 promptChars=90")
    codex_end = ("10:00:30.000", "agent/cli-backend", "INFO",
                 "cli turn: provider=codex-cli model=gpt-5 durationMs=25000 outBytes=100 outLines=2")
    lines = [NEW_START, codex, codex_end, REPLY, *RESTART]
    assert _primaries(tmp_path, lines) == [[("RC17", "medium")], [("RC17", "medium")]]
    summary = analyze_paths([str(write_both_forms(tmp_path, lines)[0])]).incidents[0].primary.summary
    assert "a CLI backend run was in flight" in summary
