"""Diagnostics bundles as input: the reference incident read from a bundle the exporter's
layout was rebuilt from (tools/bundlegen.py), unsafe and foreign zips, redacted ids."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from stuckscan.cli import cli
from tools.bundlegen import BundleSpec, Redaction, build_bundle, bundle_files, reference_spec, write_zip

SAMPLES = Path(__file__).resolve().parent.parent / "sample_logs"
REFERENCE = SAMPLES / "openclaw-2026-05-21.log"
TAIL = "logs/openclaw-sanitized.jsonl"
OFFSET = timezone(timedelta(hours=8))


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def report(*args: str) -> dict:
    result = run("scan", *args, "--format", "json", "--fail-on", "never", "--quiet")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def bundle_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_bundle(REFERENCE, tmp_path_factory.mktemp("bundle") / "openclaw-diagnostics.zip")


def member_line(bundle: Path, member: str, number: int) -> str:
    with zipfile.ZipFile(bundle) as archive:
        return archive.read(member).decode("utf-8").splitlines()[number - 1]


def test_scan_bundle_finds_the_reference_incident_and_cites_the_member(bundle_zip: Path) -> None:
    plain = report(str(REFERENCE))["incidents"][0]
    bundled = report(str(bundle_zip))
    incident = bundled["incidents"][0]
    assert len(bundled["incidents"]) == 1
    for key in ("status", "start", "firstWarning", "lastWarning"):
        assert incident[key] == plain[key], key
    # the line that ended it in the plain log names the session id, which the export redacts:
    # the next line of the same recovery ends it
    ends = [datetime.fromisoformat(value["end"].replace("Z", "+00:00")) for value in (incident, plain)]
    assert abs(ends[0] - ends[1]) <= timedelta(seconds=5)
    assert incident["rootCause"]["rule"] == plain["rootCause"]["rule"] == "RC02"
    assert incident["recoveries"][0]["verdict"] == "force_cleared"
    cited = [e for e in incident["rootCause"]["evidence"] if e["file"].endswith(TAIL)]
    assert cited and all(e["file"] == f"{bundle_zip}!{TAIL}" for e in cited)
    for evidence in cited:  # the cited line of the member holds the cited message
        line = json.loads(member_line(bundle_zip, TAIL, evidence["line"]))
        assert line["msg"].split(":")[0] == evidence["text"].split(":")[0]


def test_bundle_snapshot_reports_the_state_at_export_and_what_is_missing(bundle_zip: Path) -> None:
    bundle = report(str(bundle_zip))["inputs"]["bundle"]
    assert bundle["generatedAt"] == "2026-05-21T11:03:10.000Z"
    assert bundle["openclawVersion"] == "2026.5.18"
    assert bundle["sessions"] == [{"state": "processing", "queueDepth": 1, "ageSeconds": 64.0, "work": "model_call"}]
    assert bundle["eventLoop"]["eventLoopDelayP99Ms"] == 88.1
    assert bundle["stabilityEvents"] > bundle["stabilityUsed"] == 4  # three liveness warnings, one memory pressure
    assert any(gap.startswith("the log tail covers only the last") for gap in bundle["gaps"])
    assert bundle["cutMessages"] > 0


def test_stability_events_are_gateway_signals_cited_where_they_begin(bundle_zip: Path) -> None:
    result = run("events", str(bundle_zip), "--kind", "liveness.warning", "--format", "jsonl")
    events = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    from_stability = [e for e in events if e["file"].endswith("!stability/latest.json")]
    assert len(from_stability) == 3
    for event in from_stability:
        assert member_line(bundle_zip, "stability/latest.json", event["line"]).strip() == "{"
        following = member_line(bundle_zip, "stability/latest.json", event["line"] + 3)
        assert '"type": "diagnostic.liveness.warning"' in following
    analysis = report(str(bundle_zip))
    early = [e for e in analysis["episodes"] if e["start"] < "2026-05-21T06:00:00Z"]
    assert early and early[0]["rootCause"]["rule"] == "RC12"


def test_unpacked_bundle_and_rezipped_folder_read_the_same(bundle_zip: Path, tmp_path: Path) -> None:
    expected = report(str(bundle_zip))["incidents"][0]
    directory = build_bundle(REFERENCE, tmp_path / "unpacked", unpacked=True)
    nested = build_bundle(REFERENCE, tmp_path / "nested.zip", prefix="openclaw-diagnostics-2026-05-21/")
    for path in (directory, nested):
        incident = report(str(path))["incidents"][0]
        assert (incident["rootCause"]["rule"], incident["start"], incident["status"]) == \
            (expected["rootCause"]["rule"], expected["start"], expected["status"])
        assert incident["rootCause"]["evidence"][0]["file"].startswith(f"{path}!")


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/passwd", "logs/../../x", "C:/x.txt", "a\\..\\b"])
def test_unsafe_member_names_are_refused_in_one_line(tmp_path: Path, name: str) -> None:
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("manifest.json", "{}")
        handle.writestr(TAIL, "")
        handle.writestr(name, "x")
    result = run("scan", str(archive))
    assert result.exit_code == 2
    assert "unsafe member name" in result.output and len(result.output.strip().splitlines()) == 1


def test_a_zip_that_is_not_a_bundle_is_an_input_error(tmp_path: Path) -> None:
    archive = tmp_path / "logs.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("openclaw-2026-05-21.log", REFERENCE.read_text(encoding="utf-8")[:2000])
    result = run("scan", str(archive))
    assert result.exit_code == 2
    assert "not an OpenClaw diagnostics bundle" in result.output
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    assert run("scan", str(broken)).exit_code == 2


def _tail_bundle(tmp_path: Path, lines: list[dict]) -> Path:
    spec = BundleSpec(export_time=datetime(2026, 5, 21, 19, 0, tzinfo=OFFSET), config=None, redaction=Redaction())
    files = bundle_files([], spec)
    files[TAIL] = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    return write_zip(files, tmp_path / "tail.zip")


def _stall(time: str, key: str, age: int) -> dict:
    return {"time": f"2026-05-21T{time}.000+08:00", "level": "WARN", "subsystem": "diagnostic",
            "msg": f"stalled session: sessionId=<redacted> sessionKey={key} state=processing age={age}s queueDepth=1 "
                   "reason=active_work_without_progress classification=stalled_agent_run activeWorkKind=model_call"}


def test_redacted_ids_do_not_merge_unrelated_sessions(tmp_path: Path) -> None:
    lines = []
    for tick in range(8):  # two sessions, both fully redacted, stalled 5 minutes apart
        clock = (datetime(2026, 5, 21, 18, 30, tzinfo=OFFSET) + timedelta(seconds=30 * tick)).strftime("%H:%M:%S")
        lines.append(_stall(clock, "***", 130 + 30 * tick))
        lines.append(_stall(clock, "***", 430 + 30 * tick))
    masked = [_stall("18:40:00", "agent:…5678", 200), _stall("18:40:00", "agent:…2287", 200),
              _stall("18:40:30", "agent:…5678", 230), _stall("18:40:30", "agent:…2287", 230)]
    incidents = report(str(_tail_bundle(tmp_path, lines + masked)))["incidents"]
    # a stall named only by a redacted key is named after the key and its own onset ("*** #2")
    redacted = [incident for incident in incidents if (incident["sessionKey"] or "").startswith("***")]
    starts = sorted(incident["start"] for incident in redacted)
    assert len(starts) == 2 and starts[0] != starts[1]
    masked = sorted(incident["sessionKey"].split(" #")[0] for incident in incidents if incident not in redacted)
    assert masked == ["agent:…2287", "agent:…5678"]


def test_a_message_cut_by_the_exporter_loses_its_partial_last_word(tmp_path: Path) -> None:
    head = "stalled session: sessionKey=agent:…5678 state=processing age=200s queueDepth=1 activeWorkKind=model_call "
    tail = "lastProgress=model_call:started lastProgressAge=19"
    cut = head + "reason=" + "x" * (240 - len(head) - len(tail) - len("reason=") - 1) + " " + tail  # 195s, cut at 240
    assert len(cut) == 240
    path = _tail_bundle(tmp_path, [{"time": "2026-05-21T18:40:00.000+08:00", "level": "WARN",
                                    "subsystem": "diagnostic", "msg": cut}])
    result = run("events", str(path), "--format", "jsonl")
    event = json.loads(result.output.splitlines()[0])
    assert "lastProgressAge" not in event["fields"] and event["fields"]["lastProgress"] == "model_call:started"


def test_reference_spec_tail_starts_after_the_stability_events() -> None:
    spec = reference_spec(datetime(2026, 5, 21, 19, 3, 10, tzinfo=OFFSET))
    assert spec.stability_events and spec.stability_written is not None
    files = bundle_files(REFERENCE.read_text(encoding="utf-8").splitlines(), spec)
    first = json.loads(files[TAIL].splitlines()[0])["time"]
    assert datetime.fromisoformat(first) > spec.stability_written
