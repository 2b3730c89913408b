"""Opening a page in the user's web browser, and knowing when that failed.

A desktop toolkit's "open URL" (Qt's QDesktopServices on Linux hands the address to xdg-open) answers True as
soon as a helper program started, even when that program then finds no browser, or the browser refuses to
start and exits at once. Sign-in must know, to show its link instead. So, where a command is known (the
``BROWSER`` variable on any system, else ``xdg-open`` on Linux and the BSDs), Atelier starts it itself and
watches it for a moment: a launcher that exits with an error, or a command that cannot be run, is a failure;
one that exits cleanly (xdg-open hands over to a running browser) or keeps running (the browser itself) is a
success. Elsewhere (macOS, Windows: their system calls answer truthfully) the ``fallback`` decides.

``BROWSER`` follows the usual convention: commands separated by ``os.pathsep``, tried in order, ``%s``
standing for the address (appended when absent).
"""

from __future__ import annotations

import asyncio
import logging
import os
import shlex
import shutil
import subprocess
import sys
import threading
import webbrowser
from collections.abc import Callable, Mapping

log = logging.getLogger("atelier.browser")

SETTLE_SECONDS = 2.0
"""How long a launcher is watched: a browser that cannot start fails well within this."""


def browser_commands(url: str, environ: Mapping[str, str] | None = None,
                     platform: str | None = None) -> list[list[str]] | None:
    """The command lines that would open ``url``, in order; None when the system's own way is to be used."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    configured = environ.get("BROWSER", "").strip()
    if configured:
        commands: list[list[str]] = []
        for entry in configured.split(os.pathsep):
            try:
                words = shlex.split(entry)
            except ValueError:
                log.warning("ignoring a BROWSER entry that is not a command line: %r", entry)
                continue
            if not words:
                continue
            if any("%s" in word for word in words):
                commands.append([word.replace("%s", url) for word in words])
            else:
                commands.append([*words, url])
        return commands
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        opener = shutil.which("xdg-open", path=environ.get("PATH"))
        return [[opener, url]] if opener else []
    return None


def _run_and_watch(argv: list[str], settle: float) -> bool:
    """Start ``argv`` detached from Atelier; True unless it cannot start or exits with an error at once."""
    try:
        process = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, close_fds=True)
    except OSError as exc:
        log.warning("could not start the browser command %s: %s", argv[0], exc)
        return False
    try:
        code = process.wait(timeout=settle)
    except subprocess.TimeoutExpired:
        # Still running: the browser itself. Someone must collect its exit status when it ends.
        threading.Thread(target=process.wait, name="browser-reaper", daemon=True).start()
        return True
    if code != 0:
        log.warning("the browser command %s exited at once with status %s", argv[0], code)
    return code == 0


async def open_in_browser(url: str, *, fallback: Callable[[str], object] | None = None,
                          settle: float = SETTLE_SECONDS,
                          environ: Mapping[str, str] | None = None) -> bool:
    """Open ``url`` in the user's browser; False when no browser could be opened."""
    commands = browser_commands(url, environ)
    if not commands:  # the system's own way (or, with no xdg-open, whatever the toolkit can still find)
        opener = fallback or webbrowser.open
        return opener(url) is not False
    for argv in commands:
        if await asyncio.to_thread(_run_and_watch, argv, settle):
            return True
    return False
