"""The welcome screen and the account menu offer the accounts already signed in on this computer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from desktop.ui.signin import VISIBLE_ACCOUNTS, WelcomeWindow

ACCOUNTS = [("https://one.example", "ada@example.com"), ("http://127.0.0.1:8765", "demo@atelier.test")]


def test_welcome_opens_a_known_account_with_one_click(qtbot: Any) -> None:
    welcome = WelcomeWindow("https://one.example", known_accounts=ACCOUNTS)
    qtbot.addWidget(welcome)
    chosen: list[tuple[str, str]] = []
    welcome.accountChosen.connect(lambda url, account: chosen.append((url, account)))
    assert [b.toolTip() for b in welcome.account_buttons] == [
        "Open ada@example.com on https://one.example", "Open demo@atelier.test on http://127.0.0.1:8765"]
    qtbot.mouseClick(welcome.account_buttons[1], Qt.MouseButton.LeftButton)
    assert chosen == [ACCOUNTS[1]]
    # The most recent account is the main action, not a new sign-in.
    assert welcome.account_buttons[0].objectName() == "primary"
    assert welcome.sign_in_button.objectName() != "primary"


def test_first_start_has_no_account_list(qtbot: Any) -> None:
    welcome = WelcomeWindow("https://one.example")
    qtbot.addWidget(welcome)
    assert welcome.account_buttons == []
    assert welcome.sign_in_button.objectName() == "primary"


def test_many_accounts_scroll_instead_of_squeezing_the_sign_in_form(qtbot: Any) -> None:
    many = [(f"https://m{i}.example", f"user{i}@example.com") for i in range(VISIBLE_ACCOUNTS + 3)]
    welcome = WelcomeWindow("https://m0.example", known_accounts=many)
    qtbot.addWidget(welcome)
    welcome.show()
    qtbot.waitExposed(welcome)
    assert len(welcome.account_buttons) == len(many)
    assert welcome.findChild(QScrollArea) is not None
    form = welcome.server_field
    assert form.height() >= form.sizeHint().height()  # the address field is not clipped
    assert welcome.height() <= 800


def test_account_menu_lists_the_other_accounts(make_window: Any, services: Any) -> None:
    window = make_window(services)
    switched: list[tuple[str, str]] = []
    window.switchAccountRequested.connect(lambda url, account: switched.append((url, account)))
    assert window.switch_actions == []
    window.set_other_accounts(ACCOUNTS)
    assert [a.text() for a in window.switch_actions] == [
        "Switch to ada@example.com · one.example", "Switch to demo@atelier.test · 127.0.0.1:8765"]
    window.switch_actions[0].trigger()
    assert switched == [ACCOUNTS[0]]
    window.set_other_accounts(ACCOUNTS[1:])  # listed again, not twice
    assert len(window.switch_actions) == 1
    assert len([a for a in window.account_menu.actions() if a.text().startswith("Switch to")]) == 1
