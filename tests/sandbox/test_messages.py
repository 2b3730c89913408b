from __future__ import annotations

import uuid
from typing import Any

from desktop.sandbox.harness import SandboxServer

from .conftest import Api, api_for, assert_problem


def shared_room(api: Api, client_api: Api) -> dict[str, Any]:
    mine = {room["id"] for room in api.walk("/v1/rooms")}
    room: dict[str, Any] = next(r for r in client_api.walk("/v1/rooms") if r["id"] in mine)
    return room


def room_of(api: Api, room_id: str) -> dict[str, Any]:
    room: dict[str, Any] = next(r for r in api.walk("/v1/rooms") if r["id"] == room_id)
    return room


def test_seeded_rooms_have_believable_history(api: Api, server: SandboxServer) -> None:
    rooms = api.walk("/v1/rooms")
    assert len(rooms) >= 5
    clients: set[str] = set()
    for room in rooms:
        roles = sorted(p["role"] for p in room["participants"])
        assert roles == ["client", "freelancer"]
        clients.update(p["id"] for p in room["participants"] if p["role"] == "client")
        history = api.walk(f"/v1/rooms/{room['id']}/messages", limit=7)
        assert 10 <= len(history) <= 62
        assert len({m["sender_id"] for m in history}) == 2  # a back-and-forth, not a monologue
        assert room["last_message"]["id"] == history[0]["id"]
    assert len(clients) == len(rooms)
    assert (
        sum(len(api.walk(f"/v1/rooms/{r['id']}/messages", limit=500)) for r in rooms)
        == server.counts()["messages"]
    )


def test_history_is_newest_first_and_cursor_walks_back(api: Api) -> None:
    room = api.walk("/v1/rooms")[0]
    everything = api.walk(f"/v1/rooms/{room['id']}/messages", limit=500)
    paged = api.walk(f"/v1/rooms/{room['id']}/messages", limit=4)
    assert [m["id"] for m in paged] == [m["id"] for m in everything]
    stamps = [m["created_at"] for m in paged]
    assert stamps == sorted(stamps, reverse=True)


def test_post_message_with_idempotent_replay(api: Api, client_api: Api, server: SandboxServer) -> None:
    room = shared_room(api, client_api)
    key = str(uuid.uuid4())
    response = api.post(f"/v1/rooms/{room['id']}/messages", {"body": "Draft is ready for review."}, key=key)
    assert response.status_code == 201
    message = response.json()
    assert message["id"].startswith("msg_")
    assert message["client_key"] == key
    assert message["sender_name"] == "Ada Freelancer"
    assert message["room_id"] == room["id"]
    count = server.counts()["messages"]
    replay = api.post(f"/v1/rooms/{room['id']}/messages", {"body": "Draft is ready for review."}, key=key)
    assert replay.status_code == 201
    assert replay.json() == message
    assert server.counts()["messages"] == count
    assert_problem(
        api.post(f"/v1/rooms/{room['id']}/messages", {"body": "changed"}, key=key), 409, "conflict"
    )
    plain = api.post(f"/v1/rooms/{room['id']}/messages", {"body": "no key"}).json()
    assert plain["client_key"] is None
    assert api.ok(f"/v1/rooms/{room['id']}/messages", limit=1)["items"][0]["id"] == plain["id"]


def test_message_validation(api: Api) -> None:
    room = api.walk("/v1/rooms")[0]
    for body in ({"body": ""}, {"body": "   "}, {"body": "x" * 5001}, {}):
        assert_problem(api.post(f"/v1/rooms/{room['id']}/messages", body), 422, "validation")
    assert_problem(api.post("/v1/rooms/room_nope/messages", {"body": "hi"}), 404, "not-found")


def test_client_writes_to_the_freelancer_and_unread_counts(api: Api, client_api: Api) -> None:
    room = shared_room(api, client_api)
    last = api.ok(f"/v1/rooms/{room['id']}/messages", limit=1)["items"][0]
    api.http.post(f"/v1/rooms/{room['id']}/read", json={"last_read_message_id": last["id"]})
    assert room_of(api, room["id"])["unread_count"] == 0

    sent = [
        client_api.post(f"/v1/rooms/{room['id']}/messages", {"body": f"Question {n}?"}).json() for n in (1, 2)
    ]
    assert sent[0]["sender_name"] == client_api.ok("/v1/me")["name"]
    seen_by_freelancer = room_of(api, room["id"])
    assert seen_by_freelancer["unread_count"] == 2
    assert seen_by_freelancer["last_message"]["id"] == sent[-1]["id"]
    assert room_of(client_api, room["id"])["unread_count"] == 0  # your own messages are read

    response = api.http.post(f"/v1/rooms/{room['id']}/read", json={"last_read_message_id": sent[0]["id"]})
    assert response.status_code == 200
    assert response.json()["unread_count"] == 1
    api.http.post(f"/v1/rooms/{room['id']}/read", json={"last_read_message_id": sent[1]["id"]})
    # An older read receipt arriving late never brings unread messages back.
    late = api.http.post(f"/v1/rooms/{room['id']}/read", json={"last_read_message_id": sent[0]["id"]})
    assert late.json()["unread_count"] == 0
    bad = api.http.post(f"/v1/rooms/{room['id']}/read", json={"last_read_message_id": "msg_nope"})
    assert_problem(bad, 422, "validation")


def test_rooms_of_others_are_forbidden(api: Api, server: SandboxServer) -> None:
    client1_rooms = {r["id"] for r in api_for(server, "client1@atelier.test").walk("/v1/rooms")}
    other = api_for(server, "client2@atelier.test")
    foreign = next(
        r["id"]
        for r in api.walk("/v1/rooms")
        if r["id"] not in {x["id"] for x in other.walk("/v1/rooms")} and r["id"] in client1_rooms
    )
    assert_problem(other.get(f"/v1/rooms/{foreign}/messages"), 403, "forbidden")
    assert_problem(other.post(f"/v1/rooms/{foreign}/messages", {"body": "hello"}), 403, "forbidden")
    other.close()


def test_message_sync_and_room_deltas(api: Api, server: SandboxServer) -> None:
    everything = api.walk("/v1/messages", limit=100)
    assert len(everything) == server.counts()["messages"]
    assert len({m["id"] for m in everything}) == len(everything)
    high_water = max(m["updated_at"] for m in everything)
    rooms_high_water = max(r["updated_at"] for r in api.walk("/v1/rooms"))
    room = api.walk("/v1/rooms")[-1]
    reply = server.simulator.post_client_message(room["id"], "Any news on this?")
    delta = api.walk("/v1/messages", updated_since=high_water)
    assert [m["id"] for m in delta] == [reply["id"]]
    changed_rooms = api.walk("/v1/rooms", updated_since=rooms_high_water)
    assert [r["id"] for r in changed_rooms] == [room["id"]]
    assert changed_rooms[0]["last_message"]["body"] == "Any news on this?"
