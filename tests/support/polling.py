"""Waiting, in async tests, for a condition the server and the cache reach on their own schedule."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable


async def until(condition: Callable[[], Awaitable[bool]], within: float = 15.0) -> None:
    """Poll ``condition`` until it holds; TimeoutError after ``within`` seconds."""
    async with asyncio.timeout(within):
        while not await condition():  # noqa: ASYNC110 (polls the server and the cache)
            await asyncio.sleep(0.05)
