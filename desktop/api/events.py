"""The live event stream: ``GET /v1/events`` as Server-Sent Events, with resume.

``EventStream`` is an async iterator of ``ServerEvent`` that keeps itself connected: after a dropped
connection, a 5xx or a timeout it waits (exponential backoff with full jitter, reset by every successful
connect) and reconnects with ``Last-Event-ID`` set to the last event it handed out, so the server replays
what was missed and nothing is lost. A 401 gets one token refresh; if that does not help, ``AuthError``
ends the stream. Cancelling the consuming task, or ``aclose()``, closes the HTTP response.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
from httpx_sse import ServerSentEvent, aconnect_sse

from desktop.api.auth import TokenSource
from desktop.api.lazy import LazyModule
from desktop.api.retry import RetryPolicy, parse_retry_after
from desktop.core.errors import AuthError, BadReplyError, RequestRejected
from desktop.core.notices import Code, Notice

if TYPE_CHECKING:
    from desktop.api import schemas
else:
    schemas = LazyModule("desktop.api.schemas")  # pydantic: imported at the first event, not at start-up

log = logging.getLogger("atelier.api")

EVENTS_PATH = "/v1/events"

StateCallback = Callable[[bool, Notice], None]
"""``on_state(connected, notice)``: called when the stream connects, drops or closes."""


@dataclass(frozen=True, slots=True)
class ServerEvent:
    id: str
    type: str
    data: Any  # a domain object for the known types, the decoded JSON for any other type


_Parser = Callable[[object, str | None], Any]

PARSERS: dict[str, _Parser] = {
    "message.created": lambda data, _account: schemas.parse_message(data),
    "room.updated": lambda data, account: schemas.parse_room(data, account),
    "proposal.updated": lambda data, _account: schemas.parse_proposal(data),
    "invitation.created": lambda data, _account: schemas.parse_invitation(data),
    "invitation.updated": lambda data, _account: schemas.parse_invitation(data),
    "job.created": lambda data, _account: schemas.parse_job(data),
    "job.updated": lambda data, _account: schemas.parse_job(data),
    "job.matched": lambda data, _account: schemas.parse_job_matched(data),
    "saved_search.created": lambda data, _account: schemas.parse_saved_search(data),
    "saved_search.deleted": lambda data, _account: schemas.parse_saved_search(data),
    "earnings.updated": lambda data, _account: schemas.parse_earnings_summary(data),
    "transaction.updated": lambda data, _account: schemas.parse_transaction(data),
    "contract.updated": lambda data, _account: schemas.parse_contract(data),
}


def decode_event(sse: ServerSentEvent, account_id: str | None = None) -> ServerEvent | None:
    """One SSE frame as a ``ServerEvent``; None (and a log line) when it cannot be understood."""
    if not sse.data:
        return None  # nothing to dispatch (the SSE spec drops data-less events too)
    try:
        payload = json.loads(sse.data)
    except ValueError:
        log.warning("skipping event %s (%s): its data is not JSON", sse.id or "?", sse.event)
        return None
    parser = PARSERS.get(sse.event)
    if parser is None:
        return ServerEvent(sse.id, sse.event, payload)  # a type this version does not know: pass it on
    try:
        data = parser(payload, account_id)
    except (BadReplyError, ValueError, TypeError) as exc:
        log.warning("skipping malformed %s event %s: %s", sse.event, sse.id or "?", exc)
        return None
    return ServerEvent(sse.id, sse.event, data)


class _Reconnect(Exception):
    """The stream ended or the server asked us to come back later."""

    def __init__(self, notice: Notice, retry_after: float | None = None) -> None:
        super().__init__(str(notice))
        self.notice = notice
        self.retry_after = retry_after


class EventStream:
    def __init__(
        self,
        http: httpx.AsyncClient,
        tokens: TokenSource,
        *,
        last_event_id: str | None = None,
        account_id: str | None = None,
        on_state: StateCallback | None = None,
        reconnect: RetryPolicy | None = None,
        timeout: httpx.Timeout | None = None,
        path: str = EVENTS_PATH,
    ) -> None:
        self.account_id = account_id  # rooms name "the other side" relative to it
        self._http = http
        self._tokens = tokens
        self._last_event_id = last_event_id or None
        self._on_state = on_state
        # Only backoff() and sleep of the policy are used: the stream retries for as long as it lives.
        self._reconnect = reconnect or RetryPolicy(base=0.5, cap=30.0)
        # The server sends ": ping" keep-alives, so a read timeout well above their interval only fires
        # on a connection that died without closing.
        self._timeout = timeout or httpx.Timeout(15.0, connect=5.0, read=60.0, pool=None)
        self._path = path
        self._connected = False
        self._generator: AsyncGenerator[ServerEvent, None] | None = None

    @property
    def connected(self) -> bool:
        return self._connected

    @property
    def last_event_id(self) -> str | None:
        """The id of the last event handed out (sent as ``Last-Event-ID`` on reconnect)."""
        return self._last_event_id

    def __aiter__(self) -> EventStream:
        return self

    async def __anext__(self) -> ServerEvent:
        if self._generator is None:
            self._generator = self._run()
        return await self._generator.__anext__()

    async def aclose(self) -> None:
        if self._generator is not None:
            await self._generator.aclose()

    async def __aenter__(self) -> EventStream:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def _set_state(self, connected: bool, notice: Notice) -> None:
        self._connected = connected
        if self._on_state is not None:
            try:
                self._on_state(connected, notice)
            except Exception:  # a listener's bug must not take the stream down
                log.exception("event stream state callback failed")

    async def _run(self) -> AsyncGenerator[ServerEvent, None]:
        failures = 0  # consecutive failed connects; drives the backoff
        refreshed = False
        try:
            while True:
                token = await self._tokens.access_token()
                headers: dict[str, str] = {}
                if token:
                    headers["Authorization"] = f"Bearer {token}"
                if self._last_event_id:
                    headers["Last-Event-ID"] = self._last_event_id
                try:
                    async with aconnect_sse(
                        self._http, "GET", self._path, headers=headers, timeout=self._timeout
                    ) as source:
                        status = source.response.status_code
                        if status == 401:
                            if not refreshed:
                                refreshed = True
                                if await self._tokens.refresh_after_unauthorized(token):
                                    continue
                            raise AuthError(Notice(Code.STREAM_SIGN_IN_REFUSED))
                        if status == 403:
                            raise AuthError(Notice(Code.STREAM_FORBIDDEN))
                        if status == 429 or status >= 500:
                            retry_after = parse_retry_after(source.response.headers.get("Retry-After"))
                            raise _Reconnect(Notice(Code.STREAM_ANSWERED, (status,)), retry_after)
                        if status != 200:
                            raise RequestRejected(Notice(Code.STREAM_REFUSED, (status,)), status)

                        failures = 0
                        refreshed = False
                        self._set_state(True, Notice(Code.STREAM_CONNECTED))
                        log.info("event stream connected (resuming after %s)", self._last_event_id or "-")
                        async for sse in source.aiter_sse():
                            event = decode_event(sse, self.account_id)
                            # A skipped (malformed) event would be just as malformed when replayed.
                            if sse.id:
                                self._last_event_id = sse.id
                            if event is not None:
                                yield event
                        raise _Reconnect(Notice(Code.STREAM_CLOSED))
                except (httpx.TransportError, _Reconnect) as exc:
                    why = exc.notice if isinstance(exc, _Reconnect) else _describe_transport(exc)
                    delay = self._reconnect.backoff(failures)
                    if isinstance(exc, _Reconnect) and exc.retry_after is not None:
                        delay = max(delay, exc.retry_after)
                    failures += 1
                    log.info("event stream down (%s); reconnecting in %.2f s", type(exc).__name__, delay)
                    self._set_state(False, Notice(Code.STREAM_RECONNECTING_IN, (why, round(delay))))
                    await self._reconnect.sleep(delay)
        finally:
            if self._connected:
                self._set_state(False, Notice(Code.STREAM_STOPPED))


def _describe_transport(exc: httpx.TransportError) -> Notice:
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout):
        return Notice(Code.UNREACHABLE)
    if isinstance(exc, httpx.TimeoutException):
        return Notice(Code.STREAM_QUIET)
    return Notice(Code.STREAM_DROPPED)
