from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from desktop.sandbox.harness import SandboxServer

from .conftest import Api, assert_problem


def amount(money: dict[str, str]) -> Decimal:
    assert money["currency"] == "USD"
    return Decimal(money["amount"])


def test_fee_math_of_every_transaction(api: Api) -> None:
    rate = Decimal(api.ok("/v1/earnings/summary")["fee_rate"])
    transactions = api.walk("/v1/earnings/transactions", limit=500)
    assert {t["type"] for t in transactions} >= {"earning", "bonus", "withdrawal"}
    for t in transactions:
        gross, fee, net = amount(t["gross"]), amount(t["fee"]), amount(t["net"])
        if t["type"] == "withdrawal":
            assert gross < 0
            assert fee == 0
            assert net == gross
            assert t["status"] == "completed"
        else:
            assert fee == (gross * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), t
            assert net == gross - fee, t
        assert t["id"].startswith("txn_")


def test_a_year_of_history_with_every_pipeline_status(api: Api) -> None:
    transactions = api.walk("/v1/earnings/transactions", limit=500)
    months = {t["created_at"][:7] for t in transactions}
    assert len(months) >= 12
    assert {"in_progress", "in_review", "pending", "available", "completed"} <= {
        t["status"] for t in transactions
    }
    assert len([t for t in transactions if t["type"] == "withdrawal"]) >= 10


def test_summary_matches_the_transactions(api: Api) -> None:
    summary = api.ok("/v1/earnings/summary")
    by_status: dict[str, Decimal] = defaultdict(Decimal)
    lifetime = Decimal(0)
    for t in api.walk("/v1/earnings/transactions", limit=500):
        by_status[t["status"]] += amount(t["net"])
        if t["type"] != "withdrawal":
            lifetime += amount(t["net"])
    assert amount(summary["work_in_progress"]) == by_status["in_progress"] > 0
    assert amount(summary["in_review"]) == by_status["in_review"]
    assert amount(summary["pending"]) == by_status["pending"]
    assert amount(summary["available"]) == by_status["available"] + by_status["completed"] >= 0
    assert amount(summary["lifetime"]) == lifetime > 0
    assert summary["fee_rate"] == "0.10"


def test_transaction_filters(api: Api) -> None:
    everything = api.walk("/v1/earnings/transactions", limit=500)
    withdrawals = api.walk("/v1/earnings/transactions", type="withdrawal")
    assert withdrawals
    assert {t["type"] for t in withdrawals} == {"withdrawal"}
    assert len(withdrawals) == sum(t["type"] == "withdrawal" for t in everything)
    available = api.walk("/v1/earnings/transactions", status="available")
    assert available
    assert {t["status"] for t in available} == {"available"}
    middle = sorted(t["created_at"] for t in everything)[len(everything) // 2]
    since = api.walk("/v1/earnings/transactions", since=middle)
    until = api.walk("/v1/earnings/transactions", until=middle)
    assert all(t["created_at"] >= middle for t in since)
    assert all(t["created_at"] < middle for t in until)
    assert len(since) + len(until) == len(everything)
    stamps = [t["created_at"] for t in api.walk("/v1/earnings/transactions", limit=9)]
    assert stamps == sorted(stamps, reverse=True)
    assert_problem(api.get("/v1/earnings/transactions", type="gift"), 422, "validation")


def test_money_clearing_moves_pending_to_available(api: Api, server: SandboxServer) -> None:
    before = api.ok("/v1/earnings/summary")
    high_water = max(t["updated_at"] for t in api.walk("/v1/earnings/transactions", limit=500))
    moved = server.simulator.clear_money()
    assert moved is not None
    delta = api.walk("/v1/earnings/transactions", updated_since=high_water)
    assert [t["id"] for t in delta] == [moved["id"]]
    after = api.ok("/v1/earnings/summary")
    assert after["updated_at"] > before["updated_at"]
    assert amount(after["lifetime"]) == amount(before["lifetime"])
    pipeline = ("in_review", "pending", "available")
    assert sum(amount(after[k]) for k in pipeline) == sum(amount(before[k]) for k in pipeline)
