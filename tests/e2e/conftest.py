"""End-to-end fixtures: the whole app (Application, the composition root of desktop/app.py) with its real
window, services, SQLite cache and keychain wrapper, against the real reference server on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from desktop.app import Application, Options
from desktop.core.models import ConnectionState
from desktop.credentials import CredentialStore
from desktop.paths import AppPaths
from desktop.services.session import Session
from desktop.settings import Settings

T = TypeVar("T")
DEMO = "demo@atelier.test"


def run(qtbot: Any, coro: Awaitable[T], timeout_ms: int = 20_000) -> T:
    """Run a coroutine on the qasync loop from a synchronous pytest-qt test."""
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=timeout_ms)
    return task.result()


class AppDriver:
    """Starts and stops Application instances on one base directory, like a user relaunching the app."""

    def __init__(self, qtbot: Any, basedir: Path) -> None:
        self.qtbot = qtbot
        self.basedir = basedir
        self.paths = AppPaths.under(basedir).ensure()
        self.app: Application | None = None
        self._task: asyncio.Task[int] | None = None

    def sign_in(self, server_url: str, account: str = DEMO) -> None:
        """What the sign-in screen leaves behind: settings naming the account, its tokens in the keychain."""
        Settings(server_url=server_url, account=account).save(self.paths.settings_file)
        session = Session(server_url, account, CredentialStore())
        run(self.qtbot, session.sign_in_with_password("demo"))

    def sign_in_settings_only(self, server_url: str, account: str = DEMO) -> None:
        """Settings naming an account whose tokens the keychain already holds (no server needed)."""
        Settings(server_url=server_url, account=account).save(self.paths.settings_file)

    def start(self, *, demo: bool = False, server: str | None = None,
              settings: Settings | None = None, demo_kind: str = "reference") -> Application:
        options = Options(demo=demo, server=server, basedir=self.basedir, self_test=False, log_level="INFO",
                          demo_kind=demo_kind)
        app = Application(options, self.paths, settings or Settings.load(self.paths.settings_file))
        self.app = app
        self._task = asyncio.ensure_future(app.run())
        self.qtbot.waitUntil(lambda: (app.window is not None and app.services is not None)
                             or (self._task is not None and self._task.done()), timeout=30_000)
        if self._task.done():
            self._task.result()  # surface the start-up error
        return app

    @property
    def services(self) -> Any:
        assert self.app is not None
        assert self.app.services is not None
        return self.app.services

    @property
    def window(self) -> Any:
        assert self.app is not None
        assert self.app.window is not None
        return self.app.window

    def state(self) -> ConnectionState:
        return self.services.sync.status.state  # type: ignore[no-any-return]

    def wait_synced(self, timeout_ms: int = 30_000) -> None:
        run(self.qtbot, self.services.sync.wait_until_synced(timeout_ms / 1000), timeout_ms + 1000)
        self.qtbot.waitUntil(lambda: self.state() is ConnectionState.ONLINE, timeout=timeout_ms)

    def pending_outbox(self) -> int:
        return run(self.qtbot, self.services.outbox.pending_count())  # type: ignore[no-any-return]

    def stop(self) -> None:
        """A clean quit, as when the user closes the window."""
        if self.app is None or self._task is None:
            return
        app, task = self.app, self._task
        app.request_quit()
        self.qtbot.waitUntil(task.done, timeout=20_000)
        run(self.qtbot, app.shutdown())
        if app.window is not None:
            app.window.close()
            app.window.deleteLater()
        self.app = None
        self._task = None


@pytest.fixture
def driver(qtbot: Any, qasync_loop: Any, tmp_path: Path) -> Iterator[AppDriver]:
    d = AppDriver(qtbot, tmp_path / "atelier")
    yield d
    d.stop()


class MarketplaceUser:
    """Another party on the marketplace (a client, or the freelancer on another device), over plain HTTP."""

    def __init__(self, server: Any, email: str) -> None:
        self.http = httpx.Client(base_url=server.url, timeout=10,
                                 headers={"Authorization": f"Bearer {server.token_for(email)}"})

    def get(self, path: str, **params: Any) -> Any:
        response = self.http.get(path, params=params)
        response.raise_for_status()
        return response.json()

    def all(self, path: str, **params: Any) -> list[Any]:
        items: list[Any] = []
        cursor = None
        while True:
            page = self.get(path, limit=500, **({"cursor": cursor} if cursor else {}), **params)
            items += page["items"]
            cursor = page["next_cursor"]
            if not cursor:
                return items

    def post_message(self, room_id: str, body: str) -> Any:
        response = self.http.post(f"/v1/rooms/{room_id}/messages", json={"body": body})
        response.raise_for_status()
        return response.json()

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def marketplace_user(sandbox: Any) -> Iterator[Callable[[str], MarketplaceUser]]:
    users: list[MarketplaceUser] = []

    def make(email: str) -> MarketplaceUser:
        users.append(MarketplaceUser(sandbox, email))
        return users[-1]

    yield make
    for user in users:
        user.close()


@pytest.fixture(params=["reference", "upwork"])
def peer(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """Each story once against the reference marketplace and once against the Upwork-shaped one."""
    from tests.e2e.peers import make_peer

    made = make_peer(request.param, tmp_path)
    yield made
    made.close()


def queue_messages_then_kill(driver: AppDriver, peer: Any) -> tuple[str, list[str]]:
    """Sign in, sync once, stop; then a helper process queues two messages in the app's outbox (the first
    already delivered to the marketplace) and dies by SIGKILL. Returns the room and what it held before."""
    import os
    import signal
    import subprocess
    import sys

    from tests.e2e.kill_with_queued_messages import BODIES

    peer.sign_in(driver.paths)
    driver.start(server=peer.url)
    driver.wait_synced(timeout_ms=60_000)
    driver.stop()
    room_id = peer.room_id()
    before = peer.bodies_in(room_id)
    env = dict(os.environ, ATELIER_TEST_TOKEN=peer.access_token())
    proc = subprocess.run(
        [sys.executable, "-m", "tests.e2e.kill_with_queued_messages", str(driver.basedir), peer.url,
         peer.account, room_id, peer.kind.value], cwd=Path(__file__).resolve().parents[2], env=env,
        capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert "QUEUED" in proc.stdout
    # The server already has the first one; the app's outbox still holds both.
    assert peer.bodies_in(room_id).count(BODIES[0]) == 1
    return room_id, before
