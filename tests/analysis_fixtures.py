"""Hand-built :class:`~stuckscan.model.Analysis` objects for the formatter tests.

``reference_analysis`` is the reference incident of the 2026-05-21 sample day, built
from that file's real lines (picked by kind and content, not by line number): the
Telegram session ``agent:main:telegram:direct:7012345678`` wedged after
``model_call:ended`` (RC02 ghost run), gateway event-loop starvation contributing (RC12),
a recovery with ``released=0`` judged ``not_freed`` and the log ending while it is still
stuck, plus the gateway episode with the 290 s and 465 s handshakes.

``hostile_analysis`` carries every kind of hostile string a log can hold (escape
sequences, markup, HTML, Markdown, backtick runs, Mermaid and workflow-command syntax,
XML-invalid characters) and every value planted in ``sample_logs/hostile/planted.json``
in every string field a formatter prints.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

from stuckscan.events import Event
from stuckscan.model import (
    Analysis,
    Confidence,
    Environment,
    Episode,
    Evidence,
    Finding,
    Incident,
    IncidentStatus,
    InputSummary,
    Measures,
    Recovery,
    RecoveryVerdict,
    Severity,
)
from stuckscan.parser import ParseOptions, ParseStats, parse_path
from stuckscan.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_LOG = "sample_logs/openclaw-2026-05-21.log"
HOSTILE_LOG = "sample_logs/hostile/hostile.log"
PLANTED = ROOT / "sample_logs" / "hostile" / "planted.json"

SESSION_KEY = "agent:main:telegram:direct:7012345678"
SESSION_ID = "0829a221-a12c-49cb-9a64-42c2fc1a89ea"
RUN_ID = "8e8e44d6-3f1b-4c2e-9a57-d1c06b4e2f83"

ESC = "\x1b"
HOSTILE_MARKERS = {
    "ansi": f"{ESC}[31mRED{ESC}[0m{ESC}[2J",
    "osc_title": f"{ESC}]0;pwned title\x07",
    "osc8": f"{ESC}]8;;https://evil.example/phish{ESC}\\click me{ESC}]8;;{ESC}\\",
    "c1_csi": "\x9b31m",
    "rich_link": "[link=https://evil.example]click[/link]",
    "rich_style": "[bold red]ALERT[/bold red]",
    "script": "<script>alert(1)</script>",
    "img": "<img src=x onerror=alert(2)>",
    "heading": "# heading",
    "table": "| table | cell |",
    "md_link": "[x](javascript:alert(3))",
    "md_image": "![i](https://evil.example/p.png)",
    "autolink": "www.evil.example https://evil.example/a",
    "backticks": "````` fence ```",
    "mermaid": "gantt :crit, done, 2026-01-01, 1d --> section pwned",
    "workflow": "::error::pwned %0A::warning::more",
    "mention": "@octocat #1 $x^2$",
    "xml_invalid": "\x01\x00\ufffe\uffff",
    "bidi": "\u202e\u200b",
    "newline": "\n::error file=x.py,line=1::injected\n# heading after newline\r\n> quote",
}
HOSTILE_TEXT = " ".join(HOSTILE_MARKERS.values())


def planted_values() -> list[str]:
    document = json.loads(PLANTED.read_text(encoding="utf-8"))
    return [entry["value"] for entry in document["planted"]]


@lru_cache(maxsize=4)
def _events(path: str) -> tuple[Event, ...]:
    return tuple(parse_path(str(ROOT / path), ParseOptions(), ParseStats()))


def sample_evidence(path: str, predicate: Callable[[Event], bool], nth: int = 0) -> Evidence:
    """The ``nth`` line of ``path`` that satisfies ``predicate``, as evidence."""
    matches = [event for event in _events(path) if predicate(event)]
    event = matches[nth]
    return Evidence(path, event.line, event.time, event.kind, event.message)


def _kind(kind: str, contains: str = "", after: datetime | None = None,
          before: datetime | None = None) -> Callable[[Event], bool]:
    def matches(event: Event) -> bool:
        if event.kind != kind or contains not in event.message:
            return False
        if event.time is not None and after is not None and event.time < after:
            return False
        return not (event.time is not None and before is not None and event.time > before)

    return matches


def _finding(rule_id: str, severity: Severity, confidence: Confidence, summary: str,
             evidence: list[Evidence]) -> Finding:
    rule = RULES[rule_id]
    return Finding(rule.ref, severity, confidence, summary, evidence, list(rule.fixes))


def reference_analysis() -> Analysis:
    """The reference ghost-run incident, still stuck when the log ends."""
    on_session = SESSION_KEY
    run_start = sample_evidence(SAMPLE_LOG, _kind("embedded.run_start", RUN_ID))
    state = sample_evidence(SAMPLE_LOG, _kind("session.state", on_session, before=run_start.time), -1)
    queued = sample_evidence(SAMPLE_LOG, _kind("message.queued", on_session, after=run_start.time))
    stalled = [sample_evidence(SAMPLE_LOG, _kind("session.stalled", on_session), n) for n in range(3)]
    last_stalled = sample_evidence(SAMPLE_LOG, _kind("session.stalled", on_session), -1)
    liveness = sample_evidence(SAMPLE_LOG, _kind("liveness.warning", on_session))
    handshakes = [sample_evidence(SAMPLE_LOG, _kind("ws.handshake_timeout"), n) for n in range(2)]
    closes = [sample_evidence(SAMPLE_LOG, _kind("ws.closed_before_connect"), n) for n in range(2)]
    action = sample_evidence(SAMPLE_LOG, _kind("recovery.action", on_session))
    outcome = sample_evidence(SAMPLE_LOG, _kind("recovery.outcome", on_session))
    lane_wait = sample_evidence(SAMPLE_LOG, _kind("lane.wait_exceeded", on_session))

    first_warning = stalled[0].time
    assert first_warning is not None
    starvation = _finding(
        "RC12", Severity.WARNING, Confidence.HIGH,
        "The gateway's event loop was starved: event-loop delay up to 38654 ms; utilization 1.00; "
        "WebSocket handshakes taking up to 466 s.",
        [liveness, handshakes[0], closes[0], handshakes[1], closes[1]],
    )
    episode = Episode(
        id="EP-001",
        start=liveness.time,
        end=closes[1].time,
        counts={"liveness.warning": 4, "ws.handshake_timeout": 2, "ws.closed_before_connect": 2},
        timeline=[liveness, handshakes[0], closes[0], handshakes[1], closes[1]],
        primary=starvation,
        incident_ids=["INC-001"],
        peak={"eventLoopDelayMaxMs": 38654.2, "eventLoopUtilization": 0.996, "handshakeDurationSeconds": 465.554},
    )
    recovery = Recovery(
        time=action.time, action="abort_embedded_run", status="aborted", aborted=True, drained=False,
        force_cleared=True, released=0, reason=None, verdict=RecoveryVerdict.NOT_FREED,
        verdict_reason="released=0 with queued work, and stall warnings continued",
        evidence=[action, outcome],
    )
    ghost_run = _finding(
        "RC02", Severity.ERROR, Confidence.HIGH,
        "The run's last progress was `model_call:ended`, yet the session stayed processing with 1 message(s) "
        "queued behind it: the turn finished but the run never advanced or cleared.",
        stalled,
    )
    incident = Incident(
        id="INC-001",
        session_key=SESSION_KEY,
        session_id=SESSION_ID,
        run_ids=[RUN_ID],
        start=first_warning - timedelta(seconds=443),
        first_warning=first_warning,
        last_warning=last_stalled.time,
        last_progress=first_warning - timedelta(seconds=350),
        end=None,
        status=IncidentStatus.STILL_STUCK,
        status_reason="still stuck when the log ends",
        labels=["stalled"],
        classifications=["stalled_agent_run"],
        reasons=["active_work_without_progress"],
        last_progress_values=["model_call:ended"],
        active_work_kinds=["embedded_run"],
        recoveries=[recovery],
        measures=Measures(stuck_seconds=859.3, detection_seconds=443.8, warnings=12, recovery_attempts=1,
                          max_queue_depth=1, max_age_seconds=856.0, models=["aliyun-tokenplan/qwen3.6-plus"]),
        timeline=[state, run_start, queued, *stalled, last_stalled, action, outcome, lane_wait],
        primary=ghost_run,
        contributing=[starvation],
        episode_ids=["EP-001"],
    )
    inputs = InputSummary(
        files=[SAMPLE_LOG], lines=2798, events=2795, unparsed=3, truncated=0, blank=0, untimed=0,
        first_time=datetime(2026, 5, 21, 0, 2, 56, 214000, tzinfo=timezone.utc),
        last_time=last_stalled.time,
        unparsed_examples=[f"{SAMPLE_LOG}:17", f"{SAMPLE_LOG}:902", f"{SAMPLE_LOG}:2001"],
    )
    environment = Environment(
        build_generation="2026.5.19 or newer (stall warnings carry lastProgress)",
        build_hints=["ready-line", "attention-with-progress", "recovery-outcome"],
        timezone_offsets=["+08:00"], gateway_pids=[48213], models=["aliyun-tokenplan/qwen3.6-plus"],
    )
    return Analysis(inputs, environment, [incident], [episode])


def empty_analysis() -> Analysis:
    inputs = InputSummary(files=[SAMPLE_LOG], lines=120, events=120, unparsed=0, truncated=0, blank=0, untimed=0,
                          first_time=datetime(2026, 5, 21, 8, 0, tzinfo=timezone.utc),
                          last_time=datetime(2026, 5, 21, 9, 0, tzinfo=timezone.utc))
    return Analysis(inputs, Environment("2026.5.19 or newer"), [], [])


def benign_analysis() -> Analysis:
    """Only info findings: cold-start noise (RC13) on a gateway episode."""
    analysis = empty_analysis()
    moment = datetime(2026, 5, 21, 8, 0, 30, tzinfo=timezone.utc)
    evidence = Evidence(SAMPLE_LOG, 4, moment, "liveness.warning",
                        "liveness warning: reasons=event_loop_delay interval=30s eventLoopDelayMaxMs=2485.1")
    noise = _finding("RC13", Severity.INFO, Confidence.HIGH, "Liveness warnings during startup.", [evidence])
    analysis.episodes.append(Episode("EP-001", moment, moment + timedelta(seconds=30), {"liveness.warning": 1},
                                     [evidence], noise))
    return analysis


def hostile_log_messages() -> list[str]:
    """The messages of ``hostile.log`` as parsed: the planted values in their real context."""
    return [event.message for event in _events(HOSTILE_LOG)]


def planted_in_context(margin: int = 48) -> str:
    """Each planted value with the text around it in ``hostile.log`` (``Bearer ``,
    ``--password ``, ``OPENAI_API_KEY=``...), as the log has it."""
    messages = hostile_log_messages()
    snippets: list[str] = []
    for value in planted_values():
        message = next(message for message in messages if value in message)
        start = message.index(value)
        begin = message.rfind(" ", 0, max(start - margin, 0)) + 1
        end = message.find(" ", start + len(value))
        snippets.append(message[begin: end if end >= 0 else len(message)])
    return " | ".join(snippets)


def hostile_analysis() -> Analysis:
    """Every printed string field carries hostile text and the planted secrets."""
    planted = planted_in_context()
    text = f"{HOSTILE_TEXT} {planted}"
    file_name = "logs/`````evil|<b>[x](javascript:1)</b>\x1b[31m.log"
    moment = datetime(2026, 5, 22, 8, 2, 0, tzinfo=timezone.utc)
    evidence = [
        Evidence(HOSTILE_LOG, 17, moment, "session.stalled", f"stalled session: lastAssistant=\"{text}\""),
        Evidence(file_name, 3, moment + timedelta(seconds=30), f"kind {HOSTILE_MARKERS['script']}", text),
        Evidence(HOSTILE_LOG, 26, moment + timedelta(seconds=60), "recovery.action",
                 f"stuck session recovery: lastAssistant=\"{HOSTILE_MARKERS['newline']}\" {planted}"),
    ]
    rule = RULES["RC03"]
    primary = Finding(rule.ref, Severity.ERROR, Confidence.HIGH, f"The `exec` tool never returned: `{text}` {text}",
                      evidence, [*rule.fixes, f"Tailored fix quoting the log: `{text}` {text}"])
    contributing = _finding("RC06", Severity.ERROR, Confidence.MEDIUM, f"Recovery did not free it. {text}", evidence[2:])
    recovery = Recovery(moment + timedelta(seconds=60), f"abort {text}", f"aborted {text}", False, False, True, 0,
                        text, RecoveryVerdict.NOT_FREED, f"warnings continued {text}", evidence[2:])
    session_keys = ["agent:main:whatsapp:direct:+15551234567",
                    f"agent:main:discord:channel:{HOSTILE_MARKERS['md_link']}{HOSTILE_MARKERS['ansi']}`` ``"]
    incidents = [
        Incident(
            id=f"INC-00{index}", session_key=key, session_id=f"{HOSTILE_MARKERS['osc8']} blane",
            run_ids=[f"run-{HOSTILE_MARKERS['script']}", "c41d7e2a-9b3f-4e85-a6d0-1f2e3d4c5b6a"],
            start=moment - timedelta(seconds=150), first_warning=moment, last_warning=moment + timedelta(seconds=90),
            last_progress=moment - timedelta(seconds=150), end=None, status=IncidentStatus.STILL_STUCK,
            status_reason=f"still stuck {text}", labels=[text], classifications=[text], reasons=[text],
            last_progress_values=[text], active_work_kinds=[text], recoveries=[recovery],
            measures=Measures(stuck_seconds=240.0, warnings=4, recovery_attempts=1, max_queue_depth=2, tools=[text],
                              models=[text]),
            timeline=list(evidence), primary=primary, contributing=[contributing], episode_ids=["EP-001"],
        )
        for index, key in enumerate(session_keys, 1)
    ]
    episode = Episode("EP-001", moment, moment + timedelta(seconds=120), {f"kind {text}": 3}, list(evidence),
                      _finding("RC12", Severity.WARNING, Confidence.MEDIUM, f"Starved. {text}", evidence[:2]),
                      [], ["INC-001", "INC-002"], {f"peak {HOSTILE_MARKERS['rich_style']}": 1.5})
    inputs = InputSummary(files=[HOSTILE_LOG, file_name, f"/Users/karen.mueller/logs/{HOSTILE_MARKERS['heading']}.log"],
                          lines=34, events=33, unparsed=1, truncated=0, blank=0, untimed=0,
                          first_time=moment - timedelta(minutes=4), last_time=moment + timedelta(minutes=2),
                          unparsed_examples=[f"{file_name}:9 {text}"])
    environment = Environment(f"2026.5.19 or newer {text}", [text], [text], [4892], [text])
    return Analysis(inputs, environment, incidents, [episode])
