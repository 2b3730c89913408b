"""Saved searches: save the current job search by name, delete one (both through the outbox, so they work
offline and reach the server exactly once), and remember when each was last opened here."""

from __future__ import annotations

import dataclasses
import sqlite3
import uuid

from desktop.api.port import Marketplace
from desktop.core.clock import utcnow
from desktop.core.errors import InputRejected, RequestRejected
from desktop.core.models import JobFilter, JobSort, SavedSearch
from desktop.core.notices import Code, Notice
from desktop.services.events import EventBus, SavedSearchesChanged
from desktop.services.outbox import Applier, OutboxWorker
from desktop.storage import saved_searches
from desktop.storage.db import Database
from desktop.storage.outbox import OutboxItem

CREATE = "saved_search.create"
DELETE = "saved_search.delete"


class SavedSearchRejected(InputRejected):
    """The search cannot be saved as asked (the notice says why)."""


class SavedSearchService:
    def __init__(self, api: Marketplace, db: Database, bus: EventBus, worker: OutboxWorker) -> None:
        self._api = api
        self._db = db
        self._bus = bus
        self._worker = worker
        worker.register(CREATE, self._create_item, on_failure=self._create_failed, after_apply=self._announce)
        worker.register(DELETE, self._delete_item, after_apply=self._announce)

    async def list_with_new_counts(self) -> list[tuple[SavedSearch, int]]:
        return await self._db.read(saved_searches.with_new_counts)

    async def save(self, name: str, job_filter: JobFilter) -> SavedSearch:
        name = " ".join(name.split())
        if not name:
            raise SavedSearchRejected(Notice(Code.SEARCH_NAME_MISSING))
        if len(name) > SavedSearch.MAX_NAME:
            raise SavedSearchRejected(Notice(Code.SEARCH_NAME_TOO_LONG, (SavedSearch.MAX_NAME,)))
        if not job_filter.narrows:
            raise SavedSearchRejected(Notice(Code.SEARCH_NOT_NARROWED))
        # A saved search is a feed of new jobs: the sort order is not part of it.
        job_filter = dataclasses.replace(job_filter, query=job_filter.query.strip(), sort=JobSort.NEWEST)
        key = f"ss-{uuid.uuid4()}"
        now = utcnow()
        payload = {"name": name, "filter": saved_searches.filter_to_json(job_filter)}
        local: SavedSearch = await self._worker.enqueue(
            CREATE, payload, key,
            local_echo=lambda c: saved_searches.insert_local(c, name, job_filter, key, now))
        self._bus.emit(SavedSearchesChanged())
        return local

    async def delete(self, search_id: str) -> None:
        """Hidden at once; the server hears of it when it can (after the search's own creation, if that
        has not reached it yet: the outbox keeps their order)."""
        await self._worker.enqueue(
            DELETE, {"search_id": search_id}, f"ssd-{uuid.uuid4()}",
            local_echo=lambda c: saved_searches.mark_deleting(c, search_id))
        self._bus.emit(SavedSearchesChanged())

    async def set_notify(self, search_id: str, on: bool) -> None:
        """Announce this search's new jobs, or keep quiet about them (a choice made on this computer)."""
        await self._db.write(lambda c: saved_searches.set_notify(c, search_id, on))
        self._bus.emit(SavedSearchesChanged())

    async def mark_seen(self, search_id: str) -> None:
        """The user opened it: what is new in it starts again from now."""
        now = utcnow()
        await self._db.write(lambda c: saved_searches.mark_seen(c, search_id, now))
        self._bus.emit(SavedSearchesChanged())

    async def _create_item(self, item: OutboxItem) -> Applier:
        job_filter = saved_searches.filter_from_json(str(item.payload["filter"]))
        created = await self._api.create_saved_search(str(item.payload["name"]), job_filter,
                                                      item.idempotency_key)
        key = item.idempotency_key
        return lambda conn: saved_searches.replace_local(conn, key, created)

    def _create_failed(self, item: OutboxItem, reason: Notice) -> Applier:
        key = item.idempotency_key
        return lambda conn: saved_searches.remove_local(conn, key)

    async def _delete_item(self, item: OutboxItem) -> Applier:
        search_id = str(item.payload["search_id"])
        known_as = await self._db.read(lambda c: saved_searches.server_id(c, search_id))
        if known_as is None:  # its creation never reached the server (refused): nothing to delete there
            return lambda conn: saved_searches.delete(conn, search_id)
        try:
            tombstone = await self._api.delete_saved_search(known_as)
        except RequestRejected as exc:
            if exc.status == 404:  # already gone (deleted on another device)
                return lambda conn: saved_searches.delete(conn, known_as)
            raise

        def apply(conn: sqlite3.Connection) -> None:
            saved_searches.upsert_many(conn, [tombstone])
            saved_searches.delete(conn, known_as)

        return apply

    def _announce(self, item: OutboxItem) -> None:
        self._bus.emit(SavedSearchesChanged())
