"""Cover-letter templates: named snippets with placeholders ({client_name}, {job_title}, {my_rate},
{my_name}, {skills}), filled once, in a single pass, when inserted into a letter."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from desktop.core.clock import parse_ts
from desktop.core.errors import InputRejected
from desktop.core.notices import Code, Notice
from desktop.storage._convert import ts

PLACEHOLDERS = ("client_name", "job_title", "my_rate", "my_name", "skills")
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")


class TemplateError(InputRejected):
    """A template that cannot be stored as asked (an empty or duplicate name, an empty body)."""


@dataclass(frozen=True)
class Template:
    id: int
    name: str
    body: str
    created_at: datetime
    updated_at: datetime


def fill_placeholders(body: str, values: Mapping[str, str]) -> str:
    """Each known placeholder replaced once, in one pass: a value's own "{job_title}" or "%1" (a client
    called "{job_title} Ltd" or "100%1") stays as it is; a placeholder without a value is left standing."""
    def one(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return value if value else match.group(0)

    return _PLACEHOLDER.sub(one, body)


def _clean(name: str, body: str) -> tuple[str, str]:
    name = name.strip()
    if not name:
        raise TemplateError(Notice(Code.TEMPLATE_NAME_MISSING))
    if not body.strip():
        raise TemplateError(Notice(Code.TEMPLATE_TEXT_MISSING))
    return name, body


def _row(row: tuple[object, ...]) -> Template:
    return Template(id=int(str(row[0])), name=str(row[1]), body=str(row[2]), created_at=parse_ts(str(row[3])),
                    updated_at=parse_ts(str(row[4])))


def list_all(conn: sqlite3.Connection) -> list[Template]:
    rows = conn.execute("SELECT id, name, body, created_at, updated_at FROM proposal_templates"
                        " ORDER BY name COLLATE NOCASE").fetchall()
    return [_row(r) for r in rows]


def get(conn: sqlite3.Connection, template_id: int) -> Template | None:
    row = conn.execute("SELECT id, name, body, created_at, updated_at FROM proposal_templates WHERE id = ?",
                       (template_id,)).fetchone()
    return None if row is None else _row(row)


def add(conn: sqlite3.Connection, name: str, body: str, now: datetime) -> Template:
    name, body = _clean(name, body)
    try:
        cur = conn.execute("INSERT INTO proposal_templates (name, body, created_at, updated_at)"
                           " VALUES (?, ?, ?, ?)", (name, body, ts(now), ts(now)))
    except sqlite3.IntegrityError as exc:
        raise TemplateError(Notice(Code.TEMPLATE_NAME_TAKEN)) from exc
    return Template(id=int(cur.lastrowid or 0), name=name, body=body, created_at=now, updated_at=now)


def update(conn: sqlite3.Connection, template_id: int, name: str, body: str, now: datetime) -> None:
    """Rename and/or edit; an unknown id is an error, not a silent no-op."""
    name, body = _clean(name, body)
    try:
        cur = conn.execute("UPDATE proposal_templates SET name = ?, body = ?, updated_at = ? WHERE id = ?",
                           (name, body, ts(now), template_id))
    except sqlite3.IntegrityError as exc:
        raise TemplateError(Notice(Code.TEMPLATE_NAME_TAKEN)) from exc
    if cur.rowcount == 0:
        raise TemplateError(Notice(Code.TEMPLATE_GONE))


def delete(conn: sqlite3.Connection, template_id: int) -> None:
    """The template goes; proposals already sent with it keep counting for its reply rate under no name."""
    conn.execute("DELETE FROM proposal_templates WHERE id = ?", (template_id,))


def record_use(conn: sqlite3.Connection, proposal_id: str, template_id: int) -> None:
    conn.execute("INSERT OR REPLACE INTO proposal_template_use (proposal_id, template_id) VALUES (?, ?)",
                 (proposal_id, template_id))


def used_by(conn: sqlite3.Connection, proposal_id: str) -> int | None:
    row = conn.execute("SELECT template_id FROM proposal_template_use WHERE proposal_id = ?",
                       (proposal_id,)).fetchone()
    return int(row[0]) if row else None
