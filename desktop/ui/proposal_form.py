"""The "Write proposal" dialog: cover letter, bid, duration, a live fee line, submit through the outbox.

What is typed is saved as a draft as it is typed, AUTOSAVE_MS after the last keystroke (and brought back
when the form opens again for the job; the Proposals pane lists drafts on its Drafts tab). Closing the form,
or the window, saves what the timer had not saved yet; erasing everything discards the draft.

Where the marketplace's API cannot send proposals (``Capabilities.submit_proposals`` false, as on
Upwork), the form still writes the proposal: its button copies the letter and opens the job on the
marketplace's website, and the draft stays until the user deletes it.

Open it with ``open()`` or ``show()`` from a slot — never ``exec()`` inside a coroutine.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.capabilities import Capabilities
from desktop.core.models import Job, JobType, Proposal, ProposalDraft
from desktop.core.money import Money, fee_breakdown
from desktop.core.notices import Notice
from desktop.core.text import fill
from desktop.storage.templates import Template
from desktop.ui import format as fmt
from desktop.ui.links import open_in_browser
from desktop.ui.notices import error_text, notice_text
from desktop.ui.proposal_parts import MilestonesEditor, ScreeningAnswers
from desktop.ui.proposal_templates import TemplatesDialog
from desktop.ui.protocols import ProposalActions
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import plain_label, set_role

MIN_COVER_LETTER = 50
MAX_COVER_LETTER = 5000
AUTOSAVE_MS = 700


class ProposalForm(QDialog):
    """Write and submit a proposal for ``job``. Emits ``submitted(Proposal)`` and closes on success."""

    submitted = Signal(object)  # Proposal
    handedToWebsite = Signal(object)  # Job: the letter was copied and the job opened on the website

    def __init__(
        self,
        job: Job,
        proposals: ProposalActions,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
        capabilities: Capabilities | None = None,
    ) -> None:
        super().__init__(parent)
        self.job = job
        self._proposals = proposals
        self._runner = runner or TaskRunner(self)
        self._attempted = False
        self._loading = True  # no autosave while the saved draft is being put back
        self._restoring = False
        self._typed_early = False
        self._closed = False
        self.template_id: int | None = None  # the template the letter started from
        self.templates: list[Template] = []
        self.templates_dialog: TemplatesDialog | None = None
        self.sends_here = capabilities is None or capabilities.submit_proposals
        knows_connects = capabilities is None or capabilities.connects_balance
        self._marketplace = capabilities.display_name if capabilities is not None else ""
        self.setWindowTitle(self.tr("Write proposal"))
        self.setMinimumWidth(600)
        self.resize(660, 640)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 18)
        outer.setSpacing(12)
        # Everything but the notes and buttons scrolls: milestones and questions can make a long form.
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        root = QVBoxLayout(content)
        root.setContentsMargins(24, 20, 24, 4)
        root.setSpacing(12)
        self.scroller.setWidget(content)
        outer.addWidget(self.scroller, 1)
        bottom = QVBoxLayout()
        bottom.setContentsMargins(24, 0, 24, 0)
        bottom.setSpacing(8)
        outer.addLayout(bottom)

        root.addWidget(set_role(plain_label(self.tr("Write a proposal")), "section"))
        title = plain_label(job.title, "h1", wrap=True)
        root.addWidget(title)
        facts = [fmt.budget_text(job), fmt.job_type_text(job.job_type), job.client.name]
        if knows_connects:
            facts.append(self.tr("%1 connects").replace("%1", str(job.connects_required)))
        sub = plain_label(" · ".join(f for f in facts if f), "muted", wrap=True)
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
        self.template_button = QPushButton(self.tr("Insert template"))
        self.template_menu = QMenu(self.template_button)
        self.template_button.setMenu(self.template_menu)
        letter_head.addWidget(self.template_button)
        root.addLayout(letter_head)
        self.cover_letter = QPlainTextEdit()
        self.cover_letter.setPlaceholderText(
            self.tr(
                "Introduce yourself and explain why you're a strong fit for this job (50 characters minimum)."
            )
        )
        self.cover_letter.setTabChangesFocus(True)
        self.cover_letter.setMinimumHeight(200)
        root.addWidget(self.cover_letter, 1)

        # A fixed-price bid may be paid by milestone, where the marketplace takes them with a proposal.
        self.with_milestones = job.job_type is JobType.FIXED and (
            capabilities is None or capabilities.proposal_milestones)
        self.milestones = MilestonesEditor(self.currency)
        self.milestones.setVisible(self.with_milestones)
        root.addWidget(self.milestones)
        self.with_questions = bool(job.screening_questions) and (
            capabilities is None or capabilities.screening_questions)
        self.questions = ScreeningAnswers(job.screening_questions)
        self.questions.setVisible(self.with_questions)
        root.addWidget(self.questions)

        self.problems_label = plain_label("", "error", wrap=True)
        self.problems_label.hide()
        bottom.addWidget(self.problems_label)

        self.website_note = plain_label(
            self.tr("%1's API does not let apps send proposals. Atelier keeps this proposal as a draft; "
                    "“%2” copies the cover letter and opens the job on %1, where you paste it and send.")
            .replace("%1", self._marketplace).replace("%2", self._submit_text()),
            "muted", wrap=True)
        self.website_note.setVisible(not self.sends_here)
        bottom.addWidget(self.website_note)

        buttons = QHBoxLayout()
        self.connects_note = plain_label(
            self.tr("Submitting uses %1 connects.").replace("%1", str(job.connects_required)), "muted"
        )
        self.connects_note.setVisible(knows_connects and self.sends_here)
        self.connects_available: int | None = None  # what the user can still spend (None: not known)
        buttons.addWidget(self.connects_note)
        self.saved_note = plain_label("", "muted")
        buttons.addWidget(self.saved_note)
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel") if self.sends_here else self.tr("Close"))
        self.submit_button = QPushButton(self._submit_text())
        self.submit_button.setObjectName("primary")
        self.submit_button.setDefault(True)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.submit_button)
        bottom.addLayout(buttons)

        self.cancel_button.clicked.connect(self.reject)
        self.submit_button.clicked.connect(self.submit)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self._save_draft)
        self.bid.valueChanged.connect(lambda _v: self._changed())
        self.duration.currentIndexChanged.connect(lambda _i: self._changed())
        self.cover_letter.textChanged.connect(self._changed)
        self.milestones.changed.connect(self._changed)
        self.questions.changed.connect(self._changed)
        self._refresh()
        self._fill_template_menu()
        self.load_templates()
        if knows_connects and self.sends_here:
            self._runner.run(f"proposal:connects:{job.id}", self._proposals.connects_available(),
                             on_done=self._show_connects)
        self._runner.run(f"proposal:draft:{job.id}", self._proposals.draft_for(job.id),
                         on_done=self._restore_draft, on_error=lambda _exc: self._draft_loaded())

    def _submit_text(self) -> str:
        if self.sends_here:
            return self.tr("Submit proposal")
        return self.tr("Open on %1").replace("%1", self._marketplace)

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
            template_id=self.template_id,
            milestones=self.milestones.milestones() if self.with_milestones else (),
            answers=self.questions.answers() if self.with_questions else (),
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

    # -- drafts ----------------------------------------------------------------------------------------------
    def _restore_draft(self, draft: ProposalDraft | None) -> None:
        if self._typed_early:  # the user started before the saved draft arrived: their text wins
            self._draft_loaded()
            self._autosave.start()
            return
        if draft is not None:
            self._restoring = True
            self.cover_letter.setPlainText(draft.cover_letter)
            self.bid.setValue(float(draft.bid.amount))
            i = self.duration.findText(draft.duration)
            if i < 0 and draft.duration:
                self.duration.insertItem(0, draft.duration)
                i = 0
            self.duration.setCurrentIndex(max(0, i))
            self.template_id = draft.template_id
            self.milestones.set_milestones(draft.milestones)
            self.questions.set_answers(draft.answers)
            self.saved_note.setText(self.tr("Draft restored"))
            self._restoring = False
        self._draft_loaded()

    def _draft_loaded(self) -> None:
        self._loading = False

    def _changed(self) -> None:
        self._refresh()
        if not self._loading:
            self._autosave.start()
        elif not self._restoring:
            self._typed_early = True

    def _save_draft(self) -> None:
        draft = self.draft()
        self._runner.run(f"proposal:save:{self.job.id}", self._proposals.save_draft(draft),
                         cancel_previous=False,
                         on_done=lambda _r: self._saved(draft))

    def _saved(self, draft: ProposalDraft) -> None:
        if not self._closed:  # (the form may be gone: the save outlives it)
            self.saved_note.setText("" if draft.is_blank else self.tr("Draft saved"))

    @property
    def unsaved(self) -> bool:
        """Edits the autosave timer has not written yet."""
        return self._autosave.isActive()

    def save_now(self) -> None:
        """Write the edits the timer has not saved yet, synchronously (the window is closing)."""
        if self._autosave.isActive():
            self._autosave.stop()
            self._proposals.save_draft_now(self.draft())

    # -- Connects --------------------------------------------------------------------------------------------
    @property
    def short_of_connects(self) -> bool:
        return self.connects_available is not None and self.connects_available < self.job.connects_required

    def _show_connects(self, available: int | None) -> None:
        """The cost beside the balance; when the balance is short, say so and do not offer to send."""
        self.connects_available = available
        needed = str(self.job.connects_required)
        if available is None:
            return
        if self.short_of_connects:
            self.connects_note.setText(self.tr("This proposal needs %1 Connects; you have %2.")
                                       .replace("%1", needed).replace("%2", str(max(available, 0))))
            set_role(self.connects_note, "error")
        else:
            self.connects_note.setText(self.tr("Submitting uses %1 of your %2 Connects.")
                                       .replace("%1", needed).replace("%2", str(available)))
            set_role(self.connects_note, "muted")
        self.connects_note.style().unpolish(self.connects_note)
        self.connects_note.style().polish(self.connects_note)
        self.submit_button.setEnabled(not self.short_of_connects)
        self.submit_button.setToolTip(self.tr("You do not have enough Connects to send this proposal.")
                                      if self.short_of_connects else "")

    # -- templates -------------------------------------------------------------------------------------------
    def load_templates(self) -> None:
        self._runner.run(f"proposal:templates:{self.job.id}", self._proposals.templates(),
                         on_done=self._got_templates)

    def _got_templates(self, found: list[Template]) -> None:
        self.templates = list(found)
        self._fill_template_menu()

    def _fill_template_menu(self) -> None:
        menu = self.template_menu
        menu.clear()
        if not self.templates:
            none = menu.addAction(self.tr("No templates yet"))
            none.setEnabled(False)
        for template in self.templates:
            action = menu.addAction(template.name.replace("&", "&&"))
            action.triggered.connect(lambda _c=False, t=template.id: self.insert_template(t))
        menu.addSeparator()
        manage = menu.addAction(self.tr("Manage templates…"))
        manage.triggered.connect(self.manage_templates)

    def insert_template(self, template_id: int) -> None:
        """Fill the template in for this job and put it at the cursor (the whole letter when empty)."""
        async def fill() -> tuple[bool, str]:
            try:
                return True, await self._proposals.fill_template(template_id, self.job)
            except ValueError as exc:  # deleted meanwhile (in another window)
                return False, error_text(exc)

        def insert(result: tuple[bool, str]) -> None:
            filled, text = result
            if not filled:
                self.problems_label.setText(text)
                self.problems_label.show()
                self.load_templates()
                return
            self.template_id = template_id
            if self.cover_letter.toPlainText().strip():
                self.cover_letter.insertPlainText(text)
            else:
                self.cover_letter.setPlainText(text)
            self.cover_letter.setFocus()

        self._runner.run(f"proposal:template:{self.job.id}", fill(), on_done=insert)

    def manage_templates(self) -> TemplatesDialog:
        dialog = TemplatesDialog(self._proposals, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.load_templates)
        dialog.destroyed.connect(lambda *_: setattr(self, "templates_dialog", None))
        self.templates_dialog = dialog
        dialog.open()
        return dialog

    # -- behaviour -------------------------------------------------------------------------------------------
    def _refresh(self) -> None:
        self.fee_line.setText(self.fee_text())
        self.milestones.set_bid(self.bid_money())
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
            self._show_problems(self.draft().problems(date.today()))

    def _show_problems(self, problems: list[Notice]) -> None:
        self.problems_label.setText("\n".join(notice_text(p) for p in problems))
        self.problems_label.setVisible(bool(problems))

    def submit(self) -> None:
        self._attempted = True
        draft = self.draft()
        problems = draft.problems(date.today())
        self._show_problems(problems)
        if self.sends_here and self.short_of_connects:
            short = self.tr("Not enough Connects: this proposal needs %1 and you have %2.")
            self.problems_label.setText("\n".join(filter(None, [self.problems_label.text(), fill(
                short, str(self.job.connects_required), str(max(self.connects_available or 0, 0)))])))
            self.problems_label.show()
            return
        if problems:
            return
        if not self.sends_here:
            self._hand_to_website(draft)
            return
        self._set_busy(True)
        self._runner.run(
            "proposal:submit",
            self._proposals.submit(draft),
            on_done=self._on_submitted,
            on_error=self._on_failed,
        )

    def _hand_to_website(self, draft: ProposalDraft) -> None:
        """Keep the draft, put the letter on the clipboard and open the job's page on the website."""
        self._autosave.stop()
        self._runner.run(f"proposal:save:{self.job.id}", self._proposals.save_draft(draft),
                         cancel_previous=False)
        QGuiApplication.clipboard().setText(draft.cover_letter)
        opened = bool(self.job.url) and open_in_browser(self.job.url)
        if opened:
            self.handedToWebsite.emit(self.job)
            self.accept()
            return
        self.problems_label.setText(
            self.tr("Your cover letter is copied. Open the job on %1 and paste it there: %2")
            .replace("%1", self._marketplace).replace("%2", self.job.url or self.job.title))
        self.problems_label.show()

    def _set_busy(self, busy: bool) -> None:
        self.submit_button.setEnabled(not busy and not self.short_of_connects)
        self.submit_button.setText(self.tr("Sending…") if busy else self._submit_text())
        for w in (self.cover_letter, self.bid, self.duration, self.template_button, self.milestones,
                  self.questions):
            w.setEnabled(not busy)

    def _on_submitted(self, proposal: Proposal) -> None:
        self._set_busy(False)
        self.submitted.emit(proposal)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.problems_label.setText(self.tr("Could not submit: %1").replace("%1", error_text(exc)))
        self.problems_label.show()

    def reject(self) -> None:
        self._runner.cancel("proposal:submit")
        if self._autosave.isActive():  # closing keeps what was typed since the last save
            self._autosave.stop()
            self._save_draft()
        super().reject()

    def done(self, result: int) -> None:
        """Closed (sent, cancelled, or replaced by another form): what it was still reading for itself is
        no longer wanted (the window's runner outlives the form). A draft being saved is left to finish."""
        self._closed = True
        for name in ("proposal:draft", "proposal:templates", "proposal:template", "proposal:connects"):
            self._runner.cancel(f"{name}:{self.job.id}")
        super().done(result)
