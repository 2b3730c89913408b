"""JobFilter and paging arguments -> query parameters (empty filters left out)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from desktop.api.client import job_filter_params, page_params
from desktop.core.models import ExperienceLevel, JobFilter, JobSort, JobType


def test_no_filter_means_no_params() -> None:
    assert job_filter_params(None) == {}


def test_default_filter_sends_only_the_sort() -> None:
    assert job_filter_params(JobFilter()) == {"sort": "newest"}


def test_blank_query_and_category_are_left_out() -> None:
    assert job_filter_params(JobFilter(query="   ", category="")) == {"sort": "newest"}


def test_every_field() -> None:
    f = JobFilter(
        query="  python qt ",
        job_type=JobType.HOURLY,
        min_budget=Decimal("25"),
        max_budget=Decimal("99.50"),
        experience_level=ExperienceLevel.INTERMEDIATE,
        category="Web Development",
        payment_verified_only=True,
        max_proposals=10,
        posted_within_hours=24,
        sort=JobSort.RELEVANCE,
    )
    assert job_filter_params(f) == {
        "q": "python qt",
        "job_type": "hourly",
        "min_budget": "25",
        "max_budget": "99.50",
        "experience_level": "intermediate",
        "category": "Web Development",
        "payment_verified": "true",
        "max_proposals": "10",
        "posted_within_hours": "24",
        "sort": "relevance",
    }


def test_zero_values_still_filter() -> None:
    params = job_filter_params(JobFilter(min_budget=Decimal("0"), max_proposals=0))
    assert params["min_budget"] == "0"
    assert params["max_proposals"] == "0"


def test_page_params() -> None:
    assert page_params(limit=200, cursor=None, updated_since=None) == {"limit": "200"}
    since = datetime(2026, 11, 26, 13, 5, 1, 123456, tzinfo=UTC)
    assert page_params(limit=50, cursor="c2", updated_since=since) == {
        "limit": "50",
        "cursor": "c2",
        "updated_since": "2026-11-26T13:05:01.123456Z",
    }
