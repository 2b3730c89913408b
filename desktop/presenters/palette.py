"""Ctrl+K: one palette that finds a pane, a command, a conversation, a job, a saved search or a proposal
as the user types, from the cache alone (so offline too). Qt-free: the widget shows the snapshot.

Matching is the search index's: each word typed is the start of a word of the item (case and accents
aside), through FTS5 for the jobs and the same rule in Python for the rest (a freelancer's rooms,
proposals and saved searches are few). Each kind is one group of at most ``PER_GROUP`` results; an empty
query lists what was chosen recently, newest first.
"""

from __future__ import annotations

import enum
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.highlight import matches, terms
from desktop.core.models import JobFilter, JobSort
from desktop.presenters.base import Bus, Presenter
from desktop.storage import jobs, proposals, rooms, saved_searches
from desktop.storage.db import Reader

PER_GROUP = 8
RECENT = 8


class Kind(enum.StrEnum):
    RECENT = "recent"  # a group only: what was chosen lately (each item keeps its own kind)
    PANE = "pane"
    COMMAND = "command"
    ROOM = "room"
    JOB = "job"
    SAVED_SEARCH = "saved_search"
    PROPOSAL = "proposal"


ORDER = (Kind.PANE, Kind.COMMAND, Kind.ROOM, Kind.JOB, Kind.SAVED_SEARCH, Kind.PROPOSAL)


@dataclass(frozen=True, slots=True)
class Item:
    kind: Kind
    target: str
    """What to open: a pane's name, a command's name, a room's, job's, search's or proposal's id."""
    title: str
    subtitle: str = ""


@dataclass(frozen=True, slots=True)
class Group:
    kind: Kind
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class PaletteSnapshot:
    query: str = ""
    groups: tuple[Group, ...] = ()

    def items(self) -> list[Item]:
        return [item for group in self.groups for item in group.items]




def search(conn: sqlite3.Connection, query: str) -> dict[Kind, list[Item]]:
    """The cached things ``query`` finds, per kind (at most PER_GROUP each)."""
    found: dict[Kind, list[Item]] = {}
    room_items = [Item(Kind.ROOM, r.id, r.counterpart_name, r.title) for r in rooms.list(conn)
                  if matches(query, r.counterpart_name, r.title)]
    found[Kind.ROOM] = room_items[:PER_GROUP]
    found[Kind.JOB] = [Item(Kind.JOB, j.id, j.title, j.client.name or j.category)
                       for j in jobs.page(conn, JobFilter(query=query, sort=JobSort.NEWEST), 0, PER_GROUP)]
    found[Kind.SAVED_SEARCH] = [Item(Kind.SAVED_SEARCH, s.id, s.name) for s in saved_searches.list(conn)
                                if matches(query, s.name)][:PER_GROUP]
    found[Kind.PROPOSAL] = [Item(Kind.PROPOSAL, p.id, p.job_title, p.client_name)
                            for p in proposals.list(conn) if matches(query, p.job_title, p.client_name)
                            ][:PER_GROUP]
    return found


class PalettePresenter(Presenter[PaletteSnapshot]):
    """``static`` holds the panes and commands, in the interface's language (the widget words them)."""

    def __init__(self, bus: Bus, db: Reader, static: Sequence[Item]) -> None:
        super().__init__(bus, PaletteSnapshot())
        self._db = db
        self._static = list(static)
        self.recent: list[Item] = []

    def type(self, query: str) -> None:
        """The user typed: answer off the UI thread; a newer query replaces an older one still running."""
        text = query.strip()
        if not terms(text):
            self.publish(PaletteSnapshot(query, self._recent_first()))
            return
        self.spawn("search", self._db.read(lambda c: search(c, text)),
                   on_done=lambda found: self.publish(PaletteSnapshot(query, self._grouped(text, found))))

    def chose(self, item: Item) -> None:
        """Remember it: an empty palette offers the last choices first."""
        self.recent = [item, *(i for i in self.recent if (i.kind, i.target) != (item.kind, item.target))]
        del self.recent[RECENT:]

    def _recent_first(self) -> tuple[Group, ...]:
        panes = Group(Kind.PANE, tuple(i for i in self._static if i.kind is Kind.PANE))
        return (Group(Kind.RECENT, tuple(self.recent)), panes) if self.recent else (panes,)

    def _grouped(self, query: str, found: dict[Kind, list[Item]]) -> tuple[Group, ...]:
        for item in self._static:
            if matches(query, item.title, item.subtitle):
                found.setdefault(item.kind, []).append(item)
        return tuple(Group(kind, tuple(found[kind][:PER_GROUP])) for kind in ORDER if found.get(kind))
