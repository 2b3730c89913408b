"""Settings: language, theme, notifications and quiet hours, start at login, and the offline copy.

Every change applies and is saved at once (no OK/Cancel to forget): the theme switches live, notifications
and quiet hours take effect for the next thing that arrives, start at login writes or removes the system's
entry, and the language (which every window would have to rebuild) asks for a restart and offers it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from datetime import time
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QLocale, Qt, QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import autostart
from desktop.services.cache import CacheCleared
from desktop.settings import THEMES, Settings, parse_clock
from desktop.ui import i18n
from desktop.ui.notices import error_text
from desktop.ui.notifier import Notifier
from desktop.ui.tasks import TaskRunner
from desktop.ui.theme import ThemeController
from desktop.ui.untrusted import tooltip

log = logging.getLogger("atelier.ui")


class CacheActions(Protocol):
    """What the dialog uses of ``services.cache.CacheService``."""

    @property
    def path(self) -> Path: ...

    async def size(self) -> int: ...

    async def clear(self) -> CacheCleared: ...


def available_languages() -> list[str]:
    """The interface languages Atelier has a catalog for, English first ("en", "fr", …)."""
    folder = i18n.translations_dir()
    found = {"en"}
    if folder is not None:
        found |= {p.stem.split("_", 1)[1] for p in folder.glob(f"{i18n.CATALOG}_*.qm")}
    return ["en", *sorted(found - {"en"})]


def language_name(code: str) -> str:
    """A language in its own words, capitalized: "English", "Français"."""
    name = QLocale(code).nativeLanguageName() or code
    return name[:1].upper() + name[1:]


def data_size(n: int) -> str:
    """Bytes as people read them, in the interface's number format ("12.4 MB", "12,4 MB")."""
    return QLocale().formattedDataSize(n, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _clock_text(value: QTime) -> str:
    return f"{value.hour():02d}:{value.minute():02d}"


class SettingsDialog(QDialog):
    restartRequested = Signal()
    """The user asked to restart now (for a new language)."""

    def __init__(
        self,
        settings: Settings,
        save: Callable[[], None],
        *,
        runner: TaskRunner,
        theme: ThemeController | None = None,
        notifier: Notifier | None = None,
        cache: CacheActions | None = None,
        autostart_command: Sequence[str] = (),
        running_language: str = "",
        language_override: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``settings`` is changed in place and ``save()`` called after each change; ``running_language``
        is the language setting this run started with (a change takes effect after a restart);
        ``language_override`` the ``--lang`` of this run, if any."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settingsDialog")
        self.settings = settings
        self._save = save
        self.runner = runner
        self.theme = theme
        self.notifier = notifier
        self.cache = cache
        self.autostart_command = list(autostart_command)
        self.running_language = running_language
        self.language_override = language_override
        self.confirm_box: QMessageBox | None = None
        self._forms: list[QFormLayout] = []
        self.cache_bytes: int | None = None

        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows when a note appears
        outer.setContentsMargins(22, 18, 22, 14)
        outer.setSpacing(6)
        outer.addWidget(self._section(self.tr("APPEARANCE")))
        outer.addLayout(self._build_appearance())
        outer.addSpacing(10)
        outer.addWidget(self._section(self.tr("NOTIFICATIONS")))
        outer.addLayout(self._build_notifications())
        outer.addSpacing(10)
        outer.addWidget(self._section(self.tr("STARTUP")))
        outer.addLayout(self._build_startup())
        if cache is not None:
            outer.addSpacing(10)
            outer.addWidget(self._section(self.tr("OFFLINE COPY")))
            outer.addLayout(self._build_cache(cache))
        outer.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        outer.addSpacing(8)
        outer.addWidget(buttons)
        self.setMinimumWidth(560)
        self._align_labels()
        for widget in (self.language_note, self.restart_button, self.quiet_note):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # the dialog does not jump as they come and go
            widget.setSizePolicy(policy)
        self._show_language_note()
        self._show_quiet_note()
        if cache is not None:
            self.refresh_cache_size()

    def _align_labels(self) -> None:
        """The forms of every section share one label column width."""
        widgets: list[QWidget] = []
        for form in self._forms:
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widgets.append(widget)
        width = max((w.sizeHint().width() for w in widgets), default=0)
        for widget in widgets:
            widget.setMinimumWidth(width)

    @staticmethod
    def _section(text: str) -> QLabel:
        label = QLabel(text)
        label.setProperty("role", "section")
        return label

    @staticmethod
    def _note() -> QLabel:
        label = QLabel()
        label.setProperty("role", "muted")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    @staticmethod
    def _left(widget: QWidget, width: int = 240) -> QHBoxLayout:
        """A field at a comfortable width, on the left of its row."""
        widget.setMinimumWidth(width)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(widget)
        row.addStretch(1)
        return row

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(8)
        self._forms.append(form)
        return form

    # -- appearance -----------------------------------------------------------------------------------------
    def _build_appearance(self) -> QFormLayout:
        form = self._form()
        self.language = QComboBox()
        self.language.addItem(self.tr("Same as the system"), "")
        for code in available_languages():
            self.language.addItem(language_name(code), code)
        found = self.language.findData(self.settings.language.split("_")[0].split("-")[0])
        self.language.setCurrentIndex(max(0, found))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language_note = self._note()
        self.restart_button = QPushButton(self.tr("Restart now"))
        self.restart_button.clicked.connect(self.restartRequested)
        note_row = QHBoxLayout()
        note_row.setContentsMargins(0, 0, 0, 0)
        note_row.addWidget(self.language_note, 1)
        note_row.addWidget(self.restart_button)
        language_box = QVBoxLayout()
        language_box.setSpacing(4)
        language_box.addLayout(self._left(self.language))
        language_box.addLayout(note_row)
        form.addRow(self.tr("Language"), language_box)

        self.theme_box = QComboBox()
        labels = {"system": self.tr("Same as the system"), "light": self.tr("Light"), "dark": self.tr("Dark")}
        for value in THEMES:
            self.theme_box.addItem(labels[value], value)
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(self.settings.theme)))
        self.theme_box.currentIndexChanged.connect(self._theme_chosen)
        form.addRow(self.tr("Theme"), self._left(self.theme_box))
        return form

    def _language_chosen(self) -> None:
        self.settings.language = str(self.language.currentData())
        self._save()
        self._show_language_note()

    def _show_language_note(self) -> None:
        if self.language_override is not None:
            self.language_note.setText(self.tr(
                "This run was started with --lang %1; your choice applies when Atelier starts without it.")
                .replace("%1", self.language_override))
            self.language_note.setVisible(True)
            self.restart_button.setVisible(False)
            return
        changed = self.settings.language != self.running_language
        self.language_note.setText(self.tr("Takes effect after a restart."))
        self.language_note.setVisible(changed)
        self.restart_button.setVisible(changed)

    def _theme_chosen(self) -> None:
        self.settings.theme = str(self.theme_box.currentData())
        self._save()
        if self.theme is not None:
            self.theme.set_preference(self.settings.theme)

    # -- notifications --------------------------------------------------------------------------------------
    def _build_notifications(self) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(8)
        self.notifications = QCheckBox(self.tr("Notify me of new messages and jobs while Atelier is in the "
                                               "background"))
        self.notifications.setChecked(self.settings.notifications)
        self.notifications.toggled.connect(self._notifications_toggled)
        box.addWidget(self.notifications)

        row = QHBoxLayout()
        row.setSpacing(8)
        self.quiet = QCheckBox(self.tr("Quiet hours, from"))
        self.quiet.setChecked(self.settings.quiet_hours)
        self.quiet.toggled.connect(self._quiet_changed)
        self.quiet_from = QTimeEdit()
        self.quiet_to = QTimeEdit()
        for edit, value in ((self.quiet_from, self.settings.quiet_from),
                            (self.quiet_to, self.settings.quiet_to)):
            edit.setDisplayFormat("HH:mm")
            edit.setTime(_qtime(parse_clock(value) or time(0, 0)))
            edit.timeChanged.connect(self._quiet_changed)
        row.addWidget(self.quiet)
        row.addWidget(self.quiet_from)
        to = QLabel(self.tr("to"))
        row.addWidget(to)
        row.addWidget(self.quiet_to)
        row.addStretch(1)
        box.addLayout(row)
        self.quiet_note = self._note()
        box.addWidget(self.quiet_note)
        self._enable_quiet_fields()
        return box

    def _notifications_toggled(self, on: bool) -> None:
        self.settings.notifications = on
        self._save()
        if self.notifier is not None:
            self.notifier.set_enabled(on)
        self._enable_quiet_fields()
        self._show_quiet_note()

    def _enable_quiet_fields(self) -> None:
        on = self.notifications.isChecked()
        self.quiet.setEnabled(on)
        for edit in (self.quiet_from, self.quiet_to):
            edit.setEnabled(on and self.quiet.isChecked())

    def _quiet_changed(self) -> None:
        self.settings.quiet_hours = self.quiet.isChecked()
        self.settings.quiet_from = _clock_text(self.quiet_from.time())
        self.settings.quiet_to = _clock_text(self.quiet_to.time())
        self._save()
        if self.notifier is not None:
            self.notifier.set_quiet_hours(self.settings.quiet_window())
        self._enable_quiet_fields()
        self._show_quiet_note()

    def _show_quiet_note(self) -> None:
        window = self.settings.quiet_window()
        if not self.settings.notifications or not self.settings.quiet_hours or window is None:
            self.quiet_note.setVisible(False)
            return
        self.quiet_note.setVisible(True)
        start, end = self.settings.quiet_from, self.settings.quiet_to
        if window.start == window.end:
            self.quiet_note.setText(self.tr("The start and the end are the same: no quiet time."))
        elif window.start > window.end:
            self.quiet_note.setText(self.tr("No notifications from %1 to %2 the next morning.")
                                    .replace("%1", start).replace("%2", end))
        else:
            self.quiet_note.setText(self.tr("No notifications from %1 to %2 every day.")
                                    .replace("%1", start).replace("%2", end))

    # -- startup --------------------------------------------------------------------------------------------
    def _build_startup(self) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(6)
        self.start_at_login = QCheckBox(self.tr("Open Atelier when I log in to this computer"))
        self.start_at_login.setChecked(autostart.is_enabled())
        self.start_at_login.setToolTip(tooltip(autostart.where()))
        self.start_at_login.toggled.connect(self._start_at_login_toggled)
        self.start_at_login.setEnabled(bool(self.autostart_command))
        box.addWidget(self.start_at_login)
        self.startup_error = self._note()
        self.startup_error.setProperty("role", "error")
        self.startup_error.setVisible(False)
        box.addWidget(self.startup_error)
        return box

    def _start_at_login_toggled(self, on: bool) -> None:
        try:
            autostart.apply(on, self.autostart_command)
        except autostart.AutostartError as exc:
            log.warning("start at login: %s", exc.detail)
            self.startup_error.setText(
                self.tr("Could not change starting at login: %1").replace("%1", exc.detail))
            self.startup_error.setVisible(True)
            self.start_at_login.blockSignals(True)
            self.start_at_login.setChecked(not on)
            self.start_at_login.blockSignals(False)
            return
        self.startup_error.setVisible(False)
        self.settings.start_at_login = on
        self._save()

    # -- the offline copy -----------------------------------------------------------------------------------
    def _build_cache(self, cache: CacheActions) -> QVBoxLayout:
        form = self._form()
        folder = cache.path.parent
        self.cache_location = QLabel(str(folder))
        self.cache_location.setTextFormat(Qt.TextFormat.PlainText)
        self.cache_location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cache_location.setWordWrap(True)
        self.cache_location.setToolTip(tooltip(str(folder)))
        open_folder = QPushButton(self.tr("Open folder"))
        open_folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(os.fspath(folder))))
        where = QHBoxLayout()
        where.addWidget(self.cache_location, 1)
        where.addWidget(open_folder, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("Location"), where)

        self.cache_size = QLabel(self.tr("Measuring…"))
        self.clear_button = QPushButton(self.tr("Clear cache…"))
        self.clear_button.setObjectName("danger")
        self.clear_button.clicked.connect(self.ask_clear_cache)
        size_row = QHBoxLayout()
        size_row.addWidget(self.cache_size, 1)
        size_row.addWidget(self.clear_button)
        form.addRow(self.tr("Size"), size_row)
        self.cache_note = self._note()
        self.cache_note.setText(self.tr(
            "Clearing removes what was fetched from the marketplace and fetches it again. What you have not "
            "sent yet, your drafts and what needs your attention are kept."))
        box = QVBoxLayout()
        box.setSpacing(6)
        box.addLayout(form)
        box.addWidget(self.cache_note)
        return box

    def refresh_cache_size(self) -> None:
        assert self.cache is not None
        self.runner.run("settings:cache-size", self.cache.size(), on_done=self._show_cache_size,
                        on_error=lambda _exc: self.cache_size.setText(self.tr("Unknown")))

    def _show_cache_size(self, size: int) -> None:
        self.cache_bytes = size
        self.cache_size.setText(data_size(size))

    def ask_clear_cache(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Clear cache"),
                          self.tr("Clear the offline copy on this computer?"),
                          QMessageBox.StandardButton.NoButton, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(self.tr(
            "Jobs, proposals, conversations and earnings are removed from this computer and fetched again "
            "from the marketplace, which takes a moment. Messages not sent yet, drafts and what needs your "
            "attention are kept."))
        clear = box.addButton(self.tr("Clear cache"), QMessageBox.ButtonRole.DestructiveRole)
        clear.setObjectName("danger")
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        clear.clicked.connect(self._clear_cache)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda *_: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()
        return box

    def _clear_cache(self) -> None:
        assert self.cache is not None
        self.clear_button.setEnabled(False)
        self.cache_size.setText(self.tr("Clearing…"))
        self.runner.run("settings:cache-clear", self.cache.clear(), on_done=self._cleared,
                        on_error=self._clear_failed)

    def _cleared(self, result: CacheCleared) -> None:
        self.clear_button.setEnabled(True)
        self._show_cache_size(result.size_after)
        self.cache_note.setText(self.tr("Cleared: %1 freed. Fetching everything again…")
                                .replace("%1", data_size(max(0, result.size_before - result.size_after))))

    def _clear_failed(self, exc: BaseException) -> None:
        self.clear_button.setEnabled(True)
        self.cache_note.setText(self.tr("The cache could not be cleared: %1. Nothing was removed.")
                                .replace("%1", error_text(exc)))
        self.refresh_cache_size()

