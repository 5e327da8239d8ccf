"""Gateway build profiles: what differs between OpenClaw versions on disk.

A ``Build`` decides the ``_meta`` block (runtime version, hostname, tslog
root name, call-site path) and the record-level conventions (``time`` in UTC
``Z`` up to 2026.3.1, local with offset since 2026.3.2; top-level
``hostname``/``message``/``session_id`` fields in the mid-2026 builds).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Build:
    version: str
    node: str
    hostname: str = "unknown"
    root: str = "openclaw"
    time_utc: bool = False
    structured: bool = False
    dist: str = "/Users/lin/.npm-global/lib/node_modules/openclaw/dist"
    bundle: str = "entry.js"
    line: int = 2366
    column: int = 14
    # call sites of root-logger lines: method -> (bundle, line, column)
    root_sites: dict = field(default_factory=dict, compare=False, hash=False)

    def at_least(self, version: str) -> bool:
        """True when this build is ``version`` or newer (``YYYY.M.D`` compare)."""
        def parts(v: str) -> tuple:
            return tuple(int(x) for x in v.split("-")[0].split("."))
        return parts(self.version) >= parts(version)

    def path_block(self, method: str = "logToFile") -> dict:
        """tslog ``_meta.path``; subsystem lines point at ``logToFile``."""
        bundle, line, column = self.root_sites.get(method, (self.bundle, self.line, self.column))
        file_path = f"{self.dist}/{bundle}"
        return {
            "fullFilePath": f"file://{file_path}:{line}:{column}",
            "fileName": bundle,
            "fileNameWithLine": f"{bundle}:{line}",
            "fileColumn": str(column),
            "fileLine": str(line),
            "filePath": file_path,
            "filePathWithLine": f"{file_path}:{line}",
            "method": method,
        }


def _sites(bundle: str, base: int) -> dict:
    """Root-logger call sites (``logError`` & co. and captured console calls)."""
    return {
        "logInfo": (bundle, base, 17),
        "logWarn": (bundle, base + 6, 17),
        "logError": (bundle, base + 12, 17),
        "console.log": (bundle, base + 61, 22),
        "console.warn": (bundle, base + 61, 22),
        "console.error": (bundle, base + 61, 22),
    }


# The 2026-05-21 incident host: macOS arm64, npm-global install under /Users/lin.
MAC_2026_5_18 = Build(
    version="2026.5.18", node="22.22.1",
    dist="/Users/lin/.npm-global/lib/node_modules/openclaw/dist",
    bundle="subsystem-CqV3m0Yk.js", line=412, column=14,
    root_sites=_sites("logger-B9hJx2Lw.js", 188),
)


def linux(version: str, node: str, user: str, bundle: str, line: int,
          root_bundle: str, root_line: int, **extra) -> Build:
    """A Linux npm-global install under ``/home/<user>``."""
    return Build(
        version=version, node=node,
        dist=f"/home/{user}/.npm-global/lib/node_modules/openclaw/dist",
        bundle=bundle, line=line, column=14,
        root_sites=_sites(root_bundle, root_line), **extra,
    )


def mac(version: str, node: str, user: str, bundle: str, line: int,
        root_bundle: str, root_line: int, **extra) -> Build:
    """A macOS npm-global install under ``/Users/<user>``."""
    return Build(
        version=version, node=node,
        dist=f"/Users/{user}/.npm-global/lib/node_modules/openclaw/dist",
        bundle=bundle, line=line, column=14,
        root_sites=_sites(root_bundle, root_line), **extra,
    )
