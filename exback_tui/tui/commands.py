"""The command palette (ctrl+p): every action of the app, found by name, read from tui.keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, NamedTuple

from textual.actions import parse
from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from . import keys
from .screens.dashboard import DashboardScreen


class Entry(NamedTuple):
    """One line of the palette and what choosing it runs."""

    title: str
    help: str
    run: Callable[[], object]


def entries(app: App[Any]) -> Iterator[Entry]:
    """The palette's lines: the dashboard's keys, the actions without keys, the app's keys.

    A dashboard action without ``app.`` runs on the dashboard and is offered only when the
    dashboard allows it now (no urge pause once you are together again).
    """
    dashboard = next((s for s in app.screen_stack if isinstance(s, DashboardScreen)), None)
    seen: set[str] = set()
    for owner, bindings in ((dashboard, keys.DASHBOARD), (app, keys.EVERYWHERE)):
        for binding in bindings:
            name_in_table = binding.id or binding.action
            if not binding.show or name_in_table in seen:
                continue
            seen.add(name_in_table)
            target: DOMNode | None = app if binding.action.startswith("app.") else owner
            if target is None:
                continue
            _, name, parameters = parse(binding.action)
            if not target.check_action(name, parameters):
                continue
            hint = f"{binding.tooltip} ({app.get_key_display(binding)})"
            yield Entry(binding.description, hint, partial(app.run_action, binding.action, target))
        if owner is dashboard:
            for command in keys.WITHOUT_KEYS:
                yield Entry(command.title, command.help, partial(app.run_action, command.action))


class ExbackCommands(Provider):
    """Every exback action, for the palette."""

    async def discover(self) -> Hits:
        """Show every action when nothing is typed yet."""
        for entry in entries(self.app):
            yield DiscoveryHit(entry.title, entry.run, help=entry.help)

    async def search(self, query: str) -> Hits:
        """The actions whose name (or help) matches what was typed."""
        matcher = self.matcher(query)
        for entry in entries(self.app):
            score = max(matcher.match(entry.title), matcher.match(entry.help) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(entry.title), entry.run, help=entry.help)
