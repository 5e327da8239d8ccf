"""``python -m tools.samplegen [--out DIR] [--list]``: regenerate ``sample_logs/``."""
from __future__ import annotations

import argparse
import sys

from .generate import SAMPLE_DIR, build_corpus, generate_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.samplegen",
                                     description="Regenerate the OpenClaw sample log corpus.")
    parser.add_argument("--out", default=str(SAMPLE_DIR),
                        help="output directory (default: the repository's sample_logs/)")
    parser.add_argument("--list", action="store_true", help="list the files and exit")
    args = parser.parse_args(argv)
    if args.list:
        for out in build_corpus().files:
            print(f"{out.path}\t{out.description}")
        return 0
    corpus = generate_all(args.out)
    print(f"wrote {len(corpus.files)} files under {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
