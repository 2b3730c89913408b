"""Cache ingest rate and feed search latency over 100 k cached jobs (storage layer, real SQLite); the Best
match order and a full rescore (the profile's skills changed); the search across 20 k chat messages."""

from __future__ import annotations

import itertools
import sys
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from desktop.core.models import Freelancer, JobFilter, JobSort
from desktop.core.money import Money
from desktop.services.sync import FLUSH_ITEMS
from desktop.storage import jobs, messages, profile
from desktop.storage.db import Database
from tests.benchmarks.common import SEARCHES, percentile, synthetic_jobs, synthetic_messages
from tests.support.bound import bound

JOBS = 100_000
MESSAGES = 20_000
BATCH = FLUSH_ITEMS  # rows per write transaction, as the sync engine writes them
ME = Freelancer(id="fl-bench", name="Bench Mark", title="Python developer", email="bench@example.com",
                skills=("Python", "Django", "React", "PostgreSQL", "Docker"),
                hourly_rate=Money(Decimal("60")), connects=100, fee_rate=Decimal("0.10"), country="FR")
"""The profile is there before the jobs, as after a first sync: every job written is scored."""


def run(job_count: int = JOBS) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "cache.sqlite3")
        try:
            db.write_now(bound(profile.set, ME))
            batches = []
            source = synthetic_jobs(job_count)
            while batch := list(itertools.islice(source, BATCH)):
                batches.append(batch)
            start = time.perf_counter()
            for batch in batches:
                db.write_now(bound(jobs.upsert_many, batch))
            ingest_s = time.perf_counter() - start

            samples: list[float] = []
            for _ in range(5):
                for query in SEARCHES:
                    # as-you-type: every prefix of the last word, like a user typing
                    for end in range(3, len(query) + 1, 2):
                        f = JobFilter(query=query[:end])
                        t0 = time.perf_counter()
                        db.read_now(bound(jobs.page, f, 0, 100))
                        samples.append((time.perf_counter() - t0) * 1000)
            count_samples: list[float] = []
            for query in SEARCHES:
                f = JobFilter(query=query)
                t0 = time.perf_counter()
                db.read_now(bound(jobs.count, f))
                count_samples.append((time.perf_counter() - t0) * 1000)

            best: list[float] = []
            for _ in range(5):
                for query in ["", *SEARCHES]:
                    f = JobFilter(query=query, sort=JobSort.BEST_MATCH)
                    t0 = time.perf_counter()
                    db.read_now(bound(jobs.page, f, 0, 100))
                    best.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            db.write_now(bound(profile.set, replace(ME, skills=(*ME.skills, "Kubernetes"))))
            rescore_s = time.perf_counter() - t0

            db.write_now(bound(messages.upsert_many, list(synthetic_messages(MESSAGES))))
            chat: list[float] = []
            for _ in range(5):
                for query in SEARCHES:
                    for end in range(3, len(query) + 1, 2):
                        t0 = time.perf_counter()
                        db.read_now(bound(messages.search, query[:end], 200))
                        chat.append((time.perf_counter() - t0) * 1000)
        finally:
            db.close_now()
    return {
        "ingest_jobs_per_s": job_count / ingest_s,
        "search_p50_ms": percentile(samples, 50),
        "search_p95_ms": percentile(samples, 95),
        "count_p95_ms": percentile(count_samples, 95),
        "search_samples": float(len(samples)),
        "best_match_p95_ms": percentile(best, 95),
        "rescore_s": rescore_s,
        "message_search_p95_ms": percentile(chat, 95),
    }


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else JOBS
    figures = run(count)
    print(f"cache ingest ({count:,} jobs, {BATCH:,} per transaction): "
          f"{figures['ingest_jobs_per_s']:,.0f} jobs/s")
    print(f"feed search over {count:,} jobs: p50 {figures['search_p50_ms']:.1f} ms, "
          f"p95 {figures['search_p95_ms']:.1f} ms "
          f"({figures['search_samples']:.0f} queries, first page of 100)")
    print(f"result count over {count:,} jobs: p95 {figures['count_p95_ms']:.1f} ms")
    print("Best match, first page (with and without search words): "
          f"p95 {figures['best_match_p95_ms']:.1f} ms")
    print(f"every job scored again (a new skill in the profile): {figures['rescore_s']:.1f} s")
    print(f"search across {MESSAGES:,} messages as you type: p95 {figures['message_search_p95_ms']:.1f} ms")


if __name__ == "__main__":
    main()
