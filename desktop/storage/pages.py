"""Read table rows straight from the pages of a damaged SQLite file, without SQLite.

When SQLite itself gives up on a file (a damaged header, a broken b-tree between the root and the rows),
the rows are usually still there, on leaf pages of their tables. This reads every page of the file and of
its write-ahead log, decodes each table-leaf cell as a record (following overflow chains) and hands the
records to the caller, who recognises its rows by their shape. Pages on the freelist (old content of
deleted rows) are skipped when the freelist can still be walked.

The format: https://www.sqlite.org/fileformat2.html. Never raises for what it finds in the file.
"""

from __future__ import annotations

import mmap
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

Value = int | float | str | bytes | None
Buffer = bytes | mmap.mmap

_PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
_TABLE_LEAF = 0x0D
_INDEX_LEAF = 0x0A
"""Index leaves hold the rows of WITHOUT ROWID tables (a room's draft, a job's marks), besides indexes."""
_WAL_HEADER = 32
_WAL_FRAME_HEADER = 24


@dataclass(frozen=True, slots=True)
class Record:
    rowid: int
    values: tuple[Value, ...]
    complete: bool
    """False when the record's end (an overflow page) could not be read: the last values are cut short."""


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    first = buf[pos]
    if first < 0x80:
        return first, pos + 1
    value = 0
    for i in range(8):
        byte = buf[pos + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, pos + i + 1
    value = (value << 8) | buf[pos + 8]
    if value >= 1 << 63:
        value -= 1 << 64
    return value, pos + 9


def page_size_from_header(data: Buffer) -> int | None:
    if len(data) < 100:
        return None
    raw = struct.unpack(">H", data[16:18])[0]
    size = 65536 if raw == 1 else raw
    return size if size in _PAGE_SIZES else None


def guess_page_size(data: Buffer) -> int:
    """The page size that makes the pages look like b-tree pages (when the header is unreadable).

    Every multiple of the true size looks as good as the true size (it lands on every other page start,
    and may even skip the overflow pages, which do not look like b-tree pages), while a smaller size lands
    mid-page (half of what it samples, at best, are page starts): so the smallest size that scores well
    over half the best is the one. A size that makes only a few pages of the file is left out when others
    make enough to judge (a few pages look right by chance)."""
    counts = {size: len(data) // size for size in _PAGE_SIZES}
    least = 8 if any(n > 8 for n in counts.values()) else 2
    scores: dict[int, int] = {}
    for size in sorted(_PAGE_SIZES):
        pages = counts[size]
        if pages < least:
            continue
        sampled = min(pages, 512) - 1
        score = sum(1 for n in range(1, sampled + 1) if data[n * size] in (0x02, 0x05, 0x0A, 0x0D))
        scores[size] = score * 512 // max(1, sampled)
    best = max(scores.values(), default=0)
    if best <= 0:
        return 4096
    return next(size for size, score in scores.items() if score * 10 >= best * 7)


def _freelist(data: Buffer, size: int, usable: int) -> set[int]:
    """Pages on the freelist (trunk and leaf), if the header still says where it starts."""
    found: set[int] = set()
    if len(data) < 100:
        return found
    trunk = struct.unpack(">I", data[32:36])[0]
    pages = len(data) // size
    while 0 < trunk <= pages and trunk not in found and len(found) <= pages:
        found.add(trunk)
        base = (trunk - 1) * size
        nxt, count = struct.unpack(">II", data[base:base + 8])
        count = min(count, (usable - 8) // 4)
        for i in range(count):
            leaf = struct.unpack(">I", data[base + 8 + 4 * i:base + 12 + 4 * i])[0]
            if 0 < leaf <= pages:
                found.add(leaf)
        trunk = nxt
    return found


class _Pages:
    """The file's pages, with the newest committed-or-not copy from the WAL laid over them."""

    def __init__(self, data: Buffer, wal: bytes, size: int, reserved: int) -> None:
        self.size = size
        self.usable = size - reserved
        self._data = data
        self._wal: dict[int, bytes] = {}
        if len(wal) > _WAL_HEADER:
            wal_size = struct.unpack(">I", wal[8:12])[0]
            salts = wal[16:24]
            if wal_size == size:
                pos = _WAL_HEADER
                while pos + _WAL_FRAME_HEADER + size <= len(wal):
                    if wal[pos + 8:pos + 16] != salts:
                        break  # a frame left from before the log was last reset: older than the file
                    number = struct.unpack(">I", wal[pos:pos + 4])[0]
                    if number > 0:
                        self._wal[number] = wal[pos + _WAL_FRAME_HEADER:pos + _WAL_FRAME_HEADER + size]
                    pos += _WAL_FRAME_HEADER + size
        self.count = max(len(data) // size, max(self._wal, default=0))

    def get(self, number: int) -> bytes | None:
        if number in self._wal:
            return self._wal[number]
        if number < 1 or number * self.size > len(self._data):
            return None
        return self._data[(number - 1) * self.size:number * self.size]


def _payload(pages: _Pages, page: bytes, pos: int, length: int, *, index: bool = False) -> tuple[bytes, bool]:
    """A leaf cell's payload at ``pos`` (following overflow pages); and whether it is whole. An index leaf
    keeps less of a long payload on its page than a table leaf (the file format's maxLocal)."""
    usable = pages.usable
    most_local = ((usable - 12) * 64 // 255) - 23 if index else usable - 35
    if length <= most_local:
        return page[pos:pos + length], pos + length <= len(page)
    least = ((usable - 12) * 32 // 255) - 23
    local = least + (length - least) % (usable - 4)
    if local > most_local:
        local = least
    parts = [page[pos:pos + local]]
    got = local
    overflow = struct.unpack(">I", page[pos + local:pos + local + 4])[0]
    seen: set[int] = set()
    while got < length:
        if overflow in seen:
            return b"".join(parts), False
        seen.add(overflow)
        content = pages.get(overflow)
        if content is None:
            return b"".join(parts), False
        take = min(usable - 4, length - got)
        parts.append(content[4:4 + take])
        got += take
        overflow = struct.unpack(">I", content[:4])[0]
    return b"".join(parts), True


def _decode(payload: bytes, whole: bool) -> tuple[tuple[Value, ...], bool] | None:
    """A record's values; None when the bytes are not a record at all."""
    header_size, pos = _varint(payload, 0)
    if header_size < 1 or header_size > len(payload):
        return None
    types: list[int] = []
    while pos < header_size:
        serial, pos = _varint(payload, pos)
        types.append(serial)
    values: list[Value] = []
    pos = header_size
    complete = whole
    for serial in types:
        if serial == 0:
            values.append(None)
        elif 1 <= serial <= 6:
            width = (1, 2, 3, 4, 6, 8)[serial - 1]
            raw = payload[pos:pos + width]
            if len(raw) < width:
                return (tuple(values), False) if not whole else None
            values.append(int.from_bytes(raw, "big", signed=True))
            pos += width
        elif serial == 7:
            raw = payload[pos:pos + 8]
            if len(raw) < 8:
                return (tuple(values), False) if not whole else None
            values.append(struct.unpack(">d", raw)[0])
            pos += 8
        elif serial in (8, 9):
            values.append(serial - 8)
        elif serial >= 12:
            width = (serial - 12) // 2
            raw = payload[pos:pos + width]
            if len(raw) < width:
                if whole:
                    return None
                complete = False
            pos += width
            if serial % 2:
                values.append(raw.decode("utf-8", errors="ignore" if len(raw) < width else "replace"))
            else:
                values.append(raw)
        else:
            return None
    return tuple(values), complete


def _columns(page: bytes, pos: int, most: int) -> int:
    """How many columns the record starting at ``pos`` has (from its header alone; counting stops past
    ``most``)."""
    header_size, at = _varint(page, pos)
    if header_size > 9 * most + 1:
        return most + 1
    end = min(pos + header_size, len(page))
    n = 0
    while at < end and n <= most:
        _serial, at = _varint(page, at)
        n += 1
    return n


def _cells(pages: _Pages, number: int, page: bytes, columns: frozenset[int] | None) -> Iterator[Record]:
    start = 100 if number == 1 else 0
    if page[start] not in (_TABLE_LEAF, _INDEX_LEAF):
        return
    index = page[start] == _INDEX_LEAF
    ncells = struct.unpack(">H", page[start + 3:start + 5])[0]
    most = max(columns) if columns else 0
    pointers = start + 8
    if pointers + 2 * ncells > len(page):
        return
    for i in range(ncells):
        try:
            offset = struct.unpack(">H", page[pointers + 2 * i:pointers + 2 * i + 2])[0]
            if offset < pointers + 2 * ncells or offset >= pages.usable:
                continue
            length, pos = _varint(page, offset)
            rowid = 0  # an index leaf's cell has no rowid (a WITHOUT ROWID row is keyed by its columns)
            if not index:
                rowid, pos = _varint(page, pos)
            if length <= 0 or length > 1 << 30:
                continue
            if columns is not None and _columns(page, pos, most) not in columns:
                continue  # another table's row: not worth assembling
            payload, whole = _payload(pages, page, pos, length, index=index)
            decoded = _decode(payload, whole)
        except (IndexError, struct.error):
            continue
        if decoded is not None:
            yield Record(rowid, decoded[0], decoded[1])


def records(path: Path, columns: frozenset[int] | None = None) -> Iterator[Record]:
    """Every record on every leaf page (table and index) of the file (and its WAL) that can be decoded; only
    those with a number of columns in ``columns``, if given (the header says it before anything is
    decoded). An index leaf's records have rowid 0."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size == 0:
                return
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return
    try:
        yield from _records(path, data, columns)
    finally:
        data.close()


def _records(path: Path, data: mmap.mmap, columns: frozenset[int] | None) -> Iterator[Record]:
    try:
        wal = Path(f"{path}-wal").read_bytes()
    except OSError:
        wal = b""
    stated = page_size_from_header(data)
    size = stated or guess_page_size(data)
    reserved = data[20] if stated is not None and data[20] <= 32 else 0
    pages = _Pages(data, wal, size, reserved)
    skip: set[int] = set()
    if stated is not None:  # the rest of the header is believable: its freelist too
        try:
            skip = _freelist(data, size, pages.usable)
        except struct.error:
            skip = set()
    for number in range(1, pages.count + 1):
        if number in skip:
            continue
        page = pages.get(number)
        if page is None or len(page) < pages.size:
            continue
        yield from _cells(pages, number, page, columns)
