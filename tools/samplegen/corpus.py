"""Collects generated files (content + one-line description) and writes them."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Output:
    path: str                      # relative to the sample_logs directory
    content: str
    description: str
    broken_lines: tuple[int, ...] = ()   # 1-based lines deliberately not valid JSON


@dataclass
class Corpus:
    files: list[Output] = field(default_factory=list)

    def add(self, path: str, content: str, description: str,
            broken_lines: tuple[int, ...] = ()) -> None:
        if any(f.path == path for f in self.files):
            raise ValueError(f"duplicate output {path}")
        self.files.append(Output(path, content, description, broken_lines))

    def add_json(self, path: str, obj: dict, description: str) -> None:
        self.add(path, json.dumps(obj, indent=2, ensure_ascii=False) + "\n", description)

    def write(self, root: Path) -> list[Path]:
        written = []
        for out in self.files:
            target = root / out.path
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(out.content)
            written.append(target)
        return written

    def broken(self) -> dict[str, tuple[int, ...]]:
        return {f.path: f.broken_lines for f in self.files if f.broken_lines}
