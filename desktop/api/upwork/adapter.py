"""``UpworkMarketplace``: Atelier's marketplace port (``desktop.api.port.Marketplace``) over Upwork's
official GraphQL API (https://www.upwork.com/developer/documentation/graphql/api/docs/index.html).

What Upwork's API does not offer is declared in ``UPWORK_CAPABILITIES`` (``desktop/api/capabilities.py``)
so services never ask for it: no push (nothing for freelancers in the documented operations), no proposal
submit or withdraw mutation, no invitations, no Connects, no idempotency keys, no saved searches, and cached
data may be at most 24 h old ("Caching API responses for more than 24 hours is not allowed under Upwork's
Terms of Service", Upwork support article 115015933428). The methods for those raise ``RequestRejected``
(405).

How each resource is read (budget: 4 requests/s, see ``ratelimit.py``):

- jobs: ``marketplaceJobPostingsSearch``, newest first, ``first`` <= 50 and an offset ``after``; a walk
  stops at the first job older than ``updated_since`` (with RECENCY order) and after
  ``SEARCH_RESULT_CAP`` results (the job feed is every open job on Upwork: a full walk is never wanted).
- proposals: one ``vendorProposals`` walk per Upwork status (the filter takes exactly one), ``first``
  <= 40 (larger pages fail with VJCA-6, third-party notes); ``updated_since`` is ignored: the list is read
  whole each time (it is small, and status changes do not show in any filterable field).
- rooms: ``roomList`` (DESC, ``first`` <= 100), the whole list each time (unread counts change without
  a new story, so ``updated_since`` cannot narrow it safely).
- messages: the rooms whose latest story is newer than ``updated_since`` (all rooms when None), each
  read with ``roomStories`` limited by ``storyCreatedDateTime_bt``; at most ``ROOM_BACKFILL_CAP`` stories
  per room per walk (older history comes from ``room_history_page``).
- transactions: ``accountingEntity { id }`` once, then ``transactionHistory`` for the last 365 days in
  one reply; the earnings summary and the account fee rate are derived from it (``ledger.py``).
- ``mark_read``: the schema subset has no read mutation, so the room is fetched and returned as it is.
- ``find_sent_message``: reads the room's stories created after ``sent_after`` (less ``SEND_SKEW``, for
  clock differences) and returns the newest of ours with exactly that body and an unknown id.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import httpx

from desktop.api.auth import TokenSource
from desktop.api.capabilities import UPWORK_CAPABILITIES
from desktop.api.events import StateCallback
from desktop.api.port import LiveEvents, Page, Progress
from desktop.api.retry import RetryPolicy
from desktop.api.upwork import convert, cursors, documents, ledger
from desktop.api.upwork.endpoints import UpworkEndpoints
from desktop.api.upwork.filters import MAX_SEARCH_PAGE, matches_category, search_filter, sort_attributes
from desktop.api.upwork.graphql import GraphQLTransport
from desktop.api.upwork.ratelimit import DEFAULT_BURST, RateLimiter
from desktop.api.upwork.values import integer, iso, items, money, obj, text, when
from desktop.core.clock import utcnow
from desktop.core.errors import BadReplyError, NotFoundError, RequestRejected
from desktop.core.models import (
    Attachment,
    Contract,
    EarningsSummary,
    Freelancer,
    Invitation,
    Job,
    JobFilter,
    JobSort,
    Message,
    Proposal,
    ProposalDraft,
    ProposalStatus,
    Room,
    SavedSearch,
    Transaction,
)
from desktop.core.money import Money
from desktop.core.notices import Code, Notice

log = logging.getLogger("atelier.api.upwork")

SEARCH_RESULT_CAP = 500
"""The most search results one feed walk reads (10 requests of 50)."""
PROPOSAL_PAGE = 40
ROOM_PAGE = 100
STORY_PAGE = 100
ROOM_BACKFILL_CAP = 500
MAX_ROOMS = 2000
HISTORY_DAYS = 365
LEDGER_FRESH = timedelta(minutes=2)
SEND_SKEW = timedelta(seconds=60)
FIND_SENT_PAGES = 3
SEEN_JOBS = 5000
UNSUPPORTED = "upwork:unsupported"


class UpworkMarketplace:
    def __init__(
        self,
        endpoints: UpworkEndpoints,
        tokens: TokenSource,
        *,
        tenant_id: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        rate: float = 4.0,
        clock: Callable[[], datetime] = utcnow,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.capabilities = UPWORK_CAPABILITIES
        self.account_id: str | None = None
        self.endpoints = endpoints
        self.limiter = RateLimiter(rate, DEFAULT_BURST)
        self._gql = GraphQLTransport(
            endpoints.graphql, tokens, tenant_id=tenant_id, transport=transport,
            limiter=self.limiter, retry=retry,
        )
        self._clock = clock
        self._fee_rate: Decimal | None = None
        self._lifetime: Money | None = None
        self._ace_id: str | None = None
        self._ledger: list[Transaction] | None = None
        self._ledger_at: datetime | None = None
        self._seen_jobs: OrderedDict[str, Job] = OrderedDict()
        self._categories: set[str] = set()

    async def __aenter__(self) -> UpworkMarketplace:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._gql.aclose()

    @property
    def fee_rate(self) -> Decimal:
        """The account's service-fee rate as last derived from its earnings (10 % until known)."""
        return self._fee_rate if self._fee_rate is not None else ledger.DEFAULT_FEE_RATE

    async def _run(self, name: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        return await self._gql.execute(documents.load(name), variables)

    # ---- profile ---------------------------------------------------------------------------------

    async def me(self) -> Freelancer:
        user = obj((await self._run("UserProfile")).get("user"))
        if not text(user.get("id")):
            raise BadReplyError(Notice(Code.UPWORK_NO_ME))
        profile = obj(user.get("freelancerProfile"))
        self._lifetime = money(obj(profile.get("aggregates")).get("totalEarnings")) or self._lifetime
        me = convert.freelancer(user, self.fee_rate)
        self.account_id = me.id
        return me

    # ---- jobs ------------------------------------------------------------------------------------

    async def jobs_page(self, f: JobFilter | None = None, *, updated_since: datetime | None = None,
                        cursor: str | None = None, limit: int = 200) -> Page[Job]:
        state = cursors.decode("jobs", cursor) or {"o": 0}
        offset = integer(state.get("o"))
        if offset >= SEARCH_RESULT_CAP:
            return Page([], None)
        first = max(1, min(limit, MAX_SEARCH_PAGE, SEARCH_RESULT_CAP - offset))
        variables = {"filter": search_filter(f, first=first, after=str(offset)), "sort": sort_attributes(f)}
        conn = obj((await self._run("JobSearch", variables)).get("marketplaceJobPostingsSearch"))
        edges = items(conn.get("edges"))
        newest_first = f is None or f.sort is not JobSort.RELEVANCE
        reached_known = False
        jobs: list[Job] = []
        for edge in edges:
            job = convert.job_from_search(obj(edge.get("node")), self.fee_rate)
            if job is None:
                continue
            self._remember(job)
            if newest_first and updated_since is not None and job.updated_at < updated_since:
                reached_known = True
            if matches_category(job, f):
                jobs.append(job)
        next_offset = offset + len(edges)
        more = (
            bool(edges)
            and not reached_known
            and obj(conn.get("pageInfo")).get("hasNextPage") is not False
            and not (isinstance(conn.get("totalCount"), int) and next_offset >= conn["totalCount"])
            and next_offset < SEARCH_RESULT_CAP
        )
        return Page(jobs, cursors.encode("jobs", {"o": next_offset}) if more else None)

    async def job(self, job_id: str) -> Job:
        posting = (await self._run("JobPosting", {"id": job_id})).get("marketplaceJobPosting")
        if not isinstance(posting, dict):
            raise NotFoundError(Notice(Code.UPWORK_NO_JOB), 404)
        job = convert.job_from_posting(posting, self.fee_rate, self._seen_jobs.get(job_id), self._clock())
        self._remember(job)
        return job

    async def categories(self) -> list[str]:
        """The categories of the jobs seen so far (Upwork's category list is by numeric id only)."""
        return sorted(self._categories, key=str.casefold)

    def _remember(self, job: Job) -> None:
        self._seen_jobs[job.id] = job
        self._seen_jobs.move_to_end(job.id)
        while len(self._seen_jobs) > SEEN_JOBS:
            self._seen_jobs.popitem(last=False)
        if job.category:
            self._categories.add(job.category)

    # ---- proposals -------------------------------------------------------------------------------

    async def proposals_page(self, *, status: ProposalStatus | None = None,
                             updated_since: datetime | None = None, cursor: str | None = None,
                             limit: int = 200) -> Page[Proposal]:
        statuses = convert.upwork_statuses_for(status)
        state = cursors.decode("proposals", cursor) or {"s": 0, "a": None}
        index, after = integer(state.get("s")), state.get("a")
        found: list[Proposal] = []
        while index < len(statuses) and len(found) < limit:
            name = statuses[index]
            first = max(1, min(PROPOSAL_PAGE, limit - len(found)))
            variables = {"status": name, "first": first, "after": after or "0"}
            conn = obj((await self._run("VendorProposals", variables)).get("vendorProposals"))
            edges = items(conn.get("edges"))
            for edge in edges:
                item = convert.proposal(obj(edge.get("node")), self.fee_rate, name)
                if item is not None:
                    found.append(item)
            after = _next_after(conn, after, len(edges))
            if after is None:
                index += 1
        more = index < len(statuses)
        return Page(found, cursors.encode("proposals", {"s": index, "a": after}) if more else None)

    # ---- rooms and messages ----------------------------------------------------------------------

    async def rooms_page(self, *, updated_since: datetime | None = None, cursor: str | None = None,
                         limit: int = 200) -> Page[Room]:
        state = cursors.decode("rooms", cursor) or {"a": None}
        nodes, after = await self._room_nodes(state.get("a"), limit)
        rooms = [r for node in nodes if (r := convert.room(node, self.account_id)) is not None]
        return Page(rooms, cursors.encode("rooms", {"a": after}) if after is not None else None)

    async def _room_nodes(self, after: str | None, limit: int) -> tuple[list[dict[str, Any]], str | None]:
        """Up to ``limit`` rooms from ``after`` on, and where to go on (None: the list is done)."""
        nodes: list[dict[str, Any]] = []
        while len(nodes) < limit:
            first = max(1, min(ROOM_PAGE, limit - len(nodes)))
            conn = obj((await self._run("RoomList", {"first": first, "after": after or "0"})).get("roomList"))
            edges = items(conn.get("edges"))
            nodes.extend(node for edge in edges if (node := obj(edge.get("node"))))
            after = _next_after(conn, after, len(edges))
            if after is None:
                break
        return nodes, after

    async def messages_page(self, *, updated_since: datetime | None = None, cursor: str | None = None,
                            limit: int = 500) -> Page[Message]:
        state = cursors.decode("messages", cursor)
        if state is None:
            state = {"r": await self._rooms_with_news(updated_since), "a": None, "n": 0}
        queue: list[str] = [r for r in state.get("r") or [] if isinstance(r, str)]
        after: str | None = state.get("a")
        seen = integer(state.get("n"))
        created = {"rangeStart": iso(updated_since)} if updated_since is not None else None
        found: list[Message] = []
        while queue and len(found) < limit:
            room_id = queue[0]
            first = max(1, min(STORY_PAGE, limit - len(found), ROOM_BACKFILL_CAP - seen))
            variables = {"roomId": room_id, "first": first, "after": after, "created": created}
            conn = obj((await self._run("RoomStories", variables)).get("roomStories"))
            edges = items(conn.get("edges"))
            for edge in edges:
                item = convert.message(obj(edge.get("node")), room_id)
                if item is not None and (updated_since is None or item.created_at >= updated_since):
                    found.append(item)
            seen += len(edges)
            after = _next_after(conn, after, len(edges))
            if after is None or seen >= ROOM_BACKFILL_CAP:
                queue.pop(0)
                after, seen = None, 0
        next_cursor = cursors.encode("messages", {"r": queue, "a": after, "n": seen}) if queue else None
        return Page(found, next_cursor)

    async def _rooms_with_news(self, since: datetime | None) -> list[str]:
        """Ids of the rooms whose latest story is at or after ``since`` (every room when None)."""
        nodes, _ = await self._room_nodes(None, MAX_ROOMS)
        wanted: list[str] = []
        for node in nodes:
            item = convert.room(node, self.account_id)
            if item is None:
                continue
            if since is None or (item.last_message_at is not None and item.last_message_at >= since):
                wanted.append(item.id)
        return wanted

    async def room_history_page(self, room_id: str, *, cursor: str | None = None,
                                limit: int = 100) -> Page[Message]:
        """A page of the room's messages, newest first; the cursor walks back in history."""
        state = cursors.decode("history", cursor) or {"a": None}
        after = state.get("a")
        first = max(1, min(STORY_PAGE, limit))
        variables = {"roomId": room_id, "first": first, "after": after, "created": None}
        conn = obj((await self._run("RoomStories", variables)).get("roomStories"))
        edges = items(conn.get("edges"))
        found = [m for edge in edges if (m := convert.message(obj(edge.get("node")), room_id)) is not None]
        found.sort(key=lambda m: (m.created_at, m.id), reverse=True)
        nxt = _next_after(conn, after, len(edges))
        return Page(found, cursors.encode("history", {"a": nxt}) if nxt is not None else None)

    async def post_message(self, room_id: str, body: str, idempotency_key: str,
                           attachment_ids: Sequence[str] = ()) -> Message:
        """Send with ``createRoomStoryV2`` (Upwork takes no idempotency key; the key is not sent)."""
        if attachment_ids:
            _unsupported(_NO_FILES)
        data = await self._run("CreateRoomStory", {"roomId": room_id, "message": body})
        story = obj(data.get("createRoomStoryV2"))
        sent = convert.message(story, room_id)
        if sent is not None:
            return sent
        if not text(story.get("id")):
            raise BadReplyError(Notice(Code.UPWORK_MESSAGE_NOT_RETURNED))
        # The reply left out its author or text: it is ours, with the body we sent.
        created = when(story.get("createdDateTime")) or self._clock()
        return Message(id=text(story.get("id")), room_id=room_id, sender_id=self.account_id or "",
                       sender_name="", body=body, created_at=created)

    async def find_sent_message(self, room_id: str, body: str, sent_after: datetime,
                                known_ids: frozenset[str]) -> Message | None:
        if self.account_id is None:
            await self.me()
        since = sent_after - SEND_SKEW
        created = {"rangeStart": iso(since)}
        stories: list[Message] = []
        after: str | None = None
        for _ in range(FIND_SENT_PAGES):  # the range keeps this to the few stories since the send
            variables = {"roomId": room_id, "first": STORY_PAGE, "after": after, "created": created}
            conn = obj((await self._run("RoomStories", variables)).get("roomStories"))
            edges = items(conn.get("edges"))
            converted = (convert.message(obj(edge.get("node")), room_id) for edge in edges)
            stories += [m for m in converted if m is not None]
            after = _next_after(conn, after, len(edges))
            if after is None:
                break
        stories.sort(key=lambda m: (m.created_at, m.id), reverse=True)
        for item in stories:
            if (item.created_at >= since and item.sender_id == self.account_id and item.body == body
                    and item.id not in known_ids):
                return item
        return None

    async def mark_read(self, room_id: str, last_read_message_id: str) -> Room:
        """Upwork's schema (subset) has no read mutation: the room comes back as Upwork has it."""
        node = (await self._run("RoomDetails", {"id": room_id})).get("room")
        item = convert.room(obj(node), self.account_id)
        if item is None:
            raise NotFoundError(Notice(Code.UPWORK_NO_ROOM), 404)
        return item

    # ---- money -----------------------------------------------------------------------------------

    async def transactions_page(self, *, updated_since: datetime | None = None, cursor: str | None = None,
                                limit: int = 500) -> Page[Transaction]:
        """The last 365 days in one page (``transactionHistory`` does not page; ``limit`` is not used)."""
        if cursor:
            return Page([], None)
        ace_id = await self._accounting_entity()
        now = self._clock()
        today = now.date()
        date_range = {
            "rangeStart": (today - timedelta(days=HISTORY_DAYS)).isoformat(),
            "rangeEnd": (today + timedelta(days=1)).isoformat(),  # whatever timezone Upwork's "today" is in
        }
        data = await self._run("TransactionHistory", {"aceIds": [ace_id], "range": date_range})
        detail = obj(obj(data.get("transactionHistory")).get("transactionDetail"))
        found = ledger.transactions(items(detail.get("transactionHistoryRow")), now)
        self._ledger, self._ledger_at = found, now
        rate = ledger.fee_rate(found)
        if rate is not None:
            self._fee_rate = rate
        return Page(list(found), None)

    async def _accounting_entity(self) -> str:
        if self._ace_id is None:
            ace_id = text(obj((await self._run("AccountingEntity")).get("accountingEntity")).get("id"))
            if not ace_id:
                raise BadReplyError(Notice(Code.UPWORK_NO_ENTITY))
            self._ace_id = ace_id
        return self._ace_id

    async def earnings_summary(self) -> EarningsSummary:
        now = self._clock()
        if self._ledger is None or self._ledger_at is None or now - self._ledger_at > LEDGER_FRESH:
            await self.transactions_page()
        assert self._ledger is not None
        return ledger.summary(self._ledger, now, self._lifetime)

    # ---- what Upwork's API does not offer --------------------------------------------------------

    async def invitations_page(self, *, updated_since: datetime | None = None, cursor: str | None = None,
                               limit: int = 200) -> Page[Invitation]:
        return Page([], None)

    async def saved_searches_page(self, *, updated_since: datetime | None = None,
                                  cursor: str | None = None, limit: int = 200) -> Page[SavedSearch]:
        return Page([], None)

    async def contracts_page(self, *, updated_since: datetime | None = None, cursor: str | None = None,
                             limit: int = 200) -> Page[Contract]:
        return Page([], None)

    async def contract(self, contract_id: str) -> Contract:
        _unsupported("listing contracts from Atelier; see them on upwork.com")

    async def decline_invitation(self, invitation_id: str) -> Invitation:
        _unsupported("declining invitations")

    async def create_proposal(self, draft: ProposalDraft, idempotency_key: str) -> Proposal:
        _unsupported("sending proposals; send it on upwork.com")

    async def withdraw_proposal(self, proposal_id: str) -> Proposal:
        _unsupported("withdrawing proposals; withdraw it on upwork.com")

    async def create_saved_search(self, name: str, job_filter: JobFilter,
                                  idempotency_key: str) -> SavedSearch:
        _unsupported("saving searches")

    async def delete_saved_search(self, search_id: str) -> SavedSearch:
        _unsupported("saving searches")

    async def upload_attachment(self, room_id: str, source: Path, name: str, content_type: str,
                                idempotency_key: str, *, progress: Progress | None = None) -> Attachment:
        _unsupported(_NO_FILES)

    async def download_attachment(self, attachment_id: str, target: Path, *,
                                  progress: Progress | None = None) -> int:
        _unsupported(_NO_FILES)

    def events(self, last_event_id: str | None = None, *,
               on_state: StateCallback | None = None) -> LiveEvents:
        raise RequestRejected(Notice(Code.UPWORK_NO_STREAM), 405,
                              UNSUPPORTED)


if TYPE_CHECKING:  # mypy proves the adapter implements the whole port
    from desktop.api.port import Marketplace

    def _implements_the_port(adapter: UpworkMarketplace) -> Marketplace:
        return adapter


_NO_FILES = "sending files from Atelier; attach them on upwork.com"
"""Upwork's public GraphQL API has no upload for a room story (send_attachments is False)."""


def _unsupported(what: str) -> NoReturn:
    raise RequestRejected(Notice(Code.UPWORK_UNSUPPORTED, (what,)), 405, UNSUPPORTED)


def _next_after(conn: dict[str, Any], after: str | None, count: int) -> str | None:
    """The ``after`` for the next page of a connection, or None when this page was the last."""
    if count == 0:
        return None
    info = obj(conn.get("pageInfo"))
    has_next = info.get("hasNextPage")
    if has_next is False:
        return None
    offset = integer(after) + count
    total = conn.get("totalCount")
    if isinstance(total, int) and not isinstance(total, bool) and offset >= total:
        return None
    end = text(info.get("endCursor"))
    if end and end != (after or ""):
        return end
    if has_next is True or isinstance(total, int):
        return str(offset)
    return None
