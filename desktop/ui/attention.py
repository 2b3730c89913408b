"""'Needs your attention': what the marketplace refused for good, with its reason and the user's text, and
the next step for each (send again, edit the proposal, copy the text, or discard it)."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.models import ProposalDraft
from desktop.ui import format as fmt
from desktop.ui.notices import notice_text
from desktop.ui.tasks import TaskRunner
from desktop.ui.untrusted import clean, fill
from desktop.ui.widgets import card_frame, plain_label

if TYPE_CHECKING:  # the attention service imports the others (and httpx): the banner is in the first frame
    from desktop.services.attention import ActionKind, NeedsAttention

TEXT_PREVIEW = 600
# A bare name lupdate recognises, like QCoreApplication.translate: translate("context", "text").
translate = QCoreApplication.translate


class AttentionActions(Protocol):
    async def items(self) -> list[NeedsAttention]: ...

    async def discard(self, item_id: int) -> None: ...

    async def resend(self, item_id: int) -> None: ...

    async def draft_of(self, item_id: int) -> ProposalDraft | None: ...


def kind_text(kind: ActionKind) -> str:
    from desktop.services.attention import ActionKind

    texts = {
        ActionKind.MESSAGE: translate("AttentionDialog", "Message to %1"),
        ActionKind.PROPOSAL: translate("AttentionDialog", "Proposal for “%1”"),
        ActionKind.SAVED_SEARCH: translate("AttentionDialog", "Saved search “%1”"),
        ActionKind.SAVED_SEARCH_DELETE: translate("AttentionDialog", "Deleting the saved search “%1”"),
        ActionKind.WITHDRAWAL: translate("AttentionDialog", "Withdrawing a proposal (%1)"),
        ActionKind.DECLINE: translate("AttentionDialog", "Declining an invitation (%1)"),
    }
    return texts.get(kind) or translate("AttentionDialog", "An action (%1)")


class AttentionDialog(QDialog):
    """Opened with open(); reloads itself after each choice."""

    editProposal = Signal(int, object)  # (item id, ProposalDraft): open the proposal form on it

    def __init__(self, actions: AttentionActions, runner: TaskRunner | None = None,
                 parent: QWidget | None = None, kinds: frozenset[ActionKind] | None = None) -> None:
        """``kinds``: show only these (a pane's own); all of them by default."""
        super().__init__(parent)
        self._actions = actions
        self._kinds = kinds
        self._runner = runner or TaskRunner(self)
        self.setWindowTitle(self.tr("Needs your attention"))
        self.setMinimumSize(560, 420)
        root = QVBoxLayout(self)
        root.setContentsMargins(22, 18, 22, 16)
        root.addWidget(plain_label(self.tr("Needs your attention"), "h1"))
        self.intro = plain_label(self.tr(
            "The marketplace refused these. Nothing of what you wrote is lost: send it again, edit it, copy "
            "it, or discard it."), "muted", wrap=True)
        root.addWidget(self.intro)
        self.list_box = QWidget()
        self.rows = QVBoxLayout(self.list_box)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(10)
        scroller = QScrollArea()
        scroller.setWidget(self.list_box)
        scroller.setWidgetResizable(True)
        root.addWidget(scroller, 1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        root.addLayout(bottom)
        self.items: list[NeedsAttention] = []
        self.reload()

    def reload(self) -> None:
        self._runner.run("attention:load", self._actions.items(), on_done=self._show)

    def _show(self, items: list[NeedsAttention]) -> None:
        if self._kinds is not None:
            items = [item for item in items if item.kind in self._kinds]
        self.items = items
        if any(item.rescued for item in items):  # then "nothing is lost" would not be true
            self.intro.setText(self.tr(
                "Some of these the marketplace refused; others Atelier kept back when its local cache was "
                "damaged, with as much of your text as it could read. Send them again, edit, copy or discard "
                "them."))
        while self.rows.count():
            taken = self.rows.takeAt(0)
            if taken is not None and (widget := taken.widget()) is not None:
                widget.deleteLater()
        if not items:
            self.rows.addWidget(plain_label(self.tr("Nothing needs your attention."), "muted"))
        for item in items:
            self.rows.addWidget(self._row(item))
        self.rows.addStretch(1)

    def _row(self, item: NeedsAttention) -> QWidget:
        from desktop.services.attention import ActionKind

        card = card_frame()
        lay = QVBoxLayout(card)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(4)
        lay.addWidget(plain_label(fill(kind_text(item.kind), clean(item.about)), "h2", wrap=True))
        # a message rescued from a damaged cache was never refused: it was kept back, for the user to check
        said = self.tr("Kept %1: %2") if item.rescued else self.tr("Refused %1: %2")
        lay.addWidget(plain_label(fill(said, fmt.ago(item.created_at),
                                       notice_text(item.reason) if item.reason
                                       else self.tr("no reason given")),
                                  "error", wrap=True))
        if item.text:
            shown = clean(item.text)
            if len(shown) > TEXT_PREVIEW:
                shown = shown[:TEXT_PREVIEW - 1] + "…"
            lay.addWidget(plain_label(shown, None, wrap=True))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        if item.text:
            copy = QPushButton(self.tr("Copy text"))
            copy.clicked.connect(lambda _c=False, t=item.text: QGuiApplication.clipboard().setText(t))
            buttons.addWidget(copy)
        discard = QPushButton(self.tr("Discard"))
        discard.clicked.connect(lambda _c=False, i=item.item_id: self._run(self._actions.discard(i)))
        buttons.addWidget(discard)
        if item.kind is ActionKind.PROPOSAL:
            again = QPushButton(self.tr("Edit and send again"))
            again.clicked.connect(lambda _c=False, i=item.item_id: self._edit(i))
        else:
            again = QPushButton(self.tr("Send again"))
            again.clicked.connect(lambda _c=False, i=item.item_id: self._run(self._actions.resend(i)))
        again.setObjectName("primary")
        buttons.addWidget(again)
        lay.addLayout(buttons)
        card.setProperty("attentionItem", item.item_id)
        return card

    def _run(self, coro: Coroutine[Any, Any, None]) -> None:
        self._runner.run(f"attention:act:{id(coro)}", coro, cancel_previous=False,
                         on_done=lambda _result: self.reload())

    def _edit(self, item_id: int) -> None:
        """Hand the refused proposal to the form (the window keeps it as a draft, then forgets the
        refusal)."""
        def opened(draft: ProposalDraft | None) -> None:
            if draft is not None:
                self.editProposal.emit(item_id, draft)
                self.accept()

        self._runner.run(f"attention:edit:{item_id}", self._actions.draft_of(item_id), on_done=opened)


class AttentionBanner(QWidget):
    """A strip over a pane: how many of the actions made there wait in "Needs your attention", and a button
    that lists just those. Hidden while there are none."""

    reviewRequested = Signal(str)  # the pane

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attentionBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.pane = ""
        self.count = 0
        lay = QHBoxLayout(self)
        lay.setContentsMargins(24, 8, 24, 8)
        self.label = plain_label("", "error", wrap=True)
        lay.addWidget(self.label, 1)
        self.review = QPushButton(self.tr("Review"))
        self.review.setObjectName("danger")
        self.review.clicked.connect(lambda: self.reviewRequested.emit(self.pane))
        lay.addWidget(self.review, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_count(self, pane: str, count: int) -> None:
        self.pane, self.count = pane, count
        texts = {
            "messages": self.tr("%n message(s) could not be sent and need(s) your attention.", "", count),
            "proposals": self.tr("%n proposal action(s) need(s) your attention.", "", count),
            "jobs": self.tr("%n saved search change(s) need(s) your attention.", "", count),
        }
        self.label.setText(texts.get(pane, ""))
        self.setVisible(count > 0 and pane in texts)
