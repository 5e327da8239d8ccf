"""A family's label pasted in brackets as if it were a console tag (f5839), and the run timeout it follows."""

from __future__ import annotations

from stuckscan.parser import parse_text_lines
from tests.test_pasted_readings import analyze_text

TIMEOUT = "18:37:24 [agent/embedded] embedded run timeout: timeoutMs=120000 from=nVidia/minimaxai/minimax-m2.7"
PASTED = (
    TIMEOUT,
    "18:37:24 [embedded run failover decision] decision=fallback_model from=nVidia/minimaxai/minimax-m2.7",
    "18:37:24 [lane task error] lane=main durationMs=133963",
    "18:37:24 [model-fallback/decision] candidate_failed ... next=nvidia/z-ai/glm-5.1",
)
REAL = (
    TIMEOUT,
    "18:37:24 [agent/embedded] embedded run failover decision: decision=fallback_model from=nVidia/minimaxai/minimax-m2.7",
    "18:37:24 [diagnostic] lane task error: lane=main durationMs=133963",
    "18:37:24 [model-fallback/decision] model fallback decision: decision=candidate_failed next=nvidia/z-ai/glm-5.1",
)


def causes(*lines: str) -> list[str]:
    return [f.rule.id for i in analyze_text(*lines).incidents for f in (i.primary, *i.contributing) if f is not None]


def test_a_label_pasted_in_brackets_reads_as_its_family() -> None:
    events = parse_text_lines(list(PASTED))
    assert [e.kind for e in events] == ["embedded.timeout", "embedded.failover", "lane.task_error",
                                        "model.fallback_decision"]
    failover, task, decision = events[1:]
    assert failover.message == "embedded run failover decision: decision=fallback_model from=nVidia/minimaxai/minimax-m2.7"
    assert failover.fields == {"decision": "fallback_model", "from": "nVidia/minimaxai/minimax-m2.7"}
    assert failover.subsystem is None  # (the bracket named no subsystem; the missing reason stays unknown)
    assert task.message == "lane task error: lane=main durationMs=133963"
    assert task.fields == {"lane": "main", "durationMs": 133963} and not task.has("error")
    assert decision.subsystem == "model-fallback/decision"
    assert decision.fields == {"decision": "candidate_failed", "next": "nvidia/z-ai/glm-5.1"}
    # (untimed, and after an ISO time, alike)
    (bare,) = parse_text_lines(["[lane task error] lane=main durationMs=5"])
    assert bare.kind == "lane.task_error" and bare.fields["durationMs"] == 5
    (dated,) = parse_text_lines(["2026-05-05T18:37:24.000Z [lane task error] lane=main durationMs=5"])
    assert dated.kind == "lane.task_error" and dated.time is not None


def test_the_same_lines_in_their_real_form_read_as_before() -> None:
    events = parse_text_lines(list(REAL))
    assert [(e.kind, e.subsystem) for e in events] == [
        ("embedded.timeout", "agent/embedded"), ("embedded.failover", "agent/embedded"),
        ("lane.task_error", "diagnostic"), ("model.fallback_decision", "model-fallback/decision")]
    assert events[2].message == "lane task error: lane=main durationMs=133963"


def test_prose_or_a_real_tag_in_brackets_is_left_as_it_was() -> None:
    prose, gateway, embedded, unknown = parse_text_lines([
        "18:37:24 [see the thread above] lane=main durationMs=5",
        "18:37:24 [gateway] lane task error now",
        "18:37:24 [agent/embedded] lane task error: lane=main durationMs=5",
        "18:37:24 [lane task errors] lane=main durationMs=5",  # (not a whole label)
    ])
    assert prose.kind == "generic" and prose.message == "[see the thread above] lane=main durationMs=5"
    assert gateway.subsystem == "gateway" and gateway.message == "lane task error now"
    assert embedded.subsystem == "agent/embedded" and embedded.kind == "lane.task_error"
    assert unknown.kind == "generic" and unknown.message.startswith("[lane task errors]")


def test_a_run_timeout_its_condensed_failover_and_lane_end_follow_is_rc01_not_rc15() -> None:
    assert causes(*PASTED)[:1] == ["RC01"] and "RC15" not in causes(*PASTED)
    assert causes(*REAL)[:1] == ["RC01"] and "RC15" not in causes(*REAL)


def test_a_failover_decision_with_no_reason_after_its_run_timeout_leaves_it_lone() -> None:
    assert causes(TIMEOUT, PASTED[1])[:1] == ["RC01"]  # the decision shows the run ended
    assert causes(TIMEOUT, PASTED[3])[:1] == ["RC01"]  # so does the model fallback's, its candidate cut
    # a decision that names another cause is no echo of the timeout: the timeout is read as before
    refused = REAL[1].replace("decision=fallback_model", "decision=fallback_model reason=rate_limit")
    assert "RC15" in causes(TIMEOUT, refused)


def test_a_lane_task_error_with_no_error_that_held_the_runs_budget_is_its_end() -> None:
    assert causes(TIMEOUT, REAL[2])[:1] == ["RC01"]
    # a task that held its lane a moment only is another task beside it: the timeout still waits, unanswered
    assert "RC15" in causes(TIMEOUT, "18:37:24 [diagnostic] lane task error: lane=main durationMs=6")


def test_a_condensed_failover_with_no_run_timeout_before_it_stays_quiet() -> None:
    assert causes(PASTED[1], PASTED[2], PASTED[3]) == []


def test_prose_after_a_bracketed_label_is_no_line_of_its_family() -> None:
    # (h57: a reporter's words about a line, "[stuck session] happened once", are no stall warning; only a label
    # followed by the line's own key=value fields is read as the line, and a markdown link is left as it is)
    lines = [
        "[stuck session] happened once, then it went away",
        "[handshake timeout] happened once",
        "[memory pressure] is high",
        "[lane task error] (https://docs.openclaw.ai/gateway/troubleshooting#lanes)",
        "- [lane task error](https://docs.openclaw.ai/gateway/troubleshooting) lane=main",
        "[lane task error](https://docs.openclaw.ai/gateway/troubleshooting)",
    ]
    assert [e.kind for e in parse_text_lines(lines)] == ["generic"] * len(lines)
    assert causes(TIMEOUT.replace("embedded run timeout", "embedded run start"), *lines) == []
    (kept,) = parse_text_lines(["[stuck session] sessionKey=agent:main:main state=processing age=300s"])
    assert kept.kind == "session.stuck"
