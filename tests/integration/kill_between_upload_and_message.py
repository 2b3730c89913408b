"""Helper process for test_attachments: queue a message with a file in a real cache, take it part of the way,
then die by SIGKILL (no clean-up of any kind).

Run as ``python -m tests.integration.kill_between_upload_and_message DB SERVER_URL ROOM_ID FILE WHERE`` with
the access token in ATELIER_TEST_TOKEN. WHERE says when it dies:

- ``after-upload``: the worker sent the upload and recorded the answer; the message item never went out;
- ``answer-lost``: the upload reached the marketplace (sent here with the item's own key), but the answer
  was never recorded: the outbox still holds both items.
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
from desktop.core.clock import utcnow
from desktop.services.attachments import UPLOAD
from desktop.services.chat import ChatService
from desktop.services.events import EventBus
from desktop.services.outbox import OutboxWorker
from desktop.storage import outbox
from desktop.storage.db import Database

BODY = "The brief, as promised."


async def main(db_path: Path, server_url: str, room_id: str, file: Path, where: str) -> None:
    db = Database.open(db_path)
    tokens = TokenSet(os.environ["ATELIER_TEST_TOKEN"], None, utcnow() + timedelta(hours=1))
    api = MarketplaceClient(server_url, StaticTokens(tokens))
    worker = OutboxWorker(db, EventBus())  # never started: this process sends only what it is told to
    chat = ChatService(api, db, worker._bus, worker, user_id="unused", user_name="unused")
    await chat.send(room_id, BODY, [file])
    upload = await db.read(outbox.oldest_pending)
    assert upload is not None
    assert upload.kind == UPLOAD
    if where == "after-upload":
        assert await worker._send_next() == 0.0  # the worker's own step: upload sent, answer recorded
        left = await db.read(lambda c: outbox.list(c, "pending"))
        assert [item.kind for item in left] == ["message.send"]
    else:
        await api.upload_attachment(room_id, Path(str(upload.payload["path"])), str(upload.payload["name"]),
                                    str(upload.payload["content_type"]), upload.idempotency_key)
    print("QUEUED", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3], Path(sys.argv[4]), sys.argv[5]))
