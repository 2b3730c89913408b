"""Per-request GraphQL context and the guard every root resolver goes through (scope + tenant checks).

Upwork answers scope failures inside GraphQL, with HTTP 200 and an error whose message is
"Authorization failed" (third-party notes on vendorContracts / transactionHistory without the scope). The
`extensions` of sandbox errors carry a `code`; Upwork's own extension keys are not documented (inferred).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeAlias, TypeVar

from graphql import GraphQLError, GraphQLResolveInfo
from starlette.requests import Request

from .config import ScopeSwitch, UpworkConfig
from .db import Database, Row
from .faults import FaultController

AUTHORIZATION_FAILED = "Authorization failed"
Info: TypeAlias = "GraphQLResolveInfo[Any]"

F = TypeVar("F", bound=Callable[..., Any])


def gql_error(message: str, code: str, **extensions: Any) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code, **extensions})


@dataclass
class Context:
    request: Request
    db: Database
    config: UpworkConfig
    scopes: ScopeSwitch
    faults: FaultController
    user: Row
    tenant_org_id: str
    tenant_error: str | None = None

    @property
    def user_id(self) -> str:
        return str(self.user["id"])


def ctx(info: Info) -> Context:
    context = info.context
    assert isinstance(context, Context)
    return context


def root(scope: str) -> Callable[[F], F]:
    """Mark a root resolver as needing `scope`; also rejects an unknown X-Upwork-API-TenantId."""

    def decorate(resolver: F) -> F:
        @functools.wraps(resolver)
        def guarded(obj: Any, info: Info, **kwargs: Any) -> Any:
            context = ctx(info)
            if context.tenant_error is not None:
                raise gql_error(context.tenant_error, "TENANT_NOT_FOUND")
            if not context.scopes.granted(scope):
                raise gql_error(AUTHORIZATION_FAILED, "UNAUTHORIZED", requiredScope=scope)
            return resolver(obj, info, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate
