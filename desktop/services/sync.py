"""The sync engine: keeps the SQLite cache in step with the server.

- Pull: per resource, an initial load and then deltas (``updated_since`` watermarks), page by page; each
  page and its watermark are committed together.
- Push happens in the outbox worker; this engine kicks it whenever the server becomes reachable.
- Live: the server's event stream. Each event is applied and its id committed in the same transaction,
  so after a crash the stream resumes exactly after the last applied event.
- Every (re)connection of the stream triggers a delta pull, which covers whatever happened while we were
  away even if the server no longer has those events.
- A marketplace without push (``Capabilities.live_events`` false) is polled instead: the open room often,
  everything else less often, slower while nothing changes or requests fail, faster again when something
  does (``PollPlan``).
- A marketplace that limits how long its data may be cached (``Capabilities.max_cache_age``) has every
  stored row's fetch time noted; everything is fetched again well before the limit, and what could not
  be refreshed in time is purged (also at start-up, offline). The user's own outbox and echoes stay.

The engine publishes a SyncStatus (online / syncing / offline / signed out) the status bar shows.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from desktop.api.events import ServerEvent
from desktop.api.port import Marketplace, Page
from desktop.core.capabilities import Capabilities
from desktop.core.clock import format_ts, parse_ts, utcnow
from desktop.core.errors import (
    MISSING_PERMISSION,
    AtelierError,
    AuthError,
    BadReplyError,
    DiskFullError,
    RateLimitedError,
    RequestRejected,
    ServerError,
)
from desktop.core.models import (
    ConnectionState,
    Contract,
    EarningsSummary,
    Freelancer,
    Invitation,
    Job,
    JobMatch,
    Message,
    Proposal,
    Room,
    SavedSearch,
    SyncStatus,
    Transaction,
)
from desktop.core.notices import Code, Notice
from desktop.services.backoff import Backoff
from desktop.services.events import (
    ContractsChanged,
    EarningsChanged,
    Event,
    EventBus,
    InvitationsChanged,
    JobsChanged,
    MessagesChanged,
    ProfileChanged,
    ProposalsChanged,
    RoomsChanged,
    SavedSearchesChanged,
    SavedSearchMatched,
    StatusChanged,
)
from desktop.services.outbox import OutboxWorker
from desktop.services.pending import starting_status
from desktop.services.polling import PollSchedule
from desktop.storage import (
    contracts,
    earnings,
    invitations,
    jobs,
    messages,
    profile,
    proposals,
    retention,
    rooms,
    saved_searches,
    sync_state,
)
from desktop.storage.db import Database

log = logging.getLogger("atelier.sync")

T = TypeVar("T")
LAST_EVENT_ID = "last_event_id"
LAST_SYNCED_AT = "last_synced_at"
LAST_FULL_REFRESH = "last_full_refresh"
PAGE_SIZE = 500
# Rows per write transaction during a pull, and the longest a fetched page waits to be written.
FLUSH_ITEMS = 5000
FLUSH_SECONDS = 1.0
LIVE_SYNCED_AT_STEP = timedelta(seconds=30)
"""A live change moves the status bar's "last synced" at most this often (it shows minutes, and a busy
stream would otherwise publish a new status with every event)."""
# A first sync walks everything "updated since the beginning", in (updated_at, id) order.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Cursor(StrEnum):
    """How a resource is pulled."""

    UPDATED_SINCE = "updated_since"
    """Pages in (updated_at, id) order from a watermark committed with the rows (deltas after the first)."""
    WHOLE = "whole"
    """One value, fetched whole on every pull."""


Fetch = Callable[[Marketplace, datetime | None, str | None], Awaitable[Page[Any]]]


@dataclass(frozen=True, slots=True)
class Resource:
    """One kind of marketplace data, declared once for every path that brings it into the cache: how it is
    pulled, how it is stored, which live event types carry it, and what the bus is told after a change.
    The pull and the live stream (and the open room's poll) are driven from the same declaration, so a
    change tells the window the same thing whichever way it arrived."""

    name: str
    """The watermark's and the fetch-time notes' key."""
    item: type
    cursor: Cursor
    store: Callable[[sqlite3.Connection, Sequence[Any]], object]
    changed: Callable[[Sequence[Any]], tuple[Event, ...]]
    """The bus events for a batch of changed items (told after the batch is committed)."""
    page: Fetch | None = None
    """For ``Cursor.UPDATED_SINCE``: one page from the port."""
    whole: Callable[[Marketplace], Awaitable[Any]] | None = None
    """For ``Cursor.WHOLE``: the value from the port."""
    live: tuple[str, ...] = ()
    """The live event types that carry it."""
    unwrap: Callable[[Any], tuple[Any, tuple[Event, ...]]] | None = None
    """For a live event whose data wraps the item: the item, and what only that event says besides."""
    offered: Callable[[Capabilities], bool] = lambda _caps: True
    optional: bool = False
    """A marketplace may not offer it (an older server answers 404): then it is skipped, not an error."""

    def write(self, conn: sqlite3.Connection, items: Sequence[Any], fetched_at: datetime | None) -> None:
        """Store ``items`` and, for a marketplace with a cache-age limit, note when they were fetched."""
        self.store(conn, items)
        if fetched_at is None:
            return
        if self.cursor is Cursor.WHOLE:
            retention.note_single(conn, self.name, fetched_at)
        else:
            retention.note_fetched(conn, self.name, (item.id for item in items), fetched_at)


def _pages(method: str) -> Fetch:
    """The port's ``method`` for one page of changes (``updated_since`` + ``cursor``)."""

    def fetch(api: Marketplace, since: datetime | None, cursor: str | None) -> Awaitable[Page[Any]]:
        port_method: Callable[..., Awaitable[Page[Any]]] = getattr(api, method)
        return port_method(updated_since=since, cursor=cursor, limit=PAGE_SIZE)

    return fetch


def _store_profile(conn: sqlite3.Connection, items: Sequence[Freelancer]) -> None:
    profile.set(conn, items[-1])


def _store_summary(conn: sqlite3.Connection, items: Sequence[EarningsSummary]) -> None:
    earnings.set_summary(conn, items[-1])


def _messages_changed(items: Sequence[Message]) -> tuple[Event, ...]:
    # A stored message also moves its room's preview and order in the room list.
    return MessagesChanged(frozenset(m.room_id for m in items)), RoomsChanged()


def _unwrap_match(data: JobMatch | Job) -> tuple[Job, tuple[Event, ...]]:
    if isinstance(data, JobMatch):
        job = data.job
        return job, (SavedSearchMatched(job.id, job.title, data.saved_search_ids),)
    return data, ()


RESOURCES: tuple[Resource, ...] = (
    Resource("profile", Freelancer, Cursor.WHOLE, _store_profile, lambda _: (ProfileChanged(),),
             whole=lambda api: api.me()),
    Resource("jobs", Job, Cursor.UPDATED_SINCE, jobs.upsert_many,
             # new jobs also change what is new in each saved search
             lambda items: (JobsChanged(tuple(j.id for j in items)), SavedSearchesChanged()),
             page=_pages("jobs_page"),
             live=("job.created", "job.updated", "job.matched"), unwrap=_unwrap_match),
    Resource("proposals", Proposal, Cursor.UPDATED_SINCE, proposals.upsert_many,
             lambda _: (ProposalsChanged(),),
             page=_pages("proposals_page"),
             live=("proposal.updated",)),
    Resource("invitations", Invitation, Cursor.UPDATED_SINCE, invitations.upsert_many,
             lambda _: (InvitationsChanged(),),
             page=_pages("invitations_page"),
             live=("invitation.created", "invitation.updated"), offered=lambda caps: caps.invitations),
    Resource("saved_searches", SavedSearch, Cursor.UPDATED_SINCE, saved_searches.upsert_many,
             lambda _: (SavedSearchesChanged(),),
             page=_pages("saved_searches_page"),
             live=("saved_search.created", "saved_search.deleted"), offered=lambda caps: caps.saved_searches,
             optional=True),
    Resource("rooms", Room, Cursor.UPDATED_SINCE, rooms.upsert_many, lambda _: (RoomsChanged(),),
             page=_pages("rooms_page"),
             live=("room.updated",)),
    Resource("messages", Message, Cursor.UPDATED_SINCE, messages.upsert_many, _messages_changed,
             page=_pages("messages_page"),
             live=("message.created",)),
    Resource("transactions", Transaction, Cursor.UPDATED_SINCE, earnings.upsert_transactions,
             lambda _: (EarningsChanged(),),
             page=_pages("transactions_page"),
             live=("transaction.updated",)),
    Resource("contracts", Contract, Cursor.UPDATED_SINCE, contracts.upsert_many,
             lambda _: (ContractsChanged(),),
             page=_pages("contracts_page"),
             live=("contract.updated",), offered=lambda caps: caps.contracts, optional=True),
    Resource("earnings_summary", EarningsSummary, Cursor.WHOLE, _store_summary,
             lambda _: (EarningsChanged(),),
             whole=lambda api: api.earnings_summary(), live=("earnings.updated",)),
)
"""Every resource, in the order a pull walks them (rooms before their messages)."""

LIVE: dict[str, Resource] = {t: r for r in RESOURCES for t in r.live}
"""Which resource each live event type updates."""


def describe(exc: AtelierError) -> Notice:
    """A short status-bar notice for why we are not online."""
    if isinstance(exc, RateLimitedError):
        return Notice(Code.SERVER_BUSY)
    if isinstance(exc, ServerError):
        return Notice(Code.SERVER_HAS_PROBLEM, (exc.status,))
    if isinstance(exc, BadReplyError):
        return Notice(Code.SERVER_NOT_UNDERSTOOD)
    return exc.notice


class SyncEngine:
    def __init__(
        self, api: Marketplace, db: Database, bus: EventBus, outbox: OutboxWorker,
        *, backoff: Backoff | None = None,
    ) -> None:
        self._api = api
        self._db = db
        self._bus = bus
        self._outbox = outbox
        self._backoff = backoff or Backoff(base=1.0, cap=30.0)
        self._status = starting_status(api.capabilities)
        self._stream_task: asyncio.Task[None] | None = None
        self._pull_task: asyncio.Task[None] | None = None
        self._pull_lock = asyncio.Lock()
        self._wake = asyncio.Event()
        self._stream_connected = False
        self._pulled_once = asyncio.Event()
        self.capabilities = api.capabilities
        self._resources = [r for r in RESOURCES if r.offered(api.capabilities)]
        self._poll_task: asyncio.Task[None] | None = None
        self._open_room: str | None = None
        self._clock: Callable[[], datetime] = utcnow
        self._fetched = 0
        self._hurry_polls = False
        self._disk = outbox.disk
        self._disk.on_change(self._disk_changed)
        self._disk.on_space(self._disk_has_room)
        self._was_read_only = db.read_only

    # -- lifecycle ---------------------------------------------------------------------------------------
    async def start(self) -> None:
        stored = await self._db.read(lambda c: sync_state.get(c, LAST_SYNCED_AT))
        pending = await self._outbox.pending_count()
        self._set(ConnectionState.SYNCING, Notice(Code.CONNECTING),
                  last_synced_at=parse_ts(stored) if stored else None, pending=pending)
        if self._db.read_only:
            self._disk.report_full()
        try:
            await self.enforce_cache_age()
        except DiskFullError as exc:
            self._disk.report_full(exc)
        self._outbox.start()
        self._start_live()

    def _start_live(self) -> None:
        if self.capabilities.live_events:
            if self._stream_task is None or self._stream_task.done():
                self._stream_task = asyncio.ensure_future(self._stream_forever())
        elif self._poll_task is None or self._poll_task.done():
            self._poll_task = asyncio.ensure_future(self._poll_forever())

    async def stop(self) -> None:
        for task in (self._stream_task, self._pull_task, self._poll_task):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._stream_task = self._pull_task = self._poll_task = None
        await self._outbox.stop()

    def set_open_room(self, room_id: str | None) -> None:
        """The conversation on screen (None: none, or the window is in the background). A marketplace
        without push has that room polled often; with push it changes nothing."""
        changed = room_id != self._open_room
        self._open_room = room_id
        if changed and room_id is not None and not self.capabilities.live_events:
            self._wake.set()

    async def sync_now(self) -> None:
        """Pull deltas now and retry anything waiting (the user pressed "Sync now", or signed in again).

        Never raises for network trouble: the outcome shows in the status, and failed pulls are retried.
        """
        self._backoff.reset()
        self._hurry_polls = True
        self._wake.set()
        self._outbox.kick()
        self._start_live()
        self._schedule_pull()
        assert self._pull_task is not None
        await asyncio.shield(self._pull_task)

    async def start_over(self, forget: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``forget`` (one cache write that removes marketplace data and the sync positions) while no
        pull is running, so no page of an earlier pull lands after it. The caller then pulls again."""
        async with self._pull_lock:
            return await self._db.write(forget)

    async def resync_from_scratch(self) -> None:
        """The cache was rebuilt under this session: forget what a pull begun before it wrote of its
        progress (its watermarks would skip everything older), then pull everything again."""
        if self._pull_task is not None and not self._pull_task.done():
            self._pull_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pull_task
        async with self._pull_lock:
            await self._db.write(sync_state.clear)
        await self.sync_now()

    async def wait_until_synced(self, within: float) -> None:
        await asyncio.wait_for(self._pulled_once.wait(), within)

    # -- pull --------------------------------------------------------------------------------------------
    async def pull(self) -> None:
        """One delta pull of every resource. Serialized: a second caller waits for the running one."""
        async with self._pull_lock:
            self._set(ConnectionState.SYNCING, Notice(Code.SYNCING))
            started = self._clock()
            full = await self._full_refresh_due(started)
            self._fetched = 0
            for resource in self._resources:
                try:
                    if resource.cursor is Cursor.WHOLE:
                        await self._pull_whole(resource, started)
                    else:
                        await self._pull_resource(resource, full=full)
                except RequestRejected as exc:
                    if resource.cursor is Cursor.WHOLE:
                        raise
                    if exc.problem_type == MISSING_PERMISSION:
                        # The user's API key lacks the scope for it: everything else still syncs.
                        log.warning("the API key may not read %s (%s); skipping them", resource.name,
                                    exc.message)
                        continue
                    if not (resource.optional and exc.status == 404):
                        raise
                    log.info("this marketplace has no %s; skipping them", resource.name)
            if full:
                await self._db.write(lambda c: sync_state.set(c, LAST_FULL_REFRESH, format_ts(started)))
            if full:
                await self.enforce_cache_age()
            now = self._clock()
            await self._db.write(lambda c: sync_state.set(c, LAST_SYNCED_AT, format_ts(now)))
            self._pulled_once.set()
            self._set(ConnectionState.ONLINE if self._stream_connected else ConnectionState.SYNCING,
                      None if self._stream_connected else Notice(Code.CONNECTING_LIVE), last_synced_at=now)
            self._outbox.kick()

    async def _pull_whole(self, resource: Resource, started: datetime) -> None:
        """A resource fetched whole (the profile, the earnings summary): stored, then told."""
        assert resource.whole is not None
        value = await resource.whole(self._api)
        fetched_at = started if self.capabilities.max_cache_age is not None else None
        await self._db.write(lambda c: resource.write(c, [value], fetched_at))
        self._tell(resource.changed([value]))

    def _tell(self, events: Iterable[Event]) -> None:
        for event in events:
            self._bus.emit(event)

    async def _full_refresh_due(self, now: datetime) -> bool:
        """Whether this pull walks everything rather than what changed: a marketplace with a cache-age
        limit is walked again in full at half the limit, so nothing still current ages out."""
        limit = self.capabilities.max_cache_age
        if limit is None:
            return False
        stored = await self._db.read(lambda c: sync_state.get(c, LAST_FULL_REFRESH))
        return stored is None or now - parse_ts(stored) >= limit / 2

    async def enforce_cache_age(self) -> retention.Purged | None:
        """Purge what the marketplace's cache-age limit no longer allows (None: it sets no limit)."""
        limit = self.capabilities.max_cache_age
        if limit is None:
            return None
        cutoff = self._clock() - limit
        purged = await self._db.write(lambda c: retention.purge(c, cutoff))
        if purged.total:
            log.info("purged data older than the marketplace allows: %s", purged.counts)
            self._publish(purged=purged.total)
            for event in (JobsChanged(), ProposalsChanged(), InvitationsChanged(), RoomsChanged(),
                          MessagesChanged(frozenset()), EarningsChanged(), ProfileChanged(),
                          SavedSearchesChanged(), ContractsChanged()):
                self._bus.emit(event)
        return purged

    async def _pull_resource(self, resource: Resource, *, full: bool = False) -> None:
        """Walk one resource's pages in (updated_at, id) order from its watermark.

        Pages are written in transactions of up to FLUSH_ITEMS rows (one transaction per 500-row page
        halves the cache's ingest rate: each commit flushes the full-text index), and the next pages are
        fetched while a write runs. The watermark is committed with its rows, so a sync that dies halfway
        resumes where it stopped.
        """
        fetch = resource.page
        assert fetch is not None
        key = f"watermark:{resource.name}"
        stored = await self._db.read(lambda c: sync_state.get(c, key))
        if stored is None:
            await self._show_first_page(resource)
        since = parse_ts(stored) if stored and not full else EPOCH
        fetched_at = self._clock() if self.capabilities.max_cache_age is not None else None
        cursor: str | None = None
        buffer: list[Any] = []
        last_flush = time.monotonic()
        in_flight: tuple[asyncio.Future[None], list[Any]] | None = None

        async def settle() -> None:
            nonlocal in_flight
            if in_flight is not None:
                future, written = in_flight
                in_flight = None
                await future
                self._tell(resource.changed(written))

        try:
            while True:
                page = await fetch(self._api, since, cursor)
                self._fetched += len(page.items)
                buffer.extend(page.items)
                cursor = page.next_cursor
                due = len(buffer) >= FLUSH_ITEMS or time.monotonic() - last_flush >= FLUSH_SECONDS
                if buffer and (cursor is None or due):
                    await settle()  # one write at a time, in order
                    items, buffer = buffer, []
                    write = asyncio.ensure_future(
                        self._db.write(_committer(resource, key, items, fetched_at)))
                    in_flight = (write, items)
                    last_flush = time.monotonic()
                if cursor is None:
                    break
            await settle()
        finally:
            if in_flight is not None:  # a fetch failed while a write ran: let it finish, keep its rows
                with contextlib.suppress(Exception):
                    await in_flight[0]

    async def _show_first_page(self, resource: Resource) -> None:
        """On a first sync, the newest page first, so the pane fills at once while the full load runs
        oldest-first behind it (that order is what makes an interrupted load resumable)."""
        assert resource.page is not None
        page = await resource.page(self._api, None, None)
        if page.items:
            items = page.items
            fetched_at = self._clock() if self.capabilities.max_cache_age is not None else None
            await self._db.write(lambda c: resource.write(c, items, fetched_at))
            self._tell(resource.changed(items))

    # -- live events -------------------------------------------------------------------------------------
    async def _stream_forever(self) -> None:
        """Hold the event stream open; each (re)connection triggers a delta pull."""
        while True:
            self._wake.clear()
            try:
                await self._disk.wait_for_space()
                last_id = await self._db.read(lambda c: sync_state.get(c, LAST_EVENT_ID))
                # A fresh stream resumes after the last event whose effects are committed, so an event
                # that failed to apply is replayed rather than skipped.
                async with self._api.events(last_id, on_state=self._stream_state) as stream:
                    async for event in stream:
                        await self._apply_event(event)
                # The stream ended without an error (it should not); go round again.
                self._stream_state(False, Notice(Code.LIVE_ENDED))
            except asyncio.CancelledError:
                raise
            except DiskFullError as exc:  # an event could not be stored: resume after it once there is room
                self._stream_connected = False
                self._disk_full(exc)
            except AuthError as exc:
                self._stream_connected = False
                self._set(ConnectionState.SIGNED_OUT, exc.notice)
                await self._wait_for_wake(None)
            except AtelierError as exc:
                self._stream_connected = False
                wait = self._backoff.delay_after(exc)
                self._set(ConnectionState.OFFLINE, Notice(Code.RETRYING_IN, (describe(exc), round(wait))))
                await self._wait_for_wake(wait)
            except Exception:
                log.exception("event stream failed unexpectedly")
                self._stream_connected = False
                self._set(ConnectionState.OFFLINE, Notice(Code.LIVE_FAILED_RETRYING))
                await self._wait_for_wake(self._backoff.next_delay())

    # -- polling (a marketplace without push) --------------------------------------------------------
    async def _poll_forever(self) -> None:
        """Poll on a ``PollSchedule``: the open room often, a delta pull of everything less often."""
        schedule = PollSchedule(self.capabilities.poll, time.monotonic())
        while True:
            self._wake.clear()
            try:
                await self._disk.wait_for_space()
                if self._hurry_polls:
                    self._hurry_polls = False
                    schedule.hurry(time.monotonic())
                if schedule.feed_due(time.monotonic()):
                    self._fetched = 0
                    self._stream_connected = True  # "live" here means: the last poll worked
                    await self.pull()
                    schedule.feed_done(time.monotonic(), changed=self._fetched > 0)
                    self._backoff.reset()
                room = self._open_room
                if room is not None and schedule.room_due(time.monotonic()):
                    schedule.room_done(time.monotonic(), changed=await self._poll_room(room))
                    if self.status.state is not ConnectionState.ONLINE:
                        self._set(ConnectionState.ONLINE, None)
            except asyncio.CancelledError:
                raise
            except DiskFullError as exc:
                self._disk_full(exc)
                continue
            except AuthError as exc:
                self._stream_connected = False
                self._set(ConnectionState.SIGNED_OUT, exc.notice)
                await self._wait_for_wake(None)
                continue
            except AtelierError as exc:
                self._stream_connected = False
                wait = self._backoff.delay_after(exc)
                schedule.failed(time.monotonic(), wait)
                self._set(ConnectionState.OFFLINE, Notice(Code.RETRYING_IN, (describe(exc), round(wait))))
            except Exception:
                log.exception("poll failed unexpectedly")
                self._stream_connected = False
                wait = self._backoff.next_delay() + 5.0
                schedule.failed(time.monotonic(), wait)
                self._set(ConnectionState.OFFLINE, Notice(Code.SYNC_FAILED_RETRYING_IN, (round(wait),)))
            await self._wait_for_wake(
                schedule.seconds_until_next(time.monotonic(), room_open=self._open_room is not None))

    async def _poll_room(self, room_id: str) -> bool:
        """The newest page of the open room into the cache; True when it brought a message we lacked."""
        page = await self._api.room_history_page(room_id, limit=50)
        if not page.items:
            return False
        items = page.items
        resource = LIVE["message.created"]
        fetched_at = self._clock() if self.capabilities.max_cache_age is not None else None

        def store(conn: sqlite3.Connection) -> bool:
            known = messages.known_ids(conn, [m.id for m in items])
            resource.write(conn, items, fetched_at)
            return len(known) < len(items)

        if await self._db.write(store):
            self._tell(resource.changed(items))
            self._publish(last_synced_at=self._clock())
            return True
        return False

    async def _wait_for_wake(self, at_most: float | None) -> None:
        # Cleared at the top of each round of the loop that waits here, not now: a wake-up that came
        # during that round (the user opened a room, pressed "Sync now") is not lost.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), at_most)

    def _stream_state(self, connected: bool, notice: Notice) -> None:
        was = self._stream_connected
        self._stream_connected = connected
        if connected and not was:
            log.info("event stream connected")
            self._backoff.reset()
            self._schedule_pull()
        elif not connected:
            if was:
                log.info("event stream lost: %s", notice)
            if self.status.state is not ConnectionState.SIGNED_OUT:
                self._set(ConnectionState.OFFLINE, notice)

    def _schedule_pull(self) -> None:
        if self._pull_task is not None and not self._pull_task.done():
            return
        self._pull_task = asyncio.ensure_future(self._pull_with_retries())

    async def _pull_with_retries(self) -> None:
        """Pull until it works; give up only when the live stream is down (its reconnect pulls again)."""
        backoff = Backoff(base=1.0, cap=30.0)
        first = True
        while first or self._stream_connected:
            first = False
            try:
                await self.pull()
                return
            except asyncio.CancelledError:
                raise
            except DiskFullError as exc:  # the pull runs again once there is room
                self._disk_full(exc)
                return
            except AuthError as exc:
                self._set(ConnectionState.SIGNED_OUT, exc.notice)
                return
            except AtelierError as exc:
                wait = backoff.delay_after(exc)
                log.info("pull failed (%s); retrying in %.1fs", exc.message, wait)
                self._set(ConnectionState.OFFLINE, Notice(Code.RETRYING_IN, (describe(exc), round(wait))))
                await asyncio.sleep(wait)
            except Exception:
                # A bug, not a network condition: say so, keep the app running, and try again later.
                wait = backoff.next_delay() + 5.0
                log.exception("pull failed unexpectedly; retrying in %.1fs", wait)
                self._set(ConnectionState.OFFLINE, Notice(Code.SYNC_FAILED_RETRYING_IN, (round(wait),)))
                await asyncio.sleep(wait)

    async def _apply_event(self, event: ServerEvent) -> None:
        resource, item, extra = live_effect(event)
        fetched_at = self._clock() if self.capabilities.max_cache_age is not None else None

        def commit(conn: sqlite3.Connection) -> None:
            if resource is not None:
                resource.write(conn, [item], fetched_at)
            sync_state.set(conn, LAST_EVENT_ID, event.id)

        await self._db.write(commit)
        if resource is not None:
            self._tell((*resource.changed([item]), *extra))
        now = utcnow()
        shown = self._status.last_synced_at
        if shown is None or now - shown >= LIVE_SYNCED_AT_STEP:  # not one StatusChanged per live event
            self._publish(last_synced_at=now)

    # -- status ------------------------------------------------------------------------------------------
    def _set(self, state: ConnectionState, notice: Notice | None, *, last_synced_at: datetime | None = None,
             pending: int | None = None) -> None:
        """A new state and what to say about it (None: nothing; the UI translates the notice)."""
        changes: dict[str, Any] = {"state": state, "notice": notice}
        if last_synced_at is not None:
            changes["last_synced_at"] = last_synced_at
        if pending is not None:
            changes["pending_outbox"] = pending
        self._publish(**changes)

    @property
    def status(self) -> SyncStatus:
        """The current status: an immutable value, replaced (and published) on each change."""
        return self._status

    def _publish(self, **changes: Any) -> None:
        """A new status with ``changes``, published once; nothing when it equals the current one."""
        new = replace(self._status, **changes)
        if new == self._status:
            return
        self._status = new
        self._bus.emit(StatusChanged(new))

    def pending_changed(self, count: int) -> None:
        """The outbox's count of actions waiting to be sent changed."""
        self._publish(pending_outbox=count)

    # -- a full disk -------------------------------------------------------------------------------------
    def _disk_full(self, exc: DiskFullError) -> None:
        """A write failed for lack of space: one state (the status bar's), no retry loop until there is
        room (DiskSpace watches and calls _disk_has_room)."""
        self._disk.report_full(exc)
        if self.status.state is ConnectionState.SYNCING:  # the pull stopped; say what the link is
            self._set(ConnectionState.ONLINE if self._stream_connected else ConnectionState.OFFLINE, None)

    def _disk_changed(self) -> None:
        self._publish(disk_full_mb=self._disk.needed_mb)

    async def _disk_has_room(self) -> None:
        if self._was_read_only:
            # The panes read a read-only snapshot (perhaps without the WAL, or an empty stand-in): reread.
            self._was_read_only = False
            for event in (JobsChanged(), ProposalsChanged(), InvitationsChanged(), RoomsChanged(),
                          MessagesChanged(frozenset()), EarningsChanged(), ProfileChanged(),
                          SavedSearchesChanged()):
                self._bus.emit(event)
        self._wake.set()
        self._schedule_pull()

    def outbox_trouble(self, exc: AtelierError) -> None:
        """The outbox could not send for now (the network, the server): the status says so."""
        if self.status.state is ConnectionState.ONLINE:
            self._set(ConnectionState.OFFLINE, Notice(Code.WILL_RETRY, (describe(exc),)))


def live_effect(event: ServerEvent) -> tuple[Resource | None, Any, tuple[Event, ...]]:
    """The resource a live event updates, the item it carries, and what only that event tells besides
    the resource's own change events (None: the event changes nothing in the cache)."""
    resource = LIVE.get(event.type)
    if resource is None:
        log.debug("ignoring event type %s", event.type)
        return None, None, ()
    item, extra = resource.unwrap(event.data) if resource.unwrap is not None else (event.data, ())
    if not isinstance(item, resource.item):
        log.warning("ignoring %s event %s: it carries no %s", event.type, event.id, resource.item.__name__)
        return None, None, ()
    return resource, item, extra


def _committer(resource: Resource, key: str, items: list[Any],
               fetched_at: datetime | None) -> Callable[[sqlite3.Connection], None]:
    """Store a batch and advance the resource's watermark, in one transaction (and, for a marketplace
    with a cache-age limit, note when the rows were fetched)."""
    newest = max(_updated_at(item) for item in items)

    def commit(conn: sqlite3.Connection) -> None:
        resource.write(conn, items, fetched_at)
        current = sync_state.get(conn, key)
        if current is None or parse_ts(current) < newest:
            sync_state.set(conn, key, format_ts(newest))

    return commit


def _updated_at(item: Any) -> datetime:
    # Messages never change after they are sent, so their creation time is their last change.
    value = getattr(item, "updated_at", None) or getattr(item, "created_at", None)
    if not isinstance(value, datetime):
        raise TypeError(f"{type(item).__name__} has no updated_at")
    return value
