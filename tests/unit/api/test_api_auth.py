"""TokenSet never shows its tokens; the StaticTokens source refreshes once for concurrent 401s."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import httpx

from desktop.api.auth import TokenSet
from desktop.api.client import StaticTokens

ACCESS = "at_0123456789abcdef"
REFRESH = "rt_fedcba9876543210"


def tokens(expires_in: float = 3600) -> TokenSet:
    return TokenSet(ACCESS, REFRESH, datetime.now(UTC) + timedelta(seconds=expires_in), "Bearer")


def test_repr_and_str_redact_both_tokens() -> None:
    token_set = tokens()
    for text in (
        repr(token_set),
        str(token_set),
        f"{token_set}",
        repr([token_set]),
        repr(StaticTokens(token_set)),
    ):
        assert ACCESS not in text
        assert REFRESH not in text
        assert "redacted" in text


def test_expires_within() -> None:
    assert tokens(expires_in=10).expires_within(30)
    assert not tokens(expires_in=3600).expires_within(30)


def _refresh_server(calls: list[dict[str, str]]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        form = dict(httpx.QueryParams(request.content.decode()))
        calls.append(form)
        return httpx.Response(
            200,
            json={
                "access_token": f"at_new_{len(calls)}",
                "token_type": "Bearer",
                "expires_in": 3600,
                "refresh_token": "rt_new",
                "scope": "marketplace",
            },
        )

    return httpx.MockTransport(handler)


async def test_concurrent_unauthorized_requests_refresh_once() -> None:
    """MockTransport: counting refresh calls under a race is not something the real server can show."""
    calls: list[dict[str, str]] = []
    stored: list[TokenSet] = []
    source = StaticTokens(
        tokens(),
        base_url="http://marketplace.test",
        transport=_refresh_server(calls),
        on_refresh=stored.append,
    )
    results = await asyncio.gather(*(source.refresh_after_unauthorized(ACCESS) for _ in range(5)))
    assert results == [True] * 5
    assert len(calls) == 1
    assert calls[0] == {"grant_type": "refresh_token", "refresh_token": REFRESH}
    assert await source.access_token() == "at_new_1"
    assert [t.refresh_token for t in stored] == ["rt_new"]


async def test_no_refresh_token_means_no_retry() -> None:
    source = StaticTokens(TokenSet(ACCESS, None, datetime.now(UTC) + timedelta(hours=1)), base_url="http://x")
    assert await source.refresh_after_unauthorized(ACCESS) is False


async def test_refused_refresh_means_no_retry() -> None:
    """MockTransport: the refused refresh is also covered against the real server in integration."""

    def handler(request: httpx.Request) -> httpx.Response:
        body = {"error": "invalid_grant", "error_description": "unknown refresh token"}
        return httpx.Response(400, content=json.dumps(body), headers={"Content-Type": "application/json"})

    source = StaticTokens(
        tokens(), base_url="http://marketplace.test", transport=httpx.MockTransport(handler)
    )
    assert await source.refresh_after_unauthorized(ACCESS) is False
    assert await source.access_token() == ACCESS


async def test_token_about_to_expire_is_refreshed_before_use() -> None:
    """MockTransport: waiting for a real token to near expiry would take an hour."""
    calls: list[dict[str, str]] = []
    source = StaticTokens(
        tokens(expires_in=5), base_url="http://marketplace.test", transport=_refresh_server(calls)
    )
    assert await source.access_token() == "at_new_1"
    assert await source.access_token() == "at_new_1"
    assert len(calls) == 1
