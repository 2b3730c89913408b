"""Stand-ins for the services the UI calls, writing through the real storage repositories.

They mimic the local-echo half of ChatService / ProposalService (a local row, then an event on the bus);
the network half and the real services are covered by the e2e tests.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from desktop.api.client import REFERENCE_CAPABILITIES
from desktop.core.capabilities import Capabilities
from desktop.core.clock import utcnow
from desktop.core.models import (
    ConnectionState,
    DeliveryState,
    InvitationStatus,
    Job,
    JobFilter,
    JobSort,
    Message,
    Proposal,
    ProposalDraft,
    ProposalStatus,
    SavedSearch,
    SyncStatus,
)
from desktop.services.events import (
    EventBus,
    InvitationsChanged,
    MessagesChanged,
    ProposalDraftsChanged,
    ProposalsChanged,
    RoomsChanged,
    SavedSearchesChanged,
)
from desktop.storage.db import Database


class LocalChat:
    """ChatActions that only writes the local echo (state SENDING) — like ChatService before the network."""

    def __init__(self, db: Database, bus: EventBus, my_id: str, my_name: str) -> None:
        self.db, self.bus, self.my_id, self.my_name = db, bus, my_id, my_name
        self.sent: list[tuple[str, str]] = []
        self.read: list[str] = []
        self.fail_with: Exception | None = None

    async def send(self, room_id: str, body: str) -> Message:
        from desktop.storage import messages

        if self.fail_with is not None:
            raise self.fail_with
        key = uuid.uuid4().hex
        now = utcnow()
        from desktop.storage import room_drafts

        def echo(c: Any) -> Message:
            room_drafts.save(c, room_id, "", now)  # as ChatService: the draft goes with the echo
            return messages.insert_local(c, room_id, body, self.my_id, self.my_name, key, now)

        msg = await self.db.write(echo)
        self.sent.append((room_id, body))
        self.bus.emit(MessagesChanged(frozenset({room_id})))
        return msg

    async def mark_read(self, room_id: str) -> None:
        from desktop.storage import rooms

        await self.db.write(lambda c: rooms.set_unread(c, room_id, 0))
        self.read.append(room_id)
        self.bus.emit(RoomsChanged())

    async def save_draft(self, room_id: str, body: str) -> None:
        from desktop.storage import room_drafts

        now = utcnow()
        await self.db.write(lambda c: room_drafts.save(c, room_id, body, now))

    def save_draft_now(self, room_id: str, body: str) -> None:
        from desktop.storage import room_drafts

        now = utcnow()
        self.db.write_now(lambda c: room_drafts.save(c, room_id, body, now))

    async def deliver(self, client_key: str) -> None:
        """What the outbox worker does on success (for tests of the SENDING → SENT transition)."""
        from desktop.storage import messages

        await self.db.write(lambda c: messages.set_state(c, client_key, DeliveryState.SENT))


class LocalProposals:
    """ProposalActions that writes the local proposal row and flips statuses locally."""

    def __init__(self, db: Database, bus: EventBus) -> None:
        self.db, self.bus = db, bus
        self.submitted: list[ProposalDraft] = []
        self.withdrawn: list[str] = []
        self.declined: list[str] = []
        self.drafts: dict[str, ProposalDraft] = {}
        self.discarded: list[str] = []

    async def save_draft(self, draft: ProposalDraft) -> None:
        self.save_draft_now(draft)

    def save_draft_now(self, draft: ProposalDraft) -> None:
        """Through the real drafts repository, as ProposalService (a blank draft is discarded)."""
        from desktop.storage import drafts

        now = utcnow()
        if draft.is_blank:
            self.db.write_now(lambda c: drafts.delete(c, draft.job_id))
            self.drafts.pop(draft.job_id, None)
        else:
            self.db.write_now(lambda c: drafts.save(c, draft, now))
            self.drafts[draft.job_id] = draft
        self.bus.emit(ProposalDraftsChanged())

    async def draft_for(self, job_id: str) -> ProposalDraft | None:
        from desktop.storage import drafts

        saved = await self.db.read(lambda c: drafts.get(c, job_id))
        return saved.draft if saved is not None else None

    async def discard_draft(self, job_id: str) -> None:
        from desktop.storage import drafts

        await self.db.write(lambda c: drafts.delete(c, job_id))
        self.drafts.pop(job_id, None)
        self.discarded.append(job_id)
        self.bus.emit(ProposalDraftsChanged())

    async def submit(self, draft: ProposalDraft) -> Proposal:
        from desktop.storage import proposals

        key = uuid.uuid4().hex
        now = utcnow()
        from desktop.storage import drafts

        def echo(c: Any) -> Proposal:
            drafts.delete(c, draft.job_id)  # as ProposalService: sent, the draft has done its job
            return proposals.insert_local(c, draft, key, now)

        p = await self.db.write(echo)
        self.submitted.append(draft)
        self.drafts.pop(draft.job_id, None)
        self.bus.emit(ProposalsChanged())
        self.bus.emit(ProposalDraftsChanged())
        return p

    async def withdraw(self, proposal_id: str) -> None:
        from desktop.storage import proposals

        def flip(c: object) -> None:
            p = proposals.get(c, proposal_id)  # type: ignore[arg-type]
            if p is not None:
                proposals.upsert_many(c, [replace(p, status=ProposalStatus.WITHDRAWN, updated_at=utcnow())])  # type: ignore[arg-type]

        await self.db.write(flip)
        self.withdrawn.append(proposal_id)
        self.bus.emit(ProposalsChanged())

    async def fetch_job(self, job_id: str) -> Job | None:
        """No marketplace behind these actions: only what the cache has."""
        from desktop.storage import jobs

        return await self.db.read(lambda c: jobs.get(c, job_id))

    async def connects_available(self) -> int | None:
        """As ProposalService: the cached balance less what the queued (local) proposals cost."""
        from desktop.storage import profile, proposals

        def read(c: Any) -> int | None:
            me = profile.get(c)
            return None if me is None else me.connects - proposals.pending_connects(c)

        return await self.db.read(read)

    async def funnel(self) -> Any:
        from desktop.storage import funnel

        return await self.db.read(funnel.report)

    async def templates(self) -> list[Any]:
        from desktop.storage import templates

        return await self.db.read(templates.list_all)

    async def add_template(self, name: str, body: str) -> Any:
        from desktop.storage import templates

        now = utcnow()
        return await self.db.write(lambda c: templates.add(c, name, body, now))

    async def update_template(self, template_id: int, name: str, body: str) -> None:
        from desktop.storage import templates

        now = utcnow()
        await self.db.write(lambda c: templates.update(c, template_id, name, body, now))

    async def delete_template(self, template_id: int) -> None:
        from desktop.storage import templates

        await self.db.write(lambda c: templates.delete(c, template_id))

    async def fill_template(self, template_id: int, job: Job) -> str:
        """As ProposalService, with fixed values for the user's own (no profile behind these actions)."""
        from desktop.storage import templates

        found = await self.db.read(lambda c: templates.get(c, template_id))
        if found is None:
            raise templates.TemplateError("This template no longer exists.")
        return templates.fill_placeholders(found.body, {
            "client_name": job.client.name, "job_title": job.title, "my_rate": "$85.00/hr",
            "my_name": "Ada Moreau", "skills": ", ".join(job.skills[:3])})

    async def decline_invitation(self, invitation_id: str) -> None:
        from desktop.storage import invitations

        def decline(c: Any) -> None:
            current = invitations.get(c, invitation_id)
            if current is not None:
                invitations.upsert_many(c, [replace(current, status=InvitationStatus.DECLINED)])

        await self.db.write(decline)
        self.declined.append(invitation_id)
        self.bus.emit(InvitationsChanged())


class LocalSavedSearches:
    """SavedSearchActions over the real repository: the local half of SavedSearchService."""

    def __init__(self, db: Database, bus: EventBus) -> None:
        self.db, self.bus = db, bus
        self.seen: list[str] = []
        self.deleted: list[str] = []

    async def list_with_new_counts(self) -> list[tuple[SavedSearch, int]]:
        from desktop.storage import saved_searches

        return await self.db.read(saved_searches.with_new_counts)

    async def save(self, name: str, job_filter: JobFilter) -> SavedSearch:
        from desktop.storage import saved_searches

        key = uuid.uuid4().hex
        now = utcnow()
        saved = await self.db.write(lambda c: saved_searches.insert_local(
            c, name, replace(job_filter, sort=JobSort.NEWEST), key, now))
        self.bus.emit(SavedSearchesChanged())
        return saved  # type: ignore[no-any-return]

    async def delete(self, search_id: str) -> None:
        from desktop.storage import saved_searches

        await self.db.write(lambda c: saved_searches.mark_deleting(c, search_id))
        self.deleted.append(search_id)
        self.bus.emit(SavedSearchesChanged())

    async def set_notify(self, search_id: str, on: bool) -> None:
        from desktop.storage import saved_searches

        await self.db.write(lambda c: saved_searches.set_notify(c, search_id, on))
        self.bus.emit(SavedSearchesChanged())

    async def mark_seen(self, search_id: str) -> None:
        from desktop.storage import saved_searches

        now = utcnow()
        await self.db.write(lambda c: saved_searches.mark_seen(c, search_id, now))
        self.seen.append(search_id)
        self.bus.emit(SavedSearchesChanged())


@dataclass
class FakeSync:
    status: SyncStatus = field(default_factory=lambda: SyncStatus(state=ConnectionState.ONLINE))
    syncs: int = 0
    capabilities: Capabilities = REFERENCE_CAPABILITIES
    open_rooms: list[str | None] = field(default_factory=list)

    async def sync_now(self) -> None:
        self.syncs += 1

    def set_open_room(self, room_id: str | None) -> None:
        self.open_rooms.append(room_id)


@dataclass
class FakeServices:
    db: Database
    bus: EventBus
    sync: FakeSync
    chat: LocalChat
    proposals: LocalProposals
    saved_searches: LocalSavedSearches
    account_label: str = "Ada Moreau · demo marketplace"
    server_url: str = "http://127.0.0.1:8765"


def make_services(db: Database, my_id: str, my_name: str, status: SyncStatus | None = None) -> FakeServices:
    bus = EventBus()
    return FakeServices(
        db=db,
        bus=bus,
        sync=FakeSync(status or SyncStatus(state=ConnectionState.ONLINE, last_synced_at=utcnow())),
        chat=LocalChat(db, bus, my_id, my_name),
        proposals=LocalProposals(db, bus),
        saved_searches=LocalSavedSearches(db, bus),
    )
