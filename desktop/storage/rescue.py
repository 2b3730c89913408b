"""Rescue what the user had queued from a damaged cache file, before it is moved aside and rebuilt.

What is read, in order, each step only when the one before could not read everything:

1. the file as it is, through SQLite: the outbox row by row, the local echoes of messages and the local
   rows of proposals and saved searches still being sent, the proposals and the messages being written
   (drafts), the rooms' names;
2. a copy of the file with its header repaired (a damaged first page header makes SQLite refuse a file
   whose rows are all still there);
3. the pages themselves (``storage.pages``): the same rows, recognised by their shape on every leaf page
   of the file and its WAL (the messages being written are a WITHOUT ROWID table: index leaves).

A message (a proposal, a saved search) whose outbox row is gone but whose local copy ("Sending…")
survives is queued again from that copy, with its client key: it is the idempotency key it was first
sent with, so what the marketplace already has is answered from its record, not posted twice. What was
found but cannot be sent as it was (its text cut short by the damage) goes to "Needs your attention"
with what could be read, and every such item is named in the report, so nothing the user typed
disappears without a word.
"""

from __future__ import annotations

import builtins
import dataclasses
import json
import logging
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from desktop.core.clock import format_ts, parse_ts, utcnow
from desktop.core.models import DeliveryState
from desktop.core.notices import Code, Notice
from desktop.storage import attachments, drafts, messages, outbox, pages, proposals

log = logging.getLogger("atelier.storage.rescue")

MESSAGE_SEND = "message.send"
"""The outbox kind of a chat message (``services.chat.SEND``; a test keeps the two in step)."""
PROPOSAL_SUBMIT = "proposal.submit"
"""The outbox kind of a proposal (``services.proposals.SUBMIT``)."""
SAVED_SEARCH_CREATE = "saved_search.create"
"""The outbox kind of a saved search (``services.saved_searches.CREATE``)."""
ATTACHMENT_UPLOAD = "attachment.upload"
"""The outbox kind of a file of a message (``services.attachments.UPLOAD``)."""

RESCUE_REASON = Notice(Code.RESCUED_NOT_SENT)
"""Why a rescued item waits in "Needs your attention" instead of being sent."""

_SQLITE_MAGIC = b"SQLite format 3\x00"
_STATE_RANK = {"pending": 0, "failed": 1, "sent": 2}  # an item's state only ever moves forward
_OUTBOX_FIELDS = outbox._COLUMNS.split(", ")
_ECHO_COLUMNS = "id, room_id, sender_id, sender_name, created_at, state, client_key, body"
_PROPOSAL_COLUMNS = proposals._COLUMNS + ", client_key"
_DRAFT_COLUMNS = drafts._COLUMNS
_SEARCH_COLUMNS = "id, client_key, name, filter_json, created_at, updated_at, seen_at, deleting"
_MAX_PROBE = 100_000
# columns of a room or a draft; of a message, and of an outbox row before schema 5; of an outbox row since
_SHAPES = frozenset({3, 8, 9, 10, 15})  # and of a proposal
_BODY = re.compile(r'"body":"((?:[^"\\]|\\.)*)')
_ROOM = re.compile(r'"room_id":"((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True, slots=True)
class Lost:
    """Something the user had queued that could not be sent as it was: named for the user."""

    kind: str
    room_id: str
    text: str
    """What could be read of the user's words (cut short by the damage)."""
    room_name: str = ""
    key: str = ""
    """Its idempotency key, when it could be read."""


@dataclass(slots=True)
class Found:
    """Everything read from the damaged file."""

    outbox: dict[str, dict[str, Any]] = field(default_factory=dict)  # by idempotency key
    echoes: dict[str, dict[str, Any]] = field(default_factory=dict)  # by client key
    # client keys the marketplace's copy of a message already carries, with who sent it
    server_keys: dict[str, str] = field(default_factory=dict)
    me: set[str] = field(default_factory=set)  # the account's own user id(s), as far as the file says
    room_names: dict[str, str] = field(default_factory=dict)
    proposals: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # local rows, by client key
    proposed_jobs: set[str] = field(default_factory=set)  # jobs the marketplace's proposal is cached for
    drafts: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # proposals being written, by job
    room_drafts: dict[str, tuple[str, str]] = field(default_factory=dict)  # messages being written: room →
    # (body, updated_at), the newest copy found
    searches: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # local saved searches, by client key
    # our files (room_id, name, size, content_type, state, local_path), by upload key
    files: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    # the upload keys of the files each of our unsent messages carries, by its client key
    echo_files: dict[str, builtins.list[str]] = field(default_factory=dict)
    cut_short: builtins.list[Lost] = field(default_factory=builtins.list)
    unreadable_ids: set[int] = field(default_factory=set)
    damaged: bool = False
    """Whether SQLite failed anywhere while reading (the page-level read then ran)."""
    how: builtins.list[str] = field(default_factory=builtins.list)


@dataclass(frozen=True, slots=True)
class Report:
    """What a rescue put back, and what it could not: the user is told all of it."""

    requeued: int
    """Items waiting to be sent that are queued again (from the outbox or from a message's echo)."""
    from_echoes: int
    """Of those, how many came back from their local copies (a message's echo, a proposal's or a saved
    search's row) because their outbox rows were gone."""
    lost: tuple[Lost, ...]
    unreadable: int
    """Outbox rows nothing could be read of, not even from a message's echo; they may have been sent
    already (the outbox keeps sent items as history)."""

    @property
    def complete(self) -> bool:
        return not self.lost and not self.unreadable


# -- reading ------------------------------------------------------------------------------------------


def read(path: Path) -> Found:
    """What can be read of the user's queued work from a damaged cache file. Never raises for the file."""
    found = Found()
    if not path.exists():
        return found
    readable = _read_sql(path, found, "as is")
    if not readable:
        try:
            with tempfile.TemporaryDirectory(prefix="rescue-", dir=path.parent) as folder:
                copy = _repaired_copy(path, Path(folder))
                if copy is not None:
                    readable = _read_sql(copy, found, "with its header repaired")
        except OSError:  # no room for a copy next to it (a full or read-only disk): the pages still tell
            log.warning("could not make a repaired copy of %s", path.name, exc_info=True)
    if not readable or found.damaged:
        _read_pages(path, found)
    found.unreadable_ids -= {int(r["id"]) for r in found.outbox.values()}
    return found


def _connect(path: Path) -> sqlite3.Connection | None:
    try:
        # read-write so a pending WAL is applied; query_only keeps us from changing anything else
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=1.0)
        conn.execute("PRAGMA query_only = 1")
        return conn
    except sqlite3.Error:
        return None


def _read_sql(path: Path, found: Found, how: str) -> bool:
    """Read through SQLite; False when SQLite cannot read the file as a database at all."""
    conn = _connect(path)
    if conn is None:
        return False
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            return False
        found.how.append(how)
        _sql_outbox(conn, found)
        _sql_echoes(conn, found)
        _sql_rooms(conn, found)
        _sql_proposals(conn, found)
        _sql_profile(conn, found)
        for row in _rows(conn, "SELECT room_id, body, updated_at FROM room_drafts", found):
            _add_room_draft(found, row)
        _sql_files(conn, found)
        return True
    finally:
        conn.close()


def _rows(conn: sqlite3.Connection, sql: str, found: Found) -> builtins.list[tuple[Any, ...]]:
    """The rows a query yields before the first damaged page (noting the damage)."""
    rows: builtins.list[tuple[Any, ...]] = []
    try:
        cur = conn.execute(sql)
        while True:
            row = cur.fetchone()
            if row is None:
                break
            rows.append(row)
    except sqlite3.Error:
        found.damaged = True
    return rows


def _sql_outbox(conn: sqlite3.Connection, found: Found) -> None:
    scanned = _rows(conn, "SELECT id FROM outbox ORDER BY id", found)
    ids = {int(r[0]) for r in scanned if isinstance(r[0], int)}
    # The scan stops at the first damaged page; probe the ids it could not reach one by one.
    highest = max(ids, default=0)
    for sql in ("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'", "SELECT max(id) FROM outbox"):
        for row in _rows(conn, sql, found):
            if isinstance(row[0], int):
                highest = max(highest, row[0])
    if found.damaged:
        ids.update(range(max(1, highest - _MAX_PROBE), highest + 1))
    for item_id in sorted(ids):
        try:
            row = conn.execute(f"SELECT {outbox._COLUMNS} FROM outbox WHERE id = ?", (item_id,)).fetchone()
        except sqlite3.Error:
            found.damaged = True
            found.unreadable_ids.add(item_id)
            continue
        if row is not None:
            _add_outbox(found, dict(zip(_OUTBOX_FIELDS, row, strict=True)))


def _sql_echoes(conn: sqlite3.Connection, found: Found) -> None:
    for row in _rows(conn, f"SELECT {_ECHO_COLUMNS} FROM messages WHERE client_key IS NOT NULL", found):
        _add_message(found, row, complete=True)


def _sql_rooms(conn: sqlite3.Connection, found: Found) -> None:
    for room_id, name in _rows(conn, "SELECT id, counterpart_name FROM rooms", found):
        if isinstance(room_id, str) and isinstance(name, str):
            found.room_names.setdefault(room_id, name)


def _sql_files(conn: sqlite3.Connection, found: Found) -> None:
    """Our files and which of our unsent messages carries them (schema 11; an older file has none)."""
    tables = {r[0] for r in _rows(conn, "SELECT name FROM sqlite_master WHERE type = 'table'", found)}
    if "attachments" not in tables:
        return
    for row in _rows(conn, "SELECT upload_key, room_id, name, size, content_type, state, local_path"
                           " FROM attachments WHERE upload_key IS NOT NULL", found):
        if isinstance(row[0], str) and all(isinstance(v, str) for v in (row[1], row[2], row[4])):
            found.files.setdefault(row[0], row[1:])
    for client_key, upload_key in _rows(
            conn, "SELECT m.client_key, a.upload_key FROM message_attachments ma"
                  " JOIN messages m ON m.id = ma.message_id JOIN attachments a ON a.id = ma.attachment_id"
                  " WHERE m.client_key IS NOT NULL AND a.upload_key IS NOT NULL"
                  " ORDER BY ma.message_id, ma.position", found):
        if isinstance(client_key, str) and isinstance(upload_key, str):
            found.echo_files.setdefault(client_key, []).append(upload_key)


def _sql_profile(conn: sqlite3.Connection, found: Found) -> None:
    for (user_id,) in _rows(conn, "SELECT freelancer_id FROM profile", found):
        if isinstance(user_id, str):
            found.me.add(user_id)


def _sql_proposals(conn: sqlite3.Connection, found: Found) -> None:
    for row in _rows(conn, f"SELECT {_PROPOSAL_COLUMNS} FROM proposals", found):
        _add_proposal(found, row)
    for row in _rows(conn, f"SELECT {_DRAFT_COLUMNS} FROM proposal_drafts", found):
        _add_draft(found, row)
    for row in _rows(conn, f"SELECT {_SEARCH_COLUMNS} FROM saved_searches", found):
        _add_search(found, row)


def _add_search(found: Found, row: tuple[Any, ...]) -> None:
    """A saved search: the marketplace's (its client key, if it was saved here, is taken care of) or ours
    still being saved."""
    if len(row) != 8 or not all(isinstance(v, str) for v in row[2:7]) or not isinstance(row[0], str):
        return
    key = row[1]
    if not isinstance(key, str) or not row[3].startswith("{"):
        return
    if not row[0].startswith("local:"):
        found.server_keys.setdefault(key, "")
        return
    found.searches.setdefault(key, row)


def _add_proposal(found: Found, row: tuple[Any, ...]) -> None:
    """A proposal row: the marketplace's (its job is taken care of), or ours still being sent."""
    if len(row) != 15 or not isinstance(row[0], str) or not isinstance(row[1], str):
        return
    if not row[0].startswith(proposals.LOCAL_PREFIX):
        found.proposed_jobs.add(row[1])
        return
    key = row[14]
    if not isinstance(key, str) or not all(isinstance(v, str) for v in row[1:10]):
        return
    try:
        Decimal(row[5]), Decimal(row[9]), parse_ts(row[12])
    except (InvalidOperation, ValueError, TypeError):
        return
    found.proposals.setdefault(key, row)


def _add_draft(found: Found, row: tuple[Any, ...]) -> None:
    if len(row) != 8 or not all(isinstance(v, str) for v in row):
        return
    try:
        Decimal(row[3]), Decimal(row[6])
        stamp = parse_ts(row[7])
    except (InvalidOperation, ValueError):
        return
    if not (len(row[4]) == 3 and row[4].isalpha() and row[4].isupper()):
        return
    known = found.drafts.get(row[0])
    if known is None or parse_ts(known[7]) < stamp:
        found.drafts[row[0]] = row


def _add_room_draft(found: Found, row: tuple[Any, ...]) -> None:
    """What the user was writing in a room (room_drafts: room_id, body, updated_at; a WITHOUT ROWID table,
    so on an index leaf page when read page by page)."""
    if len(row) != 3 or not all(isinstance(v, str) for v in row) or not row[0] or not row[1].strip():
        return
    try:
        stamp = parse_ts(row[2])
    except ValueError:
        return
    known = found.room_drafts.get(row[0])
    if known is None or parse_ts(known[1]) < stamp:
        found.room_drafts[row[0]] = (row[1], row[2])


def _add_outbox(found: Found, record: dict[str, Any]) -> None:
    if not outbox._valid(record) or "\x00" in str(record["payload"]):
        _note_cut_short(found, record)
        return
    key = str(record["idempotency_key"])
    known = found.outbox.get(key)
    if known is None or _STATE_RANK[record["state"]] > _STATE_RANK[known["state"]]:
        found.outbox[key] = record


def _note_cut_short(found: Found, record: dict[str, Any]) -> None:
    """An outbox row that is there but damaged: keep what a person can recognise of it."""
    if record.get("state") != "pending" or not isinstance(record.get("payload"), str):
        return
    kind = str(record.get("kind") or "")
    payload = str(record["payload"])
    body = _BODY.search(payload)
    room = _ROOM.search(payload)
    text = _unescape(body.group(1)).split("\x00")[0] if body else ""
    if kind != MESSAGE_SEND or not text.strip():
        # nothing a person would recognise (a proposal's letter cut short loses its job with it): counted
        if isinstance(record.get("id"), int):
            found.unreadable_ids.add(record["id"])
        return
    key = str(record.get("idempotency_key") or "")
    if key:
        found.cut_short = [c for c in found.cut_short if c.key != key]
    room_id = _unescape(room.group(1)) if room else ""
    found.cut_short.append(Lost(kind=kind, room_id=room_id, text=text, key=key))


def _unescape(text: str) -> str:
    try:
        value = json.loads(f'"{text}"')
    except ValueError:
        return text
    return value if isinstance(value, str) else text


def _add_message(found: Found, row: tuple[Any, ...], *, complete: bool) -> None:
    message_id, room_id, sender_id, sender_name, created_at, state, client_key, body = row
    if not (isinstance(message_id, str) and isinstance(client_key, str) and isinstance(body, str)):
        return
    if not message_id.startswith(messages.LOCAL_PREFIX):
        found.server_keys[client_key] = str(sender_id)
        return
    if not (isinstance(room_id, str) and isinstance(state, str) and isinstance(created_at, str)):
        return
    if "\x00" in body:  # a zeroed page inside the text (nobody types NUL): the rest is not the user's
        body, complete = body[:body.index("\x00")], False
    try:
        parse_ts(created_at)
    except ValueError:
        return
    found.me.add(str(sender_id))
    echo = {"room_id": room_id, "sender_id": str(sender_id), "sender_name": str(sender_name),
            "created_at": created_at, "state": state, "client_key": client_key, "body": body,
            "complete": complete}
    known = found.echoes.get(client_key)
    if known is None or (complete and not known["complete"]):
        found.echoes[client_key] = echo


def _repaired_copy(path: Path, folder: Path) -> Path | None:
    """A copy of the file (and its WAL) with the parts of the header SQLite checks first set right."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
        if len(head) < 100:
            return None
        copy = folder / "repaired.db"
        shutil.copyfile(path, copy)
        wal = Path(f"{path}-wal")
        has_wal = wal.exists() and wal.stat().st_size > 0
        if has_wal:
            shutil.copyfile(wal, Path(f"{copy}-wal"))
        header = bytearray(head)
        header[0:16] = _SQLITE_MAGIC
        if pages.page_size_from_header(bytes(header)) is None:
            size = pages.guess_page_size(copy.read_bytes())
            header[16:18] = (1 if size == 65536 else size).to_bytes(2, "big")
        if header[18] not in (1, 2) or header[19] not in (1, 2):
            header[18] = header[19] = 2 if has_wal else 1
        header[21:24] = b"\x40\x20\x20"  # payload fractions: fixed by the format
        with open(copy, "r+b") as fh:
            fh.write(header)
        return copy
    except OSError:
        log.warning("could not make a repaired copy of %s", path.name, exc_info=True)
        return None


def _read_pages(path: Path, found: Found) -> None:
    found.how.append("page by page")
    for record in pages.records(path, columns=_SHAPES):
        values = record.values
        n = len(values)
        if record.rowid == 0:  # an index leaf: of our rows, only a room's draft lives there
            if n == 3 and record.complete:
                _add_room_draft(found, values)
        elif (n in (9, 10) and values[0] is None and isinstance(values[1], str) and isinstance(values[2], str)
                and isinstance(values[3], str) and isinstance(values[4], int)
                and values[5] in _STATE_RANK):
            row = dict(zip(_OUTBOX_FIELDS, (record.rowid, *values[1:9]), strict=False))
            if len(row) == len(_OUTBOX_FIELDS) and record.complete:
                _add_outbox(found, row)
            elif not any(r["id"] == record.rowid for r in found.outbox.values()):
                row.setdefault("next_attempt_at", None)
                _note_cut_short(found, row)
        elif (n == 9 and values[0] is None and all(isinstance(v, str) for v in values[1:7])
              and isinstance(values[8], str)):
            _add_message(found, values[1:9], complete=record.complete)
        elif (n == 8 and isinstance(values[0], str) and isinstance(values[2], str)
              and isinstance(values[4], int)):
            found.room_names.setdefault(values[0], values[2])
        elif n == 8 and record.complete and isinstance(values[7], int):
            _add_search(found, values)
        elif (n == 9 and record.complete and isinstance(values[0], str) and isinstance(values[7], int)
              and isinstance(values[8], int)):
            _add_search(found, values[:8])  # a search written since schema 8 (its notify switch last)
        elif n == 8 and record.complete:
            _add_draft(found, values)
        elif n == 15 and record.complete:
            _add_proposal(found, values)


# -- putting back -------------------------------------------------------------------------------------


def plan(found: Found) -> tuple[builtins.list[dict[str, Any]], builtins.list[Lost], int]:
    """The outbox rows to put back (in the order they were queued), what is lost, and how many came
    from echoes."""
    rows = [dict(r) for r in found.outbox.values()]
    covered = set(found.outbox) | set(found.server_keys)
    lost: builtins.list[Lost] = []
    from_echoes = 0
    for key, echo in found.echoes.items():
        if key in covered or echo["state"] == DeliveryState.SENT.value:
            continue
        if echo["complete"] and echo["state"] == DeliveryState.SENDING.value:
            payload: dict[str, Any] = {"body": echo["body"], "room_id": echo["room_id"]}
            if found.echo_files.get(key):  # its files: the send uploads them under their keys first
                payload["attachments"] = found.echo_files[key]
            rows.append({
                "id": None, "kind": MESSAGE_SEND,
                "payload": json.dumps(payload, separators=(",", ":"), ensure_ascii=False, sort_keys=True),
                "idempotency_key": key, "attempts": 0, "state": "pending", "last_error": None,
                "created_at": format_ts(parse_ts(echo["created_at"])),
                "next_attempt_at": format_ts(parse_ts(echo["created_at"])),
            })
            from_echoes += 1
        else:
            lost.append(Lost(kind=MESSAGE_SEND, room_id=echo["room_id"], text=echo["body"], key=key))
    for key, row in found.proposals.items():
        if key in covered or row[1] in found.proposed_jobs:
            continue
        rows.append({
            "id": None, "kind": PROPOSAL_SUBMIT,
            "payload": json.dumps({"job_id": row[1], "cover_letter": row[4], "bid": row[5],
                                   "currency": row[6], "duration": row[7], "fee_rate": row[9],
                                   "job_title": row[2]},
                                  separators=(",", ":"), ensure_ascii=False, sort_keys=True),
            "idempotency_key": key, "attempts": 0, "state": "pending", "last_error": None,
            "created_at": format_ts(parse_ts(row[12])), "next_attempt_at": format_ts(parse_ts(row[12])),
        })
        from_echoes += 1
    for key, row in found.searches.items():
        if key in covered or row[7]:
            continue  # a search being deleted again before it was ever saved: nothing to send
        rows.append({
            "id": None, "kind": SAVED_SEARCH_CREATE,
            "payload": json.dumps({"filter": row[3], "name": row[2]}, separators=(",", ":"),
                                  ensure_ascii=False, sort_keys=True),
            "idempotency_key": key, "attempts": 0, "state": "pending", "last_error": None,
            "created_at": format_ts(parse_ts(row[4])), "next_attempt_at": format_ts(parse_ts(row[4])),
        })
        from_echoes += 1
    for cut in found.cut_short:
        if cut.key and (cut.key in covered or cut.key in found.echoes):
            continue  # its echo told the whole story
        lost.append(cut)
    named = [dataclasses.replace(c, room_name=found.room_names.get(c.room_id, "")) for c in lost]
    rows.sort(key=_queue_order)
    return rows, named, from_echoes


def _queue_order(row: dict[str, Any]) -> tuple[datetime, float]:
    return parse_ts(str(row["created_at"])), float(row["id"]) if row["id"] is not None else float("inf")


def restore(conn: sqlite3.Connection, found: Found) -> Report:
    """Put the rescued work into a fresh cache (inside the caller's transaction)."""
    rows, lost, from_echoes = plan(found)
    by_key = {str(r["idempotency_key"]): r for r in rows}
    requeued = 0
    for number, row in enumerate(rows, start=1):
        # renumbered in the order they were queued: a message rescued from its echo keeps its place
        row = {**row, "id": number}
        if not outbox.restore_rows(conn, [row]):
            continue
        if row["state"] == "pending":
            requeued += 1
        if row["kind"] == ATTACHMENT_UPLOAD and row["state"] != "sent":
            _restore_file(conn, found, row)
        if row["kind"] == MESSAGE_SEND and row["state"] != "sent":
            keys = _payload(row).get("attachments") or []
            files = [_restore_file(conn, found, by_key.get(str(k)), str(k)) for k in keys]
            _restore_echo(conn, found.echoes.get(row["idempotency_key"]), row["state"],
                          [f for f in files if f is not None])
        if row["kind"] == PROPOSAL_SUBMIT and row["state"] == "pending":
            _restore_proposal(conn, found.proposals.get(row["idempotency_key"]))
        if row["kind"] == SAVED_SEARCH_CREATE and row["state"] == "pending":
            search = found.searches.get(row["idempotency_key"])
            if search is not None:
                conn.execute(f"INSERT OR IGNORE INTO saved_searches ({_SEARCH_COLUMNS})"
                             f" VALUES ({', '.join('?' * 8)})", search)
    for draft in found.drafts.values():  # the user's letters being written: theirs, never marketplace data
        conn.execute(f"INSERT OR REPLACE INTO proposal_drafts ({_DRAFT_COLUMNS})"
                     f" VALUES ({', '.join('?' * 8)})", draft)
    for room_id, (body, updated_at) in found.room_drafts.items():  # and the messages being written
        conn.execute("INSERT OR REPLACE INTO room_drafts (room_id, body, updated_at) VALUES (?, ?, ?)",
                     (room_id, body, updated_at))
    for number, item in enumerate(lost, start=len(rows) + 1):
        _queue_lost(conn, number, item)
    # Each message rescued from its echo, or kept, was one of the rows nothing could be read of; so was
    # each message of ours the marketplace's copy shows delivered.
    delivered = {key for key, sender in found.server_keys.items() if sender in found.me} - set(found.outbox)
    unreadable = max(0, len(found.unreadable_ids) - from_echoes - len(lost) - len(delivered))
    return Report(requeued=requeued, from_echoes=from_echoes, lost=tuple(lost), unreadable=unreadable)


def _payload(row: dict[str, Any]) -> dict[str, Any]:
    try:
        value = json.loads(str(row["payload"]))
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _restore_file(conn: sqlite3.Connection, found: Found, upload: dict[str, Any] | None,
                  key: str | None = None) -> str | None:
    """One of our files in the cache again, waiting to be uploaded (its copy in the account's folder was
    never in the damaged file): from its row as read, else from its upload item. Returns its id."""
    key = key or (str(upload["idempotency_key"]) if upload is not None else None)
    if key is None:
        return None
    existing = attachments.by_upload_key(conn, key)
    if existing is not None:
        return existing.id
    known = found.files.get(key)
    if known is not None:
        room_id, name, size, content_type, state, local_path = known
    elif upload is not None:
        p = _payload(upload)
        room_id, name, size = p.get("room_id"), p.get("name"), p.get("size")
        content_type = p.get("content_type")
        state, local_path = upload["state"], p.get("path")
    else:
        return None
    if not (isinstance(room_id, str) and isinstance(name, str) and isinstance(content_type, str)):
        return None
    made = attachments.add_local(conn, key, room_id, name, size if isinstance(size, int) else 0, content_type,
                                 str(local_path) if local_path else None, utcnow())
    if state == "failed":
        attachments.set_failed(conn, key)
    return made.id


def _restore_echo(conn: sqlite3.Connection, echo: dict[str, Any] | None, state: str,
                  files: builtins.list[str] | None = None) -> None:
    """The message in its conversation again ("Sending…", or refused), as the user saw it."""
    if echo is None or not echo["complete"]:
        return
    messages.insert_local(conn, echo["room_id"], echo["body"], echo["sender_id"], echo["sender_name"],
                          echo["client_key"], parse_ts(echo["created_at"]), files or [])
    if state == "failed":
        messages.set_state(conn, echo["client_key"], DeliveryState.FAILED)


def _restore_proposal(conn: sqlite3.Connection, row: tuple[Any, ...] | None) -> None:
    """The proposal in the list again as "submitted", until the marketplace's copy replaces it."""
    if row is not None:
        conn.execute(f"INSERT OR IGNORE INTO proposals ({_PROPOSAL_COLUMNS}) VALUES ({', '.join('?' * 15)})",
                     row)


def _queue_lost(conn: sqlite3.Connection, number: int, item: Lost) -> None:
    """Into "Needs your attention": the user's words as far as they could be read, never sent by itself."""
    if item.kind != MESSAGE_SEND:
        return
    now = format_ts(utcnow())
    key = item.key or f"rescued-{number}-{now}"
    conn.execute(
        "INSERT OR IGNORE INTO outbox (id, kind, payload, idempotency_key, attempts, state, last_error,"
        " created_at, next_attempt_at) VALUES (?, ?, ?, ?, 0, 'failed', ?, ?, ?)",
        (number, item.kind,
         json.dumps({"body": item.text, "room_id": item.room_id}, separators=(",", ":"),
                    ensure_ascii=False, sort_keys=True),
         key, RESCUE_REASON.stored(), now, now))

