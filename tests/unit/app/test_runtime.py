"""The runtime tuning: freed heap memory goes back to the system (glibc), start-up's objects leave the
garbage collector's reach; and the API layer does not drag in httpx's CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop import runtime

ROOT = Path(__file__).resolve().parents[3]


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not runtime.can_trim_heap(), reason="needs glibc's malloc_trim (Linux)")
def test_trim_heap_returns_freed_memory_to_the_system() -> None:
    # Many small blocks, then all but every 64th freed: the heap stays large until trimmed.
    blocks = [bytearray(2000) for _ in range(30_000)]
    kept = blocks[::64]
    del blocks
    before = rss_kb()
    runtime.trim_heap()
    assert rss_kb() < before - 20_000, "at least 20 MB of the 60 MB freed goes back"
    assert kept  # still alive, still usable
    kept[0][0] = 1


def test_importing_the_api_does_not_import_httpx_command_line_tools() -> None:
    code = "import sys, desktop.api; print(sorted({'click', 'pygments', 'rich'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_start_up_objects_leave_the_collectors_reach_and_threads_share_the_gil_often() -> None:
    """Run in a fresh interpreter: gc.freeze and the switch interval are process-wide."""
    code = ("import gc, sys\n"
            "from desktop import runtime\n"
            "built = [object() for _ in range(1000)]\n"
            "runtime.tune_interpreter_for_ui()\n"
            "runtime.settle_after_first_frame()\n"
            "print(sys.getswitchinterval(), gc.get_freeze_count() >= 1000, len(gc.get_objects(2)))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    interval, frozen, tracked_old = out.stdout.split()
    assert float(interval) == pytest.approx(0.001), "the GIL changes hands every millisecond"
    assert frozen == "True", "what start-up built is frozen: a full collection no longer walks it"
    assert int(tracked_old) < 1000, "the oldest generation is left (almost) empty"
