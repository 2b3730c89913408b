"""The marketplace client: one httpx.AsyncClient, typed replies, retries, the event stream. No Qt."""

import sys

# httpx's package __init__ imports its optional command-line client, which pulls in click and pygments
# whenever they happen to be installed. Atelier never runs it: skipping it saves ~2 MB and ~15 ms at start.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

from desktop.api.auth import TokenSet, TokenSource, password_grant, refresh_grant  # noqa: E402
from desktop.api.client import MarketplaceClient, Page, StaticTokens  # noqa: E402
from desktop.api.events import EventStream, ServerEvent  # noqa: E402
from desktop.api.retry import RetryPolicy, parse_retry_after  # noqa: E402

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
