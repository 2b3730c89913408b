"""An access token that expires in the middle of a sync: one refresh, the sync completes, nothing is lost."""

from __future__ import annotations

import asyncio
from pathlib import Path

from desktop.credentials import CredentialStore
from desktop.sandbox.harness import SandboxServer
from desktop.services.container import build_services
from desktop.services.signin import SignInFlow
from desktop.storage.db import Database
from tests.support.http_browser import HttpBrowser

DEMO = "demo@atelier.test"
TTL = 3


async def test_access_token_expiring_mid_sync_costs_one_refresh_and_no_request(tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "m.sqlite3", seed=3, jobs=400, access_token_ttl=TTL,
                       keepalive_interval=0.5) as server:
        session = (await SignInFlow(server.url, CredentialStore(), HttpBrowser()).run()).session
        db = Database.open(tmp_path / "cache.sqlite3")
        services = await build_services(db, session, account_label=DEMO)
        try:
            # The message listing stalls past the token's lifetime: the token dies while the sync runs.
            server.faults.add("hang", count=1, path_prefix="/v1/messages", delay=TTL + 0.6)
            await services.start()
            await asyncio.sleep(TTL + 0.2)  # the token has expired; these go out while the listing hangs
            room_ids = [row[0] for row in await db.read(
                lambda c: c.execute("SELECT id FROM rooms ORDER BY id LIMIT 3").fetchall())]
            assert room_ids, "rooms arrive before messages"
            for number, room in enumerate(room_ids):
                await services.chat.send(room, f"sent while the token expired #{number}")
            await services.sync.wait_until_synced(30)
            for _ in range(200):
                if await services.outbox.pending_count() == 0:
                    break
                await asyncio.sleep(0.05)
            assert await services.outbox.pending_count() == 0
            assert server.store.token_grants_issued["refresh_token"] == 1
            assert session.refresh_count == 1

            account = server.store.account_by_email(DEMO)
            assert account is not None
            expected = server.store.counts_for(account.id)
            local = await db.read(lambda c: {
                table: c.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("jobs", "proposals", "rooms", "messages", "transactions")})
            for table, count in local.items():
                assert count == expected[table], table
            for number, room in enumerate(room_ids):
                rows = server.store._read("SELECT COUNT(*) FROM messages WHERE room_id = ? AND body = ?",
                                          (room, f"sent while the token expired #{number}"))
                assert rows[0][0] == 1  # exactly once
        finally:
            await services.aclose()
