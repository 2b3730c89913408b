"""The contracts cache: contracts with their milestones, newer copies win, and they leave with a reset."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from desktop.core.models import Contract, ContractStatus, ContractType, Milestone, MilestoneStatus
from desktop.core.money import Money
from desktop.storage import cache_reset, contracts
from desktop.storage.db import Database

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def usd(amount: str) -> Money:
    return Money(Decimal(amount), "USD")


def milestone(i: int, status: MilestoneStatus, amount: str = "500.00") -> Milestone:
    return Milestone(id=f"mst_{i}", position=i, description=f"Step {i}", amount=usd(amount), status=status,
                     due_date=date(2026, 12, 10 + i), funded_at=T0 if status is not MilestoneStatus.UNFUNDED
                     else None)


def hourly(i: int = 1, **more: object) -> Contract:
    fields: dict[str, object] = dict(
        id=f"ctr_h{i}", title=f"Hourly work {i}", job_id=f"job_{i}", client_id="cli_1", client_name="Acme",
        contract_type=ContractType.HOURLY, status=ContractStatus.ACTIVE, started_at=T0 - timedelta(days=30),
        updated_at=T0, proposal_id=f"prp_{i}", room_id=f"room_{i}", hourly_rate=usd("85.00"),
        weekly_limit_hours=30, hours_this_week=Decimal("12.25"), week_start=date(2026, 11, 30),
        fee_rate=Decimal("0.10"))
    fields.update(more)
    return Contract(**fields)  # type: ignore[arg-type]


def fixed(**more: object) -> Contract:
    fields: dict[str, object] = dict(
        id="ctr_f", title="Fixed work", job_id="job_f", client_id="cli_2", client_name="Bluebird",
        contract_type=ContractType.FIXED, status=ContractStatus.ACTIVE, started_at=T0 - timedelta(days=90),
        updated_at=T0, budget=usd("1500.00"),
        milestones=(milestone(1, MilestoneStatus.PAID), milestone(2, MilestoneStatus.FUNDED),
                    milestone(3, MilestoneStatus.UNFUNDED)))
    fields.update(more)
    return Contract(**fields)  # type: ignore[arg-type]


def test_contracts_round_trip_with_their_milestones(db: Database) -> None:
    stored = [hourly(), fixed()]
    db.write_now(lambda c: contracts.upsert_many(c, stored))
    assert db.read_now(lambda c: contracts.get(c, "ctr_h1")) == stored[0]
    back = db.read_now(lambda c: contracts.get(c, "ctr_f"))
    assert back == stored[1]
    assert back is not None
    assert back.current_milestone == stored[1].milestones[1]


def test_active_first_then_newest(db: Database) -> None:
    ended = hourly(2, status=ContractStatus.ENDED, started_at=T0 - timedelta(days=400),
                   ended_at=T0 - timedelta(days=100))
    recent = hourly(3, started_at=T0 - timedelta(days=2))
    db.write_now(lambda c: contracts.upsert_many(c, [ended, hourly(), recent, fixed()]))
    assert [k.id for k in db.read_now(contracts.list)] == ["ctr_h3", "ctr_h1", "ctr_f", "ctr_h2"]
    active = db.read_now(lambda c: contracts.list(c, ContractStatus.ACTIVE))
    assert {k.id for k in active} == {"ctr_h1", "ctr_h3", "ctr_f"}


def test_a_newer_copy_replaces_the_milestones_and_an_older_one_changes_nothing(db: Database) -> None:
    db.write_now(lambda c: contracts.upsert_many(c, [fixed()]))
    moved = fixed(updated_at=T0 + timedelta(hours=1), milestones=(
        milestone(1, MilestoneStatus.PAID), milestone(2, MilestoneStatus.SUBMITTED)))
    stale = fixed(updated_at=T0 - timedelta(hours=1), milestones=())
    assert db.write_now(lambda c: contracts.upsert_many(c, [moved])) == 1
    assert db.write_now(lambda c: contracts.upsert_many(c, [stale])) == 0  # a page fetched before the event
    back = db.read_now(lambda c: contracts.get(c, "ctr_f"))
    assert back == moved
    assert back is not None
    assert ([m.status for m in back.milestones] == [MilestoneStatus.PAID,
                                                                          MilestoneStatus.SUBMITTED])


def test_hours_belong_to_their_week(db: Database) -> None:
    contract = hourly()
    assert contract.hours_in_week(date(2026, 11, 30)) == Decimal("12.25")
    assert contract.hours_in_week(date(2026, 12, 7)) == 0  # a new week: nothing logged yet
    assert fixed().hours_in_week(date(2026, 11, 30)) is None
    no_hours = replace(contract, hours_this_week=None)
    assert no_hours.hours_in_week(date(2026, 11, 30)) == 0


def test_clearing_the_cache_forgets_contracts_and_milestones(db: Database) -> None:
    db.write_now(lambda c: contracts.upsert_many(c, [hourly(), fixed()]))
    removed = db.write_now(cache_reset.clear_marketplace_data)
    assert removed["contracts"] == 2
    assert db.read_now(contracts.list) == []
    assert db.read_now(lambda c: c.execute("SELECT count(*) FROM milestones").fetchone()[0]) == 0
