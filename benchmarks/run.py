#!/usr/bin/env python3
"""Measure stuckscan against the I/O floor and the plain ``json.loads`` loop.

    python3 benchmarks/run.py SIZE [--repeat N] [--profile busy|turns] [--no-parallel] [--no-docs]

Generates (or reuses) ``benchmarks/data/gateway-<profile>-<SIZE>.log`` with
``benchmarks/make_log.py``, reads it once to warm the page cache, precompiles the
package's bytecode (``python -m compileall``: it writes ``.pyc`` files even when
``PYTHONDONTWRITEBYTECODE`` is set, and the interpreter reads them when present, so each
run starts like an installed package instead of recompiling every module), then runs
each of these ``--repeat`` times as a child process (interleaved: one of each per round)
and reports the median wall time, MB/s, and the child's peak RSS (``/usr/bin/time -f
%M``, else ``os.wait4``), with the load average seen during the runs:

* ``stuckscan scan FILE --format json`` (the CLI end to end, with its default ``--jobs``: a
  large gateway file is read in parallel parts);
* the scan fast path, ``stuckscan.parallel.analyze_paths_fast`` rendered with the same
  JSON formatter, with one job (the one-core figure);
* ``wc -l FILE`` (the I/O floor) and ``LC_ALL=C grep -c -E 'stalled session|stuck
  session|handshake timeout' FILE`` (what a user would type);
* a plain Python loop that ``json.loads`` every line and checks its message for those
  phrases (the straightforward approach other tools take).

It checks that both stuckscan reports name every planted incident (``OUT.planted.json``)
and that they are the same report, and, unless ``--no-parallel``, measures the fast path
on four files of SIZE/4 with one job and with one job per core. The table goes to stdout
and into ``docs/performance.md`` (the section marked for this profile and size).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
DOC = ROOT / "docs" / "performance.md"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import make_log  # noqa: E402

PATTERN = "stalled session|stuck session|handshake timeout"

FAST_SCRIPT = """
import sys
from stuckscan.formats import RenderOptions, parse_fail_on, render
from stuckscan.parallel import analyze_paths_fast
paths, jobs, out = sys.argv[1].split("\\n"), int(sys.argv[2]), sys.argv[3]
analysis = analyze_paths_fast(paths, jobs=jobs, min_bytes=0)
with open(out, "w", encoding="utf-8") as handle:
    handle.write(render("json", analysis, RenderOptions(redact=False, fail_on=parse_fail_on("never"))))
"""

JSON_LOOP = """
import json, sys
phrases = ("stalled session", "stuck session", "handshake timeout")
count = 0
with open(sys.argv[1], encoding="utf-8", errors="replace") as handle:
    for line in handle:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        message = record.get("message")
        if not isinstance(message, str):
            message = " ".join(v for k, v in record.items() if k.isdigit() and isinstance(v, str))
        if any(phrase in message for phrase in phrases):
            count += 1
print(count)
"""


@dataclass
class Result:
    name: str
    seconds: list[float]
    rss_mb: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_rss(self) -> float:
        return max(self.rss_mb)


TIME = "/usr/bin/time"


def run_child(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and stdout of one child process.

    The peak RSS comes from ``/usr/bin/time -f %M`` when it is installed, else from
    ``os.wait4`` on the child (``getrusage`` of that one child).
    """
    with tempfile.TemporaryDirectory() as scratch:
        rss_path = Path(scratch) / "rss"
        use_time = os.path.exists(TIME)
        command = [TIME, "-f", "%M", "-o", str(rss_path), *argv] if use_time else argv
        with open(Path(scratch) / "stdout", "w+b") as out:
            started = time.perf_counter()
            child = subprocess.Popen(command, stdout=out, stdin=subprocess.DEVNULL, cwd=ROOT,
                                     env={**os.environ, **(env or {})})
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - started
            child.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            text = out.read().decode("utf-8", "replace")
        rss_kb = float(rss_path.read_text().split()[-1]) if use_time else float(usage.ru_maxrss)
    if child.returncode not in (0, 1):
        raise SystemExit(f"{argv[:4]}... exited with {child.returncode}")
    return elapsed, rss_kb / 1024.0, text


def measure(name: str, argv: list[str], repeat: int, env: dict[str, str] | None = None) -> tuple[Result, str]:
    result, text = Result(name, [], []), ""
    for _ in range(repeat):
        text = measure_once(result, argv, env)
    return result, text


def measure_once(result: Result, argv: list[str], env: dict[str, str] | None = None) -> str:
    seconds, rss, text = run_child(argv, env)
    result.seconds.append(seconds)
    result.rss_mb.append(rss)
    print(f"  {result.name}: {seconds:.2f} s, {rss:.0f} MB (load {os.getloadavg()[0]:.2f})", file=sys.stderr)
    LOADS.append(os.getloadavg()[0])
    return text


def interleaved(commands: list[tuple[str, list[str], dict[str, str] | None]], repeat: int) -> list[tuple[Result, str]]:
    """Each command once per round, ``repeat`` rounds: a busy spell on the machine hits all alike."""
    results = [(Result(name, [], []), "") for name, _, _ in commands]
    for _ in range(repeat):
        for index, (_, argv, env) in enumerate(commands):
            results[index] = (results[index][0], measure_once(results[index][0], argv, env))
    return results


LOADS: list[float] = []


def ensure_log(size: int, label: str, profile: str, seed: int = 6, suffix: str = "") -> tuple[Path, dict]:
    path = DATA / f"gateway-{profile}-{label}{suffix}.log"
    sidecar = Path(str(path) + ".planted.json")
    if path.exists() and sidecar.exists():
        planted = json.loads(sidecar.read_text())
        if planted.get("profile") == profile and planted.get("seed") == seed and planted.get("bytes") == path.stat().st_size \
                and abs(planted["bytes"] - size) < 64 << 20:
            return path, planted
    DATA.mkdir(parents=True, exist_ok=True)
    print(f"generating {path.name} ...", file=sys.stderr)
    # in a child process: this one stays small, so its children's RSS is theirs alone
    subprocess.run([sys.executable, str(HERE / "make_log.py"), str(size), str(path), "--profile", profile,
                    "--seed", str(seed), "-q"], check=True)
    return path, json.loads(sidecar.read_text())


def precompile() -> None:
    """Write the package's ``.pyc`` files, as ``pip install`` does.

    With ``PYTHONDONTWRITEBYTECODE`` set (as in many containers and CI images) nothing
    writes them, and every child process would recompile every stuckscan module: 0.05 to
    0.1 s of each run that an installed package does not spend. compileall writes them
    regardless of that variable; the children read them when present.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "stuckscan")], check=True,
                   stdout=subprocess.DEVNULL)


def warm(paths: list[Path]) -> None:
    for path in paths:
        with open(path, "rb") as handle:
            while handle.read(16 << 20):
                pass


def incident_keys(report: Path) -> set[str]:
    data = json.loads(report.read_text(encoding="utf-8"))
    return {i.get("sessionKey") for i in data.get("incidents", [])}


def comparable(report: Path) -> dict:
    data = json.loads(report.read_text(encoding="utf-8"))
    return {key: data.get(key) for key in ("inputs", "environment", "incidents", "episodes", "summary")}


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} cores{f' ({model})' if model else ''}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", help="log size, e.g. 100MB or 1GB")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", choices=make_log.PROFILES, default="busy")
    parser.add_argument("--no-parallel", action="store_true", help="skip the four-file --jobs measurement")
    parser.add_argument("--no-docs", action="store_true", help="do not update docs/performance.md")
    args = parser.parse_args(argv)
    size = make_log.parse_size(args.size)
    label = args.size.upper().replace(" ", "")
    log, planted = ensure_log(size, label, args.profile)
    mb = log.stat().st_size / 1e6
    warm([log])
    precompile()
    py = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        cli_out, fast_out = Path(scratch) / "cli.json", Path(scratch) / "fast.json"
        results: list[Result] = []
        (cli, _), (quick, _), (wc, _), (grep, grep_text), (loop, loop_text) = interleaved([
            (f"stuckscan scan (CLI, default --jobs {cores()})", [py, "-m", "stuckscan", "scan", str(log), "--format",
                                                               "json", "--no-redact",
                                            "--fail-on", "never", "-q", "-o", str(cli_out)], None),
            ("stuckscan fast path, 1 job", [py, "-c", FAST_SCRIPT, str(log), "1", str(fast_out)], None),
            ("wc -l", ["wc", "-l", str(log)], None),
            ("grep -c -E", ["grep", "-c", "-E", PATTERN, str(log)], {"LC_ALL": "C"}),
            ("json.loads loop", [py, "-c", JSON_LOOP, str(log)], None),
        ], args.repeat)
        results = [cli, quick, wc, grep, loop]
        wanted = {i["sessionKey"] for i in planted["incidents"]}
        found_cli, found_fast = wanted <= incident_keys(cli_out), wanted <= incident_keys(fast_out)
        same = comparable(cli_out) == comparable(fast_out)
        reported = len(json.loads(fast_out.read_text())["incidents"])
    parallel_rows = []
    if not args.no_parallel:
        quarter = size // 4
        files = [ensure_log(quarter, f"{label}-QUARTER", args.profile, seed, f"-{seed}")[0] for seed in (11, 12, 13, 14)]
        warm(files)
        joined = "\n".join(str(p) for p in files)
        jobs = cores()
        with tempfile.TemporaryDirectory() as scratch:
            (one, _), (many, _) = interleaved([
                ("fast path, 4 files, 1 job", [py, "-c", FAST_SCRIPT, joined, "1", f"{scratch}/a.json"], None),
                (f"fast path, 4 files, {jobs} jobs", [py, "-c", FAST_SCRIPT, joined, str(jobs), f"{scratch}/b.json"], None),
            ], args.repeat)
            same_parallel = comparable(Path(f"{scratch}/a.json")) == comparable(Path(f"{scratch}/b.json"))
        total = sum(p.stat().st_size for p in files) / 1e6
        parallel_rows = [(one, total), (many, total)]
    table = render(args, label, mb, planted, results, found_cli, found_fast, same, reported, grep_text, loop_text,
                   parallel_rows, same_parallel if parallel_rows else None)
    print(table)
    if not args.no_docs:
        update_doc(f"{args.profile}:{label}", table)
    return 0


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def render(args: argparse.Namespace, label: str, mb: float, planted: dict, results: list[Result], found_cli: bool,
           found_fast: bool, same: bool, reported: int, grep_text: str, loop_text: str,
           parallel_rows: list[tuple[Result, float]], same_parallel: bool | None) -> str:
    cli, quick, wc, grep, loop = results
    mix = planted["mix"]
    lines_total = planted["lines"]
    share = ", ".join(f"{key} {100 * value / lines_total:.1f} %" for key, value in sorted(mix.items(), key=lambda kv: -kv[1]))
    out = [
        f"#### Profile `{args.profile}`, {label} ({mb:,.0f} MB, {lines_total:,} lines)",
        "",
        f"Machine: {machine()}. Median of {args.repeat} interleaved runs each, file in the page cache; "
        f"{time.strftime('%Y-%m-%d')}. The machine was shared: 1-minute load average "
        f"{min(LOADS):.1f} to {max(LOADS):.1f} during the runs (2 would mean both cores busy).",
        f"Line mix: {share}.",
        "",
        "| command | median s | MB/s | peak RSS MB | stuckscan fast path vs this |",
        "|---|---:|---:|---:|---:|",
    ]
    for result in results:
        ratio = result.median / quick.median
        out.append(f"| {result.name} | {result.median:.2f} | {mb / result.median:,.0f} | {result.peak_rss:.0f} | "
                   f"{ratio:.2f}x |")
    out += [
        "",
        f"- Planted: {len(planted['incidents'])} stall incidents, {planted['handshakeTimeouts']} handshake timeouts. "
        f"Fast path reports {reported} incidents and finds every planted one: **{'yes' if found_fast else 'NO'}**; "
        f"CLI: **{'yes' if found_cli else 'NO'}**. Same report from both (inputs, incidents, episodes): "
        f"**{'yes' if same else 'NO'}**.",
        f"- `grep -c` counted {grep_text.strip()} matching lines, the json.loads loop {loop_text.strip()}.",
        f"- Fast path (one core) against the json.loads loop: **{loop.median / quick.median:.2f}x**; "
        f"against `wc -l`: {quick.median / wc.median:.1f}x slower. The CLI with its default `--jobs` "
        f"(a large gateway file is cut into parts read in parallel) against the json.loads loop: "
        f"{loop.median / cli.median:.2f}x.",
    ]
    if parallel_rows:
        (one, total), (many, _) = parallel_rows
        out += [
            "",
            f"Four files of {label}/4 ({total:,.0f} MB in all), fast path:",
            "",
            "| jobs | median s | MB/s | peak RSS MB (largest process) |",
            "|---|---:|---:|---:|",
            f"| 1 | {one.median:.2f} | {total / one.median:,.0f} | {one.peak_rss:.0f} |",
            f"| {many.name.split(', ')[-1].split()[0]} | {many.median:.2f} | {total / many.median:,.0f} | "
            f"{many.peak_rss:.0f} |",
            "",
            f"Speed-up {one.median / many.median:.2f}x; same report: **{'yes' if same_parallel else 'NO'}**.",
        ]
    return "\n".join(out)


def update_doc(key: str, table: str) -> None:
    begin, end = f"<!-- results:{key} -->", f"<!-- /results:{key} -->"
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n\n<!-- results:end -->\n"
    block = f"{begin}\n{table}\n{end}"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    elif "<!-- results:end -->" in text:
        text = text.replace("<!-- results:end -->", block + "\n\n<!-- results:end -->")
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
