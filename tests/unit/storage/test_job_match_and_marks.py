"""Best match and the user's own marks in the cache: scores written with each job and again when the
profile changes, "Best match" as an order of the feed (with or without search words), hidden jobs gone
from every list and count (saved searches' too), saved jobs listed, marks kept when a job is fetched again."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from desktop.core.match import score
from desktop.core.models import JobFilter, JobSort
from desktop.core.money import Money
from desktop.storage import jobs, profile, saved_searches
from desktop.storage.db import Database
from tests.support.bound import bound
from tests.unit.storage.factories import BASE_TIME, make_freelancer, make_jobs

ME = make_freelancer(skills=("Python", "Kubernetes"), hourly_rate=Money(Decimal("40")))


def _fill(db: Database, n: int = 300) -> list[str]:
    listed = make_jobs(n)

    def write(c: sqlite3.Connection) -> None:
        profile.set(c, ME)
        jobs.upsert_many(c, listed)

    db.write_now(write)
    return [j.id for j in listed]


def test_each_job_is_scored_as_it_is_written(db: Database) -> None:
    ids = _fill(db)
    stored = db.read_now(lambda c: jobs.scores(c, ids))
    expected = {j.id: score(j, ME) for j in make_jobs(300)}
    assert stored == expected
    assert len(set(stored.values())) > 5


def test_a_new_skill_scores_every_job_again(db: Database) -> None:
    ids = _fill(db)
    before = db.read_now(lambda c: jobs.scores(c, ids))
    better = replace(ME, skills=(*ME.skills, "React", "Figma", "Go", "Rust", "SQL"))
    db.write_now(lambda c: profile.set(c, better))
    after = db.read_now(lambda c: jobs.scores(c, ids))
    assert after == {j.id: score(j, better) for j in make_jobs(300)}
    assert after != before
    # the same profile again (a sync) changes nothing and costs nothing
    db.write_now(lambda c: profile.set(c, replace(better, connects=12)))
    assert db.read_now(lambda c: jobs.scores(c, ids)) == after


def test_best_match_orders_the_feed_and_a_search_by_score(db: Database) -> None:
    _fill(db, 400)
    for query in ("", "python"):
        f = JobFilter(query=query, sort=JobSort.BEST_MATCH)
        rows = db.read_now(bound(jobs.page, f, 0, 50)) + db.read_now(bound(jobs.page, f, 50, 50))
        by_score = db.read_now(bound(jobs.scores, [j.id for j in rows]))
        listed = [by_score[j.id] for j in rows]
        assert listed == sorted(listed, reverse=True)
        assert len({j.id for j in rows}) == 100
        best = db.read_now(lambda c: c.execute("SELECT max(match_score) FROM jobs").fetchone()[0])
        assert query or listed[0] == best


def test_a_hidden_job_leaves_every_list_and_count_until_shown_again(db: Database) -> None:
    ids = _fill(db)
    f_all, f_search = JobFilter(), JobFilter(query="python")
    first = db.read_now(lambda c: jobs.page(c, f_all, 0, 1))[0]
    searched = db.read_now(lambda c: jobs.page(c, f_search, 0, 1))[0]
    totals = db.read_now(lambda c: (jobs.count(c, f_all), jobs.count(c, f_search)))
    seen = BASE_TIME - timedelta(days=30)
    db.write_now(lambda c: saved_searches.insert_local(c, "Python", f_search, "k1", seen))
    new_before = db.read_now(saved_searches.with_new_counts)[0][1]

    def hide(on: bool) -> None:
        def write(c: sqlite3.Connection) -> None:
            for job_id in {first.id, searched.id}:
                jobs.set_hidden(c, job_id, on, BASE_TIME)

        db.write_now(write)

    hide(True)
    hidden = {first.id, searched.id}
    for sort in JobSort:
        for f in (JobFilter(sort=sort), JobFilter(query="python", sort=sort),
                  JobFilter(query="python", payment_verified_only=True, sort=sort)):
            listed = db.read_now(bound(jobs.page, f, 0, 400))
            assert hidden.isdisjoint(j.id for j in listed), (sort, f)
            assert len(listed) == db.read_now(bound(jobs.count, f)), (sort, f)
    assert db.read_now(lambda c: (jobs.count(c, f_all), jobs.count(c, f_search))) == (
        totals[0] - 2 + (first.id == searched.id), totals[1] - 1)
    assert db.read_now(saved_searches.with_new_counts)[0][1] == new_before - 1
    assert db.read_now(jobs.hidden_count) == len(hidden)

    # fetched again (a sync): still hidden
    db.write_now(lambda c: jobs.upsert_many(c, make_jobs(300)))
    assert first.id not in {j.id for j in db.read_now(lambda c: jobs.page(c, f_all, 0, 50))}
    hide(False)
    assert db.read_now(lambda c: jobs.page(c, f_all, 0, 1))[0].id == first.id
    assert db.read_now(lambda c: (jobs.count(c, f_all), jobs.count(c, f_search))) == totals
    assert db.read_now(lambda c: c.execute("SELECT count(*) FROM job_marks").fetchone()[0]) == 0
    assert len(ids) == 300


def test_saved_jobs_are_listed_latest_saved_first(db: Database) -> None:
    ids = _fill(db, 20)

    def save(c: sqlite3.Connection) -> None:
        for minutes, job_id in enumerate((ids[5], ids[1], ids[9])):
            jobs.set_saved(c, job_id, True, BASE_TIME + timedelta(minutes=minutes))
        jobs.set_saved(c, ids[1], False, BASE_TIME + timedelta(minutes=5))

    db.write_now(save)
    assert [j.id for j in db.read_now(jobs.saved_jobs)] == [ids[9], ids[5]]
    assert db.read_now(jobs.saved_ids) == {ids[9], ids[5]}
