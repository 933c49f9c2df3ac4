"""Export and import, in one place for their callers: the document, its formats, reading one.

Each part lives in its own module, as jrnl keeps one file per format:
:mod:`.document` (format, version, what an import did), :mod:`.export_document` (building it
from a journal), :mod:`.export_json`, :mod:`.export_markdown` and :mod:`.export_csv`
(rendering it, no SQLAlchemy), :mod:`.import_file` (reading and recognising one),
:mod:`.import_document` and :mod:`.import_values` (validating it, no database) and
:mod:`.import_write` (writing it, replace or merge). Other apps' files (Daylio, Loop Habit
Tracker, jrnl's journal) are recognised by :mod:`.import_formats`, each read by its own module
into the same document (:mod:`.import_source`). A journal exports and imports through
``Journal.export_data`` and ``Journal.import_data``, one transaction each.
"""

from __future__ import annotations

from .document import FORMAT, SECTIONS, VERSION, Doc, ImportSummary, Progress, write_private
from .export_csv import to_csv
from .export_json import to_json
from .export_markdown import to_markdown
from .import_document import Parsed, parse_document
from .import_file import detect, parse_export, read_export
from .import_formats import open_import, read_import
from .import_source import (
    DAYLIO_LEVELS,
    ImportOptions,
    Incoming,
    parse_habit_map,
    parse_mood_map,
)

__all__ = [
    "DAYLIO_LEVELS",
    "FORMAT",
    "SECTIONS",
    "VERSION",
    "Doc",
    "ImportOptions",
    "ImportSummary",
    "Incoming",
    "Parsed",
    "Progress",
    "detect",
    "open_import",
    "parse_document",
    "parse_export",
    "parse_habit_map",
    "parse_mood_map",
    "read_export",
    "read_import",
    "to_csv",
    "to_json",
    "to_markdown",
    "write_private",
]
