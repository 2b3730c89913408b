"""marketplaceJobPostingsSearch and marketplaceJobPosting.

Page size: "Page size is restricted to be <= 50" (copy of Upwork's REST->GraphQL jobs migration page); the
default page is 10 (third-party notes: "always returns ~10 results" without pagination). Searches stop at
`search_result_cap` hits (500, like Upwork's search paging cap); totalCount still reports every match.
"""

from __future__ import annotations

from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from desktop.sandbox.upwork.context import Info, ctx, root
from desktop.sandbox.upwork.paging import connection, offset_and_size
from desktop.sandbox.upwork.search import matching_jobs, sort_jobs
from desktop.sandbox.upwork.shapes import job_posting, load_job, search_result

SCOPE = "pub-marketplace-job-postings:read:all"
MAX_PAGE = 50
DEFAULT_PAGE = 10


@root(SCOPE)
def resolve_search(
    _obj: Any,
    info: Info,
    marketPlaceJobFilter: dict[str, Any] | None = None,
    searchType: str | None = None,
    sortAttributes: list[dict[str, Any]] | None = None,
) -> Any:
    context = ctx(info)
    filt = marketPlaceJobFilter or {}
    offset, first = offset_and_size(filt.get("pagination_eq"), default_first=DEFAULT_PAGE, max_first=MAX_PAGE)
    db = context.db
    clients = {row["id"]: row for row in db.all("SELECT * FROM orgs WHERE kind = 'CLIENT'")}
    hits = matching_jobs(db.all("SELECT * FROM jobs WHERE status = 'OPEN'"), clients, filt)
    fields = [str(a["field"]) for a in (sortAttributes or []) if a and a.get("field")]
    ordered = sort_jobs(hits, clients, fields[0] if fields else "RECENCY")
    capped = ordered[: context.config.search_result_cap]
    applied = {
        row["job_id"] for row in db.all("SELECT job_id FROM proposals WHERE user_id = ?", (context.user_id,))
    }
    page = connection(capped, offset, first, total=len(ordered))
    for edge in page["edges"]:
        job = edge["node"]
        edge["node"] = search_result(job, clients[job["client_org_id"]], job["id"] in applied)
    return page


@root(SCOPE)
def resolve_posting(_obj: Any, info: Info, id: str) -> Any:
    loaded = load_job(ctx(info).db, id)
    return None if loaded is None else job_posting(*loaded)


def register(query: QueryType, mutation: MutationType) -> list[ObjectType]:
    query.set_field("marketplaceJobPostingsSearch", resolve_search)
    query.set_field("marketplaceJobPosting", resolve_posting)
    return []
