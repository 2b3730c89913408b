"""EventStream against the real reference server: live events, and resume after a server restart."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from desktop.api.auth import TokenSet, password_grant
from desktop.api.client import MarketplaceClient, StaticTokens
from desktop.api.events import EventStream, ServerEvent
from desktop.api.retry import RetryPolicy
from desktop.core.errors import AuthError
from desktop.core.models import Message, Room
from desktop.core.notices import Notice

harness = pytest.importorskip("desktop.sandbox.harness", reason="the reference server is not built yet")

DEMO = "demo@atelier.test"
CLIENTS = ["client1@atelier.test", "client2@atelier.test", "client3@atelier.test"]
PASSWORD = "demo"
WAIT = 10.0


@pytest.fixture(scope="module")
def server() -> Iterator[Any]:
    # Short keep-alives so a dead connection is noticed quickly.
    srv = harness.SandboxServer(
        db_path=None, seed=7, jobs=200, simulate=False, keepalive_interval=0.5
    ).start()
    try:
        yield srv
    finally:
        srv.stop()


async def _client(url: str, email: str) -> MarketplaceClient:
    tokens = StaticTokens(await password_grant(url, email, PASSWORD), base_url=url)
    return MarketplaceClient(url, tokens, retry=RetryPolicy(base=0.05, cap=0.2))


@pytest.fixture
async def freelancer(server: Any) -> AsyncIterator[MarketplaceClient]:
    api = await _client(server.url, DEMO)
    await api.me()
    try:
        yield api
    finally:
        await api.aclose()


async def _shared_room(server: Any, freelancer: MarketplaceClient) -> tuple[MarketplaceClient, Room]:
    """A client account and a room it shares with the demo freelancer."""
    mine = {room.id: room for room in (await freelancer.rooms_page(limit=500)).items}
    for email in CLIENTS:
        other = await _client(server.url, email)
        theirs = (await other.rooms_page(limit=500)).items
        shared = [room for room in theirs if room.id in mine]
        if shared:
            return other, mine[shared[0].id]
        await other.aclose()
    raise AssertionError("no seeded room between the demo user and client1..3")


class Listener:
    """Consumes an EventStream in a task; events go to a queue, connection states to a list."""

    def __init__(self, stream_factory: Any) -> None:
        self.events: asyncio.Queue[ServerEvent] = asyncio.Queue()
        self.seen: list[ServerEvent] = []
        self.states: list[tuple[bool, Notice]] = []
        self.connected = asyncio.Event()
        self.disconnected = asyncio.Event()
        self.stream: EventStream = stream_factory(self._on_state)
        self.task = asyncio.create_task(self._consume())

    def _on_state(self, connected: bool, notice: Notice) -> None:
        self.states.append((connected, notice))
        (self.connected if connected else self.disconnected).set()
        (self.disconnected if connected else self.connected).clear()

    async def _consume(self) -> None:
        async for event in self.stream:
            self.seen.append(event)
            await self.events.put(event)

    async def next_message(self, body: str) -> Message:
        """The message.created event with this body (other events are passed over)."""
        while True:
            event = await asyncio.wait_for(self.events.get(), WAIT)
            if (
                event.type == "message.created"
                and isinstance(event.data, Message)
                and event.data.body == body
            ):
                return event.data

    async def close(self) -> None:
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task


async def test_live_message_from_a_client_arrives(server: Any, freelancer: MarketplaceClient) -> None:
    other, room = await _shared_room(server, freelancer)
    listener = Listener(lambda on_state: freelancer.events(None, on_state=on_state))
    try:
        await asyncio.wait_for(listener.connected.wait(), WAIT)
        body = f"live hello {uuid.uuid4()}"
        posted = await other.post_message(room.id, body, f"test-{uuid.uuid4()}")
        received = await listener.next_message(body)
        assert received.id == posted.id
        assert received.room_id == room.id
        assert received.sender_id != freelancer.account_id
        assert listener.stream.connected
    finally:
        await listener.close()
        await other.aclose()
    # Cancelling the consumer closed the response and reported it.
    assert listener.states[-1][0] is False
    assert not listener.stream.connected


async def test_stream_resumes_after_restart_without_missing_events(
    server: Any, freelancer: MarketplaceClient
) -> None:
    other, room = await _shared_room(server, freelancer)
    # Reconnects wait on this gate, so the messages below are certainly sent while the stream is away
    # and can only arrive through the Last-Event-ID replay.
    gate = asyncio.Event()

    async def gated_sleep(_seconds: float) -> None:
        await gate.wait()

    reconnect = RetryPolicy(base=0.05, cap=0.2, sleep=gated_sleep)
    listener = Listener(lambda on_state: freelancer.events(None, on_state=on_state, reconnect=reconnect))
    try:
        await asyncio.wait_for(listener.connected.wait(), WAIT)
        before = f"before restart {uuid.uuid4()}"
        await other.post_message(room.id, before, f"test-{uuid.uuid4()}")
        await listener.next_message(before)
        resume_from = listener.stream.last_event_id
        assert resume_from

        await asyncio.to_thread(server.stop)
        await asyncio.wait_for(listener.disconnected.wait(), WAIT)
        await asyncio.to_thread(server.start)

        missed = [f"while away {n} {uuid.uuid4()}" for n in range(3)]
        for body in missed:
            await other.post_message(room.id, body, f"test-{uuid.uuid4()}")
        gate.set()

        for body in missed:  # replayed, in order
            await listener.next_message(body)
        assert listener.connected.is_set()
        assert int(listener.stream.last_event_id or 0) > int(resume_from)

        after = f"after restart {uuid.uuid4()}"
        await other.post_message(room.id, after, f"test-{uuid.uuid4()}")
        await listener.next_message(after)

        # Exactly once: no event twice, ids strictly increasing across the restart.
        ids = [int(event.id) for event in listener.seen]
        assert ids == sorted(set(ids))
        assert [connected for connected, _ in listener.states].count(True) >= 2
    finally:
        gate.set()
        await listener.close()
        await other.aclose()


async def test_new_stream_replays_from_a_stored_event_id(server: Any, freelancer: MarketplaceClient) -> None:
    other, room = await _shared_room(server, freelancer)
    first = Listener(lambda on_state: freelancer.events(None, on_state=on_state))
    try:
        await asyncio.wait_for(first.connected.wait(), WAIT)
        marker = f"marker {uuid.uuid4()}"
        await other.post_message(room.id, marker, f"test-{uuid.uuid4()}")
        await first.next_message(marker)
        stored_id = first.stream.last_event_id
    finally:
        await first.close()

    later = f"sent while the app was closed {uuid.uuid4()}"
    await other.post_message(room.id, later, f"test-{uuid.uuid4()}")
    second = Listener(lambda on_state: freelancer.events(stored_id, on_state=on_state))
    try:
        assert (await second.next_message(later)).body == later
    finally:
        await second.close()
        await other.aclose()


async def test_rejected_token_refreshes_once_then_streams(server: Any) -> None:
    real = await password_grant(server.url, DEMO, PASSWORD)
    stale = TokenSet("at_stale", real.refresh_token, datetime.now(UTC) + timedelta(hours=1))
    async with MarketplaceClient(server.url, StaticTokens(stale, base_url=server.url)) as api:
        listener = Listener(lambda on_state: api.events(None, on_state=on_state))
        try:
            await asyncio.wait_for(listener.connected.wait(), WAIT)
        finally:
            await listener.close()


async def test_unusable_credentials_end_the_stream_with_auth_error(server: Any) -> None:
    bogus = TokenSet("at_bogus", "rt_bogus", datetime.now(UTC) + timedelta(hours=1))
    async with MarketplaceClient(server.url, StaticTokens(bogus, base_url=server.url)) as api:
        stream = api.events(None)
        with pytest.raises(AuthError):
            await asyncio.wait_for(anext(stream), WAIT)
