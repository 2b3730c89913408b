"""The Jobs pane's behaviour without Qt: the JobsPresenter over a real cache and the real SavedSearchService
(its outbox not started, tests/support/local_services.py), driven as the widget drives it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.clock import utcnow
from desktop.core.models import JobFilter, JobSort, JobType
from desktop.core.money import Money
from desktop.presenters.jobs import PAGE_SIZE, JobsPresenter, JobsSnapshot
from desktop.services.events import JobsChanged, ProfileChanged, ProposalsChanged, SavedSearchesChanged
from desktop.services.saved_searches import DELETE, SavedSearchRejected
from desktop.storage import jobs, profile, proposals, saved_searches
from desktop.storage.db import Database
from tests.support.local_services import LocalServices, local_services, queued
from tests.unit.storage.factories import make_freelancer, make_job, make_jobs, make_proposal


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "cache.sqlite3")

    def fill(c: sqlite3.Connection) -> None:
        jobs.upsert_many(c, make_jobs(250))
        jobs.upsert_many(c, [
            make_job(1000 + i, title=f"Zanzibar operator {i}", job_type=JobType.FIXED,
                     posted_at=utcnow() - timedelta(hours=i), budget=Money(Decimal(8000 if i < 3 else 1000)))
            for i in range(5)])
        proposals.upsert_many(c, [make_proposal(3, job_id="job-000003")])

    database.write_now(fill)
    yield database
    database.close_now()


@pytest.fixture
def services(db: Database) -> LocalServices:
    return local_services(db, "usr_me", "Me")


@pytest.fixture
async def presenter(db: Database, services: LocalServices) -> JobsPresenter:
    p = JobsPresenter(db, services.bus, services.saved_searches, services.job_marks)
    p.load_now()
    p.start()
    await p.settle()
    return p


async def test_the_first_frame_has_the_feed_its_categories_and_the_applied_jobs(presenter: JobsPresenter,
                                                                                db: Database) -> None:
    s = presenter.snapshot
    assert len(s.rows) == PAGE_SIZE
    assert s.total == db.read_now(jobs.total) == 255
    assert s.categories
    assert "job-000003" in s.applied
    assert [j.id for j in s.rows] == [j.id for j in db.read_now(lambda c: jobs.page(c, JobFilter(), 0, 100))]


async def test_a_search_replaces_the_rows_and_more_appends_the_next_page(presenter: JobsPresenter) -> None:
    first = presenter.snapshot.search_id
    presenter.search(JobFilter(query="zanzibar operator"))
    await presenter.settle()
    s = presenter.snapshot
    assert s.search_id != first
    assert s.total == 5
    assert all("Zanzibar operator" in j.title for j in s.rows)

    presenter.search(JobFilter())
    await presenter.settle()
    presenter.more()
    presenter.more()  # a second request while the first runs is the same page: asked once
    await presenter.settle()
    rows = presenter.snapshot.rows
    assert len(rows) == 2 * PAGE_SIZE
    assert len({j.id for j in rows}) == len(rows)


async def test_the_last_search_typed_wins(presenter: JobsPresenter) -> None:
    for typed in ("z", "za", "zan", "zanzibar"):
        presenter.search(JobFilter(query=typed))
    await presenter.settle()
    assert presenter.snapshot.filter.query == "zanzibar"
    assert presenter.snapshot.total == 5


async def test_new_jobs_are_read_again_without_losing_the_users_place(
        presenter: JobsPresenter, db: Database, services: LocalServices) -> None:
    presenter.more()
    await presenter.settle()
    shown = presenter.snapshot
    fresh = make_job(5000, title="Brand new job", posted_at=utcnow(), updated_at=utcnow())
    db.write_now(lambda c: jobs.upsert_many(c, [fresh]))
    services.bus.emit(JobsChanged((fresh.id,)))
    await presenter.settle()
    s = presenter.snapshot
    assert s.search_id == shown.search_id  # the same search: the list keeps its selection and scroll
    assert s.rows[0].id == fresh.id
    assert len(s.rows) == len(shown.rows)
    assert s.total == shown.total + 1


async def test_a_proposal_made_elsewhere_marks_its_job_applied(
        presenter: JobsPresenter, db: Database, services: LocalServices) -> None:
    db.write_now(lambda c: proposals.upsert_many(c, [make_proposal(9, job_id="job-000007")]))
    services.bus.emit(ProposalsChanged())
    await presenter.settle()
    assert "job-000007" in presenter.snapshot.applied


async def test_saving_the_search_on_screen_makes_it_the_active_saved_search(
        presenter: JobsPresenter, db: Database) -> None:
    assert not presenter.snapshot.can_save  # nothing to save in the whole feed
    presenter.search(JobFilter(query="zanzibar", job_type=JobType.FIXED))
    await presenter.settle()
    assert presenter.snapshot.can_save
    saved = await presenter.save_search("  Zanzibar   gigs ")
    await presenter.settle()
    s = presenter.snapshot
    assert saved.name == "Zanzibar gigs"
    assert s.active_saved == saved
    assert [x.name for x, _n in s.saved] == ["Zanzibar gigs"]
    assert s.already_saved
    assert not s.can_save
    with pytest.raises(SavedSearchRejected, match="name"):
        await presenter.save_search("   ")


async def test_a_saved_search_applies_its_hidden_filters_and_counts_as_seen(
        presenter: JobsPresenter, db: Database, services: LocalServices) -> None:
    long_ago = utcnow() - timedelta(days=30)
    db.write_now(lambda c: saved_searches.insert_local(
        c, "Big budgets", JobFilter(query="zanzibar", min_budget=Decimal("5000")), "k1", long_ago))
    services.bus.emit(SavedSearchesChanged())
    await presenter.settle()
    (search, new), = presenter.snapshot.saved
    assert new == 3
    assert presenter.snapshot.new_in_saved == new

    presenter.apply_saved(search, JobFilter(query="zanzibar"))
    await presenter.settle()
    s = presenter.snapshot
    assert s.active_saved is not None
    assert s.filter.min_budget == Decimal("5000")
    assert len(s.rows) == 3
    assert all(j.budget is not None and j.budget.amount >= 5000 for j in s.rows)
    assert s.new_in_saved == 0  # the search on screen counts nothing new
    seen = db.read_now(saved_searches.with_new_counts)[0][0].seen_at
    assert seen is not None
    assert seen > long_ago

    presenter.leave_saved(JobFilter(query="zanzibar"))  # the user typed: their own search again
    await presenter.settle()
    assert presenter.snapshot.active_saved is None
    assert presenter.snapshot.filter.min_budget is None


async def test_deleting_the_active_saved_search_keeps_the_jobs_and_queues_the_delete(
        presenter: JobsPresenter, db: Database) -> None:
    presenter.search(JobFilter(query="zanzibar"))
    await presenter.settle()
    saved = await presenter.save_search("Zanzibar")
    rows = presenter.snapshot.rows
    presenter.delete_saved(saved.id)
    await presenter.settle()
    s = presenter.snapshot
    assert s.active_saved is None
    assert s.saved == ()
    assert s.rows == rows
    assert [p["search_id"] for p in queued(db, DELETE)] == [saved.id]


async def test_closing_stops_listening(presenter: JobsPresenter, db: Database,
                                       services: LocalServices) -> None:
    heard: list[JobsSnapshot] = []
    presenter.listen(heard.append)
    await presenter.aclose()
    db.write_now(lambda c: jobs.upsert_many(c, [replace(make_job(6000), posted_at=utcnow())]))
    services.bus.emit(JobsChanged(("job-006000",)))
    assert heard == []
    assert presenter.snapshot.total == 255


# -- best match, hidden and saved jobs --------------------------------------------------------------------

async def test_best_match_lists_the_best_scores_first_and_says_why(
        presenter: JobsPresenter, db: Database, services: LocalServices) -> None:
    me = make_freelancer(skills=("Python", "Kubernetes", "React"), hourly_rate=Money(Decimal("30")))
    db.write_now(lambda c: profile.set(c, me))  # the sync writes it: every job is scored again
    services.bus.emit(ProfileChanged())
    await presenter.settle()
    presenter.search(JobFilter(sort=JobSort.BEST_MATCH))
    await presenter.settle()
    s = presenter.snapshot
    listed = [s.scores[j.id] for j in s.rows]
    assert listed == sorted(listed, reverse=True)
    assert listed[0] > listed[-1]
    why = s.match_of(s.rows[0])
    assert why is not None
    assert why.score == listed[0]
    assert sum(f.points for f in why.facts) == why.score


async def test_a_hidden_job_leaves_the_list_until_undone(
        presenter: JobsPresenter, db: Database) -> None:
    first = presenter.snapshot.rows[0]
    total = presenter.snapshot.total
    presenter.hide(first)
    await presenter.settle()
    s = presenter.snapshot
    assert first.id not in {j.id for j in s.rows}
    assert s.total == total - 1
    assert s.hidden_count == 1
    assert s.last_hidden == first
    presenter.undo_hide()
    await presenter.settle()
    s = presenter.snapshot
    assert s.rows[0] == first
    assert s.total == total
    assert s.hidden_count == 0
    assert s.last_hidden is None


async def test_saved_jobs_have_their_own_list(presenter: JobsPresenter, db: Database) -> None:
    chosen = presenter.snapshot.rows[3], presenter.snapshot.rows[7]
    for job in chosen:
        presenter.save_job(job.id, True)
        await presenter.settle()
    assert presenter.snapshot.saved_jobs == {j.id for j in chosen}
    presenter.show_saved_jobs(True)
    await presenter.settle()
    s = presenter.snapshot
    assert [j.id for j in s.rows] == [chosen[1].id, chosen[0].id]
    assert s.total == 2  # latest saved first
    presenter.save_job(chosen[0].id, False)
    await presenter.settle()
    assert [j.id for j in presenter.snapshot.rows] == [chosen[1].id]
    presenter.show_saved_jobs(False)
    await presenter.settle()
    assert presenter.snapshot.total == 255
    assert presenter.snapshot.view.value == "feed"
