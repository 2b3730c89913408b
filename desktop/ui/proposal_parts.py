"""Parts of the proposal form beyond the letter: a fixed-price bid's milestones, and the answers to the job's
screening questions. Both report every edit through ``changed`` (the form autosaves its draft)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.clock import utcnow
from desktop.core.models import BidMilestone, ScreeningAnswer, ScreeningQuestion
from desktop.core.money import Money
from desktop.ui import format as fmt
from desktop.ui.widgets import plain_label, set_role

MAX_MILESTONES = 20
MAX_DESCRIPTION = 200


class MilestoneRow(QWidget):
    """One milestone: what is delivered, its amount, its due date; and a button that removes it."""

    changed = Signal()
    removeRequested = Signal(object)  # this row

    def __init__(self, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency = currency
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        self.description = QLineEdit()
        self.description.setMaxLength(MAX_DESCRIPTION)
        self.description.setPlaceholderText(self.tr("What you deliver"))
        lay.addWidget(self.description, 1)
        self.amount = QDoubleSpinBox()
        self.amount.setDecimals(2)
        self.amount.setRange(0, 1_000_000)
        self.amount.setGroupSeparatorShown(True)
        sample = fmt.money(Money(Decimal(1), currency), whole=True)
        before, _one, after = sample.partition("1")
        self.amount.setPrefix(before)
        self.amount.setSuffix(after)
        self.amount.setMinimumWidth(120)
        lay.addWidget(self.amount)
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setMinimumWidth(120)
        lay.addWidget(self.due)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove this milestone"))
        lay.addWidget(self.remove_button)
        self.description.textChanged.connect(lambda _t: self.changed.emit())
        self.amount.valueChanged.connect(lambda _v: self.changed.emit())
        self.due.dateChanged.connect(lambda _d: self.changed.emit())
        self.remove_button.clicked.connect(lambda: self.removeRequested.emit(self))

    def set_value(self, milestone: BidMilestone) -> None:
        self.description.setText(milestone.description)
        self.amount.setValue(float(milestone.amount.amount))
        self.due.setDate(QDate(milestone.due.year, milestone.due.month, milestone.due.day))

    def value(self) -> BidMilestone:
        d = self.due.date()
        return BidMilestone(self.description.text(), Money.of(f"{self.amount.value():.2f}", self.currency),
                         date(d.year(), d.month(), d.day()))


class MilestonesEditor(QWidget):
    """A fixed-price bid paid in parts. Optional: without milestones the bid is paid in one go. With them,
    a line says how far their total is from the bid (the form refuses to send until they match)."""

    changed = Signal()

    def __init__(self, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency = currency
        self.bid = Money.zero(currency)
        self.rows: list[MilestoneRow] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        head = QHBoxLayout()
        head.addWidget(plain_label(self.tr("Milestones"), "h2"))
        head.addStretch(1)
        self.add_button = QPushButton(self.tr("Add milestone"))
        head.addWidget(self.add_button)
        lay.addLayout(head)
        self.hint = plain_label(self.tr("Optional: split the bid into payments, each released when you "
                                        "deliver it. Together they must come to the bid."),
                                "muted", wrap=True)
        lay.addWidget(self.hint)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(6)
        lay.addLayout(self.rows_box)
        self.total = plain_label("", "muted", wrap=True)
        self.total.hide()
        lay.addWidget(self.total)
        self.add_button.clicked.connect(self.add)

    def add(self) -> MilestoneRow:
        """A new milestone: due two weeks after the one before (or from today), for what is left of the
        bid."""
        row = MilestoneRow(self.currency, self)
        last = self.rows[-1].value().due if self.rows else utcnow().date()
        due = last + timedelta(days=14)
        left = self.bid.amount - self.total_money().amount
        row.set_value(BidMilestone("", Money(max(left, Decimal(0)), self.currency), due))
        self._adopt(row)
        row.description.setFocus()
        self.changed.emit()
        return row

    def _adopt(self, row: MilestoneRow) -> None:
        row.changed.connect(self._edited)
        row.removeRequested.connect(self._remove)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        self._update()

    def _remove(self, row: MilestoneRow) -> None:
        self.rows.remove(row)
        self.rows_box.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._update()
        self.changed.emit()

    def _edited(self) -> None:
        self._update()
        self.changed.emit()

    def set_milestones(self, milestones: tuple[BidMilestone, ...]) -> None:
        for row in list(self.rows):
            self.rows.remove(row)
            self.rows_box.removeWidget(row)
            row.deleteLater()
        for milestone in milestones:
            row = MilestoneRow(self.currency, self)
            row.set_value(milestone)
            self._adopt(row)
        self._update()

    def milestones(self) -> tuple[BidMilestone, ...]:
        return tuple(row.value() for row in self.rows)

    def total_money(self) -> Money:
        total = Money.zero(self.currency)
        for row in self.rows:
            total = total + row.value().amount
        return total

    def set_bid(self, bid: Money) -> None:
        self.bid = bid
        self._update()

    def _update(self) -> None:
        self.add_button.setEnabled(len(self.rows) < MAX_MILESTONES)
        self.total.setVisible(bool(self.rows))
        if not self.rows:
            return
        total = self.total_money().rounded()
        bid = self.bid.rounded()
        text = self.tr("Milestones total %1 of your %2 bid").replace("%1", fmt.money(total)) \
            .replace("%2", fmt.money(bid))
        if total.amount < bid.amount:
            text += " · " + self.tr("%1 left to assign").replace("%1", fmt.money(bid - total))
        elif total.amount > bid.amount:
            text += " · " + self.tr("%1 over the bid").replace("%1", fmt.money(total - bid))
        self.total.setText(text)
        set_role(self.total, "muted" if total == bid else "error")
        self.total.style().unpolish(self.total)
        self.total.style().polish(self.total)

    @property
    def matches_bid(self) -> bool:
        return not self.rows or self.total_money().rounded() == self.bid.rounded()


class ScreeningAnswers(QWidget):
    """The client's questions, each with a box for the answer (all of them must be answered)."""

    changed = Signal()

    def __init__(self, questions: tuple[ScreeningQuestion, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.questions = questions
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        lay.addWidget(plain_label(self.tr("Questions from the client"), "h2"))
        lay.addWidget(plain_label(self.tr("The client asks every applicant these questions: answer each "
                                          "one."), "muted", wrap=True))
        grid = QGridLayout()
        grid.setVerticalSpacing(4)
        self.boxes: list[QPlainTextEdit] = []
        for i, question in enumerate(questions):
            label = plain_label(f"{i + 1}. {question.text}", None, wrap=True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box = QPlainTextEdit()
            box.setTabChangesFocus(True)
            box.setFixedHeight(64)
            box.setPlaceholderText(self.tr("Your answer"))
            box.textChanged.connect(self.changed.emit)
            grid.addWidget(label, 2 * i, 0)
            grid.addWidget(box, 2 * i + 1, 0)
            self.boxes.append(box)
        lay.addLayout(grid)

    def answers(self) -> tuple[ScreeningAnswer, ...]:
        return tuple(ScreeningAnswer(q.id, q.text, box.toPlainText())
                     for q, box in zip(self.questions, self.boxes, strict=True))

    def set_answers(self, answers: tuple[ScreeningAnswer, ...]) -> None:
        given = {a.question_id: a.answer for a in answers}
        for q, box in zip(self.questions, self.boxes, strict=True):
            if q.id in given:
                box.setPlainText(given[q.id])
