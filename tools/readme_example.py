"""Regenerate the example output in README.md from the real command.

    python -m tools.readme_example          # rewrite the block after "$ stuckscan ..."
    python -m tools.readme_example --check  # exit 1 when the README is out of date

The example is rendered at 80 columns without colour, as ``tests/test_cli_output.py``
checks it.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
EXAMPLE = re.compile(r"(```\n\$ (?P<command>stuckscan [^\n]+)\n)(?P<output>.*?)(```)", re.S)
ENVIRONMENT = {"COLUMNS": "80", "NO_COLOR": "1"}


def render(command: str) -> str:
    """What ``command`` prints at 80 columns, run from the repository root."""
    result = subprocess.run([sys.executable, "-m", "stuckscan", *command.split()[1:]], cwd=ROOT, capture_output=True,
                            text=True, env={**os.environ, **ENVIRONMENT}, timeout=120, check=False)
    return result.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the README is up to date")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    match = EXAMPLE.search(text)
    if match is None:
        print("README.md: no example block (```\\n$ stuckscan ...)", file=sys.stderr)
        return 2
    fresh = render(match["command"])
    if fresh == match["output"]:
        return 0
    if args.check:
        print("README.md: the example output is out of date (python -m tools.readme_example)", file=sys.stderr)
        return 1
    README.write_text(text[: match.start("output")] + fresh + text[match.end("output"):], encoding="utf-8")
    print(f"README.md: example regenerated from `{match['command']}`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
