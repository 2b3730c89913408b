"""Files of chat messages: sending them through the outbox exactly once, and bringing them here to open.

Sending: when the user presses Send, each file is copied at once into the account's folder
(``outgoing/<upload key>/<name>``: the user may then move or delete the original), and one transaction
queues an upload item per file, then the message item naming their upload keys, with the message's
local echo. The worker sends in order, so the message always waits for its files. Each upload carries
its own idempotency key: a kill -9 anywhere, or an answer lost on the way, sends it again under the same
key and the marketplace answers the attachment it already kept. The message item resolves each key to
the marketplace's id (uploading it right there, under the same key, if the cache lost the answer: after
a rebuilt cache, say).

Downloading: streamed into ``files/<attachment id>/<name>`` next to the cache and recorded, so it opens
offline afterwards. Progress of both goes to the bus as ``AttachmentProgress``.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import mimetypes
import shutil
import sqlite3
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from desktop.api.port import Marketplace, Progress
from desktop.core.capabilities import Capabilities
from desktop.core.errors import DiskFullError, InputRejected, RequestRejected, StorageError
from desktop.core.models import Attachment, AttachmentState
from desktop.core.notices import Code, Notice
from desktop.services.events import AttachmentProgress, EventBus, MessagesChanged
from desktop.services.outbox import Applier, OutboxWorker
from desktop.storage import attachments, outbox
from desktop.storage.db import Database
from desktop.storage.errors import DISK_FULL
from desktop.storage.outbox import OutboxItem

log = logging.getLogger("atelier.attachments")
_NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT})
"""What a full disk (or a full quota) says when a file is written."""

UPLOAD = "attachment.upload"
DOWNLOADS_FOLDER = "files"
MAX_FILES = 10
"""Files one message may carry (the reference API's limit)."""
PROGRESS_EVERY = 0.1
"""Seconds between two progress reports of one file (the last one always goes)."""

_TYPES_BY_SUFFIX = {
    ".csv": "text/csv",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".webp": "image/webp",
    ".md": "text/plain",
    ".log": "text/plain",
}
"""Types the platform's table may not know (or may know differently)."""


def content_type_of(name: str) -> str:
    """The media type a file name says (application/octet-stream when it says none)."""
    suffix = Path(name).suffix.lower()
    if suffix in _TYPES_BY_SUFFIX:
        return _TYPES_BY_SUFFIX[suffix]
    guessed, _encoding = mimetypes.guess_type(f"file{suffix}", strict=False)
    return guessed or "application/octet-stream"


def safe_name(name: str) -> str:
    """A plain file name (no folders, no control characters, at most 255 characters), never empty."""
    plain = name.replace("\\", "/").rsplit("/", 1)[-1]
    plain = "".join(c for c in plain if ord(c) >= 32 and ord(c) != 127).strip()
    if plain in ("", ".", ".."):
        plain = "file"
    if len(plain) > 255:
        stem, suffix = Path(plain).stem, Path(plain).suffix[:20]
        plain = stem[: 255 - len(suffix)] + suffix
    return plain


@dataclass(frozen=True, slots=True)
class OutgoingFile:
    """A file the user picked for a message, checked: what the composer shows as a chip."""

    path: Path
    name: str
    size: int
    content_type: str


@dataclass(frozen=True, slots=True)
class Staged:
    """A file copied into the account's folder, about to be queued."""

    upload_key: str
    name: str
    size: int
    content_type: str
    copy: Path


def check_outgoing(path: Path, capabilities: Capabilities) -> OutgoingFile:
    """``AttachmentService.check`` for a marketplace that can do ``capabilities`` (the window may ask before
    the services exist: desktop/services/pending.py)."""
    name = safe_name(path.name)
    if not capabilities.send_attachments:
        raise InputRejected(Notice(Code.ATTACHMENTS_NOT_SUPPORTED, (capabilities.display_name,)))
    try:
        size = path.stat().st_size
    except OSError:
        raise InputRejected(Notice(Code.ATTACHMENT_MISSING, (name,))) from None
    if not path.is_file():
        raise InputRejected(Notice(Code.ATTACHMENT_MISSING, (name,)))
    if size == 0:
        raise InputRejected(Notice(Code.ATTACHMENT_EMPTY, (name,)))
    if size > capabilities.max_attachment_bytes:
        limit_mb = capabilities.max_attachment_bytes // (1024 * 1024)
        raise InputRejected(Notice(Code.ATTACHMENT_TOO_BIG, (name, limit_mb)))
    content_type = content_type_of(name)
    if capabilities.attachment_types and content_type not in capabilities.attachment_types:
        raise InputRejected(Notice(Code.ATTACHMENT_TYPE_REFUSED, (name,)))
    return OutgoingFile(path, name, size, content_type)


class AttachmentService:
    def __init__(self, api: Marketplace, db: Database, bus: EventBus, worker: OutboxWorker) -> None:
        self._api = api
        self._db = db
        self._bus = bus
        self._worker = worker
        folder = Path(db.path).parent
        self.outgoing = attachments.outgoing_dir(db.path)
        self.downloads = folder / DOWNLOADS_FOLDER
        self._downloads: dict[str, asyncio.Task[Path]] = {}
        worker.register(UPLOAD, self._upload_item, on_failure=self._upload_failed,
                        after_apply=self._announce)

    # -- what may be sent ------------------------------------------------------------------------------
    @property
    def can_send(self) -> bool:
        return self._api.capabilities.send_attachments

    @property
    def marketplace_name(self) -> str:
        """How the marketplace is called ("Upwork"): what says it takes no files from here."""
        return self._api.capabilities.display_name

    @property
    def max_bytes(self) -> int:
        return self._api.capabilities.max_attachment_bytes

    def check(self, path: Path) -> OutgoingFile:
        """The file as it would be sent, or ``InputRejected`` saying why it cannot be (not there, too big,
        a kind the marketplace does not take). Reads only the file's size (quick: the UI thread may ask)."""
        return check_outgoing(path, self._api.capabilities)

    async def stage(self, files: Sequence[Path]) -> list[Staged]:
        """Check each file and copy it into the account's folder (off the event loop's thread). On any
        problem nothing stays behind and ``InputRejected`` says what it was."""
        if len(files) > MAX_FILES:
            raise InputRejected(Notice(Code.TOO_MANY_ATTACHMENTS, (MAX_FILES,)))
        checked = [self.check(path) for path in files]
        staged: list[Staged] = []
        try:
            for file in checked:
                key = f"upl-{uuid.uuid4()}"
                copy = self.outgoing / key / file.name
                try:
                    size = await asyncio.to_thread(_copy, file.path, copy)
                except OSError as exc:
                    if exc.errno in _NO_ROOM:  # the copy into Atelier's folder, not the user's file
                        self._worker.disk.report_full(DiskFullError(DISK_FULL))
                        raise DiskFullError(DISK_FULL) from None
                    raise InputRejected(Notice(Code.ATTACHMENT_UNREADABLE, (file.name, exc.strerror or ""))) \
                        from None
                staged.append(Staged(key, file.name, size, file.content_type, copy))
        except BaseException:
            await self.remove_copies([s.copy for s in staged])
            raise
        return staged

    def queue_uploads(self, conn: sqlite3.Connection, room_id: str, staged: Sequence[Staged],
                      now: datetime) -> list[Attachment]:
        """In the transaction that queues their message (before it, so the worker sends them first): each
        file's row, shown "uploading", and its upload item."""
        rows = []
        for file in staged:
            rows.append(attachments.add_local(conn, file.upload_key, room_id, file.name, file.size,
                                              file.content_type, str(file.copy), now))
            outbox.enqueue(conn, UPLOAD, {
                "room_id": room_id, "name": file.name, "size": file.size, "content_type": file.content_type,
                "path": str(file.copy),
            }, file.upload_key, now)
        return rows

    async def remove_copies(self, copies: Iterable[Path | str]) -> None:
        def remove() -> None:
            for copy in copies:
                folder = Path(copy).parent
                with contextlib.suppress(OSError):
                    Path(copy).unlink()
                with contextlib.suppress(OSError):
                    folder.rmdir()

        await asyncio.to_thread(remove)

    # -- sending ---------------------------------------------------------------------------------------
    async def _upload_item(self, item: OutboxItem) -> Applier:
        answer = await self._upload(item.idempotency_key, item.payload)
        key = item.idempotency_key
        return lambda conn: attachments.uploaded(conn, key, answer)

    async def _upload(self, key: str, payload: dict[str, object]) -> Attachment:
        room_id, name = str(payload["room_id"]), str(payload["name"])
        source = Path(str(payload["path"]))
        # The copy is ours: only a damaged disk or a person removes it.
        if not await asyncio.to_thread(source.is_file):
            raise RequestRejected(Notice(Code.ATTACHMENT_MISSING, (name,)), 0)
        report = self._reporter(f"{attachments.LOCAL_PREFIX}{key}", room_id, upload=True)
        return await self._api.upload_attachment(room_id, source, name, str(payload["content_type"]), key,
                                                 progress=report)

    def _upload_failed(self, item: OutboxItem, reason: Notice) -> Applier:
        self._bus.emit(MessagesChanged(frozenset({str(item.payload.get("room_id", ""))})))
        key = item.idempotency_key
        return lambda conn: attachments.set_failed(conn, key)

    def _announce(self, item: OutboxItem) -> None:
        self._bus.emit(MessagesChanged(frozenset({str(item.payload.get("room_id", ""))})))

    async def resolve(self, upload_keys: Sequence[str]) -> list[str]:
        """The marketplace's ids of a message's files, in order. A file whose upload was answered has one;
        one the cache lost the answer of is uploaded again under its key (the marketplace answers what it
        kept); a refused one refuses the message."""
        ids: list[str] = []
        for key in upload_keys:
            row, queued = await self._db.read(partial(_known_upload, key=key))
            if row is not None and row.state is AttachmentState.REMOTE and not row.is_local:
                ids.append(row.id)
                continue
            if row is not None and row.state is AttachmentState.FAILED:
                raise RequestRejected(Notice(Code.ATTACHMENT_NOT_SENT, (row.name,)), 0)
            if queued is not None:
                payload = dict(queued.payload)
            elif row is not None and row.local_path:
                payload = {"room_id": "", "name": row.name, "content_type": row.content_type,
                           "path": row.local_path}
            else:
                raise RequestRejected(Notice(Code.ATTACHMENT_MISSING, (key,)), 0)
            if row is not None and row.local_path:
                payload["path"] = row.local_path
            answer = await self._upload(key, payload)
            await self._db.write(partial(attachments.uploaded, upload_key=key, answer=answer))
            ids.append(answer.id)
        return ids

    # -- bringing files here ---------------------------------------------------------------------------
    async def download(self, attachment: Attachment, room_id: str) -> Path:
        """The file on this computer: its copy here if there is one, else downloaded now (once, however
        often it is asked for at the same time) and kept for next time."""
        if attachment.local_path:
            here = Path(attachment.local_path)
            if await asyncio.to_thread(here.is_file):
                return here
        if attachment.is_local:
            raise RequestRejected(Notice(Code.ATTACHMENT_MISSING, (attachment.name,)), 0)
        running = self._downloads.get(attachment.id)
        if running is None or running.done():
            running = asyncio.ensure_future(self._download(attachment, room_id))
            self._downloads[attachment.id] = running
            attachment_id = attachment.id

            def forget(_task: asyncio.Task[Path]) -> None:
                self._downloads.pop(attachment_id, None)

            running.add_done_callback(forget)
        return await asyncio.shield(running)

    async def _download(self, attachment: Attachment, room_id: str) -> Path:
        folder = self.downloads / _folder_name(attachment.id)
        target = folder / safe_name(attachment.name)
        partial = folder / f".{target.name}.part"
        await asyncio.to_thread(folder.mkdir, parents=True, exist_ok=True)
        report = self._reporter(attachment.id, room_id, upload=False, total=attachment.size)
        try:
            await self._api.download_attachment(attachment.id, partial, progress=report)
            await asyncio.to_thread(partial.replace, target)
        except OSError as exc:  # writing the file here: the marketplace's side raises AtelierErrors
            with contextlib.suppress(OSError):
                partial.unlink()
            if exc.errno in _NO_ROOM:
                full = DiskFullError(DISK_FULL)
                self._worker.disk.report_full(full)  # the status bar says it, once; it clears by itself
                raise full from None
            raise StorageError(Notice(Code.CACHE_DISK_ERROR)) from exc
        except BaseException:
            with contextlib.suppress(OSError):
                partial.unlink()
            raise
        try:
            await self._db.write(lambda c: attachments.set_local_path(c, attachment.id, str(target)))
        except StorageError:  # the file is here all the same; the next open finds it by downloading again
            log.warning("could not record the download of %s", attachment.id, exc_info=True)
        self._bus.emit(MessagesChanged(frozenset({room_id})))
        return target

    def _reporter(self, attachment_id: str, room_id: str, *, upload: bool, total: int = 0) -> Progress:
        last = 0.0

        def report(done: int, size: int) -> None:
            nonlocal last
            now = time.monotonic()
            whole = size or total
            if done < whole and now - last < PROGRESS_EVERY:
                return
            last = now
            self._bus.emit(AttachmentProgress(attachment_id, room_id, done, whole, upload))

        return report

    # -- keeping the folders tidy ----------------------------------------------------------------------
    async def prune_files(self) -> int:
        """Remove the copies no row of the cache points at any more (after "Clear cache", a discarded
        message): never a file of an upload still waiting, which its row names."""
        keep = await self._db.read(attachments.local_paths)
        return await asyncio.to_thread(_prune, [self.outgoing, self.downloads], keep)


def _known_upload(conn: sqlite3.Connection, *, key: str) -> tuple[Attachment | None, OutboxItem | None]:
    return attachments.by_upload_key(conn, key), outbox.by_key(conn, key)


def _copy(source: Path, copy: Path) -> int:
    copy.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copyfile(source, copy)
    return copy.stat().st_size


def _folder_name(attachment_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in attachment_id)[:100] or "file"


def _prune(folders: list[Path], keep: set[str]) -> int:
    removed = 0
    kept = {str(Path(p)) for p in keep}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
            if path.is_file() and str(path) not in kept:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
            elif path.is_dir():
                with contextlib.suppress(OSError):
                    path.rmdir()  # only when empty
    return removed
