"""What the user does to a job on this computer: hide it (gone from the feed and the saved-search counts,
undone by showing it again) or save it (the "Saved jobs" list). Local only, so it works offline and needs
nothing of the marketplace; a job fetched again keeps its mark (storage.jobs, ``job_marks``)."""

from __future__ import annotations

from desktop.core.clock import utcnow
from desktop.services.events import EventBus, JobMarksChanged, SavedSearchesChanged
from desktop.storage import jobs
from desktop.storage.db import Database


class JobMarksService:
    def __init__(self, db: Database, bus: EventBus) -> None:
        self._db = db
        self._bus = bus

    async def hide(self, job_id: str) -> None:
        await self._set_hidden(job_id, True)

    async def show(self, job_id: str) -> None:
        """Undo :meth:`hide`."""
        await self._set_hidden(job_id, False)

    async def save(self, job_id: str, saved: bool) -> None:
        now = utcnow()
        await self._db.write(lambda c: jobs.set_saved(c, job_id, saved, now))
        self._bus.emit(JobMarksChanged(frozenset({job_id})))

    async def _set_hidden(self, job_id: str, hidden: bool) -> None:
        now = utcnow()
        await self._db.write(lambda c: jobs.set_hidden(c, job_id, hidden, now))
        self._bus.emit(JobMarksChanged(frozenset({job_id})))
        self._bus.emit(SavedSearchesChanged())  # their counts of new jobs leave hidden ones out
