"""Knobs of one Upwork sandbox server, plus the switchable OAuth scopes of the demo key."""

from __future__ import annotations

import threading
from dataclasses import dataclass

# Scope names from muhammedaksam/upwork-node SCOPES.md (Upwork sets scopes on the key, not in the URL).
ALL_SCOPES: tuple[str, ...] = (
    "pub-commons:read:all",
    "pub-marketplace-job-postings:read:all",
    "pub-messages:read:all",
    "pub-messages:write:all",
    "pub-contract:write:all",
    "pub-transaction:read:all",
    "pub-freelancer-profiles:write:all",
    "pub-talent-profiles:write:all",
)

DAY = 86400.0


@dataclass
class UpworkConfig:
    seed: int = 7
    simulate: bool = False
    sim_interval: float = 5.0
    access_token_ttl: float = DAY  # Upwork's sample token says expires_in "86400" (python-upwork-oauth2)
    refresh_token_ttl: float = (
        14 * DAY
    )  # "a new refresh token is valid for 14 days" (python-upwork-oauth2 #11)
    old_refresh_grace: float = DAY  # old refresh token's expiry moves to now + 24 h on rotation (same issue)
    code_ttl: float = 600.0
    rate_limit_per_second: float = 10.0  # "up to 10 requests per second per IP address" (support article)
    search_result_cap: int = 500


class ScopeSwitch:
    """The scopes the demo key has; tests switch one off to provoke Upwork's "Authorization failed"."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._disabled: set[str] = set()

    def disable(self, scope: str) -> None:
        if scope not in ALL_SCOPES:
            raise ValueError(f"unknown scope {scope!r}; expected one of {', '.join(ALL_SCOPES)}")
        with self._lock:
            self._disabled.add(scope)

    def enable(self, scope: str) -> None:
        with self._lock:
            self._disabled.discard(scope)

    def reset(self) -> None:
        with self._lock:
            self._disabled.clear()

    def granted(self, scope: str) -> bool:
        with self._lock:
            return scope not in self._disabled

    @property
    def disabled(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self._disabled)
