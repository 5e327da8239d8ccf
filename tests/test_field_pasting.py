"""The same real excerpt pasted the ways users paste it reads the same.

A sample of the field corpus's agreeing dev cases is pasted again with each transform of ``tools/reshape.py`` (a
markdown blockquote, list items, grep output, a block indented inside a list item, records pretty-printed, colour
codes ...); the report must keep the headline cause the plain excerpt gets. A sample keeps this quick;
``python -m tools.reshape`` tries every dev case.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from tools.fieldeval import Case, headline_cause, load_cases, scan_report
from tools.reshape import TRANSFORMS, reshaped_headlines

SAMPLE_EVERY = 5  # the agreeing dev cases whose number is a multiple of five (stable as the corpus grows)
MIN_TRIED = {"jq": 3}  # (few excerpts are whole JSON records)
SAMPLE = [case for case in load_cases()
          if case.split == "dev" and not case.known_gap and int(case.name[1:4]) % SAMPLE_EVERY == 0]


@functools.cache
def _plain_headline(name: str) -> str | None:
    case = next(case for case in SAMPLE if case.name == name)
    return headline_cause(scan_report(case)[1])


@pytest.mark.parametrize("name", list(TRANSFORMS))
def test_an_excerpt_pasted_another_way_keeps_its_headline(name: str, tmp_path: Path) -> None:
    tried, changed = reshaped_headlines(SAMPLE, name, tmp_path, plain=lambda case: _plain_headline(case.name))
    assert tried >= MIN_TRIED.get(name, 5), f"{name}: too few cases to try ({tried})"
    assert not changed, f"{name} changed the headline of {len(changed)} of {tried}: " + "; ".join(changed)


def test_the_sample_is_large_enough_to_mean_something() -> None:
    assert len(SAMPLE) >= 50 and all(isinstance(case, Case) for case in SAMPLE)
