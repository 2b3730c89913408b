"""Fault injection for resilience tests: an ASGI middleware driven by a thread-safe controller.

    server.faults.add("rate_limit", count=2, retry_after=1)   # the next two /v1/ requests get 429
    server.faults.add("hang", delay=3)                         # the next request waits 3 s, then proceeds
    server.faults.clear()                                      # also releases requests hung "forever"

Kinds: error (500 problem, or `status`), rate_limit (429 + Retry-After), garbage (200, `<html>oops` labelled
application/json), hang (sleep `delay` seconds then pass through; delay=None hangs until the client goes
away, clear() or shutdown), disconnect (the connection is closed without any response).
Rules match by path prefix ("/v1/" by default, so /oauth is untouched unless asked) and fire `count` times
(None = until cleared), first added rule first.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from dataclasses import dataclass, field
from typing import Any, Literal

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .problems import problem_body

FaultKind = Literal["error", "rate_limit", "garbage", "hang", "disconnect"]
KINDS: tuple[str, ...] = ("error", "rate_limit", "garbage", "hang", "disconnect")
POLL_SECONDS = 0.05
TRANSPORT_SCOPE_KEY = "atelier.sandbox.transport"


def find_transport(send: Send) -> Any:
    """The connection behind uvicorn's `send` (a bound method of its request cycle), or None elsewhere."""
    return getattr(getattr(send, "__self__", None), "transport", None)


@dataclass
class FaultRule:
    kind: FaultKind
    remaining: int | None
    path_prefix: str = "/v1/"
    status: int | None = None
    retry_after: int = 1
    delay: float | None = None
    fired: int = field(default=0)


class FaultController:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._generation = 0  # bumped by clear(): hung requests notice and let go
        self._closing = False

    def add(
        self,
        kind: FaultKind,
        count: int | None = 1,
        path_prefix: str = "/v1/",
        status: int | None = None,
        retry_after: int = 1,
        delay: float | None = None,
    ) -> FaultRule:
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {', '.join(KINDS)}")
        if count is not None and count < 1:
            raise ValueError("count must be >= 1 or None")
        rule = FaultRule(kind, count, path_prefix, status, retry_after, delay)
        with self._lock:
            self._rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()
            self._generation += 1

    @property
    def rules(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    def open(self) -> None:
        """Server (re)started: hung requests may hang again."""
        self._closing = False

    def begin_shutdown(self) -> None:
        """Server stopping: release hung requests so shutdown is not held up."""
        self._closing = True

    def take(self, path: str) -> FaultRule | None:
        """The rule that fires for this request (its count is spent), if any."""
        with self._lock:
            for rule in self._rules:
                if path.startswith(rule.path_prefix):
                    rule.fired += 1
                    if rule.remaining is not None:
                        rule.remaining -= 1
                        if rule.remaining <= 0:
                            self._rules.remove(rule)
                    return rule
        return None

    @property
    def closing(self) -> bool:
        return self._closing

    def released(self, generation: int) -> bool:
        return self._closing or generation != self._generation

    @property
    def generation(self) -> int:
        return self._generation


class FaultInjectionMiddleware:
    def __init__(self, app: ASGIApp, controller: FaultController) -> None:
        self.app = app
        self.controller = controller

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rule = self.controller.take(scope["path"])
        if rule is None:
            await self.app(scope, receive, send)
        elif rule.kind == "error":
            status = rule.status or 500
            await _send_json(
                send,
                status,
                problem_body(status, detail="injected fault"),
                content_type="application/problem+json",
            )
        elif rule.kind == "rate_limit":
            status = rule.status or 429
            await _send_json(
                send,
                status,
                problem_body(status, "rate-limited", detail="injected rate limit"),
                content_type="application/problem+json",
                headers=[(b"retry-after", str(rule.retry_after).encode())],
            )
        elif rule.kind == "garbage":
            await _send_raw(send, rule.status or 200, b"<html>oops", b"application/json")
        elif rule.kind == "hang":
            await self._hang(rule, scope, receive, send)
        else:
            await self._disconnect(scope, send)

    async def _hang(self, rule: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        """Hold the request for `delay` seconds (None: until released), then let it through.

        The hold ends early when the client goes away (nothing is sent), on clear() (the request proceeds)
        and on server shutdown (503), so a hung request never delays stopping the server. Anything read from
        `receive` while watching for the client (the request body) is handed to the app afterwards.
        """
        loop = asyncio.get_running_loop()
        deadline = None if rule.delay is None else loop.time() + rule.delay
        generation = self.controller.generation
        buffered: list[Message] = []
        gone = asyncio.Event()

        async def watch() -> None:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    gone.set()
                    return
                buffered.append(message)

        watcher = asyncio.ensure_future(watch())
        try:
            # clear() and shutdown come from other threads, so their flags are polled between waits.
            while not gone.is_set() and not self.controller.released(generation):
                left = POLL_SECONDS if deadline is None else min(POLL_SECONDS, deadline - loop.time())
                if left <= 0:
                    break
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(gone.wait(), left)
        finally:
            watcher.cancel()
        if gone.is_set():
            return
        if self.controller.closing:
            await _send_json(
                send,
                503,
                problem_body(503, detail="server is shutting down"),
                content_type="application/problem+json",
            )
            return

        async def replay_then_receive() -> Message:
            return buffered.pop(0) if buffered else await receive()

        await self.app(scope, replay_then_receive, send)

    async def _disconnect(self, scope: Scope, send: Send) -> None:
        # ASGI has no "drop the connection" message, so close the server's transport directly (noted in the
        # scope by the app, see app.SandboxApp). Where it is not reachable, fall back to a 502.
        transport = scope.get(TRANSPORT_SCOPE_KEY) or find_transport(send)
        if transport is not None and hasattr(transport, "close"):
            transport.close()
            # Let uvicorn see the closed connection before we return, so it does not log a missing response.
            for _ in range(3):
                await asyncio.sleep(0)
            return
        await _send_json(
            send,
            502,
            problem_body(502, detail="injected disconnect"),
            content_type="application/problem+json",
        )


async def _send_raw(
    send: Send,
    status: int,
    body: bytes,
    content_type: bytes,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    all_headers = [
        (b"content-type", content_type),
        (b"content-length", str(len(body)).encode()),
        *(headers or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": all_headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def _send_json(
    send: Send,
    status: int,
    body: dict[str, Any],
    content_type: str = "application/json",
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    await _send_raw(send, status, json.dumps(body).encode(), content_type.encode(), headers)
