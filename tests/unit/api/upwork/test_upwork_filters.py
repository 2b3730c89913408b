"""JobFilter → marketplaceJobPostingsSearch filter and sort."""

from __future__ import annotations

from decimal import Decimal

from desktop.api.upwork.filters import search_filter, sort_attributes
from desktop.core.models import ExperienceLevel, JobFilter, JobSort, JobType


def test_no_filter_is_just_the_page() -> None:
    assert search_filter(None, first=200, after="0") == {"pagination_eq": {"first": 50, "after": "0"}}
    assert sort_attributes(None) == [{"field": "RECENCY"}]


def test_every_field_maps() -> None:
    f = JobFilter(query="  qt  desktop ", job_type=JobType.FIXED, min_budget=Decimal("99.5"),
                  max_budget=Decimal("500.2"), experience_level=ExperienceLevel.ENTRY,
                  payment_verified_only=True, max_proposals=15, posted_within_hours=25)
    assert search_filter(f, first=20, after="40") == {
        "searchExpression_eq": "qt  desktop",
        "jobType_eq": "FIXED",
        "budgetRange_eq": {"rangeStart": 99, "rangeEnd": 501},
        "experienceLevel_eq": "ENTRY_LEVEL",
        "verifiedPaymentOnly_eq": True,
        "proposalRange_eq": {"rangeStart": 0, "rangeEnd": 15},
        "daysPosted_eq": 2,
        "pagination_eq": {"first": 20, "after": "40"},
    }


def test_hourly_budget_filters_the_hourly_rate() -> None:
    got = search_filter(JobFilter(job_type=JobType.HOURLY, min_budget=Decimal("40")), first=5, after="0")
    assert got["jobType_eq"] == "HOURLY"
    assert got["hourlyRate_eq"] == {"rangeStart": 40}
    assert "budgetRange_eq" not in got


def test_short_windows_round_up_to_one_day_and_unset_fields_stay_out() -> None:
    got = search_filter(JobFilter(posted_within_hours=3, experience_level=ExperienceLevel.EXPERT), first=1,
                        after="0")
    assert got == {"daysPosted_eq": 1, "experienceLevel_eq": "EXPERT",
                   "pagination_eq": {"first": 1, "after": "0"}}


def test_sorts() -> None:
    assert sort_attributes(JobFilter(sort=JobSort.NEWEST)) == [{"field": "RECENCY"}]
    assert sort_attributes(JobFilter(sort=JobSort.RELEVANCE)) == [{"field": "RELEVANCE"}]
    assert sort_attributes(JobFilter(sort=JobSort.BUDGET_HIGH)) == [{"field": "RECENCY"}]
    assert sort_attributes(JobFilter(sort=JobSort.FEWEST_PROPOSALS)) == [{"field": "RECENCY"}]
