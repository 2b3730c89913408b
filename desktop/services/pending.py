"""An account whose window shows before its services exist.

The window's first frame needs the cache and the event bus, not the marketplace adapter (httpx), the outbox
or the sync engine: the account controller (desktop/shell/accounts.py) opens the cache, shows the window on
a ``PendingServices`` and builds the services right after that frame, on the same bus
(``build_services(..., bus=)``), so no change published meanwhile is missed. ``attach`` hands them over:
the window takes them, and what a pane asked of the pending ones in between (a click in the first moments,
the saved searches' counts) is done by the real ones then.

Importing this module imports none of the services it stands for.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.capabilities import Capabilities
from desktop.core.clock import utcnow
from desktop.core.errors import DiskFullError
from desktop.core.models import (
    Attachment,
    ConnectionState,
    Job,
    JobFilter,
    Message,
    Proposal,
    ProposalDraft,
    SavedSearch,
    SyncStatus,
)
from desktop.core.notices import Code, Notice
from desktop.services.events import EventBus, ProposalDraftsChanged
from desktop.services.job_marks import JobMarksService
from desktop.storage import drafts, room_drafts
from desktop.storage.db import Database

if TYPE_CHECKING:
    from desktop.services.attachments import OutgoingFile
    from desktop.services.container import Services
    from desktop.storage.funnel import FunnelReport
    from desktop.storage.templates import Template

log = logging.getLogger("atelier.services")


def starting_status(capabilities: Capabilities) -> SyncStatus:
    """The status before the first sync starts (the sync engine starts from it too)."""
    limit = capabilities.max_cache_age
    hours = None if limit is None else round(limit.total_seconds() / 3600)
    return SyncStatus(state=ConnectionState.SYNCING, notice=Notice(Code.STARTING), cache_limit_hours=hours)


class PendingServices:
    """The parts of ``services.container.Services`` a window reads, before the services are built: the cache,
    the bus, the account's names and what its marketplace can do. The actions (chat, proposals, saved
    searches, sync now) wait for ``attach``; hiding and saving jobs is local and done at once."""

    def __init__(self, db: Database, bus: EventBus, *, account_label: str, server_url: str,
                 capabilities: Capabilities) -> None:
        self.db = db
        self.bus = bus
        self.account_label = account_label
        self.server_url = server_url.rstrip("/")
        self.sync = PendingSync(self, capabilities)
        self.chat = PendingChat(self, capabilities)
        self.proposals = PendingProposals(self)
        self.saved_searches = PendingSavedSearches(self)
        self.job_marks = JobMarksService(db, bus)
        self.services: Services | None = None
        """The services once attached."""
        self._attached: asyncio.Future[Services] | None = None
        self._closed = False

    async def ready(self) -> Services:
        """The services, once attached (CancelledError if the account closes first)."""
        if self.services is not None:
            return self.services
        if self._closed:
            raise asyncio.CancelledError("the account closed before its services were built")
        if self._attached is None:
            self._attached = asyncio.get_running_loop().create_future()
        return await asyncio.shield(self._attached)

    def attach(self, services: Services) -> None:
        """The services are built: what waits for them goes ahead."""
        self.services = services
        if self._attached is not None and not self._attached.done():
            self._attached.set_result(services)
        if self.sync.open_room is not None:
            services.sync.set_open_room(self.sync.open_room)

    def close(self) -> None:
        """The account closes before its services were built: what waits for them is cancelled."""
        self._closed = True
        if self._attached is not None and not self._attached.done():
            self._attached.cancel()


class PendingSync:
    """``SyncEngine``'s face to the window: the starting status until the engine exists."""

    def __init__(self, pending: PendingServices, capabilities: Capabilities) -> None:
        self._pending = pending
        self.capabilities = capabilities
        self.open_room: str | None = None
        self._starting = starting_status(capabilities)

    @property
    def status(self) -> SyncStatus:
        services = self._pending.services
        return services.sync.status if services is not None else self._starting

    async def sync_now(self) -> None:
        await (await self._pending.ready()).sync.sync_now()

    def set_open_room(self, room_id: str | None) -> None:
        self.open_room = room_id  # told to the engine when it is attached
        if self._pending.services is not None:
            self._pending.services.sync.set_open_room(room_id)


class PendingFiles:
    """``AttachmentService``'s face to the Messages pane: what may be sent is known from the capabilities."""

    def __init__(self, pending: PendingServices, capabilities: Capabilities) -> None:
        self._pending = pending
        self._capabilities = capabilities

    @property
    def can_send(self) -> bool:
        return self._capabilities.send_attachments

    @property
    def max_bytes(self) -> int:
        return self._capabilities.max_attachment_bytes

    @property
    def marketplace_name(self) -> str:
        return self._capabilities.display_name

    def check(self, path: Path) -> OutgoingFile:
        from desktop.services.attachments import check_outgoing

        return check_outgoing(path, self._capabilities)

    async def download(self, attachment: Attachment, room_id: str) -> Path:
        return await (await self._pending.ready()).chat.files.download(attachment, room_id)


class PendingChat:
    def __init__(self, pending: PendingServices, capabilities: Capabilities) -> None:
        self._pending = pending
        self.files = PendingFiles(pending, capabilities)

    async def send(self, room_id: str, body: str, files: Sequence[Path] = ()) -> Message:
        return await (await self._pending.ready()).chat.send(room_id, body, files)

    async def mark_read(self, room_id: str) -> None:
        await (await self._pending.ready()).chat.mark_read(room_id)

    async def save_draft(self, room_id: str, body: str) -> None:
        await (await self._pending.ready()).chat.save_draft(room_id, body)

    def save_draft_now(self, room_id: str, body: str) -> None:
        """The window's shutdown cannot wait: without the services yet, the draft is kept as ChatService
        keeps it (a local write)."""
        services = self._pending.services
        if services is not None:
            services.chat.save_draft_now(room_id, body)
            return
        now = utcnow()
        self._pending.db.write_now(lambda conn: room_drafts.save(conn, room_id, body, now))


class PendingProposals:
    def __init__(self, pending: PendingServices) -> None:
        self._pending = pending

    @property
    def unsaved_drafts(self) -> int:
        services = self._pending.services
        return services.proposals.unsaved_drafts if services is not None else 0

    async def submit(self, draft: ProposalDraft) -> Proposal:
        return await (await self._pending.ready()).proposals.submit(draft)

    async def save_draft(self, draft: ProposalDraft) -> None:
        await (await self._pending.ready()).proposals.save_draft(draft)

    def save_draft_now(self, draft: ProposalDraft) -> None:
        """The window's shutdown cannot wait: without the services yet, the draft is written as
        ProposalService writes it (on a full disk it cannot be kept in memory for later: the app is
        closing)."""
        services = self._pending.services
        if services is not None:
            services.proposals.save_draft_now(draft)
            return
        now = utcnow()
        try:
            if draft.is_blank:
                self._pending.db.write_now(lambda c: drafts.delete(c, draft.job_id))
            else:
                self._pending.db.write_now(lambda c: drafts.save(c, draft, now))
        except DiskFullError:
            log.warning("the disk is full: the proposal draft for %s could not be kept", draft.job_id)
            return
        self._pending.bus.emit(ProposalDraftsChanged())

    async def draft_for(self, job_id: str) -> ProposalDraft | None:
        return await (await self._pending.ready()).proposals.draft_for(job_id)

    async def discard_draft(self, job_id: str) -> None:
        await (await self._pending.ready()).proposals.discard_draft(job_id)

    async def withdraw(self, proposal_id: str) -> None:
        await (await self._pending.ready()).proposals.withdraw(proposal_id)

    async def decline_invitation(self, invitation_id: str) -> None:
        await (await self._pending.ready()).proposals.decline_invitation(invitation_id)

    async def fetch_job(self, job_id: str) -> Job | None:
        return await (await self._pending.ready()).proposals.fetch_job(job_id)

    async def connects_available(self) -> int | None:
        return await (await self._pending.ready()).proposals.connects_available()

    async def funnel(self) -> FunnelReport:
        return await (await self._pending.ready()).proposals.funnel()

    async def templates(self) -> list[Template]:
        return await (await self._pending.ready()).proposals.templates()

    async def add_template(self, name: str, body: str) -> Template:
        return await (await self._pending.ready()).proposals.add_template(name, body)

    async def update_template(self, template_id: int, name: str, body: str) -> None:
        await (await self._pending.ready()).proposals.update_template(template_id, name, body)

    async def delete_template(self, template_id: int) -> None:
        await (await self._pending.ready()).proposals.delete_template(template_id)

    async def fill_template(self, template_id: int, job: Job) -> str:
        return await (await self._pending.ready()).proposals.fill_template(template_id, job)


class PendingSavedSearches:
    def __init__(self, pending: PendingServices) -> None:
        self._pending = pending

    async def list_with_new_counts(self) -> list[tuple[SavedSearch, int]]:
        return await (await self._pending.ready()).saved_searches.list_with_new_counts()

    async def save(self, name: str, job_filter: JobFilter) -> SavedSearch:
        return await (await self._pending.ready()).saved_searches.save(name, job_filter)

    async def delete(self, search_id: str) -> None:
        await (await self._pending.ready()).saved_searches.delete(search_id)

    async def set_notify(self, search_id: str, on: bool) -> None:
        await (await self._pending.ready()).saved_searches.set_notify(search_id, on)

    async def mark_seen(self, search_id: str) -> None:
        await (await self._pending.ready()).saved_searches.mark_seen(search_id)
