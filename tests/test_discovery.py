from __future__ import annotations

import gzip
import json
import os
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from stuckscan.discovery import (
    LogFile,
    Place,
    config_path,
    configured_log_file,
    default_log_dirs,
    default_places,
    describe_log,
    discover,
    filter_by_window,
    json5_to_json,
)
from stuckscan.inputs import InputError, read_lines
from stuckscan.timewindow import TimeWindow

UTC = timezone.utc
LINE = b'{"time":"2026-05-21T10:00:00.000+08:00","level":"info","message":"x"}\n'


def touch(path: Path, data: bytes = LINE, mtime: datetime | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if mtime is not None:
        os.utime(path, (mtime.timestamp(), mtime.timestamp()))
    return path


def names(paths: list[str]) -> list[str]:
    return [os.path.basename(path) for path in paths]


def gateway_dir(root: Path) -> Path:
    """A log directory as a gateway of mid-2026 leaves it, with some clutter."""
    logs = root / "openclaw"
    for name in [
        "openclaw-2026-05-21.log",
        "openclaw-2026-05-21.1.log",
        "openclaw-2026-05-21.2.log",
        "openclaw-2026-05-20.log",
        "openclaw-2026-05-19.log.gz",
        "openclaw-2026-05-22.log",
        "openclaw-llm-2026-05-21.jsonl",
        "notes.txt",
    ]:
        touch(logs / name)
    (logs / "openclaw-2026-05-19.log.gz").write_bytes(gzip.compress(LINE))
    return logs


# -- default places -------------------------------------------------------------------


class TestDefaultPlaces:
    def test_linux_order_without_config(self, tmp_path: Path) -> None:
        env = {"HOME": str(tmp_path / "home"), "TMPDIR": "/var/tmp/user"}
        assert default_log_dirs(env, "linux", uid=1000) == [
            Path("/tmp/openclaw"),
            Path("/var/tmp/user/openclaw-1000"),
            Path("/tmp/moltbot"),
            Path("/tmp/clawdbot"),
        ]

    def test_env_override_and_config_come_first(self, tmp_path: Path) -> None:
        home = tmp_path / "home"
        touch(home / ".openclaw" / "openclaw.json",
              b'{ // gateway config\n  logging: { level: "debug", file: "~/logs/gw.jsonl", },\n}\n')
        env = {"HOME": str(home), "OPENCLAW_LOG_DIR": "/srv/oc-logs", "TMPDIR": "/tmp/"}
        places, notes = default_places(env, "linux", uid=501)
        assert notes == []
        assert [(place.path, place.origin) for place in places] == [
            (Path("/srv/oc-logs"), "OPENCLAW_LOG_DIR"),
            (home / "logs", "logging.file"),
            (Path("/tmp/openclaw"), "default"),
            (Path("/tmp/openclaw-501"), "fallback when /tmp/openclaw is not private"),
            (Path("/tmp/moltbot"), "legacy name, Jan 2026"),
            (Path("/tmp/clawdbot"), "legacy name, before Jan 27 2026"),
        ]
        assert places[1].file == home / "logs" / "gw.jsonl"
        assert str(places[1]) == f"{home / 'logs' / 'gw.jsonl'} (logging.file)"

    def test_windows_uses_temp_and_no_tmp_paths(self) -> None:
        env = {"USERPROFILE": r"C:\Users\Karen", "TEMP": r"C:\Users\Karen\AppData\Local\Temp"}
        dirs = default_log_dirs(env, "win32")
        assert dirs == [Path(r"C:\Users\Karen\AppData\Local\Temp") / "openclaw"]

    def test_duplicate_places_are_listed_once(self) -> None:
        env = {"HOME": "/nonexistent", "OPENCLAW_LOG_DIR": "/tmp/openclaw/", "TMPDIR": "/tmp"}
        dirs = default_log_dirs(env, "linux", uid=0)
        assert dirs.count(Path("/tmp/openclaw")) == 1
        assert dirs[0] == Path("/tmp/openclaw")

    def test_a_daily_logging_file_names_only_its_directory(self, tmp_path: Path) -> None:
        config = touch(tmp_path / "oc.json", json.dumps({"logging": {"file": "/data/oc/openclaw-2026-01-02.log"}}).encode())
        places, _ = default_places({"OPENCLAW_CONFIG_PATH": str(config)}, "linux", uid=1)
        assert places[0] == Place(Path("/data/oc"), "logging.file", file=None)


class TestConfig:
    def test_config_path_precedence(self) -> None:
        assert config_path({"HOME": "/h"}) == Path("/h/.openclaw/openclaw.json")
        assert config_path({"HOME": "/h", "OPENCLAW_STATE_DIR": "/state"}) == Path("/state/openclaw.json")
        assert config_path({"HOME": "/h", "OPENCLAW_STATE_DIR": "/s", "OPENCLAW_CONFIG_PATH": "~/c.json"}) == Path("/h/c.json")

    def test_missing_config_or_key_is_silent(self, tmp_path: Path) -> None:
        assert configured_log_file({"HOME": str(tmp_path)}) == (None, None)
        config = touch(tmp_path / "c.json", b'{"logging": {"level": "info"}}')
        assert configured_log_file({"OPENCLAW_CONFIG_PATH": str(config)}) == (None, None)

    def test_broken_config_is_ignored_with_a_note(self, tmp_path: Path) -> None:
        config = touch(tmp_path / "c.json", b'{"logging": {"file": "/x.log"')
        path, note = configured_log_file({"OPENCLAW_CONFIG_PATH": str(config)})
        assert path is None
        assert note is not None and note.startswith(f"ignored {config}: not valid JSON/JSON5")

    def test_relative_or_odd_logging_file_is_ignored_with_a_note(self, tmp_path: Path) -> None:
        config = touch(tmp_path / "c.json", b'{"logging": {"file": "logs/gw.log"}}')
        path, note = configured_log_file({"OPENCLAW_CONFIG_PATH": str(config)})
        assert path is None and note is not None and "relative path 'logs/gw.log'" in note
        config.write_bytes(b'{"logging": {"file": 42}}')
        path, note = configured_log_file({"OPENCLAW_CONFIG_PATH": str(config)})
        assert path is None and note is not None and "expected a path string" in note

    def test_broken_config_note_reaches_the_discovery(self, tmp_path: Path) -> None:
        config = touch(tmp_path / "c.json", b"{ nope")
        logs = gateway_dir(tmp_path)
        env = {"OPENCLAW_CONFIG_PATH": str(config), "HOME": str(tmp_path), "OPENCLAW_LOG_DIR": str(logs)}
        found = discover(env=env, platform="linux", uid=1)
        assert len(found.files) == 6
        assert found.searched == [Place(logs, "OPENCLAW_LOG_DIR")]
        assert len(found.notes) == 1 and found.notes[0].startswith(f"ignored {config}: not valid JSON/JSON5")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1}', {"a": 1}),
        ("{a: 1, b: [1, 2,],}", {"a": 1, "b": [1, 2]}),
        ("// top\n{ /* inline */ a: 'it\\'s', \"b\": \"x // not a comment\" }", {"a": "it's", "b": "x // not a comment"}),
        ("{ 'q': 'say \"hi\"', $k_1: true, n: null }", {"q": 'say "hi"', "$k_1": True, "n": None}),
        ("{ a: 1, // trailing comment\n }", {"a": 1}),
        ('{"url": "http://x/*y*/"}', {"url": "http://x/*y*/"}),
    ],
)
def test_json5_subset(text: str, expected: object) -> None:
    assert json.loads(json5_to_json(text)) == expected


def test_json5_rejects_unterminated_input() -> None:
    with pytest.raises(ValueError):
        json5_to_json('{"a": "open')
    with pytest.raises(ValueError):
        json5_to_json("{ /* never closed ")


# -- discovery ------------------------------------------------------------------------


class TestDiscoverDirectory:
    def test_order_by_date_then_oldest_archive_first(self, tmp_path: Path) -> None:
        logs = gateway_dir(tmp_path)
        found = discover([str(logs)])
        assert names(found.paths) == [
            "openclaw-2026-05-19.log.gz",
            "openclaw-2026-05-20.log",
            "openclaw-2026-05-21.2.log",
            "openclaw-2026-05-21.1.log",
            "openclaw-2026-05-21.log",
            "openclaw-2026-05-22.log",
        ]
        assert found.searched == [Place(logs, "given")]

    def test_file_facts(self, tmp_path: Path) -> None:
        logs = gateway_dir(tmp_path)
        by_name = {os.path.basename(log.path): log for log in discover([str(logs)]).files}
        archive = by_name["openclaw-2026-05-21.2.log"]
        assert (archive.date, archive.rotation, archive.compressed, archive.size) == (date(2026, 5, 21), 2, False, len(LINE))
        assert archive.name == archive.path == str(logs / "openclaw-2026-05-21.2.log")
        compressed = by_name["openclaw-2026-05-19.log.gz"]
        assert (compressed.date, compressed.rotation, compressed.compressed) == (date(2026, 5, 19), 0, True)
        assert compressed.mtime is not None

    def test_clutter_is_skipped_with_a_reason(self, tmp_path: Path) -> None:
        logs = gateway_dir(tmp_path)
        (logs / "sub-openclaw-2026-05-21.log").mkdir()
        skipped = {os.path.basename(item.path): item.reason for item in discover([str(logs)]).skipped}
        assert skipped == {
            "notes.txt": "not a gateway log file name",
            "openclaw-llm-2026-05-21.jsonl": "not a gateway log file name",
            "sub-openclaw-2026-05-21.log": "not a gateway log file name",
        }

    def test_legacy_names_sort_with_the_rest(self, tmp_path: Path) -> None:
        touch(tmp_path / "clawdbot-2026-01-20.log")
        touch(tmp_path / "moltbot-2026-01-28.log")
        touch(tmp_path / "openclaw-2026-01-30.log")
        touch(tmp_path / "moltbot-2026-01-30.log")
        assert names(discover([str(tmp_path)]).paths) == [
            "clawdbot-2026-01-20.log", "moltbot-2026-01-28.log", "moltbot-2026-01-30.log", "openclaw-2026-01-30.log",
        ]

    def test_a_directory_can_be_a_log_dir(self, tmp_path: Path) -> None:
        logs = gateway_dir(tmp_path)
        found = discover(log_dir=str(logs))
        assert len(found.files) == 6
        assert found.searched == [Place(logs, "--log-dir")]

    def test_paths_win_over_the_log_dir(self, tmp_path: Path) -> None:
        logs = gateway_dir(tmp_path)
        pasted = touch(tmp_path / "paste.txt")
        found = discover([str(pasted)], log_dir=str(logs))
        assert found.paths == [str(pasted)]
        assert found.searched == []

    def test_a_missing_log_dir_is_an_error(self, tmp_path: Path) -> None:
        with pytest.raises(InputError, match="log directory .*nope does not exist"):
            discover(log_dir=str(tmp_path / "nope"))


class TestDiscoverPaths:
    def test_a_file_is_taken_as_is_whatever_its_name(self, tmp_path: Path) -> None:
        pasted = touch(tmp_path / "pasted from discord.txt")
        found = discover([str(pasted)])
        assert found.paths == [str(pasted)]
        assert found.files[0].date is None and found.searched == []

    def test_stdin_stays_stdin(self, tmp_path: Path) -> None:
        found = discover(["-"])
        assert found.files == [LogFile("-", "<stdin>")]
        assert found.files[0].is_stdin

    def test_quoted_glob_is_expanded(self, tmp_path: Path) -> None:
        logs = gateway_dir(tmp_path)
        found = discover([str(logs / "openclaw-2026-05-21*.log")])
        assert names(found.paths) == ["openclaw-2026-05-21.2.log", "openclaw-2026-05-21.1.log", "openclaw-2026-05-21.log"]

    def test_glob_matching_a_directory_takes_its_logs(self, tmp_path: Path) -> None:
        gateway_dir(tmp_path)
        assert len(discover([str(tmp_path / "open*")]).files) == 6

    def test_a_file_whose_name_looks_like_a_glob(self, tmp_path: Path) -> None:
        odd = touch(tmp_path / "log[1].txt")
        assert discover([str(odd)]).paths == [str(odd)]

    def test_unmatched_glob_and_missing_path_are_errors(self, tmp_path: Path) -> None:
        with pytest.raises(InputError, match=r"no files match .*\*\.log"):
            discover([str(tmp_path / "*.log")])
        with pytest.raises(InputError, match="no such file or directory: .*missing.log"):
            discover([str(tmp_path / "missing.log")])

    def test_explicit_files_are_ordered_like_the_rest(self, tmp_path: Path) -> None:
        logs = gateway_dir(tmp_path)
        pasted = touch(tmp_path / "paste.txt")
        given = [str(logs / "openclaw-2026-05-22.log"), str(pasted), "-", str(logs / "openclaw-2026-05-20.log")]
        assert names(discover(given).paths) == ["openclaw-2026-05-20.log", "openclaw-2026-05-22.log", "paste.txt", "-"]

    def test_archives_of_a_custom_file_are_put_oldest_first(self, tmp_path: Path) -> None:
        for name in ["gw.jsonl", "gw.1.jsonl", "gw.2.jsonl"]:
            touch(tmp_path / name)
        pasted = touch(tmp_path / "a.txt")
        given = [str(pasted), str(tmp_path / "gw.jsonl"), str(tmp_path / "gw.1.jsonl"), str(tmp_path / "gw.2.jsonl")]
        assert names(discover(given).paths) == ["a.txt", "gw.2.jsonl", "gw.1.jsonl", "gw.jsonl"]


class TestDedupe:
    def test_the_same_file_twice_is_read_once(self, tmp_path: Path) -> None:
        logs = gateway_dir(tmp_path)
        today = logs / "openclaw-2026-05-21.log"
        found = discover([str(today), str(logs), str(logs / ".." / "openclaw" / today.name)])
        assert found.paths.count(str(today)) == 1
        assert len(found.files) == 6
        reasons = [item.reason for item in found.skipped if "same file" in item.reason]
        assert len(reasons) == 2

    def test_symlink_and_hard_link_are_the_same_file(self, tmp_path: Path) -> None:
        real = touch(tmp_path / "a" / "openclaw-2026-05-21.log")
        link = tmp_path / "b" / "openclaw-2026-05-21.log"
        link.parent.mkdir()
        link.symlink_to(real)
        hard = tmp_path / "c" / "copy-of-today.log"
        hard.parent.mkdir()
        os.link(real, hard)
        found = discover([str(real), str(link), str(hard)])
        assert found.paths == [str(real)]
        assert {item.reason for item in found.skipped} == {f"same file as {real}"}

    def test_a_compressed_twin_yields_to_the_plain_file(self, tmp_path: Path) -> None:
        plain = touch(tmp_path / "openclaw-2026-05-21.log")
        twin = touch(tmp_path / "openclaw-2026-05-21.log.gz", gzip.compress(LINE))
        lone = touch(tmp_path / "openclaw-2026-05-20.1.log.gz", gzip.compress(LINE))
        found = discover([str(twin), str(tmp_path)])
        assert found.paths == [str(lone), str(plain)]
        assert [(item.path, item.reason) for item in found.skipped] == [
            (str(twin), f"same file as {twin}"),
            (str(twin), f"compressed copy of {plain}, which is read instead"),
        ]

    def test_stdin_twice_is_read_once(self) -> None:
        assert discover(["-", "-"]).paths == ["-"]


class TestDefaults:
    def test_first_place_with_logs_wins(self, tmp_path: Path) -> None:
        empty = tmp_path / "empty"
        empty.mkdir()
        touch(empty / "README")
        missing = tmp_path / "missing"
        logs = gateway_dir(tmp_path)
        legacy = touch(tmp_path / "moltbot" / "moltbot-2026-01-28.log").parent
        places = [Place(missing, "OPENCLAW_LOG_DIR"), Place(empty, "default"), Place(logs, "fallback"), Place(legacy, "legacy")]
        found = discover(places=places)
        assert len(found.files) == 6
        assert found.searched == places[:3]

    def test_configured_custom_file_and_its_archives(self, tmp_path: Path) -> None:
        logs = tmp_path / "logs"
        for name in ["gateway.jsonl", "gateway.1.jsonl", "gateway.2.jsonl.gz", "gateway.log", "openclaw-2026-05-20.log"]:
            touch(logs / name)
        place = Place(logs, "logging.file", file=logs / "gateway.jsonl")
        found = discover(places=[place])
        assert names(found.paths) == ["openclaw-2026-05-20.log", "gateway.2.jsonl.gz", "gateway.1.jsonl", "gateway.jsonl"]
        assert [os.path.basename(item.path) for item in found.skipped] == ["gateway.log"]

    def test_config_drives_the_search(self, tmp_path: Path) -> None:
        logs = tmp_path / "oc-logs"
        touch(logs / "gw.log")
        config = touch(tmp_path / "openclaw.json", json.dumps({"logging": {"file": str(logs / "gw.log")}}).encode())
        found = discover(env={"OPENCLAW_CONFIG_PATH": str(config), "HOME": str(tmp_path)}, platform="linux", uid=1)
        assert found.paths == [str(logs / "gw.log")]
        assert found.searched[0].origin == "logging.file"

    def test_nothing_found_lists_the_places_on_one_line(self, tmp_path: Path) -> None:
        places = [Place(tmp_path / "a", "OPENCLAW_LOG_DIR"), Place(tmp_path / "b", "default")]
        with pytest.raises(InputError) as caught:
            discover(places=places)
        message = str(caught.value)
        assert "\n" not in message
        assert message.startswith("no OpenClaw log files found; looked in: ")
        assert f"{tmp_path / 'a'} (OPENCLAW_LOG_DIR), {tmp_path / 'b'} (default)" in message

    def test_an_empty_given_directory_is_an_error_naming_it(self, tmp_path: Path) -> None:
        with pytest.raises(InputError, match=f"looked in: {tmp_path} \\(given\\)"):
            discover([str(tmp_path)])


def test_discovered_files_are_readable(tmp_path: Path) -> None:
    logs = gateway_dir(tmp_path)
    for log in discover([str(logs)]).files:
        assert [line.data for line in read_lines(log.path)] == [LINE.rstrip(b"\n")]


# -- time windows ---------------------------------------------------------------------


class TestFilterByWindow:
    def files(self, tmp_path: Path) -> list[LogFile]:
        # Written on their own day; the 18th kept being written until the 20th (an old gateway).
        touch(tmp_path / "openclaw-2026-05-18.log", mtime=datetime(2026, 5, 20, 9, tzinfo=UTC))
        touch(tmp_path / "openclaw-2026-05-19.log", mtime=datetime(2026, 5, 19, 23, tzinfo=UTC))
        touch(tmp_path / "openclaw-2026-05-21.1.log", mtime=datetime(2026, 5, 21, 8, tzinfo=UTC))
        touch(tmp_path / "openclaw-2026-05-21.log", mtime=datetime(2026, 5, 21, 12, tzinfo=UTC))
        touch(tmp_path / "paste.txt")
        return discover([str(tmp_path)]).files + [describe_log(str(tmp_path / "paste.txt")), describe_log("-")]

    def test_files_wholly_outside_are_skipped(self, tmp_path: Path) -> None:
        window = TimeWindow(datetime(2026, 5, 21, 9, tzinfo=UTC), datetime(2026, 5, 21, 10, tzinfo=UTC))
        kept, skipped = filter_by_window(self.files(tmp_path), window)
        assert names([log.path for log in kept]) == ["openclaw-2026-05-21.1.log", "openclaw-2026-05-21.log", "paste.txt", "-"]
        assert [(os.path.basename(item.path), item.reason) for item in skipped] == [
            ("openclaw-2026-05-18.log", "dated 2026-05-18, outside the time window"),
            ("openclaw-2026-05-19.log", "dated 2026-05-19, outside the time window"),
        ]

    def test_a_day_of_slack_each_side(self, tmp_path: Path) -> None:
        files = self.files(tmp_path)
        # 2026-05-20 00:30 UTC can still be the 19th west of UTC, or the 21st far east.
        window = TimeWindow(datetime(2026, 5, 20, 23, 30, tzinfo=UTC), datetime(2026, 5, 20, 23, 45, tzinfo=UTC))
        kept, _ = filter_by_window(files, window)
        assert names([log.path for log in kept]) == [
            "openclaw-2026-05-19.log", "openclaw-2026-05-21.1.log", "openclaw-2026-05-21.log", "paste.txt", "-",
        ]

    def test_a_file_written_past_its_day_is_kept_up_to_its_mtime(self, tmp_path: Path) -> None:
        # Before 2026.4.x a gateway kept writing to the file of the day it started.
        files = [describe_log(str(touch(tmp_path / "openclaw-2026-05-10.log",
                                        mtime=datetime(2026, 5, 14, 6, tzinfo=UTC))),
                              os.stat(tmp_path / "openclaw-2026-05-10.log"))]
        inside = TimeWindow(datetime(2026, 5, 14, 5, tzinfo=UTC), None)
        after = TimeWindow(datetime(2026, 5, 14, 7, tzinfo=UTC), None)
        assert filter_by_window(files, inside)[0] == files
        assert filter_by_window(files, after)[0] == []

    def test_unbounded_window_keeps_everything(self, tmp_path: Path) -> None:
        files = self.files(tmp_path)
        assert filter_by_window(files, TimeWindow()) == (files, [])


class TestCompressedAndUnreadable:
    @pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz", ".lzma", ".zst", ".lz4"])
    def test_every_compressed_rotation_is_a_log(self, tmp_path: Path, suffix: str) -> None:
        archive = touch(tmp_path / f"openclaw-2026-05-20.2.log{suffix}")
        plain = touch(tmp_path / "openclaw-2026-05-21.log")
        twin = touch(tmp_path / f"openclaw-2026-05-21.log{suffix}")
        found = discover([str(tmp_path)])
        assert found.paths == [str(archive), str(plain)]
        by_path = {log.path: log for log in found.files}
        assert (by_path[str(archive)].rotation, by_path[str(archive)].compressed) == (2, True)
        assert (str(twin), f"compressed copy of {plain}, which is read instead") in [(s.path, s.reason) for s in found.skipped]

    def test_a_custom_files_compressed_archives_are_ordered_with_it(self, tmp_path: Path) -> None:
        for name in ["gateway.jsonl", "gateway.1.jsonl.zst", "gateway.2.jsonl.xz"]:
            touch(tmp_path / name)
        found = discover([str(tmp_path / "gateway.jsonl"), str(tmp_path / "gateway.1.jsonl.zst"),
                          str(tmp_path / "gateway.2.jsonl.xz")])
        assert names(found.paths) == ["gateway.2.jsonl.xz", "gateway.1.jsonl.zst", "gateway.jsonl"]

    def test_log_named_entries_that_cannot_be_read_are_reported(self, tmp_path: Path) -> None:
        good = touch(tmp_path / "openclaw-2026-05-21.log")
        (tmp_path / "openclaw-2026-05-20.log").symlink_to(tmp_path / "missing")
        (tmp_path / "openclaw-2026-05-19.log").mkdir()
        touch(tmp_path / "notes.txt")
        found = discover([str(tmp_path)])
        assert found.paths == [str(good)]
        assert sorted((Path(s.path).name, s.reason) for s in found.unreadable) == [
            ("openclaw-2026-05-19.log", "not a regular file"),
            ("openclaw-2026-05-20.log", f"broken symbolic link (it points to {tmp_path / 'missing'}, which does not exist)"),
        ]
        assert [Path(s.path).name for s in found.skipped] == ["notes.txt"]  # not a log by name: -v only

    def test_a_directory_of_only_unreadable_logs_says_why(self, tmp_path: Path) -> None:
        (tmp_path / "openclaw-2026-05-20.log").symlink_to("openclaw-2026-05-20.log")
        with pytest.raises(InputError, match=r"no readable OpenClaw log file: cannot read .*openclaw-2026-05-20.log: "
                                             r"symbolic link loop"):
            discover([str(tmp_path)])
