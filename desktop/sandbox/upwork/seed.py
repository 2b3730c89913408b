"""Deterministic demo world for the Upwork sandbox: one freelancer, ~40 clients, ~300 open jobs posted over
the last 3 days (plus a few closed ones), proposals in every status, 3 active contracts (2 hourly with weekly
limits, 1 fixed-price with milestones) and a closed one, 10 rooms with histories and ~40 transactions.

Same seed, same world (texts, ids, amounts); timestamps are relative to the moment of seeding.
Payment timing follows Upwork's help pages: earnings stay "Pending" through a 5-day security/review
period, then become "Available"; a "Service Fee" row (negative) points at the earning it was taken from.
"""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import datetime, timedelta
from typing import Any

from desktop.sandbox import corpus
from desktop.sandbox.clock import format_ts, utcnow

from . import DEMO_EMAIL, DEMO_PASSWORD
from .db import Database, insert_row
from .ids import numeric_id, room_id, simple_id, story_id
from .jobs import JobMaker

OPEN_JOBS = 300
CLOSED_JOBS = 6
CLIENT_ORGS = 40
REVIEW_DAYS = 5  # security period before an earning becomes available (inferred from Upwork help pages)
FREELANCER_SKILLS = ("Python", "FastAPI", "React", "TypeScript", "PostgreSQL", "GraphQL", "Django")

Json = dict[str, Any]


def seed_database(db: Database, seed: int = 7, now: datetime | None = None) -> None:
    """Fill an empty database (one transaction)."""
    world = World(random.Random(f"upwork-{seed}"), now or utcnow())
    with db.transaction() as conn:
        world.build(conn)


class World:
    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng = rng
        self.now = now
        self.freelancer: Json = {}
        self.clients: list[Json] = []  # client users, one per client org
        self.open_jobs: list[Json] = []
        self.closed_jobs: list[Json] = []

    def ago(self, **delta: float) -> datetime:
        return self.now - timedelta(**delta)

    def build(self, conn: sqlite3.Connection) -> None:
        self._people(conn)
        maker = JobMaker(self.rng, [c["org_id"] for c in self.clients])
        for _ in range(OPEN_JOBS):
            published = self.ago(seconds=self.rng.uniform(60, 3 * 86400))
            self.open_jobs.append(maker.insert(conn, published))
        for i in range(CLOSED_JOBS):
            status = "FILLED" if i % 2 == 0 else "CLOSED"
            self.closed_jobs.append(maker.insert(conn, self.ago(days=self.rng.uniform(8, 60)), status=status))
        proposals = self._proposals(conn, maker)
        contracts = self._contracts(conn, maker, proposals)
        self._rooms(conn, proposals, contracts)
        self._transactions(conn, contracts)

    # ---- people -----------------------------------------------------------------------------------------

    def _org(self, conn: sqlite3.Connection, name: str, kind: str, **extra: Any) -> str:
        org_id = numeric_id(conn, "org", 15)
        row = {
            "id": org_id,
            "rid": str(int(org_id) % 10**9),
            "name": name,
            "kind": kind,
            "photo_url": None,
            **extra,
        }
        insert_row(conn, "orgs", row)
        return org_id

    def _user(
        self,
        conn: sqlite3.Connection,
        email: str,
        first: str,
        last: str,
        kind: str,
        org_id: str,
        **extra: Any,
    ) -> Json:
        user_id = numeric_id(conn, "user", 14)
        row = {
            "id": user_id,
            "nid": (first + last[0]).lower() + user_id[-3:],
            "rid": str(int(user_id) % 10**8),
            "email": email,
            "password": DEMO_PASSWORD,
            "first_name": first,
            "last_name": last,
            "kind": kind,
            "org_id": org_id,
            "ciphertext": "~01" + user_id[-18:],
            "photo_url": None,
            **extra,
        }
        insert_row(conn, "users", row)
        return row

    def _people(self, conn: sqlite3.Connection) -> None:
        rng = self.rng
        ace = numeric_id(conn, "ace", 16)
        own_org = self._org(conn, "Ada Lindqvist", "VENDOR", ace_id=ace, country="Sweden")
        self.agency_org = self._org(conn, "Northwind Dev Collective", "AGENCY", country="Sweden")
        self.freelancer = self._user(
            conn,
            DEMO_EMAIL,
            "Ada",
            "Lindqvist",
            "FREELANCER",
            own_org,
            title="Senior Python & React developer — APIs, dashboards, data tooling",
            description="I build and rescue web products: FastAPI/Django back ends, React front ends, "
            "PostgreSQL. 9 years, 60+ Upwork contracts, clear written updates every day.",
            rate_cents=6500,
            skills=json.dumps(FREELANCER_SKILLS),
            job_success=97.0,
            total_earnings_cents=18_450_000,
        )
        names = [f"{a} {b}" for a in corpus.COMPANY_FIRST for b in corpus.COMPANY_SECOND]
        for number, name in enumerate(rng.sample(names, CLIENT_ORGS), start=1):
            hires = int(rng.expovariate(1 / 10)) if rng.random() < 0.85 else 0
            org_id = self._org(
                conn,
                name,
                "CLIENT",
                country=rng.choice(corpus.COUNTRIES),
                city=None,
                state=None,
                timezone=rng.choice(("America/New_York", "Europe/London", "Europe/Berlin", "Asia/Singapore")),
                offset_to_utc=None,
                payment_verified=int(rng.random() < 0.8),
                total_spent_cents=hires * rng.randint(400, 9000) * 100,
                total_hires=hires,
                total_posted=hires + rng.randint(1, 12),
                total_reviews=max(0, hires - rng.randint(0, 2)),
                feedback=round(rng.uniform(4.0, 5.0), 2) if hires else 0.0,
                member_since=format_ts(self.ago(days=rng.randint(60, 3000))),
            )
            first, last = rng.choice(corpus.FIRST_NAMES), rng.choice(corpus.LAST_NAMES)
            user = self._user(conn, f"client{number}@upwork.test", first, last, "CLIENT", org_id)
            self.clients.append({**user, "org_id": org_id, "org_name": name})

    def client_of(self, job: Json) -> Json:
        return next(c for c in self.clients if c["org_id"] == job["client_org_id"])

    # ---- proposals and contracts ------------------------------------------------------------------------

    def _proposals(self, conn: sqlite3.Connection, maker: JobMaker) -> list[Json]:
        rng = self.rng
        plan = (
            ["Pending"] * 4
            + ["Activated"] * 2
            + ["Accepted", "Offered"]
            + ["Hired"] * 3
            + ["Declined"] * 2
            + ["Withdrawn", "Archived"]
        )
        proposals: list[Json] = []
        open_pool = rng.sample(self.open_jobs, 12)
        for status in plan:
            if status == "Hired":
                job = maker.insert(conn, self.ago(days=rng.uniform(40, 120)), status="FILLED")
                created = self.ago(days=rng.uniform(35, 40))
            elif status in ("Declined", "Archived"):
                job = rng.choice(self.closed_jobs)
                created = self.ago(days=rng.uniform(6, 30))
            else:
                job = open_pool.pop()
                created = max(
                    self.ago(hours=rng.uniform(1, 60)),
                    datetime.fromisoformat(job["published_at"].replace("Z", "+00:00"))
                    + timedelta(minutes=20),
                )
            rate = rng.choice((5500, 6000, 6500, 7000))
            fixed = job["job_type"] == "FIXED"
            modified = created + timedelta(hours=rng.uniform(0, 20)) if status != "Pending" else created
            row = {
                "id": simple_id(conn, "proposal", 1_530_000_001),
                "job_id": job["id"],
                "user_id": self.freelancer["id"],
                "status": status,
                "reason": "Job is no longer available"
                if status == "Archived"
                else ("Client hired someone else" if status == "Declined" else None),
                "cover_letter": rng.choice(corpus.COVER_LETTERS).format(
                    industry=rng.choice(corpus.INDUSTRIES), years=9, skill=json.loads(job["skills"])[0]
                ),
                "rate_cents": job["fixed_cents"] if fixed else rate,
                "duration_id": "3" if fixed else None,
                "duration_label": "1 to 3 months" if fixed else None,
                "upfront_percent": 0 if fixed else None,
                "milestones": json.dumps(
                    [
                        {
                            "description": "First delivery",
                            "dueDate": format_ts(created + timedelta(days=14))[:10],
                            "amount": f"{(job['fixed_cents'] or 0) / 100:.2f}",
                        }
                    ]
                    if fixed
                    else []
                ),
                "annotations": "[]",
                "created_at": format_ts(created),
                "modified_at": format_ts(modified),
            }
            insert_row(conn, "proposals", row)
            proposals.append({**row, "job": job})
        return proposals

    def _contracts(self, conn: sqlite3.Connection, maker: JobMaker, proposals: list[Json]) -> list[Json]:
        rng = self.rng
        hired = [p for p in proposals if p["status"] == "Hired"]
        specs = (  # kind, hourly rate, weekly limit, fixed amount, fee rate, weeks running, status
            ("HOURLY", 6000, 30, None, 0.10, 9, "ACTIVE"),
            ("HOURLY", 7500, 15, None, 0.05, 5, "ACTIVE"),
            ("FIXED", None, None, 360_000, 0.15, 4, "ACTIVE"),
        )
        contracts: list[Json] = []
        for proposal, spec in zip(hired, specs, strict=True):
            kind, rate, limit, fixed, fee, weeks, status = spec
            contracts.append(
                self._contract(
                    conn,
                    proposal["job"],
                    proposal["id"],
                    kind,
                    rate,
                    limit,
                    fixed,
                    fee,
                    self.ago(weeks=weeks),
                    status,
                )
            )
        old_job = maker.insert(conn, self.ago(days=340), status="FILLED")
        contracts.append(
            self._contract(
                conn,
                old_job,
                None,
                "FIXED",
                None,
                None,
                480_000,
                0.0,
                self.ago(days=330),
                "CLOSED",
                end=self.ago(days=230),
            )
        )
        for contract in contracts:
            if contract["kind"] == "FIXED":
                self._milestones(conn, contract, rng)
        return contracts

    def _contract(
        self,
        conn: sqlite3.Connection,
        job: Json,
        proposal_id: str | None,
        kind: str,
        rate: int | None,
        limit: int | None,
        fixed: int | None,
        fee: float,
        start: datetime,
        status: str,
        end: datetime | None = None,
    ) -> Json:
        client = self.client_of(job)
        row = {
            "id": simple_id(conn, "contract", 41_200_001),
            "title": job["title"],
            "kind": kind,
            "status": status,
            "job_id": job["id"],
            "proposal_id": proposal_id,
            "freelancer_id": self.freelancer["id"],
            "client_user_id": client["id"],
            "client_org_id": client["org_id"],
            "offer_id": simple_id(conn, "offer", 88_100_001),
            "term_id": simple_id(conn, "term", 51_000_001),
            "created_at": format_ts(start - timedelta(days=1)),
            "modified_at": format_ts(start),
            "start_date": format_ts(start)[:10],
            "end_date": None if end is None else format_ts(end)[:10],
            "hourly_rate_cents": rate,
            "weekly_limit": limit,
            "fixed_cents": fixed,
            "fee_rate": fee,
            "paused": 0,
        }
        insert_row(conn, "contracts", row)
        return {**row, "client": client, "start": start, "end": end}

    def _milestones(self, conn: sqlite3.Connection, contract: Json, rng: random.Random) -> None:
        total = contract["fixed_cents"]
        parts = (
            ("Discovery and written plan", 0.25),
            ("First working version", 0.45),
            ("Polish and handover", 0.30),
        )
        start: datetime = contract["start"]
        done = 3 if contract["status"] == "CLOSED" else 2  # the active one: two paid, the last one funded
        contract["paid_milestones"] = []
        for seq, (description, share) in enumerate(parts, start=1):
            amount = int(total * share)
            paid = amount if seq <= done else 0
            due = start + timedelta(days=10 * seq)
            row = {
                "id": simple_id(conn, "milestone", 70_000_001),
                "contract_id": contract["id"],
                "sequence_id": seq,
                "description": description,
                "due_at": format_ts(due),
                "deposit_cents": amount,
                "funded_cents": amount,
                "paid_cents": paid,
            }
            insert_row(conn, "milestones", row)
            if paid:
                contract["paid_milestones"].append((row, due))

    # ---- rooms ------------------------------------------------------------------------------------------

    def _rooms(self, conn: sqlite3.Connection, proposals: list[Json], contracts: list[Json]) -> None:
        rng = self.rng
        for contract in contracts[:3]:
            self._room(
                conn,
                contract["client"],
                contract["title"],
                "ONE_ON_ONE",
                26,
                days=min(20, (self.now - contract["start"]).days),
                contract_id=contract["id"],
                phases=("open", "scope", "progress", "progress", "wrap"),
            )
        for proposal in [p for p in proposals if p["status"] in ("Activated", "Offered", "Accepted")]:
            self._room(
                conn,
                self.client_of(proposal["job"]),
                proposal["job"]["title"],
                "ONE_ON_ONE",
                rng.randint(4, 9),
                days=3,
                proposal_id=proposal["id"],
                phases=("open", "scope"),
            )
        for number, job in enumerate(rng.sample(self.open_jobs, 3)):
            self._room(
                conn,
                self.client_of(job),
                job["title"],
                "INTERVIEW",
                rng.randint(1, 3),
                days=1.5,
                job_id=job["id"],
                invitation=True,
                system_story=number == 0,
            )

    def _room(
        self,
        conn: sqlite3.Connection,
        client: Json,
        title: str,
        room_type: str,
        count: int,
        *,
        days: float,
        contract_id: str | None = None,
        proposal_id: str | None = None,
        job_id: str | None = None,
        phases: tuple[str, ...] = ("open",),
        invitation: bool = False,
        system_story: bool = False,
    ) -> None:
        rng = self.rng
        rid = room_id(conn)
        start = self.ago(days=days)
        stamps = sorted(start + timedelta(seconds=rng.uniform(0, days * 86400 - 600)) for _ in range(count))
        freelancer = self.freelancer
        stories: list[tuple[Json | None, str]] = []
        if system_story:
            stories.append((None, f"{client['first_name']} invited {freelancer['first_name']} to interview"))
        for i in range(count):
            author: Json
            if invitation:
                author, text = client, rng.choice(corpus.INVITATION_MESSAGES)
                if i > 0:
                    text = rng.choice(corpus.CLIENT_REPLIES)
            else:
                phase = phases[min(len(phases) - 1, i * len(phases) // max(1, count))]
                from_client = i % 2 == 0 or rng.random() < 0.2
                author = client if from_client else freelancer
                lines = corpus.CLIENT_LINES if from_client else corpus.FREELANCER_LINES
                text = rng.choice(lines[phase]).format(
                    client_first=client["first_name"], company=client["org_name"]
                )
            stories.append((author, text))
        if system_story:
            stamps.insert(0, start - timedelta(minutes=5))
        unread = rng.random() < 0.5
        last_author = stories[-1][0]
        last_read = (
            stamps[-1] if (last_author is freelancer or not unread) else stamps[-1] - timedelta(seconds=1)
        )
        if last_author is not freelancer and unread and len(stamps) > 1:
            last_read = stamps[-2]
        insert_row(
            conn,
            "rooms",
            {
                "id": rid,
                "room_name": f"{client['first_name']} {client['last_name']}, {freelancer['first_name']}"
                f" {freelancer['last_name']}",
                "topic": title,
                "room_type": room_type,
                "created_at": format_ts(stamps[0]),
                "last_activity_at": format_ts(stamps[-1]),
                "last_read_at": format_ts(last_read),
                "last_visited_at": format_ts(last_read),
                "contract_id": contract_id,
                "proposal_id": proposal_id,
                "job_id": job_id,
                "offer_ids": "[]",
                "hidden": 0,
                "muted": 0,
                "read_only": 0,
            },
        )
        for user, role in ((freelancer, "MEMBER"), (client, "OWNER")):
            insert_row(
                conn,
                "room_users",
                {"room_id": rid, "user_id": user["id"], "org_id": user["org_id"], "role": role},
            )
        for (story_author, text), stamp in zip(stories, stamps, strict=True):
            insert_row(
                conn,
                "stories",
                {
                    "id": story_id(conn),
                    "room_id": rid,
                    "user_id": None if story_author is None else story_author["id"],
                    "org_id": None if story_author is None else story_author["org_id"],
                    "message": text,
                    "created_at": format_ts(stamp),
                    "updated_at": format_ts(stamp),
                },
            )

    # ---- money ------------------------------------------------------------------------------------------

    def _transactions(self, conn: sqlite3.Connection, contracts: list[Json]) -> None:
        rng = self.rng
        rows: list[Json] = []
        for contract in contracts:
            company = contract["client"]["org_name"]
            if contract["kind"] == "HOURLY":
                weeks = max(1, (self.now - contract["start"]).days // 7)
                for week in range(min(weeks, 8), 0, -1):
                    week_end = self.ago(days=7 * week - 6)
                    hours = round(rng.uniform(0.5, 1.0) * contract["weekly_limit"] * 4) / 4
                    cents = int(hours * contract["hourly_rate_cents"])
                    span = f"{format_ts(week_end - timedelta(days=6))[:10]} - {format_ts(week_end)[:10]}"
                    text = (
                        f"Invoice for {span}: {int(hours)}:{int(hours % 1 * 60):02d} hrs @ "
                        f"${contract['hourly_rate_cents'] / 100:.2f}/hr"
                    )
                    rows.extend(
                        self._earning("Hourly", text, cents, week_end + timedelta(days=1), contract, company)
                    )
            for milestone, due in contract.get("paid_milestones", []):
                paid_at = min(due, self.ago(days=2))
                if contract["status"] == "ACTIVE" and milestone["sequence_id"] == 2:
                    paid_at = self.ago(days=2)  # a recent release: still in review
                rows.extend(
                    self._earning(
                        "Fixed Price",
                        f"Milestone {milestone['sequence_id']}: {milestone['description']}",
                        milestone["paid_cents"],
                        paid_at,
                        contract,
                        company,
                    )
                )
        fixed = next(c for c in contracts if c["kind"] == "FIXED" and c["status"] == "ACTIVE")
        rows.extend(
            self._earning(
                "Bonus",
                "Bonus: thanks for the fast turnaround on the release",
                15_000,
                self.ago(days=9),
                fixed,
                fixed["client"]["org_name"],
            )
        )
        for months in (11, 9, 7, 5, 3, 1):
            when = self.ago(days=30 * months + 3)
            cents = rng.randint(120_000, 400_000)
            rows.append(
                self._row(
                    "Withdrawal",
                    "Withdrawal",
                    "Withdrawal to Bank account ****4821",
                    -cents,
                    when,
                    "Paid",
                    None,
                    fully_paid=when + timedelta(days=2),
                )
            )
        rows.sort(key=lambda r: r["created_at"])
        for number, row in enumerate(rows, start=1):
            row["row_number"] = number
            row["record_id"] = simple_id(conn, "transaction", 610_000_001)
        by_key = {row["_key"]: row["record_id"] for row in rows}
        for row in rows:
            related = row.pop("_related", None)
            row.pop("_key")
            row["related_id"] = None if related is None else by_key[related]
            insert_row(conn, "transactions", row)

    def _earning(
        self, kind: str, text: str, cents: int, when: datetime, contract: Json, company: str
    ) -> list[Json]:
        review = when + timedelta(days=REVIEW_DAYS)
        status = "Pending" if review > self.now else "Available"
        cleared = review if status == "Available" else None
        earning = self._row(
            kind,
            kind,
            text,
            cents,
            when,
            status,
            contract,
            review=review,
            fully_paid=cleared,
            company=company,
        )
        rows = [earning]
        fee = round(cents * contract["fee_rate"])
        if fee:
            rows.append(
                self._row(
                    "Service Fee",
                    "Service Fee",
                    f"Service Fee for {text}",
                    -fee,
                    when + timedelta(seconds=1),
                    status,
                    contract,
                    review=review,
                    fully_paid=cleared,
                    company=company,
                    related=earning["_key"],
                )
            )
        return rows

    def _row(
        self,
        kind: str,
        subtype: str,
        text: str,
        cents: int,
        when: datetime,
        status: str,
        contract: Json | None,
        *,
        review: datetime | None = None,
        fully_paid: datetime | None = None,
        company: str | None = None,
        related: str | None = None,
    ) -> Json:
        key = f"{kind}-{format_ts(when)}-{text}"
        return {
            "_key": key,
            "_related": related,
            "user_id": self.freelancer["id"],
            "type": kind,
            "subtype": subtype,
            "description": text,
            "amount_cents": cents,
            "status": status,
            "created_at": format_ts(when),
            "review_due": None if review is None else format_ts(review)[:10],
            "fully_paid_at": None if fully_paid is None else format_ts(fully_paid),
            "invoice_id": str(900_000_000 + self.rng.randint(1, 99_999_999)),
            "contract_id": None if contract is None else contract["id"],
            "company_name": company,
        }
