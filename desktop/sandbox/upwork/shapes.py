"""Database rows -> dicts shaped like the SDL's types (ariadne's default resolvers read dict keys).

Nested objects that need arguments or would recurse (Room.stories, Room.latestStory, RoomStory.room) are left
to field resolvers; everything else is built eagerly, which is cheap at the sandbox's sizes.
"""

from __future__ import annotations

import json
from typing import Any

from desktop.sandbox.clock import parse_ts

from .db import Database, Row
from .money import money

Json = dict[str, Any]
REASON_IDS = {"Job is no longer available": "135", "Client hired someone else": "146"}


def date_time(text: str | None) -> Json | None:
    """Upwork's DateTime object: epoch milliseconds (string) in rawValue, ISO-8601 in displayValue."""
    if text is None:
        return None
    return {"rawValue": str(int(parse_ts(text).timestamp() * 1000)), "displayValue": text}


def generic_user(user: Row | None) -> Json | None:
    if user is None:
        return None
    return {
        "id": user["id"],
        "nid": user["nid"],
        "rid": user["rid"],
        "name": f"{user['first_name']} {user['last_name'][0]}.",  # "John S." (upwork-node CurrentUser.name)
        "firstName": user["first_name"],
        "lastName": user["last_name"],
        "photoUrl": user["photo_url"],
        "publicUrl": f"https://www.upwork.com/freelancers/{user['ciphertext']}"
        if user["kind"] == "FREELANCER"
        else None,
        "ciphertext": user["ciphertext"],
    }


def generic_org(org: Row | None) -> Json | None:
    if org is None:
        return None
    return {"id": org["id"], "rid": org["rid"], "name": org["name"], "photoUrl": org["photo_url"]}


def contract_user(user: Row) -> Json:
    return {
        "id": user["id"],
        "rid": user["rid"],
        "name": f"{user['first_name']} {user['last_name']}",
        "photoUrl": user["photo_url"],
    }


def engagement_duration(job: Row) -> Json:
    return {"id": job["duration"], "label": job["duration_label"], "weeks": job["weeks"]}


def job_posting(job: Row, client: Row) -> Json:
    """MarketplaceJobPosting (the detail view)."""
    hourly = job["job_type"] == "HOURLY"
    status = job["status"]
    return {
        "id": job["id"],
        "workFlowState": {"status": status, "closeResult": job["close_result"]},
        "activityStat": {
            "applicationsBidStats": None,
            "jobActivity": {
                "lastClientActivity": job["last_client_activity"],
                "invitesSent": job["invites_sent"],
                "totalInvitedToInterview": job["interviewing"],
                "totalHired": job["hires"],
                "totalUnansweredInvites": max(0, job["invites_sent"] - job["interviewing"]),
                "totalOffered": job["hires"],
                "totalRecommended": None,
            },
        },
        "content": {"title": job["title"], "description": job["description"]},
        "attachments": [],
        "contractTerms": {
            "contractStartDate": None,
            "contractEndDate": None,
            "contractType": job["job_type"],
            "personsToHire": job["persons_to_hire"],
            "experienceLevel": job["experience"],
            "fixedPriceContractTerms": None
            if hourly
            else {
                "amount": money(job["fixed_cents"]),
                "maxAmount": None,
                "engagementDuration": engagement_duration(job),
            },
            "hourlyContractTerms": None
            if not hourly
            else {
                "engagementDuration": engagement_duration(job),
                "engagementType": job["engagement"],
                "notSureProjectDuration": False,
                "hourlyBudgetType": "MANUAL",
                "hourlyBudgetMin": float(job["hourly_min"]),
                "hourlyBudgetMax": float(job["hourly_max"]),
            },
        },
        "contractorSelection": {
            "proposalRequirement": {
                "coverLetterRequired": bool(job["cover_letter_required"]),
                "freelancerMilestonesAllowed": not hourly,
                "screeningQuestions": [
                    {"question": q, "sequenceNumber": i}
                    for i, q in enumerate(json.loads(job["questions"]), start=1)
                ],
            }
        },
        "clientCompanyPublic": {
            "id": client["id"],
            "country": {"id": None, "name": client["country"], "twoLetterAbbreviation": None},
            "state": client["state"],
            "city": client["city"],
            "timezone": client["timezone"],
            "paymentVerification": {"paymentVerified": bool(client["payment_verified"])},
        },
        "canClientReceiveContractProposal": status == "OPEN",
    }


def search_result(job: Row, client: Row, applied: bool) -> Json:
    """MarketplaceJobPostingSearchResult (a search hit)."""
    hourly = job["job_type"] == "HOURLY"
    skills = json.loads(job["skills"])
    return {
        "id": job["id"],
        "job": job_posting(job, client),
        "title": job["title"],
        "description": job["description"],
        "ciphertext": job["ciphertext"],
        "duration": job["duration"],
        "durationLabel": job["duration_label"],
        "engagement": {
            "FULL_TIME": "30+ hrs/week",
            "PART_TIME": "Less than 30 hrs/week",
            "AS_NEEDED": "As needed",
        }.get(job["engagement"] or ""),
        # Upwork sends amount 0 for hourly jobs: "amount.rawValue > 0 means fixed price" (third-party notes).
        "amount": money(0 if hourly else job["fixed_cents"]),
        "recordNumber": str(int(job["id"]) % 10**9),
        "experienceLevel": job["experience"],
        "category": job["category"],
        "subcategory": job["subcategory"],
        "freelancersToHire": job["persons_to_hire"],
        "enterprise": bool(job["enterprise"]),
        "totalApplicants": job["applicants"],
        "preferredFreelancerLocation": [],
        "preferredFreelancerLocationMandatory": False,
        "premium": bool(job["premium"]),
        "applied": applied,
        "createdDateTime": job["created_at"],
        "publishedDateTime": job["published_at"],
        "renewedDateTime": None,
        "client": {
            "memberSinceDateTime": client["member_since"],
            "totalHires": client["total_hires"],
            "totalPostedJobs": client["total_posted"],
            "totalSpent": money(client["total_spent_cents"]),
            "verificationStatus": "VERIFIED" if client["payment_verified"] else None,
            "location": {
                "city": client["city"],
                "country": client["country"],
                "timezone": client["timezone"],
                "state": client["state"],
                "offsetToUTC": client["offset_to_utc"],
            },
            "totalReviews": client["total_reviews"],
            "totalFeedback": float(client["feedback"]),
            "companyName": None,
            "lastContractTitle": None,
            "companyOrgUid": client["id"],
            "hasFinancialPrivacy": False,
        },
        "skills": [
            {"name": s.lower().replace(" ", "-"), "prettyName": s, "highlighted": False} for s in skills
        ],
        "hourlyBudgetType": "MANUAL" if hourly else None,
        "hourlyBudgetMin": money(job["hourly_min"] * 100) if hourly else None,
        "hourlyBudgetMax": money(job["hourly_max"] * 100) if hourly else None,
        "weeklyBudget": None,
        "engagementDuration": engagement_duration(job),
        "totalFreelancersToHire": job["persons_to_hire"],
    }


def load_job(db: Database, job_id: str) -> tuple[Row, Row] | None:
    job = db.one("SELECT * FROM jobs WHERE id = ? OR ciphertext = ?", (job_id, job_id))
    if job is None:
        return None
    client = db.one("SELECT * FROM orgs WHERE id = ?", (job["client_org_id"],))
    assert client is not None
    return job, client


def proposal(db: Database, row: Row) -> Json:
    user = db.one("SELECT * FROM users WHERE id = ?", (row["user_id"],))
    assert user is not None
    org = db.one("SELECT * FROM orgs WHERE id = ?", (user["org_id"],))
    loaded = load_job(db, row["job_id"])
    assert loaded is not None
    milestones = json.loads(row["milestones"])
    return {
        "id": row["id"],
        "user": generic_user(user),
        "organization": generic_org(org),
        "marketplaceJobPosting": job_posting(*loaded),
        "terms": {
            "chargeRate": money(row["rate_cents"]),
            "estimatedDuration": None
            if row["duration_id"] is None
            else {"id": row["duration_id"], "label": row["duration_label"]},
            "upfrontPaymentPercent": row["upfront_percent"],
        },
        "coverLetter": row["cover_letter"],
        "proposalCoverLetter": row["cover_letter"],
        "projectPlan": {"id": row["id"], "milestones": milestones} if milestones else None,
        "auditDetails": {
            "createdByUser": generic_user(user),
            "modifiedByUser": generic_user(user),
            "createdDateTime": date_time(row["created_at"]),
            "modifiedDateTime": date_time(row["modified_at"]),
        },
        "status": {
            "status": row["status"],
            "reason": None
            if row["reason"] is None
            else {"id": REASON_IDS.get(row["reason"], "0"), "reason": row["reason"], "description": None},
        },
        "annotations": json.loads(row["annotations"]),
    }


def story(db: Database, row: Row) -> Json:
    user = None if row["user_id"] is None else db.one("SELECT * FROM users WHERE id = ?", (row["user_id"],))
    org = None if row["org_id"] is None else db.one("SELECT * FROM orgs WHERE id = ?", (row["org_id"],))
    return {
        "id": row["id"],
        "roomId": row["room_id"],
        "createdDateTime": row["created_at"],
        "updatedDateTime": row["updated_at"],
        "user": generic_user(user),
        "message": row["message"],
        "organization": generic_org(org),
    }


def room(db: Database, row: Row, viewer_id: str) -> Json:
    members = db.all(
        "SELECT u.*, ru.role, ru.org_id AS member_org FROM room_users ru JOIN users u "
        "ON u.id = ru.user_id WHERE ru.room_id = ? ORDER BY ru.role DESC",
        (row["id"],),
    )
    unread = db.scalar(
        "SELECT COUNT(*) FROM stories WHERE room_id = ? AND created_at > ? "
        "AND (user_id IS NULL OR user_id != ?)",
        (row["id"], row["last_read_at"] or "", viewer_id),
    )
    proposal_row = (
        None
        if row["proposal_id"] is None
        else db.one("SELECT * FROM proposals WHERE id = ?", (row["proposal_id"],))
    )
    return {
        "id": row["id"],
        "roomName": row["room_name"],
        "topic": row["topic"],
        "roomType": row["room_type"],
        "numUnread": unread,
        "numUnreadMentions": 0,
        "lastVisitedDateTime": row["last_visited_at"],
        "lastReadDateTime": row["last_read_at"],
        "readOnly": bool(row["read_only"]),
        "hidden": bool(row["hidden"]),
        "muted": bool(row["muted"]),
        "roomUsers": [
            {
                "user": generic_user(m),
                "organization": generic_org(db.one("SELECT * FROM orgs WHERE id = ?", (m["member_org"],))),
                "role": m["role"],
            }
            for m in members
        ],
        "contractId": row["contract_id"],
        "vendorProposal": None if proposal_row is None else proposal(db, proposal_row),
        "offerIds": json.loads(row["offer_ids"]),
    }


def milestone(row: Row) -> Json:
    return {
        "id": row["id"],
        "description": row["description"],
        "dueDateTime": row["due_at"],
        "depositAmount": money(row["deposit_cents"]),
        "fundedAmount": money(row["funded_cents"]),
        "paid": money(row["paid_cents"]),
        "sequenceId": row["sequence_id"],
    }


def contract_details(db: Database, row: Row, with_terms: bool = True, with_limits: bool = True) -> Json:
    freelancer = db.one("SELECT * FROM users WHERE id = ?", (row["freelancer_id"],))
    manager = db.one("SELECT * FROM users WHERE id = ?", (row["client_user_id"],))
    org = db.one("SELECT * FROM orgs WHERE id = ?", (row["client_org_id"],))
    assert freelancer is not None
    assert manager is not None
    milestones = [
        milestone(m)
        for m in db.all("SELECT * FROM milestones WHERE contract_id = ? ORDER BY sequence_id", (row["id"],))
    ]
    hourly = row["kind"] == "HOURLY"
    terms = {
        "hourlyTerms": [
            {
                "id": row["term_id"],
                "hourlyRate": money(row["hourly_rate_cents"]),
                "startDate": row["start_date"],
                "endDate": row["end_date"],
                "manualTimeAllowed": False,
            }
        ]
        if hourly
        else [],
        "fixedPriceTerms": []
        if hourly
        else [
            {
                "id": row["term_id"],
                "fpCharge": money(row["fixed_cents"]),
                "fixedAmount": money(row["fixed_cents"]),
                "startDate": row["start_date"],
                "endDate": row["end_date"],
                "milestones": milestones,
            }
        ],
    }
    limits = (
        [
            {
                "id": f"{row['term_id']}-limit",
                "weeklyLimit": str(row["weekly_limit"]),
                "startDate": row["start_date"],
                "endDate": row["end_date"],
            }
        ]
        if hourly
        else []
    )
    return {
        "id": row["id"],
        "title": row["title"],
        "status": row["status"],
        "createDate": row["created_at"],
        "modifyDate": row["modified_at"],
        "startDate": row["start_date"],
        "endDate": row["end_date"],
        "offerId": row["offer_id"],
        "freelancer": contract_user(freelancer),
        "clientOrganization": generic_org(org),
        "hiringManager": contract_user(manager),
        "terms": terms if with_terms else None,
        "hourlyLimits": limits if with_limits else None,
    }


def legacy_contract(db: Database, row: Row) -> Json:
    loaded = load_job(db, row["job_id"])
    proposal_row = (
        None
        if row["proposal_id"] is None
        else db.one("SELECT * FROM proposals WHERE id = ?", (row["proposal_id"],))
    )
    hourly = row["kind"] == "HOURLY"
    return {
        "id": row["id"],
        "title": row["title"],
        "contractType": row["kind"],
        "job": None if loaded is None else job_posting(*loaded),
        "vendorProposal": None if proposal_row is None else proposal(db, proposal_row),
        "weeklyHoursLimit": row["weekly_limit"],
        "hourlyChargeRate": money(row["hourly_rate_cents"]),
        "weeklyChargeAmount": money(row["hourly_rate_cents"] * row["weekly_limit"]) if hourly else None,
        "createdDateTime": row["created_at"],
        "startDateTime": row["start_date"],
        "endDateTime": row["end_date"],
        "paused": bool(row["paused"]),
        "milestones": [
            milestone(m)
            for m in db.all(
                "SELECT * FROM milestones WHERE contract_id = ? ORDER BY sequence_id", (row["id"],)
            )
        ],
    }


def transaction_row(row: Row, running_cents: int, developer: str) -> Json:
    cents = row["amount_cents"]
    return {
        "rowNumber": row["row_number"],
        "recordId": row["record_id"],
        "type": row["type"],
        "accountingSubtype": row["subtype"],
        "description": row["description"],
        "descriptionUI": row["description"],
        "transactionAmount": money(cents),
        "amountCreditedToUser": money(cents),
        "runningChargeableBalance": money(running_cents),
        "payment": money(cents),
        "paymentStatus": row["status"],
        "paymentGuaranteed": row["type"] == "Hourly",
        "transactionCreationDate": row["created_at"],
        "transactionReviewDueDate": row["review_due"],
        "fullyPaidDate": row["fully_paid_at"],
        "relatedInvoiceId": row["invoice_id"],
        "relatedTransactionId": row["related_id"],
        "assignmentCompanyName": row["company_name"],
        "assignmentDeveloperName": developer,
        "assignmentTeamId": row["contract_id"],
    }
