#!/usr/bin/env python3
"""Measure redaction against the number of incidents in a log.

    python3 benchmarks/redaction.py [--incidents 100 1000 10000] [--watch 3000] [--repeat N] [--no-docs]

For each count N it writes (or reuses) ``benchmarks/data/redaction-<N>.log``: a gateway
JSONL log of N stall incidents, each on a session of its own (Telegram chat ids,
WhatsApp phone numbers, Discord snowflakes in rotation), each with an error line that
quotes an e-mail address, a home directory, a Windows profile path and an IP address of
its own; so every incident adds new values the redactor must remember and mask again
wherever they reappear. The log is read and analysed once; then these are timed (median
of ``--repeat`` runs, in this process):

* ``redact_analysis`` of the whole analysis (what every report format does by default);
* rendering the JSON report with redaction and with ``--no-redact``, for the ratio.

``--watch M`` also replays ``redaction-<M>.log`` through the watch loop (``run_watch``,
the follower reading the file from its start, JSONL output to a null stream), with
redaction and without (``--repeat`` times each, interleaved), and reports the median
times and their ratio.

The table goes to stdout and, unless ``--no-docs``, into the redaction section of
``docs/performance.md`` (between its ``redaction-benchmark`` markers).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import statistics
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
DOC = ROOT / "docs" / "performance.md"
BEGIN_MARK = "<!-- redaction-benchmark:begin -->"
END_MARK = "<!-- redaction-benchmark:end -->"
sys.path.insert(0, str(HERE))
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after site-packages: a PYTHONPATH checkout is measured when given

import make_log  # noqa: E402

from tools.samplegen import flows  # noqa: E402
from tools.samplegen.clock import secs  # noqa: E402
from tools.samplegen.records import jsonl_line  # noqa: E402
from tools.samplegen.timeline import Timeline  # noqa: E402

SPACING = timedelta(seconds=40)  # between incident starts: a few dozen are open at once


def _session(tl: Timeline, index: int) -> flows.Session:
    kind = index % 3
    if kind == 0:
        return flows.telegram(tl, str(6_000_000_000 + index * 7919), first_msg=100 + index % 800)
    if kind == 1:
        return flows.whatsapp(tl, f"+4915{index:09d}")
    return flows.discord(tl, str(1_371_964_406_528_393_237 + index * 104_729))


def _personal_line(tl: Timeline, session: flows.Session, index: int, at: datetime) -> None:
    """A lane error on the incident's session (so the report quotes it) naming four values of its own."""
    tl.diag(at, "error", f"lane task error: lane={session.lane} durationMs={10_000 + index % 5000} error=\"tool exec failed "
            f"for user{index}@mail.example.org: ENOENT /Users/user{index}/.openclaw/workspace/x.md (copied from "
            f"C:\\\\Users\\\\Owner{index}\\\\Documents) via 198.51.{index // 250 % 250}.{index % 250 + 1}\"")


CHUNK = 50  # incidents simulated on one samplegen timeline (its bookkeeping is quadratic in its length)


def write_log(path: Path, incidents: int, seed: int = 7) -> None:
    """``incidents`` stall incidents, one session each, written in time order."""
    lines: list[tuple[datetime, int, int, str]] = []
    for first in range(0, incidents, CHUNK):
        tl = Timeline(make_log.BUILD, make_log.TZ, seed * 1_000_003 + first)
        for index in range(first, min(first + CHUNK, incidents)):
            at = make_log.START + index * SPACING
            session = _session(tl, index)
            if index % 3 == 2:
                make_log._stuck(tl, session, at)
            else:
                make_log._stall(tl, session, at)
            _personal_line(tl, session, index, at + secs(200))  # while the session is stuck
        lines.extend((event.at, first, event.seq, jsonl_line(event, make_log.BUILD, make_log.TZ)) for event in tl.ordered())
    lines.sort()
    DATA.mkdir(exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as handle:
        handle.writelines(line + "\n" for *_, line in lines)
    partial.replace(path)


def log_for(incidents: int) -> Path:
    path = DATA / f"redaction-{incidents}.log"
    if not path.exists():
        print(f"writing {path.name} ...", file=sys.stderr)
        write_log(path, incidents)
    return path


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure_report(incidents: int, repeat: int) -> dict[str, float]:
    from stuckscan.analysis import analyze_paths
    from stuckscan.formats import RenderOptions, parse_fail_on, render
    from stuckscan.redact import redact_analysis

    analysis = analyze_paths([str(log_for(incidents))])
    found = len(analysis.incidents)
    never = parse_fail_on("never")
    redact_analysis(analyze_paths([str(ROOT / "sample_logs" / "hostile" / "hostile.log")]))  # import and compile first
    redacted = median_seconds(lambda: redact_analysis(analysis), repeat)
    with_redaction = median_seconds(lambda: render("json", analysis, RenderOptions(redact=True, fail_on=never)), repeat)
    without = median_seconds(lambda: render("json", analysis, RenderOptions(redact=False, fail_on=never)), repeat)
    return {"incidents": found, "redact": redacted, "json": with_redaction, "json_raw": without}


@contextlib.contextmanager
def _stdout_to_null() -> Iterator[None]:
    saved = sys.stdout
    sys.stdout = io.TextIOWrapper(open(os.devnull, "wb"), encoding="utf-8")  # noqa: SIM115
    try:
        yield
    finally:
        sys.stdout.close()
        sys.stdout = saved


def watch_seconds(path: Path, redact: bool) -> tuple[float, Counter[str]]:
    from stuckscan.commands.watch import IncidentPrinter, run_watch
    from stuckscan.follow import Follower
    from stuckscan.parser import ParseOptions

    stop = threading.Event()

    def sleep(_seconds: float) -> None:
        stop.set()  # the first idle poll: the whole file has been read

    follower = Follower(str(path), 0.01, from_start=True, stop=stop)
    printer = IncidentPrinter("jsonl", None, redact=redact)
    started = time.perf_counter()
    with _stdout_to_null():
        run_watch(follower, ParseOptions(), printer, sleep=sleep)
    return time.perf_counter() - started, printer.counts


def measure_watch(incidents: int, repeat: int) -> dict[str, float]:
    """Median of ``repeat`` replays each way, interleaved (so a load change hits both)."""
    path = log_for(incidents)
    raw, redacted = [], []
    counts: Counter[str] = Counter()
    for _ in range(repeat):
        seconds, counts = watch_seconds(path, redact=False)
        raw.append(seconds)
        redacted.append(watch_seconds(path, redact=True)[0])
    return {"incidents": counts["opened"], "changes": sum(counts.values()), "watch": statistics.median(redacted),
            "watch_raw": statistics.median(raw)}


def table(reports: list[dict[str, float]], watches: list[dict[str, float]]) -> str:
    lines = [
        "| incidents | `redact_analysis` | per incident | JSON report, redacted | JSON report, `--no-redact` | ratio |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for row in reports:
        lines.append(f"| {row['incidents']:,.0f} | {row['redact']:.3f} s | {row['redact'] / row['incidents'] * 1000:.2f} ms "
                     f"| {row['json']:.3f} s | {row['json_raw']:.3f} s | {row['json'] / row['json_raw']:.2f}x |")
    if watches:
        lines += ["", "| `watch` over | changes | redacted | `--no-redact` | ratio |", "|---:|---:|---:|---:|---:|"]
        for row in watches:
            lines.append(f"| {row['incidents']:,.0f} incidents | {row['changes']:,.0f} | {row['watch']:.2f} s "
                         f"| {row['watch_raw']:.2f} s | {row['watch'] / row['watch_raw']:.2f}x |")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines += ["", f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
                  f"load average {load:.1f} at the end (`python3 benchmarks/redaction.py`)."]
    return "\n".join(lines)


def write_docs(text: str) -> None:
    document = DOC.read_text(encoding="utf-8")
    begin, end = document.find(BEGIN_MARK), document.find(END_MARK)
    if begin < 0 or end < begin:
        print(f"{DOC.name} has no redaction-benchmark markers: not updated", file=sys.stderr)
        return
    DOC.write_text(document[: begin + len(BEGIN_MARK)] + "\n" + text + "\n" + document[end:], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--incidents", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--watch", type=int, nargs="*", default=[3000], help="incident counts to replay through watch")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-docs", action="store_true", help="print the table only")
    args = parser.parse_args()
    reports = []
    for count in args.incidents:
        reports.append(measure_report(count, args.repeat))
        print(f"{count} incidents: {reports[-1]}", file=sys.stderr)
    watches = []
    for count in args.watch:
        watches.append(measure_watch(count, args.repeat))
        print(f"watch {count}: {watches[-1]}", file=sys.stderr)
    text = table(reports, watches)
    print(text)
    if not args.no_docs:
        write_docs(text)


if __name__ == "__main__":
    main()
