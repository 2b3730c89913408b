"""Every operation of the committed OpenAPI document (resources/openapi.json), walked with generated inputs.

Schemathesis derives valid inputs (positive mode) and inputs that break the schema (negative mode) for each
operation and sends them to the real sandbox server on loopback, signed in as the demo freelancer. A test
fails on any 5xx, any status the document does not list for the operation, any response whose content type,
headers or body do not match the document, and any invalid input the server accepts with a 2xx.

Generated ids rarely name anything, so two of three valid cases get a real id of the walked account instead
(a job, room, proposal, invitation or saved search), and the sign-in endpoints the app's client, a loopback
redirect and the demo account: the walk then reaches the 2xx, 302 and 409 answers too.

Deterministic: hypothesis is derandomized (the same inputs on every run) and keeps no example database.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from desktop.sandbox.harness import SandboxServer

SNAPSHOT = Path(__file__).resolve().parents[2] / "resources" / "openapi.json"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
EXAMPLES_PER_OPERATION = 100


@pytest.fixture(scope="module")
def walked_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    """A private server: the walk creates saved searches and proposals the shared one must not see."""
    db = tmp_path_factory.mktemp("walk") / "walk.sqlite3"
    unlimited: dict[str, Any] = {"token_burst": 10**6, "ip_burst": 10**6, "signin_free_failures": 10**6}
    with SandboxServer(db, seed=5, jobs=80, **unlimited) as running:
        yield running


@pytest.fixture(scope="module")
def http(walked_server: SandboxServer) -> Iterator[requests.Session]:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {walked_server.token_for('demo@atelier.test')}"
    yield session
    session.close()


@pytest.fixture(scope="module")
def real_ids(walked_server: SandboxServer, http: requests.Session) -> dict[str, list[str]]:
    """Ids the demo freelancer can use, by the parameter (or body field) that takes them."""

    def ids(path: str, **params: Any) -> list[str]:
        response = http.get(f"{walked_server.url}{path}", params={"limit": 500, **params}, timeout=10)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    for name in ("walk one", "walk two"):
        body = {"name": name, "query": {"q": "python"}}
        created = http.post(f"{walked_server.url}/v1/saved-searches", json=body, timeout=10)
        assert created.status_code == 201, created.text
    rooms = ids("/v1/rooms")
    return {
        "job_id": ids("/v1/jobs"),
        "room_id": rooms,
        "proposal_id": ids("/v1/proposals"),
        "invitation_id": ids("/v1/invitations"),
        "search_id": ids("/v1/saved-searches"),
        "last_read_message_id": ids(f"/v1/rooms/{rooms[0]}/messages"),
        # the sign-in endpoints: the app's client, a loopback redirect, the demo account
        "client_id": ["atelier-desktop"],
        "redirect_uri": ["http://127.0.0.1:50123/oauth/callback"],
        "response_type": ["code"],
        "code_challenge_method": ["S256"],
        "code_challenge": ["E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"],
        "username": ["demo@atelier.test"],
        "email": ["demo@atelier.test"],
        "password": ["demo", "wrong"],
    }


SIGN_IN_FIELDS = frozenset({
    "client_id", "redirect_uri", "response_type", "code_challenge_method", "code_challenge", "username",
    "email",
})
"""Always replaced when present: a sign-in request only goes past its first check with all of them right."""


def use_real_ids(case: schemathesis.Case[Any], real: dict[str, list[str]]) -> None:
    """In two of three valid cases, each id becomes a real one (picked from the generated value, so the walk
    stays deterministic). Invalid cases are left as generated: their point is the invalid part."""
    meta = case.meta
    if meta is None or meta.generation.mode is not schemathesis.GenerationMode.POSITIVE:
        return

    def pick(name: str, generated: object) -> object:
        choices = real.get(name)
        text = str(generated)
        if not choices or (len(text) % 3 == 0 and name not in SIGN_IN_FIELDS):
            return generated
        return choices[(len(text) + sum(map(ord, text[:8]))) % len(choices)]

    if case.path_parameters:
        case.path_parameters = {name: pick(name, value) for name, value in case.path_parameters.items()}
    if case.query:
        case.query = {name: pick(name, value) for name, value in case.query.items()}
    if isinstance(case.body, dict):
        body: dict[str, Any] = {name: pick(name, value) for name, value in case.body.items()}
        case.body = body


schema = schemathesis.openapi.from_dict(json.loads(SNAPSHOT.read_text(encoding="utf-8")))
schema.config.generation.update(
    modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE],
    max_examples=EXAMPLES_PER_OPERATION,
    deterministic=True,
    database="none",
    # The demo freelancer's token goes with every request; leaving it out is test_auth's business.
    with_security_parameters=False,
    # Query parameters the document does not name are ignored, as HTTP servers do.
    allow_extra_parameters=False,
)
# An endless event stream cannot be read to its end; tests/sandbox/test_events.py covers it.
schema = schema.exclude(path="/v1/events")  # type: ignore[assignment]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_the_document(
    case: schemathesis.Case[Any],
    walked_server: SandboxServer,
    http: requests.Session,
    real_ids: dict[str, list[str]],
) -> None:
    use_real_ids(case, real_ids)
    case.call_and_validate(base_url=walked_server.url, session=http, checks=CHECKS, timeout=10)
