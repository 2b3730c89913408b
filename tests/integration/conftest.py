"""Integration fixtures: one signed-in account's services (real cache, real client) against the reference
server of the ``sandbox`` fixture."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from desktop.credentials import CredentialStore
from desktop.services.container import Services, build_services
from desktop.services.session import Session
from desktop.storage.db import Database

DEMO = "demo@atelier.test"


@pytest.fixture
async def services(sandbox: Any, tmp_path: Path) -> AsyncIterator[Services]:
    """The demo freelancer's services with the client's normal retries (not started)."""
    session = Session(sandbox.url, DEMO, CredentialStore.memory_only())
    await session.sign_in_with_password("demo")
    built = await build_services(Database.open(tmp_path / "cache.sqlite3"), session, account_label="test")
    yield built
    await built.aclose()

