"""``--format json``: the documented, versioned document and its JSON Schema."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from analysis_fixtures import (
    SAMPLE_LOG,
    SESSION_ID,
    SESSION_KEY,
    benign_analysis,
    empty_analysis,
    hostile_analysis,
    reference_analysis,
)
from stuckscan.analysis import analyze_paths
from stuckscan.formats import RenderOptions, render
from stuckscan.formats.json import SCHEMA_VERSION, load_schema
from stuckscan.model import Analysis, Severity

VALIDATOR = jsonschema.Draft202012Validator(load_schema())


def document(analysis: Analysis, **options: Any) -> dict[str, Any]:
    return json.loads(render("json", analysis, RenderOptions(**options)))  # type: ignore[no-any-return]


def test_the_schema_itself_is_valid_draft_2020_12() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("build", [reference_analysis, hostile_analysis, empty_analysis, benign_analysis],
                         ids=["reference", "hostile", "empty", "benign"])
@pytest.mark.parametrize("redact", [True, False], ids=["redacted", "raw"])
def test_output_validates_against_the_schema(build: Any, redact: bool) -> None:
    VALIDATOR.validate(document(build(), redact=redact))


def test_real_sample_day_validates() -> None:
    VALIDATOR.validate(document(analyze_paths([SAMPLE_LOG])))


def test_schema_rejects_a_broken_document() -> None:
    broken = document(reference_analysis())
    broken["incidents"][0]["status"] = "stuck-ish"
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(broken)
    broken = document(reference_analysis())
    del broken["summary"]["byStatus"]["evicted"]
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(broken)


def test_reference_incident_fields() -> None:
    doc = document(reference_analysis(), redact=False, fail_on=Severity.WARNING)
    assert doc["schemaVersion"] == SCHEMA_VERSION
    assert doc["tool"]["name"] == "stuckscan"
    assert doc["redacted"] is False
    incident = doc["incidents"][0]
    assert incident["sessionKey"] == SESSION_KEY and incident["sessionId"] == SESSION_ID
    assert incident["status"] == "still_stuck"
    assert incident["end"] is None, "an open incident has no end"
    assert incident["start"].endswith("Z") and incident["firstWarning"].endswith("Z")
    assert incident["severity"] == "error"
    assert incident["rootCause"]["rule"] == "RC02" and incident["rootCause"]["slug"] == "ghost-run"
    assert incident["rootCause"]["role"] == "primary"
    assert [c["rule"] for c in incident["contributing"]] == ["RC12"]
    assert incident["recoveries"][0]["verdict"] == "not_freed"
    assert incident["recoveries"][0]["released"] == 0
    assert incident["messagesPossiblyLost"] == 1
    assert incident["episodes"] == ["EP-001"]
    assert {"rule": "RC02", "text": "Restart the gateway: `openclaw gateway restart`."} in incident["fixes"]
    lines = [e["line"] for e in incident["evidence"]]
    assert len(lines) == len(set(lines)), "each cited line once"
    times = [e["time"] for e in incident["evidence"]]
    assert times == sorted(times)
    assert all(e["file"] == SAMPLE_LOG for e in incident["evidence"])


def test_episode_and_summary() -> None:
    doc = document(reference_analysis(), fail_on=Severity.WARNING)
    episode = doc["episodes"][0]
    assert episode["rootCause"]["rule"] == "RC12"
    assert episode["incidents"] == ["INC-001"]
    assert episode["peak"]["handshakeDurationSeconds"] == pytest.approx(465.554)
    assert episode["durationSeconds"] == pytest.approx(381.866)  # first liveness warning to the 465 s close
    summary = doc["summary"]
    assert summary["byStatus"] == {"recovered": 0, "still_stuck": 1, "resolved_by_itself": 0, "false_positive": 0,
                                   "evicted": 0, "force_cleared": 0, "ended_by_restart": 0, "fault_signal": 0}
    assert summary["bySeverity"] == {"error": 1, "warning": 1, "info": 0}
    assert summary["byRule"] == {"RC02": 1, "RC12": 2}
    assert summary["worstSeverity"] == "error"
    assert summary["failOn"] == "warning" and summary["failing"] == 2


def test_redaction_is_on_by_default() -> None:
    doc = document(reference_analysis())
    assert doc["redacted"] is True
    assert doc["incidents"][0]["sessionKey"] == "agent:main:telegram:direct:<peer-1>"
    assert "7012345678" not in json.dumps(doc)
    assert doc["incidents"][0]["sessionId"] == SESSION_ID, "UUID session ids are kept"


def test_benign_findings_count_as_info() -> None:
    doc = document(benign_analysis(), fail_on=Severity.WARNING)
    assert doc["episodes"][0]["severity"] == "info"
    assert doc["episodes"][0]["rootCause"]["benign"] is True
    assert doc["summary"]["failing"] == 0


def test_output_is_ascii_and_round_trips_log_text() -> None:
    analysis = hostile_analysis()
    text = render("json", analysis, RenderOptions(redact=False))
    assert text.isascii() and "\x1b" not in text
    doc = json.loads(text)
    assert doc["incidents"][0]["timeline"][1]["text"] == analysis.incidents[0].timeline[1].text
