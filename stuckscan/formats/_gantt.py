"""Mermaid gantt charts of incidents, recoveries and gateway episodes, legible at any span.

One chart over a whole log loses its bars: a 14-minute stall is a sliver on a two-day
axis, and two stalls hours apart squeeze each other out. So the items are grouped into
windows (items that overlap or lie within :data:`WINDOW_GAP` of each other) and each
window gets its own chart, with an axis format fit to its span (seconds for minutes,
dates for days). A bar shorter than :data:`MIN_BAR_SHARE` of its window is drawn at that
width so it stays visible; its label carries the real duration.

Colours say the one fact a reader looks for: red stuck or not freed, green freed, amber
force-cleared or ended by a restart, blue context (stall warnings, gateway episodes).
Times are written without a zone, in the report's zone (UTC unless the report shows
the log's own): Mermaid reads and prints them in the viewer's zone, so they show as
written.

Every label goes through :func:`~stuckscan.formats._escape.mermaid_label` and starts
with a word of ours, never with log text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, timezone, tzinfo

from stuckscan._dataclass import dataclass
from stuckscan.formats._escape import mermaid_label
from stuckscan.formats._outcome import outcome_class, status_label, verdict_class
from stuckscan.formats._report import (
    episode_duration,
    format_duration,
    incident_duration,
    incident_last_seen,
    zone_label,
)
from stuckscan.model import Episode, Incident, IncidentOrigin

WINDOW_GAP = timedelta(minutes=30)
MAX_CHARTS = 6
MAX_RECOVERIES_CHARTED = 4
MIN_BAR_SHARE = 0.008
MERMAID_TIME = "%Y-%m-%dT%H:%M:%S"
DATE_FORMAT_LINE = "    dateFormat YYYY-MM-DDTHH:mm:ss"
TODAY_MARKER_LINE = "    todayMarker off"

# style -> gantt tags (each tag has its own theme colours below)
STYLE_TAGS: dict[str, tuple[str, ...]] = {"stuck": ("crit",), "freed": ("done",), "cleared": ("active",),
                                          "other": (), "context": ()}
_FAINT = "#6e7781"  # readable on GitHub's light and dark backgrounds alike
THEME: dict[str, object] = {
    "theme": "base",
    "themeVariables": {
        "critBkgColor": "#ff8182", "critBorderColor": "#cf222e",
        "doneTaskBkgColor": "#6fdd8b", "doneTaskBorderColor": "#1a7f37",
        "activeTaskBkgColor": "#eac54f", "activeTaskBorderColor": "#9a6700",
        "taskBkgColor": "#b6e3ff", "taskBorderColor": "#0969da",
        "taskTextColor": "#1f2328", "taskTextDarkColor": "#1f2328", "taskTextLightColor": "#1f2328",
        "taskTextOutsideColor": _FAINT, "textColor": _FAINT, "titleColor": _FAINT,
        "sectionBkgColor": "#d0d7de", "altSectionBkgColor": "#ffffff", "sectionBkgColor2": "#d0d7de",
        "gridColor": "#d0d7de",
    },
    "gantt": {"leftPadding": 230, "barHeight": 22, "barGap": 6, "fontSize": 12, "sectionFontSize": 12,
              "topPadding": 50},
}
INIT_LINE = "%%{init: " + json.dumps(THEME, separators=(",", ": ")) + "}%%"
LEGEND = ("Bars: red still stuck or not freed, green freed, amber force-cleared or ended by a restart, "
          "blue stall warnings and gateway episodes; diamonds are recovery attempts in the same colours. "
          "Times in {zone}; very short bars are drawn wider than they last.")


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    style: str
    start: datetime
    end: datetime
    milestone: bool = False


@dataclass(frozen=True, slots=True)
class Lane:
    """One gantt section: an incident or the gateway episodes of one window."""

    key: str            # our id for the title (INC-001, EP-001)
    title: str
    bars: tuple[Bar, ...]

    @property
    def start(self) -> datetime:
        return min(bar.start for bar in self.bars)

    @property
    def end(self) -> datetime:
        return max(bar.end for bar in self.bars)


def zone_name(zone: tzinfo, moment: datetime | None) -> str:
    """``UTC`` or ``UTC+08:00``: the zone's offset at ``moment`` (or now)."""
    label = zone_label(zone, moment)
    return label if label == "UTC" else f"UTC{label}"


def as_utc(moment: datetime | None) -> datetime | None:
    """Aware UTC (a naive time is taken to be UTC already)."""
    if moment is None:
        return None
    return moment.astimezone(timezone.utc) if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def _bar(label: str, style: str, start: datetime | None, end: datetime | None, milestone: bool = False) -> Bar | None:
    begin, finish = as_utc(start), as_utc(end or start)
    if begin is None or finish is None:
        return None
    return Bar(label, style, begin, max(begin, finish), milestone)


def _charted_recoveries(incident: Incident) -> list[int]:
    """Indexes of the recoveries to draw: all of few, else the first two and the last two."""
    count = len(incident.recoveries)
    if count <= MAX_RECOVERIES_CHARTED:
        return list(range(count))
    half = MAX_RECOVERIES_CHARTED // 2
    return [*range(half), *range(count - half, count)]


def incident_lane(incident: Incident) -> Lane | None:
    cause = f"{incident.primary.rule.id} {incident.primary.rule.slug}" if incident.primary is not None else "cause unknown"
    duration = format_duration(incident_duration(incident))
    what = "fault signal" if incident.origin is IncidentOrigin.SIGNAL else f"stuck {duration}"
    bars = [
        _bar(f"{what}, {cause}, {status_label(incident.status)}", outcome_class(incident),
             incident.start or incident.first_warning, incident_last_seen(incident)),
    ]
    if incident.first_warning is not None and incident.measures.warnings:
        bars.append(_bar(f"warnings x{incident.measures.warnings}", "context", incident.first_warning,
                         incident.last_warning))
    for index in _charted_recoveries(incident):
        recovery = incident.recoveries[index]
        bars.append(_bar(f"recovery {recovery.action or 'attempt'} {recovery.verdict.value.replace('_', ' ')}",
                         verdict_class(recovery), recovery.time, recovery.time, milestone=True))
    kept = tuple(bar for bar in bars if bar is not None)
    if not kept:
        return None
    return Lane(incident.id, f"{incident.id} {incident.name}", kept)


def _episode_end(episode: Episode) -> datetime | None:
    if episode.end is not None:
        return episode.end
    seen = [as_utc(evidence.time) for evidence in episode.timeline if evidence.time is not None]
    return max((moment for moment in seen if moment is not None), default=None)


def episode_lane(episode: Episode) -> Lane | None:
    slug = episode.primary.rule.slug if episode.primary is not None else "gateway episode"
    bar = _bar(f"{episode.id} {slug} {format_duration(episode_duration(episode))}", "context",
               episode.start, _episode_end(episode))
    return Lane(episode.id, f"{episode.id} gateway", (bar,)) if bar is not None else None


def windows(lanes: Iterable[Lane], gap: timedelta = WINDOW_GAP, limit: int = MAX_CHARTS) -> list[list[Lane]]:
    """Lanes grouped into time windows: a lane joins the window before it when it starts
    within ``gap`` of that window's end. Beyond ``limit`` windows the closest neighbours
    are merged (their chart gets wider, but nothing is dropped)."""
    groups: list[list[Lane]] = []
    ends: list[datetime] = []
    for lane in sorted(lanes, key=lambda lane: (lane.start, lane.key)):
        if groups and lane.start - ends[-1] <= gap:
            groups[-1].append(lane)
            ends[-1] = max(ends[-1], lane.end)
        else:
            groups.append([lane])
            ends.append(lane.end)
    while len(groups) > limit:
        gaps = [groups[i + 1][0].start - ends[i] for i in range(len(groups) - 1)]
        closest = gaps.index(min(gaps))
        groups[closest].extend(groups.pop(closest + 1))
        ends[closest] = max(ends[closest], ends.pop(closest + 1))
    return groups


def axis_format(start: datetime, end: datetime) -> str:
    span = end - start
    if span <= timedelta(minutes=10):
        return "%H:%M:%S"
    if start.date() == end.date() or span <= timedelta(hours=12):
        return "%H:%M"
    return "%d %b %H:%M"


def window_title(lanes: Sequence[Lane], start: datetime, end: datetime, zone: str) -> str:
    """``INC-001, EP-001, 2026-05-21 10:34 to 10:48 UTC`` (``start`` and ``end`` already
    in the zone named)."""
    keys = [lane.key for lane in lanes]
    named = ", ".join(keys[:4]) + (f" and {len(keys) - 4} more" if len(keys) > 4 else "")
    if start.date() == end.date():
        when = f"{start:%Y-%m-%d %H:%M} to {end:%H:%M}"
    else:
        when = f"{start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M}"
    return f"{named}, {when} {zone}"


def _task(bar: Bar, task_id: str, min_length: timedelta, zone: tzinfo) -> str:
    begin = bar.start.astimezone(zone)
    end = bar.end.astimezone(zone) if bar.milestone else max(bar.end, bar.start + min_length).astimezone(zone)
    tags = ([*STYLE_TAGS[bar.style], "milestone"] if bar.milestone else list(STYLE_TAGS[bar.style]))
    label = mermaid_label(bar.label, limit=70)
    return f"    {label} :{', '.join([*tags, task_id])}, {begin.strftime(MERMAID_TIME)}, {end.strftime(MERMAID_TIME)}"


def chart(lanes: Sequence[Lane], zone: tzinfo = timezone.utc) -> list[str]:
    """One Mermaid gantt chart (the lines inside its fence), its times in ``zone``."""
    start = min(lane.start for lane in lanes).astimezone(zone)
    end = max(lane.end for lane in lanes).astimezone(zone)
    min_length = max((end - start) * MIN_BAR_SHARE, timedelta(seconds=1))
    title = window_title(lanes, start, end, zone_name(zone, start))
    lines = [INIT_LINE, "gantt", f"    title {title}", DATE_FORMAT_LINE,
             f"    axisFormat {axis_format(start, end)}", TODAY_MARKER_LINE]
    for number, lane in enumerate(lanes, 1):
        lines.append(f"    section {mermaid_label(lane.title, limit=34, fallback=lane.key)}")
        for index, bar in enumerate(lane.bars, 1):
            lines.append(_task(bar, f"t{number}x{index}", min_length, zone))
    return lines


def charts(incidents: Sequence[Incident], episodes: Sequence[Episode], zone: tzinfo = timezone.utc) -> list[list[str]]:
    """The charts for these incidents and episodes, one per time window."""
    lanes = [lane for lane in (*map(incident_lane, incidents), *map(episode_lane, episodes)) if lane is not None]
    return [chart(group, zone) for group in windows(lanes)]


def uncharted(incidents: Sequence[Incident], episodes: Sequence[Episode]) -> list[str]:
    """Ids of the items with no time to chart them by."""
    return [item.id for item in (*incidents, *episodes)
            if (incident_lane(item) if isinstance(item, Incident) else episode_lane(item)) is None]

