"""The families' and text shapes' patterns are compiled on first use (stuckscan._lazy_pattern)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from stuckscan import families, shapes
from stuckscan._lazy_pattern import LazyPattern, source_of


@dataclass(frozen=True, slots=True)
class _Holder:
    pattern: re.Pattern[str]

    def __post_init__(self) -> None:
        if isinstance(self.pattern, LazyPattern):
            self.pattern.bind(self, "pattern")


def test_first_use_puts_the_compiled_pattern_in_its_place() -> None:
    holder = _Holder(LazyPattern(r"a(?P<b>b+)", re.DOTALL))  # type: ignore[arg-type]
    assert isinstance(holder.pattern, LazyPattern)
    assert source_of(holder.pattern) == r"a(?P<b>b+)"
    match = holder.pattern.match("abb")
    assert match is not None and match.group("b") == "bb"
    assert type(holder.pattern) is re.Pattern
    assert holder.pattern == re.compile(r"a(?P<b>b+)", re.DOTALL)
    assert source_of(holder.pattern) == r"a(?P<b>b+)"


def test_equal_as_the_pattern_it_stands_for() -> None:
    assert LazyPattern("x+", re.DOTALL) == LazyPattern("x+", re.DOTALL)
    assert hash(LazyPattern("x+", re.DOTALL)) == hash(LazyPattern("x+", re.DOTALL))
    assert LazyPattern("x+", re.DOTALL) != LazyPattern("x+")
    assert LazyPattern("x+", re.DOTALL) == re.compile("x+", re.DOTALL)
    assert _Holder(LazyPattern("x+")) == _Holder(LazyPattern("x+"))  # type: ignore[arg-type]


def test_group_names_read_from_the_source_are_the_compiled_groups() -> None:
    for family in families.FAMILIES:
        names = families.group_names(family)
        assert names == set(re.compile(source_of(family.pattern), re.DOTALL).groupindex), family.kind


def test_every_pattern_compiles_as_before() -> None:
    for holder in (*families.FAMILIES, *shapes.TEXT_SHAPES):
        compiled = holder.pattern.pattern  # (reading an attribute compiles it)
        assert type(holder.pattern) is re.Pattern
        assert compiled == holder.pattern.pattern
        assert holder.pattern.flags & re.DOTALL


def test_a_pattern_used_without_its_holder_compiles_once() -> None:
    lazy = LazyPattern(r"unheld-(?P<n>\d+)", re.DOTALL)
    first = lazy.compiled()
    re.purge()  # (re's own cache holds 512 patterns; a scan compiles more than that)
    assert lazy.compiled() is first
    holder = _Holder(lazy)  # type: ignore[arg-type]
    copied = _Holder(lazy)  # type: ignore[arg-type]  # (binds the same lazy pattern to another holder)
    assert holder.pattern.match("unheld-7") is not None  # type: ignore[union-attr]
    assert copied.pattern is first
