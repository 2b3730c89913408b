"""The GraphQL wire: one ``httpx.AsyncClient``, bearer auth, the shared rate budget, retries, errors.

Request: ``POST https://api.upwork.com/graphql`` with JSON ``{query, variables, operationName}`` and
``Authorization: Bearer <token>`` (upwork/python-upwork-oauth2 ``upwork/routers/graphql.py`` and
``upwork/client.py``); ``X-Upwork-API-TenantId`` picks the organization to act as, when set
(``set_org_uid_header()`` in the same ``upwork/client.py``).

Errors (Upwork support article 115015857627, "API error handling"): GraphQL answers HTTP 200 whatever
happened and lists problems in ``errors`` ({message, locations, extensions}). So:

- ``errors`` with no ``data``: raised. "Authorization failed" means the API key lacks the permission
  (scope) for a field, which signing in again cannot fix: ``RequestRejected`` (403, ``MISSING_SCOPE``),
  never ``AuthError`` (that would sign the user out). Validation errors: ``RequestRejected`` (400).
- ``errors`` next to partial ``data``: logged as a warning, the data is returned.
- HTTP 401: one token refresh (``TokenSource.refresh_after_unauthorized``), then one retry.
- HTTP 429 (10 requests/s per IP, support article 115015933428): every request of this adapter pauses for
  ``Retry-After`` (``RateLimiter.pause_for``), then the request is retried within the ``RetryPolicy``.
- HTTP 5xx and transport errors: queries are retried with backoff. A **mutation is never retried** after
  them, since it may have taken effect: the caller gets ``ServerError``/``OfflineError`` and settles it
  (``find_sent_message``). A 401 or 429 means it was not executed, so those are retried for mutations too.

Replies above 64 kB are decoded on a worker thread, like ``desktop.api.client``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Mapping
from typing import Any

import httpx

from desktop.api.auth import DEFAULT_TIMEOUT, USER_AGENT, TokenSource
from desktop.api.reachability import Reachability
from desktop.api.retry import RetryPolicy, parse_retry_after
from desktop.api.tls import shared_ssl_context
from desktop.api.upwork.documents import Operation
from desktop.api.upwork.ratelimit import RateLimiter
from desktop.core.errors import (
    MISSING_PERMISSION,
    AtelierError,
    AuthError,
    BadReplyError,
    NotFoundError,
    OfflineError,
    RateLimitedError,
    RequestRejected,
    ServerError,
)
from desktop.core.notices import Code, Notice

log = logging.getLogger("atelier.api.upwork")

OFFLOAD_DECODE_BYTES = 64 * 1024
DEFAULT_429_PAUSE = 1.0  # seconds, when a 429 carries no Retry-After (the limit is per second)
MISSING_SCOPE = MISSING_PERMISSION
INVALID_QUERY = "upwork:invalid-query"
GRAPHQL_ERROR = "upwork:graphql-error"
TENANT_HEADER = "X-Upwork-API-TenantId"

# How Upwork words a field the key has no scope for ("Authorization failed", third-party notes in
# /tmp/upwork_research_keep.md §2; the others are defensive).
_SCOPE_SIGNS = ("authorization failed", "insufficient scope", "insufficient_scope", "scope not granted")

DEFAULT_LIMITS = httpx.Limits(max_connections=4, max_keepalive_connections=4, keepalive_expiry=30.0)


class GraphQLTransport:
    def __init__(
        self,
        url: str,
        tokens: TokenSource,
        *,
        tenant_id: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        limiter: RateLimiter | None = None,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout | None = None,
    ) -> None:
        self.url = url
        self.reachability = Reachability("Upwork")
        self.limiter = limiter or RateLimiter()
        self._tokens = tokens
        self._tenant_id = tenant_id
        self._retry = retry or RetryPolicy()
        self._http = httpx.AsyncClient(
            verify=shared_ssl_context(),
            timeout=timeout or DEFAULT_TIMEOUT,
            limits=DEFAULT_LIMITS,
            transport=transport,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            follow_redirects=False,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def execute(
        self, operation: Operation, variables: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """Run one operation; return its ``data`` object (see the module docstring for errors)."""
        body = {"query": operation.text, "variables": dict(variables or {}), "operationName": operation.name}
        response = await self._send(operation, body)
        if len(response.content) < OFFLOAD_DECODE_BYTES:
            payload = _decode_json(response)
        else:  # a page of jobs with descriptions: decoding it would stall the window's event loop
            payload = await asyncio.get_running_loop().run_in_executor(None, _decode_json, response)
        return _data_or_raise(operation.name, payload)

    async def _send(self, operation: Operation, body: dict[str, Any]) -> httpx.Response:
        repeatable = not operation.mutation
        attempt = 0
        waited = 0.0
        refreshed = False
        while True:
            attempt += 1
            await self.limiter.acquire()
            token = await self._tokens.access_token()
            headers = {"Content-Type": "application/json"}
            if token:
                headers["Authorization"] = f"Bearer {token}"
            if self._tenant_id:
                headers[TENANT_HEADER] = self._tenant_id
            started = time.monotonic()
            try:
                response = await self._http.post(self.url, content=json.dumps(body), headers=headers)
            except httpx.TransportError as exc:
                self.reachability.failed(operation.name, exc)
                delay = self._retry.next_delay(attempt, waited) if repeatable else None
                if delay is None:
                    raise _transport_error(exc) from None
                await self._retry.sleep(delay)
                waited += delay
                continue

            status = response.status_code
            self.reachability.answered()
            log.info("%s -> %s in %.0f ms", operation.name, status, (time.monotonic() - started) * 1000)
            if status == 401 and not refreshed:
                refreshed = True
                if await self._tokens.refresh_after_unauthorized(token):
                    attempt -= 1  # not a failure the retry policy should count
                    continue
            if 200 <= status < 300:
                return response

            error = _http_error(response)
            if status == 429:
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                pause = DEFAULT_429_PAUSE if retry_after is None else retry_after
                self.limiter.pause_for(pause)  # every request of this adapter waits, not only this one
                delay = self._retry.next_delay(attempt, waited, pause)
                if delay is not None:  # the limiter sleeps the pause out in acquire()
                    log.info("%s: rate limited, retrying in %.2f s", operation.name, delay)
                    waited += delay
                    continue
            elif status >= 500 and repeatable:
                delay = self._retry.next_delay(attempt, waited)
                if delay is not None:
                    await self._retry.sleep(delay)
                    waited += delay
                    continue
            raise error


def _transport_error(exc: httpx.TransportError) -> OfflineError:
    if isinstance(exc, httpx.TimeoutException):
        return OfflineError(Notice(Code.UPWORK_TIMED_OUT))
    return OfflineError(Notice(Code.UPWORK_UNREACHABLE))


def _decode_json(response: httpx.Response) -> Any:
    if not response.content:
        raise BadReplyError(Notice(Code.UPWORK_EMPTY_REPLY, (response.status_code,)))
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BadReplyError(Notice(Code.UPWORK_NOT_JSON)) from None


def _http_error(response: httpx.Response) -> AtelierError:
    status = response.status_code
    message = _first_message(response)
    said = Notice.text(message) if message else None  # Upwork's own words, shown as they are
    if status == 401:
        return AuthError(Notice(Code.UPWORK_SIGN_IN_REFUSED))
    if status == 403:
        return AuthError(said or Notice(Code.UPWORK_FORBIDDEN))
    if status == 404:
        return NotFoundError(said or Notice(Code.UPWORK_NOT_FOUND), status)
    if status == 429:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        return RateLimitedError(Notice(Code.UPWORK_RATE_LIMITED), retry_after)
    if status >= 500:
        return ServerError(Notice(Code.UPWORK_SERVER_ERROR, (status,)), status)
    if 400 <= status < 500:
        return RequestRejected(said or Notice(Code.UPWORK_REFUSED, (status,)), status, GRAPHQL_ERROR)
    return BadReplyError(Notice(Code.UPWORK_UNEXPECTED_STATUS, (status,)))


def _first_message(response: httpx.Response) -> str:
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return ""
    if isinstance(data, dict):
        errors = data.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            message = errors[0].get("message")
            return _clip(message) if isinstance(message, str) else ""
        message = data.get("message") or data.get("error_description")
        return _clip(message) if isinstance(message, str) else ""
    return ""


def _data_or_raise(operation: str, payload: Any) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise BadReplyError(Notice(Code.UPWORK_GRAPHQL_SHAPE))
    data = payload.get("data")
    errors = [e for e in payload.get("errors") or [] if isinstance(e, dict)]
    if isinstance(data, dict) and not errors:
        return data
    if isinstance(data, dict) and any(value is not None for value in data.values()):
        log.warning("%s: partial data with %d error(s): %s", operation, len(errors),
                    "; ".join(_clip(str(e.get("message", "")), 120) for e in errors[:3]))
        return data
    if not errors:
        raise BadReplyError(Notice(Code.UPWORK_GRAPHQL_NO_DATA))
    raise graphql_error(errors)


def graphql_error(errors: list[dict[str, Any]]) -> AtelierError:
    """The most telling error of a GraphQL ``errors`` list, as an Atelier error."""
    messages = [str(e.get("message") or "") for e in errors]
    kinds = [_kind(e) for e in errors]
    for message in messages:
        if any(sign in message.lower() for sign in _SCOPE_SIGNS):
            return RequestRejected(Notice(Code.UPWORK_MISSING_SCOPE), 403, MISSING_SCOPE)
    for message, kind in zip(messages, kinds, strict=True):
        if kind == "validationerror" or message.lower().startswith("validation error"):
            return RequestRejected(Notice(Code.UPWORK_QUERY_REJECTED, (_clip(message),)), 400, INVALID_QUERY)
    for message, kind in zip(messages, kinds, strict=True):
        if kind in ("not_found", "notfound") or "not found" in message.lower():
            return NotFoundError(Notice(Code.UPWORK_NO_SUCH_ITEM_SAID, (_clip(message),)), 404, GRAPHQL_ERROR)
    for message, kind in zip(messages, kinds, strict=True):
        if kind in ("internal_error", "internal", "internal_server_error"):
            return ServerError(Notice(Code.UPWORK_PROBLEM_SAID, (_clip(message),)), 500)
    first: str | Notice = _clip(messages[0]) if messages and messages[0] else Notice(Code.NO_DETAILS)
    return RequestRejected(Notice(Code.UPWORK_REFUSED_SAID, (first,)), 400, GRAPHQL_ERROR)


def _kind(error: Mapping[str, Any]) -> str:
    extensions = error.get("extensions")
    if not isinstance(extensions, dict):
        return ""
    for key in ("classification", "type", "code", "errorType"):
        value = extensions.get(key)
        if isinstance(value, str) and value:
            return value.lower()
    return ""


def _clip(text: str, limit: int = 200) -> str:
    cleaned = " ".join(text.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"
