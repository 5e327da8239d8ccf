#!/usr/bin/env python3
"""Scale rows of issues #14 and #17: time and peak memory against noise, concurrent stalls,
incident counts, sessions and `watch` backlogs.

    python3 benchmarks/scale.py [ROW ...] [--repeat N]     # ROW: see --help; default: all

Each row writes its logs with ``benchmarks/make_stress.py`` under ``benchmarks/data/``
(kept and reused: the sidecar ``.json`` records the parameters), then runs the real command
line as a child process under ``/usr/bin/time`` and prints, per run: wall seconds, CPU
seconds (user + system), peak RSS of the child, the incidents in the JSON report and the
1-minute load average. ``watch`` rows run ``stuckscan watch --from-start`` on a file that
is not being written to, sample the child's ``VmHWM`` from ``/proc``, and stop it with
SIGINT once it has read the whole file and used no CPU for a second.

The figures go to stdout only; docs/performance.md quotes them with the date and load.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PYTHON = sys.executable


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    rss_mb: float
    incidents: int | None = None

    def row(self, label: str) -> str:
        count = "" if self.incidents is None else f"{self.incidents:>7,} incidents"
        return (f"  {label:<44} wall {self.wall:7.2f} s  cpu {self.cpu:7.2f} s  peak RSS {self.rss_mb:7.1f} MB  "
                f"{count}  (load {os.getloadavg()[0]:.1f})")


def stress_log(name: str, *args: str) -> Path:
    """``benchmarks/data/stress-NAME.log`` written by ``make_stress.py ARGS`` unless already there."""
    path = DATA / f"stress-{name}.log"
    sidecar = Path(str(path) + ".json")
    wanted = list(args)
    if path.exists() and sidecar.exists() and json.loads(sidecar.read_text()).get("argv") == wanted:
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    subprocess.run([PYTHON, str(HERE / "make_stress.py"), *args[:1], str(path), *args[1:]], check=True)
    facts = json.loads(sidecar.read_text())
    sidecar.write_text(json.dumps({**facts, "argv": wanted}, indent=2) + "\n")
    print(f"  (wrote {path.name}: {facts['lines']:,} lines, {facts['bytes'] / 1e6:,.0f} MB in "
          f"{time.perf_counter() - started:.0f} s)", flush=True)
    return path


def timed(argv: list[str]) -> tuple[Run, subprocess.CompletedProcess[str]]:
    """Run ``argv`` under ``/usr/bin/time``; a failing command ends the benchmark."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        started = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", report.name, *argv],
                              capture_output=True, text=True)
        wall = time.perf_counter() - started
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv)}: exit {done.returncode}: {done.stderr[-2000:]}")
        user, system, rss_kb = report.read().split()[-3:]
    return Run(wall, float(user) + float(system), int(rss_kb) / 1024), done


def scan(log: Path, *extra: str) -> Run:
    """``stuckscan scan LOG --format json`` with ``extra`` options; counts the report's incidents."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "report.json"
        run, _ = timed([PYTHON, "-m", "stuckscan", "scan", str(log), "--format", "json", "--fail-on", "never", "-q",
                        "-o", str(out), *extra])
        incidents = json.loads(out.read_text())["summary"]["incidents"]
    return Run(run.wall, run.cpu, run.rss_mb, incidents)


def best(runs: list[Run]) -> Run:
    """The median wall and CPU time, the largest peak RSS and the (same) incident count."""
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
               max(r.rss_mb for r in runs), runs[0].incidents)


def repeated(action: Callable[[], Run], repeat: int) -> Run:
    return best([action() for _ in range(repeat)])


def _proc_field(pid: int, name: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    return 0


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _read_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    return 0


def watch(log: Path, *extra: str) -> Run:
    """``stuckscan watch LOG --from-start --format jsonl``: time to work through the backlog and its peak RSS."""
    argv = [PYTHON, "-m", "stuckscan", "watch", str(log), "--from-start", "--format", "jsonl", "-q", "--poll", "0.2",
            *extra]
    size = log.stat().st_size
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    changes = 0

    def count() -> None:
        nonlocal changes
        for _ in child.stdout:  # type: ignore[union-attr]
            changes += 1

    reader = threading.Thread(target=count, daemon=True)
    reader.start()
    ticks = hwm = 0
    idle: tuple[float, int] | None = None  # since when, and the CPU ticks then
    finished = started
    while child.poll() is None:
        time.sleep(0.25)
        try:
            hwm = max(hwm, _proc_field(child.pid, "VmHWM"))
            ticks, read = _cpu_ticks(child.pid), _read_bytes(child.pid)
        except (FileNotFoundError, ProcessLookupError):
            break
        if read < size:
            idle = None
            continue
        if idle is None or ticks > idle[1] + 2:  # polling an idle file costs a tick now and then
            idle, finished = (time.perf_counter(), ticks), time.perf_counter()
        elif time.perf_counter() - idle[0] >= 1.0:
            break
    cpu = ticks / os.sysconf("SC_CLK_TCK")
    child.send_signal(signal.SIGINT)
    child.wait(timeout=30)
    reader.join(timeout=5)
    return Run(finished - started, cpu, hwm / 1024, changes)


# -- rows ---------------------------------------------------------------------------------

def row_noise(repeat: int) -> None:
    """#17: peak RSS at 0.5M, 2M and 4M healthy JSONL lines (--jobs 1), lines that teach nothing
    (skip) and turn lifecycles of ever new runs (mixed); the console form's time."""
    print("noise: healthy traffic, scan --jobs 1 --no-redact; 'mixed' is 70 % skippable lines and 30 % turn "
          "lifecycles (a new run id every 7 lines), 'skip' only lines the fast path skips")
    for lines, shape, mix in ((500_000, "jsonl", "skip"), (2_000_000, "jsonl", "skip"), (500_000, "jsonl", "mixed"),
                              (2_000_000, "jsonl", "mixed"), (4_000_000, "jsonl", "mixed"),
                              (2_000_000, "console", "mixed")):
        name = f"noise-{lines}-{shape}" + ("" if mix == "mixed" else f"-{mix}")
        log = stress_log(name, "noise", "--lines", str(lines), "--shape", shape, "--mix", mix)
        label = f"{lines:,} {shape} lines, {mix}"
        print(repeated(lambda log=log: scan(log, "--jobs", "1", "--no-redact"), repeat).row(label), flush=True)


def row_stalls(repeat: int) -> None:
    """#17: 100, 800 and 5,000 concurrent stalls, default settings (redacted) and --no-redact."""
    print("stalls: K sessions stalled at once, 8 warnings each, then recovered")
    for concurrent in (100, 800, 5000):
        log = stress_log(f"stalls-{concurrent}", "stalls", "--concurrent", str(concurrent))
        for extra in ((), ("--no-redact",)):
            label = f"{concurrent:,} concurrent stalls {' '.join(extra) or 'default'}"
            print(repeated(lambda log=log, extra=extra: scan(log, *extra), repeat).row(label), flush=True)


def row_cap(repeat: int) -> None:
    """#17: --max-open-incidents 100 against the default cap with 1,000 and 10,000 concurrent stalls."""
    print("cap: concurrent stalls with the default cap (10,000) and --max-open-incidents 100, --no-redact")
    for concurrent in (1000, 10_000):
        log = stress_log(f"stalls-{concurrent}", "stalls", "--concurrent", str(concurrent))
        for extra in ((), ("--max-open-incidents", "100")):
            label = f"{concurrent:,} stalls, cap {extra[1] if extra else 'default'}"
            print(repeated(lambda log=log, extra=extra: scan(log, "--no-redact", *extra), repeat).row(label), flush=True)


def row_incidents(repeat: int) -> None:
    """#14: 10k and 30k incidents (rounds of 1,000 concurrent stalls): time and peak RSS."""
    print("incidents: rounds of 1,000 concurrent stalls, one after the other")
    for rounds in (10, 30):
        log = stress_log(f"incidents-{rounds}k", "stalls", "--concurrent", "1000", "--rounds", str(rounds))
        for extra in (("--no-redact",), ()):
            label = f"{rounds}k incidents {' '.join(extra) or 'default (redacted)'}"
            print(repeated(lambda log=log, extra=extra: scan(log, *extra), repeat).row(label), flush=True)


def row_sessions(repeat: int) -> None:
    """#14: a log of 1M sessions, one healthy turn each (7M lines)."""
    print("sessions: 1,000,000 sessions, one healthy turn each, scan --jobs 1 --no-redact")
    log = stress_log("sessions-1M", "sessions", "--sessions", "1000000")
    print(repeated(lambda: scan(log, "--jobs", "1", "--no-redact"), repeat).row("1M sessions"), flush=True)


def row_watch(repeat: int) -> None:
    """#17: a 1M-line backlog read by watch --from-start, with and without redaction."""
    print("watch: --from-start over a 1M-line healthy backlog (a burst between two polls reads the same way)")
    log = stress_log("noise-1000000-jsonl", "noise", "--lines", "1000000", "--shape", "jsonl", "--mix", "mixed")
    for extra in (("--no-redact",), ()):
        label = f"1M-line backlog {' '.join(extra) or 'default (redacted)'}"
        print(repeated(lambda extra=extra: watch(log, *extra), repeat).row(label).replace("incidents", "changes"),
              flush=True)
    print("watch: --from-start over 3,000 concurrent stalls (each opens, escalates and closes)")
    log = stress_log("stalls-3000", "stalls", "--concurrent", "3000")
    for extra in (("--no-redact",), ()):
        label = f"3,000 stalls {' '.join(extra) or 'default (redacted)'}"
        print(repeated(lambda extra=extra: watch(log, *extra), repeat).row(label).replace("incidents", "changes"),
              flush=True)


ROWS: dict[str, Callable[[int], None]] = {
    "noise": row_noise, "stalls": row_stalls, "cap": row_cap, "incidents": row_incidents,
    "sessions": row_sessions, "watch": row_watch,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="rows: " + "; ".join(f"{n}: {f.__doc__}" for n, f in ROWS.items()))
    parser.add_argument("rows", nargs="*", metavar="ROW")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    unknown = sorted(set(args.rows) - set(ROWS))
    if unknown:
        parser.error(f"unknown row {', '.join(unknown)} (rows: {', '.join(ROWS)})")
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(HERE.parent / "stuckscan")], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"{time.strftime('%Y-%m-%d %H:%M')}  Python {sys.version.split()[0]}  {os.cpu_count()} cores", flush=True)
    for name in args.rows or ROWS:
        ROWS[name](args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
