"""Full sync of 100 k jobs through the real stack, measured from the UI's side, then idle memory.

- The reference server runs in its own process (as a real server would), seeded with 100 k jobs.
- This process is the app: the window (offscreen), qasync, the services, the SQLite cache. A QTimer ticking
  every 5 ms records the longest gap between ticks while the sync runs: the longest event-loop stall a
  user could feel.
- Chat latency: a client account posts messages; we time until the message is in the cache and the UI
  has been told (MessagesChanged), i.e. ready to paint.
- Idle RSS: a fresh app process on that cache (100 k jobs plus 20 k messages), signed in and idle.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ATELIER_NO_CRASH_DIALOG", "1")

import httpx
import keyring

from desktop.paths import AppPaths
from desktop.settings import Settings
from tests.benchmarks.common import percentile, synthetic_messages
from tests.support.bound import bound
from tests.support.memory_keyring import MemoryKeyring

ACCOUNT = "demo@atelier.test"
JOBS = 100_000
MESSAGES = 20_000
TICK_MS = 5


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(workdir: Path, jobs: int) -> tuple[subprocess.Popen[str], str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop.sandbox", "--port", str(port),
         "--db", str(workdir / "server.sqlite3"), "--jobs", str(jobs), "--no-simulate"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/v1/me", timeout=1).status_code == 401:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the reference server did not start")


def sync_in_app(basedir: Path, url: str) -> dict[str, float]:
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.credentials import CredentialStore
    from desktop.runtime import settle_after_first_frame, tune_interpreter_for_ui
    from desktop.services.container import build_services
    from desktop.services.events import MessagesChanged
    from desktop.services.session import Session
    from desktop.storage import messages
    from desktop.storage.db import Database
    from desktop.ui.main_window import MainWindow

    tune_interpreter_for_ui()  # as desktop.app.main does
    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)  # type: ignore[attr-defined]
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    paths = AppPaths.under(basedir).ensure()
    Settings(server_url=url, account=ACCOUNT).save(paths.settings_file)
    figures: dict[str, float] = {}

    async def run() -> None:
        session = Session(url, ACCOUNT, CredentialStore())
        await session.sign_in_with_password("demo")
        db = Database.open(paths.account_db(url, ACCOUNT))
        services = await build_services(db, session, account_label="bench")
        window = MainWindow(services, paths.config / "window.ini")
        window.resize(1280, 800)
        window.show()
        settle_after_first_frame()  # what the app does before it starts syncing

        gaps: list[float] = []
        last = time.perf_counter()

        def tick() -> None:
            nonlocal last
            now = time.perf_counter()
            gaps.append((now - last) * 1000 - TICK_MS)
            last = now

        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(tick)
        timer.start()
        started = time.perf_counter()
        await services.start()
        await services.sync.wait_until_synced(600)
        figures["sync_s"] = time.perf_counter() - started
        timer.stop()
        figures["stall_max_ms"] = max(gaps)
        figures["stall_p99_ms"] = percentile(gaps, 99)

        # chat latency, client -> server -> event stream -> cache -> UI notified
        token = (await httpx.AsyncClient().post(f"{url}/oauth/token", data={
            "grant_type": "password", "username": "client1@atelier.test", "password": "demo"})).json()
        client = httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {token['access_token']}"})
        room_id = (await client.get("/v1/rooms")).json()["items"][0]["id"]
        arrived = asyncio.Event()
        services.bus.subscribe(lambda e: arrived.set() if isinstance(e, MessagesChanged) else None)
        latencies: list[float] = []
        for i in range(60):
            arrived.clear()
            t0 = time.perf_counter()
            await client.post(f"/v1/rooms/{room_id}/messages", json={"body": f"latency probe {i}"})
            await asyncio.wait_for(arrived.wait(), 5)
            latencies.append((time.perf_counter() - t0) * 1000)
            await asyncio.sleep(0.02)
        await client.aclose()
        figures["chat_p50_ms"] = percentile(latencies[10:], 50)
        figures["chat_p95_ms"] = percentile(latencies[10:], 95)

        source = synthetic_messages(MESSAGES)
        while batch := list(itertools.islice(source, 2000)):
            await db.write(bound(messages.upsert_many, batch))
        window.close()
        await services.aclose()

    loop.run_until_complete(run())
    return figures


def idle_rss(basedir: Path, url: str, idle_s: float = 12.0) -> float:
    import psutil

    proc = subprocess.Popen([sys.executable, "-m", "tests.benchmarks.idle_app", str(basedir), url],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(idle_s)
        samples: list[float] = []
        for _ in range(5):
            samples.append(float(psutil.Process(proc.pid).memory_info().rss) / 2**20)
            time.sleep(0.5)
        return min(samples)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def run(jobs: int = JOBS) -> dict[str, float]:
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        server, url = start_server(workdir, jobs)
        try:
            figures = sync_in_app(workdir / "app", url)
            figures["idle_rss_mb"] = idle_rss(workdir / "app", url)
        finally:
            server.terminate()
            server.wait(timeout=20)
    figures["jobs"] = float(jobs)
    return figures


def main() -> None:
    jobs = int(sys.argv[1]) if len(sys.argv) > 1 else JOBS
    f = run(jobs)
    print(f"full sync of {jobs:,} jobs over HTTP: {f['sync_s']:.1f} s ({jobs / f['sync_s']:,.0f} jobs/s)")
    print(f"longest UI event-loop stall during that sync: {f['stall_max_ms']:.0f} ms "
          f"(p99 {f['stall_p99_ms']:.1f} ms)")
    print(f"chat message shown in a second client: p50 {f['chat_p50_ms']:.1f} ms, "
          f"p95 {f['chat_p95_ms']:.1f} ms")
    print(f"idle RSS with {jobs:,} jobs and {MESSAGES:,} messages cached: {f['idle_rss_mb']:.0f} MB")
    sys.stdout.flush()
    # Skip interpreter finalization: tearing down PySide6 wrappers in arbitrary order at exit can crash,
    # and there is nothing left to clean up (the server process and temp files are gone).
    os._exit(0)


if __name__ == "__main__":
    main()
