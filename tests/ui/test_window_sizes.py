"""The window at its minimum (900×600), at 1280×800 and at 1920×1080, light and dark, English and French:
what a user sees in each of the four panes, read off the real widgets after layout (and saved as PNGs).

For every pane it asserts that
- no label, button, combo box or tab is drawn narrower (or shorter) than its text needs, unless the text is
  deliberately elided ("…") with the full text in its tooltip;
- no widget overlaps a visible sibling or sticks out of its parent (the job detail's fields drawn over each
  other, a footer pushed out of the window);
- no pane shows a horizontal scroll bar;
- every amount of money (a label, a table cell) is shown whole: money is never elided or clipped.

The data is the builders' realistic world with a busy freelancer's balances (five- and six-figure amounts
with cents), saved searches and a job that links to the marketplace's page. The screenshots go to
``$ATELIER_SIZE_SHOTS`` when set (to look at them), else to the test's temporary directory; a failure names
the PNG to open.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, QSettings, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPalette, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QListView,
    QScrollArea,
    QSplitterHandle,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QWidget,
)

from desktop.core.models import ConnectionState, Job, JobFilter, JobType, Proposal, SyncStatus
from desktop.core.money import CURRENCY_SYMBOLS
from desktop.storage import saved_searches
from desktop.storage.db import Database
from desktop.ui import format as fmt
from desktop.ui import i18n
from desktop.ui.earnings_pane import TAB_CONTRACTS, TAB_OVERVIEW
from desktop.ui.main_window import PANES, MainWindow
from desktop.ui.proposals_pane import TAB_INVITES, ProposalDelegate, ProposalListModel
from desktop.ui.theme import apply_theme
from tests.ui import builders
from tests.ui.fakes import make_services

SIZES = [QSize(900, 600), QSize(1280, 800), QSize(1920, 1080)]
MINIMUM = SIZES[0]
MONEY = re.compile(r"\d")
SYMBOLS = tuple(CURRENCY_SYMBOLS.values())


def is_money(text: str) -> bool:
    return any(s in text for s in SYMBOLS) and MONEY.search(text) is not None


def tooltip_text(widget: QWidget | None, tip: str | None = None) -> str:
    html = tip if tip is not None else (widget.toolTip() if widget is not None else "")
    return " ".join(QTextDocumentFragment.fromHtml(html).toPlainText().split()) if html else ""


def full_text(widget: QWidget, shown: str) -> str:
    """What the widget stands for: its ``fullText`` property when it elides, else what it shows."""
    full = widget.property("fullText")
    return str(full) if isinstance(full, str) and full else shown


def describe(widget: QWidget, root: QWidget) -> str:
    names = []
    w: QWidget | None = widget
    while w is not None and w is not root:
        names.append(w.objectName() or type(w).__name__)
        w = w.parentWidget()
    return "/".join(reversed(names))


def elision_problem(widget: QWidget, shown: str, where: str) -> str | None:
    """``shown`` differs from the full text: fine only when elided on purpose, never for money."""
    full = full_text(widget, shown)
    if shown == full:
        return None
    if is_money(full):
        return f"{where}: money elided: {shown!r} for {full!r}"
    if not shown.endswith("…"):
        return f"{where}: shows {shown!r} for {full!r} without an ellipsis"
    if " ".join(full.split()) not in tooltip_text(widget):
        return f"{where}: elided {shown!r} without the full text in its tooltip"
    return None


def label_problems(label: QLabel, where: str) -> Iterator[str]:
    text = QLabel.text(label)  # what is drawn (a WrapLabel adds invisible break opportunities)
    if not text or label.textFormat() == Qt.TextFormat.RichText:
        return
    fm = label.fontMetrics()
    area = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    if label.wordWrap():
        need = fm.boundingRect(QRect(0, 0, max(1, area.width()), 1_000_000),
                               int(Qt.TextFlag.TextWordWrap), text)
        if need.width() > area.width():
            yield f"{where}: {text!r} has a word wider than its {area.width()} px"
        if need.height() > area.height() + 1:
            yield f"{where}: {text!r} needs {need.height()} px high, gets {area.height()} (cut off)"
        return
    lines = text.split("\n")
    need_w = max(fm.horizontalAdvance(line) for line in lines)
    if need_w > area.width():
        yield f"{where}: {text!r} needs {need_w} px, gets {area.width()} (clipped)"
    if fm.height() * len(lines) > area.height() + 1:
        yield f"{where}: {text!r} needs {fm.height() * len(lines)} px high, gets {area.height()} (cut off)"
    problem = elision_problem(label, text, where)
    if problem:
        yield problem


def button_problems(button: QAbstractButton, where: str) -> Iterator[str]:
    text = button.text()
    if not text:
        return
    hint = button.sizeHint()
    if button.width() < hint.width() or button.height() < hint.height():
        yield (f"{where}: button {text!r} is {button.width()}×{button.height()}, its text needs "
               f"{hint.width()}×{hint.height()} (clipped)")
    problem = elision_problem(button, text, where)
    if problem:
        yield problem


def combo_problems(combo: QComboBox, where: str) -> Iterator[str]:
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    shown_text = getattr(combo, "shown_text", None)  # a combo box that elides what does not fit
    shown = shown_text() if callable(shown_text) else combo.currentText()
    need = combo.fontMetrics().horizontalAdvance(shown)
    if need > field.width():
        yield f"{where}: combo box {shown!r} needs {need} px, gets {field.width()} (clipped)"
    problem = elision_problem(combo, shown, where)
    if problem:
        yield problem


def tab_problems(tabs: QTabBar, where: str) -> Iterator[str]:
    for i in range(tabs.count()):
        if tabs.tabRect(i).width() < tabs.tabSizeHint(i).width():
            yield f"{where}: tab {tabs.tabText(i)!r} is narrower than its text"


def table_problems(table: QTableView, where: str) -> Iterator[str]:
    model = table.model()
    header = table.horizontalHeader()
    first = max(0, table.rowAt(0))
    last = table.rowAt(table.viewport().height() - 1)
    last = model.rowCount() - 1 if last < 0 else last
    for col in range(model.columnCount()):
        if table.isColumnHidden(col):
            continue
        if header.sectionSize(col) < header.sectionSizeHint(col):
            caption = model.headerData(col, Qt.Orientation.Horizontal)
            yield f"{where}: column header {caption!r} is narrower than its caption"
        for row in range(first, last + 1):
            index = model.index(row, col)
            text = str(model.data(index) or "")
            if not text:
                continue
            option = QStyleOptionViewItem()
            table.initViewItemOption(option)
            need = table.itemDelegateForIndex(index).sizeHint(option, index).width()
            if need <= table.columnWidth(col):
                continue
            if is_money(text):
                yield f"{where}: money {text!r} in row {row} needs {need} px, its column has " \
                      f"{table.columnWidth(col)}"
                continue
            tip = tooltip_text(None, model.data(index, Qt.ItemDataRole.ToolTipRole))
            if " ".join(text.split()) not in tip:
                yield f"{where}: {text!r} in row {row} is cut without a tooltip"


def inside_viewport(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    holder = parent.parentWidget() if parent is not None else None
    return isinstance(holder, QAbstractScrollArea) and holder.viewport() is parent


def layout_problems(parent: QWidget, root: QWidget) -> Iterator[str]:
    kids = [c for c in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if c.isVisible() and not c.isWindow() and not isinstance(c, QSplitterHandle)]
    # (a splitter's one-pixel handle reaches over its neighbours on purpose, to be easy to grab)
    for child in kids:
        if inside_viewport(child):
            continue  # a scroll area's content may be larger than what it shows: that is scrolling
        if not parent.rect().contains(child.geometry()):
            yield f"{describe(child, root)}: sticks out of its parent ({child.geometry()} in {parent.rect()})"
    for a, b in itertools.combinations(kids, 2):
        if a.geometry().intersects(b.geometry()):
            yield f"{describe(a, root)} overlaps {describe(b, root)}"


def pane_problems(pane: QWidget) -> list[str]:
    problems: list[str] = []
    for widget in [pane, *pane.findChildren(QWidget)]:
        if not widget.isVisible() or widget.isWindow():
            continue
        where = describe(widget, pane)
        problems.extend(layout_problems(widget, pane))
        if isinstance(widget, QLabel):
            problems.extend(label_problems(widget, where))
        elif isinstance(widget, QAbstractButton):
            problems.extend(button_problems(widget, where))
        elif isinstance(widget, QComboBox):
            problems.extend(combo_problems(widget, where))
        elif isinstance(widget, QTabBar):
            problems.extend(tab_problems(widget, where))
        if isinstance(widget, QTableView):
            problems.extend(table_problems(widget, where))
        if isinstance(widget, QAbstractScrollArea) and widget.horizontalScrollBar().isVisible():
            problems.append(f"{where}: shows a horizontal scroll bar")
        inner = widget.widget() if isinstance(widget, QScrollArea) else None
        if isinstance(widget, QScrollArea) and inner is not None:
            content, shown = inner.width(), widget.viewport().width()
            if content > shown and not widget.horizontalScrollBar().isVisible():
                problems.append(f"{where}: its page is {content} px wide, {content - shown} px cut at the "
                                "right")
    return problems


def proposal_row_problems(view: QListView) -> Iterator[str]:
    """The proposal cards are painted: the bid (an invitation's budget) on each card's second line is always
    whole."""
    delegate = view.itemDelegate()
    assert isinstance(delegate, ProposalDelegate)
    model = view.model()
    fm = QFontMetrics(view.font())
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        item = index.data(ProposalListModel.ItemRole)
        width = view.visualRect(index).width() - 20 - 2 * (ProposalDelegate.PAD + 2)
        job = index.data(ProposalListModel.JobRole)
        line = delegate.second_line(item, job, fm, width)
        if isinstance(item, Proposal) and fmt.money(item.bid) not in line:
            yield f"proposal card {row}: the bid {fmt.money(item.bid)!r} is cut: {line!r}"
        if isinstance(job, Job) and not isinstance(item, Proposal) and fmt.budget_text(job) not in line:
            yield f"invitation card {row}: the budget {fmt.budget_text(job)!r} is cut: {line!r}"
        if fm.horizontalAdvance(line) > width:
            yield f"proposal card {row}: {line!r} is wider than the card's {width} px"


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    chosen = os.environ.get("ATELIER_SIZE_SHOTS")
    folder = Path(chosen) if chosen else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def restore_app_look(qapp: QApplication) -> Iterator[None]:
    style, sheet, palette, font = (qapp.style().name(), qapp.styleSheet(), QPalette(qapp.palette()),
                                   qapp.font())
    yield
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)


LONG_WORD = "Supercalifragilistic" * 8  # an unbreakable 160-character "word" from the marketplace


def busy_world(db: Database, extreme: bool = False) -> builders.World:
    """The builders' world with a busy freelancer's balances; ``extreme``: the first job's title, category and
    client name (and a proposal's client) are absurdly long server text."""
    world = builders.world()
    world.summary = builders.busy_summary(world.now)
    world.jobs[0] = replace(world.jobs[0], url="https://marketplace.example/jobs/senior-python-billing")
    if extreme:
        job = world.jobs[0]
        world.jobs[0] = replace(
            job, title=f"{job.title} {LONG_WORD}", category=f"Web, Mobile & Software Dev {LONG_WORD}",
            skills=(*job.skills, LONG_WORD),
            client=replace(job.client, name=f"Northwind Analytics International {LONG_WORD}"))
        world.proposals[0] = replace(world.proposals[0], client_name=f"Northwind {LONG_WORD}",
                                     job_title=f"{world.proposals[0].job_title} {LONG_WORD}")
    db.write_now(lambda c: builders.write_world(c, world, builders.filler_jobs(120, world.now)))

    def saved(c: Any) -> None:
        for key, name, f in (("s1", "Kubernetes", JobFilter(query="kubernetes")),
                             ("s2", "React, verified clients",
                              JobFilter(query="react", payment_verified_only=True)),
                             ("s3", "Hourly data work", JobFilter(query="data", job_type=JobType.HOURLY)),
                             ("s4", "Python desktop apps with offline sync for small warehouse teams",
                              JobFilter(query="python offline"))):
            saved_searches.insert_local(c, name, f, key, world.now - timedelta(days=1))

    db.write_now(saved)
    return world


def show(window: MainWindow, pane: str, db: Database) -> QWidget:
    window.show_pane(pane)
    if pane == "jobs":
        window.jobs.saved_bar.set_searches(db.read_now(saved_searches.with_new_counts))
        window.jobs.select_row(0)  # the long title, already applied to, with a link to the marketplace
    elif pane == "proposals":
        window.proposals.select_row(0)  # an hourly bid: the longest money sentence
    elif pane == "messages":
        window.messages.open_room("room-1")
    settle()
    widget = window.stack.currentWidget()
    assert widget is not None
    return widget


def settle() -> None:
    app = QApplication.instance()
    assert app is not None
    for _ in range(6):
        app.processEvents()


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_every_pane_shows_its_text_whole(qtbot: Any, qapp: QApplication, tmp_path: Path, shots: Path,
                                         restore_app_look: None, size: QSize, scheme: str, lang: str) -> None:
    check_window(qtbot, qapp, tmp_path, shots, size, scheme, lang)


def test_absurdly_long_server_text_elides_or_wraps_at_the_minimum(
        qtbot: Any, qapp: QApplication, tmp_path: Path, shots: Path, restore_app_look: None) -> None:
    """A 160-character word in a job title, its category, a skill and the client's name: the window's
    minimum still holds, nothing overlaps, what is cut says so ("…") and has its tooltip."""
    check_window(qtbot, qapp, tmp_path, shots, MINIMUM, "light", "fr", extreme=True)


def check_window(qtbot: Any, qapp: QApplication, tmp_path: Path, shots: Path, size: QSize, scheme: str,
                 lang: str, extreme: bool = False) -> None:
    translations = i18n.install(qapp, lang)
    theme = apply_theme(qapp, Qt.ColorScheme.Dark if scheme == "dark" else Qt.ColorScheme.Light)
    db = Database.open(tmp_path / "cache.sqlite3")
    try:
        world = busy_world(db, extreme)
        status = SyncStatus(state=ConnectionState.ONLINE, last_synced_at=world.now - timedelta(minutes=3),
                            pending_outbox=2)
        services = make_services(db, builders.ME_ID, builders.ME_NAME, status)
        window = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.resize(size)
        window.show()
        settle()
        # The minimum holds: the window cannot be made smaller than 900×600, and what its panes need fits.
        found: list[str] = []
        if window.minimumSize() != MINIMUM:
            found.append(f"the window's minimum is {window.minimumSize()}, not {MINIMUM}")
        assert window.size() == size
        for pane in PANES:
            widget = show(window, pane, db)
            hint = window.minimumSizeHint()
            if hint.width() > MINIMUM.width() or hint.height() > MINIMUM.height():
                found.append(f"{pane}: the window needs {hint.width()}×{hint.height()}, "
                             "more than its minimum")
            tag = f"{size.width()}x{size.height()}-{scheme}-{lang}{'-extreme' if extreme else ''}"
            png = shots / f"{pane}-{tag}.png"
            window.grab().save(str(png))
            found.extend(f"{pane}: {p}  [{png}]" for p in pane_problems(widget))
            if pane == "earnings" and size.width() >= 1280:  # room for every column, the type too
                table = window.earnings.table
                hidden = [c for c in range(table.model().columnCount()) if table.isColumnHidden(c)]
                if hidden:
                    found.append(f"{pane}: columns {hidden} hidden at {size.width()} px  [{png}]")
            if pane == "proposals":
                found.extend(f"{pane}: {p}  [{png}]" for p in proposal_row_problems(window.proposals.list))
                # and an invitation, with its two answers
                window.proposals.set_tab(TAB_INVITES)
                window.proposals.select_row(0)
                settle()
                png = shots / f"invitation-{tag}.png"
                window.grab().save(str(png))
                found.extend(f"invitation: {p}  [{png}]" for p in pane_problems(widget))
                window.proposals.set_tab(0)
            if pane == "earnings":  # five cards in a row when there is room, else two rows (3 + 2)
                rows = len({card.mapTo(window, card.rect().topLeft()).y()
                            for card in window.earnings.cards.values()})
                if rows != (2 if size.width() < 1280 else 1):
                    found.append(f"{pane}: the balance cards take {rows} rows  [{png}]")
                # and the contracts: hourly limits, a milestone timeline, ended ones
                window.earnings.show_tab(TAB_CONTRACTS)
                settle()
                png = shots / f"contracts-{tag}.png"
                window.grab().save(str(png))
                found.extend(f"contracts: {p}  [{png}]" for p in pane_problems(widget))
                if not window.earnings.contracts.cards:
                    found.append(f"contracts: none shown  [{png}]")
                window.earnings.show_tab(TAB_OVERVIEW)
        window.close()
        assert not found, "\n".join(found)
    finally:
        db.close_now()
        theme.deleteLater()
        translations.remove()


def test_money_check_catches_a_clipped_amount(qtbot: Any) -> None:
    """The checks above see what a user sees: a card value narrower than "$16,499.16" is reported."""
    from desktop.ui.widgets import plain_label

    label = plain_label("$16,499.16")
    qtbot.addWidget(label)
    label.setFixedWidth(QFontMetrics(label.font()).horizontalAdvance("$16,499") + 2)
    label.show()
    assert any("clipped" in p for p in label_problems(label, "card"))
    assert is_money("16 499,16 $")
    assert is_money("-$1,500.00")
    assert not is_money("4 Connects · 10 %")


def test_a_narrow_transactions_table_gives_up_the_type_column_not_money(qtbot: Any,
                                                                        filled_db: Database) -> None:
    """At 900×600 the table has no room for all seven columns: Type goes (the description's tooltip names
    it), every amount stays whole; wide again, Type comes back."""
    from desktop.services.events import EventBus
    from desktop.ui.earnings_pane import EarningsPane

    pane = EarningsPane(filled_db, EventBus())
    qtbot.addWidget(pane)
    pane.resize(560, 560)
    pane.show()
    settle()
    table, model = pane.table, pane.tx_model
    type_col = model.COLUMNS.index("type")
    assert table.isColumnHidden(type_col)
    tip = tooltip_text(None, model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole))
    assert tip.startswith("Bonus · ")  # the newest transaction is a bonus
    for col in sorted(model.MONEY):
        assert table.columnWidth(col) >= table.sizeHintForColumn(col)
    pane.resize(1100, 560)
    settle()
    assert not table.isColumnHidden(type_col)
    tip = tooltip_text(None, model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole))
    assert not tip.startswith("Bonus · ")
