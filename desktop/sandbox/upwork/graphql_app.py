"""POST /graphql: bearer-token gate (HTTP 401) in front of an ariadne app built from schema.graphql.

Upwork's GraphQL endpoint "always returns a 200 - OK status code, regardless of whether the operation
succeeded or failed", errors being {message, locations, extensions} entries (support.upwork.com "API error
handling"); ariadne answers 400 for documents that fail validation, so its JSON response is forced to 200
here. A missing, unknown or expired access token is refused before GraphQL with HTTP 401 and a JSON body (the
body's shape is the sandbox's; Upwork's is not documented). X-Upwork-API-TenantId picks the organization to
act as (python-upwork-oauth2 client.py); an id that is not in the user's companySelector fails every root
field.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ariadne import load_schema_from_path, make_executable_schema
from ariadne.asgi import GraphQL
from ariadne.asgi.handlers import GraphQLHTTPHandler
from graphql import GraphQLError, GraphQLSchema
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from .config import ScopeSwitch, UpworkConfig
from .context import Context
from .db import Database, Row
from .faults import FaultController
from .resolvers import bindables
from .resolvers.people import tenant_orgs
from .tokens import TokenService

SCHEMA_PATH = Path(__file__).with_name("schema.graphql")
AUTH_SCOPE_KEY = "upwork.sandbox.auth"
TENANT_HEADER = "x-upwork-api-tenantid"
LOGGER_NAME = "atelier.sandbox.upwork.graphql"
# ariadne logs every GraphQL error (most are the client's on purpose, in tests); they are in the reply anyway.
logging.getLogger(LOGGER_NAME).setLevel(logging.CRITICAL)


@lru_cache(maxsize=1)
def type_defs() -> str:
    return load_schema_from_path(str(SCHEMA_PATH))


def build_schema() -> GraphQLSchema:
    return make_executable_schema(type_defs(), *bindables())


def format_error(error: GraphQLError, debug: bool = False) -> dict[str, Any]:
    """graphql-core's format, plus an `extensions.classification` where the error has none.

    Upwork's errors carry extensions such as type ValidationError (support article "API error handling"); the
    names follow graphql-java, which Upwork's messages ("Validation error of type MissingFieldArgument") show.
    """
    formatted: dict[str, Any] = dict(error.formatted)
    if not formatted.get("extensions"):
        kind = "ValidationError" if not error.path else "DataFetchingException"
        formatted["extensions"] = {"classification": kind}
    return formatted


class AlwaysOkHandler(GraphQLHTTPHandler):
    async def create_json_response(self, request: Request, result: dict[str, Any], success: bool) -> Response:
        return JSONResponse(result, status_code=200)


@dataclass(frozen=True)
class Caller:
    user: Row
    tenant_org_id: str
    tenant_error: str | None


class GraphQLEndpoint:
    def __init__(
        self,
        db: Database,
        config: UpworkConfig,
        tokens: TokenService,
        scopes: ScopeSwitch,
        faults: FaultController,
    ) -> None:
        self.db = db
        self.config = config
        self.tokens = tokens
        self.scopes = scopes
        self.faults = faults
        self.graphql = GraphQL(
            build_schema(),
            context_value=self.context,
            http_handler=AlwaysOkHandler(),
            debug=False,
            explorer=None,
            logger=LOGGER_NAME,
            error_formatter=format_error,
        )

    def context(self, request: Request, _data: Any) -> Context:
        caller: Caller = request.scope[AUTH_SCOPE_KEY]
        return Context(
            request=request,
            db=self.db,
            config=self.config,
            scopes=self.scopes,
            faults=self.faults,
            user=caller.user,
            tenant_org_id=caller.tenant_org_id,
            tenant_error=caller.tenant_error,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        header = request.headers.get("authorization", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else ""
        user_id = self.tokens.user_for_access_token(token) if token else None
        user = None if user_id is None else self.db.one("SELECT * FROM users WHERE id = ?", (user_id,))
        if user is None:
            await unauthorized("missing" if not token else "invalid or expired")(scope, receive, send)
            return
        tenant = request.headers.get(TENANT_HEADER, "").strip()
        allowed = [str(org["id"]) for org in tenant_orgs(self.db, user)]
        error = None
        if tenant and tenant not in allowed:
            error = f"Tenant {tenant} is not accessible for the current user"
        scope[AUTH_SCOPE_KEY] = Caller(
            user, tenant if tenant and error is None else str(user["org_id"]), error
        )
        await self.graphql(scope, receive, send)


def unauthorized(what: str) -> Response:
    body = {"error": "invalid_token", "error_description": f"The access token is {what}"}
    return Response(
        json.dumps(body),
        status_code=401,
        media_type="application/json",
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )
