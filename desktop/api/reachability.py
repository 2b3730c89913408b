"""Offline is a state, not an error per request: one log line when the marketplace stops answering, one
when it answers again, and the failures in between at debug level (an hour offline used to mean a warning
every few seconds)."""

from __future__ import annotations

import logging
import time

log = logging.getLogger("atelier.api")


class Reachability:
    def __init__(self, name: str) -> None:
        self._name = name
        self._down_since: float | None = None
        self.failures = 0
        """Transport failures since the marketplace last answered."""

    @property
    def down(self) -> bool:
        return self._down_since is not None

    def failed(self, what: str, error: BaseException) -> None:
        self.failures += 1
        if self._down_since is None:
            self._down_since = time.monotonic()
            log.warning("%s does not answer (%s: %s); offline until it does", self._name, what,
                        type(error).__name__)
        else:
            log.debug("%s still unreachable (%s: %s)", self._name, what, type(error).__name__)

    def answered(self) -> None:
        if self._down_since is not None:
            log.info("%s answers again after %.0f s (%d failed attempts)", self._name,
                     time.monotonic() - self._down_since, self.failures)
        self._down_since = None
        self.failures = 0
