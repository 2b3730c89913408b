"""Fault injection on /graphql for resilience tests, driven from the test thread through `FaultController`.

    server.faults.fail_next(2, status=503)          # the next two /graphql requests get 503
    server.faults.fail_next(1, status=429, retry_after=3)
    server.faults.hang_next(2.0)                    # the next request waits 2 s, then proceeds
    server.faults.garbage_next()                    # the next reply is 200 with a non-JSON body
    server.faults.drop_next_story_reply("disconnect" | "502")
        # the next createRoomStoryV2 COMMITS the story, then the reply is lost: the connection is closed
        # without an answer, or a 502 is sent instead of the result. This is the "unknown outcome" a client
        # must survive (retrying blindly would post the message twice).
    server.faults.clear()

Request faults fire in the order they were added, one request each.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from dataclasses import dataclass
from typing import Any, Literal

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .traffic import GRAPHQL_PATH

DropMode = Literal["disconnect", "502"]
DROP_SCOPE_KEY = "upwork.sandbox.drop"
TRANSPORT_SCOPE_KEY = "upwork.sandbox.transport"
POLL_SECONDS = 0.05


@dataclass
class RequestFault:
    kind: Literal["fail", "hang", "garbage"]
    status: int = 500
    retry_after: int = 1
    seconds: float = 0.0


class DropFlag:
    """Put in the request scope by the middleware; a resolver arms it after committing."""

    def __init__(self) -> None:
        self.mode: DropMode | None = None


class FaultController:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: list[RequestFault] = []
        self._story_drops: list[DropMode] = []
        self._generation = 0
        self._closing = False
        self.dropped_replies = 0

    def fail_next(self, count: int = 1, status: int = 500, retry_after: int = 1) -> None:
        if count < 1 or status not in (429, 500, 502, 503, 504):
            raise ValueError("count must be >= 1 and status one of 429, 500, 502, 503, 504")
        with self._lock:
            self._queue.extend(RequestFault("fail", status, retry_after) for _ in range(count))

    def hang_next(self, seconds: float) -> None:
        with self._lock:
            self._queue.append(RequestFault("hang", seconds=seconds))

    def garbage_next(self) -> None:
        with self._lock:
            self._queue.append(RequestFault("garbage", status=200))

    def drop_next_story_reply(self, mode: DropMode = "disconnect") -> None:
        if mode not in ("disconnect", "502"):
            raise ValueError("mode must be 'disconnect' or '502'")
        with self._lock:
            self._story_drops.append(mode)

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()
            self._story_drops.clear()
            self._generation += 1

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queue) + len(self._story_drops)

    def take_request_fault(self) -> RequestFault | None:
        with self._lock:
            return self._queue.pop(0) if self._queue else None

    def take_story_drop(self) -> DropMode | None:
        """Called by createRoomStoryV2 after it committed."""
        with self._lock:
            return self._story_drops.pop(0) if self._story_drops else None

    def note_dropped(self) -> None:
        with self._lock:
            self.dropped_replies += 1

    def open(self) -> None:
        self._closing = False

    def begin_shutdown(self) -> None:
        self._closing = True

    def released(self, generation: int) -> bool:
        return self._closing or generation != self._generation

    @property
    def generation(self) -> int:
        return self._generation


class FaultMiddleware:
    def __init__(self, app: ASGIApp, controller: FaultController) -> None:
        self.app = app
        self.controller = controller

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") != GRAPHQL_PATH:
            await self.app(scope, receive, send)
            return
        fault = self.controller.take_request_fault()
        if fault is not None and fault.kind == "fail":
            headers = [(b"retry-after", str(fault.retry_after).encode())] if fault.status == 429 else []
            await _send(send, fault.status, json.dumps({"message": "injected fault"}).encode(), headers)
            return
        if fault is not None and fault.kind == "garbage":
            await _send(send, 200, b"<html><body>502 Bad Gateway (upstream)</body></html>")
            return
        if fault is not None and fault.kind == "hang":
            await self._hang(fault.seconds)
        flag = DropFlag()
        scope[DROP_SCOPE_KEY] = flag
        await self.app(scope, receive, self._dropping_send(scope, send, flag))

    async def _hang(self, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        generation = self.controller.generation
        while not self.controller.released(generation):
            left = deadline - loop.time()
            if left <= 0:
                return
            await asyncio.sleep(min(POLL_SECONDS, left))

    def _dropping_send(self, scope: Scope, send: Send, flag: DropFlag) -> Send:
        swallowing = False

        async def wrapped(message: Message) -> None:
            nonlocal swallowing
            if message["type"] == "http.response.start" and flag.mode is not None:
                swallowing = True
                self.controller.note_dropped()
                if flag.mode == "502":
                    await _send(send, 502, b'{"message": "Bad Gateway"}')
                    return
                transport: Any = scope.get(TRANSPORT_SCOPE_KEY)
                if transport is not None:
                    transport.close()
                    for _ in range(3):
                        await asyncio.sleep(0)
                else:  # no transport to close: the nearest thing is a gateway error
                    await _send(send, 502, b'{"message": "Bad Gateway"}')
                return
            if not swallowing:
                await send(message)

        return wrapped


async def _send(
    send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    with contextlib.suppress(Exception):
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    *(headers or []),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
