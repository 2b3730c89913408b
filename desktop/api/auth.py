"""OAuth 2.0 token grants against ``POST /oauth/token`` and the token pair the app holds.

Tokens never appear in reprs, log lines or error messages.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

import httpx

from desktop import __version__
from desktop.api.lazy import LazyModule
from desktop.api.retry import parse_retry_after
from desktop.api.tls import shared_ssl_context
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


class TokenSource(Protocol):
    """Where requests get their bearer token, and who renews it when the server refuses it."""

    async def access_token(self) -> str | None:
        """The bearer token to send now (None: send the request without one)."""
        ...

    async def refresh_after_unauthorized(self, rejected_token: str | None) -> bool:
        """The server refused ``rejected_token``; get a new one. True means: retry the request once."""
        ...


@dataclass(frozen=True, slots=True, repr=False)
class TokenSet:
    access_token: str
    refresh_token: str | None
    expires_at: datetime
    token_type: str = "Bearer"
    issued_at: datetime | None = None

    def expires_within(self, seconds: float, now: datetime | None = None) -> bool:
        return (now or utcnow()) + timedelta(seconds=seconds) >= self.expires_at

    @property
    def lifetime(self) -> timedelta | None:
        """How long the access token was issued for (None when unknown, e.g. restored from an old entry)."""
        return None if self.issued_at is None else self.expires_at - self.issued_at

    def __repr__(self) -> str:
        refresh = "<redacted>" if self.refresh_token else None
        return (
            f"TokenSet(access_token=<redacted>, refresh_token={refresh}, "
            f"expires_at={self.expires_at.isoformat()}, token_type={self.token_type!r})"
        )

    __str__ = __repr__


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
