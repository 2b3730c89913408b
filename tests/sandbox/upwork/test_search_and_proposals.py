"""Job search (filters, sorting, pagination, page-size and result caps) and vendorProposals' rules."""

from __future__ import annotations

from typing import Any

from desktop.sandbox.upwork.harness import UpworkSandboxServer
from tests.sandbox.upwork.conftest import Gql

SEARCH = """query($f: MarketplaceJobPostingsSearchFilter, $s: [MarketplaceJobPostingSearchSortAttribute]) {
  marketplaceJobPostingsSearch(marketPlaceJobFilter: $f, searchType: USER_JOBS_SEARCH, sortAttributes: $s) {
    totalCount edges { cursor node { id title publishedDateTime amount { rawValue } skills { prettyName }
      client { totalFeedback totalSpent { rawValue } } job { contractTerms { contractType } } } }
    pageInfo { endCursor hasNextPage } } }"""
PROPOSALS = """query($status: VendorProposalStatusFilterInput!, $first: Int!, $field:
        VendorProposalSortAttributeType!) {
  vendorProposals(filter: {status_eq: $status}, sortAttribute: {field: $field, sortOrder: DESC},
                  pagination: {first: $first}) {
    totalCount edges { node { id status { status } auditDetails { createdDateTime { rawValue }
      modifiedDateTime { rawValue } } } } } }"""


def search(gql: Gql, filt: dict[str, Any], sort: str | None = None) -> dict[str, Any]:
    sort_attributes = [{"field": sort}] if sort else None
    result: dict[str, Any] = gql(SEARCH, {"f": filt, "s": sort_attributes})["marketplaceJobPostingsSearch"]
    return result


def walk(gql: Gql, filt: dict[str, Any], page: int = 50) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = "0"
    while True:
        result = search(gql, {**filt, "pagination_eq": {"first": page, "after": after}})
        nodes.extend(edge["node"] for edge in result["edges"])
        if not result["pageInfo"]["hasNextPage"]:
            return nodes
        after = result["pageInfo"]["endCursor"]


def test_pagination_walks_every_open_job_once_newest_first(gql: Gql) -> None:
    total = search(gql, {})["totalCount"]
    nodes = walk(gql, {})
    assert total >= 300
    assert len(nodes) == total
    assert len({n["id"] for n in nodes}) == total
    stamps = [n["publishedDateTime"] for n in nodes]
    assert stamps == sorted(stamps, reverse=True)


def test_default_page_is_ten_and_first_over_50_is_an_error(gql: Gql) -> None:
    assert len(search(gql, {})["edges"]) == 10
    assert len(search(gql, {"pagination_eq": {"first": 50}})["edges"]) == 50
    errors = gql.errors(SEARCH, {"f": {"pagination_eq": {"first": 51}}})
    assert "50" in errors[0]["message"]
    assert gql.errors(SEARCH, {"f": {"pagination_eq": {"first": 5, "after": "abc"}}})


def test_filters(gql: Gql) -> None:
    hourly = walk(gql, {"jobType_eq": "HOURLY"})
    assert hourly
    assert all(n["job"]["contractTerms"]["contractType"] == "HOURLY" for n in hourly)
    assert all(n["amount"]["rawValue"] == "0.00" for n in hourly)
    react = {n["id"] for n in walk(gql, {"skillExpression_eq": "React"})}
    figma = {n["id"] for n in walk(gql, {"skillExpression_eq": "Figma"})}
    both = {n["id"] for n in walk(gql, {"skillExpression_eq": "React, Figma"})}
    assert react
    assert figma
    assert both == react | figma  # comma = OR
    python = walk(gql, {"searchExpression_eq": "python"})
    no_django = walk(gql, {"searchExpression_eq": "python -django"})
    assert 0 < len(no_django) < len(python) or all("django" not in str(n).lower() for n in python)
    title = walk(gql, {"titleExpression_eq": "dashboard"})
    assert title
    assert all("dashboard" in n["title"].lower() for n in title)
    budget = walk(gql, {"budgetRange_eq": {"rangeStart": 1000, "rangeEnd": 2000}})
    assert budget
    assert all(1000 <= float(n["amount"]["rawValue"]) <= 2000 for n in budget)
    assert walk(gql, {"daysPosted_eq": 1})
    assert len(walk(gql, {"daysPosted_eq": 1})) < len(walk(gql, {}))


def test_sort_orders(gql: Gql) -> None:
    everything = walk(gql, {})
    ranked = [
        e["node"]["client"]["totalFeedback"]
        for e in search(gql, {"pagination_eq": {"first": 50}}, sort="CLIENT_RATING")["edges"]
    ]
    assert ranked == sorted(ranked, reverse=True)
    assert ranked[0] == max(n["client"]["totalFeedback"] for n in everything)
    spend = [
        float(e["node"]["client"]["totalSpent"]["rawValue"])
        for e in search(gql, {"pagination_eq": {"first": 50}}, sort="CLIENT_TOTAL_CHARGE")["edges"]
    ]
    assert spend == sorted(spend, reverse=True)
    relevant = search(
        gql, {"searchExpression_eq": "python", "pagination_eq": {"first": 50}}, sort="RELEVANCE"
    )
    recent = search(gql, {"searchExpression_eq": "python", "pagination_eq": {"first": 50}})
    assert {e["node"]["id"] for e in relevant["edges"]} == {e["node"]["id"] for e in recent["edges"]}


def test_result_cap(fresh: UpworkSandboxServer, fresh_gql: Gql) -> None:
    fresh.config.search_result_cap = 25
    nodes = walk(fresh_gql, {}, page=10)
    assert len(nodes) == 25
    assert search(fresh_gql, {})["totalCount"] > 25


def test_new_job_shows_up_first(fresh: UpworkSandboxServer, fresh_gql: Gql) -> None:
    job_id = fresh.add_job(title="Zyxwv unique GraphQL sandbox job")
    first = search(fresh_gql, {})["edges"][0]["node"]
    assert first["id"] == job_id
    assert [n["id"] for n in walk(fresh_gql, {"titleExpression_eq": "zyxwv"})] == [job_id]


def test_one_status_per_call(gql: Gql) -> None:
    seen = {}
    for status in (
        "Pending",
        "Activated",
        "Accepted",
        "Offered",
        "Hired",
        "Declined",
        "Withdrawn",
        "Archived",
    ):
        result = gql(PROPOSALS, {"status": status, "first": 40, "field": "CREATEDDATETIME"})[
            "vendorProposals"
        ]
        assert all(e["node"]["status"]["status"] == status for e in result["edges"])
        seen[status] = result["totalCount"]
    assert all(seen.values()), seen
    errors = gql.errors("""{ vendorProposals(filter: {status_eq: [Pending, Hired]},
        sortAttribute: {field: CREATEDDATETIME, sortOrder: DESC}, pagination: {first: 5}) { totalCount } }""")
    assert errors[0]["extensions"]["classification"] == "ValidationError"
    assert gql.errors("""{ vendorProposals(sortAttribute: {field: CREATEDDATETIME, sortOrder: DESC},
        pagination: {first: 5}) { totalCount } }""")
    aliased = gql("""{ p: vendorProposals(filter: {status_eq: Pending}, sortAttribute: {field:
        CREATEDDATETIME,
        sortOrder: DESC}, pagination: {first: 40}) { totalCount }
        h: vendorProposals(filter: {status_eq: Hired}, sortAttribute: {field: CREATEDDATETIME,
        sortOrder: DESC}, pagination: {first: 40}) { totalCount } }""")
    assert aliased["p"]["totalCount"] == seen["Pending"]
    assert aliased["h"]["totalCount"] == seen["Hired"]


def test_first_over_40_is_vjca_6(gql: Gql) -> None:
    errors = gql.errors(PROPOSALS, {"status": "Pending", "first": 41, "field": "CREATEDDATETIME"})
    assert "VJCA-6" in errors[0]["message"]
    assert errors[0]["extensions"]["code"] == "VJCA-6"


def test_proposal_sort_by_modified(gql: Gql) -> None:
    result = gql(PROPOSALS, {"status": "Declined", "first": 40, "field": "MODIFIEDDATETIME"})[
        "vendorProposals"
    ]
    stamps = [int(e["node"]["auditDetails"]["modifiedDateTime"]["rawValue"]) for e in result["edges"]]
    assert len(stamps) >= 2
    assert stamps == sorted(stamps, reverse=True)
