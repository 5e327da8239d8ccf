"""A hook agent run's summary line (src/gateway/server/hooks.ts). The newest builds log ``hook agent run completed
runId=<id> status=<s>[ deliveryError=<e>][ summary=<s>][ model=<m>]``, each value unquoted with its whitespace folded
to single spaces: ``summary=`` holds the run's error text of several words, followed only by ``model=`` or the line's
end; the text report's evidence shows it whole, as the JSON report does. The builds before them log a run that did
not end ok as ``hook agent run returned non-ok status`` (warn), its status, model and summary in the file log's meta
object and on the console as ``status=<s>[ model=<m>][ summary=<s>]`` after the message (the summary last): read as
``hooks.run_failed``, or as the summary's own reading where a family reads it (``LLM request timed out.``); a run
that ended ok logs neither warning and stays quiet."""

from __future__ import annotations

import json
from datetime import timezone
from pathlib import Path

import pytest

from stuckscan.analysis import analyze_paths
from stuckscan.formats import RenderOptions, render
from stuckscan.model import RUN_ENDED_ON_SIGNAL, Analysis
from stuckscan.parser import ParseOptions, parse_text_lines
from tests.conftest import tslog_line

UTC = timezone.utc
AT = "2026-05-21T18:00:00.000Z"
SUMMARY = "LLM request timed out."
COMPLETED = f"hook agent run completed runId=r1 status=error summary={SUMMARY} model=openai/gpt-5"
NON_OK = f"hook agent run returned non-ok status status=error model=openai/gpt-5 summary={SUMMARY}"
NON_OK_META = {"sourcePath": "/hooks/agent", "name": "Gmail", "runId": "r1", "jobId": "j1", "sessionKey": "hook:gmail:1",
               "status": "error", "model": "openai/gpt-5", "summary": SUMMARY}


def _analysis(tmp_path: Path, lines: list[str], suffix: str = ".log") -> Analysis:
    log = tmp_path / f"openclaw-2026-05-21{suffix}"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return analyze_paths([str(log)])


def _one(line: str):
    events = parse_text_lines([line], "openclaw-2026-05-21.log", ParseOptions())
    assert len(events) == 1
    return events[0]


def _rendered(analysis: Analysis, fmt: str) -> str:
    return render(fmt, analysis, RenderOptions(color=False, display_zone=UTC, width=200))


@pytest.mark.parametrize("message", [
    pytest.param(COMPLETED, id="completed-then-model"),
    pytest.param(f"hook agent run completed runId=r1 status=error summary={SUMMARY}", id="completed-summary-last"),
    pytest.param(NON_OK, id="non-ok-console"),
])
def test_the_summary_of_several_words_shows_whole_in_the_text_and_json_evidence(tmp_path: Path, message: str) -> None:
    analysis = _analysis(tmp_path, [f"{AT} [hooks] {message}"])
    assert len(analysis.incidents) == 1
    incident = analysis.incidents[0]
    assert incident.primary is not None and incident.primary.rule.id == "RC01"
    text = _rendered(analysis, "text")
    evidence = text[text.index("Evidence"):]
    assert f"summary={SUMMARY}" in evidence, evidence
    if message.endswith("model=openai/gpt-5"):
        assert f"summary={SUMMARY} model=openai/gpt-5" in evidence
    report = json.loads(_rendered(analysis, "json"))
    texts = [item["text"] for item in report["incidents"][0]["rootCause"]["evidence"]]
    assert texts == [message]


def test_a_one_word_field_after_the_free_text_still_reads_as_its_own_field() -> None:
    from stuckscan.formats.text import deciding_detail, split_fields
    head, fields = split_fields(COMPLETED)
    assert head == "hook agent run completed"
    assert fields == [("runId", "r1"), ("status", "error"), ("summary", SUMMARY), ("model", "openai/gpt-5")]
    assert deciding_detail("hook agent run completed runId=r9 status=ok deliveryError=channel unavailable "
                           "model=openai/gpt-5") == "status=ok deliveryError=channel unavailable model=openai/gpt-5"
    # a quoted value and the other fields are read as before
    assert split_fields('cron run finished: jobId=j1 status=error error="LLM request timed out." durationMs=6')[1] == \
        [("jobId", "j1"), ("status", "error"), ("error", '"LLM request timed out."'), ("durationMs", "6")]


def test_the_older_builds_non_ok_warning_reads_as_a_failed_hook_run_in_either_form() -> None:
    summary = "payload.model rejected by agents.defaults.models allowlist: not in [moonshot/kimi-k3]"
    console = _one(f"{AT} [hooks] hook agent run returned non-ok status status=error model=anthropic/claude-haiku-3.5 "
                   f"summary={summary}")
    assert console.kind == "hooks.run_failed"
    assert console.fields["summary"] == summary and console.fields["model"] == "anthropic/claude-haiku-3.5"
    meta = {**NON_OK_META, "model": "anthropic/claude-haiku-3.5", "summary": summary}
    record = _one(tslog_line(AT, "gateway/hooks", "hook agent run returned non-ok status", level="WARN", meta=meta))
    assert record.kind == "hooks.run_failed" and record.level == "warn"
    assert record.fields["summary"] == summary and record.fields["runId"] == "r1"


@pytest.mark.parametrize("suffix", [".log", ".jsonl"])
def test_a_non_ok_hook_run_whose_summary_is_a_model_timeout_is_that_timeout(tmp_path: Path, suffix: str) -> None:
    if suffix == ".log":
        line = f"{AT} [hooks] {NON_OK}"
    else:
        line = tslog_line(AT, "gateway/hooks", "hook agent run returned non-ok status", level="WARN", meta=NON_OK_META)
    assert _one(line).kind == "model.request_timeout"
    analysis = _analysis(tmp_path, [line], suffix)
    assert len(analysis.incidents) == 1
    incident = analysis.incidents[0]
    assert incident.primary is not None and incident.primary.rule.id == "RC01"
    # the warning is logged once the run resolved: the run ended on it
    assert incident.status_reason == RUN_ENDED_ON_SIGNAL
    assert analysis.unexplained.count == 0


@pytest.mark.parametrize("suffix", [".log", ".jsonl"])
def test_a_healthy_hook_run_stays_quiet(tmp_path: Path, suffix: str) -> None:
    # a run that ended ok logs no "non-ok status" warning, only the info lines
    messages = ["hook agent run completed without announcement", "hook agent run completed runId=r1 status=ok "
                "model=openai/gpt-5"]
    if suffix == ".log":
        lines = [f"2026-05-21T18:00:0{i}.000Z [hooks] {m}" for i, m in enumerate(messages)]
    else:
        lines = [tslog_line(f"2026-05-21T18:00:0{i}.000Z", "gateway/hooks", m, level="INFO") for i, m in enumerate(messages)]
    analysis = _analysis(tmp_path, lines, suffix)
    assert not analysis.incidents
    assert analysis.unexplained.count == 0
