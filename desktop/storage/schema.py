"""Numbered schema migrations applied by ``PRAGMA user_version``.

Files live in ``desktop/storage/migrations/NNNN_name.sql``. Version N is the state after file N; each
file runs inside one transaction together with the ``user_version`` bump, so a failure leaves the
previous version intact.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from desktop.core.errors import StorageError
from desktop.core.notices import Code, Notice
from desktop.storage.errors import map_error

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


@cache
def load_migrations() -> tuple[Migration, ...]:
    folder = resources.files("desktop.storage").joinpath("migrations")
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match is None:
            continue
        found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise RuntimeError(f"migration numbers must run 1, 2, 3 …; found {migration.version:04d}")
    return tuple(found)


def latest_version() -> int:
    migrations = load_migrations()
    return migrations[-1].version if migrations else 0


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(
    conn: sqlite3.Connection,
    *,
    target: int | None = None,
    migrations: Sequence[Migration] | None = None,
) -> int:
    """Bring the schema up to ``target`` (default: the newest). Returns the version reached.

    ``conn`` must be in autocommit mode (``isolation_level=None``) with no open transaction.
    """
    steps = tuple(load_migrations() if migrations is None else migrations)
    known = steps[-1].version if steps else 0
    goal = known if target is None else target
    try:
        current = user_version(conn)
    except sqlite3.Error as exc:
        raise map_error(exc) from exc
    if current > known:
        raise StorageError(Notice(Code.CACHE_FROM_NEWER, (current, known)))
    for step in steps:
        if step.version <= current or step.version > goal:
            continue
        script = f"BEGIN IMMEDIATE;\n{step.sql}\n;\nPRAGMA user_version = {step.version:d};\nCOMMIT;\n"
        try:
            conn.executescript(script)
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            error = map_error(exc)
            error.notice = Notice(Code.CACHE_UPGRADE_FAILED, (step.version, error.notice))
            error.args = (str(error.notice),)
            raise error from exc
        current = step.version
    return current
