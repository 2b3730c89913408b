"""The demo marketplace behind ``--demo`` (and the welcome screen's "Try the demo"): an embedded reference
server, or the Upwork-shaped simulator, started on a free loopback port and kept for the rest of the run.

Qt-free. The demo account signs in without the browser: its password is public, and its tokens stay in
memory (the server gets a new port every run, so the OS keychain would only collect stale entries).
"""

from __future__ import annotations

import asyncio
import logging
import socket
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.clock import utcnow
from desktop.credentials import CredentialStore
from desktop.paths import AppPaths
from desktop.services.marketplaces import AppKey, MarketplaceKind, UpworkGrants
from desktop.services.session import Session
from desktop.settings import Settings

if TYPE_CHECKING:
    from desktop.api.auth import TokenSet
    from desktop.sandbox.harness import SandboxServer
    from desktop.sandbox.upwork.harness import UpworkSandboxServer

log = logging.getLogger("atelier.app")

DEMO_ACCOUNT = "demo@atelier.test"
DEMO_PASSWORD = "demo"  # the embedded demo marketplace's public demo account, not a secret


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _demo_tokens(issued: dict[str, Any]) -> TokenSet:
    """A token pair the embedded Upwork-shaped demo handed out without the browser."""
    from desktop.api.auth import TokenSet

    now = utcnow()
    return TokenSet(str(issued["access_token"]), str(issued["refresh_token"]),
                    now + timedelta(seconds=float(issued.get("expires_in", 86400))), "Bearer", now)


class DemoMarketplace:
    """One run's demo marketplace: which kind, its port (chosen once, reused when the demo is opened again),
    its server's lifetime, and the demo account's session and cache."""

    def __init__(self, kind: MarketplaceKind, paths: AppPaths, settings: Settings, *, label: str,
                 chosen_at_start: bool, self_test: bool = False) -> None:
        self.kind = kind
        self.label = label
        """The account's name in the window ("Demo marketplace", "Upwork demo"), already translated."""
        self.paths = paths
        self.settings = settings
        self.chosen_at_start = chosen_at_start
        """``--demo`` (or ``--self-test``): the run opens the demo instead of an account."""
        self.self_test = self_test
        self.server: SandboxServer | UpworkSandboxServer | None = None
        self._port: int | None = None

    @property
    def port(self) -> int:
        if self._port is None:
            self._port = free_port()
        return self._port

    @property
    def account(self) -> str:
        if self.kind is MarketplaceKind.UPWORK:
            from desktop.sandbox.upwork import DEMO_EMAIL

            return DEMO_EMAIL
        return DEMO_ACCOUNT

    @property
    def db_path(self) -> Path:
        folder = "demo-upwork" if self.kind is MarketplaceKind.UPWORK else "demo"
        return self.paths.data / "accounts" / folder / "cache.sqlite3"

    def session(self) -> Session:
        """The demo account on this run's port, its tokens in memory only."""
        url = f"http://127.0.0.1:{self.port}"
        if self.kind is MarketplaceKind.UPWORK:
            from desktop.sandbox.upwork import CLIENT_ID, CLIENT_SECRET, DEMO_EMAIL

            return Session(url, DEMO_EMAIL, CredentialStore.memory_only(),
                           grants=UpworkGrants(url, AppKey(CLIENT_ID, CLIENT_SECRET)))
        return Session(url, DEMO_ACCOUNT, CredentialStore.memory_only())

    def owns(self, session: Session) -> bool:
        """Whether the session is the demo account (its cache is the demo's, it is never remembered)."""
        demo_url = self.server.url if self.server is not None else None
        return session.account == self.account and (self.chosen_at_start or session.server_url == demo_url)

    async def start(self, session: Session) -> None:
        """Start the server (once per run) off the UI thread, then sign the demo account in."""
        if self.server is None:
            simulate = self.settings.demo_simulate and not self.self_test
            if self.kind is MarketplaceKind.UPWORK:
                from desktop.sandbox.upwork.harness import UpworkSandboxServer

                self.server = UpworkSandboxServer(
                    self.paths.data / "demo-upwork.sqlite3", seed=self.settings.demo_seed,
                    simulate=simulate, sim_interval=self.settings.demo_sim_interval, port=self.port)
            else:
                from desktop.sandbox.harness import SandboxServer

                self.server = SandboxServer(
                    self.paths.data / "demo-marketplace.sqlite3", seed=self.settings.demo_seed,
                    simulate=simulate, sim_interval=self.settings.demo_sim_interval,
                    pace=self.settings.demo_pace, port=self.port)
        if not self.server.running:
            await asyncio.get_running_loop().run_in_executor(None, self.server.start)
            log.info("demo marketplace listening on %s", self.server.url)
        await self.sign_in(session)

    async def sign_in(self, session: Session) -> None:
        """The demo account signs in without the browser (its password is public)."""
        if self.kind is MarketplaceKind.UPWORK:
            from desktop.sandbox.upwork.harness import UpworkSandboxServer

            assert isinstance(self.server, UpworkSandboxServer)
            session.adopt(_demo_tokens(self.server.issue_tokens()))
        else:
            await session.sign_in_with_password(DEMO_PASSWORD)

    async def stop(self) -> None:
        if self.server is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.server.stop)
