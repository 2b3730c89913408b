"""Chat: sending (through the outbox, shown at once as "sending"), read receipts, older history."""

from __future__ import annotations

import dataclasses
import sqlite3
import uuid
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from desktop.api.port import Marketplace
from desktop.core.clock import utcnow
from desktop.core.errors import DiskFullError, InputRejected
from desktop.core.models import DeliveryState, Message
from desktop.core.notices import Code, Notice
from desktop.services.attachments import AttachmentService
from desktop.services.events import EventBus, MessagesChanged, RoomsChanged
from desktop.services.outbox import Applier, OutboxWorker
from desktop.storage import messages, profile, room_drafts, rooms
from desktop.storage.db import Database
from desktop.storage.outbox import OutboxItem

SEND = "message.send"
MARK_READ = "room.read"
MAX_BODY = 5000
# How far the marketplace's clock may be behind ours when looking for a send that may have arrived.
SEND_CLOCK_SKEW = timedelta(minutes=5)


class ChatService:
    def __init__(
        self, api: Marketplace, db: Database, bus: EventBus, worker: OutboxWorker,
        *, user_id: str, user_name: str, files: AttachmentService | None = None,
    ) -> None:
        self._api = api
        self._db = db
        self._bus = bus
        self._worker = worker
        self.user_id = user_id
        self.user_name = user_name
        self.files = files or AttachmentService(api, db, bus, worker)
        """The files of messages: checking, sending and bringing them here."""
        worker.register(SEND, self._send_item, on_failure=self._send_failed, after_apply=self._announce_item)
        worker.register(MARK_READ, self._mark_read_item)

    async def send(self, room_id: str, body: str, files: Sequence[Path] = ()) -> Message:
        """Queue a message (and its files: copied into the cache first, each uploaded before it)."""
        text = body.strip()
        if not text and not files:
            raise InputRejected(Notice(Code.MESSAGE_EMPTY))
        if len(text) > MAX_BODY:
            raise InputRejected(Notice(Code.MESSAGE_TOO_LONG, (MAX_BODY,)))
        staged = await self.files.stage(files) if files else []
        key = f"msg-{uuid.uuid4()}"
        now = utcnow()

        def echo(conn: sqlite3.Connection) -> Message:
            # The profile may have arrived with a sync after this service was built.
            me = profile.get(conn)
            sender_id, sender_name = (me.id, me.name) if me else (self.user_id, self.user_name)
            # The draft goes in the same transaction as the echo: after a crash the text is either still a
            # draft (not sent) or sent (no draft left to send it twice).
            room_drafts.save(conn, room_id, "", now)
            # The uploads are queued before the message, in the same transaction: it waits for them.
            rows = self.files.queue_uploads(conn, room_id, staged, now)
            return messages.insert_local(conn, room_id, text, sender_id, sender_name, key, now,
                                         [row.id for row in rows])

        payload: dict[str, Any] = {"room_id": room_id, "body": text}
        if staged:
            payload["attachments"] = [file.upload_key for file in staged]
        try:
            local: Message = await self._worker.enqueue(SEND, payload, key, local_echo=echo)
        except BaseException:
            await self.files.remove_copies([file.copy for file in staged])
            raise
        self._bus.emit(MessagesChanged(frozenset({room_id})))
        self._bus.emit(RoomsChanged())
        return local

    # -- what the user is writing, per room -------------------------------------------------------------
    async def save_draft(self, room_id: str, body: str) -> None:
        """Keep what the user is writing in ``room_id`` (empty text forgets it)."""
        now = utcnow()
        await self._db.write(lambda conn: room_drafts.save(conn, room_id, body, now))

    def save_draft_now(self, room_id: str, body: str) -> None:
        """:meth:`save_draft` for the window's shutdown, which cannot await."""
        now = utcnow()
        self._db.write_now(lambda conn: room_drafts.save(conn, room_id, body, now))

    async def draft(self, room_id: str) -> str:
        return await self._db.read(lambda conn: room_drafts.get(conn, room_id))

    async def mark_read(self, room_id: str) -> None:
        def last_server_message(conn: sqlite3.Connection) -> str | None:
            thread = messages.for_room(conn, room_id, limit=50)
            for message in reversed(thread):
                if not message.is_local:
                    return message.id
            return None

        room = await self._db.read(lambda c: rooms.get(c, room_id))
        if room is None or room.unread_count == 0:
            return
        last_id = await self._db.read(last_server_message)
        if last_id is None:
            return
        try:
            await self._worker.enqueue(
                MARK_READ, {"room_id": room_id, "last_read_message_id": last_id}, f"read-{uuid.uuid4()}",
                local_echo=lambda c: rooms.set_unread(c, room_id, 0))
        except DiskFullError:
            return  # not something the user asked for: the status bar says the disk is full, and that is all
        self._bus.emit(RoomsChanged())

    async def _send_item(self, item: OutboxItem) -> Applier:
        room_id, body = str(item.payload["room_id"]), str(item.payload["body"])
        sent: Message | None = None
        if item.started_at is not None and not self._api.capabilities.idempotency_keys:
            # An earlier attempt may have reached the marketplace (its answer was lost, or we were killed
            # after sending): look for it before sending again, so the message is never there twice.
            claimed = await self._db.read(lambda c: messages.claimed_ids(c, room_id, item.idempotency_key))
            sent = await self._api.find_sent_message(
                room_id, body, item.created_at - SEND_CLOCK_SKEW, claimed)
        if sent is None:
            files = item.payload.get("attachments") or []
            attachment_ids = await self.files.resolve([str(k) for k in files]) if files else []
            sent = await self._api.post_message(room_id, body, item.idempotency_key, attachment_ids)
        if sent.client_key is None:  # the marketplace does not echo our key: the echo is ours to match
            sent = dataclasses.replace(sent, client_key=item.idempotency_key)

        def apply(conn: sqlite3.Connection) -> None:
            messages.upsert_many(conn, [sent])

        return apply

    def _announce_item(self, item: OutboxItem) -> None:
        self._bus.emit(MessagesChanged(frozenset({str(item.payload["room_id"])})))
        self._bus.emit(RoomsChanged())

    def _send_failed(self, item: OutboxItem, reason: Notice) -> Applier:
        room_id = str(item.payload["room_id"])
        self._bus.emit(MessagesChanged(frozenset({room_id})))
        return lambda conn: messages.set_state(conn, item.idempotency_key, DeliveryState.FAILED)

    async def _mark_read_item(self, item: OutboxItem) -> Applier:
        room = await self._api.mark_read(
            str(item.payload["room_id"]), str(item.payload["last_read_message_id"]))

        def apply(conn: sqlite3.Connection) -> None:
            rooms.upsert_many(conn, [room])

        return apply

