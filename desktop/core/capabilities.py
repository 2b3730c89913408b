"""What a marketplace can do, as data (desktop/ARCHITECTURE.md): services and the UI branch on these flags,
never on which marketplace an account is on. Each adapter in ``desktop.api`` declares its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class PollPlan:
    """How often a marketplace without push is asked for news, in seconds (the sync engine adapts
    between these bounds: faster while things change, slower while idle or failing)."""

    open_room: float = 10.0
    """The conversation on screen, while the window is in front."""
    feed: float = 60.0
    """Every other resource: rooms, proposals, the job feed, earnings."""
    idle_cap: float = 600.0
    """The longest wait between two polls after a long quiet spell (or repeated errors)."""


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a marketplace offers, as data. Every flag names something a user can see or do."""

    display_name: str
    """How the marketplace is called in the interface ("Open on %1")."""
    live_events: bool
    """It pushes changes (an event stream); otherwise the sync engine polls on ``poll``."""
    submit_proposals: bool
    """Proposals can be sent from Atelier; otherwise they are written here and sent on the website."""
    withdraw_proposals: bool
    invitations: bool
    """It lists invitations to apply (and lets them be declined)."""
    send_attachments: bool
    """Files can be attached to messages (uploaded, then named by the message) and downloaded."""
    connects_balance: bool
    """It tells how many Connects the freelancer has and what a proposal costs."""
    idempotency_keys: bool
    """Creating calls honour an ``Idempotency-Key``: a retry can never duplicate. Without it, a send whose
    outcome is unknown is first looked for on the marketplace (``find_sent_message``)."""
    saved_searches: bool
    """Saved searches are kept by the marketplace (and so follow the user between computers)."""
    contracts: bool = False
    """It lists the freelancer's contracts: hours against weekly limits, milestones and their money."""
    proposal_milestones: bool = False
    """A fixed-price proposal can carry its payment plan (milestones that add up to the bid)."""
    screening_questions: bool = False
    """Jobs list the client's screening questions and a proposal sent from here carries the answers."""
    max_attachment_bytes: int = 0
    """The largest file it takes, in bytes (with ``send_attachments``)."""
    attachment_types: frozenset[str] = frozenset()
    """The media types it takes as attachments (with ``send_attachments``)."""
    profile_url: str = ""
    """The user's public profile page on the marketplace's website, ``{id}`` standing for the user's id
    ("": none known; the account menu then offers no "Open your profile")."""
    max_cache_age: timedelta | None = None
    """How long data fetched from it may stay in the local cache (None: no limit)."""
    poll: PollPlan = PollPlan()
    """Poll intervals, for a marketplace without ``live_events``."""
