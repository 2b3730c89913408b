"""The job feed as a lazily paged Qt model over SQLite.

Rows come 100 at a time from ``storage.jobs.page`` (``canFetchMore``/``fetchMore`` on the UI thread through
``db.read_now`` — one small indexed page). A new filter or a JobsChanged event replaces the rows with a page
read off the UI thread (``await db.read``) and handed to ``apply``. Never loads every row, never filters
in Qt.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from desktop.core.models import Job, JobFilter
from desktop.storage import jobs as jobs_repo
from desktop.ui.protocols import Database
from desktop.ui.untrusted import tooltip

PAGE_SIZE = 100
RELOAD_CAP = 1000  # a reload keeps at most this many already-scrolled rows

Index = QModelIndex | QPersistentModelIndex


def load_first(conn: sqlite3.Connection, f: JobFilter, limit: int = PAGE_SIZE) -> tuple[list[Job], int]:
    """The first ``limit`` rows of ``f`` and the total it matches (run on a reader thread)."""
    return jobs_repo.page(conn, f, 0, limit), jobs_repo.count(conn, f)


class JobsModel(QAbstractListModel):
    JobRole = Qt.ItemDataRole.UserRole + 1
    JobIdRole = Qt.ItemDataRole.UserRole + 2

    totalChanged = Signal(int)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._filter = JobFilter()
        self._rows: list[Job] = []
        self._ids: set[str] = set()
        self._total = 0

    # -- state ---------------------------------------------------------------------------------------------
    @property
    def filter(self) -> JobFilter:
        return self._filter

    @property
    def total(self) -> int:
        return self._total

    def loaded(self) -> int:
        return len(self._rows)

    def load_now(self, f: JobFilter | None = None) -> None:
        """Synchronous first page (startup: the cached feed is on screen in the first frame)."""
        f = self._filter if f is None else f
        rows, total = self._db.read_now(lambda c: load_first(c, f))
        self.apply(f, rows, total)

    def apply(self, f: JobFilter, rows: list[Job], total: int) -> None:
        """Replace the contents with a freshly read first page."""
        self.beginResetModel()
        self._filter = f
        self._rows = []
        self._ids = set()
        for job in rows:
            if job.id not in self._ids:
                self._ids.add(job.id)
                self._rows.append(job)
        self._total = max(total, len(self._rows))
        self.endResetModel()
        self.totalChanged.emit(self._total)

    def reload_limit(self) -> int:
        return max(PAGE_SIZE, min(len(self._rows), RELOAD_CAP))

    # -- Qt model API ----------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        job = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return job.title
        if role == self.JobRole:
            return job
        if role == self.JobIdRole:
            return job.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(job.title)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return job.title
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        f, offset = self._filter, len(self._rows)
        page = self._db.read_now(lambda c: jobs_repo.page(c, f, offset, PAGE_SIZE))
        fresh = [j for j in page if j.id not in self._ids]
        if not page:
            self._total = len(self._rows)  # the table shrank under us; stop asking
            self.totalChanged.emit(self._total)
            return
        if not fresh:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(fresh) - 1)
        self._rows.extend(fresh)
        self._ids.update(j.id for j in fresh)
        self.endInsertRows()

    # -- helpers ---------------------------------------------------------------------------------------------
    def job_at(self, row: int) -> Job | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, job_id: str) -> int:
        for i, job in enumerate(self._rows):
            if job.id == job_id:
                return i
        return -1
