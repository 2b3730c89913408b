"""The sync engine and the outbox worker against the real reference server (no Qt)."""

from __future__ import annotations

import asyncio
import itertools
import logging
import sqlite3
import time
from collections.abc import AsyncIterator
from dataclasses import FrozenInstanceError, replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop.api.client import MarketplaceClient
from desktop.api.retry import RetryPolicy
from desktop.core.clock import utcnow
from desktop.core.errors import AtelierError
from desktop.core.models import DeliveryState, SyncStatus
from desktop.credentials import CredentialStore
from desktop.services import sync as sync_module
from desktop.services.container import Services, build_services
from desktop.services.events import (
    ActionFailed,
    Event,
    JobsChanged,
    MessagesChanged,
    ProfileChanged,
    StatusChanged,
)
from desktop.services.session import Session
from desktop.storage import earnings, jobs, messages, outbox, sync_state
from desktop.storage.db import Database
from desktop.storage.summary import cached_counts

DEMO = "demo@atelier.test"


@pytest.fixture
async def services(sandbox: Any, tmp_path: Path) -> AsyncIterator[Services]:
    session = Session(sandbox.url, DEMO, CredentialStore.memory_only())
    await session.sign_in_with_password("demo")
    # One attempt per request: these tests make the server fail on purpose and want the error at once.
    api = MarketplaceClient(sandbox.url, session, retry=RetryPolicy(max_attempts=1))
    built = await build_services(Database.open(tmp_path / "cache.sqlite3"), session, account_label="test",
                                 api=api)
    yield built
    await built.aclose()


async def test_a_first_pull_caches_everything_the_server_has(services: Services, sandbox: Any) -> None:
    await services.sync.pull()
    assert await services.db.read(cached_counts) == sandbox.counts()
    summary = await services.db.read(earnings.get_summary)
    assert summary is not None
    assert summary.lifetime.amount > 0


async def test_an_interrupted_first_pull_resumes_from_its_watermark(
        services: Services, sandbox: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sync_module, "PAGE_SIZE", 25)
    monkeypatch.setattr(sync_module, "FLUSH_ITEMS", 50)
    fetched: list[int] = []
    real_jobs_page = services.api.jobs_page

    async def counting_jobs_page(*args: Any, **kwargs: Any) -> Any:
        page = await real_jobs_page(*args, **kwargs)
        fetched.append(len(page.items))
        if len(fetched) == 6 and not broke:  # the newest page, then five of the full load: the server breaks
            broke.append(True)
            sandbox.faults.add("error", count=None, path_prefix="/v1/jobs")
        return page

    broke: list[bool] = []

    monkeypatch.setattr(services.api, "jobs_page", counting_jobs_page)
    with pytest.raises(AtelierError):
        await services.sync.pull()
    watermark = await services.db.read(lambda c: sync_state.get(c, "watermark:jobs"))
    cached = await services.db.read(jobs.total)
    assert watermark is not None
    assert 0 < cached < sandbox.counts()["jobs"]

    sandbox.faults.clear()
    fetched.clear()
    await services.sync.pull()
    assert await services.db.read(jobs.total) == sandbox.counts()["jobs"]
    # it went on from the watermark instead of starting over
    assert sum(fetched) <= sandbox.counts()["jobs"] - cached + sync_module.FLUSH_ITEMS


async def test_a_refused_action_is_marked_failed_and_the_user_is_told(services: Services) -> None:
    told: list[Event] = []
    services.bus.subscribe(told.append)
    await services.sync.pull()
    services.outbox.start()
    local = await services.chat.send("room_that_does_not_exist", "Hello?")
    assert local.state is DeliveryState.SENDING

    async def settled() -> bool:
        return await services.outbox.pending_count() == 0

    from tests.support.polling import until

    await until(settled, within=20)  # a loaded machine can take seconds; never assert before it settled
    thread = await services.db.read(lambda c: messages.for_room(c, "room_that_does_not_exist"))
    assert [m.state for m in thread] == [DeliveryState.FAILED]
    assert any(isinstance(e, ActionFailed) and e.kind == "message.send" for e in told)


async def test_what_queued_during_a_fault_drains_at_once_when_the_marketplace_answers_again(
        services: Services, sandbox: Any) -> None:
    """The outbox's backoff had the head message wait many seconds; the first successful pull after the
    fault clears sends everything at once instead of at the backoff's pace."""
    await services.sync.pull()
    room = (await services.db.read(lambda c: c.execute("SELECT id FROM rooms LIMIT 1").fetchone()))[0]
    sandbox.faults.add("error", count=None, path_prefix=f"/v1/rooms/{room}/messages")
    services.outbox.start()
    bodies = [f"Queued during the outage, number {i}" for i in range(6)]
    for body in bodies:
        await services.chat.send(room, body)

    async def backing_off_long() -> bool:
        head = await services.db.read(outbox.oldest_pending)
        return head is not None and (head.next_attempt_at - utcnow()).total_seconds() > 3

    from tests.support.polling import until

    await until(backing_off_long, within=60)
    sandbox.faults.clear()
    started = time.monotonic()
    await services.sync.sync_now()

    async def drained() -> bool:
        return await services.outbox.pending_count() == 0

    await until(drained, within=10)
    assert time.monotonic() - started < 3
    sent = await services.db.read(lambda c: [m.body for m in messages.for_room(c, room, limit=500)])
    assert [b for b in sent if b in bodies] == bodies  # in order, once each


async def test_offline_is_one_log_line_not_a_warning_per_retry(
        services: Services, sandbox: Any, caplog: pytest.LogCaptureFixture) -> None:
    await services.sync.pull()
    room = (await services.db.read(lambda c: c.execute("SELECT id FROM rooms LIMIT 1").fetchone()))[0]
    sandbox.stop()
    caplog.set_level(logging.DEBUG, logger="atelier")
    services.outbox.start()
    await services.chat.send(room, "Typed while the marketplace is away")
    for _ in range(3):  # the user presses "Sync now" now and then; the outbox keeps retrying meanwhile
        await services.sync.sync_now()
        await asyncio.sleep(1.5)
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith("atelier")]
    assert len([r for r in warnings if "does not answer" in r.getMessage()]) == 1, warnings
    assert all("does not answer" in r.getMessage() for r in warnings), [r.getMessage() for r in warnings]
    assert services.api.reachability.failures >= 3  # type: ignore[attr-defined]

    sandbox.start()
    await services.sync.sync_now()

    async def delivered() -> bool:
        return await services.outbox.pending_count() == 0

    from tests.support.polling import until

    await until(delivered, within=20)
    assert any("answers again" in r.getMessage() for r in caplog.records)


async def test_a_status_the_window_kept_stays_what_it_was_shown(services: Services) -> None:
    """Every status change is a new value, published once: a pane that keeps the status it was given
    (to compare with the next, or to show it later) never sees it change under it, and the bus carries
    one StatusChanged per real change (a repeated count or phrase publishes nothing)."""
    shown: list[tuple[SyncStatus, SyncStatus]] = []  # (the value published, a copy taken when it was)
    services.bus.subscribe(
        lambda e: shown.append((e.status, replace(e.status))) if isinstance(e, StatusChanged) else None)
    await services.sync.start()
    await services.sync.wait_until_synced(30)
    room = (await services.db.read(lambda c: c.execute("SELECT id FROM rooms LIMIT 1").fetchone()))[0]
    await services.chat.send(room, "A status kept by a pane does not move")

    async def delivered() -> bool:
        return await services.outbox.pending_count() == 0

    from tests.support.polling import until

    await until(delivered, within=20)
    await services.sync.sync_now()
    await asyncio.sleep(0.3)  # the outbox reports its count off the writer: let the last report land
    assert len(shown) >= 4
    assert all(kept == copy for kept, copy in shown), "a published status changed after it was published"
    values = [kept for kept, _ in shown]
    assert all(a != b for a, b in itertools.pairwise(values)), "a StatusChanged changed nothing"
    assert any(v.pending_outbox == 1 for v in values)
    assert values[-1].pending_outbox == 0
    assert values[-1] == services.sync.status
    assert values[-1].last_synced_at is not None
    with pytest.raises(FrozenInstanceError):
        services.sync.status.pending_outbox = 3  # type: ignore[misc]


def _cached_rows(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the marketplace's data in the cache (not the sync positions, outbox or indexes)."""
    tables = ("jobs", "proposals", "invitations", "saved_searches", "rooms", "messages", "transactions",
              "earnings_summary", "profile")
    # a saved search's seen_at is when the user last opened it here
    columns = {"saved_searches": "id, client_key, name, filter_json, created_at, updated_at, deleting"}
    return {t: conn.execute(f"SELECT {columns.get(t, '*')} FROM {t} ORDER BY 1").fetchall() for t in tables}


def _told(events: list[Event]) -> set[tuple[str, frozenset[str]]]:
    """What the window was told, per event type, with the ids it names merged (a pull tells a batch in
    one event, the stream one event per change). The profile and the earnings summary are fetched whole on
    every pull whatever changed, so their notices are left out here (compared where a change moves them)."""
    told: dict[str, set[str]] = {}
    for e in events:
        if isinstance(e, StatusChanged | ProfileChanged):
            continue
        ids: tuple[str, ...] = ()
        if isinstance(e, JobsChanged):
            ids = e.new_job_ids
        elif isinstance(e, MessagesChanged):
            ids = tuple(e.room_ids)
        told.setdefault(type(e).__name__, set()).update(ids)
    return {(name, frozenset(ids)) for name, ids in told.items()}


def _change_on_the_server(sandbox: Any, change: str) -> list[str]:
    """Make one change of the kind ``change`` on the marketplace: the simulator's clients and payments,
    or the account's saved searches from another device. Returns the event types it caused."""
    if change.startswith("saved_search."):
        auth = {"Authorization": f"Bearer {sandbox.token_for(DEMO)}"}
        with httpx.Client(base_url=sandbox.url, headers=auth) as http:
            if change == "saved_search.everything":  # a saved search every new job matches
                http.post("/v1/saved-searches", json={"name": "Everything", "query": {}}).raise_for_status()
            elif change == "saved_search.created":
                http.post("/v1/saved-searches", json={"name": "Rust, from the phone", "query": {"q": "rust"}},
                          headers={"Idempotency-Key": "phone-1"}).raise_for_status()
            else:
                first = http.get("/v1/saved-searches").raise_for_status().json()["items"][0]["id"]
                http.delete(f"/v1/saved-searches/{first}").raise_for_status()
        return [change]
    caused: list[str] = []
    for _ in range(500):
        caused.append(sandbox.simulator.step())
        if caused[-1] == change:
            break
    return caused


@pytest.mark.parametrize("change", ["message.created", "proposal.updated", "transaction.updated",
                                    "invitation.created", "job.created", "saved_search.created",
                                    "saved_search.deleted"])
async def test_a_change_pulled_and_the_same_change_pushed_leave_the_same_cache_and_tell_the_same(
        change: str, sandbox: Any, tmp_path: Path) -> None:
    """Two caches of one account: the marketplace changes once; one cache pulls the change, the other takes
    it from the live event stream (the server's own events, replayed from before the change). Both end
    with the same rows and the window is told the same about it: e.g. a pulled message refreshes the room
    list (its preview and order) exactly as a pushed one does."""
    _change_on_the_server(sandbox, "saved_search.everything")  # so a new job also arrives as job.matched
    session = Session(sandbox.url, DEMO, CredentialStore.memory_only())
    await session.sign_in_with_password("demo")
    pulled, pushed = [
        await build_services(Database.open(tmp_path / f"{name}.sqlite3"), session, account_label=name,
                             api=MarketplaceClient(sandbox.url, session))
        for name in ("pulled", "pushed")]
    try:
        for side in (pulled, pushed):
            await side.sync.pull()
        assert await pulled.db.read(_cached_rows) == await pushed.db.read(_cached_rows)
        start = sandbox.store.last_event_id()
        assert change in _change_on_the_server(sandbox, change)
        end = sandbox.store.last_event_id()
        assert end > start

        by_pull: list[Event] = []
        pulled.bus.subscribe(by_pull.append)
        await pulled.sync.pull()

        by_push: list[Event] = []
        pushed.bus.subscribe(by_push.append)
        types: list[str] = []

        async def replay() -> None:
            async with pushed.api.events(str(start)) as stream:
                async for event in stream:
                    types.append(event.type)
                    await pushed.sync._apply_event(event)
                    if int(event.id) >= end:
                        return

        await asyncio.wait_for(replay(), 30)
        assert change in types
        rows_pulled, rows_pushed = await pulled.db.read(_cached_rows), await pushed.db.read(_cached_rows)
        for table in rows_pulled:
            assert rows_pulled[table] == rows_pushed[table], table
        live_only = {"SavedSearchMatched"}  # the server says which saved searches a job matches only live
        assert {t for t in _told(by_push) if t[0] not in live_only} == _told(by_pull) - {
            ("EarningsChanged", frozenset())} | ({("EarningsChanged", frozenset())} & _told(by_push))
    finally:
        for side in (pulled, pushed):
            await side.aclose()


async def test_a_burst_of_live_changes_publishes_one_status_not_one_per_event(
        services: Services, sandbox: Any) -> None:
    """Twenty messages from clients in a row arrive as twenty live events and twenty cache writes, but the
    status bar's "last synced" (shown in minutes) moves once: no StatusChanged per event."""
    await services.sync.start()
    await services.sync.wait_until_synced(30)
    await asyncio.sleep(0.5)  # the event stream is connected and the last pull's status is out
    statuses: list[SyncStatus] = []
    told: list[MessagesChanged] = []
    services.bus.subscribe(lambda e: statuses.append(e.status) if isinstance(e, StatusChanged) else None)
    services.bus.subscribe(lambda e: told.append(e) if isinstance(e, MessagesChanged) else None)
    before = await services.db.read(lambda c: c.execute("SELECT count(*) FROM messages").fetchone()[0])
    caused = [_change_on_the_server(sandbox, "message.created") for _ in range(20)]
    created = sum(kinds.count("message.created") for kinds in caused)

    from tests.support.polling import until

    async def all_arrived() -> bool:
        now = await services.db.read(lambda c: c.execute("SELECT count(*) FROM messages").fetchone()[0])
        return int(now) >= int(before) + created

    await until(all_arrived, within=30)
    assert len(told) >= created >= 20
    assert len(statuses) <= 1, [s.last_synced_at for s in statuses]
