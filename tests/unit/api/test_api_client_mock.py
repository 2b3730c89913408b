"""HTTP behaviour the real sandbox cannot produce on demand, scripted with httpx.MockTransport.

Everything the sandbox *can* do (5xx, 429 with delta-seconds, garbage, hangs, 401) is tested against it
in tests/integration/test_api_*.py instead.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import api_payloads as wire
import httpx
import pytest

from desktop.api.auth import TokenSet
from desktop.api.client import MarketplaceClient, StaticTokens
from desktop.api.retry import RetryPolicy
from desktop.core.errors import AuthError, OfflineError, RateLimitedError, RequestRejected, ServerError

PROBLEM = {"Content-Type": "application/problem+json"}


def _client(handler: httpx.MockTransport, slept: list[float], max_attempts: int = 4) -> MarketplaceClient:
    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    tokens = StaticTokens(TokenSet("at", None, datetime.now(UTC) + timedelta(hours=1)))
    return MarketplaceClient(
        "http://marketplace.test",
        tokens,
        transport=handler,
        retry=RetryPolicy(max_attempts=max_attempts, sleep=fake_sleep),
    )


async def test_forbidden_is_an_auth_error_with_the_problem_detail() -> None:
    """The sandbox has no forbidden resource for the demo freelancer."""

    def handler(request: httpx.Request) -> httpx.Response:
        body = {
            "type": "https://atelier.example/problems/forbidden",
            "title": "Forbidden",
            "status": 403,
            "detail": "Clients cannot list proposals.",
        }
        return httpx.Response(403, content=json.dumps(body), headers=PROBLEM)

    slept: list[float] = []
    async with _client(httpx.MockTransport(handler), slept) as client:
        with pytest.raises(AuthError, match="Clients cannot list proposals"):
            await client.proposals_page()
    assert slept == []


async def test_http_date_retry_after_on_503_is_honoured() -> None:
    """The sandbox sends Retry-After as delta-seconds only; the HTTP-date form is scripted here."""
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            when = format_datetime(datetime.now(UTC) + timedelta(seconds=3), usegmt=True)
            return httpx.Response(503, headers={"Retry-After": when, **PROBLEM}, content=b"{}")
        return httpx.Response(200, json={"items": ["Design"]})

    slept: list[float] = []
    async with _client(httpx.MockTransport(handler), slept) as client:
        assert await client.categories() == ["Design"]
    assert len(slept) == 1
    assert 1.0 < slept[0] <= 3.0


async def test_rate_limit_longer_than_the_budget_raises_with_retry_after() -> None:
    """A Retry-After of ten minutes is not something to wait for in a test against a real server."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            429, headers={"Retry-After": "600", **PROBLEM}, content=b'{"title": "Slow down"}'
        )

    slept: list[float] = []
    async with _client(httpx.MockTransport(handler), slept) as client:
        with pytest.raises(RateLimitedError) as caught:
            await client.categories()
    assert caught.value.retry_after == 600.0
    assert slept == []


async def test_retries_exhausted_keep_the_same_idempotency_key() -> None:
    """Counting every attempt's headers needs a scripted peer (the sandbox only sees the last)."""
    keys: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        keys.append(request.headers.get("Idempotency-Key"))
        return httpx.Response(502, content=b"<html>bad gateway</html>")

    slept: list[float] = []
    async with _client(httpx.MockTransport(handler), slept, max_attempts=3) as client:
        with pytest.raises(ServerError) as caught:
            await client.post_message("room_1", "hi", idempotency_key="key-123")
    assert caught.value.status == 502
    assert keys == ["key-123"] * 3
    assert len(slept) == 2


async def test_post_without_key_is_not_retried() -> None:
    """Exactly-once counting of a non-idempotent POST is clearer against a scripted peer."""
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        return httpx.Response(500, content=b"{}", headers=PROBLEM)

    slept: list[float] = []
    async with _client(httpx.MockTransport(handler), slept) as client:
        with pytest.raises(ServerError):
            await client.mark_read("room_1", "msg_1")
    assert calls == ["/v1/rooms/room_1/read"]


async def test_conflict_keeps_problem_type_and_detail() -> None:
    """Scripted for exactness; the sandbox's real 409s are exercised in integration."""

    def handler(request: httpx.Request) -> httpx.Response:
        body = {
            "type": "https://atelier.example/problems/conflict",
            "title": "Conflict",
            "status": 409,
            "detail": "You already applied to this job.",
        }
        return httpx.Response(409, content=json.dumps(body), headers=PROBLEM)

    slept: list[float] = []
    async with _client(httpx.MockTransport(handler), slept) as client:
        with pytest.raises(RequestRejected) as caught:
            await client.withdraw_proposal("prp_1")
    assert caught.value.status == 409
    assert caught.value.problem_type.endswith("/conflict")
    assert caught.value.message == "You already applied to this job."


async def test_requests_carry_user_agent_and_bearer_and_ids_are_path_escaped() -> None:
    """Inspecting request headers needs a scripted peer."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=wire.job())

    slept: list[float] = []
    async with _client(httpx.MockTransport(handler), slept) as client:
        await client.job("job/../1")
    assert seen[0].headers["User-Agent"].startswith("Atelier/")
    assert seen[0].headers["Authorization"] == "Bearer at"
    assert seen[0].url.raw_path == b"/v1/jobs/job%2F..%2F1"


async def test_connection_dropped_mid_request_retries_only_keyed_posts() -> None:
    """MockTransport: the sandbox's "disconnect" fault answers 502 under Starlette's middleware stack,
    so a genuine transport failure after the request went out is scripted here."""
    keyed: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/messages"):
            keyed.append(request.headers.get("Idempotency-Key"))
            if len(keyed) == 1:
                raise httpx.ReadError("connection reset", request=request)
            return httpx.Response(201, json=wire.message(client_key="k-1"))
        raise httpx.ReadError("connection reset", request=request)

    slept: list[float] = []
    async with _client(httpx.MockTransport(handler), slept) as client:
        message = await client.post_message("room_1", "Hello", idempotency_key="k-1")
        assert message.client_key == "k-1"
        assert keyed == ["k-1", "k-1"]
        with pytest.raises(OfflineError, match="Cannot reach"):
            await client.mark_read("room_1", "msg_1")
    assert len(slept) == 1  # only the keyed post waited to retry


async def test_connect_failure_is_retried_even_for_unkeyed_posts() -> None:
    """MockTransport: a refused connect for one attempt only, then success, is not a state a real server
    can be put in between two attempts."""
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if len(calls) == 1:
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(200, json=wire.room())

    slept: list[float] = []
    async with _client(httpx.MockTransport(handler), slept) as client:
        room = await client.mark_read("room_1", "msg_1")
    assert room.id == "room_1"
    assert len(calls) == 2
