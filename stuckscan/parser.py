"""The streaming parser: numbered lines in, typed :class:`Event` objects out.

Each line is decoded (UTF-8 with replacement), its shape detected (JSON record or one
of :data:`~stuckscan.shapes.TEXT_SHAPES`), its time resolved, and its message matched
to a family in :mod:`stuckscan.families`. Lines that match no family become ``generic``
events; lines that are broken JSON become ``unparsed`` events and are counted.
"""

from __future__ import annotations

import json
import re
from collections import Counter, deque
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import field, replace
from dataclasses import fields as dataclass_fields
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from stuckscan import _strictjson, families, meta_fields
from stuckscan._dataclass import dataclass
from stuckscan._kv import ELISION_WORDS, bounded_seconds, convert_value, key_is_valid, tokenize
from stuckscan._time import TimeContext, date_from_filename
from stuckscan.channels import (
    BARE_ERROR_HEAD,
    CHANNEL_EXITED_KIND,
    CHANNEL_UP_KIND,
    CRASH_HEAD,
    PLUGIN_LOAD_FAILED_KIND,
    RETYPED_KINDS,
    STACK_FRAME_LINE,
    as_channel_failure,
    as_dingtalk_sdk_line,
    bare_fetch_crash,
    channel_of_stack,
    shows_dingtalk,
)
from stuckscan.events import (
    ATTENTION_LABELS,
    CONFIG_REFUSAL_KIND,
    CORRELATOR_MARKS,
    GENERIC_KIND,
    IDENTITY_FIELDS,
    NOTE_KIND,
    STARTED_KINDS,
    TRANSCRIPT_BROWSER_KINDS,
    TRANSCRIPT_FAILED_KIND,
    TRANSCRIPT_PROMPT_ERROR_KIND,
    UNPARSED_KIND,
    Event,
    usable_name,
)
from stuckscan.inputs import DEFAULT_MAX_LINE_BYTES, RawLine, display_name, read_lines
from stuckscan.shapes import (
    PROMPT_ERROR_TYPE,
    TEXT_SHAPES,
    TRAJECTORY_ROW_MAX_CHARS,
    TRAJECTORY_ROW_MAX_LINES,
    TRANSCRIPT_HEADER,
    TRANSCRIPT_SHAPE,
    Note,
    Piece,
    Record,
    carried_log_lines,
    container_piece,
    degraded_event_loop,
    docker_json_line,
    is_trajectory_record,
    joined_line,
    json_pieces,
    kv_pair,
    lenient_json,
    log_reading_calls,
    normalize_level,
    own_line_note,
    printed_time,
    record_from_json,
    record_from_values,
    split_leading_meta,
    split_trailing_remark,
    state_record_label,
    strip_ansi,
    strip_bare_sgr,
    strip_binding,
    subsystem_from_tag,
    tool_failure_line,
    trajectory_row,
    trajectory_row_records,
    transcript_entry,
    with_meta_kind,
)

_MAX_META_SCALAR = 2000


@dataclass(slots=True)
class ParseOptions:
    date: date | None = None
    tz: tzinfo | None = None
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES


@dataclass(slots=True)
class ParseStats:
    files: list[str] = field(default_factory=list)
    lines: int = 0
    blank: int = 0
    events: int = 0
    unparsed: int = 0
    truncated: int = 0
    untimed: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    shapes: Counter[str] = field(default_factory=Counter)
    first_time: datetime | None = None
    last_time: datetime | None = None
    unparsed_examples: list[str] = field(default_factory=list)
    offsets: set[str] = field(default_factory=set)  # UTC offsets printed in the log
    skipped: int = 0  # fast path: records counted as events without being decoded (not in kinds)
    notes: int = 0  # reporter's remarks in a pasted excerpt (``note`` events: not log lines, not unparsed)
    skipped_files: list[tuple[str, str]] = field(default_factory=list)  # (file, reason): not read, or read in part
    guessed_dates: int = 0  # time-only lines dated by today's date (no --date, no date in the file name)
    foreign_json: int = 0  # JSON objects that are no log record (no message, no known meta): not OpenClaw lines

    def note_event(self, event: Event) -> None:
        self.events += 1
        self.kinds[event.kind] += 1
        self.shapes[event.shape] += 1
        if event.kind == NOTE_KIND:
            self.notes += 1
            return  # a remark has no time of its own: not an untimed log line
        if event.shape == "json" and event.kind == GENERIC_KIND and not event.message:
            self.foreign_json += 1
        if event.time is None:
            self.untimed += 1
            return
        if self.first_time is None or event.time < self.first_time:
            self.first_time = event.time
        if self.last_time is None or event.time > self.last_time:
            self.last_time = event.time

    def merge(self, other: ParseStats) -> None:
        self.files.extend(other.files)
        self.lines += other.lines
        self.blank += other.blank
        self.events += other.events
        self.unparsed += other.unparsed
        self.truncated += other.truncated
        self.untimed += other.untimed
        self.skipped += other.skipped
        self.notes += other.notes
        self.guessed_dates += other.guessed_dates
        self.foreign_json += other.foreign_json
        self.kinds.update(other.kinds)
        self.shapes.update(other.shapes)
        for moment in (other.first_time, other.last_time):
            if moment is None:
                continue
            if self.first_time is None or moment < self.first_time:
                self.first_time = moment
            if self.last_time is None or moment > self.last_time:
                self.last_time = moment
        self.offsets.update(other.offsets)
        self.skipped_files.extend(other.skipped_files)
        room = 5 - len(self.unparsed_examples)
        self.unparsed_examples.extend(other.unparsed_examples[:max(room, 0)])


def _is_json(text: str) -> bool:
    try:
        _strictjson.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def decode_line(data: bytes, first: bool) -> str:
    text = data.decode("utf-8", "replace")
    if first and text.startswith("\ufeff"):
        text = text[1:]
    if text.endswith("\r"):
        text = text[:-1]
    return text


_UNMATCHED: Any = object()


def apply_family(message: str, fields: dict[str, Any], raw: dict[str, str], seconds: dict[str, float],
                 found: tuple[families.Family, Any] | None = _UNMATCHED) -> families.Family | None:
    """Match ``message`` to a family (unless ``found`` is that match already) and fill the
    typed fields. Returns the family."""
    if found is _UNMATCHED:
        found = families.match_family(message)
    family = None
    if found is not None:
        family, match = found
        for name, value in match.groupdict().items():
            if value is None:
                continue
            if name == "kv":
                parsed = tokenize(value)
                fields.update(parsed.fields)
                raw.update(parsed.raw)
                seconds.update(parsed.seconds)
                if parsed.bare:
                    fields["words"] = parsed.bare
                    if family.kind in _DECISION_KINDS and "reason" not in parsed.fields:
                        _bare_reason(parsed.bare, fields, raw)
                continue
            if family.values is not None and name in family.values:
                value = family.values[name].get(value, value)
            _set_field(name, value, fields, raw, seconds)
    enrich(message, fields, raw, seconds)
    return family


_DECISION_KINDS = frozenset({"embedded.failover", "model.fallback_decision"})
# The failover reasons a decision names (FailoverReason, src/agents/pi-embedded-helpers/types.ts): a reporter who
# shortens a decision to its reason writes it bare ("embedded run failover decision: timeout").
_FAILOVER_REASONS = frozenset({"auth", "auth_permanent", "format", "rate_limit", "overloaded", "billing", "timeout",
                               "model_not_found", "session_expired", "unknown"})


def _bare_reason(bare: list[str], fields: dict[str, Any], raw: dict[str, str]) -> None:
    """A decision whose first word is a failover reason with no ``reason=`` key: that word is its reason."""
    word = bare[0].rstrip(",;.")
    if word in _FAILOVER_REASONS:
        fields["reason"] = raw["reason"] = word


def enrich(text: str, fields: dict[str, Any], raw: dict[str, str], seconds: dict[str, float]) -> None:
    """The fields the enrichers read in ``text`` (a session-lock error's lock file and holder), where the
    event has none of that name yet."""
    for enricher in families.ENRICHERS:
        if enricher.needle not in text:
            continue
        match = enricher.pattern.search(text)
        if match is None:
            continue
        for name, value in match.groupdict().items():
            if value is not None and name not in fields:
                _set_field(name, value, fields, raw, seconds)


def _set_field(name: str, value: str, fields: dict[str, Any], raw: dict[str, str], seconds: dict[str, float]) -> None:
    typed, secs = convert_value(name, value)
    fields[name] = typed
    raw[name] = value
    if secs is not None:
        seconds[name] = secs


def _merge_meta(meta: dict[str, Any], kind: str, fields: dict[str, Any], raw: dict[str, str],
                seconds: dict[str, float]) -> None:
    """Scalars of a log call's meta object (``closed before connect`` durations) become fields, and
    so do the values the console prints under another name, under that name (``stuckscan.meta_fields``)."""
    for key, value in meta.items():
        if key not in fields and isinstance(key, str):
            _set_meta_scalar(key, value, fields, raw, seconds)
    for alias, value in meta_fields.aliased(kind, meta):
        if alias.field in fields or not _set_meta_scalar(alias.field, value, fields, raw, seconds):
            continue
        if alias.console_text and isinstance(value, str):
            enrich(value, fields, raw, seconds)


def _cron_error_in_meta(meta: dict[str, Any], kind: str, fields: dict[str, Any], raw: dict[str, str],
                        seconds: dict[str, float]) -> str:
    """A run's ``cron: job run returned error status`` (src/cron/service/timer.ts, warn; jobId, jobName, error,
    diagnosticsSummary) whose error is the job's own timeout ``cron: job execution timed out[ (last phase:
    <phase>)]``: read as that timeout with its phase (``cron.job_timeout``). The error is in the meta object of the
    file form and in the console form's ``error=`` word (``meta`` is then the line's own fields), so both forms read
    alike. Only the run's own line: the disable lines that follow repeat that run's error (``disabling one-shot job
    after error``, ``auto-disabled job after consecutive run failures``) and keep ``kind``, so one timeout counts once.
    Another error keeps the line ``kind``."""
    if fields.get("stage") != "job run returned error status":
        return kind
    error = meta.get("error")
    if not isinstance(error, str) or "cron: job execution timed out" not in error:
        return kind
    found = families.match_family(error)
    if found is None or found[0].kind != "cron.job_timeout":
        return kind
    apply_family(error, fields, raw, seconds, found)
    return found[0].kind


HOOK_NON_OK = "hook agent run returned non-ok status"


def _hook_summary_in_meta(meta: dict[str, Any], kind: str, message: str, fields: dict[str, Any], raw: dict[str, str],
                          seconds: dict[str, float]) -> str:
    """The file form of a hook run that did not end ok, ``hook agent run returned non-ok status`` (src/gateway/server/
    hooks.ts of the builds before ``hook agent run completed runId=...``, warn), carries the run's status, model and
    summary in its meta object; its console form prints them as ``status=<s>[ model=<m>][ summary=<s>]`` after the
    message. Read the file form as the console's line would be: a summary a family reads (``LLM request timed out.``)
    is that reading, as on the console; another summary keeps ``kind``."""
    summary = meta.get("summary")
    if not message.startswith(HOOK_NON_OK) or not isinstance(summary, str) or " summary=" in message:
        return kind
    words = [f"{key}={value}" for key in ("status", "model", "summary")
             if isinstance(value := meta.get(key), str) and value]
    console = " ".join([HOOK_NON_OK, *words])
    found = families.match_family(console)
    if found is None or found[0].kind == kind:
        return kind
    apply_family(console, fields, raw, seconds, found)
    return found[0].kind


def _alias_own_fields(kind: str, fields: dict[str, Any], raw: dict[str, str], seconds: dict[str, float]) -> None:
    """A meta object's keys quoted as the line's own ``key=value`` words (``embedded_run_failover_decision ...
    failoverReason=timeout``): the values under the console's names too, as a meta object's would be."""
    for alias, value in list(meta_fields.aliased(kind, fields)):
        if alias.field not in fields and _set_meta_scalar(alias.field, value, fields, raw, seconds) \
                and alias.console_text and isinstance(value, str):
            enrich(value, fields, raw, seconds)


def _set_meta_scalar(name: str, value: Any, fields: dict[str, Any], raw: dict[str, str],
                     seconds: dict[str, float]) -> bool:
    """Set field ``name`` to a meta object's scalar ``value`` (a duration in ms also in ``seconds``);
    False, setting nothing, for a list, an object or an overlong text."""
    if isinstance(value, bool) or value is None:
        fields[name] = value
        raw[name] = json.dumps(value)
    elif isinstance(value, (int, float)):
        fields[name] = value
        raw[name] = str(value)
        if name.endswith("Ms") and (bounded := bounded_seconds(value / 1000.0)) is not None:
            seconds[name] = bounded
    elif isinstance(value, str) and len(value) <= _MAX_META_SCALAR:
        fields[name] = value
        raw[name] = value
    else:
        return False
    return True


def _derive(fields: dict[str, Any], session_hint: str | None) -> None:
    """Identity fields implied by others: lane session keys, lock-path session ids."""
    lane = fields.get("lane")
    if isinstance(lane, str) and lane.startswith("session:"):
        fields["laneSessionKey"] = lane[len("session:"):]
    lock_path = fields.get("lockPath")
    if isinstance(lock_path, str) and lock_path.endswith(".jsonl.lock"):
        name = lock_path.replace("\\", "/").rsplit("/", 1)[-1]
        fields["lockSessionId"] = name[: -len(".jsonl.lock")]
    if session_hint and "sessionKey" not in fields and "sessionId" not in fields:
        fields["sessionKey" if ":" in session_hint else "sessionId"] = session_hint


_SLOTS: dict[str, Any] = {name: Event.__dict__[name] for name in ("fields", "raw", "seconds")}
_MISSING_FIELD: Any = object()
# Fields a lazy event answers from its key=value words without tokenizing: identity fields
# and those the correlator reads of every event (the channel a served, answered or progress
# line names: channels.served_channel, n67). None is a free-text key (those swallow bare
# words), and no family pattern, enricher or derivation sets one except as handled.
PEEKABLE = frozenset(IDENTITY_FIELDS) | {"lane", "new", "channel", "messageChannel", "surface", "source"}
# Fields a key=value message can hold besides one per ``=``: ``words``, ``laneSessionKey``
# and ``lockSessionId``.
_EXTRA_FIELDS = 3


class LazyEvent(Event):
    """An event of a plain key=value family (``<prefix>: k=v ...``) whose fields are
    tokenized only when first read.

    The scan fast path builds most turn-lifecycle lines this way: the correlator needs only
    a few identity fields of each (:data:`PEEKABLE`, answered by :meth:`get` from the raw
    ``key=value`` words) and reads the rest only of the lines an incident keeps. Reading
    ``fields``, ``raw`` or ``seconds`` gives exactly what :meth:`LineParser._build` gives.
    Only messages with no bracket, backslash, non-printable character or enricher needle,
    and no quote but in plain quoted words of keys it does not peek at (``reason="message_start"``),
    are built lazily: for them the tokenizer's result for a peekable key is the last
    ``key=value`` word's value, stripped of ``;,`` and typed.

    The three slots stay unset until read: reading an unset slot falls through to
    :meth:`__getattr__`, which tokenizes; afterwards they are plain slots. :meth:`compact`
    unsets them again (an event an incident keeps, once the correlator has read it).

    The key=value text is the end of the message (the families' ``kv`` group is ``.*`` to
    the end): only where it starts is kept, not a copy of it.
    """

    __slots__ = ("_kv", "_kv_at")
    _kv: int | dict[str, str] | None  # where the key=value text starts, then its raw words by key; None once tokenized
    _kv_at: int  # where the key=value text starts in the message

    @classmethod
    def deferred(cls, source: str, line: int, time: datetime | None, level: str | None, subsystem: str | None,
                 kind: str, message: str, kv_at: int) -> LazyEvent:
        """The event of a ``jsonl`` record with no meta object, ``message[kv_at:]`` its key=value text.
        (Built without the dataclass ``__init__``, which would set the three lazy slots;
        ``dataclasses.replace`` still uses it, and its copy is an ordinary, tokenized one.)"""
        event = object.__new__(cls)
        event.source = source
        event.line = line
        event.time = time
        event.level = level
        event.subsystem = subsystem
        event.kind = kind
        event.message = message
        event.shape = "jsonl"
        event.meta = None
        event.truncated = False
        event._kv = event._kv_at = kv_at
        return event

    def __getattr__(self, name: str) -> Any:
        if name in _SLOTS:
            self._tokenized()
            return _SLOTS[name].__get__(self, Event)
        if name == "_kv":  # a copy made by dataclasses.replace: tokenized
            return None
        raise AttributeError(name)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (and copied) still lazy if it is (a worker of a parallel scan sends its
        events to the correlating process: tokenizing there, or for nothing, costs more than
        the text it saves), else as the plain event it reads as."""
        if self._kv is not None:
            return (LazyEvent.deferred, (self.source, self.line, self.time, self.level, self.subsystem, self.kind,
                                         self.message, self._kv_at))
        return (Event, tuple(getattr(self, name) for name in _EVENT_FIELD_NAMES))

    def _tokenized(self) -> None:
        fields: dict[str, Any] = {}
        raw: dict[str, str] = {}
        seconds: dict[str, float] = {}
        apply_family(self.message, fields, raw, seconds)
        _derive(fields, None)
        self.fields = fields
        self.raw = raw
        self.seconds = seconds
        self._kv = None

    def compact(self) -> None:
        """Back to the lazy state: what tokenizing or peeking built is dropped (a kept event
        is read again rarely, if ever; reading it again gives the same values)."""
        try:
            start = self._kv_at
        except AttributeError:  # a copy made by dataclasses.replace: an ordinary event
            return
        if self._kv is None:
            if not CORRELATOR_MARKS.isdisjoint(self.seconds):
                return  # (what the correlator learned of it is not in its text: kept as read)
            del self.fields, self.raw, self.seconds
        self._kv = start

    def get(self, key: str, default: Any = None) -> Any:
        words = self._kv
        if words is None or key not in PEEKABLE:
            return self.fields.get(key, default)
        if words.__class__ is int:
            words = self._kv = _words_by_key(self.message, words)  # type: ignore[arg-type]
        if key == "laneSessionKey":
            lane = _peek(words, "lane")  # type: ignore[arg-type]
            if lane is _UNPEEKABLE:
                return self.fields.get(key, default)
            if isinstance(lane, str) and lane.startswith("session:"):
                return lane[len("session:"):]
        value = _peek(words, key)  # type: ignore[arg-type]
        if value is _UNPEEKABLE:
            return self.fields.get(key, default)
        return default if value is _MISSING_FIELD else value

    def has(self, key: str) -> bool:
        return self.get(key, _MISSING_FIELD) is not _MISSING_FIELD

    def identity_names(self) -> tuple[str | None, str | None, str | None]:
        words = self._kv
        if words is None:
            return Event.identity_names(self)
        if words.__class__ is int:
            words = self._kv = _words_by_key(self.message, words)  # type: ignore[arg-type]
        key = _stated_word(words, "sessionKey")  # type: ignore[arg-type]
        if key is None:
            lane = _stated_word(words, "lane")  # type: ignore[arg-type]
            if lane is not None and lane.startswith("session:"):  # _derive's laneSessionKey wins
                key = usable_name(lane[len("session:"):])  # text as it is: not typed, so "true" stays text
            else:
                key = _stated_word(words, "laneSessionKey")  # type: ignore[arg-type]
        session_id = _stated_word(words, "sessionId") or _stated_word(words, "lockSessionId") \
            or _stated_word(words, "activeSessionId")  # type: ignore[arg-type]
        return key, session_id, _stated_word(words, "runId")  # type: ignore[arg-type]

    def fields_at_most(self) -> int:
        return self.message.count("=") + _EXTRA_FIELDS if self._kv is not None else len(self.fields)

    def peekable_keys(self) -> Container[str]:
        words = self._kv
        if words is None:
            return self.fields
        if words.__class__ is int:
            words = self._kv = _words_by_key(self.message, words)  # type: ignore[arg-type]
        return words  # type: ignore[return-value]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Event):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _EVENT_FIELD_NAMES)

    __hash__ = None  # type: ignore[assignment]


_EVENT_FIELD_NAMES = tuple(f.name for f in dataclass_fields(Event))


def _words_by_key(message: str, start: int) -> dict[str, str]:
    """The raw value of the last ``key=value`` word of each key of ``message[start:]``."""
    words: dict[str, str] = {}
    for word in message[start:].split():
        equals = word.find("=")
        if equals > 0:
            words[word[:equals]] = word[equals + 1:]
    return words


def _stated_word(words: dict[str, str], key: str) -> str | None:
    """What :meth:`Event.identity_names` takes of an identifier key's value: its text,
    unless it types as None or a bool, or is empty, ``unknown`` or ``n/a``."""
    raw = words.get(key)
    return None if raw is None else _usable(raw.rstrip(";,"))


def _usable(text: str) -> str | None:
    """An unquoted value as :meth:`Event.identity_names` sees it once typed: ``true`` and
    ``false`` become bools, which are no names."""
    return None if text == "true" or text == "false" else usable_name(text)


_UNPEEKABLE = object()  # a word whose value the tokenizer may read over the next words: tokenize instead


def _peek(words: dict[str, str], key: str) -> Any:
    raw = words.get(key)
    if raw is None:
        return _MISSING_FIELD
    # (the tokenizer's two readings of a value over several words: ``<very large>`` split at its spaces, a duration
    # the formatter spaced, ``1h 30m``: _kv._angled, _kv._spaces_on; the word alone is then not the value)
    if raw[:1] == "<" and len(raw) > 1:
        return _UNPEEKABLE
    value = raw.rstrip(";,")
    typed, seconds = convert_value(key, value)
    if seconds is not None and value == raw and raw[-1:] in ("m", "h", "d", "y") and len(raw) < 20:
        return _UNPEEKABLE
    return typed


def _plain_kv_families() -> frozenset[int]:
    """The families (by ``id``) whose pattern is a prefix and the key=value rest (``kv``),
    nothing else. (A kind may also have families with other groups.)"""
    return frozenset(id(f) for f in families.FAMILIES if f.anchored and families.group_names(f) == {"kv"})


PLAIN_KV_FAMILIES = _plain_kv_families()
_ENRICHER_NEEDLES = tuple(enricher.needle for enricher in families.ENRICHERS)


def _lazy_safe(message: str, kv_at: int) -> bool:
    """No bracket or backslash (the tokenizer's other paths), nothing non-printable, no
    enricher's needle, and quotes only as plain quoted words (:func:`_plain_quotes`).
    (Substring tests: a regex alternation is five times slower.)"""
    if not message.isprintable() or "[" in message or "\\" in message:
        return False
    for needle in _ENRICHER_NEEDLES:
        if needle in message:
            return False
    return '"' not in message or _plain_quotes(message, kv_at)


_MAX_PLAIN_QUOTES = 8  # (the tokenizer's string-method path takes at most this many quotes: see _kv._tokenize_any)


def _plain_quotes(message: str, kv_at: int) -> bool:
    """Whether every quote of ``message`` is in a plain quoted word of its key=value text: a
    key (one the tokenizer takes as a key, and no lazy event peeks at), ``="``, a value with
    no space or quote, the closing quote and a space or the end (``reason="message_start"``);
    eight quotes at most. (Called on a printable message: its only whitespace is the space.)
    The tokenizer then splits the text into the same words as :func:`_words_by_key` does,
    and such a word's value, quotes included there, is never read from the words."""
    if message.count('"') > _MAX_PLAIN_QUOTES:
        return False
    at = kv_at
    while True:
        opening = message.find('"', at)
        if opening < 0:
            return message.find('"', 0, kv_at) < 0
        closing = message.find('"', opening + 1)
        if closing < 0 or message.find(" ", opening, closing) >= 0 or message[closing + 1:closing + 2] not in ("", " ") \
                or message[opening - 1:opening] != "=":
            return False
        key = message[max(message.rfind(" ", kv_at, opening) + 1, kv_at):opening - 1]
        if key in PEEKABLE or not key_is_valid(key):
            return False
        at = closing + 1


_NOTHING: tuple[Event, ...] = ()
_ROW_FIRST = ("T+", "~T")  # how a hand-typed trajectory row starts (shapes.TRAJECTORY_ROW)
_CLOSE_KIND = "ws.closed_before_connect"
_PIECE_FIRST = frozenset('0123456789{')
# A markdown blockquote's marks: up to three spaces, then ">" with an optional space, nested as "> > ".
_BLOCKQUOTE = re.compile(r"[ \t]{0,3}(?:>[ \t]?)+")
# What starts as a log line does: a time or date, a console tag, a record, a level word (`openclaw logs` with its time
# trimmed) or a subsystem and a colon ("gateway/ws: handshake ..."); or such a line quoted whole as inline code
# ("`2026-05-05T12:23:00+02:00 [diagnostic] ...`").
_LOG_START = (r"(?=`[\d\[{][^`\n]{3,}`[ \t]*$"
              r"|\d|\[|\{|(?:warn|error|info|debug|trace|fatal)\s|[a-z][\w-]{0,40}/[\w./-]{1,60}:? "
              # (a journal's date, "May 06 08:42:16 host ...", and a warning's fields with its label cut, "lane=...")
              r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:|[A-Za-z_][\w.]{0,60}=\S)")
# A markdown list item's mark before any text (the reporter listed a line, or a sentence: either is read as it is),
# but for a warning's field alone in inline code ("  - `queueDepth=1`": _unbulleted joins those to the warning).
_LIST_ITEM = re.compile(r"[ \t]{0,3}(?:[-*+•]|\d{1,3}[.)])[ \t]+(?=\S)(?!`[A-Za-z_][\w.\-]{0,80}=[^`\s]*`[ \t]*$)")
_STARTS_AS_LOG = re.compile(_LOG_START)
# A comment's mark before a log line kept in a script, a config or a source file ("#   [compaction-safeguard] ...",
# "// 2026-05-05T12:23:00 ..."): read when what follows starts as a log line does or is a family's message; a line
# under it with the same mark and a deeper indent continues it (the indent past the mark is kept, so it joins as a
# wrapped line does).
_COMMENT = re.compile(r"[ \t]{0,3}(?:#|//)[ \t]+")
_MARKDOWN_FIRST = frozenset(">-*+•#/")
# Wrappers a tool adds around whatever line it shows (grep, cat -n, docker compose): the line inside may have a
# wrapper of its own (a journald or syslog time), which is read too.
_OUTER_WRAPPERS = frozenset({"grep-file", "grep-n", "cat-n", "compose"})
# (and a reporter's inline-code marks around a whole line: "`May 06 08:42:16 host node[12]: [diagnostic] ...`")
_OUTER_PREFIXES = frozenset({*(f"{name}+" for name in _OUTER_WRAPPERS), "code+"})
_DIGITS = frozenset("0123456789")
# A channel plugin's dispatch of an inbound message to the agent, and its end (see LineParser._pair_dispatch).
DISPATCH_STARTED_KIND = "channel.dispatch_started"
DISPATCH_KINDS = frozenset({DISPATCH_STARTED_KIND, "channel.dispatch_completed"})
MAX_OPEN_DISPATCHES = 64  # per channel account: more open at once is a log that lost its ends
# The official Feishu/Lark plugin's monitor writes "feishu[<account>]: WebSocket client started" only once its startWS
# returns, that is once the account's abort signal fired and its client logged "disconnecting WebSocket
# (accountId=<account>)" (larksuite/openclaw-lark, src/channel/monitor.ts, src/core/lark-client.ts): both come in the
# same turn of the event loop, milliseconds apart (other accounts' stops, the account's "disposing message dedup" and
# "bot open_id resolved" between). Such a line at most this long and this many lines after the account's stop, with no
# start of the account between, is the stop's end (see LineParser._after_plugin_stop).
PLUGIN_STOP_RETURN = timedelta(seconds=5)
PLUGIN_STOP_RETURN_LINES = 64
STOPPING_KIND = "channel.stopping"
# A start of the account between its stop and the line makes that line the start's (the lines before it are decoded
# on the fast path too: these kinds are the correlator's).
_ACCOUNT_START_KINDS = frozenset({"channel.starting", "channel.reconnecting"})
_PLUGIN_STOP_KINDS = frozenset({STOPPING_KIND, CHANNEL_UP_KIND, *_ACCOUNT_START_KINDS})
MAX_PLUGIN_STOPS = 64
_MAX_UNWRAPPED_HELD = 4096
_NANOSECONDS = re.compile(r"\.\d{7,9}")  # the fraction of a container runtime's RFC 3339 time


def _may_be_piece(text: str) -> bool:
    """Whether ``text`` may be a piece of a line a container runtime split (a CRI line: a
    time, then the stream; a docker json-file entry). Cheap: most lines are neither."""
    if text[:1] == "{":
        return text.startswith(('{"log":"', '{"log": "'))
    return " stdout " in text[:48] or " stderr " in text[:48]


_MAX_HELD_NOTES = 64
_MAX_LOG_READING_CALLS = 64  # (a transcript's log-reading calls still awaiting their result; older ones are dropped)
# A pasted markdown table (see LineParser._table_row): a row's cells, its separator row, a cell that holds a time (a
# clock, or an ISO date with or without its clock, perhaps with a remark after it) and a row number cell.
_TABLE_SEPARATOR = re.compile(r"\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-{0,}:?[ \t]*")
_TABLE_TIME = re.compile(r"(?:\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?)?"
                         r"|(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?)(?=$|[ \t(])")
_TABLE_INDEX = re.compile(r"#?\d{1,4}\.?")
_TABLE_TIME_HEADER = re.compile(r"(?i)\b(?:time|timestamp|date|when)\b|时间")
# A header that names a span, not an event: its clock-like cells ("00:05:00") are durations, never times of their own.
_TABLE_SPAN_HEADER = re.compile(r"(?i)\b(?:age|duration|elapsed|took|wait(?:ed)?|length|runtime|uptime)\b")
_TABLE_MAX_CELLS = 32
_LEADING_ELISION = re.compile(r"(?:\.{3,}|…)\s+(?=\S)")


def _time_column(header: list[str] | None, cells: list[str]) -> int | None:
    """The index of a table row's time cell: the column its header names as a time, else its first cell, or its
    second after a row number."""
    if header is not None and len(header) == len(cells):
        named = [index for index, name in enumerate(header) if _TABLE_TIME_HEADER.search(name)]
        if named:
            return named[0]
    if not cells:
        return None
    if len(cells) > 1 and _TABLE_INDEX.fullmatch(cells[0]):
        return 1
    return 0


def _event_columns(header: list[str] | None, cells: list[str], column: int) -> list[tuple[int, re.Match[str]]]:
    """The table row's other time cells, each a dated event of its own: a cell that is a time alone (perhaps with a
    remark in parentheses) under a header cell that names its event ("abort" beside "first `stalled session`
    warning"), not a span ("run age"). Only under a header: without one a second time may be anything."""
    if header is None or len(header) != len(cells):
        return []
    found: list[tuple[int, re.Match[str]]] = []
    for index, (name, cell) in enumerate(zip(header, cells)):
        if index == column or not name or _TABLE_SPAN_HEADER.search(name) or _TABLE_INDEX.fullmatch(cell):
            continue
        stamp = _TABLE_TIME.match(cell)
        rest = cell[stamp.end():].strip() if stamp else ""
        if stamp is not None and (not rest or rest[:1] == "(" and rest[-1:] == ")"):
            found.append((index, stamp))
    return found


def _quoted_message(name: str) -> str | None:
    """The gateway message a header cell quotes in inline code ("first `stalled session` warning"), else None."""
    parts = name.split("`")
    return (parts[1].strip() or None) if len(parts) == 3 else None


def _cell_remark(after: str) -> str:
    """A time cell's remark after its time, without its parentheses and inline-code marks."""
    return _unquoted(after.strip().removeprefix("(").removesuffix(")"))


def _unquoted(cell: str) -> str:
    """A cell's text without its inline-code marks (a quoted field reads as the field)."""
    return cell.replace("`", "")


_UI_TIME = re.compile(r"(?P<hour>[01]?\d|2[0-3]):(?P<rest>[0-5]\d:[0-5]\d)(?:\s?(?P<half>[AaPp][Mm]))?")
_UI_LEVEL = re.compile(r"(?i:trace|debug|info|warn|warning|error|fatal)")
_TAGGED_MESSAGE = re.compile(r"\[[\w.:/-]{1,64}\] \S")  # a message that opens with its subsystem's tag
_UI_SUBSYSTEM = re.compile(r"[a-z][\w.-]{0,40}(?:/[\w.-]{1,40}){0,3}")
_UI_HEADER_MAX = 64  # a header line is short; longer lines skip the check (unless a header is being read)
# A viewer's copy with a record's time and subsystem on one line and its message indented below
# ("21:03:09  main-session-restart-recovery" / "          resumed interrupted main session: ...").
_CLOCK_SUBSYSTEM = re.compile(r"(?P<clock>(?:[01]?\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,3})?) {2,}"
                              r"(?P<subsystem>[a-z][\w.-]{0,40}(?:/[\w.-]{1,40}){0,3})")
_YAML_HEADER = re.compile(r"(?P<name>[A-Za-z][\w.-]{2,80}):[ \t]*")
# The same record under a level tag, its one-word head value after the name (``[WARN] model_fallback_decision:
# candidate_failed``, then ``  reason: timeout, status: 408``): only a snake_case name, so a prose ``Error: x`` is not one.
_YAML_TAGGED_HEADER = re.compile(
    r"\[(?P<level>" + _UI_LEVEL.pattern + r")\][ \t]+(?P<name>[a-z][a-z0-9]*(?:_[a-z0-9]+)+):[ \t]+(?P<value>[\w.-]{1,80})[ \t]*")
# Keys a transcriber put on one line, comma-joined after a one-word value (``reason: timeout, status: 408``; a prose
# value, ``Failed to connect, retry: later``, is left whole).
_YAML_NEXT_KEY = re.compile(r",[ \t]+(?=[A-Za-z_][\w.-]{0,80}:[ \t])")
_YAML_KEY = re.compile(r"[ \t]+(?P<key>[A-Za-z_][\w.-]{0,80}):(?:[ \t]+(?P<value>.*))?")
_YAML_MAX_LINES = 64
MAX_YAML_VALUE = 4096


@dataclass(slots=True)
class _ValuesBlock:
    """A record's values a viewer showed one per line, as a reporter copied them: a binding alone on a
    line (``{"subsystem":"fetch-timeout"}``), then its message and its fields, each a quoted JSON
    piece on a line of its own (a long string may run over lines). Bounded in lines and size."""

    number: int
    pieces: list[str]
    lines: int = 1
    open_string: bool = False

    def absorbs(self, text: str) -> bool:
        """Take ``text`` if it is the next value; False ends the block."""
        stripped = text.strip()
        if self.lines >= _YAML_MAX_LINES or not stripped or sum(map(len, self.pieces)) > _MAX_JOINED:
            return False
        if self.open_string:
            self.pieces[-1] = f"{self.pieces[-1]} {stripped}"
        elif stripped.startswith('"'):
            self.pieces.append(stripped)
        else:
            return False
        self.lines += 1
        self.open_string = not _CLOSED_JSON_PIECE.search(self.pieces[-1])
        return True

    def line(self) -> str:
        """The values as one line, ``{binding},"message",{fields}``, the form the parser reads."""
        strings = [piece.rstrip(",") for piece in self.pieces[1:] if not _KEY_PIECE.match(piece)]
        fields = [piece.rstrip(",") for piece in self.pieces[1:] if _KEY_PIECE.match(piece)]
        return ",".join([self.pieces[0], *strings, *(["{" + ",".join(fields) + "}"] if fields else [])])


@dataclass(slots=True)
class _PrettyJson:
    """A JSON object pretty-printed over lines (``{`` alone, one field per line, ``}`` alone), as a
    reporter copies a tool result or a record out of a viewer. Bounded in lines and size."""

    number: int
    lines: list[str]
    depth: int = 0  # open braces minus closed ones so far (a JSON string never spans lines, so per line adds up)
    size: int = 0  # characters taken so far

    def absorbs(self, text: str) -> bool:
        """Take ``text`` while the object is open; the closing ``}`` line is the last one taken."""
        if len(self.lines) >= _PRETTY_MAX_LINES or self.size > _PRETTY_MAX_CHARS or self.closed:
            return False
        self.lines.append(text)
        self.size += len(text)
        self.depth += _brace_depth(text)
        return True

    @property
    def closed(self) -> bool:
        if self.lines[0].strip() != "{":  # opened on its first field's line: closed where its braces balance
            return self.lines[-1].rstrip().endswith(("}", "},")) and self.depth == 0
        # (a nested object's own "}" line closes only the inner object: the depth says when the outer one ends)
        return len(self.lines) > 1 and self.lines[-1].strip() in ("}", "},") and self.depth == 0

    def value(self) -> dict[str, Any] | None:
        """The object, once it is closed and valid JSON; None otherwise."""
        if not self.closed:
            return None
        try:
            obj = _strictjson.loads("\n".join(self.lines).strip().rstrip(","))
        except ValueError:
            return None
        return obj if isinstance(obj, dict) else None


@dataclass(slots=True)
class _TrajectoryRow:
    """A hand-typed trajectory row whose object runs onto the lines below (``shapes.TRAJECTORY_ROW``): its lines
    until the object's braces balance. Bounded in lines and size."""

    number: int
    row: re.Match[str]
    lines: list[str]
    depth: int
    size: int

    def absorbs(self, text: str) -> bool:
        """Take ``text`` while the object is open; the line that closes it is the last one taken."""
        if self.closed or len(self.lines) >= TRAJECTORY_ROW_MAX_LINES or self.size + len(text) > TRAJECTORY_ROW_MAX_CHARS:
            return False
        self.lines.append(text)
        self.size += len(text)
        self.depth += _brace_depth(text)
        return True

    @property
    def closed(self) -> bool:
        return self.depth <= 0

    def data(self) -> str:
        """The object's text, its lines joined."""
        return " ".join([self.row.group("data"), *(line.strip() for line in self.lines[1:])])


def _is_record(obj: dict[str, Any]) -> bool:
    """A gateway record, a trajectory or state record, a readiness report, a session transcript's entry: read whole
    whatever its message says."""
    return any(key in obj for key in ("0", "1", "message", "msg")) or is_trajectory_record(obj) \
        or state_record_label(obj) is not None or degraded_event_loop(obj) is not None \
        or transcript_entry(obj) is not None or obj.get("customType") == PROMPT_ERROR_TYPE


def _brace_depth(text: str) -> int:
    """Open braces minus closed ones outside JSON strings."""
    depth, quoted, escaped = 0, False, False
    for char in text:
        if quoted:
            escaped, quoted = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            quoted = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
    return depth


# A quoted piece that ends its string (an unescaped closing quote, or a JSON value after "key":).
_CLOSED_JSON_PIECE = re.compile(r'(?:[^\\]"|[\d\]}]|true|false|null),?\s*$')
_KEY_PIECE = re.compile(r'"[^"\\]{1,200}"\s*:')
_BINDING_ALONE = re.compile(r'\{"subsystem":"[^"\\]{1,200}"\}')
# An object whose first field shares the opening brace's line, the rest on lines below (``{ "type": "...",``).
_OPENED_OBJECT = re.compile(r'\{\s+"[^"\\]{1,100}"\s*:')


@dataclass(slots=True)
class _YamlBlock:
    """A record a reporter transcribed as YAML: a ``name:`` line and the indented ``key: value``
    lines under it (a quoted value may run over several lines). Bounded in lines and size."""

    number: int
    name: str
    fields: list[list[str]]  # [key, value] in order
    lines: int = 1
    open_quote: bool = False
    level: str | None = None
    head: str = ""  # the tagged header's value (``candidate_failed``)
    text: str = ""  # the header line as read, read as it is if no field follows
    indent: int = 0  # the header's own indent (a block pasted inside a list item or indented as code)

    def absorbs(self, text: str) -> bool:
        """Take ``text`` if it belongs to the block (indented deeper than its header); False ends the block."""
        if self.lines >= _YAML_MAX_LINES or len(text) - len(text.lstrip(" \t")) <= self.indent:
            return False
        key = None if self.open_quote else _YAML_KEY.fullmatch(text)
        if key is None and not self.fields:
            return False  # "Stack:" then "    at ...": no YAML; both lines are read as they are
        self.lines += 1
        if key is not None:
            value = (key.group("value") or "").strip()
            pieces = _YAML_NEXT_KEY.split(value) if value[:1] != '"' else [value]
            if len(pieces) > 1 and len(pieces[0].split()) != 1:
                pieces = [value]
            self.fields.append([key.group("key"), pieces[0]])
            self.fields += [[k.strip(), v.strip()] for k, _, v in (piece.partition(":") for piece in pieces[1:])]
        else:  # the next piece of the last value (a quoted string, or a value under its key)
            last = self.fields[-1]
            last[1] = f"{last[1]} {text.strip()}".strip()[:MAX_YAML_VALUE]
        value = self.fields[-1][1]
        self.open_quote = value.startswith('"') and not (len(value) > 1 and value.endswith('"'))
        return True

    def message(self) -> str:
        """The record as a log line: its label (``model_fallback_decision`` -> ``model fallback
        decision:``) and its fields as ``key=value``."""
        label = self.name.replace("_", " ") + ":"
        pairs = [kv_pair(key, value[1:-1] if len(value) > 1 and value[0] == value[-1] == '"' else value.strip('"'))
                 for key, value in self.fields]
        return " ".join((label, *((self.head,) if self.head else ()), *pairs))



@dataclass(slots=True)
class _Partial:
    """The pieces of a container log line read so far (bounded by the line length cap)."""

    number: int
    first: Piece
    parts: list[str]
    size: int
    truncated: bool

    def add(self, content: str, limit: int, truncated: bool) -> None:
        self.truncated = self.truncated or truncated
        room = limit - self.size
        if room <= 0:
            self.truncated = True
            return
        if len(content) > room:
            content = content[:room]
            self.truncated = True
        self.parts.append(content)
        self.size += len(content)

    def line(self) -> tuple[int, str, bool]:
        return self.number, joined_line(self.first, "".join(self.parts)), self.truncated


def _is_log_text(text: str) -> bool:
    """Whether ``text`` reads as a log line (JSON, a message some family matches, or a line of
    a known shape: a time, a console tag): then a line with it is a log line, whatever marks
    surround it, never a reporter's note."""
    if text[:1] in ('{', '"') or families.match_family(text) is not None:
        return True
    head = text[:1] if text[:1].isascii() else ""  # (TextShape.starts rules out ASCII first characters only)
    return any((not shape.needle or shape.needle in text) and (shape.starts is None or head in shape.starts)
               and shape.pattern.fullmatch(text) is not None for shape in TEXT_SHAPES)


def _tagged_message(tag: str, message: str) -> tuple[str | None, str]:
    """(tag, message) of a console line, unless the bracketed word is the message's own
    (``[compaction-diag] end runId=...`` pasted without its ``[agent/embedded]`` tag): then
    (None, the whole text)."""
    if families.match_family(message) is not None:
        return tag, message
    whole = f"[{tag}] {message}"
    return (None, whole) if families.match_family(whole) is not None else (tag, message)


_LEVEL_WORD = re.compile(r"(?P<level>TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|trace|debug|info|warn|error|fatal)\s+")


def _level_after_tag(message: str) -> tuple[str | None, str]:
    """(level, message) when a level word starts the text after a console tag and only the rest is a
    message of some family; else (None, the text)."""
    word = _LEVEL_WORD.match(message)
    if word is None or families.match_family(message) is not None:
        return None, message
    rest = message[word.end():]
    return (word.group("level"), rest) if families.match_family(rest) is not None else (None, message)


# The gateway's Tailscale exposure writes "serve failed: <err>" and "funnel failed: <err>" under its own logger,
# subsystem "tailscale" (src/gateway/server-tailscale.ts): under another logger ("[uploads] serve failed: <err>") the
# line is that logger's, not the exposure's; a paste with no tag at all (or the word written before it) is read.
TAILSCALE_FAILED_KIND = "discovery.tailscale_failed"


def _tailscale_said(subsystem: str | None, message: str) -> bool:
    return not subsystem or message.startswith("tailscale ") or subsystem.rsplit("/", 1)[-1] == "tailscale"


def _root_message(subsystem: str, message: str) -> tuple[str | None, str]:
    """(subsystem, message) of a logs line: a root-logger line has no subsystem column, so
    what looked like one is the message's first word when only the whole text is a message
    of some family ("error gateway connect failed: Error: ...")."""
    if families.match_family(message) is not None or message.startswith("{"):
        return subsystem, message
    whole = f"{subsystem} {message}"
    return (None, whole) if families.match_family(whole) is not None else (subsystem, message)


def _unbulleted(message: str) -> str:
    """A message a reporter put in a Markdown list ("- embedded run start: runId=..."), without
    the bullet, when only the text after it is a message of some family; a message quoted as
    inline code in a reporter's sentence (``- paired warnings: `lane wait exceeded: ...` ``) is
    that message."""
    numbered = _NUMBERED_ITEM.match(message) if message[:1] in _DIGITS else None
    if (message[:2] not in _BULLETS and numbered is None and "`" not in message) \
            or families.match_family(message) is not None:
        return message
    if message[:2] in _BULLETS or numbered is not None:
        rest = message[numbered.end() if numbered is not None else 2:].lstrip()
        if families.match_family(rest) is not None:
            return rest
    if "`" in message:
        for quoted in _INLINE_CODE.finditer(message):
            if families.match_family(quoted.group(1)) is not None:
                return quoted.group(1)
        item = _FIELD_ITEM.fullmatch(message)
        if item is not None:  # "- `queueDepth=1`": one field of a warning listed a line each
            return item.group(1)
    return message


# How many lines after a logged crash line (not a bare error head) its stack frames may still come: a wrapped paste
# breaks its frames across lines, but a frame tens of lines of prose later is no part of that stack.
CRASH_FRAME_WINDOW = 64


def _bare_error_head(event: Event) -> bool:
    """Whether ``event`` is the head of Node's own print of an exception nothing caught: an error's name and message
    alone on an untimed line, with no logger's level or tag (a line the gateway's logger wrote for a caught error
    carries its time or tag). Only its frames on the lines right after it make it a crash (see _crash_frame)."""
    return event.time is None and event.level is None and event.subsystem is None \
        and BARE_ERROR_HEAD.match(event.message) is not None


_INLINE_CODE = re.compile(r"`([^`\n]{4,2000})`")
_FIELD_ITEM = re.compile(r"[-*•] +`([A-Za-z_][\w.\-]{0,80}=[^`\s]{1,500})`")
_TIMELINE_DASHES = frozenset({"- ", "– ", "— "})
# A figure a reporter wrote with thousands separators after a field's "=" ("eventLoopDelayMaxMs=15,544ms").
_GROUPED_DIGITS = re.compile(r"(?<==)\d{1,3}(?:,\d{3})+(?![\d,])")
# A reporter's summary row of one liveness field, its name, a colon and the figure or the range the samples spanned
# ("eventLoopDelayMaxMs:    4,234 ms  →  25,534 ms  (varied by restart)", "eventLoopUtilization:   0.86 – 1.0").
_LIVENESS_FIGURE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_LIVENESS_ROW = re.compile(
    r"(?P<key>eventLoopDelayMaxMs|eventLoopDelayP99Ms|eventLoopUtilization|cpuCoreRatio):[ \t]+"
    rf"(?P<low>{_LIVENESS_FIGURE})(?:[ \t]*ms)?"
    rf"(?:[ \t]*(?:→|->|–|—|-|to)[ \t]*(?P<high>{_LIVENESS_FIGURE})\+?(?:[ \t]*ms)?)?"
    r"(?:[ \t]+\([^()\n]{0,200}\))?[ \t]*")


def liveness_row_fields(message: str) -> str | None:
    """A liveness-field summary row as the field's ``key=value`` (the range's top: the worst sample it summarises),
    else None. Figures a reporter tabulates from the gateway's liveness warnings are measurements, not prose."""
    row = _LIVENESS_ROW.fullmatch(message.strip())
    if row is None:
        return None
    figures = [float(row.group(name).replace(",", "")) for name in ("low", "high") if row.group(name)]
    return f"{row.group('key')}={max(figures):g}"


_BULLETS = frozenset({"- ", "* ", "• "})
_QUOTED_RECORD = frozenset({"`{", '`"'})  # a JSON record or its values quoted whole as inline code: "`{"0":...}`"
_NUMBERED_ITEM = re.compile(r"\d{1,3}[.)] +")  # "3. stuck session: ...", "2) ..."
_SYSLOG_TIME_SHAPES = frozenset({"journald", "syslog-timestamped", "syslog-bracketed"})  # "Jun 15 19:51:37"
_WHOLE_RECORD_SHAPES = ("logs-json", "json", "values", "meta", "docker-json")
_DITTO_KEYS = frozenset({"age", "lastProgressAge", "queueDepth", "recovery"})  # what every warning line says
_INDENT = frozenset(" \t")
_KEY_WORD = re.compile(r"[A-Za-z_][\w.\-]*=")
# A session lock path alone on a line (a lock error's path wrapped onto the next line).
_LOCK_PATH = re.compile(r"(?:[A-Za-z]:\\|[/~.…])\S{0,1000}\.lock")
# ... also with the reason tag a model-fallback summary prints after a failed candidate ("<path>.jsonl.lock (timeout)").
_WRAPPED_LOCK_PATH = re.compile(_LOCK_PATH.pattern + r"(?: \(timeout\))?")
# A property Node.js prints on a line of its own under an error it logs (``url: 'https://...'``, ``errno: -4039,``),
# and the error's name in the line above it ("AxiosError: ...", "Error: connect ETIMEDOUT ...").
_ERROR_PROPERTY = re.compile(r"[a-z][A-Za-z_]{0,30}: (?:'[^'\n]{0,2000}'|\"[^\"\n]{0,2000}\"|-?\d{1,15}|true|false|null"
                             r"|undefined),?")
_ERROR_NAME = re.compile(r"\b[A-Z]?\w{0,40}Error\b")
_MAX_JOINED = 16_384  # a wrapped paste joins up to this many characters: bounded memory and work
# ... and over up to this many lines (the head and its wrapped tails, :meth:`LineParser._continues`): each line joined
# rebuilds the event from the whole grown text, so a join of n lines costs n times its size; a cap on its lines keeps
# that a constant per line (3,000 lines of "  a=1" under "lane task error: foo:" took ~7 s). A real wrapped line or a
# warning's fields listed one a line take a few dozen at most (the field corpus and sample logs: 9); the line after the
# cap starts an event of its own, as at the size cap. (An argument list's elements and an error's properties are
# gathered and built once, :meth:`LineParser._gathers`: they join up to the size cap alone.)
_MAX_JOINED_LINES = 64
# Node's "Require stack:" under a "Cannot find module" error, and each entry of it (a module's path, "- " before it as
# Node prints it): the modules that asked for the missing one, the first of them the plugin's own when a plugin loader
# reports the error with no plugin id ("[plugins] failed to load plugin: Error: Cannot find module ...", f6121).
_REQUIRE_STACK = "Require stack:"
_REQUIRE_STACK_ENTRY = re.compile(r"(?:- )?" + families.STACK_ENTRY)
# A config refusal's lines under its head (families: config.invalid): the CLI config guard's "File: <path>", its
# "Problem:" and "Legacy config keys detected:" headers and one "  - <path>: <problem>" line per issue (src/cli/program/
# config-guard.ts), and the issue lines under the loader's "Invalid config at <path>:" and the daemon CLI's "Gateway
# aborted: config is invalid." (a paste may drop a bullet's "- "): one refusal, joined into one event (n66, f217, f1727).
_CONFIG_GUARD_HEAD = "Config invalid"
_CONFIG_GUARD_FILE = re.compile(r"File: \S{1,1000}")
_CONFIG_GUARD_SECTIONS = ("Problem:", "Legacy config keys detected:")
_CONFIG_PATH_HEAD, _CONFIG_PATH_STEP = r"[A-Za-z_$][\w$*-]{0,100}", r"(?:\.[\w$*-]{1,100}|\[\d{1,6}\])"
_CONFIG_ISSUE = re.compile(r"(?:- )?(?:<root>|" + _CONFIG_PATH_HEAD + _CONFIG_PATH_STEP + r"{0,30}): \S.*")
_CONFIG_DOTTED_ISSUE = re.compile(r"(?:- )?" + _CONFIG_PATH_HEAD + _CONFIG_PATH_STEP + r"{1,30}: \S.*")
# The guard's last line, after its issues: "Run: openclaw doctor --fix" (a fork's CLI name in its place, "Run:
# openclaw-cn doctor --fix", f1517); nothing of the refusal follows it.
_CONFIG_GUARD_RUN = re.compile(r"Run: [\w.-]{1,40} doctor --fix")
_CONFIG_GUARD_END = " doctor --fix"
# A config refusal's lines in a file of records (JSONL, journald: each line its own record, n68): the lines of one
# refusal are written at once, so each is at most this far from its heading's time (a second's rounding allowed).
_CONFIG_REFUSAL_SPAN = timedelta(seconds=2)


def _continues_config_refusal(head: str, text: str, indented: bool, record: bool = False) -> bool:
    """Whether ``text`` (a bare line, or with ``record`` a record's message, stripped) is the next line of the config
    refusal ``head`` (see CONFIG_REFUSAL_KIND)."""
    if head.startswith(_CONFIG_GUARD_HEAD):
        if head.endswith(_CONFIG_GUARD_END):
            return False
        in_issues = any(section in head for section in _CONFIG_GUARD_SECTIONS)
        if _CONFIG_GUARD_FILE.fullmatch(text):
            return not in_issues and " File: " not in head
        if text in _CONFIG_GUARD_SECTIONS:
            return True
        if not in_issues:
            return False
        if _CONFIG_GUARD_RUN.fullmatch(text):
            return True
    # (an issue's line whose path has no dot, "- gateway: Invalid input", is read as a "gateway:" tag and stays a line
    # of its own; unindented, a list item's "- " taken off, only a dotted path is taken as an issue's. A record's own
    # "- <path>: ..." is an issue's whatever its path: the record's time, level and place tie it to the heading.)
    pattern = _CONFIG_ISSUE if indented or (record and text[:2] == "- ") else _CONFIG_DOTTED_ISSUE
    return pattern.fullmatch(text) is not None


# A line a terminal padded with spaces to its width, its text going on on the next, indented line: a command's note
# box wrapped at the terminal's width and pasted without its frame (`openclaw doctor`'s "Plugin diagnostics", f6122).
_TERMINAL_PADDING = "  "
# A record printed over lines (`jq .`) is read whole up to the size the reader allows one line (a session transcript's
# turn holds whole tool calls and results), and over as many lines as a record of a few dozen fields and parts takes.
_PRETTY_MAX_CHARS = DEFAULT_MAX_LINE_BYTES
_PRETTY_MAX_LINES = 256


def _fragment_kind(message: str, fields: dict[str, Any]) -> str | None:
    """The kind of the template whose own fields ``fields`` are (families.FIELD_SIGNATURES), else None."""
    label = families.signature_label(fields)
    found = families.match_family(label + message) if label else None
    return found[0].kind if found is not None else None


def _wrapped_under(head: Event, text: str) -> bool:
    """Whether ``text``, an indented bare line, may be the wrapped rest of ``head``, a timed text line (a pasted
    console or logs line an editor wrapped: "... re-warmed (auth-profile-failure)" / "  in 162375ms
    eventLoopMax=22112.4ms"); a whole record's line is never continued."""
    return text[:1] in _INDENT and not head.shape.endswith("jsonl") and not head.shape.startswith(_WHOLE_RECORD_SHAPES)


# A logger that prints its arguments as one array after a level label ("[error]: [", the Lark SDK's default logger:
# console.log("[error]:", args)): Node breaks an array too long for one line into its elements, two spaces in, one a
# line, and a "]" alone at the end. The head and its elements are one log call, joined back into one line.
_INSPECTED_ARGUMENTS = re.compile(r"(?:\[(?:error|warn|info|debug|trace)\])?:[ \t]*\[")


_ELEMENT_QUOTES = "'\"`"  # how Node quotes a string element of an array it prints


def _open_inspected_arguments(head: Event) -> bool:
    """Whether ``head`` is such an array, not closed yet (a text line; a record is whole)."""
    return _INSPECTED_ARGUMENTS.match(head.message) is not None and not head.message.rstrip().endswith("]") \
        and not head.shape.endswith("jsonl") and not head.shape.startswith(_WHOLE_RECORD_SHAPES)


def _only_fields(message: str) -> bool:
    """Whether ``message`` is nothing but ``key=value`` words."""
    if "=" not in message or message.startswith(("{", "[", "=")):
        return False
    parsed = tokenize(message)
    return bool(parsed.fields) and not parsed.bare


def _fields_listed_one_a_line(head: str, line: str) -> bool:
    """A stall warning's fields a reporter listed one to a line, unindented, its label cut (``classification=
    stalled_agent_run`` / ``reason=...`` / ``lastProgress=...``, #82027): a head that is a template's own fields, and a
    line of one more field the head does not have yet."""
    if "=" not in line or line.startswith(("{", "[", "=")) or len(head) + len(line) > _MAX_JOINED \
            or not _is_fragment(head):
        return False
    added = tokenize(line)
    return len(added.raw) == 1 and not added.bare and not set(added.raw) & set(tokenize(head).raw)


def _is_fragment(message: str) -> bool:
    """Whether ``message`` is a bare run of a template's own key=value fields, its label cut off
    (families.FIELD_SIGNATURES): a line a wrapped tail may continue, like a known family's."""
    words = message.split(None, 1)
    first = words[0] if words else ""
    return "=" in first and not first.startswith(("{", "[", "=")) \
        and families.signature_label(tokenize(message).fields) is not None


def _level_is_message(from_level: str, after_level: str, message: str) -> bool:
    """Whether the word read as a logs line's level begins the message itself: only the
    text from that word on is a message of some family (not the text after it, whose first
    word may be a root-logger message's own: "WARN  visible channel turn dispatched ...")."""
    return (families.match_family(message) is None and families.match_family(after_level) is None
            and families.match_family(from_level) is not None)


def _json_values(text: str) -> list[Any] | None:
    """``{...},"..."`` (a record's values in a row) as a list, else None."""
    body = text.rstrip()
    if body.endswith(","):
        body = body[:-1]
    try:
        values = _strictjson.loads("[" + body + "]")
    except (ValueError, RecursionError):
        return None
    return values if isinstance(values, list) and len(values) > 1 else None


def _second_value(rest: str) -> str:
    """What follows a record's first value when its values were copied out of the JSON line with the
    quotes between them (``{"subsystem":"x"}","handler failed: ..."``): the second value's text, decoded."""
    if rest.startswith('","'):
        quoted, bare = rest[2:], rest[3:]
    elif rest.startswith('"'):  # (the values joined by a space: {"subsystem":"x"} "No messages received ...")
        quoted, bare = rest, rest
    else:
        return rest
    try:
        value = _strictjson.loads(quoted)
    except (ValueError, RecursionError):
        return bare
    return value if isinstance(value, str) else bare


def _is_close_meta(event: Event) -> bool:
    """A `closed before connect` call's meta object on a line of its own (JSON or key=value)."""
    return (event.kind == "ws.closed_before_connect" and event.shape != "jsonl"
            and not event.message.startswith("closed before connect"))


def _is_close_text(event: Event) -> bool:
    """A `closed before connect` text line that does not carry its meta object."""
    return (event.kind == "ws.closed_before_connect" and event.shape != "jsonl" and event.meta is None
            and event.message.startswith("closed before connect") and "cause" not in event.fields
            and "handshakeMs" not in event.fields)


def _merged_close(previous: Event, line: Event) -> Event | None:
    """A `closed before connect` line and its meta object on the line just before or after
    it, as one event (the text line's, with the meta object's fields), else None."""
    if _is_close_text(previous) and _is_close_meta(line):
        text, meta = previous, line
    elif _is_close_meta(previous) and _is_close_text(line):
        text, meta = line, previous
    else:
        return None
    merged = replace(text, fields=dict(text.fields), raw=dict(text.raw), seconds=dict(text.seconds))
    for name, value in meta.fields.items():
        if name not in merged.fields:
            merged.fields[name] = value
            if name in meta.raw:
                merged.raw[name] = meta.raw[name]
            if name in meta.seconds:
                merged.seconds[name] = meta.seconds[name]
    merged.meta = meta.meta
    if merged.time is None:
        merged.time = meta.time
    return merged


class LineParser:
    """Parses the lines of one source; keeps the time context and the state that joins
    lines: a pending event (a wrapped paste's next line, or a `closed before connect`
    line's meta object, may still join it), the notes that follow it, and the pieces of a
    container log line split by its runtime."""

    def __init__(self, source: str, options: ParseOptions, stats: ParseStats) -> None:
        self.source = source
        self.options = options
        self.stats = stats
        base_date = options.date or date_from_filename(source)
        self.clock = TimeContext(base_date=base_date, zone=options.tz)
        self._offset_noted = False
        self._pending: Event | None = None
        # the elements of an argument list Node printed over lines ("[error]: [" / "  1," / "]") read since the pending
        # event, its head, was built: each " " + its text, joined and built once (see _gathers); bounded by _MAX_JOINED
        self._elements: list[str] = []
        self._elements_size = 0  # the pending event's message's length with those elements joined
        self._elements_error = False  # whether that message names an error (see _ERROR_NAME)
        # the lines the event a wrapped tail last joined (_joined) holds, and that event: the pending event holds
        # that many when it is that event (it is whenever no other line took its place), else it holds one
        self._joined_event: Event | None = None
        self._joined_lines = 1
        self._pending_notes: list[Event] = []  # notes after the pending event, handed out after it
        self._trailing_note: Event | None = None  # set by parse_text: a remark after the line's text
        self._partial: _Partial | None = None
        self._last_warning: Event | None = None  # the template a "... age=199s ..." ditto line repeats
        self._yaml: _YamlBlock | None = None      # a record transcribed as YAML, being read
        self._values: _ValuesBlock | None = None  # a record's values one per line, being read
        self._pretty: _PrettyJson | None = None   # a JSON object pretty-printed over lines, being read
        self._row: _TrajectoryRow | None = None   # a hand-typed trajectory row whose object is wrapped, being read
        # a Control UI record's time, level and subsystem lines so far: (line number, text, value)
        self._ui_header: list[tuple[int, str, str]] | None = None
        self._ui_heading: str | None = None  # "<clock> [<subsystem>]" of a time-and-subsystem heading being held
        # lines read out of a markdown blockquote or list item, not yet emitted: (line number, shape mark)
        self._unwrapped: deque[tuple[int, str]] = deque()
        self._padded = False  # whether the last text line taken ended in a terminal's padding (_TERMINAL_PADDING)
        self._comment_width = 0  # the comment mark's width on the line before, when it was a log line behind one
        self._transcript_entry_at: datetime | None = None  # the time of the last session transcript entry read
        self._transcript_tool_pending = False  # whether that entry was a turn that called a tool
        self._transcript_session: str | None = None  # the session id the transcript's header names
        # the ids of the transcript's tool calls that ran a command printing a log, until their result is read
        self._log_reading_calls: deque[str] = deque(maxlen=_MAX_LOG_READING_CALLS)
        self._carried: list[str] = []  # the log lines the tool result just read carries (see _carried_events)
        # channel account -> (session key, time) of dispatches not complete yet
        self._open_dispatches: dict[str, deque[tuple[str, datetime | None]]] = {}
        # Feishu account -> (line, time) of the official plugin's WebSocket stop (see _after_plugin_stop)
        self._plugin_stops: dict[str, tuple[int, datetime | None]] = {}
        self._dingtalk_seen = False  # whether a line so far was the DingTalk channel's (see as_dingtalk_sdk_line)
        self._crash: Event | None = None  # an uncaught crash whose stack frames may follow (see _crash_frame)
        self._crash_bare = False  # (whether that crash is Node's own bare print, whose frames must follow at once)
        self._table_header: list[str] | None = None  # a pasted markdown table's header cells (see _table_row)
        self._table_last: list[str] | None = None  # the cells of the table row before, until a separator shows a header
        self._table_time: str | None = None  # a time alone in a row, when the table's cells were pasted one a line
        self._table_more: list[str] = []  # a table row's other dated events, read as lines after the row's own

    # -- public -------------------------------------------------------------------

    def parse(self, raw_lines: Iterable[RawLine]) -> Iterator[Event]:
        for raw_line in raw_lines:
            ready = self.feed_line(raw_line.number, raw_line.data, raw_line.truncated)
            if ready:
                yield from ready
        yield from self.flush()

    def feed_line(self, number: int, data: bytes, truncated: bool = False) -> Sequence[Event]:
        """Take one line; return the events that are now complete, in line order (lines may
        join the one before them, so an event is handed out when the next line shows it is
        finished; a reporter's remark after a line follows that line's event)."""
        self.stats.lines += 1
        if truncated:
            self.stats.truncated += 1
        text = decode_line(data, number == 1)
        if "\x1b" in text:  # colour codes are a terminal's, never the line's: read it as if printed without them
            text = strip_ansi(text)
        elif text[:1] == "[" and text[1:2] in _DIGITS:
            text = strip_bare_sgr(text)
        lead = text[:1]
        if lead == ">":  # (a table quoted from an earlier comment: its rows are read as the table's own)
            quoted = _BLOCKQUOTE.match(text)
            if quoted is not None and (text[quoted.end():quoted.end() + 1] == "|" or self._table_time is not None):
                text, lead = text[quoted.end():], "|"
        if lead == "|" or self._table_time is not None:
            text = self._table_row(number, text)
            if self._table_more:  # (the row's other dated cells: each a line of its own after the row's)
                more, self._table_more = self._table_more, []
                ready = self._feed_text(number, text, truncated)
                return [*ready, *(event for line in more for event in self._take(number, line, truncated))]
        return self._feed_text(number, text, truncated)

    def _feed_text(self, number: int, text: str, truncated: bool) -> Sequence[Event]:
        """:meth:`feed_line` for a decoded line, a table row already read as a line."""
        lead = text[:1]
        if lead in _MARKDOWN_FIRST or (lead in _INDENT and text.lstrip(" \t")[:1] in _MARKDOWN_FIRST) \
                or (lead in _DIGITS and (". " in text[1:5] or ") " in text[1:5])):
            text = self._unwrapped_markdown(number, text)
        elif self._comment_width:
            self._comment_width = 0
        if not text.strip():
            self.stats.blank += 1
            return _NOTHING
        first = text[:1]
        if self._partial is None and (first not in _PIECE_FIRST or (first == "{" and text[2:5] != "log")
                                      or not _may_be_piece(text)):
            return self._take(number, text, truncated)
        ready: list[Event] = []
        for line in self._whole_lines(number, text, truncated):
            ready.extend(self._take(*line))
        return ready

    def _unwrapped_markdown(self, number: int, text: str) -> str:
        """A line quoted as a markdown blockquote ("> " before it, "> > " nested: a log quoted from an earlier
        comment or an e-mail), or put in a list item ("- ", "* ", "1. "; a line a family reads with its dash is the
        gateway's own list), or kept behind a comment's mark (also inside a quote or an item): the line without those
        marks. Its event's shape says so."""
        comment_width, self._comment_width = self._comment_width, 0
        quoted = _BLOCKQUOTE.match(text)
        rest = text if quoted is None else text[quoted.end():]
        item = _LIST_ITEM.match(rest)  # (also a list quoted from an earlier comment: "> - `2026-05-05T11:55:15 ...`")
        if item is not None:
            found = families.match_family(rest.strip())
            if found is not None and found[1].start() <= item.end() - (len(rest) - len(rest.lstrip())):
                item = None  # the message begins at the dash: doctor's own list ("- <lock path> pid=... stale=yes")
        inner = rest if item is None else rest[item.end():]
        marks = ("quote+" if quoted else "") + ("list+" if item else "")
        uncommented = self._uncommented(inner, comment_width)
        if uncommented is not None:
            inner, marks = uncommented, marks + "comment+"
        if not marks:
            return text
        if len(self._unwrapped) >= _MAX_UNWRAPPED_HELD:
            self._unwrapped.popleft()  # (bounded: a line joined into another's event is never emitted under its number)
        self._unwrapped.append((number, marks))
        return inner

    def _table_row(self, number: int, text: str) -> str:
        """A pasted markdown table's row read as a log line: a row whose time column (the one its header names as a
        time, else its first cell after a row number) holds a time is ``<time> <the other cells>``, so it is dated as
        a log line is; its time cell's remark after the time follows the time, behind the message a header cell quotes
        in inline code (a header "first `stalled session` warning" names what its times date). A row with no time
        (the header, the separator, a reporter's undated note) is left as it is. Cells pasted one a line
        (``| 09:17:52 |`` above ``User message arrives ... |``) date the line below the time."""
        held, self._table_time = self._table_time, None
        if text[:1] != "|":
            body = text.rstrip()
            if held is None or not body.endswith("|") or "|" in body[:-1]:
                return text
            self._unwrapped.append((number, "table+"))
            return f"{held} {body[:-1].strip()}"
        cells = [cell.strip() for cell in text.strip().strip("|").split("|")]
        if len(cells) > _TABLE_MAX_CELLS:
            return text
        if _TABLE_SEPARATOR.fullmatch(text.strip()):
            self._table_header, self._table_last = self._table_last, None
            return text
        self._table_last = cells
        column = _time_column(self._table_header, cells)
        if column is None:
            return text
        stamp = _TABLE_TIME.match(cells[column])
        if stamp is None:
            return text
        if len(cells) == 1:
            self._table_time = stamp.group()
            return text
        events = _event_columns(self._table_header, cells, column)
        rest = [_unquoted(cell) for index, cell in enumerate(cells)
                if index != column and cell and not (index < column and _TABLE_INDEX.fullmatch(cell))
                and all(index != other for other, _ in events)]
        message = " ".join(part for part in (self._table_cell_head(column, cells[column][stamp.end():]), *rest)
                           if part)
        if not message:
            return text
        self._unwrapped.append((number, "table+"))
        for index, other in events:
            name = _quoted_message(self._table_header[index]) or _unquoted(self._table_header[index])
            remark = _cell_remark(cells[index][other.end():])
            self._unwrapped.append((number, "table+"))
            self._table_more.append(f"{other.group()} {name}: {remark}" if remark else f"{other.group()} {name}")
        return f"{stamp.group()} {message}"

    def _table_cell_head(self, column: int, after: str) -> str:
        """A time cell's remark after its time, behind the message its header cell quotes in inline code."""
        remark = _cell_remark(after)
        named = _quoted_message(self._table_header[column]) if self._table_header else None
        return f"{named}: {remark}" if named and remark else remark

    def _uncommented(self, text: str, comment_width: int) -> str | None:
        """A log line behind a comment's mark (see :data:`_COMMENT`), without it; None for any other line."""
        marks = _COMMENT.match(text)
        if marks is None:
            return None
        rest = text[marks.end():]
        if comment_width and marks.end() > comment_width and text[:comment_width].strip() == text[:marks.end()].strip():
            self._comment_width = comment_width  # a continuation under the line above: its own indent kept
            return text[comment_width:]
        if _STARTS_AS_LOG.match(rest) is None and families.match_family(rest.rstrip()) is None:
            return None
        self._comment_width = marks.end()
        return rest

    def flush(self) -> Sequence[Event]:
        """The events still held back (end of input, or a line that cannot join them)."""
        if self._yaml is not None:
            return [*self._end_yaml(), *self.flush()]
        if self._values is not None:
            return [*self._end_values(), *self.flush()]
        if self._pretty is not None:
            return [*self._end_pretty(), *self.flush()]
        if self._row is not None:
            return [*self._end_row(), *self.flush()]
        if self._ui_header is not None:
            held, self._ui_header, self._ui_heading = self._ui_header, None, None
            return [*(event for number, text, _ in held for event in self._take_parsed(number, text, False)),
                    *self.flush()]
        self.stats.guessed_dates += self.clock.take_guessed_dates()
        self._settle()
        if self._partial is None and not self._pending_notes:
            pending, self._pending = self._pending, None
            return _NOTHING if pending is None else (self._emit(pending),)
        ready = list(self._drain_partial())
        ready.extend(self._release())
        return ready

    @property
    def reading_block(self) -> bool:
        """Whether lines are being gathered into one event (a YAML, values or pretty-printed block, a Control UI
        header): the next line must go through :meth:`feed_line`, which decides whether it joins them."""
        return self._yaml is not None or self._values is not None or self._pretty is not None \
            or self._row is not None or self._ui_header is not None

    def hold(self, event: Event) -> Sequence[Event]:
        """Make ``event`` (a gateway JSONL record the scan fast path built) the pending event;
        returns the events it completes."""
        self._settle()
        if self._partial is not None or self._pending_notes:
            ready = [*self._drain_partial(), *self._release()]
            self._pending = event
            return ready
        pending = self._pending
        if pending is not None and self._refusal_goes_on(pending, event, event.line):
            self._join_refusal(pending, event)
            return _NOTHING
        self._pending = event
        return _NOTHING if pending is None else (self._emit(pending),)

    def _refusal_goes_on(self, pending: Event, event: Event, number: int) -> bool:
        """Whether ``event``, a line that is a record of its own (a JSONL record, a journald line: it carries its own
        time), is the next line of the config refusal ``pending`` heads (n68): in the file form each line the CLI
        prints through runtime.error is a record (``Config invalid``, ``File: <path>``, ``Problem:``, ``  - <path>:
        <problem>``, ``Run: openclaw doctor --fix``; ``Invalid config:`` and its ``- <path>: ...`` lines, f4921). It
        goes on the refusal when it is the very next line of the file (any line between, skipped by the scan fast path
        or not, ends the refusal, so both paths join alike), untyped, carries no subsystem of a gateway record, states
        no other level, is at most _CONFIG_REFUSAL_SPAN from the heading's time and is a line of the refusal's form
        (:func:`_continues_config_refusal`). A bare line (no time) is left to :meth:`_continues`."""
        if pending.kind != CONFIG_REFUSAL_KIND or event.kind != GENERIC_KIND or event.time is None \
                or pending.time is None or (event.subsystem and event.shape.endswith("jsonl")):
            return False
        lines = self._joined_lines if pending is self._joined_event else 1
        if pending.line + lines != number or lines >= _MAX_JOINED_LINES \
                or (event.level is not None and event.level != pending.level) \
                or abs(event.time - pending.time) > _CONFIG_REFUSAL_SPAN:
            return False
        message = event.message
        text = message.strip()
        if not text or len(pending.message) + len(text) > _MAX_JOINED:
            return False
        return _continues_config_refusal(pending.message, text, message[:1] in _INDENT, record=True)

    def _join_refusal(self, pending: Event, event: Event) -> None:
        """Make the pending config refusal ``pending`` take ``event``'s line (see :meth:`_refusal_goes_on`)."""
        lines = self._joined_lines if pending is self._joined_event else 1
        self._pending = self._joined_event = self._joined(pending, event.message)
        self._joined_lines = lines + 1

    @property
    def takes_whole_records(self) -> bool:
        """Whether a line that is one whole JSON record with a ``_meta`` object (``{"0":`` to ``}``, over
        :data:`_UI_HEADER_MAX` characters, no ``"log"`` key, no raw escape character) would go from
        :meth:`feed_line` straight to :meth:`_parse_json` and its event be placed as :meth:`hold` places it: no
        container piece, table, block or Control UI header being read, no carried log line, and the pending event no
        `closed before connect` one (its meta object may follow it; left to :meth:`_take_parsed`)."""
        self._settle()
        pending = self._pending
        return self._partial is None and self._table_time is None and not self._carried \
            and self._yaml is None and self._values is None and self._pretty is None and self._row is None \
            and self._ui_header is None \
            and (pending is None or pending.kind != _CLOSE_KIND)

    def take_record(self, number: int, moment: datetime, record: Record) -> Sequence[Event] | None:
        """What :meth:`feed_line` does with a whole JSON record line when :attr:`takes_whole_records` (the scan fast
        path has decoded it: ``record`` is its :func:`record_from_json`, ``moment`` its ``time`` as
        :meth:`_resolve_time` reads a full timestamp with an offset): the events it completes, its own held back.
        None, nothing changed, when it is a `closed before connect` record (left to the parser, which may merge it)."""
        event = self._build(number, moment, record, False)
        if event.kind == _CLOSE_KIND:
            return None  # (_build changed nothing: no dispatch, no start, no transcript entry)
        self.stats.lines += 1
        self._comment_width = 0
        self._trailing_note = None
        self.clock.note_full(moment)
        return self.hold(event)

    def parse_text(self, number: int, text: str, truncated: bool = False) -> Event:
        """One line's event. A reporter's remark after the line is left in
        ``self._trailing_note`` (as a ``note`` event) for :meth:`feed_line`."""
        self._trailing_note = None
        stripped = text.strip()
        if stripped[:2] in _QUOTED_RECORD and stripped[-1:] == "`" and stripped.count("`") == 2:
            event = self.parse_text(number, stripped[1:-1], truncated)  # a record quoted whole as inline code
            event.shape = "code+" + event.shape
            return event
        if stripped[:1] == "{":
            return self._parse_json(number, stripped, truncated)
        if stripped.startswith('"'):
            event = self._parse_json_pieces(number, stripped, truncated)
            if event is not None:
                return event
        if stripped.startswith("[") and stripped.endswith("]") and _is_json(stripped):
            return self._unparsed(number, text, truncated, "json")  # valid JSON, but not a log record
        clean = strip_ansi(stripped).strip()
        note = own_line_note(clean, _is_log_text)
        if note is not None:
            return self._note_event(number, note)
        body, remark = split_trailing_remark(clean)
        if remark is not None:
            self._trailing_note = self._note_event(number, remark)
            if body.startswith("{"):
                return self._parse_json(number, body, truncated)
        return self._parse_text_line(number, body, truncated)

    # -- joining lines ----------------------------------------------------------------

    def _take(self, number: int, text: str, truncated: bool) -> Sequence[Event]:
        """Parse a whole line; join it to the pending event or make it the pending one."""
        if self._yaml is not None:
            if self._yaml.absorbs(text):
                return _NOTHING
            return [*self._end_yaml(), *self._take(number, text, truncated)]
        if self._values is not None:
            if self._values.absorbs(text):
                return _NOTHING
            return [*self._end_values(), *self._take(number, text, truncated)]
        if self._pretty is not None:
            if self._pretty.absorbs(text):
                return self._end_pretty() if self._pretty.closed else _NOTHING
            return [*self._end_pretty(), *self._take(number, text, truncated)]
        if self._row is not None:
            if self._row.absorbs(text):
                return self._end_row() if self._row.closed else _NOTHING
            return [*self._end_row(), *self._take(number, text, truncated)]
        if len(text) <= _UI_HEADER_MAX or self._ui_header is not None:  # (never inside a block being read)
            replay, text = self._control_ui(number, text)
            if replay:  # held lines that turned out to be no Control UI header: read as they are
                ready = [event for held_number, held in replay for event in self._take_parsed(held_number, held, False)]
                return [*ready, *(self._take(number, text, truncated) if text else ())]
            if not text:
                return _NOTHING
        # (both tests cost nothing on a whole JSONL record, which starts '{"0":' and is long)
        if len(text) <= _UI_HEADER_MAX and text.strip() == "{":
            self._pretty = _PrettyJson(number, [text], 1, len(text))
            return _NOTHING
        # (indented too: a block pasted inside a list item or as a markdown code block by indentation)
        head = text.lstrip(" \t") if text[:1] in _INDENT else text
        if head[:1] == "{" and _OPENED_OBJECT.match(head) and (depth := _brace_depth(head)) > 0:
            self._pretty = _PrettyJson(number, [text], depth, len(text))  # ({ "type": "turn.completion_idle_timeout", ...)
            return _NOTHING
        if head[:13] == '{"subsystem":' and _BINDING_ALONE.fullmatch(head.strip()):
            self._values = _ValuesBlock(number, [head.strip()])
            return _NOTHING
        header = _YAML_HEADER.fullmatch(head) if head[-1:] in (":", " ", "\t") else None
        if header is not None:
            self._yaml = _YamlBlock(number, header.group("name"), [], text=text, indent=len(text) - len(head))
            return _NOTHING
        tagged = _YAML_TAGGED_HEADER.fullmatch(head) if head[:1] == "[" else None
        if tagged is not None:
            self._yaml = _YamlBlock(number, tagged.group("name"), [], level=normalize_level(tagged.group("level")),
                                    head=tagged.group("value"), text=text, indent=len(text) - len(head))
            return _NOTHING
        if head[:2] in _ROW_FIRST:
            row = trajectory_row(head)
            if row is not None:
                data = row.group("data") or ""
                self._row = _TrajectoryRow(number, row, [text], _brace_depth(data), len(data))
                return self._end_row() if self._row.closed else _NOTHING
        return self._take_parsed(number, text, truncated)

    def _control_ui(self, number: int, text: str) -> tuple[list[tuple[int, str]], str]:
        """The Control UI's log view copied as text puts a record's time (``6:07:18 PM``), level and
        subsystem on lines of their own above its message: those lines are held ("" returned) and
        the message line comes back as one ``openclaw logs`` line (``18:07:18 debug agent/embedded
        <message>``). Held lines that turn out to head no message are handed back to be read as
        they are, with the line that showed it (the first item)."""
        stripped = text.strip()
        clock = _UI_TIME.fullmatch(stripped)
        held = self._ui_header
        heading = _CLOCK_SUBSYSTEM.fullmatch(stripped) if clock is None else None
        if heading is not None:  # time and subsystem on one line: the indented line below is the message
            self._ui_header, self._ui_heading = [(number, text, "")], f"{heading['clock']} [{heading['subsystem']}]"
            return [(n, t) for n, t, _ in held or ()], ""
        if self._ui_heading is not None:
            line_head, self._ui_header, self._ui_heading = self._ui_heading, None, None
            if text[:1] in " \t" and stripped:
                return [], f"{line_head} {stripped}"
            return [(n, t) for n, t, _ in held or ()], text
        if clock is not None:
            hour, half = int(clock.group("hour")), (clock.group("half") or "").upper()
            hour = hour % 12 + (12 if half == "PM" else 0) if half else hour
            self._ui_header = [(number, text, f"{hour:02d}:{clock.group('rest')}")]
            return [(n, t) for n, t, _ in held or ()], ""
        if held is None:
            return [], text
        if len(held) == 1 and _UI_LEVEL.fullmatch(stripped):
            held.append((number, text, stripped.lower()))
            return [], ""
        if len(held) == 2 and _UI_SUBSYSTEM.fullmatch(stripped):
            held.append((number, text, stripped))
            return [], ""
        self._ui_header = None
        if len(held) < 2 or not stripped or (len(held) == 2 and not _TAGGED_MESSAGE.match(stripped)):
            return [(n, t) for n, t, _ in held], text  # not the Control UI's layout after all
        # (a line the view shows with no subsystem of its own, its tag in the message: "[QQ] Connected to ...")
        return [], " ".join(value for _, _, value in held) + f" {stripped}"

    def _end_pretty(self) -> Sequence[Event]:
        """The object as one line when it reads as a record or a tool result; else its lines as they are."""
        block, self._pretty = self._pretty, None
        assert block is not None
        obj = block.value()
        reading = tool_failure_line(obj) if obj is not None else None
        # (any other object the parser reads on one line, as `jq .` prints it: a meta object, a binding with fields)
        if obj is not None and reading is None and (_is_record(obj) or self._known_object(block.number, obj)):
            reading = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
        if reading is not None:
            return self._take_parsed(block.number, reading, False)
        return [event for offset, line in enumerate(block.lines)
                for event in self._take_parsed(block.number + offset, line, False)]

    def _end_row(self) -> Sequence[Event]:
        """A hand-typed trajectory row as its records, held as a record is; its lines as they are when its object
        never closed or is not one JavaScript's notation reads."""
        block, self._row = self._row, None
        assert block is not None
        records = trajectory_row_records(block.row, block.data() if block.row.group("data") else None) \
            if block.closed else None
        if records is None:
            return [event for offset, line in enumerate(block.lines)
                    for event in self._take_parsed(block.number + offset, line, False)]
        return [event for record in records for event in self.hold(self._build(block.number, None, record, False))]

    def _known_object(self, number: int, obj: dict[str, Any]) -> bool:
        """Whether a JSON object is one a family or its meta names, as :meth:`_parse_json` would read it (without
        its side effects: no clock, no counts)."""
        if "log" in obj:
            return False
        record = record_from_json(obj)
        if record.embedded_line is not None:
            return False
        if record.shape == "json":
            record = with_meta_kind(record)
        return self._build(number, None, record, False).kind != GENERIC_KIND

    def _end_values(self) -> Sequence[Event]:
        """The values read so far as one record (the binding alone, read as it is, when no value came)."""
        block, self._values = self._values, None
        assert block is not None
        return self._take_parsed(block.number, block.line(), False)

    def _end_yaml(self) -> Sequence[Event]:
        """The YAML block read so far as one event (a line of its own when it held no field)."""
        block, self._yaml = self._yaml, None
        assert block is not None
        if not block.fields:
            return self._take_parsed(block.number, block.text, False)
        record = Record("yaml", None, block.level, None, block.message(), None)
        return self.hold(self._build(block.number, None, record, False))

    def _take_parsed(self, number: int, text: str, truncated: bool) -> Sequence[Event]:
        event = self.parse_text(number, text, truncated)
        padded, self._padded = self._padded, text.endswith(_TERMINAL_PADDING)
        note = self._trailing_note
        pending = self._pending
        if pending is not None and note is None and not self._carried and not self._elements \
                and not self._pending_notes and self._refusal_goes_on(pending, event, number):
            self._join_refusal(pending, event)
            return _NOTHING
        if self._pending is not None and not self._carried and self._gathers(self._pending, event, text):
            self._elements.append(" " + event.message.strip())
            self._elements_size += len(self._elements[-1])
            return self._note_after_pending(note) if note is not None else _NOTHING
        self._settle()
        if self._carried:
            carried = self._carried_events(number)
            ready = [*self._release(), *carried]
            self._pending = event
            if note is not None:
                self._pending_notes.append(note)
            return ready
        pending = self._pending
        lines = self._joined_lines if pending is not None and pending is self._joined_event else 1
        if pending is not None and pending.kind == event.kind == GENERIC_KIND and event.shape.endswith("snippet") \
                and (pending.shape.endswith("snippet") and note is None or _wrapped_under(pending, text)) \
                and lines < _MAX_JOINED_LINES:
            joined = self._soft_wrapped(pending, event)
            if joined is not None:
                self._pending = self._joined_event = joined
                self._joined_lines = lines + 1
                return self._note_after_pending(note) if note is not None else _NOTHING
        if pending is not None and (event.shape.endswith("snippet") or event.kind == _CLOSE_KIND
                                    or pending.kind == _CLOSE_KIND):
            if lines < _MAX_JOINED_LINES \
                    and self._continues(pending, event, text[:1] in _INDENT, text.lstrip()[:1] in _ELEMENT_QUOTES,
                                        padded):
                self._pending = self._joined_event = self._joined(pending, event.message)
                self._joined_lines = lines + 1
                return self._note_after_pending(note) if note is not None else _NOTHING
            joined = _merged_close(pending, event)
            if joined is not None:
                self._pending = joined
                return self._note_after_pending(note) if note is not None else _NOTHING
        self._pending = event
        if pending is None:
            if note is not None:
                self._pending_notes.append(note)
            return _NOTHING
        if not self._pending_notes:
            if note is not None:
                self._pending_notes.append(note)
            return (self._emit(pending),)
        ready = (self._emit(pending), *(self._emit(held) for held in self._pending_notes))
        self._pending_notes = [note] if note is not None else []
        return ready

    def _gathers(self, pending: Event, line: Event, text: str) -> bool:
        """Whether ``line`` joins ``pending`` as an element (or the closing bracket) of the argument list it opens
        (:func:`_open_inspected_arguments`), or as a property Node prints under the error it names, gathered without
        building the event: the join :meth:`_continues` and :meth:`_soft_wrapped` would make, bar the family match on
        the whole grown text at each line (n lines cost n times the joined size). The event is built once, by
        :meth:`_settle`, when a line does not join it, at the end of input, or when anything else reads it. A head
        ending with a backslash, or starting with a space, is left to them."""
        if not line.shape.endswith("snippet"):
            return False
        indented = text[:1] in _INDENT
        element = line.message.strip()
        if not element or not (indented or line.message in ("]", "],")):
            return False
        elements = self._elements
        if elements:
            last, size = elements[-1], self._elements_size
        else:
            message = pending.message
            if pending.kind in (UNPARSED_KIND, NOTE_KIND) or pending.shape.endswith("jsonl") \
                    or pending.shape.startswith(_WHOLE_RECORD_SHAPES) or message[:1].isspace():
                return False
            last, size = message, len(message)
        if last.endswith("\\") or size + len(line.message) > _MAX_JOINED:
            return False
        if indented and _ERROR_PROPERTY.fullmatch(line.message) is not None \
                and (self._elements_error if elements else _ERROR_NAME.search(last) is not None):
            joins = True  # (the error-property join, tried first)
        else:
            joins = (line.kind == GENERIC_KIND or text.lstrip()[:1] in _ELEMENT_QUOTES) \
                and _INSPECTED_ARGUMENTS.match(pending.message) is not None and not last.rstrip().endswith("]")
        if joins:
            if not elements:
                self._elements_size = size
                self._elements_error = _ERROR_NAME.search(last) is not None
            if not self._elements_error:
                self._elements_error = _ERROR_NAME.search(element) is not None
        return joins

    def _settle(self) -> None:
        """Build the pending event with the elements gathered since its head (:meth:`_gathers`), as
        :meth:`_joined` would have built it one element at a time."""
        if not self._elements:
            return
        head = self._pending
        assert head is not None
        text = head.message + "".join(self._elements)
        self._elements, self._elements_size = [], 0
        record = Record(head.shape, None, head.level, head.subsystem, text, head.meta)
        self._pending = self._text_build(head.line, head.time, record, head.truncated)

    def _soft_wrapped(self, previous: Event, line: Event) -> Event | None:
        """Two bare lines that are one message a reporter's editor wrapped (``Embedded agent failed before
        reply: session file changed while`` / ``embedded prompt lock was released: …``): joined only when
        the joined text is a message of some family and the first line alone is none."""
        if len(previous.message) + len(line.message) > _MAX_JOINED or "=" in line.message[:1]:
            return None
        text = f"{previous.message} {line.message}"
        if families.match_family(text) is None:
            return None
        return self._joined(previous, line.message)

    def _note_after_pending(self, note: Event) -> Sequence[Event]:
        if len(self._pending_notes) >= _MAX_HELD_NOTES:  # bounded: hand the oldest out early
            return [self._emit(self._pending_notes.pop(0)), *self._hold_note(note)]
        return self._hold_note(note)

    def _hold_note(self, note: Event) -> Sequence[Event]:
        self._pending_notes.append(note)
        return _NOTHING

    def _release(self) -> Sequence[Event]:
        self._settle()
        pending = self._pending
        if pending is None:
            return _NOTHING
        self._pending = None
        emit = self._emit
        if not self._pending_notes:
            return [emit(pending)]
        ready = [emit(pending), *(emit(note) for note in self._pending_notes)]
        self._pending_notes = []
        return ready

    def _whole_lines(self, number: int, text: str, truncated: bool) -> list[tuple[int, str, bool]]:
        """The whole lines ``text`` completes: a container runtime splits a long line into
        pieces (CRI ``P`` ... ``F``, docker json-file entries without a final newline)."""
        partial = self._partial
        piece = container_piece(text, partial is not None)
        lines: list[tuple[int, str, bool]] = []
        if partial is not None and (piece is None or piece.kind != partial.first.kind or piece.stream != partial.first.stream):
            lines.extend(self._drain_partial_lines())
            partial = None
        if piece is None:
            lines.append((number, text, truncated))
            return lines
        if partial is None:
            if piece.final:
                lines.append((number, text, truncated))
                return lines
            self._partial = _Partial(number, piece, [piece.content], len(piece.content), truncated)
            return lines
        partial.add(piece.content, self.options.max_line_bytes, truncated)
        if piece.final:
            self._partial = None
            lines.append(partial.line())
        return lines

    def _drain_partial_lines(self) -> list[tuple[int, str, bool]]:
        partial, self._partial = self._partial, None
        return [partial.line()] if partial is not None else []

    def _drain_partial(self) -> list[Event]:
        ready: list[Event] = []
        for line in self._drain_partial_lines():
            ready.extend(self._take(*line))
        return ready

    # -- shapes -------------------------------------------------------------------

    def _parse_json(self, number: int, text: str, truncated: bool, inner: bool = False) -> Event:
        try:
            obj = _strictjson.loads(text)  # an integer past Python's 4300-digit limit stays a digit string
        except (ValueError, RecursionError):
            salvaged = self._salvage_json(number, text, truncated)
            return salvaged if salvaged is not None else self._unparsed(number, text, truncated, "json")
        if not isinstance(obj, dict):
            return self._unparsed(number, text, truncated, "json")
        if not inner and "log" in obj:
            container = docker_json_line(obj)
            if container is not None:
                line, container_time = container
                return self._container_event(number, line, truncated, "docker-json+", container_time)
        record = record_from_json(obj)
        if record.shape == TRANSCRIPT_SHAPE and not inner:
            self._note_log_reading(obj)
        if record.embedded_line is not None and not record.embedded_line.lstrip().startswith("{"):
            event = self._parse_text_line(number, strip_ansi(record.embedded_line), truncated)
            event.shape = "logs-json-raw"
            return event
        if record.shape == "json":
            record = with_meta_kind(record)
        moment = self._resolve_time(record.time_text)
        return self._build(number, moment, record, truncated)

    def _note_log_reading(self, obj: dict[str, Any]) -> None:
        """Follow a transcript's log-reading tool calls to their results: a result of one keeps the log lines its
        text carries in ``self._carried``, for :meth:`_take_parsed` to read as lines of their own."""
        body = obj.get("message")
        if obj.get("type") != "message" or not isinstance(body, dict):
            return
        if body.get("role") == "assistant":
            self._log_reading_calls.extend(log_reading_calls(body.get("content")))
        elif body.get("role") == "toolResult" and body.get("toolCallId") in self._log_reading_calls:
            self._log_reading_calls.remove(body["toolCallId"])
            self._carried = carried_log_lines(body.get("content"))

    def _carried_events(self, number: int) -> list[Event]:
        """The events of the log lines a tool result carries, numbered as the result's own line and each timed by its
        own stamp (the result's time is when the command ran, not when the lines were logged). A line that reads as
        no log line of a known time is left out: it is the output's own text."""
        lines, self._carried = self._carried, []
        events: list[Event] = []
        for line in lines:
            event = self.parse_text(number, line)
            self._carried = []  # (a carried line is never itself a transcript entry to follow)
            if event.time is not None and event.kind not in (UNPARSED_KIND, NOTE_KIND) \
                    and event.shape != TRANSCRIPT_SHAPE:
                events.append(self._emit(event))
        self._trailing_note = None
        return events

    def _salvage_json(self, number: int, text: str, truncated: bool) -> Event | None:
        """A line that starts with ``{`` but is no JSON object: a record's values pasted in a
        row (``{"subsystem":"gateway/ws"},"handshake timeout ..."``), a binding or a meta
        object before plain text, or an object with elided values. None: broken JSON."""
        values = _json_values(text)
        if values is not None:
            record = record_from_values(values)
            if record is not None:
                return self._build(number, None, record, truncated)
        binding, rest = strip_binding(text)
        if binding is not None:
            rest = _second_value(rest)
        meta, rest = split_leading_meta(rest)
        if (binding is not None or meta is not None) and rest and not rest.startswith(("{", '"')):
            event = self._parse_text_line(number, strip_ansi(rest).strip(), truncated)
            if binding is not None:  # (the binding names the logger; a tag in the text is the account's, "[default]")
                event.subsystem = binding
            if meta is not None:
                _merge_meta(meta, event.kind, event.fields, event.raw, event.seconds)
                event.meta = meta
            return event
        lenient = lenient_json(text)
        if isinstance(lenient, dict):
            record = with_meta_kind(record_from_json(lenient))
            return self._build(number, self._resolve_time(record.time_text), record, truncated)
        return None

    def _parse_json_pieces(self, number: int, text: str, truncated: bool) -> Event | None:
        """A line starting with ``"``: one or more fields of a record, a record's values, or a
        lone JSON string; None when it is none of these (it is read as text)."""
        pieces = json_pieces(text)
        if isinstance(pieces, str):
            inner = strip_ansi(pieces).strip()
            if inner.startswith("{"):
                event = self._parse_json(number, inner, truncated, inner=True)
            else:
                event = self._parse_text_line(number, inner, truncated, "json-string+")
            return event
        if isinstance(pieces, list):
            record = record_from_values(pieces)
            return self._build(number, None, record, truncated) if record is not None else None
        if isinstance(pieces, dict):
            record = with_meta_kind(record_from_json(pieces))
            if not record.message and record.kind is None:
                return None  # fields that say nothing (a "_meta" fragment, a "time" alone)
            record.shape = "json-fragment" if record.shape != "meta" else "meta"
            return self._build(number, self._resolve_time(record.time_text), record, truncated)
        return None

    def _parse_text_line(self, number: int, text: str, truncated: bool, shape_prefix: str = "") -> Event:
        head = text[:1] if text[:1].isascii() else ""  # (TextShape.starts rules out ASCII first characters only)
        for shape in TEXT_SHAPES:
            needle = shape.needle
            starts = shape.starts
            if (needle and needle not in text) or (starts is not None and head not in starts) or (
                    shape.wraps and shape_prefix and (shape.name in _OUTER_WRAPPERS or shape_prefix not in _OUTER_PREFIXES)):
                continue  # (one prefix is unwrapped, and a time's wrapper inside a tool's; more is message text)
            match = shape.pattern.fullmatch(text)
            if match is None:
                continue
            groups = match.groupdict()
            if shape.wraps:
                inner = self._parse_inner(number, groups["rest"], truncated, shape_prefix + shape.name + "+")
                if inner.time is None:
                    inner.time = self._journald_time(groups) if shape.name in _SYSLOG_TIME_SHAPES \
                        else self._shape_time(groups)
                elif groups.get("syslog_clock"):
                    self.clock.learn_syslog_zone(groups["syslog_month"] or "", int(groups["syslog_day"] or 0),
                                                 groups["syslog_clock"] or "", inner.time)
                return inner
            if shape.name == "timestamped" and "docker+" not in shape_prefix:
                inner = self._container_inner(number, groups, truncated, shape_prefix)
                if inner is not None:
                    return inner
            if shape.name == "clock-timestamped" and (groups["message"] or "").startswith("["):
                # "04:58:51.939Z - [reload] config change ...": a console line behind a reporter's separator
                inner = self._parse_text_line(number, (groups["message"] or "").strip(), truncated, shape_prefix)
                if not inner.shape.endswith("snippet"):
                    inner.shape = shape_prefix + shape.name
                    if inner.time is None:
                        inner.time = self._shape_time(groups)
                    return inner
            if shape.name == "subsystem-prefixed" and families.match_family(text) is not None \
                    and families.match_family(groups["message"] or "") is None:
                continue  # "cron: job execution timed out": the word before the colon is the message's own
            moment = self._shape_time(groups)
            tag = groups.get("tag")
            if tag:
                tag, groups["message"] = _tagged_message(tag, groups["message"] or "")
                if not groups.get("level"):  # "[gateway/ws] WARN closed before connect ...": the level after the tag
                    groups["level"], groups["message"] = _level_after_tag(groups["message"] or "")
            subsystem = subsystem_from_tag(tag) if tag else groups.get("subsystem")
            if shape.name.startswith("logs-") and not tag:
                if _level_is_message(text[match.start("level"):], text[match.end("level"):].lstrip(),
                                     groups["message"] or ""):
                    continue  # "<time> error conn=... remote=...: ...": a WebSocket error line after a time
                if subsystem:
                    subsystem, groups["message"] = _root_message(subsystem, groups["message"] or "")
            binding, message = strip_binding(_unbulleted(groups["message"] or ""))
            meta, message = split_leading_meta(message)
            record = with_meta_kind(Record(
                shape=shape_prefix + shape.name,
                time_text=None,
                level=normalize_level(groups.get("level")),
                subsystem=binding or subsystem,
                message=message,
                meta=meta,
            ))
            return self._text_build(number, moment, record, truncated)
        message = _unbulleted(text.strip())
        cut = _LEADING_ELISION.match(message)
        if cut is not None and not shape_prefix:  # "... 18:34:44 [diagnostic] stalled session: ..."
            return self._parse_text_line(number, message[cut.end():], truncated, "cut+")
        if not shape_prefix and len(message) > 2 and message[0] == message[-1] == "`" and message.count("`") == 2:
            # A whole log line a reporter quoted as inline code: "`[diagnostic] stalled session: ...`".
            return self._parse_text_line(number, message[1:-1].strip(), truncated, "code+")
        if not shape_prefix and message[:1] == "`" and message.count("`") == 1 and _STARTS_AS_LOG.match(message, 1):
            # ... or opened as inline code whose closing mark the paste lost (a line cut, a fence typed as one mark):
            # "`14:46:03 error gateway/channels/dingtalk ... Connection attempt 1 failed: ...".
            return self._parse_text_line(number, message[1:].strip(), truncated, "code+")
        if not shape_prefix and message[-1:] == "}" and (start := message.find('{"')) > 0:
            # A whole gateway JSONL record behind a tool's or a script's own prefix ("   ↳ Log: {...}"), as a wrapper
            # holds one: the record, when the rest of the line is one.
            inner = self._parse_json(number, message[start:], truncated, inner=True)
            if inner.shape == "jsonl":
                inner.shape = "prefixed+jsonl"
                return inner
        if not shape_prefix and "`[" in message:
            # A console line quoted as inline code inside a sentence ("Gateway logs show: `[ws] handshake timeout
            # ...`"): the first quoted piece that reads as a log line of some family.
            for quoted in _INLINE_CODE.finditer(message):
                inner = self._parse_text_line(number, quoted.group(1).strip(), truncated, "code+")
                if inner.kind not in (GENERIC_KIND, UNPARSED_KIND):
                    return inner
        record = Record(shape_prefix + "snippet", None, None, None, message, None)
        return self._text_build(number, None, record, truncated)

    def _parse_inner(self, number: int, text: str, truncated: bool, shape_prefix: str) -> Event:
        """The line a wrapper (journald, CRI, `kubectl logs --prefix`) holds."""
        inner = text.strip()
        if inner.startswith("{"):
            event = self._parse_json(number, inner, truncated, inner=True)
            event.shape = shape_prefix + event.shape
            return event
        return self._parse_text_line(number, strip_ansi(inner).strip(), truncated, shape_prefix)

    def _container_inner(self, number: int, groups: dict[str, str | None], truncated: bool,
                         outer: str = "") -> Event | None:
        """``<RFC 3339 time> <line>`` as `docker logs -t` writes it: the gateway line after the
        time, if it is a line of a known shape (else None: a hand-pasted timestamped message)."""
        # (the runtime writes the line as it was: a dash after the time is the line's own, "- Removed ...")
        rest = ((groups.get("separator") or "") + (groups.get("message") or "")).strip()
        if rest.startswith("{"):  # a JSON line after the time: the container's line, broken or not
            event = self._parse_json(number, rest, truncated, inner=True)
        else:
            event = self._parse_text_line(number, rest, truncated, outer + "docker+")
            # (a bare line of a known template, "- Removed 2 stale session lock file(s).", after a runtime's time in
            # nanoseconds is the gateway's line; after a time of fewer digits, a hand-pasted timestamped message)
            if event.shape.endswith("snippet") and (event.kind == GENERIC_KIND or not _NANOSECONDS.search(
                    groups.get("iso") or "")):
                return None
        if not event.shape.startswith(outer + "docker+"):
            event.shape = outer + "docker+" + event.shape
        if event.time is None:
            event.time = self._shape_time(groups)
        return event

    def _container_event(self, number: int, line: str, truncated: bool, shape_prefix: str,
                         container_time: str | None) -> Event:
        event = self._parse_inner(number, line, truncated, shape_prefix)
        if event.time is None and container_time:
            event.time = self._resolve_time(container_time)
        return event

    # -- time ---------------------------------------------------------------------

    def _resolve_time(self, text: str | None) -> datetime | None:
        if not text:
            return None
        if not self._offset_noted:
            self._note_offset(text)
        moment = self.clock.parse_full(text)
        if moment is None:
            moment = self.clock.parse_time_only(text)
        return moment

    def _note_offset(self, text: str) -> None:
        """Record the first printed zone of a source (for the report's environment)."""
        self._offset_noted = True
        if text.endswith(("Z", "z")):
            self.stats.offsets.add("+00:00 (UTC, Z)")
        elif len(text) > 6 and text[-6] in "+-" and text[-3] == ":":
            self.stats.offsets.add(text[-6:])

    def _shape_time(self, groups: dict[str, str | None]) -> datetime | None:
        if groups.get("iso"):
            iso = printed_time(groups["iso"] or "")
            if not self._offset_noted:
                self._note_offset(iso)
            return self.clock.parse_full(iso)
        if groups.get("clock"):
            return self.clock.parse_time_only(printed_time(groups["clock"] or ""))
        if groups.get("minutes"):
            return self.clock.parse_time_only(f"{groups['minutes']}:00")
        return None

    def _journald_time(self, groups: dict[str, str | None]) -> datetime | None:
        if groups.get("iso"):
            return self.clock.parse_full(groups["iso"] or "")
        month, day, clock = groups.get("syslog_month"), groups.get("syslog_day"), groups.get("syslog_clock")
        if month and day and clock:
            return self.clock.parse_syslog(month, int(day), clock)
        return None

    # -- events -------------------------------------------------------------------

    def _build(self, number: int, moment: datetime | None, record: Record, truncated: bool,
               found: tuple[families.Family, Any] | None = _UNMATCHED) -> Event:
        message = record.message
        fields: dict[str, Any] = {}
        raw: dict[str, str] = {}
        seconds: dict[str, float] = {}
        family = apply_family(message, fields, raw, seconds, found)
        # (only a console line drops the repeat; a gateway record keeps the whole message, and the fast path relies on it)
        if family is None and record.subsystem and record.kind is None and not record.shape.endswith("jsonl"):
            retagged = families.match_under_tag(record.subsystem, message)
            if retagged is not None:
                family = apply_family(retagged[0], fields, raw, seconds, retagged[1])
        if family is None and not record.subsystem and record.kind is None:
            bare = families.match_after_bare_gateway_tag(message)
            if bare is not None:
                family = apply_family(bare[0], fields, raw, seconds, bare[1])
        if family is not None and family.kind == TAILSCALE_FAILED_KIND and not _tailscale_said(record.subsystem, message):
            family, fields, raw, seconds = None, {}, {}, {}  # (another logger's "serve failed: ...": not the exposure's)
        kind = family.kind if family else (record.kind or GENERIC_KIND)
        if record.meta:
            _merge_meta(record.meta, kind, fields, raw, seconds)
        elif kind in meta_fields.ALIASES:
            _alias_own_fields(kind, fields, raw, seconds)
        if kind == "cron.job_error":
            kind = _cron_error_in_meta(record.meta or dict(fields), kind, fields, raw, seconds)
        elif kind == "hooks.run_failed" and record.meta:
            kind = _hook_summary_in_meta(record.meta, kind, message, fields, raw, seconds)
        _derive(fields, record.session_hint)
        if record.shape == TRANSCRIPT_SHAPE:
            self._note_transcript_entry(kind, moment, fields, message, record.kind == TRANSCRIPT_PROMPT_ERROR_KIND)
        if kind in DISPATCH_KINDS:
            self._pair_dispatch(kind, fields, seconds, record.subsystem, moment)
        elif kind in STARTED_KINDS:
            self._open_dispatches.clear()  # (a new process: the dispatches a stop cut will never log their end)
            self._plugin_stops.clear()
        elif kind in _PLUGIN_STOP_KINDS and fields.get("channel", "feishu") == "feishu":  # (a start may name no channel)
            kind = self._after_plugin_stop(kind, message, fields, number, moment)
        level = record.level or (family.level if family else None)
        return Event(
            source=self.source,
            line=number,
            time=moment,
            level=level,
            subsystem=record.subsystem,
            kind=kind,
            message=message,
            shape=record.shape,
            fields=fields,
            raw=raw,
            seconds=seconds,
            meta=record.meta,
            truncated=truncated,
        )

    def _pair_dispatch(self, kind: str, fields: dict[str, Any], seconds: dict[str, float], subsystem: str | None,
                       moment: datetime | None) -> None:
        """A channel's ``dispatch complete`` names no session: it ends the oldest dispatch of the same channel account
        still open, whose session key it takes (a dispatch is awaited, so its end follows its start in the log), and
        how long the dispatch took (``durationMs``) when both lines are timed."""
        account = f"{fields.get('channel') or subsystem or ''}[{fields.get('account') or ''}]"
        if kind == DISPATCH_STARTED_KIND:
            if isinstance(fields.get("sessionKey"), str):
                open_here = self._open_dispatches.setdefault(account, deque(maxlen=MAX_OPEN_DISPATCHES))
                open_here.append((fields["sessionKey"], moment))
            return
        open_here = self._open_dispatches.get(account)
        if open_here and "sessionKey" not in fields:
            fields["sessionKey"], began = open_here.popleft()
            if began is not None and moment is not None and moment >= began:
                seconds["durationMs"] = (moment - began).total_seconds()
                fields["durationMs"] = round(seconds["durationMs"] * 1000)

    def _after_plugin_stop(self, kind: str, message: str, fields: dict[str, Any], number: int,
                           moment: datetime | None) -> str:
        """The official Feishu/Lark plugin's "feishu[<account>]: WebSocket client started" is written after the
        account's "disconnecting WebSocket (accountId=<account>)", when its stop has run: within
        :data:`PLUGIN_STOP_RETURN` and :data:`PLUGIN_STOP_RETURN_LINES` of that stop, with no start of the account
        between, it is the stop's end (``channel.stopping``, ``afterStop``), not the channel coming up. The bundled
        channel logs no such stop, so its line stays a start. The stop stays noted (a line joined with its
        continuation is built again)."""
        account = fields.get("account")
        if not isinstance(account, str):
            return kind
        if kind == STOPPING_KIND:
            if families.FEISHU_PLUGIN_STOP_NEEDLE in message:
                if len(self._plugin_stops) >= MAX_PLUGIN_STOPS:
                    self._plugin_stops.clear()
                self._plugin_stops[account] = (number, moment)
        elif kind in _ACCOUNT_START_KINDS:
            self._plugin_stops.pop(account, None)
        elif families.FEISHU_STARTED_NEEDLE in message and (stop := self._plugin_stops.get(account)) is not None:
            line, began = stop
            if 0 < number - line <= PLUGIN_STOP_RETURN_LINES and (
                    moment is None or began is None or timedelta(0) <= moment - began <= PLUGIN_STOP_RETURN):
                fields["afterStop"] = True
                return STOPPING_KIND
        return kind

    def _note_transcript_entry(self, kind: str, moment: datetime | None, fields: dict[str, Any], message: str,
                               prompt_error: bool) -> None:
        """A transcript's failed turn or prompt failure gets the time since the entry before it (``sinceEntryMs``): the
        agent loop asks the model as soon as the prompt, a tool result or a compaction is written, so that is when its
        request began at the latest, whatever the turn's own start time says (some providers' turns carry their write
        time there); and ``afterToolCall`` when that entry was a turn that called a tool (the wait was the tool's).
        A prompt-error entry is no such point: it is written with the failure, so the failed turn after it is measured
        from the entry before both. Every entry after the session header gets the header's id as its ``sessionId``:
        the file is that session's (in a fragment without the header, the id the first prompt-error entry names)."""
        if message.startswith(TRANSCRIPT_HEADER) and isinstance(fields.get("id"), str):
            self._transcript_session = fields["id"]  # (the session header: a transcript is one session's file)
        elif prompt_error and self._transcript_session is None and isinstance(fields.get("sessionId"), str):
            self._transcript_session = fields["sessionId"]  # (a fragment without its header: the run's own record)
        elif self._transcript_session is not None and "sessionId" not in fields:
            fields["sessionId"] = self._transcript_session
        previous, tool_pending = self._transcript_entry_at, self._transcript_tool_pending
        if not prompt_error:  # (a prompt error is written with the failure: the failed turn after it waited as long)
            self._transcript_entry_at = moment
            self._transcript_tool_pending = fields.get("stopReason") == "toolUse"
        if kind not in (TRANSCRIPT_FAILED_KIND, TRANSCRIPT_PROMPT_ERROR_KIND, *TRANSCRIPT_BROWSER_KINDS):
            return  # (a browser result too: how long its call waited, see events.browser_result_in_time)
        if previous is not None and moment is not None and moment >= previous:
            fields["sinceEntryMs"] = round((moment - previous).total_seconds() * 1000)
        if tool_pending:
            fields["afterToolCall"] = True  # (the entry before it was a turn that called a tool: the wait was the tool's)

    def build_jsonl(self, number: int, moment: datetime, level: str | None, subsystem: str | None,
                    message: str) -> Event:
        """:meth:`_build` for a gateway JSONL record with no meta object and no session hint
        (the scan fast path reads these without ``json.loads``)."""
        found = families.match_family(message)
        if found is not None and id(found[0]) in PLAIN_KV_FAMILIES and found[1].end("kv") == len(message) \
                and _lazy_safe(message, kv_at := found[1].start("kv")):
            family = found[0]
            return LazyEvent.deferred(self.source, number, moment, level or family.level, subsystem, family.kind,
                                      message, kv_at)
        return self._build(number, moment, Record("jsonl", None, level, subsystem, message, None), False, found)

    def _unparsed(self, number: int, text: str, truncated: bool, shape: str) -> Event:
        self.stats.unparsed += 1
        if len(self.stats.unparsed_examples) < 5:
            self.stats.unparsed_examples.append(f"{self.source}:{number}")
        return Event(self.source, number, None, None, None, UNPARSED_KIND, text, shape, truncated=truncated)

    def _note_event(self, number: int, note: Note) -> Event:
        fields: dict[str, Any] = {"form": note.form}
        if note.count is not None:
            fields["count"] = note.count
        if note.repeats:
            fields["repeats"] = True
        return Event(self.source, number, None, None, None, NOTE_KIND, note.text, "note", fields)

    def _emit(self, event: Event) -> Event:
        # Readings of what only a paste holds (a fragment of fields, a ditto line): text lines only,
        # never a whole record, so the JSONL fast path pays nothing for them.
        if event.kind == GENERIC_KIND and not (event.shape.endswith("jsonl") or event.shape.startswith(_WHOLE_RECORD_SHAPES)) \
                and ("=" in event.message or ":" in event.message and (row := liveness_row_fields(event.message))):
            event = self._typed_fragment(event, row if "=" not in event.message else None)
            if event.kind == GENERIC_KIND:
                event = self._ditto(event)
        if event.kind == GENERIC_KIND and (self._crash is not None or "ncaught" in event.message
                                           or "nhandled" in event.message or _bare_error_head(event)) \
                or bare_fetch_crash(event):  # (p54: its frames may name the channel whose fetch it was)
            event = self._crash_frame(event)
        elif self._crash is not None:
            self._crash = None
        if event.kind in RETYPED_KINDS:
            event = as_channel_failure(event)
        if self._dingtalk_seen:
            event = as_dingtalk_sdk_line(event)
        elif shows_dingtalk(event):
            self._dingtalk_seen = True
        if event.kind in ATTENTION_LABELS:
            self._last_warning = event
        unwrapped = self._unwrapped
        if unwrapped and event.line >= unwrapped[0][0]:
            while unwrapped and unwrapped[0][0] < event.line:
                unwrapped.popleft()
            if unwrapped and unwrapped[0][0] == event.line:
                event.shape = unwrapped.popleft()[1] + event.shape
        self.stats.note_event(event)
        return event

    def _crash_frame(self, event: Event) -> Event:
        """An uncaught exception or rejection whose stack runs through a channel's code (a frame under the channel's
        plugin folder or in a client library only a channel bundles) is that channel's transport failing where its own
        handler did not catch it: the channel stops with it (``channel.exited``). The frames are read in the crash
        line's own text (a record) or on the untimed lines after it (a console paste): after a bare error head, only
        frame lines (``channels.STACK_FRAME_LINE``) in a row; after a logged crash line, any untimed lines (a wrapped
        paste) up to CRASH_FRAME_WINDOW lines on. The first frame line naming a channel is the one retyped, carrying
        the crash's message as its error."""
        if CRASH_HEAD.search(event.message) is not None:
            self._crash = None
            channel = channel_of_stack(event.message)
            if channel is None:
                self._crash, self._crash_bare = event, False
                return event
            crash = event
        elif self._crash is None and _bare_error_head(event):
            self._crash, self._crash_bare = event, True
            return event
        else:
            crash = self._crash
            if crash is None or event.time is not None or event.line - crash.line > CRASH_FRAME_WINDOW \
                    or self._crash_bare and STACK_FRAME_LINE.match(event.message) is None:
                self._crash = None
                return event
            channel = channel_of_stack(event.message)
            if channel is None:
                return event
            self._crash = None
        event.kind = CHANNEL_EXITED_KIND
        event.fields.setdefault("channel", channel)
        event.fields.setdefault("error", crash.message.split("\n", 1)[0][:500])
        return event

    def _ditto(self, event: Event) -> Event:
        """A reporter's repeat of the stall warning above it with its head cut (``02:12:00  ...
        age=199s ... recovery=none``): the same warning, with the fields it still shows. Only
        when it opens with an elision and every key it shows is one the warning above had."""
        last = self._last_warning
        message = event.message
        if last is None or message.split(None, 1)[0] not in ELISION_WORDS:
            return event
        parsed = tokenize(message)
        if not parsed.fields or not set(parsed.fields) <= set(last.fields) | _DITTO_KEYS:
            return event
        return Event(event.source, event.line, event.time, event.level or last.level, event.subsystem or last.subsystem,
                     last.kind, message, event.shape, fields=dict(parsed.fields), raw=dict(parsed.raw),
                     seconds=dict(parsed.seconds), meta=event.meta, truncated=event.truncated)

    def _typed_fragment(self, event: Event, fields_line: str | None = None) -> Event:
        """A bare line of a template's own key=value fields, its label cut off, read as that
        template (families.FIELD_SIGNATURES); any other generic line unchanged. ``fields_line``
        stands for the message when the line gave its fields in another form (a summary row)."""
        message = fields_line or event.message
        if message[:2] in _TIMELINE_DASHES:  # "02:46:38 - eventLoopDelayMaxMs=...": a reporter's timeline
            message = message[2:].lstrip()
        first = message.split(None, 1)[0] if message else ""
        if "=" not in first or first.startswith(("{", "[", "=")):
            return event
        fields_text = _GROUPED_DIGITS.sub(lambda m: m.group(0).replace(",", ""), message)  # "15,544ms" -> "15544ms"
        label = families.signature_label(tokenize(fields_text).fields)
        found = families.match_family(label + fields_text) if label else None
        if found is None:
            return event
        fields: dict[str, Any] = {}
        raw: dict[str, str] = {}
        seconds: dict[str, float] = {}
        family = apply_family(label + fields_text, fields, raw, seconds, found)
        return Event(event.source, event.line, event.time, event.level or (family.level if family else None),
                     event.subsystem, found[0].kind, event.message if fields_line else message, event.shape,
                     fields=fields, raw=raw, seconds=seconds, meta=event.meta, truncated=event.truncated)

    # -- pasted snippets: a key=value block wrapped over several lines ---------------

    @staticmethod
    def _continues(previous: Event, line: Event, indented: bool, quoted: bool = False, padded: bool = False) -> bool:
        """Whether ``line`` (already parsed, a bare snippet) is the wrapped tail of ``previous``, a
        text line of a known family: after a trailing ``\\``; an indented line that starts with a
        ``key=value`` word, or any indented line after a label's ``:`` or ``;``; a lock path
        alone after a lock error that names none; or, unindented, nothing but ``key=value``
        words. A line a family matches joins only indented and starting with ``key=value`` (the
        error of a wrapped ``lane task error``); Node's ``Require stack:`` and its entries under a plugin load failure
        that names no plugin; an indented line after a line a terminal padded to its width (``padded``: the line
        above ended in spaces). ``quoted``: the line's text opens with a quote."""
        if not line.shape.endswith("snippet") or previous.kind in (UNPARSED_KIND, NOTE_KIND):
            return False
        if indented and _ERROR_PROPERTY.fullmatch(line.message) is not None and _ERROR_NAME.search(previous.message) \
                and not previous.shape.endswith("jsonl") and not previous.shape.startswith(_WHOLE_RECORD_SHAPES) \
                and len(previous.message) + len(line.message) <= _MAX_JOINED:
            return True  # a property Node prints under an error ("    code: 'ECONNABORTED'") belongs to that error
        if previous.kind == GENERIC_KIND and previous.subsystem and not previous.message.strip() \
                and not previous.shape.endswith("jsonl"):
            return True  # a head whose message was only its subsystem binding: the next bare line is its message
        if _open_inspected_arguments(previous) and (indented or line.message in ("]", "],")) \
                and (line.kind == GENERIC_KIND or quoted) \
                and len(previous.message) + len(line.message) <= _MAX_JOINED:
            # an element, or the closing bracket, of an argument list Node printed over lines; not a line a family
            # reads that stands bare (a paste cut the list before its "]": "  stalled session: ..." is a line of its
            # own), while a string element, quoted, is one (the Lark SDK's "  'invoke event failed, ...'")
            return True
        if previous.kind == GENERIC_KIND:  # a fragment (its label cut) is continued only by an indented tail
            if not indented and _fields_listed_one_a_line(previous.message, line.message):
                return True
            if not indented or _KEY_WORD.match(line.message) is None:
                return False
            # (or a warning's fields listed one a line, indented, until they add up to one: "  - `state=...`")
            return _is_fragment(previous.message) or (_only_fields(previous.message) and _only_fields(line.message)
                                                      and len(previous.message) + len(line.message) <= _MAX_JOINED)
        if previous.shape.endswith("jsonl") or previous.shape.startswith(_WHOLE_RECORD_SHAPES):
            return False
        stripped = line.message
        if stripped.startswith(("{", "[")) or len(previous.message) + len(stripped) > _MAX_JOINED:
            return False
        first_kv = _KEY_WORD.match(stripped) is not None
        if previous.kind == CONFIG_REFUSAL_KIND and line.kind == GENERIC_KIND \
                and _continues_config_refusal(previous.message, stripped, indented):
            return True
        if line.kind == GENERIC_KIND and previous.kind == PLUGIN_LOAD_FAILED_KIND \
                and not previous.fields.get("plugin") and "Cannot find module" in previous.message:
            if _REQUIRE_STACK not in previous.message:
                return stripped == _REQUIRE_STACK
            return _REQUIRE_STACK_ENTRY.fullmatch(stripped) is not None
        if padded and indented and line.kind == GENERIC_KIND and previous.kind == PLUGIN_LOAD_FAILED_KIND:
            # a terminal's wrap of `openclaw doctor`'s diagnostic (its padding, then the rest indented); only there:
            # a padded line of any other family followed by an indented one is two lines (a markdown hard break
            # over a reporter's own indented line, a console pasted with its padding over a stack frame), and
            # joined they lost the second line and the first its family ("listening on ... (PID n) <tail>")
            return True
        if line.kind != GENERIC_KIND:
            return indented and first_kv
        if previous.message.endswith("\\"):
            return True
        if indented and (first_kv or previous.message.endswith((":", ";"))):
            return True
        if _WRAPPED_LOCK_PATH.fullmatch(stripped.rstrip("\"'")) and "session file locked" in previous.message \
                and "lockPath" not in previous.fields:  # (the path may close the quoted error it ends)
            return True
        if "=" not in stripped:
            return False
        parsed = tokenize(stripped)
        if not parsed.fields or next(iter(parsed.raw)) != stripped.split("=", 1)[0]:
            return False
        # A run of a template's own fields continues a line of that template (a reporter's elisions such as
        # "age=5xx s" included) and starts a record of its own after any other line (its label cut).
        own = _fragment_kind(stripped, parsed.fields)
        if own is not None:
            return own == previous.kind
        return not parsed.bare

    def _joined(self, previous: Event, text: str) -> Event:
        head = previous.message
        if head.endswith("\\"):  # a shell-style line continuation
            head = head[:-1].rstrip()
        record = Record(previous.shape, None, previous.level, previous.subsystem, f"{head} {text.strip()}".lstrip(),
                        previous.meta)
        return self._text_build(previous.line, previous.time, record, previous.truncated)

    def _text_build(self, number: int, moment: datetime | None, record: Record, truncated: bool) -> Event:
        """:meth:`_build` for a pasted text line: a family label followed by spaces where its colon
        belongs still names the family (``stalled session  lastProgress=...``), and so does one written in
        brackets like a console tag (``[lane task error] lane=main ...``, read as ``lane task error: lane=main ...``)."""
        message = record.message
        found = families.match_family(message)
        if found is None and "  " in message:
            found = families.match_spaced_label(message)
        if found is None and message[:1] == "[":
            # "[lane task error] lane=main ...": a family's label pasted in brackets as if it were a console tag
            bracketed = families.match_bracketed_label(message)
            if bracketed is not None:
                record = replace(record, message=bracketed[0])
                found = bracketed[1]
        return self._build(number, moment, record, truncated, found)


def parse_lines(raw_lines: Iterable[RawLine], source: str, options: ParseOptions, stats: ParseStats) -> Iterator[Event]:
    stats.files.append(source)
    yield from LineParser(source, options, stats).parse(raw_lines)


def parse_path(path: str, options: ParseOptions, stats: ParseStats) -> Iterator[Event]:
    """Parse one file (or ``-`` for stdin) as a stream of events."""
    name = display_name(path)
    yield from parse_lines(read_lines(path, options.max_line_bytes), name, options, stats)


def parse_text_lines(lines: Iterable[str], source: str = "<text>", options: ParseOptions | None = None) -> list[Event]:
    """Convenience for tests and library users: parse already-decoded lines."""
    stats = ParseStats()
    raw = (RawLine(index, line.encode("utf-8")) for index, line in enumerate(lines, 1))
    return list(parse_lines(raw, source, options or ParseOptions(), stats))
