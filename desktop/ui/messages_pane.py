"""The Messages pane: conversations on the left, the open thread as chat bubbles, a composer.

Message bodies are untrusted plain text and are only ever painted with ``drawText`` (no HTML).
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import logging
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
    QShortcut,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.clock import utcnow
from desktop.core.errors import InputRejected, StorageError
from desktop.core.models import Attachment, DeliveryState, Message, Room
from desktop.core.notices import Code, Notice
from desktop.presenters.messages import MessagesPresenter, MessagesSnapshot
from desktop.services.attachments import safe_name
from desktop.services.chat import MAX_BODY
from desktop.ui import format as fmt
from desktop.ui import theme
from desktop.ui.attachments import (
    CARD_WIDTH,
    OPEN,
    SAVE,
    CardArt,
    CardButtons,
    PendingFiles,
    Thumbnails,
    data_size,
    paint_cards,
)
from desktop.ui.message_search import FoundDelegate, FoundModel
from desktop.ui.notices import error_text, notice_text
from desktop.ui.protocols import Bus, ChatActions, Database
from desktop.ui.resources import icon
from desktop.ui.tasks import TaskRunner
from desktop.ui.untrusted import clean, tooltip
from desktop.ui.widgets import ElidedLabel, EmptyStack, paint_row_highlight, plain_label, set_role

# A bare name lupdate recognises, like QCoreApplication.translate: translate("context", "text").
translate = QCoreApplication.translate

Index = QModelIndex | QPersistentModelIndex
LIMIT_WARNING = 0.9  # show the count from 90 % of the limit on
log = logging.getLogger("atelier.ui.messages")
SEARCH_DEBOUNCE_MS = 150
DRAFT_SAVE_DELAY_MS = 400  # a draft is written this long after the last keystroke
GROUP_GAP_SECONDS = 15 * 60


def initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:2].upper()
    return (parts[0][0] + parts[-1][0]).upper()


def avatar_color(name: str) -> QColor:
    hues = [150, 200, 265, 20, 330, 100, 180, 40]
    h = hues[hashlib.sha1(name.encode()).digest()[0] % len(hues)]
    return QColor.fromHsl(h, 110, 120)


def paint_avatar(painter: QPainter, rect: QRectF, name: str, font: QFont) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(avatar_color(name))
    painter.drawEllipse(rect)
    f = QFont(font)
    f.setBold(True)
    f.setPointSizeF(max(7.0, font.pointSizeF() - 1))
    painter.setFont(f)
    painter.setPen(QColor("white"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.restore()


# -- rooms ---------------------------------------------------------------------------------------------------


class RoomsModel(QAbstractListModel):
    RoomRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rooms: list[Room] = []

    def set_rooms(self, rooms: list[Room]) -> None:
        self.beginResetModel()
        self._rooms = list(rooms)
        self.endResetModel()

    def room(self, row: int) -> Room | None:
        return self._rooms[row] if 0 <= row < len(self._rooms) else None

    def row_of(self, room_id: str) -> int:
        return next((i for i, r in enumerate(self._rooms) if r.id == room_id), -1)

    def total_unread(self) -> int:
        return sum(r.unread_count for r in self._rooms)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rooms)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        room = self.room(index.row()) if index.isValid() else None
        if room is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return room.counterpart_name
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{room.counterpart_name} — {room.title}")
        if role == self.RoomRole:
            return room
        return None


class RoomDelegate(QStyledItemDelegate):
    PAD = 12
    AVATAR = 38

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(200, max(self.AVATAR, fm.height() * 3 + 4) + self.PAD * 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        room = index.data(RoomsModel.RoomRole)
        if not isinstance(room, Room):
            return
        pal: QPalette = option.palette
        rect: QRect = option.rect
        font: QFont = option.font
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_row_highlight(painter, option)

        unread = room.unread_count > 0
        x = rect.left() + self.PAD + 4
        top = rect.top() + self.PAD
        paint_avatar(painter, QRectF(x, top + 2, self.AVATAR, self.AVATAR), room.counterpart_name, font)
        x += self.AVATAR + 12
        right = rect.right() - self.PAD - 4
        width = right - x

        bold = QFont(font)
        bold.setBold(True)
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() - 0.5)
        fm, bfm, sfm = QFontMetrics(font), QFontMetrics(bold), QFontMetrics(small)

        when = fmt.chat_time(room.last_message_at) if room.last_message_at else ""
        painter.setFont(small)
        painter.setPen(theme.accent(pal) if unread else theme.muted(pal))
        when_w = sfm.horizontalAdvance(when)
        painter.drawText(
            QRectF(right - when_w, top, when_w, bfm.height()), Qt.AlignmentFlag.AlignVCenter, when
        )

        painter.setFont(bold)
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        name_w = int(width - when_w - 8)
        painter.drawText(
            QRectF(x, top, name_w, bfm.height()),
            Qt.AlignmentFlag.AlignVCenter,
            bfm.elidedText(room.counterpart_name, Qt.TextElideMode.ElideRight, name_w),
        )
        y = top + bfm.height() + 1
        painter.setFont(small)
        painter.setPen(theme.muted(pal))
        painter.drawText(
            QRectF(x, y, width, sfm.height()),
            Qt.AlignmentFlag.AlignVCenter,
            sfm.elidedText(room.title, Qt.TextElideMode.ElideRight, int(width)),
        )
        y += sfm.height() + 2

        badge_w = 0
        if unread:
            text = str(room.unread_count) if room.unread_count < 100 else "99+"
            bf = QFont(small)
            bf.setBold(True)
            bw = max(QFontMetrics(bf).horizontalAdvance(text) + 12, fm.height())
            badge = QRectF(right - bw, y + (fm.height() - (fm.height() - 1)) / 2, bw, fm.height() - 1)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.accent(pal))
            painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.setFont(bf)
            painter.setPen(theme.on_accent())
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
            badge_w = int(bw) + 8
        preview = " ".join(room.last_message_preview.split()) or self.tr("No messages yet")
        painter.setFont(bold if unread else font)
        painter.setPen(pal.color(QPalette.ColorRole.Text) if unread else theme.muted(pal))
        pw = int(width - badge_w)
        use_fm = bfm if unread else fm
        painter.drawText(
            QRectF(x, y, pw, fm.height()),
            Qt.AlignmentFlag.AlignVCenter,
            use_fm.elidedText(preview, Qt.TextElideMode.ElideRight, pw),
        )
        painter.restore()


# -- thread --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ThreadRow:
    message: Message
    mine: bool
    day_break: bool
    header: bool
    show_state: bool
    focused: bool = False
    """The message opened from the search (drawn with a ring)."""


def layout_rows(messages: list[Message], my_user_id: str) -> list[ThreadRow]:
    rows: list[ThreadRow] = []
    last_mine_index = max((i for i, m in enumerate(messages) if m.sender_id == my_user_id), default=-1)
    prev: Message | None = None
    for i, m in enumerate(messages):
        mine = m.sender_id == my_user_id
        day_break = prev is None or prev.created_at.astimezone().date() != m.created_at.astimezone().date()
        header = (
            day_break
            or prev is None
            or prev.sender_id != m.sender_id
            or (m.created_at - prev.created_at).total_seconds() > GROUP_GAP_SECONDS
        )
        show_state = mine and (m.state is not DeliveryState.SENT or i == last_mine_index)
        rows.append(ThreadRow(m, mine, day_break, header, show_state))
        prev = m
    return rows


class ThreadModel(QAbstractListModel):
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, my_user_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.my_user_id = my_user_id
        self.focus_id: str | None = None
        self._messages: list[Message] = []
        self._rows: list[ThreadRow] = []

    def set_messages(self, messages: list[Message]) -> None:
        self.beginResetModel()
        self._messages = list(messages)
        self._rows = [dataclasses.replace(r, focused=True) if r.message.id == self.focus_id else r
                      for r in layout_rows(self._messages, self.my_user_id)]
        self.endResetModel()

    def append_provisional(self, message: Message) -> None:
        self.set_messages([*self._messages, message])

    def messages(self) -> list[Message]:
        return list(self._messages)

    def message_count(self) -> int:
        return len(self._messages)

    def row(self, i: int) -> ThreadRow | None:
        return self._rows[i] if 0 <= i < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.message.body
        if role == self.RowRole:
            return row
        return None


def card_hit(buttons: list[CardButtons], at: QPointF) -> tuple[Attachment, str] | None:
    """Which card button is at ``at`` (view coordinates), if any."""
    for card in buttons:
        if card.open.contains(at):
            return card.attachment, OPEN
        if card.save.contains(at):
            return card.attachment, SAVE
    return None


def state_text(state: DeliveryState) -> str:
    return {
        DeliveryState.SENDING: translate("format", "Sending…"),
        DeliveryState.SENT: translate("format", "Sent"),
        DeliveryState.FAILED: translate("format", "Failed — will retry"),
    }[state]


class MessageDelegate(QStyledItemDelegate):
    """Chat bubbles: mine right-aligned in the accent colour, theirs left; sender and time over a group."""

    SIDE = 20
    PAD_X = 12
    PAD_Y = 8
    RADIUS = 14

    CARD_TOP = 6

    def __init__(self, view: QListView, art: CardArt | None = None,
                 on_card: Callable[[Attachment, str], None] | None = None) -> None:
        super().__init__(view)
        self._view = view
        self.art = art or CardArt()
        self.on_card = on_card
        self._buttons: dict[str, list[CardButtons]] = {}  # by message id: where its cards' buttons are

    def _has_bubble(self, m: Message) -> bool:
        return bool(m.body) or not m.attachments

    def _cards_height(self, m: Message) -> int:
        return self.CARD_TOP + self.art.cards_height(m.attachments) if m.attachments else 0

    def editorEvent(self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem,
                    index: Index) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            row = index.data(ThreadModel.RowRole)
            if isinstance(row, ThreadRow):
                hit = card_hit(self._buttons.get(row.message.id, []), QPointF(event.position()))
                if hit is not None and self.on_card is not None:
                    self.on_card(*hit)
                    return True
        return super().editorEvent(event, model, option, index)

    def _fonts(self, base: QFont) -> tuple[QFont, QFont]:
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() - 1)
        return base, small

    def _max_bubble(self) -> int:
        w = self._view.viewport().width()
        return max(160, min(int(w * 0.68), 620))

    def _text_rect(self, body: str, font: QFont) -> QRect:
        fm = QFontMetrics(font)
        return fm.boundingRect(
            QRect(0, 0, self._max_bubble() - 2 * self.PAD_X, 100000),
            int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft),
            body,
        )

    def _parts(self, row: ThreadRow, font: QFont) -> tuple[int, int, int, int]:
        _body_f, small_f = self._fonts(font)
        sh = QFontMetrics(small_f).height()
        day = sh + 18 if row.day_break else 0
        header = sh + 4 if row.header else 0
        top_gap = 8 if row.header else 2
        return day, header, top_gap, sh

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        row = index.data(ThreadModel.RowRole)
        if not isinstance(row, ThreadRow):
            return QSize(0, 0)
        font: QFont = option.font
        day, header, top_gap, sh = self._parts(row, font)
        text = self._text_rect(row.message.body or " ", font)
        state = sh + 2 if row.show_state else 0
        bubble = text.height() + 2 * self.PAD_Y if self._has_bubble(row.message) else 0
        return QSize(
            self._view.viewport().width(),
            day + top_gap + header + bubble + self._cards_height(row.message) + state,
        )

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(ThreadModel.RowRole)
        if not isinstance(row, ThreadRow):
            return
        pal: QPalette = option.palette
        rect: QRect = option.rect
        font: QFont = option.font
        body_f, small_f = self._fonts(font)
        sfm = QFontMetrics(small_f)
        day, header, top_gap, sh = self._parts(row, font)
        m = row.message
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        y = rect.top()
        if row.day_break:
            label = self._day_label(m)
            painter.setFont(small_f)
            painter.setPen(theme.muted(pal))
            lw = sfm.horizontalAdvance(label) + 24
            mid = rect.center().x()
            line_y = y + 9 + sh / 2
            painter.setPen(theme.border(pal))
            painter.drawLine(int(rect.left() + self.SIDE), int(line_y), int(mid - lw / 2), int(line_y))
            painter.drawLine(int(mid + lw / 2), int(line_y), int(rect.right() - self.SIDE), int(line_y))
            painter.setPen(theme.muted(pal))
            painter.drawText(QRectF(mid - lw / 2, y + 9, lw, sh), Qt.AlignmentFlag.AlignCenter, label)
            y += day
        y += top_gap
        text = self._text_rect(m.body or " ", body_f)
        bw = text.width() + 2 * self.PAD_X
        bh = text.height() + 2 * self.PAD_Y
        bx = rect.right() - self.SIDE - bw if row.mine else rect.left() + self.SIDE
        if row.header:
            painter.setFont(small_f)
            painter.setPen(theme.muted(pal))
            who = self.tr("You") if row.mine else m.sender_name
            line = f"{who} · {fmt.clock(m.created_at)}"
            align = Qt.AlignmentFlag.AlignRight if row.mine else Qt.AlignmentFlag.AlignLeft
            hx = rect.left() + self.SIDE
            painter.drawText(
                QRectF(hx, y, rect.width() - 2 * self.SIDE, sh),
                align | Qt.AlignmentFlag.AlignVCenter,
                sfm.elidedText(line, Qt.TextElideMode.ElideRight, rect.width() - 2 * self.SIDE),
            )
            y += header
        if not self._has_bubble(m):
            bh = 0
        bubble = QRectF(bx, y, bw, bh)
        if row.mine:
            fill = theme.bubble_mine(pal)
            if m.state is DeliveryState.SENDING:
                fill.setAlpha(190)
            fg = theme.on_accent()
        else:
            fill = theme.bubble_theirs(pal)
            fg = pal.color(QPalette.ColorRole.Text)
        if bh:
            painter.setPen(QPen(theme.accent(pal), 2.5) if row.focused else Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(bubble, self.RADIUS, self.RADIUS)
            painter.setFont(body_f)
            painter.setPen(fg)
            painter.drawText(
                bubble.adjusted(self.PAD_X, self.PAD_Y, -self.PAD_X, -self.PAD_Y),
                int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft),
                m.body,
            )
        y += bh
        if m.attachments:  # the files, under the bubble on the same side
            cx = rect.right() - self.SIDE - CARD_WIDTH if row.mine else rect.left() + self.SIDE
            self._buttons[m.id] = paint_cards(painter, pal, body_f, cx, y + self.CARD_TOP, m.attachments,
                                              self.art)
            y += self._cards_height(m)
        if row.show_state:
            painter.setFont(small_f)
            failed = m.state is DeliveryState.FAILED
            painter.setPen(theme.danger(pal) if failed else theme.muted(pal))
            painter.drawText(
                QRectF(rect.left() + self.SIDE, y + 2, rect.width() - 2 * self.SIDE, sh),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                state_text(m.state),
            )
        painter.restore()

    def _day_label(self, m: Message) -> str:
        local = m.created_at.astimezone().date()
        today = utcnow().astimezone().date()
        if local == today:
            return self.tr("Today")
        if (today - local).days == 1:
            return self.tr("Yesterday")
        return fmt.full_date(m.created_at)


class ThreadView(QListView):
    """The conversation. Its bubbles wrap to the width, so a resize changes every height below the top: it
    keeps the reading position instead of the pixel offset. At the bottom it stays at the bottom; otherwise
    the message at the middle of the view stays at the middle (at the same point of its text)."""

    BOTTOM_SLACK = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Laid out here, at once, on every resize (Adjust would do it 100 ms later, after the anchor is lost).
        self.setResizeMode(QListView.ResizeMode.Fixed)

    def at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - self.BOTTOM_SLACK

    def resizeEvent(self, event: QResizeEvent) -> None:
        model = self.model()
        shown = model is not None and model.rowCount() > 0 and event.oldSize().height() > 0
        bottom = shown and self.at_bottom()
        anchor = self._reading_position(event.oldSize().height()) if shown and not bottom else None
        super().resizeEvent(event)
        if not shown:
            return
        self.doItemsLayout()
        if bottom:
            self.scrollToBottom()
        elif anchor is not None and anchor[0].isValid():
            index, within, at = anchor
            rect = self.visualRect(self.model().index(index.row(), 0))
            now = rect.top() + within * rect.height()
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + round(now - at * self.viewport().height()))

    def _reading_position(self, old_height: int) -> tuple[QPersistentModelIndex, float, float] | None:
        """The message at the middle of the view, how far into it, and where in the view that point is."""
        middle = old_height // 2
        index = self.indexAt(QPoint(self.viewport().width() // 2, middle))
        if not index.isValid():
            return None
        rect = self.visualRect(index)
        within = (middle - rect.top()) / max(1, rect.height())
        return QPersistentModelIndex(index), within, middle / old_height


def dropped_files(mime: QMimeData) -> list[Path]:
    """The local files in a drag (links to web pages and text are not files)."""
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []


class ComposerEdit(QPlainTextEdit):
    """Enter sends, Shift+Enter adds a newline. Files dropped here are attached, not pasted as text."""

    submitted = Signal()
    filesDropped = Signal(list)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return bool(dropped_files(source)) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = dropped_files(source)
        if files:
            self.filesDropped.emit(files)
            return
        super().insertFromMimeData(source)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class MessagesPane(QWidget):
    unreadChanged = Signal(int)
    roomOpened = Signal(str)
    """A conversation was opened (its room id)."""

    def __init__(
        self,
        db: Database,
        bus: Bus,
        chat: ChatActions,
        my_user_id: str,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.my_user_id = my_user_id
        self.runner = runner or TaskRunner(self)
        # The conversations, the open one, its thread and draft live in the presenter; the widget shows its
        # snapshots, keeps the scroll positions, and hands it what the user does.
        self.presenter = MessagesPresenter(db, bus, chat)
        self._shown = self.presenter.snapshot
        self._follow_send: str | None = None  # the room of a send whose echo should be scrolled to
        self._older_from_bottom: int | None = None  # where the view was when older messages were asked for

        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setHandleWidth(1)
        root.addWidget(self.splitter)

        left = QWidget()
        left.setObjectName("paneHeader")
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 16, 0, 0)
        ll.setSpacing(8)
        title = set_role(QLabel(self.tr("Messages")), "h1")
        title.setContentsMargins(20, 0, 0, 0)
        ll.addWidget(title)
        self.rooms_model = RoomsModel(self)
        self.rooms = QListView()
        self.rooms.setModel(self.rooms_model)
        self.rooms.setItemDelegate(RoomDelegate(self.rooms))
        self.rooms.setUniformItemSizes(True)
        self.rooms.setMouseTracking(True)
        self.rooms.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows elide instead
        self.rooms_stack = EmptyStack(self.rooms)
        # Search across every conversation: while it holds words, the results replace the conversations.
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search all conversations"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumHeight(32)
        search_row = QHBoxLayout()
        search_row.setContentsMargins(12, 0, 12, 0)
        search_row.addWidget(self.search)
        ll.addLayout(search_row)
        self.found_model = FoundModel(self)
        self.found = QListView()
        self.found.setModel(self.found_model)
        self.found.setItemDelegate(FoundDelegate(self.found))
        self.found.setMouseTracking(True)
        self.found.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.found_stack = EmptyStack(self.found)
        self.left_stack = QStackedWidget()
        self.left_stack.addWidget(self.rooms_stack)
        self.left_stack.addWidget(self.found_stack)
        ll.addWidget(self.left_stack, 1)
        self.splitter.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(0)
        head = QWidget()
        head.setObjectName("detail")
        head.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        hl = QVBoxLayout(head)
        hl.setContentsMargins(20, 14, 20, 12)
        hl.setSpacing(2)
        self.room_name = ElidedLabel("")
        set_role(self.room_name, "h2")
        self.room_title = ElidedLabel("")
        set_role(self.room_title, "muted")
        hl.addWidget(self.room_name)
        hl.addWidget(self.room_title)
        rl.addWidget(head)

        self.thread_model = ThreadModel(my_user_id, self)
        self.thread_view = ThreadView()
        self.thread_view.setModel(self.thread_model)
        # Files: their cards under the bubbles, thumbnails made off the UI thread, transfers as they go.
        self.art = CardArt()
        self.thread_view.setItemDelegate(MessageDelegate(self.thread_view, self.art, self._card_action))
        self.thumbnails = Thumbnails(self.art, self.runner, self.presenter.fetch, self)
        self.thumbnails.ready.connect(self._thumbnails_ready)
        self.thread_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.thread_view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.thread_view.verticalScrollBar().setSingleStep(20)
        self.thread_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.thread_view.setObjectName("thread")
        # Scrolling to the top of a long thread reads the next older page from the cache.
        self.thread_view.verticalScrollBar().valueChanged.connect(self._maybe_load_older)
        self.thread_stack = EmptyStack(self.thread_view)
        rl.addWidget(self.thread_stack, 1)

        composer = QWidget()
        composer.setObjectName("detail")
        composer.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(composer)
        outer.setContentsMargins(16, 10, 16, 12)
        outer.setSpacing(6)
        files_row = QHBoxLayout()
        files_row.setSpacing(8)
        self.pending_files = PendingFiles()
        files_row.addWidget(self.pending_files, 1)
        self.files_note = plain_label("", "muted")  # the limit, stated before anything is sent
        self.files_note.hide()
        files_row.addWidget(self.files_note, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(files_row)
        cl = QHBoxLayout()
        cl.setSpacing(8)
        outer.addLayout(cl)
        self.attach_button = QToolButton()
        self.attach_button.setIcon(icon("paperclip"))
        self.attach_button.setIconSize(QSize(20, 20))
        self.attach_button.setAutoRaise(True)
        self.attach_button.setMinimumSize(36, 36)
        self.attach_button.setText(self.tr("Attach"))
        self.attach_button.setAccessibleName(self.tr("Attach files"))
        self.attach_button.clicked.connect(self._choose_files)
        cl.addWidget(self.attach_button, 0, Qt.AlignmentFlag.AlignBottom)
        composer.setAcceptDrops(True)
        composer.installEventFilter(self)
        self.composer = ComposerEdit()
        self.composer.setPlaceholderText(
            self.tr("Write a message…  (Enter to send, Shift+Enter for a new line)")
        )
        self.composer.setFixedHeight(64)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setObjectName("primary")
        self.send_button.setMinimumHeight(36)
        cl.addWidget(self.composer, 1)
        self.limit_label = plain_label("", "muted")
        self.limit_label.hide()
        cl.addWidget(self.limit_label, 0, Qt.AlignmentFlag.AlignBottom)
        cl.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.error_label = plain_label("", "error", wrap=True)
        self.error_label.hide()
        self.composer_box = composer
        composer.hide()  # there is nothing to write into before a conversation is open
        rl.addWidget(composer)
        rl.addWidget(self.error_label)
        self.splitter.addWidget(right)
        self.splitter.setSizes([320, 700])
        self.splitter.setStretchFactor(1, 1)

        self.rooms.selectionModel().currentChanged.connect(self._on_room_changed)
        self.composer.submitted.connect(self.send_current)
        self.composer.filesDropped.connect(self._files_dropped)
        self.composer.textChanged.connect(self._show_length)
        # What the user writes is kept per room, a moment after they stop typing (and at once when they
        # leave the room or the window closes): across room switches and restarts.
        self._draft_room: str | None = None
        self._saving: dict[str, str] = {}  # room → draft written but not yet in the cache
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_SAVE_DELAY_MS)
        self._draft_timer.timeout.connect(self._save_draft)
        self.composer.textChanged.connect(self._draft_changed)
        self.send_button.clicked.connect(self.send_current)
        self.pending_files.changed.connect(self._files_changed)
        self._explain_files()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(lambda: self.presenter.search(self.search.text()))
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._open_first_found)
        self.found.clicked.connect(self._open_found)
        self.found.activated.connect(self._open_found)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.search.clear,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self._set_room_enabled(False)
        self.thread_stack.show_empty(self.tr("Select a conversation"), "")
        self.presenter.listen(self._render)
        self.presenter.start()

    @property
    def room_id(self) -> str | None:
        """The conversation open (None: none yet)."""
        return self.presenter.snapshot.room_id

    def set_my_user_id(self, my_user_id: str) -> None:
        """The signed-in freelancer's id (known once the profile has synced): decides which side is "mine"."""
        self.my_user_id = my_user_id
        self.thread_model.my_user_id = my_user_id
        self.thread_model.set_messages(list(self.presenter.snapshot.thread))

    # -- the presenter's snapshots ---------------------------------------------------------------------------
    def _render(self, snap: MessagesSnapshot) -> None:
        before, self._shown = self._shown, snap
        if snap.rooms != before.rooms or snap.room_id != before.room_id \
                or snap.rooms_loaded != before.rooms_loaded:
            self._show_rooms(snap)
        if snap.room_id != before.room_id or snap.room != before.room:
            self._show_room_header(snap, opened=snap.room_id != before.room_id)
        if snap.draft_room is not None and snap.draft_room != before.draft_room \
                and snap.draft_room == snap.room_id:
            self._restore_draft(snap.draft_room, snap.draft)
        if (snap.thread is not before.thread or snap.thread_room != before.thread_room
                or snap.focus != before.focus) and snap.thread_room == snap.room_id:
            self._show_thread(snap, new_room=snap.thread_room != before.thread_room,
                              new_focus=snap.focus != before.focus)
        if (snap.found, snap.query, snap.found_query) != (before.found, before.query, before.found_query):
            self._show_found(snap)
        if snap.transfers != before.transfers:
            self.art.transfers = snap.transfers
            self.thread_view.viewport().update()

    # -- search across the conversations ---------------------------------------------------------------------
    def _show_found(self, snap: MessagesSnapshot) -> None:
        self.left_stack.setCurrentWidget(self.found_stack if snap.query else self.rooms_stack)
        if not snap.query:
            return
        self.found_model.set_found(snap.found_query, snap.found)
        if snap.found or snap.found_query != snap.query:
            self.found_stack.show_content()
        else:
            self.found_stack.show_empty(self.tr("No messages match"),
                                        self.tr("Try other words, or fewer of them."))

    def search_messages(self, text: str) -> None:
        """Search every conversation for ``text`` at once (the palette, tests)."""
        self.search.setText(text)
        self._search_timer.stop()
        self.presenter.search(text)

    def _open_first_found(self) -> None:
        self._search_timer.stop()
        self.presenter.search(self.search.text())
        rows = self.found_model.message_rows()
        if rows and self.presenter.snapshot.found_query == self.presenter.snapshot.query:
            self.found.setCurrentIndex(self.found_model.index(rows[0]))
            self._open_found(self.found_model.index(rows[0]))

    def _open_found(self, index: QModelIndex) -> None:
        row = self.found_model.row(index.row())
        if row is None or row.message is None:
            return
        self._open(row.room.id, message_id=row.message.id)

    def _show_rooms(self, snap: MessagesSnapshot) -> None:
        self.rooms.selectionModel().blockSignals(True)
        self.rooms_model.set_rooms(list(snap.rooms))
        if snap.room_id is not None and (row := self.rooms_model.row_of(snap.room_id)) >= 0:
            self.rooms.setCurrentIndex(self.rooms_model.index(row))
        self.rooms.selectionModel().blockSignals(False)
        if snap.rooms:
            self.rooms_stack.show_content()
        else:
            self.rooms_stack.show_empty(
                self.tr("No messages yet"), self.tr("Conversations with clients appear here.")
            )
        self.presenter.set_in_front(self.isVisible() and self.window().isActiveWindow())
        self.unreadChanged.emit(snap.total_unread)

    def _show_room_header(self, snap: MessagesSnapshot, opened: bool) -> None:
        room = snap.room
        self.room_name.setText(room.counterpart_name if room else "")
        self.room_title.setText(room.title if room else "")
        if opened:
            self._set_room_enabled(snap.room_id is not None)
            self.error_label.hide()

    def reload_rooms(self) -> None:
        self.presenter.reload_rooms()

    def total_unread(self) -> int:
        return self.presenter.snapshot.total_unread

    def open_room(self, room_id: str) -> None:
        row = self.rooms_model.row_of(room_id)
        if row >= 0:
            self.rooms.setCurrentIndex(self.rooms_model.index(row))  # -> _on_room_changed
        else:
            self._open(room_id)  # not listed yet (the rooms are being read): they select it once they are

    def _on_room_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        room = self.rooms_model.room(current.row())
        if room is not None:
            self._open(room.id)

    def _open(self, room_id: str, message_id: str | None = None) -> None:
        if room_id != self.room_id:
            self._save_draft()  # what was being written in the room the user leaves
            self._draft_room = None  # clearing the composer is not typing
            self.composer.clear()
            self._draft_room = room_id  # what is typed from now on is this room's draft
        elif message_id is None:
            return
        if message_id is not None:
            self.presenter.open_message(message_id)
        else:
            self.presenter.open(room_id)
        self.roomOpened.emit(room_id)

    # -- drafts ----------------------------------------------------------------------------------------------
    def _draft_changed(self) -> None:
        if self._draft_room is not None:
            self._draft_timer.start()

    def _save_draft(self) -> None:
        """Keep the composer's text as its room's draft (now; the timer called it, or the room changes)."""
        self._draft_timer.stop()
        room_id = self._draft_room
        if room_id is None:
            return
        body = self._saving[room_id] = self.composer.toPlainText()

        def saved(_result: None) -> None:
            if self._saving.get(room_id) == body:
                del self._saving[room_id]

        self.runner.run(f"chat:draft:{room_id}", self.presenter.save_draft(room_id, body), on_done=saved)

    def _restore_draft(self, room_id: str, cached: str) -> None:
        if self.composer.toPlainText():
            return  # the user started typing before the cache answered: their words stand
        self._draft_room = None  # filling the composer is not typing
        # a draft still on its way to the cache is the newest one
        body = self._saving.get(room_id, cached)
        self.composer.setPlainText(body)
        self.composer.moveCursor(QTextCursor.MoveOperation.End)
        self._draft_room = room_id

    def _set_room_enabled(self, enabled: bool) -> None:
        self.composer.setEnabled(enabled)
        self.send_button.setEnabled(enabled)
        self.composer_box.setVisible(enabled)

    def _show_length(self) -> None:
        """Near the marketplace's limit, how much room is left (and a refusal past it)."""
        n = len(self.composer.toPlainText().strip())
        near = n >= MAX_BODY * LIMIT_WARNING
        self.limit_label.setVisible(near)
        if near:
            self.limit_label.setText(f"{fmt.number(n)} / {fmt.number(MAX_BODY)}")
            set_role(self.limit_label, "error" if n > MAX_BODY else "muted")
            self.limit_label.style().unpolish(self.limit_label)  # the role changed: restyle
            self.limit_label.style().polish(self.limit_label)

    # -- thread ----------------------------------------------------------------------------------------------
    def _at_bottom(self) -> bool:
        return self.thread_view.at_bottom()

    def _show_thread(self, snap: MessagesSnapshot, new_room: bool, new_focus: bool = False) -> None:
        following = self._follow_send == snap.room_id
        self._follow_send = None
        from_bottom, self._older_from_bottom = self._older_from_bottom, None
        bar = self.thread_view.verticalScrollBar()
        focus_row = -1
        if snap.focus is not None and (new_focus or new_room):
            focus_row = next((i for i, m in enumerate(snap.thread) if m.id == snap.focus), -1)
        keep_bottom = focus_row < 0 and (new_room or following or (from_bottom is None and self._at_bottom()))
        old = bar.value()
        self.thread_model.focus_id = snap.focus
        for message in snap.thread:
            if message.attachments:
                self.thumbnails.want(message.attachments)
        self.thread_model.set_messages(list(snap.thread))
        if self.thread_model.rowCount() == 0:
            self.thread_stack.show_empty(
                self.tr("No messages yet"), self.tr("Say hello — your message is sent when you're online.")
            )
        else:
            self.thread_stack.show_content()
        if focus_row >= 0:  # a message opened from the search: in the middle of the view
            self.thread_view.doItemsLayout()
            self.thread_view.scrollTo(self.thread_model.index(focus_row),
                                      QAbstractItemView.ScrollHint.PositionAtCenter)
        elif keep_bottom:
            self.scroll_to_bottom()
        elif from_bottom is not None:  # older messages above: the ones on screen stay where they were
            self.thread_view.doItemsLayout()
            bar.setValue(bar.maximum() - from_bottom)
        else:
            bar.setValue(old)

    def _maybe_load_older(self, value: int) -> None:
        """At the top of a thread that filled its page: show a page more, keeping the view in place."""
        bar = self.thread_view.verticalScrollBar()
        snap = self.presenter.snapshot
        if value != bar.minimum() or bar.maximum() == 0 or not snap.has_older:
            return
        if self._older_from_bottom is None:
            self._older_from_bottom = bar.maximum() - value
            self.presenter.older()

    def scroll_to_bottom(self) -> None:
        self.thread_view.doItemsLayout()
        self.thread_view.scrollToBottom()

    # -- files -----------------------------------------------------------------------------------------------
    def _explain_files(self) -> None:
        """The Attach button says what may be sent before anything is: the size limit, or that this
        marketplace takes no files from here."""
        files = self.presenter.files
        if files.can_send:
            limit = data_size(files.max_bytes)
            self.attach_button.setEnabled(True)
            self.attach_button.setToolTip(self.tr("Attach files (up to %1 each)").replace("%1", limit))
            self.files_note.setText(self.tr("Up to %1 per file").replace("%1", limit))
        else:
            self.attach_button.setEnabled(False)
            notice = Notice(Code.ATTACHMENTS_NOT_SUPPORTED, (self._marketplace_name(),))
            self.attach_button.setToolTip(notice_text(notice))

    def _marketplace_name(self) -> str:
        return self.presenter.files.marketplace_name

    def _choose_files(self) -> None:
        paths = self.choose_files()
        if paths:
            self.add_files(paths)

    def choose_files(self) -> list[Path]:
        """Ask which files to attach (tests replace this)."""
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("Attach files"), str(Path.home()))
        return [Path(name) for name in names]

    def add_files(self, paths: list[Path]) -> None:
        """Attach files to the message being written: each is checked at once (there, not too big, a kind
        the marketplace takes) and shown as a chip, or the reason it cannot be is said."""
        problems: list[str] = []
        for path in paths:
            try:
                checked = self.presenter.files.check(path)
            except InputRejected as exc:
                problems.append(notice_text(exc.notice))
                continue
            self.pending_files.add(checked.path, checked.name, checked.size)
        if problems:
            self.error_label.setText("\n".join(problems))
            self.error_label.show()
        else:
            self.error_label.hide()

    def _files_changed(self) -> None:
        self.files_note.setVisible(bool(self.pending_files.files()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Files dragged onto the composer are attached."""
        box = getattr(self, "composer_box", None)  # events come while the pane is still being built
        if box is None:
            return super().eventFilter(watched, event)
        if watched is box and isinstance(event, QDragEnterEvent | QDragMoveEvent):
            if dropped_files(event.mimeData()) and self.presenter.files.can_send:
                event.acceptProposedAction()
                return True
        elif watched is box and isinstance(event, QDropEvent):
            files = dropped_files(event.mimeData())
            if files:
                event.acceptProposedAction()
                self._files_dropped(files)
                return True
        return super().eventFilter(watched, event)

    def _files_dropped(self, files: list[Path]) -> None:
        if self.presenter.files.can_send:
            self.add_files(files)

    def _card_action(self, attachment: Attachment, action: str) -> None:
        if action == OPEN:
            if not attachment.opens_without_asking and not self.confirm_open(attachment):
                return
            self._fetch_then(attachment, self.open_file)
        elif action == SAVE:
            target = self.ask_save_path(attachment)
            if target is not None:
                self._fetch_then(attachment, lambda path: self._save_copy(path, target))

    def _fetch_then(self, attachment: Attachment, then: Callable[[Path], None]) -> None:
        def failed(exc: BaseException) -> None:
            text = self.tr("Could not get %1: %2").replace("%1", clean(attachment.name))
            self.error_label.setText(text.replace("%2", error_text(exc)))
            self.error_label.show()

        self.runner.run(f"attachment:{attachment.id}:{uuid.uuid4().hex}", self.presenter.fetch(attachment),
                        cancel_previous=False, on_done=then, on_error=failed)

    def confirm_open(self, attachment: Attachment) -> bool:
        """Ask before opening a file that is not an image or a PDF (tests replace this)."""
        text = self.tr("“%1” is not a picture or a PDF. Files like this one can run programs on your"
                       " computer: open it only if you trust %2 and expected this file.")
        text = text.replace("%1", clean(attachment.name))
        text = text.replace("%2", clean(self.room_name.text()) or self.tr("the sender"))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Open this file?"), text,
                          QMessageBox.StandardButton.Cancel, self)
        opening = box.addButton(self.tr("Open"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is opening

    def ask_save_path(self, attachment: Attachment) -> Path | None:
        """Where to save a copy (tests replace this)."""
        suggested = Path.home() / safe_name(attachment.name)
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("Save as"), str(suggested))
        return Path(name) if name else None

    def open_file(self, path: Path) -> None:
        """Hand the file to the system's viewer for its kind (tests replace this)."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _save_copy(self, source: Path, target: Path) -> None:
        def failed(exc: BaseException) -> None:
            self.error_label.setText(self.tr("Could not save %1: %2").replace("%1", target.name)
                                     .replace("%2", str(getattr(exc, "strerror", "") or exc)))
            self.error_label.show()

        self.runner.run(f"attachment:save:{target}", asyncio.to_thread(shutil.copyfile, source, target),
                        on_error=failed)

    def _thumbnails_ready(self) -> None:
        self.thread_view.scheduleDelayedItemsLayout()  # a card with its picture is taller
        self.thread_view.viewport().update()

    # -- sending ---------------------------------------------------------------------------------------------
    def send_current(self) -> None:
        body = self.composer.toPlainText().strip()
        files = self.pending_files.files()
        room_id = self.room_id
        if (not body and not files) or room_id is None:
            return
        if len(body) > MAX_BODY:  # refused here, before the text leaves the composer: nothing is lost
            self.error_label.setText(
                self.tr("A message holds at most %1 characters; this one has %2. Shorten it or split it.")
                .replace("%1", fmt.number(MAX_BODY)).replace("%2", fmt.number(len(body))))
            self.error_label.show()
            return
        self.composer.clear()
        self.pending_files.clear()
        self.error_label.hide()
        key = uuid.uuid4().hex
        # The service writes the echo ("sending") once and announces it: the thread shows it from that
        # event, and "sent" (or "failed") from the next one. Nothing is drawn or read here.
        self._follow_send = room_id

        def failed(exc: BaseException) -> None:
            self.error_label.setText(self.tr("Could not send: %1").replace("%1", error_text(exc)))
            self.error_label.show()
            if self.room_id == room_id and not self.composer.toPlainText().strip():
                self.composer.setPlainText(body)  # nothing was written: the text is not lost
            if self.room_id == room_id and not self.pending_files.files():
                self.add_files(files)  # nor are the files
                self.error_label.setText(self.tr("Could not send: %1").replace("%1", error_text(exc)))
                self.error_label.show()

        self.runner.run(
            f"chat:send:{key}",
            self.presenter.send(body, files),
            cancel_previous=False,
            on_error=failed,
        )

    def shutdown(self) -> None:
        if self._draft_timer.isActive() and self._draft_room is not None:
            self._draft_timer.stop()  # the last words typed: kept before the cache closes
            try:
                self.presenter.save_draft_now(self._draft_room, self.composer.toPlainText())
            except StorageError as exc:  # a full disk, say: closing must still close
                log.warning("the draft of %s could not be kept: %s", self._draft_room, exc)
        self.presenter.close_now()
