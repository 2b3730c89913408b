"""The app's first painted frame against a bare PySide6 window, run in turn so both see the same machine.

    .venv/bin/python -m tests.benchmarks.bench_first_frame [RUNS]

Each run is a fresh process timed from spawn to its first painted frame:
- the bare window: PySide6 imported, a QMainWindow holding a 50-row list, shown and painted;
- the app: ``python -m desktop --startup-probe`` on a warm cache of 100 k jobs (the cached feed painted).
The two alternate, so a busy moment of the machine weighs on both; the ratio of the medians is the figure
(budget: the app ≤ 3× the bare window). The app's time from its first frame to the end of its process
(it quits right after that frame: panes, services, cache closed in order) is printed too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.bench_startup import prepare
from tests.benchmarks.common import median

RUNS = 9
MARKER = "STARTUP_READY"

BARE_WINDOW = f"""
from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow
app = QApplication([])
window = QMainWindow()
rows = QListWidget()
rows.addItems([f"Job {{i}}: a title as long as a real one, with a budget" for i in range(50)])
window.setCentralWidget(rows)
window.resize(1280, 800)
window.show()
window.repaint()
print("{MARKER}", flush=True)
"""


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # installed apps run from bytecode
    return env


def _timed(argv: list[str]) -> tuple[float, float]:
    """(ms from spawn to the first frame, ms from the first frame to the process's end)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=_env())
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(MARKER):
            shown = time.perf_counter()
            break
    else:
        raise RuntimeError(f"{argv[:3]} exited without painting its first frame")
    proc.stdout.read()
    proc.wait(timeout=30)
    ended = time.perf_counter()
    return (shown - start) * 1000, (ended - shown) * 1000


def run(job_count: int = 100_000, runs: int = RUNS) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        basedir = Path(tmp)
        prepare(basedir, job_count)
        bare = [sys.executable, "-c", BARE_WINDOW]
        app = [sys.executable, "-m", "desktop", "--basedir", str(basedir), "--startup-probe"]
        _timed(bare)  # warm the OS file cache for both
        _timed(app)
        bare_ms: list[float] = []
        app_ms: list[float] = []
        quit_ms: list[float] = []
        for _ in range(runs):
            bare_ms.append(_timed(bare)[0])
            first, to_exit = _timed(app)
            app_ms.append(first)
            quit_ms.append(to_exit)
    return {
        "bare_median_ms": median(bare_ms),
        "app_median_ms": median(app_ms),
        "ratio": median(app_ms) / median(bare_ms),
        "quit_median_ms": median(quit_ms),
    }


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    figures = run(runs=runs)
    print(f"bare PySide6 window, 50 rows ({runs} runs): median {figures['bare_median_ms']:.0f} ms")
    print(f"app, cached feed of 100,000 jobs ({runs} runs): median {figures['app_median_ms']:.0f} ms")
    print(f"first-frame ratio app / bare window: {figures['ratio']:.2f}× (budget ≤ 3×)")
    print(f"app, first frame to process exit on quit: median {figures['quit_median_ms']:.0f} ms")


if __name__ == "__main__":
    main()
