"""Proposal drafts: one per job, kept as the user types (the user's own text; never purged).

A draft's letter and terms are a ``proposal_drafts`` row (``_COLUMNS``: the shape the damaged-cache rescue
knows); what a newer form adds (the template it started from, milestones, screening answers) is a
``proposal_draft_extras`` row beside it."""

from __future__ import annotations

import builtins
import dataclasses
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from desktop.core.clock import parse_ts
from desktop.core.models import ProposalDraft
from desktop.storage import proposals
from desktop.storage._convert import money, ts

_COLUMNS = "job_id, job_title, cover_letter, bid, bid_currency, duration, fee_rate, updated_at"
_SELECT = (
    "SELECT d.job_id, d.job_title, d.cover_letter, d.bid, d.bid_currency, d.duration, d.fee_rate,"
    " d.updated_at, e.template_id, e.extras"
    " FROM proposal_drafts d LEFT JOIN proposal_draft_extras e ON e.job_id = d.job_id"
)


@dataclass(frozen=True, slots=True)
class SavedDraft:
    draft: ProposalDraft
    updated_at: datetime


def _extras_of(draft: ProposalDraft) -> dict[str, Any]:
    """The JSON part of a draft's extras row (empty for a draft that has none)."""
    extras: dict[str, Any] = {}
    if draft.milestones:
        extras["milestones"] = json.loads(proposals.milestones_text(draft.milestones))
    if draft.answers:
        extras["answers"] = json.loads(proposals.answers_text(draft.answers))
    return extras


def _with_extras(draft: ProposalDraft, extras: dict[str, Any]) -> ProposalDraft:
    milestones = proposals.load_milestones(json.dumps(extras.get("milestones", [])))
    answers = proposals.load_answers(json.dumps(extras.get("answers", [])))
    return dataclasses.replace(draft, milestones=milestones, answers=answers)


def _saved(row: tuple[Any, ...]) -> SavedDraft:
    draft = ProposalDraft(job_id=row[0], job_title=row[1], cover_letter=row[2], bid=money(row[3], row[4]),
                          duration=row[5], fee_rate=Decimal(row[6]),
                          template_id=None if row[8] is None else int(row[8]))
    try:
        extras = json.loads(row[9]) if row[9] else {}
    except ValueError:
        extras = {}
    return SavedDraft(_with_extras(draft, extras if isinstance(extras, dict) else {}), parse_ts(row[7]))


def save(conn: sqlite3.Connection, draft: ProposalDraft, now: datetime) -> None:
    conn.execute(
        f"INSERT INTO proposal_drafts ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (job_id) DO UPDATE SET job_title = excluded.job_title,"
        " cover_letter = excluded.cover_letter, bid = excluded.bid, bid_currency = excluded.bid_currency,"
        " duration = excluded.duration, fee_rate = excluded.fee_rate, updated_at = excluded.updated_at",
        (draft.job_id, draft.job_title, draft.cover_letter, str(draft.bid.amount), draft.bid.currency,
         draft.duration, str(draft.fee_rate), ts(now)))
    extras = _extras_of(draft)
    if draft.template_id is None and not extras:
        conn.execute("DELETE FROM proposal_draft_extras WHERE job_id = ?", (draft.job_id,))
        return
    conn.execute(
        "INSERT OR REPLACE INTO proposal_draft_extras (job_id, template_id, extras) VALUES (?, ?, ?)",
        (draft.job_id, draft.template_id, json.dumps(extras, ensure_ascii=False, separators=(",", ":"))))


def get(conn: sqlite3.Connection, job_id: str) -> SavedDraft | None:
    row = conn.execute(f"{_SELECT} WHERE d.job_id = ?", (job_id,)).fetchone()
    return None if row is None else _saved(row)


def list(conn: sqlite3.Connection) -> builtins.list[SavedDraft]:
    rows = conn.execute(f"{_SELECT} ORDER BY d.updated_at DESC").fetchall()
    return [_saved(r) for r in rows]


def delete(conn: sqlite3.Connection, job_id: str) -> None:
    conn.execute("DELETE FROM proposal_drafts WHERE job_id = ?", (job_id,))
    conn.execute("DELETE FROM proposal_draft_extras WHERE job_id = ?", (job_id,))


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM proposal_drafts").fetchone()[0])
