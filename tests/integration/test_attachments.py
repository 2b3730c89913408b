"""Files of messages against the real reference server: sent through the outbox exactly once (an answer
lost, the app killed between the upload and its message), downloaded once and opened offline after."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from desktop.core.errors import InputRejected, RequestRejected
from desktop.core.models import AttachmentState, DeliveryState
from desktop.core.notices import Code
from desktop.credentials import CredentialStore
from desktop.sandbox.files import seed_pdf, seed_png
from desktop.services.attachments import UPLOAD
from desktop.services.container import Services, build_services
from desktop.services.events import AttachmentProgress
from desktop.services.session import Session
from desktop.storage import attachments, messages, outbox
from desktop.storage.db import Database
from tests.integration.kill_between_upload_and_message import BODY

DEMO = "demo@atelier.test"
ROOT = Path(__file__).resolve().parents[2]


async def open_services(sandbox: Any, db_path: Path) -> Services:
    session = Session(sandbox.url, DEMO, CredentialStore.memory_only())
    await session.sign_in_with_password("demo")
    return await build_services(Database.open(db_path), session, account_label="test")


@pytest.fixture
async def services(sandbox: Any, tmp_path: Path) -> AsyncIterator[Services]:
    built = await open_services(sandbox, tmp_path / "cache.sqlite3")
    yield built
    await built.aclose()


def a_room(sandbox: Any) -> str:
    return str(sandbox.store.query(
        "SELECT rm.room_id FROM room_members rm JOIN accounts a ON a.id = rm.account_id"
        " WHERE a.email = ? ORDER BY rm.room_id LIMIT 1", (DEMO,))[0][0])


def server_files(sandbox: Any, room_id: str, name: str) -> list[Any]:
    return list(sandbox.store.query(
        "SELECT id, message_id, size FROM attachments WHERE room_id = ? AND name = ?", (room_id, name)))


def server_messages(sandbox: Any, room_id: str, body: str) -> list[Any]:
    return list(sandbox.store.query(
        "SELECT id, attachments FROM messages WHERE room_id = ? AND body = ?", (room_id, body)))


async def drain(services: Services, within: float = 20.0) -> None:
    services.outbox.start()
    deadline = asyncio.get_running_loop().time() + within
    while await services.outbox.pending_count():
        assert asyncio.get_running_loop().time() < deadline, "the outbox did not drain"
        await asyncio.sleep(0.05)


async def test_a_message_with_files_arrives_once_even_when_an_answer_was_lost(
    services: Services, sandbox: Any, tmp_path: Path
) -> None:
    room_id = a_room(sandbox)
    brief, sketch = tmp_path / "Brief été.pdf", tmp_path / "sketch.png"
    brief.write_bytes(seed_pdf("Brief", ["a line"]))
    sketch.write_bytes(seed_png(40, 30))
    progress: list[AttachmentProgress] = []
    services.bus.subscribe(lambda e: progress.append(e) if isinstance(e, AttachmentProgress) else None)

    local = await services.chat.send(room_id, "Both files attached.", [brief, sketch])
    # Copied at once: the user may delete the originals; the echo shows both files uploading.
    brief.unlink()
    sketch.unlink()
    assert [a.name for a in local.attachments] == ["Brief été.pdf", "sketch.png"]
    assert all(a.state is AttachmentState.UPLOADING and a.is_local for a in local.attachments)
    queued = await services.db.read(lambda c: outbox.list(c, "pending"))
    assert [item.kind for item in queued] == [UPLOAD, UPLOAD, "message.send"]
    # The first upload reached the marketplace but its answer never came back.
    first = queued[0]
    await services.api.upload_attachment(room_id, Path(first.payload["path"]), first.payload["name"],
                                         first.payload["content_type"], first.idempotency_key)

    await drain(services)

    assert len(server_files(sandbox, room_id, "Brief été.pdf")) == 1
    assert len(server_files(sandbox, room_id, "sketch.png")) == 1
    [(message_id, carried)] = server_messages(sandbox, room_id, "Both files attached.")
    assert [a["name"] for a in json.loads(carried)] == ["Brief été.pdf", "sketch.png"]
    sent = await services.db.read(lambda c: messages.get(c, message_id))
    assert sent is not None
    assert sent.state is DeliveryState.SENT
    assert [a.name for a in sent.attachments] == ["Brief été.pdf", "sketch.png"]
    assert all(a.state is AttachmentState.REMOTE and not a.is_local for a in sent.attachments)
    # Our own copies are the files to open: no download needed.
    copies = [Path(a.local_path) for a in sent.attachments if a.local_path]
    assert len(copies) == 2
    assert all(await asyncio.gather(*(asyncio.to_thread(c.is_file) for c in copies)))
    uploads = [p for p in progress if p.upload]
    assert uploads
    assert uploads[-1].done == uploads[-1].total


async def test_a_kill_between_the_upload_and_its_message_loses_nothing_and_duplicates_nothing(
    sandbox: Any, tmp_path: Path
) -> None:
    room_id = a_room(sandbox)
    for where in ("after-upload", "answer-lost"):
        db_path = tmp_path / where / "cache.sqlite3"
        db_path.parent.mkdir()
        original = tmp_path / where / f"{where}.pdf"
        original.write_bytes(seed_pdf(where, ["killed"]))
        env = dict(os.environ, ATELIER_TEST_TOKEN=sandbox.token_for(DEMO))
        proc = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "tests.integration.kill_between_upload_and_message", str(db_path),
             sandbox.url, room_id, str(original), where],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
        )
        assert proc.returncode == -signal.SIGKILL, proc.stderr
        assert "QUEUED" in proc.stdout
        original.unlink()  # the user tidied up: the copy in the cache is what is sent
        assert len(server_files(sandbox, room_id, original.name)) == 1
        assert [row for row in server_files(sandbox, room_id, original.name) if row[1]] == []

        restarted = await open_services(sandbox, db_path)
        try:
            await drain(restarted)
            files = server_files(sandbox, room_id, original.name)
            assert len(files) == 1, where
            assert files[0][1] is not None, where  # one file, carried by a message
            sent = [m for m in server_messages(sandbox, room_id, BODY) if files[0][0] in m[1]]
            assert len(sent) == 1, where
            sent_id = str(sent[0][0])
            cached = await restarted.db.read(lambda c, i=sent_id: messages.get(c, i))  # type: ignore[misc]
            assert cached is not None
            assert [a.id for a in cached.attachments] == [files[0][0]]
        finally:
            await restarted.aclose()


async def test_a_file_is_downloaded_once_then_opens_offline(services: Services, sandbox: Any) -> None:
    await services.sync.sync_now()
    seeded = sandbox.store.query(
        "SELECT id, room_id, name, size FROM attachments WHERE content_type = 'application/pdf' LIMIT 1")[0]
    attachment = await services.db.read(lambda c: attachments.get(c, seeded[0]))
    assert attachment is not None
    assert attachment.local_path is None
    assert attachment.size == seeded[3]

    first, second = await asyncio.gather(services.chat.files.download(attachment, seeded[1]),
                                         services.chat.files.download(attachment, seeded[1]))
    assert first == second
    assert first.read_bytes().startswith(b"%PDF-")
    assert first.name == seeded[2]
    assert first.stat().st_size == seeded[3]

    sandbox.stop()  # offline: the cache knows where the file is
    again = await services.db.read(lambda c: attachments.get(c, seeded[0]))
    assert again is not None
    assert again.local_path == str(first)
    assert await services.chat.files.download(again, seeded[1]) == first


async def test_what_the_marketplace_does_not_take_is_refused_before_anything_is_queued(
    services: Services, sandbox: Any, tmp_path: Path
) -> None:
    room_id = a_room(sandbox)
    script = tmp_path / "run.exe"
    script.write_bytes(b"MZ")
    empty = tmp_path / "empty.txt"
    empty.touch()
    for path in (script, empty, tmp_path / "gone.pdf"):
        with pytest.raises(InputRejected):
            await services.chat.send(room_id, "see attached", [path])
    assert await services.outbox.pending_count() == 0
    assert not any(services.chat.files.outgoing.glob("*/*"))


async def test_upwork_says_it_takes_no_files_from_atelier(upwork_sandbox: Any, tmp_path: Path) -> None:
    from tests.integration.test_upwork import fast_adapter, upwork_session

    session = upwork_session(upwork_sandbox)
    api = fast_adapter(session)
    built = await build_services(Database.open(tmp_path / "cache.sqlite3"), session, account_label="upwork",
                                 api=api)
    try:
        assert api.capabilities.send_attachments is False
        room_id = str(upwork_sandbox.room_ids()[0])
        brief = tmp_path / "brief.pdf"
        brief.write_bytes(seed_pdf("Brief", []))
        with pytest.raises(InputRejected) as refused:
            await built.chat.send(room_id, "see attached", [brief])
        assert refused.value.notice.code is Code.ATTACHMENTS_NOT_SUPPORTED
        assert refused.value.notice.args == ("Upwork",)
        with pytest.raises(RequestRejected) as unsupported:
            await api.upload_attachment(room_id, brief, "brief.pdf", "application/pdf", "k")
        assert "upwork.com" in str(unsupported.value)
        assert await built.outbox.pending_count() == 0
    finally:
        await built.aclose()
