"""Makes the demo marketplace alive at the pace of a real freelancer's week, compressed by one factor.

The marketplace's rhythm is written in simulated time (the constants below): a handful of new jobs an hour,
a few invitations a day that lapse after four days, proposals that move over hours and days, clients who
answer within minutes to hours, and money that clears on the marketplace's schedule (work in progress →
5 days in review → 5 days pending → available), plus weekly invoices for the running contracts, bonuses and
milestones on other days, and a monthly withdrawal with the month's Connects.
`pace` is how many simulated seconds pass per real second: 60 (the default) plays a week in about 2.8 hours,
1 is real time, and tests use thousands (or call `advance()` with a simulated duration directly).

Every count stays in a realistic range however long it runs: the number of open jobs stays where the seed
put it (the oldest close as new ones arrive), pending invitations are capped and lapse, contracts are capped,
and the freelancer keeps a few proposals going (she answers an invitation or applies from her phone when
fewer than three are active).

What the simulator has decided (when the next job arrives, when each proposal moves, when each payment
clears) is kept in the database's meta table with the simulated clock, so a restart on the same file resumes
the same week; each run draws from its own random stream, so new ids never collide with earlier runs'.

Runs as an asyncio task inside the server's loop (started by the app's lifespan when enabled). Every change
is also a plain method, so tests can force exactly the change they want from their own thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import math
import random
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from . import corpus
from .config import DEFAULT_PACE, DEFAULT_SIM_INTERVAL
from .money import cents_to_text, text_to_cents
from .seed import DEMO_EMAIL, FREELANCER_CATEGORIES, JobFactory
from .store import FINAL_PROPOSAL_STATUSES, PROPOSAL_LIFECYCLE, Store

log = logging.getLogger("atelier.sandbox.simulator")

Json = dict[str, Any]

MINUTE = 60.0
HOUR = 60 * MINUTE
DAY = 24 * HOUR
WEEK = 7 * DAY

JOBS_PER_HOUR = 4.0
INVITATIONS_PER_DAY = 2.5
MAX_PENDING_INVITATIONS = 8
INVITATION_LIFETIME = 4 * DAY  # unanswered, the invitation expires
APPLICATIONS_PER_DAY = 1.0
APPLY_AGAIN_WITHIN = 2 * HOUR  # simulated seconds: she applies again soon once fewer than three are going
EXTRA_PAYMENTS_PER_DAY = 0.3  # a bonus or an approved milestone, any day of the week
MIN_ACTIVE_PROPOSALS = 3
REVIEW_PERIOD = 5 * DAY  # the client's review of billed hours, then…
SECURITY_PERIOD = 5 * DAY  # …the marketplace's security period before the money is available
MAX_CONTRACTS = 3
MILESTONE_WORK = (3 * DAY, 14 * DAY)  # a funded milestone's work is submitted within this
WEEKLY_LIMITS = (10, 20, 30, 40)  # hours a week a new hourly contract allows
MONTHLY_CONNECTS = 100
MAX_CONNECTS = 300
REPLY_MEDIAN = 40 * MINUTE
REPLY_RANGE = (3 * MINUTE, 8 * HOUR)
CHECK_IN_RANGE = (1.5 * DAY, 5 * DAY)  # a client writes first again in a quiet room
MAX_CATCH_UP = 30.0  # real seconds: a suspended laptop does not fast-forward the marketplace by days
STATE_KEY = "simulator"

# status -> (weight, next status, earliest, latest) in simulated seconds; one outcome is drawn per status.
PROPOSAL_MOVES: dict[str, tuple[tuple[int, str, float, float], ...]] = {
    "submitted": ((70, "viewed", 2 * HOUR, 36 * HOUR), (30, "archived", 7 * DAY, 14 * DAY)),
    "viewed": (
        (45, "interviewing", 6 * HOUR, 3 * DAY),
        (35, "declined", 1 * DAY, 5 * DAY),
        (20, "archived", 10 * DAY, 20 * DAY),
    ),
    "interviewing": (
        (45, "offer", 1 * DAY, 5 * DAY),
        (35, "declined", 2 * DAY, 7 * DAY),
        (20, "archived", 14 * DAY, 21 * DAY),
    ),
    "offer": ((85, "hired", 4 * HOUR, 2 * DAY), (15, "declined", 1 * DAY, 3 * DAY)),
}
NEXT_MONEY_STATUS = {"in_progress": "in_review", "in_review": "pending", "pending": "available"}
MONEY_PERIOD = {"in_review": REVIEW_PERIOD, "pending": SECURITY_PERIOD}


@dataclass
class Plan:
    """What the simulator has decided and not done yet, in simulated epoch seconds (kept in meta)."""

    run: int = 0
    now: float = 0.0
    arrivals: dict[str, float] = field(default_factory=dict)  # "job", "invitation", ... -> next time
    due: dict[str, tuple[float, str]] = field(default_factory=dict)  # entity key -> (when, what)
    open_target: int = 0  # open jobs in the feed: the seed's count, kept
    contracts: list[Json] = field(default_factory=list)  # running hourly contracts: job_id, title, rate_cents

    def dumps(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def loads(cls, text: str) -> Plan:
        raw = json.loads(text)
        return cls(
            run=int(raw["run"]),
            now=float(raw["now"]),
            arrivals={str(k): float(v) for k, v in raw["arrivals"].items()},
            due={str(k): (float(v[0]), str(v[1])) for k, v in raw["due"].items()},
            open_target=int(raw["open_target"]),
            contracts=list(raw["contracts"]),
        )


def sim_datetime(moment: float) -> datetime:
    return datetime.fromtimestamp(moment, UTC)


def next_monday_morning(moment: float) -> float:
    """Invoices for last week's hours go out on Monday at 06:00 (simulated)."""
    day = sim_datetime(moment).replace(hour=6, minute=0, second=0, microsecond=0)
    day -= timedelta(days=day.weekday())
    while day.timestamp() <= moment:
        day += timedelta(days=7)
    return day.timestamp()


def next_third_of_month(moment: float) -> float:
    """Withdrawals and the Connects allowance: the 3rd of each month, 09:30 (simulated)."""
    current = sim_datetime(moment)
    year, month = current.year, current.month
    while True:
        candidate = datetime(year, month, 3, 9, 30, tzinfo=UTC)
        if candidate.timestamp() > moment:
            return candidate.timestamp()
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


class Simulator:
    def __init__(
        self,
        store: Store,
        seed: int = 7,
        interval: float = DEFAULT_SIM_INTERVAL,
        pace: float = DEFAULT_PACE,
    ) -> None:
        if not pace > 0 or math.isinf(pace):
            raise ValueError(f"pace must be a positive number of simulated seconds per second, got {pace}")
        if not interval > 0:
            raise ValueError(f"interval must be a positive number of seconds, got {interval}")
        self.store = store
        self.seed = seed
        self.interval = interval
        self.pace = pace
        self._lock = threading.RLock()  # changes come from the loop and from test threads
        self._task: asyncio.Task[None] | None = None
        self._plan: Plan | None = None
        self._rng: random.Random | None = None
        self._job_factory: JobFactory | None = None
        self.steps_taken = 0

    # ---- lifecycle (inside the server loop) -----------------------------------------------------------

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run(), name="sandbox-simulator")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def _run(self) -> None:
        last = time.monotonic()
        while True:
            await asyncio.sleep(self.interval)
            current = time.monotonic()
            elapsed, last = min(current - last, max(MAX_CATCH_UP, 2 * self.interval)), current
            try:
                self.advance(elapsed * self.pace)
            except Exception:  # one bad step must not end the simulation
                log.exception("simulator step failed")

    # ---- the plan and the simulated clock ---------------------------------------------------------------

    @property
    def rng(self) -> random.Random:
        """This run's own random stream (the seed data stays the same whether or not the simulator runs)."""
        self.plan()
        assert self._rng is not None
        return self._rng

    @property
    def now(self) -> float:
        """The simulated clock, epoch seconds (it starts at the wall clock and runs `pace` times faster)."""
        return self.plan().now

    def plan(self) -> Plan:
        with self._lock:
            if self._plan is None:
                stored = self.store.get_meta(STATE_KEY)
                plan = None
                if stored is not None:
                    try:
                        plan = Plan.loads(stored)
                    except (ValueError, KeyError, TypeError, IndexError) as exc:
                        log.warning("simulator state unreadable (%s); starting a new plan", exc)
                previous_run = plan.run if plan is not None else -1
                if plan is None:
                    plan = Plan(now=time.time())
                plan.run = previous_run + 1
                self._plan = plan
                self._rng = random.Random(f"simulator-{self.seed}-{plan.run}")
                if not plan.arrivals:
                    self._begin(plan)
                self._save()
            return self._plan

    def _begin(self, plan: Plan) -> None:
        """The first run on a database: the seed's world is where the plan starts from."""
        now = plan.now
        plan.arrivals = {
            "job": now + self._exponential(JOBS_PER_HOUR / HOUR),
            "invitation": now + self._exponential(INVITATIONS_PER_DAY / DAY),
            "application": now + self._exponential(APPLICATIONS_PER_DAY / DAY),
            "extra_payment": now + self._exponential(EXTRA_PAYMENTS_PER_DAY / DAY),
            "invoices": next_monday_morning(now),
            "month": next_third_of_month(now),
        }
        plan.open_target = self._open_job_count()
        account_id = self.demo_account_id()
        rate = self._account_rate(account_id)
        plan.contracts = [
            {"contract_id": row["id"], "job_id": row["job_id"], "title": row["title"],
             "rate_cents": row["hourly_rate_cents"] or rate}
            for row in self.store.query(
                "SELECT id, job_id, title, hourly_rate_cents FROM contracts WHERE account_id = ?"
                " AND status = 'active' AND contract_type = 'hourly' ORDER BY started_at, id",
                (account_id,),
            )
        ][-MAX_CONTRACTS:]

    def _save(self) -> None:
        if self._plan is not None:
            self.store.set_meta(STATE_KEY, self._plan.dumps())

    def _exponential(self, rate_per_second: float) -> float:
        assert self._rng is not None
        return self._rng.expovariate(rate_per_second)

    def advance(self, seconds: float) -> list[str]:
        """Let `seconds` of simulated time pass: do everything that falls due, in order; returns the event
        types caused (e.g. ["job.created", "message.created"])."""
        with self._lock:
            plan = self.plan()
            end = plan.now + max(0.0, seconds)
            happened: list[str] = []
            while True:
                when, action = self._next_happening()
                if when > end:
                    break
                plan.now = max(plan.now, when)
                outcome = action()
                if outcome is not None:
                    happened.append(outcome)
                    self.steps_taken += 1
            plan.now = end
            self._save()
            return happened

    def step(self) -> str:
        """Jump the simulated clock to the next thing that happens and do it; returns its event type."""
        with self._lock:
            plan = self.plan()
            for _ in range(10_000):
                when, action = self._next_happening()
                plan.now = max(plan.now, when)
                outcome = action()
                if outcome is not None:
                    self.steps_taken += 1
                    self._save()
                    return outcome
            raise RuntimeError("the simulation has nothing left to do")  # never: jobs always arrive

    def _next_happening(self) -> tuple[float, Callable[[], str | None]]:
        plan = self.plan()
        self._observe()
        kind, when = min(plan.arrivals.items(), key=lambda item: (item[1], item[0]))
        candidates: list[tuple[float, str, Callable[[], str | None]]] = [
            (when, f"arrival:{kind}", lambda: self._arrive(kind))
        ]
        if plan.due:
            key, (due_when, what) = min(plan.due.items(), key=lambda item: (item[1][0], item[0]))
            candidates.append((due_when, key, lambda: self._fall_due(key, what)))
        moment, _key, action = min(candidates, key=lambda item: (item[0], item[1]))
        return moment, action

    # ---- looking at the world: every live thing gets a time when it changes --------------------------

    def _observe(self) -> None:
        """Plan a moment for what is new (a proposal just sent, a message the client has to answer…);
        forget plans for what changed meanwhile (the user withdrew, declined, wrote again)."""
        plan = self.plan()
        rng = self.rng
        now = plan.now
        account_id = self.demo_account_id()
        live: dict[str, tuple[float, str]] = {}

        def keep(key: str, make: Callable[[], tuple[float, str]]) -> None:
            live[key] = plan.due[key] if key in plan.due else make()

        def proposal_move(status: str) -> tuple[float, str]:
            moves = PROPOSAL_MOVES[status]
            _weight, target, earliest, latest = rng.choices(moves, weights=[m[0] for m in moves])[0]
            return now + rng.uniform(earliest, latest), target

        def somewhere_within(period: float, what: str) -> tuple[float, str]:
            """Already on its way when first seen (the seed's money and invitations)."""
            return now + rng.uniform(0.05, 1.0) * period, what

        def reply() -> tuple[float, str]:
            return now + self._reply_delay(), "reply"

        def check_in() -> tuple[float, str]:
            return now + rng.uniform(*CHECK_IN_RANGE), "check_in"

        placeholders = ", ".join("?" for _ in FINAL_PROPOSAL_STATUSES)
        going = self.store.query(
            f"SELECT id, status FROM proposals WHERE account_id = ? AND status NOT IN ({placeholders})",
            (account_id, *sorted(FINAL_PROPOSAL_STATUSES)),
        )
        for row in going:
            if row["status"] in PROPOSAL_MOVES:
                keep(f"proposal:{row['id']}:{row['status']}", functools.partial(proposal_move, row["status"]))
        if len(going) < MIN_ACTIVE_PROPOSALS:
            # Down to two proposals going, she applies again within a couple of hours (not on the once-a-day
            # rhythm of spontaneous applications): the pane is never left without an active proposal.
            plan.arrivals["application"] = min(plan.arrivals["application"], now + APPLY_AGAIN_WITHIN)
        def submitted_within(period: tuple[float, float]) -> tuple[float, str]:
            return now + rng.uniform(*period), "advance"

        funded_milestones = {
            row["transaction_id"]
            for row in self.store.query(
                "SELECT m.transaction_id FROM milestones m JOIN contracts k ON k.id = m.contract_id"
                " WHERE k.account_id = ? AND m.status = 'funded'",
                (account_id,),
            )
        }
        for row in self.store.query(
            "SELECT id, status FROM transactions WHERE account_id = ?"
            " AND status IN ('in_progress', 'in_review', 'pending')",
            (account_id,),
        ):
            key = f"money:{row['id']}:{row['status']}"
            if row["status"] == "in_progress":  # weekly hours go to review with the Monday invoices
                if key in plan.due:  # a milestone, planned when the contract began
                    live[key] = plan.due[key]
                elif row["id"] in funded_milestones:  # the work is submitted within days
                    keep(key, functools.partial(submitted_within, MILESTONE_WORK))
                continue
            keep(key, functools.partial(somewhere_within, MONEY_PERIOD[row["status"]], "advance"))
        for row in self.store.query(
            "SELECT id FROM invitations WHERE account_id = ? AND status = 'pending'", (account_id,)
        ):
            keep(f"invitation:{row['id']}", functools.partial(somewhere_within, INVITATION_LIFETIME, "lapse"))
        for row in self.store.query(
            "SELECT rm.room_id, m.id AS message_id, m.sender_id FROM room_members rm"
            " JOIN messages m ON m.id = (SELECT id FROM messages WHERE room_id = rm.room_id"
            " ORDER BY created_at DESC, id DESC LIMIT 1) WHERE rm.account_id = ?",
            (account_id,),
        ):
            key = f"room:{row['room_id']}:{row['message_id']}"
            keep(key, reply if row["sender_id"] == account_id else check_in)
        plan.due = live

    def _reply_delay(self) -> float:
        """Minutes to hours: most clients answer within the hour, some the same afternoon."""
        delay = self.rng.lognormvariate(math.log(REPLY_MEDIAN), 1.0)
        return min(REPLY_RANGE[1], max(REPLY_RANGE[0], delay))

    # ---- what happens -----------------------------------------------------------------------------------

    def _arrive(self, kind: str) -> str | None:
        plan = self.plan()
        now = plan.now
        if kind == "job":
            plan.arrivals[kind] = now + self._exponential(JOBS_PER_HOUR / HOUR)
            self.add_job()
            self._close_jobs_beyond(plan.open_target)
            return "job.created"
        if kind == "invitation":
            plan.arrivals[kind] = now + self._exponential(INVITATIONS_PER_DAY / DAY)
            return None if self._invite_if_room() is None else "invitation.created"
        if kind == "application":
            plan.arrivals[kind] = now + self._exponential(APPLICATIONS_PER_DAY / DAY)
            return None if self._apply_if_few_active() is None else "proposal.updated"
        if kind == "extra_payment":
            plan.arrivals[kind] = now + self._exponential(EXTRA_PAYMENTS_PER_DAY / DAY)
            return self._extra_payment()
        if kind == "invoices":
            plan.arrivals[kind] = next_monday_morning(now)
            return self._weekly_invoices()
        if kind == "month":
            plan.arrivals[kind] = next_third_of_month(now)
            return self._monthly()
        raise ValueError(f"unknown arrival {kind!r}")

    def _fall_due(self, key: str, what: str) -> str | None:
        plan = self.plan()
        plan.due.pop(key, None)
        entity, entity_id, *rest = key.split(":")
        account_id = self.demo_account_id()
        if entity == "proposal":
            proposal = self.store.set_proposal_status(entity_id, what)
            if what == "hired":
                self._contract_begins(proposal)
            return "proposal.updated"
        if entity == "money":
            moved = self.store.advance_transaction(entity_id)
            period = MONEY_PERIOD.get(moved["status"])
            if period is not None:
                plan.due[f"money:{entity_id}:{moved['status']}"] = (plan.now + period, "advance")
            return "transaction.updated"
        if entity == "invitation":
            self.store.expire_invitation(account_id, entity_id)
            return "invitation.updated"
        if entity == "room":
            lines = corpus.CLIENT_REPLIES if what == "reply" else corpus.CLIENT_CHECK_INS
            self.post_client_message(entity_id, self.rng.choice(lines))
            return "message.created"
        raise ValueError(f"unknown plan {key!r} ({rest})")

    def _close_jobs_beyond(self, target: int) -> None:
        """The oldest open jobs stop taking proposals, down to the seed's number of open jobs (jobs the
        freelancer applied to or is invited to stay open while that is going on)."""
        extra = self._open_job_count() - target
        if extra <= 0:
            return
        placeholders = ", ".join("?" for _ in FINAL_PROPOSAL_STATUSES)
        for row in self.store.query(
            "SELECT j.id FROM jobs j WHERE j.status = 'open'"
            " AND NOT EXISTS (SELECT 1 FROM proposals p WHERE p.job_id = j.id"
            f" AND p.status NOT IN ({placeholders}))"
            " AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.job_id = j.id AND i.status = 'pending')"
            " ORDER BY j.posted_at, j.id LIMIT ?",
            (*sorted(FINAL_PROPOSAL_STATUSES), extra),
        ):
            self.store.update_job(row["id"], status="closed")

    def _open_job_count(self) -> int:
        return int(self.store.query("SELECT COUNT(*) FROM jobs WHERE status = 'open'")[0][0])

    def _fresh_job_in_her_field(self, account_id: str, max_connects: int | None = None) -> Json | None:
        """The newest open job in the freelancer's field she has neither applied to nor been invited to."""
        categories = sorted(FREELANCER_CATEGORIES)
        rows = self.store.query(
            "SELECT j.* FROM jobs j WHERE j.status = 'open'"
            f" AND j.category IN ({', '.join('?' for _ in categories)}) AND j.connects_required <= ?"
            " AND NOT EXISTS (SELECT 1 FROM proposals p WHERE p.job_id = j.id AND p.account_id = ?)"
            " AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.job_id = j.id AND i.account_id = ?)"
            " ORDER BY j.posted_at DESC, j.id DESC LIMIT 1",
            (*categories, max_connects if max_connects is not None else 1_000_000, account_id, account_id),
        )
        return dict(rows[0]) if rows else None

    def _invite_if_room(self) -> Json | None:
        """A client invites the freelancer to a fresh job in her field, unless eight invitations wait."""
        account_id = self.demo_account_id()
        pending = self.store.query(
            "SELECT COUNT(*) FROM invitations WHERE account_id = ? AND status = 'pending'", (account_id,)
        )[0][0]
        if pending >= MAX_PENDING_INVITATIONS:
            return None
        return self.invite()

    def _apply_if_few_active(self) -> Json | None:
        """With fewer than three proposals going, the freelancer answers an invitation or applies to a fresh
        job in her field (from her phone)."""
        account_id = self.demo_account_id()
        placeholders = ", ".join("?" for _ in FINAL_PROPOSAL_STATUSES)
        active = self.store.query(
            f"SELECT COUNT(*) FROM proposals WHERE account_id = ? AND status NOT IN ({placeholders})",
            (account_id, *sorted(FINAL_PROPOSAL_STATUSES)),
        )[0][0]
        account = self.store.account_by_id(account_id)
        if active >= MIN_ACTIVE_PROPOSALS or account is None:
            return None
        connects = int(self.store.query("SELECT connects FROM accounts WHERE id = ?", (account_id,))[0][0])
        invited = self.store.query(  # an invitation is the first thing she answers
            "SELECT j.* FROM invitations i JOIN jobs j ON j.id = i.job_id WHERE i.account_id = ?"
            " AND i.status = 'pending' AND j.status = 'open' AND j.connects_required <= ?"
            " ORDER BY i.created_at DESC, i.id DESC LIMIT 1",
            (account_id, connects),
        )
        job = dict(invited[0]) if invited else self._fresh_job_in_her_field(account_id, max_connects=connects)
        if job is None:
            return None
        rng = self.rng
        rate = self._account_rate(account_id)
        if job["job_type"] == "hourly":
            bid = min(max(rate, job["hourly_min_cents"]), job["hourly_max_cents"])
        else:
            bid = max(500, round(job["budget_cents"] * rng.uniform(0.85, 1.0) / 500) * 500)
        skills = json.loads(job["skills"])
        payload = {
            "job_id": job["id"],
            "cover_letter": rng.choice(corpus.COVER_LETTERS).format(
                industry=rng.choice(corpus.INDUSTRIES), years=rng.randint(6, 10), skill=skills[0]
            ),
            "bid": {"amount": cents_to_text(bid), "currency": "USD"},
            "duration": job["duration"],
            # she answers what the client asks (every question, or the proposal is refused)
            "answers": [{"question_id": q["id"], "answer": rng.choice(corpus.SCREENING_ANSWERS)}
                        for q in json.loads(job.get("screening_questions") or "[]")],
        }
        return self.store.create_proposal(account, payload, None).body

    def _account_rate(self, account_id: str) -> int:
        rows = self.store.query("SELECT hourly_rate_cents FROM accounts WHERE id = ?", (account_id,))
        return int(rows[0][0]) if rows and rows[0][0] else 8500

    def _contract_begins(self, proposal: Json) -> None:
        """Hired: an hourly contract is invoiced every Monday; a fixed price is paid in one to three
        milestones, the first funded at once, each submitted days later and approved after the client's
        review (which funds the next). At most three hourly contracts run at once (the oldest one ends)."""
        plan = self.plan()
        job = self.store.get_job(proposal["job_id"])
        if job is None:
            return
        rng = self.rng
        bid_cents = text_to_cents(proposal["bid"]["amount"])
        account_id = self.demo_account_id()
        if job["job_type"] == "hourly":
            contract = self.store.create_contract(
                account_id, job["id"], proposal_id=proposal["id"], contract_type="hourly",
                hourly_rate_cents=bid_cents, weekly_limit_hours=rng.choice(WEEKLY_LIMITS),
            )
            plan.contracts.append({"contract_id": contract["id"], "job_id": job["id"], "title": job["title"],
                                   "rate_cents": bid_cents})
            for ended in plan.contracts[:-MAX_CONTRACTS]:
                self._end_contract(ended)
            del plan.contracts[:-MAX_CONTRACTS]
            return
        count = 1 if bid_cents < 100_000 else rng.randint(2, 3)
        shares = [bid_cents // count] * count
        shares[-1] += bid_cents - sum(shares)
        names = corpus.MILESTONE_NAMES  # in the order the work goes
        milestones = []
        due = sim_datetime(plan.now)
        for number, share in enumerate(shares, start=1):
            due += timedelta(days=rng.uniform(7, 21))
            milestones.append((names[number - 1], share, f"{due:%Y-%m-%d}"))
        self.store.create_contract(
            account_id, job["id"], proposal_id=proposal["id"], contract_type="fixed", milestones=milestones
        )

    def _end_contract(self, contract: Json) -> None:
        contract_id = contract.get("contract_id") or self.store.active_contract_for_job(
            self.demo_account_id(), str(contract["job_id"])
        )
        if contract_id:
            self.store.end_contract(str(contract_id))

    def _weekly_invoices(self) -> str | None:
        """Monday: last week's hours go to the client's review; this week's work starts."""
        plan = self.plan()
        account_id = self.demo_account_id()
        outcome = None
        for row in self.store.query(
            "SELECT id FROM transactions WHERE account_id = ? AND status = 'in_progress'"
            " ORDER BY created_at, id",
            (account_id,),
        ):
            if f"money:{row['id']}:in_progress" in plan.due:
                continue  # a milestone: it has its own day
            self.store.advance_transaction(row["id"])
            plan.due[f"money:{row['id']}:in_review"] = (plan.now + REVIEW_PERIOD, "advance")
            outcome = "transaction.updated"
        week_start = f"{sim_datetime(plan.now):%Y-%m-%d}"
        for contract in plan.contracts:
            hours = round(self.rng.uniform(8, 32) * 4) / 4
            rate = int(contract["rate_cents"])
            contract_id = contract.get("contract_id") or self.store.active_contract_for_job(
                account_id, str(contract["job_id"])
            )
            if contract_id:
                limit = self.store.query(
                    "SELECT weekly_limit_hours FROM contracts WHERE id = ?", (contract_id,)
                )
                if limit and limit[0][0]:
                    hours = min(hours, float(limit[0][0]))
                self.store.log_week_hours(str(contract_id), f"{hours:.2f}", week_start)
            self.store.add_earning(
                account_id,
                "earning",
                round(hours * rate),
                f"Hourly: {hours:g} hrs @ ${rate / 100:g}/hr — {contract['title']}",
                contract["job_id"],
            )
            outcome = "transaction.updated"
        return outcome

    def _extra_payment(self) -> str | None:
        """A client of a running contract sends a bonus (straight into the security period) or approves a
        fixed-price milestone (into review): money arrives on other days than Monday too."""
        plan = self.plan()
        if not plan.contracts:
            return None
        rng = self.rng
        contract = rng.choice(plan.contracts)
        if rng.random() < 0.5:
            kind, status, period = "bonus", "pending", SECURITY_PERIOD
            gross = round(rng.uniform(50, 400) / 25) * 2500
            description = f"Bonus — {contract['title']}"
        else:
            kind, status, period = "earning", "in_review", REVIEW_PERIOD
            gross = round(rng.uniform(400, 2000) / 50) * 5000
            description = f"Milestone approved — {contract['title']}"
        payment = self.store.add_earning(
            self.demo_account_id(), kind, gross, description, contract["job_id"], status=status
        )
        plan.due[f"money:{payment['id']}:{status}"] = (plan.now + period, "advance")
        return "transaction.updated"

    def _monthly(self) -> str | None:
        """The 3rd: most of the available balance goes to the bank; the Connects allowance arrives."""
        account_id = self.demo_account_id()
        connects = int(self.store.query("SELECT connects FROM accounts WHERE id = ?", (account_id,))[0][0])
        if connects < MAX_CONNECTS:
            self.store.add_connects(account_id, min(MONTHLY_CONNECTS, MAX_CONNECTS - connects))
        available = int(
            self.store.query(
                "SELECT COALESCE(SUM(net_cents), 0) FROM transactions WHERE account_id = ?"
                " AND status IN ('available', 'completed')",
                (account_id,),
            )[0][0]
        )
        amount = available * self.rng.randint(70, 95) // 100 // 10000 * 10000
        if amount < 10000:
            return None
        self.store.add_earning(
            account_id, "withdrawal", -amount, "Withdrawal to bank account ••••4821", None, status="completed"
        )
        return "transaction.updated"

    # ---- single changes tests can ask for ---------------------------------------------------------------

    def demo_account_id(self) -> str:
        account_id = self.store.get_meta("demo_account_id")
        if account_id is None:
            account = self.store.account_by_email(DEMO_EMAIL)
            if account is None:
                raise LookupError("the sandbox database has no demo freelancer (was it seeded?)")
            account_id = account.id
        return account_id

    def add_job(self) -> Json:
        """A new job is posted now (job.created to everyone, job.matched to owners of saved searches)."""
        if self._job_factory is None:
            client_ids = self.store.client_ids()
            self._job_factory = JobFactory(self.rng, client_ids)
        return self.store.insert_job(self._job_factory.make())
    def post_client_message(self, room_id: str, body: str | None = None) -> Json:
        """The room's client writes `body` (or a typical reply)."""
        clients = [member for member in self.store.room_members(room_id) if member.role == "client"]
        if not clients:
            raise LookupError(f"room {room_id} has no client participant")
        return self.store.add_message(room_id, clients[0].id, body or self.rng.choice(corpus.CLIENT_REPLIES))

    def reply_to_waiting_room(self) -> Json | None:
        """A client answers in a room where the freelancer wrote last (None when no room is waiting)."""
        waiting = self.store.rooms_awaiting_client(self.demo_account_id())
        if not waiting:
            return None
        room_id, _client_id = self.rng.choice(waiting)
        return self.post_client_message(room_id)

    def advance_proposal(self, proposal_id: str | None = None, *, allow_decline: bool = False) -> Json | None:
        """Move a proposal one stage along submitted -> viewed -> interviewing -> offer -> hired.

        Without an id the oldest active proposal moves; `allow_decline` lets the client decline it instead
        (the random simulation does that sometimes; tests asking for a specific move get no surprises).
        """
        if proposal_id is None:
            active = self.store.active_proposal_ids()
            if not active:
                return None
            proposal_id = active[0]
        status = self.store.proposal_status(proposal_id)
        if status is None:
            raise LookupError(f"proposal {proposal_id} does not exist")
        if status not in PROPOSAL_LIFECYCLE[:-1]:
            return None  # final already
        if allow_decline and self.rng.random() < 0.2:
            return self.store.set_proposal_status(proposal_id, "declined")
        following = PROPOSAL_LIFECYCLE[PROPOSAL_LIFECYCLE.index(status) + 1]
        return self.store.set_proposal_status(proposal_id, following)

    def invite(self) -> Json | None:
        """A client invites the freelancer to a fresh job in her field (invitation.created); unanswered, the
        invitation lapses four simulated days later."""
        with self._lock:
            account_id = self.demo_account_id()
            job = self._fresh_job_in_her_field(account_id)
            if job is None:
                return None
            invitation = self.store.create_invitation(
                account_id, job["id"], self.rng.choice(corpus.INVITATION_MESSAGES)
            )
            self.plan().due[f"invitation:{invitation['id']}"] = (self.now + INVITATION_LIFETIME, "lapse")
            self._save()
            return invitation

    def close_oldest_job(self) -> Json | None:
        """The oldest open job stops taking proposals (job.updated to everyone)."""
        job_id = self.store.oldest_open_job_id()
        return None if job_id is None else self.store.update_job(job_id, status="closed")

    def clear_money(self) -> Json | None:
        """The oldest money under review or pending moves one stage towards available."""
        unsettled = self.store.unsettled_transaction_ids(self.demo_account_id())
        if not unsettled:
            return None
        return self.store.advance_transaction(unsettled[0])
