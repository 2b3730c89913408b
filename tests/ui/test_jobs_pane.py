from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop.core.models import Job, JobType
from desktop.services.events import EventBus, JobsChanged, ProposalsChanged
from desktop.storage import jobs as jobs_repo
from desktop.storage import proposals as proposals_repo
from desktop.storage.db import Database
from desktop.ui.jobs_model import PAGE_SIZE
from desktop.ui.jobs_pane import JobsPane
from tests.ui import builders


def make_pane(qtbot: Any, db: Database, bus: EventBus | None = None) -> tuple[JobsPane, list[Job]]:
    written: list[Job] = []
    pane = JobsPane(db, bus or EventBus(), written.append)
    qtbot.addWidget(pane)
    pane.resize(1100, 700)
    pane.show()
    return pane, written


def first_unapplied_row(pane: JobsPane) -> int:
    applied = pane.presenter.snapshot.applied
    return next(i for i in range(pane.model.rowCount()) if pane.model.job_at(i).id not in applied)  # type: ignore[union-attr]


def test_applied_jobs_cannot_be_applied_to_twice(qtbot: Any, filled_db: Database) -> None:
    pane, _ = make_pane(qtbot, filled_db)
    applied = filled_db.read_now(proposals_repo.applied_job_ids)
    row = next(i for i in range(pane.model.rowCount()) if pane.model.job_at(i).id in applied)  # type: ignore[union-attr]
    pane.select_row(row)
    assert not pane.detail.write_button.isEnabled()
    assert pane.detail.applied_label.text() == "You already applied to this job."


def test_shows_a_first_page_and_fetches_more_when_scrolled(qtbot: Any, filled_db: Database) -> None:
    pane, _ = make_pane(qtbot, filled_db)
    total = filled_db.read_now(jobs_repo.total)
    assert pane.model.rowCount() == PAGE_SIZE
    assert pane.model.total == total
    assert pane.count_label.text() == f"{total:,} jobs"
    pane.list.scrollToBottom()
    qtbot.waitUntil(lambda: pane.model.rowCount() > PAGE_SIZE, timeout=3000)
    assert pane.model.rowCount() <= total


def test_typing_in_search_narrows_the_results(qtbot: Any, filled_db: Database) -> None:
    pane, _ = make_pane(qtbot, filled_db)
    before = pane.model.total
    qtbot.keyClicks(pane.search, "Stripe")
    qtbot.waitUntil(lambda: pane.model.filter.query == "Stripe", timeout=3000)
    assert 0 < pane.model.total < before
    assert pane.count_label.text().endswith("jobs") or pane.count_label.text().endswith("job")
    titles = [pane.model.job_at(i).title for i in range(pane.model.rowCount())]  # type: ignore[union-attr]
    assert any("Stripe" in t for t in titles)


def test_no_match_shows_an_empty_state(qtbot: Any, filled_db: Database) -> None:
    pane, _ = make_pane(qtbot, filled_db)
    pane.search.setText('zzqx "unbalanced (quotes')
    qtbot.waitUntil(lambda: pane.model.filter.query.startswith("zzqx"), timeout=3000)
    assert pane.model.rowCount() == 0
    assert pane.list_stack.is_empty_shown()
    assert pane.list_stack.empty_text() == "No jobs match your search"


def test_empty_cache_says_waiting_for_first_sync(qtbot: Any, db: Database) -> None:
    pane, _ = make_pane(qtbot, db)
    assert pane.list_stack.empty_text() == "Waiting for first sync…"


def test_filters_narrow_by_job_type_and_verification(qtbot: Any, filled_db: Database) -> None:
    pane, _ = make_pane(qtbot, filled_db)
    pane.type_combo.setCurrentIndex(pane.type_combo.findData(JobType.HOURLY))
    qtbot.waitUntil(lambda: pane.model.filter.job_type is JobType.HOURLY, timeout=3000)
    rows = [pane.model.job_at(i) for i in range(pane.model.rowCount())]
    assert rows
    assert all(j is not None and j.job_type is JobType.HOURLY for j in rows)
    pane.verified_check.setChecked(True)
    qtbot.waitUntil(lambda: pane.model.filter.payment_verified_only, timeout=3000)
    rows = [pane.model.job_at(i) for i in range(pane.model.rowCount())]
    assert all(j is not None and j.client.payment_verified for j in rows)


def test_selecting_a_job_shows_its_detail_and_write_proposal(qtbot: Any, filled_db: Database) -> None:
    pane, written = make_pane(qtbot, filled_db)
    row = first_unapplied_row(pane)
    job = pane.model.job_at(row)
    assert job is not None
    pane.select_row(row)
    assert pane.detail.title.text() == job.title
    assert pane.detail.description.toPlainText() == job.description
    chips = [pane.detail.skills.itemAt(i).widget().text() for i in range(pane.detail.skills.count())]  # type: ignore[union-attr]
    assert chips == list(job.skills)
    assert "Payment verified" in pane.detail.client_trust.text()
    pane.detail.write_button.click()
    assert written == [job]


def test_description_is_shown_as_plain_text(qtbot: Any, db: Database, world: builders.World) -> None:
    evil = replace(
        world.jobs[0],
        id="job-evil",
        description='<b>bold</b> <img src="http://tracker.example/p.png"> <a href="javascript:x">x</a>',
    )
    db.write_now(lambda c: jobs_repo.upsert_many(c, [evil]))
    pane, _ = make_pane(qtbot, db)
    pane.select_row(0)
    assert pane.detail.description.toPlainText() == evil.description
    assert "<b>" in pane.detail.description.toPlainText()


def test_jobs_changed_reloads_and_keeps_the_selection(
    qtbot: Any, filled_db: Database, world: builders.World
) -> None:
    bus = EventBus()
    pane, _ = make_pane(qtbot, filled_db, bus)
    pane.select_row(2)
    selected = pane.selected_job_id()
    newest = replace(world.jobs[0], id="job-brand-new", title="Brand new job", posted_at=world.now)
    filled_db.write_now(lambda c: jobs_repo.upsert_many(c, [newest]))
    bus.emit(JobsChanged(("job-brand-new",)))
    qtbot.waitUntil(lambda: pane.model.row_of("job-brand-new") >= 0, timeout=3000)
    assert pane.selected_job_id() == selected


def test_a_new_search_that_does_not_hold_the_shown_job_clears_the_detail(
    qtbot: Any, filled_db: Database, world: builders.World
) -> None:
    pane = JobsPane(filled_db, EventBus(), lambda _job: None)
    qtbot.addWidget(pane)
    pane.resize(1200, 800)
    pane.show()
    qtbot.waitUntil(lambda: pane.model.rowCount() > 0, timeout=3000)
    pane.select_row(0)
    first = pane.detail.job
    assert first is not None
    assert pane.detail.isVisible()
    pane.search.setText("zzzz-no-job-has-this-word")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 0, timeout=3000)
    qtbot.waitUntil(lambda: not pane.detail.isVisible(), timeout=3000)  # "Select a job" instead


def _marked_pixels(pane: JobsPane) -> int:
    """How many pixels of the feed wear the search highlighter's color."""
    from PySide6.QtGui import QColor

    from desktop.ui import theme

    image = pane.list.viewport().grab().toImage()
    mark = theme.mark(pane.list.palette()).rgb()
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if QColor(image.pixel(x, y)).rgb() == mark)


def test_the_words_searched_for_are_highlighted_in_the_results(qtbot: Any, filled_db: Database) -> None:
    pane, _ = make_pane(qtbot, filled_db)
    assert _marked_pixels(pane) == 0  # no search: nothing marked
    qtbot.keyClicks(pane.search, "strip")  # a prefix, as the search matches it
    qtbot.waitUntil(lambda: pane.model.filter.query == "strip", timeout=3000)
    qtbot.waitUntil(lambda: _marked_pixels(pane) > 50, timeout=3000)


def _count_ui_thread_reads(monkeypatch: Any) -> list[str]:
    """Record every synchronous read (``Database.read_now``, the UI thread's own connection)."""
    import traceback

    reads: list[str] = []
    original = Database.read_now

    def counting(self: Database, fn: Any) -> Any:
        reads.append(traceback.extract_stack(limit=3)[0].name)
        return original(self, fn)

    monkeypatch.setattr(Database, "read_now", counting)
    return reads


def test_the_pane_opens_whole_after_one_ui_thread_read(
    qtbot: Any, filled_db: Database, monkeypatch: Any
) -> None:
    """The first frame holds the feed, the categories and the applied marks, read in one go (not three)."""
    reads = _count_ui_thread_reads(monkeypatch)
    pane, _ = make_pane(qtbot, filled_db)
    assert len(reads) == 1
    assert pane.model.rowCount() == PAGE_SIZE
    assert pane.category_combo.count() == 1 + len(filled_db.read_now(jobs_repo.categories))
    applied = filled_db.read_now(proposals_repo.applied_job_ids)
    row = next(i for i in range(pane.model.rowCount()) if pane.model.job_at(i).id in applied)  # type: ignore[union-attr]
    pane.select_row(row)
    assert not pane.detail.write_button.isEnabled()


def test_a_new_proposal_marks_the_shown_job_applied_without_reading_on_the_ui_thread(
    qtbot: Any, filled_db: Database, world: builders.World, monkeypatch: Any
) -> None:
    """A proposal sent elsewhere (a sync brings it) disables "Write a proposal" on the job shown; the
    applied jobs are read on the reader thread, since such notices come in bursts during a sync."""
    bus = EventBus()
    pane, _ = make_pane(qtbot, filled_db, bus)
    row = first_unapplied_row(pane)
    pane.select_row(row)
    job = pane.model.job_at(row)
    assert job is not None
    assert pane.detail.write_button.isEnabled()
    proposal = replace(world.proposals[0], id="p-elsewhere", job_id=job.id, job_title=job.title)
    filled_db.write_now(lambda c: proposals_repo.upsert_many(c, [proposal]))
    reads = _count_ui_thread_reads(monkeypatch)
    bus.emit(ProposalsChanged())
    qtbot.waitUntil(lambda: not pane.detail.write_button.isEnabled(), timeout=3000)
    assert pane.detail.applied_label.text() == "You already applied to this job."
    assert reads == []


def test_best_match_hide_with_undo_and_saved_jobs(qtbot: Any, services: Any, make_window: Any,
                                                 english: None) -> None:
    """Sorted by Best match, each card shows its score and the detail says why; Hide takes the job out of
    the feed with an Undo; Save keeps it in "Saved jobs" (real JobMarksService, real cache)."""
    from desktop.core.models import JobSort
    from desktop.presenters.jobs import View

    window = make_window(services)
    window.resize(1280, 800)
    window.show()
    pane: JobsPane = window.jobs
    assert pane.presenter.snapshot.me is not None  # the world's profile: scores are known
    pane.sort_combo.setCurrentIndex(pane.sort_combo.findData(JobSort.BEST_MATCH))
    qtbot.waitUntil(lambda: pane.model.filter.sort is JobSort.BEST_MATCH, timeout=3000)
    scores = [pane.model.data(pane.model.index(i), pane.model.ScoreRole) for i in range(20)]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] > 0
    pane.select_row(0)
    best = pane.model.job_at(0)
    assert best is not None
    assert pane.detail.match_box.isVisible()
    assert pane.detail.match_box.heading.text() == f"WHY THIS MATCH · {scores[0]}%"
    assert len(pane.detail.match_box.lines) == 7
    pane.grab().save("/tmp/jobs-best-match.png")

    total = pane.model.total
    pane.detail.hide_button.click()
    qtbot.waitUntil(lambda: pane.model.total == total - 1, timeout=3000)
    assert pane.model.row_of(best.id) < 0
    assert pane.undo_bar.isVisible()
    assert pane.undo_label.fullText() == f"Hidden: {best.title}"
    assert pane.hidden_button.isVisible()
    assert pane.hidden_button.text() == "1 hidden"
    pane.undo_button.click()
    qtbot.waitUntil(lambda: pane.model.row_of(best.id) == 0, timeout=3000)
    assert not pane.undo_bar.isVisible()
    assert not pane.hidden_button.isVisible()

    pane.select_row(0)
    pane.detail.save_button.click()
    qtbot.waitUntil(lambda: best.id in pane.presenter.snapshot.saved_jobs, timeout=3000)
    assert pane.detail.save_button.text() == "Saved"
    pane.saved_jobs_button.click()
    qtbot.waitUntil(lambda: pane.presenter.snapshot.view is View.SAVED and pane.model.total == 1,
                    timeout=3000)
    assert pane.model.job_at(0) == best
    assert pane.count_label.text() == "1 saved job"
    pane.saved_jobs_button.click()
    qtbot.waitUntil(lambda: pane.model.total == total, timeout=3000)


def test_the_first_jobs_of_a_first_sync_replace_the_waiting_message(qtbot: Any, db: Database,
                                                                    world: builders.World) -> None:
    """An empty cache says "Waiting for first sync…"; the first jobs the sync writes take its place (they
    once arrived as an appended page, and the message stayed over them)."""
    bus = EventBus()
    pane, _ = make_pane(qtbot, db, bus)
    assert pane.list_stack.is_empty_shown()
    assert pane.list_stack.empty_text() == "Waiting for first sync…"
    db.write_now(lambda c: jobs_repo.upsert_many(c, world.jobs))
    bus.emit(JobsChanged(tuple(j.id for j in world.jobs)))
    qtbot.waitUntil(lambda: pane.model.rowCount() == len(world.jobs), timeout=3000)
    assert not pane.list_stack.is_empty_shown()
