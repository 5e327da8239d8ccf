"""Making untrusted log text inert before it reaches a terminal."""

from __future__ import annotations

import re

# CSI, OSC (incl. OSC 8 hyperlinks, terminated by BEL or ST), and other two-byte escapes.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_]?)|\x9b[0-?]*[ -/]*[@-~]?|\x9d[^\x07]*\x07?")
# C0/C1 controls, line/paragraph separators, bidi overrides and isolates, zero-width and
# invisible formatting characters, the BOM and non-characters.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069"
    "\ufeff\ufff9-\ufffb\ufffe\uffff]"
)


def terminal_safe(text: str) -> str:
    """Remove escape sequences and control characters (tabs and newlines become spaces)."""
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = _ESCAPES.sub("", text)
    text = text.replace("\t", " ").replace("\n", " ")
    return _CONTROLS.sub("", text)
