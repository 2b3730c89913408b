"""The token pair the app holds, and where requests get their bearer token.

Apart from ``auth.py`` (the grants, over httpx) so that the session, the keychain and the window's first
frame can hold tokens without importing the HTTP stack. Tokens never appear in reprs, log lines or error
messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from desktop.core.clock import utcnow


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
