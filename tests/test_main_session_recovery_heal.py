"""The main-session restart recovery healing what its earlier lines opened (labelling policy "restart recovery that
resumes the session"): a session it marked and then resumed, or one it failed to resume and then resumed on its retry
pass (src/agents/main-session-restart-recovery.ts retries a pass that counted failed>0, up to three passes, and a
session whose resume threw stays marked for the next one), is the interruption healed; a failure no resume follows, a
summary with failed>0, a session given up as failed, or a marked line with nothing after it stays RC17."""

from __future__ import annotations

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseStats, parse_text_lines
from tests.conftest import tslog_line

KEY = "agent:main:main"
SUBSYSTEM = "main-session-restart-recovery"
LISTENING = "listening on ws://127.0.0.1:18789 (PID 4242)"
MARKED = "marked 1 startup-orphaned main session(s) for restart recovery"
FAILED = f"failed to resume interrupted main session {KEY}: Error: gateway timeout after 10000ms"
RESUMED = f"resumed interrupted main session: {KEY}"
FAILED_PASS = "main-session restart recovery complete: recovered=0 failed=1 skipped=0"
CLEAN_PASS = "main-session restart recovery complete: recovered=1 failed=0 skipped=0"


def findings(*lines: str):
    analysis = analyze_events(parse_text_lines(list(lines)), ParseStats())
    return [f.primary for f in (*analysis.incidents, *analysis.episodes) if f.primary is not None]


def loud(*lines: str) -> list[str]:
    return [f.rule.id for f in findings(*lines) if f.severity.value != "info"]


def console(*rows: tuple[str, str]) -> tuple[str, ...]:
    return tuple(f"2026-11-21T10:00:{second}Z [{SUBSYSTEM if message != LISTENING else 'gateway'}] {message}"
                 for second, message in rows)


def jsonl(*rows: tuple[str, str]) -> tuple[str, ...]:
    return tuple(tslog_line(f"2026-11-21T10:00:{second}Z", SUBSYSTEM if message != LISTENING else "gateway", message,
                            "WARN" if message.startswith(("failed to", "marked")) else "INFO")
                 for second, message in rows)


def both(*rows: tuple[str, str]) -> list[tuple[str, ...]]:
    return [console(*rows), jsonl(*rows)]


def test_a_marked_session_resumed_with_no_summary_stays_quiet() -> None:
    for lines in both(("00.000", LISTENING), ("00.500", MARKED), ("05.100", RESUMED)):
        assert loud(*lines) == []


def test_a_resume_that_worked_on_the_retry_pass_stays_quiet() -> None:
    retry = (("05.000", FAILED), ("05.010", FAILED_PASS), ("15.100", RESUMED), ("15.110", CLEAN_PASS))
    for lines in (*both(*retry), *both(("00.500", MARKED), *retry)):
        assert loud(*lines) == []
    # (the failed pass's summary cut from the excerpt, or the clean one: the resume of the same key heals)
    for lines in (*both(("05.000", FAILED), ("15.100", RESUMED), ("15.110", CLEAN_PASS)),
                  *both(("05.000", FAILED), ("15.100", RESUMED)),
                  *both(("05.000", FAILED), ("05.010", FAILED_PASS), ("15.110", CLEAN_PASS))):
        assert loud(*lines) == []


def test_a_marked_line_with_nothing_after_it_is_a_run_the_restart_cut() -> None:
    for lines in both(("00.000", LISTENING), ("00.500", MARKED)):
        assert {f.rule.id for f in findings(*lines)} == {"RC17"}


def test_a_failure_no_resume_follows_is_a_run_the_restart_cut() -> None:
    for rows in ((("05.000", FAILED),), (("00.500", MARKED), ("05.000", FAILED), ("05.010", FAILED_PASS)),
                 # (the retry failing again after a resume of it: the last word is a failure)
                 (("05.000", FAILED), ("15.100", RESUMED), ("15.110", CLEAN_PASS), ("25.000", FAILED))):
        for lines in both(*rows):
            assert {f.rule.id for f in findings(*lines)} == {"RC17"}


def test_a_resume_of_another_session_heals_nothing() -> None:
    other = "resumed interrupted main session: agent:main:telegram:direct:42"
    for lines in both(("05.000", FAILED), ("15.100", other)):
        assert {f.rule.id for f in findings(*lines)} == {"RC17"}
    # ("marked 2": one session resumed, the other never)
    for lines in both(("00.500", MARKED.replace("marked 1", "marked 2")), ("05.100", RESUMED)):
        assert {f.rule.id for f in findings(*lines)} == {"RC17"}


def test_a_session_given_up_as_failed_is_not_healed_by_a_later_clean_pass() -> None:
    # (the recovery never retries a session it marked failed: a clean pass later speaks of the others)
    given_up = "marked interrupted main session failed: agent:main:a (transcript tail is not resumable)"
    for lines in both(("05.000", given_up), ("05.010", FAILED_PASS), ("15.100", RESUMED), ("15.110", CLEAN_PASS)):
        assert {f.rule.id for f in findings(*lines)} == {"RC17"}


FAILOVER = "embedded run failover decision: reason=timeout"
SUBAGENT_CLEAN = "orphan recovery complete: recovered=1 failed=0 skipped=0"


def test_a_clean_summary_does_not_drop_a_no_session_fault_of_another_kind() -> None:
    # (a model call's timeout failover that names no session: the recovery resumed something else, the hang stays)
    for summary in (CLEAN_PASS, SUBAGENT_CLEAN):
        lines = (f"2026-11-21T10:00:01.000Z [agent/embedded] {FAILOVER}",
                 f"2026-11-21T10:00:09.000Z [{SUBSYSTEM}] {summary}")
        assert loud(*lines) == ["RC01"]


def test_a_subagent_summary_does_not_heal_the_main_recovery_marked_line() -> None:
    for lines in both(("00.500", MARKED), ("09.000", SUBAGENT_CLEAN)):
        assert {f.rule.id for f in findings(*lines)} == {"RC17"}


def test_a_clean_main_summary_still_heals_its_own_marked_line() -> None:
    for lines in both(("00.000", LISTENING), ("00.500", MARKED), ("09.000", CLEAN_PASS)):
        assert loud(*lines) == []
