"""The account at the bottom of the sidebar: the user's avatar, name and marketplace, opening the account
menu.

The avatar is drawn here from the user's initials: no picture is ever fetched from an address the server
sends. The name and the marketplace are elided to the button's width with "…" at the end (never in the
middle of a word), and the tooltip says them in full, as plain text.
"""

from __future__ import annotations

import hashlib
import sys
import unicodedata

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QEnterEvent,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionToolButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import theme
from desktop.ui.untrusted import clean, tooltip

AVATAR = 32
# Calm, saturated colours that carry white initials in light and dark alike.
_AVATAR_COLORS = ("#2f7d24", "#1f6feb", "#8250df", "#bf3989", "#cf5f00", "#0f7b8a", "#6e5494", "#b35900")


def standard_shortcuts(key: QKeySequence.StandardKey, desktop_default: str) -> list[QKeySequence]:
    """The platform's shortcuts for ``key``; where the platform theme names none (a Linux desktop Qt does
    not integrate with, offscreen), the GNOME/KDE one. Windows has none for Quit or Preferences (Alt+F4
    closes the window, which quits), so none is invented there."""
    bindings = QKeySequence.keyBindings(key)
    if bindings or sys.platform == "win32":
        return list(bindings)
    return [QKeySequence(desktop_default)]


def initials(name: str) -> str:
    """One or two letters for an avatar: the first letters of the first and last words ("Ada Moreau" →
    "AM"; "ada@example.com" → "A"); "?" when there is no letter at all."""
    text = clean(name).strip()
    if "@" in text and " " not in text:
        text = text.split("@", 1)[0]
    parts = text.replace(".", " ").replace("_", " ").split()
    letters = ("".join(ch for ch in part if unicodedata.category(ch)[0] in "LN") for part in parts)
    words = [w for w in letters if w]
    if not words:
        return "?"
    if len(words) == 1 or "@" in name:
        return words[0][0].upper()
    return (words[0][0] + words[-1][0]).upper()


def avatar_color(key: str) -> QColor:
    """The same person always gets the same colour (a stable hash, not Python's salted one)."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return QColor(_AVATAR_COLORS[digest[0] % len(_AVATAR_COLORS)])


def initials_avatar(name: str, size: int = AVATAR, key: str = "", device_pixel_ratio: float = 1.0) -> QPixmap:
    """A round avatar with the initials of ``name`` on a colour chosen from ``key`` (or the name)."""
    scale = max(1.0, device_pixel_ratio)
    pixmap = QPixmap(round(size * scale), round(size * scale))
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(avatar_color(key or name))
    painter.drawEllipse(QRectF(0, 0, size, size))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(8, round(size * (0.40 if len(initials(name)) > 1 else 0.46))))
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.end()
    return pixmap


class AccountButton(QToolButton):
    """Avatar, name (semi-bold) and marketplace (muted) on two lines, and a chevron; opens its menu."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountButton")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAutoRaise(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.name = ""
        self.email = ""
        self.marketplace = ""
        self._hover = False
        self._avatar: QPixmap | None = None

    def set_identity(self, name: str, email: str, marketplace: str) -> None:
        self.name, self.email, self.marketplace = clean(name), clean(email), clean(marketplace)
        self._avatar = None
        full = "\n".join(part for part in (self.name, self.email, self.marketplace) if part)
        self.setToolTip(tooltip(full))
        self.setAccessibleName(", ".join(part for part in (self.name, self.marketplace) if part))
        # QToolButton's own text is what assistive tools and tests read; painting is ours.
        self.setText(self.name)
        self.updateGeometry()
        self.update()

    def avatar(self) -> QPixmap:
        if self._avatar is None:
            self._avatar = initials_avatar(self.name or self.email, AVATAR, key=self.email or self.name,
                                           device_pixel_ratio=self.devicePixelRatioF())
        return self._avatar

    # -- geometry -------------------------------------------------------------------------------------------
    def _fonts(self) -> tuple[QFont, QFont]:
        name_font = QFont(self.font())
        name_font.setWeight(QFont.Weight.DemiBold)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        return name_font, small

    def sizeHint(self) -> QSize:
        name_font, small = self._fonts()
        height = QFontMetrics(name_font).height() + QFontMetrics(small).height() + 16
        return QSize(180, max(AVATAR + 14, height))

    def minimumSizeHint(self) -> QSize:
        return QSize(AVATAR + 40, self.sizeHint().height())

    def text_rects(self) -> tuple[QRect, QRect]:
        """Where the name and the marketplace are drawn (after the avatar, before the chevron)."""
        r = self.rect().adjusted(8, 0, -8, 0)
        name_font, small = self._fonts()
        left = r.left() + AVATAR + 10
        width = max(0, r.right() - 16 - left)
        nh, sh = QFontMetrics(name_font).height(), QFontMetrics(small).height()
        top = r.center().y() - (nh + sh) // 2 + 1
        return QRect(left, top, width, nh), QRect(left, top + nh, width, sh)

    def elided_name(self) -> str:
        name_font, _small = self._fonts()
        return QFontMetrics(name_font).elidedText(self.name, Qt.TextElideMode.ElideRight,
                                                  self.text_rects()[0].width())

    def elided_marketplace(self) -> str:
        _name, small = self._fonts()
        return QFontMetrics(small).elidedText(self.marketplace, Qt.TextElideMode.ElideRight,
                                              self.text_rects()[1].width())

    # -- painting -------------------------------------------------------------------------------------------
    def enterEvent(self, event: QEnterEvent) -> None:
        self._hover = True
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = False
        self.update()
        super().leaveEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange,
                            QEvent.Type.StyleChange):
            self._avatar = None
            self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        pal = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        opt = QStyleOptionToolButton()
        self.initStyleOption(opt)
        menu = self.menu()
        pressed = bool(opt.state & QStyle.StateFlag.State_Sunken) or (menu is not None and menu.isVisible())
        if self._hover or pressed or self.hasFocus():
            path = QPainterPath()
            path.addRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
            painter.fillPath(path, theme.accent_soft(pal) if pressed else
                             pal.color(pal.ColorRole.AlternateBase))
            if self.hasFocus():
                painter.setPen(QPen(theme.accent(pal), 1.2))
                painter.drawPath(path)
        avatar_top = (self.height() - AVATAR) // 2
        painter.drawPixmap(8, avatar_top, self.avatar())

        name_rect, market_rect = self.text_rects()
        name_font, small = self._fonts()
        painter.setFont(name_font)
        painter.setPen(pal.color(pal.ColorRole.WindowText))
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(name_rect, left, self.elided_name())
        painter.setFont(small)
        painter.setPen(theme.muted(pal))
        painter.drawText(market_rect, left, self.elided_marketplace())

        # A small chevron (up: the menu opens above the button at the bottom of the sidebar).
        cx, cy = self.width() - 16, self.height() / 2
        pen = QPen(theme.muted(pal), 1.6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        chevron = QPainterPath()
        chevron.moveTo(cx - 4, cy - 4)
        chevron.lineTo(cx, cy - 7)
        chevron.lineTo(cx + 4, cy - 4)
        chevron.moveTo(cx - 4, cy + 4)
        chevron.lineTo(cx, cy + 7)
        chevron.lineTo(cx + 4, cy + 4)
        painter.drawPath(chevron)
        painter.end()


class ProfileCard(QWidget):
    """The top of the account menu: avatar, name, e-mail and marketplace, as plain text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileCard")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 10, 16, 8)
        row.setSpacing(10)
        self.avatar = QLabel()
        self.avatar.setFixedSize(AVATAR, AVATAR)
        row.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        lines = QVBoxLayout()
        lines.setSpacing(1)
        self.name = QLabel()
        self.email = QLabel()
        self.marketplace = QLabel()
        for label in (self.name, self.email, self.marketplace):
            label.setTextFormat(Qt.TextFormat.PlainText)
            lines.addWidget(label)
        font = QFont(self.name.font())
        font.setWeight(QFont.Weight.DemiBold)
        self.name.setFont(font)
        self.email.setProperty("role", "muted")
        self.marketplace.setProperty("role", "muted")
        row.addLayout(lines, 1)

    def set_identity(self, name: str, email: str, marketplace: str, avatar: QPixmap, server_url: str) -> None:
        self.avatar.setPixmap(avatar)
        self.email.setVisible(bool(email))
        width = 300  # a menu wider than this is not easier to read
        for label, text in ((self.name, name), (self.email, email), (self.marketplace, marketplace)):
            text = clean(text)
            label.setText(QFontMetrics(label.font()).elidedText(text, Qt.TextElideMode.ElideRight, width))
            label.setToolTip(tooltip(text) if label.text() != text else "")
        # The marketplace's address, and its full name when it had to be shortened.
        where = clean(marketplace) if self.marketplace.text() != clean(marketplace) else ""
        self.marketplace.setToolTip(tooltip("\n".join(part for part in (where, server_url) if part)))
