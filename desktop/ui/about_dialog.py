"""About Atelier: the version, what it runs on, where its files are, and its licence. "Copy details"
puts the same as plain text on the clipboard, for a bug report."""

from __future__ import annotations

import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.ui.resources import icon
from desktop.ui.untrusted import tooltip

LICENSE = "MIT"


class AboutDialog(QDialog):
    def __init__(self, *, cache_folder: Path | None, settings_folder: Path, logs_folder: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Atelier"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 14)
        outer.setSpacing(10)

        head = QHBoxLayout()
        head.setSpacing(14)
        logo = QLabel()
        logo.setPixmap(icon("atelier").pixmap(QSize(56, 56)))
        head.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        title = QVBoxLayout()
        title.setSpacing(2)
        name = QLabel(self.tr("Atelier %1").replace("%1", __version__))
        name.setProperty("role", "h1")
        title.addWidget(name)
        blurb = QLabel(self.tr("Your freelance marketplace, fast and offline-first."))
        blurb.setProperty("role", "muted")
        title.addWidget(blurb)
        head.addLayout(title, 1)
        outer.addLayout(head)

        self.details: list[tuple[str, str]] = [
            (self.tr("Version"), __version__),
            (self.tr("Qt"), f"{qVersion()} (PySide6 {PySide6.__version__})"),
            (self.tr("Python"), f"{platform.python_version()} ({platform.python_implementation()})"),
            (self.tr("System"), f"{platform.system()} {platform.release()} · {platform.machine()}"),
        ]
        if cache_folder is not None:
            self.details.append((self.tr("Offline copy"), str(cache_folder)))
        self.details += [
            (self.tr("Settings"), str(settings_folder)),
            (self.tr("Logs"), str(logs_folder)),
            (self.tr("Licence"), self.tr("%1 License").replace("%1", LICENSE)),
            (self.tr("Built with"), self.tr("Qt for Python (PySide6), under the LGPL v3")),
        ]
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(6)
        for label, value in self.details:
            shown = QLabel(value)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            shown.setToolTip(tooltip(value))
            caption = QLabel(label)
            caption.setProperty("role", "muted")
            form.addRow(caption, shown)
        outer.addLayout(form)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        copy = QPushButton(self.tr("Copy details"))
        copy.clicked.connect(self.copy_details)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.setMinimumWidth(520)

    def details_text(self) -> str:
        rows = [("Atelier", __version__), *self.details[1:]]
        return "\n".join(f"{label}: {value}" for label, value in rows)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
