"""UpworkSandboxServer: the Upwork-shaped sandbox on a loopback port in a background thread (tests, --demo).

    with UpworkSandboxServer(seed=7) as server:
        tokens = server.issue_tokens()
        httpx.post(server.graphql_url, json={"query": "{ user { id } }"},
                   headers={"Authorization": f"Bearer {tokens['access_token']}"})

Modelled on desktop/sandbox/harness.py: uvicorn in a daemon thread, quick stop(), start() again serves the
same database on the same port. Without db_path the state lives in a temporary file removed by close().
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import tempfile
import threading
import time
import weakref
from datetime import datetime
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

import uvicorn

from desktop.sandbox.clock import utcnow

from . import CLIENT_ID, CLIENT_SECRET, DEMO_EMAIL, DEMO_PASSWORD
from .app import Shared, create_app
from .config import ScopeSwitch, UpworkConfig
from .db import Database
from .faults import FaultController
from .oauth import AUTHORIZE_PATH, TOKEN_PATH
from .resolvers.messages import add_story
from .seed import seed_database
from .simulator import Simulator, StepReport
from .tokens import TokenService
from .traffic import GRAPHQL_PATH, RequestCounters, SlidingWindowLimiter

STARTUP_TIMEOUT = 15.0
STOP_TIMEOUT = 5.0

__all__ = ["CLIENT_ID", "CLIENT_SECRET", "DEMO_EMAIL", "DEMO_PASSWORD", "UpworkSandboxServer"]


class _Server(uvicorn.Server):
    """Releases hung fault requests as soon as an exit is requested, so stop() stays quick."""

    def __init__(self, config: uvicorn.Config, faults: FaultController) -> None:
        super().__init__(config)
        self._faults = faults

    def request_exit(self) -> None:
        self._faults.begin_shutdown()
        self.should_exit = True

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self._faults.begin_shutdown()
        super().handle_exit(sig, frame)


def build_uvicorn_server(shared: Shared, host: str, port: int) -> _Server:
    config = uvicorn.Config(
        create_app(shared),
        host=host,
        port=port,
        log_level="warning",
        lifespan="on",
        http="h11",
        ws="none",
        timeout_graceful_shutdown=1,
        access_log=False,
    )
    return _Server(config, shared.faults)


def open_shared(db_path: Path, config: UpworkConfig) -> Shared:
    """The database (seeded when new) and the objects that survive restarts."""
    db = Database(db_path)
    if db.is_empty():  # an existing seeded database is reused as it is
        seed_database(db, seed=config.seed)
    return Shared(
        db=db,
        config=config,
        tokens=TokenService(db, config),
        scopes=ScopeSwitch(),
        faults=FaultController(),
        counters=RequestCounters(),
        limiter=SlidingWindowLimiter(config.rate_limit_per_second),
        simulator=Simulator(db, config.seed, config.sim_interval),
    )


class UpworkSandboxServer:
    CLIENT_ID = CLIENT_ID
    CLIENT_SECRET = CLIENT_SECRET
    DEMO_EMAIL = DEMO_EMAIL
    DEMO_PASSWORD = DEMO_PASSWORD

    def __init__(
        self,
        db_path: Path | None = None,
        *,
        seed: int = 7,
        simulate: bool = False,
        sim_interval: float = 5.0,
        port: int = 0,
        access_token_ttl: float = 86400,
        old_refresh_grace: float = 86400,
        rate_limit_per_second: float = 10.0,
        host: str = "127.0.0.1",
    ) -> None:
        self._remove_tempdir: weakref.finalize[[str], UpworkSandboxServer] | None = None
        if db_path is None:
            tempdir = tempfile.mkdtemp(prefix="atelier-upwork-sandbox-")
            self._remove_tempdir = weakref.finalize(self, shutil.rmtree, tempdir, True)
            db_path = Path(tempdir) / "upwork.sqlite3"
        self.db_path = Path(db_path)
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self.host = host
        self.port = port
        self.config = UpworkConfig(
            seed=seed,
            simulate=simulate,
            sim_interval=sim_interval,
            access_token_ttl=access_token_ttl,
            old_refresh_grace=old_refresh_grace,
            rate_limit_per_second=rate_limit_per_second,
        )
        self.shared = open_shared(self.db_path, self.config)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None

    # ---- lifecycle --------------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def graphql_url(self) -> str:
        return self.url + GRAPHQL_PATH

    @property
    def authorize_url(self) -> str:
        return self.url + AUTHORIZE_PATH

    @property
    def token_url(self) -> str:
        return self.url + TOKEN_PATH

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> UpworkSandboxServer:
        if self.running:
            return self
        server = build_uvicorn_server(self.shared, self.host, self.port)
        self._server, self._failure = server, None
        self._thread = threading.Thread(
            target=self._serve, args=(server,), name="upwork-sandbox", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not server.started:
            if not self._thread.is_alive():
                raise RuntimeError(
                    f"Upwork sandbox failed to start on {self.host}:{self.port}"
                ) from self._failure
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError("Upwork sandbox did not start in time")
            time.sleep(0.01)
        self.port = int(server.servers[0].sockets[0].getsockname()[1])  # restarts reuse the real port
        return self

    def _serve(self, server: _Server) -> None:
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(server.serve())
        except BaseException as exc:  # reported by start()
            self._failure = exc
        finally:
            with contextlib.suppress(Exception):
                loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.request_exit()
        thread.join(STOP_TIMEOUT)
        if thread.is_alive():
            server.force_exit = True
            thread.join(STOP_TIMEOUT)
        self._server = self._thread = None

    def close(self) -> None:
        """stop() and release the database (and the temporary directory, if the harness made one)."""
        self.stop()
        self.shared.db.close()
        if self._remove_tempdir is not None:
            self._remove_tempdir()

    def __enter__(self) -> UpworkSandboxServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # ---- controls for tests and the demo ----------------------------------------------------------------

    @property
    def faults(self) -> FaultController:
        return self.shared.faults

    @property
    def requests(self) -> RequestCounters:
        return self.shared.counters

    @property
    def scopes(self) -> ScopeSwitch:
        """scopes.disable("pub-transaction:read:all"): those root fields fail with "Authorization failed"."""
        return self.shared.scopes

    @property
    def db(self) -> Database:
        return self.shared.db

    def issue_tokens(self, email: str = DEMO_EMAIL) -> dict[str, Any]:
        """A token pair as the token endpoint would return it, without the browser."""
        user = self.db.one("SELECT id FROM users WHERE email = ?", (email.lower(),))
        if user is None:
            raise LookupError(f"no user {email}")
        return self.shared.tokens.issue(str(user["id"]))

    def tick(self, now: datetime | None = None) -> StepReport:
        """One simulator step, now (or as if at `now`, e.g. to let review dates pass)."""
        return self.shared.simulator.step(now)

    def add_job(self, title: str | None = None, **fields: Any) -> str:
        """Post a new open job now (columns of the jobs table may be overridden); returns its id."""
        overrides = dict(fields)
        if title is not None:
            overrides["title"] = title
        return self.shared.simulator.new_job(utcnow(), overrides)

    def add_client_reply(self, room_id: str, text: str) -> str:
        """The room's client posts `text`; returns the story id."""
        client = self.shared.simulator.client_in(room_id)
        if client is None:
            raise LookupError(f"room {room_id} has no client")
        return str(add_story(self.db, room_id, client, text, mark_read=False)["id"])

    def stories(self, room_id: str) -> list[dict[str, Any]]:
        """A room's stories, oldest first, as database rows (id, user_id, message, created_at, …)."""
        return self.db.all("SELECT * FROM stories WHERE room_id = ? ORDER BY created_at, id", (room_id,))

    def room_ids(self) -> list[str]:
        return [str(r["id"]) for r in self.db.all("SELECT id FROM rooms ORDER BY last_activity_at DESC")]
