"""Settings a user changes in the Settings dialog: saved in the real settings file, read back at the next
start, damaged values replaced by defaults; quiet hours at given clocks (across midnight too); start at
login written and removed in a temporary XDG_CONFIG_HOME (the Windows registry and macOS LaunchAgents
paths cannot run here); the restart that applies a new language."""

from __future__ import annotations

import json
import shlex
import sys
from datetime import time
from pathlib import Path

import pytest

from desktop import APP_ID, autostart
from desktop.app import restart_command
from desktop.settings import QuietHours, Settings, parse_clock


def test_preferences_are_saved_and_read_back_at_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.ini"
    chosen = Settings(language="fr", theme="dark", notifications=False, quiet_hours=True,
                      quiet_from="21:30", quiet_to="07:15", start_at_login=True)
    chosen.save(path)
    loaded = Settings.load(path)
    assert (loaded.language, loaded.theme, loaded.notifications, loaded.quiet_hours, loaded.quiet_from,
            loaded.quiet_to, loaded.start_at_login) == ("fr", "dark", False, True, "21:30", "07:15", True)
    assert loaded.quiet_window() == QuietHours(time(21, 30), time(7, 15))


def test_a_hand_edited_settings_file_with_bad_values_falls_back_to_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text(json.dumps({"theme": "purple", "quiet_hours": True, "quiet_from": "25:00",
                                "quiet_to": "7h", "notifications": "yes", "account": "ada@example.com"}))
    loaded = Settings.load(path)
    assert loaded.theme == "system"
    assert loaded.notifications is True
    assert (loaded.quiet_from, loaded.quiet_to) == ("22:00", "08:00")
    assert loaded.account == "ada@example.com"  # the rest of the file still counts


@pytest.mark.parametrize(("text", "expected"), [
    ("22:00", time(22, 0)), ("7:05", time(7, 5)), ("00:00", time(0, 0)), ("23:59", time(23, 59)),
    ("24:00", None), ("12:60", None), ("12", None), ("ab:cd", None), ("", None), ("1:5", None)])
def test_clock_times_are_read_strictly(text: str, expected: time | None) -> None:
    assert parse_clock(text) == expected


def test_quiet_hours_across_midnight() -> None:
    night = QuietHours(time(22, 0), time(7, 0))
    assert night.contains(time(22, 0))
    assert night.contains(time(23, 59))
    assert night.contains(time(0, 0))
    assert night.contains(time(6, 59, 59))
    assert not night.contains(time(7, 0))
    assert not night.contains(time(12, 0))
    assert not night.contains(time(21, 59))


def test_quiet_hours_within_one_day_and_an_empty_span() -> None:
    lunch = QuietHours(time(12, 0), time(13, 30))
    assert lunch.contains(time(12, 45))
    assert not lunch.contains(time(13, 30))
    assert not lunch.contains(time(0, 5))
    assert not QuietHours(time(9, 0), time(9, 0)).contains(time(9, 0))
    assert Settings(quiet_hours=False).quiet_window() is None


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "xdg config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setattr(sys, "platform", "linux")
    return config


def test_start_at_login_writes_then_removes_the_xdg_autostart_entry(xdg: Path, tmp_path: Path) -> None:
    entry = xdg / "autostart" / f"{APP_ID}.desktop"
    assert not autostart.is_enabled()
    command = autostart.launch_command(tmp_path / "my profile")
    autostart.enable(command)

    assert autostart.is_enabled()
    assert entry.is_file()
    lines = dict(line.split("=", 1) for line in entry.read_text().splitlines() if "=" in line)
    assert lines["Type"] == "Application"
    assert lines["Name"] == "Atelier"
    assert lines["Icon"] == APP_ID
    # The Exec line runs this very Python and profile, quoted as the spec says (paths with spaces).
    assert shlex.split(lines["Exec"]) == [sys.executable, "-m", "desktop", "--basedir",
                                          str(tmp_path / "my profile")]
    assert autostart.where() == str(entry)

    autostart.disable()
    assert not entry.exists()
    assert not autostart.is_enabled()
    autostart.disable()  # already off: nothing to do, no error


def test_an_entry_switched_off_in_the_desktops_settings_counts_as_off(xdg: Path) -> None:
    autostart.enable(["atelier"])
    entry = xdg / "autostart" / f"{APP_ID}.desktop"
    entry.write_text(entry.read_text().replace("Autostart-enabled=true", "Autostart-enabled=false"))
    assert not autostart.is_enabled()
    autostart.enable(["atelier"])  # turning it on again writes a fresh entry
    assert autostart.is_enabled()


def test_start_at_login_that_cannot_be_written_says_why(xdg: Path) -> None:
    xdg.parent.mkdir(parents=True, exist_ok=True)
    xdg.write_text("a file where the config folder should be")
    with pytest.raises(autostart.AutostartError) as caught:
        autostart.enable(["atelier"])
    assert str(xdg) in caught.value.detail



def test_a_restart_keeps_the_command_line_but_not_the_one_run_language() -> None:
    command = restart_command(["--demo", "--lang", "fr", "--basedir", "/tmp/p", "--lang=de"])
    assert command[-3:] == ["--demo", "--basedir", "/tmp/p"]
    assert "--lang" not in " ".join(command)
