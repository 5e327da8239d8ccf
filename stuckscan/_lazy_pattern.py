"""A compiled pattern that is compiled on first use, then replaced by the compiled pattern in its holder.

Compiling the message families' and text shapes' patterns (about 500) was most of the start-up of a scan of a
pasted fragment, which uses a few of them. A :class:`LazyPattern` stands in a frozen dataclass's field until an
attribute of it is first read (``match``, ``fullmatch``, ``search``, ``groupindex`` ...): it then compiles the
pattern and sets the compiled ``re.Pattern`` as the field's value (:meth:`LazyPattern.bind` names the holder and
field). From then on the holder has a plain pattern, so per-line matching pays nothing for the laziness.
"""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """``re.compile(source, flags)``, done on first use. Equal and hashed as the pattern it stands for, by source
    and flags (a frozen dataclass holding one compares as it did holding the compiled pattern)."""

    __slots__ = ("_source", "_flags", "_holder", "_field", "_compiled")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._holder: object | None = None
        self._field = ""
        self._compiled: re.Pattern[str] | None = None

    @property
    def source(self) -> str:
        return self._source

    def bind(self, holder: object, field: str) -> None:
        """Put the compiled pattern in ``holder``'s ``field`` when it is compiled."""
        self._holder = holder
        self._field = field

    def compiled(self) -> re.Pattern[str]:
        # (kept here too: a use that does not go through the holder, or a holder copied after binding, compiles once)
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._source, self._flags)
        if self._holder is not None:
            object.__setattr__(self._holder, self._field, compiled)  # (the holder is a frozen dataclass)
        return compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyPattern):
            return (self._source, self._flags) == (other._source, other._flags)
        return self.compiled() == other

    def __hash__(self) -> int:
        return hash((self._source, self._flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r}, {self._flags!r})"


def source_of(pattern: re.Pattern[str] | LazyPattern) -> str:
    """The source text of ``pattern``, compiled or not (without compiling it)."""
    return pattern.source if isinstance(pattern, LazyPattern) else pattern.pattern
