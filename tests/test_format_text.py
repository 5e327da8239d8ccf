"""``--format text`` and ``stuckscan timeline``: the terminal views."""

from __future__ import annotations

import re
from typing import Any

import pytest

from analysis_fixtures import SAMPLE_LOG, empty_analysis, hostile_analysis, reference_analysis
from stuckscan.formats import RenderOptions, render, render_timeline
from stuckscan.model import Analysis, Severity

SGR = re.compile(r"\x1b\[[0-9;]*m")
WIDE = 4000


def squeeze(text: str) -> str:
    """Runs of spaces as one (column widths depend on the longest label)."""
    return re.sub(r" {2,}", " ", text)


def scan(analysis: Analysis, **options: Any) -> str:
    return render("text", analysis, RenderOptions(**options))


def test_incident_panel_says_what_matters() -> None:
    text = scan(reference_analysis(), width=WIDE)
    for expected in (
        "Incident INC-001  agent:main:telegram:direct:<peer-1>",
        "Status        still stuck — still stuck when the log ends",
        "Stuck for     14m 19s",
        "Severity      error",
        "Root cause    RC02 Run never advances after model/turn completion (ghost run)  (error, high confidence)",
        "Contributing  RC12 Gateway event-loop starvation (gateway unresponsive)  (warning, high confidence)",
        "abort_embedded_run released=0 → did not free the session (released=0 with queued work",
        "Possibly lost 1 queued message (the wedge was not freed)",
        "• Restart the gateway: `openclaw gateway restart`. (RC02)",
        f"{SAMPLE_LOG}:",
        "Gateway episode EP-001",
        "1 incident (1 still stuck), 1 gateway episode; worst severity error; 1 at or above --fail-on error",
        "Read 2,798 lines from 1 file (2026-05-21 00:02:56 to 2026-05-21 10:48:22 UTC): 3 unparsed, 0 truncated",
    ):
        assert squeeze(expected) in squeeze(text), expected


def test_plain_without_color() -> None:
    text = scan(reference_analysis(), color=False, width=100)
    assert "\x1b" not in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_color_uses_only_sgr_sequences() -> None:
    text = scan(reference_analysis(), color=True, width=120)
    assert SGR.search(text), "colour was asked for"
    assert "\x1b" not in SGR.sub("", text)


def test_nothing_found() -> None:
    text = scan(empty_analysis(), width=120)
    assert "No stuck sessions and no gateway-wide problems found." in text
    assert "Read 120 lines from 1 file" in text


@pytest.mark.parametrize("color", [True, False], ids=["color", "plain"])
@pytest.mark.parametrize("redact", [True, False], ids=["redacted", "raw"])
def test_hostile_text_is_inert(color: bool, redact: bool) -> None:
    for text in (scan(hostile_analysis(), color=color, redact=redact, width=WIDE),
                 render_timeline(hostile_analysis(), RenderOptions(color=color, redact=redact, width=WIDE))):
        rest = SGR.sub("", text) if color else text
        assert "\x1b" not in rest and "\x07" not in rest and "\x9b" not in rest
        assert not any(ord(char) < 32 and char != "\n" for char in rest)
        assert "\u202e" not in rest and "\u200b" not in rest
        # rich markup in log text is printed, not interpreted
        assert "[link=https://evil.example]click[/link]" in rest
        assert "[bold red]ALERT[/bold red]" in rest


def test_timeline_plain() -> None:
    text = render_timeline(reference_analysis(), RenderOptions(color=False))
    lines = text.splitlines()
    assert lines[0] == "Incident INC-001  agent:main:telegram:direct:<peer-1>  still stuck  RC02 ghost-run"
    assert lines[1].startswith("  10:34:06  session.state ")
    assert "  10:34:06  stall began              back-computed from the first warning" in lines
    assert any("recovery verdict" in line and "did not free the session" in line for line in lines)
    assert any(line.strip().startswith("10:41:29  session.stalled") and f"[{SAMPLE_LOG}:" in line for line in lines)
    incident_block = lines[1:lines.index("")]
    times = [line[2:10] for line in incident_block]
    assert times == sorted(times)
    assert "Gateway gateway episode EP-001 (event-loop-starvation)  RC12 event-loop-starvation" in lines
    assert "\x1b" not in text


def test_timeline_table_in_a_terminal() -> None:
    text = render_timeline(reference_analysis(), RenderOptions(color=True, width=160))
    plain = SGR.sub("", text)
    assert "Time (UTC)" in plain and "Event" in plain and "Detail" in plain
    assert "stall began" in plain and "session.stalled" in plain


def test_timeline_of_nothing() -> None:
    text = render_timeline(empty_analysis(), RenderOptions())
    assert text.startswith("No stuck sessions and no gateway-wide problems found.\n")
    assert text.rstrip().endswith("0 unparsed, 0 truncated")  # what was read, as in the scan view


def test_threshold_shown_in_summary() -> None:
    assert "2 at or above --fail-on warning" in scan(reference_analysis(), fail_on=Severity.WARNING, width=WIDE)
    assert "0 at or above --fail-on never" in scan(reference_analysis(), fail_on=None, width=WIDE)
