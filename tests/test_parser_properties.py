"""Properties of the pasted and container shapes (hypothesis).

* any line of any shape, in any order, never raises, on the full parser and the fast path;
* a reporter's note never swallows a log line: with a remark after it, a log line gives the
  event it gives alone, plus a ``note``; a log line is never a note;
* an elided id never merges two sessions;
* a container-wrapped line gives the bare line's event (apart from shape and time source).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from stuckscan.analysis import analyze_events
from stuckscan.events import NOTE_KIND, Event
from stuckscan.fastscan import iter_scan_events
from stuckscan.inputs import RawLine
from stuckscan.parser import ParseOptions, ParseStats, parse_lines, parse_text_lines
from tests.conftest import tslog_line
from tests.test_parser import FAMILY_LINES

UTC = timezone.utc
OPTIONS = ParseOptions(tz=UTC)
# (the typed lines only: FAMILY_LINES also holds lines that must stay generic, e.g. a CLI command's metadata pass,
# which these properties, each asserting a line is typed, would sample only now and then and fail on)
MESSAGES = [message for message, kind, _ in FAMILY_LINES if kind != "generic"]
START = datetime(2026, 5, 21, 10, 0, tzinfo=UTC)


def parse(lines: list[str]) -> list[Event]:
    return parse_text_lines(lines, "paste.txt", OPTIONS)


def iso(at: datetime, nanos: bool = False) -> str:
    if nanos:
        return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond:06d}123Z"
    return at.isoformat(timespec="milliseconds").replace("+00:00", "Z")


# -- lines of every shape -------------------------------------------------------------------------

MARKS = ["…", "...", "<id>", "[redacted]", "xxx", "<--", "←", "  # ", "  // ", "(", ")", "[", "]", "{", "}", '"', ",",
         ":", "=", "\\", "\x1b[31m", "\t", "  ", "stdout P ", "stderr F ", '{"log":"', '"1":"', '{"subsystem":"x"},']
TEXT = st.lists(st.sampled_from(list("ab1 :=.-_/\"'{}[]()<>#…←,")) | st.sampled_from(MARKS), max_size=30).map("".join)
BODY = st.one_of(
    st.sampled_from(MESSAGES),
    TEXT,
    st.builds(lambda m, t: m + t, st.sampled_from(MESSAGES), TEXT),
    st.builds(lambda m: json.dumps({"cause": "handshake-timeout", "durationMs": m}), st.integers(-5, 10**7)),
    st.builds(lambda m: '"1":' + json.dumps(m) + ",", st.sampled_from(MESSAGES)),
    st.builds(lambda m: '{"subsystem":"gateway/ws"},' + json.dumps(m), st.sampled_from(MESSAGES)),
    st.sampled_from(['(no "embedded run done" after this)', "... 40 more identical lines ...", "# then it hangs",
                     "[... repeated every 30s ...]", "<-- nothing after this", "...", "[...]"]),
)
WRAP = st.sampled_from([
    "{b}", "2026-05-21T10:41:29.537Z [diagnostic] {b}", "10:41:29 [ws] {b}", "10:41:29.410  WARN  gateway/ws  {b}",
    "2026-05-21T10:41:29.537Z warn diagnostic {b}", ":05 [ws] {b}", "diagnostic] {b}", "warn  diagnostic {b}",
    "May 21 18:41:29 host openclaw-gateway[5076]: {b}", "2026-05-21T10:41:29.537904321Z {b}",
    "2026-05-21T10:41:29.5Z stdout P {b}", "2026-05-21T10:41:29.5Z stderr F {b}", "[pod/p/c] {b}",
    "{b}  <-- stuck here", "{b} ← this one", "Error: {b}", "{b}      (x6, immediately after)",
    "          {b}", "channels/imessage {b}",
])
# Lines that head a message on the next line: a time-and-subsystem heading, a logs line holding only its binding.
HEADS = st.sampled_from(["21:02:34  gateway", "21:03:09  main-session-restart-recovery",
                         '2026-05-21T10:41:29.537Z error {"subsystem":"gateway/channels/discord"}'])
LINE = st.one_of(
    st.builds(lambda w, b: w.replace("{b}", b), WRAP, BODY),
    HEADS,
    st.builds(lambda b: json.dumps({"log": b + "\n", "stream": "stdout", "time": "2026-05-21T10:41:29.5Z"}), BODY),
    st.builds(lambda b: json.dumps({"log": b, "stream": "stderr", "time": "2026-05-21T10:41:29.5Z"}), BODY),
    st.builds(lambda b: tslog_line("2026-05-21T18:41:29.537+08:00", "diagnostic", b), BODY),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, max_size=12))
def test_any_line_of_any_shape_never_raises(lines: list[str]) -> None:
    stats = ParseStats()
    raw = [RawLine(n, line.encode("utf-8")) for n, line in enumerate(lines, 1)]
    events = list(parse_lines(iter(raw), "paste.txt", OPTIONS, stats))
    assert stats.events == len(events) and stats.lines == len(lines)
    assert stats.notes == sum(1 for e in events if e.kind == NOTE_KIND)
    assert [e.line for e in events] == sorted(e.line for e in events)


_STUCK_RECORD = tslog_line("2026-05-21T18:41:29.537+08:00", "diagnostic", "stuck session: sessionId=s-000001 "
                           "sessionKey=agent:main:main state=processing age=138s queueDepth=1")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(LINE, max_size=12))
# (a time-and-subsystem heading held for its indented message, then a record the fast path built: the record ends
# the heading, as in the parser, and the remark below the record stays a note, not the heading's message)
@example([_STUCK_RECORD, "21:02:34  gateway", _STUCK_RECORD, "  <-- stuck here"])
def test_the_fast_path_counts_every_shape_as_the_parser_does(tmp_path_factory, lines: list[str]) -> None:
    path = Path(tmp_path_factory.mktemp("shapes")) / "openclaw-2026-05-21.log"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    full = ParseStats()
    parsed = list(parse_lines((RawLine(n, line) for n, line in enumerate(path.read_bytes().split(b"\n")[:-1], 1)),
                              str(path), OPTIONS, full))
    fast = ParseStats()
    list(iter_scan_events([str(path)], OPTIONS, fast))
    assert (fast.lines, fast.events, fast.unparsed, fast.notes, fast.untimed) == \
        (full.lines, full.events, full.unparsed, full.notes, full.untimed)
    assert len(parsed) == full.events


# -- notes never swallow a log line ---------------------------------------------------------------------

REMARK = st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyz0123456789 .,:;!?'/-")), min_size=1, max_size=40) \
    .map(str.strip).filter(bool)
SHAPED = st.sampled_from(["{m}", "2026-05-21T10:41:29.537+00:00 [diagnostic] {m}", "10:41:29 [diagnostic] {m}",
                          "2026-05-21T10:41:29.537Z warn diagnostic {m}", "10:41:29.537  WARN  diagnostic  {m}"])
MARKER = st.sampled_from(["  <-- ", " <- ", " ← ", "  # ", "  // ", " 👈 "])


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(MESSAGES), SHAPED, MARKER, REMARK)
def test_a_remark_never_swallows_the_line_before_it(message: str, shaped: str, marker: str, remark: str) -> None:
    assume(not remark.startswith(("open", "req", "res", "event", "close", "ping", "pong")))
    line = shaped.replace("{m}", message)
    alone = parse([line])
    with_remark = parse([line + marker + remark])
    assert [e.kind for e in with_remark] == [e.kind for e in alone] + [NOTE_KIND]
    log, note = with_remark[0], with_remark[-1]
    bare = alone[0]
    assert (log.kind, log.fields, log.time, log.subsystem, log.message) == \
        (bare.kind, bare.fields, bare.time, bare.subsystem, bare.message)
    assert note.message == remark.strip()


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(MESSAGES), SHAPED, st.sampled_from(["", "  ", "\t", "... ", "… "]))
def test_a_log_line_is_never_a_note(message: str, shaped: str, lead: str) -> None:
    events = parse([lead + shaped.replace("{m}", message)])
    assert all(e.kind != NOTE_KIND for e in events)
    assert events[0].kind != "generic"


# -- elided ids never merge two sessions --------------------------------------------------------------------

ELISIONS = st.sampled_from(["…", "...", "<id>", "<REDACTED>", "[redacted]", "xxx", "****"])


def _warnings(key: str, session_id: str, onset: datetime, ticks: int, first: datetime) -> list[tuple[datetime, str]]:
    out = []
    for n in range(ticks):
        at = first + timedelta(seconds=30 * n)
        age = int((at - onset).total_seconds())
        out.append((at, f"{iso(at)} [diagnostic] stalled session: sessionId={session_id} sessionKey={key} "
                        f"state=processing age={age}s queueDepth=1 reason=active_work_without_progress "
                        "classification=stalled_agent_run recovery=none"))
    return out


@settings(max_examples=80, deadline=None)
@given(ELISIONS, st.integers(91, 3000), st.integers(0, 40), st.integers(2, 6), st.integers(2, 6),
       st.booleans())
def test_an_elided_id_never_merges_two_sessions(mark: str, apart: int, shift: int, ticks_a: int, ticks_b: int,
                                                 partial: bool) -> None:
    onset_a = START
    onset_b = START - timedelta(seconds=apart)  # B stalled earlier: its ages are larger at the same moment
    key = ("agent:main:telegram:direct:70" + mark) if partial else ("agent:main:telegram:direct:" + mark)
    first = START + timedelta(seconds=150)
    a = _warnings(key, mark, onset_a, ticks_a, first)
    b = _warnings(key, mark, onset_b, ticks_b, first + timedelta(seconds=shift))
    merged = sorted(a + b)
    origin = {text: "a" for _, text in a} | {text: "b" for _, text in b}
    lines = [text for _, text in merged]
    stats = ParseStats()
    raw = (RawLine(n, line.encode()) for n, line in enumerate(lines, 1))
    analysis = analyze_events(parse_lines(raw, "paste.txt", OPTIONS, stats), stats)
    for incident in analysis.incidents:
        sides = {origin[lines[e.line - 1]] for e in incident.timeline}
        assert len(sides) == 1, (incident.session_key, sides)


# -- a container-wrapped line gives the bare line's event ------------------------------------------------------

AT = START + timedelta(seconds=1, milliseconds=537)


def _pieces(text: str, cuts: list[int]) -> list[str]:
    points = sorted({c % (len(text) + 1) for c in cuts})
    parts, last = [], 0
    for point in points:
        if point > last:
            parts.append(text[last:point])
            last = point
    parts.append(text[last:])
    return [p for p in parts if p] or [""]


def _wrapped(runtime: str, line: str, cuts: list[int]) -> list[str]:
    stamp = iso(AT + timedelta(milliseconds=3), nanos=True)
    if runtime == "docker-t":
        return [f"{stamp} {line}"]
    if runtime == "kubectl":
        return [f"[pod/openclaw-gateway-7d9f8b-x2k4q/gateway] {line}"]
    pieces = _pieces(line, cuts)
    if runtime == "cri":
        return [f"{stamp} stdout {'F' if n == len(pieces) - 1 else 'P'} {p}" for n, p in enumerate(pieces)]
    return [json.dumps({"log": p + ("\n" if n == len(pieces) - 1 else ""), "stream": "stdout", "time": stamp},
                       ensure_ascii=False, separators=(",", ":")) for n, p in enumerate(pieces)]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(MESSAGES), st.sampled_from(["{m}", "2026-05-21T10:00:01.537+00:00 [diagnostic] {m}",
                                                   "{json}"]),
       st.sampled_from(["docker-t", "docker-json", "cri", "kubectl"]), st.lists(st.integers(0, 10**6), max_size=4))
def test_a_container_wrapped_line_gives_the_bare_lines_event(message: str, form: str, runtime: str,
                                                             cuts: list[int]) -> None:
    if form == "{json}":
        line = tslog_line("2026-05-21T10:00:01.537Z", "diagnostic", message, level="WARN")
    else:
        line = form.replace("{m}", message)
    bare = parse([line])
    wrapped = parse(_wrapped(runtime, line, cuts))
    assert len(wrapped) == len(bare) == 1
    got, want = wrapped[0], bare[0]
    assert (got.kind, got.fields, got.message, got.subsystem, got.level, got.line) == \
        (want.kind, want.fields, want.message, want.subsystem, want.level, want.line)
    if want.time is not None:
        assert got.time == want.time
    elif runtime != "kubectl":
        assert got.time is not None and abs(got.time - AT) < timedelta(seconds=1)
