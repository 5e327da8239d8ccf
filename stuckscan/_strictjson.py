"""JSON in and out, safe for any input.

Reading: a log line with an integer longer than Python's int-string limit (4300 digits)
is still a record: such an integer is kept as its digit string (exact, and never
converted to a number). Only the rare record that hits the limit pays for the retry.

Writing: RFC 8259 has no NaN or Infinity, and jq, Node, Go and Rust reject Python's bare
``NaN``; a non-finite float is written as the string ``"NaN"``, ``"Infinity"`` or
``"-Infinity"`` (the value stays visible; ``null`` would hide it).
"""

from __future__ import annotations

import json
import math
from typing import Any

_INT_LIMIT_WORDS = "integer string conversion"  # the ValueError of sys.get_int_max_str_digits()


def loads(text: str) -> Any:
    """``json.loads``, keeping integers too long for ``int()`` as their digit strings."""
    try:
        return json.loads(text)
    except ValueError as error:
        if _INT_LIMIT_WORDS not in str(error):
            raise
    return json.loads(text, parse_int=_int_or_digits)


def _int_or_digits(digits: str) -> int | str:
    try:
        return int(digits)
    except ValueError:
        return digits


def dumps(value: Any, **options: Any) -> str:
    """``json.dumps`` that never writes ``NaN``/``Infinity`` (they become strings)."""
    try:
        return json.dumps(value, allow_nan=False, **options)
    except ValueError:
        return json.dumps(finite(value), allow_nan=False, **options)


def finite(value: Any) -> Any:
    """``value`` with every non-finite float replaced by its name as a string."""
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(item) for item in value]
    return value
