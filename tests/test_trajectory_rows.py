"""A trajectory a reporter typed by hand (f5667, openclaw/openclaw#78361): rows of ``T+<offset>``, the export's event
types and the record's data in JavaScript notation, the object wrapped onto the next line. Read as the records a real
export holds, with no time; the embedded runner's ``idleTimedOut=true`` on the attempt's end is its LLM idle watchdog
(RC01) whether or not the error text is there. Lines written for these tests, of the shapes in the issue."""

from __future__ import annotations

import json

import pytest

from stuckscan.parser import parse_text_lines
from tests.test_pasted_readings import analyze_text

ROWS = ("T+0      session.started, prompt.submitted (input ~25k tokens)",
        "T+~120s  model.completed { aborted: true, idleTimedOut: true, timedOut: true,",
        "                            externalAbort: false, usage: null }")


def headline(*lines: str) -> str | None:
    found = analyze_text(*lines).headline()
    return found.primary.rule.id if found is not None and found.primary is not None else None


def test_the_hand_typed_rows_read_as_the_trajectory_records() -> None:
    events = parse_text_lines(list(ROWS))
    assert [(e.line, e.shape, e.message.split()[0]) for e in events] == [
        (1, "relative+trajectory", "session.started"), (1, "relative+trajectory", "prompt.submitted"),
        (2, "relative+trajectory", "model.completed")]
    completed = events[-1]
    assert completed.kind == "llm.idle_timeout"
    assert completed.time is None  # (an offset from the run's start dates nothing)
    assert (completed.fields["aborted"], completed.fields["idleTimedOut"], completed.fields["externalAbort"]) == \
        (True, True, False)


def test_the_hand_typed_rows_give_rc01() -> None:
    assert headline(*ROWS) == "RC01"


def test_the_same_records_from_a_real_export_give_rc01_too() -> None:
    records = [{"type": "session.started", "ts": "2026-05-04T10:00:00.000Z", "data": {}},
               {"type": "prompt.submitted", "ts": "2026-05-04T10:00:00.100Z", "data": {}},
               {"type": "model.completed", "ts": "2026-05-04T10:02:00.000Z",
                "data": {"aborted": True, "idleTimedOut": True, "timedOut": True, "externalAbort": False,
                         "usage": None}}]
    assert headline(*(json.dumps(record) for record in records)) == "RC01"


def test_a_healthy_hand_typed_trajectory_stays_quiet() -> None:
    rows = ("T+0      session.started, prompt.submitted (input ~3k tokens)",
            "T+~14s   model.completed { aborted: false, idleTimedOut: false, timedOut: false,",
            "                           externalAbort: false, usage: { input: 3120, output: 812 }, }",
            "T+15s    session.ended { status: 'success' }")
    events = parse_text_lines(list(rows))
    assert [e.shape for e in events] == ["relative+trajectory"] * 4
    assert all(e.kind == "generic" for e in events)
    analysis = analyze_text(*rows)
    assert not analysis.incidents and not analysis.episodes


def test_an_external_abort_is_no_idle_watchdog() -> None:
    events = parse_text_lines(["T+2m model.completed { aborted: true, idleTimedOut: true, externalAbort: true }"])
    assert [e.kind for e in events] == ["generic"]


@pytest.mark.parametrize("offset", ["T+0", "T+~120s", "T+2m", "T+1:30", "T+4m43s", "~T+22s", "T+1.5s", "T+90000ms"])
def test_offsets(offset: str) -> None:
    (event,) = parse_text_lines([f"{offset}  model.completed {{ aborted: true, idleTimedOut: true }}"])
    assert (event.shape, event.kind, event.time) == ("relative+trajectory", "llm.idle_timeout", None)


@pytest.mark.parametrize("line", [
    "T+5 min later I restarted the gateway",
    "T+2m model.completed was the last thing in the file",  # (prose after the type: no row)
    "T+10s config.changed { reload: true }",  # (not one of the export's areas)
    "T+10s session.started and then nothing",
])
def test_prose_after_an_offset_is_no_record(line: str) -> None:
    assert all(e.shape != "relative+trajectory" for e in parse_text_lines([line]))


def test_an_object_that_never_closes_leaves_its_lines_as_they_are() -> None:
    lines = ["T+~120s  model.completed { aborted: true, idleTimedOut: true,"] + ["  more: 1,"] * 20
    events = parse_text_lines(lines)
    assert all(e.shape != "relative+trajectory" for e in events)
    assert len(events) >= 1


def test_an_object_javascript_cannot_read_leaves_the_row_as_it_is() -> None:
    events = parse_text_lines(["T+1s model.completed { aborted: true idleTimedOut: }"])
    assert all(e.shape != "relative+trajectory" for e in events)


def test_a_huge_row_is_not_handed_to_json5() -> None:
    events = parse_text_lines(["T+1s model.completed { note: '" + "x" * 10_000 + "' }"])
    assert all(e.shape != "relative+trajectory" for e in events)


# -- n56: the runtime trajectory's "trace." types (src/trajectory/export.ts reads them back): trace.artifacts, the
# attempt's end with the same flags as model.completed and session.ended, is read as they are; trace.metadata (harness,
# model, config: no fault) is a row kept as a note; another "trace." word is no row.

ARTIFACTS = ("T+0      session.started, trace.metadata, prompt.submitted",
             "T+~120s  trace.artifacts { finalStatus: 'aborted', aborted: true, idleTimedOut: true, timedOut: true,",
             "                           externalAbort: false, usage: null }")


def test_a_hand_typed_trace_artifacts_row_reads_as_the_attempts_end() -> None:
    events = parse_text_lines(list(ARTIFACTS))
    assert [(e.line, e.shape, e.message.split()[0]) for e in events] == [
        (1, "relative+trajectory", "session.started"), (1, "relative+trajectory", "trace.metadata"),
        (1, "relative+trajectory", "prompt.submitted"), (2, "relative+trajectory", "trace.artifacts")]
    assert events[-1].kind == "llm.idle_timeout" and events[-1].fields["idleTimedOut"] is True
    assert headline(*ARTIFACTS) == "RC01"
    # (an external abort is no idle watchdog, as on model.completed)
    (external,) = parse_text_lines(["T+2m trace.artifacts { aborted: true, idleTimedOut: true, externalAbort: true }"])
    assert (external.shape, external.kind) == ("relative+trajectory", "generic")


def test_a_healthy_hand_typed_trajectory_with_trace_rows_stays_quiet() -> None:
    rows = ("T+0      session.started, trace.metadata { harness: { id: 'pi' }, model: { provider: 'openai' } }",
            "T+14s    model.completed { aborted: false, idleTimedOut: false, timedOut: false }",
            "T+15s    trace.artifacts { finalStatus: 'success', aborted: false, idleTimedOut: false,",
            "                           timedOut: false, externalAbort: false }",
            "T+15s    session.ended { status: 'success' }")
    events = parse_text_lines(list(rows))
    assert all(e.shape == "relative+trajectory" and e.kind == "generic" for e in events)
    analysis = analyze_text(*rows)
    assert not analysis.incidents and not analysis.episodes and analysis.unexplained.count == 0


@pytest.mark.parametrize("line", [
    "T+2m trace.artifacts was empty in the export",
    "T+10s trace.spans { idleTimedOut: true }",  # (no trajectory type of OpenClaw's)
])
def test_other_trace_words_are_no_row(line: str) -> None:
    assert all(e.shape != "relative+trajectory" for e in parse_text_lines([line]))
