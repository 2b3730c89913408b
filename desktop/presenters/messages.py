"""The Messages pane's state, Qt-free: the conversations, the one open, its latest messages and its draft.

Every update comes from the bus: ChatService writes a sent message's echo and announces it, the sync engine
announces what arrived, and the presenter re-reads what an event touches, off the UI thread. Several
events in one turn of the loop cost one read each of the room list and the open thread (a newer read of
the same kind replaces one not yet done). The widget keeps what is only a view's: scroll positions, the
composer's text between two saves, and how to draw a bubble.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from desktop.core.models import Attachment, Message, Room
from desktop.presenters.base import Bus, Presenter
from desktop.services.events import AttachmentProgress, Event, MessagesChanged, RoomsChanged
from desktop.storage import messages, room_drafts, rooms
from desktop.storage.db import Reader

if TYPE_CHECKING:  # the attachments service imports the marketplace port (httpx): not for the first frame
    from desktop.services.attachments import OutgoingFile

THREAD_PAGE = 200
"""Messages shown when a conversation opens; scrolling to its top shows this many more each time."""
FOUND_LIMIT = 200
"""Search results shown at most (newest first); a longer list says to type more."""
CONTEXT_ABOVE = 50
"""Older messages shown above a found message opened from the search, for its context."""


@dataclass(frozen=True, slots=True)
class Found:
    """The messages of one conversation that match the search, newest first."""

    room: Room
    messages: tuple[Message, ...]


class Files(Protocol):
    """What the pane asks of services.attachments.AttachmentService."""

    @property
    def can_send(self) -> bool: ...

    @property
    def max_bytes(self) -> int: ...

    @property
    def marketplace_name(self) -> str: ...

    def check(self, path: Path) -> OutgoingFile: ...

    async def download(self, attachment: Attachment, room_id: str) -> Path: ...


class Chat(Protocol):
    """What the pane asks of services.chat.ChatService."""

    @property
    def files(self) -> Files: ...

    async def send(self, room_id: str, body: str, files: Sequence[Path] = ()) -> Message: ...

    async def mark_read(self, room_id: str) -> None: ...

    async def save_draft(self, room_id: str, body: str) -> None: ...

    def save_draft_now(self, room_id: str, body: str) -> None: ...


@dataclass(frozen=True, slots=True)
class MessagesSnapshot:
    rooms: tuple[Room, ...] = ()
    rooms_loaded: bool = False
    room_id: str | None = None
    """The conversation open (None: none yet)."""
    thread: tuple[Message, ...] = ()
    """The open conversation's latest ``thread_limit`` messages, oldest first."""
    thread_room: str | None = None
    """Whose messages ``thread`` holds (it lags ``room_id`` until the new room's read is done)."""
    thread_limit: int = THREAD_PAGE
    draft: str = ""
    """What the user had written in the open room, as the cache kept it when the room was opened."""
    draft_room: str | None = None
    """The room ``draft`` belongs to (None: not read yet)."""
    query: str = ""
    """The search across every conversation ("": none; the list shows the conversations)."""
    found: tuple[Found, ...] = ()
    """What the search found, by conversation (the one with the newest match first)."""
    found_query: str = ""
    """The query ``found`` answers (it lags ``query`` while the search runs)."""
    focus: str | None = None
    """A message opened from the search: the thread holds it and shows it (None: the newest messages)."""
    transfers: Mapping[str, tuple[int, int]] = dataclasses.field(default_factory=dict)
    """Files of the open conversation on their way, by attachment id: (bytes done, bytes in all)."""

    @property
    def found_count(self) -> int:
        return sum(len(f.messages) for f in self.found)

    @property
    def total_unread(self) -> int:
        return sum(r.unread_count for r in self.rooms)

    @property
    def room(self) -> Room | None:
        return next((r for r in self.rooms if r.id == self.room_id), None)

    @property
    def has_older(self) -> bool:
        """The thread filled its page: older messages may be in the cache."""
        return len(self.thread) >= self.thread_limit


class MessagesPresenter(Presenter[MessagesSnapshot]):
    def __init__(self, db: Reader, bus: Bus, chat: Chat) -> None:
        super().__init__(bus, MessagesSnapshot())
        self._db = db
        self._chat = chat
        self._in_front = False
        self._read_asked: dict[str, tuple[datetime | None, int]] = {}
        self.reads = {"rooms": 0, "thread": 0}
        """How many reads of each kind were done (the one-refresh-path tests count them)."""

    def start(self) -> None:
        super().start()
        self.reload_rooms()

    def on_event(self, event: Event) -> None:
        if isinstance(event, AttachmentProgress):
            self._transfer(event)
        elif isinstance(event, RoomsChanged):
            self.reload_rooms()
        elif isinstance(event, MessagesChanged):
            self.reload_rooms()  # a room's preview and time follow its last message
            if self.snapshot.query:
                self.spawn("search", self._read_search(self.snapshot.query))  # new messages may match
            room_id = self.snapshot.room_id
            if room_id is not None and (not event.room_ids or room_id in event.room_ids):
                self.spawn("thread", self._read_thread(room_id, self.snapshot.thread_limit))

    # -- rooms ---------------------------------------------------------------------------------------------
    def reload_rooms(self) -> None:
        self.spawn("rooms", self._read_rooms())

    async def _read_rooms(self) -> None:
        listed = await self._db.read(rooms.list)
        self.reads["rooms"] += 1
        self.publish(dataclasses.replace(self.snapshot, rooms=tuple(listed), rooms_loaded=True))
        self._read_open_room_if_in_front()

    def set_in_front(self, in_front: bool) -> None:
        """Whether the conversation on screen is in front of the user (the pane shown, the window active):
        what arrives in it meanwhile is read."""
        self._in_front = in_front
        self._read_open_room_if_in_front()

    def _read_open_room_if_in_front(self) -> None:
        room = self.snapshot.room
        if not self._in_front or room is None or room.unread_count == 0:
            return
        seen = (room.last_message_at, room.unread_count)
        if self._read_asked.get(room.id) != seen:  # once per state: never a loop of receipts
            self._read_asked[room.id] = seen
            self.spawn(f"read:{room.id}", self._chat.mark_read(room.id))

    # -- the open conversation -----------------------------------------------------------------------------
    def open(self, room_id: str) -> None:
        """Open a conversation: its latest messages and its draft, and mark it read."""
        if room_id == self.snapshot.room_id:
            if self.snapshot.focus is not None:  # back to the newest messages
                self.publish(dataclasses.replace(self.snapshot, focus=None, thread_limit=THREAD_PAGE))
                self.spawn("thread", self._read_thread(room_id, THREAD_PAGE))
            return
        self.publish(dataclasses.replace(self.snapshot, room_id=room_id, thread_limit=THREAD_PAGE,
                                         focus=None))
        self.spawn("thread", self._read_thread(room_id, THREAD_PAGE, with_draft=True))
        self._mark_read_on_open()

    def open_message(self, message_id: str) -> None:
        """Open the conversation of a found message with the message in its thread, older ones around it."""
        self.spawn("thread", self._open_message(message_id))

    async def _open_message(self, message_id: str) -> None:
        where = await self._db.read(lambda c: messages.newer_in_room(c, message_id))
        if where is None:
            return  # gone from the cache meanwhile (a rebuild): nothing to open
        room_id, newer = where
        limit = max(THREAD_PAGE, newer + 1 + CONTEXT_ABOVE)
        opened = room_id != self.snapshot.room_id
        self.publish(dataclasses.replace(self.snapshot, room_id=room_id, thread_limit=limit,
                                         focus=message_id))
        if opened:
            self._mark_read_on_open()
        await self._read_thread(room_id, limit, with_draft=opened)

    def _mark_read_on_open(self) -> None:
        room = self.snapshot.room
        if room is not None and room.unread_count > 0:
            self._read_asked[room.id] = (room.last_message_at, room.unread_count)
            self.spawn(f"read:{room.id}", self._chat.mark_read(room.id))

    def older(self) -> None:
        """The user scrolled to the top of a thread that filled its page: show one page more."""
        s = self.snapshot
        if s.room_id is None or not s.has_older or s.thread_room != s.room_id:
            return
        limit = s.thread_limit + THREAD_PAGE
        self.publish(dataclasses.replace(s, thread_limit=limit))
        self.spawn("thread", self._read_thread(s.room_id, limit))

    async def _read_thread(self, room_id: str, limit: int, with_draft: bool = False) -> None:
        def read(c: sqlite3.Connection) -> tuple[list[Message], str | None]:
            return (messages.for_room(c, room_id, limit=limit),
                    room_drafts.get(c, room_id) if with_draft else None)

        thread, draft = await self._db.read(read)
        self.reads["thread"] += 1
        s = self.snapshot
        if s.room_id != room_id:
            return  # another room was opened meanwhile: its own read follows
        changes: dict[str, object] = {"thread": tuple(thread), "thread_room": room_id}
        if draft is not None:
            changes.update(draft=draft, draft_room=room_id)
        self.publish(dataclasses.replace(s, **changes))  # type: ignore[arg-type]

    # -- searching every conversation ------------------------------------------------------------------------
    def search(self, query: str) -> None:
        """Find ``query`` in every conversation (word starts, case and accents aside); "" ends the search."""
        query = " ".join(query.split())
        if not query:
            self._cancel_search()
            self.publish(dataclasses.replace(self.snapshot, query="", found=(), found_query=""))
            return
        self.publish(dataclasses.replace(self.snapshot, query=query))
        self.spawn("search", self._read_search(query))

    def _cancel_search(self) -> None:
        task = self._tasks.pop("search", None)
        if task is not None:
            task.cancel()

    async def _read_search(self, query: str) -> None:
        def read(c: sqlite3.Connection) -> tuple[list[Message], dict[str, Room]]:
            hits = messages.search(c, query, limit=FOUND_LIMIT)
            return hits, {r.id: r for r in rooms.list(c)}

        hits, by_id = await self._db.read(read)
        grouped: dict[str, list[Message]] = {}
        for message in hits:  # newest first: the rooms come in the order of their newest match
            if message.room_id in by_id:
                grouped.setdefault(message.room_id, []).append(message)
        found = tuple(Found(by_id[room_id], tuple(found)) for room_id, found in grouped.items())
        if self.snapshot.query == query:
            self.publish(dataclasses.replace(self.snapshot, found=found, found_query=query))

    # -- files on their way ----------------------------------------------------------------------------------
    def _transfer(self, event: AttachmentProgress) -> None:
        if event.room_id != self.snapshot.room_id:
            return
        transfers = dict(self.snapshot.transfers)
        if event.done >= event.total > 0:
            transfers.pop(event.attachment_id, None)  # done: the thread's next read shows where it is
        else:
            transfers[event.attachment_id] = (event.done, event.total)
        self.publish(dataclasses.replace(self.snapshot, transfers=transfers))

    # -- what the user does ----------------------------------------------------------------------------------
    @property
    def files(self) -> Files:
        return self._chat.files

    async def send(self, body: str, files: Sequence[Path] = ()) -> Message:
        """Send ``body`` (and ``files``) in the open room. The echo ("sending") reaches the thread through
        the service's event, like every other change. Raises what the service raises (ValueError: refused
        as written; StorageError: not written), and nothing was sent then."""
        room_id = self.snapshot.room_id
        if room_id is None:
            raise ValueError("no conversation is open")
        return await self._chat.send(room_id, body, files)

    async def fetch(self, attachment: Attachment) -> Path:
        """The file of ``attachment`` of the open conversation on this computer (downloaded if need be)."""
        room_id = self.snapshot.room_id or ""
        return await self._chat.files.download(attachment, room_id)

    async def save_draft(self, room_id: str, body: str) -> None:
        await self._chat.save_draft(room_id, body)

    def save_draft_now(self, room_id: str, body: str) -> None:
        """For the window's shutdown, which cannot await."""
        self._chat.save_draft_now(room_id, body)
