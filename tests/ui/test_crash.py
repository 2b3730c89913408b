from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.ui import crash


def test_excepthook_logs_and_keeps_running(qapp: Any, tmp_path: Path, caplog: Any) -> None:
    handler = crash.install_crash_handlers(tmp_path / "atelier.log", tmp_path / "crash" / "faults.txt")
    try:
        try:
            raise ValueError("kaboom")
        except ValueError as exc:
            with caplog.at_level(logging.CRITICAL, logger="atelier.crash"):
                handler.excepthook(type(exc), exc, exc.__traceback__)
        assert handler.reported == ["ValueError: kaboom"]
        assert "kaboom" in caplog.text
        assert (tmp_path / "crash" / "faults.txt").exists()
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    finally:
        handler.uninstall()


def test_loop_handler_reports_but_ignores_cancellation(qapp: Any, tmp_path: Path, monkeypatch: Any) -> None:
    handler = crash.CrashHandler(tmp_path / "a.log", tmp_path / "f.txt")
    loop = asyncio.get_event_loop()
    handler.loop_exception_handler(loop, {"message": "x", "exception": asyncio.CancelledError()})
    assert handler.reported == []
    monkeypatch.setenv("ATELIER_NO_CRASH_DIALOG", "0")
    handler.loop_exception_handler(
        loop, {"message": "Task exception was never retrieved", "exception": KeyError("k")}
    )
    assert handler.reported == ["KeyError: 'k'"]
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes
    assert str(tmp_path / "a.log") in boxes[0].text()
    assert not boxes[0].isModal()
    for box in boxes:
        box.close()


def test_crash_details_are_scrubbed_like_the_log(tmp_path: Path) -> None:
    from desktop.log import redact
    from desktop.ui.crash import CrashHandler

    handler = CrashHandler(tmp_path / "a.log", tmp_path / "crash.log", scrub=redact)
    handler._report("RuntimeError: refresh_token=leaky-secret-1", "Authorization: Bearer leaky-secret-2")
    assert "leaky-secret-1" not in handler.reported[-1]


def test_a_crash_file_that_cannot_be_created_does_not_stop_the_app(qapp: Any, caplog: Any) -> None:
    """On a full disk even an empty crash file may be refused (ENOSPC on create: ext4 with a full directory
    block); a path under /dev/full, which is no folder, is refused the same way here. The hooks install all
    the same, native crash reports go to stderr, and the refusal is one warning."""
    handler = crash.CrashHandler(Path("/dev/full/logs/atelier.log"), Path("/dev/full/logs/crash.log"))
    with caplog.at_level(logging.WARNING, logger="atelier.crash"):
        handler.install()
    try:
        assert sys.excepthook == handler.excepthook
        assert "native crash reports go to stderr" in caplog.text
    finally:
        handler.uninstall()


def test_the_crash_dialog_does_not_point_to_a_log_the_full_disk_kept_it_from_writing(
        qapp: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """The log file on /dev/full (every write fails with ENOSPC, as on a full disk): the dialog says the
    details could not be written there, and why, instead of sending the user to a file that lacks them."""
    from desktop.log import log_file_trouble, setup_logging

    monkeypatch.setenv("ATELIER_NO_CRASH_DIALOG", "0")
    setup_logging(Path("/dev/full"), console=False)
    try:
        handler = crash.CrashHandler(Path("/dev/full"), tmp_path / "crash.log", log_trouble=log_file_trouble)
        handler.loop_exception_handler(asyncio.get_event_loop(),
                                       {"message": "boom", "exception": KeyError("k")})
    finally:
        setup_logging(None, console=False)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    try:
        assert boxes
        assert "could not be written to /dev/full (No space left on device)" in boxes[-1].text()
        assert "KeyError" in boxes[-1].detailedText()
    finally:
        for box in boxes:
            box.close()
