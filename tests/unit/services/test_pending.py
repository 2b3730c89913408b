"""An account's window shows its cache before the services exist (desktop/services/pending.py): what a pane
asks of the pending services waits for them and is done once they are attached; nothing published on the bus
in between is lost; closing first cancels what waits."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.api.capabilities import REFERENCE_CAPABILITIES, UPWORK_CAPABILITIES
from desktop.core.errors import InputRejected
from desktop.core.models import JobFilter, ProposalDraft
from desktop.core.money import Money
from desktop.credentials import CredentialStore
from desktop.services.container import Services, build_services
from desktop.services.events import Event, EventBus, SavedSearchesChanged
from desktop.services.pending import PendingServices, starting_status
from desktop.services.session import Session
from desktop.storage import drafts, room_drafts, saved_searches
from desktop.storage.db import Database
from tests.support.local_services import CLOSED_PORT_URL
from tests.ui import builders


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database.open(tmp_path / "cache.sqlite3")
    database.write_now(lambda c: builders.write_world(c, builders.world()))
    yield database
    await database.close()


def pending_on(db: Database) -> PendingServices:
    return PendingServices(db, EventBus(), account_label="ada@example.com", server_url=CLOSED_PORT_URL + "/",
                           capabilities=REFERENCE_CAPABILITIES)


async def services_for(pending: PendingServices) -> Services:
    session = Session(pending.server_url, "ada@example.com", CredentialStore.memory_only())
    return await build_services(pending.db, session, account_label=pending.account_label, bus=pending.bus)


async def test_the_services_are_built_on_the_bus_the_window_already_listens_to(db: Database) -> None:
    pending = pending_on(db)
    heard: list[Event] = []
    pending.bus.subscribe(heard.append)
    services = await services_for(pending)
    try:
        assert services.bus is pending.bus
        await services.saved_searches.save("Remote Python", JobFilter(query="python"))
        assert any(isinstance(event, SavedSearchesChanged) for event in heard)
    finally:
        await services.aclose()


async def test_before_the_services_the_window_sees_the_status_the_engine_starts_with(db: Database) -> None:
    pending = pending_on(db)
    assert pending.server_url == CLOSED_PORT_URL
    assert pending.sync.status == starting_status(REFERENCE_CAPABILITIES)
    assert pending.sync.capabilities is REFERENCE_CAPABILITIES
    assert starting_status(UPWORK_CAPABILITIES).cache_limit_hours == 24  # Upwork keeps data a day at most
    services = await services_for(pending)
    try:
        assert services.sync.status == starting_status(services.sync.capabilities)
        pending.attach(services)
        assert pending.sync.status is services.sync.status
    finally:
        await services.aclose()


async def test_an_action_asked_before_the_services_exist_is_done_once_they_are_attached(db: Database) -> None:
    pending = pending_on(db)
    saving = asyncio.ensure_future(pending.saved_searches.save("Remote Python", JobFilter(query="python")))
    listing = asyncio.ensure_future(pending.saved_searches.list_with_new_counts())
    await asyncio.sleep(0.05)
    assert not saving.done()  # waiting, not failed
    assert not listing.done()

    services = await services_for(pending)
    try:
        pending.attach(services)
        saved = await asyncio.wait_for(saving, 5)
        assert saved.name == "Remote Python"
        assert [s.name for s in db.read_now(saved_searches.list)] == ["Remote Python"]
        assert isinstance(await asyncio.wait_for(listing, 5), list)
        assert pending.proposals.unsaved_drafts == 0
    finally:
        await services.aclose()


async def test_the_conversation_on_screen_is_told_to_the_sync_engine_when_it_arrives(db: Database) -> None:
    pending = pending_on(db)
    pending.sync.set_open_room("room-1")
    services = await services_for(pending)
    told: list[str | None] = []
    setattr(services.sync, "set_open_room", told.append)  # noqa: B010 (a method replaced for the test)
    try:
        pending.attach(services)
        assert told == ["room-1"]
        pending.sync.set_open_room(None)
        assert told == ["room-1", None]
    finally:
        await services.aclose()


async def test_closing_before_the_services_exist_cancels_what_waits(db: Database) -> None:
    pending = pending_on(db)
    sending = asyncio.ensure_future(pending.chat.send("room-1", "Hello"))
    await asyncio.sleep(0.01)
    pending.close()
    with pytest.raises(asyncio.CancelledError):
        await sending
    with pytest.raises(asyncio.CancelledError):
        await pending.sync.sync_now()


async def test_a_draft_kept_at_shutdown_before_the_services_exist_is_written(db: Database) -> None:
    room = builders.world().conversations[0].room.id
    pending = pending_on(db)
    pending.chat.save_draft_now(room, "Half a reply")
    assert db.read_now(lambda c: room_drafts.get(c, room)) == "Half a reply"


async def test_a_proposal_draft_kept_at_shutdown_before_the_services_exist_is_written(db: Database) -> None:
    job = builders.world().jobs[0]
    draft = ProposalDraft(job.id, "I can start on Monday.", Money(Decimal("500"), "USD"), "1 week",
                          Decimal("0.10"), job_title=job.title)
    pending = pending_on(db)
    pending.proposals.save_draft_now(draft)
    saved = db.read_now(lambda c: drafts.get(c, job.id))
    assert saved is not None
    assert saved.draft.cover_letter == "I can start on Monday."


async def test_files_are_checked_before_the_services_exist(db: Database, tmp_path: Path) -> None:
    """A file dropped on the composer in the first moments: what may be sent is in the capabilities."""
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(b"%PDF-1.4 a brief")
    reference = pending_on(db)
    assert reference.chat.files.can_send
    assert reference.chat.files.check(pdf).name == "brief.pdf"
    upwork = PendingServices(db, EventBus(), account_label="ada", server_url=CLOSED_PORT_URL,
                             capabilities=UPWORK_CAPABILITIES)
    assert not upwork.chat.files.can_send
    with pytest.raises(InputRejected, match="Upwork"):
        upwork.chat.files.check(pdf)
