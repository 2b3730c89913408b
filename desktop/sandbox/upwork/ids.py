"""Upwork-looking identifiers built from persistent sequence numbers (see db.Database.next_number).

Shapes follow public examples: numeric 19-digit ids ("1181921839933591552", upwork-node CurrentUser.id
doc), job ciphertexts "~02" + digits (job URL https://www.upwork.com/jobs/~02…), freelancer ciphertexts
"~01…", room ids "room_<hex>".
"""

from __future__ import annotations

import hashlib
import sqlite3

from .db import next_number


def numeric_id(conn: sqlite3.Connection, kind: str, base: int) -> str:
    """A 19-digit id; `base` keeps kinds apart (users 14…, jobs 18…, …)."""
    return str(base * 10**17 + next_number(conn, kind) * 7919)


def job_ids(conn: sqlite3.Connection) -> tuple[str, str]:
    """(id, ciphertext) of a new job posting."""
    job_id = numeric_id(conn, "job", 18)
    return job_id, "~02" + job_id


def room_id(conn: sqlite3.Connection) -> str:
    number = next_number(conn, "room")
    return "room_" + hashlib.sha1(f"room-{number}".encode()).hexdigest()[:32]


def story_id(conn: sqlite3.Connection) -> str:
    return str(1_700_000_000_000 + next_number(conn, "story") * 13)


def simple_id(conn: sqlite3.Connection, kind: str, start: int) -> str:
    """Shorter numeric ids (proposals, contracts, transactions), like Upwork's 8-10 digit record ids."""
    return str(next_number(conn, kind, start))
