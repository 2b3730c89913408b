"""The funnel as a user meets it in the Proposals pane: opened in place of the list, a chart of sent →
viewed → interviewing → hired by month or by category, the overall conversion in words, and each
template's reply rate; it follows new proposal data while it is open."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop.core.clock import utcnow
from desktop.core.models import ProposalStatus
from desktop.services.events import EventBus, ProposalsChanged
from desktop.storage import funnel, proposals, templates
from desktop.storage.db import Database
from desktop.ui.proposals_pane import ProposalsPane
from tests.ui import builders
from tests.ui.fakes import real_proposals


def make_pane(qtbot: Any, db: Database) -> tuple[ProposalsPane, EventBus]:
    bus = EventBus()
    pane = ProposalsPane(db, bus, real_proposals(db, bus))
    qtbot.addWidget(pane)
    pane.resize(1000, 700)
    pane.show()
    return pane, bus


def chart_counts(pane: ProposalsPane) -> dict[str, list[int]]:
    assert pane.funnel is not None
    [series] = pane.funnel.chart.series()
    return {s.label(): [int(s.at(i)) for i in range(s.count())] for s in series.barSets()}  # type: ignore[attr-defined]


def test_the_funnel_opens_in_place_of_the_list_and_counts_what_the_cache_holds(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    first = world.proposals[0]
    intro = filled_db.write_now(lambda c: templates.add(c, "Intro", "Hi {client_name}", utcnow()))
    filled_db.write_now(lambda c: templates.record_use(c, first.id, intro.id))
    pane, bus = make_pane(qtbot, filled_db)
    assert pane.funnel is None  # nothing built (nor QtCharts paid for) until it is opened
    pane.funnel_button.click()
    funnel_view = pane.funnel
    assert funnel_view is not None
    assert pane.body.currentWidget() is funnel_view
    assert not pane.tabs.isVisible()
    qtbot.waitUntil(lambda: funnel_view.report is not None, timeout=3000)
    expected = filled_db.read_now(funnel.report)
    total = expected.total
    assert total.sent == len(world.proposals)
    assert funnel_view.summary.text().startswith(f"{total.sent} sent · {total.viewed} viewed (")

    by_month = chart_counts(pane)
    months = expected.by_month[-8:]
    assert by_month["Sent"] == [r.sent for r in months]
    assert by_month["Hired"] == [r.hired for r in months]
    funnel_view.grouping.setCurrentIndex(1)  # by category
    by_category = chart_counts(pane)
    assert by_category["Interviewing"] == [r.interviewing for r in expected.by_category[:8]]

    rows = funnel_view.template_rows()
    assert rows[0][:2] == ["Intro", "1"]
    replied = first.status in (ProposalStatus.INTERVIEWING, ProposalStatus.OFFER, ProposalStatus.HIRED)
    assert rows[0][3] == ("100%" if replied else "0%")
    assert rows[-1][0] == "Written without a template"
    assert rows[-1][1] == str(total.sent - 1)

    # a proposal moves while the funnel is open: it counts again
    moved = next(p for p in world.proposals if p.status is ProposalStatus.SUBMITTED)
    filled_db.write_now(lambda c: proposals.upsert_many(c, [replace(
        moved, status=ProposalStatus.HIRED, updated_at=utcnow())]))
    bus.emit(ProposalsChanged())
    qtbot.waitUntil(lambda: funnel_view.report is not None
                    and funnel_view.report.total.hired == total.hired + 1, timeout=3000)

    pane.funnel_button.click()
    assert pane.body.currentWidget() is pane.splitter
    assert pane.tabs.isVisible()


def test_no_proposals_sent_yet_says_so(qtbot: Any, db: Database) -> None:
    pane, _bus = make_pane(qtbot, db)
    pane.show_funnel()
    funnel_view = pane.funnel
    assert funnel_view is not None
    qtbot.waitUntil(lambda: funnel_view.report is not None, timeout=3000)
    assert funnel_view.stack.currentWidget() is not funnel_view.stack.content
    assert funnel_view.stack.empty_title.text() == "No proposals sent yet"
