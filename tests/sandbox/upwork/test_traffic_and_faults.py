"""Rate limit (429 + Retry-After), request counters, and every fault mode, including the story that
is committed while its reply is lost."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.sandbox.upwork.harness import UpworkSandboxServer
from tests.sandbox.upwork.conftest import Gql

SEND = """mutation Send($room: ID!, $text: String) {
  createRoomStoryV2(input: {roomId: $room, message: $text}) { id message } }"""


@pytest.fixture
def limited(tmp_path: Path) -> Iterator[UpworkSandboxServer]:
    with UpworkSandboxServer(tmp_path / "limited.sqlite3", rate_limit_per_second=10) as server:
        yield server


def test_rate_limit_and_counters(limited: UpworkSandboxServer) -> None:
    gql = Gql(limited)
    limited.requests.reset()
    statuses = [gql.post("query Me { user { id } }").status_code for _ in range(14)]
    assert statuses[:10] == [200] * 10, statuses  # 14 requests in well under a second
    assert 429 in statuses[10:]
    rejected = gql.post("query Me { user { id } }")
    assert rejected.status_code == 429
    assert int(rejected.headers["retry-after"]) >= 1
    assert limited.requests.total == 15
    assert limited.requests["Me"] == 15
    assert limited.requests.rate_limited == statuses.count(429) + 1
    time.sleep(1.05)
    assert gql.post("{ user { id } }").status_code == 200
    assert limited.requests["<anonymous>"] == 1


def test_counts_by_operation_name(upwork: UpworkSandboxServer, gql: Gql) -> None:
    upwork.requests.reset()
    gql("query A { user { id } }")
    gql("query B { organization { id } }")
    gql.post("query A { user { id } } query C { user { nid } }", None)  # no operationName: first op named
    assert upwork.requests.by_operation() == {"A": 2, "B": 1}
    assert upwork.requests.total == 3


def test_fail_next_with_each_status(upwork: UpworkSandboxServer, gql: Gql) -> None:
    upwork.faults.fail_next(2, status=503)
    assert [gql.post("{ user { id } }").status_code for _ in range(3)] == [503, 503, 200]
    upwork.faults.fail_next(1, status=429, retry_after=3)
    throttled = gql.post("{ user { id } }")
    assert throttled.status_code == 429
    assert throttled.headers["retry-after"] == "3"
    for status in (500, 502):
        upwork.faults.fail_next(status=status)
        assert gql.post("{ user { id } }").status_code == status
    with pytest.raises(ValueError, match="status one of 429"):
        upwork.faults.fail_next(status=418)


def test_hang_next(upwork: UpworkSandboxServer, gql: Gql) -> None:
    upwork.faults.hang_next(0.5)
    started = time.monotonic()
    assert gql.post("{ user { id } }").status_code == 200
    assert time.monotonic() - started >= 0.45
    upwork.faults.hang_next(5)
    with pytest.raises(httpx.ReadTimeout):
        gql.http.post(
            upwork.graphql_url,
            json={"query": "{ user { id } }"},
            headers={"Authorization": f"Bearer {gql.token}"},
            timeout=0.3,
        )
    upwork.faults.clear()  # releases the hung request


def test_garbage_once(upwork: UpworkSandboxServer, gql: Gql) -> None:
    upwork.faults.garbage_next()
    response = gql.post("{ user { id } }")
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        response.json()
    assert gql.post("{ user { id } }").json()["data"]["user"]["id"]


@pytest.mark.parametrize("mode", ["disconnect", "502"])
def test_story_committed_but_reply_lost(fresh: UpworkSandboxServer, fresh_gql: Gql, mode: str) -> None:
    room = fresh.room_ids()[0]
    before = len(fresh.stories(room))
    fresh.faults.drop_next_story_reply(mode)  # type: ignore[arg-type]
    text = f"unknown outcome via {mode}"
    if mode == "disconnect":
        with pytest.raises(httpx.TransportError):
            fresh_gql.post(SEND, {"room": room, "text": text})
    else:
        response = fresh_gql.post(SEND, {"room": room, "text": text})
        assert response.status_code == 502
    stories = fresh.stories(room)
    assert len(stories) == before + 1
    assert stories[-1]["message"] == text  # committed all the same
    assert fresh.faults.dropped_replies == 1
    # the next send answers normally, and reading back shows the first one exactly once
    assert fresh_gql(SEND, {"room": room, "text": "second"})["createRoomStoryV2"]["message"] == "second"
    messages = [s["message"] for s in fresh.stories(room)]
    assert messages.count(text) == 1
    assert messages[-1] == "second"


def test_queries_are_not_dropped(upwork: UpworkSandboxServer, gql: Gql) -> None:
    upwork.faults.drop_next_story_reply("502")
    assert gql.post("{ user { id } }").status_code == 200
    assert upwork.faults.pending == 1
