"""The Proposals pane: status tabs with counts, a list, and the selected proposal's detail."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from desktop.core.capabilities import Capabilities
from desktop.core.models import Invitation, InvitationStatus, Job, JobType, Proposal, ProposalStatus
from desktop.core.money import fee_breakdown
from desktop.storage import invitations as invitations_repo
from desktop.storage import jobs as jobs_repo
from desktop.storage import proposals as proposals_repo
from desktop.ui import format as fmt
from desktop.ui import theme
from desktop.ui.bridge import EventBridge
from desktop.ui.protocols import Bus, Database, ProposalActions
from desktop.ui.tasks import TaskRunner
from desktop.ui.untrusted import clean, fill, tooltip
from desktop.ui.widgets import (
    Chip,
    EmptyStack,
    FittedTextBrowser,
    FlowLayout,
    VerticalScrollArea,
    paint_chip,
    plain_label,
    set_role,
    widen_chip_font,
)

# A bare name lupdate recognises, like QCoreApplication.translate: translate("context", "text").
translate = QCoreApplication.translate

Index = QModelIndex | QPersistentModelIndex

ACTIVE = (ProposalStatus.SUBMITTED, ProposalStatus.VIEWED, ProposalStatus.INTERVIEWING, ProposalStatus.OFFER)
HIRED = (ProposalStatus.HIRED,)
ARCHIVED = (ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN, ProposalStatus.ARCHIVED)
TAB_ACTIVE, TAB_HIRED, TAB_ARCHIVED, TAB_INVITES = range(4)
TAB_STATUSES = {TAB_ACTIVE: ACTIVE, TAB_HIRED: HIRED, TAB_ARCHIVED: ARCHIVED}


def is_local(p: Proposal) -> bool:
    return p.id.startswith("local:")


@dataclass(frozen=True, slots=True)
class Counts:
    active: int
    hired: int
    archived: int
    invitations: int


def read_counts(conn: sqlite3.Connection) -> Counts:
    by = proposals_repo.counts_by_status(conn)
    pending = len(invitations_repo.list(conn, InvitationStatus.PENDING))
    return Counts(
        active=sum(by.get(s, 0) for s in ACTIVE),
        hired=sum(by.get(s, 0) for s in HIRED),
        archived=sum(by.get(s, 0) for s in ARCHIVED),
        invitations=pending,
    )


class ProposalListModel(QAbstractListModel):
    """Proposals (or invitations, on the Invitations tab) for the chosen tab — a few hundred at most."""

    ItemRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Proposal | Invitation] = []

    def set_items(self, items: list[Proposal | Invitation]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> Proposal | Invitation | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, item_id: str) -> int:
        return next((i for i, it in enumerate(self._items) if it.id == item_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return clean(item.job_title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(item.job_title)
        if role == self.ItemRole:
            return item
        return None


class ProposalDelegate(QStyledItemDelegate):
    PAD = 12

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(200, fm.height() * 2 + 6 + self.PAD * 2 + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = index.data(ProposalListModel.ItemRole)
        if item is None:
            return
        pal: QPalette = option.palette
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        base_font: QFont = option.font
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(rect.adjusted(10, 4, -10, -4))
        painter.setPen(theme.accent(pal) if selected else theme.border(pal))
        painter.setBrush(theme.accent_soft(pal) if selected else theme.card(pal))
        painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 9, 9)

        inner = card.adjusted(self.PAD + 2, self.PAD - 2, -self.PAD - 2, -self.PAD + 2)
        bold = QFont(base_font)
        bold.setBold(True)
        fm, bfm = QFontMetrics(base_font), QFontMetrics(bold)

        if isinstance(item, Proposal):
            chip_text = self.tr("Sending…") if is_local(item) else fmt.status_text(item.status)
            chip_color = theme.muted(pal) if is_local(item) else theme.status_color(pal, item.status)
        else:
            chip_text, chip_color = invitation_chip(item.status, pal)

        chip_font = widen_chip_font(base_font)
        cfm = QFontMetrics(chip_font)
        chip_w = cfm.horizontalAdvance(chip_text) + 18
        chip_h = cfm.height() + 4
        painter.setFont(chip_font)

        paint_chip(
            painter,
            QRectF(inner.right() - chip_w, inner.top() + (bfm.height() - chip_h) / 2, chip_w, chip_h),
            chip_text,
            pal,
            chip_color,
        )
        painter.setFont(bold)
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        title_w = int(inner.width() - chip_w - 12)
        painter.drawText(
            QRectF(inner.left(), inner.top(), title_w, bfm.height()),
            Qt.AlignmentFlag.AlignVCenter,
            bfm.elidedText(item.job_title, Qt.TextElideMode.ElideRight, title_w),
        )
        painter.setFont(base_font)
        painter.setPen(theme.muted(pal))
        painter.drawText(
            QRectF(inner.left(), inner.top() + bfm.height() + 6, inner.width(), fm.height()),
            Qt.AlignmentFlag.AlignVCenter,
            self.second_line(item, fm, int(inner.width())),
        )
        painter.restore()

    def second_line(self, item: Proposal | Invitation, fm: QFontMetrics, width: int) -> str:
        """Client · bid · age, in ``width`` pixels: the bid is never cut; the client's name and the age
        give way first (elided with "…"; the detail shows them whole)."""
        sep = " · "
        elide = Qt.TextElideMode.ElideRight
        if isinstance(item, Invitation):
            received = self.tr("Received %1").replace("%1", fmt.ago(item.created_at))
            return fm.elidedText(sep.join([item.client_name, received]), elide, width)
        bid = self.tr("Bid %1").replace("%1", fmt.money(item.bid))
        age = sep + self.tr("Updated %1").replace("%1", fmt.ago(item.updated_at))
        client = item.client_name + sep if item.client_name else ""
        if fm.horizontalAdvance(client + bid + age) <= width:
            return client + bid + age
        if client and fm.horizontalAdvance(client + bid) > width:
            room = width - fm.horizontalAdvance(bid + sep) - 2  # (the parts measured apart round down)
            name = fm.elidedText(item.client_name, elide, room)
            client = name + sep if name and name != "…" else ""
        head = client + bid
        rest = width - fm.horizontalAdvance(head)
        tail = fm.elidedText(age, elide, rest - 2) if rest > fm.horizontalAdvance(sep + "…") + 2 else ""
        return head + tail


class ProposalDetail(QWidget):
    """A proposal (cover letter, bid, fee and net, Withdraw) or an invitation (message)."""

    def __init__(self, parent: QWidget | None = None, capabilities: Capabilities | None = None) -> None:
        super().__init__(parent)
        self.capabilities = capabilities
        self._hourly = False
        self.setObjectName("detail")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.item: Proposal | Invitation | None = None
        # All but the answers scrolls as one page (a long title or letter in a small window); the note and
        # the answers stay at the bottom.
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(24, 20, 24, 8)
        lay.setSpacing(10)
        self.scroller = VerticalScrollArea(page)
        root.addWidget(self.scroller, 1)

        head = QHBoxLayout()
        self.title = plain_label("", "h1", wrap=True)
        self.chip = Chip("")
        head.addWidget(self.title, 1)
        head.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(head)
        self.meta = plain_label("", "muted", wrap=True)
        lay.addWidget(self.meta)

        # Four facts side by side, wrapping onto a second line in a narrow detail (a bid is never cut).
        self.facts = FlowLayout(spacing=28, line_spacing=10)
        self._fact_caps: list[QLabel] = []
        self._fact_vals: list[QLabel] = []
        self._fact_boxes: list[QWidget] = []
        for _col in range(4):
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            cap = plain_label("", "section")
            val = plain_label("", "h2")
            column.addWidget(cap)
            column.addWidget(val)
            self.facts.addWidget(box)
            self._fact_caps.append(cap)
            self._fact_vals.append(val)
            self._fact_boxes.append(box)
        lay.addLayout(self.facts)

        self.net_line = plain_label("", None, wrap=True)
        lay.addWidget(self.net_line)

        self.body_caption = plain_label("", "section")
        lay.addWidget(self.body_caption)
        self.body = FittedTextBrowser()
        self.body.setObjectName("plainBody")
        self.body.setOpenLinks(False)
        self.body.setOpenExternalLinks(False)
        self.body.document().setDocumentMargin(0)
        lay.addWidget(self.body)
        lay.addStretch(1)
        footer = QWidget()
        foot = QVBoxLayout(footer)
        foot.setContentsMargins(24, 8, 24, 16)
        foot.setSpacing(8)
        root.addWidget(footer)

        # The note over the whole width (long in some languages: it wraps, never widens nor squeezes into
        # a column beside the buttons), the answers under it on the right.
        self.note = plain_label("", "muted", wrap=True)
        self.note.hide()
        foot.addWidget(self.note)
        actions = QHBoxLayout()
        actions.addStretch(1)
        self.withdraw_button = QPushButton(self.tr("Withdraw proposal"))
        self.withdraw_button.setObjectName("danger")
        actions.addWidget(self.withdraw_button)
        # An invitation's answers: a proposal accepts it, or decline it.
        self.decline_button = QPushButton(self.tr("Decline"))
        self.decline_button.setObjectName("danger")
        self.decline_button.hide()
        actions.addWidget(self.decline_button)
        self.answer_button = QPushButton(self.tr("Write proposal"))
        self.answer_button.setObjectName("primary")
        self.answer_button.hide()
        actions.addWidget(self.answer_button)
        foot.addLayout(actions)

    def _facts(self, pairs: list[tuple[str, str]]) -> None:
        for i in range(4):
            cap, val = pairs[i] if i < len(pairs) else ("", "")
            self._fact_caps[i].setText(cap.upper())
            self._fact_vals[i].setText(val)
            self._fact_boxes[i].setVisible(bool(cap or val))

    def show_proposal(self, p: Proposal, hourly: bool = False) -> None:
        """``hourly``: the bid is a rate (the job is paid by the hour), so it reads "$75.00 /hr"."""
        self.item = p
        self._hourly = hourly
        pal = self.palette()
        local = is_local(p)
        self.title.setText(p.job_title)
        self.chip.setText(self.tr("Sending…") if local else fmt.status_text(p.status))
        self.chip.setColor(theme.muted(pal) if local else theme.status_color(pal, p.status))
        meta = [self.tr("Submitted %1").replace("%1", fmt.full_date(p.created_at))]
        if p.client_name:
            meta.insert(0, p.client_name)
        if p.invited:
            meta.append(self.tr("Invited"))
        self.meta.setText(" · ".join(meta))
        split = fee_breakdown(p.bid, p.fee_rate)
        self._facts(
            [
                (self.tr("Your bid"), fmt.money(p.bid) + (self.tr(" /hr") if hourly else "")),
                (self.tr("Duration"), p.duration or "—"),
                (self.tr("Connects spent"), str(p.connects_spent)),
                (self.tr("Updated"), fmt.ago(p.updated_at)),
            ]
        )
        money_line, earns = self._money_line(p, split, hourly)
        self.net_line.setText(money_line)
        color = theme.accent(pal) if earns else theme.muted(pal)
        self.net_line.setStyleSheet(f"color: {color.name()}; font-weight: {600 if earns else 400};")
        self.net_line.show()
        self.body_caption.setText(self.tr("COVER LETTER"))
        self.body.setPlainText(p.cover_letter)
        self.scroller.verticalScrollBar().setValue(0)
        caps = self.capabilities
        withdraws_here = caps is None or caps.withdraw_proposals
        can_withdraw = p.status.is_active and not local
        self.decline_button.hide()
        self.answer_button.hide()
        self.withdraw_button.setVisible(can_withdraw and withdraws_here)
        self.withdraw_button.setEnabled(True)
        if local:
            note = self.tr("Waiting to reach the marketplace — it will be sent when you're online.")
        elif can_withdraw and caps is not None and not withdraws_here:
            note = self.tr("To withdraw this proposal, use %1's website: its API does not allow it.") \
                .replace("%1", caps.display_name)
        else:
            note = ""
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def _money_line(self, p: Proposal, split: Any, hourly: bool) -> tuple[str, bool]:
        """What the proposal's money means at its status, and whether it is money to come."""
        net, rate, fee = fmt.money(split.net), fmt.rate(split.rate), fmt.money(split.fee)
        if p.status is ProposalStatus.HIRED:
            text = (self.tr("Hired: you receive %1 per hour after the %2 fee (%3).") if hourly
                    else self.tr("Hired: you receive %1 after the %2 fee (%3)."))
            return fill(text, net, rate, fee), True
        if p.status is ProposalStatus.DECLINED:
            return self.tr("The client declined this proposal: nothing is billed."), False
        if p.status is ProposalStatus.WITHDRAWN:
            return self.tr("You withdrew this proposal: nothing is billed."), False
        if p.status is ProposalStatus.ARCHIVED:
            return self.tr("This proposal is archived: nothing is billed."), False
        text = (self.tr("If hired, you'll receive %1 per hour after the %2 fee (%3).") if hourly
                else self.tr("You'll receive %1 after the %2 fee (%3)."))
        return fill(text, net, rate, fee), True

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            if isinstance(self.item, Proposal):
                self.show_proposal(self.item, self._hourly)
            elif isinstance(self.item, Invitation):
                self.show_invitation(self.item)

    def show_invitation(self, inv: Invitation, job_cached: bool = True) -> None:
        self.item = inv
        pal = self.palette()
        self.title.setText(inv.job_title)
        chip_text, chip_color = invitation_chip(inv.status, pal)
        self.chip.setText(chip_text)
        self.chip.setColor(chip_color)
        self.meta.setText(
            " · ".join([inv.client_name, self.tr("Received %1").replace("%1", fmt.full_date(inv.created_at))])
        )
        self._facts([(self.tr("Status"), invitation_status_text(inv.status))])
        self.net_line.hide()
        self.body_caption.setText(self.tr("MESSAGE FROM THE CLIENT"))
        self.body.setPlainText(inv.message)
        self.scroller.verticalScrollBar().setValue(0)
        self.withdraw_button.hide()
        pending = inv.status is InvitationStatus.PENDING
        self.decline_button.setVisible(pending)
        self.decline_button.setEnabled(True)
        self.answer_button.setVisible(pending)
        self.answer_button.setEnabled(job_cached)
        self.answer_button.setToolTip(
            "" if job_cached else self.tr("The job is not in your offline copy yet; sync, then try again."))
        self.note.setText(
            "" if not pending
            else self.tr("Sending a proposal accepts the invitation.") if job_cached
            else self.tr("The job is not in your offline copy yet: sync, then write your proposal."))
        self.note.setVisible(bool(self.note.text()))


def invitation_chip(status: InvitationStatus, pal: QPalette) -> tuple[str, QColor]:
    if status is InvitationStatus.ACCEPTED:
        return translate("format", "Accepted"), theme.accent(pal)
    if status is InvitationStatus.DECLINED:
        return translate("format", "Declined"), theme.muted(pal)
    return translate("format", "Invitation"), theme.info(pal)


def invitation_status_text(status: InvitationStatus) -> str:
    return {
        InvitationStatus.PENDING: translate("format", "Waiting for your answer"),
        InvitationStatus.ACCEPTED: translate("format", "Accepted — you sent a proposal"),
        InvitationStatus.DECLINED: translate("format", "Declined"),
    }.get(status, str(status))


class ProposalsPane(QWidget):
    writeProposalRequested = Signal(object)
    """The user answers an invitation with a proposal: the job (core.models.Job) to open the form for."""

    def __init__(
        self,
        db: Database,
        bus: Bus,
        proposals: ProposalActions,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
        capabilities: Capabilities | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.capabilities = capabilities
        self.proposal_actions = proposals
        self.runner = runner or TaskRunner(self)
        self.bridge = EventBridge(bus, self)
        self.counts = Counts(0, 0, 0, 0)
        self._confirm: QMessageBox | None = None

        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        header = QWidget()
        header.setObjectName("paneHeader")
        hl = QVBoxLayout(header)
        hl.setContentsMargins(20, 16, 20, 0)
        hl.setSpacing(8)
        hl.addWidget(set_role(QLabel(self.tr("My proposals")), "h1"))
        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        for _ in range(4):
            self.tabs.addTab("")
        hl.addWidget(self.tabs)
        root.addWidget(header)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setHandleWidth(1)
        self.model = ProposalListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(ProposalDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # cards elide instead
        self.list_stack = EmptyStack(self.list)
        self.list_stack.setMinimumWidth(240)
        self.splitter.addWidget(self.list_stack)
        self.detail = ProposalDetail(capabilities=capabilities)
        self.detail_stack = EmptyStack(self.detail)
        self.detail_stack.show_empty(
            self.tr("Select a proposal"), self.tr("Its cover letter and terms appear here.")
        )
        self.splitter.addWidget(self.detail_stack)
        self.splitter.setSizes([440, 580])
        root.addWidget(self.splitter, 1)

        self.tabs.currentChanged.connect(lambda _i: self.reload())
        self.list.selectionModel().currentChanged.connect(self._on_current)
        self.detail.withdraw_button.clicked.connect(self._ask_withdraw)
        self.detail.decline_button.clicked.connect(self._ask_decline)
        self.detail.answer_button.clicked.connect(self._answer_with_proposal)
        self.bridge.proposalsChanged.connect(self.reload)
        self.bridge.invitationsChanged.connect(self.reload)
        self.reload()

    def current_tab(self) -> int:
        return self.tabs.currentIndex()

    def set_tab(self, tab: int) -> None:
        self.tabs.setCurrentIndex(tab)

    def reload(self) -> None:
        """Re-read counts and the current tab's rows (small: a freelancer's own proposals)."""
        tab = self.tabs.currentIndex()
        selected = self.selected_id()

        def read(c: sqlite3.Connection) -> tuple[Counts, list[Proposal | Invitation]]:
            counts = read_counts(c)
            items: list[Proposal | Invitation]
            if tab == TAB_INVITES:
                items = list(invitations_repo.list(c))
            else:
                items = list(proposals_repo.list(c, TAB_STATUSES.get(tab, ACTIVE)))
            return counts, items

        self.counts, items = self.db.read_now(read)
        labels = [
            (self.tr("Active"), self.counts.active),
            (self.tr("Hired"), self.counts.hired),
            (self.tr("Archived"), self.counts.archived),
            (self.tr("Invitations"), self.counts.invitations),
        ]
        for i, (label, n) in enumerate(labels):
            self.tabs.setTabText(i, f"{label}  {n}")
        self.model.set_items(items)
        if items:
            self.list_stack.show_content()
        else:
            self.list_stack.show_empty(*self._empty_text(tab))
        if selected is not None and (row := self.model.row_of(selected)) >= 0:
            self.list.setCurrentIndex(self.model.index(row))
        else:
            self.detail_stack.show_empty(
                self.tr("Select a proposal"), self.tr("Its cover letter and terms appear here.")
            )

    def _empty_text(self, tab: int) -> tuple[str, str]:
        return {
            TAB_ACTIVE: (
                self.tr("No active proposals"),
                self.tr("Find a job you like and write a proposal."),
            ),
            TAB_HIRED: (self.tr("No hires yet"), self.tr("Proposals that turn into contracts show up here.")),
            TAB_ARCHIVED: (
                self.tr("Nothing archived"),
                self.tr("Declined and withdrawn proposals land here."),
            ),
            TAB_INVITES: self._no_invitations_text(),
        }.get(tab, ("", ""))

    def _no_invitations_text(self) -> tuple[str, str]:
        caps = self.capabilities
        if caps is not None and not caps.invitations:
            explained = self.tr("%1's API does not list invitations: a client who invites you opens an "
                                "interview conversation, and it appears in Messages.")
            return self.tr("Invitations are in Messages"), explained.replace("%1", caps.display_name)
        return self.tr("No invitations"), self.tr("Clients who invite you to a job appear here.")

    def selected_id(self) -> str | None:
        item = self.model.item(self.list.currentIndex().row())
        return item.id if item is not None else None

    def select_row(self, row: int) -> None:
        self.list.setCurrentIndex(self.model.index(row))

    def _on_current(self, current: QModelIndex, _prev: QModelIndex) -> None:
        item = self.model.item(current.row())
        if isinstance(item, Proposal):
            job = self.db.read_now(lambda c: jobs_repo.get(c, item.job_id))
            self.detail.show_proposal(item, hourly=job is not None and job.job_type is JobType.HOURLY)
        elif isinstance(item, Invitation):
            self.detail.show_invitation(item, self._job_of(item) is not None)
        else:
            return
        self.detail_stack.show_content()

    def _job_of(self, invitation: Invitation) -> Job | None:
        return self.db.read_now(lambda c: jobs_repo.get(c, invitation.job_id))

    # -- invitations -----------------------------------------------------------------------------------------
    def _answer_with_proposal(self) -> None:
        item = self.detail.item
        if isinstance(item, Invitation) and (job := self._job_of(item)) is not None:
            self.writeProposalRequested.emit(job)

    def _ask_decline(self) -> None:
        item = self.detail.item
        if isinstance(item, Invitation):
            invitation_id = item.id
            self._confirm_then(
                self.tr("Decline invitation?"),
                self.tr("Decline %1's invitation to “%2”? The client is told you are not available.")
                .replace("%1", item.client_name).replace("%2", item.job_title),
                self.tr("Decline"), lambda: self.decline(invitation_id))

    def decline(self, invitation_id: str) -> None:
        """Decline without asking (after the confirmation)."""
        self.detail.decline_button.setEnabled(False)
        self.runner.run(
            f"invitation:decline:{invitation_id}",
            self.proposal_actions.decline_invitation(invitation_id),
            on_done=lambda _r: self.reload(),
            on_error=lambda _e: self.detail.decline_button.setEnabled(True),
        )

    # -- withdraw --------------------------------------------------------------------------------------------
    def _ask_withdraw(self) -> None:
        item = self.detail.item
        if isinstance(item, Proposal):
            proposal_id = item.id
            self._confirm_then(
                self.tr("Withdraw proposal?"),
                self.tr("Withdraw your proposal for “%1”? The client will no longer see it.")
                .replace("%1", item.job_title),
                self.tr("Withdraw"), lambda: self.withdraw(proposal_id))

    def _confirm_then(self, title: str, text: str, action: str, then: Callable[[], None]) -> None:
        """Ask before something that cannot be undone (Cancel is the default); ``then`` if confirmed."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, self)
        confirm = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setTextFormat(Qt.TextFormat.PlainText)

        def done() -> None:
            if box.clickedButton() is confirm:
                then()
            self._confirm = None
            box.deleteLater()

        box.finished.connect(lambda _r: done())
        self._confirm = box
        box.open()

    def withdraw(self, proposal_id: str) -> None:
        """Withdraw without asking (after the confirmation)."""
        self.detail.withdraw_button.setEnabled(False)
        self.runner.run(
            f"proposal:withdraw:{proposal_id}",
            self.proposal_actions.withdraw(proposal_id),
            on_done=lambda _r: self.reload(),
            on_error=lambda _e: self.detail.withdraw_button.setEnabled(True),
        )

    def shutdown(self) -> None:
        self.bridge.close()
