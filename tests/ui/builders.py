"""A small, realistic marketplace world for the UI tests and the screenshot script.

Everything is written through the storage repositories into a real ``Database`` (``populate(db)``), with
timestamps relative to ``now`` so "3 h ago" reads naturally.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from desktop.core.clock import utcnow
from desktop.core.models import (
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
    JobType,
    Message,
    Milestone,
    MilestoneStatus,
    Proposal,
    ProposalStatus,
    Room,
    Transaction,
    TransactionStatus,
    TransactionType,
)
from desktop.core.money import Money, fee_breakdown

ME_ID = "fl-ada"
ME_NAME = "Ada Moreau"


def usd(amount: str | int) -> Money:
    return Money.of(str(amount), "USD")


def me() -> Freelancer:
    return Freelancer(
        id=ME_ID,
        name=ME_NAME,
        title="Python & Qt developer",
        email="ada@example.com",
        skills=("Python", "Qt", "SQLite", "FastAPI"),
        hourly_rate=usd(85),
        connects=140,
        fee_rate=Decimal("0.10"),
        country="FR",
    )


_CLIENTS = [
    ClientInfo("c-northwind", "Northwind Analytics", "US", True, Decimal("4.9"), usd(184_000), 46),
    ClientInfo("c-lumen", "Lumen Health", "GB", True, Decimal("4.7"), usd(52_300), 12),
    ClientInfo("c-bakery", "Maison Dupont Bakery", "FR", False, None, usd(0), 0),
    ClientInfo("c-orbit", "Orbit Logistics", "DE", True, Decimal("4.2"), usd(9_800), 7),
    ClientInfo("c-kite", "Kite & Co. Studio", "CA", True, Decimal("5.0"), usd(310_000), 120),
    ClientInfo("c-solo", "Priya S.", "IN", True, Decimal("4.8"), usd(1_250), 3),
]

_JOBS: list[tuple[str, str, JobType, tuple[int, ...], ExperienceLevel, tuple[str, ...], str, int, str]] = [
    (
        "Senior Python developer to build a FastAPI billing service with Stripe webhooks",
        "Web Development",
        JobType.HOURLY,
        (45, 80),
        ExperienceLevel.EXPERT,
        ("Python", "FastAPI", "PostgreSQL", "Stripe", "Docker"),
        "3 to 6 months",
        12,
        "We run a B2B analytics product and need a senior engineer to design and build our billing "
        "service.\n\nScope:\n- FastAPI service with PostgreSQL\n- Stripe subscriptions and webhooks "
        "(idempotent handlers, retries)\n- Usage-based invoicing, proration\n- Tests and CI\n\n"
        "You will work with our CTO; 15–25 hours a week. Please mention a payments system you built.",
    ),
    (
        "Qt/PySide6 desktop app: offline-first inventory tool for a warehouse team",
        "Desktop Software",
        JobType.FIXED,
        (4500,),
        ExperienceLevel.EXPERT,
        ("Python", "Qt", "PySide6", "SQLite"),
        "1 to 3 months",
        6,
        "Our warehouse staff need a desktop tool that keeps working when the Wi-Fi drops. It reads "
        "barcodes, keeps a local SQLite cache and syncs with our REST API when online.\n\n"
        "Deliverables: installer for Windows and Linux, source code, a short handover document.",
    ),
    (
        "Fix slow Django admin pages (N+1 queries) on a membership site",
        "Web Development",
        JobType.FIXED,
        (600,),
        ExperienceLevel.INTERMEDIATE,
        ("Django", "PostgreSQL", "Python"),
        "Less than 1 month",
        25,
        "Several admin list pages take 8–12 s. We think it's N+1 queries. Profile, fix, and explain "
        "what you changed. Access to a staging copy will be provided.",
    ),
    (
        "Data pipeline in Python to clean and merge monthly sales spreadsheets",
        "Data Science",
        JobType.HOURLY,
        (30, 55),
        ExperienceLevel.INTERMEDIATE,
        ("Python", "Pandas", "Excel"),
        "1 to 3 months",
        18,
        "Every month we receive ~40 Excel files from distributors in slightly different formats. "
        "We need a script that normalises columns, merges them and produces a summary workbook.",
    ),
    (
        "Landing page for a neighbourhood bakery (French and English)",
        "Design",
        JobType.FIXED,
        (350,),
        ExperienceLevel.ENTRY,
        ("WordPress", "Figma", "Copywriting"),
        "Less than 1 month",
        40,
        "Simple one-page site with opening hours, a menu and a map. Bilingual FR/EN. Photos provided.",
    ),
    (
        "Kubernetes and Terraform cleanup for a small AWS setup",
        "DevOps",
        JobType.HOURLY,
        (60, 110),
        ExperienceLevel.EXPERT,
        ("Kubernetes", "Terraform", "AWS"),
        "1 to 3 months",
        4,
        "We have three services on EKS created by hand. Move everything to Terraform, add monitoring "
        "and alerting, document the setup.",
    ),
    (
        "React Native developer to add offline mode to a field-inspection app",
        "Mobile Development",
        JobType.HOURLY,
        (40, 70),
        ExperienceLevel.INTERMEDIATE,
        ("React Native", "TypeScript", "SQLite"),
        "3 to 6 months",
        9,
        "Inspectors lose data when they're out of signal. Add a local queue, conflict handling, and "
        "a sync status indicator.",
    ),
    (
        "Technical writer for API documentation (REST, OpenAPI)",
        "Writing",
        JobType.FIXED,
        (1200,),
        ExperienceLevel.INTERMEDIATE,
        ("Technical Writing", "OpenAPI", "Markdown"),
        "1 to 3 months",
        14,
        "Rewrite our public API reference and write three getting-started guides.",
    ),
    (
        "Translate a mobile game's UI strings from English to Spanish and German",
        "Translation",
        JobType.FIXED,
        (280,),
        ExperienceLevel.ENTRY,
        ("Spanish", "German", "Localization"),
        "Less than 1 month",
        60,
        "About 3,200 words, mostly short UI strings. Context screenshots provided.",
    ),
    (
        "SQLite FTS5 search tuning for a note-taking app (prefix queries, ranking)",
        "Desktop Software",
        JobType.HOURLY,
        (50, 90),
        ExperienceLevel.EXPERT,
        ("SQLite", "C", "Python"),
        "Less than 1 month",
        2,
        "Our search over 200k notes is slow for prefix queries. Tune the FTS5 schema and queries, "
        "measure before/after.",
    ),
    (
        "Shopify store migration and checkout customisation",
        "Web Development",
        JobType.FIXED,
        (2500,),
        ExperienceLevel.INTERMEDIATE,
        ("Shopify", "Liquid", "JavaScript"),
        "1 to 3 months",
        22,
        "Migrate ~900 products from WooCommerce, keep URLs, customise the checkout for B2B customers.",
    ),
    (
        "Quick fix: Python script crashes on Windows paths with spaces",
        "Desktop Software",
        JobType.FIXED,
        (80,),
        ExperienceLevel.ENTRY,
        ("Python", "Windows"),
        "Less than 1 month",
        3,
        "Small script, maybe 200 lines. It breaks when a folder name has spaces. Need a fix today.",
    ),
]


def make_jobs(now: datetime) -> list[Job]:
    jobs: list[Job] = []
    for i, (title, cat, jt, money, level, skills, duration, props, desc) in enumerate(_JOBS):
        posted = now - timedelta(minutes=17 + i * 95)
        jobs.append(
            Job(
                id=f"job-{i + 1:03d}",
                title=title,
                description=desc,
                category=cat,
                skills=skills,
                job_type=jt,
                budget=usd(money[0]) if jt is JobType.FIXED else None,
                hourly_min=usd(money[0]) if jt is JobType.HOURLY else None,
                hourly_max=usd(money[1]) if jt is JobType.HOURLY else None,
                experience_level=level,
                duration=duration,
                proposals_count=props,
                connects_required=(4, 6, 8, 12, 16)[i % 5],
                fee_rate=Decimal(("0.10", "0.10", "0.05", "0.15", "0.10", "0.125")[i % 6]),
                client=_CLIENTS[i % len(_CLIENTS)],
                status="open",
                posted_at=posted,
                updated_at=posted,
            )
        )
    return jobs


def make_proposals(jobs: list[Job], now: datetime) -> list[Proposal]:
    letters = [
        "Hello! I've built two billing services on FastAPI with Stripe, including idempotent webhook "
        "handling and usage-based invoices. I'd start by mapping your plans to Stripe products, then "
        "ship the webhook consumer with tests first. Happy to walk you through a past project.",
        "Hi, offline-first desktop apps are exactly what I do: Qt/PySide6 front end, SQLite cache and a "
        "sync queue that survives crashes. I can share a demo of a similar tool I shipped last year.",
        "I profiled and fixed N+1 problems on a large Django admin recently (from 9 s to 300 ms). I'd use "
        "django-debug-toolbar and select_related/prefetch_related, and send you a short report.",
        "Hello, I clean messy spreadsheets with Pandas every week. I'd make the pipeline configurable per "
        "distributor so a new format means a new mapping, not new code.",
    ]
    statuses = [
        ProposalStatus.INTERVIEWING,
        ProposalStatus.OFFER,
        ProposalStatus.VIEWED,
        ProposalStatus.SUBMITTED,
        ProposalStatus.HIRED,
        ProposalStatus.DECLINED,
        ProposalStatus.WITHDRAWN,
        ProposalStatus.HIRED,
    ]
    out: list[Proposal] = []
    for i, status in enumerate(statuses):
        job = jobs[i % len(jobs)] if i < 4 else jobs[(i + 4) % len(jobs)]
        bid = job.budget or job.hourly_max or usd(50)
        created = now - timedelta(days=i * 2 + 1, hours=i)
        out.append(
            Proposal(
                id=f"prop-{i + 1:03d}",
                job_id=job.id if i < 4 else f"old-job-{i}",
                job_title=job.title if i < 4 else f"{job.title} (earlier contract)",
                cover_letter=letters[i % len(letters)],
                bid=bid,
                duration=job.duration,
                status=status,
                fee_rate=job.fee_rate,
                connects_spent=job.connects_required,
                invited=i == 1,
                created_at=created,
                updated_at=created + timedelta(hours=3 + i),
                client_name=job.client.name,
            )
        )
    return out


def make_invitations(now: datetime) -> list[Invitation]:
    return [
        Invitation(
            "inv-1",
            "job-inv-1",
            "Maintain our PySide6 point-of-sale app (ongoing)",
            "Kite & Co. Studio",
            "Hi Ada, we saw your Qt work and would love to talk about maintaining our POS app.",
            InvitationStatus.PENDING,
            now - timedelta(hours=5),
            now - timedelta(hours=5),
        ),
        Invitation(
            "inv-2",
            "job-inv-2",
            "Review our SQLite schema and migrations",
            "Orbit Logistics",
            "Could you review our schema before we ship v2? About 10 hours of work.",
            InvitationStatus.PENDING,
            now - timedelta(days=2),
            now - timedelta(days=2),
        ),
    ]


@dataclass(frozen=True, slots=True)
class Conversation:
    room: Room
    messages: list[Message]


def make_conversations(now: datetime) -> list[Conversation]:
    people = [
        ("room-1", "Maya Chen", "Qt/PySide6 desktop app: offline-first inventory tool", 2),
        ("room-2", "Tom Becker", "Kubernetes and Terraform cleanup", 1),
        ("room-3", "Priya S.", "Quick fix: Python script crashes on Windows paths", 0),
        ("room-4", "Lumen Health", "Fix slow Django admin pages", 0),
        ("room-5", "Jonas Weber", "Data pipeline for monthly sales spreadsheets", 0),
        ("room-6", "Claire Dupont", "Landing page for a neighbourhood bakery", 0),
    ]
    lines = {
        "room-1": [
            (
                "them",
                "Hi Ada, thanks for the proposal! Do you have experience with barcode scanners on Linux?",
                300,
            ),
            (
                "me",
                "Hi Maya! Yes — most USB scanners act as keyboards, so Qt receives them as key events. "
                "I've handled that with a small input filter that detects the fast key bursts.",
                290,
            ),
            ("them", "Great. And what happens if the warehouse loses Wi-Fi for an hour?", 280),
            (
                "me",
                "Everything keeps working from the local SQLite cache. Changes go into an outbox and are "
                "sent in order when the connection is back — nothing gets lost or duplicated.",
                275,
            ),
            ("them", "That's exactly what we need.", 60),
            ("them", "Could you start next Monday? I'll send the offer today.", 12),
            ("me", "Monday works for me. I'll prepare a short plan for the first week.", 4),
            ("me", "Also: could you share the API docs before then?", 1),
        ],
        "room-2": [
            ("them", "Morning! Quick question about the monitoring part.", 1500),
            ("me", "Sure, go ahead.", 1490),
            ("them", "Would you use Prometheus or CloudWatch for alerts?", 95),
        ],
        "room-3": [
            ("them", "The fix works perfectly, thank you!", 2000),
            ("me", "Glad to hear it. I've added a test for paths with spaces too.", 1990),
        ],
        "room-4": [("them", "We've released the milestone payment. Great work on the admin pages.", 3000)],
        "room-5": [("me", "Here's the first version of the mapping config.", 6000)],
        "room-6": [("them", "Bonjour Ada ! Les photos sont dans le dossier partagé.", 9000)],
    }
    out: list[Conversation] = []
    for room_id, name, title, unread in people:
        msgs: list[Message] = []
        for j, (who, body, minutes_ago) in enumerate(lines[room_id]):
            mine = who == "me"
            msgs.append(
                Message(
                    id=f"{room_id}-m{j}",
                    room_id=room_id,
                    sender_id=ME_ID if mine else f"client-{room_id}",
                    sender_name=ME_NAME if mine else name,
                    body=body,
                    created_at=now - timedelta(minutes=minutes_ago),
                    state=DeliveryState.SENT,
                )
            )
        last = msgs[-1]
        room = Room(
            id=room_id,
            title=title,
            counterpart_name=name,
            job_id=None,
            unread_count=unread,
            last_message_preview=last.body,
            last_message_at=last.created_at,
            updated_at=last.created_at,
        )
        out.append(Conversation(room, msgs))
    return out


def make_transactions(now: datetime, fee_rate: Decimal = Decimal("0.10")) -> list[Transaction]:
    txs: list[Transaction] = []
    clients = ["Northwind Analytics", "Lumen Health", "Kite & Co. Studio", "Orbit Logistics", "Priya S."]
    n = 0
    for month_back in range(12):
        for k in range(3 + (month_back * 7) % 3):
            n += 1
            gross = usd(200 + ((month_back * 13 + k * 7) % 17) * 90)
            split = fee_breakdown(gross, fee_rate)
            created = now - timedelta(days=month_back * 30 + k * 6 + 1, hours=k)
            client = clients[(month_back + k) % len(clients)]
            if month_back == 0 and k == 0:
                status = TransactionStatus.PENDING
            elif month_back == 0:
                status = TransactionStatus.AVAILABLE
            else:
                status = TransactionStatus.COMPLETED
            txs.append(
                Transaction(
                    id=f"tx-{n:04d}",
                    type=TransactionType.EARNING if k % 4 else TransactionType.BONUS,
                    status=status,
                    description=f"{'Milestone' if k % 4 else 'Bonus'} — {client}",
                    job_id=None,
                    gross=split.gross,
                    fee=split.fee,
                    net=split.net,
                    created_at=created,
                    available_at=created + timedelta(days=5),
                    updated_at=created,
                )
            )
        if month_back % 2 == 0:
            n += 1
            amount = usd(1500 + month_back * 50)
            created = now - timedelta(days=month_back * 30 + 3)
            txs.append(
                Transaction(
                    id=f"tx-{n:04d}",
                    type=TransactionType.WITHDRAWAL,
                    status=TransactionStatus.COMPLETED,
                    description="Withdrawal to bank account ••• 4821",
                    job_id=None,
                    gross=-amount,
                    fee=Money.zero("USD"),
                    net=-amount,
                    created_at=created,
                    available_at=None,
                    updated_at=created,
                )
            )
    return txs


def make_summary(now: datetime) -> EarningsSummary:
    return EarningsSummary(
        work_in_progress=usd("640.00"),
        in_review=usd("1275.00"),
        pending=usd("918.00"),
        available=usd("2356.40"),
        lifetime=usd("48210.75"),
        updated_at=now - timedelta(minutes=4),
    )


def make_contracts(now: datetime) -> list[Contract]:
    """Two hourly contracts (this week's hours against their limits), a fixed-price one with a milestone in
    each state, and an ended one; their rooms are the conversations above."""
    monday = (now - timedelta(days=now.weekday())).date()

    def ms(i: int, description: str, amount: str, status: MilestoneStatus, due_days: int,
           **when: datetime) -> Milestone:
        return Milestone(id=f"ms-{i}", position=i, description=description, amount=usd(amount), status=status,
                         due_date=(now + timedelta(days=due_days)).date(), **when)

    fixed = (
        ms(1, "Profile the slow admin pages", "1200.00", MilestoneStatus.PAID, -30,
           funded_at=now - timedelta(days=45), approved_at=now - timedelta(days=28),
           paid_at=now - timedelta(days=18)),
        ms(2, "Query fixes and indexes", "800.00", MilestoneStatus.APPROVED, -6,
           funded_at=now - timedelta(days=27), approved_at=now - timedelta(days=3)),
        ms(3, "Caching and background exports", "650.00", MilestoneStatus.SUBMITTED, 2,
           funded_at=now - timedelta(days=3), submitted_at=now - timedelta(hours=20)),
        ms(4, "Handover and documentation", "400.00", MilestoneStatus.UNFUNDED, 16),
    )
    return [
        Contract(id="ctr-1", title="Qt/PySide6 desktop app: offline-first inventory tool", job_id="job-1",
                 client_id="cli-northwind", client_name="Northwind Analytics",
                 contract_type=ContractType.HOURLY,
                 status=ContractStatus.ACTIVE, started_at=now - timedelta(days=40),
                 updated_at=now - timedelta(hours=2), proposal_id=None, room_id="room-1",
                 hourly_rate=usd("85.00"), weekly_limit_hours=30, hours_this_week=Decimal("18.5"),
                 week_start=monday, fee_rate=Decimal("0.10")),
        Contract(id="ctr-2", title="Kubernetes and Terraform cleanup", job_id="job-2",
                 client_id="cli-orbit", client_name="Orbit Logistics", contract_type=ContractType.HOURLY,
                 status=ContractStatus.ACTIVE, started_at=now - timedelta(days=12),
                 updated_at=now - timedelta(hours=5), room_id="room-2", hourly_rate=usd("95.00"),
                 weekly_limit_hours=10, hours_this_week=Decimal("9.25"), week_start=monday,
                 fee_rate=Decimal("0.10")),
        Contract(id="ctr-3", title="Fix slow Django admin pages", job_id="job-4", client_id="cli-lumen",
                 client_name="Lumen Health", contract_type=ContractType.FIXED, status=ContractStatus.ACTIVE,
                 started_at=now - timedelta(days=45), updated_at=now - timedelta(hours=20), room_id="room-4",
                 budget=usd("3050.00"), fee_rate=Decimal("0.10"), milestones=fixed),
        Contract(id="ctr-4", title="Landing page for a neighbourhood bakery", job_id="job-6",
                 client_id="cli-dupont", client_name="Claire Dupont", contract_type=ContractType.FIXED,
                 status=ContractStatus.ENDED, started_at=now - timedelta(days=120),
                 updated_at=now - timedelta(days=90), room_id="room-6", budget=usd("900.00"),
                 ended_at=now - timedelta(days=90),
                 milestones=(Milestone(id="ms-9", position=1, description="Design and build",
                                       amount=usd("900"), status=MilestoneStatus.PAID,
                                       due_date=date(2026, 8, 1), paid_at=now - timedelta(days=90)),)),
    ]


@dataclass(slots=True)
class World:
    now: datetime
    jobs: list[Job]
    proposals: list[Proposal]
    invitations: list[Invitation]
    conversations: list[Conversation]
    transactions: list[Transaction]
    summary: EarningsSummary
    contracts: list[Contract]


def world(now: datetime | None = None) -> World:
    now = now or utcnow()
    jobs = make_jobs(now)
    return World(
        now=now,
        jobs=jobs,
        proposals=make_proposals(jobs, now),
        invitations=make_invitations(now),
        conversations=make_conversations(now),
        transactions=make_transactions(now),
        summary=make_summary(now),
        contracts=make_contracts(now),
    )


def write_world(conn: sqlite3.Connection, w: World, extra_jobs: list[Job] | None = None) -> None:
    from desktop.storage import contracts, earnings, invitations, jobs, messages, profile, proposals, rooms

    profile.set(conn, me())
    jobs.upsert_many(conn, w.jobs + (extra_jobs or []))
    proposals.upsert_many(conn, w.proposals)
    invitations.upsert_many(conn, w.invitations)
    rooms.upsert_many(conn, [c.room for c in w.conversations])
    for c in w.conversations:
        messages.upsert_many(conn, c.messages)
        rooms.set_unread(conn, c.room.id, c.room.unread_count)
    earnings.upsert_transactions(conn, w.transactions)
    earnings.set_summary(conn, w.summary)
    contracts.upsert_many(conn, w.contracts)


def filler_jobs(n: int, now: datetime, start: int = 1000) -> list[Job]:
    """``n`` plain jobs (older than the showcase ones) for paging tests."""
    base = make_jobs(now)
    out: list[Job] = []
    for i in range(n):
        template = base[i % len(base)]
        posted = now - timedelta(days=2, minutes=i)
        out.append(
            replace(
                template,
                id=f"job-f{start + i:05d}",
                title=f"Filler job {i:04d}: {template.title}",
                posted_at=posted,
                updated_at=posted,
            )
        )
    return out


def busy_summary(now: datetime) -> EarningsSummary:
    """A busy freelancer's balances: five- and six-figure amounts with cents (the widest money texts)."""
    return EarningsSummary(
        work_in_progress=usd("16499.16"),
        in_review=usd("2696.60"),
        pending=usd("12918.05"),
        available=usd("23356.40"),
        lifetime=usd("248210.75"),
        updated_at=now - timedelta(minutes=4),
    )
