"""The services one signed-in account needs, built and torn down together."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field

from desktop.api.client import MarketplaceClient
from desktop.api.port import Marketplace
from desktop.core.errors import StorageError
from desktop.core.notices import Code, Notice
from desktop.services.attention import AttentionService
from desktop.services.cache import CacheService
from desktop.services.chat import ChatService
from desktop.services.events import (
    ActionFailed,
    AttentionChanged,
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
from desktop.services.job_marks import JobMarksService
from desktop.services.outbox import OutboxWorker
from desktop.services.proposals import ProposalService
from desktop.services.saved_searches import SavedSearchService
from desktop.services.session import Session
from desktop.services.sync import SyncEngine
from desktop.storage import profile, rescue
from desktop.storage.db import Database

log = logging.getLogger("atelier.services")

_FIRST_WORDS = 40
SEARCH_CHECK_AFTER = 120.0
"""Seconds the search-index check waits for the first pull at most (offline, it runs after that)."""

EVERYTHING_CHANGED = (JobsChanged(), ProposalsChanged(), InvitationsChanged(), RoomsChanged(),
                      MessagesChanged(), EarningsChanged(), ProfileChanged(), SavedSearchesChanged(),
                      ContractsChanged())
"""What every pane hears after the cache was rebuilt under it (each reads the cache again)."""


def rescue_notice(report: rescue.Report) -> Notice:
    """What the user is told after a rebuild: what was rescued, and by name what was not (never "nothing
    is lost" unless nothing is)."""
    kept = "; ".join(_named(lost) for lost in report.lost)
    unreadable = report.unreadable
    if not kept and not unreadable:
        if report.requeued == 0:
            return Notice(Code.REBUILT_NOTHING_QUEUED)
        return Notice(Code.REBUILT_ALL_RESCUED, (report.requeued,))
    if kept and unreadable:
        return Notice(Code.REBUILT_SOME_KEPT_AND_UNREADABLE, (report.requeued, kept, unreadable))
    if kept:
        return Notice(Code.REBUILT_SOME_KEPT, (report.requeued, kept))
    return Notice(Code.REBUILT_SOME_UNREADABLE, (report.requeued, unreadable))


def _named(lost: rescue.Lost) -> str:
    words = f"“{_first_words(lost.text)}”"
    where = lost.room_name or lost.room_id
    return f"{where}: {words}" if where else words


def _first_words(text: str) -> str:
    words = " ".join(text.split())
    if len(words) <= _FIRST_WORDS:
        return words
    return words[:_FIRST_WORDS].rsplit(" ", 1)[0] + "…"


@dataclass(slots=True)
class Services:
    db: Database
    bus: EventBus
    api: Marketplace
    session: Session
    outbox: OutboxWorker
    sync: SyncEngine
    chat: ChatService
    proposals: ProposalService
    saved_searches: SavedSearchService
    job_marks: JobMarksService
    attention: AttentionService
    cache: CacheService
    account_label: str
    server_url: str
    _background: set[asyncio.Task[None]] = field(default_factory=set)
    _told: rescue.Report | None = None

    @property
    def my_user_id(self) -> str:
        return self.chat.user_id

    async def start(self) -> None:
        self.outbox.on_cache_rebuilt = self._cache_rebuilt
        loop = asyncio.get_running_loop()

        def damage_seen(generation: int) -> None:  # on the cache's threads
            with contextlib.suppress(RuntimeError):  # the loop is closing: the next start rebuilds
                loop.call_soon_threadsafe(self._rebuild_soon, generation)

        self.db.on_damage = damage_seen
        await self.sync.start()
        if self.db.rescue_report is not None:  # rebuilt while opening: say what came back
            self._tell_rescue(self.db.rescue_report)
        self._background.add(asyncio.ensure_future(self._verify_cache()))

    async def _verify_cache(self) -> None:
        """The integrity check the fast start-up skipped, done while the user already works. Damage found
        is rebuilt at once (what is queued rescued first), not left for the next start."""
        generation = self.db.generation
        with contextlib.suppress(StorageError):
            if not await self.db.verify():
                report = await self.db.rebuild(generation)
                if report is not None:
                    self._cache_rebuilt(report)
                return
            # FTS5's own check of the search indexes holds the writer (about 3 s for 100 k cached jobs):
            # after the first pull, not during the start-up rush of writes.
            with contextlib.suppress(TimeoutError):
                await self.sync.wait_until_synced(within=SEARCH_CHECK_AFTER)
            if await self.db.verify_search_indexes():  # repaired: searches find the right things again
                self.bus.emit(JobsChanged())
                self.bus.emit(MessagesChanged())

    def _rebuild_soon(self, generation: int) -> None:
        """A read or a write met a damaged page (a pane, the sync, the worker): rebuild now, once."""
        task = asyncio.ensure_future(self._rebuild(generation))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _rebuild(self, generation: int) -> None:
        try:
            report = await self.db.rebuild(generation)
        except StorageError as exc:
            log.error("the damaged cache could not be rebuilt: %s", exc.message)
            return
        if report is not None:  # None: rebuilt already, for the same damage seen elsewhere
            self._cache_rebuilt(report)

    def _cache_rebuilt(self, report: rescue.Report) -> None:
        """The cache was rebuilt under the running app: tell the user, refresh every pane, pull it all."""
        self._tell_rescue(report)
        for event in EVERYTHING_CHANGED:
            self.bus.emit(event)
        task = asyncio.ensure_future(self._resync())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _resync(self) -> None:
        try:
            await self.sync.resync_from_scratch()
        except StorageError as exc:
            log.error("pulling the rebuilt cache failed: %s", exc.message)

    def _tell_rescue(self, report: rescue.Report) -> None:
        if report is self._told:  # once per rescue, however often the services start
            return
        self._told = report
        log.warning("rescue told to the user: %d queued again, %d kept back, %d unreadable",
                    report.requeued, len(report.lost), report.unreadable)
        self.bus.emit(ActionFailed(kind="cache", notice=rescue_notice(report)))
        self.bus.emit(AttentionChanged())

    async def aclose(self) -> None:
        """Stop background work, then close the network client and the cache, in that order."""
        self.db.on_damage = None
        for task in list(self._background):
            task.cancel()
        await self.cache.aclose()
        with contextlib.suppress(Exception):
            await self.sync.stop()
        with contextlib.suppress(Exception):
            await self.api.aclose()
        await self.db.close()


async def build_services(db: Database, session: Session, *, account_label: str,
                         api: Marketplace | None = None, bus: EventBus | None = None) -> Services:
    """``bus``: the one a window already listens to (it showed the cache before the services were built,
    desktop/services/pending.py), so nothing published from here on is missed."""
    bus = bus or EventBus()
    client: Marketplace = api or MarketplaceClient(session.server_url, session)
    worker = OutboxWorker(db, bus, mark_attempts=not client.capabilities.idempotency_keys)
    # No network here: the window must not wait for the server. On a first start the profile arrives
    # with the first sync (ChatService reads it from the cache when it sends).
    me = await db.read(profile.get)
    if me is not None:
        client.account_id = me.id  # rooms name "the other side" relative to us, even before the first sync
    chat = ChatService(client, db, bus, worker,
                       user_id=me.id if me else "me", user_name=me.name if me else session.account)
    proposals = ProposalService(client, db, bus, worker)
    saved = SavedSearchService(client, db, bus, worker)
    sync = SyncEngine(client, db, bus, worker)
    # The outbox reports to the status bar through the engine; the engine itself only syncs.
    worker.on_pending_changed = sync.pending_changed
    worker.on_transient_failure = sync.outbox_trouble
    attention = AttentionService(db, bus, chat, proposals, saved)
    return Services(db=db, bus=bus, api=client, session=session, outbox=worker, sync=sync, chat=chat,
                    proposals=proposals, saved_searches=saved, job_marks=JobMarksService(db, bus),
                    attention=attention, cache=CacheService(db, bus, sync, chat.files),
                    account_label=account_label, server_url=session.server_url)
