"""Redaction of secrets and personal data in an :class:`~stuckscan.model.Analysis`.

Every report format renders a redacted copy of the analysis unless the user opts out
(``--no-redact``); :func:`redact_analysis` is the entry point, :class:`Redactor` does
the work and remembers what it replaced, so the same value always maps to the same
placeholder and a timeline stays readable::

    agent:main:telegram:direct:7012345678  ->  agent:main:telegram:direct:<peer-1>
    /Users/karen/.openclaw/...             ->  /Users/<user-1>/.openclaw/...
    Bearer eyJhbGciOi...                   ->  Bearer <secret-1>

What is replaced (placeholder category in brackets):

* secrets, following the gateway's own masking patterns (format reference section 4):
  PEM private keys, ``Bearer``/``Basic`` credentials, URL credentials
  (``scheme://user:pass@host``, ``redis://:pass@host``), provider key prefixes (``sk-``,
  ``ghp_``, ``github_pat_``, ``xox?-``, ``xapp-``, ``xai-``, ``gsk_``, ``AIza``, ``ya29.``,
  ``1//0``, ``pplx-``, ``npm_``, ``AKID``, ``LTAI``, ``hf_``, ``r8_``, ``SG.``, AWS ``AKIA``
  and ``ASIA`` with a 40-character secret key next to them, Twilio ``AC``/``SK`` ids), JWTs,
  Telegram and Discord bot tokens, Apple app passwords, values of secret-named keys
  (``apiKey=``, ``"token":``, ``OPENAI_API_KEY=``, ``--password ...``) [secret]. A secret
  value runs to its end: to the closing quote, or to whitespace, a quote, or a ``&``,
  ``;`` or ``,`` that starts another ``key=`` (a password may contain ``&;,()``);
* the peer (chat, user, phone or group id) and thread id inside session keys and
  ``lane=session:`` lanes, keeping the key's structure [peer, thread];
* e-mail addresses [email], phone numbers, international and national (``06 12 34 56
  78``, ``(06) 12-34-56-78``) [phone], ``@handles`` [handle], Discord ids (17 to 19 digit
  snowflakes, also in ``<@id>`` mentions) [id];
* IPv4 and IPv6 addresses [ip], except loopback (``127.0.0.0/8``, ``::1``) and the
  unspecified address (``0.0.0.0``, ``::``): those identify no one and tell a local CLI
  client from a remote one, which matters for handshake diagnostics. Private ranges
  (``10.x``, ``192.168.x``) are redacted: they still describe someone's network. A
  ``::`` token with no decimal digit (``::add-mask::``, ``face::add``) is not taken for
  an address;
* user names in private paths (``/Users/<name>/``, ``/home/<name>/``, ``/var/lib/users/<name>``,
  ``~<name>/``, ``C:\\Users\\<name>\\`` and ``C:/Users/<name>/``, names with spaces too) and
  values of ``user=``/``username=`` [user];
* host names: ``host=``/``hostname=``/``origin=``/``instance=`` values, UNC hosts
  (``\\\\fileserver\\share``) and names under ``.local``, ``.lan``, ``.home``,
  ``.internal`` and similar private suffixes [host];
* chat and sender ids given as ``chatId=``, ``userId=``, ``senderId=`` [peer, id];
* session ids that are not UUIDs (a bare name such as ``blane`` can be a person's
  name) [session]; ``main`` and ``unknown`` are kept.

Once a value has a placeholder, every other occurrence of it is replaced too (a phone
number learned from a session key is also masked in an ``Inbound message`` line).

Placeholders are numbered in the order values are first met. :func:`redact_analysis`
meets them in one canonical order (the incidents' session keys, then the analysis field
by field), so the same analysis always gets the same placeholders; the commands let a
:class:`Redactor` learn the whole, unfiltered analysis before ``--session``, ``--rule``
and ``--min-severity`` apply, so a filter never renumbers anyone. With a salt
(``--redact-salt``) a placeholder is instead the start of an HMAC-SHA256 of the value
under that key (``<peer-3f9a1c2b4d5e>``): the same value gets the same placeholder in any
input, so two days' reports can be compared, and without the key no one can test a
guess (a phone number, say) against it, as they could against a plain hash.

What is kept: UUID session ids, run ids and connection ids. They are random, identify
no person, and are what an operator needs to find the session's transcript
(``~/.openclaw/agents/<agent>/sessions/<sessionId>.jsonl``) and to correlate a report
with the raw log. Agent ids, channel names, model and provider names, public domain
names, rule metadata and fix texts are kept as well.

Cost: every pattern is linear: unbounded runs are possessive (``++``) or bounded, and
each starts behind a lookbehind that only allows a token boundary, so crafted input
cannot make matching backtrack catastrophically. Values learned earlier are found again
through a dict of their word runs (:class:`KnownValues`), not through a pattern of every
value, so nothing is recompiled as values are learned and the cost of a text does not
grow with the number of values known: redaction is linear in the size of the output.

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

from stuckscan._store import IncidentStore
from stuckscan.model import Analysis, Incident, RuleRef

if TYPE_CHECKING:
    import regex

    from stuckscan.events import Event

__all__ = ["Redactor", "KnownValues", "redact_analysis", "redact_incident", "redact_event", "PLACEHOLDER"]

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


# Numbered (<peer-12>) or keyed (<peer-3f9a1c2b4d5e>, hex of an HMAC).
PLACEHOLDER = LazyPattern(r"<[a-z]+-[0-9a-f]{1,64}>")
_PLACEHOLDER_SPANS = re.compile(r"<[a-z]+-[0-9a-f]{1,64}>")

_MIN_LITERAL = 4
_MAX_LITERAL = 512  # longer values (PEM blocks) are not searched for elsewhere
_KEYED_DIGITS = 12  # hex digits of the HMAC in a keyed placeholder (48 bits)
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
_SHARED_PROFILES = frozenset({"shared", "public", "default", "all users", "default user"})
# A service account named after the product or its runtime (`/home/openclaw/`, the ClawX and Docker installs' user):
# no person's name, and a value once learned is replaced in every text, so learning it would turn the product's own
# name into a placeholder everywhere (`<user-1> plugins update <id>` in a fix, f6102)
_SERVICE_ACCOUNTS = frozenset({"openclaw", "clawdbot", "moltbot", "node"})
_NATIONAL_PHONE_DIGITS = range(9, 14)

# -- patterns -------------------------------------------------------------------------

_PEM_BEGIN = LazyPattern(r"-----BEGIN (?P<label>[A-Z0-9 ]{1,40}+)-----")
_PEM_END = LazyPattern(r"-----END [A-Z0-9 ]{1,40}+-----")
# The authority of a URL; its user info (before the last `@`) is looked at in Python.
_URL_AUTHORITY = LazyPattern(r"(?<=://)[^\s/?#]{1,1024}+")
_AUTH_SCHEME = LazyPattern(r"(?i)(?<![\w-])(?P<scheme>bearer|basic)(?P<sep>[ \t]{1,4}+)(?P<value>[A-Za-z0-9._~+/=\-\u2026]{6,4096}+)")
# Prefixes whose token body may contain `-`, `_` or `.`, prefixes followed by a plain
# alphanumeric body (so `npm_config_cache` or `hf_transfer` are not taken for tokens),
# and fixed shapes: SendGrid (`SG.<22>.<43>`), AWS temporary ids, Twilio account and key ids.
_PREFIXED_TOKEN = LazyPattern(
    r"(?<![A-Za-z0-9_\-])(?:"
    r"(?:sk-|github_pat_|xox[a-z]-|xapp-|AIza|ya29\.|1//0|pplx-|glpat-|sk_live_|sk_test_|rk_live_)[A-Za-z0-9_\-.\u2026]{8,4096}+"
    r"|(?:ghp_|gho_|ghu_|ghs_|ghr_|gsk_|npm_|hf_|r8_|AKID|AKIA|LTAI|xai-)[A-Za-z0-9\u2026]{12,4096}+"
    r"|SG\.[A-Za-z0-9_\-]{16,32}+\.[A-Za-z0-9_\-]{16,64}+"
    r"|ASIA[A-Z0-9]{16}"
    r"|(?:AC|SK)[0-9a-fA-F]{32})(?![A-Za-z0-9_\-])"
)
# A bare AWS secret access key (40 characters) is only recognised next to an access key id.
_AWS_KEY_ID = LazyPattern(r"(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])")
_AWS_SECRET = LazyPattern(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
# A Discord bot token: the base64 of the bot's id (17 to 19 digits), a timestamp, an HMAC.
_DISCORD_TOKEN = LazyPattern(
    r"(?<![A-Za-z0-9_\-.])[MNO][A-Za-z0-9_\-]{22,27}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,128}+(?![A-Za-z0-9_\-])"
)
_JWT = LazyPattern(r"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{4,4096}+\.[A-Za-z0-9_\-]{4,4096}+(?:\.[A-Za-z0-9_\-\u2026]{0,4096}+)?")
_TELEGRAM_BOT_TOKEN = LazyPattern(r"(?<![A-Za-z0-9_])(?:bot)?\d{6,12}+:[A-Za-z0-9_\-]{30,64}+(?![A-Za-z0-9_\-])")
_APP_PASSWORD = LazyPattern(r"(?<![A-Za-z0-9\-])[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}(?![A-Za-z0-9\-])")
_SECRET_FLAG = LazyPattern(
    r"(?<![\w-])(?P<flag>--(?:api-key|apikey|token|auth-token|bot-token|secret|client-secret|password|passwd))"
    r"(?:=|[ \t]{1,4}+)"
)
# `key=value`, `key: value`, `"key":"value"`: the key is found first (cheap, linear) and
# the value is matched only after the key turned out to be one that matters.
# (stdlib `re`, about twice as fast here: the key cannot end early, as the character after
# a shorter key would be a key character, so backtracking finds nothing more)
# Node.js built-in module specifiers in stack frames: `node:net:1940:16`, `node:internal/process/task_queues:90:21`.
_NODE_BUILTIN = re.compile(r"node:(?:internal/)?[a-z_]{2,24}(?:/[\w./-]{1,200})?(?::\d+){1,2}\b")
_KEY = re.compile(r"(?<![\w.\-])(?P<key>[A-Za-z_][\w.\-]{0,63})\"?[ \t]{0,3}[=:][ \t]{0,3}")
_VALUE = LazyPattern(r"\"(?P<quoted>[^\"\r\n]{1,4096}+)\"|\"?(?P<bare>[^\s\"'&,;)}\]<>|]{1,4096}+)")
# A reporter's own mask inside a value (`chatId=telegram:<chatId>`): part of the value, so
# the text before it is not taken (and learned) as a whole personal id.
_ELIDED_PART = re.compile(r"<[A-Za-z_][\w\-]{0,31}>[^\s\"'&,;)}\]<>|]{0,256}")
_HOST_VALUE = LazyPattern(r"(?s)(?P<scheme>[A-Za-z][\w+.\-]{0,20}+://)?(?P<host>\[[^\]]{1,64}+\]|[^:/\[\]]{1,255}+)(?P<rest>.*)")
_SESSION_KEY = LazyPattern(
    r"(?<![\w:\-])(?P<head>agent:[\w.\-]{1,64}+:[\w.\-]{1,64}+:" + _SESSION_KINDS + r")"
    r":(?P<rest>[^\s\"'(),;\[\]{}<>|`]{1,512}+)"
)
_THREAD_MARKER = LazyPattern(r":(?:thread|topic):")
_EMAIL = LazyPattern(
    r"(?<![\w.+%\-])[A-Za-z0-9._%+\-]{1,64}+@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w\-])"
)
# Home and profile directories: /Users, /home (also /var/home, /usr/home, /export/home) and
# any /users/ (/var/lib/users/<name>); `C:/Users/` is a Windows profile (its names may hold spaces).
_POSIX_HOME = LazyPattern(r"(?<![A-Za-z]:)(?P<prefix>/(?:Users|users|home)/)(?P<name>[^/\s\"'\\:<>]{1,64}+)")
_TILDE_HOME = LazyPattern(r"(?<![\w~\\/])(?P<prefix>~)(?P<name>[A-Za-z_][A-Za-z0-9_.\-]{0,31}+)(?=[/\\\s\"']|$)")
# Windows profile names may contain spaces: words joined by single spaces are taken
# together when a path separator follows them.
_WINDOWS_HOME = LazyPattern(
    r"(?i)(?P<prefix>(?:\b[A-Z]:)?\\{1,2}(?:Users|Documents and Settings)\\{1,2}|\b[A-Z]:/(?:Users|Documents and Settings)/)"
    r"(?P<name>[^\\/\s\"':<>]{1,64}+(?: [^\\/\s\"':<>]{1,64}+){1,3}(?=[\\/])|[^\\/\s\"':<>]{1,64}+)"
)
# `\\host\share`, also with each backslash escaped (`\\\\host\\share`); not `\\?\` or `\\.\`. It
# starts a token: a path with escaped separators (`C:\\Program Files (x86)\\App`) is not one.
_UNC_HOST = LazyPattern(
    r"(?<![^\s\"'(=\[,;|])(?P<prefix>(?:\\\\){1,2})(?!(?i:users|documents and settings)\\)"
    r"(?P<host>[A-Za-z0-9][A-Za-z0-9.\-]{0,62}+)(?=[\\/])"
)
_PRIVATE_HOST = LazyPattern(
    r"(?<![\w.\-])[A-Za-z0-9][A-Za-z0-9\-]{0,62}(?:\.[A-Za-z0-9\-]{1,63}){0,6}\." + _PRIVATE_HOST_SUFFIXES + r"(?![\w\-])"
)
_IPV6 = LazyPattern(
    r"(?<![\w:.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)(?P<ip>[0-9A-Fa-f:]{2,39}+(?:\.\d{1,3}){0,3})(?:%[\w]{1,16}+)?(?![\w:])"
)
_IPV4 = LazyPattern(r"(?<![\w.])(?P<ip>\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?![\w]|\.\d)")
# Discord user, channel and message ids; `<@id>`, `<@!id>` and `<#id>` mentions included.
_SNOWFLAKE = LazyPattern(r"(?<![\w.])\d{17,19}(?!\w|\.\d)")
_PHONE = LazyPattern(
    r"(?<![\w+])\+(?:\d[ .\-]?){6,14}\d(?!\d)"
    r"|(?<![\w+])\+\d{1,3}[ .\-]?\(\d{1,4}\)[ .\-]?(?:\d[ .\-]?){4,10}\d(?!\d)"
    r"|(?<![\w.+\-])\(\d{3}\)[ .\-]?\d{3}[ .\-]\d{4}(?![\w\-])"
    r"|(?<![\w.+\-:/])\d{3}[ .\-]\d{3}[ .\-]\d{4}(?![\w\-:])"
)
# National numbers start with the trunk prefix 0 (`06 12 34 56 78`, `(06) 12-34-56-78`,
# `020 7946 0958`); groups must be separated, and 9 to 13 digits in all (checked in
# Python) keep dates such as `05-22-2026` out.
_NATIONAL_PHONE = LazyPattern(
    r"(?<![\w.+\-:/(])(?:\(0\d{1,5}\)[ .\-]?|0\d{1,5}[ .\-])\d{2,8}+(?:[ .\-]\d{2,8}+){0,5}(?![\w\-:]|\.\d)"
)
# Not after a placeholder (`<secret-1>@host`: what was left of URL credentials) and not
# followed by a domain (`@cache.example.com`).
_HANDLE = LazyPattern(r"(?<![\w@.\-/:>])@(?P<handle>[A-Za-z][A-Za-z0-9_]{2,31}+)(?![\w@/\-]|\.\w)")
_UUID = LazyPattern(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")

# Secret values (stdlib `re`: plain, linear, needed on every secret-named key).
_BARE_SECRET = re.compile(r"[^\s\"']{1,4096}")
_NEXT_KEY = re.compile(r"[&;,][A-Za-z_][\w.\-]{0,63}=")
_TRAILING_PUNCTUATION = ".,;:"
_CLOSING_BRACKETS = {")": "(", "]": "[", "}": "{", ">": "<"}


def _normalized_key(key: str) -> str:
    return "".join(char for char in key.lower() if char.isalnum() or char == "_").replace("_", "")


@lru_cache(maxsize=4096)
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
def _key_kind(key: str) -> str | None:
    """What the value of ``key`` is, when it is something to hide: ``secret``, ``session``
    (a session id), ``host``, ``user``, ``peer`` or ``id``; ``None`` for any other key."""
    if is_secret_key(key):
        return "secret"
    normalized = key.lower().replace("-", "_")
    compact = normalized.replace("_", "")
    if compact in _SESSION_ID_KEYS or normalized in _SESSION_ID_KEYS:
        return "session"
    if compact in _HOST_KEYS:
        return "host"
    if compact in _USER_KEYS:
        return "user"
    if compact in _PEER_KEYS or normalized in _PEER_KEYS:
        return "peer"
    if compact in _ID_KEYS or normalized in _ID_KEYS:
        return "id"
    return None


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


def _trim_secret(value: str) -> str:
    """A bare secret without the sentence punctuation or closing brackets that follow it
    in the text (``(password=abc)``, ``token=abc.``); brackets the value opened stay."""
    opened = {closer: value.count(opener) for closer, opener in _CLOSING_BRACKETS.items()}
    closed = {closer: value.count(closer) for closer in _CLOSING_BRACKETS}
    end = len(value)
    while end:
        last = value[end - 1]
        if last in _TRAILING_PUNCTUATION:
            end -= 1
        elif last in _CLOSING_BRACKETS and closed[last] > opened[last]:
            closed[last] -= 1
            end -= 1
        else:
            break
    return value[:end]


def secret_value_span(text: str, start: int) -> tuple[int, int] | None:
    """Where the secret value that begins at ``start`` lies in ``text``.

    A quoted value ends at its closing quote. A bare value runs to whitespace or a quote,
    or to a ``&``, ``;`` or ``,`` that begins another ``key=`` (a query string's next
    parameter): the punctuation a password may contain (``&;,()``) does not end it.
    """
    if start >= len(text):
        return None
    quote = text[start]
    if quote in "\"'":
        end = text.find(quote, start + 1, start + 4098)
        if end > start + 1 and "\n" not in text[start + 1:end]:
            return start + 1, end
        start += 1  # an unclosed quote: the value is what follows it
    match = _BARE_SECRET.match(text, start)
    if match is None:
        return None
    value = match.group()
    next_key = _NEXT_KEY.search(value)
    if next_key is not None:
        value = value[: next_key.start()]
    value = _trim_secret(value)
    return (start, start + len(value)) if value else None


def _digit_count(text: str) -> int:
    return sum(char.isdigit() for char in text)


# -- values learned earlier ---------------------------------------------------------------

_WORD_RUN = re.compile(r"[A-Za-z0-9_]+")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def _standalone(text: str, start: int, end: int) -> bool:
    """No ASCII letter, digit or ``_`` right before ``start`` or right at ``end``."""
    return (start == 0 or text[start - 1] not in _WORD_CHARS) and (end == len(text) or text[end] not in _WORD_CHARS)


class KnownValues:
    """The values that have a placeholder, found again wherever they stand alone in a text.

    A value is replaced only where no ASCII letter, digit or ``_`` touches it, so each of
    its word runs (maximal runs of those characters) is a whole word run of the text there,
    and two runs next to each other in the value are next to each other in the text. A
    value of one run is filed under that run (``7012345678``); a longer one under a pair of
    neighbouring runs, the pair the fewest values filed before it contain, then the longest
    (``("user7", "mail")`` for ``user7@mail.example.org``, ``("0", "23")`` for
    ``198.51.0.23``: a lone ``23`` or ``198`` would send most texts to a comparison). A
    text is split into runs by one compiled pattern; set intersections with the filed runs
    and pairs say whether any value can be there (usually not), and only the values filed
    under a run or pair the text contains are compared with it, at those places. The cost
    is linear in the text and does not grow with the number of values known, and learning
    a value is a dict insert, not a recompile.
    """

    __slots__ = ("_by_anchor", "_filed_runs", "_filed_pairs", "_pair_uses", "_wordless")

    def __init__(self) -> None:
        # a run, or a pair of neighbouring runs -> (value, offset of the anchor's first run in it)
        self._by_anchor: dict[str | tuple[str, str], list[tuple[str, int]]] = {}
        self._filed_runs: set[str] = set()
        self._filed_pairs: set[tuple[str, str]] = set()
        self._pair_uses: Counter[tuple[str, str]] = Counter()
        self._wordless: list[str] = []  # values with no word run at all (`!!!!`): searched for directly

    def add(self, value: str) -> None:
        runs = [(match.group(), match.start()) for match in _WORD_RUN.finditer(value)]
        if not runs:
            self._wordless.append(value)
            return
        if len(runs) == 1:
            self._by_anchor.setdefault(runs[0][0], []).append((value, runs[0][1]))
            self._filed_runs.add(runs[0][0])
            return
        pairs = [((first, second), offset) for (first, offset), (second, _) in zip(runs, runs[1:])]
        pair, offset = min(pairs, key=lambda item: (self._pair_uses[item[0]], -len(item[0][0]) - len(item[0][1])))
        self._pair_uses.update(name for name, _ in pairs)
        self._by_anchor.setdefault(pair, []).append((value, offset))
        self._filed_pairs.add(pair)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, value)`` of every standalone occurrence of a known value (overlapping
        ones included), in no particular order."""
        found: list[tuple[int, int, str]] = []
        if _WORD_RUN.fullmatch(text):  # one run (a field name, an id): only a value equal to it fits
            if text in self._filed_runs and any(value == text for value, _ in self._by_anchor[text]):
                found.append((0, len(text), text))
            return found
        if self._by_anchor:
            runs = _WORD_RUN.findall(text)
            runs_here = self._filed_runs.intersection(runs) if self._filed_runs else None
            pairs_here = self._filed_pairs.intersection(zip(runs, runs[1:])) if self._filed_pairs else None
            if runs_here or pairs_here:
                self._compare(text, runs_here or set(), pairs_here or set(), found)
        for value in self._wordless:
            start = text.find(value)
            while start >= 0:
                if _standalone(text, start, start + len(value)):
                    found.append((start, start + len(value), value))
                start = text.find(value, start + 1)
        return found

    def _compare(self, text: str, runs_here: set[str], pairs_here: set[tuple[str, str]],
                 found: list[tuple[int, int, str]]) -> None:
        """The values filed under the runs and pairs present, compared where those stand."""
        previous, previous_start = "", -1
        for match in _WORD_RUN.finditer(text):
            run, run_start = match.group(), match.start()
            anchors = []
            if run in runs_here:
                anchors.append((run, run_start))
            if previous_start >= 0 and (previous, run) in pairs_here:
                anchors.append(((previous, run), previous_start))
            for anchor, anchor_start in anchors:
                for value, offset in self._by_anchor[anchor]:
                    start = anchor_start - offset
                    end = start + len(value)
                    if start >= 0 and text.startswith(value, start) and _standalone(text, start, end):
                        found.append((start, end, value))
            previous, previous_start = run, run_start

    def replace(self, text: str, placeholders: dict[str, str]) -> str:
        """``text`` with each known value replaced by its placeholder, scanning left to right
        and taking the longest value at each position; placeholders already in the text
        are left whole."""
        found = self.spans(text)
        if not found:
            return text
        # A placeholder in the text is taken before a value starting at the same place.
        blocked = [(match.start(), match.end(), "") for match in _PLACEHOLDER_SPANS.finditer(text)] if "<" in text else []
        pieces: list[str] = []
        position = 0
        for start, end, value in sorted((*blocked, *found), key=lambda span: (span[0], span[2] != "", -span[1])):
            if start < position:
                continue
            if value:
                pieces.append(text[position:start])
                pieces.append(placeholders[value])
            else:
                pieces.append(text[position:end])
            position = end
        if not pieces:
            return text
        pieces.append(text[position:])
        return "".join(pieces)


# -- the redactor ---------------------------------------------------------------------------


class Redactor:
    """Replaces secrets and personal data with stable placeholders such as ``<peer-1>``.

    One instance serves one report (or one ``watch`` or ``events`` stream): :attr:`mapping`
    holds every original value and its placeholder, so repeated values get the same
    placeholder. ``salt`` (text or bytes, not empty) makes placeholders keyed hashes of
    their values instead of numbers. ``cache_size`` bounds the texts whose pattern pass is
    remembered, and ``cache_chars`` the characters they and their results hold: ``None``
    (a report: the memo holds what the analysis holds) keeps them all; ``scan`` and the
    streams (``watch``, ``events``) pass bounds, so memory does not grow with the length of
    the log. Past a bound the memo starts afresh, which costs time, never consistency.
    """

    def __init__(self, salt: str | bytes | None = None, *, cache_size: int | None = None,
                 cache_chars: int | None = None) -> None:
        key = salt.encode("utf-8") if isinstance(salt, str) else salt
        if key is not None and not key:
            raise ValueError("the redaction salt must not be empty")
        self._key = key
        self._placeholders: dict[str, str] = {}
        self._owners: dict[str, str] = {}  # keyed placeholder -> its value (to catch a digest collision)
        self._counters: Counter[str] = Counter()
        self._known = KnownValues()
        self._patterned: dict[str, str] = {}
        self._learned: set[Any] = set()  # immutable objects (evidence) whose texts have been learned
        # id of an incident store learned whole -> (the store, kept alive; its pass-1 copy: see _learn_store)
        self._learned_stores: dict[int, tuple[IncidentStore, IncidentStore]] = {}
        self._cache_size = None if cache_size is None else max(cache_size, 1)
        self._cache_chars = cache_chars
        self._cached_chars = 0  # characters of the memo's texts and of the results that differ from them

    @property
    def mapping(self) -> dict[str, str]:
        """Original value -> placeholder (keep it private: it holds the secrets)."""
        return dict(self._placeholders)

    def placeholder(self, value: str, category: str) -> str:
        known = self._placeholders.get(value)
        if known is not None:
            return known
        token = self._keyed_token(value, category) if self._key is not None else self._numbered_token(category)
        self._placeholders[value] = token
        if _MIN_LITERAL <= len(value) <= _MAX_LITERAL:
            self._known.add(value)
        return token

    def _numbered_token(self, category: str) -> str:
        self._counters[category] += 1
        return f"<{category}-{self._counters[category]}>"

    def _keyed_token(self, value: str, category: str) -> str:
        assert self._key is not None
        import hashlib  # (here, not at import: only a salted pseudonym needs it; about 3 ms of a paste's start-up)
        import hmac

        digest = hmac.new(self._key, value.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
        for digits in range(_KEYED_DIGITS, len(digest), 4):  # longer only if two values collide
            token = f"<{category}-{digest[:digits]}>"
            if self._owners.setdefault(token, value) == value:
                return token
        return f"<{category}-{digest}>"

    # -- entry points -------------------------------------------------------------------

    def redact_text(self, text: str) -> str:
        """Free text (a log message, a file name, a summary) with every known pattern replaced."""
        if not text:
            return text
        return self._replace_known(self.learn_text(text))

    def learn_text(self, text: str) -> str:
        """``text`` with its patterns replaced (learning their values), but not yet the values
        learned elsewhere: the first half of :meth:`redact_text`."""
        if not text:
            return text
        patterned = self._patterned.get(text)
        if patterned is None:
            patterned = text
            for guard, step in _TEXT_STEPS:
                if guard(patterned):
                    patterned = step(self, patterned)
            if (self._cache_size is not None and len(self._patterned) >= self._cache_size) \
                    or (self._cache_chars is not None and self._cached_chars >= self._cache_chars):
                self._patterned.clear()
                self._cached_chars = 0
            self._patterned[text] = patterned
            self._cached_chars += len(text) + (len(patterned) if patterned is not text else 0)
        return patterned

    def _learned_objects(self) -> set[Any]:
        """The immutable objects already learned, bounded like the texts. Learning gives the
        same whenever it happens, so it need not be repeated; replacing depends on what has
        been learned since, so it is done afresh every time."""
        if self._cache_size is not None and len(self._learned) >= self._cache_size:
            self._learned.clear()
        return self._learned

    def redact_session_key(self, key: str | None) -> str | None:
        """A session key with its peer replaced; keys of unknown shape fall back to free text."""
        if key is None:
            return None
        learned = self.learn_session_key(key)
        return self._replace_known(learned)

    def learn_session_key(self, key: str) -> str:
        patterned = self.learn_text(key)
        if patterned != key:
            return patterned
        return self._redact_unknown_session_key(key)

    def redact_session_id(self, session_id: str | None) -> str | None:
        """UUIDs and ``main``/``unknown`` are kept; other names become ``<session-N>``."""
        if session_id is None:
            return None
        if is_uuid(session_id) or session_id.strip().lower() in _KEPT_SESSION_IDS or _is_neutral(session_id):
            return session_id
        return self.placeholder(session_id, "session")

    def redact_field(self, key: str, value: Any) -> Any:
        """A parsed field value (``stuckscan events``), redacted knowing its key: ``chatId``
        values are peers even where the text alone would not say so. Numbers are kept
        unless their digits are a value to hide (a chat id, a snowflake)."""
        if value is None or isinstance(value, (bool, float)):
            return value
        if isinstance(value, int):
            return self._redact_number(key, value)
        if isinstance(value, list):
            return [self.redact_field(key, item) for item in value]
        if not isinstance(value, str):
            return value
        if value.startswith("agent:"):
            # a word cut out of prose keeps its closing quote or comma; they are not part of the key
            key_text = value.rstrip("\"'),;.")
            return self.redact_session_key(key_text) + value[len(key_text):]
        kind = _key_kind(key)
        if kind is not None:
            replacement = self._replacement_for_key(kind, value)
            if replacement is not None:
                return replacement
        return self.redact_text(value)

    def _redact_number(self, key: str, value: int) -> int | str:
        """Digits alone match no pattern but a snowflake's, so a number needs no text pass:
        its key's kind, the values known, or its length say whether it hides someone."""
        text = str(value)
        kind = _key_kind(key)
        if kind is not None:
            replacement = self._replacement_for_key(kind, text)
            if replacement is not None:
                return replacement
        known = self._placeholders.get(text) if len(text) >= _MIN_LITERAL else None
        if known is not None:
            return known
        if len(text) >= 17:
            redacted = self.redact_text(text)
            return value if redacted == text else redacted
        return value

    def learn(self, analysis: Analysis) -> None:
        """Learn every value of ``analysis`` in the canonical order :func:`redact_analysis`
        uses, so a part of it (the incidents ``--session`` keeps) later gets the
        placeholders the whole would."""
        _learn_whole(analysis, session_keys(analysis), self)

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

    def _url_credentials(self, match: regex.Match[str]) -> str:
        """``scheme://user:pass@host`` and ``redis://:pass@host``: the user info up to the last
        ``@`` of the authority (a password may contain ``@``) becomes one secret."""
        authority = match.group(0)
        at = authority.rfind("@")
        if at <= 0 or ":" not in authority[:at] or _is_neutral(authority[:at]):
            return authority
        return self._secret(authority[:at]) + authority[at:]

    def _auth_scheme(self, match: regex.Match[str]) -> str:
        value = match.group("value")
        if len(value) < 20 and not any(char.isdigit() or char in "=._~+/-" for char in value):
            return match.group(0)  # prose ("basic configuration"), not a credential
        return f"{match.group('scheme')}{match.group('sep')}{self._secret(value)}"

    def _aws_secrets(self, text: str) -> str:
        """A 40-character AWS secret access key in a text that also names an access key id.
        Hex-only runs (git commit ids) and runs without mixed case and a digit are not."""
        if _AWS_KEY_ID.search(text) is None:
            return text

        def replace(match: regex.Match[str]) -> str:
            value = match.group(0)
            mixed = any(c.islower() for c in value) and any(c.isupper() for c in value) and any(c.isdigit() for c in value)
            if not mixed or all(c in "0123456789abcdefABCDEF" for c in value):
                return value
            return self._secret(value)

        return _AWS_SECRET.sub(replace, text)

    def _secret_flags(self, text: str) -> str:
        """``--password VALUE``, ``--api-key=VALUE``: the value to its end (see :func:`secret_value_span`)."""
        return self._replace_spans(text, (
            (span, self._secret(text[span[0]:span[1]]))
            for flag in _SECRET_FLAG.finditer(text)
            if (span := secret_value_span(text, flag.end())) is not None and not _is_neutral(text[span[0]:span[1]])
        ))

    def _key_values(self, text: str) -> str:
        """Values of secret, host, user, peer and session-id keys."""
        return self._replace_spans(text, self._key_value_replacements(text))

    def _key_value_replacements(self, text: str) -> Iterable[tuple[tuple[int, int], str]]:
        for key_match in _KEY.finditer(text):
            kind = _key_kind(key_match.group("key"))
            if kind is None:
                continue
            if kind == "host" and _NODE_BUILTIN.match(text, key_match.start()):
                continue  # "(node:net:1940:16)", "node:internal/process/...": a stack frame, not a host
            if kind == "secret":
                span = secret_value_span(text, key_match.end())
            else:
                value_match = _VALUE.match(text, key_match.end())
                group = None if value_match is None else "quoted" if value_match.group("quoted") is not None else "bare"
                span = None if value_match is None or group is None else value_match.span(group)
                if span is not None and group == "bare":
                    span = _through_elisions(text, span)
            if span is None:
                continue
            replacement = self._replacement_for_key(kind, text[span[0]:span[1]])
            if replacement is not None:
                yield span, replacement

    @staticmethod
    def _replace_spans(text: str, replacements: Iterable[tuple[tuple[int, int], str]]) -> str:
        """``text`` with each span replaced, in order; a span overlapping an earlier one is skipped."""
        pieces: list[str] = []
        position = 0
        for (start, end), replacement in replacements:
            if start < position:
                continue
            pieces.append(text[position:start])
            pieces.append(replacement)
            position = end
        if not pieces:
            return text
        pieces.append(text[position:])
        return "".join(pieces)

    def _replacement_for_key(self, kind: str, value: str) -> str | None:
        """The replacement of the value of a key of ``kind`` (see :func:`_key_kind`), if any."""
        if not value or _is_neutral(value):
            return None
        if kind == "secret":
            return None if _is_number(value) else self._secret(value)
        if kind == "session":
            redacted = self.redact_session_id(value)
            return None if redacted == value else redacted
        if kind == "host":
            return self._host_value(value)
        return self.placeholder(value, kind)  # user, peer, id

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
        if name.lower() in _SHARED_PROFILES or name.lower() in _SERVICE_ACCOUNTS or _is_neutral(name):
            return match.group(0)
        return match.group("prefix") + self.placeholder(name, "user")

    def _unc_host(self, match: regex.Match[str]) -> str:
        host = match.group("host")
        if _is_loopback_host(host):
            return match.group(0)
        category = "ip" if _is_address(host) else "host"
        return match.group("prefix") + self.placeholder(host, category)

    def _address(self, match: regex.Match[str], version: int) -> str:
        text = match.group("ip")
        if version == 6 and not any(char in "0123456789" for char in text):
            return match.group(0)  # `::add`, `face::add`, `dead::beef`: words, not addresses
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            return match.group(0)
        if address.version != version or address.is_loopback or address.is_unspecified:
            return match.group(0)
        return match.group(0).replace(text, self.placeholder(text, "ip"), 1)

    def _national_phone(self, match: regex.Match[str]) -> str:
        number = match.group(0)
        if _digit_count(number) not in _NATIONAL_PHONE_DIGITS:
            return number
        return self.placeholder(number, "phone")

    def _handle(self, match: regex.Match[str]) -> str:
        return self.placeholder(match.group(0), "handle")

    # -- values learned earlier -------------------------------------------------------

    def _replace_known(self, text: str) -> str:
        return self._known.replace(text, self._placeholders) if text else text

    # -- incident stores ----------------------------------------------------------------

    def _learn_store(self, store: IncidentStore) -> None:
        """Learn every incident of ``store`` and keep its *pass-1 copy*: each text as
        :meth:`learn_text` leaves it (patterns replaced), each session key as
        :meth:`learn_session_key` does, session ids as they are, in a store of its own.

        Redacting a text is ``_replace_known(learn_text(text))``, and once everything is
        learned the second half is all that is left to do: the copy is redacted from there
        (:meth:`_redacted_store`) without running the patterns over every text again, and
        without a memo holding every text of the report until then (a store holds more
        incidents than memory should: :mod:`stuckscan._store`). The copy is walked in the
        order :class:`_Learning` visits, so values are learned, and numbered, the same."""
        if id(store) in self._learned_stores:
            return  # learned whole already (before the filters): reading it again changes nothing
        copy = IncidentStore()
        for item in store:  # each read afresh: a fresh walk each (ids of passing objects are reused)
            copy.append(_Walk(self.learn_text, self.learn_session_key, self._learn_session_id).value(item))
        self._learned_stores[id(store)] = (store, copy)

    def _learn_session_id(self, session_id: str) -> str:
        self.redact_session_id(session_id)
        return session_id

    def _redacted_store(self, store: IncidentStore, final_session_id: Callable[[str], str]) -> IncidentStore:
        """``store`` redacted, one incident at a time as it is read: from its pass-1 copy when
        it was learned whole, else each incident walked afresh (a fresh memo each)."""
        learned = self._learned_stores.get(id(store))
        if learned is None:
            def walk(item: Any) -> Any:
                return _Walk(self.redact_text, self.redact_session_key, final_session_id).value(item)  # type: ignore[arg-type]
            return store.transformed(walk)
        known = self._replace_known
        return learned[1].transformed(lambda item: _Walk(known, known, final_session_id).value(item))


def _sub(pattern: LazyPattern, method: Callable[[Redactor, regex.Match[str]], str]) -> Callable[[Redactor, str], str]:
    def step(redactor: Redactor, text: str) -> str:
        return pattern.sub(lambda match: method(redactor, match), text)

    return step


def _sub_category(pattern: LazyPattern, category: str) -> Callable[[Redactor, str], str]:
    def step(redactor: Redactor, text: str) -> str:
        return pattern.sub(lambda match: redactor.placeholder(match.group(0), category), text)

    return step


# -- guards: a literal every match of a step's pattern contains ---------------------------
# A guard may say yes when the pattern then finds nothing, never no when it would match.
# Case-insensitive patterns and \d are only screened on ASCII text, where (?i) and \d mean
# plain ASCII letters and digits; any other text always runs the pattern.

Guard = Callable[[str], bool]

_TOKEN_PREFIXES = (  # every literal prefix in _PREFIXED_TOKEN (`xox[a-z]-` as `xox`)
    "sk-", "github_pat_", "xox", "xapp-", "AIza", "ya29.", "1//0", "pplx-", "glpat-", "sk_live_", "sk_test_",
    "rk_live_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "gsk_", "npm_", "hf_", "r8_", "AKID", "AKIA", "LTAI", "xai-",
    "SG.", "ASIA", "AC", "SK",
)
_PRIVATE_HOST_NEEDLES = (".local", ".lan", ".home", ".internal", ".intranet", ".corp", ".private")


def _contains(*needles: str) -> Guard:
    if len(needles) <= 2:
        return lambda text: any(needle in text for needle in needles)
    any_needle = re.compile("|".join(re.escape(needle) for needle in needles))
    return lambda text: any_needle.search(text) is not None


def _contains_folded(*needles: str) -> Guard:
    """For ``(?i)`` patterns whose needles are lower-case ASCII."""
    def guard(text: str) -> bool:
        if not text.isascii():
            return True
        lowered = text.lower()
        return any(needle in lowered for needle in needles)

    return guard


def _may_have_digit_run(length: int) -> Guard:
    digits = re.compile(f"[0-9]{{{length}}}")
    return lambda text: not text.isascii() or digits.search(text) is not None


def _ascii_shape(pattern: str) -> Guard:
    """For patterns whose ``\\d`` may be any digit: on ASCII text, a cheaper stdlib pattern
    every match contains; any other text always runs the step."""
    shape = re.compile(pattern)
    return lambda text: not text.isascii() or shape.search(text) is not None


# Shapes every match holds, each starting with a literal (stdlib `re` then scans for that
# literal first: well under a microsecond on a log line). An IPv6 address that is not
# loopback or unspecified holds `::`, or `:group:group:group:group:group:` (eight groups,
# or six and a dotted IPv4 tail); an IPv4 address holds `.d.d.`.
_IPV6_SHAPE = re.compile(r"::|:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:")
_APP_PASSWORD_SHAPE = re.compile(r"-[a-z]{4}-[a-z]{4}-")
_TELEGRAM_TOKEN_SHAPE = re.compile(r":[A-Za-z0-9_\-]{30}")


# Order matters: secrets first (their values may contain anything; an AWS key id is
# still in the text when its secret is looked for), then session keys (their peers may
# look like phones or e-mails), then the remaining personal data.
_TEXT_STEPS: tuple[tuple[Guard, Callable[[Redactor, str], str]], ...] = (
    (_contains("-----BEGIN "), Redactor._pem_blocks),
    (lambda text: "://" in text and "@" in text, _sub(_URL_AUTHORITY, Redactor._url_credentials)),
    (_contains_folded("bearer", "basic"), _sub(_AUTH_SCHEME, Redactor._auth_scheme)),
    (_contains("AKIA", "ASIA"), Redactor._aws_secrets),
    (_contains(*_TOKEN_PREFIXES), _sub_category(_PREFIXED_TOKEN, "secret")),
    (lambda text: text.count(".") >= 2, _sub_category(_DISCORD_TOKEN, "secret")),
    (_contains("eyJ"), _sub_category(_JWT, "secret")),
    (lambda text: _TELEGRAM_TOKEN_SHAPE.search(text) is not None, _sub_category(_TELEGRAM_BOT_TOKEN, "secret")),
    (_contains("--"), Redactor._secret_flags),
    (lambda text: _APP_PASSWORD_SHAPE.search(text) is not None, _sub_category(_APP_PASSWORD, "secret")),
    (_contains("agent:"), _sub(_SESSION_KEY, Redactor._session_key_match)),
    (_contains("@"), _sub_category(_EMAIL, "email")),
    (_contains("=", ":"), Redactor._key_values),
    (_contains("/Users/", "/users/", "/home/"), _sub(_POSIX_HOME, Redactor._home)),
    (_contains("~"), _sub(_TILDE_HOME, Redactor._home)),
    (_contains_folded("users", "documents and settings"), _sub(_WINDOWS_HOME, Redactor._home)),
    (_contains("\\\\"), _sub(_UNC_HOST, Redactor._unc_host)),
    (_contains(*_PRIVATE_HOST_NEEDLES), _sub_category(_PRIVATE_HOST, "host")),
    (lambda text: _IPV6_SHAPE.search(text) is not None, _sub(_IPV6, lambda redactor, match: redactor._address(match, 6))),
    (_ascii_shape(r"\.[0-9]{1,3}\.[0-9]{1,3}\."), _sub(_IPV4, lambda redactor, match: redactor._address(match, 4))),
    (_may_have_digit_run(17), _sub_category(_SNOWFLAKE, "id")),
    (_ascii_shape(r"\+[0-9]|\([0-9]{3}\)|[0-9]{3}[ .\-][0-9]{3}[ .\-][0-9]{4}"), _sub_category(_PHONE, "phone")),
    (_ascii_shape(r"0[0-9]{1,5}[ .\-][0-9]{2}|\(0"), _sub(_NATIONAL_PHONE, Redactor._national_phone)),
    (_contains("@"), _sub(_HANDLE, Redactor._handle)),
)


# -- the Analysis walk ------------------------------------------------------------------

_UNCHANGED_TYPES = (Enum, datetime, bool, int, float, RuleRef)


class _Walk:
    """A copy of an analysis (or any part of it) with every string passed through ``text``,
    the incidents' session keys and ids through their own functions. A string or an object
    met again (the same evidence in a timeline and in a finding) is done once; the copy
    shares objects where the original did."""

    __slots__ = ("text", "session_key", "session_id", "stores", "_texts", "_frozen", "_by_id")

    def __init__(self, text: Callable[[str], str], session_key: Callable[[str], str],
                 session_id: Callable[[str], str], stores: Callable[[IncidentStore], IncidentStore] | None = None) -> None:
        self.text, self.session_key, self.session_id = text, session_key, session_id
        self.stores = stores  # how an incident store is copied (default: each incident walked afresh)
        self._texts: dict[str, str] = {}
        self._frozen: dict[Any, Any] = {}
        self._by_id: dict[int, Any] = {}  # id of a mutable object of the (living) original -> its copy

    def value(self, value: T) -> T:
        result: Any
        kind = type(value)
        if kind is str:
            result = self._texts.get(value)  # type: ignore[call-overload]
            if result is None:
                result = self._texts[value] = self.text(value)  # type: ignore[index, arg-type]
        elif kind is list:
            result = [self.value(item) for item in value]  # type: ignore[attr-defined]
        elif value is None or isinstance(value, _UNCHANGED_TYPES):
            return value
        elif _is_dataclass_type(kind):
            # An immutable object (evidence) is the same wherever an equal one appears.
            memo, key = (self._frozen, value) if _is_frozen(kind) else (self._by_id, id(value))
            result = memo.get(key)
            if result is None:
                result = memo[key] = self._dataclass(value)
        elif isinstance(value, str):
            result = self.text(value)
        elif isinstance(value, IncidentStore):
            if self.stores is not None:
                return self.stores(value)  # type: ignore[return-value]
            # Read one incident at a time: a fresh walk each, whose memo goes with it.
            return value.transformed(lambda item: _Walk(self.text, self.session_key, self.session_id).value(item))  # type: ignore[return-value]
        elif isinstance(value, list):
            result = [self.value(item) for item in value]
        elif isinstance(value, tuple):
            result = tuple(self.value(item) for item in value)
        elif isinstance(value, dict):
            result = {self.value(key): self.value(item) for key, item in value.items()}
        else:
            return value
        return result  # type: ignore[no-any-return]

    def _dataclass(self, value: Any) -> Any:
        changes: dict[str, Any] = {}
        is_incident = type(value) is Incident
        for name in _field_names(type(value)):
            current = getattr(value, name)
            if is_incident and name == "session_key" and current is not None:
                changes[name] = self.session_key(current)
            elif is_incident and name == "session_id" and current is not None:
                changes[name] = self.session_id(current)
            else:
                changes[name] = self.value(current)
        return type(value)(**changes)


class _Learning:
    """The first pass: every string of an analysis learned, in field order, nothing copied.
    ``learned`` holds the immutable objects already learned (kept by the redactor: a
    stream's snapshots repeat the same evidence). An incident store is learned by
    :meth:`Redactor._learn_store`."""

    __slots__ = ("redactor", "_learned", "_seen")

    def __init__(self, redactor: Redactor) -> None:
        self.redactor = redactor
        self._learned = redactor._learned_objects()
        self._seen: set[int] = set()  # ids of the mutable objects of the (living) original visited

    def visit(self, value: object) -> None:
        kind = type(value)
        if kind is str:
            self.redactor.learn_text(value)  # type: ignore[arg-type]
        elif kind is list:
            for item in value:  # type: ignore[attr-defined]
                self.visit(item)
        elif value is None or isinstance(value, _UNCHANGED_TYPES):
            return
        elif _is_dataclass_type(kind):
            if _is_frozen(kind):
                if value in self._learned:
                    return
                self._learned.add(value)
            elif id(value) in self._seen:
                return
            else:
                self._seen.add(id(value))
            self._dataclass(value)
        elif isinstance(value, str):
            self.redactor.learn_text(value)
        elif isinstance(value, IncidentStore):
            self.redactor._learn_store(value)
        elif isinstance(value, (list, tuple)):
            for item in value:
                self.visit(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                self.visit(key)
                self.visit(item)

    def _dataclass(self, value: Any) -> None:
        is_incident = type(value) is Incident
        for name in _field_names(type(value)):
            current = getattr(value, name)
            if is_incident and name == "session_key" and current is not None:
                self.redactor.learn_session_key(current)
            elif is_incident and name == "session_id" and current is not None:
                self.redactor.redact_session_id(current)
            else:
                self.visit(current)


@lru_cache(maxsize=256)
def _is_dataclass_type(cls: type) -> bool:
    return dataclasses.is_dataclass(cls)


@lru_cache(maxsize=64)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


@lru_cache(maxsize=64)
def _is_frozen(cls: type) -> bool:
    return bool(cls.__dataclass_params__.frozen)  # type: ignore[attr-defined]


def _through_elisions(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` of a bare value, extended over masks such as ``<chatId>`` that continue it."""
    start, end = span
    while end < len(text) and text[end] == "<" and (elided := _ELIDED_PART.match(text, end)) is not None:
        end = elided.end()
    return start, end


def _learn_whole(value: object, session_keys: Iterable[str | None], redactor: Redactor) -> None:
    """The first pass: session keys first, so their peers get the first placeholders, then
    every string of ``value`` in field order."""
    for key in session_keys:
        if key:
            redactor.learn_session_key(key)
    _Learning(redactor).visit(value)


def _redact_whole(value: T, session_keys: Iterable[str | None], redactor: Redactor) -> T:
    """Learn every value first, then copy with each text redacted, so a value found late (in
    a path, say) is also masked where it appeared earlier without its telltale context."""
    _learn_whole(value, session_keys, redactor)
    # A session id is final after learning: a UUID or `main` kept, or its placeholder.
    def final_session_id(session_id: str) -> str:
        return redactor.redact_session_id(session_id) or session_id

    copy = _Walk(redactor.redact_text, redactor.redact_session_key, final_session_id,  # type: ignore[arg-type]
                 lambda store: redactor._redacted_store(store, final_session_id))
    return copy.value(value)


def redact_analysis(analysis: Analysis, redactor: Redactor | None = None) -> Analysis:
    """A redacted deep copy of ``analysis`` (the original is not modified).

    With a fresh redactor (the default) the result depends on ``analysis`` alone: the same
    analysis always gets the same placeholders. A ``redactor`` that has already learned a
    larger analysis (:meth:`Redactor.learn`) keeps the placeholders it gave there.
    """
    return _redact_whole(analysis, session_keys(analysis), redactor or Redactor())


def session_keys(analysis: Analysis) -> Iterable[str | None]:
    """The incidents' session keys, in order (a store of many incidents has them at hand)."""
    incidents = analysis.incidents
    return incidents.session_keys() if isinstance(incidents, IncidentStore) else (i.session_key for i in incidents)


def redact_incident(incident: Incident, redactor: Redactor | None = None) -> Incident:
    """A redacted deep copy of one incident (live watch mode keeps one ``redactor`` so
    placeholders stay the same from one change to the next)."""
    return _redact_whole(incident, (incident.session_key,), redactor or Redactor())


def redact_event(event: Event, redactor: Redactor) -> Event:
    """A redacted copy of one parsed line (``stuckscan events``). Its message is redacted
    first, so a value its fields repeat gets the category the message's wording gives it."""
    message = redactor.redact_text(event.message)
    names = {key: redactor.redact_text(key) for key in dict.fromkeys((*event.fields, *event.raw))}
    raw = {key: redactor.redact_field(key, value) for key, value in event.raw.items()}
    fields: dict[str, Any] = {}
    for key, value in event.fields.items():
        printed = event.raw.get(key)
        if printed is not None and (value == printed or (type(value) is int and str(value) == printed)):
            fields[key] = value if raw[key] == printed else raw[key]  # the text just redacted for `raw`
        else:
            fields[key] = redactor.redact_field(key, value)
    return dataclasses.replace(
        event,
        source=redactor.redact_text(event.source),
        subsystem=redactor.redact_text(event.subsystem) if event.subsystem else event.subsystem,
        message=message,
        fields={names[key]: value for key, value in fields.items()},
        raw={names[key]: value for key, value in raw.items()},
        meta=_Walk(redactor.redact_text, redactor.redact_text, redactor.redact_text).value(event.meta) if event.meta else event.meta,
    )
