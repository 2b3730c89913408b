"""The account menu and Settings in the whole app (the demo marketplace, its real cache and settings file):
saved choices apply at the next start, the button names the user, Clear cache… brings everything back,
and Quit quits in order."""

from __future__ import annotations

import json
from datetime import time
from typing import Any

from desktop.sandbox.harness import SandboxServer
from desktop.settings import QuietHours, Settings
from desktop.storage import jobs
from tests.e2e.conftest import AppDriver, run


def test_settings_apply_at_start_clear_cache_refetches_and_quit_quits(
        driver: AppDriver, qtbot: Any, monkeypatch: Any, tmp_path: Any) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    saved = Settings(demo_simulate=False, notifications=False, quiet_hours=True, quiet_from="23:00",
                     quiet_to="06:00")
    saved.save(driver.paths.settings_file)
    app = driver.start(demo=True, settings=Settings.load(driver.paths.settings_file))
    driver.wait_synced(timeout_ms=60_000)
    window = driver.window
    assert isinstance(app.demo_server, SandboxServer)
    expected = app.demo_server.counts()

    # What was saved last time applies at this start.
    assert not window.notifier.enabled
    assert window.notifier.quiet_hours == QuietHours(time(23, 0), time(6, 0))
    # The button names the user (from the marketplace's profile), not "Demo marketplace".
    me = run(qtbot, driver.services.api.me())
    qtbot.waitUntil(lambda: window.account.name == me.name, timeout=5000)
    assert window.account.marketplace == "Demo marketplace"

    window.settings_action.trigger()
    dialog = app.settings_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.cache_location.text() == str(driver.services.cache.path.parent)
    dialog.notifications.setChecked(True)  # saved at once, and the notifier follows
    assert window.notifier.enabled
    assert json.loads(driver.paths.settings_file.read_text())["notifications"] is True
    window.notifier.set_enabled(False)  # the tray's own switch is saved too
    assert json.loads(driver.paths.settings_file.read_text())["notifications"] is False

    qtbot.waitUntil(lambda: dialog.cache_bytes is not None, timeout=5000)
    box = dialog.ask_clear_cache()
    [yes] = [b for b in box.buttons() if b.text() == "Clear cache"]
    yes.click()
    qtbot.waitUntil(lambda: dialog.cache_note.text().startswith("Cleared:"), timeout=20_000)
    # Everything comes back from the marketplace, and every pane shows it again.
    qtbot.waitUntil(lambda: driver.services.db.read_now(jobs.total) == expected["jobs"], timeout=60_000)
    qtbot.waitUntil(lambda: window.jobs.model.total == expected["jobs"], timeout=10_000)
    qtbot.waitUntil(lambda: window.self_check() == [], timeout=10_000)
    dialog.close()

    window.about_action.trigger()
    window.quit_action.trigger()
    task = driver._task
    assert task is not None
    qtbot.waitUntil(task.done, timeout=20_000)
    assert task.result() == 0
