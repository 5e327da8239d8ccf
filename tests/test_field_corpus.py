"""Every field case (tests/field/) gets the cause its thread's evidence supports.

A case with ``knownGap`` is a recorded disagreement: it must still disagree (strict xfail), so
a fix shows up here and its label is then removed.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from tools.fieldeval import RULE_IDS, Case, judge, load_cases, scan_report

CASES = load_cases()
SHAPES = {"jsonl", "json-fragment", "json-values", "meta-object", "logs-plain", "logs-pretty", "console",
          "console-pretty", "console-cut", "journald", "cli-error", "elided-ids", "annotations", "bare-message",
          "wrapped", "untimed", "stack-trace", "markdown-list", "yaml", "foreign-lines", "trajectory", "control-ui",
          "state-record", "tool-prefixed", "json-strings"}


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case.known_gap)] if case.known_gap else []
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_field_case_agrees_with_its_thread(case: Case) -> None:
    exit_code, report = scan_report(case)
    outcome = judge(case, exit_code, report)
    if case.split == "holdout":  # rules are not tuned on holdout cases: say that it disagrees, not how
        if not outcome.agrees:  # (pytest.fail, not assert: assertion rewriting would print the outcome's problems)
            pytest.fail(f"{case.name}: a holdout case disagrees (python -m tools.fieldeval --show-holdout)",
                        pytrace=False)
        return
    assert outcome.agrees, f"{case.name} ({case.source}): " + "; ".join(outcome.problems)


# An openclaw/openclaw issue or pull request, or a file pinned to its commit in another public
# repository (a user's incident write-up that kept the gateway's lines), or a Discord help thread
# read through doublepost.link's public mirror (guild and thread ids name it for good), or an
# operator's own write-up on a web page (a blog post's address, never a site's front page nor a
# path dressed as a GitHub thread).
_SOURCE = re.compile(r"https://github\.com/(?:openclaw/openclaw/.+|[\w.-]+/[\w.-]+/blob/[0-9a-f]{40}/.+"
                     r"|[\w.-]+/[\w.-]+/(?:issues|pull|discussions)/\d+(?:#[\w-]+)?)"
                     r"|https://doublepost\.link/guild/\d+/thread/\d+/?"
                     r"|https://(?!(?:www\.)?github\.com/|doublepost\.link/)[\w-]+(?:\.[\w-]+)+"
                     r"/(?![\w.-]+/[\w.-]+/(?:issues|pull|discussions)/\d+)[^\s/]\S*")


def _is_citable_source(url: str) -> bool:
    return _SOURCE.fullmatch(url) is not None


def test_source_rule_accepts_threads_pinned_files_and_write_ups_only() -> None:
    assert _is_citable_source("https://github.com/openclaw/openclaw/issues/84931")
    assert _is_citable_source("https://github.com/someone/notes/blob/" + "a" * 40 + "/incidents/2026-05.md")
    assert _is_citable_source("https://github.com/someone/openclaw-channel-x/issues/205")  # a plugin's or fork's tracker
    assert _is_citable_source("https://github.com/someone/openclaw-channel-x/discussions/31")  # its Q&A
    assert not _is_citable_source("https://github.com/someone/notes/blob/main/incidents/2026-05.md")
    assert not _is_citable_source("https://example.com/openclaw/openclaw/issues/1")
    assert _is_citable_source("https://doublepost.link/guild/1456350064065904867/thread/1493322680391434393/")
    assert not _is_citable_source("https://doublepost.link/guild/1456350064065904867/")
    assert _is_citable_source("https://blog.example.dev/posts/openclaw-gateway-hang-postmortem/")  # an operator's blog
    assert not _is_citable_source("https://blog.example.dev/")
    assert not _is_citable_source("https://github.com/someone/notes")


# Windows of one saved log share its host, build and habits: more than a few would weigh that one gateway too much.
MAX_CASES_PER_FILE = 3


def test_no_saved_file_gives_more_than_a_few_cases() -> None:
    per_file: dict[str, list[str]] = {}
    for case in CASES:
        pinned = re.fullmatch(r"https://github\.com/([\w.-]+/[\w.-]+)/blob/[0-9a-f]{40}/(.+)", case.source)
        if pinned is not None:
            per_file.setdefault(f"{pinned[1]}:{pinned[2]}", []).append(case.name)
    crowded = {path: names for path, names in per_file.items() if len(names) > MAX_CASES_PER_FILE}
    assert not crowded, crowded


_README_TEXT = (Path(__file__).parent / "field" / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CASES])
def test_field_case_is_well_formed(case: Case) -> None:
    assert case.log.is_file(), f"{case.log} is missing"
    assert _is_citable_source(case.source), case.source
    assert case.primary is None or case.primary in RULE_IDS
    assert all(rule in RULE_IDS for rule in (*case.contributing, *case.forbidden))
    assert case.split in ("dev", "holdout")
    assert case.reasoning.strip()
    assert set(case.shapes) <= SHAPES, set(case.shapes) - SHAPES
    # primary null is a negative (benign), or, not benign, a fault no class names (a labelling policy says when):
    # such a label must name the classes the lines do not support, or it would agree with every report
    assert case.primary is not None or case.benign or case.forbidden, \
        "a case with no cause must be a benign negative, or name the classes it rules out"
    data = json.loads(case.log.with_name(case.name + ".case.json").read_text(encoding="utf-8"))
    assert data.get("threadConclusion", "").strip()
    if case.relabelled:
        policy = re.fullmatch(r"stop \d+: was (?:null|RC\d\d)[^()]* \(policy: ([^()]+)\)", case.relabelled)
        assert policy, f"'relabelled' should read 'stop N: was <old> (policy: <name>)', not {case.relabelled!r}"
        assert f"### {policy[1]}\n" in _README_TEXT, f"policy {policy[1]!r} has no section in tests/field/README.md"


# The pasted shapes the field-accuracy issue names, and the log shapes users point stuckscan at. A record's
# values pasted as `{"subsystem":"gateway/ws"},"handshake timeout ..."` (json-values) is read
# (tests/test_parser_shapes.py) but no public thread we could read holds one yet.
REQUIRED_SHAPES = {"jsonl", "json-fragment", "meta-object", "logs-plain", "logs-pretty", "console",
                   "console-cut", "journald", "cli-error", "elided-ids", "annotations", "yaml", "wrapped", "untimed"}


_SPACES = re.compile(r"\s+")


def test_no_excerpt_is_in_the_corpus_twice() -> None:
    """A paste reposted or collected twice would count its evidence twice (and a holdout twin of a dev
    case is no longer unseen)."""
    seen: dict[str, str] = {}
    for case in CASES:
        # (two collectors mask one id with different fakes of its shape, or copy one block from two renderings of
        # its page that keep or drop indentation and doubled spaces)
        text = "\n".join(_SPACES.sub(" ", line).strip() for line in case.log.read_text(encoding="utf-8").splitlines()
                          if line.strip())
        text = re.sub(r"\d{6,}", "0", text)
        assert text not in seen, f"{case.name} holds the same excerpt as {seen[text]}"
        seen[text] = case.name


def _telling_lines(case: Case) -> frozenset[str]:
    """A case's lines that could only come from one paste: long, and carrying a number (a time, an id, a count)."""
    lines = (_SPACES.sub(" ", line).strip() for line in case.log.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if len(line) >= 60 and any(char.isdigit() for char in line))


def test_no_excerpt_is_a_shorter_cut_of_another() -> None:
    """A run of lines cut from a paste already in the corpus (a second helper taking a shorter piece of the same
    block, or a PR quoting its issue's log) passes the whole-excerpt check but counts the same evidence twice."""
    telling = {case.name: _telling_lines(case) for case in CASES}
    for case in CASES:
        mine = telling[case.name]
        if len(mine) < 2:
            continue
        inside = [other for other, lines in telling.items() if other != case.name and mine <= lines]
        assert not inside, f"{case.name}'s lines are all in {inside[0]}"


# Two cuts of one block that end at different lines (each holds lines the other lacks) pass both checks above; a run
# this long of the same lines in a row is one paste taken twice. Shorter shared runs are legitimate: a CLI's fixed
# error text, an operator's boilerplate lines repeated across reports; so are the frames of one stack trace that two
# failures share, which are left out.
SHARED_RUN = 7


def _run_keys(case: Case) -> set[tuple[str, ...]]:
    lines = [re.sub(r"\d{6,}", "0", _SPACES.sub(" ", line).strip())
             for line in case.log.read_text(encoding="utf-8").splitlines()
             if len(line.strip()) >= 25 and not line.strip().startswith("at ")]
    return {tuple(lines[i:i + SHARED_RUN]) for i in range(len(lines) - SHARED_RUN + 1)}


def test_no_two_excerpts_share_a_long_run_of_lines() -> None:
    seen: dict[tuple[str, ...], str] = {}
    for case in CASES:
        for key in _run_keys(case):
            other = seen.setdefault(key, case.name)
            assert other == case.name, f"{case.name} shares {SHARED_RUN} lines in a row with {other}: one paste twice"


def test_a_shorter_cut_of_a_paste_is_told_apart_by_its_telling_lines(tmp_path: Path) -> None:
    whole = next(case for case in CASES if len(_telling_lines(case)) >= 3)
    lines = whole.log.read_text(encoding="utf-8").splitlines()
    cut = tmp_path / "cut.log"
    kept = [line for line in lines if line.strip() in _telling_lines(whole)][:2]
    cut.write_text("\n".join(kept) + "\n", encoding="utf-8")
    piece = dataclasses.replace(whole, name="cut", log=cut)
    assert len(_telling_lines(piece)) == 2 and _telling_lines(piece) <= _telling_lines(whole)


def test_the_corpus_covers_every_class_every_shape_and_negatives() -> None:
    assert len(CASES) >= 60
    primaries = {case.primary for case in CASES if case.primary}
    assert primaries == set(RULE_IDS), set(RULE_IDS) - primaries
    assert sum(1 for case in CASES if case.primary is None) >= 10  # benign noise that must not fail
    shapes = {shape for case in CASES for shape in case.shapes}
    assert REQUIRED_SHAPES <= shapes, REQUIRED_SHAPES - shapes
    holdout = [case for case in CASES if case.split == "holdout"]
    assert len(holdout) >= len(CASES) // 5  # an honest "never seen" figure needs enough of them


def test_a_case_number_selects_that_case_only() -> None:
    from tools.fieldeval import _names_case
    assert _names_case("f740", "f740-docker-run-timeout-gateway-keeps-lock")
    assert not _names_case("f74", "f740-docker-run-timeout-gateway-keeps-lock")  # a number is never a prefix
    assert _names_case("gateway-keeps", "f740-docker-run-timeout-gateway-keeps-lock")


# The corpus's first rule: the same lines get the same label, whatever a thread adds beside them (what only the
# thread knows stays in threadConclusion). Two pastes of one template differ in their times, ids, list markers and
# stack-frame positions; with those set aside, two cases whose lines are the same must carry the same label.
_PASTE_NOISE = (
    (re.compile(r"^(?:[-*>•]|\d+[.)])\s+"), ""),
    (re.compile(r"\d{4}-\d\d-\d\d[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?"), ""),
    (re.compile(r"\b\d\d:\d\d:\d\d(?:\.\d+)?\b"), ""),
    (re.compile(r"[0-9a-f]{8}-[0-9a-f-]{27,}"), "<id>"),
    (re.compile(r"\b(?=[0-9a-f]*\d)[0-9a-f]{6,}\b"), "<id>"),
)


def _lines_without_paste_noise(case: Case) -> frozenset[str]:
    kept = set()
    for line in case.log.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        for pattern, replacement in _PASTE_NOISE:
            text = pattern.sub(replacement, text)
        text = _SPACES.sub(" ", text).strip()
        if len(text) >= 12 and not text.startswith("at "):  # a stack frame's position differs by build
            kept.add(text)
    return frozenset(kept)


def test_the_same_lines_get_the_same_label() -> None:
    by_lines: dict[frozenset[str], list[Case]] = {}
    for case in CASES:
        by_lines.setdefault(_lines_without_paste_noise(case), []).append(case)
    split = {tuple(case.name for case in cases): {(case.primary, case.benign) for case in cases}
             for cases in by_lines.values() if len({(case.primary, case.benign) for case in cases}) > 1}
    assert not split, split


def test_paste_noise_is_set_aside_but_numbers_that_decide_are_kept(tmp_path: Path) -> None:
    whole = CASES[0]
    first, second, third = tmp_path / "a.log", tmp_path / "b.log", tmp_path / "c.log"
    first.write_text("2026-05-02T10:00:01.123Z [diagnostic] lane wait exceeded: lane=session:abc123 waitedMs=4000\n"
                     "    at node:internal/deps/undici/undici:14900:13\n", encoding="utf-8")
    second.write_text("- 10:00:01 [diagnostic] lane wait exceeded: lane=session:def456 waitedMs=4000\n"
                      "    at node:internal/deps/undici/undici:16416:13\n", encoding="utf-8")
    third.write_text("10:00:01 [diagnostic] lane wait exceeded: lane=session:def456 waitedMs=90000\n", encoding="utf-8")
    a, b, c = (_lines_without_paste_noise(dataclasses.replace(whole, log=path)) for path in (first, second, third))
    assert a == b and a != c
