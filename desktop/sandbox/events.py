"""Server-Sent Events: durable event ids from the database, replay after Last-Event-ID, then live.

The database is the source of truth; the hub only says "something changed". A stream re-reads its account's
events after every wake-up, so nothing can fall between the replay and the live part.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Annotated

from fastapi import APIRouter, Header, Query
from fastapi.responses import StreamingResponse

from .auth import CallerDep
from .config import SandboxConfig
from .problems import validation
from .schemas import PROBLEM_RESPONSES
from .store import Store

REPLAY_BATCH = 500


class EventHub:
    """Wakes the SSE streams of one running server. `notify` and `begin_shutdown` work from any thread."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed = asyncio.Event()
        self._closing = False

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._changed = asyncio.Event()
        self._closing = False

    def detach(self) -> None:
        self._loop = None

    @property
    def closing(self) -> bool:
        return self._closing

    def current(self) -> asyncio.Event:
        """The event the next change will set. Take it BEFORE reading the database, then wait on it."""
        return self._changed

    def notify(self) -> None:
        self._call_in_loop(self._wake)

    def begin_shutdown(self) -> None:
        """Make every open stream finish now, so the server can stop without waiting for them."""
        self._call_in_loop(self._shutdown)

    def _call_in_loop(self, callback: Callable[[], None]) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed between the check and the call
            loop.call_soon_threadsafe(callback)

    def _wake(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    def _shutdown(self) -> None:
        self._closing = True
        self._wake()


def format_event(event_id: int, event_type: str, data: str) -> str:
    return f"id: {event_id}\nevent: {event_type}\ndata: {data}\n\n"


async def event_stream(
    store: Store, hub: EventHub, account_id: str, after_id: int, keepalive: float
) -> AsyncIterator[str]:
    last_id = after_id
    while not hub.closing:
        changed = hub.current()
        batch = store.events_after(account_id, last_id, REPLAY_BATCH)
        for event_id, event_type, data in batch:
            yield format_event(event_id, event_type, data)
            last_id = event_id
        if len(batch) == REPLAY_BATCH:
            continue  # more history to replay before waiting
        try:
            await asyncio.wait_for(changed.wait(), timeout=keepalive)
        except TimeoutError:
            yield ": ping\n\n"


def build_events_router(store: Store, hub: EventHub, config: SandboxConfig) -> APIRouter:
    router = APIRouter(tags=["events"])

    @router.get(
        "/v1/events",
        response_class=StreamingResponse,
        responses={
            **PROBLEM_RESPONSES,
            200: {
                "content": {"text/event-stream": {"schema": {"type": "string"}}},
                "description": "SSE: `id: <int>`, `event: <type>`, `data: <json>`; `: ping` keep-alives",
            },
        },
    )
    async def events(
        caller: CallerDep,
        last_event_id_header: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
        last_event_id: Annotated[
            str | None, Query(description="alternative to the Last-Event-ID header")
        ] = None,
    ) -> StreamingResponse:
        resume_from = last_event_id_header if last_event_id_header is not None else last_event_id
        if resume_from is None or not resume_from.strip():
            after = store.last_event_id()  # live only
        else:
            try:
                after = max(0, int(resume_from.strip()))
            except ValueError as exc:
                raise validation("Last-Event-ID must be an integer event id") from exc
            # An id from the future (e.g. a database that was reset) would silence the stream for good.
            after = min(after, store.last_event_id())
        return StreamingResponse(
            event_stream(store, hub, caller.id, after, config.keepalive_interval),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    return router
