"""RFC 9457 problem+json responses for every error the sandbox returns (OAuth token errors excepted)."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("atelier.sandbox")

PROBLEM_BASE = "https://atelier.example/problems/"
PROBLEM_CONTENT_TYPE = "application/problem+json"

# status -> (slug, title) for statuses that are raised without an explicit slug (routing 404/405, etc.).
_DEFAULTS: dict[int, tuple[str, str]] = {
    400: ("validation", "Bad request"),
    401: ("unauthorized", "Authentication required"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("not-found", "Method not allowed"),
    409: ("conflict", "Conflict"),
    413: ("too-large", "Request body too large"),
    422: ("validation", "Validation failed"),
    429: ("rate-limited", "Too many requests"),
}


def problem_body(
    status: int, slug: str | None = None, title: str | None = None, detail: str | None = None, **extra: Any
) -> dict[str, Any]:
    default_slug, default_title = _DEFAULTS.get(status, ("server-error", "Server error"))
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + (slug or default_slug),
        "title": title or default_title,
        "status": status,
    }
    if detail is not None:
        body["detail"] = detail
    body.update(extra)
    return body


def problem_response(
    status: int,
    slug: str | None = None,
    title: str | None = None,
    detail: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> Response:
    body = problem_body(status, slug, title, detail, **extra)
    all_headers = dict(headers or {})
    if status == 401:
        all_headers.setdefault("WWW-Authenticate", "Bearer")
    return Response(
        json.dumps(body), status_code=status, media_type=PROBLEM_CONTENT_TYPE, headers=all_headers
    )


class ProblemError(Exception):
    """Raised anywhere in a request to answer with a problem document."""

    def __init__(
        self,
        status: int,
        slug: str | None = None,
        detail: str | None = None,
        *,
        title: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail or slug or str(status))
        self.status = status
        self.slug = slug
        self.detail = detail
        self.title = title
        self.headers = dict(headers or {})

    def to_response(self) -> Response:
        return problem_response(self.status, self.slug, self.title, self.detail, self.headers)


def not_found(what: str) -> ProblemError:
    return ProblemError(404, "not-found", f"{what} does not exist")


def conflict(detail: str) -> ProblemError:
    return ProblemError(409, "conflict", detail)


def validation(detail: str) -> ProblemError:
    return ProblemError(422, "validation", detail)


# What FastAPI raises (as a 400) for a body it cannot decode, e.g. JSON that is not UTF-8.
_UNREADABLE_BODY = "There was an error parsing the body"


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route of the app takes at this path (for Allow on a 405, RFC 9110 §15.5.6).

    Routing stops at the first route with the right path, so its 405 names that route's methods only; each
    method is tried here against all routes instead.
    """
    routes = request.app.router.routes
    return [
        method
        for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)
    ]


def install_problem_handlers(app: FastAPI) -> None:
    async def on_problem(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ProblemError)
        return exc.to_response()

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 400 and exc.detail == _UNREADABLE_BODY:
            # A body that is not UTF-8 JSON is a validation problem like any other malformed JSON.
            return problem_response(422, "validation", detail="the request body is not UTF-8 encoded JSON")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        detail = exc.detail if isinstance(exc.detail, str) else None
        return problem_response(exc.status_code, detail=detail, headers=headers)

    async def on_validation_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [
            {
                "loc": [str(part) for part in error.get("loc", ())],
                "msg": str(error.get("msg", "")),
                "type": str(error.get("type", "")),
            }
            for error in exc.errors()
        ]
        summary = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors) or "invalid request"
        return problem_response(422, "validation", detail=summary, errors=errors)

    app.add_exception_handler(ProblemError, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)


class UnexpectedErrorMiddleware:
    """Any exception a request ends with becomes a logged 500 problem+json on a connection that stays usable.

    (Starlette's own last-resort handler answers, then re-raises, and the server then drops the kept-alive
    connection without saying so.) An exception after the response has started cannot be answered: it is
    passed on, and the server closes the connection, which is all a half-sent response allows.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def noting_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, noting_send)
        except Exception:
            if started:
                raise
            log.exception("unexpected error answering %s %s", scope.get("method"), scope.get("path"))
            body = json.dumps(problem_body(500, "server-error", detail="unexpected server error")).encode()
            await send({
                "type": "http.response.start",
                "status": 500,
                "headers": [
                    (b"content-type", PROBLEM_CONTENT_TYPE.encode()),
                    (b"content-length", str(len(body)).encode()),
                ],
            })
            await send({"type": "http.response.body", "body": body, "more_body": False})
