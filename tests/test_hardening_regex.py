"""Crafted worst-case lines cannot make the parser slow or make it raise (issue #7).

The cases come from ``fuzz/regex_worst_case.py`` (every family pattern, enricher, text
shape and the tokenizer, against runs of the characters each one handles). A case fails
when four times the input takes over ten times as long (quadratic or worse) or raises.
The default run uses a representative subset of the runs; ``STUCKSCAN_SLOW_TESTS=1``
runs all of them. ``python -m fuzz.regex_worst_case`` times the same cases on 1 MB lines.

Known problems in files owned elsewhere are excluded from the sweep and each one has a
strict xfail test below saying where it is and how to fix it; remove the exclusion with
the xfail once fixed.
"""

from __future__ import annotations

import os
import time
from datetime import date, timezone

import pytest

from fuzz.regex_worst_case import all_cases, probe, superlinear
from stuckscan._kv import tokenize
from stuckscan.parser import LineParser, ParseOptions, ParseStats

QUICK_RUNS = ("spaces", "letters", "words", "pairs", "quotes", "brackets", "paren-words", "mixed", "escapes",
              "unicode", "needle-repeated", "needle-minus-last", "pattern-words", "iso-stamps", "console-tags",
              "near-iso", "binding", "colon-words", "durations")
# label fragment -> the xfail test that covers it
KNOWN = {
    "open-quote-pairs": "test_tokenizer_unterminated_quotes_are_linear",
    "+ digits": "test_numbers_longer_than_python_converts_do_not_raise",
    "[.jsonl.lock]": "test_lock_path_enricher_is_linear",
    "health.restart": "test_health_restart_family_is_linear",
    "journald": "test_nested_journald_prefixes",
}
SLOW = bool(os.environ.get("STUCKSCAN_SLOW_TESTS"))


def _selected() -> list:
    cases = [case for case in all_cases() if not any(fragment in case.label for fragment in KNOWN)]
    if SLOW:
        return cases
    return [case for case in cases if case.label.split(" + ", 1)[-1].split(" (")[0] in QUICK_RUNS]


def test_no_crafted_line_is_superlinear_or_raises() -> None:
    cases = _selected()
    assert len(cases) > 1000
    bad: list[str] = []
    for case in cases:
        try:
            small, large = probe(case)
        except Exception as error:  # noqa: BLE001 - collected and reported
            bad.append(f"{case.label}: raised {type(error).__name__}: {error}")
            continue
        if superlinear(small, large):
            again = probe(case)  # a hiccup of the machine is not a finding
            if superlinear(*again):
                bad.append(f"{case.label}: {again[0]:.4f} s -> {again[1]:.4f} s for 4x the input")
    assert not bad, "\n".join(bad)


def _parse(line: str) -> None:
    LineParser("openclaw-2026-05-21.log", ParseOptions(date=date(2026, 5, 21), tz=timezone.utc), ParseStats()).parse_text(1, line)


def _seconds(line: str) -> float:
    started = time.perf_counter()
    _parse(line)
    return time.perf_counter() - started


def _linear(build, small: int = 1_500, factor: int = 8) -> None:
    """``build(n)`` parsed at n and factor*n: time may grow by factor, not by factor squared."""
    _parse(build(small))  # warm caches
    first = min(_seconds(build(small)) for _ in range(2))
    second = _seconds(build(small * factor))
    assert second < max(first, 1e-3) * factor * 4, f"{first:.4f} s -> {second:.4f} s for {factor}x the input"


# -- known problems, each owned elsewhere -----------------------------------------------------------


@pytest.mark.xfail(strict=True, reason=(
    "stuckscan/_kv.py tokenize(): the string path re-splits the rest of the text after each quoted value, "
    "O(n^2) for many `a=\"b` pairs (1 MB line: minutes). Fix: take _tokenize_pattern() (linear) when the "
    "text has more than a few quotes: `if \"[\" in text or ('\"' in text and (\"\\\\\" in text or text.count('\"') > 8))`."))
def test_tokenizer_unterminated_quotes_are_linear() -> None:
    started = time.perf_counter()
    tokenize('a="b ' * 1_000)
    small = time.perf_counter() - started
    started = time.perf_counter()
    tokenize('a="b ' * 8_000)
    large = time.perf_counter() - started
    assert large < max(small, 1e-3) * 32, f"{small:.4f} s -> {large:.4f} s for 8x the input"


@pytest.mark.xfail(strict=True, raises=ValueError, reason=(
    "stuckscan/_kv.py _convert()/_is_number(): int() of a number with more than 4 300 digits raises ValueError "
    "(Python's int/str limit), so one line such as `age=<5000 nines>s` ends the scan. Fix: only convert ASCII "
    "digit strings of at most 18 characters (`digits.isascii() and digits.isdecimal() and len(digits) <= 18`, "
    "the same bound in _is_number); anything longer stays text."))
def test_numbers_longer_than_python_converts_do_not_raise() -> None:
    _parse("stalled session: sessionKey=agent:main:x:direct:1234567 age=" + "9" * 5_000 + "s")
    tokenize("queueDepth=" + "9" * 5_000)


@pytest.mark.xfail(strict=True, reason=(
    "stuckscan/families.py ENRICHERS, the `.jsonl.lock` enricher: `(?P<lockPath>[^\\s\"'()]+?\\.jsonl\\.lock)` "
    "is searched from every position of a long token, O(n^2) (a 1 MiB line: over an hour). Fix: let a match "
    "start only at a token start, `(?P<lockPath>(?<![^\\s\"'()])[^\\s\"'()]+?\\.jsonl\\.lock)` (same matches)."))
def test_lock_path_enricher_is_linear() -> None:
    _linear(lambda n: "lane task error: " + "a" * n + " .jsonl.lock")


@pytest.mark.xfail(strict=True, reason=(
    "stuckscan/families.py, family health.restart: the optional `\\[(?P<channel>[^\\]:\\s]+):(?P<account>[^\\]\\s]+)\\]` "
    "prefix and `(?P<reason>[^)]+)` run to the end of the line from every `[` / every needle, O(n^2). Fix: bound "
    "them, `[^\\]:\\s]{1,200}`, `[^\\]\\s]{1,200}` and `[^)]{1,1000}`."))
def test_health_restart_family_is_linear() -> None:
    _linear(lambda n: "[" * n + " health-monitor: restarting")
    _linear(lambda n: "health-monitor: restarting (reason: " * (n // 36))


@pytest.mark.xfail(strict=True, reason=(
    "stuckscan/parser.py LineParser._parse_text_line(): a journald prefix is unwrapped by recursion, once per "
    "nested prefix, re-matching the rest each time: O(n^2), and RecursionError (the scan ends with exit 2) past "
    "~1 000 prefixes in one line. Fix: unwrap at most one journald prefix (pass `wrapped=True` to the inner call "
    "and skip shapes with `wraps` when it is set)."))
def test_nested_journald_prefixes() -> None:
    _parse("May 21 18:41:29 host openclaw[1]: " * 3_000 + "stalled session: age=1s")
    _linear(lambda n: "May 21 18:41:29 host openclaw[1]: " * (n // 34))
