"""The cache database: one writer thread, one reader thread, one connection for the UI thread.

* ``write(fn)`` runs ``fn(conn)`` on the single writer thread inside ``BEGIN IMMEDIATE … COMMIT``
  (rolled back if ``fn`` raises), so every write in the app is serialised and atomic.
* ``read(fn)`` runs on a reader thread with its own connection inside a read transaction (one
  consistent snapshot, never blocked by the writer thanks to WAL).
* ``read_now(fn)`` is the same on a third connection, synchronously, for small page reads from the
  UI thread.

The async methods only use ``concurrent.futures`` + ``asyncio.wrap_future``, so they work under any
running asyncio loop (qasync in the app, plain asyncio in tests).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import sqlite3
import threading
import urllib.parse
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from desktop.core.clock import utcnow
from desktop.core.errors import CacheCorruptError, DiskFullError, StorageError
from desktop.core.notices import Code, Notice
from desktop.storage.errors import (
    DISK_FULL,
    as_disk_full,
    is_corruption,
    is_index_corruption,
    map_error,
)
from desktop.storage.schema import latest_version, migrate, user_version

if TYPE_CHECKING:  # imported when a damaged file is rescued: not on every start
    from desktop.storage import rescue

T = TypeVar("T")

log = logging.getLogger("atelier.storage")

BUSY_TIMEOUT_MS = 5000
CACHE_SIZE_KIB = 16_384  # page cache per connection
FILE_MODE = 0o600
_SIDECARS = ("-wal", "-shm", "-journal")
FTS_INDEXES = ("jobs_fts", "messages_fts")
"""The full-text indexes: their damage is invisible to ``quick_check``; FTS5 checks them itself."""


class Reader(Protocol):
    """What a reader of the cache needs of it: a read off the UI thread (``Database.read``). Presenters
    and exports take this, so the UI can hand them its own view of the cache."""

    async def read(self, fn: Callable[[sqlite3.Connection], T]) -> T: ...


def connect(path: Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection with the cache's per-connection pragmas, in autocommit mode (we BEGIN ourselves)."""
    conn = sqlite3.connect(
        str(path),
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=check_same_thread,
        cached_statements=256,
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = -{CACHE_SIZE_KIB:d}")
        conn.execute("PRAGMA temp_store = MEMORY")
    except BaseException:
        conn.close()
        raise
    return conn


def _ensure_file(path: Path) -> None:
    """Create the database file with mode 0600 before SQLite sees it (no umask window)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, FILE_MODE)
        except FileExistsError:
            pass
        else:
            os.close(fd)
        os.chmod(path, FILE_MODE)
    except PermissionError as exc:
        raise StorageError(Notice(Code.CACHE_CREATE_NOT_ALLOWED, (str(path.parent),))) from exc
    except OSError as exc:
        raise StorageError(Notice(Code.CACHE_CREATE_FAILED, (str(exc.strerror),))) from exc


def _secure_sidecars(path: Path) -> None:
    for suffix in _SIDECARS:
        side = Path(f"{path}{suffix}")
        with contextlib.suppress(FileNotFoundError):
            os.chmod(side, FILE_MODE)


def _check_health(path: Path, *, thorough: bool) -> bool:
    """True when the file is a readable SQLite database (and, if thorough, passes ``PRAGMA quick_check``).

    The quick check reads every page (about 0.2 s for 100 k cached jobs), so it runs only when the last
    session did not close the cache cleanly; otherwise reading the schema catches a file that is not a
    database at all. Raises StorageError for problems that are not corruption (permission, I/O, disk full).
    """
    try:
        conn = connect(path)
    except sqlite3.Error as exc:
        if is_corruption(exc):
            return False
        raise map_error(exc) from exc
    try:
        if not thorough:
            # Read the schema and the first page of every table and index: cheap, and it catches a
            # damaged header or root page, which would otherwise fail the first screen the user opens.
            tables = conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            ).fetchall()
            for (name,) in tables:
                conn.execute(f'SELECT * FROM "{name}" LIMIT 1').fetchall()
            return True
        rows = conn.execute("PRAGMA quick_check").fetchall()
        return rows == [("ok",)]
    except sqlite3.Error as exc:
        if is_corruption(exc):
            return False
        raise map_error(exc) from exc
    finally:
        conn.close()


def in_use_marker(path: Path) -> Path:
    """Exists while a session has the cache open; found at open, it means the last one did not close it."""
    return path.with_name(f"{path.name}.in-use")


def _move_aside(path: Path) -> Path:
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        os.replace(path, target)
        for suffix in _SIDECARS:
            side = Path(f"{path}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{target}{suffix}"))
    except OSError as exc:
        raise StorageError(Notice(Code.CACHE_MOVE_ASIDE_FAILED, (str(exc.strerror),))) from exc
    return target


class Database:
    """The SQLite cache. Build it with :meth:`open`."""

    path: Path
    recovered_from: Path | None
    read_only: bool = False
    """Opened by :meth:`open_read_only` (the disk was full): reads work, every write raises DiskFullError
    until :meth:`reopen_for_writing` succeeds."""
    read_only_source: str = ""
    """What a read-only cache reads: "file" (the cache file, read-only), "immutable" (the file, without its
    WAL: SQLite could not open the WAL index) or "empty" (no usable file: an empty cache in memory)."""

    def __init__(self, path: Path) -> None:
        # use Database.open(); the constructor only sets up the empty shell
        self.path = path
        self.recovered_from = None
        # what the last recovery put back and what it could not (None: no recovery in this session)
        self.rescue_report: rescue.Report | None = None
        # how many times the file was rebuilt while open (so damage seen twice is rebuilt once)
        self.generation = 0
        self._index_repair_queued = False
        # what a rebuild read from the damaged file until it is safely in the new one (a rebuild that
        # failed half-way must not lose it: the damaged file is already set aside)
        self._unrestored: rescue.Found | None = None
        # told (on the thread that saw it) when a query meets a damaged page, with the generation it was
        # seen in: the app rebuilds at once instead of failing the same way until the next start
        self.on_damage: Callable[[int], None] | None = None
        # set when a query hits a damaged page: the next start then runs the full check and rebuilds
        self.saw_corruption = False
        self._closed = False
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="atelier-db-writer")
        self._reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="atelier-db-reader")
        self._writer_thread: int | None = None
        self._wconn: sqlite3.Connection | None = None
        self._rconn: sqlite3.Connection | None = None
        self._nconn: sqlite3.Connection | None = None
        self._now_lock = threading.Lock()

    # -- opening ------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, verify: bool | None = None) -> Database:
        """Open (creating, migrating or rebuilding as needed) the cache at ``path``.

        ``verify`` runs the full integrity check; by default it runs only after an unclean shutdown or
        when the last session saw corruption.
        """
        path = Path(path)
        db = cls(path)
        try:
            db._open(verify)
        except BaseException:
            db.close_now()
            raise
        return db

    def _open(self, verify: bool | None) -> None:
        path = self.path
        marker = in_use_marker(path)
        thorough = marker.exists() if verify is None else verify
        _ensure_file(path)
        rescued: rescue.Found | None = None
        if not _check_health(path, thorough=thorough):
            rescued = self._recover()
        try:
            self._writer.submit(self._open_writer, rescued).result()
        except CacheCorruptError:
            # damage quick_check did not see (e.g. in a page only the migration touched)
            if rescued is not None:
                raise
            self._writer.submit(self._close_writer).result()
            rescued = self._recover()
            self._writer.submit(self._open_writer, rescued).result()
        _secure_sidecars(path)
        marker.touch(mode=0o600)
        self._reader.submit(self._open_reader).result()
        try:
            self._nconn = connect(path, check_same_thread=False)
        except sqlite3.Error as exc:
            raise map_error(exc) from exc

    def _recover(self, found: rescue.Found | None = None) -> rescue.Found:
        """Move the damaged file aside for a fresh one; returns what was rescued from it (read here unless
        the caller already did)."""
        from desktop.storage import rescue

        if found is None:
            found = rescue.read(self.path)
        moved = _move_aside(self.path)
        log.warning(
            "cache %s was damaged: moved aside to %s; read %s: %d outbox rows, %d message echoes,"
            " %d unreadable outbox rows",
            self.path.name,
            moved.name,
            ", then ".join(found.how) or "nothing",
            len(found.outbox),
            len(found.echoes),
            len(found.unreadable_ids),
        )
        self.recovered_from = moved
        _ensure_file(self.path)
        return found

    def _open_writer(self, rescued: rescue.Found | None) -> None:
        self._writer_thread = threading.get_ident()
        try:
            conn = connect(self.path)
        except sqlite3.Error as exc:
            raise map_error(exc) from exc
        self._wconn = conn
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StorageError(Notice(Code.CACHE_NO_WAL))
            migrate(conn)
            if rescued is not None:
                self._restore(conn, rescued)
        except sqlite3.Error as exc:
            raise map_error(exc) from exc

    def _restore(self, conn: sqlite3.Connection, rescued: rescue.Found) -> None:
        from desktop.storage import rescue

        conn.execute("BEGIN IMMEDIATE")
        try:
            report = rescue.restore(conn, rescued)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self.rescue_report = report
        log.info("rescue: %d items queued again (%d from message echoes), %d could not be recovered in full,"
                 " %d unreadable", report.requeued, report.from_echoes, len(report.lost), report.unreadable)

    def _open_reader(self) -> None:
        try:
            self._rconn = connect(self.path)
        except sqlite3.Error as exc:
            raise map_error(exc) from exc

    # -- rebuilding while the app runs --------------------------------------------------------------

    async def rebuild(self, generation: int | None = None) -> rescue.Report | None:
        """Damage found while the app runs: rescue what the user queued, move the file aside and go on
        with a fresh file, in place: every service and pane keeps this object, and reads and writes
        queued behind the rebuild run against the new file.

        ``generation``: the :attr:`generation` the caller saw the damage in; when the file has been
        rebuilt since, nothing is done and None is returned.
        """
        self._check_open()
        future = self._writer.submit(self._rebuild_on_writer, generation)
        return await asyncio.wrap_future(future, loop=asyncio.get_running_loop())

    def rebuild_now(self, generation: int | None = None) -> rescue.Report | None:
        self._check_open()
        return self._writer.submit(self._rebuild_on_writer, generation).result()

    def _rebuild_on_writer(self, generation: int | None) -> rescue.Report | None:
        if generation is not None and generation != self.generation:
            return None
        closed, reopen = threading.Event(), threading.Event()
        paused = self._reader.submit(self._pause_reader, closed, reopen)
        closed.wait()
        try:
            if self._wconn is not None:
                self._wconn.close()
                self._wconn = None
            # Read what is queued while the UI thread can still read the old file: only the swap below
            # makes it wait.
            found = self._unrestored
            if found is None:
                from desktop.storage import rescue

                found = rescue.read(self.path)
            with self._now_lock:
                if self._nconn is not None:
                    self._nconn.close()
                    self._nconn = None
                self.rescue_report = None
                if self._unrestored is None:
                    self._unrestored = self._recover(found)
                self._open_writer(found)
                self._unrestored = None
                _secure_sidecars(self.path)
                try:
                    self._nconn = connect(self.path, check_same_thread=False)
                except sqlite3.Error as exc:
                    raise map_error(exc) from exc
        finally:
            reopen.set()
            paused.result()
        self.generation += 1
        self.saw_corruption = False
        return self.rescue_report

    def _pause_reader(self, closed: threading.Event, reopen: threading.Event) -> None:
        conn, self._rconn = self._rconn, None
        if conn is not None:
            conn.close()
        closed.set()
        reopen.wait()
        self._open_reader()

    # -- running ------------------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise StorageError(Notice(Code.CACHE_CLOSED))

    def _run_write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        conn = self._wconn
        if conn is None:
            raise self._no_writer()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = fn(conn)
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise
        except sqlite3.Error as exc:
            raise self._mapped(exc) from exc
        return result

    def _run_read(self, conn: sqlite3.Connection | None, fn: Callable[[sqlite3.Connection], T]) -> T:
        if conn is None:
            raise StorageError(Notice(Code.CACHE_CLOSED))
        try:
            conn.execute("BEGIN")
            try:
                result = fn(conn)
            finally:
                _rollback(conn)
        except sqlite3.Error as exc:
            raise self._mapped(exc) from exc
        return result

    def _quick_check(self, conn: sqlite3.Connection) -> bool:
        try:
            healthy = conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        except sqlite3.Error as exc:
            if not is_corruption(exc):
                raise map_error(exc) from exc
            healthy = False
        if not healthy:
            self.saw_corruption = True
            log.warning("cache %s failed its integrity check", self.path.name)
        return healthy

    async def verify(self) -> bool:
        """The full integrity check, off the UI thread (run after start-up, when a clean last close let
        ``open`` skip it). False means damage was found: :meth:`rebuild` it (the next start would too)."""
        self._check_open()
        future: Future[bool] = self._reader.submit(self._verify_on_own_connection)
        return await asyncio.wrap_future(future, loop=asyncio.get_running_loop())

    def verify_now(self) -> bool:
        self._check_open()
        return self._reader.submit(self._verify_on_own_connection).result()

    async def verify_search_indexes(self) -> tuple[str, ...]:
        """FTS5's own integrity check of each full-text index (``quick_check`` cannot see their damage: a
        search then fails or finds the wrong jobs). A damaged index is rebuilt from its table at once.
        Returns the indexes that were rebuilt. Runs on the writer (the check is an FTS5 command, which
        SQLite runs as a write); writes queue behind it meanwhile."""
        self._check_open()
        future: Future[tuple[str, ...]] = self._writer.submit(self._repair_search_indexes)
        return await asyncio.wrap_future(future, loop=asyncio.get_running_loop())

    def verify_search_indexes_now(self) -> tuple[str, ...]:
        self._check_open()
        return self._writer.submit(self._repair_search_indexes).result()

    def _repair_search_indexes(self) -> tuple[str, ...]:
        conn = self._wconn
        if conn is None:
            raise StorageError(Notice(Code.CACHE_CLOSED))
        damaged: list[str] = []
        # The check reads every page of both indexes: through a small page cache, emptied afterwards, or the
        # writer would keep 16 MB of them for the rest of the session (idle memory).
        conn.execute("PRAGMA cache_size = -1024")
        try:
            for name in FTS_INDEXES:
                try:
                    conn.execute(f"INSERT INTO {name} ({name}, rank) VALUES ('integrity-check', 1)")
                except sqlite3.Error as exc:
                    if not is_corruption(exc):
                        raise map_error(exc) from exc
                    damaged.append(name)
        finally:
            conn.execute("PRAGMA shrink_memory")
            conn.execute(f"PRAGMA cache_size = -{CACHE_SIZE_KIB:d}")
        for name in damaged:
            log.warning("the search index %s was damaged; rebuilding it from its table", name)
            self._run_write(functools.partial(_rebuild_index, name=name))
        return tuple(damaged)

    def _verify_on_own_connection(self) -> bool:
        # The check reads every page; on a connection of its own, that page cache is freed right after
        # instead of staying in the reader's cache for the rest of the session.
        try:
            conn = connect(self.path)
        except sqlite3.Error as exc:
            raise map_error(exc) from exc
        try:
            conn.execute("PRAGMA cache_size = -1024")
            return self._quick_check(conn)
        finally:
            conn.close()

    def _mapped(self, exc: sqlite3.Error) -> StorageError:
        error = map_error(exc)
        if is_index_corruption(exc):
            self._queue_index_repair()
        elif isinstance(error, CacheCorruptError):
            self.saw_corruption = True
            if self.on_damage is not None:
                self.on_damage(self.generation)
        return error

    def _queue_index_repair(self) -> None:
        """A search (or a write to a search index) met a damaged index: check and rebuild the indexes on
        the writer, after what is queued there; the next search works again."""
        if self._closed or self._index_repair_queued:
            return
        self._index_repair_queued = True

        def repair() -> None:
            try:
                self._repair_search_indexes()
            except StorageError as exc:
                log.warning("the search indexes could not be repaired: %s", exc.message)
            finally:
                self._index_repair_queued = False

        with contextlib.suppress(RuntimeError):  # the cache is closing
            self._writer.submit(repair)

    def _read_on_reader(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        return self._run_read(self._rconn, fn)

    async def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one write transaction on the writer thread."""
        self._check_open()
        future: Future[T] = self._writer.submit(self._run_write, fn)
        return await asyncio.wrap_future(future, loop=asyncio.get_running_loop())

    async def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one read transaction (a consistent snapshot) on the reader thread."""
        self._check_open()
        future: Future[T] = self._reader.submit(self._read_on_reader, fn)
        return await asyncio.wrap_future(future, loop=asyncio.get_running_loop())

    def read_now(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Synchronous small read for the UI thread (its own connection). Never for writes."""
        self._check_open()
        with self._now_lock:
            return self._run_read(self._nconn, fn)

    def write_now(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Synchronous write through the writer thread; for tests, benchmarks and shutdown paths."""
        self._check_open()
        if threading.get_ident() == self._writer_thread:
            raise RuntimeError("write_now() called from inside a write")
        return self._writer.submit(self._run_write, fn).result()

    async def compact(self) -> None:
        """Give the room of deleted rows back to the disk (VACUUM, then an emptied WAL), on the writer
        thread between two writes. For after a large deletion (clearing the cache)."""
        self._check_open()
        future: Future[None] = self._writer.submit(self._compact)
        await asyncio.wrap_future(future, loop=asyncio.get_running_loop())

    def _compact(self) -> None:
        conn = self._wconn
        if conn is None:
            raise self._no_writer()
        try:
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            raise self._mapped(exc) from exc

    # -- a full disk: open read-only, write again when space returns -------------------------------

    @classmethod
    def open_or_read_only(cls, path: Path) -> Database:
        """:meth:`open`, or when the disk is too full for that (SQLite cannot create the WAL index, grow a
        file or migrate), :meth:`open_read_only`. Other failures raise as from :meth:`open`."""
        try:
            return cls.open(path)
        except (StorageError, OSError) as exc:
            full = as_disk_full(exc, Path(path).parent)
            if full is None:
                raise
            log.info("the disk holding the cache is full; opening it read-only")
        return cls.open_read_only(path)

    @classmethod
    def open_read_only(cls, path: Path) -> Database:
        """The cache as it is, for reading only: no migration, no marker file, nothing written. A file in the
        current schema is read as is (without its WAL if SQLite cannot open the WAL index); anything else (no
        file, an older or newer schema) reads as an empty cache. Writes raise DiskFullError."""
        db = cls(Path(path))
        db.read_only = True
        try:
            db._choose_read_only_source()
            db._reader.submit(db._open_reader_read_only).result()
            db._nconn = db._connect_read_only(check_same_thread=False)
        except BaseException:
            db.close_now()
            raise
        return db

    def _no_writer(self) -> StorageError:
        if self.read_only:
            return DiskFullError(DISK_FULL)
        return StorageError(Notice(Code.CACHE_CLOSED))

    def _read_only_uri(self) -> str:
        if self.read_only_source == "empty":
            return f"file:atelier-read-only-{id(self):x}?mode=memory&cache=shared"
        quoted = urllib.parse.quote(str(self.path.resolve()))
        return f"file:{quoted}?" + ("immutable=1" if self.read_only_source == "immutable" else "mode=ro")

    def _connect_read_only(self, *, check_same_thread: bool = True) -> sqlite3.Connection:
        conn = sqlite3.connect(self._read_only_uri(), uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               isolation_level=None, check_same_thread=check_same_thread,
                               cached_statements=256)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
            conn.execute(f"PRAGMA cache_size = -{CACHE_SIZE_KIB:d}")
            conn.execute("PRAGMA temp_store = MEMORY")
            if self.read_only_source != "empty":
                conn.execute("PRAGMA query_only = ON")
        except BaseException:
            conn.close()
            raise
        return conn

    def _choose_read_only_source(self) -> None:
        if self.path.is_file():
            for source in ("file", "immutable"):
                self.read_only_source = source
                try:
                    conn = self._connect_read_only()
                except sqlite3.Error:
                    continue
                try:
                    if user_version(conn) == latest_version():
                        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                        return
                    log.warning("read-only cache: schema version %d is not the current one; reading none",
                                user_version(conn))
                    break
                except sqlite3.Error as exc:
                    log.warning("read-only cache: cannot read %s as %s (%s)", self.path.name, source, exc)
                finally:
                    conn.close()
        self.read_only_source = "empty"

    def _open_reader_read_only(self) -> None:
        try:
            conn = self._connect_read_only()
            if self.read_only_source == "empty":
                migrate(conn)  # the schema, in memory: the panes read an empty cache
        except sqlite3.Error as exc:
            raise map_error(exc) from exc
        self._rconn = conn

    async def reopen_for_writing(self) -> bool:
        """After a read-only start, open the cache for writing as a normal start does (the migration
        included), now that the disk has room; connections are swapped under the readers' feet, so the
        panes keep reading. False (still read-only, nothing changed) while the disk is still too full."""
        if not self.read_only or self._closed:
            return not self.read_only
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self._reopen_for_writing)

    def _reopen_for_writing(self) -> bool:
        try:
            _ensure_file(self.path)
            self._writer.submit(self._open_writer, None).result()
            _secure_sidecars(self.path)
            in_use_marker(self.path).touch(mode=0o600)
            self._reader.submit(self._swap_reader).result()
            fresh = connect(self.path, check_same_thread=False)
        except (StorageError, OSError, sqlite3.Error) as exc:
            with contextlib.suppress(Exception):
                self._writer.submit(self._close_writer).result()
            if as_disk_full(exc, self.path.parent) is None:
                log.warning("could not reopen the cache for writing: %s", getattr(exc, "message", exc))
            return False
        with self._now_lock:
            stale, self._nconn = self._nconn, fresh
        if stale is not None:
            stale.close()
        self.read_only = False
        self.read_only_source = ""
        log.info("cache %s open for writing again", self.path.name)
        return True

    def _swap_reader(self) -> None:
        try:
            fresh = connect(self.path)
        except sqlite3.Error as exc:
            raise map_error(exc) from exc
        stale, self._rconn = self._rconn, fresh
        if stale is not None:
            stale.close()

    # -- closing ------------------------------------------------------------------------------------

    def _close_writer(self) -> None:
        conn, self._wconn = self._wconn, None
        if conn is None:
            return
        try:
            conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            log.debug("PRAGMA optimize failed on close", exc_info=True)
        conn.close()
        if not self.saw_corruption:
            in_use_marker(self.path).unlink(missing_ok=True)

    def _close_reader(self) -> None:
        conn, self._rconn = self._rconn, None
        if conn is not None:
            conn.close()

    def _close_now_conn(self) -> None:
        with self._now_lock:
            conn, self._nconn = self._nconn, None
            if conn is not None:
                conn.close()

    def close_now(self) -> None:
        """Close every connection (waits for queued work to finish first)."""
        if self._closed:
            return
        self._closed = True
        for executor, closer in ((self._reader, self._close_reader), (self._writer, self._close_writer)):
            try:
                executor.submit(closer).result()
            except Exception:
                log.warning("error while closing the cache", exc_info=True)
            executor.shutdown(wait=True)
        self._close_now_conn()

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        loop = asyncio.get_running_loop()
        for executor, closer in ((self._reader, self._close_reader), (self._writer, self._close_writer)):
            try:
                await asyncio.wrap_future(executor.submit(closer), loop=loop)
            except Exception:
                log.warning("error while closing the cache", exc_info=True)
            executor.shutdown(wait=False)
        self._close_now_conn()

    def __repr__(self) -> str:
        return f"<Database {self.path.name}{' closed' if self._closed else ''}>"


def _rebuild_index(conn: sqlite3.Connection, name: str) -> None:
    conn.execute(f"INSERT INTO {name} ({name}) VALUES ('rebuild')")


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            log.warning("rollback failed", exc_info=True)
