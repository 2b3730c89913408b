"""The simulator's steps (new jobs, client replies, proposal moves, money clearing), its background
loop, and a restart on the same database file."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from desktop.sandbox.clock import utcnow
from desktop.sandbox.upwork.harness import UpworkSandboxServer
from tests.sandbox.upwork.conftest import Gql

SEND = 'mutation($r: ID!) { createRoomStoryV2(input: {roomId: $r, message: "Any news?"}) { id } }'


def test_tick_brings_a_client_reply_and_a_new_job(fresh: UpworkSandboxServer, fresh_gql: Gql) -> None:
    room = fresh.room_ids()[-1]
    fresh_gql(SEND, {"r": room})
    newest_before = fresh_gql("{ marketplaceJobPostingsSearch { edges { node { id } } } }")
    report = fresh.tick()
    assert report.new_jobs
    assert report.replies
    stories = fresh.stories(room)
    assert stories[-2]["message"] == "Any news?"
    assert stories[-1]["id"] in report.replies
    assert stories[-1]["user_id"] != stories[-2]["user_id"]
    newest = fresh_gql("{ marketplaceJobPostingsSearch { edges { node { id } } } }")
    first_before = newest_before["marketplaceJobPostingsSearch"]["edges"][0]["node"]["id"]
    assert newest["marketplaceJobPostingsSearch"]["edges"][0]["node"]["id"] in report.new_jobs
    assert first_before not in report.new_jobs
    assert not fresh.tick().replies  # answered already: no second reply


def test_proposals_move_and_money_clears(fresh: UpworkSandboxServer) -> None:
    moves = [move for _ in range(30) for move in fresh.tick().proposals]
    assert moves
    assert {status for _id, status in moves} <= {"Activated", "Offered", "Hired", "Declined"}
    pending = fresh.db.scalar("SELECT COUNT(*) FROM transactions WHERE status = 'Pending'")
    assert pending > 0
    cleared = fresh.tick(now=utcnow() + timedelta(days=10)).cleared
    assert len(cleared) == pending
    assert fresh.db.scalar("SELECT COUNT(*) FROM transactions WHERE status = 'Pending'") == 0


def test_background_simulation(tmp_path: Path) -> None:
    with UpworkSandboxServer(
        tmp_path / "sim.sqlite3", simulate=True, sim_interval=0.1, rate_limit_per_second=0
    ) as server:
        before = server.db.scalar("SELECT COUNT(*) FROM jobs")
        deadline = time.monotonic() + 5
        while server.db.scalar("SELECT COUNT(*) FROM jobs") == before and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.db.scalar("SELECT COUNT(*) FROM jobs") > before


def test_restart_on_the_same_db_file(tmp_path: Path) -> None:
    db = tmp_path / "restart.sqlite3"
    with UpworkSandboxServer(db, rate_limit_per_second=0) as first:
        port = first.port
        first.tick()
        tokens = first.issue_tokens()
        jobs = first.db.scalar("SELECT COUNT(*) FROM jobs")
        first.stop()
        assert not first.running
        first.start()  # same port, same data
        assert first.port == port
        assert Gql(first, tokens["access_token"])("{ user { id } }")["user"]["id"]
    with UpworkSandboxServer(db, rate_limit_per_second=0) as second:  # a new process-like harness
        assert second.db.scalar("SELECT COUNT(*) FROM jobs") == jobs  # not seeded twice
        report = second.tick()  # the simulator's RNG starts over: ids must still be new
        assert second.db.scalar("SELECT COUNT(*) FROM jobs") == jobs + len(report.new_jobs)
        room = second.room_ids()[0]
        second.add_client_reply(room, "after restart")
        gql = Gql(second, tokens["access_token"])  # tokens survive in the file
        assert gql("{ user { id } }")["user"]["id"]


def test_same_seed_same_world(tmp_path: Path) -> None:
    titles = []
    for name in ("a", "b"):
        with UpworkSandboxServer(tmp_path / f"{name}.sqlite3") as server:
            titles.append([r["title"] for r in server.db.all("SELECT title FROM jobs ORDER BY id")])
    assert titles[0] == titles[1]
    assert len(titles[0]) > 300


def test_main_help_mentions_the_temp_file() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop.sandbox.upwork", "--help"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert "--db" in result.stdout
    assert "lost on restart" in result.stdout
    assert "--simulate" in result.stdout
