"""Saved searches between the client's services and the real reference server: the seeded ones arrive,
one saved while the server is down reaches it exactly once, a new matching job is counted as new, a
delete reaches the server and does not come back."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from desktop.core.errors import RequestRejected
from desktop.core.models import ConnectionState, JobFilter
from desktop.services.container import Services
from desktop.services.events import Event, SavedSearchMatched
from desktop.storage import saved_searches
from desktop.storage.summary import cached_counts
from tests.support.polling import until

DEMO = "demo@atelier.test"
EVERY_NEW_JOB = JobFilter(max_proposals=1000)  # new jobs have no proposals yet


async def server_searches(services: Services) -> list[Any]:
    return list((await services.api.saved_searches_page(limit=200)).items)


async def test_saved_searches_round_trip_with_the_server(services: Services, sandbox: Any) -> None:
    matched: list[SavedSearchMatched] = []

    def listen(event: Event) -> None:
        if isinstance(event, SavedSearchMatched):
            matched.append(event)

    services.bus.subscribe(listen)
    await services.start()
    await services.sync.wait_until_synced(30)
    seeded = await services.db.read(saved_searches.list)
    assert len(seeded) == sandbox.counts()["saved_searches"] == 2

    # Saved while the server is down: shown at once, sent once it is back, exactly once.
    sandbox.stop()
    local = await services.saved_searches.save("  Every   new job ", EVERY_NEW_JOB)
    assert local.is_local
    assert local.name == "Every new job"
    assert [s.id for s in await services.db.read(saved_searches.list)][-1] == local.id
    sandbox.start()
    await services.sync.sync_now()

    async def on_server() -> bool:
        return any(s.name == "Every new job" for s in await server_searches(services))

    await until(on_server)
    await until(lambda: _no_pending(services))
    ours = [s for s in await server_searches(services) if s.name == "Every new job"]
    assert len(ours) == 1
    [cached] = [s for s in await services.db.read(saved_searches.list) if s.name == "Every new job"]
    assert cached.id == ours[0].id
    assert cached.filter == EVERY_NEW_JOB

    # A new job on the marketplace: the server says it matches, and it counts as new in the search.
    async def live() -> bool:
        return services.sync.status.state is ConnectionState.ONLINE

    await until(live)  # the event stream is back after the restart
    job = sandbox.simulator.add_job()

    async def heard() -> bool:
        return any(m.job_id == job["id"] and cached.id in m.saved_search_ids for m in matched)

    await until(heard)
    counts = dict((s.id, n) for s, n in await services.saved_searches.list_with_new_counts())
    assert counts[cached.id] >= 1
    await services.saved_searches.mark_seen(cached.id)
    counts = dict((s.id, n) for s, n in await services.saved_searches.list_with_new_counts())
    assert counts[cached.id] == 0

    # Deleted here: gone from the server, and a full pull does not bring it back.
    await services.saved_searches.delete(cached.id)
    assert cached.id not in [s.id for s in await services.db.read(saved_searches.list)]

    async def gone() -> bool:
        return all(s.id != cached.id for s in await server_searches(services))

    await until(gone)
    await services.sync.pull()
    assert cached.id not in [s.id for s in await services.db.read(saved_searches.list)]
    assert len(await services.db.read(saved_searches.list)) == 2


async def _no_pending(services: Services) -> bool:
    return await services.outbox.pending_count() == 0


async def test_saved_and_deleted_while_offline_leaves_nothing_behind(
        services: Services, sandbox: Any) -> None:
    await services.start()
    await services.sync.wait_until_synced(30)
    sandbox.stop()
    local = await services.saved_searches.save("Second thoughts", EVERY_NEW_JOB)
    await services.saved_searches.delete(local.id)  # before the creation ever reached the server
    assert "Second thoughts" not in [s.name for s in await services.db.read(saved_searches.list)]
    sandbox.start()
    await services.sync.sync_now()
    await until(lambda: _no_pending(services))
    # The server saw both, in order: the search exists there only as a tombstone.
    assert "Second thoughts" not in [s.name for s in await server_searches(services)]
    everything = await services.api.saved_searches_page(updated_since=datetime(2000, 1, 1, tzinfo=UTC))
    assert [s.deleted for s in everything.items if s.name == "Second thoughts"] == [True]
    await services.sync.pull()
    names = [s.name for s in await services.db.read(saved_searches.list)]
    assert "Second thoughts" not in names
    assert len(names) == 2
    leftovers = await services.db.read(lambda c: c.execute(
        "SELECT count(*) FROM saved_searches WHERE name = 'Second thoughts'").fetchone()[0])
    assert leftovers == 0


async def test_a_marketplace_without_saved_searches_still_syncs(services: Services, sandbox: Any) -> None:
    """An older server answers 404 on /v1/saved-searches: the pull skips them and syncs everything else."""
    sandbox.faults.add("error", count=None, path_prefix="/v1/saved-searches", status=404)
    await services.sync.pull()
    counts = await services.db.read(cached_counts)
    assert counts["saved_searches"] == 0
    assert {k: v for k, v in counts.items() if k != "saved_searches"} == {
        k: v for k, v in sandbox.counts().items() if k != "saved_searches"}
    assert services.sync.status.last_synced_at is not None


async def test_other_refusals_of_saved_searches_still_fail_the_pull(services: Services, sandbox: Any) -> None:
    sandbox.faults.add("error", count=None, path_prefix="/v1/saved-searches", status=400)
    with pytest.raises(RequestRejected):
        await services.sync.pull()
