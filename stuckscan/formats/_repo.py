"""Log file paths as CI systems want them: relative to the repository root.

GitHub code scanning, GitHub annotations and JUnit consumers resolve a file against the
checked-out repository, not against the directory stuckscan ran in. So the CI formats
rewrite every cited file that lies inside the root (``--sarif-root``, by default the git
top level of the current directory, else the current directory) to a root-relative
POSIX path, before redaction (a redacted home directory would no longer match the root).

File names are bytes on POSIX; one that is not UTF-8 reaches Python with surrogate
escapes. :func:`path_uri` percent-encodes the original bytes; :func:`display_path`
shows them as U+FFFD, so no output ever carries a lone surrogate.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import quote

from stuckscan.formats._base import RenderOptions, prepare
from stuckscan.model import Analysis, Episode, Evidence, Finding, Incident, Recovery

STDIN_PREFIX = "<"


def repository_root(start: str | None = None) -> str:
    """The git top level containing ``start`` (default: the current directory), found by
    looking for ``.git`` (a directory, or a file in worktrees and submodules); else ``start``."""
    here = os.path.abspath(start or os.getcwd())
    for directory in (Path(here), *Path(here).parents):
        if (directory / ".git").exists():
            return str(directory)
    return here


def _is_windows_absolute(path: str) -> bool:
    return len(path) > 2 and path[1] == ":" and path[2] in "\\/"


def root_relative(path: str, root: str) -> str | None:
    """``path`` (absolute, or relative to the current directory) relative to ``root`` with
    ``/`` separators; None when it lies outside ``root`` or is not a file path."""
    if not path or path.startswith(STDIN_PREFIX) or (_is_windows_absolute(path) and os.sep == "/"):
        return None
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive on Windows
        return None
    if relative == os.pardir or relative.startswith(os.pardir + os.sep) or os.path.isabs(relative):
        return None
    return PurePosixPath(*relative.split(os.sep)).as_posix()


def display_path(path: str) -> str:
    """A path as text: undecodable bytes shown as U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace") if _has_surrogates(path) else path


def _has_surrogates(text: str) -> bool:
    return any("\udc80" <= char <= "\udcff" for char in text)


def path_uri(path: str) -> str:
    """A URI reference for ``path``: relative paths percent-encoded as they are, absolute
    ones as ``file://`` URIs; the original bytes of undecodable names are kept."""
    if _is_windows_absolute(path):
        return PureWindowsPath(path).as_uri()
    raw = os.fsencode(path)
    if raw.startswith(b"/"):
        return "file://" + quote(raw, safe="/")
    return quote(raw, safe="/")


# -- an analysis with repository-relative file names ----------------------------------


def _evidence(lines: list[Evidence], names: dict[str, str]) -> list[Evidence]:
    return [dataclasses.replace(line, file=names[line.file]) if line.file in names else line for line in lines]


def _finding(finding: Finding | None, names: dict[str, str]) -> Finding | None:
    if finding is None:
        return None
    return dataclasses.replace(finding, evidence=_evidence(finding.evidence, names))


def _recovery(recovery: Recovery, names: dict[str, str]) -> Recovery:
    return dataclasses.replace(recovery, evidence=_evidence(recovery.evidence, names))


def _incident(incident: Incident, names: dict[str, str]) -> Incident:
    return dataclasses.replace(
        incident, timeline=_evidence(incident.timeline, names), primary=_finding(incident.primary, names),
        contributing=[_finding(f, names) for f in incident.contributing],  # type: ignore[misc]
        recoveries=[_recovery(r, names) for r in incident.recoveries])


def _episode(episode: Episode, names: dict[str, str]) -> Episode:
    return dataclasses.replace(
        episode, timeline=_evidence(episode.timeline, names), primary=_finding(episode.primary, names),
        contributing=[_finding(f, names) for f in episode.contributing])  # type: ignore[misc]


def cited_files(analysis: Analysis) -> set[str]:
    files = set(analysis.inputs.files)
    for item in (*analysis.incidents, *analysis.episodes):
        files.update(line.file for line in item.timeline)
        for finding in (item.primary, *item.contributing):
            if finding is not None:
                files.update(line.file for line in finding.evidence)
        if isinstance(item, Incident):
            files.update(line.file for recovery in item.recoveries for line in recovery.evidence)
    return files


def located(path: str, root: str) -> str:
    """``path`` relative to ``root`` when inside it, else absolute (stdin as it is)."""
    if path.startswith(STDIN_PREFIX) or _is_windows_absolute(path):
        return path
    relative = root_relative(path, root)
    return relative if relative is not None else os.path.abspath(path)


def is_relative(path: str) -> bool:
    """After :func:`relocate`: whether ``path`` is relative to the root."""
    return bool(path) and not path.startswith(STDIN_PREFIX) and not os.path.isabs(path) and not _is_windows_absolute(path)


def relocate(analysis: Analysis, root: str) -> Analysis:
    """A copy of ``analysis`` whose file names are relative to ``root`` when inside it and
    absolute otherwise, so a relative name always means "in the repository"."""
    names = {name: moved for name in cited_files(analysis) if (moved := located(name, root)) != name}
    if not names:
        return analysis
    inputs = dataclasses.replace(analysis.inputs, files=[names.get(name, name) for name in analysis.inputs.files])
    return dataclasses.replace(
        analysis, inputs=inputs, incidents=[_incident(i, names) for i in analysis.incidents],
        episodes=[_episode(e, names) for e in analysis.episodes])


def ci_root(options: RenderOptions) -> str:
    """The directory CI paths are relative to: ``--sarif-root``, else the repository's."""
    return os.path.abspath(options.base_dir) if options.base_dir else repository_root()


def prepare_for_ci(analysis: Analysis, options: RenderOptions) -> tuple[Analysis, str]:
    """The analysis a CI format reads (repository-relative, then redacted) and its root."""
    root = ci_root(options)
    return prepare(relocate(analysis, root), options), root
