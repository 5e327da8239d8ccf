"""The composite GitHub Action (action.yml): its inputs, and no input spliced into a shell script."""

from __future__ import annotations

import re
from pathlib import Path

ACTION = Path(__file__).resolve().parent.parent / "action.yml"


def run_blocks(text: str) -> list[str]:
    """The body of every ``run: |`` block (the lines indented deeper than ``run:``)."""
    blocks: list[str] = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        match = re.match(r"^(\s*)run:\s*(\|)?\s*(.*)$", line)
        if not match:
            continue
        if not match.group(2):
            blocks.append(match.group(3))
            continue
        indent = len(match.group(1))
        body = []
        for following in lines[index + 1:]:
            if following.strip() and len(following) - len(following.lstrip()) <= indent:
                break
            body.append(following)
        blocks.append("\n".join(body))
    return blocks


def test_action_declares_the_inputs_and_runs_as_a_composite() -> None:
    text = ACTION.read_text(encoding="utf-8")
    assert re.search(r"^runs:\n  using: composite$", text, re.MULTILINE)
    for name in ("paths", "fail-on", "format", "config", "upload-sarif"):
        assert re.search(rf"^  {re.escape(name)}:$", text, re.MULTILINE), name
    assert "github/codeql-action/upload-sarif@" in text and "actions/setup-python@" in text
    assert "stuckscan scan $STUCKSCAN_PATHS" in text and "--format sarif" in text


def test_no_input_is_spliced_into_a_shell_script() -> None:
    blocks = run_blocks(ACTION.read_text(encoding="utf-8"))
    assert len(blocks) >= 3
    for body in blocks:
        assert "${{" not in body, body
