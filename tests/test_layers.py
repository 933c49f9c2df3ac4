"""The layers of DESIGN.md hold: imports point down only, and quick commands stay light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "exback_tui"


def loaded_after(code: str) -> set[str]:
    """Top-level modules in sys.modules after running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def imports_of(folder: Path) -> set[str]:
    """Every absolute module a folder's files import (relative ones resolved to exback_tui)."""
    found: set[str] = set()
    for file in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text())):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level == 0 and node.module:
                    found.add(node.module)
                elif node.level:
                    rel = file.relative_to(PACKAGE.parent).with_suffix("").parts[: -node.level]
                    found.add(".".join([*rel, node.module or ""]).rstrip("."))
    return found


def test_core_imports_only_the_standard_library_and_itself() -> None:
    third_party = {"sqlalchemy", "textual", "rich", "alembic", "platformdirs"}
    for name in imports_of(PACKAGE / "core"):
        assert name.split(".")[0] not in third_party, name
        if name.startswith("exback_tui"):
            assert name.startswith("exback_tui.core"), name


def test_store_imports_no_textual_and_nothing_above_it() -> None:
    for name in imports_of(PACKAGE / "store"):
        assert not name.startswith(("textual", "rich")), name
        if name.startswith("exback_tui") and name != "exback_tui":  # the root: __version__
            assert name.startswith(("exback_tui.store", "exback_tui.core")), name


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["checkin", "--mood", "5"],
        ["habits"],
        ["entry", "a line"],
    ],
)
def test_quick_commands_do_not_import_textual(tmp_path: Path, argv: list[str]) -> None:
    code = (
        "from exback_tui.cli import main\n"
        "try:\n"
        f"    main(['--db', {str(tmp_path / 'j.db')!r}, *{argv!r}])\n"
        "except SystemExit:\n"
        "    pass"
    )
    modules = loaded_after(code)
    assert "exback_tui" in modules
    assert "textual" not in modules


def test_a_current_journal_opens_without_alembic(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    code = f"from exback_tui.cli import main; main(['--db', {str(path)!r}, 'habits'])"
    loaded_after(code)  # creates the journal (and migrates it)
    modules = loaded_after(code)
    assert "alembic" not in modules


def test_the_parser_loads_no_rules() -> None:
    """Every command builds the whole parser first: the rules it could need for one option
    (the weekly review's, about 50 ms with core.insights) are loaded by that option only."""
    probe = (
        "from exback_tui.cli_parser import build_parser\n"
        "build_parser()\n"
        "import sys\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    modules = set(result.stdout.split())
    assert "exback_tui.cli_parser_week" in modules
    assert not {"exback_tui.core.week_review", "exback_tui.core.insights"} & modules
