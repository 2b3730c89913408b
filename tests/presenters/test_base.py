"""The presenter base: snapshots reach listeners once per change, the last task of a name wins, failures are
kept for the widget, and closing stops everything."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from desktop.core.errors import AtelierError
from desktop.core.notices import Notice
from desktop.presenters.base import Presenter
from desktop.services.events import Event, EventBus, JobsChanged


@dataclass(frozen=True, slots=True)
class Shown:
    text: str = ""
    loads: int = 0


class Echo(Presenter[Shown]):
    """Shows what it last "read", one read per JobsChanged."""

    def __init__(self, bus: EventBus) -> None:
        super().__init__(bus, Shown())
        self.delays: list[float] = []

    def on_event(self, event: Event) -> None:
        if isinstance(event, JobsChanged):
            self.load(",".join(event.new_job_ids))

    def load(self, text: str, delay: float = 0.0) -> None:
        async def read() -> str:
            await asyncio.sleep(delay)
            return text

        self.spawn("load", read(), on_done=lambda value: self.publish(
            Shown(value, self.snapshot.loads + 1)))


async def test_listeners_hear_each_new_snapshot_once() -> None:
    bus = EventBus()
    echo = Echo(bus)
    heard: list[Shown] = []
    echo.listen(heard.append)
    echo.start()
    bus.emit(JobsChanged(new_job_ids=("a",)))
    await echo.settle()
    echo.publish(echo.snapshot)  # the same value again: nobody is told
    assert heard == [Shown("a", 1)]
    await echo.aclose()


async def test_the_last_task_of_a_name_wins() -> None:
    """A slow first search must not overwrite the answer to the search typed after it."""
    echo = Echo(EventBus())
    echo.load("slow", delay=0.2)
    echo.load("fast")
    await echo.settle()
    assert echo.snapshot == Shown("fast", 1)


async def test_failures_are_kept_for_the_widget() -> None:
    echo = Echo(EventBus())

    async def fails() -> None:
        raise AtelierError(Notice.text("The marketplace is not answering."))

    echo.spawn("send", fails())
    await echo.settle()
    assert [str(e) for e in echo.errors] == ["The marketplace is not answering."]


async def test_closing_stops_listening_and_cancels_tasks() -> None:
    bus = EventBus()
    echo = Echo(bus)
    echo.start()
    echo.load("never", delay=5)
    await echo.aclose()
    bus.emit(JobsChanged(new_job_ids=("b",)))
    await asyncio.sleep(0)
    assert echo.snapshot == Shown()
