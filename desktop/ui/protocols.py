"""The narrow shapes the UI needs from the rest of the app.

The UI never imports ``desktop.services``: the real services satisfy these protocols structurally, and the
pane tests pass small stand-ins. Everything else the panes show is read from SQLite through the storage
repositories.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from desktop.core.capabilities import Capabilities
from desktop.core.models import Job, JobFilter, Message, Proposal, ProposalDraft, SavedSearch, SyncStatus
from desktop.presenters.jobs import JobMarks
from desktop.services.events import Event

if TYPE_CHECKING:  # named in annotations only: the first frame does not import what the other panes use
    from desktop.presenters.messages import Files
    from desktop.storage.funnel import FunnelReport
    from desktop.storage.templates import Template

T = TypeVar("T")


class Database(Protocol):
    """What the UI uses of ``storage.db.Database``."""

    def read_now(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Synchronous read for small pages on the UI thread."""
        ...

    async def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """A read on the reader thread; for anything that may take more than a few ms."""
        ...


class Bus(Protocol):
    def subscribe(self, listener: Callable[[Event], None]) -> Callable[[], None]: ...


class ChatActions(Protocol):
    @property
    def files(self) -> Files:
        """The files of messages: checking what may be sent, bringing one here to open."""
        ...

    async def send(self, room_id: str, body: str, files: Sequence[Path] = ()) -> Message:
        """Writes a local echo (state SENDING) and queues the message (its files first); returns the local
        row."""
        ...

    async def mark_read(self, room_id: str) -> None: ...

    async def save_draft(self, room_id: str, body: str) -> None:
        """Keeps what the user is writing in the room (empty text forgets it)."""
        ...

    def save_draft_now(self, room_id: str, body: str) -> None:
        """The same, synchronously (the window's shutdown)."""
        ...


class ProposalActions(Protocol):
    async def submit(self, draft: ProposalDraft) -> Proposal:
        """Writes a local proposal (id ``local:…``) and queues it for the server."""
        ...

    async def save_draft(self, draft: ProposalDraft) -> None:
        """Keeps what is written for the job (a draft with nothing written is discarded)."""
        ...

    def save_draft_now(self, draft: ProposalDraft) -> None:
        """The same, synchronously (the window's shutdown)."""
        ...

    async def draft_for(self, job_id: str) -> ProposalDraft | None: ...

    async def discard_draft(self, job_id: str) -> None: ...

    async def withdraw(self, proposal_id: str) -> None: ...

    async def decline_invitation(self, invitation_id: str) -> None:
        """Marks it declined locally at once and queues the answer for the server."""
        ...

    async def fetch_job(self, job_id: str) -> Job | None:
        """The job from the cache, or else from the marketplace (kept in the cache); None if unknown."""
        ...

    async def connects_available(self) -> int | None:
        """The Connects left to spend (the balance less what queued proposals cost); None when the
        marketplace does not say."""
        ...

    async def funnel(self) -> FunnelReport:
        """The proposal funnel and each template's reply rate (counted off the UI thread)."""
        ...

    async def templates(self) -> list[Template]:
        """The cover-letter templates, by name."""
        ...

    async def add_template(self, name: str, body: str) -> Template:
        """Raises ValueError with a sentence for the user (an empty or taken name, an empty text)."""
        ...

    async def update_template(self, template_id: int, name: str, body: str) -> None: ...

    async def delete_template(self, template_id: int) -> None: ...

    async def fill_template(self, template_id: int, job: Job) -> str:
        """The template's text with its placeholders filled in for ``job``."""
        ...


class SavedSearchActions(Protocol):
    async def list_with_new_counts(self) -> list[tuple[SavedSearch, int]]:
        """The saved searches, each with how many cached jobs are new in it since it was last opened."""
        ...

    async def save(self, name: str, job_filter: JobFilter) -> SavedSearch:
        """Stores it locally at once and queues it for the server; raises ValueError with a message the
        user can read when it cannot be saved."""
        ...

    async def delete(self, search_id: str) -> None: ...

    async def set_notify(self, search_id: str, on: bool) -> None: ...

    async def mark_seen(self, search_id: str) -> None: ...


class SyncLike(Protocol):
    @property
    def status(self) -> SyncStatus: ...

    @property
    def capabilities(self) -> Capabilities:
        """What the account's marketplace can do (the UI offers only that, and says what it cannot)."""
        ...

    async def sync_now(self) -> None: ...

    def set_open_room(self, room_id: str | None) -> None:
        """The conversation on screen and in front (None: none): polled often where there is no push."""
        ...


class Services(Protocol):
    """What MainWindow needs of ``services.container.Services``."""

    @property
    def db(self) -> Database: ...

    @property
    def bus(self) -> Bus: ...

    @property
    def sync(self) -> SyncLike: ...

    @property
    def chat(self) -> ChatActions: ...

    @property
    def proposals(self) -> ProposalActions: ...

    @property
    def saved_searches(self) -> SavedSearchActions: ...

    @property
    def job_marks(self) -> JobMarks: ...

    @property
    def account_label(self) -> str: ...

    @property
    def server_url(self) -> str: ...
