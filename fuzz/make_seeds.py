"""Write the fuzzer's seed inputs (fuzz/seeds/) from sample_logs: every line shape and
the lines the correlator acts on, a few kilobytes each.

    python -m fuzz.make_seeds
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from stuckscan.parser import ParseOptions, ParseStats, parse_path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(__file__).resolve().parent / "seeds"
MAX_SEED = 4 * 1024


def interesting_lines(path: Path) -> list[bytes]:
    raw = path.read_bytes().split(b"\n")
    keep: list[bytes] = raw[:3]
    seen: set[str] = set()
    for event in parse_path(str(path), ParseOptions(), ParseStats()):
        if event.kind in seen or event.kind == "generic":
            continue
        seen.add(event.kind)
        keep.append(raw[event.line - 1])
    return keep


def main() -> None:
    SEEDS.mkdir(exist_ok=True)
    for old in SEEDS.glob("*"):
        old.unlink()
    sources = sorted((ROOT / "sample_logs" / "shapes").glob("*")) + sorted((ROOT / "sample_logs" / "rules").glob("*.log")) \
        + [ROOT / "sample_logs" / "hostile" / "hostile.log", ROOT / "sample_logs" / "openclaw-2026-05-21.log"]
    written = 0
    for source in sources:
        chunk: list[bytes] = []  # one seed per source: its first lines and one line of each kind, up to MAX_SEED
        for line in interesting_lines(source):
            if sum(len(part) + 1 for part in chunk) + len(line) <= MAX_SEED:
                chunk.append(line)
        if chunk:
            written += _write(chunk)
    print(f"{written} seed files in {SEEDS}")


def _write(lines: list[bytes]) -> int:
    data = b"\n".join(lines) + b"\n"
    name = hashlib.sha1(data).hexdigest()[:16]
    (SEEDS / name).write_bytes(data)
    return 1


if __name__ == "__main__":
    main()
