from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt

from desktop.core.clock import format_ts, utcnow
from desktop.core.models import ConnectionState, SyncStatus
from desktop.services.events import EarningsChanged, EventBus, StatusChanged
from desktop.services.sync import LAST_SYNCED_AT
from desktop.storage import earnings as earnings_repo
from desktop.storage import sync_state
from desktop.storage.db import Database
from desktop.ui import format as fmt
from desktop.ui import theme
from desktop.ui.earnings_pane import PAGE_SIZE, EarningsPane
from tests.ui import builders


def make_pane(qtbot: Any, db: Database, bus: EventBus | None = None) -> EarningsPane:
    pane = EarningsPane(db, bus or EventBus())
    qtbot.addWidget(pane)
    pane.resize(1000, 760)
    return pane


def test_cards_show_the_summary(qtbot: Any, filled_db: Database, world: builders.World) -> None:
    pane = make_pane(qtbot, filled_db)
    s = world.summary
    assert pane.card_text("work_in_progress") == s.work_in_progress.format() == "$640.00"
    assert pane.card_text("in_review") == "$1,275.00"
    assert pane.card_text("pending") == "$918.00"
    assert pane.card_text("available") == "$2,356.40"
    assert pane.card_text("lifetime") == "$48,210.75"


def test_chart_has_twelve_bars_and_is_built_lazily(qtbot: Any, filled_db: Database) -> None:
    pane = make_pane(qtbot, filled_db)
    assert pane.chart is None
    pane.show()
    assert pane.chart is not None
    months = filled_db.read_now(lambda c: earnings_repo.monthly_net(c, 12))
    values = pane.bar_values()
    assert len(values) == 12
    assert values == [float(m.net.amount) for m in months]


def test_transactions_are_paged_with_negative_nets_in_red(
    qtbot: Any, filled_db: Database, world: builders.World
) -> None:
    extra = [replace(t, id=f"copy{k}-{t.id}") for k in range(4) for t in world.transactions]
    filled_db.write_now(lambda c: earnings_repo.upsert_transactions(c, extra))
    total = len(world.transactions) + len(extra)
    pane = make_pane(qtbot, filled_db)
    model = pane.tx_model
    assert model.rowCount() == PAGE_SIZE
    assert model.total == total
    assert pane.tx_count.text() == f"{total} transactions"
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == total
    row = next(i for i in range(model.rowCount()) if model.transaction(i).net.amount < 0)  # type: ignore[union-attr]
    net = model.index(row, 6)
    assert net.data().startswith("-$")
    assert net.data(Qt.ItemDataRole.ForegroundRole) == theme.danger(pane.palette())
    assert int(net.data(Qt.ItemDataRole.TextAlignmentRole)) & int(Qt.AlignmentFlag.AlignRight)


def test_earnings_changed_refreshes_and_empty_cache_waits(
    qtbot: Any, db: Database, world: builders.World
) -> None:
    bus = EventBus()
    pane = make_pane(qtbot, db, bus)
    assert pane.card_text("available") == "—"
    assert pane.table_stack.empty_text() == "Waiting for first sync…"
    db.write_now(lambda c: earnings_repo.set_summary(c, world.summary))
    bus.emit(EarningsChanged())
    assert pane.card_text("available") == "$2,356.40"
    assert pane.table_stack.empty_text() == "No transactions yet"


def test_updated_says_when_the_figures_were_last_brought_up_to_date(
    qtbot: Any, db: Database, world: builders.World
) -> None:
    """Money that last moved 18 h ago, synced 2 min ago: "Updated 2 min ago" (it said "18 h ago"); a change
    that arrives is "just now"; while live updates flow the figures are "Up to date"."""
    now = utcnow()
    summary = replace(world.summary, updated_at=now - timedelta(hours=18))

    def synced_two_minutes_ago(c: Any) -> None:
        earnings_repo.set_summary(c, summary)
        sync_state.set(c, LAST_SYNCED_AT, format_ts(now - timedelta(minutes=2)))  # as the sync engine does

    db.write_now(synced_two_minutes_ago)
    bus = EventBus()
    pane = make_pane(qtbot, db, bus)
    assert pane.updated_label.text() == "Updated 2 min ago"
    assert "18 h ago" in pane.updated_label.toolTip()  # when the money last moved is still there to read
    bus.emit(EarningsChanged())
    assert pane.updated_label.text() == "Updated just now"
    bus.emit(StatusChanged(SyncStatus(state=ConnectionState.ONLINE, last_synced_at=now)))
    assert pane.updated_label.text() == "Up to date"
    bus.emit(StatusChanged(SyncStatus(state=ConnectionState.OFFLINE, last_synced_at=now)))
    assert pane.updated_label.text() == "Updated just now"


def test_a_calendar_year_narrows_the_table_and_shows_its_totals(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    pane = make_pane(qtbot, filled_db)
    years = filled_db.read_now(earnings_repo.years)
    assert pane.year_combo.count() == len(years) + 1
    assert pane.year_line.isHidden()
    year = years[-1]  # the world's transactions span the last twelve months: two calendar years
    pane.show_year(year)
    in_year = [t for t in world.transactions if t.created_at.year == year]
    assert pane.tx_model.total == len(in_year)
    assert all(pane.tx_model.transaction(r).created_at.year == year  # type: ignore[union-attr]
               for r in range(pane.tx_model.rowCount()))
    summary = filled_db.read_now(lambda c: earnings_repo.year_summary(c, year))
    line = pane.year_line.text()
    assert not pane.year_line.isHidden()
    assert line.startswith(f"{year}: Gross ")
    assert fmt.money(summary.net) in line
    assert fmt.money(summary.fees) in line
    pane.show_year(None)
    assert pane.tx_model.total == len(world.transactions)
    assert pane.year_line.isHidden()


def test_export_writes_the_year_on_screen_and_says_so(
        qtbot: Any, filled_db: Database, world: builders.World, tmp_path: Any) -> None:
    import csv

    pane = make_pane(qtbot, filled_db)
    year = filled_db.read_now(earnings_repo.years)[0]
    pane.show_year(year)
    out = tmp_path / "mine.csv"
    pane.export_to(out)
    qtbot.waitUntil(lambda: not pane.export_note.isHidden(), timeout=5000)
    in_year = [t for t in world.transactions if t.created_at.year == year]
    assert pane.export_note.text() == f"{len(in_year)} transaction(s) exported to mine.csv" \
        or pane.export_note.text() == f"{len(in_year)} transactions exported to mine.csv"
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=pane.csv_style().delimiter))
    assert sorted(r["id"] for r in rows) == sorted(t.id for t in in_year)

    pane.export_to(tmp_path / "no-such-folder" / "x.csv")  # a clear reason, the pane goes on
    qtbot.waitUntil(lambda: pane.export_note.text().startswith("Export failed: The folder"), timeout=5000)


def test_what_becomes_available_and_when(qtbot: Any, filled_db: Database) -> None:
    pane = make_pane(qtbot, filled_db)
    coming = filled_db.read_now(earnings_repo.coming_available)
    assert coming, "the world has pending money"
    text = pane.forecast.text()
    assert not pane.forecast.isHidden()
    assert text.startswith("Becomes available: ")
    assert f"{fmt.money(coming[0].net)} on {fmt.day_text(coming[0].day)}" in text
