"""Remembers the main window's geometry, splitter sizes and last pane in a QSettings."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

GEOMETRY = "ui/geometry"
WINDOW_STATE = "ui/window_state"
LAST_PANE = "ui/last_pane"


class WindowState:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def save_geometry(self, window: QWidget) -> None:
        self.settings.setValue(GEOMETRY, window.saveGeometry())

    def restore_geometry(self, window: QWidget) -> bool:
        value = _bytes(self.settings.value(GEOMETRY))
        return bool(window.restoreGeometry(value)) if value is not None else False

    def last_pane(self, default: str = "jobs") -> str:
        value = self.settings.value(LAST_PANE, default)
        return value if isinstance(value, str) and value else default

    def set_last_pane(self, name: str) -> None:
        self.settings.setValue(LAST_PANE, name)

    def save_splitter(self, name: str, splitter: QSplitter) -> None:
        self.settings.setValue(f"ui/splitter/{name}", splitter.saveState())

    def restore_splitter(self, name: str, splitter: QSplitter) -> None:
        value = _bytes(self.settings.value(f"ui/splitter/{name}"))
        if value is not None:
            splitter.restoreState(value)

    def sync(self) -> None:
        self.settings.sync()


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray):
        return value if not value.isEmpty() else None
    if isinstance(value, bytes | bytearray) and value:
        return QByteArray(bytes(value))
    return None
