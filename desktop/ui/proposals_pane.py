"""The Proposals pane: status tabs with counts (and the drafts being written), a list, and the selected
proposal's, invitation's or draft's detail."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from desktop.core.capabilities import Capabilities
from desktop.core.errors import AtelierError
from desktop.core.models import (
    BidMilestone,
    Invitation,
    InvitationStatus,
    Job,
    JobType,
    Proposal,
    ProposalStatus,
    Room,
    ScreeningAnswer,
)
from desktop.core.money import fee_breakdown
from desktop.storage import drafts as drafts_repo
from desktop.storage import invitations as invitations_repo
from desktop.storage import jobs as jobs_repo
from desktop.storage import proposals as proposals_repo
from desktop.storage import rooms as rooms_repo
from desktop.storage.drafts import SavedDraft
from desktop.storage.proposals import ProposalStep
from desktop.ui import format as fmt
from desktop.ui import theme
from desktop.ui.bridge import EventBridge, bridge_for
from desktop.ui.protocols import Bus, Database, ProposalActions

if TYPE_CHECKING:
    from desktop.ui.proposal_funnel import FunnelView
from desktop.ui.tasks import TaskRunner
from desktop.ui.untrusted import clean, fill, tooltip
from desktop.ui.widgets import Chip, EmptyStack, paint_chip, plain_label, set_role, widen_chip_font

# A bare name lupdate recognises, like QCoreApplication.translate: translate("context", "text").
translate = QCoreApplication.translate

Index = QModelIndex | QPersistentModelIndex

ACTIVE = (ProposalStatus.SUBMITTED, ProposalStatus.VIEWED, ProposalStatus.INTERVIEWING, ProposalStatus.OFFER)
HIRED = (ProposalStatus.HIRED,)
ARCHIVED = (ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN, ProposalStatus.ARCHIVED)
TAB_ACTIVE, TAB_HIRED, TAB_ARCHIVED, TAB_INVITES, TAB_DRAFTS = range(5)
TAB_STATUSES = {TAB_ACTIVE: ACTIVE, TAB_HIRED: HIRED, TAB_ARCHIVED: ARCHIVED}


DRAFT_PREFIX = "draft:"

Item = Proposal | Invitation | SavedDraft
"""A row of the list: a proposal, an invitation, or a draft being written (on the Drafts tab)."""


def is_local(p: Proposal) -> bool:
    return p.id.startswith("local:")


def item_id(item: Item) -> str:
    return DRAFT_PREFIX + item.draft.job_id if isinstance(item, SavedDraft) else item.id


def item_job_id(item: Item) -> str:
    return item.draft.job_id if isinstance(item, SavedDraft) else item.job_id


def item_title(item: Item) -> str:
    return item.draft.job_title if isinstance(item, SavedDraft) else item.job_title


@dataclass(frozen=True, slots=True)
class Counts:
    active: int
    hired: int
    archived: int
    invitations: int
    drafts: int = 0


def read_counts(conn: sqlite3.Connection) -> Counts:
    by = proposals_repo.counts_by_status(conn)
    pending = len(invitations_repo.list(conn, InvitationStatus.PENDING))
    return Counts(
        active=sum(by.get(s, 0) for s in ACTIVE),
        hired=sum(by.get(s, 0) for s in HIRED),
        archived=sum(by.get(s, 0) for s in ARCHIVED),
        invitations=pending,
        drafts=drafts_repo.count(conn),
    )


class ProposalListModel(QAbstractListModel):
    """Proposals (invitations on the Invitations tab, drafts on the Drafts tab) for the chosen tab — a few
    hundred at most."""

    ItemRole = Qt.ItemDataRole.UserRole + 1
    JobRole = Qt.ItemDataRole.UserRole + 2
    """The row's job as the cache has it (None when it is not cached); given for invitations."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Item] = []
        self._jobs: dict[str, Job] = {}

    def set_items(self, items: list[Item], jobs: dict[str, Job] | None = None) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._jobs = dict(jobs or {})
        self.endResetModel()

    def item(self, row: int) -> Item | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, wanted: str) -> int:
        return next((i for i, it in enumerate(self._items) if item_id(it) == wanted), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return clean(item_title(item))
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(item_title(item))
        if role == self.ItemRole:
            return item
        if role == self.JobRole:
            return self._jobs.get(item_job_id(item))
        return None


class ProposalDelegate(QStyledItemDelegate):
    PAD = 12

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(260, fm.height() * 2 + 6 + self.PAD * 2 + 8)

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
        elif isinstance(item, SavedDraft):
            chip_text, chip_color = self.tr("Draft"), theme.warning(pal)
        else:
            chip_text, chip_color = invitation_chip(item.status, pal)
        job = index.data(ProposalListModel.JobRole)

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
            bfm.elidedText(item_title(item) or self.tr("Untitled job"), Qt.TextElideMode.ElideRight, title_w),
        )
        painter.setFont(base_font)
        painter.setPen(theme.muted(pal))
        painter.drawText(
            QRectF(inner.left(), inner.top() + bfm.height() + 6, inner.width(), fm.height()),
            Qt.AlignmentFlag.AlignVCenter,
            self.second_line(item, job if isinstance(job, Job) else None, fm, int(inner.width())),
        )
        painter.restore()

    def second_line(self, item: Item, job: Job | None, fm: QFontMetrics, width: int) -> str:
        """Client · money · age, in ``width`` pixels: the money (a proposal's bid, an invitation's budget)
        is never cut; the client's name and the age give way first (elided with "…"; the detail shows them
        whole). A draft: its bid and when it was last edited."""
        sep = " · "
        elide = Qt.TextElideMode.ElideRight
        if isinstance(item, SavedDraft):
            money = self.tr("Bid %1").replace("%1", fmt.money(item.draft.bid))
            edited = sep + self.tr("Edited %1").replace("%1", fmt.ago(item.updated_at))
            if fm.horizontalAdvance(money + edited) <= width:
                return money + edited
            return money + fm.elidedText(edited, elide, max(0, width - fm.horizontalAdvance(money) - 2))
        if isinstance(item, Invitation):
            money = fmt.budget_text(job) if job is not None else ""
            age = self.tr("Received %1").replace("%1", fmt.ago(item.created_at))
        else:
            money = self.tr("Bid %1").replace("%1", fmt.money(item.bid))
            age = self.tr("Updated %1").replace("%1", fmt.ago(item.updated_at))
        if not money:
            return fm.elidedText(sep.join(part for part in (item.client_name, age) if part), elide, width)
        age = sep + age
        client = item.client_name + sep if item.client_name else ""
        if fm.horizontalAdvance(client + money + age) <= width:
            return client + money + age
        if client and fm.horizontalAdvance(client + money) > width:
            room = width - fm.horizontalAdvance(money + sep) - 2  # (the parts measured apart round down)
            name = fm.elidedText(item.client_name, elide, room)
            client = name + sep if name and name != "…" else ""
        head = client + money
        rest = width - fm.horizontalAdvance(head)
        tail = fm.elidedText(age, elide, rest - 2) if rest > fm.horizontalAdvance(sep + "…") + 2 else ""
        return head + tail


class StepDot(QWidget):
    """The timeline's gutter for one step: a dot, and the line joining it to the steps around it."""

    def __init__(self, color: QColor, first: bool, last: bool, hollow: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.color, self.first, self.last, self.hollow = color, first, last, hollow
        self.setFixedWidth(18)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        cx, cy = self.width() / 2, 11.0
        line = QPen(theme.border(self.palette()), 2)
        p.setPen(line)
        if not self.first:
            p.drawLine(QPointF(cx, 0), QPointF(cx, cy - 5))
        if not self.last:
            p.drawLine(QPointF(cx, cy + 5), QPointF(cx, self.height()))
        p.setPen(QPen(self.color, 2))
        p.setBrush(self.palette().color(QPalette.ColorRole.Base) if self.hollow else self.color)
        p.drawEllipse(QPointF(cx, cy), 4.5, 4.5)
        p.end()


@dataclass(frozen=True, slots=True)
class TimelineStep:
    """A step as the timeline shows it."""

    status: ProposalStatus
    at: datetime
    waiting: bool  # made here, not yet confirmed by the marketplace


def timeline_of(p: Proposal, recorded: list[ProposalStep]) -> list[TimelineStep]:
    """The steps to show: what the cache recorded, plus the proposal's own dates for what it lacks (sent
    at created_at; its current status at updated_at). A proposal still in the outbox: one waiting step."""
    if is_local(p):
        return [TimelineStep(ProposalStatus.SUBMITTED, p.created_at, True)]
    steps = [TimelineStep(s.status, s.at, not s.confirmed) for s in recorded]
    seen = {s.status for s in steps}
    if ProposalStatus.SUBMITTED not in seen:
        steps.insert(0, TimelineStep(ProposalStatus.SUBMITTED, p.created_at, False))
    if p.status not in seen:
        steps.append(TimelineStep(p.status, max(p.updated_at, steps[-1].at), False))
    return steps


class Timeline(QWidget):
    """A proposal's status changes, oldest first, each with its date and time; the current one stands out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._lay.setSpacing(0)
        self._steps: list[TimelineStep] = []
        self._rows: list[tuple[QLabel, QLabel]] = []

    def set_steps(self, steps: list[TimelineStep]) -> None:
        self._steps = list(steps)
        while (item := self._lay.takeAt(0)) is not None:
            if (w := item.widget()) is not None:
                w.hide()
                w.deleteLater()
        self._rows = []
        pal = self.palette()
        for i, step in enumerate(steps):
            current = i == len(steps) - 1
            color = theme.status_color(pal, step.status) if current else theme.muted(pal)
            row = QWidget(self)
            h = QHBoxLayout(row)
            h.setContentsMargins(0, 0, 0, 0)
            h.setSpacing(10)
            h.addWidget(StepDot(color, i == 0, current, step.waiting, row))
            text = QVBoxLayout()
            text.setContentsMargins(0, 2, 0, 10 if not current else 0)
            text.setSpacing(0)
            name = plain_label(fmt.status_text(step.status))
            if current:
                name.setStyleSheet(f"color: {color.name()}; font-weight: 600;")
            when = self.tr("%1 at %2").replace("%1", fmt.full_date(step.at)).replace("%2", fmt.clock(step.at))
            if step.waiting:
                when += " · " + self.tr("waiting to reach the marketplace")
            date = plain_label(when, "muted", wrap=True)
            text.addWidget(name)
            text.addWidget(date)
            h.addLayout(text, 1)
            self._lay.addWidget(row)
            self._rows.append((name, date))

    def texts(self) -> list[tuple[str, str]]:
        """(status, date) of each step, as shown."""
        return [(name.text(), date.text()) for name, date in self._rows]

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._steps:
            self.set_steps(self._steps)


DESCRIPTION_PREVIEW = 1500
"""Characters of a job's description an invitation shows (laying out a very long text costs a frame)."""


class JobCard(QFrame):
    """The job behind a proposal or an invitation, as the cache has it: title, budget and type, the client
    (payment verified, rating, spend, hires), optionally the description, and "Open in Jobs"."""

    openJob = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.job: Job | None = None
        self._with_description = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 14)
        lay.setSpacing(4)
        top = QHBoxLayout()
        top.addWidget(plain_label(self.tr("THE JOB"), "section"), 1)
        self.open_button = QPushButton(self.tr("Open in Jobs"))
        self.open_button.setToolTip(self.tr("Show this job in the Jobs pane"))
        self.open_button.clicked.connect(self._open)
        top.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(top)
        self.title = plain_label("", "h2", wrap=True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.title)
        self.terms = plain_label("", None, wrap=True)
        lay.addWidget(self.terms)
        self.client = plain_label("", None, wrap=True)
        lay.addWidget(self.client)
        self.trust = plain_label("", None, wrap=True)
        lay.addWidget(self.trust)
        self.client_more = plain_label("", "muted", wrap=True)
        lay.addWidget(self.client_more)
        self.description_caption = plain_label(self.tr("DESCRIPTION"), "section")
        self.description_caption.setContentsMargins(0, 8, 0, 0)
        lay.addWidget(self.description_caption)
        self.description = plain_label("", None, wrap=True)  # untrusted: never rendered as HTML
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.description)
        self.description_more = plain_label(self.tr("The whole description is in Jobs."), "muted", wrap=True)
        self.description_more.hide()
        lay.addWidget(self.description_more)
        self.missing = plain_label("", "muted", wrap=True)
        lay.addWidget(self.missing)

    def show_job(self, job: Job | None, with_description: bool = False) -> None:
        self.job = job
        self._with_description = with_description
        known = job is not None
        for w in (self.title, self.terms, self.client, self.trust, self.client_more, self.open_button):
            w.setVisible(known)
        self.description_caption.setVisible(known and with_description)
        self.description.setVisible(known and with_description)
        self.description_more.hide()
        self.missing.setVisible(not known)
        if job is None:
            self.missing.setText(self.tr("This job is not in your offline copy: its budget and client "
                                         "appear after the next sync."))
            return
        pal = self.palette()
        self.title.setText(job.title)
        # the budget says the type: "$1,150 fixed", "$40–$60/hr" ("Fixed price" or "Hourly" without one)
        terms = [fmt.budget_text(job), fmt.experience_text(job.experience_level)]
        if job.duration:
            terms.append(job.duration)
        if job.status not in ("open", ""):
            terms.append(self.tr("Closed"))
        self.terms.setText(" · ".join(terms))
        c = job.client
        self.client.setText(c.name)
        self.client.setVisible(bool(c.name))  # some marketplaces no longer name clients
        verified = self.tr("✓ Payment verified") if c.payment_verified else self.tr("Payment unverified")
        self.trust.setText(verified + "   " + fmt.rating_text(c.rating))
        color = theme.accent(pal) if c.payment_verified else theme.muted(pal)
        self.trust.setStyleSheet(f"color: {color.name()};")
        more = [c.country] if c.country else []
        more.append(self.tr("%1 spent").replace("%1", fmt.short_money(c.total_spent)))
        more.append(self.tr("1 hire") if c.hires == 1 else self.tr("%1 hires").replace("%1", str(c.hires)))
        more.append(self.tr("Posted %1").replace("%1", fmt.full_date(job.posted_at)))
        self.client_more.setText(" · ".join(more))
        text = job.description.strip()
        cut = len(text) > DESCRIPTION_PREVIEW
        if cut:  # a summary: the whole description is one click away, in Jobs
            text = text[:DESCRIPTION_PREVIEW].rsplit(None, 1)[0].rstrip(" ,.;:") + " …"
        self.description.setText(text)
        self.description_more.setVisible(self.description.isVisibleTo(self) and cut)

    def _open(self) -> None:
        if self.job is not None:
            self.openJob.emit(self.job.id)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.job is not None:
            self.show_job(self.job, self._with_description)


class ProposalDetail(QWidget):
    """A proposal (bid, fee and net, its timeline, the job, the cover letter; Withdraw, Open conversation)
    or an invitation (the job with its client, the client's message; Decline, Write proposal)."""

    openJob = Signal(str)
    """The user asked to see the job (its id) in the Jobs pane."""
    openRoom = Signal(str)
    """The user asked for the conversation with the client (the room's id) in Messages."""

    def __init__(self, parent: QWidget | None = None, capabilities: Capabilities | None = None) -> None:
        super().__init__(parent)
        self.capabilities = capabilities
        self._hourly = False
        self._steps: list[ProposalStep] = []
        self.job: Job | None = None
        self.room: Room | None = None
        self.setObjectName("detail")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.item: Item | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        content.setObjectName("detail")
        content.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        lay = QVBoxLayout(content)
        lay.setContentsMargins(24, 20, 24, 12)
        lay.setSpacing(10)
        self.scroller.setWidget(content)
        outer.addWidget(self.scroller, 1)

        head = QHBoxLayout()
        self.title = plain_label("", "h1", wrap=True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chip = Chip("")
        head.addWidget(self.title, 1)
        head.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(head)
        self.meta = plain_label("", "muted", wrap=True)
        lay.addWidget(self.meta)

        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(28)
        self.facts.setVerticalSpacing(2)
        self._fact_caps: list[QLabel] = []
        self._fact_vals: list[QLabel] = []
        for _col in range(4):
            cap = plain_label("", "section", wrap=True)
            val = plain_label("", "h2")
            val.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self._fact_caps.append(cap)
            self._fact_vals.append(val)
        self._facts_columns = 0
        self._lay_out_facts(4)
        lay.addLayout(self.facts)

        self.net_line = plain_label("", None, wrap=True)
        lay.addWidget(self.net_line)

        self.message_caption = plain_label(self.tr("MESSAGE FROM THE CLIENT"), "section")
        self.message_caption.setContentsMargins(0, 8, 0, 0)
        lay.addWidget(self.message_caption)
        self.message = plain_label("", None, wrap=True)  # the client's words: plain text
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.message)

        # The timeline and the job: side by side when there is room, one under the other otherwise.
        self.middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.middle.setSpacing(20)
        self.timeline_box = QWidget()
        tl = QVBoxLayout(self.timeline_box)
        tl.setContentsMargins(0, 12, 0, 0)
        tl.setSpacing(8)
        tl.addWidget(plain_label(self.tr("TIMELINE"), "section"))
        self.timeline = Timeline()
        tl.addWidget(self.timeline)
        tl.addStretch(1)
        self.middle.addWidget(self.timeline_box, 2)
        self.job_card = JobCard()
        self.job_card.openJob.connect(self.openJob)
        self.middle.addWidget(self.job_card, 3)
        lay.addLayout(self.middle)

        self.body_caption = plain_label(self.tr("COVER LETTER"), "section")
        self.body_caption.setContentsMargins(0, 8, 0, 0)
        lay.addWidget(self.body_caption)
        self.body = plain_label("", None, wrap=True)  # the user's letter or the client's message: plain text
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.body)
        # A fixed-price bid's payment plan, and the answers to the client's screening questions.
        self.milestones_caption = plain_label(self.tr("MILESTONES"), "section")
        self.milestones_caption.setContentsMargins(0, 8, 0, 0)
        lay.addWidget(self.milestones_caption)
        self.milestones_list = plain_label("", None, wrap=True)
        lay.addWidget(self.milestones_list)
        self.answers_caption = plain_label(self.tr("SCREENING QUESTIONS"), "section")
        self.answers_caption.setContentsMargins(0, 8, 0, 0)
        lay.addWidget(self.answers_caption)
        self.answers_box = QVBoxLayout()
        self.answers_box.setSpacing(2)
        lay.addLayout(self.answers_box)
        self._answer_labels: list[QLabel] = []
        self._show_terms((), ())
        lay.addStretch(1)

        bar = QWidget()
        bar.setObjectName("detail")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # The note beside the buttons, or above them when the pane is narrow.
        self.action_bar = QGridLayout(bar)
        self.action_bar.setContentsMargins(24, 8, 24, 16)
        self.action_bar.setHorizontalSpacing(12)
        self.action_bar.setVerticalSpacing(6)
        self.note = plain_label("", "muted", wrap=True)  # long in some languages: wrap, never widen
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addStretch(1)
        self.room_button = QPushButton(self.tr("Open conversation"))
        self.room_button.clicked.connect(self._open_room)
        self.room_button.hide()
        buttons.addWidget(self.room_button)
        self.withdraw_button = QPushButton(self.tr("Withdraw proposal"))
        self.withdraw_button.setObjectName("danger")
        buttons.addWidget(self.withdraw_button)
        # An invitation's answers: a proposal accepts it, or decline it.
        self.decline_button = QPushButton(self.tr("Decline"))
        self.decline_button.setObjectName("danger")
        self.decline_button.hide()
        buttons.addWidget(self.decline_button)
        self.answer_button = QPushButton(self.tr("Write proposal"))
        self.answer_button.setObjectName("primary")
        self.answer_button.hide()
        buttons.addWidget(self.answer_button)
        # A draft: discard it (after asking), or open the form on it again.
        self.discard_button = QPushButton(self.tr("Discard draft"))
        self.discard_button.setObjectName("danger")
        self.discard_button.hide()
        buttons.addWidget(self.discard_button)
        self.continue_button = QPushButton(self.tr("Continue writing"))
        self.continue_button.setObjectName("primary")
        self.continue_button.hide()
        buttons.addWidget(self.continue_button)
        self._buttons = buttons
        self._note_above: bool | None = None
        self._place_note(above=False)
        outer.addWidget(bar)

    def _show_terms(self, milestones: tuple[BidMilestone, ...], answers: tuple[ScreeningAnswer, ...]) -> None:
        """The milestones ("1. Design — $400.00 · due 15 Jan 2027") and the questions with their answers."""
        lines = [self.tr("%1. %2 — %3 · due %4").replace("%1", str(i)).replace("%2", m.description)
                 .replace("%3", fmt.money(m.amount)).replace("%4", fmt.calendar_day(m.due))
                 for i, m in enumerate(milestones, start=1)]
        self.milestones_list.setText("\n".join(lines))
        self.milestones_caption.setVisible(bool(milestones))
        self.milestones_list.setVisible(bool(milestones))
        for label in self._answer_labels:
            self.answers_box.removeWidget(label)
            label.hide()
            label.deleteLater()
        self._answer_labels = []
        for a in answers:
            question = plain_label(a.question, "muted", wrap=True)
            answer = plain_label(a.answer or "—", None, wrap=True)
            answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            answer.setContentsMargins(0, 0, 0, 6)
            for label in (question, answer):
                self.answers_box.addWidget(label)
                self._answer_labels.append(label)
        self.answers_caption.setVisible(bool(answers))

    def terms_texts(self) -> tuple[str, list[str]]:
        """(the milestones as shown, the questions and answers as shown)."""
        shown = self.milestones_list.text() if self.milestones_list.isVisibleTo(self) else ""
        return shown, [label.text() for label in self._answer_labels]

    # -- layout that follows the width -------------------------------------------------------------------
    def _place_note(self, above: bool) -> None:
        if above == self._note_above:
            return
        self._note_above = above
        self.action_bar.removeWidget(self.note)
        self.action_bar.removeItem(self._buttons)
        if above:
            self.action_bar.addWidget(self.note, 0, 0, 1, 2)
            self.action_bar.addLayout(self._buttons, 1, 0, 1, 2)
        else:
            self.action_bar.addWidget(self.note, 0, 0)
            self.action_bar.addLayout(self._buttons, 0, 1)
        self.action_bar.setColumnStretch(0, 1)

    def _lay_out_facts(self, columns: int) -> None:
        """Four facts in one row, or two rows of two when the pane is narrow."""
        if columns == self._facts_columns:
            return
        self._facts_columns = columns
        for cap, val in zip(self._fact_caps, self._fact_vals, strict=True):
            self.facts.removeWidget(cap)
            self.facts.removeWidget(val)
        narrow = columns < 4
        for i, (cap, val) in enumerate(zip(self._fact_caps, self._fact_vals, strict=True)):
            row, col = 3 * (i // columns), i % columns
            self.facts.addWidget(cap, row, col)
            self.facts.addWidget(val, row + 1, col)
            val.setWordWrap(narrow)  # in halves a long value ("Waiting for your answer") may wrap
        self.facts.setRowMinimumHeight(2, 8 if narrow else 0)
        for col in range(5):  # narrow: two equal halves; wide: each fact as wide as it needs
            self.facts.setColumnStretch(col, (1 if col < 2 else 0) if narrow else (1 if col == 4 else 0))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_width(event.size().width())

    def _fit_width(self, width: int) -> None:
        shown = [(c, v) for c, v in zip(self._fact_caps, self._fact_vals, strict=True) if not c.isHidden()]
        needed = sum(max(c.sizeHint().width(), v.sizeHint().width()) for c, v in shown)
        needed += self.facts.horizontalSpacing() * max(0, len(shown) - 1) + 48 + 16  # margins, scroll bar
        self._lay_out_facts(4 if needed <= width else 2)
        self._place_note(above=width < 640)
        side_by_side = width >= 720
        self.middle.setDirection(QBoxLayout.Direction.LeftToRight if side_by_side
                                 else QBoxLayout.Direction.TopToBottom)

    def _facts(self, pairs: list[tuple[str, str]]) -> None:
        for i in range(4):
            cap, val = pairs[i] if i < len(pairs) else ("", "")
            self._fact_caps[i].setText(cap.upper())
            self._fact_vals[i].setText(val)
            self._fact_caps[i].setVisible(bool(cap))
            self._fact_vals[i].setVisible(bool(cap))
        self._fit_width(self.width())

    def _show_room(self, room: Room | None) -> None:
        self.room = room
        self.room_button.setVisible(room is not None)
        if room is not None:
            text = self.tr("Your conversation with %1 in Messages").replace("%1", room.counterpart_name)
            self.room_button.setToolTip(tooltip(text))

    def _open_room(self) -> None:
        if self.room is not None:
            self.openRoom.emit(self.room.id)

    # -- a proposal ----------------------------------------------------------------------------------------
    def show_proposal(self, p: Proposal, hourly: bool = False, job: Job | None = None,
                      steps: list[ProposalStep] | None = None, room: Room | None = None) -> None:
        """``hourly``: the bid is a rate (the job is paid by the hour), so it reads "$75.00 /hr".
        ``job``, ``steps`` and ``room``: the cached job, the recorded timeline and the client's room."""
        again = self.item is not None and item_id(self.item) == p.id
        self.item = p
        self._hourly = hourly
        self._steps = list(steps or [])
        self.job = job
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
        self.timeline_box.show()
        self.timeline.set_steps(timeline_of(p, self._steps))
        self.job_card.show_job(job)
        self.message_caption.hide()
        self.message.hide()
        self.body_caption.show()
        self.body.show()
        self.body.setText(p.cover_letter)
        self._show_terms(p.milestones, p.answers)
        self._show_room(room)
        caps = self.capabilities
        withdraws_here = caps is None or caps.withdraw_proposals
        can_withdraw = p.status.is_active and not local
        self.decline_button.hide()
        self.answer_button.hide()
        self.discard_button.hide()
        self.continue_button.hide()
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
        if not again:  # the same item again (a sync, a live event): the reader keeps their place
            self.scroller.verticalScrollBar().setValue(0)

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
                self.show_proposal(self.item, self._hourly, self.job, self._steps, self.room)
            elif isinstance(self.item, Invitation):
                self.show_invitation(self.item, self.job, self.room)
            elif isinstance(self.item, SavedDraft):
                self.show_draft(self.item, self.job)

    # -- an invitation -------------------------------------------------------------------------------------
    def show_invitation(self, inv: Invitation, job: Job | None = None, room: Room | None = None) -> None:
        """``job``: the invited job as the cache has it (None when it is not cached yet)."""
        again = self.item is not None and item_id(self.item) == inv.id
        self.item = inv
        self.job = job
        pal = self.palette()
        self.title.setText(inv.job_title)
        chip_text, chip_color = invitation_chip(inv.status, pal)
        self.chip.setText(chip_text)
        self.chip.setColor(chip_color)
        self.meta.setText(
            " · ".join([inv.client_name, self.tr("Received %1").replace("%1", fmt.full_date(inv.created_at))])
        )
        facts = [(self.tr("Status"), invitation_status_text(inv.status))]
        if job is not None:
            facts += [(self.tr("Budget"), fmt.budget_text(job)),
                      (self.tr("Proposals"), fmt.proposals_band(job.proposals_count))]
            if self.capabilities is None or self.capabilities.connects_balance:
                facts.append((self.tr("Connects"), str(job.connects_required)))
        self._facts(facts)
        if job is not None:
            fee = self.tr("Platform fee on this job: %1").replace("%1", fmt.rate(job.fee_rate))
            self.net_line.setText(fee)
            self.net_line.setStyleSheet(f"color: {theme.muted(pal).name()}; font-weight: 400;")
        self.net_line.setVisible(job is not None)
        self.timeline_box.hide()
        self.message_caption.show()
        self.message.show()
        self.message.setText(inv.message)
        self.job_card.show_job(job, with_description=True)
        self.body_caption.hide()
        self.body.hide()
        self._show_terms((), ())
        self._show_room(room)
        self.withdraw_button.hide()
        self.discard_button.hide()
        self.continue_button.hide()
        pending = inv.status is InvitationStatus.PENDING
        job_cached = job is not None
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
        if not again:  # the same item again (a sync, a live event): the reader keeps their place
            self.scroller.verticalScrollBar().setValue(0)


    # -- a draft ---------------------------------------------------------------------------------------------
    def show_draft(self, saved: SavedDraft, job: Job | None = None) -> None:
        """A proposal being written: its terms and letter so far, the job, Discard and Continue writing.
        ``job``: as the cache has it (None: not cached yet; the form needs it, so Continue waits for it)."""
        again = self.item is not None and item_id(self.item) == item_id(saved)
        self.item = saved
        self.job = job
        draft = saved.draft
        pal = self.palette()
        self.title.setText(draft.job_title or (job.title if job is not None else self.tr("Untitled job")))
        self.chip.setText(self.tr("Draft"))
        self.chip.setColor(theme.warning(pal))
        edited = self.tr("Last edited %1 at %2").replace("%1", fmt.full_date(saved.updated_at)) \
            .replace("%2", fmt.clock(saved.updated_at))
        self.meta.setText(" · ".join([job.client.name, edited] if job is not None and job.client.name
                                     else [edited]))
        hourly = job is not None and job.job_type is JobType.HOURLY
        facts = [(self.tr("Your bid"), fmt.money(draft.bid) + (self.tr(" /hr") if hourly else "")),
                 (self.tr("Duration"), draft.duration or "—")]
        if job is not None and (self.capabilities is None or self.capabilities.connects_balance):
            facts.append((self.tr("Connects"), str(job.connects_required)))
        facts.append((self.tr("Edited"), fmt.ago(saved.updated_at)))
        self._facts(facts)
        split = fee_breakdown(draft.bid, draft.fee_rate)
        text = (self.tr("If hired, you'll receive %1 per hour after the %2 fee (%3).") if hourly
                else self.tr("You'll receive %1 after the %2 fee (%3)."))
        self.net_line.setText(fill(text, fmt.money(split.net), fmt.rate(split.rate), fmt.money(split.fee)))
        self.net_line.setStyleSheet(f"color: {theme.muted(pal).name()}; font-weight: 400;")
        self.net_line.show()
        self.timeline_box.hide()
        self.message_caption.hide()
        self.message.hide()
        self.job_card.show_job(job)
        self.body_caption.show()
        self.body.show()
        self.body.setText(draft.cover_letter)
        self._show_terms(draft.milestones, draft.answers)
        self._show_room(None)
        for button in (self.withdraw_button, self.decline_button, self.answer_button):
            button.hide()
        self.discard_button.show()
        self.discard_button.setEnabled(True)
        self.continue_button.show()
        self.continue_button.setEnabled(job is not None)
        self.note.setText("" if job is not None else self.tr(
            "The job is not in your offline copy yet: sync, then continue writing."))
        if not again:
            self.scroller.verticalScrollBar().setValue(0)


def invitation_chip(status: InvitationStatus, pal: QPalette) -> tuple[str, QColor]:
    if status is InvitationStatus.ACCEPTED:
        return translate("format", "Accepted"), theme.accent(pal)
    if status is InvitationStatus.DECLINED:
        return translate("format", "Declined"), theme.muted(pal)
    if status is InvitationStatus.EXPIRED:
        return translate("format", "Expired"), theme.muted(pal)
    return translate("format", "Invitation"), theme.info(pal)


def invitation_status_text(status: InvitationStatus) -> str:
    return {
        InvitationStatus.PENDING: translate("format", "Waiting for your answer"),
        InvitationStatus.ACCEPTED: translate("format", "Accepted — you sent a proposal"),
        InvitationStatus.DECLINED: translate("format", "Declined"),
        InvitationStatus.EXPIRED: translate("format", "Expired: the client's invitation lapsed unanswered"),
    }.get(status, str(status))


class ProposalsPane(QWidget):
    writeProposalRequested = Signal(object)
    """The user answers an invitation with a proposal: the job (core.models.Job) to open the form for."""
    openJobRequested = Signal(str)
    """The user wants to see a job (its id) in the Jobs pane."""
    openRoomRequested = Signal(str)
    """The user wants the conversation (a room id) in the Messages pane."""
    pendingInvitationsChanged = Signal(int)
    """How many invitations wait for an answer (for the sidebar's badge); emitted on every change."""

    def __init__(
        self,
        db: Database,
        bus: Bus | EventBridge,
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
        self.bridge = bridge_for(bus, self)
        self.counts = Counts(0, 0, 0, 0, 0)
        self._confirm: QMessageBox | None = None
        self._fetching_jobs: set[str] = set()
        self._unknown_jobs: set[str] = set()

        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        header = QWidget()
        header.setObjectName("paneHeader")
        hl = QVBoxLayout(header)
        hl.setContentsMargins(20, 16, 20, 0)
        hl.setSpacing(8)
        title_row = QHBoxLayout()
        title_row.addWidget(set_role(QLabel(self.tr("My proposals")), "h1"), 1)
        # The funnel (sent → viewed → interviewing → hired) in place of the list, and back.
        self.funnel_button = QPushButton(self.tr("Funnel"))
        self.funnel_button.setCheckable(True)
        self.funnel_button.setToolTip(self.tr("How many proposals were viewed, led to an interview and were "
                                              "hired, and each template's reply rate"))
        title_row.addWidget(self.funnel_button)
        hl.addLayout(title_row)
        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        for _ in range(5):
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
        self.list_stack = EmptyStack(self.list)
        self.splitter.addWidget(self.list_stack)
        self.detail = ProposalDetail(capabilities=capabilities)
        self.detail_stack = EmptyStack(self.detail)
        self.detail_stack.show_empty(
            self.tr("Select a proposal"), self.tr("Its cover letter and terms appear here.")
        )
        self.splitter.addWidget(self.detail_stack)
        self.splitter.setSizes([440, 580])
        self.body = QStackedWidget()
        self.body.addWidget(self.splitter)
        self.funnel: FunnelView | None = None  # built when first opened (it brings QtCharts)
        root.addWidget(self.body, 1)
        self.funnel_button.toggled.connect(self.show_funnel)

        self.tabs.currentChanged.connect(lambda _i: self.reload())
        self.list.selectionModel().currentChanged.connect(self._on_current)
        self.detail.withdraw_button.clicked.connect(self._ask_withdraw)
        self.detail.decline_button.clicked.connect(self._ask_decline)
        self.detail.answer_button.clicked.connect(self._answer_with_proposal)
        self.detail.continue_button.clicked.connect(self._continue_draft)
        self.detail.discard_button.clicked.connect(self._ask_discard)
        self.detail.openJob.connect(self.openJobRequested)
        self.detail.openRoom.connect(self.openRoomRequested)
        self.bridge.proposalsChanged.connect(self.reload)
        self.bridge.proposalsChanged.connect(self._refresh_funnel)
        self.bridge.invitationsChanged.connect(self.reload)
        self.bridge.draftsChanged.connect(self.reload)
        # The job or the conversation on display may arrive with a later sync.
        self.bridge.jobsChanged.connect(lambda _ids: self._refresh_detail())
        self.bridge.roomsChanged.connect(self._refresh_detail)
        self.reload()

    def current_tab(self) -> int:
        return self.tabs.currentIndex()

    def set_tab(self, tab: int) -> None:
        self.tabs.setCurrentIndex(tab)

    def reload(self) -> None:
        """Re-read counts and the current tab's rows (small: a freelancer's own proposals)."""
        tab = self.tabs.currentIndex()
        selected = self.selected_id()

        def read(c: sqlite3.Connection) -> tuple[Counts, list[Item], dict[str, Job]]:
            counts = read_counts(c)
            items: list[Item]
            found: dict[str, Job] = {}
            if tab == TAB_INVITES:
                invited = invitations_repo.list(c)
                items = list(invited)
                found = jobs_repo.get_many(c, sorted({i.job_id for i in invited}))
            elif tab == TAB_DRAFTS:
                items = list(drafts_repo.list(c))
            else:
                items = list(proposals_repo.list(c, TAB_STATUSES.get(tab, ACTIVE)))
            return counts, items, found

        self.counts, items, found = self.db.read_now(read)
        labels = [
            (self.tr("Active"), self.counts.active),
            (self.tr("Hired"), self.counts.hired),
            (self.tr("Archived"), self.counts.archived),
            (self.tr("Invitations"), self.counts.invitations),
            (self.tr("Drafts"), self.counts.drafts),
        ]
        for i, (label, n) in enumerate(labels):
            self.tabs.setTabText(i, f"{label}  {n}")
        self.pendingInvitationsChanged.emit(self.counts.invitations)
        self.model.set_items(items, found)
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
            TAB_DRAFTS: (
                self.tr("No drafts"),
                self.tr("A proposal you start writing is kept here until you send or discard it."),
            ),
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
        return item_id(item) if item is not None else None

    def open_proposal(self, proposal_id: str) -> None:
        """Show the proposal: its tab (by its status), selected."""
        p = self.db.read_now(lambda c: proposals_repo.get(c, proposal_id))
        if p is None:
            return
        tab = next((t for t, statuses in TAB_STATUSES.items() if p.status in statuses), TAB_ACTIVE)
        self.set_tab(tab)
        if self.current_tab() == tab:
            self.reload()
        row = self.model.row_of(proposal_id)
        if row >= 0:
            self.select_row(row)

    def select_row(self, row: int) -> None:
        self.list.setCurrentIndex(self.model.index(row))

    def _on_current(self, current: QModelIndex, _prev: QModelIndex) -> None:
        item = self.model.item(current.row())
        if item is None:
            return
        self._show(item)
        self.detail_stack.show_content()

    def _around(self, item: Item) -> tuple[Job | None, Room | None, list[ProposalStep]]:
        """What the cache knows around ``item``: its job, its room with the client, its timeline."""
        job_id = item_job_id(item)

        def read(c: sqlite3.Connection) -> tuple[Job | None, Room | None, list[ProposalStep]]:
            job = jobs_repo.get(c, job_id)
            room = rooms_repo.for_job(c, job_id)
            steps = proposals_repo.steps(c, item.id) if isinstance(item, Proposal) else []
            return job, room, steps

        return self.db.read_now(read)

    def _show(self, item: Item,
              around: tuple[Job | None, Room | None, list[ProposalStep]] | None = None) -> None:
        job, room, steps = around if around is not None else self._around(item)
        if isinstance(item, Proposal):
            hourly = job is not None and job.job_type is JobType.HOURLY
            self.detail.show_proposal(item, hourly=hourly, job=job, steps=steps, room=room)
        elif isinstance(item, SavedDraft):
            self.detail.show_draft(item, job)
            if job is None:
                self._fetch_job(item.draft.job_id)
        else:
            self.detail.show_invitation(item, job, room)
            if job is None:
                self._fetch_job(item.job_id)

    def _fetch_job(self, job_id: str) -> None:
        """An invitation (or a draft) for a job the cache lacks (an invite-only job is not in the public
        feed): ask the marketplace for it, once per selection. Offline, the detail keeps saying it comes
        with a sync."""
        if job_id in self._fetching_jobs or job_id in self._unknown_jobs:
            return
        self._fetching_jobs.add(job_id)

        async def fetch() -> tuple[bool, Job | None]:
            try:
                return True, await self.proposal_actions.fetch_job(job_id)
            except AtelierError:  # offline, or the marketplace is in trouble: the note already says so
                return False, None

        def done(result: tuple[bool, Job | None]) -> None:
            answered, job = result
            self._fetching_jobs.discard(job_id)
            if answered and job is None:
                self._unknown_jobs.add(job_id)  # not asked again on every sync
            if job is not None:
                self._refresh_detail()

        self.runner.run(f"invitation:job:{job_id}", fetch(), on_done=done,
                        on_error=lambda _e: self._fetching_jobs.discard(job_id))

    def _refresh_detail(self) -> None:
        """Jobs or rooms changed (a sync page, a live event): show what changed for the item on display, and
        leave the detail alone otherwise (a sync brings hundreds of pages; the reader keeps their place)."""
        item = self.model.item(self.list.currentIndex().row())
        if item is None or item is not self.detail.item:
            return
        around = self._around(item)
        job, room, _steps = around
        if job != self.detail.job:
            self._show(item, around)
        elif isinstance(item, SavedDraft):
            return
        elif (room and room.id) != (self.detail.room and self.detail.room.id):
            self.detail._show_room(room)

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
            self.proposal_actions.decline_invitation(invitation_id),  # its InvitationsChanged redraws
            on_error=lambda _e: self.detail.decline_button.setEnabled(True),
        )

    # -- drafts ----------------------------------------------------------------------------------------------
    def _continue_draft(self) -> None:
        item = self.detail.item
        if isinstance(item, SavedDraft) and (job := self.detail.job) is not None:
            self.writeProposalRequested.emit(job)

    def _ask_discard(self) -> None:
        item = self.detail.item
        if isinstance(item, SavedDraft):
            job_id = item.draft.job_id
            title = item.draft.job_title or self.tr("Untitled job")
            self._confirm_then(
                self.tr("Discard draft?"),
                self.tr("Discard your draft proposal for “%1”? What you wrote is deleted.")
                .replace("%1", title),
                self.tr("Discard"), lambda: self.discard_draft(job_id))

    def discard_draft(self, job_id: str) -> None:
        """Discard without asking (after the confirmation)."""
        self.detail.discard_button.setEnabled(False)
        self.runner.run(
            f"proposal:discard:{job_id}",
            self.proposal_actions.discard_draft(job_id),
            on_done=lambda _r: self.reload(),
            on_error=lambda _e: self.detail.discard_button.setEnabled(True),
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
            self.proposal_actions.withdraw(proposal_id),  # its ProposalsChanged redraws
            on_error=lambda _e: self.detail.withdraw_button.setEnabled(True),
        )

    # -- the funnel ------------------------------------------------------------------------------------------
    def show_funnel(self, on: bool = True) -> None:
        """The funnel in place of the list (``on``), or the list again."""
        if self.funnel_button.isChecked() != on:
            self.funnel_button.setChecked(on)  # (comes back here through toggled)
            return
        if on and self.funnel is None:
            from desktop.ui.proposal_funnel import FunnelView

            self.funnel = FunnelView(self.proposal_actions, self.runner)
            self.body.addWidget(self.funnel)
        self.tabs.setVisible(not on)
        self.funnel_button.setText(self.tr("Back to proposals") if on else self.tr("Funnel"))
        self.body.setCurrentWidget(self.funnel if on and self.funnel is not None else self.splitter)
        if on and self.funnel is not None:
            self.funnel.reload()

    def _refresh_funnel(self) -> None:
        if self.funnel is not None and self.body.currentWidget() is self.funnel:
            self.funnel.reload()

    def shutdown(self) -> None:
        self.bridge.close_if_owned_by(self)
