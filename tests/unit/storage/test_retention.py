"""A marketplace's cache-age limit (Upwork: 24 h): what was not fetched again in time leaves the cache,
what the user made here stays."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from desktop.core.models import DeliveryState
from desktop.storage import earnings, jobs, messages, profile, proposals, retention, rooms
from desktop.storage.db import Database
from tests.unit.storage.factories import (
    BASE_TIME,
    make_draft,
    make_freelancer,
    make_jobs,
    make_message,
    make_proposal,
    make_room,
    make_summary,
)

LIMIT = timedelta(hours=24)


def test_rows_not_fetched_again_in_time_are_purged_with_their_search_entries(db: Database) -> None:
    old, fresh = make_jobs(3), make_jobs(2, start=3)

    def store(c: sqlite3.Connection) -> None:
        jobs.upsert_many(c, old + fresh)
        retention.note_fetched(c, "jobs", [j.id for j in old], BASE_TIME - timedelta(hours=30))
        retention.note_fetched(c, "jobs", [j.id for j in fresh], BASE_TIME - timedelta(hours=2))

    db.write_now(store)
    purged = db.write_now(lambda c: retention.purge(c, BASE_TIME - LIMIT))
    assert purged.counts == {"jobs": 3}
    left = {j.id for j in db.read_now(lambda c: jobs.get_many(c, [j.id for j in old + fresh])).values()}
    assert left == {j.id for j in fresh}
    # the full-text index forgot them too: searching an old title finds nothing old
    assert db.read_now(lambda c: c.execute(
        "SELECT count(*) FROM jobs_fts WHERE jobs_fts MATCH 'title:' || ?", (f'"{old[0].title.split()[0]}"',)
    ).fetchone()[0]) <= len(fresh)
    assert db.read_now(lambda c: c.execute("INSERT INTO jobs_fts(jobs_fts) VALUES ('integrity-check')")
                       .fetchall()) == []


def test_the_users_own_echoes_and_local_proposals_are_never_purged(db: Database) -> None:
    room = make_room(1, updated_at=BASE_TIME - timedelta(days=3))
    sent = make_message(1, room.id, created_at=BASE_TIME - timedelta(days=3))

    def store(c: sqlite3.Connection) -> None:
        rooms.upsert_many(c, [room])
        messages.upsert_many(c, [sent])
        messages.insert_local(c, room.id, "still sending", "me", "Me", "k-1", BASE_TIME - timedelta(days=2))
        proposals.insert_local(c, make_draft(7), "ck-7", BASE_TIME - timedelta(days=2))
        proposals.upsert_many(c, [make_proposal(8, updated_at=BASE_TIME - timedelta(days=2))])

    db.write_now(store)
    purged = db.write_now(lambda c: retention.purge(c, BASE_TIME - LIMIT))
    assert purged.counts == {"rooms": 1, "messages": 1, "proposals": 1}
    left = db.read_now(lambda c: messages.for_room(c, room.id, limit=10))
    assert [(m.body, m.state) for m in left] == [("still sending", DeliveryState.SENDING)]
    assert [p.id for p in db.read_now(proposals.list)] == ["local:ck-7"]


def test_unnoted_rows_are_judged_by_their_own_time_and_single_rows_by_their_note(db: Database) -> None:
    recent = make_proposal(1, updated_at=BASE_TIME - timedelta(hours=1))

    def store(c: sqlite3.Connection) -> None:
        proposals.upsert_many(c, [recent])
        profile.set(c, make_freelancer())
        earnings.set_summary(c, make_summary())
        retention.note_single(c, "profile", BASE_TIME - timedelta(hours=1))
        retention.note_single(c, "earnings_summary", BASE_TIME - timedelta(hours=25))

    db.write_now(store)
    purged = db.write_now(lambda c: retention.purge(c, BASE_TIME - LIMIT))
    assert purged.counts == {"earnings_summary": 1}
    assert db.read_now(earnings.get_summary) is None
    assert db.read_now(profile.get) is not None
    assert [p.id for p in db.read_now(proposals.list)] == [recent.id]
    assert db.write_now(lambda c: retention.purge(c, BASE_TIME - LIMIT)).total == 0
