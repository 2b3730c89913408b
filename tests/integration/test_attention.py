"""What the marketplace refuses for good lands in "Needs your attention" with the user's text and the
marketplace's reason; it can be sent again (once) or discarded. Against the real reference server."""

from __future__ import annotations

from typing import Any

from desktop.core.models import JobFilter, ProposalDraft
from desktop.core.money import Money
from desktop.services.attention import ActionKind
from desktop.services.container import Services
from desktop.storage import jobs, messages, proposals
from tests.support.polling import until

LETTER = "I have built this kind of dashboard three times this year and can start on Monday. " * 2


async def _settled(services: Services) -> None:
    async def nothing_pending() -> bool:
        return await services.outbox.pending_count() == 0

    await until(nothing_pending, within=20)


async def test_a_proposal_to_a_closed_job_keeps_its_letter_and_the_reason_and_is_not_applied(
        services: Services) -> None:
    await services.sync.pull()
    closed = await services.db.read(
        lambda c: next(j for j in jobs.page(c, JobFilter(), 0, 5000) if j.status != "open"))
    services.outbox.start()
    await services.proposals.submit(ProposalDraft(
        job_id=closed.id, cover_letter=LETTER, bid=Money.of("700"), duration="1 to 3 months",
        fee_rate=closed.fee_rate, job_title=closed.title))
    await _settled(services)

    [item] = await services.attention.items()
    assert item.kind is ActionKind.PROPOSAL
    assert item.text == LETTER
    assert item.about == closed.title
    assert "closed" in str(item.reason).lower()
    assert closed.id not in await services.db.read(proposals.applied_job_ids)
    draft = await services.attention.draft_of(item.item_id)
    assert draft is not None
    assert draft.cover_letter == LETTER
    assert draft.bid == Money.of("700")
    await services.attention.discard(item.item_id)
    assert await services.attention.items() == []


async def test_a_refused_message_is_kept_then_sent_again_exactly_once(
        services: Services, sandbox: Any) -> None:
    await services.sync.pull()
    room = (await services.db.read(lambda c: c.execute("SELECT id FROM rooms LIMIT 1").fetchone()))[0]
    sandbox.faults.add("error", count=1, path_prefix=f"/v1/rooms/{room}/messages", status=422)
    services.outbox.start()
    body = "Here is the estimate we talked about."
    await services.chat.send(room, body)
    await _settled(services)
    [item] = await services.attention.items()
    assert item.kind is ActionKind.MESSAGE
    assert item.text == body
    assert "injected fault" in str(item.reason)

    await services.attention.resend(item.item_id)
    await _settled(services)
    assert await services.attention.items() == []
    thread = await services.db.read(lambda c: messages.for_room(c, room, limit=500))
    assert [m.body for m in thread].count(body) == 1
    assert all(not m.is_local for m in thread if m.body == body)


async def test_discarding_a_refused_message_removes_its_failed_echo(services: Services) -> None:
    await services.sync.pull()
    services.outbox.start()
    await services.chat.send("room-that-does-not-exist", "Lost in the void?")
    await _settled(services)
    [item] = await services.attention.items()
    assert item.kind is ActionKind.MESSAGE
    assert item.text == "Lost in the void?"
    await services.attention.discard(item.item_id)
    left = await services.db.read(lambda c: messages.for_room(c, "room-that-does-not-exist", limit=10))
    assert left == []


async def test_a_refused_saved_search_keeps_its_name_and_is_saved_on_a_second_try(
        services: Services, sandbox: Any) -> None:
    await services.sync.pull()
    sandbox.faults.add("error", count=1, path_prefix="/v1/saved-searches", status=422)
    services.outbox.start()
    await services.saved_searches.save("React, fixed price", JobFilter(query="react"))
    await _settled(services)
    [item] = await services.attention.items()
    assert item.kind is ActionKind.SAVED_SEARCH
    assert item.text == "React, fixed price"
    await services.attention.resend(item.item_id)
    await _settled(services)
    assert await services.attention.items() == []
    listed = await services.saved_searches.list_with_new_counts()
    assert [s.name for s, _new in listed].count("React, fixed price") == 1
    assert all(not s.id.startswith("local:") for s, _new in listed)


async def test_a_refused_decline_is_kept_and_can_be_sent_again(services: Services, sandbox: Any) -> None:
    from desktop.core.models import InvitationStatus
    from desktop.storage import invitations

    await services.sync.pull()
    pending = await services.db.read(lambda c: invitations.list(c, InvitationStatus.PENDING))
    target = pending[0]
    sandbox.faults.add("error", count=1, path_prefix=f"/v1/invitations/{target.id}/decline", status=422)
    services.outbox.start()
    await services.proposals.decline_invitation(target.id)
    await _settled(services)
    [item] = await services.attention.items()
    assert item.kind is ActionKind.DECLINE
    assert "injected fault" in str(item.reason)
    await services.attention.resend(item.item_id)
    await _settled(services)
    assert await services.attention.items() == []


async def test_the_attention_presenter_counts_each_panes_refusals(services: Services, sandbox: Any) -> None:
    """What each pane's strip shows: the proposal under Proposals, the message under Messages."""
    from desktop.presenters.attention import AttentionPresenter

    presenter = AttentionPresenter(services.bus, services.attention)
    presenter.start()
    await services.sync.pull()
    closed = await services.db.read(
        lambda c: next(j for j in jobs.page(c, JobFilter(), 0, 5000) if j.status != "open"))
    room = (await services.db.read(lambda c: c.execute("SELECT id FROM rooms LIMIT 1").fetchone()))[0]
    sandbox.faults.add("error", count=1, path_prefix=f"/v1/rooms/{room}/messages", status=422)
    services.outbox.start()
    await services.proposals.submit(ProposalDraft(
        job_id=closed.id, cover_letter=LETTER, bid=Money.of("700"), duration="1 to 3 months",
        fee_rate=closed.fee_rate, job_title=closed.title))
    await services.chat.send(room, "Here is the estimate.")
    await _settled(services)
    await presenter.settle()
    snapshot = presenter.snapshot
    assert (snapshot.total, snapshot.count_for("proposals"), snapshot.count_for("messages"),
            snapshot.count_for("jobs")) == (2, 1, 1, 0)

    [message] = [i for i in await services.attention.items() if i.kind is ActionKind.MESSAGE]
    await services.attention.discard(message.item_id)
    await presenter.settle()
    assert presenter.snapshot.by_pane == (("proposals", 1),)
    await presenter.aclose()
