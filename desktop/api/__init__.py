"""The marketplace client: one httpx.AsyncClient, typed replies, retries, the event stream. No Qt."""

from desktop.api.auth import TokenSet, TokenSource, password_grant, refresh_grant
from desktop.api.client import MarketplaceClient, Page, StaticTokens
from desktop.api.events import EventStream, ServerEvent
from desktop.api.retry import RetryPolicy, parse_retry_after

__all__ = [
    "EventStream",
    "MarketplaceClient",
    "Page",
    "RetryPolicy",
    "ServerEvent",
    "StaticTokens",
    "TokenSet",
    "TokenSource",
    "parse_retry_after",
    "password_grant",
    "refresh_grant",
]
