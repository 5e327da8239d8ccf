"""``python -m tools.fieldeval``: stuckscan's agreement with real excerpts (tests/field/).

Each case is scanned exactly as a user would scan it (``stuckscan scan --format json``), and the
report's headline cause is compared with the label the case was given from its thread. The
table is printed; ``--write`` also records it in docs/accuracy.md.

A case **agrees** when:
- its expected primary cause is the report's headline cause (for a negative, when nothing at or
  above ``warning`` is reported), and
- every required contributing cause appears in the report, and no forbidden one does.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "tests" / "field" / "cases"
ACCURACY_DOC = ROOT / "docs" / "accuracy.md"
SEVERITY_RANK = {"none": 0, "info": 1, "warning": 2, "error": 3}
RULE_IDS = tuple(f"RC{n:02d}" for n in range(1, 19))


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    log: Path
    source: str
    primary: str | None
    contributing: tuple[str, ...]
    forbidden: tuple[str, ...]
    benign: bool
    shapes: tuple[str, ...]
    args: tuple[str, ...]
    split: str
    known_gap: str | None
    reasoning: str
    relabelled: str | None = None          # the label it had before a labelling policy changed it


@dataclass(slots=True)
class Outcome:
    case: Case
    headline: str | None
    found: tuple[str, ...]                 # every rule id anywhere in the report
    primaries: tuple[str, ...]             # every item's primary cause
    worst: str                             # worst severity reported
    exit_code: int
    nothing_found: bool                    # no item, and no warning or error line named: "no fault" (or an all-clear)
    flagged: bool = False                  # no item, but lines flagged as faults no rule explains
    judged: bool = False                   # no item, none flagged, but warning or error lines named as read
    unrecognised: bool = False             # stuckscan recognised no OpenClaw line in the excerpt at all
    too_short: bool = False                # the empty result says the lines are too short to rule out a stall
    problems: list[str] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return not self.problems


def load_case(json_path: Path) -> Case:
    data = json.loads(json_path.read_text(encoding="utf-8"))
    name = json_path.name[: -len(".case.json")]
    expected = data.get("expected") or {}
    return Case(
        name=name,
        log=json_path.with_name(name + ".log"),
        source=str(data.get("source", "")),
        primary=expected.get("primary"),
        contributing=tuple(expected.get("contributing") or ()),
        forbidden=tuple(expected.get("forbidden") or ()),
        benign=bool(expected.get("benign", False)),
        shapes=tuple(data.get("shapes") or ()),
        args=tuple(str(a) for a in data.get("args") or ()),
        split=str(data.get("split", "dev")),
        known_gap=data.get("knownGap") or None,
        reasoning=str(data.get("reasoning", "")),
        relabelled=data.get("relabelled") or None,
    )


def load_cases(directory: Path = CASES_DIR) -> list[Case]:
    return [load_case(path) for path in sorted(directory.glob("*.case.json"))]


def scan_report(case: Case) -> tuple[int, dict[str, Any]]:
    """Run ``stuckscan scan --format json`` on the case in this process."""
    from click.testing import CliRunner

    from stuckscan.cli import cli

    runner = CliRunner()
    # --allow-empty: an excerpt is OpenClaw output even when none of its lines is recognised
    result = runner.invoke(cli, ["scan", "--format", "json", "--fail-on", "warning", "-q", "--jobs", "1",
                                 "--allow-empty", *case.args, str(case.log)], catch_exceptions=False)
    if result.exit_code not in (0, 1):
        raise RuntimeError(f"{case.name}: stuckscan exited {result.exit_code}: {result.output[:500]}")
    return result.exit_code, json.loads(result.stdout)


def _items(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [*report.get("incidents", []), *report.get("episodes", [])]


def headline_cause(report: dict[str, Any]) -> str | None:
    """The cause a reader takes away first (the report's ``summary.headline``)."""
    headline = report.get("summary", {}).get("headline")
    return str(headline["rule"]) if headline else None


INPUT_ERROR = 2  # stuckscan's exit code when no line of the input is an OpenClaw line
UNRECOGNISED = "no OpenClaw log lines recognised"  # the report's explanation when that is so
TOO_SHORT = "too short to rule out a stall"  # the caveat an empty result from a short excerpt gets

def judge(case: Case, exit_code: int, report: dict[str, Any]) -> Outcome:
    items = _items(report)
    found = sorted({f["rule"] for item in items for f in ([item["rootCause"]] if item.get("rootCause") else [])
                    + item.get("contributing", [])})
    primaries = tuple(sorted({item["rootCause"]["rule"] for item in items if item.get("rootCause")}))
    worst = report.get("summary", {}).get("worstSeverity") or "none"
    unexplained = report.get("summary", {}).get("unexplained", {}).get("lines", 0)
    judged = report.get("summary", {}).get("judged", {}).get("lines", 0)
    said = report.get("summary", {}).get("explanations", [])
    unrecognised = any(text.startswith(UNRECOGNISED) for text in said)
    outcome = Outcome(case, headline_cause(report), tuple(found), primaries, worst, exit_code,
                      nothing_found=not items and not unexplained and not judged,
                      flagged=not items and bool(unexplained), judged=not items and not unexplained and bool(judged),
                      unrecognised=unrecognised, too_short=any(text.startswith(TOO_SHORT) for text in said))
    if exit_code == INPUT_ERROR and case.primary is not None:
        outcome.problems.append("input error: no OpenClaw line recognised (exit 2)")
    elif case.primary is not None and outcome.headline != case.primary:
        outcome.problems.append(f"headline {outcome.headline or 'none'}, expected {case.primary}")
    if case.benign and SEVERITY_RANK.get(worst, 0) >= SEVERITY_RANK["warning"]:
        outcome.problems.append(f"expected benign, worst severity {worst}")
    missing = [rule for rule in case.contributing if rule not in found]
    if missing:
        outcome.problems.append("missing contributing " + ", ".join(missing))
    present = [rule for rule in case.forbidden if rule in found]
    if present:
        outcome.problems.append("forbidden present " + ", ".join(present))
    return outcome


def evaluate(cases: Iterable[Case]) -> list[Outcome]:
    outcomes = []
    for case in cases:
        exit_code, report = scan_report(case)
        outcomes.append(judge(case, exit_code, report))
    return outcomes


def _rate(outcomes: Sequence[Outcome]) -> str:
    if not outcomes:
        return "n/a"
    agreed = sum(o.agrees for o in outcomes)
    return f"{agreed}/{len(outcomes)} ({100.0 * agreed / len(outcomes):.0f} %)"


def summary_lines(outcomes: Sequence[Outcome]) -> list[str]:
    faults = [o for o in outcomes if o.case.primary is not None and not o.case.benign]
    silent = [o for o in faults if o.nothing_found]
    undetermined = [o for o in faults if not o.nothing_found and not o.flagged and not o.judged and o.headline is None]
    flagged = [o for o in faults if o.flagged]
    judged = [o for o in faults if o.judged]
    lines = [
        f"all cases      {_rate(outcomes)}",
        f"dev            {_rate([o for o in outcomes if o.case.split == 'dev'])}",
        f"holdout        {_rate([o for o in outcomes if o.case.split == 'holdout'])}",
        f"no fault       {_rate([o for o in outcomes if o.case.primary is None and o.case.benign])}  (expected nothing at"
        f" warning or above; {sum(o.agrees and o.unrecognised for o in outcomes if o.case.primary is None and o.case.benign)}"
        " of them agree only because no line was recognised)",
        f"fault, no class {_rate([o for o in outcomes if o.case.primary is None and not o.case.benign])}"
        "  (expected none of the classes the label rules out)",
        f"benign class   {_rate([o for o in outcomes if o.case.primary is not None and o.case.benign])}"
        "  (expected RC04, RC13 or RC14 as the headline, nothing at warning or above)",
        f"visible fault, nothing found: {len(silent)} ({sum(o.case.split == 'holdout' for o in silent)} holdout"
        + f", {sum(o.exit_code == INPUT_ERROR for o in silent)} of them input errors, "
        + f"{sum(o.too_short for o in silent)} said to be too short to rule out a stall)"
        + (f"; dev: {', '.join(o.case.name for o in silent if o.case.split == 'dev')}" if silent else ""),
        f"visible fault, no finding but its lines flagged as unexplained faults (not an all-clear): {len(flagged)} "
        f"({sum(o.case.split == 'holdout' for o in flagged)} holdout)"
        + (f"; dev: {', '.join(o.case.name for o in flagged if o.case.split == 'dev')}" if flagged else ""),
        f"visible fault, no finding but its warning or error lines named as read and short of a stall: {len(judged)} "
        f"({sum(o.case.split == 'holdout' for o in judged)} holdout)"
        + (f"; dev: {', '.join(o.case.name for o in judged if o.case.split == 'dev')}" if judged else ""),
        f"visible fault, a finding with no cause: {len(undetermined)} "
        f"({sum(o.case.split == 'holdout' for o in undetermined)} holdout)"
        + (f"; dev: {', '.join(o.case.name for o in undetermined if o.case.split == 'dev')}" if undetermined else ""),
    ]
    relabelled = [o for o in outcomes if o.case.relabelled]
    if relabelled:
        lines.append(
            f"relabelled under a labelling policy (tests/field/README.md): {len(relabelled)} "
            f"({sum(o.case.split == 'holdout' for o in relabelled)} holdout), {sum(o.agrees for o in relabelled)} of "
            f"them agree with the new label")
    by_class: Counter[str] = Counter(o.case.primary or "none" for o in outcomes)
    agreed_by_class: Counter[str] = Counter(o.case.primary or "none" for o in outcomes if o.agrees)
    lines.append("by expected class: " + ", ".join(
        f"{rule} {agreed_by_class[rule]}/{by_class[rule]}" for rule in (*RULE_IDS, "none") if by_class[rule]))
    return lines


def table_rows(outcomes: Sequence[Outcome]) -> list[tuple[str, ...]]:
    rows = []
    for o in outcomes:
        expected = o.case.primary or ("benign" if o.case.benign else "none")
        rows.append((o.case.name, o.case.split, expected, o.headline or "-", "yes" if o.agrees else "no",
                     "; ".join(o.problems)))
    return rows


def render_text(outcomes: Sequence[Outcome], show_holdout: bool = False) -> str:
    header = ("case", "split", "expected", "headline", "agrees", "problems")
    shown = [o for o in outcomes if show_holdout or o.case.split != "holdout"]
    rows = [header, *table_rows(shown)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths)) + "  " + row[-1] for row in rows]
    return "\n".join([*lines, "", *summary_lines(outcomes)]) + "\n"


def render_markdown(outcomes: Sequence[Outcome]) -> str:
    out = [
        "# Accuracy on real excerpts",
        "",
        "Generated by `python -m tools.fieldeval --write` from the field corpus in `tests/field/`: log",
        "excerpts that users pasted into public openclaw/openclaw issues (a few from operators' own incident",
        "write-ups in public repositories), each labelled from its thread or write-up before stuckscan",
        "was run on it (see tests/field/README.md). A case agrees when the report's",
        "headline cause is the expected one (for a negative: nothing at or above `warning`), every",
        "required contributing cause is reported, and no forbidden one is. `holdout` cases were not",
        "looked at while the rules were tuned: their figure is the honest one for excerpts never seen.",
        "Where one log shape had been labelled two ways, a labelling policy decided once what its lines",
        "support (tests/field/README.md, \"Labelling policies\", written without running stuckscan) and the",
        "cases against it were relabelled, holdout cases included; the line \"relabelled\" below counts them.",
        "",
        "```",
        *summary_lines(outcomes),
        "```",
        "",
        "| case | split | expected | headline | agrees | problems |",
        "|---|---|---|---|---|---|",
    ]
    for outcome, row in zip(outcomes, table_rows(outcomes)):
        if outcome.case.split == "holdout":  # whether it agrees, not how it fails: rules are not tuned on it
            row = (*row[:3], "(not shown)", row[4], "")
        out.append("| " + " | ".join(cell.replace("|", "\\|") or " " for cell in row) + " |")
    return "\n".join(out) + "\n"


def _names_case(part: str, name: str) -> bool:
    """Whether ``--case part`` selects the case ``name``: a case number (``f74``, ``f740``) names that case only,
    never every number it begins; other text is a part of the name."""
    if re.fullmatch(r"f\d+", part):
        return name.split("-", 1)[0] == part
    return part in name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.fieldeval", description=__doc__.split("\n")[0])
    parser.add_argument("--cases", default=str(CASES_DIR), help="directory of *.case.json files")
    parser.add_argument("--split", choices=("dev", "holdout", "all"), default="all")
    parser.add_argument("--case", action="append", default=[],
                        help="only this case: its number (f123) or a part of its name (repeatable)")
    parser.add_argument("--write", action="store_true", help="also write docs/accuracy.md")
    parser.add_argument("--show-holdout", action="store_true",
                        help="list holdout cases row by row too (by default only their count: rules are not tuned on them)")
    args = parser.parse_args(argv)
    cases = load_cases(Path(args.cases))
    if args.split != "all":
        cases = [c for c in cases if c.split == args.split]
    if args.case:
        cases = [c for c in cases if any(_names_case(part, c.name) for part in args.case)]
    if not cases:
        print("no cases found", file=sys.stderr)
        return 2
    outcomes = evaluate(cases)
    sys.stdout.write(render_text(outcomes, args.show_holdout))
    if args.write:
        ACCURACY_DOC.write_text(render_markdown(outcomes), encoding="utf-8")
        print(f"wrote {ACCURACY_DOC.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
