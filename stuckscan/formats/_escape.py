"""Making untrusted text inert in each output format.

Every string that came from a log (evidence text, session keys, ids, file names, and
any sentence the classifier built around them) passes through one of these helpers
before it reaches an output. Each helper first calls :func:`clean`, which removes
escape sequences, control characters and invisible or direction-changing characters;
the format-specific part then escapes what that format would interpret.
"""

from __future__ import annotations

import re

from stuckscan._lazy_pattern import LazyPattern
from stuckscan._safe import terminal_safe

# Characters terminal_safe keeps but no report should carry: zero-width and bidi marks,
# the BOM, interlinear annotation, Unicode noncharacters and lone surrogates.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u2060-\u2064\ufeff\ufff9-\ufffb\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)
# Characters XML 1.0 does not allow at all (even escaped). Compiled on first use (only JUnit output needs it): its
# charset is most of Unicode, about 3 ms to compile, a tenth of the text patterns a pasted fragment's scan compiles.
_XML_INVALID = LazyPattern("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BACKTICK_RUN = re.compile(r"`+")
_MERMAID_UNSAFE = re.compile(r"[^A-Za-z0-9 _.,\-]+")
_SPACES = re.compile(r" {2,}")
_LINE_BREAKS = re.compile(r"[\t\n\r\v\f]")

ELLIPSIS = "\u2026"


def clean(text: str) -> str:
    """One line of display text: no escape sequences, controls or invisible characters."""
    return _INVISIBLE.sub("", terminal_safe(text))


def clean_lines(text: str) -> str:
    """Like :func:`clean` but keeps line breaks (``\\r\\n`` and ``\\r`` become ``\\n``)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(clean(line) for line in lines)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, marking the cut with an ellipsis."""
    if limit < 1:
        return ""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS


# -- Markdown (CommonMark + GitHub Flavored Markdown) ---------------------------------

# Backslash-escape the ASCII punctuation Markdown or GFM acts on anywhere in a line
# (emphasis, code, links, tables, strikethrough, math); HTML-significant characters
# become entities. `@` and `#` get a zero-width space so GitHub does not turn log text
# into @mentions or issue references (its reference filter sees the text after
# escapes are resolved, so a backslash would not stop it).
_MARKDOWN_ESCAPES: dict[int, str] = {ord(char): "\\" + char for char in "\\`*_[]|~$"}
_MARKDOWN_ESCAPES.update({
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord("@"): "@&#8203;",
    ord("#"): "\\#&#8203;",
})
# Block syntax only counts at the start of a line (or of a list item's content).
_LEADING_BLOCK_MARKER = re.compile(r"^(?:[-+=*]|\d{1,9}[.)])")
# GFM turns bare `https://...` and `www.` into links; a backslash stops both triggers.
_AUTOLINK_TRIGGERS = re.compile(r"(?i)(?<=[a-z])(?=://)|(?<=\bwww)(?=\.)")
_CODE_SPAN = re.compile(r"(`[^`\n]+`)")


def markdown_text(text: str) -> str:
    """Untrusted text as inline Markdown that renders literally: no HTML, links,
    autolinks, emphasis, mentions or block syntax, wherever it is placed."""
    escaped = clean(text).translate(_MARKDOWN_ESCAPES)
    escaped = _AUTOLINK_TRIGGERS.sub("\\\\", escaped)
    return _LEADING_BLOCK_MARKER.sub(_escape_block_marker, escaped, count=1)


def _escape_block_marker(match: re.Match[str]) -> str:
    marker = match.group(0)
    return marker[:-1] + "\\" + marker[-1]


def markdown_prose(text: str, in_table: bool = False) -> str:
    """A sentence that may quote log values in backticks (classifier summaries, fixes):
    each backtick-quoted part becomes a safe code span, the rest is escaped text."""
    parts = _CODE_SPAN.split(clean(text))
    return "".join(
        markdown_code(part[1:-1], in_table) if index % 2 else markdown_text(part)
        for index, part in enumerate(parts)
    )


def longest_backtick_run(text: str) -> int:
    return max((len(run) for run in _BACKTICK_RUN.findall(text)), default=0)


def markdown_code(text: str, in_table: bool = False) -> str:
    """Untrusted text as an inline code span; its delimiter outgrows any backtick run inside.

    In a GFM table cell ``|`` must still be escaped (GFM unescapes ``\\|`` inside code spans).
    """
    content = clean(text)
    if not content.strip():
        return markdown_text(content) or "\u2014"
    fence = "`" * (longest_backtick_run(content) + 1)
    if content.startswith("`") or content.endswith("`") or (content.startswith(" ") and content.endswith(" ")):
        content = f" {content} "
    if in_table:
        content = content.replace("|", "\\|")
    return f"{fence}{content}{fence}"


def code_fence_for(text: str) -> str:
    """A backtick fence longer than any backtick run in ``text`` (at least three)."""
    return "`" * max(3, longest_backtick_run(text) + 1)


def markdown_code_block(text: str, info: str = "text") -> str:
    """A fenced code block holding ``text`` literally, whatever backtick runs it contains."""
    body = clean_lines(text)
    fence = code_fence_for(body)
    return f"{fence}{info}\n{body}\n{fence}"


# -- Mermaid --------------------------------------------------------------------------


def mermaid_label(text: str, limit: int = 60, fallback: str = "item") -> str:
    """A gantt title, section or task label that keeps its meaning and cannot be syntax.

    ``[A-Za-z0-9 _.,-]`` stay as they are; every other character (``:``, ``#``, ``;``,
    ``%``, quotes, brackets, ``<``, non-ASCII) becomes a Mermaid entity code such as
    ``#58;``, which Mermaid replaces before it parses and shows as the character. A
    label therefore never holds a character the gantt grammar acts on. Callers start a
    label with a word of their own: Mermaid reads keywords (``click``, ``section``,
    ``title``...) at the start of a line.
    """
    label = _SPACES.sub(" ", _LINE_BREAKS.sub(" ", clean(text))).strip()
    label = shorten(label, limit)
    return _MERMAID_UNSAFE.sub(_mermaid_entities, label) or fallback


def _mermaid_entities(match: re.Match[str]) -> str:
    return "".join(f"#{ord(char)};" for char in match.group(0))


# -- GitHub Actions workflow commands -------------------------------------------------


def github_data(text: str) -> str:
    """The message part of a workflow command, escaped as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value (``file=``, ``title=``) of a workflow command."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# -- XML (JUnit) ----------------------------------------------------------------------


def xml_safe(text: str) -> str:
    """Text XML 1.0 can carry: characters it forbids are dropped (escaping is ElementTree's job)."""
    return _XML_INVALID.sub("", text)


def xml_text(text: str, keep_newlines: bool = False) -> str:
    """Untrusted text for a JUnit attribute or element: cleaned, then XML-safe."""
    return xml_safe(clean_lines(text) if keep_newlines else clean(text))
