"""The command line's two consoles, ``out`` and ``err``: whatever a command prints passes one
filter on its way to the terminal. A module of its own so the commands package and the
modules it loads late (the passphrase prompt) both take them from here.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook, RenderResult
from rich.segment import Segment
from rich.text import Text

from ..core.text import shown


class TerminalSafe(RenderHook):
    """The one output filter of the command line: whatever a command prints (journal text,
    paths, names) is drawn through :func:`core.text.shown`, so no escape sequence or control
    character from a journal or a file name reaches the terminal. Rich's own styling and
    cursor moves (control segments) pass as they are."""

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        """Each renderable, wrapped so its segments are filtered as they are drawn."""
        return [_Shown(renderable) for renderable in renderables]


class _Shown:
    """A renderable drawn through :func:`core.text.shown`, segment by segment."""

    __slots__ = ("renderable",)

    def __init__(self, renderable: ConsoleRenderable) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            if segment.control or segment.text.isprintable():
                yield segment
            else:
                yield Segment(shown(segment.text), segment.style)


class SafeConsole(Console):
    """A Rich console whose output passes :class:`TerminalSafe`; a string printed is filtered
    before Rich reads it too, so a sequence is removed whole (Rich drops the BEL that ends an
    OSC when it builds a Text, and the filter would then see only its opening)."""

    def __init__(self, *, stderr: bool = False, soft_wrap: bool = False) -> None:
        super().__init__(stderr=stderr, highlight=False, soft_wrap=soft_wrap)
        self.push_render_hook(TerminalSafe())

    def render_str(self, text: str, *args: Any, **kwargs: Any) -> Text:
        """Rich's own conversion of a printed string, of the string made safe."""
        return super().render_str(shown(text), *args, **kwargs)

    def on_broken_pipe(self) -> None:
        """The reader stopped early (``exback status | head -1``): not an error. Rich's own
        answer is to exit with 1; this hands it to ``cli.main``, which ends quietly with 0."""
        self.quiet = True
        raise BrokenPipeError


out = SafeConsole()
# One sentence each, often holding a path: left whole for the terminal to wrap, so a path
# is never broken by a newline (and a script reading stderr sees the sentence as written).
err = SafeConsole(stderr=True, soft_wrap=True)
