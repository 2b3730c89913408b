"""Switching between marketplaces keeps each account's cache apart, and each opens from its own cache."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.sandbox.harness import SandboxServer
from tests.e2e.conftest import AppDriver


def test_two_marketplaces_keep_their_caches_apart(
        driver: AppDriver, sandbox: Any, tmp_path: Path, qtbot: Any) -> None:
    other = SandboxServer(tmp_path / "other.sqlite3", seed=11, jobs=120, simulate=False).start()
    try:
        driver.sign_in(sandbox.url)
        driver.start(server=sandbox.url)
        driver.wait_synced()
        first_jobs = driver.window.jobs.model.total
        assert first_jobs == sandbox.counts()["jobs"]
        driver.stop()

        driver.sign_in(other.url)  # the same e-mail, on another marketplace
        driver.start(server=other.url)
        assert driver.window.jobs.model.total == 0  # nothing of the first marketplace shows here
        driver.wait_synced()
        assert driver.window.jobs.model.total == other.counts()["jobs"] != first_jobs
        driver.stop()

        sandbox.stop()  # back to the first one, offline: its own cache, untouched by the second
        driver.sign_in_settings_only(sandbox.url)
        driver.start(server=sandbox.url)
        assert driver.window.jobs.model.total == first_jobs
    finally:
        other.close()
