"""Log events and their on-disk JSONL rendering (tslog ``hidden`` records)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone

from .build import Build
from .clock import iso_local, iso_utc

LEVEL_IDS = {"trace": 1, "debug": 2, "info": 3, "warn": 4, "error": 5, "fatal": 6}
_SESSION_FIELD = re.compile(r"\bsessionId=([^\s]+)")
_SESSION_KEY_FIELD = re.compile(r"\bsessionKey=([^\s]+)")
_MESSAGE_CAP = 4096


@dataclass
class Event:
    """One logger call.

    ``subsystem`` is ``None`` for root-logger lines (text in ``"0"``).
    ``meta`` is the optional meta object (``"1"``), the text then goes to ``"2"``.
    ``raw`` is a pre-rendered line written verbatim (records without ``_meta``,
    broken or foreign lines).
    """

    at: datetime
    level: str
    subsystem: str | None
    text: str
    meta: dict | None = None
    method: str = "logToFile"
    raw: str | None = None
    console_text: str | None = None
    seq: int = 0


def dumps(obj: object) -> str:
    """``JSON.stringify`` equivalent: compact, non-ASCII kept, controls escaped."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def binding(subsystem: str) -> str:
    """The ``{"subsystem":"<name>"}`` string used as ``"0"`` and ``_meta.name``."""
    return dumps({"subsystem": subsystem})


def meta_block(ev: Event, build: Build) -> dict:
    """The tslog ``_meta`` object, keys in tslog's order."""
    is_root = ev.subsystem is None
    meta: dict = {
        "runtime": "node",
        "runtimeVersion": build.node,
        "hostname": build.hostname,
        "name": build.root if is_root else binding(ev.subsystem or ""),
    }
    if not is_root:
        meta["parentNames"] = [build.root]
    meta["date"] = iso_utc(ev.at)
    meta["logLevelId"] = LEVEL_IDS[ev.level]
    meta["logLevelName"] = ev.level.upper()
    meta["path"] = build.path_block(ev.method)
    return meta


def record_time(ev: Event, build: Build, tz: timezone) -> str:
    """The OpenClaw ``time`` field: UTC ``Z`` up to 2026.3.1, local after."""
    return iso_utc(ev.at) if build.time_utc else iso_local(ev.at, tz)


def structured_session_id(ev: Event) -> str | None:
    """``session_id`` for mid-2026 builds: sessionId, else sessionKey."""
    meta = ev.meta or {}
    for key in ("session_id", "sessionId", "sessionKey"):
        if isinstance(meta.get(key), str):
            return meta[key][:512]
    for pattern in (_SESSION_FIELD, _SESSION_KEY_FIELD):
        found = pattern.search(ev.text)
        if found and found.group(1) != "unknown":
            return found.group(1)[:512]
    return None


def to_record(ev: Event, build: Build, tz: timezone) -> dict:
    """The JSON object written for ``ev`` (key order as on disk)."""
    rec: dict = {}
    if ev.subsystem is None:
        rec["0"] = ev.text
    else:
        rec["0"] = binding(ev.subsystem)
        if ev.meta is None:
            rec["1"] = ev.text
        else:
            rec["1"] = ev.meta
            rec["2"] = ev.text
    rec["_meta"] = meta_block(ev, build)
    rec["time"] = record_time(ev, build, tz)
    if build.structured:
        rec["hostname"] = build.hostname
        text = ev.text
        if len(text) > _MESSAGE_CAP:
            text = text[:_MESSAGE_CAP] + "...(truncated)"
        rec["message"] = text
        session_id = structured_session_id(ev)
        if session_id:
            rec["session_id"] = session_id
    return rec


def jsonl_line(ev: Event, build: Build, tz: timezone) -> str:
    """One JSONL line (without the trailing newline)."""
    if ev.raw is not None:
        return ev.raw
    return dumps(to_record(ev, build, tz))


def size_cap_line(at: datetime, tz: timezone, path: str, max_bytes: int) -> str:
    """The one ``_meta``-less warning written when ``logging.maxFileBytes`` is hit."""
    return dumps({
        "time": iso_local(at, tz),
        "level": "warn",
        "subsystem": "logging",
        "message": f"log file size cap reached; suppressing writes file={path} maxFileBytes={max_bytes}",
    })
