"""``--format junit``: JUnit XML for CI test reports (GitLab ``artifacts:reports:junit``,
Jenkins, Azure DevOps, GitHub test-report actions).

Two test suites, ``stuckscan.incidents`` and ``stuckscan.episodes``, with one test case
per incident or gateway episode. A case fails (``<failure>``) when its severity is at or
above the ``--fail-on`` threshold; otherwise it passes and carries its findings in
``<system-out>``. Log text is cleaned and stripped of characters XML 1.0 cannot carry;
ElementTree does the escaping.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from stuckscan.formats._base import RenderOptions, prepare
from stuckscan.formats._escape import clean, shorten, xml_text
from stuckscan.formats._report import (
    Item,
    episode_duration,
    episode_name,
    findings_of,
    format_duration,
    incident_duration,
    item_evidence,
    item_fails,
    item_fixes,
    item_location,
    item_severity,
    relative_location,
    status_word,
    verdict_word,
)
from stuckscan.model import Analysis, Episode, Incident

SUITE_INCIDENTS = "stuckscan.incidents"
SUITE_EPISODES = "stuckscan.episodes"
MAX_EVIDENCE_LINES = 40


def case_name(item: Item) -> str:
    cause = f" [{item.primary.rule.id} {item.primary.rule.slug}]" if item.primary is not None else ""
    if isinstance(item, Incident):
        return f"{item.id} {item.name}{cause}"
    return f"{item.id} gateway episode{cause}"


def case_details(item: Item) -> str:
    """The multi-line body of a failure or of ``<system-out>``."""
    lines: list[str] = []
    if isinstance(item, Incident):
        lines.append(f"Session: {item.name} (sessionId {item.session_id or 'unknown'})")
        lines.append(f"Status: {status_word(item.status)} - {item.status_reason}")
        lines.append(f"Stuck for: {format_duration(incident_duration(item))}")
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
            lines.append(f"Recovery {recovery.action or 'unknown action'}: {verdict_word(recovery.verdict)}"
                         f"{' - ' + recovery.verdict_reason if recovery.verdict_reason else ''}")
    fixes = item_fixes(item)
    if fixes:
        lines.append("Fixes:")
        lines.extend(f"  - {text} ({rule_id})" for rule_id, text in fixes)
    evidence = item_evidence(item)
    if evidence:
        lines.append("Evidence:")
        for line in evidence[:MAX_EVIDENCE_LINES]:
            lines.append(f"  {relative_location(line.file)}:{line.line}  {shorten(clean(line.text), 400)}")
        if len(evidence) > MAX_EVIDENCE_LINES:
            lines.append(f"  ... {len(evidence) - MAX_EVIDENCE_LINES} more lines")
    return "\n".join(lines)


def failure_message(item: Item) -> str:
    if item.primary is None:
        return case_name(item)
    return f"{item.primary.rule.id} {item.primary.rule.title}: {item.primary.summary}"


def build_case(item: Item, options: RenderOptions, classname: str) -> tuple[ET.Element, bool]:
    case = ET.Element("testcase", {"classname": classname, "name": xml_text(case_name(item))})
    location = item_location(item)
    if location is not None:
        case.set("file", xml_text(relative_location(location.file, options.base_dir)))
        case.set("line", str(location.line))
    failed = item_fails(item, options.fail_on)
    details = xml_text(case_details(item), keep_newlines=True)
    if failed:
        severity = item_severity(item)
        failure = ET.SubElement(case, "failure", {
            "message": xml_text(shorten(failure_message(item), 500)),
            "type": item.primary.rule.id if item.primary is not None else (severity.value if severity else "finding"),
        })
        failure.text = details
    else:
        ET.SubElement(case, "system-out").text = details
    return case, failed


def build_suite(name: str, items: list[Incident] | list[Episode], options: RenderOptions) -> tuple[ET.Element, int, int]:
    suite = ET.Element("testsuite", {"name": name})
    failures = 0
    classname = "stuckscan.incident" if name == SUITE_INCIDENTS else "stuckscan.episode"
    for item in items:
        case, failed = build_case(item, options, classname)
        suite.append(case)
        failures += int(failed)
    suite.set("tests", str(len(items)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    return suite, len(items), failures


def build_junit(analysis: Analysis, options: RenderOptions) -> ET.Element:
    root = ET.Element("testsuites", {"name": "stuckscan"})
    properties = ET.Element("properties")
    threshold = options.fail_on.value if options.fail_on is not None else "never"
    for key, value in (("stuckscan.version", options.tool_version), ("fail-on", threshold),
                       ("files", ", ".join(analysis.inputs.files)), ("lines", str(analysis.inputs.lines)),
                       ("unparsed", str(analysis.inputs.unparsed)), ("truncated", str(analysis.inputs.truncated)),
                       ("evictedIncidents", str(analysis.inputs.evicted_incidents)),
                       ("redacted", str(options.redact).lower())):
        ET.SubElement(properties, "property", {"name": key, "value": xml_text(value)})
    total_tests = total_failures = 0
    for name, items in ((SUITE_INCIDENTS, analysis.incidents), (SUITE_EPISODES, analysis.episodes)):
        suite, tests, failures = build_suite(name, items, options)
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
        root = build_junit(prepare(analysis, options), options)
        ET.indent(root)
        body = ET.tostring(root, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
