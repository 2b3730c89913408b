"""sqlite3 errors turned into the app's StorageError, with words a person can act on."""

from __future__ import annotations

import sqlite3

from desktop.core.errors import CacheCorruptError, StorageError

# Primary result codes (https://sqlite.org/rescode.html); extended codes carry these in the low byte.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_NOMEM = 7
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_AUTH = 23
SQLITE_NOTADB = 26
SQLITE_CORRUPT_VTAB = SQLITE_CORRUPT | (1 << 8)  # extended: a virtual table (a full-text index) is damaged

DISK_FULL_MESSAGE = (
    "The disk is full; Atelier could not save its local cache. Free some disk space and try again."
)


def primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    return code & 0xFF


CACHE_DAMAGED_MESSAGE = "The local cache file is damaged; Atelier is rebuilding it from the server."


def is_index_corruption(exc: sqlite3.Error) -> bool:
    """Damage in a full-text index only: the table it indexes is intact, and the index can be rebuilt."""
    return getattr(exc, "sqlite_errorcode", None) == SQLITE_CORRUPT_VTAB


def is_corruption(exc: sqlite3.Error) -> bool:
    return primary_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def map_error(exc: sqlite3.Error) -> StorageError:
    """The StorageError to raise for a sqlite3 error (chain the original with ``from exc``)."""
    code = primary_code(exc)
    if code == SQLITE_FULL:
        return StorageError(DISK_FULL_MESSAGE)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return CacheCorruptError(CACHE_DAMAGED_MESSAGE)
    if code in (SQLITE_PERM, SQLITE_READONLY, SQLITE_AUTH):
        return StorageError(
            "Atelier is not allowed to write its local cache (read-only disk or permission denied)."
        )
    if code == SQLITE_CANTOPEN:
        return StorageError(
            "Atelier could not open its local cache file. Check that the folder exists and is writable."
        )
    if code == SQLITE_IOERR:
        return StorageError("A disk error stopped Atelier from reading or writing its local cache.")
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StorageError("The local cache is busy; is another copy of Atelier running?")
    if code == SQLITE_NOMEM:
        return StorageError("Atelier ran out of memory while using its local cache.")
    return StorageError(f"The local cache failed: {exc}")
