"""``python -m tools.reshape``: the field corpus's agreeing dev cases pasted the other ways users paste them.

Each transform rewrites an excerpt as a user's paste or a program would show the same lines (a markdown blockquote,
list items, a fenced block in <details>, grep output over the log files, `grep -n`, `cat -n`, `docker compose logs`,
Windows line ends, a time in brackets, a numbered list, each line as inline code, a list of lines with wrapped ones
under their item, a block indented inside a list item, records pretty-printed by `jq .`, colour codes a terminal
kept). A reading that depends on how the lines were pasted, not on what they say, shows here: the headline cause
must stay the one the excerpt gets as it was pasted. Only dev cases are used (holdout cases are not looked at while
the rules are tuned). ``tests/test_field_pasting.py`` runs a sample of cases on every transform; this tool runs them
all and prints how many keep their headline; ``--write`` records it in docs/robustness.md.

Transforms that take evidence away (times cut off, ids elided) are not here: a different answer there can be right.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from tools.fieldeval import ROOT, Case, evaluate, headline_cause, load_cases, scan_report

ROBUSTNESS_DOC = ROOT / "docs" / "robustness.md"


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


def _at_margin(prefix: Callable[[str], str]) -> Callable[[str], str | None]:
    """A mark before each line that starts at the margin; a wrapped line's indented rest stays under its line, as a
    reporter's list of lines keeps it."""
    def transform(text: str) -> str | None:
        return "\n".join(prefix(line) if line.strip() and line[:1] not in " \t" else line for line in _lines(text))
    return transform


def _records_pretty(text: str) -> str | None:
    """Each JSON record printed over lines as `jq .` prints it (None when the excerpt holds none)."""
    out, pretty = [], False
    for line in _lines(text):
        try:
            record = json.loads(line) if line[:1] == "{" else None
        except ValueError:
            record = None
        if isinstance(record, dict):
            out.extend(json.dumps(record, indent=2, ensure_ascii=False).split("\n"))
            pretty = True
        else:
            out.append(line)
    return "\n".join(out) if pretty else None


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
    # (a list of lines with wrapped ones under their item, a block indented inside a list item, a quoted list,
    # records pretty-printed, colour codes a terminal kept)
    "listed-lines": _at_margin(lambda line: f"- {line}"),
    "listed-inline-code": _each_line(lambda _, line: f"- `{line}`", flat_only=True),
    "indented": _each_line(lambda _, line: f"    {line}"),
    "tab-indented": _each_line(lambda _, line: f"\t{line}"),
    "quoted-list": _each_line(lambda _, line: f"> - {line}", flat_only=True),
    "jq": _records_pretty,
    "coloured": _each_line(lambda _, line: f"\x1b[90m{line}\x1b[39m"),
}


def plain_headline(case: Case) -> str | None:
    """The headline cause of the excerpt as it was pasted."""
    return headline_cause(scan_report(case)[1])


def reshaped_headlines(cases: Sequence[Case], name: str, workdir: Path,
                       plain: Callable[[Case], str | None] = plain_headline) -> tuple[int, list[str]]:
    """How many of ``cases`` the transform ``name`` applies to, and those whose headline it changed (as
    ``"<case>: <before> -> <after>"``); ``plain`` gives a case's headline as pasted."""
    transform = TRANSFORMS[name]
    changed: list[str] = []
    tried = 0
    for case in cases:
        pasted = transform(case.log.read_text(encoding="utf-8"))
        if pasted is None:
            continue
        tried += 1
        copy = workdir / case.log.name
        copy.write_text(pasted, encoding="utf-8", newline="")
        before = plain(case)
        after = headline_cause(scan_report(dataclasses.replace(case, log=copy))[1])
        if after != before:
            changed.append(f"{case.name}: {before} -> {after}")
    return tried, changed


def render_markdown(rows: Sequence[tuple[str, int, list[str]]], total: int) -> str:
    out = ["# Robustness: the same lines pasted another way", "",
           "Generated by `python -m tools.reshape --write`. Each of the field corpus's dev cases that agrees with its",
           "label as pasted is pasted again another way (see the transforms in `tools/reshape.py`); a case counts",
           "when its headline cause stays the same. Holdout cases are left out: they are not looked at while the",
           "rules are tuned.", "", f"{total} agreeing dev cases.", "",
           "| pasted as | tried | same headline | changed |", "|---|---|---|---|"]
    for name, tried, changed in rows:
        shown = ", ".join(entry.split(":", 1)[0] for entry in changed[:8]) + (" ..." if len(changed) > 8 else "")
        out.append(f"| {name} | {tried} | {tried - len(changed)} | {shown or '-'} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.reshape", description=__doc__.split("\n")[0])
    parser.add_argument("--transform", action="append", default=[], choices=sorted(TRANSFORMS),
                        help="only this transform (repeatable)")
    parser.add_argument("--write", action="store_true", help="also write docs/robustness.md")
    args = parser.parse_args(argv)
    outcomes = [o for o in evaluate(c for c in load_cases() if c.split == "dev") if o.agrees]
    agreeing = [o.case for o in outcomes]
    headlines = {o.case.name: o.headline for o in outcomes}
    rows = []
    with tempfile.TemporaryDirectory() as workdir:
        for name in args.transform or list(TRANSFORMS):
            tried, changed = reshaped_headlines(agreeing, name, Path(workdir), plain=lambda case: headlines[case.name])
            rows.append((name, tried, changed))
            print(f"{name:20} {tried - len(changed):5}/{tried:<5} " + "; ".join(changed[:5]), flush=True)
    if args.write:
        ROBUSTNESS_DOC.write_text(render_markdown(rows, len(agreeing)), encoding="utf-8")
        print(f"wrote {ROBUSTNESS_DOC.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
