"""The marketplace port: what the services need of a marketplace, and what each marketplace can do.

Services (sync engine, outbox handlers, chat, proposals, saved searches) talk to a ``Marketplace``; an
adapter implements it for one marketplace: ``desktop.api.client.MarketplaceClient`` for the reference API,
``desktop.api.upwork.UpworkMarketplace`` for Upwork's GraphQL API. Each adapter declares what it can do as
a ``Capabilities`` value, and services and the UI branch on those flags only, never on which marketplace
it is, so a feature a marketplace lacks is shown as what it is rather than failing.

No Qt here, and nothing but core types cross the port.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from desktop.api.events import ServerEvent, StateCallback
from desktop.core.capabilities import Capabilities, PollPlan
from desktop.core.models import (
    Attachment,
    Contract,
    EarningsSummary,
    Freelancer,
    Invitation,
    Job,
    JobFilter,
    Message,
    Proposal,
    ProposalDraft,
    ProposalStatus,
    Room,
    SavedSearch,
    Transaction,
)

__all__ = ["Capabilities", "LiveEvents", "Marketplace", "Page", "PollPlan", "Progress"]

T = TypeVar("T")

Progress = Callable[[int, int], None]
"""Told ``(bytes done, bytes in all)`` as a file goes up or comes down (from the event loop's thread)."""


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


class LiveEvents(Protocol):
    """The event stream of a marketplace with ``live_events``: ``async with api.events(...) as stream``,
    then ``async for event in stream``; it reconnects by itself and raises ``AuthError`` when refused."""

    async def __aenter__(self) -> AsyncIterator[ServerEvent]: ...

    async def __aexit__(self, *exc_info: object) -> None: ...


class Marketplace(Protocol):
    """One signed-in account on one marketplace. Methods raise only ``desktop.core.errors`` types."""

    @property
    def capabilities(self) -> Capabilities: ...

    account_id: str | None
    """The signed-in user's id once ``me()`` answered (rooms name the other side relative to it)."""

    async def aclose(self) -> None: ...

    async def me(self) -> Freelancer: ...

    async def jobs_page(self, f: JobFilter | None = None, *, updated_since: datetime | None = None,
                        cursor: str | None = None, limit: int = 200) -> Page[Job]: ...

    async def job(self, job_id: str) -> Job: ...

    async def categories(self) -> list[str]: ...

    async def proposals_page(self, *, status: ProposalStatus | None = None,
                             updated_since: datetime | None = None, cursor: str | None = None,
                             limit: int = 200) -> Page[Proposal]: ...

    async def invitations_page(self, *, updated_since: datetime | None = None, cursor: str | None = None,
                               limit: int = 200) -> Page[Invitation]: ...

    async def decline_invitation(self, invitation_id: str) -> Invitation: ...

    async def rooms_page(self, *, updated_since: datetime | None = None, cursor: str | None = None,
                         limit: int = 200) -> Page[Room]: ...

    async def messages_page(self, *, updated_since: datetime | None = None, cursor: str | None = None,
                            limit: int = 500) -> Page[Message]: ...

    async def room_history_page(self, room_id: str, *, cursor: str | None = None,
                                limit: int = 100) -> Page[Message]: ...

    async def transactions_page(self, *, updated_since: datetime | None = None, cursor: str | None = None,
                                limit: int = 500) -> Page[Transaction]: ...

    async def contracts_page(self, *, updated_since: datetime | None = None, cursor: str | None = None,
                             limit: int = 200) -> Page[Contract]:
        """Only with ``capabilities.contracts``."""
        ...

    async def contract(self, contract_id: str) -> Contract: ...

    async def saved_searches_page(self, *, updated_since: datetime | None = None,
                                  cursor: str | None = None, limit: int = 200) -> Page[SavedSearch]: ...

    async def create_saved_search(self, name: str, job_filter: JobFilter,
                                  idempotency_key: str) -> SavedSearch: ...

    async def delete_saved_search(self, search_id: str) -> SavedSearch: ...

    async def earnings_summary(self) -> EarningsSummary: ...

    async def create_proposal(self, draft: ProposalDraft, idempotency_key: str) -> Proposal: ...

    async def withdraw_proposal(self, proposal_id: str) -> Proposal: ...

    async def post_message(self, room_id: str, body: str, idempotency_key: str,
                           attachment_ids: Sequence[str] = ()) -> Message:
        """``attachment_ids``: files uploaded with ``upload_attachment`` (only with
        ``capabilities.send_attachments``)."""
        ...

    async def upload_attachment(self, room_id: str, source: Path, name: str, content_type: str,
                                idempotency_key: str, *, progress: Progress | None = None) -> Attachment:
        """Send the file at ``source`` for a message in ``room_id`` (only with
        ``capabilities.send_attachments``; otherwise it raises ``RequestRejected`` saying so). The same key
        again answers the same attachment: a retry never keeps the file twice."""
        ...

    async def download_attachment(self, attachment_id: str, target: Path, *,
                                  progress: Progress | None = None) -> int:
        """Write the attachment's bytes to ``target`` (replacing it); returns how many. Only with
        ``capabilities.send_attachments``."""
        ...

    async def find_sent_message(self, room_id: str, body: str, sent_after: datetime,
                                known_ids: frozenset[str]) -> Message | None:
        """A message of ours with this body, sent to the room after ``sent_after``, whose id is not in
        ``known_ids``: how a send with an unknown outcome is settled without idempotency keys."""
        ...

    async def mark_read(self, room_id: str, last_read_message_id: str) -> Room: ...

    def events(self, last_event_id: str | None = None, *,
               on_state: StateCallback | None = None) -> LiveEvents:
        """The live event stream (only with ``capabilities.live_events``)."""
        ...
