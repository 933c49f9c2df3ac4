"""``python -m exback_tui``: the same as the ``exback`` command."""

from .cli import main

raise SystemExit(main())
