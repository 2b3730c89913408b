"""Shared test setup: offscreen Qt, an in-memory keychain, one qasync loop for UI tests, and the real
reference marketplace server on loopback."""

from __future__ import annotations

import os

# Must precede any Qt import: without a display Qt would abort.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ATELIER_NO_CRASH_DIALOG", "1")

import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest

from tests.support.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets a fresh in-memory keychain; none ever reaches the real one."""
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def _session_qasync_loop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=True)
    # already_running marks the loop as the thread's running loop for good; the per-test fixture below
    # sets and clears that, so plain pytest-asyncio tests that run later get a loop of their own.
    asyncio.events._set_running_loop(None)
    # Our own default executor, so its threads can be joined at the end (the loop is never closed).
    executor = qasync.QThreadExecutor(4)
    loop.set_default_executor(executor)
    yield loop
    executor.shutdown(wait=True)


@pytest.fixture
def qasync_loop(_session_qasync_loop: asyncio.AbstractEventLoop, qtbot: Any) -> Iterator[
        asyncio.AbstractEventLoop]:
    """The one qasync loop, running for this test; leftover tasks are cancelled afterwards.

    pytest-qt's waitUntil drives asyncio only while this loop counts as running, which is why it is created
    with already_running=True once per session and never stopped (stopping it quits the QApplication).
    """
    loop = _session_qasync_loop
    previous_hooks = sys.get_asyncgen_hooks()
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    sys.set_asyncgen_hooks(firstiter=loop._asyncgen_firstiter_hook,  # type: ignore[attr-defined]
                           finalizer=loop._asyncgen_finalizer_hook)  # type: ignore[attr-defined]
    try:
        yield loop
        leftovers = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in leftovers:
            task.cancel()
        if leftovers:
            qtbot.waitUntil(lambda: all(t.done() for t in leftovers), timeout=5000)
    finally:
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop(None)
        sys.set_asyncgen_hooks(*previous_hooks)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Any]:
    """A fresh reference marketplace on loopback (quiet: no simulator), for one test."""
    from desktop.sandbox.harness import SandboxServer

    server = SandboxServer(tmp_path / "marketplace.sqlite3", seed=7, jobs=300, simulate=False,
                           keepalive_interval=1.0).start()
    yield server
    server.stop()


@pytest.fixture
def upwork_sandbox(tmp_path: Path) -> Iterator[Any]:
    """A fresh Upwork-shaped marketplace on loopback (quiet: no simulator, no rate limit: the tests about
    the limit start their own), for one test."""
    from desktop.sandbox.upwork.harness import UpworkSandboxServer

    server = UpworkSandboxServer(tmp_path / "upwork.sqlite3", seed=7, simulate=False,
                                 rate_limit_per_second=0).start()
    yield server
    server.stop()
