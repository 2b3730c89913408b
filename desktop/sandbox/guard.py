"""What every request meets before an endpoint runs: a per-IP rate limit, the access token of a /v1 request
(checked before its body is read), a per-token rate limit and the request body limit. Plus the slow-down of
repeated failed sign-ins, which the OAuth endpoints consult.

Limits answer 429 problem+json with Retry-After (whole seconds); a body over the limit answers 413 as soon as
its Content-Length says so, or as soon as a chunked body grows past it, and the connection is then closed
(the rest of the body is never read).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import math
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .config import SandboxConfig
from .problems import PROBLEM_CONTENT_TYPE, problem_body
from .store import Account, Store

ACCOUNT_SCOPE_KEY = "atelier.sandbox.account"
MAX_TRACKED_KEYS = 10_000
"""Buckets and sign-in records kept at most; idle ones are forgotten first when there are more."""

Clock = Callable[[], float]


class RateLimiter:
    """Token buckets by key: `burst` requests at once, refilled at `rate` per second."""

    def __init__(self, burst: int, rate: float, clock: Clock = time.monotonic) -> None:
        self.burst = burst
        self.rate = rate
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, when)

    def take(self, key: str) -> float:
        """0 when the request may go ahead (it is counted); otherwise the seconds until it may."""
        now = self._clock()
        with self._lock:
            tokens, when = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - when) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                self._forget_idle(now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def _forget_idle(self, now: float) -> None:
        if len(self._buckets) <= MAX_TRACKED_KEYS:
            return
        full_after = self.burst / self.rate
        for key, (_tokens, when) in list(self._buckets.items()):
            if now - when >= full_after:  # refilled to the brim: the same as never seen
                del self._buckets[key]
        while len(self._buckets) > MAX_TRACKED_KEYS:  # still too many: the least recently seen go
            del self._buckets[min(self._buckets, key=lambda k: self._buckets[k][1])]


@dataclass
class _Failures:
    count: int
    not_before: float
    last: float


class SignInThrottle:
    """Failed sign-ins by key (address and e-mail): after `free` failures in a row, each further failure makes
    the next attempt wait, `delay` seconds doubled each time up to `max_delay`. A success starts over."""

    def __init__(self, free: int, delay: float, max_delay: float, clock: Clock = time.monotonic) -> None:
        self.free = free
        self.delay = delay
        self.max_delay = max_delay
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, _Failures] = {}

    def wait_left(self, key: str) -> float:
        """Seconds before an attempt for `key` is looked at (0: now)."""
        with self._lock:
            record = self._failures.get(key)
            return 0.0 if record is None else max(0.0, record.not_before - self._clock())

    def failed(self, key: str) -> None:
        now = self._clock()
        with self._lock:
            record = self._failures.setdefault(key, _Failures(0, now, now))
            record.count += 1
            record.last = now
            beyond = record.count - self.free
            if beyond > 0:
                record.not_before = now + min(self.max_delay, self.delay * 2 ** min(beyond - 1, 30))
            if len(self._failures) > MAX_TRACKED_KEYS:
                oldest = sorted(self._failures, key=lambda k: self._failures[k].last)
                for stale in oldest[: len(self._failures) - MAX_TRACKED_KEYS]:
                    del self._failures[stale]

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


def signin_key(client_host: str | None, email: str) -> str:
    return f"{client_host or '?'}\n{email.strip().casefold()}"


def client_host(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "?"


def retry_after(seconds: float) -> str:
    return str(max(1, math.ceil(seconds)))


_UPLOAD_PATH = re.compile(r"^/v1/rooms/[^/]+/attachments$")


def is_upload(scope: Scope) -> bool:
    return scope.get("method") == "POST" and _UPLOAD_PATH.match(scope.get("path", "")) is not None


def bearer_token(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            credentials = credentials.strip()
            return credentials if scheme.lower() == "bearer" and credentials else None
    return None


class RequestGuard:
    """The ASGI middleware in front of every endpoint (see the module docstring), in this order: per-IP limit,
    token of a /v1 request (401), per-token limit, body size (413)."""

    def __init__(
        self, app: ASGIApp, store: Store, config: SandboxConfig, clock: Clock = time.monotonic
    ) -> None:
        self.app = app
        self.store = store
        self.max_body = config.max_body_bytes
        self.max_upload = config.max_upload_bytes
        self.per_ip = RateLimiter(config.ip_burst, config.ip_rate, clock)
        self.per_token = RateLimiter(config.token_burst, config.token_rate, clock)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wait = self.per_ip.take(client_host(scope))
        if wait:
            await _too_many(send, wait, "too many requests from this address")
            return
        if scope["path"].startswith("/v1/"):
            token = bearer_token(scope)
            if token is None:
                await _problem(
                    send, 401, "unauthorized", "an Authorization: Bearer <access_token> header is required",
                    [(b"www-authenticate", b"Bearer")],
                )
                return
            account: Account | None = await asyncio.to_thread(self.store.account_for_token, token)
            if account is None:
                await _problem(
                    send, 401, "unauthorized", "the access token is invalid, expired or revoked",
                    [(b"www-authenticate", b"Bearer")],
                )
                return
            wait = self.per_token.take(hashlib.sha256(token.encode()).hexdigest())
            if wait:
                await _too_many(send, wait, "too many requests with this access token")
                return
            scope[ACCOUNT_SCOPE_KEY] = account
        await self._within_body_limit(scope, receive, send)

    def body_limit(self, scope: Scope) -> int:
        """Bytes a request may send: an attachment upload takes files, every other request JSON."""
        return self.max_upload if is_upload(scope) else self.max_body

    async def _within_body_limit(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.body_limit(scope)
        length: int | None = None
        chunked = False
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    length = None
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
        if length is not None and length > limit:
            await self._too_large(send, limit)
            return
        if not chunked and not length:
            await self.app(scope, receive, send)  # no body: receive is left alone (SSE watches it)
            return
        # Read the body here, counting, so that a chunked one is refused as soon as it is too large.
        buffered: list[Message] = []
        size = 0
        while True:
            message = await receive()
            buffered.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > limit:
                await self._too_large(send, limit)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return buffered.pop(0) if buffered else await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, send: Send, limit: int) -> None:
        await _problem(
            send, 413, "too-large", f"the request body is larger than {limit} bytes",
            [(b"connection", b"close")],
        )


async def _too_many(send: Send, wait: float, detail: str) -> None:
    await _problem(send, 429, "rate-limited", detail, [(b"retry-after", retry_after(wait).encode())])


async def _problem(
    send: Send, status: int, slug: str, detail: str, headers: list[tuple[bytes, bytes]]
) -> None:
    body = json.dumps(problem_body(status, slug, detail=detail)).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", PROBLEM_CONTENT_TYPE.encode()),
            (b"content-length", str(len(body)).encode()),
            *headers,
        ],
    })
    await send({"type": "http.response.body", "body": body, "more_body": False})
