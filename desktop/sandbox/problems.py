"""RFC 9457 problem+json responses for every error the sandbox returns (OAuth token errors excepted)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

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


def install_problem_handlers(app: FastAPI) -> None:
    async def on_problem(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ProblemError)
        return exc.to_response()

    async def on_http_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else None
        return problem_response(exc.status_code, detail=detail, headers=exc.headers)

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

    async def on_unexpected(_request: Request, _exc: Exception) -> Response:
        return problem_response(500, "server-error", detail="unexpected server error")

    app.add_exception_handler(ProblemError, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(Exception, on_unexpected)
