"""Makes the demo marketplace alive: jobs arrive, clients reply, proposals move, money clears.

Runs as an asyncio task inside the server's loop (started by the app's lifespan when enabled). Every step is
also a plain method, so tests can force exactly the change they want from their own thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import threading
from typing import Any

from . import corpus
from .seed import DEMO_EMAIL, JobFactory
from .store import PROPOSAL_LIFECYCLE, Store

log = logging.getLogger("atelier.sandbox.simulator")

Json = dict[str, Any]


class Simulator:
    def __init__(self, store: Store, seed: int = 7, interval: float = 4.0) -> None:
        self.store = store
        self.interval = interval
        # Its own stream of the seed: the seed data stays the same whether or not the simulator runs.
        self.rng = random.Random(f"simulator-{seed}")
        self._step_lock = threading.Lock()  # steps come from the loop and from test threads
        self._task: asyncio.Task[None] | None = None
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
        while True:
            await asyncio.sleep(self.interval)
            try:
                self.step()
            except Exception:  # one bad step must not end the simulation
                log.exception("simulator step failed")

    # ---- steps ------------------------------------------------------------------------------------------

    def step(self) -> str:
        """One random change; returns the event type it caused (e.g. "job.created").

        Mostly new jobs and client replies, sometimes proposal moves and money clearing, rarely an invitation
        or a job closing; a step that finds nothing to do posts a new job instead.
        """
        with self._step_lock:
            self.steps_taken += 1
            choice = self.rng.choices(
                ("job", "reply", "proposal", "money", "invite", "close"), weights=(8, 6, 4, 4, 1, 1)
            )[0]
            if choice == "reply" and self.reply_to_waiting_room() is not None:
                return "message.created"
            if choice == "proposal" and self.advance_proposal(allow_decline=True) is not None:
                return "proposal.updated"
            if choice == "money" and self.clear_money() is not None:
                return "transaction.updated"
            if choice == "invite" and self.invite() is not None:
                return "invitation.created"
            if choice == "close" and self.close_oldest_job() is not None:
                return "job.updated"
            self.add_job()
            return "job.created"

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
        """A client invites the freelancer to a fresh job (invitation.created)."""
        account_id = self.demo_account_id()
        job_id = self.store.job_to_invite_to(account_id)
        if job_id is None:
            return None
        return self.store.create_invitation(account_id, job_id, self.rng.choice(corpus.INVITATION_MESSAGES))

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
