"""The Upwork adapter: Atelier's marketplace port over Upwork's official GraphQL API.

- ``UpworkMarketplace`` (adapter.py): implements ``desktop.api.port.Marketplace``.
- ``UpworkEndpoints`` / ``PRODUCTION`` / ``for_server`` (endpoints.py): where the API and OAuth live.
- ``oauth``: the Authorization Code grant, code-from-pasted-callback, refresh with rotation.
- ``GraphQLTransport`` (graphql.py) and ``RateLimiter`` (ratelimit.py): the wire and its budget.

Reference: https://www.upwork.com/developer/documentation/graphql/api/docs/index.html
"""

from desktop.api.capabilities import UPWORK_CAPABILITIES
from desktop.api.upwork.adapter import UpworkMarketplace
from desktop.api.upwork.endpoints import PRODUCTION, UpworkEndpoints, for_server
from desktop.api.upwork.graphql import GraphQLTransport
from desktop.api.upwork.oauth import (
    UpworkAppKey,
    authorization_url,
    code_from_callback,
    exchange_code,
    new_state,
    refresh,
)
from desktop.api.upwork.ratelimit import RateLimiter

__all__ = [
    "PRODUCTION",
    "UPWORK_CAPABILITIES",
    "GraphQLTransport",
    "RateLimiter",
    "UpworkAppKey",
    "UpworkEndpoints",
    "UpworkMarketplace",
    "authorization_url",
    "code_from_callback",
    "exchange_code",
    "for_server",
    "new_state",
    "refresh",
]
