"""user, organization, companySelector, freelancerProfileByProfileKey, talentProfileByProfileKey.

The current user's own profile is user { freelancerProfile } ("There is NO plain freelancerProfile root
query", upwork-node operations). companySelector lists the organizations whose ids are valid
X-Upwork-API-TenantId values (python-upwork-oauth2 client.py set_org_uid_header; third-party notes).
"""

from __future__ import annotations

import json
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from desktop.sandbox.upwork.context import Context, Info, ctx, gql_error, root
from desktop.sandbox.upwork.db import Database, Row
from desktop.sandbox.upwork.money import money

COMMONS = "pub-commons:read:all"
PROFILES = "pub-freelancer-profiles:write:all"
TALENT = "pub-talent-profiles:write:all"


def tenant_orgs(db: Database, user: Row) -> list[Row]:
    """The user's own organization first, then agencies it belongs to (the demo freelancer's agency)."""
    orgs = [db.one("SELECT * FROM orgs WHERE id = ?", (user["org_id"],))]
    if user["kind"] == "FREELANCER":
        orgs.extend(db.all("SELECT * FROM orgs WHERE kind = 'AGENCY' ORDER BY id"))
    return [org for org in orgs if org is not None]


def freelancer_profile(db: Database, user: Row) -> dict[str, Any] | None:
    if user["kind"] != "FREELANCER":
        return None
    skills = json.loads(user["skills"])
    active = db.scalar(
        "SELECT COUNT(*) FROM contracts WHERE freelancer_id = ? AND status = 'ACTIVE'", (user["id"],)
    )
    interviews = db.scalar("SELECT COUNT(*) FROM rooms WHERE room_type = 'INTERVIEW'")
    return {
        "id": user["id"],
        "fullName": f"{user['first_name']} {user['last_name']}",
        "firstName": user["first_name"],
        "lastName": user["last_name"],
        "personalData": {
            "title": user["title"],
            "description": user["description"],
            "chargeRate": money(user["rate_cents"] or 0),
            "profileUrl": f"https://www.upwork.com/freelancers/{user['ciphertext']}",
        },
        "aggregates": {
            "jobSuccessScore": user["job_success"],
            "topRatedStatus": "top_rated",
            "topRatedPlusStatus": None,
            "totalEarnings": money(user["total_earnings_cents"]),
            "totalFeedback": 4.9,
            "currentContracts": active,
            "activeInterviews": interviews,
            "lastWorkedDateTime": None,
        },
        "skills": {
            "edges": [
                {
                    "node": {
                        "id": str(1031626700000000000 + i),
                        "ontologyId": "upwork:"
                        + "".join(w.capitalize() for w in skill.replace(".", " ").split()),
                        "preferredLabel": skill,
                    }
                }
                for i, skill in enumerate(skills, start=1)
            ]
        },
    }


def current_user(context: Context) -> dict[str, Any]:
    user = context.user
    return {
        "id": user["id"],
        "nid": user["nid"],
        "rid": user["rid"],
        "email": user["email"],
        "name": f"{user['first_name']} {user['last_name'][0]}.",
        "photoUrl": user["photo_url"],
        "ciphertext": user["ciphertext"],
        "freelancerProfile": freelancer_profile(context.db, user),
        "talentProfile": {"personId": user["id"]} if user["kind"] == "FREELANCER" else None,
    }


@root(COMMONS)
def resolve_user(_obj: Any, info: Info) -> Any:
    return current_user(ctx(info))


@root(COMMONS)
def resolve_organization(_obj: Any, info: Info) -> Any:
    context = ctx(info)
    org = context.db.one("SELECT * FROM orgs WHERE id = ?", (context.tenant_org_id,))
    assert org is not None
    return {"id": org["id"], "rid": org["rid"], "name": org["name"], "photoUrl": org["photo_url"]}


@root(COMMONS)
def resolve_company_selector(_obj: Any, info: Info) -> Any:
    context = ctx(info)
    titles = {"VENDOR": "Freelancer", "AGENCY": "Agency", "CLIENT": "Client"}
    return {
        "items": [
            {
                "title": org["name"],
                "photoUrl": org["photo_url"],
                "organizationId": org["id"],
                "organizationRid": org["rid"],
                "typeTitle": titles.get(org["kind"], org["kind"]),
            }
            for org in tenant_orgs(context.db, context.user)
        ]
    }


def user_by_profile_key(db: Database, key: str) -> Row | None:
    return db.one("SELECT * FROM users WHERE kind = 'FREELANCER' AND (ciphertext = ? OR id = ?)", (key, key))


@root(PROFILES)
def resolve_profile_by_key(_obj: Any, info: Info, profileKey: str) -> Any:
    context = ctx(info)
    user = user_by_profile_key(context.db, profileKey)
    if user is None:
        raise gql_error(f"Profile {profileKey} not found", "NOT_FOUND")
    return freelancer_profile(context.db, user)


@root(TALENT)
def resolve_talent_by_key(_obj: Any, info: Info, profileKey: str) -> Any:
    user = user_by_profile_key(ctx(info).db, profileKey)
    return None if user is None else {"personId": user["id"]}


def register(query: QueryType, mutation: MutationType) -> list[ObjectType]:
    query.set_field("user", resolve_user)
    query.set_field("organization", resolve_organization)
    query.set_field("companySelector", resolve_company_selector)
    query.set_field("freelancerProfileByProfileKey", resolve_profile_by_key)
    query.set_field("talentProfileByProfileKey", resolve_talent_by_key)
    return []
