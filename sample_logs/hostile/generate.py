"""Writes ``hostile.log`` and ``planted.json`` next to this file (deterministic).

``hostile.log`` is a gateway JSONL log (tslog records with ``_meta``, format reference
section 1.3) of one WhatsApp session wedged in an ``exec`` tool call on 2026-05-22:
stall warnings every 30 s, a recovery that aborts with ``released=0`` and does not free
the lane, warnings until the log ends. The log text is hostile: the assistant text
quoted in the warnings, a tool error and a lock error carry terminal escapes (ANSI,
OSC 0 title, OSC 8 hyperlinks), rich markup, HTML, Markdown, long backtick runs,
Mermaid syntax, GitHub workflow commands (also behind a real newline), XML-invalid
characters, fake secrets and personal data. ``planted.json`` lists every planted
secret and personal value; with default settings none may appear in any report.

Every secret here is fake: made up for this file, valid for nothing.

Run ``python sample_logs/hostile/generate.py`` to rewrite both files.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from anywhere
from tools.samplegen.build import Build  # noqa: E402
from tools.samplegen.records import Event, to_record  # noqa: E402

HERE = Path(__file__).resolve().parent
LOCAL = timezone(timedelta(hours=2))

HOSTNAME = "karens-macbook-pro.local"
HOME_USER = "karen.mueller"
WINDOWS_USER = "KarenM"
PHONE = "+15551234567"
OTHER_PHONE = "+1 555-765-4321"
EMAIL = "karen.mueller@example.org"
HANDLE = "@karen_m_private"
IPV4 = "203.0.113.77"
IPV4_FORWARDED = "198.51.100.23"
IPV6 = "2001:db8:85a3::8a2e:370:7334"
OPENAI_KEY = "sk-proj-Fak3K3yF0rT3st1ngOnlyN0tR3al0123456789abcd"
GITHUB_TOKEN = "ghp_Fak3T0kenF0rT3st1ngOnly0123456789ab"
BEARER = "fk_live_9f8e7d6c5b4a3f2e1d0c9b8a"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlLXVzZXIifQ.ZmFrZS1zaWduYXR1cmU"
TELEGRAM_BOT_TOKEN = "7712345678:AAHfak3T0kenValue_abcdefghijklmnopq"
PASSWORD = "hunter2-not-real"
# Leaks an outside test campaign found (each kind once in a line a report quotes).
DISCORD_USER = "284102390892380161"
DISCORD_MENTION = "284102390892380162"
DISCORD_NICK_MENTION = "284102390892380163"
NATIONAL_PHONE = "06 12 34 56 78"
NATIONAL_PHONE_PARENS = "(06) 98-76-54-32"
INTERNATIONAL_SPACED_PHONE = "+33 6 55 44 33 22"
UNC_HOST = "fileserver01"
TILDE_USER = "tildeuser7"
VAR_LIB_USER = "varlibuser8"
SLASHED_WINDOWS_USER = "SlashUser9"
SPACED_WINDOWS_USER = "Karin Spacetail"
# A password holding the punctuation a value used to be cut at: each tail was left visible.
PUNCTUATED_PASSWORD = "Pw0&amptail1;semitail2,commatail3(parentail4)closetail5"
PASSWORD_TAILS = ("amptail1", "semitail2", "commatail3", "parentail4", "closetail5")
REDIS_PASSWORD = "r3dis-pass-word"
AMQP_PASSWORD = "mq-p@ss-7"
DISCORD_BOT_TOKEN = "MTI4NDEwMjM5MDg5MjM4MDE2MQ.GfAkE1.fakeFakeFakeFakeFakeFakeFake0123"
XAI_KEY = "xai-Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak30123456789"
SENDGRID_KEY = "SG.Fak3Fak3Fak3Fak3Fak3Fa.Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak3Fak"
AWS_KEY_ID = "AKIAFAKEFAKEFAKE1234"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123"
TWILIO_SID = "AC0f1e2d3c4b5a69788796a5b4c3d2e1f0"

SESSION_KEY = f"agent:main:whatsapp:direct:{PHONE}"
SESSION_ID = "5f0c8a1e-2b7d-4c39-9e61-7a4d2c8b9f10"
RUN_ID = "c41d7e2a-9b3f-4e85-a6d0-1f2e3d4c5b6a"
TOOL_CALL_ID = "call_7Hq2ZpX9vLw3"
LOCK_PATH = f"/Users/{HOME_USER}/.openclaw/agents/main/sessions/{SESSION_ID}.jsonl.lock"
WINDOWS_TEMP = f"C:\\Users\\{WINDOWS_USER}\\AppData\\Local\\Temp\\openclaw\\openclaw-2026-05-22.log"
BUILD = Build(version="2026.5.20", node="22.22.1", hostname=HOSTNAME,
              dist=f"/Users/{HOME_USER}/.npm-global/lib/node_modules/openclaw/dist",
              bundle="subsystem-CqV3m0Yk.js", line=412, column=14)

COMMAND = (f"curl -s -H 'Authorization: Bearer {BEARER}' -H 'X-Api-Key: {JWT}' "
           f"https://api.telegram.org/bot{TELEGRAM_BOT_TOKEN}/getUpdates --password {PASSWORD} && "
           f"OPENAI_API_KEY={OPENAI_KEY} GITHUB_TOKEN={GITHUB_TOKEN} ./sync.sh")

ESC = "\u001b"
HOSTILE_TEXT = (
    f"{ESC}[31mRED{ESC}[0m {ESC}[2J{ESC}]0;pwned title\u0007"
    f"{ESC}]8;;https://evil.example/phish{ESC}\\click me{ESC}]8;;{ESC}\\ "
    "[link=https://evil.example]click[/link] [bold red]ALERT[/bold red] "
    "<script>alert(1)</script> <img src=x onerror=alert(2)> "
    "# heading | table | cell | [x](javascript:alert(3)) ![i](https://evil.example/p.png) "
    "www.evil.example https://evil.example/a "
    "````` fence ``` "
    "gantt :crit, done, 2026-01-01, 1d --> section pwned "
    "::error::pwned %0A::warning::more @octocat #1 $x^2$ "
    "\u0001\ufffe\uffff\u200b\u202e"
)
LEAK_CAMPAIGN = (
    f"discord user {DISCORD_USER} said <@{DISCORD_MENTION}> and <@!{DISCORD_NICK_MENTION}> call {NATIONAL_PHONE} "
    f"or {NATIONAL_PHONE_PARENS} or {INTERNATIONAL_SPACED_PHONE}; copied \\\\{UNC_HOST}\\share\\notes.md to "
    f"~{TILDE_USER}/notes and /var/lib/users/{VAR_LIB_USER}/notes and C:/Users/{SLASHED_WINDOWS_USER}/notes and "
    f"C:\\Users\\{SPACED_WINDOWS_USER}\\notes (copied again for the weekly review of the shared notes) "
    f"with password={PUNCTUATED_PASSWORD} via "
    f"redis://:{REDIS_PASSWORD}@cache.example.net:6379/0 and amqp://mq:{AMQP_PASSWORD}@mq.example.net; "
    f"tokens {DISCORD_BOT_TOKEN} {XAI_KEY} {SENDGRID_KEY} aws {AWS_KEY_ID} {AWS_SECRET} twilio {TWILIO_SID}"
)
# The same markers in a text that also carries a real newline (only in one line).
NEWLINE_INJECTION = "first line\n::error file=x.py,line=1::injected\n# heading after newline"


def record(at: datetime, subsystem: str | None, level: str, message: str, call_meta: dict[str, Any] | None = None) -> str:
    """A gateway record, built like every other sample (tools.samplegen.records), written
    with every non-ASCII character escaped so the hostile characters stay visible as escapes."""
    event = Event(at=at, level=level.lower(), subsystem=subsystem, text=message, meta=call_meta)
    return json.dumps(to_record(event, BUILD, LOCAL), ensure_ascii=True, separators=(",", ":"))


def quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def stalled(age: int, progress_age: int) -> str:
    return (f"stalled session: sessionId={SESSION_ID} sessionKey={SESSION_KEY} state=processing age={age}s "
            f"queueDepth=2 reason=blocked_tool_call classification=blocked_tool_call activeWorkKind=tool_call "
            f"lastProgress=tool:exec:started lastProgressAge={progress_age}s activeTool=exec "
            f"activeToolCallId={TOOL_CALL_ID} activeToolAge={progress_age}s "
            f"lastAssistant=\"{quoted('Running it now, call me at ' + OTHER_PHONE + ' ' + HOSTILE_TEXT + ' mail ' + EMAIL)}\" "
            "recovery=checking")


def build_lines() -> list[str]:
    start = datetime(2026, 5, 22, 7, 58, 0, tzinfo=timezone.utc)
    timed: list[tuple[float, str]] = []

    def add(seconds: float, subsystem: str | None, level: str, message: str, call_meta: dict[str, Any] | None = None) -> None:
        timed.append((seconds, record(start + timedelta(seconds=seconds), subsystem, level, message, call_meta)))

    add(0, "gateway", "INFO", "agent model: openai/gpt-5.1")
    add(0.4, "gateway", "INFO", "ready (3 plugins: acpx, telegram, whatsapp; 2.4s)")
    add(0.5, "gateway", "INFO", f"log file: /Users/{HOME_USER}/.openclaw/logs/openclaw-2026-05-22.log")
    add(0.6, "gateway/health-monitor", "INFO", "started (interval: 300s, startup-grace: 60s, channel-connect-grace: 120s)")
    add(75, "gateway/ws", "INFO", f"webchat connected conn=0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9 remote={IPV4} client=webchat ui v2026.5.20")
    add(76, "gateway/ws", "WARN", f"unauthorized conn=1a2b3c4d-5e6f-4708-9a1b-2c3d4e5f6a7b peer={IPV6} remote={IPV6} client=cli "
        f"cli v2026.5.20 role=operator scopes=2 auth=token device=no platform=darwin instance={HOSTNAME} "
        f"host={HOSTNAME}:18789 origin=n/a ua=n/a reason=token_mismatch user={EMAIL}")
    add(120, None, "INFO", f"[whatsapp] Inbound message {PHONE} -> {OTHER_PHONE} (direct, 212 chars)")
    add(120.02, "diagnostic", "DEBUG", f"session state: sessionId={SESSION_ID} sessionKey={SESSION_KEY} prev=idle new=processing "
        "reason=\"message_start\" queueDepth=0")
    add(120.03, "diagnostic", "DEBUG", f"lane enqueue: lane=session:{SESSION_KEY} queueSize=1")
    add(120.05, "agent/embedded", "DEBUG", f"embedded run start: runId={RUN_ID} sessionId={SESSION_ID} provider=openai "
        "model=gpt-5.1 thinking=low messageChannel=whatsapp")
    add(120.06, "diagnostic", "DEBUG", f"run registered: sessionId={SESSION_ID} totalActive=1")
    add(131.4, "agent/embedded", "DEBUG", f"embedded run tool start: runId={RUN_ID} tool=exec toolCallId={TOOL_CALL_ID}")
    add(131.5, None, "INFO", f"[tools] exec: {COMMAND} {HOSTILE_TEXT}")
    add(198.2, "diagnostic", "DEBUG", f"message queued: sessionId={SESSION_ID} sessionKey={SESSION_KEY} source=whatsapp "
        "queueDepth=1 sessionState=processing")
    add(236.9, "diagnostic", "DEBUG", f"message queued: sessionId={SESSION_ID} sessionKey={SESSION_KEY} source=whatsapp "
        "queueDepth=2 sessionState=processing")
    add(240.8, "diagnostic", "ERROR", f"lane task error: lane=session:{SESSION_KEY} durationMs=10663 "
        f"error=\"{quoted('Error: Command failed: ' + COMMAND + ' (session file locked (timeout 10000ms): pid=4892 ' + LOCK_PATH + ') ' + HOSTILE_TEXT)}\"")
    for tick in range(0, 13):
        age = 150 + 30 * tick
        add(131.4 + age, "diagnostic", "WARN", stalled(age, age))
    add(131.4 + 375, "agent/embedded", "WARN", f"embedded abort settle timed out: runId={RUN_ID} sessionId={SESSION_ID} timeoutMs=2000")
    add(131.4 + 376, "diagnostic", "WARN", f"stuck session recovery: sessionId={SESSION_ID} sessionKey={SESSION_KEY} age=376s "
        f"action=abort_embedded_run aborted=false drained=false released=0 lastAssistant=\"{quoted(NEWLINE_INJECTION)}\"")
    add(131.4 + 376.01, "diagnostic", "WARN", f"stuck session recovery outcome: status=aborted action=abort_embedded_run "
        f"sessionId={SESSION_ID} sessionKey={SESSION_KEY} activeSessionId={SESSION_ID} activeWorkKind=tool_call "
        f"lane=session:{SESSION_KEY} aborted=false drained=false forceCleared=true released=0")
    agent_error = quoted(f"tool exec failed for {EMAIL} at {WINDOWS_TEMP} {HANDLE}: connect ECONNREFUSED {IPV4}:443 "
                         f"via {IPV4_FORWARDED} and [{IPV6}]:443 from {HOSTNAME}; {LEAK_CAMPAIGN}")
    add(131.4 + 401, "agent/embedded", "WARN", f"embedded run agent end: runId={RUN_ID} isError=true model=gpt-5.1 "
        f"provider=openai error=\"{agent_error}\"")
    add(131.4 + 402, "gateway/ws", "WARN", f"closed before connect conn=9c8b7a6f-5e4d-4c3b-8a29-1f0e9d8c7b6a remote={IPV4} "
        f"fwd={IPV4_FORWARDED} origin=https://{HOSTNAME}:3000 host={HOSTNAME}:18789 ua=n/a code=1008 reason=unauthorized",
        {"cause": "unauthorized", "handshake": "failed", "durationMs": 41, "remoteAddr": IPV4})
    return [line for _, line in sorted(timed, key=lambda pair: pair[0])]


def planted() -> list[dict[str, str]]:
    values = [
        ("phone", PHONE), ("phone", OTHER_PHONE), ("email", EMAIL), ("handle", HANDLE),
        ("ipv4", IPV4), ("ipv4", IPV4_FORWARDED), ("ipv6", IPV6),
        ("home-user", HOME_USER), ("home-user", WINDOWS_USER), ("hostname", HOSTNAME),
        ("openai-key", OPENAI_KEY), ("github-token", GITHUB_TOKEN), ("bearer-token", BEARER), ("jwt", JWT),
        ("telegram-bot-token", TELEGRAM_BOT_TOKEN), ("password", PASSWORD),
        ("discord-user-id", DISCORD_USER), ("discord-mention", DISCORD_MENTION), ("discord-mention", DISCORD_NICK_MENTION),
        ("national-phone", NATIONAL_PHONE), ("national-phone", NATIONAL_PHONE_PARENS),
        ("phone", INTERNATIONAL_SPACED_PHONE), ("unc-host", UNC_HOST), ("home-user", TILDE_USER),
        ("home-user", VAR_LIB_USER), ("home-user", SLASHED_WINDOWS_USER), ("home-user", SPACED_WINDOWS_USER),
        ("home-user", SPACED_WINDOWS_USER.split()[-1]), ("password", PUNCTUATED_PASSWORD),
        *(("password-tail", tail) for tail in PASSWORD_TAILS), ("url-password", REDIS_PASSWORD),
        ("url-password", AMQP_PASSWORD), ("discord-bot-token", DISCORD_BOT_TOKEN), ("xai-key", XAI_KEY),
        ("sendgrid-key", SENDGRID_KEY), ("aws-key-id", AWS_KEY_ID), ("aws-secret-key", AWS_SECRET),
        ("twilio-account-sid", TWILIO_SID),
    ]
    return [{"kind": kind, "value": value} for kind, value in values]


def main() -> None:
    (HERE / "hostile.log").write_text("\n".join(build_lines()) + "\n", encoding="utf-8")
    document = {
        "description": "Every secret and personal value planted in hostile.log; none may appear in a report "
                       "rendered with redaction on (the default).",
        "planted": planted(),
    }
    (HERE / "planted.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
