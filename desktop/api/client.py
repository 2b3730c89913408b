"""The reference marketplace adapter: one ``httpx.AsyncClient``, bearer auth, retries, typed replies.

It implements ``desktop.api.port.Marketplace`` for Atelier's own API (resources/openapi.json).

Every method returns core domain types and raises only ``desktop.core.errors`` types:
OfflineError (cannot connect / timed out), AuthError (401 after a refresh attempt, 403),
RateLimitedError and ServerError (429 / 5xx once retries are spent), NotFoundError (404),
RequestRejected (other 4xx, with the server's problem ``detail``), BadReplyError (not JSON / wrong shape).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

import httpx

from desktop.api.auth import DEFAULT_TIMEOUT, USER_AGENT, TokenSet, TokenSource, refresh_grant
from desktop.api.capabilities import REFERENCE_CAPABILITIES
from desktop.api.events import EventStream, StateCallback
from desktop.api.lazy import LazyModule
from desktop.api.port import Page, Progress
from desktop.api.reachability import Reachability
from desktop.api.retry import RetryPolicy, parse_retry_after
from desktop.api.tls import shared_ssl_context
from desktop.core.clock import format_ts
from desktop.core.errors import (
    AtelierError,
    AuthError,
    BadReplyError,
    NotFoundError,
    OfflineError,
    RateLimitedError,
    RequestRejected,
    ServerError,
)
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
from desktop.core.notices import Code, Notice

if TYPE_CHECKING:
    from desktop.api import schemas
else:
    schemas = LazyModule("desktop.api.schemas")  # pydantic: imported at the first reply, not at start-up

log = logging.getLogger("atelier.api")

__all__ = [
    "REFERENCE_CAPABILITIES",
    "MarketplaceClient",
    "Page",
    "StaticTokens",
    "TokenSource",
    "job_filter_params",
    "page_params",
]

T = TypeVar("T")

DEFAULT_LIMITS = httpx.Limits(max_connections=10, max_keepalive_connections=10, keepalive_expiry=30.0)


# Replies larger than this are decoded on a worker thread (a page of 500 jobs is about 700 kB).
OFFLOAD_DECODE_BYTES = 64 * 1024


UPLOAD_CHUNK = 64 * 1024
"""Bytes read from the file and handed to the connection at a time (one progress report each)."""


class StaticTokens:
    """A ``TokenSource`` over one ``TokenSet``, refreshed with the refresh-token grant when possible.

    ``on_refresh`` hears about every new token pair so the caller can store it (in the keychain).
    Concurrent 401s trigger a single refresh: whoever comes second sees the token already changed.
    """

    REFRESH_MARGIN_SECONDS = 30.0

    def __init__(
        self,
        tokens: TokenSet,
        *,
        base_url: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        on_refresh: Callable[[TokenSet], Awaitable[None] | None] | None = None,
    ) -> None:
        self._tokens = tokens
        self._base_url = base_url
        self._transport = transport
        self._on_refresh = on_refresh
        self._lock = asyncio.Lock()

    @property
    def tokens(self) -> TokenSet:
        return self._tokens

    def __repr__(self) -> str:
        return f"StaticTokens({self._tokens!r})"

    async def access_token(self) -> str | None:
        if self._can_refresh and self._tokens.expires_within(self.REFRESH_MARGIN_SECONDS):
            # Refresh ahead of expiry; if that fails, send the old token and let a 401 decide.
            async with self._lock:
                if self._tokens.expires_within(self.REFRESH_MARGIN_SECONDS):
                    try:
                        await self._refresh()
                    except AtelierError as exc:
                        log.info("proactive token refresh failed: %s", type(exc).__name__)
        return self._tokens.access_token

    async def refresh_after_unauthorized(self, rejected_token: str | None) -> bool:
        async with self._lock:
            if rejected_token != self._tokens.access_token:
                return True  # someone refreshed while our request was in flight
            if not self._can_refresh:
                return False
            try:
                await self._refresh()
            except AuthError:
                return False
            return True

    @property
    def _can_refresh(self) -> bool:
        return self._base_url is not None and bool(self._tokens.refresh_token)

    async def _refresh(self) -> None:
        assert self._base_url is not None
        assert self._tokens.refresh_token
        fresh = await refresh_grant(self._base_url, self._tokens.refresh_token, transport=self._transport)
        if fresh.refresh_token is None:  # the server may keep the old refresh token valid
            fresh = TokenSet(
                fresh.access_token, self._tokens.refresh_token, fresh.expires_at, fresh.token_type
            )
        self._tokens = fresh
        if self._on_refresh is not None:
            result = self._on_refresh(fresh)
            if result is not None:
                await result


def job_filter_params(job_filter: JobFilter | None) -> dict[str, str]:
    """Query parameters for ``GET /v1/jobs``; fields that do not filter are left out."""
    if job_filter is None:
        return {}
    f = job_filter
    params: dict[str, str] = {}
    if f.query.strip():
        params["q"] = f.query.strip()
    if f.job_type is not None:
        params["job_type"] = f.job_type.value
    if f.min_budget is not None:
        params["min_budget"] = str(f.min_budget)
    if f.max_budget is not None:
        params["max_budget"] = str(f.max_budget)
    if f.experience_level is not None:
        params["experience_level"] = f.experience_level.value
    if f.category:
        params["category"] = f.category
    if f.payment_verified_only:
        params["payment_verified"] = "true"
    if f.max_proposals is not None:
        params["max_proposals"] = str(f.max_proposals)
    if f.posted_within_hours is not None:
        params["posted_within_hours"] = str(f.posted_within_hours)
    # Best match is this computer's score (core/match.py): the marketplace lists those jobs newest first.
    params["sort"] = (JobSort.NEWEST if f.sort is JobSort.BEST_MATCH else f.sort).value
    return params


def page_params(*, limit: int, cursor: str | None, updated_since: datetime | None) -> dict[str, str]:
    params = {"limit": str(limit)}
    if cursor:
        params["cursor"] = cursor
    if updated_since is not None:
        params["updated_since"] = format_ts(updated_since)
    return params


def _segment(value: str) -> str:
    """An id as one path segment, whatever characters it holds."""
    return quote(value, safe="")


class MarketplaceClient:
    def __init__(
        self,
        base_url: str,
        tokens: TokenSource,
        *,
        timeout: httpx.Timeout | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        limits: httpx.Limits | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.capabilities = REFERENCE_CAPABILITIES
        self.reachability = Reachability("the marketplace")
        self.account_id: str | None = None  # set by me(); rooms need it to name the other side
        self._tokens = tokens
        self._retry = retry or RetryPolicy()
        self._timeout = timeout or DEFAULT_TIMEOUT
        self._limits = limits or DEFAULT_LIMITS
        self._transport = transport
        self._connection: httpx.AsyncClient | None = None

    @property
    def _http(self) -> httpx.AsyncClient:
        """The connection pool, made at the first request: its TLS context (the CA bundle, ~20 ms) is not
        the first frame's business."""
        if self._connection is None:
            self._connection = httpx.AsyncClient(
                base_url=self.base_url,
                verify=shared_ssl_context(),
                timeout=self._timeout,
                limits=self._limits,
                transport=self._transport,
                headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
                follow_redirects=False,
            )
        return self._connection

    async def __aenter__(self) -> MarketplaceClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._connection is not None:
            await self._connection.aclose()

    # ---- endpoints -------------------------------------------------------------------------------

    async def me(self) -> Freelancer:
        me = schemas.parse_me(await self._request("GET", "/v1/me"))
        self.account_id = me.id
        return me

    async def jobs_page(
        self,
        f: JobFilter | None = None,
        *,
        updated_since: datetime | None = None,
        cursor: str | None = None,
        limit: int = 200,
    ) -> Page[Job]:
        params = job_filter_params(f) | page_params(limit=limit, cursor=cursor, updated_since=updated_since)
        return await self._list("/v1/jobs", params, schemas.parse_job)

    async def job(self, job_id: str) -> Job:
        return schemas.parse_job(await self._request("GET", f"/v1/jobs/{_segment(job_id)}"))

    async def categories(self) -> list[str]:
        return schemas.parse_categories(await self._request("GET", "/v1/categories"))

    async def proposals_page(
        self,
        *,
        status: ProposalStatus | None = None,
        updated_since: datetime | None = None,
        cursor: str | None = None,
        limit: int = 200,
    ) -> Page[Proposal]:
        params = page_params(limit=limit, cursor=cursor, updated_since=updated_since)
        if status is not None:
            params["status"] = status.value
        return await self._list("/v1/proposals", params, schemas.parse_proposal)

    async def invitations_page(
        self, *, updated_since: datetime | None = None, cursor: str | None = None, limit: int = 200
    ) -> Page[Invitation]:
        params = page_params(limit=limit, cursor=cursor, updated_since=updated_since)
        return await self._list("/v1/invitations", params, schemas.parse_invitation)

    async def decline_invitation(self, invitation_id: str) -> Invitation:
        data = await self._request("POST", f"/v1/invitations/{_segment(invitation_id)}/decline")
        return schemas.parse_invitation(data)

    async def rooms_page(
        self, *, updated_since: datetime | None = None, cursor: str | None = None, limit: int = 200
    ) -> Page[Room]:
        params = page_params(limit=limit, cursor=cursor, updated_since=updated_since)
        account_id = self.account_id
        return await self._list("/v1/rooms", params, lambda item: schemas.parse_room(item, account_id))

    async def messages_page(
        self, *, updated_since: datetime | None = None, cursor: str | None = None, limit: int = 500
    ) -> Page[Message]:
        params = page_params(limit=limit, cursor=cursor, updated_since=updated_since)
        return await self._list("/v1/messages", params, schemas.parse_message)

    async def room_history_page(
        self, room_id: str, *, cursor: str | None = None, limit: int = 100
    ) -> Page[Message]:
        """One page of a room's messages, newest first; the cursor walks back in history."""
        params = page_params(limit=limit, cursor=cursor, updated_since=None)
        return await self._list(f"/v1/rooms/{_segment(room_id)}/messages", params, schemas.parse_message)

    async def transactions_page(
        self, *, updated_since: datetime | None = None, cursor: str | None = None, limit: int = 500
    ) -> Page[Transaction]:
        params = page_params(limit=limit, cursor=cursor, updated_since=updated_since)
        return await self._list("/v1/earnings/transactions", params, schemas.parse_transaction)

    async def contracts_page(
        self, *, updated_since: datetime | None = None, cursor: str | None = None, limit: int = 200
    ) -> Page[Contract]:
        params = page_params(limit=limit, cursor=cursor, updated_since=updated_since)
        return await self._list("/v1/contracts", params, schemas.parse_contract)

    async def contract(self, contract_id: str) -> Contract:
        return schemas.parse_contract(await self._request("GET", f"/v1/contracts/{_segment(contract_id)}"))

    async def saved_searches_page(
        self, *, updated_since: datetime | None = None, cursor: str | None = None, limit: int = 200
    ) -> Page[SavedSearch]:
        """The user's saved searches; with ``updated_since``, deleted ones come back as tombstones."""
        params = page_params(limit=limit, cursor=cursor, updated_since=updated_since)
        return await self._list("/v1/saved-searches", params, schemas.parse_saved_search)

    async def create_saved_search(
        self, name: str, job_filter: JobFilter, idempotency_key: str
    ) -> SavedSearch:
        body = {"name": name, "query": schemas.saved_search_query(job_filter)}
        data = await self._request("POST", "/v1/saved-searches", json_body=body,
                                   idempotency_key=idempotency_key)
        return schemas.parse_saved_search(data)

    async def delete_saved_search(self, search_id: str) -> SavedSearch:
        data = await self._request("DELETE", f"/v1/saved-searches/{_segment(search_id)}")
        return schemas.parse_saved_search(data)

    async def earnings_summary(self) -> EarningsSummary:
        return schemas.parse_earnings_summary(await self._request("GET", "/v1/earnings/summary"))

    async def create_proposal(self, draft: ProposalDraft, idempotency_key: str) -> Proposal:
        body: dict[str, object] = {
            "job_id": draft.job_id,
            "cover_letter": draft.cover_letter,
            "bid": draft.bid.to_wire(),
            "duration": draft.duration,
        }
        if draft.milestones:
            body["milestones"] = [{"description": m.description, "amount": m.amount.to_wire(),
                                   "due_date": m.due.isoformat()} for m in draft.milestones]
        if draft.answers:
            body["answers"] = [{"question_id": a.question_id, "answer": a.answer} for a in draft.answers]
        data = await self._request("POST", "/v1/proposals", json_body=body, idempotency_key=idempotency_key)
        return schemas.parse_proposal(data)

    async def withdraw_proposal(self, proposal_id: str) -> Proposal:
        data = await self._request("POST", f"/v1/proposals/{_segment(proposal_id)}/withdraw")
        return schemas.parse_proposal(data)

    async def post_message(self, room_id: str, body: str, idempotency_key: str,
                           attachment_ids: Sequence[str] = ()) -> Message:
        payload: dict[str, Any] = {"body": body}
        if attachment_ids:
            payload["attachment_ids"] = list(attachment_ids)
        data = await self._request(
            "POST",
            f"/v1/rooms/{_segment(room_id)}/messages",
            json_body=payload,
            idempotency_key=idempotency_key,
        )
        return schemas.parse_message(data)

    async def upload_attachment(self, room_id: str, source: Path, name: str, content_type: str,
                                idempotency_key: str, *, progress: Progress | None = None) -> Attachment:
        """Stream the file up in chunks (never whole in memory), reporting each one; a retry starts the
        file over with the same key, so the marketplace keeps it once."""
        try:
            total = (await asyncio.to_thread(source.stat)).st_size
        except OSError as exc:
            raise RequestRejected(Notice(Code.ATTACHMENT_MISSING, (name,)), 0) from exc

        def body() -> AsyncIterator[bytes]:
            return _file_chunks(source, total, progress)

        response = await self._send(
            "POST", f"/v1/rooms/{_segment(room_id)}/attachments", params={"name": name},
            content=body, idempotency_key=idempotency_key,
            headers={"Content-Type": content_type, "Content-Length": str(total)},
        )
        return schemas.parse_attachment(_decode_json(response))

    async def download_attachment(self, attachment_id: str, target: Path, *,
                                  progress: Progress | None = None) -> int:
        """Stream the file into ``target`` as it comes (an interrupted download is started over)."""
        written = 0

        async def save(response: httpx.Response) -> None:
            nonlocal written
            total = int(response.headers.get("Content-Length") or 0)
            written = 0
            out = await asyncio.to_thread(target.open, "wb")
            try:
                async for chunk in response.aiter_bytes(UPLOAD_CHUNK):
                    await asyncio.to_thread(out.write, chunk)
                    written += len(chunk)
                    if progress is not None:
                        progress(written, max(total, written))
            finally:
                await asyncio.to_thread(out.close)

        await self._send("GET", f"/v1/attachments/{_segment(attachment_id)}", sink=save,
                         headers={"Accept": "*/*"})
        return written

    async def find_sent_message(self, room_id: str, body: str, sent_after: datetime,
                                known_ids: frozenset[str]) -> Message | None:
        """Our newest message in the room with this body, not yet known locally (newest page only)."""
        page = await self.room_history_page(room_id, limit=100)
        for message in page.items:  # newest first
            if message.created_at < sent_after:
                break
            if (message.sender_id == self.account_id and message.body == body
                    and message.id not in known_ids):
                return message
        return None

    async def mark_read(self, room_id: str, last_read_message_id: str) -> Room:
        data = await self._request(
            "POST",
            f"/v1/rooms/{_segment(room_id)}/read",
            json_body={"last_read_message_id": last_read_message_id},
        )
        return schemas.parse_room(data, self.account_id)

    def events(
        self,
        last_event_id: str | None = None,
        *,
        on_state: StateCallback | None = None,
        reconnect: RetryPolicy | None = None,
        read_timeout: float | None = 60.0,
    ) -> EventStream:
        """The live event stream; iterate it with ``async for`` (it reconnects by itself)."""
        return EventStream(
            self._http,
            self._tokens,
            last_event_id=last_event_id,
            account_id=self.account_id,
            on_state=on_state,
            reconnect=reconnect,
            timeout=httpx.Timeout(
                connect=self._timeout.connect, read=read_timeout, write=self._timeout.write, pool=None
            ),
        )

    # ---- plumbing --------------------------------------------------------------------------------

    @staticmethod
    def _page(data: Any, convert: Callable[[object], T]) -> Page[T]:
        envelope = schemas.parse_wire(schemas.PageWire, data, "list")
        return Page([convert(item) for item in envelope.items], envelope.next_cursor)

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json_body: Any = None,
        idempotency_key: str | None = None,
    ) -> Any:
        """Send one API call with auth, retries and error mapping; return the decoded JSON body."""
        response = await self._send(
            method, path, params=params, json_body=json_body, idempotency_key=idempotency_key
        )
        return _decode_json(response)

    async def _list(self, path: str, params: Mapping[str, str], convert: Callable[[object], T]) -> Page[T]:
        response = await self._send("GET", path, params=params)
        if len(response.content) < OFFLOAD_DECODE_BYTES:
            return self._page(_decode_json(response), convert)
        # Decoding and validating a full page takes tens of milliseconds; on the event-loop thread that
        # would freeze the window during a big sync, so it runs on a worker thread.
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, lambda: self._page(_decode_json(response), convert))

    async def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json_body: Any = None,
        idempotency_key: str | None = None,
        content: Callable[[], AsyncIterator[bytes]] | None = None,
        headers: Mapping[str, str] | None = None,
        sink: Callable[[httpx.Response], Awaitable[None]] | None = None,
    ) -> httpx.Response:
        """Send one API call with auth, retries and error mapping; return the successful response.

        ``content``: makes a streamed request body, afresh for each attempt. ``sink``: reads a successful
        response's body as it streams in (the response returned then has no body of its own)."""
        # Only requests that cannot do harm twice are repeated: GETs, and POSTs the server deduplicates.
        # DELETE is idempotent by definition (deleting twice leaves the same state): safe to repeat too.
        repeatable = method in ("GET", "DELETE") or idempotency_key is not None
        attempt = 0
        waited = 0.0
        refreshed = False
        while True:
            attempt += 1
            token = await self._tokens.access_token()
            sent_headers: dict[str, str] = dict(headers or {})
            if token:
                sent_headers["Authorization"] = f"Bearer {token}"
            if idempotency_key is not None:
                sent_headers["Idempotency-Key"] = idempotency_key  # the same key on every retry
            started = time.monotonic()
            try:
                if sink is None:
                    response = await self._http.request(
                        method, path, params=params, json=json_body, headers=sent_headers,
                        content=content() if content is not None else None,
                    )
                else:
                    async with self._http.stream(
                        method, path, params=params, headers=sent_headers
                    ) as response:
                        if 200 <= response.status_code < 300:
                            await sink(response)
                        else:
                            await response.aread()
            except httpx.TransportError as exc:
                self.reachability.failed(f"{method} {path}", exc)
                # A request that never got a connection never reached the server: always safe to repeat.
                never_sent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)
                delay = self._retry.next_delay(attempt, waited) if repeatable or never_sent else None
                if delay is None:
                    raise _transport_error(exc) from None
                await self._retry.sleep(delay)
                waited += delay
                continue

            status = response.status_code
            self.reachability.answered()
            log.info("%s %s -> %s in %.0f ms", method, path, status, (time.monotonic() - started) * 1000)
            if status == 401 and not refreshed:
                refreshed = True
                if await self._tokens.refresh_after_unauthorized(token):
                    attempt -= 1  # a retry with a new token is not a failure of the policy's making
                    continue
            if 200 <= status < 300:
                return response

            error = _error_from(response)
            if repeatable and (status == 429 or status >= 500):
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                delay = self._retry.next_delay(attempt, waited, retry_after)
                if delay is not None:
                    log.info("%s %s: retrying in %.2f s (attempt %d)", method, path, delay, attempt + 1)
                    await self._retry.sleep(delay)
                    waited += delay
                    continue
            raise error


async def _file_chunks(source: Path, total: int, progress: Progress | None) -> AsyncIterator[bytes]:
    """The file's bytes in chunks, read off the event loop's thread; ``progress`` after each one."""
    sent = 0
    file = await asyncio.to_thread(source.open, "rb")
    try:
        while chunk := await asyncio.to_thread(file.read, UPLOAD_CHUNK):
            sent += len(chunk)
            yield chunk
            if progress is not None:
                progress(sent, max(total, sent))
    finally:
        await asyncio.to_thread(file.close)
    if progress is not None and sent == 0:
        progress(0, total)


def _transport_error(exc: httpx.TransportError) -> OfflineError:
    if isinstance(exc, httpx.TimeoutException):
        return OfflineError(Notice(Code.TIMED_OUT))
    return OfflineError(Notice(Code.UNREACHABLE))


def _decode_json(response: httpx.Response) -> Any:
    if response.status_code == 204 or not response.content:
        raise BadReplyError(Notice(Code.EMPTY_REPLY, (response.status_code,)))
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BadReplyError(Notice(Code.NOT_JSON)) from None


def _error_from(response: httpx.Response) -> AtelierError:
    """A typed error from an RFC 9457 problem reply (or whatever the server sent instead)."""
    status = response.status_code
    message, problem_type = _problem(response)

    def said(otherwise: Notice) -> Notice:
        """The marketplace's own words when it sent some (shown as they are), else ours."""
        return Notice.text(message) if message else otherwise

    if status in (401, 403):
        return AuthError(said(Notice(Code.SIGN_IN_AGAIN if status == 401 else Code.FORBIDDEN)))
    if status == 404:
        return NotFoundError(said(Notice(Code.NOT_FOUND)), status, problem_type)
    if status == 429:
        return RateLimitedError(
            said(Notice(Code.RATE_LIMITED)), parse_retry_after(response.headers.get("Retry-After")))
    if status >= 500:
        return ServerError(said(Notice(Code.SERVER_ERROR, (status,))), status)
    if 400 <= status < 500:
        return RequestRejected(said(Notice(Code.REFUSED, (status,))), status, problem_type)
    return BadReplyError(Notice(Code.UNEXPECTED_STATUS, (status,)))


def _problem(response: httpx.Response) -> tuple[str, str]:
    """``(detail or title, type)`` from a problem+json body; empty message when there is none."""
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return "", "about:blank"
    if not isinstance(data, dict):
        return "", "about:blank"
    message = data.get("detail") or data.get("title") or ""
    problem_type = data.get("type") or "about:blank"
    return (
        message if isinstance(message, str) else "",
        problem_type if isinstance(problem_type, str) else "about:blank",
    )
