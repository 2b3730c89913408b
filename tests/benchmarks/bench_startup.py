"""Cold start to an interactive window showing the cached feed, with a warm cache of 100 k jobs.

Each run is a fresh process (`python -m desktop --startup-probe`), timed from spawn until the app prints
its marker after painting the window with the first page of cached jobs.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from desktop.paths import AppPaths
from desktop.settings import Settings
from desktop.storage import jobs
from desktop.storage.db import Database
from tests.benchmarks.common import median, synthetic_jobs
from tests.support.bound import bound

SERVER = "http://127.0.0.1:9"  # nothing listens there: the app starts from the cache alone
ACCOUNT = "bench@atelier.test"
RUNS = 7


def prepare(basedir: Path, job_count: int) -> None:
    paths = AppPaths.under(basedir).ensure()
    Settings(server_url=SERVER, account=ACCOUNT).save(paths.settings_file)
    db = Database.open(paths.account_db(SERVER, ACCOUNT))
    source = synthetic_jobs(job_count)
    while batch := list(itertools.islice(source, 2000)):
        db.write_now(bound(jobs.upsert_many, batch))
    db.close_now()


def one_start(basedir: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    # Installed apps run from bytecode; a machine that sets PYTHONDONTWRITEBYTECODE would compile our
    # modules from source on every start (about 70 ms) and measure something no user sees.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--basedir", str(basedir), "--startup-probe"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("STARTUP_READY"):
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError("the app exited without reaching its first frame")
    proc.wait(timeout=30)
    return elapsed * 1000


def run(job_count: int = 100_000) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        basedir = Path(tmp)
        prepare(basedir, job_count)
        one_start(basedir)  # warm the OS file cache, as on a machine that ran the app before
        samples = [one_start(basedir) for _ in range(RUNS)]
    return {"startup_median_ms": median(samples), "startup_max_ms": max(samples)}


def main() -> None:
    figures = run()
    print(f"cold start to cached feed (100,000 jobs cached, {RUNS} runs): median "
          f"{figures['startup_median_ms']:.0f} ms, max {figures['startup_max_ms']:.0f} ms")


if __name__ == "__main__":
    main()
