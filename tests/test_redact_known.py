"""Values learned earlier are found again in one pass, without a pattern of every value.

The reference below is how they were found before: one alternation of every known value,
longest first, recompiled whenever a value was added (quadratic in the number of values,
and slower with every value on each text). :class:`stuckscan.redact.KnownValues` must
replace exactly what it replaced, and learning a value must compile nothing.
"""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from stuckscan import redact
from stuckscan.redact import KnownValues, Redactor


def reference_replace(text: str, placeholders: dict[str, str]) -> str:
    literals = sorted((value for value in placeholders if 4 <= len(value) <= 512), key=len, reverse=True)
    if not literals:
        return text
    pattern = regex.compile(r"(?P<placeholder><[a-z]+-[0-9a-f]{1,64}>)|(?<![A-Za-z0-9_])(?P<literal>"
                            + "|".join(regex.escape(value) for value in literals) + r")(?![A-Za-z0-9_])")
    return pattern.sub(lambda match: placeholders[match.group("literal")] if match.group("literal") else match.group(0), text)


def known(values: list[str]) -> tuple[KnownValues, dict[str, str]]:
    index = KnownValues()
    placeholders: dict[str, str] = {}
    for number, value in enumerate(values, 1):
        if value not in placeholders and 4 <= len(value) <= 512:
            placeholders[value] = f"<peer-{number}>"
            index.add(value)
    return index, placeholders


# Values that share word runs, separators, prefixes and suffixes, and a few without any word run.
PIECES = ["karen", "karen.b", "b", "example", "org", "1", "555", "0142", "+1", "x_y", "é", "Ü"]
SEPARATORS = ["", ".", "-", " ", "@", ":", "/", "+", "<", ">", "!!"]
VALUES = st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).flatmap(
    lambda pieces: st.lists(st.sampled_from(SEPARATORS), min_size=len(pieces), max_size=len(pieces)).map(
        lambda separators: "".join(piece + separator for piece, separator in zip(pieces, separators))))
WORDLESS = st.sampled_from(["!!!!", "....", "+-+-+", "<<>>"])
TEXT_PIECES = st.one_of(VALUES, WORDLESS, st.sampled_from(["<peer-1>", "<peer-2>", "<user-3f9a>", " ", "_", "a", "9"]))


@settings(max_examples=400, deadline=None)
@given(values=st.lists(st.one_of(VALUES, WORDLESS), min_size=1, max_size=12), text=st.lists(TEXT_PIECES, max_size=14).map("".join))
def test_same_replacements_as_one_alternation_of_every_value(values: list[str], text: str) -> None:
    index, placeholders = known(values)
    assert index.replace(text, placeholders) == reference_replace(text, placeholders)


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.text(max_size=12), min_size=1, max_size=8), text=st.text(max_size=80))
def test_same_replacements_on_arbitrary_text(values: list[str], text: str) -> None:
    index, placeholders = known(values)
    spliced = text + "".join(f" {value} " for value in values) + text  # each value present at least once
    assert index.replace(spliced, placeholders) == reference_replace(spliced, placeholders)


@pytest.mark.parametrize(("values", "text", "expected"), [
    (["karen@example.org", "bob@example.org"], "to karen@example.org, bob@example.org and example.org",
     "to <peer-1>, <peer-2> and example.org"),
    (["+1 555-0142", "555-0142"], "call +1 555-0142 or 555-0142 or x555-0142", "call <peer-1> or <peer-2> or x555-0142"),
    (["peer"], "<peer-1> and peer and peers", "<peer-1> and <peer-1> and peers"),
    (["!!!!"], "a!!!!b !!!! x!!!!", "a!!!!b <peer-1> x!!!!"),
])
def test_examples(values: list[str], text: str, expected: str) -> None:
    index, placeholders = known(values)
    assert index.replace(text, placeholders) == expected


def test_values_sharing_words_are_filed_apart() -> None:
    """``example.org`` is in every address and ``198.51`` in every IP: each value is filed
    under a pair of runs of its own, so a text that mentions them compares few values, and a
    text with a lone ``1`` or ``23`` compares none."""
    index = KnownValues()
    for number in range(300):
        index.add(f"user{number}@example.org")
        index.add(f"198.51.{number // 100}.{number % 100}")
    assert max(len(values) for values in index._by_anchor.values()) == 1
    assert not index._filed_runs
    assert index.spans("queueDepth=1 age=23s code=198 v51") == []


def test_learning_values_compiles_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    redactor = Redactor()
    warm_up = ("sessionKey=agent:main:telegram:direct:7012345678 mail a@example.org from /Users/ann/x "
               "ip 203.0.113.9 call +15551234567 or 06 12 34 56 78 chatId=42424242 password=x1y2z3 @handle_one fe80::1")
    redactor.redact_text(warm_up)  # every pattern compiled once
    compiled: list[str] = []
    real_regex_compile, real_re_compile = regex.compile, re._compile  # type: ignore[attr-defined]

    def counting_regex(pattern: str, *args: object, **kwargs: object) -> object:
        compiled.append(str(pattern)[:40])
        return real_regex_compile(pattern, *args, **kwargs)

    def counting_re(pattern: object, flags: object) -> object:
        if not isinstance(pattern, re.Pattern):
            compiled.append(str(pattern)[:40])
        return real_re_compile(pattern, flags)

    monkeypatch.setattr(regex, "compile", counting_regex)
    monkeypatch.setattr(re, "_compile", counting_re)
    for number in range(300):
        text = f"chatId={7_000_000_000 + number} user=person{number} mail person{number}@example.org"
        assert "person" not in redactor.redact_text(text).replace("<", " ").split("@")[0]
        redactor.redact_text(f"again person{number} and {7_000_000_000 + number}")
    assert compiled == []
    assert len(redactor.mapping) >= 900


def test_a_value_learned_late_is_masked_where_it_was_seen_first() -> None:
    redactor = Redactor()
    first = redactor.learn_text("copied notes for karenb yesterday")
    redactor.learn_text("config /Users/karenb/.openclaw")
    assert redactor._replace_known(first) == "copied notes for <user-1> yesterday"


def test_bounded_memo_gives_the_same_results() -> None:
    texts = [f"chatId={number} note {number % 7} for /home/user{number % 5}/x and user{number % 5}" for number in range(300)]
    small, large = Redactor(cache_size=8), Redactor()
    assert [small.redact_text(text) for text in texts * 2] == [large.redact_text(text) for text in texts * 2]
    assert len(small._patterned) <= 8


def test_no_literal_pattern_is_left() -> None:
    assert not hasattr(Redactor(), "_literal_pattern")
    assert not hasattr(redact, "_literal_pattern")
