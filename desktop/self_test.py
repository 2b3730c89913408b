"""``--self-test``: the embedded demo marketplace, one full sync, and a check of what reached the cache.

Qt-free: the window's own check comes in as a callable, so this module knows only the services and the
cache. The composition root (desktop/app.py) prints the verdict and sets the exit code.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from desktop.services.container import Services
from desktop.storage.summary import cached_counts

SELF_TEST_TIMEOUT = 90.0
"""Seconds the first complete sync may take before the self-test fails."""
PANES_SETTLE = 0.5
"""Seconds the panes get to take in the last change notices before the window checks itself."""


@dataclass(frozen=True, slots=True)
class SelfTestResult:
    problems: list[str]
    counts: dict[str, int]

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self) -> str:
        """The one line printed on stdout: ``SELF-TEST OK: …`` or ``SELF-TEST FAILED: …``."""
        report = ", ".join(f"{k}={v}" for k, v in self.counts.items())
        if self.problems:
            return f"SELF-TEST FAILED: {'; '.join(self.problems)} ({report})"
        return f"SELF-TEST OK: {report}"


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    found = cached_counts(conn)
    found["integrity"] = 1 if conn.execute("PRAGMA quick_check").fetchone()[0] == "ok" else 0
    return found


async def run_self_test(services: Services, window_problems: Callable[[], list[str]], *,
                        sync_within: float = SELF_TEST_TIMEOUT) -> SelfTestResult:
    problems: list[str] = []
    try:
        await services.sync.wait_until_synced(sync_within)
    except TimeoutError:
        detail = services.sync.status.detail
        problems.append(f"no complete sync within {sync_within:.0f} s ({detail})")
    found = await services.db.read(_counts)
    # Having no saved searches is normal; every other kind the marketplace offers has rows on the demo.
    caps = services.api.capabilities
    offered = {"saved_searches": False, "invitations": caps.invitations, "contracts": caps.contracts}
    problems += [f"{name}: none" for name, value in found.items() if value == 0 and offered.get(name, True)]
    await asyncio.sleep(PANES_SETTLE)
    problems += window_problems()
    return SelfTestResult(problems, found)
