"""A full disk as a state of the app, not a stream of errors.

When a write to the cache fails for lack of space (or the cache had to be opened read-only at start-up),
whoever saw it calls :meth:`DiskSpace.report_full`. That logs one warning, tells the listeners (the sync
engine puts it in the status bar: how much space Atelier needs), and starts watching the free space. Work
that needs to write waits (:meth:`wait_for_space`) instead of retrying into the same error. When there is
room again, a read-only cache is reopened for writing, one line is logged, and the resumers run: the outbox
sends what waits, the sync engine pulls, drafts kept in memory are saved.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections.abc import Awaitable, Callable
from pathlib import Path

from desktop.core.errors import DiskFullError
from desktop.storage.db import Database
from desktop.storage.errors import disk_size, free_bytes

log = logging.getLogger("atelier.disk")

MB = 1024 * 1024
MIN_FREE = 16 * MB
"""Free space Atelier waits for before writing again: room for a sync's pages and the WAL to grow (less on
a disk too small for that: a quarter of it)."""
POLL_INTERVAL = 2.0


class DiskSpace:
    """The full-disk state of one account's cache (shared by its outbox, sync engine and drafts)."""

    def __init__(self, db: Database, *, poll_interval: float = POLL_INTERVAL, min_free: int = MIN_FREE,
                 measure: Callable[[Path], int | None] = free_bytes,
                 capacity: Callable[[Path], int | None] = disk_size) -> None:
        self._db = db
        self.poll_interval = poll_interval
        self.min_free = min_free
        self._measure = measure
        self._capacity = capacity
        self.full = False
        self.needed_bytes = 0
        self._space = asyncio.Event()
        self._space.set()
        self._listeners: list[Callable[[], None]] = []
        self._resumers: list[Callable[[], Awaitable[None]]] = []
        self._watch: asyncio.Task[None] | None = None

    @property
    def folder(self) -> Path:
        return Path(self._db.path).parent

    @property
    def needed_mb(self) -> int:
        """Megabytes to free before Atelier writes again (0 when the disk is not full)."""
        return math.ceil(self.needed_bytes / MB) if self.full else 0

    def required_bytes(self) -> int:
        """The free space to wait for: MIN_FREE, or a tenth of the cache when that is more; at most a quarter
        of the disk (a small disk would never have that much free)."""
        try:
            size = Path(self._db.path).stat().st_size
        except OSError:
            size = 0
        wanted = max(self.min_free, size // 10)
        total = self._capacity(self.folder)
        return max(MB, min(wanted, total // 4)) if total else wanted

    def on_change(self, listener: Callable[[], None]) -> None:
        """Called when the disk becomes full, when the space needed changes, and when it has room again."""
        self._listeners.append(listener)

    def on_space(self, resumer: Callable[[], Awaitable[None]]) -> None:
        """Awaited, in the order registered, once the disk has room again."""
        self._resumers.append(resumer)

    def report_full(self, error: DiskFullError | None = None) -> None:
        """A write failed for lack of space (or the cache is read-only): pause writing until there is room."""
        was_needed = self.needed_mb
        free = self._measure(self.folder)
        required = self.required_bytes()
        self.needed_bytes = max(required - (free or 0), MB)
        if self.full:
            if self.needed_mb != was_needed:
                self._notify()
            return
        self.full = True
        self._space.clear()
        log.warning("the disk is full (%s MB free on %s; %d MB needed): writing to the cache is paused "
                    "until there is room%s", "?" if free is None else f"{free / MB:.1f}", self.folder,
                    self.needed_mb, f" ({error.message})" if error is not None else "")
        self._notify()
        if self._watch is None or self._watch.done():
            self._watch = asyncio.ensure_future(self._watch_for_space())

    async def wait_for_space(self) -> None:
        await self._space.wait()

    async def _watch_for_space(self) -> None:
        while True:
            await asyncio.sleep(self.poll_interval)
            free = self._measure(self.folder)
            required = self.required_bytes()
            if free is not None and free < required:
                was = self.needed_mb
                self.needed_bytes = max(required - free, MB)
                if self.needed_mb != was:
                    self._notify()
                continue
            if self._db.read_only and not await self._db.reopen_for_writing():
                continue
            break
        self._watch = None  # a resumer that finds the disk full again starts a new watch
        self.full = False
        self.needed_bytes = 0
        self._space.set()
        log.info("the disk has room again (%s MB free): writing to the cache resumes",
                 "?" if free is None else f"{free / MB:.0f}")
        self._notify()
        for resume in self._resumers:
            try:
                await resume()
            except DiskFullError as exc:  # filled up again at once: back to waiting
                self.report_full(exc)
                return
            except Exception:  # one resumer's bug must not keep the others from running
                log.exception("resuming after a full disk failed")

    def _notify(self) -> None:
        for listener in self._listeners:
            listener()

    async def aclose(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
            self._watch = None
