"""The "Write proposal" dialog: cover letter, bid, duration, a live fee line, submit through the outbox.

Open it with ``open()`` or ``show()`` from a slot — never ``exec()`` inside a coroutine.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.models import Job, JobType, Proposal, ProposalDraft
from desktop.core.money import Money, fee_breakdown
from desktop.ui import format as fmt
from desktop.ui.i18n import service_text
from desktop.ui.protocols import ProposalActions
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import plain_label, set_role

MIN_COVER_LETTER = 50
MAX_COVER_LETTER = 5000


class ProposalForm(QDialog):
    """Write and submit a proposal for ``job``. Emits ``submitted(Proposal)`` and closes on success."""

    submitted = Signal(object)  # Proposal

    def __init__(
        self,
        job: Job,
        proposals: ProposalActions,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.job = job
        self._proposals = proposals
        self._runner = runner or TaskRunner(self)
        self._attempted = False
        self.setWindowTitle(self.tr("Write proposal"))
        self.setMinimumWidth(600)
        self.resize(640, 600)

        root = QVBoxLayout(self)
        root.setContentsMargins(24, 20, 24, 18)
        root.setSpacing(12)

        root.addWidget(set_role(plain_label(self.tr("Write a proposal")), "section"))
        title = plain_label(job.title, "h1", wrap=True)
        root.addWidget(title)
        sub = plain_label(
            " · ".join(
                [
                    fmt.budget_text(job),
                    fmt.job_type_text(job.job_type),
                    job.client.name,
                    self.tr("%1 connects").replace("%1", str(job.connects_required)),
                ]
            ),
            "muted",
            wrap=True,
        )
        root.addWidget(sub)

        self.currency = self._currency()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)

        self.bid = QDoubleSpinBox()
        self.bid.setDecimals(2)
        self.bid.setRange(0, 1_000_000)
        self.bid.setSingleStep(5)
        self.bid.setGroupSeparatorShown(True)
        # The currency where the interface language writes it: "$|1" in English, "1| $" in French.
        sample = fmt.money(Money(Decimal(1), self.currency), whole=True)
        before, _one, after = sample.partition("1")
        self.bid.setPrefix(before)
        self.bid.setSuffix(after)
        if job.job_type is JobType.HOURLY:
            self.bid.setSuffix(self.bid.suffix() + self.tr(" /hr"))
        self.bid.setValue(float(self._suggested_bid()))
        self.bid.setMinimumWidth(160)
        self.bid.setMaximumWidth(240)
        self.bid.setMinimumHeight(32)
        self.bid.lineEdit().setTextMargins(6, 0, 0, 0)
        bid_label = self.tr("Hourly rate") if job.job_type is JobType.HOURLY else self.tr("Bid")
        form.addRow(bid_label, self.bid)

        self.fee_line = plain_label("", "muted")
        form.addRow("", self.fee_line)

        self.duration = QComboBox()
        durations = [
            self.tr("Less than 1 month"),
            self.tr("1 to 3 months"),
            self.tr("3 to 6 months"),
            self.tr("More than 6 months"),
        ]
        self.duration.addItems(durations)
        if job.duration and job.duration not in durations:
            self.duration.insertItem(0, job.duration)
        i = self.duration.findText(job.duration) if job.duration else -1
        self.duration.setCurrentIndex(max(0, i))
        self.duration.setMaximumWidth(240)
        self.duration.setMinimumHeight(32)
        form.addRow(self.tr("Duration"), self.duration)
        root.addLayout(form)

        letter_head = QHBoxLayout()
        letter_head.addWidget(plain_label(self.tr("Cover letter"), "h2"))
        letter_head.addStretch(1)
        self.counter = plain_label("", "muted")
        letter_head.addWidget(self.counter)
        root.addLayout(letter_head)
        self.cover_letter = QPlainTextEdit()
        self.cover_letter.setPlaceholderText(
            self.tr(
                "Introduce yourself and explain why you're a strong fit for this job (50 characters minimum)."
            )
        )
        self.cover_letter.setTabChangesFocus(True)
        root.addWidget(self.cover_letter, 1)

        self.problems_label = plain_label("", "error", wrap=True)
        self.problems_label.hide()
        root.addWidget(self.problems_label)

        buttons = QHBoxLayout()
        self.connects_note = plain_label(
            self.tr("Submitting uses %1 connects.").replace("%1", str(job.connects_required)), "muted"
        )
        buttons.addWidget(self.connects_note)
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.submit_button = QPushButton(self.tr("Submit proposal"))
        self.submit_button.setObjectName("primary")
        self.submit_button.setDefault(True)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.submit_button)
        root.addLayout(buttons)

        self.cancel_button.clicked.connect(self.reject)
        self.submit_button.clicked.connect(self.submit)
        self.bid.valueChanged.connect(lambda _v: self._refresh())
        self.cover_letter.textChanged.connect(self._refresh)
        self._refresh()

    # -- values ----------------------------------------------------------------------------------------------
    def _currency(self) -> str:
        for m in (self.job.budget, self.job.hourly_max, self.job.hourly_min):
            if m is not None:
                return m.currency
        return "USD"

    def _suggested_bid(self) -> Decimal:
        if self.job.job_type is JobType.FIXED and self.job.budget is not None:
            return self.job.budget.amount
        for m in (self.job.hourly_max, self.job.hourly_min, self.job.budget):
            if m is not None:
                return m.amount
        return Decimal(0)

    def bid_money(self) -> Money:
        return Money.of(f"{self.bid.value():.2f}", self.currency)

    def draft(self) -> ProposalDraft:
        return ProposalDraft(
            job_id=self.job.id,
            cover_letter=self.cover_letter.toPlainText(),
            bid=self.bid_money(),
            duration=self.duration.currentText(),
            fee_rate=self.job.fee_rate,
            job_title=self.job.title,
        )

    def fee_text(self) -> str:
        split = fee_breakdown(self.bid_money(), self.job.fee_rate)
        per = self.tr(" per hour") if self.job.job_type is JobType.HOURLY else ""
        return (
            self.tr("Platform fee %1: %2 · You'll receive %3")
            .replace("%1", fmt.rate(split.rate))
            .replace("%2", fmt.money(split.fee))
            .replace("%3", fmt.money(split.net))
            + per
        )

    # -- behaviour -------------------------------------------------------------------------------------------
    def _refresh(self) -> None:
        self.fee_line.setText(self.fee_text())
        n = len(self.cover_letter.toPlainText().strip())
        if n < MIN_COVER_LETTER:
            self.counter.setText(
                self.tr("%1 / %2 characters minimum")
                .replace("%1", str(n))
                .replace("%2", str(MIN_COVER_LETTER))
            )
        else:
            self.counter.setText(self.tr("%1 characters").replace("%1", fmt.number(n)))
        if self._attempted:
            self._show_problems(self.draft().problems())

    def _show_problems(self, problems: list[str]) -> None:
        self.problems_label.setText("\n".join(service_text(p) for p in problems))
        self.problems_label.setVisible(bool(problems))

    def submit(self) -> None:
        self._attempted = True
        draft = self.draft()
        problems = draft.problems()
        self._show_problems(problems)
        if problems:
            return
        self._set_busy(True)
        self._runner.run(
            "proposal:submit",
            self._proposals.submit(draft),
            on_done=self._on_submitted,
            on_error=self._on_failed,
        )

    def _set_busy(self, busy: bool) -> None:
        self.submit_button.setEnabled(not busy)
        self.submit_button.setText(self.tr("Sending…") if busy else self.tr("Submit proposal"))
        for w in (self.cover_letter, self.bid, self.duration):
            w.setEnabled(not busy)

    def _on_submitted(self, proposal: Proposal) -> None:
        self._set_busy(False)
        self.submitted.emit(proposal)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        self.problems_label.setText(self.tr("Could not submit: %1").replace("%1", service_text(message)))
        self.problems_label.show()

    def reject(self) -> None:
        self._runner.cancel("proposal:submit")
        super().reject()
