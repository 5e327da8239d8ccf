"""Report formats: one module per format behind one small interface.

Use :func:`render` (it redacts the analysis first unless ``options.redact`` is false)::

    from stuckscan.formats import RenderOptions, exit_code, render
    text = render("sarif", analysis, RenderOptions(fail_on=Severity.WARNING))
    sys.exit(exit_code(analysis, Severity.WARNING))

Formats: ``text`` (rich terminal view), ``json`` (versioned schema), ``sarif`` (2.1.0),
``junit`` (XML), ``github`` (workflow-command annotations) and ``markdown`` (the
incident report). :func:`~stuckscan.formats.text.render_timeline` renders
``stuckscan timeline``; :func:`~stuckscan.formats.github.append_step_summary` appends the
Markdown report to ``$GITHUB_STEP_SUMMARY``.

Each format's module is imported the first time that format is used (``scan --format
json`` never loads rich or the XML library).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from stuckscan.formats._base import Formatter, RenderOptions, parse_fail_on, prepare, wants_color
from stuckscan.formats._report import EXIT_FINDINGS, EXIT_OK, effective_severity, exit_code
from stuckscan.model import Analysis

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "Formatter",
    "RenderOptions",
    "effective_severity",
    "exit_code",
    "parse_fail_on",
    "prepare",
    "render",
    "render_timeline",
    "wants_color",
    "append_step_summary",
]

# format name -> (module, formatter class)
_FORMAT_CLASSES: dict[str, tuple[str, str]] = {
    "text": ("stuckscan.formats.text", "TextFormat"),
    "json": ("stuckscan.formats.json", "JsonFormat"),
    "sarif": ("stuckscan.formats.sarif", "SarifFormat"),
    "junit": ("stuckscan.formats.junit", "JunitFormat"),
    "github": ("stuckscan.formats.github", "GithubFormat"),
    "markdown": ("stuckscan.formats.markdown", "MarkdownFormat"),
}
# names this package exported before its formats were loaded lazily: name -> module
_LAZY_ATTRIBUTES: dict[str, str] = {
    **{cls: module for module, cls in _FORMAT_CLASSES.values()},
    "render_timeline": "stuckscan.formats.text",
    "append_step_summary": "stuckscan.formats.github",
}


def _import(module: str) -> Any:
    # __import__ rather than importlib.import_module: -X importtime reports it like an import statement
    return __import__(module, fromlist=["_"])


class _Registry(Mapping[str, Formatter]):
    """Format name -> formatter, importing a format's module when it is first looked up."""

    def __init__(self) -> None:
        self._loaded: dict[str, Formatter] = {}

    def __getitem__(self, name: str) -> Formatter:
        formatter = self._loaded.get(name)
        if formatter is None:
            module, cls = _FORMAT_CLASSES[name]
            formatter = self._loaded[name] = getattr(_import(module), cls)()
        return formatter

    def __iter__(self) -> Iterator[str]:
        return iter(_FORMAT_CLASSES)

    def __len__(self) -> int:
        return len(_FORMAT_CLASSES)

    def __repr__(self) -> str:
        return f"FORMATS({', '.join(_FORMAT_CLASSES)})"


FORMATS: Mapping[str, Formatter] = _Registry()
FORMAT_NAMES: tuple[str, ...] = tuple(_FORMAT_CLASSES)


def __getattr__(name: str) -> Any:
    module = _LAZY_ATTRIBUTES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(_import(module), name)


def render(name: str, analysis: Analysis, options: RenderOptions | None = None) -> str:
    """The report in format ``name`` (one of :data:`FORMAT_NAMES`).

    Raises :class:`KeyError` naming the known formats when ``name`` is unknown.
    """
    formatter = FORMATS.get(name)
    if formatter is None:
        raise KeyError(f"unknown format {name!r} (choose from {', '.join(FORMAT_NAMES)})")
    return formatter.render(analysis, options or RenderOptions())
