"""The UI tests' services: the real services of tests/support/local_services.py (their outbox never started),
and ``FakeSync``, the one stand-in: the status bar's source, which UI tests set to every state the sync
engine can publish (the engine itself is tested in tests/integration/test_sync_engine.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any, TypeVar

from desktop.api.client import REFERENCE_CAPABILITIES
from desktop.core.capabilities import Capabilities
from desktop.core.clock import utcnow
from desktop.core.models import ConnectionState, SyncStatus
from desktop.services.chat import ChatService
from desktop.services.events import EventBus
from desktop.services.job_marks import JobMarksService
from desktop.services.outbox import OutboxWorker
from desktop.services.proposals import ProposalService
from desktop.services.saved_searches import SavedSearchService
from desktop.storage.db import Database
from tests.support.local_services import (
    deliver,
    local_services,
    queued,
    rooms_marked_read,
    sent_messages,
    submitted_drafts,
)

__all__ = ["FakeServices", "FakeSync", "deliver", "finish", "make_services", "queued", "real_proposals",
           "rooms_marked_read", "sent_messages", "submitted_drafts"]

T = TypeVar("T")


@dataclass
class FakeSync:
    status: SyncStatus = field(default_factory=lambda: SyncStatus(state=ConnectionState.ONLINE))
    syncs: int = 0
    capabilities: Capabilities = REFERENCE_CAPABILITIES
    open_rooms: list[str | None] = field(default_factory=list)

    async def sync_now(self) -> None:
        self.syncs += 1

    def set_open_room(self, room_id: str | None) -> None:
        self.open_rooms.append(room_id)


@dataclass
class FakeServices:
    db: Database
    bus: EventBus
    sync: FakeSync
    outbox: OutboxWorker
    chat: ChatService
    proposals: ProposalService
    saved_searches: SavedSearchService
    job_marks: JobMarksService
    account_label: str = "Ada Moreau · demo marketplace"
    server_url: str = "http://127.0.0.1:8765"


def make_services(db: Database, my_id: str, my_name: str, status: SyncStatus | None = None) -> FakeServices:
    real = local_services(db, my_id, my_name)
    return FakeServices(
        db=db, bus=real.bus,
        sync=FakeSync(status or SyncStatus(state=ConnectionState.ONLINE, last_synced_at=utcnow())),
        outbox=real.outbox, chat=real.chat, proposals=real.proposals, saved_searches=real.saved_searches,
        job_marks=real.job_marks)


def finish(qtbot: Any, coro: Coroutine[Any, Any, T], timeout: int = 5000) -> T:
    """Run a service call on the UI tests' running qasync loop and return its result."""
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


def real_proposals(db: Database, bus: EventBus | None = None) -> ProposalService:
    """The real ProposalService on the test's cache; its outbox is not started (nothing is sent)."""
    return local_services(db, "fl-ada", "Ada Moreau", bus).proposals
