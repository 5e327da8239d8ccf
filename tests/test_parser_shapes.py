"""The shapes users actually paste, and container log lines, become the right typed events.

Lines come from public openclaw/openclaw issues (issue numbers in the comments); personal
ids are replaced by fakes of the same shape.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from stuckscan._identity import IdentityResolver, PrefixIndex
from stuckscan._kv import tokenize
from stuckscan.analysis import analyze_events, analyze_paths
from stuckscan.events import NOTE_KIND, Event, elided_parts, usable_name
from stuckscan.fastscan import iter_scan_events
from stuckscan.inputs import RawLine
from stuckscan.parallel import analyze_paths_fast
from stuckscan.parser import LineParser, ParseOptions, ParseStats, parse_lines, parse_text_lines
from stuckscan.shapes import Record
from tests.conftest import tslog_line

UTC = timezone.utc
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_logs"
SID = "0829a221-a12c-49cb-9a64-42c2fc1a89ea"
KEY = "agent:main:telegram:direct:7012345678"
STALLED = (f"stalled session: sessionId={SID} sessionKey={KEY} state=processing age=757s queueDepth=1 "
           "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=embedded_run "
           "lastProgress=model_call:ended lastProgressAge=664s recovery=checking")
OPTIONS = ParseOptions(date=date(2026, 5, 21), tz=UTC)


def parse(*lines: str, options: ParseOptions = OPTIONS) -> list[Event]:
    return parse_text_lines(list(lines), "openclaw-2026-05-21.log", options)


def one(line: str, options: ParseOptions = OPTIONS) -> Event:
    events = [e for e in parse(line, options=options) if e.kind != NOTE_KIND]
    assert len(events) == 1, events
    return events[0]


def stats_of(*lines: str) -> ParseStats:
    stats = ParseStats()
    raw = (RawLine(n, line.encode()) for n, line in enumerate(lines, 1))
    list(parse_lines(raw, "paste.txt", OPTIONS, stats))
    return stats


# -- 1. JSON field fragments ------------------------------------------------------------------


def test_message_field_alone_with_trailing_comma() -> None:
    event = one(f'"message":"{STALLED}",')
    assert (event.kind, event.shape) == ("session.stalled", "json-fragment")
    assert event.fields["sessionId"] == SID and event.seconds["age"] == 757


def test_numbered_field_and_time_on_one_line() -> None:
    event = one(f'"time":"2026-05-21T18:46:43.120+08:00","1":"{STALLED}"')
    assert event.kind == "session.stalled"
    assert event.time == datetime(2026, 5, 21, 10, 46, 43, 120000, tzinfo=UTC)


def test_record_tail_with_meta_and_time() -> None:
    record = tslog_line("2026-05-21T18:46:43.120+08:00", "diagnostic", STALLED, level="WARN")
    tail = record[record.index('"1":'):] + ","
    event = one(tail)
    assert event.kind == "session.stalled" and event.subsystem == "diagnostic" and event.level == "warn"
    assert event.time == datetime(2026, 5, 21, 10, 46, 43, 120000, tzinfo=UTC)


def test_fields_cut_inside_a_string_or_a_nested_object() -> None:
    cut = one(f'"1":"stalled session: sessionId={SID} age=847s queueDepth=1 reason=active_work_with')
    assert cut.kind == "session.stalled" and cut.fields["age"] == 847
    nested = one(f'"0":"{{\\"subsystem\\":\\"diagnostic\\"}}","1":"{STALLED}","_meta":{{"runtime":"node"')
    assert nested.kind == "session.stalled" and nested.subsystem == "diagnostic"


def test_a_field_that_says_nothing_stays_text() -> None:
    assert one('"time":"2026-05-21T18:47:51.002+08:00"').kind == "generic"


def test_a_lone_json_string_is_its_message() -> None:  # `jq .message` output
    event = one(json.dumps(STALLED))
    assert event.kind == "session.stalled" and event.fields["lastProgress"] == "model_call:ended"


# -- 2. a record's values in a row -------------------------------------------------------------


def test_binding_object_then_message() -> None:
    event = one('{"subsystem":"gateway/ws"},"handshake timeout conn=c0a236c7-496c-487a-a839-7442c721e3e7 '
                'remote=127.0.0.1"')
    assert (event.kind, event.subsystem, event.shape) == ("ws.handshake_timeout", "gateway/ws", "values")
    assert event.fields["conn"] == "c0a236c7-496c-487a-a839-7442c721e3e7"


def test_binding_string_meta_object_then_message() -> None:
    event = one('"{\\"subsystem\\":\\"gateway/ws\\"}",{"cause":"handshake-timeout","handshake":"failed",'
                '"durationMs":3121,"host":"127.0.0.1:18789","handshakeMs":3002},"closed before connect '
                'conn=1bf8fcf9-117e-486a-8aa0-6e16b498102d remote=127.0.0.1 code=1000 reason=n/a"')
    assert event.kind == "ws.closed_before_connect" and event.subsystem == "gateway/ws"
    assert event.seconds["durationMs"] == 3.121 and event.seconds["handshakeMs"] == 3.002
    assert event.fields["code"] == 1000 and event.fields["cause"] == "handshake-timeout"


def test_binding_object_then_plain_text() -> None:
    event = one('{"subsystem":"diagnostic"} lane task error: lane=main durationMs=1604 error="FailoverError: HTTP 401"')
    assert event.kind == "lane.task_error" and event.subsystem == "diagnostic"


# -- 3. a meta object alone, merged with its closed-before-connect line -------------------------

CLOSE = ("closed before connect conn=1bf8fcf9-117e-486a-8aa0-6e16b498102d remote=127.0.0.1 fwd=n/a origin=n/a "
         "host=127.0.0.1:18789 ua=n/a code=1000 reason=n/a")
META = '{"cause": "handshake-timeout", "handshake": "failed", "durationMs": 4020, "handshakeMs": 2999}'  # #51274


def test_meta_object_alone_is_a_close_event_with_durations() -> None:
    event = one(META)
    assert (event.kind, event.shape, event.level) == ("ws.closed_before_connect", "meta", "warn")
    assert event.seconds == {"durationMs": 4.02, "handshakeMs": 2.999}
    assert event.fields["cause"] == "handshake-timeout"


def test_a_slow_listeners_meta_object_alone_is_the_slow_listener() -> None:
    event = one('{"subsystem":"discord/monitor","listener":"DiscordMessageListener","durationMs":89227,'
                '"duration":"89.2 seconds"}')
    assert (event.kind, event.subsystem, event.level) == ("channel.slow_listener", "discord/monitor", "warn")
    assert event.seconds == {"durationMs": 89.227}
    assert one('{"listener":"DiscordMessageListener"}').kind != "channel.slow_listener"  # (no duration: no reading)
    timed_out = one('{"scope":"event-queue","level":"error","type":"listener-timeout","listener":'
                    '"InteractionEventListener","eventType":"INTERACTION_CREATE","lane":"critical","timeoutMs":120000}')
    assert (timed_out.kind, timed_out.level) == ("channel.listener_timeout", "error")
    assert timed_out.seconds == {"timeoutMs": 120.0}


@pytest.mark.parametrize("order", ["text first", "meta first"])
def test_meta_object_next_to_its_text_line_is_merged(order: str) -> None:
    text = "08:29:16+01:00 [ws] " + CLOSE
    events = parse(text, META) if order == "text first" else parse(META, text)
    assert len(events) == 1
    event = events[0]
    assert event.line == (1 if order == "text first" else 2)
    assert event.fields["code"] == 1000 and event.seconds["durationMs"] == 4.02
    assert event.time == datetime(2026, 5, 21, 7, 29, 16, tzinfo=UTC)


def test_meta_is_merged_once_and_never_into_a_record_or_another_kind() -> None:
    events = parse(CLOSE, META, META)
    assert [e.shape for e in events] == ["snippet", "meta"]
    record = tslog_line("2026-05-21T18:47:51.002+08:00", "gateway/ws", CLOSE, level="WARN")
    assert len(parse(record, META)) == 2
    assert len(parse("handshake timeout conn=x remote=127.0.0.1", META)) == 2


def test_meta_in_key_value_form_and_with_elided_values() -> None:
    kv = one("14:21:41.196  WARN  gateway/ws  cause=handshake-timeout  durationMs=7003  handshakeMs=3000")  # #46256
    assert kv.kind == "ws.closed_before_connect" and kv.seconds["durationMs"] == 7.003
    elided = one('{"cause":"handshake-timeout","handshake":"failed","durationMs":…,"handshakeMs":…}')
    assert elided.kind == "ws.closed_before_connect" and elided.fields["durationMs"] is None


# -- 4. openclaw logs with aligned columns --------------------------------------------------------


def test_aligned_columns_upper_case_level_and_milliseconds() -> None:
    event = one("14:21:37.193  WARN  gateway/ws  handshake timeout  conn=a4a06551...  remote=127.0.0.1")  # #46256
    assert (event.kind, event.level, event.subsystem, event.shape) == ("ws.handshake_timeout", "warn", "gateway/ws",
                                                                        "logs-pretty")
    assert event.time == datetime(2026, 5, 21, 14, 21, 37, 193000, tzinfo=UTC)
    assert event.fields["remote"] == "127.0.0.1"


def test_logs_line_with_binding_and_meta_object_before_the_message() -> None:  # #81132
    event = one('19:15:56+00:00 warn fetch-timeout {"subsystem":"fetch-timeout"} {"timeoutMs":10000,"elapsedMs":332324,'
                '"timerDelayMs":322324,"eventLoopDelayHint":"timer delayed 322324ms, likely event-loop starvation",'
                '"operation":"fetchWithTimeout"} fetch timeout reached; aborting operation')
    assert event.kind == "fetch.timeout" and event.subsystem == "fetch-timeout"
    assert event.fields["timerDelayMs"] == 322324 and event.message == "fetch timeout reached; aborting operation"


# -- 5. console lines with their time or tag cut, and untimed logs lines --------------------------------


@pytest.mark.parametrize(("line", "kind", "subsystem"), [
    (":05 [ws] handshake timeout conn=0cf5dd74-651b-4f1d-81c4-0f77fb88cf41 remote=127.0.0.1", "ws.handshake_timeout",
     "gateway/ws"),
    (f"diagnostic] {STALLED}", "session.stalled", "diagnostic"),
    (f"4:31.537+00:00 [diagnostic] {STALLED}", "session.stalled", "diagnostic"),
    ("warn  diagnostic stuck session recovery skipped: reason=active_embedded_run action=observe_only "
     "sessionId=blane-42 ... age=121s ...", "recovery.skipped", "diagnostic"),  # #79979
    ("error conn=c0a236c7 remote=127.0.0.1: Error: read ECONNRESET", "ws.error", None),
])
def test_cut_and_untimed_console_lines(line: str, kind: str, subsystem: str | None) -> None:
    event = one(line)
    assert (event.kind, event.subsystem) == (kind, subsystem)
    assert event.time is None


def test_a_time_with_its_fraction_cut_or_a_zone_name_after_it() -> None:
    cut = one("2026-06-17T15:20:09.xxx-04:00 [agent/embedded] embedded run auto-compaction start (overflow)")  # f116
    assert (cut.kind, cut.shape) == ("embedded.compaction", "console") and cut.fields["reason"] == "overflow"
    assert cut.time == datetime(2026, 6, 17, 19, 20, 9, tzinfo=UTC)
    events = parse("2026-06-27T05:04:57 PDT session state:",  # f111: the reporter's tool printed the zone
                   '  prev=processing new=idle reason="run_completed" queueDepth=2')
    assert len(events) == 1 and events[0].kind == "session.state" and events[0].fields["new"] == "idle"
    assert events[0].time == datetime(2026, 6, 27, 12, 4, 57, tzinfo=UTC)


def test_a_subsystem_named_before_its_message() -> None:  # f201
    timeout, close = parse("gateway/ws: handshake timeout conn=<id> remote=127.0.0.1",
                           "gateway/ws: closed before connect cause=handshake-timeout, handshakeMs=3000, durationMs=8874")
    assert (timeout.kind, timeout.subsystem, timeout.shape) == ("ws.handshake_timeout", "gateway/ws", "subsystem-prefixed")
    assert close.kind == "ws.closed_before_connect" and close.seconds == {"handshakeMs": 3.0, "durationMs": 8.874}
    assert one("agent model: openai/gpt-5").kind == "gateway.agent_model"  # no subsystem here


def test_a_markdown_bullet_before_a_log_message() -> None:  # f107
    event = one("12:01:02 - embedded run start: runId=12cbe357-aaaa-4bbb-8ccc-0123456789ab sessionId=s-123456")
    assert event.kind == "embedded.run_start" and event.fields["runId"].startswith("12cbe357")
    assert one("- Removed 2 stale session lock file(s).").kind == "lock.doctor_removed"  # its own dash


@pytest.mark.parametrize(("line", "kind"), [
    ("stalled session ... age=139s ... terminalProgressStale=true recovery=none", "session.stalled"),  # f008
    ("stalled session … reason=blocked_tool_call … activeTool=exec", "session.stalled"),  # f020
    ("sessions_yield abort settle timed out ... timeoutMs=2000", "abort.settle_timeout"),  # f127
])
def test_a_label_whose_colon_was_cut(line: str, kind: str) -> None:
    assert one(line).kind == kind


def test_a_cut_label_in_a_gateway_record_reads_alike_on_the_fast_path(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    lines = [tslog_line("2026-05-21T18:00:00.000+08:00", "gateway", "agent model: a/b"),
             tslog_line("2026-05-21T18:00:01.000+08:00", "diagnostic", "stalled session ... age=139s recovery=none",
                        level="WARN")]
    log.write_text("\n".join(lines) + "\n")
    kinds = [e.kind for e in iter_scan_events([str(log)], OPTIONS, ParseStats()) if e.kind != "generic"]
    assert kinds == ["gateway.agent_model", "session.stalled"]


# -- 6. CLI error output --------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "kind", "fields"), [
    ("Error: gateway closed (1000 normal closure): no close reason", "gateway.closed",
     {"code": 1000, "reason": "no close reason"}),  # #51274
    ("Error: gateway timeout after 10000ms", "gateway.timeout", {"timeoutMs": 10000}),  # #7667
    ("GatewayTransportError: gateway timeout after 10000ms", "gateway.timeout", {"timeoutMs": 10000}),
    ("Health check failed: gateway closed (1006 abnormal closure (no close frame)): no close reason", "gateway.closed",
     {"code": 1006}),  # #51144
    ("19:15:03+00:00 error Gateway stability failed: GatewayTransportError: gateway timeout after 10000ms",
     "gateway.timeout", {"timeoutMs": 10000}),  # #81132
    ("Error: gateway closed (1008): pairing required", "gateway.closed", {"code": 1008}),
    ("23:05:57+00:00 error [openclaw] Failed to start CLI: Error: gateway closed (1006 abnormal closure (no close "
     "frame)): no close reason", "gateway.closed", {"code": 1006}),  # NVIDIA/NemoClaw#2015: the CLI entry's own catch
])
def test_error_prefixes_do_not_hide_the_family(line: str, kind: str, fields: dict) -> None:
    event = one(line)
    assert event.kind == kind
    for name, value in fields.items():
        assert event.fields[name] == value


def test_a_wrapped_message_in_a_gateway_record_reads_alike_on_the_fast_path(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    lines = [tslog_line("2026-05-21T18:00:00.000+08:00", "gateway", "agent model: a/b"),
             tslog_line("2026-05-21T18:00:01.000+08:00", "gateway", "Error: gateway timeout after 10000ms", level="ERROR"),
             tslog_line("2026-05-21T18:00:02.000+08:00", "gateway", "Gateway stability failed: GatewayTransportError: "
                        "gateway timeout after 10000ms", level="ERROR"),
             tslog_line("2026-05-21T18:00:03.000+08:00", "openclaw", "Failed to start CLI: Error: gateway timeout after "
                        "10000ms", level="ERROR")]
    log.write_text("\n".join(lines) + "\n")
    stats = ParseStats()
    kinds = [e.kind for e in iter_scan_events([str(log)], OPTIONS, stats) if e.kind != "generic"]
    assert kinds == ["gateway.agent_model", "gateway.timeout", "gateway.timeout", "gateway.timeout"]


# -- 7. elided ids ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["agent:main:telegram:direct:…", "...", "<id>", "<REDACTED>", "[redacted]", "xxx",
                                   "0829a221…", "agent:blane:cron:67563352-...:run:63c24af6-...", "****",
                                   "agent:main:telegram:direct:****", "{sessionId}", "0829a221-xxxx-xxxx",
                                   "agent:main:telegram:direct:REDACTED"])
def test_elided_values_are_no_session_name(value: str) -> None:
    assert usable_name(value) is None
    event = one(f"stalled session: sessionId={value} sessionKey={value} state=processing age=150s")
    assert event.raw["sessionId"] in value  # the text is kept (a bracketed value loses its brackets)
    assert event.identity_names() == (None, None, None)


@pytest.mark.parametrize("value", ["agent:main:telegram:direct:7012345678", SID, "blane-42", "box", "taxi-xx",
                                   "agent:main:discord:channel:hidden-agent"])
def test_names_that_merely_look_alike_stay_names(value: str) -> None:
    assert usable_name(value) == value


def test_elided_parts() -> None:
    assert elided_parts("0829a221…") == ("0829a221", "")
    assert elided_parts("8f800c79…b8f9") == ("8f800c79", "b8f9")
    assert elided_parts("agent:blane:cron:67563352-...:run:63c24af6-...") == ("agent:blane:cron:67563352-", "")
    assert elided_parts(SID) is None


def test_elided_numbers_are_unknown_values() -> None:
    parsed = tokenize("age=…s queueDepth=... durationMs=<n> lastProgressAge=Ns elapsed=12…ms state=idle")
    assert parsed.fields == {"age": None, "queueDepth": None, "durationMs": None, "lastProgressAge": None,
                             "elapsed": None, "state": "idle"}
    assert parsed.raw["age"] == "…s" and parsed.seconds == {}


def test_elision_words_are_neither_bare_words_nor_field_text() -> None:
    parsed = tokenize("… action=abort_embedded_run ... reason=active_reply_work … released=0")
    assert "words" not in parsed.fields and not parsed.bare
    assert parsed.fields["reason"] == "active_reply_work" and parsed.fields["released"] == 0


def warning(key: str, at: str, age: int, session_id: str = "…") -> str:
    return (f"2026-05-21T{at}.000+00:00 [diagnostic] stalled session: sessionId={session_id} sessionKey={key} "
            f"state=processing age={age}s queueDepth=1 reason=active_work_without_progress "
            "classification=stalled_agent_run recovery=none")


def incidents_of(*lines: str) -> list:
    stats = ParseStats()
    raw = (RawLine(n, line.encode()) for n, line in enumerate(lines, 1))
    analysis = analyze_events(parse_lines(raw, "paste.txt", OPTIONS, stats), stats)
    return analysis.incidents


def test_two_sessions_printed_with_the_same_elided_key_stay_two_incidents() -> None:
    elided = "agent:main:telegram:direct:…"
    incidents = incidents_of(warning(elided, "10:00:00", 150), warning(elided, "10:00:01", 400),
                             warning(elided, "10:00:30", 180), warning(elided, "10:00:31", 430))
    lines = sorted([e.line for e in i.timeline] for i in incidents)
    assert lines == [[1, 3], [2, 4]]
    assert all(elided in (i.session_key or "") for i in incidents)


def test_sessionid_dots_is_no_session_id() -> None:
    incidents = incidents_of(warning("…", "10:00:00", 150, "..."), warning("…", "10:00:01", 500, "..."))
    assert len(incidents) == 2 and all(i.session_id is None for i in incidents)


def test_a_partly_elided_id_joins_the_one_session_it_names() -> None:
    incidents = incidents_of(warning(KEY, "10:00:00", 180, SID), warning("agent:main:telegram:direct:70…", "10:00:30",
                                                                        210, "0829a221…"))
    assert len(incidents) == 1
    assert incidents[0].session_key == KEY and [e.line for e in incidents[0].timeline] == [1, 2]


def test_an_ambiguous_prefix_joins_nothing() -> None:
    other = "0829a221-ffff-4bbb-8ccc-000000000000"
    incidents = incidents_of(warning(KEY, "10:00:00", 180, SID), warning("agent:main:discord:channel:99", "10:00:01",
                                                                        300, other),
                             warning("…", "10:00:30", 210, "0829a221…"))
    assert len(incidents) == 3


def test_a_fault_line_named_only_by_elided_ids_stands_alone() -> None:  # the field corpus f121
    incidents = incidents_of("2026-05-21T10:00:00.000+00:00 [agent/embedded] embedded run timeout: runId=<...> "
                             "sessionId=<...> timeoutMs=600000",
                             "2026-05-21T10:03:00.000+00:00 [agent/embedded] embedded run timeout: runId=<...> "
                             "sessionId=<...> timeoutMs=600000")
    assert sorted([e.line for e in i.timeline] for i in incidents) == [[1], [2]]


def test_prefix_index_is_bounded_and_needs_enough_of_the_name() -> None:
    index = PrefixIndex(capacity=3)
    for name in ("agent:main:telegram:direct:111111", "agent:main:telegram:direct:222222", "aaaaaaaa-1", "bbbbbbbb-2"):
        index.add(name)
    assert len(index) == 3
    assert index.complete("agent:main:telegram:direct:1111…") is None  # forgotten (least recently added)
    assert index.complete("agent:main:telegram:direct:2222…") == "agent:main:telegram:direct:222222"
    assert index.complete("agent:main:telegram:direct:…") is None  # nothing of the peer is left
    assert index.complete("aaa…") is None  # too short to name anything
    assert index.complete("aaaaaaaa…") == "aaaaaaaa-1"


def test_the_fast_path_reads_elided_ids_as_the_parser_does() -> None:
    parser = LineParser("gateway.log", ParseOptions(), ParseStats())
    moment = datetime(2026, 5, 21, 10, 0, tzinfo=UTC)
    for message in ("lane dequeue: lane=session:agent:main:telegram:direct:… waitMs=3 queueSize=0",
                    "run registered: sessionId=0829a221… totalActive=1", "run cleared: sessionId=<id> totalActive=0"):
        fast = parser.build_jsonl(7, moment, "debug", "diagnostic", message)
        eager = parser._build(7, moment, Record("jsonl", None, "debug", "diagnostic", message, None), False)
        assert fast.identity_names() == eager.identity_names() == (None, None, None)
        assert IdentityResolver().resolve(fast) == IdentityResolver().resolve(eager)


# -- 8. the reporter's notes -------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "form", "count"), [
    ('(no "embedded run done" after this)', "line", None),
    ("<-- nothing after this for 10 minutes", "line", None),
    ("... 40 more identical lines ...", "omitted", 40),
    ("# then it hangs", "line", None),
    ("// gateway unresponsive here", "line", None),
    ("(12 similar lines omitted)", "omitted", 12),
    ("[... repeated every 30s ...]", "line", None),
    ("[and so on, every 30s, until the session ends]", "line", None),  # #79977
    ("...", "line", None),
    ("[...]", "line", None),
])
def test_notes_of_their_own(line: str, form: str, count: int | None) -> None:
    events = parse(line)
    assert [(e.kind, e.fields.get("form"), e.fields.get("count")) for e in events] == [(NOTE_KIND, form, count)]
    assert events[0].time is None and events[0].shape == "note"


@pytest.mark.parametrize(("line", "remark"), [
    (f"2026-05-21T18:46:43.120+08:00 [diagnostic] {STALLED}  <-- stuck here", "stuck here"),
    (f"{STALLED} ← this one", "this one"),
    ("13:31:56 aborting run: sessionId=6b994666...                    # manual /stop triggered",
     "manual /stop triggered"),  # #14772
    ("23:20:10  [diagnostic] stuck session: age=138s queueDepth=1          (#31032, 2026-03-01, abridged by reporter)",
     "#31032, 2026-03-01, abridged by reporter"),
])
def test_a_remark_after_a_line_is_a_note_and_the_line_parses_without_it(line: str, remark: str) -> None:
    events = parse(line)
    assert [e.kind for e in events][1:] == [NOTE_KIND]
    log, note = events
    assert note.message == remark and note.line == log.line == 1
    assert all(remark not in str(value) for value in log.fields.values())
    body = line[:line.rindex(remark)].rstrip(" <-←#(")
    bare = parse(body)[0]
    assert (log.kind, log.fields, log.time) == (bare.kind, bare.fields, bare.time)


def test_a_summary_after_a_wrapped_line_follows_the_joined_event() -> None:  # #145152
    events = parse("15:06:16.090 stuck session: sessionId=… sessionKey=agent:main:googlechat:direct:spaces/…",
                   "  state=processing age=127s queueDepth=7 reason=queued_work_without_active_run",
                   "  … activeWorkKind=embedded_run reason=active_reply_work      (x6, immediately after)",
                   "next")
    assert [e.kind for e in events] == ["session.stuck", NOTE_KIND, "generic"]
    assert events[0].fields["activeWorkKind"] == "embedded_run" and events[0].fields["queueDepth"] == 7
    assert events[1].fields == {"form": "omitted", "count": 6}


@pytest.mark.parametrize("line", [
    "← open conn=c0a236c7 remote=127.0.0.1", "← req chat.history id=1", "[ws] ← open", "→ close code=1000",
    "(node:4127) [DEP0040] DeprecationWarning: The `punycode` module is deprecated.",
    "(Use `node --trace-deprecation ...` to show where the warning was created)",
    "removed stale session lock: /tmp/a.jsonl.lock (dead-pid)", "#general is quiet", "... stalled session: age=150s",
    "[diagnostic] stalled session: age=150s", '[1,2,3]', "listening on ws://127.0.0.1:18789  (PID 5076)",
])
def test_log_lines_are_never_notes(line: str) -> None:
    assert all(e.kind != NOTE_KIND for e in parse(line))


def test_no_line_of_a_real_log_sample_is_a_note() -> None:
    pastes = {"issue-excerpts.txt": 6, "pasted-snippet.txt": 2}  # their markdown header, "...", remarks
    for path in sorted(SAMPLES.rglob("*")):
        if path.suffix not in (".log", ".txt", ".jsonl"):
            continue
        stats = ParseStats()
        list(parse_lines((RawLine(n, line) for n, line in enumerate(path.read_bytes().split(b"\n"), 1)),
                         path.name, OPTIONS, stats))
        assert stats.notes == pastes.get(path.name, 0), path


def test_notes_are_counted_apart_and_reach_the_report() -> None:
    stats = stats_of(STALLED + "  <-- here", "(12 similar lines omitted)", "plain text")
    assert stats.notes == 2 and stats.unparsed == 0 and stats.untimed == 2
    excerpt = SAMPLES / "shapes" / "issue-excerpts.txt"
    serial = analyze_paths([str(excerpt)], OPTIONS)
    assert serial.inputs.notes == 6
    assert analyze_paths_fast([str(excerpt)], OPTIONS, jobs=2, min_bytes=0).inputs.notes == 6


# -- 9. containers ---------------------------------------------------------------------------------

CONSOLE = f"2026-05-21T18:41:29.537+08:00 [diagnostic] {STALLED}"


@pytest.mark.parametrize(("lines", "shape"), [
    ([f"2026-05-21T10:41:29.537904321Z {CONSOLE}"], "docker+console"),
    ([json.dumps({"log": CONSOLE + "\n", "stream": "stderr", "time": "2026-05-21T10:41:29.537904321Z"})],
     "docker-json+console"),
    ([f"2026-05-21T10:41:29.537904321Z stderr F {CONSOLE}"], "cri+console"),
    ([f"2026-05-21T10:41:29.5Z stderr P {CONSOLE[:50]}", f"2026-05-21T10:41:29.6Z stderr P {CONSOLE[50:90]}",
      f"2026-05-21T10:41:29.7Z stderr F {CONSOLE[90:]}"], "cri+console"),
    ([json.dumps({"log": CONSOLE[:70], "stream": "stdout", "time": "2026-05-21T10:41:29.5Z"}),
      json.dumps({"log": CONSOLE[70:] + "\n", "stream": "stdout", "time": "2026-05-21T10:41:29.6Z"})],
     "docker-json+console"),
    ([f"[pod/openclaw-gateway-7d9f8b-x2k4q/gateway] {CONSOLE}"], "kubectl+console"),
])
def test_container_lines_give_the_bare_lines_event(lines: list[str], shape: str) -> None:
    bare = one(CONSOLE)
    events = parse(*lines)
    assert len(events) == 1
    event = events[0]
    assert event.shape == shape and event.line == 1
    assert (event.kind, event.fields, event.message, event.subsystem, event.time) == \
        (bare.kind, bare.fields, bare.message, bare.subsystem, bare.time)


def test_container_time_stands_in_when_the_line_has_none() -> None:
    event = one(json.dumps({"log": STALLED + "\n", "stream": "stdout", "time": "2026-05-21T10:41:29.537904321Z"}))
    assert event.time == datetime(2026, 5, 21, 10, 41, 29, 537904, tzinfo=UTC)
    cri = one(f"2026-05-21T10:41:29.537904321+00:00 stdout F {STALLED}")
    assert cri.time == datetime(2026, 5, 21, 10, 41, 29, 537904, tzinfo=UTC)


def test_a_gateway_record_inside_a_container_line() -> None:
    record = tslog_line("2026-05-21T18:46:43.120+08:00", "diagnostic", STALLED, level="WARN")
    for line, shape in ((json.dumps({"log": record + "\n", "stream": "stdout", "time": "2026-05-21T10:46:44Z"}),
                         "docker-json+jsonl"), (f"2026-05-21T10:46:44.000000001Z {record}", "docker+jsonl")):
        event = one(line)
        assert event.shape == shape and event.kind == "session.stalled"
        assert event.time == datetime(2026, 5, 21, 10, 46, 43, 120000, tzinfo=UTC)


def test_pieces_stay_bounded_and_an_unfinished_piece_is_still_read() -> None:
    stats = ParseStats()
    parser = LineParser("x", ParseOptions(max_line_bytes=100), stats)
    ready = []
    for n in range(1, 50):
        ready += parser.feed_line(n, f"2026-05-21T10:41:29.5Z stdout P {'x' * 40}".encode())
    assert ready == [] and parser._partial is not None and parser._partial.size <= 100
    last = list(parser.flush())
    assert len(last) == 1 and last[0].truncated and stats.lines == 49


def test_a_piece_interrupted_by_another_stream_is_read_alone() -> None:
    events = parse(f"2026-05-21T10:41:29.5Z stdout P {CONSOLE[:60]}", f"2026-05-21T10:41:30Z stderr F {CONSOLE}")
    assert [e.line for e in events] == [1, 2] and events[1].kind == "session.stalled"


def test_container_samples_analyse_as_their_console_lines() -> None:
    def findings(path: Path) -> list:
        analysis = analyze_paths([str(path)], OPTIONS)
        return [(i.session_key, i.status, i.primary and i.primary.rule.id, sorted(f.rule.id for f in i.contributing),
                 len(i.timeline)) for i in analysis.incidents]

    console = findings(SAMPLES / "console" / "gateway-2026-05-21.log")
    assert console
    for name in ("docker-logs-t.log", "docker-json-file.log", "cri-containerd.log", "kubectl-logs.log",
                 "docker-compose-logs.log"):
        assert findings(SAMPLES / "shapes" / name) == console, name


@pytest.mark.parametrize("name", ["cri-containerd.log", "docker-json-file.log"])
def test_container_logs_work_from_stdin(name: str) -> None:
    data = (SAMPLES / "shapes" / name).read_bytes()
    result = subprocess.run([sys.executable, "-m", "stuckscan", "events", "-", "--format", "jsonl", "--kind",
                             "session.*"], input=data, capture_output=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events and all(e["shape"].startswith(("cri+", "docker-json+")) for e in events)
    assert {e["kind"] for e in events} <= {"session.stalled", "session.stuck", "session.long_running", "session.state"}


# -- crafted lines stay linear ------------------------------------------------------------------------

CRAFTED = {
    "spaces before a comment mark": lambda n: "a" + " " * n + "  #=",
    "arrows then a field": lambda n: "stalled session: " + " <- a" * n + " =",
    "spaces before a summary": lambda n: "a" + " " * n + "(x=)",
    "dots as a number": lambda n: "stalled session: age=" + "." * n + "z",
    "dots as a note": lambda n: "..." + " ..." * n,
    "nested parentheses": lambda n: "(" + "(a) " * n + ")",
    "fields then a nested object": lambda n: '"a":"b",' * n + '"c":{',
    "values": lambda n: '{"subsystem":"x"},' + '"a",' * n,
    "a CRI time that never ends": lambda n: "2026-05-21T" + "9" * n + " stdout P x",
    "x-run": lambda n: "stalled session: sessionKey=" + "x" * n + "1 age=1s",
    "brackets before an arrow": lambda n: "a" + "[b" * n + "] <-- c",
    "untimed logs line": lambda n: "warn  " + "a/" * n + " x",
    "cut tag": lambda n: "a" * n + "] x",
    "elided JSON values": lambda n: '{"a":' + " " * n + '... "b"',
    "words after a free-text key": lambda n: "cause=handshake-timeout " + "ab " * n,
    "words after a free-text key, pattern tokenizer": lambda n: "lane task error: error=[x] reason=y " + "a: " * n,
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_crafted_lines_of_the_new_shapes_are_linear(name: str) -> None:
    build = CRAFTED[name]

    def seconds(size: int) -> float:
        parser = LineParser("openclaw-2026-05-21.log", OPTIONS, ParseStats())
        started = time.perf_counter()
        parser.parse_text(1, build(size))
        return time.perf_counter() - started

    seconds(2_000)  # warm caches
    small = min(seconds(2_000) for _ in range(3))
    large = min(seconds(16_000) for _ in range(2))
    assert large < max(small, 2e-3) * 8 * 4, f"{small:.4f} s -> {large:.4f} s for 8x the input"


def test_a_fragment_of_a_templates_own_fields_is_read_as_that_template() -> None:
    parsed = parse_text_lines([
        "eventLoopDelayMaxMs=40500  cpuCoreRatio=...   (during gateway startup)",
        "lane=session:agent:main:main waitedMs=185000 queueAhead=2",
        "age=380s state=processing",  # fields any template might write: stays text
    ])
    assert [e.kind for e in parsed] == ["liveness.warning", "lane.wait_exceeded", "generic"]
    assert parsed[0].fields["eventLoopDelayMaxMs"] == 40500 and parsed[0].fields["cpuCoreRatio"] is None
    assert parsed[0].message.startswith("eventLoopDelayMaxMs=")  # the line as pasted, no label added
    failover = parse_text_lines([
        "00:28:37 rawError=Request was aborted ... decision=surface_error from=opclaw/glm5",  # f2015: label cut
        "00:28:38 decision=candidate_failed reason=timeout",  # the model fallback's own decision stays its own
    ])
    assert [e.kind for e in failover] == ["embedded.failover", "model.fallback_decision"]
    assert failover[0].fields["decision"] == "surface_error"
    wrapped = parse_text_lines(["liveness warning: reasons=event_loop_delay", "  eventLoopDelayMaxMs=40500"])
    assert [e.kind for e in wrapped] == ["liveness.warning"]  # a wrapped tail still joins its line
    assert wrapped[0].fields["eventLoopDelayMaxMs"] == 40500


def test_a_ditto_line_repeats_the_stall_warning_above_it() -> None:
    parsed = parse_text_lines([
        "02:11:00  stalled session: sessionKey=agent:main:main age=139s terminalProgressStale=true recovery=none",
        "02:12:00  ... age=199s ... recovery=none",
        "02:12:30  ... age=229s tool=exec ...",   # a key the warning never had: not a repeat of it
        "... durationMs=5",
    ])
    assert [e.kind for e in parsed] == ["session.stalled", "session.stalled", "generic", "generic"]
    assert parsed[1].seconds["age"] == 199.0 and "sessionKey" not in parsed[1].fields
    alone = parse_text_lines(["02:12:00  ... age=199s ... recovery=none"])
    assert alone[0].kind == "generic"  # nothing above it to repeat


def kinds(lines: list[str]) -> list[str]:
    return [e.kind for e in parse_text_lines(lines) if e.kind != NOTE_KIND]


def test_a_reporters_relative_timeline_reads_the_line_after_the_offset() -> None:
    parsed = parse_text_lines(["T+4m43s  stalled session: sessionKey=agent:main:main age=283s lastProgressAge=261s",
                               "~T+22s   embedded run timeout: runId=r1 timeoutMs=120000"])
    assert [e.kind for e in parsed] == ["session.stalled", "embedded.timeout"]
    assert all(e.time is None for e in parsed)  # an offset is no clock time


def test_a_label_followed_by_spaces_where_its_colon_belongs_names_its_template() -> None:
    parsed = parse_text_lines(["stalled session  lastProgress=embedded_run:started  lastProgressAge=261s"])
    assert parsed[0].kind == "session.stalled" and parsed[0].seconds["lastProgressAge"] == 261.0
    assert kinds(["hello  world=1"]) == ["generic"]


def test_bracketed_padded_levels_and_untimed_viewer_columns() -> None:
    parsed = parse_text_lines(["2026-05-21T10:00:00.000Z [WARN ] [diagnostic] stalled session: sessionKey=k age=150s",
                               "agent/embedded WARN  embedded run timeout: runId=r1 timeoutMs=600000",
                               "ERROR                lane task error: lane=main durationMs=5 error=\"x\""])
    assert [e.kind for e in parsed] == ["session.stalled", "embedded.timeout", "lane.task_error"]
    assert parsed[0].level == "warn" and parsed[1].subsystem == "agent/embedded" and parsed[2].level == "error"



def test_a_five_wide_level_column_leaves_one_space_before_the_message() -> None:
    # `openclaw logs`-style columns with the time cut (f556, #142459): "INFO  ", "WARN  ", "ERROR ".
    parsed = parse_text_lines(["WARN  stalled session: sessionKey=agent:main:main age=193s",
                               'ERROR lane task error: lane=session:agent:main:main durationMs=0 error="aborted"'])
    assert [e.kind for e in parsed] == ["session.stalled", "lane.task_error"]
    assert [e.level for e in parsed] == ["warn", "error"]
    assert kinds(["WARN stalled cows"]) == ["generic"]


def test_a_level_word_one_space_before_a_message_is_the_lines_level() -> None:
    # (#52147's paste: "WARN embedded run timeout: ...", "DEBUG run cleanup: ..."; a banner "WARNING: ..." is no level)
    parsed = parse_text_lines(["WARN embedded run timeout: runId=r1 sessionId=s1 timeoutMs=600000",
                               "DEBUG run cleanup: runId=r1 sessionId=s1 aborted=true timedOut=true",
                               "INFO run cleared: sessionId=s1 totalActive=0"])
    assert [e.kind for e in parsed] == ["embedded.timeout", "run.cleanup", "run.cleared"]
    assert [e.level for e in parsed] == ["warn", "debug", "info"]
    assert parse_text_lines(["WARNING: This is a development server."])[0].level is None


def test_wrapped_lines_join_after_a_backslash_an_indent_or_as_a_lock_path() -> None:
    backslash = parse_text_lines(["stuck session recovery outcome: status=aborted action=abort_embedded_run \\",
                                  "         aborted=true drained=true forceCleared=false released=0"])
    assert [e.kind for e in backslash] == ["recovery.outcome"] and backslash[0].fields["released"] == 0
    indented = parse_text_lines(["stalled session: sessionKey=agent:main:main", "  state=processing", "  age=150s"])
    assert [e.kind for e in indented] == ["session.stalled"] and indented[0].seconds["age"] == 150.0
    lock = parse_text_lines(["lane task error: lane=main error=\"session file locked (timeout 60000ms): pid=4242",
                             "/home/u/.openclaw/agents/main/sessions/abc.jsonl.lock"])
    assert [e.kind for e in lock] == ["lane.task_error"]
    assert lock[0].fields.get("lockPath", "").endswith("abc.jsonl.lock")
    apart = parse_text_lines(["stalled session: sessionKey=agent:main:main", "something else entirely"])
    assert [e.kind for e in apart] == ["session.stalled", "generic"]


def test_a_placeholder_of_a_few_words_is_one_unknown_value() -> None:
    parsed = tokenize("activeTool=bash activeToolAgeMs=<very large> lastProgress=<old tool start> recovery=checking")
    assert parsed.fields["activeToolAgeMs"] is None and parsed.raw["activeToolAgeMs"] == "<very large>"
    assert parsed.fields["recovery"] == "checking" and not parsed.bare


def test_a_note_that_the_line_above_repeats_is_marked_so() -> None:
    parsed = parse_text_lines(["# repeats every ~35 min", "(12 more lines)", "stalled session: sessionKey=k age=150s  <-- x3",
                               "# the reporter restarted here"])
    notes = [e for e in parsed if e.kind == NOTE_KIND]
    assert [n.fields.get("repeats", False) for n in notes] == [True, False, True, False]


def test_a_note_counting_the_retries_of_the_line_above_says_it_repeated() -> None:
    parsed = parse_text_lines(["[slack] socket mode failed to start. retry 1/12 in 2s", "... (12 retries, all 403)",
                               "... (2 more lines)", "... exactly 100 failed connection attempts ..."])
    notes = [e for e in parsed if e.kind == NOTE_KIND]
    assert [n.fields.get("repeats", False) for n in notes] == [True, False, True]


def test_a_record_transcribed_as_yaml_is_one_event_of_its_template() -> None:
    parsed = parse_text_lines([
        "model_fallback_decision:",
        '  requestedProvider: "minimax-portal"',
        "  fallbackStepFromFailureReason: unknown",
        "  fallbackStepFromFailureDetail:",
        '    "session file locked (timeout 60000ms):',
        '     pid=18948 C:\\.openclaw\\agents\\main\\sessions\\abc.jsonl.lock"',
        "stalled session: sessionKey=k age=150s",
    ])
    assert [e.kind for e in parsed] == ["model.fallback_decision", "session.stalled"]
    decision = parsed[0]
    assert decision.line == 1 and decision.fields["requestedProvider"] == "minimax-portal"
    assert "C:\\.openclaw\\agents" in decision.fields["fallbackStepFromFailureDetail"]
    assert decision.fields.get("lockPid") == 18948


def test_a_header_line_without_yaml_fields_under_it_loses_no_line() -> None:
    parsed = parse_text_lines(["Stack:", "    at foo (file.js:1:2)", "    at bar (file.js:3:4)"])
    assert [e.line for e in parsed] == [1, 2, 3]
    last = parse_text_lines(["summary:"])
    assert [e.line for e in last] == [1]


def test_a_failover_decisions_meta_object_alone_is_a_failover() -> None:
    parsed = parse_text_lines(['{"event":"embedded_run_failover_decision","decision":"surface_error",'
                               '"reason":"timeout","rawError":"Request was aborted"}'])
    assert parsed[0].kind == "embedded.failover" and parsed[0].fields["reason"] == "timeout"


def test_times_cut_to_the_minute_before_a_console_tag_are_read() -> None:
    parsed = parse_text_lines(["02:15 [health-monitor] [discord:default] health-monitor: restarting (reason: stuck)",
                               "12:30 is when it started"])
    assert parsed[0].kind == "health.restart" and parsed[0].time is not None
    assert (parsed[0].time.hour, parsed[0].time.minute, parsed[0].time.second) == (2, 15, 0)
    assert parsed[1].time is None  # a time with no console tag after it stays text


def test_a_message_quoted_as_inline_code_in_a_reporters_sentence_is_that_message() -> None:
    parsed = parse_text_lines(["- paired diagnostic warnings: `lane wait exceeded: lane=cron waitedMs=185000 queueAhead=2`",
                               "- `cron: queued manual run waiting for an execution slot` for 14 minutes",
                               "we ran `openclaw doctor` and nothing changed"])
    assert [e.kind for e in parsed][:2] == ["lane.wait_exceeded", "cron.run_waiting"]
    assert parsed[0].fields["waitedMs"] == 185000
    assert parsed[2].kind == "generic"


def test_a_dash_after_the_time_a_spaced_values_row_and_the_web_loggers() -> None:
    # f585 (#37752): "10:38:48.561Z - message"; f577 (#55030): a record's values joined by a space;
    # f582 (#5148): the binding names the logger even when the text starts with an account tag;
    # f576 (#58525): the WhatsApp Web channel's own loggers as `openclaw logs` columns.
    dashed = parse_text_lines(["10:38:48.561Z - discord gateway: WebSocket connection closed with code 1006"])
    assert dashed[0].kind == "channel.transport_error" and dashed[0].message.startswith("discord gateway:")
    spaced = parse_text_lines(['{"subsystem":"gateway/channels/whatsapp/heartbeat"} '
                               '"No messages received in 30m - restarting connection"'])
    assert (spaced[0].kind, spaced[0].subsystem) == ("channel.polling_stall", "gateway/channels/whatsapp/heartbeat")
    tagged = parse_text_lines(['{"subsystem":"gateway/channels/telegram"}","[default] starting provider (@bot)"'])
    assert (tagged[0].kind, tagged[0].subsystem) == ("channel.starting", "gateway/channels/telegram")
    web = parse_text_lines(["warn web-heartbeat  Message timeout detected - forcing reconnect"])
    assert (web[0].shape, web[0].subsystem, web[0].level) == ("logs-untimed", "web-heartbeat", "warn")
    lock = parse_text_lines(["session-write-lock: releasing lock held for 894498ms (max=420000ms)"])
    assert (lock[0].kind, lock[0].subsystem) == ("lock.watchdog_released", "session-write-lock")


def test_a_log_quoted_as_a_markdown_blockquote_or_list_reads_as_the_lines_it_quotes() -> None:
    from stuckscan.parser import parse_text_lines
    stalled = ("[diagnostic] stalled session: sessionKey=agent:main:main state=processing age=300s "
               "reason=active_work_without_progress activeWorkKind=model_call lastProgress=model_call:started")
    timed = "2026-03-21T13:08:05 [agent/embedded] embedded run timeout: runId=620fd6bf sessionId=50d88d7d timeoutMs=600000"
    for quoted, mark in ((f"> {stalled}", "quote+"), (f"> > {stalled}", "quote+"), (f"  >{stalled}", "quote+"),
                         (f"- {timed}", "list+"), (f"* {timed}", "list+"), (f"12. {timed}", "list+"),
                         (f"3) {timed}", "list+")):
        (event,) = parse_text_lines([quoted])
        assert event.kind in ("session.stalled", "embedded.timeout") and event.shape.startswith(mark), quoted
    (numbered,) = parse_text_lines([f"2. {stalled[13:]}"])  # a numbered item before a message: the message
    assert numbered.kind == "session.stalled"
    # a list quoted from an earlier comment: both marks set aside
    (nested,) = parse_text_lines([f"> - `{timed}`"])
    assert (nested.kind, nested.shape, nested.time is not None) == ("embedded.timeout", "quote+list+code+console", True)
    # an empty quoted line is blank; a list item that is a reporter's sentence is that sentence, nothing read into it
    events = parse_text_lines([">", "- Run duration: ~368-380s"])
    assert [(e.kind, e.message, e.shape) for e in events] == [("generic", "Run duration: ~368-380s", "list+snippet")]
    # whatever the item starts with: a plugin's prefix, a subsystem named before a colon, a relative time, a JSON field
    for item, kind in (("- diagnostic: lane task rejected after timeout: lane=main timeoutMs=172830000",
                        "lane.task_rejected_after_timeout"),
                       ("- T+4m43s  stalled session  lastProgress=embedded_run:started  lastProgressAge=261s",
                        "session.stalled"),
                       ('- "message":"stalled session: sessionId=ab3ea8e4 state=processing age=149s queueDepth=0"',
                        "session.stalled")):
        (event,) = parse_text_lines([item])
        assert event.kind == kind and event.shape.startswith("list+"), item
    # a list item whose whole text is a log line quoted as inline code (a reporter's bullet list of lines)
    (coded,) = parse_text_lines([f"- `{timed}`"])
    assert (coded.kind, coded.shape, coded.time is not None) == ("embedded.timeout", "list+code+console", True)
    # a bullet that only begins with quoted code is the reporter's sentence, not a log line
    (sentence,) = parse_text_lines(["- `12:04` is when the run stalled"])
    assert (sentence.kind, sentence.time, sentence.message) == ("generic", None, "`12:04` is when the run stalled")
    # ... whatever the quoted line starts with: a level word, a subsystem, a plugin's own prefix
    (levelled,) = parse_text_lines(["- `warn gateway/channels/whatsapp/heartbeat  No messages received in 97m - "
                                     "restarting connection`"])
    assert (levelled.kind, levelled.shape) == ("channel.polling_stall", "list+code+logs-untimed")
    # a record quoted whole as inline code is that record, in a list item or alone on its line
    record = ('{"0":"{\\"subsystem\\":\\"gateway/ws\\"}","1":"handshake timeout conn=1bf8fcf9 remote=127.0.0.1",'
              '"_meta":{"date":"2026-03-14T01:19:51.053Z","logLevelName":"WARN"},"time":"2026-03-14T01:19:51.053Z"}')
    for quoted in (f"- `{record}`", f"`{record}`"):
        (event,) = parse_text_lines([quoted])
        assert event.kind == "ws.handshake_timeout" and "code+" in event.shape and event.time is not None, quoted
    assert parse_text_lines(["- `openclaw gateway restart`"])[0].kind == "generic"  # a command stays a sentence's


def test_a_log_kept_behind_a_comment_mark_reads_as_its_lines_and_a_comment_of_prose_stays_prose() -> None:
    from stuckscan.parser import parse_text_lines
    # An operator's script keeping the gateway's lines in a comment block (cecat/Spark-Hermes, f1086's shape):
    # the wrapped line under the second continues it.
    events = parse_text_lines([
        "#   auto-compaction failed for inference/model-a: Error: Compaction timed out",
        "#   [compaction-safeguard] Compaction summarization failed; cancelling",
        "#                          compaction to preserve history: Request was aborted",
    ])
    assert [(e.kind, e.shape.split("+")[0]) for e in events] == [("compaction.failed", "comment")] * 2
    assert events[1].subsystem == "compaction-safeguard" and "Request was aborted" in events[1].message
    timed = "2026-03-21T13:08:05 [agent/embedded] embedded run timeout: runId=620fd6bf sessionId=50d88d7d timeoutMs=600000"
    for commented in (f"# {timed}", f"// {timed}", f"  #\t{timed}"):
        (event,) = parse_text_lines([commented])
        assert (event.kind, event.shape.split("+")[0], event.time is not None) == ("embedded.timeout", "comment", True)
    # a heading, a reporter's remark and a shell command keep what they were
    for prose in ("# Logs", "# ^^^ This dequeued task NEVER completes", "# restart the gateway first",
                  "#!/bin/sh", "//www.example.com/path"):
        (event,) = parse_text_lines([prose])
        assert not event.shape.startswith("comment+"), prose
    # a deeper-indented comment after a prose comment is no continuation of a log line
    events = parse_text_lines(["# notes", "#        [diagnostic] stalled session: sessionKey=agent:main:main age=300s"])
    assert events[-1].kind == "session.stalled" and events[-1].message.startswith("stalled session")
    # the same block quoted from an earlier comment, or put in a list: the quote's or the item's marks, then the comment's
    for mark in ("> ", "- "):
        events = parse_text_lines([f"{mark}#   auto-compaction failed for inference/model-a: Error: Compaction timed out",
                                   f"{mark}#   [compaction-safeguard] Compaction summarization failed; cancelling",
                                   f"{mark}#                          compaction to preserve history: Request was aborted"])
        assert [e.kind for e in events] == ["compaction.failed"] * 2, mark
        assert events[1].shape.endswith("comment+console-untimed") and "Request was aborted" in events[1].message


def test_a_desktop_apps_capture_of_the_gateways_output_reads_as_the_gateways_line() -> None:
    from stuckscan.parser import parse_text_lines
    # LobsterAI and ClawX log the child gateway's stdout and stderr as their own lines, the stream named
    for text, subsystem in (
            ("[2026-03-24 15:24:50.020] [error] [OpenClaw stderr] 2026-03-24T07:24:50.020Z [diagnostic] stalled session: "
             "sessionKey=agent:main:main state=processing age=300s", "diagnostic"),
            ("[2026-03-27T13:12:00.000Z] [WARN ] [Gateway stderr] 2026-03-28T00:10:27.280+11:00 [gateway] already running "
             "under systemd; waiting 5000ms before retrying startup", "gateway")):
        (event,) = parse_text_lines([text])
        assert event.shape == "host-captured+console" and event.subsystem == subsystem, text
        # the gateway's own time (07:24:50Z; 13:10:27Z), not the app's (15:24:50 local; 13:12:00Z)
        assert event.time is not None and (event.time.hour, event.time.minute) in ((7, 24), (13, 10)), text
    (inner,) = parse_text_lines(["[2026-04-10 23:19:39.602] [info] [OpenClaw stdout] stalled session: "
                                 "sessionKey=agent:main:main state=processing age=300s"])
    assert inner.kind == "session.stalled" and inner.time is not None  # no time of its own: the app's
    (own,) = parse_text_lines(["[2026-04-10 23:19:29.719] [info] [Reconcile] already in sync"])
    assert not own.shape.startswith("host-captured")  # the app's own line


def test_a_restart_recovery_count_reads_with_or_without_its_plural_mark() -> None:
    from stuckscan.parser import parse_text_lines
    for text in ("[main-session-restart-recovery] marked 2 startup-orphaned main session(s) for restart recovery",
                 "[main-session-restart-recovery] marked 1 startup-orphaned main session",
                 "[main-session-restart-recovery] marked 1 interrupted main sessions for restart recovery"):
        (event,) = parse_text_lines([text])
        assert event.kind == "restart.recovery" and event.fields.get("marked") in (1, 2, "1", "2"), text


def test_grep_docker_compose_and_cat_n_prefixes_wrap_the_line_they_hold() -> None:
    from stuckscan.parser import parse_text_lines
    record = ('{"0":"{\\"subsystem\\":\\"diagnostic\\"}","1":"stalled session: sessionKey=agent:main:main '
              'state=processing age=300s","_meta":{"logLevelName":"WARN","date":"2026-05-21T10:00:00.000Z"},'
              '"time":"2026-05-21T10:00:00.000+00:00"}')
    console = "2026-05-21T10:00:30.000Z [diagnostic] stalled session: sessionKey=agent:main:main age=330s"
    clock = "10:23:45 [diagnostic] stalled session: sessionKey=agent:main:main age=400s"
    cases = [
        (f"/tmp/openclaw/openclaw-2026-05-21.log:{record}", "grep-file+jsonl"),
        (f"openclaw-2026-05-21.log:1234:{console}", "grep-file+console"),
        (f"openclaw-2026-05-21.log-1235-{console}", "grep-file+console"),
        (f"C:\\Users\\me\\AppData\\Local\\Temp\\openclaw\\openclaw-2026-05-21.log:{clock}", "grep-file+console-pretty"),
        (f"openclaw-gateway-1  | {console}", "compose+console"),
        (f"12:{console}", "grep-n+console"),
        (f"7:{clock}", "grep-n+console-pretty"),
        (f"    13\t{clock}", "cat-n+console-pretty"),
    ]
    for line, shape in cases:
        (event,) = parse_text_lines([line])
        assert (event.kind, event.shape) == ("session.stalled", shape), line
    # a clock time is no line number, and a date's year none either
    (plain,) = parse_text_lines([clock])
    assert plain.shape == "console-pretty" and plain.time is not None
    (dated,) = parse_text_lines([console])
    assert dated.shape == "console"


def test_a_bracketed_time_before_a_console_line_wraps_it() -> None:
    from stuckscan.parser import parse_text_lines
    (event,) = parse_text_lines(["[2026-05-14 19:01:03] [diagnostic] stalled session: sessionKey=agent:main:main "
                                 "state=processing age=142s reason=blocked_tool_call activeWorkKind=tool_call"])
    assert (event.kind, event.subsystem) == ("session.stalled", "diagnostic")
    assert event.shape == "console-bracketed+console-untimed" and event.time is not None
    (plugin,) = parse_text_lines(["[2026-05-09T09:05:00.552Z] connect success"])  # a plugin's own line, as before
    assert plugin.time is not None and plugin.message == "connect success"


def test_a_tools_prefix_keeps_the_time_wrapper_inside_it_and_list_items_hold_untimed_forms() -> None:
    from stuckscan.parser import parse_text_lines
    (grepped,) = parse_text_lines(["/tmp/openclaw/gateway.log:May 06 08:43:16 host node[12]: [diagnostic] stalled "
                                   "session: sessionKey=agent:main:main age=300s"])
    assert (grepped.kind, grepped.shape) == ("session.stalled", "grep-file+journald+console-untimed")
    assert grepped.time is not None
    (bulleted,) = parse_text_lines(["- gateway/ws: handshake timeout conn=<id> remote=127.0.0.1"])
    assert (bulleted.kind, bulleted.shape) == ("ws.handshake_timeout", "list+subsystem-prefixed")
    # a numbered list of log lines: a subsystem and its quoted message, a journal's date, a warning's fields a line each
    numbered = parse_text_lines([
        '1. gateway/channels/openclaw-weixin "getUpdates: POST fetch failed url=https://ilinkai.weixin.qq.com/ilink/bot/'
        'getupdates timeoutMs=35000 type=timeout error=AbortError"',
        "2. May 06 08:43:16 host node[12]: [diagnostic] stalled session: sessionKey=agent:main:main age=300s",
        "3. lane=session:agent:main:main waitedMs=255308 queueAhead=3"])
    assert [e.kind for e in numbered] == ["channel.transport_error", "session.stalled", "lane.wait_exceeded"]
    assert numbered[1].time is not None
    # a journal's line quoted whole as inline code keeps its journal wrapper
    (quoted,) = parse_text_lines(["`May 06 08:43:16 host node[12]: [diagnostic] stalled session: "
                                  "sessionKey=agent:main:main age=300s`"])
    assert (quoted.kind, quoted.shape) == ("session.stalled", "code+journald+console-untimed") and quoted.time is not None
    # two tools' prefixes are not both read: the inner one is text
    (twice,) = parse_text_lines(["a.log:openclaw-gateway-1  | [diagnostic] stalled session: age=300s"])
    assert twice.shape.startswith("grep-file+") and "compose+" not in twice.shape


def test_doctors_removed_locks_line_reads_behind_a_docker_time_whose_dash_took_its_list_mark() -> None:
    from stuckscan.parser import parse_text_lines
    for line in ("- Removed 2 stale session lock file(s).",
                 "2026-05-21T10:41:29.537904321Z - Removed 2 stale session lock file(s)."):
        (event,) = parse_text_lines([line])
        assert event.kind == "lock.doctor_removed" and event.fields["count"] == 2, line


def test_a_runtimes_nanosecond_time_keeps_the_dash_that_begins_the_gateways_line() -> None:
    from stuckscan.parser import parse_text_lines
    bare = "- Main session transcript missing (~/x.jsonl). History will appear to reset."
    (plain,) = parse_text_lines([bare])
    (wrapped,) = parse_text_lines([f"2026-05-21T10:41:29.537904321Z {bare}"])
    assert (wrapped.kind, wrapped.message) == (plain.kind, plain.message) and wrapped.shape == "docker+snippet"
    # a hand-pasted time of fewer digits is still a timestamped message, its dash a separator
    (pasted,) = parse_text_lines(["2026-05-21T10:00:00Z - stalled session: age=300s"])
    assert pasted.shape == "timestamped" and pasted.message == "stalled session: age=300s"


def test_a_session_transcripts_prompt_error_entry_reads_as_its_error() -> None:
    from stuckscan.parser import parse_text_lines
    entry = ('{"type":"custom","customType":"openclaw:prompt-error","timestamp":"2026-05-14T12:00:00.000Z",'
             '"data":{"runId":"run-1","sessionId":"s-1","provider":"xai","model":"grok",'
             '"error":"LLM idle timeout (120s): no response from model"}}')
    (event,) = parse_text_lines([entry])
    assert (event.kind, event.shape, event.level) == ("llm.idle_timeout", "transcript", "error")
    assert event.fields["runId"] == "run-1" and event.time is not None
    # its members cut by the reporter (", ...}") still read
    (cut,) = parse_text_lines([entry.replace('"provider":"xai","model":"grok",', "").replace("}}", ",...}}")])
    assert cut.kind == "llm.idle_timeout"
    (other,) = parse_text_lines(['{"type":"custom","customType":"model-snapshot","data":{"modelId":"openai/gpt-5.4"}}'])
    assert other.shape != "transcript"


def test_a_transcripts_tool_result_that_reports_the_tools_failure_reads_as_the_gateways_failure_line() -> None:
    from stuckscan.parser import parse_text_lines
    # f4258: the browser tool answered with an error object (isError false), as the gateway logs "browser failed: ..."
    error = "Can't reach the OpenClaw browser control service (timed out after 20000ms)."
    failure = {"status": "error", "tool": "browser", "error": error}
    result = {"type": "message", "timestamp": "2026-02-18T06:44:44.836Z",
              "message": {"role": "toolResult", "toolCallId": "call_1", "toolName": "browser",
                          "content": [{"type": "text", "text": json.dumps(failure, indent=2)}],
                          "details": failure, "isError": False}}
    (event,) = parse_text_lines([json.dumps(result)])
    assert (event.kind, event.shape, event.level) == ("tools.browser_unreachable", "transcript", "error")
    assert event.message == f"browser failed: {error}"
    # the same object only in its text (no details) reads the same
    del result["message"]["details"]
    (from_text,) = parse_text_lines([json.dumps(result)])
    assert from_text.kind == "tools.browser_unreachable"
    # a tool result that is the tool's output stays a tool result
    result["message"]["content"] = [{"type": "text", "text": '{"status": "ok", "tool": "browser"}'}]
    (ok,) = parse_text_lines([json.dumps(result)])
    assert ok.message.startswith("transcript tool result:") and ok.level == "debug"


def test_a_gateway_record_behind_a_scripts_own_prefix_reads_as_the_record() -> None:
    from stuckscan.parser import parse_text_lines
    # f3856: a demo script printed each gateway record it tailed after "   ↳ Log: "
    record = ('{"0":"{\\"subsystem\\":\\"agent/embedded\\"}","1":"embedded run timeout: runId=r1 sessionId=s1 '
              'timeoutMs=600000","_meta":{"name":"{\\"subsystem\\":\\"agent/embedded\\"}","logLevelName":"WARN",'
              '"date":"2026-04-04T06:20:06.894Z"},"time":"2026-04-04T11:50:06.894+05:30"}')
    (event,) = parse_text_lines(["   ↳ Log: " + record])
    assert (event.kind, event.shape, event.subsystem) == ("embedded.timeout", "prefixed+jsonl", "agent/embedded")
    assert event.time is not None and event.fields["runId"] == "r1"
    # a sentence ending in a JSON object that is no gateway record stays text
    (other,) = parse_text_lines(['the config now reads {"gateway":{"mode":"local"}}'])
    assert other.shape == "snippet"


def test_a_session_transcript_printed_by_jq_reads_as_its_plain_lines() -> None:
    from stuckscan.parser import parse_text_lines
    # f3119 and f3259 as `jq .` prints them: custom entries (no "message" key) and a turn holding a 30 KB tool call
    entries = [
        {"type": "custom", "customType": "model-snapshot", "data": {"provider": "zai", "modelId": "glm-5"},
         "id": "a0ea3dc2", "parentId": "ec21db43", "timestamp": "2026-02-19T06:09:46.980Z"},
        {"type": "custom", "customType": "openclaw:prompt-error", "data": {"runId": "r1", "sessionId": "s1",
         "error": "aborted"}, "id": "ec21db43", "parentId": "6d7a0b90", "timestamp": "2026-02-19T06:09:46.893Z"},
        {"type": "message", "id": "b1", "parentId": "a0ea3dc2", "timestamp": "2026-02-19T06:10:00.000Z",
         "message": {"role": "assistant", "content": [{"type": "toolCall", "name": "write",
                                                        "arguments": {"content": "x" * 30_000}}],
                     "usage": {"output": 0}, "stopReason": "aborted", "timestamp": 1771481386990}},
    ]
    plain = parse_text_lines([json.dumps(entry) for entry in entries])
    printed = parse_text_lines([line for entry in entries for line in json.dumps(entry, indent=2).split("\n")])
    assert [(e.kind, e.shape) for e in printed] == [(e.kind, e.shape) for e in plain]
    assert printed[2].fields["contentChars"] == plain[2].fields["contentChars"] > 30_000


def test_a_journald_prefix_is_read_in_the_zone_its_gateway_lines_show() -> None:
    from datetime import timedelta

    from stuckscan.parser import ParseOptions, parse_text_lines
    lines = ["May 03 23:59:28 homesrv1 node[343560]: 2026-05-03T23:59:28.795+02:00 [diagnostic] stalled session: "
             "sessionKey=agent:main:main age=300s",
             "May 03 23:59:40 homesrv1 systemd[1]: openclaw-gateway.service: State 'stop-sigterm' timed out. Killing."]
    gateway, systemd = parse_text_lines(lines)
    assert gateway.time is not None and systemd.time is not None
    assert systemd.time - gateway.time == timedelta(seconds=11.205)  # not two hours and 12 s: the prefix is +02:00
    # a zone the user gave is kept
    from datetime import timezone
    _, given = parse_text_lines(lines, options=ParseOptions(tz=timezone.utc))
    assert given.time is not None and given.time.hour == 23


def test_a_cjk_label_glued_to_a_dated_line_is_set_aside() -> None:
    # (DingTalk-Real-AI/dingtalk-openclaw-connector#350: "报错" glued before the record's time)
    event = parse_text_lines(["报错2026-03-24T06:49:24.255Z warn [openclaw] Non-fatal unhandled rejection (continuing): "
                              "TypeError: fetch failed"])[0]
    assert event.time is not None and event.subsystem == "openclaw" and event.shape.startswith("note-label")
    # CJK words before a date with no time, or more of them than a label's, stay the line's own
    for text in ("已处理2026-03-24 条记录", "这是一段很长的说明文字不是标签2026-03-24T06:49:24.255Z warn [openclaw] x"):
        kept = parse_text_lines([text])[0]
        assert not kept.shape.startswith("note-label") and kept.message.startswith(text[:3])


def test_a_warnings_fields_listed_one_a_line_unindented_are_one_warning() -> None:
    # (#82027: the reporter kept four fields of a stalled-session warning, one to a line, its label cut)
    lines = ["classification=stalled_agent_run", "reason=active_work_without_progress", "activeWorkKind=embedded_run",
             "lastProgress=codex_app_server:notification:turn/completed"]
    (event,) = parse_text_lines(lines)
    assert event.kind == "session.stalled" and event.fields["activeWorkKind"] == "embedded_run"
    # a field the head already has starts another record; a line that is not one field is no part of it
    assert len(parse_text_lines(["classification=stalled_agent_run", "classification=stale_session_state"])) == 2
    assert len(parse_text_lines(["classification=stalled_agent_run", "state=processing age=150s"])) == 2


def test_a_record_with_a_blank_message_before_a_warning_is_no_fragment_head() -> None:
    # (found by test_parser_properties: a blank message ahead of a line the fields-a-line join looks at)
    from tests.conftest import tslog_line
    lines = [tslog_line("2026-05-21T18:41:29.537+08:00", "diagnostic", " "),
             "stuck session: sessionId=s-000001 sessionKey=agent:main:main state=processing age=138s queueDepth=1"]
    assert [e.kind for e in parse_text_lines(lines)][-1] == "session.stuck"


def test_a_yaml_record_under_a_level_tag_keeps_its_head_value_and_comma_joined_keys() -> None:
    parsed = parse_text_lines([
        "[WARN] model_fallback_decision: candidate_failed",
        "  requestedProvider: ollama-remote",
        "  reason: timeout, status: 408",
        "  nextCandidate: openai/gpt-4.1-mini",
    ])
    assert [e.kind for e in parsed] == ["model.fallback_decision"]
    decision = parsed[0]
    assert decision.level == "warn" and decision.line == 1
    assert decision.fields["reason"] == "timeout" and decision.fields["status"] == 408
    assert decision.fields["nextCandidate"] == "openai/gpt-4.1-mini"


def test_a_tagged_line_with_no_yaml_under_it_or_no_snake_case_name_is_read_as_it_is() -> None:
    alone = parse_text_lines(["[WARN] model_fallback_decision: candidate_failed", "next line"])
    assert [e.line for e in alone] == [1, 2] and alone[0].kind == "model.fallback_decision"
    prose = parse_text_lines(["[ERROR] Error: boom", "  reason: timeout"])
    assert [e.line for e in prose] == [1, 2]


def test_a_yaml_record_pasted_indented_reads_as_the_same_record() -> None:
    block = ["[WARN] model_fallback_decision: candidate_failed", "  reason: timeout, status: 408",
             "  nextCandidate: openai/gpt-4.1-mini"]
    for indent in ("    ", "\t"):
        parsed = parse_text_lines([indent + line for line in block])
        assert [e.kind for e in parsed] == ["model.fallback_decision"]
        assert parsed[0].fields["reason"] == "timeout" and parsed[0].fields["nextCandidate"] == "openai/gpt-4.1-mini"




def test_only_a_level_tag_heads_a_tagged_yaml_record_and_a_prose_value_keeps_its_commas() -> None:
    subsystem = parse_text_lines(["[agent] model_fallback_decision: candidate_failed", "  reason: timeout"])
    assert all(e.level != "agent" for e in subsystem)
    prose = parse_text_lines(["model_fallback_decision:", "  detail: Failed to connect, retry: later"])
    assert [e.kind for e in prose] == ["model.fallback_decision"]
    assert prose[0].fields.get("detail") == "Failed to connect, retry: later" and "retry" not in prose[0].fields


def test_an_indented_line_like_a_yaml_header_with_nothing_under_it_still_continues_the_line_above() -> None:
    lines = ["2026-05-01T10:00:00.000Z [gateway] lane task error:", "    Details:"]
    assert [(e.kind, e.message) for e in parse_text_lines(lines)] == [("lane.task_error", "lane task error: Details:")]


def test_a_tool_results_carried_lines_are_those_in_a_logs_form() -> None:
    # A line in a gateway log's form opens with an ISO time (shapes._ISO, fraction and zone as printed) or journald's
    # prefix, which since the journald text shape's own pattern decides may leave out the host ("May 04 18:24:24
    # node[1210]: ...", as `journalctl -o short --no-hostname` prints it).
    from stuckscan.shapes import carried_log_lines

    text = "\n".join([
        "2026-05-04T18:24:24.123Z [gateway] ready",
        "2026-05-04 18:24:25,xxx [gateway] fraction cut",
        "May 04 18:24:24 host node[1210]: [gateway] with its host",
        "May 04 18:24:26 node[1210]: [gateway] without a host",
        "here is the log:",
        "May 04 at noon it stopped",
        "18:24:24 [gateway] a clock alone",
    ])
    assert carried_log_lines([{"type": "text", "text": text}]) == text.splitlines()[:4]


def test_moltbot_era_restart_commands_are_gateway_restarts() -> None:
    # Commit a3cc8655: `systemctl`, `pkill`, `launchctl`, `pm2` and the CLI's own restart name any of the product's
    # names, Moltbot's included.
    from stuckscan.shapes import _gateway_restart_command

    for command in ("systemctl --user restart moltbot-gateway", "pkill -f moltbot", "moltbot gateway restart",
                    "launchctl kickstart -k gui/501/bot.molt.gateway moltbot", "pm2 restart moltbot-gateway",
                    "killall clawdbot", "systemctl restart openclaw"):
        assert _gateway_restart_command().search(command), command
    # Boundary: the same commands on another program
    for command in ("systemctl restart nginx", "pkill -f node", "pm2 restart api"):
        assert not _gateway_restart_command().search(command), command


# -- TextShape.starts: a line starting with another ASCII character is not tried ---------------------------------------

def _first_atoms(items: Any, flags: int) -> tuple[list[tuple[Any, int]], bool]:
    """The single-character nodes (with their flags) a match of ``items`` can start with, and whether ``items`` can
    match the empty text: a superset (a lookaround or anchor is skipped, which only widens it)."""
    from re import _constants as sre

    atoms: list[tuple[Any, int]] = []
    for op, av in items:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
            atoms.append(((op, av), flags))
            return atoms, False
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.SUBPATTERN:
            _group, add, remove, sub = av
            more, empty = _first_atoms(sub.data, (flags | add) & ~remove)
        elif op is sre.ATOMIC_GROUP:
            more, empty = _first_atoms(av.data, flags)
        elif op is sre.BRANCH:
            more, empty = [], False
            for alternative in av[1]:
                got, alternative_empty = _first_atoms(alternative.data, flags)
                more += got
                empty = empty or alternative_empty
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _high, sub = av
            more, empty = _first_atoms(sub.data, flags)
            empty = empty or low == 0
        else:
            raise AssertionError(f"no first characters worked out for {op}")
        atoms += more
        if not empty:
            return atoms, False
    return atoms, True


def _ascii_starts(source: str, flags: int) -> set[str]:
    """Every ASCII character a full match of the pattern can start with (a superset: see _first_atoms)."""
    from re import _compiler, _parser

    ascii_text = "".join(map(chr, range(128)))
    parsed = _parser.parse(source, flags)
    atoms, empty = _first_atoms(parsed.data, parsed.state.flags)
    if empty:
        return set(ascii_text)
    found: set[str] = set()
    for node, atom_flags in atoms:  # (each node compiled alone, with its scope's flags: (?i) takes either case)
        one = _compiler.compile(_parser.SubPattern(parsed.state, [node]), atom_flags)
        found.update(match.group() for match in one.finditer(ascii_text))
    return found


def test_a_shapes_starts_hold_every_ascii_character_its_pattern_can_start_with() -> None:
    from stuckscan._lazy_pattern import source_of
    from stuckscan.shapes import TEXT_SHAPES

    for shape in TEXT_SHAPES:
        if shape.starts is None:
            continue
        flags = shape.pattern.flags if isinstance(shape.pattern, re.Pattern) else shape.pattern._flags
        missing = _ascii_starts(source_of(shape.pattern), flags) - set(shape.starts)
        assert not missing, (shape.name, sorted(missing))
    # (the derivation itself: a (?i) level word, \s's ASCII separators, an optional prefix, a repeat of none)
    assert _ascii_starts(r"(?i:warn)\s", 0) == set("Ww")
    assert _ascii_starts(r"\s*\[", 0) == set(" \t\n\v\f\r\x1c\x1d\x1e\x1f[")
    assert _ascii_starts(r"(?:ab)?c|(?=x)\d", 0) == set("ac0123456789")
    assert _ascii_starts(r"x{0}y", 0) >= {"y"}


def test_a_line_a_shape_cannot_start_is_read_as_before() -> None:
    # Lines of each start a shape rules out (and of none): the same events as with no starts at all.
    import dataclasses

    import stuckscan.parser as parser_module

    lines = ["stalled session: sessionId=abc state=processing age=757s", "  state=processing age=757s queueDepth=1 ",
             "gateway/ws: handshake timeout conn=c1 remote=1.2.3.4", "warn  diagnostic stuck session recovery skipped",
             "WARN embedded run timeout: runId=r1", "[Jun 15 19:51:37] [telegram] channel exited: x",
             "│  - Removed 1 stale session lock file.   │", "报错2026-03-24T06:49:24.255Z warn [openclaw] x",
             "\x1c[warn] Subagent x", "~T+22s stalled session: sessionId=abc", "Feb 13 12:51:39: announce queue drain failed",
             "2026-03-24T06:49:24.255Z warn gateway/ws x", "7:02:18+00:00 warn agent/embedded x", ":05 [ws] closed", ""]

    def read(shapes: Any) -> list[Any]:
        original = parser_module.TEXT_SHAPES
        parser_module.TEXT_SHAPES = shapes
        try:
            return [(e.kind, e.time, e.level, e.subsystem, e.message, e.shape, e.fields) for e in parse_text_lines(lines)]
        finally:
            parser_module.TEXT_SHAPES = original

    for shape in parser_module.TEXT_SHAPES:
        assert shape.pattern.pattern  # (compiled in its own holder before the copies share it)
    unfiltered = tuple(dataclasses.replace(shape, starts=None) for shape in parser_module.TEXT_SHAPES)
    assert read(parser_module.TEXT_SHAPES) == read(unfiltered)
