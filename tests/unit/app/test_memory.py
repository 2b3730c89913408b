"""Freed heap memory goes back to the system (glibc), and the API layer does not drag in httpx's CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop import memory

ROOT = Path(__file__).resolve().parents[3]


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not memory.can_trim_heap(), reason="needs glibc's malloc_trim (Linux)")
def test_trim_heap_returns_freed_memory_to_the_system() -> None:
    # Many small blocks, then all but every 64th freed: the heap stays large until trimmed.
    blocks = [bytearray(2000) for _ in range(30_000)]
    kept = blocks[::64]
    del blocks
    before = rss_kb()
    memory.trim_heap()
    assert rss_kb() < before - 20_000, "at least 20 MB of the 60 MB freed goes back"
    assert kept  # still alive, still usable
    kept[0][0] = 1


def test_importing_the_api_does_not_import_httpx_command_line_tools() -> None:
    code = "import sys, desktop.api; print(sorted({'click', 'pygments', 'rich'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
