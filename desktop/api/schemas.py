"""Wire models for the marketplace API (CONTRACT.md) and their conversion into core domain types.

The models are strict about what the contract requires (a missing or mistyped field is an error) and
tolerant of what it does not mention (unknown extra fields are ignored, so the server may grow).
Anything that does not fit becomes a ``BadReplyError`` with a short message naming the field — never
the offending value, which could be a token or other private text.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, NonNegativeInt, PlainValidator, ValidationError

from desktop.core.clock import parse_ts
from desktop.core.errors import BadReplyError
from desktop.core.models import (
    Attachment,
    BidMilestone,
    ClientInfo,
    Contract,
    ContractStatus,
    ContractType,
    DeliveryState,
    EarningsSummary,
    ExperienceLevel,
    Freelancer,
    Invitation,
    InvitationStatus,
    Job,
    JobFilter,
    JobMatch,
    JobType,
    Message,
    Milestone,
    MilestoneStatus,
    Proposal,
    ProposalStatus,
    Room,
    SavedSearch,
    ScreeningAnswer,
    ScreeningQuestion,
    Transaction,
    TransactionStatus,
    TransactionType,
)
from desktop.core.money import Money, parse_rate
from desktop.core.notices import Code, Notice


def _timestamp(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("expected an ISO 8601 timestamp string")
    try:
        return parse_ts(value)
    except ValueError:
        raise ValueError("not an ISO 8601 timestamp") from None


def _decimal_text(value: object) -> Decimal:
    # Decimals travel as strings; a JSON number could already have lost precision as a float.
    if not isinstance(value, str):
        raise ValueError("expected a decimal string")
    try:
        result = Decimal(value)
    except ArithmeticError:
        raise ValueError("not a decimal number") from None
    if not result.is_finite():
        raise ValueError("not a finite decimal number")
    return result


def _fee_rate(value: object) -> Decimal:
    rate = _decimal_text(value)
    try:
        return parse_rate(rate)
    except ValueError:
        raise ValueError("fee rate out of range") from None


def _amount(value: object) -> Decimal:
    # Amounts in a saved search's query: a decimal string, or a JSON integer (never a lossy float).
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return _decimal_text(value)


def _day(value: object) -> date:
    if not isinstance(value, str):
        raise ValueError("expected a YYYY-MM-DD date string")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("not a YYYY-MM-DD date") from None


Timestamp = Annotated[datetime, PlainValidator(_timestamp)]
Day = Annotated[date, PlainValidator(_day)]
Amount = Annotated[Decimal, PlainValidator(_amount)]
DecimalText = Annotated[Decimal, PlainValidator(_decimal_text)]
FeeRate = Annotated[Decimal, PlainValidator(_fee_rate)]


class WireModel(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class MoneyWire(WireModel):
    amount: DecimalText
    currency: str

    def to_domain(self) -> Money:
        return Money(self.amount, self.currency.upper())


class MeWire(WireModel):
    id: str
    role: str
    name: str
    title: str = ""
    email: str
    country: str = ""
    skills: list[str]
    hourly_rate: MoneyWire
    connects: int
    fee_rate: FeeRate

    def to_domain(self) -> Freelancer:
        return Freelancer(
            id=self.id,
            name=self.name,
            title=self.title,
            email=self.email,
            skills=tuple(self.skills),
            hourly_rate=self.hourly_rate.to_domain(),
            connects=self.connects,
            fee_rate=self.fee_rate,
            country=self.country,
        )


class ClientWire(WireModel):
    id: str
    name: str
    country: str
    payment_verified: bool
    rating: DecimalText | None
    total_spent: MoneyWire
    hires: int

    def to_domain(self) -> ClientInfo:
        return ClientInfo(
            id=self.id,
            name=self.name,
            country=self.country,
            payment_verified=self.payment_verified,
            rating=self.rating,
            total_spent=self.total_spent.to_domain(),
            hires=self.hires,
        )


class ScreeningQuestionWire(WireModel):
    id: str
    text: str


class BidMilestoneWire(WireModel):
    description: str
    amount: MoneyWire
    due_date: date

    def to_domain(self) -> BidMilestone:
        return BidMilestone(self.description, self.amount.to_domain(), self.due_date)


class AnswerWire(WireModel):
    question_id: str
    question: str = ""
    answer: str


class JobWire(WireModel):
    id: str
    title: str
    description: str
    category: str
    skills: list[str]
    job_type: JobType
    budget: MoneyWire | None = None
    hourly_min: MoneyWire | None = None
    hourly_max: MoneyWire | None = None
    experience_level: ExperienceLevel
    duration: str
    proposals_count: int
    connects_required: int
    fee_rate: FeeRate
    status: str
    client: ClientWire
    posted_at: Timestamp
    updated_at: Timestamp
    screening_questions: list[ScreeningQuestionWire] = []

    def to_domain(self) -> Job:
        return Job(
            id=self.id,
            title=self.title,
            description=self.description,
            category=self.category,
            skills=tuple(self.skills),
            job_type=self.job_type,
            budget=self.budget.to_domain() if self.budget else None,
            hourly_min=self.hourly_min.to_domain() if self.hourly_min else None,
            hourly_max=self.hourly_max.to_domain() if self.hourly_max else None,
            experience_level=self.experience_level,
            duration=self.duration,
            proposals_count=self.proposals_count,
            connects_required=self.connects_required,
            fee_rate=self.fee_rate,
            client=self.client.to_domain(),
            status=self.status,
            posted_at=self.posted_at,
            updated_at=self.updated_at,
            screening_questions=tuple(ScreeningQuestion(q.id, q.text) for q in self.screening_questions),
        )


class ProposalWire(WireModel):
    id: str
    job_id: str
    job_title: str
    client_name: str = ""
    cover_letter: str
    bid: MoneyWire
    duration: str
    status: ProposalStatus
    fee_rate: FeeRate
    connects_spent: int
    invited: bool
    created_at: Timestamp
    updated_at: Timestamp
    milestones: list[BidMilestoneWire] = []
    answers: list[AnswerWire] = []

    def to_domain(self) -> Proposal:
        return Proposal(
            id=self.id,
            job_id=self.job_id,
            job_title=self.job_title,
            cover_letter=self.cover_letter,
            bid=self.bid.to_domain(),
            duration=self.duration,
            status=self.status,
            fee_rate=self.fee_rate,
            connects_spent=self.connects_spent,
            invited=self.invited,
            created_at=self.created_at,
            updated_at=self.updated_at,
            client_name=self.client_name,
            milestones=tuple(m.to_domain() for m in self.milestones),
            answers=tuple(ScreeningAnswer(a.question_id, a.question, a.answer) for a in self.answers),
        )


class InvitationWire(WireModel):
    id: str
    job_id: str
    job_title: str
    client_name: str
    message: str
    status: InvitationStatus
    created_at: Timestamp
    updated_at: Timestamp

    def to_domain(self) -> Invitation:
        return Invitation(
            id=self.id,
            job_id=self.job_id,
            job_title=self.job_title,
            client_name=self.client_name,
            message=self.message,
            status=self.status,
            created_at=self.created_at,
            updated_at=self.updated_at,
        )


class SavedSearchQueryWire(WireModel):
    q: str | None = None
    job_type: JobType | None = None
    min_budget: Amount | None = None
    max_budget: Amount | None = None
    experience_level: ExperienceLevel | None = None
    category: str | None = None
    payment_verified: bool | None = None
    max_proposals: int | None = None
    posted_within_hours: float | None = None

    def to_domain(self) -> JobFilter:
        return JobFilter(
            query=self.q or "",
            job_type=self.job_type,
            min_budget=self.min_budget,
            max_budget=self.max_budget,
            experience_level=self.experience_level,
            category=self.category or None,
            payment_verified_only=bool(self.payment_verified),
            max_proposals=self.max_proposals,
            posted_within_hours=round(self.posted_within_hours) if self.posted_within_hours else None,
        )


def saved_search_query(job_filter: JobFilter) -> dict[str, object]:
    """A filter as the ``query`` of ``POST /v1/saved-searches``; fields that do not filter are left out."""
    f = job_filter
    fields: dict[str, object] = {
        "q": f.query.strip() or None,
        "job_type": f.job_type.value if f.job_type else None,
        "min_budget": str(f.min_budget) if f.min_budget is not None else None,
        "max_budget": str(f.max_budget) if f.max_budget is not None else None,
        "experience_level": f.experience_level.value if f.experience_level else None,
        "category": f.category or None,
        "payment_verified": True if f.payment_verified_only else None,
        "max_proposals": f.max_proposals,
        "posted_within_hours": f.posted_within_hours,
    }
    return {name: value for name, value in fields.items() if value is not None}


class SavedSearchWire(WireModel):
    id: str
    name: str
    query: SavedSearchQueryWire
    created_at: Timestamp
    updated_at: Timestamp
    deleted: bool = False

    def to_domain(self) -> SavedSearch:
        return SavedSearch(id=self.id, name=self.name, filter=self.query.to_domain(),
                           created_at=self.created_at, updated_at=self.updated_at, deleted=self.deleted)


class JobMatchedWire(WireModel):
    job: JobWire
    saved_search_ids: list[str]


class AttachmentWire(WireModel):
    id: str
    name: str
    size: NonNegativeInt
    content_type: str

    def to_domain(self) -> Attachment:
        return Attachment(id=self.id, name=self.name, size=self.size, content_type=self.content_type)


class MessageWire(WireModel):
    id: str
    room_id: str
    sender_id: str
    sender_name: str
    body: str
    created_at: Timestamp
    updated_at: Timestamp | None = None
    client_key: str | None = None
    attachments: list[AttachmentWire] = []

    def to_domain(self) -> Message:
        # Anything the server has is, by definition, sent.
        return Message(
            id=self.id,
            room_id=self.room_id,
            sender_id=self.sender_id,
            sender_name=self.sender_name,
            body=self.body,
            created_at=self.created_at,
            state=DeliveryState.SENT,
            client_key=self.client_key,
            attachments=tuple(a.to_domain() for a in self.attachments),
        )


class ParticipantWire(WireModel):
    id: str
    name: str
    role: str = ""


class RoomWire(WireModel):
    id: str
    title: str
    job_id: str | None = None
    participants: list[ParticipantWire]
    unread_count: int
    last_message: MessageWire | None = None
    updated_at: Timestamp

    def counterpart_name(self, account_id: str | None) -> str:
        """The first participant who is not us (or the first non-freelancer while we are unknown)."""
        if account_id is not None:
            others = [p for p in self.participants if p.id != account_id]
        else:
            others = [p for p in self.participants if p.role != "freelancer"] or list(self.participants)
        return others[0].name if others else ""

    def to_domain(self, account_id: str | None) -> Room:
        last = self.last_message
        return Room(
            id=self.id,
            title=self.title,
            counterpart_name=self.counterpart_name(account_id),
            job_id=self.job_id,
            unread_count=self.unread_count,
            # a message of files only is previewed by their names
            last_message_preview=(last.body or ", ".join(a.name for a in last.attachments)) if last else "",
            last_message_at=last.created_at if last else None,
            updated_at=self.updated_at,
        )


class TransactionWire(WireModel):
    id: str
    type: TransactionType
    status: TransactionStatus
    description: str
    job_id: str | None = None
    gross: MoneyWire
    fee: MoneyWire
    net: MoneyWire
    created_at: Timestamp
    available_at: Timestamp | None = None
    updated_at: Timestamp

    def to_domain(self) -> Transaction:
        return Transaction(
            id=self.id,
            type=self.type,
            status=self.status,
            description=self.description,
            job_id=self.job_id,
            gross=self.gross.to_domain(),
            fee=self.fee.to_domain(),
            net=self.net.to_domain(),
            created_at=self.created_at,
            available_at=self.available_at,
            updated_at=self.updated_at,
        )


class ContractClientWire(WireModel):
    id: str
    name: str


class MilestoneWire(WireModel):
    id: str
    position: int
    description: str
    amount: MoneyWire
    status: MilestoneStatus
    due_date: Day | None = None
    funded_at: Timestamp | None = None
    submitted_at: Timestamp | None = None
    approved_at: Timestamp | None = None
    paid_at: Timestamp | None = None

    def to_domain(self) -> Milestone:
        return Milestone(
            id=self.id, position=self.position, description=self.description,
            amount=self.amount.to_domain(), status=self.status, due_date=self.due_date,
            funded_at=self.funded_at, submitted_at=self.submitted_at, approved_at=self.approved_at,
            paid_at=self.paid_at,
        )


class ContractWire(WireModel):
    id: str
    title: str
    job_id: str
    proposal_id: str | None = None
    room_id: str | None = None
    client: ContractClientWire
    contract_type: ContractType
    status: ContractStatus
    hourly_rate: MoneyWire | None = None
    weekly_limit_hours: int | None = None
    hours_this_week: DecimalText | None = None
    week_start: Day | None = None
    budget: MoneyWire | None = None
    fee_rate: FeeRate | None = None
    milestones: list[MilestoneWire] = []
    started_at: Timestamp
    ended_at: Timestamp | None = None
    updated_at: Timestamp

    def to_domain(self) -> Contract:
        return Contract(
            id=self.id, title=self.title, job_id=self.job_id, client_id=self.client.id,
            client_name=self.client.name, contract_type=self.contract_type, status=self.status,
            started_at=self.started_at, updated_at=self.updated_at, proposal_id=self.proposal_id,
            room_id=self.room_id,
            hourly_rate=self.hourly_rate.to_domain() if self.hourly_rate is not None else None,
            weekly_limit_hours=self.weekly_limit_hours, hours_this_week=self.hours_this_week,
            week_start=self.week_start,
            budget=self.budget.to_domain() if self.budget is not None else None,
            fee_rate=self.fee_rate,
            milestones=tuple(sorted((m.to_domain() for m in self.milestones), key=lambda m: m.position)),
            ended_at=self.ended_at,
        )


class EarningsSummaryWire(WireModel):
    work_in_progress: MoneyWire
    in_review: MoneyWire
    pending: MoneyWire
    available: MoneyWire
    lifetime: MoneyWire
    fee_rate: FeeRate | None = None
    updated_at: Timestamp

    def to_domain(self) -> EarningsSummary:
        return EarningsSummary(
            work_in_progress=self.work_in_progress.to_domain(),
            in_review=self.in_review.to_domain(),
            pending=self.pending.to_domain(),
            available=self.available.to_domain(),
            lifetime=self.lifetime.to_domain(),
            updated_at=self.updated_at,
        )


class PageWire(WireModel):
    """The envelope of every list; items are validated one by one with the item model."""

    items: list[dict[str, Any]]
    next_cursor: str | None = None


class CategoriesWire(WireModel):
    items: list[str]


class TokenWire(WireModel):
    access_token: str
    token_type: str = "Bearer"
    expires_in: int
    refresh_token: str | None = None
    scope: str | None = None


W = TypeVar("W", bound=WireModel)


def _describe(exc: ValidationError) -> str:
    """Where and what, never the input value (it could be private)."""
    first = exc.errors(include_input=False, include_url=False)[0]
    where = ".".join(str(part) for part in first["loc"]) or "(root)"
    more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{where}: {first['msg']}{more}"


def parse_wire(model: type[W], data: object, what: str | None = None) -> W:
    """Validate decoded JSON against a wire model, or raise ``BadReplyError``."""
    name = what or model.__name__.removesuffix("Wire").lower()
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BadReplyError(Notice(Code.UNEXPECTED_REPLY, (name, _describe(exc)))) from None


def parse_me(data: object) -> Freelancer:
    return parse_wire(MeWire, data, "profile").to_domain()


def parse_job(data: object) -> Job:
    return parse_wire(JobWire, data).to_domain()


def parse_proposal(data: object) -> Proposal:
    return parse_wire(ProposalWire, data).to_domain()


def parse_invitation(data: object) -> Invitation:
    return parse_wire(InvitationWire, data).to_domain()


def parse_saved_search(data: object) -> SavedSearch:
    return parse_wire(SavedSearchWire, data, "saved search").to_domain()


def parse_job_matched(data: object) -> JobMatch:
    """A ``job.matched`` event: the new job, and which of the user's saved searches it matches."""
    wire = parse_wire(JobMatchedWire, data, "job match")
    return JobMatch(wire.job.to_domain(), tuple(wire.saved_search_ids))


def parse_attachment(data: object) -> Attachment:
    return parse_wire(AttachmentWire, data, "attachment").to_domain()


def parse_message(data: object) -> Message:
    return parse_wire(MessageWire, data).to_domain()


def parse_room(data: object, account_id: str | None) -> Room:
    return parse_wire(RoomWire, data).to_domain(account_id)


def parse_transaction(data: object) -> Transaction:
    return parse_wire(TransactionWire, data).to_domain()


def parse_contract(data: object) -> Contract:
    return parse_wire(ContractWire, data).to_domain()


def parse_earnings_summary(data: object) -> EarningsSummary:
    return parse_wire(EarningsSummaryWire, data, "earnings summary").to_domain()


def parse_categories(data: object) -> list[str]:
    return list(parse_wire(CategoriesWire, data, "category list").items)
