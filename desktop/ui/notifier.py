"""Desktop notifications for what arrives while Atelier is in the background: a client's new message, a
new job in one of the user's saved searches. Shown through the system tray where the desktop has one.

Quiet while the window is in front (the panes show it already), during the user's quiet hours (local
time, across midnight too), for what the user sent, and for anything older than this session (a first sync
brings history, not news). What arrives in quiet hours counts as seen: it is not told all at once later.
A burst collapses into one notification that counts what came in.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from desktop.core.clock import utcnow
from desktop.core.models import Message, Room
from desktop.settings import QuietHours
from desktop.storage import messages as messages_repo
from desktop.storage import rooms as rooms_repo
from desktop.storage import saved_searches as saved_repo
from desktop.ui.bridge import EventBridge, bridge_for
from desktop.ui.protocols import Bus, Database
from desktop.ui.resources import icon

log = logging.getLogger("atelier.ui")

BURST_SECONDS = 4.0
ENABLED_KEY = "notifications/enabled"


@dataclass(frozen=True, slots=True)
class Notice:
    title: str
    body: str
    kind: str  # "room" or "job": what a click opens
    target: str  # the room id or the job id


class Notifier(QObject):
    opened = Signal(str, str)
    """The user clicked a notification: (kind, id) of what it was about."""
    enabledChanged = Signal(bool)
    """Notifications were turned on or off (from the tray's menu or Settings)."""

    def __init__(
        self,
        window: QWidget,
        db: Database,
        bus: Bus | EventBridge,
        my_user_id: Callable[[], str],
        *,
        settings: QSettings | None = None,
        show: Callable[[Notice], None] | None = None,
        in_front: Callable[[], bool] | None = None,
        since: datetime | None = None,
        local_now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        self.my_user_id = my_user_id
        self.settings = settings or QSettings()
        self.since = since or utcnow()
        self._in_front = in_front or (lambda: window.isActiveWindow() and not window.isMinimized())
        self._local_now = local_now or (lambda: datetime.now().astimezone())
        self.quiet_hours: QuietHours | None = None
        self._toggle: QAction | None = None
        self._told: dict[str, str] = {}  # room id -> the last message id told about
        self._last_notice: Notice | None = None
        self._burst_started = 0.0
        self._burst_count = 0
        self.tray: QSystemTrayIcon | None = None
        if show is None and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = self._build_tray()
        self._show = show or self._show_in_tray
        self.bridge = bridge_for(bus, self)
        self.bridge.messagesChanged.connect(self._on_messages)
        self.bridge.savedSearchMatched.connect(self._on_job_matched)

    # -- preference ------------------------------------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        return str(self.settings.value(ENABLED_KEY, "true")).lower() != "false"

    def set_enabled(self, on: bool) -> None:
        changed = on != self.enabled
        self.settings.setValue(ENABLED_KEY, "true" if on else "false")
        if self._toggle is not None and self._toggle.isChecked() != on:
            self._toggle.setChecked(on)
        if changed:
            self.enabledChanged.emit(on)

    def set_quiet_hours(self, quiet: QuietHours | None) -> None:
        """No notifications every day in that span of local time (None: at any hour)."""
        self.quiet_hours = quiet

    def in_quiet_hours(self) -> bool:
        return self.quiet_hours is not None and self.quiet_hours.contains(self._local_now().time())

    # -- what arrives ----------------------------------------------------------------------------------------
    def _quiet(self) -> bool:
        """Nothing to tell now (turned off, quiet hours, or the window is in front and shows it): what
        has arrived so far counts as seen, and the cache is not even read."""
        if self.enabled and not self._in_front() and not self.in_quiet_hours():
            return False
        self.since = utcnow()
        return True

    def _on_messages(self, room_ids: frozenset[str]) -> None:
        if self._quiet():
            return
        me = self.my_user_id()
        for room_id in sorted(room_ids):
            def latest(c: sqlite3.Connection, r: str = room_id) -> tuple[Message | None, Room | None]:
                found = messages_repo.for_room(c, r, limit=1)
                return (found[-1] if found else None), rooms_repo.get(c, r)

            message, room = self.db.read_now(latest)
            if message is None or room is None:
                continue
            if (message.sender_id == me or message.is_local or message.created_at <= self.since
                    or self._told.get(room_id) == message.id):
                continue
            self._told[room_id] = message.id
            self._notify(Notice(title=message.sender_name or room.counterpart_name,
                                body=rooms_repo.preview(message.body), kind="room", target=room_id))

    def _on_job_matched(self, job_id: str, job_title: str, search_ids: tuple[str, ...]) -> None:
        if self._quiet():
            return

        def names(c: sqlite3.Connection) -> list[str]:
            found = (saved_repo.get(c, i) for i in search_ids)
            return [s.name for s in found if s is not None and s.notify]  # muted ones stay quiet

        named = self.db.read_now(names)
        if not named:
            return  # deleted meanwhile, or every search it matched is muted
        self._notify(Notice(
            title=self.tr("New job in “%1”").replace("%1", named[0]) if len(named) == 1
            else self.tr("New job in %n saved search(es)", "", len(named)),
            body=job_title, kind="job", target=job_id))

    def _notify(self, notice: Notice) -> None:
        now = time.monotonic()
        if self._last_notice is not None and now - self._burst_started < BURST_SECONDS:
            self._burst_count += 1
            notice = Notice(
                title=self.tr("%n new update(s) in Atelier", "", self._burst_count),
                body=notice.title + " — " + notice.body, kind=notice.kind, target=notice.target)
        else:
            self._burst_started, self._burst_count = now, 1
        self._last_notice = notice
        self._show(notice)

    # -- the tray ------------------------------------------------------------------------------------------
    def _build_tray(self) -> QSystemTrayIcon:
        tray = QSystemTrayIcon(icon("atelier"), self)
        tray.setToolTip(self.tr("Atelier"))
        menu = QMenu(self.window)
        menu.addAction(self.tr("Open Atelier"), self._bring_to_front)
        toggle = menu.addAction(self.tr("Notifications"))
        toggle.setCheckable(True)
        toggle.setChecked(self.enabled)
        toggle.toggled.connect(self.set_enabled)
        self._toggle = toggle
        tray.setContextMenu(menu)
        tray.activated.connect(lambda reason: self._bring_to_front()
                               if reason == QSystemTrayIcon.ActivationReason.Trigger else None)
        tray.messageClicked.connect(self.click_last)
        tray.show()
        return tray

    def _show_in_tray(self, notice: Notice) -> None:
        if self.tray is None:
            log.debug("no system tray: not shown: %s", notice.title)
            return
        self.tray.showMessage(notice.title, notice.body, icon("atelier"), 8000)

    def click_last(self) -> None:
        """The user clicked the last notification: bring the window up on what it was about."""
        notice = self._last_notice
        self._bring_to_front()
        if notice is not None:
            self.opened.emit(notice.kind, notice.target)

    def _bring_to_front(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def close(self) -> None:
        self.bridge.close_if_owned_by(self)
        if self.tray is not None:
            self.tray.hide()
