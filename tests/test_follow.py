from __future__ import annotations

import gzip
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stuckscan.follow import Follower, Switch
from stuckscan.inputs import InputError

Step = Callable[[], object]
Seen = tuple[str, ...]


def record(ts: str, message: str) -> bytes:
    return f'{{"time":"2026-05-21T{ts}.000+08:00","level":"warn","subsystem":"diagnostic","message":"{message}"}}\n'.encode()


def append(path: Path, data: bytes) -> None:
    with open(path, "ab") as handle:
        handle.write(data)


class Script:
    """Plays one writer step each time the follower sleeps, then stops it.

    The follower sleeps only when a poll found nothing, so each step lands after it has
    caught up, the way a real writer's next burst lands after a quiet moment.
    """

    def __init__(self, steps: list[Step], idle_rounds: int = 0) -> None:
        self.steps = list(steps)
        self.idle_rounds = idle_rounds
        self.now = 0.0
        self.stop = threading.Event()
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        if self.steps:
            self.steps.pop(0)()
        elif self.idle_rounds:
            self.idle_rounds -= 1
        else:
            self.stop.set()

    def clock(self) -> float:
        return self.now


def follow(target: Path, script: Script, **options: object) -> list[Seen]:
    """Everything the follower reports, lines and switches, in order, with short names."""
    seen: list[Seen] = []

    def on_switch(switch: Switch) -> None:
        previous = os.path.basename(switch.previous) if switch.previous else ""
        seen.append((switch.reason, os.path.basename(switch.source), previous))

    follower = Follower(target, 1.0, stop=script.stop, sleep=script.sleep, clock=script.clock,
                        on_switch=on_switch, **options)  # type: ignore[arg-type]
    for source, line in follower.lines():
        seen.append((os.path.basename(source), str(line.number), line.data.decode()))
    return seen


def test_append_rotate_truncate_and_next_day(tmp_path: Path) -> None:
    day1 = tmp_path / "openclaw-2026-05-21.log"
    archive = tmp_path / "openclaw-2026-05-21.1.log"
    day2 = tmp_path / "openclaw-2026-05-22.log"
    day1.write_bytes(record("10:00:00", "before start 1") + record("10:00:01", "before start 2") + b'{"time":"2026-05-21T10:0')
    old_writer: list[object] = []

    def rotate() -> None:
        # The gateway renames the full file to .1 and writes on in a new one; a write
        # already under way through the old descriptor still lands in the archive.
        old_writer.append(open(day1, "ab"))  # noqa: SIM115
        os.rename(day1, archive)
        day1.write_bytes(record("10:05:00", "new file 1"))

    def finish_late_write() -> None:
        handle = old_writer.pop()
        handle.write(record("10:04:59", "late to the archive"))  # type: ignore[attr-defined]
        handle.close()  # type: ignore[attr-defined]
        append(day1, record("10:05:01", "new file 2"))

    def copytruncate() -> None:
        with open(day1, "r+b") as handle:
            handle.truncate(0)
        append(day1, b"t\n")

    def truncate_and_refill_past_position() -> None:
        with open(day1, "r+b") as handle:
            handle.truncate(0)
        append(day1, record("10:07:00", "refilled 1") + record("10:07:01", "refilled 2"))

    def next_day() -> None:
        day2.write_bytes(record("00:00:00", "day two 1"))
        append(day1, record("23:59:59", "old day, last word"))

    steps: list[Step] = [
        lambda: append(day1, b'2:00.000+08:00","message":"partial"}\n' + record("10:02:01", "appended")),
        lambda: append(day1, b'{"time":"2026-05-21T10:03:00'),
        lambda: None,  # a quiet poll with only half a line written
        lambda: append(day1, b'.000+08:00","message":"completed"}\n'),
        rotate,
        finish_late_write,
        copytruncate,
        truncate_and_refill_past_position,
        next_day,
        lambda: append(day2, record("00:00:01", "day two 2")),
    ]
    script = Script(steps, idle_rounds=4)
    seen = follow(tmp_path, script, linger=2.5)

    name1, name2, name_archive = day1.name, day2.name, archive.name
    assert seen == [
        ("start", name1, ""),
        (name1, "3", '{"time":"2026-05-21T10:02:00.000+08:00","message":"partial"}'),
        (name1, "4", record("10:02:01", "appended").decode().rstrip("\n")),
        (name1, "5", '{"time":"2026-05-21T10:03:00.000+08:00","message":"completed"}'),
        ("rotated", name1, name_archive),
        (name1, "1", record("10:05:00", "new file 1").decode().rstrip("\n")),
        (name_archive, "6", record("10:04:59", "late to the archive").decode().rstrip("\n")),
        (name1, "2", record("10:05:01", "new file 2").decode().rstrip("\n")),
        ("truncated", name1, ""),
        (name1, "1", "t"),
        ("truncated", name1, ""),
        (name1, "1", record("10:07:00", "refilled 1").decode().rstrip("\n")),
        (name1, "2", record("10:07:01", "refilled 2").decode().rstrip("\n")),
        ("closed", name_archive, ""),  # quiet for `linger` seconds since its last write
        (name1, "3", record("23:59:59", "old day, last word").decode().rstrip("\n")),
        ("new-day", name2, name1),
        (name2, "1", record("00:00:00", "day two 1").decode().rstrip("\n")),
        (name2, "2", record("00:00:01", "day two 2").decode().rstrip("\n")),
        ("closed", name1, ""),
    ]
    assert set(script.slept) == {1.0}


def test_a_write_to_the_old_day_after_the_switch_is_not_lost(tmp_path: Path) -> None:
    # Gateways up to 2026.4.x kept writing to the day they started on, even when some
    # other process had already created the next day's file.
    day1 = tmp_path / "openclaw-2026-05-21.log"
    day2 = tmp_path / "openclaw-2026-05-22.log"
    day1.write_bytes(b"")
    steps: list[Step] = [
        lambda: day2.write_bytes(b"cli run 1\n"),
        lambda: append(day1, b"gateway still here\n"),
        lambda: None,
        lambda: append(day1, b"and again, with a partial"),
    ]
    seen = follow(tmp_path, Script(steps, idle_rounds=3), linger=2.5)
    assert seen == [
        ("start", day1.name, ""),
        ("new-day", day2.name, day1.name),
        (day2.name, "1", "cli run 1"),
        (day1.name, "1", "gateway still here"),
        (day1.name, "2", "and again, with a partial"),  # the file went quiet: its last piece is final
        ("closed", day1.name, ""),
    ]


def test_from_start_reads_the_existing_lines(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_bytes(b"one\ntwo\nthr")
    steps: list[Step] = [lambda: append(log, b"ee\n")]
    assert follow(log, Script(steps), from_start=True) == [
        ("start", log.name, ""),
        (log.name, "1", "one"),
        (log.name, "2", "two"),
        (log.name, "3", "three"),
    ]


def test_from_the_end_numbers_lines_as_in_the_file(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_bytes(b"".join(b"line %d\n" % number for number in range(1, 1001)))
    steps: list[Step] = [lambda: append(log, b"line 1001\n")]
    assert follow(log, Script(steps))[1:] == [(log.name, "1001", "line 1001")]


def test_waits_for_the_first_log_in_an_empty_directory(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    steps: list[Step] = [
        lambda: (tmp_path / "notes.txt").write_bytes(b"not a log\n"),
        lambda: log.write_bytes(b"first\n"),
    ]
    assert follow(tmp_path, Script(steps)) == [("start", log.name, ""), (log.name, "1", "first")]


def test_follows_the_newest_day_and_ignores_archives(tmp_path: Path) -> None:
    for name in ["openclaw-2026-05-20.log", "openclaw-2026-05-21.1.log", "openclaw-2026-05-22.log.gz"]:
        (tmp_path / name).write_bytes(b"x\n")
    today = tmp_path / "openclaw-2026-05-21.log"
    today.write_bytes(b"")
    steps: list[Step] = [lambda: append(tmp_path / "openclaw-2026-05-20.log", b"y\n"), lambda: append(today, b"z\n")]
    assert follow(tmp_path, Script(steps)) == [("start", today.name, ""), (today.name, "1", "z")]


def test_a_custom_file_rotates_but_does_not_change_day(tmp_path: Path) -> None:
    log = tmp_path / "gateway.jsonl"
    log.write_bytes(b"a\n")
    steps: list[Step] = [
        lambda: (tmp_path / "openclaw-2026-05-22.log").write_bytes(b"other\n"),
        lambda: (os.rename(log, tmp_path / "gateway.1.jsonl"), log.write_bytes(b"b\n")),
        lambda: log.unlink(),
        lambda: log.write_bytes(b"c\n"),
    ]
    assert follow(log, Script(steps), linger=1.5) == [
        ("start", log.name, ""),
        ("rotated", log.name, "gateway.1.jsonl"),
        (log.name, "1", "b"),
        ("closed", "gateway.1.jsonl", ""),
        ("rotated", log.name, log.name),  # deleted and created again: the old one has no name left
        (log.name, "1", "c"),
    ]


def test_over_long_lines_are_cut_and_flagged(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_bytes(b"")
    steps: list[Step] = [
        lambda: append(log, b"x" * 10),
        lambda: append(log, b"y" * 10 + b"\nshort\n"),
    ]
    lines = []
    script = Script(steps)
    for _source, line in Follower(log, 1.0, stop=script.stop, sleep=script.sleep, max_line_bytes=12).lines():
        lines.append(line)
    assert [(line.number, line.data, line.truncated) for line in lines] == [
        (1, b"x" * 10 + b"yy", True),
        (2, b"short", False),
    ]


def test_stops_on_keyboard_interrupt_and_closes_files(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_bytes(b"a\n")

    def interrupted(_seconds: float) -> None:
        raise KeyboardInterrupt

    follower = Follower(log, 1.0, from_start=True, sleep=interrupted)
    assert [line.data for _source, line in follower.lines()] == [b"a"]
    assert open_handles_to(log) == 0


def open_handles_to(path: Path) -> int:
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.is_dir():
        pytest.skip("needs /proc to count open files")
    count = 0
    for entry in fd_dir.iterdir():
        try:
            count += os.readlink(entry) == str(path)
        except OSError:
            continue
    return count


def test_stop_set_by_the_consumer_ends_the_stream(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_bytes(b"a\nb\nc\n")
    stop = threading.Event()
    seen = []
    for _source, line in Follower(log, 1.0, from_start=True, stop=stop, sleep=lambda _s: pytest.fail("slept")).lines():
        seen.append(line.data)
        stop.set()
    assert seen == [b"a", b"b", b"c"]  # the batch already read is delivered, then no more polls


def test_the_default_sleep_wakes_up_on_stop(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    log.write_bytes(b"")
    stop = threading.Event()
    follower = Follower(log, 30.0, stop=stop)
    threading.Timer(0.01, stop.set).start()
    started = time.monotonic()
    assert list(follower.lines()) == []
    assert time.monotonic() - started < 5


def test_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        list(Follower(tmp_path / "missing.log").lines())
    packed = tmp_path / "openclaw-2026-05-20.log.gz"
    packed.write_bytes(gzip.compress(b"x\n"))
    with pytest.raises(InputError, match="compressed"):
        list(Follower(packed).lines())


def test_a_writer_thread_racing_the_follower(tmp_path: Path) -> None:
    """A real writer: lines in pieces, a size rotation and a new day, at full speed."""
    day1 = tmp_path / "openclaw-2026-05-21.log"
    day2 = tmp_path / "openclaw-2026-05-22.log"
    day1.write_bytes(b"")
    written: list[tuple[str, bytes]] = []

    def write(path: Path, index: int) -> None:
        data = record(f"10:{index // 60 % 60:02d}:{index % 60:02d}", f"line {index}")
        middle = len(data) // 2
        with open(path, "ab") as handle:
            handle.write(data[:middle])
            handle.flush()
            time.sleep(0.0002)
            handle.write(data[middle:])
        written.append((path.name, data.rstrip(b"\n")))

    def writer() -> None:
        for index in range(150):
            write(day1, index)
        os.rename(day1, tmp_path / "openclaw-2026-05-21.1.log")
        for index in range(150, 300):
            write(day1, index)
        for index in range(300, 450):
            write(day2, index)
        with open(day2, "ab") as handle:
            handle.write(b"END\n")

    stop = threading.Event()
    watchdog = threading.Timer(20, stop.set)
    watchdog.start()
    follower = Follower(tmp_path, 0.001, from_start=True, stop=stop)
    thread = threading.Thread(target=writer)
    thread.start()
    seen: list[tuple[str, bytes]] = []
    try:
        for source, line in follower.lines():
            if line.data == b"END":
                stop.set()
                continue
            seen.append((os.path.basename(source), line.data))
    finally:
        watchdog.cancel()
        thread.join()
    # Renamed files are reported under their new name once the rename is seen, so compare
    # the content in order, and check no line was read twice or lost.
    assert [data for _name, data in seen] == [data for _name, data in written]
    assert {name for name, _data in seen} <= {day1.name, day2.name, "openclaw-2026-05-21.1.log"}


@pytest.mark.parametrize(("make", "cause"), [
    (lambda p: p.symlink_to(p.parent / "nowhere.log"), "broken symbolic link"),
    (lambda p: p.symlink_to(p.name), "symbolic link loop"),
])
def test_a_target_that_cannot_be_followed_names_the_cause(tmp_path: Path, make: Any, cause: str) -> None:
    target = tmp_path / "openclaw-2026-05-21.log"
    make(target)
    with pytest.raises(InputError, match=f"cannot follow {target}: {cause}"):
        Follower(target).poll()
