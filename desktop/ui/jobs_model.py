"""The job feed as a Qt list model over the Jobs presenter's rows.

The presenter (desktop/presenters/jobs.py) reads the cache off the UI thread and publishes the rows; the
model shows them: ``replace`` for another search or a reload, ``extend`` for the next page. When the view
scrolls to the end, ``fetchMore`` asks the presenter for that page (``request_more``); the rows arrive a
moment later through ``extend``. Never loads every row, never filters in Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from desktop.core.models import Job, JobFilter
from desktop.presenters.jobs import PAGE_SIZE
from desktop.ui.untrusted import tooltip

__all__ = ["PAGE_SIZE", "JobsModel"]

Index = QModelIndex | QPersistentModelIndex


class JobsModel(QAbstractListModel):
    JobRole = Qt.ItemDataRole.UserRole + 1
    JobIdRole = Qt.ItemDataRole.UserRole + 2
    ScoreRole = Qt.ItemDataRole.UserRole + 3
    """The job's Best match score (None: not known)."""

    totalChanged = Signal(int)

    def __init__(self, parent: QObject | None = None, request_more: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._filter = JobFilter()
        self._rows: list[Job] = []
        self._total = 0
        self._scores: dict[str, int] = {}
        self._request_more = request_more

    # -- state ---------------------------------------------------------------------------------------------
    @property
    def filter(self) -> JobFilter:
        return self._filter

    @property
    def total(self) -> int:
        return self._total

    def loaded(self) -> int:
        return len(self._rows)

    def rows(self) -> tuple[Job, ...]:
        return tuple(self._rows)

    def set_scores(self, scores: dict[str, int]) -> None:
        """The rows' Best match scores (shown on each card); call before ``replace`` or ``extend``."""
        self._scores = scores

    def replace(self, f: JobFilter, rows: Sequence[Job], total: int) -> None:
        """Show another set of rows (a new search, or the same one re-read)."""
        self.beginResetModel()
        self._filter = f
        self._rows = list(rows)
        self._total = max(total, len(self._rows))
        self.endResetModel()
        self.totalChanged.emit(self._total)

    def extend(self, more: Sequence[Job], total: int) -> None:
        """The next rows of the same search, below the ones shown."""
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
        total = max(total, len(self._rows))
        if total != self._total:
            self._total = total
            self.totalChanged.emit(total)

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
        if role == self.ScoreRole:
            return self._scores.get(job.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(job.title)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return job.title
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total and self._request_more is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not parent.isValid() and self._request_more is not None:
            self._request_more()

    # -- helpers ---------------------------------------------------------------------------------------------
    def job_at(self, row: int) -> Job | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, job_id: str) -> int:
        for i, job in enumerate(self._rows):
            if job.id == job_id:
                return i
        return -1
