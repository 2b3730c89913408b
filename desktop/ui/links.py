"""Opening a marketplace page in the user's browser: only http(s) addresses, never a file or a script."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

ALLOWED_SCHEMES = ("https", "http")


def is_web_address(url: str) -> bool:
    parsed = QUrl(url, QUrl.ParsingMode.StrictMode)
    return parsed.isValid() and parsed.scheme() in ALLOWED_SCHEMES and bool(parsed.host())


def open_in_browser(url: str) -> bool:
    """Open ``url`` in the system browser; False when it is not a web address or nothing could open it."""
    if not is_web_address(url):
        return False
    return bool(QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode)))
