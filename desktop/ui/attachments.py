"""Files of messages in the Messages pane: the cards under a bubble (painted by the thread's delegate, with
"Open" and "Save as…"), image thumbnails made off the UI thread, and the composer's pending files (a chip
each, with its size and a remove button).

A file's name comes from the other side: it is cleaned of direction tricks before it is painted, and a file
that is not an image or a PDF named as such is never opened without asking (``Attachment.opens_without_
asking``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QImage, QImageReader, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.core.models import Attachment, AttachmentState
from desktop.ui import theme
from desktop.ui.tasks import TaskRunner
from desktop.ui.untrusted import clean, tooltip
from desktop.ui.widgets import FlowLayout

translate = QCoreApplication.translate
log = logging.getLogger("atelier.ui.attachments")

CARD_WIDTH = 360
CARD_HEIGHT = 54
CARD_GAP = 6
THUMB_SIZE = QSize(280, 180)
"""The largest thumbnail shown in a card (its image keeps its proportions)."""
THUMB_FETCH_LIMIT = 10 * 1024 * 1024
"""Images up to this size are brought here by themselves for their thumbnail (never opened)."""
MAX_DECODED_PIXELS = 40_000_000
"""A picture claiming more pixels than this is not decoded for a thumbnail (a decompression bomb)."""

OPEN = "open"
SAVE = "save"


def data_size(n: int) -> str:
    """Bytes as people read them, in the interface's number format, counted in 1024s as the marketplace
    states its limit ("25 MB" is 25 × 1024 × 1024 bytes): "2.4 MB", "2,4 Mo"."""
    whole_megabytes = n % (1024 * 1024) == 0
    return QLocale().formattedDataSize(n, 1 if n >= 1024 * 1024 and not whole_megabytes else 0,
                                       QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def kind_label(attachment: Attachment) -> str:
    """What the card's badge says: the file's extension ("PDF", "PNG"), or "FILE"."""
    suffix = Path(attachment.name).suffix.lstrip(".").upper()
    return suffix[:4] if suffix.isalnum() and suffix else translate("Attachments", "FILE")


def load_thumbnail(path: str, bound: QSize = THUMB_SIZE) -> QImage | None:
    """A small copy of the picture at ``path`` (read and scaled here: call it off the UI thread). None when
    it is not a picture Qt can read, or claims more pixels than is safe to decode."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid() or size.width() * size.height() > MAX_DECODED_PIXELS:
        return None
    reader.setScaledSize(size.scaled(bound.boundedTo(size), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


@dataclass
class CardArt:
    """What the thread's cards are painted with besides their attachments: the transfers under way and
    the thumbnails made so far (shared by the pane and its delegate)."""

    transfers: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    thumbnails: dict[str, QImage | None] = field(default_factory=dict)
    """By attachment id; None: asked for (or not a picture)."""

    def thumbnail(self, attachment: Attachment) -> QImage | None:
        return self.thumbnails.get(attachment.id) if attachment.is_image else None

    def card_height(self, attachment: Attachment) -> int:
        thumb = self.thumbnail(attachment)
        return CARD_HEIGHT + (thumb.height() + 8 if thumb is not None else 0)

    def cards_height(self, attachments: tuple[Attachment, ...]) -> int:
        if not attachments:
            return 0
        return sum(self.card_height(a) + CARD_GAP for a in attachments)


@dataclass(frozen=True, slots=True)
class CardButtons:
    attachment: Attachment
    open: QRectF
    save: QRectF


def status_text(attachment: Attachment, transfer: tuple[int, int] | None) -> str:
    size = data_size(attachment.size)
    if transfer is not None:
        done, total = transfer
        percent = int(100 * done / total) if total else 0
        if attachment.is_local or attachment.state is AttachmentState.UPLOADING:
            text = translate("Attachments", "%1 · uploading %2 %")
        else:
            text = translate("Attachments", "%1 · downloading %2 %")
        return text.replace("%1", size).replace("%2", str(percent))
    if attachment.state is AttachmentState.UPLOADING:
        return translate("Attachments", "%1 · waiting to upload").replace("%1", size)
    if attachment.state is AttachmentState.FAILED:
        return translate("Attachments", "%1 · refused").replace("%1", size)
    return size


def paint_cards(painter: QPainter, pal: QPalette, font: QFont, left: float, top: float,
                attachments: tuple[Attachment, ...], art: CardArt) -> list[CardButtons]:
    """The cards of a message, one under the other from (left, top); returns where their buttons are."""
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() - 1)
    bold = QFont(font)
    bold.setBold(True)
    sfm, bfm = QFontMetrics(small), QFontMetrics(bold)
    buttons: list[CardButtons] = []
    y = top
    for attachment in attachments:
        height = art.card_height(attachment)
        card = QRectF(left, y, CARD_WIDTH, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(theme.border(pal), 1))
        painter.setBrush(theme.card(pal))
        painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 10, 10)
        row_top = y
        thumb = art.thumbnail(attachment)
        if thumb is not None:
            x = left + (CARD_WIDTH - thumb.width()) / 2
            painter.drawImage(QRectF(x, y + 8, thumb.width(), thumb.height()), thumb)
            row_top = y + thumb.height() + 8
        # the kind badge
        badge = QRectF(left + 10, row_top + 10, 34, CARD_HEIGHT - 20)
        failed = attachment.state is AttachmentState.FAILED
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.danger(pal) if failed else theme.accent_soft(pal))
        painter.drawRoundedRect(badge, 6, 6)
        painter.setFont(small)
        painter.setPen(theme.on_accent() if failed else theme.accent(pal))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, kind_label(attachment))
        # the buttons, right
        open_text = translate("Attachments", "Open")
        save_text = translate("Attachments", "Save as…")
        bx = card.right() - 10
        save_w = sfm.horizontalAdvance(save_text) + 4
        save = QRectF(bx - save_w, row_top + (CARD_HEIGHT - sfm.height()) / 2, save_w, sfm.height())
        open_w = sfm.horizontalAdvance(open_text) + 4
        open_ = QRectF(save.left() - 10 - open_w, save.top(), open_w, sfm.height())
        usable = not attachment.is_local and attachment.state is not AttachmentState.FAILED
        usable = usable or bool(attachment.local_path)
        painter.setPen(theme.accent(pal) if usable else theme.muted(pal))
        for rect, text in ((open_, open_text), (save, save_text)):
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        # name and size, between
        tx = badge.right() + 10
        tw = int(open_.left() - 10 - tx)
        painter.setFont(bold)
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        name = bfm.elidedText(clean(attachment.name), Qt.TextElideMode.ElideMiddle, tw)
        painter.drawText(QRectF(tx, row_top + 9, tw, bfm.height()), Qt.AlignmentFlag.AlignVCenter, name)
        transfer = art.transfers.get(attachment.id)
        painter.setFont(small)
        painter.setPen(theme.danger(pal) if failed else theme.muted(pal))
        painter.drawText(QRectF(tx, row_top + 11 + bfm.height(), tw, sfm.height()),
                         Qt.AlignmentFlag.AlignVCenter,
                         sfm.elidedText(status_text(attachment, transfer), Qt.TextElideMode.ElideRight, tw))
        if transfer is not None:  # a progress bar along the card's foot
            done, total = transfer
            track = QRectF(left + 10, card.bottom() - 6, CARD_WIDTH - 20, 3)
            painter.setBrush(theme.border(pal))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(track, 1.5, 1.5)
            painter.setBrush(theme.accent(pal))
            painter.drawRoundedRect(QRectF(track.left(), track.top(),
                                           track.width() * (done / total if total else 0), 3), 1.5, 1.5)
        painter.restore()
        buttons.append(CardButtons(attachment, open_.adjusted(-4, -6, 4, 6), save.adjusted(-4, -6, 4, 6)))
        y += height + CARD_GAP
    return buttons


class Thumbnails(QObject):
    """Makes the thumbnails of pictures in the thread, on a worker thread, each once; an image not here yet
    is brought here first when it is small (it is only decoded, never opened)."""

    ready = Signal()

    def __init__(self, art: CardArt, runner: TaskRunner,
                 fetch: Callable[[Attachment], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._art = art
        self._runner = runner
        self._fetch = fetch

    def want(self, attachments: tuple[Attachment, ...]) -> None:
        for attachment in attachments:
            if not attachment.is_image or attachment.id in self._art.thumbnails:
                continue
            if attachment.local_path is None and (attachment.is_local or attachment.size > THUMB_FETCH_LIMIT):
                continue
            self._art.thumbnails[attachment.id] = None
            self._runner.run(f"thumbnail:{attachment.id}", self._make(attachment), cancel_previous=False,
                             on_done=partial(self._made, attachment))

    async def _make(self, attachment: Attachment) -> QImage | None:
        path = attachment.local_path
        if path is None:
            fetched = self._fetch(attachment)
            assert asyncio.iscoroutine(fetched)
            path = str(await fetched)
        return await asyncio.to_thread(load_thumbnail, path)

    def _made(self, attachment: Attachment, image: QImage | None) -> None:
        self._art.thumbnails[attachment.id] = image
        if image is not None:
            self.ready.emit()


# -- the composer's files ---------------------------------------------------------------------------------


class FileChip(QFrame):
    """One file about to be sent: its name, its size and a button that takes it off."""

    removed = Signal(object)

    def __init__(self, path: Path, name: str, size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setObjectName("fileChip")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 3, 4, 3)
        layout.setSpacing(6)
        shown = clean(name)
        fm = QFontMetrics(self.font())
        self.name_label = QLabel(fm.elidedText(shown, Qt.TextElideMode.ElideMiddle, 220))
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.name_label.setToolTip(tooltip(shown))
        self.size_label = QLabel(data_size(size))
        self.size_label.setProperty("role", "muted")
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(self.tr("Remove %1").replace("%1", tooltip(shown)))
        self.remove_button.setAccessibleName(self.tr("Remove %1").replace("%1", shown))
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        layout.addWidget(self.name_label)
        layout.addWidget(self.size_label)
        layout.addWidget(self.remove_button)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(theme.border(self.palette()), 1))
        painter.setBrush(theme.accent_soft(self.palette()))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 12, 12)
        painter.end()


class PendingFiles(QWidget):
    """The files the user attached to the message being written (hidden while there are none)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = FlowLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._chips: list[FileChip] = []
        self.hide()

    def add(self, path: Path, name: str, size: int) -> None:
        if any(chip.path == path for chip in self._chips):
            return
        chip = FileChip(path, name, size)
        chip.removed.connect(self._remove)
        self._chips.append(chip)
        self._layout.addWidget(chip)
        self.show()
        self.changed.emit()

    def _remove(self, chip: FileChip) -> None:
        self._chips.remove(chip)
        self._layout.removeWidget(chip)
        chip.deleteLater()
        self.setVisible(bool(self._chips))
        self.changed.emit()

    def files(self) -> list[Path]:
        return [chip.path for chip in self._chips]

    def chips(self) -> list[FileChip]:
        return list(self._chips)

    def clear(self) -> None:
        for chip in list(self._chips):
            self._remove(chip)

