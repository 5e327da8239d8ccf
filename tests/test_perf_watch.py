"""``watch`` reads a backlog (``--from-start``, or a burst written between two polls) in
bounded pieces: each poll hands on at most ``READ_CHUNK`` bytes of a file, and a file is
switched away from or closed only once it has been read to its end.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import tests.test_follow as follow_tests
from stuckscan import follow
from stuckscan.follow import Follower, Switch


def test_a_backlog_comes_in_bounded_pieces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(follow, "READ_CHUNK", 4096)
    log = tmp_path / "openclaw-2026-05-21.log"
    lines = [f"line {index} " + "x" * (index % 90) for index in range(5000)]
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    follower = Follower(log, from_start=True, stop=threading.Event())
    seen: list[str] = []
    polls = 0
    while True:
        found = [item for item in follower.poll() if not isinstance(item, Switch)]
        if not found:
            break
        polls += 1
        assert sum(len(item.line.data) + 1 for item in found) <= 4096 + 100  # a chunk, plus the line it ends inside
        seen.extend(item.line.data.decode() for item in found)
    follower.close()
    assert seen == lines
    assert polls >= log.stat().st_size // 4096


@pytest.mark.parametrize("scenario", [
    follow_tests.test_append_rotate_truncate_and_next_day,
    follow_tests.test_a_write_to_the_old_day_after_the_switch_is_not_lost,
    follow_tests.test_from_start_reads_the_existing_lines,
    follow_tests.test_a_custom_file_rotates_but_does_not_change_day,
    follow_tests.test_over_long_lines_are_cut_and_flagged,
])
def test_rotation_truncation_and_days_with_tiny_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      scenario: object) -> None:
    """The follower's scenarios give the same lines and switches when every poll reads a few bytes."""
    monkeypatch.setattr(follow, "READ_CHUNK", 7)
    scenario(tmp_path)  # type: ignore[operator]
