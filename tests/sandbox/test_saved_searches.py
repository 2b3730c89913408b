from __future__ import annotations

import random
import uuid
from pathlib import Path
from typing import Any

from desktop.sandbox.harness import SandboxServer
from desktop.sandbox.seed import JobFactory, seed_database
from desktop.sandbox.store import PageParams, Store

from .conftest import CLIENT1, DEMO, Api, SseEvent, api_for, assert_problem, listening

CLIENT2 = "client2@atelier.test"
QUERY_FIELDS = {
    "q",
    "job_type",
    "min_budget",
    "max_budget",
    "experience_level",
    "category",
    "payment_verified",
    "max_proposals",
    "posted_within_hours",
}


def create(api: Api, name: str, key: str | None = None, **query: Any) -> dict[str, Any]:
    response = api.post("/v1/saved-searches", {"name": name, "query": query}, key=key)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def delete(api: Api, search_id: str) -> dict[str, Any]:
    response = api.http.delete(f"/v1/saved-searches/{search_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def job_params(query: dict[str, Any]) -> dict[str, Any]:
    """GET /v1/jobs parameters of a saved query (posted_within_hours aside: new jobs always pass it)."""
    return {k: v for k, v in query.items() if v is not None and k != "posted_within_hours"}


def matched(events: list[SseEvent], job_id: str) -> list[list[str]]:
    """saved_search_ids of every job.matched event about `job_id`."""
    return [
        e.data["saved_search_ids"]
        for e in events
        if e.type == "job.matched" and e.data["job"]["id"] == job_id
    ]


# ---- shape, seed, listing ----------------------------------------------------------------------------------


def test_seeded_searches_of_the_demo_freelancer(api: Api, client_api: Api) -> None:
    names = ["Python", "React, fixed price, verified clients"]
    seeded = sorted(
        (s for s in api.walk("/v1/saved-searches") if s["name"] in names), key=lambda s: s["created_at"]
    )
    assert [s["name"] for s in seeded] == names
    python, react = seeded
    assert python["query"]["q"] == "python"
    assert set(python["query"]) == QUERY_FIELDS
    assert {k: v for k, v in react["query"].items() if v is not None} == {
        "q": "react",
        "job_type": "fixed",
        "payment_verified": True,
    }
    for search in seeded:
        assert set(search) == {"id", "name", "query", "created_at", "updated_at", "deleted"}
        assert search["id"].startswith("ss_")
        assert search["deleted"] is False
        assert search["created_at"].endswith("Z")
        assert len(search["created_at"]) == 27
        assert len(api.walk("/v1/jobs", limit=500, **job_params(search["query"]))) >= 20
    assert client_api.walk("/v1/saved-searches") == []


def test_seed_is_deterministic_and_counted(tmp_path: Path, scratch_server: SandboxServer) -> None:
    def seeded(path: Path) -> list[tuple[str, str, dict[str, Any]]]:
        store = Store(path)
        seed_database(store, seed=7, jobs=60)
        account = store.account_by_email(DEMO)
        assert account is not None
        items, _ = store.list_saved_searches(account.id, PageParams())
        store.close()
        return [(s["id"], s["name"], s["query"]) for s in items]

    first = seeded(tmp_path / "a.db")
    assert len(first) == 2
    assert first == seeded(tmp_path / "b.db")
    assert scratch_server.counts()["saved_searches"] == 2


def test_create_list_delete_and_tombstones_in_deltas(server: SandboxServer) -> None:
    api = api_for(server)
    everything = api.walk("/v1/saved-searches", updated_since="2000-01-01T00:00:00Z")
    high_water = max(s["updated_at"] for s in everything)
    created = create(api, "  Remote Django  ", q="django", min_budget="500", max_proposals=10)
    assert created["name"] == "Remote Django"
    assert created["deleted"] is False
    assert created["id"].startswith("ss_")
    assert created["created_at"] == created["updated_at"]
    assert created["query"]["min_budget"] == "500.00"
    assert created["query"]["max_budget"] is None
    assert set(created["query"]) == QUERY_FIELDS
    listed = api.walk("/v1/saved-searches")
    assert listed[0] == created  # most recently changed first
    assert api.ok("/v1/saved-searches", updated_since=high_water)["items"] == [created]

    tombstone = delete(api, created["id"])
    assert tombstone == {**created, "deleted": True, "updated_at": tombstone["updated_at"]}
    assert tombstone["updated_at"] > created["updated_at"]
    assert created["id"] not in {s["id"] for s in api.walk("/v1/saved-searches")}
    assert api.ok("/v1/saved-searches", updated_since=high_water)["items"] == [tombstone]
    assert api.ok("/v1/saved-searches", updated_since=tombstone["updated_at"])["items"] == []
    # Deleting again: the same tombstone, nothing changes.
    assert delete(api, created["id"]) == tombstone
    assert api.ok("/v1/saved-searches", updated_since=high_water)["items"] == [tombstone]


def test_deltas_page_in_ascending_updated_order(scratch_server: SandboxServer) -> None:
    api = api_for(scratch_server)
    start = max(s["updated_at"] for s in api.walk("/v1/saved-searches"))
    made = [create(api, f"Search {n}", q=f"word{n}") for n in range(5)]
    delete(api, made[1]["id"])
    delta = api.walk("/v1/saved-searches", updated_since=start, limit=2)
    assert [s["id"] for s in delta] == [made[n]["id"] for n in (0, 2, 3, 4, 1)]
    assert [s["deleted"] for s in delta] == [False, False, False, False, True]
    plain = api.walk("/v1/saved-searches", limit=2)
    assert [s["id"] for s in plain[:4]] == [made[n]["id"] for n in (4, 3, 2, 0)]
    assert len(plain) == 2 + 4  # the seeded two, and no tombstone
    assert scratch_server.counts()["saved_searches"] == 6


def test_idempotent_create_replays_the_first_result(server: SandboxServer) -> None:
    api = api_for(server)
    key = f"ss-{uuid.uuid4()}"
    body = {"name": "Kubernetes, hourly", "query": {"q": "kubernetes", "job_type": "hourly"}}
    first = api.post("/v1/saved-searches", body, key=key)
    again = api.post("/v1/saved-searches", body, key=key)
    assert first.status_code == again.status_code == 201
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json() == first.json()
    same_name = [s["id"] for s in api.walk("/v1/saved-searches") if s["name"] == body["name"]]
    assert same_name == [first.json()["id"]]
    other = {**body, "query": {"q": "terraform"}}
    assert_problem(api.post("/v1/saved-searches", other, key=key), 409, "conflict")
    delete(api, first.json()["id"])


def test_invalid_bodies_are_422_problems(api: Api) -> None:
    before = len(api.walk("/v1/saved-searches"))
    for body in (
        {"name": "   ", "query": {}},
        {"name": "x" * 81, "query": {}},
        {"name": "No query"},
        {"name": "Negative", "query": {"min_budget": "-1"}},
        {"name": "Not money", "query": {"max_budget": "lots"}},
        {"name": "Long", "query": {"q": "w" * 501}},
        {"name": "Type", "query": {"job_type": "weekly"}},
        {"name": "Level", "query": {"experience_level": "guru"}},
        {"name": "Proposals", "query": {"max_proposals": -1}},
        {"name": "Hours", "query": {"posted_within_hours": 0}},
    ):
        assert_problem(api.post("/v1/saved-searches", body), 422, "validation")
    assert len(api.walk("/v1/saved-searches")) == before


def test_fifty_live_searches_at_most(scratch_server: SandboxServer) -> None:
    api = api_for(scratch_server)
    live = len(api.walk("/v1/saved-searches"))
    assert live == 2
    made = [create(api, f"Search {n}", key=f"limit-{n}", q=f"term{n}") for n in range(50 - live)]
    response = api.post("/v1/saved-searches", {"name": "One too many", "query": {}})
    refused = assert_problem(response, 422, "saved-search-limit")
    assert refused["title"] == "Too many saved searches"
    assert "50" in refused["detail"]
    assert len(api.walk("/v1/saved-searches")) == 50
    # A replay of an earlier creation is still answered; only new searches are refused.
    replay = api.post("/v1/saved-searches", {"name": "Search 0", "query": {"q": "term0"}}, key="limit-0")
    assert replay.status_code == 201
    assert replay.json() == made[0]
    delete(api, made[0]["id"])  # tombstones do not count
    assert create(api, "Fits again", q="again")["deleted"] is False
    assert scratch_server.counts()["saved_searches"] == 50


def test_unknown_or_someone_elses_search_is_404(server: SandboxServer) -> None:
    demo, client = api_for(server), api_for(server, CLIENT1)
    theirs = create(client, "Client's own", q="logo")
    assert_problem(demo.http.delete(f"/v1/saved-searches/{theirs['id']}"), 404, "not-found")
    assert_problem(demo.http.delete("/v1/saved-searches/ss_doesnotexist"), 404, "not-found")
    assert theirs["id"] not in {s["id"] for s in demo.walk("/v1/saved-searches")}
    assert [s["id"] for s in client.walk("/v1/saved-searches")] == [theirs["id"]]
    delete(client, theirs["id"])
    assert client.walk("/v1/saved-searches") == []


def test_saved_searches_need_a_token(server: SandboxServer) -> None:
    import httpx

    assert_problem(httpx.get(f"{server.url}/v1/saved-searches"), 401, "unauthorized")
    assert_problem(httpx.post(f"{server.url}/v1/saved-searches", json={}), 401, "unauthorized")
    assert_problem(httpx.delete(f"{server.url}/v1/saved-searches/ss_x"), 401, "unauthorized")


# ---- events ------------------------------------------------------------------------------------------------


async def test_created_and_deleted_events_go_to_the_owner_only(server: SandboxServer) -> None:
    api = api_for(server)
    async with listening(server, DEMO) as owner, listening(server, CLIENT1) as other:
        created = create(api, "Events", q="flutter")
        tombstone = delete(api, created["id"])
        delete(api, created["id"])  # already deleted: no second event
        sentinel = create(api, "Sentinel", q="swift")
        await owner.wait_for(lambda events: any(e.data.get("id") == sentinel["id"] for e in events))
        mine = [(e.type, e.data) for e in owner.events if e.type.startswith("saved_search.")]
        assert mine == [
            ("saved_search.created", created),
            ("saved_search.deleted", tombstone),
            ("saved_search.created", sentinel),
        ]
        delete(api, sentinel["id"])
        await owner.wait_for(lambda events: sum(e.type == "saved_search.deleted" for e in events) == 2)
    assert not [e for e in other.events if e.type.startswith("saved_search.")]


async def test_new_jobs_are_matched_like_the_job_search_finds_them(scratch_server: SandboxServer) -> None:
    server = scratch_server
    demo, client2 = api_for(server), api_for(server, CLIENT2)
    everything = create(demo, "Everything", min_budget="0")
    never = create(demo, "Never", q="zzzxqwv")
    hourly = create(demo, "Hourly", job_type="hourly")
    fixed = create(demo, "Fixed", job_type="fixed")
    fresh = create(demo, "Fresh (ignored for new jobs)", posted_within_hours=0.001)
    gone = create(demo, "Deleted", min_budget="0")
    delete(demo, gone["id"])
    theirs_never = create(client2, "Never either", q="zzzxqwv")
    theirs_sentinel = create(client2, "Sentinel", q="quokkaflux")
    live = sorted(demo.walk("/v1/saved-searches", limit=500), key=lambda s: (s["created_at"], s["id"]))
    high_water = max(j["updated_at"] for j in demo.walk("/v1/jobs", limit=500))

    async with listening(server, DEMO) as stream, listening(server, CLIENT2) as client_stream:
        jobs = [server.simulator.add_job() for _ in range(8)]
        sentinel_job = server.store.insert_job(_crafted_job(server, "Quokkaflux sentinel for the client"))
        await client_stream.wait_for(lambda events: bool(matched(events, sentinel_job["id"])))
        await stream.wait_for(lambda events: bool(matched(events, sentinel_job["id"])))

    new_jobs = {j["id"] for j in demo.walk("/v1/jobs", updated_since=high_water, limit=500)}
    assert new_jobs == {j["id"] for j in jobs} | {sentinel_job["id"]}
    found_by = {
        s["id"]: {
            j["id"]
            for j in demo.walk("/v1/jobs", updated_since=high_water, limit=500, **job_params(s["query"]))
        }
        for s in live
    }
    for job in [*jobs, sentinel_job]:
        expected = [s["id"] for s in live if job["id"] in found_by[s["id"]]]
        events = [e for e in stream.events if e.type == "job.matched" and e.data["job"]["id"] == job["id"]]
        assert len(events) == 1, f"one job.matched per job and account, got {len(events)}"
        assert events[0].data == {"job": job, "saved_search_ids": expected}
        created_event = next(
            e for e in stream.events if e.type == "job.created" and e.data["id"] == job["id"]
        )
        assert created_event.data == job
        assert created_event.id < events[0].id
        ids = events[0].data["saved_search_ids"]
        assert everything["id"] in ids
        assert fresh["id"] in ids
        assert never["id"] not in ids
        assert gone["id"] not in ids
        assert (hourly["id"] in ids) != (fixed["id"] in ids)
        assert (hourly["id"] in ids) == (job["job_type"] == "hourly")
    # The client's searches found only the sentinel job: the other new jobs told them nothing.
    client_matches = [e.data for e in client_stream.events if e.type == "job.matched"]
    assert client_matches == [{"job": sentinel_job, "saved_search_ids": [theirs_sentinel["id"]]}]
    assert theirs_never["id"] not in str(client_matches)
    assert {e.data["id"] for e in client_stream.events if e.type == "job.created"} == new_jobs


async def test_filters_match_with_job_search_semantics(scratch_server: SandboxServer) -> None:
    server = scratch_server
    demo = api_for(server)
    for search in demo.walk("/v1/saved-searches"):
        delete(demo, search["id"])  # only this test's searches below
    row = _crafted_job(server, "Wombatlex data migration", verified=False)
    cents = row["budget_value_cents"]
    budget, below, above = (f"{c // 100}.{c % 100:02d}" for c in (cents, cents - 1, cents + 1))
    hits = [
        create(demo, "Word", q="wombatlex"),
        create(demo, "Prefix", q="WOMBAT"),
        create(demo, "Budget at the edge", q="wombatlex", min_budget=budget, max_budget=budget),
        create(demo, "Unverified", q="wombatlex", payment_verified=False, max_proposals=0),
        create(demo, "Category", q="wombatlex migration", category=row["category"], job_type=row["job_type"]),
        create(demo, "Level", experience_level=row["experience_level"], q="wombatlex"),
    ]
    other_category = "Legal" if row["category"] != "Legal" else "Web Development"
    other_type = "fixed" if row["job_type"] == "hourly" else "hourly"
    misses = [
        create(demo, "Other words", q="wombatlex kangaroo"),
        create(demo, "Verified only", q="wombatlex", payment_verified=True),
        create(demo, "Too cheap", q="wombatlex", max_budget=below),
        create(demo, "Too dear", q="wombatlex", min_budget=above),
        create(demo, "Other category", q="wombatlex", category=other_category),
        create(demo, "Other type", q="wombatlex", job_type=other_type),
    ]
    async with listening(server, DEMO) as stream:
        job = server.store.insert_job(row)
        await stream.wait_for(lambda events: bool(matched(events, job["id"])))
    assert matched(stream.events, job["id"]) == [[s["id"] for s in hits]]
    # The same searches as GET /v1/jobs parameters agree (what a client would show for a saved search).
    for search in hits + misses:
        found = {j["id"] for j in demo.walk("/v1/jobs", limit=500, **job_params(search["query"]))}
        assert (job["id"] in found) == (search in hits), search["name"]
    assert not [s for s in misses if s["id"] in str(stream.events)]


def _crafted_job(server: SandboxServer, title: str, verified: bool | None = None) -> dict[str, Any]:
    """A job row as the simulator makes them, with a title of our own (and a client of a known kind)."""
    client_id = None
    if verified is not None:
        api = api_for(server)
        client_id = next(
            j["client"]["id"] for j in api.walk("/v1/jobs", limit=500, payment_verified=verified)
        )
    row = JobFactory(random.Random(title), server.store.client_ids()).make(client_id=client_id)
    row["title"] = title
    return row
