"""A delta page fetched before a live event arrives must not undo that event in the cache."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

from desktop.core.models import ProposalStatus, TransactionStatus
from desktop.storage import earnings, proposals
from desktop.storage.db import Database
from tests.unit.storage.factories import make_proposal, make_transaction


def test_an_older_proposal_version_does_not_overwrite_a_newer_one(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "c.sqlite3")
    try:
        old = make_proposal(1, status=ProposalStatus.SUBMITTED)
        new = dataclasses.replace(old, status=ProposalStatus.VIEWED, updated_at=old.updated_at + timedelta(1))
        db.write_now(lambda c: proposals.upsert_many(c, [new]))
        db.write_now(lambda c: proposals.upsert_many(c, [old]))
        stored = db.read_now(lambda c: proposals.get(c, old.id))
        assert stored is not None
        assert stored.status is ProposalStatus.VIEWED
        newer = dataclasses.replace(new, status=ProposalStatus.HIRED,
                                    updated_at=new.updated_at + timedelta(1))
        db.write_now(lambda c: proposals.upsert_many(c, [newer]))
        stored = db.read_now(lambda c: proposals.get(c, old.id))
        assert stored is not None
        assert stored.status is ProposalStatus.HIRED
    finally:
        db.close_now()


def test_an_older_transaction_version_does_not_overwrite_a_newer_one(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "c.sqlite3")
    try:
        old = make_transaction(1, status=TransactionStatus.PENDING)
        new = dataclasses.replace(old, status=TransactionStatus.AVAILABLE,
                                  updated_at=old.updated_at + timedelta(1))
        db.write_now(lambda c: earnings.upsert_transactions(c, [new]))
        db.write_now(lambda c: earnings.upsert_transactions(c, [old]))
        stored = db.read_now(lambda c: earnings.get_transaction(c, old.id))
        assert stored is not None
        assert stored.status is TransactionStatus.AVAILABLE
    finally:
        db.close_now()
