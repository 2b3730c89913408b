"""The app's sign-in story end to end: first start → welcome → sign in with a REAL browser (headless
Chromium) → signed in; restart → signed in without a browser; refresh refused → "Signed out — sign in
again" with cache and outbox kept; sign out → welcome, keychain emptied."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import app as app_module
from desktop.app import Application, Options
from desktop.core.models import ConnectionState, ProposalDraft
from desktop.core.money import Money
from desktop.paths import AppPaths
from desktop.sandbox.harness import SandboxServer
from desktop.services.container import Services
from desktop.settings import Settings
from tests.support.chromium import HeadlessChromium
from tests.support.http_browser import HttpBrowser
from tests.support.memory_keyring import MemoryKeyring

T = TypeVar("T")
DEMO = "demo@atelier.test"


def run(qtbot: Any, coro: Awaitable[T], timeout_ms: int = 30_000) -> T:
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=timeout_ms)
    return task.result()


class Launcher:
    def __init__(self, qtbot: Any, basedir: Path) -> None:
        self.qtbot = qtbot
        self.paths = AppPaths.under(basedir).ensure()
        self.app: Application | None = None
        self.task: asyncio.Task[int] | None = None

    def start(self, open_browser: Any = None, server: str | None = None) -> Application:
        options = Options(demo=False, server=server, basedir=None, self_test=False, log_level="INFO")
        app = Application(options, self.paths, Settings.load(self.paths.settings_file),
                          open_browser=open_browser or refuse_browser)
        self.app, self.task = app, asyncio.ensure_future(app.run())
        # An account's window shows its cache first; its services follow once it has painted.
        self.qtbot.waitUntil(lambda: (app.window is not None and app.services is not None)
                             or app.welcome is not None, timeout=30_000)
        return app

    def stop(self) -> None:
        if self.app is None or self.task is None:
            return
        app, task = self.app, self.task
        app.request_quit()
        self.qtbot.waitUntil(task.done, timeout=20_000)
        run(self.qtbot, app.shutdown())
        for widget in (app.window, app.welcome):
            if widget is not None:
                widget.close()
                widget.deleteLater()
        self.app = self.task = None


def refuse_browser(url: str) -> bool:
    raise AssertionError(f"no browser expected, but the app opened {url}")


@pytest.fixture
def launcher(qtbot: Any, qasync_loop: Any, tmp_path: Path) -> Iterator[Launcher]:
    launch = Launcher(qtbot, tmp_path / "atelier")
    yield launch
    launch.stop()


def click_sign_in(qtbot: Any, app: Application, server_url: str) -> None:
    app.welcome.server_field.setText(server_url)
    qtbot.mouseClick(app.welcome.sign_in_button, Qt.MouseButton.LeftButton)


def opened(app: Application) -> Services:
    """The services of the account open in ``app`` (the test waited for them)."""
    assert app.services is not None
    return app.services


def test_first_start_sign_in_with_a_real_browser_restart_and_sign_out(
        qtbot: Any, launcher: Launcher, sandbox: SandboxServer, memory_keyring: MemoryKeyring) -> None:
    with HeadlessChromium.launch() as chromium:
        user = chromium.signer_in(DEMO, "demo", first_password="not-my-password")
        app = launcher.start(open_browser=user)
        assert app.window is None
        assert app.services is None
        assert app.welcome is not None
        click_sign_in(qtbot, app, sandbox.url)
        qtbot.waitUntil(lambda: app.services is not None, timeout=40_000)
        user.wait()
    assert user.error is None, user.error
    assert user.saw_wrong_password_error  # the wrong-password path of the page, in a real browser
    assert "You are signed in to Atelier" in user.final_text
    assert app.welcome is None
    assert app.window is not None
    assert app.services is not None
    assert opened(app).session.account == DEMO
    run(qtbot, opened(app).sync.wait_until_synced(30))
    settings = json.loads(launcher.paths.settings_file.read_text())
    assert settings["server_url"] == sandbox.url
    assert settings["account"] == DEMO
    assert ("Atelier", f"{DEMO}@{sandbox.url}") in memory_keyring.entries
    launcher.stop()

    # A restart opens signed in, without a browser (refuse_browser would fail the test).
    app = launcher.start()
    assert app.welcome is None
    assert app.services is not None
    assert opened(app).session.signed_in
    qtbot.waitUntil(lambda: app.services is not None
                    and opened(app).sync.status.state is ConnectionState.ONLINE, timeout=30_000)
    cache = Path(opened(app).db.path)

    # Sign out from the account menu; the question is answered "keep the offline copy".
    app.window.sign_out_action.trigger()
    box = wait_for_message_box(qtbot)
    keep = next(b for b in box.buttons() if "keep" in b.text().lower())
    keep.click()
    qtbot.waitUntil(lambda: app.welcome is not None, timeout=20_000)
    assert app.window is None
    assert app.services is None
    assert memory_keyring.entries == {}
    assert cache.exists()
    assert json.loads(launcher.paths.settings_file.read_text())["account"] == ""
    assert app.welcome.server_field.text() == sandbox.url


def wait_for_message_box(qtbot: Any) -> QMessageBox:
    found: list[QMessageBox] = []

    def visible_box() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(visible_box, timeout=5_000)
    return found[0]


def test_sign_out_can_remove_the_offline_copy(qtbot: Any, launcher: Launcher, sandbox: SandboxServer) -> None:
    app = launcher.start(open_browser=HttpBrowser())
    click_sign_in(qtbot, app, sandbox.url)
    qtbot.waitUntil(lambda: app.services is not None, timeout=30_000)
    assert app.services is not None
    run(qtbot, opened(app).sync.wait_until_synced(30))
    cache_dir = Path(opened(app).db.path).parent
    app.window.sign_out_action.trigger()
    box = wait_for_message_box(qtbot)
    assert "Sign out of demo@atelier.test?" in box.text()
    next(b for b in box.buttons() if "remove" in b.text().lower()).click()
    qtbot.waitUntil(lambda: app.welcome is not None, timeout=20_000)
    qtbot.waitUntil(lambda: not cache_dir.exists(), timeout=5_000)


def test_when_no_browser_opens_the_link_is_shown_to_copy_and_the_sign_in_keeps_waiting(
        qtbot: Any, launcher: Launcher, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """BROWSER is a command that fails at once; the app's own opener notices (it used to say "opening … in
    your web browser" and nothing happened): the sign-in screen shows the link as selectable plain text
    with a Copy button, and the link opened by hand in a browser finishes the sign-in."""
    monkeypatch.setenv("BROWSER", "false")
    app = launcher.start(open_browser=app_module._system_browser)
    click_sign_in(qtbot, app, sandbox.url)
    progress = app.welcome.progress
    qtbot.waitUntil(lambda: progress.link_box.isVisible(), timeout=10_000)
    assert app.sign_in_flow is not None
    url = app.sign_in_flow.authorize_url or ""
    assert url.startswith(sandbox.url + "/oauth/authorize?")
    assert progress.link_text.toPlainText() == url
    assert progress.link_text.isReadOnly()
    assert progress.link_text.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert "could not open a web browser" in progress.detail.text()
    assert "is opening" not in progress.detail.text()
    qtbot.mouseClick(progress.link_copy, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == url
    assert progress.link_copy.text() == "Copied"
    HttpBrowser()(url)  # the user pastes it into a browser
    qtbot.waitUntil(lambda: app.services is not None, timeout=30_000)
    assert app.services is not None
    assert opened(app).session.account == DEMO


def test_cancelled_and_declined_sign_ins_say_what_happened(qtbot: Any, launcher: Launcher,
                                                           sandbox: SandboxServer) -> None:
    app = launcher.start(open_browser=lambda url: True)  # a browser that never comes back
    click_sign_in(qtbot, app, sandbox.url)
    qtbot.waitUntil(lambda: app.welcome.showing_progress() and app.sign_in_flow is not None
                    and app.sign_in_flow.authorize_url is not None)
    assert app.welcome.progress.copy_link.isEnabled()
    qtbot.mouseClick(app.welcome.progress.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not app.welcome.showing_progress())
    assert app.welcome.error_label.text() == "Sign-in was cancelled."

    app.open_browser = HttpBrowser(decision="deny")
    click_sign_in(qtbot, app, sandbox.url)
    qtbot.waitUntil(lambda: "cancelled in the browser" in app.welcome.error_label.text(), timeout=10_000)
    assert not app.welcome.showing_progress()
    assert app.services is None

    click_sign_in(qtbot, app, "not a url at all")
    qtbot.waitUntil(lambda: "does not look like a marketplace address" in app.welcome.error_label.text())


def test_refused_refresh_keeps_cache_and_outbox_and_offers_to_sign_in_again(
        qtbot: Any, launcher: Launcher, tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "m.sqlite3", seed=3, jobs=60, keepalive_interval=0.5) as server:
        app = launcher.start(open_browser=HttpBrowser())
        click_sign_in(qtbot, app, server.url)
        qtbot.waitUntil(lambda: app.services is not None, timeout=30_000)
        services = app.services
        assert services is not None
        run(qtbot, services.sync.wait_until_synced(30))
        # The marketplace revokes this sign-in (e.g. "sign out everywhere" on the website) and is briefly
        # unreachable, so what the user sends meanwhile queues up in the outbox.
        tokens = services.session.tokens
        assert tokens is not None
        assert tokens.refresh_token
        server.store.revoke_token(tokens.refresh_token)
        server.stop()
        room = run(qtbot, services.db.read(lambda c: c.execute("SELECT id FROM rooms LIMIT 1").fetchone()[0]))
        run(qtbot, services.chat.send(room, "Still here — will this arrive?"))
        server.start()
        app.window.sync_now()
        qtbot.waitUntil(lambda: services.sync.status.state is ConnectionState.SIGNED_OUT, timeout=30_000)
        window = app.window
        assert window.status_label.text() == "Signed out — sign in again"
        assert window.sign_in_button.isVisible()
        assert run(qtbot, services.outbox.pending_count()) == 1  # the outbox is kept
        assert Path(services.db.path).exists()

        # "Sign in again" runs the browser flow in a dialog, then the same services carry on.
        app.open_browser = HttpBrowser()
        qtbot.mouseClick(window.sign_in_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: services.session.signed_in and app.sign_in_flow is None, timeout=30_000)
        assert app.services is services
        qtbot.waitUntil(lambda: run(qtbot, services.outbox.pending_count()) == 0, timeout=30_000)
        sent = [m for m in server.store._read("SELECT body FROM messages WHERE room_id = ?", (room,))
                if m["body"] == "Still here — will this arrive?"]
        assert len(sent) == 1
        launcher.stop()


def test_no_token_code_or_verifier_reaches_any_file(qtbot: Any, launcher: Launcher, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A scripted session — sign in, sync, send messages, refresh, sign out — then every byte the app
    wrote (SQLite cache with its WAL, settings, window state, logs) is searched for each secret."""
    import logging

    from desktop.api import oauth
    from desktop.log import setup_logging
    from desktop.services import signin as signin_module
    from desktop.services.session import Session

    secrets_seen: set[str] = set()
    real_adopt = Session.adopt

    def adopt(self: Session, tokens: Any) -> None:
        secrets_seen.update(t for t in (tokens.access_token, tokens.refresh_token) if t)
        real_adopt(self, tokens)

    async def code_grant(server_url: str, code: str, verifier: str, redirect_uri: str, **kw: Any) -> Any:
        secrets_seen.update((code, verifier))
        return await oauth.code_grant(server_url, code, verifier, redirect_uri, **kw)

    monkeypatch.setattr(Session, "adopt", adopt)
    monkeypatch.setattr(signin_module, "code_grant", code_grant)
    setup_logging(launcher.paths.log_file, level=logging.DEBUG, console=False)
    try:
        with SandboxServer(tmp_path / "m.sqlite3", seed=3, jobs=80, access_token_ttl=2) as server:
            browser = HttpBrowser()
            app = launcher.start(open_browser=browser)
            click_sign_in(qtbot, app, server.url)
            qtbot.waitUntil(lambda: app.services is not None, timeout=30_000)
            services = app.services
            assert services is not None
            run(qtbot, services.sync.wait_until_synced(30))
            secrets_seen.add(str(httpx.URL(browser.opened[0]).params["state"]))
            room = run(qtbot, services.db.read(lambda c: c.execute("SELECT id FROM rooms").fetchone()[0]))
            for text in ("First message of the scripted session", "Second one"):
                run(qtbot, services.chat.send(room, text))
            qtbot.wait(2300)  # the access token expires; the next requests refresh it (rotation)
            app.window.sync_now()
            qtbot.waitUntil(lambda: services.session.refresh_count >= 1, timeout=20_000)
            qtbot.waitUntil(lambda: run(qtbot, services.outbox.pending_count()) == 0, timeout=20_000)
            run(qtbot, app.sign_out(keep_cache=True))
            launcher.stop()
    finally:
        setup_logging(None, console=False)
    assert len(secrets_seen) >= 6  # code, verifier, state, and at least two token pairs
    files = [p for p in launcher.paths.config.parent.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"cache.sqlite3", "settings.ini", "atelier.log"} <= names, names
    assert "signed in to" in launcher.paths.log_file.read_text()
    for path in files:
        data = path.read_bytes()
        for secret in secrets_seen:
            assert secret.encode() not in data, f"a secret leaked into {path.name}"


def test_two_accounts_switch_from_the_menu_without_a_browser(
        qtbot: Any, launcher: Launcher, sandbox: SandboxServer, tmp_path: Path,
        memory_keyring: MemoryKeyring) -> None:
    """Sign in to one marketplace, add an account on another, then switch back and forth from the account
    menu: each opens from its own cache with its keychain tokens, no browser; an action queued in one
    waits for it (after a warning) and goes out when that account is opened again."""
    other = SandboxServer(tmp_path / "other.sqlite3", seed=11, jobs=120, simulate=False).start()
    try:
        app = launcher.start(open_browser=HttpBrowser())
        click_sign_in(qtbot, app, sandbox.url)
        qtbot.waitUntil(lambda: app.services is not None, timeout=30_000)
        run(qtbot, opened(app).sync.wait_until_synced(30))
        first_jobs = app.window.jobs.model.total
        assert app.window.switch_actions == []  # only one account so far

        # "Add an account…": the welcome screen lists the first account; this one stays signed in.
        app.window.add_account_action.trigger()
        qtbot.waitUntil(lambda: app.welcome is not None, timeout=20_000)
        assert len(app.welcome.account_buttons) == 1
        assert ("Atelier", f"{DEMO}@{sandbox.url}") in memory_keyring.entries
        click_sign_in(qtbot, app, other.url)
        qtbot.waitUntil(lambda: app.services is not None, timeout=30_000)
        run(qtbot, opened(app).sync.wait_until_synced(30))
        assert app.window.jobs.model.total == other.counts()["jobs"] != first_jobs

        # Switch back from the menu: no browser may open from here on.
        app.open_browser = refuse_browser
        [back] = app.window.switch_actions
        assert sandbox.url.split("//")[1] in back.text()
        back.trigger()
        qtbot.waitUntil(lambda: app.services is not None and opened(app).server_url == sandbox.url,
                        timeout=20_000)
        assert app.window.jobs.model.total == first_jobs  # its own cache, at once
        qtbot.waitUntil(lambda: opened(app).sync.status.state is ConnectionState.ONLINE, timeout=30_000)
        assert json.loads(launcher.paths.settings_file.read_text())["server_url"] == sandbox.url

        # A proposal queued while this marketplace is down: switching away warns, then keeps it queued.
        sandbox.stop()
        qtbot.waitUntil(lambda: opened(app).sync.status.state is ConnectionState.OFFLINE, timeout=10_000)
        job = run(qtbot, opened(app).db.read(lambda conn: conn.execute(
            "SELECT id, fee_rate, title FROM jobs WHERE id NOT IN (SELECT job_id FROM proposals) "
            "LIMIT 1").fetchone()))
        run(qtbot, opened(app).proposals.submit(ProposalDraft(
            job_id=job[0], cover_letter="Queued while this marketplace was down. " * 3, bid=Money.of("700"),
            duration="Less than 1 month", fee_rate=Decimal(job[1]), job_title=job[2])))
        qtbot.waitUntil(lambda: opened(app).sync.status.pending_outbox >= 1, timeout=5_000)
        [away] = app.window.switch_actions
        away.trigger()
        box = wait_for_message_box(qtbot)
        assert "not sent yet" in box.text()
        box.button(QMessageBox.StandardButton.Cancel).click()
        qtbot.wait(200)
        assert opened(app).server_url == sandbox.url  # cancelled: still here
        [away] = app.window.switch_actions
        away.trigger()
        box = wait_for_message_box(qtbot)
        next(b for b in box.buttons() if "switch" in b.text().lower()).click()
        qtbot.waitUntil(lambda: app.services is not None and opened(app).server_url == other.url,
                        timeout=20_000)

        # Back once the marketplace is up again: the queued proposal goes out, exactly once.
        sandbox.start()
        [back] = app.window.switch_actions
        back.trigger()
        qtbot.waitUntil(lambda: app.services is not None and opened(app).server_url == sandbox.url,
                        timeout=20_000)
        with httpx.Client(base_url=sandbox.url, headers={
                "Authorization": f"Bearer {sandbox.token_for(DEMO)}"}) as http:
            def sent_for_the_job() -> int:
                return sum(p["job_id"] == job[0] for p in pages(http, "/v1/proposals"))

            qtbot.waitUntil(lambda: sent_for_the_job() >= 1, timeout=30_000)
            qtbot.waitUntil(lambda: opened(app).sync.status.pending_outbox == 0, timeout=10_000)
            assert sent_for_the_job() == 1

        # Signing out of one leaves the other listed on the welcome screen, one click away.
        app.window.sign_out_action.trigger()
        next(b for b in wait_for_message_box(qtbot).buttons() if "keep" in b.text().lower()).click()
        qtbot.waitUntil(lambda: app.welcome is not None, timeout=20_000)
        assert len(app.welcome.account_buttons) == 1
        assert app.welcome.account_buttons[0].toolTip().endswith(other.url)
        app.welcome.account_buttons[0].click()
        qtbot.waitUntil(lambda: app.services is not None and opened(app).server_url == other.url,
                        timeout=20_000)
        assert opened(app).session.signed_in
    finally:
        other.close()


def pages(http: httpx.Client, path: str) -> list[Any]:
    items: list[Any] = []
    cursor = None
    while True:
        page = http.get(path, params={"limit": 500, **({"cursor": cursor} if cursor else {})}).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def test_upwork_first_sign_in_restart_without_browser_and_sign_in_again_with_the_kept_key(
        qtbot: Any, launcher: Launcher, tmp_path: Path) -> None:
    """The whole app against the Upwork-shaped marketplace: the welcome screen's Upwork page, the key kept in
    the keychain, a restart that needs no browser, and "Sign in again" after Upwork refuses the refresh."""
    import socket

    from desktop.sandbox.upwork.harness import UpworkSandboxServer
    from tests.support.upwork_browser import UpworkBrowser

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        callback = f"http://127.0.0.1:{sock.getsockname()[1]}/callback"
    with UpworkSandboxServer(tmp_path / "u.sqlite3", rate_limit_per_second=0, access_token_ttl=2.0,
                             old_refresh_grace=0.5) as server:
        app = launcher.start(open_browser=UpworkBrowser())
        welcome = app.welcome
        qtbot.mouseClick(welcome.upwork_button, Qt.MouseButton.LeftButton)
        welcome.upwork_key.setText(server.CLIENT_ID)
        welcome.upwork_secret.setText(server.CLIENT_SECRET)
        welcome.upwork_callback.setText(callback)
        welcome.upwork_server.setText(server.url)
        qtbot.mouseClick(welcome.upwork_go, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: app.services is not None, timeout=30_000)
        services = app.services
        assert services is not None
        assert not services.api.capabilities.live_events
        settings = Settings.load(launcher.paths.settings_file)
        assert settings.kind_of(server.url, server.DEMO_EMAIL) == "upwork"
        run(qtbot, services.sync.wait_until_synced(60), timeout_ms=70_000)
        launcher.stop()

        app = launcher.start()  # refuse_browser: the keychain has the tokens and the key
        qtbot.waitUntil(lambda: app.services is not None, timeout=30_000)
        services = app.services
        assert services is not None
        assert services.session.account == server.DEMO_EMAIL
        assert services.api.capabilities.display_name == "Upwork"

        tokens = services.session.tokens
        assert tokens is not None
        assert tokens.refresh_token
        server.shared.tokens.revoke_refresh(tokens.refresh_token)
        qtbot.wait(2200)  # the access token dies; the refresh is refused
        app.window.sync_now()
        qtbot.waitUntil(lambda: services.sync.status.state is ConnectionState.SIGNED_OUT, timeout=60_000)

        app.open_browser = UpworkBrowser()
        qtbot.mouseClick(app.window.sign_in_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: services.session.signed_in and app.sign_in_flow is None, timeout=30_000)
        assert app.services is services
        assert httpx.URL(app.open_browser.opened[0]).params["redirect_uri"] == callback  # remembered
        qtbot.waitUntil(lambda: services.sync.status.state is ConnectionState.ONLINE, timeout=60_000)
        launcher.stop()


@pytest.mark.parametrize("address", ["http://marketplace.example.com", "https://ada:secret@marketplace.example"])
def test_a_server_address_that_would_leak_the_sign_in_opens_the_welcome_screen_with_the_reason(
        qtbot: Any, launcher: Launcher, address: str) -> None:
    """``--server`` (or a settings file) with plain http to another computer, or credentials in the URL:
    refused before any connection, whatever account the settings name there."""
    Settings(server_url=address, account=DEMO).save(launcher.paths.settings_file)
    app = launcher.start(server=address)
    assert app.window is None
    assert app.welcome is not None
    qtbot.waitUntil(lambda: app.welcome.error_label.isVisible())
    assert any(reason in app.welcome.error_label.text()
               for reason in ("only over https", "user name or password"))
