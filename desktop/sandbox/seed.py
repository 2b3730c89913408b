"""Deterministic marketplace data: the same seed number always builds the same world.

Only the anchor moves: timestamps are laid out relative to "now" at seeding time, so a fresh demo always
looks recent. Ids, titles, amounts and the order of everything depend on the seed alone.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from . import corpus
from . import files as files_module
from .clock import format_ts, utcnow
from .money import fee_cents
from .schemas import SavedSearchQuery
from .store import Store, hash_password, saved_query_text

FEE_RATE = "0.10"
DEMO_EMAIL = "demo@atelier.test"
DEMO_PASSWORD = "demo"
CLIENT_ACCOUNTS = 6  # client1..client6@atelier.test, one chat room each
# Ada applies for work in her own field, so her proposals, chats and contracts make sense together.
FREELANCER_CATEGORIES = frozenset(
    {"Web Development", "Mobile Apps", "Data Science & Analytics", "DevOps & Cloud", "AI & Machine Learning"}
)
MIN_JOBS = 30  # rooms, proposals and invitations each need a job of their own
PROPOSAL_PLAN = (  # every status the client must be able to show
    ("hired", 3),
    ("interviewing", 2),
    ("offer", 1),
    ("submitted", 4),
    ("viewed", 3),
    ("declined", 3),
    ("withdrawn", 2),
    ("archived", 2),
)

Json = dict[str, Any]

WEEKLY_LIMITS = (20, 25, 30, 35, 40)  # an hourly contract's limit: the first one above every week billed
MONEY_TO_MILESTONE = {"in_progress": "funded", "in_review": "submitted", "pending": "approved",
                      "available": "paid"}

# The demo freelancer's saved searches (name, SavedSearchQuery fields), oldest first. Both find plenty of
# seeded jobs (seed 7, 2000 jobs: 87 and 44) and a share of the simulator's new ones (job.matched).
DEMO_SAVED_SEARCHES: tuple[tuple[str, Json], ...] = (
    ("Python", {"q": "python"}),
    ("React, fixed price, verified clients", {"q": "react", "job_type": "fixed", "payment_verified": True}),
)


def seeded_id(rng: random.Random, prefix: str) -> str:
    return f"{prefix}_{rng.getrandbits(64):016x}"


def _rounded(value: float, step: int) -> int:
    return max(step, round(value / step) * step)


@dataclass(frozen=True, slots=True)
class SeedReport:
    jobs: int
    seconds: float


def screening_questions(job_id: str) -> str:
    """About three jobs in ten ask one to three screening questions (JSON). Drawn from the job's id alone,
    so adding them changed nothing else a seed builds."""
    own = random.Random(f"screening:{job_id}")
    if own.random() >= 0.3:
        return "[]"
    picked = own.sample(corpus.SCREENING_QUESTIONS, own.randint(1, 3))
    return json.dumps([{"id": f"q{n}", "text": text} for n, text in enumerate(picked, start=1)])


class JobFactory:
    """Composes believable jobs; shared by the seed and the simulator's new arrivals."""

    def __init__(self, rng: random.Random, client_ids: Sequence[str]) -> None:
        self.rng = rng
        self.client_ids = list(client_ids)

    def make(self, category: corpus.CategoryCorpus | None = None, client_id: str | None = None) -> Json:
        rng = self.rng
        cat = category or rng.choice(corpus.CATEGORIES)
        skills = rng.sample(cat.skills, rng.randint(3, min(6, len(cat.skills))))
        thing = rng.choice(cat.things)
        a_thing = ("an " if thing[0].lower() in "aeiou" else "a ") + thing
        template = rng.choice(cat.templates).replace("a {thing}", "{a_thing}")
        title = template.format(skill=skills[0], skill2=skills[1], thing=thing, a_thing=a_thing)
        title = title[0].upper() + title[1:]
        experience = rng.choices(corpus.EXPERIENCE_LEVELS, weights=(2, 5, 3))[0]
        level_boost = {"entry": 0.6, "intermediate": 1.0, "expert": 1.6}[experience]
        budget_cents = hourly_min_cents = hourly_max_cents = None
        if rng.random() < 0.45:
            job_type = "hourly"
            low, high = cat.hourly_range
            minimum = _rounded(low + (high - low) * rng.random() * 0.7 * level_boost, 5)
            hourly_min_cents = minimum * 100
            hourly_max_cents = (minimum + _rounded(rng.uniform(10, 60), 5)) * 100
            budget_value = hourly_max_cents
        else:
            job_type = "fixed"
            low, high = cat.fixed_range
            amount = low * (high / low) ** rng.random() * level_boost
            budget_cents = _rounded(amount, 50 if amount > 1000 else 5) * 100
            budget_value = budget_cents
        connects = min(16, max(2, 2 * round(budget_value / 100 / 800 + rng.uniform(0, 4))))
        description = "\n\n".join(
            (
                rng.choice(corpus.DESCRIPTION_OPENERS)
                .replace("a {thing}", "{a_thing}")
                .format(
                    size=rng.choice(corpus.COMPANY_SIZES),
                    industry=rng.choice(corpus.INDUSTRIES),
                    thing=thing,
                    a_thing=a_thing,
                ),
                rng.choice(corpus.DESCRIPTION_SCOPE),
                "What you will do:\n" + "\n".join(f"- {line}" for line in self._tasks(skills, thing)),
                rng.choice(corpus.DESCRIPTION_REQUIREMENTS).format(
                    skills=", ".join(skills[:3]), tz=rng.choice(corpus.TIMEZONES)
                ),
                rng.choice(corpus.DESCRIPTION_CLOSERS).format(word=rng.choice(corpus.CODE_WORDS)),
            )
        )
        job_id = seeded_id(rng, "job")
        return {
            "id": job_id,
            "title": title,
            "description": description,
            "category": cat.name,
            "skills": json.dumps(skills),
            "skills_text": " ".join(skills),
            "job_type": job_type,
            "budget_cents": budget_cents,
            "hourly_min_cents": hourly_min_cents,
            "hourly_max_cents": hourly_max_cents,
            "budget_value_cents": budget_value,
            "experience_level": experience,
            "duration": rng.choice(corpus.DURATIONS),
            "proposals_count": 0,
            "connects_required": connects,
            "fee_rate": FEE_RATE,
            "status": "open",
            "client_id": client_id or rng.choice(self.client_ids),
            "screening_questions": screening_questions(job_id),
        }

    def _tasks(self, skills: Sequence[str], thing: str) -> list[str]:
        rng = self.rng
        tasks = [
            f"Review the current {thing} and agree on a plan",
            f"Deliver the work using {skills[0]}" + (f" and {skills[2]}" if len(skills) > 2 else ""),
            "Write short notes so our team can take it from there",
            f"Help us decide between {skills[1]} options where it matters",
            "Join a weekly 30-minute check-in",
        ]
        return rng.sample(tasks, rng.randint(2, 4))


def seed_database(store: Store, seed: int = 7, jobs: int = 2000) -> SeedReport:
    """Fill an empty database. 100 000 jobs take a few seconds: rows go in with executemany, FTS last."""
    if jobs < MIN_JOBS:
        raise ValueError(f"seed needs at least {MIN_JOBS} jobs, got {jobs}")
    started = time.perf_counter()
    rng = random.Random(seed)
    now = utcnow()
    world = _World(rng, now)
    world.build(jobs)
    store.bulk_load(world.tables())
    store.set_meta("seed", str(seed))
    store.set_meta("demo_account_id", world.demo_id)
    return SeedReport(jobs=jobs, seconds=time.perf_counter() - started)


class _World:
    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng = rng
        self.now = now
        self.categories: list[Json] = []
        self.clients: list[Json] = []
        self.accounts: list[Json] = []
        self.jobs: list[Json] = []
        self.proposals: list[Json] = []
        self.invitations: list[Json] = []
        self.rooms: list[Json] = []
        self.members: list[Json] = []
        self.messages: list[Json] = []
        self.transactions: list[Json] = []
        self.saved_searches: list[Json] = []
        self.contracts: list[Json] = []
        self.milestones: list[Json] = []
        self.attachments: list[Json] = []
        # What _transactions billed, for the contracts behind it (kept without drawing anything more).
        self.hourly_terms: list[tuple[Json, int, datetime, datetime | None]] = []  # job, rate, start, end
        self.week_hours: dict[str, list[float]] = {}  # job id -> hours billed each week, oldest first
        self.week_start: datetime | None = None
        self.fixed_job: Json | None = None
        self.fixed_payments: list[Json] = []  # the milestone transactions, in order
        self.demo_id = ""

    def tables(self) -> list[tuple[str, list[Json]]]:
        return [
            ("categories", self.categories),
            ("clients", self.clients),
            ("accounts", self.accounts),
            ("jobs", self.jobs),
            ("proposals", self.proposals),
            ("invitations", self.invitations),
            ("rooms", self.rooms),
            ("room_members", self.members),
            ("messages", self.messages),
            ("transactions", self.transactions),
            ("saved_searches", self.saved_searches),
            ("contracts", self.contracts),
            ("milestones", self.milestones),
            ("attachments", self.attachments),
        ]

    def ago(self, **delta: float) -> datetime:
        return self.now - timedelta(**delta)

    def build(self, job_count: int) -> None:
        self.categories = [{"name": c.name, "position": i} for i, c in enumerate(corpus.CATEGORIES)]
        self._clients()
        self._accounts()
        self._jobs(job_count)
        contract_jobs = self._proposals_and_invitations()
        self._rooms(contract_jobs)
        self._transactions(contract_jobs[:3])
        self._saved_searches()  # the random draws before it stay what they were without it
        self._contracts()  # last, for the same reason
        self._attachments()  # draws nothing from the world's generator

    def _attachments(self) -> None:
        """A brief (PDF) from the client of the first room and a wireframe (PNG) from the freelancer in
        the second, each on a message of theirs: the demo shows both kinds of attachment card."""
        rng = random.Random(f"attachments:{self.demo_id}")
        files = (
            ("client", "project-brief.pdf", "application/pdf", files_module.seed_pdf(
                "Project brief", ["Goals: a dashboard the whole team reads every morning.",
                                  "Scope: data import, three charts, export to CSV.",
                                  "Timeline: first milestone in two weeks."])),
            ("freelancer", "dashboard-wireframe.png", "image/png", files_module.seed_png(480, 300)),
        )
        for room, (speaker, name, content_type, data) in zip(self.rooms, files, strict=False):
            members = {m["account_id"] for m in self.members if m["room_id"] == room["id"]}
            sender = self.demo_id if speaker == "freelancer" else next(iter(members - {self.demo_id}))
            said = [m for m in self.messages if m["room_id"] == room["id"] and m["sender_id"] == sender]
            message = said[-1]
            attachment = {"id": seeded_id(rng, "att"), "name": name, "size": len(data),
                          "content_type": content_type}
            message["attachments"] = json.dumps([attachment])
            self.attachments.append({
                **attachment, "room_id": room["id"], "uploader_id": sender,
                "sha256": hashlib.sha256(data).hexdigest(), "data": data, "message_id": message["id"],
                "created_at": message["created_at"],
            })

    def _clients(self) -> None:
        rng = self.rng
        names = [f"{a} {b}" for a in corpus.COMPANY_FIRST for b in corpus.COMPANY_SECOND]
        for name in rng.sample(names, 300):
            hires = int(rng.expovariate(1 / 12)) if rng.random() < 0.85 else 0
            rating = None if hires == 0 else f"{min(5.0, rng.uniform(4.1, 5.2)):.2f}"
            self.clients.append(
                {
                    "id": seeded_id(rng, "cli"),
                    "name": name,
                    "country": rng.choice(corpus.COUNTRIES),
                    "payment_verified": int(rng.random() < 0.85),
                    "rating": rating,
                    "total_spent_cents": hires * rng.randint(300, 9000) * 100,
                    "hires": hires,
                }
            )

    def _account(
        self,
        email: str,
        role: str,
        name: str,
        title: str,
        country: str,
        skills: list[str],
        rate_cents: int,
        connects: int,
        client_id: str | None,
    ) -> Json:
        salt = f"{self.rng.getrandbits(64):016x}"
        stamp = format_ts(self.ago(days=400))
        row = {
            "id": seeded_id(self.rng, "usr"),
            "role": role,
            "email": email,
            "password_salt": salt,
            "password_hash": hash_password(DEMO_PASSWORD, salt),
            "name": name,
            "title": title,
            "country": country,
            "skills": json.dumps(skills),
            "hourly_rate_cents": rate_cents,
            "connects": connects,
            "fee_rate": FEE_RATE,
            "client_id": client_id,
            "created_at": stamp,
            "updated_at": stamp,
        }
        self.accounts.append(row)
        return row

    def _accounts(self) -> None:
        demo = self._account(
            DEMO_EMAIL,
            "freelancer",
            "Ada Freelancer",
            "Senior Python & Full-Stack Developer",
            "Portugal",
            ["Python", "FastAPI", "Django", "React", "TypeScript", "PostgreSQL", "Docker"],
            8500,
            80,
            None,
        )
        self.demo_id = demo["id"]
        people = self.rng.sample(
            [(f, last) for f in corpus.FIRST_NAMES for last in corpus.LAST_NAMES], CLIENT_ACCOUNTS
        )
        for number, (first, last) in enumerate(people, start=1):
            company = self.clients[number - 1]
            company["payment_verified"] = 1
            self._account(
                f"client{number}@atelier.test",
                "client",
                f"{first} {last}",
                f"Hiring manager at {company['name']}",
                company["country"],
                [],
                0,
                0,
                company["id"],
            )

    def _jobs(self, count: int) -> None:
        rng = self.rng
        factory = JobFactory(rng, [c["id"] for c in self.clients])
        span = 30 * 24 * 3600
        for _ in range(count):
            job = factory.make()
            age = rng.random() * span
            posted = format_ts(self.now - timedelta(seconds=age))
            job["posted_at"] = job["updated_at"] = posted
            job["proposals_count"] = min(50, int(rng.expovariate(1 / 8) * (0.4 + age / span)))
            if rng.random() < 0.08 * (0.2 + age / span):
                job["status"] = "closed"
            self.jobs.append(job)
        # The newest jobs stay untouched for the feed; the seed's own story uses older ones.
        self.jobs.sort(key=lambda job: (job["posted_at"], job["id"]))

    def _proposals_and_invitations(self) -> list[Json]:
        """Returns the jobs behind the chat rooms (hired, interviewing and offer proposals), in room order."""
        rng = self.rng
        needed = sum(count for _, count in PROPOSAL_PLAN) + 3
        story_jobs = self.jobs[: max(needed, len(self.jobs) // 2)]  # older half: time for a history
        in_her_field = [job for job in story_jobs if job["category"] in FREELANCER_CATEGORIES]
        picks = rng.sample(in_her_field if len(in_her_field) >= needed else story_jobs, needed)
        room_clients = [a["client_id"] for a in self.accounts if a["role"] == "client"]
        room_jobs: list[Json] = []
        letters = corpus.COVER_LETTERS
        for status, count in PROPOSAL_PLAN:
            for _ in range(count):
                job = picks.pop()
                if status in ("hired", "interviewing", "offer"):
                    job["client_id"] = room_clients[len(room_jobs)]
                    room_jobs.append(job)
                if status in ("hired", "archived"):
                    job["status"] = "closed"
                elif status in ("submitted", "viewed", "interviewing", "offer"):
                    job["status"] = "open"
                job["proposals_count"] += 1
                created = datetime.fromisoformat(job["posted_at"].replace("Z", "+00:00")) + timedelta(
                    hours=rng.uniform(1, 30)
                )
                changed = created + (self.now - created) * rng.uniform(0.1, 0.6)
                bid = job["budget_cents"] or (job["hourly_min_cents"] + job["hourly_max_cents"]) // 2
                self.proposals.append(
                    {
                        "id": seeded_id(rng, "prp"),
                        "account_id": self.demo_id,
                        "job_id": job["id"],
                        "cover_letter": rng.choice(letters).format(
                            industry=rng.choice(corpus.INDUSTRIES),
                            years=rng.randint(4, 12),
                            skill=json.loads(job["skills"])[0],
                        ),
                        "bid_cents": _rounded(bid * rng.uniform(0.85, 1.05) / 100, 5) * 100,
                        "duration": rng.choice(corpus.DURATIONS),
                        "status": status,
                        "fee_rate": FEE_RATE,
                        "connects_spent": job["connects_required"],
                        "invited": 0,
                        "created_at": format_ts(created),
                        "updated_at": format_ts(max(changed, created)),
                    }
                )
        # Invitations: two pending, one accepted (it became the first "submitted" proposal), one declined.
        accepted = next(p for p in self.proposals if p["status"] == "submitted")
        accepted["invited"] = 1
        invitation_jobs = [
            (next(j for j in self.jobs if j["id"] == accepted["job_id"]), "accepted"),
            (picks.pop(), "pending"),
            (picks.pop(), "pending"),
            (picks.pop(), "declined"),
        ]
        for job, status in invitation_jobs:
            job["status"] = "open"
            created = self.ago(hours=rng.uniform(2, 120))
            self.invitations.append(
                {
                    "id": seeded_id(rng, "inv"),
                    "account_id": self.demo_id,
                    "job_id": job["id"],
                    "message": rng.choice(corpus.INVITATION_MESSAGES),
                    "status": status,
                    "created_at": format_ts(created),
                    "updated_at": format_ts(created + timedelta(hours=1) if status != "pending" else created),
                }
            )
        return room_jobs

    def _rooms(self, room_jobs: list[Json]) -> None:
        rng = self.rng
        clients = [a for a in self.accounts if a["role"] == "client"]
        hired = dict(PROPOSAL_PLAN)["hired"]
        for index, (client, job) in enumerate(zip(clients, room_jobs, strict=True)):
            room_id = seeded_id(rng, "room")
            freelancer_last = index % 2 == 0  # half the rooms wait for the client (the simulator answers)
            # Rooms of hired proposals hold a whole contract's talk; interviews and offers are still early.
            under_contract = index < hired
            length = rng.randint(20, 60) if under_contract else rng.randint(10, 16)
            script = self._conversation(length, freelancer_last, under_contract)
            start = self.ago(days=rng.uniform(6, 28))
            end = self.ago(minutes=rng.uniform(20, 600))
            moments = sorted(start + (end - start) * rng.random() for _ in script)
            company = next(c["name"] for c in self.clients if c["id"] == client["client_id"])
            names = {"client_first": client["name"].split()[0], "company": company}
            messages = []
            for (speaker, line), moment in zip(script, moments, strict=True):
                stamp = format_ts(moment)
                messages.append(
                    {
                        "id": seeded_id(rng, "msg"),
                        "room_id": room_id,
                        "sender_id": self.demo_id if speaker == "freelancer" else client["id"],
                        "body": line.format(**names),
                        "client_key": None,
                        "created_at": stamp,
                        "updated_at": stamp,
                        "attachments": "[]",
                    }
                )
            self.messages.extend(messages)
            self.rooms.append(
                {
                    "id": room_id,
                    "title": job["title"],
                    "job_id": job["id"],
                    "created_at": messages[0]["created_at"],
                }
            )
            # The freelancer has read up to a point that leaves 0–3 client messages unread.
            last_own = max(i for i, m in enumerate(messages) if m["sender_id"] == self.demo_id)
            read_upto = last_own if freelancer_last else rng.randint(last_own, len(messages) - 2)
            last_client = max(i for i, m in enumerate(messages) if m["sender_id"] == client["id"])
            for account_id, upto in (
                (self.demo_id, read_upto),
                (client["id"], max(last_client, len(messages) - 1)),
            ):
                mark = messages[upto]
                self.members.append(
                    {
                        "room_id": room_id,
                        "account_id": account_id,
                        "last_read_at": mark["created_at"],
                        "last_read_id": mark["id"],
                        "updated_at": messages[-1]["created_at"],
                    }
                )

    def _conversation(
        self, length: int, freelancer_last: bool, under_contract: bool
    ) -> list[tuple[str, str]]:
        """(speaker, line) pairs walking open -> scope -> progress -> wrap, mostly alternating speakers."""
        rng = self.rng
        phases = ["open"] * 2 + ["scope"] * max(2, length * 3 // 10)
        if under_contract:
            phases += ["progress"] * max(2, length - len(phases) - 3)
            phases += ["wrap"] * (length - len(phases))
        else:
            phases += ["scope"] * (length - len(phases))
        phases = phases[:length]
        pools: dict[tuple[str, str], list[str]] = {}
        script: list[tuple[str, str]] = []
        speaker = "client"
        for phase in phases:
            lines = corpus.CLIENT_LINES if speaker == "client" else corpus.FREELANCER_LINES
            pool = pools.setdefault((speaker, phase), [])
            if not pool:  # cycle through a shuffled pool so lines repeat as late as possible
                pool.extend(rng.sample(lines[phase], len(lines[phase])))
            script.append((speaker, pool.pop()))
            if rng.random() < 0.8:
                speaker = "freelancer" if speaker == "client" else "client"
        wanted_last = "freelancer" if freelancer_last else "client"
        if script[-1][0] != wanted_last:
            lines = corpus.FREELANCER_LINES if freelancer_last else corpus.CLIENT_LINES
            script.append((wanted_last, rng.choice(lines[phases[-1]])))
        if all(s == "client" for s, _ in script[:-1]) or all(s == "freelancer" for s, _ in script):
            script.insert(1, ("freelancer", corpus.FREELANCER_LINES["open"][0]))
        return script

    def _transactions(self, contract_jobs: list[Json]) -> None:
        """A year of weekly hourly earnings, milestones, bonuses and monthly withdrawals (fee math exact)."""
        rng = self.rng
        monday = (self.now - timedelta(days=self.now.weekday())).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        earnings: list[Json] = []

        def add(
            kind: str,
            gross: int,
            description: str,
            job_id: str | None,
            created: datetime,
            work_done: datetime,
        ) -> None:
            """`work_done`: when the billed period ended; clearing runs 5 days review + 5 days security."""
            fee = fee_cents(gross, FEE_RATE) if kind != "withdrawal" else 0
            row = {
                "id": seeded_id(rng, "txn"),
                "account_id": self.demo_id,
                "type": kind,
                "description": description,
                "job_id": job_id,
                "gross_cents": gross,
                "fee_cents": fee,
                "net_cents": gross - fee,
                "created_at": format_ts(created),
            }
            if kind == "withdrawal":
                row.update(status="completed", available_at=row["created_at"], updated_at=row["created_at"])
            elif work_done > self.now:
                row.update(status="in_progress", available_at=None, updated_at=row["created_at"])
            else:
                clears = work_done + timedelta(days=10)
                if self.now < work_done + timedelta(days=5):
                    status, changed = "in_review", created
                elif self.now < clears:
                    status, changed = "pending", work_done + timedelta(days=5)
                else:
                    status, changed = "available", clears
                row.update(
                    status=status, available_at=format_ts(clears), updated_at=format_ts(max(changed, created))
                )
            earnings.append(row)

        # Two earlier contracts (finished) plus the hired ones from the proposals (running now).
        # Their weeks overlap, so every month of the year has income.
        older = [j for j in self.jobs[: len(self.jobs) // 3] if j["job_type"] == "hourly"][:2]
        contracts: list[tuple[Json, int, int, int]] = []  # job, rate cents, first week back, last week back
        for job, (first, last) in zip(
            older,
            ((rng.randint(50, 52), rng.randint(26, 32)), (rng.randint(34, 38), rng.randint(8, 14))),
            strict=False,
        ):
            contracts.append((job, _rounded(rng.uniform(55, 95), 5) * 100, first, last))
        for i, job in enumerate(contract_jobs):
            # the longest-running one began before the second older contract ended: no empty month
            contracts.append((job, 8500, rng.randint(15, 17) if i == 0 else rng.randint(3, 12), 0))
        self.week_start = monday
        for job, rate, first, last in contracts:
            self.hourly_terms.append((job, rate, monday - timedelta(weeks=first),
                                      monday - timedelta(weeks=last - 1) if last > 0 else None))
            for weeks_back in range(first, last - 1, -1):
                week_start = monday - timedelta(weeks=weeks_back)
                week_end = week_start + timedelta(days=7)
                hours = round(rng.uniform(4, 32) * 4) / 4
                self.week_hours.setdefault(job["id"], []).append(hours)
                gross = round(hours * rate)
                created = (
                    week_end
                    if weeks_back > 0
                    else min(
                        self.now - timedelta(minutes=30), week_start + timedelta(days=rng.uniform(0.2, 1.5))
                    )
                )
                add(
                    "earning",
                    gross,
                    f"Hourly: {hours:g} hrs @ ${rate // 100}/hr — {job['title']}"
                    f" (week of {week_start:%b %d})",
                    job["id"],
                    created,
                    week_end,
                )
                if weeks_back > 0 and rng.random() < 0.06:
                    add(
                        "bonus",
                        _rounded(rng.uniform(50, 400), 25) * 100,
                        f"Bonus — {job['title']}",
                        job["id"],
                        week_end + timedelta(hours=3),
                        week_end,
                    )
        # Weekly clearing leaves "pending" empty on some weekdays; a recent bonus keeps every bucket alive.
        if contract_jobs:
            job = contract_jobs[0]
            bonus_day = self.ago(days=rng.uniform(5.5, 9.5))
            add(
                "bonus",
                _rounded(rng.uniform(100, 300), 25) * 100,
                f"Bonus — {job['title']}",
                job["id"],
                bonus_day,
                bonus_day,
            )
            # Late in the week last week's hours have left review already: a bonus from two days ago keeps
            # "in review" alive on any weekday.
            if not any(row["status"] == "in_review" for row in earnings):
                reviewed = self.ago(days=2)
                add("bonus", _rounded(rng.uniform(50, 200), 25) * 100, f"Bonus — {job['title']}",
                    job["id"], reviewed, reviewed)
        # A fixed-price contract paid in milestones along the year.
        fixed = next((j for j in self.jobs if j["job_type"] == "fixed"), self.jobs[0])
        self.fixed_job = fixed
        for number, weeks_back in enumerate((46, 38, 33, 20), start=1):
            approved = monday - timedelta(weeks=weeks_back, days=rng.randint(0, 4))
            add(
                "earning",
                _rounded(rng.uniform(600, 2400), 50) * 100,
                f"Milestone {number} approved — {fixed['title']}",
                fixed["id"],
                approved,
                approved,
            )
            self.fixed_payments.append(earnings[-1])
        earnings.sort(key=lambda row: (row["created_at"], row["id"]))
        # Monthly withdrawals of most of what was available at the time (balance never goes negative).
        withdrawals: list[Json] = []
        for months_back in range(12, -1, -1):
            year, month = divmod(self.now.year * 12 + self.now.month - 1 - months_back, 12)
            moment = datetime(year, month + 1, 3, 9, 30, tzinfo=UTC)
            if moment >= self.now or moment < self.now - timedelta(days=365):
                continue
            stamp = format_ts(moment)
            available = sum(
                e["net_cents"]
                for e in earnings
                if e["available_at"] and e["available_at"] <= stamp and e["status"] == "available"
            )
            available += sum(w["net_cents"] for w in withdrawals)
            amount = (available * rng.randint(70, 95) // 100) // 10000 * 10000
            if amount <= 0:
                continue
            withdrawals.append(
                {
                    "id": seeded_id(rng, "txn"),
                    "account_id": self.demo_id,
                    "type": "withdrawal",
                    "status": "completed",
                    "description": "Withdrawal to bank account ••••4821",
                    "job_id": None,
                    "gross_cents": -amount,
                    "fee_cents": 0,
                    "net_cents": -amount,
                    "created_at": stamp,
                    "available_at": stamp,
                    "updated_at": stamp,
                }
            )
        self.transactions = sorted(earnings + withdrawals, key=lambda row: (row["created_at"], row["id"]))
        for row in self.transactions:
            row.setdefault("status", "available")

    def _contracts(self) -> None:
        """The contracts behind the transactions: the two finished hourly ones, the three hired proposals
        (hourly, running, with this week's hours) and the fixed-price one paid in milestones, which goes on
        with a funded milestone and one still to fund."""
        rng = self.rng
        hired = {p["job_id"]: p["id"] for p in self.proposals if p["status"] == "hired"}
        rooms = {r["job_id"]: r["id"] for r in self.rooms}
        for job, rate, start, end in self.hourly_terms:
            weeks = self.week_hours.get(job["id"], [0.0])
            limit = next((hours for hours in WEEKLY_LIMITS if hours >= max(weeks)), WEEKLY_LIMITS[-1])
            running = end is None
            ended_at = None if running else format_ts(end)  # type: ignore[arg-type]
            self.contracts.append(
                {
                    "id": seeded_id(rng, "ctr"),
                    "account_id": self.demo_id,
                    "job_id": job["id"],
                    "proposal_id": hired.get(job["id"]),
                    "room_id": rooms.get(job["id"]),
                    "client_id": job["client_id"],
                    "title": job["title"],
                    "contract_type": "hourly",
                    "status": "active" if running else "ended",
                    "hourly_rate_cents": rate,
                    "weekly_limit_hours": limit,
                    "hours_this_week": f"{weeks[-1]:.2f}" if running else None,
                    "week_start": f"{self.week_start:%Y-%m-%d}" if running and self.week_start else None,
                    "fee_rate": FEE_RATE,
                    "started_at": format_ts(start),
                    "ended_at": ended_at,
                    "updated_at": format_ts(self.ago(minutes=rng.uniform(30, 600))) if running else ended_at,
                }
            )
        if self.fixed_job is None or not self.fixed_payments:
            return
        job = self.fixed_job
        contract_id = seeded_id(rng, "ctr")
        milestones: list[Json] = []
        for number, payment in enumerate(self.fixed_payments, start=1):
            approved = datetime.fromisoformat(payment["created_at"].replace("Z", "+00:00"))
            status = MONEY_TO_MILESTONE[payment["status"]]
            milestones.append(
                {
                    "id": seeded_id(rng, "mst"),
                    "contract_id": contract_id,
                    "position": number,
                    "description": corpus.MILESTONE_NAMES[number - 1],
                    "amount_cents": payment["gross_cents"],
                    "status": status,
                    "due_date": f"{approved - timedelta(days=rng.uniform(0, 3)):%Y-%m-%d}",
                    "transaction_id": payment["id"],
                    "funded_at": format_ts(approved - timedelta(days=rng.uniform(10, 20))),
                    "submitted_at": format_ts(approved - timedelta(days=rng.uniform(1, 4))),
                    "approved_at": format_ts(approved),
                    "paid_at": payment["available_at"] if status == "paid" else None,
                }
            )
        # The next milestone is funded (its money is work in progress); the last one waits to be funded.
        funded = self.ago(days=rng.uniform(2, 6))
        gross = _rounded(rng.uniform(600, 2400), 50) * 100
        fee = fee_cents(gross, FEE_RATE)
        number = len(milestones) + 1
        escrow = {
            "id": seeded_id(rng, "txn"),
            "account_id": self.demo_id,
            "type": "earning",
            "status": "in_progress",
            "description": f"Milestone {number} funded — {job['title']}",
            "job_id": job["id"],
            "gross_cents": gross,
            "fee_cents": fee,
            "net_cents": gross - fee,
            "created_at": format_ts(funded),
            "available_at": None,
            "updated_at": format_ts(funded),
        }
        self.transactions.append(escrow)
        blank = {"submitted_at": None, "approved_at": None, "paid_at": None}
        milestones.append(
            {
                "id": seeded_id(rng, "mst"),
                "contract_id": contract_id,
                "position": number,
                "description": corpus.MILESTONE_NAMES[number - 1],
                "amount_cents": gross,
                "status": "funded",
                "due_date": f"{self.now + timedelta(days=rng.uniform(4, 12)):%Y-%m-%d}",
                "transaction_id": escrow["id"],
                "funded_at": escrow["created_at"],
                **blank,
            }
        )
        milestones.append(
            {
                "id": seeded_id(rng, "mst"),
                "contract_id": contract_id,
                "position": number + 1,
                "description": corpus.MILESTONE_NAMES[number],
                "amount_cents": _rounded(rng.uniform(600, 2400), 50) * 100,
                "status": "unfunded",
                "due_date": f"{self.now + timedelta(days=rng.uniform(18, 30)):%Y-%m-%d}",
                "transaction_id": None,
                "funded_at": None,
                **blank,
            }
        )
        self.milestones.extend(milestones)
        self.contracts.append(
            {
                "id": contract_id,
                "account_id": self.demo_id,
                "job_id": job["id"],
                "proposal_id": hired.get(job["id"]),
                "room_id": rooms.get(job["id"]),
                "client_id": job["client_id"],
                "title": job["title"],
                "contract_type": "fixed",
                "status": "active",
                "hourly_rate_cents": None,
                "weekly_limit_hours": None,
                "hours_this_week": None,
                "week_start": None,
                "fee_rate": FEE_RATE,
                "started_at": milestones[0]["funded_at"],
                "ended_at": None,
                "updated_at": escrow["created_at"],
            }
        )

    def _saved_searches(self) -> None:
        """The demo freelancer's saved searches; clients have none."""
        rng = self.rng
        created = self.ago(days=rng.uniform(20, 28))
        for name, fields in DEMO_SAVED_SEARCHES:
            stamp = format_ts(created)
            self.saved_searches.append(
                {
                    "id": seeded_id(rng, "ss"),
                    "account_id": self.demo_id,
                    "name": name,
                    "query": saved_query_text(
                        SavedSearchQuery.model_validate(fields).model_dump(mode="json")
                    ),
                    "deleted": 0,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            created += timedelta(days=rng.uniform(3, 9))
