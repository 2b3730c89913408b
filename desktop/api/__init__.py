"""The marketplace client: one httpx.AsyncClient, typed replies, retries, the event stream. No Qt.

The names below are imported on first use (PEP 562): importing one module of the package (``port``,
``auth``) does not import them all, and the reply schemas wait for the first reply (see ``lazy.py``).
"""

import importlib
import sys
from typing import TYPE_CHECKING, Any

# httpx's package __init__ imports its optional command-line client, which pulls in click and pygments
# whenever they happen to be installed. Atelier never runs it: skipping it saves ~2 MB and ~15 ms at start.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

if TYPE_CHECKING:
    from desktop.api.auth import TokenSet, TokenSource, password_grant, refresh_grant
    from desktop.api.client import MarketplaceClient, Page, StaticTokens
    from desktop.api.events import EventStream, ServerEvent
    from desktop.api.retry import RetryPolicy, parse_retry_after

_WHERE = {
    "TokenSet": "auth", "TokenSource": "auth", "password_grant": "auth", "refresh_grant": "auth",
    "MarketplaceClient": "client", "Page": "client", "StaticTokens": "client",
    "EventStream": "events", "ServerEvent": "events",
    "RetryPolicy": "retry", "parse_retry_after": "retry",
}

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


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"desktop.api.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'desktop.api' has no attribute {name!r}")
