"""create_app(): the Upwork sandbox as one Starlette application.

Layers, outermost first: note the connection (for the dropped-reply fault), count + rate-limit (traffic.py),
inject faults (faults.py), then the routes: OAuth (oauth.py) and /graphql (graphql_app.py).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from desktop.sandbox.faults import find_transport

from .config import ScopeSwitch, UpworkConfig
from .db import Database
from .faults import TRANSPORT_SCOPE_KEY, FaultController, FaultMiddleware
from .graphql_app import GraphQLEndpoint
from .oauth import OAuthRoutes
from .simulator import Simulator
from .tokens import TokenService
from .traffic import GRAPHQL_PATH, RequestCounters, SlidingWindowLimiter, TrafficMiddleware


@dataclass
class Shared:
    """What outlives one app instance (the harness restarts the server over the same objects)."""

    db: Database
    config: UpworkConfig
    tokens: TokenService
    scopes: ScopeSwitch
    faults: FaultController
    counters: RequestCounters
    limiter: SlidingWindowLimiter
    simulator: Simulator


class TransportNoter:
    """Records uvicorn's transport in the scope while `send` is still uvicorn's own (Starlette wraps it)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope[TRANSPORT_SCOPE_KEY] = find_transport(send)
        await self.app(scope, receive, send)


def create_app(shared: Shared) -> ASGIApp:
    oauth = OAuthRoutes(shared.db, shared.tokens)
    endpoint = GraphQLEndpoint(shared.db, shared.config, shared.tokens, shared.scopes, shared.faults)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        shared.faults.open()
        task = asyncio.create_task(shared.simulator.run_forever()) if shared.config.simulate else None
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app = Starlette(
        routes=[*oauth.routes(), Route(GRAPHQL_PATH, endpoint, methods=["GET", "POST"])],
        middleware=[
            Middleware(TrafficMiddleware, counters=shared.counters, limiter=shared.limiter),
            Middleware(FaultMiddleware, controller=shared.faults),
        ],
        lifespan=lifespan,
    )
    return TransportNoter(app)
