"""Live events applied to a real SQLite cache, each with its event id in the same transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.api.events import ServerEvent
from desktop.services.events import (
    EarningsChanged,
    InvitationsChanged,
    JobsChanged,
    MessagesChanged,
    ProposalsChanged,
    RoomsChanged,
)
from desktop.services.sync import LAST_EVENT_ID, live_effect
from desktop.storage import earnings, invitations, jobs, messages, proposals, rooms, sync_state
from desktop.storage.db import Database
from tests.unit.storage import factories


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "cache.sqlite3")
    yield database
    database.close_now()


def _apply(db: Database, event: ServerEvent) -> list[object]:
    resource, item, extra = live_effect(event)

    def commit(conn: sqlite3.Connection) -> None:
        if resource is not None:
            resource.write(conn, [item], None)
        sync_state.set(conn, LAST_EVENT_ID, event.id)

    db.write_now(commit)
    return [] if resource is None else [*resource.changed([item]), *extra]


def test_each_event_type_lands_in_its_table_and_tells_the_ui(db: Database) -> None:
    room = factories.make_room(1)
    cases = [
        (ServerEvent("1", "job.created", factories.make_job(1)), lambda c: jobs.total(c) == 1, JobsChanged),
        (ServerEvent("2", "room.updated", room), lambda c: len(rooms.list(c)) == 1, RoomsChanged),
        (ServerEvent("3", "message.created", factories.make_message(1, room=room.id)),
         lambda c: messages.count(c) == 1, MessagesChanged),
        (ServerEvent("4", "proposal.updated", factories.make_proposal(1)),
         lambda c: len(proposals.list(c)) == 1, ProposalsChanged),
        (ServerEvent("5", "invitation.created", factories.make_invitation(1)),
         lambda c: len(invitations.list(c)) == 1, InvitationsChanged),
        (ServerEvent("6", "transaction.updated", factories.make_transaction(1)),
         lambda c: earnings.transactions_count(c) == 1, EarningsChanged),
        (ServerEvent("7", "earnings.updated", factories.make_summary()),
         lambda c: earnings.get_summary(c) is not None, EarningsChanged),
    ]
    for event, stored, notice in cases:
        notices = _apply(db, event)
        assert db.read_now(stored), event.type
        assert any(isinstance(n, notice) for n in notices), event.type
        assert db.read_now(lambda c: sync_state.get(c, LAST_EVENT_ID)) == event.id


def test_an_unknown_event_type_only_advances_the_event_id(db: Database) -> None:
    assert _apply(db, ServerEvent("9", "contract.signed", {"id": "c1"})) == []
    assert db.read_now(lambda c: sync_state.get(c, LAST_EVENT_ID)) == "9"


def test_every_event_type_the_client_decodes_updates_a_declared_resource() -> None:
    """A live event type the API layer understands but no resource claims would be dropped silently:
    the window would learn of that change only at the next pull."""
    from desktop.api.events import PARSERS
    from desktop.services.sync import LIVE, RESOURCES

    assert set(PARSERS) == set(LIVE)
    pulled = {r.name for r in RESOURCES}
    assert {"jobs", "proposals", "invitations", "saved_searches", "rooms", "messages", "transactions",
            "profile", "earnings_summary", "contracts"} == pulled
