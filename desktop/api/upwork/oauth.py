"""Signing in to Upwork: the Authorization Code grant, and refresh with rotation.

Upwork's flow for a desktop key (upwork/python-upwork-oauth2 ``example/myapp.py``): the user opens the
authorize URL, approves, and is redirected to the key's registered callback URL; the example asks the
user to paste that *whole* URL back, and the code is read out of it (``code_from_callback``).

- Authorize: ``response_type=code``, ``client_id``, ``redirect_uri``, ``state``. No ``scope``: an app's
  permissions are set on its key in Upwork's developer portal, and a ``scope=`` parameter is answered with
  ``invalid_scope`` (third-party notes in /tmp/upwork_research_keep.md §2).
- Token requests are form-encoded POSTs carrying ``client_id`` and ``client_secret``
  (upwork/python-upwork-oauth2 ``upwork/client.py``: ``fetch_token`` / ``auto_refresh_kwargs``).
- ``expires_in`` comes as a string in Upwork's own sample (``'expires_in': '86400'`` in
  ``example/myapp.py``); it is parsed leniently and defaults to 24 h.
- Refresh tokens rotate: each refresh returns a new one, valid 14 days, and the old one dies within about
  24 h (maintainer's answer in upwork/python-upwork-oauth2 issue #11). ``refresh`` therefore returns the
  reply's new refresh token, and the caller must store it.

No secret (client secret, code, token) ever goes into a repr, a log line or an error message.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from desktop.api.auth import DEFAULT_TIMEOUT, USER_AGENT, TokenSet
from desktop.api.retry import parse_retry_after
from desktop.api.tls import shared_ssl_context
from desktop.api.upwork.endpoints import UpworkEndpoints
from desktop.core.clock import utcnow
from desktop.core.errors import (
    AuthError,
    BadReplyError,
    OfflineError,
    RateLimitedError,
    RequestRejected,
    ServerError,
)
from desktop.core.notices import Code, Notice

log = logging.getLogger("atelier.api.upwork")

DEFAULT_EXPIRES_IN = 24 * 3600
"""Upwork's access tokens live 24 h (``expires_in: '86400'`` in Upwork's sample); used when it is absent."""

_REFUSED_CODES = ("invalid_grant", "invalid_client", "unauthorized_client")


@dataclass(frozen=True, slots=True)
class UpworkAppKey:
    """An Upwork API key ("Desktop" project type). The secret never shows in a repr."""

    client_id: str
    client_secret: str = field(repr=False)

    def __str__(self) -> str:
        return f"UpworkAppKey(client_id={self.client_id!r})"


def new_state() -> str:
    """A fresh unguessable ``state`` for one sign-in attempt (CSRF protection, RFC 6749 §10.12)."""
    return secrets.token_urlsafe(24)


def authorization_url(endpoints: UpworkEndpoints, key: UpworkAppKey, redirect_uri: str, state: str) -> str:
    """Where the browser goes to approve the app (no ``scope``: Upwork takes it from the key)."""
    query = urlencode(
        {"response_type": "code", "client_id": key.client_id, "redirect_uri": redirect_uri, "state": state}
    )
    return f"{endpoints.authorize}?{query}"


def code_from_callback(url: str, expected_state: str) -> str:
    """The authorization code in the callback URL the user pasted, after checking its ``state``.

    Raises ``AuthError`` when the user declined or the URL belongs to another attempt, and
    ``RequestRejected`` when Upwork reported another error or the text holds no code.
    """
    parts = urlsplit(url.strip())
    params = parse_qs(parts.query, keep_blank_values=True)
    if not params and parts.fragment:
        params = parse_qs(parts.fragment, keep_blank_values=True)

    def first(name: str) -> str:
        values = params.get(name)
        return values[0].strip() if values else ""

    error = first("error")
    if error:
        description = first("error_description")
        if error == "access_denied":
            raise AuthError(Notice(Code.UPWORK_ACCESS_DECLINED))
        detail = f"{error}: {description}" if description else error
        raise RequestRejected(Notice(Code.UPWORK_SIGN_IN_REFUSED_SAID, (_printable(detail),)), 400,
                              "upwork:oauth")
    state = first("state")
    if not state or not secrets.compare_digest(state.encode(), expected_state.encode()):
        raise AuthError(Notice(Code.UPWORK_WRONG_ADDRESS))
    code = first("code")
    if not code:
        raise RequestRejected(Notice(Code.UPWORK_NO_CODE), 400, "upwork:oauth")
    return code


async def exchange_code(
    endpoints: UpworkEndpoints,
    key: UpworkAppKey,
    code: str,
    redirect_uri: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    http_timeout: httpx.Timeout | None = None,
) -> TokenSet:
    """Trade an authorization code for Upwork's first token pair."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "client_id": key.client_id,
        "client_secret": key.client_secret,
    }
    return await _token_request(
        endpoints, form, transport, http_timeout,
        rejected=Notice(Code.UPWORK_CODE_NOT_ACCEPTED),
        secrets_in_form=(code, key.client_secret),
        previous_refresh=None,
    )


async def refresh(
    endpoints: UpworkEndpoints,
    key: UpworkAppKey,
    refresh_token: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    http_timeout: httpx.Timeout | None = None,
) -> TokenSet:
    """A new token pair; its ``refresh_token`` is the rotated one (store it, the old one dies soon)."""
    form = {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "client_id": key.client_id,
        "client_secret": key.client_secret,
    }
    return await _token_request(
        endpoints, form, transport, http_timeout,
        rejected=Notice(Code.UPWORK_SIGN_IN_EXPIRED),
        secrets_in_form=(refresh_token, key.client_secret),
        previous_refresh=refresh_token,
    )


async def _token_request(
    endpoints: UpworkEndpoints,
    form: dict[str, str],
    transport: httpx.AsyncBaseTransport | None,
    http_timeout: httpx.Timeout | None,
    *,
    rejected: Notice,
    secrets_in_form: tuple[str, ...],
    previous_refresh: str | None,
) -> TokenSet:
    started = time.monotonic()
    async with httpx.AsyncClient(
        verify=shared_ssl_context(),
        transport=transport,
        timeout=http_timeout or DEFAULT_TIMEOUT,
        headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        follow_redirects=False,
    ) as http:
        try:
            response = await http.post(endpoints.token, data=form)
        except httpx.TimeoutException:
            raise OfflineError(Notice(Code.UPWORK_TIMED_OUT)) from None
        except httpx.TransportError:
            raise OfflineError(Notice(Code.UPWORK_UNREACHABLE)) from None
    status = response.status_code
    log.info("POST %s (%s) -> %s in %.0f ms", "oauth2/token", form["grant_type"], status,
             (time.monotonic() - started) * 1000)
    if status == 200:
        return _token_set(_json(response), previous_refresh)
    error, description = _oauth_error(response)
    if status in (400, 401, 403) and error in _REFUSED_CODES:
        raise AuthError(rejected)
    if status == 429:
        raise RateLimitedError(
            Notice(Code.UPWORK_SIGN_IN_RATE_LIMITED),
            parse_retry_after(response.headers.get("Retry-After")),
        )
    if status >= 500:
        raise ServerError(Notice(Code.UPWORK_SIGN_IN_SERVER_ERROR, (status,)), status)
    if status == 401:
        raise AuthError(rejected)
    # A description could echo what we sent; drop it rather than risk showing a secret.
    if any(secret and secret in description for secret in secrets_in_form):
        description = ""
    said = _printable(description or error) if (description or error) else ""
    notice = (Notice(Code.UPWORK_SIGN_IN_REQUEST_REFUSED_SAID, (said, status)) if said
              else Notice(Code.UPWORK_SIGN_IN_REQUEST_REFUSED, (status,)))
    raise RequestRejected(notice, status, "upwork:oauth")


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BadReplyError(Notice(Code.UPWORK_TOKEN_NOT_JSON)) from None


def _token_set(data: Any, previous_refresh: str | None) -> TokenSet:
    if not isinstance(data, dict):
        raise BadReplyError(Notice(Code.UPWORK_TOKEN_SHAPE))
    access = data.get("access_token")
    if not isinstance(access, str) or not access:
        raise BadReplyError(Notice(Code.UPWORK_NO_ACCESS_TOKEN))
    fresh_refresh = data.get("refresh_token")
    refresh_token = fresh_refresh if isinstance(fresh_refresh, str) and fresh_refresh else previous_refresh
    token_type = data.get("token_type")
    now = utcnow()
    return TokenSet(
        access_token=access,
        refresh_token=refresh_token,
        expires_at=now + timedelta(seconds=parse_expires_in(data.get("expires_in"))),
        token_type=token_type if isinstance(token_type, str) and token_type else "Bearer",
        issued_at=now,
    )


def parse_expires_in(value: object) -> int:
    """Seconds from ``expires_in`` as an int or a numeric string; 24 h when absent or unreadable."""
    if isinstance(value, bool):
        return DEFAULT_EXPIRES_IN
    if isinstance(value, int):
        return value if value > 0 else DEFAULT_EXPIRES_IN
    if isinstance(value, float):
        return int(value) if value > 0 else DEFAULT_EXPIRES_IN
    if isinstance(value, str):
        try:
            seconds = int(float(value.strip()))
        except ValueError:
            return DEFAULT_EXPIRES_IN
        return seconds if seconds > 0 else DEFAULT_EXPIRES_IN
    return DEFAULT_EXPIRES_IN


def _oauth_error(response: httpx.Response) -> tuple[str, str]:
    """The OAuth ``error`` and ``error_description`` (RFC 6749 §5.2), or empty strings."""
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return "", ""
    if not isinstance(data, dict):
        return "", ""
    error = data.get("error")
    description = data.get("error_description") or data.get("message")
    return (error if isinstance(error, str) else "", description if isinstance(description, str) else "")


def _printable(text: str, limit: int = 200) -> str:
    cleaned = " ".join(text.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"
