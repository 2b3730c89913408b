"""What a damaged cache costs at 100 k cached jobs and 20 k messages: the background search-index check, and
a start that rescues the queue from a damaged file (its header; the outbox's pages, read page by page)."""

from __future__ import annotations

import itertools
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from desktop.core.clock import utcnow
from desktop.services.chat import SEND
from desktop.services.sync import FLUSH_ITEMS
from desktop.storage import jobs, messages, outbox
from desktop.storage.db import Database, in_use_marker
from tests.benchmarks.common import synthetic_jobs, synthetic_messages
from tests.support.bound import bound

JOBS = 100_000
MESSAGES = 20_000
HISTORY = 2_000  # sent items the outbox keeps
PENDING = 20


def _build(path: Path, job_count: int) -> None:
    db = Database.open(path)
    try:
        source = synthetic_jobs(job_count)
        while batch := list(itertools.islice(source, FLUSH_ITEMS)):
            db.write_now(bound(jobs.upsert_many, batch))
        db.write_now(lambda c: messages.upsert_many(c, synthetic_messages(MESSAGES)))
        start = utcnow() - timedelta(days=1)

        def queue(conn: sqlite3.Connection) -> None:
            for i in range(HISTORY + PENDING):
                when = start + timedelta(seconds=i)
                key = f"msg-{i}"
                messages.insert_local(conn, "room-0001", f"note {i} " + "about the plan " * 6, "me", "Me",
                                      key, when)
                item = outbox.enqueue(conn, SEND, {"room_id": "room-0001", "body": f"note {i}"}, key, when)
                if i < HISTORY:
                    outbox.mark_sent(conn, item.id)
                    conn.execute("UPDATE messages SET id = ?, state = 'sent' WHERE client_key = ?",
                                 (f"srv-{i}", key))

        db.write_now(queue)
    finally:
        db.close_now()


def _outbox_leaves(path: Path) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'outbox' AND pagetype = 'leaf' ORDER BY pageno")]
    finally:
        conn.close()


def _timed_open(path: Path) -> tuple[float, int]:
    in_use_marker(path).touch()
    t0 = time.perf_counter()
    db = Database.open(path)
    elapsed = time.perf_counter() - t0
    try:
        report = db.rescue_report
        return elapsed, report.requeued if report is not None else -1
    finally:
        db.close_now()


def run(job_count: int = JOBS) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        pristine = Path(tmp) / "pristine.sqlite3"
        _build(pristine, job_count)
        figures: dict[str, float] = {"size_mb": pristine.stat().st_size / 1e6}

        db = Database.open(pristine)
        try:
            t0 = time.perf_counter()
            db.verify_search_indexes_now()
            figures["fts_check_s"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            db.verify_now()
            figures["quick_check_s"] = time.perf_counter() - t0
        finally:
            db.close_now()

        header = Path(tmp) / "header" / "cache.sqlite3"
        header.parent.mkdir()
        shutil.copyfile(pristine, header)
        with open(header, "r+b") as fh:
            fh.write(b"\x00" * 16)
        figures["header_open_s"], header_requeued = _timed_open(header)
        figures["header_requeued"] = float(header_requeued)

        pages = Path(tmp) / "pages" / "cache.sqlite3"
        pages.parent.mkdir()
        shutil.copyfile(pristine, pages)
        rng = random.Random(1)
        with open(pages, "r+b") as fh:
            for page in _outbox_leaves(pages):
                fh.seek((page - 1) * 4096 + 8)
                fh.write(rng.randbytes(4096 - 8))
        figures["pages_open_s"], pages_requeued = _timed_open(pages)
        figures["pages_requeued"] = float(pages_requeued)
    return figures


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else JOBS
    f = run(count)
    print(f"cache of {count:,} jobs, {MESSAGES:,} messages, {HISTORY:,} sent and {PENDING} queued items: "
          f"{f['size_mb']:.0f} MB")
    print(f"background checks: quick_check {f['quick_check_s']:.2f} s, search indexes (FTS5 integrity-check) "
          f"{f['fts_check_s']:.2f} s")
    print(f"start with a damaged header: {f['header_open_s']:.2f} s, {f['header_requeued']:.0f} of {PENDING} "
          "queued items back")
    print(f"start with every outbox page damaged: {f['pages_open_s']:.2f} s, {f['pages_requeued']:.0f} of "
          f"{PENDING} queued items back (from their echoes)")


if __name__ == "__main__":
    main()
