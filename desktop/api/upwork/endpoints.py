"""Where Upwork's API lives: the GraphQL endpoint and the two OAuth 2.0 endpoints.

Sources:
- GraphQL endpoint ``https://api.upwork.com/graphql``: Upwork's GraphQL reference
  (https://www.upwork.com/developer/documentation/graphql/api/docs/index.html, "API Endpoints") and
  ``GQL_EPOINT`` in upwork/python-upwork-oauth2 ``upwork/upwork.py``.
- Authorize ``/ab/account-security/oauth2/authorize`` and token ``/api/v3/oauth2/token`` on
  ``https://www.upwork.com``: upwork/python-upwork-oauth2 ``upwork/client.py`` (``__uri_auth``,
  ``__uri_atoken`` joined by ``full_url()``).

``UpworkEndpoints.on(base)`` puts the same three paths on another origin: the local Upwork-shaped server
(demo mode and the integration tests) answers them all on one host.
"""

from __future__ import annotations

from dataclasses import dataclass

GRAPHQL_PATH = "/graphql"
AUTHORIZE_PATH = "/ab/account-security/oauth2/authorize"
TOKEN_PATH = "/api/v3/oauth2/token"
PRODUCTION_API = "https://api.upwork.com"


@dataclass(frozen=True, slots=True)
class UpworkEndpoints:
    graphql: str
    authorize: str
    token: str

    @classmethod
    def on(cls, base_url: str) -> UpworkEndpoints:
        """All three endpoints on one origin (a local Upwork-shaped server)."""
        base = base_url.rstrip("/")
        return cls(graphql=base + GRAPHQL_PATH, authorize=base + AUTHORIZE_PATH, token=base + TOKEN_PATH)

    @classmethod
    def for_server(cls, server_url: str) -> UpworkEndpoints:
        """``PRODUCTION`` for Upwork's API host (``https://api.upwork.com``), else ``on(server_url)``."""
        return for_server(server_url)


PRODUCTION = UpworkEndpoints(
    graphql="https://api.upwork.com/graphql",
    authorize="https://www.upwork.com/ab/account-security/oauth2/authorize",
    token="https://www.upwork.com/api/v3/oauth2/token",
)
"""Upwork itself: the API host differs from the website host that signs the user in."""


def for_server(server_url: str) -> UpworkEndpoints:
    """``PRODUCTION`` for Upwork's API host, else the same paths on ``server_url``."""
    if server_url.strip().rstrip("/").lower() == PRODUCTION_API:
        return PRODUCTION
    return UpworkEndpoints.on(server_url.strip())
