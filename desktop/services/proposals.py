"""Proposals: drafts kept as they are typed, submitting (through the outbox) and withdrawing."""

from __future__ import annotations

import dataclasses
import sqlite3
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.api.port import Marketplace
from desktop.core.clock import utcnow
from desktop.core.errors import AtelierError, DiskFullError, InputRejected, NotFoundError, RequestRejected
from desktop.core.models import (
    BidMilestone,
    Freelancer,
    InvitationStatus,
    Job,
    Proposal,
    ProposalDraft,
    ProposalStatus,
    ScreeningAnswer,
)
from desktop.core.money import Money
from desktop.core.notices import Code, Notice
from desktop.services.events import (
    EventBus,
    InvitationsChanged,
    JobsChanged,
    ProfileChanged,
    ProposalDraftsChanged,
    ProposalsChanged,
)
from desktop.services.outbox import Applier, OutboxWorker
from desktop.storage import drafts, funnel, invitations, jobs, profile, proposals, templates
from desktop.storage.db import Database
from desktop.storage.drafts import SavedDraft
from desktop.storage.funnel import FunnelReport
from desktop.storage.outbox import OutboxItem
from desktop.storage.templates import Template, TemplateError

SUBMIT = "proposal.submit"
WITHDRAW = "proposal.withdraw"
DECLINE = "invitation.decline"


class DraftRejected(InputRejected):
    """The draft has gaps (``notices``: each problem, as ``ProposalDraft.problems()`` finds them)."""

    def __init__(self, problems: list[Notice]) -> None:
        super().__init__(*problems)
        self.problems = problems


class ProposalService:
    def __init__(self, api: Marketplace, db: Database, bus: EventBus, worker: OutboxWorker) -> None:
        self._api = api
        self._db = db
        self._bus = bus
        self._worker = worker
        worker.register(SUBMIT, self._submit_item, on_failure=self._submit_failed, after_apply=self._announce)
        worker.register(WITHDRAW, self._withdraw_item, after_apply=self._announce)
        worker.register(DECLINE, self._decline_item, after_apply=self._announce_invitations)
        # Drafts the disk had no room for, by job (None: a discard to write): kept here, written when the
        # disk has room again, and what draft_for answers meanwhile.
        self._kept: dict[str, ProposalDraft | None] = {}
        worker.disk.on_space(self._write_kept_drafts)

    async def save_draft(self, draft: ProposalDraft) -> None:
        """Keep what is written so far (a closed form or a crash loses nothing); a draft with nothing
        written in it is discarded instead. On a full disk the draft is kept in memory and written once
        there is room (the status bar says the disk is full)."""
        if draft.is_blank:
            await self.discard_draft(draft.job_id)
            return
        now = utcnow()
        try:
            await self._db.write(lambda c: drafts.save(c, draft, now))
        except DiskFullError as exc:
            self._keep(draft.job_id, draft, exc)
        else:
            self._kept.pop(draft.job_id, None)
        self._bus.emit(ProposalDraftsChanged())

    def save_draft_now(self, draft: ProposalDraft) -> None:
        """:meth:`save_draft` for the window's shutdown, which cannot await."""
        now = utcnow()
        try:
            if draft.is_blank:
                self._db.write_now(lambda c: drafts.delete(c, draft.job_id))
            else:
                self._db.write_now(lambda c: drafts.save(c, draft, now))
        except DiskFullError as exc:
            self._keep(draft.job_id, None if draft.is_blank else draft, exc)
            return
        self._kept.pop(draft.job_id, None)
        self._bus.emit(ProposalDraftsChanged())  # the Drafts tab counts it (the stand-in this replaced did)

    async def draft_for(self, job_id: str) -> ProposalDraft | None:
        if job_id in self._kept:
            return self._kept[job_id]
        saved = await self._db.read(lambda c: drafts.get(c, job_id))
        return saved.draft if saved is not None else None

    async def drafts(self) -> list[SavedDraft]:
        """Every draft, last edited first: those on disk, with the ones waiting in memory for room on a full
        disk in their place (dated now: they are the newest)."""
        saved = await self._db.read(drafts.list)
        kept = dict(self._kept)
        now = utcnow()
        found = [SavedDraft(d, now) for d in kept.values() if d is not None]
        found += [s for s in saved if s.draft.job_id not in kept]
        return found

    async def discard_draft(self, job_id: str) -> None:
        try:
            await self._db.write(lambda c: drafts.delete(c, job_id))
        except DiskFullError as exc:
            self._keep(job_id, None, exc)
        else:
            self._kept.pop(job_id, None)
        self._bus.emit(ProposalDraftsChanged())

    @property
    def unsaved_drafts(self) -> int:
        """Drafts (and discards) waiting in memory for room on the disk."""
        return len(self._kept)

    def _keep(self, job_id: str, draft: ProposalDraft | None, exc: DiskFullError) -> None:
        self._kept[job_id] = draft
        self._worker.disk.report_full(exc)

    async def _write_kept_drafts(self) -> None:
        kept, self._kept = self._kept, {}
        now = utcnow()

        def write(conn: sqlite3.Connection) -> None:
            for job_id, draft in kept.items():
                if draft is None:
                    drafts.delete(conn, job_id)
                else:
                    drafts.save(conn, draft, now)

        try:
            await self._db.write(write)
        except DiskFullError:
            self._kept = {**kept, **self._kept}  # newer edits made meanwhile win
            raise

    async def connects_available(self) -> int | None:
        """The Connects the user can still spend: the cached balance less what the proposals waiting in the
        outbox will cost. None where the marketplace does not tell (or before the first sync)."""
        if not self._api.capabilities.connects_balance:
            return None

        def read(c: sqlite3.Connection) -> int | None:
            me = profile.get(c)
            return None if me is None else me.connects - proposals.pending_connects(c)

        available: int | None = await self._db.read(read)
        return available

    async def funnel(self) -> FunnelReport:
        """Sent → viewed → interviewing → hired, per month and per category, and each template's reply
        rate: counted on the cache's reader thread."""
        report: FunnelReport = await self._db.read(funnel.report)
        return report

    # -- cover-letter templates (the user's own, on this computer) ------------------------------------------
    async def templates(self) -> list[Template]:
        """Every template, by name."""
        return await self._db.read(templates.list_all)

    async def add_template(self, name: str, body: str) -> Template:
        """Raises TemplateError (a sentence for the user) for an empty or taken name or an empty text."""
        now = utcnow()
        made: Template = await self._db.write(lambda c: templates.add(c, name, body, now))
        return made

    async def update_template(self, template_id: int, name: str, body: str) -> None:
        """Rename and/or edit (TemplateError as for add, or when the template is gone)."""
        now = utcnow()
        await self._db.write(lambda c: templates.update(c, template_id, name, body, now))

    async def delete_template(self, template_id: int) -> None:
        """Proposals already sent with it keep counting for its reply rate."""
        await self._db.write(lambda c: templates.delete(c, template_id))

    async def fill_template(self, template_id: int, job: Job) -> str:
        """The template's text for ``job``: the client's name, the job's title, and the user's name, rate
        and skills (those the job asks for first) from the cached profile. A placeholder without a value
        (no profile yet, a client without a name) stays as written, for the user to fill in."""

        def read(c: sqlite3.Connection) -> tuple[Template | None, str, str, str]:
            found = templates.get(c, template_id)
            me = profile.get(c)
            if me is None:
                return found, "", "", ""
            rate = me.hourly_rate.format() + "/hr" if me.hourly_rate.amount > 0 else ""
            mine = {s.casefold(): s for s in me.skills}
            shared = [s for s in job.skills if s.casefold() in mine]
            rest = [s for s in me.skills if s not in shared]
            return found, me.name, rate, ", ".join((shared + rest)[:5])

        template, my_name, my_rate, skills = await self._db.read(read)
        if template is None:
            raise TemplateError(Notice(Code.TEMPLATE_GONE))
        return templates.fill_placeholders(template.body, {
            "client_name": job.client.name, "job_title": job.title, "my_rate": my_rate,
            "my_name": my_name, "skills": skills})

    async def submit(self, draft: ProposalDraft) -> Proposal:
        """Queue the proposal (a local row shows it at once). Refused here, in words, when the draft is not
        complete: the letter, bid and duration, milestones that add up to the bid, and an answer to each
        screening question the cached job asks."""
        problems = draft.problems(utcnow().astimezone().date())  # the user's today
        job = await self._db.read(lambda c: jobs.get(c, draft.job_id))
        if job is not None and self._api.capabilities.screening_questions:
            answered = {a.question_id for a in draft.answers if a.answer.strip()}
            unanswered = [q for q in job.screening_questions if q.id not in answered]
            unanswered_notice = Notice(Code.SCREENING_UNANSWERED)
            if unanswered and unanswered_notice not in problems:
                problems.append(unanswered_notice)
        available = await self.connects_available()
        if job is not None and available is not None and available < job.connects_required:
            problems.append(Notice(Code.NOT_ENOUGH_CONNECTS, (job.connects_required, max(available, 0))))
        if problems:
            raise DraftRejected(problems)
        key = f"prp-{uuid.uuid4()}"
        payload = {
            "job_id": draft.job_id,
            "cover_letter": draft.cover_letter,
            "bid": str(draft.bid.amount),
            "currency": draft.bid.currency,
            "duration": draft.duration,
            "fee_rate": str(draft.fee_rate),
            "job_title": draft.job_title,
            # Atelier's own note, not sent: which template the letter started from (for its reply rate)
            "template_id": draft.template_id,
            "milestones": [{"description": m.description, "amount": str(m.amount.amount),
                            "due": m.due.isoformat()} for m in draft.milestones],
            "answers": [{"question_id": a.question_id, "question": a.question, "answer": a.answer}
                        for a in draft.answers],
        }
        now = utcnow()

        def echo(conn: sqlite3.Connection) -> Proposal:
            drafts.delete(conn, draft.job_id)  # sent: the draft has done its job
            # A proposal answers the client's invitation to this job: no longer waiting for an answer.
            _set_invitations(conn, draft.job_id, InvitationStatus.PENDING, InvitationStatus.ACCEPTED)
            return proposals.insert_local(conn, draft, key, now)

        local: Proposal = await self._worker.enqueue(SUBMIT, payload, key, local_echo=echo)
        self._kept.pop(draft.job_id, None)
        self._bus.emit(ProposalsChanged())
        self._bus.emit(InvitationsChanged())
        self._bus.emit(ProposalDraftsChanged())
        return local

    async def withdraw(self, proposal_id: str) -> None:
        now = utcnow()

        def echo(conn: sqlite3.Connection) -> None:
            # Withdrawn here at once (dated now on the timeline); the server's answer counts as newer.
            proposals.set_status_here(conn, proposal_id, ProposalStatus.WITHDRAWN, now)

        await self._worker.enqueue(
            WITHDRAW, {"proposal_id": proposal_id}, f"wd-{uuid.uuid4()}", local_echo=echo)
        self._bus.emit(ProposalsChanged())

    async def fetch_job(self, job_id: str) -> Job | None:
        """The job an invitation is for: from the cache, or else from the marketplace (an invite-only job is
        not in the public feed the sync pulls), then kept in the cache. None when the marketplace does not
        know it; network trouble raises (the caller says the job is not in the offline copy yet)."""
        cached = await self._db.read(lambda c: jobs.get(c, job_id))
        if cached is not None:
            return cached
        try:
            job = await self._api.job(job_id)
        except NotFoundError:
            return None
        await self._db.write(lambda c: jobs.upsert_many(c, [job]))
        self._bus.emit(JobsChanged())
        return job

    async def decline_invitation(self, invitation_id: str) -> None:
        """Declined here at once; the client hears of it when the server can be reached."""

        def echo(conn: sqlite3.Connection) -> None:
            current = invitations.get(conn, invitation_id)
            if current is not None and current.status is InvitationStatus.PENDING:
                # Keep the server's timestamp: the server's own answer must always count as newer.
                declined = dataclasses.replace(current, status=InvitationStatus.DECLINED)
                invitations.upsert_many(conn, [declined])

        await self._worker.enqueue(
            DECLINE, {"invitation_id": invitation_id}, f"dec-{uuid.uuid4()}", local_echo=echo)
        self._bus.emit(InvitationsChanged())

    async def _decline_item(self, item: OutboxItem) -> Applier:
        try:
            updated = await self._api.decline_invitation(str(item.payload["invitation_id"]))
        except RequestRejected as exc:
            if exc.status == 409:  # accepted meanwhile (a proposal went out): the next sync shows it
                return lambda conn: None
            raise

        def apply(conn: sqlite3.Connection) -> None:
            invitations.upsert_many(conn, [updated])

        return apply

    def _announce_invitations(self, item: OutboxItem) -> None:
        self._bus.emit(InvitationsChanged())

    async def _submit_item(self, item: OutboxItem) -> Applier:
        p = item.payload
        created = await self._api.create_proposal(draft_from_payload(p), item.idempotency_key)
        template_id = p.get("template_id")
        me: Freelancer | None = None
        if self._api.capabilities.connects_balance:
            try:  # the Connects left, as the marketplace counts them after this proposal
                me = await self._api.me()
            except AtelierError:  # sent all the same: the cached balance is lowered by what it cost
                me = None

        def apply(conn: sqlite3.Connection) -> None:
            proposals.remove_local(conn, item.idempotency_key)
            proposals.upsert_many(conn, [created])
            if isinstance(template_id, int):
                templates.record_use(conn, created.id, template_id)
            if me is not None:
                profile.set(conn, me)
            elif self._api.capabilities.connects_balance:
                profile.spend_connects(conn, created.connects_spent)

        return apply

    def _submit_failed(self, item: OutboxItem, reason: Notice) -> Applier:
        def apply(conn: sqlite3.Connection) -> None:
            proposals.remove_local(conn, item.idempotency_key)
            # refused: the invitation it answered here is still waiting for an answer
            _set_invitations(conn, str(item.payload["job_id"]), InvitationStatus.ACCEPTED,
                             InvitationStatus.PENDING)

        return apply

    async def _withdraw_item(self, item: OutboxItem) -> Applier:
        try:
            updated = await self._api.withdraw_proposal(str(item.payload["proposal_id"]))
        except RequestRejected as exc:
            if exc.status == 409:  # already final on the server: the next sync brings its real status
                return lambda conn: None
            raise

        def apply(conn: sqlite3.Connection) -> None:
            proposals.upsert_many(conn, [updated])

        return apply

    def _announce(self, item: OutboxItem) -> None:
        self._bus.emit(ProposalsChanged())
        if item.kind == SUBMIT:
            self._bus.emit(InvitationsChanged())
            self._bus.emit(ProfileChanged())  # the Connects it cost


def draft_from_payload(p: dict[str, Any]) -> ProposalDraft:
    """The proposal an outbox submit carries (to send it, or to edit it again after a refusal)."""
    currency = str(p.get("currency", "USD"))
    template_id = p.get("template_id")
    return ProposalDraft(
        job_id=str(p["job_id"]), cover_letter=str(p["cover_letter"]),
        bid=Money.of(str(p["bid"]), currency), duration=str(p["duration"]),
        fee_rate=Decimal(str(p.get("fee_rate", "0"))), job_title=str(p.get("job_title", "")),
        template_id=template_id if isinstance(template_id, int) else None,
        milestones=tuple(
            BidMilestone(str(m["description"]), Money.of(str(m["amount"]), currency),
                         date.fromisoformat(str(m["due"]))) for m in _items(p.get("milestones"))),
        answers=tuple(ScreeningAnswer(str(a["question_id"]), str(a.get("question", "")), str(a["answer"]))
                      for a in _items(p.get("answers"))),
    )


def _items(value: object) -> list[dict[str, Any]]:
    """The list of objects an outbox payload holds under a key (none in a payload written before it)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _set_invitations(conn: sqlite3.Connection, job_id: str, was: InvitationStatus,
                     now: InvitationStatus) -> None:
    """The invitations to ``job_id`` in status ``was`` take status ``now`` here. The server's timestamp is
    kept: its own answer always counts as newer."""
    changed = [dataclasses.replace(i, status=now)
               for i in invitations.for_job(conn, job_id) if i.status is was]
    invitations.upsert_many(conn, changed)
