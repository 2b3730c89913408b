"""Look and feel: Fusion, a light and a dark palette that follow the system, one restrained accent.

Delegates take their colours from the palette they are given (``option.palette``) through the helpers here,
so light and dark both look right. ``apply_theme`` re-applies itself when the system scheme changes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from desktop.core.models import ConnectionState, ProposalStatus
from desktop.ui.resources import icon_path

ACCENT_LIGHT = QColor("#108a00")
ACCENT_DARK = QColor("#4cc73a")

_LIGHT = {
    "window": "#f5f6f8",
    "base": "#ffffff",
    "alt": "#f0f2f5",
    "text": "#1d2129",
    "muted": "#667085",
    "border": "#e1e4e8",
    "button": "#ffffff",
    "highlight": "#e6f4e1",
    "highlight_text": "#0d5c00",
    "tooltip": "#1d2129",
}
_DARK = {
    "window": "#17191d",
    "base": "#1f2226",
    "alt": "#262a30",
    "text": "#e7e9ec",
    "muted": "#9aa3af",
    "border": "#33383f",
    "button": "#2a2e34",
    "highlight": "#233a20",
    "highlight_text": "#b9f0ae",
    "tooltip": "#e7e9ec",
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _colors(palette: QPalette) -> dict[str, str]:
    return _DARK if is_dark(palette) else _LIGHT


def accent(palette: QPalette) -> QColor:
    return QColor(ACCENT_DARK if is_dark(palette) else ACCENT_LIGHT)


def accent_soft(palette: QPalette) -> QColor:
    return QColor(_colors(palette)["highlight"])


def on_accent() -> QColor:
    return QColor("#ffffff")


def muted(palette: QPalette) -> QColor:
    return QColor(_colors(palette)["muted"])


def border(palette: QPalette) -> QColor:
    return QColor(_colors(palette)["border"])


def card(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.Base)


def mark(palette: QPalette) -> QColor:
    """Behind the words a search matched (like a highlighter pen; the text keeps its own color)."""
    return QColor("#5c4b00" if is_dark(palette) else "#fff0a0")


def danger(palette: QPalette) -> QColor:
    return QColor("#ff7b72" if is_dark(palette) else "#c62828")


def warning(palette: QPalette) -> QColor:
    return QColor("#e3b341" if is_dark(palette) else "#b26a00")


def info(palette: QPalette) -> QColor:
    return QColor("#6cb6ff" if is_dark(palette) else "#1f6feb")


def bubble_theirs(palette: QPalette) -> QColor:
    return QColor(_colors(palette)["alt"]) if is_dark(palette) else QColor("#eef0f3")


def bubble_mine(palette: QPalette) -> QColor:
    return QColor("#2f7d24") if is_dark(palette) else QColor("#108a00")


def status_color(palette: QPalette, status: ProposalStatus) -> QColor:
    """The chip colour of a proposal status."""
    if status in (ProposalStatus.OFFER, ProposalStatus.HIRED):
        return accent(palette)
    if status is ProposalStatus.INTERVIEWING:
        return info(palette)
    if status in (ProposalStatus.SUBMITTED, ProposalStatus.VIEWED):
        return QColor("#a371f7") if is_dark(palette) else QColor("#6f42c1")
    if status is ProposalStatus.DECLINED:
        return danger(palette)
    return muted(palette)


def connection_color(state: ConnectionState) -> QColor:
    return {
        ConnectionState.ONLINE: QColor("#2da44e"),
        ConnectionState.SYNCING: QColor("#1f6feb"),
        ConnectionState.OFFLINE: QColor("#d29922"),
        ConnectionState.SIGNED_OUT: QColor("#8c959f"),
    }[state]


def build_palette(dark: bool) -> QPalette:
    c = _DARK if dark else _LIGHT
    p = QPalette()
    role = QPalette.ColorRole
    p.setColor(role.Window, QColor(c["window"]))
    p.setColor(role.WindowText, QColor(c["text"]))
    p.setColor(role.Base, QColor(c["base"]))
    p.setColor(role.AlternateBase, QColor(c["alt"]))
    p.setColor(role.Text, QColor(c["text"]))
    p.setColor(role.PlaceholderText, QColor(c["muted"]))
    p.setColor(role.Button, QColor(c["button"]))
    p.setColor(role.ButtonText, QColor(c["text"]))
    p.setColor(role.ToolTipBase, QColor(c["base"]))
    p.setColor(role.ToolTipText, QColor(c["tooltip"]))
    p.setColor(role.Highlight, QColor(c["highlight"]))
    p.setColor(role.HighlightedText, QColor(c["highlight_text"]))
    p.setColor(role.Link, accent_for(dark))
    p.setColor(role.BrightText, QColor("#ffffff"))
    p.setColor(role.Light, QColor(c["base"]).lighter(110))
    p.setColor(role.Midlight, QColor(c["border"]))
    p.setColor(role.Mid, QColor(c["border"]).darker(115))
    p.setColor(role.Dark, QColor(c["border"]).darker(140))
    p.setColor(role.Shadow, QColor(0, 0, 0, 90))
    p.setColor(role.Accent, accent_for(dark))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(disabled, r, QColor(c["muted"]))
    return p


def accent_for(dark: bool) -> QColor:
    return QColor(ACCENT_DARK if dark else ACCENT_LIGHT)


def style_sheet(dark: bool) -> str:
    c = _DARK if dark else _LIGHT
    acc = accent_for(dark).name()
    acc_hover = accent_for(dark).lighter(112).name() if dark else accent_for(dark).darker(112).name()
    handle = "#454b54" if dark else QColor(c["border"]).darker(125).name()
    arrow = icon_path("chevron-down")
    chevron = (
        f"QComboBox::down-arrow {{ image: url({arrow.as_posix()}); width: 12px; height: 12px; }}"
        if arrow
        else ""
    )
    tick = icon_path("check")
    check = f"QCheckBox::indicator:checked {{ image: url({tick.as_posix()}); }}" if tick else ""
    return f"""
QWidget#sidebar {{ background: {c["base"]}; border-right: 1px solid {c["border"]}; }}
QListWidget#sidebarList {{ background: transparent; border: none; outline: none; }}
QListWidget#sidebarList::item {{ padding: 9px 10px; margin: 2px 8px; border-radius: 8px;
    color: {c["text"]}; }}
QListWidget#sidebarList::item:hover {{ background: {c["alt"]}; }}
QListWidget#sidebarList::item:selected {{ background: {c["highlight"]}; color: {c["highlight_text"]}; }}
QStatusBar QPushButton#primary {{ padding: 1px 10px; border-radius: 5px; font-weight: 600; }}
QToolButton#accountButton {{ text-align: left; padding: 6px 8px; border: none; border-radius: 7px;
    color: {c["muted"]}; }}
QToolButton#accountButton:hover {{ background: {c["alt"]}; color: {c["text"]}; }}
QToolButton#accountButton::menu-indicator {{ image: none; width: 0; }}
QLabel#brand {{ font-size: 17px; font-weight: 700; color: {c["text"]}; }}
QLabel[role="muted"] {{ color: {c["muted"]}; }}
QLabel[role="h1"] {{ font-size: 19px; font-weight: 700; }}
QLabel[role="h2"] {{ font-size: 15px; font-weight: 600; }}
QLabel[role="section"] {{ color: {c["muted"]}; font-size: 11px; font-weight: 600; letter-spacing: 0.5px; }}
QLabel[role="error"] {{ color: {"#ff7b72" if dark else "#c62828"}; }}
QLabel[role="empty"] {{ color: {c["muted"]}; font-size: 14px; }}
QFrame#card {{ background: {c["base"]}; border: 1px solid {c["border"]}; border-radius: 10px; }}
QFrame#detail {{ background: {c["base"]}; border: none; }}
QWidget#paneHeader {{ background: {c["window"]}; }}
QWidget#attentionBanner {{ background: {"#3a2020" if dark else "#fdecea"};
    border-bottom: 1px solid {"#5c2b2b" if dark else "#f5c2c0"}; }}
QPushButton {{ padding: 6px 14px; border-radius: 7px; border: 1px solid {c["border"]};
    background: {c["button"]}; color: {c["text"]}; }}
QPushButton:hover {{ background: {c["alt"]}; }}
QPushButton:disabled {{ color: {c["muted"]}; }}
QPushButton#primary {{ background: {acc}; color: white; border: 1px solid {acc}; font-weight: 600; }}
QPushButton#primary:hover {{ background: {acc_hover}; }}
QPushButton#primary:disabled {{ background: {c["border"]}; border-color: {c["border"]};
    color: {c["muted"]}; }}
QToolButton#savedSearchChip {{ padding: 3px 12px; border-radius: 13px; border: 1px solid {c["border"]};
    background: {c["base"]}; color: {c["text"]}; }}
QToolButton#savedSearchChip:hover {{ background: {c["alt"]}; }}
QToolButton#savedSearchChip:checked {{ border-color: {acc}; color: {acc}; font-weight: 600; }}
QPushButton#danger {{ color: {"#ff7b72" if dark else "#c62828"}; }}
QLineEdit, QPlainTextEdit, QTextBrowser, QComboBox, QDoubleSpinBox, QSpinBox, QTimeEdit {{
    border: 1px solid {c["border"]}; border-radius: 7px; padding: 5px 8px; background: {c["base"]};
    selection-background-color: {acc}; selection-color: white; }}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QDoubleSpinBox:focus, QTimeEdit:focus {{
    border: 1px solid {acc}; }}
QTextBrowser#plainBody {{ border: none; padding: 0; background: transparent; }}
QListView, QTableView {{ border: none; background: {c["window"]}; outline: none; }}
QTableView {{ background: {c["base"]}; gridline-color: {c["border"]};
    selection-background-color: {c["highlight"]}; selection-color: {c["text"]}; }}
QHeaderView::section {{ background: {c["base"]}; color: {c["muted"]}; border: none;
    border-bottom: 1px solid {c["border"]}; padding: 6px 8px; font-weight: 600; }}
QSplitter::handle {{ background: {c["border"]}; }}
QStatusBar {{ background: {c["base"]}; border-top: 1px solid {c["border"]}; color: {c["muted"]}; }}
QStatusBar::item {{ border: none; }}
QStatusBar QLabel {{ color: {c["muted"]}; padding: 0 6px; }}
QTabBar::tab {{ padding: 7px 14px; border: none; color: {c["muted"]}; background: transparent;
    border-bottom: 2px solid transparent; }}
QTabBar::tab:selected {{ color: {c["text"]}; border-bottom: 2px solid {acc}; font-weight: 600; }}
QTabBar::tab:hover {{ color: {c["text"]}; }}
QScrollArea {{ border: none; background: transparent; }}
QCheckBox {{ spacing: 6px; }}
QToolTip {{ background: {c["base"]}; color: {c["text"]}; border: 1px solid {c["border"]}; }}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px 2px 2px 0; }}
QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 0 2px 2px 2px; }}
QScrollBar::handle:vertical {{ background: {handle}; border-radius: 3px; min-height: 32px; }}
QScrollBar::handle:horizontal {{ background: {handle}; border-radius: 3px; min-width: 32px; }}
QScrollBar::handle:hover {{ background: {c["muted"]}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; background: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QComboBox {{ padding-right: 24px; }}
QComboBox::drop-down {{ border: none; width: 24px; subcontrol-origin: padding;
    subcontrol-position: center right; }}
{chevron}
QComboBox QAbstractItemView {{ border: 1px solid {c["border"]}; background: {c["base"]}; outline: none;
    selection-background-color: {c["highlight"]}; selection-color: {c["highlight_text"]}; padding: 4px; }}
QDoubleSpinBox, QSpinBox, QTimeEdit {{ padding-right: 8px; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ width: 0px; border: none; }}
QCheckBox::indicator {{ width: 14px; height: 14px; border: 1px solid {handle}; border-radius: 4px;
    background: {c["base"]}; }}
QCheckBox::indicator:checked {{ background: {acc}; border-color: {acc}; }}
{check}
QTableView::item {{ padding: 0 8px; }}
"""


def scheme_for(preference: str) -> Qt.ColorScheme | None:
    """The ``theme`` setting ("system", "light", "dark") as a scheme to force; None follows the system."""
    return {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(preference)


class ThemeController(QObject):
    """Applies the palette and follows ``QStyleHints.colorScheme`` unless a scheme was forced."""

    def __init__(self, app: QApplication, forced: Qt.ColorScheme | None = None) -> None:
        super().__init__(app)
        self._app = app
        self._forced = forced
        self._system = app.styleHints().colorScheme()
        self.dark = False
        app.setStyle("Fusion")
        font = QFont(app.font())
        if font.pointSizeF() < 10:
            font.setPointSizeF(10)
            app.setFont(font)
        app.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)
        self.apply()

    def scheme(self) -> Qt.ColorScheme:
        if self._forced is not None:
            return self._forced
        return self._system

    def force(self, scheme: Qt.ColorScheme | None) -> None:
        self._forced = scheme
        self.apply()

    def set_preference(self, preference: str) -> None:
        """Apply the ``theme`` setting at once: light, dark, or "system" (followed live from then on)."""
        self.force(scheme_for(preference))

    def apply(self) -> None:
        self.dark = self.scheme() == Qt.ColorScheme.Dark
        self._app.setPalette(build_palette(self.dark))
        self._app.setStyleSheet(style_sheet(self.dark))

    def _on_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        self._system = scheme  # what the system says now, remembered for a later "follow the system"
        if self._forced is None:
            self.apply()


def apply_theme(app: QApplication, scheme: Qt.ColorScheme | None = None) -> ThemeController:
    """Style ``app``; ``scheme`` forces light or dark (screenshots, tests), None follows the system."""
    return ThemeController(app, scheme)
