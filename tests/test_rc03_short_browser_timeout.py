"""RC03 under the labelling policies "browser short-timeout failure" and "slow ws responses: method and duration"
(tests/field/README.md): a browser call that returned on the tool's own short timeout and let its run go on held
nothing; an exec approval wait that lasted its window is a bounded wait. Lines written for these tests."""

from __future__ import annotations

import json

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseStats, parse_text_lines

BROWSER_TIMEOUT = ("Can't reach the OpenClaw browser control service (timed out after 15000ms). Restart the OpenClaw "
                   "gateway (OpenClaw.app menubar, or `openclaw gateway`).")


def _entry(seconds: float, message: dict) -> str:
    stamp = f"2026-05-04T09:{int(seconds) // 60:02d}:{seconds % 60:06.3f}Z"
    return json.dumps({"type": "message", "id": f"m{seconds:.0f}", "timestamp": stamp, "message": message})


def _call(seconds: float, call_id: str, name: str = "browser", arguments: dict | None = None) -> str:
    return _entry(seconds, {"role": "assistant", "stopReason": "toolUse", "provider": "p", "model": "m",
                            "usage": {"output": 30},
                            "content": [{"type": "toolCall", "id": call_id, "name": name,
                                         "arguments": arguments or {"action": "snapshot"}}]})


def _browser_result(seconds: float, call_id: str, error: str = BROWSER_TIMEOUT) -> str:
    details = {"status": "error", "tool": "browser", "error": error}
    return _entry(seconds, {"role": "toolResult", "toolCallId": call_id, "toolName": "browser",
                            "content": [{"type": "text", "text": json.dumps(details)}], "details": details,
                            "isError": False})


def _reply(seconds: float) -> str:
    return _entry(seconds, {"role": "assistant", "stopReason": "stop", "provider": "p", "model": "m",
                            "usage": {"output": 80}, "content": [{"type": "text", "text": "The browser is down."}]})


def _user(seconds: float) -> str:
    return _entry(seconds, {"role": "user", "content": [{"type": "text", "text": "try again"}]})


def _causes(*lines: str) -> tuple[str | None, set[str]]:
    analysis = analyze_events(parse_text_lines(list(lines)), ParseStats())
    findings = [*analysis.incidents, *analysis.episodes]
    first = findings[0].primary.rule.id if findings and findings[0].primary else None
    return first, {f.rule.id for f in analysis.findings()}


def test_a_browser_result_on_its_short_timeout_followed_by_the_runs_next_step_is_no_fault() -> None:
    for waited in (15.02, 20.2):
        assert _causes(_call(0, "b1"), _browser_result(waited, "b1"), _reply(waited + 6)) == (None, set())
    # (the next step another tool call: the run went on the same)
    assert _causes(_call(0, "b1"), _browser_result(15.1, "b1"), _call(18, "e1", "exec", {"command": "ls"}),
                   _reply(20)) == (None, set())


def test_a_browser_result_the_run_did_not_go_on_from_is_still_a_blocked_call() -> None:
    # Boundary: the result is the transcript's last entry, or the next entry is the user's, not the run's next step.
    assert _causes(_call(0, "b1"), _browser_result(15.1, "b1"))[0] == "RC03"
    assert _causes(_call(0, "b1"), _browser_result(15.1, "b1"), _user(90))[0] == "RC03"
    # ... and a result far later than the tool's short timeout is no short-timeout failure: the call held its session.
    assert _causes(_call(0, "b1"), _browser_result(95, "b1"), _reply(100))[0] == "RC03"
    # A bare failure line with none of the run's records around it keeps RC03 (the browser signature).
    assert _causes("2026-05-04T09:00:15.000Z [tools] browser failed: timed out. Restart the OpenClaw gateway "
                   "(OpenClaw.app menubar, or `openclaw gateway`).")[0] == "RC03"


def test_a_browser_control_response_that_stalled_reads_as_the_browser_timing_out() -> None:
    # extensions/browser/src/browser/client-fetch.ts: the control client's deadline on a response that went quiet.
    for error in ("Browser control response stalled for 20000ms", "Browser control error response stalled for 15000ms"):
        assert _causes(f"2026-05-04T09:00:15.000Z [tools] browser failed: {error}")[0] == "RC03"
        # ... and, like the short timeout, a transcript result the run went on from held nothing.
        assert _causes(_call(0, "b1"), _browser_result(20.2, "b1", error), _reply(26)) == (None, set())
        assert _causes(_call(0, "b1"), _browser_result(20.2, "b1", error))[0] == "RC03"


def test_the_agents_own_restart_call_cut_after_a_returned_browser_failure_is_the_restart() -> None:
    restart = _call(22, "r1", "exec", {"command": "openclaw gateway restart"})
    # The run went past the browser failure, then its own restart call never got a result (the user's next message
    # came instead); the browser failing again at the transcript's end is the same returned call, not the cause.
    first, causes = _causes(_call(0, "b1"), _browser_result(15.1, "b1"), restart, _user(110), _call(112, "b2"),
                            _browser_result(127.1, "b2"))
    assert first == "RC17"
    assert _causes(_call(0, "b1"), _browser_result(15.1, "b1"), restart, _user(110))[1] == {"RC17"}


def test_an_exec_approval_wait_that_lasted_its_window_is_a_bounded_wait() -> None:
    wait = "2026-06-01T10:00:00.000Z [ws] ⇄ res ✓ exec.approval.waitDecision {} conn=a1b2c3d4 id=5"
    for waited in ("119965ms", "120400ms", "1799410ms"):
        assert _causes(wait.format(waited)) == (None, set())
    # Boundary: a browser request the gateway failed after waiting on an unreachable browser is still RC03.
    assert _causes("2026-06-01T10:00:00.000Z [ws] ⇄ res ✗ browser.request 15023ms errorCode=UNAVAILABLE "
                   "errorMessage=Error: Chrome CDP websocket for profile \"openclaw\" is not reachable after "
                   "start.")[0] == "RC03"


def test_a_browser_that_would_not_start_is_no_blocked_call_unless_the_gateway_waited_on_it() -> None:
    # t48f: the launch or CDP readiness window (15 s) passed, the control service answered the tool with the error
    # and the model got it: a bounded wait, then the run goes on; no all-clear either (an unjudged fault).
    for error in ('Failed to start Chrome CDP on port 18800 for profile "openclaw". CDP HTTP /json/version failed: '
                  "connect ECONNREFUSED 127.0.0.1:18800.",
                  'Chrome CDP websocket for profile "openclaw" is not reachable after start. CDP websocket health '
                  "command timed out."):
        assert _causes(f"2026-05-04T09:00:15.000Z [tools] browser failed: {error}") == (None, set())
        assert _causes(_call(0, "b1"), _browser_result(15.3, "b1", error), _reply(21)) == (None, set())
    # Boundary: the gateway's browser.request failing on it after ten seconds or more is still RC03 (f476).
    assert _causes('2026-05-04T09:00:00.000Z [tools] browser failed: Chrome CDP websocket for profile "openclaw" is '
                   "not reachable after start.",
                   "2026-05-04T09:00:00.100Z [ws] ⇄ res ✗ browser.request 15023ms errorCode=UNAVAILABLE "
                   'errorMessage=Error: Chrome CDP websocket for profile "openclaw" is not reachable after '
                   "start.")[0] == "RC03"
