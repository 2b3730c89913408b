"""Crash handling: log unexpected exceptions and tell the user, instead of dying silently.

* ``sys.excepthook``: an exception escaping a Qt slot is logged with its traceback and a non-modal message box
  says where the details went; the app keeps running.
* ``CrashHandler.loop_exception_handler``: the same for asyncio (``loop.set_exception_handler``).
* ``faulthandler`` writes native tracebacks of hard crashes (segfaults, aborts) to a file.

Dialogs are suppressed when ``ATELIER_NO_CRASH_DIALOG=1`` or ``crash.SHOW_DIALOGS = False`` (tests).
"""

from __future__ import annotations

import asyncio
import contextlib
import faulthandler
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from PySide6.QtCore import QCoreApplication, Qt, QThread
from PySide6.QtWidgets import QApplication, QMessageBox

# A bare name lupdate recognises, like QCoreApplication.translate: translate("context", "text").
translate = QCoreApplication.translate

log = logging.getLogger("atelier.crash")

SHOW_DIALOGS = True


def dialogs_enabled() -> bool:
    return SHOW_DIALOGS and os.environ.get("ATELIER_NO_CRASH_DIALOG", "") not in ("1", "true", "yes")


class CrashHandler:
    def __init__(self, log_path: Path, faulthandler_path: Path,
                 scrub: Callable[[str], str] | None = None,
                 log_trouble: Callable[[], str] | None = None) -> None:
        self.log_path = Path(log_path)
        # Scrubs secrets from what the dialog shows (app.py passes desktop.log.redact; the UI layer does not
        # import the logging setup itself).
        self._scrub = scrub or (lambda text: text)
        # Why the log file cannot be written right now ("" when it can; app.py asks desktop.log): the dialog
        # then does not send the user to a file that lacks the details.
        self._log_trouble = log_trouble or (lambda: "")
        self.faulthandler_path = Path(faulthandler_path)
        self.reported: list[str] = []  # one-line summaries, newest last (for tests and the about box)
        self._box: QMessageBox | None = None
        self._fault_file: IO[str] | None = None
        self._fault_enabled = False
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    # -- installation ----------------------------------------------------------------------------------------
    def install(self) -> None:
        try:
            self.faulthandler_path.parent.mkdir(parents=True, exist_ok=True)
            self._fault_file = open(self.faulthandler_path, "a", encoding="utf-8")  # noqa: SIM115 (kept open)
        except OSError as exc:  # a full disk may refuse even an empty file: native crashes go to stderr
            log.warning("cannot open %s (%s); native crash reports go to stderr", self.faulthandler_path,
                        exc.strerror)
            self._fault_file = None
        faulthandler.enable(self._fault_file or sys.stderr, all_threads=True)
        self._fault_enabled = True
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook
        if self._fault_enabled:
            faulthandler.disable()
            self._fault_enabled = False
        if self._fault_file is not None:
            with contextlib.suppress(OSError):  # nothing was written to it; a full disk cannot fail that
                self._fault_file.close()
            self._fault_file = None

    # -- hooks -----------------------------------------------------------------------------------------------
    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        self._report(f"{exc_type.__name__}: {exc}", "".join(traceback.format_exception(exc_type, exc, tb)))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        log.critical(
            "uncaught exception in thread %s",
            args.thread.name if args.thread else "?",
            exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback),
        )
        self.reported.append(f"{args.exc_type.__name__}: {args.exc_value}")

    def loop_exception_handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if isinstance(exc, asyncio.CancelledError):
            return
        message = str(context.get("message") or "unhandled error in the event loop")
        if exc is not None:
            log.error("event loop: %s", message, exc_info=exc)
            summary = f"{type(exc).__name__}: {exc}"
            details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        else:
            log.error(
                "event loop: %s (%s)", message, {k: repr(v) for k, v in context.items() if k != "message"}
            )
            summary, details = message, message
        self._report(summary, details)

    # -- reporting -------------------------------------------------------------------------------------------
    def _report(self, summary: str, details: str) -> None:
        # The details end up in a dialog the user may copy into a bug report: scrub them like the log.
        summary, details = self._scrub(summary), self._scrub(details)
        self.reported.append(summary)
        app = QApplication.instance()
        if not dialogs_enabled() or app is None or QThread.currentThread() is not app.thread():
            return
        trouble = self._log_trouble()
        where = (translate("crash", "Details could not be written to %1 (%2); they are below.")
                 .replace("%1", str(self.log_path)).replace("%2", trouble) if trouble else
                 translate("crash", "Details were written to %1").replace("%1", str(self.log_path)))
        text = (
            translate("crash", "Something went wrong. Atelier keeps running, "
                               "but the last action may not have finished.")
            + "\n\n"
            + where
        )
        if self._box is not None and self._box.isVisible():
            self._box.setDetailedText(details)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, translate("crash", "Atelier"), text)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDetailedText(details)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: setattr(self, "_box", None))
        self._box = box
        box.show()


def install_crash_handlers(log_path: Path, faulthandler_path: Path) -> CrashHandler:
    """Install the hooks; pass ``handler.loop_exception_handler`` to ``loop.set_exception_handler``."""
    handler = CrashHandler(log_path, faulthandler_path)
    handler.install()
    return handler
