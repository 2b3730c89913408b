"""One real sandbox server for the whole module (loopback, no mocks) plus small HTTP/SSE helpers."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop.sandbox.harness import SandboxServer

DEMO = "demo@atelier.test"
CLIENT1 = "client1@atelier.test"
SESSION_JOBS = 2000


class Api:
    """A synchronous client for one account, with cursor walking."""

    def __init__(self, base_url: str, token: str) -> None:
        self.token = token
        self.http = httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=10)

    def get(self, path: str, **params: Any) -> httpx.Response:
        return self.http.get(path, params={k: v for k, v in params.items() if v is not None})

    def ok(self, path: str, **params: Any) -> Any:
        response = self.get(path, **params)
        assert response.status_code == 200, response.text
        return response.json()

    def post(self, path: str, json: Any, key: str | None = None) -> httpx.Response:
        headers = {"Idempotency-Key": key} if key else {}
        return self.http.post(path, json=json, headers=headers)

    def walk(
        self, path: str, between_pages: Callable[[], object] | None = None, **params: Any
    ) -> list[dict[str, Any]]:
        """Every item of a listing, following next_cursor; `between_pages` runs after each page."""
        items: list[dict[str, Any]] = []
        cursor = None
        while True:
            body = self.ok(path, cursor=cursor, **params)
            items.extend(body["items"])
            cursor = body["next_cursor"]
            if cursor is None:
                return items
            if between_pages is not None:
                between_pages()

    def close(self) -> None:
        self.http.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    db = tmp_path_factory.mktemp("sandbox") / "marketplace.sqlite3"
    with SandboxServer(db, seed=7, jobs=SESSION_JOBS, keepalive_interval=0.3) as running:
        yield running


@pytest.fixture(autouse=True)
def _no_leftover_faults(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "server" in request.fixturenames:
        request.getfixturevalue("server").faults.clear()


@pytest.fixture
def scratch_server(tmp_path: Path) -> Iterator[SandboxServer]:
    """A small private server for tests that stop it, drain it or otherwise spoil shared state."""
    with SandboxServer(tmp_path / "scratch.sqlite3", seed=11, jobs=60, keepalive_interval=0.3) as running:
        yield running


_per_test_apis: list[Api] = []


def api_for(server: SandboxServer, email: str = DEMO) -> Api:
    """An Api for `email`; closed automatically at the end of the test."""
    client = Api(server.url, server.token_for(email))
    _per_test_apis.append(client)
    return client


@pytest.fixture(autouse=True)
def _close_per_test_apis() -> Iterator[None]:
    yield
    while _per_test_apis:
        _per_test_apis.pop().close()


@pytest.fixture(scope="session")
def api(server: SandboxServer) -> Iterator[Api]:
    client = Api(server.url, server.token_for(DEMO))
    yield client
    client.close()


@pytest.fixture(scope="session")
def client_api(server: SandboxServer) -> Iterator[Api]:
    client = Api(server.url, server.token_for(CLIENT1))
    yield client
    client.close()


def assert_problem(response: httpx.Response, status: int, slug: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["type"] == f"https://atelier.example/problems/{slug}"
    assert body["status"] == status
    assert body["title"]
    return body


# ---- SSE ------------------------------------------------------------------------------------------------


@dataclass
class SseEvent:
    id: int
    type: str
    data: Any


@dataclass
class SseListener:
    """Reads /v1/events in a task of the test's loop; events and `: ping` comments are collected."""

    events: list[SseEvent] = field(default_factory=list)
    pings: int = 0
    connected: asyncio.Event = field(default_factory=asyncio.Event)
    ended: bool = False

    async def run(self, base_url: str, token: str, last_event_id: str | None = None) -> None:
        import json

        headers = {"Authorization": f"Bearer {token}"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = last_event_id
        async with (
            httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(10, read=30)) as http,
            http.stream("GET", "/v1/events", headers=headers) as response,
        ):
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            self.connected.set()
            fields: dict[str, str] = {}
            async for line in response.aiter_lines():
                if line.startswith(":"):
                    self.pings += 1
                elif line == "":
                    if fields:
                        self.events.append(
                            SseEvent(int(fields["id"]), fields["event"], json.loads(fields["data"]))
                        )
                        fields = {}
                else:
                    name, _, value = line.partition(":")
                    fields[name] = value.removeprefix(" ")
        self.ended = True

    async def wait_for(self, predicate: Callable[[list[SseEvent]], bool], within: float = 5.0) -> None:
        deadline = asyncio.get_running_loop().time() + within
        while not predicate(self.events):
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"SSE condition not met; got {[(e.id, e.type) for e in self.events]}")
            await asyncio.sleep(0.02)


@contextlib.asynccontextmanager
async def listening(
    server: SandboxServer, email: str = DEMO, last_event_id: str | None = None
) -> AsyncIterator[SseListener]:
    listener = SseListener()
    task = asyncio.create_task(listener.run(server.url, server.token_for(email), last_event_id))
    try:
        await asyncio.wait_for(listener.connected.wait(), 5)
        yield listener
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, httpx.HTTPError):
            await task
