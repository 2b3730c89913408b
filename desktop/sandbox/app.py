"""create_app(store, config): the sandbox marketplace as a FastAPI application."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.types import Receive, Scope, Send

from .auth import build_oauth_router
from .config import SandboxConfig
from .events import EventHub, build_events_router
from .faults import TRANSPORT_SCOPE_KEY, FaultController, FaultInjectionMiddleware, find_transport
from .guard import RequestGuard
from .problems import UnexpectedErrorMiddleware, install_problem_handlers
from .routes import build_api_router
from .simulator import Simulator
from .store import Store

log = logging.getLogger("atelier.sandbox")

API_TITLE = "Atelier marketplace (reference sandbox)"
API_VERSION = "1.0.0"


class SandboxApp(FastAPI):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Starlette's outermost error middleware wraps `send`, hiding the server's connection from the fault
        # middleware; note it here, where `send` is still the server's own, for the "disconnect" fault.
        if scope["type"] == "http":
            scope[TRANSPORT_SCOPE_KEY] = find_transport(send)
        await super().__call__(scope, receive, send)

    def openapi(self) -> dict[str, Any]:
        """FastAPI labels every documented response application/json; errors are application/problem+json.

        The request guard's answers are added to every operation: 429 (rate limits) everywhere, 413 where a
        request body is taken.
        """
        if self.openapi_schema is None:
            schema = super().openapi()
            problem_ref = "#/components/schemas/Problem"
            for path, path_item in schema.get("paths", {}).items():
                for operation in path_item.values():
                    for response in operation.get("responses", {}).values():
                        content = response.get("content", {})
                        if content.get("application/json", {}).get("schema", {}).get("$ref") == problem_ref:
                            response["content"] = {"application/problem+json": content["application/json"]}
                    _document_guard(path, operation, problem_ref, self.state.config)
            self.openapi_schema = schema
        return self.openapi_schema


UPLOAD_PATH = "/v1/rooms/{room_id}/attachments"
"""The one operation whose body is a file (the guard's larger limit applies to it)."""


def _document_guard(
    path: str, operation: dict[str, Any], problem_ref: str, config: SandboxConfig
) -> None:
    responses = operation.setdefault("responses", {})
    problem = {"application/problem+json": {"schema": {"$ref": problem_ref}}}
    limited = responses.setdefault("429", {"description": "", "content": {}})
    limited["description"] = " ".join(filter(None, [
        "rate limited (per access token and per IP address): wait Retry-After seconds, then send again",
        limited["description"],
    ]))
    limited["content"] = {**problem, **limited.get("content", {})}
    limited["headers"] = {
        "Retry-After": {"description": "seconds to wait", "schema": {"type": "integer", "minimum": 1}}
    }
    if "requestBody" in operation:
        limit = config.max_upload_bytes if path == UPLOAD_PATH else config.max_body_bytes
        responses["413"] = {
            "description": f"the request body is larger than {limit} bytes (answered before"
            " it is read; the connection is then closed)",
            "content": problem,
        }


async def _prune_forever(store: Store, config: SandboxConfig) -> None:
    """Keep the idempotency and event tables from growing without limit on a long-running server."""
    while True:
        try:
            results, events = await asyncio.to_thread(
                store.prune, idempotency_ttl=config.idempotency_ttl, event_retention=config.event_retention)
            if results or events:
                log.info("pruned %d expired idempotent results and %d old events", results, events)
        except Exception:  # a busy or failing database: try again next time, never kill the server
            log.exception("pruning failed")
        await asyncio.sleep(config.prune_interval)


def create_app(
    store: Store,
    config: SandboxConfig | None = None,
    *,
    faults: FaultController | None = None,
    simulator: Simulator | None = None,
) -> FastAPI:
    """The app over `store`. `faults` and `simulator` may be shared with a harness that outlives restarts."""
    config = config or SandboxConfig()
    faults = faults or FaultController()
    simulator = simulator or Simulator(store, config.seed, config.sim_interval, config.sim_pace)
    hub = EventHub()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        hub.attach(asyncio.get_running_loop())
        store.add_listener(hub.notify)
        faults.open()
        if config.simulate:
            simulator.start()
        pruner = asyncio.create_task(_prune_forever(store, config))
        try:
            yield
        finally:
            pruner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pruner
            await simulator.stop()
            store.remove_listener(hub.notify)
            hub.detach()

    app = SandboxApp(
        title=API_TITLE,
        version=API_VERSION,
        description="The reference marketplace server behind Atelier's --demo mode and integration tests. "
        "Errors are RFC 9457 application/problem+json; lists use cursor pagination with "
        "updated_since deltas.",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.config = config
    app.state.hub = hub
    app.state.faults = faults
    app.state.simulator = simulator
    install_problem_handlers(app)
    # Outermost last: errors caught, then injected faults (they see every request), then the guard.
    app.add_middleware(RequestGuard, store=store, config=config)
    app.add_middleware(FaultInjectionMiddleware, controller=faults)
    app.add_middleware(UnexpectedErrorMiddleware)
    app.include_router(build_oauth_router(store, config))
    app.include_router(build_api_router(store))
    app.include_router(build_events_router(store, hub, config))
    return app
