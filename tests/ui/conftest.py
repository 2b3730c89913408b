"""UI test fixtures: a real Database in tmp_path filled through the storage repositories, stand-in actions,
and the session's qasync loop (from tests/conftest.py) made current for every UI test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ATELIER_NO_CRASH_DIALOG", "1")

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from desktop.core.models import SyncStatus
from desktop.storage.db import Database
from tests.ui import builders
from tests.ui.fakes import FakeServices, make_services


@pytest.fixture(autouse=True)
def _ui_loop(qasync_loop: asyncio.AbstractEventLoop) -> asyncio.AbstractEventLoop:
    return qasync_loop


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "cache.sqlite3")
    yield database
    database.close_now()


@pytest.fixture
def world() -> builders.World:
    return builders.world()


@pytest.fixture
def filled_db(db: Database, world: builders.World) -> Database:
    db.write_now(lambda c: builders.write_world(c, world, builders.filler_jobs(250, world.now)))
    return db


@pytest.fixture
def services(filled_db: Database) -> FakeServices:
    return make_services(filled_db, builders.ME_ID, builders.ME_NAME)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot: Any, settings: QSettings) -> Callable[..., Any]:
    from desktop.ui.main_window import MainWindow

    def make(services: FakeServices, status: SyncStatus | None = None, **kw: Any) -> MainWindow:
        if status is not None:
            services.sync.status = status
        window = MainWindow(services, kw.pop("settings", settings), **kw)
        qtbot.addWidget(window)
        return window

    return make


@pytest.fixture
def english(qapp: Any) -> Iterator[None]:
    """The English catalog, as the app installs it: its plural forms ("1 job", "2 jobs")."""
    from desktop.ui import i18n

    translations = i18n.install(qapp, "en")
    yield
    translations.remove()
