"""Start Atelier when the user logs in: the platform's own per-user mechanism, no admin rights.

- Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/app.atelier.Atelier.desktop``
  (Desktop Application Autostart Specification).
- Windows: the ``Atelier`` value under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``.
- macOS: ``~/Library/LaunchAgents/app.atelier.Atelier.plist`` with ``RunAtLoad`` (loaded by launchd at the
  next login).

No Qt here. Only the Linux path can be exercised on the machines that run the tests; the Windows and macOS
paths follow those platforms' documented formats.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from desktop import APP_ID

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "Atelier"


class AutostartError(Exception):
    """Start at login could not be turned on or off; ``detail`` is where and the system's reason."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def launch_command(basedir: Path | None = None) -> list[str]:
    """The command that starts this Atelier: the frozen executable, or this Python with ``-m desktop``;
    with ``--basedir`` when the app runs on a profile of its own."""
    command = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "desktop"]
    if basedir is not None:
        command += ["--basedir", str(basedir)]
    return command


def _platform() -> str:
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "xdg"


# -- XDG ------------------------------------------------------------------------------------------------
def desktop_entry_path() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME", "")
    base = Path(config) if config and Path(config).is_absolute() else Path.home() / ".config"
    return base / "autostart" / f"{APP_ID}.desktop"


def _exec_arg(arg: str) -> str:
    """One argument of a desktop entry's Exec key, quoted as the Desktop Entry Specification says."""
    arg = arg.replace("%", "%%")
    if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`'):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{escaped}"'


def _entry_value(text: str) -> str:
    """A desktop entry string value: backslashes and line breaks escaped."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def desktop_entry(command: Sequence[str]) -> str:
    exec_line = " ".join(_exec_arg(arg) for arg in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Atelier\n"
        "Comment=Open Atelier when you log in\n"
        f"Exec={_entry_value(exec_line)}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- macOS ----------------------------------------------------------------------------------------------
def launch_agent_path() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{APP_ID}.plist"


def launch_agent(command: Sequence[str]) -> bytes:
    return plistlib.dumps({"Label": APP_ID, "ProgramArguments": list(command), "RunAtLoad": True,
                           "ProcessType": "Interactive"})


# -- Windows (only run there; mypy checks these blocks for win32 only) -----------------------------------
def _windows_is_enabled() -> bool:
    if sys.platform == "win32":
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.QueryValueEx(key, RUN_VALUE)
            return True
        except OSError:
            return False
    return False


def _windows_enable(command: Sequence[str]) -> None:
    if sys.platform == "win32":
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_SZ, subprocess.list2cmdline(list(command)))


def _windows_disable() -> None:
    if sys.platform == "win32":
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, RUN_VALUE)
        except FileNotFoundError:
            pass


# -- the three, behind one face -------------------------------------------------------------------------
def where() -> str:
    """Where the entry lives, for the user (a file path, or the registry key on Windows)."""
    kind = _platform()
    if kind == "windows":
        return "HKEY_CURRENT_USER\\" + RUN_KEY
    return str(launch_agent_path() if kind == "macos" else desktop_entry_path())


def is_enabled() -> bool:
    kind = _platform()
    if kind == "windows":
        return _windows_is_enabled()
    path = launch_agent_path() if kind == "macos" else desktop_entry_path()
    try:
        if not path.is_file():
            return False
        if kind == "xdg":  # an entry the user switched off in the desktop's own settings
            text = path.read_text(encoding="utf-8", errors="replace")
            return "\nHidden=true" not in text and "X-GNOME-Autostart-enabled=false" not in text
    except OSError:
        return False
    return True


def enable(command: Sequence[str]) -> None:
    """Start ``command`` at each login (written again when it exists: the app may have moved)."""
    kind = _platform()
    try:
        if kind == "windows":
            _windows_enable(command)
        elif kind == "macos":
            _write_atomically(launch_agent_path(), launch_agent(command))
        else:
            _write_atomically(desktop_entry_path(), desktop_entry(command).encode("utf-8"))
    except OSError as exc:
        raise AutostartError(f"{where()}: {exc.strerror or exc}") from exc


def disable() -> None:
    """Stop starting at login; nothing to do when it was not on."""
    kind = _platform()
    try:
        if kind == "windows":
            _windows_disable()
        else:
            (launch_agent_path() if kind == "macos" else desktop_entry_path()).unlink(missing_ok=True)
    except OSError as exc:
        raise AutostartError(f"{where()}: {exc.strerror or exc}") from exc


def apply(on: bool, command: Sequence[str]) -> None:
    """Turn start at login on (with ``command``) or off; raises AutostartError."""
    if on:
        enable(command)
    else:
        disable()
