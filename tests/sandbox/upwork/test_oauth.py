"""Upwork's OAuth 2 flow: authorize page -> code -> tokens, refresh-token rotation with a grace
period, errors, and the 401 of /graphql for a missing, unknown or expired access token."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from desktop.sandbox.upwork import CLIENT_ID, CLIENT_SECRET, DEMO_EMAIL, DEMO_PASSWORD
from desktop.sandbox.upwork.harness import UpworkSandboxServer
from tests.sandbox.upwork.conftest import Gql

LOOPBACK = "http://127.0.0.1:53682/callback"


def authorize(
    server: UpworkSandboxServer,
    redirect_uri: str = LOOPBACK,
    state: str = "xyz",
    email: str = DEMO_EMAIL,
    password: str = DEMO_PASSWORD,
) -> httpx.Response:
    """Walk the two pages like a browser; returns the final response (a redirect when all went well)."""
    params = {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": redirect_uri, "state": state}
    with httpx.Client(follow_redirects=False, timeout=10) as http:
        page = http.get(server.authorize_url, params=params)
        assert page.status_code == 200
        assert 'name="password"' in page.text
        consent = http.post(
            server.authorize_url, data={**params, "step": "login", "email": email, "password": password}
        )
        if consent.status_code != 200:
            return consent
        ticket = re.search(r'name="ticket" value="([^"]+)"', consent.text)
        assert ticket
        assert "Allow" in consent.text
        return http.post(
            server.authorize_url,
            data={**params, "step": "consent", "ticket": ticket.group(1), "decision": "allow"},
        )


def code_from(response: httpx.Response, redirect_uri: str = LOOPBACK) -> str:
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(redirect_uri + "?")
    query = parse_qs(urlsplit(location).query)
    assert query["state"] == ["xyz"]
    return query["code"][0]


def token(server: UpworkSandboxServer, **form: str) -> httpx.Response:
    return httpx.post(server.token_url, data={"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, **form})


def works(server: UpworkSandboxServer, access: str) -> bool:
    response = Gql(server, access).post("{ user { id } }")
    return response.status_code == 200


@pytest.fixture
def quick(tmp_path: Path) -> Iterator[UpworkSandboxServer]:
    server = UpworkSandboxServer(
        tmp_path / "oauth.sqlite3", rate_limit_per_second=0, old_refresh_grace=0.8, access_token_ttl=1.0
    ).start()
    yield server
    server.close()


def test_full_story_with_rotation(quick: UpworkSandboxServer) -> None:
    code = code_from(authorize(quick))
    reply = token(quick, grant_type="authorization_code", code=code, redirect_uri=LOOPBACK)
    assert reply.status_code == 200, reply.text
    first = reply.json()
    assert first["token_type"] == "Bearer"
    assert first["expires_in"] == "1"  # a string, like Upwork's sample
    assert works(quick, first["access_token"])
    # the code is single-use
    again = token(quick, grant_type="authorization_code", code=code, redirect_uri=LOOPBACK)
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"

    second = token(quick, grant_type="refresh_token", refresh_token=first["refresh_token"]).json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    assert works(quick, second["access_token"])
    # the old refresh token still works within the grace period ...
    third = token(quick, grant_type="refresh_token", refresh_token=first["refresh_token"])
    assert third.status_code == 200
    time.sleep(1.1)
    # ... and dies after it; the access tokens have expired too (ttl 1 s)
    dead = token(quick, grant_type="refresh_token", refresh_token=first["refresh_token"])
    assert dead.status_code == 400
    assert dead.json() == {
        "error": "invalid_grant",
        "error_description": "Refresh token is expired or revoked or not registered",
    }
    assert not works(quick, second["access_token"])
    # the new refresh tokens (never used for a refresh yet) keep working
    fourth = token(quick, grant_type="refresh_token", refresh_token=second["refresh_token"])
    assert fourth.status_code == 200
    assert works(quick, fourth.json()["access_token"])
    newest = token(quick, grant_type="refresh_token", refresh_token=third.json()["refresh_token"])
    assert newest.status_code == 200
    assert works(quick, newest.json()["access_token"])


def test_default_reply_shape(upwork: UpworkSandboxServer) -> None:
    pair = upwork.issue_tokens()
    assert set(pair) == {"access_token", "refresh_token", "token_type", "expires_in"}
    assert pair["expires_in"] == "86400"


def test_paste_redirect_is_allowed(upwork: UpworkSandboxServer) -> None:
    paste = "https://atelier.invalid/callback"
    code = code_from(authorize(upwork, redirect_uri=paste), redirect_uri=paste)
    assert token(upwork, grant_type="authorization_code", code=code, redirect_uri=paste).status_code == 200


def test_code_bound_to_redirect_uri(upwork: UpworkSandboxServer) -> None:
    code = code_from(authorize(upwork))
    reply = token(upwork, grant_type="authorization_code", code=code, redirect_uri="http://127.0.0.1:1/other")
    assert reply.status_code == 400
    assert reply.json()["error"] == "invalid_grant"


@pytest.mark.parametrize(
    ("client_id", "redirect_uri"),
    [
        ("someone-else", LOOPBACK),
        (CLIENT_ID, "https://evil.example/callback"),
        (CLIENT_ID, "http://127.0.0.1/no-port"),
    ],
)
def test_unknown_client_or_redirect_gets_an_error_page(
    upwork: UpworkSandboxServer, client_id: str, redirect_uri: str
) -> None:
    params = {"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri, "state": "s"}
    page = httpx.get(upwork.authorize_url, params=params, follow_redirects=False)
    assert page.status_code == 400
    assert "location" not in page.headers
    assert 'id="error"' in page.text


def test_wrong_password_and_deny(upwork: UpworkSandboxServer) -> None:
    wrong = authorize(upwork, password="nope")
    assert wrong.status_code == 401
    assert "incorrect" in wrong.text
    params = {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": LOOPBACK, "state": "s"}
    with httpx.Client(follow_redirects=False) as http:
        consent = http.post(
            upwork.authorize_url, data={**params, "email": DEMO_EMAIL, "password": DEMO_PASSWORD}
        )
        ticket = re.search(r'name="ticket" value="([^"]+)"', consent.text)
        assert ticket
        denied = http.post(
            upwork.authorize_url,
            data={**params, "step": "consent", "ticket": ticket.group(1), "decision": "deny"},
        )
    assert denied.status_code == 302
    assert "error=access_denied" in denied.headers["location"]


def test_bad_client_credentials(upwork: UpworkSandboxServer) -> None:
    refresh = upwork.issue_tokens()["refresh_token"]
    reply = httpx.post(
        upwork.token_url,
        data={
            "grant_type": "refresh_token",
            "refresh_token": refresh,
            "client_id": CLIENT_ID,
            "client_secret": "wrong",
        },
    )
    assert reply.status_code == 401
    assert reply.json() == {"error": "invalid_client"}
    unknown = token(upwork, grant_type="refresh_token", refresh_token="not-a-token")
    assert unknown.status_code == 400
    assert unknown.json()["error"] == "invalid_grant"


def test_graphql_401(upwork: UpworkSandboxServer) -> None:
    no_token = httpx.post(upwork.graphql_url, json={"query": "{ user { id } }"})
    assert no_token.status_code == 401
    assert no_token.json()["error"] == "invalid_token"
    bad = Gql(upwork, "oauth2v2_unknown").post("{ user { id } }")
    assert bad.status_code == 401
    assert works(upwork, upwork.issue_tokens()["access_token"])
