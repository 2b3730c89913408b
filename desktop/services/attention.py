"""What the marketplace refused for good, kept until the user decides: "Needs your attention".

The outbox marks an action the marketplace refused (a 4xx other than 401/408/429: a closed job, a room
that is gone, a name it will not take) as failed. Nothing of it is thrown away: the row keeps the user's
text and the marketplace's reason, and this service lists those rows, sends one again (as a new action,
so it goes through the outbox exactly once like any other), hands back a proposal to edit, or discards
one when the user says so.
"""

from __future__ import annotations

import enum
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.core.models import ProposalDraft
from desktop.core.notices import Notice
from desktop.services import chat, proposals, saved_searches
from desktop.services.attachments import UPLOAD
from desktop.services.chat import ChatService
from desktop.services.events import AttentionChanged, EventBus
from desktop.services.proposals import ProposalService
from desktop.services.saved_searches import SavedSearchService
from desktop.storage import attachments, messages, outbox, rescue, rooms
from desktop.storage import saved_searches as saved_repo
from desktop.storage.db import Database
from desktop.storage.outbox import OutboxItem


class ActionKind(enum.StrEnum):
    MESSAGE = "message"
    PROPOSAL = "proposal"
    SAVED_SEARCH = "saved_search"
    SAVED_SEARCH_DELETE = "saved_search_delete"
    WITHDRAWAL = "withdrawal"
    DECLINE = "decline"
    OTHER = "other"


_KINDS = {
    chat.SEND: ActionKind.MESSAGE,
    proposals.SUBMIT: ActionKind.PROPOSAL,
    saved_searches.CREATE: ActionKind.SAVED_SEARCH,
    saved_searches.DELETE: ActionKind.SAVED_SEARCH_DELETE,
    proposals.WITHDRAW: ActionKind.WITHDRAWAL,
    proposals.DECLINE: ActionKind.DECLINE,
}


@dataclass(frozen=True, slots=True)
class NeedsAttention:
    item_id: int
    kind: ActionKind
    about: str
    """Where it was meant to go: the room's name, the job's title, the search's name."""
    text: str
    """The user's own words, intact (a message, a cover letter, a search's name); may be empty."""
    reason: Notice | None
    """Why the marketplace refused it (often in its own words, a ``Code.TEXT`` notice); None: not said."""
    created_at: datetime

    @property
    def rescued(self) -> bool:
        """Not refused: kept back when the cache was damaged, its text as far as it could be read."""
        return self.reason == rescue.RESCUE_REASON


class AttentionService:
    def __init__(self, db: Database, bus: EventBus, chat_service: ChatService,
                 proposal_service: ProposalService, saved: SavedSearchService) -> None:
        self._db = db
        self._bus = bus
        self._chat = chat_service
        self._proposals = proposal_service
        self._saved = saved

    async def items(self) -> list[NeedsAttention]:
        return await self._db.read(_read_items)

    async def count(self) -> int:
        return len(await self.items())

    async def discard(self, item_id: int) -> None:
        """The user no longer wants it: forget the action (and a message's failed echo, with its files)."""
        def forget(conn: sqlite3.Connection) -> list[str]:
            item = outbox.get(conn, item_id)
            if item is None or item.state != "failed":
                return []
            copies: list[str] = []
            if item.kind == chat.SEND:
                gone = messages.delete_many(conn, [f"{messages.LOCAL_PREFIX}{item.idempotency_key}"])
                rooms.refresh_last_message(conn, gone)
                keys = [str(k) for k in item.payload.get("attachments") or []]
                copies = attachments.delete_local(conn, keys)
                for key in keys:  # their upload items go too (kept as history, or refused with it)
                    upload = outbox.by_key(conn, key)
                    if upload is not None and upload.state != "pending":
                        outbox.delete(conn, upload.id)
            outbox.delete(conn, item_id)
            return copies

        copies = await self._db.write(forget)
        if copies:
            await self._chat.files.remove_copies(copies)
        self._bus.emit(AttentionChanged())

    async def resend(self, item_id: int) -> None:
        """Send it again as a new action (through the outbox, exactly once), then forget the refused one.
        A proposal is not resent as it was: ``draft_of`` hands it to the form to be edited first."""
        item = await self._db.read(lambda c: outbox.get(c, item_id))
        if item is None or item.state != "failed":
            return
        payload = item.payload
        if item.kind == chat.SEND:
            keys = [str(k) for k in payload.get("attachments") or []]
            files = await self._db.read(lambda c: [attachments.by_upload_key(c, k) for k in keys])
            copies = [Path(f.local_path) for f in files if f is not None and f.local_path]
            await self._chat.send(str(payload["room_id"]), str(payload["body"]), copies)
        elif item.kind == saved_searches.CREATE:
            await self._saved.save(str(payload["name"]),
                                   saved_repo.filter_from_json(str(payload["filter"])))
        elif item.kind == proposals.WITHDRAW:
            await self._proposals.withdraw(str(payload["proposal_id"]))
        elif item.kind == proposals.DECLINE:
            await self._proposals.decline_invitation(str(payload["invitation_id"]))
        elif item.kind == proposals.SUBMIT:
            draft = draft_of(item)
            assert draft is not None
            await self._proposals.submit(draft)
        else:
            raise ValueError(f"cannot send {item.kind} again")
        await self.discard(item_id)

    async def draft_of(self, item_id: int) -> ProposalDraft | None:
        item = await self._db.read(lambda c: outbox.get(c, item_id))
        return draft_of(item) if item is not None else None


def draft_of(item: OutboxItem) -> ProposalDraft | None:
    """The proposal a refused submit carried, as a draft to edit and send again."""
    if item.kind != proposals.SUBMIT:
        return None
    return proposals.draft_from_payload(item.payload)


def _read_items(conn: sqlite3.Connection) -> list[NeedsAttention]:
    found: list[NeedsAttention] = []
    for item in outbox.list(conn, "failed"):
        kind = _KINDS.get(item.kind, ActionKind.OTHER)
        if item.kind in (chat.MARK_READ, UPLOAD):
            # a read receipt the marketplace refused needs nobody's attention; a refused file is told with
            # the message that carried it
            continue
        p = item.payload
        about, text = "", ""
        if kind is ActionKind.MESSAGE:
            room = rooms.get(conn, str(p.get("room_id", "")))
            about = room.counterpart_name if room is not None else str(p.get("room_id", ""))
            text = str(p.get("body", ""))
        elif kind is ActionKind.PROPOSAL:
            about, text = str(p.get("job_title", "")), str(p.get("cover_letter", ""))
        elif kind is ActionKind.SAVED_SEARCH:
            about = text = str(p.get("name", ""))
        elif kind is ActionKind.SAVED_SEARCH_DELETE:
            about = str(p.get("name", p.get("search_id", "")))
        else:
            about = str(p.get("job_title", p.get("proposal_id", p.get("invitation_id", ""))))
        found.append(NeedsAttention(item.id, kind, about, text, item.last_error, item.created_at))
    found.sort(key=lambda a: a.created_at, reverse=True)
    return found
