"""How an incident ended, in words every report format shares: the recovery verdicts
(force-cleared included, with the messages it left undelivered), the status, how the
incident was opened (stall warnings or a fault signal alone) and what a longer log would
confirm. Plain text: each format escapes it for itself."""

from __future__ import annotations

from collections.abc import Mapping

from stuckscan.formats._report import format_duration, incident_duration, plural, run_ended_on_signal, status_word
from stuckscan.model import Episode, Incident, IncidentOrigin, IncidentStatus, Recovery, RecoveryVerdict

STARVATION_SLUG = "event-loop-starvation"
STUCK_STATUSES = frozenset({IncidentStatus.STILL_STUCK, IncidentStatus.FAULT_SIGNAL})
FREED_STATUSES = frozenset({IncidentStatus.RECOVERED, IncidentStatus.RESOLVED_BY_ITSELF})
CLEARED_STATUSES = frozenset({IncidentStatus.FORCE_CLEARED, IncidentStatus.ENDED_BY_RESTART})


def force_clearing(incident: Incident) -> Recovery | None:
    """The recovery that force-cleared the session (the last one, if several did)."""
    cleared = [recovery for recovery in incident.recoveries if recovery.verdict is RecoveryVerdict.FORCE_CLEARED]
    return cleared[-1] if cleared else None


def undelivered_messages(incident: Incident) -> int | None:
    """Queued messages a force-clear dropped (None when no force-clear said how many)."""
    counts = [r.undelivered for r in incident.recoveries
              if r.verdict is RecoveryVerdict.FORCE_CLEARED and r.undelivered is not None]
    return sum(counts) if counts else None


def _during(incident: Incident, episodes: Mapping[str, Episode]) -> str:
    overlapping = [episodes[episode_id] for episode_id in incident.episode_ids if episode_id in episodes]
    if any(episode.primary is not None and episode.primary.rule.slug == STARVATION_SLUG for episode in overlapping):
        return "during the starvation"
    if overlapping:
        return f"during gateway episode {overlapping[0].id}"
    return "while it was stuck"


def force_clear_words(incident: Incident, recovery: Recovery, episodes: Mapping[str, Episode]) -> str:
    """``force-cleared: 1 queued message not delivered; clients connected during the
    starvation may still show in_progress``."""
    if recovery.undelivered is None:
        lost = "queued messages may not have been delivered"
    elif recovery.undelivered == 0:
        lost = "no queued message was waiting"
    else:
        lost = f"{plural(recovery.undelivered, 'queued message')} not delivered"
    return f"force-cleared: {lost}; clients connected {_during(incident, episodes)} may still show in_progress"


def recovery_words(incident: Incident, recovery: Recovery, episodes: Mapping[str, Episode]) -> str:
    """What one recovery attempt did: ``freed the session``, ``did not free the session``,
    or the force-clear sentence (short when it is the one the incident's outcome names)."""
    if recovery.verdict is RecoveryVerdict.FORCE_CLEARED:
        if incident.status is IncidentStatus.FORCE_CLEARED and force_clearing(incident) is recovery:
            return "force-cleared the session"  # the outcome says the rest
        return force_clear_words(incident, recovery, episodes)
    return {
        RecoveryVerdict.FREED: "freed the session",
        RecoveryVerdict.NOT_FREED: "did not free the session",
        RecoveryVerdict.SKIPPED: "did not act",
        RecoveryVerdict.FAILED: "failed",
        RecoveryVerdict.UNKNOWN: "outcome unknown",
    }[recovery.verdict]


def status_label(status: IncidentStatus) -> str:
    """The status in a few words, for tables and counts (``force-cleared``)."""
    return status_word(status).split(" (")[0]


def origin_words(incident: Incident) -> str | None:
    if incident.origin is IncidentOrigin.SIGNAL:
        return "opened by a fault signal alone (no stall warning)"
    return None


def outcome_words(incident: Incident, episodes: Mapping[str, Episode]) -> str:
    """The status, said fully: ``force-cleared: 1 queued message not delivered; ...``,
    ``recovered (run cleared)``, ``ended by gateway restart``, ``fault signal, nothing
    cleared it; opened by a fault signal alone (no stall warning)``."""
    cleared = force_clearing(incident)
    if incident.status is IncidentStatus.FORCE_CLEARED and cleared is not None:
        words = force_clear_words(incident, cleared, episodes)
    else:
        words = _status_with_reason(incident)
    origin = origin_words(incident)
    if origin is not None:
        words += f"; {origin}"
    return words


def _status_with_reason(incident: Incident) -> str:
    """``recovered (run cleared)``; a reason that already starts with the status stands alone."""
    label, reason = status_label(incident.status), incident.status_reason
    if run_ended_on_signal(incident):
        return reason  # "the run ended on this error; ...", not "still stuck (...)"
    if not reason:
        return status_word(incident.status)
    if reason.lower().startswith(label.lower()):
        return reason
    return f"{label} ({reason})"


def duration_words(incident: Incident) -> str:
    """``stuck for 14m 19s``, or for a finding with no stall warning ``fault signal``."""
    if incident.origin is IncidentOrigin.SIGNAL:
        return "fault signal"
    return f"stuck for {format_duration(incident_duration(incident))}"


def missing_words(incident: Incident) -> str | None:
    """What a longer log would confirm, as the analysis says it (a sentence of its own)."""
    return incident.missing.strip() or None


def outcome_class(incident: Incident) -> str:
    """``stuck``, ``freed``, ``cleared`` or ``other``: what a chart's colour says."""
    if incident.status in STUCK_STATUSES:
        return "stuck"
    if incident.status in FREED_STATUSES:
        return "freed"
    if incident.status in CLEARED_STATUSES:
        return "cleared"
    return "other"


def verdict_class(recovery: Recovery) -> str:
    if recovery.verdict in (RecoveryVerdict.NOT_FREED, RecoveryVerdict.FAILED):
        return "stuck"
    if recovery.verdict is RecoveryVerdict.FREED:
        return "freed"
    if recovery.verdict is RecoveryVerdict.FORCE_CLEARED:
        return "cleared"
    return "other"
