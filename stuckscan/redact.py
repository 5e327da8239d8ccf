"""Redaction of secrets and personal data in an :class:`~stuckscan.model.Analysis`.

Every report format renders a redacted copy of the analysis unless the user opts out
(``--no-redact``); :func:`redact_analysis` is the entry point, :class:`Redactor` does
the work and remembers what it replaced, so the same value always maps to the same
placeholder within one report and a timeline stays readable::

    agent:main:telegram:direct:7012345678  ->  agent:main:telegram:direct:<peer-1>
    /Users/karen/.openclaw/...             ->  /Users/<user-1>/.openclaw/...
    Bearer eyJhbGciOi...                   ->  Bearer <secret-1>

What is replaced (placeholder category in brackets):

* secrets, following the gateway's own masking patterns (format reference section 4):
  PEM private keys, ``Bearer``/``Basic`` credentials, URL credentials, provider key
  prefixes (``sk-``, ``ghp_``, ``github_pat_``, ``xox?-``, ``xapp-``, ``gsk_``, ``AIza``,
  ``ya29.``, ``1//0``, ``pplx-``, ``npm_``, ``AKID``, ``LTAI``, ``hf_``, ``r8_``, AWS
  ``AKIA``), JWTs, Telegram bot tokens, Apple app passwords, values of secret-named
  keys (``apiKey=``, ``"token":``, ``OPENAI_API_KEY=``, ``--password ...``) [secret];
* the peer (chat, user, phone or group id) and thread id inside session keys and
  ``lane=session:`` lanes, keeping the key's structure [peer, thread];
* e-mail addresses [email], phone numbers [phone], ``@handles`` [handle];
* IPv4 and IPv6 addresses [ip], except loopback (``127.0.0.0/8``, ``::1``) and the
  unspecified address (``0.0.0.0``, ``::``): those identify no one and tell a local CLI
  client from a remote one, which matters for handshake diagnostics. Private ranges
  (``10.x``, ``192.168.x``) are redacted: they still describe someone's network;
* user names in home paths (``/Users/<name>/``, ``/home/<name>/``, ``C:\\Users\\<name>\\``)
  and values of ``user=``/``username=`` [user];
* host names: ``host=``/``hostname=``/``origin=``/``instance=`` values and names under
  ``.local``, ``.lan``, ``.home``, ``.internal`` and similar private suffixes [host];
* chat and sender ids given as ``chatId=``, ``userId=``, ``senderId=`` [peer, id];
* session ids that are not UUIDs (a bare name such as ``blane`` can be a person's
  name) [session]; ``main`` and ``unknown`` are kept.

Once a value has a placeholder, every other occurrence of it is replaced too (a phone
number learned from a session key is also masked in an ``Inbound message`` line).

What is kept: UUID session ids, run ids and connection ids. They are random, identify
no person, and are what an operator needs to find the session's transcript
(``~/.openclaw/agents/<agent>/sessions/<sessionId>.jsonl``) and to correlate a report
with the raw log. Agent ids, channel names, model and provider names, public domain
names, rule metadata and fix texts are kept as well.

Every pattern is linear: unbounded runs are possessive (``++``) or bounded, and each
starts behind a lookbehind that only allows a token boundary, so crafted input cannot
make matching backtrack catastrophically.

Patterns are compiled on first use, and each runs behind a guard: a literal every match
contains (``@`` for e-mails, ``eyJ`` for JWTs). A text without it is left as it is without
running, or compiling, the pattern, so a report with little to redact does not spend the
import of ``regex`` and two dozen compiles (about 15 ms) at start-up.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from stuckscan.model import Analysis, Incident, RuleRef

if TYPE_CHECKING:
    import regex

__all__ = ["Redactor", "redact_analysis", "PLACEHOLDER"]

T = TypeVar("T")


class LazyPattern:
    """A pattern of the ``regex`` module, compiled (and ``regex`` imported) on first use."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: regex.Pattern[str] | None = None

    def get(self) -> regex.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            import regex

            compiled = self._compiled = regex.compile(self.source)
        return compiled

    def search(self, *args: Any) -> regex.Match[str] | None:
        return self.get().search(*args)

    def match(self, *args: Any) -> regex.Match[str] | None:
        return self.get().match(*args)

    def fullmatch(self, *args: Any) -> regex.Match[str] | None:
        return self.get().fullmatch(*args)

    def finditer(self, *args: Any) -> Any:
        return self.get().finditer(*args)

    def sub(self, *args: Any) -> str:
        return self.get().sub(*args)

    def __getattr__(self, name: str) -> Any:  # findall, pattern, groupindex...
        return getattr(self.get(), name)


PLACEHOLDER = LazyPattern(r"<[a-z]+-\d+>")

_MIN_LITERAL = 4
_MAX_LITERAL = 512  # longer values (PEM blocks) are not searched for elsewhere
_KEPT_SESSION_IDS = frozenset({"main", "unknown", "none", "n/a", ""})
_NEUTRAL_VALUES = frozenset({
    "", "-", "?", "n/a", "na", "none", "null", "nil", "unknown", "undefined", "yes", "no", "true", "false",
    "redacted", "[redacted]", "***", "missing", "set", "unset", "empty", "bearer", "basic",
})
_LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0", "::", "ip6-localhost"})
_SECRET_KEY_SUFFIXES = (
    "apikey", "apitoken", "token", "secret", "password", "passwd", "passphrase", "pwd", "accesskey",
    "secretkey", "privatekey", "clientsecret", "authorization", "cookie", "signature", "credential",
    "credentials",
)
_HOST_KEYS = frozenset({"host", "hostname", "origin", "instance", "device", "machine", "node"})
_USER_KEYS = frozenset({"user", "username", "login", "owner"})
_PEER_KEYS = frozenset({"chatid", "chat_id", "peerid", "peer_id", "recipient", "phone", "phonenumber"})
_ID_KEYS = frozenset({"userid", "user_id", "senderid", "sender_id", "sender", "fromid", "accountid", "account_id"})
_SESSION_ID_KEYS = frozenset({"sessionid", "session_id", "activesessionid", "locksessionid"})
_PRIVATE_HOST_SUFFIXES = r"(?:local|lan|home|internal|intranet|localdomain|corp|private|home\.arpa)"
_SESSION_KINDS = r"(?:direct|dm|group|channel|chat|user|room|space|thread|topic)"
_NON_PEER_SEGMENTS = frozenset({"main", "cron", "subagent", "nested", "hook", "hooks", "webhook", "probe", "run"})

# -- patterns -------------------------------------------------------------------------

_PEM_BEGIN = LazyPattern(r"-----BEGIN (?P<label>[A-Z0-9 ]{1,40}+)-----")
_PEM_END = LazyPattern(r"-----END [A-Z0-9 ]{1,40}+-----")
_URL_CREDENTIALS = LazyPattern(r"(?<=://)(?P<cred>[^\s/@:]{1,256}+:[^\s/@]{1,256}+)(?=@)")
_AUTH_SCHEME = LazyPattern(r"(?i)(?<![\w-])(?P<scheme>bearer|basic)(?P<sep>[ \t]{1,4}+)(?P<value>[A-Za-z0-9._~+/=\-\u2026]{6,4096}+)")
# Prefixes whose token body may contain `-`, `_` or `.`, and prefixes followed by a plain
# alphanumeric body (so `npm_config_cache` or `hf_transfer` are not taken for tokens).
_PREFIXED_TOKEN = LazyPattern(
    r"(?<![A-Za-z0-9_\-])(?:"
    r"(?:sk-|github_pat_|xox[a-z]-|xapp-|AIza|ya29\.|1//0|pplx-|glpat-|sk_live_|sk_test_|rk_live_)[A-Za-z0-9_\-.\u2026]{8,4096}+"
    r"|(?:ghp_|gho_|ghu_|ghs_|ghr_|gsk_|npm_|hf_|r8_|AKID|AKIA|LTAI)[A-Za-z0-9\u2026]{12,4096}+)"
)
_JWT = LazyPattern(r"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{4,4096}+\.[A-Za-z0-9_\-]{4,4096}+(?:\.[A-Za-z0-9_\-\u2026]{0,4096}+)?")
_TELEGRAM_BOT_TOKEN = LazyPattern(r"(?<![A-Za-z0-9_])(?:bot)?\d{6,12}+:[A-Za-z0-9_\-]{30,64}+(?![A-Za-z0-9_\-])")
_APP_PASSWORD = LazyPattern(r"(?<![A-Za-z0-9\-])[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}(?![A-Za-z0-9\-])")
_SECRET_FLAG = LazyPattern(
    r"(?<![\w-])(?P<flag>--(?:api-key|apikey|token|auth-token|bot-token|secret|client-secret|password|passwd))"
    r"(?P<sep>=|[ \t]{1,4}+)(?P<value>[^\s\"'<>,;]{1,4096}+)"
)
# `key=value`, `key: value`, `"key":"value"`: the key is found first (cheap, linear) and
# the value is matched only after the key turned out to be one that matters.
_KEY = LazyPattern(r"(?<![\w.\-])(?P<key>[A-Za-z_][\w.\-]{0,63}+)\"?[ \t]{0,3}+[=:][ \t]{0,3}+")
_VALUE = LazyPattern(r"\"(?P<quoted>[^\"\r\n]{1,4096}+)\"|\"?(?P<bare>[^\s\"'&,;)}\]<>|]{1,4096}+)")
_HOST_VALUE = LazyPattern(r"(?s)(?P<scheme>[A-Za-z][\w+.\-]{0,20}+://)?(?P<host>\[[^\]]{1,64}+\]|[^:/\[\]]{1,255}+)(?P<rest>.*)")
_SESSION_KEY = LazyPattern(
    r"(?<![\w:\-])(?P<head>agent:[\w.\-]{1,64}+:[\w.\-]{1,64}+:" + _SESSION_KINDS + r")"
    r":(?P<rest>[^\s\"'(),;\[\]{}<>|`]{1,512}+)"
)
_THREAD_MARKER = LazyPattern(r":(?:thread|topic):")
_EMAIL = LazyPattern(
    r"(?<![\w.+%\-])[A-Za-z0-9._%+\-]{1,64}+@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w\-])"
)
_POSIX_HOME = LazyPattern(r"(?P<prefix>/(?:Users|home)/)(?P<name>[^/\s\"'\\:<>]{1,64}+)")
_WINDOWS_HOME = LazyPattern(
    r"(?i)(?P<prefix>(?:\b[A-Z]:)?\\{1,2}Users\\{1,2}|\b[A-Z]:/Users/)(?P<name>[^\\/\s\"':<>]{1,64}+)"
)
_PRIVATE_HOST = LazyPattern(
    r"(?<![\w.\-])[A-Za-z0-9][A-Za-z0-9\-]{0,62}(?:\.[A-Za-z0-9\-]{1,63}){0,6}\." + _PRIVATE_HOST_SUFFIXES + r"(?![\w\-])"
)
_IPV6 = LazyPattern(
    r"(?<![\w:.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)(?P<ip>[0-9A-Fa-f:]{2,39}+(?:\.\d{1,3}){0,3})(?:%[\w]{1,16}+)?(?![\w:])"
)
_IPV4 = LazyPattern(r"(?<![\w.])(?P<ip>\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?![\w]|\.\d)")
_PHONE = LazyPattern(
    r"(?<![\w+])\+(?:\d[ .\-]?){6,14}\d(?!\d)"
    r"|(?<![\w+])\+\d{1,3}[ .\-]?\(\d{1,4}\)[ .\-]?(?:\d[ .\-]?){4,10}\d(?!\d)"
    r"|(?<![\w.+\-])\(\d{3}\)[ .\-]?\d{3}[ .\-]\d{4}(?![\w\-])"
    r"|(?<![\w.+\-:/])\d{3}[ .\-]\d{3}[ .\-]\d{4}(?![\w\-:])"
)
_HANDLE = LazyPattern(r"(?<![\w@.\-/:])@(?P<handle>[A-Za-z][A-Za-z0-9_]{2,31}+)(?![\w@/\-])")
_UUID = LazyPattern(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _normalized_key(key: str) -> str:
    return "".join(char for char in key.lower() if char.isalnum() or char == "_").replace("_", "")


def is_secret_key(key: str) -> bool:
    """Whether ``key`` names a secret (``apiKey``, ``OPENAI_API_KEY``, ``x-api-key``, ``token``)."""
    return _normalized_key(key).endswith(_SECRET_KEY_SUFFIXES)


def _is_neutral(value: str) -> bool:
    lowered = value.strip().lower()
    return lowered in _NEUTRAL_VALUES or bool(PLACEHOLDER.fullmatch(value)) or value.startswith("<")


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)
def _is_interesting_key(key: str) -> bool:
    normalized = key.lower().replace("-", "_")
    compact = normalized.replace("_", "")
    return is_secret_key(key) or any(
        name in group
        for name in (normalized, compact)
        for group in (_SESSION_ID_KEYS, _HOST_KEYS, _USER_KEYS, _PEER_KEYS, _ID_KEYS)
    )


def _is_loopback_host(value: str) -> bool:
    host = value.lower()
    for scheme in ("http://", "https://", "ws://", "wss://"):
        if host.startswith(scheme):
            host = host[len(scheme):]
    host = host.split("/", 1)[0]
    if host.startswith("["):
        host = host[: host.find("]") + 1] if "]" in host else host
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    if host in _LOOPBACK_HOSTS:
        return True
    return _kept_address(host.strip("[]"))


def _kept_address(text: str) -> bool:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def is_uuid(value: str) -> bool:
    return bool(_UUID.fullmatch(value))


class Redactor:
    """Replaces secrets and personal data with stable placeholders such as ``<peer-1>``.

    One instance serves one report: :attr:`mapping` holds every original value and its
    placeholder, so repeated values get the same placeholder.
    """

    def __init__(self) -> None:
        self._placeholders: dict[str, str] = {}
        self._counters: Counter[str] = Counter()
        self._literals: regex.Pattern[str] | None = None
        self._literals_size = -1
        self._patterned: dict[str, str] = {}

    @property
    def mapping(self) -> dict[str, str]:
        """Original value -> placeholder (keep it private: it holds the secrets)."""
        return dict(self._placeholders)

    def placeholder(self, value: str, category: str) -> str:
        known = self._placeholders.get(value)
        if known is not None:
            return known
        self._counters[category] += 1
        token = f"<{category}-{self._counters[category]}>"
        self._placeholders[value] = token
        return token

    # -- entry points -------------------------------------------------------------------

    def redact_text(self, text: str) -> str:
        """Free text (a log message, a file name, a summary) with every known pattern replaced."""
        if not text:
            return text
        patterned = self._patterned.get(text)
        if patterned is None:
            patterned = text
            for guard, step in _TEXT_STEPS:
                if guard(patterned):
                    patterned = step(self, patterned)
            self._patterned[text] = patterned
        return self._replace_known(patterned)

    def redact_session_key(self, key: str | None) -> str | None:
        """A session key with its peer replaced; keys of unknown shape fall back to free text."""
        if key is None:
            return None
        redacted = self.redact_text(key)
        if redacted != key:
            return redacted
        return self._redact_unknown_session_key(key)

    def redact_session_id(self, session_id: str | None) -> str | None:
        """UUIDs and ``main``/``unknown`` are kept; other names become ``<session-N>``."""
        if session_id is None:
            return None
        if is_uuid(session_id) or session_id.strip().lower() in _KEPT_SESSION_IDS or _is_neutral(session_id):
            return session_id
        return self.placeholder(session_id, "session")

    # -- session keys -----------------------------------------------------------------

    def _session_key_match(self, match: regex.Match[str]) -> str:
        head, rest = match.group("head"), match.group("rest")
        trailing = ""
        while rest and rest[-1] in ".:":
            trailing = rest[-1] + trailing
            rest = rest[:-1]
        if not rest:
            return match.group(0)
        marker = _THREAD_MARKER.search(rest)
        if marker is None:
            return f"{head}:{self._peer(rest)}{trailing}"
        peer, thread = rest[: marker.start()], rest[marker.end():]
        thread_part = self.placeholder(thread, "thread") if thread and not _is_neutral(thread) else thread
        return f"{head}:{self._peer(peer)}{marker.group(0)}{thread_part}{trailing}"

    def _peer(self, value: str) -> str:
        if not value or _is_neutral(value):
            return value
        return self.placeholder(value, "peer")

    def _redact_unknown_session_key(self, key: str) -> str:
        """``agent:<agent>:<channel>:<peer...>`` without a known kind word: mask after the channel."""
        parts = key.split(":")
        if len(parts) < 4 or parts[0] != "agent" or parts[2] in _NON_PEER_SEGMENTS:
            return key
        rest = ":".join(parts[3:])
        if is_uuid(rest):
            return key
        return ":".join(parts[:3]) + ":" + self._peer(rest)

    # -- secrets ----------------------------------------------------------------------

    def _secret(self, value: str) -> str:
        return self.placeholder(value, "secret")

    def _pem_blocks(self, text: str) -> str:
        """PEM key blocks (``-----BEGIN ... KEY-----`` to ``-----END ...-----``, or to the end
        of the text when the block was cut off) become one placeholder."""
        pieces: list[str] = []
        position = 0
        while (begin := _PEM_BEGIN.search(text, position)) is not None:
            label = begin.group("label")
            if "KEY" not in label:
                pieces.append(text[position:begin.end()])
                position = begin.end()
                continue
            end = _PEM_END.search(text, begin.end())
            stop = end.end() if end is not None else len(text)
            pieces.append(text[position:begin.start()])
            pieces.append(f"-----BEGIN {label}----- {self._secret(text[begin.start():stop])} -----END {label}-----")
            position = stop
        pieces.append(text[position:])
        return "".join(pieces)

    def _auth_scheme(self, match: regex.Match[str]) -> str:
        value = match.group("value")
        if len(value) < 20 and not any(char.isdigit() or char in "=._~+/-" for char in value):
            return match.group(0)  # prose ("basic configuration"), not a credential
        return f"{match.group('scheme')}{match.group('sep')}{self._secret(value)}"

    def _secret_flag(self, match: regex.Match[str]) -> str:
        value = match.group("value")
        if _is_neutral(value):
            return match.group(0)
        return f"{match.group('flag')}{match.group('sep')}{self._secret(value)}"

    def _key_values(self, text: str) -> str:
        """Values of secret, host, user, peer and session-id keys."""
        pieces: list[str] = []
        position = 0
        for key_match in _KEY.finditer(text):
            if key_match.start() < position or not _is_interesting_key(key_match.group("key")):
                continue
            value_match = _VALUE.match(text, key_match.end())
            if value_match is None:
                continue
            group = "quoted" if value_match.group("quoted") is not None else "bare"
            replacement = self._replacement_for_key(key_match.group("key"), value_match.group(group))
            if replacement is None:
                continue
            start, end = value_match.span(group)
            pieces.append(text[position:start])
            pieces.append(replacement)
            position = end
        if not pieces:
            return text
        pieces.append(text[position:])
        return "".join(pieces)

    def _replacement_for_key(self, key: str, value: str) -> str | None:
        if not value or _is_neutral(value):
            return None
        normalized = key.lower().replace("-", "_")
        compact = normalized.replace("_", "")
        if is_secret_key(key):
            return None if _is_number(value) else self._secret(value)
        if compact in _SESSION_ID_KEYS or normalized in _SESSION_ID_KEYS:
            redacted = self.redact_session_id(value)
            return None if redacted == value else redacted
        if compact in _HOST_KEYS:
            return self._host_value(value)
        if compact in _USER_KEYS:
            return self.placeholder(value, "user")
        if compact in _PEER_KEYS or normalized in _PEER_KEYS:
            return self.placeholder(value, "peer")
        if compact in _ID_KEYS or normalized in _ID_KEYS:
            return self.placeholder(value, "id")
        return None

    def _host_value(self, value: str) -> str | None:
        """``karens-mbp.local:18789`` -> ``<host-1>:18789``; loopback hosts are kept."""
        match = _HOST_VALUE.fullmatch(value)
        if match is None or _is_loopback_host(value):
            return None
        host = match.group("host")
        if _is_neutral(host):
            return None
        category = "ip" if _is_address(host.strip("[]")) else "host"
        return f"{match.group('scheme') or ''}{self.placeholder(host, category)}{match.group('rest')}"

    # -- personal data ----------------------------------------------------------------

    def _home(self, match: regex.Match[str]) -> str:
        name = match.group("name")
        if name.lower() in ("shared", "public", "default", "all users") or _is_neutral(name):
            return match.group(0)
        return match.group("prefix") + self.placeholder(name, "user")

    def _address(self, match: regex.Match[str], version: int) -> str:
        text = match.group("ip")
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            return match.group(0)
        if address.version != version or address.is_loopback or address.is_unspecified:
            return match.group(0)
        return match.group(0).replace(text, self.placeholder(text, "ip"), 1)

    def _handle(self, match: regex.Match[str]) -> str:
        return self.placeholder(match.group(0), "handle")

    # -- values learned earlier -------------------------------------------------------

    def _replace_known(self, text: str) -> str:
        pattern = self._literal_pattern()
        if pattern is None:
            return text
        return pattern.sub(self._known_match, text)

    def _known_match(self, match: regex.Match[str]) -> str:
        literal = match.group("literal")
        if literal is None:
            return match.group(0)
        return self._placeholders[literal]

    def _literal_pattern(self) -> regex.Pattern[str] | None:
        if self._literals_size != len(self._placeholders):
            literals = sorted((value for value in self._placeholders if _MIN_LITERAL <= len(value) <= _MAX_LITERAL),
                              key=len, reverse=True)
            self._literals_size = len(self._placeholders)
            self._literals = None
            if literals:
                import regex

                alternatives = "|".join(regex.escape(value) for value in literals)
                self._literals = regex.compile(
                    r"(?P<placeholder><[a-z]+-\d+>)|(?<![A-Za-z0-9_])(?P<literal>" + alternatives + r")(?![A-Za-z0-9_])"
                )
        return self._literals


def _sub(pattern: LazyPattern, method: Callable[[Redactor, regex.Match[str]], str]) -> Callable[[Redactor, str], str]:
    def step(redactor: Redactor, text: str) -> str:
        return pattern.sub(lambda match: method(redactor, match), text)

    return step


def _sub_category(pattern: LazyPattern, category: str) -> Callable[[Redactor, str], str]:
    def step(redactor: Redactor, text: str) -> str:
        return pattern.sub(lambda match: redactor.placeholder(match.group(0), category), text)

    return step


def _sub_group(pattern: LazyPattern, group: str, category: str) -> Callable[[Redactor, str], str]:
    def replace(redactor: Redactor, match: regex.Match[str]) -> str:
        start, end = match.span(group)
        whole, offset = match.group(0), match.start()
        return whole[: start - offset] + redactor.placeholder(match.group(group), category) + whole[end - offset:]

    return _sub(pattern, replace)


# -- guards: a literal every match of a step's pattern contains ---------------------------
# A guard may say yes when the pattern then finds nothing, never no when it would match.
# Case-insensitive patterns and \d are only screened on ASCII text, where (?i) and \d mean
# plain ASCII letters and digits; any other text always runs the pattern.

Guard = Callable[[str], bool]

_ASCII_DIGIT = re.compile(r"[0-9]")
_TOKEN_PREFIXES = (  # every literal prefix in _PREFIXED_TOKEN (`xox[a-z]-` as `xox`)
    "sk-", "github_pat_", "xox", "xapp-", "AIza", "ya29.", "1//0", "pplx-", "glpat-", "sk_live_", "sk_test_",
    "rk_live_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "gsk_", "npm_", "hf_", "r8_", "AKID", "AKIA", "LTAI",
)
_PRIVATE_HOST_NEEDLES = (".local", ".lan", ".home", ".internal", ".intranet", ".corp", ".private")


def _contains(*needles: str) -> Guard:
    return lambda text: any(needle in text for needle in needles)


def _contains_folded(*needles: str) -> Guard:
    """For ``(?i)`` patterns whose needles are lower-case ASCII."""
    def guard(text: str) -> bool:
        if not text.isascii():
            return True
        lowered = text.lower()
        return any(needle in lowered for needle in needles)

    return guard


def _may_have_digit(text: str) -> bool:
    return not text.isascii() or _ASCII_DIGIT.search(text) is not None


# Order matters: secrets first (their values may contain anything), then session keys
# (their peers may look like phones or e-mails), then the remaining personal data.
_TEXT_STEPS: tuple[tuple[Guard, Callable[[Redactor, str], str]], ...] = (
    (_contains("-----BEGIN "), Redactor._pem_blocks),
    (lambda text: "://" in text and "@" in text, _sub_group(_URL_CREDENTIALS, "cred", "secret")),
    (_contains_folded("bearer", "basic"), _sub(_AUTH_SCHEME, Redactor._auth_scheme)),
    (_contains(*_TOKEN_PREFIXES), _sub_category(_PREFIXED_TOKEN, "secret")),
    (_contains("eyJ"), _sub_category(_JWT, "secret")),
    (lambda text: ":" in text and _may_have_digit(text), _sub_category(_TELEGRAM_BOT_TOKEN, "secret")),
    (_contains("--"), _sub(_SECRET_FLAG, Redactor._secret_flag)),
    (lambda text: text.count("-") >= 3, _sub_category(_APP_PASSWORD, "secret")),
    (_contains("agent:"), _sub(_SESSION_KEY, Redactor._session_key_match)),
    (_contains("@"), _sub_category(_EMAIL, "email")),
    (_contains("=", ":"), Redactor._key_values),
    (_contains("/Users/", "/home/"), _sub(_POSIX_HOME, Redactor._home)),
    (_contains_folded("users"), _sub(_WINDOWS_HOME, Redactor._home)),
    (_contains(*_PRIVATE_HOST_NEEDLES), _sub_category(_PRIVATE_HOST, "host")),
    (lambda text: text.count(":") >= 2, _sub(_IPV6, lambda redactor, match: redactor._address(match, 6))),
    (lambda text: "." in text and _may_have_digit(text), _sub(_IPV4, lambda redactor, match: redactor._address(match, 4))),
    (_may_have_digit, _sub_category(_PHONE, "phone")),
    (_contains("@"), _sub(_HANDLE, Redactor._handle)),
)


# -- the Analysis walk ------------------------------------------------------------------


def _redact_value(value: T, redactor: Redactor) -> T:
    result: Any
    if value is None or isinstance(value, (Enum, datetime, bool, int, float, RuleRef)):
        return value
    if isinstance(value, str):
        result = redactor.redact_text(value)
    elif isinstance(value, list):
        result = [_redact_value(item, redactor) for item in value]
    elif isinstance(value, tuple):
        result = tuple(_redact_value(item, redactor) for item in value)
    elif isinstance(value, dict):
        result = {_redact_value(key, redactor): _redact_value(item, redactor) for key, item in value.items()}
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        result = _redact_dataclass(value, redactor)
    else:
        return value
    return result  # type: ignore[no-any-return]


def _redact_dataclass(value: Any, redactor: Redactor) -> Any:
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(value):
        current = getattr(value, field.name)
        if isinstance(value, Incident) and field.name == "session_key":
            changes[field.name] = redactor.redact_session_key(current)
        elif isinstance(value, Incident) and field.name == "session_id":
            changes[field.name] = redactor.redact_session_id(current)
        else:
            changes[field.name] = _redact_value(current, redactor)
    return dataclasses.replace(value, **changes)


def _redact_whole(value: T, session_keys: Iterable[str | None], redactor: Redactor) -> T:
    """Session keys are learned first so their peers get the first placeholders; a first
    walk then learns every value, so a value found late (in a path, say) is also masked
    where it appeared earlier without its telltale context."""
    for key in session_keys:
        if key:
            redactor.redact_session_key(key)
    _redact_value(value, redactor)
    return _redact_value(value, redactor)


def redact_analysis(analysis: Analysis, redactor: Redactor | None = None) -> Analysis:
    """A redacted deep copy of ``analysis`` (the original is not modified)."""
    return _redact_whole(analysis, (i.session_key for i in analysis.incidents), redactor or Redactor())


def redact_incident(incident: Incident, redactor: Redactor | None = None) -> Incident:
    """A redacted deep copy of one incident (live watch mode keeps one ``redactor`` so
    placeholders stay the same from one change to the next)."""
    return _redact_whole(incident, (incident.session_key,), redactor or Redactor())
