"""Named asyncio tasks for the UI, kept alive with strong references.

``run("search", coro)`` cancels the previous "search" task first (search-as-you-type); failures are logged and
reported through the ``failed`` signal so a pane can show them inline. Never ``dialog.exec()`` inside one of
these coroutines: open dialogs with ``open()``/``show()`` from slots instead.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from desktop.core.errors import AtelierError
from desktop.ui.notices import error_text

log = logging.getLogger("atelier.ui.tasks")

T = TypeVar("T")


class TaskRunner(QObject):
    """Owns the UI's background coroutines.

    Signals:
        failed(name, message): a task raised; ``message`` is user-presentable for ``AtelierError``.
        finished(name): a task completed without error (not emitted for cancelled tasks).
    """

    failed = Signal(str, str)
    finished = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: dict[str, set[asyncio.Task[Any]]] = {}

    def run(
        self,
        name: str,
        coro: Coroutine[Any, Any, T],
        cancel_previous: bool = True,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> asyncio.Task[T]:
        """Schedule ``coro`` as the task called ``name``.

        ``on_done(result)`` runs on success; ``on_error(exc)`` runs on failure (in addition to ``failed``).
        """
        if cancel_previous:
            self.cancel(name)
        task: asyncio.Task[T] = asyncio.ensure_future(coro)
        self._tasks.setdefault(name, set()).add(task)
        task.add_done_callback(lambda t: self._done(name, t, on_done, on_error))
        return task

    def _done(
        self,
        name: str,
        task: asyncio.Task[T],
        on_done: Callable[[T], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        bucket = self._tasks.get(name)
        if bucket is not None:
            bucket.discard(task)
            if not bucket:
                del self._tasks[name]
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            if isinstance(exc, AtelierError):
                log.warning("task %s failed: %s", name, exc.message)
            else:
                log.error("task %s crashed", name, exc_info=exc)
            message = error_text(exc)  # in the interface language
            if on_error is not None:
                try:
                    on_error(exc)
                except Exception:
                    log.exception("error callback of task %s failed", name)
            self.failed.emit(name, message)
            return
        if on_done is not None:
            try:
                on_done(task.result())
            except Exception:
                log.exception("completion callback of task %s failed", name)
                self.failed.emit(name, "internal error")
                return
        self.finished.emit(name)

    def cancel(self, name: str) -> None:
        for task in list(self._tasks.get(name, ())):
            task.cancel()

    def running(self, name: str) -> bool:
        return any(not t.done() for t in self._tasks.get(name, ()))

    def names(self) -> list[str]:
        return sorted(self._tasks)

    async def cancel_all(self) -> None:
        """Cancel every task and wait until they have unwound (for shutdown)."""
        tasks = [t for bucket in self._tasks.values() for t in bucket]
        for t in tasks:
            t.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()

    def cancel_all_now(self) -> None:
        """Cancel every task without waiting (from a synchronous close handler)."""
        for bucket in self._tasks.values():
            for t in bucket:
                t.cancel()
