"""How the interpreter and the C heap are tuned for an interactive app, in one place.

- ``tune_interpreter_for_ui`` (at start): hand the GIL around more often; no garbage collection until the
  first frame.
- ``settle_after_first_frame`` (once the first frame is painted): collect once, freeze start-up's objects
  out of the garbage collector's reach, and let it run again.
- ``trim_heap`` (after syncs, now and then): give freed heap memory back to the operating system.

glibc keeps pages freed by Python and SQLite in its heap for reuse, so after start-up and after each sync
the resident size stays at its high-water mark. ``malloc_trim`` returns them: about 8 MB on an idle app
with a 100 k-job cache, in about a millisecond. Other C libraries (macOS, Windows, musl) return memory
on their own or have no such call; there ``trim_heap`` does nothing.
"""

from __future__ import annotations

import functools
import gc
import logging
import sys
from collections.abc import Callable

log = logging.getLogger("atelier.runtime")

GIL_SWITCH_INTERVAL = 0.001
"""Seconds a thread holds the GIL before handing it on (Python's default is 0.005)."""


def tune_interpreter_for_ui() -> None:
    """Hand the GIL around more often: the UI thread shares it with the cache writer and the reply decoder,
    and the default 5 ms slices add up to visible stalls during a big sync (measured by
    tests/benchmarks/bench_sync.py). And no cyclic garbage collection until ``settle_after_first_frame``:
    start-up builds objects that live as long as the app (modules, classes, the window), and the collections
    their allocations trigger walk them again and again, about 20 ms of a 300 ms start
    (tests/benchmarks/bench_first_frame.py)."""
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    gc.disable()


def settle_after_first_frame() -> None:
    """Move everything built during start-up (modules, Qt wrappers, the window) out of the garbage
    collector's reach: long-lived objects that a full collection would otherwise walk again and again,
    pausing every thread, while a sync allocates. Then collect as usual again."""
    gc.collect()
    gc.freeze()
    gc.enable()


@functools.cache
def _find_malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, looked up at the first trim (finding libc may run ldconfig: not at start-up)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def can_trim_heap() -> bool:
    return _find_malloc_trim() is not None


def trim_heap() -> bool:
    """Return the heap's free pages to the OS; True if any were returned."""
    trim = _find_malloc_trim()
    if trim is None:
        return False
    return bool(trim(0))
