"""The SDL loads, every root field has a resolver, and every root field answers a real query over HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import parse, validate

from desktop.sandbox.upwork.graphql_app import SCHEMA_PATH, build_schema
from tests.sandbox.upwork.conftest import Gql

SCHEMA = build_schema()

ROOT_QUERIES: dict[str, str] = {
    "marketplaceJobPostingsSearch": """{ marketplaceJobPostingsSearch(marketPlaceJobFilter:
        {pagination_eq: {first: 2}})
        { totalCount edges { cursor node { id ciphertext title amount { rawValue currency displayValue }
          client { totalFeedback verificationStatus } skills { prettyName } job { workFlowState {
        status } } } }
          pageInfo { endCursor hasNextPage } } }""",
    "marketplaceJobPosting": """query($id: ID!) { marketplaceJobPosting(id: $id) { id content { title }
        workFlowState { status closeResult } contractTerms { contractType
        fixedPriceContractTerms { amount { rawValue } } hourlyContractTerms { hourlyBudgetMin } }
        clientCompanyPublic { paymentVerification { paymentVerified } } } }""",
    "vendorProposals": """{ vendorProposals(filter: {status_eq: Pending},
        sortAttribute: {field: CREATEDDATETIME, sortOrder: DESC}, pagination: {first: 10}) { totalCount
        edges { node { id status { status } terms { chargeRate { rawValue } }
        auditDetails { createdDateTime { rawValue displayValue } } marketplaceJobPosting { id } } } } }""",
    "vendorProposal": """query($id: ID!) { vendorProposal(id: $id) { id proposalCoverLetter status {
        status } } }""",
    "roomList": """{ roomList(sortOrder: DESC) { totalCount edges { node { id roomType numUnread
        latestStory { id message } roomUsers { user { id name } role } } } } }""",
    "roomStories": """query($room: ID!) { roomStories(filter: {roomId_eq: $room, storyFilter:
        {pagination: {first: 5}}})
        { totalCount edges { node { id message createdDateTime user { id } } } } }""",
    "room": """query($room: ID!) { room(id: $room) { id topic stories(filter: {pagination: {first: 2}})
        { totalCount } } }""",
    "roomStory": """query($room: String!, $story: String!) { roomStory(roomId: $room, storyId: $story)
        { id message
        room { id } } }""",
    "vendorContracts": """query($vendor: ID!) { vendorContracts(filter: {vendorId: $vendor},
        options: {addTerms: true, addHourLimits: true}, paging: {limit: 10}) { paging { limit offset }
        contracts { id title status terms { hourlyTerms { hourlyRate { rawValue } } fixedPriceTerms {
        milestones
        { description paid { rawValue } } } } hourlyLimits { weeklyLimit } } } }""",
    "contract": """query($id: String!) { contract(id: $id) { id contractType weeklyHoursLimit
        hourlyChargeRate { rawValue } } }""",
    "contractDetails": """query($id: ID!) { contractDetails(id: $id) { id title status freelancer { name }
        clientOrganization { name } } }""",
    "transactionHistory": """query($ace: [ID!]!) { transactionHistory(transactionHistoryFilter:
        {aceIds_any: $ace,
        transactionDateTime_bt: {rangeStart: "2000-01-01", rangeEnd: "2100-01-01"}}) { transactionDetail {
        transactionHistoryRow { recordId type transactionAmount { rawValue } paymentStatus } } } }""",
    "accountingEntity": "{ accountingEntity { id } }",
    "user": """{ user { id nid rid email name freelancerProfile { fullName personalData { title
        chargeRate { rawValue currency displayValue } } skills { edges { node { preferredLabel } } }
        aggregates { jobSuccessScore } } } }""",
    "organization": "{ organization { id name } }",
    "companySelector": "{ companySelector { items { organizationId title typeTitle } } }",
    "freelancerProfileByProfileKey": """query($key: String!) { freelancerProfileByProfileKey(profileKey: $key)
        { id fullName personalData { title } } }""",
    "talentProfileByProfileKey": """query($key: String!) { talentProfileByProfileKey(profileKey: $key)
        { personId } }""",
}
MUTATIONS = {
    "createRoomStoryV2": """mutation($room: ID!) { createRoomStoryV2(input: {roomId: $room, message: "hi"})
        { id message user { id } } }""",
}


def test_schema_builds_and_every_root_field_has_a_resolver() -> None:
    assert SCHEMA_PATH.read_text().lstrip().startswith("#")
    assert "/tmp" not in SCHEMA_PATH.read_text()
    for root in (SCHEMA.query_type, SCHEMA.mutation_type):
        assert root is not None
        for name, field in root.fields.items():
            assert field.resolve is not None, f"{root.name}.{name} has no resolver"
    assert set(SCHEMA.query_type.fields) == set(ROOT_QUERIES)  # type: ignore[union-attr]
    assert set(SCHEMA.mutation_type.fields) == set(MUTATIONS)  # type: ignore[union-attr]


@pytest.mark.parametrize("name", sorted({**ROOT_QUERIES, **MUTATIONS}))
def test_documents_validate_against_the_sdl(name: str) -> None:
    document = {**ROOT_QUERIES, **MUTATIONS}[name]
    assert validate(SCHEMA, parse(document)) == []


def ids(gql: Gql) -> dict[str, Any]:
    data = gql("""{ user { id ciphertext } accountingEntity { id }
        roomList { edges { node { id latestStory { id } } } }
        marketplaceJobPostingsSearch { edges { node { id } } }
        vendorProposals(filter: {status_eq: Hired}, sortAttribute: {field: CREATEDDATETIME, sortOrder: DESC},
                        pagination: {first: 5}) { edges { node { id } } } }""")
    room = data["roomList"]["edges"][0]["node"]
    contracts = gql(
        "query($v: ID!) { vendorContracts(filter: {vendorId: $v}) { contracts { id } } }",
        {"v": data["user"]["id"]},
    )["vendorContracts"]["contracts"]
    return {
        "id": data["marketplaceJobPostingsSearch"]["edges"][0]["node"]["id"],
        "room": room["id"],
        "story": room["latestStory"]["id"],
        "vendor": data["user"]["id"],
        "ace": [data["accountingEntity"]["id"]],
        "key": data["user"]["ciphertext"],
        "proposal": data["vendorProposals"]["edges"][0]["node"]["id"],
        "contract": contracts[0]["id"],
    }


def test_every_root_query_answers(gql: Gql) -> None:
    known = ids(gql)
    variables = {
        "marketplaceJobPosting": {"id": known["id"]},
        "vendorProposal": {"id": known["proposal"]},
        "roomStories": {"room": known["room"]},
        "room": {"room": known["room"]},
        "roomStory": {"room": known["room"], "story": known["story"]},
        "vendorContracts": {"vendor": known["vendor"]},
        "contract": {"id": known["contract"]},
        "contractDetails": {"id": known["contract"]},
        "transactionHistory": {"ace": known["ace"]},
        "freelancerProfileByProfileKey": {"key": known["key"]},
        "talentProfileByProfileKey": {"key": known["key"]},
    }
    for name, document in ROOT_QUERIES.items():
        data = gql(document, variables.get(name))
        assert data[name] is not None, name
    job = gql(ROOT_QUERIES["marketplaceJobPosting"], {"id": known["id"]})["marketplaceJobPosting"]
    assert job["workFlowState"]["status"] == "OPEN"


def test_mutation_answers(fresh_gql: Gql) -> None:
    room = fresh_gql("{ roomList { edges { node { id } } } }")["roomList"]["edges"][0]["node"]["id"]
    story = fresh_gql(MUTATIONS["createRoomStoryV2"], {"room": room})["createRoomStoryV2"]
    assert story["message"] == "hi"


def test_money_and_datetime_shapes(gql: Gql) -> None:
    data = gql(ROOT_QUERIES["vendorProposals"])["vendorProposals"]
    node = data["edges"][0]["node"]
    created = node["auditDetails"]["createdDateTime"]
    assert created["rawValue"].isdigit()
    assert len(created["rawValue"]) == 13  # epoch milliseconds
    assert created["displayValue"].endswith("Z")
    rate = node["terms"]["chargeRate"]["rawValue"]
    assert rate.count(".") == 1
    assert len(rate.split(".")[1]) == 2
    user = gql(ROOT_QUERIES["user"])["user"]
    assert user["freelancerProfile"]["personalData"]["chargeRate"] == {
        "rawValue": "65.00",
        "currency": "USD",
        "displayValue": "$65.00",
    }


def test_bad_documents_are_graphql_errors_with_http_200(gql: Gql) -> None:
    errors = gql.errors("{ user { noSuchField } }")
    assert "noSuchField" in errors[0]["message"]
    assert errors[0]["extensions"]["classification"] == "ValidationError"
    assert "locations" in errors[0]
    errors = gql.errors("{ user { id ")
    assert "Syntax Error" in errors[0]["message"]


def test_unknown_ids(gql: Gql) -> None:
    assert gql('{ marketplaceJobPosting(id: "1") { id } }')["marketplaceJobPosting"] is None
    errors = gql.errors('{ room(id: "room_nope") { id } }')
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
