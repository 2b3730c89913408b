"""Quitting — by closing the window, when Qt ends the event loop itself, or on SIGTERM — shuts down in
order: exit code 0, the cache closed cleanly (so the next start skips the full integrity check), nothing
logged as an error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.storage.db import in_use_marker

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("how", ["close", "quit", "sigterm"])
def test_quitting_shuts_down_in_order(tmp_path: Path, how: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ATELIER_NO_CRASH_DIALOG="1")
    proc = subprocess.run([sys.executable, "-m", "tests.e2e.quit_app", str(tmp_path), how], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    log = (tmp_path / "logs" / "atelier.log").read_text()
    assert proc.returncode == 0, log[-3000:]
    assert "Atelier stopped (exit 0)" in log
    assert " ERROR " not in log
    assert "Traceback" not in log
    assert not in_use_marker(tmp_path / "data" / "accounts" / "demo" / "cache.sqlite3").exists()
