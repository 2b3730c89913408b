"""OAuth 2.0 token grants against ``POST /oauth/token``. The token pair itself is in ``tokens.py`` (named here
too, as before).

Tokens never appear in reprs, log lines or error messages.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import timedelta
from typing import TYPE_CHECKING

import httpx

from desktop import __version__
from desktop.api.lazy import LazyModule
from desktop.api.retry import parse_retry_after
from desktop.api.tls import shared_ssl_context
from desktop.api.tokens import TokenSet as TokenSet
from desktop.api.tokens import TokenSource as TokenSource
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

log = logging.getLogger("atelier.api")

if TYPE_CHECKING:
    from desktop.api import schemas
else:
    schemas = LazyModule("desktop.api.schemas")  # pydantic: imported at the first token reply

TOKEN_PATH = "/oauth/token"
USER_AGENT = f"Atelier/{__version__}"
DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=5.0)


async def password_grant(
    base_url: str,
    username: str,
    password: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    http_timeout: httpx.Timeout | None = None,
) -> TokenSet:
    """Sign in with email and password (the sandbox / test flow)."""
    form = {"grant_type": "password", "username": username, "password": password}
    return await token_request(
        base_url, form, transport, http_timeout, rejected=Notice(Code.WRONG_PASSWORD)
    )


async def refresh_grant(
    base_url: str,
    refresh_token: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    http_timeout: httpx.Timeout | None = None,
) -> TokenSet:
    """Trade a refresh token for a new token pair."""
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    return await token_request(
        base_url, form, transport, http_timeout,
        rejected=Notice(Code.SIGN_IN_EXPIRED),
    )


async def token_request(
    base_url: str,
    form: dict[str, str],
    transport: httpx.AsyncBaseTransport | None,
    http_timeout: httpx.Timeout | None,
    *,
    rejected: Notice,
) -> TokenSet:
    started = time.monotonic()
    async with httpx.AsyncClient(
        base_url=base_url,
        verify=shared_ssl_context(),
        transport=transport,
        timeout=http_timeout or DEFAULT_TIMEOUT,
        headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
    ) as http:
        try:
            response = await http.post(TOKEN_PATH, data=form)
        except httpx.TimeoutException:
            raise OfflineError(Notice(Code.TIMED_OUT)) from None
        except httpx.TransportError:
            raise OfflineError(Notice(Code.UNREACHABLE)) from None
    log.info(
        "POST %s -> %s in %.0f ms", TOKEN_PATH, response.status_code, (time.monotonic() - started) * 1000
    )
    status = response.status_code
    if status == 200:
        try:
            data = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise BadReplyError(Notice(Code.TOKEN_NOT_JSON)) from None
        wire = schemas.parse_wire(schemas.TokenWire, data, "token reply")
        now = utcnow()
        return TokenSet(
            access_token=wire.access_token,
            refresh_token=wire.refresh_token,
            expires_at=now + timedelta(seconds=wire.expires_in),
            token_type=wire.token_type,
            issued_at=now,
        )
    error, description = _oauth_error(response)
    if status in (400, 401) and error in ("invalid_grant", "invalid_client", "unauthorized_client"):
        raise AuthError(rejected)
    if status == 429:
        raise RateLimitedError(
            Notice(Code.SIGN_IN_RATE_LIMITED),
            parse_retry_after(response.headers.get("Retry-After")),
        )
    if status >= 500:
        raise ServerError(Notice(Code.SIGN_IN_SERVER_ERROR, (status,)), status)
    raise RequestRejected(
        Notice.text(description) if description else Notice(Code.SIGN_IN_REFUSED, (status,)), status)


def _oauth_error(response: httpx.Response) -> tuple[str, str]:
    """The OAuth ``error`` code and ``error_description`` (RFC 6749 §5.2), or empty strings."""
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return "", ""
    if not isinstance(data, dict):
        return "", ""
    error = data.get("error")
    description = data.get("error_description") or data.get("detail")
    return (error if isinstance(error, str) else "", description if isinstance(description, str) else "")
