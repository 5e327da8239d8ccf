"""Time the parser on crafted worst-case lines for every message family and line shape.

Every family pattern, enricher and text shape gets lines built to make a backtracking
regex engine work hardest: its prefix or needle followed (and, for searched patterns,
preceded) by long runs of the characters its pattern handles (spaces, word characters,
digits, ``=``, quotes, brackets, separators, its own literal words, near-misses of its
needle), plus line-shape prefixes repeated many times. A linear parser handles a 1 MB
line in well under a second; a pattern that backtracks catastrophically takes minutes.

    python -m fuzz.regex_worst_case                 # 1 MB lines, every case
    python -m fuzz.regex_worst_case --size 65536 --limit 0.5 --top 15

Exit status 1 when a line took longer than ``--limit`` seconds (default 2 s at 1 MB).
``tests/test_hardening_regex.py`` runs the same cases on smaller lines in the test suite.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timezone

from stuckscan import families, shapes
from stuckscan._kv import tokenize
from stuckscan.parser import LineParser, ParseOptions, ParseStats

# Runs the patterns can be made to chew on: each is repeated to the line size.
FILLERS: dict[str, str] = {
    "spaces": " ",
    "tabs": "\t",
    "letters": "a",
    "words": "ab ",
    "digits": "9",
    "digits-spaces": "9 ",
    "equals": "=",
    "pairs": "a=b ",
    "pairs-unspaced": "a=b",
    "open-quote-pairs": 'a="b ',
    "quotes": '"',
    "single-quotes": "'",
    "colons": ":",
    "colon-words": "a: ",
    "brackets": "[",
    "bracket-words": "[a] ",
    "braces": "{",
    "parens": "(",
    "paren-words": "(a) ",
    "dots": ".",
    "slashes": "/a",
    "dashes": "-",
    "durations": "1ms ",
    "mixed": "a=1 b:2 [c] (d) 'e' \"f\" g.h/i ",
    "escapes": "\\\"",
    "unicode": "\u00e9\u2003\u21c4 ",
}
# Line-shape prefixes repeated: nested wrappers, time stamps and tags that keep almost matching.
SHAPE_RUNS: dict[str, str] = {
    "journald-syslog": "May 21 18:41:29 host openclaw[1]: ",
    "journald-iso": "2026-05-21T18:41:29+0800 host openclaw[1]: ",
    "iso-stamps": "2026-05-21T18:41:29.123Z ",
    "clock-stamps": "18:41:29.123 ",
    "console-tags": "[gateway] ",
    "iso-tag": "2026-05-21T18:41:29.123Z [gateway] ",
    "levels": "2026-05-21T18:41:29.123Z INFO gateway ",
    "clock-levels": "18:41:29 info gateway ",
    "near-iso": "2026-05-21T18:41:2",
    "near-clock": "18:41:",
    "binding": '{"subsystem":"a"} ',
}


@dataclass(frozen=True, slots=True)
class Case:
    label: str
    build: Callable[[int], str]  # size in characters -> line


def _run(unit: str, size: int) -> str:
    return (unit * (size // max(len(unit), 1) + 1))[:size]


def _pattern_words(pattern: str) -> str:
    words = re.findall(r"[A-Za-z][A-Za-z_-]{2,}", pattern)
    return " ".join(dict.fromkeys(words)) + " "


def _near_misses(needle: str) -> Iterator[tuple[str, str]]:
    yield "needle-repeated", needle + " "
    yield "needle-repeated-glued", needle
    if len(needle) > 1:
        yield "needle-minus-last", needle[:-1] + " "
        yield "needle-minus-first", needle[1:] + " "
        yield "needle-glued", needle[:-1]


def _family_cases() -> Iterator[Case]:
    for family in families.FAMILIES:
        heads = family.prefixes or ((family.needle,) if family.needle else ())
        fillers = {**FILLERS, "pattern-words": _pattern_words(family.pattern.pattern)}
        for head in heads:
            fillers.update(dict(_near_misses(head)))
            for name, unit in fillers.items():
                label = f"family {family.kind} [{head.strip()}] + {name}"
                if family.prefixes:
                    yield Case(label, lambda size, h=head, u=unit: h + " " + _run(u, size))
                else:
                    yield Case(label, lambda size, h=head, u=unit: _run(u, size // 2) + h + _run(u, size // 2))
                    yield Case(label + " (needle last)", lambda size, h=head, u=unit: _run(u, size) + " " + h)


def _enricher_cases() -> Iterator[Case]:
    for enricher in families.ENRICHERS:
        fillers = {**FILLERS, "pattern-words": _pattern_words(enricher.pattern.pattern), **dict(_near_misses(enricher.needle))}
        for name, unit in fillers.items():
            label = f"enricher [{enricher.needle}] + {name}"
            yield Case(label, lambda size, n=enricher.needle, u=unit: "x " + _run(u, size) + " " + n)
            yield Case(label + " (needle first)", lambda size, n=enricher.needle, u=unit: "x " + n + " " + _run(u, size))


def _shape_cases() -> Iterator[Case]:
    runs = {**SHAPE_RUNS, **{f"filler {name}": unit for name, unit in FILLERS.items()}}
    for shape in shapes.TEXT_SHAPES:
        for name, unit in runs.items():
            yield Case(f"shape {shape.name} + {name}", lambda size, u=unit: _run(u, size))
    for name, unit in SHAPE_RUNS.items():
        yield Case(f"shape run {name} + message", lambda size, u=unit: _run(u, size) + " stalled session: age=1s")
    for name, unit in FILLERS.items():
        yield Case(f"json record message + {name}", lambda size, u=unit: '{"0":"' + _run(u, size).replace("\\", "\\\\")
                   .replace('"', '\\"') + '","time":"2026-05-21T18:41:29.123Z"}')


def _tokenizer_cases() -> Iterator[Case]:
    for name, unit in FILLERS.items():
        yield Case(f"tokenizer + {name}", lambda size, u=unit: _run(u, size))


def all_cases() -> list[Case]:
    return [*_family_cases(), *_enricher_cases(), *_shape_cases(), *_tokenizer_cases()]


def time_case(case: Case, size: int) -> float:
    """Seconds the parser (or, for tokenizer cases, the tokenizer) takes on the case's line."""
    line = case.build(size)
    started = time.perf_counter()
    if case.label.startswith("tokenizer"):
        tokenize(line)
    else:
        parser = LineParser("openclaw-2026-05-21.log", ParseOptions(date=date(2026, 5, 21), tz=timezone.utc), ParseStats())
        parser.parse_text(1, line)
    return time.perf_counter() - started


PROBE_SIZES = (8192, 32768)


def probe(case: Case, runs: int = 2) -> tuple[float, float]:
    """Seconds at the two probe sizes (best of ``runs`` runs each, to damp noise)."""
    small, large = PROBE_SIZES
    return (min(time_case(case, small) for _ in range(runs)), min(time_case(case, large) for _ in range(runs)))


def superlinear(small: float, large: float) -> bool:
    """Four times the input taking over ten times as long (and long enough to measure)."""
    return large > 0.01 and large > 10 * max(small, 1e-4)


CONFIRM_SIZE = PROBE_SIZES[0] * 16


def superlinear_at_16x(case: Case, small: float, large: float, runs: int = 3) -> bool:
    """The confirmation of a 4x reading over 10x: sixteen times the input takes over forty times as long as the
    small probe, and over eight times as long as the large one (the growth goes on, n^1.5 or worse, from 4x to 16x).
    A pattern growing as fast as the 4x bar says (n^1.66 or worse) takes 100x the small probe or more at 16x and 10x
    the large one, a quadratic one 256x and 16x; a machine's hiccup of a few milliseconds, which can push a 2 ms
    reading past 10x at 4x, cannot reach 40x at 16x; and a line that gets dearer per character once, between the two
    probe sizes (a cache size passed: the `[abort-source]` families on key=value pairs take 0.18 us a character at 8k,
    0.4 us at 32k, 0.48 us at 128k and at 512k), is linear again from 4x to 16x."""
    at_16x = min(time_case(case, CONFIRM_SIZE) for _ in range(runs))
    return at_16x > 40 * max(small, 1e-4) and at_16x > 8 * max(large, 1e-4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1 << 20, help="line length in characters (default 1 MB)")
    parser.add_argument("--limit", type=float, default=2.0, help="seconds a line may take (default 2)")
    parser.add_argument("--top", type=int, default=20, help="show the slowest N cases")
    parser.add_argument("--match", default="", help="only cases whose label contains this text")
    args = parser.parse_args(argv)
    cases = [case for case in all_cases() if args.match in case.label]
    results: list[tuple[float, str]] = []
    problems: list[str] = []
    started = time.perf_counter()
    for case in cases:
        try:
            small, large = probe(case)
            if superlinear(small, large):
                factor = (args.size / PROBE_SIZES[1]) ** 2
                problems.append(f"superlinear  {case.label}: {small:.3f} s at {PROBE_SIZES[0]:,}, {large:.3f} s at "
                                f"{PROBE_SIZES[1]:,} (about {large * factor:,.0f} s at {args.size:,}; not run)")
                continue
            results.append((time_case(case, args.size), case.label))
        except (RecursionError, ValueError, OverflowError) as error:
            problems.append(f"raised       {case.label}: {type(error).__name__}: {str(error)[:120]}")
    total = time.perf_counter() - started
    results.sort(reverse=True)
    print(f"{len(cases)} cases, {len(results)} run at {args.size:,} characters, in {total:.1f} s; slowest:")
    for seconds, label in results[: args.top]:
        flag = "  SLOW" if seconds > args.limit else ""
        print(f"  {seconds:8.3f} s  {label}{flag}")
    for problem in problems:
        print(f"  {problem}")
    slow = [label for seconds, label in results if seconds > args.limit]
    if slow or problems:
        print(f"{len(slow)} case(s) over {args.limit} s, {len(problems)} superlinear or raising", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
