"""What a person sees from the CLI: no false all-clear, times as the log wrote them,
one-line errors, shell completion, and views that fit 80 columns on every sample."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from stuckscan.cli import cli, main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_logs"
REFERENCE = str(SAMPLES / "openclaw-2026-05-21.log")
CONCURRENT = str(SAMPLES / "rules" / "concurrent-incidents.log")
NARROW = {"COLUMNS": "80", "NO_COLOR": "1"}


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env={**NARROW, **(env or {})}, catch_exceptions=False)


def report(*args: str) -> dict[str, Any]:
    result = run("scan", "--format", "json", "--fail-on", "never", "-q", *args)
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def explained(*args: str) -> list[str]:
    said: list[str] = report(*args)["summary"]["explanations"]
    return said


def error_line(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The CLI's stderr for ``args`` (through the real entry point), which must be one line."""
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("stuckscan: error: "), err
    assert "Traceback" not in err and "Usage:" not in err
    return err.strip()


# -- no false all-clear ----------------------------------------------------------------


def test_a_window_in_the_logs_own_local_times_is_read_in_its_zone() -> None:
    """The log prints +08:00; a window typed without a zone means the log's 18:30..19:00."""
    found = report(REFERENCE, "--since", "2026-05-21 18:30", "--until", "2026-05-21 19:00")
    assert [incident["rootCause"]["rule"] for incident in found["incidents"]] == ["RC02"]
    assert found["summary"]["explanations"] == []


def test_a_window_the_log_does_not_reach_says_so() -> None:
    assert explained(REFERENCE, "--since", "2026-05-22") == [
        "0 of 2,800 timed lines fall in the window from 2026-05-22 00:00 +08:00; "
        "the log covers 2026-05-21 08:02\u201322:43 +08:00 (00:02\u201314:43 UTC)"]
    text = run("scan", REFERENCE, "--since", "2026-05-22").stdout
    assert "not an all-clear" in text and "No stuck sessions" not in text
    assert "0 of 2,800 timed lines fall in the window" in text


def test_a_time_of_day_names_today_and_the_note_says_which_date_was_meant(tmp_path: Path) -> None:
    log = tmp_path / "openclaw-2026-05-21.log"
    shutil.copy(REFERENCE, log)
    written = datetime(2026, 5, 21, 23, 0, tzinfo=timezone.utc).timestamp()
    os.utime(log, (written, written))  # as the gateway left it: the window skips it by its date
    said = explained(str(log), "--since", "18:40")
    assert len(said) == 1 and said[0].startswith("no log file overlaps the window from ")
    assert said[0].endswith("openclaw-2026-05-21.log is dated 2026-05-21; a time of day means today: "
                            "give the date too (e.g. --since '2026-05-21 18:40')")
    text = run("scan", str(log), "--since", "18:40").stdout  # said without -v
    assert "no log file overlaps the window" in " ".join(text.split())


def test_a_rule_filter_says_what_it_hid() -> None:
    assert explained(REFERENCE, "--rule", "RC03") == ["1 incident and 1 gateway episode hidden by --rule RC03"]
    text = run("scan", REFERENCE, "--rule", "RC03").stdout
    assert "No stuck sessions" not in text and "1 incident and 1 gateway episode hidden by --rule RC03" in text
    assert explained(REFERENCE, "--rule", "ghost-run") == ["1 gateway episode hidden by --rule ghost-run"]
    assert explained(REFERENCE, "--min-severity", "error") == ["1 gateway episode hidden by --min-severity error"]


def test_a_session_that_matches_nothing_lists_what_there_is() -> None:
    assert explained(REFERENCE, "--session", "INC-003") == [
        "--session INC-003 matches no session; the only incident is INC-001 (agent:main:telegram:direct:<peer-1>)"]
    said = explained(CONCURRENT, "--session", "INC-009")
    assert said[0] == "--session INC-009 matches no session; incidents are INC-001..INC-004"
    assert "not an all-clear" in run("timeline", CONCURRENT, "--session", "INC-009").stdout


@pytest.mark.parametrize("form", ["id", "key", "session", "run", "short-run"])
def test_session_takes_every_form_stuckscan_prints(form: str) -> None:
    shown = report(CONCURRENT)["incidents"][2]  # redacted, as a user copies it from the output
    raw = report(CONCURRENT, "--no-redact")["incidents"][2]
    wanted = {"id": shown["id"], "key": shown["sessionKey"], "session": raw["sessionId"],
              "run": raw["runIds"][0], "short-run": raw["runIds"][0][:8]}[form]
    assert "<peer-" in shown["sessionKey"]
    found = report(CONCURRENT, "--session", wanted)
    assert [incident["id"] for incident in found["incidents"]] == [shown["id"]]
    assert found["summary"]["explanations"] == [f"3 incidents hidden by --session {wanted}"]


def test_a_file_that_is_not_an_openclaw_log_is_an_input_error(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    passwd = tmp_path / "passwd"
    passwd.write_text("".join(f"user{n}:x:{1000 + n}:{1000 + n}::/home/user{n}:/bin/bash\n" for n in range(25)))
    line = error_line(["scan", str(passwd)], capsys)
    assert line == f"stuckscan: error: no OpenClaw log lines recognised in {passwd} (25 lines read); " \
                   "--allow-empty accepts such input"
    assert explained(str(passwd), "--allow-empty") == [f"no OpenClaw log lines recognised in {passwd} (25 lines read)"]
    text = run("scan", str(passwd), "--allow-empty")
    assert text.exit_code == 0 and "not an all-clear" in text.stdout


def test_a_pasted_snippet_without_timestamps_is_still_a_log(tmp_path: Path) -> None:
    snippet = tmp_path / "paste.txt"
    snippet.write_text("stalled session: sessionId=s1 sessionKey=agent:main:main state=processing age=400s "
                       "queueDepth=1\n" * 3)
    assert run("scan", str(snippet), "-q", "--fail-on", "never").exit_code == 0


# -- times -----------------------------------------------------------------------------


def test_views_show_the_logs_own_offset_and_say_so() -> None:
    text = run("scan", REFERENCE).stdout
    assert "2026-05-21 18:34:05 \u2192 18:48:25 +08:00" in text
    assert "(2026-05-21 08:02:56\u201322:43:11 +08:00)" in text
    timeline = run("timeline", REFERENCE).stdout
    assert "times +08:00 on 2026-05-21" in timeline and "  18:41:29  " in timeline


def test_utc_and_display_tz_choose_another_zone(capsys: pytest.CaptureFixture[str]) -> None:
    assert "10:34:05 \u2192 10:48:25 UTC" in run("scan", REFERENCE, "--utc").stdout
    assert "12:34:05 \u2192 12:48:25 +02:00" in run("scan", REFERENCE, "--display-tz", "Europe/Berlin").stdout
    assert "times UTC" in run("timeline", REFERENCE, "--utc").stdout
    line = error_line(["scan", REFERENCE, "--utc", "--display-tz", "+01:00"], capsys)
    assert "--utc and --display-tz" in line


def console_lines(start: datetime) -> str:
    """A pasted console stall (``HH:MM:SS [tag]`` lines: no date, no zone), every 30 s."""
    return "".join(
        f"{(start + timedelta(seconds=30 * n)):%H:%M:%S} [diagnostic] stalled session: sessionId=s1 "
        f"sessionKey=agent:main:main state=processing age={400 + 30 * n}s queueDepth=1\n" for n in range(4))


def test_a_time_only_log_is_never_dated_in_the_future(tmp_path: Path) -> None:
    paste = tmp_path / "paste.txt"
    now = datetime.now(timezone.utc)
    paste.write_text(console_lines(now + timedelta(hours=2)))  # today's date would put it two hours ahead
    found = report(str(paste), "--tz", "UTC")
    end = datetime.fromisoformat(found["inputs"]["timeRange"]["end"].replace("Z", "+00:00"))
    assert end <= now
    assert [text.split(":", 1)[0] for text in found["summary"]["explanations"]] == ["the log's times carry no date"]
    assert "give --date YYYY-MM-DD" in found["summary"]["explanations"][0]
    assert found["incidents"] and all(
        datetime.fromisoformat(incident["lastWarning"].replace("Z", "+00:00")) <= now for incident in found["incidents"])
    dated = report(str(paste), "--tz", "UTC", "--date", "2026-05-21")
    assert dated["summary"]["explanations"] == [] and dated["inputs"]["timeRange"]["end"].startswith("2026-05-21")
    assert "the log's times carry no date" in " ".join(run("scan", str(paste), "--tz", "UTC").stdout.split())


# -- errors and completion -------------------------------------------------------------


@pytest.mark.parametrize(("args", "needle"), [
    (["scan", REFERENCE, "--rule", "RC99"], "unknown rule 'RC99' (did you mean RC09?); rules are RC01, RC02"),
    (["scan", REFERENCE, "--rule", "ghostrun"], "(did you mean ghost-run?)"),
    (["explain", "RC2"], "unknown rule 'RC2' (did you mean RC02?)"),
    (["scan", "--frobnicate"], "no such option '--frobnicate'"),
    (["frobnicate"], "no such command 'frobnicate'"),
    ([REFERENCE], f"is a log, not a command; to analyse it run 'stuckscan scan {REFERENCE}'"),
    (["-"], "- is a log, not a command; to analyse it run 'stuckscan scan -'"),
    (["scan", "--format", "pdf", REFERENCE], "invalid value for '--format'"),
    (["scan", "--since", "someday", REFERENCE], "--since: cannot read time 'someday'"),
    (["explain"], "missing argument 'RULE'"),
])
def test_errors_are_one_line(args: list[str], needle: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert needle in error_line(args, capsys)


def test_an_unknown_rule_is_refused_before_anything_is_read(capsys: pytest.CaptureFixture[str]) -> None:
    assert "unknown rule" in error_line(["scan", "/nonexistent/openclaw.log", "--rule", "RC42"], capsys)


def complete(*words: str) -> list[str]:
    env = {**os.environ, "_STUCKSCAN_COMPLETE": "bash_complete", "COMP_WORDS": " ".join(["stuckscan", *words]),
           "COMP_CWORD": str(len(words))}
    result = subprocess.run([sys.executable, "-c", "from stuckscan.cli import main; main()"], env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    return [line.split(",", 1)[1] for line in result.stdout.splitlines()]


def test_shell_completion_completes_rule_ids() -> None:
    assert complete("scan", "--rule", "RC1") == [f"RC1{n}" for n in range(9)]
    assert complete("explain", "ghost") == ["ghost-run"]
    assert "--display-tz" in complete("scan", "--disp")


# -- fits 80 columns on every sample ---------------------------------------------------

SAMPLE_FILES = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".log", ".txt", ".jsonl"))
HEADING = r"INC-\d{3}  (?:error|warning|info|none)  "
LABEL = re.compile(r"(Cause|Why|Also|Outcome|Stuck|Signal|Lost|Missing|Fix|Evidence|When|Peak|Incidents) |\s")


def blocks(text: str, heading: str) -> list[list[str]]:
    """The incident (or episode) blocks of a scan view: a heading and its labelled rows."""
    lines = text.splitlines()
    found = []
    for index, line in enumerate(lines):
        if re.match(heading, line):
            block = [line]
            for following in lines[index + 1:]:
                if not LABEL.match(following):
                    break
                block.append(following)
            found.append(block)
    return found


def sample_args(path: Path) -> list[str]:
    return [str(path), "-q", "--fail-on", "never", *(["--date", "2026-05-21"] if "pretty" in path.name else [])]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_every_sample_fits_80_columns(path: Path) -> None:
    scan = run("scan", *sample_args(path)).stdout
    timeline = run("timeline", *sample_args(path)).stdout
    assert all(len(line) <= 80 for line in (scan + timeline).splitlines())
    incidents = blocks(scan, HEADING)
    assert all(len(block) <= 25 for block in incidents), [len(block) for block in incidents]
    for item in timeline.split("\n\n")[:-1]:
        assert len(item.splitlines()) <= 40, item
    if scan.count("\nINC-") + scan.startswith("INC-") > 1:
        assert re.search(r"^Id +Session +Cause +Status +Stuck +Recovery$", scan, re.M)


def test_the_samples_with_several_incidents_open_with_the_overview() -> None:
    text = run("scan", CONCURRENT, "-q").stdout
    lines = text.splitlines()
    assert lines[0] == "4 incidents; sessions are agent:main:\u2026"
    assert [line.split()[0] for line in lines[3:7]] == ["INC-001", "INC-002", "INC-003", "INC-004"]
    sizes = [len(block) for block in blocks(text, HEADING)]
    assert len(sizes) == 4 and max(sizes) <= 25, sizes


# -- the README ------------------------------------------------------------------------


def readme_example() -> tuple[str, str]:
    """The command and the output the README shows after ``$ ``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```\n\$ (?P<command>stuckscan [^\n]+)\n(?P<output>.*?)```", text, re.S)
    assert match is not None, "the README's example block"
    return match["command"], match["output"]


def test_the_readme_example_is_what_the_command_prints() -> None:
    command, shown = readme_example()
    args = command.split()[1:]
    result = subprocess.run([sys.executable, "-m", "stuckscan", *args], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, **NARROW}, timeout=120, check=False)
    assert result.stdout == shown, "regenerate the README example: COLUMNS=80 " + command


def test_explanations_validate_against_the_schema(tmp_path: Path) -> None:
    import jsonschema

    from stuckscan.formats.json import load_schema

    validator = jsonschema.Draft202012Validator(load_schema())
    empty = tmp_path / "empty.log"
    empty.write_text("")
    for args in ((REFERENCE, "--rule", "RC03"), (REFERENCE, "--since", "2026-05-22"), (str(empty), "--allow-empty")):
        document = report(*args)
        assert document["summary"]["explanations"], args
        validator.validate(document)
    broken = report(REFERENCE)
    broken["summary"]["explanations"] = "1 incident hidden"
    assert not validator.is_valid(broken)


def test_a_file_of_json_objects_that_are_no_log_records_is_an_input_error(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "sessions.jsonl"
    store.write_text('{"sessionKey":"agent:main:main","status":"running","hasActiveRun":false}\n'
                     '{"sessionKey":"agent:main:cron","status":"idle","hasActiveRun":false}\n')
    line = error_line(["scan", str(store)], capsys)
    assert line.startswith(f"stuckscan: error: no OpenClaw log lines recognised in {store} (2 lines read)")
