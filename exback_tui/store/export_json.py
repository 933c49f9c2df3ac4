"""The export document as JSON: the complete format, the one that imports back."""

from __future__ import annotations

import json

from ..core.text import json_safe
from .document import (
    Doc,
)


def to_json(doc: Doc) -> str:
    """The document as UTF-8-friendly, indented JSON text ending in a newline.

    Complete, to import back: control characters are kept, as JSON escapes (C1 ones too, so
    the text is safe to print on a terminal).
    """
    return json_safe(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"
