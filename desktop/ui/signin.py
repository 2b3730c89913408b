"""Sign-in screens: the welcome window (first start, or after signing out), the "finish in your browser"
progress view, the dialog that shows it when signing in again from the main window, and the sign-out
question.

These widgets only show things and emit signals; desktop/app.py runs the sign-in flow and answers them.
No dialog here is ever exec()'d: everything opens with open()/show() and reports through signals.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import theme
from desktop.ui.i18n import TextContext
from desktop.ui.resources import icon
from desktop.ui.untrusted import clean, fill
from desktop.ui.widgets import card_frame, hline, plain_label

# A bare name lupdate recognises, like QCoreApplication.translate: translate("context", "text").
translate = QCoreApplication.translate

VISIBLE_ACCOUNTS = 4


def keychain_warning_text() -> str:
    return translate(
        "WelcomeWindow", "No keychain is available on this computer, so your sign-in lasts for this session "
                         "only. Atelier never stores it in a plain file.")


class SignInProgress(QWidget):
    """ "Finish signing in in your browser" with Open again / Copy link / Cancel."""

    cancelRequested = Signal()
    openAgainRequested = Signal()
    callbackPasted = Signal(str)
    """The address the browser ended on, pasted back (for a callback Atelier cannot listen on)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._url = ""
        self._paste_mode = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.title = plain_label(self.tr("Finish signing in in your browser"), "h1", wrap=True)
        layout.addWidget(self.title)
        self.detail = plain_label("", "muted", wrap=True)
        layout.addWidget(self.detail)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: we wait for the browser, not for a known amount of work
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(6)
        layout.addWidget(self.busy)
        self.error_label = plain_label("", "error", wrap=True)
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)
        links = QHBoxLayout()
        self.open_again = QPushButton(self.tr("Open the browser again"))
        self.open_again.clicked.connect(self.openAgainRequested)
        self.copy_link = QPushButton(self.tr("Copy link"))
        self.copy_link.setToolTip(self.tr("Paste it into a browser if none opened"))
        self.copy_link.clicked.connect(self._copy)
        links.addWidget(self.open_again)
        links.addWidget(self.copy_link)
        links.addStretch(1)
        layout.addLayout(links)
        # No browser could be opened: the link itself, as plain selectable text, with its own Copy button.
        self.link_box = QWidget()
        link_layout = QVBoxLayout(self.link_box)
        link_layout.setContentsMargins(0, 0, 0, 0)
        link_layout.setSpacing(6)
        self.link_hint = plain_label(
            self.tr("Open this link in a web browser on this computer:"), "muted", wrap=True)
        link_layout.addWidget(self.link_hint)
        link_row = QHBoxLayout()
        self.link_text = QPlainTextEdit()
        self.link_text.setReadOnly(True)
        self.link_text.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        self.link_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        margins = 2 * (self.link_text.document().documentMargin() + self.link_text.frameWidth())
        self.link_text.setFixedHeight(round(self.link_text.fontMetrics().lineSpacing() * 4 + margins + 8))
        self.link_copy = QPushButton(self.tr("Copy"))
        self.link_copy.clicked.connect(self._copy)
        link_row.addWidget(self.link_text, 1)
        link_row.addWidget(self.link_copy, 0, Qt.AlignmentFlag.AlignTop)
        link_layout.addLayout(link_row)
        self.link_box.setVisible(False)
        layout.addWidget(self.link_box)
        self.paste_box = QWidget()
        paste = QVBoxLayout(self.paste_box)
        paste.setContentsMargins(0, 4, 0, 0)
        paste.setSpacing(6)
        paste.addWidget(plain_label(
            self.tr("When the browser shows your key's callback page, copy the whole address from its "
                    "address bar and paste it here."), "muted", wrap=True))
        paste_row = QHBoxLayout()
        self.paste_field = QLineEdit()
        self.paste_field.setPlaceholderText("https://…/callback?code=…&state=…")
        self.paste_field.returnPressed.connect(self._paste)
        self.paste_button = QPushButton(self.tr("Continue"))
        self.paste_button.clicked.connect(self._paste)
        paste_row.addWidget(self.paste_field, 1)
        paste_row.addWidget(self.paste_button)
        paste.addLayout(paste_row)
        self.paste_error = plain_label("", "error", wrap=True)
        self.paste_error.setVisible(False)
        paste.addWidget(self.paste_error)
        self.paste_box.setVisible(False)
        layout.addWidget(self.paste_box)
        layout.addSpacing(8)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.clicked.connect(self.cancelRequested)
        buttons.addWidget(self.cancel)
        layout.addLayout(buttons)

    def start(self, server_url: str, *, paste: bool = False) -> None:
        self._url = ""
        self._paste_mode = paste
        self.link_box.setVisible(False)
        self.link_text.clear()
        self.link_copy.setText(self.tr("Copy"))
        self.copy_link.setText(self.tr("Copy link"))
        self.paste_box.setVisible(paste)
        self.paste_field.clear()
        self.paste_error.setVisible(False)
        self.title.setText(self.tr("Finish signing in in your browser"))
        self.error_label.setVisible(False)
        self.detail.setVisible(True)
        self.busy.setVisible(True)
        self.open_again.setText(self.tr("Open the browser again"))
        self.cancel.setText(self.tr("Cancel"))
        if paste:
            self.detail.setText(
                self.tr("Atelier is opening %1 in your web browser. Sign in there and allow access, then "
                        "bring back the address the browser ends on.").replace("%1", server_url))
        else:
            self.detail.setText(
                self.tr("Atelier is opening %1 in your web browser. Sign in there and allow access; "
                        "Atelier continues by itself.").replace("%1", server_url))
        self.set_link("")
        self.cancel.setEnabled(True)

    def set_link(self, url: str) -> None:
        self._url = url
        self.open_again.setVisible(True)
        self.open_again.setEnabled(bool(url))
        self.copy_link.setVisible(not self.link_box.isVisibleTo(self))  # the link box has its own Copy
        self.copy_link.setEnabled(bool(url))
        if self.link_box.isVisibleTo(self):
            self.link_text.setPlainText(url)

    def show_browser_failed(self, url: str) -> None:
        """No browser opened: show the link to open by hand; the sign-in keeps waiting for it."""
        self._url = url
        self.title.setText(self.tr("Open the sign-in page in your browser"))
        if self._paste_mode:
            self.detail.setText(self.tr(
                "Atelier could not open a web browser. Open the link below in one, sign in there and allow "
                "access, then bring back the address the browser ends on."))
        else:
            self.detail.setText(self.tr(
                "Atelier could not open a web browser. Open the link below in one and sign in there; "
                "Atelier is still waiting and continues by itself."))
        self.link_text.setPlainText(url)
        self.link_box.setVisible(True)
        self.copy_link.setVisible(False)
        self.open_again.setText(self.tr("Try the browser again"))
        window = self.window()
        if isinstance(window, QDialog):  # "Sign in again": the dialog grows to show the link
            window.adjustSize()

    def show_error(self, message: str) -> None:
        self.title.setText(self.tr("Sign-in did not finish"))
        self.detail.setVisible(False)
        self.busy.setVisible(False)
        self.open_again.setVisible(False)
        self.copy_link.setVisible(False)
        self.link_box.setVisible(False)
        self.error_label.setText(message)
        self.error_label.setVisible(True)
        self.cancel.setText(self.tr("Close"))

    def show_paste_error(self, message: str) -> None:
        self.paste_error.setText(message)
        self.paste_error.setVisible(bool(message))

    def _paste(self) -> None:
        text = self.paste_field.text().strip()
        if text:
            self.paste_error.setVisible(False)
            self.callbackPasted.emit(text)

    def set_finishing(self) -> None:
        self.title.setText(self.tr("Signing you in…"))
        self.detail.setText(self.tr("The browser is done; Atelier is finishing the sign-in."))

    def _copy(self) -> None:
        if self._url:
            QGuiApplication.clipboard().setText(self._url)
            self.copy_link.setText(self.tr("Link copied"))
            self.link_copy.setText(self.tr("Copied"))


class WelcomeWindow(QWidget):
    """First start: sign in to a marketplace, or try the demo."""

    signInRequested = Signal(str)
    upworkSignInRequested = Signal(str, str, str, str)
    """Sign in to Upwork: (client id, client secret, callback address, Upwork API address)."""
    demoRequested = Signal()
    cancelRequested = Signal()
    openAgainRequested = Signal()
    accountChosen = Signal(str, str)
    """An account already signed in on this computer was chosen: (server URL, account)."""

    def __init__(self, default_server: str, *, keychain_persistent: bool = True,
                 known_accounts: Sequence[tuple[str, str]] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account_buttons: list[QPushButton] = []
        self.setWindowTitle(self.tr("Welcome to Atelier"))
        self.setWindowIcon(icon("atelier"))
        self.setMinimumSize(QSize(560, 560))
        self.resize(640, 640)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 32, 40, 28)
        outer.setSpacing(18)
        brand = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(icon("atelier").pixmap(QSize(40, 40)))
        brand.addWidget(logo)
        name = QLabel(self.tr("Atelier"))
        name.setObjectName("brand")
        brand.addWidget(name)
        brand.addStretch(1)
        outer.addLayout(brand)

        self.keychain_banner = plain_label(keychain_warning_text(), "muted", wrap=True)
        self.keychain_banner.setObjectName("keychainBanner")
        self.keychain_banner.setContentsMargins(12, 8, 12, 8)
        self.keychain_banner.setVisible(not keychain_persistent)
        outer.addWidget(self.keychain_banner)

        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.pages.addWidget(self._build_choice(default_server, known_accounts))
        self.progress = SignInProgress()
        self.progress.cancelRequested.connect(self.cancelRequested)
        self.progress.openAgainRequested.connect(self.openAgainRequested)
        self.pages.addWidget(self._build_upwork())
        holder = card_frame()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(24, 22, 24, 18)
        holder_layout.addWidget(self.progress)
        progress_page = QWidget()
        progress_layout = QVBoxLayout(progress_page)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        progress_layout.addWidget(holder)
        progress_layout.addStretch(1)
        self.pages.addWidget(progress_page)
        self._style_banner()
        self.resize(640, max(640, self.sizeHint().height()))

    PROGRESS_PAGE, UPWORK_PAGE = 2, 1

    def _build_upwork(self) -> QWidget:
        """Upwork's API keys are per developer: the user brings their own, asked once (kept in the
        keychain), with the callback address registered for it."""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(plain_label(self.tr("Sign in to Upwork"), "h1"))
        layout.addWidget(plain_label(
            self.tr("Upwork gives API keys to each developer. Request a key of type “Desktop” in Upwork's "
                    "developer center, then enter it here; Atelier keeps it in your keychain and asks only "
                    "once. Your browser then opens Upwork's own sign-in page."), "muted", wrap=True))
        card = card_frame()
        form = QFormLayout(card)
        form.setContentsMargins(20, 18, 20, 18)
        form.setVerticalSpacing(10)
        self.upwork_key = QLineEdit()
        self.upwork_key.setPlaceholderText(self.tr("Key (client id)"))
        self.upwork_secret = QLineEdit()
        self.upwork_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.upwork_secret.setPlaceholderText(self.tr("Secret"))
        self.upwork_callback = QLineEdit("http://127.0.0.1:5816/callback")
        self.upwork_callback.setToolTip(self.tr(
            "The callback URL registered with your key. An address on this computer lets Atelier continue "
            "by itself; any other address works too: you paste it back after signing in."))
        self.upwork_server = QLineEdit("https://api.upwork.com")
        self.upwork_server.setToolTip(self.tr("Upwork's API, or a test server shaped like it"))
        form.addRow(self.tr("API key"), self.upwork_key)
        form.addRow(self.tr("Secret"), self.upwork_secret)
        form.addRow(self.tr("Callback URL"), self.upwork_callback)
        form.addRow(self.tr("API address"), self.upwork_server)
        layout.addWidget(card)
        self.upwork_error = plain_label("", "error", wrap=True)
        self.upwork_error.setVisible(False)
        layout.addWidget(self.upwork_error)
        buttons = QHBoxLayout()
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(lambda: self.show_choice())
        buttons.addWidget(back)
        buttons.addStretch(1)
        self.upwork_go = QPushButton(self.tr("Sign in with your browser"))
        self.upwork_go.setObjectName("primary")
        self.upwork_go.clicked.connect(self._request_upwork)
        buttons.addWidget(self.upwork_go)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return page

    def _request_upwork(self) -> None:
        key, secret = self.upwork_key.text().strip(), self.upwork_secret.text().strip()
        if not key or not secret:
            self.upwork_error.setText(self.tr("Enter your Upwork API key and its secret first."))
            self.upwork_error.setVisible(True)
            return
        self.upwork_error.setVisible(False)
        self.upworkSignInRequested.emit(key, secret, self.upwork_callback.text().strip(),
                                        self.upwork_server.text().strip())

    def show_upwork(self, error: str = "") -> None:
        self.upwork_error.setText(error)
        self.upwork_error.setVisible(bool(error))
        self.pages.setCurrentIndex(self.UPWORK_PAGE)
        self.upwork_key.setFocus()

    def _build_choice(self, default_server: str, known_accounts: Sequence[tuple[str, str]]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(plain_label(self.tr("Welcome to Atelier"), "h1"))
        layout.addWidget(plain_label(
            self.tr("Find jobs, send proposals, talk with clients and follow your earnings — "
                    "fast, and offline when you need it."), "muted", wrap=True))
        if known_accounts:
            layout.addWidget(self._build_accounts(known_accounts))

        card = card_frame()
        form = QVBoxLayout(card)
        form.setContentsMargins(20, 18, 20, 18)
        form.setSpacing(8)
        form.addWidget(plain_label(self.tr("Sign in to another account") if known_accounts
                                   else self.tr("Sign in to a marketplace"), "h2"))
        form.addWidget(plain_label(
            self.tr("Your browser opens the marketplace's own sign-in page; Atelier never sees your "
                    "password."), "muted", wrap=True))
        label = plain_label(self.tr("Marketplace address"))
        form.addWidget(label)
        row = QHBoxLayout()
        self.server_field = QLineEdit(default_server)
        self.server_field.setPlaceholderText("https://marketplace.example")
        self.server_field.setClearButtonEnabled(True)
        label.setBuddy(self.server_field)
        self.server_field.returnPressed.connect(self._request_sign_in)
        self.server_field.textChanged.connect(self._server_changed)
        row.addWidget(self.server_field, 1)
        self.sign_in_button = QPushButton(self.tr("Sign in with your browser"))
        if not known_accounts:  # otherwise opening a known account is the main action
            self.sign_in_button.setObjectName("primary")
        self.sign_in_button.clicked.connect(self._request_sign_in)
        row.addWidget(self.sign_in_button)
        form.addLayout(row)
        self.error_label = plain_label("", "error", wrap=True)
        self.error_label.setVisible(False)
        form.addWidget(self.error_label)
        upwork_row = QHBoxLayout()
        upwork_row.addWidget(plain_label(self.tr("Freelancing on Upwork?"), "muted"))
        self.upwork_button = QPushButton(self.tr("Sign in to Upwork…"))
        self.upwork_button.clicked.connect(lambda: self.show_upwork())
        upwork_row.addWidget(self.upwork_button)
        upwork_row.addStretch(1)
        form.addLayout(upwork_row)
        layout.addWidget(card)

        divider = QHBoxLayout()
        divider.addWidget(hline(), 1)
        divider.addWidget(plain_label(self.tr("or"), "muted"))
        divider.addWidget(hline(), 1)
        layout.addLayout(divider)

        demo = card_frame()
        demo_layout = QHBoxLayout(demo)
        demo_layout.setContentsMargins(20, 16, 20, 16)
        text = QVBoxLayout()
        text.addWidget(plain_label(self.tr("Try the demo"), "h2"))
        text.addWidget(plain_label(
            self.tr("A lively sample marketplace that runs on this computer. Nothing leaves it."),
            "muted", wrap=True))
        demo_layout.addLayout(text, 1)
        self.demo_button = QPushButton(self.tr("Try the demo"))
        self.demo_button.clicked.connect(self.demoRequested)
        demo_layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(demo)
        layout.addStretch(1)
        self._server_changed(default_server)
        return page

    def _build_accounts(self, known_accounts: Sequence[tuple[str, str]]) -> QWidget:
        """The accounts already signed in here: one click opens one, from its offline copy at once."""
        card = card_frame()
        rows = QVBoxLayout(card)
        rows.setContentsMargins(20, 14, 20, 14)
        rows.setSpacing(6)
        rows.addWidget(plain_label(self.tr("Your accounts"), "h2"))
        listing = QWidget()
        entries = QVBoxLayout(listing)
        entries.setContentsMargins(0, 0, 0, 0)
        entries.setSpacing(6)
        for server_url, account in known_accounts:
            row = QHBoxLayout()
            names = QVBoxLayout()
            names.setSpacing(0)
            names.addWidget(plain_label(account))
            where = plain_label(server_url, "muted")
            names.addWidget(where)
            row.addLayout(names, 1)
            button = QPushButton(self.tr("Open"))
            button.setToolTip(self.tr("Open %1 on %2").replace("%1", account).replace("%2", server_url))
            button.clicked.connect(
                lambda _checked=False, s=server_url, a=account: self.accountChosen.emit(s, a))
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            entries.addLayout(row)
            self.account_buttons.append(button)
        if len(known_accounts) > VISIBLE_ACCOUNTS:  # the window keeps its size; the list scrolls
            scroller = QScrollArea()
            scroller.setWidget(listing)
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QFrame.Shape.NoFrame)
            scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroller.setStyleSheet(
                "QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
            row_height = listing.sizeHint().height() / len(known_accounts)
            scroller.setFixedHeight(int(row_height * (VISIBLE_ACCOUNTS + 0.5)))
            rows.addWidget(scroller)
        else:
            rows.addWidget(listing)
        self.account_buttons[0].setObjectName("primary")  # the most recent one: Enter opens it
        self.account_buttons[0].setDefault(True)
        return card

    def _style_banner(self) -> None:
        warn = theme.warning(self.palette())
        self.keychain_banner.setStyleSheet(
            f"#keychainBanner {{ border: 1px solid {warn.name()}; border-radius: 8px; }}")

    def _server_changed(self, text: str) -> None:
        self.sign_in_button.setEnabled(bool(text.strip()))

    def _request_sign_in(self) -> None:
        url = self.server_field.text().strip()
        if url:
            self.signInRequested.emit(url)

    # -- what the app tells it ----------------------------------------------------------------------------
    def show_choice(self, error: str = "") -> None:
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        self.pages.setCurrentIndex(0)
        self.server_field.setFocus()

    def show_progress(self, server_url: str, *, paste: bool = False) -> None:
        self.error_label.setVisible(False)
        self.progress.start(server_url, paste=paste)
        self.pages.setCurrentIndex(self.PROGRESS_PAGE)

    def showing_progress(self) -> bool:
        return self.pages.currentIndex() == self.PROGRESS_PAGE


class SignInDialog(QDialog):
    """The progress view in a dialog, for "Sign in again" from the main window. Opened with open()."""

    cancelRequested = Signal()
    openAgainRequested = Signal()

    def __init__(self, server_url: str, parent: QWidget | None = None, *, paste: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in again"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 16)
        self.progress = SignInProgress()
        self.progress.cancelRequested.connect(self.cancelRequested)
        self.progress.openAgainRequested.connect(self.openAgainRequested)
        self.progress.start(server_url, paste=paste)
        layout.addWidget(self.progress)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.activated.connect(self.cancelRequested)

    def reject(self) -> None:
        # Closing the dialog (Esc, the window's close button) cancels the attempt; the app closes it.
        self.cancelRequested.emit()

    def show_error(self, message: str) -> None:
        self.progress.show_error(message)
        self.adjustSize()


class SignOutChoice(enum.Enum):
    KEEP_CACHE = "keep"
    REMOVE_CACHE = "remove"


class AccountDialogs(TextContext):
    """The translation context of the sign-out and switch-account questions."""


def ask_sign_out(parent: QWidget, account: str, pending: int,
                 answered: Callable[[SignOutChoice | None], None]) -> QMessageBox:
    """Ask whether to keep the offline copy; ``answered`` gets the choice (None: cancelled). Non-blocking."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the account name comes from the marketplace
    box.setWindowTitle(AccountDialogs.tr("Sign out"))
    box.setText(fill(AccountDialogs.tr("Sign out of %1?"), clean(account)))
    info = AccountDialogs.tr(
        "Keep the offline copy of your jobs, proposals, messages and earnings on this computer? "
        "Keeping it makes the next sign-in instant; removing it deletes it from this computer.")
    if pending:
        info += "\n\n" + AccountDialogs.tr(
            "%n action(s) not sent yet will be lost if you remove it.", "", pending)
    box.setInformativeText(info)
    keep = box.addButton(AccountDialogs.tr("Sign out, keep offline copy"),
                         QMessageBox.ButtonRole.AcceptRole)
    remove = box.addButton(AccountDialogs.tr("Sign out and remove it"),
                           QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def done(_result: int) -> None:
        clicked = box.clickedButton()
        answered(SignOutChoice.KEEP_CACHE if clicked is keep
                 else SignOutChoice.REMOVE_CACHE if clicked is remove else None)

    box.finished.connect(done)
    box.open()
    return box


def ask_switch_with_pending(parent: QWidget, account: str, pending: int,
                            answered: Callable[[bool], None]) -> QMessageBox:
    """Before leaving an account with actions not sent yet: they wait for its return. Non-blocking."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowTitle(AccountDialogs.tr("Switch account"))
    box.setText(fill(AccountDialogs.tr("%n action(s) from %1 not sent yet.", "", pending), clean(account)))
    box.setInformativeText(AccountDialogs.tr(
        "They stay queued on this computer and go out the next time you open this account."))
    switch = box.addButton(AccountDialogs.tr("Switch anyway"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(switch)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(lambda _result: answered(box.clickedButton() is switch))
    box.open()
    return box
