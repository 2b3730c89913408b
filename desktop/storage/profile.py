"""The signed-in freelancer's profile (one row)."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

from desktop.core.models import Freelancer
from desktop.storage._convert import dump_list, load_list, money


def set(conn: sqlite3.Connection, f: Freelancer) -> None:
    """Keep the profile; when its skills or rate change, every cached job is scored again (Best match)."""
    before = get(conn)
    conn.execute(
        "INSERT OR REPLACE INTO profile (id, freelancer_id, name, title, email, skills, hourly_rate,"
        " hourly_rate_currency, connects, fee_rate, country) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            f.id,
            f.name,
            f.title,
            f.email,
            dump_list(f.skills),
            str(f.hourly_rate.amount),
            f.hourly_rate.currency,
            f.connects,
            str(f.fee_rate),
            f.country,
        ),
    )
    if before is None or (before.skills, before.hourly_rate) != (f.skills, f.hourly_rate):
        from desktop.storage import jobs  # jobs reads the profile to score what it writes: imported here

        jobs.rescore(conn, f)


def spend_connects(conn: sqlite3.Connection, spent: int) -> None:
    """A proposal went out: the cached balance goes down by what it cost (the next sync brings the
    marketplace's own count)."""
    conn.execute("UPDATE profile SET connects = max(0, connects - ?) WHERE id = 1", (spent,))


def get(conn: sqlite3.Connection) -> Freelancer | None:
    row = conn.execute(
        "SELECT freelancer_id, name, title, email, skills, hourly_rate, hourly_rate_currency, connects,"
        " fee_rate, country FROM profile WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    return Freelancer(
        id=row[0],
        name=row[1],
        title=row[2],
        email=row[3],
        skills=load_list(row[4]),
        hourly_rate=money(row[5], row[6]),
        connects=row[7],
        fee_rate=Decimal(row[8]),
        country=row[9],
    )
