"""Coverage-guided fuzzing of the parser (and the correlator and classifier behind it).

One input is a byte string: it is cut into lines exactly as a log file is, parsed as the
day file ``openclaw-2026-05-21.log``, correlated and classified, and the JSON report is
rendered. Any exception is a finding, and so is an input that takes longer than the
per-input timeout (catastrophic backtracking).

With atheris (Linux x86_64, ``pip install atheris``) the run is coverage-guided by
libFuzzer; without it, hypothesis generates inputs from the same seed lines (random,
not coverage-guided). Both stop after ``--seconds``::

    python -m fuzz.parse_target --seconds 60                 # what CI runs
    python -m fuzz.parse_target --seconds 3600 --corpus fuzz-corpus
    python -m fuzz.parse_target --engine hypothesis --seconds 60
    python -m fuzz.parse_target --reproduce crash-<sha1>     # re-run one input, with its traceback

Exit status 0 when nothing was found, 1 with the crashing input saved (libFuzzer writes
``crash-*``/``timeout-*`` files in the working directory, or ``--artifacts DIR``).
Problems already known and tracked by strict xfail tests are listed in
:data:`fuzz.known_issues.KNOWN_ISSUES` and are not findings; remove an entry once fixed.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date, timezone
from pathlib import Path

SEEDS = Path(__file__).resolve().parent / "seeds"
MAX_INPUT = 64 * 1024


def _load_pipeline() -> Callable[[bytes], None]:
    from stuckscan.analysis import build_analysis
    from stuckscan.correlator import Correlator, CorrelatorLimits
    from stuckscan.formats import RenderOptions, render
    from stuckscan.inputs import iter_raw_lines
    from stuckscan.parser import ParseOptions, ParseStats, parse_lines

    options = ParseOptions(date=date(2026, 5, 21), tz=timezone.utc, max_line_bytes=16 * 1024)
    limits = CorrelatorLimits(max_open_incidents=8, identity_capacity=64, history_sessions=16)

    def pipeline(data: bytes) -> None:
        stats = ParseStats()
        lines = iter_raw_lines(io.BytesIO(data), "fuzz", options.max_line_bytes)
        events = parse_lines(lines, "openclaw-2026-05-21.log", options, stats)
        analysis = build_analysis(Correlator(limits).feed_all(events), stats)
        render("json", analysis, RenderOptions())

    return pipeline


def one_input(data: bytes, pipeline: Callable[[bytes], None]) -> None:
    """Run one input; known issues are swallowed, anything else propagates."""
    from fuzz.known_issues import is_known

    try:
        pipeline(data)
    except Exception as error:
        if not is_known(error):
            raise


def seed_inputs() -> list[bytes]:
    return [path.read_bytes() for path in sorted(SEEDS.glob("*")) if path.is_file()]


# -- atheris (coverage-guided) -------------------------------------------------------------------


def run_atheris(seconds: int, corpus: Path | None, artifacts: Path | None, timeout: int, seed: int,
                verbose: bool = False) -> int:
    import atheris

    with atheris.instrument_imports(include=["stuckscan"]):
        pipeline = _load_pipeline()

    def test_one_input(data: bytes) -> None:
        one_input(data, pipeline)

    work = corpus or Path(tempfile.mkdtemp(prefix="stuckscan-fuzz-"))
    work.mkdir(parents=True, exist_ok=True)
    args = [sys.argv[0], f"-max_total_time={seconds}", f"-timeout={timeout}", f"-max_len={MAX_INPUT}",
            f"-seed={seed}", "-rss_limit_mb=4096", "-print_final_stats=1"]
    if not verbose:
        args.append("-verbosity=0")  # no line per new input; findings are still reported in full
    if artifacts is not None:
        artifacts.mkdir(parents=True, exist_ok=True)
        args.append(f"-artifact_prefix={artifacts}/")
    args += [str(work), str(SEEDS)]  # new inputs go to the first directory; the seeds are only read
    atheris.Setup(args, test_one_input)
    try:
        atheris.Fuzz()  # exits the process: non-zero on a finding
    finally:
        if corpus is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


# -- hypothesis (random, when atheris is not available) ---------------------------------------------


def run_hypothesis(seconds: int, seed: int) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st

    pipeline = _load_pipeline()
    seeds = seed_inputs()
    lines = [line for blob in seeds for line in blob.split(b"\n") if line]

    def mutate(line: bytes, cut: int, insert: bytes) -> bytes:
        point = cut % (len(line) + 1)
        return line[:point] + insert + line[point:]

    line_strategy = st.one_of(
        st.sampled_from(lines),
        st.builds(mutate, st.sampled_from(lines), st.integers(0, 4096), st.binary(max_size=40)),
        st.binary(max_size=200),
        st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")),
    )
    inputs = st.lists(line_strategy, max_size=40).map(b"\n".join)
    runs = [0]

    def batch(number: int) -> None:
        @hypothesis_seed(seed + number)
        @settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(inputs)
        def fuzz(data: bytes) -> None:
            runs[0] += 1
            one_input(data, pipeline)

        fuzz()

    started = time.monotonic()
    number = 0
    try:
        while time.monotonic() - started < seconds:
            batch(number)
            number += 1
    except Exception:
        traceback.print_exc()
        print(f"fuzz (hypothesis): finding after {runs[0]} inputs (the input is shown above)", file=sys.stderr)
        return 1
    print(f"fuzz (hypothesis): {runs[0]} inputs in {time.monotonic() - started:.0f} s, nothing found", file=sys.stderr)
    return 0


def reproduce(path: Path) -> int:
    pipeline = _load_pipeline()
    data = path.read_bytes()
    try:
        pipeline(data)
    except Exception:
        traceback.print_exc()
        from fuzz.known_issues import describe

        print(describe(sys.exc_info()[1]), file=sys.stderr)
        return 1
    print(f"{path}: no exception", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long to fuzz (default 60)")
    parser.add_argument("--engine", choices=["auto", "atheris", "hypothesis"], default="auto")
    parser.add_argument("--corpus", type=Path, help="keep the inputs libFuzzer finds interesting here")
    parser.add_argument("--artifacts", type=Path, help="where libFuzzer writes crash-*/timeout-* inputs")
    parser.add_argument("--timeout", type=int, default=10, help="seconds one input may take (atheris)")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("STUCKSCAN_FUZZ_SEED", "1")))
    parser.add_argument("--reproduce", type=Path, help="run one saved input and show its traceback")
    parser.add_argument("--verbose", action="store_true", help="libFuzzer's line per new input")
    args = parser.parse_args(argv)
    if args.reproduce is not None:
        return reproduce(args.reproduce)
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
        except ImportError:
            engine = "hypothesis"
        else:
            engine = "atheris"
    print(f"fuzz: {engine} for {args.seconds} s", file=sys.stderr)
    if engine == "atheris":
        return run_atheris(args.seconds, args.corpus, args.artifacts, args.timeout, args.seed, args.verbose)
    return run_hypothesis(args.seconds, args.seed)


if __name__ == "__main__":
    sys.exit(main())
