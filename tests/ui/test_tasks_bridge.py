from __future__ import annotations

import asyncio
from typing import Any

from desktop.core.errors import OfflineError
from desktop.core.models import ConnectionState, SyncStatus
from desktop.core.notices import Code, Notice
from desktop.services.events import (
    ActionFailed,
    EventBus,
    JobsChanged,
    MessagesChanged,
    RoomsChanged,
    StatusChanged,
)
from desktop.ui.bridge import EventBridge
from desktop.ui.tasks import TaskRunner


def test_run_cancels_the_previous_task_of_the_same_name(qtbot: Any) -> None:
    runner = TaskRunner()
    results: list[str] = []

    async def work(tag: str, delay: float) -> str:
        await asyncio.sleep(delay)
        return tag

    first = runner.run("search", work("a", 0.2), on_done=results.append)
    second = runner.run("search", work("b", 0.01), on_done=results.append)
    # done() turns true before the task's done callbacks run (they are scheduled): wait for the runner.
    qtbot.waitUntil(lambda: second.done() and first.done() and runner.names() == [], timeout=2000)
    assert first.cancelled()
    assert results == ["b"]


def test_failures_are_reported_with_the_user_message(qtbot: Any) -> None:
    runner = TaskRunner()

    async def boom() -> None:
        raise OfflineError(Notice(Code.UNREACHABLE))

    with qtbot.waitSignal(runner.failed, timeout=2000) as blocker:
        runner.run("send", boom())
    assert blocker.args == ["send", "Cannot reach the marketplace."]


def test_cancel_all_unwinds_every_task(qtbot: Any) -> None:
    runner = TaskRunner()
    tasks = [runner.run(f"t{i}", asyncio.sleep(10)) for i in range(3)]
    done = asyncio.ensure_future(runner.cancel_all())
    qtbot.waitUntil(done.done, timeout=2000)
    assert all(t.cancelled() for t in tasks)


def test_bridge_re_emits_bus_events_as_signals(qtbot: Any) -> None:
    bus = EventBus()
    bridge = EventBridge(bus)
    seen: list[Any] = []
    bridge.jobsChanged.connect(lambda ids: seen.append(("jobs", ids)))
    bridge.messagesChanged.connect(lambda ids: seen.append(("messages", ids)))
    bridge.roomsChanged.connect(lambda: seen.append("rooms"))
    bridge.statusChanged.connect(lambda s: seen.append(("status", s.state)))
    bridge.actionFailed.connect(lambda kind, msg: seen.append(("failed", kind, msg)))
    bus.emit(JobsChanged(("j1",)))
    bus.emit(MessagesChanged(frozenset({"r1"})))
    bus.emit(RoomsChanged())
    bus.emit(StatusChanged(SyncStatus(state=ConnectionState.OFFLINE)))
    bus.emit(ActionFailed("proposal", Notice.text("Job closed")))
    assert seen == [
        ("jobs", ("j1",)),
        ("messages", frozenset({"r1"})),
        "rooms",
        ("status", ConnectionState.OFFLINE),
        ("failed", "proposal", Notice.text("Job closed")),
    ]
    bridge.close()
    bus.emit(RoomsChanged())
    assert seen.count("rooms") == 1
