"""The correlator's bookkeeping structures change its cost, never its result.

:class:`ReferenceCorrelator` keeps the plain algorithms the queues replaced (a sweep that
computes every open incident's silence deadline); every sample log, every field case and
random interleavings of real stall sequences must give the same records, closed in the
same order, with the same changes reported along the way.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stuckscan.correlator import UNATTRIBUTED, Change, Correlator, CorrelatorLimits, IncidentRecord, RecordStatus
from stuckscan.events import Event
from stuckscan.parser import ParseOptions, ParseStats, parse_path
from tests.test_hardening_properties import merge_by, session_sequences

ROOT = Path(__file__).resolve().parent.parent
LOGS = sorted(p for folder in (ROOT / "sample_logs", ROOT / "tests" / "field" / "cases") for p in folder.rglob("*")
              if p.is_file() and p.suffix in (".log", ".txt", ".jsonl"))
UTC = timezone.utc


class ReferenceCorrelator(Correlator):
    """The correlator with the sweep it had before the silence queue (every open incident,
    every sweep) and with every pending signal looked at on every sweep."""

    def _sweep(self, final: bool = False) -> list[Change]:
        if self.now is None:
            return []
        if not final and self._last_sweep is not None and self.now - self._last_sweep < timedelta(seconds=5):
            return []
        previous_sweep, self._last_sweep = self._last_sweep, self.now
        changes = self._expire_run_timeouts()
        for record in list(self.open.values()):
            deadline = record.silence_deadline()
            if deadline is not None and record.silence_hold is not None and self._heartbeat_spoke_after(record):
                record.silence_hold = None
                deadline = record.silence_deadline()
            if deadline is None or self.now <= deadline:
                continue
            if not final and self._hold_silence(record, deadline, previous_sweep):
                continue
            reason = "stall warnings stopped" if record.last_warning else "no further errors"
            self._close(record, RecordStatus.SILENT, None, reason)
            changes.append(Change("closed", record, reason))
        return changes

    def _expire_run_timeouts(self, final: bool = False) -> list[Change]:
        changes: list[Change] = []
        for key, pending in list(self.pending_timeouts.items()):
            due = pending.deadline is not None and self.now is not None and self.now >= pending.deadline
            if not (due or final):
                continue
            del self.pending_timeouts[key]
            if final and not due and self._too_young_to_judge(pending):
                continue
            identity = pending.identity or UNATTRIBUTED
            record = self.open.get(identity) or self._reopen_if_late(identity, pending.event)
            if record is None:
                record = self._open(identity, pending.opened_by, pending.event)
                key_name, session_id, run_id = self.ids.resolve(pending.event)
                self._fill_names(record, key_name, session_id, run_id)
                record.evidence.add(pending.event)
                record.cut_short = not due
                changes.append(Change("opened", record, "run timeout with no cleanup" if pending.opened_by == "run_timeout"
                                      else "compaction with no end"))
            for followup in pending.followups:
                record.evidence.add(followup)
        return changes


def fingerprint(record: IncidentRecord) -> tuple:
    return (record.seq, record.identity, record.status.value, record.start, record.end, record.close_reason,
            record.warning_count, record.last_activity, record.silence_hold, len(record.recoveries),
            [(r.verdict.value, r.verdict_reason) for r in record.recoveries], dict(record.evidence.counts),
            [(e.source, e.line) for e in record.prelude])


def run(correlator_class: type[Correlator], events: list[Event], limits: CorrelatorLimits | None = None) -> tuple:
    correlator = correlator_class(limits)
    changes = []
    for event in events:
        changes.extend((change.kind, change.incident.seq, change.detail) for change in correlator.feed(event))
    closing_order = [record.seq for record in correlator.closed]
    result = correlator.finish()
    return changes, closing_order, [fingerprint(r) for r in result.incidents], result.evicted


def events_of(path: Path) -> list[Event]:
    return list(parse_path(str(path), ParseOptions(tz=UTC), ParseStats()))


@pytest.mark.parametrize("log", LOGS, ids=[str(p.relative_to(ROOT)) for p in LOGS])
def test_every_log_correlates_as_with_the_plain_sweep(log: Path) -> None:
    events = events_of(log)
    assert run(Correlator, events) == run(ReferenceCorrelator, events)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from([0.0, 30.0, 600.0, 3600.0]), st.sampled_from([2, 5, 10_000]))
def test_interleaved_stalls_correlate_as_with_the_plain_sweep(seed: int, jitter: float, cap: int) -> None:
    """Real stall sequences, interleaved with up to an hour of disorder, with room for all of
    them open or only a few (eviction): the same records, closed in the same order."""
    rng = random.Random(seed)
    base = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    keys = {session: [(event.time or base).timestamp() + rng.uniform(0, jitter) for event in sequence]
            for session, sequence in session_sequences().items()}
    events = merge_by(keys)
    limits = CorrelatorLimits(max_open_incidents=cap)
    assert run(Correlator, events, limits) == run(ReferenceCorrelator, events, limits)
