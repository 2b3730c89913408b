"""Run every benchmark and print the figures as the README's Performance table.

    .venv/bin/python -m tests.benchmarks.run_all [JOBS]

Each benchmark runs in its own process so that one's memory and threads do not colour another's figures.
"""

from __future__ import annotations

import json
import subprocess
import sys

BENCHMARKS = {
    "cache": "from tests.benchmarks.bench_cache import run",
    "startup": "from tests.benchmarks.bench_startup import run",
    "sync": "from tests.benchmarks.bench_sync import run",
    "first_frame": "from tests.benchmarks.bench_first_frame import run",
}


def measure(name: str, jobs: int) -> dict[str, float]:
    code = (f"import json, os, sys; {BENCHMARKS[name]}; "
            f"print('FIGURES ' + json.dumps(run({jobs}))); sys.stdout.flush(); os._exit(0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("FIGURES "))
    return dict(json.loads(line.removeprefix("FIGURES ")))


def main() -> None:
    jobs = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    names = ("cache", "startup", "sync", "first_frame")
    cache, startup, sync, first = (measure(name, jobs) for name in names)
    rows = [
        ("Cold start to the cached feed (warm cache)", f"{startup['startup_median_ms']:.0f} ms median",
         "≤ 600 ms"),
        ("First frame of the cached feed against a bare PySide6 window (50 rows)",
         f"{first['app_median_ms']:.0f} ms vs {first['bare_median_ms']:.0f} ms: {first['ratio']:.1f}×",
         "≤ 3×"),
        ("From the first frame to the end of the process on quit", f"{first['quit_median_ms']:.0f} ms", "—"),
        (f"Cache ingest ({jobs:,} jobs, with full-text index)", f"{cache['ingest_jobs_per_s']:,.0f} jobs/s",
         "≥ 10,000 jobs/s"),
        (f"Feed search over {jobs:,} cached jobs",
         f"p50 {cache['search_p50_ms']:.1f} ms · p95 {cache['search_p95_ms']:.1f} ms", "p95 ≤ 30 ms"),
        (f"Best match order, first page, over {jobs:,} jobs (with or without search words)",
         f"p95 {cache['best_match_p95_ms']:.1f} ms", "p95 ≤ 50 ms"),
        (f"Scoring every cached job again ({jobs:,}; the profile's skills changed)",
         f"{cache['rescore_s']:.1f} s", "— (off the UI thread)"),
        ("Search across 20,000 chat messages, as you type", f"p95 {cache['message_search_p95_ms']:.1f} ms",
         "p95 ≤ 30 ms"),
        (f"Longest UI event-loop stall during a full sync of {jobs:,} jobs",
         f"{sync['stall_max_ms']:.0f} ms (p99 {sync['stall_p99_ms']:.0f} ms)", "≤ 50 ms"),
        (f"Idle RSS with {jobs:,} jobs and 20,000 messages cached", f"{sync['idle_rss_mb']:.0f} MB",
         "≤ 120 MB"),
        ("Chat message shown in a second client (loopback)",
         f"p50 {sync['chat_p50_ms']:.1f} ms · p95 {sync['chat_p95_ms']:.1f} ms", "p95 ≤ 50 ms"),
        (f"Full sync of {jobs:,} jobs over HTTP", f"{sync['sync_s']:.1f} s", "—"),
    ]
    print("| What | Measured | Budget |")
    print("|---|---|---|")
    for what, value, budget in rows:
        print(f"| {what} | {value} | {budget} |")


if __name__ == "__main__":
    main()
