"""Feed query shapes in detail: ``python -m tests.benchmarks.bench_feed_queries [N] [DIR]``.

Prints ingest rate and the page/count latency of each filter and sort over N synthetic jobs (default
100_000): the breakdown behind bench_cache's single search figure, for tuning the storage layer.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from desktop.core.models import ExperienceLevel, JobFilter, JobSort, JobType
from desktop.storage import jobs
from desktop.storage.db import Database
from tests.benchmarks.common import percentile
from tests.unit.storage.factories import make_job


def _time(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()  # warm
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), percentile(samples, 95)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="atelier-bench-"))
    path = folder / "bench.db"
    fresh = not path.exists()
    db = Database.open(path)
    if fresh:
        t0 = time.perf_counter()
        items = [make_job(i) for i in range(n)]
        t1 = time.perf_counter()
        for start in range(0, n, 2000):
            batch = items[start : start + 2000]
            db.write_now(lambda c, b=batch: jobs.upsert_many(c, b))  # type: ignore[misc]
        t2 = time.perf_counter()
        print(f"generate {n} jobs: {t1 - t0:.1f} s (not storage)")
        print(f"upsert_many {n} jobs: {t2 - t1:.2f} s = {n / (t2 - t1):,.0f} jobs/s")
        t3 = time.perf_counter()
        db.write_now(lambda c: jobs.upsert_many(c, items[:2000]))
        print(f"re-upsert 2000 unchanged: {(time.perf_counter() - t3) * 1000:.0f} ms")
    print(f"file size: {path.stat().st_size / 1e6:.0f} MB")
    db.close_now()
    t4 = time.perf_counter()
    db = Database.open(path)
    print(f"open (incl. quick_check): {(time.perf_counter() - t4) * 1000:.0f} ms")

    cases: list[tuple[str, JobFilter]] = [
        ("no filter", JobFilter()),
        ("q=python", JobFilter(query="python")),
        ("q=the (very common)", JobFilter(query="the")),
        ("q=de (2-letter prefix)", JobFilter(query="de")),
        ("q=p (1-letter prefix)", JobFilter(query="p")),
        ("q='data pipeline'", JobFilter(query="data pipeline")),
        ("q=zendesk (rare-ish)", JobFilter(query="zendesk")),
        ("q=nomatchword", JobFilter(query="nomatchword")),
        ("q=python relevance", JobFilter(query="python", sort=JobSort.RELEVANCE)),
        ("q=the relevance", JobFilter(query="the", sort=JobSort.RELEVANCE)),
        ("q=python budget", JobFilter(query="python", sort=JobSort.BUDGET_HIGH)),
        ("q=the fewest", JobFilter(query="the", sort=JobSort.FEWEST_PROPOSALS)),
        ("category", JobFilter(category="Design")),
        ("budget>=5000", JobFilter(min_budget=Decimal(5000))),
        ("budget sort", JobFilter(sort=JobSort.BUDGET_HIGH)),
        ("fewest sort", JobFilter(sort=JobSort.FEWEST_PROPOSALS)),
        (
            "fixed+verified+expert",
            JobFilter(
                job_type=JobType.FIXED, payment_verified_only=True, experience_level=ExperienceLevel.EXPERT
            ),
        ),
        ("fixed+min 12000", JobFilter(job_type=JobType.FIXED, min_budget=Decimal(12000))),
        (
            "q=python+category+verified",
            JobFilter(query="python", category="Design", payment_verified_only=True),
        ),
        ("q=the+max_prop 0", JobFilter(query="the", max_proposals=0)),
        ("posted 24h", JobFilter(posted_within_hours=24)),
        ("q=security audit+hourly", JobFilter(query="security audit", job_type=JobType.HOURLY)),
    ]
    print(f"{'case':34} {'page med':>9} {'page p95':>9} {'count med':>10} {'count p95':>10} {'count':>7}")
    for name, f in cases:
        pm, pp = _time(lambda f=f: db.read_now(lambda c: jobs.page(c, f, 0, 100)), 40)  # type: ignore[misc]
        cm, cp = _time(lambda f=f: db.read_now(lambda c: jobs.count(c, f)), 20)  # type: ignore[misc]
        total = db.read_now(lambda c, f=f: jobs.count(c, f))  # type: ignore[misc]
        print(f"{name:34} {pm:8.1f}ms {pp:8.1f}ms {cm:9.1f}ms {cp:9.1f}ms {total:7d}")
    deep = JobFilter(query="python")
    pm, pp = _time(lambda: db.read_now(lambda c: jobs.page(c, deep, 5000, 100)), 20)
    print(f"{'q=python offset 5000':34} {pm:8.1f}ms {pp:8.1f}ms")
    db.close_now()


if __name__ == "__main__":
    main()
