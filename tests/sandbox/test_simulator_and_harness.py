from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from desktop.sandbox.harness import SandboxServer

from .conftest import DEMO, api_for, listening


def test_step_always_changes_something(scratch_server: SandboxServer) -> None:
    before = scratch_server.store.last_event_id()
    outcomes = [scratch_server.simulator.step() for _ in range(12)]
    possible = {"job.created", "message.created", "proposal.updated", "transaction.updated"}
    assert set(outcomes) <= possible | {"invitation.created", "job.updated"}
    assert "job.created" in outcomes
    assert scratch_server.store.last_event_id() > before


def test_invitation_and_job_closing(scratch_server: SandboxServer) -> None:
    api = api_for(scratch_server)
    invitation = scratch_server.simulator.invite()
    assert invitation is not None and invitation["status"] == "pending"
    assert invitation in api.walk("/v1/invitations")
    closed = scratch_server.simulator.close_oldest_job()
    assert closed is not None and closed["status"] == "closed"
    assert api.ok(f"/v1/jobs/{closed['id']}")["status"] == "closed"
    api.close()


def test_client_reply_goes_to_a_room_where_the_freelancer_wrote_last(scratch_server: SandboxServer) -> None:
    api = api_for(scratch_server)
    demo_id = api.ok("/v1/me")["id"]
    waiting = [r for r in api.walk("/v1/rooms") if r["last_message"]["sender_id"] == demo_id]
    assert waiting, "the seed leaves some rooms waiting for the client"
    reply = scratch_server.simulator.reply_to_waiting_room()
    assert reply is not None and reply["room_id"] in {r["id"] for r in waiting}
    assert reply["sender_id"] != demo_id
    api.close()


async def test_running_simulator_pushes_events(tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "live.sqlite3", seed=4, jobs=50, simulate=True, sim_interval=0.05) as live:
        async with listening(live, DEMO) as stream:
            await stream.wait_for(lambda events: len(events) >= 3, within=5)
        assert live.simulator.running


def test_existing_database_is_reused_not_reseeded(tmp_path: Path) -> None:
    db = tmp_path / "kept.sqlite3"
    with SandboxServer(db, seed=9, jobs=40) as first:
        first.simulator.add_job()
        counts = first.counts()
    with SandboxServer(db, seed=9, jobs=40) as second:
        assert second.counts() == counts
        assert counts["jobs"] == 41


def test_counts_match_what_the_api_serves(server: SandboxServer) -> None:
    api = api_for(server)
    counts = server.counts()
    assert counts["jobs"] == len(api.walk("/v1/jobs", limit=500))
    assert counts["proposals"] == len(api.walk("/v1/proposals", limit=500))
    assert counts["rooms"] == len(api.walk("/v1/rooms", limit=500))
    assert counts["messages"] == len(api.walk("/v1/messages", limit=500))
    assert counts["transactions"] == len(api.walk("/v1/earnings/transactions", limit=500))
    assert counts["invitations"] == len(api.walk("/v1/invitations", limit=500))
    assert counts["saved_searches"] == len(api.walk("/v1/saved-searches", limit=500))
    api.close()


def test_stop_start_and_context_manager(tmp_path: Path) -> None:
    server = SandboxServer(tmp_path / "cycle.sqlite3", seed=2, jobs=40, port=0)
    for _ in range(2):
        server.start()
        assert httpx.get(f"{server.url}/v1/me").status_code == 401
        server.stop()
    server.stop()  # idempotent
    server.close()


def test_two_servers_side_by_side(tmp_path: Path) -> None:
    with SandboxServer(seed=1, jobs=30) as a, SandboxServer(seed=2, jobs=30) as b:
        assert a.port != b.port
        assert api_for(a).ok("/v1/me")["id"] != api_for(b).ok("/v1/me")["id"]


async def test_harness_works_from_async_code(tmp_path: Path) -> None:
    server = SandboxServer(tmp_path / "async.sqlite3", seed=3, jobs=40)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, server.start)
    async with httpx.AsyncClient(base_url=server.url) as http:
        token = server.token_for(DEMO)
        assert (await http.get("/v1/me", headers={"Authorization": f"Bearer {token}"})).status_code == 200
    await loop.run_in_executor(None, server.close)
