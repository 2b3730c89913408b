"""The window keeps working when the cache is rebuilt under it: each pane reads the new file, the message
the user was sending is still there as "Sending…" once the conversations come back, and a window says
what happened. Real cache (rebuilt for real), real window offscreen; the services' bus carries what the
real container emits (its rescue and re-sync are tested in tests/integration/test_cache_damage.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.core.models import DeliveryState
from desktop.services.container import EVERYTHING_CHANGED, rescue_notice
from desktop.services.events import ActionFailed
from desktop.storage import jobs
from desktop.storage.db import Database
from tests.ui import builders, fakes
from tests.ui.fakes import FakeServices


def test_the_window_goes_on_on_a_rebuilt_cache_and_says_what_was_rescued(
        qtbot: Any, filled_db: Database, world: builders.World, services: FakeServices,
        make_window: Callable[..., Any]) -> None:
    window = make_window(services)
    window.resize(1280, 800)
    window.show()
    window.show_pane("messages")
    pane = window.messages
    pane.open_room("room-3")
    pane.composer.setPlainText("The mock-ups are attached, see you Monday.")
    pane.send_current()
    qtbot.waitUntil(lambda: fakes.sent_messages(services.db) != [], timeout=3000)

    report = filled_db.rebuild_now()
    assert report is not None
    assert report.requeued == 1
    services.bus.emit(ActionFailed(kind="cache", notice=rescue_notice(report)))
    for event in EVERYTHING_CHANGED:
        services.bus.emit(event)
    # The panes read the new file: no jobs until the pull brings them back, no conversation yet.
    qtbot.waitUntil(lambda: window.jobs.model.rowCount() == 0, timeout=3000)
    assert pane.rooms_model.rowCount() == 0
    notice = window.cache_notice
    assert notice is not None
    assert notice.isVisible()
    assert notice.text() == ("The local cache was damaged and has been rebuilt from the server. Everything "
                             "waiting to be sent (1) was rescued and will be sent.")

    # The pull brings everything back; the message is still there, still being sent.
    filled_db.write_now(lambda c: builders.write_world(c, world, builders.filler_jobs(250, world.now)))
    for event in EVERYTHING_CHANGED:
        services.bus.emit(event)
    qtbot.waitUntil(lambda: pane.rooms_model.rowCount() == len(world.conversations), timeout=3000)
    pane.open_room("room-3")
    qtbot.waitUntil(lambda: pane.thread_model.rowCount() > 0, timeout=3000)
    last = pane.thread_model.row(pane.thread_model.rowCount() - 1)
    assert last is not None
    assert last.message.body == "The mock-ups are attached, see you Monday."
    assert last.message.state is DeliveryState.SENDING
    qtbot.waitUntil(lambda: window.jobs.model.total == filled_db.read_now(jobs.total) > 0, timeout=3000)
