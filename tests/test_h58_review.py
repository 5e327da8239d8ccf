"""Review h58: false alarms and mistakes found in n58, n59, n60 and f59.

(1) n59's same-profile retry on a busy bot: the ``[llm-timeout] ... retrying same profile ...`` line names no run, and
with two runs under way at it the heal (stuckscan.correlator.retry_healed_idle_timeouts) could not tell which one was
retried, so the first run to end closed the incident as a hang (RC01) though every run under way then ended well.
Now the incident waits for the runs under way at the timeout, and is dropped when each of them ended well after it;
one of them aborted, or never ending in the lines, stays RC01.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import stuckscan.unexplained as unexplained
from stuckscan.analysis import analyze_paths
from stuckscan.parallel import analyze_paths_fast
from tests.conftest import headlines_both_forms, tslog_line, write_both_forms

RETRY = "[llm-timeout] ollama/qwen3:32b hit idle watchdog; retrying same profile before auth-profile rotation"


def _start(t: str, run: str, session: str) -> tuple[str, str, str, str]:
    return (t, "agent/embedded", "DEBUG", f"embedded run start: runId={run} sessionId={session} provider=ollama "
            "model=qwen3:32b thinking=off messageChannel=telegram")


def _done(t: str, run: str, session: str, held: int, chat: int, aborted: bool = False) -> list[tuple[str, str, str, str]]:
    return [(t, "agent/embedded", "DEBUG", f"embedded run agent end: runId={run} isError={str(aborted).lower()}"),
            (t, "agent/embedded", "DEBUG",
             f"embedded run done: runId={run} sessionId={session} durationMs={held} aborted={str(aborted).lower()}"),
            (t, "diagnostic", "DEBUG",
             f"lane task done: lane=session:agent:main:telegram:direct:{chat} durationMs={held + 10} active=0 queued=0")]


BUSY = [("10:00:00.000", "telegram", "INFO", "[default] update received: chat=42 messageId=101"),
        _start("10:00:00.010", "r1", "s1"),
        ("10:00:05.000", "telegram", "INFO", "[default] update received: chat=77 messageId=202"),
        _start("10:00:05.010", "r2", "s2"),
        ("10:02:00.102", "agent/embedded", "WARN", RETRY)]






@pytest.mark.parametrize("order", ["other-first", "retried-first"])
def test_a_busy_bot_whose_retried_call_answered_stays_quiet(tmp_path: Path, order: str) -> None:
    ends = [_done("10:02:20.000", "r2", "s2", 135000, 77), _done("10:02:31.000", "r1", "s1", 151000, 42)]
    if order == "retried-first":
        ends = [_done("10:02:20.000", "r1", "s1", 140000, 42), _done("10:02:31.000", "r2", "s2", 146000, 77)]
    lines = BUSY + ends[0] + ends[1]
    assert headlines_both_forms(tmp_path, lines) == [[], []]
    for path in write_both_forms(tmp_path, lines):
        assert analyze_paths([str(path)]).unexplained.count == 0


@pytest.mark.parametrize("tail", [
    # the other run never ends in the lines: it may be the one that hung
    _done("10:02:20.000", "r2", "s2", 135000, 77),
    # one of them ended aborted
    _done("10:02:20.000", "r2", "s2", 135000, 77) + _done("10:08:00.000", "r1", "s1", 480000, 42, aborted=True),
    _done("10:02:20.000", "r1", "s1", 140000, 42, aborted=True) + _done("10:02:31.000", "r2", "s2", 146000, 77),
], ids=["one-never-ends", "later-aborted", "first-aborted"])
def test_a_busy_bot_whose_run_did_not_end_well_stays_rc01(tmp_path: Path, tail: list[tuple[str, str, str, str]]) -> None:
    for form in headlines_both_forms(tmp_path, BUSY + tail):
        assert form and form[0] == "RC01"


# -- (2) n60's withdrawal past its bound ---------------------------------------------------------------------------

CRASH = "Unhandled promise rejection: TypeError: fetch failed"
SET_COMMANDS = "setMyCommands failed: HttpError: Network request for 'setMyCommands' failed!"


def test_a_cited_line_past_the_remembered_bound_is_still_withdrawn(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # (n60 remembered 20,000 counted lines by place; a line a finding cites after that stayed counted as unexplained:
    # here the bound is lowered to 2, and three unrecognised error lines come before the crash RC18 ties to Telegram)
    monkeypatch.setattr(unexplained, "MAX_WITHDRAWABLE", 2)
    lines = [tslog_line(f"2026-02-04T06:00:0{i}.000Z", "gateway", f"widget sync {i} failed: ECONNRESET", "ERROR")
             for i in range(3)]
    lines += [tslog_line("2026-02-04T07:32:16.322Z", "clawdbot", CRASH, "ERROR"),
              tslog_line("2026-02-04T07:32:19.461Z", "gateway/channels/telegram", SET_COMMANDS, "ERROR")]
    path = tmp_path / "openclaw-2026-02-04.log"
    path.write_text("\n".join(lines) + "\n")
    for result in (analyze_paths([str(path)]), analyze_paths_fast([str(path)])):
        assert [e.primary.rule.id for e in result.episodes if e.primary] == ["RC18"]
        assert result.unexplained.count == 3 and result.unexplained.kinds == {"generic": 3}
