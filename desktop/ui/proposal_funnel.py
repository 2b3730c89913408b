"""The Proposals pane's funnel: of the proposals sent, how many were viewed, led to an interview, and were
hired — per month sent or per job category, as a bar chart — and each cover-letter template's reply rate.

The counting is the proposal service's (on the cache's reader thread); this view only draws it. QtCharts is
imported when the view is first built (the pane builds it when the funnel is first opened).
"""

from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QDate, QEvent, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.storage.funnel import NO_TEMPLATE, FunnelReport, FunnelRow, TemplateRate, rate
from desktop.ui import format as fmt
from desktop.ui import theme
from desktop.ui.protocols import ProposalActions
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import EmptyStack, attach_axes, plain_label

BY_MONTH, BY_CATEGORY = range(2)
MAX_BARS = 8
"""Groups the chart shows: the last months, or the categories with the most proposals."""


class FunnelView(QWidget):
    """The chart (by month or by category), a line with the overall conversion, and the templates table."""

    def __init__(self, proposals: ProposalActions, runner: TaskRunner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proposals = proposals
        self._runner = runner or TaskRunner(self)
        self.report: FunnelReport | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 12, 20, 16)
        lay.setSpacing(10)
        head = QHBoxLayout()
        head.addWidget(plain_label(self.tr("From sent to hired"), "h2"), 1)
        self.grouping = QComboBox()
        self.grouping.addItems([self.tr("By month"), self.tr("By category")])
        head.addWidget(self.grouping)
        lay.addLayout(head)
        self.summary = plain_label("", "muted", wrap=True)
        lay.addWidget(self.summary)

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(10)
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setBackgroundVisible(False)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setStyleSheet("background: transparent;")
        self.chart_view.setMinimumHeight(200)
        inner.addWidget(self.chart_view, 3)
        inner.addWidget(plain_label(self.tr("COVER-LETTER TEMPLATES"), "section"))
        self.templates = QTableWidget(0, 4)
        self.templates.setHorizontalHeaderLabels(
            [self.tr("Template"), self.tr("Sent"), self.tr("Replies"), self.tr("Reply rate")])
        self.templates.verticalHeader().hide()
        self.templates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.templates.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.templates.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.templates.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.templates.setToolTip(
            self.tr("A reply is the client answering: an interview, an offer or a hire."))
        inner.addWidget(self.templates)
        self.stack = EmptyStack(content)
        lay.addWidget(self.stack, 1)
        self.grouping.currentIndexChanged.connect(lambda _i: self._draw())

    def reload(self) -> None:
        """Count again (off the UI thread), then draw."""
        self._runner.run("proposals:funnel", self._proposals.funnel(), on_done=self.show_report)

    def show_report(self, report: FunnelReport) -> None:
        self.report = report
        total = report.total
        if total.sent == 0:
            self.summary.setText("")
            self.stack.show_empty(self.tr("No proposals sent yet"),
                                  self.tr("The funnel fills in as you send proposals and clients answer."))
            return
        self.stack.show_content()
        self.summary.setText(self.summary_text(total))
        self._draw()
        self._fill_templates(report.templates)

    def summary_text(self, row: FunnelRow) -> str:
        def share(n: int) -> str:
            part = rate(n, row.sent)
            return fmt.rate(part if part is not None else Decimal(0))

        return self.tr("%1 sent · %2 viewed (%3) · %4 interviews (%5) · %6 hired (%7)") \
            .replace("%1", fmt.number(row.sent)) \
            .replace("%2", fmt.number(row.viewed)).replace("%3", share(row.viewed)) \
            .replace("%4", fmt.number(row.interviewing)).replace("%5", share(row.interviewing)) \
            .replace("%6", fmt.number(row.hired)).replace("%7", share(row.hired))

    def groups(self) -> list[tuple[str, FunnelRow]]:
        """What the chart shows: (label, counts) per bar group."""
        if self.report is None:
            return []
        if self.grouping.currentIndex() == BY_MONTH:
            return [(_month_label(r.key), r) for r in self.report.by_month[-MAX_BARS:]]
        return [(r.key or self.tr("Other"), r) for r in self.report.by_category[:MAX_BARS]]

    def _draw(self) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in list(chart.axes()):
            chart.removeAxis(axis)
        groups = self.groups()
        if not groups:
            return
        pal = self.palette()
        names = [self.tr("Sent"), self.tr("Viewed"), self.tr("Interviewing"), self.tr("Hired")]
        colors = [theme.muted(pal), theme.info(pal), theme.warning(pal), theme.accent(pal)]
        series = QBarSeries()
        series.setBarWidth(0.8)
        top = 0
        for stage, (name, color) in enumerate(zip(names, colors, strict=True)):
            bars = QBarSet(name)
            bars.setColor(color)
            bars.setBorderColor(color)
            for _label, row in groups:
                value = row.counts()[stage]
                bars.append(value)
                top = max(top, value)
            series.append(bars)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append([label for label, _row in groups])
        y = QValueAxis()
        step = max(1, math.ceil(top / 4))
        y.setRange(0, step * max(1, math.ceil(top / step)))
        y.setTickCount(max(1, math.ceil(top / step)) + 1)
        y.setLabelFormat("%d")
        attach_axes(chart, series, x, y, pal)
        chart.legend().setLabelColor(pal.color(QPalette.ColorRole.Text))

    def _fill_templates(self, rates: tuple[TemplateRate, ...]) -> None:
        self.templates.setRowCount(len(rates))
        # as tall as its rows (up to six; it scrolls beyond): the chart takes the rest
        shown = max(1, min(len(rates), 6))
        self.templates.setFixedHeight(self.templates.horizontalHeader().sizeHint().height()
                                      + shown * self.templates.verticalHeader().defaultSectionSize() + 4)
        muted = theme.muted(self.palette())
        for row, t in enumerate(rates):
            if t.template_id == NO_TEMPLATE:
                name, quiet = self.tr("Written without a template"), True
            elif t.name is None:
                name, quiet = self.tr("A deleted template"), True
            else:
                name, quiet = t.name, False
            share = t.reply_rate
            cells = [name, fmt.number(t.sent), fmt.number(t.replied),
                     fmt.rate(share) if share is not None else "—"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if quiet:
                    item.setForeground(QColor(muted))
                self.templates.setItem(row, column, item)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.report is not None:
            self._draw()  # the bars take the new theme's colours

    def template_rows(self) -> list[list[str]]:
        """The templates table as shown."""
        rows: list[list[str]] = []
        for r in range(self.templates.rowCount()):
            cells = [self.templates.item(r, c) for c in range(4)]
            rows.append([cell.text() if cell is not None else "" for cell in cells])
        return rows


def _month_label(month: str) -> str:
    """ "Nov 2026", in the interface language."""
    try:
        when = datetime.strptime(month, "%Y-%m")
    except ValueError:
        return month
    return QLocale().toString(QDate(when.year, when.month, 1), "MMM yyyy")
