"""``--format junit``: JUnit XML for CI test reports (GitLab ``artifacts:reports:junit``,
Jenkins, Azure DevOps, GitHub test-report actions).

Two test suites, ``stuckscan.incidents`` and ``stuckscan.episodes``, with one test case
per incident or gateway episode, named by session and root cause (``agent:main:main
[RC07 no-recovery-attempted]``) so a test keeps its name from run to run. A case fails
(``<failure>``) when its severity is at or above the ``--fail-on`` threshold; otherwise
it passes and carries its findings in ``<system-out>``. A scan that finds nothing has one
passing case, ``stuckscan.scan`` / ``no stuck sessions``. Log text is cleaned and stripped of characters XML 1.0 cannot carry;
ElementTree does the escaping.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping, Sequence

from stuckscan.formats._base import RenderOptions
from stuckscan.formats._escape import clean, shorten, xml_text
from stuckscan.formats._outcome import duration_words, missing_words, outcome_words, recovery_words
from stuckscan.formats._repo import display_path, prepare_for_ci
from stuckscan.formats._report import (
    Item,
    episode_duration,
    episode_name,
    findings_of,
    format_duration,
    item_evidence,
    item_fails,
    item_fixes,
    item_location,
    item_severity,
    relative_location,
    sentence_case,
)
from stuckscan.model import Analysis, Episode, Incident

SUITE_INCIDENTS = "stuckscan.incidents"
SUITE_EPISODES = "stuckscan.episodes"
CLEAN_CLASSNAME = "stuckscan.scan"
CLEAN_NAME = "no stuck sessions"
MAX_EVIDENCE_LINES = 40


def case_base_name(item: Item) -> str:
    """The test name before any repeat number: session (or ``gateway``) and root cause.
    No incident number: those shift when an earlier incident appears, and a CI system
    tracks a test across runs by its name."""
    cause = f"[{item.primary.rule.id} {item.primary.rule.slug}]" if item.primary is not None else "[unclassified]"
    subject = item.name if isinstance(item, Incident) else "gateway episode"
    return f"{subject} {cause}"


def case_names(items: Sequence[Item]) -> list[str]:
    """Stable, unique test names: the same session and cause a second time in one log
    gets `` (2)``, in time order."""
    seen: Counter[str] = Counter()
    names = []
    for item in items:
        base = case_base_name(item)
        seen[base] += 1
        names.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return names


def case_details(item: Item, episodes: Mapping[str, Episode], base_dir: str | None) -> str:
    """The multi-line body of a failure or of ``<system-out>``."""
    lines: list[str] = [f"{item.id}"]
    if isinstance(item, Incident):
        lines.append(f"Session: {item.name} (sessionId {item.session_id or 'unknown'})")
        lines.append(f"Outcome: {outcome_words(item, episodes)}")
        lines.append(sentence_case(duration_words(item)))
        if item.missing:
            lines.append(f"Not yet certain: {missing_words(item)}")
    else:
        lines.append(f"{episode_name(item)}: lasted {format_duration(episode_duration(item))}")
        if item.incident_ids:
            lines.append("Overlapping incidents: " + ", ".join(item.incident_ids))
    severity = item_severity(item)
    lines.append(f"Severity: {severity.value if severity is not None else 'none'}")
    for finding, primary in findings_of(item):
        role = "Root cause" if primary else "Contributing"
        lines.append(f"{role}: {finding.rule.id} {finding.rule.title} "
                     f"({finding.severity.value}, {finding.confidence.value} confidence): {finding.summary}")
    if isinstance(item, Incident):
        for recovery in item.recoveries:
            lines.append(f"Recovery {recovery.action or 'unknown action'}: {recovery_words(item, recovery, episodes)}"
                         f"{' - ' + recovery.verdict_reason if recovery.verdict_reason else ''}")
    fixes = item_fixes(item)
    if fixes:
        lines.append("Fixes:")
        lines.extend(f"  - {text} ({rule_id})" for rule_id, text in fixes)
    evidence = item_evidence(item)
    if evidence:
        lines.append("Evidence:")
        for line in evidence[:MAX_EVIDENCE_LINES]:
            lines.append(f"  {display_path(relative_location(line.file, base_dir))}:{line.line}  "
                         f"{shorten(clean(line.text), 400)}")
        if len(evidence) > MAX_EVIDENCE_LINES:
            lines.append(f"  ... {len(evidence) - MAX_EVIDENCE_LINES} more lines")
    return "\n".join(lines)


def failure_message(item: Item, episodes: Mapping[str, Episode]) -> str:
    """One line a CI page shows for the failure: the cause, then how the incident ended."""
    cause = (f"{item.primary.rule.id} {item.primary.rule.title}: {item.primary.summary}" if item.primary is not None
             else case_base_name(item))
    if isinstance(item, Incident):
        return f"{item.name}: {outcome_words(item, episodes)}. {cause}"
    return cause


def build_case(item: Item, name: str, options: RenderOptions, classname: str,
               episodes: Mapping[str, Episode]) -> tuple[ET.Element, bool]:
    case = ET.Element("testcase", {"classname": classname, "name": xml_text(name)})
    location = item_location(item)
    if location is not None:
        case.set("file", xml_text(display_path(relative_location(location.file, options.base_dir))))
        case.set("line", str(location.line))
    failed = item_fails(item, options.fail_on)
    details = xml_text(case_details(item, episodes, options.base_dir), keep_newlines=True)
    if failed:
        severity = item_severity(item)
        failure = ET.SubElement(case, "failure", {
            "message": xml_text(shorten(failure_message(item, episodes), 500)),
            "type": item.primary.rule.id if item.primary is not None else (severity.value if severity else "finding"),
        })
        failure.text = details
    else:
        ET.SubElement(case, "system-out").text = details
    return case, failed


def clean_case(analysis: Analysis) -> ET.Element:
    """The one passing test case of a scan that found nothing."""
    case = ET.Element("testcase", {"classname": CLEAN_CLASSNAME, "name": CLEAN_NAME})
    inputs = analysis.inputs
    scanned = (f"No stuck sessions and no gateway episodes in {', '.join(map(display_path, inputs.files)) or 'no files'} "
               f"({inputs.lines} lines, {inputs.unparsed} unparsed).")
    ET.SubElement(case, "system-out").text = xml_text(scanned)
    return case


def build_suite(name: str, items: Sequence[Item], options: RenderOptions,
                episodes: Mapping[str, Episode]) -> tuple[ET.Element, int, int]:
    suite = ET.Element("testsuite", {"name": name})
    failures = 0
    classname = "stuckscan.incident" if name == SUITE_INCIDENTS else "stuckscan.episode"
    for item, case_name in zip(items, case_names(items)):
        case, failed = build_case(item, case_name, options, classname, episodes)
        suite.append(case)
        failures += int(failed)
    return suite, len(items), failures


def _finish_suite(suite: ET.Element, tests: int, failures: int) -> None:
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")


def build_junit(analysis: Analysis, options: RenderOptions) -> ET.Element:
    """JUnit for an analysis already made repository-relative and redacted."""
    root = ET.Element("testsuites", {"name": "stuckscan"})
    properties = ET.Element("properties")
    threshold = options.fail_on.value if options.fail_on is not None else "never"
    files = ", ".join(map(display_path, analysis.inputs.files))
    for key, value in (("stuckscan.version", options.tool_version), ("fail-on", threshold),
                       ("files", files), ("lines", str(analysis.inputs.lines)),
                       ("unparsed", str(analysis.inputs.unparsed)), ("truncated", str(analysis.inputs.truncated)),
                       ("evictedIncidents", str(analysis.inputs.evicted_incidents)),
                       ("redacted", str(options.redact).lower())):
        ET.SubElement(properties, "property", {"name": key, "value": xml_text(value)})
    episodes = {episode.id: episode for episode in analysis.episodes}
    total_tests = total_failures = 0
    for name, items in ((SUITE_INCIDENTS, analysis.incidents), (SUITE_EPISODES, analysis.episodes)):
        suite, tests, failures = build_suite(name, items, options, episodes)
        if name == SUITE_INCIDENTS and not analysis.incidents and not analysis.episodes:
            suite.append(clean_case(analysis))
            tests = 1
        _finish_suite(suite, tests, failures)
        suite.insert(0, _copy(properties))
        root.append(suite)
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    return root


def _copy(element: ET.Element) -> ET.Element:
    return ET.fromstring(ET.tostring(element))


class JunitFormat:
    name = "junit"

    def render(self, analysis: Analysis, options: RenderOptions) -> str:
        prepared, base = prepare_for_ci(analysis, options)
        root = build_junit(prepared, dataclasses.replace(options, base_dir=base))
        ET.indent(root)
        body = ET.tostring(root, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
