"""roomList, room, roomStories, roomStory, createRoomStoryV2, and the Room/RoomStory fields that need queries.

Shapes from upwork-node (RoomFilter, RoomStoryFilter, StoryFilter, RoomStoryCreateInputV2) and third-party
clients (roomStories(filter: {roomId_eq, storyFilter: {pagination: {first: 500}}})). Stories come newest
first; storyCreatedDateTime_bt {rangeStart, rangeEnd} keeps stories created inside the (inclusive) range,
bounds as ISO-8601 strings (epoch milliseconds are accepted too). Sending a story marks the room read for the
sender (inferred). Message limits (empty, > 5000 characters) are the sandbox's, Upwork's are not documented.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from desktop.sandbox.clock import format_ts, parse_ts
from desktop.sandbox.upwork.context import Context, Info, ctx, gql_error, root
from desktop.sandbox.upwork.db import Database, Row
from desktop.sandbox.upwork.faults import DROP_SCOPE_KEY, DropFlag
from desktop.sandbox.upwork.ids import story_id
from desktop.sandbox.upwork.paging import connection, offset_and_size
from desktop.sandbox.upwork.shapes import room, story

READ = "pub-messages:read:all"
WRITE = "pub-messages:write:all"
MAX_MESSAGE = 5000
MAX_PAGE = 500


def timestamp_text(value: str, name: str) -> str:
    try:
        if value.strip().isdigit():
            return format_ts(datetime.fromtimestamp(int(value) / 1000, UTC))
        return format_ts(parse_ts(value))
    except (ValueError, OverflowError):
        raise gql_error(f"{name} must be an ISO-8601 date-time, got {value!r}", "BAD_USER_INPUT") from None


def member_room(context: Context, room_id: str) -> Row:
    row = context.db.one(
        "SELECT r.* FROM rooms r JOIN room_users u ON u.room_id = r.id WHERE r.id = ? AND u.user_id = ?",
        (room_id, context.user_id),
    )
    if row is None:
        raise gql_error(f"Room {room_id} not found", "NOT_FOUND")
    return row


def stories_page(context: Context, room_id: str, story_filter: dict[str, Any] | None) -> dict[str, Any]:
    story_filter = story_filter or {}
    offset, first = offset_and_size(story_filter.get("pagination"), default_first=50, max_first=MAX_PAGE)
    sql, params = "SELECT * FROM stories WHERE room_id = ?", [room_id]
    span = story_filter.get("storyCreatedDateTime_bt") or {}
    if span.get("rangeStart"):
        sql += " AND created_at >= ?"
        params.append(timestamp_text(span["rangeStart"], "rangeStart"))
    if span.get("rangeEnd"):
        sql += " AND created_at <= ?"
        params.append(timestamp_text(span["rangeEnd"], "rangeEnd"))
    rows = context.db.all(sql + " ORDER BY created_at DESC, id DESC", params)
    page = connection(rows, offset, first)
    for edge in page["edges"]:
        edge["node"] = story(context.db, edge["node"])
    return page


@root(READ)
def resolve_room_list(
    _obj: Any,
    info: Info,
    filter: dict[str, Any] | None = None,
    pagination: dict[str, Any] | None = None,
    sortOrder: str | None = None,
) -> Any:
    context = ctx(info)
    filt = filter or {}
    offset, first = offset_and_size(pagination, default_first=50, max_first=MAX_PAGE)
    sql = "SELECT r.* FROM rooms r JOIN room_users u ON u.room_id = r.id WHERE u.user_id = ?"
    params: list[Any] = [context.user_id]
    if filt.get("roomType_eq") and filt["roomType_eq"] != "ALL":
        sql += " AND r.room_type = ?"
        params.append(filt["roomType_eq"])
    if filt.get("includeHidden_eq") is False:
        sql += " AND r.hidden = 0"
    if filt.get("activeSince_eq"):
        sql += " AND r.last_activity_at >= ?"
        params.append(timestamp_text(filt["activeSince_eq"], "activeSince_eq"))
    if filt.get("objectReferenceId_eq"):
        sql += " AND ? IN (r.contract_id, r.proposal_id, r.job_id)"
        params.append(filt["objectReferenceId_eq"])
    order = "ASC" if sortOrder == "ASC" else "DESC"  # DESC (default): most recent activity first
    rows = [
        room(context.db, row, context.user_id)
        for row in context.db.all(sql + f" ORDER BY r.last_activity_at {order}, r.id {order}", params)
    ]
    if filt.get("unreadRoomsOnly_eq"):
        rows = [r for r in rows if r["numUnread"]]
    return connection(rows, offset, first, cursors=False)


@root(READ)
def resolve_room(_obj: Any, info: Info, id: str) -> Any:
    context = ctx(info)
    return room(context.db, member_room(context, id), context.user_id)


@root(READ)
def resolve_room_stories(_obj: Any, info: Info, filter: dict[str, Any] | None = None) -> Any:
    context = ctx(info)
    if not filter or not filter.get("roomId_eq"):
        raise gql_error("filter.roomId_eq is required", "BAD_USER_INPUT")
    member_room(context, filter["roomId_eq"])
    return stories_page(context, filter["roomId_eq"], filter.get("storyFilter"))


@root(READ)
def resolve_room_story(_obj: Any, info: Info, roomId: str, storyId: str) -> Any:
    context = ctx(info)
    member_room(context, roomId)
    row = context.db.one("SELECT * FROM stories WHERE room_id = ? AND id = ?", (roomId, storyId))
    return None if row is None else story(context.db, row)


@root(WRITE)
def resolve_create_story(_obj: Any, info: Info, input: dict[str, Any]) -> Any:
    context = ctx(info)
    message = input.get("message") or ""
    if not message.strip():
        raise gql_error("message must not be empty", "BAD_USER_INPUT")
    if len(message) > MAX_MESSAGE:
        raise gql_error(f"message is longer than {MAX_MESSAGE} characters", "BAD_USER_INPUT")
    room_row = member_room(context, input.get("roomId") or "")
    if room_row["read_only"]:
        raise gql_error("Room is read-only", "FORBIDDEN")
    row = add_story(context.db, room_row["id"], context.user, message, mark_read=True)
    mode = context.faults.take_story_drop()  # after the commit: the story exists whatever the client hears
    flag = context.request.scope.get(DROP_SCOPE_KEY)
    if mode is not None and isinstance(flag, DropFlag):
        flag.mode = mode
    return story(context.db, row)


def add_story(
    db: Database, room_id: str, author: Row, message: str, *, mark_read: bool, at: str | None = None
) -> Row:
    """Insert a story and bump the room's activity; shared with the simulator and the harness."""
    stamp = at or format_ts(datetime.now(UTC))
    with db.transaction() as conn:
        latest = conn.execute("SELECT MAX(created_at) FROM stories WHERE room_id = ?", (room_id,)).fetchone()[
            0
        ]
        if latest is not None and stamp <= latest:  # keep "newest first" strict even on a coarse clock
            stamp = format_ts(parse_ts(latest) + timedelta(microseconds=1))
        row = {
            "id": story_id(conn),
            "room_id": room_id,
            "user_id": author["id"],
            "org_id": author["org_id"],
            "message": message,
            "created_at": stamp,
            "updated_at": stamp,
        }
        conn.execute(
            "INSERT INTO stories VALUES (:id, :room_id, :user_id, :org_id, :message, :created_at, "
            ":updated_at)",
            row,
        )
        conn.execute("UPDATE rooms SET last_activity_at = ? WHERE id = ?", (stamp, room_id))
        if mark_read:
            conn.execute(
                "UPDATE rooms SET last_read_at = ?, last_visited_at = ? WHERE id = ?", (stamp, stamp, room_id)
            )
    return row


def resolve_latest_story(obj: dict[str, Any], info: Info) -> Any:
    context = ctx(info)
    row = context.db.one(
        "SELECT * FROM stories WHERE room_id = ? ORDER BY created_at DESC, id DESC LIMIT 1", (obj["id"],)
    )
    return None if row is None else story(context.db, row)


def resolve_room_field_stories(obj: dict[str, Any], info: Info, filter: dict[str, Any] | None = None) -> Any:
    return stories_page(ctx(info), obj["id"], filter)


def resolve_story_room(obj: dict[str, Any], info: Info) -> Any:
    context = ctx(info)
    row = context.db.one("SELECT * FROM rooms WHERE id = ?", (obj["roomId"],))
    return None if row is None else room(context.db, row, context.user_id)


def register(query: QueryType, mutation: MutationType) -> list[ObjectType]:
    query.set_field("roomList", resolve_room_list)
    query.set_field("room", resolve_room)
    query.set_field("roomStories", resolve_room_stories)
    query.set_field("roomStory", resolve_room_story)
    mutation.set_field("createRoomStoryV2", resolve_create_story)
    room_type, story_type = ObjectType("Room"), ObjectType("RoomStory")
    room_type.set_field("latestStory", resolve_latest_story)
    room_type.set_field("stories", resolve_room_field_stories)
    story_type.set_field("room", resolve_story_room)
    return [room_type, story_type]
