"""A proposal's timeline in the cache: each status the sync saw, dated by the marketplace's time."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from desktop.core.clock import format_ts
from desktop.core.models import ProposalStatus
from desktop.storage import proposals, retention
from desktop.storage.db import Database, connect
from desktop.storage.schema import migrate
from tests.support.bound import bound
from tests.unit.storage.factories import BASE_TIME, make_proposal

S = ProposalStatus


def timeline(db: Database, proposal_id: str) -> list[tuple[ProposalStatus, object, bool]]:
    return [(s.status, s.at, s.confirmed) for s in db.read_now(lambda c: proposals.steps(c, proposal_id))]


def test_each_status_seen_is_a_dated_step_in_lifecycle_order(db: Database) -> None:
    sent = make_proposal(1, status=S.SUBMITTED, created_at=BASE_TIME, updated_at=BASE_TIME)
    viewed = replace(sent, status=S.VIEWED, updated_at=BASE_TIME + timedelta(hours=3))
    hired = replace(sent, status=S.HIRED, updated_at=BASE_TIME + timedelta(days=2))
    for version in (sent, viewed, hired, viewed):  # the last: a page fetched before the hire, applied late
        db.write_now(bound(proposals.upsert_many, [version]))
    assert timeline(db, sent.id) == [
        (S.SUBMITTED, BASE_TIME, True),
        (S.VIEWED, BASE_TIME + timedelta(hours=3), True),
        (S.HIRED, BASE_TIME + timedelta(days=2), True),
    ]
    assert db.read_now(lambda c: proposals.get(c, sent.id)) == hired  # the row itself stays the newest


def test_a_step_missed_by_a_delta_page_is_filled_in_by_a_replayed_event(db: Database) -> None:
    sent = make_proposal(2, status=S.SUBMITTED, created_at=BASE_TIME, updated_at=BASE_TIME)
    interviewing = replace(sent, status=S.INTERVIEWING, updated_at=BASE_TIME + timedelta(days=1))
    viewed = replace(sent, status=S.VIEWED, updated_at=BASE_TIME + timedelta(hours=5))
    db.write_now(lambda c: proposals.upsert_many(c, [interviewing]))  # first seen already interviewing
    assert [s for s, _, _ in timeline(db, sent.id)] == [S.SUBMITTED, S.INTERVIEWING]
    db.write_now(lambda c: proposals.upsert_many(c, [viewed]))  # the older event arrives afterwards
    assert [s for s, _, _ in timeline(db, sent.id)] == [S.SUBMITTED, S.VIEWED, S.INTERVIEWING]
    # the first time a status was seen stays its date, even when the row changes again later in it
    later = replace(interviewing, updated_at=BASE_TIME + timedelta(days=3))
    db.write_now(lambda c: proposals.upsert_many(c, [later]))
    assert timeline(db, sent.id)[-1] == (S.INTERVIEWING, BASE_TIME + timedelta(days=1), True)


def test_a_withdrawal_made_here_is_dated_here_until_the_server_answers(db: Database) -> None:
    viewed = make_proposal(3, status=S.VIEWED, created_at=BASE_TIME,
                           updated_at=BASE_TIME + timedelta(hours=1))
    db.write_now(lambda c: proposals.upsert_many(c, [viewed]))
    clicked = BASE_TIME + timedelta(days=1)
    shown = db.write_now(lambda c: proposals.set_status_here(c, viewed.id, S.WITHDRAWN, clicked))
    assert shown is not None
    assert shown.status is S.WITHDRAWN
    assert shown.updated_at == viewed.updated_at
    assert timeline(db, viewed.id)[-1] == (S.WITHDRAWN, clicked, False)
    answered = replace(viewed, status=S.WITHDRAWN, updated_at=clicked + timedelta(seconds=4))
    db.write_now(lambda c: proposals.upsert_many(c, [answered]))
    assert timeline(db, viewed.id)[-1] == (S.WITHDRAWN, clicked + timedelta(seconds=4), True)


def test_a_withdrawal_the_server_overtook_leaves_no_step(db: Database) -> None:
    viewed = make_proposal(4, status=S.VIEWED, created_at=BASE_TIME,
                           updated_at=BASE_TIME + timedelta(hours=1))
    db.write_now(lambda c: proposals.upsert_many(c, [viewed]))
    clicked = BASE_TIME + timedelta(days=1)
    db.write_now(lambda c: proposals.set_status_here(c, viewed.id, S.WITHDRAWN, clicked))
    hired = replace(viewed, status=S.HIRED, updated_at=BASE_TIME + timedelta(hours=20))  # hired meanwhile
    db.write_now(lambda c: proposals.upsert_many(c, [hired]))
    assert [s for s, _, _ in timeline(db, viewed.id)] == [S.SUBMITTED, S.VIEWED, S.HIRED]


def test_the_timeline_leaves_with_its_proposal(db: Database) -> None:
    old = make_proposal(5, status=S.VIEWED, created_at=BASE_TIME - timedelta(days=3),
                        updated_at=BASE_TIME - timedelta(days=2))
    db.write_now(lambda c: proposals.upsert_many(c, [old]))
    assert timeline(db, old.id)
    db.write_now(lambda c: retention.purge(c, BASE_TIME - timedelta(days=1)))
    assert db.read_now(lambda c: proposals.get(c, old.id)) is None
    assert timeline(db, old.id) == []


def test_upgrading_a_cache_dates_what_it_already_knows(tmp_path: Path) -> None:
    conn = connect(tmp_path / "cache.db")
    migrate(conn, target=5)
    hired = make_proposal(6, status=S.HIRED, created_at=BASE_TIME, updated_at=BASE_TIME + timedelta(days=9))
    sent = make_proposal(7, status=S.SUBMITTED, created_at=BASE_TIME, updated_at=BASE_TIME)
    conn.execute("BEGIN")
    for p in (hired, sent):
        conn.execute(
            "INSERT INTO proposals (id, job_id, job_title, client_name, cover_letter, bid, bid_currency,"
            " duration, status, fee_rate, connects_spent, invited, created_at, updated_at)"
            " VALUES (?, ?, ?, '', '', '1', 'USD', '', ?, '0.1', 0, 0, ?, ?)",
            (p.id, p.job_id, p.job_title, p.status.value, format_ts(p.created_at), format_ts(p.updated_at)))
    conn.execute("COMMIT")
    migrate(conn)
    conn.close()
    db = Database.open(tmp_path / "cache.db")
    try:
        assert timeline(db, hired.id) == [(S.SUBMITTED, BASE_TIME, True),
                                          (S.HIRED, BASE_TIME + timedelta(days=9), True)]
        assert timeline(db, sent.id) == [(S.SUBMITTED, BASE_TIME, True)]
    finally:
        db.close_now()


def test_unknown_statuses_are_left_out(db: Database) -> None:
    p = make_proposal(8, status=S.SUBMITTED, created_at=BASE_TIME, updated_at=BASE_TIME)
    db.write_now(lambda c: proposals.upsert_many(c, [p]))

    def odd(c: sqlite3.Connection) -> None:
        c.execute("INSERT INTO proposal_steps (proposal_id, status, at) VALUES (?, 'escrowed', ?)",
                  (p.id, format_ts(BASE_TIME)))

    db.write_now(odd)
    assert [s for s, _, _ in timeline(db, p.id)] == [S.SUBMITTED]
