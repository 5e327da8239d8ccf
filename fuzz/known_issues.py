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


# None open: every problem the fuzzer and the worst-case sweep found so far is fixed and kept
# as a regression test (tests/test_hardening_properties.py, tests/test_hardening_regex.py).
KNOWN_ISSUES: tuple[KnownIssue, ...] = ()


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
