#!/usr/bin/env python3
"""Start-up: the wall time and peak RSS of `stuckscan scan` on a pasted fragment, two versions side by side.

    python3 benchmarks/startup.py [LOG ...] [--base REF] [--repeat 15] [--cold] [--args "..."]

A scan of a 10-line paste is almost all start-up (imports, module-level tables, compiling
patterns), so this times whole processes: ``python -m stuckscan scan LOG`` with the default
text report (colour off, written to a file), as a user runs it. ``--base`` (default
``HEAD``) is a git revision exported with ``git archive``; the other side is the working
tree. The two sides are interleaved ``--repeat`` times; printed per log: the median and the
best wall seconds, the median user+system CPU seconds (steadier than wall on a busy machine), the largest peak RSS, and whether the two reports are byte for byte the
same. Both trees are byte-compiled first, as an installed package is; ``--cold`` runs with
no bytecode at all (an empty ``PYTHONPYCACHEPREFIX`` and ``PYTHONDONTWRITEBYTECODE``), so
every module is compiled from source on each run. The default LOG is a 9-line field case.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.ab import compile_tree, export, timed_scan  # noqa: E402

DEFAULT_LOG = ROOT / "tests" / "field" / "cases" / "f001-in-progress-never-clears-stall.log"


def run(tree: Path, log: str, extra: list[str], out: Path,
        env_extra: dict[str, str | None]) -> tuple[float, float, float]:
    """(wall seconds, user+system CPU seconds, peak RSS MB) of one text scan with the package in ``tree``."""
    cpu, wall, rss = timed_scan(tree, [log, "--no-color", "-o", str(out), *extra], env_extra)
    return wall, cpu, rss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("logs", nargs="*", default=[str(DEFAULT_LOG)])
    parser.add_argument("--base", default="HEAD", help="git revision to compare the working tree with")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--cold", action="store_true", help="no bytecode: compile every module from source")
    parser.add_argument("--args", default="", help="more scan options, e.g. '--format json'")
    args = parser.parse_args(argv)
    extra = shlex.split(args.args)
    with tempfile.TemporaryDirectory() as scratch:
        base = export(args.base, Path(scratch) / "base", compiled=not args.cold)
        env_extra: dict[str, str | None] = {"PYTHONPYCACHEPREFIX": None}  # (the trees' own bytecode)
        if args.cold:
            empty = Path(scratch) / "no-bytecode"
            empty.mkdir()
            env_extra = {"PYTHONPYCACHEPREFIX": str(empty), "PYTHONDONTWRITEBYTECODE": "1"}
        else:
            compile_tree(ROOT)
        for log in map(os.path.abspath, args.logs):
            results: dict[str, list[tuple[float, float, float]]] = {"base": [], "work": []}
            outs = {"base": Path(scratch) / "base.out", "work": Path(scratch) / "work.out"}
            for _ in range(args.repeat):
                for side, tree in (("base", base), ("work", ROOT)):
                    results[side].append(run(tree, log, extra, outs[side], env_extra))
            same = outs["base"].read_bytes() == outs["work"].read_bytes()
            print(f"{log}  ({'cold, no bytecode' if args.cold else 'byte-compiled'}; load {os.getloadavg()[0]:.1f})")
            for side in ("base", "work"):
                walls = [r[0] for r in results[side]]
                cpu = statistics.median(r[1] for r in results[side])
                rss = max(r[2] for r in results[side])
                print(f"  {side:4} {args.base if side == 'base' else 'tree':>10}: wall median {statistics.median(walls):6.3f} s"
                      f"  best {min(walls):6.3f} s  cpu median {cpu:6.3f} s  peak RSS {rss:6.1f} MB")
            print(f"  same report: {'yes' if same else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
