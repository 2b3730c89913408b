from __future__ import annotations

import time

import httpx

from desktop.sandbox.harness import SandboxServer

from .conftest import DEMO, assert_problem


def password_grant(server: SandboxServer, password: str = "demo", email: str = DEMO) -> httpx.Response:
    return httpx.post(
        f"{server.url}/oauth/token", data={"grant_type": "password", "username": email, "password": password}
    )


def test_password_grant_issues_bearer_tokens(server: SandboxServer) -> None:
    response = password_grant(server)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["scope"] == "marketplace"
    assert body["expires_in"] == 3600
    assert body["access_token"]
    assert body["refresh_token"]
    me = httpx.get(f"{server.url}/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"}).json()
    assert me["email"] == DEMO
    assert me["role"] == "freelancer"
    assert me["fee_rate"] == "0.10"
    assert me["hourly_rate"] == {"amount": "85.00", "currency": "USD"}


def test_bad_credentials_are_an_oauth_invalid_grant(server: SandboxServer) -> None:
    for response in (password_grant(server, "wrong"), password_grant(server, email="nobody@atelier.test")):
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_grant"
        assert response.json()["error_description"]


def test_unknown_grant_type_is_refused(server: SandboxServer) -> None:
    response = httpx.post(f"{server.url}/oauth/token", data={"grant_type": "client_credentials"})
    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"


def test_refresh_grant_gives_a_working_access_token(server: SandboxServer) -> None:
    refresh = password_grant(server).json()["refresh_token"]
    response = httpx.post(
        f"{server.url}/oauth/token", data={"grant_type": "refresh_token", "refresh_token": refresh}
    )
    assert response.status_code == 200
    token = response.json()["access_token"]
    assert httpx.get(f"{server.url}/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    bad = httpx.post(
        f"{server.url}/oauth/token", data={"grant_type": "refresh_token", "refresh_token": "nope"}
    )
    assert bad.status_code == 400
    assert bad.json()["error"] == "invalid_grant"


def test_v1_without_or_with_a_bad_token_is_401_problem(server: SandboxServer) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic abc"}):
        response = httpx.get(f"{server.url}/v1/jobs", headers=headers)
        assert_problem(response, 401, "unauthorized")
        assert response.headers["www-authenticate"] == "Bearer"


def test_access_tokens_expire(tmp_path: object) -> None:
    with SandboxServer(seed=3, jobs=40, access_token_ttl=1) as short_lived:
        body = password_grant(short_lived).json()
        assert body["expires_in"] == 1
        headers = {"Authorization": f"Bearer {body['access_token']}"}
        assert httpx.get(f"{short_lived.url}/v1/me", headers=headers).status_code == 200
        time.sleep(1.1)
        assert_problem(httpx.get(f"{short_lived.url}/v1/me", headers=headers), 401, "unauthorized")


def test_client_accounts_sign_in_as_clients(server: SandboxServer) -> None:
    token = server.token_for("client2@atelier.test")
    me = httpx.get(f"{server.url}/v1/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["role"] == "client"
    assert me["email"] == "client2@atelier.test"
