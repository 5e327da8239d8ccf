"""Line shapes as data: how each log form carries time, level, subsystem and message.

A line is either a JSON object (gateway JSONL record, ``openclaw logs --json`` object,
console ``json`` style) or text matched against :data:`TEXT_SHAPES` in order. Whatever
matches nothing is a bare message (a hand-pasted snippet) and keeps its place with no time.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from json.decoder import scanstring
from typing import Any, NamedTuple

from stuckscan import _strictjson
from stuckscan._dataclass import dataclass
from stuckscan._iso import from_epoch_ms, parse_iso_datetime
from stuckscan._lazy_pattern import LazyPattern
from stuckscan.brand import PRODUCT_NAME, PRODUCT_NAME_SET
from stuckscan.events import TRANSCRIPT_PROMPT_ERROR_KIND

ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")

# A time as printed, or with its fraction cut (".xxx"), and a zone abbreviation a reporter's tool
# added (" PDT"; only unambiguous ones: see ZONE_ABBREVIATIONS).
_ISO = (r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,](?:\d{1,9}|[xX]{1,9}))?"
        r"(?:Z|[+-]\d\d:?\d\d| (?:UTC|GMT|PST|PDT|MST|MDT|EST|EDT|CET|CEST|EET|EEST|JST|KST|AEST|AEDT)(?= ))?")
_CLOCK = r"\d\d:\d\d:\d\d(?:\.(?:\d{1,6}|[xX]{1,6}))?(?:Z|[+-]\d\d:\d\d)?"
ZONE_ABBREVIATIONS = {
    "UTC": "+00:00", "GMT": "+00:00", "PST": "-08:00", "PDT": "-07:00", "MST": "-07:00", "MDT": "-06:00",
    "EST": "-05:00", "EDT": "-04:00", "CET": "+01:00", "CEST": "+02:00", "EET": "+02:00", "EEST": "+03:00",
    "JST": "+09:00", "KST": "+09:00", "AEST": "+10:00", "AEDT": "+11:00",
}
_CUT_FRACTION = re.compile(r"[.,][xX]+")


def printed_time(text: str) -> str:
    """A time as the time parser reads it: a cut fraction dropped, a zone abbreviation as its offset."""
    if "x" in text or "X" in text:
        text = _CUT_FRACTION.sub("", text)
    if text[-1:].isalpha() and text[-4:-3] in (" ", "") and " " in text:
        stamp, _, zone = text.rpartition(" ")
        offset = ZONE_ABBREVIATIONS.get(zone)
        if offset is not None:
            return stamp + offset
    return text
# Close causes of the gateway's WebSocket server (format reference 2.7). Kept here, not in families.py, so that
# what needs only the line shapes (the rules' subsystem names) does not compile every message family.
WS_CLOSE_CAUSES = (
    "handshake-timeout", "invalid-handshake", "unauthorized", "pairing-required", "device-auth-invalid",
    "gateway-auth-rotated", "hello-send-failed", "preauth-payload-too-large", "repeated-unauthorized-requests",
    "heartbeat-timeout", "outbound-buffer-exceeded", "missing-ingress-attribution",
)
_LEVEL = r"(?i:trace|debug|info|warn|warning|error|fatal)"
_LEVEL_UPPER = r"(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)"
_TAG = r"[A-Za-z][\w/.:-]{0,80}"
# The roots of OpenClaw's own subsystem names; another `a/b` before a colon may be a model (`anthropic/claude-…:`).
OPENCLAW_SUBSYSTEM_ROOTS = ("diagnostic", "gateway", "agent", "agents", "plugins", "tools", "cron", "logging",
                            "fetch-timeout", "model-fallback", "channels", "memory", "browser", "ws", "reload",
                            "health-monitor", "telegram", "whatsapp", "discord", "slack", "signal", "imessage", "feishu",
                            "openclaw", "session-write-lock",
                            # (the WhatsApp Web channel's own loggers in the builds that named them so)
                            "web-heartbeat", "web-session", "web-reconnect", "web-inbound", "web-auto-reply")
_ROOTS = "|".join(re.escape(root) for root in OPENCLAW_SUBSYSTEM_ROOTS)
_ROOT_STARTS = "".join(sorted({root[0] for root in OPENCLAW_SUBSYSTEM_ROOTS}))
_SUBSYSTEM = rf"(?:(?:{_ROOTS})(?:/[\w.-]{{1,60}}){{0,4}}|[a-z][\w.-]{{0,40}}(?:/[\w.-]{{1,60}}){{1,4}})"


@dataclass(frozen=True, slots=True)
class TextShape:
    """One text line form. Groups: ``iso`` or ``clock`` (time), ``level``, ``subsystem``
    or ``tag``, ``message``; a shape with ``wraps`` holds another line in ``rest``."""

    name: str
    pattern: re.Pattern[str]  # a LazyPattern until first used (see stuckscan._lazy_pattern)
    wraps: bool = False
    needle: str = ""  # text every line of the shape holds: a line without it is not tried against the pattern
    # The ASCII characters a line of the shape can start with (None: any); a line starting with another ASCII
    # character is not tried, so a pasted console line no shape matches compiles few of the patterns
    # (tests/test_parser_shapes.py derives each pattern's possible first characters and checks they are here).
    starts: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.pattern, LazyPattern):
            self.pattern.bind(self, "pattern")


def _shape(name: str, pattern: str, wraps: bool = False, needle: str = "", starts: str | None = None) -> TextShape:
    return TextShape(name, LazyPattern(pattern, re.DOTALL), wraps, needle, starts)  # type: ignore[arg-type]


# (first characters, for TextShape.starts; \s is also \x1c to \x1f, a (?i) level word starts either case)
_DIGITS = "0123456789"
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = _UPPER.lower()
_SPACES = " \t\n\v\f\r\x1c\x1d\x1e\x1f"
_LEVEL_STARTS = "DEFITW"
# The process guard's words (src/infra/unhandled-rejections.ts, src/index.ts, src/cli/run-main.ts) after its tag: the
# two it writes only before ending the process (stuckscan.unexplained reads them as a crash), and its non-fatal twins.
GUARD_EXIT_WORDS = r"(?:Unhandled promise rejection|Uncaught exception)"
_GUARD_WORDS = (r"(?:" + GUARD_EXIT_WORDS + r"|Non-fatal (?:unhandled rejection|uncaught exception)"
                r"(?: \(continuing\))?|Suppressed AbortError)")
_GUARD_STARTS = "NSU"


TEXT_SHAPES: tuple[TextShape, ...] = (
    _shape(
        "journald",
        r"(?:(?P<syslog_month>[A-Z][a-z]{2}) +(?P<syslog_day>\d{1,2}) (?P<syslog_clock>\d\d:\d\d:\d\d)"
        r"|(?P<iso>" + _ISO + r"))(?: (?P<host>[\w.-]+))? (?P<unit>[\w.@-]+)\[(?P<pid>\d+)\]: (?P<rest>.*)",
        wraps=True, starts=_DIGITS + _UPPER,
    ),
    # A syslog-style time alone before a line, with or without a colon after it, as reporters paste from a
    # terminal or a viewer ("Feb 13 12:51:39: announce queue drain failed ..."): the line after the time.
    _shape(
        "syslog-timestamped",
        r"(?P<syslog_month>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)) +(?P<syslog_day>\d{1,2}) "
        r"(?P<syslog_clock>\d\d:\d\d:\d\d):? (?P<rest>\S.*)",
        wraps=True, starts="ADFJMNOS",
    ),
    # The same time in brackets ("[Jun 15 19:51:37] [telegram] channel exited: ..."), as some terminal loggers and
    # process managers print it.
    _shape(
        "syslog-bracketed",
        r"\[(?P<syslog_month>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)) +(?P<syslog_day>\d{1,2}) "
        r"(?P<syslog_clock>\d\d:\d\d:\d\d)\] (?P<rest>\S.*)",
        wraps=True, starts="[",
    ),
    # CRI (containerd, CRI-O; what Kubernetes stores under /var/log/pods): "<RFC 3339 time> stdout|stderr F|P
    # <line>". `P` pieces of a long line are joined with the pieces after them by the parser before this.
    _shape("cri", r"(?P<iso>" + _ISO + r") (?P<stream>stdout|stderr) (?P<flag>[FP]) ?(?P<rest>.*)", wraps=True, starts=_DIGITS),
    # `kubectl logs --prefix`: "[pod/<pod>/<container>] <line>".
    _shape("kubectl", r"\[pod/(?P<pod>[^\]/\s]{1,253})/(?P<container>[^\]/\s]{1,253})\] (?P<rest>.*)", wraps=True, starts="["),
    # A reporter's timeline in times relative to the first event ("T+4m43s  stalled session ...", "~T+22s ..."):
    # the line after the offset is read on its own; the order stays, the time is unknown.
    _shape(
        "relative",
        r"~?T\+\d+(?:\.\d+)?(?:[hms](?:\d+(?:\.\d+)?[hms]){0,3})?\s+(?P<rest>\S.*)",
        wraps=True, starts="~T",
    ),
    # A line of a box the CLI draws around a note (`openclaw doctor`'s "Session locks", "State integrity"):
    # "│  - Removed 1 stale session lock file.   │". The line inside is read on its own; a table row, with
    # more bars inside, is not a note's line.
    _shape("note-box", r"│\s{1,8}(?P<rest>[^│\n]*[^│\s])\s*│?\s*", wraps=True, starts=""),
    # A level in brackets, padded to one width, after the time ("<ISO> [INFO ] gateway ready", "[WARN ]"),
    # and a console tag after it if any.
    _shape(
        "level-bracketed",
        r"(?:(?P<iso>" + _ISO + r")|(?P<clock>" + _CLOCK + r"))\s+\[ ?(?P<level>" + _LEVEL + r") {0,3}\]"
        r"\s*(?:\[(?P<tag>" + _TAG + r")\] ?)?(?P<message>.*)", starts=_DIGITS,
    ),
    # (a reporter's colon after the tag, "[browser/chrome]: openclaw browser started ...", is no part of the message)
    _shape("console", r"(?P<iso>" + _ISO + r")\s+\[(?P<tag>" + _TAG + r")\](?::(?= ))? ?(?P<message>.*)", starts=_DIGITS),
    _shape("console-pretty", r"(?P<clock>" + _CLOCK + r")\s+\[(?P<tag>" + _TAG + r")\](?::(?= ))? ?(?P<message>.*)",
           starts=_DIGITS),
    # A reporter's times cut to the minute before a console tag ("02:15 [health-monitor] ..."): read as hh:mm:00.
    _shape("console-minutes", r"(?P<minutes>[0-2]\d:[0-5]\d)\s+\[(?P<tag>" + _TAG + r")\] ?(?P<message>.*)", starts="012"),
    # `openclaw logs` prints no subsystem column for a root-logger line ("... error Gateway stability failed:
    # ..."): a subsystem starts lower-case; a lower-case first word that is really the message's own is put
    # back by LineParser._root_message.
    # (V8's "FATAL ERROR: ..." banner after a time is no level column: the level word is followed by another
    # upper-case word and a colon)
    _shape(
        "logs-plain",
        r"(?P<iso>" + _ISO + r")\s+(?P<level>" + _LEVEL + r")\s+(?![A-Z]{3,}:)(?:(?P<subsystem>[a-z][^\s\[{=]*)\s+"
        r"|\[(?P<tag>" + _TAG + r")\] ?)?(?P<message>.*)", starts=_DIGITS,
    ),
    # Also the aligned form a log viewer shows: "09:12:05.410  WARN  gateway/ws  handshake timeout ...", and a
    # console tag in the subsystem's place ("14:08:15 error [diagnostic] lane task error: ...").
    _shape(
        "logs-pretty",
        r"(?P<clock>" + _CLOCK + r")\s+(?P<level>" + _LEVEL + r")\s+(?![A-Z]{3,}:)(?:(?P<subsystem>[a-z][^\s\[{=]*)\s+"
        r"|\[(?P<tag>" + _TAG + r")\] ?)?(?P<message>.*)", starts=_DIGITS,
    ),
    # The same with the hour's first digit cut off in the paste ("7:02:18+00:00 warn agent/embedded ..."): the time is
    # lost, the level and the subsystem are not.
    _shape(
        "logs-cut",
        r"\d:\d\d:\d\d(?:\.\d{1,6})?(?:Z|[+-]\d\d:\d\d)?\s+(?P<level>" + _LEVEL + r")\s+"
        r"(?:(?P<subsystem>[a-z][^\s\[{=]*)\s+|\[(?P<tag>" + _TAG + r")\] ?)?(?P<message>.*)", starts=_DIGITS,
    ),
    # (Tools' prefixes come after the gateway's own timed shapes, which never start as they do: most lines are
    # matched before these are tried.)
    # `docker compose logs`: "<service>-<replica>  | <line>", the service name padded to the widest one.
    _shape("compose", r"(?P<service>[A-Za-z0-9][\w.-]{0,100}-\d{1,4}) *\| ?(?P<rest>.*)", wraps=True, needle="|",
           starts=_DIGITS + _UPPER + _LOWER),
    # `grep` over log files: "<file>.log:<line>", with `-n` "<file>.log:<n>:<line>" (a context line of -A/-B/-C
    # has "-" for ":").
    _shape(
        "grep-file",
        r"(?P<file>(?:[A-Za-z]:)?[^\s:]{0,500}\.log(?:\.\d{1,3})?)(?P<sep>[:-])"
        r"(?:(?P<lineno>\d{1,9})(?P=sep)(?!\d\d[:.]\d))?(?P<rest>.*)",
        wraps=True, needle=".log",
    ),
    # `grep -n` on one file ("<n>:<line>") when the line is a record, a console tag, a word or a dated line (a clock
    # time "10:23:45 ..." never has one of those, or a whole clock, right after its first colon); `cat -n` ("   <n>\t<line>").
    _shape("grep-n", r"(?P<lineno>\d{1,9})[:-](?=[{\[A-Za-z]|\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d)(?P<rest>.*)", wraps=True,
           starts=_DIGITS),
    _shape("cat-n", r" *(?P<lineno>\d{1,9})\t(?P<rest>.*)", wraps=True, needle="\t", starts=" " + _DIGITS),
    # A reporter's own short label glued before a log line with a full-width colon ("错误一：error gateway/health ...",
    # "错误二：03:17:43 [qqbot] ..."): the label is commentary; what follows must start as a log line does (a time, a
    # bracket, a record or a level word), so a message's own "心跳检测：socket ..." stays whole.
    _shape("note-label", r"(?P<label>[^\s：:\[\]{}]{1,12})：\s*(?=\d|\[|\{|(?:warn|error|info|debug|trace|fatal)\s)"
                         r"(?P<rest>.*)", wraps=True, needle="："),
    # The same label glued to a dated line with no colon at all ("报错2026-03-24T06:49:24.255Z warn [openclaw] ..."):
    # only CJK words, and only before a full date, so nothing of a log line's own is taken for a label.
    _shape("note-label", r"(?P<label>[\u3400-\u9fff]{1,8})(?=\d{4}-\d\d-\d\d[T ]\d\d:\d\d)(?P<rest>.*)", wraps=True, starts=""),
    # A desktop app that runs the gateway as a child logs its output as its own line, the stream named ("[2026-03-24
    # 15:24:50.020] [error] [OpenClaw stderr] <gateway line>", LobsterAI; "[2026-03-27T13:10:27.281Z] [WARN ] [Gateway
    # stderr] <gateway line>", ClawX): the gateway's line is read; the app's level only says which stream it came on.
    _shape(
        "host-captured",
        r"\[(?P<iso>" + _ISO + r")\]\s+\[ ?(?P<host_level>" + _LEVEL + r") {0,3}\]\s+"
        r"\[(?:OpenClaw|Gateway|openclaw|gateway) (?P<stream>stdout|stderr)\] ?(?P<rest>.*)",
        wraps=True, needle="std", starts="[",
    ),
    # A plugin's own console line with its time in brackets: "[2026-05-09T09:05:00.552Z] connect success"; a log
    # viewer's or terminal logger's time in brackets before a console line ("[2026-05-14 19:01:03] [diagnostic] ...").
    _shape("console-bracketed", r"\[(?P<iso>" + _ISO + r")\]\s+(?P<rest>.*)", wraps=True, starts="["),
    # (a level in brackets with no time before it is the level, not a console tag: "[warn] Subagent ...")
    _shape("level-bracketed", r"\s*\[ ?(?P<level>" + _LEVEL + r") {0,3}\]\s*(?:\[(?P<tag>" + _TAG + r")\] ?)?"
                              r"(?P<message>.*)", starts=_SPACES + "["),
    # (a second bracketed tag may follow with no space: "[telegram][diag] closing stale transport ...")
    _shape("console-untimed", r"\s*\[(?P<tag>" + _TAG + r")\](?: |(?=\[" + _TAG + r"\] ))(?P<message>.*)", starts=_SPACES + "["),
    # A console line whose start was cut when it was pasted: ":05 [ws] ...", "4:31.537+00:00 [diagnostic] ...",
    # "diagnostic] stalled session: ...". The time is lost; the tag still names the subsystem.
    _shape("console-cut", r"[\d:.,+TZ-]{1,40}\s+\[(?P<tag>" + _TAG + r")\] ?(?P<message>.*)", starts="+,-.:TZ" + _DIGITS),
    _shape("console-cut", r"(?P<tag>[a-z][\w/.-]{0,40})\] (?P<message>.*)", starts=_LOWER),
    # "gateway/ws: handshake timeout conn=... remote=..." (a subsystem named before its message, as the
    # logger's own routing form and many reporters write it), also named as a key ("subsystem=agent/embedded:
    # auto-compaction succeeded; retrying prompt", f1578). LineParser._tagged_message keeps the word in the message
    # when only the whole text is a message of some family.
    _shape("subsystem-prefixed", r"(?:subsystem=)?(?P<tag>" + _SUBSYSTEM + r"): (?P<message>.*)", starts=_LOWER),
    # The same without the colon, as a log viewer's copy prints it with the time and level cut ("channels/imessage
    # [default] channel exited: ..."): only a path under one of OpenClaw's own roots, so prose keeps its first word.
    _shape("subsystem-prefixed", rf"(?P<tag>(?:{_ROOTS})(?:/[\w.-]{{1,60}}){{1,4}}) (?P<message>\S.*)", starts=_ROOT_STARTS),
    # `openclaw logs` with the time trimmed off: "warn  diagnostic stuck session recovery skipped: ...". The
    # subsystem must look like one (a known name, or a path) so a message that starts with a level word stays
    # a message ("error conn=... remote=...: ..." is a WebSocket error line).
    _shape(
        "logs-untimed",
        r"(?P<level>" + _LEVEL + r")\s+(?P<subsystem>" + _SUBSYSTEM + r")\s+(?P<message>.*)",
        starts=_LEVEL_STARTS + _LEVEL_STARTS.lower(),
    ),
    # A viewer's columns without the time, subsystem before an upper-case level ("agent/embedded WARN  embedded
    # attempt cleanup ...", "diagnostic ERROR     lane task error: ..."), or the level column alone, padded
    # ("ERROR                Embedded agent failed before reply: ...").
    _shape(
        "logs-untimed",
        r"(?P<subsystem>" + _SUBSYSTEM + r")\s+(?P<level>" + _LEVEL_UPPER + r")\s+(?P<message>\S.*)", starts=_LOWER,
    ),
    # (a column five wide plus its gap: "INFO  cli exec: ...", "WARN  stalled session: ...", "ERROR lane task error")
    _shape("logs-untimed", r"(?P<level>" + _LEVEL_UPPER + r") {2,}(?P<message>\S.*)", starts=_LEVEL_STARTS),
    _shape("logs-untimed", r"(?P<level>ERROR|DEBUG|TRACE|FATAL) (?![A-Z]{3,}:)(?P<message>\S.*)",  # (not "FATAL ERROR:")
           starts="DEFT"),
    # (a reporter's level word before the message, one space apart: "WARN embedded run timeout: ...", #52147)
    _shape("logs-untimed", r"(?P<level>WARN|WARNING|INFO) (?P<message>[a-z\[].*)", starts="IW"),
    # (f61) The process guard's own words with its console tag left off, as a reporter pastes the line alone: "Unhandled
    # promise rejection: <err>" (src/infra/unhandled-rejections.ts, console.error, then the process exits), "Uncaught
    # exception: <err>" (src/index.ts, src/cli/run-main.ts), their continuing twins "Non-fatal unhandled rejection
    # (continuing): <err>" and "Non-fatal uncaught exception (continuing): <err>", and "Suppressed AbortError: <err>"
    # (console.warn). Only at the line's start, after an optional time or level word: the message is read as the tagged
    # line's is (same kind, same fields; no subsystem, the tag being gone), and the shape says the line is OpenClaw's.
    # Node's own print of an error ("Error: ...", "node:internal/..." frames) and a sentence that quotes the words
    # mid-line are not the guard's line and stay snippets.
    _shape(
        "guard-untagged",
        r"(?:(?:(?P<iso>" + _ISO + r")|(?P<clock>" + _CLOCK + r"))\s+(?:[|│-]\s+)?)?(?:(?P<level>" + _LEVEL + r")\s+)?"
        r"(?P<message>" + _GUARD_WORDS + r":(?:[ \t].*)?)",
        starts=_DIGITS + _GUARD_STARTS + _LEVEL_STARTS + _LEVEL_STARTS.lower(),
    ),
    # "<ISO time> <anything>": a hand-pasted line, or `docker logs -t` / `kubectl logs --timestamps` (RFC 3339
    # with nanoseconds) before a gateway line. The parser reads what follows the time as a line of its own
    # first (a JSON record, a console line, ...): see LineParser._container_inner.
    _shape("timestamped", r"(?P<iso>" + _ISO + r")\s+(?P<separator>[|│-]\s+)?(?P<message>.*)", starts=_DIGITS),
    # (a reporter's own column separator after the time: "19:01:39 | embedded run agent end: ...",
    # "10:38:48.561Z - discord gateway: ...")
    _shape("clock-timestamped", r"(?P<clock>" + _CLOCK + r")\s+(?:[|│-]\s+)?(?P<message>.*)", starts=_DIGITS),
)
_JOURNALD = next(shape for shape in TEXT_SHAPES if shape.name == "journald")

# Console tags drop `gateway/`, `channels/` and `providers/` (format reference 1.5);
# map the common short tags back to the file subsystem so both forms correlate alike.
TAG_SUBSYSTEMS: dict[str, str] = {
    "ws": "gateway/ws",
    "reload": "gateway/reload",
    "health-monitor": "gateway/health-monitor",
    "memory": "gateway/diagnostics/memory",
    "diagnostics/memory": "gateway/diagnostics/memory",
}

ROOT_LOGGER_NAMES = PRODUCT_NAME_SET
LEVEL_ALIASES: dict[str, str] = {
    "warning": "warn", "w": "warn", "e": "error", "err": "error", "i": "info", "d": "debug",
    "t": "trace", "f": "fatal", "critical": "fatal",
}
_BINDING = re.compile(r'\{"(?:subsystem|module)":"(?P<name>[^"\\]{1,120})"[^{}]{0,200}\}:?\s?')
_CONSOLE_PREFIX = re.compile(r"\[(?P<name>[a-z][\w/.-]{0,40})\] ")


def normalize_level(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    lowered = value.strip().lower()
    return LEVEL_ALIASES.get(lowered, lowered)


def subsystem_from_tag(tag: str) -> str:
    return TAG_SUBSYSTEMS.get(tag, tag)


def strip_binding(message: str) -> tuple[str | None, str]:
    """``{"subsystem":"diagnostic"} lane ...`` -> ("diagnostic", "lane ...")."""
    if not message.startswith('{"'):
        return None, message
    match = _BINDING.match(message)
    if match is None:
        return None, message
    return match.group("name"), message[match.end():]


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text) if "\x1b" in text else text


# Colour codes whose escape byte a copy turned into a space or dropped ("[90m2026-04-06T... [39m [33m[agent/embedded]
# [39m ..."): read only on a line that opens with one, so a bracketed "[1m" in a message elsewhere is left alone.
BARE_SGR_START = re.compile(r"\[\d{1,3}(?:;\d{1,3})*m")
BARE_SGR_RUN = re.compile(r"(?:\s*\[(?:\d{1,3}(?:;\d{1,3})*)?m)+\s*")


def strip_bare_sgr(text: str) -> str:
    """A line that opens with a colour code whose escape byte was lost, without its colour codes (a run of codes and
    the spaces around it, where the copy may have left a space for each lost byte, is one space)."""
    return BARE_SGR_RUN.sub(" ", text).strip() if BARE_SGR_START.match(text) else text


@dataclass(slots=True)
class Record:
    """What a JSON line carries before its message is matched to a family."""

    shape: str
    time_text: str | None
    level: str | None
    subsystem: str | None
    message: str
    meta: dict[str, Any] | None
    session_hint: str | None = None
    embedded_line: str | None = None  # `openclaw logs --json` raw lines to re-parse
    kind: str | None = None  # the kind when no family matches the message (a meta object alone)


_binding_cache: dict[str, str | None] = {}


def _binding_name(value: Any) -> str | None:
    """The subsystem in a tslog binding string ``{"subsystem":"x"}``, else None."""
    if not isinstance(value, str) or not value.startswith("{"):
        return None
    if value in _binding_cache:
        return _binding_cache[value]
    name: str | None = None
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = None
    if isinstance(parsed, dict):
        candidate = parsed.get("subsystem") or parsed.get("module")
        name = candidate if isinstance(candidate, str) else None
    if len(_binding_cache) < 4096:
        _binding_cache[value] = name
    return name


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return str(value)


def _time_text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def record_from_json(obj: dict[str, Any]) -> Record:
    """Normalise any JSON object we know into a :class:`Record`. Never raises."""
    meta_obj = obj.get("_meta")
    if isinstance(meta_obj, dict):
        return _tslog_record(obj, meta_obj)
    kind = obj.get("type")
    if isinstance(kind, str) and kind in ("log", "meta", "notice", "raw") and "_meta" not in obj:
        return _logs_json_record(obj, kind)
    if any(key in obj for key in ("0", "1")):
        return _tslog_record(obj, {})
    if kind == "custom" and obj.get("customType") == PROMPT_ERROR_TYPE:
        return _prompt_error_record(obj)
    if is_trajectory_record(obj):
        return _trajectory_record(obj, str(kind))
    state = state_record_label(obj)
    if state is not None:
        return _state_record(obj, state)
    if is_cron_run_record(obj):
        return _cron_run_record(obj)
    transcript = transcript_entry(obj)
    if transcript is not None:
        return transcript
    loop = degraded_event_loop(obj)
    if loop is not None:
        return _degraded_loop_record(loop)
    return _flat_record(obj)


# The gateway's readiness body (GET /readyz, src/gateway/server/readiness.ts), as users paste it from curl, carries the
# event-loop health monitor's snapshot (src/gateway/server/event-loop-health.ts, GatewayEventLoopHealth):
# {"ready":...,"failing":[...],"eventLoop":{"degraded":true,"reasons":["event_loop_delay",...],"intervalMs":<n>,
# "delayP99Ms":<n>,"delayMaxMs":<n>,"utilization":<f>,"cpuCoreRatio":<f>}}. A degraded snapshot is read as the line
# `openclaw channels status` prints for the same snapshot ("Gateway event loop degraded: reasons=...
# eventLoopDelayMaxMs=..."), its figures under the liveness warning's names; a healthy one is no trouble.
READINESS_LOOP_FIELDS = (("delayP99Ms", "eventLoopDelayP99Ms"), ("delayMaxMs", "eventLoopDelayMaxMs"),
                         ("utilization", "eventLoopUtilization"), ("cpuCoreRatio", "cpuCoreRatio"))
_LOOP_REASON = re.compile(r"[a-z_]{1,40}")


def degraded_event_loop(obj: dict[str, Any]) -> dict[str, Any] | None:
    """A readiness body's event-loop snapshot (or that snapshot pasted alone) when it says degraded, else None."""
    if "message" in obj or "msg" in obj:
        return None
    loop = obj.get("eventLoop")
    return loop if isinstance(loop, dict) and loop.get("degraded") is True else None


def _degraded_loop_record(loop: dict[str, Any]) -> Record:
    reasons = loop.get("reasons")
    words = []
    if isinstance(reasons, list):
        named = [reason for reason in reasons if isinstance(reason, str) and _LOOP_REASON.fullmatch(reason)]
        words += [f"reasons={','.join(named)}"] if named else []
    for source, name in READINESS_LOOP_FIELDS:
        value = loop.get(source)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            words.append(f"{name}={value}")
    return Record("readiness", None, None, None, " ".join(["Gateway event loop degraded:", *words]), None)


# A harness's trajectory export (the Codex app-server's, as users paste it from a session's trajectory file): one
# JSON record per event, {"ts": <ISO time>, "type": "<area>.<event>", "data": {...}}, e.g.
# {"ts":"...","type":"turn.completion_idle_timeout","data":{"idleMs":60003,"timeoutMs":60000,...}}.
TRAJECTORY_TYPE = re.compile(r"[a-z][a-z_]{1,40}\.[a-z][a-z_./]{1,80}")
# (the export's event areas, for a record pasted without its ts and data wrapper: {"type": "turn....", "idleMs": ...})
TRAJECTORY_AREAS = frozenset({"session", "context", "prompt", "model", "tool", "turn"})


def is_trajectory_record(obj: dict[str, Any]) -> bool:
    """Whether a JSON object is a trajectory export's record: a dotted event ``type``, no message, and its ``ts``
    and ``data``, or a type of the export's own areas."""
    kind = obj.get("type")
    if not isinstance(kind, str) or not TRAJECTORY_TYPE.fullmatch(kind) or "message" in obj or "msg" in obj:
        return False
    return "ts" in obj or "data" in obj or kind.split(".", 1)[0] in TRAJECTORY_AREAS


def _trajectory_record(obj: dict[str, Any], kind: str) -> Record:
    """A trajectory record read as the line ``<type> key=value ...`` (its data's plain values), at its ``ts``."""
    data = obj.get("data")
    values = data if isinstance(data, dict) else {key: value for key, value in obj.items() if key not in ("ts", "type")}
    words = [kind] + [kv_pair(key, value) for key, value in values.items() if isinstance(value, (str, int, float, bool))]
    return Record("trajectory", _time_text(obj.get("ts")), None, "trajectory", " ".join(words),
                  values if values else None)


# A trajectory a reporter typed by hand, one row per moment (#78361): a time relative to the run's start
# ("T+0", "T+~120s", "T+2m", "T+4m43s", "T+1:30"), the event types of the export's own areas, comma-joined, maybe a
# remark in parentheses, and maybe the record's data in JavaScript notation (unquoted keys, null/true/false, a
# trailing comma), which may run onto the lines below:
#   T+0      session.started, prompt.submitted (input ~25k tokens)
#   T+~120s  model.completed { aborted: true, idleTimedOut: true, timedOut: true,
#                               externalAbort: false, usage: null }
# Read as the records the export holds, with no time (the offset dates nothing); prose after "T+" is no row.
# OpenClaw's runtime trajectory also records two "trace." types (src/trajectory/export.ts reads them back): the attempt's
# end, trace.artifacts (finalStatus, aborted, externalAbort, timedOut, idleTimedOut, timedOutDuringCompaction,
# timedOutDuringToolExecution, promptError, terminalError, lastToolError, ...), read as the same record's model.completed
# and session.ended are; and trace.metadata (harness, model, config, plugins, skills: no fault), a row kept as a note.
_TRAJECTORY_ROW_TYPE = r"(?:(?:" + "|".join(sorted(TRAJECTORY_AREAS)) + \
    r")\.[a-z][a-z_]{1,40}(?:\.[a-z][a-z_]{1,40}){0,2}|trace\.(?:artifacts|metadata))"
TRAJECTORY_ROW = re.compile(
    r"\s{0,8}~?T\+~?(?:\d{1,4}:\d\d(?::\d\d)?|\d{1,6}(?:\.\d{1,3})?(?:ms|min|[hms])?(?:\d{1,3}(?:\.\d{1,3})?[hms]){0,2})"
    r"\s+(?P<types>" + _TRAJECTORY_ROW_TYPE + r"(?:\s*,\s*" + _TRAJECTORY_ROW_TYPE + r"){0,7})"
    r"\s*(?:\([^()\n]{0,200}\))?\s*(?P<data>\{.*)?")
TRAJECTORY_ROW_MAX_CHARS = 4096  # a row's data, all its lines: json5 reads no more
TRAJECTORY_ROW_MAX_LINES = 16


def trajectory_row(text: str) -> re.Match[str] | None:
    """The match of a hand-typed trajectory row (:data:`TRAJECTORY_ROW`), else None."""
    if "T+" not in text[:12] or len(text) > TRAJECTORY_ROW_MAX_CHARS:
        return None
    return TRAJECTORY_ROW.fullmatch(text.rstrip())


def trajectory_row_records(row: re.Match[str], data: str | None) -> list[Record] | None:
    """The records of a hand-typed row: one per event type, the last one with ``data`` (the object's text, its
    wrapped lines joined) as its fields. None when the object is not one JavaScript's notation reads."""
    values: dict[str, Any] = {}
    if data is not None:
        if len(data) > TRAJECTORY_ROW_MAX_CHARS:
            return None
        import json5  # (only when a hand-typed row carries an object)
        try:
            parsed = json5.loads(data)
        except (ValueError, TypeError, RecursionError):
            return None
        if not isinstance(parsed, dict):
            return None
        values = parsed
    kinds = [kind.strip() for kind in row.group("types").split(",")]
    records = [_trajectory_record({"type": kind, "data": values if index == len(kinds) - 1 else {}}, kind)
               for index, kind in enumerate(kinds)]
    for record in records:
        record.shape = "relative+trajectory"
    return records


# A session transcript's entry for a run whose prompt failed (<session>.jsonl, beside the log): {"type":"custom",
# "customType":"openclaw:prompt-error","timestamp":...,"data":{"runId":...,"sessionId":...,"provider":...,"model":...,
# "error":"<the run's error>"}}. Read as its error text, the rest of its data as fields.
PROMPT_ERROR_TYPE = "openclaw:prompt-error"
TRANSCRIPT_SHAPE = "transcript"
TRANSCRIPT_HEADER_ENTRY = "session header"  # (a transcript's first entry, naming its session)
TRANSCRIPT_HEADER = f"transcript {TRANSCRIPT_HEADER_ENTRY}:"  # (how its line begins)


def _prompt_error_record(obj: dict[str, Any]) -> Record:
    data = obj.get("data")
    values = data if isinstance(data, dict) else {}
    error = values.get("error")
    fields = {key: value for key, value in values.items()
              if key != "error" and isinstance(value, (str, int, float, bool))}
    return Record(TRANSCRIPT_SHAPE, _time_text(obj.get("timestamp")), "error", None,
                  str(error) if isinstance(error, str) and error else "prompt error", fields or None,
                  kind=TRANSCRIPT_PROMPT_ERROR_KIND)


# Records of the gateway's state that users paste beside (or instead of) the log: a session store row
# (sessions.json: its sessionId, status, abortedLastRun, restartRecoveryRuns ...) and a session lock file's payload
# (<session>.jsonl.lock: the holder's pid, createdAt, and in later builds maxHoldMs and the process starttime).
STORE_ROW_MARKS = frozenset({"abortedLastRun", "restartRecoveryRuns"})
LOCK_PAYLOAD_KEYS = frozenset({"pid", "createdAt", "maxHoldMs", "starttime", "hostname", "sessionId", "sessionKey"})


def state_record_label(obj: dict[str, Any]) -> str | None:
    """The label a pasted state record is read under (``session store row``, ``session lock file``), else None."""
    if "message" in obj or "msg" in obj:
        return None
    if not STORE_ROW_MARKS.isdisjoint(obj):
        return "session store row"
    if "pid" in obj and "createdAt" in obj and set(obj) <= LOCK_PAYLOAD_KEYS:
        return "session lock file"
    return None


def _state_record(obj: dict[str, Any], label: str) -> Record:
    """A state record read as the line ``<label>: key=value ...`` (a list as its length), at no time: its times are
    when the state was written, not when it was pasted."""
    values = {key: len(value) if isinstance(value, list) else value for key, value in obj.items()
              if isinstance(value, (str, int, float, bool, list))}
    words = [kv_pair(key, value) for key, value in values.items()]
    return Record("state-record", None, None, None, f"{label}: " + " ".join(words), values)


# A cron job's run log entry (cron/runs/<jobId>.jsonl; `openclaw cron runs`): {"ts":<epoch ms>,"jobId":...,
# "action":"finished","status":"ok|error|skipped","error":...,"runAtMs":...,"durationMs":...}. Read as the line
# ``cron run <action>: key=value ...`` at its ``ts``: the time the run finished.
CRON_RUN_KEYS = frozenset({"ts", "jobId", "action"})


def is_cron_run_record(obj: dict[str, Any]) -> bool:
    return CRON_RUN_KEYS <= obj.keys() and isinstance(obj.get("action"), str) and "message" not in obj


def _cron_run_record(obj: dict[str, Any]) -> Record:
    values = {key: value for key, value in obj.items()
              if key not in ("ts", "action") and isinstance(value, (str, int, float, bool))}
    words = [kv_pair(key, value) for key, value in values.items()]
    finished = from_epoch_ms(obj.get("ts"))
    when = finished.isoformat() if finished is not None else None
    level = "error" if obj.get("status") == "error" else None
    return Record("cron-run", when, level, "cron", f"cron run {obj['action']}: " + " ".join(words), values)


# A session transcript's entries (agents/<agent>/sessions/<session>.jsonl), which users paste or back up when they have
# no gateway log: {"type":"message","timestamp":<ISO>,"message":{"role":"user|assistant|toolResult",...}}, the
# assistant's with "stopReason" (stop, length, toolUse, error, aborted), "usage" and, when the turn failed,
# "errorMessage"; its own "timestamp" (epoch ms) is when the model request began, the entry's when the answer (or
# failure) was written. {"type":"compaction","timestamp":...,"tokensBefore":N} is a compaction that finished.
# Read as lines ``transcript <what>: key=value ...``; only a failed assistant turn is logged above DEBUG.
TRANSCRIPT_ROLES = frozenset({"user", "assistant", "toolResult", "system", "developer"})
FAILED_STOP_REASONS = frozenset({"error", "aborted"})
# (its other entries, each with an id and the parentId it follows: a custom entry, a model or thinking-level change)
TRANSCRIPT_ENTRY = re.compile(r"custom|model_change|thinking_level_change|label|branch_summary")
_CRON_PROMPT = re.compile(r"\[cron:(?P<jobId>[\w-]{1,80})")


def transcript_entry(obj: dict[str, Any]) -> Record | None:
    """A session transcript's message or compaction entry as a :class:`Record`, else None."""
    kind = obj.get("type")
    body = obj.get("message")
    if kind == "message" and isinstance(body, dict) and body.get("role") in TRANSCRIPT_ROLES:
        return _transcript_message(obj, body)
    if kind == "compaction" and isinstance(obj.get("tokensBefore"), int) and "message" not in obj:
        values = {key: obj[key] for key in ("tokensBefore", "firstKeptEntryId") if key in obj}
        return _transcript_record(obj, "debug", "compaction", values)
    if isinstance(kind, str) and TRANSCRIPT_ENTRY.fullmatch(kind) and "parentId" in obj and "message" not in obj:
        data = obj.get("data")
        label = obj.get("customType") if kind == "custom" and isinstance(obj.get("customType"), str) else kind
        values = {key: value for key, value in (data if isinstance(data, dict) else {}).items()
                  if isinstance(value, (str, int, float, bool)) and key != "timestamp"}
        return _transcript_record(obj, "debug", str(label), values)
    if kind == "session" and "cwd" in obj and "message" not in obj:
        return _transcript_record(obj, "debug", TRANSCRIPT_HEADER_ENTRY, {key: obj[key] for key in ("id", "version") if key in obj})
    return None


def _transcript_message(obj: dict[str, Any], body: dict[str, Any]) -> Record:
    role = str(body["role"])
    if role == "user":
        text = _first_text(body.get("content"))
        cron = _CRON_PROMPT.match(text)
        return _transcript_record(obj, "debug", "user message", {"cronJob": cron["jobId"]} if cron else {})
    if role == "toolResult":
        failure = tool_result_failure(body)
        if failure is not None:  # (read as the gateway logs it: "[tools] browser failed: <error>")
            return Record(TRANSCRIPT_SHAPE, _time_text(obj.get("timestamp")), "error", "tools", failure, None)
        values = {key: body[key] for key in ("toolCallId", "toolName", "isError") if isinstance(body.get(key), (str, bool))}
        return _transcript_record(obj, "debug", "tool result", values)
    if role != "assistant":
        return _transcript_record(obj, "debug", f"{role} message", {})
    stop = body.get("stopReason")
    values: dict[str, Any] = {key: body[key] for key in ("stopReason", "provider", "model") if isinstance(body.get(key), str)}
    usage = body.get("usage")
    if isinstance(usage, dict) and isinstance(usage.get("output"), int):
        values["outputTokens"] = usage["output"]
    # (an aborted turn records no usage: what it streamed before the abort is in its content)
    values["contentChars"] = _produced_chars(body.get("content"))
    waited = _waited_ms(body.get("timestamp"), obj.get("timestamp"))
    if waited is not None:
        values["waitedMs"] = waited
    error = body.get("errorMessage")
    if isinstance(error, str) and error:
        values["error"] = error[:500]
    failed = stop in FAILED_STOP_REASONS
    restart = None if failed else gateway_restart_call(body.get("content"))
    if restart is not None:
        values["toolCallId"], values["restartCall"] = restart
        return _transcript_record(obj, "info", "assistant turn called a gateway restart", values)
    what = f"assistant turn {'failed' if failed else 'ended'}"
    return _transcript_record(obj, "error" if failed else "debug", what, values)


TOOL_RESULT_TEXT_LIMIT = 4096  # (a tool's error object is small; a longer text is the tool's output, not its error)


def tool_result_failure(body: dict[str, Any]) -> str | None:
    """A tool result that reports the tool's own failure as an object (``{"status": "error", "tool": "browser",
    "error": "..."}``, in its ``details`` or as its text: the tool answered with an error instead of throwing, so
    ``isError`` may be false) as the line the gateway logs for it, ``<tool> failed: <error>``; else None."""
    details = body.get("details")
    text = _first_text(body.get("content")).strip()
    if not isinstance(details, dict) and text.startswith("{") and len(text) <= TOOL_RESULT_TEXT_LIMIT:
        try:
            details = json.loads(text)
        except ValueError:
            return None
    if not isinstance(details, dict) or details.get("status") != "error":
        return None
    return tool_failure_line(details)


def tool_failure_line(obj: dict[str, Any]) -> str | None:
    """A tool's error object (``"tool"``, ``"error"``) as the line the gateway logs for it: ``<tool> failed: <error>``."""
    tool, error = obj.get("tool"), obj.get("error")
    return f"{tool} failed: {error}" if isinstance(tool, str) and isinstance(error, str) and tool and error else None


# The placeholder text a turn that failed before any output is given (src/agents: the transcript's failed turn).
FAILED_TURN_PLACEHOLDER = "[assistant turn failed before producing content]"


def _produced_chars(content: Any) -> int:
    """How much of an assistant message's content the model produced, in characters: its text, thinking and tool
    calls (their arguments), not the failed turn's placeholder."""
    if not isinstance(content, list):
        return 0
    produced = 0
    for part in content:
        if not isinstance(part, dict):
            continue
        text = part.get("text") or part.get("thinking")
        if isinstance(text, str) and text.strip() != FAILED_TURN_PLACEHOLDER:
            produced += len(text.strip())
        if part.get("type") == "toolCall":
            produced += len(_as_text(part.get("arguments", ""))) + len(str(part.get("name", "")))
    return produced


# A shell command that restarts or stops the gateway (the CLI, the service managers, a process kill by name) and the
# gateway tool's restarting actions: an agent that runs one restarts the process its own run lives in.
@lru_cache(maxsize=1)
def _gateway_restart_command() -> re.Pattern[str]:
    """(compiled on first use: only an assistant message's tool call with a command asks it)"""
    return re.compile(
        r"\b" + PRODUCT_NAME + r"\s+gateway\s+(?:restart|stop)\b"
        r"|\bsystemctl\s+(?:--user\s+)?(?:restart|stop|kill)\s+(?:\S*\s+)?" + PRODUCT_NAME +
        r"|\blaunchctl\s+(?:kickstart|kill|stop|bootout|unload)\b[^;&|]*" + PRODUCT_NAME +
        r"|\b(?:pkill|killall)\b[^;&|]*" + PRODUCT_NAME + r"|\bpm2\s+(?:restart|stop|reload)\s+\S*" + PRODUCT_NAME,
        re.IGNORECASE)


GATEWAY_TOOL_RESTARTS = frozenset({"restart", "update.run"})
COMMAND_TOOLS = frozenset({"exec", "bash", "shell", "process", "run_command"})


def gateway_restart_call(content: Any) -> tuple[str, str] | None:
    """The id and command of a tool call in an assistant message's content that restarts the gateway, else None."""
    if not isinstance(content, list):
        return None
    for part in content:
        if not isinstance(part, dict) or part.get("type") != "toolCall" or not isinstance(part.get("arguments"), dict):
            continue
        name, arguments, call_id = part.get("name"), part["arguments"], str(part.get("id", ""))[:200]
        command = arguments.get("command")
        if name in COMMAND_TOOLS and isinstance(command, str) and _gateway_restart_command().search(command):
            return call_id, command[:200]
        if name == "gateway" and arguments.get("action") in GATEWAY_TOOL_RESTARTS:
            return call_id, f"gateway {arguments['action']}"
    return None


# A shell command that prints a log: ``openclaw logs``, ``journalctl``, ``docker logs``, or a file reader (tail, cat,
# grep, ...) given a path that names a log: a ``.log`` file or a ``log``/``logs`` folder (not any word that holds
# "log", such as catalog or changelog). Its tool result is program output, the log's own lines.
@lru_cache(maxsize=1)
def _log_reading_command() -> re.Pattern[str]:
    """(compiled on first use, as :func:`_gateway_restart_command`)"""
    return re.compile(
        r"\b" + PRODUCT_NAME + r"\s+logs\b|\bjournalctl\b|\bdocker\s+(?:compose\s+)?logs\b"
        r"|\b(?:tail|head|cat|grep|egrep|rg|less|sed|awk)\b[^;&|]*(?:\.log\b|\blogs?\b)",
        re.IGNORECASE)


# A line in a gateway log's form begins with its own date and time: ISO, as the file log and the console print it, or
# behind journald's prefix (``May 04 18:24:24 host node[1210]: ...``, the "journald" text shape).
_ISO_AT_START = re.compile(_ISO)
MAX_CARRIED_LINES = 2000  # (a tool result's output is capped by the gateway; this bounds a pathological one)


def log_reading_calls(content: Any) -> list[str]:
    """The ids of the tool calls in an assistant message's content that run a command printing a log."""
    if not isinstance(content, list):
        return []
    calls: list[str] = []
    for part in content:
        if not isinstance(part, dict) or part.get("type") != "toolCall" or not isinstance(part.get("arguments"), dict):
            continue
        command = part["arguments"].get("command")
        if part.get("name") in COMMAND_TOOLS and isinstance(command, str) and _log_reading_command().search(command):
            calls.append(str(part.get("id", ""))[:200])
    return calls


def _in_log_form(line: str) -> bool:
    return _ISO_AT_START.match(line) is not None or _JOURNALD.pattern.match(line) is not None


def carried_log_lines(content: Any) -> list[str]:
    """The lines of a tool result's text that are in a log's form (each starting with its own date and time), in
    order. Only the content's text is read: ``details.aggregated`` repeats it."""
    parts: list[str] = []
    if isinstance(content, str):
        parts = [content]
    elif isinstance(content, list):
        parts = [part["text"] for part in content if isinstance(part, dict) and isinstance(part.get("text"), str)]
    lines = [line for text in parts for line in map(str.strip, text.splitlines()) if _in_log_form(line)]
    return lines[:MAX_CARRIED_LINES]


def _first_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        for part in content:
            if isinstance(part, dict) and isinstance(part.get("text"), str):
                return str(part["text"])
    return ""


def _waited_ms(started_ms: Any, written: Any) -> int | None:
    """Milliseconds from a model request's start (epoch ms) to its entry's time (ISO), when both read and agree."""
    began = from_epoch_ms(started_ms)
    ended = parse_iso_datetime(written) if isinstance(written, str) else None
    if began is None or ended is None or ended.tzinfo is None:
        return None
    waited = round((ended - began).total_seconds() * 1000)
    return waited if waited >= 0 else None


def _transcript_record(obj: dict[str, Any], level: str, what: str, values: dict[str, Any]) -> Record:
    words = [kv_pair(key, value) for key, value in values.items()]
    return Record(TRANSCRIPT_SHAPE, _time_text(obj.get("timestamp")), level, None,
                  " ".join([f"transcript {what}:", *words]), values or None)


def kv_pair(key: str, value: Any) -> str:
    """``key=value`` as a line the parser reads back: a value with spaces (or none) quoted, its own quotes turned into
    single ones and its backslashes doubled (a Windows path keeps them), a flag as ``true``/``false``."""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    text = text.replace("\\", "\\\\").replace('"', "'")
    return f'{key}="{text}"' if (not text or any(char.isspace() for char in text)) else f"{key}={text}"


def _tslog_record(obj: dict[str, Any], meta_obj: dict[str, Any]) -> Record:
    root_name = meta_obj.get("name")
    binding = _binding_name(root_name) or _binding_name(obj.get("0"))
    parts: list[str] = []
    meta: dict[str, Any] | None = None
    numeric = sorted([key for key in obj if key.isdigit()], key=int)
    for key in numeric:
        value = obj[key]
        if key == "0" and (_binding_name(value) is not None or (value == root_name and len(numeric) > 1)):
            # (a tslog binding; or the logger's name as a plain string, as the WeChat plugin's own logger writes
            # its records, "0": "gateway/channels/openclaw-weixin/<accountId>" beside the same _meta.name: its
            # src/util/logger.ts)
            continue
        if isinstance(value, dict) and meta is None:
            meta = value
            continue
        parts.append(_as_text(value))
    top_message = obj.get("message")
    message = top_message if isinstance(top_message, str) else " ".join(parts)
    subsystem = binding
    if subsystem is None:
        top_subsystem = obj.get("subsystem")
        if isinstance(top_subsystem, str):
            subsystem = top_subsystem
        elif not (isinstance(root_name, str) and root_name in ROOT_LOGGER_NAMES) and isinstance(root_name, str):
            subsystem = root_name or None
    message = strip_ansi(message)
    if subsystem is None:
        prefix = _CONSOLE_PREFIX.match(message)
        if prefix is not None:
            subsystem = prefix.group("name")
            message = message[prefix.end():]
    level = normalize_level(meta_obj.get("logLevelName")) or normalize_level(obj.get("level"))
    time_text = _time_text(obj.get("time")) or _time_text(meta_obj.get("date"))
    hint = obj.get("session_id")
    return Record(
        shape="jsonl",
        time_text=time_text,
        level=level,
        subsystem=subsystem,
        message=message,
        meta=meta,
        session_hint=hint if isinstance(hint, str) and hint else None,
    )


def _logs_json_record(obj: dict[str, Any], kind: str) -> Record:
    if kind == "raw":
        raw = obj.get("raw")
        return Record("logs-json", None, None, None, strip_ansi(_as_text(raw)), None,
                      embedded_line=raw if isinstance(raw, str) else None)
    if kind == "log":
        message = strip_ansi(_as_text(obj.get("message", "")))
        binding, message = strip_binding(message)
        meta, message = split_leading_meta(message)
        subsystem = obj.get("subsystem") or obj.get("module") or binding
        record = Record(
            "logs-json", _time_text(obj.get("time")), normalize_level(obj.get("level")),
            subsystem if isinstance(subsystem, str) else None, message, meta,
        )
        return with_meta_kind(record)
    text = obj.get("message")
    if kind == "meta":
        text = " ".join(f"{key}={_as_text(value)}" for key, value in obj.items() if key != "type")
    return Record(f"logs-json-{kind}", None, None, "openclaw-logs", strip_ansi(_as_text(text or "")), None)


def _flat_record(obj: dict[str, Any]) -> Record:
    """Records with no ``_meta``: the size-cap line, console ``json`` style."""
    message = strip_ansi(_as_text(obj.get("message", obj.get("msg", ""))))
    subsystem = obj.get("subsystem") or obj.get("module")
    extra = {key: value for key, value in obj.items() if key not in ("time", "level", "subsystem", "module", "message", "msg")}
    return Record(
        "json",
        _time_text(obj.get("time")) or _time_text(obj.get("timestamp")),
        normalize_level(obj.get("level")),
        subsystem if isinstance(subsystem, str) else None,
        message,
        extra or None,
    )


# -- meta objects ------------------------------------------------------------------------

_DECODER = json.JSONDecoder()
# A meta object alone (its message elsewhere, or cut): the kind its fields say it belongs to.
WS_CLOSE_META_KEYS = frozenset({"handshakeMs", "handshake"})
_META_EVENTS = {"model_fallback_decision": "model.fallback_decision", "embedded_run_agent_end": "embedded.agent_end",
                "embedded_run_failover_decision": "embedded.failover"}


def split_leading_meta(message: str) -> tuple[dict[str, Any] | None, str]:
    """``{"cause":"handshake-timeout",...} closed before connect ...`` -> (the object, the text):
    how `openclaw logs` and log viewers print a call's meta object before its message."""
    if not message.startswith('{"'):
        return None, message
    try:
        obj, end = _DECODER.raw_decode(message)
    except (ValueError, RecursionError):
        return None, message
    if not isinstance(obj, dict) or _binding_name(message[:end]) is not None:
        return None, message
    return obj, message[end:].lstrip()


def meta_kind(meta: dict[str, Any]) -> str | None:
    """The kind of event a meta object alone stands for: the close meta of `closed before
    connect` (cause, handshake, durationMs, handshakeMs), a slow listener's, or a structured event's meta."""
    cause = meta.get("cause")
    if (isinstance(cause, str) and cause in WS_CLOSE_CAUSES) or not WS_CLOSE_META_KEYS.isdisjoint(meta):
        return "ws.closed_before_connect"
    # (the Discord monitor's slow-listener warning, its message cut: {"listener":"DiscordMessageListener",
    # "durationMs":89227,"duration":"89.2 seconds"})
    if isinstance(meta.get("listener"), str) and isinstance(meta.get("durationMs"), (int, float)):
        return "channel.slow_listener"
    # (and the event queue's own record of a listener it timed out: {"scope":"event-queue","type":"listener-timeout",
    # "listener":"InteractionEventListener","eventType":"INTERACTION_CREATE","timeoutMs":120000})
    if isinstance(meta.get("listener"), str) and meta.get("type") == "listener-timeout":
        return "channel.listener_timeout"
    event = meta.get("event")
    return _META_EVENTS.get(event) if isinstance(event, str) else None


def with_meta_kind(record: Record) -> Record:
    """A record whose message is empty but whose meta object says what it is: shape ``meta``."""
    if not record.message.strip() and record.meta:
        kind = meta_kind(record.meta)
        if kind is not None:
            record.kind = kind
            record.level = record.level or "warn"
            record.shape = "meta" if record.shape in ("json", "jsonl") else record.shape
    return record


def lenient_json(text: str) -> Any:
    """``text`` as JSON once elided values (``"durationMs":…``) are read as null and the members a
    reporter elided at an object's end (``{"1":"stuck session: ...", ...}``) are left out; None if it
    still is not JSON."""
    if "…" not in text and "..." not in text:
        return None
    try:
        return _strictjson.loads(_ELIDED_JSON_VALUE.sub(r"\1null", _ELIDED_JSON_MEMBERS.sub("", text)))
    except (ValueError, RecursionError):
        return None


_ELIDED_JSON_VALUE = re.compile(r"([:\[,]\s*)(?:…|\.{3,})(?=\s*[,}\]])")
_ELIDED_JSON_MEMBERS = re.compile(r",\s*(?:…|\.{3,})\s*(?=[}\]])")


# -- JSON pieces: one record's fields or values without the record ------------------------

_FRAGMENT_FIELD = re.compile(
    r'\s*,?\s*"(?P<key>[^"\\]{1,80})"\s*:\s*(?:(?P<string>")|(?P<scalar>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null))'
)


_NESTED_FIELD = re.compile(r'\s*,?\s*"[^"\\]{1,80}"\s*:\s*[{\[]')


def json_pieces(text: str) -> dict[str, Any] | list[Any] | str | None:
    """What a line starting with ``"`` holds, if it is part of a JSON record: the fields
    (``"message":"stalled session: ...",`` or several of one record without its braces) as a
    dict, a record's values (``"{\"subsystem\":\"x\"}","handshake timeout ..."``) as a list,
    a lone JSON string (``jq .message`` output) as a str. A field list cut short (an
    unterminated last string) keeps what it has. None when it is none of these."""
    body = text.rstrip()
    if body.endswith(","):
        body = body[:-1]
    tail = ("{" + body,) if body.endswith("}") else ()  # a record's last fields and its closing brace
    for wrapped in (body, "{" + body + "}", *tail, "[" + body + "]"):
        try:
            value = _strictjson.loads(wrapped)
        except (ValueError, RecursionError):
            continue
        if isinstance(value, (dict, list, str)):
            return value
    return _cut_fields(body)


def _cut_fields(text: str) -> dict[str, Any] | None:
    """``"key":"value","key2":"val`` (cut inside its last string) -> the fields it holds."""
    fields: dict[str, Any] = {}
    position = 0
    while position < len(text):
        match = _FRAGMENT_FIELD.match(text, position)
        if match is None:
            if _NESTED_FIELD.match(text, position):  # "_meta":{... : the paste stops in a nested object
                position = len(text)
            break
        if match.group("scalar") is not None:
            fields[match.group("key")] = json.loads(match.group("scalar"))
            position = match.end()
            continue
        try:
            value, position = scanstring(text, match.end(), False)
        except ValueError:  # unterminated: the paste stops inside this string
            value = _unescaped(text[match.end():])
            position = len(text)
        fields[match.group("key")] = value
    if not fields or text[position:].strip(" ,"):
        return None
    return fields


def _unescaped(text: str) -> str:
    """A cut JSON string body, its escapes undone where they are complete."""
    try:
        return json.loads('"' + text.rstrip("\\") + '"')
    except ValueError:
        return text


def record_from_values(values: list[Any]) -> Record | None:
    """A record from its values (``{"subsystem":"gateway/ws"},"handshake timeout conn=..."``):
    a binding object or string names the subsystem, a second object is the meta object,
    strings are the message."""
    subsystem: str | None = None
    meta: dict[str, Any] | None = None
    parts: list[str] = []
    for index, value in enumerate(values):
        if index == 0 and isinstance(value, (dict, str)):
            name = _binding_name(value) if isinstance(value, str) else _binding_dict_name(value)
            if name is not None:
                subsystem = name
                continue
        if isinstance(value, dict) and meta is None:
            meta = value
        elif isinstance(value, str):
            parts.append(value)
        else:
            return None
    if not parts and meta is None:
        return None
    record = Record("values", None, None, subsystem, strip_ansi(" ".join(parts)), meta)
    return with_meta_kind(record)


def _binding_dict_name(value: dict[str, Any]) -> str | None:
    if not 0 < len(value) <= 3:
        return None
    name = value.get("subsystem") or value.get("module")
    return name if isinstance(name, str) and name else None


# -- containers: the gateway's line inside a container runtime's log line ----------------


def docker_json_line(obj: dict[str, Any]) -> tuple[str, str | None] | None:
    """``{"log":"<line>\\n","stream":"stdout","time":"..."}`` (docker's json-file driver) ->
    (the line, the container's time); None for any other object."""
    log = obj.get("log")
    if not isinstance(log, str) or "stream" not in obj or len(obj) > 4:
        return None
    time_text = obj.get("time")
    return log.rstrip("\r\n"), time_text if isinstance(time_text, str) else None


_DOCKER_HEADS = ('{"log":"', '{"log": "')
_CRI_PIECE = re.compile(r"(?P<time>\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)) (?P<stream>stdout|stderr) (?P<flag>[FP]) ?")


@dataclass(slots=True)
class Piece:
    """One physical line of a container log that may be part of a longer logical line."""

    kind: str  # "cri" or "docker"
    stream: str
    time: str
    content: str
    final: bool  # the last piece of its line (CRI ``F``; docker: ends with a newline)


def container_piece(text: str, joining: bool = False) -> Piece | None:
    """The piece a CRI or docker json-file line carries, or None for any other line. A whole
    docker line is None too unless ``joining`` (pieces before it wait for their last one):
    it needs no joining, and is not decoded here."""
    if text.startswith(_DOCKER_HEADS):
        if not joining and '\\n",' in text:  # the log string ends with a newline: a whole line
            return None
        try:
            obj = _strictjson.loads(text)
        except (ValueError, RecursionError):
            return None
        found = docker_json_line(obj) if isinstance(obj, dict) else None
        stream = obj.get("stream") if found else None
        if found is None or not isinstance(stream, str):
            return None
        return Piece("docker", stream, found[1] or "", obj["log"], obj["log"].endswith("\n"))
    if len(text) < 30 or not text[:4].isdigit():
        return None
    match = _CRI_PIECE.match(text)
    if match is None:
        return None
    return Piece("cri", match["stream"], match["time"], text[match.end():], match["flag"] == "F")


def joined_line(first: Piece, content: str) -> str:
    """The whole line of a run of pieces (``content``: their texts joined), in its runtime's form."""
    if first.kind == "cri":
        return f"{first.time} {first.stream} F {content}"
    return json.dumps({"log": content, "stream": first.stream, "time": first.time}, ensure_ascii=False)


# -- the reporter's notes between and after log lines -------------------------------------

class _NotePatterns(NamedTuple):
    """The patterns that read a reporter's notes, compiled on first use (:func:`_notes`): a line reaches them only
    past a string test (its first character, a remark mark found from its end), and a gateway's own log has none."""

    # Words a remark about the log (rather than a log line) uses: what is missing, cut, repeated.
    remark_words: re.Pattern[str]
    own_line_mark: re.Pattern[str]
    ws_frame: re.Pattern[str]
    enclosed: re.Pattern[str]
    count: re.Pattern[str]
    tag_end: re.Pattern[str]
    # A remark that the line before it kept coming: "repeats every ~35 min", "(and so on, every 30s)", "again and
    # again", "x3", "(12 retries, all 403)". A count of omitted lines ("12 more lines") says lines were left out, not
    # that one repeated.
    repeats: re.Pattern[str]


@lru_cache(maxsize=1)
def _notes() -> _NotePatterns:
    return _NotePatterns(
        remark_words=re.compile(
            r"(?i:\b(?:omitted|similar|identical|more|repeat(?:ed|s|ing)?|lines?|entries|snip(?:ped)?|cut|trimmed|abridged"
            r"|truncated|elided|redacted|removed|nothing|no|never|none|after|before|until|then|hangs?|hung|stuck|freez(?:e|es"
            r"|ing)|frozen|wedged|here|this|later|earlier|same|again|so on|etc|times|every|minutes?|mins?|seconds?|secs?"
            r"|hours?|unresponsive|silence|silent|waiting|reporter|continues|forever|retries|retried|attempts)\b|(?<![\w×])[x×]\d+\b"
            r"|\b\d+[x×](?!\w))"),
        own_line_mark=re.compile(
            r"(?:(?P<hash>#{1,6})|(?P<slashes>//)|(?P<arrow><-{1,3}|<={2}|-{2}>|={2}>|←|⬅\ufe0f?|👈|\^{2,}))(?:\s+|$)"
            r"|(?P<dots>\.{3,}|…)\s*"),
        ws_frame=re.compile(r"(?:open|req|res|event|close|ping|pong)\b"),
        enclosed=re.compile(r"\((?P<paren>.+)\)|\[(?P<bracket>.+)\]"),
        count=re.compile(r"(?:\b(?P<lines>\d+)\s+(?:(?:more|similar|identical|repeated)\b\s*)+(?:lines|entries|messages"
                         r"|warnings|times|like this)?|\b(?P<counted>\d+)\s+(?:lines|entries|messages|warnings|times)\b"
                         r"|(?<![\w×])[x×](?P<times>\d+)\b)"),
        tag_end=re.compile(r".*\[[\w/.:-]{1,80}\]"),
        repeats=re.compile(r"(?i:\brepeat(?:s|ed|ing)?\b|\brecurs?\b|\bagain\b|\bkeeps? (?:coming|repeating)\b"
                           r"|\bevery\s+~?\s*\d+(?:\.\d+)?\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hours?)\b"
                           r"|(?<![\w×])[x×]\d+\b|\b\d+[x×](?!\w)|\b\d+ times\b|\b\d+ (?:[a-z]+ ){0,2}(?:retries|restarts|attempts)\b)"),
    )


@dataclass(slots=True)
class Note:
    """A reporter's remark: ``form`` is ``line`` (a line of its own), ``trailing`` (after a log
    line) or ``omitted`` (a summary of lines left out); ``count`` what it says was left out."""

    text: str
    form: str
    count: int | None = None
    repeats: bool = False  # it says the line before it kept coming ("repeats every ~35 min", "x3")


def _note(text: str, form: str) -> Note:
    notes = _notes()
    count = notes.count.search(text)
    number = None
    if count is not None:
        number = int(count.group("lines") or count.group("counted") or count.group("times"))
    if number is not None and form == "line" and count is not None and not count.group("times"):
        form = "omitted"
    repeats = form != "omitted" and notes.repeats.search(text) is not None
    return Note(text, form, number, repeats)


def own_line_note(text: str, is_log_text: Any) -> Note | None:
    """``text`` (stripped, no colour codes) as a note of its own, or None. ``is_log_text(rest)``
    says whether what follows a mark reads as a log message (a family matches it): such a line
    is a log line, never a note. Conservative: only marked lines, or lines wholly in
    parentheses or brackets that use the words of a remark and no ``key=value``."""
    first = text[:1]
    if first not in _NOTE_FIRST:
        return None
    notes = _notes()
    mark = notes.own_line_mark.match(text)
    if mark is not None:
        rest = text[mark.end():].strip()
        if mark.group("hash") or mark.group("slashes"):
            return _note(rest or text, "line")
        if "=" in rest or (rest and is_log_text(rest)):
            return None
        if mark.group("arrow"):
            return None if notes.ws_frame.match(rest) else _note(rest or text, "line")
        if rest and notes.remark_words.search(rest) is None:  # "... <something>": a cut line, unless it is a remark
            return None
        return _note(text, "line")
    enclosed = notes.enclosed.fullmatch(text)
    if enclosed is None:
        return None
    inner = enclosed.group("paren") or enclosed.group("bracket") or ""
    core = inner.strip(".… ")
    if "=" in inner:
        return None
    if core:
        if " " not in core and notes.remark_words.fullmatch(core) is None and core.lower() not in ("snip", "cut"):
            return None  # "(dead-pid)", "[ws]": a word of a log line, not a remark
        if notes.remark_words.search(core) is None or is_log_text(core):
            return None
    return _note(text, "line")


_NOTE_FIRST = frozenset("#/<-=←⬅👈^.…([")


def split_trailing_remark(text: str) -> tuple[str, Note | None]:
    """``stalled session: ... age=757s  <-- stuck here`` -> (the log line, the remark).
    The remark never holds ``=`` (a field is never taken for one), the line before it keeps
    its quotes balanced, and an arrow after a bare console tag (``[ws] ← open``) is the line.
    Found with string methods from the end of the line: linear on any input."""
    found = _last_remark(text)
    if found is None:
        return text, None
    start, end, summary = found
    notes = _notes()
    body = text[:start].rstrip()
    remark = text[end:].strip()
    if summary:
        remark = remark[:-1].strip()  # the closing parenthesis
    if (not body or not remark or "=" in remark or body.count('"') % 2
            or (body.endswith("]") and notes.tag_end.fullmatch(body)) or notes.ws_frame.match(remark)):
        return text, None
    if summary and notes.remark_words.search(remark) is None and not remark.startswith("#"):
        return text, None
    note = _note(remark, "trailing")
    if summary and note.count is not None:
        note.form, note.repeats = "omitted", False
    return body, note


def _last_remark(text: str) -> tuple[int, int, bool] | None:
    """(where the mark starts, where the remark starts, whether it is a parenthesised summary)
    of the last remark mark on the line, or None. Marks: an arrow after a space (``<--``,
    ``<==``, ``←``, ``⬅``, ``👈``), ``#`` or ``//`` after two spaces, a ``(...)`` closing the
    line after two spaces."""
    best: tuple[int, int, bool] | None = None
    for mark in _ARROW_MARKS:
        at = text.rfind(" " + mark)
        if at >= 0 and (best is None or at > best[0]):
            after = at + 1 + len(mark)
            while after < len(text) and text[after] in "-=":
                after += 1
            best = (at, after, False)
    for mark in ("  # ", "  // "):
        at = text.rfind(mark)
        if at >= 0 and (best is None or at > best[0]):
            best = (at, at + len(mark), False)
    if text.endswith(")"):
        at = text.rfind("(")
        if at >= 2 and text[at - 2:at] == "  " and ")" not in text[at:-1] and (best is None or at > best[0]):
            best = (at, at + 1, True)
    return best


_ARROW_MARKS = ("<-", "<==", "←", "⬅", "👈")
