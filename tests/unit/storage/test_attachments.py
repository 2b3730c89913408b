"""Files of messages in the cache: linked to their message through every change of id, kept by "Clear cache"
and by the rescue of a damaged file while they wait to be uploaded (they are the user's), forgotten with the
marketplace's messages otherwise."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from desktop.core.clock import utcnow
from desktop.core.models import Attachment, AttachmentState, DeliveryState
from desktop.services.attachments import UPLOAD
from desktop.services.chat import SEND
from desktop.storage import attachments, cache_reset, messages, outbox, rooms
from desktop.storage.db import Database
from tests.unit.storage.factories import make_message, make_room
from tests.unit.storage.test_rescue import _pages_of, _smash

ROOM = "room-0000"


def _typed_with_file(db: Database, key: str, upload_key: str, copy: str, *, minutes: int = 0) -> None:
    """What ChatService.send writes: the file's row and upload item, then the echo and the message item."""
    when = utcnow() - timedelta(minutes=60 - minutes)

    def write(conn: sqlite3.Connection) -> None:
        row = attachments.add_local(conn, upload_key, ROOM, "brief.pdf", 1234, "application/pdf", copy, when)
        outbox.enqueue(conn, UPLOAD, {"room_id": ROOM, "name": "brief.pdf", "size": 1234,
                                      "content_type": "application/pdf", "path": copy}, upload_key, when)
        messages.insert_local(conn, ROOM, "", "me-1", "Sam", key, when, [row.id])
        outbox.enqueue(conn, SEND, {"room_id": ROOM, "body": "", "attachments": [upload_key]}, key, when)

    db.write_now(write)


def _cache(path: Path) -> Database:
    db = Database.open(path)
    db.write_now(lambda c: rooms.upsert_many(c, [make_room(i) for i in range(3)]))
    db.write_now(lambda c: messages.upsert_many(c, [make_message(i, room=i % 3) for i in range(30)]))
    return db


def test_the_links_follow_the_upload_and_the_marketplaces_copy_of_the_message(tmp_path: Path) -> None:
    db = _cache(tmp_path / "cache.sqlite3")
    _typed_with_file(db, "msg-1", "upl-1", "/cache/outgoing/upl-1/brief.pdf")
    echo = db.read_now(lambda c: messages.get(c, "local:msg-1"))
    assert echo is not None
    assert [a.id for a in echo.attachments] == ["local:upl-1"]
    assert echo.attachments[0].state is AttachmentState.UPLOADING

    answer = Attachment("att_1", "brief.pdf", 1234, "application/pdf")
    db.write_now(lambda c: attachments.uploaded(c, "upl-1", answer))
    echo = db.read_now(lambda c: messages.get(c, "local:msg-1"))
    assert echo is not None
    assert [a.id for a in echo.attachments] == ["att_1"]
    assert echo.attachments[0].state is AttachmentState.REMOTE
    assert echo.attachments[0].local_path == "/cache/outgoing/upl-1/brief.pdf"  # opens with no download

    server_copy = replace(echo, id="msg_srv", state=DeliveryState.SENT, attachments=(answer,))
    db.write_now(lambda c: messages.upsert_many(c, [server_copy]))
    sent = db.read_now(lambda c: messages.get(c, "msg_srv"))
    assert sent is not None
    assert [a.id for a in sent.attachments] == ["att_1"]
    assert sent.attachments[0].local_path == "/cache/outgoing/upl-1/brief.pdf"
    assert db.read_now(lambda c: messages.get(c, "local:msg-1")) is None
    # the thread reads them with the page of messages
    thread = db.read_now(lambda c: messages.for_room(c, ROOM))
    assert [a.id for m in thread for a in m.attachments] == ["att_1"]
    db.close_now()


def test_clearing_the_cache_keeps_files_waiting_to_be_uploaded_and_forgets_the_marketplaces(
    tmp_path: Path,
) -> None:
    db = _cache(tmp_path / "cache.sqlite3")
    theirs = replace(make_message(99, room=0), attachments=(Attachment("att_x", "x.png", 10, "image/png"),))
    db.write_now(lambda c: messages.upsert_many(c, [theirs]))
    db.write_now(lambda c: attachments.set_local_path(c, "att_x", "/cache/files/att_x/x.png"))
    _typed_with_file(db, "msg-1", "upl-1", "/cache/outgoing/upl-1/brief.pdf")

    removed = db.write_now(cache_reset.clear_marketplace_data)

    assert removed["attachments"] == 1
    assert db.read_now(lambda c: attachments.get(c, "att_x")) is None
    waiting = db.read_now(lambda c: messages.get(c, "local:msg-1"))
    assert waiting is not None
    assert [a.id for a in waiting.attachments] == ["local:upl-1"]
    assert db.read_now(attachments.local_paths) == {"/cache/outgoing/upl-1/brief.pdf"}
    assert [i.kind for i in db.read_now(lambda c: outbox.list(c, "pending"))] == [UPLOAD, SEND]
    db.close_now()


def test_a_damaged_cache_gives_back_the_waiting_file_with_its_message(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    db = _cache(path)
    _typed_with_file(db, "msg-1", "upl-1", "/cache/outgoing/upl-1/brief.pdf", minutes=10)
    db.close_now()
    with open(path, "r+b") as fh:
        fh.write(b"\x00" * 16)  # the header: SQLite refuses the file, every row is still there

    db = Database.open(path)
    try:
        assert db.recovered_from is not None
        pending = db.read_now(lambda c: outbox.list(c, "pending"))
        assert [(i.kind, i.idempotency_key) for i in pending] == [(UPLOAD, "upl-1"), (SEND, "msg-1")]
        echo = db.read_now(lambda c: messages.get(c, "local:msg-1"))
        assert echo is not None
        assert [a.name for a in echo.attachments] == ["brief.pdf"]
        assert echo.attachments[0].local_path == "/cache/outgoing/upl-1/brief.pdf"
        assert echo.attachments[0].state is AttachmentState.UPLOADING
    finally:
        db.close_now()


def test_outbox_pages_lost_a_message_comes_back_from_its_echo_with_its_file(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    db = _cache(path)
    _typed_with_file(db, "msg-1", "upl-1", "/cache/outgoing/upl-1/brief.pdf", minutes=10)
    db.close_now()
    for page in _pages_of(path, "outbox"):
        _smash(path, page, start=8)
    from desktop.storage.db import in_use_marker

    in_use_marker(path).touch()
    db = Database.open(path)
    try:
        pending = db.read_now(lambda c: outbox.list(c, "pending"))
        assert [i.kind for i in pending] == [SEND]
        # the message names its file by its upload key: the send uploads it under that key first
        assert pending[0].payload["attachments"] == ["upl-1"]
        echo = db.read_now(lambda c: messages.get(c, "local:msg-1"))
        assert echo is not None
        assert ([a.local_path for a in echo.attachments] == [
            "/cache/outgoing/upl-1/brief.pdf"])
    finally:
        db.close_now()
