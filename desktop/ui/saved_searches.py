"""The Jobs pane's saved searches: one chip per search, with a badge counting the jobs posted since it was
last opened, and the "Save search" dialog."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from desktop.core.models import SavedSearch
from desktop.ui import theme
from desktop.ui.untrusted import fill, tooltip
from desktop.ui.widgets import FlowLayout, plain_label

# A bare name lupdate recognises, like QCoreApplication.translate: translate("context", "text").
translate = QCoreApplication.translate

def badge_text(count: int) -> str:
    return "999+" if count > 999 else str(count)


class SavedSearchChip(QToolButton):
    """A saved search; checked while the feed shows it. The badge counts jobs new in it."""

    BADGE_GAP = 8
    MAX_TEXT_WIDTH = 240

    def __init__(self, search: SavedSearch, new_count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = search
        self.new_count = new_count
        self.setObjectName("savedSearchChip")
        self.setCheckable(True)
        # A long name is shortened with "…" (its tooltip has it whole), in the checked state's weight.
        heavy = QFont(self.font())
        heavy.setWeight(QFont.Weight.DemiBold)
        self.setText(QFontMetrics(heavy).elidedText(search.name, Qt.TextElideMode.ElideRight,
                                                    self.MAX_TEXT_WIDTH))
        self.setProperty("fullText", search.name)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tip = fill(self.tr("%1 — click to show these jobs"), search.name)
        if new_count:
            tip += "\n" + self.tr("%n job(s) posted since you last looked", "", new_count)
        self.setToolTip(tooltip(tip))
        self.setAccessibleName(fill(self.tr("%1, %2 new"), search.name, str(new_count))
                               if new_count else search.name)
        self._reserve_badge_room()

    def sizeHint(self) -> QSize:
        """Wide enough for the label in the checked state's heavier weight too (the stylesheet makes a
        checked chip semi-bold; sized for the regular weight, its label was clipped)."""
        hint = super().sizeHint()
        heavy = QFont(self.font())
        heavy.setWeight(QFont.Weight.DemiBold)
        extra = QFontMetrics(heavy).horizontalAdvance(self.text()) - \
            QFontMetrics(self.font()).horizontalAdvance(self.text())
        return QSize(hint.width() + max(0, extra) + 2, hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _badge_size(self) -> QSize:
        if not self.new_count:
            return QSize(0, 0)
        f = self._badge_font()
        fm = QFontMetrics(f)
        h = fm.height() + 2
        return QSize(max(h, fm.horizontalAdvance(badge_text(self.new_count)) + 10), h)

    def _badge_font(self) -> QFont:
        f = QFont(self.font())
        f.setPointSizeF(max(7.5, f.pointSizeF() - 1.5))
        f.setBold(True)
        return f

    def _reserve_badge_room(self) -> None:
        badge = self._badge_size()
        if badge.width():  # the style centres the text in what is left of the chip
            self.setStyleSheet(f"QToolButton#savedSearchChip {{ padding-right: "
                               f"{badge.width() + self.BADGE_GAP + 10}px; }}")

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        badge = self._badge_size()
        if not badge.width():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.width() - badge.width() - 8, (self.height() - badge.height()) / 2,
                      badge.width(), badge.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.accent(self.palette()))
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setFont(self._badge_font())
        painter.setPen(theme.on_accent())
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, badge_text(self.new_count))
        painter.end()


class SavedSearchBar(QWidget):
    """The saved-search chips under the search box, wrapping onto more lines when they do not fit on one
    (hidden while there are none)."""

    chosen = Signal(object)  # SavedSearch
    deleteRequested = Signal(object)  # SavedSearch
    notifyToggled = Signal(object, bool)  # SavedSearch, whether its new jobs are announced

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chips: list[SavedSearchChip] = []
        self._active_id: str | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self._label = plain_label(self.tr("Saved"), "muted")
        row.addWidget(self._label, 0, Qt.AlignmentFlag.AlignTop)
        self._holder = QWidget()
        self._chips_row = FlowLayout(self._holder, spacing=6)
        row.addWidget(self._holder, 1)
        self.setVisible(False)

    def set_searches(self, items: Sequence[tuple[SavedSearch, int]]) -> None:
        wanted = [(s.id, s.name, n) for s, n in items]
        if wanted == [(c.search.id, c.search.name, c.new_count) for c in self.chips]:
            for chip, (search, _n) in zip(self.chips, items, strict=True):
                chip.search = search  # same chips; keep the latest filters
            return
        for chip in self.chips:
            self._chips_row.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        for search, new_count in items:
            chip = SavedSearchChip(search, new_count, self._holder)
            chip.clicked.connect(lambda _checked=False, c=chip: self._clicked(c))
            chip.customContextMenuRequested.connect(lambda pos, c=chip: self._menu(c, pos))
            self._chips_row.addWidget(chip)
            self.chips.append(chip)
        self.set_active(self._active_id)
        if self.chips:  # the label centred on the first line of chips
            self._label.setMinimumHeight(self.chips[0].sizeHint().height())
        self.setVisible(bool(self.chips))

    def set_active(self, search_id: str | None) -> None:
        self._active_id = search_id
        for chip in self.chips:
            chip.setChecked(chip.search.id == search_id)

    def chip_for(self, search_id: str) -> SavedSearchChip | None:
        return next((c for c in self.chips if c.search.id == search_id), None)

    def _clicked(self, chip: SavedSearchChip) -> None:
        chip.setChecked(True)  # clicking the active chip again keeps it active
        self.chosen.emit(chip.search)

    def _menu(self, chip: SavedSearchChip, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        notify = menu.addAction(self.tr("Notify me about new jobs"))
        notify.setCheckable(True)
        notify.setChecked(chip.search.notify)
        notify.toggled.connect(lambda on: self.notifyToggled.emit(chip.search, on))
        menu.addSeparator()
        remove = menu.addAction(self.tr("Delete saved search"))
        remove.triggered.connect(lambda: self.deleteRequested.emit(chip.search))
        menu.popup(chip.mapToGlobal(pos))


def ask_search_name(parent: QWidget, suggested: str, answered: Callable[[str], None]) -> QInputDialog:
    """Ask for the name to save the current search under. Non-blocking; ``answered`` gets the name."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(translate("SavedSearchDialog", "Save search"))
    dialog.setLabelText(QCoreApplication.translate(
        "SavedSearchDialog", "Name this search. New jobs that match it are counted on its chip."))
    dialog.setTextValue(suggested)
    dialog.setOkButtonText(translate("SavedSearchDialog", "Save"))
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    field = dialog.findChild(QLineEdit)
    if field is not None:
        field.setMaxLength(SavedSearch.MAX_NAME)
    dialog.textValueSelected.connect(lambda text: answered(text.strip()) if text.strip() else None)
    dialog.open()
    return dialog
