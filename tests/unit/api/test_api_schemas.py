"""Wire JSON -> core domain types, and what happens when the JSON does not fit."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import api_payloads as wire
import pytest

from desktop.api import schemas
from desktop.core.errors import BadReplyError
from desktop.core.models import (
    DeliveryState,
    ExperienceLevel,
    InvitationStatus,
    JobType,
    ProposalStatus,
    TransactionStatus,
    TransactionType,
)
from desktop.core.money import Money


def test_me_becomes_freelancer() -> None:
    me = schemas.parse_me(wire.me())
    assert me.id == "usr_ada"
    assert me.skills == ("python", "qt")
    assert me.hourly_rate == Money(Decimal("85.00"), "USD")
    assert me.fee_rate == Decimal("0.10")
    assert me.connects == 80


def test_job_converts_money_rates_and_timestamps() -> None:
    job = schemas.parse_job(wire.job())
    assert job.job_type is JobType.FIXED
    assert job.experience_level is ExperienceLevel.EXPERT
    assert job.budget == Money(Decimal("1500.00"), "USD")
    assert job.hourly_min is None
    assert job.hourly_max is None
    assert job.fee_rate == Decimal("0.10")
    assert job.client.rating == Decimal("4.85")
    assert job.client.total_spent.amount == Decimal("120000.00")
    assert job.posted_at == datetime(2026, 11, 26, 13, 5, 1, 123456, tzinfo=UTC)
    assert job.updated_at.tzinfo is not None
    assert job.skills == ("python", "pyside6")


def test_hourly_job_and_unrated_client() -> None:
    data = wire.job(job_type="hourly", budget=None, hourly_min=wire.money("30"), hourly_max=wire.money("60"))
    data["client"]["rating"] = None
    job = schemas.parse_job(data)
    assert job.headline_amount == Money(Decimal("60"), "USD")
    assert job.client.rating is None


def test_unknown_extra_fields_are_ignored() -> None:
    data = wire.job(new_field_from_a_newer_server={"x": 1})
    data["client"]["badge"] = "top rated"
    assert schemas.parse_job(data).id == "job_1"


def test_proposal_message_invitation_transaction_summary() -> None:
    proposal = schemas.parse_proposal(wire.proposal(status="interviewing"))
    assert proposal.status is ProposalStatus.INTERVIEWING
    assert proposal.fee_rate == Decimal("0.15")
    assert proposal.client_name == "Acme Ltd"

    message = schemas.parse_message(wire.message(client_key="key-1"))
    assert message.state is DeliveryState.SENT
    assert message.client_key == "key-1"
    assert not message.is_local

    invitation = schemas.parse_invitation(wire.invitation())
    assert invitation.status is InvitationStatus.PENDING

    txn = schemas.parse_transaction(wire.transaction(type="withdrawal", gross=wire.money("-500.00")))
    assert txn.type is TransactionType.WITHDRAWAL
    assert txn.status is TransactionStatus.AVAILABLE
    assert txn.gross.amount == Decimal("-500.00")
    assert txn.available_at is not None

    summary = schemas.parse_earnings_summary(wire.earnings_summary())
    assert summary.available == Money(Decimal("1234.56"), "USD")
    assert summary.lifetime.amount == Decimal("98765.43")


def test_room_counterpart_is_the_first_other_participant() -> None:
    room = schemas.parse_room(wire.room(), account_id="usr_ada")
    assert room.counterpart_name == "Acme Ltd"
    assert room.last_message_preview == "Hello Ada"
    assert room.last_message_at == datetime(2026, 11, 26, 13, 5, 1, 123456, tzinfo=UTC)
    assert room.unread_count == 2


def test_room_without_messages_and_unknown_account() -> None:
    room = schemas.parse_room(wire.room(last_message=None), account_id=None)
    assert room.counterpart_name == "Acme Ltd"  # the non-freelancer side
    assert room.last_message_preview == ""
    assert room.last_message_at is None


def test_categories() -> None:
    assert schemas.parse_categories({"items": ["Design", "Writing"]}) == ["Design", "Writing"]


@pytest.mark.parametrize(
    ("breakage", "expected_in_message"),
    [
        (lambda d: d.pop("title"), "title"),
        (lambda d: d.update(budget={"amount": 1500.0, "currency": "USD"}), "budget.amount"),
        (lambda d: d.update(budget={"amount": "lots", "currency": "USD"}), "budget.amount"),
        (lambda d: d.update(budget={"amount": "NaN", "currency": "USD"}), "budget.amount"),
        (lambda d: d.update(fee_rate="1.5"), "fee_rate"),
        (lambda d: d.update(fee_rate=0.1), "fee_rate"),
        (lambda d: d.update(posted_at="yesterday"), "posted_at"),
        (lambda d: d.update(posted_at=1700000000), "posted_at"),
        (lambda d: d.update(job_type="weekly"), "job_type"),
        (lambda d: d["client"].pop("payment_verified"), "client.payment_verified"),
        (lambda d: d.update(proposals_count="many"), "proposals_count"),
    ],
)
def test_malformed_job_raises_bad_reply_naming_the_field(breakage: Any, expected_in_message: str) -> None:
    data = wire.job()
    breakage(data)
    with pytest.raises(BadReplyError) as caught:
        schemas.parse_job(data)
    assert expected_in_message in caught.value.message
    assert "job" in caught.value.message


def test_bad_reply_message_never_contains_the_value() -> None:
    secret = "sk_live_very_secret_value"
    with pytest.raises(BadReplyError) as caught:
        schemas.parse_message(wire.message(body={"token": secret}))
    assert secret not in caught.value.message
    assert secret not in str(caught.value)


@pytest.mark.parametrize("not_an_object", [None, [], "text", 42])
def test_reply_that_is_not_an_object(not_an_object: object) -> None:
    with pytest.raises(BadReplyError):
        schemas.parse_proposal(not_an_object)


def test_page_envelope_must_have_items() -> None:
    with pytest.raises(BadReplyError, match="items"):
        schemas.parse_wire(schemas.PageWire, {"next_cursor": None}, "list")
    page = schemas.parse_wire(schemas.PageWire, {"items": [], "next_cursor": "abc"})
    assert page.next_cursor == "abc"
