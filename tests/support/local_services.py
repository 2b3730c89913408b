"""The real ChatService, ProposalService and SavedSearchService over a test's real cache and bus, with their
outbox worker never started: what the panes and presenters ask of them runs the services' own code
(validation, the local echo written with its outbox row in one transaction, the events they emit), and
nothing is sent. The marketplace client points at a closed loopback port, so a stray network call fails
fast instead of reaching anything. The sending half (outbox, reference server, echo replaced) is covered by
tests/integration and tests/e2e against the real server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.api.client import MarketplaceClient
from desktop.core.models import DeliveryState, ProposalDraft
from desktop.credentials import CredentialStore
from desktop.services.chat import MARK_READ, SEND, ChatService
from desktop.services.events import EventBus
from desktop.services.job_marks import JobMarksService
from desktop.services.outbox import OutboxWorker
from desktop.services.proposals import SUBMIT, ProposalService, draft_from_payload
from desktop.services.saved_searches import SavedSearchService
from desktop.services.session import Session
from desktop.storage import messages, outbox
from desktop.storage.db import Database

CLOSED_PORT_URL = "http://127.0.0.1:9"
"""Where the unstarted services' marketplace client points: the discard port, closed on loopback."""


@dataclass
class LocalServices:
    db: Database
    bus: EventBus
    outbox: OutboxWorker
    chat: ChatService
    proposals: ProposalService
    saved_searches: SavedSearchService
    job_marks: JobMarksService


def local_services(db: Database, my_id: str, my_name: str, bus: EventBus | None = None) -> LocalServices:
    bus = bus or EventBus()
    session = Session(CLOSED_PORT_URL, my_name, CredentialStore.memory_only())
    api = MarketplaceClient(session.server_url, session)
    api.account_id = my_id
    worker = OutboxWorker(db, bus)
    return LocalServices(
        db=db, bus=bus, outbox=worker,
        chat=ChatService(api, db, bus, worker, user_id=my_id, user_name=my_name),
        proposals=ProposalService(api, db, bus, worker),
        saved_searches=SavedSearchService(api, db, bus, worker),
        job_marks=JobMarksService(db, bus),
    )


# -- what the stopped outbox holds: what the user asked to send --------------------------------------------

def queued(db: Database, kind: str) -> list[dict[str, Any]]:
    """The payloads of the actions of ``kind`` waiting in the outbox, oldest first."""
    pending = db.read_now(lambda c: outbox.list(c, "pending"))
    return [dict(item.payload) for item in pending if item.kind == kind]


def sent_messages(db: Database) -> list[tuple[str, str]]:
    """(room, body) of each message the user sent, oldest first."""
    return [(str(p["room_id"]), str(p["body"])) for p in queued(db, SEND)]


def rooms_marked_read(db: Database) -> list[str]:
    return [str(p["room_id"]) for p in queued(db, MARK_READ)]


def submitted_drafts(db: Database) -> list[ProposalDraft]:
    """The proposals the user sent (waiting in the outbox), as the drafts they were sent from."""
    return [draft_from_payload(p) for p in queued(db, SUBMIT)]


def deliver(db: Database, client_key: str) -> None:
    """What the outbox worker does when the marketplace accepted a message (SENDING → SENT)."""
    db.write_now(lambda c: messages.set_state(c, client_key, DeliveryState.SENT))
