"""MarketplaceClient against the real reference server (desktop/sandbox) on loopback.

Faults (5xx, 429, garbage, hangs) are injected into the live server, not mocked.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from desktop.api.auth import TokenSet, password_grant
from desktop.api.client import MarketplaceClient, Page, StaticTokens
from desktop.api.retry import RetryPolicy
from desktop.core.errors import (
    AuthError,
    BadReplyError,
    NotFoundError,
    OfflineError,
    RequestRejected,
    ServerError,
)
from desktop.core.models import (
    ExperienceLevel,
    Job,
    JobFilter,
    JobSort,
    JobType,
    ProposalDraft,
    Room,
)
from desktop.core.money import Money

harness = pytest.importorskip("desktop.sandbox.harness", reason="the reference server is not built yet")

DEMO = "demo@atelier.test"
PASSWORD = "demo"
JOBS = 2000


@pytest.fixture(scope="module")
def server() -> Iterator[Any]:
    srv = harness.SandboxServer(
        db_path=None, seed=7, jobs=JOBS, simulate=False, keepalive_interval=1.0
    ).start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(autouse=True)
def no_leftover_faults(server: Any) -> Iterator[None]:
    server.faults.clear()
    yield
    server.faults.clear()


class SleepRecorder:
    """A RetryPolicy sleep that remembers each wait and really waits (shortly)."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await asyncio.sleep(seconds)


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


async def _login(url: str, email: str = DEMO) -> StaticTokens:
    return StaticTokens(await password_grant(url, email, PASSWORD), base_url=url)


@pytest.fixture
async def client(server: Any, sleeps: SleepRecorder) -> AsyncIterator[MarketplaceClient]:
    api = MarketplaceClient(
        server.url, await _login(server.url), retry=RetryPolicy(base=0.05, cap=0.2, sleep=sleeps)
    )
    try:
        yield api
    finally:
        await api.aclose()


async def _walk_jobs(api: MarketplaceClient, f: JobFilter | None = None, **kwargs: Any) -> list[Job]:
    jobs: list[Job] = []
    cursor: str | None = None
    while True:
        page: Page[Job] = await api.jobs_page(f, cursor=cursor, **kwargs)
        jobs.extend(page.items)
        if page.next_cursor is None:
            return jobs
        cursor = page.next_cursor


# ---- auth -----------------------------------------------------------------------------------------------


async def test_login_and_me(client: MarketplaceClient) -> None:
    me = await client.me()
    assert me.email == DEMO
    assert me.name == "Ada Freelancer"
    assert client.account_id == me.id
    assert me.id.startswith("usr_")
    assert Decimal(0) <= me.fee_rate < Decimal(1)
    assert me.connects >= 0


async def test_wrong_password_is_an_auth_error(server: Any) -> None:
    with pytest.raises(AuthError):
        await password_grant(server.url, DEMO, "not the password")


async def test_unauthorized_refreshes_with_the_refresh_token_and_succeeds(server: Any) -> None:
    real = await password_grant(server.url, DEMO, PASSWORD)
    stale = TokenSet("at_revoked_or_expired", real.refresh_token, datetime.now(UTC) + timedelta(hours=1))
    refreshed: list[TokenSet] = []
    tokens = StaticTokens(stale, base_url=server.url, on_refresh=refreshed.append)
    async with MarketplaceClient(server.url, tokens) as api:
        me = await api.me()
    assert me.email == DEMO
    assert len(refreshed) == 1
    assert tokens.tokens.access_token != "at_revoked_or_expired"


async def test_unauthorized_without_a_working_refresh_is_an_auth_error(server: Any) -> None:
    bogus = TokenSet("at_bogus", "rt_bogus", datetime.now(UTC) + timedelta(hours=1))
    async with MarketplaceClient(server.url, StaticTokens(bogus, base_url=server.url)) as api:
        with pytest.raises(AuthError):
            await api.me()


async def test_logs_carry_method_path_status_but_never_the_token(
    client: MarketplaceClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await client.me()
    token = await client._tokens.access_token()
    assert token
    assert "GET /v1/me -> 200" in caplog.text
    assert token not in caplog.text


# ---- jobs -----------------------------------------------------------------------------------------------


async def test_walk_all_job_pages(client: MarketplaceClient) -> None:
    jobs = await _walk_jobs(client, limit=500)
    ids = [job.id for job in jobs]
    assert len(ids) == len(set(ids)), "a cursor walk must not repeat items"
    assert len(jobs) >= JOBS
    assert all(job.id.startswith("job_") for job in jobs)
    posted = [job.posted_at for job in jobs]
    assert posted == sorted(posted, reverse=True)  # default sort: newest first
    assert set(await client.categories()) >= {job.category for job in jobs}


async def test_walk_job_pages_with_filters(client: MarketplaceClient) -> None:
    f = JobFilter(
        job_type=JobType.HOURLY,
        min_budget=Decimal("40"),
        experience_level=ExperienceLevel.EXPERT,
        payment_verified_only=True,
    )
    jobs = await _walk_jobs(client, f, limit=50)
    assert 0 < len(jobs) < JOBS
    assert len({job.id for job in jobs}) == len(jobs)
    for job in jobs:
        assert job.job_type is JobType.HOURLY
        assert job.experience_level is ExperienceLevel.EXPERT
        assert job.client.payment_verified
        assert job.hourly_max is not None
        assert job.hourly_max.amount >= Decimal("40")


async def test_budget_sort_and_text_query(client: MarketplaceClient) -> None:
    fixed = await _walk_jobs(client, JobFilter(job_type=JobType.FIXED, sort=JobSort.BUDGET_HIGH), limit=200)
    budgets = [job.budget.amount for job in fixed if job.budget is not None]
    assert len(budgets) == len(fixed) > 0
    assert budgets == sorted(budgets, reverse=True)

    word = fixed[0].skills[0] if fixed[0].skills else fixed[0].title.split()[0]
    found = await client.jobs_page(JobFilter(query=word, sort=JobSort.RELEVANCE), limit=20)
    assert found.items


async def test_job_detail_and_not_found(client: MarketplaceClient) -> None:
    page = await client.jobs_page(limit=1)
    job = await client.job(page.items[0].id)
    assert job == page.items[0]
    with pytest.raises(NotFoundError):
        await client.job("job_does_not_exist")


async def test_updated_since_pulls_only_the_delta(server: Any, client: MarketplaceClient) -> None:
    everything = await _walk_jobs(client, updated_since=datetime(2000, 1, 1, tzinfo=UTC), limit=500)
    stamps = [(job.updated_at, job.id) for job in everything]
    assert stamps == sorted(stamps), "deltas come in (updated_at, id) order"
    watermark = everything[-1].updated_at

    assert await _walk_jobs(client, updated_since=watermark) == []
    server.simulator.add_job()
    delta = await _walk_jobs(client, updated_since=watermark)
    assert len(delta) == 1
    assert delta[0].updated_at > watermark
    assert delta[0].id not in {job.id for job in everything}


# ---- creating things ------------------------------------------------------------------------------------


async def _unapplied_open_job(api: MarketplaceClient) -> Job:
    applied: set[str] = set()
    cursor: str | None = None
    while True:
        page = await api.proposals_page(cursor=cursor, limit=500)
        applied |= {p.job_id for p in page.items}
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    me = await api.me()
    for job in (await api.jobs_page(JobFilter(sort=JobSort.NEWEST), limit=200)).items:
        if (job.status == "open" and job.id not in applied and job.connects_required <= me.connects
                and not job.screening_questions):  # a letter and a bid are the whole proposal
            return job
    raise AssertionError("no open job left to apply to")


def _draft(job: Job) -> ProposalDraft:
    return ProposalDraft(
        job_id=job.id,
        cover_letter="I have built several PySide6 desktop apps and would love to help with this one.",
        bid=Money.of("500.00"),
        duration="1 to 3 months",
        fee_rate=job.fee_rate,
        job_title=job.title,
    )


async def test_create_proposal_is_idempotent(client: MarketplaceClient) -> None:
    job = await _unapplied_open_job(client)
    key = f"test-{uuid.uuid4()}"
    first = await client.create_proposal(_draft(job), key)
    again = await client.create_proposal(_draft(job), key)
    assert again.id == first.id
    assert first.job_id == job.id
    assert first.status.value == "submitted"
    assert first.bid == Money.of("500.00")

    mine = (await client.proposals_page(updated_since=first.updated_at - timedelta(seconds=1))).items
    assert [p.id for p in mine if p.job_id == job.id] == [first.id]

    changed = ProposalDraft(
        job.id, _draft(job).cover_letter + " More.", Money.of("600"), "1 week", job.fee_rate
    )
    with pytest.raises(RequestRejected) as caught:
        await client.create_proposal(changed, key)
    assert caught.value.status == 409


async def test_create_proposal_retried_after_a_server_error_keeps_its_key(
    server: Any, client: MarketplaceClient, sleeps: SleepRecorder
) -> None:
    job = await _unapplied_open_job(client)
    key = f"test-{uuid.uuid4()}"
    server.faults.add("error", count=1, path_prefix="/v1/proposals")
    created = await client.create_proposal(_draft(job), key)
    assert len(sleeps.waits) == 1
    assert (await client.create_proposal(_draft(job), key)).id == created.id


async def test_invalid_proposal_is_rejected_with_the_server_detail(client: MarketplaceClient) -> None:
    job = await _unapplied_open_job(client)
    short = ProposalDraft(job.id, "too short", Money.of("10"), "1 week", job.fee_rate)
    with pytest.raises(RequestRejected) as caught:
        await client.create_proposal(short, f"test-{uuid.uuid4()}")
    assert caught.value.status == 422
    assert caught.value.message


async def _first_room(api: MarketplaceClient) -> Room:
    await api.me()
    rooms = (await api.rooms_page()).items
    assert rooms, "the seed gives the demo user chat rooms"
    return rooms[0]


async def test_post_message_echoes_client_key_and_is_idempotent(client: MarketplaceClient) -> None:
    room = await _first_room(client)
    assert room.counterpart_name
    assert room.counterpart_name != "Ada Freelancer"
    key = f"test-{uuid.uuid4()}"
    sent = await client.post_message(room.id, "Thanks, I will send the draft tomorrow.", key)
    assert sent.client_key == key
    assert sent.room_id == room.id
    assert sent.sender_id == client.account_id
    assert (await client.post_message(room.id, "Thanks, I will send the draft tomorrow.", key)).id == sent.id

    delta = (await client.messages_page(updated_since=sent.created_at - timedelta(seconds=1))).items
    assert [m.id for m in delta if m.client_key == key] == [sent.id]
    history = (await client.room_history_page(room.id, limit=5)).items
    assert history[0].id == sent.id  # newest first

    read = await client.mark_read(room.id, sent.id)
    assert read.id == room.id
    assert read.unread_count == 0


async def test_other_lists_parse(client: MarketplaceClient) -> None:
    await client.invitations_page()
    await client.transactions_page()
    summary = await client.earnings_summary()
    assert summary.available.currency == "USD"


# ---- faults ---------------------------------------------------------------------------------------------


async def test_server_error_then_success_is_retried(
    server: Any, client: MarketplaceClient, sleeps: SleepRecorder
) -> None:
    server.faults.add("error", count=2, path_prefix="/v1/categories")
    assert await client.categories()
    assert len(sleeps.waits) == 2
    assert all(0 <= wait <= 0.2 for wait in sleeps.waits)


async def test_rate_limit_waits_retry_after(
    server: Any, client: MarketplaceClient, sleeps: SleepRecorder
) -> None:
    server.faults.add("rate_limit", count=1, path_prefix="/v1/me", retry_after=1)
    started = time.monotonic()
    await client.me()
    assert sleeps.waits == [1.0]
    assert time.monotonic() - started >= 1.0


async def test_garbage_is_a_bad_reply(server: Any, client: MarketplaceClient) -> None:
    server.faults.add("garbage", count=1, path_prefix="/v1/categories")
    with pytest.raises(BadReplyError):
        await client.categories()


async def test_hang_times_out_as_offline(server: Any) -> None:
    server.faults.add("hang", count=2, path_prefix="/v1/categories", delay=5.0)
    api = MarketplaceClient(
        server.url,
        await _login(server.url),
        timeout=httpx.Timeout(5.0, read=0.5),
        retry=RetryPolicy(max_attempts=2, base=0.01, cap=0.01),
    )
    started = time.monotonic()
    async with api:
        with pytest.raises(OfflineError):
            await api.categories()
    assert time.monotonic() - started < 4.0


async def test_stopped_server_is_offline_then_back(server: Any) -> None:
    api = MarketplaceClient(server.url, await _login(server.url), retry=RetryPolicy(base=0.01, cap=0.05))
    async with api:
        await api.me()
        server.stop()
        try:
            with pytest.raises(OfflineError):
                await api.me()
        finally:
            server.start()
        assert (await api.me()).email == DEMO


async def test_dropped_connection_on_a_keyed_post_is_retried_without_duplicates(
    server: Any, client: MarketplaceClient, sleeps: SleepRecorder
) -> None:
    room = await _first_room(client)
    key = f"test-{uuid.uuid4()}"
    server.faults.add("disconnect", count=1, path_prefix=f"/v1/rooms/{room.id}/messages")
    sent = await client.post_message(room.id, "Sent through a flaky connection.", key)
    assert len(sleeps.waits) == 1
    delta = (await client.messages_page(updated_since=sent.created_at - timedelta(seconds=1))).items
    assert [m.id for m in delta if m.client_key == key] == [sent.id]


async def test_dropped_connection_on_an_unkeyed_post_is_not_retried(
    server: Any, client: MarketplaceClient, sleeps: SleepRecorder
) -> None:
    room = await _first_room(client)
    rule = server.faults.add("disconnect", count=2, path_prefix=f"/v1/rooms/{room.id}/read")
    # The sandbox drops the connection where it can reach uvicorn's transport and answers 502 otherwise.
    with pytest.raises((OfflineError, ServerError)):
        await client.mark_read(room.id, "msg_whatever")
    assert rule.fired == 1
    assert sleeps.waits == []
