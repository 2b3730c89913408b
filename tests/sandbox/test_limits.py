"""The request guard: rate limits per access token and per IP address (429 + Retry-After), slowed-down
failed sign-ins, and the request body limit (413 before the body is read).

Each test runs a private server with tight limits (SandboxServer takes the SandboxConfig knobs); the
defaults are checked to stay out of the way of a real client.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.sandbox.config import SandboxConfig
from desktop.sandbox.harness import SandboxServer

from .conftest import DEMO, assert_problem
from .test_contract_edges import document, raw_exchange
from .test_oauth import authorize_params, new_pkce

CLIENT1 = "client1@atelier.test"


def limited_server(tmp_path: Path, **limits: object) -> SandboxServer:
    return SandboxServer(tmp_path / "limited.sqlite3", seed=11, jobs=60, **limits)  # type: ignore[arg-type]


@pytest.fixture
def tight_tokens(tmp_path: Path) -> Iterator[SandboxServer]:
    with limited_server(tmp_path, token_burst=5, token_rate=2.0) as running:
        yield running


def bearer(server: SandboxServer, email: str = DEMO) -> dict[str, str]:
    return {"Authorization": f"Bearer {server.token_for(email)}"}


def test_a_token_past_its_burst_gets_429_with_retry_after(tight_tokens: SandboxServer) -> None:
    server = tight_tokens
    mine, theirs = bearer(server), bearer(server, CLIENT1)
    with httpx.Client(base_url=server.url) as http:
        answers = [http.get("/v1/me", headers=mine) for _ in range(8)]
        assert [r.status_code for r in answers[:5]] == [200] * 5
        limited = answers[5]
        assert_problem(limited, 429, "rate-limited")
        assert int(limited.headers["retry-after"]) >= 1
        # Another token is not held back by this one.
        assert http.get("/v1/me", headers=theirs).status_code == 200
        # Waiting what Retry-After says is enough.
        time.sleep(int(limited.headers["retry-after"]))
        assert http.get("/v1/me", headers=mine).status_code == 200


def test_an_address_past_its_burst_gets_429_whatever_the_token(tmp_path: Path) -> None:
    with (
        limited_server(tmp_path, ip_burst=6, ip_rate=0.5) as server,
        httpx.Client(base_url=server.url) as http,
    ):
        tokens = [bearer(server, email) for email in (DEMO, CLIENT1, DEMO)]
        statuses = [http.get("/v1/me", headers=tokens[i % 3]).status_code for i in range(6)]
        assert statuses == [200] * 6
        for response in (
            http.get("/v1/me", headers=tokens[1]),
            http.post("/oauth/token", data={"grant_type": "password", "username": DEMO, "password": "demo"}),
        ):
            assert_problem(response, 429, "rate-limited")
            assert int(response.headers["retry-after"]) >= 1


def password_grant(http: httpx.Client, password: str, email: str = DEMO) -> httpx.Response:
    return http.post("/oauth/token", data={"grant_type": "password", "username": email, "password": password})


def test_failed_sign_ins_in_a_row_are_slowed_down(tmp_path: Path) -> None:
    with (
        limited_server(tmp_path, signin_free_failures=3, signin_delay=1.0, signin_max_delay=2.0) as server,
        httpx.Client(base_url=server.url) as http,
    ):
        for _ in range(3):
            assert password_grant(http, "wrong").status_code == 400  # free failures: answered at once
        assert password_grant(http, "wrong").status_code == 400  # the fourth makes the next one wait
        held = password_grant(http, "demo")  # even the right password is not looked at yet
        assert_problem(held, 429, "rate-limited")
        assert held.headers["retry-after"] == "1"
        # Another account from the same address is not held back.
        assert password_grant(http, "demo", CLIENT1).status_code == 200
        time.sleep(1.05)
        assert password_grant(http, "wrong").status_code == 400  # one more failure: now 2 s
        assert password_grant(http, "demo").headers["retry-after"] == "2"
        time.sleep(2.05)
        assert password_grant(http, "demo").status_code == 200  # a success starts over
        assert password_grant(http, "wrong").status_code == 400


def test_the_sign_in_page_says_when_to_try_again(tmp_path: Path) -> None:
    with (
        limited_server(tmp_path, signin_free_failures=1, signin_delay=30.0) as server,
        httpx.Client(base_url=server.url) as http,
    ):
        form = {**authorize_params(new_pkce()), "email": DEMO, "password": "wrong", "decision": "allow"}
        assert http.post("/oauth/authorize", data=form).status_code == 200  # the form again, with an error
        assert http.post("/oauth/authorize", data=form).status_code == 200  # the second failure: 30 s
        page = http.post("/oauth/authorize", data={**form, "password": "demo"})
        assert page.status_code == 429
        assert page.headers["retry-after"] == "30"
        assert "Please wait 30 seconds" in page.text
        assert page.headers["content-type"].startswith("text/html")


def test_a_body_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    with limited_server(tmp_path, max_body_bytes=2000) as server:
        headers = bearer(server)
        token = headers["Authorization"]
        with socket.create_connection((server.host, server.port), timeout=5) as sock:
            # 50 MB announced, 10 bytes sent: the answer comes without the rest.
            head = (
                f"POST /v1/saved-searches HTTP/1.1\r\nHost: x\r\nAuthorization: {token}\r\n"
                "Content-Type: application/json\r\nContent-Length: 50000000\r\n\r\n{\"name\": "
            ).encode()
            status, response_headers, body = raw_exchange(sock, head)
            assert status == 413
            assert response_headers["connection"] == "close"
            assert json.loads(body)["type"] == "https://atelier.example/problems/too-large"
        ok = httpx.post(
            f"{server.url}/v1/saved-searches", headers=headers, json={"name": "small", "query": {"q": "x"}}
        )
        assert ok.status_code == 201


def test_a_chunked_body_is_cut_off_when_it_grows_past_the_limit(tmp_path: Path) -> None:
    with limited_server(tmp_path, max_body_bytes=2000) as server:
        token = bearer(server)["Authorization"]
        with socket.create_connection((server.host, server.port), timeout=5) as sock:
            sock.sendall(
                f"POST /v1/saved-searches HTTP/1.1\r\nHost: x\r\nAuthorization: {token}\r\n"
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
            )
            chunk = b"x" * 1000
            for _ in range(3):  # 3,000 bytes, and the body is not finished
                sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            status, response_headers, _body = raw_exchange(sock, b"")
            assert status == 413
            assert response_headers["connection"] == "close"


def test_anonymous_requests_are_refused_before_their_body_is_read(tmp_path: Path) -> None:
    with (
        limited_server(tmp_path, max_body_bytes=2000) as server,
        socket.create_connection((server.host, server.port), timeout=5) as sock,
    ):
        head = (
            b"POST /v1/proposals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000\r\n\r\n{"
        )
        status, _headers, _body = raw_exchange(sock, head)
        assert status == 401


def test_the_document_names_the_guard_answers() -> None:
    for path, item in document()["paths"].items():
        for method, operation in item.items():
            limited = operation["responses"]["429"]
            assert "Retry-After" in limited["headers"], (method, path)
            assert "application/problem+json" in limited["content"], (method, path)
            if "requestBody" in operation:
                assert "413" in operation["responses"], (method, path)


def test_the_default_limits_leave_room_for_the_app_and_stop_a_flood() -> None:
    """A full sync of the seeded demo is a few dozen requests and a chat burst a few more; 2,000 requests in
    2.4 s from one token (what a runaway loop sends) must be stopped."""
    config = SandboxConfig()
    assert config.token_burst >= 300
    assert config.ip_burst >= config.token_burst
    allowed_in_a_flood = config.token_burst + 2.4 * config.token_rate
    assert allowed_in_a_flood < 2000 / 1.5
    assert config.max_body_bytes >= 4 * 20_000 * 4  # the longest cover letter, in 4-byte characters, 4 times
