"""Shared helpers for the benchmark scripts: synthetic data and percentile maths."""

from __future__ import annotations

import random
import statistics
from collections.abc import Iterator, Sequence
from datetime import timedelta
from decimal import Decimal

from desktop.core.clock import utcnow
from desktop.core.models import (
    ClientInfo,
    DeliveryState,
    ExperienceLevel,
    Job,
    JobType,
    Message,
)
from desktop.core.money import Money

WORDS = (  # noqa: SIM905 (a word list reads better as text)
    "python django react typescript api backend frontend mobile ios android flutter design logo "
    "brand wordpress shopify seo marketing copywriting translation spanish german data analysis "
    "machine learning pytorch dashboard excel finance accounting bookkeeping video editing "
    "animation devops aws kubernetes docker terraform security audit scraping automation chatbot "
    "llm postgres mongodb figma ux research"
).split()
SEARCHES = ["python", "react native", "logo design", "data", "shopify store", "kubernetes", "copy",
            "translation german", "machine learning", "excel", "wordpress seo", "video", "api", "finance",
            "docker aws", "ux", "llm chatbot", "bookkeeping", "flutter", "postgres"]


def synthetic_jobs(count: int, seed: int = 1) -> Iterator[Job]:
    rng = random.Random(seed)
    now = utcnow()
    for i in range(count):
        words = rng.sample(WORDS, 8)
        hourly = rng.random() < 0.5
        posted = now - timedelta(minutes=rng.randint(0, 60 * 24 * 30))
        yield Job(
            id=f"job_{i:07d}", title=" ".join(words[:5]).capitalize(),
            description=" ".join(rng.choices(WORDS, k=80)), category=rng.choice(WORDS),
            skills=tuple(words[5:8]), job_type=JobType.HOURLY if hourly else JobType.FIXED,
            budget=None if hourly else Money.of(rng.randint(50, 5000)),
            hourly_min=Money.of(rng.randint(15, 40)) if hourly else None,
            hourly_max=Money.of(rng.randint(45, 120)) if hourly else None,
            experience_level=rng.choice(list(ExperienceLevel)), duration="1 to 3 months",
            proposals_count=rng.randint(0, 50), connects_required=rng.randint(2, 16),
            fee_rate=Decimal("0.10"),
            client=ClientInfo(id=f"usr_c{i % 500}", name=f"Client {i % 500}", country="US",
                              payment_verified=rng.random() < 0.8, rating=Decimal("4.8"),
                              total_spent=Money.of(rng.randint(0, 100000)), hires=rng.randint(0, 90)),
            status="open", posted_at=posted, updated_at=posted,
        )


def synthetic_messages(count: int, rooms: int = 40, seed: int = 2) -> Iterator[Message]:
    rng = random.Random(seed)
    start = utcnow() - timedelta(days=365)
    for i in range(count):
        yield Message(
            id=f"msg_{i:07d}", room_id=f"room_{i % rooms}", sender_id=f"usr_{i % 2}",
            sender_name="Ada" if i % 2 else "Client", body=" ".join(rng.choices(WORDS, k=18)),
            created_at=start + timedelta(minutes=i), state=DeliveryState.SENT,
        )


def percentile(samples: Sequence[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)
