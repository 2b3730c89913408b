"""Where the shared ``resources/`` directory is, and icons loaded from it.

Lookup order: ``$ATELIER_RESOURCES`` · a PyInstaller bundle (``sys._MEIPASS/resources``) · the checkout
(``<repo>/resources`` next to the ``desktop`` package) · ``<sys.prefix>/share/atelier/resources`` (installed).
A missing icon is not an error: the UI shows an empty icon and logs it once.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

log = logging.getLogger("atelier.ui.resources")


def _candidates() -> list[Path]:
    found: list[Path] = []
    env = os.environ.get("ATELIER_RESOURCES")
    if env:
        found.append(Path(env))
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        found.append(Path(frozen) / "resources")
    found.append(Path(__file__).resolve().parents[2] / "resources")
    found.append(Path(sys.prefix) / "share" / "atelier" / "resources")
    return found


@functools.cache
def resources_dir() -> Path | None:
    for candidate in _candidates():
        if (candidate / "icons").is_dir():
            return candidate
    log.warning("resources directory not found (looked in %s)", ", ".join(map(str, _candidates())))
    return None


def icon_path(name: str) -> Path | None:
    base = resources_dir()
    if base is None:
        return None
    path = base / "icons" / f"{name}.svg"
    if not path.is_file():
        log.warning("icon %s missing at %s", name, path)
        return None
    return path


def icon(name: str, color: QColor | None = None, sizes: tuple[int, ...] = (16, 20, 24, 32, 48)) -> QIcon:
    """The icon ``resources/icons/<name>.svg``; with ``color`` its strokes are tinted (for dark mode)."""
    path = icon_path(name)
    if path is None:
        return QIcon()
    base = QIcon(str(path))
    if color is None:
        return base
    tinted = QIcon()
    for size in sizes:
        for scale in (1, 2):
            pm = base.pixmap(QSize(size * scale, size * scale))
            if pm.isNull():
                continue
            out = QPixmap(pm.size())
            out.fill(Qt.GlobalColor.transparent)
            painter = QPainter(out)
            painter.drawPixmap(0, 0, pm)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            painter.fillRect(out.rect(), color)
            painter.end()
            out.setDevicePixelRatio(scale)
            tinted.addPixmap(out)
    return tinted
