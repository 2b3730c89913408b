"""What every presenter shares: listeners for its snapshots, the bus subscription, and named tasks."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, Generic, Protocol, TypeVar

from desktop.core.errors import AtelierError
from desktop.services.events import Event

S = TypeVar("S")
T = TypeVar("T")

log = logging.getLogger("atelier.presenters")

Listener = Callable[[S], None]


class Bus(Protocol):
    """What a presenter needs of the service bus (services.events.EventBus)."""

    def subscribe(self, listener: Callable[[Event], None]) -> Callable[[], None]: ...


class Presenter(Generic[S]):
    """Holds the current snapshot (a frozen value) and tells listeners when it is replaced.

    Subclasses react to bus events in :meth:`on_event`, do their reads and service calls in tasks started
    with :meth:`spawn` (a newer task of the same name replaces the older one: the last search typed wins),
    and publish with :meth:`publish`. Everything runs on the event-loop thread (the Qt thread under qasync);
    cache reads go to the cache's reader thread, so none blocks the UI.
    """

    def __init__(self, bus: Bus, initial: S) -> None:
        self._bus = bus
        self._snapshot = initial
        self._listeners: list[Listener[S]] = []
        self._tasks: dict[str, asyncio.Task[Any]] = {}
        self._unsubscribe: Callable[[], None] | None = None
        self.errors: list[BaseException] = []
        """What failed in the presenter's tasks, newest last: the widget words the last one for the user
        (an ``AtelierError`` carries its own message; anything else is a bug, logged with its traceback)."""

    # -- snapshots --------------------------------------------------------------------------------------

    @property
    def snapshot(self) -> S:
        return self._snapshot

    def listen(self, listener: Listener[S]) -> Callable[[], None]:
        """Call ``listener`` with each new snapshot; returns a function that stops it."""
        self._listeners.append(listener)

        def stop() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return stop

    def publish(self, snapshot: S) -> None:
        """Replace the snapshot; listeners hear of it only when it differs from the one they have."""
        if snapshot == self._snapshot:
            return
        self._snapshot = snapshot
        for listener in list(self._listeners):
            try:
                listener(snapshot)
            except Exception:
                log.exception("a %s listener failed", type(self).__name__)

    # -- life ---------------------------------------------------------------------------------------------

    def start(self) -> None:
        """Listen to the bus (idempotent). Subclasses usually also spawn their first load."""
        if self._unsubscribe is None:
            self._unsubscribe = self._bus.subscribe(self.on_event)

    async def aclose(self) -> None:
        """Stop listening and cancel every task; the last snapshot stays readable."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        tasks = list(self._tasks.values())
        self._tasks.clear()
        for task in tasks:
            task.cancel()
        for task in tasks:
            try:
                await task
            except asyncio.CancelledError:
                pass
            except Exception:
                log.debug("task ended with an error while closing", exc_info=True)
        self._listeners.clear()

    def close_now(self) -> None:
        """:meth:`aclose` for synchronous shutdown paths: stop listening, cancel the tasks without waiting."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        for task in self._tasks.values():
            task.cancel()
        self._tasks.clear()
        self._listeners.clear()

    def on_event(self, event: Event) -> None:
        """A service event; the default ignores it."""

    # -- tasks ------------------------------------------------------------------------------------------

    def spawn(self, name: str, coro: Coroutine[Any, Any, T],
              on_done: Callable[[T], None] | None = None) -> asyncio.Task[T]:
        """Run ``coro`` as the task ``name``, cancelling an unfinished one of that name first."""
        previous = self._tasks.pop(name, None)
        if previous is not None and not previous.done():
            previous.cancel()
        task: asyncio.Task[T] = asyncio.ensure_future(coro)
        self._tasks[name] = task

        def done(finished: asyncio.Task[T]) -> None:
            if self._tasks.get(name) is finished:
                del self._tasks[name]
            if finished.cancelled():
                return
            error = finished.exception()
            if error is None:
                if on_done is not None:
                    on_done(finished.result())
                return
            if isinstance(error, AtelierError):
                log.warning("%s: %s failed: %s", type(self).__name__, name, error)
            else:
                log.error("%s: %s failed", type(self).__name__, name, exc_info=error)
            self.errors.append(error)

        task.add_done_callback(done)
        return task

    async def settle(self) -> None:
        """Wait until no task is running (tests, and shutdown paths that want the last state)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks.values()), return_exceptions=True)
