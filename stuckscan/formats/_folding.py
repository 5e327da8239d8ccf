"""Folding repeated log lines, for the markdown report's timeline and appendix.

A stalled session logs the same warning every 30 s for as long as it is stuck; a
gateway episode is a pile of repeated liveness and WebSocket warnings. Shown line by
line they bury everything else, so a run of them becomes one row ("12 x stalled
session, age 443 -> 856 s, every 35 s") and the appendix keeps only the first and last
of a run in full (and any line a finding or a recovery verdict cites).

Plain text: the markdown module escapes what it takes from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from stuckscan.formats._escape import clean, shorten
from stuckscan.formats._gantt import as_utc
from stuckscan.formats._report import Item
from stuckscan.model import Episode, Evidence, Incident

FOLD_AT = 3                  # this many consecutive lines of one kind become one row
DETAIL_PAIRS = 6
DETAIL_VALUE_LIMIT = 48
DETAIL_TEXT_LIMIT = 130
ATTENTION_KINDS = frozenset({"session.stalled", "session.stuck", "session.long_running"})
# the key=value fields worth a timeline row (identity fields are in the heading already)
DETAIL_KEYS = frozenset({
    "state", "prev", "new", "age", "queueDepth", "reason", "classification", "activeWorkKind", "activeTool",
    "lastProgress", "lastProgressAge", "recovery", "action", "status", "aborted", "drained", "forceCleared",
    "released", "tool", "model", "provider", "durationMs", "waitedMs", "timeoutMs", "eventLoopDelayMaxMs",
    "eventLoopUtilization", "outcome", "duration", "queued", "totalActive", "error", "code", "phase",
})
# measurements whose highest value says how bad a run of repeated lines got
PEAK_KEYS = frozenset({"lastProgressAge", "queueDepth", "queued", "durationMs", "waitedMs", "timeoutMs",
                       "eventLoopDelayMaxMs", "eventLoopDelayP99Ms", "eventLoopUtilization", "degradedFor"})
_KEY_VALUE = re.compile(r"(?<![\w.])([A-Za-z][A-Za-z0-9_]*)=(\"[^\"]{0,200}\"|\S+)")
_TEMPLATE = re.compile(r"^\[?([A-Za-z][A-Za-z /_-]{1,38}[A-Za-z])\]?: ")
_ID_PAIR = re.compile(r" ?(?<![\w.])(sessionKey|sessionId|runId|activeSessionId)=(\S+)")
_AGE = re.compile(r"(?<![\w.])age=(\d+(?:\.\d+)?)(ms|s)?\b")
_NUMBER = re.compile(r"(-?\d+(?:\.\d+)?)(?:ms|s)?")
_BARE_MS = re.compile(r"(?<![\w.=])(\d+(?:\.\d+)?)ms\b")


def event_name(evidence: Evidence) -> str:
    """The message's template (``stalled session``), else its event kind."""
    match = _TEMPLATE.match(clean(evidence.text))
    return match.group(1) if match else evidence.kind


def details(text: str) -> str:
    """The telling ``key=value`` fields of a line, else the start of the line."""
    pairs = [(key, value) for key, value in _KEY_VALUE.findall(text) if key in DETAIL_KEYS]
    if pairs:
        return " ".join(f"{key}={shorten(value, DETAIL_VALUE_LIMIT)}" for key, value in pairs[:DETAIL_PAIRS])
    match = _TEMPLATE.match(text)
    return shorten(text[match.end():] if match else text, DETAIL_TEXT_LIMIT)


def own_ids(item: Item) -> frozenset[str]:
    """The session key, session id and run ids an incident's heading already names."""
    if not isinstance(item, Incident):
        return frozenset()
    return frozenset(value for value in (item.session_key, item.session_id, *item.run_ids) if value)


def without_ids(text: str, ids: frozenset[str]) -> str:
    """``text`` without the ``key=value`` pairs whose value is one of ``ids``."""
    if not ids:
        return text
    return _ID_PAIR.sub(lambda match: "" if match.group(2) in ids else match.group(0), text)


def _seconds(value: str, unit: str | None) -> float:
    return float(value) / 1000 if unit == "ms" else float(value)


def _peaks(run: Sequence[Evidence]) -> list[str]:
    """``eventLoopDelayMaxMs up to 38654.2`` for the first numeric telling fields of a run
    (``slowest 118302ms`` for lines that carry a bare duration instead)."""
    highest: dict[str, float] = {}
    for line in run:
        for key, value in _KEY_VALUE.findall(line.text):
            number = _NUMBER.fullmatch(value)
            if key in PEAK_KEYS and number:
                highest[key] = max(highest.get(key, float("-inf")), float(number.group(1)))
    if highest:
        return [f"{key} up to {value:g}" for key, value in list(highest.items())[:2]]
    durations = [float(match.group(1)) for line in run for match in _BARE_MS.finditer(line.text)]
    return [f"slowest {max(durations):g}ms"] if durations else []


def age_figure(seconds: float) -> str:
    """An age as a reader takes it in: ``443``, ``1.5``, ``2,591,970`` (``:g`` alone gives
    ``2.59197e+06`` for a stall of days)."""
    return f"{seconds:,.0f}" if seconds >= 10_000 else f"{seconds:g}"


def fold_summary(run: Sequence[Evidence], total: int) -> str:
    """``age 443 \u2192 856 s, every 35 s`` for a run of repeated lines."""
    parts = []
    ages = [] if run[0].kind not in ATTENTION_KINDS else [
        _seconds(*match.groups()) for match in (_AGE.search(line.text) for line in run) if match]
    parts.extend([f"age {age_figure(ages[0])} \u2192 {age_figure(ages[-1])} s"] if len(ages) >= 2 else _peaks(run))
    times = [value for value in (as_utc(line.time) for line in run) if value is not None]
    gaps = sorted((later - earlier).total_seconds() for earlier, later in zip(times, times[1:]))
    if len(gaps) >= 2:
        parts.append(f"every {gaps[len(gaps) // 2]:.0f} s")
    if total > len(run):
        parts.append(f"{len(run)} of them cited")
    return ", ".join(parts)


def kind_total(item: Item, kind: str, timeline_count: int) -> int:
    """How many lines of ``kind`` the item saw (its timeline keeps only some of them)."""
    if isinstance(item, Episode):
        return max(item.counts.get(kind, 0), timeline_count)
    attention = sum(1 for line in item.timeline if line.kind in ATTENTION_KINDS)
    if kind in ATTENTION_KINDS and attention == timeline_count:
        return max(item.measures.warnings, timeline_count)
    return timeline_count


def runs(item: Item) -> list[list[Evidence]]:
    """The item's timeline cut into runs to fold: for an incident, consecutive lines of one
    kind (order tells the story); for a gateway episode, all lines of one kind (it is a
    pile of repeated warnings)."""
    runs: list[list[Evidence]] = []
    if isinstance(item, Episode):
        by_kind: dict[str, list[Evidence]] = {}
        for line in item.timeline:
            by_kind.setdefault(line.kind, []).append(line)
        return list(by_kind.values())
    for line in item.timeline:
        if runs and runs[-1][0].kind == line.kind and line.file == runs[-1][0].file:
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _decisive(item: Item) -> set[tuple[str, int]]:
    """The lines a finding or a recovery verdict cites."""
    cited = [line for finding in (item.primary, *item.contributing) if finding is not None for line in finding.evidence]
    if isinstance(item, Incident):
        cited.extend(line for recovery in item.recoveries for line in recovery.evidence)
    return {(line.file, line.line) for line in cited}


def repeats(items: Iterable[Item]) -> tuple[set[tuple[str, int]], dict[tuple[str, int], str]]:
    """Lines the appendix leaves out because the timeline folded them (the middle of a
    run of repeated lines, unless a finding cites it), and the note that replaces them,
    keyed by the first line it replaces."""
    elided: set[tuple[str, int]] = set()
    notes: dict[tuple[str, int], str] = {}
    for item in items:
        decisive = _decisive(item)
        for run in runs(item):
            middle = [line for line in run[1:-1] if (line.file, line.line) not in decisive] if len(run) >= FOLD_AT else []
            if len(middle) < 2:
                continue
            elided.update((line.file, line.line) for line in middle)
            numbers = ", ".join(str(line.line) for line in middle)
            notes[(middle[0].file, middle[0].line)] = f"      ({len(middle)} more {event_name(run[0])} lines: {numbers})"
    return elided, notes


