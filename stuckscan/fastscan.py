"""The scan fast path: give the correlator the events it uses, and decode nothing else.

A busy gateway's debug log is mostly lines the correlator ignores: WebSocket frames,
lane enqueues, channel chatter, console captures. :func:`iter_scan_events` reads files in
large blocks and decides from cheap byte checks which records need a full decode; the
others are counted (lines, events, first and last time) without being decoded, and only
their timestamps travel on, because the correlator's clock and its 5-second sweeps of
silent incidents depend on every line's time. The result is *identical* to feeding the
correlator every event of :func:`stuckscan.parser.parse_path`: same incidents, episodes,
evidence lines and input counts (``tests/test_fast_path.py`` checks this on every sample).

**Which lines are skipped.** A line is counted without decoding only if all of these hold:

1. it has the exact gateway record layout
   ``{"0":"{\\"subsystem\\":\\"<name>\\"}","1":"<message>","_meta":{…},"time":"<time>"}``
   (nothing before ``{`` or after ``}``, no ``\\r``), ``<name>`` has no quote, backslash
   or control character, and the line holds no second ``","_meta":{`` (two gateway
   records run together);
2. ``<time>`` is a valid ``YYYY-MM-DDTHH:MM:SS.mmm`` timestamp ending in ``Z`` or
   ``±HH:MM`` (the same for the whole file) between 1971 and 2199 UTC, and the source's
   first timed line has already been parsed in full (it records the printed offset);
3. ``<message>`` has no quote and no control character, and its only escapes are SGR
   colour codes (``\\u001b[…m``), so its text is known without a JSON decode;
4. the message cannot be of a kind the correlator uses: its first word (colour codes
   removed) starts none of those families' prefixes; a ``⇄ res`` line reports under
   10 s and names no other ``durationMs``; and it contains none of the needles of the
   families searched anywhere in a message, nor ``sessionId``, ``runId`` or
   ``.jsonl.lock`` (fields through which an ignored kind could still teach the
   correlator a session link), nor the words of a line the parser pairs a later one with
   (the Feishu plugin's ``disconnecting WebSocket (accountId=``). The needle test is run on the message with backslashes,
   ``u``, digits, ``b``, ``[``, ``;`` and ``m`` deleted from both sides, which removes
   colour codes without decoding and can only report more lines, never fewer.

Everything else (console and text lines, records with a meta object or a top-level
``message``, root-logger lines, broken JSON, the lines of interest) is decoded: a gateway-layout
record is built without ``json.loads``; a record ``{"0":...}`` that ``_meta`` and ``time`` close as
in that layout (``model usage`` with its meta object, a root-logger line) is decoded once without
them and read as the parser reads it (:meth:`FileScan._whole_record`); the rest goes through the
normal parser, so a malformed line is still counted as unparsed. Not examined: the
interior of a skipped line's ``_meta`` object (a record corrupted there, or followed by
something that is not a gateway record, while the line keeps the layout above, is
counted as an event rather than as unparsed). Skipped lines are counted in ``ParseStats.lines``,
``events``, ``shapes["jsonl"]`` and ``skipped`` but not in ``kinds``.

**The clock.** The correlator sweeps (closes silent incidents) when its clock advances at
least 5 s past the last sweep. :class:`SweepShadow` keeps a copy of that state and, from
the timestamps of the skipped lines, hands the correlator a bare ``generic`` tick event
exactly where a skipped line would have swept, plus one tick to bring the clock forward
before an event that would otherwise see it behind. Ticks carry the time of a real line.

**The lone count.** A run timeout is "lone" when its wait expires before the correlator has
counted any line (``Correlator._other_lines``), and a skipped or inert line may be of a kind
it counts. So a scan skips nothing and passes every line on as it is until a line of a kind
it surely counts has passed (:attr:`FileScan.lone`); after that, only the count's being
non-zero mattered.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from json.decoder import scanstring
from typing import Any

from stuckscan import _strictjson, families
from stuckscan import correlator as _correlator
from stuckscan._dataclass import dataclass
from stuckscan._identity import IdentityResolver
from stuckscan.channels import CHANNEL_NEEDLES, channel_side_line
from stuckscan.correlator import MAY_LEAVE_UNCOUNTED
from stuckscan.events import (
    GENERIC_KIND,
    NOTE_KIND,
    PLUGIN_COMPACTION_NEEDLE,
    UNPARSED_KIND,
    Event,
    plugin_compaction_commit,
    quoted_ages,
)
from stuckscan.inputs import RawLine, display_name, read_blocks, read_range_blocks
from stuckscan.lifecycle_lane import LANE_KINDS, LaneBatch, LaneRun
from stuckscan.lifecycle_lane import eligible as lane_eligible
from stuckscan.parser import LineParser, ParseOptions, ParseStats
from stuckscan.shapes import (
    ROOT_LOGGER_NAMES,
    TRANSCRIPT_SHAPE,
    _binding_name,
    normalize_level,
    record_from_json,
    strip_ansi,
)
from stuckscan.signals import MINED_LEVELS
from stuckscan.unexplained import HEALER_KINDS, UNJUDGED_FAULT_KINDS, looks_like_fault

UTC = timezone.utc
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
US = timedelta(microseconds=1)

# --------------------------------------------------------------------------------------
# What the correlator uses
# --------------------------------------------------------------------------------------

CONDITIONAL_KINDS = frozenset({"ws.response"})  # used only when slow
# (and the lines that heal a fault line before them, read by the fault count: stuckscan.unexplained.FallbackHeals)
RELEVANT_KINDS = (_correlator.CONSUMED_KINDS - CONDITIONAL_KINDS) | HEALER_KINDS
SLOW_RESPONSE_MS = int(_correlator.SLOW_RESPONSE_SECONDS * 1000)
SWEEP_US = _correlator.SWEEP_EVERY // US

# Deleting these bytes from a JSON-escaped message removes SGR colour codes (\u001b[..m)
# whole; deleting them from the needles too keeps every needle findable.
DELETED = b"\\u0123456789b[;m"
LEARN_NEEDLES = ("essionId", "runId", ".jsonl.lock")  # sessionId, activeSessionId, lockSessionId
# Characters from rarest to commonest in the messages the needles are searched in (measured
# on benchmarks/make_log.py's busy log, colour codes deleted): each needle is anchored on its
# rarest character, so the scan for the alternation stops seldom.
_RARITY = "!#$%&'*,<?FHJKOQVWXZ^`x{|}~()>YBL/NC+DGPR@j]_ATzSwUEMkyI.h:lp-vgfqoridc=stna e"


def _deleted(text: str) -> bytes:
    return text.encode("utf-8").translate(None, DELETED)


def _needle_pattern(needles: Iterable[bytes]) -> re.Pattern[bytes]:
    """One alternation that finds any needle, each anchored on its rarest byte; the needles
    anchored on the same byte share one branch (``d(?:(?<=...)(?=...)|...)``), so at a byte
    the search tries the needles anchored on it, not all of them one by one (with some 240
    needles, a third of the time of trying each)."""
    groups: dict[bytes, list[bytes]] = {}
    for needle in sorted(set(needles)):
        text = needle.decode("latin-1")
        anchor = min(range(len(text)), key=lambda i: (_RARITY.find(text[i]) if text[i] in _RARITY else len(_RARITY) // 2, i))
        before, char, after = needle[:anchor], needle[anchor:anchor + 1], needle[anchor + 1:]
        branch = b""
        if before:
            branch += b"(?<=" + re.escape(before + char) + b")"
        if after:
            branch += b"(?=" + re.escape(after) + b")"
        groups.setdefault(char, []).append(branch)
    alternatives = []
    for char, branches in sorted(groups.items()):
        if b"" in branches:  # (a needle of that byte alone: any of them matches there)
            alternatives.append(re.escape(char))
        elif len(branches) == 1:
            alternatives.append(re.escape(char) + branches[0])
        else:
            alternatives.append(re.escape(char) + b"(?:" + b"|".join(branches) + b")")
    return re.compile(b"|".join(alternatives))


def _needles() -> list[bytes]:
    found = [_deleted(f.needle) for f in families.SEARCHED if f.needle and f.kind in RELEVANT_KINDS]
    if any(f.needle is None for f in families.SEARCHED if f.kind in RELEVANT_KINDS):  # pragma: no cover
        raise RuntimeError("a searched family without a needle cannot be skipped safely")
    found += [_deleted(n) for n in LEARN_NEEDLES]
    found += [_deleted(n) for n in families.ELISION_NEEDLES]  # a label whose colon was cut (families.match_family)
    found += [_deleted(n) for n in CHANNEL_NEEDLES]  # a channel's drop or pause in its own words (channels.py)
    found.append(_deleted(PLUGIN_COMPACTION_NEEDLE))  # a plugin's compaction commit (Correlator._plugin_commit)
    found.append(_deleted(families.FEISHU_PLUGIN_STOP_NEEDLE))  # a stop the parser pairs a later line with
    return [n for n in found if n]


NEEDLES = _needles()
@lru_cache(maxsize=1)
def needle_re() -> re.Pattern[bytes]:
    """The one pattern that finds any of :data:`NEEDLES`, compiled on first use (phase 2 of a block with candidates;
    a pasted fragment, a text log, has none): its some 240 needles cost about 6 ms to compile, a few per cent of a
    small scan's start-up."""
    return _needle_pattern(NEEDLES)


NON_SGR = re.compile(rb"\\u001b(?!\[[0-9;]*m)")
SGR_ONLY_WORD = re.compile(rb"(?:\\u001b\[[0-9;]*m|[^\\])*")
CONTROL = bytes(range(32))
_PLAIN_STRING = re.compile(rb'[^"\\\x00-\x1f]*')  # a JSON string body with no escape, quote or control character
# The call site tslog puts last in ``_meta``: ``"path":{`` and a flat object of strings (as
# fileName, fileLine, method ... are), closing ``_meta`` too. Not part of a template's key:
# a gateway logs from hundreds of call sites, and the parser reads nothing in it.
CALL_SITE_KEY = b',"path":'
CALL_SITE = CALL_SITE_KEY + b"{"
_JSON_STRING = rb'"[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*"'
_FLAT_OBJECT_END = re.compile(rb"\{(?:" + _JSON_STRING + b":" + _JSON_STRING + rb"(?:," + _JSON_STRING + b":"
                              + _JSON_STRING + rb")*)?\}\}")
TEMPLATE_LIMIT = 4096
CALL_SITE_LIMIT = 1024  # (about 400 bytes each)
# "⇄ res ✓ method 123ms" with the gateway's colour codes, as escaped in the JSON record.
# The marks are alternatives, not a class: encoded, each is three bytes.
WS_RES = re.compile(
    r"\\u001b\[93m⇄\\u001b\[39m \\u001b\[1mres\\u001b\[22m \\u001b\[9[12]m(?:✓|✗)\\u001b\[39m "
    r"\\u001b\[1m[^\s\\\"]+\\u001b\[22m \\u001b\[2m([0-9]{1,9})ms\\u001b\[22m".encode("utf-8")
)

REL, CAND, BUCKET, WSRES = 0, 1, 2, 3
_KNOWN: dict[int, tuple[bytes, ...] | None] = {CAND: None, REL: ()}  # a head's decision as cached
_KEY_LIMIT = 64


def _bucket_prefixes() -> tuple[dict[str, tuple[bytes, ...]], dict[str, bool], int]:
    """Per first word: the prefixes of used families; whether a used kind is conditional."""
    relevant: dict[str, list[bytes]] = {}
    conditional: dict[str, bool] = {}
    longest = 0
    for word, bucket in families.ANCHORED_INDEX.items():
        for family in bucket:
            prefixes = [p for p in family.prefixes if families.first_word(p) == word]
            if family.kind in CONDITIONAL_KINDS:
                conditional[word] = True
            elif family.kind in RELEVANT_KINDS:
                relevant.setdefault(word, []).extend(p.encode("utf-8") for p in prefixes)
                longest = max([longest, *(len(p.encode("utf-8")) for p in prefixes)])
    return {w: tuple(p) for w, p in relevant.items()}, conditional, longest


REL_PREFIXES, CONDITIONAL_WORDS, LONGEST_PREFIX = _bucket_prefixes()
_HEADS: dict[bytes, int | tuple[bytes, ...]] = {}


def decide_head(key: bytes) -> int:
    """What a message's first word (raw JSON-escaped bytes) says about its line."""
    escaped = b"\\" in key
    if escaped:
        if not SGR_ONLY_WORD.fullmatch(key):
            return REL
        text = strip_ansi(key.decode("utf-8", "replace").replace("\\u001b", "\x1b"))
    else:
        text = key.decode("utf-8", "replace")
    if len(key) >= _KEY_LIMIT:
        return REL if escaped else CAND
    if families.may_be_wrapped(text):
        return REL  # "Error: gateway closed (...)": the message under the wrapper may be of any family
    if text in CONDITIONAL_WORDS:
        return REL if text in REL_PREFIXES else WSRES
    if text not in REL_PREFIXES:
        return CAND
    return REL if escaped else BUCKET


def _head(key: bytes) -> int | tuple[bytes, ...]:
    """:func:`decide_head`, cached; a BUCKET decision comes back as the prefixes to test."""
    decision: int | tuple[bytes, ...] = decide_head(key)
    if decision == BUCKET:
        decision = REL_PREFIXES[key.decode("utf-8", "replace")]
    if len(_HEADS) < 50_000:
        _HEADS[key] = decision
    return decision


# --------------------------------------------------------------------------------------
# Time
# --------------------------------------------------------------------------------------

BAD = 1 << 62  # added to a time that failed validation: pushes it out of the range below
# Times the fast path vouches for: well inside the years the parser accepts (and any
# narrower sanity range it may adopt); anything else is left to the parser.
LOW_US = (datetime(1971, 1, 1, tzinfo=UTC) - EPOCH) // US
HIGH_US = (datetime(2199, 12, 31, tzinfo=UTC) - EPOCH) // US
_ISO_MINUTE = re.compile(rb'\},"time":"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):')
_SECOND_OFFSET = re.compile(rb'(\d\d)\.(\d\d\d)(?:([+-])(\d\d):(\d\d)|Z)"\}')


def _minute_us(key: bytes) -> int:
    """Epoch microseconds of ``},"time":"YYYY-MM-DDTHH:MM:`` read as UTC; BAD if invalid."""
    match = _ISO_MINUTE.fullmatch(key)
    if match is None:
        return BAD
    year, month, day, hour, minute = (int(g) for g in match.groups())
    try:
        moment = datetime(year, month, day, hour, minute, tzinfo=UTC)
    except ValueError:
        return BAD
    return (moment - EPOCH) // US


def _second_us(key: bytes) -> int:
    """``SS.mmm±HH:MM"}`` (or ``Z"}``) as microseconds to add to the minute; BAD if invalid."""
    match = _SECOND_OFFSET.fullmatch(key)
    if match is None:
        return BAD
    second, milli, sign, off_h, off_m = match.groups()
    if int(second) > 59:
        return BAD
    value = int(second) * 1_000_000 + int(milli) * 1000
    if sign is not None:
        offset = timedelta(hours=int(off_h), minutes=int(off_m))
        if offset >= timedelta(hours=24):
            return BAD
        value -= (offset // US) * (1 if sign == b"+" else -1)
    return value


def _second_table(cache: dict[bytes, int], key: bytes, limit: int) -> int:
    """On the first time with a new zone suffix, fill in all 60 000 ``SS.mmm`` keys for it."""
    value = _second_us(key)
    if value == BAD:
        return BAD
    suffix = key[6:]
    offset = _second_us(b"00.000" + suffix)
    if len(cache) + 60_000 <= limit:
        for second in range(60):
            for milli in range(1000):
                cache[b"%02d.%03d" % (second, milli) + suffix] = second * 1_000_000 + milli * 1000 + offset
    return value


_MINUTES: dict[bytes, int] = {}
_SECONDS: dict[bytes, int] = {}


def _remember(cache: dict[bytes, int], key: bytes, value: int, limit: int) -> int:
    """Cache a time part; a key that is not even shaped like one is not kept."""
    if value != BAD and len(cache) < limit:
        cache[key] = value
    return value


def us_to_datetime(value: int) -> datetime:
    return EPOCH + US * value  # (exact: a timedelta times an int; faster than timedelta(microseconds=...))


# --------------------------------------------------------------------------------------
# One file
# --------------------------------------------------------------------------------------

SUB_HEAD = b'{"0":"{\\"subsystem\\":\\"'
BIND_END = b'\\"}","1":"'
BIND_END_ANY = b'\\"}","'
OBJECT_HEAD = b'{"0":'  # a whole JSON record of the gateway's (see FileScan._whole_record)
WHOLE_RECORD_MIN = 4 * 64  # bytes: over the parser's _UI_HEADER_MAX characters, however encoded
META = b'","_meta":{'
_META_LEN = len(META)
_SUB_HEAD_LEN = len(SUB_HEAD)
_BIND_END_LEN = len(BIND_END)
_BINDING_SPAN = 200
_HEAD_SPAN = _BINDING_SPAN + _BIND_END_LEN + _KEY_LIMIT
_TIME_FORMATS = ((41, 14), (36, 9))
TIMES_CHUNK = 8192  # skipped lines' times handed on together, at most about this many  # (from end: minute key start, second key start) for ±HH:MM and Z


@dataclass(slots=True)
class _MetaEntry:
    """A ``_meta`` object as :meth:`FileScan._meta_entry` vouches for it: its template around the date, what the parser
    takes from it, and the last call site checked with it."""

    pre: bytes  # the template before the date
    head: bytes  # the template after it (up to the call site's object, if any)
    info: tuple[str | None, str | None]  # (subsystem named by _meta.name, level)
    tail: bytes  # the call-site object last found valid with it (then _meta's closing brace); b"" if none
    decoded: dict[str, Any]  # the template decoded (a dummy date, an empty call site)


class FileScan:
    """Scans one source; yields relevant :class:`Event` objects and, between them, lists
    of the epoch-microsecond times of the skipped lines in file order."""

    def __init__(self, source: str, options: ParseOptions, stats: ParseStats,
                 progress: Callable[[int], None] | None = None, lane: bool = False,
                 keep: Callable[[datetime | None], bool] | None = None) -> None:
        self.parser = LineParser(source, options, stats)
        self.progress = progress
        self.lane = lane  # hand turn-lifecycle lines over for the lifecycle lane (LaneRun items)
        # Until a line the correlator surely counts beside a run timeout has passed (``Correlator._other_lines``; one
        # ``keep`` lets through: the window's), every line it is given goes out as an event: a lone run timeout is one
        # with no counted line before its wait expires, and a skipped or inert line may be of a counted kind.
        self.lone = True
        self.keep = keep
        self._lane_event: Event | None = None  # the lane line _record just built
        self.stats = stats
        self.max_line = options.max_line_bytes
        self._minutes = _MINUTES  # pure functions of their keys: shared by all files
        self._seconds = _SECONDS
        self._bindings: set[bytes] = set()
        # head through the first space -> (message offset, None: a candidate | (): relevant | prefixes to test)
        self._candidate_heads: dict[bytes, tuple[int, tuple[bytes, ...] | None]] = {}
        # _meta template -> ((subsystem, level), the template decoded) | (): no object
        self._templates: dict[tuple[bytes, bytes], tuple[tuple[str | None, str | None], dict[str, Any]] | tuple[()]] = {}
        # binding -> [template before the date, template after it, its (subsystem, level), last call site checked,
        # the template decoded]
        self._meta_by_binding: dict[bytes, _MetaEntry] = {}
        self._call_sites: set[bytes] = set()  # call-site objects (with _meta's closing brace) found valid
        self._format: tuple[int, int] | None = None
        self._line = 0                    # lines before the current block
        self._skip_lo = self._skip_hi = None  # type: int | None
        self._last_skip: int | None = None     # time of the latest skipped line (file order)

    # -- driving --------------------------------------------------------------------

    def scan(self, pieces: Iterable[tuple[bytes, int, int] | RawLine]) -> Iterator[Event | list[int]]:
        """Relevant events, and between them the times of the lines that only move the
        correlator's clock (skipped lines, and decoded lines of no use to it).

        Times are handed on at least every :data:`TIMES_CHUNK` lines, so a long run of lines
        that open nothing costs no memory: feeding a run in pieces moves the clock exactly
        as feeding it whole (:meth:`SweepShadow.skipped` carries its state across calls)."""
        times: list[Any] = []
        lane = False  # whether ``times`` holds lane lines too (then it goes out as a LaneRun)
        lone = self.lone
        for item in self._items(pieces):
            kind = item.__class__
            if kind is list:
                times.extend(item)  # type: ignore[arg-type]
                if len(times) >= TIMES_CHUNK:
                    yield LaneRun(times) if lane else times
                    times, lane = [], False
            elif kind is tuple:  # (time, event) of a lane line
                if lone:
                    lone = self._still_lone(item[1])  # type: ignore[index]
                times.append(item)
                lane = True
                if len(times) >= TIMES_CHUNK:
                    yield LaneRun(times)
                    times, lane = [], False
            elif lone:  # (an inert line too goes out as it is: it may be of a kind the correlator counts)
                lone = self._still_lone(item)  # type: ignore[arg-type]
                if times:
                    yield LaneRun(times) if lane else times
                    times, lane = [], False
                yield item
            elif inert(item):  # type: ignore[arg-type]
                moment = item.time  # type: ignore[union-attr]
                if moment is not None:
                    times.append((moment - EPOCH) // US)
                    if len(times) >= TIMES_CHUNK:
                        yield LaneRun(times) if lane else times
                        times, lane = [], False
            else:
                if times:
                    yield LaneRun(times) if lane else times
                    times, lane = [], False
                yield item
        if times:
            yield LaneRun(times) if lane else times

    def _still_lone(self, event: Event) -> bool:
        """Whether no line the correlator surely counts (``Correlator._other_lines``) has passed, ``event`` the latest."""
        if event.kind not in MAY_LEAVE_UNCOUNTED and (self.keep is None or self.keep(event.time)):
            self.lone = False
        return self.lone

    def _items(self, pieces: Iterable[tuple[bytes, int, int] | RawLine]) -> Iterator[Event | list[int]]:
        progress = self.progress
        for piece in pieces:
            if isinstance(piece, RawLine):
                self._line += 1
                if progress is not None:
                    progress(len(piece.data) + 1)
                yield from self._parse_line(self._line, piece.data, True)
                continue
            data, start, end = piece
            if progress is not None:
                progress(end - start)
            yield from self._block(data, start, end)
        yield from self.parser.flush()
        self._finish_stats()

    def _parse_line(self, number: int, data: bytes, truncated: bool) -> Iterator[Event]:
        if self._last_skip is not None:
            self.parser.clock.note_date(us_to_datetime(self._last_skip).date())
            self._last_skip = None
        ready = self.parser.feed_line(number, data, truncated)
        if ready:
            yield from ready

    def _block(self, block: bytes, start: int, size: int) -> Iterator[Event | list[int]]:
        """The lines of ``block[start:size]``."""
        if not self.parser._offset_noted or self._format is None:
            start = yield from self._slow_until_ready(block, start, size)
            if start >= size:
                return
        full, cand_pos, cand_msg, cand_time = self._phase1(block, start, size)
        hits = self._phase2(cand_msg) if cand_msg else []
        if cand_pos:
            hits = _with_level_hits(hits, block, start, size, cand_pos)
        yield from self._phase3(block, start, size, full, cand_pos, cand_time, hits)

    def _slow_until_ready(self, block: bytes, position: int, size: int) -> Iterator[Event]:
        """Parse lines in full from ``position`` until the fast path may start; returns where it may."""
        while position < size:
            if self.parser._offset_noted and self._format is not None:
                return position
            end = block.find(b"\n", position, size)
            if end < 0:
                end = size
            line = block[position:end]
            self._line += 1
            if self._format is None:
                self._format = self._guess_format(line)
            truncated = len(line) > self.max_line
            yield from self._parse_line(self._line, line[: self.max_line] if truncated else line, truncated)
            position = end + 1
        return position

    @staticmethod
    def _guess_format(line: bytes) -> tuple[int, int] | None:
        for format_ in _TIME_FORMATS:
            end = len(line)
            if line.startswith(SUB_HEAD) and _ISO_MINUTE.fullmatch(line[end - format_[0]:end - format_[1]]) \
                    and _SECOND_OFFSET.fullmatch(line[end - format_[1]:]):
                return format_
        return None

    # -- phase 1: one cheap pass over the lines ---------------------------------------

    def _phase1(self, b: bytes, p: int, size: int) -> tuple[list[Any], list[int], list[bytes], list[int]]:
        """Sort the lines: ``full`` gets the line start of each line for the parser, or a
        ``(start, binding end, message end, line end, time)`` tuple for a record in the
        gateway layout whose message may matter; the rest become candidates for skipping.

        Most lines are decided by their *head* (the record layout up to the binding, and the
        message's first word and the space after it): a head that once made a line a
        candidate does so again, so the line costs a few dictionary lookups. The check that
        no line holds a second ``","_meta":{`` is made once for the whole block (a count);
        if it fails, the block is sorted again line by line with the check on every line.
        """
        assert self._format is not None
        a1, a2 = self._format
        find = b.find
        minutes, seconds = self._minutes, self._seconds
        minute_get, second_get = minutes.get, seconds.get
        candidate_heads = self._candidate_heads
        head_get = candidate_heads.get
        max_line = self.max_line
        start = p
        full: list[Any] = []
        cand_pos: list[int] = []
        cand_msg: list[bytes] = []
        cand_time: list[int] = []
        pos_add, msg_add, time_add = cand_pos.append, cand_msg.append, cand_time.append
        full_add = full.append
        sorter = self._LineSorter(self, b, size, full, cand_pos, cand_msg, cand_time)
        meta, low, high, head_start, head_span, bind_end_len = META, LOW_US, HIGH_US, _SUB_HEAD_LEN, _HEAD_SPAN, _BIND_END_LEN
        longest = LONGEST_PREFIX
        startswith = b.startswith
        while p < size:
            q = find(b"\n", p, size)
            if q < 0:
                q = size
            t1 = minute_get(b[q - a1:q - a2])
            t2 = second_get(b[q - a2:q])
            when = self._time(b, q, a1, a2) if t1 is None or t2 is None else t1 + t2
            space = find(b" ", p + head_start, p + head_span)
            known = head_get(b[p:space + 1]) if space > 0 else None
            if known is not None and low <= when <= high and q - p <= max_line:
                i = p + known[0]
                j = find(meta, i, q - a1 + 1)
                if j >= 0:
                    prefixes = known[1]
                    if prefixes is None or (prefixes and not startswith(prefixes, i)
                                            and find(b"\\", i, i + longest if i + longest < j else j) < 0):
                        pos_add(p)
                        msg_add(b[i:j])
                        time_add(when)
                    else:
                        full_add((p, i - bind_end_len, j, q, when))
                    p = q + 1
                    continue
            sorter.sort(p, q, when, space)
            p = q + 1
        # Each line sorted above without the sorter holds one ``","_meta":{`` at least.
        metas = len(cand_pos) + len(full) - sorter.sorted + sorter.metas
        if b.count(META, start, size) != metas:  # a second record glued onto some line
            full, cand_pos, cand_msg, cand_time = [], [], [], []
            sorter = self._LineSorter(self, b, size, full, cand_pos, cand_msg, cand_time, strict=True)
            p = start
            while p < size:
                q = find(b"\n", p, size)
                if q < 0:
                    q = size
                sorter.sort(p, q, self._time(b, q, a1, a2), find(b" ", p + _SUB_HEAD_LEN, p + _HEAD_SPAN))
                p = q + 1
        return full, cand_pos, cand_msg, cand_time

    def _time(self, b: bytes, q: int, a1: int, a2: int) -> int:
        """Epoch microseconds of the time at the end of the line ending at ``q``; out of
        range (BAD added) if it is not a valid time."""
        key = b[q - a1:q - a2]
        t1 = self._minutes.get(key)
        if t1 is None:
            t1 = _remember(self._minutes, key, _minute_us(key), 100_000)
        key = b[q - a2:q]
        t2 = self._seconds.get(key)
        if t2 is None:
            t2 = _second_table(self._seconds, key, 400_000)
        return t1 + t2

    class _LineSorter:
        """The line-by-line rules of :meth:`FileScan._phase1`, for lines whose head is new."""

        def __init__(self, scan: FileScan, b: bytes, size: int, full: list[Any], cand_pos: list[int],
                     cand_msg: list[bytes], cand_time: list[int], strict: bool = False) -> None:
            self.scan, self.b, self.size, self.strict = scan, b, size, strict
            self.full, self.cand_pos, self.cand_msg, self.cand_time = full, cand_pos, cand_msg, cand_time
            self.sorted = 0  # lines sorted here
            self.metas = 0   # the ``","_meta":{`` they hold (at least)

        def sort(self, p: int, q: int, when: int, space: int) -> None:
            """Sort the line ``b[p:q]``."""
            self.sorted += 1
            self.metas += self._sort(p, q, when, space)

        def _sort(self, p: int, q: int, when: int, space: int) -> int:
            """Sort the line ``b[p:q]``; returns how many ``","_meta":{`` it holds."""
            b, scan = self.b, self.scan
            assert scan._format is not None
            a1 = scan._format[0]
            full_add = self.full.append
            if not LOW_US <= when <= HIGH_US or not b.startswith(SUB_HEAD, p) or q - p > scan.max_line:
                full_add(p)
                return b.count(META, p, q)
            k = b.find(BIND_END, p + _SUB_HEAD_LEN, p + _BINDING_SPAN)
            if k < 0 or (b[p + _SUB_HEAD_LEN:k] not in scan._bindings and not scan._binding_ok(b[p + _SUB_HEAD_LEN:k])):
                full_add(p)
                return b.count(META, p, q)
            i = k + _BIND_END_LEN
            j = b.find(META, i, q - a1 + 1)
            if j < 0:
                full_add(p)
                return b.count(META, p, q)
            if self.strict and b.find(META, j + _META_LEN, q) >= 0:
                full_add(p)
                return 0
            limit = i + _KEY_LIMIT
            if limit > j:
                limit = j
            word_end = b.find(b" ", i, limit)
            word = b[i:word_end] if word_end >= 0 else b[i:limit]
            decision = _HEADS.get(word)
            if decision is None:
                decision = _head(word)
            if word_end >= 0 and word_end == space and decision != WSRES and len(scan._candidate_heads) < 50_000:
                # The head through the space decides any line that starts with it the same way.
                scan._candidate_heads[b[p:space + 1]] = (i - p, _KNOWN.get(decision, decision))  # type: ignore[arg-type]
            if decision != CAND:
                if decision == REL:
                    full_add((p, k, j, q, when))
                    return 1
                if decision == WSRES:
                    match = WS_RES.match(b, i, j)
                    if match is None or int(match.group(1)) >= SLOW_RESPONSE_MS or b.find(b"durationMs", i, j) >= 0:
                        full_add((p, k, j, q, when))
                        return 1
                elif b.startswith(decision, i) or b.find(b"\\", i, i + LONGEST_PREFIX if i + LONGEST_PREFIX < j else j) >= 0:
                    full_add((p, k, j, q, when))
                    return 1
            self.cand_pos.append(p)
            self.cand_msg.append(b[i:j])
            self.cand_time.append(when)
            return 1

    def _binding_ok(self, name: bytes) -> bool:
        if not name or _PLAIN_STRING.fullmatch(name) is None:
            return False
        if len(self._bindings) < 10_000:
            self._bindings.add(name)
        return True

    # -- phase 2: the needles, over all candidate messages of the block at once ---------

    @staticmethod
    def _phase2(messages: list[bytes]) -> list[int]:
        """Indexes of candidates that must be decoded after all."""
        joined = b"\n".join(messages)
        deleted = joined.translate(_CONTROL_TO_NUL, DELETED)
        hits: set[int] = set()
        if b'"' in joined or b"\x00" in deleted or not _escapes_ok(joined):
            hits.update(index for index, message in enumerate(messages) if not _message_ok(message))
        index = 0
        position = 0
        for match in needle_re().finditer(deleted):
            start = match.start()
            index += deleted.count(b"\n", position, start)
            position = start
            hits.add(index)
        return sorted(hits)

    # -- phase 3: events and skipped times, in line order ------------------------------

    def _phase3(self, b: bytes, start: int, size: int, full: list[Any], cand_pos: list[int],
                cand_time: list[int], hits: list[int]) -> Iterator[Event | list[int]]:
        if self.lone:
            done, taken = yield from self._lone_lines(b, size, full, cand_pos, cand_time, hits)
            if done or taken:
                full, cand_pos, cand_time = full[done:], cand_pos[taken:], cand_time[taken:]
                hits = [h - taken for h in hits if h >= taken]
        if hits:
            full = sorted(full + [cand_pos[h] for h in hits], key=_entry_position)
            runs = [cand_time[a + 1:z] for a, z in zip([-1, *hits], [*hits, len(cand_time)], strict=True) if a + 1 < z]
            if runs:
                self._count_skipped(len(cand_time) - len(hits), min(map(min, runs)), max(map(max, runs)))
        elif cand_time:
            self._count_skipped(len(cand_time), min(cand_time), max(cand_time))
        base = self._line + 1
        others = 0  # lines of ``full`` passed that are not candidates
        c0 = 0
        count = len(cand_pos)
        for entry in full:
            position = entry if entry.__class__ is int else entry[0]
            c1 = bisect.bisect_left(cand_pos, position, c0) if count else 0
            if c1 > c0:
                times = cand_time[c0:c1]
                yield from self._skip(times)
                yield times
            number = base + others + c1
            if c1 < count and cand_pos[c1] == position:  # a candidate that must be decoded after all
                entry = self._hit_entry(b, position, size, cand_time[c1])
                c1 += 1
            else:
                others += 1
            c0 = c1
            yield from self._decoded(b, size, number, entry)
        if c0 < count:
            times = cand_time[c0:]
            yield from self._skip(times)
            yield times
        self._line += others + count

    def _lone_lines(self, b: bytes, size: int, full: list[Any], cand_pos: list[int], cand_time: list[int],
                    hits: list[int]) -> Generator[Event | list[int], None, tuple[int, int]]:
        """The block's first lines, one at a time and each decoded (a candidate outside the window aside), until
        :meth:`_still_lone` says a counted line has passed; returns how many of ``full`` and of the candidates were
        read. (The parser holds a line's event back until the next line, so a line or two more are decoded.)"""
        done = taken = 0
        keep, lines, count = self.keep, len(full), len(cand_pos)
        chosen = set(hits)
        while self.lone and (done < lines or taken < count):
            self._line += 1
            if taken < count and (done == lines or cand_pos[taken] < _entry_position(full[done])):
                when = cand_time[taken]
                if taken in chosen or keep is None or keep(us_to_datetime(when)):
                    entry: Any = self._hit_entry(b, cand_pos[taken], size, when)
                else:  # (dropped by the window: skipped as ever)
                    self._count_skipped(1, when, when)
                    yield from self._skip([when])
                    yield [when]
                    taken += 1
                    continue
                taken += 1
            else:
                entry = full[done]
                done += 1
            yield from self._decoded(b, size, self._line, entry)
        return done, taken

    def _decoded(self, b: bytes, size: int, number: int, entry: Any) -> Iterator[Event | tuple[int, Event]]:
        """The events of one line to decode: a phase-1 tuple is built as a record (a lifecycle lane line goes out as
        its (time, event)); a bare position, or a record the builder declines, goes through the parser."""
        if entry.__class__ is not int:
            ready = self._record(b, number, entry)
            if ready is not None:
                if ready:
                    yield from ready
                lane_event = self._lane_event
                if lane_event is not None:
                    self._lane_event = None
                    yield (entry[4], lane_event)
                return
        position = _entry_position(entry)
        end = b.find(b"\n", position, size)
        if end < 0:
            end = size
        if b.startswith(OBJECT_HEAD, position) and WHOLE_RECORD_MIN < end - position <= self.max_line \
                and self.parser.takes_whole_records:
            ready = self._whole_record(b, number, position, end)
            if ready is not None:
                if ready:
                    yield from ready
                return
        data = b[position:end]
        truncated = len(data) > self.max_line
        yield from self._parse_line(number, data[:self.max_line] if truncated else data, truncated)

    def _hit_entry(self, b: bytes, p: int, size: int, when: int) -> tuple[int, int, int, int, int]:
        """The phase-1 tuple of a candidate line (it had the gateway layout)."""
        assert self._format is not None
        q = b.find(b"\n", p, size)
        if q < 0:
            q = size
        k = b.find(BIND_END, p + _SUB_HEAD_LEN, p + _BINDING_SPAN)
        return p, k, b.find(META, k + _BIND_END_LEN, q - self._format[0] + 1), q, when

    def _whole_record(self, b: bytes, number: int, p: int, q: int) -> Sequence[Event] | None:
        """The events completed by the line ``b[p:q]``, a JSON record the parser reads whole (``model usage`` with
        its meta object in ``"1"``, a root-logger line ``{"0":"[acpx] ..."``) whose ``_meta`` and ``time`` close
        it as in the gateway layout: decoded once without them (the ``_meta`` template is decoded once, see
        :meth:`_meta_entry`; the time is phase 1's), then read by the parser as :meth:`LineParser.feed_line`
        would (:meth:`LineParser.take_record`). None, nothing changed, when the parser must take the line.

        The first ``","_meta":{`` closes a top-level string value exactly when the text before it, closed with
        ``}``, is a JSON object (a quote after a comma cannot be inside a string; inside a nested object the brace
        leaves one open). Then the line is that object, ``"_meta"`` and ``"time"``: as decoded, a key the object
        already holds keeps its place and takes the later value, as assigning it does."""
        assert self._format is not None
        a1, a2 = self._format
        when = self._time(b, q, a1, a2)
        if not LOW_US <= when <= HIGH_US:
            return None
        meta_end = q - a1 + 1
        j = b.find(META, p, meta_end)
        if j < 0:
            return None
        if b.startswith(SUB_HEAD, p):
            k = b.find(BIND_END_ANY, p + _SUB_HEAD_LEN, p + _BINDING_SPAN)
            cache_key = b[p + _SUB_HEAD_LEN:k] if k >= 0 else b""
        else:
            cache_key = b""  # (no binding is empty: the gateway layout's are checked non-empty)
        known = self._meta_entry(b, j + 10, meta_end, cache_key)
        if known is None:
            return None
        try:
            obj = _strictjson.loads(b[p:j + 1].decode("utf-8", "replace") + "}")
        except (ValueError, RecursionError):
            return None
        if "log" in obj:
            return None  # (a container runtime's record: the parser reads it)
        obj["_meta"] = known.decoded  # (its date is a dummy: a record's time comes from "time", always there)
        obj["time"] = b[meta_end + 9:q - 2].decode("ascii")
        record = record_from_json(obj)
        ready = self.parser.take_record(number, EPOCH + US * when, record)
        if ready is not None:
            self._last_skip = None  # (the parser's date is this line's)
        return ready

    # -- a record in the gateway layout, built without json.loads -----------------------

    def _record(self, b: bytes, number: int, entry: tuple[int, int, int, int, int]) -> Sequence[Event] | None:
        """The events a gateway-layout line completes (its own is held back, as the parser
        holds it), built exactly as the parser builds it; None when the line needs the parser
        after all (an escape or meta object out of the ordinary)."""
        p, k, j, q, when = entry
        assert self._format is not None
        if self.parser.reading_block:
            return None  # (the parser decides whether the record joins the lines it is gathering, or ends them)
        binding = b[p + _SUB_HEAD_LEN:k]
        known = self._meta_entry(b, j + 10, q - self._format[0] + 1, binding)
        if known is None:
            return None
        meta_binding, level = known.info
        text = b[k + _BIND_END_LEN:j].decode("utf-8", "replace") + '"'
        try:
            message, end = scanstring(text, 0, True)
        except ValueError:
            return None
        if end != len(text):
            return None
        if "\x1b" in message:
            message = strip_ansi(message)
        subsystem = meta_binding or binding.decode("utf-8", "replace")
        moment = EPOCH + US * when
        parser = self.parser
        self._last_skip = when  # the parser's date for a later time-only line (see _parse_line)
        parser.stats.lines += 1
        event = parser.build_jsonl(number, moment, level, subsystem, message)
        if self.lane and lane_eligible(event) and (event.kind in _LANE_NEVER_INERT or not inert(event)):
            # what holding it would do (LineParser._emit counts a record of a known kind), but
            # handed on at once: no later line can join a gateway record
            parser.stats.note_event(event)
            self._lane_event = event
            return parser.flush()
        return parser.hold(event)

    def _meta_entry(self, b: bytes, start: int, end: int, binding: bytes) -> _MetaEntry | None:
        """The :class:`_MetaEntry` of the ``_meta`` object ``b[start:end]`` (``binding`` keys the cache of the last
        one seen); None if it is not one this fast builder can vouch for (the parser takes the line).

        A ``_meta`` is its *template* (everything but the ``date`` and the call-site
        ``path`` object, which say nothing the parser uses) plus those two: the template is
        decoded once, the date and the call site are only checked to be valid JSON. A
        binding's template rarely changes: the last one seen with it is tried first, and so
        is the last call site checked with it (the same bytes are as valid again: a byte
        comparison instead of the pattern, which costs microseconds on a call site's 400)."""
        known = self._meta_by_binding.get(binding)
        if known is not None:
            pre, head, tail = known.pre, known.head, known.tail
            date_at = start + len(pre)
            date_end = b.find(b'"', date_at, end)
            if date_end > date_at and b.startswith(pre, start) and b.startswith(head, date_end) \
                    and _PLAIN_STRING.fullmatch(b, date_at, date_end) is not None:
                tail_at = date_end + len(head)
                if end - tail_at == len(tail) and b.startswith(tail, tail_at):
                    return known
                if head.endswith(CALL_SITE_KEY):
                    tail = b[tail_at:end]
                    if self._call_site_ok(tail):
                        known.tail = tail
                        return known
        meta = b[start:end]
        date_at = meta.find(b'"date":"')
        if date_at < 0:
            return None
        date_at += 8
        date_end = meta.find(b'"', date_at)
        if date_end < 0 or _PLAIN_STRING.fullmatch(meta, date_at, date_end) is None:
            return None
        call_site = meta.find(CALL_SITE, date_end)
        if call_site >= 0:
            head_end = call_site + len(CALL_SITE) - 1
            tail = meta[head_end:]
            if not self._call_site_ok(tail):
                return None
            key = (meta[:date_at], meta[date_end:head_end])
        else:
            key = (meta[:date_at], meta[date_end:])
            tail = b""
        found = self._templates.get(key)
        if found is None:
            found = self._template(key)
        if not found:
            return None
        known = _MetaEntry(key[0], key[1], found[0], tail, found[1])
        if len(self._meta_by_binding) < 10_000:
            self._meta_by_binding[binding] = known
        return known

    def _call_site_ok(self, tail: bytes) -> bool:
        """Whether ``tail`` is a call-site object closing ``_meta`` (see :data:`_FLAT_OBJECT_END`); the valid ones
        are remembered (a gateway logs from a few hundred call sites at most)."""
        if tail in self._call_sites:
            return True
        if _FLAT_OBJECT_END.fullmatch(tail) is None:
            return False
        if len(self._call_sites) < CALL_SITE_LIMIT:
            self._call_sites.add(tail)
        return True

    def _template(self, key: tuple[bytes, bytes]) -> tuple[tuple[str | None, str | None], dict[str, Any]] | tuple[()]:
        """Decode a ``_meta`` template once (a dummy date, an empty call site): ((subsystem, level), the object); ()
        if it is no object."""
        found: tuple[tuple[str | None, str | None], dict[str, Any]] | tuple[()] = ()
        pre, head = key
        text = pre + b'2000-01-01T00:00:00.000Z' + head + (b'{}}' if head.endswith(CALL_SITE_KEY) else b"")
        try:
            obj = json.loads(text.decode("utf-8"))  # (strictly: the parser reads an encoded surrogate as U+FFFD)
        except (ValueError, RecursionError):
            obj = None
        if isinstance(obj, dict):
            name = obj.get("name")
            binding = _binding_name(name)
            if binding is None and isinstance(name, str) and name and name not in ROOT_LOGGER_NAMES:
                binding = None  # a plain logger name only counts when the record has no binding
            found = ((binding, normalize_level(obj.get("logLevelName"))), obj)
        if len(self._templates) < TEMPLATE_LIMIT:
            self._templates[key] = found
        return found

    def _skip(self, times: list[int]) -> Sequence[Event]:
        """A run of skipped lines (counted with their block: :meth:`_count_skipped`);
        returns the held-back events they complete."""
        self._last_skip = times[-1]
        return self.parser.flush()

    def _count_skipped(self, count: int, low: int, high: int) -> None:
        """Count the skipped lines of a block, with the range of their times."""
        stats = self.stats
        stats.lines += count
        stats.events += count
        stats.skipped += count
        stats.shapes["jsonl"] += count
        if self._skip_lo is None or low < self._skip_lo:
            self._skip_lo = low
        if self._skip_hi is None or high > self._skip_hi:
            self._skip_hi = high

    def _finish_stats(self) -> None:
        stats = self.stats
        for value in (self._skip_lo, self._skip_hi):
            if value is None:
                continue
            moment = us_to_datetime(value)
            if stats.first_time is None or moment < stats.first_time:
                stats.first_time = moment
            if stats.last_time is None or moment > stats.last_time:
                stats.last_time = moment


# --------------------------------------------------------------------------------------
# The correlator's clock
# --------------------------------------------------------------------------------------


class SweepShadow:
    """A copy of the correlator's clock state (``now`` and the time of its last sweep).

    :meth:`skipped` turns the times of skipped lines into the few tick events that change
    what the correlator does; :meth:`before` says whether an event needs a tick first.
    """

    def __init__(self, source: str = "") -> None:
        self.now: int | None = None      # the correlator's clock if every line had been fed
        self.fed: int | None = None      # the clock the correlator actually has
        self.last: int | None = None     # its last sweep
        self.source = source

    def tick(self, value: int) -> Event:
        return Event(self.source, 0, us_to_datetime(value), None, None, GENERIC_KIND, "", "tick")

    def skipped(self, times: list[int]) -> list[Event]:
        """The ticks that stand for a run of skipped lines with these times (file order)."""
        ticks: list[Event] = []
        if not times:
            return ticks
        last = self.last
        if last is not None:
            latest = max(times)
            if latest - last < SWEEP_US:  # no line of the run can sweep, in any order
                if self.now is None or latest > self.now:
                    self.now = latest
                return ticks
        if _non_decreasing(times):
            now = self.now
            start = 0 if now is None else bisect.bisect_right(times, now)
            size = len(times)
            while start < size:
                index = start if self.last is None else bisect.bisect_left(times, self.last + SWEEP_US, start)
                if index >= size:
                    break
                value = times[index]
                self.now = self.fed = self.last = value
                ticks.append(self.tick(value))
                start = bisect.bisect_right(times, value, index)
            if self.now is None or times[-1] > self.now:
                self.now = times[-1]
            return ticks
        for value in times:  # out-of-order lines: the plain rule, one time at a time
            if self.now is None or value > self.now:
                self.now = value
                if self.last is None or value - self.last >= SWEEP_US:
                    self.last = self.fed = value
                    ticks.append(self.tick(value))
        return ticks

    def before(self, event: Event) -> Event | None:
        """The tick to feed before ``event``, if any; then account for ``event`` itself."""
        moment = event.time
        value = None if moment is None else (moment - EPOCH) // US
        now = self.now
        tick = None
        if now is not None and self.fed != now and (value is None or value < now):
            self.fed = now
            tick = self.tick(now)
        if value is not None:
            if now is None or value > now:
                self.now = self.fed = value
                if self.last is None or value - self.last >= SWEEP_US:
                    self.last = value
            elif self.fed is not None and value > self.fed:
                self.fed = value
        return tick

    def finish(self) -> list[Event]:
        if self.now is not None and self.fed != self.now:
            self.fed = self.now
            return [self.tick(self.now)]
        return []


_NAMES = IdentityResolver(1).names
# Lane kinds :func:`inert` never finds inert, whatever the event (relevant kinds, not generic, unparsed, a note or a
# kind a fault could be counted under): the lane's lines skip the call.
_LANE_NEVER_INERT = (LANE_KINDS & RELEVANT_KINDS) - UNJUDGED_FAULT_KINDS - {GENERIC_KIND, UNPARSED_KIND, NOTE_KIND}


def inert(event: Event) -> bool:
    """True when feeding ``event`` would only move the correlator's clock: a generic event
    below WARN that reports no fault (an unrecognised WARN/ERROR/FATAL line is mined for templates,
    :mod:`stuckscan.signals`; one that reads as a fault is counted, :mod:`stuckscan.unexplained`),
    or a kind the correlator does not act on whose
    fields name at most one of session key, session id and run id (it needs two to learn a link). A session
    transcript's entry is never inert (Correlator._after_watched_entry reads the one after a restart call or a prompt
    failure)."""
    kind = event.kind
    if event.shape.endswith(TRANSCRIPT_SHAPE):
        return False  # a session transcript's entries: the next one decides what a restart call or prompt failure meant
    if kind == GENERIC_KIND:
        # an unrecognised WARN/ERROR/FATAL line goes to the template miner; one that reports a fault, to the
        # count of lines no rule explained (stuckscan.unexplained)
        return event.level not in MINED_LEVELS and not looks_like_fault(event) and not channel_side_line(event) \
            and not plugin_compaction_commit(event) and not quoted_ages(event.message)
    if kind in UNJUDGED_FAULT_KINDS and looks_like_fault(event):
        return False  # counted as a fault no rule explained, as an unrecognised one is
    if kind == UNPARSED_KIND:
        return False  # (rare: a line no shape read may be the transcript entry that would decide a watched one)
    if kind == NOTE_KIND:
        return not event.fields.get("repeats")  # a reporter's "repeats every ~35 min" counts (Correlator._on_repeat_note)
    if kind in RELEVANT_KINDS:
        return False
    if kind in CONDITIONAL_KINDS and event.seconds.get("durationMs", 0.0) * 1000 >= SLOW_RESPONSE_MS:
        return False
    key, session_id, run_id = _NAMES(event)
    return (key is not None) + (session_id is not None) + (run_id is not None) <= 1
# A record at one of these levels is decoded even when no family could match its message: the
# template miner (stuckscan.signals) groups the unrecognised ones.
LEVEL_NEEDLES = (b'"logLevelName":"WARN"', b'"logLevelName":"ERROR"', b'"logLevelName":"FATAL"')


def _with_level_hits(hits: list[int], b: bytes, start: int, size: int, cand_pos: list[int]) -> list[int]:
    """``hits`` plus the candidates whose record is at WARN, ERROR or FATAL (a few ``find``
    passes over the block; a debug log has almost none)."""
    found: set[int] = set()
    for needle in LEVEL_NEEDLES:
        position = b.find(needle, start, size)
        while position >= 0:
            index = bisect.bisect_right(cand_pos, position) - 1
            if index >= 0:
                line_end = b.find(b"\n", cand_pos[index], size)
                if line_end < 0 or position < line_end:
                    found.add(index)
            position = b.find(needle, position + len(needle), size)
    if not found:
        return hits
    return sorted(found.union(hits))


# Control characters other than the \n that joins candidate messages become NUL.
_CONTROL_TO_NUL = bytes(0 if byte < 32 and byte != 10 else byte for byte in range(256))


def _escapes_ok(text: bytes) -> bool:
    """Every backslash starts an SGR colour code ``\\u001b[<digits;>m``."""
    count = text.count(b"\\")
    return count == 0 or (count == text.count(b"\\u001b[")
                          and count == text.translate(None, b"0123456789;").count(b"\\ub[m"))


def _message_ok(message: bytes) -> bool:
    """A JSON string body with no quote, no control character and only colour escapes."""
    return b'"' not in message and message.translate(None, CONTROL) == message and _escapes_ok(message)


def _entry_position(entry: Any) -> int:
    return entry if entry.__class__ is int else entry[0]


def _non_decreasing(values: list[int]) -> bool:
    return all(a <= b for a, b in zip(values, values[1:], strict=False)) if len(values) < 8 else values == sorted(values)


# --------------------------------------------------------------------------------------
# Files in order
# --------------------------------------------------------------------------------------

Items = Iterable[Event | list[int]]


def scan_path(path: str, options: ParseOptions, stats: ParseStats,
              progress: Callable[[int], None] | None = None, lane: bool = False,
              keep: Callable[[datetime | None], bool] | None = None) -> Iterator[Event | list[int]]:
    """The fast-path items of one file: relevant events and lists of skipped times (with
    ``lane``, :class:`LaneRun` lists that hold the lifecycle lane's lines too).
    ``progress`` is called with the number of bytes read, block by block. ``keep``: the
    filter :func:`feed_items` will apply (see :attr:`FileScan.lone`)."""
    name = display_name(path)
    stats.files.append(name)
    yield from FileScan(name, options, stats, progress, lane, keep).scan(read_blocks(path, options.max_line_bytes))


def scan_range(path: str, start: int, length: int, last: bool, options: ParseOptions, stats: ParseStats,
               lines: list[int], lane: bool = False,
               keep: Callable[[datetime | None], bool] | None = None) -> Iterator[Event | list[int]]:
    """The fast-path items of a part of a file (see ``parallel.plan_parts``): ``length``
    bytes from ``start``, which begins a gateway record. Lines are numbered from 1 within
    the part; the number of lines read is appended to ``lines`` at the end. ``stats.files``
    is not touched (the whole file's stats name it)."""
    scanner = FileScan(display_name(path), options, stats, lane=lane, keep=keep)
    yield from scanner.scan(read_range_blocks(path, start, length, last, options.max_line_bytes))
    lines.append(scanner._line)


def starts_a_gateway_record(line: bytes) -> bool:
    """Whether ``line`` begins a record in the gateway's JSONL layout (its time is a full
    date and time, so a scan can start there without the lines before it)."""
    return line.startswith(SUB_HEAD)


def window_filter(window: Any) -> Callable[[datetime | None], bool] | None:
    """``window.contains`` unless the window is absent or unbounded."""
    if window is None or getattr(window, "unbounded", False):
        return None
    return window.contains


def scan_filter(window: Any) -> Callable[[datetime | None], bool] | None:
    """:func:`window_filter` for a scan's own use (:attr:`FileScan.lone`): of the plain window a counting one wraps
    (``window.window``: ``commands._inputs.CountingWindow`` counts the lines :func:`feed_items` asks it about)."""
    return window_filter(getattr(window, "window", window))


def feed_items(items: Iterable[Event | list[int]], shadow: SweepShadow,
               keep: Callable[[datetime | None], bool] | None = None) -> Iterator[Event]:
    """Turn fast-path items into the event stream the correlator gets.

    A :class:`LaneRun` goes out as one :class:`~stuckscan.lifecycle_lane.LaneBatch` that
    the correlator feeds to itself; if the consumer did not (it is no correlator), its
    events follow it one by one, as they would without the lane."""
    before, skipped = shadow.before, shadow.skipped
    for item in items:
        kind = item.__class__
        if kind is list:
            times = item
            if keep is not None:
                times = [t for t in times if keep(us_to_datetime(t))]
            ticks = skipped(times)  # type: ignore[arg-type]
            if ticks:
                yield from ticks
            continue
        if kind is LaneRun:
            batch = LaneBatch(item, shadow, keep)  # type: ignore[arg-type]
            yield batch
            if not batch.consumed:
                batch.consumed = True
                yield from feed_items(_unbatched(item), shadow, keep)  # type: ignore[arg-type]
            continue
        event: Event = item  # type: ignore[assignment]
        if keep is not None and not keep(event.time):
            continue
        tick = before(event)
        if tick is not None:
            yield tick
        yield event


def _unbatched(run: LaneRun) -> Iterator[Event | list[int]]:
    """A lane run as the plain items it stands for: runs of skipped times, and events."""
    times: list[int] = []
    for entry in run:
        if entry.__class__ is int:
            times.append(entry)
            continue
        if times:
            yield times
            times = []
        yield entry[1]
    if times:
        yield times


def iter_scan_events(paths: Iterable[str], options: ParseOptions | None = None, stats: ParseStats | None = None,
                     window: Any = None, progress: Callable[[int], None] | None = None,
                     lane: bool = True) -> Iterator[Event]:
    """The events the correlator needs from ``paths`` (read in the order given), with the
    same correlated result as every event of every line; ``stats`` counts every line.

    ``window`` (a :class:`~stuckscan.timewindow.TimeWindow`) drops events and skipped
    lines outside it, as ``--since``/``--until`` do for the full parse. ``progress`` is
    called with the number of bytes read so far, block by block (for a progress bar).
    ``lane``: turn-lifecycle lines go through the lifecycle lane
    (:mod:`stuckscan.lifecycle_lane`), in :class:`~stuckscan.lifecycle_lane.LaneBatch` items.
    """
    options = options or ParseOptions()
    stats = stats if stats is not None else ParseStats()
    shadow = SweepShadow()
    keep = window_filter(window)
    for path in paths:
        file_stats = ParseStats()
        shadow.source = display_name(path)
        yield from feed_items(scan_path(path, options, file_stats, progress, lane, scan_filter(window)), shadow, keep)
        stats.merge(file_stats)
    yield from shadow.finish()


__all__ = ["FileScan", "SweepShadow", "feed_items", "iter_scan_events", "scan_path", "scan_range", "RELEVANT_KINDS",
           "decide_head"]
