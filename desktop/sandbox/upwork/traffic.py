"""Request counters and Upwork's per-IP rate limit: one ASGI middleware before /graphql and the token URL.

Limit: "The API allows up to 10 requests per second per IP address… HTTP 429 'Too Many Requests'… Rate limits
are enforced per IP, not per user or application" (support.upwork.com article 115015933428). The sandbox uses
a sliding one-second window and sends `Retry-After` in whole seconds (Upwork's value is not documented).
Counters let tests measure a client's request budget: every /graphql request is counted in total and by
operationName (429s included, since they cost the client a request too).
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import Counter, deque
from typing import Any

from graphql import OperationDefinitionNode, parse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .oauth import TOKEN_PATH

GRAPHQL_PATH = "/graphql"
ANONYMOUS = "<anonymous>"
UNPARSABLE = "<invalid>"


def operation_name(body: bytes) -> str:
    """operationName of a GraphQL POST body, else the first operation's name in the document."""
    try:
        data = json.loads(body)
    except ValueError:
        return UNPARSABLE
    if not isinstance(data, dict):
        return UNPARSABLE
    if isinstance(data.get("operationName"), str) and data["operationName"]:
        return str(data["operationName"])
    try:
        document = parse(str(data.get("query") or ""))
    except Exception:
        return UNPARSABLE
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            return definition.name.value if definition.name else ANONYMOUS
    return ANONYMOUS


class RequestCounters:
    """Thread-safe tallies; read them from the test thread while the server runs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_operation: Counter[str] = Counter()
        self.total = 0
        self.token_requests = 0
        self.rate_limited = 0

    def count_graphql(self, operation: str) -> None:
        with self._lock:
            self.total += 1
            self._by_operation[operation] += 1

    def count_token(self) -> None:
        with self._lock:
            self.token_requests += 1

    def count_rejected(self) -> None:
        with self._lock:
            self.rate_limited += 1

    def by_operation(self) -> dict[str, int]:
        with self._lock:
            return dict(self._by_operation)

    def __getitem__(self, operation: str) -> int:
        with self._lock:
            return self._by_operation.get(operation, 0)

    def reset(self) -> None:
        with self._lock:
            self._by_operation.clear()
            self.total = self.token_requests = self.rate_limited = 0


class SlidingWindowLimiter:
    """At most `rate` requests in any one-second window per key; rate <= 0 switches the limit off."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self._lock = threading.Lock()
        self._hits: dict[str, deque[float]] = {}

    def check(self, key: str, now: float | None = None) -> float | None:
        """None when allowed (and recorded); otherwise seconds until a slot frees up."""
        if self.rate <= 0:
            return None
        now = time.monotonic() if now is None else now
        limit = max(1, int(self.rate))
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - 1.0:
                hits.popleft()
            if len(hits) >= limit:
                return hits[0] + 1.0 - now
            hits.append(now)
            return None

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()


class TrafficMiddleware:
    def __init__(self, app: ASGIApp, counters: RequestCounters, limiter: SlidingWindowLimiter) -> None:
        self.app = app
        self.counters = counters
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path not in (GRAPHQL_PATH, TOKEN_PATH):
            await self.app(scope, receive, send)
            return
        if path == GRAPHQL_PATH:
            messages = await _read_body(receive)
            body = b"".join(m.get("body", b"") for m in messages)
            self.counters.count_graphql(operation_name(body) if scope["method"] == "POST" else "<get>")
            receive = _replay(messages, receive)
        else:
            self.counters.count_token()
        client = scope.get("client") or ("unknown", 0)
        wait = self.limiter.check(str(client[0]))
        if wait is None:
            await self.app(scope, receive, send)
            return
        self.counters.count_rejected()
        payload = json.dumps({"message": "Too Many Requests", "code": 429}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 429,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode()),
                    (b"retry-after", str(max(1, math.ceil(wait))).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})


async def _read_body(receive: Receive) -> list[Message]:
    messages: list[Message] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            return messages


def _replay(messages: list[Message], receive: Receive) -> Any:
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed
