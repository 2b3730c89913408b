from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from desktop.core.models import InvitationStatus, ProposalStatus, Transaction, TransactionType
from desktop.core.money import Money
from desktop.storage import earnings, invitations, profile, proposals, sync_state
from desktop.storage.db import Database
from tests.support.bound import bound
from tests.unit.storage.factories import (
    BASE_TIME,
    make_draft,
    make_freelancer,
    make_invitation,
    make_proposal,
    make_summary,
    make_transaction,
)


def test_proposals_round_trip_list_and_counts(db: Database) -> None:
    items = [make_proposal(i) for i in range(16)]
    assert db.write_now(lambda c: proposals.upsert_many(c, items)) == 16
    assert db.read_now(lambda c: proposals.get(c, items[3].id)) == items[3]
    listed = db.read_now(proposals.list)
    assert [p.id for p in listed] == [p.id for p in sorted(items, key=lambda p: p.updated_at, reverse=True)]
    active = db.read_now(lambda c: proposals.list(c, [s for s in ProposalStatus if s.is_active]))
    assert {p.status for p in active} <= {s for s in ProposalStatus if s.is_active}
    assert active
    assert db.read_now(lambda c: proposals.list(c, [])) == []
    counts = db.read_now(proposals.counts_by_status)
    assert set(counts) == set(ProposalStatus)
    assert sum(counts.values()) == 16
    assert counts[ProposalStatus.SUBMITTED] == 2
    updated = replace(items[0], status=ProposalStatus.HIRED, updated_at=BASE_TIME + timedelta(days=1))
    db.write_now(lambda c: proposals.upsert_many(c, [updated]))
    assert db.read_now(proposals.list)[0] == updated
    assert db.read_now(proposals.applied_job_ids) == {p.job_id for p in items}


def test_local_proposal_until_server_copy_arrives(db: Database) -> None:
    draft = make_draft(42)
    local = db.write_now(lambda c: proposals.insert_local(c, draft, "ck-9", BASE_TIME))
    assert local.id == "local:ck-9"
    assert local.status is ProposalStatus.SUBMITTED
    assert local.job_id == draft.job_id
    assert db.read_now(lambda c: proposals.get(c, "local:ck-9")) == local
    assert draft.job_id in db.read_now(proposals.applied_job_ids)
    server = make_proposal(42, job_id=draft.job_id)
    db.write_now(lambda c: proposals.upsert_many(c, [server]))
    assert [p.id for p in db.read_now(proposals.list)] == [server.id]
    other = db.write_now(lambda c: proposals.insert_local(c, make_draft(43), "ck-10", BASE_TIME))
    db.write_now(lambda c: proposals.remove_local(c, "ck-10"))
    assert db.read_now(lambda c: proposals.get(c, other.id)) is None


def test_invitations(db: Database) -> None:
    items = [make_invitation(i) for i in range(3)]
    db.write_now(lambda c: invitations.upsert_many(c, items))
    accepted = replace(items[2], status=InvitationStatus.ACCEPTED)
    db.write_now(lambda c: invitations.upsert_many(c, [accepted]))
    assert db.read_now(invitations.list) == [items[0], items[1], accepted]
    assert db.read_now(lambda c: invitations.list(c, InvitationStatus.ACCEPTED)) == [accepted]
    assert db.read_now(lambda c: invitations.get(c, items[0].id)) == items[0]


def test_profile_and_sync_state(db: Database) -> None:
    assert db.read_now(profile.get) is None
    me = make_freelancer()
    db.write_now(lambda c: profile.set(c, me))
    db.write_now(lambda c: profile.set(c, replace(me, connects=99)))
    assert db.read_now(profile.get) == replace(me, connects=99)
    assert db.read_now(lambda c: sync_state.get(c, "last_event_id")) is None
    db.write_now(lambda c: sync_state.set(c, "last_event_id", "e1"))
    db.write_now(lambda c: sync_state.set(c, "last_event_id", "e2"))
    db.write_now(lambda c: sync_state.set(c, "watermark:jobs", "2026-01-01T00:00:00.000000Z"))
    assert db.read_now(lambda c: sync_state.get(c, "last_event_id")) == "e2"
    db.write_now(lambda c: sync_state.delete(c, "last_event_id"))
    assert db.read_now(lambda c: sync_state.get(c, "last_event_id")) is None


def test_summary_round_trip(db: Database) -> None:
    assert db.read_now(earnings.get_summary) is None
    s = make_summary()
    db.write_now(lambda c: earnings.set_summary(c, s))
    db.write_now(lambda c: earnings.set_summary(c, replace(s, available=Money(Decimal("1.00"), "USD"))))
    assert db.read_now(earnings.get_summary) == replace(s, available=Money(Decimal("1.00"), "USD"))


def test_transactions_paging_and_types(db: Database) -> None:
    items = [make_transaction(i) for i in range(30)]
    items += [make_transaction(100 + i, type=TransactionType.WITHDRAWAL, id=f"wd-{i}") for i in range(5)]
    db.write_now(lambda c: earnings.upsert_transactions(c, items))
    assert db.read_now(earnings.transactions_count) == 35
    assert db.read_now(lambda c: earnings.transactions_count(c, TransactionType.WITHDRAWAL)) == 5
    pages = [db.read_now(bound(earnings.transactions_page, o, 10)) for o in range(0, 40, 10)]
    ids = [t.id for p in pages for t in p]
    assert len(ids) == 35
    assert len(set(ids)) == 35
    flat = [t for p in pages for t in p]
    assert flat == sorted(items, key=lambda t: (t.created_at, t.id), reverse=True)
    assert db.read_now(lambda c: earnings.get_transaction(c, "tx-00003")) == items[3]
    wd = db.read_now(lambda c: earnings.transactions_page(c, 0, 10, TransactionType.WITHDRAWAL))
    assert {t.type for t in wd} == {TransactionType.WITHDRAWAL}


def _tx(i: int, when: datetime, net: str, type: TransactionType = TransactionType.EARNING) -> Transaction:
    return make_transaction(i, created_at=when, net=Money(Decimal(net), "USD"), type=type)


def test_monthly_net_zero_filled_oldest_first(db: Database) -> None:
    now = datetime(2026, 3, 15, 10, tzinfo=UTC)
    rows = [
        _tx(1, datetime(2026, 3, 1, 0, 0, tzinfo=UTC), "100.10"),
        _tx(2, datetime(2026, 3, 14, tzinfo=UTC), "50.00", TransactionType.BONUS),
        _tx(3, datetime(2026, 2, 28, 23, 59, 59, tzinfo=UTC), "-20.00", TransactionType.REFUND),
        _tx(4, datetime(2026, 2, 10, tzinfo=UTC), "999.00", TransactionType.WITHDRAWAL),  # not counted
        _tx(5, datetime(2025, 12, 31, 23, 0, tzinfo=UTC), "7.25", TransactionType.ADJUSTMENT),
        _tx(6, datetime(2025, 4, 30, tzinfo=UTC), "1.00"),  # the oldest month of a 12-month window
        _tx(7, datetime(2026, 4, 1, tzinfo=UTC), "5.00"),  # next month: outside
    ]
    db.write_now(lambda c: earnings.upsert_transactions(c, rows))
    months = db.read_now(lambda c: earnings.monthly_net(c, 12, now))
    assert [m.month for m in months] == [
        "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12",
        "2026-01", "2026-02", "2026-03",
    ]  # fmt: skip
    by = {m.month: m.net for m in months}
    assert by["2026-03"] == Money(Decimal("150.10"), "USD")
    assert by["2026-02"] == Money(Decimal("-20.00"), "USD")
    assert by["2025-12"] == Money(Decimal("7.25"), "USD")
    assert by["2025-04"] == Money(Decimal("1.00"), "USD")
    assert by["2025-05"] == Money(Decimal(0), "USD")
    three = db.read_now(lambda c: earnings.monthly_net(c, 3, now))
    assert [m.month for m in three] == ["2026-01", "2026-02", "2026-03"]
    jan = db.read_now(lambda c: earnings.monthly_net(c, 2, datetime(2026, 1, 5, tzinfo=UTC)))
    assert [m.month for m in jan] == ["2025-12", "2026-01"]
    assert db.read_now(lambda c: earnings.monthly_net(c, 0, now)) == []


def test_monthly_net_empty_is_all_zero(db: Database) -> None:
    months = db.read_now(lambda c: earnings.monthly_net(c, 6))
    assert len(months) == 6
    assert all(m.net.amount == 0 for m in months)
