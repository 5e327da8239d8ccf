"""Unrecognised signals: WARN/ERROR/FATAL lines that no message family knows, grouped into
templates, and which of them come before incidents more often than chance.

Each OpenClaw release adds log lines; one that no family recognises is parsed as ``generic``
and the rules never see it, even when it is logged right before every stall. The
:class:`TemplateMiner` groups such lines with the Drain algorithm (He et al., ICWS 2017):
variable parts are masked first (numbers, ids, durations, hex), then a line is routed through
a fixed-depth tree (subsystem, token count, first tokens) to a few candidate templates and
joins the most similar one, whose differing positions become ``<*>``, or starts its own.

Bounded: at most :data:`MAX_TEMPLATES` templates (the least recently seen is evicted, and
counted), at most :data:`MAX_CHILDREN` branches per tree node, lines cut to
:data:`MAX_TOKENS` tokens, a ring of recent occurrences for the windows before incidents.
``drain3`` implements the same algorithm but has had no release since 2022, brings
``jsonpickle`` and ``cachetools``, and evicts through an LRU cache that says nothing of what
it dropped; a template's counts, times and example have to leave with it here.

:func:`preceding` ranks the templates seen within :data:`WINDOW` before an incident's start by
their lift: their lines inside those windows against what their rate over the whole log
predicts for windows that long (smoothed, so one line before one incident does not rank first).
"""

from __future__ import annotations

import re
from collections import OrderedDict, deque
from collections.abc import Iterable
from dataclasses import field
from datetime import datetime, timedelta

from stuckscan._dataclass import dataclass
from stuckscan.events import GENERIC_KIND, Event
from stuckscan.model import SignalsSummary, SignalTemplate

MINED_LEVELS = frozenset({"warn", "warning", "error", "fatal", "critical"})
LEVEL_RANK = {"warn": 1, "warning": 1, "error": 2, "critical": 3, "fatal": 3}
WILDCARD = "<*>"
MAX_TEMPLATES = 2000
MAX_CHILDREN = 100
MAX_TOKENS = 48
TREE_DEPTH = 2                 # leading tokens that route a line (after subsystem and length)
SIMILARITY = 0.5               # share of a template's fixed tokens a line must match to join it
WINDOW = timedelta(minutes=10)
RECENT_HORIZON = timedelta(hours=2)
MAX_RECENT = 50_000            # occurrences kept for the windows before incidents
MAX_SNAPSHOT = 5_000           # occurrences kept per incident window
MAX_EXAMPLE = 300
SHOWN_PRECEDING = 20

_MASKS = (
    re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE),
    re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b"),
    re.compile(r"\b0x[0-9a-f]+\b|\b[0-9a-f]{12,}\b", re.IGNORECASE),
    re.compile(r"(?<![\w.])[-+]?\d+(?:\.\d+)?(?:ms|s|m|h|d|b|kb|mb|gb|%)?(?![\w.])", re.IGNORECASE),
)
_HAS_DIGIT = re.compile(r"\d")


def mask_variables(message: str) -> str:
    """The message with ids, addresses, hex and numbers (with units) replaced by ``<*>``."""
    for pattern in _MASKS:
        message = pattern.sub(WILDCARD, message)
    return message


def is_mined(event: Event) -> bool:
    """A WARN/ERROR/FATAL line that no message family recognised."""
    return event.kind == GENERIC_KIND and event.level in MINED_LEVELS and bool(event.message)


@dataclass(slots=True)
class Cluster:
    id: int
    tokens: list[str]
    subsystem: str | None
    level: str
    count: int = 0
    first_time: datetime | None = None
    last_time: datetime | None = None
    example: str = ""
    example_text: str = ""
    leaf: list[int] | None = None          # the tree leaf that lists it (for eviction)
    path: tuple[object, ...] = ()           # the keys leading to that leaf

    @property
    def template(self) -> str:
        return " ".join(self.tokens)


@dataclass(slots=True)
class _Node:
    children: dict[object, _Node] = field(default_factory=dict)
    clusters: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Occurrence:
    time: datetime
    cluster: int
    location: str


class TemplateMiner:
    """Streaming Drain over unrecognised WARN/ERROR/FATAL lines (see the module docstring)."""

    def __init__(self, max_templates: int = MAX_TEMPLATES) -> None:
        self.max_templates = max_templates
        self.clusters: OrderedDict[int, Cluster] = OrderedDict()  # least recently seen first
        self.root = _Node()
        self.lines = 0
        self.evicted = 0
        self._next_id = 1
        self.recent: deque[Occurrence] = deque(maxlen=MAX_RECENT)
        self.windows: dict[int, list[Occurrence]] = {}  # incident seq -> occurrences before its start

    # -- adding lines ----------------------------------------------------------------

    def add(self, event: Event) -> Cluster:
        self.lines += 1
        tokens = mask_variables(event.message).split()[:MAX_TOKENS] or [WILDCARD]
        leaf, path = self._leaf(event.subsystem, tokens)
        cluster = self._best(leaf, tokens)
        if cluster is None:
            cluster = self._new(tokens, event, leaf, path)
        else:
            cluster.tokens = [a if a == b else WILDCARD for a, b in zip(cluster.tokens, tokens, strict=True)]
            self.clusters.move_to_end(cluster.id)
        self._count(cluster, event)
        if event.time is not None:
            self._remember(Occurrence(event.time, cluster.id, event.location))
        return cluster

    def _leaf(self, subsystem: str | None, tokens: list[str]) -> tuple[_Node, tuple[object, ...]]:
        path: list[object] = [subsystem or "", len(tokens)]
        for token in tokens[:TREE_DEPTH]:
            path.append(WILDCARD if _HAS_DIGIT.search(token) else token)
        node = self.root
        taken: list[object] = []
        for key in path:
            child = node.children.get(key)
            if child is None:
                if len(node.children) >= MAX_CHILDREN:
                    key = WILDCARD
                    child = node.children.get(key)
                if child is None:
                    child = node.children[key] = _Node()
            taken.append(key)
            node = child
        return node, tuple(taken)

    def _best(self, leaf: _Node, tokens: list[str]) -> Cluster | None:
        best: Cluster | None = None
        best_score = -1.0
        for cluster_id in leaf.clusters:
            cluster = self.clusters[cluster_id]
            score = _similarity(cluster.tokens, tokens)
            if score > best_score:
                best, best_score = cluster, score
        return best if best is not None and best_score >= SIMILARITY else None

    def _new(self, tokens: list[str], event: Event, leaf: _Node, path: tuple[object, ...]) -> Cluster:
        cluster = Cluster(self._next_id, list(tokens), event.subsystem, event.level or "warn", leaf=leaf.clusters, path=path)
        self._next_id += 1
        self.clusters[cluster.id] = cluster
        leaf.clusters.append(cluster.id)
        while len(self.clusters) > self.max_templates:
            self._evict()
        return cluster

    def _evict(self) -> None:
        _, oldest = self.clusters.popitem(last=False)
        self.evicted += 1
        if oldest.leaf is not None and oldest.id in oldest.leaf:
            oldest.leaf.remove(oldest.id)
        self._prune(oldest.path)

    def _prune(self, path: tuple[object, ...]) -> None:
        """Drop the tree nodes an evicted template leaves empty."""
        trail = [self.root]
        for key in path:
            child = trail[-1].children.get(key)
            if child is None:
                return
            trail.append(child)
        for depth in range(len(path), 0, -1):
            node = trail[depth]
            if node.clusters or node.children:
                return
            del trail[depth - 1].children[path[depth - 1]]

    @staticmethod
    def _count(cluster: Cluster, event: Event) -> None:
        cluster.count += 1
        moment = event.time
        if moment is not None:
            if cluster.first_time is None or moment < cluster.first_time:
                cluster.first_time = moment
            if cluster.last_time is None or moment > cluster.last_time:
                cluster.last_time = moment
        if not cluster.example:
            cluster.example = event.location
            cluster.example_text = event.message[:MAX_EXAMPLE]
        level = event.level or "warn"
        if LEVEL_RANK.get(level, 0) > LEVEL_RANK.get(cluster.level, 0):
            cluster.level = level

    def _remember(self, occurrence: Occurrence) -> None:
        recent = self.recent
        recent.append(occurrence)
        horizon = occurrence.time - RECENT_HORIZON
        while recent and recent[0].time < horizon:
            recent.popleft()

    # -- incidents --------------------------------------------------------------------

    def incident_opened(self, seq: int, start: datetime | None) -> None:
        """Keep the occurrences that may fall in the window before this incident's start (its
        start can still move earlier a little as later warnings report larger ages)."""
        if start is None or seq in self.windows:
            return
        low = start - 2 * WINDOW
        kept = [o for o in self.recent if low <= o.time <= start]
        self.windows[seq] = kept[-MAX_SNAPSHOT:]

    def summary(self, starts: dict[int, datetime | None], first: datetime | None, last: datetime | None) -> SignalsSummary:
        """The templates ranked by how often they precede the incidents (``starts``: incident
        seq -> its final start), and every template as a catalog."""
        return SignalsSummary(
            lines=self.lines, templates=len(self.clusters), evicted=self.evicted, window_seconds=WINDOW.total_seconds(),
            preceding=preceding(self, starts, first, last)[:SHOWN_PRECEDING],
            catalog=[self.template_of(cluster) for cluster in sorted(self.clusters.values(), key=lambda c: (-c.count, c.id))],
        )

    def template_of(self, cluster: Cluster, before: int = 0, inside: int = 0, lift: float = 0.0) -> SignalTemplate:
        return SignalTemplate(
            template=cluster.template, level=cluster.level, subsystem=cluster.subsystem, count=cluster.count,
            first_time=cluster.first_time, last_time=cluster.last_time, example=cluster.example,
            example_text=cluster.example_text, before_incidents=before, in_windows=inside, lift=lift,
        )


def _similarity(template: list[str], tokens: list[str]) -> float:
    fixed = [(a, b) for a, b in zip(template, tokens, strict=True) if a != WILDCARD]
    if not fixed:
        return 1.0
    return sum(1 for a, b in fixed if a == b) / len(template)


def preceding(miner: TemplateMiner, starts: dict[int, datetime | None], first: datetime | None,
              last: datetime | None) -> list[SignalTemplate]:
    """Templates seen within the window before an incident's start, the most telling first."""
    windows = [(seq, start - WINDOW, start) for seq, start in starts.items() if start is not None]
    if not windows:
        return []
    inside: dict[int, set[str]] = {}
    incidents: dict[int, set[int]] = {}
    for seq, low, high in windows:
        for occurrence in miner.windows.get(seq, ()):
            if low <= occurrence.time <= high and occurrence.cluster in miner.clusters:
                inside.setdefault(occurrence.cluster, set()).add(occurrence.location)
                incidents.setdefault(occurrence.cluster, set()).add(seq)
    covered = _covered_seconds([(low, high) for _, low, high in windows], first, last)
    span = (last - first).total_seconds() if first is not None and last is not None else 0.0
    share = min(covered / span, 1.0) if span > 0 else 1.0
    ranked: list[tuple[float, int, int, SignalTemplate]] = []
    for cluster_id, locations in inside.items():
        cluster = miner.clusters[cluster_id]
        expected = cluster.count * share
        lift = len(locations) / expected if expected > 0 else float(len(locations))
        score = len(locations) / (expected + 1.0)
        template = miner.template_of(cluster, len(incidents[cluster_id]), len(locations), lift)
        ranked.append((score, len(incidents[cluster_id]), len(locations), template))
    ranked.sort(key=lambda item: (-item[0], -item[1], -item[2], item[3].template))
    return [item[3] for item in ranked]


def _covered_seconds(spans: Iterable[tuple[datetime, datetime]], first: datetime | None, last: datetime | None) -> float:
    """The length of the union of ``spans``, clipped to the log's first and last line."""
    clipped = []
    for low, high in spans:
        if first is not None:
            low = max(low, first)
        if last is not None:
            high = min(high, last)
        if high > low:
            clipped.append((low, high))
    total = 0.0
    current: tuple[datetime, datetime] | None = None
    for low, high in sorted(clipped):
        if current is None or low > current[1]:
            if current is not None:
                total += (current[1] - current[0]).total_seconds()
            current = (low, high)
        else:
            current = (current[0], max(current[1], high))
    if current is not None:
        total += (current[1] - current[0]).total_seconds()
    return total
