from __future__ import annotations

from datetime import timedelta

from desktop.core.notices import Code, Notice
from desktop.storage import outbox
from desktop.storage.db import Database
from tests.support.bound import bound
from tests.unit.storage.factories import BASE_TIME

T0 = BASE_TIME


def test_enqueue_round_trip_and_idempotent_key(db: Database) -> None:
    item = db.write_now(
        lambda c: outbox.enqueue(c, "message", {"room": "r1", "body": "hé", "n": [1, 2]}, "k1", T0)
    )
    assert item.id >= 1
    assert item.kind == "message"
    assert item.state == "pending"
    assert item.payload == {"room": "r1", "body": "hé", "n": [1, 2]}
    assert item.attempts == 0
    assert item.last_error is None
    assert item.created_at == T0
    assert item.next_attempt_at == T0
    again = db.write_now(lambda c: outbox.enqueue(c, "message", {"other": True}, "k1", T0 + timedelta(1)))
    assert again == item
    assert db.read_now(outbox.pending_count) == 1
    assert db.read_now(lambda c: outbox.get(c, item.id)) == item


def test_strict_fifo_never_skips_ahead(db: Database) -> None:
    a = db.write_now(lambda c: outbox.enqueue(c, "message", {"n": 1}, "a", T0))
    b = db.write_now(lambda c: outbox.enqueue(c, "message", {"n": 2}, "b", T0))
    assert db.read_now(lambda c: outbox.next_due(c, T0)) == a
    later = T0 + timedelta(seconds=30)
    db.write_now(lambda c: outbox.schedule_retry(c, a.id, Notice(Code.UNREACHABLE), later))
    # b is due, but a is older and not due yet: nothing is handed out
    assert db.read_now(lambda c: outbox.next_due(c, T0 + timedelta(seconds=5))) is None
    assert db.read_now(outbox.oldest_pending).id == a.id  # type: ignore[union-attr]
    retried = db.read_now(lambda c: outbox.next_due(c, later))
    assert retried is not None
    assert retried.id == a.id
    assert retried.attempts == 1
    assert retried.next_attempt_at == later
    assert retried.last_error == Notice(Code.UNREACHABLE)  # stored as a code, read back as one
    db.write_now(lambda c: outbox.mark_sent(c, a.id))
    assert db.read_now(lambda c: outbox.next_due(c, later)) == b
    db.write_now(lambda c: outbox.mark_failed(c, b.id, Notice.text("rejected: too long")))
    assert db.read_now(lambda c: outbox.next_due(c, later)) is None
    assert db.read_now(outbox.oldest_pending) is None
    assert db.read_now(outbox.pending_count) == 0
    failed = db.read_now(lambda c: outbox.list(c, "failed"))
    assert [(i.id, i.last_error) for i in failed] == [(b.id, Notice.text("rejected: too long"))]
    assert [i.id for i in db.read_now(lambda c: outbox.list(c, "sent"))] == [a.id]
    assert [i.id for i in db.read_now(outbox.list)] == [a.id, b.id]


def test_order_is_insertion_order_even_with_equal_times(db: Database) -> None:
    keys = [f"k{i}" for i in range(20)]
    for key in keys:
        db.write_now(bound(outbox.enqueue, "message", {}, key, T0))
    sent: list[str] = []
    while (item := db.read_now(lambda c: outbox.next_due(c, T0))) is not None:
        sent.append(item.idempotency_key)
        db.write_now(bound(outbox.mark_sent, item.id))
    assert sent == keys


def test_ids_are_never_reused(db: Database) -> None:
    a = db.write_now(lambda c: outbox.enqueue(c, "x", {}, "a", T0))
    db.write_now(lambda c: c.execute("DELETE FROM outbox"))
    b = db.write_now(lambda c: outbox.enqueue(c, "x", {}, "b", T0))
    assert b.id > a.id
