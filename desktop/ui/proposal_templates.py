"""Cover-letter templates: the dialog that manages them (add, rename, edit, delete after asking) and the
proposal form's "Insert template" menu.

A template is a snippet with placeholders ({client_name}, {job_title}, {my_rate}, {my_name}, {skills}) that
the proposal service fills in for the job when the snippet is inserted. Templates are the user's own and
live in the account's cache (no marketplace keeps them): everything here works offline.

Open the dialog with ``open()`` from a slot — never ``exec()`` inside a coroutine.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.storage.templates import PLACEHOLDERS, Template
from desktop.ui.notices import error_text
from desktop.ui.protocols import ProposalActions
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import plain_label

translate = QCoreApplication.translate
MAX_NAME = 80
IdRole = Qt.ItemDataRole.UserRole + 1


def placeholder_label(key: str) -> str:
    """What a placeholder stands for, in the interface language."""
    return {
        "client_name": translate("templates", "Client name"),
        "job_title": translate("templates", "Job title"),
        "my_rate": translate("templates", "Your rate"),
        "my_name": translate("templates", "Your name"),
        "skills": translate("templates", "Your skills"),
    }.get(key, key)


class TemplatesDialog(QDialog):
    """The templates on the left; the chosen one's name and text on the right, with buttons that put a
    placeholder at the cursor. Save stores a new template or the changes; Delete asks first. Emits
    ``changed`` after every stored change (the proposal form refreshes its menu)."""

    changed = Signal()

    def __init__(self, proposals: ProposalActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proposals = proposals
        self._runner = TaskRunner(self)  # its own: a refused name is said here, not in the window's corner
        self._templates: list[Template] = []
        self._current: int | None = None  # the template in the editor (None: a new one)
        self._saved_text = ("", "")  # the editor's name and text as stored
        self._loading = False
        self.confirm: QMessageBox | None = None
        self.setWindowTitle(self.tr("Cover-letter templates"))
        self.setMinimumSize(640, 420)
        self.resize(760, 500)

        root = QHBoxLayout(self)
        root.setContentsMargins(20, 18, 20, 16)
        root.setSpacing(16)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(plain_label(self.tr("Templates"), "h2"))
        self.list = QListWidget()
        self.list.setMinimumWidth(180)
        self.list.setMaximumWidth(240)
        left.addWidget(self.list, 1)
        self.new_button = QPushButton(self.tr("New template"))
        left.addWidget(self.new_button)
        root.addLayout(left)

        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(plain_label(self.tr("Name"), "section"))
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_NAME)
        self.name.setPlaceholderText(self.tr("For example: Short intro"))
        right.addWidget(self.name)
        right.addWidget(plain_label(self.tr("Text"), "section"))
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.body.setPlaceholderText(self.tr("Hello {client_name}, I read your post about {job_title}…"))
        right.addWidget(self.body, 1)
        right.addWidget(plain_label(self.tr("Insert at the cursor:"), "muted"))
        chips = QGridLayout()  # three a row: the labels are long in some languages
        chips.setHorizontalSpacing(6)
        chips.setVerticalSpacing(6)
        self.placeholder_buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(PLACEHOLDERS):
            button = QPushButton(placeholder_label(key))
            button.setToolTip("{" + key + "}")
            button.clicked.connect(lambda _c=False, key=key: self._insert_placeholder(key))
            chips.addWidget(button, i // 3, i % 3)
            self.placeholder_buttons[key] = button
        for column in range(3):
            chips.setColumnStretch(column, 1)
        right.addLayout(chips)
        right.addWidget(plain_label(
            self.tr("The placeholders are filled in with the job's and your profile's details when you "
                    "insert the template into a proposal."), "muted", wrap=True))
        self.error = plain_label("", "error", wrap=True)
        self.error.hide()
        right.addWidget(self.error)
        buttons = QHBoxLayout()
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("danger")
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        self.close_button = QPushButton(self.tr("Close"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        right.addLayout(buttons)
        root.addLayout(right, 1)

        self.list.currentItemChanged.connect(lambda current, _previous: self._on_current(current))
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self._ask_delete)
        self.close_button.clicked.connect(self.accept)
        self.name.textEdited.connect(lambda _t: self._edited())
        self.body.textChanged.connect(self._edited)
        self.start_new()
        self.reload()

    # -- reading ---------------------------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        """Read the templates again; ``select``: the one to show afterwards (else the one shown)."""
        wanted = select if select is not None else self._current
        self._runner.run("templates:list", self._proposals.templates(),
                         on_done=lambda found: self._show_list(found, wanted))

    def _show_list(self, found: list[Template], wanted: int | None) -> None:
        self._templates = list(found)
        self._loading = True
        self.list.clear()
        for template in found:
            item = QListWidgetItem(template.name)
            item.setData(IdRole, template.id)
            self.list.addItem(item)
        self._loading = False
        row = next((i for i, t in enumerate(found) if t.id == wanted), -1)
        if row >= 0:
            self.list.setCurrentRow(row)
        elif found and wanted is None and not self._dirty():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def names(self) -> list[str]:
        return [t.name for t in self._templates]

    def _on_current(self, item: QListWidgetItem | None) -> None:
        if self._loading or item is None:
            return
        template_id = int(item.data(IdRole))
        if template_id == self._current:
            return
        template = next((t for t in self._templates if t.id == template_id), None)
        if template is None:
            return
        self._show_template(template)

    def _show_template(self, template: Template | None) -> None:
        self._current = None if template is None else template.id
        self._loading = True
        self.name.setText("" if template is None else template.name)
        self.body.setPlainText("" if template is None else template.body)
        self._loading = False
        self._saved_text = (self.name.text(), self.body.toPlainText())
        self.error.hide()
        self._update_buttons()

    def start_new(self) -> None:
        """An empty editor for a new template."""
        self.list.setCurrentRow(-1)
        self._show_template(None)
        self.name.setFocus()

    # -- editing ---------------------------------------------------------------------------------------------
    def _dirty(self) -> bool:
        return (self.name.text(), self.body.toPlainText()) != self._saved_text

    def _edited(self) -> None:
        if not self._loading:
            self.error.hide()
            self._update_buttons()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self._dirty())
        self.delete_button.setEnabled(self._current is not None)

    def _insert_placeholder(self, key: str) -> None:
        self.body.insertPlainText("{" + key + "}")
        self.body.setFocus()

    def save(self) -> None:
        name, body = self.name.text(), self.body.toPlainText()
        current = self._current
        if current is None:
            self._run("templates:save", self._proposals.add_template(name, body),
                      lambda made: self._stored(made.id if isinstance(made, Template) else None))
        else:
            self._run("templates:save", self._proposals.update_template(current, name, body),
                      lambda _r: self._stored(current))

    def _stored(self, template_id: int | None) -> None:
        self._current = template_id
        self._saved_text = (self.name.text().strip(), self.body.toPlainText())
        self.name.setText(self._saved_text[0])
        self.changed.emit()
        self.reload(select=template_id)

    def _ask_delete(self) -> None:
        current = self._current
        template = next((t for t in self._templates if t.id == current), None)
        if template is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete template?"),
                          self.tr("Delete the template “%1”? Proposals already sent with it are not changed.")
                          .replace("%1", template.name), QMessageBox.StandardButton.Cancel, self)
        confirm = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setTextFormat(Qt.TextFormat.PlainText)

        def done() -> None:
            if box.clickedButton() is confirm:
                self.delete(template.id)
            self.confirm = None
            box.deleteLater()

        box.finished.connect(lambda _r: done())
        self.confirm = box
        box.open()

    def delete(self, template_id: int) -> None:
        """Delete without asking (after the confirmation)."""
        def deleted(_r: object) -> None:
            self.changed.emit()
            self._current = None
            self.start_new()
            self.reload()

        self._run("templates:delete", self._proposals.delete_template(template_id), deleted)

    def _run(self, name: str, work: Awaitable[Any], then: Callable[[Any], None]) -> None:
        """Store a change; a refusal (an empty or taken name, a template deleted meanwhile) is said under
        the editor, and the editor keeps what was typed."""
        self.save_button.setEnabled(False)

        async def attempt() -> tuple[bool, Any]:
            try:
                return True, await work
            except ValueError as exc:
                return False, error_text(exc)

        def done(result: tuple[bool, Any]) -> None:
            stored, value = result
            if stored:
                then(value)
                return
            self.error.setText(value)
            self.error.show()
            self._update_buttons()

        def failed(exc: BaseException) -> None:
            self.error.setText(self.tr("Could not save the template: %1")
                               .replace("%1", error_text(exc)))
            self.error.show()
            self._update_buttons()

        self._runner.run(name, attempt(), on_done=done, on_error=failed)
