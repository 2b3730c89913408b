from __future__ import annotations

import uuid
from typing import Any

from desktop.sandbox.harness import SandboxServer

from .conftest import Api, api_for, assert_problem, listening

COVER = "I have shipped three projects like this one and would start with a short written plan. " * 2
STATUSES = ("submitted", "viewed", "interviewing", "offer", "hired", "declined", "withdrawn", "archived")


def open_job_without_proposal(api: Api, max_connects: int = 16, questions: bool = False,
                              job_type: str | None = None) -> dict[str, Any]:
    """An open job not applied to; ``questions``: one that asks screening questions (else one that asks
    none, so a letter and a bid are the whole proposal)."""
    applied = {p["job_id"] for p in api.walk("/v1/proposals", limit=500)}
    for job in api.walk("/v1/jobs", limit=500):
        if (job["status"] == "open" and job["id"] not in applied and job["connects_required"] <= max_connects
                and bool(job["screening_questions"]) == questions
                and job_type in (None, job["job_type"])):
            return job
    raise AssertionError("no open job left to apply to")


def proposal_body(job_id: str, amount: str = "500.00", questions: list[dict[str, str]] | None = None
                  ) -> dict[str, Any]:
    """A proposal for ``job_id``, answering ``questions`` (the job's screening questions) if given."""
    body: dict[str, Any] = {
        "job_id": job_id,
        "cover_letter": COVER,
        "bid": {"amount": amount, "currency": "USD"},
        "duration": "1 to 3 months",
    }
    if questions:
        body["answers"] = [{"question_id": q["id"], "answer": f"My answer to {q['id']}."} for q in questions]
    return body


def test_seed_has_proposals_in_every_status(scratch_server: SandboxServer) -> None:
    api = api_for(scratch_server)  # a fresh seed: other tests move the shared server's proposals along
    for status in STATUSES:
        items = api.walk("/v1/proposals", status=status)
        assert items, f"no {status} proposal"
        assert {p["status"] for p in items} == {status}
    invited = [p for p in api.walk("/v1/proposals") if p["invited"]]
    assert invited


def test_create_spends_connects_and_counts_on_the_job(api: Api) -> None:
    job = open_job_without_proposal(api)
    connects_before = api.ok("/v1/me")["connects"]
    response = api.post("/v1/proposals", proposal_body(job["id"], "1234.5"))
    assert response.status_code == 201, response.text
    proposal = response.json()
    assert proposal["id"].startswith("prp_")
    assert proposal["status"] == "submitted"
    assert proposal["job_id"] == job["id"]
    assert proposal["job_title"] == job["title"]
    assert proposal["client_name"] == job["client"]["name"]
    assert proposal["bid"] == {"amount": "1234.50", "currency": "USD"}
    assert proposal["connects_spent"] == job["connects_required"]
    assert proposal["fee_rate"] == job["fee_rate"]
    assert api.ok("/v1/me")["connects"] == connects_before - job["connects_required"]
    assert api.ok(f"/v1/jobs/{job['id']}")["proposals_count"] == job["proposals_count"] + 1
    assert proposal in api.walk("/v1/proposals", status="submitted")


def test_validation_problems(api: Api) -> None:
    job = open_job_without_proposal(api)
    short = {**proposal_body(job["id"]), "cover_letter": "Too short."}
    assert_problem(api.post("/v1/proposals", short), 422, "validation")
    for amount in ("0", "-10.00", "ten"):
        assert_problem(api.post("/v1/proposals", proposal_body(job["id"], amount)), 422, "validation")
    assert_problem(api.post("/v1/proposals", {"job_id": job["id"]}), 422, "validation")
    assert_problem(api.post("/v1/proposals", proposal_body("job_missing")), 404, "not-found")


def test_closed_job_and_second_proposal_conflict(api: Api) -> None:
    closed = next(j for j in api.walk("/v1/jobs", limit=500) if j["status"] == "closed")
    assert_problem(api.post("/v1/proposals", proposal_body(closed["id"])), 409, "conflict")
    job = open_job_without_proposal(api)
    assert api.post("/v1/proposals", proposal_body(job["id"])).status_code == 201
    assert_problem(api.post("/v1/proposals", proposal_body(job["id"])), 409, "conflict")


def test_not_enough_connects_conflict(scratch_server: SandboxServer) -> None:
    api = api_for(scratch_server)
    jobs = [j for j in api.walk("/v1/jobs", limit=500) if j["status"] == "open"]
    applied = {p["job_id"] for p in api.walk("/v1/proposals", limit=500)}
    refused = None
    for job in jobs:
        if job["id"] in applied:
            continue
        response = api.post("/v1/proposals", proposal_body(job["id"], questions=job["screening_questions"]))
        if response.status_code == 409:
            refused = response
            break
        assert response.status_code == 201
    assert refused is not None, "connects never ran out"
    assert "connects" in assert_problem(refused, 409, "conflict")["detail"]
    api.close()


def test_idempotent_create_replays_and_conflicts(api: Api, server: SandboxServer) -> None:
    job = open_job_without_proposal(api)
    key = str(uuid.uuid4())
    first = api.post("/v1/proposals", proposal_body(job["id"]), key=key)
    assert first.status_code == 201
    count = server.counts()["proposals"]
    connects = api.ok("/v1/me")["connects"]
    again = api.post("/v1/proposals", proposal_body(job["id"]), key=key)
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers.get("idempotent-replayed") == "true"
    assert server.counts()["proposals"] == count
    assert api.ok("/v1/me")["connects"] == connects
    different = api.post("/v1/proposals", proposal_body(job["id"], "999.00"), key=key)
    assert_problem(different, 409, "conflict")
    assert_problem(api.post("/v1/proposals", proposal_body(job["id"]), key="k" * 201), 422, "validation")


def test_withdraw(api: Api) -> None:
    job = open_job_without_proposal(api)
    created = api.post("/v1/proposals", proposal_body(job["id"])).json()
    response = api.http.post(f"/v1/proposals/{created['id']}/withdraw")
    assert response.status_code == 200
    withdrawn = response.json()
    assert withdrawn["status"] == "withdrawn"
    assert withdrawn["updated_at"] > created["updated_at"]
    assert_problem(api.http.post(f"/v1/proposals/{created['id']}/withdraw"), 409, "conflict")
    hired = api.walk("/v1/proposals", status="hired")[0]
    assert_problem(api.http.post(f"/v1/proposals/{hired['id']}/withdraw"), 409, "conflict")
    assert_problem(api.http.post("/v1/proposals/prp_nope/withdraw"), 404, "not-found")


def test_clients_cannot_send_proposals(client_api: Api, api: Api) -> None:
    job = open_job_without_proposal(api)
    assert_problem(client_api.post("/v1/proposals", proposal_body(job["id"])), 403, "forbidden")


def test_simulator_moves_a_proposal_along_the_lifecycle(api: Api, server: SandboxServer) -> None:
    job = open_job_without_proposal(api)
    proposal = api.post("/v1/proposals", proposal_body(job["id"])).json()
    seen = [proposal["status"]]
    while (moved := server.simulator.advance_proposal(proposal["id"])) is not None:
        seen.append(moved["status"])
    assert seen == ["submitted", "viewed", "interviewing", "offer", "hired"]
    delta = api.walk("/v1/proposals", updated_since=proposal["updated_at"])
    assert [p["id"] for p in delta] == [proposal["id"]]
    assert delta[0]["status"] == "hired"


def test_invitations(api: Api) -> None:
    invitations = api.walk("/v1/invitations")
    assert len(invitations) >= 3
    assert {"pending", "accepted", "declined"} <= {i["status"] for i in invitations}
    for invitation in invitations:
        assert invitation["id"].startswith("inv_")
        assert invitation["message"]
        assert invitation["job_title"]


async def test_declining_and_accepting_invitations(scratch_server: SandboxServer) -> None:
    server = scratch_server
    api = api_for(server)
    pending = [i for i in api.walk("/v1/invitations") if i["status"] == "pending"]
    assert len(pending) >= 2
    to_decline, to_accept = pending[0], pending[1]
    async with listening(server) as stream:
        declined = api.post(f"/v1/invitations/{to_decline['id']}/decline", json=None)
        assert declined.status_code == 200
        assert declined.json()["status"] == "declined"
        again = api.post(f"/v1/invitations/{to_decline['id']}/decline", json=None)
        assert again.status_code == 200
        assert again.json() == declined.json()  # idempotent, no second event
        # A proposal for the other invited job accepts that invitation.
        questions = api.ok(f"/v1/jobs/{to_accept['job_id']}")["screening_questions"]
        created = api.post("/v1/proposals", json=proposal_body(to_accept["job_id"], questions=questions))
        assert created.status_code == 201
        assert created.json()["invited"] is True
        await stream.wait_for(lambda events: sum(e.type == "invitation.updated" for e in events) >= 2)
        updates = [(e.data["id"], e.data["status"]) for e in stream.events if e.type == "invitation.updated"]
        assert updates == [(to_decline["id"], "declined"), (to_accept["id"], "accepted")]
    refused = api.post(f"/v1/invitations/{to_accept['id']}/decline", json=None)
    assert_problem(refused, 409, "conflict")
    assert_problem(api.post("/v1/invitations/inv_nope/decline", json=None), 404, "not-found")
    other = api_for(server, "client1@atelier.test")
    assert_problem(other.post(f"/v1/invitations/{to_decline['id']}/decline", json=None), 404, "not-found")
