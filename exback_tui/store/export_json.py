"""The export document as JSON: the complete format, the one that imports back."""

from __future__ import annotations

import json

from .document import (
    Doc,
)


def to_json(doc: Doc) -> str:
    """The document as UTF-8-friendly, indented JSON text ending in a newline."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

