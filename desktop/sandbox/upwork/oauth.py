"""Upwork's OAuth 2 endpoints: GET/POST /ab/account-security/oauth2/authorize and POST /api/v3/oauth2/token.

Paths from upwork/python-upwork-oauth2 client.py (`/ab/account-security/oauth2/authorize` on www.upwork.com,
`/api/v3/oauth2/token`); form fields from muhammedaksam/upwork-node src/lib/auth.ts (authorization_code:
code, redirect_uri, client_id, client_secret; refresh_token: refresh_token, client_id, client_secret).
Scopes live on the key, not in the URL (third-party notes: `scope=` gives invalid_scope): `scope` is ignored.

The demo key accepts any loopback redirect (http://127.0.0.1:<port>/… or http://localhost:<port>/…, the
desktop app's listener) and https://atelier.invalid/callback (the "paste the callback URL" flow of
python-upwork-oauth2's example/myapp.py).
"""

from __future__ import annotations

import secrets
import threading
import time
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from . import CLIENT_ID
from .db import Database
from .pages import consent_page, error_page, sign_in_page
from .tokens import OAuthError, TokenService, client_ok

AUTHORIZE_PATH = "/ab/account-security/oauth2/authorize"
TOKEN_PATH = "/api/v3/oauth2/token"
APP_NAME = "Atelier (demo key)"
PASTE_REDIRECT = "https://atelier.invalid/callback"
LOGIN_TICKET_TTL = 600.0
REQUEST_FIELDS = ("response_type", "client_id", "redirect_uri", "state")


def redirect_allowed(uri: str) -> bool:
    if uri == PASTE_REDIRECT:
        return True
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError:
        return False
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost") and port is not None


async def read_form(request: Request) -> dict[str, str]:
    """An application/x-www-form-urlencoded body (parsed here: Starlette's form() needs python-multipart)."""
    body = (await request.body()).decode("utf-8", errors="replace")
    return dict(parse_qsl(body, keep_blank_values=True))


def with_query(uri: str, params: dict[str, str]) -> str:
    return uri + ("&" if urlsplit(uri).query else "?") + urlencode(params)


class OAuthRoutes:
    def __init__(self, db: Database, tokens: TokenService) -> None:
        self.db = db
        self.tokens = tokens
        self._tickets: dict[str, tuple[str, float]] = {}  # consent ticket -> (user id, expiry)
        self._lock = threading.Lock()

    def routes(self) -> list[Route]:
        return [
            Route(AUTHORIZE_PATH, self.authorize, methods=["GET", "POST"]),
            Route(TOKEN_PATH, self.token, methods=["POST"]),
        ]

    # ---- authorize -------------------------------------------------------------------------------------

    async def authorize(self, request: Request) -> Response:
        form: dict[str, str] = {}
        if request.method == "POST":
            form = await read_form(request)
        params = {k: form.get(k, request.query_params.get(k, "")) for k in REQUEST_FIELDS}
        if params["client_id"] != CLIENT_ID:
            return HTMLResponse(error_page("Unknown client_id: this API key is not registered."), 400)
        if not redirect_allowed(params["redirect_uri"]):
            return HTMLResponse(error_page("The redirect_uri is not allowed for this API key."), 400)
        hidden = {k: v for k, v in params.items() if v}
        if params["response_type"] != "code":
            return self._back(params, {"error": "unsupported_response_type"})
        if request.method == "GET":
            return HTMLResponse(sign_in_page(AUTHORIZE_PATH, hidden))
        if form.get("step") == "consent":
            user_id = self._take_ticket(form.get("ticket", ""))
            if user_id is None:
                return HTMLResponse(sign_in_page(AUTHORIZE_PATH, hidden, error="Your session expired."), 400)
            if form.get("decision") != "allow":
                return self._back(params, {"error": "access_denied"})
            code = self.tokens.new_code(user_id, params["client_id"], params["redirect_uri"])
            return self._back(params, {"code": code})
        email = form.get("email", "").strip().lower()
        user = self.db.one("SELECT id, first_name, last_name, password FROM users WHERE email = ?", (email,))
        if user is None or not secrets.compare_digest(str(user["password"]), form.get("password", "")):
            page = sign_in_page(
                AUTHORIZE_PATH, hidden, email=email, error="Username or password is incorrect."
            )
            return HTMLResponse(page, 401)
        ticket = secrets.token_urlsafe(18)
        with self._lock:
            self._tickets[ticket] = (str(user["id"]), time.time() + LOGIN_TICKET_TTL)
        name = f"{user['first_name']} {user['last_name']}"
        return HTMLResponse(consent_page(AUTHORIZE_PATH, {**hidden, "ticket": ticket}, APP_NAME, name))

    def _take_ticket(self, ticket: str) -> str | None:
        with self._lock:
            entry = self._tickets.pop(ticket, None)
        return None if entry is None or entry[1] < time.time() else entry[0]

    @staticmethod
    def _back(params: dict[str, str], result: dict[str, str]) -> Response:
        if params["state"]:
            result = {**result, "state": params["state"]}
        return RedirectResponse(with_query(params["redirect_uri"], result), status_code=302)

    # ---- token -----------------------------------------------------------------------------------------

    async def token(self, request: Request) -> Response:
        form = await read_form(request)
        try:
            body = self._grant(form)
        except OAuthError as exc:
            return JSONResponse(exc.body(), exc.status)
        return JSONResponse(body, headers={"Cache-Control": "no-store"})

    def _grant(self, form: dict[str, str]) -> dict[str, Any]:
        grant = form.get("grant_type")
        if grant not in ("authorization_code", "refresh_token"):
            raise OAuthError(400, "unsupported_grant_type")
        if not client_ok(form.get("client_id"), form.get("client_secret")):
            raise OAuthError(401, "invalid_client")
        if grant == "authorization_code":
            if not form.get("code"):
                raise OAuthError(400, "invalid_request", "code is required")
            return self.tokens.exchange_code(form["code"], form.get("redirect_uri", ""), form["client_id"])
        if not form.get("refresh_token"):
            raise OAuthError(400, "invalid_request", "refresh_token is required")
        return self.tokens.refresh(form["refresh_token"], form["client_id"])
