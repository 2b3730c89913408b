"""The authorization-code flow with PKCE, refresh-token rotation and revocation, over real HTTP."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from desktop.sandbox.harness import SandboxServer

from .conftest import DEMO

CLIENT_ID = "atelier-desktop"
REDIRECT = "http://127.0.0.1:50123/oauth/callback"


@dataclass
class Pkce:
    verifier: str
    challenge: str


def new_pkce() -> Pkce:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return Pkce(verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode())


def authorize_params(pkce: Pkce, state: str = "st-123", **overrides: str) -> dict[str, str]:
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT,
        "state": state,
        "code_challenge": pkce.challenge,
        "code_challenge_method": "S256",
        "scope": "marketplace",
    }
    params.update(overrides)
    return {k: v for k, v in params.items() if v != "<omit>"}


def submit(server: SandboxServer, params: dict[str, str], email: str = DEMO, password: str = "demo",
           decision: str = "allow") -> httpx.Response:
    form = {**params, "email": email, "password": password, "decision": decision}
    return httpx.post(f"{server.url}/oauth/authorize", data=form, follow_redirects=False)


def redirect_query(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(REDIRECT)
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def get_code(server: SandboxServer, pkce: Pkce) -> str:
    query = redirect_query(submit(server, authorize_params(pkce)))
    assert query["state"] == "st-123"
    return query["code"]


def exchange(server: SandboxServer, code: str, verifier: str, redirect_uri: str = REDIRECT) -> httpx.Response:
    return httpx.post(f"{server.url}/oauth/token", data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
        "client_id": CLIENT_ID, "code_verifier": verifier,
    })


def refresh(server: SandboxServer, token: str) -> httpx.Response:
    form = {"grant_type": "refresh_token", "refresh_token": token}
    return httpx.post(f"{server.url}/oauth/token", data=form)


def me_status(server: SandboxServer, access: str) -> int:
    return httpx.get(f"{server.url}/v1/me", headers={"Authorization": f"Bearer {access}"}).status_code


def sign_in(server: SandboxServer) -> dict[str, str]:
    pkce = new_pkce()
    response = exchange(server, get_code(server, pkce), pkce.verifier)
    assert response.status_code == 200, response.text
    body: dict[str, str] = response.json()
    return body


@pytest.fixture
def quick(tmp_path: object) -> Iterator[SandboxServer]:
    """Short code and refresh lifetimes, a short rotation grace."""
    with SandboxServer(seed=5, jobs=30, code_ttl=1.0, refresh_grace=0.5, refresh_token_ttl=2) as running:
        yield running


# ---- the page -------------------------------------------------------------------------------------------


def test_authorize_shows_a_sign_in_and_consent_page(server: SandboxServer) -> None:
    params = authorize_params(new_pkce(), state='"><script>x</script>')
    response = httpx.get(f"{server.url}/oauth/authorize", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"
    page = response.text
    assert 'name="email"' in page
    assert 'name="password"' in page
    assert "Atelier for desktop" in page
    assert "<script>x</script>" not in page
    assert "&lt;script&gt;" in page  # state is escaped


@pytest.mark.parametrize("redirect_uri", [
    "https://evil.example/callback", "http://localhost:5000/cb", "http://127.0.0.1/cb",
    "http://user@127.0.0.1:5000/cb", "http://10.0.0.8:5000/cb", "http://127.0.0.1:5000/cb#frag",
])
def test_non_loopback_redirects_get_an_error_page_not_a_redirect(server: SandboxServer,
                                                                 redirect_uri: str) -> None:
    params = authorize_params(new_pkce(), redirect_uri=redirect_uri)
    response = httpx.get(f"{server.url}/oauth/authorize", params=params, follow_redirects=False)
    assert response.status_code == 400
    assert "location" not in response.headers
    assert "loopback" in response.text


def test_ipv6_loopback_and_any_port_are_accepted(server: SandboxServer) -> None:
    params = authorize_params(new_pkce(), redirect_uri="http://[::1]:61234/done")
    assert httpx.get(f"{server.url}/oauth/authorize", params=params).status_code == 200


def test_unknown_client_gets_an_error_page(server: SandboxServer) -> None:
    params = authorize_params(new_pkce(), client_id="someone-else")
    response = httpx.get(f"{server.url}/oauth/authorize", params=params, follow_redirects=False)
    assert response.status_code == 400
    assert "unknown application" in response.text.lower()


@pytest.mark.parametrize("overrides", [
    {"code_challenge": "<omit>"}, {"code_challenge_method": "plain"}, {"code_challenge_method": "<omit>"},
    {"state": "<omit>"}, {"response_type": "token"},
])
def test_pkce_state_and_response_type_are_required(server: SandboxServer, overrides: dict[str, str]) -> None:
    params = authorize_params(new_pkce(), **overrides)
    response = httpx.get(f"{server.url}/oauth/authorize", params=params, follow_redirects=False)
    query = redirect_query(response)
    assert query["error"] in ("invalid_request", "unsupported_response_type")


def test_wrong_password_shows_the_form_again_with_an_error(server: SandboxServer) -> None:
    response = submit(server, authorize_params(new_pkce()), password="wrong")
    assert response.status_code == 200
    assert "location" not in response.headers
    assert "Wrong e-mail or password" in response.text
    assert f'value="{DEMO}"' in response.text  # the e-mail is kept, the password is not
    assert 'value="wrong"' not in response.text


def test_client_accounts_cannot_use_the_freelancer_app(server: SandboxServer) -> None:
    response = submit(server, authorize_params(new_pkce()), email="client1@atelier.test")
    assert response.status_code == 200
    assert "freelancer accounts" in response.text


def test_cancel_redirects_with_access_denied(server: SandboxServer) -> None:
    query = redirect_query(submit(server, authorize_params(new_pkce()), password="", decision="deny"))
    assert query == {"error": "access_denied", "state": "st-123"}


def test_tampered_hidden_fields_are_checked_again(server: SandboxServer) -> None:
    params = authorize_params(new_pkce(), redirect_uri="https://evil.example/cb")
    response = submit(server, params)
    assert response.status_code == 400
    assert "location" not in response.headers


# ---- code exchange --------------------------------------------------------------------------------------


def test_code_exchange_with_the_right_verifier_issues_tokens(server: SandboxServer) -> None:
    body = sign_in(server)
    assert body["token_type"] == "Bearer"
    assert body["refresh_token"]
    assert me_status(server, body["access_token"]) == 200


def test_wrong_verifier_is_refused_and_burns_the_code(server: SandboxServer) -> None:
    pkce = new_pkce()
    code = get_code(server, pkce)
    wrong = exchange(server, code, new_pkce().verifier)
    assert wrong.status_code == 400
    assert wrong.json()["error"] == "invalid_grant"
    assert "code_verifier" in wrong.json()["error_description"]
    assert exchange(server, code, pkce.verifier).json()["error"] == "invalid_grant"


def test_malformed_verifier_is_an_invalid_request(server: SandboxServer) -> None:
    pkce = new_pkce()
    response = exchange(server, get_code(server, pkce), "short")
    assert response.json()["error"] == "invalid_request"


def test_redirect_uri_must_match_the_authorization_request(server: SandboxServer) -> None:
    pkce = new_pkce()
    response = exchange(server, get_code(server, pkce), pkce.verifier, "http://127.0.0.1:50124/oauth/callback")
    assert response.json()["error"] == "invalid_grant"


def test_reused_code_is_refused_and_revokes_the_tokens_it_issued(server: SandboxServer) -> None:
    pkce = new_pkce()
    code = get_code(server, pkce)
    first = exchange(server, code, pkce.verifier).json()
    assert me_status(server, first["access_token"]) == 200
    again = exchange(server, code, pkce.verifier)
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"
    assert "already used" in again.json()["error_description"]
    assert me_status(server, first["access_token"]) == 401
    assert refresh(server, first["refresh_token"]).json()["error"] == "invalid_grant"


def test_codes_expire_quickly(quick: SandboxServer) -> None:
    pkce = new_pkce()
    code = get_code(quick, pkce)
    time.sleep(1.2)
    response = exchange(quick, code, pkce.verifier)
    assert response.json()["error"] == "invalid_grant"
    assert response.json()["error_description"] == "the authorization code has expired"


def test_missing_parameters_and_unknown_client(server: SandboxServer) -> None:
    response = httpx.post(f"{server.url}/oauth/token", data={"grant_type": "authorization_code", "code": "x"})
    assert response.json()["error"] == "invalid_request"
    response = httpx.post(f"{server.url}/oauth/token", data={
        "grant_type": "authorization_code", "code": "x", "redirect_uri": REDIRECT, "client_id": "nope",
        "code_verifier": "v" * 43})
    assert response.json()["error"] == "invalid_client"


# ---- refresh rotation, expiry, revocation ---------------------------------------------------------------


def test_refresh_rotates_and_the_old_token_dies_after_the_grace_period(quick: SandboxServer) -> None:
    first = sign_in(quick)
    second = refresh(quick, first["refresh_token"]).json()
    assert second["refresh_token"] != first["refresh_token"]
    # Within the grace period the old one still works (two refreshes racing must not sign anyone out).
    racing = refresh(quick, first["refresh_token"])
    assert racing.status_code == 200
    time.sleep(0.7)
    late = refresh(quick, first["refresh_token"])
    assert late.status_code == 400
    assert late.json()["error"] == "invalid_grant"
    # A rotated token presented after the grace looks stolen: the whole grant is revoked.
    assert refresh(quick, second["refresh_token"]).json()["error"] == "invalid_grant"
    assert me_status(quick, second["access_token"]) == 401


def test_refresh_tokens_expire(quick: SandboxServer) -> None:
    tokens = sign_in(quick)
    time.sleep(2.1)
    response = refresh(quick, tokens["refresh_token"])
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_revoking_a_refresh_token_ends_the_whole_grant(server: SandboxServer) -> None:
    tokens = sign_in(server)
    other = sign_in(server)  # another device's sign-in is untouched
    response = httpx.post(f"{server.url}/oauth/revoke",
                          data={"token": tokens["refresh_token"], "token_type_hint": "refresh_token"})
    assert response.status_code == 200
    assert me_status(server, tokens["access_token"]) == 401
    assert refresh(server, tokens["refresh_token"]).json()["error"] == "invalid_grant"
    assert me_status(server, other["access_token"]) == 200


def test_revoking_an_access_token_leaves_the_refresh_token(server: SandboxServer) -> None:
    tokens = sign_in(server)
    assert httpx.post(f"{server.url}/oauth/revoke", data={"token": tokens["access_token"]}).status_code == 200
    assert me_status(server, tokens["access_token"]) == 401
    assert refresh(server, tokens["refresh_token"]).status_code == 200


def test_revoking_an_unknown_token_is_still_200(server: SandboxServer) -> None:
    assert httpx.post(f"{server.url}/oauth/revoke", data={"token": "never-issued"}).status_code == 200
    assert httpx.post(f"{server.url}/oauth/revoke", data={}).json()["error"] == "invalid_request"


def test_grants_are_counted(quick: SandboxServer) -> None:
    tokens = sign_in(quick)
    refresh(quick, tokens["refresh_token"])
    counts = quick.store.token_grants_issued
    assert counts["authorization_code"] == 1
    assert counts["refresh_token"] == 1
