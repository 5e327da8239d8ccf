"""The formatter interface and the options every format receives."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo
from typing import TYPE_CHECKING, Protocol, TextIO

from stuckscan import __version__
from stuckscan._dataclass import dataclass
from stuckscan.model import Analysis, Severity

if TYPE_CHECKING:
    from stuckscan.redact import Redactor

FAIL_ON_NEVER = "never"
FAIL_ON_CHOICES = "error, warning, info, never"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render a report.

    ``fail_on`` is the severity threshold for CI (``None`` means never fail); it decides
    the exit code and which JUnit test cases fail. ``color`` is only read by the text
    views; ``width`` (``None``: the terminal's) by the text views too. ``base_dir`` is the directory file
    locations are made relative to (SARIF, GitHub annotations); ``None`` means the
    current directory. ``redactor`` is the one to redact with (one that has learned the
    whole, unfiltered input, or a keyed one); ``None`` means a fresh one per report.

    ``display_zone`` is the zone times are shown in by the views for people (``None``:
    the log's own offset when it prints one, else UTC; see
    :func:`~stuckscan.formats._report.display_zone`). ``verbose`` shows every fix,
    cause and evidence line; ``show_all`` shows every incident in full however many.
    """

    redact: bool = True
    color: bool = False
    width: int | None = None
    fail_on: Severity | None = Severity.ERROR
    tool_version: str = __version__
    base_dir: str | None = None
    redactor: Redactor | None = None
    display_zone: tzinfo | None = None
    verbose: bool = False
    show_all: bool = False


class Formatter(Protocol):
    """One output format: a name and a pure function from an analysis to text."""

    name: str

    def render(self, analysis: Analysis, options: RenderOptions) -> str: ...


def prepare(analysis: Analysis, options: RenderOptions) -> Analysis:
    """The analysis a formatter should read: redacted unless the user opted out."""
    if not options.redact:
        return analysis
    from stuckscan.redact import redact_analysis  # its patterns are only needed to redact

    return redact_analysis(analysis, options.redactor)


def parse_fail_on(value: str | None) -> Severity | None:
    """``--fail-on`` text (``error``, ``warning``, ``info``, ``never``) to a threshold."""
    if value is None:
        return None
    text = value.strip().lower()
    if text in (FAIL_ON_NEVER, "none", "off"):
        return None
    try:
        return Severity(text)
    except ValueError:
        raise ValueError(f"unknown severity {value!r} (choose from {FAIL_ON_CHOICES})") from None


def wants_color(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (https://no-color.org)."""
    if environ.get("NO_COLOR"):
        return False
    if environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # closed stream
        return False
