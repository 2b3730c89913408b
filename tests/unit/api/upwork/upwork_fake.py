"""A scripted Upwork GraphQL endpoint for unit tests (httpx.MockTransport).

The real Upwork-shaped server (desktop/sandbox/upwork) is being written in parallel; the integration
tests will run the adapter against it. These fakes only script replies the tests need to control.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from desktop.api.auth import TokenSet
from desktop.api.client import StaticTokens

SCHEMA = Path(__file__).resolve().parents[4] / "desktop" / "sandbox" / "upwork" / "schema.graphql"

Handler = Callable[[dict[str, Any]], dict[str, Any]]


def tokens(access: str = "at-1") -> StaticTokens:
    return StaticTokens(TokenSet(access, None, datetime.now(UTC) + timedelta(hours=1)))


class FakeUpwork:
    """Answers each operation by name with ``{"data": handler(variables)}``; records every request."""

    def __init__(self, **handlers: Handler) -> None:
        self.handlers = handlers
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        body = json.loads(request.content)
        name = body["operationName"]
        variables = body.get("variables") or {}
        self.calls.append((name, variables))
        if name not in self.handlers:
            return httpx.Response(200, json={"data": None, "errors": [{"message": f"no handler {name}"}]})
        return httpx.Response(200, json={"data": self.handlers[name](variables)})

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]


def money(raw: str, currency: str = "USD") -> dict[str, str]:
    return {"rawValue": raw, "currency": currency, "displayValue": f"${raw}"}


def search_node(n: int, published: str, *, fixed: str = "0.0", ciphertext: str | None = None,
                category: str = "Web Development") -> dict[str, Any]:
    """A realistic ``MarketplaceJobPostingSearchResult`` (nulls where Upwork sends them)."""
    return {
        "id": f"search-{n}",
        "job": {"id": f"{1000 + n}"},
        "title": f"Job {n}",
        "description": "Build a thing",
        "ciphertext": ciphertext if ciphertext is not None else f"~01job{n}",
        "duration": None,
        "durationLabel": "1 to 3 months",
        "amount": money(fixed),
        "hourlyBudgetMin": money("30.0") if fixed == "0.0" else None,
        "hourlyBudgetMax": money("55.5") if fixed == "0.0" else None,
        "experienceLevel": "EXPERT",
        "category": category,
        "totalApplicants": 12,
        "createdDateTime": published,
        "publishedDateTime": published,
        "renewedDateTime": None,
        "engagementDuration": None,
        "skills": [{"name": "python", "prettyName": "Python"}, {"name": "qt", "prettyName": ""}],
        "client": {
            "totalHires": 7,
            "totalSpent": money("12500.5"),
            "verificationStatus": "VERIFIED",
            "totalFeedback": 4.87,
            "totalReviews": 5,
            "companyOrgUid": "org-9",
            "location": {"country": "Germany"},
        },
    }
