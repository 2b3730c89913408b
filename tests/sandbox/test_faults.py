from __future__ import annotations

import contextlib
import json
import threading
import time

import httpx
import pytest

from desktop.sandbox.harness import SandboxServer

from .conftest import Api, api_for, assert_problem


def test_error_fault_then_recovery(api: Api, server: SandboxServer) -> None:
    server.faults.add("error", count=2)
    assert_problem(api.get("/v1/me"), 500, "server-error")
    assert_problem(api.get("/v1/categories"), 500, "server-error")
    assert api.get("/v1/me").status_code == 200


def test_error_fault_with_a_chosen_status_and_path(api: Api, server: SandboxServer) -> None:
    server.faults.add("error", status=503, path_prefix="/v1/categories")
    assert api.get("/v1/me").status_code == 200  # other paths untouched
    response = api.get("/v1/categories")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert api.get("/v1/categories").status_code == 200


def test_rate_limit_carries_retry_after(api: Api, server: SandboxServer) -> None:
    server.faults.add("rate_limit", retry_after=3)
    response = api.get("/v1/jobs")
    assert_problem(response, 429, "rate-limited")
    assert response.headers["retry-after"] == "3"


def test_garbage_body_labelled_as_json(api: Api, server: SandboxServer) -> None:
    server.faults.add("garbage")
    response = api.get("/v1/me")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.text == "<html>oops"
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_hang_with_delay_then_passes_through(api: Api, server: SandboxServer) -> None:
    server.faults.add("hang", delay=0.5)
    started = time.perf_counter()
    assert api.get("/v1/me").status_code == 200
    assert time.perf_counter() - started >= 0.45


def test_hang_forever_times_out_the_client_and_clear_releases_it(api: Api, server: SandboxServer) -> None:
    server.faults.add("hang", count=None, path_prefix="/v1/categories")
    with pytest.raises(httpx.ReadTimeout):
        api.http.get("/v1/categories", timeout=0.3)
    results: list[int] = []
    waiting = threading.Thread(
        target=lambda: results.append(api.http.get("/v1/categories", timeout=5).status_code)
    )
    waiting.start()
    time.sleep(0.2)
    server.faults.clear()
    waiting.join(3)
    assert results == [200]


def test_hang_does_not_lose_the_request_body(api: Api, server: SandboxServer) -> None:
    room = api.walk("/v1/rooms")[0]
    server.faults.add("hang", count=1, path_prefix="/v1/rooms/")
    results: list[httpx.Response] = []
    worker = threading.Thread(
        target=lambda: results.append(api.post(f"/v1/rooms/{room['id']}/messages", {"body": "held back"}))
    )
    worker.start()
    time.sleep(0.2)
    server.faults.clear()
    worker.join(3)
    assert results[0].status_code == 201
    assert results[0].json()["body"] == "held back"


def test_hung_requests_do_not_slow_down_stop(scratch_server: SandboxServer) -> None:
    scratch_server.faults.add("hang", count=None, delay=30)
    api = api_for(scratch_server)
    with pytest.raises(httpx.ReadTimeout):
        api.http.get("/v1/me", timeout=0.2)

    def held_request() -> None:
        with contextlib.suppress(httpx.HTTPError):
            api.get("/v1/categories")

    waiting = threading.Thread(target=held_request)
    waiting.start()
    time.sleep(0.2)
    started = time.perf_counter()
    scratch_server.stop()
    assert time.perf_counter() - started < 1.0
    waiting.join(2)
    api.close()


def test_disconnect_closes_without_a_response(api: Api, server: SandboxServer) -> None:
    server.faults.add("disconnect")
    with pytest.raises(httpx.TransportError):
        api.http.get("/v1/me")
    assert api.get("/v1/me").status_code == 200


def test_faults_spare_oauth_unless_asked(server: SandboxServer) -> None:
    server.faults.add("error", count=None)
    form = {"grant_type": "password", "username": "demo@atelier.test", "password": "demo"}
    assert httpx.post(f"{server.url}/oauth/token", data=form).status_code == 200
    server.faults.clear()
    server.faults.add("error", path_prefix="/oauth/")
    assert httpx.post(f"{server.url}/oauth/token", data=form).status_code == 500
    assert httpx.post(f"{server.url}/oauth/token", data=form).status_code == 200


def test_unlimited_rule_fires_until_cleared(api: Api, server: SandboxServer) -> None:
    server.faults.add("rate_limit", count=None)
    assert [api.get("/v1/me").status_code for _ in range(4)] == [429] * 4
    server.faults.clear()
    assert api.get("/v1/me").status_code == 200
    with pytest.raises(ValueError, match="unknown fault kind 'explode'"):
        server.faults.add("explode")  # type: ignore[arg-type]
