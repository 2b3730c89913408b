"""Contracts (vendorContracts, contract, contractDetails) and money (accountingEntity, transactionHistory).

vendorContracts pages by offset (ContractPagingInput {limit=10, offset=0}) and returns terms / hour limits
only when ContractOptionsInput asks (addTerms, addHourLimits; both default false, per upwork-node).
transactionHistory needs `aceIds_any` = the user's accountingEntity { id } (that link is inferred) and a yyyy-
mm-dd range ("date should be in yyyy-mm-dd format", upwork-node TransactionHistoryFilter); rows come oldest
first, like a statement. Payment statuses: "Pending" during the review/security period (until
transactionReviewDueDate), then "Available"; withdrawals are "Paid".
"""

from __future__ import annotations

import re
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from desktop.sandbox.upwork.context import AUTHORIZATION_FAILED, Context, Info, ctx, gql_error, root
from desktop.sandbox.upwork.db import Row
from desktop.sandbox.upwork.shapes import contract_details, legacy_contract, transaction_row

CONTRACTS = "pub-contract:write:all"  # there is no read-only contract scope (upwork-node SCOPES.md)
TRANSACTIONS = "pub-transaction:read:all"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_LIMIT = 100


def own_contract(context: Context, contract_id: str) -> Row | None:
    return context.db.one(
        "SELECT * FROM contracts WHERE id = ? AND (freelancer_id = ? OR client_user_id = ?)",
        (contract_id, context.user_id, context.user_id),
    )


@root(CONTRACTS)
def resolve_vendor_contracts(
    _obj: Any,
    info: Info,
    filter: dict[str, Any],
    options: dict[str, Any] | None = None,
    paging: dict[str, Any] | None = None,
) -> Any:
    context = ctx(info)
    if filter["vendorId"] not in (context.user_id, context.user["org_id"]):
        raise gql_error(AUTHORIZATION_FAILED, "UNAUTHORIZED")
    paging = paging or {}
    limit = 10 if paging.get("limit") is None else int(paging["limit"])
    offset = 0 if paging.get("offset") is None else int(paging["offset"])
    if not 0 <= limit <= MAX_LIMIT or offset < 0:
        raise gql_error(f"paging.limit must be 0..{MAX_LIMIT} and paging.offset >= 0", "BAD_USER_INPUT")
    sql, params = "SELECT * FROM contracts WHERE freelancer_id = ?", [context.user_id]
    if filter.get("contractStatuses"):
        sql += f" AND status IN ({', '.join('?' for _ in filter['contractStatuses'])})"
        params.extend(filter["contractStatuses"])
    if filter.get("startDateBefore"):
        sql += " AND start_date < ?"
        params.append(filter["startDateBefore"][:10])
    if filter.get("endDateAfter"):
        sql += " AND (end_date IS NULL OR end_date > ?)"
        params.append(filter["endDateAfter"][:10])
    rows = context.db.all(sql + " ORDER BY start_date DESC, id DESC", params)
    options = options or {}
    return {
        "paging": {"limit": limit, "offset": offset},
        "contracts": [
            contract_details(
                context.db,
                row,
                with_terms=bool(options.get("addTerms")),
                with_limits=bool(options.get("addHourLimits")),
            )
            for row in rows[offset : offset + limit]
        ],
    }


@root(CONTRACTS)
def resolve_contract_details(_obj: Any, info: Info, id: str, date: str | None = None) -> Any:
    context = ctx(info)
    row = own_contract(context, id)
    if row is None:
        raise gql_error(f"Contract {id} not found", "NOT_FOUND")
    return contract_details(context.db, row)


@root(CONTRACTS)
def resolve_contract(_obj: Any, info: Info, id: str) -> Any:
    context = ctx(info)
    row = own_contract(context, id)
    return None if row is None else legacy_contract(context.db, row)


def ace_id(context: Context) -> str:
    org = context.db.one("SELECT id, ace_id FROM orgs WHERE id = ?", (context.user["org_id"],))
    assert org is not None
    return str(org["ace_id"] or org["id"])


@root(TRANSACTIONS)
def resolve_accounting_entity(_obj: Any, info: Info) -> Any:
    return {"id": ace_id(ctx(info))}


@root(TRANSACTIONS)
def resolve_transactions(
    _obj: Any, info: Info, transactionHistoryFilter: dict[str, Any] | None = None
) -> Any:
    context = ctx(info)
    filt = transactionHistoryFilter
    if not filt:
        raise gql_error("transactionHistoryFilter is required", "BAD_USER_INPUT")
    if ace_id(context) not in filt["aceIds_any"]:
        raise gql_error(AUTHORIZATION_FAILED, "UNAUTHORIZED")
    span = filt["transactionDateTime_bt"]
    start, end = span.get("rangeStart"), span.get("rangeEnd")
    for name, value in (("rangeStart", start), ("rangeEnd", end)):
        if not value or not DATE.match(value):
            raise gql_error(
                f"transactionDateTime_bt.{name} must be a date in yyyy-mm-dd format", "BAD_USER_INPUT"
            )
    developer = f"{context.user['first_name']} {context.user['last_name']}"
    running = 0
    rows: list[dict[str, Any]] = []
    for row in context.db.all(
        "SELECT * FROM transactions WHERE user_id = ? ORDER BY created_at, row_number", (context.user_id,)
    ):
        running += row["amount_cents"]
        if start <= row["created_at"][:10] <= end:
            rows.append(transaction_row(row, running, developer))
    return {"transactionDetail": {"transactionHistoryRow": rows}}


def register(query: QueryType, mutation: MutationType) -> list[ObjectType]:
    query.set_field("vendorContracts", resolve_vendor_contracts)
    query.set_field("contractDetails", resolve_contract_details)
    query.set_field("contract", resolve_contract)
    query.set_field("accountingEntity", resolve_accounting_entity)
    query.set_field("transactionHistory", resolve_transactions)
    return []
