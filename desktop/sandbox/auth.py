"""OAuth 2.0 for native apps (RFC 8252) with PKCE (RFC 7636), token rotation and revocation (RFC 7009),
and the bearer-token dependency of the /v1 endpoints.

- GET /oauth/authorize: the sign-in + consent page. Only a known client and a loopback redirect URI
  (``http://127.0.0.1:<any port>/<path>``, RFC 8252 §7.3) are accepted; PKCE S256 is required.
- POST /oauth/authorize: checks the password; a wrong one re-shows the form. Then 302 to the redirect URI
  with ``code`` and ``state`` (or ``error=access_denied`` when the user cancels).
- POST /oauth/token: ``authorization_code`` (single-use, short-lived codes; a replayed code revokes what it
  issued, RFC 6749 §4.1.2), ``refresh_token`` (rotated; the old one keeps working for a grace period), and
  ``password`` (the embedded demo signs in with it).
- POST /oauth/revoke: RFC 7009.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections import Counter
from typing import Annotated
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit, urlunsplit

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .config import SandboxConfig
from .guard import ACCOUNT_SCOPE_KEY, SignInThrottle, retry_after, signin_key
from .problems import ProblemError, problem_response
from .schemas import OAuthError, TokenResponse
from .signin_page import error_page, sign_in_page
from .store import Account, Store

SCOPE = "marketplace"
MARKETPLACE_NAME = "Atelier Marketplace"
# Public clients this server knows (RFC 8252 §8.4: native apps cannot keep a secret, so none is issued).
CLIENTS = {"atelier-desktop": "Atelier for desktop"}
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1"})
# RFC 7636 §4.1: 43..128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"
VERIFIER_SHAPE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")
CHALLENGE_SHAPE = re.compile(r"^[A-Za-z0-9\-_]{43}$")
AUTHORIZE_FIELDS = (
    "response_type", "client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method", "scope"
)
# The page must never be framed (clickjacking the consent) nor cached; it loads nothing remote.
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}

bearer_scheme = HTTPBearer(auto_error=False, description="An access token from POST /oauth/token")


def current_account(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Account:
    """The caller of a /v1 endpoint, or a 401 problem (with WWW-Authenticate: Bearer).

    The request guard has normally checked the token already (before the body was read) and left the account
    in the scope; the check here serves an app without the guard.
    """
    known = request.scope.get(ACCOUNT_SCOPE_KEY)
    if isinstance(known, Account):
        return known
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise ProblemError(401, "unauthorized", "an Authorization: Bearer <access_token> header is required")
    store: Store = request.app.state.store
    account = store.account_for_token(credentials.credentials)
    if account is None:
        raise ProblemError(401, "unauthorized", "the access token is invalid, expired or revoked")
    return account


CallerDep = Annotated[Account, Depends(current_account)]

_TOKEN_FORM_SCHEMA = {
    "type": "object",
    "required": ["grant_type"],
    "properties": {
        "grant_type": {"type": "string", "enum": ["authorization_code", "refresh_token", "password"]},
        "code": {"type": "string", "description": "authorization_code grant"},
        "redirect_uri": {"type": "string", "description": "authorization_code grant: as sent to authorize"},
        "client_id": {"type": "string", "description": "authorization_code grant (public client)"},
        "code_verifier": {"type": "string", "description": "authorization_code grant: the PKCE verifier"},
        "refresh_token": {"type": "string", "description": "refresh_token grant"},
        "username": {"type": "string", "description": "email (password grant)"},
        "password": {"type": "string", "description": "password grant"},
        "scope": {"type": "string"},
    },
}
_REVOKE_FORM_SCHEMA = {
    "type": "object",
    "required": ["token"],
    "properties": {
        "token": {"type": "string"},
        "token_type_hint": {
            "type": "string",
            "description": "access_token or refresh_token; a hint only: every kind of token is looked for,"
            " and other values are ignored (RFC 7009 §2.1)",
        },
        "client_id": {"type": "string"},
    },
}
_AUTHORIZE_QUERY_DESCRIPTIONS = {
    "response_type": "code",
    "client_id": "atelier-desktop (an unknown client gets an error page)",
    "redirect_uri": "http://127.0.0.1:PORT/PATH or http://[::1]:PORT/PATH (anything else gets an error page)",
    "state": "required; sent back with the code or the error",
    "code_challenge": "PKCE: BASE64URL(SHA-256(code_verifier)), 43 characters",
    "code_challenge_method": "S256",
    "scope": "marketplace (or empty)",
}
# Not `required`: a missing one is answered (an error page, or a redirect with error=...), as RFC 6749 says.
_AUTHORIZE_QUERY = [
    {"name": name, "in": "query", "required": False, "schema": {"type": "string"}, "description": description}
    for name, description in _AUTHORIZE_QUERY_DESCRIPTIONS.items()
]
_AUTHORIZE_FORM_SCHEMA = {
    "type": "object",
    "properties": {
        **{name: {"type": "string"} for name in AUTHORIZE_FIELDS},
        "email": {"type": "string"},
        "password": {"type": "string"},
        "decision": {"type": "string", "enum": ["allow", "deny"]},
    },
}


def oauth_error(error: str, description: str) -> JSONResponse:
    """OAuth errors keep the RFC 6749 shape (not problem+json), as the contract says."""
    return JSONResponse(
        {"error": error, "error_description": description},
        status_code=400,
        headers={"Cache-Control": "no-store"},
    )


def pkce_s256(verifier: str) -> str:
    """RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))), without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def is_loopback_redirect(uri: str) -> bool:
    """http, a loopback IP literal and an explicit port (RFC 8252 §7.3); no user info, no fragment."""
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError:
        return False
    return (
        parts.scheme == "http"
        and parts.hostname in LOOPBACK_HOSTS
        and port is not None
        and "@" not in parts.netloc
        and not parts.fragment
    )


def redirect_with(redirect_uri: str, **params: str) -> RedirectResponse:
    parts = urlsplit(redirect_uri)
    query = parse_qsl(parts.query, keep_blank_values=True) + [(k, v) for k, v in params.items() if v]
    target = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
    return RedirectResponse(target, status_code=302, headers={"Cache-Control": "no-store"})


async def read_form(request: Request) -> dict[str, str]:
    # Parsed by hand: FastAPI's Form() needs python-multipart, which the sandbox does not depend on.
    raw = (await request.body()).decode("utf-8", errors="replace")
    return {key: values[0] for key, values in parse_qs(raw, keep_blank_values=True).items()}


def html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=PAGE_HEADERS)


def check_authorize_request(params: dict[str, str]) -> Response | None:
    """None when the request may proceed; otherwise the answer (an error page, or a redirect with error).

    Per RFC 6749 §4.1.2.1, a bad client or redirect URI is never redirected to: the page says what is wrong.
    """
    client_id = params.get("client_id", "")
    redirect_uri = params.get("redirect_uri", "")
    if client_id not in CLIENTS:
        return html(error_page("Unknown application", "This sign-in link names an unknown application."), 400)
    if not is_loopback_redirect(redirect_uri):
        return html(
            error_page(
                "Sign-in link not accepted",
                "The app asked to be sent back to an address that is not on this computer "
                "(a loopback address such as http://127.0.0.1:PORT/ is required).",
            ),
            400,
        )
    state = params.get("state", "")
    if params.get("response_type") != "code":
        return redirect_with(redirect_uri, error="unsupported_response_type", state=state)
    if not state:
        return redirect_with(redirect_uri, error="invalid_request", error_description="state is required")
    if params.get("code_challenge_method") != "S256" or not CHALLENGE_SHAPE.match(
        params.get("code_challenge", "")
    ):
        return redirect_with(
            redirect_uri,
            error="invalid_request",
            error_description="PKCE is required: code_challenge with code_challenge_method=S256",
            state=state,
        )
    if params.get("scope", SCOPE) not in ("", SCOPE):
        return redirect_with(redirect_uri, error="invalid_scope", state=state)
    return None


def build_oauth_router(store: Store, config: SandboxConfig) -> APIRouter:
    router = APIRouter(tags=["auth"])
    # Grants answered with tokens, by grant type (tests count refreshes with it).
    issued: Counter[str] = store.token_grants_issued

    throttle = SignInThrottle(config.signin_free_failures, config.signin_delay, config.signin_max_delay)

    def authorize_form(
        params: dict[str, str], *, email: str = "", error: str | None = None, wait: float = 0.0
    ) -> HTMLResponse:
        hidden = {name: params.get(name, "") for name in AUTHORIZE_FIELDS}
        page = sign_in_page(
            marketplace=MARKETPLACE_NAME,
            client_name=CLIENTS[params["client_id"]],
            hidden=hidden,
            email=email,
            error=error,
        )
        if not wait:
            return html(page, 200)
        response = html(page, 429)
        response.headers["Retry-After"] = retry_after(wait)
        return response

    @router.get(
        "/oauth/authorize",
        response_class=HTMLResponse,
        responses={302: {"description": "back to the redirect_uri with an error"},
                   400: {"description": "unknown client or non-loopback redirect_uri (an HTML page)"}},
        openapi_extra={"parameters": _AUTHORIZE_QUERY},
    )
    def authorize(request: Request) -> Response:
        """The sign-in and consent page (RFC 6749 §4.1.1 with PKCE, RFC 7636 §4.3)."""
        params = dict(request.query_params)
        refused = check_authorize_request(params)
        return refused or authorize_form(params)

    @router.post(
        "/oauth/authorize",
        response_class=HTMLResponse,
        responses={
            302: {"description": "back to the redirect_uri with code + state, or error=access_denied"},
            400: {
                "description": "unknown client or non-loopback redirect_uri (an HTML page)",
                "content": {"text/html": {"schema": {"type": "string"}}},
            },
            429: {
                "description": "the form again: too many failed sign-ins in a row for this e-mail address;"
                " the next attempt is looked at after Retry-After seconds",
                "content": {"text/html": {"schema": {"type": "string"}}},
            },
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/x-www-form-urlencoded": {"schema": _AUTHORIZE_FORM_SCHEMA}},
            }
        },
    )
    async def authorize_submit(request: Request) -> Response:
        form = await read_form(request)
        params = {name: form.get(name, "") for name in AUTHORIZE_FIELDS}
        refused = check_authorize_request(params)  # the hidden fields are as untrusted as the query was
        if refused is not None:
            return refused
        if form.get("decision") == "deny":
            return redirect_with(params["redirect_uri"], error="access_denied", state=params["state"])
        email = form.get("email", "").strip()
        key = signin_key(request.client.host if request.client else None, email)
        wait = throttle.wait_left(key)
        if wait:
            return authorize_form(
                params, email=email, wait=wait,
                error=f"Too many failed attempts. Please wait {retry_after(wait)} seconds and try again.",
            )
        account = store.check_password(email, form.get("password", ""))
        if account is None:
            throttle.failed(key)
            return authorize_form(params, email=email, error="Wrong e-mail or password. Please try again.")
        throttle.succeeded(key)
        if account.role != "freelancer":
            return authorize_form(
                params, email=email,
                error="Atelier is for freelancer accounts; clients manage their jobs on the website.",
            )
        code = store.create_authorization_code(
            account.id, params["client_id"], params["redirect_uri"], params["code_challenge"], SCOPE,
            config.code_ttl,
        )
        return redirect_with(params["redirect_uri"], code=code, state=params["state"])

    @router.post(
        "/oauth/token",
        response_model=TokenResponse,
        responses={400: {"model": OAuthError, "description": "invalid_grant / invalid_request"}},
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/x-www-form-urlencoded": {"schema": _TOKEN_FORM_SCHEMA}},
            }
        },
    )
    async def token(request: Request) -> Response:
        form = await read_form(request)
        grant = form.get("grant_type", "")
        if grant == "authorization_code":
            return exchange_code(form)
        if grant == "refresh_token":
            outcome = store.rotate_refresh_token(
                form.get("refresh_token", ""), config.access_token_ttl, config.refresh_token_ttl,
                config.refresh_grace,
            )
            if outcome.status == "reused":
                return oauth_error(
                    "invalid_grant",
                    "the refresh token was already used; this sign-in has been revoked for safety",
                )
            if outcome.status != "issued":
                return oauth_error("invalid_grant", "the refresh token is invalid, expired or revoked")
            issued["refresh_token"] += 1
            return token_reply(outcome.access_token, outcome.refresh_token)
        if grant == "password":
            username = form.get("username", "")
            key = signin_key(request.client.host if request.client else None, username)
            wait = throttle.wait_left(key)
            if wait:
                return problem_response(
                    429, "rate-limited", detail="too many failed sign-ins; try again later",
                    headers={"Retry-After": retry_after(wait), "Cache-Control": "no-store"},
                )
            account = store.check_password(username, form.get("password", ""))
            if account is None:
                throttle.failed(key)
                return oauth_error("invalid_grant", "wrong email or password")
            throttle.succeeded(key)
            access, refresh = store.issue_tokens(
                account.id, config.access_token_ttl, config.refresh_token_ttl
            )
            issued["password"] += 1
            return token_reply(access, refresh)
        if not grant:
            return oauth_error("invalid_request", "grant_type is required")
        return oauth_error("unsupported_grant_type", f"grant_type {grant!r} is not supported")

    def exchange_code(form: dict[str, str]) -> JSONResponse:
        required = ("code", "redirect_uri", "client_id", "code_verifier")
        missing = [name for name in required if not form.get(name)]
        if missing:
            return oauth_error("invalid_request", f"missing: {', '.join(missing)}")
        if form["client_id"] not in CLIENTS:
            return oauth_error("invalid_client", "unknown client_id")
        record = store.consume_authorization_code(form["code"])
        if record is None:
            return oauth_error("invalid_grant", "the authorization code is not valid")
        if record.already_used:
            store.revoke_grant(record.grant_id)
            return oauth_error(
                "invalid_grant", "the authorization code was already used; tokens issued for it are revoked"
            )
        if record.expired:
            return oauth_error("invalid_grant", "the authorization code has expired")
        if record.client_id != form["client_id"] or record.redirect_uri != form["redirect_uri"]:
            return oauth_error(
                "invalid_grant", "client_id or redirect_uri differ from the authorization request"
            )
        if not VERIFIER_SHAPE.match(form["code_verifier"]):
            return oauth_error("invalid_request", "code_verifier must be 43-128 unreserved characters")
        if not hmac.compare_digest(pkce_s256(form["code_verifier"]), record.code_challenge):
            return oauth_error("invalid_grant", "code_verifier does not match the code_challenge")
        access, refresh = store.issue_tokens(
            record.account_id, config.access_token_ttl, config.refresh_token_ttl, grant_id=record.grant_id
        )
        issued["authorization_code"] += 1
        return token_reply(access, refresh)

    def token_reply(access: str, refresh: str) -> JSONResponse:
        body = {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": config.access_token_ttl,
            "refresh_token": refresh,
            "scope": SCOPE,
        }
        return JSONResponse(body, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})

    @router.post(
        "/oauth/revoke",
        status_code=200,
        response_class=Response,
        responses={
            200: {"description": "revoked, or already unknown (RFC 7009 §2.2: 200 either way); no body"},
            400: {"model": OAuthError, "description": "invalid_request: no token"},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/x-www-form-urlencoded": {"schema": _REVOKE_FORM_SCHEMA}},
            }
        },
    )
    async def revoke(request: Request) -> Response:
        form = await read_form(request)
        if not form.get("token"):
            return oauth_error("invalid_request", "token is required")
        store.revoke_token(form["token"])
        return Response(status_code=200, headers={"Cache-Control": "no-store"})

    return router
