from __future__ import annotations

import asyncio
import time

import httpx

from desktop.sandbox.harness import SandboxServer

from .conftest import CLIENT1, DEMO, api_for, assert_problem, listening


async def test_live_message_reaches_every_participant(server: SandboxServer) -> None:
    client = api_for(server, CLIENT1)
    room = client.walk("/v1/rooms")[0]
    async with listening(server, DEMO) as freelancer_stream, listening(server, CLIENT1) as client_stream:
        sent = client.post(f"/v1/rooms/{room['id']}/messages", {"body": "Live hello"}, key="live-1").json()
        for stream in (freelancer_stream, client_stream):
            await stream.wait_for(lambda events: any(e.type == "room.updated" for e in events))
            created = [e for e in stream.events if e.type == "message.created"]
            assert [e.data for e in created] == [sent]
        freelancer_room = next(e.data for e in freelancer_stream.events if e.type == "room.updated")
        assert freelancer_room["id"] == room["id"]
        assert freelancer_room["unread_count"] >= 1
        client_room = next(e.data for e in client_stream.events if e.type == "room.updated")
        assert client_room["unread_count"] == 0
    client.close()


async def test_event_types_for_jobs_proposals_and_money(server: SandboxServer) -> None:
    async with listening(server, DEMO) as stream, listening(server, CLIENT1) as client_stream:
        job = server.simulator.add_job()
        server.simulator.advance_proposal()
        server.simulator.clear_money()
        wanted = {"job.created", "proposal.updated", "transaction.updated", "earnings.updated"}
        await stream.wait_for(lambda events: wanted <= {e.type for e in events})
        await client_stream.wait_for(lambda events: any(e.type == "job.created" for e in events))
        assert next(e.data for e in stream.events if e.type == "job.created")["id"] == job["id"]
        assert {e.type for e in client_stream.events} == {"job.created"}  # money and proposals are private
        ids = [e.id for e in stream.events]
        assert ids == sorted(ids)
        assert len(set(ids)) == len(ids)


async def test_replay_after_last_event_id(server: SandboxServer) -> None:
    async with listening(server) as stream:
        for _ in range(3):
            server.simulator.add_job()
        await stream.wait_for(lambda events: len(events) >= 3)
    first, *missed = stream.events[:3]
    async with listening(server, last_event_id=str(first.id)) as replay:
        await replay.wait_for(lambda events: len(events) >= 2)
        assert [(e.id, e.type, e.data) for e in replay.events[:2]] == [(e.id, e.type, e.data) for e in missed]
    # The query parameter works like the header.
    token = server.token_for(DEMO)
    async with (
        httpx.AsyncClient(base_url=server.url, timeout=5) as http,
        http.stream(
            "GET",
            "/v1/events",
            params={"last_event_id": first.id},
            headers={"Authorization": f"Bearer {token}"},
        ) as response,
    ):
        lines = []
        async for line in response.aiter_lines():
            lines.append(line)
            if line.startswith("id: "):
                break
        assert lines[0] == f"id: {missed[0].id}"


async def test_keepalive_pings(server: SandboxServer) -> None:
    async with listening(server) as stream:
        await asyncio.sleep(1.0)  # keepalive_interval is 0.3 s in the session server
        assert stream.pings >= 2


def test_events_need_a_token(server: SandboxServer) -> None:
    assert_problem(httpx.get(f"{server.url}/v1/events"), 401, "unauthorized")


async def test_stop_is_quick_with_open_streams_and_restart_keeps_port_and_data(
    scratch_server: SandboxServer,
) -> None:
    api = api_for(scratch_server)
    room = api.walk("/v1/rooms")[0]
    sent = api.post(f"/v1/rooms/{room['id']}/messages", {"body": "before restart"}).json()
    port = scratch_server.port
    async with listening(scratch_server) as first, listening(scratch_server, CLIENT1) as second:
        started = time.perf_counter()
        await asyncio.get_running_loop().run_in_executor(None, scratch_server.stop)
        elapsed = time.perf_counter() - started
        print(f"\nstop() with 2 open SSE streams took {elapsed * 1000:.0f} ms")
        assert elapsed < 2.0
        await first.wait_for(lambda _events: first.ended and second.ended, within=2)
    api.close()  # its keep-alive socket died with the server
    scratch_server.start()
    assert scratch_server.port == port
    api = api_for(scratch_server)
    assert api.ok(f"/v1/rooms/{room['id']}/messages", limit=1)["items"][0] == sent
    async with listening(scratch_server, last_event_id="0") as replay:
        await replay.wait_for(lambda events: any(e.data.get("id") == sent["id"] for e in events))
    api.close()


async def test_an_id_from_the_future_does_not_silence_the_stream(server: SandboxServer) -> None:
    async with listening(server, last_event_id="999999999") as stream:
        job = server.simulator.add_job()
        await stream.wait_for(lambda events: any(e.data.get("id") == job["id"] for e in events))
    token = server.token_for(DEMO)
    async with httpx.AsyncClient(base_url=server.url) as http:
        bad = await http.get("/v1/events?last_event_id=abc", headers={"Authorization": f"Bearer {token}"})
    assert_problem(bad, 422, "validation")


async def test_old_events_and_idempotent_results_are_pruned(scratch_server: SandboxServer) -> None:
    server = scratch_server
    api = api_for(server)
    room = api.ok("/v1/rooms")["items"][0]["id"]
    sent = api.post(f"/v1/rooms/{room}/messages", json={"body": "kept for a day"}, key="key-1")
    assert sent.status_code == 201
    last = server.store.last_event_id()
    assert last > 0

    # Within their lifetimes nothing goes.
    assert server.store.prune(idempotency_ttl=3600, event_retention=3600) == (0, 0)
    assert api.post(f"/v1/rooms/{room}/messages", json={"body": "kept for a day"}, key="key-1").json() \
        == sent.json()

    await asyncio.sleep(0.01)
    results, events = server.store.prune(idempotency_ttl=0.001, event_retention=0.001)
    assert results >= 1
    assert events >= 1
    # Event ids keep counting up, and a client resuming from a pruned id gets the newer events.
    assert server.store.last_event_id() == last
    async with listening(server, last_event_id="1") as stream:
        server.simulator.add_job()
        await stream.wait_for(lambda evs: any(e.type == "job.created" for e in evs))
        assert all(e.id > last for e in stream.events)
