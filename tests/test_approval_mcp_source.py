"""The t50a source audit of approval-gated tools and MCP servers: lines written from OpenClaw's templates
(src/infra/exec-approval-forwarder.ts, src/gateway/server-methods/exec-approval.ts, src/agents/bash-tools.exec-host-*.ts,
src/agents/bash-tools.exec-approval-request.ts, the QQ Bot plugin's approval handler, src/agents/pi-bundle-mcp-runtime.ts)."""

from __future__ import annotations

import pytest

from stuckscan.analysis import analyze_events
from stuckscan.parser import ParseStats, parse_text_lines

ID = "5f0c2a1e-1111-2222-3333-444455556666"


def analyze_text(text: str):
    return analyze_events(parse_text_lines(text.splitlines()), ParseStats())


def _primary(text: str) -> str | None:
    analysis = analyze_text(text)
    findings = [*analysis.incidents, *analysis.episodes]
    return findings[0].primary.rule.id if findings and findings[0].primary else None


def _event(line: str):
    events = list(parse_text_lines([line]))
    assert len(events) == 1
    return events[0]


@pytest.mark.parametrize(("message", "kind", "fields"), [
    (f"exec failed: Exec denied (node=mac-mini id={ID}, approval-timeout): npm install", "tools.approval_timeout",
     {"node": "mac-mini", "approvalId": ID, "command": "npm install"}),
    (f"Exec denied (gateway id={ID}, approval-timeout (allowlist-miss)): npm install", "tools.approval_timeout",
     {"execHost": "gateway", "fallback": "allowlist-miss", "command": "npm install"}),
    (f"Exec denied (gateway id={ID}, approval-timeout: allowlist-miss): npm install", "tools.approval_timeout",
     {"execHost": "gateway", "fallback": "allowlist-miss"}),
    ("exec approvals: failed to deliver to telegram:123456789: Error: Call to 'sendMessage' failed! (403: Forbidden)",
     "approval.undelivered", {"approvalKind": "exec", "what": "to", "target": "telegram:123456789"}),
    (f"plugin approvals: failed to deliver expiry notification for {ID}: Error: fetch failed", "approval.undelivered",
     {"approvalKind": "plugin", "what": "expiry notification for", "target": ID, "error": "Error: fetch failed"}),
    (f"exec approvals: forward request failed: Error: exec approvals: failed to deliver request {ID}",
     "approval.undelivered", {"what": "request", "target": ID}),
    (f"slack exec approvals: failed to deliver approval {ID}: Error: channel_not_found", "approval.undelivered",
     {"approvalChannel": "slack", "what": "approval", "error": "Error: channel_not_found"}),
    ("[qqbot:default] approval-handler: no QQ target for 5f0c2a1e (session=agent:main:main:heartbeat)",
     "approval.undelivered", {"approvalChannel": "QQ", "approvalId": "5f0c2a1e", "sessionKey": "agent:main:main:heartbeat"}),
    (f"Exec denied (gateway id={ID}, approval-request-failed): npm install", "approval.undelivered",
     {"reason": "approval-request-failed"}),
    (f"Exec denied (gateway id={ID}, user-denied): rm -rf build", "tools.approval_denied", {"reason": "user-denied"}),
    (f"Exec denied (node=node-3 id={ID}, allowlist-miss): rm -rf /", "tools.approval_denied",
     {"node": "node-3", "reason": "allowlist-miss"}),
    ("exec failed: exec denied: Cron runs cannot wait for interactive exec approval.", "tools.approval_denied",
     {"trigger": "Cron"}),
    ('bundle-mcp: tool call failed for "github", attempting reconnect: Error: SSE stream disconnected',
     "mcp.server_failed", {"server": "github", "action": "attempting reconnect"}),
])
def test_the_template_is_read(message: str, kind: str, fields: dict[str, object]) -> None:
    for line in (message, f"2026-11-20T10:00:00.000Z [gateway/exec-approvals] {message}"):
        event = _event(line)
        assert event.kind == kind, line
        for name, value in fields.items():
            assert event.fields.get(name) == value, (line, name)


def test_a_node_host_approval_that_timed_out_is_a_blocked_tool_call() -> None:
    assert _primary(f"2026-11-20T10:00:00.000Z [tools] exec failed: Exec denied (node=mac-mini id={ID}, "
                    "approval-timeout): npm install") == "RC03"


def test_an_undelivered_approval_alone_is_a_fault_no_rule_judges() -> None:
    result = analyze_text("2026-11-20T10:00:00.000Z [gateway/exec-approvals] exec approvals: failed to deliver to "
                          "telegram:123456789: Error: Forbidden: bot was blocked by the user")
    assert not result.incidents and not result.episodes
    assert result.unexplained.count == 1


@pytest.mark.parametrize("lines", [
    # a healthy approval: requested, answered and resolved
    ["2026-11-20T10:00:00.000Z [ws] ⇄ res ✓ exec.approval.request 35ms conn=a1b2c3d4 id=5",
     "2026-11-20T10:00:09.000Z [ws] ⇄ res ✓ exec.approval.resolve 4ms conn=a1b2c3d4 id=6",
     "2026-11-20T10:00:09.100Z [ws] ⇄ res ✓ exec.approval.waitDecision 9012ms conn=a1b2c3d4 id=7"],
    # a denial returns at once
    [f"2026-11-20T10:00:00.000Z [tools] exec failed: Exec denied (gateway id={ID}, user-denied): rm -rf build",
     "2026-11-20T10:00:00.200Z [tools] exec failed: exec denied: Cron runs cannot wait for interactive exec approval."],
    # an MCP server that starts and answers
    ['2026-11-20T10:00:00.000Z [bundle-mcp] server "github" closed; next request reconnects'],
])
def test_healthy_approvals_and_mcp_servers_stay_quiet(lines: list[str]) -> None:
    result = analyze_text("\n".join(lines))
    assert not result.incidents and not result.episodes
    assert result.unexplained.count == 0
