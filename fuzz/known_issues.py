"""Problems the fuzzer would find that are already known, tracked by strict xfail tests.

Each entry: exception type, a fragment of its message, the file it is raised in (the last
stuckscan frame of the traceback), and the test that tracks it. When the owner fixes one,
its xfail test starts passing (and fails as XPASS): delete the entry here at the same time.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KnownIssue:
    exception: type[BaseException]
    message: str
    raised_in: str  # suffix of the file of the last stuckscan frame
    tracked_by: str


KNOWN_ISSUES: tuple[KnownIssue, ...] = (
    KnownIssue(OverflowError, "date value out of range", "stuckscan/_time.py",
               "tests/test_hardening_properties.py::test_time_and_number_edges_do_not_end_the_scan"),
    # Any OverflowError in the correlator, classifier or analysis is datetime/timedelta arithmetic on a time
    # or duration the parser should not have produced ("date value out of range", "must have magnitude",
    # "Python int too large to convert to C int", "cannot convert float infinity to integer").
    KnownIssue(OverflowError, "", "stuckscan/correlator.py",
               "tests/test_hardening_properties.py::test_time_and_number_edges_do_not_end_the_scan"),
    KnownIssue(OverflowError, "", "stuckscan/classifier.py",
               "tests/test_hardening_properties.py::test_time_and_number_edges_do_not_end_the_scan"),
    KnownIssue(OverflowError, "", "stuckscan/analysis.py",
               "tests/test_hardening_properties.py::test_time_and_number_edges_do_not_end_the_scan"),
    KnownIssue(ValueError, "offset must be a timedelta strictly between", "stuckscan/_time.py",
               "tests/test_hardening_properties.py::test_time_and_number_edges_do_not_end_the_scan"),
    KnownIssue(ValueError, "Exceeds the limit (4300 digits)", "stuckscan/_kv.py",
               "tests/test_hardening_regex.py::test_numbers_longer_than_python_converts_do_not_raise"),
    KnownIssue(RecursionError, "", "stuckscan/parser.py",
               "tests/test_hardening_regex.py::test_nested_journald_prefixes"),
)


def _last_stuckscan_file(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    for frame in reversed(frames):
        name = frame.filename.replace("\\", "/")
        if "/stuckscan/" in name:
            return name
    return ""


def known_issue(error: BaseException) -> KnownIssue | None:
    where = _last_stuckscan_file(error)
    for issue in KNOWN_ISSUES:
        if isinstance(error, issue.exception) and issue.message in str(error) and where.endswith(issue.raised_in):
            return issue
    return None


def is_known(error: BaseException) -> bool:
    return known_issue(error) is not None


def describe(error: BaseException | None) -> str:
    if error is None:
        return "no error"
    issue = known_issue(error)
    if issue is None:
        return f"new finding: {type(error).__name__}: {error}"
    return f"known issue, tracked by {issue.tracked_by}"
