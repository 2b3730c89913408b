"""Every operation of the committed OpenAPI document (resources/openapi.json), walked with generated inputs.

Schemathesis derives valid inputs (positive mode) and inputs that break the schema (negative mode) for each
operation and sends them to the real sandbox server on loopback, signed in as the demo freelancer. A test
fails on any 5xx, any status the document does not list for the operation, any response whose content type,
headers or body do not match the document, and any invalid input the server accepts with a 2xx.

Deterministic: hypothesis is derandomized (the same inputs on every run) and keeps no example database.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

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
    unlimited = {"token_burst": 10**6, "ip_burst": 10**6, "signin_free_failures": 10**6}
    with SandboxServer(db, seed=5, jobs=80, **unlimited) as running:
        yield running


@pytest.fixture(scope="module")
def http(walked_server: SandboxServer) -> Iterator[requests.Session]:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {walked_server.token_for('demo@atelier.test')}"
    yield session
    session.close()


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
schema = schema.exclude(path="/v1/events")


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
    case: schemathesis.Case, walked_server: SandboxServer, http: requests.Session
) -> None:
    case.call_and_validate(base_url=walked_server.url, session=http, checks=CHECKS, timeout=10)
