"""RC03: a tool call (exec/bash, browser/CDP, approval-gated tool, MCP, Codex) never returned."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from stuckscan.events import Event, blocked_tool_timeout, browser_blocked, browser_request_failed, tool_timeout_seconds
from stuckscan.model import Confidence, Severity
from stuckscan.rules._detect import (
    TOOL_PROGRESS,
    Candidate,
    cite,
    end_in_stop_wait,
    field_text,
    stale_progress,
    tool_name,
)
from stuckscan.rules._rule import WEDGED_POLICY, Fix, FixContext, Rule

if TYPE_CHECKING:
    from stuckscan.classifier import IncidentView

TOOL_FAMILIES: dict[str, tuple[str, ...]] = {
    "exec": ("exec", "bash", "process", "shell"),
    "browser": ("browser", "cdp", "playwright"),
    "approval": ("openclaw", "approval", "ask_user"),
    "codex": ("codex",),
}


APPROVAL_TOOL = "exec (approval)"  # the tool named for an exec call that waited out its approval


def tool_family(tool: str | None) -> str | None:
    lowered = (tool or "").lower()
    return next((family for family, names in TOOL_FAMILIES.items() if any(name in lowered for name in names)), None)


def _tool_is(family: str) -> Callable[[FixContext], bool]:
    def when(context: FixContext) -> bool:
        known = context.fact("tool_family")
        return known == family or known is None  # unknown tool: every tool's advice may apply
    return when


RULE = Rule(
    "RC03", "blocked-tool-call", "Blocked tool call",
    "A tool call (exec/bash, browser/CDP, approval-gated tool, MCP) never returned.",
    WEDGED_POLICY, Severity.WARNING, "session",
    ("`reason=blocked_tool_call classification=blocked_tool_call activeWorkKind=tool_call "
     "lastProgress=tool:<name>:started activeTool=<name>`",
     "a stall warning's `activeToolAge=<n>s` at or past the warn mark (written only while a tool call is open), even "
     "with its other fields cut",
     "`[tools] browser failed: timed out. Restart the OpenClaw gateway`",
     "`Can't reach the OpenClaw browser control service (timed out after 15000ms)`",
     "`⇄ res ✗ browser.request <n>ms errorCode=UNAVAILABLE ...` after ten seconds or more (the browser never answered)"),
    ("the tool name in `lastProgress`/`activeTool` says which sub-type", "recovery waits for the 15-minute floor",
     "not this class: a session transcript's browser result with the short-timeout failure written 15-20 s after its "
     "call and followed by the run's next step (another tool call, a reply): the call returned and the run went on; "
     "one the transcript ends on counts, unless the same transcript already shows another fault (its run cut by its "
     "own gateway restart, RC17)",
     "not this class: `⇄ res ✓ exec.approval.waitDecision <n>ms` lasting the approval window (120 s): a bounded wait "
     "for a decision, answered or expired, not a stuck session"),
    (Fix("exec/bash: give the command a timeout; run long jobs with `nohup ... &` and a pid file.", _tool_is("exec"),
         "the blocked tool is exec/bash (or unknown)"),
     Fix("browser: restart the gateway or the browser profile.", _tool_is("browser"),
         "the blocked tool is the browser (or unknown)"),
     Fix("approval-gated tool: approve or deny the pending request.", _tool_is("approval"),
         "the blocked tool waits for an approval or an answer (or unknown)"),
     Fix("Codex: upgrade the plugin (#83476).", _tool_is("codex"), "the blocked tool is a Codex tool (or unknown)"),
     Fix("Lower `diagnostics.stuckSessionAbortMs` if that is safe for your workloads.")),
    ("#147304", "#83476"),
    confirm="A longer log would show whether the tool call ever ended (`embedded run tool end`) and whether "
            "recovery aborted the run.",
)


def _timeout_summary(event: Event, tool: str) -> str:
    """What a tool's own timeout line says: how long the session was held, and by what."""
    if event.kind == "tools.approval_timeout":
        return "An exec approval timed out: the session waited for an approval nobody gave, and the command never ran."
    if event.kind == "mcp.request_timeout":
        return f"The MCP server `{tool}` kept timing out and was recycled: the calls on it blocked their sessions."
    seconds = tool_timeout_seconds(event)
    held = f" ({seconds:g} s)" if seconds is not None else " waiting for any output"
    return f"The `{tool}` tool call ran until its own timeout{held}: the session was held on it that long."


def _timed_out_tool(event: Event) -> str:
    if event.kind == "mcp.request_timeout":
        return f"mcp:{field_text(event, 'server') or '?'}"
    if event.kind == "tools.approval_timeout":
        return APPROVAL_TOOL
    return field_text(event, "tool") or "exec"


def active_tool_stale(warning: Event, warn_seconds: float) -> bool:
    """The detector writes ``activeToolAge`` only while a tool call is open (src/logging/diagnostic-session-state):
    that age at or past the warn mark is a tool in flight that long, whatever other fields the line kept."""
    age = warning.seconds.get("activeToolAge")
    return age is not None and age >= warn_seconds


def detect(view: IncidentView) -> Candidate | None:
    hits = view.warnings_where(lambda w: stale_progress(w, view.thresholds.warn_seconds) and (
        "blocked_tool_call" in (field_text(w, "classification"), field_text(w, "reason"))
        or field_text(w, "activeWorkKind") == "tool_call"
        or bool(TOOL_PROGRESS.fullmatch(field_text(w, "lastProgress")))
        or active_tool_stale(w, view.thresholds.warn_seconds)))
    browser = [e for e in view.events("tools.browser_failed", "tools.browser_unreachable") if browser_blocked(e)]
    browser += [e for e in view.events("ws.response") if browser_request_failed(e)]
    # An exec call that ran until its own timeout, an approval that timed out, an MCP server recycled on timeouts.
    timed_out = [e for e in view.events("tools.timeout") if blocked_tool_timeout(e, view.thresholds.warn_seconds)]
    timed_out += view.events("tools.approval_timeout", "mcp.request_timeout")
    if not (hits or browser or timed_out):
        return None
    tool = tool_name(view.warnings) or ("browser" if browser else _timed_out_tool(timed_out[0]) if timed_out else None)
    waited = max([view.record.max_age, *(w.seconds.get("lastProgressAge", 0.0) for w in view.warnings)])
    confidence = Confidence.HIGH if hits else Confidence.MEDIUM
    # (a signal's restart marker closed the incident, and the call or its run ended in the stop's or restart's wait)
    ended, after, stopped = end_in_stop_wait(view, tool)
    if not hits and not browser:  # only a tool's own timeout line says what held the session
        summary = _timeout_summary(timed_out[0], tool or "exec")
    elif ended is not None:
        what = "it returned" if ended.kind == "embedded.tool_end" else "its run ended normally"
        summary = (f"The session was waiting on the `{tool or 'unknown'}` tool call, which had not returned"
                   + (f" after {waited:.0f} s" if waited else "") + f" when the gateway {stopped}; {what} "
                   f"{after:.0f} s later, while the gateway waited for the work in flight.")
    elif view.cleared and waited:
        summary = f"The session was waiting on the `{tool or 'unknown'}` tool call, which had not returned after {waited:.0f} s."
    else:
        summary = (f"The session is waiting on the `{tool or 'unknown'}` tool call, which never returned"
                   + (f" ({waited:.0f} s without progress)." if waited else "."))
    return Candidate(
        "RC03", confidence, summary,
        cite(hits[:2], hits[-1:], browser, timed_out), onset=view.record.last_progress or view.stall_start,
        # (an approval that ran out held the call on the approval, not on the command: approve or deny is the fix)
        facts={"tool": tool, "tool_family": "approval" if tool == APPROVAL_TOOL else tool_family(tool)},
    )
