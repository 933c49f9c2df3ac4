"""Write exback's manual page, exback_tui/data/exback.1, from the argparse parser.

Run it after changing any command's arguments or help (tests/test_cli_completion.py fails until
the shipped page matches the parser):

    python scripts/make_man_page.py
"""

from __future__ import annotations

from pathlib import Path

from exback_tui.cli_parser import build_parser
from exback_tui.commands.man_page import render

PAGE = Path(__file__).resolve().parent.parent / "exback_tui" / "data" / "exback.1"


def main() -> None:
    """Write the page and say where."""
    PAGE.write_text(render(build_parser()), encoding="utf-8")
    print(f"wrote {PAGE}")


if __name__ == "__main__":
    main()
