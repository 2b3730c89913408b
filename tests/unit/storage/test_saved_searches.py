"""Saved searches in the cache: the server's copies, the ones saved or deleted here and not yet sent, and
how many cached jobs are new in each since it was last opened."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from desktop.core.models import ExperienceLevel, JobFilter, JobType, SavedSearch
from desktop.storage import jobs, saved_searches
from desktop.storage.db import Database
from tests.unit.storage.factories import BASE_TIME, make_job

PYTHON = JobFilter(query="python", job_type=JobType.HOURLY, min_budget=Decimal("40"),
                   experience_level=ExperienceLevel.EXPERT, payment_verified_only=True, max_proposals=15)


def server_copy(i: int, name: str = "Python", **overrides: object) -> SavedSearch:
    search = SavedSearch(id=f"ss_{i}", name=name, filter=PYTHON, created_at=BASE_TIME,
                         updated_at=BASE_TIME + timedelta(minutes=i))
    return replace(search, **overrides)  # type: ignore[arg-type]


def names(db: Database) -> list[str]:
    return [s.name for s in db.read_now(saved_searches.list)]


def test_filters_survive_the_cache_exactly() -> None:
    assert saved_searches.filter_from_json(saved_searches.filter_to_json(PYTHON)) == PYTHON
    assert saved_searches.filter_from_json(saved_searches.filter_to_json(JobFilter())) == JobFilter()


def test_server_copies_tombstones_and_stale_copies(db: Database) -> None:
    db.write_now(lambda c: saved_searches.upsert_many(c, [server_copy(1), server_copy(2, "Go")]))
    assert names(db) == ["Python", "Go"]
    newer = server_copy(1, "Python, renamed", updated_at=BASE_TIME + timedelta(hours=1))
    db.write_now(lambda c: saved_searches.upsert_many(c, [newer]))
    db.write_now(lambda c: saved_searches.upsert_many(c, [server_copy(1, "Old name")]))  # a stale delta page
    assert names(db) == ["Python, renamed", "Go"]
    db.write_now(lambda c: saved_searches.upsert_many(c, [server_copy(2, deleted=True)]))
    assert names(db) == ["Python, renamed"]
    assert db.read_now(lambda c: saved_searches.get(c, "ss_1")).filter == PYTHON  # type: ignore[union-attr]


def test_a_search_saved_here_keeps_when_it_was_seen_once_the_server_has_it(db: Database) -> None:
    saved_at = BASE_TIME - timedelta(days=1)
    local = db.write_now(lambda c: saved_searches.insert_local(c, "Python", PYTHON, "key-1", saved_at))
    assert local.is_local
    assert names(db) == ["Python"]
    assert db.read_now(lambda c: saved_searches.server_id(c, local.id)) is None
    db.write_now(lambda c: saved_searches.replace_local(c, "key-1", server_copy(7)))
    [stored] = db.read_now(saved_searches.list)
    assert stored.id == "ss_7"
    assert stored.seen_at == saved_at
    assert db.read_now(lambda c: saved_searches.server_id(c, local.id)) == "ss_7"


def test_a_search_being_deleted_stays_hidden_until_the_tombstone(db: Database) -> None:
    db.write_now(lambda c: saved_searches.upsert_many(c, [server_copy(1)]))
    db.write_now(lambda c: saved_searches.mark_deleting(c, "ss_1"))
    assert names(db) == []
    # A pull that ran before the delete was sent brings the server's live copy: still hidden.
    live = server_copy(1, updated_at=BASE_TIME + timedelta(1))
    db.write_now(lambda c: saved_searches.upsert_many(c, [live]))
    assert names(db) == []
    db.write_now(lambda c: saved_searches.upsert_many(c, [server_copy(1, deleted=True,
                                                                      updated_at=BASE_TIME + timedelta(2))]))
    assert db.read_now(lambda c: saved_searches.get(c, "ss_1")) is None


def test_new_jobs_are_counted_from_when_the_search_was_last_opened(db: Database) -> None:
    plain = JobFilter(query="python")
    search = replace(server_copy(1), filter=plain)
    arrived = BASE_TIME + timedelta(days=1)
    db.write_now(lambda c: saved_searches.upsert_many(c, [search], now=arrived))
    old = make_job(1, title="Python scraper", posted_at=arrived - timedelta(hours=2))
    fresh = [make_job(i, title=f"Python job {i}", posted_at=arrived + timedelta(minutes=i)) for i in (2, 3)]
    other = make_job(4, title="Rust service", description="Rust only", skills=("rust",),
                     posted_at=arrived + timedelta(minutes=5))
    db.write_now(lambda c: jobs.upsert_many(c, [old, *fresh, other]))
    [(listed, new)] = db.read_now(saved_searches.with_new_counts)
    assert listed.id == "ss_1"
    assert new == 2  # posted after it arrived here, and matching
    db.write_now(lambda c: saved_searches.mark_seen(c, "ss_1", arrived + timedelta(minutes=2, seconds=30)))
    assert db.read_now(saved_searches.with_new_counts)[0][1] == 1


def test_muting_a_search_is_kept_through_the_marketplaces_updates(db: Database) -> None:
    """The notify switch is the user's, on this computer: a newer server copy or the server taking over a
    search saved here never turns it back on."""
    db.write_now(lambda c: saved_searches.upsert_many(c, [server_copy(1)]))
    assert db.read_now(lambda c: saved_searches.get(c, "ss_1")).notify  # type: ignore[union-attr]
    db.write_now(lambda c: saved_searches.set_notify(c, "ss_1", False))
    renamed = server_copy(1, "Python, renamed", updated_at=BASE_TIME + timedelta(hours=1))
    db.write_now(lambda c: saved_searches.upsert_many(c, [renamed]))
    assert db.read_now(lambda c: saved_searches.get(c, "ss_1")).notify is False  # type: ignore[union-attr]

    db.write_now(lambda c: saved_searches.insert_local(c, "Go", PYTHON, "key-2", BASE_TIME))
    db.write_now(lambda c: saved_searches.set_notify(c, "local:key-2", False))
    db.write_now(lambda c: saved_searches.replace_local(c, "key-2", server_copy(8, "Go")))
    assert db.read_now(lambda c: saved_searches.get(c, "ss_8")).notify is False  # type: ignore[union-attr]
