"""The first frame: the window shows the cache before the account's services exist
(desktop/services/pending.py), with only the pane on screen built; ``attach`` brings the services, the other
panes and their badges. Start-up paints that frame without the marketplace adapter, httpx, the outbox or the
panes not on screen."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from desktop.api.capabilities import REFERENCE_CAPABILITIES
from desktop.core.clock import utcnow
from desktop.core.models import JobFilter
from desktop.services.events import EventBus
from desktop.services.pending import PendingServices
from desktop.storage import jobs as jobs_repo
from desktop.storage import saved_searches as saved_repo
from desktop.storage.db import Database, in_use_marker
from desktop.ui.main_window import PANES, MainWindow
from tests.benchmarks.bench_startup import ACCOUNT, SERVER, prepare
from tests.support.local_services import CLOSED_PORT_URL, local_services
from tests.ui import builders
from tests.ui.fakes import FakeServices, FakeSync

ROOT = Path(__file__).resolve().parents[2]


def pending_on(db: Database) -> PendingServices:
    return PendingServices(db, EventBus(), account_label="ada@example.com", server_url=CLOSED_PORT_URL,
                           capabilities=REFERENCE_CAPABILITIES)


def services_on(pending: PendingServices) -> FakeServices:
    """The account's services (their outbox not started), on the bus the window listens to already."""
    real = local_services(pending.db, builders.ME_ID, builders.ME_NAME, bus=pending.bus)
    return FakeServices(db=pending.db, bus=pending.bus, sync=FakeSync(pending.sync.status),
                        outbox=real.outbox, chat=real.chat, proposals=real.proposals,
                        saved_searches=real.saved_searches, job_marks=real.job_marks)


def window_on(qtbot: Any, pending: PendingServices, settings: QSettings) -> MainWindow:
    window = MainWindow(pending, settings, attached=False)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_first_frame_shows_the_cached_feed_and_the_rest_follows_the_services(
        qtbot: Any, filled_db: Database, settings: QSettings) -> None:
    pending = pending_on(filled_db)
    window = window_on(qtbot, pending, settings)
    assert list(window.built_panes()) == ["jobs"]
    assert window.jobs.model.total == filled_db.read_now(jobs_repo.total)  # the feed, read synchronously
    assert window.jobs.model.rowCount() > 0
    assert window.status_label.text() == "Syncing…"
    assert window.sync_button.isEnabled() is False
    assert window.unread_badge() == 0  # the panes that count them come with attach()
    assert window.invitations_badge() == 0
    assert window.attention is None  # "Needs your attention" comes with the services
    assert window.open_attention() is None

    services = services_on(pending)
    window.attach(services)
    pending.attach(services)  # type: ignore[arg-type]
    assert set(window.built_panes()) == set(PANES)
    assert window.current_pane() == "jobs"
    assert window.stack.currentWidget() is window.jobs
    assert window.invitations_badge() == 2  # read at once from the cache by the Proposals pane
    qtbot.waitUntil(lambda: window.unread_badge() == 3, timeout=3000)  # the rooms are read off the UI thread


def test_after_start_up_the_other_panes_are_built_one_at_a_time_or_when_asked_for(
        qtbot: Any, filled_db: Database, settings: QSettings) -> None:
    pending = pending_on(filled_db)
    window = window_on(qtbot, pending, settings)
    services = services_on(pending)
    window.attach(services, panes_at_once=False)
    pending.attach(services)  # type: ignore[arg-type]
    assert list(window.built_panes()) == ["jobs"]  # each follows on its own turn of the event loop
    window.show_pane("earnings")  # asked for first: built at once
    assert window.current_pane() == "earnings"
    assert window.stack.currentWidget() is window.built_panes()["earnings"]
    qtbot.waitUntil(lambda: set(window.built_panes()) == set(PANES), timeout=3000)
    qtbot.waitUntil(lambda: window.unread_badge() == 3, timeout=3000)
    assert window.invitations_badge() == 2


def test_the_pane_shown_last_is_the_one_built_for_the_first_frame(
        qtbot: Any, filled_db: Database, settings: QSettings) -> None:
    first = window_on(qtbot, pending_on(filled_db), settings)
    first.show_pane("messages")  # built on demand
    assert list(first.built_panes()) == ["jobs", "messages"]
    first.save_state()
    first.shutdown()  # closed before the services came: only its panes to close
    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    window = window_on(qtbot, pending_on(filled_db), again)
    assert window.current_pane() == "messages"
    assert list(window.built_panes()) == ["messages"]
    qtbot.waitUntil(lambda: window.unread_badge() == 3, timeout=3000)  # that pane counts its rooms itself


def test_a_saved_search_made_before_the_services_exist_is_kept_once_they_arrive(
        qtbot: Any, filled_db: Database, settings: QSettings) -> None:
    seen = utcnow() - timedelta(hours=1)
    filled_db.write_now(lambda c: saved_repo.insert_local(c, "Stripe", JobFilter(query="stripe"), "k1", seen))
    pending = pending_on(filled_db)
    window = window_on(qtbot, pending, settings)
    window.jobs.search.setText("python")
    qtbot.waitUntil(lambda: window.jobs.current_filter().query == "python", timeout=3000)
    window.jobs.save_current_search("Python")
    qtbot.wait(100)
    assert not window.jobs.saved_bar.chips  # the saved searches, and the new one, wait for the services
    assert [s.name for s in filled_db.read_now(saved_repo.list)] == ["Stripe"]

    services = services_on(pending)
    window.attach(services)
    pending.attach(services)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: {c.search.name for c in window.jobs.saved_bar.chips} == {"Stripe", "Python"},
                    timeout=3000)
    assert sorted(s.name for s in filled_db.read_now(saved_repo.list)) == ["Python", "Stripe"]


def test_start_up_paints_the_cache_before_it_imports_the_services(tmp_path: Path) -> None:
    """``--startup-probe`` quits right after the first frame: what it imported by then is what the first
    frame cost; its quit closes the cache in order though no service was built."""
    prepare(tmp_path, 300)
    code = ("import sys\n"
            "from desktop.app import main\n"
            f"code = main(['--basedir', {str(tmp_path)!r}, '--startup-probe'])\n"
            "heavy = ['httpx', 'desktop.api.client', 'desktop.services.container',\n"
            "         'desktop.services.outbox', 'desktop.services.sync', 'desktop.ui.proposals_pane',\n"
            "         'desktop.ui.messages_pane',\n"
            "         'desktop.ui.earnings_pane', 'desktop.storage.rescue']\n"
            "print('imported:', [name for name in heavy if name in sys.modules], code)\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120, check=True)
    assert "STARTUP_READY" in out.stdout
    assert "imported: [] 0" in out.stdout
    from desktop.paths import AppPaths

    cache = AppPaths.under(tmp_path).account_db(SERVER, ACCOUNT)
    assert not in_use_marker(cache).exists()  # closed cleanly
