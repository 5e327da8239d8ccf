"""RC16 under the labelling policies "compaction lines: a stall or a compaction that ended", "overflow compactions
that finish" and "lone context-overflow diagnostic": a compaction that ended in under 120 s is the overflow handled,
one of 120 s or more held the session."""

from __future__ import annotations

import json
from pathlib import Path

from stuckscan.analysis import analyze_paths
from stuckscan.model import Analysis
from tests.test_correlator import analyze, line

MODEL = "anthropic/claude-sonnet-4-6"
DIAG = ("[context-overflow-diag] sessionKey=agent:main:discord:direct:42 provider={model} source=promptError "
        "messages=212 sessionFile=/home/u/.openclaw/agents/main/sessions/s1.jsonl diagId=ovf-ab12 "
        "compactionAttempts={attempts} error=Context overflow: prompt too large for the model.")


def rc16(analysis: Analysis) -> bool:
    return "RC16" in {finding.rule.id for finding in analysis.findings()}


def cycle(start: str, end: str, attempt: int, ended: str = "auto-compaction succeeded for {model}; retrying prompt") -> list[str]:
    return [line(start, DIAG.format(model=MODEL, attempts=attempt - 1), "agent/embedded"),
            line(start, f"context overflow detected (attempt {attempt}/3); attempting auto-compaction for {MODEL}",
                 "agent/embedded"),
            line(end, ended.format(model=MODEL), "agent/embedded", "INFO")]


def test_overflow_compactions_that_each_finish_in_under_two_minutes_are_no_stall() -> None:
    assert not rc16(analyze(*cycle("09:00:00", "09:00:41", 1), *cycle("09:06:10", "09:07:35", 2)))


def test_an_overflow_compaction_of_two_minutes_or_more_stays_a_compaction_stall() -> None:
    assert rc16(analyze(*cycle("09:00:00", "09:00:41", 1), *cycle("09:06:10", "09:08:40", 2)))


def test_a_compaction_that_reclaimed_nothing_before_the_next_overflow_stays_a_compaction_stall() -> None:
    no_gain = "embedded run auto-compaction complete: tokensBefore=181000 tokensAfter=183500"
    assert rc16(analyze(*cycle("09:00:00", "09:00:30", 1, no_gain), *cycle("09:01:10", "09:01:50", 2)))


def test_a_lone_overflow_diagnostic_before_any_compaction_is_no_stall() -> None:
    later = line("09:20:00", "[gateway] heartbeat ok", "gateway", "INFO")
    assert not rc16(analyze(line("09:00:00", DIAG.format(model=MODEL, attempts=0), "agent/embedded"), later))
    assert not rc16(analyze(DIAG.format(model=MODEL, attempts=0)))  # (a pasted, untimed line)


def test_an_overflow_whose_compaction_never_ends_stays_a_compaction_stall() -> None:
    opened = cycle("09:00:00", "09:00:00", 1)[:2]
    later = line("09:20:00", "[gateway] heartbeat ok", "gateway", "INFO")
    assert rc16(analyze(*opened, later))


def _transcript(tmp_path: Path, compacted_after_s: int) -> Path:
    def at(seconds: int) -> str:
        return f"2026-05-21T02:{10 + seconds // 60:02d}:{seconds % 60:02d}.000Z"

    records = [
        {"type": "message", "id": "a1", "parentId": "a0", "timestamp": at(0),
         "message": {"role": "user", "content": [{"type": "text", "text": "go on"}]}},
        {"type": "message", "id": "a2", "parentId": "a1", "timestamp": at(4),
         "message": {"role": "assistant", "content": [], "provider": "openrouter", "model": "m/x",
                     "usage": {"input": 0, "output": 0}, "stopReason": "error", "timestamp": 1779329400000,
                     "errorMessage": "400 This model's maximum context length is 131072 tokens. However, you "
                                     "requested 140000 tokens."}},
        {"type": "compaction", "id": "a3", "parentId": "a2", "timestamp": at(4 + compacted_after_s),
         "summary": "## Goal", "firstKeptEntryId": "a1", "tokensBefore": 120000},
        {"type": "message", "id": "a4", "parentId": "a3", "timestamp": at(8 + compacted_after_s),
         "message": {"role": "assistant", "content": [{"type": "text", "text": "continuing"}], "provider": "openrouter",
                     "model": "m/x", "usage": {"input": 9000, "output": 20}, "stopReason": "stop",
                     "timestamp": 1779329600000}},
    ]
    path = tmp_path / "session.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_transcript_compaction_written_minutes_after_a_context_overflow_is_a_compaction_stall(tmp_path: Path) -> None:
    assert rc16(analyze_paths([str(_transcript(tmp_path, 185))]))


def test_a_transcript_compaction_written_soon_after_a_context_overflow_is_no_stall(tmp_path: Path) -> None:
    assert not rc16(analyze_paths([str(_transcript(tmp_path, 40))]))


def _plugin_commit(tmp_path: Path, committed: str) -> Path:
    path = tmp_path / "gateway.log"
    path.write_text(
        line("11:00:05", "ctxengine: compact committing session=7d1c0e52-aaaa-4bbb-8ccc-0123456789ab (wait=true, "
                         "tokenBudget=200000)", "plugins", "INFO") + "\n"
        + line(committed, "ctxengine: compact committed session=7d1c0e52-aaaa-4bbb-8ccc-0123456789ab, archived=true, "
                          "memories=2", "plugins", "INFO") + "\n", encoding="utf-8")
    return path


def test_a_plugin_compaction_commit_that_waited_minutes_is_a_compaction_stall(tmp_path: Path) -> None:
    analysis = analyze_paths([str(_plugin_commit(tmp_path, "11:03:20"))])
    assert rc16(analysis)
    assert rc16(analyze(*_plugin_commit(tmp_path, "11:03:20").read_text(encoding="utf-8").splitlines()))


def test_a_plugin_compaction_commit_within_two_minutes_is_no_stall(tmp_path: Path) -> None:
    assert not analyze_paths([str(_plugin_commit(tmp_path, "11:01:30"))]).incidents


# -- labelling policy "compaction start with no time shown after it" ------------------------------------------------

def _untimed(*texts: str) -> Analysis:
    from stuckscan.analysis import analyze_events
    from stuckscan.parser import ParseStats, parse_text_lines

    return analyze_events(parse_text_lines(list(texts)), ParseStats())


def test_a_compaction_start_on_the_last_line_read_is_a_compaction_in_progress() -> None:
    assert not rc16(_untimed("embedded run start: runId=r7 sessionId=s7", "embedded run compaction start: runId=r7"))
    assert not rc16(analyze(line("11:00:00", "embedded run start: runId=r7 sessionId=s7", "agent/embedded", "DEBUG"),
                            line("11:00:04", "embedded run compaction start: runId=r7", "agent/embedded", "DEBUG")))


def test_a_compaction_start_and_retry_followed_only_by_lines_under_two_minutes_later_is_no_stall() -> None:
    assert not rc16(analyze(line("11:00:00", "embedded run compaction start: runId=r7", "agent/embedded", "DEBUG"),
                            line("11:00:30", "embedded run compaction retry: runId=r7", "agent/embedded", "DEBUG"),
                            line("11:01:50", "[gateway] heartbeat ok", "gateway", "INFO")))
    # (a reporter's note after it is prose, not time)
    assert not rc16(_untimed("embedded run compaction retry: runId=r7", "# no more events after this"))


def test_a_compaction_start_followed_two_minutes_later_with_no_end_stays_a_compaction_stall() -> None:
    assert rc16(analyze(line("11:00:00", "embedded run compaction start: runId=r7", "agent/embedded", "DEBUG"),
                        line("11:02:00", "typing TTL reached (2m); stopping typing indicator", "channels/telegram")))


def test_a_compaction_start_with_its_runs_timeout_after_it_stays_a_compaction_stall_undated_too() -> None:
    assert rc16(_untimed("embedded run compaction retry: runId=r7",
                         "embedded run timeout: runId=r7 sessionId=s7 timeoutMs=600000"))


def test_an_untimed_compaction_held_until_its_runs_timeout_is_marked_held_for_the_whole_timeout() -> None:
    from stuckscan.correlator import correlate
    from stuckscan.events import COMPACTION_HELD_FIELD
    from stuckscan.parser import parse_text_lines

    evs = list(parse_text_lines(["embedded run compaction retry: runId=r7",
                                 "embedded run timeout: runId=r7 sessionId=s7 timeoutMs=600000"]))
    correlate(evs)
    # (the timeout's `timeoutMs` is already in seconds in `Event.seconds`: 600, not 0.6)
    assert evs[0].seconds[COMPACTION_HELD_FIELD] == 600.0


def test_a_compaction_start_with_a_lane_wait_after_it_stays_a_compaction_stall() -> None:
    assert rc16(analyze(line("11:00:00", "embedded run compaction start: runId=r7 sessionKey=agent:main:main",
                             "agent/embedded", "DEBUG"),
                        line("11:01:40", "lane wait exceeded: lane=session:agent:main:main waitedMs=95000 queueAhead=0",
                             "diagnostic")))


def test_a_codex_compaction_turn_that_ended_failed_is_a_compaction_stall() -> None:
    started = line("15:22:00", "started codex app-server compaction sessionId=s7 threadId=t1", "agent/embedded", "INFO")
    failed = "codex app-server compaction turn ended with status {status}"
    assert rc16(analyze(started, line("15:22:04", failed.format(status="failed"), "agent/embedded")))
    # (as a reporter quotes it in a timeline row, the turn's failure read inside the row)
    assert rc16(_untimed(f'| 15:22 | `/compact` logs `started codex app-server compaction`, then fails: '
                         f'"{failed.format(status="interrupted")}". |'))


def test_a_codex_compaction_started_alone_is_no_compaction_stall() -> None:
    started = line("15:22:00", "started codex app-server compaction sessionId=s7 threadId=t1", "agent/embedded", "INFO")
    assert not rc16(analyze(started, line("15:22:04", "completed codex app-server compaction sessionId=s7",
                                          "agent/embedded", "INFO")))


# Labelling policy "compact command reply: the reason decides": "⚙️ Compaction failed: <reason> • Context <used>/<window>
# (<pct>%)" is the `/compact` command's reply, a manual compaction whose result reached its user.
COMPACT_REPLY = "⚙️ Compaction failed: {reason} • Context {meter}"
METERS = ("212k/200k (106%)", "37k/128k (29%)", "?/2.0m")


def _findings(analysis: Analysis) -> list[str]:
    return [finding.rule.id for finding in analysis.findings()]


def test_a_compact_reply_cancelled_is_no_compaction_stall_however_often_and_whatever_the_meter() -> None:
    cancelled = [COMPACT_REPLY.format(reason="Compaction cancelled", meter=meter) for meter in METERS]
    for reply in cancelled:
        assert _findings(analyze(reply)) == []
    assert _findings(analyze(*cancelled, *cancelled)) == []  # (the user repeating it)
    # (dated, as a channel's record of the reply it sent, and with the session answering after it)
    sent = line("08:14:02", f'[telegram] [openclaw -> plugin] kind=final, text="{cancelled[0]}"', "gateway/channels/telegram")
    answered = line("08:14:40", "telegram sendMessage ok chat=5550001 message=88", "gateway/channels/telegram", "INFO")
    assert _findings(analyze(sent, answered)) == []
    assert _findings(analyze(sent, sent.replace("08:14:02", "08:19:30"))) == []


def test_a_compact_reply_with_a_timeout_reason_stays_a_compaction_stall() -> None:
    for reason in ("timed out waiting for codex app-server compaction for thr_9", "commit_timeout"):
        for meter in METERS:
            assert rc16(analyze(COMPACT_REPLY.format(reason=reason, meter=meter)))


def test_cancel_wording_outside_the_compact_reply_keeps_its_reading() -> None:
    # (an automatic compaction failing with the library's cancel wording is not the command's reply)
    auto = line("08:14:02", f"auto-compaction failed for {MODEL}: Compaction cancelled", "agent/embedded")
    assert rc16(analyze(auto))
    # (the reply's words with no context meter after them are anyone's prose)
    assert _findings(analyze("Compaction failed: Compaction cancelled, so I started a new session")) == []


# The gateway's own compaction lines carry the 120 s bar too, not only a transcript's record or a plugin's commit: the
# start/end pair of `embedded run [auto-]compaction`, and compact.ts's `[compaction-diag] end ... durationMs=N`.
RUN = "runId=r-42 sessionId=s-42 sessionKey=agent:main:telegram:direct:42"
DIAG_END = ("[compaction-diag] end " + RUN + " diagId=cmp-1 trigger=budget provider=" + MODEL
            + " attempt=1 maxAttempts=1 outcome=compacted reason=none durationMs={ms}")


def _pair(start: str, end: str, form: str = "compaction") -> list[str]:
    return [line(start, f"embedded run {form} start: {RUN}", "agent/embedded", "INFO"),
            line(end, f"embedded run {form} end: {RUN}", "agent/embedded", "INFO")]


def test_a_compaction_start_and_end_two_minutes_or_more_apart_is_a_compaction_stall() -> None:
    assert rc16(analyze(*_pair("09:00:00", "09:02:30")))
    assert rc16(analyze(*_pair("09:00:00", "09:03:05", "auto-compaction")))


def test_a_compaction_start_and_end_under_two_minutes_apart_stays_no_stall() -> None:
    assert not rc16(analyze(*_pair("09:00:00", "09:01:55")))


def test_a_finished_compaction_diag_of_two_minutes_or_more_is_a_compaction_stall() -> None:
    assert rc16(analyze(line("09:03:22", DIAG_END.format(ms=202000), "agent/embedded", "DEBUG")))


def test_a_finished_compaction_diag_under_two_minutes_stays_no_stall() -> None:
    assert not rc16(analyze(line("09:01:22", DIAG_END.format(ms=118000), "agent/embedded", "DEBUG")))


def ran_long(analysis: Analysis) -> bool:
    """Whether RC16 reads a compaction that finished 120 s or more after it began."""
    return any(f.rule.id == "RC16" and f.summary.startswith("A compaction ran ") for f in analysis.findings())


def _unnamed(clock: str, text: str) -> str:
    return line(clock, text, "agent/embedded", "INFO")


def test_two_short_compactions_an_hour_apart_naming_no_run_are_not_one_long_one() -> None:
    # (the overflow loop's `auto-compaction succeeded` ends the first; the second start replaces anything kept)
    assert not rc16(analyze(_unnamed("09:00:00", "embedded run auto-compaction start"),
                            _unnamed("09:00:30", f"auto-compaction succeeded for {MODEL}; retrying prompt"),
                            _unnamed("10:00:00", "embedded run auto-compaction start"),
                            _unnamed("10:00:20", "embedded run auto-compaction complete")))
    # (two starts, no end between: the end is the later start's)
    assert not rc16(analyze(_unnamed("09:00:00", "embedded run auto-compaction start"),
                            _unnamed("10:00:00", "embedded run auto-compaction start"),
                            _unnamed("10:00:20", "embedded run auto-compaction complete")))


def test_the_overflow_loops_succeeded_line_ends_the_kept_start_without_a_reading() -> None:
    succeeded = _unnamed("09:02:30", f"auto-compaction succeeded for {MODEL}; retrying prompt")
    start = _unnamed("09:00:00", "embedded run auto-compaction start")
    assert not rc16(analyze(start, succeeded))  # (its compaction's start is the overflow line)
    # a later end naming no run, with no start of its own, pairs with nothing
    assert not rc16(analyze(start, succeeded, _unnamed("09:05:00", "embedded run auto-compaction complete")))


def test_compaction_lines_naming_no_run_pair_by_their_session() -> None:
    def of(clock: str, stage: str, session: str) -> str:
        return _unnamed(clock, f"embedded run auto-compaction {stage}: sessionKey=agent:main:telegram:direct:{session}")
    # session a's compaction ran 180 s, though session b's started between
    assert ran_long(analyze(of("09:00:00", "start", "a"), of("09:02:00", "start", "b"),
                            of("09:03:00", "complete", "a")))
    # session b's ran 60 s (session a's, never ended, is read as a start shown open, not as a finished one)
    assert not ran_long(analyze(of("09:00:00", "start", "a"), of("09:02:00", "start", "b"),
                                of("09:03:00", "complete", "b")))
    by_id = [_unnamed("09:00:00", "embedded run auto-compaction start: sessionId=s-a"),
             _unnamed("09:02:00", "embedded run auto-compaction start: sessionId=s-b")]
    assert ran_long(analyze(*by_id, _unnamed("09:03:00", "embedded run auto-compaction complete: sessionId=s-a")))
    assert not ran_long(analyze(*by_id, _unnamed("09:03:00", "embedded run auto-compaction complete: sessionId=s-b")))


def test_when_the_kept_compaction_starts_are_full_the_oldest_makes_way(monkeypatch) -> None:
    import stuckscan.correlator
    monkeypatch.setattr(stuckscan.correlator, "MAX_PENDING", 2)

    def of(clock: str, stage: str, session: str) -> str:
        return _unnamed(clock, f"embedded run auto-compaction {stage}: sessionKey=agent:main:telegram:direct:{session}")
    # (sessions a and b never end theirs: c's start is still kept, and its end 180 s later read)
    assert ran_long(analyze(of("09:00:00", "start", "a"), of("09:00:10", "start", "b"), of("09:00:20", "start", "c"),
                            of("09:03:20", "complete", "c")))
    # (a's start was the one dropped)
    assert not ran_long(analyze(of("09:00:00", "start", "a"), of("09:00:10", "start", "b"),
                                of("09:00:20", "start", "c"), of("09:03:20", "complete", "a")))


def test_an_aborted_or_skipped_compaction_diag_of_two_minutes_or_more_stays_no_stall() -> None:
    for outcome in ("aborted", "skipped"):
        diag = DIAG_END.format(ms=150000).replace("outcome=compacted", f"outcome={outcome}")
        assert not rc16(analyze(line("09:02:30", diag, "agent/embedded", "DEBUG")))


def _slow_lines(analysis: Analysis) -> int:
    return sum(e.kind == "compaction.slow" for i in analysis.incidents for e in i.timeline)


def test_a_compactions_diag_end_and_its_embedded_end_are_one_slow_compaction() -> None:
    diag = line("09:03:22", DIAG_END.format(ms=202000), "agent/embedded", "DEBUG")
    both = analyze(*_pair("09:00:00", "09:03:22"), diag)
    assert rc16(both) and _slow_lines(both) == 1
    # (another run's compaction ending at the same moment is its own)
    other = diag.replace("runId=r-42", "runId=r-43")
    assert _slow_lines(analyze(*_pair("09:00:00", "09:03:22"), other)) == 2


def test_a_compaction_that_ended_incomplete_after_two_minutes_is_not_said_to_have_finished() -> None:
    start = line("09:00:00", f"embedded run auto-compaction start: {RUN}", "agent/embedded", "INFO")
    incomplete = line("09:02:30", f"embedded run auto-compaction incomplete: {RUN}", "agent/embedded", "INFO")

    def summary(*lines: str) -> str:
        return next(f.summary for f in analyze(*lines).findings() if f.rule.id == "RC16")
    assert "finished:" not in summary(start, incomplete)  # (its start, never ended, is read as still open)
    # with the run's end line after it, the incomplete one is what held the session
    ended = line("09:02:31", f"embedded run auto-compaction end: {RUN}", "agent/embedded", "INFO")
    assert "150 s before it ended incomplete" in summary(start, incomplete, ended)
    assert "150 s before it finished" in summary(*_pair("09:00:00", "09:02:30"))


def test_a_slow_compaction_reading_does_not_ask_whether_the_compaction_ended() -> None:
    for analysis in (analyze(*_pair("09:00:00", "09:02:30")),
                     analyze(line("09:03:22", DIAG_END.format(ms=202000), "agent/embedded", "DEBUG"))):
        assert rc16(analysis)
        assert all("whether the compaction ended" not in incident.missing for incident in analysis.incidents)


def test_a_compaction_of_exactly_two_minutes_is_a_compaction_stall() -> None:
    assert ran_long(analyze(*_pair("09:00:00", "09:02:00")))
    assert ran_long(analyze(line("09:02:00", DIAG_END.format(ms=120000), "agent/embedded", "DEBUG")))
    assert not ran_long(analyze(line("09:02:00", DIAG_END.format(ms=119999), "agent/embedded", "DEBUG")))


def test_a_failed_compaction_diag_of_two_minutes_or_more_is_no_slow_finished_compaction() -> None:
    for ms in (120000, 150000):
        failed = DIAG_END.format(ms=ms).replace("outcome=compacted reason=none", "outcome=failed reason=error")
        manual = failed.replace("trigger=budget", "trigger=manual")
        assert _slow_lines(analyze(line("09:02:30", manual, "agent/embedded", "DEBUG"))) == 0
        assert not rc16(analyze(line("09:02:30", manual, "agent/embedded", "DEBUG")))
        # (one the context's size started is read as a failure that left the context too large, not as finished)
        budget = analyze(line("09:02:30", failed, "agent/embedded", "DEBUG"))
        assert rc16(budget) and not ran_long(budget)
