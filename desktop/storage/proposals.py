"""Cached proposals, plus local rows for proposals still waiting in the outbox, and each proposal's
timeline: the statuses the sync saw it in, with the server's time for each (``steps``)."""

from __future__ import annotations

import builtins
import json
import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from desktop.core.clock import parse_ts
from desktop.core.models import (
    BidMilestone,
    Proposal,
    ProposalDraft,
    ProposalStatus,
    ScreeningAnswer,
)
from desktop.storage._convert import chunks, money, placeholders, ts

_COLUMNS = (
    "id, job_id, job_title, client_name, cover_letter, bid, bid_currency, duration, status, fee_rate,"
    " connects_spent, invited, created_at, updated_at"
)
LOCAL_PREFIX = "local:"
# Reading: the proposal with its terms (milestones and screening answers), when it has any.
_READ = ("SELECT " + ", ".join(f"p.{c.strip()}" for c in _COLUMNS.split(","))
         + ", t.milestones, t.answers FROM proposals p LEFT JOIN proposal_terms t ON t.proposal_id = p.id")


@dataclass(frozen=True, slots=True)
class ProposalStep:
    """One step of a proposal's timeline: it reached ``status`` at ``at``.

    ``confirmed`` is False for a step made here that the marketplace has not answered yet (a withdrawal on
    its way, dated by this computer's clock)."""

    status: ProposalStatus
    at: datetime
    confirmed: bool = True


def _values(p: Proposal) -> tuple[Any, ...]:
    return (
        p.id,
        p.job_id,
        p.job_title,
        p.client_name,
        p.cover_letter,
        str(p.bid.amount),
        p.bid.currency,
        p.duration,
        p.status.value,
        str(p.fee_rate),
        p.connects_spent,
        1 if p.invited else 0,
        ts(p.created_at),
        ts(p.updated_at),
    )


def milestones_text(milestones: Iterable[BidMilestone]) -> str:
    return json.dumps([{"description": m.description, "amount": str(m.amount.amount),
                        "currency": m.amount.currency, "due": m.due.isoformat()} for m in milestones],
                      ensure_ascii=False)


def answers_text(answers: Iterable[ScreeningAnswer]) -> str:
    return json.dumps([{"question_id": a.question_id, "question": a.question, "answer": a.answer}
                       for a in answers], ensure_ascii=False)


def load_milestones(text: str | None) -> tuple[BidMilestone, ...]:
    """Milestones from their JSON; what cannot be read is left out (never an error for the reader)."""
    found: builtins.list[BidMilestone] = []
    for item in _json_list(text):
        try:
            amount = money(str(item["amount"]), str(item["currency"]))
            found.append(BidMilestone(str(item["description"]), amount, date.fromisoformat(str(item["due"]))))
        except (KeyError, ValueError, ArithmeticError):
            continue
    return tuple(found)


def load_answers(text: str | None) -> tuple[ScreeningAnswer, ...]:
    return tuple(ScreeningAnswer(str(item.get("question_id", "")), str(item.get("question", "")),
                                 str(item.get("answer", ""))) for item in _json_list(text))


def _json_list(text: str | None) -> builtins.list[dict[str, Any]]:
    if not text or text == "[]":
        return []
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return [v for v in value if isinstance(v, dict)] if isinstance(value, builtins.list) else []


def _write_terms(conn: sqlite3.Connection, items: Iterable[Proposal]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO proposal_terms (proposal_id, milestones, answers) VALUES (?, ?, ?)",
        [(p.id, milestones_text(p.milestones), answers_text(p.answers)) for p in items
         if p.milestones or p.answers])


def _proposal(row: tuple[Any, ...]) -> Proposal:
    return Proposal(
        id=row[0],
        job_id=row[1],
        job_title=row[2],
        client_name=row[3],
        cover_letter=row[4],
        bid=money(row[5], row[6]),
        duration=row[7],
        status=ProposalStatus(row[8]),
        fee_rate=Decimal(row[9]),
        connects_spent=row[10],
        invited=bool(row[11]),
        created_at=parse_ts(row[12]),
        updated_at=parse_ts(row[13]),
        milestones=load_milestones(row[14]) if len(row) > 14 else (),
        answers=load_answers(row[15]) if len(row) > 15 else (),
    )


def upsert_many(conn: sqlite3.Connection, items: Iterable[Proposal]) -> int:
    """Insert or replace by id. A server proposal replaces any local row for the same job."""
    servers = [p for p in items if not p.id.startswith(LOCAL_PREFIX)]
    rows = [_values(p) for p in servers]
    for batch in chunks(sorted({r[1] for r in rows})):
        conn.execute(
            f"DELETE FROM proposals WHERE id LIKE 'local:%' AND job_id IN ({placeholders(len(batch))})",
            batch,
        )
    conn.executemany(
        f"INSERT INTO proposals ({_COLUMNS}) VALUES ({placeholders(14)})"
        " ON CONFLICT (id) DO UPDATE SET job_id = excluded.job_id, job_title = excluded.job_title,"
        " client_name = excluded.client_name, cover_letter = excluded.cover_letter, bid = excluded.bid,"
        " bid_currency = excluded.bid_currency, duration = excluded.duration, status = excluded.status,"
        " fee_rate = excluded.fee_rate, connects_spent = excluded.connects_spent,"
        " invited = excluded.invited, created_at = excluded.created_at, updated_at = excluded.updated_at"
        # a page fetched before a live event must not undo it: keep whichever version is newer
        " WHERE excluded.updated_at >= proposals.updated_at",
        rows,
    )
    _write_terms(conn, servers)
    _record_steps(conn, rows)
    return len(rows)


_ADD_STEP = (
    "INSERT INTO proposal_steps (proposal_id, status, at, confirmed) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (proposal_id, status) DO UPDATE SET"
    # the marketplace's time replaces this computer's; otherwise the first time seen in that status stays
    " at = CASE WHEN excluded.confirmed > proposal_steps.confirmed THEN excluded.at"
    " WHEN excluded.confirmed < proposal_steps.confirmed THEN proposal_steps.at"
    " ELSE min(proposal_steps.at, excluded.at) END,"
    " confirmed = max(proposal_steps.confirmed, excluded.confirmed)"
)


def _record_steps(conn: sqlite3.Connection, rows: builtins.list[tuple[Any, ...]]) -> None:
    """Every server row says the proposal was submitted at created_at and in its status at updated_at
    (also when the row is older than the cached one: a replayed event fills in a step a delta page
    skipped). A step made here that the stored status no longer agrees with is dropped."""
    steps: builtins.list[tuple[str, str, str, int]] = []
    for r in rows:
        proposal_id, status, created_at, updated_at = r[0], r[8], r[12], r[13]
        steps.append((proposal_id, ProposalStatus.SUBMITTED.value, created_at, 1))
        if status != ProposalStatus.SUBMITTED.value:
            steps.append((proposal_id, status, updated_at, 1))
    conn.executemany(_ADD_STEP, steps)
    for batch in chunks(sorted({r[0] for r in rows})):
        conn.execute(
            "DELETE FROM proposal_steps WHERE confirmed = 0"
            f" AND proposal_id IN ({placeholders(len(batch))})"
            " AND status <> (SELECT p.status FROM proposals p WHERE p.id = proposal_steps.proposal_id)",
            batch,
        )


def set_status_here(
    conn: sqlite3.Connection, proposal_id: str, status: ProposalStatus, now: datetime
) -> Proposal | None:
    """The user changed the proposal's status here (a withdrawal waiting in the outbox): the cached row
    shows it at once, keeping the server's updated_at so the server's own answer always counts as newer,
    and the timeline gets a step dated ``now`` until the server's time arrives."""
    current = get(conn, proposal_id)
    if current is None:
        return None
    conn.execute("UPDATE proposals SET status = ? WHERE id = ?", (status.value, proposal_id))
    conn.execute(_ADD_STEP, (proposal_id, status.value, ts(now), 0))
    return get(conn, proposal_id)


def steps(conn: sqlite3.Connection, proposal_id: str) -> builtins.list[ProposalStep]:
    """The proposal's timeline, oldest first (statuses this version does not know are left out)."""
    found: builtins.list[ProposalStep] = []
    for status, at, confirmed in conn.execute(
        "SELECT status, at, confirmed FROM proposal_steps WHERE proposal_id = ?", (proposal_id,)
    ):
        try:
            found.append(ProposalStep(ProposalStatus(status), parse_ts(at), bool(confirmed)))
        except ValueError:
            continue
    order = builtins.list(ProposalStatus)  # same time: the lifecycle's order (submitted before viewed …)
    return sorted(found, key=lambda s: (s.at, order.index(s.status)))


def get(conn: sqlite3.Connection, proposal_id: str) -> Proposal | None:
    row = conn.execute(f"{_READ} WHERE p.id = ?", (proposal_id,)).fetchone()
    return None if row is None else _proposal(row)


def list(
    conn: sqlite3.Connection, statuses: Collection[ProposalStatus] | None = None
) -> builtins.list[Proposal]:
    """Newest updated first."""
    sql = _READ
    params: builtins.list[str] = []
    if statuses is not None:
        wanted = sorted({ProposalStatus(s).value for s in statuses})
        if not wanted:
            return []
        sql += f" WHERE p.status IN ({placeholders(len(wanted))})"
        params = wanted
    sql += " ORDER BY p.updated_at DESC, p.id"
    return [_proposal(r) for r in conn.execute(sql, params)]


def counts_by_status(conn: sqlite3.Connection) -> dict[ProposalStatus, int]:
    """Every status, zero when there are none."""
    counts = dict.fromkeys(ProposalStatus, 0)
    for status, n in conn.execute("SELECT status, count(*) FROM proposals GROUP BY status"):
        try:
            counts[ProposalStatus(status)] = n
        except ValueError:
            continue
    return counts


def pending_connects(conn: sqlite3.Connection) -> int:
    """What the proposals still waiting to reach the marketplace will cost in Connects (their jobs' price,
    for those whose job is cached)."""
    row = conn.execute(
        "SELECT coalesce(sum(j.connects_required), 0) FROM proposals p JOIN jobs j ON j.id = p.job_id"
        " WHERE p.id LIKE 'local:%'").fetchone()
    return int(row[0])


def applied_job_ids(conn: sqlite3.Connection) -> set[str]:
    """Jobs with a proposal of any status (local ones included)."""
    return {r[0] for r in conn.execute("SELECT DISTINCT job_id FROM proposals")}


def insert_local(conn: sqlite3.Connection, draft: ProposalDraft, client_key: str, now: datetime) -> Proposal:
    """A stand-in row ("local:<client_key>", submitted) shown until the server's proposal arrives."""
    proposal = Proposal(
        id=f"{LOCAL_PREFIX}{client_key}",
        job_id=draft.job_id,
        job_title=draft.job_title,
        cover_letter=draft.cover_letter,
        bid=draft.bid,
        duration=draft.duration,
        status=ProposalStatus.SUBMITTED,
        fee_rate=draft.fee_rate,
        connects_spent=0,
        invited=False,
        created_at=now,
        updated_at=now,
        milestones=draft.milestones,
        answers=tuple(a for a in draft.answers),
    )
    conn.execute(
        f"INSERT OR REPLACE INTO proposals ({_COLUMNS}, client_key) VALUES ({placeholders(15)})",
        (*_values(proposal), client_key),
    )
    _write_terms(conn, [proposal])
    return proposal


def remove_local(conn: sqlite3.Connection, client_key: str) -> None:
    conn.execute("DELETE FROM proposals WHERE id = ?", (f"{LOCAL_PREFIX}{client_key}",))
