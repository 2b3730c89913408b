from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from desktop.core.models import DeliveryState
from desktop.storage import messages, rooms
from desktop.storage.db import Database
from tests.support.bound import bound
from tests.unit.storage.factories import BASE_TIME, make_message, make_room


def _fts_ok(db: Database) -> None:
    db.read_now(lambda c: c.execute("INSERT INTO messages_fts(messages_fts) VALUES ('integrity-check')"))


def test_messages_round_trip_and_order(db: Database) -> None:
    db.write_now(lambda c: rooms.upsert_many(c, [make_room(0)]))
    msgs = [make_message(i) for i in (5, 1, 3, 2, 4)]
    same_time = make_message(9, created_at=make_message(3).created_at, id="msg-000003a")
    assert db.write_now(lambda c: messages.upsert_many(c, [*msgs, same_time])) == 6
    got = db.read_now(lambda c: messages.for_room(c, "room-0000"))
    assert [m.id for m in got] == [
        "msg-000001",
        "msg-000002",
        "msg-000003",
        "msg-000003a",
        "msg-000004",
        "msg-000005",
    ]
    assert got[0] == make_message(1)
    assert [m.id for m in db.read_now(lambda c: messages.for_room(c, "room-0000", limit=2))] == [
        "msg-000004",
        "msg-000005",
    ]
    before = make_message(3).created_at
    assert [
        m.id for m in db.read_now(lambda c: messages.for_room(c, "room-0000", limit=10, before=before))
    ] == [
        "msg-000001",
        "msg-000002",
    ]
    assert db.read_now(messages.count) == 6
    assert db.read_now(lambda c: messages.count(c, "room-0000")) == 6
    assert db.read_now(lambda c: messages.count(c, "other")) == 0


def test_local_echo_is_replaced_in_place(db: Database) -> None:
    db.write_now(lambda c: rooms.upsert_many(c, [make_room(0)]))
    db.write_now(lambda c: messages.upsert_many(c, [make_message(1), make_message(2)]))
    now = BASE_TIME + timedelta(minutes=3)
    local = db.write_now(
        lambda c: messages.insert_local(c, "room-0000", "Hello there, zebra", "me", "Me", "ck-1", now)
    )
    assert local.id == "local:ck-1"
    assert local.state is DeliveryState.SENDING
    assert local.is_local
    assert (
        db.write_now(lambda c: messages.insert_local(c, "room-0000", "x", "me", "Me", "ck-1", now)) == local
    )
    seq_before = db.read_now(
        lambda c: c.execute("SELECT seq FROM messages WHERE id = 'local:ck-1'").fetchone()[0]
    )
    room = db.read_now(lambda c: rooms.get(c, "room-0000"))
    assert room is not None
    assert room.last_message_preview == "Hello there, zebra"
    assert room.last_message_at == now

    db.write_now(lambda c: messages.set_state(c, "ck-1", DeliveryState.FAILED))
    assert db.read_now(lambda c: messages.get(c, "local:ck-1")).state is DeliveryState.FAILED  # type: ignore[union-attr]

    server = make_message(
        50, id="srv-77", body="Hello there, zebra", created_at=now + timedelta(seconds=1), client_key="ck-1"
    )
    db.write_now(lambda c: messages.upsert_many(c, [server]))
    db.write_now(lambda c: messages.upsert_many(c, [server]))  # redelivered: still one row
    got = db.read_now(lambda c: messages.for_room(c, "room-0000"))
    assert [m.id for m in got] == ["msg-000001", "msg-000002", "srv-77"]
    assert got[-1].state is DeliveryState.SENT
    assert got[-1].client_key == "ck-1"
    assert (
        db.read_now(lambda c: c.execute("SELECT seq FROM messages WHERE id = 'srv-77'").fetchone()[0])
        == seq_before
    )
    assert db.read_now(lambda c: messages.get(c, "local:ck-1")) is None
    assert [m.id for m in db.read_now(lambda c: messages.search(c, "zebra"))] == ["srv-77"]
    _fts_ok(db)


def test_echo_and_server_copy_both_present_collapse_to_one(db: Database) -> None:
    db.write_now(lambda c: messages.insert_local(c, "room-0000", "one", "me", "Me", "ck-2", BASE_TIME))
    # the server copy first arrived without its client_key (e.g. through history), then with it
    bare = make_message(1, id="srv-1", body="one", room=0)
    db.write_now(lambda c: messages.upsert_many(c, [bare]))
    db.write_now(lambda c: messages.upsert_many(c, [replace(bare, client_key="ck-2")]))
    assert [m.id for m in db.read_now(lambda c: messages.for_room(c, "room-0000"))] == ["srv-1"]
    assert db.read_now(lambda c: messages.search(c, "one")) == [replace(bare, client_key="ck-2")]
    _fts_ok(db)


def test_message_search_is_safe_and_accent_blind(db: Database) -> None:
    db.write_now(
        lambda c: messages.upsert_many(
            c,
            [
                make_message(1, body="Let's meet at the café"),
                make_message(2, body="The cafeteria is closed"),
                make_message(3, body="Budget is fine", room=1),
            ],
        )
    )
    assert [m.id for m in db.read_now(lambda c: messages.search(c, "CAFE"))] == ["msg-000002", "msg-000001"]
    assert [m.id for m in db.read_now(lambda c: messages.search(c, "caf", limit=1))] == ["msg-000002"]
    for text in ['"', "NEAR(", "*", "-x", "", "😀", "body:cafe", "a OR"]:
        db.read_now(bound(messages.search, text))
    assert db.read_now(lambda c: messages.search(c, "")) == []
    edited = make_message(2, body="Now it is open")
    db.write_now(lambda c: messages.upsert_many(c, [edited]))
    assert [m.id for m in db.read_now(lambda c: messages.search(c, "cafeteria"))] == []
    assert [m.id for m in db.read_now(lambda c: messages.search(c, "open"))] == ["msg-000002"]
    _fts_ok(db)


def test_rooms_order_unread_and_preview(db: Database) -> None:
    r0 = make_room(0, last_message_at=BASE_TIME, last_message_preview="old", unread_count=2)
    r1 = make_room(
        1, last_message_at=BASE_TIME + timedelta(hours=1), last_message_preview="newer", unread_count=3
    )
    r2 = make_room(2)
    db.write_now(lambda c: rooms.upsert_many(c, [r2, r0, r1]))
    assert [r.id for r in db.read_now(rooms.list)] == ["room-0001", "room-0000", "room-0002"]
    assert db.read_now(rooms.total_unread) == 5
    db.write_now(lambda c: rooms.set_unread(c, "room-0001", 0))
    assert db.read_now(rooms.total_unread) == 2
    assert db.read_now(lambda c: rooms.get(c, "room-0000")) == r0

    # a new message moves its room to the top and updates the preview
    msg = make_message(500, room=2, body="  Brand\nnew   message  " + "x" * 300)
    db.write_now(lambda c: messages.upsert_many(c, [msg]))
    top = db.read_now(rooms.list)[0]
    assert top.id == "room-0002"
    assert top.last_message_at == msg.created_at
    assert top.last_message_preview.startswith("Brand new message x")
    assert len(top.last_message_preview) <= 120
    # a stale room snapshot from the server does not roll the preview back
    db.write_now(lambda c: rooms.upsert_many(c, [replace(r2, last_message_preview="stale", unread_count=4)]))
    again = db.read_now(lambda c: rooms.get(c, "room-0002"))
    assert again is not None
    assert again.last_message_at == msg.created_at
    assert again.unread_count == 4
    assert again.last_message_preview.startswith("Brand new")
    # an older message does not replace a newer preview
    db.write_now(lambda c: messages.upsert_many(c, [make_message(1, room=2, body="ancient")]))
    assert db.read_now(lambda c: rooms.get(c, "room-0002")).last_message_preview.startswith("Brand")  # type: ignore[union-attr]


def test_messages_for_unknown_room_are_kept(db: Database) -> None:
    db.write_now(lambda c: messages.upsert_many(c, [make_message(1, room=9)]))
    db.write_now(lambda c: rooms.upsert_many(c, [make_room(9)]))
    room = db.read_now(lambda c: rooms.get(c, "room-0009"))
    assert room is not None
    assert room.last_message_at == make_message(1).created_at
