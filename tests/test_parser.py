"""Every line shape and every message family of the format reference, parsed."""

from __future__ import annotations

import gzip
import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stuckscan._time import parse_tz
from stuckscan.families import KINDS
from stuckscan.inputs import RawLine, iter_raw_lines
from stuckscan.parser import ParseOptions, ParseStats, parse_lines, parse_path, parse_text_lines
from tests.conftest import tslog_line

UTC = timezone.utc
SID = "0829a221-a12c-49cb-9a64-42c2fc1a89ea"
KEY = "agent:main:telegram:direct:7012345678"
# (t53b) the one service the Bonjour advertiser describes in its lines (extensions/bonjour/src/advertiser.ts)
BONJOUR_SERVICE = "gateway fqdn=mac (OpenClaw)._openclaw-gw._tcp.local. host=mac.local. port=18789"


def one(line: str, source: str = "openclaw-2026-05-21.log", **options: object):
    events = parse_text_lines([line], source, ParseOptions(**options))  # type: ignore[arg-type]
    assert len(events) == 1
    return events[0]


# -- shapes -------------------------------------------------------------------------------


def test_jsonl_subsystem_record_with_meta() -> None:
    line = tslog_line("2026-05-21T18:46:43.120+08:00", "diagnostic",
                      f"stalled session: sessionId={SID} sessionKey={KEY} state=processing age=757s queueDepth=1 "
                      "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=embedded_run "
                      "lastProgress=model_call:ended lastProgressAge=664s recovery=checking",
                      level="WARN")
    event = one(line)
    assert event.shape == "jsonl"
    assert event.kind == "session.stalled"
    assert event.level == "warn"
    assert event.subsystem == "diagnostic"
    assert event.time == datetime(2026, 5, 21, 10, 46, 43, 120000, tzinfo=UTC)
    assert event.fields["sessionId"] == SID
    assert event.fields["classification"] == "stalled_agent_run"
    assert event.fields["activeWorkKind"] == "embedded_run"
    assert event.seconds["lastProgressAge"] == 664


def test_jsonl_meta_object_fields_are_kept() -> None:
    meta = {"cause": "handshake-timeout", "handshake": "failed", "durationMs": 465554, "handshakeMs": 10000,
            "remoteAddr": "127.0.0.1", "remotePort": 53122}
    line = tslog_line("2026-05-21T18:47:51.002+08:00", "gateway/ws",
                      "closed before connect conn=c0a236c7-496c-487a-a839-7442c721e3e7 remote=127.0.0.1 fwd=n/a "
                      "origin=n/a host=127.0.0.1:18789 ua=n/a code=1008 reason=connect failed", level="WARN", meta=meta)
    event = one(line)
    assert event.kind == "ws.closed_before_connect"
    assert event.fields["code"] == 1008
    assert event.fields["reason"] == "connect failed"
    assert event.fields["cause"] == "handshake-timeout"
    assert event.fields["durationMs"] == 465554 and event.seconds["durationMs"] == 465.554
    assert event.fields["handshakeMs"] == 10000
    assert event.meta == meta


def test_root_logger_line_has_text_in_zero() -> None:
    line = tslog_line("2026-05-21T18:48:24.310+08:00", None, "gateway connect failed: Error: gateway request timeout for connect",
                      level="ERROR")
    event = one(line)
    assert event.kind == "gateway.connect_failed"
    assert event.subsystem is None
    assert event.fields["requestTimeoutMethod"] == "connect"


def test_root_console_capture_with_subsystem_prefix_and_ansi() -> None:
    line = tslog_line("2026-05-21T09:00:00.000+08:00", None,
                      "[tools] \u001b[31mbrowser failed: timed out. Restart the OpenClaw gateway\u001b[39m", level="ERROR")
    event = one(line)
    assert event.subsystem == "tools"
    assert "\x1b" not in event.message
    assert event.kind == "tools.browser_failed"


def test_gateway_ws_ansi_traffic_line() -> None:
    text = ("\u001b[93m⇄\u001b[39m \u001b[1mres\u001b[22m \u001b[92m✓\u001b[39m \u001b[1mchannels.status\u001b[22m "
            "\u001b[2m1685ms\u001b[22m \u001b[2mconn\u001b[22m=\u001b[90m8f800c79…b8f9\u001b[39m")
    event = one(tslog_line("2026-02-28T07:41:39.459Z", "gateway/ws", text))
    assert event.kind == "ws.response"
    assert event.fields["method"] == "channels.status"
    assert event.seconds["durationMs"] == 1.685


def test_colour_codes_around_a_whole_pasted_line_are_no_part_of_it() -> None:
    from stuckscan.parser import parse_text_lines
    grey, reset = "\x1b[90m", "\x1b[39m"
    record = tslog_line("2026-03-14T01:19:51.053Z", "gateway/ws", "handshake timeout conn=1bf8fcf9 remote=127.0.0.1")
    for line in (f"{grey}{record}{reset}", f"{grey}- `2026-03-14T01:19:51Z [ws] handshake timeout conn=1bf8 remote=::1`{reset}"):
        (event,) = parse_text_lines([line])
        assert event.kind == "ws.handshake_timeout" and event.time is not None and "\x1b" not in event.message, line
    # a coloured continuation keeps its indent: it still joins the line above
    lines = ["2026-08-03T18:17:07.175+08:00 [diagnostic] lane task error:",
             f"{grey}  lane=main durationMs=60266 error=\"Error: boom\"{reset}"]
    (joined,) = parse_text_lines(lines)
    assert joined.kind == "lane.task_error" and joined.fields["durationMs"] == 60266


def test_colour_codes_whose_escape_byte_a_copy_lost_are_no_part_of_the_line() -> None:
    from stuckscan.parser import parse_text_lines
    # as a copy left them (f4197): the escape byte gone, a space before each closing code
    line = ("[90m2026-05-01T00:22:03.884+00:00 [39m [36m[ws] [39m [36m⇄ res ✓ chat.send 20ms "
            "runId=1d498deb-d592-422a-a467-366c53ec1f47 [39m")
    (event,) = parse_text_lines([line])
    assert event.kind == "ws.response" and event.time is not None and event.fields["method"] == "chat.send"
    assert "[39m" not in event.message and "[36m" not in event.message
    # a bracketed code inside a message that does not open with one is the message's own text
    (plain,) = parse_text_lines(["2026-05-01T00:22:03.884+00:00 [ws] note [1m left alone"])
    assert "[1m" in plain.message


def test_newer_build_top_level_message_and_session_id() -> None:
    record = json.loads(tslog_line("2026-07-01T10:00:00.000+02:00", "diagnostic", "stalled session: ignored"))
    record["message"] = f"stalled session: sessionId={SID} state=processing age=150s queueDepth=0"
    record["hostname"] = "host1"
    record["session_id"] = KEY
    event = one(json.dumps(record))
    assert event.fields["age"] == 150
    assert event.fields["sessionId"] == SID
    assert event.time == datetime(2026, 7, 1, 8, 0, tzinfo=UTC)


def test_record_without_meta_size_cap_line() -> None:
    line = ('{"time":"2026-04-02T23:59:01.000+02:00","level":"warn","subsystem":"logging","message":'
            '"log file size cap reached; suppressing writes file=/tmp/openclaw/openclaw-2026-04-02.log maxFileBytes=524288000"}')
    event = one(line)
    assert event.kind == "logging.size_cap"
    assert event.fields["maxFileBytes"] == 524288000
    assert event.level == "warn"


def test_model_fallback_meta_object_record() -> None:
    # The meta object of src/agents/model-fallback-observation.ts (abridged).
    meta = {"event": "model_fallback_decision", "tags": ["error_handling", "model_fallback", "candidate_failed"],
            "runId": "r-1", "decision": "candidate_failed", "requestedProvider": "anthropic",
            "requestedModel": "claude-sonnet-4-5", "candidateProvider": "anthropic", "candidateModel": "claude-sonnet-4-5",
            "attempt": 1, "total": 2, "reason": "timeout",
            "errorPreview": "session file locked (timeout 10000ms): pid=51234", "nextCandidateProvider": "openai",
            "nextCandidateModel": "gpt-5.1", "isPrimary": True,
            "consoleMessage": "model fallback decision: decision=candidate_failed requested=anthropic/claude-sonnet-4-5 "
                              "candidate=anthropic/claude-sonnet-4-5 reason=timeout next=openai/gpt-5.1"}
    event = one(tslog_line("2026-03-15T14:54:36.539+00:00", "model-fallback/decision", "model fallback decision",
                           level="WARN", meta=meta))
    assert event.kind == "model.fallback_decision"
    assert event.fields["decision"] == "candidate_failed"
    assert event.fields["runId"] == "r-1"
    assert event.fields["candidateModel"] == "claude-sonnet-4-5"
    assert event.fields["reason"] == "timeout"


def test_fetch_timeout_file_record_keeps_the_timer_delay_in_meta() -> None:
    # The file form of src/utils/fetch-timeout.ts: the starvation hint is in the meta object, not the message,
    # so the event is a fetch.timeout that carries timerDelayMs (its console text is a timer.delayed line).
    meta = {"timeoutMs": 2500, "elapsedMs": 9179, "timerDelayMs": 6679,
            "eventLoopDelayHint": "timer delayed 6679ms, likely event-loop starvation",
            "consoleMessage": "fetch timeout after 2500ms (elapsed 9179ms) timer delayed 6679ms, likely event-loop "
                              "starvation operation=fetchWithTimeout", "operation": "fetchWithTimeout"}
    event = one(tslog_line("2026-05-17T16:52:32.205+00:00", "fetch-timeout", "fetch timeout reached; aborting operation",
                           level="WARN", meta=meta))
    assert event.kind == "fetch.timeout"
    assert event.fields["timerDelayMs"] == 6679


def test_cli_backend_lines_name_the_backend() -> None:
    # src/agents/cli-runner/execute.ts and claude-live-session.ts (agent/cli-backend): a session on a CLI backend.
    cases = (
        ("cli exec: provider=claude-cli model=claude-opus-4-6 promptChars=1412", "cli.exec", None),
        ("claude live session turn: provider=claude-cli model=claude-opus-4-6 durationMs=41302 rawLines=88",
         "cli.live_session", "turn"),
        ("claude live session close: provider=claude-cli model=claude-opus-4-6 reason=abort", "cli.live_session", "close"),
        ("claude live session reuse: provider=claude-cli model=claude-opus-4-7", "cli.live_session", "reuse"),
        ("cli turn: provider=claude-cli model=claude-sonnet-5 durationMs=380599 outBytes=70412", "cli.turn", None),
        ("claude live session turn failed: provider=claude-cli model=claude-sonnet-5 durationMs=254530 "
         "error=FailoverError", "cli.turn_failed", None),
    )
    for text, kind, stage in cases:
        event = one(tslog_line("2026-05-26T10:00:03.600-07:00", "agent/cli-backend", text))
        assert (event.kind, event.subsystem, event.fields.get("stage")) == (kind, "agent/cli-backend", stage), text
        assert event.fields["provider"] == "claude-cli"
    failed = one(tslog_line("2026-05-26T10:00:03.600-07:00", "agent/cli-backend", cases[-1][0]))
    assert failed.seconds["durationMs"] == 254.53 and failed.fields["error"] == "FailoverError"


def test_console_compact_line() -> None:
    event = one("2026-05-25T13:42:41.636+00:00 [diagnostic] lane wait exceeded: lane=main waitedMs=181469 "
                "queueAhead=0 activeAhead=6 activeNow=5 queueBehind=1")
    assert event.shape == "console"
    assert event.kind == "lane.wait_exceeded"
    assert event.level == "warn"  # console lines carry no level: the family's default
    assert event.fields["activeAhead"] == 6


def test_console_tag_maps_back_to_subsystem() -> None:
    event = one("08:29:16+01:00 [ws] closed before connect conn=0cf5dd74-651b-4f1d-81c4-0f77fb88cf41 remote=127.0.0.1 "
                "fwd=n/a origin=n/a host=127.0.0.1:18789 ua=n/a code=1006 reason=n/a", source="gateway.log",
                date=date(2026, 4, 3))
    assert event.subsystem == "gateway/ws"
    assert event.time == datetime(2026, 4, 3, 7, 29, 16, tzinfo=UTC)
    assert event.fields["reason"] is None


def test_gateway_tag_written_as_a_bare_word_before_a_lifecycle_message() -> None:
    # A table cell quoting "[gateway] signal SIGTERM received" without its brackets, the cells pasted one a line (f796).
    lines = ["| Time (EDT) |", "Event |", "| 09:20:25 |", "gateway signal SIGTERM received (from the in-progress update) |"]
    events = parse_text_lines(lines, "timeline.md", ParseOptions(date=date(2026, 4, 24)))
    signal = events[-1]
    assert signal.kind == "gateway.signal"
    assert signal.fields["signal"] == "SIGTERM"
    assert signal.time is not None and (signal.time.hour, signal.time.minute) == (9, 20)
    assert one("gateway received SIGTERM; shutting down").kind == "gateway.signal_action"


def test_bare_gateway_word_before_other_wording_reads_nothing() -> None:
    # Only the gateway's lifecycle families follow the bare word: prose, and another family's wording, stay as they are.
    assert one("gateway restarts on 2026.4.22").kind == "generic"
    assert one("gateway lane wait exceeded: lane=main waitedMs=181469 queueAhead=0").kind == "generic"
    assert one("Gateway restarts on 2026.4.22").kind == "generic"


def test_pretty_time_only_uses_file_date_and_tz_option() -> None:
    event = one("23:20:10  [diagnostic] stuck session: age=138s queueDepth=1", source="openclaw-2026-03-01.log",
                tz=parse_tz("Asia/Shanghai"))
    assert event.kind == "session.stuck"
    assert event.time == datetime(2026, 3, 1, 15, 20, 10, tzinfo=UTC)


def test_time_only_sequence_crosses_midnight() -> None:
    events = parse_text_lines(["23:59:30 [gateway] agent model: openai/gpt-5", "00:00:05 [gateway] log file: /tmp/x.log"],
                              "openclaw-2026-05-21.log", ParseOptions(tz=UTC))
    assert events[0].time == datetime(2026, 5, 21, 23, 59, 30, tzinfo=UTC)
    assert events[1].time == datetime(2026, 5, 22, 0, 0, 5, tzinfo=UTC)


def test_journald_prefix_syslog_and_iso() -> None:
    events = parse_text_lines([
        "May 21 18:41:29 mbp openclaw-gateway[5076]: 2026-05-21T18:41:29.537+08:00 [diagnostic] stalled session: "
        f"sessionId={SID} age=443s",
        "May 21 18:41:30 mbp openclaw-gateway[5076]: listening on ws://127.0.0.1:18789, ws://[::1]:18789 (PID 5076)",
    ], "journal.txt", ParseOptions(date=date(2026, 5, 21), tz=parse_tz("+08:00")))
    assert events[0].shape == "journald+console" and events[0].kind == "session.stalled"
    assert events[0].time == datetime(2026, 5, 21, 10, 41, 29, 537000, tzinfo=UTC)
    assert events[1].kind == "gateway.listening" and events[1].fields["pid"] == 5076
    assert events[1].time == datetime(2026, 5, 21, 10, 41, 30, tzinfo=UTC)


def test_openclaw_logs_plain_and_pretty_with_binding_prefix() -> None:
    plain = one("2026-05-09T10:03:23.234Z warn diagnostic stuck session: sessionId=blane-1234 sessionKey=agent:main:main "
                "state=processing age=121s queueDepth=0 reason=processing_without_queue recovery=checking")
    assert plain.shape == "logs-plain" and plain.level == "warn" and plain.kind == "session.stuck"
    pretty = one('01:56:45 error diagnostic {"subsystem":"diagnostic"} lane task error: lane=main durationMs=1604 '
                 'error="FailoverError: HTTP 401: User not found."', tz=UTC)
    assert pretty.shape == "logs-pretty" and pretty.kind == "lane.task_error"
    assert pretty.subsystem == "diagnostic" and pretty.level == "error"
    assert pretty.message.startswith("lane task error")


def test_openclaw_logs_json_objects() -> None:
    events = parse_text_lines([
        '{"type":"meta","file":"/tmp/openclaw/openclaw-2026-05-21.log","cursor":0,"size":1024}',
        '{"type":"log","time":"2026-05-21T10:41:29.000Z","level":"warn","subsystem":"diagnostic","message":"stalled session: sessionId=abc-123456 age=443s","raw":"{}"}',
        '{"type":"notice","message":"log tail truncated"}',
        '{"type":"raw","raw":"18:41:29 [diagnostic] heartbeat: webhooks=1/1/0 active=1 waiting=0 queued=1"}',
    ], "openclaw-2026-05-21.log", ParseOptions(tz=parse_tz("+08:00")))
    assert [e.kind for e in events] == ["generic", "session.stalled", "generic", "heartbeat"]
    assert events[1].shape == "logs-json"
    assert events[3].fields["webhooksReceived"] == 1 and events[3].fields["queued"] == 1


def test_pasted_snippet_wrapped_key_values_are_joined() -> None:
    events = parse_text_lines([
        "  stalled session: sessionId=wedged-session-1 sessionKey=agent:main:main state=processing",
        "    age=150s queueDepth=0 reason=blocked_tool_call classification=blocked_tool_call",
        "    activeWorkKind=tool_call lastProgress=tool:bash:started activeTool=bash recovery=none",
        "then it just hung",
    ], "paste.txt")
    assert [e.kind for e in events] == ["session.stalled", "generic"]
    assert events[0].fields["activeTool"] == "bash" and events[0].fields["age"] == 150
    assert events[0].time is None and events[1].line == 4


def test_broken_json_is_counted_as_unparsed_not_dropped() -> None:
    stats = ParseStats()
    raw = [RawLine(1, b'{"0":"{\\"subsystem\\":\\"diagnostic\\"}","1":"lane enq'), RawLine(2, b"[1,2,3]"), RawLine(3, b"")]
    events = list(parse_lines(raw, "x.log", ParseOptions(), stats))
    assert [e.kind for e in events] == ["unparsed", "unparsed"]
    assert stats.unparsed == 2 and stats.blank == 1 and stats.lines == 3
    assert stats.unparsed_examples == ["x.log:1", "x.log:2"]


def test_wrong_types_in_a_record_do_not_raise() -> None:
    event = one('{"0":"{\\"subsystem\\":\\"gateway\\"}","1":42,"_meta":"oops","time":null}')
    assert event.message == "42" and event.time is None


# -- families (format reference sections 2.1 to 2.9) ---------------------------------------

FAMILY_LINES: list[tuple[str, str, dict[str, object]]] = [
    ("stuck session: sessionId=s-000001 sessionKey=agent:main:main state=processing age=138s queueDepth=1",
     "session.stuck", {"age": 138}),
    ("long-running session: sessionId=s-000001 sessionKey=agent:main:main state=processing age=130s queueDepth=1 "
     "reason=active_model_call_without_progress classification=long_running activeWorkKind=model_call recovery=none",
     "session.long_running", {"classification": "long_running"}),
    ("stuck session recovery: sessionId=queued-reply-session sessionKey=agent:main:main age=720s "
     "action=abort_embedded_run aborted=true drained=true released=1", "recovery.action", {"released": 1, "aborted": True}),
    ("stuck session recovery outcome: status=aborted action=abort_embedded_run sessionId=q-session sessionKey=agent:main:main "
     "activeSessionId=q-session activeWorkKind=embedded_run lane=session:agent:main:main aborted=true drained=true "
     "forceCleared=false released=1", "recovery.outcome", {"status": "aborted", "laneSessionKey": "agent:main:main"}),
    ("stuck session recovery skipped: sessionId=s-1 sessionKey=agent:main:main age=150s queueDepth=1 laneActive=1",
     "recovery.skipped", {"laneActive": 1}),
    # The recovery runtime's first build worded its skips (debug; diagnostic-stuck-session-recovery.runtime.ts).
    ("stuck session recovery skipped active abort: sessionId=s-1 sessionKey=agent:main:main age=130s queueDepth=1",
     "recovery.skipped", {"reason": "active_embedded_run", "age": 130, "queueDepth": 1}),
    ("stuck session recovery skipped lane reset: active reply work sessionId=s-1 sessionKey=agent:main:main age=130s "
     "queueDepth=1", "recovery.skipped", {"reason": "active_reply_work", "queueDepth": 1}),
    ("stuck session recovery skipped lane reset: active lane task lane=session:agent:main:main active=1 queued=2 "
     "sessionId=s-1 sessionKey=agent:main:main age=130s", "recovery.skipped",
     {"reason": "active_lane_task", "lane": "session:agent:main:main", "age": 130}),
    ("stuck session recovery no-op: reason=no_active_work action=none sessionId=s-1", "recovery.noop", {"action": "none"}),
    ("stuck session recovery reclaiming stale active run: sessionId=s-1 sessionKey=agent:main:main age=400s",
     "recovery.reclaiming", {"target": "run"}),
    ("stuck session recovery failed: sessionId=s-1 sessionKey=agent:main:main err=Error: boom", "recovery.failed",
     {"err": "Error: boom"}),
    ("stuck session recovery unavailable: Error: Cannot find module", "recovery.unavailable",
     {"error": "Error: Cannot find module"}),
    ("embedded abort settle timed out: runId=8e8e44d6 sessionId=s-1 timeoutMs=2000", "abort.settle_timeout",
     {"runner": "embedded", "timeoutMs": 2000}),
    ("sessions_yield abort settle timed out: runId=r1 sessionId=s-1 timeoutMs=2000", "abort.settle_timeout",
     {"runner": "sessions_yield"}),
    ("embedded abort settle failed: runId=r1 sessionId=s-1 err=AbortError", "abort.settle_failed", {"err": "AbortError"}),
    ("liveness warning: reasons=event_loop_delay interval=30s eventLoopDelayP99Ms=88.1 eventLoopDelayMaxMs=2485.1 "
     "eventLoopUtilization=0.213 cpuCoreRatio=0.237 active=1 waiting=0 queued=1 phase=channels.telegram.start-account",
     "liveness.warning", {"eventLoopDelayMaxMs": 2485.1, "phase": "channels.telegram.start-account"}),
    ("liveness heartbeat delayed: overdue=4210ms elapsed=34210ms; deferring recovery decisions",
     "liveness.heartbeat_delayed", {"overdue": 4210}),
    ("memory pressure: level=critical reason=rss_threshold rss=3.1GB heap=1.2GB rssBytes=3328599654 heapUsedBytes=1288490188",
     "memory.pressure", {"level": "critical"}),
    ('session state: sessionId=s-1 sessionKey=agent:main:main prev=processing new=idle reason="run_completed" queueDepth=0',
     "session.state", {"new": "idle", "reason": "run_completed"}),
    ("message queued: sessionId=s-1 sessionKey=agent:main:main source=telegram queueDepth=1 sessionState=processing",
     "message.queued", {"queueDepth": 1}),
    ("message processed: channel=telegram chatId=7012345678 messageId=991 sessionId=s-1 sessionKey=agent:main:main "
     "outcome=completed duration=5230ms", "message.processed", {"outcome": "completed", "chatId": "7012345678"}),
    ("lane enqueue: lane=session:agent:main:main queueSize=1", "lane.enqueue", {"queueSize": 1}),
    ("lane enqueue: lane=cron queueSize=3", "lane.enqueue_shared", {"queueSize": 3, "lane": "cron"}),
    ("Compaction failed: timed out waiting for codex app-server compaction for thr_1 \u2022 Context 158k/200k (79%)",
     "compaction.timeout", {"threadId": "thr_1"}),
    ("session file lock stale (orphan-self-pid): pid=22144 alive=true", "lock.stale", {"lockPid": 22144, "lockPidAlive": True, "reasons": "orphan-self-pid"}),
    ("lane dequeue: lane=session:agent:main:main waitMs=3 queueSize=0", "lane.dequeue", {"waitMs": 3}),
    ("lane task done: lane=session:agent:main:main durationMs=5230 active=0 queued=0", "lane.task_done", {"active": 0}),
    ('lane task error: lane=session:agent:main:openclaw-weixin:direct:o9cq80z9@im.wechat durationMs=10663 '
     'error="Error: session file locked (timeout 10000ms): pid=4892 /home/summer/.openclaw/agents/main/sessions/'
     '660fdda8-e8a8-44ab-bf1d-facb7e2a8952.jsonl.lock"', "lane.task_error",
     {"lockPid": 4892, "lockTimeoutMs": 10000, "lockSessionId": "660fdda8-e8a8-44ab-bf1d-facb7e2a8952"}),
    ('lane task interrupted: lane=main durationMs=100 reason="gateway restart"', "lane.task_interrupted",
     {"reason": "gateway restart"}),
    ("drainLane blocked: lane=main draining=true active=0 queue=3", "lane.drain_blocked", {"queue": 3}),
    ("embedded run start: runId=02481a75 sessionId=5ea4e9df provider=vllm model=Qwen/Qwen3-14B thinking=off "
     "messageChannel=webchat", "embedded.run_start", {"model": "Qwen/Qwen3-14B"}),
    ("embedded run prompt start: runId=r1 sessionId=s1", "embedded.prompt_start", {"runId": "r1"}),
    ("embedded run prompt end: runId=r1 sessionId=s1 durationMs=5000", "embedded.prompt_end", {"durationMs": 5000}),
    ("embedded run agent start: runId=r1", "embedded.agent_start", {"runId": "r1"}),
    ("embedded run agent end: runId=r1 isError=true error=400 status code (no body)", "embedded.agent_end",
     {"isError": True}),
    ("embedded run done: runId=r1 sessionId=s1 durationMs=9000 aborted=false", "embedded.run_done", {"aborted": False}),
    ("embedded run timeout: runId=r1 sessionId=s1 timeoutMs=600000", "embedded.timeout", {"timeoutMs": 600000}),
    ("embedded run timeout after compaction grace: runId=r1 sessionId=s1 timeoutMs=600000 compactionGraceMs=60000",
     "embedded.timeout", {"compactionGraceMs": 60000}),
    ("embedded run failover decision: runId=r1 stage=prompt decision=fallback reason=timeout from=openai/gpt-5 "
     "rawError=Request was aborted", "embedded.failover", {"reason": "timeout"}),
    ("embedded run tool start: runId=r1 tool=exec toolCallId=call_1", "embedded.tool_start", {"tool": "exec"}),
    ("embedded run tool end: runId=r1 tool=exec toolCallId=call_1", "embedded.tool_end", {"toolCallId": "call_1"}),
    ("embedded run compaction start: runId=r1", "embedded.compaction", {"stage": "start"}),
    ("run registered: sessionId=s1 totalActive=2", "run.registered", {"totalActive": 2}),
    ("run cleared: sessionId=s1 totalActive=1", "run.cleared", {"totalActive": 1}),
    ("run cleanup: runId=r1 sessionId=s1 aborted=true timedOut=true", "run.cleanup", {"timedOut": True}),
    ("aborting run: sessionId=s1", "run.aborting", {"sessionId": "s1"}),
    ("aborting compacting run: sessionId=s1", "run.aborting", {"sessionId": "s1", "abortMode": "compacting"}),
    ("abort failed: sessionId=s1 err=Error: not running", "run.abort_failed", {"err": "Error: not running"}),
    # runs.ts: an abort that found no run registered is no abort that failed to settle
    ("abort failed: sessionId=s1 reason=no_active_run", "run.abort_no_run", {"sessionId": "s1", "reason": "no_active_run"}),
    ("force-detached run: sessionId=s1 totalActive=0", "run.force_detached", {"sessionId": "s1", "totalActive": 0}),
    ("waiting for run end: sessionId=s1 timeoutMs=15000", "run.wait_start", {"timeoutMs": 15000}),
    ("queue message failed: sessionId=s1 reason=agent_stopped", "run.queue_failed", {"reason": "agent_stopped"}),
    ("run clear skipped: sessionId=s1 reason=handle_mismatch", "run.clear_skipped", {"reason": "handle_mismatch"}),
    ("wait timeout: sessionId=s1 timeoutMs=15000", "run.wait_timeout", {"timeoutMs": 15000}),
    ("removed stale session lock: /Users/lin/.openclaw/agents/main/sessions/da2660dc-ef9b-4fc8-9f25-9e4ace56307e.jsonl.lock "
     "(dead-pid)", "lock.stale_removed", {"reasons": "dead-pid", "lockSessionId": "da2660dc-ef9b-4fc8-9f25-9e4ace56307e"}),
    ("SessionWriteLockTimeoutError: session file locked (timeout 60000ms): pid=5076 alive=true ageMs=93000 "
     "/Users/lin/.openclaw/agents/main/sessions/s1.jsonl.lock", "lock.timeout",
     {"lockPid": 5076, "lockPidAlive": True, "lockAgeMs": 93000}),
    ("handshake timeout conn=c0a236c7-496c-487a-a839-7442c721e3e7 peer=127.0.0.1:53122 remote=127.0.0.1 phase=auth_validated",
     "ws.handshake_timeout", {"conn": "c0a236c7-496c-487a-a839-7442c721e3e7", "phase": "auth_validated"}),
    ("webchat connected conn=3f1a remote=127.0.0.1 client=openclaw-control-ui webchat v2026.5.18", "ws.webchat_connected",
     {"client": "openclaw-control-ui"}),
    ("webchat disconnected code=1001 reason=n/a conn=3f1a", "ws.webchat_disconnected", {"code": 1001}),
    ("node host gateway connect failed: gateway closed (1008): connect failed", "gateway.connect_failed",
     {"client": "node host "}),
    ("gateway closed (1006 abnormal closure (no close frame)): no close reason", "gateway.closed", {"code": 1006}),
    # src/gateway/transport-error.ts (the newest CLI): the paragraph under a close or timeout after the request went out.
    ("The request was already sent to the gateway, so the operation may have been applied even though no response "
     "arrived; its outcome is unknown.", "gateway.request_dispatched", {}),
    ("GatewayTransportError: gateway timeout after 10000ms", "gateway.timeout", {"timeoutMs": 10000}),
    ("Gateway agent failed; falling back to embedded: Error: gateway timeout after 90000ms", "gateway.timeout",
     {"timeoutMs": 90000, "cliFallback": "embedded"}),
    ("Gateway agent failed; falling back to embedded: Error: gateway closed (1006 abnormal closure (no close frame)): "
     "no close reason", "gateway.closed", {"code": 1006, "cliFallback": "embedded"}),
    ("listening on ws://127.0.0.1:18789, ws://[::1]:18789 (PID 5076)", "gateway.listening", {"pid": 5076}),
    ("ready (7 plugins: telegram, webchat; 2.4s)", "gateway.ready", {"plugins": 7}),
    ("signal SIGUSR1 received", "gateway.signal", {"signal": "SIGUSR1"}),
    ("provider auth state re-warmed (auth-profile-failure) in 162375ms eventLoopMax=22112.4ms", "auth.warmed",
     {"reason": "auth-profile-failure", "eventLoopMaxMs": 22112.4}),
    ("received SIGTERM; shutting down", "gateway.signal_action", {"action": "shutting down"}),
    ("restart mode: in-process restart (config change)", "gateway.restart_mode", {"mode": "in-process restart"}),
    ("restart mode: update process respawn (supervisor restart)", "gateway.restart_mode",
     {"mode": "update process respawn"}),
    ("draining 2 active task(s) and 1 active embedded run(s) before restart (timeout 30000ms)", "gateway.draining",
     {"tasks": 2, "runs": 1}),
    ("drain timeout reached; proceeding with restart", "gateway.drain_timeout", {}),
    # src/cli/gateway-cli/run-loop-drain.ts (the newest builds' drain, its counts as k=v)
    ("draining active work before stop with timeout 25000ms: embeddedRuns=1 chatRuns=1", "gateway.draining",
     {"stage": "draining", "action": "stop", "embeddedRuns": 1, "counts": "embeddedRuns=1 chatRuns=1"}),
    ("draining active work before external-restart without a timeout: pendingReplies=2", "gateway.draining",
     {"action": "external-restart", "drainBudget": "without a timeout", "pendingReplies": 2}),
    ("still draining active work before restart: embeddedRuns=2 queueSize=1", "gateway.draining",
     {"stage": "still draining", "action": "restart", "embeddedRuns": 2}),
    ("restart drain budget 300000ms exhausted; cutting short embeddedRuns=1 chatRuns=1", "gateway.drain_timeout",
     {"action": "restart", "embeddedRuns": 1, "counts": "embeddedRuns=1 chatRuns=1"}),
    ("gateway active-work drain timeout reached; proceeding with shutdown: embeddedRuns=1 cronRuns=1",
     "gateway.drain_timeout", {"limit": "timeout", "action": "shutdown", "embeddedRuns": 1, "cronRuns": 1}),
    ("gateway active-work drain failed; proceeding with shutdown: Error: snapshot failed", "gateway.drain_timeout",
     {"outcome": "failed", "action": "shutdown", "error": "Error: snapshot failed"}),
    ("active-work drain settled; beginning server close", "gateway.drained", {"stage": "settled"}),
    ("shutdown timed out; exiting without full cleanup", "gateway.shutdown_timeout", {}),
    ("[telegram:default] health-monitor: restarting (reason: stale-socket)", "health.restart",
     {"channel": "telegram", "reason": "stale-socket"}),
    ("started (interval: 300s, startup-grace: 60s, channel-connect-grace: 120s)", "health.started", {"startupGrace": 60}),
    # src/utils/fetch-timeout.ts: the console text (consoleMessage) and the file message.
    ("fetch timeout after 2500ms (elapsed 9179ms) timer delayed 6679ms, likely event-loop starvation "
     "operation=fetchWithTimeout url=https://registry.npmjs.org/openclaw/latest", "timer.delayed",
     {"delayMs": 6679, "timeoutMs": 2500, "elapsedMs": 9179, "operation": "fetchWithTimeout"}),
    ("fetch timeout after 2500ms (elapsed 2501ms) operation=fetchWithTimeout url=https://registry.npmjs.org/openclaw/latest",
     "fetch.timeout", {"timeoutMs": 2500, "elapsedMs": 2501, "operation": "fetchWithTimeout"}),
    ("fetch timeout reached; aborting operation", "fetch.timeout", {}),
    ("agent cleanup timed out: runId=r1 step=pi-trajectory-flush timeoutMs=10000", "agent.cleanup_timeout",
     {"step": "pi-trajectory-flush"}),
    ("polling ingress started for account default", "channel.polling_started", {}),
    ("[compaction-diag] end runId=r1 sessionKey=agent:main:telegram:direct:1629239187 diagId=cmp-mmr84zvo-RSOUrA "
     "trigger=overflow provider=openai/gpt-5 attempt=1 maxAttempts=3 outcome=failed reason=timeout durationMs=180012",
     "compaction.diag", {"stage": "end", "outcome": "failed", "reason": "timeout", "durationMs": 180012,
                         "sessionKey": "agent:main:telegram:direct:1629239187"}),
    ("[compaction-diag] decision diagId=cmp-mmr84zvo-RSOUrA branch=compact isCompactionFailure=false "
     "hasOversizedToolResults=unknown attempt=1 maxAttempts=3", "compaction.diag", {"stage": "decision", "branch": "compact"}),
    # src/agents/embedded-agent-subscribe.handlers.compaction.ts: a compaction end that did not complete.
    ("embedded run auto-compaction failed: runId=r1 reason=timeout", "compaction.timeout",
     {"runId": "r1", "reason": "timeout"}),
    ("embedded run auto-compaction failed: runId=r1 reason=unknown detail=summarizer crashed", "compaction.failed",
     {"runId": "r1", "error": "summarizer crashed"}),
    ("embedded run manual compaction failed: runId=r1 reason=provider_error_5xx", "compaction.failed",
     {"runId": "r1", "reason": "provider_error_5xx"}),
    ("embedded run auto-compaction failed", "compaction.failed", {}),
    # src/agents/pi-embedded-runner/compaction-circuit-breaker.ts
    ("[compaction-circuit-breaker] failure recorded: sessionKey=agent:main:main consecutiveFailures=3 cooldownMs=1200000",
     "compaction.failed", {"sessionKey": "agent:main:main", "consecutiveFailures": 3, "cooldownMs": 1200000}),
    # src/agents/pi-embedded-runner/run/abort-source-log.ts (OPENCLAW_LOG_ABORT_SOURCES=1): the timer that aborted
    ("[abort-source] runId=r1 sessionId=s1 source=llm-idle-timeout isTimeout=true idleTimeout=true "
     "compactionTimeout=false external=false reason=Error: idle limit stack=at a (x.js:1:1) | at b (y.js:2:2)",
     "llm.idle_timeout", {"runId": "r1", "sessionId": "s1", "abortSource": "llm-idle-timeout",
                          "abortReason": "Error: idle limit"}),
    ("[abort-source] runId=r1 sessionId=s1 source=compaction-timeout isTimeout=true idleTimeout=false "
     "compactionTimeout=true external=false reason=<none> stack=<unavailable>",
     "compaction.timeout", {"runId": "r1", "abortSource": "compaction-timeout", "compactionTimedOut": True}),
    ("[abort-source] runId=r1 sessionId=s1 source=run-timer isTimeout=true idleTimeout=false "
     "compactionTimeout=false external=false reason=TimeoutError: run timed out stack=at a",
     "run.abort_source", {"runId": "r1", "abortSource": "run-timer", "abortReason": "TimeoutError: run timed out"}),
    ("[abort-source] runId=r1 sessionId=s1 source=external-signal isTimeout=false idleTimeout=false "
     "compactionTimeout=false external=true reason=<none> stack=at a",
     "run.abort_source", {"abortSource": "external-signal", "external": True}),
    # src/auto-reply/reply/queue/circuit-breaker.ts
    ("discord stuck-session circuit breaker fired for agent:main:discord:channel:1234: queueDepth=2, "
     "activeSessionId=s1, aborted=true", "recovery.circuit_breaker",
     {"channel": "discord", "sessionKey": "agent:main:discord:channel:1234", "queueDepth": 2, "sessionId": "s1",
      "aborted": True}),
    ("auto-compaction failed for openai/gpt-5: Compaction timed out", "compaction.failed",
     {"model": "openai/gpt-5", "error": "Compaction timed out"}),
    ("auto-compaction failed for openrouter/openai/gpt-oss-20b:free: nothing to compact", "compaction.failed",
     {"model": "openrouter/openai/gpt-oss-20b:free", "error": "nothing to compact"}),
    # 2026.1.12 to 2026.4.5 (src/agents/pi-embedded-runner/google.ts): a compaction failure no handler caught.
    ("Auto-compaction failed (unhandled): Error: 400 prompt is too long", "compaction.failed",
     {"error": "Error: 400 prompt is too long"}),
    ("visible channel turn dispatched with no queued reply payloads: channel=whatsapp messageId=3ADE4FECE78695B209B6 "
     "sessionKey=agent:main:whatsapp:direct:+13055052646 cause=completed:before_dispatch_handled", "dispatch.empty_reply",
     {"channel": "whatsapp", "sessionKey": "agent:main:whatsapp:direct:+13055052646",
      "cause": "completed:before_dispatch_handled"}),
    ("feishu[main]: dispatching to agent (session=agent:main:feishu:direct:ou_1)", "channel.dispatch_started",
     {"channel": "feishu", "account": "main", "sessionKey": "agent:main:feishu:direct:ou_1"}),
    ("[dingtalk] dispatch complete (queuedFinal=true, replies=2)", "channel.dispatch_completed",
     {"channel": "dingtalk", "queuedFinal": True, "replies": 2}),
    ('feishu: tool call: exec params={"command":"ls"} {}', "plugin.tool_call", {"channel": "feishu", "tool": "exec"}),
    ("feishu: tool done: process ok (30010ms) {}", "plugin.tool_done",
     {"channel": "feishu", "tool": "process", "outcome": "ok", "durationMs": 30010}),
    ("feishu: tool fail: read ENOENT: no such file or directory (21ms) {}", "plugin.tool_failed",
     {"channel": "feishu", "tool": "read"}),
    ("embedded run abort still streaming: runId=r1 sessionId=s1", "embedded.abort_still_streaming", {"runId": "r1"}),
    ("embedded run end: runId=r1 sessionId=s1", "embedded.run_end", {"runId": "r1"}),
    ("gateway already running (pid 5076); lock timeout after 5000ms", "gateway.already_running", {}),
    ("gateway client error: Error: socket hang up", "gateway.client_error", {"error": "Error: socket hang up"}),
    ("Gateway is draining; new tasks are not accepted", "gateway.draining_rejected", {}),
    ("config.patch applied; gateway restarting", "gateway.restarting", {}),
    ("shutdown error: Error: channel telegram stop timed out", "gateway.shutdown_error",
     {"error": "Error: channel telegram stop timed out"}),
    ("Gateway failed to start: Error: listen EADDRINUSE: address already in use 127.0.0.1:18789", "gateway.start_failed",
     {"error": "Error: listen EADDRINUSE: address already in use 127.0.0.1:18789"}),
    ('CommandLaneTaskTimeoutError: Command lane "session:agent:main:main" task timed out after 630000ms',
     "lane.task_timeout", {"timeoutMs": 630000, "lane": "session:agent:main:main", "laneSessionKey": "agent:main:main"}),
    ('CommandLaneTaskTimeoutError: Command lane "cron-nested" task timed out: elapsed 330004ms reached task budget '
     "330000ms", "lane.task_timeout", {"lane": "cron-nested"}),
    ("LLM idle timeout (120s): no tokens received", "llm.idle_timeout", {"idleTimeout": 120}),
    ("The model did not produce a response before the model idle timeout. Please try again, or increase "
     "`models.providers.<id>.timeoutSeconds` for slow local or self-hosted providers.", "llm.idle_timeout", {}),
    ("host timing gap detected: process was frozen ~196779ms; restarting channels when idle and refreshing health",
     "host.timing_gap", {"frozenMs": 196779}),
    ("host thaw detected: process was frozen ~45904ms; restarting channels and refreshing health",
     "host.timing_gap", {"frozenMs": 45904}),
    ("session transcript reconcile failed agent=main error=database is locked", "sqlite.busy", {}),
    ("Uncaught exception: Error: Attempted to reconnect zombie connection after disconnecting first (this shouldn't "
     "be possible)", "channel.exited", {"channel": "discord"}),
    ("Uncaught exception: Error: Fatal Gateway error: 4014", "channel.terminal_disconnect",
     {"channel": "discord", "closeCode": 4014}),
    ("Unhandled promise rejection: Error: An API error occurred: account_inactive", "channel.terminal_disconnect",
     {"channel": "slack", "detail": "account_inactive"}),
    ("FailoverError: auth refresh request timed out after 10s", "model.auth_refresh_timeout", {"timeoutSeconds": 10}),
    ("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory", "gateway.heap_oom", {}),
    ("kind: turn_completion_idle_timeout", "codex.turn_idle_timeout", {"waitingFor": "completion"}),
    ("session lock file: pid=41693 createdAt=2026-05-14T07:35:46.405Z maxHoldMs=1020000", "lock.payload",
     {"pid": 41693, "maxHoldMs": 1020000}),
    ("agent produced a final reply but never called the configured delivery tool (message_tool_only); response kept "
     "private and not delivered to the source channel", "reply.kept_private", {"policy": "message_tool_only"}),
    ("final reply failed: Error: dispatch error after final delivery", "reply.failed_after_final",
     {"error": "Error: dispatch error after final delivery"}),
    ("The model did not produce a response before the LLM idle timeout. Please try again, or increase "
     "`agents.defaults.llm.idleTimeoutSeconds` in your config (set to 0 to disable).", "llm.idle_timeout", {}),
    ("Error: completions HTTP stream opened but did not deliver a first SSE event within 120000ms after streaming "
     "headers. provider=openai api=openai-completions model=gpt-5.5", "llm.idle_timeout",
     {"idleTimeoutMs": 120000, "provider": "openai", "model": "gpt-5.5"}),
    ("session lock cleanup failed on startup: Error: EACCES", "lock.cleanup_failed", {"error": "Error: EACCES"}),
    ("- Removed 2 stale session lock file(s).", "lock.doctor_removed", {"count": 2}),
    ("Embedded agent failed before reply: EmbeddedAttemptSessionTakeoverError: session file changed while embedded "
     "prompt lock was released: /home/u/.openclaw/agents/main/sessions/s1.jsonl", "lock.takeover",
     {"error": "session file changed while embedded prompt lock was released: /home/u/.openclaw/agents/main/sessions/s1.jsonl"}),
    ("[openclaw] log file rotation failed; continuing writes file=/tmp/openclaw/openclaw-2026-05-21.log "
     "maxFileBytes=104857600", "logging.rotation_failed", {"maxFileBytes": 104857600}),
    ("message dispatch started: sessionId=s1 sessionKey=agent:main:main channel=telegram", "message.dispatch",
     {"stage": "started"}),
    ("message received: channel=telegram chatId=7012345678 messageId=991", "message.received", {"chatId": "7012345678"}),
    ("FallbackSummaryError: All models failed (2): session file locked (pid=51234)", "model.all_failed", {"count": 2}),
    ("[model-fetch] start provider=openrouter api=openai-completions model=openai/gpt-oss-20b:free method=POST "
     "url=https://openrouter.ai/api/v1/chat/completions timeoutMs=120000 proxy=none policy=custom", "model_fetch.start",
     {"timeoutMs": 120000, "model": "openai/gpt-oss-20b:free"}),
    ("[model-fetch] response provider=openrouter api=openai-completions model=openai/gpt-oss-20b:free status=200 "
     "elapsedMs=2460 contentType=text/event-stream", "model_fetch.end", {"stage": "response", "status": 200, "elapsedMs": 2460}),
    ("[model-fetch] error provider=openai api=openai-responses model=gpt-5 elapsedMs=120004 name=TimeoutError "
     "code=undefined causeName=undefined causeCode=undefined message=request timed out", "model_fetch.end",
     {"stage": "error", "elapsedMs": 120004, "message": "request timed out"}),
    # src/agents/provider-transport-fetch.ts: a transient network error before the body was sent, retried once.
    ("[model-fetch] retry provider=anthropic api=anthropic-messages model=claude-opus-4-6 attempt=2/2 elapsedMs=31 "
     "name=TypeError code=undefined causeName=Error causeCode=ECONNRESET message=fetch failed", "model_fetch.retry",
     {"provider": "anthropic", "elapsedMs": 31, "causeCode": "ECONNRESET", "message": "fetch failed"}),
    # src/process/command-queue.ts: a timed-out lane task that rejected later.
    ('lane task rejected after timeout: lane=session:agent:main:main timeoutMs=630000 error="AbortError: This '
     'operation was aborted"', "lane.task_rejected_after_timeout",
     {"timeoutMs": 630000, "laneSessionKey": "agent:main:main", "error": "AbortError: This operation was aborted"}),
    # src/gateway/channel-health-monitor.ts (gateway/health-monitor).
    ("[telegram:default] health-monitor: hit 10 restarts/hour limit, skipping", "health.restart_limit",
     {"channel": "telegram", "account": "default", "maxRestartsPerHour": 10}),
    ("[whatsapp:work] health-monitor: restart failed: Error: listen EADDRINUSE :::8443", "health.restart_failed",
     {"channel": "whatsapp", "account": "work", "error": "Error: listen EADDRINUSE :::8443"}),
    # the w56 audit: the newest monitor's skips and its own failures
    ("[discord:default] health-monitor: skipping restart, blocked", "health.restart_skipped",
     {"channel": "discord", "account": "default", "reason": "blocked"}),
    # f60: the skip of a terminal disconnect is the channel down for good
    ("[discord:default] health-monitor: skipping restart, terminal-disconnect", "channel.terminal_disconnect",
     {"channel": "discord", "account": "default", "reason": "terminal-disconnect"}),
    ("WhatsApp login failed: status=515 Unknown Stream Errored (restart required)", "channel.terminal_disconnect",
     {"channel": "whatsapp", "stage": "login", "status": 515}),
    # h59: the same line on a QR nobody scanned is a pairing left, not the channel failing
    ("WhatsApp login failed: status=408 Request Time-out QR refs attempts ended", "channel.login_expired",
     {"channel": "whatsapp", "stage": "login", "detail": "status=408 Request Time-out QR refs attempts ended"}),
    ("health-monitor: check failed: TypeError: Cannot read properties of undefined", "health.check_failed",
     {"error": "TypeError: Cannot read properties of undefined"}),
    # n54: the back-off build's heal of its restarts (stored file id 51798208467)
    ("[zalo:default] health-monitor: channel stable after 2 restart(s), resetting counter", "health.channel_stable",
     {"channel": "zalo", "account": "default", "restarts": 2}),
    # agent/embedded (src/agents/pi-embedded-runner/run.ts, later embedded-agent-runner/).
    ("[context-overflow-diag] sessionKey=agent:avery:feishu:direct provider=openai-codex/gpt-5.4 source=promptError "
     "messages=193 sessionFile=/home/u/.openclaw/agents/avery/sessions/s1.jsonl diagId=ovf-1 compactionAttempts=0 "
     "observedTokens=unknown compactionTokens=272001 error=Context overflow: prompt too large for the model.",
     "compaction.overflow_diag",
     {"sessionKey": "agent:avery:feishu:direct", "messages": 193, "compactionTokens": 272001, "source": "promptError"}),
    ("[timeout-compaction] LLM timed out with high prompt token usage (82%); attempting compaction before retry "
     "(attempt 1/2) diagId=tmo-1", "compaction.timeout_recovery",
     {"stage": "LLM timed out", "promptTokenPercent": 82, "attempt": 1, "maxAttempts": 2, "diagId": "tmo-1"}),
    ("[timeout-compaction] contextEngine.compact() threw during timeout recovery for openai/gpt-5.5: Error: Compaction "
     "timed out", "compaction.timeout_recovery",
     {"stage": "contextEngine.compact() threw", "model": "openai/gpt-5.5", "error": "Error: Compaction timed out"}),
    ("[timeout-compaction] compaction succeeded for openai/gpt-5.5; retrying prompt", "compaction.timeout_recovery",
     {"stage": "compaction succeeded", "resultModel": "openai/gpt-5.5"}),
    ("[timeout-compaction] compaction did not reduce context for openai/gpt-5.5; falling through to normal handling",
     "compaction.timeout_recovery", {"stage": "compaction did not reduce context"}),
    ("[timeout-compaction] already attempted timeout compaction 2 time(s); falling through to failover rotation",
     "compaction.timeout_recovery", {"stage": "already attempted timeout compaction", "attempts": 2}),
    # src/agents/cli-runner/cli-run-recovery.ts (agent/cli-backend).
    ("cli terminal failure: provider=claude-cli model=claude-opus-4-6 durationMs=360012 runId=r-77 error=FailoverError: "
     "CLI produced no output for 180s", "cli.terminal_failure",
     {"provider": "claude-cli", "durationMs": 360012, "runId": "r-77"}),
    ("[telegram] polling failed: Error: listen EADDRINUSE :::8443", "net.eaddrinuse", {}),
    ("Failed to generate slug: FailoverError: LLM request timed out.", "model.request_timeout", {}),
    ("Context overflow: estimated context size exceeds safe threshold during tool loop.", "compaction.overflow",
     {"error": "estimated context size exceeds safe threshold during tool loop."}),
    ("agent:main:main(processing/model_call,q=2,age=412s last=model_call:started)", "liveness.work_item",
     {"sessionKey": "agent:main:main", "state": "processing", "activeWorkKind": "model_call", "queueDepth": 2,
      "age": 412}),
    ("work=[active=agent:main:telegram:direct:8500000001(processing/tool_call,q=0,age=9s)]", "liveness.work_item",
     {"sessionKey": "agent:main:telegram:direct:8500000001", "activeWorkKind": "tool_call", "age": 9}),
    ('Session "agent:main:cron:job-1" changed while starting work. Retry.', "session.work_invalidated",
     {"sessionKey": "agent:main:cron:job-1", "action": "starting work"}),
    ("marked 2 interrupted main session(s) from stale transcript locks", "restart.recovery", {"marked": 2}),
    ("marked 1 interrupted main session(s) for restart recovery (gateway restart)", "restart.recovery", {"marked": 1}),
    ("resumed interrupted main session: agent:main:explicit:mc-auto-ada-688", "restart.recovery",
     {"sessionKey": "agent:main:explicit:mc-auto-ada-688"}),
    ("failed to resume interrupted main session agent:main:main: Error: gateway timeout after 10000ms", "restart.recovery",
     {"sessionKey": "agent:main:main", "error": "Error: gateway timeout after 10000ms"}),
    ("marked interrupted main session failed: agent:main:main (transcript tail is not resumable)", "restart.recovery",
     {"sessionKey": "agent:main:main", "reason": "transcript tail is not resumable"}),
    ("main-session restart recovery complete: recovered=2 failed=0 skipped=0", "restart.recovery",
     {"stage": "complete", "recovered": 2, "failed": 0}),
    ("[main-session-restart-recovery] main-session restart recovery complete: recovered=2 failed=0 skipped=0",
     "restart.recovery", {"recovered": 2}),
    ("AbortError: This operation was aborted", "run.aborted_error", {}),
    # the turn's model request aborted before any reply (agent-runner-execution.ts, followup-runner.ts); other inner
    # errors keep their own families, and an aborted request inside a fallback summary stays model.all_failed
    ("Embedded agent failed before reply: Request was aborted", "run.request_aborted",
     {"runner": "Embedded", "error": "Request was aborted"}),
    ("Followup agent failed before reply: Request was aborted.", "run.request_aborted", {"runner": "Followup"}),
    # the same line with its error cut (u48: f190, f257, f429) or on the reply-ownership guard (f557, f564)
    ("Embedded agent failed before reply", "run.failed_before_reply", {"runner": "Embedded"}),
    ("Embedded agent failed before reply: Reply operation has no active tool authority snapshot",
     "run.failed_before_reply", {"runner": "Embedded", "error": "Reply operation has no active tool authority snapshot"}),
    # the unhandled-rejection handler ending the process on the agent core's listener check (f2351, f2375)
    ("Unhandled promise rejection: Error: Agent listener invoked outside active run", "gateway.crashed",
     {"error": "Agent listener invoked outside active run"}),
    # (p55) the same guards going on after a transient error, on purpose: no stall and no unexplained fault
    ("Non-fatal unhandled rejection (continuing): Error: SQLITE_BUSY: database is locked", "gateway.nonfatal_error",
     {"what": "unhandled rejection", "error": "Error: SQLITE_BUSY: database is locked"}),
    # `openclaw gateway restart` giving up on its health wait (f468, f1582, f1919)
    ("Timed out after 60s waiting for gateway port 18789 to become healthy.", "gateway.restart_health_timeout",
     {"timeoutSeconds": 60, "port": 18789}),
    ("Gateway restart timed out after 60s waiting for health checks.", "gateway.restart_health_timeout",
     {"timeoutSeconds": 60}),
    ("Embedded agent failed before reply: session file locked (timeout 60000ms): pid=4 alive=true ageMs=9",
     "lock.timeout", {"lockPid": 4}),
    ("run active check: sessionId=s1 active=true", "run.active_check", {"active": True}),
    ("run attempt: sessionId=s1 sessionKey=agent:main:main runId=r1 attempt=2", "run.attempt", {"attempt": 2}),
    ("wait for active embedded runs timed out: activeRuns=2 timeoutMs=30000", "run.wait_active_timeout",
     {"activeRuns": 2}),
    ("active runs: count=1 sessions=[agent:main:main(q=1,age=30s)]", "runs.active", {"count": 1}),
    ("session turn created: sessionId=s1 sessionKey=agent:main:main trigger=user", "session.turn_created",
     {"trigger": "user"}),
    ('tool loop: sessionId=s1 sessionKey=agent:main:main tool=exec level=warning action=warn detector=generic_repeat '
     'count=5 message="exec called 5 times with the same arguments"', "tool.loop", {"detector": "generic_repeat"}),
    ("[tools] browser failed: timed out. Restart the OpenClaw gateway (OpenClaw.app menubar, or `openclaw gateway`). "
     "Do NOT retry the browser tool — it will keep failing.", "tools.browser_failed", {}),
    ("webhook received: channel=telegram type=message chatId=7012345678", "webhook", {"stage": "received"}),
    ("→ close code=1000 reason=n/a durationMs=532 cause=handshake-timeout handshake=failed", "ws.close",
     {"code": 1000, "cause": "handshake-timeout"}),
    ("← open conn=c0a236c7 remote=127.0.0.1", "ws.open", {"conn": "c0a236c7"}),
    ("error conn=c0a236c7 remote=127.0.0.1: Error: read ECONNRESET", "ws.error", {"error": "Error: read ECONNRESET"}),
    ("invalid handshake conn=c0a2 peer=n/a remote=127.0.0.1 fwd=n/a origin=n/a host=n/a ua=n/a",
     "ws.invalid_handshake", {"remote": "127.0.0.1"}),
    ("protocol mismatch conn=c0a2 remote=127.0.0.1 client=openclaw-cli", "ws.protocol_mismatch",
     {"client": "openclaw-cli"}),
    ("[whatsapp] Inbound message +16174402287 -> +16175550100 (direct, 42 chars)", "channel.inbound", {}),
    ("context overflow detected (attempt 1/3); attempting auto-compaction for deepseek/deepseek-v4-pro",
     "compaction.overflow", {"attempt": 1, "maxAttempts": 3, "model": "deepseek/deepseek-v4-pro"}),
    ("context overflow detected; attempting auto-compaction for openai/gpt-5", "compaction.overflow",
     {"model": "openai/gpt-5"}),
    ("contextEngine.compact() threw during overflow recovery for openai/gpt-5: Error: Compaction timed out",
     "compaction.timeout", {}),
    ("agent model: aliyun-tokenplan/qwen3.6-plus", "gateway.agent_model", {"model": "aliyun-tokenplan/qwen3.6-plus"}),
    ("all active work drained", "gateway.drained", {}),
    ("admission closed: restart-signal fence", "gateway.admission", {"stage": "closed", "reason": "restart-signal fence"}),
    ("log file: /tmp/openclaw/openclaw-2026-05-21.log", "gateway.log_file",
     {"path": "/tmp/openclaw/openclaw-2026-05-21.log"}),
    ("config change requires gateway restart (gateway.port, plugins.entries)", "gateway.reload_required",
     {"reasons": "gateway.port, plugins.entries"}),
    ("memory-lancedb failed to load from /root/.openclaw/extensions/memory-lancedb/index.ts: Error: Cannot find module 'x'",
     "plugin.load_failed", {"plugin": "memory-lancedb", "path": "/root/.openclaw/extensions/memory-lancedb/index.ts"}),
    # (the same line with its head cut off, from the plugin's path on)
    (".openclaw/extensions/memory-lancedb/index.ts: Error: Cannot find module '@sinclair/typebox'", "plugin.load_failed",
     {"plugin": "memory-lancedb", "error": "Error: Cannot find module '@sinclair/typebox'"}),
    # (the loader's summary that stops a start, and Node's error for a package a plugin's module imports)
    ("[openclaw] Failed to start CLI: PluginLoadFailureError: plugin load failed: memory-lancedb: Error: x; matrix: y",
     "plugin.load_failed", {"plugin": "memory-lancedb", "error": "Error: x"}),
    ("Cannot find package 'openclaw' imported from /root/.openclaw/extensions/memory-lancedb/dist/runtime.mjs",
     "plugin.load_failed", {"plugin": "memory-lancedb", "path": "/root/.openclaw/extensions/memory-lancedb/dist/runtime.mjs"}),
    # (a channel plugin's, the channel id some distributions give DingTalk: that channel never starts)
    ("ddingtalk failed to load from /root/.openclaw/extensions/ddingtalk/index.ts: Error: Cannot find module 'x'",
     "channel.exited", {"plugin": "ddingtalk", "channel": "dingtalk"}),
    # (the register step throwing, f6103; a Windows source path keeps its drive colon)
    ("memory-lancedb failed during register from C:\\Users\\u\\.openclaw\\extensions\\memory-lancedb\\index.js: "
     "Error: x", "plugin.load_failed",
     {"plugin": "memory-lancedb", "path": "C:\\Users\\u\\.openclaw\\extensions\\memory-lancedb\\index.js", "error": "Error: x"}),
    ("qqbot failed during register from /root/.openclaw/extensions/qqbot/dist/index.js: Error: PlatformAdapter not "
     "registered. Call registerPlatformAdapter() during bootstrap.", "channel.exited",
     {"plugin": "qqbot", "channel": "qqbot"}),
    # (not a CLI command's metadata pass: the plugin still loads in the gateway, f1290)
    ("openclaw-weixin failed during register from /home/u/.openclaw/npm/node_modules/@tencent-weixin/openclaw-weixin/"
     "dist/index.js: Error: Plugin \"openclaw-weixin\" runtime is intentionally unavailable during \"cli-metadata\" "
     "registration. Declare root commands in the manifest's cliCommands or defer runtime access out of register().",
     "generic", {}),
    ("feishu failed to load from C:\\Users\\u\\.openclaw\\extensions\\feishu\\index.ts: Error: Cannot find module 'x'",
     "channel.exited", {"path": "C:\\Users\\u\\.openclaw\\extensions\\feishu\\index.ts", "error": "Error: Cannot find module 'x'"}),
    ("channel reload still deferred after 845500ms with 2 task run(s) active", "channel.reload_deferred",
     {"elapsedMs": 845500, "taskRuns": 2, "stage": "still deferred"}),
    ("channel reload timeout after 300012ms with 1 operation(s), 1 embedded run(s) still active; reloading channels "
     "anyway", "channel.reload_deferred", {"elapsedMs": 300012, "operations": 1, "embeddedRuns": 1, "stage": "timeout"}),
    ("openclaw-gateway.service: State 'stop-sigterm' timed out. Killing.", "gateway.stop_killed", {}),
    ("openclaw-gateway.service: Main process exited, code=killed, status=9/KILL", "gateway.process_killed",
     {"signal": "SIGKILL"}),
    ("openclaw-gateway.service: Main process exited, code=exited, status=1/FAILURE", "gateway.process_exited",
     {"exitStatus": 1, "exitName": "FAILURE"}),
    ("openclaw-gateway.service: Start request repeated too quickly.", "gateway.service_failed",
     {"unit": "openclaw-gateway.service"}),
    ("heartbeat: webhooks=12/12/0 active=1 waiting=0 queued=1", "heartbeat", {"webhooksReceived": 12, "queued": 1}),
    ("lane wait exceeded: lane=session:agent:main:main waitedMs=695534 queueAhead=0 activeAhead=1 activeNow=0 "
     "queueBehind=0", "lane.wait_exceeded", {"waitedMs": 695534, "laneSessionKey": "agent:main:main"}),
    ("log file size cap reached; suppressing writes file=/tmp/openclaw/openclaw-2026-04-02.log maxFileBytes=524288000",
     "logging.size_cap", {"maxFileBytes": 524288000}),
    ("model fallback decision: decision=candidate_failed requested=anthropic/claude-sonnet-4-5 "
     "candidate=anthropic/claude-sonnet-4-5 reason=timeout next=openai/gpt-5.1 detail=session file locked "
     "(timeout 10000ms): pid=51234 /Users/jonas/.openclaw/agents/main/sessions/s1.jsonl.lock",
     "model.fallback_decision", {"decision": "candidate_failed", "next": "openai/gpt-5.1", "lockPid": 51234}),
    ("restored session s1 with abortedLastRun=true", "session.aborted_last_run", {}),
    ("stalled session: sessionId=s-000001 sessionKey=agent:main:main state=processing age=150s queueDepth=0 "
     "reason=blocked_tool_call classification=blocked_tool_call activeWorkKind=tool_call lastProgress=tool:bash:started "
     "lastProgressAge=150s activeTool=bash activeToolCallId=wedged-tool-1 activeToolAge=150s recovery=none",
     "session.stalled", {"activeTool": "bash", "activeToolAge": 150}),
    ('[warn] Subagent announce give up (retry-limit) run=run-1 child=agent:main:subagent:child requester=agent:main:main '
     'retries=3 endedAgo=5s deliveryError="direct-primary: routed-dispatch-did-not-queue-final"', "subagent.announce_give_up",
     {"reason": "retry-limit", "retries": 3, "deliveryError": "direct-primary: routed-dispatch-did-not-queue-final"}),
    ("[warn] Subagent orphan run pruned source=restore run=7d3e-run child=agent:main:subagent:5f0c "
     "reason=missing-session-entry", "subagent.orphan_pruned",
     {"source": "restore", "run": "7d3e-run", "reason": "missing-session-entry"}),
    ("failed to complete subagent run; retrying completion", "subagent.completion_failed",
     {"action": "retrying completion"}),
    ("subagent suspended delivery discarded", "subagent.delivery_discarded", {"stage": "discarded"}),
    ("Can't reach the OpenClaw browser control service (timed out after 15000ms). Restart the OpenClaw gateway "
     "(OpenClaw.app menubar, or `openclaw gateway`).", "tools.browser_unreachable", {"detail": "OpenClaw "}),
    ("Can't reach the clawd browser control server at http://127.0.0.1:18791 (timed out after 15000ms). Start (or "
     "restart) the Clawdbot gateway (Clawdbot.app menubar, or `clawdbot gateway`) and try again.",
     "tools.browser_unreachable", {"detail": "clawd "}),
    ("closed before connect conn=0cf5dd74 remote=127.0.0.1 fwd=n/a origin=n/a host=127.0.0.1:18789 ua=n/a "
     "code=1006 reason=n/a", "ws.closed_before_connect", {"code": 1006, "reason": None}),
    ("⇄ res ✓ chat.history 21904ms conn=bb8a526e…792e id=ae684ded…c187", "ws.response",
     {"method": "chat.history", "durationMs": 21904}),
    ("unauthorized conn=c0a2 peer=n/a remote=127.0.0.1 client=openclaw-cli cli v2026.5.18 role=operator scopes=3 "
     "auth=token device=no reason=token_mismatch", "ws.unauthorized", {"role": "operator", "device": "no"}),
    ("authenticated user disconnected code=1001 reason=n/a conn=c0a2 user=lin", "ws.user_disconnected", {"code": 1001}),
    # A viewer's key=value form of the close meta (#46256: "cause=handshake-timeout  durationMs=7003  handshakeMs=3000").
    ("cause=handshake-timeout  durationMs=7003  handshakeMs=3000", "ws.closed_before_connect",
     {"cause": "handshake-timeout", "durationMs": 7003, "handshakeMs": 3000}),
    # src/agents/embedded-agent-runner/run.ts (#75944, ids replaced).
    ("[trace:embedded-run] startup stages: runId=5d0c2f4e-7a61-4f0e-9b8c-2b7f1d9e0a13 sessionId=9a3e1c77-0d2b-4c5e-8f61"
     "-3b2a9d4e7c10 phase=attempt-dispatch totalMs=94203 stages=workspace:1ms@1ms,runtime-plugins:3ms@4ms,hooks:0ms@4ms,"
     "model-resolution:18477ms@18481ms,auth:46274ms@64755ms,context-engine:0ms@64755ms,attempt-dispatch:29447ms@94202ms",
     "embedded.startup_stages", {"phase": "attempt-dispatch", "totalMs": 94203}),
    # the same summary of the attempt's preparation (emitPrepStageSummary)
    ("[trace:embedded-run] prep stages: runId=1e0744de-4c1e-4982-a36c-81e0baea92bb sessionId=052c4872-75b5-48de-93de-"
     "a6cc9bdf905d phase=stream-ready totalMs=18176 stages=workspace-sandbox:7ms@7ms,skills:1ms@8ms",
     "embedded.startup_stages", {"phase": "stream-ready", "totalMs": 18176,
                                 "sessionId": "052c4872-75b5-48de-93de-a6cc9bdf905d"}),
    # extensions/telegram/src/polling-session.ts (#64288, #54993, a community log of 2026-03-09).
    ("[telegram] Polling stall detected (no completed getUpdates for 105.92s); forcing restart. [diag inFlight=0 "
     "outcome=error startedAt=1775821858079 finishedAt=1775821888092 durationMs=30013 offset=61638802 error=Network "
     "request for 'getUpdates' failed!]", "channel.polling_stall",
     {"channel": "telegram", "state": "no completed getUpdates", "stalledFor": 105.92, "inFlight": 0,
      "durationMs": 30013}),
    ("[telegram] polling runner stopped (polling stall detected); restarting in 2s.", "channel.polling_restart",
     {"reason": "polling stall detected", "restartDelay": 2}),
    ("[telegram] Polling runner stop timed out after 15s; forcing restart cycle.", "channel.polling_restart",
     {"stopTimeout": 15}),
    ("[telegram] [diag] polling cycle finished reason=polling stall detected inFlight=0 outcome=error",
     "channel.polling_cycle", {"stage": "finished", "reason": "polling stall detected", "inFlight": 0}),
    # src/gateway/server-channels.ts (#7255).
    ("[default] channel exited: Request to 'getUpdates' timed out after 500 seconds", "channel.exited",
     {"account": "default", "error": "Request to 'getUpdates' timed out after 500 seconds"}),
    # src/cli/logs-cli.ts and the other gateway RPC commands.
    ("Gateway not reachable. Is it running and accessible?", "gateway.unreachable", {}),
    # src/gateway/server-channels.ts (channel restarts, as in the field corpus cases f210 and f224).
    ("[taz] auto-restart attempt 5/10 in 84s", "channel.auto_restart",
     {"account": "taz", "attempt": 5, "maxAttempts": 10, "restartDelay": 84}),
    ("[default] giving up after 10 restart attempts", "channel.restart_gave_up", {"maxAttempts": 10}),
    # The compaction handler's own words (docs: "embedded run auto-compaction start / complete").
    ("embedded run auto-compaction incomplete (overflow)", "embedded.compaction",
     {"stage": "incomplete", "reason": "overflow"}),
    ("SessionWriteLockTimeoutError ageMs=79210", "lock.timeout", {"ageMs": 79210}),
    # Templates from the field corpus, checked against the source (paths in stuckscan/families.py).
    ("embedded run timeout (600000ms)", "embedded.timeout", {"timeoutMs": 600000}),
    ("embedded run prompt end (149440ms)", "embedded.prompt_end", {"durationMs": 149440}),
    ("candidate_failed requested=google-vertex/gemini-3.1-pro-preview candidate=google-vertex/gemini-3.1-pro-preview "
     "reason=timeout next=xs/gpt-5.4", "model.fallback_decision",
     {"decision": "candidate_failed", "reason": "timeout", "next": "xs/gpt-5.4"}),
    ("decision=candidate_failed", "model.fallback_decision", {"decision": "candidate_failed"}),
    # src/agents/session-suspension.ts: a suspended session's lane given its concurrency back after the TTL.
    ("auto-resumed lane after suspension TTL laneId=session:agent:main:main delayMs=1800000 resumeConcurrency=1",
     "lane.suspension_resumed", {"laneId": "session:agent:main:main", "delayMs": 1800000}),
    ("skip_candidate requested=anthropic/claude-opus-4-6 candidate=anthropic/claude-opus-4-6 reason=billing "
     "next=openai/gpt-5.2", "model.fallback_decision", {"decision": "skip_candidate", "reason": "billing"}),
    ("context-engine compaction failed", "compaction.failed", {}),
    ("res sessions.compact 181155ms", "ws.response", {"method": "sessions.compact", "durationMs": 181155}),
    ("cli exec: provider=claude-cli model=opus promptChars=111 trigger=user useResume=true session=present "
     "resumeSession=a683dcc44eeb reuse=reusable historyPrompt=present", "cli.exec",
     {"provider": "claude-cli", "useResume": True}),
    ("cli turn: provider=claude-cli model=claude-sonnet-5 durationMs=380599 outBytes=<70K>", "cli.turn",
     {"durationMs": 380599}),
    ("claude live session reuse: provider=claude-cli model=claude-opus-4-7", "cli.live_session", {"stage": "reuse"}),
    ("claude live session turn failed: provider=claude-cli model=claude-sonnet-5 durationMs=254530 error=FailoverError",
     "cli.turn_failed", {"error": "FailoverError"}),
    ("codex app-server client retired after timed-out turn", "codex.client_retired", {}),
    ("releasing lock held for ~322000ms (max=300000ms)", "lock.watchdog_released",
     {"heldMs": 322000, "maxHoldMs": 300000}),
    ("releasing lock held for 311913ms (max=300000ms): /home/u1/.openclaw/agents/main/sessions/"
     "0f6ad0cd-2b4c-4a57-9b1e-1d2f3a4b5c6d.jsonl.lock", "lock.watchdog_released",
     {"lockSessionId": "0f6ad0cd-2b4c-4a57-9b1e-1d2f3a4b5c6d"}),
    ("[discord] Slow listener detected: DiscordMessageListener took 289 seconds for event MESSAGE_CREATE",
     "channel.slow_listener", {"listener": "DiscordMessageListener", "tookSeconds": 289, "event": "MESSAGE_CREATE"}),
    ("announce queue drain failed for agent:main:main: Error: gateway timeout after 60000ms",
     "subagent.announce_drain_failed", {"sessionKey": "agent:main:main",
                                        "error": "Error: gateway timeout after 60000ms"}),
    ("embedded attempt cleanup detected session takeover after prompt failure; preserving prompt error: "
     "runId=8c423f99-218a-4841-a02a-7ee0dac15831 sessionId=2bc0117f-8cd0-43a6-a382-1b4ebc062f6d "
     "promptError=session file changed while embedded prompt lock was released", "lock.takeover",
     {"runId": "8c423f99-218a-4841-a02a-7ee0dac15831"}),
    ("Subagent completion direct announce failed for run <run-id>: gateway request timeout for agent",
     "subagent.announce_failed", {"childRunId": "<run-id>", "requestTimeoutMethod": "agent"}),
    ("forced restart requested; skipping active work drain", "gateway.forced_restart", {}),
    ("restart reply drain timed out after 0ms with 12 pending reply(ies) still active; continuing shutdown",
     "gateway.reply_drain_timeout", {"elapsedMs": 0, "pendingReplies": 12}),
    ("shutdown completed in 930ms with warnings: restart-reply-drain", "gateway.shutdown_completed",
     {"durationMs": 930, "warnings": "restart-reply-drain"}),
    ("cron: job execution timed out (last phase: model_call_started)", "cron.job_timeout",
     {"phase": "model_call_started"}),
    ('Command lane "cron-nested" task timed out: no progress for 630001ms (task budget 630000ms)',
     "lane.task_timeout", {"lane": "cron-nested"}),
    ("Error: Session 2bc0117f-8cd0-43a6-a382-1b4ebc062f6d already has an active turn claim",
     "session.turn_claim_busy", {"sessionId": "2bc0117f-8cd0-43a6-a382-1b4ebc062f6d"}),
    ("restart preparation failed; restart will continue without it: Error: EACCES: permission denied",
     "restart.continuation_lost", {"stage": "preparation failed", "error": "Error: EACCES: permission denied"}),
    ("restart continuation dropped: another session owns the pending restart (callerSessionKey=agent:main:main "
     "pendingSessionKey=agent:main:telegram:direct:42)", "restart.continuation_coalesced",
     {"stage": "continuation dropped", "callerSessionKey": "agent:main:main",
      "pendingSessionKey": "agent:main:telegram:direct:42"}),
    ("marked 2 startup-orphaned main session(s) for restart recovery", "restart.recovery",
     {"marked": 2, "markedAs": "startup-orphaned"}),
    ("Channel ingress claim→adoption stalled for event 1042 on lane telegram:7000000001 after 300000ms; "
     "marking failed (handler-timeout).", "channel.ingress_stalled",
     {"eventId": "1042", "ageMs": 300000, "disposition": "marking failed (handler-timeout)."}),
    ("http server listening (7 plugins: acpx, bonjour, browser, device-pair, memory-core, phone-control, talk-voice; "
     "43.2s)", "gateway.ready", {"plugins": 7, "startup": 43.2}),
    ("loading configuration…", "gateway.starting", {"stage": "loading configuration"}),
    ("[taz] starting provider", "channel.starting", {"account": "taz"}),
    ("[taz] released stopped Telegram polling lease", "channel.polling_lease_released", {"account": "taz"}),
    # Kinds added from the source audit; every form of each is in tests/test_families_source.py.
    ("embedded run timeout reached during compaction; extending deadline: runId=r1 sessionId=s1 extraMs=900000",
     "compaction.deadline_extended", {"extraMs": 900000}),
    ("embedded run abortCompaction failed: runId=r1 sessionId=s1 err=Error: closed", "compaction.abort_failed",
     {"runId": "r1"}),
    ("Profile anthropic:work timed out. Trying next account...", "model.profile_timeout",
     {"profileId": "anthropic:work"}),
    ("Profile ollama:default timed out", "model.profile_timeout", {"profileId": "ollama:default"}),
    ("Profile ollama:default idle timeout (model silent). Trying next account...", "model.profile_timeout",
     {"profileId": "ollama:default", "timeout": "idle"}),
    ("Profile ollama:default idle timeout (model silent)", "model.profile_timeout",
     {"profileId": "ollama:default", "timeout": "idle"}),
    ("AbortError: Unsubscribed during compaction", "compaction.interrupted", {}),
    ("timed out during compaction", "compaction.timeout", {}),
    ("embedded run timeout", "embedded.timeout", {}),
    ("embedded run manual compaction start: runId=r1 sessionId=s1", "embedded.compaction", {"stage": "start"}),
    ("embedded_run_failover_decision ... failoverReason=timeout profileFailureReason=timeout", "embedded.failover",
     {"failoverReason": "timeout"}),
    ("model_fallback_decision: decision=candidate_failed reason=timeout", "model.fallback_decision",
     {"decision": "candidate_failed"}),
    ("cli watchdog timeout: provider=claude-cli model=opus session=s1 noOutputTimeoutMs=180000 pid=48213",
     "cli.watchdog_timeout", {"noOutputTimeoutMs": 180000}),
    ("FailoverError: CLI failed.", "cli.exit_silent", {"errorClass": "FailoverError"}),
    ("toolResult", "transcript.tool_result", {}),
    ("[run-retry-limit] sessionKey=agent:main:main provider=openai/gpt-5.4 attempts=32 maxAttempts=32",
     "embedded.retry_limit", {"attempts": 32}),
    ("CRITICAL: unsubscribe failed, possible resource leak: runId=r1 Error: closed", "embedded.unsubscribe_failed",
     {"runId": "r1"}),
    ("incomplete turn detected: runId=r1 sessionId=s1 stopReason=length payloads=0 — surfacing error to user",
     "embedded.incomplete_turn", {"stopReason": "length"}),
    ("[ws-stream] WebSocket connect failed for session=s1; falling back to HTTP. error=Error: connect ETIMEDOUT",
     "model.ws_fallback", {"stage": "WebSocket connect", "sessionId": "s1"}),
    ("[ws-stream] session=s1 run error: aborted", "model.ws_run_error", {"sessionId": "s1", "error": "aborted"}),
    ("websocket server close exceeded 1000ms; forcing shutdown continuation with 3 tracked client(s)",
     "gateway.shutdown_slow", {"graceMs": 1000}),
    ("failed to reacquire gateway lock for in-process restart: Error: lock timeout", "gateway.restart_failed",
     {"error": "Error: lock timeout"}),
    ("cron: clearing stale running marker on startup", "cron.stale_running_cleared", {}),
    ("cron: queued manual run waiting for an execution slot", "cron.run_waiting", {}),
    ("discord handler timed out after 1800 seconds", "channel.handler_timeout", {"timeoutSeconds": 1800}),
    ("[WARN]  web-api:WebClient:125 http request failed getaddrinfo ENOTFOUND slack.com", "channel.transport_error",
     {"channel": "slack", "error": "getaddrinfo ENOTFOUND slack.com"}),
    ("Network request for 'sendChatAction' failed!", "channel.transport_error",
     {"channel": "telegram", "method": "sendChatAction"}),
    ("No getUpdates response for 90 seconds. Restarting polling...", "channel.polling_stall",
     {"state": "no getUpdates", "stalledFor": 90}),
    ('Telegram polling already active for bot token 3f2a9c0d1e4b5a6c on account "default" (412s old); refusing '
     'duplicate poller for account "ops". Stop the existing OpenClaw gateway/poller or use a different bot token.',
     "channel.transport_error", {"channel": "telegram", "holder": "default"}),
    ("[EventQueue] Listener DiscordReactionRemoveListener timed out after 120000ms for event MESSAGE_REACTION_REMOVE",
     "channel.listener_timeout", {"listener": "DiscordReactionRemoveListener", "timeoutMs": 120000}),
    ("[typing] TTL exceeded (120000ms), auto-stopping typing indicator", "channel.typing_ttl",
     {"maxDurationMs": 120000}),    ("FailoverError: Provider minimax is in cooldown (all profiles unavailable)", "model.provider_cooldown",
     {"provider": "minimax"}),
    ("Delivery entry 7f3c delivery state is unknown_after_send; refusing blind replay without adapter reconciliation",
     "delivery.failed", {"recoveryState": "unknown_after_send"}),
    ("Retry failed for delivery 7f3c: Error: 502 Bad Gateway", "delivery.retry_failed", {"deliveryId": "7f3c"}),
    ("Delivery recovery complete: 2 recovered, 1 failed, 0 skipped (max retries), 3 deferred (backoff)",
     "delivery.recovery", {"failed": 1}),
    ("restarting telegram channel", "channel.reload_restart", {"channel": "telegram"}),
    ("config hot reload applied (channels.telegram.streaming)", "gateway.hot_reload",
     {"reasons": "channels.telegram.streaming"}),
    ("feishu[default]: abort signal received, stopping", "channel.stopping", {"account": "default"}),
    ("feishu[default][msg:om_1]: disconnecting WebSocket (accountId=default)", "channel.stopping",
     {"channel": "feishu", "account": "default"}),
    ("feishu: closing previous WSClient before reconnect (accountId=work)", "channel.reconnecting",
     {"channel": "feishu", "account": "work"}),
    ("[error]: [ '[ws]', 'new WebSocket error' ]", "channel.transport_error",
     {"channel": "feishu", "error": "new WebSocket error"}),
    ("feishu[default]: polling error: Error: ETIMEDOUT", "channel.transport_error", {"error": "Error: ETIMEDOUT"}),
    ("feishu[default]: error handling message: Error: 400", "channel.inbound_failed", {"event": "message"}),
    ("Signal SSE connection lost, reconnecting in 2s...", "channel.reconnecting", {"restartDelay": 2}),
    ("signal-cli: Config file is in use by another instance, waiting…", "channel.exited",
     {"channel": "signal", "stage": "blocked", "error": "Config file is in use by another instance"}),
    ("signal-cli: Config file lock acquired.", "channel.polling_started", {"channel": "signal"}),
    ("BB dispatches msg 1 → connect ECONNREFUSED 127.0.0.1:18789, no retry logged", "channel.delivery_refused",
     {"channel": "bluebubbles", "port": 18789, "host": "127.0.0.1"}),
    # (any port is read: which one is the gateway's, RC18 reads from the log's start line)
    ("Failed to dispatch new-message to webhook http://127.0.0.1:19001/bluebubbles-webhook: connect ECONNREFUSED "
     "127.0.0.1:19001", "channel.delivery_refused", {"port": 19001, "host": "127.0.0.1", "target": "127.0.0.1:19001"}),
    ("[telegram][diag] closing stale transport before rebuild", "channel.reconnecting", {}),
    ("[default] slack socket mode reports 10 active connections for this Slack app; Slack may deliver each event to "
     "any one connection", "channel.shared_connections", {"activeConnections": 10, "account": "default"}),
    ("[telegram] [diag] rebuilding transport for next polling cycle", "channel.transport_rebuilt", {}),
    # Channel connection audit: one line per new kind.
    ("[default] channel stop exceeded 5000ms after abort; continuing shutdown", "channel.stop_timeout",
     {"account": "default", "stopTimeoutMs": 5000}),
    ("[default] auto-restart skipped, terminal disconnect", "channel.terminal_disconnect", {"account": "default"}),
    # Third source audit: one line per new kind.
    ("exec failed: Command timed out after 1800 seconds", "tools.timeout", {"tool": "exec", "timeoutSeconds": 1800}),
    ("exec failed: Command aborted by signal SIGKILL", "tools.exec_aborted", {"signal": "SIGKILL"}),
    ("No active session found for calm-gulf", "tools.exec_session_missing", {"execSession": "calm-gulf"}),
    ("Exec denied (gateway id=req-1, approval-timeout): uname -a", "tools.approval_timeout", {"approvalId": "req-1"}),
    # The t50a audit (approval-gated tools and MCP): one line per new kind.
    ("exec approvals: failed to deliver to telegram:123456789: Error: Forbidden", "approval.undelivered",
     {"target": "telegram:123456789"}),
    ("Exec denied (gateway id=req-1, user-denied): uname -a", "tools.approval_denied", {"reason": "user-denied"}),
    ('bundle-mcp: recycling server "github" after repeated timeouts', "mcp.request_timeout", {"server": "github"}),
    # The t48c audit (tools that can hold a run): one line per new kind.
    ("nodes failed: agent=dispatcher node=auto action=run: node invoke timed out", "tools.nodes_failed",
     {"action": "run", "error": "node invoke timed out"}),
    # The t48f audit: one line per new kind.
    ('Failed to start Chrome CDP on port 18800 for profile "openclaw".', "tools.browser_start_failed",
     {"cdpPort": 18800, "profile": "openclaw"}),
    ("Docker did not respond within 5000ms while running `docker version`.", "sandbox.docker_timeout",
     {"timeoutMs": 5000, "dockerCommand": "version"}),
    ('Sandbox mode requires Docker, but the "docker" command was not found in PATH. Install Docker',
     "sandbox.docker_unavailable", {"reason": 'the "docker" command was not found in PATH'}),
    # The t50e audit (sandbox and node host): one line per new kind.
    ('Sandbox backend "docker" failed to start: Error response from daemon: No such container: openclaw-sbx-main',
     "sandbox.start_failed", {"backend": "docker", "error": "Error response from daemon: No such container: openclaw-sbx-main"}),
    ('bundle-mcp: server "github" closed; next request reconnects', "mcp.server_closed", {"server": "github"}),
    ('bundle-mcp: failed to start server "github" (npx -y @mcp/github): Error: spawn ENOENT', "mcp.server_failed",
     {"action": "start", "error": "Error: spawn ENOENT"}),
    ("Error: timeout acquiring session store lock: /tmp/sessions/sessions.json.lock", "lock.store_timeout",
     {"storeLockPath": "/tmp/sessions/sessions.json.lock"}),
    ("Error: timeout waiting for session store lock: /tmp/sessions/sessions.json", "lock.store_timeout",
     {"storeLockPath": "/tmp/sessions/sessions.json"}),
    ("Compaction failed: Turn prefix summarization failed: 400 prompt is too long", "compaction.failed",
     {"error": "400 prompt is too long"}),
    ("Summarization failed: Request timed out.", "compaction.failed", {"error": "Request timed out."}),
    ("[openclaw] missing tool result in session history; inserted synthetic error result for transcript repair.",
     "transcript.missing_tool_result", {"product": "openclaw"}),
    ("session transcript repair skipped: invalid session header (agentId=main sessionId=s-000001)",
     "transcript.repaired", {"stage": "repair skipped", "sessionId": "s-000001"}),
    ("No active WhatsApp Web listener (account: default)", "channel.no_listener", {"account": "default"}),
    ("active-memory: agent=main session=agent:main:main done status=timeout elapsedMs=15012 summaryChars=0",
     "memory.recall", {"stage": "done", "status": "timeout", "elapsedMs": 15012}),
    ("cron: cleaned up timed-out agent run", "cron.timeout_cleanup", {"stage": "cleaned up"}),
    ("cron: isolated agent setup timed out before runner start; backing off job without gateway restart",
     "cron.setup_timeout", {}),
    ("cron: job run returned error status", "cron.job_error", {"stage": "job run returned error status"}),
    ("cron: job failed: Error: gateway closed (1006)", "cron.job_error", {"stage": "job failed", "error": "Error: gateway closed (1006)"}),
    ("cron: auto-disabled job after consecutive run failures", "cron.job_error",
     {"stage": "auto-disabled job after consecutive run failures"}),
    ("cron: timer tick failed", "cron.tick_failed", {"stage": "timer tick failed"}),
    ("cron: immediate capacity recheck failed", "cron.tick_failed", {"stage": "immediate capacity recheck failed"}),
    ("cron: session reaper sweep failed", "cron.housekeeping", {"what": "session reaper sweep failed"}),
    ("cron: failed to compute next run for job (skipping)", "cron.housekeeping",
     {"what": "failed to compute next run for job"}),
    ("cron: clearing stuck running marker", "cron.stale_running_cleared", {"marker": "stuck"}),
    ("transcript assistant turn ended: stopReason=stop provider=openrouter outputTokens=17 contentChars=56 waitedMs=2314",
     "transcript.turn_ended", {"stopReason": "stop", "outputTokens": 17}),
    ("Last error: cron: job interrupted by gateway restart", "cron.interrupted_by_restart", {}),
    ("Request timed out before a response was generated. Please try again, or increase `agents.defaults.timeoutSeconds` "
     "in your config.", "run.timed_out_no_reply", {}),
    ("transcript assistant turn called a gateway restart: stopReason=toolUse toolCallId=call_1 "
     "restartCall='openclaw gateway restart'", "transcript.restart_call", {"toolCallId": "call_1"}),
    ("transcript tool result: toolCallId=call_1 toolName=exec isError=false", "transcript.tool_result",
     {"toolCallId": "call_1", "toolName": "exec"}),
    ("transcript assistant turn failed: stopReason=error provider=zhipu model=glm-4.7-flash outputTokens=0 "
     "waitedMs=726249 error='500 network error'", "transcript.turn_failed", {"stopReason": "error", "waitedMs": 726249}),
    ("cron: applying error backoff", "cron.retry_backoff", {"stage": "applying error backoff"}),
    # Fourth source audit (CLI output, client-side errors, bundled SDKs' console): one line per new kind.
    ("- Main session transcript missing (~/.openclaw/agents/main/sessions/s-000001.jsonl). History will appear to reset.",
     "transcript.missing", {"transcriptPath": "~/.openclaw/agents/main/sessions/s-000001.jsonl"}),
    ("Error: reply session initialization conflicted for agent:main:signal:direct:+15550001111", "session.init_conflict",
     {"sessionKey": "agent:main:signal:direct:+15550001111"}),
    ("SIGUSR1 restart ignored (not authorized; enable commands.restart or use gateway tool).", "gateway.restart_ignored",
     {"reason": "not authorized; enable commands.restart or use gateway tool"}),
    # Fifth source audit (run, drain and watchdog lines): one line per new kind.
    ("[context-overflow-recovery] Truncated 21 tool result(s); retrying prompt", "compaction.overflow_recovery",
     {"outcome": "Truncated", "truncatedCount": 21}),
    ("[context-overflow-recovery] exhausted provider overflow recovery for anthropic/claude-opus-4-6; "
     "livenessState=blocked suggestedAction=reset_or_new kind=context_overflow", "compaction.overflow_exhausted",
     {"model": "anthropic/claude-opus-4-6", "livenessState": "blocked", "overflowKind": "context_overflow"}),
    ("codex app-server turn idle timed out waiting for terminal event", "codex.turn_idle_timeout",
     {"waitingFor": "terminal event"}),
    ("codex app-server turn released after completed assistant item without terminal event", "codex.turn_released",
     {"after": "completed assistant item"}),
    ("CodexAppServerStartupError: codex app-server startup timed out", "codex.startup_timeout", {"reason": "timed out"}),
    ("codex app-server remote WebSocket connection failed: socket hang up", "codex.remote_unreachable",
     {"stage": "connection failed", "error": "socket hang up"}),
    ("narrative generation ended with status=timeout for deep phase.", "memory.narrative_failed",
     {"status": "timeout", "phase": "deep"}),
    ("sync failed (search-bootstrap): No API key found for provider \"openai\"", "memory.sync_failed",
     {"reason": "search-bootstrap"}),  # (the console's "[memory] " tag with the repeated label dropped)
    ("qmd query failed: Error: qmd query x --json timed out after 4000ms", "memory.search_failed", {"backend": "qmd"}),
    ("qmd memory failed; switching to builtin index: spawn qmd ENOENT", "memory.search_fallback", {"backend": "qmd"}),
    ("memory embeddings retryable error; retrying in ~530ms", "memory.embedding_retry",
     {"action": "retrying", "delayMs": 530}),
    ("embedded acpx runtime setup failed: spawn acpx ENOENT", "acp.backend_unavailable",
     {"stage": "setup", "error": "spawn acpx ENOENT"}),
    ("acpx ensureSession replacing missing named session: session=agent:claude:acp:3 cwd=/srv/work",
     "acp.session_repair", {"action": "replacing missing named session", "cwd": "/srv/work"}),
    ("Failed to unbind orphaned parent-owned ACP session during task maintenance", "acp.maintenance_close_failed",
     {"action": "unbind"}),
    ("AcpRuntimeError: ACP turn timed out after 1800s.", "acp.turn_timeout", {"timeoutSeconds": 1800}),
    ("AcpRuntimeError: ACP turn ended without a terminal done event.", "acp.turn_failed",
     {"reason": "ended without a terminal done event"}),
    ("acpx runtime abort-cancel failed: Error: spawn acpx ENOENT", "acp.cancel_failed",
     {"error": "Error: spawn acpx ENOENT"}),
    ("claude has produced no output for 60s. It may be waiting for interactive input.", "acp.child_silent",
     {"reason": "has produced no output", "noOutputSeconds": 60}),
    ("heartbeat failed: Error: Request timed out after 600000ms", "heartbeat.run_failed",
     {"error": "Error: Request timed out after 600000ms"}),
    ("flood guard tripped, deferring wake", "heartbeat.flood_deferred", {}),
    # (t50j) the auto-reply queue: src/auto-reply/reply/queue/drain.ts, drain-retry.ts; the inbound debouncer's errors
    # (src/auto-reply/inbound-debounce.ts) under a channel's onError
    ("followup queue drain failed for agent:main:main: Error: boom", "followup.drain_failed",
     {"sessionKey": "agent:main:main", "error": "Error: boom"}),
    ("followup queue suspended for agent:main:main after 7 consecutive drain failures; queued work retained and "
     "automatic retries stopped; use /queue reset after resolving the failure (source not yet reserved): Error: boom",
     "followup.queue_suspended", {"sessionKey": "agent:main:main", "failures": 7, "items": "source not yet reserved",
                                  "error": "Error: boom"}),
    ("followup queue omitted 3 route-isolated overflow summaries after reaching the summary context cap",
     "followup.summary_dropped", {"dropped": 3}),
    ("slack inbound debounce flush failed: Error: inbound debounce flush retries exceeded", "channel.inbound_failed",
     {"channel": "slack", "event": "debounce flush", "error": "Error: inbound debounce flush retries exceeded"}),
    # (q64) past the debouncer's sender capacity the message is flushed at once: nothing lost
    ("discord debounce flush failed: Error: inbound debounce key capacity exceeded", "channel.debounce_bypassed",
     {"channel": "discord"}),
    # (t50h) the gateway's HTTP surfaces: src/gateway/openai-http.ts, openresponses-http.ts, tools-invoke-http.ts,
    # server/hooks.ts, server/hooks-request-handler.ts, src/hooks/gmail-watcher.ts
    ("openai-compat: streaming chat completion failed: Error: boom", "http_api.request_failed",
     {"surface": "openai-compat", "what": "streaming chat completion failed", "error": "Error: boom"}),
    ("openresponses: streaming agent run failed (model_error): provider exploded", "http_api.request_failed",
     {"surface": "openresponses", "failureCode": "model_error", "error": "provider exploded"}),
    ("openresponses: request parsing failed: Error: bad input", "http_api.bad_request",
     {"surface": "openresponses", "what": "request parsing failed"}),
    ("hook agent failed: Error: boom", "hooks.dispatch_failed", {"what": "hook agent failed", "error": "Error: boom"}),
    ("hook agent run completed runId=r1 status=error summary=boom", "hooks.run_failed",
     {"runId": "r1", "status": "error", "summary": "boom"}),
    ("hook agent run completed runId=r2 status=ok", "hooks.run_completed", {"status": "ok"}),
    ("hook agent run returned non-ok status status=error model=openai/gpt-5 summary=payload.model rejected by "
     "agents.defaults.models allowlist", "hooks.run_failed",
     {"status": "error", "model": "openai/gpt-5", "summary": "payload.model rejected by agents.defaults.models allowlist"}),
    ("hook auth throttled for 10.0.0.9; retry-after=60s", "hooks.auth_throttled", {"retryAfterSeconds": 60}),
    ("gog exited (code=1, signal=null); restarting in 5s", "gmail.watcher_restart",
     {"what": "gog exited", "exitCode": 1, "restartDelay": 5}),
    ("gog process error: Error: spawn gog ENOENT", "gmail.watcher_failed", {"what": "gog process error"}),
    # (t50i) inbound media understanding's failed decision, src/media-understanding/runner.ts (runCapability)
    ("media-understanding: audio: failed (0/1) reason=MediaFetchError", "media.understanding_failed",
     {"capability": "audio", "succeeded": 0, "attachments": 1, "reason": "MediaFetchError"}),
    ("image: failed (0/2) via openai/gpt-5-mini reason=AbortError", "media.understanding_failed",
     {"capability": "image", "provider": "openai", "model": "gpt-5-mini", "reason": "AbortError"}),
    # (t53a) its per-attempt verbose line, and a reply's text-to-speech (src/tts/tts.ts) and the voice-call plugin
    ("audio understanding failed: AbortError: This operation was aborted", "media.understanding_failed",
     {"capability": "audio", "outcome": "failed", "error": "AbortError: This operation was aborted"}),
    # (m53) the runner's verbose decision summary when an attachment was understood, the fallback's success after it
    ("Media understanding audio: success (1/1) via openai/gpt-4o-mini-transcribe reason=AbortError",
     "media.understanding_succeeded", {"capability": "audio", "succeeded": 1, "attachments": 1, "provider": "openai",
                                       "model": "gpt-4o-mini-transcribe", "reason": "AbortError"}),
    ("TTS: conversion failed after 30012ms (TTS conversion failed: elevenlabs: request timed out).", "tts.failed",
     {"latencyMs": 30012, "error": "TTS conversion failed: elevenlabs: request timed out"}),
    ("TTS: primary provider elevenlabs failed (This operation was aborted); trying fallback providers.",
     "tts.attempt_failed", {"provider": "elevenlabs", "next": "trying fallback providers"}),
    ("Failed to connect realtime bridge: Error: Realtime connection timeout", "voice.call_failed",
     {"what": "Failed to connect realtime bridge", "error": "Error: Realtime connection timeout"}),
    # (t53b) the Bonjour advertiser (extensions/bonjour/src/advertiser.ts) and the gateway's Tailscale exposure
    (f"bonjour: advertise failed ({BONJOUR_SERVICE} state=probing): Error: CIAO PROBING CANCELLED", "discovery.advertise_failed",
     {"what": "advertise failed", "state": "probing"}),
    (f"bonjour: restarting advertiser (service stuck in probing for 20012ms ({BONJOUR_SERVICE} state=probing))",
     "discovery.readvertise", {"stuckState": "probing"}),
    ('bonjour: gateway name conflict resolved; newName="mac (OpenClaw) (2)"', "discovery.name_conflict",
     {"conflict": "name"}),
    ("bonjour: disabling advertiser after 5 restarts within 30 minutes (ciao cancellation: CIAO PROBING CANCELLED); set "
     'discovery.mdns.mode="off" or OPENCLAW_DISABLE_BONJOUR=1 to disable mDNS discovery',
     "discovery.advertiser_disabled", {"restarts": 5, "detail": "restarts within 30 minutes"}),
    ("tailscale serve failed: Error: tailscale not found", "discovery.tailscale_failed", {"mode": "serve"}),
    # (t53c) the skills watcher (src/agents/skills/refresh.ts), a device's access upgrade (gateway ws message handler),
    # the loader's bundled runtime deps and a bundled channel's module (src/plugins/loader.ts, src/channels/plugins)
    ("skills watcher disabled (EMFILE) (/Users/u/.openclaw/workspace). Consider increasing system limits or set "
     "skills.load.watch=false.", "skills.watcher_failed",
     {"what": "watcher disabled", "code": "EMFILE", "path": "/Users/u/.openclaw/workspace"}),
    ("security audit: device access upgrade requested reason=scope-upgrade device=f8ede5b6 ip=unknown-ip auth=token "
     "roleFrom=operator roleTo=operator scopesFrom=operator.pairing scopesTo=operator.admin client=cli conn=1d17fcab",
     "device.access_upgrade", {"reason": "scope-upgrade", "client": "cli"}),
    ("[plugins] failed to install bundled runtime deps: Error: EXDEV: cross-device link not permitted",
     "plugin.load_failed", {"error": "failed to install bundled runtime deps: Error: EXDEV: cross-device link not permitted"}),
    # (h55) the gateway's pre-start staging of every bundled plugin's deps (src/gateway/server-plugin-bootstrap.ts)
    ("[plugins] failed to stage bundled runtime deps before gateway startup after 30000ms; gateway startup will "
     "continue with per-plugin runtime-deps installs: Error: npm install timed out", "plugin.deps_prestage_failed",
     {"error": "Error: npm install timed out"}),
    ("Response generation error: Response generation was aborted", "voice.response_failed",
     {"what": "Response generation error", "error": "Response generation was aborted"}),
    # (t50f) `openclaw tasks audit` rows and header (src/commands/tasks.ts, src/tasks/task-registry.audit.ts), and the
    # task sweep's other ACP failures (src/tasks/task-registry.maintenance.ts)
    ("Task     error    stale_running          adfb3305-… running    3h10m    running task appears stuck",
     "task.stale_running", {"scope": "Task", "code": "stale_running", "item": "adfb3305-…", "status": "running"}),
    ("Task     error    lost                   55aad356-… lost       1h12m    backing session missing", "task.lost",
     {"code": "lost", "detail": "backing session missing"}),
    ("Task     warn     delivery_failed        9906af0e-… failed     2h5m     terminal update delivery failed",
     "task.audit_finding", {"code": "delivery_failed", "status": "failed"}),
    ("Task     warn     inconsistent_timestamps 1c2d3e4f-… succeeded  fresh    startedAt is earlier than createdAt",
     "task.audit_note", {"code": "inconsistent_timestamps", "age": "fresh"}),
    ("Tasks audit: 9 findings · 1 errors · 8 warnings", "task.audit_summary",
     {"findings": 9, "errors": 1, "warnings": 8}),
    ("Failed to list ACP sessions during task maintenance", "acp.maintenance_close_failed", {"action": "list"}),
    ("heartbeat: HEARTBEAT_OK delivery failed: Network request for 'sendMessage' failed!", "heartbeat.delivery_failed",
     {"what": "HEARTBEAT_OK", "error": "Network request for 'sendMessage' failed!"}),
    ("heartbeat: unknown accountId", "heartbeat.housekeeping", {"what": "unknown accountId"}),
    # cron's isolated-agent delivery (t50g: src/cron/isolated-agent/delivery-dispatch.ts, run-executor.ts)
    ("[cron:daily-digest] delivery failed (bestEffort): Error: chat not found", "cron.delivery_failed",
     {"jobId": "daily-digest", "stage": "delivery failed", "error": "Error: chat not found"}),
    ("cron: failure alert delivery failed", "cron.delivery_failed", {"what": "failure alert"}),
    ("[cron:daily-digest] transient direct announce delivery failure, retrying 2/4 in 5s: Error: gateway not connected",
     "cron.delivery_retry", {"attempt": 2, "maxAttempts": 4, "delaySeconds": 5}),
    ("[cron:daily-digest] skipping stale delivery scheduled at 2026-11-20T05:00:00.000Z, started 185m late, current age "
     "186m", "cron.delivery_skipped", {"lateMinutes": 185, "ageMinutes": 186}),
    ("[cron:daily-digest] failed to mirror direct delivery into session transcript: session not found",
     "cron.delivery_housekeeping", {"what": "failed to mirror direct delivery into session transcript"}),
    ("PermissionPromptUnavailableError: Permission prompt unavailable in non-interactive mode",
     "acp.permission_unavailable", {"reason": "unavailable"}),
    ("[hooks] before_prompt_build handler from hindsight-openclaw failed: timed out after 15000ms", "plugin.hook_failed",
     {"hook": "before_prompt_build", "plugin": "hindsight-openclaw", "timeoutMs": 15000}),    ("codex app-server client closed before turn completed threadId=thr_1 turnId=turn_2", "codex.turn_cut",
     {"threadId": "thr_1", "turnId": "turn_2"}),
    ("feishu[default]: failed to dispatch message: TypeError: Cannot read properties of undefined (reading 'catch')",
     "channel.handler_broken", {"channel": "feishu", "account": "default"}),
    ("[telegram] [diag] isolated polling update spooled updateId=41", "channel.inbound_accepted", {"updateId": "41"}),
    ("[default] Google Chat webhook auth rejected: missing add-on principal binding", "channel.inbound_unauthorized",
     {"channel": "googlechat", "reason": "missing add-on principal binding"}),
    ("[default] Circuit breaker opened for relay: wss://nos.lol", "channel.relay_set_aside", {"relay": "wss://nos.lol"}),
    ("read failed: ENOENT: no such file or directory, access '/home/u/.openclaw/workspace/docs/index.md'",
     "tools.call_failed", {"tool": "read"}),
    ("pdf failed: Anthropic PDF request timed out after 120000ms", "tools.timeout", {"tool": "pdf", "timeoutMs": 120000}),
    ("image failed: Local media file not found: /tmp/a.webp", "tools.call_failed", {"tool": "image"}),
    ("OpenClaw dynamic tool call timed out after 60000ms while running tool image.", "tools.timeout",
     {"tool": "image", "timeoutMs": 60000}),
    ("OpenClaw dynamic tool call timed out after 90000ms while waiting for process action=poll sessionId=rapid-crustacean. "
     "This is a tool RPC timeout, not a session idle timeout.", "tools.timeout", {"tool": "process", "timeoutMs": 90000}),
    ("codex process tool timeout: action=poll toolTimeoutMs=90000; per-tool-call watchdog, not session idle",
     "tools.timeout", {"tool": "process", "timeoutMs": 90000}),
    ("menu text exceeded the conservative 5700-character payload budget; shortening descriptions to keep 79 commands "
     "visible.", "channel.menu_trimmed", {"budgetChars": 5700, "commands": 79}),
    ("startup model warmup timed out after 5000ms; continuing without waiting", "gateway.model_warmup_timeout",
     {"timeoutMs": 5000}),
    ("auth profile failure state updated: runId=run-1 profile=sha256:9c018ec112cf provider=ollama reason=model_not_found "
     "window=cooldown reused=false", "model.auth_profile_failure", {"provider": "ollama", "reason": "model_not_found"}),
    ("[default] Zalo webhook admission failed: ZaloWebhookPayloadError: Zalo webhook body contains invalid JSON.",
     "channel.payload_rejected", {"channel": "zalo", "account": "default"}),
    ("- Slack work (Acme): disabled, configured, stopped, token:config", "channel.status",
     {"channel": "slack", "account": "work", "enabled": "disabled", "configured": "configured"}),
    ("Started openclaw-gateway.service - OpenClaw Gateway (v2026.4.14).", "gateway.unit_lifecycle",
     {"stage": "Started", "unit": "openclaw-gateway.service"}),
    ("restarting telegram channel after secrets reload", "channel.reload_restart",
     {"channel": "telegram", "reason": "secrets reload"}),
    # the t48d source audit: the gateway's start refusals, config reloads, plugin services, auto-update
    ("failed to bind gateway socket on ws://127.0.0.1:18789: Error: listen EACCES: permission denied 127.0.0.1:18789",
     "gateway.start_failed", {"bindUrl": "ws://127.0.0.1:18789"}),
    ("config change detected; evaluating reload (gateway.port, channels.telegram.botToken)", "gateway.config_change",
     {"paths": "gateway.port, channels.telegram.botToken"}),
    ("config reload skipped (invalid config): agents.defaults.model: Invalid input", "gateway.reload_skipped",
     {"reason": "invalid config", "issues": "agents.defaults.model: Invalid input"}),
    ("config reload failed: Error: EACCES: permission denied", "gateway.reload_failed", {"stage": "reload"}),
    ("plugin service failed (memos-viewer, plugin=memos-local, root=/srv/ext/memos-local): listen EADDRINUSE: "
     "address already in use :::18799", "plugin.service_failed", {"service": "memos-viewer", "plugin": "memos-local"}),
    ("plugin service stop failed (acpx-runtime): Error: timeout", "plugin.service_stop_failed",
     {"service": "acpx-runtime"}),
    ("auto-update handoff started", "gateway.auto_update", {"stage": "handoff started"}),
    # a Codex turn closed by its terminal tool's result, and a sessions_yield call: the turn handed off (f374, f430)
    ("codex app-server turn released after terminal dynamic tool result sessionKey=agent:main:main",
     "reply.handed_off", {"sessionKey": "agent:main:main"}),
    ("tool=sessions_yield sessionKey=agent:main:main", "reply.handed_off", {"sessionKey": "agent:main:main"}),
    # a Telegram send that went through, in the older and the newer wording (n61)
    ("telegram sendMessage ok chat=7201110294 message=1387 (plain)", "channel.reply_sent",
     {"channel": "telegram", "operation": "sendMessage", "messageId": "1387", "mode": "plain"}),
    ("outbound send ok accountId=ops chatId=123 messageId=654 operation=sendPhoto deliveryKind=photo threadId=45",
     "channel.reply_sent", {"operation": "sendPhoto", "deliveryKind": "photo"}),
    # the port diagnostics' first line, a second start refused (n65)
    ("Port 18789 is already in use.", "gateway.port_in_use", {"port": 18789}),
    # the daemon CLI's diagnostics of the gateway's service and a config refusal (n66)
    ("Gateway version mismatch: expected 2026.4.29, running gateway reported unavailable.",
     "gateway.service_diagnostic", {"reason": "version mismatch", "expected": "2026.4.29", "reported": "unavailable"}),
    ("Invalid config at /home/u/.clawdbot/clawdbot.json:\\n- plugins: plugin: plugin manifest not found: x",
     "config.invalid", {"configPath": "/home/u/.clawdbot/clawdbot.json"}),
]


@pytest.mark.parametrize(("message", "kind", "expected"), FAMILY_LINES, ids=[k for _, k, _ in FAMILY_LINES])
def test_family(message: str, kind: str, expected: dict[str, object]) -> None:
    event = one(tslog_line("2026-05-21T18:00:00.000+08:00", "diagnostic", message, level="WARN"))
    assert event.kind == kind
    for name, value in expected.items():
        assert event.fields.get(name) == value, name


def test_every_family_has_a_line_above() -> None:
    assert set(KINDS) - {kind for _, kind, _ in FAMILY_LINES} == set()


# -- inputs ---------------------------------------------------------------------------------


def test_gzip_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "openclaw-2026-05-21.log.gz"
    text = "\ufeff" + tslog_line("2026-05-21T18:00:00.000+08:00", "gateway", "agent model: openai/gpt-5") + "\r\n"
    text += tslog_line("2026-05-21T18:00:01.000+08:00", "gateway", "log file: /tmp/openclaw/openclaw-2026-05-21.log") + "\r\n"
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    stats = ParseStats()
    events = list(parse_path(str(path), ParseOptions(), stats))
    assert [e.kind for e in events] == ["gateway.agent_model", "gateway.log_file"]
    assert stats.unparsed == 0


def test_over_long_line_is_truncated_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "big.log"
    path.write_bytes(b"stalled session: sessionId=abc-123456 age=300s " + b"x" * 5000 + b"\nagent model: a/b\n")
    stats = ParseStats()
    events = list(parse_path(str(path), ParseOptions(max_line_bytes=1000), stats))
    assert [e.kind for e in events] == ["session.stalled", "gateway.agent_model"]
    assert events[0].truncated and stats.truncated == 1
    assert events[1].line == 2


def test_block_boundaries_do_not_split_lines() -> None:
    import io

    lines = [f"line {i} " + "y" * (i % 97) for i in range(5000)]
    data = ("\n".join(lines)).encode()
    got = [raw.data.decode() for raw in iter_raw_lines(io.BytesIO(data), "x")]
    assert got == lines


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_parser_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    import io

    stats = ParseStats()
    events = list(parse_lines(iter_raw_lines(io.BytesIO(data), "fuzz"), "fuzz", ParseOptions(tz=UTC), stats))
    assert stats.events == len(events)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=8))
def test_parser_never_raises_on_arbitrary_text_lines(lines: list[str]) -> None:
    parse_text_lines(lines, "fuzz.log", ParseOptions(tz=UTC))


# The official Feishu/Lark plugin (larksuite/openclaw-lark): its monitor's "WebSocket client started" is written once
# startWS returns, after the account's "disconnecting WebSocket" stop (src/channel/monitor.ts, src/core/lark-client.ts).
_LARK_STOP = "[feishu/core/lark-client] feishu: disconnecting WebSocket (accountId=main)"
_LARK_STARTED = "[feishu] feishu[main]: WebSocket client started"


def _feishu_kinds(*lines: str) -> list[tuple[str, bool]]:
    return [(e.kind, bool(e.fields.get("afterStop"))) for e in parse_text_lines(list(lines), "x.log",
                                                                            ParseOptions(tz=UTC))
            if e.kind.startswith("channel.")]


def test_the_feishu_plugins_client_started_after_its_stop_is_the_stops_end() -> None:
    stopped_then_started = [
        f"2026-11-20T10:05:00.010Z {_LARK_STOP}",
        "2026-11-20T10:05:00.011Z [feishu/core/lark-client] feishu: disposing message dedup (accountId=main, size=0)",
        "2026-11-20T10:05:00.012Z [feishu] feishu[main]: bot open_id resolved: unknown",
        f"2026-11-20T10:05:00.012Z {_LARK_STARTED}",
        "2026-11-20T10:05:00.013Z [feishu/channel/monitor] feishu: websocket started for account main",
    ]
    assert _feishu_kinds(*stopped_then_started) == [("channel.stopping", False), ("channel.stopping", True)]
    # the file's records alike, the stop with its meta object or without it
    records = [tslog_line("2026-11-20T10:05:00.010Z", "feishu/core/lark-client",
                          "feishu: disconnecting WebSocket (accountId=main)", meta={"accountId": "main"}),
               tslog_line("2026-11-20T10:05:00.012Z", "gateway/channels/feishu", "feishu[main]: WebSocket client started")]
    assert _feishu_kinds(*records) == [("channel.stopping", False), ("channel.stopping", True)]
    assert _feishu_kinds(tslog_line("2026-11-20T10:05:00.010Z", "feishu/core/lark-client",
                                    "feishu: disconnecting WebSocket (accountId=main)"), records[1]) == \
        [("channel.stopping", False), ("channel.stopping", True)]
    # untimed, and several accounts stopped on one signal (each account's own stop counts)
    assert _feishu_kinds(_LARK_STOP, "[feishu/core/lark-client] feishu: disconnecting WebSocket (accountId=work)",
                         _LARK_STARTED, "[feishu] feishu[work]: WebSocket client started") == \
        [("channel.stopping", False)] * 2 + [("channel.stopping", True)] * 2


def test_a_feishu_client_started_with_no_plugin_stop_just_before_it_stays_a_start() -> None:
    started = ("channel.polling_started", False)
    # the bundled channel's order: its start, its own stop words after
    assert _feishu_kinds("[feishu] feishu[main]: starting WebSocket connection...", _LARK_STARTED,
                         "[feishu] feishu[main]: abort signal received, stopping") == \
        [("channel.starting", False), started, ("channel.stopping", False)]
    # another account's stop; a start of the account, or a new process, between; too late or too far after the stop
    assert _feishu_kinds("[feishu/core/lark-client] feishu: disconnecting WebSocket (accountId=work)",
                         _LARK_STARTED)[-1] == started
    assert _feishu_kinds(_LARK_STOP, "[feishu] feishu[main]: starting WebSocket connection...", _LARK_STARTED)[-1] == \
        started
    assert _feishu_kinds(_LARK_STOP, "[feishu] [main] starting provider", _LARK_STARTED)[-1] == started
    assert _feishu_kinds(f"2026-11-20T10:05:00.010Z {_LARK_STOP}",
                         "2026-11-20T10:05:02.000Z [gateway] listening on ws://127.0.0.1:18789 (PID 4242)",
                         f"2026-11-20T10:05:03.000Z {_LARK_STARTED}")[-1] == started
    assert _feishu_kinds(f"2026-11-20T10:05:00.010Z {_LARK_STOP}", f"2026-11-20T10:05:06.000Z {_LARK_STARTED}")[-1] == \
        started
    assert _feishu_kinds(_LARK_STOP, *["[gateway] noise"] * 64, _LARK_STARTED)[-1] == started


# -- compound durations ---------------------------------------------------------------------


@pytest.mark.parametrize(("age", "seconds"), [("5m 0s", 300.0), ("5m0s", 300.0), ("1h 2m", 3720.0), ("1d2h", 93600.0),
                                              ("757s", 757.0)])
def test_a_stall_lines_compound_age_is_seconds(age: str, seconds: float) -> None:
    for shape in ("jsonl", "text"):
        message = f"stalled session: sessionId={SID} sessionKey={KEY} state=processing age={age} queueDepth=1 " \
                  "reason=active_work_without_progress recovery=none"
        line = tslog_line("2026-05-21T18:46:43.120+08:00", "diagnostic", message, level="WARN") if shape == "jsonl" \
            else f"2026-05-21T18:46:43.120+08:00 [diagnostic] {message}"
        event = one(line)
        assert event.kind == "session.stalled"
        assert event.seconds["age"] == seconds, shape
        assert event.fields["queueDepth"] == 1 and "words" not in event.fields, shape


@pytest.mark.parametrize(("age", "seconds"), [("2m 5s", 125.0), ("2m5s", 125.0), ("1500.07s", 1500.07),
                                              ("500ms", 0.5)])
def test_a_spool_handler_timeouts_compound_age_is_seconds(age: str, seconds: float) -> None:
    event = one(f"2026-05-21T18:46:43.120+08:00 [telegram] Telegram isolated polling spool handler timed out behind "
                f"update 42 on lane telegram:123 after {age}; marking the update failed")
    assert event.kind == "channel.ingress_stalled"
    assert event.seconds["age"] == seconds


# -- f61: the process guard's words pasted without their console tag ------------------------------------------------

_GUARD_LINES = [
    "Unhandled promise rejection: Error: EMFILE: too many open files, watch '/home/u/.openclaw/workspace/MEMORY.md'",
    "Uncaught exception: Error: write EPIPE",
    "Unhandled promise rejection: TypeError: fetch failed",
    "Unhandled promise rejection: Error: Agent listener invoked outside active run",
    "Non-fatal unhandled rejection (continuing): TypeError: fetch failed",
    "Non-fatal uncaught exception (continuing): Error: write EPIPE",
    "Suppressed AbortError: AbortError: This operation was aborted",
]


@pytest.mark.parametrize("message", _GUARD_LINES)
@pytest.mark.parametrize("before", ["", "12:04:33 ", "2026-05-29T10:00:00.000Z ", "error ", "warn "])
def test_the_guards_untagged_line_reads_as_its_tagged_line(message: str, before: str) -> None:
    # src/infra/unhandled-rejections.ts and the uncaughtException handlers of src/index.ts / src/cli/run-main.ts write
    # "[openclaw] <words>: <err>"; a reporter pasting the line without its tag (f5999) still shows OpenClaw's guard:
    # the same kind and fields as the tagged line, in a shape that counts as an OpenClaw line (no subsystem)
    tagged = parse_text_lines([f"[openclaw] {message}"])[0]
    bare = parse_text_lines([before + message])[0]
    assert bare.shape == "guard-untagged" and bare.subsystem is None
    assert (bare.kind, bare.message, dict(bare.fields)) == (tagged.kind, tagged.message, dict(tagged.fields))
    assert (bare.time is not None) == bool(before[:1].isdigit())


@pytest.mark.parametrize("text", [
    "The gateway logged Unhandled promise rejection: Error: EMFILE: too many open files",  # a sentence, mid-line
    "I keep seeing Uncaught exception: Error: write EPIPE after the update",
    "Error: EMFILE: too many open files, watch '/home/u/.openclaw/workspace/MEMORY.md'",  # Node's own print
    "    at FSWatcher.<computed> (node:internal/fs/watchers:247:19)",  # a frame
    "node:internal/process/promises:391",
    "Uncaught exceptions are logged and the process exits",  # the words without the guard's colon
    "unhandled promise rejection: Error: x",  # not the guard's casing
])
def test_prose_and_nodes_own_output_are_not_the_guards_line(text: str) -> None:
    event = parse_text_lines([text])[0]
    assert event.shape != "guard-untagged" and event.kind == "generic"


def test_an_untagged_guard_line_makes_the_input_an_openclaw_log() -> None:
    from stuckscan.commands._inputs import recognised_lines

    def recognised(lines: list[str]) -> int:
        stats = ParseStats()
        for event in parse_text_lines(lines):
            stats.note_event(event)
        return recognised_lines(stats)

    assert recognised([_GUARD_LINES[0]]) == 1
    assert recognised(["The gateway logged Unhandled promise rejection: Error: EMFILE", "Error: EMFILE: too many"]) == 0
