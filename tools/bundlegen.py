"""Build an OpenClaw diagnostics bundle from a gateway log, as ``openclaw gateway diagnostics
export`` lays it out (``src/logging/diagnostic-support-export.ts`` upstream), for tests.

What the exporter does and this reproduces:

* the log tail is the last ``--log-bytes`` (1 000 000) bytes, at most ``--log-lines`` (5000)
  lines, of the log up to the export time, its first partial line dropped;
* each line becomes a sanitized object: ``time``, ``level`` (from ``_meta.logLevelName``),
  ``logger`` or the binding's fields (``subsystem``, ``module``) and the first string
  argument as ``msg``; fields outside the safe names are dropped; a message that reads like
  a payload (``user said``, ``tool output``...) is replaced by ``"omitted": "log-message"``
  with its byte count; a line that is not JSON becomes ``{"omitted": "unparsed"}``;
* text is redacted: secret assignments (``…KEY=``, ``…TOKEN=``: a value of 18+ characters
  keeps its first six and last four, a shorter one becomes ``***``; ``sessionKey=`` is one),
  URL credentials, e-mails, ``@handles``, Matrix ids, decimal ids of 9+ digits
  (``<redacted-id>``), then the state directory and home become ``$OPENCLAW_STATE_DIR`` and
  ``~``; messages are cut to 240 UTF-16 units without a marker;
* the JSON members are written with two-space indentation (``JSON.stringify(v, null, 2)``).

The status and health snapshots and the stability events are built from what the log shows
at export time. Where a build places the sessions' states and event-loop figures in the health
snapshot is not fixed upstream; this puts them under ``data.diagnostics`` with the names the
stability recorder uses (``state``, ``queueDepth``, ``ageMs``, ``eventLoopDelayP99Ms``...).

``python -m tools.bundlegen LOG --export-time ISO -o bundle.zip`` writes one; tests call
:func:`build_bundle`.
"""

from __future__ import annotations

import argparse
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

LOG_LIMIT = 5000
LOG_MAX_BYTES = 1_000_000
MESSAGE_LIMIT = 240
SAFE_STRING_FIELDS = frozenset(name.lower() for name in (
    "action", "channel", "code", "component", "endpoint", "event", "handshake", "kind", "level", "localAddr",
    "logger", "method", "model", "module", "msg", "name", "outcome", "phase", "pluginId", "provider", "reason",
    "remoteAddr", "requestId", "runId", "service", "sessionId", "sessionKey", "source", "status", "subsystem",
    "surface", "target", "time", "traceId", "type"))
SAFE_SCALAR_FIELDS = frozenset(name.lower() for name in (
    "active", "attempt", "bytes", "count", "durationMs", "enabled", "exitCode", "intervalMs", "jobs", "limitBytes",
    "localPort", "nextWakeAtMs", "pid", "port", "queueDepth", "queued", "remotePort", "statusCode", "waitMs", "waiting"))
OMITTED_FIELD = re.compile(r"authorization|body|chat|content|cookie|credential|detail|error|header|instruction|message|"
                           r"password|payload|prompt|result|secret|text|token|tool|transcript|url", re.IGNORECASE)
UNSAFE_MESSAGE = re.compile(r"\b(?:ai response|assistant said|chat text|message contents|prompt|raw webhook body|"
                            r"tool output|tool result|transcript|user said|webhook body)\b|auto-responding\b.*:\s*[\"']|"
                            r"partial for\b.*:", re.IGNORECASE)
SECRET_ASSIGNMENT = re.compile(r"\b[A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD)\b\s*[=:]\s*([\"']?)([^\s\"'\\]+)\1",
                               re.IGNORECASE)
BEARER = re.compile(r"\bBearer\s+([A-Za-z0-9._\-+=]{18,})\b", re.IGNORECASE)
TOKEN_PREFIX = re.compile(r"\b((?:sk-|ghp_|github_pat_|xox[baprs]-|xapp-|gsk_|AIza|pplx-|npm_)[A-Za-z0-9_-]{8,})\b")
URL_USERINFO = re.compile(r"\b([a-z][a-z0-9+.-]*://)([^/@\s:?#]+):([^/@\s?#]+)@", re.IGNORECASE)
URL_SECRET_PARAM = re.compile(r"([?&](?:api[-_]?key|access[-_]?token|auth[-_]?token|hook[-_]?token|password|passwd|"
                              r"refresh[-_]?token|secret|token)=)[^&#\s]+", re.IGNORECASE)
EMAIL = re.compile(r"\b[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}\b", re.IGNORECASE)
MATRIX_USER = re.compile(r"@[A-Za-z0-9._=-]+:[A-Za-z0-9.-]+")
HANDLE = re.compile(r"(^|[^\w:/])@[A-Za-z0-9_]{5,}\b(?!\.)")
LONG_DECIMAL = re.compile(r"\b\d{9,}\b")
UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE)


@dataclass(slots=True)
class Redaction:
    home: str = "/Users/lin"
    state_dir: str = "/Users/lin/.openclaw"
    # The export docs say raw session ids are redacted; the exporter source read keeps them inside
    # messages. Redacted here (as ``<redacted>``), so the reader is tested on the stricter case.
    session_ids: bool = True


def mask(token: str) -> str:
    return "***" if len(token) < 18 else f"{token[:6]}…{token[-4:]}"


def redact_text(text: str, redaction: Redaction) -> str:
    """The exporter's text redaction (see the module docstring)."""
    text = SECRET_ASSIGNMENT.sub(lambda m: m.group(0).replace(m.group(2), mask(m.group(2)), 1), text)
    text = BEARER.sub(lambda m: m.group(0).replace(m.group(1), mask(m.group(1))), text)
    text = TOKEN_PREFIX.sub(lambda m: mask(m.group(1)), text)
    text = URL_USERINFO.sub(r"\1<redacted>:<redacted>@", text)
    text = URL_SECRET_PARAM.sub(r"\1<redacted>", text)
    text = MATRIX_USER.sub("<redacted-matrix-user>", text)
    text = EMAIL.sub("<redacted-email>", text)
    text = HANDLE.sub(r"\1<redacted-handle>", text)
    text = LONG_DECIMAL.sub("<redacted-id>", text)
    if redaction.session_ids:
        text = UUID.sub("<redacted>", text)
    for prefix, label in sorted(((redaction.state_dir, "$OPENCLAW_STATE_DIR"), (redaction.home, "~")),
                                key=lambda pair: -len(pair[0])):
        text = text.replace(prefix, label)
    return text


def cut(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """The first ``limit`` UTF-16 code units, as JavaScript's ``slice`` counts them."""
    encoded = text.encode("utf-16-le", "surrogatepass")
    if len(encoded) <= 2 * limit:
        return text
    return encoded[: 2 * limit].decode("utf-16-le", "ignore")


def _safe_string(value: str, redaction: Redaction) -> str:
    return cut(redact_text(value, redaction))


def _add_field(out: dict[str, Any], key: str, value: Any, redaction: Redaction) -> None:
    if OMITTED_FIELD.search(key):
        return
    lowered = key.lower()
    if isinstance(value, str):
        if lowered in SAFE_STRING_FIELDS:
            out[key] = _safe_string(value, redaction)
    elif isinstance(value, (bool, int, float)) or value is None:
        if lowered in SAFE_STRING_FIELDS or lowered in SAFE_SCALAR_FIELDS:
            out[key] = value


def _json_object(text: str) -> dict[str, Any] | None:
    stripped = text.strip()
    if not (stripped.startswith("{") and stripped.endswith("}")):
        return None
    try:
        value = json.loads(stripped)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def sanitize_line(line: str, redaction: Redaction) -> dict[str, Any]:
    """One log line as the exporter writes it into ``logs/openclaw-sanitized.jsonl``."""
    try:
        source = json.loads(line)
    except ValueError:
        return {"omitted": "unparsed", "bytes": len(line.encode("utf-8"))}
    if not isinstance(source, dict):
        return {"omitted": "non-object", "bytes": len(line.encode("utf-8"))}
    out: dict[str, Any] = {}
    for key, value in source.items():
        if key != "_meta" and not key.isdigit():
            _add_field(out, key, value, redaction)
    meta = source.get("_meta")
    if isinstance(meta, dict):
        for meta_key, out_key in (("logLevelName", "level"), ("name", "logger")):
            value = meta.get(meta_key)
            if out_key in out or not isinstance(value, str):
                continue
            record = _json_object(value) if meta_key == "name" else None
            if record is not None:
                for key, item in record.items():
                    _add_field(out, key, item, redaction)
            else:
                out[out_key] = _safe_string(value, redaction)
    for _, value in sorted(((key, value) for key, value in source.items() if key.isdigit()), key=lambda kv: int(kv[0])):
        record = _json_object(value) if isinstance(value, str) else value if isinstance(value, dict) else None
        if record is not None:
            for key, item in record.items():
                _add_field(out, key, item, redaction)
        elif isinstance(value, str):
            message = _safe_string(value, redaction)
            if "msg" not in out and message and not UNSAFE_MESSAGE.search(message):
                out["msg"] = message
            else:
                out["omitted"] = "log-message"
                out["omittedLogMessageBytes"] = out.get("omittedLogMessageBytes", 0) + len(value.encode("utf-8"))
                out["omittedLogMessageCount"] = out.get("omittedLogMessageCount", 0) + 1
    return out or {"omitted": "no-safe-fields", "bytes": len(line.encode("utf-8"))}


def log_tail(lines: Sequence[str], limit: int = LOG_LIMIT, max_bytes: int = LOG_MAX_BYTES) -> list[str]:
    """The newest lines within ``max_bytes`` (a line cut by the byte window is dropped) and ``limit``."""
    kept: list[str] = []
    size = 0
    for line in reversed(lines):
        size += len(line.encode("utf-8")) + 1
        if size > max_bytes or len(kept) >= limit:
            break
        kept.append(line)
    return kept[::-1]


def _record_time(line: str) -> datetime | None:
    try:
        value = json.loads(line).get("time")
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if isinstance(value, str) else None
    except (ValueError, AttributeError):
        return None


@dataclass(slots=True)
class BundleSpec:
    """What goes into a bundle besides the log: the gateway's config and its state at export."""

    export_time: datetime
    version: str = "2026.5.18"
    config: dict[str, Any] | None = field(default_factory=lambda: default_config())
    stability_events: list[dict[str, Any]] | None = None     # None: no stability bundle was persisted
    stability_written: datetime | None = None
    sessions_at_export: list[dict[str, Any]] = field(default_factory=list)
    event_loop_at_export: dict[str, float] = field(default_factory=dict)
    health_failed: bool = False
    redaction: Redaction = field(default_factory=Redaction)


def default_config() -> dict[str, Any]:
    """A gateway config as the exporter sanitizes it (secrets and private ids replaced)."""
    return {
        "agents": {"defaults": {"model": {"primary": "aliyun-tokenplan/qwen3.6-plus", "fallbacks": []},
                                "llm": {"idleTimeoutSeconds": 900}, "maxConcurrent": 4},
                   "list": [{"id": "main", "name": "personal-agent", "instructions": "<redacted>"}]},
        "channels": {"telegram": {"accounts": {"<redacted-account-1>": {"botToken": "<redacted>",
                                                                       "allowFrom": {"redacted": True, "count": 1}}}}},
        "gateway": {"auth": {"mode": "token", "token": "<redacted>"}, "bind": "loopback", "mode": "local", "port": 18789},
        "models": {"providers": {"aliyun-tokenplan": {"apiKey": "<redacted>", "baseUrl": "https://dashscope.example/v1",
                                                      "timeoutSeconds": 900}}},
    }


def _dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def bundle_files(log_lines: Sequence[str], spec: BundleSpec) -> dict[str, str]:
    """The bundle's members, path -> text."""
    exported = [line for line in log_lines if line.strip() and (_record_time(line) or spec.export_time) <= spec.export_time]
    tail = log_tail(exported)
    sanitized = [sanitize_line(line, spec.redaction) for line in tail]
    generated = spec.export_time.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    files: dict[str, str] = {}
    files["logs/openclaw-sanitized.jsonl"] = "".join(
        json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n" for record in sanitized)
    files["config/sanitized.json"] = _dump(spec.config)
    files["config/shape.json"] = _dump(_shape(spec.config))
    files["status/gateway-status.json"] = _dump({"status": "ok", "capturedAt": generated, "data": {
        "service": {"loaded": True, "label": "ai.openclaw.gateway", "runtime": {"status": "running", "pid": 4892}},
        "gateway": {"bindMode": "loopback", "port": 18789, "probeUrl": "ws://127.0.0.1:18789"},
        "rpc": {"ok": True}}})
    if spec.health_failed:
        files["health/gateway-health.json"] = _dump({"status": "failed", "capturedAt": generated,
                                                     "error": "gateway timeout after 3000ms"})
    else:
        files["health/gateway-health.json"] = _dump({"status": "ok", "capturedAt": generated, "data": {
            "ok": True, "ts": int(spec.export_time.timestamp() * 1000), "durationMs": 41, "heartbeatSeconds": 30,
            "defaultAgentId": "main", "agents": [{"id": "main", "name": "personal-agent"}],
            "sessions": {"path": "$OPENCLAW_STATE_DIR/agents/main/sessions/sessions.json",
                         "count": max(len(spec.sessions_at_export), 1),
                         "recent": [{"key": "<redacted>", "updatedAt": int(spec.export_time.timestamp() * 1000) - 12_000,
                                     "age": 12_000}]},
            "diagnostics": {"sessions": spec.sessions_at_export, "liveness": spec.event_loop_at_export}}})
    if spec.stability_events is not None:
        files["stability/latest.json"] = _dump(_stability(spec))
    files["diagnostics.json"] = _dump({
        "generatedAt": generated, "openclawVersion": spec.version,
        "process": {"platform": "darwin", "arch": "arm64", "node": "22.22.1", "pid": 51234},
        "stateDir": "$OPENCLAW_STATE_DIR", "config": _shape(spec.config),
        "logs": {"file": "/tmp/openclaw/openclaw-2026-05-21.log", "cursor": sum(len(x) + 1 for x in exported),
                 "size": sum(len(x) + 1 for x in exported), "lineCount": len(tail),
                 "truncated": len(tail) < len(exported), "reset": False},
        "stability": ({"status": "found", "path": "$OPENCLAW_STATE_DIR/logs/stability/latest.json",
                       "eventCount": len(spec.stability_events)} if spec.stability_events is not None
                      else {"status": "missing", "dir": "$OPENCLAW_STATE_DIR/logs/stability"}),
        "status": {"status": "included", "path": "status/gateway-status.json"},
        "health": ({"status": "failed", "path": "health/gateway-health.json", "error": "gateway timeout after 3000ms"}
                   if spec.health_failed else {"status": "included", "path": "health/gateway-health.json"}),
    })
    files["summary.md"] = ("# OpenClaw Diagnostics Export\n\nAttach this zip to the bug report.\n\n"
                           f"Generated: {generated}\nOpenClaw: {spec.version}\n")
    contents = [{"path": path, "mediaType": "application/json", "bytes": len(text.encode("utf-8"))}
                for path, text in files.items()]
    files = {"manifest.json": _dump({
        "version": 1, "generatedAt": generated, "openclawVersion": spec.version, "platform": "darwin", "arch": "arm64",
        "node": "22.22.1", "stateDir": "$OPENCLAW_STATE_DIR", "contents": contents,
        "privacy": {"payloadFree": True, "rawLogsIncluded": False, "notes": []}}), **files}
    return files


def _shape(config: dict[str, Any] | None) -> dict[str, Any]:
    if config is None:
        return {"path": "$OPENCLAW_STATE_DIR/openclaw.json", "exists": True, "parseOk": False, "topLevelKeys": []}
    return {"path": "$OPENCLAW_STATE_DIR/openclaw.json", "exists": True, "parseOk": True, "topLevelKeys": sorted(config)}


def _stability(spec: BundleSpec) -> dict[str, Any]:
    events = spec.stability_events or []
    written = spec.stability_written or spec.export_time
    by_type: dict[str, int] = {}
    for event in events:
        by_type[event["type"]] = by_type.get(event["type"], 0) + 1
    return {
        "version": 1, "generatedAt": written.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "reason": "gateway.shutdown_timeout",
        "process": {"pid": 4101, "platform": "darwin", "arch": "arm64", "node": "22.22.1", "uptimeMs": 18_000_000},
        "host": {"hostname": "<redacted-hostname>"},
        "snapshot": {"generatedAt": written.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                     "capacity": 1000, "count": len(events), "dropped": 0,
                     "firstSeq": events[0]["seq"] if events else None, "lastSeq": events[-1]["seq"] if events else None,
                     "events": events, "summary": {"byType": by_type}},
    }


def stability_events(start: datetime, ticks: int, starved: Iterable[int] = (), pressure_at: int | None = None) -> list[dict[str, Any]]:
    """A stability ring: a heartbeat every 30 s from ``start`` (``ticks`` of them), a liveness
    warning at each tick index in ``starved``, memory pressure at ``pressure_at``, and a
    stalled-session event (payload-free: no session name) at the last tick."""
    events: list[dict[str, Any]] = []
    starved = set(starved)
    for index in range(ticks):
        at = start + timedelta(seconds=30 * index)
        ts = int(at.timestamp() * 1000)
        events.append({"seq": len(events) + 1, "ts": ts, "type": "diagnostic.heartbeat",
                       "webhooks": {"received": 3, "processed": 3, "errors": 0}, "active": 1, "waiting": 0, "queued": 0})
        if index in starved:
            events.append({"seq": len(events) + 1, "ts": ts + 5, "type": "diagnostic.liveness.warning", "level": "warning",
                           "durationMs": 30000, "count": 2, "reason": "event_loop_delay", "eventLoopDelayP99Ms": 4210.7,
                           "eventLoopDelayMaxMs": 12408.1, "eventLoopUtilization": 0.97, "cpuCoreRatio": 0.98,
                           "active": 1, "waiting": 0, "queued": 1, "phase": "channels.telegram.poll"})
        if index == pressure_at:
            events.append({"seq": len(events) + 1, "ts": ts + 9, "type": "diagnostic.memory.pressure", "level": "warning",
                           "reason": "rss_threshold", "memory": {"rssBytes": 3_221_225_472, "heapTotalBytes": 2_147_483_648,
                                                                "heapUsedBytes": 1_932_735_283, "externalBytes": 52_428_800,
                                                                "arrayBuffersBytes": 1_048_576},
                           "thresholdBytes": 3_000_000_000})
    last = int((start + timedelta(seconds=30 * (ticks - 1))).timestamp() * 1000)
    events.append({"seq": len(events) + 1, "ts": last + 12, "type": "session.stalled", "outcome": "processing",
                   "reason": "active_work_without_progress", "ageMs": 150_000, "queueDepth": 1,
                   "activeWorkKind": "model_call"})
    return events


def write_zip(files: dict[str, str], out: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, text in files.items():
            archive.writestr(prefix + path, text)
    return out


def write_directory(files: dict[str, str], out: Path) -> Path:
    for path, text in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return out


def reference_spec(export_time: datetime) -> BundleSpec:
    """The reference incident's bundle: exported at 19:03 local, four minutes after the last
    stall line of sample_logs/openclaw-2026-05-21.log, with a stability bundle the gateway
    persisted at its 13:02 restart (an event-loop stall and memory pressure before it)."""
    written = datetime(2026, 5, 21, 13, 2, 40, tzinfo=timezone(timedelta(hours=8)))
    start = written - timedelta(minutes=10)
    return BundleSpec(
        export_time=export_time,
        stability_events=stability_events(start, 20, starved=(14, 16, 18), pressure_at=17),
        stability_written=written,
        sessions_at_export=[{"state": "processing", "queueDepth": 1, "ageMs": 64_000, "activeWorkKind": "model_call"}],
        event_loop_at_export={"eventLoopDelayP99Ms": 88.1, "eventLoopDelayMaxMs": 412.5, "eventLoopUtilization": 0.21,
                              "cpuCoreRatio": 0.24},
    )


REFERENCE_EXPORT = datetime(2026, 5, 21, 19, 3, 10, tzinfo=timezone(timedelta(hours=8)))


def build_bundle(log: Path, out: Path, spec: BundleSpec | None = None, *, unpacked: bool = False, prefix: str = "") -> Path:
    """Write the bundle of ``log`` (the reference spec by default) to ``out``: a zip, or a directory."""
    spec = spec or reference_spec(REFERENCE_EXPORT)
    files = bundle_files(log.read_text(encoding="utf-8").splitlines(), spec)
    return write_directory(files, out) if unpacked else write_zip(files, out, prefix)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tools.bundlegen", description=__doc__.splitlines()[0])
    parser.add_argument("log", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--export-time", default=REFERENCE_EXPORT.isoformat())
    parser.add_argument("--unpacked", action="store_true", help="write a directory instead of a zip")
    args = parser.parse_args(argv)
    spec = reference_spec(datetime.fromisoformat(args.export_time))
    print(build_bundle(args.log, args.output, spec, unpacked=args.unpacked))


if __name__ == "__main__":
    main()
