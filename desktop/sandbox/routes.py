"""The /v1 marketplace endpoints (CONTRACT.md). Handlers validate the wire, the store does the work.

Handlers are plain `def`s: FastAPI runs them in its thread pool, so SQLite work never blocks the event loop
that carries the SSE streams and the simulator.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from .auth import CallerDep
from .files import ALLOWED_TYPES, MAX_ATTACHMENT_BYTES, MAX_NAME_LENGTH, media_type
from .problems import not_found
from .schemas import (
    CONFLICT,
    FILTER_AMOUNT_PATTERN,
    FORBIDDEN,
    NOT_FOUND,
    PROBLEM_RESPONSES,
    Attachment,
    Categories,
    Contract,
    EarningsSummary,
    ExperienceLevel,
    Invitation,
    Job,
    JobSort,
    JobType,
    MarkRead,
    Me,
    Message,
    MessageCreate,
    Page,
    Problem,
    Proposal,
    ProposalCreate,
    ProposalStatus,
    Room,
    SavedSearch,
    SavedSearchCreate,
    Transaction,
    TransactionStatus,
    TransactionType,
)
from .store import (
    MAX_SAVED_SEARCHES,
    JobQuery,
    PageParams,
    Store,
    StoredResponse,
    TransactionQuery,
    filter_cents,
    filter_count,
    validate_timestamp,
)

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        description="repeat-safe creation (stored for >= 24 h); not empty",
    ),
]
DATE_TIME = {"format": "date-time"}
BINARY = {"type": "string", "format": "binary"}
"""Timestamps in the query are RFC 3339 date-times (ISO 8601 with a time zone), e.g. 2026-11-26T13:05:01Z."""


def page_params(
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[
        str | None, Query(max_length=1000, description="next_cursor of the previous page, as it came")
    ] = None,
    updated_since: Annotated[
        str | None,
        Query(
            description="only items with updated_at > this; ascending (updated_at, id)",
            json_schema_extra=DATE_TIME,
        ),
    ] = None,
) -> PageParams:
    since = validate_timestamp(updated_since, "updated_since") if updated_since is not None else None
    return PageParams(limit=limit, cursor=cursor or None, updated_since=since)


PageDep = Annotated[PageParams, Depends(page_params)]


def page(items: list[dict[str, Any]], next_cursor: str | None) -> dict[str, Any]:
    return {"items": items, "next_cursor": next_cursor}


def stored_response(stored: StoredResponse) -> JSONResponse:
    headers = {"Idempotent-Replayed": "true"} if stored.replayed else None
    return JSONResponse(stored.body, status_code=stored.status, headers=headers)


def content_disposition(name: str) -> str:
    """``attachment`` with the name for every client: an ASCII fallback and the UTF-8 original."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def build_api_router(store: Store) -> APIRouter:
    router = APIRouter(prefix="/v1", responses=PROBLEM_RESPONSES)

    @router.get("/me", response_model=Me, tags=["account"])
    def get_me(caller: CallerDep) -> dict[str, Any]:
        return store.me(caller.id)

    # ---- jobs ---------------------------------------------------------------------------------------------

    @router.get("/jobs", response_model=Page[Job], tags=["jobs"])
    def list_jobs(
        caller: CallerDep,
        paging: PageDep,
        q: Annotated[
            str | None, Query(max_length=500, description="full text: title, description, skills")
        ] = None,
        job_type: JobType | None = None,
        min_budget: Annotated[
            str | None,
            Query(pattern=FILTER_AMOUNT_PATTERN, description="vs fixed budget or hourly_max, e.g. 500.00"),
        ] = None,
        max_budget: Annotated[
            str | None, Query(pattern=FILTER_AMOUNT_PATTERN, description="like min_budget")
        ] = None,
        experience_level: ExperienceLevel | None = None,
        category: str | None = None,
        payment_verified: bool | None = None,
        max_proposals: Annotated[int | None, Query(ge=0)] = None,
        posted_within_hours: Annotated[float | None, Query(gt=0)] = None,
        sort: JobSort = "newest",
    ) -> dict[str, Any]:
        query = JobQuery(
            q=q,
            job_type=job_type,
            min_budget_cents=filter_cents(min_budget),
            max_budget_cents=filter_cents(max_budget),
            experience_level=experience_level,
            category=category,
            payment_verified=payment_verified,
            max_proposals=filter_count(max_proposals),
            posted_within_hours=posted_within_hours,
            sort=sort,
        )
        return page(*store.list_jobs(query, paging))

    @router.get("/jobs/{job_id}", response_model=Job, tags=["jobs"], responses=NOT_FOUND)
    def get_job(caller: CallerDep, job_id: Annotated[str, Path()]) -> dict[str, Any]:
        job = store.get_job(job_id)
        if job is None:
            raise not_found(f"job {job_id}")
        return job

    @router.get("/categories", response_model=Categories, tags=["jobs"])
    def list_categories(caller: CallerDep) -> dict[str, Any]:
        return {"items": store.categories()}

    # ---- saved searches -----------------------------------------------------------------------------------

    @router.get(
        "/saved-searches",
        response_model=Page[SavedSearch],
        tags=["jobs"],
        description="Without updated_since: the live ones, most recently changed first."
        " With updated_since: every change in ascending (updated_at, id) order, deleted ones included as"
        " tombstones (deleted: true).",
    )
    def list_saved_searches(caller: CallerDep, paging: PageDep) -> dict[str, Any]:
        return page(*store.list_saved_searches(caller.id, paging))

    @router.post(
        "/saved-searches",
        response_model=SavedSearch,
        status_code=201,
        tags=["jobs"],
        responses={
            **CONFLICT,
            422: {
                "model": Problem,
                "description": "validation problem; type .../saved-search-limit when the account already"
                f" has {MAX_SAVED_SEARCHES} live saved searches",
            },
        },
        description=f"At most {MAX_SAVED_SEARCHES} live saved searches per account (422 beyond that)."
        " Every new job a live search finds (with GET /v1/jobs semantics; posted_within_hours aside) is"
        " announced to its owner as a job.matched event.",
    )
    def create_saved_search(
        caller: CallerDep, body: SavedSearchCreate, idempotency_key: IdempotencyKey = None
    ) -> JSONResponse:
        return stored_response(
            store.create_saved_search(caller, body.model_dump(mode="json"), idempotency_key)
        )

    @router.delete(
        "/saved-searches/{search_id}",
        response_model=SavedSearch,
        tags=["jobs"],
        responses=NOT_FOUND,
        description="Answers the tombstone (deleted: true); deleting it again answers the same tombstone.",
    )
    def delete_saved_search(caller: CallerDep, search_id: str) -> dict[str, Any]:
        return store.delete_saved_search(caller.id, search_id)

    # ---- proposals and invitations ------------------------------------------------------------------------

    @router.get("/proposals", response_model=Page[Proposal], tags=["proposals"])
    def list_proposals(
        caller: CallerDep, paging: PageDep, status: ProposalStatus | None = None
    ) -> dict[str, Any]:
        return page(*store.list_proposals(caller.id, status, paging))

    @router.post(
        "/proposals",
        response_model=Proposal,
        status_code=201,
        tags=["proposals"],
        responses={**NOT_FOUND, **CONFLICT, **FORBIDDEN},
    )
    def create_proposal(
        caller: CallerDep, body: ProposalCreate, idempotency_key: IdempotencyKey = None
    ) -> JSONResponse:
        return stored_response(store.create_proposal(caller, body.model_dump(mode="json"), idempotency_key))

    @router.post(
        "/proposals/{proposal_id}/withdraw",
        response_model=Proposal,
        tags=["proposals"],
        responses={**NOT_FOUND, **CONFLICT},
    )
    def withdraw_proposal(caller: CallerDep, proposal_id: str) -> dict[str, Any]:
        return store.withdraw_proposal(caller.id, proposal_id)

    @router.get("/invitations", response_model=Page[Invitation], tags=["proposals"])
    def list_invitations(caller: CallerDep, paging: PageDep) -> dict[str, Any]:
        return page(*store.list_invitations(caller.id, paging))

    @router.post(
        "/invitations/{invitation_id}/decline",
        response_model=Invitation,
        tags=["proposals"],
        responses={**NOT_FOUND, **CONFLICT},
    )
    def decline_invitation(caller: CallerDep, invitation_id: str) -> dict[str, Any]:
        """Decline an invitation (idempotent). Sending a proposal for the job accepts it instead."""
        return store.decline_invitation(caller.id, invitation_id)

    # ---- rooms and messages -------------------------------------------------------------------------------

    @router.get("/rooms", response_model=Page[Room], tags=["messages"])
    def list_rooms(caller: CallerDep, paging: PageDep) -> dict[str, Any]:
        return page(*store.list_rooms(caller.id, paging))

    @router.get(
        "/rooms/{room_id}/messages",
        response_model=Page[Message],
        tags=["messages"],
        responses={**NOT_FOUND, **FORBIDDEN},
        description="Newest first; the cursor walks back in history.",
    )
    def list_room_messages(caller: CallerDep, paging: PageDep, room_id: str) -> dict[str, Any]:
        return page(*store.list_room_messages(caller.id, room_id, paging))

    @router.post(
        "/rooms/{room_id}/messages",
        response_model=Message,
        status_code=201,
        tags=["messages"],
        responses={**NOT_FOUND, **FORBIDDEN, **CONFLICT},
        description="client_key of the new message = the Idempotency-Key it was sent with.",
    )
    def post_message(
        caller: CallerDep, room_id: str, body: MessageCreate, idempotency_key: IdempotencyKey = None
    ) -> JSONResponse:
        return stored_response(
            store.post_message(caller, room_id, body.body, idempotency_key, body.attachment_ids)
        )

    @router.post(
        "/rooms/{room_id}/attachments",
        response_model=Attachment,
        status_code=201,
        tags=["messages"],
        responses={
            **NOT_FOUND,
            **FORBIDDEN,
            **CONFLICT,
            415: {"model": Problem, "description": "this type of file cannot be attached"},
            422: {
                "model": Problem,
                "description": "validation problem: a name with folders or control characters, an empty"
                " file, or a file that is not what its Content-Type says",
            },
        },
        description="Upload one file (the raw request body, its type in Content-Type, at most"
        f" {MAX_ATTACHMENT_BYTES} bytes: 413 beyond) for a message of yours in this room; then name it in"
        " the message's attachment_ids. Allowed types: " + ", ".join(ALLOWED_TYPES) + ". Images, PDFs"
        " and office files must start as files of their type do.",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    media: {"schema": BINARY} for media in ALLOWED_TYPES
                },
            }
        },
    )
    async def upload_attachment(
        caller: CallerDep,
        room_id: str,
        request: Request,
        name: Annotated[
            str,
            Query(min_length=1, max_length=MAX_NAME_LENGTH, description="the file name, without folders"),
        ],
        idempotency_key: IdempotencyKey = None,
    ) -> JSONResponse:
        data = await request.body()
        content_type = media_type(request.headers.get("content-type"))
        stored = await run_in_threadpool(
            store.upload_attachment, caller, room_id, name, content_type, data, idempotency_key
        )
        return stored_response(stored)

    @router.get(
        "/attachments/{attachment_id}",
        tags=["messages"],
        responses={
            **NOT_FOUND,
            200: {
                "description": "the file's bytes, as it was uploaded",
                "content": {media: {"schema": BINARY} for media in ALLOWED_TYPES},
                "headers": {
                    "Content-Disposition": {
                        "description": "attachment, with the file name (RFC 6266, filename*)",
                        "schema": {"type": "string"},
                    },
                    "Content-Length": {"description": "bytes", "schema": {"type": "integer"}},
                },
            },
        },
        response_class=Response,
        description="An attachment of a message in one of your rooms (or one you uploaded). Always served"
        " as a download (Content-Disposition: attachment), never to be shown inline by a browser.",
    )
    def download_attachment(caller: CallerDep, attachment_id: str) -> Response:
        attachment, data = store.attachment_file(caller.id, attachment_id)
        return Response(
            data,
            media_type=attachment["content_type"],
            headers={
                "Content-Disposition": content_disposition(attachment["name"]),
                "X-Content-Type-Options": "nosniff",
            },
        )

    @router.post(
        "/rooms/{room_id}/read", response_model=Room, tags=["messages"], responses={**NOT_FOUND, **FORBIDDEN}
    )
    def mark_read(caller: CallerDep, room_id: str, body: MarkRead) -> dict[str, Any]:
        return store.mark_read(caller.id, room_id, body.last_read_message_id)

    @router.get("/messages", response_model=Page[Message], tags=["messages"])
    def list_messages(caller: CallerDep, paging: PageDep) -> dict[str, Any]:
        return page(*store.list_messages(caller.id, paging))

    # ---- contracts ----------------------------------------------------------------------------------------

    @router.get(
        "/contracts",
        response_model=Page[Contract],
        tags=["contracts"],
        description="The account's contracts, active and ended. A change (hours logged, a milestone moving,"
        " the contract ending) is announced as a contract.updated event carrying the whole contract.",
    )
    def list_contracts(caller: CallerDep, paging: PageDep) -> dict[str, Any]:
        return page(*store.list_contracts(caller.id, paging))

    @router.get("/contracts/{contract_id}", response_model=Contract, tags=["contracts"], responses=NOT_FOUND)
    def get_contract(caller: CallerDep, contract_id: str) -> dict[str, Any]:
        return store.get_contract(caller.id, contract_id)

    # ---- earnings -----------------------------------------------------------------------------------------

    @router.get("/earnings/summary", response_model=EarningsSummary, tags=["earnings"])
    def earnings_summary(caller: CallerDep) -> dict[str, Any]:
        return store.earnings_summary(caller.id)

    @router.get("/earnings/transactions", response_model=Page[Transaction], tags=["earnings"])
    def list_transactions(
        caller: CallerDep,
        paging: PageDep,
        type: TransactionType | None = None,
        status: TransactionStatus | None = None,
        since: Annotated[
            str | None, Query(description="created_at >= since", json_schema_extra=DATE_TIME)
        ] = None,
        until: Annotated[
            str | None, Query(description="created_at < until", json_schema_extra=DATE_TIME)
        ] = None,
    ) -> dict[str, Any]:
        query = TransactionQuery(
            type=type,
            status=status,
            since=validate_timestamp(since, "since") if since is not None else None,
            until=validate_timestamp(until, "until") if until is not None else None,
        )
        return page(*store.list_transactions(caller.id, query, paging))

    return router
