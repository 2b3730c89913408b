"""The outbox worker: sends queued user actions to the server in order, exactly once.

Every action that changes the server is written to the outbox (with its idempotency key) in the same
transaction as its local echo, before the first attempt. This worker sends the oldest pending row, retries
transient failures with backoff and full jitter, and never skips ahead: a message typed second is never
delivered first. A kill at any moment is safe: the row is still pending on restart, and resending with the
same idempotency key makes the server replay its first answer instead of creating a duplicate.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from desktop.core.clock import utcnow
from desktop.core.errors import (
    AtelierError,
    AuthError,
    BadReplyError,
    CacheCorruptError,
    DiskFullError,
    OfflineError,
    RateLimitedError,
    RequestRejected,
    ServerError,
    StorageError,
)
from desktop.core.notices import Notice
from desktop.services.backoff import Backoff
from desktop.services.disk import DiskSpace
from desktop.services.events import ActionFailed, AttentionChanged, EventBus
from desktop.storage import outbox, rescue
from desktop.storage.db import Database
from desktop.storage.outbox import OutboxItem

log = logging.getLogger("atelier.outbox")

# A handler sends one item and returns a function that applies the server's answer to the cache
# (run in the same transaction that marks the item sent) plus the events to publish afterwards.
Applier = Callable[[sqlite3.Connection], None]
Handler = Callable[[OutboxItem], Awaitable[Applier]]
# Called when the server refuses an item for good, to undo or mark its local echo.
FailureApplier = Callable[[OutboxItem, Notice], Callable[[sqlite3.Connection], None]]


class OutboxWorker:
    def __init__(self, db: Database, bus: EventBus, *, backoff: Backoff | None = None,
                 mark_attempts: bool = False, disk: DiskSpace | None = None) -> None:
        """``mark_attempts``: commit when each attempt starts, for a marketplace without idempotency keys
        (a handler then knows an earlier attempt may have reached it, and looks before resending).
        ``disk``: the cache's full-disk state (shared with the sync engine and drafts; one of its own if
        not given)."""
        self._db = db
        self._mark_attempts = mark_attempts
        self._bus = bus
        # called after the worker found the cache damaged and it was rebuilt in place (what was rescued)
        self.on_cache_rebuilt: Callable[[rescue.Report], None] | None = None
        self._handlers: dict[str, Handler] = {}
        self._on_failure: dict[str, FailureApplier] = {}
        self._after_apply: dict[str, Callable[[OutboxItem], None]] = {}
        self._wake = asyncio.Event()
        self._backoff = backoff or Backoff(base=1.0, cap=60.0)
        self._task: asyncio.Task[None] | None = None
        self._paused_for_auth = False
        self._due_now = False
        self._hold_until = 0.0  # a Retry-After holds even against kick()
        self._side_tasks: set[asyncio.Task[None]] = set()
        self.on_pending_changed: Callable[[int], None] | None = None
        self.on_transient_failure: Callable[[AtelierError], None] | None = None
        self.disk = disk or DiskSpace(db)
        self.disk.on_space(self._space_returned)
        # An item the server accepted whose "sent" could not be written (the disk was full): written first
        # when there is room, so it is neither sent again nor lost.
        self._unsaved_sent: tuple[OutboxItem, Callable[[sqlite3.Connection], None]] | None = None

    def register(
        self,
        kind: str,
        handler: Handler,
        *,
        on_failure: FailureApplier | None = None,
        after_apply: Callable[[OutboxItem], None] | None = None,
    ) -> None:
        self._handlers[kind] = handler
        if on_failure is not None:
            self._on_failure[kind] = on_failure
        if after_apply is not None:
            self._after_apply[kind] = after_apply

    def kick(self) -> None:
        """Try now: new work was queued, or the server answered again (a pull or the event stream worked).

        The oldest item is tried at once even if its backoff had it wait longer: once the marketplace is
        healthy, what queued up during a fault drains in one go instead of at the pace of the backoff.
        ``Retry-After`` still holds: the pull that led here had to wait it out first.
        """
        self._paused_for_auth = False
        self._backoff.reset()
        self._due_now = True
        self._wake.set()

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.disk.aclose()

    async def enqueue(
        self, kind: str, payload: dict[str, Any], idempotency_key: str,
        local_echo: Callable[[sqlite3.Connection], Any] | None = None,
    ) -> Any:
        """Queue an action together with its local echo, atomically, then wake the worker."""

        def write(conn: sqlite3.Connection) -> Any:
            echo = local_echo(conn) if local_echo is not None else None
            outbox.enqueue(conn, kind, payload, idempotency_key, utcnow())
            return echo

        try:
            result = await self._db.write(write)
        except DiskFullError as exc:
            self.disk.report_full(exc)
            raise
        self._report_pending()
        self.kick()
        return result

    async def pending_count(self) -> int:
        return await self._db.read(outbox.pending_count)

    def _report_pending(self) -> None:
        if self.on_pending_changed is None:
            return
        callback = self.on_pending_changed

        async def report() -> None:
            with contextlib.suppress(StorageError):
                callback(await self._db.read(outbox.pending_count))

        task = asyncio.ensure_future(report())
        self._side_tasks.add(task)
        task.add_done_callback(self._side_tasks.discard)

    async def _sleep_until_woken(self, at_most: float | None) -> None:
        # The flag was cleared before the step that led here: a kick() during that step (new work queued
        # while the queue was being read) still wakes us at once instead of being lost.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), at_most)

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            generation = self._db.generation
            try:
                delay = await self._send_next()
            except CacheCorruptError:
                delay = await self._rebuild_damaged_cache(generation)
            except asyncio.CancelledError:
                raise
            except DiskFullError as exc:  # a state, not an error: wait for room (the disk state logs it)
                self.disk.report_full(exc)
                delay = None
            except Exception:  # a bug must not end delivery for the rest of the session
                log.exception("outbox worker step failed")
                delay = 5.0
            if delay == 0.0:
                continue
            await self._sleep_until_woken(delay)

    async def _rebuild_damaged_cache(self, generation: int) -> float | None:
        """The outbox sits on a damaged page: retrying would fail the same way forever while everything
        queued behind it waits. Rescue what is queued and go on at once with a rebuilt cache (an item
        that was on the wire is sent again with its idempotency key, so the marketplace replays it)."""
        log.error("the cache is damaged where the outbox lies; rescuing what is queued and rebuilding it")
        try:
            report = await self._db.rebuild(generation)
        except StorageError as exc:
            log.error("the damaged cache could not be rebuilt: %s", exc.message)
            return 5.0
        if report is not None and self.on_cache_rebuilt is not None:
            self.on_cache_rebuilt(report)
        self._report_pending()
        return 0.0

    async def _send_next(self) -> float | None:
        """Send the oldest due item. Returns how long to wait (None: until kicked; 0: go on at once)."""
        if self._paused_for_auth or self.disk.full:
            return None
        if self._unsaved_sent is not None:
            return await self._write_unsaved_sent()
        now = utcnow()
        if self._due_now and time.monotonic() >= self._hold_until:
            self._due_now = False
            item = await self._db.read(outbox.oldest_pending)
        else:
            item = await self._db.read(lambda c: outbox.next_due(c, now))
        if item is None:
            oldest = await self._db.read(outbox.oldest_pending)
            if oldest is None:
                return None
            return max(0.05, (oldest.next_attempt_at - utcnow()).total_seconds())
        handler = self._handlers.get(item.kind)
        if handler is None:
            await self._fail(item, Notice.text(f"unknown action kind {item.kind!r}"))
            return 0.0
        if self._mark_attempts:
            await self._db.write(lambda c: outbox.mark_started(c, item.id, utcnow()))
        try:
            apply = await handler(item)
        except (OfflineError, ServerError, RateLimitedError, BadReplyError) as exc:
            # BadReplyError too: the server may have acted; the idempotency key makes a resend safe.
            wait = self._backoff.delay_after(exc)
            log.info("outbox %s #%s deferred %.1fs: %s", item.kind, item.id, wait, exc.message)
            due = utcnow() + timedelta(seconds=wait)
            if isinstance(exc, RateLimitedError) and exc.retry_after:
                self._hold_until = time.monotonic() + exc.retry_after
            reason = exc.notice
            await self._db.write(lambda c: outbox.schedule_retry(c, item.id, reason, due))
            if self.on_transient_failure is not None:
                self.on_transient_failure(exc)
            return wait
        except AuthError as exc:
            log.warning("outbox paused until signed in again: %s", exc.message)
            self._paused_for_auth = True
            return None
        except RequestRejected as exc:
            await self._fail(item, exc.notice)
            return 0.0

        def commit(conn: sqlite3.Connection) -> None:
            apply(conn)
            outbox.mark_sent(conn, item.id)

        try:
            await self._db.write(commit)
        except DiskFullError:
            self._unsaved_sent = (item, commit)
            raise
        return self._sent(item)

    async def _write_unsaved_sent(self) -> float:
        """Record the delivery the full disk kept from being written (the server has it already)."""
        assert self._unsaved_sent is not None
        item, commit = self._unsaved_sent
        await self._db.write(commit)
        self._unsaved_sent = None
        log.info("outbox %s #%s: delivery recorded now that the disk has room", item.kind, item.id)
        return self._sent(item)

    async def _space_returned(self) -> None:
        # What waited for room goes now (as kick(), but a pause for sign-in stays a pause).
        self._due_now = True
        self._wake.set()

    def _sent(self, item: OutboxItem) -> float:
        self._backoff.reset()
        after = self._after_apply.get(item.kind)
        if after is not None:
            after(item)
        self._report_pending()
        return 0.0

    async def _fail(self, item: OutboxItem, reason: Notice) -> None:
        log.warning("outbox %s #%s refused: %s", item.kind, item.id, reason)
        undo = self._on_failure.get(item.kind)
        undo_fn = undo(item, reason) if undo is not None else None

        def commit(conn: sqlite3.Connection) -> None:
            if undo_fn is not None:
                undo_fn(conn)
            outbox.mark_failed(conn, item.id, reason)

        await self._db.write(commit)
        self._bus.emit(ActionFailed(kind=item.kind, notice=reason))
        self._bus.emit(AttentionChanged())
        self._report_pending()
