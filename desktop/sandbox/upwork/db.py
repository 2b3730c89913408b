"""The Upwork sandbox's SQLite file: tables, one lock, and persistent id sequences.

Ids come from the `seq` table, never from an RNG, so a server restarted on an existing file (whose simulator
RNG starts over from the seed) never hands out an id that is already taken.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DDL = """
CREATE TABLE IF NOT EXISTS seq (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS orgs (
    id TEXT PRIMARY KEY, rid TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, photo_url TEXT,
    ace_id TEXT, country TEXT, city TEXT, state TEXT, timezone TEXT, offset_to_utc TEXT,
    payment_verified INTEGER NOT NULL DEFAULT 0, total_spent_cents INTEGER NOT NULL DEFAULT 0,
    total_hires INTEGER NOT NULL DEFAULT 0, total_posted INTEGER NOT NULL DEFAULT 0,
    total_reviews INTEGER NOT NULL DEFAULT 0, feedback REAL NOT NULL DEFAULT 0, member_since TEXT);
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY, nid TEXT NOT NULL, rid TEXT NOT NULL, email TEXT NOT NULL UNIQUE,
    password TEXT NOT NULL, first_name TEXT NOT NULL, last_name TEXT NOT NULL, kind TEXT NOT NULL,
    org_id TEXT NOT NULL, ciphertext TEXT NOT NULL, photo_url TEXT, title TEXT, description TEXT,
    rate_cents INTEGER, skills TEXT NOT NULL DEFAULT '[]', job_success REAL,
    total_earnings_cents INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, ciphertext TEXT NOT NULL UNIQUE, title TEXT NOT NULL, description TEXT NOT NULL,
    category TEXT NOT NULL, subcategory TEXT NOT NULL, skills TEXT NOT NULL, job_type TEXT NOT NULL,
    experience TEXT NOT NULL, fixed_cents INTEGER, hourly_min INTEGER, hourly_max INTEGER,
    engagement TEXT, duration TEXT NOT NULL, duration_label TEXT NOT NULL, weeks INTEGER NOT NULL,
    client_org_id TEXT NOT NULL, applicants INTEGER NOT NULL, invites_sent INTEGER NOT NULL,
    interviewing INTEGER NOT NULL, hires INTEGER NOT NULL DEFAULT 0, persons_to_hire INTEGER NOT NULL,
    premium INTEGER NOT NULL, enterprise INTEGER NOT NULL, cover_letter_required INTEGER NOT NULL,
    questions TEXT NOT NULL DEFAULT '[]', status TEXT NOT NULL, close_result TEXT,
    created_at TEXT NOT NULL, published_at TEXT NOT NULL, last_client_activity TEXT);
CREATE INDEX IF NOT EXISTS jobs_published ON jobs (status, published_at);
CREATE TABLE IF NOT EXISTS proposals (
    id TEXT PRIMARY KEY, job_id TEXT NOT NULL, user_id TEXT NOT NULL, status TEXT NOT NULL,
    reason TEXT, cover_letter TEXT NOT NULL, rate_cents INTEGER NOT NULL, duration_id TEXT,
    duration_label TEXT, upfront_percent INTEGER, milestones TEXT NOT NULL DEFAULT '[]',
    annotations TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL, modified_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rooms (
    id TEXT PRIMARY KEY, room_name TEXT NOT NULL, topic TEXT, room_type TEXT NOT NULL,
    created_at TEXT NOT NULL, last_activity_at TEXT NOT NULL, last_read_at TEXT, last_visited_at TEXT,
    contract_id TEXT, proposal_id TEXT, job_id TEXT, offer_ids TEXT NOT NULL DEFAULT '[]',
    hidden INTEGER NOT NULL DEFAULT 0, muted INTEGER NOT NULL DEFAULT 0,
    read_only INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS room_users (
    room_id TEXT NOT NULL, user_id TEXT NOT NULL, org_id TEXT NOT NULL, role TEXT NOT NULL,
    PRIMARY KEY (room_id, user_id));
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, room_id TEXT NOT NULL, user_id TEXT, org_id TEXT, message TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS stories_room ON stories (room_id, created_at);
CREATE TABLE IF NOT EXISTS contracts (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, job_id TEXT NOT NULL,
    proposal_id TEXT, freelancer_id TEXT NOT NULL, client_user_id TEXT NOT NULL, client_org_id TEXT NOT NULL,
    offer_id TEXT NOT NULL, term_id TEXT NOT NULL, created_at TEXT NOT NULL, modified_at TEXT NOT NULL,
    start_date TEXT NOT NULL, end_date TEXT, hourly_rate_cents INTEGER, weekly_limit INTEGER,
    fixed_cents INTEGER, fee_rate REAL NOT NULL, paused INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS milestones (
    id TEXT PRIMARY KEY, contract_id TEXT NOT NULL, sequence_id INTEGER NOT NULL, description TEXT NOT NULL,
    due_at TEXT NOT NULL, deposit_cents INTEGER NOT NULL, funded_cents INTEGER NOT NULL,
    paid_cents INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS transactions (
    record_id TEXT PRIMARY KEY, row_number INTEGER NOT NULL, user_id TEXT NOT NULL, type TEXT NOT NULL,
    subtype TEXT NOT NULL, description TEXT NOT NULL, amount_cents INTEGER NOT NULL, status TEXT NOT NULL,
    created_at TEXT NOT NULL, review_due TEXT, fully_paid_at TEXT, related_id TEXT, invoice_id TEXT,
    contract_id TEXT, company_name TEXT);
CREATE TABLE IF NOT EXISTS auth_codes (
    code TEXT PRIMARY KEY, client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL, user_id TEXT NOT NULL,
    expires_at REAL NOT NULL, used INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS access_tokens (
    token TEXT PRIMARY KEY, user_id TEXT NOT NULL, client_id TEXT NOT NULL, expires_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS refresh_tokens (
    token TEXT PRIMARY KEY, user_id TEXT NOT NULL, client_id TEXT NOT NULL, expires_at REAL NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0);
"""

Row = dict[str, Any]


class Database:
    """One SQLite connection shared by the server thread, the simulator and test threads (hence the lock)."""

    def __init__(self, path: Path | str) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(DDL)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def all(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        with self._lock:
            return [dict(row) for row in self._conn.execute(sql, tuple(params))]

    def one(self, sql: str, params: Iterable[Any] = ()) -> Row | None:
        with self._lock:
            row = self._conn.execute(sql, tuple(params)).fetchone()
            return None if row is None else dict(row)

    def scalar(self, sql: str, params: Iterable[Any] = ()) -> Any:
        with self._lock:
            row = self._conn.execute(sql, tuple(params)).fetchone()
            return None if row is None else row[0]

    def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run one statement in its own transaction; returns the number of changed rows."""
        with self.transaction() as conn:
            return conn.execute(sql, tuple(params)).rowcount

    def insert(self, table: str, row: Row) -> None:
        with self.transaction() as conn:
            insert_row(conn, table, row)

    def is_empty(self) -> bool:
        return bool(self.scalar("SELECT COUNT(*) FROM users") == 0)

    def next_number(self, name: str, start: int = 1) -> int:
        """The next value of a persistent sequence (first value `start`)."""
        with self.transaction() as conn:
            return next_number(conn, name, start)


def insert_row(conn: sqlite3.Connection, table: str, row: Row) -> None:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))


def next_number(conn: sqlite3.Connection, name: str, start: int = 1) -> int:
    row = conn.execute("SELECT value FROM seq WHERE name = ?", (name,)).fetchone()
    value = start if row is None else int(row[0]) + 1
    conn.execute("INSERT OR REPLACE INTO seq (name, value) VALUES (?, ?)", (name, value))
    return value
