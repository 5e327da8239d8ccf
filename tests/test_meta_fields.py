"""A file record's meta-object fields read under the console's names (stuckscan.meta_fields).

Each alias is checked twice: the event a JSONL record with the source's own meta keys becomes carries
the console's field (and what the enrichers read in it), and a whole gateway file written that way
gives, on the full parser and on the fast path, the finding the same lines give in their console form.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stuckscan import families
from stuckscan.analysis import analyze_paths
from stuckscan.events import Event
from stuckscan.meta_fields import ALIASES, aliased
from stuckscan.model import Analysis
from stuckscan.parallel import analyze_paths_fast
from stuckscan.parser import ParseOptions, parse_text_lines
from tests.conftest import tslog_line

DOCS = Path(__file__).resolve().parent.parent / "docs" / "formats.md"
SESSION = "5ea4e9df-e5bd-4c49-a65e-2028df7b1fa8"
KEY = "agent:main:telegram:direct:670530854"
RUN = "02481a75-6d49-4e0e-b368-58fdd9221b3b"
LOCK_PATH = f"/home/u/.openclaw/agents/main/sessions/{SESSION}.jsonl.lock"
LOCK_ERROR = f"session file locked (timeout 10000ms): pid=4892 {LOCK_PATH}"
LOCK_FIELDS = ("lockPath", "lockSessionId", "lockPid", "lockTimeoutMs")


def _at(second: int) -> str:
    return f"2026-06-02T08:{second // 60:02d}:{second % 60:02d}.000Z"


# One call as both sinks write it: the console text, and the file's message with its meta object.
FAILOVER_TIMEOUT = (
    f"embedded run failover decision: runId={RUN} stage=prompt decision=surface_error reason=timeout "
    "from=openai/gpt-5.4 profile=-",
    {"event": "embedded_run_failover_decision", "runId": RUN, "stage": "prompt", "decision": "surface_error",
     "failoverReason": "timeout", "profileFailureReason": "timeout", "provider": "openai", "model": "gpt-5.4",
     "fallbackConfigured": False, "aborted": False},
)
FAILOVER_LOCK = (
    f"embedded run failover decision: runId={RUN} stage=prompt decision=surface_error reason=unknown "
    f"from=openai/gpt-5.4 profile=- rawError={LOCK_ERROR}",
    {"event": "embedded_run_failover_decision", "runId": RUN, "stage": "prompt", "decision": "surface_error",
     "failoverReason": None, "provider": "openai", "model": "gpt-5.4", "rawErrorPreview": LOCK_ERROR},
)
AGENT_END_LOCK = (
    f"embedded run agent end: runId={RUN} isError=true model=gpt-5.4 provider=openai error=LLM request failed. "
    f"rawError={LOCK_ERROR}",
    {"event": "embedded_run_agent_end", "runId": RUN, "isError": True, "error": "LLM request failed.",
     "failoverReason": None, "model": "gpt-5.4", "provider": "openai", "rawErrorPreview": LOCK_ERROR},
)
FALLBACK_LOCK = (
    "model fallback decision: decision=candidate_failed requested=openai/gpt-5.4 candidate=openai/gpt-5.4 "
    f"reason=unknown next=anthropic/claude-sonnet-4-5 detail={LOCK_ERROR}",
    {"event": "model_fallback_decision", "tags": ["error_handling", "model_fallback", "candidate_failed"],
     "runId": RUN, "decision": "candidate_failed", "requestedProvider": "openai", "requestedModel": "gpt-5.4",
     "candidateProvider": "openai", "candidateModel": "gpt-5.4", "attempt": 1, "total": 2, "reason": None,
     "errorPreview": LOCK_ERROR, "nextCandidateProvider": "anthropic", "nextCandidateModel": "claude-sonnet-4-5"},
)
FALLBACK_PROVIDER_DETAIL = (
    "model fallback decision: decision=candidate_failed requested=openai/gpt-5.4 candidate=openai/gpt-5.4 "
    f"reason=unknown next=none detail={LOCK_ERROR}",
    {"event": "model_fallback_decision", "runId": RUN, "decision": "candidate_failed",
     "providerErrorMessagePreview": LOCK_ERROR, "errorPreview": "Error: candidate failed"},
)

OTHER_SESSION = "9b1d7c2e-0f3a-4c55-8e21-6d7f4a1b2c3d"
OTHER_KEY = "agent:main:discord:direct:42"
OTHER_RUN = "7c9e1f20-5a4b-4d3c-9e8f-1a2b3c4d5e6f"

SUBSYSTEMS = {"embedded run": "agent/embedded", "model fallback": "model-fallback/decision"}


def _subsystem(text: str) -> str:
    return next(name for start, name in SUBSYSTEMS.items() if text.startswith(start))


def _file_event(call: tuple[str, dict]) -> Event:
    text, meta = call
    (event,) = parse_text_lines([tslog_line(_at(20), _subsystem(text), text.split(":")[0], "WARN", meta=meta)])
    return event


def _console_event(call: tuple[str, dict]) -> Event:
    text, _ = call
    (event,) = parse_text_lines([f"{_at(20)} [{_subsystem(text)}] {text}"])
    return event


# -- the event ------------------------------------------------------------------------------

@pytest.mark.parametrize(("call", "name", "key"), [
    (FAILOVER_TIMEOUT, "reason", "failoverReason"),
    (FAILOVER_LOCK, "rawError", "rawErrorPreview"),
    (AGENT_END_LOCK, "rawError", "rawErrorPreview"),
    (FALLBACK_LOCK, "detail", "errorPreview"),
    (FALLBACK_PROVIDER_DETAIL, "detail", "providerErrorMessagePreview"),
], ids=["failover-reason", "failover-rawError", "agent-end-rawError", "fallback-detail", "fallback-provider-detail"])
def test_the_file_record_carries_the_console_field(call: tuple[str, dict], name: str, key: str) -> None:
    file_event, console_event = _file_event(call), _console_event(call)
    assert file_event.kind == console_event.kind
    assert file_event.fields[name] == call[1][key]
    assert file_event.fields[key] == call[1][key]  # the meta key itself stays
    # (the console's key=value reading stops a free text at its next "word=": the file keeps the whole text)
    assert str(file_event.fields[name]).startswith(str(console_event.fields[name]))


@pytest.mark.parametrize("call", [FAILOVER_LOCK, AGENT_END_LOCK, FALLBACK_LOCK, FALLBACK_PROVIDER_DETAIL],
                         ids=["failover", "agent-end", "fallback", "fallback-provider-detail"])
def test_an_error_the_console_prints_in_its_message_names_the_lock_from_the_file_record_too(
        call: tuple[str, dict]) -> None:
    file_event, console_event = _file_event(call), _console_event(call)
    assert {name: file_event.fields.get(name) for name in LOCK_FIELDS} == \
        {name: console_event.fields.get(name) for name in LOCK_FIELDS}
    assert file_event.fields["lockSessionId"] == SESSION
    assert file_event.seconds["lockTimeoutMs"] == console_event.seconds["lockTimeoutMs"] == 10.0


def test_the_first_meta_key_present_wins_as_on_the_console() -> None:
    event = _file_event(FALLBACK_PROVIDER_DETAIL)
    assert event.fields["detail"] == LOCK_ERROR
    assert event.fields["errorPreview"] == "Error: candidate failed"


def test_a_null_meta_value_states_nothing() -> None:
    text, meta = FAILOVER_TIMEOUT
    event = _file_event((text, {**meta, "failoverReason": None}))
    assert "reason" not in event.fields


def test_what_the_message_states_wins_over_the_meta_object() -> None:
    text, meta = FAILOVER_TIMEOUT
    (event,) = parse_text_lines([tslog_line(_at(20), "agent/embedded", text.replace("reason=timeout", "reason=rate_limit"),
                                            "WARN", meta=meta)])
    assert event.fields["reason"] == "rate_limit"


def test_a_meta_value_that_is_no_scalar_gives_no_field() -> None:
    text, meta = FAILOVER_LOCK
    event = _file_event((text, {**meta, "rawErrorPreview": {"message": LOCK_ERROR}}))
    assert "rawError" not in event.fields
    assert "lockPath" not in event.fields


def test_a_kind_without_aliases_keeps_its_meta_keys_only() -> None:
    meta = {"timeoutMs": 10000, "elapsedMs": 16362, "timerDelayMs": 6362}
    (event,) = parse_text_lines([tslog_line(_at(20), "fetch-timeout", "fetch timeout reached; aborting operation",
                                            "WARN", meta=meta)])
    assert event.kind == "fetch.timeout"
    assert event.fields == meta
    assert event.seconds == {"timeoutMs": 10.0, "elapsedMs": 16.362, "timerDelayMs": 6.362}
    assert list(aliased("fetch.timeout", meta)) == []



@pytest.mark.parametrize("meta", [{"errorName": "CommandLaneTaskTimeoutError"}, {}], ids=["errorName", "empty"])
def test_a_lane_task_error_with_a_meta_object_reads_its_message_as_before(meta: dict) -> None:
    """Newer builds pass {errorName} with the lane task error (src/process/command-queue.ts); an undefined name
    leaves the object empty. The message still holds every field the rules read."""
    text = (f'lane task error: lane=session:{KEY} durationMs=10663 error="CommandLaneTaskTimeoutError: Command lane '
            f'"session:{KEY}" task timed out after 600000ms"')
    (console,) = parse_text_lines([tslog_line(_at(20), "diagnostic", text, "ERROR")])
    (event,) = parse_text_lines([tslog_line(_at(20), "diagnostic", text, "ERROR", meta=meta)])
    assert event.kind == console.kind == "lane.task_error"
    assert event.fields == {**console.fields, **meta}
    assert event.seconds == console.seconds


# -- the finding ----------------------------------------------------------------------------

# A gateway's day: a session's run starts, the call is logged, the session stalls (and, with two sessions,
# another one's run starts and stalls beside it). Each line as (second, subsystem, level, console text, meta
# object); the file gives a line with a meta object as its message before the colon, the rest in the meta object.
Line = tuple[int, str, str, str, dict | None]


def _day(call: tuple[str, dict], *, two_sessions: bool = False) -> list[Line]:
    text, meta = call
    sessions = [(0, RUN, SESSION, KEY, "telegram")] + ([(5, OTHER_RUN, OTHER_SESSION, OTHER_KEY, "discord")]
                                                       if two_sessions else [])
    lines: list[Line] = [(at, "agent/embedded", "DEBUG", f"embedded run start: runId={run} sessionId={session} "
                          f"provider=openai model=gpt-5.4 thinking=off messageChannel={channel}", None)
                         for at, run, session, _, channel in sessions]
    lines.append((20, _subsystem(text), "WARN", text, meta))
    lines += [(second + offset, "diagnostic", "WARN", _stall(session, key, age), None)
              for second, age in ((150, 150), (180, 180)) for offset, (_, _, session, key, _) in enumerate(sessions)]
    return lines


def _file_log(lines: list[Line]) -> list[str]:
    return [tslog_line(_at(at), subsystem, text.split(":")[0] if meta else text, level, meta=meta)
            for at, subsystem, level, text, meta in lines]


def _console_log(lines: list[Line]) -> list[str]:
    return [f"{_at(at)} [{subsystem}] {text}" for at, subsystem, _, text, _ in lines]


def _stall(session: str, key: str, age: int) -> str:
    return (f"stalled session: sessionId={session} sessionKey={key} state=processing age={age}s queueDepth=1 "
            "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=embedded_run "
            "recovery=none")


Findings = list[tuple[str | None, str | None, list[str], list[int]]]


def _findings(analysis: Analysis) -> Findings:
    return [(i.session_key, i.primary and i.primary.rule.id, sorted(f.rule.id for f in i.contributing),
             [e.line for e in i.timeline]) for i in analysis.incidents]


def _analysed(tmp_path: Path, name: str, lines: list[str]) -> list[Findings]:
    log = tmp_path / name / "openclaw-2026-06-02.log"
    log.parent.mkdir()
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = ParseOptions()
    return [_findings(analyze_paths([str(log)], options)), _findings(analyze_paths_fast([str(log)], options))]


@pytest.mark.parametrize(("call", "rule"), [
    (FAILOVER_TIMEOUT, "RC01"),
    (FAILOVER_LOCK, "RC10"),
    (FALLBACK_LOCK, "RC10"),
    (FALLBACK_PROVIDER_DETAIL, "RC10"),
    (AGENT_END_LOCK, "RC01"),
], ids=["failover-timeout", "failover-lock", "fallback-lock", "fallback-provider-detail", "agent-end-lock"])
def test_a_gateway_file_gives_the_finding_its_console_form_gives(tmp_path: Path, call: tuple[str, dict],
                                                                  rule: str) -> None:
    day = _day(call)
    console = _analysed(tmp_path, "console", _console_log(day))
    file = _analysed(tmp_path, "file", _file_log(day))
    assert console[0] == console[1] and file[0] == file[1]  # the fast path agrees with the full parser
    assert file[0] == console[0]
    assert [(key, primary) for key, primary, _, _ in file[0]] == [(KEY, rule)]


def test_the_lock_a_fallback_failed_on_ties_it_to_the_session_the_lock_names(tmp_path: Path) -> None:
    """A fallback decision of a call that passes no run id (its console line names none either): only the
    lock file its error names ties it to a session, and not to another session stalled beside it."""
    text, meta = FALLBACK_LOCK
    other_lock = LOCK_ERROR.replace(SESSION, OTHER_SESSION)
    call = (text.replace(SESSION, OTHER_SESSION),
            {**{key: value for key, value in meta.items() if key != "runId"}, "errorPreview": other_lock})
    day = _day(call, two_sessions=True)
    console = _analysed(tmp_path, "console", _console_log(day))
    file = _analysed(tmp_path, "file", _file_log(day))
    assert console[0] == console[1] and file[0] == file[1]
    assert file[0] == console[0]
    fallback_line = 3
    assert {key: (primary, fallback_line in lines) for key, primary, _, lines in file[0]} == \
        {KEY: ("RC01", False), OTHER_KEY: ("RC10", True)}



# WhatsApp's reconnect logger (extensions/whatsapp/src/auto-reply/monitor.ts) writes its own record beside the
# console's "WhatsApp Web connection closed (status <s>). Retry <n>/<max> in <d>… (<err>)", under its child
# logger's binding {module: "web-reconnect", runId: <connection id>}.
WEB_RECONNECT_BINDING = '{\\"module\\":\\"web-reconnect\\",\\"runId\\":\\"c0ffee12\\"}'


def _web_reconnect_record(second: int, attempt: int) -> str:
    line = tslog_line(_at(second), "web-reconnect", "web reconnect: scheduling retry", "INFO",
                      meta={"connectionId": "c0ffee12", "status": 428, "reconnectAttempts": attempt,
                            "maxAttempts": 12, "delayMs": 5000 * attempt})
    return line.replace('{\\"subsystem\\":\\"web-reconnect\\"}', WEB_RECONNECT_BINDING)


def _web_reconnect_console(second: int, attempt: int) -> str:
    return (f"{_at(second)} [whatsapp] WhatsApp Web connection closed (status 428). Retry {attempt}/12 in "
            f"{5 * attempt}s… (Connection Failure)")


def test_a_whatsapp_reconnect_record_carries_its_attempt_as_the_console_line_does() -> None:
    (event,) = parse_text_lines([_web_reconnect_record(0, 3)])
    (console,) = parse_text_lines([_web_reconnect_console(0, 3)])
    assert event.kind == console.kind == "channel.auto_restart"
    assert event.subsystem == "web-reconnect"
    assert event.fields["attempt"] == console.fields["attempt"] == 3
    assert event.fields["maxAttempts"] == console.fields["maxAttempts"] == 12
    assert "runId" not in event.fields  # the binding's connection id is no agent run


def _episodes(tmp_path: Path, name: str, lines: list[str]) -> list[list[tuple[str | None, str]]]:
    log = tmp_path / name / "openclaw-2026-06-02.log"
    log.parent.mkdir()
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [[(e.primary and e.primary.rule.id, e.primary.summary if e.primary else "") for e in analysis.episodes]
            for analysis in (analyze_paths([str(log)]), analyze_paths_fast([str(log)]))]


def test_a_whatsapp_channel_reconnecting_again_and_again_is_rc18_in_the_file_as_on_the_console(tmp_path: Path) -> None:
    attempts = range(1, 5)
    console = _episodes(tmp_path, "console", [_web_reconnect_console(30 * n, n) for n in attempts])
    file = _episodes(tmp_path, "file", [_web_reconnect_record(30 * n, n) for n in attempts])
    assert console[0] == console[1] and file[0] == file[1]
    assert [rule for rule, _ in file[0]] == [rule for rule, _ in console[0]] == ["RC18"]
    assert "reached attempt 4/12" in file[0][0][1] and "reached attempt 4/12" in console[0][0][1]


def test_a_whatsapp_reconnect_record_names_its_channel_as_the_console_line_does(tmp_path: Path) -> None:
    console = _episodes(tmp_path, "console", [_web_reconnect_console(30 * n, n) for n in range(1, 5)])
    file = _episodes(tmp_path, "file", [_web_reconnect_record(30 * n, n) for n in range(1, 5)])
    assert file[0] == console[0]

# -- the table ------------------------------------------------------------------------------

def test_every_alias_names_a_kind_the_parser_gives_and_a_new_name() -> None:
    kinds = {family.kind for family in families.FAMILIES}
    for kind, aliases in ALIASES.items():
        assert kind in kinds
        for alias in aliases:
            assert alias.keys and alias.field not in alias.keys


def test_docs_list_every_alias() -> None:
    section = DOCS.read_text(encoding="utf-8").split("## Meta-object field names", 1)[1].split("\n## ", 1)[0]
    for kind, aliases in ALIASES.items():
        for alias in aliases:
            rows = [row for row in section.splitlines() if f"`{kind}`" in row and f"`{alias.field}`" in row]
            assert rows and all(re.search(rf"`{key}`", rows[0]) for key in alias.keys), (kind, alias.field)


# -- the texts the console prints in the message and the file keeps in detail/rawError ------------------

FAILOVER_ABORTED = (
    f"embedded run failover decision: runId={RUN} stage=assistant decision=fallback_model reason=unknown "
    "from=openai/gpt-5.4 profile=- rawError=Request was aborted.",
    {"event": "embedded_run_failover_decision", "runId": RUN, "stage": "assistant", "decision": "fallback_model",
     "failoverReason": None, "provider": "openai", "model": "gpt-5.4", "rawErrorPreview": "Request was aborted."},
)


@pytest.mark.parametrize("call", [FALLBACK_LOCK, FAILOVER_ABORTED], ids=["fallback-lock", "failover-aborted"])
def test_a_decision_alone_is_the_fault_signal_its_console_line_is(tmp_path: Path, call: tuple[str, dict]) -> None:
    day = [line for line in _day(call) if line[4] is not None]
    console = _analysed(tmp_path, "console", _console_log(day))
    assert console[0]  # the console line alone opens an incident
    assert _analysed(tmp_path, "file", _file_log(day))[0] == console[0]


def test_meta_keys_quoted_as_the_lines_own_words_read_under_the_consoles_names_too() -> None:
    (event,) = parse_text_lines(["embedded_run_failover_decision ... failoverReason=timeout profileFailureReason=timeout"])
    assert event.kind == "embedded.failover" and event.fields["reason"] == "timeout"
    (stated,) = parse_text_lines(["embedded run failover decision: reason=rate_limit failoverReason=timeout"])
    assert stated.fields["reason"] == "rate_limit"  # what the line itself says under the console's name wins
