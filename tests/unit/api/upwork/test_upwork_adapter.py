"""UpworkMarketplace end to end over a scripted GraphQL endpoint (httpx.MockTransport).

The real Upwork-shaped server is being written in parallel (desktop/sandbox/upwork); the integration
tests will run the adapter against it. These tests pin the adapter's own logic: how port calls become
Upwork queries, how walks and cursors go, and what the request budget is.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from upwork_fake import FakeUpwork, money, search_node, tokens

from desktop.api.port import Marketplace
from desktop.api.upwork import UPWORK_CAPABILITIES, UpworkEndpoints, UpworkMarketplace
from desktop.api.upwork.adapter import SEARCH_RESULT_CAP
from desktop.core.errors import NotFoundError, RequestRejected
from desktop.core.models import JobFilter, JobSort, ProposalDraft, ProposalStatus, TransactionStatus
from desktop.core.money import Money

NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)
ENDPOINTS = UpworkEndpoints.on("http://upwork.test")


def adapter(fake: FakeUpwork) -> UpworkMarketplace:
    return UpworkMarketplace(ENDPOINTS, tokens(), transport=fake.transport(), rate=1000.0, clock=lambda: NOW)


def test_it_implements_the_port_and_declares_what_upwork_lacks() -> None:
    api: Marketplace = adapter(FakeUpwork())  # mypy checks this assignment against the protocol
    caps = api.capabilities
    assert caps is UPWORK_CAPABILITIES
    assert caps.display_name == "Upwork"
    lacking = ("live_events", "submit_proposals", "withdraw_proposals", "invitations", "send_attachments",
               "connects_balance", "idempotency_keys", "saved_searches")
    assert [name for name in lacking if getattr(caps, name)] == []
    assert caps.max_cache_age == timedelta(hours=24)
    assert (caps.poll.open_room, caps.poll.feed, caps.poll.idle_cap) == (10.0, 60.0, 600.0)


ME = {"user": {"id": "me", "name": "Ana P.", "email": "ana@example.com", "freelancerProfile": {
    "fullName": "Ana Perez", "personalData": {"title": "Qt dev", "chargeRate": money("60")},
    "aggregates": {"totalEarnings": money("10000")}}}}


async def test_me_sets_the_account_id() -> None:
    api = adapter(FakeUpwork(UserProfile=lambda v: ME))
    me = await api.me()
    assert api.account_id == "me" == me.id
    assert me.fee_rate == Decimal("0.10")


def search_page(nodes: list[dict[str, Any]], total: int | None = None,
                has_next: bool = True) -> dict[str, Any]:
    return {"marketplaceJobPostingsSearch": {
        "totalCount": total, "pageInfo": {"endCursor": None, "hasNextPage": has_next},
        "edges": [{"cursor": str(i), "node": node} for i, node in enumerate(nodes)]}}


async def test_jobs_page_walks_by_offset_and_stops_at_updated_since() -> None:
    def search(variables: dict[str, Any]) -> dict[str, Any]:
        after = int(variables["filter"]["pagination_eq"]["after"])
        first = variables["filter"]["pagination_eq"]["first"]
        start = NOW - timedelta(hours=after)  # one job an hour, newest first
        return search_page([search_node(after + i, (start - timedelta(hours=i)).isoformat())
                            for i in range(first)], total=10_000)

    fake = FakeUpwork(JobSearch=search)
    api = adapter(fake)
    first = await api.jobs_page(limit=200, updated_since=NOW - timedelta(hours=75))
    assert len(first.items) == 50
    assert first.next_cursor is not None
    assert fake.calls[0][1] == {"filter": {"pagination_eq": {"first": 50, "after": "0"}},
                                "sort": [{"field": "RECENCY"}]}
    second = await api.jobs_page(cursor=first.next_cursor, updated_since=NOW - timedelta(hours=75))
    assert fake.calls[1][1]["filter"]["pagination_eq"]["after"] == "50"
    assert second.next_cursor is None  # this page reached jobs older than updated_since
    assert api.limiter.sent == 2


async def test_jobs_walk_stops_at_the_result_cap() -> None:
    fake = FakeUpwork(JobSearch=lambda v: search_page(
        [search_node(i, NOW.isoformat()) for i in range(v["filter"]["pagination_eq"]["first"])]))
    api = adapter(fake)
    cursor: str | None = None
    pages = 0
    while True:
        page = await api.jobs_page(cursor=cursor)
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break
    assert pages == SEARCH_RESULT_CAP // 50
    assert api.limiter.sent == pages


async def test_jobs_filter_category_and_categories() -> None:
    nodes = [search_node(1, NOW.isoformat(), category="Design"), search_node(2, NOW.isoformat())]
    fake = FakeUpwork(JobSearch=lambda v: search_page(nodes, total=2))
    api = adapter(fake)
    page = await api.jobs_page(JobFilter(query="logo", category="design", sort=JobSort.RELEVANCE), limit=10)
    assert [j.id for j in page.items] == ["1001"]
    assert page.next_cursor is None
    assert fake.calls[0][1]["filter"]["searchExpression_eq"] == "logo"
    assert fake.calls[0][1]["sort"] == [{"field": "RELEVANCE"}]
    assert await api.categories() == ["Design", "Web Development"]


async def test_job_details() -> None:
    posting = {"id": "1001", "workFlowState": {"status": "CLOSED"},
               "content": {"title": "Job 1", "description": "Long"}, "contractTerms": None,
               "clientCompanyPublic": None}
    fake = FakeUpwork(JobPosting=lambda v: {"marketplaceJobPosting": posting if v["id"] == "1001" else None})
    api = adapter(fake)
    job = await api.job("1001")
    assert job.status == "closed"
    assert job.description == "Long"
    with pytest.raises(NotFoundError):
        await api.job("404")


def proposals_reply(variables: dict[str, Any]) -> dict[str, Any]:
    """Pending has 45 proposals, Activated 1, the rest none."""
    counts = {"Pending": 45, "Activated": 1}
    total = counts.get(variables["status"], 0)
    start = int(variables["after"] or 0)
    ids = range(start, min(total, start + variables["first"]))
    end = start + len(ids)
    return {"vendorProposals": {
        "totalCount": total, "pageInfo": {"endCursor": str(end), "hasNextPage": end < total},
        "edges": [{"node": {
            "id": f"{variables['status']}-{i}",
            "marketplaceJobPosting": {"id": "j", "content": {"title": "T"}},
            "terms": {"chargeRate": money("40")},
            "auditDetails": {"createdDateTime": {"rawValue": "1772359200000"}},
            "status": {"status": variables["status"]}}} for i in ids]}}


async def test_proposals_walk_every_status_through_the_cursor() -> None:
    fake = FakeUpwork(VendorProposals=proposals_reply)
    api = adapter(fake)
    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        page = await api.proposals_page(cursor=cursor, limit=30)
        pages += 1
        seen += [p.id for p in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 46
    assert all(v["first"] <= 40 for _, v in fake.calls)
    assert {v["status"] for _, v in fake.calls} == {"Pending", "Activated", "Offered", "Accepted", "Hired",
                                                    "Declined", "Withdrawn", "Archived"}
    assert api.limiter.sent == len(fake.calls) <= 11


async def test_proposals_of_one_status() -> None:
    fake = FakeUpwork(VendorProposals=proposals_reply)
    page = await adapter(fake).proposals_page(status=ProposalStatus.INTERVIEWING)
    assert [p.status for p in page.items] == [ProposalStatus.INTERVIEWING]
    assert page.next_cursor is None
    assert [v["status"] for _, v in fake.calls] == ["Activated"]


def room_node(n: int, latest: datetime | None) -> dict[str, Any]:
    return {"id": f"room-{n}", "roomName": f"Room {n}", "numUnread": n,
            "roomUsers": [{"user": {"id": "me", "name": "Me"}},
                          {"user": {"id": f"c{n}", "name": f"Client {n}"}}],
            "latestStory": None if latest is None else {
                "id": f"s{n}", "createdDateTime": latest.isoformat(), "message": "hi", "user": {"id": "x"}}}


ROOMS = [room_node(1, NOW - timedelta(minutes=5)), room_node(2, NOW - timedelta(days=3)), room_node(3, None)]


def rooms_reply(variables: dict[str, Any]) -> dict[str, Any]:
    start = int(variables["after"] or 0)
    chunk = ROOMS[start: start + variables["first"]]
    return {"roomList": {"totalCount": len(ROOMS), "pageInfo": {"endCursor": None, "hasNextPage": None},
                         "edges": [{"node": n} for n in chunk]}}


def stories_reply(variables: dict[str, Any]) -> dict[str, Any]:
    """room-1 has 3 stories (one a system story), served two per page."""
    stories: list[dict[str, Any]] = [
        {"id": "a", "createdDateTime": (NOW - timedelta(minutes=9)).isoformat(), "message": "one",
         "user": {"id": "c1", "name": "Client 1"}},
        {"id": "b", "createdDateTime": (NOW - timedelta(minutes=7)).isoformat(), "message": "joined",
         "user": None},
        {"id": "c", "createdDateTime": (NOW - timedelta(minutes=5)).isoformat(), "message": "hello",
         "user": {"id": "me", "name": "Me"}},
    ] if variables["roomId"] == "room-1" else []
    if variables.get("created"):
        since = datetime.fromisoformat(variables["created"]["rangeStart"])
        stories = [s for s in stories if datetime.fromisoformat(str(s["createdDateTime"])) >= since]
    start = int(variables["after"] or 0)
    chunk = stories[start: start + min(2, variables["first"])]
    end = start + len(chunk)
    return {"roomStories": {"totalCount": len(stories), "pageInfo": {"endCursor": str(end),
                                                                     "hasNextPage": end < len(stories)},
                            "edges": [{"cursor": str(i), "node": s} for i, s in enumerate(chunk)]}}


async def test_rooms_page_names_the_counterpart() -> None:
    fake = FakeUpwork(UserProfile=lambda v: ME, RoomList=rooms_reply)
    api = adapter(fake)
    await api.me()
    page = await api.rooms_page(limit=2)
    assert [r.counterpart_name for r in page.items] == ["Client 1", "Client 2"]
    assert page.next_cursor
    rest = await api.rooms_page(cursor=page.next_cursor, limit=2)
    assert [r.id for r in rest.items] == ["room-3"]
    assert rest.next_cursor is None


async def test_messages_page_reads_only_rooms_with_news() -> None:
    fake = FakeUpwork(RoomList=rooms_reply, RoomStories=stories_reply)
    api = adapter(fake)
    since = NOW - timedelta(hours=1)
    page = await api.messages_page(updated_since=since, limit=500)
    assert [m.id for m in page.items] == ["a", "c"]
    assert page.next_cursor is None
    story_calls = [v for name, v in fake.calls if name == "RoomStories"]
    assert {v["roomId"] for v in story_calls} == {"room-1"}
    assert story_calls[0]["created"] == {"rangeStart": "2026-03-10T11:00:00.000Z"}
    assert story_calls[0]["after"] is None  # Upwork rejects `after` on the first page


async def test_messages_walk_resumes_through_the_cursor() -> None:
    fake = FakeUpwork(RoomList=rooms_reply, RoomStories=stories_reply)
    api = adapter(fake)
    first = await api.messages_page(limit=1)
    assert [m.id for m in first.items] == ["a"]
    assert first.next_cursor
    ids: list[str] = []
    cursor: str | None = first.next_cursor
    while cursor:
        page = await api.messages_page(cursor=cursor, limit=1)
        ids += [m.id for m in page.items]
        cursor = page.next_cursor
    assert ids == ["c"]
    assert {v["roomId"] for name, v in fake.calls if name == "RoomStories"} == {"room-1", "room-2", "room-3"}


async def test_history_is_newest_first() -> None:
    fake = FakeUpwork(RoomStories=stories_reply)
    api = adapter(fake)
    page = await api.room_history_page("room-1", limit=50)
    assert [m.id for m in page.items] == ["a"]
    assert page.next_cursor
    older = await api.room_history_page("room-1", cursor=page.next_cursor)
    assert [m.id for m in older.items] == ["c"]
    assert older.next_cursor is None


async def test_post_and_find_sent_message() -> None:
    created = {"id": "c", "createdDateTime": (NOW - timedelta(minutes=5)).isoformat(), "message": "hello",
               "user": {"id": "me", "name": "Me"}}
    fake = FakeUpwork(UserProfile=lambda v: ME, CreateRoomStory=lambda v: {"createRoomStoryV2": created},
                      RoomStories=stories_reply)
    api = adapter(fake)
    sent = await api.post_message("room-1", "hello", "key-1")
    assert sent.id == "c"
    assert sent.client_key is None
    assert fake.calls[0] == ("CreateRoomStory", {"roomId": "room-1", "message": "hello"})
    assert "Idempotency-Key" not in fake.requests[0].headers
    after = NOW - timedelta(minutes=6)
    found = await api.find_sent_message("room-1", "hello", after, frozenset())
    assert found is not None
    assert found.id == "c"
    assert await api.find_sent_message("room-1", "hello", after, frozenset({"c"})) is None
    assert await api.find_sent_message("room-1", "one", after, frozenset()) is None  # not ours
    assert await api.find_sent_message("room-1", "hello", NOW + timedelta(minutes=5), frozenset()) is None


async def test_mark_read_returns_the_room_unchanged() -> None:
    fake = FakeUpwork(RoomDetails=lambda v: {"room": room_node(1, NOW)})
    room = await adapter(fake).mark_read("room-1", "s1")
    assert room.id == "room-1"
    assert room.unread_count == 1
    assert fake.names() == ["RoomDetails"]


TX_ROWS = [
    {"recordId": "1", "type": "Hourly", "transactionAmount": money("400.00"), "paymentStatus": "Paid",
     "transactionCreationDate": "2026-03-01"},
    {"recordId": "2", "type": "Service Fee", "transactionAmount": money("-60.00"),
     "relatedTransactionId": "1",
     "transactionCreationDate": "2026-03-01"},
    {"recordId": "3", "type": "Fixed Price", "transactionAmount": money("100.00"), "paymentStatus": "Pending",
     "transactionReviewDueDate": "2026-03-13", "transactionCreationDate": "2026-03-08"},
]


async def test_transactions_summary_and_the_fee_rate() -> None:
    fake = FakeUpwork(
        AccountingEntity=lambda v: {"accountingEntity": {"id": "ace-7"}},
        TransactionHistory=lambda v: {"transactionHistory": {"transactionDetail": {
            "transactionHistoryRow": TX_ROWS}}},
        JobSearch=lambda v: search_page([search_node(1, NOW.isoformat())], total=1),
    )
    api = adapter(fake)
    page = await api.transactions_page()
    assert [t.id for t in page.items] == ["3", "1"]
    assert page.next_cursor is None
    assert page.items[0].status is TransactionStatus.PENDING
    history = next(v for name, v in fake.calls if name == "TransactionHistory")
    assert history == {"aceIds": ["ace-7"], "range": {"rangeStart": "2025-03-10", "rangeEnd": "2026-03-11"}}
    summary = await api.earnings_summary()
    assert summary.pending == Money(Decimal("100.00"))
    assert summary.available == Money(Decimal("340.00"))
    assert fake.names() == ["AccountingEntity", "TransactionHistory"]  # the fresh ledger was reused
    assert api.fee_rate == Decimal("0.1500")
    jobs = await api.jobs_page()
    assert jobs.items[0].fee_rate == Decimal("0.1500")
    await api.transactions_page()
    assert fake.names().count("AccountingEntity") == 1  # cached


async def test_what_upwork_does_not_offer() -> None:
    fake = FakeUpwork()
    api = adapter(fake)
    for page in (await api.invitations_page(), await api.saved_searches_page()):
        assert page.items == []
        assert page.next_cursor is None
    draft = ProposalDraft("j", "x" * 60, Money(Decimal("10")), "1 week", Decimal("0.1"))
    calls = [api.create_proposal(draft, "k"), api.withdraw_proposal("p"), api.decline_invitation("i"),
             api.create_saved_search("n", JobFilter(), "k"), api.delete_saved_search("s")]
    for call in calls:
        with pytest.raises(RequestRejected) as caught:
            await call
        assert caught.value.status == 405
        assert "Upwork's API does not allow" in caught.value.message
    with pytest.raises(RequestRejected):
        api.events()
    assert fake.calls == []
