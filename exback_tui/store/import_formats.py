"""Reading any file exback imports: recognise it by its content, never its name, and hand it
to its importer.

An exback or jrnl JSON export (:mod:`.import_file`), Daylio's CSV export
(:mod:`.import_daylio`), Loop Habit Tracker's SQLite backup and CSV zip (:mod:`.import_loop_db`,
:mod:`.import_loop`) and jrnl's journal file (:mod:`.import_jrnl_text`). Each becomes an
:class:`.import_source.Incoming`, checked whole; a file that is none of them, or that its
importer cannot read, is refused in one sentence before any journal is opened.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import InvalidInput
from .import_daylio import is_daylio, parse_daylio
from .import_document import parse_document
from .import_file import parse_export, read_bytes
from .import_jrnl_text import is_jrnl_text, parse_jrnl_text
from .import_loop import is_loop_zip, parse_loop_zip
from .import_loop_db import is_sqlite, parse_loop_db
from .import_source import ImportOptions, Incoming, Refused, refusal

STDIN = "-"
# Which files take which option: a mapping given for another file is a mistake, said so.
_MAPS = (("mood_map", "--mood-map", ("daylio",)), ("habit_map", "--habit-map", ("daylio", "loop")))


def open_import(file: str, options: ImportOptions) -> tuple[str, Incoming]:
    """The file named on the command line ('-': standard input), read and recognised; its
    name for sentences, and what it holds."""
    if file == STDIN:
        name = "Standard input"
        return name, read_import(None, sys.stdin.buffer.read(), name, options)
    path = Path(file).expanduser()
    return file, read_import(path, read_bytes(path), file, options)


def read_import(path: Path | None, raw: bytes, name: str, options: ImportOptions) -> Incoming:
    """``raw`` (the file at ``path``, if it is one) recognised and read whole.

    Raises :class:`InvalidInput` or a :class:`JournalPathError` with one sentence naming the
    file and, where there is one, the line or field that could not be read.
    """
    try:
        found = _recognised(path, raw, name, options)
    except Refused as exc:
        raise refusal(name, exc) from None
    for key, option, kinds in _MAPS:
        if getattr(options, key) and found.kind not in kinds:
            raise InvalidInput(
                f"{option} is for {' and '.join(_KIND_WORDS[k] for k in kinds)}, and {name} is "
                f"a {found.label}; nothing was imported."
            )
    return found


_KIND_WORDS = {"daylio": "a Daylio export", "loop": "Loop Habit Tracker's files"}


def _recognised(path: Path | None, raw: bytes, name: str, options: ImportOptions) -> Incoming:
    if not raw.removeprefix(b"\xef\xbb\xbf").strip():
        raise InvalidInput(f"{name} is empty; nothing was imported.")
    if is_sqlite(raw):
        return parse_loop_db(path if path is not None else raw, name, options)
    if is_loop_zip(raw):
        found = parse_loop_zip(raw, name, options)
        if found is None:
            raise InvalidInput(
                f"{name} is a zip file but not a Loop Habit Tracker CSV export (it has no "
                "Habits.csv); nothing was imported."
            )
        return found
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = ""  # not text: parse_export says so
    if is_jrnl_text(text):
        return parse_jrnl_text(text, options)
    if is_daylio(text):
        return parse_daylio(text, options)
    doc = parse_export(raw, name)
    parsed = parse_document(doc, options.today)
    return Incoming(parsed.kind, f"{parsed.kind} export", parsed)
