"""Saved searches in the Jobs pane: save what is on screen, get it back with one click, see how many jobs
are new in each, delete one. Through the real cache and the real SavedSearchService (its outbox not
started: tests/ui/fakes.py); the presenter's logic alone is in tests/presenters/test_jobs.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from desktop.core.clock import utcnow
from desktop.core.models import ExperienceLevel, JobFilter, JobType, SavedSearch
from desktop.services.events import EventBus, JobsChanged
from desktop.services.saved_searches import DELETE, SavedSearchService
from desktop.storage import jobs as jobs_repo
from desktop.storage import saved_searches as saved_repo
from desktop.storage.db import Database
from desktop.ui.jobs_pane import JobsPane
from tests.ui import builders
from tests.ui.fakes import make_services, queued


def make_pane(qtbot: Any, db: Database) -> tuple[JobsPane, SavedSearchService, EventBus]:
    services = make_services(db, builders.ME_ID, builders.ME_NAME)
    bus, actions = services.bus, services.saved_searches
    pane = JobsPane(db, bus, lambda _job: None, saved=actions)
    qtbot.addWidget(pane)
    pane.resize(1100, 700)
    pane.show()
    return pane, actions, bus


def test_save_the_search_on_screen_and_get_it_back_with_one_click(qtbot: Any, filled_db: Database) -> None:
    pane, _actions, _bus = make_pane(qtbot, filled_db)
    assert not pane.saved_bar.isVisible()
    assert not pane.save_search_button.isEnabled()  # nothing to save in the unfiltered feed
    qtbot.keyClicks(pane.search, "Stripe")
    pane.type_combo.setCurrentIndex(pane.type_combo.findData(JobType.FIXED))
    qtbot.waitUntil(lambda: pane.model.filter.query == "Stripe", timeout=3000)
    assert pane.save_search_button.isEnabled()
    stripe_jobs = pane.model.total

    pane.save_current_search("Stripe gigs")
    qtbot.waitUntil(lambda: len(pane.saved_bar.chips) == 1, timeout=3000)
    chip = pane.saved_bar.chips[0]
    assert chip.text() == "Stripe gigs"
    assert chip.isChecked()
    assert not pane.save_search_button.isEnabled()  # it is saved already

    # Back to everything, then one click on the chip restores the words and the filter.
    pane.search.clear()
    pane.search.textEdited.emit("")
    pane.type_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: pane.model.filter == JobFilter(), timeout=3000)
    assert not chip.isChecked()
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.model.filter.query == "Stripe", timeout=3000)
    assert pane.search.text() == "Stripe"
    assert pane.type_combo.currentData() == JobType.FIXED
    assert pane.model.total == stripe_jobs


def test_chips_count_jobs_posted_since_each_search_was_last_opened(qtbot: Any, filled_db: Database,
                                                                     world: Any) -> None:
    seen = utcnow() - timedelta(hours=1)
    filled_db.write_now(lambda c: saved_repo.insert_local(c, "Kubernetes", JobFilter(query="kubernetes"),
                                                          "k1", seen))
    filled_db.write_now(lambda c: saved_repo.insert_local(c, "Anything senior", JobFilter(
        experience_level=ExperienceLevel.EXPERT, min_budget=Decimal("5000")), "k2", seen))
    pane, _actions, bus = make_pane(qtbot, filled_db)
    qtbot.waitUntil(lambda: len(pane.saved_bar.chips) == 2, timeout=3000)
    before = {c.search.name: c.new_count for c in pane.saved_bar.chips}

    template = world.jobs[0]
    fresh = [replace(template, id=f"fresh-{i}", title=f"Kubernetes operator {i}", posted_at=utcnow(),
                     updated_at=utcnow()) for i in range(3)]
    filled_db.write_now(lambda c: jobs_repo.upsert_many(c, fresh))
    bus.emit(JobsChanged(tuple(j.id for j in fresh)))
    qtbot.waitUntil(lambda: pane.saved_bar.chip_for("local:k1") is not None
                    and pane.saved_bar.chip_for("local:k1").new_count == before["Kubernetes"] + 3,  # type: ignore[union-attr]
                    timeout=5000)
    chip = pane.saved_bar.chip_for("local:k1")
    assert chip is not None
    assert f"{chip.new_count} job(s) posted since you last looked" in chip.toolTip()

    # Opening it shows those jobs and clears its badge; the hidden budget filter applies while it is on.
    senior = pane.saved_bar.chip_for("local:k2")
    assert senior is not None
    qtbot.mouseClick(senior, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.model.filter.min_budget == Decimal("5000"), timeout=3000)
    assert pane.model.filter.experience_level is ExperienceLevel.EXPERT
    qtbot.mouseClick(pane.saved_bar.chip_for("local:k1"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.model.filter.query == "kubernetes", timeout=3000)
    assert pane.model.filter.min_budget is None  # the other search's hidden filter went with it
    qtbot.waitUntil(lambda: pane.saved_bar.chip_for("local:k1").new_count == 0, timeout=3000)  # type: ignore[union-attr]
    seen_at = {s.id: s.seen_at for s, _n in filled_db.read_now(saved_repo.with_new_counts)}
    qtbot.waitUntil(lambda: all(
        s.seen_at is not None and s.seen_at > seen
        for s, _n in filled_db.read_now(saved_repo.with_new_counts)), timeout=3000)
    assert set(seen_at) == {"local:k1", "local:k2"}


def test_deleting_a_saved_search_removes_its_chip(qtbot: Any, filled_db: Database) -> None:
    stripe = JobFilter(query="stripe")
    filled_db.write_now(lambda c: saved_repo.insert_local(c, "Stripe", stripe, "k1", utcnow()))
    pane, _actions, _bus = make_pane(qtbot, filled_db)
    qtbot.waitUntil(lambda: len(pane.saved_bar.chips) == 1, timeout=3000)
    search: SavedSearch = pane.saved_bar.chips[0].search
    pane.saved_bar.deleteRequested.emit(search)
    qtbot.waitUntil(lambda: not pane.saved_bar.chips, timeout=3000)
    assert [p["search_id"] for p in queued(filled_db, DELETE)] == ["local:k1"]
    assert not pane.saved_bar.isVisible()


def test_the_sidebar_counts_new_jobs_across_saved_searches(qtbot: Any, make_window: Any, services: Any,
                                                          filled_db: Database, world: Any) -> None:
    seen = utcnow() - timedelta(hours=1)
    rust = JobFilter(query="rustacean")
    filled_db.write_now(lambda c: saved_repo.insert_local(c, "Rust", rust, "k1", seen))
    window = make_window(services)
    qtbot.waitUntil(lambda: len(window.jobs.saved_bar.chips) == 1, timeout=3000)
    assert window.new_jobs_badge() == 0
    fresh = [replace(world.jobs[0], id=f"rust-{i}", title=f"Rustacean wanted {i}", posted_at=utcnow(),
                     updated_at=utcnow()) for i in range(2)]
    filled_db.write_now(lambda c: jobs_repo.upsert_many(c, fresh))
    services.bus.emit(JobsChanged(tuple(j.id for j in fresh)))
    qtbot.waitUntil(lambda: window.new_jobs_badge() == 2, timeout=5000)


def test_a_checked_chip_has_room_for_its_semibold_label(qtbot: Any, world: Any) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from desktop.core.models import SavedSearch
    from desktop.ui.saved_searches import SavedSearchChip

    name = "React, fixed price, verified client"
    chip = SavedSearchChip(SavedSearch(id="s1", name=name, filter=JobFilter(query="react"),
                                       created_at=world.now, updated_at=world.now), 0)
    qtbot.addWidget(chip)
    # the theme's rules for chips (desktop/ui/theme.py), on this widget alone
    chip.setStyleSheet("QToolButton#savedSearchChip { padding: 3px 12px; border: 1px solid gray; }"
                       "QToolButton#savedSearchChip:checked { font-weight: 600; }")
    chip.setChecked(True)
    chip.show()
    heavy = QFont(chip.font())
    heavy.setWeight(QFont.Weight.DemiBold)
    needed = QFontMetrics(heavy).horizontalAdvance(name) + 2 * 12  # the stylesheet's side padding
    assert chip.width() >= needed, (chip.width(), needed)
