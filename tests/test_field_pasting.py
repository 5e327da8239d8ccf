"""The same real excerpt pasted the ways users paste it reads the same.

Each transform wraps the lines of an agreeing dev case of the field corpus as a user's paste or a
shell would (a markdown blockquote, list items, a fenced block in <details>, grep output over the
log files, `grep -n`, `cat -n`, `docker compose logs`, Windows line ends, a time in brackets, a numbered
list, each line as inline code); the report must keep the headline cause the plain excerpt gets. A sample of cases keeps this quick.
Forms a program prints (grep, docker compose, list items) are tried only on excerpts of whole lines.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tools.fieldeval import Case, headline_cause, load_cases, scan_report

SAMPLE_EVERY = 5  # the agreeing dev cases whose number is a multiple of five (stable as the corpus grows)


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _flat(text: str) -> bool:
    """One log line a line, as a program prints it: no line continues the one before it (indented, or after a
    line left open with a colon, comma or trailing space), is a piece of a record or one field of it, or
    carries a reporter's inline-code marks (grep or docker output holds none)."""
    return not any(line[:1] in " \t" or line.lstrip()[:1] in '-*{}"' or line[-1:] in ":, \t" or "`" in line
                   or len(line.split()) < 3  # (a record's fields a line each: the Control UI's time, level, ...)
                   for line in _lines(text) if line.strip())


def _each_line(prefix: Callable[[int, str], str], flat_only: bool = False) -> Callable[[str], str | None]:
    def transform(text: str) -> str | None:
        if flat_only and not _flat(text):
            return None
        return "\n".join(prefix(number, line) if line.strip() else line
                         for number, line in enumerate(_lines(text), 1))
    return transform


_ISO_AT_START = re.compile(r"^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)(?= \[)", re.M)


def _bracketed_times(text: str) -> str | None:
    return _ISO_AT_START.sub(r"[\1 \2]", text) if _ISO_AT_START.search(text) else None


TRANSFORMS: dict[str, Callable[[str], str | None]] = {
    "blockquote": _each_line(lambda _, line: f"> {line}"),
    "details": lambda text: f"<details><summary>gateway log</summary>\n\n```log\n{text.rstrip()}\n```\n\n</details>\n",
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "bullets": _each_line(lambda _, line: f"- {line}", flat_only=True),
    "numbered": _each_line(lambda number, line: f"{number}. {line}", flat_only=True),
    "inline-code": _each_line(lambda _, line: f"`{line}`", flat_only=True),
    "grep-files": _each_line(lambda _, line: f"/tmp/openclaw/openclaw-2026-05-21.log:{line}", flat_only=True),
    "grep-n": _each_line(lambda number, line: f"{number}:{line}", flat_only=True),
    "cat-n": _each_line(lambda number, line: f"{number:6}\t{line}", flat_only=True),
    "compose": _each_line(lambda _, line: f"openclaw-gateway-1  | {line}", flat_only=True),
    "bracketed-times": _bracketed_times,
}

SAMPLE = [case for case in load_cases()
          if case.split == "dev" and not case.known_gap and int(case.name[1:4]) % SAMPLE_EVERY == 0]


@functools.cache
def _plain_headline(name: str) -> str | None:
    case = next(case for case in SAMPLE if case.name == name)
    return headline_cause(scan_report(case)[1])


@pytest.mark.parametrize("name", list(TRANSFORMS))
def test_an_excerpt_pasted_another_way_keeps_its_headline(name: str, tmp_path: Path) -> None:
    transform = TRANSFORMS[name]
    changed: list[str] = []
    tried = 0
    for case in SAMPLE:
        pasted = transform(case.log.read_text(encoding="utf-8"))
        if pasted is None:
            continue
        tried += 1
        copy = tmp_path / case.log.name
        copy.write_text(pasted, encoding="utf-8", newline="")
        before = _plain_headline(case.name)
        after = headline_cause(scan_report(dataclasses.replace(case, log=copy))[1])
        if after != before:
            changed.append(f"{case.name}: {before} -> {after}")
    assert tried >= 5, f"{name}: too few cases to try ({tried})"
    assert not changed, f"{name} changed the headline of {len(changed)} of {tried}: " + "; ".join(changed)


def test_the_sample_is_large_enough_to_mean_something() -> None:
    assert len(SAMPLE) >= 50 and all(isinstance(case, Case) for case in SAMPLE)
