"""Inputs at the edges of the contract get the documented answer (a 4xx problem), never a 500.

Each case here was found from outside: a request a client could send that the server answered with a 500,
with an undocumented status, or accepted although the OpenAPI document says it is invalid.
"""

from __future__ import annotations

import base64
import json
import socket
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from desktop.sandbox.harness import SandboxServer
from desktop.sandbox.store import Store

from .conftest import Api, assert_problem
from .test_messages import shared_room
from .test_proposals import open_job_without_proposal, proposal_body

LISTINGS = {
    "/v1/jobs": "jobs:newest",
    "/v1/proposals": "proposals:recent",
    "/v1/invitations": "invitations:recent",
    "/v1/rooms": "rooms:recent",
    "/v1/messages": "messages:history",
    "/v1/earnings/transactions": "transactions:recent",
    "/v1/saved-searches": "saved-searches:recent",
    "/v1/contracts": "contracts:recent",
}


def cursor(*values: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode().rstrip("=")


def document() -> dict[str, Any]:
    from desktop.sandbox.app import create_app

    doc: dict[str, Any] = create_app(Store(":memory:")).openapi()
    return doc


# ---- money -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "amount",
    [
        "1" * 27,  # 27 integer digits: decimal.InvalidOperation in the parser
        "92233720368547758.08",  # cents beyond SQLite's INTEGER
        "1000000.01",  # above the maximum bid
        "١٠٠",  # Arabic-Indic digits
        "1e3",
        "0.001",
        "-5",
        "0",
    ],
)
def test_bids_out_of_range_or_not_ascii_decimals_are_a_422(api: Api, amount: str) -> None:
    job = open_job_without_proposal(api)
    response = api.post("/v1/proposals", proposal_body(job["id"], amount))
    assert_problem(response, 422, "validation")
    assert job["id"] not in {p["job_id"] for p in api.walk("/v1/proposals")}


def test_the_maximum_bid_is_accepted_and_documented(api: Api) -> None:
    job = open_job_without_proposal(api)
    response = api.post("/v1/proposals", proposal_body(job["id"], "1000000"))
    assert response.status_code == 201, response.text
    assert response.json()["bid"] == {"amount": "1000000.00", "currency": "USD"}
    bid = document()["components"]["schemas"]["Bid"]["properties"]
    assert "1000000.00" in bid["amount"]["description"]
    assert bid["currency"]["const"] == "USD"


def test_a_bid_in_another_currency_is_refused(api: Api) -> None:
    job = open_job_without_proposal(api)
    body = proposal_body(job["id"])
    body["bid"]["currency"] = "usd"
    assert_problem(api.post("/v1/proposals", body), 422, "validation")


# ---- cursors ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", list(LISTINGS))
@pytest.mark.parametrize(
    "values",
    [
        [{}, "x"],
        [[], []],
        [2**63, "x"],
        ["2026-01-01T00:00:00.000000Z", 2**70],
        [None, None],
        [True, False],
        ["\ud800", "x"],
    ],
    ids=["objects", "arrays", "big-int", "big-int-id", "nulls", "booleans", "lone-surrogate"],
)
def test_a_cursor_with_the_right_tag_but_wrong_values_is_a_422(
    api: Api, path: str, values: list[Any]
) -> None:
    assert_problem(api.get(path, cursor=cursor(LISTINGS[path], *values)), 422, "validation")


def test_a_room_history_cursor_with_wrong_values_is_a_422(api: Api, client_api: Api) -> None:
    room = shared_room(api, client_api)
    for values in ([{}, "x"], [2**63, "x"], [None, None], [True, False]):
        wrong = cursor("room-messages:history", *values)
        response = api.get(f"/v1/rooms/{room['id']}/messages", cursor=wrong)
        assert_problem(response, 422, "validation")


@pytest.mark.parametrize("values", [[-1], [2**63], ["10"], [None], [1.5]])
def test_an_offset_cursor_with_a_wrong_offset_is_a_422(api: Api, values: list[Any]) -> None:
    response = api.get("/v1/jobs", sort="proposals_asc", cursor=cursor("jobs:proposals", *values))
    assert_problem(response, 422, "validation")


def test_a_budget_cursor_takes_whole_cents_only(api: Api) -> None:
    first = api.ok("/v1/jobs", sort="budget_desc", limit=2)
    assert first["next_cursor"]
    assert api.ok("/v1/jobs", sort="budget_desc", limit=2, cursor=first["next_cursor"])["items"]
    response = api.get("/v1/jobs", sort="budget_desc", cursor=cursor("jobs:budget", "100", "job_x"))
    assert_problem(response, 422, "validation")


# ---- timestamps, budgets, flags and keys: what the document says is what is taken ------------------------


@pytest.mark.parametrize(
    "value", ["2026-11-26", "2026-11-26T13:05:01", "yesterday", "", "0001-01-01T00:00:00+01:00"]
)
def test_timestamps_in_the_query_must_be_rfc3339(api: Api, value: str) -> None:
    assert_problem(api.get("/v1/proposals", updated_since=value), 422, "validation")
    assert_problem(api.get("/v1/earnings/transactions", since=value), 422, "validation")
    assert_problem(api.get("/v1/earnings/transactions", until=value), 422, "validation")


def test_timestamp_parameters_are_documented_as_date_times() -> None:
    paths = document()["paths"]
    for path, name in [
        ("/v1/jobs", "updated_since"),
        ("/v1/rooms", "updated_since"),
        ("/v1/earnings/transactions", "since"),
        ("/v1/earnings/transactions", "until"),
    ]:
        (parameter,) = [p for p in paths[path]["get"]["parameters"] if p["name"] == name]
        assert parameter["schema"]["format"] == "date-time", (path, name)


def test_timestamps_with_an_offset_or_nanoseconds_are_taken(api: Api) -> None:
    assert api.ok("/v1/proposals", updated_since="2000-01-01T01:00:00.123456789+01:00")["items"]


@pytest.mark.parametrize("value", ["1e3", "١٠٠", "-5", "5.001", "NaN"])
def test_budget_filters_follow_their_documented_pattern(api: Api, value: str) -> None:
    assert_problem(api.get("/v1/jobs", min_budget=value), 422, "validation")
    parameters = document()["paths"]["/v1/jobs"]["get"]["parameters"]
    (parameter,) = [p for p in parameters if p["name"] == "min_budget"]
    assert parameter["schema"]["anyOf"][0]["pattern"]


@pytest.mark.parametrize(
    "query",
    [
        {"max_proposals": False},
        {"max_proposals": "5"},
        {"payment_verified": 0},
        {"posted_within_hours": True},
        {"min_budget": 500},
        {"min_budget": "1e3"},
    ],
)
def test_saved_search_fields_take_their_documented_json_types(api: Api, query: dict[str, Any]) -> None:
    response = api.post("/v1/saved-searches", {"name": f"typed {uuid.uuid4().hex[:6]}", "query": query})
    assert_problem(response, 422, "validation")


def test_an_empty_idempotency_key_is_refused_not_shared(api: Api, client_api: Api) -> None:
    room = shared_room(api, client_api)
    response = api.http.post(
        f"/v1/rooms/{room['id']}/messages", json={"body": "hello"}, headers={"Idempotency-Key": ""}
    )
    assert_problem(response, 422, "validation")


@pytest.mark.parametrize("body", ["\u200b\u200b\u200b", "\u200d\ufeff \u2060", "\u3164", " \t\n"])
def test_a_message_of_only_invisible_characters_is_blank(api: Api, client_api: Api, body: str) -> None:
    room = shared_room(api, client_api)
    before = api.ok(f"/v1/rooms/{room['id']}/messages", limit=1)["items"]
    assert_problem(api.post(f"/v1/rooms/{room['id']}/messages", {"body": body}), 422, "validation")
    assert api.ok(f"/v1/rooms/{room['id']}/messages", limit=1)["items"] == before


# ---- bodies that are not UTF-8 ---------------------------------------------------------------------------


def test_a_body_that_is_not_utf8_is_a_422_after_authentication(server: SandboxServer, api: Api) -> None:
    job = open_job_without_proposal(api)
    raw = json.dumps(proposal_body(job["id"])).encode().replace(b"three", b"thr\xe9e")
    anonymous = httpx.post(
        f"{server.url}/v1/proposals", content=raw, headers={"Content-Type": "application/json"}
    )
    assert_problem(anonymous, 401, "unauthorized")
    signed_in = api.http.post("/v1/proposals", content=raw, headers={"Content-Type": "application/json"})
    assert_problem(signed_in, 422, "validation")


# ---- HTTP semantics --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PUT", "/v1/proposals", {"GET", "POST"}),
        ("DELETE", "/v1/saved-searches", {"GET", "POST"}),
        ("GET", "/v1/proposals/prp_1/withdraw", {"POST"}),
        ("PATCH", "/oauth/authorize", {"GET", "POST"}),
    ],
)
def test_405_allow_lists_every_method_of_the_path(
    api: Api, method: str, path: str, allowed: set[str]
) -> None:
    response = api.http.request(method, path)
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["allow"].split(",")} == allowed


def test_revoke_answers_what_the_document_says(server: SandboxServer) -> None:
    revoke = document()["paths"]["/oauth/revoke"]["post"]["responses"]
    assert "content" not in revoke["200"]
    assert revoke["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/OAuthError")
    ok = httpx.post(f"{server.url}/oauth/revoke", data={"token": "unknown"})
    assert ok.status_code == 200
    assert ok.content == b""
    missing = httpx.post(f"{server.url}/oauth/revoke", data={})
    assert missing.status_code == 400
    assert missing.json()["error"] == "invalid_request"


# ---- an unexpected error ---------------------------------------------------------------------------------


def raw_exchange(sock: socket.socket, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 request and its response on an open (kept-alive) connection."""
    sock.sendall(request)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        rest += chunk
    return int(lines[0].split()[1]), headers, rest[:length]


@pytest.fixture
def broken_categories(scratch_server: SandboxServer) -> Iterator[SandboxServer]:
    """The store's categories() raises: a stand-in for a bug no request can reach any more (patched on the
    real store of a real server, since every 500 found from outside is fixed)."""

    def broken() -> list[str]:
        raise RuntimeError("a bug")

    original = scratch_server.store.categories
    scratch_server.store.categories = broken  # type: ignore[method-assign]
    yield scratch_server
    scratch_server.store.categories = original  # type: ignore[method-assign]


def test_an_unexpected_error_is_a_500_problem_and_the_connection_stays_usable(
    broken_categories: SandboxServer,
) -> None:
    server = broken_categories
    token = server.token_for("demo@atelier.test")
    with socket.create_connection((server.host, server.port), timeout=5) as sock:
        for path, status in [("/v1/categories", 500), ("/v1/me", 200), ("/v1/categories", 500)]:
            request = (
                f"GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\r\n"
            ).encode()
            got, headers, body = raw_exchange(sock, request)
            assert got == status
            if status == 500:
                assert headers["content-type"] == "application/problem+json"
                assert json.loads(body)["type"] == "https://atelier.example/problems/server-error"
                assert headers.get("connection") != "close"


def test_every_listing_is_checked() -> None:
    """The cursor tests above name each listing's tag: a listing missing there would go untested."""
    paths = document()["paths"].items()
    listed = {path for path, item in paths if "get" in item and "cursor" in json.dumps(item["get"])}
    assert listed == {*LISTINGS, "/v1/rooms/{room_id}/messages"}


def test_a_cover_letter_or_a_search_name_of_only_invisible_characters_is_blank(api: Api) -> None:
    job = open_job_without_proposal(api)
    invisible_letter = {**proposal_body(job["id"]), "cover_letter": "\u200b" * 60}
    assert_problem(api.post("/v1/proposals", invisible_letter), 422, "validation")
    invisible_duration = {**proposal_body(job["id"]), "duration": "\u2060\u200b"}
    assert_problem(api.post("/v1/proposals", invisible_duration), 422, "validation")
    assert job["id"] not in {p["job_id"] for p in api.walk("/v1/proposals")}
    nameless = api.post("/v1/saved-searches", {"name": " \u200b\ufeff ", "query": {"q": "python"}})
    assert_problem(nameless, 422, "validation")


def test_the_sign_in_page_documents_the_query_it_reads() -> None:
    from desktop.sandbox.auth import AUTHORIZE_FIELDS

    parameters = document()["paths"]["/oauth/authorize"]["get"]["parameters"]
    assert {(p["name"], p["in"]) for p in parameters} == {(name, "query") for name in AUTHORIZE_FIELDS}
