"""Composes Upwork-shaped job postings (rows of the `jobs` table) for the seed, the simulator and tests.

The text comes from the reference sandbox's corpus (desktop/sandbox/corpus.py via seed.JobFactory); the
shape is Upwork's: numeric id + "~02…" ciphertext, ContractType HOURLY/FIXED, ExperienceLevel ENTRY_LEVEL/
INTERMEDIATE/EXPERT and JobDuration WEEK…ONGOING (values from tryAGI/Upwork SearchConstants.cs).
"""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import datetime
from typing import Any

from desktop.sandbox.clock import format_ts
from desktop.sandbox.seed import JobFactory

from .db import insert_row
from .ids import job_ids

EXPERIENCE = {"entry": "ENTRY_LEVEL", "intermediate": "INTERMEDIATE", "expert": "EXPERT"}
DURATIONS = {  # corpus label -> (JobDuration, weeks)
    "Less than 1 month": ("MONTH", 4),
    "1 to 3 months": ("QUARTER", 12),
    "3 to 6 months": ("SEMESTER", 26),
    "More than 6 months": ("ONGOING", 52),
}
ENGAGEMENTS = (
    ("FULL_TIME", "30+ hrs/week"),
    ("PART_TIME", "Less than 30 hrs/week"),
    ("AS_NEEDED", "As needed - less than 10 hrs/week"),
)
QUESTIONS = (
    "Describe your recent experience with similar projects",
    "Please list any certifications related to this project",
    "What questions do you have about the project?",
    "Include a link to your GitHub or portfolio",
)


class JobMaker:
    """Inserts believable jobs; one RNG stream per user so the seed stays the same with or without it."""

    def __init__(self, rng: random.Random, client_org_ids: list[str]) -> None:
        self.rng = rng
        self.client_org_ids = client_org_ids
        self.factory = JobFactory(rng, client_org_ids)

    def insert(
        self,
        conn: sqlite3.Connection,
        published: datetime,
        *,
        status: str = "OPEN",
        overrides: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        rng = self.rng
        base = self.factory.make()
        job_id, ciphertext = job_ids(conn)
        duration, weeks = DURATIONS.get(base["duration"], ("MONTH", 4))
        hourly = base["job_type"] == "hourly"
        engagement = rng.choice(ENGAGEMENTS) if hourly else None
        skills = json.loads(base["skills"])
        stamp = format_ts(published)
        row: dict[str, Any] = {
            "id": job_id,
            "ciphertext": ciphertext,
            "title": base["title"],
            "description": base["description"],
            "category": base["category"],
            "subcategory": f"{base['category']} - {skills[0]}",
            "skills": json.dumps(skills),
            "job_type": "HOURLY" if hourly else "FIXED",
            "experience": EXPERIENCE[base["experience_level"]],
            "fixed_cents": None if hourly else base["budget_cents"],
            "hourly_min": None if not hourly else base["hourly_min_cents"] // 100,
            "hourly_max": None if not hourly else base["hourly_max_cents"] // 100,
            "engagement": None if engagement is None else engagement[0],
            "duration": duration,
            "duration_label": base["duration"],
            "weeks": weeks,
            "client_org_id": base["client_id"],
            "applicants": rng.choice((0, 2, 4, 7, 12, 18, 25, 37, 50)),
            "invites_sent": rng.randint(0, 8),
            "interviewing": rng.randint(0, 3),
            "persons_to_hire": rng.choice((1, 1, 1, 2)),
            "premium": int(rng.random() < 0.1),
            "enterprise": int(rng.random() < 0.05),
            "cover_letter_required": int(rng.random() < 0.7),
            "questions": json.dumps(rng.sample(QUESTIONS, rng.randint(0, 2))),
            "status": status,
            "close_result": None,
            "created_at": stamp,
            "published_at": stamp,
            "last_client_activity": stamp,
        }
        if status == "FILLED":
            row["close_result"], row["hires"] = "0", 1
        elif status == "CLOSED":
            row["close_result"] = rng.choice(("1", "3"))
        row.update(overrides or {})
        insert_row(conn, "jobs", row)
        return row
