"""The services one signed-in account needs, built and torn down together."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

from desktop.api.client import MarketplaceClient
from desktop.api.port import Marketplace
from desktop.core.errors import StorageError
from desktop.services.attention import AttentionService
from desktop.services.cache import CacheService
from desktop.services.chat import ChatService
from desktop.services.events import ActionFailed, EventBus
from desktop.services.outbox import OutboxWorker
from desktop.services.proposals import ProposalService
from desktop.services.saved_searches import SavedSearchService
from desktop.services.session import Session
from desktop.services.sync import SyncEngine
from desktop.storage import profile
from desktop.storage.db import Database


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
    attention: AttentionService
    cache: CacheService
    account_label: str
    server_url: str
    _background: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def my_user_id(self) -> str:
        return self.chat.user_id

    async def start(self) -> None:
        await self.sync.start()
        self._background.add(asyncio.ensure_future(self._verify_cache()))

    async def _verify_cache(self) -> None:
        """The integrity check the fast start-up skipped, done while the user already works."""
        with contextlib.suppress(StorageError):
            if not await self.db.verify():
                self.bus.emit(ActionFailed(
                    kind="cache",
                    message="The local cache is damaged. Atelier will rebuild it from the server at the next "
                            "start; nothing waiting to be sent is lost."))

    async def aclose(self) -> None:
        """Stop background work, then close the network client and the cache, in that order."""
        for task in self._background:
            task.cancel()
        await self.cache.aclose()
        with contextlib.suppress(Exception):
            await self.sync.stop()
        with contextlib.suppress(Exception):
            await self.api.aclose()
        await self.db.close()


async def build_services(db: Database, session: Session, *, account_label: str,
                         api: Marketplace | None = None) -> Services:
    bus = EventBus()
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
    attention = AttentionService(db, bus, chat, proposals, saved)
    return Services(db=db, bus=bus, api=client, session=session, outbox=worker, sync=sync, chat=chat,
                    proposals=proposals, saved_searches=saved, attention=attention,
                    cache=CacheService(db, bus, sync),
                    account_label=account_label, server_url=session.server_url)
