"""The Earnings pane's Contracts tab and its "Becomes available, by week" chart, on a real cache."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.api.upwork import UPWORK_CAPABILITIES
from desktop.core.clock import utcnow
from desktop.core.forecast import monday_of
from desktop.core.models import ContractStatus, MilestoneStatus, TransactionStatus
from desktop.services.events import ContractsChanged, EventBus
from desktop.storage import contracts as contracts_repo
from desktop.storage import earnings as earnings_repo
from desktop.storage.db import Database
from desktop.ui import format as fmt
from desktop.ui import i18n
from desktop.ui.earnings_pane import TAB_CONTRACTS, EarningsPane
from tests.ui import builders
from tests.ui.fakes import FakeServices


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The English catalog, as the app installs it: "1 active contract", "3 active contracts"."""
    translations = i18n.install(qapp, "en")
    yield
    translations.remove()


def make_pane(qtbot: Any, db: Database, bus: EventBus | None = None, **kw: Any) -> EarningsPane:
    pane = EarningsPane(db, bus or EventBus(), **kw)
    qtbot.addWidget(pane)
    pane.resize(1000, 760)
    return pane


def test_active_contracts_show_hours_against_limits_and_milestones(
        qtbot: Any, filled_db: Database, world: builders.World, english: None) -> None:
    pane = make_pane(qtbot, filled_db)
    pane.show_tab(TAB_CONTRACTS)
    pane.show()
    view = pane.contracts
    assert pane.views.currentWidget() is view
    assert [c.contract.id for c in view.cards] == ["ctr-2", "ctr-1", "ctr-3", "ctr-4"]  # active first
    assert view.summary.text().startswith("3 active contracts")
    hourly = view.card_for("ctr-1")
    assert hourly is not None
    assert hourly.hours_bar is not None
    assert hourly.hours.text() == "18.5 of 30 h this week ($1,572.50 before fees)"
    assert hourly.hours_bar.value() == 1850
    assert hourly.hours_bar.maximum() == 3000
    assert hourly.terms.text() == "$85.00 an hour · limit 30 h a week"
    assert hourly.client.text().startswith("Northwind Analytics · Maya Chen · since ")
    fixed = view.card_for("ctr-3")
    assert fixed is not None
    assert fixed.timeline is not None
    assert [chip.text() for chip in fixed.timeline.chips] == ["Paid", "Approved", "Submitted", "Not funded"]
    assert [label.text() for label in fixed.timeline.amounts] == ["$1,200.00", "$800.00", "$650.00",
                                                                 "$400.00"]
    contract = world.contracts[2]
    due = contract.milestones[3].due_date
    assert due is not None
    assert fixed.timeline.detail_text(contract.milestones[3]).startswith(f"Due {fmt.day_text(due)}")
    assert fixed.terms.text() == "Budget $3,050.00 · $1,200.00 paid · $1,450.00 funded, on its way"


def test_a_contracts_conversation_is_one_click_away(qtbot: Any, services: FakeServices,
                                                    make_window: Any) -> None:
    window = make_window(services)
    window.show()
    window.show_pane("earnings")
    window.earnings.show_tab(TAB_CONTRACTS)
    card = window.earnings.contracts.card_for("ctr-1")
    assert card is not None
    assert card.room_button.isEnabled()
    qtbot.mouseClick(card.room_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.messages
    assert window.messages.room_id == "room-1"


def test_a_contract_without_a_conversation_says_so(qtbot: Any, filled_db: Database,
                                                   world: builders.World) -> None:
    lone = replace(world.contracts[0], id="ctr-9", room_id=None, updated_at=world.now)
    filled_db.write_now(lambda c: contracts_repo.upsert_many(c, [lone]))
    pane = make_pane(qtbot, filled_db)
    card = pane.contracts.card_for("ctr-9")
    assert card is not None
    assert not card.room_button.isEnabled()
    assert "No conversation" in card.room_button.toolTip()


def test_a_milestone_event_shows_at_once(qtbot: Any, filled_db: Database, world: builders.World) -> None:
    bus = EventBus()
    pane = make_pane(qtbot, filled_db, bus)
    contract = world.contracts[2]
    moved = replace(contract, updated_at=world.now + timedelta(minutes=1), milestones=tuple(
        replace(m, status=MilestoneStatus.APPROVED, approved_at=world.now) if m.position == 3 else m
        for m in contract.milestones))
    filled_db.write_now(lambda c: contracts_repo.upsert_many(c, [moved]))  # what the sync engine does
    bus.emit(ContractsChanged())
    card = pane.contracts.card_for(contract.id)
    assert card is not None
    assert card.timeline is not None
    assert [chip.text() for chip in card.timeline.chips] == ["Paid", "Approved", "Approved", "Not funded"]


def test_a_marketplace_without_contracts_says_so(qtbot: Any, filled_db: Database) -> None:
    pane = make_pane(qtbot, filled_db, capabilities=UPWORK_CAPABILITIES)
    pane.show_tab(TAB_CONTRACTS)
    view = pane.contracts
    assert view.stack.is_empty_shown()
    assert not view.cards
    assert view.stack.empty_title.text() == "Contracts are not available here"
    assert "Upwork does not let Atelier read your contracts" in view.stack.empty_hint.text()


def test_no_contracts_yet(qtbot: Any, db: Database) -> None:
    pane = make_pane(qtbot, db)
    assert pane.contracts.stack.is_empty_shown()
    assert pane.contracts.stack.empty_title.text() == "No contracts yet"


def test_the_forecast_chart_has_a_bar_per_week_with_its_days_in_the_tooltip(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    now = utcnow()
    this_week = monday_of(now.date())
    coming = [(2, TransactionStatus.IN_REVIEW, "100.00"), (3, TransactionStatus.PENDING, "50.00"),
              (16, TransactionStatus.PENDING, "20.00")]
    extra = [replace(world.transactions[i], id=f"soon-{i}", status=status,
                     available_at=now + timedelta(days=d), net=builders.usd(net),
                     type=world.transactions[1].type)
             for i, (d, status, net) in enumerate(coming)]
    filled_db.write_now(lambda c: earnings_repo.upsert_transactions(c, extra))
    pane = make_pane(qtbot, filled_db)
    pane.show()
    days = filled_db.read_now(earnings_repo.coming_available)
    weeks = pane.weeks
    assert weeks[0].monday == this_week
    assert weeks[-1].monday == monday_of(days[-1].day)
    assert [w.monday for w in weeks] == [this_week + timedelta(weeks=i) for i in range(len(weeks))]
    values = pane.forecast_values()
    assert len(values) == len(weeks)
    assert sum(values) == float(sum(d.net.amount for d in days))  # every amount, each in its week
    last = pane.forecast_tooltip(len(weeks) - 1).splitlines()
    assert last[0] == f"Week of {fmt.day_text(weeks[-1].monday)}: {fmt.money(weeks[-1].net)}"
    assert f"$20.00 on {fmt.day_text((now + timedelta(days=16)).date())}" in last
    assert pane.forecast_section.isVisible()


def test_no_forecast_chart_without_money_on_its_way(qtbot: Any, db: Database) -> None:
    pane = make_pane(qtbot, db)
    pane.show()
    assert pane.weeks == []
    assert not pane.forecast_section.isVisible()


def test_ended_contracts_follow_the_active_ones(qtbot: Any, filled_db: Database) -> None:
    pane = make_pane(qtbot, filled_db)
    ended = [c.contract for c in pane.contracts.cards if c.contract.status is ContractStatus.ENDED]
    assert [c.id for c in ended] == ["ctr-4"]
    card = pane.contracts.card_for("ctr-4")
    assert card is not None
    assert " to " in card.client.text()


def test_contracts_speak_french(qtbot: Any, qapp: QApplication, filled_db: Database) -> None:
    translations = i18n.install(qapp, "fr")
    try:
        pane = make_pane(qtbot, filled_db)
        assert pane.tabs.tabText(TAB_CONTRACTS) == "Contrats"
        view = pane.contracts
        assert view.summary.text().startswith("3 contrats actifs · 27,75 h enregistrées cette semaine")
        fixed = view.card_for("ctr-3")
        assert fixed is not None
        assert fixed.timeline is not None
        assert [chip.text() for chip in fixed.timeline.chips] == ["Payé", "Approuvé", "Soumis", "Non financé"]
        assert fixed.room_button.text() == "Ouvrir la conversation"
    finally:
        translations.remove()
