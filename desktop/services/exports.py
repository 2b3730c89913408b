"""Earnings as CSV files a spreadsheet opens right: the transactions (as filtered on screen) and a year's
summary. Amounts are plain numbers with the interface's decimal separator and a currency column; dates
are ISO 8601; UTF-8 with a byte-order mark (without it, some spreadsheets read "é" as two letters). A file
is written next to its destination and renamed over it, so a failure never leaves half a file."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import errno
import io
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from desktop.core.clock import format_ts
from desktop.core.errors import AtelierError, DiskFullError
from desktop.core.models import Transaction, YearSummary
from desktop.core.notices import Code, Notice
from desktop.storage import earnings
from desktop.storage.db import Reader


class ExportError(AtelierError):
    """The file could not be written (the notice says why, for the user)."""


@dataclass(frozen=True, slots=True)
class CsvStyle:
    """How the user's spreadsheet expects numbers: "," decimals go with ";" between fields."""

    decimal_point: str = "."

    @property
    def delimiter(self) -> str:
        return ";" if self.decimal_point == "," else ","

    def number(self, value: Decimal) -> str:
        text = f"{value:.2f}"
        return text.replace(".", self.decimal_point) if self.decimal_point != "." else text


TRANSACTION_HEADER = ("date", "id", "type", "status", "description", "gross", "fee", "net", "currency",
                      "available_on")
SUMMARY_HEADER = ("year", "gross", "platform_fees", "net", "refunds_and_adjustments", "withdrawn",
                  "currency", "transactions")


def transactions_csv(items: Iterable[Transaction], style: CsvStyle) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=style.delimiter, lineterminator="\r\n")
    writer.writerow(TRANSACTION_HEADER)
    for t in items:
        writer.writerow((format_ts(t.created_at), t.id, t.type.value, t.status.value, _cell(t.description),
                         style.number(t.gross.amount), style.number(t.fee.amount), style.number(t.net.amount),
                         t.net.currency, format_ts(t.available_at) if t.available_at else ""))
    return out.getvalue()


def summary_csv(summaries: Sequence[YearSummary], style: CsvStyle) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=style.delimiter, lineterminator="\r\n")
    writer.writerow(SUMMARY_HEADER)
    for s in summaries:
        writer.writerow((s.year, style.number(s.gross.amount), style.number(s.fees.amount),
                         style.number(s.net.amount), style.number(s.refunds_and_adjustments.amount),
                         style.number(s.withdrawn.amount), s.net.currency, s.count))
    return out.getvalue()


def _cell(text: str) -> str:
    """Marketplace text as inert data: a spreadsheet would run a cell that starts with = + - @ as a formula
    (CSV injection), so such a cell starts with an apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_atomically(path: Path, text: str) -> None:
    """``text`` as ``path`` (UTF-8 with BOM): written beside it, then renamed over it."""
    folder = path.parent
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except FileNotFoundError as exc:
        raise ExportError(Notice(Code.EXPORT_NO_FOLDER, (str(folder),))) from exc
    except PermissionError as exc:
        raise ExportError(Notice(Code.EXPORT_NOT_ALLOWED, (str(folder),))) from exc
    except OSError as exc:
        raise _mapped(exc, folder) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise _mapped(exc, folder) from exc


def _mapped(exc: OSError, folder: Path) -> AtelierError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(Notice(Code.EXPORT_DISK_FULL, (str(folder),)))
    if isinstance(exc, PermissionError):
        return ExportError(Notice(Code.EXPORT_NOT_ALLOWED, (str(folder),)))
    return ExportError(Notice(Code.EXPORT_NOT_WRITTEN, (str(exc.strerror or exc),)))


class EarningsExport:
    """Reads the cache off the UI thread and writes the file off it too."""

    def __init__(self, db: Reader) -> None:
        self._db = db

    async def transactions(self, path: Path, style: CsvStyle, year: int | None = None) -> int:
        """Writes the transactions (of ``year``) to ``path``; returns how many."""
        items = await self._db.read(lambda c: earnings.all_transactions(c, year))
        text = transactions_csv(items, style)
        await asyncio.get_running_loop().run_in_executor(None, write_atomically, path, text)
        return len(items)

    async def summaries(self, path: Path, style: CsvStyle) -> int:
        """Writes one line per calendar year, newest first; returns how many years."""
        def read(c: sqlite3.Connection) -> list[YearSummary]:
            return [earnings.year_summary(c, y) for y in earnings.years(c)]

        found = await self._db.read(read)
        text = summary_csv(found, style)
        await asyncio.get_running_loop().run_in_executor(None, write_atomically, path, text)
        return len(found)
