"""The t50g source audit of cron's isolated-agent runner and its delivery: lines written from OpenClaw's templates
(src/cron/isolated-agent/delivery-dispatch.ts, run-executor.ts; src/cron/service/timer.ts's failure alert).

Their messages start "[cron:<jobId>] ", which src/logger.ts does not take for a subsystem: the file record keeps it
in the message and the console prints it where a line's tag stands, so each template is read as the bare message, as a
console line under that tag, and as a gateway JSONL record with no subsystem."""

from __future__ import annotations

import pytest

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseStats, parse_text_lines
from tests.conftest import tslog_line

JOB = "9b1f3c2e-4d5a-4b6c-8d7e-0f1a2b3c4d5e"
AT = "2026-11-20T10:00:00.000Z"


def analyze_text(text: str):
    return analyze_events(parse_text_lines(text.splitlines()), ParseStats())


def _event(line: str):
    events = list(parse_text_lines([line]))
    assert len(events) == 1
    return events[0]


@pytest.mark.parametrize(("level", "text", "kind", "fields"), [
    ("ERROR", "delivery failed (bestEffort): Error: Outbound not configured for channel: telegram", "cron.delivery_failed",
     {"stage": "delivery failed", "error": "Error: Outbound not configured for channel: telegram"}),
    ("ERROR", "delivery payload failed (bestEffort): HttpError: Network request for 'sendMessage' failed!",
     "cron.delivery_failed", {"stage": "delivery payload failed"}),
    ("WARN", "transient direct announce delivery failure, retrying 3/4 in 10s: Error: gateway closed (1006 abnormal "
     "closure): no close reason", "cron.delivery_retry", {"attempt": 3, "maxAttempts": 4, "delaySeconds": 10}),
    ("WARN", "skipping stale delivery scheduled at 2026-11-20T06:30:00.000Z, started 208m late, current age 210m",
     "cron.delivery_skipped", {"scheduledAt": "2026-11-20T06:30:00.000Z", "lateMinutes": 208, "ageMinutes": 210}),
    ("WARN", "failed to mirror direct delivery into session transcript: session entry not found",
     "cron.delivery_housekeeping", {"what": "failed to mirror direct delivery into session transcript"}),
    ("WARN", "failed to resolve destination session for direct delivery mirror: Error: unknown channel",
     "cron.delivery_housekeeping", {"what": "failed to resolve destination session for direct delivery mirror"}),
    ("WARN", "failed to queue isolated cron awareness for the main session: Error: queue closed",
     "cron.delivery_housekeeping", {"what": "failed to queue isolated cron awareness for the main session"}),
    ("WARN", "durable delivery receipt unavailable; continuing best-effort delivery: SqliteError: SQLITE_CANTOPEN",
     "cron.delivery_housekeeping", {"what": "durable delivery receipt unavailable"}),
    ("WARN", "Failed to persist model switch session entry: Error: EACCES", "cron.delivery_housekeeping",
     {"what": "Failed to persist model switch session entry"}),
    ("WARN", "sourceDelivery is undefined; using fallback — possible build artifact mismatch",
     "cron.delivery_housekeeping", {"what": "sourceDelivery is undefined"}),
    ("WARN", "LiveSessionModelSwitchError retry limit reached (2); aborting", "cron.job_error",
     {"stage": "LiveSessionModelSwitchError retry limit reached", "retries": 2}),
])
def test_the_template_is_read_in_every_form(level: str, text: str, kind: str, fields: dict[str, object]) -> None:
    message = f"[cron:{JOB}] {text}"
    for line in (message, f"{AT} {message}", tslog_line(AT, None, message, level=level)):
        event = _event(line)
        assert event.kind == kind, line
        for name, value in fields.items():
            assert event.fields.get(name) == value, (line, name)
    assert _event(tslog_line(AT, None, message, level=level)).fields.get("jobId") == JOB


def test_the_failure_alert_takes_its_job_from_the_meta_object() -> None:
    event = _event(tslog_line(AT, "cron", "cron: failure alert delivery failed", level="WARN",
                              meta={"jobId": JOB, "err": "Error: chat not found"}))
    assert (event.kind, event.fields.get("what"), event.fields.get("jobId")) == ("cron.delivery_failed", "failure alert", JOB)


def test_an_error_a_family_reads_keeps_that_reading() -> None:
    event = _event(f"{AT} [cron:{JOB}] delivery failed (bestEffort): Error: gateway timeout after 10000ms")
    assert event.kind == "gateway.timeout"


@pytest.mark.parametrize("text", [
    "delivery failed (bestEffort): Error: Forbidden: bot was blocked by the user",
    "skipping stale delivery scheduled at 2026-11-20T06:30:00.000Z, started 208m late, current age 210m",
])
def test_a_lost_delivery_alone_is_a_fault_no_rule_judges(text: str) -> None:
    result = analyze_text(f"{AT} [cron:{JOB}] {text}")
    assert not result.incidents and not result.episodes
    assert result.unexplained.count == 1


@pytest.mark.parametrize("lines", [
    # a healthy isolated run delivered to its channel: its run record
    [f'{{"ts":1795082400000,"jobId":"{JOB}","action":"finished","status":"ok","summary":"Morning brief sent",'
     '"delivered":true,"deliveryStatus":"delivered","runAtMs":1795082340000,"durationMs":58000}'],
    # a transient channel error retried, then delivered
    [f"{AT} [cron:{JOB}] transient direct announce delivery failure, retrying 2/4 in 5s: Error: gateway not connected",
     f'{{"ts":1795082406000,"jobId":"{JOB}","action":"finished","status":"ok","delivered":true,'
     '"deliveryStatus":"delivered","runAtMs":1795082340000,"durationMs":64000}'],
    # the delivery's bookkeeping
    [f"{AT} [cron:{JOB}] failed to mirror direct delivery into session transcript: session entry not found"],
])
def test_a_healthy_cron_delivery_stays_quiet(lines: list[str]) -> None:
    result = analyze_text("\n".join(lines))
    assert not result.incidents and not result.episodes
    assert result.unexplained.count == 0
