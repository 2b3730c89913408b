"""OAuth 2.0 token endpoint (password and refresh_token grants) and the bearer-token dependency."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .config import SandboxConfig
from .problems import ProblemError
from .schemas import OAuthError, TokenResponse
from .store import Account, Store

SCOPE = "marketplace"

bearer_scheme = HTTPBearer(auto_error=False, description="An access token from POST /oauth/token")


def current_account(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Account:
    """The caller of a /v1 endpoint, or a 401 problem (with WWW-Authenticate: Bearer)."""
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise ProblemError(401, "unauthorized", "an Authorization: Bearer <access_token> header is required")
    store: Store = request.app.state.store
    account = store.account_for_token(credentials.credentials)
    if account is None:
        raise ProblemError(401, "unauthorized", "the access token is invalid or has expired")
    return account


CallerDep = Annotated[Account, Depends(current_account)]

_TOKEN_FORM_SCHEMA = {
    "type": "object",
    "required": ["grant_type"],
    "properties": {
        "grant_type": {"type": "string", "enum": ["password", "refresh_token"]},
        "username": {"type": "string", "description": "email (password grant)"},
        "password": {"type": "string", "description": "password grant"},
        "refresh_token": {"type": "string", "description": "refresh_token grant"},
        "scope": {"type": "string"},
    },
}


def oauth_error(error: str, description: str) -> JSONResponse:
    """OAuth errors keep the RFC 6749 shape (not problem+json), as the contract says."""
    return JSONResponse(
        {"error": error, "error_description": description},
        status_code=400,
        headers={"Cache-Control": "no-store"},
    )


def build_oauth_router(store: Store, config: SandboxConfig) -> APIRouter:
    router = APIRouter(tags=["auth"])

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
    async def token(request: Request) -> JSONResponse:
        # Parsed by hand: FastAPI's Form() needs python-multipart, which the sandbox does not depend on.
        raw = (await request.body()).decode("utf-8", errors="replace")
        form = {key: values[0] for key, values in parse_qs(raw, keep_blank_values=True).items()}
        grant = form.get("grant_type", "")
        if grant == "password":
            account = store.check_password(form.get("username", ""), form.get("password", ""))
            if account is None:
                return oauth_error("invalid_grant", "wrong email or password")
        elif grant == "refresh_token":
            account = store.account_for_token(form.get("refresh_token", ""), kind="refresh")
            if account is None:
                return oauth_error("invalid_grant", "the refresh token is invalid or has expired")
        elif not grant:
            return oauth_error("invalid_request", "grant_type is required")
        else:
            return oauth_error("unsupported_grant_type", f"grant_type {grant!r} is not supported")
        access, refresh = store.issue_tokens(account.id, config.access_token_ttl, config.refresh_token_ttl)
        body = {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": config.access_token_ttl,
            "refresh_token": refresh,
            "scope": SCOPE,
        }
        return JSONResponse(body, headers={"Cache-Control": "no-store"})

    return router
