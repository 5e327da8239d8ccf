"""Policy "lock timeout without liveness" (tests/field/README.md): a session write-lock timeout with no ``alive=``
shows a live holder (RC08), is RC10 in model-fallback wording or beside the holder's other live work, and is RC09
only when the lines show a dead holder. Lines written here from the shape, not copied from a case."""

from __future__ import annotations

from stuckscan.model import Analysis
from tests.test_pasted_readings import analyze_text

LOCK = "/srv/oc/.openclaw/agents/ops/sessions/5d1c0e7a-2b44-4c1f-9a70-3e6f8b21c9d4.jsonl.lock"


def primaries(analysis: Analysis) -> set[str]:
    return {i.primary.rule.id for i in analysis.incidents if i.primary}


def rule_ids(analysis: Analysis) -> set[str]:
    return {finding.rule.id for finding in analysis.findings()}


def test_a_bare_lock_timeout_with_no_alive_field_is_a_live_holder() -> None:
    for text in (f"Agent failed before reply: session file locked (timeout 10000ms): pid=48113 {LOCK}",
                 f"Error: session file locked (timeout 60000ms): pid=48113 {LOCK}",
                 "session file locked (timeout 10000ms): pid=48113 ...jsonl.lock"):
        analysis = analyze_text(text)
        assert primaries(analysis) == {"RC08"}, text
        assert "RC09" not in rule_ids(analysis), text


def test_a_bare_lock_timeout_wrapped_over_two_lines_is_a_live_holder() -> None:
    analysis = analyze_text("Error: session file locked (timeout 10000ms): pid=48113", f"  {LOCK}")
    assert primaries(analysis) == {"RC08"} and "RC09" not in rule_ids(analysis)


def test_a_lock_path_followed_by_the_summarys_timeout_tag_is_a_failed_candidate() -> None:
    # the reason tag a fallback summary puts after each failed candidate, the summary's head cut off
    for lines in ([f"session file locked (timeout 10000ms): pid=48113 {LOCK} (timeout)"],
                  ["session file locked (timeout 10000ms): pid=31", f"{LOCK} (timeout)"],  # path wrapped, small pid
                  ["All models failed (3):",
                   *(f"- {m}: session file locked (timeout 10000ms): pid=48113 {LOCK} (timeout)"
                     for m in ("openrouter/qwen-max", "groq/llama-4", "zai/glm-5"))]):
        analysis = analyze_text(*lines)
        assert primaries(analysis) == {"RC10"}, lines
        assert not {"RC08", "RC09"} & rule_ids(analysis), lines


def test_a_timeout_tag_not_after_the_lock_path_is_no_candidate() -> None:
    # boundary: "(timeout 10000ms)" itself, or a tag elsewhere in the line, is not the summary's reason tag
    analysis = analyze_text(f"session file locked (timeout 10000ms): pid=48113 {LOCK} retrying (timeout) later")
    assert primaries(analysis) == {"RC08"}


def test_the_same_lock_line_marked_dead_stays_a_dead_pid_lock() -> None:
    # boundary: alive=false is a dead holder in the lines themselves
    dead = analyze_text(f"session file locked (timeout 60000ms): pid=48113 alive=false ageMs=905112 {LOCK}")
    assert primaries(dead) == {"RC09"}
    alive = analyze_text(f"session file locked (timeout 60000ms): pid=48113 alive=true ageMs=905112 {LOCK}")
    assert primaries(alive) == {"RC08"}
