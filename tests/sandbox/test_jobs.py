from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from desktop.sandbox.harness import SandboxServer

from .conftest import Api, assert_problem


def budget_of(job: dict[str, object]) -> Decimal:
    money = job["budget"] if job["job_type"] == "fixed" else job["hourly_max"]
    assert isinstance(money, dict)
    return Decimal(money["amount"])


def test_job_shape_follows_the_contract(api: Api) -> None:
    job = api.ok("/v1/jobs", limit=1)["items"][0]
    assert job["id"].startswith("job_")
    assert job["fee_rate"] == "0.10"
    assert set(job) == {
        "id",
        "title",
        "description",
        "category",
        "skills",
        "job_type",
        "budget",
        "hourly_min",
        "hourly_max",
        "experience_level",
        "duration",
        "proposals_count",
        "connects_required",
        "fee_rate",
        "status",
        "screening_questions",
        "client",
        "posted_at",
        "updated_at",
    }
    assert set(job["client"]) == {
        "id",
        "name",
        "country",
        "payment_verified",
        "rating",
        "total_spent",
        "hires",
    }
    assert job["posted_at"].endswith("Z")
    assert len(job["posted_at"]) == len("2026-11-26T13:05:01.123456Z")
    assert 2 <= job["connects_required"] <= 16
    assert 3 <= len(job["skills"]) <= 6
    assert job["description"].count("\n\n") >= 2  # multi-paragraph
    if job["job_type"] == "fixed":
        assert job["budget"]
        assert job["hourly_min"] is None
        assert job["hourly_max"] is None
    else:
        assert job["budget"] is None
        assert (Decimal(job["hourly_min"]["amount"]) < Decimal(
            job["hourly_max"]["amount"]
        ))
    assert api.ok(f"/v1/jobs/{job['id']}") == job


def test_unknown_job_is_a_404_problem(api: Api) -> None:
    assert_problem(api.get("/v1/jobs/job_doesnotexist"), 404, "not-found")


def test_unknown_route_is_a_404_problem(api: Api) -> None:
    assert_problem(api.get("/v1/no-such-thing"), 404, "not-found")


def test_categories(api: Api) -> None:
    names = api.ok("/v1/categories")["items"]
    assert len(names) >= 12
    assert {"Web Development", "AI & Machine Learning", "Legal", "Video & Animation"} <= set(names)


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"job_type": "hourly"}, lambda j: j["job_type"] == "hourly" and j["budget"] is None),
        ({"job_type": "fixed"}, lambda j: j["job_type"] == "fixed" and j["budget"] is not None),
        ({"min_budget": "2000"}, lambda j: budget_of(j) >= 2000),
        ({"max_budget": "150.50"}, lambda j: budget_of(j) <= Decimal("150.50")),
        ({"experience_level": "expert"}, lambda j: j["experience_level"] == "expert"),
        ({"category": "Legal"}, lambda j: j["category"] == "Legal"),
        ({"payment_verified": "false"}, lambda j: j["client"]["payment_verified"] is False),
        ({"max_proposals": 3}, lambda j: j["proposals_count"] <= 3),
    ],
)
def test_filters(api: Api, params: dict[str, Any], check: object) -> None:
    items = api.walk("/v1/jobs", limit=500, **params)
    assert items, f"no jobs for {params}"
    assert all(check(job) for job in items)  # type: ignore[operator]
    assert len(items) < len(api.walk("/v1/jobs", limit=500))


def test_posted_within_hours(api: Api) -> None:
    items = api.walk("/v1/jobs", limit=500, posted_within_hours=48)
    oldest = datetime.now(UTC) - timedelta(hours=48, minutes=1)
    assert items
    assert (all(
        datetime.fromisoformat(j["posted_at"].replace("Z", "+00:00")) >= oldest for j in items
    ))


def test_invalid_query_values_are_422_problems(api: Api) -> None:
    for params in (
        {"limit": 0},
        {"limit": 501},
        {"job_type": "weekly"},
        {"sort": "cheapest"},
        {"min_budget": "lots"},
        {"updated_since": "yesterday"},
        {"cursor": "garbage!"},
    ):
        assert_problem(api.get("/v1/jobs", **params), 422, "validation")


def test_huge_filter_values_mean_no_limit_rather_than_an_error(api: Api) -> None:
    """Values beyond what SQLite or datetime hold (a saved search may carry them) still filter sensibly."""
    assert api.ok("/v1/jobs", min_budget="1" + "0" * 23)["items"] == []
    assert len(api.ok("/v1/jobs", max_budget="1" + "0" * 23, limit=5)["items"]) == 5
    assert len(api.ok("/v1/jobs", max_proposals=10**30, limit=5)["items"]) == 5
    assert len(api.ok("/v1/jobs", posted_within_hours=1e12, limit=5)["items"]) == 5


def test_full_text_search_over_title_description_and_skills(api: Api) -> None:
    by_skill = api.walk("/v1/jobs", q="kubernetes", limit=500)
    assert by_skill
    assert all(
        "kubernetes" in (j["title"] + j["description"] + " ".join(j["skills"])).lower() for j in by_skill
    )
    both = api.walk("/v1/jobs", q="python dashboard", limit=500)
    assert both
    assert all("python" in str(j).lower() and "dashboard" in str(j).lower() for j in both)
    assert api.ok("/v1/jobs", q="zzzxqwv")["items"] == []
    # Operators are not interpreted: quotes and stars in user text are harmless.
    assert api.get("/v1/jobs", q='"react" OR * NEAR(').status_code == 200


def test_relevance_sort_ranks_matches(api: Api) -> None:
    ranked = api.walk("/v1/jobs", q="figma", sort="relevance", limit=20)
    newest = api.walk("/v1/jobs", q="figma", sort="newest", limit=500)
    assert {j["id"] for j in ranked} == {j["id"] for j in newest}
    assert "figma" in (ranked[0]["title"] + " ".join(ranked[0]["skills"])).lower()


@pytest.mark.parametrize("sort", ["newest", "budget_desc", "proposals_asc", "relevance"])
def test_every_sort_walks_all_jobs_without_duplicates(api: Api, server: SandboxServer, sort: str) -> None:
    total = server.counts()["jobs"]
    items = api.walk("/v1/jobs", sort=sort, limit=137)
    ids = [j["id"] for j in items]
    assert len(ids) == len(set(ids)) == total
    if sort == "newest":
        assert [j["posted_at"] for j in items] == sorted((j["posted_at"] for j in items), reverse=True)
    if sort == "budget_desc":
        assert [budget_of(j) for j in items] == sorted((budget_of(j) for j in items), reverse=True)
    if sort == "proposals_asc":
        counts = [j["proposals_count"] for j in items]
        assert counts == sorted(counts)


@pytest.mark.parametrize(
    "params", [{"sort": "newest"}, {"sort": "budget_desc"}, {"updated_since": "2000-01-01T00:00:00Z"}]
)
def test_keyset_pages_stay_stable_while_jobs_arrive(
    api: Api, server: SandboxServer, params: dict[str, str]
) -> None:
    before = {j["id"] for j in api.walk("/v1/jobs", limit=500)}
    arrived: list[str] = []

    def new_jobs() -> None:
        arrived.extend(server.simulator.add_job()["id"] for _ in range(3))

    walked = [j["id"] for j in api.walk("/v1/jobs", between_pages=new_jobs, limit=250, **params)]
    assert arrived
    assert len(walked) == len(set(walked)), "a page repeated items"
    assert before <= set(walked), "items were skipped"


def test_updated_since_returns_exactly_the_delta_in_updated_order(api: Api, server: SandboxServer) -> None:
    everything = api.walk("/v1/jobs", limit=500)
    high_water = max(j["updated_at"] for j in everything)
    new_ids = [server.simulator.add_job()["id"] for _ in range(4)]
    delta = api.walk("/v1/jobs", updated_since=high_water, limit=3)
    assert [j["id"] for j in delta] == new_ids
    assert [j["updated_at"] for j in delta] == sorted(j["updated_at"] for j in delta)
    assert api.ok("/v1/jobs", updated_since=delta[-1]["updated_at"])["items"] == []


def test_cursor_of_another_listing_is_rejected(api: Api) -> None:
    cursor = api.ok("/v1/jobs", sort="newest", limit=5)["next_cursor"]
    assert cursor
    assert_problem(api.get("/v1/jobs", sort="proposals_asc", cursor=cursor), 422, "validation")
