"""Deterministic domain objects for tests and benchmarks: ``make_job(i, **overrides)`` and friends.

The same ``i`` always gives the same object. Text is drawn from a small vocabulary with a skewed
(Zipf-like) distribution, so some words are very common (like real feeds) and full-text search has
realistic match-set sizes.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from desktop.core.models import (
    ClientInfo,
    DeliveryState,
    EarningsSummary,
    ExperienceLevel,
    Freelancer,
    Invitation,
    InvitationStatus,
    Job,
    JobType,
    Message,
    Proposal,
    ProposalDraft,
    ProposalStatus,
    Room,
    Transaction,
    TransactionStatus,
    TransactionType,
)
from desktop.core.money import Money

BASE_TIME = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)

CATEGORIES = (
    "Web Development",
    "Mobile Development",
    "Data Science",
    "Design",
    "Writing",
    "DevOps",
    "Marketing",
    "Translation",
    "Video",
    "Customer Support",
)
SKILLS = (
    "Python", "Django", "FastAPI", "React", "TypeScript", "Vue", "Node.js", "PostgreSQL", "SQLite",
    "Docker", "Kubernetes", "AWS", "Terraform", "Figma", "Illustrator", "Copywriting", "SEO",
    "Swift", "Kotlin", "Flutter", "Qt", "C++", "Rust", "Go", "Pandas", "PyTorch", "Excel", "Tableau",
    "Shopify", "WordPress", "PHP", "Laravel", "GraphQL", "Redis", "Linux", "Bash", "Unity", "Blender",
    "Premiere", "Zendesk",
)  # fmt: skip
_WORD_TEXT = (
    "the and for with our you will are need looking this project experience team work build app "
    "website data help developer design create new existing support client api integration "
    "mobile web python react backend frontend database fix bug feature improve performance "
    "dashboard report automation script migrate cloud server deploy test quality review content "
    "write article blog marketing campaign brand logo video edit translate spanish french german "
    "café résumé naïve long term short contract hourly fixed budget deadline weekly "
    "communication english fluent startup ecommerce store payment stripe checkout analytics "
    "machine learning model pipeline scraping crawler etl warehouse chart visualization "
    "responsive layout figma prototype ios android flutter kotlin swift game unity shader "
    "animation sound podcast transcription customer email chat ticket onboarding documentation "
    "tutorial course lesson teacher research survey spreadsheet excel accounting invoice "
    "bookkeeping legal contract review security audit penetration firewall network linux devops "
    "kubernetes docker terraform monitoring alerting logs "
)
WORDS = tuple(_WORD_TEXT.split())
TITLE_HEADS = (
    "Build", "Fix", "Senior", "Junior", "Need", "Looking for", "Expert", "Quick", "Long-term",
    "Part-time", "Urgent",
)  # fmt: skip
COUNTRIES = ("US", "GB", "DE", "FR", "CA", "AU", "IN", "BR", "NL", "ES")

_WEIGHTS = [1.0 / (rank + 1) ** 0.9 for rank in range(len(WORDS))]


def _rng(kind: str, i: int) -> random.Random:
    return random.Random(f"{kind}:{i}")


def _text(rng: random.Random, n_words: int) -> str:
    words = rng.choices(WORDS, weights=_WEIGHTS, k=n_words)
    return " ".join(words).capitalize() + "."


def make_client(i: int, **overrides: Any) -> ClientInfo:
    rng = _rng("client", i)
    client = ClientInfo(
        id=f"client-{i % 5000}",
        name=f"Client {i % 5000}",
        country=rng.choice(COUNTRIES),
        payment_verified=rng.random() < 0.7,
        rating=None if rng.random() < 0.1 else Decimal(rng.randint(30, 50)) / 10,
        total_spent=Money(Decimal(rng.randint(0, 200_000)), "USD"),
        hires=rng.randint(0, 120),
    )
    return replace(client, **overrides) if overrides else client


def make_job(i: int, *, description_words: int | None = None, **overrides: Any) -> Job:
    """Job number ``i``: posted ``3 * i`` minutes before BASE_TIME, so higher i is older."""
    rng = _rng("job", i)
    job_type = JobType.FIXED if rng.random() < 0.55 else JobType.HOURLY
    skills = tuple(rng.sample(SKILLS, rng.randint(2, 5)))
    title_words = rng.choices(WORDS, weights=_WEIGHTS, k=rng.randint(3, 6))
    title = f"{rng.choice(TITLE_HEADS)} {skills[0]} " + " ".join(title_words)
    n_words = description_words if description_words is not None else rng.randint(60, 160)
    if job_type is JobType.FIXED:
        budget: Money | None = Money(Decimal(rng.choice((50, 100, 250, 500, 1000, 2500, 5000, 12000))), "USD")
        hourly_min = hourly_max = None
    else:
        budget = None
        low = rng.randint(10, 60)
        hourly_min = Money(Decimal(low), "USD")
        hourly_max = Money(Decimal(low + rng.randint(5, 60)), "USD")
    posted = BASE_TIME - timedelta(minutes=3 * i, seconds=rng.randint(0, 59))
    job = Job(
        id=f"job-{i:06d}",
        title=title,
        description=_text(rng, n_words),
        category=CATEGORIES[rng.randrange(len(CATEGORIES))],
        skills=skills,
        job_type=job_type,
        budget=budget,
        hourly_min=hourly_min,
        hourly_max=hourly_max,
        experience_level=rng.choice(tuple(ExperienceLevel)),
        duration=rng.choice(("Less than 1 month", "1 to 3 months", "3 to 6 months", "More than 6 months")),
        proposals_count=rng.choice((0, 2, 4, 8, 12, 18, 25, 40, 60)),
        connects_required=rng.choice((2, 4, 6, 8, 10, 12, 16)),
        fee_rate=Decimal(rng.choice(("0.00", "0.05", "0.10", "0.125", "0.15"))),
        client=make_client(i),
        status="open",
        posted_at=posted,
        updated_at=posted + timedelta(minutes=rng.randint(0, 30)),
    )
    return replace(job, **overrides) if overrides else job


def make_jobs(n: int, start: int = 0, **overrides: Any) -> list[Job]:
    return [make_job(i, **overrides) for i in range(start, start + n)]


def make_proposal(i: int, **overrides: Any) -> Proposal:
    rng = _rng("proposal", i)
    created = BASE_TIME - timedelta(hours=5 * i)
    proposal = Proposal(
        id=f"prop-{i:05d}",
        job_id=f"job-{i:06d}",
        job_title=f"Job number {i}",
        cover_letter=_text(rng, 40),
        bid=Money(Decimal(rng.randint(50, 5000)), "USD"),
        duration="1 to 3 months",
        status=list(ProposalStatus)[i % len(ProposalStatus)],
        fee_rate=Decimal("0.10"),
        connects_spent=rng.choice((2, 4, 6, 8)),
        invited=i % 7 == 0,
        created_at=created,
        updated_at=created + timedelta(minutes=i % 50),
        client_name=f"Client {i}",
    )
    return replace(proposal, **overrides) if overrides else proposal


def make_draft(i: int, **overrides: Any) -> ProposalDraft:
    draft = ProposalDraft(
        job_id=f"job-{i:06d}",
        cover_letter="I have built many similar projects and would love to help you with this one. " * 2,
        bid=Money(Decimal("750.00"), "USD"),
        duration="1 to 3 months",
        fee_rate=Decimal("0.10"),
        job_title=f"Job number {i}",
    )
    return replace(draft, **overrides) if overrides else draft


def make_invitation(i: int, **overrides: Any) -> Invitation:
    created = BASE_TIME - timedelta(hours=7 * i)
    invitation = Invitation(
        id=f"inv-{i:05d}",
        job_id=f"job-{i:06d}",
        job_title=f"Invited job {i}",
        client_name=f"Client {i}",
        message=f"Hi, we liked your profile and invite you to job {i}.",
        status=InvitationStatus.PENDING,
        created_at=created,
        updated_at=created,
    )
    return replace(invitation, **overrides) if overrides else invitation


def make_room(i: int, **overrides: Any) -> Room:
    room = Room(
        id=f"room-{i:04d}",
        title=f"Job number {i}",
        counterpart_name=f"Client {i}",
        job_id=f"job-{i:06d}",
        unread_count=0,
        last_message_preview="",
        last_message_at=None,
        updated_at=BASE_TIME - timedelta(days=i),
    )
    return replace(room, **overrides) if overrides else room


def make_message(i: int, room: int | str = 0, **overrides: Any) -> Message:
    """Message ``i`` in room ``room``: created ``i`` minutes after BASE_TIME (higher i is newer)."""
    rng = _rng("message", i)
    room_id = room if isinstance(room, str) else f"room-{room:04d}"
    mine = i % 2 == 0
    message = Message(
        id=f"msg-{i:06d}",
        room_id=room_id,
        sender_id="me" if mine else "client",
        sender_name="Me" if mine else "Client",
        body=_text(rng, rng.randint(3, 25)),
        created_at=BASE_TIME + timedelta(minutes=i),
        state=DeliveryState.SENT,
        client_key=None,
    )
    return replace(message, **overrides) if overrides else message


def make_transaction(i: int, **overrides: Any) -> Transaction:
    """Transaction ``i``: an earning of (100 + i) USD gross, 10 % fee, created ``i`` days before BASE_TIME."""
    gross = Decimal(100 + i)
    fee = (gross * Decimal("0.10")).quantize(Decimal("0.01"))
    created = BASE_TIME - timedelta(days=i)
    tx = Transaction(
        id=f"tx-{i:05d}",
        type=TransactionType.EARNING,
        status=TransactionStatus.COMPLETED,
        description=f"Milestone {i}",
        job_id=f"job-{i:06d}",
        gross=Money(gross, "USD"),
        fee=Money(fee, "USD"),
        net=Money(gross - fee, "USD"),
        created_at=created,
        available_at=created + timedelta(days=5),
        updated_at=created,
    )
    return replace(tx, **overrides) if overrides else tx


def make_summary(**overrides: Any) -> EarningsSummary:
    summary = EarningsSummary(
        work_in_progress=Money(Decimal("120.00"), "USD"),
        in_review=Money(Decimal("340.50"), "USD"),
        pending=Money(Decimal("900.00"), "USD"),
        available=Money(Decimal("1523.25"), "USD"),
        lifetime=Money(Decimal("48210.75"), "USD"),
        updated_at=BASE_TIME,
    )
    return replace(summary, **overrides) if overrides else summary


def make_freelancer(**overrides: Any) -> Freelancer:
    freelancer = Freelancer(
        id="fl-1",
        name="Ada Lovelace",
        title="Python & Qt developer",
        email="ada@example.com",
        skills=("Python", "Qt", "SQLite"),
        hourly_rate=Money(Decimal("85.00"), "USD"),
        connects=140,
        fee_rate=Decimal("0.10"),
        country="GB",
    )
    return replace(freelancer, **overrides) if overrides else freelancer
