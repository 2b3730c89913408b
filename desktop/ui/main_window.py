"""The one window: a sidebar (Jobs, Proposals, Messages with an unread badge, Earnings), the panes, and a
status bar with the connection state, the last sync and the outbox."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast
from urllib.parse import quote

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QFontMetrics,
    QIcon,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from desktop.core.errors import StorageError
from desktop.core.models import ConnectionState, Job, Proposal, ProposalDraft, SyncStatus
from desktop.core.notices import Notice
from desktop.presenters.palette import Item as PaletteItem
from desktop.presenters.palette import Kind, PalettePresenter
from desktop.storage import jobs as jobs_repo
from desktop.storage import profile as profile_repo
from desktop.ui import format as fmt
from desktop.ui import links, theme
from desktop.ui.account_button import AccountButton, ProfileCard, standard_shortcuts
from desktop.ui.attention import AttentionBanner, AttentionDialog
from desktop.ui.bridge import EventBridge
from desktop.ui.notices import notice_text
from desktop.ui.notifier import Notifier
from desktop.ui.protocols import Services
from desktop.ui.resources import icon
from desktop.ui.tasks import TaskRunner
from desktop.ui.untrusted import clean, tooltip
from desktop.ui.widgets import StatusDot
from desktop.ui.window_state import WindowState

if TYPE_CHECKING:  # imported when first needed: the first frame shows one pane, and none of these
    from desktop.presenters.attention import AttentionPresenter, AttentionSnapshot
    from desktop.ui.earnings_pane import EarningsPane
    from desktop.ui.jobs_pane import JobsPane
    from desktop.ui.messages_pane import MessagesPane
    from desktop.ui.palette import CommandPalette
    from desktop.ui.proposal_form import ProposalForm
    from desktop.ui.proposals_pane import ProposalsPane

log = logging.getLogger("atelier.ui")

PANES = ("jobs", "proposals", "messages", "earnings")
MINIMUM_SIZE = QSize(900, 600)
BadgeRole = Qt.ItemDataRole.UserRole + 10
Index = QModelIndex | QPersistentModelIndex


class SidebarDelegate(QStyledItemDelegate):
    """The stock item painting plus an unread badge on the right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), 40))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        count = index.data(BadgeRole)
        if not count:
            return
        pal: QPalette = option.palette
        rect = option.rect
        f = QFont(option.font)
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() - 1)
        fm = QFontMetrics(f)
        text = str(count) if count < 100 else "99+"
        h = fm.height() + 2
        w = max(h, fm.horizontalAdvance(text) + 12)
        badge = QRectF(rect.right() - 18 - w, rect.center().y() - h / 2 + 1, w, h)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.accent(pal))
        painter.drawRoundedRect(badge, h / 2, h / 2)
        painter.setFont(f)
        painter.setPen(theme.on_accent())
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class MainWindow(QMainWindow):
    signOutRequested = Signal()
    """The user chose "Sign out…" (desktop/app.py asks about the offline copy and does it)."""
    signInAgainRequested = Signal()
    """The user pressed "Sign in again" after the server ended the sign-in."""
    switchAccountRequested = Signal(str, str)
    """The user chose another account from the account menu: (server URL, account)."""
    addAccountRequested = Signal()
    """The user chose "Add an account…" (desktop/app.py shows the welcome screen, this account kept)."""
    settingsRequested = Signal()
    """The user chose "Settings…" (desktop/app.py opens the Settings dialog)."""
    aboutRequested = Signal()
    """The user chose "About Atelier"."""
    quitRequested = Signal()
    """The user chose "Quit Atelier" or pressed the platform's quit shortcut."""
    firstFramePainted = Signal()
    """The window painted itself for the first time (start-up builds the services after that)."""

    def __init__(
        self,
        services: Services,
        settings: QSettings | Path | str | None = None,
        my_user_id: str | None = None,
        runner: TaskRunner | None = None,
        *,
        attached: bool = True,
    ) -> None:
        """``attached=False``: ``services`` stand in for the account's services while they are built
        (desktop/services/pending.py): the window shows the cache with only the pane on screen, and
        ``attach()`` brings the real services, the other panes, the badges and "Needs your attention"."""
        super().__init__()
        self.services = services
        self.db = services.db
        self.runner = runner or TaskRunner(self)
        if isinstance(settings, Path | str):
            settings = QSettings(str(settings), QSettings.Format.IniFormat)
        self.state = WindowState(settings if settings is not None else QSettings())
        self.bridge = EventBridge(services.bus, self)
        self._form: ProposalForm | None = None
        self._status = services.sync.status
        self._panes: dict[str, QWidget] = {}
        self.attached = False
        self.painted = False
        self._shut_down = False
        self.attention: AttentionPresenter | None = None
        self.attention_count = 0
        self.cache_notice: QMessageBox | None = None
        self.command_palette: CommandPalette | None = None
        self._quit_anyway = False  # the user chose to lose drafts the full disk kept from being saved
        self.setWindowTitle(self.tr("Atelier"))
        self.setWindowIcon(icon("atelier"))
        self.setMinimumSize(MINIMUM_SIZE)  # every pane is tested whole at this size (test_window_sizes)

        self._fixed_user_id = my_user_id is not None
        self._my_user_id = my_user_id if my_user_id is not None else self._read_my_id()

        # Parents before children: the application's style sheet polishes a widget again at each change of
        # parent, so a tree built bottom-up and then moved into the window is polished several times over.
        central = QWidget()
        self.setCentralWidget(central)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_sidebar())
        panes = QWidget()
        layout.addWidget(panes, 1)
        column = QVBoxLayout(panes)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        # Over the pane on screen: what of the actions made there waits in "Needs your attention".
        self.attention_banner = AttentionBanner()
        self.attention_banner.reviewRequested.connect(self.open_attention_of)
        column.addWidget(self.attention_banner)
        self.stack = QStackedWidget()
        column.addWidget(self.stack, 1)

        self._build_status_bar()

        self.nav.currentRowChanged.connect(self._on_nav)
        self.shortcuts: list[QShortcut] = []
        for i, name in enumerate(PANES):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            shortcut.activated.connect(lambda name=name: self.show_pane(name))
            self.shortcuts.append(shortcut)
        # Ctrl+K (Cmd+K on macOS): the palette that goes anywhere, from the cache.
        palette = QShortcut(QKeySequence("Ctrl+K"), self)
        palette.activated.connect(self.open_palette)
        self.shortcuts.append(palette)
        self.palette_presenter = PalettePresenter(services.bus, self.db, self._palette_static())
        self.palette_presenter.recent = _recent_items(self.state.palette_recent())
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self._focus_search)
        self.shortcuts.append(find)
        self.bridge.statusChanged.connect(self.set_status)
        self.bridge.profileChanged.connect(self._on_profile_changed)
        self.bridge.actionFailed.connect(self._on_action_failed)
        # A refusal changes what is applied for, what is sent and what needs the user: panes re-read.
        self.bridge.actionFailed.connect(lambda _kind, _message: self._after_refusal())
        self.runner.failed.connect(self._on_task_failed)
        # What arrives while the window is in the background: a client's message, a saved search's new job.
        self.notifier = Notifier(self, self.db, self.bridge, lambda: self.my_user_id,
                                 settings=self.state.settings)
        self.notifier.opened.connect(self._open_from_notification)

        self._tick = QTimer(self)
        self._tick.setInterval(30_000)
        self._tick.timeout.connect(self._refresh_relative_times)
        self._tick.start()

        self.set_status(self._status)
        if not self.state.restore_geometry(self):
            self.resize(1280, 800)
        last = self.state.last_pane()
        self.show_pane(last if last in PANES else "jobs")  # builds that pane
        if attached:
            self.attach(services)

    def attach(self, services: Services, *, panes_at_once: bool = True) -> None:
        """The account's services, built (the window may have shown the cache before them): the panes not on
        screen, their badges and "Needs your attention" follow. ``panes_at_once=False``: one pane per turn of
        the event loop (25-35 ms each), so the window answers in between (one asked for sooner is built
        then)."""
        from desktop.presenters.attention import AttentionPresenter

        self.services = services
        self.attached = True
        self.set_status(services.sync.status)
        if panes_at_once:
            for name in PANES:
                self._pane(name)
        else:
            QTimer.singleShot(0, self._build_next_pane)
        attention = getattr(services, "attention", None)
        if attention is not None:
            self.attention = AttentionPresenter(services.bus, attention)
            self.attention.listen(self._show_attention)
            self.attention.start()

    # -- the panes: each built when first needed (the one on screen first, the others by attach()) ----------
    @property
    def jobs(self) -> JobsPane:
        return cast("JobsPane", self._pane("jobs"))

    @property
    def proposals(self) -> ProposalsPane:
        return cast("ProposalsPane", self._pane("proposals"))

    @property
    def messages(self) -> MessagesPane:
        return cast("MessagesPane", self._pane("messages"))

    @property
    def earnings(self) -> EarningsPane:
        return cast("EarningsPane", self._pane("earnings"))

    def built_panes(self) -> dict[str, QWidget]:
        """The panes built so far, by name."""
        return dict(self._panes)

    @property
    def my_user_id(self) -> str:
        return self._my_user_id

    def _build_next_pane(self) -> None:
        name = next((name for name in PANES if name not in self._panes), None)
        if name is None or self._shut_down:
            return
        self._pane(name)
        QTimer.singleShot(0, self._build_next_pane)

    def _pane(self, name: str) -> QWidget:
        pane = self._panes.get(name)
        if pane is None:
            pane = self._panes[name] = self._make_pane(name)
            self.stack.addWidget(pane)
            splitter = getattr(pane, "splitter", None)
            if splitter is not None:
                self.state.restore_splitter(name, splitter)
        return pane

    def _make_pane(self, name: str) -> QWidget:
        services = self.services
        capabilities = services.sync.capabilities
        if name == "jobs":
            from desktop.ui.jobs_pane import JobsPane

            jobs = JobsPane(self.db, services.bus, self._write_proposal, runner=self.runner,
                            parent=self.stack, saved=services.saved_searches, capabilities=capabilities,
                            marks=services.job_marks)
            jobs.newInSavedSearches.connect(self._set_new_jobs)
            return jobs
        if name == "proposals":
            from desktop.ui.proposals_pane import ProposalsPane

            proposals = ProposalsPane(self.db, self.bridge, services.proposals, runner=self.runner,
                                      parent=self.stack, capabilities=capabilities)
            proposals.writeProposalRequested.connect(self.open_proposal_form)
            proposals.pendingInvitationsChanged.connect(self._set_pending_invitations)
            proposals.openJobRequested.connect(self._open_job)
            proposals.openRoomRequested.connect(self._open_room)
            self._set_pending_invitations(proposals.counts.invitations)
            return proposals
        if name == "messages":
            from desktop.ui.messages_pane import MessagesPane

            messages = MessagesPane(self.db, services.bus, services.chat, self._my_user_id,
                                    runner=self.runner, parent=self.stack)
            messages.unreadChanged.connect(self._set_unread)
            messages.roomOpened.connect(lambda _room: self._report_open_room())
            self._set_unread(messages.total_unread())
            return messages
        from desktop.ui.earnings_pane import EarningsPane

        earnings = EarningsPane(self.db, self.bridge, self.stack, capabilities=capabilities)
        earnings.openRoomRequested.connect(self._open_room)  # a contract's conversation
        return earnings

    # -- construction ----------------------------------------------------------------------------------------
    def _build_sidebar(self) -> QWidget:
        side = QWidget()
        side.setObjectName("sidebar")
        side.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        side.setFixedWidth(210)
        lay = QVBoxLayout(side)
        lay.setContentsMargins(0, 18, 0, 14)
        lay.setSpacing(8)

        brand = QHBoxLayout()
        brand.setContentsMargins(18, 0, 12, 8)
        logo = QLabel()
        logo.setPixmap(icon("atelier").pixmap(QSize(28, 28)))
        brand.addWidget(logo)
        name = QLabel(self.tr("Atelier"))
        name.setObjectName("brand")
        brand.addWidget(name)
        brand.addStretch(1)
        lay.addLayout(brand)

        self.nav = QListWidget()
        self.nav.setObjectName("sidebarList")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setItemDelegate(SidebarDelegate(self.nav))
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.nav.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.ensurePolished()  # the style sheet's item padding counts in the rows' first layout
        labels = [self.tr("Jobs"), self.tr("Proposals"), self.tr("Messages"), self.tr("Earnings")]
        for i, (key, label) in enumerate(zip(PANES, labels, strict=True)):
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(f"{label} (Ctrl+{i + 1})")
            self.nav.addItem(item)
        self._tint_nav_icons()
        lay.addWidget(self.nav, 1)

        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.clicked.connect(self.sync_now)
        sync_row = QHBoxLayout()
        sync_row.setContentsMargins(14, 0, 14, 0)
        sync_row.addWidget(self.sync_button)
        lay.addLayout(sync_row)
        # The account: the user's avatar, name and marketplace; its menu has the profile, Settings, About,
        # the other accounts, signing out and Quit.
        self.account = AccountButton()
        self.account_menu = QMenu(self.account)
        self.profile_card = QWidgetAction(self.account_menu)
        self.profile_card.setDefaultWidget(ProfileCard())
        self.account_menu.addAction(self.profile_card)
        self.open_profile_action = self.account_menu.addAction(self.tr("Open your profile"))
        self.open_profile_action.triggered.connect(self._open_profile)
        self.account_menu.addSeparator()
        self.settings_action = QAction(self.tr("Settings…"), self)
        self.settings_action.setShortcuts(standard_shortcuts(QKeySequence.StandardKey.Preferences, "Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.settingsRequested)
        self.about_action = QAction(self.tr("About Atelier"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.aboutRequested)
        self.account_menu.addActions([self.settings_action, self.about_action])
        # "Switch to" entries for the other accounts on this computer go here (set_other_accounts).
        self._switch_actions: list[QAction] = []
        self._switch_anchor = self.account_menu.addSeparator()
        self.add_account_action = self.account_menu.addAction(self.tr("Add an account…"))
        self.add_account_action.triggered.connect(self.addAccountRequested)
        self.sign_out_action = self.account_menu.addAction(self.tr("Sign out…"))
        self.sign_out_action.triggered.connect(self.signOutRequested)
        self.account_menu.addSeparator()
        self.quit_action = QAction(self.tr("Quit Atelier"), self)
        self.quit_action.setShortcuts(standard_shortcuts(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.quitRequested)
        self.account_menu.addAction(self.quit_action)
        # The shortcuts work anywhere in the window, not only while the menu is open.
        self.addActions([self.settings_action, self.quit_action])
        self.account.setMenu(self.account_menu)
        self._show_identity()
        account_row = QHBoxLayout()
        account_row.setContentsMargins(10, 4, 10, 0)
        account_row.addWidget(self.account, 1)
        lay.addLayout(account_row)
        return side

    def _tint_nav_icons(self) -> None:
        tint = theme.muted(self.palette())
        for i, key in enumerate(PANES):  # tinted at the one size the list shows (each size is a render)
            self.nav.item(i).setIcon(icon(key, tint, sizes=(self.nav.iconSize().width(),)))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "outbox_label"):
            self._tint_nav_icons()
            self.set_status(self._status)
        if event.type() in (QEvent.Type.ActivationChange, QEvent.Type.WindowStateChange) and hasattr(
                self, "stack"):
            self._report_open_room()

    def _report_open_room(self) -> None:
        """Tell the sync engine which conversation the user is looking at (polled often without push)."""
        in_front = self.isActiveWindow() and not self.isMinimized() and self.current_pane() == "messages"
        self.services.sync.set_open_room(self.messages.room_id if in_front else None)  # on screen: built

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(10, 0, 0, 0)
        row.setSpacing(4)
        self.status_dot = StatusDot()
        self.status_label = QLabel()
        self.last_sync_label = QLabel()
        self.notice_label = QLabel()
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.status_dot)
        row.addWidget(self.status_label)
        row.addWidget(self.last_sync_label)
        row.addWidget(self.notice_label)
        row.addStretch(1)
        self.sign_in_button = QPushButton(self.tr("Sign in again"))
        self.sign_in_button.setObjectName("primary")
        self.sign_in_button.clicked.connect(self.signInAgainRequested)
        self.sign_in_button.setVisible(False)
        row.addWidget(self.sign_in_button)
        self.attention_button = QPushButton()
        self.attention_button.setObjectName("danger")
        self.attention_button.setVisible(False)
        self.attention_button.clicked.connect(self.open_attention)
        row.addWidget(self.attention_button)
        bar.addWidget(holder, 1)
        self.keychain_label = QLabel(self.tr("Sign-in lasts for this session only"))
        self.keychain_label.setToolTip(self.tr(
            "No keychain is available on this computer, so your sign-in is kept in memory only. "
            "Atelier never stores it in a plain file."))
        self.keychain_label.setVisible(False)
        bar.addPermanentWidget(self.keychain_label)
        self.outbox_label = QLabel()
        bar.addPermanentWidget(self.outbox_label)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(lambda: self.notice_label.setText(""))

    def _read_my_id(self) -> str:
        me = self.db.read_now(profile_repo.get)
        return me.id if me is not None else ""

    def _on_profile_changed(self) -> None:
        self._show_identity()
        if self._fixed_user_id:
            return
        my_id = self._read_my_id()
        if my_id and my_id != self._my_user_id:
            self._my_user_id = my_id
            messages = self._panes.get("messages")
            if messages is not None:  # a pane built later starts with it
                cast("MessagesPane", messages).set_my_user_id(my_id)

    # -- navigation ------------------------------------------------------------------------------------------
    def show_pane(self, name: str) -> None:
        self.nav.setCurrentRow(PANES.index(name))

    def current_pane(self) -> str:
        shown = self.stack.currentWidget()
        return next((name for name, pane in self._panes.items() if pane is shown), "jobs")

    def _on_nav(self, row: int) -> None:
        if 0 <= row < len(PANES):
            self.stack.setCurrentWidget(self._pane(PANES[row]))
            self.state.set_last_pane(PANES[row])
            if self.attention is not None:
                self._show_attention(self.attention.snapshot)
            self._report_open_room()

    def _focus_search(self) -> None:
        self.show_pane("jobs")
        self.jobs.focus_search()

    def _set_unread(self, count: int) -> None:
        item = self.nav.item(PANES.index("messages"))
        item.setData(BadgeRole, count)
        label = self.tr("Messages")
        unread = self.tr("%1, %2 unread").replace("%1", label).replace("%2", str(count))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, unread if count else label)

    def _set_new_jobs(self, count: int) -> None:
        item = self.nav.item(PANES.index("jobs"))
        item.setData(BadgeRole, count)
        label = self.tr("Jobs")
        item.setData(Qt.ItemDataRole.AccessibleTextRole,
                     self.tr("%1, %2 new in saved searches").replace("%1", label).replace("%2", str(count))
                     if count else label)
        self.nav.viewport().update()

    def _set_pending_invitations(self, count: int) -> None:
        item = self.nav.item(PANES.index("proposals"))
        item.setData(BadgeRole, count)
        label = self.tr("Proposals")
        item.setData(Qt.ItemDataRole.AccessibleTextRole,
                     self.tr("%1, %2 invitations waiting for your answer").replace("%1", label)
                     .replace("%2", str(count)) if count else label)
        self.nav.viewport().update()

    def invitations_badge(self) -> int:
        return int(self.nav.item(PANES.index("proposals")).data(BadgeRole) or 0)

    def _open_job(self, job_id: str) -> None:
        self.show_pane("jobs")
        self.jobs.open_job(job_id)

    def _open_room(self, room_id: str) -> None:
        self.show_pane("messages")
        self.messages.open_room(room_id)

    def new_jobs_badge(self) -> int:
        return int(self.nav.item(PANES.index("jobs")).data(BadgeRole) or 0)

    def unread_badge(self) -> int:
        return int(self.nav.item(PANES.index("messages")).data(BadgeRole) or 0)

    # -- proposals -------------------------------------------------------------------------------------------
    def _write_proposal(self, job: Job) -> None:
        self.open_proposal_form(job)

    def open_proposal_form(self, job: Job) -> ProposalForm:
        from desktop.ui.proposal_form import ProposalForm

        if self._form is not None:
            self._form.close()
        form = ProposalForm(job, self.services.proposals, self.runner, parent=self,
                            capabilities=self.services.sync.capabilities)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.submitted.connect(self._on_proposal_submitted)
        form.destroyed.connect(lambda *_: setattr(self, "_form", None))
        self._form = form
        form.open()
        return form

    def _on_proposal_submitted(self, proposal: Proposal) -> None:
        self.proposals.set_tab(0)
        self.proposals.reload()
        row = self.proposals.model.row_of(proposal.id)
        if row >= 0:
            self.proposals.select_row(row)
        self.show_pane("proposals")
        self.notify(self.tr("Proposal saved — it will be sent to the client."), error=False)

    # -- status ----------------------------------------------------------------------------------------------
    def set_status(self, status: SyncStatus) -> None:
        self._status = status
        self.status_dot.setColor(theme.connection_color(status.state))
        text = fmt.connection_text(status.state)
        # Why we are offline or signed out, in the interface language.
        why = status.notice if status.state in (ConnectionState.OFFLINE, ConnectionState.SIGNED_OUT) else None
        self.status_label.setToolTip(tooltip(notice_text(why)) if why is not None else "")
        self.status_label.setText(text)
        last_sync = self._last_sync_text(status.last_synced_at)
        if status.purged and status.state is not ConnectionState.ONLINE:
            last_sync += " · " + self.tr("%1 older items removed").replace("%1", fmt.number(status.purged))
        self.last_sync_label.setText(last_sync)
        self.last_sync_label.setToolTip(tooltip(self._cache_limit_text(status)))
        n = status.pending_outbox
        if n == 1:
            self.outbox_label.setText(self.tr("1 action waiting to send"))
        else:
            self.outbox_label.setText(
                self.tr("%1 actions waiting to send").replace("%1", str(n)) if n else ""
            )
        self.outbox_label.setVisible(bool(n))
        self.sync_button.setEnabled(status.state not in (ConnectionState.SYNCING, ConnectionState.SIGNED_OUT))
        self.sign_in_button.setVisible(status.state is ConnectionState.SIGNED_OUT)
        if status.disk_full_mb:
            self._show_disk_full(status.disk_full_mb)

    def _show_disk_full(self, needed_mb: int) -> None:
        """A full disk outranks the connection: nothing can be stored or sent until there is room."""
        self.status_dot.setColor(theme.danger(self.palette()))
        self.status_label.setText(self.tr("Disk full — %1 MB needed; sending paused")
                                  .replace("%1", fmt.number(needed_mb)))
        self.status_label.setToolTip(self.tr(
            "The disk that holds Atelier's offline copy is full. Free %1 MB on it: Atelier notices by "
            "itself, then saves and sends what waits. Until then everything cached stays readable, and "
            "drafts you write are kept in memory (quitting before there is room would lose them).")
            .replace("%1", fmt.number(needed_mb)))
        self.sync_button.setEnabled(False)

    # -- needs your attention ----------------------------------------------------------------------------
    def _on_action_failed(self, kind: str, notice: Notice) -> None:
        if kind == "cache":
            self.show_cache_notice(notice_text(notice))
        else:
            self.notify(notice_text(notice))

    def show_cache_notice(self, text: str) -> QMessageBox:
        """The cache was rebuilt: what was rescued and, by name, what was not. In a window that stays until
        it is read (the status bar would cut it short and clear it after ten seconds); not modal."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Local cache rebuilt"), clean(text),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the user's words and the rooms' names
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        self.cache_notice = box
        return box

    def _after_refusal(self) -> None:
        if "proposals" in self._panes:
            self.proposals.reload()
        if "jobs" in self._panes:
            self.jobs.refresh_applied()  # the refused proposal no longer counts as applied

    def _show_attention(self, snapshot: AttentionSnapshot) -> None:
        n = self.attention_count = snapshot.total
        self.attention_button.setText(self.tr("%n need(s) your attention", "", n))
        self.attention_button.setVisible(n > 0)
        self.attention_banner.show_count(self.current_pane(), snapshot.count_for(self.current_pane()))

    def open_attention(self) -> AttentionDialog | None:
        return self.open_attention_of("")

    def open_attention_of(self, pane: str) -> AttentionDialog | None:
        """Everything that needs the user, or (``pane``) only what was done in that pane. Nothing before the
        services are attached (nothing can need the user yet: the outbox has not run)."""
        from desktop.presenters.attention import kinds_of_pane

        if not self.attached:
            return None
        dialog = AttentionDialog(self.services.attention, self.runner, parent=self,  # type: ignore[attr-defined]
                                 kinds=kinds_of_pane(pane) if pane else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.editProposal.connect(self._edit_refused_proposal)
        dialog.open()
        return dialog

    def _edit_refused_proposal(self, item_id: int, draft: ProposalDraft) -> None:
        """Keep the refused proposal as the job's draft, forget the refusal, and open the form on it."""
        job = self.db.read_now(lambda c: jobs_repo.get(c, draft.job_id))
        if job is None:
            self.notify(self.tr("That job is no longer in your offline copy; the proposal stays listed."))
            return

        async def keep_then_forget() -> None:
            await self.services.proposals.save_draft(draft)
            await self.services.attention.discard(item_id)  # type: ignore[attr-defined]

        def reopen(_result: None) -> None:
            self.open_proposal_form(job)

        self.runner.run(f"attention:keep:{item_id}", keep_then_forget(), on_done=reopen)

    def _cache_limit_text(self, status: SyncStatus) -> str:
        """For a marketplace that limits how long its data may be kept: how long, and what went."""
        if status.cache_limit_hours is None:
            return ""
        text = self.tr("%1 allows its data to be kept offline for %2 hours; older data is removed.") \
            .replace("%1", self.services.sync.capabilities.display_name) \
            .replace("%2", str(status.cache_limit_hours))
        if status.purged:
            text += " " + self.tr("%1 items could not be refreshed in time and were removed.") \
                .replace("%1", fmt.number(status.purged))
        return text

    # -- the account ---------------------------------------------------------------------------------------
    def _show_identity(self) -> None:
        """The button and the menu's card: the user's name (from the cached profile; the account's label
        until the first sync brings it), e-mail and marketplace."""
        try:
            me = self.db.read_now(profile_repo.get)
        except StorageError:  # the cache is closing (signing out, switching): keep what is shown
            return
        label = self.services.account_label
        name = (me.name.strip() if me is not None else "") or label
        email = me.email if me is not None else ""
        if not email and "@" in label:
            email = label
        marketplace = self.marketplace_name(me.name if me is not None else "")
        self.account.set_identity(name, email, marketplace)
        card = self.profile_card.defaultWidget()
        assert isinstance(card, ProfileCard)
        card.set_identity(name, email, marketplace, self.account.avatar(), self.services.server_url)
        self._profile_url = self._profile_page(me.id if me is not None else "")
        self.open_profile_action.setText(
            self.tr("Open your profile on %1").replace("%1", marketplace))
        self.open_profile_action.setVisible(bool(self._profile_url))

    def marketplace_name(self, profile_name: str = "") -> str:
        """What the marketplace is called here: the demo's name, the marketplace's own name (Upwork),
        else its address."""
        label = self.services.account_label
        if label and "@" not in label and label != profile_name:
            return label  # "Demo marketplace", "Upwork demo"
        name = self.services.sync.capabilities.display_name
        if name and name != "the marketplace":
            return name
        return fmt.server_host(self.services.server_url)

    def _profile_page(self, my_id: str) -> str:
        template = self.services.sync.capabilities.profile_url
        if not template or not my_id:
            return ""
        url = template.replace("{id}", quote(my_id, safe=""))
        return url if links.is_web_address(url) else ""

    def _open_profile(self) -> None:
        if self._profile_url and not links.open_in_browser(self._profile_url):
            self.notify(self.tr("Could not open your browser."))

    def set_other_accounts(self, accounts: list[tuple[str, str]]) -> None:
        """List the other accounts signed in on this computer, (server URL, account) each, in the menu."""
        for action in self._switch_actions:
            self.account_menu.removeAction(action)
            action.deleteLater()
        self._switch_actions = []
        for server_url, account in accounts:
            action = QAction(self.tr("Switch to %1 · %2").replace("%1", account)
                             .replace("%2", fmt.server_host(server_url)), self.account_menu)
            action.setToolTip(tooltip(server_url))
            action.triggered.connect(
                lambda _checked=False, s=server_url, a=account: self.switchAccountRequested.emit(s, a))
            self.account_menu.insertAction(self._switch_anchor, action)
            self._switch_actions.append(action)
        self._switch_anchor.setVisible(bool(accounts))

    @property
    def switch_actions(self) -> list[QAction]:
        return list(self._switch_actions)

    def show_session_only_warning(self, visible: bool) -> None:
        """No keychain: say plainly that the sign-in will not survive a restart."""
        self.keychain_label.setVisible(visible)
        if visible:
            self.keychain_label.setStyleSheet(f"color: {theme.warning(self.palette()).name()};")

    def _last_sync_text(self, when: datetime | None) -> str:
        if when is None:
            return "· " + self.tr("Not synced yet")
        return "· " + self.tr("Last sync %1 (%2)").replace("%1", fmt.clock(when)).replace("%2", fmt.ago(when))

    def _refresh_relative_times(self) -> None:
        """ "3 min ago" ages: refresh the status bar and repaint the visible lists every 30 s."""
        self.set_status(self._status)
        for name, view in (("jobs", "list"), ("proposals", "list"), ("messages", "rooms")):
            if name in self._panes:
                getattr(self._panes[name], view).viewport().update()

    def status_text(self) -> str:
        parts = [self.status_label.text(), self.last_sync_label.text(), self.outbox_label.text()]
        return " ".join(p for p in parts if p)

    def notify(self, message: str, error: bool = True) -> None:
        color = theme.danger(self.palette()) if error else theme.accent(self.palette())
        self.notice_label.setStyleSheet(f"color: {color.name()};")
        self.notice_label.setText("· " + message)
        self._notice_timer.start(10_000)

    def _on_task_failed(self, name: str, message: str) -> None:
        if name.startswith(("proposal:submit", "chat:send")):
            return  # shown inline by the form / the composer
        self.notify(message)

    def sync_now(self) -> None:
        self.runner.run("sync_now", self.services.sync.sync_now())

    # -- lifecycle -------------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            self.firstFramePainted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._drafts_would_be_lost():
            event.ignore()
            return
        self.save_state()
        self.shutdown()
        super().closeEvent(event)

    def _drafts_would_be_lost(self) -> bool:
        """Proposal drafts the full disk kept from being saved live only in memory: before they go with the
        window, ask (Keep Atelier open is the default; Atelier saves them by itself once there is room)."""
        from PySide6.QtWidgets import QMessageBox

        if self._quit_anyway or not getattr(self.services.proposals, "unsaved_drafts", 0):
            return False
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Atelier"), self.tr(
            "The disk is full, so proposal drafts you wrote could not be saved yet. Atelier saves them by "
            "itself once there is room: free some disk space first, or quit and lose them."), parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        lose = box.addButton(self.tr("Quit and lose them"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(self.tr("Keep Atelier open"), QMessageBox.ButtonRole.RejectRole))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            if box.clickedButton() is lose:
                self._quit_anyway = True
                self.close()

        box.finished.connect(answered)
        self.drafts_question = box
        box.open()
        return True

    def self_check(self) -> list[str]:
        """What `atelier --self-test` asks of the window: every pane shows rows (empty list: all good)."""
        shown = {
            "Jobs pane": self.jobs.model.total,
            "Proposals pane": sum((self.proposals.counts.active, self.proposals.counts.hired,
                                   self.proposals.counts.archived)),
            "Messages pane": self.messages.rooms_model.rowCount(),
            "Earnings pane": self.earnings.tx_model.total,
        }
        return [f"{pane} shows no rows" for pane, rows in shown.items() if rows == 0]

    def save_state(self) -> None:
        self.state.save_geometry(self)
        self.state.set_last_pane(self.current_pane())
        for name, pane in self._panes.items():  # a pane never built keeps what was saved before
            splitter = getattr(pane, "splitter", None)
            if splitter is not None:
                self.state.save_splitter(name, splitter)
        self.state.sync()

    # -- Ctrl+K ----------------------------------------------------------------------------------------------
    def _palette_static(self) -> list[PaletteItem]:
        """The panes and the commands, in the interface's language."""
        panes = [PaletteItem(Kind.PANE, key, self.nav.item(i).text(), f"Ctrl+{i + 1}")
                 for i, key in enumerate(PANES)]
        commands = [
            PaletteItem(Kind.COMMAND, "sync", self.tr("Sync now")),
            PaletteItem(Kind.COMMAND, "save-search", self.tr("Save search")),
            PaletteItem(Kind.COMMAND, "saved-jobs", self.tr("Saved jobs")),
            PaletteItem(Kind.COMMAND, "search-messages", self.tr("Search all conversations")),
            PaletteItem(Kind.COMMAND, "contracts", self.tr("Contracts")),
            PaletteItem(Kind.COMMAND, "attention", self.tr("Needs your attention")),
            PaletteItem(Kind.COMMAND, "settings", self.tr("Settings…")),
            PaletteItem(Kind.COMMAND, "add-account", self.tr("Add an account…")),
            PaletteItem(Kind.COMMAND, "sign-out", self.tr("Sign out…")),
            PaletteItem(Kind.COMMAND, "quit", self.tr("Quit Atelier")),
        ]
        return panes + commands

    def open_palette(self) -> CommandPalette:
        from desktop.ui.palette import CommandPalette

        if self.command_palette is not None and self.command_palette.isVisible():
            return self.command_palette
        palette = CommandPalette(self.palette_presenter, self)
        palette.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        palette.chosen.connect(self.go_to)
        palette.destroyed.connect(lambda: setattr(self, "command_palette", None))
        palette.open()
        self.command_palette = palette
        return palette

    def go_to(self, item: PaletteItem) -> None:
        """Open what the palette found (and remember it: an empty palette offers the latest choices)."""
        self.state.set_palette_recent([(i.kind.value, i.target, i.title, i.subtitle)
                                       for i in self.palette_presenter.recent])
        if item.kind is Kind.PANE:
            self.show_pane(item.target)
        elif item.kind is Kind.ROOM:
            self._open_room(item.target)
        elif item.kind is Kind.JOB:
            self._open_job(item.target)
        elif item.kind is Kind.PROPOSAL:
            self.show_pane("proposals")
            self.proposals.open_proposal(item.target)
        elif item.kind is Kind.SAVED_SEARCH:
            self.show_pane("jobs")
            chip = self.jobs.saved_bar.chip_for(item.target)
            if chip is not None:
                self.jobs.apply_saved_search(chip.search)
        elif item.kind is Kind.COMMAND:
            actions = {
                "sync": self.sync_now,
                "save-search": self._save_search_from_palette,
                "saved-jobs": self._show_saved_jobs,
                "search-messages": self._search_messages,
                "contracts": self._show_contracts,
                "attention": self.open_attention,
                "settings": self.settingsRequested.emit,
                "add-account": self.addAccountRequested.emit,
                "sign-out": self.signOutRequested.emit,
                "quit": self.quitRequested.emit,
            }
            action = actions.get(item.target)
            if action is not None:
                action()

    def _show_saved_jobs(self) -> None:
        self.show_pane("jobs")
        self.jobs.saved_jobs_button.setChecked(True)

    def _search_messages(self) -> None:
        self.show_pane("messages")
        self.messages.search.setFocus()
        self.messages.search.selectAll()

    def _show_contracts(self) -> None:
        from desktop.ui.earnings_pane import TAB_CONTRACTS

        self.show_pane("earnings")
        self.earnings.tabs.setCurrentIndex(TAB_CONTRACTS)

    def _save_search_from_palette(self) -> None:
        self.show_pane("jobs")
        if self.jobs.save_search_button.isEnabled():
            self.jobs.save_search_button.click()
        else:
            self.notify(self.jobs.save_search_button.toolTip(), error=False)  # why it cannot be saved

    def _open_from_notification(self, kind: str, target: str) -> None:
        if kind == "room":
            self.show_pane("messages")
            self.messages.open_room(target)
        elif kind == "job":
            self.show_pane("jobs")
            self.jobs.open_job(target)

    def shutdown(self) -> None:
        """Stop listening to the bus and cancel UI tasks (app.py awaits ``runner.cancel_all()`` itself)."""
        self._shut_down = True  # no pane is built from here on
        if self._form is not None:
            self._form.save_now()  # the proposal being written: what the autosave had not written yet
        self.bridge.close()
        self.notifier.close()
        if self.attention is not None:
            self.attention.close_now()
        self.palette_presenter.close_now()
        for pane in self._panes.values():
            pane.shutdown()  # type: ignore[attr-defined]
        self.runner.cancel_all_now()


def app_icon() -> QIcon:
    return icon("atelier")


def _recent_items(rows: list[tuple[str, str, str, str]]) -> list[PaletteItem]:
    """The palette's latest choices as saved (a kind this version does not know is left out)."""
    known = {kind.value: kind for kind in Kind}
    return [PaletteItem(known[kind], target, title, subtitle)
            for kind, target, title, subtitle in rows if kind in known and kind != Kind.RECENT.value]
