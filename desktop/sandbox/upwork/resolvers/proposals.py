"""vendorProposals and vendorProposal.

One status per call: `status_eq` is a single required enum value, so clients alias the field once per status
(third-party vendor-proposals batch code). `first` above 40 fails with error VJCA-6 (third-party notes:
"Max 40 per page — first: 41+ returns VJCA-6 error"). Sort by CREATEDDATETIME or MODIFIEDDATETIME.
"""

from __future__ import annotations

import json
from typing import Any

from ariadne import MutationType, ObjectType, QueryType
from graphql import GraphQLError

from desktop.sandbox.upwork.context import Info, ctx, gql_error, root
from desktop.sandbox.upwork.paging import connection, offset_and_size
from desktop.sandbox.upwork.shapes import proposal

SCOPE = "pub-marketplace-job-postings:read:all"  # no proposal read scope is listed (inferred)
MAX_PAGE = 40


def _too_many(first: int) -> GraphQLError:
    return gql_error(f"VJCA-6: pagination.first must not exceed {MAX_PAGE} (got {first})", "VJCA-6")


@root(SCOPE)
def resolve_proposals(
    _obj: Any,
    info: Info,
    filter: dict[str, Any],
    sortAttribute: dict[str, Any],
    pagination: dict[str, Any],
) -> Any:
    context = ctx(info)
    offset, first = offset_and_size(pagination, default_first=10, max_first=MAX_PAGE, too_many=_too_many)
    column = "modified_at" if sortAttribute["field"] == "MODIFIEDDATETIME" else "created_at"
    order = "ASC" if sortAttribute["sortOrder"] == "ASC" else "DESC"
    rows = context.db.all(
        f"SELECT * FROM proposals WHERE user_id = ? AND status = ? ORDER BY {column} {order}, id {order}",
        (context.user_id, filter["status_eq"]),
    )
    if filter.get("jobPostingIds_any"):
        wanted = set(filter["jobPostingIds_any"])
        rows = [r for r in rows if r["job_id"] in wanted]
    if filter.get("annotations_eq"):
        rows = [r for r in rows if filter["annotations_eq"] in json.loads(r["annotations"])]
    page = connection(rows, offset, first)
    for edge in page["edges"]:
        edge["node"] = proposal(context.db, edge["node"])
    return page


@root(SCOPE)
def resolve_proposal(_obj: Any, info: Info, id: str) -> Any:
    context = ctx(info)
    row = context.db.one("SELECT * FROM proposals WHERE id = ? AND user_id = ?", (id, context.user_id))
    return None if row is None else proposal(context.db, row)


def register(query: QueryType, mutation: MutationType) -> list[ObjectType]:
    query.set_field("vendorProposals", resolve_proposals)
    query.set_field("vendorProposal", resolve_proposal)
    return []
