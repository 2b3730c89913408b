"""The status bar on a full disk: one clear state, how much space to free, in the interface language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desktop.core.models import ConnectionState, SyncStatus
from desktop.services.events import StatusChanged
from desktop.ui import format as fmt
from desktop.ui import i18n, theme
from tests.ui.fakes import FakeServices, finish
from tests.unit.storage.factories import make_draft

SHOTS = Path("/tmp/shots-disk-full")


def test_a_full_disk_is_one_state_in_the_status_bar(
        qtbot: Any, services: FakeServices, make_window: Callable[..., Any]) -> None:
    window = make_window(services)
    window.resize(1100, 700)
    full = SyncStatus(state=ConnectionState.ONLINE, pending_outbox=1, disk_full_mb=12)
    services.bus.emit(StatusChanged(full))
    assert window.status_label.text() == "Disk full — 12 MB needed; sending paused"
    assert window.status_dot.color() == theme.danger(window.palette())
    assert "Free 12 MB" in window.status_label.toolTip()
    assert "kept in memory" in window.status_label.toolTip()
    assert not window.sync_button.isEnabled()  # nothing a sync fetched could be stored
    assert window.outbox_label.text() == "1 action waiting to send"
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "status-en.png"))

    services.bus.emit(StatusChanged(SyncStatus(state=ConnectionState.ONLINE)))  # room again
    assert window.status_label.text() == "Online"
    assert window.status_dot.color() == theme.connection_color(ConnectionState.ONLINE)
    assert window.sync_button.isEnabled()


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    translations = i18n.install(qapp, "fr")
    try:
        yield
    finally:
        translations.remove()


def test_the_full_disk_state_in_french(
        qtbot: Any, services: FakeServices, make_window: Callable[..., Any], french: None) -> None:
    window = make_window(services)
    window.resize(1100, 700)
    services.bus.emit(StatusChanged(SyncStatus(state=ConnectionState.OFFLINE, disk_full_mb=1536)))
    expected = f"Disque plein — {fmt.number(1536)}\u00a0Mo nécessaires\u00a0; envoi en pause"
    assert window.status_label.text() == expected
    assert fmt.number(1536) != "1536"  # grouped the French way
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "status-fr.png"))


def test_closing_the_window_with_drafts_the_full_disk_kept_in_memory_asks_first(
        qtbot: Any, services: FakeServices, make_window: Callable[..., Any]) -> None:
    """The cache may not grow (SQLite's ``max_page_count``, the same SQLITE_FULL a full disk gives), so the
    real ProposalService keeps the draft in memory; closing then asks before losing it."""
    window = make_window(services)
    window.show()
    db = services.db
    pages = db.read_now(lambda c: c.execute("PRAGMA page_count").fetchone()[0])
    db.write_now(lambda c: c.execute(f"PRAGMA max_page_count = {pages}"))
    draft = make_draft(1, cover_letter="Written while the disk was full. " * 2000)
    finish(qtbot, services.proposals.save_draft(draft))
    assert services.proposals.unsaved_drafts == 1
    window.close()
    assert window.isVisible()
    box = window.drafts_question
    qtbot.waitUntil(box.isVisible)
    assert "disk is full" in box.text()
    assert "lose them" in box.text()
    assert box.defaultButton().text() == "Keep Atelier open"
    SHOTS.mkdir(exist_ok=True)
    box.grab().save(str(SHOTS / "drafts-question.png"))
    box.defaultButton().click()
    assert window.isVisible()

    window.close()
    box = window.drafts_question
    qtbot.waitUntil(box.isVisible)
    next(b for b in box.buttons() if b.text() == "Quit and lose them").click()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_closing_the_window_with_every_draft_saved_asks_nothing(
        qtbot: Any, services: FakeServices, make_window: Callable[..., Any]) -> None:
    window = make_window(services)
    window.show()
    window.close()
    assert not window.isVisible()
