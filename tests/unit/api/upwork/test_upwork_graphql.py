"""GraphQLTransport against httpx.MockTransport.

The real Upwork-shaped server is being written in parallel (desktop/sandbox/upwork); the integration
tests will run against it. Here each test scripts the replies it needs: 401s, 429s, 5xx, GraphQL errors
on HTTP 200, partial data.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest
from upwork_fake import tokens

from desktop.api.client import StaticTokens
from desktop.api.retry import RetryPolicy
from desktop.api.upwork import documents
from desktop.api.upwork.graphql import INVALID_QUERY, MISSING_SCOPE, GraphQLTransport
from desktop.api.upwork.ratelimit import RateLimiter
from desktop.core.errors import (
    AuthError,
    BadReplyError,
    NotFoundError,
    OfflineError,
    RateLimitedError,
    RequestRejected,
    ServerError,
)

URL = "https://api.upwork.test/graphql"
QUERY = documents.load("AccountingEntity")
MUTATION = documents.load("CreateRoomStory")
OK = {"data": {"accountingEntity": {"id": "ace-1"}}}


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def time(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def make(handler: Callable[[httpx.Request], httpx.Response], clock: Clock, *,
         source: StaticTokens | None = None, tenant_id: str | None = None) -> GraphQLTransport:
    return GraphQLTransport(
        URL, source or tokens(), tenant_id=tenant_id, transport=httpx.MockTransport(handler),
        limiter=RateLimiter(100.0, 100, clock=clock.time, sleep=clock.sleep),
        retry=RetryPolicy(max_attempts=4, sleep=clock.sleep),
    )


async def test_request_shape_and_headers() -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=OK)

    gql = make(handler, Clock(), tenant_id="org-42")
    assert await gql.execute(QUERY) == OK["data"]
    await gql.aclose()
    request = seen[0]
    assert request.method == "POST"
    assert str(request.url) == URL
    assert request.headers["Authorization"] == "Bearer at-1"
    assert request.headers["X-Upwork-API-TenantId"] == "org-42"
    assert request.headers["User-Agent"].startswith("Atelier/")
    body = json.loads(request.content)
    assert body == {"query": QUERY.text, "variables": {}, "operationName": "AccountingEntity"}


async def test_401_refreshes_once_then_retries() -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    refreshed: list[str | None] = []

    class Source(StaticTokens):
        async def refresh_after_unauthorized(self, rejected_token: str | None) -> bool:
            refreshed.append(rejected_token)
            self._tokens = type(self._tokens)("at-2", None, self._tokens.expires_at)
            return True

    auth_headers: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        auth_headers.append(request.headers["Authorization"])
        if request.headers["Authorization"] == "Bearer at-1":
            return httpx.Response(401, json={"message": "token expired"})
        return httpx.Response(200, json=OK)

    source = Source(tokens().tokens)
    gql = make(handler, Clock(), source=source)
    assert await gql.execute(QUERY) == OK["data"]
    assert refreshed == ["at-1"]
    assert auth_headers == ["Bearer at-1", "Bearer at-2"]


async def test_401_after_refresh_is_an_auth_error() -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(401)

    with pytest.raises(AuthError):
        await make(handler, Clock()).execute(QUERY)
    assert len(calls) == 1  # StaticTokens without a refresh token cannot refresh: no retry


async def test_429_retry_after_pauses_every_request_then_retries() -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    clock = Clock()
    replies = [httpx.Response(429, headers={"Retry-After": "3"}), httpx.Response(200, json=OK)]
    gql = make(lambda request: replies.pop(0), clock)
    assert await gql.execute(QUERY) == OK["data"]
    assert clock.now == pytest.approx(3.0)
    assert gql.limiter.paused_until == pytest.approx(3.0)
    assert gql.limiter.sent == 2


async def test_429_beyond_the_retry_budget_is_rate_limited() -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    gql = make(lambda request: httpx.Response(429, headers={"Retry-After": "120"}), Clock())
    with pytest.raises(RateLimitedError) as caught:
        await gql.execute(QUERY)
    assert caught.value.retry_after == 120.0


async def test_queries_are_retried_after_5xx_and_transport_errors() -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            return httpx.Response(503)
        if len(calls) == 2:
            raise httpx.ReadTimeout("slow", request=request)
        return httpx.Response(200, json=OK)

    assert await make(handler, Clock()).execute(QUERY) == OK["data"]
    assert len(calls) == 3


@pytest.mark.parametrize(("failure", "error"), [("503", ServerError), ("timeout", OfflineError),
                                                ("reset", OfflineError)])
async def test_a_mutation_is_never_retried_after_an_unknown_outcome(failure: str, error: type) -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if failure == "503":
            return httpx.Response(503)
        if failure == "timeout":
            raise httpx.ReadTimeout("slow", request=request)
        raise httpx.RemoteProtocolError("reset", request=request)

    with pytest.raises(error):
        await make(handler, Clock()).execute(MUTATION, {"roomId": "r", "message": "hi"})
    assert len(calls) == 1


async def test_a_rate_limited_mutation_is_retried_because_it_never_ran() -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    story = {"createRoomStoryV2": {"id": "s1"}}
    replies = [httpx.Response(429, headers={"Retry-After": "1"}), httpx.Response(200, json={"data": story})]
    assert await make(lambda request: replies.pop(0), Clock()).execute(MUTATION) == story


def graphql_reply(payload: object) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(200, json=payload)


async def test_authorization_failed_is_a_missing_scope_not_a_sign_out() -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    payload = {"data": None, "errors": [{"message": "Authorization failed", "path": ["transactionHistory"],
                                         "extensions": {"classification": "ExecutionAborted"}}]}
    with pytest.raises(RequestRejected) as caught:
        await make(graphql_reply(payload), Clock()).execute(QUERY)
    assert not isinstance(caught.value, AuthError)
    assert caught.value.problem_type == MISSING_SCOPE
    assert caught.value.status == 403
    assert "permission" in caught.value.message
    assert "scope" in caught.value.message


async def test_validation_errors_are_rejected_requests() -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    payload = {"errors": [{"message": "Validation error of type FieldUndefined: Field 'ids' is undefined",
                           "locations": [{"line": 1, "column": 3}],
                           "extensions": {"classification": "ValidationError"}}]}
    with pytest.raises(RequestRejected) as caught:
        await make(graphql_reply(payload), Clock()).execute(QUERY)
    assert caught.value.problem_type == INVALID_QUERY
    assert "FieldUndefined" in caught.value.message


async def test_not_found_and_unknown_errors() -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    with pytest.raises(NotFoundError):
        await make(graphql_reply({"data": {"accountingEntity": None},
                                  "errors": [{"message": "Job posting not found"}]}), Clock()).execute(QUERY)
    with pytest.raises(RequestRejected, match="something odd"):
        await make(graphql_reply({"data": None, "errors": [{"message": "something odd"}]}),
                   Clock()).execute(QUERY)


async def test_partial_data_is_returned_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    payload = {"data": {"accountingEntity": {"id": "ace-1"}, "other": None},
               "errors": [{"message": "Authorization failed", "path": ["other"]}]}
    assert await make(graphql_reply(payload), Clock()).execute(QUERY) == payload["data"]
    assert "partial data" in caplog.text


@pytest.mark.parametrize("reply", [
    httpx.Response(200, content=b"<html>oops</html>"),
    httpx.Response(200, json={"data": None}),
    httpx.Response(200, json=[1, 2]),
    httpx.Response(200, content=b""),
])
async def test_replies_that_are_not_graphql(reply: httpx.Response) -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    with pytest.raises(BadReplyError):
        await make(lambda request: reply, Clock()).execute(QUERY)


async def test_large_replies_are_decoded_off_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    import threading

    from desktop.api.upwork import graphql as module

    threads: list[str] = []
    original = module._decode_json

    def spy(response: httpx.Response) -> object:
        threads.append(threading.current_thread().name)
        return original(response)

    monkeypatch.setattr(module, "_decode_json", spy)
    big = {"data": {"accountingEntity": {"id": "x" * (module.OFFLOAD_DECODE_BYTES + 10)}}}
    await make(graphql_reply(big), Clock()).execute(QUERY)
    await make(graphql_reply(OK), Clock()).execute(QUERY)
    assert threads[0] != threading.main_thread().name
    assert threads[1] == threading.main_thread().name
