"""Fault lines no rule explained: an empty result that holds them is no all-clear, in every view,
through both the full parser and the fast path, redacted like every other evidence line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import tslog_line
from hypothesis import given
from hypothesis import strategies as st

from stuckscan.analysis import analyze_paths
from stuckscan.cli import cli
from stuckscan.events import GENERIC_KIND, Event
from stuckscan.parallel import analyze_paths_fast
from stuckscan.unexplained import MAX_EXAMPLES, UnexplainedCollector, judged_fault, looks_like_fault, unexplained_note

# (CLI output that a family reads, "Reachable: no" or "  Connect: failed - timeout", is evidence, not unexplained)
PASTE = (
    "Gateway Status\n"
    "Capability: unknown\n"
    "  Webhook relay: failed - upstream reset\n"
    "[lark] [error]: card render aborted\n"
    "[discord] client initialized; awaiting gateway readiness\n"
)


def _event(message: str, level: str | None, kind: str = GENERIC_KIND) -> Event:
    return Event("paste.log", 1, None, level, None, kind, message, "snippet")


def _scan(path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["scan", "--jobs", "1", "--allow-empty", *args, str(path)])
    return result.exit_code, result.output


def test_an_unrecognised_error_line_counts_whatever_its_words() -> None:
    assert looks_like_fault(_event("plugin memory-core reload went sideways", "error"))
    assert looks_like_fault(_event("something odd", "fatal"))


def test_a_warning_or_a_line_without_level_counts_only_with_fault_wording() -> None:
    assert looks_like_fault(_event("getMe attempt 1/3 failed: fetch timeout after 15000ms", None))
    assert looks_like_fault(_event("Connect: failed - timeout", "warn"))
    assert not looks_like_fault(_event("client initialized; awaiting gateway readiness", None))
    assert not looks_like_fault(_event("errorCount=0 timeoutsSeen=0", None))  # field names are no fault words
    assert not looks_like_fault(_event("(recovered=1, failed=0, skipped=0)", None))


def test_an_info_line_or_a_known_kind_never_counts() -> None:
    assert not looks_like_fault(_event("retry failed, will try again", "info"))
    assert not looks_like_fault(_event("fetch timeout after 15000ms", "warn", kind="fetch.timeout"))
    assert not looks_like_fault(_event("", "error"))


@given(st.text(max_size=200), st.sampled_from([None, "debug", "info", "warn", "error", "fatal"]),
       st.sampled_from([GENERIC_KIND, "note", "unparsed", "session.stalled"]))
def test_the_fault_test_never_fails_and_counts_only_unrecognised_lines(message: str, level: str | None,
                                                                        kind: str) -> None:
    counted = looks_like_fault(_event(message, level, kind))
    assert not counted or kind == GENERIC_KIND


def test_the_collector_counts_every_line_and_keeps_the_first_few() -> None:
    collector = UnexplainedCollector()
    for line in range(1, 40):
        collector.add(Event("a.log", line, None, "error", None, GENERIC_KIND, f"boom {line}", "console"))
    result = collector.result()
    assert result.count == 39
    assert [e.line for e in result.examples] == list(range(1, MAX_EXAMPLES + 1))
    assert unexplained_note(result) is not None and "39 lines report a fault" in unexplained_note(result)
    assert unexplained_note(UnexplainedCollector().result()) is None


def test_a_paste_of_unrecognised_fault_lines_is_not_an_all_clear(tmp_path: Path) -> None:
    paste = tmp_path / "paste.log"
    paste.write_text(PASTE, encoding="utf-8")
    code, output = _scan(paste)
    assert code == 0
    assert "No stuck sessions and no gateway-wide problems found" not in output
    assert "not an all-clear" in output
    assert "2 lines report a fault that no rule explains (first at paste.log:3)" in " ".join(output.split())

    code, output = _scan(paste, "--format", "json")
    summary = json.loads(output)["summary"]
    assert summary["unexplained"]["lines"] == 2
    assert [e["line"] for e in summary["unexplained"]["examples"]] == [3, 4]
    assert any("no rule explains" in text for text in summary["explanations"])

    code, output = _scan(paste, "--format", "markdown")
    assert "no rule explains" in output and "not an all-clear" in output and "No stuck sessions and" not in output
    assert "```text\n" in output  # the lines themselves, as code, never as markdown


def test_a_short_paste_without_a_fault_gets_no_all_clear_and_a_long_quiet_log_does(tmp_path: Path) -> None:
    paste = tmp_path / "quiet.log"
    paste.write_text("[discord] client initialized; awaiting gateway readiness\n", encoding="utf-8")
    code, output = _scan(paste)
    assert code == 0 and "No stuck sessions and no gateway-wide problems found." not in output
    assert "too short to rule out a stall" in output and "carries no times" in output
    code, output = _scan(paste, "--format", "markdown")
    assert "too short to rule out a stall" in output and "No stuck sessions and" not in output

    timed = tmp_path / "openclaw-2026-06-02.log"
    timed.write_text("\n".join(tslog_line(f"2026-06-02T08:0{minute}:00.000Z", "gateway/channels/discord",
                                            "client initialized; awaiting gateway readiness") for minute in (0, 1)),
                     encoding="utf-8")
    code, output = _scan(timed)
    assert "too short to rule out a stall" in output and "span 60 s" in output
    timed.write_text("\n".join(tslog_line(f"2026-06-02T08:0{minute}:00.000Z", "gateway/channels/discord",
                                            "client initialized; awaiting gateway readiness") for minute in (0, 5)),
                     encoding="utf-8")
    code, output = _scan(timed)
    assert "No stuck sessions and no gateway-wide problems found." in output and "too short" not in output


def test_the_note_is_only_for_an_empty_result(tmp_path: Path) -> None:
    moment = "2026-06-02T08:00:00.000Z"
    log = tmp_path / "openclaw-2026-06-02.log"
    log.write_text("\n".join([
        tslog_line(moment, "plugins", "plugin memory-core reload failed code=3", "ERROR"),
        tslog_line("2026-06-02T08:05:00.000Z", "diagnostic",
                   "stalled session: sessionId=s1 sessionKey=agent:main:main state=processing age=400s "
                   "queueDepth=1 reason=active_work_without_progress activeWorkKind=model_call "
                   "lastProgress=model_call:started lastProgressAge=400s", "WARN"),
    ]) + "\n", encoding="utf-8")
    code, output = _scan(log, "--format", "json")
    report = json.loads(output)
    assert report["incidents"]
    assert report["summary"]["unexplained"]["lines"] == 1  # still counted in the document
    assert not any("no rule explains" in text for text in report["summary"]["explanations"])


def test_the_fast_path_counts_what_the_full_parser_counts(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-06-02.log"
    lines = [tslog_line(f"2026-06-02T08:00:{second:02d}.000Z", "gateway/channels/telegram",
                        f"poll cycle {second} done", "INFO") for second in range(30)]
    lines.insert(10, tslog_line("2026-06-02T08:00:10.500Z", "plugins", "upstream reset by peer", "ERROR"))
    lines.insert(20, "2026-06-02T08:00:20.700Z [plugins] send failed: socket hang up")
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    full = analyze_paths([str(log)]).unexplained
    fast = analyze_paths_fast([str(log)]).unexplained
    assert full.count == fast.count == 2
    assert [e.line for e in full.examples] == [e.line for e in fast.examples] == [11, 21]


def test_the_examples_are_redacted_by_default(tmp_path: Path) -> None:
    paste = tmp_path / "paste.log"
    paste.write_text("[gateway] [error] token rejected for alice@example.com: auth failed\n", encoding="utf-8")
    code, output = _scan(paste, "--format", "json")
    assert "alice@example.com" not in output
    code, output = _scan(paste, "--format", "json", "--no-redact")
    assert "alice@example.com" in output


def test_times_are_not_required(tmp_path: Path) -> None:
    paste = tmp_path / "untimed.log"
    paste.write_text("Webhook relay: failed - upstream reset\n", encoding="utf-8")
    code, output = _scan(paste, "--format", "json")
    assert json.loads(output)["summary"]["unexplained"]["lines"] == 1


def test_a_connection_failure_under_a_channel_subsystem_is_that_channels_transport_failing() -> None:
    from stuckscan.channels import as_channel_failure, channel_subsystem

    assert channel_subsystem("gateway/channels/slack") == "slack"
    assert channel_subsystem("discord:default") == "discord"
    assert channel_subsystem("agent/embedded") is None
    assert channel_subsystem("ddingtalk") == "dingtalk"  # (a distribution's id for the DingTalk channel)
    failing = as_channel_failure(Event("a.log", 1, None, None, "slack", GENERIC_KIND,
                                       "slash handler failed: Failed to send a WebSocket message as the client is "
                                       "not ready", "console"))
    assert failing.kind == "channel.transport_error"
    # one message failing (a dispatch error, a provider overloaded) says nothing of the channel's ingress
    dispatch = as_channel_failure(Event("a.log", 2, None, "error", "feishu", GENERIC_KIND,
                                        "failed to dispatch message: Error: model provider overloaded", "console"))
    assert dispatch.kind == GENERIC_KIND
    slow_turn = as_channel_failure(Event("a.log", 4, None, "error", "gateway/channels/discord", GENERIC_KIND,
                                         "discord inbound worker timed out after 1800.0 seconds", "console"))
    assert slow_turn.kind == GENERIC_KIND  # a turn that ran too long, not the connection
    elsewhere = as_channel_failure(Event("a.log", 3, None, "error", "plugins", GENERIC_KIND,
                                         "socket hang up while loading", "console"))
    assert elsewhere.kind == GENERIC_KIND
    # an ERROR about the inbound request the channel was handed is its handler failing, not its transport
    handler = as_channel_failure(Event("a.log", 5, None, "error", "wecom", GENERIC_KIND,
                                       "Failed to parse request body as JSON", "console"))
    assert handler.kind == "channel.handler_broken"


def test_a_channel_that_fails_its_connection_and_reconnects_is_a_channel_ingress_stall(tmp_path: Path) -> None:
    paste = tmp_path / "slack.log"
    paste.write_text("[slack] socket disconnected (disconnect). retry 1/\u221e in 2s\n"
                     "[slack] slash handler failed: Failed to send a WebSocket message as the client is not ready\n",
                     encoding="utf-8")
    code, output = _scan(paste, "--format", "json")
    assert json.loads(output)["summary"]["headline"]["rule"] == "RC18"
    paste.write_text("[slack] socket disconnected (disconnect). retry 1/\u221e in 2s\n"
                     "[slack] slash handler failed: unknown command /foo\n", encoding="utf-8")
    code, output = _scan(paste, "--format", "json")
    assert json.loads(output)["summary"]["headline"] is None


def test_a_probe_that_could_not_connect_is_no_finding_alone_but_no_all_clear_either(tmp_path: Path) -> None:
    paste = tmp_path / "probe.log"
    paste.write_text("Reachable: no\n  Connect: failed - timeout\n", encoding="utf-8")
    code, output = _scan(paste, "--format", "json")
    report = json.loads(output)
    assert report["summary"]["headline"] is None  # a wedged loop, a handshake budget or the probe itself
    assert report["summary"]["unexplained"]["lines"] == 1
    assert any("no rule explains" in text for text in report["summary"]["explanations"])


def test_the_openai_websocket_streams_fallbacks_are_no_unexplained_fault_but_its_run_error_is(tmp_path: Path) -> None:
    # (src/agents/openai-ws-stream.ts, t49f: a failed connect, send, broken session or warm-up is passed by over HTTP
    # at once; the stream's run error is a failed model call, which the run's agent end repeats)
    paste = tmp_path / "ws.log"
    session = "0f3c2a1b-5d4e-4f6a-8b7c-9d0e1f2a3b4c"
    paste.write_text(
        f"2026-11-20T10:00:00.000Z [agent/embedded] [ws-stream] WebSocket connect failed for session={session}; "
        "falling back to HTTP. error=Error: Unexpected server response: 502\n"
        f"2026-11-20T10:00:01.000Z [agent/embedded] [ws-stream] session={session} broken/disconnected; falling back "
        "to HTTP\n"
        f"2026-11-20T10:00:02.000Z [agent/embedded] [ws-stream] warm-up failed for session={session}; continuing "
        "without warm-up. error=Error: warm-up timed out after 8000ms\n", encoding="utf-8")
    _, output = _scan(paste, "--format", "json")
    assert json.loads(output)["summary"]["unexplained"]["lines"] == 0
    with paste.open("a", encoding="utf-8") as handle:
        handle.write(f"2026-11-20T10:00:03.000Z [agent/embedded] [ws-stream] session={session} run error: "
                     "WebSocket closed mid-request (code=1006, reason=unknown)\n")
    _, output = _scan(paste, "--format", "json")
    assert json.loads(output)["summary"]["unexplained"]["lines"] == 1


def test_a_fault_kind_no_rule_judges_is_no_all_clear_through_either_path(tmp_path: Path) -> None:
    # A family names these lines, but no rule reads them yet: naming a line must not make it an all-clear.
    assert looks_like_fault(_event("discord inbound worker timed out after 1800 seconds", "error",
                                   kind="channel.handler_timeout"))
    assert not looks_like_fault(_event("codex app-server turn idle timed out waiting for progress", "info",
                                       kind="codex.turn_idle_timeout"))
    log = tmp_path / "openclaw-2026-06-02.log"
    lines = [tslog_line(f"2026-06-02T08:00:{second:02d}.000Z", "gateway/channels/telegram",
                        f"poll cycle {second} done", "INFO") for second in range(30)]
    lines.insert(10, tslog_line("2026-06-02T08:00:10.500Z", "gateway/channels/discord",
                                "Listener DiscordMessageListener timed out after 30000ms for event MESSAGE_CREATE",
                                "ERROR"))
    lines.insert(20, tslog_line("2026-06-02T08:00:20.500Z", "cron",
                                "cron: isolated agent setup timed out before runner start", "WARN"))
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    full = analyze_paths([str(log)])
    fast = analyze_paths_fast([str(log)])
    assert not full.incidents and not full.episodes
    assert full.unexplained.count == fast.unexplained.count == 2
    assert [e.line for e in full.unexplained.examples] == [e.line for e in fast.unexplained.examples] == [11, 21]


def test_every_warn_or_error_kind_is_read_by_a_rule_counted_as_unexplained_or_declared_no_stall() -> None:
    from stuckscan import correlator, families
    from stuckscan.unexplained import CLIENT_SYMPTOM_KINDS, NOT_A_STALL_KINDS, UNJUDGED_FAULT_KINDS

    loud = {f.kind for f in families.FAMILIES if f.level in ("warn", "error")}
    read = correlator.CONSUMED_KINDS | correlator.SIGNAL_KINDS | CLIENT_SYMPTOM_KINDS
    assert loud - read - UNJUDGED_FAULT_KINDS - NOT_A_STALL_KINDS == set()
    assert not NOT_A_STALL_KINDS & (read | UNJUDGED_FAULT_KINDS)


# A failed start and its listen error: both lines are of known kinds (gateway.start_failed, net.eaddrinuse) that the
# rules read and find no stall in (f786's two lines, a second gateway refused the port).
FAILED_START = ("Gateway failed to start: another gateway instance is already listening on ws://127.0.0.1:18789\n"
                "listen EADDRINUSE: address already in use 127.0.0.1:18789\n")


def test_a_known_warning_or_error_is_judged_and_housekeeping_or_info_is_not() -> None:
    assert judged_fault(_event("fetch timeout after 15000ms", "warn", kind="fetch.timeout"))
    assert judged_fault(_event("listen EADDRINUSE", "error", kind="net.eaddrinuse"))
    assert not judged_fault(_event("fetch timeout after 15000ms", "info", kind="fetch.timeout"))
    assert not judged_fault(_event("typing TTL reached (2m); stopping typing indicator", "warn",
                                   kind="channel.typing_ttl"))  # housekeeping: declared no stall
    assert not judged_fault(_event("plugin memory-core reload went sideways", "error"))  # unexplained instead
    assert not judged_fault(_event("discord inbound worker timed out", "error", kind="channel.handler_timeout"))


def test_an_empty_result_names_the_warning_and_error_lines_it_read_instead_of_saying_no_fault(tmp_path: Path) -> None:
    paste = tmp_path / "paste.log"
    paste.write_text(FAILED_START, encoding="utf-8")
    code, output = _scan(paste)
    flat = " ".join(output.split())
    assert code == 0
    assert "No fault in these lines" not in flat and "No stuck sessions and" not in flat
    assert "No stall in these lines, though some are warnings or errors:" in flat
    assert "2 warning or error lines of a known kind (gateway.start_failed, net.eaddrinuse; first at paste.log:1)" in flat
    assert "too short to rule out a stall" in flat  # the caveat stays: the lines carry no times

    report = json.loads(_scan(paste, "--format", "json")[1])
    judged = report["summary"]["judged"]
    assert judged["lines"] == 2 and judged["byKind"] == {"gateway.start_failed": 1, "net.eaddrinuse": 1}
    assert [e["line"] for e in judged["examples"]] == [1, 2]
    assert report["summary"]["headline"] is None and report["summary"]["worstSeverity"] is None

    markdown = _scan(paste, "--format", "markdown")[1]
    assert "though some are warnings or errors" in markdown and "No fault in these lines" not in markdown
    assert "```text\n" in markdown  # the lines themselves, as code


def test_judged_lines_are_not_said_beside_a_finding_or_under_unexplained_ones(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-06-02.log"
    log.write_text("\n".join([
        tslog_line("2026-06-02T08:00:00.000Z", "agent/embedded", "fetch timeout after 15000ms", "WARN"),
        tslog_line("2026-06-02T08:05:00.000Z", "diagnostic",
                   "stalled session: sessionId=s1 sessionKey=agent:main:main state=processing age=400s "
                   "queueDepth=1 reason=active_work_without_progress activeWorkKind=model_call "
                   "lastProgress=model_call:started lastProgressAge=400s", "WARN"),
    ]) + "\n", encoding="utf-8")
    report = json.loads(_scan(log, "--format", "json")[1])
    assert report["incidents"] and not any(t.startswith("read, short of a stall") for t in report["summary"]["explanations"])
    assert report["summary"]["judged"] == {"lines": 0, "byKind": {}, "examples": []}  # findings cite their own lines
    paste = tmp_path / "paste.log"
    paste.write_text(FAILED_START + "[plugins] [error] plugin memory-core reload went sideways\n", encoding="utf-8")
    output = " ".join(_scan(paste)[1].split())
    assert "Nothing shown, and this is not an all-clear:" in output  # an unexplained line outranks the judged ones
    assert "read, short of a stall: 2 warning or error lines" in output


def test_the_fast_path_judges_the_lines_the_full_parser_judges(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-06-02.log"
    lines = [tslog_line(f"2026-06-02T08:00:{second:02d}.000Z", "gateway/channels/telegram",
                        f"poll cycle {second} done", "INFO") for second in range(30)]
    lines.insert(10, tslog_line("2026-06-02T08:00:10.500Z", "agent/embedded", "fetch timeout after 15000ms", "WARN"))
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    full, fast = analyze_paths([str(log)]).judged, analyze_paths_fast([str(log)]).judged
    assert full.count == fast.count == 1 and full.kinds == fast.kinds == {"fetch.timeout": 1}
    assert [e.line for e in full.examples] == [e.line for e in fast.examples] == [11]


def test_judged_examples_are_redacted_by_default(tmp_path: Path) -> None:
    paste = tmp_path / "paste.log"
    paste.write_text("Gateway failed to start: another gateway instance is already listening on "
                     "ws://10.1.2.3:18789 alice@example.com\n", encoding="utf-8")
    judged = json.loads(_scan(paste, "--format", "json")[1])["summary"]["judged"]
    assert judged["lines"] == 1 and "alice@example.com" not in str(judged) and "10.1.2.3" not in str(judged)


def test_a_dreaming_narrative_that_timed_out_is_no_stall_and_no_unexplained_fault(tmp_path: Path) -> None:
    # memory-core's dreaming narrative is a background subagent run on its own session, waited on for 60 s and then
    # given up: no user's session or lane waits on it (NOT_A_STALL_KINDS), so neither a finding nor a fault line
    from stuckscan.unexplained import NOT_A_STALL_KINDS, UNJUDGED_FAULT_KINDS, looks_like_fault

    line = "memory-core: narrative generation ended with status=timeout for deep phase."
    event = _event(line, "warn", kind="memory.narrative_failed")
    assert "memory.narrative_failed" in NOT_A_STALL_KINDS and "memory.narrative_failed" not in UNJUDGED_FAULT_KINDS
    assert not looks_like_fault(event) and not judged_fault(event)
    log = tmp_path / "dreaming.log"
    log.write_text(tslog_line("2026-06-02T03:00:00.000Z", "plugins", line, "WARN") + "\n", encoding="utf-8")
    result = analyze_paths([str(log)])
    assert not result.incidents and not result.episodes and not result.unexplained.count


def _analyzed_both_ways(tmp_path: Path, lines: list[tuple[str, str, str]]) -> list:
    """``(subsystem, level, message)`` lines as a gateway file, a second apart, analysed by the full parser and the
    fast path."""
    log = tmp_path / "census.log"
    log.write_text("".join(tslog_line(f"2026-06-02T03:00:0{i}.000Z", subsystem, message, level) + "\n"
                           for i, (subsystem, level, message) in enumerate(lines)), encoding="utf-8")
    return [analyze([str(log)]) for analyze in (analyze_paths, analyze_paths_fast)]


def _assert_unjudged_faults(tmp_path: Path, lines: list[tuple[str, str, str]], kinds: set[str]) -> None:
    """Each line is read as one of ``kinds``, every one a fault no rule judges (listed unjudged, not "no stall"): by
    the full parser and the fast path alike, no incident or episode, and each line counted as unexplained."""
    from stuckscan.unexplained import NOT_A_STALL_KINDS, UNJUDGED_FAULT_KINDS

    assert kinds <= UNJUDGED_FAULT_KINDS and not kinds & NOT_A_STALL_KINDS
    for result in _analyzed_both_ways(tmp_path, lines):
        assert not result.incidents and not result.episodes
        assert result.unexplained.count == len(lines)
        assert set(result.unexplained.kinds) == kinds


def test_the_census_templates_are_no_stall_and_no_unexplained_fault(tmp_path: Path) -> None:
    # The dev field corpus's most pasted unread templates (u47): a file tool's refusal handed to the model at once, the
    # start-up model prewarm given up while the channels start, an auth profile's cooldown bookkeeping, and Telegram's
    # trimmed command menu (INFO): each was an unexplained fault line; none shows a stall
    from stuckscan.unexplained import NOT_A_STALL_KINDS, UNJUDGED_FAULT_KINDS

    lines = [
        ("tools", "ERROR", "read failed: ENOENT: no such file or directory, access '/home/u/.openclaw/workspace/a.md'"),
        ("tools", "ERROR", "edit failed: Could not find the exact text in /home/u/.openclaw/workspace/a.md. The old text "
                           "must match exactly including all whitespace and newlines."),
        ("gateway", "WARN", "startup model warmup timed out after 5000ms; continuing without waiting"),
        ("agent/embedded", "WARN", "auth profile failure state updated: runId=run-1 profile=sha256:9c018ec112cf "
                                   "provider=ollama reason=model_not_found window=cooldown reused=false"),
        ("gateway/channels/telegram", "INFO", "Telegram menu text exceeded the conservative 5700-character payload "
                                              "budget; shortening descriptions to keep 79 commands visible."),
    ]
    for kind in ("tools.call_failed", "gateway.model_warmup_timeout", "model.auth_profile_failure"):
        assert kind in NOT_A_STALL_KINDS and kind not in UNJUDGED_FAULT_KINDS
    for result in _analyzed_both_ways(tmp_path, lines):
        assert not result.incidents and not result.episodes and not result.unexplained.count
    # a tool's timeout stays with its own family
    event = _one_event("browser failed: timed out. Restart the OpenClaw gateway")
    assert event.kind == "tools.browser_failed"


def test_the_u48_census_templates_are_faults_no_rule_judges(tmp_path: Path) -> None:
    # u48: a turn that failed before its reply with its error cut or on the 2026.9.x reply-ownership guard, the gateway
    # process ending on the agent core's listener check, and `openclaw gateway restart` giving up on its 60 s health
    # wait. Each is now named, none is a stall, and each still counts as a fault no rule explains (no all-clear)
    lines = [
        ("agent/embedded", "ERROR", "Embedded agent failed before reply"),
        ("agent/embedded", "ERROR", "Embedded agent failed before reply: Reply operation has no active tool authority "
                                    "snapshot"),
        ("openclaw", "ERROR", "Unhandled promise rejection: Error: Agent listener invoked outside active run"),
        ("cli", "WARN", "Timed out after 60s waiting for gateway port 18789 to become healthy."),
        ("cli", "ERROR", "Gateway restart timed out after 60s waiting for health checks."),
    ]
    _assert_unjudged_faults(tmp_path, lines, {"run.failed_before_reply", "gateway.crashed",
                                              "gateway.restart_health_timeout"})
    # look-alikes keep their own kinds: a lock or an aborted request behind the same prefix, a network failure behind
    # the same handler, a restart of a channel's own
    assert _one_event("Embedded agent failed before reply: session file locked (timeout 60000ms): pid=4 alive=true "
                      "ageMs=9").kind == "lock.timeout"
    assert _one_event("Embedded agent failed before reply: Request was aborted").kind == "run.request_aborted"
    assert _one_event("Embedded agent failed before reply: HTTP 500: Internal Server Error").kind == "generic"
    assert _one_event("Unhandled promise rejection: TypeError: fetch failed").kind == "gateway.crashed"
    assert _one_event("Timed out after 60s waiting for the browser to start").kind == "generic"


def test_the_guards_non_fatal_lines_are_no_stall_and_no_unexplained_fault(tmp_path: Path) -> None:
    # p55: src/infra/unhandled-rejections.ts (and the uncaughtException handler of src/index.ts / src/cli/run-main.ts)
    # logs "Non-fatal unhandled rejection|uncaught exception (continuing): <err>" at warn and keeps the process
    # running: the gateway chose to go on, so the lines are neither a stall nor a fault no rule explains
    lines = [
        ("openclaw", "WARN", "Non-fatal unhandled rejection (continuing): TypeError: fetch failed"),
        ("openclaw", "WARN", "Non-fatal uncaught exception (continuing): Error: write EPIPE"),
        ("openclaw", "WARN", "Non-fatal unhandled rejection (continuing): Error: SQLITE_BUSY: database is locked"),
        ("openclaw", "WARN", "Non-fatal unhandled rejection: TypeError: fetch failed"),  # quoted shortened (f2063)
    ]
    log = tmp_path / "gateway.log"
    log.write_text("".join(tslog_line(f"2026-05-02T10:00:{i:02d}.000Z", sub, msg, level) + "\n"
                           for i, (sub, level, msg) in enumerate(lines)), encoding="utf-8")
    for analyze in (analyze_paths, analyze_paths_fast):
        result = analyze([str(log)])
        assert result.unexplained.count == 0, analyze
        assert not result.incidents and not result.episodes
    code, output = _scan(log)
    assert "Unexplained fault lines" not in output and "not an all-clear" not in output
    # the exiting branch's words stay a crash, and a channel the continuing line names stays that channel's failure
    assert _one_event("Non-fatal unhandled rejection (continuing): TypeError: fetch failed").kind == \
        "gateway.nonfatal_error"
    assert _one_event("Uncaught exception: Error: write EPIPE").kind != "gateway.nonfatal_error"
    assert _one_event("Non-fatal unhandled rejection (continuing): Error: [DingTalk][__default__] Failed to connect to "
                      "DingTalk Stream: connect ETIMEDOUT 10.0.0.1:443").kind == "channel.transport_error"


def test_a_channel_the_shortened_nonfatal_line_names_stays_that_channels_failure() -> None:
    # (h57: the write-up's form without "(continuing)", read as gateway.nonfatal_error since 5832efb7, still names the
    # channel client it escaped from: that channel's connect failed, as in the line's full form)
    event = _one_event("Non-fatal unhandled rejection: Error: [DingTalk][__default__] Failed to connect to DingTalk "
                       "Stream: connect ETIMEDOUT 10.0.0.1:443")
    assert event.kind == "channel.transport_error" and event.fields["channel"] == "DingTalk"
    assert _one_event("Non-fatal unhandled rejection: TypeError: fetch failed").kind == "gateway.nonfatal_error"


def _one_event(message: str) -> Event:
    from stuckscan.parser import ParseOptions, parse_text_lines

    return parse_text_lines([message], "paste.log", ParseOptions())[0]


def test_an_examples_error_text_after_its_fields_is_shown_redacted(tmp_path: Path) -> None:
    # the nodes tool's failure puts its error after the fields ("... action=invoke: <error>"), a free-text value runs
    # over several words: the text view's example keeps them, redacted, even cut to a narrow width
    log = tmp_path / "nodes.log"
    log.write_text(
        "2026-05-25T13:42:31.537+00:00 [tools] nodes failed: agent=main node=my-mac gateway=ws://10.1.2.3:18789 "
        "action=invoke: node invoke timed out behind alice@example.com\n"
        "2026-05-25T13:42:32.537+00:00 [plugins] [error] relay send failed: code=7 error=connect ECONNREFUSED again\n",
        encoding="utf-8")
    for width in ("200", "100"):
        output = _scan_text(log, width)
        examples = output.split("Unexplained fault lines:")[1]
        assert "node invoke timed out behind" in examples, width
        assert "ECONNREFUSED again" in examples, width
        assert "alice@example.com" not in output and "10.1.2.3" not in output
    # a line whose fields hold all its words is shown as before: head and deciding fields
    quiet = tmp_path / "fields.log"
    quiet.write_text("2026-05-25T13:42:31.537+00:00 [plugins] [error] relay send failed: code=7 peer=x\n",
                     encoding="utf-8")
    output = _scan_text(quiet, "200")
    assert "relay send failed: code=7 peer=x" in output.split("Unexplained fault lines:")[1]


def _scan_text(path: Path, width: str) -> str:
    result = CliRunner().invoke(cli, ["scan", "--jobs", "1", "--allow-empty", str(path)], env={"COLUMNS": width})
    return result.output


def test_the_t50d_acp_runtime_templates_are_faults_no_rule_judges(tmp_path: Path) -> None:
    # t50d: the ACP runtime's failures written from their source templates (src/acp/control-plane/manager.turn-runner
    # .ts, extensions/acpx/src/startup-deadline.ts, runtime.ts and service.ts, src/agents/acp-spawn-parent-stream.ts):
    # each is named, none is a stall a rule judges (f027 and f046 label a turn failing at once benign, RC01 forbidden),
    # and each still counts as a fault no rule explains (no all-clear)
    from stuckscan.unexplained import NOT_A_STALL_KINDS, UNJUDGED_FAULT_KINDS

    lines = [
        ("agents/acp-spawn", "ERROR", "sessions_spawn failed: AcpRuntimeError: ACP turn ended without a terminal done "
                                      "event."),
        ("gateway/ws", "ERROR", "⇄ res ✗ agent errorCode=UNAVAILABLE errorMessage=AcpRuntimeError: Could not initialize "
                                "ACP session runtime."),
        ("agents/acp-spawn", "ERROR", 'AcpRuntimeError: ACP agent "codex" (codex exec --json) did not complete ACP '
                                      "startup within 30s and was stopped. Check that the configured command starts "
                                      "an ACP server; one-shot runners such as `codex exec` are not ACP servers."),
        ("plugins", "WARN", "acpx runtime abort-cancel failed: AcpRuntimeError: acpx exited with code 1"),
        ("plugins", "WARN", "acpx runtime setup failed: acpx command not found: acpx"),
    ]
    assert "acp.child_silent" in UNJUDGED_FAULT_KINDS and "acp.child_silent" not in NOT_A_STALL_KINDS
    _assert_unjudged_faults(tmp_path, lines, {"acp.turn_failed", "acp.cancel_failed", "acp.backend_unavailable"})
    # the relay's notices reach the parent session as system events
    silent = _one_event("System: [2026-11-20 10:01:00] codex has produced no output for 60s. It may be waiting for "
                        "interactive input.")
    assert (silent.kind, silent.fields.get("noOutputSeconds")) == ("acp.child_silent", 60)
    assert _one_event("codex stream relay timed out after 21600s without completion.").kind == "acp.child_silent"
    # the gateway's error naming only the code (f027's continuation line, f046's bullet); a configuration code is not
    # a failed turn, and a deadline keeps its own kind
    assert _one_event("runId=... error=AcpRuntimeError: Internal error: code=ACP_TURN_FAILED").kind == "acp.turn_failed"
    assert _one_event("AcpRuntimeError: unsupported thinking code=ACP_BACKEND_UNSUPPORTED_CONTROL").kind == "generic"
    assert _one_event("AcpRuntimeError: All ACP backends failed (2): acpx: ACP turn timed out after 120s. "
                      "code=ACP_TURN_FAILED").kind == "acp.turn_timeout"


def test_a_healthy_acp_spawn_turn_and_close_stays_quiet(tmp_path: Path) -> None:
    # the embedded backend ready, a spawn accepted, the relay's start and completion notices, the agent request
    # answered: no finding and no unexplained fault
    lines = [
        ("plugins", "INFO", "embedded acpx runtime backend registered (cwd: /home/u/.openclaw/workspace)"),
        ("plugins", "INFO", "embedded acpx runtime backend ready"),
        ("gateway/ws", "INFO", "⇄ res ✓ agent 41ms runId=run-7 conn=c1 id=r1"),
        ("agents/acp-spawn", "INFO", "Started codex session agent:codex:acp:3f2a. Streaming progress updates to parent "
                                     "session."),
        ("agents/acp-spawn", "INFO", "codex: wrote the failing test and the fix"),
        ("agents/acp-spawn", "INFO", "codex run completed in 42s."),
    ]
    for result in _analyzed_both_ways(tmp_path, lines):
        assert not result.incidents and not result.episodes
        assert result.unexplained.count == 0


def test_an_acp_child_quiet_for_a_minute_then_resuming_and_completing_stays_quiet(tmp_path: Path) -> None:
    # q61: the spawn relay (src/agents/acp-spawn-parent-stream.ts) writes its no-output notice after 60 s with no
    # assistant text but commentary, which a healthy child running its tools for a minute also does; it then resumes
    # and completes. Pasted as the parent session's system events (no level), the notice is a heads-up, not a fault:
    # no all-clear lost over it. The relay's lifetime running out without completion still counts.
    log = tmp_path / "acp-relay.txt"
    log.write_text(
        "System: [2026-11-20 10:00:00] Started codex session agent:codex:acp:3f2a. Streaming progress updates to "
        "parent session.\n"
        "System: [2026-11-20 10:01:00] codex has produced no output for 60s. It may be waiting for interactive input.\n"
        "System: [2026-11-20 10:01:40] codex resumed output.\n"
        "System: [2026-11-20 10:02:10] codex run completed in 130s.\n", encoding="utf-8")
    for analyze in (analyze_paths, analyze_paths_fast):
        result = analyze([str(log)])
        assert not result.incidents and not result.episodes
        assert result.unexplained.count == 0, analyze
    lifetime = tmp_path / "acp-relay-lifetime.txt"
    lifetime.write_text("System: [2026-11-20 16:00:00] codex stream relay timed out after 21600s without "
                        "completion.\n", encoding="utf-8")
    assert analyze_paths([str(lifetime)]).unexplained.count == 1


def test_the_j53_review_leaves_the_fault_kinds_no_class_claims_unjudged(tmp_path: Path) -> None:
    # j53: the fault kinds no rule reads, judged against their source, the public threads and the dev labels. None
    # names a stall's class on its own line (an ACP turn that failed, a run loop that gave up retrying, a Docker call
    # past its deadline, memory's index or search failing, an approval request not delivered, the followup queue's
    # drain failing or parked, a voice note not transcribed): each stays a fault no rule explains, never an all-clear
    lines = [
        ("gateway", "ERROR", "AcpRuntimeError: ACP turn failed before completion."),
        ("agent/embedded", "ERROR", "[run-retry-limit] sessionKey=agent:main:main provider=openai/gpt-5 attempts=24 "
                                    "maxAttempts=24"),
        ("agent/embedded", "ERROR", "Docker did not respond within 30000ms while running `docker exec -i box sh`. The "
                                    "Docker engine may be present but unresponsive."),
        ("memory", "WARN", "memory sync failed (interval): Error: embeddings request failed"),
        ("memory", "WARN", "qmd query failed: qmd query hello --json -n 5 -c main timed out after 4000ms"),
        ("gateway", "ERROR", "exec approvals: failed to deliver request abc123: Error: no route"),
        ("gateway", "ERROR", "followup queue drain failed for agent:main:main: Error: boom"),
        ("gateway", "ERROR", "followup queue suspended for agent:main:main after 7 consecutive drain failures; queued "
                             "work retained and automatic retries stopped; use /queue reset after resolving the failure"),
        ("media-understanding", "WARN", "audio: failed (0/1) via openai/whisper-1 reason=AbortError"),
    ]
    _assert_unjudged_faults(tmp_path, lines, {"acp.turn_failed", "embedded.retry_limit", "sandbox.docker_timeout",
                                              "memory.sync_failed", "memory.search_failed", "approval.undelivered",
                                              "followup.drain_failed", "followup.queue_suspended",
                                              "media.understanding_failed"})


def test_a_gateway_crash_after_a_runs_tool_step_is_not_read_as_a_stop_that_cut_the_run(tmp_path: Path) -> None:
    # j53: the agent core's "listener invoked outside active run" crash comes from a late event of a run already torn
    # down (#65285, PR #65323; #69836: an exec refused, the crash 2 to 5 s later), so that run's last line, its exec
    # step, looks in flight at the crash. Read as a stop of the process it would blame the crash for cutting a run that
    # had ended (RC17): the crash is not one of the stops the correlator reads, and it stays an unexplained fault
    lines = [
        ("agent/embedded", "DEBUG", "embedded run start: runId=r1 sessionId=s1 sessionKey=agent:main:main "
                                    "provider=openai model=gpt-5 thinking=low messageChannel=telegram"),
        ("agent/embedded", "DEBUG", "embedded run tool start: runId=r1 tool=exec toolCallId=t1"),
        ("openclaw", "ERROR", "Unhandled promise rejection: Error: Agent listener invoked outside active run"),
    ]
    for result in _analyzed_both_ways(tmp_path, lines):
        assert not result.incidents and not result.episodes
        assert result.unexplained.count == 1 and set(result.unexplained.kinds) == {"gateway.crashed"}


def test_the_t53a_speech_and_voice_templates_are_no_stall(tmp_path: Path) -> None:
    # t53a: the voice-call plugin's call that failed in its own hands and a call's turn that gave the caller no answer
    # (extensions/voice-call/src) are faults no rule judges
    _assert_unjudged_faults(tmp_path, [
        ("voice-call", "ERROR", "Failed to connect realtime bridge: Error: Realtime connection timeout"),
        ("voice-call", "WARN", "Failed to speak initial message: TTS conversion failed: elevenlabs: request timed out"),
        ("voice-call", "ERROR", "Response generation error: Response generation was aborted"),
    ], {"voice.call_failed", "voice.response_failed"})
    # A reply's text-to-speech and a voice note's transcription attempt, written only verbosely (console lines with no
    # tag and no level): a provider's failure the conversion goes past is no fault; the voice lost and a transcription
    # attempt that failed are faults no rule judges. Neither makes a finding, and their AbortError, a provider's own
    # deadline, is no run's abort (it was read as run.aborted_error, the restart class's abort marker)
    from stuckscan.unexplained import NOT_A_STALL_KINDS, UNJUDGED_FAULT_KINDS

    assert "tts.attempt_failed" in NOT_A_STALL_KINDS and "tts.failed" in UNJUDGED_FAULT_KINDS
    paste = tmp_path / "voice.log"
    paste.write_text(
        "2026-11-20T10:00:00.000Z audio understanding failed: AbortError: This operation was aborted\n"
        "2026-11-20T10:00:05.000Z TTS: primary provider elevenlabs failed (AbortError: This operation was aborted); "
        "trying fallback providers.\n"
        "2026-11-20T10:00:35.000Z TTS: conversion failed after 60012ms (TTS conversion failed: elevenlabs: request "
        "timed out; openai: request timed out).\n", encoding="utf-8")
    for result in (analyze_paths([str(paste)]), analyze_paths_fast([str(paste)])):
        assert not result.incidents and not result.episodes
        assert result.unexplained.kinds == {"media.understanding_failed": 1, "tts.failed": 1}
        assert not result.judged.count


# -- a media understanding attempt its fallback healed (m53, after the h54 review) -------------------------------------

ATTEMPT_FAILED = "audio understanding failed: AbortError: This operation was aborted"


def _summary(ok: int, total: int, reason: str = " reason=AbortError", capability: str = "audio") -> str:
    # src/media-understanding/runner.ts runCapability's verbose "Media understanding " + formatDecisionSummary: the
    # reason is the first attempt's, up to its first colon
    return f"Media understanding {capability}: success ({ok}/{total}) via openai/gpt-4o-mini-transcribe{reason}"


def _media_pastes(tmp_path: Path, lines: list[str], attempt_level: str = "WARN") -> list[Path]:
    """The lines a second apart as a console paste (timed, no tag, no level), pasted bare, and as a gateway file (the
    summary at DEBUG as logVerbose writes it; the attempt at ``attempt_level``, a level that counts it)."""
    console, bare, jsonl = (tmp_path / name for name in ("console.log", "bare.log", "openclaw-2026-11-20.log"))
    console.write_text("".join(f"2026-11-20T10:00:0{i}.000Z {line}\n" for i, line in enumerate(lines)), encoding="utf-8")
    bare.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    jsonl.write_text("".join(tslog_line(f"2026-11-20T10:00:0{i}.000Z", "gateway", line,
                                        attempt_level if line.endswith("aborted") else "DEBUG") + "\n"
                             for i, line in enumerate(lines)), encoding="utf-8")
    return [console, bare, jsonl]


def _media_results(tmp_path: Path, lines: list[str]) -> list:
    return [analyze([str(path)]) for path in _media_pastes(tmp_path, lines) for analyze in (analyze_paths, analyze_paths_fast)]


def test_a_media_understanding_attempt_its_fallback_healed_is_no_unexplained_fault(tmp_path: Path) -> None:
    # A transcription attempt that failed (its provider's deadline), then the runner's decision: the one voice note
    # understood (1/1), by the next entry, the failed attempt's reason carried. A fallback that worked, not a fault
    # left unexplained: the paste is an all-clear (the file's WARN attempt counts as judged, a warning the rules read)
    for result in _media_results(tmp_path, [ATTEMPT_FAILED, _summary(1, 1)]):
        assert not result.incidents and not result.episodes
        assert result.unexplained.count == 0
        assert result.judged.count <= 1 and set(result.judged.kinds) <= {"media.understanding_failed"}
    console = _media_pastes(tmp_path, [ATTEMPT_FAILED, _summary(1, 1)])[0]
    assert not analyze_paths([str(console)]).judged.count  # (an unlevelled line is no warning to name)
    # several attempts before the one that worked, and the image runner's own failure healed by its own summary
    lines = [ATTEMPT_FAILED, ATTEMPT_FAILED.replace("AbortError: This operation was aborted", "Error: Command failed: "
                                                    "whisper-cli -m /models/ggml-base.bin"), _summary(1, 1)]
    for result in _media_results(tmp_path, lines):
        assert result.unexplained.count == 0


def test_a_media_understanding_attempt_not_healed_stays_unexplained(tmp_path: Path) -> None:
    # One of two attachments understood (1/2): the failure may be the one lost. The attempt alone, a summary of another
    # capability, a clean summary with no reason (another attachment's decision: no attempt of its own failed), the
    # failed decision's warn: each leaves the attempt a fault no rule explains, as before
    for lines in ([ATTEMPT_FAILED, _summary(1, 2)], [ATTEMPT_FAILED], [ATTEMPT_FAILED, _summary(1, 1, capability="image")],
                  [ATTEMPT_FAILED, _summary(1, 1, reason="")]):
        for result in _media_results(tmp_path, lines):
            assert not result.incidents and not result.episodes
            assert result.unexplained.count == 1 and result.unexplained.kinds == {"media.understanding_failed": 1}, lines
    decided = tmp_path / "decided.log"
    decided.write_text("".join(tslog_line(f"2026-11-20T10:00:0{i}.000Z", sub, msg, level) + "\n" for i, (sub, level, msg)
                               in enumerate([("gateway", "WARN", ATTEMPT_FAILED),
                                             ("media-understanding", "WARN", "audio: failed (0/1) reason=AbortError"),
                                             ("gateway", "DEBUG", _summary(1, 1))])), encoding="utf-8")
    for analyze in (analyze_paths, analyze_paths_fast):
        assert analyze([str(decided)]).unexplained.kinds == {"media.understanding_failed": 2}


def test_a_media_understanding_success_long_after_the_attempt_heals_nothing(tmp_path: Path) -> None:
    # Past the heal window (an attempt is bounded by 60 s, 120 s for video) the summary is another decision's
    paste = tmp_path / "late.log"
    paste.write_text(f"2026-11-20T10:00:00.000Z {ATTEMPT_FAILED}\n2026-11-20T10:09:00.000Z {_summary(1, 1)}\n",
                     encoding="utf-8")
    for analyze in (analyze_paths, analyze_paths_fast):
        assert analyze([str(paste)]).unexplained.count == 1
    # (a summary timed before the attempt, read out of order, does not heal it)
    early = tmp_path / "early.log"
    early.write_text(f"2026-11-20T10:00:05.000Z {ATTEMPT_FAILED}\n2026-11-20T10:00:01.000Z {_summary(1, 1)}\n",
                     encoding="utf-8")
    assert analyze_paths([str(early)]).unexplained.count == 1


def test_a_healthy_media_understanding_summary_alone_is_quiet(tmp_path: Path) -> None:
    for lines in ([_summary(1, 1, reason="")], [_summary(1, 1)], [_summary(1, 2, reason=" reason=Command failed")]):
        for result in _media_results(tmp_path, lines):
            assert not result.incidents and not result.episodes
            assert result.unexplained.count == 0 and result.judged.count == 0


def test_held_media_attempts_are_bounded_per_capability() -> None:
    from stuckscan.unexplained import MAX_PENDING_PER_KEY, FallbackHeals

    unexplained, judged = UnexplainedCollector(), UnexplainedCollector()
    heals = FallbackHeals(unexplained, judged)
    for line in range(1, 101):
        event = Event("a.log", line, None, None, None, "media.understanding_failed", ATTEMPT_FAILED, "console",
                      fields={"capability": "audio", "outcome": "failed", "error": "AbortError"})
        heals.see(event)
        assert heals.hold(event)
    assert sum(len(held) for held in heals.pending.values()) == MAX_PENDING_PER_KEY
    assert unexplained.count == 100 - MAX_PENDING_PER_KEY
    heals.flush()
    assert unexplained.count == 100 and not heals.pending


def test_a_bare_undici_fetch_failure_ending_the_process_is_an_unjudged_crash(tmp_path: Path) -> None:
    # p54, field policy "bare undici fetch failure as an unhandled rejection": the guard exits after
    # "Unhandled promise rejection:", but undici's bare "fetch failed" names no channel: a crash no rule judges
    lines = [("clawdbot", "ERROR", "Unhandled promise rejection: TypeError: fetch failed")]
    for result in _analyzed_both_ways(tmp_path, lines):
        assert not result.incidents and not result.episodes
        assert result.unexplained.count == 1 and set(result.unexplained.kinds) == {"gateway.crashed"}


def test_the_guards_untagged_exit_line_is_an_openclaw_crash_no_rule_explains(tmp_path: Path) -> None:
    # f61 (f5999): "Unhandled promise rejection: <err>" pasted without its "[openclaw]" tag is still the process guard's
    # exit-path line (src/infra/unhandled-rejections.ts): the input is an OpenClaw log and the crash a fault no rule
    # explains, as the tagged line is (field policy "core-only crash on the exit path")
    for text in ("Unhandled promise rejection: Error: EMFILE: too many open files, watch "
                 "'/home/u/.openclaw/workspace/MEMORY.md'",
                 "Uncaught exception: Error: write EPIPE\n    at afterWriteDispatched "
                 "(node:internal/stream_base_commons:159:15)"):
        log = tmp_path / "paste.log"
        log.write_text(text + "\n", encoding="utf-8")
        for analyze in (analyze_paths, analyze_paths_fast):
            result = analyze([str(log)])
            assert result.unexplained.count == 1 and not result.episodes, (analyze, text)
        code, output = _scan(log)
        assert "no OpenClaw log lines recognised" not in output
        assert "Unexplained fault lines" in output and "not an all-clear" in output, output
    # the untagged continuing twin is no fault, as its tagged line is not
    log = tmp_path / "nonfatal.log"
    log.write_text("Non-fatal uncaught exception (continuing): Error: write EPIPE\n", encoding="utf-8")
    assert analyze_paths([str(log)]).unexplained.count == 0


def test_prose_quoting_the_guards_words_is_no_openclaw_line(tmp_path: Path) -> None:
    # a sentence holding the words mid-line, and Node's own print of the error, are no guard line: nothing shows the
    # input is an OpenClaw log
    log = tmp_path / "notes.log"
    log.write_text("After the update I see Unhandled promise rejection: Error: EMFILE in the terminal\n"
                   "Error: EMFILE: too many open files, watch '/home/u/.openclaw/workspace/MEMORY.md'\n"
                   "    at FSWatcher.<computed> (node:internal/fs/watchers:247:19)\n", encoding="utf-8")
    code, output = _scan(log)
    assert "no OpenClaw log lines recognised" in output


def test_an_empty_result_over_the_guards_exit_line_says_the_process_exited(tmp_path: Path) -> None:
    # The guard writes "Unhandled promise rejection:" / "Uncaught exception:" only before ending the process with status
    # 1 (policies "core-only crash on the exit path", "bare undici fetch failure ..."): the note over such a line says a
    # crash ended the process, tagged, untagged or as a JSONL record; a non-fatal twin and an ordinary error do not.
    record = json.dumps({"0": json.dumps({"subsystem": "openclaw"}), "1": "Uncaught exception: Error: write EPIPE",
                         "_meta": {"logLevelName": "ERROR", "date": "2026-02-01T10:00:00.000Z"},
                         "time": "2026-02-01T10:00:00.000Z"})
    for name, text in (("tagged.log", "[openclaw] Unhandled promise rejection: TypeError: fetch failed"),
                       ("untagged.log", "Unhandled promise rejection: Error: EMFILE: too many open files, watch 'x'"),
                       ("record.log", record)):
        log = tmp_path / name
        log.write_text(text + "\n", encoding="utf-8")
        output = " ".join(_scan(log)[1].split())  # (the text report wraps its lines)
        assert "not an all-clear" in output and "a crash: the OpenClaw process" in output, (name, output)
    for name, text in (("nonfatal.log", "[openclaw] Non-fatal unhandled rejection (continuing): TypeError: fetch failed"),
                       ("error.log", "2026-02-01T10:00:00.000Z [gateway] error: config reload failed: EACCES")):
        log = tmp_path / name
        log.write_text(text + "\n", encoding="utf-8")
        output = " ".join(_scan(log)[1].split())
        assert "a crash: the OpenClaw process" not in output, (name, output)


def test_the_guards_exit_line_is_a_fault_whatever_its_errors_words(tmp_path: Path) -> None:
    # h60: a timestamped console line (no level) is a fault only with a fault word, and "Unhandled promise rejection:
    # TypeError: Cannot read properties of undefined (reading 'id')" has none ("TypeError" is no word "error"): the scan
    # gave an all-clear over a crash loop. The guard's line ends the process whatever its error says.
    crash = "Unhandled promise rejection: TypeError: Cannot read properties of undefined (reading 'id')"
    assert looks_like_fault(_event(crash, None)) and looks_like_fault(_event(f"[openclaw] {crash}", None))
    assert looks_like_fault(_event("Uncaught exception: RangeError: Maximum call stack size exceeded", None))
    lines = [f"2026-04-10T10:{i:02d}:00.000Z [gateway] listening on ws://127.0.0.1:18789 (PID {4000 + i})\n"
             f"2026-04-10T10:{i:02d}:03.000Z [openclaw] {crash}\n" for i in range(50)]
    log = tmp_path / "crashloop.log"
    log.write_text("".join(lines), encoding="utf-8")
    code, output = _scan(log)
    text = " ".join(output.split())
    assert code == 0 and "not an all-clear" in text and "50 lines report a fault" in text
    assert "50 of them are each a crash: the OpenClaw process" in text
    # the JSON report's explanation says the same
    report = json.loads(_scan(log, "--format", "json")[1])
    (note,) = report["summary"]["explanations"]
    assert note.startswith("50 lines report a fault") and "50 of them are each a crash" in note
    # the same words with no fault word in a non-fatal twin's line, or an info line, stay quiet
    assert not looks_like_fault(_event("Non-fatal unhandled rejection (continuing): AbortError: This operation was aborted"
                                       .replace("aborted", "stopped"), None))
    assert not looks_like_fault(_event(crash, "info"))
