"""The Contracts view of the Earnings pane: the freelancer's running contracts and what each one earns.

Hourly contracts show their rate and this week's hours against the weekly limit; fixed-price contracts their
budget and a milestone timeline (unfunded → funded → submitted → approved → paid, with amounts and due
dates). Each contract's conversation with the client is one click away. Ended contracts follow, briefly.
Everything is read from the cache; ``contract.updated`` events (through the bus) make it read again.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.core.capabilities import Capabilities
from desktop.core.clock import utcnow
from desktop.core.forecast import monday_of
from desktop.core.models import Contract, ContractStatus, ContractType, Milestone, MilestoneStatus, Room
from desktop.core.money import Money
from desktop.core.text import fill
from desktop.storage import contracts as contracts_repo
from desktop.storage import rooms as rooms_repo
from desktop.ui import format as fmt
from desktop.ui import theme
from desktop.ui.bridge import EventBridge, bridge_for
from desktop.ui.protocols import Bus, Database
from desktop.ui.untrusted import clean, tooltip
from desktop.ui.widgets import Chip, EmptyStack, VerticalScrollArea, card_frame, plain_label, set_role

RAIL = 22  # px: the milestone timeline's rail column


def hours_text(hours: Decimal) -> str:
    """12.5 → "12.5" ("12,5" in French); whole hours without decimals."""
    exponent = hours.normalize().as_tuple().exponent
    decimals = min(2, max(0, -exponent)) if isinstance(exponent, int) else 2
    return QLocale().toString(float(hours), "f", decimals)


def milestone_color(palette: QPalette, status: MilestoneStatus) -> QColor:
    return {
        MilestoneStatus.UNFUNDED: theme.muted(palette),
        MilestoneStatus.FUNDED: theme.accent(palette),
        MilestoneStatus.SUBMITTED: theme.warning(palette),
        MilestoneStatus.APPROVED: theme.info(palette),
        MilestoneStatus.PAID: theme.accent(palette),
    }[status]


class MilestoneTimeline(QWidget):
    """Milestones top to bottom on a rail: a dot per milestone (filled once paid, a ring while funded or on
    its way), the description, what happened when, the amount and the state."""

    def __init__(self, milestones: tuple[Milestone, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.milestones = milestones
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 4, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(10)
        self.grid.setColumnMinimumWidth(0, RAIL)
        self.grid.setColumnStretch(1, 1)
        self.chips: list[Chip] = []
        self.amounts: list[QLabel] = []
        self.rows: list[QWidget] = []  # each milestone's text, where the rail puts its dot
        for row, m in enumerate(milestones):
            text = QWidget()
            column = QVBoxLayout(text)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(1)
            title = plain_label(fill(self.tr("%1. %2", "milestone number and description"), str(m.position),
                                     clean(m.description)), None, wrap=True)
            title.setStyleSheet("font-weight: 600;")
            column.addWidget(title)
            column.addWidget(plain_label(self.detail_text(m), "muted", wrap=True))
            self.grid.addWidget(text, row, 1)
            self.rows.append(text)
            amount = plain_label(fmt.money(m.amount))
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            amount.setMinimumWidth(amount.sizeHint().width())
            self.grid.addWidget(amount, row, 2, Qt.AlignmentFlag.AlignTop)
            self.amounts.append(amount)
            chip = Chip(self.status_text(m.status), milestone_color(self.palette(), m.status))
            chip.setMinimumWidth(chip.sizeHint().width())
            self.grid.addWidget(chip, row, 3, Qt.AlignmentFlag.AlignTop)
            self.chips.append(chip)

    def recolor(self) -> None:
        for chip, m in zip(self.chips, self.milestones, strict=True):
            chip.setColor(milestone_color(self.palette(), m.status))
        self.update()

    def status_text(self, status: MilestoneStatus) -> str:
        return {
            MilestoneStatus.UNFUNDED: self.tr("Not funded"),
            MilestoneStatus.FUNDED: self.tr("Funded"),
            MilestoneStatus.SUBMITTED: self.tr("Submitted"),
            MilestoneStatus.APPROVED: self.tr("Approved"),
            MilestoneStatus.PAID: self.tr("Paid"),
        }[status]

    def detail_text(self, m: Milestone) -> str:
        """When it is due, and what its state means for the money, with the marketplace's dates."""
        parts: list[str] = []
        if m.due_date is not None and m.status is not MilestoneStatus.PAID:
            parts.append(fill(self.tr("due %1"), fmt.day_text(m.due_date)))
        when = m.reached_at(m.status)
        day = fmt.full_date(when) if when is not None else ""
        if m.status is MilestoneStatus.UNFUNDED:
            parts.append(self.tr("the client funds it when the work before it is approved"))
        elif m.status is MilestoneStatus.FUNDED:
            parts.append(fill(self.tr("in escrow since %1"), day) if day else self.tr("in escrow"))
        elif m.status is MilestoneStatus.SUBMITTED:
            parts.append(fill(self.tr("submitted %1, the client is reviewing"), day) if day
                         else self.tr("the client is reviewing"))
        elif m.status is MilestoneStatus.APPROVED:
            parts.append(fill(self.tr("approved %1, security period"), day) if day
                         else self.tr("security period"))
        else:
            parts.append(fill(self.tr("paid %1"), day) if day else self.tr("paid"))
        text = " · ".join(parts)
        return text[:1].upper() + text[1:]

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.milestones:
            return
        pal = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = RAIL / 2
        # level with each milestone's first line (its description)
        centers = [row.geometry().top() + self.fontMetrics().height() / 2 + 1 for row in self.rows]
        for i in range(len(centers) - 1):  # the rail: solid where the money has moved on
            done = self.milestones[i].status is MilestoneStatus.PAID
            pen = QPen(theme.accent(pal) if done else theme.border(pal), 2)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, centers[i]), QPointF(x, centers[i + 1]))
        for m, y in zip(self.milestones, centers, strict=True):
            color = milestone_color(pal, m.status)
            painter.setPen(QPen(color, 2))
            filled = m.status in (MilestoneStatus.PAID, MilestoneStatus.APPROVED)
            painter.setBrush(color if filled else pal.color(QPalette.ColorRole.Base))
            radius = 6.0 if m.status is not MilestoneStatus.UNFUNDED else 5.0
            painter.drawEllipse(QPointF(x, y), radius, radius)
        painter.end()


class ContractCard(QWidget):
    """One contract: what it is, with whom, and where it stands this week (hourly) or in its milestones."""

    openRoom = Signal(str)

    def __init__(self, contract: Contract, room: Room | None, monday: date, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.contract = contract
        frame = card_frame(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        lay = QVBoxLayout(frame)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(6)

        head = QHBoxLayout()
        self.title = plain_label(clean(contract.title), "h2", wrap=True)
        self.title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        head.addWidget(self.title, 1)
        hourly = contract.contract_type is ContractType.HOURLY
        self.kind = Chip(self.tr("Hourly") if hourly else self.tr("Fixed price"))
        self.kind.setMinimumWidth(self.kind.sizeHint().width())
        head.addWidget(self.kind, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(head)

        who = QHBoxLayout()
        people = [clean(contract.client_name)]
        if room is not None and room.counterpart_name and room.counterpart_name != contract.client_name:
            people.append(clean(room.counterpart_name))
        if contract.status is ContractStatus.ACTIVE:
            since = fill(self.tr("since %1"), fmt.full_date(contract.started_at))
        else:
            since = fill(self.tr("%1 to %2", "a contract's dates"), fmt.full_date(contract.started_at),
                         fmt.full_date(contract.ended_at) if contract.ended_at else "…")
        self.client = plain_label(" · ".join([*people, since]), "muted", wrap=True)
        self.client.setToolTip(tooltip(contract.client_name))
        who.addWidget(self.client, 1)
        self.room_button = QPushButton(self.tr("Open conversation"))
        self.room_button.setMinimumWidth(self.room_button.sizeHint().width())
        if room is not None:
            self.room_button.setToolTip(fill(self.tr("Messages with %1"), clean(room.counterpart_name or
                                                                                  contract.client_name)))
            self.room_button.clicked.connect(lambda: self.openRoom.emit(room.id))
        else:
            self.room_button.setEnabled(False)
            self.room_button.setToolTip(self.tr("No conversation with this client in Atelier yet"))
        who.addWidget(self.room_button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(who)

        self.hours_bar: QProgressBar | None = None
        self.timeline: MilestoneTimeline | None = None
        if hourly:
            self._hourly(lay, contract, monday)
        else:
            self._fixed(lay, contract)

    def _hourly(self, lay: QVBoxLayout, c: Contract, monday: date) -> None:
        parts = []
        if c.hourly_rate is not None:
            parts.append(fill(self.tr("%1 an hour"), fmt.money(c.hourly_rate)))
        if c.weekly_limit_hours:
            parts.append(fill(self.tr("limit %1 h a week"), str(c.weekly_limit_hours)))
        self.terms = plain_label(" · ".join(parts), None, wrap=True)
        lay.addWidget(self.terms)
        if c.status is not ContractStatus.ACTIVE:
            return
        hours = c.hours_in_week(monday) or Decimal(0)
        row = QHBoxLayout()
        if c.weekly_limit_hours:
            bar = QProgressBar()
            bar.setTextVisible(False)
            bar.setFixedHeight(8)
            bar.setRange(0, c.weekly_limit_hours * 100)
            bar.setValue(min(int(hours * 100), c.weekly_limit_hours * 100))
            bar.setAccessibleName(self.tr("Hours this week"))
            bar.setMinimumWidth(80)
            row.addWidget(bar, 1, Qt.AlignmentFlag.AlignVCenter)
            self.hours_bar = bar
            text = fill(self.tr("%1 of %2 h this week"), hours_text(hours), str(c.weekly_limit_hours))
        else:
            text = fill(self.tr("%1 h this week"), hours_text(hours))
        if c.hourly_rate is not None:
            earned = Money(c.hourly_rate.amount * hours, c.hourly_rate.currency)
            text = fill(self.tr("%1 (%2 before fees)", "hours, then their amount"), text, fmt.money(earned))
        self.hours = plain_label(text, "muted", wrap=True)
        row.addWidget(self.hours, 2)
        lay.addLayout(row)

    def _fixed(self, lay: QVBoxLayout, c: Contract) -> None:
        currency = c.budget.currency if c.budget is not None else "USD"

        def total(*states: MilestoneStatus) -> Money:
            return sum((m.amount for m in c.milestones if m.status in states), Money.zero(currency))

        parts = []
        if c.budget is not None:
            parts.append(fill(self.tr("Budget %1"), fmt.money(c.budget)))
        parts.append(fill(self.tr("%1 paid"), fmt.money(total(MilestoneStatus.PAID))))
        waiting = total(MilestoneStatus.FUNDED, MilestoneStatus.SUBMITTED, MilestoneStatus.APPROVED)
        if waiting.amount:
            parts.append(fill(self.tr("%1 funded, on its way"), fmt.money(waiting)))
        self.terms = plain_label(" · ".join(parts), None, wrap=True)
        lay.addWidget(self.terms)
        if c.milestones:
            self.timeline = MilestoneTimeline(c.milestones)
            lay.addWidget(self.timeline)


class ContractsView(QWidget):
    """Active contracts as cards (the most recent first), then the ended ones; or why there are none."""

    openRoomRequested = Signal(str)

    def __init__(self, db: Database, bus: Bus | EventBridge, capabilities: Capabilities | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.capabilities = capabilities
        self.bridge = bridge_for(bus, self)
        self.contracts: list[Contract] = []
        self.cards: list[ContractCard] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.page = QWidget()
        self.page.setObjectName("contractsPage")
        self.column = QVBoxLayout(self.page)
        self.column.setContentsMargins(20, 8, 20, 16)
        self.column.setSpacing(10)
        self.scroller = VerticalScrollArea(self.page)
        self.stack = EmptyStack(self.scroller)
        outer.addWidget(self.stack)
        self.bridge.contractsChanged.connect(self.reload)
        self.bridge.roomsChanged.connect(self.reload)
        self.reload()

    @property
    def offered(self) -> bool:
        return self.capabilities is None or self.capabilities.contracts

    def reload(self) -> None:
        if not self.offered:
            assert self.capabilities is not None
            self.stack.show_empty(
                self.tr("Contracts are not available here"),
                fill(self.tr("%1 does not let Atelier read your contracts and milestones. They are on its "
                             "website; your earnings are here as usual."), self.capabilities.display_name))
            return

        def read(c: Any) -> tuple[list[Contract], dict[str, Room]]:
            found = contracts_repo.list(c)
            rooms = {k.room_id: rooms_repo.get(c, k.room_id) for k in found if k.room_id}
            return found, {key: room for key, room in rooms.items() if room is not None}

        self.contracts, rooms = self.db.read_now(read)
        self._clear()
        if not self.contracts:
            self.stack.show_empty(self.tr("No contracts yet"),
                                  self.tr("When a client hires you, the contract shows here: hours against "
                                          "the weekly limit, or milestones and their payments."))
            return
        monday = monday_of(utcnow().date())  # the marketplace's week (UTC), as it dates the hours
        active = [c for c in self.contracts if c.status is ContractStatus.ACTIVE]
        ended = [c for c in self.contracts if c.status is not ContractStatus.ACTIVE]
        self.summary = plain_label(self._summary_text(active, monday), "muted", wrap=True)
        self.column.addWidget(self.summary)
        for contract in active:
            self._add_card(contract, rooms.get(contract.room_id or ""), monday)
        if ended:
            self.column.addWidget(set_role(QLabel(self.tr("Ended")), "h2"))
            for contract in ended:
                self._add_card(contract, rooms.get(contract.room_id or ""), monday)
        self.column.addStretch(1)
        self.stack.show_content()

    def _summary_text(self, active: list[Contract], monday: date) -> str:
        if not active:
            return self.tr("No contract is running now.")
        hours = sum((c.hours_in_week(monday) or Decimal(0) for c in active), Decimal(0))
        hourly = sum(1 for c in active if c.contract_type is ContractType.HOURLY)
        parts = [self.tr("%n active contract(s)", "", len(active))]
        if hourly:
            parts.append(fill(self.tr("%1 h logged this week"), hours_text(hours)))
        due = [m for c in active for m in c.milestones
               if m.status is MilestoneStatus.FUNDED and m.due_date is not None]
        if due:
            soonest = min(due, key=lambda m: m.due_date or date.max)
            assert soonest.due_date is not None
            parts.append(fill(self.tr("next milestone due %1"), fmt.day_text(soonest.due_date)))
        return " · ".join(parts)

    def _add_card(self, contract: Contract, room: Room | None, monday: date) -> None:
        card = ContractCard(contract, room, monday)
        card.openRoom.connect(self.openRoomRequested.emit)
        self.column.addWidget(card)
        self.cards.append(card)

    def _clear(self) -> None:
        self.cards = []
        while self.column.count():
            item = self.column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def card_for(self, contract_id: str) -> ContractCard | None:
        return next((card for card in self.cards if card.contract.id == contract_id), None)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the chips' and the rail's colours follow the theme
            for card in self.cards:
                if card.timeline is not None:
                    card.timeline.recolor()

    def shutdown(self) -> None:
        self.bridge.close_if_owned_by(self)

