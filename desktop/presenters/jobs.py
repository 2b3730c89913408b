"""The Jobs pane's state, Qt-free: the search on screen, its first rows and total, the categories, which
jobs have a proposal, and the saved searches with their new-job counts (the one on screen counting none).

The widget turns its search box and filters into a ``JobFilter`` and calls :meth:`JobsPresenter.search`;
the presenter adds what a saved search filters on without a widget (budget range, competition, age), reads
off the UI thread, and publishes a ``JobsSnapshot``. Live changes (new jobs, proposals, saved searches)
arrive as bus events and re-read what they touch; a fresh search's rows replace the list, a reload keeps
the user's place (``search_id`` tells the two apart), and :meth:`more` appends the next page.
"""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from desktop.core.match import Match, match
from desktop.core.models import Freelancer, Job, JobFilter, JobSort, SavedSearch
from desktop.presenters.base import Bus, Presenter
from desktop.services.events import (
    Event,
    JobMarksChanged,
    JobsChanged,
    ProfileChanged,
    ProposalsChanged,
    SavedSearchesChanged,
)
from desktop.storage import jobs, profile, proposals
from desktop.storage.db import Reader

T = TypeVar("T")

PAGE_SIZE = 100
RELOAD_CAP = 1000
"""A reload after new jobs keeps at most this many of the rows the user has scrolled through."""
SAVED_RECOUNT_AFTER = 2.0
"""Seconds between two recounts of the saved searches' new jobs while a sync brings jobs in."""


class SavedSearches(Protocol):
    """What the pane asks of services.saved_searches.SavedSearchService."""

    async def list_with_new_counts(self) -> list[tuple[SavedSearch, int]]: ...

    async def save(self, name: str, job_filter: JobFilter) -> SavedSearch: ...

    async def delete(self, search_id: str) -> None: ...

    async def set_notify(self, search_id: str, on: bool) -> None: ...

    async def mark_seen(self, search_id: str) -> None: ...


class JobMarks(Protocol):
    """What the pane asks of services.job_marks.JobMarksService."""

    async def hide(self, job_id: str) -> None: ...

    async def show(self, job_id: str) -> None: ...

    async def save(self, job_id: str, saved: bool) -> None: ...


class View(enum.StrEnum):
    FEED = "feed"
    """The cached feed, searched and filtered."""
    SAVED = "saved"
    """The jobs the user saved, the latest saved first."""


class NowReader(Reader, Protocol):
    """A reader that can also read at once, on the calling thread (the first frame only)."""

    def read_now(self, fn: Callable[[sqlite3.Connection], T]) -> T: ...


@dataclass(frozen=True, slots=True)
class JobsSnapshot:
    filter: JobFilter = field(default_factory=JobFilter)
    """The search the rows answer, hidden saved-search fields included."""
    rows: tuple[Job, ...] = ()
    """The rows read so far, in order (the first page, then each page :meth:`JobsPresenter.more` added)."""
    total: int = 0
    """How many jobs the search matches in the cache."""
    search_id: int = 0
    """Changes with each new search: the list starts from its top. Equal: the same search re-read."""
    categories: tuple[str, ...] = ()
    applied: frozenset[str] = frozenset()
    """The jobs the user already sent a proposal to."""
    saved: tuple[tuple[SavedSearch, int], ...] = ()
    """The saved searches and how many jobs are new in each since it was last opened."""
    active_saved: SavedSearch | None = None
    """The saved search on screen (None: the user's own search)."""
    saved_loaded: bool = False
    scores: dict[str, int] = field(default_factory=dict)
    """Each listed job's Best match score (core/match.py), as the cache stored it."""
    me: Freelancer | None = None
    """The signed-in freelancer (None until the first sync brings the profile): the scores' reasons."""
    saved_jobs: frozenset[str] = frozenset()
    """The jobs the user saved here."""
    hidden_count: int = 0
    """How many jobs the user hid (they are in no list)."""
    last_hidden: Job | None = None
    """The job hidden last, while its "Undo" is offered."""
    view: View = View.FEED

    def match_of(self, job: Job) -> Match | None:
        """Why ``job`` scores what it does (None while the profile is unknown)."""
        return None if self.me is None else match(job, self.me)

    @property
    def new_in_saved(self) -> int:
        return sum(n for _s, n in self.saved)

    @property
    def already_saved(self) -> bool:
        """The search on screen is one of the saved searches (its sort order aside)."""
        shown = dataclasses.replace(self.filter, sort=JobSort.NEWEST)
        return any(s.filter == shown for s, _n in self.saved)

    @property
    def can_save(self) -> bool:
        return self.filter.narrows and not self.already_saved


class JobsPresenter(Presenter[JobsSnapshot]):
    def __init__(self, db: NowReader, bus: Bus, saved: SavedSearches | None = None,
                 marks: JobMarks | None = None) -> None:
        super().__init__(bus, JobsSnapshot())
        self._db = db
        self._saved = saved
        self._marks = marks
        self._recount: asyncio.TimerHandle | None = None
        self._next_search_id = 0
        self._wanted = JobFilter()
        """The search asked for last (what a search still running will show)."""

    @property
    def offers_saved_searches(self) -> bool:
        return self._saved is not None

    @property
    def offers_marks(self) -> bool:
        return self._marks is not None

    # -- reading -----------------------------------------------------------------------------------------
    def load_now(self) -> None:
        """The cached feed, its categories and the applied jobs in one small read on this thread, for a
        whole first frame (the window is not on screen yet; one indexed page costs less than a frame
        showing an empty feed). The presenter's only synchronous read."""
        f = JobFilter()

        def read(c: sqlite3.Connection) -> tuple[Rows, list[str], set[str], Marks]:
            return _rows(c, f, PAGE_SIZE), jobs.categories(c), proposals.applied_job_ids(c), _marks(c)

        (rows, total, scores), categories, applied, (me, saved, hidden) = self._db.read_now(read)
        self.publish(dataclasses.replace(
            self.snapshot, filter=f, rows=rows, total=max(total, len(rows)), scores=scores,
            categories=tuple(categories), applied=frozenset(applied), me=me, saved_jobs=saved,
            hidden_count=hidden))

    def start(self) -> None:
        super().start()
        if self._saved is not None:
            self.reload_saved()

    def on_event(self, event: Event) -> None:
        if isinstance(event, JobsChanged):
            if self._running("search"):  # it may have read before these jobs came: read it again
                self.spawn("search", self._read(self._wanted, fresh=True, with_categories=True))
            else:
                self.spawn("reload", self._read(self.snapshot.filter, fresh=False, with_categories=True))
            if self._saved is not None and self.snapshot.saved and self._recount is None:
                # New jobs may be new in a saved search: counted again at most every SAVED_RECOUNT_AFTER.
                self._recount = asyncio.get_running_loop().call_later(SAVED_RECOUNT_AFTER, self._recount_now)
        elif isinstance(event, ProposalsChanged):
            self.spawn("applied", self._read_applied())
        elif isinstance(event, SavedSearchesChanged):
            self.reload_saved()
        elif isinstance(event, JobMarksChanged | ProfileChanged):
            # hidden or saved jobs, or new scores (the profile's skills or rate): the list and the marks
            self._reread()

    def search(self, shown: JobFilter) -> None:
        """Show the jobs matching what the search box and filters say (with the saved search's hidden
        fields while one is on screen)."""
        active = self.snapshot.active_saved
        if active is not None:
            hidden = active.filter
            shown = dataclasses.replace(
                shown, min_budget=hidden.min_budget, max_budget=hidden.max_budget,
                max_proposals=hidden.max_proposals, posted_within_hours=hidden.posted_within_hours)
        self._wanted = shown
        if self.snapshot.view is View.SAVED:
            self.publish(dataclasses.replace(self.snapshot, view=View.FEED))
        self.spawn("search", self._read(shown, fresh=True))
        # "reload" would answer the previous search after this one: it gives way.
        self._cancel("reload")

    def more(self) -> None:
        """The next page of the search on screen (the list was scrolled to its end)."""
        s = self.snapshot
        if s.view is View.SAVED or len(s.rows) >= s.total or self._running("more") or self._running("search"):
            return
        self.spawn("more", self._read_more(s.filter, s.search_id, len(s.rows)))

    async def job(self, job_id: str) -> Job | None:
        """One job from the cache, whether or not the search on screen holds it."""
        for row in self.snapshot.rows:
            if row.id == job_id:
                return row
        return await self._db.read(lambda c: jobs.get(c, job_id))

    async def _read(self, f: JobFilter, *, fresh: bool, with_categories: bool = False) -> None:
        limit = PAGE_SIZE if fresh else max(PAGE_SIZE, min(len(self.snapshot.rows), RELOAD_CAP))

        def read(c: sqlite3.Connection) -> tuple[Rows, list[str] | None, Marks]:
            return _rows(c, f, limit), jobs.categories(c) if with_categories else None, _marks(c)

        (rows, total, scores), categories, (me, saved, hidden) = await self._db.read(read)
        s = self.snapshot
        if not fresh and (s.filter != f or s.view is not View.FEED):
            return  # a newer search (or the saved jobs) was shown meanwhile
        search_id = s.search_id
        if fresh:
            self._next_search_id += 1
            search_id = self._next_search_id
        self.publish(dataclasses.replace(
            s, filter=f, rows=rows, total=max(total, len(rows)), scores=scores, search_id=search_id,
            categories=tuple(categories) if categories is not None else s.categories, me=me,
            saved_jobs=saved, hidden_count=hidden, view=View.FEED))

    async def _read_saved_jobs(self, fresh: bool) -> None:
        def read(c: sqlite3.Connection) -> tuple[tuple[Job, ...], dict[str, int], Marks]:
            listed = tuple(jobs.saved_jobs(c))
            return listed, jobs.scores(c, [j.id for j in listed]), _marks(c)

        rows, scores, (me, saved, hidden) = await self._db.read(read)
        if self.snapshot.view is not View.SAVED:
            return
        search_id = self.snapshot.search_id
        if fresh:
            self._next_search_id += 1
            search_id = self._next_search_id
        self.publish(dataclasses.replace(self.snapshot, rows=rows, total=len(rows), scores=scores,
                                         search_id=search_id, me=me, saved_jobs=saved, hidden_count=hidden))

    def _reread(self) -> None:
        if self.snapshot.view is View.SAVED:
            self.spawn("reload", self._read_saved_jobs(fresh=False))
        else:
            self.spawn("reload", self._read(self.snapshot.filter, fresh=False))

    # -- the saved jobs, hiding ----------------------------------------------------------------------------
    def show_saved_jobs(self, on: bool) -> None:
        """The saved jobs instead of the feed (or the feed again, as it was searched)."""
        if on == (self.snapshot.view is View.SAVED):
            return
        if on:
            self.publish(dataclasses.replace(self.snapshot, view=View.SAVED))
            self.spawn("search", self._read_saved_jobs(fresh=True))
        else:
            self.publish(dataclasses.replace(self.snapshot, view=View.FEED))
            self.spawn("search", self._read(self._wanted, fresh=True))

    def hide(self, job: Job) -> None:
        """Out of every list and count; "Undo" (:meth:`undo_hide`) brings it back."""
        if self._marks is not None:
            self.publish(dataclasses.replace(self.snapshot, last_hidden=job))
            self.spawn(f"hide:{job.id}", self._marks.hide(job.id))

    def undo_hide(self) -> None:
        job = self.snapshot.last_hidden
        if job is not None and self._marks is not None:
            self.publish(dataclasses.replace(self.snapshot, last_hidden=None))
            self.spawn(f"hide:{job.id}", self._marks.show(job.id))

    def forget_undo(self) -> None:
        """The "Undo" offer ran out."""
        if self.snapshot.last_hidden is not None:
            self.publish(dataclasses.replace(self.snapshot, last_hidden=None))

    def show_all_hidden(self) -> None:
        """Every hidden job back in the lists."""
        if self._marks is not None:
            self.spawn("unhide-all", self._show_all_hidden())

    async def _show_all_hidden(self) -> None:
        assert self._marks is not None
        for job_id in await self._db.read(jobs.hidden_ids):
            await self._marks.show(job_id)

    def save_job(self, job_id: str, saved: bool) -> None:
        if self._marks is not None:
            self.spawn(f"save:{job_id}", self._marks.save(job_id, saved))

    async def _read_more(self, f: JobFilter, search_id: int, offset: int) -> None:
        def read(c: sqlite3.Connection) -> tuple[list[Job], dict[str, int]]:
            found = jobs.page(c, f, offset, PAGE_SIZE)
            return found, jobs.scores(c, [j.id for j in found])

        page, scores = await self._db.read(read)  # one trip to the reader thread per page
        s = self.snapshot
        if s.search_id != search_id or len(s.rows) != offset:
            return  # another search, or a reload, came first: its rows stand
        if not page:
            self.publish(dataclasses.replace(s, total=len(s.rows)))  # the table shrank under us
            return
        known = {job.id for job in s.rows}
        fresh = tuple(job for job in page if job.id not in known)
        rows = s.rows + fresh
        self.publish(dataclasses.replace(s, rows=rows, total=max(s.total, len(rows)),
                                         scores={**s.scores, **scores}))

    async def _read_applied(self) -> None:
        applied = await self._db.read(proposals.applied_job_ids)
        self.publish(dataclasses.replace(self.snapshot, applied=frozenset(applied)))

    def refresh_applied(self) -> None:
        """Re-read which jobs have a proposal (one the marketplace refused no longer counts)."""
        self.spawn("applied", self._read_applied())

    # -- saved searches ----------------------------------------------------------------------------------
    def reload_saved(self) -> None:
        if self._saved is not None:
            self.spawn("saved", self._read_saved())

    def _recount_now(self) -> None:
        self._recount = None
        self.reload_saved()

    async def _read_saved(self) -> None:
        assert self._saved is not None
        items = await self._saved.list_with_new_counts()
        active = self.snapshot.active_saved
        if active is not None:
            # Deleted here or on another device: back to the plain feed (same jobs, as a plain search).
            active = next((s for s, _n in items if s.id == active.id), None)
        # The search on screen shows its jobs already: no count on it.
        counted = tuple((s, 0 if active is not None and s.id == active.id else n) for s, n in items)
        self.publish(dataclasses.replace(self.snapshot, saved=counted, active_saved=active,
                                         saved_loaded=True))

    def apply_saved(self, search: SavedSearch, shown: JobFilter) -> None:
        """Put a saved search on screen; ``shown`` is what the widgets now say (its words and filters).
        Both the saved search left and the one opened count as seen."""
        previous = self.snapshot.active_saved
        counted = tuple((s, 0 if s.id == search.id else n) for s, n in self.snapshot.saved)
        self.publish(dataclasses.replace(self.snapshot, active_saved=search, saved=counted))
        self.search(shown)
        for seen in {s.id for s in (previous, search) if s is not None}:
            self._mark_seen(seen)

    def leave_saved(self, shown: JobFilter) -> None:
        """The user edited the search: it is their own again, without the saved search's hidden fields."""
        left = self.snapshot.active_saved
        if left is None:
            return
        self.publish(dataclasses.replace(self.snapshot, active_saved=None))
        self._mark_seen(left.id)
        self.search(shown)

    def _mark_seen(self, search_id: str) -> None:
        if self._saved is not None:
            self.spawn(f"seen:{search_id}", self._saved.mark_seen(search_id))

    async def save_search(self, name: str) -> SavedSearch:
        """Save the search on screen under ``name`` and make it the one on screen. Raises the service's
        ``SavedSearchRejected`` (a ValueError) with what to change."""
        assert self._saved is not None
        search = await self._saved.save(name, self.snapshot.filter)
        await self._read_saved()
        self.publish(dataclasses.replace(self.snapshot, active_saved=search))
        return search

    def delete_saved(self, search_id: str) -> None:
        if self._saved is None:
            return
        active = self.snapshot.active_saved
        if active is not None and active.id == search_id:
            # The feed keeps showing the same jobs, as a plain search.
            self.publish(dataclasses.replace(self.snapshot, active_saved=None))
        self.spawn(f"delete:{search_id}", self._saved.delete(search_id))

    def set_notify(self, search_id: str, on: bool) -> None:
        if self._saved is not None:
            self.spawn(f"notify:{search_id}", self._saved.set_notify(search_id, on))

    # -- life --------------------------------------------------------------------------------------------
    def close_now(self) -> None:
        if self._recount is not None:
            self._recount.cancel()
            self._recount = None
        super().close_now()

    async def aclose(self) -> None:
        if self._recount is not None:
            self._recount.cancel()
            self._recount = None
        await super().aclose()

    def _running(self, name: str) -> bool:
        task = self._tasks.get(name)
        return task is not None and not task.done()

    def _cancel(self, name: str) -> None:
        task = self._tasks.pop(name, None)
        if task is not None:
            task.cancel()


Rows = tuple[tuple[Job, ...], int, dict[str, int]]
Marks = tuple[Freelancer | None, frozenset[str], int]


def _rows(c: sqlite3.Connection, f: JobFilter, limit: int) -> Rows:
    """The first ``limit`` rows of ``f``, how many it matches, and the rows' scores (a reader thread)."""
    rows = _unique(jobs.page(c, f, 0, limit))
    return rows, jobs.count(c, f), jobs.scores(c, [j.id for j in rows])


def _marks(c: sqlite3.Connection) -> Marks:
    return profile.get(c), frozenset(jobs.saved_ids(c)), jobs.hidden_count(c)


def _unique(rows: list[Job]) -> tuple[Job, ...]:
    seen: set[str] = set()
    unique: list[Job] = []
    for job in rows:
        if job.id not in seen:
            seen.add(job.id)
            unique.append(job)
    return tuple(unique)
