"""Python's garbage collector in the test processes.

A pytest worker starts a few hundred Textual apps, one after another. Two things made its
collections slow, measured on tests/tui/test_keys.py: 11 s of a 27 s run went on collecting,
10 s of it on full (oldest-generation) collections.

- Textual keeps finished apps' pieces alive. ``StylesCache.get_inner_outer`` is an
  ``lru_cache`` on a method, so its keys hold the last 1,024 widgets' style caches, and with
  them every line those widgets drew (Textualize/textual#6665, open in 8.2.8). Across one
  file the heap grew from 137,000 objects to 427,000, and each full collection walks them all.
  After each test, :func:`forget_finished_apps` empties that cache.
- Everything imported and collected lives as long as the worker. :func:`settle` freezes it
  once, as exback's own start-up and the warm server do, and lets the youngest generation
  grow before a collection: an app's short-lived objects then die young instead of being
  walked again and again on their way to the oldest generation.

Neither changes what a test sees: the cache is only a cache, and a collection frees the
same objects later. tests/tui's 188 tests went from 191 s and 315 CPU s to 141 s and 216 CPU s
on two workers.
"""

from __future__ import annotations

import gc
import sys

# The youngest generation's threshold (700 by default): an app's frame makes thousands.
YOUNG_THRESHOLD = 20_000


def settle() -> None:
    """Freeze what the worker has made so far and let young objects die young."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


def forget_finished_apps() -> None:
    """Let go of the style caches Textual's ``lru_cache`` keeps from apps already closed."""
    styles_cache = sys.modules.get("textual._styles_cache")
    if styles_cache is None:  # this worker has not started an app yet
        return
    # If Textual mends #6665 and this is no longer an lru_cache, this fails: drop it then.
    styles_cache.StylesCache.get_inner_outer.cache_clear()
