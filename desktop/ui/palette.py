"""Ctrl+K: the palette. A search box over a list of results grouped by kind; the arrows move, Tab jumps to
the next group, Enter opens, Esc closes. What it finds comes from desktop/presenters/palette.py."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.presenters.palette import Group, Item, Kind, PalettePresenter, PaletteSnapshot
from desktop.ui import theme
from desktop.ui.untrusted import clean
from desktop.ui.widgets import draw_marked

Index = QModelIndex | QPersistentModelIndex


# A bare name lupdate recognises, like QCoreApplication.translate: translate("context", "text").
translate = QCoreApplication.translate


def group_title(kind: Kind) -> str:
    return {
        Kind.RECENT: translate("CommandPalette", "Recent"),
        Kind.PANE: translate("CommandPalette", "Go to"),
        Kind.COMMAND: translate("CommandPalette", "Commands"),
        Kind.ROOM: translate("CommandPalette", "Conversations"),
        Kind.JOB: translate("CommandPalette", "Jobs"),
        Kind.SAVED_SEARCH: translate("CommandPalette", "Saved searches"),
        Kind.PROPOSAL: translate("CommandPalette", "Proposals"),
    }[kind]


class PaletteModel(QAbstractListModel):
    """Rows: a header per group, then its items (headers cannot be selected)."""

    ItemRole = Qt.ItemDataRole.UserRole + 1
    HeaderRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Item | Kind] = []
        self._titles: dict[Kind, str] = {}
        self.query = ""

    def show(self, snapshot: PaletteSnapshot, titles: dict[Kind, str]) -> None:
        self.beginResetModel()
        self.query = snapshot.query
        self._rows = []
        for group in snapshot.groups:
            self._rows.append(group.kind)
            self._rows.extend(group.items)
        self._titles = titles
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def item(self, row: int) -> Item | None:
        found = self._rows[row] if 0 <= row < len(self._rows) else None
        return found if isinstance(found, Item) else None

    def is_header(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and isinstance(self._rows[row], Kind)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self.is_header(index.row()):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == self.ItemRole:
            return row if isinstance(row, Item) else None
        if role == self.HeaderRole:
            return self._titles.get(row, "") if isinstance(row, Kind) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles.get(row, "") if isinstance(row, Kind) else clean(row.title)
        return None


class PaletteDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)
        header = index.data(PaletteModel.HeaderRole) is not None
        return QSize(200, fm.height() + (14 if header else 16))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        pal: QPalette = option.palette
        rect = QRectF(option.rect).adjusted(12, 0, -12, 0)
        painter.save()
        header = index.data(PaletteModel.HeaderRole)
        if header is not None:
            font = QFont(option.font)
            font.setPointSizeF(font.pointSizeF() - 1)
            font.setWeight(QFont.Weight.DemiBold)
            painter.setFont(font)
            painter.setPen(theme.muted(pal))
            painter.drawText(rect.adjusted(0, 6, 0, 0),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(header).upper())
            painter.restore()
            return
        item = index.data(PaletteModel.ItemRole)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.accent_soft(pal))
            painter.drawRoundedRect(QRectF(option.rect).adjusted(4, 1, -4, -1), 6, 6)
        model = index.model()
        query = model.query if isinstance(model, PaletteModel) else ""
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        painter.setFont(option.font)
        fm = QFontMetrics(option.font)
        subtitle = clean(item.subtitle) if isinstance(item, Item) else ""
        sub_w = min(fm.horizontalAdvance(subtitle), int(rect.width() * 0.4)) if subtitle else 0
        title = clean(item.title) if isinstance(item, Item) else ""
        draw_marked(painter, rect.adjusted(0, 0, -(sub_w + 12), 0), title, query, theme.mark(pal))
        if subtitle:
            painter.setPen(theme.muted(pal))
            painter.drawText(QRectF(rect.right() - sub_w, rect.y(), sub_w, rect.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(subtitle, Qt.TextElideMode.ElideRight, sub_w))
        painter.restore()


class CommandPalette(QDialog):
    """Opened over the window by Ctrl+K; ``chosen(item)`` when the user picks something (then it closes)."""

    chosen = Signal(object)  # Item

    def __init__(self, presenter: PalettePresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Go to anything"))
        self.setObjectName("palette")
        self.presenter = presenter
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 10, 10, 10)
        lay.setSpacing(6)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Jump to a pane, a conversation, a job, a saved search…"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        lay.addWidget(self.search)
        self.model = PaletteModel(self)
        self._titles: dict[Kind, str] = {}
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(PaletteDelegate(self.list))
        self.list.setUniformItemSizes(False)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the search box
        self.list.clicked.connect(lambda index: self._open(index.row()))
        lay.addWidget(self.list, 1)
        self.resize(620, 440)
        self.search.textChanged.connect(presenter.type)
        self._stop = presenter.listen(self._show)
        self.finished.connect(lambda _r: self._stop())
        self._titles = {kind: group_title(kind) for kind in Kind}
        presenter.type("")

    def _show(self, snapshot: PaletteSnapshot) -> None:
        self.model.show(snapshot, self._titles)
        first = self._selectable(0, 1)
        if first is not None:
            self.list.setCurrentIndex(self.model.index(first))

    def groups(self) -> tuple[Group, ...]:
        return self.presenter.snapshot.groups

    def _selectable(self, start: int, step: int) -> int | None:
        row = start
        while 0 <= row < self.model.rowCount():
            if not self.model.is_header(row):
                return row
            row += step
        return None

    def _move(self, step: int) -> None:
        row = self.list.currentIndex().row()
        found = self._selectable(row + step, step)
        if found is not None:
            self.list.setCurrentIndex(self.model.index(found))

    def _next_group(self) -> None:
        row = self.list.currentIndex().row() + 1
        while row < self.model.rowCount() and not self.model.is_header(row):
            row += 1
        found = self._selectable(row, 1) if row < self.model.rowCount() else self._selectable(0, 1)
        if found is not None:
            self.list.setCurrentIndex(self.model.index(found))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Down:
                self._move(1)
                return True
            if key == Qt.Key.Key_Up:
                self._move(-1)
                return True
            if key == Qt.Key.Key_Tab:
                self._next_group()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open(self.list.currentIndex().row())
                return True
        return super().eventFilter(watched, event)

    def _open(self, row: int) -> None:
        item = self.model.item(row)
        if item is None:
            return
        self.presenter.chose(item)
        self.accept()
        self.chosen.emit(item)
