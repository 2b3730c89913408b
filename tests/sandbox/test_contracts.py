"""GET /v1/contracts and /v1/contracts/{id}, contract.updated events, and the seed's and the simulator's
contracts (consistent with the hired proposals, the rooms and the transactions)."""

from __future__ import annotations

from decimal import Decimal

from desktop.sandbox.harness import SandboxServer

from .conftest import CLIENT1, DEMO, Api, api_for, assert_problem, listening


def test_seeded_contracts_match_hired_proposals_rooms_and_money(api: Api) -> None:
    contracts = api.walk("/v1/contracts", limit=2)  # small pages: the cursor is walked too
    assert len({c["id"] for c in contracts}) == len(contracts)
    active = [c for c in contracts if c["status"] == "active"]
    hourly = [c for c in active if c["contract_type"] == "hourly"]
    fixed = [c for c in active if c["contract_type"] == "fixed"]
    assert len(hourly) == 3
    assert len(fixed) == 1
    assert any(c["status"] == "ended" and c["ended_at"] for c in contracts)

    hired = {p["id"]: p for p in api.walk("/v1/proposals") if p["status"] == "hired"}
    rooms = {r["id"]: r for r in api.walk("/v1/rooms")}
    transactions = api.walk("/v1/earnings/transactions", limit=500)
    assert {c["proposal_id"] for c in hourly} == set(hired)
    for contract in hourly:
        proposal = hired[contract["proposal_id"]]
        assert proposal["job_id"] == contract["job_id"]
        assert proposal["client_name"] == contract["client"]["name"]
        assert rooms[contract["room_id"]]["job_id"] == contract["job_id"]
        hours = Decimal(contract["hours_this_week"])
        assert 0 < hours <= contract["weekly_limit_hours"]
        # This week's hours are the work in progress billed for the contract.
        billed = [t for t in transactions
                  if t["job_id"] == contract["job_id"] and t["status"] == "in_progress"]
        assert len(billed) == 1
        assert f"{hours.normalize():f} hrs" in billed[0]["description"]
        rate = Decimal(contract["hourly_rate"]["amount"])
        assert Decimal(billed[0]["gross"]["amount"]) == (hours * rate).quantize(Decimal("0.01"))
        assert contract["milestones"] == []
        assert contract["budget"] is None

    (contract,) = fixed
    statuses = [m["status"] for m in contract["milestones"]]
    assert statuses == ["paid", "paid", "paid", "paid", "funded", "unfunded"]
    assert [m["position"] for m in contract["milestones"]] == [1, 2, 3, 4, 5, 6]
    total = sum(Decimal(m["amount"]["amount"]) for m in contract["milestones"])
    assert Decimal(contract["budget"]["amount"]) == total
    by_id = {t["id"]: t for t in transactions}
    paid_money = [t for t in transactions if t["job_id"] == contract["job_id"] and t["id"] in by_id]
    paid_amounts = sorted(Decimal(t["gross"]["amount"]) for t in paid_money if t["status"] == "available")
    assert paid_amounts == sorted(Decimal(m["amount"]["amount"]) for m in contract["milestones"][:4])
    funded = contract["milestones"][4]
    escrow = [t for t in paid_money if t["status"] == "in_progress"]
    assert [Decimal(t["gross"]["amount"]) for t in escrow] == [Decimal(funded["amount"]["amount"])]
    assert funded["due_date"]
    assert funded["funded_at"]
    assert funded["submitted_at"] is None
    assert all(m["paid_at"] for m in contract["milestones"][:4])


def test_one_contract_and_its_errors(api: Api, server: SandboxServer) -> None:
    first = api.walk("/v1/contracts")[0]
    assert api.ok(f"/v1/contracts/{first['id']}") == first
    assert_problem(api.get("/v1/contracts/ctr_nope"), 404, "not-found")
    # Another account's contract is not found for a client account either.
    client = api_for(server, CLIENT1)
    assert client.ok("/v1/contracts")["items"] == []
    assert_problem(client.get(f"/v1/contracts/{first['id']}"), 404, "not-found")


def test_updated_since_brings_only_what_changed(api: Api, server: SandboxServer) -> None:
    everything = api.walk("/v1/contracts", updated_since="1970-01-01T00:00:00Z")
    assert [c["updated_at"] for c in everything] == sorted(c["updated_at"] for c in everything)
    newest = everything[-1]["updated_at"]
    assert api.ok("/v1/contracts", updated_since=newest)["items"] == []
    hourly = next(c for c in everything if c["contract_type"] == "hourly" and c["status"] == "active")
    server.store.log_week_hours(hourly["id"], "12.50", hourly["week_start"])
    (changed,) = api.walk("/v1/contracts", updated_since=newest)
    assert changed["id"] == hourly["id"]
    assert changed["hours_this_week"] == "12.50"


async def test_a_milestone_moving_is_a_live_contract_event(scratch_server: SandboxServer) -> None:
    store = scratch_server.store
    api = api_for(scratch_server, DEMO)
    contract = next(c for c in api.walk("/v1/contracts") if c["contract_type"] == "fixed")
    funded = next(m for m in contract["milestones"] if m["status"] == "funded")
    async with listening(scratch_server, DEMO) as stream:
        for expected in ("submitted", "approved"):
            store.advance_milestone(funded["id"])
            await stream.wait_for(lambda events, expected=expected: any(  # type: ignore[misc]
                e.type == "contract.updated"
                and any(m["id"] == funded["id"] and m["status"] == expected for m in e.data["milestones"])
                for e in events))
    after = api.ok(f"/v1/contracts/{contract['id']}")
    states = {m["id"]: m["status"] for m in after["milestones"]}
    assert states[funded["id"]] == "approved"
    # Approving one funds the next: its money is work in progress now.
    following = after["milestones"][funded["position"]]
    assert following["status"] == "funded"
    assert following["funded_at"]
    summary = api.ok("/v1/earnings/summary")
    assert Decimal(summary["work_in_progress"]["amount"]) > 0
    approved = next(m for m in after["milestones"] if m["id"] == funded["id"])
    assert approved["approved_at"]
    assert approved["submitted_at"]
    # Paid: the money is available, and with every milestone paid the contract ends.
    store.advance_milestone(funded["id"])
    store.advance_milestone(following["id"])
    store.advance_milestone(following["id"])
    store.advance_milestone(following["id"])
    ended = api.ok(f"/v1/contracts/{contract['id']}")
    assert {m["status"] for m in ended["milestones"]} == {"paid"}
    assert ended["status"] == "ended"
    assert ended["ended_at"]


def test_the_simulator_moves_milestones_and_hires_into_contracts(scratch_server: SandboxServer) -> None:
    simulator = scratch_server.simulator
    api = api_for(scratch_server, DEMO)
    fixed = next(c for c in api.walk("/v1/contracts") if c["contract_type"] == "fixed")
    funded = next(m for m in fixed["milestones"] if m["status"] == "funded")
    simulator.advance(15 * 24 * 3600)  # two weeks: the funded milestone's work is submitted by then
    moved = api.ok(f"/v1/contracts/{fixed['id']}")
    assert next(m for m in moved["milestones"] if m["id"] == funded["id"])["status"] != "funded"
    # A Monday went by: every running hourly contract logged the new week's hours, within its limit.
    for contract in api.walk("/v1/contracts"):
        if contract["contract_type"] == "hourly" and contract["status"] == "active":
            assert contract["week_start"] > fixed["updated_at"][:10]
            assert Decimal(contract["hours_this_week"]) <= contract["weekly_limit_hours"]
    # Every proposal the simulator hired meanwhile became one contract, with its job and the client's room.
    for proposal in api.walk("/v1/proposals", status="hired"):
        contracts = [c for c in api.walk("/v1/contracts") if c["proposal_id"] == proposal["id"]]
        assert len(contracts) == 1, proposal
        assert contracts[0]["job_id"] == proposal["job_id"]


def test_an_accepted_offer_becomes_a_contract(scratch_server: SandboxServer) -> None:
    simulator = scratch_server.simulator
    api = api_for(scratch_server, DEMO)
    offer = next(p for p in api.walk("/v1/proposals") if p["status"] == "offer")
    simulator._fall_due(f"proposal:{offer['id']}:offer", "hired")  # what the plan does when it is due
    (contract,) = [c for c in api.walk("/v1/contracts") if c["proposal_id"] == offer["id"]]
    assert contract["status"] == "active"
    assert contract["job_id"] == offer["job_id"]
    assert contract["room_id"] is not None
    assert contract["client"]["name"] == offer["client_name"]
    if contract["contract_type"] == "fixed":
        assert contract["milestones"][0]["status"] == "funded"
        assert Decimal(contract["budget"]["amount"]) == Decimal(offer["bid"]["amount"])
    else:
        assert contract["hourly_rate"] == offer["bid"]
        assert contract["weekly_limit_hours"]
