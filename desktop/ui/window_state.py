"""Remembers the main window's geometry, splitter sizes, last pane and the palette's latest choices in a
QSettings."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

GEOMETRY = "ui/geometry"
WINDOW_STATE = "ui/window_state"
LAST_PANE = "ui/last_pane"
PALETTE_RECENT = "ui/palette_recent"


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

    def palette_recent(self) -> list[tuple[str, str, str, str]]:
        """The palette's latest choices, newest first: (kind, target, title, subtitle) each."""
        value = self.settings.value(PALETTE_RECENT)
        if not isinstance(value, str) or not value:
            return []
        try:
            rows = json.loads(value)
        except ValueError:
            return []  # a settings file edited by hand: start afresh
        found: list[tuple[str, str, str, str]] = []
        for row in rows if isinstance(rows, list) else ():
            if isinstance(row, list) and len(row) == 4:
                kind, target, title, subtitle = (str(part) for part in row)
                found.append((kind, target, title, subtitle))
        return found

    def set_palette_recent(self, rows: list[tuple[str, str, str, str]]) -> None:
        self.settings.setValue(PALETTE_RECENT, json.dumps([list(row) for row in rows]))

    def sync(self) -> None:
        self.settings.sync()


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray):
        return value if not value.isEmpty() else None
    if isinstance(value, bytes | bytearray) and value:
        return QByteArray(bytes(value))
    return None
