"""Upwork's cursor-ish pagination: `Pagination {first, after}` where `after` is an offset in a string.

"after: "0" will indicate from the very first element" (upwork-node Pagination doc); third-party notes confirm
the numeric offset. endCursor is the offset to pass as the next `after`; each edge's cursor is the offset just
after it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from graphql import GraphQLError

from .context import gql_error


def offset_and_size(
    pagination: dict[str, Any] | None,
    *,
    default_first: int,
    max_first: int,
    too_many: Callable[[int], GraphQLError] | None = None,
) -> tuple[int, int]:
    pagination = pagination or {}
    first = pagination.get("first")
    first = default_first if first is None else int(first)
    if first < 0:
        raise gql_error("pagination.first must not be negative", "BAD_USER_INPUT")
    if first > max_first:
        if too_many is not None:
            raise too_many(first)
        raise gql_error(f"pagination.first must be at most {max_first}", "BAD_USER_INPUT")
    after = pagination.get("after")
    if after in (None, ""):
        return 0, first
    try:
        offset = int(str(after))
    except ValueError:
        raise gql_error(
            f'pagination.after must be an offset such as "0", got {after!r}', "BAD_USER_INPUT"
        ) from None
    if offset < 0:
        raise gql_error("pagination.after must not be negative", "BAD_USER_INPUT")
    return offset, first


def connection(
    items: Sequence[Any], offset: int, first: int, total: int | None = None, *, cursors: bool = True
) -> dict[str, Any]:
    """A {totalCount, edges, pageInfo} page of `items` (all matches, already sorted)."""
    page = list(items[offset : offset + first])
    end = offset + len(page)
    edges = [
        ({"cursor": str(offset + i + 1), "node": node} if cursors else {"node": node})
        for i, node in enumerate(page)
    ]
    return {
        "totalCount": len(items) if total is None else total,
        "edges": edges,
        "pageInfo": {"endCursor": str(end), "hasNextPage": end < len(items)},
    }
