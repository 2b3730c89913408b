"""Wire shapes (CONTRACT.md). They drive request validation and the committed OpenAPI document.

Timestamps and money amounts are plain strings on purpose: the contract fixes their exact text form
("...123456Z", "1234.50"), which the store produces; the models only describe them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .files import MAX_ATTACHMENTS_PER_MESSAGE
from .money import AMOUNT_PATTERN, CENT, MAX_AMOUNT_TEXT
from .text import has_visible_text

Timestamp = Annotated[
    str, Field(json_schema_extra={"format": "date-time"}, examples=["2026-11-26T13:05:01.123456Z"])
]
DecimalText = Annotated[str, Field(pattern=r"^-?\d+(\.\d+)?$", examples=["1234.50"])]
Day = Annotated[str, Field(json_schema_extra={"format": "date"}, examples=["2026-12-14"])]


FILTER_AMOUNT_PATTERN = r"^[0-9]{1,24}(\.[0-9]{1,2})?$"
"""A budget filter: ASCII digits, at most two decimals. Beyond what an SQLite INTEGER of cents holds it means
"no limit" (a saved search may carry such a value)."""


def _to_cents(value: str) -> str:
    """500 -> 500.00: amounts are kept (and sent back) with two decimals, like Money.amount."""
    try:
        return str(Decimal(value).quantize(CENT))
    except InvalidOperation as exc:  # the pattern keeps every input in range; never a 500 all the same
        raise ValueError("amount is too large") from exc


def _iso_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError as exc:
        raise ValueError("not a calendar date") from exc


def _visible(text: str) -> str:
    if not has_visible_text(text):
        raise ValueError("must contain visible text (not only spaces or invisible characters)")
    return text


# A non-negative amount as a decimal string ("500" or "500.00"), always written back with two decimals.
AmountFilter = Annotated[
    str, Field(pattern=FILTER_AMOUNT_PATTERN, examples=["500.00"]), AfterValidator(_to_cents)
]
VisibleText = AfterValidator(_visible)
VISIBLE = "must contain visible text, not only spaces or invisible characters such as zero-width spaces"

JobType = Literal["hourly", "fixed"]
ExperienceLevel = Literal["entry", "intermediate", "expert"]
JobStatus = Literal["open", "closed"]
JobSort = Literal["newest", "budget_desc", "proposals_asc", "relevance"]
ProposalStatus = Literal[
    "submitted", "viewed", "interviewing", "offer", "hired", "declined", "withdrawn", "archived"
]
InvitationStatus = Literal["pending", "accepted", "declined", "expired"]
Role = Literal["freelancer", "client"]
TransactionType = Literal["earning", "bonus", "withdrawal", "refund", "adjustment"]
TransactionStatus = Literal["in_progress", "in_review", "pending", "available", "completed"]
ContractType = Literal["hourly", "fixed"]
ContractStatus = Literal["active", "ended"]
MilestoneStatus = Literal["unfunded", "funded", "submitted", "approved", "paid"]

ItemT = TypeVar("ItemT")


class WireModel(BaseModel):
    # Unknown request fields are ignored rather than refused: a newer client must not break an older server.
    model_config = ConfigDict(extra="ignore")


class RequestModel(WireModel):
    """A request body: JSON types are taken as documented (false is not 0, "5" is not 5)."""

    model_config = ConfigDict(extra="ignore", strict=True)


class Money(WireModel):
    amount: DecimalText
    currency: str = Field(default="USD", min_length=3, max_length=3)


class Page(WireModel, Generic[ItemT]):
    items: list[ItemT]
    next_cursor: str | None


class Problem(BaseModel):
    """RFC 9457 problem details (served as application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str | None = None


ResponseDocs = dict[int | str, dict[str, Any]]
# Documented as application/problem+json (the app's openapi() relabels the media type).
PROBLEM_RESPONSES: ResponseDocs = {
    401: {"model": Problem, "description": "missing or invalid access token"},
    422: {"model": Problem, "description": "validation problem"},
}
NOT_FOUND: ResponseDocs = {404: {"model": Problem, "description": "not found"}}
CONFLICT: ResponseDocs = {409: {"model": Problem, "description": "conflict"}}
FORBIDDEN: ResponseDocs = {403: {"model": Problem, "description": "not a participant"}}


class TokenResponse(WireModel):
    access_token: str
    token_type: Literal["Bearer"]
    expires_in: int
    refresh_token: str
    scope: str


class OAuthError(WireModel):
    error: str
    error_description: str


class Me(WireModel):
    id: str
    role: Role
    name: str
    title: str
    email: str
    country: str
    skills: list[str]
    hourly_rate: Money
    connects: int
    fee_rate: DecimalText


class JobClient(WireModel):
    id: str
    name: str
    country: str
    payment_verified: bool
    rating: DecimalText | None
    total_spent: Money
    hires: int


class ScreeningQuestion(WireModel):
    id: str
    text: str


class BidMilestone(WireModel):
    description: str
    amount: Money
    due_date: str = Field(json_schema_extra={"format": "date"}, examples=["2027-01-31"])


class ScreeningAnswer(WireModel):
    question_id: str
    question: str
    answer: str


class Job(WireModel):
    id: str
    title: str
    description: str
    category: str
    skills: list[str]
    job_type: JobType
    budget: Money | None
    hourly_min: Money | None
    hourly_max: Money | None
    experience_level: ExperienceLevel
    duration: str
    proposals_count: int
    connects_required: int
    fee_rate: DecimalText
    status: JobStatus
    screening_questions: list[ScreeningQuestion] = Field(
        default_factory=list, description="questions the client wants answered in every proposal")
    client: JobClient
    posted_at: Timestamp
    updated_at: Timestamp


class Categories(WireModel):
    items: list[str]


class Proposal(WireModel):
    id: str
    job_id: str
    job_title: str
    client_name: str
    cover_letter: str
    bid: Money
    duration: str
    status: ProposalStatus
    fee_rate: DecimalText
    connects_spent: int
    invited: bool
    created_at: Timestamp
    updated_at: Timestamp
    milestones: list[BidMilestone] = Field(default_factory=list,
                                           description="a fixed-price bid's payment plan")
    answers: list[ScreeningAnswer] = Field(default_factory=list, description="the job's screening questions, "
                                           "answered")


class Bid(RequestModel):
    amount: str = Field(
        pattern=AMOUNT_PATTERN,
        description=f"greater than 0 and at most {MAX_AMOUNT_TEXT}, with at most two decimals",
        examples=["1250.00"],
    )
    currency: Literal["USD"] = Field(default="USD", description="the only currency of this marketplace")


class MilestoneCreate(RequestModel):
    description: Annotated[str, Field(min_length=1, max_length=200, description=VISIBLE), VisibleText]
    amount: Bid
    due_date: Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", examples=["2027-01-31"],
                                   description="the day the milestone is due (ISO 8601 date)"),
                        AfterValidator(_iso_date)]


class AnswerCreate(RequestModel):
    question_id: str = Field(min_length=1, max_length=100)
    answer: Annotated[str, Field(min_length=1, max_length=5_000, description=VISIBLE), VisibleText]


class ProposalCreate(RequestModel):
    job_id: str = Field(min_length=1)
    cover_letter: Annotated[str, Field(min_length=50, max_length=20_000, description=VISIBLE), VisibleText]
    bid: Bid
    duration: Annotated[str, Field(min_length=1, max_length=100, description=VISIBLE), VisibleText]
    milestones: list[MilestoneCreate] = Field(
        default_factory=list, max_length=20,
        description="fixed-price jobs only: the payment plan; the amounts must add up to the bid")
    answers: list[AnswerCreate] = Field(
        default_factory=list, max_length=50,
        description="one answer to each of the job's screening_questions (a proposal without them is "
                    "refused)")


class Invitation(WireModel):
    id: str
    job_id: str
    job_title: str
    client_name: str
    message: str
    status: InvitationStatus
    created_at: Timestamp
    updated_at: Timestamp


class Participant(WireModel):
    id: str
    name: str
    role: Role


class Attachment(WireModel):
    """A file kept by the marketplace for a message (GET /v1/attachments/{id} answers its bytes)."""

    id: str
    name: str = Field(description="the file name, without folders")
    size: int = Field(ge=1, description="bytes")
    content_type: str = Field(examples=["application/pdf"])


class Message(WireModel):
    id: str
    room_id: str
    sender_id: str
    sender_name: str
    body: str = Field(description="may be empty when the message carries attachments")
    created_at: Timestamp
    updated_at: Timestamp
    client_key: str | None
    attachments: list[Attachment] = Field(description="files sent with the message, in order")


class Room(WireModel):
    id: str
    title: str
    job_id: str | None
    participants: list[Participant]
    unread_count: int
    last_message: Message | None
    updated_at: Timestamp


class MessageCreate(RequestModel):
    body: Annotated[
        str,
        Field(max_length=5000, description=f"{VISIBLE}; may be empty when attachment_ids names files"),
    ] = ""
    attachment_ids: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=100)]],
        Field(
            max_length=MAX_ATTACHMENTS_PER_MESSAGE,
            description="files uploaded to this room by the sender (POST /v1/rooms/{room_id}/attachments),"
            " each carried by one message only",
        ),
    ] = []

    @model_validator(mode="after")
    def _has_content(self) -> MessageCreate:
        if not has_visible_text(self.body) and not (self.attachment_ids and not self.body):
            raise ValueError(f"body {VISIBLE} (it may be empty only when the message carries attachments)")
        return self


class MarkRead(RequestModel):
    last_read_message_id: str = Field(min_length=1)


class EarningsSummary(WireModel):
    work_in_progress: Money
    in_review: Money
    pending: Money
    available: Money
    lifetime: Money
    fee_rate: DecimalText
    updated_at: Timestamp


class Transaction(WireModel):
    id: str
    type: TransactionType
    status: TransactionStatus
    description: str
    job_id: str | None
    gross: Money
    fee: Money
    net: Money
    created_at: Timestamp
    available_at: Timestamp | None
    updated_at: Timestamp


class ContractClient(WireModel):
    id: str
    name: str


class Milestone(WireModel):
    id: str
    position: int = Field(description="1, 2, 3… in the order they are worked on")
    description: str
    amount: Money
    status: MilestoneStatus = Field(
        description="unfunded (not in escrow yet), funded (in escrow: work in progress), submitted (the"
        " client reviews the work; money in review), approved (the security period; money pending), paid"
        " (money available). Its money is the transaction of the same stage."
    )
    due_date: Day | None
    funded_at: Timestamp | None
    submitted_at: Timestamp | None
    approved_at: Timestamp | None
    paid_at: Timestamp | None


class Contract(WireModel):
    id: str
    title: str
    job_id: str
    proposal_id: str | None = Field(description="the hired proposal, when the hire came from one")
    room_id: str | None = Field(description="the conversation with the client, when there is one")
    client: ContractClient
    contract_type: ContractType
    status: ContractStatus
    hourly_rate: Money | None = Field(description="hourly contracts")
    weekly_limit_hours: int | None = Field(description="hourly contracts: the most hours billed a week")
    hours_this_week: DecimalText | None = Field(description="hourly: hours logged in the week of week_start")
    week_start: Day | None = Field(description="the Monday (UTC) hours_this_week belongs to")
    budget: Money | None = Field(description="fixed price: the sum of the milestones")
    fee_rate: DecimalText
    milestones: list[Milestone] = Field(description="fixed price, in order; empty for hourly")
    started_at: Timestamp
    ended_at: Timestamp | None
    updated_at: Timestamp


class SavedSearchQuery(RequestModel):
    """The GET /v1/jobs filters a saved search keeps (without paging or sort)."""

    q: str | None = Field(default=None, max_length=500, description="full text: title, description, skills")
    job_type: JobType | None = None
    min_budget: AmountFilter | None = Field(
        default=None,
        description='decimal string, e.g. "500" or "500.00" (sent back as "500.00");'
        " vs fixed budget or hourly_max",
    )
    max_budget: AmountFilter | None = Field(
        default=None, description='decimal string like min_budget, e.g. "2000.00"'
    )
    experience_level: ExperienceLevel | None = None
    category: str | None = None
    payment_verified: bool | None = None
    max_proposals: int | None = Field(default=None, ge=0)
    posted_within_hours: float | None = Field(
        default=None,
        gt=0,
        allow_inf_nan=False,
        description="kept for listing; a brand-new job always passes it when matched (job.matched)",
    )


class SavedSearchCreate(RequestModel):
    name: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=80),
        Field(description=f"{VISIBLE}; kept without leading and trailing spaces"),
        VisibleText,
    ]
    query: SavedSearchQuery


class SavedSearch(WireModel):
    id: str
    name: str
    query: SavedSearchQuery
    created_at: Timestamp
    updated_at: Timestamp
    deleted: bool
