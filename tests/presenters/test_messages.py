"""The Messages pane's behaviour without Qt: the MessagesPresenter over a real cache and the real ChatService
(its outbox not started, tests/support/local_services.py), driven as the widget drives it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.core.clock import utcnow
from desktop.core.errors import InputRejected
from desktop.core.models import DeliveryState
from desktop.presenters.messages import THREAD_PAGE, MessagesPresenter
from desktop.services.events import MessagesChanged, RoomsChanged
from desktop.storage import messages, room_drafts, rooms
from desktop.storage.db import Database
from tests.support.local_services import LocalServices, local_services, rooms_marked_read, sent_messages
from tests.unit.storage.factories import make_message, make_room

ME = "usr_me"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "cache.sqlite3")

    def fill(c: sqlite3.Connection) -> None:
        rooms.upsert_many(c, [make_room(1, unread_count=2), make_room(2, unread_count=0),
                              make_room(3, unread_count=1)])
        for room in (1, 2, 3):
            messages.upsert_many(c, [make_message(room * 1000 + i, room_id=f"room-{room:04d}")
                                     for i in range(5)])

    database.write_now(fill)
    yield database
    database.close_now()


@pytest.fixture
def services(db: Database) -> LocalServices:
    return local_services(db, ME, "Me")


@pytest.fixture
async def presenter(db: Database, services: LocalServices) -> MessagesPresenter:
    p = MessagesPresenter(db, services.bus, services.chat)
    p.start()
    await p.settle()
    return p


async def test_the_rooms_come_with_their_unread_total(presenter: MessagesPresenter) -> None:
    s = presenter.snapshot
    assert s.rooms_loaded
    assert len(s.rooms) == 3
    assert s.total_unread == 3
    assert s.room_id is None


async def test_opening_a_room_shows_its_thread_and_draft_and_marks_it_read(
        presenter: MessagesPresenter, db: Database, services: LocalServices) -> None:
    room_id = presenter.snapshot.rooms[0].id
    db.write_now(lambda c: room_drafts.save(c, room_id, "Half a sentence", utcnow()))
    unread_room = next(r for r in presenter.snapshot.rooms if r.unread_count == 2)
    presenter.open(unread_room.id)
    await presenter.settle()
    s = presenter.snapshot
    assert s.thread_room == unread_room.id
    assert len(s.thread) == 5
    assert rooms_marked_read(db) == [unread_room.id]
    services.bus.emit(RoomsChanged())  # the service's echo: the room is read here at once
    await presenter.settle()
    assert presenter.snapshot.total_unread == 1
    presenter.open(room_id)
    await presenter.settle()
    assert presenter.snapshot.draft == "Half a sentence"
    assert presenter.snapshot.draft_room == room_id


async def test_the_last_room_opened_wins(presenter: MessagesPresenter) -> None:
    ids = [r.id for r in presenter.snapshot.rooms]
    for room_id in ids:
        presenter.open(room_id)
    await presenter.settle()
    assert presenter.snapshot.room_id == presenter.snapshot.thread_room == ids[-1]
    assert {m.room_id for m in presenter.snapshot.thread} == {ids[-1]}


async def test_a_send_is_read_back_once_from_its_events(
        presenter: MessagesPresenter, db: Database) -> None:
    """One refresh path: the echo's events cost one read of the rooms and one of the thread."""
    room_id = next(r.id for r in presenter.snapshot.rooms if r.unread_count == 0)
    presenter.open(room_id)
    await presenter.settle()
    before = dict(presenter.reads)
    await presenter.send("  On my way  ")
    await presenter.settle()
    assert sent_messages(db) == [(room_id, "On my way")]
    s = presenter.snapshot
    assert s.thread[-1].body == "On my way"
    assert s.thread[-1].state is DeliveryState.SENDING
    assert [m.body for m in s.thread].count("On my way") == 1
    assert next(r for r in s.rooms if r.id == room_id).last_message_preview == "On my way"
    assert {k: presenter.reads[k] - before[k] for k in before} == {"rooms": 1, "thread": 1}


async def test_a_refused_message_sends_nothing(presenter: MessagesPresenter, db: Database) -> None:
    presenter.open(presenter.snapshot.rooms[0].id)
    await presenter.settle()
    for body in ("   ", "x" * 5001):
        with pytest.raises(InputRejected):
            await presenter.send(body)
    assert sent_messages(db) == []


async def test_older_messages_page_in_from_the_top(presenter: MessagesPresenter, db: Database) -> None:
    room_id = presenter.snapshot.rooms[1].id
    first = db.read_now(lambda c: messages.for_room(c, room_id))[0]
    older = [replace(first, id=f"old-{i}", body=f"Old {i}",
                     created_at=first.created_at - timedelta(minutes=i + 1)) for i in range(THREAD_PAGE + 20)]
    db.write_now(lambda c: messages.upsert_many(c, older))
    presenter.open(room_id)
    await presenter.settle()
    assert len(presenter.snapshot.thread) == THREAD_PAGE
    assert presenter.snapshot.has_older
    presenter.older()
    await presenter.settle()
    s = presenter.snapshot
    assert len(s.thread) == THREAD_PAGE + 25
    assert not s.has_older
    assert s.thread[0].body == f"Old {THREAD_PAGE + 19}"


async def test_a_reply_in_the_open_room_is_read_only_while_it_is_in_front(
        presenter: MessagesPresenter, db: Database, services: LocalServices) -> None:
    room = next(r for r in presenter.snapshot.rooms if r.unread_count == 0)
    presenter.open(room.id)
    await presenter.settle()

    def reply(n: int) -> None:
        db.write_now(lambda c: rooms.upsert_many(c, [replace(
            room, unread_count=n, last_message_at=utcnow(), updated_at=utcnow())]))
        services.bus.emit(MessagesChanged(frozenset({room.id})))

    reply(1)
    await presenter.settle()
    assert rooms_marked_read(db) == []  # the window is in the background: the reply stays unread
    presenter.set_in_front(True)
    await presenter.settle()
    assert rooms_marked_read(db) == [room.id]
    services.bus.emit(RoomsChanged())  # the same state again: no second receipt
    await presenter.settle()
    reply(2)
    await presenter.settle()
    assert rooms_marked_read(db) == [room.id, room.id]


# -- search across the conversations ---------------------------------------------------------------------

def _say(db: Database, room: int, i: int, body: str, minutes_ago: int) -> None:
    message = make_message(room * 1000 + 900 + i, room_id=f"room-{room:04d}", body=body,
                           created_at=utcnow() - timedelta(minutes=minutes_ago))
    db.write_now(lambda c: messages.upsert_many(c, [message]))


async def test_a_search_finds_words_in_every_room_grouped_newest_first(
        presenter: MessagesPresenter, db: Database) -> None:
    _say(db, 1, 1, "The quetzal for March is attached", 30)
    _say(db, 3, 1, "Did the Quetzal arrive?", 10)
    _say(db, 3, 2, "Facturé: quetzals are monthly", 20)
    _say(db, 2, 1, "Nothing to see here", 5)
    presenter.search("  QUETZAL ")
    await presenter.settle()
    s = presenter.snapshot
    assert s.query == s.found_query == "QUETZAL"
    assert [f.room.id for f in s.found] == ["room-0003", "room-0001"]  # the newest match's room first
    assert [m.body for m in s.found[0].messages] == [
        "Did the Quetzal arrive?", "Facturé: quetzals are monthly"]
    assert s.found_count == 3
    presenter.search("factur")  # accents aside, word starts
    await presenter.settle()
    found = [m.body for group in presenter.snapshot.found for m in group.messages]
    assert found == ["Facturé: quetzals are monthly"]
    presenter.search("")
    await presenter.settle()
    assert presenter.snapshot.found == ()
    assert presenter.snapshot.query == ""


async def test_a_new_message_that_matches_joins_the_results(
        presenter: MessagesPresenter, db: Database, services: LocalServices) -> None:
    presenter.search("milestone")
    await presenter.settle()
    assert not presenter.snapshot.found
    _say(db, 2, 1, "Milestone 2 is funded", 1)
    services.bus.emit(MessagesChanged(frozenset({"room-0002"})))
    await presenter.settle()
    assert [m.body for group in presenter.snapshot.found for m in group.messages] == ["Milestone 2 is funded"]


async def test_opening_a_found_message_loads_its_thread_around_it(
        presenter: MessagesPresenter, db: Database) -> None:
    """An old message far up a long thread: the thread holds it, with older messages for context."""
    room = "room-0002"
    base = utcnow() - timedelta(days=30)
    db.write_now(lambda c: messages.upsert_many(c, [
        make_message(50_000 + i, room_id=room, body="needle in the haystack" if i == 100 else f"Filler {i}",
                     created_at=base + timedelta(minutes=i)) for i in range(600)]))
    presenter.search("needle")
    await presenter.settle()
    (found,) = presenter.snapshot.found
    target = found.messages[0]
    presenter.open_message(target.id)
    await presenter.settle()
    s = presenter.snapshot
    assert s.room_id == s.thread_room == room
    assert s.focus == target.id
    ids = [m.id for m in s.thread]
    assert target.id in ids
    assert ids.index(target.id) >= 50  # older messages above it, for context
    assert s.thread[-1].created_at >= target.created_at  # and everything newer, down to the last
    presenter.open(room)  # the room itself again: back to its newest messages
    await presenter.settle()
    assert presenter.snapshot.focus is None
    assert len(presenter.snapshot.thread) == THREAD_PAGE
