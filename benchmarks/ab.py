#!/usr/bin/env python3
"""Compare two versions of stuckscan on the same logs: CPU time, peak RSS, same report.

    python3 benchmarks/ab.py LOG [LOG ...] [--base REF] [--repeat 5] [--jobs 1] [--args "..."]

``--base`` (default ``HEAD``) is a git revision, exported with ``git archive`` to a
temporary directory; the other side is the working tree. Each side runs ``stuckscan scan
LOG --format json --no-redact --fail-on never`` (plus ``--args``) as a child process
under ``/usr/bin/time -v``, the two sides interleaved ``--repeat`` times (a busy spell on
a shared machine hits both alike). Printed per log: the median user+system CPU seconds,
the median wall seconds, the largest peak RSS, and whether the two JSON reports are
byte for byte the same (their ``tool.version`` aside, which is the same anyway).
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def compile_tree(tree: Path) -> None:
    """Byte-compile the package in ``tree``, as an installed package is."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "stuckscan")], check=True,
                   stdout=subprocess.DEVNULL)


def export(ref: str, into: Path, compiled: bool = True) -> Path:
    """The package at git revision ``ref``, in the new directory ``into`` (byte-compiled unless ``compiled`` is
    false)."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    if compiled:
        compile_tree(into)
    return into


def run(tree: Path, log: str, extra: list[str], out: Path) -> tuple[float, float, float]:
    """(CPU seconds, wall seconds, peak RSS MB) of one JSON scan with the package in ``tree``."""
    return timed_scan(tree, [log, "--format", "json", "--no-redact", "--fail-on", "never", "-q", "-o", str(out),
                             *extra])


def timed_scan(tree: Path, scan_args: list[str],
               env_extra: dict[str, str | None] | None = None) -> tuple[float, float, float]:
    """(CPU seconds, wall seconds, peak RSS MB) of ``stuckscan scan <scan_args>`` in a child process, with the package
    in ``tree`` (and ``env_extra`` set in its environment; a ``None`` unsets the variable)."""
    argv = ["/usr/bin/time", "-v", sys.executable, "-m", "stuckscan", "scan", *scan_args]
    merged = {**os.environ, "PYTHONPATH": str(tree), **(env_extra or {})}
    env = {name: value for name, value in merged.items() if value is not None}
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=tree, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{tree}: exit {done.returncode}: {done.stderr[-2000:]}")
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", done.stderr).group(1))  # type: ignore[union-attr]
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", done.stderr).group(1))  # type: ignore[union-attr]
    rss = float(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1)) / 1024  # type: ignore[union-attr]
    return user + system, wall, rss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("logs", nargs="+")
    parser.add_argument("--base", default="HEAD", help="git revision to compare the working tree with")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--args", default="", help="more scan options, e.g. '--max-open-incidents 100'")
    args = parser.parse_args(argv)
    extra = ["--jobs", str(args.jobs), *shlex.split(args.args)]
    with tempfile.TemporaryDirectory() as scratch:
        base = export(args.base, Path(scratch) / "base")
        compile_tree(ROOT)
        for log in map(os.path.abspath, args.logs):
            results: dict[str, list[tuple[float, float, float]]] = {"base": [], "work": []}
            outs = {"base": Path(scratch) / "base.json", "work": Path(scratch) / "work.json"}
            for _ in range(args.repeat):
                for side, tree in (("base", base), ("work", ROOT)):
                    results[side].append(run(tree, log, extra, outs[side]))
            same = outs["base"].read_bytes() == outs["work"].read_bytes()
            print(f"{log}  (load {os.getloadavg()[0]:.1f})")
            for side in ("base", "work"):
                cpu = statistics.median(r[0] for r in results[side])
                wall = statistics.median(r[1] for r in results[side])
                rss = max(r[2] for r in results[side])
                print(f"  {side:4} {args.base if side == 'base' else 'tree':>10}: cpu {cpu:7.2f} s  wall {wall:7.2f} s  "
                      f"peak RSS {rss:7.1f} MB")
            print(f"  same report: {'yes' if same else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
