"""OAuth 2 codes and tokens, with Upwork's refresh-token rotation.

Rotation as described by Upwork's maintainer (github.com/upwork/python-upwork-oauth2 issue #11): every refresh
returns a new refresh token: "a new refresh token is valid for 14 days, while we change expiration date for
old refresh token to now + 24 hours". A dead refresh token gives `invalid_grant` / "Refresh token is expired
or revoked or not registered" (same issue). The token reply mirrors the sample in that library's
example/myapp.py, including `expires_in` as a STRING ("86400").
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from . import CLIENT_ID, CLIENT_SECRET
from .config import UpworkConfig
from .db import Database

REFRESH_DEAD = "Refresh token is expired or revoked or not registered"


class OAuthError(Exception):
    """A token-endpoint failure: HTTP status plus the RFC 6749 error body."""

    def __init__(self, status: int, error: str, description: str | None = None) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.description = description

    def body(self) -> dict[str, str]:
        body = {"error": self.error}
        if self.description:
            body["error_description"] = self.description
        return body


def client_ok(client_id: str | None, client_secret: str | None) -> bool:
    return (
        client_id == CLIENT_ID
        and client_secret is not None
        and secrets.compare_digest(client_secret, CLIENT_SECRET)
    )


class TokenService:
    def __init__(self, db: Database, config: UpworkConfig) -> None:
        self.db = db
        self.config = config

    def new_code(self, user_id: str, client_id: str, redirect_uri: str) -> str:
        code = secrets.token_urlsafe(24)
        self.db.insert(
            "auth_codes",
            {
                "code": code,
                "client_id": client_id,
                "redirect_uri": redirect_uri,
                "user_id": user_id,
                "expires_at": time.time() + self.config.code_ttl,
            },
        )
        return code

    def issue(self, user_id: str, client_id: str = CLIENT_ID) -> dict[str, Any]:
        now = time.time()
        access, refresh = "oauth2v2_" + secrets.token_hex(16), "oauth2v2_" + secrets.token_hex(16)
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO access_tokens VALUES (?, ?, ?, ?)",
                (access, user_id, client_id, now + self.config.access_token_ttl),
            )
            conn.execute(
                "INSERT INTO refresh_tokens (token, user_id, client_id, expires_at) VALUES (?, ?, ?, ?)",
                (refresh, user_id, client_id, now + self.config.refresh_token_ttl),
            )
        return {
            "access_token": access,
            "refresh_token": refresh,
            "token_type": "Bearer",
            "expires_in": str(int(self.config.access_token_ttl)),
        }

    def exchange_code(self, code: str, redirect_uri: str, client_id: str) -> dict[str, Any]:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT * FROM auth_codes WHERE code = ?", (code,)).fetchone()
            if row is None or row["used"] or row["expires_at"] < time.time():
                raise OAuthError(
                    400, "invalid_grant", "Authorization code is invalid, expired or already used"
                )
            # Spent by this attempt whatever happens next (committed before the checks below).
            conn.execute("UPDATE auth_codes SET used = 1 WHERE code = ?", (code,))
        if row["client_id"] != client_id or row["redirect_uri"] != redirect_uri:
            raise OAuthError(400, "invalid_grant", "redirect_uri or client_id does not match the code")
        user_id = str(row["user_id"])
        return self.issue(user_id, client_id)

    def refresh(self, token: str, client_id: str) -> dict[str, Any]:
        now = time.time()
        with self.db.transaction() as conn:
            row = conn.execute("SELECT * FROM refresh_tokens WHERE token = ?", (token,)).fetchone()
            if row is None or row["revoked"] or row["expires_at"] <= now or row["client_id"] != client_id:
                raise OAuthError(400, "invalid_grant", REFRESH_DEAD)
            grace_end = min(float(row["expires_at"]), now + self.config.old_refresh_grace)
            conn.execute("UPDATE refresh_tokens SET expires_at = ? WHERE token = ?", (grace_end, token))
            user_id = str(row["user_id"])
        return self.issue(user_id, client_id)

    def user_for_access_token(self, token: str) -> str | None:
        row = self.db.one("SELECT user_id, expires_at FROM access_tokens WHERE token = ?", (token,))
        if row is None or row["expires_at"] <= time.time():
            return None
        return str(row["user_id"])

    def revoke_refresh(self, token: str) -> None:
        self.db.execute("UPDATE refresh_tokens SET revoked = 1 WHERE token = ?", (token,))
