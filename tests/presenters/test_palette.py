"""Ctrl+K's search, on a real cache: grouped by kind, as the search index matches (word starts, case and
accents aside), panes and commands in the interface's words, recent choices first when nothing is typed."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.models import Job, JobFilter
from desktop.presenters.palette import PER_GROUP, Item, Kind, PalettePresenter
from desktop.services.events import EventBus
from desktop.storage import jobs, proposals, rooms, saved_searches
from desktop.storage.db import Database
from tests.unit.storage.factories import BASE_TIME, make_job, make_proposal, make_room

STATIC = [Item(Kind.PANE, "jobs", "Jobs"), Item(Kind.PANE, "messages", "Messages"),
          Item(Kind.COMMAND, "sync", "Sync now"), Item(Kind.COMMAND, "settings", "Settings…")]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "cache.sqlite3")

    def job(i: int, title: str) -> Job:
        return make_job(i, title=title, description="A plain description.", skills=("Writing",))

    def fill(c: sqlite3.Connection) -> None:
        jobs.upsert_many(c, [*(job(i, f"Kubernetes operator {i}") for i in range(12)),
                             job(900, "Rédaction de résumé pour une startup")])
        rooms.upsert_many(c, [make_room(1, counterpart_name="Élodie Martin", title="Logo for a bakery"),
                              make_room(2, counterpart_name="Sam Lee", title="Résumé rewrite")])
        proposals.upsert_many(c, [make_proposal(3, job_title="Résumé rewrite for a nurse")])
        saved_searches.insert_local(c, "Résumés, fixed price", JobFilter(query="resume"), "k1", BASE_TIME)

    database.write_now(fill)
    yield database
    database.close_now()


async def _typed(presenter: PalettePresenter, text: str) -> dict[Kind, list[str]]:
    presenter.type(text)
    await presenter.settle()
    return {g.kind: [i.title for i in g.items] for g in presenter.snapshot.groups}


async def test_one_query_finds_every_kind_whatever_the_accents(db: Database) -> None:
    presenter = PalettePresenter(EventBus(), db, STATIC)
    found = await _typed(presenter, "resume")
    assert found[Kind.JOB] == ["Rédaction de résumé pour une startup"]
    assert found[Kind.ROOM] == ["Sam Lee"]  # its conversation is about a "Résumé rewrite"
    assert found[Kind.PROPOSAL] == ["Résumé rewrite for a nurse"]
    assert found[Kind.SAVED_SEARCH] == ["Résumés, fixed price"]
    assert Kind.PANE not in found
    assert Kind.COMMAND not in found
    assert list(found) == [Kind.ROOM, Kind.JOB, Kind.SAVED_SEARCH, Kind.PROPOSAL]  # the groups' order
    assert (await _typed(presenter, "elo"))[Kind.ROOM] == ["Élodie Martin"]


async def test_panes_and_commands_by_their_words(db: Database) -> None:
    presenter = PalettePresenter(EventBus(), db, STATIC)
    assert (await _typed(presenter, "sett")) == {Kind.COMMAND: ["Settings…"]}
    assert (await _typed(presenter, "mess"))[Kind.PANE] == ["Messages"]


async def test_a_group_holds_at_most_a_handful(db: Database) -> None:
    presenter = PalettePresenter(EventBus(), db, STATIC)
    found = await _typed(presenter, "kube")
    assert len(found[Kind.JOB]) == PER_GROUP


async def test_nothing_typed_offers_the_last_choices_then_the_panes(db: Database) -> None:
    presenter = PalettePresenter(EventBus(), db, STATIC)
    assert [g.kind for g in presenter.snapshot.groups] == []
    presenter.type("")
    assert [g.kind for g in presenter.snapshot.groups] == [Kind.PANE]
    room = Item(Kind.ROOM, "room-0002", "Sam Lee")
    job = Item(Kind.JOB, "job-000900", "Rédaction de résumé pour une startup")
    presenter.chose(room)
    presenter.chose(job)
    presenter.chose(room)
    presenter.type("")
    recent, panes = presenter.snapshot.groups
    assert recent.kind is Kind.RECENT
    assert recent.items == (room, job)
    assert panes.kind is Kind.PANE


async def test_the_last_query_typed_wins(db: Database) -> None:
    presenter = PalettePresenter(EventBus(), db, STATIC)
    presenter.type("resume")
    presenter.type("elodie")
    await presenter.settle()
    assert presenter.snapshot.query == "elodie"
    assert [i.title for i in presenter.snapshot.items()] == ["Élodie Martin"]
