"""Render offscreen screenshots of every pane and the proposal dialog, in light and dark.

    .venv/bin/python tests/ui/render_screenshots.py OUTDIR [--scheme light|dark|both] [--lang CODE]

Builds a realistic cache in a temporary directory (tests/ui/builders.py), opens MainWindow at 1280x800 and
saves ``<pane>.png`` / ``<pane>-dark.png`` for jobs, proposals, messages, earnings, proposal-dialog,
invitation, account-menu and welcome (with two accounts already signed in). ``--lang fr`` renders them in
French (as ``atelier --lang fr`` would show them).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ATELIER_NO_CRASH_DIALOG", "1")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.core.clock import format_ts  # noqa: E402
from desktop.core.models import ConnectionState, JobFilter, JobType, ProposalDraft, SyncStatus  # noqa: E402
from desktop.core.money import Money  # noqa: E402
from desktop.services.sync import LAST_SYNCED_AT  # noqa: E402
from desktop.storage import drafts, messages, rooms, saved_searches, sync_state, templates  # noqa: E402
from desktop.storage.db import Database  # noqa: E402
from desktop.ui import i18n  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.proposals_pane import TAB_DRAFTS, TAB_INVITES  # noqa: E402
from desktop.ui.signin import WelcomeWindow  # noqa: E402
from desktop.ui.theme import apply_theme  # noqa: E402
from tests.ui import builders  # noqa: E402
from tests.ui.fakes import make_services  # noqa: E402


def settle(app: QApplication, rounds: int = 5) -> None:
    """Let the window draw and its presenters finish their reads (they run on the asyncio loop)."""
    loop = asyncio.get_event_loop()
    for _ in range(rounds):
        loop.run_until_complete(asyncio.sleep(0.03))
        app.processEvents()


def drive(app: QApplication, done: Callable[[], bool], rounds: int = 40) -> None:
    """Run the asyncio loop a little (what a widget reads off the UI thread arrives through it)."""
    loop = asyncio.get_event_loop()
    for _ in range(rounds):
        settle(app)
        if done():
            return
        loop.run_until_complete(asyncio.sleep(0.05))


def save(widget: QWidget, path: Path) -> None:
    pixmap = widget.grab()
    pixmap.save(str(path), "PNG", 9)
    print(f"{path}  {pixmap.width()}x{pixmap.height()}  {path.stat().st_size // 1024} KB")


def render(app: QApplication, outdir: Path, dark: bool, workdir: Path) -> None:
    theme = apply_theme(app, Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
    suffix = "-dark" if dark else ""
    db = Database.open(workdir / f"cache{suffix}.sqlite3")
    world = builders.world()
    db.write_now(lambda c: builders.write_world(c, world, builders.filler_jobs(1990, world.now)))

    def outgoing(c: sqlite3.Connection) -> None:
        # the open conversation: already read, with one message still in the outbox ("Sending…")
        rooms.set_unread(c, "room-1", 0)
        messages.insert_local(
            c,
            "room-1",
            "I'll also need read access to the staging API.",
            builders.ME_ID,
            builders.ME_NAME,
            "shot-1",
            world.now,
        )

    db.write_now(outgoing)

    def saved(c: sqlite3.Connection) -> None:
        # three saved searches, last opened a day ago: their chips count what was posted since
        for key, name, f in (("s1", "Kubernetes", JobFilter(query="kubernetes")),
                             ("s2", "React, verified clients",
                              JobFilter(query="react", payment_verified_only=True)),
                             ("s3", "Hourly data work", JobFilter(query="data", job_type=JobType.HOURLY))):
            saved_searches.insert_local(c, name, f, key, world.now - timedelta(days=1))

    db.write_now(saved)

    def drafted(c: sqlite3.Connection) -> None:
        # two proposals being written: the Drafts tab
        for i, job in enumerate((world.jobs[7], world.jobs[9])):
            drafts.save(c, ProposalDraft(
                job_id=job.id, job_title=job.title, bid=Money.of("850"), duration="1 to 3 months",
                fee_rate=job.fee_rate, cover_letter="Hello! I have built three similar projects; here is how "
                "I would approach yours.\n\nFirst, a short call to agree on the scope."),
                world.now - timedelta(hours=3 * i + 1))

    db.write_now(drafted)

    def templated(c: sqlite3.Connection) -> None:
        intro = templates.add(c, "Short intro",
                              "Hello {client_name},\n\nI read your post about {job_title} and "
                              "I'd love to help. I'm {my_name}; my rate is {my_rate} and I work with "
                              "{skills}.", world.now)
        templates.add(c, "Follow-up call", "Happy to jump on a 15-minute call this week.", world.now)
        for p in world.proposals[::2]:  # the funnel's reply rates
            templates.record_use(c, p.id, intro.id)

    db.write_now(templated)
    status = SyncStatus(
        state=ConnectionState.ONLINE,
        last_synced_at=world.now - timedelta(minutes=3),
        pending_outbox=2,
    )
    assert status.last_synced_at is not None  # as the sync engine records it (Earnings' "Updated … ago")
    synced = format_ts(status.last_synced_at)
    db.write_now(lambda c: sync_state.set(c, LAST_SYNCED_AT, synced))
    services = make_services(db, builders.ME_ID, builders.ME_NAME, status)
    settings = QSettings(str(workdir / f"ui{suffix}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings)
    window.resize(1280, 800)
    window.show()
    settle(app)

    window.show_pane("jobs")
    window.jobs.select_row(5)
    settle(app)
    save(window, outdir / f"jobs{suffix}.png")

    window.show_pane("proposals")
    window.proposals.select_row(0)
    settle(app)
    save(window, outdir / f"proposals{suffix}.png")
    window.proposals.set_tab(TAB_INVITES)
    window.proposals.select_row(0)
    settle(app)
    save(window, outdir / f"invitation{suffix}.png")
    window.proposals.set_tab(TAB_DRAFTS)
    window.proposals.select_row(0)
    settle(app)
    save(window, outdir / f"drafts{suffix}.png")
    window.proposals.set_tab(0)
    window.proposals.show_funnel()
    funnel_view = window.proposals.funnel
    assert funnel_view is not None
    drive(app, lambda: funnel_view.report is not None)
    settle(app)
    save(window, outdir / f"funnel{suffix}.png")
    window.proposals.show_funnel(False)

    window.show_pane("messages")
    window.messages.open_room("room-1")
    settle(app)
    window.messages.scroll_to_bottom()
    settle(app)
    save(window, outdir / f"messages{suffix}.png")

    window.show_pane("earnings")
    settle(app)
    save(window, outdir / f"earnings{suffix}.png")

    window.show_pane("jobs")
    job = world.jobs[5]
    form = window.open_proposal_form(job)
    form.cover_letter.setPlainText(
        "Hello! I moved two hand-built EKS clusters to Terraform last year, with Prometheus alerting and a "
        "runbook the team still uses.\n\nI'd start by importing what exists (no downtime), then add "
        "monitoring, then document it. Happy to share the module layout I use."
    )
    form.bid.setValue(95)
    drive(app, lambda: form.connects_available is not None)
    save(form, outdir / f"proposal-dialog{suffix}.png")
    # a fixed-price job whose client asks questions: milestones and answers
    from dataclasses import replace as replaced

    from desktop.core.models import ScreeningQuestion

    fixed = next(j for j in world.jobs if j.job_type is JobType.FIXED)
    asking = replaced(fixed, screening_questions=(
        ScreeningQuestion("q1", "Describe a recent project similar to this one. What was your part in it?"),
        ScreeningQuestion("q2", "What is your availability in the next four weeks?")))
    terms = window.open_proposal_form(asking)
    terms.resize(660, 900)
    terms.cover_letter.setPlainText("Hello! I have done this three times this year; here is my plan.")
    terms.bid.setValue(1200)
    first = terms.milestones.add()
    first.description.setText("Audit and written plan")
    first.amount.setValue(400)
    second = terms.milestones.add()
    second.description.setText("Build, test and hand over")
    second.amount.setValue(700)
    terms.questions.boxes[0].setPlainText("Last spring I rebuilt a similar system; I owned the design.")
    settle(app)
    save(terms, outdir / f"proposal-terms{suffix}.png")
    terms.close()
    form = window.open_proposal_form(job)
    form.load_templates()
    manager = form.manage_templates()
    drive(app, lambda: bool(manager.names()))
    save(manager, outdir / f"templates{suffix}.png")
    manager.close()
    form.close()

    window.set_other_accounts([("https://marketplace.example", "ada@example.com"),
                               ("http://127.0.0.1:8765", "ada.lovelace@atelier.test")])
    window.account_menu.popup(window.account.mapToGlobal(window.account.rect().topLeft()))
    settle(app)
    save(window.account_menu, outdir / f"account-menu{suffix}.png")
    window.account_menu.hide()
    welcome = WelcomeWindow("https://marketplace.example", known_accounts=[
        ("https://marketplace.example", "ada@example.com"), ("http://127.0.0.1:8765", "demo@atelier.test")])
    welcome.show()
    settle(app)
    save(welcome, outdir / f"welcome{suffix}.png")
    welcome.close()
    window.close()
    window.deleteLater()
    settle(app)
    db.close_now()
    theme.deleteLater()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--scheme", choices=("light", "dark", "both"), default="both")
    parser.add_argument("--lang", default="en", metavar="CODE", help="interface language (default: en)")
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    import qasync

    asyncio.set_event_loop(qasync.QEventLoop(app))
    translations = i18n.install(app, args.lang)
    with tempfile.TemporaryDirectory(prefix="atelier-shots-") as tmp:
        if args.scheme in ("light", "both"):
            render(app, args.outdir, dark=False, workdir=Path(tmp))
        if args.scheme in ("dark", "both"):
            render(app, args.outdir, dark=True, workdir=Path(tmp))
    translations.remove()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
