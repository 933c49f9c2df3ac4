"""exback's modules import each other in one direction only, and never a private name.

Read from the source with ``ast``, function-level imports included, so a lazy import that only
hides a circle is caught. Imports under ``if TYPE_CHECKING:`` are left out: they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import exback_tui

PACKAGE = Path(exback_tui.__file__).parent


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node except those under ``if TYPE_CHECKING:``."""
    found: list[ast.AST] = []
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        found.append(node)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            todo.extend(node.orelse)
            continue
        todo.extend(ast.iter_child_nodes(node))
    return found


def _imports(path: Path) -> list[tuple[str, str | None]]:
    """(module imported, name taken from it or None) for each import in ``path``."""
    module = _name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[str, str | None]] = []
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                if (PACKAGE.parent / submodule.replace(".", "/")).with_suffix(".py").exists():
                    found.append((submodule, None))  # "from . import database"
                else:
                    found.append((target, alias.name))
    return found


def _modules() -> dict[str, Path]:
    return {_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}


def test_the_package_has_no_import_cycle() -> None:
    """The store's layers, the command line's package and its consoles, the app's screens:
    no circle, even through an import inside a function."""
    modules = _modules()
    graph = {
        name: {target for target, _ in _imports(path) if target in modules and target != name}
        for name, path in modules.items()
    }
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            cycle = [*trail[trail.index(name) :], name]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


def test_no_module_imports_a_private_name_of_another() -> None:
    offenders = [
        f"{name} imports {taken} from {target}"
        for name, path in _modules().items()
        for target, taken in _imports(path)
        if target.startswith("exback_tui")
        and target != name
        and taken is not None
        and taken.startswith("_")
        and not taken.startswith("__")
    ]
    assert offenders == []
