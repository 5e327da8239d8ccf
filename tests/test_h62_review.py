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


# n65: the start guard's wording inside prose or OpenClaw's own docs is no refusal; the port diagnostics' other lines.
def _kinds(*lines: str) -> list[str]:
    from stuckscan.parser import parse_text_lines

    return [event.kind for event in parse_text_lines(list(lines))]


BLOCKED = "Gateway start blocked: set gateway.mode=local (current: unset) or pass --allow-unconfigured"


def test_the_start_guard_quoted_in_prose_or_docs_is_no_refusal() -> None:
    # (a docs table cell, bullet or `**Error**:` label that opens on the guard's words is read by the older anchored family, as before n65)
    for line in ("The docs say that if you see Gateway start blocked: set gateway.mode=local in the output you should "
                 "run `openclaw config set gateway.mode local`, which I did.",
                 "常见签名：Gateway start blocked: set gateway.mode=local 表示本地模式未启用",
                 "I got " + BLOCKED + " and then fixed it"):
        assert _kinds(line) != ["gateway.start_failed"], line
    # (behind a reporter's label, the guard's whole wording: read, f1211)
    assert _kinds("启动日志：" + BLOCKED) == ["gateway.start_failed"]
    assert _kinds("startup log: " + BLOCKED + ".") == ["gateway.start_failed"]


def test_a_restart_meeting_the_old_process_on_its_port_then_starting_is_quiet(tmp_path: Path) -> None:
    lines = [
        ("10:03:00.000", "gateway", "INFO", "signal SIGTERM received"),
        ("10:03:00.010", "gateway", "INFO", "received SIGTERM; shutting down"),
        ("10:03:01.000", "gateway", "ERROR", "Port 18789 is already in use."),
        ("10:03:01.001", "gateway", "ERROR", "- pid 4100 me: openclaw-gateway (127.0.0.1:18789)"),
        ("10:03:01.001", "gateway", "ERROR", "- pid ?: unknown"),
        ("10:03:01.002", "gateway", "ERROR",
         "- Gateway already running locally. Stop it (openclaw gateway stop) or use a different port."),
        ("10:03:01.002", "gateway", "ERROR", "- Another process is listening on this port."),
        ("10:03:01.002", "gateway", "ERROR", "- Multiple listeners detected; ensure only one gateway/tunnel per port "
         "unless intentionally running isolated profiles."),
        ("10:03:02.000", "gateway", "INFO", "shutdown completed"),
        ("10:03:05.000", "gateway", "INFO", "listening on ws://127.0.0.1:18789 (PID 4242)"),
        ("10:04:00.000", "telegram", "INFO", "telegram sendMessage ok chat=1 message=3"),
    ]
    for path in write_both_forms(tmp_path, lines):
        result = analyze_paths([str(path)])
        assert not result.incidents and not result.episodes
        assert result.unexplained.count == 0, (path.name, result.unexplained.examples)
    assert _kinds("- pid 4100 me: openclaw-gateway (127.0.0.1:18789)") == ["gateway.port_in_use"]
    assert _kinds("- pid 4100: my own dev server") == ["gateway.port_in_use"]
    assert _kinds("pid 4100: crashed with SIGSEGV") != ["gateway.port_in_use"]


# Left open by h61: a channel plugin's load failure followed by that channel starting and working.
AFTER_LOAD_FAILURE = [
    ("10:05:05.000", "telegram", "INFO", "[default] starting provider (@mybot)"),
    ("10:05:06.000", "telegram", "INFO", "[default] polling started"),
    ("10:06:00.000", "telegram", "INFO", "telegram sendMessage ok chat=1 message=3"),
]


def test_every_timed_form_of_a_channel_plugin_load_failure_heals_when_the_channel_starts_and_works(
        tmp_path: Path) -> None:
    for failure in ("telegram failed to load from /home/u/.openclaw/extensions/telegram/index.ts: Error: Cannot find "
                    "module 'grammy'",
                    "failed to load plugin: Error: Cannot find module 'grammy' (plugin=telegram, "
                    "source=/home/u/.openclaw/extensions/telegram/index.ts)"):
        load = ("10:00:01.000", "plugins", "ERROR", failure)
        for path in write_both_forms(tmp_path, [load]):
            assert [e.primary.rule.id for e in analyze_paths([str(path)]).episodes] == ["RC18"], failure
        for path in write_both_forms(tmp_path, [load, *AFTER_LOAD_FAILURE]):
            assert not analyze_paths([str(path)]).episodes, (failure, path.name)
