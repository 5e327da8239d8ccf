"""Sentences about what the analysis read besides the log lines, shared by the text and
markdown views: the gateway config, a diagnostics bundle's state at export, and the
unrecognised signals seen before incidents. They return plain text (log-derived parts
included): each view escapes it for its own medium."""

from __future__ import annotations

from datetime import tzinfo

from stuckscan.formats._report import format_duration, local_clock, zone_label
from stuckscan.model import Analysis, BundleSnapshot, SessionAtExport, SignalTemplate

SHOWN_GAPS = 3
SHOWN_SIGNALS = 3
SHOWN_SIGNALS_VERBOSE = 10


def config_sentence(analysis: Analysis) -> str | None:
    config = analysis.environment.config
    return config.describe() if config is not None else None


def _session(session: SessionAtExport) -> str:
    parts = [f"queue {session.queue_depth}" if session.queue_depth is not None else "",
             format_duration(session.age_seconds) if session.age_seconds is not None else "",
             session.work or ""]
    detail = ", ".join(part for part in parts if part)
    return f"{session.state}{f' ({detail})' if detail else ''}"


def bundle_sentence(bundle: BundleSnapshot, zone: tzinfo) -> str:
    """``exported 2026-05-21 19:03:10 +08:00 by OpenClaw 2026.5.18; health ok; ...``."""
    parts = []
    if bundle.generated_at is not None:
        parts.append(f"exported {local_clock(bundle.generated_at, zone, with_date=True)} {zone_label(zone, bundle.generated_at)}"
                     + (f" by OpenClaw {bundle.openclaw_version}" if bundle.openclaw_version else ""))
    if bundle.health_ok is not None:
        parts.append("health ok" if bundle.health_ok else "health NOT ok")
    if bundle.session_count is not None:
        parts.append(f"{bundle.session_count} session(s)")
    if bundle.sessions:
        shown = "; ".join(_session(session) for session in bundle.sessions[:3])
        more = f" and {len(bundle.sessions) - 3} more" if len(bundle.sessions) > 3 else ""
        parts.append(f"at export {len(bundle.sessions)} busy: {shown}{more}")
    loop = bundle.event_loop
    if loop:
        figures = []
        if "eventLoopDelayP99Ms" in loop:
            figures.append(f"p99 {loop['eventLoopDelayP99Ms']:g} ms")
        if "eventLoopDelayMaxMs" in loop:
            figures.append(f"max {loop['eventLoopDelayMaxMs']:g} ms")
        if "eventLoopUtilization" in loop:
            figures.append(f"utilization {loop['eventLoopUtilization']:g}")
        if figures:
            parts.append("event loop " + ", ".join(figures))
    if bundle.stability_events is not None:
        parts.append(f"{bundle.stability_used} of {bundle.stability_events} stability event(s) read as gateway signals")
    return "; ".join(parts) or "no export-time state"


def bundle_gaps(bundle: BundleSnapshot, verbose: bool) -> list[str]:
    if verbose or len(bundle.gaps) <= SHOWN_GAPS:
        return list(bundle.gaps)
    return [*bundle.gaps[:SHOWN_GAPS], f"{len(bundle.gaps) - SHOWN_GAPS} more (-v shows all)"]


def shown_signals(analysis: Analysis, verbose: bool) -> list[SignalTemplate]:
    signals = analysis.signals
    if signals is None:
        return []
    return signals.preceding[: SHOWN_SIGNALS_VERBOSE if verbose else SHOWN_SIGNALS]


def signals_heading(analysis: Analysis) -> str:
    signals = analysis.signals
    minutes = (signals.window_seconds if signals is not None else 600) / 60
    return f"Unrecognised signals within {minutes:g} minutes before an incident's start (most telling first)"


def signal_sentence(template: SignalTemplate, incidents: int) -> str:
    """``ERROR [subsystem] template: 3 line(s) before 3 of 3 incident(s), 12.4x its base rate, 14 in all``."""
    where = f"[{template.subsystem}] " if template.subsystem else ""
    return (f"{template.level.upper()} {where}{template.template} \u2014 {template.in_windows} line(s) before "
            f"{template.before_incidents} of {incidents} incident(s), {template.lift:.1f}x its base rate, "
            f"{template.count} in all")
