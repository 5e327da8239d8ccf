from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_logs"


def tslog_line(time: str, subsystem: str | None, message: str | dict, level: str = "INFO",
               meta: dict | None = None, utc: str | None = None) -> str:
    """A gateway JSONL record as tslog writes it (format reference 1.3)."""
    binding = json.dumps({"subsystem": subsystem}) if subsystem else None
    record: dict = {}
    if binding:
        record["0"] = binding
        if meta is not None:
            record["1"] = meta
            record["2"] = message
        else:
            record["1"] = message
    else:
        record["0"] = message
    level_ids = {"TRACE": 1, "DEBUG": 2, "INFO": 3, "WARN": 4, "ERROR": 5, "FATAL": 6}
    record["_meta"] = {
        "runtime": "node", "runtimeVersion": "22.22.0", "hostname": "unknown",
        "name": binding or "openclaw", "parentNames": ["openclaw"], "date": utc or time,
        "logLevelId": level_ids[level], "logLevelName": level,
        "path": {"fullFilePath": "file:///usr/lib/node_modules/openclaw/dist/entry.js:2366:14",
                 "fileName": "entry.js", "fileNameWithLine": "entry.js:2366", "fileColumn": "14",
                 "fileLine": "2366", "filePath": "/usr/lib/node_modules/openclaw/dist/entry.js",
                 "filePathWithLine": "/usr/lib/node_modules/openclaw/dist/entry.js:2366", "method": "logToFile"},
    }
    record["time"] = time
    return json.dumps(record, ensure_ascii=False)


@pytest.fixture
def samples() -> Path:
    return SAMPLES
