"""The generic ``key=value`` tokenizer used by every message family.

Handles bare tokens, quoted values with backslash escapes, bracketed lists
(``work=[active=... queued=...]``), values containing ``=`` or ``:``, ``unknown``/``n/a``,
and unit suffixes. Free-text keys (``reason=connect failed``) swallow following bare words.

Every pattern here is linear: no nested quantifiers, so crafted input cannot make it
backtrack catastrophically.
"""

from __future__ import annotations

import re
from dataclasses import field

from stuckscan._dataclass import dataclass
from stuckscan.events import FieldValue

_TOKEN = re.compile(
    r"""
    (?P<key>[A-Za-z_][\w.\-]*)=
    (?:
        "(?P<quoted>(?:[^"\\]|\\.)*)(?:"|$)
      | \[(?P<bracketed>[^\]]*)\](?=\s|$)
      | (?P<angled><[^<>=\s]+(?:\s+[^<>=\s]+){1,3}>[;,]*)(?=\s|$)
      | (?P<value>\S*)
    )
    | (?P<bare>\S+)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_INT = re.compile(r"-?\d+")
_FLOAT = re.compile(r"-?\d+\.\d+")
_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h)")

_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86_400.0, "y": 31_536_000.0}
# One part of a compound duration as OpenClaw's duration formatters write it (src/infra/format-time/format-duration.ts:
# ``formatDurationCompact`` writes the two largest nonzero of y, d, h, m, s, ms, joined (``2m5s``, ``1h30m``, ``1d2h``,
# ``1h5s``) or spaced (``2m 5s``); ``formatDurationHuman`` one unit (``3m``, ``5d``)); a reporter's ``5m 0s`` too.
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|[ydhms])", re.ASCII)
_UNIT_ORDER = {"y": 0, "d": 1, "h": 2, "m": 3, "s": 4, "ms": 5}
_COMPOUND_MAX = 40  # six parts with spaces: the check stays cheap on any input
_MISSING = frozenset({"unknown", "n/a"})
# A value a reporter cut (``age=…s``, ``queueDepth=...``, ``durationMs=<n>``, ``age=Ns``):
# an unknown value (None, its raw text kept), not a malformed one. Only whole values of
# digits around one mark, with an optional unit, or the mark alone.
_ELIDED_VALUE = re.compile(r"[\d.]*(?:…+|\.{3,}|\?{1,3}|[xX]{2,}|\*{2,}|#{2,}|<[^<>\s][^<>]{0,23}>)[\d.]*(?:ms|s|m|h)?|N(?:ms|s|m|h)")
# A reporter's placeholder of a few words in angle brackets (``activeToolAgeMs=<very large>``) is one value.
_ANGLED_WORDS = 4
_ANGLE_STOP = frozenset("<>=")
_ELIDED_FIRST = frozenset("….?xX*#<N0123456789")
_ELIDED_MAX = 32  # an elided number is short; the check stays cheap on any input
# Words that stand for cut text (``stuck session recovery: … action=…``): dropped, never a
# bare word or part of a free-text value.
ELISION_WORDS = frozenset({"…", "...", "....", "[...]", "[…]", "(...)", "(…)", "<...>", "<…>"})

# Keys whose unquoted value is free text that may run over several words.
FREE_TEXT_KEYS = frozenset(
    {"reason", "error", "err", "rawError", "message", "detail", "stopped", "cause", "ua", "promptError", "cleanupError"}
)


@dataclass(slots=True)
class KeyValues:
    fields: dict[str, FieldValue] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    bare: list[str] = field(default_factory=list)


# Identifiers stay text even when they look numeric (``sessionId=0829...``, chat ids).
_ID_KEYS = frozenset({"conn", "id", "lane", "peer", "remote", "host", "model", "provider", "version", "user"})


def is_identifier_key(key: str) -> bool:
    return key in _ID_KEYS or key.endswith(("Id", "ID", "Key", "_id"))


def is_millisecond_key(key: str) -> bool:
    return key.endswith("Ms") and len(key) > 2


# Numbers longer than this stay text: no log field needs more, and int() refuses
# strings over 4 300 digits. Durations over ten years stay text too (no timedelta can
# hold every such value, and no stall lasts that long).
MAX_NUMBER_DIGITS = 18
MAX_DURATION_SECONDS = 315_576_000.0


def _digits(text: str) -> bool:
    return 0 < len(text) <= MAX_NUMBER_DIGITS and text.isascii() and text.isdecimal()


def _is_number(text: str) -> bool:
    """``\\d+(?:\\.\\d+)?`` over ASCII digits, at most :data:`MAX_NUMBER_DIGITS` long."""
    if _digits(text):
        return True
    whole, dot, fraction = text.partition(".")
    return bool(dot) and _digits(whole) and _digits(fraction)


def convert_value(key: str, raw: str) -> tuple[FieldValue, float | None]:
    """Type one unquoted value; return (value, seconds if it is a duration).

    Same result as the patterns ``-?\\d+`` (int), ``-?\\d+\\.\\d+`` (float) and
    ``(\\d+(?:\\.\\d+)?)(ms|s|m|h)`` (duration), written with string methods for speed.
    """
    traits = _key_traits(key)
    return _convert(raw, traits[1], traits[2])


def _convert(raw: str, identifier: bool, millis: bool) -> tuple[FieldValue, float | None]:
    if raw in _MISSING:
        return None, None
    if raw == "true":
        return True, None
    if raw == "false":
        return False, None
    if identifier:
        return raw, None
    digits = raw[1:] if raw[:1] == "-" else raw
    if _digits(digits):
        number: int | float = int(raw)
    elif "." in digits and _is_number(digits):
        number = float(raw)
    else:
        if raw.endswith("ms"):
            text, unit = raw[:-2], "ms"
        elif raw[-1:] in ("s", "m", "h", "d", "y"):
            text, unit = raw[:-1], raw[-1]
        else:
            return _unknown_if_elided(raw)
        if not _is_number(text):
            compound = compound_seconds(raw)
            if compound is not None:
                return raw, bounded_seconds(compound)
            return _unknown_if_elided(raw)
        value: int | float = float(text) if "." in text else int(text)
        return value, bounded_seconds(value * _UNIT_SECONDS[unit])
    if millis:
        return number, bounded_seconds(number / 1000.0)
    return number, None


# A reporter's range of values over several lines (``age=586s...796s``): the latest, largest one.
_RANGE = re.compile(r"\d+(?:\.\d+)?(?:ms|s|m|h)?(?:\.{2,3}|…|–|~)(?P<upper>\d+(?:\.\d+)?)(?P<unit>ms|s|m|h)")


def _unknown_if_elided(raw: str) -> tuple[FieldValue, float | None]:
    if len(raw) <= _ELIDED_MAX and raw[:1].isdigit():
        spanned = _RANGE.fullmatch(raw)
        if spanned is not None:
            text, unit = spanned.group("upper"), spanned.group("unit")
            value: int | float = float(text) if "." in text else int(text)
            return value, bounded_seconds(value * _UNIT_SECONDS[unit])
    if len(raw) <= _ELIDED_MAX and raw[:1] in _ELIDED_FIRST and _ELIDED_VALUE.fullmatch(raw) is not None:
        return None, None
    return raw, None


def compound_seconds(raw: str) -> float | None:
    """The seconds of a duration of two or more parts, largest unit first (``5m0s``, ``5m 0s``, ``1h 2m``, ``1d2h``,
    ``2m 5.5s``), one space at most between parts; None for anything else."""
    if len(raw) > _COMPOUND_MAX or not "0" <= raw[:1] <= "9":
        return None
    at, last, total, parts = 0, -1, 0.0, 0
    for part in _DURATION_PART.finditer(raw):
        if part.start() != at:
            return None
        order = _UNIT_ORDER[part.group(2)]
        if order <= last or ("." in part.group(1) and part.end() != len(raw)):
            return None  # units in order, each once; only the last part has a fraction
        last, parts = order, parts + 1
        total += float(part.group(1)) * _UNIT_SECONDS[part.group(2)]
        at = part.end() + (raw[part.end():part.end() + 1] == " ")
    return total if parts >= 2 and at == len(raw) and raw[-1:] != " " else None


def _spaced_parts(raw: str, following: list[str]) -> tuple[int, str]:
    """A duration value the formatter spaced (``age=5m 0s``, ``1h 30m``): how many of the ``following`` words are its
    further parts, and the value with them. (The first word is the value itself, already read as a duration in a
    larger unit than seconds, with no trailing ``;,``.)"""
    taken = 0
    for word in following:
        part = word.rstrip(";,")
        if not "0" <= part[:1] <= "9" or compound_seconds(f"{raw} {part}") is None:
            break
        raw, taken = f"{raw} {part}", taken + 1
        if part != word or raw[-1] == "s":
            break  # a comma ends the value; seconds (and ms) are the smallest parts it writes
    return taken, raw


def _spaces_on(raw: str, stated: str, secs: float | None, free: bool) -> bool:
    """Whether a value may go on over the next words: a plain duration in minutes, hours or days."""
    return secs is not None and not free and raw == stated and raw[-1:] in ("m", "h", "d", "y") and len(raw) < 20


def bounded_seconds(seconds: float) -> float | None:
    """A duration usable in time arithmetic, or None (kept as typed text only)."""
    return seconds if 0 <= seconds <= MAX_DURATION_SECONDS or -MAX_DURATION_SECONDS <= seconds < 0 else None


_KEY = re.compile(r"[A-Za-z_][\w.\-]*")
# key -> (valid key, identifier key, millisecond key, free-text key)
_KEY_TRAITS: dict[str, tuple[bool, bool, bool, bool]] = {}


def _key_traits(key: str) -> tuple[bool, bool, bool, bool]:
    traits = _KEY_TRAITS.get(key)
    if traits is None:
        traits = (_KEY.fullmatch(key) is not None, is_identifier_key(key), is_millisecond_key(key),
                  key in FREE_TEXT_KEYS)
        if len(_KEY_TRAITS) < 10_000:
            _KEY_TRAITS[key] = traits
    return traits


def key_is_valid(key: str) -> bool:
    """Whether the tokenizer reads ``key=…`` as a field (else the word is a bare word)."""
    traits = _KEY_TRAITS.get(key)
    return (traits or _key_traits(key))[0]


def unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text


def tokenize(text: str) -> KeyValues:
    """Split ``text`` into typed key=value fields. Never raises on any string.

    Text without ``[`` and without backslashes inside quotes (most log lines) is split with
    string methods; the result is the same as the general pattern (:data:`_TOKEN`), which
    handles the rest.
    """
    return _with_last_value_whole(text, _tokenize_any(text))


def _tokenize_any(text: str) -> KeyValues:
    """:func:`tokenize` before its last value is checked for quotes of its own."""
    if "[" in text or ('"' in text and ("\\" in text or text.count('"') > 8)):
        return _tokenize_pattern_any(text)  # linear for any number of quotes
    result = KeyValues()
    fields, raws, seconds, bare = result.fields, result.raw, result.seconds, result.bare
    free_key: str | None = None
    free_words: list[str] = []  # the words a free-text value has taken so far (joined once: linear)
    traits_of = _KEY_TRAITS.get
    while text:
        rest = ""
        words = text.split()
        taken = -1  # the last word an angled value took
        for index, word in enumerate(words):
            if index <= taken:
                continue
            equals = word.find("=")
            if equals > 0:
                key = word[:equals]
                traits = traits_of(key) or _key_traits(key)
                if traits[0]:
                    if free_words:
                        _set_free_text(result, free_key, free_words)  # type: ignore[arg-type]
                        free_words = []
                    free_key = None
                    if word[equals + 1:equals + 2] == '"':
                        value, rest = _quoted(text, words, index, equals)
                        fields[key] = value
                        raws[key] = value
                        break
                    raw = word[equals + 1:]
                    if raw[:1] == "<" and len(raw) > 1 and not _ANGLE_STOP.intersection(raw[1:]):
                        taken, raw = _angled(raw, words, index)
                    stated, raw = raw, raw.rstrip(";,")
                    typed, secs = _convert(raw, traits[1], traits[2])
                    if _spaces_on(raw, stated, secs, traits[3]):
                        more, joined = _spaced_parts(raw, words[index + 1:index + 6])
                        if more:
                            taken, raw = index + more, joined
                            typed, secs = _convert(raw, traits[1], traits[2])
                    fields[key] = typed
                    raws[key] = raw
                    if secs is not None:
                        seconds[key] = secs
                    if traits[3]:
                        free_key = key
                    continue
            if word in ELISION_WORDS:
                continue
            if free_key is not None:
                free_words.append(word)
            else:
                bare.append(word)
        text = rest
    if free_words:
        _set_free_text(result, free_key, free_words)  # type: ignore[arg-type]
    return result


# A line's last value, quoted, whose text holds quotes of its own that nobody escaped (``error="CommandLaneTaskTimeoutError:
# Command lane "main" task timed out after 330000ms"``: OpenClaw writes ``String(err)`` between quotes as it is).
_QUOTED_KEY = re.compile(r'(?<!\S)([A-Za-z_][\w.\-]*)="')
_KEY_IN_TEXT = re.compile(r"\s[A-Za-z_][\w.\-]*=")


def _with_last_value_whole(text: str, result: KeyValues) -> KeyValues:
    """``result``, with the line's last quoted value read up to the quote that ends the line when quotes inside it
    closed it early; the words it was cut into are then no bare words."""
    stripped = text.rstrip()
    if stripped[-1:] != '"' or stripped.count('"') < 3 or "\\" in stripped:
        return result
    last = None
    for last in _QUOTED_KEY.finditer(stripped):
        pass
    if last is None:
        return result
    key, value = last.group(1), stripped[last.end():-1]
    early = result.raw.get(key)
    if '"' not in value or early is None or early == value or not value.startswith(early) \
            or _KEY_IN_TEXT.search(value) is not None:
        return result
    whole = _tokenize_any(stripped[:last.start()])
    whole.fields[key] = value
    whole.raw[key] = value
    return whole


def _angled(first: str, words: list[str], index: int) -> tuple[int, str]:
    """``<very large>`` split over words: (the index of its last word, the value), when a word
    within a few closes it and none of them is a ``key=value``; else ``(index, first)``."""
    for last in range(index + 1, min(index + _ANGLED_WORDS, len(words))):
        word = words[last]
        body = word.rstrip(";,")
        if "=" in word or "<" in word or ">" in body[:-1] or not body:
            break
        if body[-1] == ">":
            if len(body) == 1:
                break
            return last, " ".join((first, *words[index + 1:last + 1]))
    return index, first


def _set_free_text(result: KeyValues, key: str, words: list[str]) -> None:
    """A free-text value: its own text, then the bare words after it."""
    joined = " ".join((result.raw.get(key, ""), *words)).strip()
    result.raw[key] = joined
    result.fields[key] = joined


def _quoted(text: str, words: list[str], index: int, equals: int) -> tuple[str, str]:
    """The value of the ``key="…`` word ``words[index]`` (no backslashes) and the text after it."""
    position = 0
    for word in words[:index]:
        position = text.find(word, position) + len(word)
    start = text.find(words[index], position) + equals + 2
    end = text.find('"', start)
    if end < 0:
        return text[start:], ""
    return text[start:end], text[end + 1:]


def _tokenize_pattern(text: str) -> KeyValues:
    """The general tokenizer (:data:`_TOKEN`): quoted and bracketed values."""
    return _with_last_value_whole(text, _tokenize_pattern_any(text))


def _tokenize_pattern_any(text: str) -> KeyValues:
    result = KeyValues()
    free_key: str | None = None
    free_words: list[str] = []
    skip = 0  # bare words a spaced duration took
    for match in _TOKEN.finditer(text):
        key = match.group("key")
        if skip:
            skip -= 1
            continue
        if key is None:
            word = match.group("bare")
            if word in ELISION_WORDS:
                continue
            if free_key is not None:
                free_words.append(word)
            else:
                result.bare.append(word)
            continue
        if free_words:
            _set_free_text(result, free_key, free_words)  # type: ignore[arg-type]
            free_words = []
        free_key = None
        quoted = match.group("quoted")
        if quoted is not None:
            value = unescape(quoted)
            result.fields[key] = value
            result.raw[key] = value
            continue
        bracketed = match.group("bracketed")
        if bracketed is not None:
            result.fields[key] = bracketed
            result.raw[key] = bracketed
            continue
        angled = match.group("angled")
        stated = angled if angled is not None else match.group("value")
        raw = stated.rstrip(";,")
        typed, seconds = convert_value(key, raw)
        if _spaces_on(raw, stated, seconds, key in FREE_TEXT_KEYS):
            skip, joined = _spaced_parts(raw, text[match.end():].split(None, 5)[:5])
            if skip:
                raw = joined
                typed, seconds = convert_value(key, raw)
        result.fields[key] = typed
        result.raw[key] = raw
        if seconds is not None:
            result.seconds[key] = seconds
        if key in FREE_TEXT_KEYS:
            free_key = key
    if free_words:
        _set_free_text(result, free_key, free_words)  # type: ignore[arg-type]
    return result
