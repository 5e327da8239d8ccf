"""Placeholders are the same for the same value whatever the filters, on every run, and,
with ``--redact-salt``, across different inputs."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from stuckscan import redact
from stuckscan.analysis import analyze_paths
from stuckscan.redact import PLACEHOLDER, Redactor, redact_analysis

ROOT = Path(__file__).resolve().parent.parent
CONCURRENT = ROOT / "sample_logs" / "rules" / "concurrent-incidents.log"
HOSTILE = ROOT / "sample_logs" / "hostile" / "hostile.log"


def run(*args: str, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    base = {key: value for key, value in os.environ.items() if not key.startswith(("OPENCLAW_", "GITHUB_", "STUCKSCAN_"))}
    result = subprocess.run([sys.executable, "-m", "stuckscan", *args], capture_output=True, text=True, timeout=120,
                            env={**base, "NO_COLOR": "1", **(env or {})}, stdin=subprocess.DEVNULL, encoding="utf-8")
    assert "Traceback" not in result.stderr, result.stderr
    if check:
        assert result.returncode in (0, 1), (args, result.stderr)
    return result


def scan_json(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    return json.loads(run("scan", "--format", "json", "--fail-on", "never", *args, env=env).stdout)  # type: ignore[no-any-return]


def by_id(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {incident["id"]: incident for incident in document["incidents"]}


# -- filters do not renumber --------------------------------------------------------------


def test_session_filter_keeps_the_full_scans_placeholders() -> None:
    raw = by_id(scan_json("--no-redact", str(CONCURRENT)))
    full = by_id(scan_json(str(CONCURRENT)))
    assert len(raw) >= 3
    assert len({incident["sessionKey"] for incident in full.values()}) == len(raw)  # one placeholder each
    for incident_id, incident in raw.items():
        alone = by_id(scan_json("--session", incident["sessionKey"], str(CONCURRENT)))
        assert list(alone) == [incident_id]
        assert alone[incident_id] == full[incident_id]  # every string, not only the session key


def test_rule_and_severity_filters_keep_the_full_scans_placeholders() -> None:
    full = by_id(scan_json(str(CONCURRENT)))
    rules = {incident["rootCause"]["rule"] for incident in full.values() if incident.get("rootCause")}
    assert len(rules) >= 2
    for rule in sorted(rules):
        for incident_id, incident in by_id(scan_json("--rule", rule, str(CONCURRENT))).items():
            assert incident == full[incident_id]
    for incident_id, incident in by_id(scan_json("--min-severity", "error", str(CONCURRENT))).items():
        assert incident == full[incident_id]


def test_timeline_and_report_under_a_filter_name_the_same_placeholder() -> None:
    raw = by_id(scan_json("--no-redact", str(CONCURRENT)))
    full = by_id(scan_json(str(CONCURRENT)))
    last_id = sorted(raw)[-1]
    placeholder = full[last_id]["sessionKey"]
    assert PLACEHOLDER.search(placeholder), placeholder
    for command in ("timeline", "report"):
        output = run(command, "--session", raw[last_id]["sessionKey"], str(CONCURRENT)).stdout
        assert placeholder in output, command


def test_the_same_input_gives_the_same_output_every_run() -> None:
    assert run("scan", "--format", "json", str(HOSTILE)).stdout == run("scan", "--format", "json", str(HOSTILE)).stdout


def test_learning_the_whole_then_redacting_a_part() -> None:
    """What the commands do: the part gets exactly the placeholders the whole would."""
    analysis = analyze_paths([str(CONCURRENT)])
    whole = redact_analysis(analysis)
    for index, incident in enumerate(analysis.incidents):
        redactor = Redactor()
        redactor.learn(analysis)
        part = type(analysis)(analysis.inputs, analysis.environment, [incident], [])
        assert redact_analysis(part, redactor).incidents == [whole.incidents[index]]


def test_events_filters_do_not_renumber() -> None:
    every = [json.loads(line) for line in run("events", "--format", "jsonl", str(CONCURRENT)).stdout.splitlines()]
    some = [json.loads(line) for line in
            run("events", "--format", "jsonl", "--kind", "session.stalled", str(CONCURRENT)).stdout.splitlines()]
    assert some and len(some) < len(every)
    assert all(PLACEHOLDER.search(event["message"]) for event in some)  # redacted, by default
    lines = {event["line"]: event for event in every}
    for event in some:
        assert event == lines[event["line"]]


# -- keyed placeholders ---------------------------------------------------------------------


def keyed(salt: str, value: str) -> str:
    return hmac.new(salt.encode(), value.encode(), hashlib.sha256).hexdigest()[:12]


def test_salted_placeholder_is_an_hmac_of_the_value() -> None:
    result = Redactor("s3cret-salt").redact_text("chatId=7012345678 mail karen@example.org")
    assert result == (f"chatId=<peer-{keyed('s3cret-salt', '7012345678')}> "
                      f"mail <email-{keyed('s3cret-salt', 'karen@example.org')}>")
    assert hashlib.sha256(b"7012345678").hexdigest()[:12] not in result  # not a plain hash anyone can recompute


def test_salted_placeholders_do_not_depend_on_order_or_other_values() -> None:
    one, two = Redactor("salt"), Redactor("salt")
    one.redact_text("chatId=111111111 then chatId=7012345678")
    two.redact_text("user=somebody")
    assert one.mapping["7012345678"] == two.redact_text("chatId=7012345678").split("=", 1)[1]
    assert Redactor("other").redact_text("chatId=7012345678") != two.redact_text("chatId=7012345678")


def test_salted_placeholders_survive_a_second_pass() -> None:
    redactor = Redactor("salt")
    once = redactor.redact_text("sessionKey=agent:main:telegram:direct:7012345678 remote=203.0.113.9 call 06 12 34 56 78")
    assert redactor.redact_text(once) == once
    assert Redactor("salt").redact_text(once) == once


def test_short_digests_that_collide_still_name_different_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(redact, "_KEYED_DIGITS", 1)  # 16 possible placeholders: collisions are certain
    redactor = Redactor("salt")
    values = [f"value-{number:03d}" for number in range(60)]
    tokens = [redactor.placeholder(value, "peer") for value in values]
    assert len(set(tokens)) == len(values)
    assert [redactor.placeholder(value, "peer") for value in values] == tokens


def test_empty_salt_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        Redactor("")
    result = run("scan", "--redact-salt", "", str(HOSTILE), check=False)
    assert result.returncode == 2
    assert "--redact-salt" in result.stderr and "empty" in result.stderr


def without_first_session(source: Path, target: Path) -> str:
    """``source`` without the lines of the first session with a peer; returns a session key kept."""
    document = scan_json("--no-redact", str(source))
    redacted = scan_json(str(source))["incidents"]
    first_peer = next(index for index, incident in enumerate(redacted) if PLACEHOLDER.search(incident["sessionKey"]))
    dropped, kept = document["incidents"][first_peer], document["incidents"][-1]
    assert dropped is not kept
    names = [name for name in (dropped["sessionKey"], dropped["sessionId"]) if name]
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    target.write_text("".join(line for line in lines if not any(name in line for name in names)), encoding="utf-8")
    return str(kept["sessionKey"])


def test_salt_makes_two_inputs_comparable(tmp_path: Path) -> None:
    other = tmp_path / "openclaw-2026-05-22.log"
    kept_key = without_first_session(CONCURRENT, other)

    def placeholder_of(path: Path, *options: str, env: dict[str, str] | None = None) -> str:
        raw = scan_json("--no-redact", str(path))
        index = [incident["sessionKey"] for incident in raw["incidents"]].index(kept_key)
        return str(scan_json(*options, str(path), env=env)["incidents"][index]["sessionKey"])

    numbered = placeholder_of(CONCURRENT), placeholder_of(other)
    assert numbered[0] != numbered[1]  # numbering depends on the input: why the salt exists
    salted = placeholder_of(CONCURRENT, "--redact-salt", "team-salt"), placeholder_of(other, "--redact-salt", "team-salt")
    assert salted[0] == salted[1]
    assert placeholder_of(other, env={"STUCKSCAN_REDACT_SALT": "team-salt"}) == salted[0]
    assert placeholder_of(other, "--redact-salt", "another-salt") != salted[0]
    assert kept_key.rsplit(":", 1)[-1] not in salted[0]


# -- watch ------------------------------------------------------------------------------------


def watch_changes(path: Path, salt: str | None, capsys: pytest.CaptureFixture[str]) -> tuple[list[dict[str, Any]], Any]:
    import threading

    from stuckscan.commands.watch import STREAM_CACHE_TEXTS, IncidentPrinter, run_watch
    from stuckscan.follow import Follower
    from stuckscan.parser import ParseOptions

    stop = threading.Event()
    printer = IncidentPrinter("jsonl", None, redact=True, salt=salt)
    redactor = printer.redactor
    run_watch(Follower(str(path), 0.01, from_start=True, stop=stop), ParseOptions(), printer, sleep=lambda _: stop.set())
    assert printer.redactor is redactor  # one redactor for the watch's lifetime
    assert redactor is not None and len(redactor._patterned) <= STREAM_CACHE_TEXTS
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()], redactor


def test_watch_keeps_each_placeholder_through_every_change(capsys: pytest.CaptureFixture[str]) -> None:
    changes, _ = watch_changes(CONCURRENT, None, capsys)
    keys: dict[str, set[str]] = {}
    for change in changes:
        keys.setdefault(change["incident"]["id"], set()).add(change["incident"]["sessionKey"])
    assert len(keys) >= 3 and all(len(names) == 1 for names in keys.values()), keys
    assert len({next(iter(names)) for names in keys.values()}) == len(keys)


def test_salted_watch_and_scan_name_a_session_alike(capsys: pytest.CaptureFixture[str]) -> None:
    changes, _ = watch_changes(CONCURRENT, "team-salt", capsys)
    scanned = {incident["sessionKey"] for incident in scan_json("--redact-salt", "team-salt", str(CONCURRENT))["incidents"]}
    watched = {change["incident"]["sessionKey"] for change in changes}
    assert watched == scanned
    assert any(PLACEHOLDER.search(key) for key in watched)
