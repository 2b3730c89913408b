"""create_app(store, config): the sandbox marketplace as a FastAPI application."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from .auth import build_oauth_router
from .config import SandboxConfig
from .events import EventHub, build_events_router
from .faults import FaultController, FaultInjectionMiddleware
from .problems import install_problem_handlers
from .routes import build_api_router
from .simulator import Simulator
from .store import Store

API_TITLE = "Atelier marketplace (reference sandbox)"
API_VERSION = "1.0.0"


def create_app(store: Store, config: SandboxConfig | None = None, *, faults: FaultController | None = None,
               simulator: Simulator | None = None) -> FastAPI:  # fmt: skip
    """The app over `store`. `faults` and `simulator` may be shared with a harness that outlives restarts."""
    config = config or SandboxConfig()
    faults = faults or FaultController()
    simulator = simulator or Simulator(store, config.seed, config.sim_interval)
    hub = EventHub()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        hub.attach(asyncio.get_running_loop())
        store.add_listener(hub.notify)
        faults.open()
        if config.simulate:
            simulator.start()
        try:
            yield
        finally:
            await simulator.stop()
            store.remove_listener(hub.notify)
            hub.detach()

    app = FastAPI(
        title=API_TITLE,
        version=API_VERSION,
        description="The reference marketplace server behind Atelier's --demo mode and integration tests. "
        "Errors are RFC 9457 application/problem+json; lists use cursor pagination with updated_since deltas.",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.config = config
    app.state.hub = hub
    app.state.faults = faults
    app.state.simulator = simulator
    install_problem_handlers(app)
    app.add_middleware(FaultInjectionMiddleware, controller=faults)
    app.include_router(build_oauth_router(store, config))
    app.include_router(build_api_router(store))
    app.include_router(build_events_router(store, hub, config))
    return app
