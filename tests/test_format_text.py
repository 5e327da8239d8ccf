"""``--format text`` and ``stuckscan timeline``: the terminal views."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta, timezone
from typing import Any

import pytest

from analysis_fixtures import SAMPLE_LOG, empty_analysis, hostile_analysis, reference_analysis
from stuckscan.formats import RenderOptions, render, render_timeline
from stuckscan.formats._report import UNDATED_NOTE
from stuckscan.model import (
    Analysis,
    Evidence,
    Incident,
    IncidentOrigin,
    IncidentStatus,
    Recovery,
    RecoveryVerdict,
    Severity,
)

SGR = re.compile(r"\x1b\[[0-9;]*m")
WIDE = 4000
BOX = re.compile("[\u2500-\u257f]")


def squeeze(text: str) -> str:
    """Runs of spaces as one (column widths depend on the longest label)."""
    return re.sub(r" {2,}", " ", text)


def scan(analysis: Analysis, **options: Any) -> str:
    return render("text", analysis, RenderOptions(**options))


def timeline(analysis: Analysis, **options: Any) -> str:
    return render_timeline(analysis, RenderOptions(**options))


def incident(analysis: Analysis, **changes: Any) -> Incident:
    return dataclasses.replace(analysis.incidents[0], **changes)


def with_incidents(analysis: Analysis, incidents: list[Incident], **changes: Any) -> Analysis:
    return dataclasses.replace(analysis, incidents=incidents, **changes)


def test_incident_block_says_what_matters() -> None:
    text = squeeze(scan(reference_analysis(), width=WIDE))
    for expected in (
        "INC-001 error agent:main:telegram:direct:<peer-1>",
        "Cause RC02 Run never advances after model/turn completion (ghost run)\n",  # high confidence goes unsaid
        "Why The run's last progress was `model_call:ended`",
        "Also RC12 event-loop-starvation (warning, EP-001)",
        "Outcome still stuck when the log ends; abort_embedded_run at 18:48:25 did not free the session "
        "(released=0 with queued work",
        "Lost 1 queued message may be lost (the wedge was not freed)",
        "Stuck 14m 19s 2026-05-21 18:34:06 → log end 18:48:27 +08:00; first warning 18:41:29",
        "• Restart the gateway: `openclaw gateway restart`.",
        "Evidence openclaw-2026-05-21.log",
        "1 incident (1 still stuck), 1 gateway episode; worst severity error; 1 at or above --fail-on error",
        "Read 2,798 lines from 1 file (2026-05-21 08:02:56–18:48:22 +08:00): 3 unparsed, 0 truncated",
    ):
        assert expected in text, expected


def test_times_are_the_logs_own_offset_unless_asked() -> None:
    analysis = reference_analysis()
    assert "18:41:29" in scan(analysis, width=WIDE) and "+08:00" in scan(analysis, width=WIDE)
    utc = scan(analysis, width=WIDE, display_zone=timezone.utc)
    assert "10:34:06 → log end 10:48:27 UTC" in squeeze(utc) and "+08:00" not in utc
    assert "10:41:29" in timeline(analysis, width=WIDE, display_zone=timezone.utc)


def test_each_cause_is_named_once() -> None:
    """RC12 contributes to the incident and is the episode's cause: one line says both."""
    text = scan(reference_analysis(), width=WIDE)
    assert len(re.findall(r"RC12 (?:event-loop-starvation|Gateway event-loop)", text)) == 1
    verbose = scan(reference_analysis(), width=WIDE, verbose=True)
    assert "EP-001" in verbose and "Peak" in verbose  # -v shows the episode in full
    assert "(ghost run)  (high confidence)" in verbose


def test_top_fixes_first_the_rest_behind_verbose() -> None:
    analysis = reference_analysis()
    primary = analysis.incidents[0].primary
    assert primary is not None
    fixes = [f"Fix number {n}." for n in range(8)]
    contributing = dataclasses.replace(analysis.incidents[0].contributing[0],
                                       fixes=["fix NUMBER 0", "Something else entirely."])
    changed = with_incidents(analysis, [incident(analysis, primary=dataclasses.replace(primary, fixes=fixes),
                                                 contributing=[contributing])])
    text = scan(changed, width=WIDE)
    assert [f"Fix number {n}." in text for n in range(8)] == [True] * 5 + [False] * 3
    assert "+ 4 more fixes (-v shows all)" in text  # 3 more of RC02, 1 of RC12; "fix NUMBER 0" is fix 0 again
    verbose = scan(changed, width=WIDE, verbose=True)
    assert all(f"Fix number {n}." in verbose for n in range(8)) and "Something else entirely. (RC12)" in verbose
    assert "fix NUMBER 0" not in verbose


def test_force_cleared_is_said_in_words() -> None:
    analysis = reference_analysis()
    base = analysis.incidents[0]
    forced = dataclasses.replace(base.recoveries[0], verdict=RecoveryVerdict.FORCE_CLEARED, undelivered=1,
                                 verdict_reason="forceCleared=true")
    changed = with_incidents(analysis, [incident(analysis, status=IncidentStatus.FORCE_CLEARED, recoveries=[forced],
                                                 end=base.last_warning)])
    text = squeeze(scan(changed, width=WIDE))
    assert ("Outcome force-cleared (abort_embedded_run at 18:48:25): 1 queued message not delivered; clients "
            "connected during the starvation may still show in_progress") in text
    assert "1 incident (1 force-cleared), 1 gateway episode" in text
    assert "Lost" not in text


def test_a_fault_signal_is_a_finding_without_a_stall() -> None:
    analysis = reference_analysis()
    signal = incident(analysis, origin=IncidentOrigin.SIGNAL, status=IncidentStatus.FAULT_SIGNAL, session_key=None,
                      session_id=None, run_ids=["3f0c9a1e-7b2d-4c1a-9e3f-5a6b7c8d9e0f"], recoveries=[],
                      status_reason="run 3f0c9a1e timed out after 120 s and nothing cleared it",
                      missing="whether the run was ever cleared", first_warning=None, last_warning=None)
    text = squeeze(scan(with_incidents(analysis, [signal]), width=WIDE))
    assert "INC-001 error run 3f0c9a1e" in text
    assert "Outcome run 3f0c9a1e timed out after 120 s and nothing cleared it" in text
    assert "Signal no stall warning" in text and "\nStuck" not in text
    assert "Missing a longer log would confirm whether the run was ever cleared" in text
    sentence = incident(analysis, missing="A longer log would show whether later turns still failed on the lock.")
    assert "Missing A longer log would show whether later turns" in squeeze(scan(with_incidents(analysis, [sentence]),
                                                                                 width=WIDE))


def block_lengths(text: str) -> list[int]:
    """Lines per incident block (a block starts at its ``INC-nnn  severity`` heading)."""
    starts = [index for index, line in enumerate(text.splitlines()) if re.match(r"INC-\d{3}  \w+  ", line)]
    lines = text.splitlines()
    ends = [*starts[1:], len(lines)]
    return [len([line for line in lines[start:end] if line.startswith(("INC-", " ", *LABELS))]) for start, end in zip(starts, ends, strict=True)]


LABELS = ("Cause", "Why", "Also", "Outcome", "Stuck", "Signal", "Lost", "Missing", "Fix", "Evidence")


def test_one_incident_fits_in_25_lines_at_80_columns() -> None:
    text = scan(reference_analysis(), width=80)
    assert all(len(line) <= 80 for line in text.splitlines())
    assert block_lengths(text) and max(block_lengths(text)) <= 25, text


def many(count: int) -> Analysis:
    analysis = reference_analysis()
    base = analysis.incidents[0]
    statuses = [IncidentStatus.RECOVERED, IncidentStatus.STILL_STUCK, IncidentStatus.RESOLVED_BY_ITSELF]
    incidents = [dataclasses.replace(base, id=f"INC-{n:03d}" if n < 1000 else f"INC-{n}",
                                     session_key=f"agent:main:telegram:direct:<peer-{n % 7}>",
                                     status=statuses[n % 3], episode_ids=[])
                 for n in range(1, count + 1)]
    return with_incidents(analysis, incidents, episodes=[])


def test_several_incidents_open_with_an_overview_table() -> None:
    text = scan(many(4), width=100, redact=False)
    lines = text.splitlines()
    assert lines[0].startswith("4 incidents; sessions are agent:main:telegram:direct:")
    assert re.match(r"Id +Session +Cause +Status +Stuck +Recovery", lines[1])
    assert [line.split()[0] for line in lines[3:7]] == ["INC-001", "INC-002", "INC-003", "INC-004"]
    assert "INC-002  error" in text  # then each in full
    assert "Id " not in scan(reference_analysis(), width=100)  # one incident: no table


def test_thousands_of_incidents_are_grouped_and_the_worst_shown() -> None:
    analysis = many(1500)
    text = scan(analysis, width=100, redact=False)
    assert "By cause    RC02 ghost-run 1,500" in text
    status_line = next(line for line in text.splitlines() if line.startswith("By status"))
    assert sorted(status_line[12:].split(" · ")) == ["recovered 500", "resolved by itself 500", "still stuck 500"]
    flat = " ".join(text.split())
    assert "By session agent:main:telegram:direct:<peer-" in flat and "3 more sessions" in flat
    assert "The worst 30 of 1,500 incidents (--all lists every one)" in text
    assert len(re.findall(r"^INC-\d+  error", text, re.M)) == 10
    assert "1,490 more incidents are in the overview only; --all shows every one in full" in text
    assert len(text.splitlines()) < 400
    everything = scan(analysis, width=100, show_all=True, redact=False)
    assert len(re.findall(r"^INC-\d+  error", everything, re.M)) == 1500


@pytest.mark.parametrize("width", [1, 2, 3, 4, 5, 12, 39])
def test_narrow_widths_fall_back_to_plain_lines(width: int) -> None:
    analysis = many(3)
    for text in (scan(analysis, width=width), timeline(analysis, width=width)):
        assert not BOX.search(text.replace("\u2500\u2500 ", "")), text[:400]
        assert all(f"INC-00{n}" in text for n in (1, 2, 3))
        assert "RC02" in text and "Restart the gateway" in scan(analysis, width=width)


def test_plain_without_color() -> None:
    text = scan(reference_analysis(), color=False, width=100)
    assert "\x1b" not in text
    assert all(len(line) <= 100 for line in text.splitlines())
    assert all(line == line.rstrip() for line in text.splitlines())


def test_color_uses_only_sgr_sequences() -> None:
    text = scan(reference_analysis(), color=True, width=120)
    assert SGR.search(text), "colour was asked for"
    assert "\x1b" not in SGR.sub("", text)


def test_nothing_found() -> None:
    text = scan(empty_analysis(), width=120)
    assert "No stuck sessions and no gateway-wide problems found." in text
    assert "Read 120 lines from 1 file" in text


def test_an_explained_empty_result_is_not_an_all_clear() -> None:
    explained = dataclasses.replace(empty_analysis(), explanations=["1 incident hidden by --rule RC03"])
    for text in (scan(explained, width=80), timeline(explained, width=80)):
        assert "No stuck sessions" not in text
        assert "not an all-clear" in text and "1 incident hidden by --rule RC03" in text
    dated = dataclasses.replace(empty_analysis(), explanations=[f"{UNDATED_NOTE}: read as today"])
    text = scan(dated, width=80)
    assert "No stuck sessions and no gateway-wide problems found." in text and "read as today" in text


def test_explanations_follow_a_filtered_result() -> None:
    explained = dataclasses.replace(reference_analysis(), explanations=["2 incidents hidden by --rule RC02"])
    text = scan(explained, width=80)
    assert text.index("1 incident (1 still stuck)") < text.index("2 incidents hidden by --rule RC02")


@pytest.mark.parametrize("color", [True, False], ids=["color", "plain"])
@pytest.mark.parametrize("redact", [True, False], ids=["redacted", "raw"])
def test_hostile_text_is_inert(color: bool, redact: bool) -> None:
    for text in (scan(hostile_analysis(), color=color, redact=redact, width=WIDE),
                 scan(hostile_analysis(), color=color, redact=redact, width=WIDE, verbose=True),
                 timeline(hostile_analysis(), color=color, redact=redact, width=WIDE, verbose=True)):
        rest = SGR.sub("", text) if color else text
        assert "\x1b" not in rest and "\x07" not in rest and "\x9b" not in rest
        assert not any(ord(char) < 32 and char != "\n" for char in rest)
        assert "\u202e" not in rest and "\u200b" not in rest
        # rich markup in log text is printed, not interpreted
        assert "[link=https://evil.example]click[/link]" in rest
        assert "[bold red]ALERT[/bold red]" in rest


# -- timeline --------------------------------------------------------------------------


def test_timeline_reads_like_one() -> None:
    text = timeline(reference_analysis(), width=80)
    lines = text.splitlines()
    assert lines[0] == "INC-001  error  agent:main:telegram:direct:<peer-1>  still stuck  RC02 ghost-run"
    assert lines[1] == "sessionId 0829a221  run 8e8e44d6"
    assert lines[2] == "lines of openclaw-2026-05-21.log, times +08:00 on 2026-05-21"
    assert all(len(line) <= 80 for line in lines)
    assert "0829a221-a12c" not in text and "sessionKey=" not in text  # the ids are in the heading only
    assert re.search(r"18:34:06  stall began +back-computed", text)
    collapsed = next(line for line in lines if "\u00d7 stalled session" in line)
    assert re.search(r"18:41:29  4 \u00d7 stalled session +age 443 \u2192 856 s, every", collapsed)
    assert re.search(r" 1761\u20131835$", collapsed)  # first to last line of the run, never wrapped
    assert any("recovery verdict" in line and "did not free the session" in line for line in lines)
    rows = lines[3:lines.index("")]
    times = [line[2:10] for line in rows if line[2:10].strip()]
    assert times == sorted(times)
    assert any(line.startswith("EP-001  warning  gateway-wide  RC12 event-loop-starvation") for line in lines)
    assert "\x1b" not in text


def test_timeline_shows_the_deciding_fields() -> None:
    text = timeline(reference_analysis(), width=80)
    outcome = next(line for line in text.splitlines() if "recovery outcome" in line)
    assert "released=0" in outcome and "forceCleared=true" in outcome


def test_timeline_over_days_dates_each_day_and_marks_what_it_skipped() -> None:
    analysis = reference_analysis()
    base = analysis.incidents[0]
    stalled = next(e for e in base.timeline if e.kind == "session.stalled")
    early = [dataclasses.replace(stalled, line=1000 + n, time=stalled.time + timedelta(seconds=30 * n))  # type: ignore[operator]
             for n in range(20)]
    late = [dataclasses.replace(stalled, line=90000 + n, time=stalled.time + timedelta(days=29, seconds=30 * n))  # type: ignore[operator]
            for n in range(20)]
    measures = dataclasses.replace(base.measures, warnings=86_428)
    long = incident(analysis, timeline=[*early, *late], measures=measures, recoveries=[],
                    last_warning=late[-1].time, start=stalled.time, last_progress=None)
    text = timeline(with_incidents(analysis, [long], episodes=[]), width=80)
    assert "\u2500\u2500 2026-05-21" not in text.splitlines()[2]
    assert "  \u2500\u2500 2026-06-19" in text.splitlines()
    assert "\u2026 86,388 warnings over 28d 23h \u2026" in text
    assert len(text.splitlines()) <= 40


def test_timeline_table_in_a_terminal() -> None:
    text = timeline(reference_analysis(), color=True, width=160)
    plain = SGR.sub("", text)
    assert "stall began" in plain and "stalled session" in plain
    assert "\x1b" not in plain


def test_timeline_of_nothing() -> None:
    text = timeline(empty_analysis())
    assert text.startswith("No stuck sessions and no gateway-wide problems found.\n")
    assert text.rstrip().endswith("0 unparsed, 0 truncated")  # what was read, as in the scan view


def test_threshold_shown_in_summary() -> None:
    assert "2 at or above --fail-on warning" in scan(reference_analysis(), fail_on=Severity.WARNING, width=WIDE)
    assert "0 at or above --fail-on never" in scan(reference_analysis(), fail_on=None, width=WIDE)


def test_evidence_cites_file_and_line() -> None:
    analysis = reference_analysis()
    other = Evidence("logs/other-2026-05-21.log", 77, None, "session.stalled", "stalled session: age=900s")
    primary = analysis.incidents[0].primary
    assert primary is not None
    changed = with_incidents(analysis, [incident(analysis, primary=dataclasses.replace(
        primary, evidence=[*primary.evidence, other]), recoveries=[
            Recovery(None, "abort", "aborted", verdict=RecoveryVerdict.NOT_FREED)])])
    text = scan(changed, width=WIDE, verbose=True)
    assert "other-2026-05-21.log:77  stalled session: age=900s" in text
    assert f"{SAMPLE_LOG.rsplit('/', 1)[-1]}:" in text
