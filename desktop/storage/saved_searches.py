"""Saved searches: the server's list, the searches created or deleted here and not yet sent, and how many
cached jobs are new in each since the user last opened it."""

from __future__ import annotations

import builtins
import json
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from desktop.core.clock import parse_ts, utcnow
from desktop.core.models import ExperienceLevel, JobFilter, JobType, SavedSearch
from desktop.storage import jobs
from desktop.storage._convert import ts

_COLUMNS = "id, name, filter_json, created_at, updated_at, seen_at, notify"


def filter_to_json(f: JobFilter) -> str:
    fields: dict[str, Any] = {
        "query": f.query,
        "job_type": f.job_type.value if f.job_type else None,
        "min_budget": str(f.min_budget) if f.min_budget is not None else None,
        "max_budget": str(f.max_budget) if f.max_budget is not None else None,
        "experience_level": f.experience_level.value if f.experience_level else None,
        "category": f.category,
        "payment_verified_only": f.payment_verified_only,
        "max_proposals": f.max_proposals,
        "posted_within_hours": f.posted_within_hours,
    }
    return json.dumps({k: v for k, v in fields.items() if v not in (None, "", False)}, sort_keys=True)


def filter_from_json(text: str) -> JobFilter:
    raw = json.loads(text)

    def decimal(name: str) -> Decimal | None:
        return Decimal(raw[name]) if raw.get(name) is not None else None

    return JobFilter(
        query=str(raw.get("query", "")),
        job_type=JobType(raw["job_type"]) if raw.get("job_type") else None,
        min_budget=decimal("min_budget"),
        max_budget=decimal("max_budget"),
        experience_level=ExperienceLevel(raw["experience_level"]) if raw.get("experience_level") else None,
        category=raw.get("category") or None,
        payment_verified_only=bool(raw.get("payment_verified_only", False)),
        max_proposals=raw.get("max_proposals"),
        posted_within_hours=raw.get("posted_within_hours"),
    )


def _saved(row: tuple[Any, ...]) -> SavedSearch:
    return SavedSearch(id=row[0], name=row[1], filter=filter_from_json(row[2]), created_at=parse_ts(row[3]),
                       updated_at=parse_ts(row[4]), seen_at=parse_ts(row[5]), notify=bool(row[6]))


def upsert_many(conn: sqlite3.Connection, items: Iterable[SavedSearch], *,
                now: datetime | None = None) -> int:
    """Store the server's searches. Tombstones remove theirs; a new one counts as seen when it arrives
    (what is new in it is what gets posted from now on); an older copy never overwrites a newer one."""
    arrived = ts(now or utcnow())
    count = 0
    for s in items:
        if s.deleted:
            conn.execute("DELETE FROM saved_searches WHERE id = ?", (s.id,))
        else:
            conn.execute(
                "INSERT INTO saved_searches (id, name, filter_json, created_at, updated_at, seen_at)"
                " VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET name = excluded.name, filter_json = excluded.filter_json,"
                " created_at = excluded.created_at, updated_at = excluded.updated_at"
                " WHERE excluded.updated_at >= saved_searches.updated_at",
                (s.id, s.name, filter_to_json(s.filter), ts(s.created_at), ts(s.updated_at), arrived),
            )
        count += 1
    return count


def insert_local(conn: sqlite3.Connection, name: str, job_filter: JobFilter, client_key: str,
                 now: datetime) -> SavedSearch:
    """A search saved here, shown at once, until the server's copy replaces it."""
    search_id = f"local:{client_key}"
    conn.execute(
        "INSERT INTO saved_searches (id, client_key, name, filter_json, created_at, updated_at, seen_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (search_id, client_key, name, filter_to_json(job_filter), ts(now), ts(now), ts(now)),
    )
    return SavedSearch(id=search_id, name=name, filter=job_filter, created_at=now, updated_at=now,
                       seen_at=now)


def replace_local(conn: sqlite3.Connection, client_key: str, created: SavedSearch) -> None:
    """The server has it: its id replaces the local one; when it was last seen and a pending delete stay."""
    row = conn.execute("SELECT seen_at, deleting, notify FROM saved_searches WHERE client_key = ?",
                       (client_key,)).fetchone()
    conn.execute("DELETE FROM saved_searches WHERE client_key = ?", (client_key,))
    upsert_many(conn, [created])
    if row is not None:
        conn.execute("UPDATE saved_searches SET client_key = ?, seen_at = ?, deleting = ?, notify = ?"
                     " WHERE id = ?", (client_key, row[0], row[1], row[2], created.id))


def remove_local(conn: sqlite3.Connection, client_key: str) -> None:
    conn.execute("DELETE FROM saved_searches WHERE client_key = ? AND id LIKE 'local:%'", (client_key,))


def server_id(conn: sqlite3.Connection, search_id: str) -> str | None:
    """The server's id for a search known here by either id (None while only the local one exists)."""
    if not search_id.startswith("local:"):
        return search_id
    row = conn.execute("SELECT id FROM saved_searches WHERE client_key = ? AND id NOT LIKE 'local:%'",
                       (search_id.removeprefix("local:"),)).fetchone()
    return str(row[0]) if row else None


def mark_deleting(conn: sqlite3.Connection, search_id: str) -> None:
    conn.execute("UPDATE saved_searches SET deleting = 1 WHERE id = ?", (search_id,))


def delete(conn: sqlite3.Connection, search_id: str) -> None:
    conn.execute("DELETE FROM saved_searches WHERE id = ?", (search_id,))


def set_notify(conn: sqlite3.Connection, search_id: str, on: bool) -> None:
    conn.execute("UPDATE saved_searches SET notify = ? WHERE id = ?", (int(on), search_id))


def mark_seen(conn: sqlite3.Connection, search_id: str, when: datetime) -> None:
    conn.execute("UPDATE saved_searches SET seen_at = ? WHERE id = ?", (ts(when), search_id))


def list(conn: sqlite3.Connection) -> builtins.list[SavedSearch]:
    """The searches to show, oldest first (the order they were saved in)."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM saved_searches WHERE deleting = 0"
                        " ORDER BY created_at, id").fetchall()
    return [_saved(r) for r in rows]


def get(conn: sqlite3.Connection, search_id: str) -> SavedSearch | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM saved_searches WHERE id = ?", (search_id,)).fetchone()
    return _saved(row) if row else None


def with_new_counts(conn: sqlite3.Connection) -> builtins.list[tuple[SavedSearch, int]]:
    """Each search with the number of cached jobs it matches that were posted since it was last opened."""
    return [(s, jobs.count(conn, s.filter, posted_after=s.seen_at)) for s in list(conn)]
