"""Small shared widgets: chips, a flow layout, empty states, the status dot, elided labels, cards."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QMargins, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextOption,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QStylePainter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.highlight import spans
from desktop.ui import theme

if TYPE_CHECKING:  # QtCharts is loaded when a chart is first shown
    from PySide6.QtCharts import QAbstractAxis, QAbstractBarSeries, QChart
from desktop.ui.untrusted import tooltip


def set_role(label: QLabel, role: str) -> QLabel:
    """Style hook for the theme's stylesheet (``QLabel[role="muted"]`` …)."""
    label.setProperty("role", role)
    return label


def plain_label(text: str = "", role: str | None = None, wrap: bool = False) -> QLabel:
    """A label that never interprets its text as HTML (for untrusted text as well). ``wrap``: it wraps, and
    breaks even a word too long for any line (see ``WrapLabel``)."""
    label = WrapLabel(text) if wrap else QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        set_role(label, role)
    return label


LONG_WORD = 40
"""Characters from which a run without spaces (an address, a marketplace's 160-character "word") may break."""
PIECE = 12
"""Characters between the break opportunities in such a run (twelve bold 19 px characters fit any detail)."""


def breakable(text: str) -> str:
    """``text`` with a zero-width space every ``PIECE`` characters inside runs of ``LONG_WORD`` or more
    characters without a space: break opportunities, invisible, so that a wrapping label breaks such a run
    rather than widen the window. Ordinary words are left alone."""
    def split(match: re.Match[str]) -> str:
        run = match.group(0)
        return "\u200b".join(run[i:i + PIECE] for i in range(0, len(run), PIECE))

    return _LONG_RUN.sub(split, text)


_LONG_RUN = re.compile(rf"\S{{{LONG_WORD},}}")


class WrapLabel(QLabel):
    """A plain-text label that wraps, even inside a word too long for a line; ``text()`` is what was set."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._full = ""
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        super().setText(breakable(text))

    def text(self) -> str:
        return self._full


def elided(fm: QFontMetrics, text: str, width: int) -> str:
    """``text`` shortened with "…" to ``width`` pixels; whole when it fits (``elidedText`` alone cuts a text
    that fits only to within a fraction of a pixel)."""
    if fm.horizontalAdvance(text) <= width:
        return text
    return fm.elidedText(text, Qt.TextElideMode.ElideRight, width)


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
        self.setProperty("fullText", text)
        self._update()

    def fullText(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update()

    def _update(self) -> None:
        super().setText(elided(QFontMetrics(self.font()), self._full, max(10, self.contentsRect().width())))
        self.setToolTip(tooltip(self._full))


class Chip(QWidget):
    """A rounded pill with text; ``color`` tints it (status chips), default is a neutral skill chip."""

    def __init__(self, text: str, color: QColor | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self._color = color
        self.setFont(widen_chip_font(self.font()))
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)  # shrinks by eliding

    def text(self) -> str:
        return self._text

    def setColor(self, color: QColor | None) -> None:
        self._color = color
        self.update()

    def setText(self, text: str) -> None:
        self._text = text
        self.updateGeometry()
        self._update_tooltip()
        self.update()

    def sizeHint(self) -> QSize:
        fm = QFontMetrics(self.font())
        return QSize(fm.horizontalAdvance(self._text) + 20, fm.height() + 8)

    def minimumSizeHint(self) -> QSize:
        fm = QFontMetrics(self.font())
        return QSize(min(self.sizeHint().width(), fm.horizontalAdvance("…") + 40), fm.height() + 8)

    def shown_text(self) -> str:
        """The text as painted: elided with "…" (the whole text in the tooltip) when the chip is narrower."""
        return elided(QFontMetrics(self.font()), self._text, max(0, self.width() - 20))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        self.setProperty("fullText", self._text)
        self.setToolTip(tooltip(self._text) if self.width() < self.sizeHint().width() else "")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_chip(painter, QRectF(self.rect()), self.shown_text(), self.palette(), self._color)
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


class _WrappingLayout(QLayout):
    """What FlowLayout and TileLayout share: their items in a list, and a height that follows the width
    (``_do_layout(rect, apply)`` places the items, or only measures, and returns the height used)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._do_layout(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _do_layout(self, rect: QRect, apply: bool) -> int:
        raise NotImplementedError


class FlowLayout(_WrappingLayout):
    """Lays children left to right at their preferred size, wrapping lines (skill chips, filters).

    An item wider than the line gets the line's width (down to its minimum). ``set_trailing(widget)``: that
    widget (the last) sits at the right end of its line, like a "Sort" box after the filters."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6,
                 line_spacing: int | None = None) -> None:
        super().__init__(parent)
        self._spacing = spacing
        self._line_spacing = spacing if line_spacing is None else line_spacing
        self._trailing: QWidget | None = None

    def set_trailing(self, widget: QWidget | None) -> None:
        self._trailing = widget
        self.invalidate()

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

    def sizeHint(self) -> QSize:
        """Everything on one line (what the layout would like); it wraps below that width."""
        items = self._shown()
        if not items:
            return QSize(0, 0)
        width = sum(i.sizeHint().width() for i in items) + self._spacing * (len(items) - 1)
        return QSize(width, max(i.sizeHint().height() for i in items))

    def minimumSize(self) -> QSize:
        size = QSize(0, 0)
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size

    def _do_layout(self, rect: QRect, apply: bool) -> int:
        width = max(1, rect.width())
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = 0
        for item in self._shown():
            hint = item.sizeHint()
            hint = QSize(max(min(hint.width(), width), item.minimumSize().width()), hint.height())
            if lines[-1] and x + hint.width() > width:
                lines.append([])
                x = 0
            lines[-1].append((item, hint))
            x += hint.width() + self._spacing
        y = rect.y()
        for n, line in enumerate(lines):
            if not line:
                continue
            height = max(h.height() for _i, h in line)
            x = rect.x()
            for item, hint in line:
                left = x
                if self._trailing is not None and item.widget() is self._trailing:
                    left = max(x, rect.x() + width - hint.width())
                if apply:
                    item.setGeometry(QRect(QPoint(left, y + (height - hint.height()) // 2), hint))
                x = left + hint.width() + self._spacing
            y += height + (self._line_spacing if n < len(lines) - 1 else 0)
        return y - rect.y()

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


class TileLayout(_WrappingLayout):
    """Equal-width tiles in as many columns as fit (the widest tile's minimum decides), wrapping to more
    rows: five balance cards in one row on a wide window, 3 + 2 on a narrow one. Tiles keep their order."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 10) -> None:
        super().__init__(parent)
        self._gap = spacing

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def _tile_min(self) -> int:
        return max((i.minimumSize().width() for i in self._shown()), default=0)

    def sizeHint(self) -> QSize:
        items = self._shown()
        width = sum(i.sizeHint().width() for i in items) + self._gap * max(0, len(items) - 1)
        return QSize(width, max((i.sizeHint().height() for i in items), default=0))

    def minimumSize(self) -> QSize:
        return QSize(self._tile_min(), max((i.minimumSize().height() for i in self._shown()), default=0))

    def columns(self, width: int) -> int:
        """How many tiles fit side by side in ``width``."""
        tile = self._tile_min()
        columns = max(1, len(self._shown()))
        while columns > 1 and columns * tile + (columns - 1) * self._gap > width:
            columns -= 1
        return columns

    def _do_layout(self, rect: QRect, apply: bool) -> int:
        items = self._shown()
        if not items:
            return 0
        columns = self.columns(rect.width())
        tile_w = max(1, (rect.width() - (columns - 1) * self._gap) // columns)
        y = rect.y()
        for start in range(0, len(items), columns):
            row = items[start:start + columns]
            height = max(max(i.heightForWidth(tile_w) if i.hasHeightForWidth() else i.sizeHint().height(),
                             i.minimumSize().height()) for i in row)
            if apply:
                for n, item in enumerate(row):
                    item.setGeometry(QRect(rect.x() + n * (tile_w + self._gap), y, tile_w, height))
            y += height + self._gap
        return y - self._gap - rect.y()


class VerticalScrollArea(QScrollArea):
    """A page that scrolls up and down only: the content always gets the full width (no horizontal scroll
    bar), so the area asks for at least the content's minimum width."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def minimumSizeHint(self) -> QSize:
        content = self.widget()
        width = content.minimumSizeHint().width() if content is not None else 0
        return QSize(width + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth(), 60)

    def sizeHint(self) -> QSize:
        content = self.widget()
        hint = content.sizeHint() if content is not None else QSize(0, 0)
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width() + bar, self.minimumSizeHint().width()), hint.height())


class FittedTextBrowser(QTextBrowser):
    """Plain text shown whole: as tall as its text at the width it gets (inside a page that scrolls as one).
    Long words and addresses wrap anywhere rather than widen the page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._measured: tuple[int, int, int] = (-1, -1, 0)
        self.document().contentsChanged.connect(self.updateGeometry)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        revision = self.document().revision()
        if self._measured[:2] == (width, revision):
            return self._measured[2]
        doc = self.document().clone(self)
        doc.setDefaultFont(self.font())
        margins = self.contentsMargins()
        doc.setTextWidth(max(1, width - margins.left() - margins.right()))
        height = int(doc.size().height() + 0.999) + margins.top() + margins.bottom()
        doc.deleteLater()
        self._measured = (width, revision, height)
        return height

    def sizeHint(self) -> QSize:
        width = max(self.width(), 200)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(60, self.fontMetrics().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()


class ElidingComboBox(QComboBox):
    """A combo box for server text (categories): no wider than its ``maximumWidth``, the current text elided
    with "…" and shown whole in its tooltip when it does not fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.currentTextChanged.connect(lambda _t: self._update_tooltip())

    def shown_text(self) -> str:
        opt = QStyleOptionComboBox()
        super().initStyleOption(opt)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        return elided(self.fontMetrics(), self.currentText(), field.width())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        opt.currentText = self.shown_text()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        self.setProperty("fullText", self.currentText())
        cut = self.shown_text() != self.currentText()
        self.setToolTip(tooltip(self.currentText()) if cut else "")


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


def draw_marked(painter: QPainter, rect: QRectF, text: str, query: str, mark: QColor) -> list[str]:
    """One line of ``text`` in ``rect`` with the painter's font and pen, shortened with "…" to fit, the
    words ``query`` matched (as the search index matches them) on a ``mark`` background. Returns the marked
    stretches as drawn (for tests)."""
    fm = QFontMetrics(painter.font())
    shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()))
    kept = len(shown) - 1 if shown != text and shown.endswith("…") else len(shown)
    drawn: list[str] = []
    if query:
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(mark)
        for start, end in spans(text[:kept], query):
            left = rect.x() + fm.horizontalAdvance(shown[:start])
            width = fm.horizontalAdvance(shown[start:end])
            painter.drawRoundedRect(QRectF(left - 1, rect.y() + (rect.height() - fm.height()) / 2,
                                           width + 2, fm.height()), 3, 3)
            drawn.append(shown[start:end])
        painter.restore()
    painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
    return drawn


def paint_row_highlight(painter: QPainter, option: QStyleOptionViewItem) -> None:
    """A list row's rounded background when it is selected (accent) or under the mouse (alternate base)."""
    state, pal = option.state, option.palette
    if state & QStyle.StateFlag.State_Selected:
        colour = theme.accent_soft(pal)
    elif state & QStyle.StateFlag.State_MouseOver:
        colour = pal.color(QPalette.ColorRole.AlternateBase)
    else:
        return
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(QRectF(option.rect.adjusted(6, 2, -6, -2)), 8, 8)


def attach_axes(chart: QChart, series: QAbstractBarSeries, x: QAbstractAxis, y: QAbstractAxis,
                pal: QPalette) -> None:
    """Put a bar chart's category axis (``x``, bottom, no grid lines) and value axis (``y``, left) on
    ``chart`` in the theme's colours and attach ``series`` to both (QtCharts is imported by the caller, when
    the chart is first shown)."""
    grid = theme.border(pal)
    for axis in (x, y):
        axis.setLabelsColor(theme.muted(pal))
        axis.setGridLineColor(grid)
        axis.setLinePenColor(grid)
    x.setGridLineVisible(False)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
