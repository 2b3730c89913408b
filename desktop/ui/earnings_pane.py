"""The Earnings pane: five balance cards, when pending money becomes available (a line and a chart by week),
a 12-month net earnings chart and the paged transactions table; and, on its second tab, the contracts.

QtCharts is imported lazily (on first show, or ``ensure_chart()``) so the first frame does not pay for it.
"""

from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QLocale,
    QMargins,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCursor, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.core.capabilities import Capabilities
from desktop.core.clock import parse_ts, utcnow
from desktop.core.forecast import WeekAvailable, by_week
from desktop.core.models import (
    ComingAvailable,
    ConnectionState,
    EarningsSummary,
    MonthlyEarning,
    SyncStatus,
    Transaction,
    YearSummary,
)
from desktop.core.money import Money
from desktop.core.text import fill
from desktop.services.exports import CsvStyle, EarningsExport
from desktop.services.sync import LAST_SYNCED_AT
from desktop.storage import earnings as earnings_repo
from desktop.storage import sync_state
from desktop.ui import format as fmt
from desktop.ui import theme
from desktop.ui.bridge import EventBridge, bridge_for
from desktop.ui.contracts_view import ContractsView
from desktop.ui.notices import error_text
from desktop.ui.protocols import Bus, Database
from desktop.ui.tasks import TaskRunner
from desktop.ui.untrusted import clean, tooltip
from desktop.ui.widgets import (
    EmptyStack,
    TileLayout,
    VerticalScrollArea,
    attach_axes,
    card_frame,
    plain_label,
    set_role,
)

if TYPE_CHECKING:
    from PySide6.QtCharts import QBarSeries, QBarSet, QChart, QChartView

Index = QModelIndex | QPersistentModelIndex
FORECAST_DAYS = 5  # the next days money becomes available on; the rest is summed
PAGE_SIZE = 100


class TransactionsModel(QAbstractTableModel):
    """Transactions, newest first, 100 rows per ``fetchMore`` from ``earnings.transactions_page``."""

    COLUMNS: tuple[str, ...] = ("date", "description", "type", "status", "gross", "fee", "net")
    MONEY: frozenset[int] = frozenset({4, 5, 6})

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.year: int | None = None  # the calendar year shown (None: every year)
        self._rows: list[Transaction] = []
        self._total = 0
        self.type_shown = True
        self._headers = [
            self.tr("Date"),
            self.tr("Description"),
            self.tr("Type"),
            self.tr("Status"),
            self.tr("Gross"),
            self.tr("Fee"),
            self.tr("Net"),
        ]

    @property
    def total(self) -> int:
        return self._total

    def reload(self) -> None:
        year = self.year

        def read(c: Any) -> tuple[list[Transaction], int]:
            return (earnings_repo.transactions_page(c, 0, PAGE_SIZE, year=year),
                    earnings_repo.transactions_count(c, year=year))

        rows, total = self._db.read_now(read)
        self.beginResetModel()
        self._rows, self._total = list(rows), max(total, len(rows))
        self.endResetModel()

    def transaction(self, row: int) -> Transaction | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = section in self.MONEY
            return int(
                (Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
                | Qt.AlignmentFlag.AlignVCenter
            )
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        t = self.transaction(index.row()) if index.isValid() else None
        if t is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and col == 1 and not self.type_shown:
            # the Type column gave way to the description in a narrow window: its tooltip says the type
            return tooltip(f"{fmt.transaction_type_text(t.type)} · {clean(t.description)}")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            shown = [
                fmt.full_date(t.created_at),
                clean(t.description),
                fmt.transaction_type_text(t.type),
                fmt.transaction_status_text(t.status),
                fmt.money(t.gross),
                fmt.money(t.fee) if t.fee.amount else "—",
                fmt.money(t.net),
            ][col]
            return shown if role == Qt.ItemDataRole.DisplayRole else tooltip(shown)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            h = Qt.AlignmentFlag.AlignRight if col in self.MONEY else Qt.AlignmentFlag.AlignLeft
            return int(h | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            pal = QPalette()
            if col == 6 and t.net.amount < 0:
                return theme.danger(pal)
            if col == 5:
                return theme.muted(pal)
            return None
        if role == Qt.ItemDataRole.FontRole and col == 6:
            from PySide6.QtGui import QFont

            f = QFont()
            f.setWeight(QFont.Weight.DemiBold)
            return f
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        offset = len(self._rows)
        year = self.year
        page = self._db.read_now(lambda c: earnings_repo.transactions_page(c, offset, PAGE_SIZE, year=year))
        if not page:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), offset, offset + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()


class BalanceCard(QWidget):
    def __init__(
        self, caption: str, hint: str, emphasis: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        frame = card_frame(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        lay = QVBoxLayout(frame)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(4)
        # The amount never wraps nor shrinks: the card is at least as wide as it (the grid of cards wraps
        # to another row instead); the caption and the hint wrap.
        self.caption = plain_label(caption.upper(), "section", wrap=True)
        self.value = plain_label("—", "h1")
        self.value.setMinimumWidth(self.value.sizeHint().width())
        self.hint = plain_label(hint, "muted", wrap=True)
        self.emphasis = emphasis
        lay.addWidget(self.caption)
        lay.addWidget(self.value)
        lay.addWidget(self.hint)

    def set_value(self, text: str) -> None:
        self.value.setText(text)
        self.value.setMinimumWidth(self.value.sizeHint().width())
        self._tint()

    def _tint(self) -> None:
        if self.emphasis:
            self.value.setStyleSheet(f"color: {theme.accent(self.palette()).name()};")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._tint()


TAB_OVERVIEW, TAB_CONTRACTS = 0, 1


class EarningsPane(QWidget):
    openRoomRequested = Signal(str)
    """The user wants the conversation of a contract (a room id)."""

    def __init__(self, db: Database, bus: Bus | EventBridge, parent: QWidget | None = None, *,
                 capabilities: Capabilities | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.bridge = bridge_for(bus, self)
        self.summary: EarningsSummary | None = None
        self.months: list[MonthlyEarning] = []
        self.weeks: list[WeekAvailable] = []
        self.chart: QChart | None = None
        self.chart_view: QChartView | None = None
        self.series: QBarSeries | None = None
        self.forecast_chart: QChart | None = None
        self.forecast_view: QChartView | None = None
        self.forecast_set: QBarSet | None = None

        # The title and the two views (the money, the contracts) stay put; each view scrolls on its own.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header = QVBoxLayout()  # like the Proposals pane's: the title, then the tabs under it
        header.setContentsMargins(20, 16, 20, 4)
        header.setSpacing(8)
        head = QHBoxLayout()
        head.addWidget(set_role(QLabel(self.tr("Earnings")), "h1"))
        head.addStretch(1)
        self.updated_label = plain_label("", "muted")
        head.addWidget(self.updated_label)
        header.addLayout(head)
        self.tabs = QTabBar()
        self.tabs.setDrawBase(False)
        self.tabs.setExpanding(False)
        self.tabs.addTab(self.tr("Overview"))
        self.tabs.addTab(self.tr("Contracts"))
        header.addWidget(self.tabs)
        outer.addLayout(header)
        self.views = QStackedWidget()
        outer.addWidget(self.views, 1)

        # One page that scrolls up and down when the window is too short for the cards, the chart and a
        # useful part of the table.
        page = QWidget()
        page.setObjectName("earningsPage")
        root = QVBoxLayout(page)
        root.setContentsMargins(20, 8, 20, 12)
        root.setSpacing(12)
        self.scroller = VerticalScrollArea(page)
        self.views.addWidget(self.scroller)
        self.contracts = ContractsView(db, self.bridge, capabilities)
        self.contracts.openRoomRequested.connect(self.openRoomRequested.emit)
        self.views.addWidget(self.contracts)
        self.tabs.currentChanged.connect(self.views.setCurrentIndex)

        cards = TileLayout(spacing=10)  # five in a row, or 3 + 2 when the amounts need the room
        self.cards = {
            "work_in_progress": BalanceCard(self.tr("Work in progress"), self.tr("Active contracts")),
            "in_review": BalanceCard(self.tr("In review"), self.tr("Client reviewing")),
            "pending": BalanceCard(self.tr("Pending"), self.tr("Security period")),
            "available": BalanceCard(self.tr("Available"), self.tr("Ready to withdraw"), emphasis=True),
            "lifetime": BalanceCard(self.tr("Lifetime"), self.tr("Net earned")),
        }
        for card in self.cards.values():
            cards.addWidget(card)
        root.addLayout(cards)
        # When what is in review or pending becomes available, day by day, as the marketplace dated it.
        self.forecast = plain_label("", None, wrap=True)
        self.forecast.hide()
        root.addWidget(self.forecast)
        # The same, week by week: a bar per week (its days in the bar's tooltip).
        self.forecast_section = QWidget()
        section = QVBoxLayout(self.forecast_section)
        section.setContentsMargins(0, 0, 0, 0)
        section.setSpacing(4)
        forecast_head = QHBoxLayout()
        forecast_head.addWidget(plain_label(self.tr("Becomes available, by week"), "h2"))
        forecast_head.addStretch(1)
        self.forecast_total = plain_label("", "muted")
        forecast_head.addWidget(self.forecast_total)
        section.addLayout(forecast_head)
        self.forecast_holder = QWidget()
        self.forecast_holder.setMinimumHeight(150)
        self.forecast_holder.setMaximumHeight(180)
        QVBoxLayout(self.forecast_holder).setContentsMargins(0, 0, 0, 0)
        section.addWidget(self.forecast_holder)
        self.forecast_section.hide()
        root.addWidget(self.forecast_section)

        chart_head = QHBoxLayout()
        chart_head.addWidget(plain_label(self.tr("Net earnings, last 12 months"), "h2"))
        chart_head.addStretch(1)
        self.year_total = plain_label("", "muted")
        chart_head.addWidget(self.year_total)
        root.addLayout(chart_head)
        self.chart_holder = QWidget()
        self.chart_holder.setMinimumHeight(190)
        self.chart_holder.setMaximumHeight(260)
        QVBoxLayout(self.chart_holder).setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.chart_holder, 2)

        tx_head = QHBoxLayout()
        tx_head.addWidget(plain_label(self.tr("Transactions"), "h2"))
        # A calendar year narrows the table and shows what a tax return asks for; exports follow it.
        self.year_combo = QComboBox()
        self.year_combo.setToolTip(self.tr("Show one calendar year, with its totals"))
        self.year_combo.activated.connect(lambda _i: self._year_chosen())
        tx_head.addWidget(self.year_combo)
        tx_head.addStretch(1)
        self.tx_count = plain_label("", "muted")
        tx_head.addWidget(self.tx_count)
        self.export_button = QPushButton(self.tr("Export"))
        export_menu = QMenu(self.export_button)
        self.export_transactions_action = export_menu.addAction(self.tr("Transactions as CSV…"))
        self.export_transactions_action.triggered.connect(lambda: self._ask_where("transactions"))
        self.export_summary_action = export_menu.addAction(self.tr("Yearly totals as CSV…"))
        self.export_summary_action.triggered.connect(lambda: self._ask_where("summary"))
        self.export_button.setMenu(export_menu)
        tx_head.addWidget(self.export_button)
        root.addLayout(tx_head)
        self.year_line = plain_label("", None, wrap=True)
        self.year_line.hide()
        root.addWidget(self.year_line)
        self.export_note = plain_label("", "muted", wrap=True)
        self.export_note.hide()
        root.addWidget(self.export_note)
        self.exporter = EarningsExport(db)
        self.runner = TaskRunner(self)
        self.tx_model = TransactionsModel(db, self)
        self.table = QTableView()
        self.table.setModel(self.tx_model)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setMinimumHeight(240)  # the header and six rows; the page scrolls below that
        # Every column but the description is as wide as its widest text (money is never cut); the
        # description takes what is left and elides, whole in its tooltip. No sideways scrolling.
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        hh = self.table.horizontalHeader()
        hh.setHighlightSections(False)
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table_frame = card_frame()
        tl = QVBoxLayout(self.table_frame)
        tl.setContentsMargins(1, 1, 1, 1)
        tl.addWidget(self.table)
        self.table_stack = EmptyStack(self.table_frame)
        root.addWidget(self.table_stack, 3)
        self.table.viewport().installEventFilter(self)

        # "Updated … ago" says when the cached figures were last brought up to date by the marketplace (the
        # last sync, or the last change it sent), not when money last moved; "3 min ago" ages every 30 s.
        self._fresh_at: datetime | None = None
        self._online = False
        self.bridge.earningsChanged.connect(self._earnings_arrived)
        self.bridge.statusChanged.connect(self._status_changed)
        self._ageing = QTimer(self)
        self._ageing.setInterval(30_000)
        self._ageing.timeout.connect(self._show_updated)
        self._ageing.start()
        self.reload()

    # -- data ------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        wanted = self.tx_model.year

        def read(c: Any) -> tuple[EarningsSummary | None, list[MonthlyEarning], str | None,
                                  list[ComingAvailable], list[int], YearSummary | None]:
            years = earnings_repo.years(c)
            year = earnings_repo.year_summary(c, wanted) if wanted in years else None
            return (earnings_repo.get_summary(c), earnings_repo.monthly_net(c, 12),
                    sync_state.get(c, LAST_SYNCED_AT), earnings_repo.coming_available(c), years, year)

        # one read of the cache for the whole pane (the table pages itself)
        self.summary, self.months, synced, coming, years, year_summary = self.db.read_now(read)
        if synced:
            self._note_fresh(parse_ts(synced))
        s = self.summary
        for key, card in self.cards.items():
            card.set_value(fmt.money(getattr(s, key)) if s is not None else "—")
        self._show_updated()
        if self.months:
            total = sum((m.net for m in self.months[1:]), self.months[0].net)
            self.year_total.setText(self.tr("%1 in 12 months").replace("%1", fmt.money(total)))
        else:
            self.year_total.setText("")
        self._show_forecast(coming)
        self.weeks = by_week(coming, utcnow().date())
        self._show_forecast_weeks()
        self._fill_years(years)
        self.tx_model.reload()
        self._show_year_summary(year_summary)
        self._fit_columns()
        self.tx_count.setText(
            fmt.count_text(self.tx_model.total, self.tr("transaction"), self.tr("transactions"))
        )
        if self.tx_model.rowCount() == 0:
            self.table_stack.show_empty(
                self.tr("No transactions yet") if s is not None else self.tr("Waiting for first sync…"),
                self.tr("Payments, fees and withdrawals appear here."),
            )
        else:
            self.table_stack.show_content()
        if self.chart is not None:
            self._fill_chart()
        if self.forecast_chart is not None:
            self._fill_forecast_chart()

    def show_tab(self, index: int) -> None:
        """Overview (TAB_OVERVIEW) or the contracts (TAB_CONTRACTS)."""
        self.tabs.setCurrentIndex(index)

    def _show_forecast_weeks(self) -> None:
        if not self.weeks:
            self.forecast_section.hide()
            return
        total = sum((w.net for w in self.weeks[1:]), self.weeks[0].net)
        self.forecast_total.setText(fill(self.tr("%1 in %n week(s)", "", len(self.weeks)), fmt.money(total)))
        self.forecast_section.show()

    def _show_forecast(self, coming: list[ComingAvailable]) -> None:
        if not coming:
            self.forecast.hide()
            return
        shown = [fill(self.tr("%1 on %2"), fmt.money(c.net), fmt.day_text(c.day))
                 for c in coming[:FORECAST_DAYS]]
        if len(coming) > FORECAST_DAYS:
            rest = coming[FORECAST_DAYS:]
            total = sum((c.net for c in rest[1:]), rest[0].net)
            shown.append(fill(self.tr("%1 later"), fmt.money(total)))
        self.forecast.setText(fill(self.tr("Becomes available: %1"), " · ".join(shown)))
        self.forecast.show()

    # -- a calendar year, and exports --------------------------------------------------------------------
    def _fill_years(self, years: list[int]) -> None:
        wanted = self.tx_model.year
        self.year_combo.clear()
        self.year_combo.addItem(self.tr("All years"), None)
        for year in years:
            self.year_combo.addItem(str(year), year)
        found = self.year_combo.findData(wanted) if wanted is not None else 0
        self.year_combo.setCurrentIndex(max(0, found))
        if found < 0:
            self.tx_model.year = None  # that year has no transactions any more

    def show_year(self, year: int | None) -> None:
        """Narrow the transactions to ``year`` (None: all) and show its totals."""
        index = self.year_combo.findData(year) if year is not None else 0
        if index >= 0:
            self.year_combo.setCurrentIndex(index)
            self._year_chosen()

    def _year_chosen(self) -> None:
        self.tx_model.year = self.year_combo.currentData()
        self.reload()

    def _show_year_summary(self, s: YearSummary | None) -> None:
        if s is None:
            self.year_line.hide()
            return
        parts = [fill(self.tr("Gross %1"), fmt.money(s.gross)),
                 fill(self.tr("platform fees %1"), fmt.money(s.fees)),
                 fill(self.tr("net %1"), fmt.money(s.net)),
                 fill(self.tr("withdrawn %1"), fmt.money(s.withdrawn))]
        if s.refunds_and_adjustments.amount:
            parts.append(fill(self.tr("refunds and adjustments %1"), fmt.money(s.refunds_and_adjustments)))
        self.year_line.setText(fill(self.tr("%1: %2", "a year: its totals"), str(s.year), " · ".join(parts)))
        self.year_line.show()

    def _ask_where(self, what: str) -> None:
        year = self.tx_model.year
        name = (f"atelier-transactions-{year}.csv" if year is not None else "atelier-transactions.csv") \
            if what == "transactions" else "atelier-yearly-totals.csv"
        dialog = QFileDialog(self, self.tr("Export as CSV"), str(Path.home() / name),
                             self.tr("CSV files (*.csv)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path), what))
        dialog.open()

    def csv_style(self) -> CsvStyle:
        return CsvStyle(decimal_point=QLocale().decimalPoint())

    def export_to(self, path: Path, what: str = "transactions") -> None:
        """Write the transactions shown (their year, if one is chosen), or every year's totals, to ``path``;
        off the UI thread, then say how it went under the table's title."""
        style = self.csv_style()
        coro = (self.exporter.transactions(path, style, self.tx_model.year) if what == "transactions"
                else self.exporter.summaries(path, style))

        def done(count: int) -> None:
            text = (self.tr("%n transaction(s) exported to %1", "", count) if what == "transactions"
                    else self.tr("%n year(s) of totals exported to %1", "", count))
            self._export_said(text.replace("%1", path.name), error=False)

        def failed(exc: BaseException) -> None:
            self._export_said(self.tr("Export failed: %1").replace("%1", error_text(exc)), error=True)

        self.runner.run(f"earnings:export:{what}", coro, on_done=done, on_error=failed)

    def _export_said(self, text: str, *, error: bool) -> None:
        self.export_note.setText(text)
        set_role(self.export_note, "error" if error else "muted")
        self.export_note.style().unpolish(self.export_note)
        self.export_note.style().polish(self.export_note)
        self.export_note.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Every amount whole and the description at least as wide as its caption: when the table is too
        narrow for all that, the Type column gives way (the description's tooltip then names the type)."""
        hh = self.table.horizontalHeader()

        def need(col: int) -> int:
            return max(self.table.sizeHintForColumn(col), hh.sectionSizeHint(col))

        type_col = TransactionsModel.COLUMNS.index("type")
        others = sum(need(c) for c in range(self.tx_model.columnCount()) if c not in (1, type_col))
        least = others + hh.sectionSizeHint(1)
        room = self.table.viewport().width()
        show_type = least + need(type_col) <= room
        if show_type != self.tx_model.type_shown:
            self.tx_model.type_shown = show_type
            self.table.setColumnHidden(type_col, not show_type)
        bar = self.table.verticalScrollBar().sizeHint().width()
        self.table.setMinimumWidth(least + bar + 2 * self.table.frameWidth())

    def card_text(self, key: str) -> str:
        return self.cards[key].value.text()

    # -- chart -----------------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.chart is not None:
            self._fill_chart()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_chart()

    def ensure_chart(self) -> None:
        if self.chart is not None:
            return
        self.chart, self.chart_view = _chart_in(self.chart_holder)
        self.forecast_chart, self.forecast_view = _chart_in(self.forecast_holder)
        self._fill_chart()
        self._fill_forecast_chart()

    def _fill_chart(self) -> None:
        chart = self.chart
        assert chart is not None
        currency = self.months[0].net.currency if self.months else "USD"
        values = [float(m.net.amount) for m in self.months]  # drawing only; money math stays Decimal
        labels = [_month_label(m.month) for m in self.months]
        self.series, _bars = _fill_bars(chart, self.palette(), self.tr("Net earnings"), values, labels,
                                        currency, 0.6)

    def _fill_forecast_chart(self) -> None:
        chart = self.forecast_chart
        if chart is None:
            return
        currency = self.weeks[0].net.currency if self.weeks else "USD"
        values = [float(w.net.amount) for w in self.weeks]
        labels = [fmt.day_text(w.monday) for w in self.weeks]
        # a short chart: at most four steps up its axis, or QtCharts elides the axis labels
        series, self.forecast_set = _fill_bars(chart, self.palette(), self.tr("Becomes available"), values,
                                               labels, currency, 0.5, max_intervals=4)
        series.hovered.connect(self._forecast_hovered)

    def forecast_tooltip(self, index: int) -> str:
        """What a week's bar tells on hover: the week's total, then each day's amount (the marketplace's
        dates), soonest first."""
        if not 0 <= index < len(self.weeks):
            return ""
        week = self.weeks[index]
        lines = [fill(self.tr("Week of %1: %2"), fmt.day_text(week.monday), fmt.money(week.net))]
        if not week.days:
            lines.append(self.tr("Nothing becomes available that week"))
        for day in week.days:
            lines.append(fill(self.tr("%1 on %2", "an amount on a day"), fmt.money(day.net),
                              fmt.day_text(day.day))
                         + (" " + self.tr("(%n payment(s))", "", day.count) if day.count > 1 else ""))
        return "\n".join(lines)

    def _forecast_hovered(self, status: bool, index: int, _bars: object) -> None:
        if status:
            QToolTip.showText(QCursor.pos(), self.forecast_tooltip(index), self.forecast_view)
        else:
            QToolTip.hideText()

    def forecast_values(self) -> list[float]:
        """The forecast chart's bars, one per week (for tests); builds the charts if needed."""
        self.ensure_chart()
        bars = self.forecast_set
        return [float(bars.at(i)) for i in range(bars.count())] if bars is not None else []

    def _earnings_arrived(self) -> None:
        self._note_fresh(utcnow())  # the marketplace just sent these figures (a sync or a live change)
        self.reload()

    def _status_changed(self, status: SyncStatus) -> None:
        self._online = status.state is ConnectionState.ONLINE
        if status.last_synced_at is not None:
            self._note_fresh(status.last_synced_at)
        self._show_updated()

    def _note_fresh(self, when: datetime) -> None:
        self._fresh_at = when if self._fresh_at is None else max(self._fresh_at, when)

    def _show_updated(self) -> None:
        s = self.summary
        if s is None:
            self.updated_label.setText(self.tr("Waiting for first sync…"))
            self.updated_label.setToolTip("")
            return
        if self._online:  # live updates flow: the figures are current now
            text = self.tr("Up to date")
        elif self._fresh_at is not None:
            text = self.tr("Updated %1").replace("%1", fmt.ago(self._fresh_at))
        else:
            text = ""
        self.updated_label.setText(text)
        self.updated_label.setToolTip(
            self.tr("Your money last changed %1").replace("%1", fmt.ago(s.updated_at)))

    def bar_values(self) -> list[float]:
        """The chart's bars (for tests); builds the chart if needed."""
        self.ensure_chart()
        assert self.series is not None
        sets = self.series.barSets()
        return [float(sets[0].at(i)) for i in range(sets[0].count())] if sets else []

    def shutdown(self) -> None:
        self.contracts.shutdown()
        self._ageing.stop()
        self.runner.cancel_all_now()
        self.bridge.close_if_owned_by(self)


def _chart_in(holder: QWidget) -> tuple[QChart, QChartView]:
    """A bare chart (no legend, no background: the page shows through) in ``holder``."""
    from PySide6.QtCharts import QChart, QChartView

    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().hide()
    chart.setBackgroundVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.layout().setContentsMargins(0, 0, 0, 0)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setStyleSheet("background: transparent;")
    layout = holder.layout()
    assert layout is not None
    layout.addWidget(view)
    return chart, view


def _fill_bars(chart: QChart, pal: QPalette, name: str, values: list[float], labels: list[str],
               currency: str, width: float, max_intervals: int = 6) -> tuple[QBarSeries, QBarSet]:
    """One series of bars (values in ``currency``) under ``labels``, with a money axis in the theme's colours;
    what ``chart`` showed before goes."""
    from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QValueAxis

    chart.removeAllSeries()
    for axis in list(chart.axes()):
        chart.removeAxis(axis)
    bar = QBarSet(name)
    bar.setColor(theme.accent(pal))
    bar.setBorderColor(theme.accent(pal))
    for value in values:
        bar.append(value)
    series = QBarSeries()
    series.setBarWidth(width)
    series.append(bar)
    chart.addSeries(series)
    x = QBarCategoryAxis()
    x.append(labels)
    y = QValueAxis()
    axis_top, ticks = _nice_axis(max(values, default=0.0), max_intervals)
    y.setRange(0, axis_top)
    y.setTickCount(ticks)
    # The money format of the interface language ("$1" / "1 $"), with the figure left to the axis.
    # (QtCharts formats labels printf-style and garbles no-break spaces: plain spaces there.)
    sample = fmt.money(Money(Decimal(1), currency), whole=True)
    sample = sample.replace("\u00a0", " ").replace("\u202f", " ")
    y.setLabelFormat(sample.replace("%", "%%").replace("1", "%.0f", 1))
    attach_axes(chart, series, x, y, pal)
    chart.setTitleBrush(pal.color(QPalette.ColorRole.Text))
    return series, bar


def _month_label(month: str) -> str:
    try:
        number = datetime.strptime(month, "%Y-%m").month
    except ValueError:
        return month
    return QLocale().monthName(number, QLocale.FormatType.ShortFormat)  # "Mar", "mars": the interface's


def _nice_axis(value: float, max_intervals: int = 6) -> tuple[float, int]:
    """A round axis maximum and tick count (at most ``max_intervals`` intervals of 1, 2 or 5 × 10^k) above
    ``value``."""
    if value <= 0:
        return 100.0, min(5, max_intervals + 1)
    magnitude = float(10.0 ** math.floor(math.log10(value / 4)))
    for mult in (1, 2, 5, 10, 20, 50, 100):
        step = mult * magnitude
        intervals = math.ceil(value / step)
        if intervals <= max_intervals:
            return step * max(intervals, 1), max(intervals, 1) + 1
    return value, 5
