"""Upwork sign-in: the authorize URL, the pasted callback URL, code exchange and refresh with rotation.

Token endpoint replies are scripted with httpx.MockTransport; the real Upwork-shaped server is being
written in parallel and the integration tests will run the same calls against it.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from desktop.api.upwork import oauth
from desktop.api.upwork.endpoints import PRODUCTION, UpworkEndpoints, for_server
from desktop.core.errors import AuthError, BadReplyError, OfflineError, RateLimitedError, RequestRejected
from desktop.core.errors import ServerError as UpworkServerError

KEY = oauth.UpworkAppKey("client-abc", "s3cret-value")
LOCAL = UpworkEndpoints.on("http://127.0.0.1:8765/")
REDIRECT = "https://atelier.example/upwork/callback"


def test_endpoints() -> None:
    assert PRODUCTION.graphql == "https://api.upwork.com/graphql"
    assert PRODUCTION.authorize == "https://www.upwork.com/ab/account-security/oauth2/authorize"
    assert PRODUCTION.token == "https://www.upwork.com/api/v3/oauth2/token"
    assert UpworkEndpoints("http://127.0.0.1:8765/graphql",
                                    "http://127.0.0.1:8765/ab/account-security/oauth2/authorize",
                                    "http://127.0.0.1:8765/api/v3/oauth2/token") == LOCAL
    assert for_server("https://api.upwork.com/") is PRODUCTION
    assert for_server("http://127.0.0.1:8765") == LOCAL
    assert UpworkEndpoints.for_server("https://api.upwork.com") is PRODUCTION
    assert UpworkEndpoints.for_server("http://127.0.0.1:8765/") == LOCAL


def test_the_key_never_shows_its_secret() -> None:
    for shown in (repr(KEY), str(KEY), f"{KEY}", repr([KEY])):
        assert "s3cret" not in shown
        assert "client-abc" in shown


def test_authorization_url_has_no_scope() -> None:
    url = oauth.authorization_url(PRODUCTION, KEY, REDIRECT, "st-1")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == PRODUCTION.authorize
    assert parse_qs(parts.query) == {"response_type": ["code"], "client_id": ["client-abc"],
                                     "redirect_uri": [REDIRECT], "state": ["st-1"]}
    assert oauth.new_state() != oauth.new_state()


def test_code_from_callback() -> None:
    assert oauth.code_from_callback(f"  {REDIRECT}?code=c0de&state=st-1  ", "st-1") == "c0de"


def test_a_callback_from_another_attempt_is_refused() -> None:
    with pytest.raises(AuthError, match="not from this sign-in"):
        oauth.code_from_callback(f"{REDIRECT}?code=c0de&state=other", "st-1")
    with pytest.raises(AuthError):
        oauth.code_from_callback(f"{REDIRECT}?code=c0de", "st-1")


def test_declined_and_other_errors_are_reported() -> None:
    with pytest.raises(AuthError, match="declined"):
        oauth.code_from_callback(f"{REDIRECT}?error=access_denied&state=st-1", "st-1")
    with pytest.raises(RequestRejected, match="invalid_request: redirect_uri mismatch") as caught:
        oauth.code_from_callback(
            f"{REDIRECT}?error=invalid_request&error_description=redirect_uri+mismatch&state=st-1", "st-1")
    assert not isinstance(caught.value, AuthError)
    with pytest.raises(RequestRejected, match="no authorization code"):
        oauth.code_from_callback(f"{REDIRECT}?state=st-1", "st-1")


def token_server(reply: httpx.Response | Exception,
                 seen: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if isinstance(reply, Exception):
            raise reply
        return reply
    return httpx.MockTransport(handler)


def form(request: httpx.Request) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(request.content.decode()).items()}


async def test_exchange_code_posts_the_form_and_reads_a_string_expires_in() -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    seen: list[httpx.Request] = []
    reply = httpx.Response(200, json={"access_token": "at-1", "refresh_token": "rt-1",
                                      "expires_in": "86400", "token_type": "Bearer"})
    got = await oauth.exchange_code(LOCAL, KEY, "c0de", REDIRECT, transport=token_server(reply, seen))
    assert (got.access_token, got.refresh_token, got.token_type) == ("at-1", "rt-1", "Bearer")
    assert got.lifetime == timedelta(seconds=86400)
    request = seen[0]
    assert str(request.url) == LOCAL.token
    assert request.method == "POST"
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.headers["User-Agent"].startswith("Atelier/")
    assert form(request) == {"grant_type": "authorization_code", "code": "c0de", "redirect_uri": REDIRECT,
                             "client_id": "client-abc", "client_secret": "s3cret-value"}


@pytest.mark.parametrize(("expires_in", "seconds"), [(3600, 3600), ("7200", 7200), (None, 86400),
                                                     ("soon", 86400)])
async def test_expires_in_forms(expires_in: object, seconds: int) -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    body: dict[str, object] = {"access_token": "at", "refresh_token": "rt"}
    if expires_in is not None:
        body["expires_in"] = expires_in
    got = await oauth.exchange_code(LOCAL, KEY, "c", REDIRECT,
                                    transport=token_server(httpx.Response(200, json=body), []))
    assert got.lifetime == timedelta(seconds=seconds)


async def test_refresh_returns_the_rotated_refresh_token() -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    seen: list[httpx.Request] = []
    reply = httpx.Response(200, json={"access_token": "at-2", "refresh_token": "rt-2", "expires_in": 86400})
    got = await oauth.refresh(LOCAL, KEY, "rt-1", transport=token_server(reply, seen))
    assert (got.access_token, got.refresh_token) == ("at-2", "rt-2")
    assert form(seen[0]) == {"grant_type": "refresh_token", "refresh_token": "rt-1",
                             "client_id": "client-abc", "client_secret": "s3cret-value"}
    kept = await oauth.refresh(LOCAL, KEY, "rt-1", transport=token_server(
        httpx.Response(200, json={"access_token": "at-3"}), []))
    assert kept.refresh_token == "rt-1"  # no new one in the reply: the old one still works


@pytest.mark.parametrize("code", ["invalid_grant", "invalid_client"])
async def test_refused_grants_are_auth_errors_without_secrets(code: str) -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    reply = httpx.Response(400, json={"error": code, "error_description":
                                      "Refresh token rt-secret-1 is expired or revoked or not registered"})
    with pytest.raises(AuthError) as caught:
        await oauth.refresh(LOCAL, KEY, "rt-secret-1", transport=token_server(reply, []))
    assert "rt-secret-1" not in caught.value.message
    assert "s3cret" not in caught.value.message
    assert "sign in again" in caught.value.message


async def test_other_refusals_never_echo_a_secret() -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    reply = httpx.Response(400, json={"error": "invalid_request", "error_description": "bad code c0de-x"})
    with pytest.raises(RequestRejected) as caught:
        await oauth.exchange_code(LOCAL, KEY, "c0de-x", REDIRECT, transport=token_server(reply, []))
    assert "c0de-x" not in caught.value.message
    assert "invalid_request" in caught.value.message


FailureCase = tuple[httpx.Response | Exception, type[Exception]]


@pytest.mark.parametrize("case", [
    (httpx.Response(429, headers={"Retry-After": "7"}), RateLimitedError),
    (httpx.Response(502), UpworkServerError),
    (httpx.ConnectError("refused"), OfflineError),
    (httpx.ReadTimeout("slow"), OfflineError),
    (httpx.Response(200, content=b"<html>"), BadReplyError),
    (httpx.Response(200, json={"token_type": "Bearer"}), BadReplyError),
])
async def test_failures_map_to_atelier_errors(case: FailureCase) -> None:
    """Scripted: the real Upwork-shaped server is written in parallel; integration tests will use it."""
    reply, error = case
    with pytest.raises(error):
        await oauth.refresh(LOCAL, KEY, "rt", transport=token_server(reply, []))
