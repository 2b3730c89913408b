"""Small shared widgets: chips, a flow layout, empty states, the status dot, elided labels, cards."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import theme
from desktop.ui.untrusted import tooltip


def set_role(label: QLabel, role: str) -> QLabel:
    """Style hook for the theme's stylesheet (``QLabel[role="muted"]`` …)."""
    label.setProperty("role", role)
    return label


def plain_label(text: str = "", role: str | None = None, wrap: bool = False) -> QLabel:
    """A label that never interprets its text as HTML (for untrusted text as well)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if role:
        set_role(label, role)
    return label


class ElidedLabel(QLabel):
    """A single-line plain-text label that elides with "…" instead of growing the layout."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = text
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(20)
        self._update()

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(tooltip(text))
        self._update()

    def fullText(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update()

    def _update(self) -> None:
        fm = QFontMetrics(self.font())
        super().setText(fm.elidedText(self._full, Qt.TextElideMode.ElideRight, max(10, self.width())))


class Chip(QWidget):
    """A rounded pill with text; ``color`` tints it (status chips), default is a neutral skill chip."""

    def __init__(self, text: str, color: QColor | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self._color = color
        self.setFont(widen_chip_font(self.font()))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setColor(self, color: QColor | None) -> None:
        self._color = color
        self.update()

    def setText(self, text: str) -> None:
        self._text = text
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        fm = QFontMetrics(self.font())
        return QSize(fm.horizontalAdvance(self._text) + 20, fm.height() + 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_chip(painter, QRectF(self.rect()), self._text, self.palette(), self._color)
        painter.end()


def paint_chip(
    painter: QPainter,
    rect: QRectF,
    text: str,
    palette: QPalette,
    color: QColor | None,
) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if color is None:
        bg = palette.color(QPalette.ColorRole.AlternateBase)
        fg = palette.color(QPalette.ColorRole.Text)
    else:
        bg = QColor(color)
        bg.setAlpha(40 if theme.is_dark(palette) else 28)
        fg = QColor(color)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(bg)
    r = rect.adjusted(0.5, 0.5, -0.5, -0.5)
    painter.drawRoundedRect(r, r.height() / 2, r.height() / 2)
    painter.setPen(fg)
    painter.drawText(r, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def chip_width(fm: QFontMetrics, text: str) -> int:
    return fm.horizontalAdvance(text) + 20


class FlowLayout(QLayout):
    """Lays children left to right, wrapping lines (for skill chips)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def clear(self) -> None:
        while self._items:
            item = self._items.pop()
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.invalidate()

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._do_layout(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _do_layout(self, rect: QRect, apply: bool) -> int:
        x, y, line_height = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line_height > 0:
                x = rect.x()
                y += line_height + self._spacing
                line_height = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()


class EmptyStack(QStackedWidget):
    """Shows ``content`` or, when empty, a centred message (``show_empty(text)``)."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self._empty = QWidget()
        lay = QVBoxLayout(self._empty)
        lay.addStretch(1)
        self.empty_title = plain_label("", "empty")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint = plain_label("", "muted", wrap=True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.empty_title)
        lay.addWidget(self.empty_hint)
        lay.addStretch(2)
        self.addWidget(content)
        self.addWidget(self._empty)

    def show_empty(self, title: str, hint: str = "") -> None:
        self.empty_title.setText(title)
        self.empty_hint.setText(hint)
        self.empty_hint.setVisible(bool(hint))
        self.setCurrentWidget(self._empty)

    def show_content(self) -> None:
        self.setCurrentWidget(self.content)

    def is_empty_shown(self) -> bool:
        return self.currentWidget() is self._empty

    def empty_text(self) -> str:
        return self.empty_title.text()


class StatusDot(QWidget):
    def __init__(self, color: QColor | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._color = color or QColor("#8c959f")
        self.setFixedSize(12, 12)

    def color(self) -> QColor:
        return self._color

    def setColor(self, color: QColor) -> None:
        self._color = color
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self._color)
        p.drawEllipse(QRectF(2, 2, 8, 8))
        p.end()


def card_frame(parent: QWidget | None = None) -> QFrame:
    frame = QFrame(parent)
    frame.setObjectName("card")
    return frame


def hline() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Plain)
    line.setStyleSheet("color: palette(mid);")
    line.setFixedHeight(1)
    return line


def widen_chip_font(base: QFont) -> QFont:
    """The slightly smaller, semi-bold font chips use."""
    f = QFont(base)
    f.setPointSizeF(max(7.0, base.pointSizeF() - 1))
    f.setWeight(QFont.Weight.DemiBold)
    return f
