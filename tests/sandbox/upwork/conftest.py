"""Real Upwork sandbox servers on loopback for these tests (no mocks): one shared, read-mostly server for the
module and a fresh private one for tests that change state."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop.sandbox.upwork.harness import UpworkSandboxServer


class Gql:
    """POSTs GraphQL documents with one user's bearer token."""

    def __init__(self, server: UpworkSandboxServer, token: str | None = None) -> None:
        self.server = server
        self.token = token if token is not None else server.issue_tokens()["access_token"]
        self.http = httpx.Client(timeout=10)

    def post(self, query: str, variables: dict[str, Any] | None = None, **headers: str) -> httpx.Response:
        all_headers = {"Authorization": f"Bearer {self.token}", **headers}
        body: dict[str, Any] = {"query": query, "variables": variables or {}}
        return self.http.post(self.server.graphql_url, json=body, headers=all_headers)

    def __call__(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The `data` of a reply that must have no errors."""
        response = self.post(query, variables)
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    def errors(
        self, query: str, variables: dict[str, Any] | None = None, **headers: str
    ) -> list[dict[str, Any]]:
        response = self.post(query, variables, **headers)
        assert response.status_code == 200, response.text
        errors: list[dict[str, Any]] = response.json().get("errors", [])
        assert errors, response.text
        return errors


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UpworkSandboxServer]:
    db = tmp_path_factory.mktemp("upwork") / "upwork.sqlite3"
    with UpworkSandboxServer(db, seed=7, rate_limit_per_second=0) as server:
        yield server


@pytest.fixture
def upwork(shared_server: UpworkSandboxServer) -> Iterator[UpworkSandboxServer]:
    yield shared_server
    shared_server.faults.clear()
    shared_server.scopes.reset()


@pytest.fixture
def gql(upwork: UpworkSandboxServer) -> Iterator[Gql]:
    client = Gql(upwork)
    yield client
    client.http.close()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[UpworkSandboxServer]:
    """A private server (its own database) for tests that change the world."""
    with UpworkSandboxServer(tmp_path / "fresh.sqlite3", seed=7, rate_limit_per_second=0) as server:
        yield server


@pytest.fixture
def fresh_gql(fresh: UpworkSandboxServer) -> Iterator[Gql]:
    client = Gql(fresh)
    yield client
    client.http.close()
