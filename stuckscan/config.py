"""The gateway's config (``openclaw.json``, JSON5), where it is found, and the stall
detector's thresholds it sets.

A config comes from ``--config PATH``, from a diagnostics bundle (``config/sanitized.json``),
or, on the gateway host (no log paths given), from OpenClaw's own location:
``$OPENCLAW_CONFIG_PATH``, else ``$OPENCLAW_STATE_DIR/openclaw.json``, else
``~/.openclaw/openclaw.json``. The file is JSON5 (comments, trailing commas, unquoted keys);
``json5`` reads it. Nothing here prints a value: callers pass what they show through
:mod:`stuckscan.redact`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import field
from typing import Any

from stuckscan._dataclass import dataclass
from stuckscan.inputs import InputError, display_name, os_error_cause
from stuckscan.thresholds import (
    DEFAULT_THRESHOLDS,
    RUN_BUDGET_SECONDS,
    WARN_RANGE_MS,
    WARN_THRESHOLD_SECONDS,
    Thresholds,
    default_abort_seconds,
)

MAX_CONFIG_BYTES = 4 << 20  # a real openclaw.json is a few KB; the pure-Python reader is slow on huge input
WARN_KEY = "diagnostics.stuckSessionWarnMs"
ABORT_KEY = "diagnostics.stuckSessionAbortMs"
RUN_BUDGET_KEY = "agents.defaults.timeoutSeconds"


@dataclass(frozen=True, slots=True)
class GatewayConfig:
    """A parsed gateway config and where it came from (``origin`` says how it was chosen)."""

    values: Mapping[str, Any]
    path: str
    origin: str
    notes: tuple[str, ...] = field(default=())

    def get(self, dotted: str) -> Any:
        """The value at ``a.b.c``, or None when any step is missing or not an object."""
        current: Any = self.values
        for step in dotted.split("."):
            if not isinstance(current, Mapping):
                return None
            current = current.get(step)
        return current


def parse_config_text(text: str) -> dict[str, Any]:
    """The config object in ``text`` (JSON5). Raises ValueError with a short reason."""
    import json5  # only when a config is read

    try:
        value = json5.loads(text)
    except ValueError as error:
        raise ValueError(_first_line(str(error))) from None
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(value, dict):
        raise ValueError(f"the top level is {type(value).__name__}, not an object")
    return value


def read_config(path: str, origin: str) -> GatewayConfig:
    """The config at ``path``; an :class:`InputError` (one line) when it cannot be used."""
    name = display_name(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as error:
        raise InputError(f"cannot read config {name}: {os_error_cause(path, error)}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise InputError(f"config {name} is larger than {MAX_CONFIG_BYTES >> 20} MiB: not an OpenClaw config")
    try:
        values = parse_config_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"config {name} is not UTF-8 text") from None
    except ValueError as error:
        raise InputError(f"config {name} is not valid JSON5: {error}") from None
    return GatewayConfig(values, path, origin)


def gateway_config_path(env: Mapping[str, str] = os.environ) -> tuple[str, str]:
    """Where the gateway reads its config, and which rule chose it."""
    from stuckscan.discovery import config_path

    if env.get("OPENCLAW_CONFIG_PATH", "").strip():
        origin = "OPENCLAW_CONFIG_PATH"
    elif env.get("OPENCLAW_STATE_DIR", "").strip():
        origin = "OPENCLAW_STATE_DIR"
    else:
        origin = "the gateway's default location"
    return str(config_path(env)), origin


def host_config(env: Mapping[str, str] = os.environ) -> tuple[GatewayConfig | None, str | None]:
    """The gateway host's own config, or None; a note when one exists but cannot be used
    (a missing file is normal and says nothing)."""
    path, origin = gateway_config_path(env)
    if not os.path.exists(path):
        return None, None
    try:
        return read_config(path, origin), None
    except InputError as error:
        return None, f"ignored the gateway config: {error}"


def thresholds_from(config: GatewayConfig | None) -> tuple[Thresholds, list[str]]:
    """The stall detector's thresholds as ``config`` sets them, and a note for each value
    that the gateway would not accept either (it then uses its default)."""
    if config is None:
        return DEFAULT_THRESHOLDS, []
    notes: list[str] = []
    warn_seconds, warn_origin = WARN_THRESHOLD_SECONDS, "default"
    warn_ms = _milliseconds(config.get(WARN_KEY), WARN_KEY, notes)
    if warn_ms is not None:
        low, high = WARN_RANGE_MS
        if low <= warn_ms <= high:
            warn_seconds, warn_origin = warn_ms / 1000, WARN_KEY
        else:
            notes.append(f"{WARN_KEY} {warn_ms:g} is outside {low}..{high}: the default applies")
    abort_ms = _milliseconds(config.get(ABORT_KEY), ABORT_KEY, notes)
    if abort_ms is not None and abort_ms >= 1000:
        abort_seconds, abort_origin = abort_ms / 1000, ABORT_KEY
    else:
        if abort_ms is not None:
            notes.append(f"{ABORT_KEY} {abort_ms:g} is below 1000 ms: the default applies")
        abort_seconds = default_abort_seconds(warn_seconds)
        abort_origin = "default" if warn_origin == "default" else f"max(300 s, 3 x {WARN_KEY})"
    run_budget = number_at(config, RUN_BUDGET_KEY) or RUN_BUDGET_SECONDS
    thresholds = Thresholds(warn_seconds=warn_seconds, abort_seconds=abort_seconds,
                            warn_origin=warn_origin, abort_origin=abort_origin, run_budget_seconds=run_budget)
    return thresholds, notes


def _milliseconds(value: Any, key: str, notes: list[str]) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        notes.append(f"{key} is not a number: the default applies")
        return None
    return float(value)


def number_at(config: GatewayConfig | None, dotted: str) -> float | None:
    """A positive number at ``dotted``, else None (absent, redacted, or not a number)."""
    if config is None:
        return None
    value = config.get(dotted)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        return None
    return float(value)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unreadable"
