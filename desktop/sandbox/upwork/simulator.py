"""Keeps the Upwork sandbox alive: jobs arrive, clients answer the freelancer, proposals move, money clears.

`step()` is one deterministic change set (its own RNG stream of the seed, so the seeded world is the same with
or without simulation); `run_forever()` repeats it every `interval` seconds inside the server's loop.
Proposal moves follow Upwork's statuses: Pending -> Activated (client opened a conversation) or Declined,
Activated -> Offered or Declined, Offered -> Hired. Earnings whose transactionReviewDueDate has come become
"Available" (the security period of Upwork's payment help pages).
"""

from __future__ import annotations

import asyncio
import logging
import random
import threading
from dataclasses import dataclass, field
from datetime import datetime

from desktop.sandbox import corpus
from desktop.sandbox.clock import format_ts, utcnow

from .db import Database, Row
from .jobs import JobMaker
from .resolvers.messages import add_story

log = logging.getLogger("atelier.sandbox.upwork.simulator")

NEXT_STATUS = {
    "Pending": ("Activated", "Declined"),
    "Activated": ("Offered", "Declined"),
    "Offered": ("Hired",),
}
PROPOSAL_CHANCE = 0.35


@dataclass
class StepReport:
    new_jobs: list[str] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)  # story ids
    proposals: list[tuple[str, str]] = field(default_factory=list)  # (proposal id, new status)
    cleared: list[str] = field(default_factory=list)  # transaction record ids


class Simulator:
    def __init__(self, db: Database, seed: int = 7, interval: float = 5.0) -> None:
        self.db = db
        self.interval = interval
        self.rng = random.Random(f"upwork-simulator-{seed}")
        self._lock = threading.Lock()
        self._maker: JobMaker | None = None
        self.steps_taken = 0

    async def run_forever(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await asyncio.to_thread(self.step)
            except Exception:  # one failed step must not end the simulation
                log.exception("simulator step failed")

    def maker(self) -> JobMaker:
        if self._maker is None:
            orgs = [row["id"] for row in self.db.all("SELECT id FROM orgs WHERE kind = 'CLIENT' ORDER BY id")]
            self._maker = JobMaker(self.rng, orgs)
        return self._maker

    def step(self, now: datetime | None = None) -> StepReport:
        with self._lock:
            now = now or utcnow()
            report = StepReport()
            for _ in range(self.rng.choice((1, 1, 2))):
                report.new_jobs.append(self.new_job(now))
            report.replies.extend(self._replies(now))
            moved = self._move_proposal(now)
            if moved is not None:
                report.proposals.append(moved)
            report.cleared.extend(self._clear_money(now))
            self.steps_taken += 1
            return report

    def new_job(self, now: datetime, overrides: dict[str, object] | None = None) -> str:
        with self.db.transaction() as conn:
            return str(self.maker().insert(conn, now, overrides=overrides)["id"])

    def _replies(self, now: datetime) -> list[str]:
        ids: list[str] = []
        freelancers = {row["id"] for row in self.db.all("SELECT id FROM users WHERE kind = 'FREELANCER'")}
        for room in self.db.all("SELECT id FROM rooms WHERE read_only = 0 ORDER BY id"):
            latest = self.db.one(
                "SELECT user_id FROM stories WHERE room_id = ? ORDER BY created_at DESC, id DESC LIMIT 1",
                (room["id"],),
            )
            if latest is None or latest["user_id"] not in freelancers:
                continue
            client = self.client_in(room["id"])
            if client is not None:
                text = self.rng.choice(corpus.CLIENT_REPLIES)
                ids.append(
                    str(
                        add_story(self.db, room["id"], client, text, mark_read=False, at=format_ts(now))["id"]
                    )
                )
        return ids

    def client_in(self, room_id: str) -> Row | None:
        return self.db.one(
            "SELECT u.* FROM room_users r JOIN users u ON u.id = r.user_id "
            "WHERE r.room_id = ? AND u.kind = 'CLIENT' LIMIT 1",
            (room_id,),
        )

    def _move_proposal(self, now: datetime) -> tuple[str, str] | None:
        if self.rng.random() > PROPOSAL_CHANCE:
            return None
        rows = self.db.all(
            "SELECT id, status FROM proposals WHERE status IN ('Pending', 'Activated', 'Offered') "
            "ORDER BY modified_at, id LIMIT 1"
        )
        if not rows:
            return None
        row = rows[0]
        status = self.rng.choice(NEXT_STATUS[row["status"]])
        reason = "Client hired someone else" if status == "Declined" else None
        self.db.execute(
            "UPDATE proposals SET status = ?, reason = ?, modified_at = ? WHERE id = ?",
            (status, reason, format_ts(now), row["id"]),
        )
        return str(row["id"]), status

    def _clear_money(self, now: datetime) -> list[str]:
        today = format_ts(now)[:10]
        with self.db.transaction() as conn:
            ids = [
                str(r[0])
                for r in conn.execute(
                    "SELECT record_id FROM transactions WHERE status = 'Pending' AND review_due <= ?",
                    (today,),
                )
            ]
            conn.execute(
                "UPDATE transactions SET status = 'Available', fully_paid_at = ? "
                "WHERE status = 'Pending' AND review_due <= ?",
                (format_ts(now), today),
            )
        return ids
