"""sqlite3 errors turned into the app's StorageError, with words a person can act on."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from desktop.core.errors import CacheCorruptError, DiskFullError, StorageError
from desktop.core.notices import Code, Notice

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

DISK_FULL = Notice(Code.DISK_FULL)
"""What a write the full disk refused says (the composer and the proposal form show it)."""
NEARLY_NO_SPACE = 1024 * 1024
"""Below this much free space, an I/O error while writing is taken for a full disk: SQLite reports a disk
that cannot grow the WAL index (``-shm``) as SQLITE_IOERR, not SQLITE_FULL."""


def primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    return code & 0xFF


CACHE_DAMAGED = Notice(Code.CACHE_DAMAGED)


def is_index_corruption(exc: sqlite3.Error) -> bool:
    """Damage in a full-text index only: the table it indexes is intact, and the index can be rebuilt."""
    return getattr(exc, "sqlite_errorcode", None) == SQLITE_CORRUPT_VTAB


def is_corruption(exc: sqlite3.Error) -> bool:
    return primary_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def map_error(exc: sqlite3.Error) -> StorageError:
    """The StorageError to raise for a sqlite3 error (chain the original with ``from exc``)."""
    code = primary_code(exc)
    if code == SQLITE_FULL:
        return DiskFullError(DISK_FULL)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return CacheCorruptError(CACHE_DAMAGED)
    if code in (SQLITE_PERM, SQLITE_READONLY, SQLITE_AUTH):
        return StorageError(Notice(Code.CACHE_NOT_ALLOWED))
    if code == SQLITE_CANTOPEN:
        return StorageError(Notice(Code.CACHE_CANNOT_OPEN))
    if code == SQLITE_IOERR:
        return StorageError(Notice(Code.CACHE_DISK_ERROR))
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StorageError(Notice(Code.CACHE_BUSY))
    if code == SQLITE_NOMEM:
        return StorageError(Notice(Code.CACHE_NO_MEMORY))
    return StorageError(Notice(Code.CACHE_FAILED, (str(exc),)))


# -- a full disk ---------------------------------------------------------------------------------------------

def free_bytes(path: Path) -> int | None:
    """Free space for this user on the file system that holds ``path`` (or its nearest existing folder);
    None when it cannot be measured."""
    probe = Path(path)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        stats = os.statvfs(probe)
    except (OSError, AttributeError):  # AttributeError: no statvfs (Windows)
        import shutil

        try:
            return shutil.disk_usage(probe).free
        except OSError:
            return None
    return stats.f_bavail * stats.f_frsize


def disk_size(path: Path) -> int | None:
    """The size of the file system that holds ``path`` (None when it cannot be measured)."""
    probe = Path(path)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    import shutil

    try:
        return shutil.disk_usage(probe).total
    except OSError:
        return None


def is_disk_full_oserror(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def as_disk_full(exc: BaseException, path: Path) -> DiskFullError | None:
    """The DiskFullError that failure really is, else None.

    A full disk shows up as SQLITE_FULL, as ENOSPC/EDQUOT from the OS, or (opening a WAL cache) as an I/O
    error while there is next to no free space left; ``exc`` may be any of them, or the StorageError that
    wraps one (its ``__cause__``)."""
    if isinstance(exc, DiskFullError):
        return exc
    seen: BaseException | None = exc
    while seen is not None:
        if is_disk_full_oserror(seen):
            break
        if isinstance(seen, sqlite3.Error):
            code = primary_code(seen)
            if code == SQLITE_FULL:
                break
            if code in (SQLITE_IOERR, SQLITE_CANTOPEN):
                free = free_bytes(path)
                if free is not None and free < NEARLY_NO_SPACE:
                    break
            return None
        seen = seen.__cause__ or seen.__context__
    if seen is None:
        return None
    error = DiskFullError(DISK_FULL)
    error.__cause__ = seen
    return error
