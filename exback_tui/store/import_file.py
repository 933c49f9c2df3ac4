"""Reading an export file and recognising it: an exback export or a jrnl JSON export.

Pure apart from reading the one file; a file that is not one of the two is refused in one
sentence before any journal is opened. :mod:`.import_document` validates what it holds;
:mod:`.import_formats` first tells other apps' files (Daylio, Loop, jrnl's journal) from these.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .document import FORMAT, Doc
from .errors import InvalidInput, JournalPathError


def detect(doc: Any) -> str | None:
    """'exback' or 'jrnl' for a document we can import, None for anything else."""
    if not isinstance(doc, dict):
        return None
    if doc.get("format") == FORMAT:
        return "exback"
    entries = doc.get("entries")
    if (
        "format" not in doc
        and isinstance(entries, list)
        and all(
            isinstance(e, dict) and "date" in e and ("body" in e or "title" in e) for e in entries
        )
    ):
        return "jrnl"
    return None


def parse_export(raw: bytes | str, name: str) -> Doc:
    """Parse an export's text; ``name`` is how the sentences refer to it."""
    try:
        doc = json.loads(raw)
    except UnicodeDecodeError:
        raise InvalidInput(
            f"{name} is not a text file, so not an exback or jrnl export (nor a Daylio CSV, a "
            "Loop Habit Tracker backup or a jrnl journal); nothing was imported."
        ) from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"{name} is not valid JSON ({exc.msg} at line {exc.lineno}), so not an exback or "
            "jrnl export (nor a Daylio CSV, a Loop Habit Tracker backup or a jrnl journal); "
            "nothing was imported."
        ) from None
    except ValueError:  # Python reads no whole number of more than 4,300 digits
        raise InvalidInput(
            f"{name} holds a number thousands of digits long, so it is not an exback or jrnl "
            "export; nothing was imported."
        ) from None
    except RecursionError:
        raise InvalidInput(
            f"{name} nests lists or records too deeply to be an exback or jrnl export; "
            "nothing was imported."
        ) from None
    if detect(doc) is None:
        raise InvalidInput(f"{name} is not an exback or jrnl export; nothing was imported.")
    return doc  # type: ignore[no-any-return]


def read_export(path: Path) -> Doc:
    """Read and recognise an export file (raises with one clear sentence)."""
    return parse_export(read_bytes(path), str(path))


def read_bytes(path: Path) -> bytes:
    """The whole of the file to import (raises with one clear sentence)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise JournalPathError(f"{path} does not exist; nothing was imported.") from None
    except IsADirectoryError:
        raise JournalPathError(f"{path} is a folder; give the export file itself.") from None
    except PermissionError:
        raise JournalPathError(f"There is no permission to read {path}.") from None
    except OSError as exc:
        raise JournalPathError(f"{path} could not be read ({exc.strerror}).") from None
