"""The account's offline copy as the user sees it in Settings: where it is, how big it is, and clearing it.

Clearing is safe by construction: ``storage.cache_reset`` removes only what the marketplace sent (never
the outbox, drafts, unsent or refused messages, or what "Needs your attention" lists), while no pull runs;
then the panes re-read and everything is fetched again in the background. What waits in the outbox is
sent as before, exactly once (its idempotency key is untouched).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import StorageError
from desktop.services.attachments import DOWNLOADS_FOLDER, AttachmentService
from desktop.services.events import (
    ContractsChanged,
    EarningsChanged,
    EventBus,
    InvitationsChanged,
    JobsChanged,
    MessagesChanged,
    ProfileChanged,
    ProposalsChanged,
    RoomsChanged,
    SavedSearchesChanged,
)
from desktop.services.sync import SyncEngine
from desktop.storage import attachments, cache_reset
from desktop.storage.db import Database

log = logging.getLogger("atelier.cache")

_SIDECARS = ("", "-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class CacheCleared:
    removed: dict[str, int]
    """Rows removed, by kind (jobs, messages, …)."""
    size_before: int
    size_after: int
    """Bytes on disk before and after (database and its sidecar files)."""


def cache_size(db_path: Path) -> int:
    """Bytes on disk of the cache at ``db_path``: the database and its WAL/shared-memory sidecars, and the
    files of messages kept next to it."""
    total = 0
    for suffix in _SIDECARS:
        with contextlib.suppress(OSError):
            total += (db_path.parent / (db_path.name + suffix)).stat().st_size
    for folder in (attachments.outgoing_dir(db_path), db_path.parent / DOWNLOADS_FOLDER):
        with contextlib.suppress(OSError):
            total += sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return total


class CacheService:
    def __init__(self, db: Database, bus: EventBus, sync: SyncEngine,
                 files: AttachmentService | None = None) -> None:
        self._db = db
        self._bus = bus
        self._sync = sync
        self._files = files
        self._resync: asyncio.Task[None] | None = None

    @property
    def path(self) -> Path:
        """The cache's database file (its folder is what Settings shows)."""
        return Path(self._db.path)

    async def size(self) -> int:
        return await asyncio.to_thread(cache_size, self.path)

    async def clear(self) -> CacheCleared:
        """Remove the marketplace's cached data (the user's own is kept), give the room back to the disk,
        let the panes re-read, and fetch everything again in the background."""
        before = await self.size()
        removed = await self._sync.start_over(cache_reset.clear_marketplace_data)
        log.info("cache cleared: %s", removed)
        if self._files is not None:  # the downloads go; the copies of uploads still waiting stay
            try:
                await self._files.prune_files()
            except (OSError, StorageError):
                log.warning("could not remove the files of cleared messages", exc_info=True)
        try:
            await self._db.compact()
        except StorageError as exc:  # busy or full disk: the rows are gone all the same
            log.warning("could not compact the cache after clearing it: %s", exc.message)
        for event in (JobsChanged(), ProposalsChanged(), InvitationsChanged(), RoomsChanged(),
                      MessagesChanged(frozenset()), EarningsChanged(), ProfileChanged(),
                      SavedSearchesChanged(), ContractsChanged()):
            self._bus.emit(event)
        self._resync = asyncio.ensure_future(self._sync.sync_now())
        self._resync.add_done_callback(_log_failure)
        return CacheCleared(removed, before, await self.size())

    async def wait_resynced(self) -> None:
        """Wait for the pull started by the last ``clear`` (tests; the UI follows the status bar)."""
        if self._resync is not None:
            await asyncio.shield(self._resync)

    async def aclose(self) -> None:
        if self._resync is not None and not self._resync.done():
            self._resync.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._resync


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("sync after clearing the cache failed", exc_info=task.exception())
