"""The sync status is a value: what a subscriber was given stays as it was, and each real change is
published once (the status bar and the notifier keep the status they were handed)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.api.auth import TokenSet
from desktop.api.client import MarketplaceClient, StaticTokens
from desktop.core.clock import utcnow
from desktop.core.models import ConnectionState, SyncStatus
from desktop.core.notices import Code, Notice
from desktop.services.events import Event, EventBus, StatusChanged
from desktop.services.outbox import OutboxWorker
from desktop.services.sync import SyncEngine
from desktop.storage.db import Database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "cache.sqlite3")
    yield database
    database.close_now()


def test_a_status_cannot_be_changed_in_place() -> None:
    status = SyncStatus()
    with pytest.raises(dataclasses.FrozenInstanceError):
        status.state = ConnectionState.ONLINE  # type: ignore[misc]


async def test_a_kept_status_stays_and_each_change_is_published_once(db: Database) -> None:
    """The marketplace client is never called here (nothing listens at that address)."""
    bus = EventBus()
    seen: list[SyncStatus] = []

    def keep(event: Event) -> None:
        if isinstance(event, StatusChanged):
            seen.append(event.status)

    bus.subscribe(keep)
    tokens = StaticTokens(TokenSet("x", None, utcnow() + timedelta(hours=1)))
    api = MarketplaceClient("http://127.0.0.1:9", tokens)
    engine = SyncEngine(api, db, bus, OutboxWorker(db, bus))
    engine._set(ConnectionState.ONLINE, None)
    first = seen[-1]
    engine.pending_changed(2)
    engine.pending_changed(2)  # no change: nothing published
    engine._set(ConnectionState.OFFLINE, Notice(Code.WILL_RETRY, (Notice(Code.UNREACHABLE),)))
    online, offline = ConnectionState.ONLINE, ConnectionState.OFFLINE
    assert [s.state for s in seen] == [online, online, offline]
    assert [s.pending_outbox for s in seen] == [0, 2, 2]
    assert first.state is ConnectionState.ONLINE
    assert first.pending_outbox == 0  # as it was handed over
    assert seen[-1].detail == "Cannot reach the marketplace. · will retry"  # English, for the logs
    assert seen[-1].notice == Notice(Code.WILL_RETRY, (Notice(Code.UNREACHABLE),))
    await api.aclose()
