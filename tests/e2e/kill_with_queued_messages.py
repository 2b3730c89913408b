"""Helper process for test_kill: queue messages in the app's outbox, then die by SIGKILL.

Run as ``python -m tests.e2e.kill_with_queued_messages BASEDIR SERVER_URL ACCOUNT ROOM_ID [KIND]`` with the
access token in the environment (ATELIER_TEST_TOKEN). It uses the app's own services, adapter and cache,
sends the first queued message's request to the server itself (as if the app died right after the server
answered, before the outbox recorded it), and then kills itself without any clean-up. For a marketplace
without idempotency keys both items are first marked as started, as the worker does before each attempt.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import timedelta
from pathlib import Path

from desktop.api.auth import TokenSet
from desktop.api.client import MarketplaceClient, StaticTokens
from desktop.api.port import Marketplace
from desktop.core.clock import utcnow
from desktop.paths import AppPaths
from desktop.services.chat import ChatService
from desktop.services.events import EventBus
from desktop.services.outbox import OutboxWorker
from desktop.storage import outbox
from desktop.storage.db import Database

BODIES = ("Queued one, sent just before the crash.", "Queued two, never sent before the crash.")


async def main(basedir: Path, server_url: str, account: str, room_id: str, kind: str) -> None:
    paths = AppPaths.under(basedir)
    db = Database.open(paths.account_db(server_url, account))
    tokens = TokenSet(os.environ["ATELIER_TEST_TOKEN"], None, utcnow() + timedelta(hours=1))
    api: Marketplace
    if kind == "upwork":
        from desktop.api.upwork import UpworkMarketplace
        from desktop.api.upwork.endpoints import UpworkEndpoints

        api = UpworkMarketplace(UpworkEndpoints.for_server(server_url), StaticTokens(tokens))
    else:
        api = MarketplaceClient(server_url, StaticTokens(tokens))
    bus = EventBus()
    worker = OutboxWorker(db, bus)  # never started: nothing is sent by the worker in this process
    chat = ChatService(api, db, bus, worker, user_id="unused", user_name="unused")
    for body in BODIES:
        await chat.send(room_id, body)
    if not api.capabilities.idempotency_keys:
        started = await db.read(lambda c: outbox.list(c, "pending"))
        await db.write(lambda c: [outbox.mark_started(c, item.id, utcnow()) for item in started])
    first = await db.read(outbox.oldest_pending)
    assert first is not None
    await api.post_message(room_id, str(first.payload["body"]), first.idempotency_key)
    print("QUEUED", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4],
                     sys.argv[5] if len(sys.argv) > 5 else "reference"))
