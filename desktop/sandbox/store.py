"""The sandbox's SQLite database: schema, queries and every state change (with its events).

Threading: uvicorn serves sync endpoints from a thread pool, the simulator runs in the event loop and tests
call in from their own thread, so there is ONE connection (check_same_thread=False) guarded by a lock.
Every write runs in a BEGIN IMMEDIATE transaction and takes its timestamp from a monotonic clock inside the
lock, so commit order equals `updated_at` order — which is what keeps `updated_since` deltas gap-free.

Events are rows of the `events` table (durable ids for SSE replay); listeners are told after the commit.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from .clock import MonotonicClock, format_ts, parse_ts
from .files import (
    ALLOWED_TYPES,
    MAX_ATTACHMENTS_PER_MESSAGE,
    matches_signature,
    name_problem,
)
from .money import fee_cents, money, text_to_cents
from .problems import ProblemError, conflict, not_found, validation

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
    id TEXT PRIMARY KEY, role TEXT NOT NULL, email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_salt TEXT NOT NULL, password_hash TEXT NOT NULL, name TEXT NOT NULL, title TEXT NOT NULL,
    country TEXT NOT NULL, skills TEXT NOT NULL, hourly_rate_cents INTEGER NOT NULL,
    connects INTEGER NOT NULL,
    fee_rate TEXT NOT NULL, client_id TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS oauth_tokens (
    token_hash TEXT PRIMARY KEY, kind TEXT NOT NULL, account_id TEXT NOT NULL, grant_id TEXT NOT NULL,
    expires_at REAL NOT NULL, rotated_at REAL);
CREATE INDEX IF NOT EXISTS oauth_tokens_by_grant ON oauth_tokens (grant_id);
CREATE TABLE IF NOT EXISTS oauth_codes (
    code_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL, grant_id TEXT NOT NULL, client_id TEXT NOT NULL,
    redirect_uri TEXT NOT NULL, code_challenge TEXT NOT NULL, scope TEXT NOT NULL, expires_at REAL NOT NULL,
    used_at REAL);
CREATE TABLE IF NOT EXISTS clients (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, payment_verified INTEGER NOT NULL,
    rating TEXT, total_spent_cents INTEGER NOT NULL, hires INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS categories (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, description TEXT NOT NULL,
    category TEXT NOT NULL, skills TEXT NOT NULL, skills_text TEXT NOT NULL, job_type TEXT NOT NULL,
    budget_cents INTEGER, hourly_min_cents INTEGER, hourly_max_cents INTEGER,
    budget_value_cents INTEGER NOT NULL,  -- the fixed budget or hourly_max: what budget filters compare
    experience_level TEXT NOT NULL, duration TEXT NOT NULL, proposals_count INTEGER NOT NULL,
    connects_required INTEGER NOT NULL, fee_rate TEXT NOT NULL, status TEXT NOT NULL, client_id TEXT NOT NULL,
    posted_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    screening_questions TEXT NOT NULL DEFAULT '[]');  -- JSON [{"id", "text"}]: answered with a proposal
CREATE VIRTUAL TABLE IF NOT EXISTS jobs_fts USING fts5 (
    title, description, skills_text, content='jobs', content_rowid='seq', tokenize='porter unicode61');
CREATE TABLE IF NOT EXISTS proposals (
    id TEXT PRIMARY KEY, account_id TEXT NOT NULL, job_id TEXT NOT NULL, cover_letter TEXT NOT NULL,
    bid_cents INTEGER NOT NULL, duration TEXT NOT NULL, status TEXT NOT NULL, fee_rate TEXT NOT NULL,
    connects_spent INTEGER NOT NULL, invited INTEGER NOT NULL, created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    milestones TEXT NOT NULL DEFAULT '[]',  -- JSON [{"description", "amount_cents", "due_date"}]
    answers TEXT NOT NULL DEFAULT '[]');  -- JSON [{"question_id", "question", "answer"}]
CREATE INDEX IF NOT EXISTS proposals_by_account ON proposals (account_id, updated_at, id);
CREATE INDEX IF NOT EXISTS proposals_by_job ON proposals (job_id, account_id);
CREATE TABLE IF NOT EXISTS invitations (
    id TEXT PRIMARY KEY, account_id TEXT NOT NULL, job_id TEXT NOT NULL, message TEXT NOT NULL,
    status TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rooms (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, job_id TEXT, created_at TEXT NOT NULL);
-- updated_at is per member: a room changes for everyone on a new message, but only for you when you read it.
CREATE TABLE IF NOT EXISTS room_members (
    room_id TEXT NOT NULL, account_id TEXT NOT NULL, last_read_at TEXT NOT NULL DEFAULT '',
    last_read_id TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL, PRIMARY KEY (room_id, account_id));
CREATE INDEX IF NOT EXISTS room_members_by_account ON room_members (account_id, updated_at);
CREATE TABLE IF NOT EXISTS messages (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, room_id TEXT NOT NULL, sender_id TEXT NOT NULL,
    body TEXT NOT NULL, client_key TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    attachments TEXT NOT NULL DEFAULT '[]');  -- the wire Attachment list (JSON): fixed once sent
CREATE INDEX IF NOT EXISTS messages_by_room ON messages (room_id, created_at, id);
CREATE INDEX IF NOT EXISTS messages_by_updated ON messages (updated_at, id);
-- A file uploaded to a room; message_id is set when a message takes it (one message per attachment).
CREATE TABLE IF NOT EXISTS attachments (
    id TEXT PRIMARY KEY, room_id TEXT NOT NULL, uploader_id TEXT NOT NULL, name TEXT NOT NULL,
    content_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, data BLOB NOT NULL,
    message_id TEXT, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS transactions (
    id TEXT PRIMARY KEY, account_id TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL,
    description TEXT NOT NULL, job_id TEXT, gross_cents INTEGER NOT NULL, fee_cents INTEGER NOT NULL,
    net_cents INTEGER NOT NULL, created_at TEXT NOT NULL, available_at TEXT, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS transactions_by_account ON transactions (account_id, created_at, id);
-- query: the SavedSearchQuery JSON (amounts as two-decimal strings). Deleted ones stay as tombstones.
CREATE TABLE IF NOT EXISTS saved_searches (
    id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL, query TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS saved_searches_by_account ON saved_searches (account_id, updated_at, id);
-- A hire: hourly (rate, weekly limit, the hours of the current week) or fixed price (paid in milestones).
CREATE TABLE IF NOT EXISTS contracts (
    id TEXT PRIMARY KEY, account_id TEXT NOT NULL, job_id TEXT NOT NULL, proposal_id TEXT, room_id TEXT,
    client_id TEXT NOT NULL, title TEXT NOT NULL, contract_type TEXT NOT NULL, status TEXT NOT NULL,
    hourly_rate_cents INTEGER, weekly_limit_hours INTEGER, hours_this_week TEXT, week_start TEXT,
    fee_rate TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS contracts_by_account ON contracts (account_id, updated_at, id);
CREATE INDEX IF NOT EXISTS contracts_by_job ON contracts (job_id);
-- A fixed-price contract's milestones. The money of a funded one is a transaction: its status moves the
-- milestone (in_progress = funded, in_review = submitted, pending = approved, available = paid).
CREATE TABLE IF NOT EXISTS milestones (
    id TEXT PRIMARY KEY, contract_id TEXT NOT NULL, position INTEGER NOT NULL, description TEXT NOT NULL,
    amount_cents INTEGER NOT NULL, status TEXT NOT NULL, due_date TEXT, transaction_id TEXT,
    funded_at TEXT, submitted_at TEXT, approved_at TEXT, paid_at TEXT);
CREATE INDEX IF NOT EXISTS milestones_by_contract ON milestones (contract_id, position);
CREATE INDEX IF NOT EXISTS milestones_by_transaction ON milestones (transaction_id);
CREATE TABLE IF NOT EXISTS idempotency (
    account_id TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
    body TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (account_id, key));
-- account_id NULL = broadcast (job.* events go to everyone).
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT, type TEXT NOT NULL, data TEXT NOT NULL,
    created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_account ON events (account_id, id);
"""

# Columns added since the first schema: a database file made before them gains them when opened.
ADDED_COLUMNS = (
    ("jobs", "screening_questions", "TEXT NOT NULL DEFAULT '[]'"),
    ("proposals", "milestones", "TEXT NOT NULL DEFAULT '[]'"),
    ("proposals", "answers", "TEXT NOT NULL DEFAULT '[]'"),
    ("messages", "attachments", "TEXT NOT NULL DEFAULT '[]'"),
)
MAX_MILESTONES = 20

# Kept apart from SCHEMA: a bulk load drops them and builds them once at the end (much faster).
JOB_INDEXES = {
    "jobs_by_posted": "jobs (posted_at, id)",
    "jobs_by_updated": "jobs (updated_at, id)",
    "jobs_by_budget": "jobs (budget_value_cents, id)",
}

CODE_MEMORY_SECONDS = 3600.0
PASSWORD_ITERATIONS = 10_000  # a sandbox: cheap enough for tests that log in a lot, still not plain text
MILESTONE_STATUS_OF_MONEY = {  # a milestone's money moves it along
    "in_progress": "funded",
    "in_review": "submitted",
    "pending": "approved",
    "available": "paid",
}
MILESTONE_STAMP = {"funded": "funded_at", "submitted": "submitted_at", "approved": "approved_at",
                   "paid": "paid_at"}
FINAL_PROPOSAL_STATUSES = frozenset({"hired", "declined", "withdrawn", "archived"})
PROPOSAL_LIFECYCLE = ("submitted", "viewed", "interviewing", "offer", "hired")
MAX_IDEMPOTENCY_KEY = 200
MAX_SAVED_SEARCHES = 50  # live ones per account
SQL_INT_MAX = 2**63 - 1  # a filter value beyond SQLite's INTEGER range is this (it can only mean "no limit")

Row = sqlite3.Row
Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    role: str
    name: str
    email: str


@dataclass(frozen=True, slots=True)
class AuthorizationCode:
    account_id: str
    grant_id: str
    client_id: str
    redirect_uri: str
    code_challenge: str
    scope: str
    expired: bool
    already_used: bool


@dataclass(frozen=True, slots=True)
class RefreshOutcome:
    status: Literal["issued", "invalid", "reused"]
    account_id: str = ""
    access_token: str = field(default="", repr=False)
    refresh_token: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class PageParams:
    limit: int = 50
    cursor: str | None = None
    updated_since: str | None = None  # already validated wire timestamp


@dataclass(frozen=True, slots=True)
class JobQuery:
    q: str | None = None
    job_type: str | None = None
    min_budget_cents: int | None = None
    max_budget_cents: int | None = None
    experience_level: str | None = None
    category: str | None = None
    payment_verified: bool | None = None
    max_proposals: int | None = None
    posted_within_hours: float | None = None
    sort: str = "newest"


def filter_cents(amount: Decimal | str | None) -> int | None:
    """A budget filter amount (Decimal or decimal text) -> whole cents, as GET /v1/jobs compares them."""
    if amount is None:
        return None
    return min(SQL_INT_MAX, int((Decimal(amount) * 100).to_integral_value()))


def filter_count(value: int | None) -> int | None:
    return None if value is None else min(SQL_INT_MAX, value)


def saved_search_job_query(query: Json) -> JobQuery:
    """The GET /v1/jobs filters a stored SavedSearchQuery stands for (same conversions as the endpoint)."""
    return JobQuery(
        q=query.get("q"),
        job_type=query.get("job_type"),
        min_budget_cents=filter_cents(query.get("min_budget")),
        max_budget_cents=filter_cents(query.get("max_budget")),
        experience_level=query.get("experience_level"),
        category=query.get("category"),
        payment_verified=query.get("payment_verified"),
        max_proposals=filter_count(query.get("max_proposals")),
        posted_within_hours=query.get("posted_within_hours"),
    )


@dataclass(frozen=True, slots=True)
class TransactionQuery:
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """What an idempotent POST answers: the status and JSON body (replayed verbatim for a repeated key)."""

    status: int
    body: Json
    replayed: bool


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"


def hash_secret(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def hash_password(password: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), PASSWORD_ITERATIONS).hex()


def request_fingerprint(method_and_path: str, payload: Json) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hash_secret(f"{method_and_path}\n{canonical}")


def fts_match_expression(text: str) -> str | None:
    """User text -> a safe FTS5 query: every word must match (as a prefix); no operator is interpreted."""
    words = re.findall(r"\w+", text.lower())
    return " ".join(f'"{word}"*' for word in words) if words else None


# ---- cursors: opaque to clients, a tagged JSON list inside -------------------------------------------------


def encode_cursor(tag: str, values: Sequence[Any]) -> str:
    raw = json.dumps([tag, *values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


INTEGER_KEYS = frozenset({"budget_value_cents"})
"""Sort keys held as integers; every other key (timestamps, ids) is text."""


def decode_cursor(cursor: str, tag: str, kinds: Sequence[type[int] | type[str]]) -> list[Any]:
    """The values of a cursor made by encode_cursor(tag, ...), each of the type `kinds` gives (int or str).

    Anything else (another listing's cursor, or one edited by hand: wrong types, integers beyond SQLite's
    range, negative offsets) is a 422, never a database error.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        decoded = json.loads(raw)
    except (binascii.Error, ValueError) as exc:
        raise validation("cursor is not valid") from exc
    if not isinstance(decoded, list) or len(decoded) != len(kinds) + 1 or decoded[0] != tag:
        raise validation("cursor does not belong to this listing (did the sort or filters change?)")
    values = decoded[1:]
    for value, kind in zip(values, kinds, strict=True):
        if kind is int:
            valid = type(value) is int and 0 <= value <= SQL_INT_MAX
        else:
            valid = type(value) is str and value.isascii()  # ids and timestamps; no lone surrogates
        if not valid:
            raise validation("cursor is not valid")
    return values


class Store:
    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA foreign_keys=OFF")
        self._conn.executescript(SCHEMA)
        self._add_missing_columns()
        self._create_job_indexes(self._conn)
        self.clock = MonotonicClock()
        newest = self._conn.execute(
            "SELECT MAX(t) FROM (SELECT MAX(updated_at) t FROM jobs"
            " UNION ALL SELECT MAX(updated_at) FROM messages"
            " UNION ALL SELECT MAX(updated_at) FROM transactions"
            " UNION ALL SELECT MAX(updated_at) FROM proposals"
            " UNION ALL SELECT MAX(updated_at) FROM room_members"
            " UNION ALL SELECT MAX(updated_at) FROM saved_searches"
            " UNION ALL SELECT MAX(updated_at) FROM contracts)"
        ).fetchone()[0]
        if newest:
            self.clock.advance_past(newest)
        self._listeners: list[Callable[[], None]] = []
        self._emitted = False
        # Token requests answered with tokens, by grant type (tests count refreshes with it).
        self.token_grants_issued: Counter[str] = Counter()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _add_missing_columns(self) -> None:
        """A demo database written by an older version: the columns added since, with their defaults."""
        for table, column, declaration in ADDED_COLUMNS:
            known = {row["name"] for row in self._conn.execute(f"PRAGMA table_info({table})")}
            if column not in known:
                self._conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")

    # ---- plumbing ---------------------------------------------------------------------------------------

    def add_listener(self, listener: Callable[[], None]) -> None:
        """`listener()` is called (from the writing thread) after a commit that recorded events."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                self._emitted = False
                raise
            self._conn.execute("COMMIT")
            emitted, self._emitted = self._emitted, False
        if emitted:
            for listener in list(self._listeners):
                listener()

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _read_one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        with self._lock:
            row: Row | None = self._conn.execute(sql, params).fetchone()
            return row

    def _emit(self, conn: sqlite3.Connection, account_id: str | None, event_type: str, data: Json) -> None:
        conn.execute(
            "INSERT INTO events (account_id, type, data, created_at) VALUES (?, ?, ?, ?)",
            (account_id, event_type, json.dumps(data, separators=(",", ":")), self.clock.now_text()),
        )
        self._emitted = True

    @staticmethod
    def _create_job_indexes(conn: sqlite3.Connection) -> None:
        for name, target in JOB_INDEXES.items():
            conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")

    def bulk_load(self, tables: Sequence[tuple[str, Sequence[Json]]]) -> None:
        """Seeding fast path: one transaction, executemany per table, job indexes and full-text index last."""
        with self._write() as conn:
            for name in JOB_INDEXES:
                conn.execute(f"DROP INDEX IF EXISTS {name}")
            for table, rows in tables:
                if not rows:
                    continue
                columns = list(rows[0])
                conn.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                    [tuple(row[c] for c in columns) for row in rows],
                )
            self._create_job_indexes(conn)
            conn.execute("INSERT INTO jobs_fts (jobs_fts) VALUES ('rebuild')")

    def is_empty(self) -> bool:
        return self._read_one("SELECT 1 FROM accounts LIMIT 1") is None

    def get_meta(self, key: str) -> str | None:
        row = self._read_one("SELECT value FROM meta WHERE key = ?", (key,))
        return None if row is None else str(row["value"])

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as conn:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Read-only SQL for the sandbox's own tools (the simulator looks at the world through it)."""
        return self._read(sql, params)

    def add_connects(self, account_id: str, connects: int) -> None:
        """The monthly Connects allowance arrives (simulator)."""
        with self._write() as conn:
            conn.execute("UPDATE accounts SET connects = connects + ?, updated_at = ? WHERE id = ?",
                         (connects, self.clock.now_text(), account_id))

    # ---- auth ---------------------------------------------------------------------------------------------

    def check_password(self, email: str, password: str) -> Account | None:
        row = self._read_one("SELECT * FROM accounts WHERE email = ?", (email.strip(),))
        if row is None:
            return None
        candidate = hash_password(password, row["password_salt"])
        if not hmac.compare_digest(candidate, row["password_hash"]):
            return None
        return _account(row)

    def issue_tokens(
        self, account_id: str, access_ttl: int, refresh_ttl: int, grant_id: str | None = None
    ) -> tuple[str, str]:
        """A new access + refresh token pair; both belong to `grant_id` (a new grant when None)."""
        with self._write() as conn:
            return self._issue_tokens(conn, account_id, grant_id or new_id("grant"), access_ttl, refresh_ttl)

    def _issue_tokens(
        self, conn: sqlite3.Connection, account_id: str, grant_id: str, access_ttl: int, refresh_ttl: int
    ) -> tuple[str, str]:
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = time.time()
        conn.execute("DELETE FROM oauth_tokens WHERE expires_at < ?", (now,))
        conn.executemany(
            "INSERT INTO oauth_tokens (token_hash, kind, account_id, grant_id, expires_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (hash_secret(access), "access", account_id, grant_id, now + access_ttl),
                (hash_secret(refresh), "refresh", account_id, grant_id, now + refresh_ttl),
            ],
        )
        return access, refresh

    def account_for_token(self, token: str, kind: str = "access") -> Account | None:
        row = self._read_one(
            "SELECT a.* FROM oauth_tokens t JOIN accounts a ON a.id = t.account_id"
            " WHERE t.token_hash = ? AND t.kind = ? AND t.expires_at > ?",
            (hash_secret(token), kind, time.time()),
        )
        return None if row is None else _account(row)

    def account_by_id(self, account_id: str) -> Account | None:
        row = self._read_one("SELECT * FROM accounts WHERE id = ?", (account_id,))
        return None if row is None else _account(row)

    def rotate_refresh_token(
        self, refresh_token: str, access_ttl: int, refresh_ttl: int, grace: float
    ) -> RefreshOutcome:
        """Trade a refresh token for a new pair (rotation, OAuth 2.0 Security BCP §4.14.2).

        A rotated token still works for `grace` seconds, so two requests that refresh at once (or a reply
        lost on the way) do not sign the user out. Presented after that, it is treated as stolen: the whole
        grant is revoked, which also ends whoever holds its newer tokens.
        """
        now = time.time()
        with self._write() as conn:
            row = conn.execute(
                "SELECT * FROM oauth_tokens WHERE token_hash = ? AND kind = 'refresh'",
                (hash_secret(refresh_token),),
            ).fetchone()
            if row is None or row["expires_at"] <= now:
                return RefreshOutcome("invalid")
            if row["rotated_at"] is not None and now - row["rotated_at"] > grace:
                conn.execute("DELETE FROM oauth_tokens WHERE grant_id = ?", (row["grant_id"],))
                return RefreshOutcome("reused")
            if row["rotated_at"] is None:
                conn.execute(
                    "UPDATE oauth_tokens SET rotated_at = ? WHERE token_hash = ?", (now, row["token_hash"])
                )
            access, refresh = self._issue_tokens(
                conn, row["account_id"], row["grant_id"], access_ttl, refresh_ttl
            )
            return RefreshOutcome("issued", row["account_id"], access, refresh)

    def revoke_token(self, token: str) -> None:
        """RFC 7009: a refresh token takes its whole grant with it; an access token goes alone."""
        with self._write() as conn:
            row = conn.execute(
                "SELECT kind, grant_id FROM oauth_tokens WHERE token_hash = ?", (hash_secret(token),)
            ).fetchone()
            if row is None:
                return
            if row["kind"] == "refresh":
                conn.execute("DELETE FROM oauth_tokens WHERE grant_id = ?", (row["grant_id"],))
            else:
                conn.execute("DELETE FROM oauth_tokens WHERE token_hash = ?", (hash_secret(token),))

    def revoke_grant(self, grant_id: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM oauth_tokens WHERE grant_id = ?", (grant_id,))

    def grant_token_count(self, grant_id: str) -> int:
        row = self._read_one("SELECT COUNT(*) FROM oauth_tokens WHERE grant_id = ?", (grant_id,))
        return 0 if row is None else int(row[0])

    def create_authorization_code(
        self, account_id: str, client_id: str, redirect_uri: str, code_challenge: str, scope: str, ttl: float
    ) -> str:
        code = secrets.token_urlsafe(32)
        now = time.time()
        with self._write() as conn:
            # Used or expired codes are kept a while after expiry, so a late replay is still recognised.
            conn.execute("DELETE FROM oauth_codes WHERE expires_at < ?", (now - CODE_MEMORY_SECONDS,))
            conn.execute(
                "INSERT INTO oauth_codes (code_hash, account_id, grant_id, client_id, redirect_uri,"
                " code_challenge, scope, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (hash_secret(code), account_id, new_id("grant"), client_id, redirect_uri, code_challenge,
                 scope, now + ttl),
            )
        return code

    def consume_authorization_code(self, code: str) -> AuthorizationCode | None:
        """The code's record, marked used in the same transaction (codes are single-use). None: unknown."""
        now = time.time()
        with self._write() as conn:
            row = conn.execute(
                "SELECT * FROM oauth_codes WHERE code_hash = ?", (hash_secret(code),)
            ).fetchone()
            if row is None:
                return None
            if row["used_at"] is None:
                conn.execute(
                    "UPDATE oauth_codes SET used_at = ? WHERE code_hash = ?", (now, row["code_hash"])
                )
            return AuthorizationCode(
                account_id=row["account_id"],
                grant_id=row["grant_id"],
                client_id=row["client_id"],
                redirect_uri=row["redirect_uri"],
                code_challenge=row["code_challenge"],
                scope=row["scope"],
                expired=row["expires_at"] <= now,
                already_used=row["used_at"] is not None,
            )

    def account_by_email(self, email: str) -> Account | None:
        row = self._read_one("SELECT * FROM accounts WHERE email = ?", (email,))
        return None if row is None else _account(row)

    def me(self, account_id: str) -> Json:
        row = self._read_one("SELECT * FROM accounts WHERE id = ?", (account_id,))
        if row is None:
            raise not_found("account")
        return {
            "id": row["id"],
            "role": row["role"],
            "name": row["name"],
            "title": row["title"],
            "email": row["email"],
            "country": row["country"],
            "skills": json.loads(row["skills"]),
            "hourly_rate": money(row["hourly_rate_cents"]),
            "connects": row["connects"],
            "fee_rate": row["fee_rate"],
        }

    # ---- paging helpers ---------------------------------------------------------------------------------

    def _keyset_page(
        self,
        select: str,
        where: list[str],
        params: list[Any],
        keys: Sequence[str],
        descending: bool,
        tag: str,
        page: PageParams,
    ) -> tuple[list[Row], str | None]:
        """Keyset pagination over `keys` (the last one unique): stable while rows are inserted."""
        where = list(where)
        params = list(params)
        if page.cursor:
            kinds = [int if _column(key) in INTEGER_KEYS else str for key in keys]
            values = decode_cursor(page.cursor, tag, kinds)
            columns = ", ".join(keys)
            marks = ", ".join("?" for _ in keys)
            where.append(f"({columns}) {'<' if descending else '>'} ({marks})")
            params.extend(values)
        direction = "DESC" if descending else "ASC"
        order = ", ".join(f"{key} {direction}" for key in keys)
        sql = f"{select} {_where(where)} ORDER BY {order} LIMIT ?"
        rows = self._read(sql, [*params, page.limit + 1])
        if len(rows) <= page.limit:
            return rows, None
        rows = rows[: page.limit]
        last = rows[-1]
        return rows, encode_cursor(tag, [last[_column(key)] for key in keys])

    def _offset_page(
        self, select: str, where: list[str], params: list[Any], order: str, tag: str, page: PageParams
    ) -> tuple[list[Row], str | None]:
        offset = int(decode_cursor(page.cursor, tag, [int])[0]) if page.cursor else 0
        sql = f"{select} {_where(where)} ORDER BY {order} LIMIT ? OFFSET ?"
        rows = self._read(sql, [*params, page.limit + 1, offset])
        if len(rows) <= page.limit:
            return rows, None
        return rows[: page.limit], encode_cursor(tag, [offset + page.limit])

    # ---- jobs -------------------------------------------------------------------------------------------

    _JOB_SELECT = (
        "SELECT j.*, c.name AS client_name, c.country AS client_country, c.payment_verified,"
        " c.rating AS client_rating, c.total_spent_cents, c.hires AS client_hires FROM jobs j"
        " JOIN clients c ON c.id = j.client_id"
    )

    def list_jobs(self, query: JobQuery, page: PageParams) -> tuple[list[Json], str | None]:
        select, where, params, match = self._job_filters(query)
        if page.updated_since:
            where.append("j.updated_at > ?")
            params.append(page.updated_since)
            rows, cursor = self._keyset_page(
                select, where, params, ("j.updated_at", "j.id"), False, "jobs:updated", page
            )
        elif query.sort == "budget_desc":
            rows, cursor = self._keyset_page(
                select, where, params, ("j.budget_value_cents", "j.id"), True, "jobs:budget", page
            )
        elif query.sort == "proposals_asc":
            rows, cursor = self._offset_page(
                select,
                where,
                params,
                "j.proposals_count ASC, j.posted_at DESC, j.id DESC",
                "jobs:proposals",
                page,
            )
        elif query.sort == "relevance" and match:
            rows, cursor = self._offset_page(
                select, where, params, "fts.fts_rank ASC, j.posted_at DESC, j.id DESC", "jobs:relevance", page
            )
        else:  # newest, and relevance without search words
            rows, cursor = self._keyset_page(
                select, where, params, ("j.posted_at", "j.id"), True, "jobs:newest", page
            )
        return [_job(row) for row in rows], cursor

    def _job_filters(self, query: JobQuery) -> tuple[str, list[str], list[Any], str | None]:
        """(select, where, params, fts expression) of a job search: GET /v1/jobs and saved-search matching."""
        select = self._JOB_SELECT
        where: list[str] = []
        params: list[Any] = []
        match = fts_match_expression(query.q) if query.q else None
        if match:
            select += (
                " JOIN (SELECT rowid AS fts_rowid, rank AS fts_rank FROM jobs_fts WHERE jobs_fts MATCH ?)"
                " fts ON fts.fts_rowid = j.seq"
            )
            params.append(match)
        if query.job_type:
            where.append("j.job_type = ?")
            params.append(query.job_type)
        if query.min_budget_cents is not None:
            where.append("j.budget_value_cents >= ?")
            params.append(query.min_budget_cents)
        if query.max_budget_cents is not None:
            where.append("j.budget_value_cents <= ?")
            params.append(query.max_budget_cents)
        if query.experience_level:
            where.append("j.experience_level = ?")
            params.append(query.experience_level)
        if query.category:
            where.append("j.category = ?")
            params.append(query.category)
        if query.payment_verified is not None:
            where.append("c.payment_verified = ?")
            params.append(int(query.payment_verified))
        if query.max_proposals is not None:
            where.append("j.proposals_count <= ?")
            params.append(query.max_proposals)
        if query.posted_within_hours is not None:
            try:
                oldest = format_ts(self.clock.now() - timedelta(hours=query.posted_within_hours))
            except (OverflowError, ValueError):  # further back than datetime goes: every job qualifies
                oldest = None
            if oldest is not None:
                where.append("j.posted_at >= ?")
                params.append(oldest)
        return select, where, params, match

    def get_job(self, job_id: str) -> Json | None:
        row = self._read_one(f"{self._JOB_SELECT} WHERE j.id = ?", (job_id,))
        return None if row is None else _job(row)

    def categories(self) -> list[str]:
        return [row["name"] for row in self._read("SELECT name FROM categories ORDER BY position, name")]

    def insert_job(self, job: Json) -> Json:
        """Publish a new job now (simulator): job.created goes to everyone, and job.matched to every account
        with live saved searches that find it ({"job", "saved_search_ids"})."""
        stamp = self.clock.now_text()
        row = {**job, "posted_at": stamp, "updated_at": stamp}
        columns = list(row)
        with self._write() as conn:
            cursor = conn.execute(
                f"INSERT INTO jobs ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                [row[c] for c in columns],
            )
            conn.execute(
                "INSERT INTO jobs_fts (rowid, title, description, skills_text) VALUES (?, ?, ?, ?)",
                (cursor.lastrowid, row["title"], row["description"], row["skills_text"]),
            )
            created = self._job_in(conn, row["id"])
            self._emit(conn, None, "job.created", created)
            for account_id, search_ids in self._saved_searches_matching(conn, row["id"]):
                self._emit(conn, account_id, "job.matched", {"job": created, "saved_search_ids": search_ids})
        return created

    def _saved_searches_matching(self, conn: sqlite3.Connection, job_id: str) -> list[tuple[str, list[str]]]:
        """(account, ids of its live saved searches that find the job, in creation order), by account id.

        Each search runs as GET /v1/jobs would run it (the same filter code), narrowed to this one job.
        posted_within_hours is left out: the job was posted just now.
        """
        searches = conn.execute(
            "SELECT id, account_id, query FROM saved_searches WHERE deleted = 0"
            " ORDER BY account_id, created_at, id"
        ).fetchall()
        matches: dict[str, list[str]] = {}
        for search in searches:
            query = replace(saved_search_job_query(json.loads(search["query"])), posted_within_hours=None)
            select, where, params, _match = self._job_filters(query)
            sql = f"{select} {_where([*where, 'j.id = ?'])} LIMIT 1"
            if conn.execute(sql, [*params, job_id]).fetchone() is not None:
                matches.setdefault(search["account_id"], []).append(search["id"])
        return list(matches.items())

    def update_job(self, job_id: str, *, status: str | None = None, extra_proposals: int = 0) -> Json:
        with self._write() as conn:
            return self._touch_job(conn, job_id, status=status, extra_proposals=extra_proposals)

    def _touch_job(
        self, conn: sqlite3.Connection, job_id: str, *, status: str | None = None, extra_proposals: int = 0
    ) -> Json:
        conn.execute(
            "UPDATE jobs SET status = COALESCE(?, status), proposals_count = proposals_count + ?,"
            " updated_at = ?"
            " WHERE id = ?",
            (status, extra_proposals, self.clock.now_text(), job_id),
        )
        job = self._job_in(conn, job_id)
        self._emit(conn, None, "job.updated", job)
        return job

    def _job_in(self, conn: sqlite3.Connection, job_id: str) -> Json:
        row = conn.execute(f"{self._JOB_SELECT} WHERE j.id = ?", (job_id,)).fetchone()
        if row is None:
            raise not_found(f"job {job_id}")
        return _job(row)

    def client_ids(self) -> list[str]:
        return [row["id"] for row in self._read("SELECT id FROM clients ORDER BY id")]

    def oldest_open_job_id(self) -> str | None:
        row = self._read_one("SELECT id FROM jobs WHERE status = 'open' ORDER BY posted_at, id LIMIT 1")
        return None if row is None else str(row["id"])

    def job_to_invite_to(self, account_id: str) -> str | None:
        """The newest open job the account has neither applied to nor been invited to."""
        row = self._read_one(
            "SELECT j.id FROM jobs j WHERE j.status = 'open'"
            " AND NOT EXISTS (SELECT 1 FROM proposals p WHERE p.job_id = j.id AND p.account_id = ?)"
            " AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.job_id = j.id AND i.account_id = ?)"
            " ORDER BY j.posted_at DESC, j.id DESC LIMIT 1",
            (account_id, account_id),
        )
        return None if row is None else str(row["id"])

    # ---- idempotency ------------------------------------------------------------------------------------

    def _recall(
        self, conn: sqlite3.Connection, account_id: str, key: str | None, fingerprint: str
    ) -> StoredResponse | None:
        if key is None:
            return None
        row = conn.execute(
            "SELECT * FROM idempotency WHERE account_id = ? AND key = ?", (account_id, key)
        ).fetchone()
        if row is None:
            return None
        if row["request_hash"] != fingerprint:
            raise conflict("this Idempotency-Key was already used with a different request")
        return StoredResponse(row["status"], json.loads(row["body"]), replayed=True)

    def _remember(
        self,
        conn: sqlite3.Connection,
        account_id: str,
        key: str | None,
        fingerprint: str,
        status: int,
        body: Json,
    ) -> StoredResponse:
        if key is not None:
            conn.execute(
                "INSERT INTO idempotency (account_id, key, request_hash, status, body, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (account_id, key, fingerprint, status, json.dumps(body), self.clock.now_text()),
            )
        return StoredResponse(status, body, replayed=False)

    # ---- proposals --------------------------------------------------------------------------------------

    _PROPOSAL_SELECT = (
        "SELECT p.*, j.title AS job_title, c.name AS client_name FROM proposals p"
        " JOIN jobs j ON j.id = p.job_id JOIN clients c ON c.id = j.client_id"
    )

    def list_proposals(
        self, account_id: str, status: str | None, page: PageParams
    ) -> tuple[list[Json], str | None]:
        where = ["p.account_id = ?"]
        params: list[Any] = [account_id]
        if status:
            where.append("p.status = ?")
            params.append(status)
        rows, cursor = self._updated_order_page(self._PROPOSAL_SELECT, where, params, "p", "proposals", page)
        return [_proposal(row) for row in rows], cursor

    def _updated_order_page(
        self, select: str, where: list[str], params: list[Any], alias: str, name: str, page: PageParams
    ) -> tuple[list[Row], str | None]:
        """Deltas ascend by (updated_at, id); a plain listing is most recently changed first."""
        keys = (f"{alias}.updated_at", f"{alias}.id")
        if page.updated_since:
            return self._keyset_page(
                select,
                [*where, f"{alias}.updated_at > ?"],
                [*params, page.updated_since],
                keys,
                False,
                f"{name}:updated",
                page,
            )
        return self._keyset_page(select, where, params, keys, True, f"{name}:recent", page)

    def create_proposal(self, account: Account, payload: Json, idempotency_key: str | None) -> StoredResponse:
        fingerprint = request_fingerprint("POST /v1/proposals", payload)
        with self._write() as conn:
            stored = self._recall(conn, account.id, idempotency_key, fingerprint)
            if stored is not None:
                return stored
            if account.role != "freelancer":
                raise ProblemError(403, "forbidden", "only freelancers send proposals")
            bid_cents = _positive_amount(payload["bid"], "bid")
            job = conn.execute("SELECT * FROM jobs WHERE id = ?", (payload["job_id"],)).fetchone()
            if job is None:
                raise not_found(f"job {payload['job_id']}")
            if job["status"] != "open":
                raise conflict("this job is closed")
            if conn.execute(
                "SELECT 1 FROM proposals WHERE account_id = ? AND job_id = ?", (account.id, job["id"])
            ).fetchone():
                raise conflict("you already sent a proposal for this job")
            milestones = _milestones(payload.get("milestones") or [], job, bid_cents)
            answers = _answers(payload.get("answers") or [], json.loads(job["screening_questions"]))
            connects = conn.execute("SELECT connects FROM accounts WHERE id = ?", (account.id,)).fetchone()[0]
            if connects < job["connects_required"]:
                raise conflict(f"not enough connects: {job['connects_required']} needed, {connects} left")
            invited = (
                conn.execute(
                    "SELECT 1 FROM invitations WHERE account_id = ? AND job_id = ?"
                    " AND status NOT IN ('declined', 'expired')",
                    (account.id, job["id"]),
                ).fetchone()
                is not None
            )
            stamp = self.clock.now_text()
            proposal_id = new_id("prp")
            conn.execute(
                "INSERT INTO proposals (id, account_id, job_id, cover_letter, bid_cents, duration, status,"
                " fee_rate, connects_spent, invited, created_at, updated_at, milestones, answers)"
                " VALUES (?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?)",
                (
                    proposal_id,
                    account.id,
                    job["id"],
                    payload["cover_letter"],
                    bid_cents,
                    payload["duration"],
                    job["fee_rate"],
                    job["connects_required"],
                    int(invited),
                    stamp,
                    stamp,
                    json.dumps(milestones),
                    json.dumps(answers),
                ),
            )
            conn.execute(
                "UPDATE accounts SET connects = connects - ?, updated_at = ? WHERE id = ?",
                (job["connects_required"], stamp, account.id),
            )
            if invited:
                accepted = conn.execute(
                    "UPDATE invitations SET status = 'accepted', updated_at = ? WHERE account_id = ?"
                    " AND job_id = ? AND status = 'pending' RETURNING id",
                    (stamp, account.id, job["id"]),
                ).fetchall()
                for (invitation_id,) in accepted:
                    accepted_now = self._invitation_in(conn, invitation_id)
                    self._emit(conn, account.id, "invitation.updated", accepted_now)
            self._touch_job(conn, job["id"], extra_proposals=1)
            proposal = self._proposal_in(conn, proposal_id)
            self._emit(conn, account.id, "proposal.updated", proposal)
            return self._remember(conn, account.id, idempotency_key, fingerprint, 201, proposal)

    def withdraw_proposal(self, account_id: str, proposal_id: str) -> Json:
        with self._write() as conn:
            row = conn.execute(
                "SELECT status FROM proposals WHERE id = ? AND account_id = ?", (proposal_id, account_id)
            ).fetchone()
            if row is None:
                raise not_found(f"proposal {proposal_id}")
            if row["status"] in FINAL_PROPOSAL_STATUSES:
                raise conflict(f"the proposal is already {row['status']}")
            return self._set_proposal_status(conn, proposal_id, "withdrawn")

    def set_proposal_status(self, proposal_id: str, status: str) -> Json:
        with self._write() as conn:
            return self._set_proposal_status(conn, proposal_id, status)

    def _set_proposal_status(self, conn: sqlite3.Connection, proposal_id: str, status: str) -> Json:
        conn.execute(
            "UPDATE proposals SET status = ?, updated_at = ? WHERE id = ?",
            (status, self.clock.now_text(), proposal_id),
        )
        proposal = self._proposal_in(conn, proposal_id)
        owner = conn.execute("SELECT account_id FROM proposals WHERE id = ?", (proposal_id,)).fetchone()[0]
        self._emit(conn, owner, "proposal.updated", proposal)
        return proposal

    def _proposal_in(self, conn: sqlite3.Connection, proposal_id: str) -> Json:
        row = conn.execute(f"{self._PROPOSAL_SELECT} WHERE p.id = ?", (proposal_id,)).fetchone()
        if row is None:
            raise not_found(f"proposal {proposal_id}")
        return _proposal(row)

    def active_proposal_ids(self) -> list[str]:
        placeholders = ", ".join("?" for _ in FINAL_PROPOSAL_STATUSES)
        rows = self._read(
            f"SELECT id FROM proposals WHERE status NOT IN ({placeholders}) ORDER BY created_at, id",
            sorted(FINAL_PROPOSAL_STATUSES),
        )
        return [row["id"] for row in rows]

    def proposal_status(self, proposal_id: str) -> str | None:
        row = self._read_one("SELECT status FROM proposals WHERE id = ?", (proposal_id,))
        return None if row is None else str(row["status"])

    # ---- invitations ------------------------------------------------------------------------------------

    _INVITATION_SELECT = (
        "SELECT i.*, j.title AS job_title, c.name AS client_name FROM invitations i"
        " JOIN jobs j ON j.id = i.job_id JOIN clients c ON c.id = j.client_id"
    )

    def list_invitations(self, account_id: str, page: PageParams) -> tuple[list[Json], str | None]:
        rows, cursor = self._updated_order_page(
            self._INVITATION_SELECT, ["i.account_id = ?"], [account_id], "i", "invitations", page
        )
        return [_invitation(row) for row in rows], cursor

    def _invitation_in(self, conn: sqlite3.Connection, invitation_id: str) -> Json:
        row = conn.execute(f"{self._INVITATION_SELECT} WHERE i.id = ?", (invitation_id,)).fetchone()
        if row is None:
            raise not_found(f"invitation {invitation_id}")
        return _invitation(row)

    def expire_invitation(self, account_id: str, invitation_id: str) -> Json | None:
        """Pending → expired (event invitation.updated): the client's invitation lapsed unanswered. An
        invitation answered meanwhile (declined, or accepted with a proposal) stays as it is."""
        with self._write() as conn:
            row = conn.execute("SELECT status FROM invitations WHERE id = ? AND account_id = ?",
                               (invitation_id, account_id)).fetchone()
            if row is None or row["status"] != "pending":
                return None
            conn.execute("UPDATE invitations SET status = 'expired', updated_at = ? WHERE id = ?",
                         (self.clock.now_text(), invitation_id))
            invitation = self._invitation_in(conn, invitation_id)
            self._emit(conn, account_id, "invitation.updated", invitation)
            return invitation

    def decline_invitation(self, account_id: str, invitation_id: str) -> Json:
        """Pending → declined (event invitation.updated). Declining again answers the same; an invitation
        already accepted (a proposal was sent) cannot be declined."""
        with self._write() as conn:
            row = conn.execute("SELECT status FROM invitations WHERE id = ? AND account_id = ?",
                               (invitation_id, account_id)).fetchone()
            if row is None:
                raise not_found(f"invitation {invitation_id}")
            if row["status"] == "accepted":
                raise conflict("the invitation is already accepted: you sent a proposal for this job")
            if row["status"] == "pending":
                conn.execute("UPDATE invitations SET status = 'declined', updated_at = ? WHERE id = ?",
                             (self.clock.now_text(), invitation_id))
                invitation = self._invitation_in(conn, invitation_id)
                self._emit(conn, account_id, "invitation.updated", invitation)
                return invitation
            return self._invitation_in(conn, invitation_id)

    def create_invitation(self, account_id: str, job_id: str, message: str) -> Json:
        stamp = self.clock.now_text()
        invitation_id = new_id("inv")
        with self._write() as conn:
            conn.execute(
                "INSERT INTO invitations (id, account_id, job_id, message, status, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, 'pending', ?, ?)",
                (invitation_id, account_id, job_id, message, stamp, stamp),
            )
            row = conn.execute(f"{self._INVITATION_SELECT} WHERE i.id = ?", (invitation_id,)).fetchone()
            invitation = _invitation(row)
            self._emit(conn, account_id, "invitation.created", invitation)
        return invitation

    # ---- rooms and messages -------------------------------------------------------------------------------

    _MESSAGE_SELECT = (
        "SELECT m.*, a.name AS sender_name FROM messages m JOIN accounts a ON a.id = m.sender_id"
    )

    def list_rooms(self, account_id: str, page: PageParams) -> tuple[list[Json], str | None]:
        select = "SELECT rm.room_id, rm.updated_at FROM room_members rm"
        where = ["rm.account_id = ?"]
        keys = ("rm.updated_at", "rm.room_id")
        if page.updated_since:
            rows, cursor = self._keyset_page(
                select,
                [*where, "rm.updated_at > ?"],
                [account_id, page.updated_since],
                keys,
                False,
                "rooms:updated",
                page,
            )
        else:
            rows, cursor = self._keyset_page(select, where, [account_id], keys, True, "rooms:recent", page)
        with self._lock:
            return [self._room_in(self._conn, row["room_id"], account_id) for row in rows], cursor

    def _require_member(self, conn: sqlite3.Connection, account_id: str, room_id: str) -> None:
        if conn.execute("SELECT 1 FROM rooms WHERE id = ?", (room_id,)).fetchone() is None:
            raise not_found(f"room {room_id}")
        if (
            conn.execute(
                "SELECT 1 FROM room_members WHERE room_id = ? AND account_id = ?", (room_id, account_id)
            ).fetchone()
            is None
        ):
            raise ProblemError(403, "forbidden", "you are not a participant of this room")

    def _room_in(self, conn: sqlite3.Connection, room_id: str, account_id: str) -> Json:
        room = conn.execute("SELECT * FROM rooms WHERE id = ?", (room_id,)).fetchone()
        member = conn.execute(
            "SELECT * FROM room_members WHERE room_id = ? AND account_id = ?", (room_id, account_id)
        ).fetchone()
        participants = conn.execute(
            "SELECT a.id, a.name, a.role FROM room_members rm JOIN accounts a ON a.id = rm.account_id"
            " WHERE rm.room_id = ? ORDER BY a.role DESC, a.id",
            (room_id,),
        ).fetchall()
        unread = conn.execute(
            "SELECT COUNT(*) FROM messages"
            " WHERE room_id = ? AND sender_id != ? AND (created_at, id) > (?, ?)",
            (room_id, account_id, member["last_read_at"], member["last_read_id"]),
        ).fetchone()[0]
        last = conn.execute(
            f"{self._MESSAGE_SELECT} WHERE m.room_id = ? ORDER BY m.created_at DESC, m.id DESC LIMIT 1",
            (room_id,),
        ).fetchone()
        return {
            "id": room["id"],
            "title": room["title"],
            "job_id": room["job_id"],
            "participants": [{"id": p["id"], "name": p["name"], "role": p["role"]} for p in participants],
            "unread_count": unread,
            "last_message": None if last is None else _message(last),
            "updated_at": member["updated_at"],
        }

    def list_room_messages(
        self, account_id: str, room_id: str, page: PageParams
    ) -> tuple[list[Json], str | None]:
        with self._lock:
            self._require_member(self._conn, account_id, room_id)
        where = ["m.room_id = ?"]
        if page.updated_since:
            rows, cursor = self._keyset_page(
                self._MESSAGE_SELECT,
                [*where, "m.updated_at > ?"],
                [room_id, page.updated_since],
                ("m.updated_at", "m.id"),
                False,
                "room-messages:updated",
                page,
            )
        else:
            rows, cursor = self._keyset_page(
                self._MESSAGE_SELECT,
                where,
                [room_id],
                ("m.created_at", "m.id"),
                True,
                "room-messages:history",
                page,
            )
        return [_message(row) for row in rows], cursor

    def list_messages(self, account_id: str, page: PageParams) -> tuple[list[Json], str | None]:
        select = (
            f"{self._MESSAGE_SELECT} JOIN room_members rm ON rm.room_id = m.room_id AND rm.account_id = ?"
        )
        if page.updated_since:
            rows, cursor = self._keyset_page(
                select,
                ["m.updated_at > ?"],
                [account_id, page.updated_since],
                ("m.updated_at", "m.id"),
                False,
                "messages:updated",
                page,
            )
        else:
            rows, cursor = self._keyset_page(
                select, [], [account_id], ("m.created_at", "m.id"), True, "messages:history", page
            )
        return [_message(row) for row in rows], cursor

    def post_message(
        self,
        account: Account,
        room_id: str,
        body: str,
        idempotency_key: str | None,
        attachment_ids: Sequence[str] = (),
    ) -> StoredResponse:
        ids = list(attachment_ids)
        payload: Json = {"body": body, "attachment_ids": ids} if ids else {"body": body}
        fingerprint = request_fingerprint(f"POST /v1/rooms/{room_id}/messages", payload)
        with self._write() as conn:
            stored = self._recall(conn, account.id, idempotency_key, fingerprint)
            if stored is not None:
                return stored
            self._require_member(conn, account.id, room_id)
            if not body.strip() and not ids:
                raise validation("body must not be blank (unless the message carries attachments)")
            attachments = self._attachments_for_message(conn, account.id, room_id, ids)
            message = self._add_message(conn, room_id, account.id, body, idempotency_key, attachments)
            return self._remember(conn, account.id, idempotency_key, fingerprint, 201, message)

    def _attachments_for_message(
        self, conn: sqlite3.Connection, account_id: str, room_id: str, ids: list[str]
    ) -> list[Json]:
        if len(set(ids)) != len(ids):
            raise validation("attachment_ids must not repeat an attachment")
        if len(ids) > MAX_ATTACHMENTS_PER_MESSAGE:
            raise validation(f"a message carries at most {MAX_ATTACHMENTS_PER_MESSAGE} attachments")
        attachments = []
        for attachment_id in ids:
            row = conn.execute("SELECT * FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
            if row is None or row["uploader_id"] != account_id or row["room_id"] != room_id:
                raise validation(f"attachment {attachment_id} is not one you uploaded to this room")
            if row["message_id"] is not None:
                raise conflict(f"attachment {attachment_id} already belongs to another message")
            attachments.append(_attachment(row))
        return attachments

    def _add_message(
        self,
        conn: sqlite3.Connection,
        room_id: str,
        sender_id: str,
        body: str,
        client_key: str | None,
        attachments: Sequence[Json] = (),
    ) -> Json:
        stamp = self.clock.now_text()
        message_id = new_id("msg")
        conn.execute(
            "INSERT INTO messages (id, room_id, sender_id, body, client_key, created_at, updated_at,"
            " attachments) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (message_id, room_id, sender_id, body, client_key, stamp, stamp, json.dumps(list(attachments))),
        )
        for attachment in attachments:
            conn.execute("UPDATE attachments SET message_id = ? WHERE id = ?", (message_id, attachment["id"]))
        # Writing in a room means you have read it up to your own message.
        conn.execute(
            "UPDATE room_members SET last_read_at = ?, last_read_id = ? WHERE room_id = ? AND account_id = ?",
            (stamp, message_id, room_id, sender_id),
        )
        members = [
            row[0]
            for row in conn.execute(
                "SELECT account_id FROM room_members WHERE room_id = ? ORDER BY account_id", (room_id,)
            )
        ]
        for member in members:
            conn.execute(
                "UPDATE room_members SET updated_at = ? WHERE room_id = ? AND account_id = ?",
                (self.clock.now_text(), room_id, member),
            )
        message = _message(conn.execute(f"{self._MESSAGE_SELECT} WHERE m.id = ?", (message_id,)).fetchone())
        for member in members:
            self._emit(conn, member, "message.created", message)
            self._emit(conn, member, "room.updated", self._room_in(conn, room_id, member))
        return message

    def add_message(self, room_id: str, sender_id: str, body: str) -> Json:
        """A message from anyone in the room without idempotency (simulator, tests)."""
        with self._write() as conn:
            return self._add_message(conn, room_id, sender_id, body, None)

    # ---- attachments --------------------------------------------------------------------------------------

    def upload_attachment(
        self,
        account: Account,
        room_id: str,
        name: str,
        content_type: str,
        data: bytes,
        idempotency_key: str | None,
    ) -> StoredResponse:
        """Keep a file for a message of ``account`` in ``room_id``. The caller checked its size; its type
        and name are checked here (415 for a type not taken, 422 for a file that is not what it says)."""
        digest = hashlib.sha256(data).hexdigest()
        fingerprint = request_fingerprint(
            f"POST /v1/rooms/{room_id}/attachments",
            {"name": name, "content_type": content_type, "sha256": digest},
        )
        with self._write() as conn:
            stored = self._recall(conn, account.id, idempotency_key, fingerprint)
            if stored is not None:
                return stored
            self._require_member(conn, account.id, room_id)
            if content_type not in ALLOWED_TYPES:
                raise ProblemError(
                    415, "unsupported-type",
                    f"files of type {content_type or '(none)'} cannot be attached; allowed: "
                    + ", ".join(ALLOWED_TYPES),
                    title="Unsupported file type",
                )
            problem = name_problem(name)
            if problem is not None:
                raise validation(problem)
            if not data:
                raise validation("the file is empty")
            if not matches_signature(content_type, data):
                raise validation(f"the file is not a {content_type} file")
            attachment_id = new_id("att")
            conn.execute(
                "INSERT INTO attachments (id, room_id, uploader_id, name, content_type, size, sha256, data,"
                " message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                (attachment_id, room_id, account.id, name, content_type, len(data), digest, data,
                 self.clock.now_text()),
            )
            row = conn.execute("SELECT * FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
            return self._remember(conn, account.id, idempotency_key, fingerprint, 201, _attachment(row))

    def attachment_file(self, account_id: str, attachment_id: str) -> tuple[Json, bytes]:
        """An attachment's description and bytes, for its uploader, or for anyone in its room once a
        message carries it (404 otherwise: whether it exists is not told)."""
        with self._lock:
            row = self._conn.execute("SELECT * FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
            member = row is not None and self._conn.execute(
                "SELECT 1 FROM room_members WHERE room_id = ? AND account_id = ?",
                (row["room_id"], account_id),
            ).fetchone() is not None
        if row is None or not member or (row["message_id"] is None and row["uploader_id"] != account_id):
            raise not_found(f"attachment {attachment_id}")
        return _attachment(row), bytes(row["data"])

    def mark_read(self, account_id: str, room_id: str, message_id: str) -> Json:
        with self._write() as conn:
            self._require_member(conn, account_id, room_id)
            message = conn.execute(
                "SELECT created_at, id FROM messages WHERE id = ? AND room_id = ?", (message_id, room_id)
            ).fetchone()
            if message is None:
                raise validation(f"message {message_id} is not in room {room_id}")
            # Never move the read mark backwards (an out-of-order read receipt must not resurrect unread).
            moved = conn.execute(
                "UPDATE room_members SET last_read_at = ?, last_read_id = ?, updated_at = ?"
                " WHERE room_id = ? AND account_id = ? AND (last_read_at, last_read_id) < (?, ?)",
                (
                    message["created_at"],
                    message["id"],
                    self.clock.now_text(),
                    room_id,
                    account_id,
                    message["created_at"],
                    message["id"],
                ),
            ).rowcount
            room = self._room_in(conn, room_id, account_id)
            if moved:
                self._emit(conn, account_id, "room.updated", room)
            return room

    def rooms_awaiting_client(self, freelancer_id: str) -> list[tuple[str, str]]:
        """(room_id, client_account_id) for rooms whose newest message is the freelancer's."""
        rows = self._read(
            "SELECT rm.room_id, other.account_id AS client_id FROM room_members rm"
            " JOIN room_members other ON other.room_id = rm.room_id AND other.account_id != rm.account_id"
            " WHERE rm.account_id = ? AND (SELECT sender_id FROM messages m WHERE m.room_id = rm.room_id"
            " ORDER BY created_at DESC, id DESC LIMIT 1) = ? ORDER BY rm.room_id",
            (freelancer_id, freelancer_id),
        )
        return [(row["room_id"], row["client_id"]) for row in rows]

    def room_members(self, room_id: str) -> list[Account]:
        rows = self._read(
            "SELECT a.* FROM room_members rm JOIN accounts a ON a.id = rm.account_id"
            " WHERE rm.room_id = ? ORDER BY a.id",
            (room_id,),
        )
        return [_account(row) for row in rows]

    # ---- earnings -----------------------------------------------------------------------------------------

    def earnings_summary(self, account_id: str) -> Json:
        with self._lock:
            return self._summary_in(self._conn, account_id)

    def _summary_in(self, conn: sqlite3.Connection, account_id: str) -> Json:
        totals = conn.execute(
            "SELECT"
            " COALESCE(SUM(CASE WHEN status = 'in_progress' THEN net_cents END), 0) AS work_in_progress,"
            " COALESCE(SUM(CASE WHEN status = 'in_review' THEN net_cents END), 0) AS in_review,"
            " COALESCE(SUM(CASE WHEN status = 'pending' THEN net_cents END), 0) AS pending,"
            " COALESCE(SUM(CASE WHEN status IN ('available', 'completed') THEN net_cents END), 0)"
            " AS available,"
            " COALESCE(SUM(CASE WHEN type != 'withdrawal' THEN net_cents END), 0) AS lifetime,"
            " MAX(updated_at) AS updated_at FROM transactions WHERE account_id = ?",
            (account_id,),
        ).fetchone()
        account = conn.execute(
            "SELECT fee_rate, updated_at FROM accounts WHERE id = ?", (account_id,)
        ).fetchone()
        return {
            "work_in_progress": money(totals["work_in_progress"]),
            "in_review": money(totals["in_review"]),
            "pending": money(totals["pending"]),
            "available": money(totals["available"]),
            "lifetime": money(totals["lifetime"]),
            "fee_rate": account["fee_rate"],
            "updated_at": totals["updated_at"] or account["updated_at"],
        }

    def list_transactions(
        self, account_id: str, query: TransactionQuery, page: PageParams
    ) -> tuple[list[Json], str | None]:
        where = ["t.account_id = ?"]
        params: list[Any] = [account_id]
        for column, value, operator in (
            ("t.type", query.type, "="),
            ("t.status", query.status, "="),
            ("t.created_at", query.since, ">="),
            ("t.created_at", query.until, "<"),
        ):
            if value is not None:
                where.append(f"{column} {operator} ?")
                params.append(value)
        select = "SELECT t.* FROM transactions t"
        if page.updated_since:
            rows, cursor = self._keyset_page(
                select,
                [*where, "t.updated_at > ?"],
                [*params, page.updated_since],
                ("t.updated_at", "t.id"),
                False,
                "transactions:updated",
                page,
            )
        else:
            rows, cursor = self._keyset_page(
                select, where, params, ("t.created_at", "t.id"), True, "transactions:recent", page
            )
        return [_transaction(row) for row in rows], cursor

    def add_earning(
        self,
        account_id: str,
        kind: str,
        gross_cents: int,
        description: str,
        job_id: str | None,
        status: str = "in_progress",
    ) -> Json:
        with self._write() as conn:
            rate = conn.execute("SELECT fee_rate FROM accounts WHERE id = ?", (account_id,)).fetchone()[0]
            fee = 0 if kind == "withdrawal" else fee_cents(gross_cents, rate)  # the fee is on earnings only
            stamp = self.clock.now_text()
            transaction_id = new_id("txn")
            conn.execute(
                "INSERT INTO transactions (id, account_id, type, status, description, job_id, gross_cents,"
                " fee_cents, net_cents, created_at, available_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                (
                    transaction_id,
                    account_id,
                    kind,
                    status,
                    description,
                    job_id,
                    gross_cents,
                    fee,
                    gross_cents - fee,
                    stamp,
                    stamp,
                ),
            )
            return self._transaction_changed(conn, account_id, transaction_id)

    def advance_transaction(self, transaction_id: str) -> Json:
        """in_progress -> in_review -> pending -> available (the day the money clears)."""
        following = {"in_progress": "in_review", "in_review": "pending", "pending": "available"}
        with self._write() as conn:
            row = conn.execute(
                "SELECT account_id, status FROM transactions WHERE id = ?", (transaction_id,)
            ).fetchone()
            if row is None:
                raise not_found(f"transaction {transaction_id}")
            target = following.get(row["status"])
            if target is None:
                raise conflict(f"transaction is already {row['status']}")
            stamp = self.clock.now_text()
            conn.execute(
                "UPDATE transactions SET status = ?, updated_at = ?,"
                " available_at = CASE WHEN ? = 'available' THEN ? ELSE available_at END WHERE id = ?",
                (target, stamp, target, stamp, transaction_id),
            )
            changed = self._transaction_changed(conn, row["account_id"], transaction_id)
            self._milestone_money_moved(conn, transaction_id, target, stamp)
            return changed

    def _transaction_changed(self, conn: sqlite3.Connection, account_id: str, transaction_id: str) -> Json:
        transaction = _transaction(
            conn.execute("SELECT * FROM transactions WHERE id = ?", (transaction_id,)).fetchone()
        )
        self._emit(conn, account_id, "transaction.updated", transaction)
        self._emit(conn, account_id, "earnings.updated", self._summary_in(conn, account_id))
        return transaction

    def unsettled_transaction_ids(self, account_id: str) -> list[str]:
        """Oldest first: transactions still on their way to `available`."""
        rows = self._read(
            "SELECT id FROM transactions WHERE account_id = ? AND status IN ('in_review', 'pending')"
            " ORDER BY created_at, id",
            (account_id,),
        )
        return [row["id"] for row in rows]

    # ---- contracts ----------------------------------------------------------------------------------------

    _CONTRACT_SELECT = (
        "SELECT k.*, c.name AS client_name FROM contracts k JOIN clients c ON c.id = k.client_id"
    )

    def list_contracts(self, account_id: str, page: PageParams) -> tuple[list[Json], str | None]:
        rows, cursor = self._updated_order_page(
            self._CONTRACT_SELECT, ["k.account_id = ?"], [account_id], "k", "contracts", page
        )
        with self._lock:
            return [self._contract_from(self._conn, row) for row in rows], cursor

    def get_contract(self, account_id: str, contract_id: str) -> Json:
        with self._lock:
            row = self._conn.execute(
                f"{self._CONTRACT_SELECT} WHERE k.id = ? AND k.account_id = ?", (contract_id, account_id)
            ).fetchone()
            if row is None:
                raise not_found(f"contract {contract_id}")
            return self._contract_from(self._conn, row)

    def _contract_in(self, conn: sqlite3.Connection, contract_id: str) -> Json:
        row = conn.execute(f"{self._CONTRACT_SELECT} WHERE k.id = ?", (contract_id,)).fetchone()
        if row is None:
            raise not_found(f"contract {contract_id}")
        return self._contract_from(conn, row)

    def _contract_from(self, conn: sqlite3.Connection, row: Row) -> Json:
        milestones = conn.execute(
            "SELECT * FROM milestones WHERE contract_id = ? ORDER BY position, id", (row["id"],)
        ).fetchall()
        return _contract(row, [_milestone(m) for m in milestones])

    def _contract_changed(self, conn: sqlite3.Connection, contract_id: str) -> Json:
        """Stamp the contract as changed now and tell its freelancer (contract.updated: the whole of it)."""
        conn.execute("UPDATE contracts SET updated_at = ? WHERE id = ?", (self.clock.now_text(), contract_id))
        contract = self._contract_in(conn, contract_id)
        owner = conn.execute("SELECT account_id FROM contracts WHERE id = ?", (contract_id,)).fetchone()[0]
        self._emit(conn, owner, "contract.updated", contract)
        return contract

    def create_contract(
        self,
        account_id: str,
        job_id: str,
        *,
        proposal_id: str | None,
        contract_type: str,
        hourly_rate_cents: int | None = None,
        weekly_limit_hours: int | None = None,
        milestones: Sequence[tuple[str, int, str]] = (),
    ) -> Json:
        """A hire (simulator): an hourly contract, or a fixed-price one with milestones (description, cents,
        due date YYYY-MM-DD); the first milestone is funded at once (a work-in-progress transaction)."""
        with self._write() as conn:
            job = conn.execute(
                "SELECT title, client_id, fee_rate FROM jobs WHERE id = ?", (job_id,)
            ).fetchone()
            if job is None:
                raise not_found(f"job {job_id}")
            room = conn.execute(
                "SELECT r.id FROM rooms r JOIN room_members rm ON rm.room_id = r.id AND rm.account_id = ?"
                " WHERE r.job_id = ? ORDER BY r.created_at LIMIT 1",
                (account_id, job_id),
            ).fetchone()
            stamp = self.clock.now_text()
            contract_id = new_id("ctr")
            conn.execute(
                "INSERT INTO contracts (id, account_id, job_id, proposal_id, room_id, client_id, title,"
                " contract_type, status, hourly_rate_cents, weekly_limit_hours, hours_this_week, week_start,"
                " fee_rate, started_at, ended_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, NULL, NULL, ?, ?, NULL, ?)",
                (contract_id, account_id, job_id, proposal_id, None if room is None else room["id"],
                 job["client_id"], job["title"], contract_type, hourly_rate_cents, weekly_limit_hours,
                 job["fee_rate"], stamp, stamp),
            )
            for position, (description, cents, due) in enumerate(milestones, start=1):
                conn.execute(
                    "INSERT INTO milestones (id, contract_id, position, description, amount_cents, status,"
                    " due_date) VALUES (?, ?, ?, ?, ?, 'unfunded', ?)",
                    (new_id("mst"), contract_id, position, description, cents, due),
                )
            if milestones:
                self._fund_next_milestone(conn, contract_id, account_id)
            return self._contract_changed(conn, contract_id)

    def _fund_next_milestone(self, conn: sqlite3.Connection, contract_id: str, account_id: str) -> None:
        """The client funds the next milestone: its money is work in progress until the work is submitted."""
        milestone = conn.execute(
            "SELECT m.*, k.title FROM milestones m JOIN contracts k ON k.id = m.contract_id"
            " WHERE m.contract_id = ? AND m.status = 'unfunded' ORDER BY m.position LIMIT 1",
            (contract_id,),
        ).fetchone()
        if milestone is None:
            return
        rate = conn.execute("SELECT fee_rate FROM accounts WHERE id = ?", (account_id,)).fetchone()[0]
        fee = fee_cents(milestone["amount_cents"], rate)
        stamp = self.clock.now_text()
        transaction_id = new_id("txn")
        job_id = conn.execute("SELECT job_id FROM contracts WHERE id = ?", (contract_id,)).fetchone()[0]
        conn.execute(
            "INSERT INTO transactions (id, account_id, type, status, description, job_id, gross_cents,"
            " fee_cents, net_cents, created_at, available_at, updated_at)"
            " VALUES (?, ?, 'earning', 'in_progress', ?, ?, ?, ?, ?, ?, NULL, ?)",
            (transaction_id, account_id, f"Milestone {milestone['position']} funded — {milestone['title']}",
             job_id, milestone["amount_cents"], fee, milestone["amount_cents"] - fee, stamp, stamp),
        )
        conn.execute(
            "UPDATE milestones SET status = 'funded', transaction_id = ?, funded_at = ? WHERE id = ?",
            (transaction_id, stamp, milestone["id"]),
        )
        self._transaction_changed(conn, account_id, transaction_id)

    def _milestone_money_moved(
        self, conn: sqlite3.Connection, transaction_id: str, money_status: str, stamp: str
    ) -> None:
        """A milestone's money moved (advance_transaction): the milestone follows; approving one funds the
        next, and the last one paid ends the contract."""
        milestone = conn.execute(
            "SELECT m.id, m.contract_id, k.account_id FROM milestones m"
            " JOIN contracts k ON k.id = m.contract_id WHERE m.transaction_id = ?",
            (transaction_id,),
        ).fetchone()
        status = MILESTONE_STATUS_OF_MONEY.get(money_status)
        if milestone is None or status is None:
            return
        conn.execute(
            f"UPDATE milestones SET status = ?, {MILESTONE_STAMP[status]} = ? WHERE id = ?",
            (status, stamp, milestone["id"]),
        )
        if status == "approved":
            self._fund_next_milestone(conn, milestone["contract_id"], milestone["account_id"])
        if status == "paid":
            unpaid = conn.execute(
                "SELECT COUNT(*) FROM milestones WHERE contract_id = ? AND status != 'paid'",
                (milestone["contract_id"],),
            ).fetchone()[0]
            if unpaid == 0:
                conn.execute(
                    "UPDATE contracts SET status = 'ended', ended_at = ? WHERE id = ? AND status = 'active'",
                    (stamp, milestone["contract_id"]),
                )
        self._contract_changed(conn, milestone["contract_id"])

    def advance_milestone(self, milestone_id: str) -> Json:
        """Move a funded milestone one step: submitted, approved, then paid (its money moves with it)."""
        row = self._read_one("SELECT transaction_id, status FROM milestones WHERE id = ?", (milestone_id,))
        if row is None:
            raise not_found(f"milestone {milestone_id}")
        if row["transaction_id"] is None:
            raise conflict(f"milestone is {row['status']}: nothing to move until it is funded")
        self.advance_transaction(row["transaction_id"])
        contract_id = self._read_one("SELECT contract_id FROM milestones WHERE id = ?", (milestone_id,))
        assert contract_id is not None
        with self._lock:
            return self._contract_in(self._conn, contract_id[0])

    def log_week_hours(self, contract_id: str, hours: str, week_start: str) -> Json:
        """The hours an hourly contract has logged in the week starting `week_start` (YYYY-MM-DD)."""
        with self._write() as conn:
            if conn.execute(
                "UPDATE contracts SET hours_this_week = ?, week_start = ? WHERE id = ?",
                (hours, week_start, contract_id),
            ).rowcount == 0:
                raise not_found(f"contract {contract_id}")
            return self._contract_changed(conn, contract_id)

    def end_contract(self, contract_id: str) -> Json:
        with self._write() as conn:
            conn.execute(
                "UPDATE contracts SET status = 'ended', ended_at = ? WHERE id = ? AND status = 'active'",
                (self.clock.now_text(), contract_id),
            )
            return self._contract_changed(conn, contract_id)

    def active_contract_for_job(self, account_id: str, job_id: str) -> str | None:
        row = self._read_one(
            "SELECT id FROM contracts WHERE account_id = ? AND job_id = ? AND status = 'active'"
            " ORDER BY started_at DESC, id LIMIT 1",
            (account_id, job_id),
        )
        return None if row is None else str(row["id"])

    # ---- saved searches -----------------------------------------------------------------------------------

    def list_saved_searches(self, account_id: str, page: PageParams) -> tuple[list[Json], str | None]:
        """Live searches; a delta (updated_since) also brings deleted ones, as tombstones."""
        where = ["s.account_id = ?"]
        if not page.updated_since:
            where.append("s.deleted = 0")
        rows, cursor = self._updated_order_page(
            "SELECT s.* FROM saved_searches s", where, [account_id], "s", "saved-searches", page
        )
        return [_saved_search(row) for row in rows], cursor

    def create_saved_search(
        self, account: Account, payload: Json, idempotency_key: str | None
    ) -> StoredResponse:
        """payload: {"name", "query"} as SavedSearchCreate dumps it (query amounts already two-decimal)."""
        fingerprint = request_fingerprint("POST /v1/saved-searches", payload)
        with self._write() as conn:
            stored = self._recall(conn, account.id, idempotency_key, fingerprint)
            if stored is not None:
                return stored
            live = conn.execute(
                "SELECT COUNT(*) FROM saved_searches WHERE account_id = ? AND deleted = 0", (account.id,)
            ).fetchone()[0]
            if live >= MAX_SAVED_SEARCHES:
                raise ProblemError(
                    422,
                    "saved-search-limit",
                    f"an account keeps at most {MAX_SAVED_SEARCHES} saved searches;"
                    " delete one before saving another",
                    title="Too many saved searches",
                )
            stamp = self.clock.now_text()
            search_id = new_id("ss")
            conn.execute(
                "INSERT INTO saved_searches (id, account_id, name, query, deleted, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, 0, ?, ?)",
                (search_id, account.id, payload["name"], saved_query_text(payload["query"]), stamp, stamp),
            )
            search = self._saved_search_in(conn, search_id)
            self._emit(conn, account.id, "saved_search.created", search)
            return self._remember(conn, account.id, idempotency_key, fingerprint, 201, search)

    def delete_saved_search(self, account_id: str, search_id: str) -> Json:
        """The tombstone. Deleting a deleted search changes nothing (and tells nobody)."""
        with self._write() as conn:
            row = conn.execute(
                "SELECT deleted FROM saved_searches WHERE id = ? AND account_id = ?", (search_id, account_id)
            ).fetchone()
            if row is None:
                raise not_found(f"saved search {search_id}")
            if row["deleted"]:
                return self._saved_search_in(conn, search_id)
            conn.execute(
                "UPDATE saved_searches SET deleted = 1, updated_at = ? WHERE id = ?",
                (self.clock.now_text(), search_id),
            )
            search = self._saved_search_in(conn, search_id)
            self._emit(conn, account_id, "saved_search.deleted", search)
            return search

    def _saved_search_in(self, conn: sqlite3.Connection, search_id: str) -> Json:
        row = conn.execute("SELECT * FROM saved_searches WHERE id = ?", (search_id,)).fetchone()
        if row is None:
            raise not_found(f"saved search {search_id}")
        return _saved_search(row)

    # ---- events -------------------------------------------------------------------------------------------

    def events_after(self, account_id: str, after_id: int, limit: int = 500) -> list[tuple[int, str, str]]:
        rows = self._read(
            "SELECT id, type, data FROM events WHERE id > ? AND (account_id = ? OR account_id IS NULL)"
            " ORDER BY id LIMIT ?",
            (after_id, account_id, limit),
        )
        return [(row["id"], row["type"], row["data"]) for row in rows]

    def last_event_id(self) -> int:
        # sqlite_sequence remembers the last id handed out even when pruning removed every event row.
        row = self._read_one(
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0),"
            " COALESCE((SELECT MAX(id) FROM events), 0))"
        )
        return int(row[0]) if row is not None else 0

    # ---- retention ----------------------------------------------------------------------------------------

    def prune(self, *, idempotency_ttl: float, event_retention: float) -> tuple[int, int]:
        """Forget stored idempotent results older than ``idempotency_ttl`` seconds and events older than
        ``event_retention`` seconds; returns (results, events) removed. A client resuming from an event
        that is gone gets what is left, and its delta pull on every reconnect covers the rest."""
        now = self.clock.now()
        results_before = format_ts(now - timedelta(seconds=idempotency_ttl))
        events_before = format_ts(now - timedelta(seconds=event_retention))
        with self._write() as conn:
            results = conn.execute("DELETE FROM idempotency WHERE created_at < ?", (results_before,)).rowcount
            events = conn.execute("DELETE FROM events WHERE created_at < ?", (events_before,)).rowcount
        return results, events

    # ---- figures for tests --------------------------------------------------------------------------------

    def counts_for(self, account_id: str) -> dict[str, int]:
        queries = {
            "jobs": ("SELECT COUNT(*) FROM jobs", ()),
            "proposals": ("SELECT COUNT(*) FROM proposals WHERE account_id = ?", (account_id,)),
            "rooms": ("SELECT COUNT(*) FROM room_members WHERE account_id = ?", (account_id,)),
            "messages": (
                "SELECT COUNT(*) FROM messages m JOIN room_members rm ON rm.room_id = m.room_id"
                " WHERE rm.account_id = ?",
                (account_id,),
            ),
            "transactions": ("SELECT COUNT(*) FROM transactions WHERE account_id = ?", (account_id,)),
            "invitations": ("SELECT COUNT(*) FROM invitations WHERE account_id = ?", (account_id,)),
            "saved_searches": (
                "SELECT COUNT(*) FROM saved_searches WHERE account_id = ? AND deleted = 0",
                (account_id,),
            ),
            "contracts": ("SELECT COUNT(*) FROM contracts WHERE account_id = ?", (account_id,)),
        }
        with self._lock:
            return {
                name: int(self._conn.execute(sql, params).fetchone()[0])
                for name, (sql, params) in queries.items()
            }


# ---- row -> wire dict ------------------------------------------------------------------------------------


def _where(clauses: list[str]) -> str:
    return f"WHERE {' AND '.join(clauses)}" if clauses else ""


def _column(key: str) -> str:
    """The row column a sort key is read back from: 'j.updated_at' -> 'updated_at'."""
    return key.rsplit(".", 1)[-1]


def _positive_amount(value: Json, field: str) -> int:
    if value.get("currency", "USD") != "USD":
        raise validation(f"{field}: only USD is supported")
    try:
        cents = text_to_cents(str(value["amount"]))
    except (KeyError, ValueError) as exc:
        raise validation(f"{field}: {exc}") from exc
    if cents <= 0:
        raise validation(f"{field} must be greater than zero")
    return cents


def _milestones(items: list[Json], job: Row, bid_cents: int) -> list[Json]:
    """A fixed-price proposal's milestones, checked: each described, above zero, with a due date, and
    together exactly the bid (422 otherwise, saying what is wrong)."""
    if not items:
        return []
    if job["job_type"] != "fixed":
        raise validation("milestones are for fixed-price jobs; this job is paid by the hour")
    if len(items) > MAX_MILESTONES:
        raise validation(f"at most {MAX_MILESTONES} milestones")
    found: list[Json] = []
    for number, item in enumerate(items, start=1):
        amount = _positive_amount(item["amount"], f"milestone {number} amount")
        found.append({"description": item["description"].strip(), "amount_cents": amount,
                      "due_date": item["due_date"]})
    total = sum(m["amount_cents"] for m in found)
    if total != bid_cents:
        raise validation(f"the milestones add up to {money(total)['amount']}; they must add up to the bid, "
                         f"{money(bid_cents)['amount']}")
    return found


def _answers(items: list[Json], questions: list[Json]) -> list[Json]:
    """Answers to the job's screening questions: every question answered (in the job's order), none for a
    question the job does not ask (422 otherwise, naming the questions)."""
    given = {item["question_id"]: item["answer"].strip() for item in items}
    asked = {q["id"] for q in questions}
    unknown = sorted(set(given) - asked)
    if unknown:
        raise validation(f"this job asks no question {', '.join(unknown)}")
    missing = [q["id"] for q in questions if not given.get(q["id"])]
    if missing:
        raise validation(f"answer every screening question; missing: {', '.join(missing)}")
    return [{"question_id": q["id"], "question": q["text"], "answer": given[q["id"]]} for q in questions]


def _account(row: Row) -> Account:
    return Account(row["id"], row["role"], row["name"], row["email"])


def _optional_money(cents: int | None) -> dict[str, str] | None:
    return None if cents is None else money(cents)


def _job(row: Row) -> Json:
    return {
        "id": row["id"],
        "title": row["title"],
        "description": row["description"],
        "category": row["category"],
        "skills": json.loads(row["skills"]),
        "job_type": row["job_type"],
        "budget": _optional_money(row["budget_cents"]),
        "hourly_min": _optional_money(row["hourly_min_cents"]),
        "hourly_max": _optional_money(row["hourly_max_cents"]),
        "experience_level": row["experience_level"],
        "duration": row["duration"],
        "proposals_count": row["proposals_count"],
        "connects_required": row["connects_required"],
        "fee_rate": row["fee_rate"],
        "status": row["status"],
        "screening_questions": json.loads(row["screening_questions"]),
        "client": {
            "id": row["client_id"],
            "name": row["client_name"],
            "country": row["client_country"],
            "payment_verified": bool(row["payment_verified"]),
            "rating": row["client_rating"],
            "total_spent": money(row["total_spent_cents"]),
            "hires": row["client_hires"],
        },
        "posted_at": row["posted_at"],
        "updated_at": row["updated_at"],
    }


def _proposal(row: Row) -> Json:
    return {
        "id": row["id"],
        "job_id": row["job_id"],
        "job_title": row["job_title"],
        "client_name": row["client_name"],
        "cover_letter": row["cover_letter"],
        "bid": money(row["bid_cents"]),
        "duration": row["duration"],
        "status": row["status"],
        "fee_rate": row["fee_rate"],
        "connects_spent": row["connects_spent"],
        "invited": bool(row["invited"]),
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "milestones": [{"description": m["description"], "amount": money(m["amount_cents"]),
                        "due_date": m["due_date"]} for m in json.loads(row["milestones"])],
        "answers": json.loads(row["answers"]),
    }


def _invitation(row: Row) -> Json:
    return {
        "id": row["id"],
        "job_id": row["job_id"],
        "job_title": row["job_title"],
        "client_name": row["client_name"],
        "message": row["message"],
        "status": row["status"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def _message(row: Row) -> Json:
    return {
        "id": row["id"],
        "room_id": row["room_id"],
        "sender_id": row["sender_id"],
        "sender_name": row["sender_name"],
        "body": row["body"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "client_key": row["client_key"],
        "attachments": json.loads(row["attachments"]),
    }


def _attachment(row: Row) -> Json:
    return {"id": row["id"], "name": row["name"], "size": row["size"], "content_type": row["content_type"]}


def _transaction(row: Row) -> Json:
    return {
        "id": row["id"],
        "type": row["type"],
        "status": row["status"],
        "description": row["description"],
        "job_id": row["job_id"],
        "gross": money(row["gross_cents"]),
        "fee": money(row["fee_cents"]),
        "net": money(row["net_cents"]),
        "created_at": row["created_at"],
        "available_at": row["available_at"],
        "updated_at": row["updated_at"],
    }


def _contract(row: Row, milestones: list[Json]) -> Json:
    hourly = row["contract_type"] == "hourly"
    budget = sum(m["amount_cents"] for m in milestones) if not hourly else None
    return {
        "id": row["id"],
        "title": row["title"],
        "job_id": row["job_id"],
        "proposal_id": row["proposal_id"],
        "room_id": row["room_id"],
        "client": {"id": row["client_id"], "name": row["client_name"]},
        "contract_type": row["contract_type"],
        "status": row["status"],
        "hourly_rate": _optional_money(row["hourly_rate_cents"]),
        "weekly_limit_hours": row["weekly_limit_hours"],
        "hours_this_week": row["hours_this_week"],
        "week_start": row["week_start"],
        "budget": _optional_money(budget),
        "fee_rate": row["fee_rate"],
        "milestones": [{k: v for k, v in m.items() if k != "amount_cents"} for m in milestones],
        "started_at": row["started_at"],
        "ended_at": row["ended_at"],
        "updated_at": row["updated_at"],
    }


def _milestone(row: Row) -> Json:
    return {
        "id": row["id"],
        "position": row["position"],
        "description": row["description"],
        "amount": money(row["amount_cents"]),
        "amount_cents": row["amount_cents"],  # for the budget; not on the wire
        "status": row["status"],
        "due_date": row["due_date"],
        "funded_at": row["funded_at"],
        "submitted_at": row["submitted_at"],
        "approved_at": row["approved_at"],
        "paid_at": row["paid_at"],
    }


def saved_query_text(query: Json) -> str:
    return json.dumps(query, separators=(",", ":"))


def _saved_search(row: Row) -> Json:
    return {
        "id": row["id"],
        "name": row["name"],
        "query": json.loads(row["query"]),
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "deleted": bool(row["deleted"]),
    }


# RFC 3339 (the date-time of JSON Schema): ISO 8601 with a date, a time and a time zone.
RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def validate_timestamp(text: str, field: str) -> str:
    """A wire timestamp (RFC 3339, e.g. 2026-11-26T13:05:01Z or ...+01:00) -> the canonical stored form (so
    text comparison is time comparison)."""
    problem = validation(f"{field}: not an RFC 3339 timestamp such as 2026-11-26T13:05:01Z")
    match = RFC3339.fullmatch(text)
    if match is None:
        raise problem
    digits = match.group(1) or ""
    if len(digits) > 7:  # more than microseconds: Python cannot hold them; the extra digits are dropped
        text = text[: match.start(1) + 7] + text[match.end(1):]
    try:
        return format_ts(parse_ts(text))
    except ValueError as exc:
        raise problem from exc
