"""The end-to-end stories of the spine: the whole app, its window and the real reference server."""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

import pytest

from desktop.core.models import ConnectionState, ProposalDraft
from desktop.core.money import Money
from desktop.sandbox.faults import FaultKind
from desktop.sandbox.harness import SandboxServer
from desktop.sandbox.upwork.harness import UpworkSandboxServer
from desktop.storage import jobs, messages, proposals
from tests.e2e.conftest import AppDriver, MarketplaceUser, run
from tests.e2e.peers import Peer


def test_fresh_demo_start_shows_the_seeded_data_in_all_four_panes(driver: AppDriver, qtbot: Any) -> None:
    from desktop.settings import Settings

    app = driver.start(demo=True, settings=Settings(demo_simulate=False))
    driver.wait_synced(timeout_ms=60_000)
    assert isinstance(app.demo_server, SandboxServer)
    expected = app.demo_server.counts()
    window = driver.window

    qtbot.waitUntil(lambda: window.jobs.model.total == expected["jobs"], timeout=5000)
    assert window.jobs.model.rowCount() > 0
    assert f"{expected['jobs']:,}" in window.jobs.count_label.text()

    window.show_pane("proposals")
    qtbot.waitUntil(lambda: window.proposals.counts.active + window.proposals.counts.hired
                    + window.proposals.counts.archived == expected["proposals"], timeout=5000)
    invitations = MarketplaceUser(app.demo_server, "demo@atelier.test").all("/v1/invitations")
    assert len(invitations) == expected["invitations"]
    # the Invitations tab counts those still waiting for an answer
    assert window.proposals.counts.invitations == sum(i["status"] == "pending" for i in invitations)

    window.show_pane("messages")
    qtbot.waitUntil(lambda: window.messages.rooms_model.rowCount() == expected["rooms"], timeout=5000)
    assert run(qtbot, driver.services.db.read(lambda c: messages.count(c))) == expected["messages"]

    window.show_pane("earnings")
    qtbot.waitUntil(lambda: window.earnings.tx_model.total == expected["transactions"], timeout=5000)
    assert window.earnings.card_text("available") not in ("", "—")
    assert len(window.earnings.bar_values()) == 12
    assert window.self_check() == []  # what `atelier --self-test` asks of the window


def test_fresh_upwork_demo_start_fills_all_four_panes(driver: AppDriver, qtbot: Any) -> None:
    """``atelier --demo upwork``: the window on the embedded Upwork-shaped marketplace."""
    from desktop.settings import Settings

    app = driver.start(demo=True, demo_kind="upwork", settings=Settings(demo_simulate=False))
    driver.wait_synced(timeout_ms=90_000)
    server = app.demo_server
    assert isinstance(server, UpworkSandboxServer)
    window = driver.window
    counted = server.db.one("SELECT count(*) AS n FROM jobs WHERE status = 'OPEN'")
    assert counted is not None
    open_jobs = counted["n"]
    qtbot.waitUntil(lambda: window.jobs.model.total == open_jobs, timeout=5000)
    first = window.jobs.model.job_at(0)
    assert first is not None
    assert first.url.startswith("https://www.upwork.com/jobs/~")
    window.show_pane("proposals")
    qtbot.waitUntil(lambda: window.proposals.counts.active > 0, timeout=5000)
    window.show_pane("messages")
    qtbot.waitUntil(lambda: window.messages.rooms_model.rowCount() == len(server.room_ids()), timeout=5000)
    window.show_pane("earnings")
    qtbot.waitUntil(lambda: window.earnings.tx_model.total > 0, timeout=5000)
    assert window.self_check() == []
    assert "Upwork" in window.account.marketplace  # the account button names the marketplace under the user


def test_a_client_message_appears_in_the_open_window_within_the_marketplaces_delay(
        driver: AppDriver, peer: Peer, qtbot: Any) -> None:
    """Within a second where the marketplace pushes; within the open room's poll interval where it does not
    (Upwork)."""
    peer.sign_in(driver.paths)
    driver.start(server=peer.url)
    driver.wait_synced(timeout_ms=60_000)
    room_id = peer.room_id()
    window = driver.window
    window.show()
    window.activateWindow()
    window.show_pane("messages")
    window.messages.open_room(room_id)
    qtbot.waitUntil(lambda: window.messages.room_id == room_id, timeout=3000)
    window._report_open_room()

    body = f"Can you start on Monday? ({time.monotonic_ns()})"
    sent_at = time.monotonic()
    peer.client_says(room_id, body)
    qtbot.waitUntil(lambda: any(m.body == body for m in window.messages.thread_model.messages()),
                    timeout=int(peer.live_within * 1000))
    assert time.monotonic() - sent_at < peer.live_within


def test_offline_actions_arrive_exactly_once_and_in_order_when_the_server_returns(
        driver: AppDriver, peer: Peer, qtbot: Any) -> None:
    peer.sign_in(driver.paths)
    driver.start(server=peer.url)
    driver.wait_synced(timeout_ms=60_000)
    room_id = peer.room_id()
    before = peer.bodies_in(room_id)
    job = run(qtbot, driver.services.db.read(lambda c: _a_job_to_apply_to(c)))
    sends_proposals = driver.services.api.capabilities.submit_proposals

    peer.server.stop()
    # With push the dropped stream says so at once; a polled marketplace is found gone at the next poll,
    # or at once when the user presses "Sync now".
    driver.window.sync_button.click()
    qtbot.waitUntil(lambda: driver.state() is ConnectionState.OFFLINE, timeout=20_000)
    assert "Offline" in driver.window.status_label.text()

    window = driver.window
    window.show_pane("messages")
    window.messages.open_room(room_id)
    qtbot.waitUntil(lambda: window.messages.room_id == room_id, timeout=3000)
    first, second = "First, while offline.", "Second, while offline."
    for body in (first, second):
        window.messages.composer.setPlainText(body)
        window.messages.send_current()
        qtbot.waitUntil(lambda body=body: any(
            m.body == body and m.state.value == "sending" for m in window.messages.thread_model.messages()),
            timeout=3000)
    queued = 2
    if sends_proposals:
        letter = "I have shipped three similar projects this year. " * 3
        draft = ProposalDraft(job_id=job.id, cover_letter=letter, bid=Money.of("950"),
                              duration="1 to 3 months", fee_rate=job.fee_rate, job_title=job.title)
        run(qtbot, driver.services.proposals.submit(draft))
        queued += 1
    # the messages (and the proposal; opening the room may also have queued its read receipt)
    qtbot.waitUntil(lambda: driver.pending_outbox() >= queued, timeout=5000)

    peer.server.start()
    qtbot.waitUntil(lambda: driver.pending_outbox() == 0, timeout=60_000)

    assert peer.bodies_in(room_id) == [*before, first, second]
    if sends_proposals:
        freelancer = MarketplaceUser(peer.server, peer.account)
        try:
            applied = [p for p in freelancer.all("/v1/proposals") if p["job_id"] == job.id]
        finally:
            freelancer.close()
        assert len(applied) == 1
        assert Decimal(applied[0]["bid"]["amount"]) == Decimal("950")
    qtbot.waitUntil(lambda: all(
        m.state.value == "sent" for m in window.messages.thread_model.messages()), timeout=5000)


def _a_job_to_apply_to(conn: Any) -> Any:
    applied = proposals.applied_job_ids(conn)
    from desktop.core.models import JobFilter

    for job in jobs.page(conn, JobFilter(), 0, 200):
        if job.id not in applied and job.status == "open" and not job.screening_questions:
            return job
    raise AssertionError("no open job left to apply to")


def test_restart_with_the_server_down_shows_the_cache_and_offline(
        driver: AppDriver, peer: Peer, qtbot: Any) -> None:
    peer.sign_in(driver.paths)
    driver.start(server=peer.url)
    driver.wait_synced(timeout_ms=60_000)
    cached_jobs = driver.window.jobs.model.total
    assert cached_jobs > 0
    driver.stop()

    peer.server.stop()
    driver.start(server=peer.url)
    window = driver.window
    assert window.jobs.model.total == cached_jobs  # shown from the cache straight away
    qtbot.waitUntil(lambda: driver.state() is ConnectionState.OFFLINE, timeout=20_000)
    assert "Offline" in window.status_label.text()
    window.show_pane("messages")
    assert window.messages.rooms_model.rowCount() > 0

    peer.server.start()  # and it catches up by itself once the server is back
    qtbot.waitUntil(lambda: driver.state() is ConnectionState.ONLINE, timeout=60_000)


@pytest.mark.parametrize(("kind", "says"), [
    ("error", "server has a problem"),
    ("rate_limit", "busy"),
    ("garbage", "could not understand"),
])
def test_a_misbehaving_server_shows_a_clear_state_and_the_app_recovers(
        driver: AppDriver, peer: Peer, qtbot: Any, kind: FaultKind, says: str) -> None:
    peer.sign_in(driver.paths)
    driver.start(server=peer.url)
    driver.wait_synced(timeout_ms=60_000)
    window = driver.window

    peer.break_with(kind)
    window.sync_button.click()
    qtbot.waitUntil(lambda: driver.state() is ConnectionState.OFFLINE, timeout=60_000)
    detail = driver.services.sync.status.detail
    assert says in detail.lower(), detail
    assert "retrying" in detail
    window.show_pane("jobs")  # still responsive
    assert window.jobs.model.total > 0

    peer.mend()
    window.sync_button.click()  # "Sync now" skips the wait of the backoff
    qtbot.waitUntil(lambda: driver.state() is ConnectionState.ONLINE, timeout=60_000)


def test_a_hanging_server_does_not_freeze_the_window(
        driver: AppDriver, sandbox: Any, marketplace_user: Any, qtbot: Any) -> None:
    driver.sign_in(sandbox.url)
    driver.start(server=sandbox.url)
    driver.wait_synced()
    window = driver.window

    sandbox.faults.add("hang", count=None, path_prefix="/v1/me", delay=60)
    window.sync_button.click()
    qtbot.waitUntil(lambda: driver.state() is ConnectionState.SYNCING, timeout=5000)
    started = time.monotonic()
    qtbot.wait(300)  # the loop keeps turning while the request hangs
    assert time.monotonic() - started < 2
    window.show_pane("earnings")
    assert window.current_pane() == "earnings"

    sandbox.faults.clear()  # the hung request is released; the pull completes
    qtbot.waitUntil(lambda: driver.state() is ConnectionState.ONLINE, timeout=30_000)
