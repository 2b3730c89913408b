"""Domain types: what the app knows about jobs, proposals, chats and money.

These are the shapes the cache stores and the UI shows. The API layer converts wire JSON into them;
the storage layer reads them back out of SQLite.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from desktop.core.money import Money
from desktop.core.notices import Code, Notice


class JobType(StrEnum):
    HOURLY = "hourly"
    FIXED = "fixed"


class ExperienceLevel(StrEnum):
    ENTRY = "entry"
    INTERMEDIATE = "intermediate"
    EXPERT = "expert"


class JobSort(StrEnum):
    NEWEST = "newest"
    BUDGET_HIGH = "budget_desc"
    FEWEST_PROPOSALS = "proposals_asc"
    RELEVANCE = "relevance"
    BEST_MATCH = "best_match"
    """The cache's own match score for the signed-in freelancer (core/match.py); marketplaces lack it."""


class ProposalStatus(StrEnum):
    SUBMITTED = "submitted"
    VIEWED = "viewed"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    HIRED = "hired"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    ARCHIVED = "archived"

    @property
    def is_active(self) -> bool:
        return self in _ACTIVE


_ACTIVE = {
    ProposalStatus.SUBMITTED,
    ProposalStatus.VIEWED,
    ProposalStatus.INTERVIEWING,
    ProposalStatus.OFFER,
}


class TransactionType(StrEnum):
    EARNING = "earning"
    BONUS = "bonus"
    WITHDRAWAL = "withdrawal"
    REFUND = "refund"
    ADJUSTMENT = "adjustment"


class TransactionStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    IN_REVIEW = "in_review"
    PENDING = "pending"
    AVAILABLE = "available"
    COMPLETED = "completed"


class ContractType(StrEnum):
    HOURLY = "hourly"
    FIXED = "fixed"


class ContractStatus(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


class MilestoneStatus(StrEnum):
    """A fixed-price milestone's stage; its money is at the transaction stage of the same step."""

    UNFUNDED = "unfunded"
    """The client has not put it in escrow yet."""
    FUNDED = "funded"
    """In escrow: the work is going on (work in progress)."""
    SUBMITTED = "submitted"
    """The work is handed in; the client reviews it (in review)."""
    APPROVED = "approved"
    """The client approved it; the marketplace's security period runs (pending)."""
    PAID = "paid"
    """The money is available."""


class DeliveryState(StrEnum):
    """Where an outgoing message stands, as the chat shows it."""

    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class AttachmentState(StrEnum):
    """Where a file of a message stands here."""

    UPLOADING = "uploading"
    """Ours, copied into the cache and waiting in the outbox (or on its way)."""
    FAILED = "failed"
    """Ours, refused by the marketplace (its message is refused with it)."""
    REMOTE = "remote"
    """On the marketplace: downloaded here when ``local_path`` is set."""


IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
"""Images shown as thumbnails and opened without asking (they are decoded as images, never run)."""
_VIEWABLE_SUFFIXES = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
}
"""The name a viewable file must end with: the system opens a file by its name, not by its type."""


@dataclass(frozen=True, slots=True)
class Attachment:
    id: str
    """The marketplace's id, or "local:<upload key>" until it is uploaded."""
    name: str
    size: int
    """Bytes."""
    content_type: str
    state: AttachmentState = AttachmentState.REMOTE
    local_path: str | None = None
    """The file on this computer: our upload's copy, or the downloaded file (None: not here)."""

    @property
    def is_local(self) -> bool:
        return self.id.startswith("local:")

    @property
    def is_image(self) -> bool:
        return self.content_type in IMAGE_TYPES

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"

    @property
    def opens_without_asking(self) -> bool:
        """Images and PDFs (named as such) open in a viewer that shows them; anything else, or an image
        named like a program, may run code when the system opens it: ask first."""
        suffixes = _VIEWABLE_SUFFIXES.get(self.content_type, ())
        return self.name.lower().endswith(suffixes) if suffixes else False


class ConnectionState(StrEnum):
    ONLINE = "online"
    SYNCING = "syncing"
    OFFLINE = "offline"
    SIGNED_OUT = "signed_out"


@dataclass(frozen=True, slots=True)
class Freelancer:
    id: str
    name: str
    title: str
    email: str
    skills: tuple[str, ...]
    hourly_rate: Money
    connects: int
    fee_rate: Decimal
    country: str


@dataclass(frozen=True, slots=True)
class ClientInfo:
    id: str
    name: str
    country: str
    payment_verified: bool
    rating: Decimal | None
    total_spent: Money
    hires: int


@dataclass(frozen=True, slots=True)
class ScreeningQuestion:
    """A question the client wants answered in every proposal for the job."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class ScreeningAnswer:
    question_id: str
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class BidMilestone:
    """One payment of a fixed-price bid: what is delivered, for how much, by when."""

    description: str
    amount: Money
    due: date


@dataclass(frozen=True, slots=True)
class Job:
    id: str
    title: str
    description: str
    category: str
    skills: tuple[str, ...]
    job_type: JobType
    budget: Money | None  # fixed-price budget
    hourly_min: Money | None
    hourly_max: Money | None
    experience_level: ExperienceLevel
    duration: str
    proposals_count: int
    connects_required: int
    fee_rate: Decimal
    client: ClientInfo
    status: str
    posted_at: datetime
    updated_at: datetime
    url: str = ""
    """The job's public page on the marketplace's website ("" when it has none)."""
    screening_questions: tuple[ScreeningQuestion, ...] = ()
    """What the client asks every applicant (a proposal answers each one)."""

    @property
    def headline_amount(self) -> Money | None:
        """The figure a feed row shows: the fixed budget or the top of the hourly range."""
        return self.budget if self.job_type is JobType.FIXED else (self.hourly_max or self.hourly_min)


@dataclass(frozen=True, slots=True)
class Proposal:
    id: str
    job_id: str
    job_title: str
    cover_letter: str
    bid: Money
    duration: str
    status: ProposalStatus
    fee_rate: Decimal
    connects_spent: int
    invited: bool
    created_at: datetime
    updated_at: datetime
    client_name: str = ""
    milestones: tuple[BidMilestone, ...] = ()
    """A fixed-price bid's payment plan (empty: paid at the end, in one go)."""
    answers: tuple[ScreeningAnswer, ...] = ()


@dataclass(frozen=True, slots=True)
class Room:
    id: str
    title: str
    counterpart_name: str
    job_id: str | None
    unread_count: int
    last_message_preview: str
    last_message_at: datetime | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Message:
    id: str  # server id, or the local id ("local:<uuid>") while it is still in the outbox
    room_id: str
    sender_id: str
    sender_name: str
    body: str
    created_at: datetime
    state: DeliveryState = DeliveryState.SENT
    client_key: str | None = None  # idempotency key of an outgoing message
    attachments: tuple[Attachment, ...] = ()
    """Files sent with the message, in order (the text may then be empty)."""

    @property
    def is_local(self) -> bool:
        return self.id.startswith("local:")


@dataclass(frozen=True, slots=True)
class Transaction:
    id: str
    type: TransactionType
    status: TransactionStatus
    description: str
    job_id: str | None
    gross: Money
    fee: Money
    net: Money
    created_at: datetime
    available_at: datetime | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Milestone:
    id: str
    position: int
    description: str
    amount: Money
    status: MilestoneStatus
    due_date: date | None
    funded_at: datetime | None = None
    submitted_at: datetime | None = None
    approved_at: datetime | None = None
    paid_at: datetime | None = None

    def reached_at(self, status: MilestoneStatus) -> datetime | None:
        """When the milestone reached ``status`` (None: not yet, or not known)."""
        return {
            MilestoneStatus.FUNDED: self.funded_at,
            MilestoneStatus.SUBMITTED: self.submitted_at,
            MilestoneStatus.APPROVED: self.approved_at,
            MilestoneStatus.PAID: self.paid_at,
        }.get(status)


@dataclass(frozen=True, slots=True)
class Contract:
    """A hire: hourly (a rate, a weekly limit and the hours of one week) or fixed price (milestones)."""

    id: str
    title: str
    job_id: str
    client_id: str
    client_name: str
    contract_type: ContractType
    status: ContractStatus
    started_at: datetime
    updated_at: datetime
    proposal_id: str | None = None
    room_id: str | None = None
    hourly_rate: Money | None = None
    weekly_limit_hours: int | None = None
    hours_this_week: Decimal | None = None
    week_start: date | None = None
    """The Monday ``hours_this_week`` belongs to, as the marketplace dated it."""
    budget: Money | None = None
    fee_rate: Decimal | None = None
    milestones: tuple[Milestone, ...] = ()
    ended_at: datetime | None = None

    def hours_in_week(self, monday: date) -> Decimal | None:
        """Hours logged in the week starting ``monday``: none are known for an older week (0 then), and
        a fixed-price contract has none (None)."""
        if self.contract_type is not ContractType.HOURLY:
            return None
        if self.week_start != monday or self.hours_this_week is None:
            return Decimal(0)
        return self.hours_this_week

    @property
    def current_milestone(self) -> Milestone | None:
        """The first milestone not paid yet (None: all paid, or none)."""
        return next((m for m in self.milestones if m.status is not MilestoneStatus.PAID), None)


@dataclass(frozen=True, slots=True)
class YearSummary:
    """One calendar year of money, as a tax return wants it. Earnings, bonuses, refunds and adjustments
    count as income (gross, the platform's fees, net); withdrawals are money moved out, apart."""

    year: int
    gross: Money
    fees: Money
    net: Money
    withdrawn: Money
    """Positive: how much left for the bank."""
    refunds_and_adjustments: Money
    """Their net, included in ``net`` (usually negative)."""
    count: int


@dataclass(frozen=True, slots=True)
class EarningsSummary:
    work_in_progress: Money
    in_review: Money
    pending: Money
    available: Money
    lifetime: Money
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class MonthlyEarning:
    month: str  # "YYYY-MM"
    net: Money


@dataclass(frozen=True, slots=True)
class ComingAvailable:
    """Money in review or pending that becomes available on one day (the marketplace's own date)."""

    day: date
    net: Money
    count: int


@dataclass(frozen=True, slots=True)
class JobFilter:
    """What the feed is narrowed to. Empty fields do not filter."""

    query: str = ""
    job_type: JobType | None = None
    min_budget: Decimal | None = None
    max_budget: Decimal | None = None
    experience_level: ExperienceLevel | None = None
    category: str | None = None
    payment_verified_only: bool = False
    max_proposals: int | None = None
    posted_within_hours: int | None = None
    sort: JobSort = JobSort.NEWEST

    @property
    def narrows(self) -> bool:
        """Whether it holds search words or a filter: anything but the whole feed, in whatever order."""
        return dataclasses.replace(self, query=self.query.strip(), sort=JobSort.NEWEST) != JobFilter()


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A job search kept by name (at most ``MAX_NAME`` characters). The server tells us about new jobs
    that match it (job.matched); what is new for the user is what was posted after they last opened it
    here (``seen_at``, local only)."""

    MAX_NAME: ClassVar[int] = 80

    id: str  # the server's, or "local:<key>" until the server has it
    name: str
    filter: JobFilter  # its sort is always NEWEST: a saved search is a feed, not an ordering
    created_at: datetime
    updated_at: datetime
    deleted: bool = False
    seen_at: datetime | None = None
    notify: bool = True
    """Whether its new jobs are announced while Atelier is in the background (a choice made here)."""

    @property
    def is_local(self) -> bool:
        return self.id.startswith("local:")


@dataclass(frozen=True, slots=True)
class JobMatch:
    """A new job that matches some of the user's saved searches (the server's job.matched event)."""

    job: Job
    saved_search_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProposalDraft:
    job_id: str
    cover_letter: str
    bid: Money
    duration: str
    fee_rate: Decimal
    job_title: str = ""
    template_id: int | None = None
    """The cover-letter template the letter started from (recorded with the sent proposal)."""
    milestones: tuple[BidMilestone, ...] = ()
    """Fixed-price only, optional: the payment plan; when there is one it adds up to the bid."""
    answers: tuple[ScreeningAnswer, ...] = ()
    """One per screening question of the job (blank while not answered yet)."""

    @property
    def is_blank(self) -> bool:
        """Nothing written in it yet (a bid and a duration alone are the form's defaults)."""
        return (not self.cover_letter.strip() and not any(a.answer.strip() for a in self.answers)
                and not any(m.description.strip() or m.amount.amount for m in self.milestones))

    @property
    def milestones_total(self) -> Money:
        total = Money.zero(self.bid.currency)
        for m in self.milestones:
            total = total + m.amount
        return total

    def problems(self, today: date | None = None) -> list[Notice]:
        """What stops this draft from being sent, as notices the form can show (with ``today``, the user's
        date: a milestone due before it too)."""
        issues: list[Notice] = []
        if len(self.cover_letter.strip()) < 50:
            issues.append(Notice(Code.COVER_LETTER_TOO_SHORT))
        if self.bid.amount <= 0:
            issues.append(Notice(Code.BID_NOT_POSITIVE))
        if not self.duration.strip():
            issues.append(Notice(Code.DURATION_MISSING))
        if any(not m.description.strip() for m in self.milestones):
            issues.append(Notice(Code.MILESTONE_UNDESCRIBED))
        if any(m.amount.amount <= 0 for m in self.milestones):
            issues.append(Notice(Code.MILESTONE_AMOUNT_MISSING))
        if self.milestones and self.milestones_total.rounded() != self.bid.rounded():
            issues.append(Notice(Code.MILESTONES_MISS_THE_BID))
        if today is not None and any(m.due < today for m in self.milestones):
            issues.append(Notice(Code.MILESTONE_DUE_PASSED))
        if any(not a.answer.strip() for a in self.answers):
            issues.append(Notice(Code.SCREENING_UNANSWERED))
        return issues


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the status bar shows. Immutable: the engine publishes a new value for each change, so a
    subscriber that keeps the one it was given keeps what it was shown."""

    state: ConnectionState = ConnectionState.OFFLINE
    last_synced_at: datetime | None = None
    notice: Notice | None = None
    """Why (offline, signed out) or what is under way; the interface translates it (None: nothing to say)."""
    pending_outbox: int = 0
    cache_limit_hours: int | None = None
    """The marketplace allows its data in the cache this long (None: no limit); the window says so offline."""
    purged: int = 0
    """How many cached items the last cache-age purge removed (they could not be fetched again in time)."""
    disk_full_mb: int = 0
    """The disk holding the cache is full: megabytes to free before Atelier writes again (0: not full).
    Sending and syncing wait meanwhile; they resume by themselves."""

    @property
    def detail(self) -> str:
        """The notice in English, for logs ("" when there is none)."""
        return "" if self.notice is None else str(self.notice)


class InvitationStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    """The client's invitation lapsed before the freelancer answered it."""


@dataclass(frozen=True, slots=True)
class Invitation:
    id: str
    job_id: str
    job_title: str
    client_name: str
    message: str
    status: InvitationStatus
    created_at: datetime
    updated_at: datetime
