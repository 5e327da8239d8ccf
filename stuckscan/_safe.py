"""Making untrusted log text inert before it reaches a terminal."""

from __future__ import annotations

import re

# CSI, OSC (incl. OSC 8 hyperlinks, terminated by BEL or ST), and other two-byte escapes.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_]?)|\x9b[0-?]*[ -/]*[@-~]?|\x9d[^\x07]*\x07?")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Remove escape sequences and control characters (tabs and newlines become spaces)."""
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = _ESCAPES.sub("", text)
    text = text.replace("\t", " ").replace("\n", " ")
    return _CONTROLS.sub("", text)
