"""``JobFilter`` → the variables of ``marketplaceJobPostingsSearch``.

Field names: ``MarketplaceJobPostingsSearchFilter`` in muhammedaksam/upwork-node
``src/generated/generated-types.ts``; ``daysPosted_eq`` from a copy of Upwork's REST→GraphQL migration page
(/tmp/upwork_research_keep.md §4.1). Mapping:

- query → ``searchExpression_eq`` (Upwork reads it as partial Lucene syntax);
- job_type → ``jobType_eq`` HOURLY / FIXED;
- min/max budget → ``hourlyRate_eq`` for an hourly-only search, else ``budgetRange_eq`` (both are
  ``IntRange``: the bounds are widened to whole numbers, floor and ceiling);
- experience → ``experienceLevel_eq`` ENTRY_LEVEL / INTERMEDIATE / EXPERT;
- payment_verified_only → ``verifiedPaymentOnly_eq``; max_proposals → ``proposalRange_eq {0, max}``;
- posted_within_hours → ``daysPosted_eq`` = ceil(hours / 24), at least 1;
- category: Upwork filters by numeric category ids, and Atelier knows only names, so the adapter keeps the
  jobs of that category from each page instead (``matches_category``);
- sort NEWEST → RECENCY, RELEVANCE → RELEVANCE, the others (budget, fewest proposals) → RECENCY;
- ``pagination_eq {first: min(limit, 50), after}`` (page size <= 50 per the migration page).
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from desktop.core.models import ExperienceLevel, Job, JobFilter, JobSort, JobType

MAX_SEARCH_PAGE = 50

_EXPERIENCE = {
    ExperienceLevel.ENTRY: "ENTRY_LEVEL",
    ExperienceLevel.INTERMEDIATE: "INTERMEDIATE",
    ExperienceLevel.EXPERT: "EXPERT",
}
_JOB_TYPE = {JobType.HOURLY: "HOURLY", JobType.FIXED: "FIXED"}


def search_filter(f: JobFilter | None, *, first: int, after: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if f is not None:
        if f.query.strip():
            result["searchExpression_eq"] = f.query.strip()
        if f.job_type is not None:
            result["jobType_eq"] = _JOB_TYPE[f.job_type]
        budget = _int_range(f.min_budget, f.max_budget)
        if budget is not None:
            result["hourlyRate_eq" if f.job_type is JobType.HOURLY else "budgetRange_eq"] = budget
        if f.experience_level is not None:
            result["experienceLevel_eq"] = _EXPERIENCE[f.experience_level]
        if f.payment_verified_only:
            result["verifiedPaymentOnly_eq"] = True
        if f.max_proposals is not None:
            result["proposalRange_eq"] = {"rangeStart": 0, "rangeEnd": max(0, f.max_proposals)}
        if f.posted_within_hours is not None:
            result["daysPosted_eq"] = max(1, math.ceil(f.posted_within_hours / 24))
    result["pagination_eq"] = {"first": max(1, min(first, MAX_SEARCH_PAGE)), "after": after}
    return result


def sort_attributes(f: JobFilter | None) -> list[dict[str, str]]:
    sort = f.sort if f is not None else JobSort.NEWEST
    return [{"field": "RELEVANCE" if sort is JobSort.RELEVANCE else "RECENCY"}]


def matches_category(job: Job, f: JobFilter | None) -> bool:
    if f is None or not f.category:
        return True
    return job.category.casefold() == f.category.casefold()


def _int_range(low: Decimal | None, high: Decimal | None) -> dict[str, int] | None:
    if low is None and high is None:
        return None
    bounds: dict[str, int] = {}
    if low is not None:
        bounds["rangeStart"] = max(0, math.floor(low))
    if high is not None:
        bounds["rangeEnd"] = max(0, math.ceil(high))
    return bounds
