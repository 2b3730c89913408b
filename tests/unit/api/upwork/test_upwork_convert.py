"""Upwork JSON → core types, on realistic payloads with the nulls Upwork sends."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from upwork_fake import money, search_node

from desktop.api.upwork import convert
from desktop.core.models import ExperienceLevel, JobType, ProposalStatus
from desktop.core.money import Money

RATE = Decimal("0.1")


def test_hourly_search_result() -> None:
    job = convert.job_from_search(search_node(1, "2026-03-01T10:00:00.000Z"), RATE)
    assert job is not None
    assert job.id == "1001"  # the posting id, not the search node's
    assert job.url == "https://www.upwork.com/jobs/~01job1"
    assert job.job_type is JobType.HOURLY
    assert job.budget is None
    assert job.hourly_min == Money(Decimal("30.0"))
    assert job.hourly_max == Money(Decimal("55.5"))
    assert job.experience_level is ExperienceLevel.EXPERT
    assert job.proposals_count == 12
    assert job.connects_required == 0
    assert job.fee_rate == RATE
    assert job.skills == ("Python", "qt")
    assert job.status == "open"
    assert job.duration == "1 to 3 months"
    assert job.posted_at == job.updated_at == datetime(2026, 3, 1, 10, tzinfo=UTC)
    client = job.client
    assert (client.name, client.country, client.payment_verified, client.hires) == ("", "Germany", True, 7)
    assert client.rating == Decimal("4.87")
    assert client.total_spent == Money(Decimal("12500.5"))


def test_fixed_price_and_renewal() -> None:
    node = search_node(2, "2026-03-01T10:00:00Z", fixed="750.00")
    node["renewedDateTime"] = "2026-03-02T08:00:00Z"
    job = convert.job_from_search(node, RATE)
    assert job is not None
    assert job.job_type is JobType.FIXED
    assert job.budget == Money(Decimal("750.00"))
    assert job.hourly_min is None
    assert job.hourly_max is None
    assert job.updated_at == datetime(2026, 3, 2, 8, tzinfo=UTC)


def test_search_result_full_of_nulls() -> None:
    node = {"id": "s-9", "job": None, "title": "Logo", "description": None, "ciphertext": "",
            "amount": None, "hourlyBudgetMin": None, "experienceLevel": None, "totalApplicants": None,
            "publishedDateTime": None, "createdDateTime": "1772359200000", "skills": None,
            "client": {"totalSpent": None, "verificationStatus": None, "totalFeedback": 0.0,
                       "totalReviews": 0, "location": None}}
    job = convert.job_from_search(node, RATE)
    assert job is not None
    assert job.id == "s-9"
    assert job.url == ""
    assert job.description == ""
    assert job.job_type is JobType.HOURLY
    assert job.hourly_min is None
    assert job.experience_level is ExperienceLevel.INTERMEDIATE
    assert job.proposals_count == 0
    assert job.posted_at == datetime(2026, 3, 1, 10, tzinfo=UTC)
    assert job.client.rating is None
    assert not job.client.payment_verified
    assert job.client.total_spent == Money.zero()


def test_search_result_without_a_date_is_skipped() -> None:
    assert convert.job_from_search({"id": "x", "title": "t"}, RATE) is None


def test_posting_details_merge_over_the_search_result() -> None:
    seen = convert.job_from_search(search_node(3, "2026-03-01T10:00:00Z"), RATE)
    posting = {
        "id": "1003", "workFlowState": {"status": "CLOSED"},
        "content": {"title": "Job 3 (edited)", "description": "Full text"},
        "contractTerms": {"contractType": "FIXED", "experienceLevel": "ENTRY_LEVEL",
                          "fixedPriceContractTerms": {"amount": money("300"), "engagementDuration": None},
                          "hourlyContractTerms": None},
        "clientCompanyPublic": {"id": "c1", "country": {"name": "Spain"},
                                "paymentVerification": {"paymentVerified": False}},
    }
    now = datetime(2026, 4, 1, tzinfo=UTC)
    job = convert.job_from_posting(posting, RATE, seen, now)
    assert (job.title, job.description, job.status) == ("Job 3 (edited)", "Full text", "closed")
    assert job.job_type is JobType.FIXED
    assert job.budget == Money(Decimal("300"))
    assert job.experience_level is ExperienceLevel.ENTRY
    assert job.client.country == "Spain"
    assert not job.client.payment_verified
    assert job.client.hires == 7
    assert seen is not None
    assert job.posted_at == seen.posted_at
    assert job.url == seen.url
    unseen = convert.job_from_posting({**posting, "workFlowState": {"status": "OPEN"}}, RATE, None, now)
    assert unseen.status == "open"
    assert unseen.posted_at == now
    assert unseen.url == ""


def _proposal(status: str | None) -> dict[str, object]:
    return {
        "id": "p1", "proposalCoverLetter": "Hello",
        "marketplaceJobPosting": {"id": "1001", "content": {"title": "Job 1"}},
        "terms": {"chargeRate": money("45.00"), "estimatedDuration": {"label": "1 to 3 months"}},
        "auditDetails": {"createdDateTime": {"rawValue": "1772359200000", "displayValue": "x"},
                         "modifiedDateTime": None},
        "status": {"status": status} if status else None,
    }


@pytest.mark.parametrize(("upwork", "ours"), [
    ("Pending", ProposalStatus.SUBMITTED), ("Activated", ProposalStatus.INTERVIEWING),
    ("Offered", ProposalStatus.OFFER), ("Accepted", ProposalStatus.HIRED), ("Hired", ProposalStatus.HIRED),
    ("Declined", ProposalStatus.DECLINED), ("Withdrawn", ProposalStatus.WITHDRAWN),
    ("Archived", ProposalStatus.ARCHIVED),
])
def test_proposal_statuses(upwork: str, ours: ProposalStatus) -> None:
    got = convert.proposal(_proposal(upwork), RATE, "Pending")
    assert got is not None
    assert got.status is ours


def test_proposal_fields_and_fallback_status() -> None:
    got = convert.proposal(_proposal(None), RATE, "Offered")
    assert got is not None
    assert got.status is ProposalStatus.OFFER  # unknown/absent: the status that was queried
    assert (got.job_id, got.job_title, got.cover_letter, got.duration) == ("1001", "Job 1", "Hello",
                                                                            "1 to 3 months")
    assert got.bid == Money(Decimal("45.00"))
    assert got.fee_rate == RATE
    assert got.created_at == got.updated_at == datetime(2026, 3, 1, 10, tzinfo=UTC)
    assert convert.upwork_statuses_for(ProposalStatus.HIRED) == ("Accepted", "Hired")
    assert convert.upwork_statuses_for(ProposalStatus.VIEWED) == ()


ROOM = {
    "id": "room-1", "roomName": None, "topic": "Logo design", "numUnread": 2,
    "lastVisitedDateTime": None, "lastReadDateTime": "2026-03-01T09:00:00Z",
    "roomUsers": [{"user": {"id": "me", "name": "Me Myself"}, "organization": None},
                  {"user": {"id": "c7", "name": "Dana C."}, "organization": {"name": "Acme"}}],
    "latestStory": {"id": "s2", "createdDateTime": "2026-03-01T10:00:00Z", "message": "See you",
                    "user": {"id": "c7", "name": "Dana C."}},
}


def test_room_names_the_other_side() -> None:
    room = convert.room(ROOM, "me")
    assert room is not None
    assert (room.title, room.counterpart_name, room.unread_count) == ("Logo design", "Dana C.", 2)
    assert room.last_message_preview == "See you"
    assert room.last_message_at == room.updated_at == datetime(2026, 3, 1, 10, tzinfo=UTC)
    assert convert.room({**ROOM, "roomName": "Contract"}, "c7").counterpart_name == "Me Myself"  # type: ignore[union-attr]


def test_room_without_stories_or_users() -> None:
    room = convert.room({"id": "r", "roomUsers": None, "latestStory": None, "numUnread": None}, "me")
    assert room is not None
    assert (room.title, room.counterpart_name, room.unread_count, room.last_message_at) == ("", "", 0, None)


def test_messages_skip_system_stories() -> None:
    story = {"id": "s1", "createdDateTime": "2026-03-01T10:00:00Z", "message": "Hi",
             "user": {"id": "me", "name": "Me"}}
    message = convert.message(story, "room-1")
    assert message is not None
    assert (message.sender_id, message.sender_name, message.body, message.client_key) == ("me", "Me", "Hi",
                                                                                           None)
    assert convert.message({**story, "user": None}, "room-1") is None
    assert convert.message({**story, "message": "  "}, "room-1") is None


def test_freelancer() -> None:
    user = {"id": "u1", "name": "Ana P.", "email": "ana@example.com", "freelancerProfile": {
        "fullName": "Ana Perez", "personalData": {"title": "Qt developer", "chargeRate": money("60")},
        "aggregates": {"totalEarnings": money("10000")},
        "skills": {"edges": [{"node": {"preferredLabel": "Qt"}}, {"node": None},
                             {"node": {"preferredLabel": "Python"}}]}}}
    me = convert.freelancer(user, RATE)
    assert me.skills == ("Qt", "Python")
    assert (me.id, me.name, me.title, me.email, me.connects) == ("u1", "Ana P.", "Qt developer",
                                                                 "ana@example.com", 0)
    assert me.hourly_rate == Money(Decimal("60"))
    assert me.fee_rate == RATE
    bare = convert.freelancer({"id": "u2", "name": None, "freelancerProfile": None}, RATE)
    assert bare.hourly_rate == Money.zero()
    assert bare.title == ""
