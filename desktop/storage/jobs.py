"""Cached jobs: upsert from sync, paged feed reads with filters, sort and full-text search.

The row key ``seq`` (the table's rowid and the FTS rowid) encodes ``posted_at``:
``microseconds since the epoch * 1024 + tie-breaker``. So "newest first" is ``ORDER BY seq DESC`` — a
walk of the table (or of an FTS doclist, or of any single-column index, which all end in seq) that
stops after ``limit`` rows, with no sort step however many rows match. ``posted_within_hours`` is a
seq range. A job whose ``posted_at`` changes gets a new seq (delete + insert).
"""

from __future__ import annotations

import builtins
import json
import sqlite3
import zlib
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from desktop.core.clock import format_ts, parse_ts, utcnow
from desktop.core.match import score as match_score
from desktop.core.models import (
    ClientInfo,
    ExperienceLevel,
    Freelancer,
    Job,
    JobFilter,
    JobSort,
    JobType,
    ScreeningQuestion,
)
from desktop.storage import fts, profile
from desktop.storage._convert import (
    cents,
    chunks,
    dump_list,
    load_list,
    money,
    opt_money,
    placeholders,
)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_TIE_BITS = 10
_MAX_MICROS = (1 << (63 - _TIE_BITS)) - (1 << _TIE_BITS)  # keeps seq inside a signed 64-bit integer

_WRITE_COLUMNS = (
    "id",
    "posted_at",
    "updated_at",
    "job_type",
    "experience_level",
    "category",
    "status",
    "proposals_count",
    "connects_required",
    "headline_cents",
    "headline_currency",
    "client_payment_verified",
    "fee_rate",
    "duration",
    "budget",
    "budget_currency",
    "hourly_min",
    "hourly_min_currency",
    "hourly_max",
    "hourly_max_currency",
    "client_id",
    "client_name",
    "client_country",
    "client_rating",
    "client_total_spent",
    "client_total_spent_currency",
    "client_hires",
    "title",
    "skills",
    "description",
    "url",
    "screening_questions",
)
_SELECT = ", ".join(f"j.{c}" for c in _WRITE_COLUMNS)
# The Best match score goes with the row (its last parameter), not in _WRITE_COLUMNS: it is not the
# marketplace's, and a Job read back does not carry it.
_INSERT = (
    f"INSERT INTO jobs (seq, {', '.join(_WRITE_COLUMNS)}, match_score)"
    f" VALUES (?, {placeholders(len(_WRITE_COLUMNS) + 1)})"
)
_UPDATE = ("UPDATE jobs SET " + ", ".join(f"{c} = ?" for c in _WRITE_COLUMNS[1:]) + ", match_score = ?"
           " WHERE seq = ?")


def seq_floor(moment: datetime) -> int:
    """The smallest seq a job posted at ``moment`` can have."""
    micros = (moment - _EPOCH) // timedelta(microseconds=1)
    micros = max(-_MAX_MICROS, min(_MAX_MICROS, micros))
    return micros << _TIE_BITS


def _seq_for(job_id: str, posted_at: datetime) -> int:
    return seq_floor(posted_at) + (zlib.crc32(job_id.encode("utf-8")) & ((1 << _TIE_BITS) - 1))


def _row_values(job: Job) -> tuple[Any, ...]:
    head = job.headline_amount
    client = job.client
    return (
        job.id,
        format_ts(job.posted_at),
        format_ts(job.updated_at),
        job.job_type.value,
        job.experience_level.value,
        job.category,
        job.status,
        job.proposals_count,
        job.connects_required,
        None if head is None else cents(head.amount),
        None if head is None else head.currency,
        1 if client.payment_verified else 0,
        str(job.fee_rate),
        job.duration,
        None if job.budget is None else str(job.budget.amount),
        None if job.budget is None else job.budget.currency,
        None if job.hourly_min is None else str(job.hourly_min.amount),
        None if job.hourly_min is None else job.hourly_min.currency,
        None if job.hourly_max is None else str(job.hourly_max.amount),
        None if job.hourly_max is None else job.hourly_max.currency,
        client.id,
        client.name,
        client.country,
        None if client.rating is None else str(client.rating),
        str(client.total_spent.amount),
        client.total_spent.currency,
        client.hires,
        job.title,
        dump_list(job.skills),
        job.description,
        job.url,
        _questions_text(job.screening_questions),
    )


def _job(row: tuple[Any, ...]) -> Job:
    (
        job_id,
        posted_at,
        updated_at,
        job_type,
        experience_level,
        category,
        status,
        proposals_count,
        connects_required,
        _headline_cents,
        _headline_currency,
        verified,
        fee_rate,
        duration,
        budget,
        budget_currency,
        hourly_min,
        hourly_min_currency,
        hourly_max,
        hourly_max_currency,
        client_id,
        client_name,
        client_country,
        client_rating,
        client_total_spent,
        client_total_spent_currency,
        client_hires,
        title,
        skills,
        description,
        url,
        questions,
    ) = row
    return Job(
        id=job_id,
        title=title,
        description=description,
        category=category,
        skills=load_list(skills),
        job_type=JobType(job_type),
        budget=opt_money(budget, budget_currency),
        hourly_min=opt_money(hourly_min, hourly_min_currency),
        hourly_max=opt_money(hourly_max, hourly_max_currency),
        experience_level=ExperienceLevel(experience_level),
        duration=duration,
        proposals_count=proposals_count,
        connects_required=connects_required,
        fee_rate=Decimal(fee_rate),
        client=ClientInfo(
            id=client_id,
            name=client_name,
            country=client_country,
            payment_verified=bool(verified),
            rating=None if client_rating is None else Decimal(client_rating),
            total_spent=money(client_total_spent, client_total_spent_currency),
            hires=client_hires,
        ),
        status=status,
        posted_at=parse_ts(posted_at),
        updated_at=parse_ts(updated_at),
        url=url,
        screening_questions=_questions(questions),
    )


def _questions_text(questions: tuple[ScreeningQuestion, ...]) -> str:
    if not questions:
        return "[]"
    return json.dumps([{"id": q.id, "text": q.text} for q in questions], ensure_ascii=False)


def _questions(text: str) -> tuple[ScreeningQuestion, ...]:
    if text == "[]":
        return ()
    try:
        items = json.loads(text)
    except ValueError:
        return ()
    return tuple(ScreeningQuestion(str(q["id"]), str(q["text"])) for q in items
                 if isinstance(q, dict) and "id" in q and "text" in q)


# -- writing ----------------------------------------------------------------------------------------


_FTS_INSERT = "INSERT INTO jobs_fts (rowid, title, description, skills) VALUES (?, ?, ?, ?)"
_FTS_DELETE = (
    "INSERT INTO jobs_fts (jobs_fts, rowid, title, description, skills) VALUES ('delete', ?, ?, ?, ?)"
)
# positions in _row_values()
_I_POSTED, _I_TITLE, _I_SKILLS, _I_DESCRIPTION = 1, 27, 28, 29


def upsert_many(conn: sqlite3.Connection, jobs: Iterable[Job]) -> int:
    """Insert or replace jobs by id, keeping jobs_fts in step. Returns how many distinct jobs.

    The FTS index is maintained here, not by triggers: a trigger writing to FTS5 makes SQLite open a
    statement savepoint per row, and FTS5 flushes its pending index on every savepoint (one segment per
    row). FTS5 also flushes whenever a rowid is not larger than the previous one, so every kind of
    write below goes in ascending seq order (a feed page arrives newest first).
    """
    latest: dict[str, Job] = {}
    for job in jobs:
        latest[job.id] = job  # the last copy of an id in one batch wins
    existing: dict[str, tuple[int, str, str, str, str]] = {}
    for batch in chunks(latest):
        rows = conn.execute(
            "SELECT id, seq, posted_at, title, description, skills FROM jobs"
            f" WHERE id IN ({placeholders(len(batch))})",
            batch,
        )
        for job_id, seq, posted_at, title, description, skills in rows:
            existing[job_id] = (seq, posted_at, title, description, skills)

    fts_deletes: list[tuple[int, str, str, str]] = []
    updates: list[tuple[int, tuple[Any, ...]]] = []
    deletes: list[int] = []
    inserts: list[tuple[int, tuple[Any, ...]]] = []
    for job in latest.values():
        values = _row_values(job)
        found = existing.get(job.id)
        if found is not None:
            seq, posted_at, title, description, skills = found
            same_text = (title, description, skills) == (
                values[_I_TITLE],
                values[_I_DESCRIPTION],
                values[_I_SKILLS],
            )
            if posted_at == values[_I_POSTED]:
                updates.append((seq, values))
                if not same_text:
                    fts_deletes.append((seq, title, description, skills))
                continue
            deletes.append(seq)
            fts_deletes.append((seq, title, description, skills))
        inserts.append((_seq_for(job.id, job.posted_at), values))

    fts_deletes.sort(key=lambda d: d[0])
    conn.executemany(_FTS_DELETE, fts_deletes)
    deletes.sort()
    conn.executemany("DELETE FROM jobs WHERE seq = ?", ((seq,) for seq in deletes))
    updates.sort(key=lambda u: u[0])
    me = profile.get(conn)
    scores = {job_id: match_score(job, me) for job_id, job in latest.items()}
    conn.executemany(_UPDATE, ((*values[1:], scores[values[0]], seq) for seq, values in updates))

    changed = {d[0] for d in fts_deletes} - set(deletes)
    fts_inserts: list[tuple[int, str, str, str]] = [
        (seq, *_text_of(values)) for seq, values in updates if seq in changed
    ]
    placed = _place(conn, inserts)
    conn.executemany(_INSERT, ((seq, *values, scores[values[0]]) for seq, values in placed))
    fts_inserts += [(seq, *_text_of(values)) for seq, values in placed]
    fts_inserts.sort(key=lambda i: i[0])
    conn.executemany(_FTS_INSERT, fts_inserts)
    return len(latest)


RESCORE_BATCH = 2000


def rescore(conn: sqlite3.Connection, me: Freelancer) -> int:
    """Score every cached job again for ``me`` (the profile's skills or rate changed). Returns how many."""
    done = 0
    last = -(1 << 63)
    while True:
        rows = conn.execute(f"SELECT j.seq, {_SELECT} FROM jobs j WHERE j.seq > ? ORDER BY j.seq LIMIT ?",
                            (last, RESCORE_BATCH)).fetchall()
        if not rows:
            return done
        conn.executemany("UPDATE jobs SET match_score = ? WHERE seq = ?",
                         ((match_score(_job(r[1:]), me), r[0]) for r in rows))
        done += len(rows)
        last = rows[-1][0]


def scores(conn: sqlite3.Connection, job_ids: Iterable[str]) -> dict[str, int]:
    """The stored match score of each of these jobs."""
    found: dict[str, int] = {}
    for batch in chunks(job_ids):
        found.update(conn.execute(
            f"SELECT id, match_score FROM jobs WHERE id IN ({placeholders(len(batch))})", batch).fetchall())
    return found


# -- what the user did to a job here: hidden, saved -------------------------------------------------


def set_hidden(conn: sqlite3.Connection, job_id: str, hidden: bool, now: datetime) -> None:
    _mark(conn, job_id, "hidden", hidden, now)


def set_saved(conn: sqlite3.Connection, job_id: str, saved: bool, now: datetime) -> None:
    _mark(conn, job_id, "saved", saved, now)


def _mark(conn: sqlite3.Connection, job_id: str, column: str, on: bool, now: datetime) -> None:
    conn.execute(
        f"INSERT INTO job_marks (job_id, {column}, marked_at) VALUES (?, ?, ?)"
        f" ON CONFLICT (job_id) DO UPDATE SET {column} = excluded.{column}, marked_at = excluded.marked_at",
        (job_id, 1 if on else 0, format_ts(now)))
    conn.execute("DELETE FROM job_marks WHERE job_id = ? AND hidden = 0 AND saved = 0", (job_id,))


def saved_ids(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT job_id FROM job_marks WHERE saved = 1")}


def hidden_ids(conn: sqlite3.Connection) -> builtins.list[str]:
    return [r[0] for r in conn.execute("SELECT job_id FROM job_marks WHERE hidden = 1")]


def hidden_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM job_marks WHERE hidden = 1").fetchone()[0])


def saved_jobs(conn: sqlite3.Connection) -> builtins.list[Job]:
    """The jobs the user saved that the cache still holds, the latest saved first."""
    rows = conn.execute(
        f"SELECT {_SELECT} FROM job_marks m JOIN jobs j ON j.id = m.job_id WHERE m.saved = 1"
        " ORDER BY m.marked_at DESC, j.seq DESC")
    return [_job(r) for r in rows]


def _hidden_seqs(conn: sqlite3.Connection) -> builtins.list[int]:
    return [r[0] for r in conn.execute(
        "SELECT j.seq FROM job_marks m JOIN jobs j ON j.id = m.job_id WHERE m.hidden = 1")]


def _place(
    conn: sqlite3.Connection, inserts: builtins.list[tuple[int, tuple[Any, ...]]]
) -> builtins.list[tuple[int, tuple[Any, ...]]]:
    """Give every new row a free seq (ascending order): the wanted one, or the next free above it."""
    inserts.sort(key=lambda i: i[0])
    placed: builtins.list[tuple[int, tuple[Any, ...]]] = []
    previous: int | None = None
    for seq, values in inserts:
        if previous is not None and seq <= previous:
            seq = previous + 1  # same microsecond and tie-breaker as the row before it in this batch
        placed.append((seq, values))
        previous = seq
    while True:
        taken: set[int] = set()
        for batch in chunks([seq for seq, _ in placed]):
            taken.update(
                r[0]
                for r in conn.execute(
                    f"SELECT seq FROM jobs WHERE seq IN ({placeholders(len(batch))})", batch
                )
            )
        if not taken:
            return placed
        moved: builtins.list[tuple[int, tuple[Any, ...]]] = []
        previous = None
        for seq, values in placed:
            if seq in taken or (previous is not None and seq <= previous):
                seq = (seq if previous is None else max(seq, previous)) + 1
            moved.append((seq, values))
            previous = seq
        placed = moved


def _text_of(values: tuple[Any, ...]) -> tuple[str, str, str]:
    return values[_I_TITLE], values[_I_DESCRIPTION], values[_I_SKILLS]


def delete(conn: sqlite3.Connection, job_ids: Iterable[str]) -> int:
    """Remove jobs (and their FTS entries). Returns how many were there."""
    doomed: list[tuple[int, str, str, str]] = []
    for batch in chunks(job_ids):
        doomed += conn.execute(
            f"SELECT seq, title, description, skills FROM jobs WHERE id IN ({placeholders(len(batch))})",
            batch,
        ).fetchall()
    doomed.sort(key=lambda d: d[0])
    conn.executemany(_FTS_DELETE, doomed)
    conn.executemany("DELETE FROM jobs WHERE seq = ?", ((d[0],) for d in doomed))
    return len(doomed)


def rebuild_fts(conn: sqlite3.Connection) -> None:
    """Rebuild the job search index from the jobs table (repair tool; not needed in normal use)."""
    conn.execute("INSERT INTO jobs_fts (jobs_fts) VALUES ('rebuild')")


# -- reading ----------------------------------------------------------------------------------------


def get(conn: sqlite3.Connection, job_id: str) -> Job | None:
    row = conn.execute(f"SELECT {_SELECT} FROM jobs j WHERE j.id = ?", (job_id,)).fetchone()
    return None if row is None else _job(row)


def get_many(conn: sqlite3.Connection, job_ids: Iterable[str]) -> dict[str, Job]:
    found: dict[str, Job] = {}
    for batch in chunks(job_ids):
        rows = conn.execute(f"SELECT {_SELECT} FROM jobs j WHERE j.id IN ({placeholders(len(batch))})", batch)
        for row in rows:
            job = _job(row)
            found[job.id] = job
    return found


def _conditions(f: JobFilter, now: datetime | None, posted_after: datetime | None = None) -> tuple[
        builtins.list[str], builtins.list[Any]]:
    where: builtins.list[str] = []
    params: builtins.list[Any] = []
    if posted_after is not None:
        where.append("j.seq > ?")
        params.append(seq_floor(posted_after) + (1 << _TIE_BITS) - 1)
    if f.job_type is not None:
        where.append("j.job_type = ?")
        params.append(f.job_type.value)
    if f.experience_level is not None:
        where.append("j.experience_level = ?")
        params.append(f.experience_level.value)
    if f.category:
        where.append("j.category = ?")
        params.append(f.category)
    if f.payment_verified_only:
        where.append("j.client_payment_verified = 1")
    if f.min_budget is not None:
        where.append("j.headline_cents >= ?")
        params.append(cents(f.min_budget))
    if f.max_budget is not None:
        where.append("j.headline_cents <= ?")
        params.append(cents(f.max_budget))
    if f.max_proposals is not None:
        where.append("j.proposals_count <= ?")
        params.append(f.max_proposals)
    if f.posted_within_hours is not None:
        since = (now or utcnow()) - timedelta(hours=f.posted_within_hours)
        where.append("j.seq >= ?")
        params.append(seq_floor(since))
    return where, params


# -- the feed query planner -------------------------------------------------------------------------
#
# SQLite cannot know how many rows a full-text term matches, and a wrong guess costs 10x here, so the
# plan is picked from two cheap, capped counts:
#   M = matches of the search text (up to SMALL), F = rows passing the filters (up to SMALL).
# * M < SMALL: walk the few matches (FTS first), look each job up, sort them.
# * F < SMALL: walk the few filtered rows (covering jobs_facets index), test membership in the match
#   set, sort them.
# * otherwise both sets are large, so walking in sort order finds `limit` rows quickly:
#   newest -> FTS doclist in descending rowid order (or the table itself without a query);
#   budget / fewest proposals -> their index, testing membership in the (materialised) match set.
# * relevance over a large match set ranks the newest RELEVANCE_WINDOW matches by bm25 and lists
#   the older matches after them, newest first (ranking 100 k matches costs 100+ ms; recency matters
#   in a job feed anyway). Under RELEVANCE_WINDOW matches the ranking is exact.

SMALL = 3000
RELEVANCE_WINDOW = 3000

_MATCH_SET = "j.seq IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?)"
# Hidden jobs are few: the plans are chosen as if they were there, and each final query leaves them out
# (SQLite builds the small set once per statement). Counts subtract them, found by seq.
_VISIBLE = ("j.seq NOT IN (SELECT j2.seq FROM job_marks m INDEXED BY job_marks_hidden"
            " JOIN jobs j2 ON j2.id = m.job_id WHERE m.hidden = 1)")
_FROM_FTS = "jobs_fts CROSS JOIN jobs j ON j.seq = jobs_fts.rowid"


def _capped(conn: sqlite3.Connection, inner: str, params: builtins.list[Any], cap: int) -> int:
    sql = f"SELECT count(*) FROM ({inner} LIMIT {cap:d})"
    return int(conn.execute(sql, params).fetchone()[0])


def _matches_capped(conn: sqlite3.Connection, match: str, cap: int = SMALL) -> int:
    return _capped(conn, "SELECT 1 FROM jobs_fts WHERE jobs_fts MATCH ?", [match], cap)


def _filtered_capped(
    conn: sqlite3.Connection, where: builtins.list[str], params: builtins.list[Any], cap: int = SMALL
) -> int:
    inner = "SELECT 1 FROM jobs j INDEXED BY jobs_facets WHERE " + " AND ".join(where)
    return _capped(conn, inner, params, cap)


def _order_by(sort: JobSort) -> str:
    if sort is JobSort.BUDGET_HIGH:
        return "j.headline_cents DESC, j.seq DESC"
    if sort is JobSort.BEST_MATCH:
        return "j.match_score DESC, j.seq DESC"
    if sort is JobSort.FEWEST_PROPOSALS:
        return "j.proposals_count ASC, j.seq DESC"
    return "j.seq DESC"


def _sql(select: str, source: str, where: builtins.list[str], order: str | None, paged: bool = True) -> str:
    sql = f"SELECT {select} FROM {source}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    if order:
        sql += f" ORDER BY {order}"
    if paged:
        sql += " LIMIT ? OFFSET ?"
    return sql


def page(
    conn: sqlite3.Connection, f: JobFilter, offset: int, limit: int, *, now: datetime | None = None
) -> builtins.list[Job]:
    """One page of the feed: ``f`` applied, sorted by ``f.sort``, rows ``offset … offset+limit-1``.

    Every order ends in seq, so pages never overlap or skip while the data holds still. Any search
    text is safe (see storage/fts.py).
    """
    offset = max(0, offset)
    if limit <= 0:
        return []
    match = fts.match_expression(f.query)
    where, params = _conditions(f, now)
    try:
        if match is None:
            return _page_plain(conn, f.sort, where, params, offset, limit)
        if f.sort is JobSort.RELEVANCE:
            return _page_relevance(conn, match, where, params, offset, limit)
        return _page_search(conn, match, f.sort, where, params, offset, limit)
    except sqlite3.OperationalError as exc:
        if fts.is_fts_syntax_error(exc):
            return []
        raise


def _run(conn: sqlite3.Connection, sql: str, params: builtins.list[Any]) -> builtins.list[Job]:
    return [_job(r) for r in conn.execute(sql, params)]


def _page_plain(
    conn: sqlite3.Connection,
    sort: JobSort,
    where: builtins.list[str],
    params: builtins.list[Any],
    offset: int,
    limit: int,
) -> builtins.list[Job]:
    order = _order_by(sort)
    paging = [limit, offset]
    if where and _filtered_capped(conn, where, params) < SMALL:
        seqs_sql = _sql("j.seq", "jobs j INDEXED BY jobs_facets", [*where, _VISIBLE], order)
        return _by_seqs(conn, [r[0] for r in conn.execute(seqs_sql, params + paging)])
    if sort in _SORT_INDEX:
        source = f"jobs j INDEXED BY {_SORT_INDEX[sort]}"
    elif where == ["j.category = ?"]:
        source = "jobs j INDEXED BY jobs_category"
    else:
        source = "jobs j NOT INDEXED"  # walk the table in seq order
    return _run(conn, _sql(_SELECT, source, [*where, _VISIBLE], order), params + paging)


_SORT_INDEX = {JobSort.BUDGET_HIGH: "jobs_headline", JobSort.FEWEST_PROPOSALS: "jobs_proposals",
               JobSort.BEST_MATCH: "jobs_match"}


def _page_search(
    conn: sqlite3.Connection,
    match: str,
    sort: JobSort,
    where: builtins.list[str],
    params: builtins.list[Any],
    offset: int,
    limit: int,
) -> builtins.list[Job]:
    paging = [limit, offset]
    fts_where = ["jobs_fts MATCH ?", *where, _VISIBLE]
    fts_params = [match, *params]
    if sort is JobSort.NEWEST and not where:
        # the FTS5 cursor hands rowids out in descending order itself: no sort, stops at LIMIT
        return _run(conn, _sql(_SELECT, _FROM_FTS, fts_where, "jobs_fts.rowid DESC"), fts_params + paging)
    if _matches_capped(conn, match) < SMALL:
        order = "jobs_fts.rowid DESC" if sort is JobSort.NEWEST else _order_by(sort)
        return _run(conn, _sql(_SELECT, _FROM_FTS, fts_where, order), fts_params + paging)
    if where and _filtered_capped(conn, where, params) < SMALL:
        seqs_sql = _sql("j.seq", "jobs j INDEXED BY jobs_facets", [*where, _MATCH_SET, _VISIBLE],
                        _order_by(sort))
        return _by_seqs(conn, [r[0] for r in conn.execute(seqs_sql, [*params, match, *paging])])
    if sort is JobSort.NEWEST:
        # the FTS5 cursor hands rowids out in descending order itself: no sort, stops at LIMIT
        return _run(conn, _sql(_SELECT, _FROM_FTS, fts_where, "jobs_fts.rowid DESC"), fts_params + paging)
    sql = _sql(_SELECT, f"jobs j INDEXED BY {_SORT_INDEX[sort]}", [_MATCH_SET, *where, _VISIBLE],
               _order_by(sort))
    return _run(conn, sql, [match, *params, *paging])


def _page_relevance(
    conn: sqlite3.Connection,
    match: str,
    where: builtins.list[str],
    params: builtins.list[Any],
    offset: int,
    limit: int,
) -> builtins.list[Job]:
    cut_row = conn.execute(
        "SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        (match, RELEVANCE_WINDOW - 1),
    ).fetchone()
    head_where = ["jobs_fts MATCH ?", *where, _VISIBLE]
    head_params: builtins.list[Any] = [match, *params]
    if cut_row is not None:
        head_where.append("jobs_fts.rowid >= ?")
        head_params.append(cut_row[0])
    head_sql = _sql("j.seq", _FROM_FTS, head_where, "jobs_fts.rank, j.seq DESC", paged=False)
    head = [r[0] for r in conn.execute(head_sql, head_params)]
    result = _by_seqs(conn, head[offset : offset + limit])
    if cut_row is None or len(result) >= limit:
        return result
    tail_where = ["jobs_fts MATCH ?", *where, _VISIBLE, "jobs_fts.rowid < ?"]
    tail_sql = _sql(_SELECT, _FROM_FTS, tail_where, "jobs_fts.rowid DESC")
    tail_params = [match, *params, cut_row[0], limit - len(result), max(0, offset - len(head))]
    return result + _run(conn, tail_sql, tail_params)


def _by_seqs(conn: sqlite3.Connection, seqs: builtins.list[int]) -> builtins.list[Job]:
    """Jobs for these seqs, in the given order."""
    if not seqs:
        return []
    rows = conn.execute(
        f"SELECT j.seq, {_SELECT} FROM jobs j WHERE j.seq IN ({placeholders(len(seqs))})", seqs
    ).fetchall()
    by_seq = {r[0]: _job(r[1:]) for r in rows}
    return [by_seq[s] for s in seqs if s in by_seq]


def count(conn: sqlite3.Connection, f: JobFilter, *, now: datetime | None = None,
          posted_after: datetime | None = None) -> int:
    """How many jobs ``page`` can list for ``f`` (only those posted after ``posted_after``, if given)."""
    match = fts.match_expression(f.query)
    where, params = _conditions(f, now, posted_after)
    try:
        return _count_all(conn, match, where, params) - _count_hidden(conn, match, where, params)
    except sqlite3.OperationalError as exc:
        if fts.is_fts_syntax_error(exc):
            return 0
        raise


def _count_hidden(conn: sqlite3.Connection, match: str | None, where: builtins.list[str],
                  params: builtins.list[Any]) -> int:
    """How many of the jobs ``_count_all`` counted are hidden (few: looked up one by one)."""
    hidden = _hidden_seqs(conn)
    if not hidden:
        return 0
    conditions = [f"j.seq IN ({placeholders(len(hidden))})", *where]
    values: builtins.list[Any] = [*hidden, *params]
    if match is not None:
        conditions.append(_MATCH_SET)
        values.append(match)
    return int(conn.execute(_sql("count(*)", "jobs j", conditions, None, paged=False), values).fetchone()[0])


def _count_all(conn: sqlite3.Connection, match: str | None, where: builtins.list[str],
               params: builtins.list[Any]) -> int:
    if match is None:
        source = "jobs j INDEXED BY jobs_facets" if where else "jobs j"
        sql = _sql("count(*)", source, where, None, paged=False)
    elif not where:
        sql, params = "SELECT count(*) FROM jobs_fts WHERE jobs_fts MATCH ?", [match]
    elif _matches_capped(conn, match) < SMALL:
        sql = _sql("count(*)", _FROM_FTS, ["jobs_fts MATCH ?", *where], None, paged=False)
        params = [match, *params]
    else:
        sql = _sql("count(*)", "jobs j INDEXED BY jobs_facets", [*where, _MATCH_SET], None, paged=False)
        params = [*params, match]
    return int(conn.execute(sql, params).fetchone()[0])


def categories(conn: sqlite3.Connection) -> builtins.list[str]:
    """The categories in use, in order. One index seek per category rather than a walk of the whole index
    (DISTINCT reads every job's entry: 6 ms for 100 k jobs, on the first frame's path)."""
    rows = conn.execute("""
        WITH RECURSIVE c(category) AS (
            SELECT (SELECT min(category) FROM jobs WHERE category > '')
            UNION ALL
            SELECT (SELECT min(category) FROM jobs WHERE category > c.category) FROM c
            WHERE c.category IS NOT NULL)
        SELECT category FROM c WHERE category IS NOT NULL""")
    return [r[0] for r in rows]


def total(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM jobs").fetchone()[0])
