"""Upwork GraphQL objects → Atelier's core types. Tolerant of nulls: a missing field gets a neutral value,
a node without an id (or a date it cannot do without) is skipped with a log line, never a failed page.

Field names and types: Upwork's GraphQL reference
(https://www.upwork.com/developer/documentation/graphql/api/docs/index.html) via muhammedaksam/upwork-node
``src/generated/generated-types.ts``; the subset used is ``desktop/sandbox/upwork/schema.graphql``.

Mapping rules:

- **Job** (``MarketplaceJobPostingSearchResult``): ``id`` is the posting id (``job.id``, else the search
  node's ``id``) so that ``job(id)`` and proposals' ``marketplaceJobPosting.id`` agree; ``url`` is
  ``https://www.upwork.com/jobs/`` + ``ciphertext`` (Upwork's REST→GraphQL migration notes). The search
  node has no contract type: fixed price when ``amount.rawValue > 0``, else hourly with
  ``hourlyBudgetMin/Max`` (third-party notes verified against the live API). Experience ENTRY_LEVEL /
  INTERMEDIATE / EXPERT (unknown: intermediate). ``proposals_count`` = ``totalApplicants``. The client has
  no name (``companyName`` is "Not supported anymore"): ``""``; payment verified when
  ``verificationStatus`` is VERIFIED; rating = ``totalFeedback`` unless it has no reviews. Connects: 0
  (not in the API). ``status`` "open" on search results, from ``workFlowState.status`` on details.
  ``posted_at`` = publishedDateTime or createdDateTime; ``updated_at`` = renewedDateTime or posted_at.
  ``fee_rate`` is the account's estimated fee rate (see ``ledger.py``).
- **Proposal** (``VendorProposal``): Pending→SUBMITTED, Activated→INTERVIEWING (the client opened a
  conversation), Offered→OFFER, Accepted/Hired→HIRED, Declined→DECLINED, Withdrawn→WITHDRAWN,
  Archived→ARCHIVED; an unknown name falls back to the status that was queried. bid = ``terms.chargeRate``;
  duration = ``terms.estimatedDuration.label``; dates from ``auditDetails``; connects 0; invited False
  (the API does not say).
- **Room**: title = roomName or topic (or the counterpart); counterpart = the first roomUser that is not
  the signed-in user (the first one while the account is unknown); unread = numUnread; the last message
  from latestStory; ``updated_at`` = latest story, else last visit/read, else the epoch. ``job_id`` None.
- **Message** (``RoomStory``): stories with a null user or an empty message (system stories) are skipped;
  sender = ``user.id`` / ``user.name``; ``client_key`` None (Upwork takes no idempotency key).
- **Freelancer**: ``user { id name email freelancerProfile { personalData { title chargeRate }
  skills { edges { node { preferredLabel } } } } }``; connects 0; country "" (the SDL subset has no
  ``countryDetails`` yet; it is read if a later query selects it).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from desktop.api.upwork.values import integer, items, money, obj, text, when
from desktop.core.models import (
    ClientInfo,
    ExperienceLevel,
    Freelancer,
    Job,
    JobType,
    Message,
    Proposal,
    ProposalStatus,
    Room,
)
from desktop.core.money import Money

log = logging.getLogger("atelier.api.upwork")

JOB_URL = "https://www.upwork.com/jobs/"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

EXPERIENCE = {
    "ENTRY_LEVEL": ExperienceLevel.ENTRY,
    "INTERMEDIATE": ExperienceLevel.INTERMEDIATE,
    "EXPERT": ExperienceLevel.EXPERT,
}

PROPOSAL_STATUS = {
    "Pending": ProposalStatus.SUBMITTED,
    "Activated": ProposalStatus.INTERVIEWING,
    "Offered": ProposalStatus.OFFER,
    "Accepted": ProposalStatus.HIRED,
    "Hired": ProposalStatus.HIRED,
    "Declined": ProposalStatus.DECLINED,
    "Withdrawn": ProposalStatus.WITHDRAWN,
    "Archived": ProposalStatus.ARCHIVED,
}
"""``VendorProposalStatusName`` → ``ProposalStatus`` (PascalCase values: tryAGI/Upwork
``UpworkProposalStatuses`` and third-party clients)."""

UPWORK_PROPOSAL_STATUSES = tuple(PROPOSAL_STATUS)
"""Every ``VendorProposalStatusFilterInput`` value, in the order proposals are walked."""


def upwork_statuses_for(status: ProposalStatus | None) -> tuple[str, ...]:
    """The Upwork statuses to query for an Atelier status (VIEWED has none: Upwork does not say)."""
    if status is None:
        return UPWORK_PROPOSAL_STATUSES
    return tuple(name for name, mapped in PROPOSAL_STATUS.items() if mapped is status)


def _positive(amount: Money | None) -> Money | None:
    return amount if amount is not None and amount.amount > 0 else None


def job_from_search(node: dict[str, Any], fee_rate: Decimal) -> Job | None:
    """One search result as a ``Job``; None (logged) when it has no id, title or date."""
    posting = obj(node.get("job"))
    job_id = text(posting.get("id")) or text(node.get("id"))
    posted = when(node.get("publishedDateTime")) or when(node.get("createdDateTime"))
    title = text(node.get("title"))
    if not job_id or posted is None or not title:
        log.warning("skipping a job search result without id, title or date")
        return None
    fixed = _positive(money(node.get("amount")))
    ciphertext = text(node.get("ciphertext"))
    client = obj(node.get("client"))
    duration = (text(node.get("durationLabel")) or text(obj(node.get("engagementDuration")).get("label"))
                or text(node.get("duration")).replace("_", " ").lower())
    skills = tuple(
        name for skill in items(node.get("skills"))
        if (name := text(skill.get("prettyName")) or text(skill.get("name")))
    )
    return Job(
        id=job_id,
        title=title,
        description=text(node.get("description")),
        category=text(node.get("category")),
        skills=skills,
        job_type=JobType.FIXED if fixed is not None else JobType.HOURLY,
        budget=fixed,
        hourly_min=None if fixed else _positive(money(node.get("hourlyBudgetMin"))),
        hourly_max=None if fixed else _positive(money(node.get("hourlyBudgetMax"))),
        experience_level=EXPERIENCE.get(text(node.get("experienceLevel")), ExperienceLevel.INTERMEDIATE),
        duration=duration,
        proposals_count=integer(node.get("totalApplicants")),
        connects_required=0,
        fee_rate=fee_rate,
        client=client_info(client),
        status="open",
        posted_at=posted,
        updated_at=when(node.get("renewedDateTime")) or posted,
        url=JOB_URL + ciphertext if ciphertext else "",
    )


def client_info(client: dict[str, Any]) -> ClientInfo:
    reviews = integer(client.get("totalReviews"), default=-1)
    feedback = client.get("totalFeedback")
    rating: Decimal | None = None
    if isinstance(feedback, int | float) and not isinstance(feedback, bool) and feedback > 0 and reviews != 0:
        rating = Decimal(str(feedback)).quantize(Decimal("0.01"))
    return ClientInfo(
        id=text(client.get("companyOrgUid")),
        name="",
        country=text(obj(client.get("location")).get("country")),
        payment_verified=text(client.get("verificationStatus")).upper() == "VERIFIED",
        rating=rating,
        total_spent=money(client.get("totalSpent")) or Money.zero(),
        hires=integer(client.get("totalHires")),
    )


def job_from_posting(posting: dict[str, Any], fee_rate: Decimal, seen: Job | None, now: datetime) -> Job:
    """A ``Job`` from ``marketplaceJobPosting`` details, over what search showed of it (``seen``).

    The detail type has no dates, ciphertext, skills or applicant count in the schema subset, so those
    come from the search result when there was one (else: now, "" and 0).
    """
    content = obj(posting.get("content"))
    terms = obj(posting.get("contractTerms"))
    fixed_terms = obj(terms.get("fixedPriceContractTerms"))
    hourly_terms = obj(terms.get("hourlyContractTerms"))
    company = obj(posting.get("clientCompanyPublic"))
    contract_type = text(terms.get("contractType"))
    if contract_type:
        job_type = JobType.FIXED if contract_type.startswith("FIXED") else JobType.HOURLY
    else:
        job_type = seen.job_type if seen else JobType.HOURLY
    currency = "USD"
    budget = _positive(money(fixed_terms.get("amount")))
    hourly_min = _positive(money({"rawValue": hourly_terms.get("hourlyBudgetMin"), "currency": currency}))
    hourly_max = _positive(money({"rawValue": hourly_terms.get("hourlyBudgetMax"), "currency": currency}))
    duration = (text(obj(fixed_terms.get("engagementDuration")).get("label"))
                or text(obj(hourly_terms.get("engagementDuration")).get("label")))
    state = text(obj(posting.get("workFlowState")).get("status")).upper()
    status = "open" if state in ("", "OPEN", "ACTIVE", "PUBLISHED", "POSTED") else "closed"
    base_client = seen.client if seen else client_info({})
    verified = obj(company.get("paymentVerification")).get("paymentVerified")
    client = ClientInfo(
        id=text(company.get("id")) or base_client.id,
        name=base_client.name,
        country=text(obj(company.get("country")).get("name")) or base_client.country,
        payment_verified=verified if isinstance(verified, bool) else base_client.payment_verified,
        rating=base_client.rating,
        total_spent=base_client.total_spent,
        hires=base_client.hires,
    )
    experience = EXPERIENCE.get(text(terms.get("experienceLevel")))
    return Job(
        id=text(posting.get("id")) or (seen.id if seen else ""),
        title=text(content.get("title")) or (seen.title if seen else ""),
        description=text(content.get("description")) or (seen.description if seen else ""),
        category=seen.category if seen else "",
        skills=seen.skills if seen else (),
        job_type=job_type,
        budget=budget if job_type is JobType.FIXED else None,
        hourly_min=hourly_min if job_type is JobType.HOURLY else None,
        hourly_max=hourly_max if job_type is JobType.HOURLY else None,
        experience_level=experience or (seen.experience_level if seen else ExperienceLevel.INTERMEDIATE),
        duration=duration or (seen.duration if seen else ""),
        proposals_count=seen.proposals_count if seen else 0,
        connects_required=0,
        fee_rate=fee_rate,
        client=client,
        status=status,
        posted_at=seen.posted_at if seen else now,
        updated_at=seen.updated_at if seen else now,
        url=seen.url if seen else "",
    )


def proposal(node: dict[str, Any], fee_rate: Decimal, queried_status: str) -> Proposal | None:
    proposal_id = text(node.get("id"))
    audit = obj(node.get("auditDetails"))
    created = when(audit.get("createdDateTime"))
    if not proposal_id or created is None:
        log.warning("skipping a proposal without id or creation date")
        return None
    posting = obj(node.get("marketplaceJobPosting"))
    terms = obj(node.get("terms"))
    name = text(obj(node.get("status")).get("status"))
    status = PROPOSAL_STATUS.get(name) or PROPOSAL_STATUS.get(queried_status, ProposalStatus.SUBMITTED)
    return Proposal(
        id=proposal_id,
        job_id=text(posting.get("id")),
        job_title=text(obj(posting.get("content")).get("title")),
        cover_letter=text(node.get("proposalCoverLetter")) or text(node.get("coverLetter")),
        bid=money(terms.get("chargeRate")) or Money.zero(),
        duration=text(obj(terms.get("estimatedDuration")).get("label")),
        status=status,
        fee_rate=fee_rate,
        connects_spent=0,
        invited=False,
        created_at=created,
        updated_at=when(audit.get("modifiedDateTime")) or created,
    )


def room(node: dict[str, Any], account_id: str | None) -> Room | None:
    room_id = text(node.get("id"))
    if not room_id:
        return None
    latest = obj(node.get("latestStory"))
    last_at = when(latest.get("createdDateTime"))
    counterpart = ""
    for member in items(node.get("roomUsers")):
        user = obj(member.get("user"))
        if account_id is not None and text(user.get("id")) == account_id:
            continue
        counterpart = text(user.get("name")) or text(obj(member.get("organization")).get("name"))
        if counterpart:
            break
    seen = when(node.get("lastVisitedDateTime")) or when(node.get("lastReadDateTime"))
    return Room(
        id=room_id,
        title=text(node.get("roomName")) or text(node.get("topic")) or counterpart,
        counterpart_name=counterpart,
        job_id=None,
        unread_count=max(0, integer(node.get("numUnread"))),
        last_message_preview=text(latest.get("message"))[:200],
        last_message_at=last_at,
        updated_at=max((t for t in (last_at, seen) if t is not None), default=EPOCH),
    )


def message(story: dict[str, Any], room_id: str) -> Message | None:
    """A ``RoomStory`` as a ``Message``; None for system stories (no user or no text)."""
    user = story.get("user")
    body = story.get("message")
    created = when(story.get("createdDateTime"))
    story_id = text(story.get("id"))
    if not isinstance(user, dict) or not isinstance(body, str) or not body.strip() or not story_id:
        return None
    if created is None:
        log.warning("skipping a room story without a creation date")
        return None
    return Message(
        id=story_id,
        room_id=room_id,
        sender_id=text(user.get("id")),
        sender_name=text(user.get("name")),
        body=body,
        created_at=created,
    )


def freelancer(user: dict[str, Any], fee_rate: Decimal) -> Freelancer:
    profile = obj(user.get("freelancerProfile"))
    personal = obj(profile.get("personalData"))
    skills = tuple(
        name for skill in items(obj(profile.get("skills")).get("edges") or profile.get("skills"))
        if (name := text(obj(skill.get("node")).get("preferredLabel"))
            or text(obj(skill.get("node")).get("name")) or text(skill.get("name")))
    )
    country = obj(profile.get("countryDetails"))
    return Freelancer(
        id=text(user.get("id")),
        name=text(user.get("name")) or text(profile.get("fullName")),
        title=text(personal.get("title")),
        email=text(user.get("email")),
        skills=skills,
        hourly_rate=money(personal.get("chargeRate")) or Money.zero(),
        connects=0,
        fee_rate=fee_rate,
        country=text(country.get("name")),
    )
