"""Rooms and stories: createRoomStoryV2 round trip, validation, ordering, date-range filter, unread counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from desktop.sandbox.upwork.harness import UpworkSandboxServer
from tests.sandbox.upwork.conftest import Gql

SEND = """mutation($room: ID!, $text: String) {
  createRoomStoryV2(input: {roomId: $room, message: $text}) { id message createdDateTime user { id name
        } } }"""
STORIES = """query($room: ID!, $first: Int!, $after: String, $start: String, $end: String) {
  roomStories(filter: {roomId_eq: $room, storyFilter: {pagination: {first: $first, after: $after},
      storyCreatedDateTime_bt: {rangeStart: $start, rangeEnd: $end}}}) {
    totalCount edges { cursor node { id message createdDateTime user { id } } } pageInfo { endCursor
        hasNextPage } } }"""
ROOMS = """query($order: SortOrder, $filter: RoomFilter) { roomList(sortOrder: $order, filter: $filter) {
  totalCount edges { node { id roomType numUnread latestStory { id message createdDateTime } } } } }"""


def test_send_and_read_back(fresh: UpworkSandboxServer, fresh_gql: Gql) -> None:
    me = fresh_gql("{ user { id } }")["user"]["id"]
    room = fresh.room_ids()[-1]
    sent = fresh_gql(SEND, {"room": room, "text": "Hello from the test"})["createRoomStoryV2"]
    assert sent["user"]["id"] == me
    assert sent["message"] == "Hello from the test"
    newest = fresh_gql(STORIES, {"room": room, "first": 1})["roomStories"]["edges"][0]["node"]
    assert newest["id"] == sent["id"]
    rooms = fresh_gql(ROOMS, {"order": "DESC"})["roomList"]["edges"]
    assert rooms[0]["node"]["id"] == room  # most recent activity first
    assert rooms[0]["node"]["latestStory"]["id"] == sent["id"]
    assert rooms[0]["node"]["numUnread"] == 0
    story = fresh_gql(
        "query($r: String!, $s: String!) { roomStory(roomId: $r, storyId: $s) { message } }",
        {"r": room, "s": sent["id"]},
    )
    assert story["roomStory"]["message"] == "Hello from the test"
    assert fresh.stories(room)[-1]["id"] == sent["id"]


def test_invalid_messages(fresh: UpworkSandboxServer, fresh_gql: Gql) -> None:
    room = fresh.room_ids()[0]
    before = len(fresh.stories(room))
    for text in ("", "   \n ", "x" * 5001):
        errors = fresh_gql.errors(SEND, {"room": room, "text": text})
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert (
        fresh_gql.errors(SEND, {"room": "room_unknown", "text": "hi"})[0]["extensions"]["code"] == "NOT_FOUND"
    )
    assert len(fresh.stories(room)) == before
    assert fresh_gql(SEND, {"room": room, "text": "y" * 5000})["createRoomStoryV2"]["id"]


def test_stories_newest_first_and_paged(gql: Gql, upwork: UpworkSandboxServer) -> None:
    room = max(upwork.room_ids(), key=lambda r: len(upwork.stories(r)))
    seen: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        page = gql(STORIES, {"room": room, "first": 7, "after": after})["roomStories"]
        seen.extend(e["node"] for e in page["edges"] if e["node"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    stamps = [n["createdDateTime"] for n in seen]
    assert len(seen) == len(upwork.stories(room)) > 7
    assert stamps == sorted(stamps, reverse=True)


def test_date_range_filters_by_creation_time(gql: Gql, upwork: UpworkSandboxServer) -> None:
    room = max(upwork.room_ids(), key=lambda r: len(upwork.stories(r)))
    rows = upwork.stories(room)
    start, end = rows[2]["created_at"], rows[-3]["created_at"]
    page = gql(STORIES, {"room": room, "first": 500, "start": start, "end": end})["roomStories"]
    assert page["totalCount"] == len(rows) - 4
    assert all(start <= e["node"]["createdDateTime"] <= end for e in page["edges"])
    assert gql.errors(STORIES, {"room": room, "first": 5, "start": "yesterday"})


def test_client_reply_makes_room_unread(fresh: UpworkSandboxServer, fresh_gql: Gql) -> None:
    room = fresh.room_ids()[-1]
    fresh_gql(SEND, {"room": room, "text": "ping"})
    fresh.add_client_reply(room, "pong")
    fresh.add_client_reply(room, "pong again")
    rooms = {e["node"]["id"]: e["node"] for e in fresh_gql(ROOMS, {})["roomList"]["edges"]}
    assert rooms[room]["numUnread"] == 2
    assert rooms[room]["latestStory"]["message"] == "pong again"
    unread = fresh_gql(ROOMS, {"filter": {"unreadRoomsOnly_eq": True}})["roomList"]["edges"]
    assert room in {e["node"]["id"] for e in unread}


def test_room_types_and_order(gql: Gql) -> None:
    interviews = gql(ROOMS, {"filter": {"roomType_eq": "INTERVIEW"}})["roomList"]
    assert interviews["totalCount"] >= 2
    assert {e["node"]["roomType"] for e in interviews["edges"]} == {"INTERVIEW"}
    everything = gql(ROOMS, {"order": "ASC"})["roomList"]["edges"]
    stamps = [e["node"]["latestStory"]["createdDateTime"] for e in everything]
    assert 8 <= len(everything) <= 12
    assert stamps == sorted(stamps)
    since = (datetime.now(UTC) - timedelta(hours=12)).isoformat()
    recent = gql(ROOMS, {"filter": {"activeSince_eq": since}})["roomList"]["totalCount"]
    assert recent < len(everything)


def test_system_story_has_null_node(gql: Gql, upwork: UpworkSandboxServer) -> None:
    """Like Upwork: a story without a user nulls its edge's node and adds an error (third-party reports)."""
    room = next(r for r in upwork.room_ids() if any(s["user_id"] is None for s in upwork.stories(r)))
    response = gql.post(STORIES, {"room": room, "first": 500})
    body = response.json()
    assert body["errors"]
    assert any(edge["node"] is None for edge in body["data"]["roomStories"]["edges"])
