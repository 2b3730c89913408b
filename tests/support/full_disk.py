"""A real full disk for tests: a small tmpfs of the test's own, filled to the last byte with a plain file
and freed by deleting it. Mounting needs root (CI runs as root); where it is refused, the test skips and
says why."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


class Disk:
    """A small file system of our own, which the test fills and frees."""

    def __init__(self, mountpoint: Path) -> None:
        self.root = mountpoint
        self._fillers: list[Path] = []

    def fill(self) -> None:
        """Write a file until the file system refuses another byte."""
        for n, chunk in enumerate((1 << 20, 4096, 1)):
            path = self.root / f"filler-{len(self._fillers)}-{n}"
            self._fillers.append(path)
            with open(path, "wb", buffering=0) as out:
                try:
                    while True:
                        out.write(b"\0" * chunk)
                except OSError:
                    pass
        assert self.free_bytes() == 0

    def free(self) -> None:
        for path in self._fillers:
            path.unlink(missing_ok=True)
        self._fillers.clear()

    def free_bytes(self) -> int:
        stats = os.statvfs(self.root)
        return stats.f_bavail * stats.f_frsize


@contextmanager
def small_disk(folder: Path, size_mb: int) -> Iterator[Disk]:
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m,mode=0700", "tmpfs",
                              str(folder)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip("a full disk needs a small tmpfs of its own, and mounting one was refused "
                    f"({mounted.stderr.strip() or mounted.returncode}); run as root to test with a real disk")
    try:
        yield Disk(folder)
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
