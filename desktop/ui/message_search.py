"""Search across every conversation: the results list of the Messages pane, grouped by conversation.

The presenter (desktop/presenters/messages.py) finds the messages through the cache's full-text index; this
module only shows them: a header per conversation (who, what about, how many matches), then each message
with its sender, its time and a one-line snippet from near the first match, the words found marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from desktop.core.highlight import excerpt
from desktop.core.models import Message, Room
from desktop.presenters.messages import Found
from desktop.ui import format as fmt
from desktop.ui import theme
from desktop.ui.untrusted import tooltip
from desktop.ui.widgets import draw_marked, paint_row_highlight

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class FoundRow:
    room: Room
    message: Message | None
    """None: the conversation's header row."""
    matches: int = 0


class FoundModel(QAbstractListModel):
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FoundRow] = []
        self.query = ""

    def set_found(self, query: str, found: tuple[Found, ...]) -> None:
        self.beginResetModel()
        self.query = query
        self._rows = []
        for group in found:
            self._rows.append(FoundRow(group.room, None, len(group.messages)))
            self._rows.extend(FoundRow(group.room, m) for m in group.messages)
        self.endResetModel()

    def row(self, i: int) -> FoundRow | None:
        return self._rows[i] if 0 <= i < len(self._rows) else None

    def message_rows(self) -> list[int]:
        return [i for i, r in enumerate(self._rows) if r.message is not None]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        row = self.row(index.row()) if index.isValid() else None
        if row is None or row.message is None:
            return Qt.ItemFlag.ItemIsEnabled  # a header: not a result to open
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == self.RowRole:
            return row
        text = row.message.body if row.message is not None else row.room.counterpart_name
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(text)
        return None


class FoundDelegate(QStyledItemDelegate):
    PAD_X = 16
    GAP = 3

    def _small(self, base: QFont) -> QFont:
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() - 0.5)
        return small

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        row = index.data(FoundModel.RowRole)
        fm = QFontMetrics(option.font)
        if isinstance(row, FoundRow) and row.message is None:
            return QSize(200, fm.height() + 18)
        return QSize(200, QFontMetrics(self._small(option.font)).height() + fm.height() + self.GAP + 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(FoundModel.RowRole)
        if not isinstance(row, FoundRow):
            return
        pal: QPalette = option.palette
        rect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x, width = rect.left() + self.PAD_X, rect.width() - 2 * self.PAD_X
        if row.message is None:
            bold = QFont(option.font)
            bold.setBold(True)
            painter.setFont(bold)
            bfm = QFontMetrics(bold)
            count = self.tr("%n match(es)", "", row.matches)
            count_w = bfm.horizontalAdvance(count)
            painter.setPen(theme.muted(pal))
            painter.drawText(QRectF(x + width - count_w, rect.top() + 10, count_w, bfm.height()),
                             Qt.AlignmentFlag.AlignRight, count)
            painter.setPen(pal.color(QPalette.ColorRole.Text))
            title = f"{row.room.counterpart_name} · {row.room.title}"
            painter.drawText(QRectF(x, rect.top() + 10, width - count_w - 12, bfm.height()),
                             Qt.AlignmentFlag.AlignLeft,
                             bfm.elidedText(title, Qt.TextElideMode.ElideRight, int(width - count_w - 12)))
            painter.restore()
            return
        paint_row_highlight(painter, option)
        message = row.message
        small = self._small(option.font)
        sfm, fm = QFontMetrics(small), QFontMetrics(option.font)
        y = rect.top() + 8
        painter.setFont(small)
        painter.setPen(theme.muted(pal))
        who = f"{message.sender_name} · {fmt.chat_time(message.created_at)}"
        painter.drawText(QRectF(x, y, width, sfm.height()), Qt.AlignmentFlag.AlignLeft,
                         sfm.elidedText(who, Qt.TextElideMode.ElideRight, width))
        y += sfm.height() + self.GAP
        model = index.model()
        query = model.query if isinstance(model, FoundModel) else ""
        snippet, cut = excerpt(" ".join(message.body.split()), query)
        painter.setFont(option.font)
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        draw_marked(painter, QRectF(x, y, width, fm.height()), ("…" if cut else "") + snippet, query,
                    theme.mark(pal))
        painter.restore()
