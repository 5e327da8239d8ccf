"""RC18 and the labelling policies "one channel request failure" and "a channel failure followed by a working
connection" (tests/field/README.md): one channel start failure at its first retry step (`retry 1/N`), with no further
failure line, is no fault; a reporter's note that the retries went on is prose, not a second failure line. Several
failure lines, or a retry counter past its first step, stay RC18. Lines written for these tests, of the shapes
OpenClaw logs."""

from __future__ import annotations

from tests.test_rc18_channel_policies import rc18

_FIRST = "[slack] socket mode failed to start. retry 1/10 in 2s"
_CAUSE = "  (An HTTP protocol error occurred: statusCode = 401)"


def test_one_start_failure_at_its_first_retry_with_a_note_that_it_repeated_is_no_fault() -> None:
    assert rc18(_FIRST, _CAUSE) is None
    assert rc18(_FIRST, _CAUSE, "... (10 retries, all 401)") is None  # (the note is the reporter's, not a log line)
    assert rc18(_FIRST, "# repeats every few seconds") is None


def test_a_start_failure_past_its_first_retry_or_seen_twice_stays_rc18() -> None:
    # Boundary: the counter past its first step is the loop, with or without the note
    later = "[slack] socket mode failed to start. retry 3/10 in 8s"
    assert rc18(later, _CAUSE) == "warning"
    assert rc18(later, _CAUSE, "... (10 retries, all 401)") == "warning"
    # and the lines themselves showing the second failure
    assert rc18(_FIRST, _CAUSE, "[slack] socket mode failed to start. retry 2/10 in 4s", _CAUSE) == "warning"


def test_a_note_still_counts_beside_a_failure_whose_line_carries_no_counter() -> None:
    # Boundary: a connect failure that says nothing of its retry step, with the reporter's count below it, keeps its
    # reading (the note is not read as the first step of a counter the line does not show)
    failed = "11:34:41  Connection failed: Network error [/gateway]: fetch failed"
    assert rc18(failed, "... exactly 40 failed connection attempts ...") == "warning"
