"""SandboxServer: the sandbox on a loopback port in a background thread (tests and the app's --demo).

    with SandboxServer(seed=7, jobs=2000) as server:
        token = server.token_for("demo@atelier.test")
        httpx.get(f"{server.url}/v1/me", headers={"Authorization": f"Bearer {token}"})

stop() is quick even with open SSE streams (they are told to finish first) and start() afterwards serves the
same database on the same port.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import tempfile
import threading
import time
import weakref
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

import uvicorn

from .app import create_app
from .config import DEFAULT_PACE, DEFAULT_SIM_INTERVAL, SandboxConfig
from .events import EventHub
from .faults import FaultController
from .seed import DEMO_EMAIL, seed_database
from .simulator import Simulator
from .store import Store

STARTUP_TIMEOUT = 15.0
STOP_TIMEOUT = 5.0


class SandboxUvicornServer(uvicorn.Server):
    """uvicorn.Server that ends the app's SSE streams as soon as an exit is requested (also on Ctrl+C)."""

    def __init__(self, config: uvicorn.Config, hub: EventHub, faults: FaultController) -> None:
        super().__init__(config)
        self._hub = hub
        self._faults = faults

    def request_exit(self) -> None:
        self._hub.begin_shutdown()
        self._faults.begin_shutdown()
        self.should_exit = True

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self._hub.begin_shutdown()
        self._faults.begin_shutdown()
        super().handle_exit(sig, frame)


def build_uvicorn_server(
    app_store: Store,
    config: SandboxConfig,
    host: str,
    port: int,
    faults: FaultController,
    simulator: Simulator,
) -> SandboxUvicornServer:
    app = create_app(app_store, config, faults=faults, simulator=simulator)
    uvicorn_config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        lifespan="on",
        http="h11",
        ws="none",
        timeout_graceful_shutdown=1,
        access_log=False,
    )
    return SandboxUvicornServer(uvicorn_config, app.state.hub, faults)


class SandboxServer:
    def __init__(
        self,
        db_path: Path | None = None,
        *,
        seed: int = 7,
        jobs: int = 2000,
        simulate: bool = False,
        sim_interval: float = DEFAULT_SIM_INTERVAL,
        pace: float = DEFAULT_PACE,
        host: str = "127.0.0.1",
        port: int = 0,
        keepalive_interval: float = 15.0,
        access_token_ttl: int = 3600,
        refresh_token_ttl: int = 30 * 24 * 3600,
        refresh_grace: float = 30.0,
        code_ttl: float = 60.0,
        **limits: Any,
    ) -> None:
        """`limits`: more SandboxConfig knobs, e.g. the request guard's (max_body_bytes, token_burst,
        token_rate, ip_burst, ip_rate, signin_*) set tight for a test."""
        self._remove_tempdir: weakref.finalize[[str], SandboxServer] | None = None
        if db_path is None:
            tempdir = tempfile.mkdtemp(prefix="atelier-sandbox-")
            # Removed by close(), or when the harness is garbage collected / at exit if nobody calls close().
            self._remove_tempdir = weakref.finalize(self, _remove_tree, tempdir)
            db_path = Path(tempdir) / "sandbox.sqlite3"
        self.db_path = Path(db_path)
        self.host = host
        self.port = port
        self.config = SandboxConfig(
            seed=seed,
            simulate=simulate,
            sim_interval=sim_interval,
            sim_pace=pace,
            keepalive_interval=keepalive_interval,
            access_token_ttl=access_token_ttl,
            refresh_token_ttl=refresh_token_ttl,
            refresh_grace=refresh_grace,
            code_ttl=code_ttl,
            **limits,
        )
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self.store = Store(self.db_path)
        if self.store.is_empty():  # an existing seeded database is reused as it is
            seed_database(self.store, seed=seed, jobs=jobs)
        self.faults = FaultController()
        self.simulator = Simulator(self.store, seed, sim_interval, pace)
        self._server: SandboxUvicornServer | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._failure: BaseException | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> SandboxServer:
        if self.running:
            return self
        server = build_uvicorn_server(
            self.store, self.config, self.host, self.port, self.faults, self.simulator
        )
        self._server = server
        self._failure = None
        self._thread = threading.Thread(
            target=self._serve, args=(server,), name="atelier-sandbox", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not server.started:
            if not self._thread.is_alive():
                raise RuntimeError(
                    f"sandbox server failed to start on {self.host}:{self.port}"
                ) from self._failure
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError("sandbox server did not start in time")
            time.sleep(0.01)
        sockname = server.servers[0].sockets[0].getsockname()
        self.port = int(sockname[1])  # the real port when 0 was asked for; restarts reuse it
        return self

    def _serve(self, server: SandboxUvicornServer) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(server.serve())
        except BaseException as exc:  # reported by start()
            self._failure = exc
        finally:
            with contextlib.suppress(Exception):
                loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()
            self._loop = None

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.request_exit()
        thread.join(STOP_TIMEOUT)
        if thread.is_alive():  # a handler that ignores the graceful path: force it
            server.force_exit = True
            thread.join(STOP_TIMEOUT)
        self._server = None
        self._thread = None

    def close(self) -> None:
        """stop() and release the database (and the temporary directory, if the harness made one)."""
        self.stop()
        self.store.close()
        if self._remove_tempdir is not None:
            self._remove_tempdir()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # ---- conveniences for tests and the demo ------------------------------------------------------------

    def token_for(self, email: str, password: str = "demo") -> str:
        """An access token issued in-process (no HTTP round trip)."""
        account = self.store.check_password(email, password)
        if account is None:
            raise ValueError(f"wrong email or password for {email}")
        access, _refresh = self.store.issue_tokens(
            account.id, self.config.access_token_ttl, self.config.refresh_token_ttl
        )
        return access

    def counts(self) -> dict[str, int]:
        """The demo freelancer's figures: jobs (all of them), proposals, rooms, messages, transactions,
        invitations and saved_searches (live ones)."""
        account = self.store.account_by_email(DEMO_EMAIL)
        if account is None:
            raise LookupError("no demo freelancer in this database")
        return self.store.counts_for(account.id)


def _remove_tree(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)
