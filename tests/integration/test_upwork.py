"""The Upwork adapter through the marketplace port, against the Upwork-shaped server on loopback (no Qt).

What Upwork's API cannot do shows in the capabilities; what it does differently (no push, no idempotency
keys, rotated refresh tokens, 24 h cache limit, 10 requests/s per IP) is exercised for real here.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.api.auth import TokenSet
from desktop.core.capabilities import PollPlan
from desktop.core.clock import utcnow
from desktop.core.models import DeliveryState
from desktop.credentials import CredentialStore
from desktop.services.container import Services, build_services
from desktop.services.marketplaces import AppKey, MarketplaceKind, UpworkGrants, open_marketplace
from desktop.services.session import Session
from desktop.storage import messages, outbox, proposals, retention
from desktop.storage.db import Database
from desktop.storage.summary import cached_counts
from tests.support.polling import until

FAST_POLLS = PollPlan(open_room=0.3, feed=1.0, idle_cap=2.0)
TEST_RATE = 200.0  # requests/s for tests that are not about the rate: a full pull is ~45 requests


def fast_adapter(session: Session) -> Any:
    from desktop.api.upwork import UpworkMarketplace
    from desktop.api.upwork.endpoints import UpworkEndpoints

    return UpworkMarketplace(UpworkEndpoints.for_server(session.server_url), session, rate=TEST_RATE)


def tokens_from(issued: dict[str, Any]) -> TokenSet:
    now = utcnow()
    return TokenSet(issued["access_token"], issued["refresh_token"],
                    now + timedelta(seconds=float(issued["expires_in"])), "Bearer", now)


def upwork_session(server: Any, store: CredentialStore | None = None) -> Session:
    key = AppKey(server.CLIENT_ID, server.CLIENT_SECRET)
    session = Session(server.url, server.DEMO_EMAIL, store or CredentialStore.memory_only(),
                      grants=UpworkGrants(server.url, key))
    session.adopt(tokens_from(server.issue_tokens()))
    return session


@pytest.fixture
async def upwork_services(upwork_sandbox: Any, tmp_path: Path) -> AsyncIterator[Services]:
    session = upwork_session(upwork_sandbox)
    built = await build_services(Database.open(tmp_path / "cache.sqlite3"), session, account_label="upwork",
                                 api=fast_adapter(session))
    built.sync.capabilities = dataclasses.replace(built.sync.capabilities, poll=FAST_POLLS)
    yield built
    await built.aclose()


def _first_room(server: Any) -> str:
    return str(server.room_ids()[0])


async def test_a_first_pull_caches_what_upwork_offers_and_notes_when_it_was_fetched(
        upwork_services: Services, upwork_sandbox: Any) -> None:
    await upwork_services.sync.pull()
    counts = await upwork_services.db.read(cached_counts)
    open_jobs = upwork_sandbox.db.one("SELECT count(*) AS n FROM jobs WHERE status = 'OPEN'")["n"]
    assert counts["jobs"] == open_jobs
    assert counts["rooms"] == len(upwork_sandbox.room_ids())
    assert counts["proposals"] > 0
    assert counts["messages"] > 0
    assert counts["transactions"] > 0
    assert counts["invitations"] == 0
    assert counts["saved_searches"] == 0  # Upwork's API lists neither
    noted = await upwork_services.db.read(
        lambda c: c.execute("SELECT resource, count(*) FROM fetched GROUP BY resource").fetchall())
    assert dict(noted)["jobs"] == counts["jobs"]
    caps = upwork_services.api.capabilities
    assert not caps.live_events
    assert not caps.idempotency_keys
    assert caps.max_cache_age == timedelta(hours=24)


async def test_a_full_pull_stays_under_the_adapters_share_of_the_rate_limit(tmp_path: Path) -> None:
    from desktop.sandbox.upwork.harness import UpworkSandboxServer

    with UpworkSandboxServer(tmp_path / "u.sqlite3", rate_limit_per_second=10.0) as server:  # Upwork's limit
        session = upwork_session(server)
        api = open_marketplace(MarketplaceKind.UPWORK, session)
        services = await build_services(Database.open(tmp_path / "cache.sqlite3"), session,
                                        account_label="upwork", api=api)
        try:
            started = time.monotonic()
            await services.sync.pull()
            elapsed = time.monotonic() - started
        finally:
            await services.aclose()
        sent = server.requests.total
        assert server.requests.rate_limited == 0
    assert sent <= 4.0 * elapsed + 4  # 4 requests/s sustained, a burst of 4: well under Upwork's 10


async def test_a_message_reaches_upwork_once_even_when_the_reply_is_lost(
        upwork_services: Services, upwork_sandbox: Any) -> None:
    await upwork_services.sync.pull()
    room = _first_room(upwork_sandbox)
    upwork_sandbox.faults.drop_next_story_reply("disconnect")  # stored by Upwork, answer never arrives
    upwork_services.outbox.start()
    body = f"Sent once, whatever happens ({time.monotonic_ns()})"
    await upwork_services.chat.send(room, body)

    async def delivered() -> bool:
        return await upwork_services.outbox.pending_count() == 0

    await until(delivered, within=30)
    assert [s["message"] for s in upwork_sandbox.stories(room)].count(body) == 1
    thread = await upwork_services.db.read(lambda c: messages.for_room(c, room, limit=200))
    mine = [m for m in thread if m.body == body]
    assert len(mine) == 1
    assert mine[0].state is DeliveryState.SENT
    assert not mine[0].is_local


async def test_a_send_interrupted_before_the_post_is_sent_exactly_once_after_a_restart(
        upwork_sandbox: Any, tmp_path: Path) -> None:
    """A kill -9 right after the attempt was committed as started, before (or after) the POST: the next
    start looks on Upwork first, then sends only what is not there."""
    path = tmp_path / "cache.sqlite3"
    room = _first_room(upwork_sandbox)
    session = upwork_session(upwork_sandbox)
    first = await build_services(Database.open(path), session, account_label="upwork",
                                 api=fast_adapter(session))
    await first.sync.pull()
    arrived = await first.chat.send(room, "This one reached Upwork before the crash")
    missing = await first.chat.send(room, "This one never left")
    # what a crash leaves: both attempts marked started; only the first reached Upwork
    await first.api.post_message(room, arrived.body, "crash")
    items = await first.db.read(lambda c: outbox.list(c, "pending"))
    await first.db.write(lambda c: [outbox.mark_started(c, i.id, utcnow()) for i in items])
    await first.aclose()

    again = upwork_session(upwork_sandbox)
    second = await build_services(Database.open(path), again, account_label="upwork",
                                  api=fast_adapter(again))
    try:
        second.outbox.start()

        async def delivered() -> bool:
            return await second.outbox.pending_count() == 0

        await until(delivered, within=30)
        bodies = [s["message"] for s in upwork_sandbox.stories(room)]
        assert bodies.count(arrived.body) == 1
        assert bodies.count(missing.body) == 1
        assert bodies.index(arrived.body) < bodies.index(missing.body)
    finally:
        await second.aclose()


async def test_concurrent_401s_refresh_once_and_the_rotated_token_is_kept(tmp_path: Path) -> None:
    from desktop.sandbox.upwork.harness import UpworkSandboxServer

    with UpworkSandboxServer(tmp_path / "u.sqlite3", access_token_ttl=3.0, old_refresh_grace=2.0) as server:
        store = CredentialStore.memory_only()
        session = upwork_session(server, store)
        # The local expiry says "fresh" for a day: only the server's 401s tell the tokens are stale.
        stale = session.tokens
        assert stale is not None
        session.adopt(dataclasses.replace(stale, expires_at=utcnow() + timedelta(days=1)))
        api = fast_adapter(session)
        try:
            await asyncio.sleep(3.2)
            people = await asyncio.gather(*(api.me() for _ in range(6)))
            assert {p.id for p in people} == {people[0].id}
            assert session.refresh_count == 1
            assert server.requests.token_requests == 1
            fresh = session.tokens
            assert fresh is not None
            assert fresh.refresh_token != stale.refresh_token
            assert fresh.refresh_token is not None
            assert fresh.refresh_token in (store.get(session.entry) or "")  # rotated pair in the keychain
        finally:
            await api.aclose()


async def test_what_could_not_be_refreshed_within_24_hours_is_purged_and_the_users_own_stays(
        upwork_services: Services, upwork_sandbox: Any) -> None:
    sync = upwork_services.sync
    await sync.pull()
    room = _first_room(upwork_sandbox)
    await upwork_services.chat.send(room, "Typed offline, still waiting to be sent")
    draft_job = (await upwork_services.db.read(
        lambda c: c.execute("SELECT id FROM jobs LIMIT 1").fetchone()))[0]
    from desktop.core.models import ProposalDraft
    from desktop.core.money import Money

    await upwork_services.proposals.save_draft(ProposalDraft(
        job_id=draft_job, cover_letter="My own words " * 10, bid=Money.of("500"), duration="1 to 3 months",
        fee_rate=Decimal("0.10")))

    later = utcnow() + timedelta(hours=25)
    sync._clock = lambda: later  # offline for a day: nothing could be fetched again
    purged = await sync.enforce_cache_age()
    assert purged is not None
    assert purged.counts["jobs"] > 0
    assert purged.counts["messages"] > 0
    counts = await upwork_services.db.read(cached_counts)
    assert counts["jobs"] == 0
    assert counts["transactions"] == 0
    assert counts["rooms"] == 0
    assert sync.status.purged == purged.total
    left = await upwork_services.db.read(lambda c: messages.for_room(c, room, limit=50))
    assert [m.body for m in left] == ["Typed offline, still waiting to be sent"]
    assert await upwork_services.proposals.draft_for(draft_job) is not None
    assert await upwork_services.outbox.pending_count() == 1

    sync._clock = utcnow  # back online: the next full pull brings it all back
    await upwork_services.db.write(lambda c: c.execute("DELETE FROM sync_state"))
    await sync.pull()
    assert (await upwork_services.db.read(cached_counts))["jobs"] > 0
    assert await upwork_services.db.read(lambda c: retention.purge(c, utcnow() - timedelta(hours=24))) \
        == retention.Purged({})


async def test_a_client_reply_in_the_open_room_arrives_within_the_poll_interval(
        upwork_services: Services, upwork_sandbox: Any) -> None:
    await upwork_services.sync.start()
    await upwork_services.sync.wait_until_synced(30)
    room = _first_room(upwork_sandbox)
    upwork_services.sync.set_open_room(room)
    body = f"Could you start on Monday? ({time.monotonic_ns()})"
    upwork_sandbox.add_client_reply(room, body)
    started = time.monotonic()

    async def shown() -> bool:
        thread = await upwork_services.db.read(lambda c: messages.for_room(c, room, limit=50))
        return any(m.body == body for m in thread)

    await until(shown, within=10)
    assert time.monotonic() - started < FAST_POLLS.open_room * 3 + 2


async def test_proposals_are_listed_but_not_sent_through_upwork(upwork_services: Services) -> None:
    await upwork_services.sync.pull()
    listed = await upwork_services.db.read(proposals.list)
    assert listed
    assert all(not p.id.startswith("local:") for p in listed)
    caps = upwork_services.api.capabilities
    assert not caps.submit_proposals
    assert not caps.withdraw_proposals
    assert not caps.connects_balance
